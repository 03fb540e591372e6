/* pa-agents-page.h — the Agents section: a sortable, searchable column view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-agent.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_AGENTS_PAGE (pa_agents_page_get_type ())
G_DECLARE_FINAL_TYPE (PaAgentsPage, pa_agents_page, PA, AGENTS_PAGE, AdwBin)

/* Properties: "repository" (PaRepository, nullable), "search-mode" (bool). */
GtkWidget         *pa_agents_page_new              (void);
PaRepository      *pa_agents_page_get_repository   (PaAgentsPage *self);
void               pa_agents_page_set_repository   (PaAgentsPage *self,
                                                    PaRepository *repository);
gboolean           pa_agents_page_get_search_mode  (PaAgentsPage *self);
void               pa_agents_page_set_search_mode  (PaAgentsPage *self,
                                                    gboolean      search_mode);
GtkColumnView     *pa_agents_page_get_column_view  (PaAgentsPage *self);
GtkSelectionModel *pa_agents_page_get_selection    (PaAgentsPage *self);
/* "list", "empty", "no-results" or "loading" */
const char        *pa_agents_page_get_state        (PaAgentsPage *self);
void               pa_agents_page_set_query        (PaAgentsPage *self,
                                                    const char   *query);

/* Plain functions: search across name, extension and email; the number of
 * phones assigned to the agent. */
gboolean           pa_agent_matches                (PaAgent      *agent,
                                                    const char   *query);
guint              pa_agent_count_phones           (PaAgent      *agent,
                                                    GListModel   *phones);
/* The column with @id ("name", "mac", … see the .c), transfer none. */
GtkColumnViewColumn *pa_agents_page_get_column (PaAgentsPage *self,
                                               const char   *id);

G_END_DECLS
