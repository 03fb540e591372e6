/* pa-list-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The repository's store → GtkSortListModel (the column view's sorter) →
 * GtkFilterListModel (search) → GtkMultiSelection. The repository merges
 * refreshes into the same objects, so the pages' cells follow their item's
 * "notify" instead of waiting for a rebind.
 */
#define G_LOG_DOMAIN "pa-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-accessible-names.h"
#include "pa-bench-trace.h"
#include "pa-delete.h"
#include "pa-list-page.h"
#include "pa-phone-usage.h"
#include "pa-column-view-scroll.h"
#include "pa-resource.h"

/* From this many items, a list given whole is sorted in steps. */
#define SORT_IN_STEPS_FROM 5000
#define SORT_IN_STEPS_MAX_MS 1500

/* ---- state ---------------------------------------------------------- */

static void
update_state (PaListPage *list)
{
  const char *state;

  if (list->repository == NULL || gtk_sort_list_model_get_pending (list->sort_model) > 0
      || pa_filter_model_get_loading (list->filter_model))
    state = "loading";
  else if (g_list_model_get_n_items (list->spec->get_items (list->repository)) == 0)
    state = pa_repository_get_loading (list->repository) ? "loading" : "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (list->filter_model)) == 0)
    state = "no-results";
  else
    state = "list";

  /* Out of "loading" with no cross-fade: fading in a list just made
   * draws it twice a frame for 200 ms, 80 ms a frame for 100,000 phones
   * in software. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (list->stack), "loading") == 0)
    gtk_stack_set_visible_child_full (list->stack, state, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (list->stack, state);

  /* bench/app-fleet.sh: the page's model holds every item, once a load
   * has landed. */
  if (G_UNLIKELY (pa_bench_trace_on) && !list->bench_traced_complete
      && list->repository != NULL && !pa_repository_get_loading (list->repository)
      && g_list_model_get_n_items (G_LIST_MODEL (list->filter_model))
         == g_list_model_get_n_items (list->spec->get_items (list->repository))
      && g_list_model_get_n_items (G_LIST_MODEL (list->filter_model)) > 0)
    {
      list->bench_traced_complete = TRUE;
      pa_bench_trace_event ("list-complete %s %u", list->spec->title,
                            g_list_model_get_n_items (G_LIST_MODEL (list->filter_model)));
      pa_bench_trace_next_frame ("frame-after-complete");
    }
}

static void
model_items_changed_cb (PaListPage *list)
{
  update_state (list);
}

static void sort_deadline_cb (gpointer data);

