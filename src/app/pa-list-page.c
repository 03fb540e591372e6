/* pa-list-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The repository's store → GtkFilterListModel (search) → GtkSortListModel
 * (the column view's sorter) → GtkMultiSelection. The repository merges
 * refreshes into the same objects, so the pages' cells follow their item's
 * "notify" instead of waiting for a rebind.
 */
#define G_LOG_DOMAIN "pa-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-list-page.h"
#include "pa-resource.h"

/* ---- state ---------------------------------------------------------- */

static void
update_state (PaListPage *list)
{
  const char *state;

  if (list->repository == NULL)
    state = "loading";
  else if (g_list_model_get_n_items (list->spec->get_items (list->repository)) == 0)
    state = pa_repository_get_loading (list->repository) ? "loading" : "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (list->filter_model)) == 0)
    state = "no-results";
  else
    state = "list";

  gtk_stack_set_visible_child_name (list->stack, state);
}

static void
model_items_changed_cb (PaListPage *list)
{
  update_state (list);
}

static void
repository_loading_cb (PaListPage *list)
{
  update_state (list);
  if (pa_repository_get_loading (list->repository))
    return;

  /* A merge changes objects in place: the models cannot know, so sorting
   * and the search are asked again once the refresh has landed. */
  if (list->query != NULL && list->query[0] != '\0')
    gtk_filter_changed (GTK_FILTER (list->filter), GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < list->spec->n_columns; i++)
    gtk_sorter_changed (gtk_column_view_column_get_sorter (list->view_columns[i]),
                        GTK_SORTER_CHANGE_DIFFERENT);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PaListPage *list = user_data;

  return list->spec->matches (item, list->query, list->repository);
}

/* ---- callbacks ------------------------------------------------------ */

static void
search_changed_cb (PaListPage *list)
{
  /* Setting the text clears it first, which the entry reports at once. */
  if (list->syncing_entry)
    return;
  pa_list_page_set_query (list, gtk_editable_get_text (GTK_EDITABLE (list->search_entry)));
}

/* Enter in the search moves to the results, so the arrows and Enter work on them. */
static void
search_activate_cb (PaListPage *list)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (list->filter_model)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (list->column_view));
}

static void
column_view_activate_cb (PaListPage *list,
                         guint       position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list->selection), position);

  if (item != NULL)
    gtk_widget_activate_action (list->page, list->spec->edit_action, "x",
                                pa_resource_get_id (PA_RESOURCE (item)));
}

