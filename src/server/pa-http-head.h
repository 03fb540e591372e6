/* pa-http-head.h — where a request's head ends and how its body is framed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * provd reads each request's head itself and checks its framing before
 * libsoup sees a byte of it. That keeps requests libsoup would mishandle
 * (libsoup 3.2 leaks on an unparseable Content-Length) away from it, and
 * tells the connection exactly where one request ends, so bytes of the next
 * one are never swallowed. This is the parser strangers' bytes meet first;
 * it is pure (no GLib main loop, no allocation) and fuzzed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Longer heads are refused with 431. Phones send well under 1 KiB. */
#define PA_HTTP_HEAD_MAX        (16 * 1024)
/* More header fields than this are refused with 431. */
#define PA_HTTP_HEAD_MAX_FIELDS 100

typedef enum
{
  PA_HTTP_HEAD_INCOMPLETE,  /* no end of head yet: read more */
  PA_HTTP_HEAD_COMPLETE,    /* a well-framed head; see PaHttpHead */
  PA_HTTP_HEAD_REFUSED,     /* answer @status with @reason and close */
} PaHttpHeadResult;

typedef struct
{
  /* Blank lines before the request line (RFC 9112 §2.2 says to ignore
   * them); they are not part of the head. */
  gsize        skip;
  /* Bytes of the head after @skip, through its empty line. */
  gsize        length;
  /* The body: chunked, or @content_length bytes (0 when none is sent). */
  gboolean     chunked;
  guint64      content_length;
  /* The client wants the connection kept open afterwards (HTTP/1.1 without
   * "Connection: close", or HTTP/1.0 with "Connection: keep-alive"). */
  gboolean     keep_alive;
  /* 0 for HTTP/1.0, 1 for HTTP/1.1 (and later 1.x minor versions). */
  guint        minor_version;
  /* When refused: the status to answer (400, 431, 501 or 505) and a
   * sentence saying why, static. */
  guint        status;
  const char  *reason;
} PaHttpHead;

/* Scans the first @length bytes a client sent on a connection (or since
 * its last request ended). Never reads past @length; with more than
 * PA_HTTP_HEAD_MAX bytes and no end of head, refuses with 431. */
PaHttpHeadResult pa_http_head_scan (const guint8 *data,
                                    gsize         length,
                                    PaHttpHead   *head);

/* What a quick answer needs of a head (pa_http_head_read_parts()),
 * NUL-terminated. */
typedef struct
{
  char method[8];
  char target[512];
  char user_agent[1025];   /* "" when absent */
  char if_none_match[256]; /* "" when absent */
  char range[128];         /* "" when absent; firmware downloads resume */
  char if_range[256];      /* "" when absent */
} PaHttpHeadParts;

/* Reads the request line and the fields above from a head pa_http_head_scan()
 * found COMPLETE in @data. FALSE when something does not fit the struct or
 * a field appears more than once: such a request is libsoup's to read. */
gboolean pa_http_head_read_parts (const guint8     *data,
                                  const PaHttpHead *head,
                                  PaHttpHeadParts  *parts);

G_END_DECLS
