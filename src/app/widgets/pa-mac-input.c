/* pa-mac-input.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-mac-input"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-mac.h"
#include "pa-mac-input.h"

#define MAC_DIGITS 12

static gboolean
is_ascii_hex (gunichar c)
{
  return c < 0x80 && g_ascii_isxdigit ((char) c);
}

static gboolean
is_separator_or_space (gunichar c)
{
  return c == ':' || c == '-' || c == '.' || g_unichar_isspace (c);
}

/* Counts hex digits; *clean tells whether nothing but hex digits,
 * separators and white space is there, i.e. the text can still grow into
 * a MAC. */
static guint
count_digits (const char *text,
              gboolean   *clean)
{
  guint n = 0;

  *clean = TRUE;
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_ascii_hex (c))
        n++;
      else if (!is_separator_or_space (c))
        *clean = FALSE;
    }
  return n;
}

/* The offset just after the @n-th hex digit of the canonical spelling. */
static int
canonical_offset (guint n)
{
  if (n == 0)
    return 0;
  return (int) ((n - 1) / 2 * 3 + (n - 1) % 2 + 1);
}

char *
pa_mac_input_format (const char *text,
                     int        *cursor)
{
  g_autofree char *mac = NULL;
  gboolean clean;
  guint n_digits;

  g_return_val_if_fail (cursor != NULL, NULL);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      *cursor = 0;
      return g_strdup ("");
    }

  n_digits = count_digits (text, &clean);

  if (n_digits == MAC_DIGITS && clean)
    {
      mac = pa_mac_normalize (text, NULL);
      if (mac == NULL)
        {
          g_autoptr(GString) compact = g_string_new (NULL);
          g_autofree char *from_compact = NULL;
          g_autoptr(GError) spelling_error = NULL;

          /* Keep a spelling mistake (a misplaced separator) as typed, so
           * the message's positions match what the user sees; an address
           * that is wrong in itself (multicast, all zeros) is still shown
           * in the canonical form. */
          for (const char *p = text; *p != '\0'; p++)
            if (g_ascii_isxdigit (*p))
              g_string_append_c (compact, g_ascii_toupper (*p));
          from_compact = pa_mac_normalize (compact->str, &spelling_error);
          if (from_compact == NULL)
            {
              const char *d = compact->str;

              mac = g_strdup_printf ("%.2s:%.2s:%.2s:%.2s:%.2s:%.2s",
                                     d, d + 2, d + 4, d + 6, d + 8, d + 10);
            }
        }
    }

  if (mac != NULL)
    {
      glong len = g_utf8_strlen (text, -1);
      guint before = 0;
      int i = 0;

      if (*cursor >= len)
        {
          *cursor = PA_MAC_NORMALIZED_LEN;
          return g_steal_pointer (&mac);
        }
      for (const char *p = text; *p != '\0' && i < *cursor; p = g_utf8_next_char (p), i++)
        if (is_ascii_hex (g_utf8_get_char (p)))
          before++;
      *cursor = canonical_offset (before);
      return g_steal_pointer (&mac);
    }

  /* Partial or wrong: as typed, hex letters in upper case. Only ASCII a–f
   * change, so byte and character offsets stay as they were. */
  {
    char *out = g_strdup (text);

    for (char *p = out; *p != '\0'; p++)
      if (*p >= 'a' && *p <= 'f')
        *p = g_ascii_toupper (*p);
    *cursor = CLAMP (*cursor, 0, (int) g_utf8_strlen (out, -1));
    return out;
  }
}

PaMacInputState
pa_mac_input_check (const char  *text,
                    gboolean     finished,
                    char       **mac,
                    char       **message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *stripped = NULL;
  gboolean clean = FALSE;
  guint n_digits;

  if (mac != NULL)
    *mac = NULL;
  if (message != NULL)
    *message = NULL;

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*stripped == '\0')
    return PA_MAC_INPUT_EMPTY;

  normalized = pa_mac_normalize (text, &error);
  if (normalized != NULL)
    {
      if (mac != NULL)
        *mac = g_steal_pointer (&normalized);
      return PA_MAC_INPUT_VALID;
    }

  /* Still typing the first digits: no message yet. */
  n_digits = g_utf8_validate (text, -1, NULL) ? count_digits (text, &clean) : 0;
  if (!finished && clean && n_digits < MAC_DIGITS && g_utf8_validate (text, -1, NULL))
    return PA_MAC_INPUT_PARTIAL;

  if (message != NULL)
    *message = g_strdup (error->message);
  return PA_MAC_INPUT_INVALID;
}

char *
pa_mac_input_duplicate_message (const char *phone_name)
{
  if (phone_name == NULL || *phone_name == '\0')
    return g_strdup (_("Already used by another phone"));
  return g_strdup_printf (_("Already used by “%s”"), phone_name);
}

PaScanVerdict
pa_scan_check (const char         *text,
               GHashTable         *listed,
               PaScanPhoneLookup   lookup,
               gpointer            lookup_data,
               char              **mac,
               char              **reason)
{
  g_autofree char *normalized = NULL;
  g_autofree char *message = NULL;
  const char *owner;

  if (mac != NULL)
    *mac = NULL;
  if (reason != NULL)
    *reason = NULL;

  switch (pa_mac_input_check (text, TRUE, &normalized, &message))
    {
    case PA_MAC_INPUT_EMPTY:
      return PA_SCAN_REJECT_EMPTY;
    case PA_MAC_INPUT_PARTIAL:
    case PA_MAC_INPUT_INVALID:
      if (reason != NULL)
        *reason = g_steal_pointer (&message);
      return PA_SCAN_REJECT_INVALID;
    case PA_MAC_INPUT_VALID:
    default:
      break;
    }

  if (mac != NULL)
    *mac = g_strdup (normalized);

  if (listed != NULL && g_hash_table_contains (listed, normalized))
    {
      if (reason != NULL)
        *reason = g_strdup_printf (_("%s was already scanned"), normalized);
      return PA_SCAN_REJECT_IN_LIST;
    }

  owner = lookup != NULL ? lookup (normalized, lookup_data) : NULL;
  if (owner != NULL)
    {
      if (reason != NULL)
        *reason = pa_mac_input_duplicate_message (owner);
      return PA_SCAN_REJECT_EXISTS;
    }

  return PA_SCAN_ACCEPT;
}

char *
pa_scan_default_name (const char *model_name,
                      const char *mac)
{
  g_autofree char *compact = pa_mac_to_compact (mac);
  g_autofree char *last4 = NULL;

  if (compact == NULL)
    return g_strdup (model_name != NULL && *model_name != '\0' ? model_name : _("Phone"));

  last4 = g_ascii_strup (compact + 8, -1);
  if (model_name == NULL || *model_name == '\0')
    /* TRANSLATORS: a new phone's name: "Phone" and the MAC's last 4 digits */
    return g_strdup_printf (_("Phone %s"), last4);
  /* TRANSLATORS: a new phone's name: the model ("T54W") and the MAC's last 4 digits */
  return g_strdup_printf (_("%s %s"), model_name, last4);
}
