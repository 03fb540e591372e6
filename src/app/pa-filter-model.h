/* pa-filter-model.h — the rows of a list that match its search.
 *
 * Like GtkFilterListModel, but made for a search over 100,000 phones:
 * it keeps the source's items in an array, so asking every one costs
 * the match and nothing else (no lookup in the sort model's tree, no
 * reference taken and dropped), and a new search tells the views only
 * about the rows between the first and the last that differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PA_TYPE_FILTER_MODEL (pa_filter_model_get_type ())
G_DECLARE_FINAL_TYPE (PaFilterModel, pa_filter_model, PA, FILTER_MODEL, GObject)

typedef gboolean (*PaFilterModelFunc) (gpointer item,
                                       gpointer user_data);

PaFilterModel *pa_filter_model_new      (GListModel        *source);
void           pa_filter_model_set_source (PaFilterModel   *self,
                                           GListModel      *source);
/* NULL @func shows every item of the source without asking each one.
 * Either way the rows are worked out again at once. */
void           pa_filter_model_set_func (PaFilterModel     *self,
                                         PaFilterModelFunc  func,
                                         gpointer           user_data);
/* Scrolls the model's views to their first row: a new search shows its
 * results from the top. */
typedef void (*PaFilterModelShowFunc) (gpointer user_data);

/* GTK 4.8's list views make new row widgets whenever the rows they show
 * are removed (1,600 cells, ~50 ms a search), and on such a removal look
 * for the removed rows among all that were added (~1 µs each: 100 ms for
 * 100,000). Given a way to scroll its views, a new search is told in
 * three steps instead: the new rows are inserted ahead of the old ones,
 * @show scrolls the views to the top, so they move their row widgets to
 * the new rows and bind them again, and only then the old rows, no
 * longer shown, are removed. Only what pa_filter_model_set_func() and
 * pa_filter_model_refilter() change calls @show; a change in the source
 * (a phone renamed) leaves the views where they are. */
void           pa_filter_model_set_show_func (PaFilterModel         *self,
                                              PaFilterModelShowFunc  show,
                                              gpointer               user_data);
/* Whether a long list given at once (pa_filter_model_set_source() from
 * none) is still being told to the views a screenful at a time; any
 * other change tells them the rest first. */
gboolean       pa_filter_model_get_revealing (PaFilterModel     *self);
/* Whether a long source given at once (from none) is still being copied,
 * in steps between frames: until it is, the model has no items. Notifies
 * "loading" when it starts and ends. A search or a refilter ends the
 * copy at once; a change in the source is copied as it now is. */
gboolean       pa_filter_model_get_loading   (PaFilterModel     *self);
/* Asks @func again for every item, after what it matches on changed. */
void           pa_filter_model_refilter (PaFilterModel     *self);

G_END_DECLS
