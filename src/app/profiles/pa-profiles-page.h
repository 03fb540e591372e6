/* pa-profiles-page.h — the Profiles section: a searchable list of
 * profiles, which parent each inherits from and how many phones use it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-profile.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_PROFILES_PAGE (pa_profiles_page_get_type ())
G_DECLARE_FINAL_TYPE (PaProfilesPage, pa_profiles_page, PA, PROFILES_PAGE, AdwBin)

/* Properties: "repository" (PaRepository, nullable), "search-mode" (bool).
 * Actions (on the page): profiles.new (Ctrl+N), profiles.edit (x),
 * profiles.delete-selected (Delete). */
GtkWidget         *pa_profiles_page_new             (void);
PaRepository      *pa_profiles_page_get_repository  (PaProfilesPage *self);
void               pa_profiles_page_set_repository  (PaProfilesPage *self,
                                                     PaRepository   *repository);
gboolean           pa_profiles_page_get_search_mode (PaProfilesPage *self);
void               pa_profiles_page_set_search_mode (PaProfilesPage *self,
                                                     gboolean        search_mode);
GtkColumnView     *pa_profiles_page_get_column_view (PaProfilesPage *self);
GtkSelectionModel *pa_profiles_page_get_selection   (PaProfilesPage *self);
/* "list", "empty", "no-results" or "loading" */
const char        *pa_profiles_page_get_state       (PaProfilesPage *self);
void               pa_profiles_page_set_query       (PaProfilesPage *self,
                                                     const char     *query);
/* The column with @id ("name", "parent", "description", "phones"). */
GtkColumnViewColumn *pa_profiles_page_get_column    (PaProfilesPage *self,
                                                     const char     *id);

/* Asks once, then deletes @items (PaProfile) one after the other. The
 * server refuses a profile that phones or other profiles still use: its
 * message is shown, and that profile and those after it are kept. */
void               pa_profiles_delete_items         (GtkWindow      *parent,
                                                     PaRepository   *repository,
                                                     GPtrArray      *items);

G_END_DECLS
