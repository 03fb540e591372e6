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
#include "pa-phone-usage.h"
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
agent_matches_query (PaAgent             *agent,
                     const PaSearchQuery *query)
{
  return pa_search_query_matches_fields (query,
                                         (const char *[]) { pa_agent_get_name (agent),
                                                            pa_agent_get_extension (agent),
                                                            pa_agent_get_email (agent) },
                                         3);
}

gboolean
pa_agent_matches (PaAgent    *agent,
                  const char *query)
{
  g_autoptr(PaSearchQuery) search = pa_search_query_new (query);

  g_return_val_if_fail (PA_IS_AGENT (agent), FALSE);

  return agent_matches_query (agent, search);
}

guint
pa_agent_count_phones (PaAgent    *agent,
                       GListModel *phones)
{
  return pa_phones_count_using (phones, PA_PHONE_USES_AGENT,
                                pa_resource_get_id (PA_RESOURCE (agent)));
}

/* ---- cells ---------------------------------------------------------- */

static void
cell_update (PaListCell *cell,
             GtkWidget  *child)
{
  PaAgent *agent = PA_AGENT (cell->item);

  switch (cell->column)
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
        GListModel *phones = pa_list_cell_get_phones (cell);
        guint n = phones ? pa_agent_count_phones (agent, phones) : 0;
        g_autofree char *text = g_strdup_printf ("%u", n);

        pa_list_set_label (child, n > 0 ? text : NULL, text);
      }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
cell_new (guint column)
{
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

  return child;
}

static void
cell_bind (PaListCell *cell)
{
  if (cell->column == COLUMN_PHONES)
    pa_list_cell_follow_phones (cell);
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
matches_func (gpointer             item,
              const PaSearchQuery *query,
              PaRepository        *repository)
{
  return agent_matches_query (PA_AGENT (item), query);
}

static const PaListPageSpec list_spec = {
  .title = N_("Agents"),
  .columns = columns,
  .n_columns = N_COLUMNS,
  .initial_sort_column = COLUMN_NAME,
  .cell_new = cell_new,
  .cell_bind = cell_bind,
  .cell_update = cell_update,
  .sort_func = sort_func,
  .get_items = pa_repository_get_agents,
  .matches = matches_func,
  .edit_action = "win.edit-agent",
};

/* ---- GObject -------------------------------------------------------- */

static void
pa_agents_page_class_init (PaAgentsPageClass *klass)
{
  pa_list_page_class_setup (GTK_WIDGET_CLASS (klass), G_STRUCT_OFFSET (PaAgentsPage, list),
                            properties,
                            "/org/example/PhoneAdmin/agents/pa-agents-page.ui",
                            "agents.delete-selected");
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

/* Column ids: see the table at the top; get_column returns NULL for an
 * unknown id. */
PA_LIST_PAGE_DEFINE_ACCESSORS (PaAgentsPage, pa_agents_page, PA_IS_AGENTS_PAGE)
