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
/* Asks @func again for every item, after what it matches on changed. */
void           pa_filter_model_refilter (PaFilterModel     *self);

G_END_DECLS
