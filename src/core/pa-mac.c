/* pa-mac.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-mac"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-error.h"
#include "pa-mac.h"

#define MAC_DIGITS 12

/* A separator run between two groups of digits: spaces around at most one
 * ':', '-' or '.'. Its kind is that character, or ' ' for spaces alone. */
typedef struct
{
  gunichar kind;
  guint    position;   /* 1-based, in characters of the trimmed text */
} SeparatorRun;

static gboolean
is_separator (gunichar c)
{
  return c == ':' || c == '-' || c == '.';
}

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c);
}

/* How a character is shown in a message: itself when it can be read,
 * otherwise its code point, so a stray control character is visible. */
static char *
describe_char (gunichar c)
{
  char buf[8] = { 0 };

  if (g_unichar_isprint (c) && !g_unichar_isspace (c))
    {
      g_unichar_to_utf8 (c, buf);
      /* TRANSLATORS: a single character quoted in an error message */
      return g_strdup_printf (_("“%s”"), buf);
    }
  return g_strdup_printf ("U+%04X", c);
}

static void
set_mac_error (GError **error,
               const char *message)
{
  pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "mac", "%s", message);
}

static gboolean
check_address (const guint8 octets[6],
               GError     **error)
{
  gboolean all_zero = TRUE;
  gboolean all_ones = TRUE;

  for (guint i = 0; i < 6; i++)
    {
      all_zero = all_zero && octets[i] == 0x00;
      all_ones = all_ones && octets[i] == 0xff;
    }

  if (all_zero)
    {
      set_mac_error (error, _("The MAC address is all zeros; that is not a real device"));
      return FALSE;
    }
  /* Checked before multicast: broadcast is multicast too, but the specific
   * message tells the user more. */
  if (all_ones)
    {
      set_mac_error (error, _("The MAC address FF:FF:FF:FF:FF:FF is the broadcast address, "
                              "not a device"));
      return FALSE;
    }
  if (octets[0] & 0x01)
    {
      g_autofree char *message =
        g_strdup_printf (_("The MAC address is a multicast address (the first byte, %02X, is "
                           "odd); a phone has a unicast address"),
                         octets[0]);
      set_mac_error (error, message);
      return FALSE;
    }
  return TRUE;
}

