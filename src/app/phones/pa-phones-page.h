/* pa-phones-page.h — the Phones section: a sortable, searchable column view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_PHONES_PAGE (pa_phones_page_get_type ())
G_DECLARE_FINAL_TYPE (PaPhonesPage, pa_phones_page, PA, PHONES_PAGE, AdwBin)

/* Properties: "repository" (PaRepository, nullable), "search-mode" (bool).
 * Actions: "phones.import-csv" (Import from CSV…: PaImportDialog, enabled
 * with a repository) and "phones.export-csv" (Export to CSV…: the rows
 * shown, pa-phones-export.h; enabled while the list shows any), also
 * reachable from the window the page is in (its header bar's menu).
 * With more than one phone selected, the selection bar (pa-bulk-bar.h)
 * offers the bulk actions: "bulk.run" (s: an action id of
 * pa-bulk-actions.h, on the selected phones, pa_bulk_run()) and
 * "bulk.select-all" (every phone the search shows). */
GtkWidget    *pa_phones_page_new             (void);
PaRepository *pa_phones_page_get_repository  (PaPhonesPage *self);
void          pa_phones_page_set_repository  (PaPhonesPage *self,
                                              PaRepository *repository);
gboolean      pa_phones_page_get_search_mode (PaPhonesPage *self);
void          pa_phones_page_set_search_mode (PaPhonesPage *self,
                                              gboolean      search_mode);
/* For tests and the window: the view, its models and the state shown. */
GtkColumnView *pa_phones_page_get_column_view (PaPhonesPage *self);
GtkSelectionModel *pa_phones_page_get_selection (PaPhonesPage *self);   /* the view's model */
/* "list", "empty", "no-results" or "loading" */
const char   *pa_phones_page_get_state       (PaPhonesPage *self);
void          pa_phones_page_set_query       (PaPhonesPage *self,
                                              const char   *query);
/* The column with @id ("name", "mac", … see the .c), transfer none. */
GtkColumnViewColumn *pa_phones_page_get_column (PaPhonesPage *self,
                                               const char   *id);

/* For tests: the selection bar and the progress of a bulk action. */
GtkWidget    *pa_phones_page_get_bulk_bar      (PaPhonesPage *self);
GtkWidget    *pa_phones_page_get_bulk_progress (PaPhonesPage *self);

/* The view's columns as it shows them, for the CSV export: how many, the
 * title of each (translated), and the text of @phone's cell in @column,
 * NULL where the cell shows a placeholder instead ("—", "Unassigned",
 * "Never"). @now: Unix seconds, for "Last Seen". */
guint        pa_phones_page_get_n_columns    (void);
const char  *pa_phones_page_get_column_title (guint         column);
char        *pa_phones_page_dup_cell_text    (PaPhonesPage *self,
                                              PaPhone      *phone,
                                              guint         column,
                                              gint64        now);

G_END_DECLS
