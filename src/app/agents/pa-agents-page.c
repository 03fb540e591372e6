/* pa-agents-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same pattern as the Phones page: the repository's agent store →
 * GtkFilterListModel → GtkSortListModel → GtkMultiSelection, cells
 * following their agent's "notify".
 */
#define G_LOG_DOMAIN "pa-agents-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-agent-actions.h"
#include "pa-agents-page.h"
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

typedef struct
{
  const char *id;
  const char *title;   /* translated when used */
  gboolean    expand;
} ColumnInfo;

static const ColumnInfo columns[N_COLUMNS] = {
  [COLUMN_NAME] = { "name", N_("Name"), TRUE },
  [COLUMN_EXTENSION] = { "extension", N_("Extension"), FALSE },
  [COLUMN_EMAIL] = { "email", N_("Email"), TRUE },
  [COLUMN_ROUTING] = { "routing", N_("Calls Ring On"), FALSE },
  [COLUMN_PHONES] = { "phones", N_("Phones"), FALSE },
};

struct _PaAgentsPage
{
  AdwBin               parent_instance;

  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkStack            *stack;
  GtkColumnView       *column_view;

  PaRepository        *repository;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  GtkMultiSelection   *selection;
  GtkColumnViewColumn *view_columns[N_COLUMNS];
  char                *query;
  gboolean             syncing_entry;
};

G_DEFINE_FINAL_TYPE (PaAgentsPage, pa_agents_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_REPOSITORY,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
set_label (GtkWidget  *label,
           const char *text,
           const char *fallback)
{
  gboolean empty = text == NULL || text[0] == '\0';

  gtk_label_set_label (GTK_LABEL (label), empty ? fallback : text);
  if (empty)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
cell_update (CellBinding *binding)
{
  GtkWidget *child = gtk_list_item_get_child (binding->list_item);
  PaAgent *agent = binding->agent;

  switch (binding->column)
    {
    case COLUMN_NAME:
      set_label (child, pa_agent_get_name (agent), _("Unnamed"));
      break;
    case COLUMN_EXTENSION:
      set_label (child, pa_agent_get_extension (agent), "—");
      break;
    case COLUMN_EMAIL:
      set_label (child, pa_agent_get_email (agent), "—");
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

        set_label (child, n > 0 ? text : NULL, text);
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
  if (binding->column == COLUMN_PHONES && self->repository != NULL)
    {
      /* Assignments change on the phones, in place: recount after each refresh too. */
      binding->phones = g_object_ref (pa_repository_get_phones (self->repository));
      binding->phones_handler = g_signal_connect (binding->phones, "items-changed",
                                                  G_CALLBACK (cell_phones_changed_cb), binding);
      binding->repository = g_object_ref (self->repository);
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

typedef struct
{
  PaAgentsPage *page;
  Column        column;
} SortData;

static int
compare_strings (const char *a,
                 const char *b)
{
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  if ((a == NULL || a[0] == '\0') != (b == NULL || b[0] == '\0'))
    return (a == NULL || a[0] == '\0') ? 1 : -1;
  if (a == NULL || b == NULL)
    return 0;

  /* The filename key sorts "ext 9" before "ext 10", which suits extensions too. */
  ka = g_utf8_collate_key_for_filename (a, -1);
  kb = g_utf8_collate_key_for_filename (b, -1);
  return strcmp (ka, kb);
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return (a > b) - (a < b);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  SortData *data = user_data;
  PaAgent *aa = PA_AGENT ((gpointer) a);
  PaAgent *ab = PA_AGENT ((gpointer) b);
  int result = 0;

  switch (data->column)
    {
    case COLUMN_NAME:
      result = compare_strings (pa_agent_get_name (aa), pa_agent_get_name (ab));
      break;
    case COLUMN_EXTENSION:
      result = compare_strings (pa_agent_get_extension (aa), pa_agent_get_extension (ab));
      break;
    case COLUMN_EMAIL:
      result = compare_strings (pa_agent_get_email (aa), pa_agent_get_email (ab));
      break;
    case COLUMN_ROUTING:
      result = compare_int64 (pa_agent_get_routing (aa), pa_agent_get_routing (ab));
      break;
    case COLUMN_PHONES:
      if (data->page->repository != NULL)
        {
          GListModel *phones = pa_repository_get_phones (data->page->repository);
          result = compare_int64 (pa_agent_count_phones (aa, phones),
                                  pa_agent_count_phones (ab, phones));
        }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  if (result == 0)
    result = compare_int64 (pa_resource_get_id (PA_RESOURCE (aa)),
                            pa_resource_get_id (PA_RESOURCE (ab)));
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* ---- state ---------------------------------------------------------- */

static void
update_state (PaAgentsPage *self)
{
  const char *state;

  if (self->repository == NULL)
    state = "loading";
  else if (g_list_model_get_n_items (pa_repository_get_agents (self->repository)) == 0)
    state = pa_repository_get_loading (self->repository) ? "loading" : "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    state = "no-results";
  else
    state = "list";

  gtk_stack_set_visible_child_name (self->stack, state);
}

static void
model_items_changed_cb (PaAgentsPage *self)
{
  update_state (self);
}

static void
repository_loading_cb (PaAgentsPage *self)
{
  update_state (self);
  if (pa_repository_get_loading (self->repository))
    return;

  /* Merges change agents in place; the models cannot know. */
  if (self->query != NULL && self->query[0] != '\0')
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < N_COLUMNS; i++)
    gtk_sorter_changed (gtk_column_view_column_get_sorter (self->view_columns[i]),
                        GTK_SORTER_CHANGE_DIFFERENT);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PaAgentsPage *self = user_data;

  return pa_agent_matches (PA_AGENT (item), self->query);
}

/* ---- callbacks ------------------------------------------------------ */

static void
search_changed_cb (PaAgentsPage *self)
{
  /* Setting the text clears it first, which the entry reports at once. */
  if (self->syncing_entry)
    return;
  pa_agents_page_set_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
search_activate_cb (PaAgentsPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static PaAgent *
agent_at (PaAgentsPage *self,
          guint         position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  return item ? PA_AGENT (item) : NULL;   /* the store keeps it alive */
}

static void
column_view_activate_cb (PaAgentsPage *self,
                         guint         position)
{
  PaAgent *agent = agent_at (self, position);

  if (agent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-agent", "x",
                                pa_resource_get_id (PA_RESOURCE (agent)));
}

static void
delete_selected_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaAgentsPage *self = PA_AGENTS_PAGE (widget);
  g_autoptr(GtkBitset) selected = NULL;
  PaAgent *agent;

  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected))
    return;

  agent = agent_at (self, gtk_bitset_get_minimum (selected));
  if (agent != NULL)
    gtk_widget_activate_action (widget, "win.delete-agent", "x",
                                pa_resource_get_id (PA_RESOURCE (agent)));
}

static void
search_mode_changed_cb (PaAgentsPage *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

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

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_free (self->query);

  G_OBJECT_CLASS (pa_agents_page_parent_class)->finalize (object);
}

static void
pa_agents_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PaAgentsPage *self = PA_AGENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, pa_agents_page_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_agents_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PaAgentsPage *self = PA_AGENTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      pa_agents_page_set_repository (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      pa_agents_page_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
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

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/agents/pa-agents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PaAgentsPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PaAgentsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PaAgentsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PaAgentsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "agents.delete-selected", NULL,
                                   delete_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "agents.delete-selected", NULL);
}

static void
pa_agents_page_init (PaAgentsPage *self)
{
  GtkSorter *view_sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;
      SortData *sort_data = g_new0 (SortData, 1);
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "pa-column", GINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), self);

      sort_data->page = self;
      sort_data->column = i;
      sorter = GTK_SORTER (gtk_custom_sorter_new (sort_func, sort_data, g_free));

      column = gtk_column_view_column_new (_(columns[i].title), g_steal_pointer (&factory));
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);
      self->view_columns[i] = column;
      g_object_unref (column);   /* the view holds it */
    }

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  view_sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                              g_object_ref (view_sorter));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->view_columns[COLUMN_NAME],
                                  GTK_SORT_ASCENDING);

  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (model_items_changed_cb), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_changed_cb), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  update_state (self);
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

  return self->repository;
}