/* The spinner of the "loading" page, if it has one. */
static GtkWidget *
find_spinner (GtkWidget *widget)
{
  if (GTK_IS_SPINNER (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_spinner (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
loading_spinner (PaListPage *list)
{
  GtkWidget *loading = gtk_stack_get_child_by_name (list->stack, "loading");

  return loading != NULL ? find_spinner (loading) : NULL;
}

/* GTK sorts in steps from an idle, which a window that draws every frame
 * would starve (a spinner, with GL in software taking longer than a frame
 * to draw): the spinner rests while it sorts and while the filter model
 * copies the sorted rows, until the list replaces it (pa_spinners starts
 * it again when the page shows next), and a sort still not done after
 * SORT_IN_STEPS_MAX_MS is finished at once. Its frames would also cost
 * the list's first: with cairo on X11, a frame that draws the whole list
 * reuses the shared memory of the last such frame unless smaller frames
 * came between (fresh memory costs ~20 ms of page faults). */
static void
sort_in_steps (PaListPage *list)
{
  GtkWidget *spinner = loading_spinner (list);

  list->sorting_in_steps = TRUE;
  pa_filter_model_set_source (list->filter_model, NULL);
  gtk_sort_list_model_set_incremental (list->sort_model, TRUE);
  if (spinner != NULL)
    gtk_spinner_stop (GTK_SPINNER (spinner));
  g_clear_handle_id (&list->sort_deadline, g_source_remove);
  list->sort_deadline = g_timeout_add_once (SORT_IN_STEPS_MAX_MS, sort_deadline_cb, list);
}

/* Sorted in steps once (a whole list given at once); later changes are
 * few and sorted as they come, so the rows never show out of order. */
static void
sort_pending_cb (PaListPage *list)
{
  if (!list->sorting_in_steps || gtk_sort_list_model_get_pending (list->sort_model) > 0)
    return;
  list->sorting_in_steps = FALSE;
  g_clear_handle_id (&list->sort_deadline, g_source_remove);
  gtk_sort_list_model_set_incremental (list->sort_model, FALSE);
  pa_filter_model_set_source (list->filter_model, G_LIST_MODEL (list->sort_model));
  update_state (list);
}

static void
sort_deadline_cb (gpointer data)
{
  PaListPage *list = data;

  list->sort_deadline = 0;
  g_debug ("Sorting %u items in steps took too long: finished at once",
           g_list_model_get_n_items (G_LIST_MODEL (list->sort_model)));
  /* Not incremental: GTK ends the sort now, and pending says 0. */
  gtk_sort_list_model_set_incremental (list->sort_model, FALSE);
  sort_pending_cb (list);
}

static void
repository_loading_cb (PaListPage *list)
{
  update_state (list);
  if (pa_repository_get_loading (list->repository))
    return;

  /* A merge changes objects in place: the models cannot know, so sorting
   * and the search are asked again once the refresh has landed; after
   * one that only added (the first listing) they are right already, and
   * sorting 100,000 phones again stalled the window for 170 ms. */
  if (pa_repository_count_changes_in_place () == list->changes_in_place_seen)
    return;
  list->changes_in_place_seen = pa_repository_count_changes_in_place ();
  if (list->search != NULL)
    pa_filter_model_refilter (list->filter_model);
  for (guint i = 0; i < list->spec->n_columns; i++)
    gtk_sorter_changed (gtk_column_view_column_get_sorter (list->view_columns[i]),
                        GTK_SORTER_CHANGE_DIFFERENT);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PaListPage *list = user_data;

  return list->spec->matches (item, list->search, list->repository);
}

/* PaFilterModelShowFunc: a new search shows its results from the top. */
static void
show_first_row (gpointer user_data)
{
  PaListPage *list = user_data;

  pa_column_view_scroll_to (list->column_view, 0);
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

static void setup_row_menu (PaListPage *list);
static void view_width_changed_cb (PaListPage *list);

/* ---- cells ---------------------------------------------------------- */

static void
cell_free (gpointer data)
{
  PaListCell *cell = data;

  for (guint i = 0; i < PA_LIST_CELL_N_WATCHES; i++)
    pa_list_cell_watch (cell, i, NULL, NULL);
  g_clear_signal_handler (&cell->item_handler, cell->item);
  g_clear_object (&cell->item);
  g_free (cell);
}

static void
cell_changed_cb (PaListCell *cell)
{
  GtkWidget *child = gtk_list_item_get_child (cell->list_item);

  cell->list->spec->cell_update (cell, child);
  pa_accessible_name_list_row (child);
}

void
pa_list_cell_watch (PaListCell *cell,
                    guint       slot,
                    gpointer    instance,
                    const char *signal)
{
  g_return_if_fail (slot < PA_LIST_CELL_N_WATCHES);

  if (cell->watched[slot] == instance)
    return;

  g_clear_signal_handler (&cell->handlers[slot], cell->watched[slot]);
  g_clear_object (&cell->watched[slot]);
  if (instance != NULL)
    {
      cell->watched[slot] = g_object_ref (G_OBJECT (instance));
      cell->handlers[slot] = g_signal_connect_swapped (instance, signal,
                                                       G_CALLBACK (cell_changed_cb), cell);
    }
}

void
pa_list_cell_follow_phones (PaListCell *cell)
{
  PaRepository *repository = cell->list->repository;

  if (repository == NULL)
    return;
  /* Phones added, removed or changed in place (their counts), once per
   * main-loop turn however many. */
  pa_list_cell_watch (cell, 0, pa_phone_usage_for (pa_repository_get_phones (repository)),
                      "changed");
  pa_list_cell_watch (cell, 1, repository, "notify::loading");
}

GListModel *
pa_list_cell_get_phones (PaListCell *cell)
{
  return cell->watched[0] != NULL ? pa_phone_usage_get_phones (PA_PHONE_USAGE (cell->watched[0]))
                                  : NULL;
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PaListPage               *list)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "pa-column"));

  GtkWidget *child = list->spec->cell_new (column);

  /* How a click or the focus finds its row (see position_of_widget()). */
  g_object_set_data (G_OBJECT (child), "pa-list-item", list_item);
  gtk_list_item_set_child (list_item, child);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PaListPage               *list)
{
  PaListCell *cell = g_new0 (PaListCell, 1);

  cell->list = list;
  cell->list_item = list_item;
  cell->column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "pa-column"));
  cell->item = g_object_ref (gtk_list_item_get_item (list_item));
  cell->item_handler = g_signal_connect_swapped (cell->item, "notify",
                                                 G_CALLBACK (cell_changed_cb), cell);
  if (list->spec->cell_bind != NULL)
    list->spec->cell_bind (cell);

  g_object_set_data_full (G_OBJECT (list_item), "pa-cell-binding", cell, cell_free);
  cell_changed_cb (cell);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PaListPage               *list)
{
  g_object_set_data (G_OBJECT (list_item), "pa-cell-binding", NULL);
}

