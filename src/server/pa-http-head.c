/* pa-http-head.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are RFC 9112's, read strictly wherever a lenient reading would
 * let two parsers disagree about where a body ends (request smuggling):
 * Content-Length must be digits and agree with itself, never sits beside
 * Transfer-Encoding, and chunked is the only coding taken.
 */
#include "config.h"

#include <string.h>

#include "pa-http-head.h"

/* A Content-Length with more digits than this cannot be a body we take. */
#define MAX_LENGTH_DIGITS 18

typedef struct
{
  const guint8 *p;
  gsize         len;
} Span;

static PaHttpHeadResult
refuse (PaHttpHead *head,
        guint       status,
        const char *reason)
{
  head->status = status;
  head->reason = reason;
  return PA_HTTP_HEAD_REFUSED;
}

/* RFC 9110 tchar */
static gboolean
is_tchar (guint8 c)
{
  return g_ascii_isalnum (c) || (c != 0 && strchr ("!#$%&'*+-.^_`|~", c) != NULL);
}

static gboolean
span_equal_ci (Span        s,
               const char *word)
{
  gsize n = strlen (word);

  return s.len == n && g_ascii_strncasecmp ((const char *) s.p, word, n) == 0;
}

static Span
span_trim (Span s)
{
  while (s.len > 0 && (s.p[0] == ' ' || s.p[0] == '\t'))
    s.p++, s.len--;
  while (s.len > 0 && (s.p[s.len - 1] == ' ' || s.p[s.len - 1] == '\t'))
    s.len--;
  return s;
}

/* Calls @func on each comma-separated element of @value, trimmed, skipping
 * empty ones (RFC 9110 §5.6.1 lets lists carry them). Stops at FALSE. */
typedef gboolean (*ElementFunc) (Span element, gpointer data);

static gboolean
for_each_element (Span        value,
                  ElementFunc func,
                  gpointer    data)
{
  gsize start = 0;

  for (gsize i = 0; i <= value.len; i++)
    if (i == value.len || value.p[i] == ',')
      {
        Span element = span_trim ((Span) { value.p + start, i - start });

        if (element.len > 0 && !func (element, data))
          return FALSE;
        start = i + 1;
      }
  return TRUE;
}

typedef struct
{
  PaHttpHead *head;
  gboolean    seen_length;
  guint       lengths;      /* Content-Length elements in all fields */
  guint       coding_fields; /* Transfer-Encoding fields, even empty ones */
  gboolean    seen_chunked;
  gboolean    other_coding;
  gboolean    close;
  gboolean    keep_alive;
  gboolean    length_bad;
} Framing;

static gboolean
length_element (Span     element,
                gpointer data)
{
  Framing *f = data;
  guint64 value = 0;

  if (element.len > MAX_LENGTH_DIGITS)
    {
      f->length_bad = TRUE;
      return FALSE;
    }
  for (gsize i = 0; i < element.len; i++)
    {
      if (!g_ascii_isdigit (element.p[i]))
        {
          f->length_bad = TRUE;
          return FALSE;
        }
      value = value * 10 + (element.p[i] - '0');
    }
  /* "5, 5" is one length said twice (RFC 9110 §8.6); "5, 6" is two. */
  if (f->seen_length && value != f->head->content_length)
    {
      f->length_bad = TRUE;
      return FALSE;
    }
  f->head->content_length = value;
  f->seen_length = TRUE;
  f->lengths++;
  return TRUE;
}

static gboolean
coding_element (Span     element,
                gpointer data)
{
  Framing *f = data;

  /* chunked must be the last coding, once: anything after it, or a second
   * one, leaves the body's end undefined. */
  if (f->seen_chunked)
    {
      f->length_bad = TRUE;
      return FALSE;
    }
  if (span_equal_ci (element, "chunked"))
    f->seen_chunked = TRUE;
  else
    f->other_coding = TRUE;
  return TRUE;
}

static gboolean
connection_element (Span     element,
                    gpointer data)
{
  Framing *f = data;

  if (span_equal_ci (element, "close"))
    f->close = TRUE;
  else if (span_equal_ci (element, "keep-alive"))
    f->keep_alive = TRUE;
  return TRUE;
}

/* "GET /path HTTP/1.1" */
static PaHttpHeadResult
scan_request_line (Span        line,
                   PaHttpHead *head)
{
  gsize i = 0, target_start;
  Span version;

  while (i < line.len && is_tchar (line.p[i]))
    i++;
  if (i == 0 || i >= line.len || line.p[i] != ' ')
    return refuse (head, 400, "The request line does not start with a method");
  target_start = ++i;
  while (i < line.len && line.p[i] > ' ' && line.p[i] < 0x7f)
    i++;
  if (i == target_start || i >= line.len || line.p[i] != ' ')
    return refuse (head, 400, "The request target is missing or holds a space or control character");
  version = (Span) { line.p + i + 1, line.len - i - 1 };

  if (version.len != 8 || memcmp (version.p, "HTTP/", 5) != 0 ||
      !g_ascii_isdigit (version.p[5]) || version.p[6] != '.' || !g_ascii_isdigit (version.p[7]))
    return refuse (head, 400, "The request line does not end in an HTTP version");
  if (version.p[5] != '1')
    return refuse (head, 505, "Only HTTP/1.0 and HTTP/1.1 are spoken here");
  /* RFC 9112 §2.3: a later 1.x is answered as 1.1. */
  head->minor_version = version.p[7] == '0' ? 0 : 1;
  return PA_HTTP_HEAD_COMPLETE;
}

