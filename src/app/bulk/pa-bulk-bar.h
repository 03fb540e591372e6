/* pa-bulk-bar.h — the selection bar: "3 phones selected", Select All, and
 * the actions on them (pa-bulk-actions.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PA_TYPE_BULK_BAR (pa_bulk_bar_get_type ())
G_DECLARE_FINAL_TYPE (PaBulkBar, pa_bulk_bar, PA, BULK_BAR, AdwBin)

/* Shown while more than one row is selected. Its buttons and menu items
 * are the table's actions, activating "bulk.run" with the action's id
 * (a string); Select All activates "bulk.select-all". Whoever holds the
 * bar provides both actions (the phones page does).
 *
 * Properties: "n-selected", "n-matching" (guint: the rows the search
 * shows; Select All N is offered while fewer are selected). */
GtkWidget  *pa_bulk_bar_new            (void);
guint       pa_bulk_bar_get_n_selected (PaBulkBar *self);
void        pa_bulk_bar_set_n_selected (PaBulkBar *self,
                                        guint      n_selected);
guint       pa_bulk_bar_get_n_matching (PaBulkBar *self);
void        pa_bulk_bar_set_n_matching (PaBulkBar *self,
                                        guint      n_matching);
gboolean    pa_bulk_bar_get_revealed   (PaBulkBar *self);

/* For tests: the bar's own widgets. */
GtkWidget  *pa_bulk_bar_get_button     (PaBulkBar  *self,
                                        const char *action_id);   /* NULL: in the menu */
GtkWidget  *pa_bulk_bar_get_select_all (PaBulkBar  *self);
GtkWidget  *pa_bulk_bar_get_menu_button (PaBulkBar *self);
const char *pa_bulk_bar_get_summary    (PaBulkBar  *self);

G_END_DECLS
