/* pa-list-page.h — the plumbing a section page shares: a searchable,
 * sortable column view over one of the repository's stores
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a widget: a page embeds a PaListPage in its instance struct, binds the
 * four template children into it and hands it its columns, cell factory
 * callbacks, sort and match functions. The page keeps its own properties
 * and public API and forwards to these functions.
 */
#pragma once

#include <adwaita.h>

#include "pa-repository.h"
#include "pa-filter-model.h"
#include "pa-search-query.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id;
  const char *title;   /* marked with N_(): translated when the column is made */
  gboolean    expand;
  /* Hidden while the list is narrower than its columns need (the last
   * such column first), shown again once there is room; what it shows is
   * in the item's editor too. */
  gboolean    droppable;
} PaListColumn;

typedef struct _PaListPage PaListPage;

/* The properties every list page has: "repository" (PaRepository,
 * nullable) and "search-mode" (bool). A page's own come after these. */
enum
{
  PA_LIST_PAGE_PROP_0,
  PA_LIST_PAGE_PROP_REPOSITORY,
  PA_LIST_PAGE_PROP_SEARCH_MODE,
  PA_LIST_PAGE_N_PROPS
};

/* An entry of a row's context menu. */
typedef struct
{
  const char *label;    /* N_(), with a mnemonic */
  const char *action;   /* takes the row's id ("x") */
} PaListRowAction;

/* What a column's GtkCustomSorter gets as user data. */
typedef struct
{
  PaListPage *list;
  guint       column;
} PaListSortKey;

/* How many other objects a cell may follow besides its item. */
#define PA_LIST_CELL_N_WATCHES 2

/* One bound cell: made on "bind", freed (and disconnected) on "unbind". */
typedef struct
{
  PaListPage  *list;
  GtkListItem *list_item;   /* not a reference: owns us */
  guint        column;
  gpointer     item;        /* the row's resource; its "notify" updates the cell */
  gulong       item_handler;
  GObject     *watched[PA_LIST_CELL_N_WATCHES];
  gulong       handlers[PA_LIST_CELL_N_WATCHES];
} PaListCell;

typedef struct
{
  const char         *title;                 /* N_(): the list's name, "Phones" */
  const PaListColumn *columns;
  guint               n_columns;
  guint               initial_sort_column;   /* ascending */
  /* The cell widget of @column, made once per list item. */
  GtkWidget        *(*cell_new)      (guint         column);
  /* Optional: on bind, before the first update, for cells that follow
   * more than their item (pa_list_cell_watch). */
  void              (*cell_bind)     (PaListCell   *cell);
  /* Shows the item in the cell's widget; called on bind and each time the
   * item or a watched object signals. */
  void              (*cell_update)   (PaListCell   *cell,
                                      GtkWidget    *child);
  GCompareDataFunc    sort_func;             /* user data: a PaListSortKey */
  GListModel       *(*get_items)     (PaRepository *repository);
  /* @query: NULL never (every row matches then, without asking). */
  gboolean          (*matches)       (gpointer             item,
                                      const PaSearchQuery *query,
                                      PaRepository        *repository);
  const char         *edit_action;           /* called with the row's id ("x") */
  /* More row actions for the context menu, between Edit and Delete; each
   * is called with the row's id ("x"). */
  const PaListRowAction *row_actions;
  guint               n_row_actions;
  /* Deletes the rows the user picked (one or more), asking first; NULL:
   * pa_delete_interactive(). */
  void              (*delete_items)  (GtkWindow    *parent,
                                      PaRepository *repository,
                                      GPtrArray    *items);
} PaListPageSpec;

struct _PaListPage
{
  /* Template children, bound by the page. */
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  GtkColumnView        *column_view;

