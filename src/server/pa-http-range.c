/* pa-http-range.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-http-range.h"

#include <string.h>

/* Digits at *@p into @value; FALSE when there are none or they overflow. */
static gboolean
read_number (const char **p,
             guint64     *value)
{
  const char *q = *p;
  guint64 v = 0;

  if (!g_ascii_isdigit (*q))
    return FALSE;
  for (; g_ascii_isdigit (*q); q++)
    {
      guint digit = *q - '0';

      if (v > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      v = v * 10 + digit;
    }
  *p = q;
  *value = v;
  return TRUE;
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

PaHttpRange
pa_http_range_parse (const char *header,
                     guint64     size,
                     guint64    *start,
                     guint64    *length)
{
  const char *p;
  guint64 first = 0, last = 0;
  gboolean has_first, has_last;

  *start = 0;
  *length = size;
  if (header == NULL || g_ascii_strncasecmp (header, "bytes", 5) != 0)
    return PA_HTTP_RANGE_WHOLE;
  p = skip_spaces (header + 5);
  if (*p != '=')
    return PA_HTTP_RANGE_WHOLE;
  p = skip_spaces (p + 1);

  has_first = read_number (&p, &first);
  p = skip_spaces (p);
  if (*p != '-')
    return PA_HTTP_RANGE_WHOLE;
  p = skip_spaces (p + 1);
  has_last = read_number (&p, &last);
  p = skip_spaces (p);
  /* A second range, or anything after the first, is not served. */
  if (*p != '\0' || (!has_first && !has_last))
    return PA_HTTP_RANGE_WHOLE;

  if (!has_first)
    {
      /* "-N": the last N bytes. */
      if (last == 0 || size == 0)
        return PA_HTTP_RANGE_UNSATISFIABLE;
      *start = size - MIN (last, size);
      *length = size - *start;
      return PA_HTTP_RANGE_PARTIAL;
    }
  if (has_last && last < first)
    return PA_HTTP_RANGE_WHOLE;   /* invalid: ignored, RFC 9110 §14.1.1 */
  if (first >= size)
    return PA_HTTP_RANGE_UNSATISFIABLE;
  if (!has_last || last >= size)
    last = size - 1;
  *start = first;
  *length = last - first + 1;
  return PA_HTTP_RANGE_PARTIAL;
}

gboolean
pa_http_etag_matches (const char *header,
                      const char *etag,
                      gboolean    wildcard)
{
  gsize etag_len = strlen (etag);
  const char *p = header;

  if (header == NULL)
    return FALSE;
  while (*p != '\0')
    {
      const char *end;

      p = skip_spaces (p);
      if (*p == '*' && wildcard && (*skip_spaces (p + 1) == ',' || *skip_spaces (p + 1) == '\0'))
        return TRUE;
      /* A weak tag names the same bytes for these whole-file answers. */
      if (p[0] == 'W' && p[1] == '/')
        p += 2;
      end = strchr (p, ',');
      if (end == NULL)
        end = p + strlen (p);
      while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
      if ((gsize) (end - p) == etag_len && memcmp (p, etag, etag_len) == 0)
        return TRUE;
      p = strchr (p, ',');
      if (p == NULL)
        break;
      p++;
    }
  return FALSE;
}
