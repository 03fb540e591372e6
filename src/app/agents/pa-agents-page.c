/* pa-agents-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The repository's agent store in the list plumbing of pa-list-page.c;
 * this file keeps the agents' columns, cells, sorting and search.
 */
#define G_LOG_DOMAIN "pa-agents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-agent-actions.h"
#include "pa-agents-page.h"
#include "pa-list-page.h"
#include "pa-phone.h"
#include "pa-status-badge.h"

typedef enum
{
  COLUMN_NAME,
  COLUMN_EXTENSION,
  COLUMN_EMAIL,
  COLUMN_ROUTING,
  COLUMN_PHONES,
  N_COLUMNS
} Column;

static const PaListColumn columns[N_COLUMNS] = {
  [COLUMN_NAME] = { "name", N_("Name"), TRUE },
  [COLUMN_EXTENSION] = { "extension", N_("Extension"), FALSE },
  [COLUMN_EMAIL] = { "email", N_("Email"), TRUE },
  [COLUMN_ROUTING] = { "routing", N_("Calls Ring On"), FALSE },
  [COLUMN_PHONES] = { "phones", N_("Phones"), FALSE },
};

struct _PaAgentsPage
{
  AdwBin     parent_instance;

  PaListPage list;
};

G_DEFINE_FINAL_TYPE (PaAgentsPage, pa_agents_page, ADW_TYPE_BIN)

static GParamSpec *properties[PA_LIST_PAGE_N_PROPS];

/* ---- plain functions ------------------------------------------------ */

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || haystack[0] == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

gboolean
pa_agent_matches (PaAgent    *agent,
                  const char *query)
{
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (PA_IS_AGENT (agent), FALSE);

  if (query == NULL)
    return TRUE;

  words = g_strsplit_set (query, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *folded = NULL;

      if (words[i][0] == '\0')
        continue;
      folded = g_utf8_casefold (words[i], -1);
      if (!contains_folded (pa_agent_get_name (agent), folded)
          && !contains_folded (pa_agent_get_extension (agent), folded)
          && !contains_folded (pa_agent_get_email (agent), folded))
        return FALSE;
    }
  return TRUE;
}

guint
pa_agent_count_phones (PaAgent    *agent,
                       GListModel *phones)
{
  gint64 id = pa_resource_get_id (PA_RESOURCE (agent));
  guint n = g_list_model_get_n_items (phones);
  guint count = 0;

  if (id == 0)
    return 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (phones, i);

      if (pa_phone_get_agent_id (phone) == id)
        count++;
    }
  return count;
}

/* ---- cells ---------------------------------------------------------- */

typedef struct
{
  PaAgentsPage *page;
  GtkListItem  *list_item;   /* not a reference: owns us */
  Column        column;
  PaAgent      *agent;
  gulong        agent_handler;
  GListModel   *phones;
  gulong        phones_handler;
  PaRepository *repository;
  gulong        loading_handler;
} CellBinding;

static void
cell_binding_free (gpointer data)
{
  CellBinding *binding = data;

  g_clear_signal_handler (&binding->agent_handler, binding->agent);
  g_clear_signal_handler (&binding->phones_handler, binding->phones);
  g_clear_signal_handler (&binding->loading_handler, binding->repository);
  g_clear_object (&binding->agent);
  g_clear_object (&binding->phones);
  g_clear_object (&binding->repository);
  g_free (binding);
}

