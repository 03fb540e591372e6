/* pa-phone-filter.h — what the Phones page's search and cells compute, as plain functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-phone.h"
#include "pa-repository.h"
#include "pa-search-query.h"

G_BEGIN_DECLS

/* TRUE when every white-space separated word of @query is found, ignoring
 * case, in the phone's name, model or brand (id or display name), agent
 * name (@repo nullable) or IP, or, with separators (: - . space) removed, in
 * its compact hex MAC. An empty or NULL query matches every phone. */
gboolean  pa_phone_matches               (PaPhone      *phone,
                                          const char   *query,
                                          PaRepository *repo);
/* The same with the query made ready once (NULL matches every phone). */
gboolean  pa_phone_matches_query         (PaPhone             *phone,
                                          const PaSearchQuery *query,
                                          PaRepository        *repo);

/* The status to show: Disabled for a phone switched off, whatever the
 * server last recorded. */
PaPhoneStatus pa_phone_get_display_status (PaPhone      *phone);

/* "Yealink T54W" from the catalog; the raw ids when the catalog lacks them. */
char     *pa_phone_dup_model_display     (PaPhone      *phone);
/* The agent's name, NULL when unassigned; "Agent #N" while not loaded. */
char     *pa_phone_dup_agent_name        (PaPhone      *phone,
                                          PaRepository *repo);
/* "Never", "Just now", "5 minutes ago", "3 hours ago", "Today, 14:02", "Yesterday, 14:02",
 * else the local date and time. @now and @last_seen are Unix seconds. */
char     *pa_format_last_seen            (gint64        last_seen,
                                          gint64        now);

G_END_DECLS