void
pa_agents_page_set_repository (PaAgentsPage *self,
                               PaRepository *repository)
{
  g_return_if_fail (PA_IS_AGENTS_PAGE (self));
  g_return_if_fail (repository == NULL || PA_IS_REPOSITORY (repository));

  if (self->repository == repository)
    return;

  if (self->repository != NULL)
    {
      g_signal_handlers_disconnect_by_data (pa_repository_get_agents (self->repository), self);
      g_signal_handlers_disconnect_by_data (self->repository, self);
    }

  if (self->filter_model != NULL)
    gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_set_object (&self->repository, repository);

  if (repository != NULL)
    {
      GListModel *agents = pa_repository_get_agents (repository);

      g_signal_connect_swapped (agents, "items-changed",
                                G_CALLBACK (model_items_changed_cb), self);
      g_signal_connect_swapped (repository, "notify::loading",
                                G_CALLBACK (repository_loading_cb), self);
      gtk_filter_list_model_set_model (self->filter_model, agents);
    }

  if (self->stack != NULL)
    update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

gboolean
pa_agents_page_get_search_mode (PaAgentsPage *self)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
pa_agents_page_set_search_mode (PaAgentsPage *self,
                                gboolean      search_mode)
{
  g_return_if_fail (PA_IS_AGENTS_PAGE (self));

  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

GtkColumnView *
pa_agents_page_get_column_view (PaAgentsPage *self)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), NULL);

  return self->column_view;
}

GtkSelectionModel *
pa_agents_page_get_selection (PaAgentsPage *self)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

const char *
pa_agents_page_get_state (PaAgentsPage *self)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
pa_agents_page_set_query (PaAgentsPage *self,
                          const char   *query)
{
  g_return_if_fail (PA_IS_AGENTS_PAGE (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query ? query : "") != 0)
    {
      self->syncing_entry = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query ? query : "");
      self->syncing_entry = FALSE;
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* Column ids: see the table at the top. NULL for an unknown id. */
GtkColumnViewColumn *
pa_agents_page_get_column (PaAgentsPage *self,
                          const char   *id)
{
  g_return_val_if_fail (PA_IS_AGENTS_PAGE (self), NULL);

  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_strcmp0 (columns[i].id, id) == 0)
      return self->view_columns[i];
  return NULL;
}
