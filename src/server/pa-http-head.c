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
  guint       length_fields;
  guint       coding_fields;
  gboolean    seen_chunked;   /* in the list being read */
  gboolean    chunked_last;
  gboolean    empty_coding;
  gboolean    other_coding;   /* anything but exactly "chunked" */
  gboolean    close;
  gboolean    keep_alive;
} Framing;

/* 1*DIGIT and nothing else: no sign, no list, no blanks inside. libsoup
 * reads the value with strtoull and takes anything after the digits for an
 * unknown encoding, so a list that RFC 9110 §8.6 would allow ("5, 5") is
 * refused here rather than handed on. */
static gboolean
parse_length (Span     value,
              guint64 *length)
{
  guint64 n = 0;

  if (value.len == 0 || value.len > MAX_LENGTH_DIGITS)
    return FALSE;
  for (gsize i = 0; i < value.len; i++)
    {
      if (!g_ascii_isdigit (value.p[i]))
        return FALSE;
      n = n * 10 + (value.p[i] - '0');
    }
  *length = n;
  return TRUE;
}

static gboolean
coding_element (Span     element,
                gpointer data)
{
  Framing *f = data;

  if (f->seen_chunked)
    f->chunked_last = FALSE;
  if (span_equal_ci (element, "chunked"))
    {
      f->chunked_last = !f->seen_chunked;
      f->seen_chunked = TRUE;
    }
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

/* RFC 9112 §3.2: uri-host [ ":" port ]: a reg-name, an IPv4 address or an
 * IP literal in brackets, or empty. libsoup builds the request's URI from
 * it and, from anything else, leaves a message without one. */
static gboolean
host_is_valid (Span value)
{
  for (gsize i = 0; i < value.len; i++)
    {
      guint8 c = value.p[i];

      if (!g_ascii_isalnum (c) && strchr ("-._~%!$&'()*+,;=:[]", c) == NULL)
        return FALSE;
    }
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
  Framing f = { 0 };
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
          if (++f.length_fields > 1)
            return refuse (head, 400, "Content-Length appears more than once");
          if (!parse_length (value, &head->content_length))
            return refuse (head, 400, "Content-Length is not one whole number");
        }
      else if (span_equal_ci (name, "Transfer-Encoding"))
        {
          if (++f.coding_fields > 1)
            return refuse (head, 400, "Transfer-Encoding appears more than once");
          if (span_equal_ci (value, "chunked"))
            head->chunked = TRUE;
          else
            {
              /* Anything else is refused; only how is to be decided. */
              for (gsize i = 0; i <= value.len; i++)
                if (i == value.len || value.p[i] == ',')
                  {
                    gsize j = i;

                    while (j > 0 && (value.p[j - 1] == ' ' || value.p[j - 1] == '\t'))
                      j--;
                    if (j == 0 || value.p[j - 1] == ',')
                      f.empty_coding = TRUE;
                  }
              for_each_element (value, coding_element, &f);
              f.other_coding = TRUE;
            }
        }
      else if (span_equal_ci (name, "Connection"))
        for_each_element (value, connection_element, &f);
      else if (span_equal_ci (name, "Host"))
        {
          if (++hosts > 1)
            return refuse (head, 400, "A request may carry only one Host header");
          if (!host_is_valid (value))
            return refuse (head, 400, "The Host header is not a host name or address");
        }
    }

  /* Every other coding is refused; the order below says how, the worst
   * framing first. RFC 9112 §6.3: with chunked not last, once, the body
   * has no knowable end. */
  if (f.empty_coding || (f.seen_chunked && !f.chunked_last))
    return refuse (head, 400, "Transfer-Encoding is not a list of codings ending in chunked");
  /* RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 message means its
   * framing is faulty, whatever else it says. */
  if (f.coding_fields > 0 && head->minor_version == 0)
    return refuse (head, 400, "An HTTP/1.0 request may not carry Transfer-Encoding");
  if (f.length_fields > 0 && f.coding_fields > 0)
    return refuse (head, 400, "A request may not carry both Content-Length and Transfer-Encoding");
  if (f.other_coding)
    return refuse (head, 501, "Only the chunked transfer coding is accepted");
  if (head->minor_version == 1 && hosts != 1)
    return refuse (head, 400, "An HTTP/1.1 request needs exactly one Host header");

  head->keep_alive = head->minor_version == 1 ? !f.close : (f.keep_alive && !f.close);
  return PA_HTTP_HEAD_COMPLETE;
}

static gboolean
copy_span (Span   s,
           char  *out,
           gsize  size)
{
  if (s.len >= size)
    return FALSE;
  memcpy (out, s.p, s.len);
  out[s.len] = '\0';
  return TRUE;
}

gboolean
pa_http_head_read_parts (const guint8     *data,
                         const PaHttpHead *head,
                         PaHttpHeadParts  *parts)
{
  const guint8 *p = data + head->skip;
  const guint8 *end = p + head->length;
  gboolean first = TRUE;
  struct
  {
    const char *name;
    char       *out;
    gsize       size;
    gboolean    seen;
  } fields[] = {
    { "User-Agent",    parts->user_agent,    sizeof parts->user_agent,    FALSE },
    { "If-None-Match", parts->if_none_match, sizeof parts->if_none_match, FALSE },
    { "Range",         parts->range,         sizeof parts->range,         FALSE },
    { "If-Range",      parts->if_range,      sizeof parts->if_range,      FALSE },
  };

  memset (parts, 0, sizeof *parts);
  while (p < end)
    {
      const guint8 *nl = memchr (p, '\n', end - p);
      Span line = { p, (gsize) ((nl != NULL ? nl : end) - p) };
      gsize colon = 0;

      p += line.len + 1;
      if (line.len > 0 && line.p[line.len - 1] == '\r')
        line.len--;
      if (line.len == 0)
        break;

      if (first)
        {
          /* "METHOD SP target SP HTTP/1.x", as the scan checked */
          const guint8 *sp1 = memchr (line.p, ' ', line.len);
          const guint8 *sp2 = sp1 != NULL ? memchr (sp1 + 1, ' ', line.p + line.len - sp1 - 1) : NULL;

          if (sp2 == NULL ||
              !copy_span ((Span) { line.p, (gsize) (sp1 - line.p) }, parts->method, sizeof parts->method) ||
              !copy_span ((Span) { sp1 + 1, (gsize) (sp2 - sp1 - 1) }, parts->target, sizeof parts->target))
            return FALSE;
          first = FALSE;
          continue;
        }

      while (colon < line.len && line.p[colon] != ':')
        colon++;
      if (colon >= line.len)
        return FALSE;
      for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
        if (span_equal_ci ((Span) { line.p, colon }, fields[f].name))
          {
            if (fields[f].seen ||
                !copy_span (span_trim ((Span) { line.p + colon + 1, line.len - colon - 1 }),
                            fields[f].out, fields[f].size))
              return FALSE;
            fields[f].seen = TRUE;
          }
    }
  return !first;
}
