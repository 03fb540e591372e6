/* pa-http-head-invariants.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C and GLib, no test framework, so libFuzzer can link it: every
 * check returns a sentence instead of asserting.
 */
#include "config.h"

#include <string.h>

#include "pa-http-head.h"
#include "pa-http-head-invariants.h"

/* Scans the first @n bytes of @data from a copy of exactly @n bytes, so an
 * address sanitizer sees any read past @n. */
static PaHttpHeadResult
scan_copy (const guint8 *data,
           gsize         n,
           PaHttpHead   *head)
{
  g_autofree guint8 *copy = g_memdup2 (data, n);

  return pa_http_head_scan (copy, n, head);
}

static gboolean
same_head (const PaHttpHead *a,
           const PaHttpHead *b)
{
  return a->skip == b->skip &&
         a->length == b->length &&
         a->chunked == b->chunked &&
         a->content_length == b->content_length &&
         a->keep_alive == b->keep_alive &&
         a->minor_version == b->minor_version &&
         a->status == b->status &&
         a->reason == b->reason;
}

static gboolean
contains_ci (const guint8 *data,
             gsize         n,
             const char   *word)
{
  gsize w = strlen (word);

  for (gsize i = 0; i + w <= n; i++)
    if (g_ascii_strncasecmp ((const char *) data + i, word, w) == 0)
      return TRUE;
  return FALSE;
}

/* A verdict other than INCOMPLETE is final: a prefix of @n bytes that got
 * one must have got the same one the whole input got. An INCOMPLETE prefix
 * may become anything. */
static const char *
check_prefix (const guint8     *data,
              gsize             n,
              PaHttpHeadResult  full,
              const PaHttpHead *full_head)
{
  PaHttpHead head;
  PaHttpHeadResult r = scan_copy (data, n, &head);

  if (r == PA_HTTP_HEAD_INCOMPLETE)
    return NULL;
  if (r != full)
    return "a prefix got a verdict that more bytes changed";
  if (r == PA_HTTP_HEAD_COMPLETE && !same_head (&head, full_head))
    return "a COMPLETE prefix and the whole input disagree about the head";
  if (r == PA_HTTP_HEAD_REFUSED &&
      (head.status != full_head->status || head.reason != full_head->reason))
    return "a REFUSED prefix and the whole input were refused differently";
  return NULL;
}

static const char *
check_complete (const guint8     *data,
                gsize             size,
                const PaHttpHead *head)
{
  gsize end = head->skip + head->length;
  const guint8 *h = data + head->skip;
  PaHttpHead again;

  if (head->status != 0 || head->reason != NULL)
    return "COMPLETE with a status or reason";
  if (head->length == 0 || end < head->skip || end > size)
    return "COMPLETE with skip + length outside the input";
  if (data[end - 1] != '\n')
    return "COMPLETE with a head that does not end in \\n";
  if (head->length < 2 ||
      !(h[head->length - 2] == '\n' ||
        (head->length >= 3 && h[head->length - 2] == '\r' && h[head->length - 3] == '\n')))
    return "COMPLETE with a head that does not end in an empty line";
  if (head->skip > PA_HTTP_HEAD_MAX || head->length > PA_HTTP_HEAD_MAX)
    return "COMPLETE with more than PA_HTTP_HEAD_MAX bytes of blank lines or head";
  for (gsize i = 0; i < head->skip; i++)
    if (data[i] != '\r' && data[i] != '\n')
      return "COMPLETE with skipped bytes that are not blank lines";
  if (h[0] == '\n' || (h[0] == '\r' && h[1] == '\n'))
    return "COMPLETE with a head that starts with a blank line";
  if (memchr (h, '\0', head->length) != NULL)
    return "COMPLETE with a NUL byte in the head";
  if (head->minor_version > 1)
    return "COMPLETE with a minor version other than 0 or 1";
  if (head->keep_alive != FALSE && head->keep_alive != TRUE)
    return "COMPLETE with keep_alive neither TRUE nor FALSE";
  if (head->chunked != FALSE && head->chunked != TRUE)
    return "COMPLETE with chunked neither TRUE nor FALSE";
  if (head->chunked && head->content_length != 0)
    return "COMPLETE both chunked and with a Content-Length";
  if (head->chunked && (head->minor_version == 0 || !contains_ci (h, head->length, "chunked")))
    return "COMPLETE chunked without an HTTP/1.1 head naming chunked";
  if (head->content_length != 0 && !contains_ci (h, head->length, "content-length:"))
    return "COMPLETE with a Content-Length the head does not carry";
  if (head->minor_version == 1 && !contains_ci (h, head->length, "host:"))
    return "COMPLETE HTTP/1.1 without a Host field";

  /* The verdict depends on the head alone: the same bytes without what
   * follows them give the same head, and one byte fewer is INCOMPLETE. */
  if (scan_copy (data, end, &again) != PA_HTTP_HEAD_COMPLETE || !same_head (&again, head))
    return "the head alone does not scan as the same COMPLETE head";
  if (scan_copy (data, end - 1, &again) != PA_HTTP_HEAD_INCOMPLETE)
    return "the head without its last byte is not INCOMPLETE";

  /* What a quick answer reads of it: from the head alone (a copy of just
   * its bytes, so reading past it shows under ASan), and as it says. */
  {
    g_autofree guint8 *copy = g_memdup2 (data, end);
    PaHttpHeadParts parts;

    if (pa_http_head_read_parts (copy, head, &parts))
      {
        gsize method = strlen (parts.method);

        if (method == 0 || memcmp (h, parts.method, method) != 0 || h[method] != ' ')
          return "read_parts: the method is not how the head starts";
        if (parts.target[0] == '\0' ||
            memcmp (h + method + 1, parts.target, strlen (parts.target)) != 0)
          return "read_parts: the target is not what follows the method";
        if (parts.user_agent[0] != '\0' && !contains_ci (h, head->length, "user-agent:"))
          return "read_parts: a User-Agent the head does not carry";
        if (parts.if_none_match[0] != '\0' && !contains_ci (h, head->length, "if-none-match:"))
          return "read_parts: an If-None-Match the head does not carry";
      }
  }
  return NULL;
}