static void
search_mode_changed_cb (PaListPage *list)
{
  if (gtk_search_bar_get_search_mode (list->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (list->search_entry));
  g_object_notify_by_pspec (G_OBJECT (list->page), list->properties[PA_LIST_PAGE_PROP_SEARCH_MODE]);
}

/* ---- setup ---------------------------------------------------------- */

void
pa_list_page_install_properties (GObjectClass  *object_class,
                                 GParamSpec   **properties)
{
  properties[PA_LIST_PAGE_PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PA_LIST_PAGE_PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, PA_LIST_PAGE_N_PROPS, properties);
}

void
pa_list_page_bind_template (GtkWidgetClass *widget_class,
                            gsize           list_offset)
{
  gtk_widget_class_bind_template_child_full (widget_class, "search_bar", FALSE,
                                             list_offset + G_STRUCT_OFFSET (PaListPage, search_bar));
  gtk_widget_class_bind_template_child_full (widget_class, "search_entry", FALSE,
                                             list_offset + G_STRUCT_OFFSET (PaListPage, search_entry));
  gtk_widget_class_bind_template_child_full (widget_class, "stack", FALSE,
                                             list_offset + G_STRUCT_OFFSET (PaListPage, stack));
  gtk_widget_class_bind_template_child_full (widget_class, "column_view", FALSE,
                                             list_offset + G_STRUCT_OFFSET (PaListPage, column_view));
}

void
pa_list_page_init (PaListPage           *list,
                   GtkWidget            *page,
                   const PaListPageSpec *spec,
                   GParamSpec          **properties)
{
  GtkSorter *view_sorter;

  list->page = page;
  list->spec = spec;
  list->properties = properties;
  list->view_columns = g_new0 (GtkColumnViewColumn *, spec->n_columns);

  g_signal_connect_swapped (list->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), list);
  g_signal_connect_swapped (list->search_entry, "activate",
                            G_CALLBACK (search_activate_cb), list);
  g_signal_connect_swapped (list->column_view, "activate",
                            G_CALLBACK (column_view_activate_cb), list);

  for (guint i = 0; i < spec->n_columns; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;
      PaListSortKey *sort_key = g_new0 (PaListSortKey, 1);
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "pa-column", GINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", spec->factory_setup, page);
      g_signal_connect (factory, "bind", spec->factory_bind, page);
      g_signal_connect (factory, "unbind", spec->factory_unbind, page);

      sort_key->list = list;
      sort_key->column = i;
      sorter = GTK_SORTER (gtk_custom_sorter_new (spec->sort_func, sort_key, g_free));

      column = gtk_column_view_column_new (_(spec->columns[i].title), g_steal_pointer (&factory));
      gtk_column_view_column_set_expand (column, spec->columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (list->column_view, column);
      list->view_columns[i] = column;
      g_object_unref (column);   /* the view holds it */
    }

  list->filter = gtk_custom_filter_new (filter_func, list, NULL);
  list->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (list->filter)));
  view_sorter = gtk_column_view_get_sorter (list->column_view);
  list->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (list->filter_model)),
                                              g_object_ref (view_sorter));
  list->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (list->sort_model)));
  gtk_column_view_set_model (list->column_view, GTK_SELECTION_MODEL (list->selection));
  gtk_column_view_sort_by_column (list->column_view,
                                  list->view_columns[spec->initial_sort_column],
                                  GTK_SORT_ASCENDING);

  g_signal_connect_swapped (list->filter_model, "items-changed",
                            G_CALLBACK (model_items_changed_cb), list);
  g_signal_connect_swapped (list->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_changed_cb), list);
  gtk_search_bar_connect_entry (list->search_bar, GTK_EDITABLE (list->search_entry));
  gtk_search_bar_set_key_capture_widget (list->search_bar, page);

  update_state (list);
}

void
pa_list_page_finalize (PaListPage *list)
{
  g_clear_object (&list->selection);
  g_clear_object (&list->sort_model);
  g_clear_object (&list->filter_model);
  g_clear_object (&list->filter);
  g_clear_pointer (&list->view_columns, g_free);
  g_clear_pointer (&list->query, g_free);
}

/* ---- the page's API ------------------------------------------------- */

void
pa_list_page_get_property (PaListPage *list,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PA_LIST_PAGE_PROP_REPOSITORY:
      g_value_set_object (value, list->repository);
      break;
    case PA_LIST_PAGE_PROP_SEARCH_MODE:
      g_value_set_boolean (value, pa_list_page_get_search_mode (list));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (list->page, prop_id, pspec);
    }
}

void
pa_list_page_set_property (PaListPage   *list,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PA_LIST_PAGE_PROP_REPOSITORY:
      pa_list_page_set_repository (list, g_value_get_object (value));
      break;
    case PA_LIST_PAGE_PROP_SEARCH_MODE:
      pa_list_page_set_search_mode (list, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (list->page, prop_id, pspec);
    }
}