static void
cell_update (CellBinding *binding)
{
  GtkWidget *child = gtk_list_item_get_child (binding->list_item);
  PaAgent *agent = binding->agent;

  switch (binding->column)
    {
    case COLUMN_NAME:
      pa_list_set_label (child, pa_agent_get_name (agent), _("Unnamed"));
      break;
    case COLUMN_EXTENSION:
      pa_list_set_label (child, pa_agent_get_extension (agent), "—");
      break;
    case COLUMN_EMAIL:
      pa_list_set_label (child, pa_agent_get_email (agent), "—");
      break;
    case COLUMN_ROUTING:
      pa_status_badge_set_label (PA_STATUS_BADGE (child),
                                 pa_agent_routing_to_string (pa_agent_get_routing (agent)));
      pa_status_badge_set_style (PA_STATUS_BADGE (child),
                                 pa_agent_get_routing (agent) == PA_AGENT_ROUTING_HARDWARE
                                 ? PA_BADGE_STYLE_ACCENT : PA_BADGE_STYLE_NEUTRAL);
      break;
    case COLUMN_PHONES:
      {
        guint n = binding->phones ? pa_agent_count_phones (agent, binding->phones) : 0;
        g_autofree char *text = g_strdup_printf ("%u", n);

        pa_list_set_label (child, n > 0 ? text : NULL, text);
      }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
cell_notify_cb (gpointer     instance,
                GParamSpec  *pspec,
                CellBinding *binding)
{
  cell_update (binding);
}

static void
cell_phones_changed_cb (GListModel  *phones,
                        guint        position,
                        guint        removed,
                        guint        added,
                        CellBinding *binding)
{
  cell_update (binding);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PaAgentsPage             *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pa-column"));
  GtkWidget *child;

  if (column == COLUMN_ROUTING)
    child = pa_status_badge_new ();
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), column == COLUMN_PHONES ? 1 : 0);
      if (column == COLUMN_NAME || column == COLUMN_EMAIL)
        {
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (GTK_LABEL (child), column == COLUMN_NAME ? 14 : 18);
        }
      if (column == COLUMN_NAME)
        gtk_widget_add_css_class (child, "heading");
      if (column == COLUMN_EXTENSION || column == COLUMN_PHONES)
        gtk_widget_add_css_class (child, "numeric");
    }

  gtk_list_item_set_child (list_item, child);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PaAgentsPage             *self)
{
  CellBinding *binding = g_new0 (CellBinding, 1);

  binding->page = self;
  binding->list_item = list_item;
  binding->column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pa-column"));
  binding->agent = g_object_ref (PA_AGENT (gtk_list_item_get_item (list_item)));
  binding->agent_handler = g_signal_connect (binding->agent, "notify",
                                             G_CALLBACK (cell_notify_cb), binding);
  if (binding->column == COLUMN_PHONES && self->list.repository != NULL)
    {
      /* Assignments change on the phones, in place: recount after each refresh too. */
      binding->phones = g_object_ref (pa_repository_get_phones (self->list.repository));
      binding->phones_handler = g_signal_connect (binding->phones, "items-changed",
                                                  G_CALLBACK (cell_phones_changed_cb), binding);
      binding->repository = g_object_ref (self->list.repository);
      binding->loading_handler = g_signal_connect (binding->repository, "notify::loading",
                                                   G_CALLBACK (cell_notify_cb), binding);
    }

  g_object_set_data_full (G_OBJECT (list_item), "pa-cell-binding", binding, cell_binding_free);
  cell_update (binding);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PaAgentsPage             *self)
{
  g_object_set_data (G_OBJECT (list_item), "pa-cell-binding", NULL);
}

/* ---- sorting -------------------------------------------------------- */

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  PaListSortKey *key = user_data;
  PaAgent *aa = PA_AGENT ((gpointer) a);
  PaAgent *ab = PA_AGENT ((gpointer) b);
  int result = 0;

  switch (key->column)
    {
    case COLUMN_NAME:
      result = pa_list_compare_strings (pa_agent_get_name (aa), pa_agent_get_name (ab));
      break;
    case COLUMN_EXTENSION:
      result = pa_list_compare_strings (pa_agent_get_extension (aa), pa_agent_get_extension (ab));
      break;
    case COLUMN_EMAIL:
      result = pa_list_compare_strings (pa_agent_get_email (aa), pa_agent_get_email (ab));
      break;
    case COLUMN_ROUTING:
      result = pa_list_compare_int64 (pa_agent_get_routing (aa), pa_agent_get_routing (ab));
      break;
    case COLUMN_PHONES:
      if (key->list->repository != NULL)
        {
          GListModel *phones = pa_repository_get_phones (key->list->repository);
          result = pa_list_compare_int64 (pa_agent_count_phones (aa, phones),
                                  pa_agent_count_phones (ab, phones));
        }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return pa_list_ordering (result, aa, ab);
}

/* ---- search and actions -------------------------------------------- */

static gboolean
matches_func (gpointer      item,
              const char   *query,
              PaRepository *repository)
{
  return pa_agent_matches (PA_AGENT (item), query);
}

