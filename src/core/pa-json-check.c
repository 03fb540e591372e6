/* pa-json-check.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-json-check"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pa-error.h"
#include "pa-json-check.h"

typedef struct
{
  gboolean    is_object;
  gboolean    expect_key;   /* in an object: the next string is a name */
  GHashTable *names;        /* in an object: the names seen, decoded */
} Level;

static gboolean
fail (GError    **error,
      gsize       offset,
      const char *what)
{
  g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
               _("The request body is not acceptable JSON at byte %lu: %s"),
               (gulong) offset, what);
  return FALSE;
}

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/* Reads the string starting at data[*pos] == '"'; leaves *pos after its
 * closing quote. Decodes it into @out when @out is not NULL. FALSE (with
 * @error) for an escaped NUL; an unterminated string or a bad escape is
 * left for json-glib to refuse (TRUE, *pos at the end). */
static gboolean
read_string (const char  *data,
             gsize        length,
             gsize       *pos,
             GString     *out,
             GError     **error)
{
  gsize start = *pos;
  gsize i = start + 1;

  while (i < length && data[i] != '"')
    {
      if (data[i] != '\\')
        {
          if (out != NULL)
            g_string_append_c (out, data[i]);
          i++;
          continue;
        }
      if (i + 1 >= length)
        break;
      if (data[i + 1] == 'u')
        {
          guint32 unit = 0;

          if (i + 5 >= length)
            break;
          for (guint k = 2; k < 6; k++)
            {
              int v = hex_value (data[i + k]);

              if (v < 0)
                {
                  unit = G_MAXUINT32;
                  break;
                }
              unit = unit * 16 + v;
            }
          if (unit == 0)
            return fail (error, i, _("a string holds \\u0000"));
          i += 6;
          if (out == NULL || unit == G_MAXUINT32)
            continue;
          /* Decoded as json-glib will, so "a" and "\u0061" are one name. */
          if (unit >= 0xd800 && unit <= 0xdbff && i + 5 < length &&
              data[i] == '\\' && data[i + 1] == 'u')
            {
              guint32 low = 0;

              for (guint k = 2; k < 6; k++)
                {
                  int v = hex_value (data[i + k]);

                  low = v < 0 ? G_MAXUINT32 : low * 16 + v;
                  if (v < 0)
                    break;
                }
              if (low >= 0xdc00 && low <= 0xdfff)
                {
                  unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                  i += 6;
                }
            }
          if (unit >= 0xd800 && unit <= 0xdfff)
            g_string_append_printf (out, "\\u%04x", unit);   /* a lone surrogate */
          else
            g_string_append_unichar (out, unit);
          continue;
        }
      if (out != NULL)
        {
          char c = data[i + 1];

          switch (c)
            {
            case 'n': c = '\n'; break;
            case 't': c = '\t'; break;
            case 'r': c = '\r'; break;
            case 'b': c = '\b'; break;
            case 'f': c = '\f'; break;
            default: break;
            }
          g_string_append_c (out, c);
        }
      i += 2;
    }
  *pos = i < length ? i + 1 : length;
  return TRUE;
}

static void
clear_level (Level *level)
{
  g_clear_pointer (&level->names, g_hash_table_unref);
}

gboolean
pa_json_check (const char  *data,
               gsize        length,
               GError     **error)
{
  Level levels[PA_JSON_MAX_DEPTH];
  guint depth = 0;
  gboolean done = FALSE;      /* the top-level value is complete */
  gboolean ok = TRUE;
  gsize pos = 0;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  while (ok && pos < length)
    {
      char c = data[pos];

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
        {
          pos++;
          continue;
        }
      if (done)
        {
          ok = fail (error, pos, _("more than one value"));
          break;
        }

      switch (c)
        {
        case '{':
        case '[':
          if (depth == PA_JSON_MAX_DEPTH)
            {
              ok = fail (error, pos, _("nested too deep"));
              break;
            }
          levels[depth] = (Level) {
            .is_object = c == '{',
            .expect_key = c == '{',
            .names = c == '{' ? g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL)
                              : NULL,
          };
          depth++;
          pos++;
          break;

        case '}':
        case ']':
          if (depth > 0)
            {
              clear_level (&levels[--depth]);
              done = depth == 0;
            }
          pos++;
          break;

        case ',':
          if (depth > 0 && levels[depth - 1].is_object)
            levels[depth - 1].expect_key = TRUE;
          pos++;
          break;

        case ':':
          pos++;
          break;

        case '"':
          if (depth > 0 && levels[depth - 1].is_object && levels[depth - 1].expect_key)
            {
              g_autoptr(GString) name = g_string_new (NULL);
              gsize at = pos;

              ok = read_string (data, length, &pos, name, error);
              if (ok && !g_hash_table_add (levels[depth - 1].names, g_string_free (g_steal_pointer (&name), FALSE)))
                ok = fail (error, at, _("an object names a member twice"));
              levels[depth - 1].expect_key = FALSE;
            }
          else
            {
              ok = read_string (data, length, &pos, NULL, error);
              done = ok && depth == 0;
            }
          break;

        default:
          /* A number or a literal: to the next delimiter. */
          while (pos < length && strchr (",:]} \t\n\r{[\"", data[pos]) == NULL)
            pos++;
          done = depth == 0;
          break;
        }
    }

  while (depth > 0)
    clear_level (&levels[--depth]);
  return ok;
}
