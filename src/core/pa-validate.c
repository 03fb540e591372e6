/* pa-validate.c — field validators shared by the models and the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-resource"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pa-resource-private.h"

gboolean
pa_validate_name (const char  *value,
                  const char  *field,
                  gboolean     required,
                  guint        max_chars,
                  GError     **error)
{
  glong n_chars;

  if (value == NULL || value[0] == '\0')
    {
      if (!required)
        return TRUE;
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field, _("Must not be empty"));
      return FALSE;
    }

  if (!g_utf8_validate (value, -1, NULL))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field, _("Is not valid UTF-8"));
      return FALSE;
    }

  if (g_unichar_isspace (g_utf8_get_char (value))
      || g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (value + strlen (value)))))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                          _("Must not begin or end with white space"));
      return FALSE;
    }

  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                            _("Must not contain control characters"));
        return FALSE;
      }

  n_chars = g_utf8_strlen (value, -1);
  if (max_chars > 0 && n_chars > (glong) max_chars)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                          _("Must be at most %u characters long (it has %ld)"),
                          max_chars, n_chars);
      return FALSE;
    }

  return TRUE;
}

gboolean
pa_validate_not_empty (const char  *value,
                       const char  *field,
                       GError     **error)
{
  if (value == NULL || value[0] == '\0')
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field, _("Must not be empty"));
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_validate_name_and_description (const char  *name,
                                  const char  *description,
                                  GError     **error)
{
  return pa_validate_name (name, "name", TRUE, PA_NAME_MAX_CHARS, error)
      && pa_validate_name (description, "description", FALSE, PA_DESCRIPTION_MAX_CHARS, error);
}

gboolean
pa_validate_hostname (const char  *value,
                      const char  *field,
                      GError     **error)
{
  gsize len;
  const char *label;

  if (value == NULL)
    return TRUE;

  if (g_hostname_is_ip_address (value))
    return TRUE;

  len = strlen (value);
  if (len == 0 || len > 253)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                          _("Must be a host name or an IP address"));
      return FALSE;
    }

  label = value;
  for (gsize i = 0; i <= len; i++)
    {
      char c = value[i];

      if (c == '.' || c == '\0')
        {
          gsize label_len = (gsize) (value + i - label);

          if (label_len == 0 || label_len > 63 || label[0] == '-' || value[i - 1] == '-')
            {
              pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                                  _("“%s” is not a valid host name"), value);
              return FALSE;
            }
          label = value + i + 1;
        }
      else if (!g_ascii_isalnum (c) && c != '-')
        {
          /* The whole character, not its first byte: the message is
           * UTF-8 (and, in the API, JSON). */
          const char *next = g_utf8_validate (value + i, -1, NULL)
                             ? g_utf8_next_char (value + i) : value + i + 1;

          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                              _("“%s” is not a valid host name: “%.*s” is not allowed"),
                              value, (int) (next - (value + i)), value + i);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
zoneinfo_available (void)
{
  const char *tzdir = g_getenv ("TZDIR");

  return g_file_test (tzdir != NULL ? tzdir : "/usr/share/zoneinfo", G_FILE_TEST_IS_DIR);
}

gboolean
pa_validate_timezone (const char  *value,
                      const char  *field,
                      GError     **error)
{
  gboolean syntax_ok = TRUE;
  guint n_parts = 1;

  if (value == NULL)
    return TRUE;

  if (!g_str_equal (value, "UTC"))
    {
      gboolean at_part_start = TRUE;

      for (const char *p = value; *p != '\0' && syntax_ok; p++)
        {
          if (*p == '/')
            {
              syntax_ok = !at_part_start;
              at_part_start = TRUE;
              n_parts++;
            }
          else if (at_part_start)
            {
              syntax_ok = g_ascii_isalpha (*p);
              at_part_start = FALSE;
            }
          else
            syntax_ok = g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '+';
        }
      if (at_part_start || n_parts < 2)
        syntax_ok = FALSE;
    }

  if (!syntax_ok)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                          _("“%s” is not a time zone name like Europe/Berlin or UTC"),
                          value);
      return FALSE;
    }

  /* Without tzdata every zone would look unknown; the syntax check is all
   * that can be done then. */
  if (zoneinfo_available ())
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (value);

      if (tz == NULL)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                              _("Unknown time zone “%s”"), value);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
pa_validate_uint_range (guint        value,
                        guint        min,
                        guint        max,
                        const char  *field,
                        GError     **error)
{
  if (value < min || value > max)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                          _("Must be between %u and %u"), min, max);
      return FALSE;
    }
  return TRUE;
}