static void
delete_selected_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pa_list_page_delete_selected (&PA_AGENTS_PAGE (widget)->list);
}

static const PaListPageSpec list_spec = {
  .columns = columns,
  .n_columns = N_COLUMNS,
  .initial_sort_column = COLUMN_NAME,
  .factory_setup = G_CALLBACK (factory_setup_cb),
  .factory_bind = G_CALLBACK (factory_bind_cb),
  .factory_unbind = G_CALLBACK (factory_unbind_cb),
  .sort_func = sort_func,
  .get_items = pa_repository_get_agents,
  .matches = matches_func,
  .edit_action = "win.edit-agent",
  .delete_action = "win.delete-agent",
};

/* ---- GObject -------------------------------------------------------- */

static void
pa_agents_page_dispose (GObject *object)
{
  PaAgentsPage *self = PA_AGENTS_PAGE (object);

  pa_agents_page_set_repository (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_AGENTS_PAGE);

  G_OBJECT_CLASS (pa_agents_page_parent_class)->dispose (object);
}

static void
pa_agents_page_finalize (GObject *object)
{
  PaAgentsPage *self = PA_AGENTS_PAGE (object);

  pa_list_page_finalize (&self->list);

  G_OBJECT_CLASS (pa_agents_page_parent_class)->finalize (object);
}

static void
pa_agents_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  pa_list_page_get_property (&PA_AGENTS_PAGE (object)->list, prop_id, value, pspec);
}

static void
pa_agents_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  pa_list_page_set_property (&PA_AGENTS_PAGE (object)->list, prop_id, value, pspec);
}

static void
pa_agents_page_class_init (PaAgentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_agents_page_dispose;
  object_class->finalize = pa_agents_page_finalize;
  object_class->get_property = pa_agents_page_get_property;
  object_class->set_property = pa_agents_page_set_property;

  pa_list_page_install_properties (object_class, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/agents/pa-agents-page.ui");
  pa_list_page_bind_template (widget_class, G_STRUCT_OFFSET (PaAgentsPage, list));

  gtk_widget_class_install_action (widget_class, "agents.delete-selected", NULL,
                                   delete_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "agents.delete-selected", NULL);
}

static void
pa_agents_page_init (PaAgentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pa_list_page_init (&self->list, GTK_WIDGET (self), &list_spec, properties);
}

/* ---- public --------------------------------------------------------- */

GtkWidget *
pa_agents_page_new (void)
{
  return g_object_new (PA_TYPE_AGENTS_PAGE, NULL);
}

PaRepository *
pa_agents_page_get_repository (PaAgentsPage *self)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), NULL);

  return self->list.repository;
}

void
pa_agents_page_set_repository (PaAgentsPage *self,
                               PaRepository *repository)
{
  g_return_if_fail (PA_IS_AGENTS_PAGE (self));
  g_return_if_fail (repository == NULL || PA_IS_REPOSITORY (repository));

  pa_list_page_set_repository (&self->list, repository);
}

gboolean
pa_agents_page_get_search_mode (PaAgentsPage *self)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), FALSE);

  return pa_list_page_get_search_mode (&self->list);
}

void
pa_agents_page_set_search_mode (PaAgentsPage *self,
                                gboolean      search_mode)
{
  g_return_if_fail (PA_IS_AGENTS_PAGE (self));

  pa_list_page_set_search_mode (&self->list, search_mode);
}

GtkColumnView *
pa_agents_page_get_column_view (PaAgentsPage *self)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), NULL);

  return self->list.column_view;
}

GtkSelectionModel *
pa_agents_page_get_selection (PaAgentsPage *self)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->list.selection);
}

const char *
pa_agents_page_get_state (PaAgentsPage *self)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), NULL);

  return pa_list_page_get_state (&self->list);
}

void
pa_agents_page_set_query (PaAgentsPage *self,
                          const char   *query)
{
  g_return_if_fail (PA_IS_AGENTS_PAGE (self));

  pa_list_page_set_query (&self->list, query);
}

/* Column ids: see the table at the top. NULL for an unknown id. */
GtkColumnViewColumn *
pa_agents_page_get_column (PaAgentsPage *self,
                          const char   *id)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), NULL);

  return pa_list_page_get_column (&self->list, id);
}
