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

/* Properties: "repository" (PaRepository, nullable), "search-mode" (bool). */
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

G_END_DECLS