char *
pa_mac_normalize (const char *text,
                  GError    **error)
{
  g_autofree char *trimmed = NULL;
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GArray) group_lengths = NULL;
  char digits[MAC_DIGITS + 1] = { 0 };
  guint n_digits = 0;
  guint position = 0;
  guint current_group = 0;
  gboolean in_run = FALSE;
  SeparatorRun run = { 0, 0 };
  guint8 octets[6];

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (text == NULL)
    {
      set_mac_error (error, _("The MAC address is empty"));
      return NULL;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      set_mac_error (error, _("The MAC address contains bytes that are not valid text"));
      return NULL;
    }

  /* Scanners add \r\n, copies from web pages bring no-break spaces: trim
   * every kind of white space. */
  {
    const char *start = text;
    const char *end = text + strlen (text);

    while (*start != '\0' && is_space (g_utf8_get_char (start)))
      start = g_utf8_next_char (start);
    while (end > start && is_space (g_utf8_get_char (g_utf8_prev_char (end))))
      end = g_utf8_prev_char (end);
    trimmed = g_strndup (start, end - start);
  }
  if (*trimmed == '\0')
    {
      set_mac_error (error, _("The MAC address is empty"));
      return NULL;
    }

  runs = g_array_new (FALSE, TRUE, sizeof (SeparatorRun));
  group_lengths = g_array_new (FALSE, TRUE, sizeof (guint));

  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      position++;

      if (g_unichar_isxdigit (c) && c < 0x80)
        {
          if (in_run)
            {
              g_array_append_val (runs, run);
              in_run = FALSE;
            }
          if (n_digits < MAC_DIGITS)
            digits[n_digits] = g_ascii_toupper ((char) c);
          n_digits++;
          current_group++;
          continue;
        }

      if (is_separator (c) || is_space (c))
        {
          if (!in_run)
            {
              if (current_group > 0)
                g_array_append_val (group_lengths, current_group);
              current_group = 0;
              in_run = TRUE;
              run.kind = ' ';
              run.position = position;
            }
          if (is_separator (c))
            {
              if (run.kind != ' ')
                {
                  g_autofree char *what = describe_char (c);
                  g_autofree char *message =
                    g_strdup_printf (_("The MAC address has two separators in a row (%s at "
                                       "position %u)"),
                                     what, position);
                  set_mac_error (error, message);
                  return NULL;
                }
              run.kind = c;
              run.position = position;
            }
          continue;
        }

      {
        g_autofree char *what = describe_char (c);
        g_autofree char *message =
          g_strdup_printf (_("The MAC address has %s at position %u, which is not a hex digit "
                             "(0–9, A–F)"),
                           what, position);
        set_mac_error (error, message);
        return NULL;
      }
    }
  if (current_group > 0)
    g_array_append_val (group_lengths, current_group);

  if (n_digits != MAC_DIGITS)
    {
      g_autofree char *message = NULL;

      if (n_digits < MAC_DIGITS)
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "The MAC address is too short: it has %u hex "
                                                "digit, a MAC address has 12",
                                                "The MAC address is too short: it has %u hex "
                                                "digits, a MAC address has 12",
                                                n_digits),
                                   n_digits);
      else
        message = g_strdup_printf (_("The MAC address is too long: it has %u hex digits, a MAC "
                                     "address has 12"),
                                   n_digits);
      set_mac_error (error, message);
      return NULL;
    }

  /* Trimming removed outer spaces, so a run at the very start is a
   * separator character before the first digit; the loop never appends the
   * run after the last digit, so check that through group_lengths. */
  if (trimmed[0] != '\0' && !g_ascii_isxdigit (trimmed[0]))
    {
      set_mac_error (error, _("The MAC address starts with a separator; separators go only "
                              "between groups of digits"));
      return NULL;
    }
  if (in_run)
    {
      set_mac_error (error, _("The MAC address ends with a separator; separators go only "
                              "between groups of digits"));
      return NULL;
    }

  if (runs->len > 0)
    {
      const SeparatorRun *first = &g_array_index (runs, SeparatorRun, 0);
      guint group_len = g_array_index (group_lengths, guint, 0);

      for (guint i = 1; i < runs->len; i++)
        {
          const SeparatorRun *other = &g_array_index (runs, SeparatorRun, i);

          if (other->kind != first->kind)
            {
              g_autofree char *a = describe_char (first->kind);
              g_autofree char *b = describe_char (other->kind);
              g_autofree char *message =
                g_strdup_printf (_("The MAC address mixes separators: %s and %s at position %u; "
                                   "use one kind"),
                                 a, b, other->position);
              set_mac_error (error, message);
              return NULL;
            }
        }

      /* Separators must cut the digits into pairs (80:5E:…) or, as Cisco
       * writes them, into fours (805e.c012.3456). */
      if (group_len != 2 && group_len != 4)
        group_len = 2;
      for (guint i = 0; i < group_lengths->len; i++)
        {
          if (g_array_index (group_lengths, guint, i) != group_len)
            {
              const SeparatorRun *bad = &g_array_index (runs, SeparatorRun, MIN (i, runs->len - 1));
              g_autofree char *message =
                g_strdup_printf (_("The MAC address has a misplaced separator near position %u; "
                                   "write the digits in pairs (80:5E:C0:12:34:56) or in groups "
                                   "of four (805e.c012.3456)"),
                                 bad->position);
              set_mac_error (error, message);
              return NULL;
            }
        }
    }

  for (guint i = 0; i < 6; i++)
    octets[i] = (g_ascii_xdigit_value (digits[2 * i]) << 4) | g_ascii_xdigit_value (digits[2 * i + 1]);

  if (!check_address (octets, error))
    return NULL;

  return g_strdup_printf ("%02X:%02X:%02X:%02X:%02X:%02X",
                          octets[0], octets[1], octets[2], octets[3], octets[4], octets[5]);
}

/* Only the exact stored spelling: upper-case pairs joined by colons. */
static gboolean
has_normalized_form (const char *normalized)
{
  if (normalized == NULL || strlen (normalized) != PA_MAC_NORMALIZED_LEN)
    return FALSE;

  for (guint i = 0; i < PA_MAC_NORMALIZED_LEN; i++)
    {
      char c = normalized[i];

      if (i % 3 == 2)
        {
          if (c != ':')
            return FALSE;
        }
      else if (!g_ascii_isdigit (c) && !(c >= 'A' && c <= 'F'))
        return FALSE;
    }
  return TRUE;
}

gboolean
pa_mac_is_valid (const char *normalized)
{
  guint8 octets[6];

  if (!has_normalized_form (normalized))
    return FALSE;

  for (guint i = 0; i < 6; i++)
    octets[i] = (g_ascii_xdigit_value (normalized[3 * i]) << 4)
                | g_ascii_xdigit_value (normalized[3 * i + 1]);

  return check_address (octets, NULL);
}

char *
pa_mac_to_compact (const char *normalized)
{
  GString *out;

  if (!has_normalized_form (normalized))
    return NULL;

  out = g_string_sized_new (MAC_DIGITS);
  for (const char *p = normalized; *p != '\0'; p++)
    if (*p != ':')
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

char *
pa_mac_oui (const char *normalized)
{
  if (!has_normalized_form (normalized))
    return NULL;

  return g_strndup (normalized, 8);
}