static const char *
check_refused (const guint8     *data,
               gsize             size,
               const PaHttpHead *head)
{
  PaHttpHead again;

  if (head->status != 400 && head->status != 431 && head->status != 501 && head->status != 505)
    return "REFUSED with a status other than 400, 431, 501 or 505";
  if (head->reason == NULL || head->reason[0] == '\0')
    return "REFUSED without a reason";
  /* When the end of the head was found before refusing, the head alone is
   * refused the same way. */
  if (head->length > 0)
    {
      gsize end = head->skip + head->length;

      if (end < head->skip || end > size)
        return "REFUSED with skip + length outside the input";
      if (scan_copy (data, end, &again) != PA_HTTP_HEAD_REFUSED ||
          again.status != head->status || again.reason != head->reason)
        return "the refused head alone is not refused the same way";
    }
  return NULL;
}

const char *
pa_http_head_check_invariants (const guint8 *data,
                               gsize         size)
{
  PaHttpHead head, again;
  PaHttpHeadResult r = scan_copy (data, size, &head);
  const char *problem = NULL;

  if (r != PA_HTTP_HEAD_INCOMPLETE && r != PA_HTTP_HEAD_COMPLETE && r != PA_HTTP_HEAD_REFUSED)
    return "the result is none of INCOMPLETE, COMPLETE, REFUSED";
  if (scan_copy (data, size, &again) != r || !same_head (&again, &head))
    return "scanning the same bytes twice gave two verdicts";
  if (head.skip > size)
    return "skip is past the input";

  switch (r)
    {
    case PA_HTTP_HEAD_COMPLETE:
      problem = check_complete (data, size, &head);
      break;
    case PA_HTTP_HEAD_REFUSED:
      problem = check_refused (data, size, &head);
      break;
    case PA_HTTP_HEAD_INCOMPLETE:
    default:
      if (head.status != 0 || head.reason != NULL)
        return "INCOMPLETE with a status or reason";
      if (size - head.skip > PA_HTTP_HEAD_MAX)
        return "INCOMPLETE with more than PA_HTTP_HEAD_MAX bytes after skip";
      break;
    }
  if (problem != NULL)
    return problem;

  /* Verdicts are final as bytes arrive; try a few prefixes. */
  if (size > 0 && (problem = check_prefix (data, size - 1, r, &head)) != NULL)
    return problem;
  if ((problem = check_prefix (data, size / 2, r, &head)) != NULL)
    return problem;
  if (head.length > 0 && head.skip + head.length + 1 < size)
    problem = check_prefix (data, head.skip + head.length + 1, r, &head);
  return problem;
}