void
pa_list_page_set_repository (PaListPage   *list,
                             PaRepository *repository)
{
  g_return_if_fail (repository == NULL || PA_IS_REPOSITORY (repository));

  if (list->repository == repository)
    return;

  if (list->repository != NULL)
    {
      g_signal_handlers_disconnect_by_data (list->spec->get_items (list->repository), list);
      g_signal_handlers_disconnect_by_data (list->repository, list);
    }

  /* The old items leave the view first, so no cell outlives its repository. */
  if (list->filter_model != NULL)
    gtk_filter_list_model_set_model (list->filter_model, NULL);
  g_set_object (&list->repository, repository);

  if (repository != NULL)
    {
      GListModel *items = list->spec->get_items (repository);

      g_signal_connect_swapped (items, "items-changed",
                                G_CALLBACK (model_items_changed_cb), list);
      g_signal_connect_swapped (repository, "notify::loading",
                                G_CALLBACK (repository_loading_cb), list);
      gtk_filter_list_model_set_model (list->filter_model, items);
    }

  if (list->stack != NULL)
    update_state (list);
  g_object_notify_by_pspec (G_OBJECT (list->page), list->properties[PA_LIST_PAGE_PROP_REPOSITORY]);
}

gboolean
pa_list_page_get_search_mode (PaListPage *list)
{
  return gtk_search_bar_get_search_mode (list->search_bar);
}

void
pa_list_page_set_search_mode (PaListPage *list,
                              gboolean    search_mode)
{
  /* The search bar notifies, and search_mode_changed_cb relays it. */
  gtk_search_bar_set_search_mode (list->search_bar, search_mode);
}

const char *
pa_list_page_get_state (PaListPage *list)
{
  return gtk_stack_get_visible_child_name (list->stack);
}

void
pa_list_page_set_query (PaListPage *list,
                        const char *query)
{
  if (g_strcmp0 (list->query, query) == 0)
    return;

  g_free (list->query);
  list->query = g_strdup (query);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (list->search_entry)), query ? query : "") != 0)
    {
      list->syncing_entry = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (list->search_entry), query ? query : "");
      list->syncing_entry = FALSE;
    }
  gtk_filter_changed (GTK_FILTER (list->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (list);
}

GtkColumnViewColumn *
pa_list_page_get_column (PaListPage *list,
                         const char *id)
{
  for (guint i = 0; i < list->spec->n_columns; i++)
    if (g_strcmp0 (list->spec->columns[i].id, id) == 0)
      return list->view_columns[i];
  return NULL;
}

void
pa_list_page_delete_selected (PaListPage *list)
{
  g_autoptr(GtkBitset) selected = NULL;
  g_autoptr(GObject) item = NULL;

  if (list->selection == NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (list->selection));
  if (gtk_bitset_is_empty (selected))
    return;

  item = g_list_model_get_item (G_LIST_MODEL (list->selection), gtk_bitset_get_minimum (selected));
  if (item != NULL)
    gtk_widget_activate_action (list->page, list->spec->delete_action, "x",
                                pa_resource_get_id (PA_RESOURCE (item)));
}

/* ---- cell and sort helpers ------------------------------------------ */

void
pa_list_set_label (GtkWidget  *label,
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

int
pa_list_compare_strings (const char *a,
                         const char *b)
{
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  /* Empty values go last whichever way the column is sorted first. */
  if ((a == NULL || a[0] == '\0') != (b == NULL || b[0] == '\0'))
    return (a == NULL || a[0] == '\0') ? 1 : -1;
  if (a == NULL || b == NULL)
    return 0;

  /* The filename key sorts "ext 9" before "ext 10", which suits extensions too. */
  ka = g_utf8_collate_key_for_filename (a, -1);
  kb = g_utf8_collate_key_for_filename (b, -1);
  return strcmp (ka, kb);
}

int
pa_list_compare_int64 (gint64 a,
                       gint64 b)
{
  return (a > b) - (a < b);
}

int
pa_list_ordering (int           result,
                  gconstpointer a,
                  gconstpointer b)
{
  /* A stable order between equal rows, so a refresh does not shuffle them. */
  if (result == 0)
    result = pa_list_compare_int64 (pa_resource_get_id (PA_RESOURCE ((gpointer) a)),
                                    pa_resource_get_id (PA_RESOURCE ((gpointer) b)));
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}
