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

G_BEGIN_DECLS

typedef struct
{
  const char *id;
  const char *title;   /* marked with N_(): translated when the column is made */
  gboolean    expand;
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

/* What a column's GtkCustomSorter gets as user data. */
typedef struct
{
  PaListPage *list;
  guint       column;
} PaListSortKey;

typedef struct
{
  const PaListColumn *columns;
  guint               n_columns;
  guint               initial_sort_column;   /* ascending */
  /* GtkSignalListItemFactory "setup", "bind" and "unbind" handlers, called
   * with the page as user data; the factory carries its column index as
   * the data "pa-column". */
  GCallback           factory_setup;
  GCallback           factory_bind;
  GCallback           factory_unbind;
  GCompareDataFunc    sort_func;             /* user data: a PaListSortKey */
  GListModel       *(*get_items)     (PaRepository *repository);
  gboolean          (*matches)       (gpointer      item,
                                      const char   *query,
                                      PaRepository *repository);
  const char         *edit_action;           /* called with the row's id ("x") */
  const char         *delete_action;
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
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filter_model;
  GtkSortListModel     *sort_model;
  GtkMultiSelection    *selection;
  GtkColumnViewColumn **view_columns;        /* spec->n_columns, the view holds them */
  char                 *query;
  gboolean              syncing_entry;
};

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
/* Asks the page's delete action for the first selected row. */
void                 pa_list_page_delete_selected (PaListPage         *list);

/* Cell and sort helpers. */
void                 pa_list_set_label          (GtkWidget            *label,
                                                 const char           *text,
                                                 const char           *fallback);
int                  pa_list_compare_strings    (const char           *a,
                                                 const char           *b);
int                  pa_list_compare_int64      (gint64                a,
                                                 gint64                b);
/* @result as a GtkOrdering, ties broken by the resources' ids. */
int                  pa_list_ordering           (int                   result,
                                                 gconstpointer         a,
                                                 gconstpointer         b);

G_END_DECLS