  GtkWidget            *page;                /* not a reference: owns us */
  const PaListPageSpec *spec;
  GParamSpec          **properties;          /* the page's, PA_LIST_PAGE_PROP_* */
  PaRepository         *repository;
  PaFilterModel        *filter_model;
  GtkSortListModel     *sort_model;
  guint64               changes_in_place_seen;  /* see repository_loading_cb() */
  GtkMultiSelection    *selection;
  GtkColumnViewColumn **view_columns;        /* spec->n_columns, the view holds them */
  GtkWidget            *row_menu;            /* a GtkPopoverMenu on the view, made once */
  int                  *dropped_at;          /* per column: the width it needed when hidden, 0: shown */
  guint                 fit_source;
  gboolean              sorting_in_steps;    /* a whole list given at once, see sort_in_steps() */
  guint                 sort_deadline;       /* ends a sort in steps that is starved */
  char                 *query;
  PaSearchQuery        *search;              /* query made ready; NULL: no filter */
  gboolean              syncing_entry;
  gboolean              bench_traced_complete;  /* pa-bench-trace.h */
};

/* The whole class_init share of a page with one list at @list_offset in
 * its instance struct: get_property/set_property, the properties, the
 * template at @resource with the list's children bound,
 * @delete_selected_action ("phones.delete-selected") bound to Delete, and
 * dispose and finalize (which drop the repository and the template, and
 * free the list). */
void                 pa_list_page_class_setup   (GtkWidgetClass       *widget_class,
                                                 gsize                 list_offset,
                                                 GParamSpec          **properties,
                                                 const char           *resource,
                                                 const char           *delete_selected_action);

/* Defines a single-list page's public accessors, which only check @self
 * and forward to the PaListPage in its field "list":
 * <prefix>_get_repository, _set_repository, _get_search_mode,
 * _set_search_mode, _get_column_view, _get_selection, _get_state,
 * _set_query and _get_column, as declared in the page's header. */
#define PA_LIST_PAGE_DEFINE_ACCESSORS(TypeName, type_name, IS_TYPE)                    \
PaRepository *                                                                         \
type_name##_get_repository (TypeName *self)                                            \
{                                                                                      \
  g_return_val_if_fail (IS_TYPE (self), NULL);                                         \
  return self->list.repository;                                                        \
}                                                                                      \
void                                                                                   \
type_name##_set_repository (TypeName     *self,                                        \
                            PaRepository *repository)                                  \
{                                                                                      \
  g_return_if_fail (IS_TYPE (self));                                                   \
  g_return_if_fail (repository == NULL || PA_IS_REPOSITORY (repository));              \
  pa_list_page_set_repository (&self->list, repository);                               \
}                                                                                      \
gboolean                                                                               \
type_name##_get_search_mode (TypeName *self)                                           \
{                                                                                      \
  g_return_val_if_fail (IS_TYPE (self), FALSE);                                        \
  return pa_list_page_get_search_mode (&self->list);                                   \
}                                                                                      \
void                                                                                   \
type_name##_set_search_mode (TypeName *self,                                           \
                             gboolean  search_mode)                                    \
{                                                                                      \
  g_return_if_fail (IS_TYPE (self));                                                   \
  pa_list_page_set_search_mode (&self->list, search_mode);                             \
}                                                                                      \
GtkColumnView *                                                                        \
type_name##_get_column_view (TypeName *self)                                           \
{                                                                                      \
  g_return_val_if_fail (IS_TYPE (self), NULL);                                         \
  return self->list.column_view;                                                       \
}                                                                                      \
GtkSelectionModel *                                                                    \
type_name##_get_selection (TypeName *self)                                             \
{                                                                                      \
  g_return_val_if_fail (IS_TYPE (self), NULL);                                         \
  return GTK_SELECTION_MODEL (self->list.selection);                                   \
}                                                                                      \
const char *                                                                           \
type_name##_get_state (TypeName *self)                                                 \
{                                                                                      \
  g_return_val_if_fail (IS_TYPE (self), NULL);                                         \
  return pa_list_page_get_state (&self->list);                                         \
}                                                                                      \
void                                                                                   \
type_name##_set_query (TypeName   *self,                                               \
                       const char *query)                                              \
{                                                                                      \
  g_return_if_fail (IS_TYPE (self));                                                   \
  pa_list_page_set_query (&self->list, query);                                         \
}                                                                                      \
GtkColumnViewColumn *                                                                  \
type_name##_get_column (TypeName   *self,                                              \
                        const char *id)                                                \
{                                                                                      \
  g_return_val_if_fail (IS_TYPE (self), NULL);                                         \
  return pa_list_page_get_column (&self->list, id);                                    \
}