/* ---- setup ---------------------------------------------------------- */

/* Where a single-list page keeps its PaListPage, set by
 * pa_list_page_class_setup() on the page's type. */
static GQuark
list_offset_quark (void)
{
  return g_quark_from_static_string ("pa-list-page-offset");
}

static PaListPage *
page_list (gpointer page)
{
  gsize offset = GPOINTER_TO_SIZE (g_type_get_qdata (G_OBJECT_TYPE (page), list_offset_quark ()));

  g_assert (offset != 0);
  return G_STRUCT_MEMBER_P (page, offset);
}

static void
page_get_property (GObject    *object,
                   guint       prop_id,
                   GValue     *value,
                   GParamSpec *pspec)
{
  pa_list_page_get_property (page_list (object), prop_id, value, pspec);
}

static void
page_set_property (GObject      *object,
                   guint         prop_id,
                   const GValue *value,
                   GParamSpec   *pspec)
{
  pa_list_page_set_property (page_list (object), prop_id, value, pspec);
}

static void
page_dispose (GObject *object)
{
  GType type = G_OBJECT_TYPE (object);
  GObjectClass *parent_class = g_type_class_peek (g_type_parent (type));

  pa_list_page_set_repository (page_list (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), type);

  parent_class->dispose (object);
}

static void
page_finalize (GObject *object)
{
  GObjectClass *parent_class = g_type_class_peek (g_type_parent (G_OBJECT_TYPE (object)));

  pa_list_page_finalize (page_list (object));

  parent_class->finalize (object);
}

static void
page_delete_selected_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  pa_list_page_delete_selected (page_list (widget));
}

void
pa_list_page_class_setup (GtkWidgetClass *widget_class,
                          gsize           list_offset,
                          GParamSpec    **properties,
                          const char     *resource,
                          const char     *delete_selected_action)
{
  GObjectClass *object_class = G_OBJECT_CLASS (widget_class);

  g_return_if_fail (list_offset != 0);

  g_type_set_qdata (G_TYPE_FROM_CLASS (widget_class), list_offset_quark (),
                    GSIZE_TO_POINTER (list_offset));
  /* The pages are final types, so the object's type is the one set up here. */
  object_class->dispose = page_dispose;
  object_class->finalize = page_finalize;
  object_class->get_property = page_get_property;
  object_class->set_property = page_set_property;
  pa_list_page_install_properties (object_class, properties);

  gtk_widget_class_set_template_from_resource (widget_class, resource);
  pa_list_page_bind_template (widget_class, list_offset);

  gtk_widget_class_install_action (widget_class, delete_selected_action, NULL,
                                   page_delete_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       delete_selected_action, NULL);
}

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
  pa_accessible_name_column_view (list->column_view, _(spec->title));

  for (guint i = 0; i < spec->n_columns; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;
      PaListSortKey *sort_key = g_new0 (PaListSortKey, 1);
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "pa-column", GUINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), list);
      g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), list);
      g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), list);

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

  /* Sorted, then searched: a keystroke in the search filters rows that
   * are in order already. Searched first, each keystroke sorted all the
   * matches again (about 55,000 of 100,000 phones for one digit, 0.4 s
   * of a stalled window; bench/app-fleet.sh). */
  view_sorter = gtk_column_view_get_sorter (list->column_view);
  list->sort_model = gtk_sort_list_model_new (NULL, g_object_ref (view_sorter));
  list->filter_model = pa_filter_model_new (G_LIST_MODEL (list->sort_model));
  pa_filter_model_set_show_func (list->filter_model, show_first_row, list);
  list->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (list->filter_model)));
  gtk_column_view_set_model (list->column_view, GTK_SELECTION_MODEL (list->selection));
  gtk_column_view_sort_by_column (list->column_view,
                                  list->view_columns[spec->initial_sort_column],
                                  GTK_SORT_ASCENDING);

  g_signal_connect_swapped (list->filter_model, "items-changed",
                            G_CALLBACK (model_items_changed_cb), list);
  g_signal_connect_swapped (list->filter_model, "notify::loading",
                            G_CALLBACK (update_state), list);
  g_signal_connect_swapped (list->sort_model, "notify::pending",
                            G_CALLBACK (sort_pending_cb), list);
  g_signal_connect_swapped (list->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_changed_cb), list);
  gtk_search_bar_connect_entry (list->search_bar, GTK_EDITABLE (list->search_entry));
  gtk_search_bar_set_key_capture_widget (list->search_bar, page);
  setup_row_menu (list);
  list->dropped_at = g_new0 (int, spec->n_columns);
  g_signal_connect_swapped (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (list->column_view)),
                            "changed", G_CALLBACK (view_width_changed_cb), list);

  update_state (list);
}

