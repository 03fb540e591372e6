/* pa-search-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-search-query"

#include "config.h"

#include <string.h>

#include "pa-search-query.h"

struct _PaSearchQuery
{
  GPtrArray *words;  /* folded */
  GPtrArray *hex;    /* compact hex or NULL, one per word */
};

static gboolean
is_mac_separator (char c)
{
  return c == ':' || c == '-' || c == '.';
}

static char *
compact_hex (const char *word)
{
  GString *out = g_string_new (NULL);

  for (const char *p = word; *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else if (!is_mac_separator (*p))
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

PaSearchQuery *
pa_search_query_new (const char *text)
{
  g_auto(GStrv) words = NULL;
  PaSearchQuery *query;

  if (text == NULL)
    return NULL;

  words = g_strsplit_set (text, " \t\n", -1);
  query = g_new0 (PaSearchQuery, 1);
  query->words = g_ptr_array_new_with_free_func (g_free);
  query->hex = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      {
        g_ptr_array_add (query->words, g_utf8_casefold (words[i], -1));
        g_ptr_array_add (query->hex, compact_hex (words[i]));
      }

  if (query->words->len == 0)
    {
      pa_search_query_free (query);
      return NULL;
    }
  return query;
}

void
pa_search_query_free (PaSearchQuery *query)
{
  if (query == NULL)
    return;
  g_ptr_array_unref (query->words);
  g_ptr_array_unref (query->hex);
  g_free (query);
}

guint
pa_search_query_get_n_words (const PaSearchQuery *query)
{
  return query != NULL ? query->words->len : 0;
}

const char *
pa_search_query_get_word (const PaSearchQuery *query,
                          guint                i)
{
  g_return_val_if_fail (query != NULL && i < query->words->len, NULL);

  return g_ptr_array_index (query->words, i);
}

const char *
pa_search_query_get_hex (const PaSearchQuery *query,
                         guint                i)
{
  g_return_val_if_fail (query != NULL && i < query->hex->len, NULL);

  return g_ptr_array_index (query->hex, i);
}

gboolean
pa_search_query_matches_fields (const PaSearchQuery *query,
                                const char * const  *fields,
                                guint                n_fields)
{
  if (query == NULL)
    return TRUE;

  for (guint i = 0; i < query->words->len; i++)
    {
      const char *word = g_ptr_array_index (query->words, i);
      gboolean found = FALSE;

      for (guint f = 0; f < n_fields && !found; f++)
        found = pa_search_contains_folded (fields[f], word);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static inline char
lower_ascii (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Whether @folded_needle is in @haystack with its ASCII letters lowered;
 * a needle with anything but ASCII is never found here. *@ascii says
 * whether @haystack was ASCII throughout, learnt on the same pass. */
static gboolean
ascii_contains_folded (const char *haystack,
                       const char *folded_needle,
                       gboolean   *ascii)
{
  char first = folded_needle[0];

  *ascii = TRUE;
  if (first == '\0')
    return TRUE;
  for (const char *h = haystack; *h != '\0'; h++)
    {
      const char *n = folded_needle + 1;
      const char *p = h + 1;

      if ((guchar) *h >= 0x80)
        *ascii = FALSE;
      if (lower_ascii (*h) != first || (guchar) first >= 0x80)
        continue;
      while (*n != '\0' && *p != '\0' && (guchar) *n < 0x80 && lower_ascii (*p) == *n)
        {
          n++;
          p++;
        }
      if (*n == '\0')
        return TRUE;
    }
  return FALSE;
}

gboolean
pa_search_contains_folded (const char *haystack,
                           const char *folded_needle)
{
  g_autofree char *folded = NULL;
  gboolean ascii;

  if (haystack == NULL || haystack[0] == '\0')
    return FALSE;
  /* ASCII (names, MACs, models, addresses, nearly always): folding is
   * lowering, done in place of a folded copy; a search of 100,000 phones
   * calls this about half a million times. */
  if (ascii_contains_folded (haystack, folded_needle, &ascii))
    return TRUE;
  if (ascii)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

gboolean
pa_search_mac_contains_hex (const char *mac,
                            const char *hex)
{
  char digits[32];
  gsize n = 0;

  if (mac == NULL || hex == NULL)
    return FALSE;

  /* A MAC is 12 digits; anything longer is not one and is not searched. */
  for (const char *p = mac; *p != '\0'; p++)
    {
      if (is_mac_separator (*p))
        continue;
      if (!g_ascii_isxdigit (*p) || n == sizeof digits - 1)
        return FALSE;
      digits[n++] = lower_ascii (*p);
    }
  digits[n] = '\0';
  return n > 0 && strstr (digits, hex) != NULL;
}