/* In the page's class_init: fills @properties[PA_LIST_PAGE_PROP_*] and
 * installs them; binds the template children into the PaListPage at
 * @list_offset in the page's instance struct. */
void                 pa_list_page_install_properties (GObjectClass    *object_class,
                                                      GParamSpec     **properties);
void                 pa_list_page_bind_template (GtkWidgetClass       *widget_class,
                                                 gsize                 list_offset);
/* In the page's init, after gtk_widget_init_template. */
void                 pa_list_page_init          (PaListPage           *list,
                                                 GtkWidget            *page,
                                                 const PaListPageSpec *spec,
                                                 GParamSpec          **properties);
/* The page's get_property and set_property. */
void                 pa_list_page_get_property  (PaListPage           *list,
                                                 guint                 prop_id,
                                                 GValue               *value,
                                                 GParamSpec           *pspec);
void                 pa_list_page_set_property  (PaListPage           *list,
                                                 guint                 prop_id,
                                                 const GValue         *value,
                                                 GParamSpec           *pspec);
/* From the page's finalize. */
void                 pa_list_page_finalize      (PaListPage           *list);

/* Notifies "repository" on the page when it changed. */
void                 pa_list_page_set_repository (PaListPage          *list,
                                                  PaRepository        *repository);
gboolean             pa_list_page_get_search_mode (PaListPage         *list);
void                 pa_list_page_set_search_mode (PaListPage         *list,
                                                   gboolean            search_mode);
const char          *pa_list_page_get_state     (PaListPage           *list);
void                 pa_list_page_set_query     (PaListPage           *list,
                                                 const char           *query);
GtkColumnViewColumn *pa_list_page_get_column    (PaListPage           *list,
                                                 const char           *id);
/* The rows an action on "the selection" means: the selected ones, unless
 * the keyboard focus is on a row outside the selection (the row the user
 * looks at); then that row alone, which becomes the selection. */
GPtrArray           *pa_list_page_get_targets   (PaListPage           *list);
/* Deletes pa_list_page_get_targets() through the spec, asking once. */
void                 pa_list_page_delete_selected (PaListPage         *list);
/* Opens the row context menu for the row at @position (as a right click
 * there would), pointing at (@x, @y) in the column view, or at the row
 * when @x is negative. */
void                 pa_list_page_popup_row_menu  (PaListPage         *list,
                                                   guint               position,
                                                   double              x,
                                                   double              y);

/* Makes @cell follow @instance's @signal in @slot (NULL: nothing), in
 * place of what the slot followed; the same instance again is a no-op. */
void                 pa_list_cell_watch         (PaListCell           *cell,
                                                 guint                 slot,
                                                 gpointer              instance,
                                                 const char           *signal);

/* For a column that counts the phones using its item: follows the
 * repository's phones (slot 0) and "loading" (slot 1), since phones change
 * what they use in place; nothing without a repository. get_phones: the
 * phones followed, or NULL. */
void                 pa_list_cell_follow_phones (PaListCell           *cell);
GListModel          *pa_list_cell_get_phones    (PaListCell           *cell);

/* Cell and sort helpers. */
void                 pa_list_set_label          (GtkWidget            *label,
                                                 const char           *text,
                                                 const char           *fallback);
int                  pa_list_compare_strings    (const char           *a,
                                                 const char           *b);
/* Collation keys made beforehand (NULL for an empty value), ordered as
 * pa_list_compare_strings() orders their texts. */
int                  pa_list_compare_keys       (const char           *key_a,
                                                 const char           *key_b);
int                  pa_list_compare_int64      (gint64                a,
                                                 gint64                b);
/* @result as a GtkOrdering, ties broken by the resources' ids. */
int                  pa_list_ordering           (int                   result,
                                                 gconstpointer         a,
                                                 gconstpointer         b);

G_END_DECLS