void
pa_list_page_finalize (PaListPage *list)
{
  g_clear_object (&list->selection);
  g_clear_object (&list->sort_model);
  g_clear_object (&list->filter_model);
  g_clear_pointer (&list->view_columns, g_free);
  g_clear_pointer (&list->dropped_at, g_free);
  g_clear_pointer (&list->query, g_free);
  g_clear_pointer (&list->search, pa_search_query_free);
  g_clear_handle_id (&list->fit_source, g_source_remove);
  g_clear_handle_id (&list->sort_deadline, g_source_remove);
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
  if (list->sort_model != NULL)
    gtk_sort_list_model_set_model (list->sort_model, NULL);
  g_set_object (&list->repository, repository);

  if (repository != NULL)
    {
      GListModel *items = list->spec->get_items (repository);

      g_signal_connect_swapped (items, "items-changed",
                                G_CALLBACK (model_items_changed_cb), list);
      g_signal_connect_swapped (repository, "notify::loading",
                                G_CALLBACK (repository_loading_cb), list);
      /* A large list is sorted in steps of a millisecond between frames,
       * the page saying "loading" and its view told of no row until it is
       * done: sorting 100,000 phones at once stalled the window for
       * 100 ms. The view then hears of the rows a screenful at a time
       * (PaFilterModel). */
      if (g_list_model_get_n_items (items) >= SORT_IN_STEPS_FROM)
        sort_in_steps (list);
      gtk_sort_list_model_set_model (list->sort_model, items);
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
  PA_BENCH_TRACE ("search-start %s", query ? query : "");
  g_clear_pointer (&list->search, pa_search_query_free);
  list->search = pa_search_query_new (query);
  /* No words: every row, without asking each one. */
  pa_filter_model_set_func (list->filter_model, list->search != NULL ? filter_func : NULL, list);
  update_state (list);
  PA_BENCH_TRACE ("search-filtered %u",
                  g_list_model_get_n_items (G_LIST_MODEL (list->filter_model)));
  PA_BENCH_TRACE_NEXT_FRAME ("search-drawn");
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

/* ---- columns that make room ----------------------------------------- */

/* Runs once the view has its size (never during its allocation): hides
 * the last droppable column while the columns are wider than the view,
 * and shows a hidden one again once the view is as wide as the columns
 * were when it went, so it cannot flicker in and out. */
static gboolean
fit_columns_cb (gpointer data)
{
  PaListPage *list = data;
  GtkAdjustment *h;
  double needed, shown;

  list->fit_source = 0;
  if (list->column_view == NULL)   /* the page is going */
    return G_SOURCE_REMOVE;
  h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (list->column_view));
  needed = gtk_adjustment_get_upper (h);
  shown = gtk_adjustment_get_page_size (h);
  if (shown < 1)
    return G_SOURCE_REMOVE;

  if (needed > shown + 1)
    {
      for (guint i = list->spec->n_columns; i-- > 0;)
        if (list->spec->columns[i].droppable && list->dropped_at[i] == 0)
          {
            list->dropped_at[i] = (int) needed;
            gtk_column_view_column_set_visible (list->view_columns[i], FALSE);
            break;
          }
      return G_SOURCE_REMOVE;
    }

  /* All that had room: expanding columns fill the view, so a width that
   * does not change may not be reported again. */
  for (guint i = 0; i < list->spec->n_columns; i++)
    if (list->dropped_at[i] != 0 && shown >= list->dropped_at[i])
      {
        list->dropped_at[i] = 0;
        gtk_column_view_column_set_visible (list->view_columns[i], TRUE);
      }
  return G_SOURCE_REMOVE;
}

static void
view_width_changed_cb (PaListPage *list)
{
  if (list->fit_source == 0)
    list->fit_source = g_idle_add (fit_columns_cb, list);
}

/* ---- targets and the row menu -------------------------------------- */

static GtkListItem *
list_item_below (GtkWidget *widget)
{
  GtkListItem *found = g_object_get_data (G_OBJECT (widget), "pa-list-item");

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       found == NULL && child != NULL; child = gtk_widget_get_next_sibling (child))
    found = list_item_below (child);
  return found;
}

