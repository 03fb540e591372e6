/* pa-search-query.h — what the user typed into a list's search, made
 * ready once per keystroke rather than once per row: its words split,
 * case-folded, and the MAC form of each word that could be part of one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PaSearchQuery PaSearchQuery;

/* NULL when @text holds no word (NULL, empty or only spaces): such a
 * search matches everything, so callers show every row without asking. */
PaSearchQuery *pa_search_query_new           (const char          *text);
void           pa_search_query_free          (PaSearchQuery       *query);

guint          pa_search_query_get_n_words   (const PaSearchQuery *query);
/* The @i-th word, g_utf8_casefold()ed. */
const char    *pa_search_query_get_word      (const PaSearchQuery *query,
                                              guint                i);
/* The @i-th word as hex digits only ("80:5E-c0" → "805ec0"), or NULL when
 * it holds anything but hex digits and MAC separators, so "Desk" never
 * matches a MAC by its "de". */
const char    *pa_search_query_get_hex       (const PaSearchQuery *query,
                                              guint                i);

/* TRUE when every word is in one of the @n_fields @fields (each may be
 * NULL), compared case-folded; a NULL @query matches. */
gboolean       pa_search_query_matches_fields (const PaSearchQuery *query,
                                               const char * const  *fields,
                                               guint                n_fields);

/* TRUE when @folded_needle (already g_utf8_casefold()ed) is in @haystack,
 * compared case-folded; NULL or empty @haystack never matches. */
gboolean       pa_search_contains_folded     (const char          *haystack,
                                              const char          *folded_needle);
/* TRUE when the compact hex @hex is in the MAC @mac ("80:5e:c0:…"), its
 * separators skipped; either NULL never matches. */
gboolean       pa_search_mac_contains_hex    (const char          *mac,
                                              const char          *hex);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaSearchQuery, pa_search_query_free)

G_END_DECLS