PaHttpHeadResult
pa_http_head_scan (const guint8 *data,
                   gsize         length,
                   PaHttpHead   *head)
{
  Framing f = { head };
  gsize pos = 0, end = 0, fields = 0, hosts = 0;
  gboolean first = TRUE;

  memset (head, 0, sizeof *head);

  /* Blank lines before the request line are ignored. */
  while (pos < length && (data[pos] == '\n' || data[pos] == '\r'))
    {
      if (data[pos] == '\r' && (pos + 1 >= length || data[pos + 1] != '\n'))
        break;
      pos += data[pos] == '\r' ? 2 : 1;
    }
  head->skip = pos;
  if (pos > PA_HTTP_HEAD_MAX)
    return refuse (head, 400, "The request starts with too many blank lines");

  /* Find the empty line first: nothing is judged on a head still arriving,
   * except that it may not grow past the limit. */
  for (gsize i = pos; i < length && end == 0; i++)
    if (data[i] == '\n' &&
        ((i >= pos + 1 && data[i - 1] == '\n') ||
         (i >= pos + 2 && data[i - 1] == '\r' && data[i - 2] == '\n')))
      end = i + 1;
  if (end == 0)
    {
      if (length - pos > PA_HTTP_HEAD_MAX)
        return refuse (head, 431, "The request head is larger than 16 KiB");
      return PA_HTTP_HEAD_INCOMPLETE;
    }
  if (end - pos > PA_HTTP_HEAD_MAX)
    return refuse (head, 431, "The request head is larger than 16 KiB");
  head->length = end - pos;

  while (pos < end)
    {
      const guint8 *nl = memchr (data + pos, '\n', end - pos);
      Span line = { data + pos, (gsize) (nl - (data + pos)) };
      Span name, value;
      gsize colon;

      pos += line.len + 1;
      if (line.len > 0 && line.p[line.len - 1] == '\r')
        line.len--;
      if (line.len == 0)
        break;
      /* A bare CR or a NUL could be read as a line break or an end by a
       * parser behind us. */
      for (gsize i = 0; i < line.len; i++)
        if (line.p[i] == '\r' || line.p[i] == '\0')
          return refuse (head, 400, "The request head holds a stray CR or NUL byte");

      if (first)
        {
          PaHttpHeadResult r = scan_request_line (line, head);

          if (r != PA_HTTP_HEAD_COMPLETE)
            return r;
          first = FALSE;
          continue;
        }

      if (line.p[0] == ' ' || line.p[0] == '\t')
        return refuse (head, 400, "Folded header lines (obs-fold) are not accepted");
      if (++fields > PA_HTTP_HEAD_MAX_FIELDS)
        return refuse (head, 431, "The request has more than 100 header fields");

      colon = 0;
      while (colon < line.len && is_tchar (line.p[colon]))
        colon++;
      if (colon == 0 || colon >= line.len || line.p[colon] != ':')
        return refuse (head, 400, "A header line is not “Name: value”");
      name = (Span) { line.p, colon };
      value = span_trim ((Span) { line.p + colon + 1, line.len - colon - 1 });
      /* RFC 9110 §5.5: CR and NUL are refused above, and so are the other
       * CTLs (DEL too), which a recipient may keep but need not. */
      for (gsize i = 0; i < value.len; i++)
        if ((value.p[i] < ' ' && value.p[i] != '\t') || value.p[i] == 0x7f)
          return refuse (head, 400, "A header value holds a control character");

      if (span_equal_ci (name, "Content-Length"))
        {
          guint before = f.lengths;

          if (!for_each_element (value, length_element, &f) || f.lengths == before)
            return refuse (head, 400, "Content-Length is not one whole number");
        }
      else if (span_equal_ci (name, "Transfer-Encoding"))
        {
          f.coding_fields++;
          if (!for_each_element (value, coding_element, &f))
            return refuse (head, 400, "Transfer-Encoding has a coding after chunked");
        }
      else if (span_equal_ci (name, "Connection"))
        for_each_element (value, connection_element, &f);
      else if (span_equal_ci (name, "Host"))
        hosts++;
    }

  if (f.length_bad)
    return refuse (head, 400, "Content-Length is not one whole number");
  /* RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 message means its
   * framing is faulty, whatever else it says. */
  if (f.coding_fields > 0 && head->minor_version == 0)
    return refuse (head, 400, "An HTTP/1.0 request may not carry Transfer-Encoding");
  /* RFC 9112 §6.3: a Transfer-Encoding whose last coding is not chunked
   * leaves the body's end unknown, and one naming no coding at all (empty,
   * or only commas) has no last coding; a parser ahead of us may have taken
   * it either way. */
  if (f.coding_fields > 0 && !f.seen_chunked && !f.other_coding)
    return refuse (head, 400, "Transfer-Encoding names no coding");
  if (f.seen_length && (f.seen_chunked || f.other_coding))
    return refuse (head, 400, "A request may not carry both Content-Length and Transfer-Encoding");
  if (f.other_coding)
    return refuse (head, 501, "Only the chunked transfer coding is accepted");
  /* RFC 9112 §6.1: a request with codings that do not end in chunked has
   * no knowable end; the loop above made chunked the last one. */
  head->chunked = f.seen_chunked;
  if (head->minor_version == 1 && hosts != 1)
    return refuse (head, 400, "An HTTP/1.1 request needs exactly one Host header");
  if (hosts > 1)
    return refuse (head, 400, "A request may carry only one Host header");

  head->keep_alive = head->minor_version == 1 ? !f.close : (f.keep_alive && !f.close);
  return PA_HTTP_HEAD_COMPLETE;
}