/* The row @widget belongs to (a cell's widget, something in it, or the
 * row around the cells), GTK_INVALID_LIST_POSITION for anything else. */
static guint
position_of_widget (PaListPage *list,
                    GtkWidget  *widget)
{
  GtkListItem *list_item = NULL;

  for (GtkWidget *w = widget; w != NULL && w != GTK_WIDGET (list->column_view);
       w = gtk_widget_get_parent (w))
    {
      list_item = g_object_get_data (G_OBJECT (w), "pa-list-item");
      if (list_item != NULL)
        break;
    }
  if (list_item == NULL && widget != NULL && widget != GTK_WIDGET (list->column_view)
      && gtk_widget_is_ancestor (widget, GTK_WIDGET (list->column_view)))
    list_item = list_item_below (widget);
  return list_item != NULL ? gtk_list_item_get_position (list_item) : GTK_INVALID_LIST_POSITION;
}

static guint
focused_position (PaListPage *list)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (list->column_view));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (list->column_view)))
    return GTK_INVALID_LIST_POSITION;
  return position_of_widget (list, focus);
}

GPtrArray *
pa_list_page_get_targets (PaListPage *list)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkSelectionModel *model = GTK_SELECTION_MODEL (list->selection);
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (model == NULL)
    return items;
  position = focused_position (list);
  if (position != GTK_INVALID_LIST_POSITION && !gtk_selection_model_is_selected (model, position))
    gtk_selection_model_select_item (model, position, TRUE);

  selected = gtk_selection_model_get_selection (model);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (model), position));
  return items;
}

void
pa_list_page_delete_selected (PaListPage *list)
{
  g_autoptr(GPtrArray) items = pa_list_page_get_targets (list);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (list->page));

  if (items->len == 0 || list->repository == NULL)
    return;
  if (list->spec->delete_items != NULL)
    list->spec->delete_items (parent, list->repository, items);
  else
    pa_delete_interactive (parent, list->repository, items);
}

static void
row_delete_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  pa_list_page_delete_selected (user_data);
}

static void
row_menu_unparent_cb (GtkWidget  *column_view,
                      PaListPage *list)
{
  g_clear_pointer (&list->row_menu, gtk_widget_unparent);
}

void
pa_list_page_popup_row_menu (PaListPage *list,
                             guint       position,
                             double      x,
                             double      y)
{
  GtkSelectionModel *model = GTK_SELECTION_MODEL (list->selection);
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), position);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) last = g_menu_new ();
  g_autoptr(GMenuItem) entry = NULL;
  gint64 id;
  GdkRectangle where = { (int) x, (int) y, 1, 1 };

  if (item == NULL)
    return;
  id = pa_resource_get_id (PA_RESOURCE (item));
  /* As in Files: a row outside the selection becomes the selection; one
   * inside keeps it, so Delete acts on all the selected rows. */
  if (!gtk_selection_model_is_selected (model, position))
    gtk_selection_model_select_item (model, position, TRUE);

  entry = g_menu_item_new (_("_Edit"), NULL);
  g_menu_item_set_action_and_target_value (entry, list->spec->edit_action, g_variant_new_int64 (id));
  g_menu_append_item (menu, entry);
  for (guint i = 0; i < list->spec->n_row_actions; i++)
    {
      g_autoptr(GMenuItem) more = g_menu_item_new (_(list->spec->row_actions[i].label), NULL);

      g_menu_item_set_action_and_target_value (more, list->spec->row_actions[i].action,
                                               g_variant_new_int64 (id));
      g_menu_append_item (menu, more);
    }
  g_menu_append (last, _("_Delete…"), "row.delete");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (last));

  if (list->row_menu == NULL)
    {
      list->row_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_popover_set_has_arrow (GTK_POPOVER (list->row_menu), FALSE);
      gtk_widget_set_halign (list->row_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (list->row_menu, GTK_WIDGET (list->column_view));
      g_signal_connect (list->column_view, "destroy", G_CALLBACK (row_menu_unparent_cb), list);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (list->row_menu), G_MENU_MODEL (menu));

  if (x < 0)
    {
      /* From the keyboard: below the focused row's cells. */
      GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (list->column_view)));
      graphene_rect_t bounds;

      if (focus != NULL && gtk_widget_compute_bounds (focus, GTK_WIDGET (list->column_view), &bounds))
        where = (GdkRectangle) { (int) bounds.origin.x + 24,
                                 (int) (bounds.origin.y + bounds.size.height), 1, 1 };
      else
        where = (GdkRectangle) { 24, 24, 1, 1 };
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (list->row_menu), &where);
  gtk_popover_popup (GTK_POPOVER (list->row_menu));
}

