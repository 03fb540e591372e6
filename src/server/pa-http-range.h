/* pa-http-range.h — a Range header, for a file of a known size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phones resume firmware downloads with one byte range. Pure: it reads
 * what strangers send, and test-http-range feeds it malformed headers.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  PA_HTTP_RANGE_WHOLE,          /* no usable Range: send the whole file */
  PA_HTTP_RANGE_PARTIAL,        /* send @length bytes from @start: 206 */
  PA_HTTP_RANGE_UNSATISFIABLE,  /* starts past the end: 416 */
} PaHttpRange;

/* Reads @header (NULL or "" when absent) against a file of @size bytes.
 * One range of bytes is served; several, another unit, or anything
 * malformed is ignored and the whole file sent, as RFC 9110 §14.2 allows.
 * A range past the end is clamped to it. */
PaHttpRange pa_http_range_parse (const char *header,
                                 guint64     size,
                                 guint64    *start,
                                 guint64    *length);

/* Whether @header (If-None-Match or If-Range: a list of entity tags,
 * weak or strong, or "*") names @etag (quoted, as sent); "*" counts only
 * with @wildcard (a file known to exist, for If-None-Match). */
gboolean    pa_http_etag_matches (const char *header,
                                  const char *etag,
                                  gboolean    wildcard);

G_END_DECLS