static void
right_click_cb (GtkGestureClick *gesture,
                int              n_press,
                double           x,
                double           y,
                PaListPage      *list)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (list->column_view), x, y, GTK_PICK_DEFAULT);
  guint position = position_of_widget (list, picked);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  pa_list_page_popup_row_menu (list, position, x, y);
}

static gboolean
menu_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  PaListPage *list = user_data;
  guint position = focused_position (list);

  if (position == GTK_INVALID_LIST_POSITION)
    {
      g_autoptr(GtkBitset) selected =
        gtk_selection_model_get_selection (GTK_SELECTION_MODEL (list->selection));

      if (gtk_bitset_is_empty (selected))
        return FALSE;
      position = gtk_bitset_get_minimum (selected);
    }
  pa_list_page_popup_row_menu (list, position, -1, -1);
  return TRUE;
}

static void
setup_row_menu (PaListPage *list)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_shortcut_controller_new ();
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) delete = g_simple_action_new ("delete", NULL);

  g_signal_connect (delete, "activate", G_CALLBACK (row_delete_cb), list);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (delete));
  gtk_widget_insert_action_group (GTK_WIDGET (list->column_view), "row", G_ACTION_GROUP (group));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (right_click_cb), list);
  gtk_widget_add_controller (GTK_WIDGET (list->column_view), GTK_EVENT_CONTROLLER (click));

  /* The keys GTK itself uses for a context menu: Menu and Shift+F10. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                      gtk_callback_action_new (menu_key_cb, list, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (list->column_view), keys);
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

#define COLLATE_KEYS_MAX (1 << 18)

/* The filename key sorts "ext 9" before "ext 10", which suits extensions too. */
static const char *
collate_key (GHashTable *keys,
             const char *text)
{
  char *key = g_hash_table_lookup (keys, text);

  if (key == NULL)
    {
      key = g_utf8_collate_key_for_filename (text, -1);
      g_hash_table_insert (keys, g_strdup (text), key);
    }
  return key;
}

int
pa_list_compare_strings (const char *a,
                         const char *b)
{
  /* Sorting 100,000 phones compares about 1.7 million pairs: making both
   * keys on each comparison was 10 s of a stalled window. The keys are
   * kept by text instead (one per distinct value, about 100 bytes each),
   * all dropped when there are too many to keep. */
  static GMutex lock;
  static GHashTable *keys;
  const char *ka, *kb;
  int result;

  /* Empty values go last whichever way the column is sorted first. */
  if ((a == NULL || a[0] == '\0') != (b == NULL || b[0] == '\0'))
    return (a == NULL || a[0] == '\0') ? 1 : -1;
  if (a == NULL || a[0] == '\0')
    return 0;

  g_mutex_lock (&lock);
  if (keys == NULL)
    keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  else if (g_hash_table_size (keys) >= COLLATE_KEYS_MAX)
    g_hash_table_remove_all (keys);
  ka = collate_key (keys, a);
  kb = collate_key (keys, b);
  result = strcmp (ka, kb);
  g_mutex_unlock (&lock);
  return result;
}

int
pa_list_compare_keys (const char *key_a,
                      const char *key_b)
{
  if ((key_a == NULL) != (key_b == NULL))
    return key_a == NULL ? 1 : -1;
  if (key_a == NULL)
    return 0;
  return strcmp (key_a, key_b);
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
