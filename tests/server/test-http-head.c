/* test-http-head.c — pa_http_head_scan(), the request-head scanner
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure unit tests: no provd, no sockets. Every input is scanned from a copy
 * of exactly its size (an address sanitizer build sees any over-read) and
 * put through the fuzzer's invariant checks as well; the fuzzer's seed
 * corpus is replayed at the end, so an input saved there stays fixed.
 */
#include "config.h"

#include <string.h>

#include "pa-http-head.h"
#include "pa-http-head-invariants.h"

#define HOST "Host: prov.example.org\r\n"

static const char *
result_name (PaHttpHeadResult r)
{
  switch (r)
    {
    case PA_HTTP_HEAD_INCOMPLETE:
      return "INCOMPLETE";
    case PA_HTTP_HEAD_COMPLETE:
      return "COMPLETE";
    case PA_HTTP_HEAD_REFUSED:
      return "REFUSED";
    default:
      return "(not a result)";
    }
}

static void
assert_invariants (const guint8 *data,
                   gsize         n)
{
  const char *problem = pa_http_head_check_invariants (data, n);

  if (problem != NULL)
    {
      g_autofree char *start = g_strndup (n > 0 ? (const char *) data : "", MIN (n, 200));
      g_autofree char *escaped = g_strescape (start, NULL);

      g_error ("invariant broken on %" G_GSIZE_FORMAT " bytes starting \"%s\": %s",
               n, escaped, problem);
    }
}

/* Scans @n bytes of @bytes from an exactly-sized copy and checks the
 * invariants on them too. */
static PaHttpHeadResult
scan_bytes (const void *bytes,
            gsize       n,
            PaHttpHead *head)
{
  g_autofree guint8 *copy = g_memdup2 (bytes, n);
  PaHttpHeadResult r = pa_http_head_scan (copy, n, head);

  assert_invariants (copy, n);
  return r;
}

static PaHttpHeadResult
scan_text (const char *text,
           PaHttpHead *head)
{
  return scan_bytes (text, strlen (text), head);
}

static void
assert_result (PaHttpHeadResult got,
               PaHttpHeadResult want)
{
  if (got != want)
    g_error ("got %s, wanted %s", result_name (got), result_name (want));
}

/* -- Well-formed heads -------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *blank;     /* blank lines before the request line: @skip */
  const char *head;      /* through its empty line: @length */
  const char *rest;      /* body or next request, not part of the head */
  gboolean    chunked;
  guint64     content_length;
  gboolean    keep_alive;
  guint       minor_version;
} OkCase;

static const OkCase ok_cases[] = {
  { "get-1.1-host", "",
    "GET /p/805ec0123456.cfg HTTP/1.1\r\n" HOST "\r\n", "",
    FALSE, 0, TRUE, 1 },
  { "phone-get", "",
    "GET /p/805ec0123456.cfg HTTP/1.1\r\n"
    "Host: 192.0.2.10:8080\r\n"
    "User-Agent: Yealink SIP-T54W 96.87.0.15 80:5e:c0:12:34:56\r\n"
    "Accept: */*\r\n"
    "Authorization: Basic cGhvbmU6c2VjcmV0\r\n\r\n", "",
    FALSE, 0, TRUE, 1 },
  { "get-1.0-no-host", "",
    "GET /p/spa.xml HTTP/1.0\r\nUser-Agent: Cisco/SPA504G-7.5.5\r\n\r\n", "",
    FALSE, 0, FALSE, 0 },
  { "get-1.0-host", "",
    "GET / HTTP/1.0\r\n" HOST "\r\n", "",
    FALSE, 0, FALSE, 0 },
  { "request-line-only-1.0", "", "GET / HTTP/1.0\r\n\r\n", "", FALSE, 0, FALSE, 0 },
  { "bare-lf", "", "GET / HTTP/1.1\nHost: a\nAccept: */*\n\n", "", FALSE, 0, TRUE, 1 },
  { "lf-then-crlf-end", "", "GET / HTTP/1.1\r\nHost: a\n\r\n", "", FALSE, 0, TRUE, 1 },
  { "crlf-then-lf-end", "", "GET / HTTP/1.1\r\nHost: a\r\n\n", "", FALSE, 0, TRUE, 1 },
  { "blank-crlf", "\r\n", "GET / HTTP/1.1\r\n" HOST "\r\n", "", FALSE, 0, TRUE, 1 },
  { "blank-crlf-crlf", "\r\n\r\n", "GET / HTTP/1.1\r\n" HOST "\r\n", "", FALSE, 0, TRUE, 1 },
  { "blank-lf-mixed", "\n\r\n\n", "GET / HTTP/1.1\n" "Host: a\n\n", "", FALSE, 0, TRUE, 1 },
  { "body-after", "",
    "POST /api/v1/phones HTTP/1.1\r\n" HOST "Content-Type: application/json\r\n"
    "Content-Length: 2\r\n\r\n", "{}",
    FALSE, 2, TRUE, 1 },
  { "pipelined", "",
    "GET /p/a.cfg HTTP/1.1\r\n" HOST "\r\n",
    "GET /p/b.cfg HTTP/1.1\r\n" HOST "\r\n",
    FALSE, 0, TRUE, 1 },
  { "pipelined-after-body", "",
    "POST /api/v1/jobs HTTP/1.1\r\n" HOST "Content-Length: 5\r\n\r\n",
    "helloGET / HTTP/1.1\r\n" HOST "\r\n",
    FALSE, 5, TRUE, 1 },
  { "pipelined-partial", "",
    "GET /p/a.cfg HTTP/1.1\r\n" HOST "\r\n", "GET /p/b.c",
    FALSE, 0, TRUE, 1 },
  { "length-zero", "",
    "POST / HTTP/1.1\r\n" HOST "Content-Length: 0\r\n\r\n", "", FALSE, 0, TRUE, 1 },
  { "length-ows", "",
    "POST / HTTP/1.1\r\n" HOST "Content-Length:\t 7 \t\r\n\r\n", "1234567",
    FALSE, 7, TRUE, 1 },
  { "length-18-digits", "",
    "POST / HTTP/1.1\r\n" HOST "Content-Length: 999999999999999999\r\n\r\n", "",
    FALSE, G_GUINT64_CONSTANT (999999999999999999), TRUE, 1 },
  { "chunked", "",
    "POST /api/v1/firmware HTTP/1.1\r\n" HOST "Transfer-Encoding: chunked\r\n\r\n",
    "5\r\nhello\r\n0\r\n\r\n",
    TRUE, 0, TRUE, 1 },
  { "chunked-case", "",
    "POST / HTTP/1.1\r\n" HOST "transfer-encoding: Chunked\r\n\r\n", "0\r\n\r\n",
    TRUE, 0, TRUE, 1 },
  { "chunked-close", "",
    "POST / HTTP/1.1\r\n" HOST "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n", "",
    TRUE, 0, FALSE, 1 },
  { "1.1-close", "",
    "GET / HTTP/1.1\r\n" HOST "Connection: close\r\n\r\n", "", FALSE, 0, FALSE, 1 },
  { "1.1-close-case", "",
    "GET / HTTP/1.1\r\n" HOST "connection: CLOSE\r\n\r\n", "", FALSE, 0, FALSE, 1 },
  { "1.1-upgrade-close", "",
    "GET / HTTP/1.1\r\n" HOST "Connection: Upgrade, close\r\n\r\n", "", FALSE, 0, FALSE, 1 },
  { "1.1-close-second-field", "",
    "GET / HTTP/1.1\r\n" HOST "Connection: Upgrade\r\nConnection: close\r\n\r\n", "",
    FALSE, 0, FALSE, 1 },
  { "1.1-keep-alive-upgrade", "",
    "GET / HTTP/1.1\r\n" HOST "Connection: keep-alive, Upgrade\r\n\r\n", "",
    FALSE, 0, TRUE, 1 },
  { "1.1-closed-is-not-close", "",
    "GET / HTTP/1.1\r\n" HOST "Connection: closed\r\n\r\n", "", FALSE, 0, TRUE, 1 },
  { "1.1-close-not-a-connection-field", "",
    "GET / HTTP/1.1\r\n" HOST "X-Connection: close\r\n\r\n", "", FALSE, 0, TRUE, 1 },
  { "1.0-keep-alive", "",
    "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n", "", FALSE, 0, TRUE, 0 },
  { "1.0-keep-alive-then-close", "",
    "GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n", "", FALSE, 0, FALSE, 0 },
  { "1.0-keep-alive-with-length", "",
    "POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\n", "abc",
    FALSE, 3, TRUE, 0 },
  { "1.2-is-1.1", "", "GET / HTTP/1.2\r\n" HOST "\r\n", "", FALSE, 0, TRUE, 1 },
  { "1.9-is-1.1", "",
    "GET / HTTP/1.9\r\n" HOST "Connection: close\r\n\r\n", "", FALSE, 0, FALSE, 1 },
  { "names-any-case", "",
    "POST / HTTP/1.1\r\nhOsT: a\r\nCONTENT-LENGTH: 3\r\nCoNnEcTiOn: ClOsE\r\n\r\n", "abc",
    FALSE, 3, FALSE, 1 },
  { "empty-host", "", "GET /p HTTP/1.1\r\nHost:\r\n\r\n", "", FALSE, 0, TRUE, 1 },
  { "obs-text-and-tab-in-value", "",
    "GET / HTTP/1.1\r\n" HOST "X-Label: Empfang \xc3\xa4\tzwei\r\n\r\n", "",
    FALSE, 0, TRUE, 1 },
  { "empty-value", "", "GET / HTTP/1.1\r\n" HOST "X-Empty:\r\n\r\n", "", FALSE, 0, TRUE, 1 },
  { "asterisk-form", "", "OPTIONS * HTTP/1.1\r\n" HOST "\r\n", "", FALSE, 0, TRUE, 1 },
  { "absolute-form", "",
    "GET http://prov.example.org/p/a.cfg?x=1 HTTP/1.1\r\n" HOST "\r\n", "", FALSE, 0, TRUE, 1 },
  { "tchar-method", "", "M-SEARCH! / HTTP/1.1\r\n" HOST "\r\n", "", FALSE, 0, TRUE, 1 },
};

static void
assert_ok_case (const OkCase     *c,
                PaHttpHeadResult  r,
                const PaHttpHead *head)
{
  assert_result (r, PA_HTTP_HEAD_COMPLETE);
  g_assert_cmpuint (head->skip, ==, strlen (c->blank));
  g_assert_cmpuint (head->length, ==, strlen (c->head));
  g_assert_cmpint (head->chunked, ==, c->chunked);
  g_assert_cmpuint (head->content_length, ==, c->content_length);
  g_assert_cmpint (head->keep_alive, ==, c->keep_alive);
  g_assert_cmpuint (head->minor_version, ==, c->minor_version);
  g_assert_cmpuint (head->status, ==, 0);
  g_assert_null (head->reason);
}

static void
test_head_complete (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (ok_cases); i++)
    {
      const OkCase *c = &ok_cases[i];
      g_autofree char *text = g_strconcat (c->blank, c->head, c->rest, NULL);
      PaHttpHead head;

      g_test_message ("case %s", c->name);
      assert_ok_case (c, scan_text (text, &head), &head);
    }
}

/* Bytes arrive a few at a time: until the empty line is in, the answer is
 * INCOMPLETE; from then on the same head whatever follows. The scan runs on
 * the whole buffer with a shorter length too, where reading past the length
 * would find the end early. */
static void
test_head_every_prefix (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (ok_cases); i++)
    {
      const OkCase *c = &ok_cases[i];
      g_autofree char *text = g_strconcat (c->blank, c->head, c->rest, NULL);
      gsize end = strlen (c->blank) + strlen (c->head);
      gsize total = strlen (text);

      g_test_message ("case %s", c->name);
      for (gsize n = 0; n <= total; n++)
        {
          PaHttpHead head, in_place;
          PaHttpHeadResult r = scan_bytes (text, n, &head);
          PaHttpHeadResult r_in_place = pa_http_head_scan ((const guint8 *) text, n, &in_place);

          assert_result (r_in_place, r);
          if (n < end)
            {
              if (r != PA_HTTP_HEAD_INCOMPLETE)
                g_error ("prefix of %" G_GSIZE_FORMAT " bytes: %s (%u %s)", n, result_name (r),
                         head.status, head.reason);
              g_assert_cmpuint (head.status, ==, 0);
            }
          else
            assert_ok_case (c, r, &head);
        }
    }
}

/* -- Refused heads ------------------------------------------------------ */

typedef struct
{
  const char *name;
  const char *text;
  gsize       size;     /* 0: strlen (text) */
  guint       status;
  const char *needle;   /* in the reason */
} RefusedCase;

#define REFUSED(name, text, status, needle) { name, text, 0, status, needle }
/* For texts holding a NUL */
#define REFUSED_BYTES(name, text, status, needle) { name, text, sizeof text - 1, status, needle }
#define POST "POST /api/v1/phones HTTP/1.1\r\n" HOST

static const RefusedCase refused_cases[] = {
  /* Content-Length */
  /* Lists and repeats RFC 9110 §8.6 would allow are refused: libsoup
   * reads the value with strtoull and takes "5, 5" for an unknown
   * encoding. */
  REFUSED ("length-repeated-list", POST "Content-Length: 5, 5\r\n\r\nhello", 400, "Content-Length"),
  REFUSED ("length-repeated-no-space", POST "Content-Length: 5,5\r\n\r\nhello", 400, "Content-Length"),
  REFUSED ("length-repeated-fields", POST "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello",
           400, "more than once"),
  REFUSED ("length-empty-elements", POST "Content-Length: , 5 ,\r\n\r\nhello", 400, "Content-Length"),
  REFUSED ("length-leading-zeros-list", POST "Content-Length: 0005, 5\r\n\r\nhello", 400, "Content-Length"),
  REFUSED ("chunked-empty-elements", POST "Transfer-Encoding: , chunked ,\r\n\r\n", 400,
           "Transfer-Encoding"),
  REFUSED ("length-letters", POST "Content-Length: abc\r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-negative", POST "Content-Length: -1\r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-plus", POST "Content-Length: +5\r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-empty", POST "Content-Length: \r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-empty-no-space", POST "Content-Length:\r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-only-commas", POST "Content-Length: , ,\r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-list-differs", POST "Content-Length: 1, 2\r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-fields-differ", POST "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
           400, "Content-Length"),
  REFUSED ("length-field-then-empty", POST "Content-Length: 5\r\nContent-Length:\r\n\r\n",
           400, "Content-Length"),
  REFUSED ("length-19-digits", POST "Content-Length: 1000000000000000000\r\n\r\n",
           400, "Content-Length"),
  REFUSED ("length-19-digits-zeros", POST "Content-Length: 0000000000000000005\r\n\r\n",
           400, "Content-Length"),
  REFUSED ("length-overflow", POST "Content-Length: 18446744073709551621\r\n\r\n",
           400, "Content-Length"),
  REFUSED ("length-inner-space", POST "Content-Length: 5 5\r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-hex", POST "Content-Length: 0x10\r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-decimal", POST "Content-Length: 5.0\r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-semicolon", POST "Content-Length: 5;\r\n\r\n", 400, "Content-Length"),
  REFUSED ("length-and-chunked", POST "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
           400, "both"),
  REFUSED ("chunked-and-length", POST "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n",
           400, "both"),
  REFUSED ("length-and-gzip", POST "Content-Length: 5\r\nTransfer-Encoding: gzip\r\n\r\n",
           400, "both"),
  /* Transfer-Encoding */
  REFUSED ("gzip", POST "Transfer-Encoding: gzip\r\n\r\n", 501, "chunked"),
  REFUSED ("identity", POST "Transfer-Encoding: identity\r\n\r\n", 501, "chunked"),
  REFUSED ("gzip-chunked", POST "Transfer-Encoding: gzip, chunked\r\n\r\n", 501, "chunked"),
  /* Two fields are refused outright: libsoup takes the last one alone. */
  REFUSED ("gzip-field-chunked-field", POST "Transfer-Encoding: gzip\r\n"
           "Transfer-Encoding: chunked\r\n\r\n", 400, "more than once"),
  REFUSED ("chunked-gzip", POST "Transfer-Encoding: chunked, gzip\r\n\r\n", 400, "ending in chunked"),
  REFUSED ("chunked-twice-list", POST "Transfer-Encoding: chunked, chunked\r\n\r\n",
           400, "ending in chunked"),
  REFUSED ("chunked-twice-fields", POST "Transfer-Encoding: chunked\r\n"
           "Transfer-Encoding: chunked\r\n\r\n", 400, "more than once"),
  REFUSED ("chunked-with-parameter", POST "Transfer-Encoding: chunked;q=1\r\n\r\n",
           501, "chunked"),
  /* RFC 9112 §6.3: a Transfer-Encoding field whose last coding is not
   * chunked, even one naming none, leaves the body's end unknown. */
  REFUSED ("coding-empty", POST "Transfer-Encoding:\r\n\r\n", 400, "Transfer-Encoding"),
  REFUSED ("coding-only-comma", POST "Transfer-Encoding: ,\r\n\r\n", 400, "Transfer-Encoding"),
  REFUSED ("coding-empty-with-length", POST "Transfer-Encoding: \r\nContent-Length: 3\r\n\r\nabc",
           400, "Transfer-Encoding"),
  /* RFC 9112 §6.1: an HTTP/1.0 message with Transfer-Encoding has faulty
   * framing. */
  REFUSED ("1.0-chunked", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
           400, "HTTP/1.0"),
  REFUSED ("1.0-chunked-keep-alive", "POST / HTTP/1.0\r\nConnection: keep-alive\r\n"
           "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "HTTP/1.0"),
  REFUSED ("1.0-chunked-and-length", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n"
           "Content-Length: 5\r\n\r\n", 400, NULL),
  /* Header lines */
  REFUSED ("no-colon", "GET / HTTP/1.1\r\n" HOST "NoColonHere\r\n\r\n", 400, "Name: value"),
  REFUSED ("space-before-colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n", 400, "Name: value"),
  REFUSED ("tab-before-colon", "GET / HTTP/1.1\r\n" HOST "Content-Length\t: 5\r\n\r\n",
           400, "Name: value"),
  REFUSED ("empty-name", "GET / HTTP/1.1\r\n" HOST ": value\r\n\r\n", 400, "Name: value"),
  REFUSED ("bad-name-char", "GET / HTTP/1.1\r\n" HOST "X(y): 1\r\n\r\n", 400, "Name: value"),
  REFUSED ("utf8-name", "GET / HTTP/1.1\r\n" HOST "X-\xc3\xa4: 1\r\n\r\n", 400, "Name: value"),
  REFUSED ("obs-fold-space", "GET / HTTP/1.1\r\n" HOST "X-Long: one\r\n two\r\n\r\n",
           400, "obs-fold"),
  REFUSED ("obs-fold-tab", "GET / HTTP/1.1\r\n" HOST "X-Long: one\r\n\ttwo\r\n\r\n",
           400, "obs-fold"),
  REFUSED ("space-before-first-field", "GET / HTTP/1.1\r\n " HOST "\r\n", 400, "obs-fold"),
  REFUSED ("whitespace-line", "GET / HTTP/1.1\r\n" HOST "   \r\n\r\n", 400, "obs-fold"),
  REFUSED ("bare-cr-in-value", "GET / HTTP/1.1\r\nHost: a\rX-Evil: 1\r\n\r\n", 400, "CR"),
  REFUSED ("cr-cr-lf", "GET / HTTP/1.1\r\nHost: a\r\r\n\r\n", 400, "CR"),
  REFUSED ("bare-cr-request-line", "GET /\r HTTP/1.1\r\n" HOST "\r\n", 400, "CR"),
  REFUSED ("cr-before-request-line", "\rGET / HTTP/1.1\r\n" HOST "\r\n", 400, "CR"),
  REFUSED ("blank-then-cr", "\r\n\rGET / HTTP/1.1\r\n" HOST "\r\n", 400, "CR"),
  REFUSED_BYTES ("nul-in-value", "GET / HTTP/1.1\r\nHost: a\0b\r\n\r\n", 400, "NUL"),
  REFUSED_BYTES ("nul-in-name", "GET / HTTP/1.1\r\n" HOST "X-\0: 1\r\n\r\n", 400, "NUL"),
  REFUSED_BYTES ("nul-in-target", "GET /\0 HTTP/1.1\r\n" HOST "\r\n", 400, "NUL"),
  REFUSED_BYTES ("nul-line", "GET / HTTP/1.1\r\n" HOST "\0\r\n\r\n", 400, "NUL"),
  REFUSED ("ctl-in-value", "GET / HTTP/1.1\r\n" HOST "X-A: a\x01z\r\n\r\n", 400, "control"),
  REFUSED ("esc-in-value", "GET / HTTP/1.1\r\n" HOST "User-Agent: \x1b[31mred\r\n\r\n",
           400, "control"),
  REFUSED ("vt-in-value", "GET / HTTP/1.1\r\n" HOST "X-A: a\vb\r\n\r\n", 400, "control"),
  REFUSED ("del-in-value", "GET / HTTP/1.1\r\n" HOST "X-A: a\x7f" "b\r\n\r\n", 400, "control"),
  /* Host */
  REFUSED ("1.1-no-host", "GET /p/a.cfg HTTP/1.1\r\nUser-Agent: x\r\n\r\n", 400, "Host"),
  REFUSED ("1.1-no-fields", "GET / HTTP/1.1\r\n\r\n", 400, "Host"),
  REFUSED ("1.2-no-host", "GET / HTTP/1.2\r\n\r\n", 400, "Host"),
  REFUSED ("1.1-host-named-otherwise", "GET / HTTP/1.1\r\nX-Host: a\r\nHostname: a\r\n\r\n",
           400, "Host"),
  REFUSED ("1.1-two-hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400, "Host"),
  REFUSED ("1.1-two-same-hosts", "GET / HTTP/1.1\r\nHost: a\r\nhost: a\r\n\r\n", 400, "Host"),
  REFUSED ("1.0-two-hosts", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n", 400, "Host"),
  /* Request line */
  REFUSED ("http-2.0", "GET / HTTP/2.0\r\n" HOST "\r\n", 505, "HTTP/1"),
  REFUSED ("http-0.9", "GET / HTTP/0.9\r\n" HOST "\r\n", 505, "HTTP/1"),
  REFUSED ("http-3.0", "GET / HTTP/3.0\r\n\r\n", 505, "HTTP/1"),
  REFUSED ("version-suffix", "GET / HTTP/1.1x\r\n" HOST "\r\n", 400, "version"),
  REFUSED ("version-two-digit-minor", "GET / HTTP/1.10\r\n" HOST "\r\n", 400, "version"),
  REFUSED ("version-two-digit-major", "GET / HTTP/11.1\r\n" HOST "\r\n", 400, "version"),
  REFUSED ("version-lowercase", "GET / http/1.1\r\n" HOST "\r\n", 400, "version"),
  REFUSED ("version-short", "GET / HTTP/1\r\n" HOST "\r\n", 400, "version"),
  REFUSED ("version-letter", "GET / HTTP/1.x\r\n" HOST "\r\n", 400, "version"),
  REFUSED ("version-trailing-space", "GET / HTTP/1.1 \r\n" HOST "\r\n", 400, "version"),
  REFUSED ("version-missing", "GET /\r\n" HOST "\r\n", 400, "target"),
  REFUSED ("target-missing", "GET HTTP/1.1\r\n" HOST "\r\n", 400, "target"),
  REFUSED ("target-empty", "GET  HTTP/1.1\r\n" HOST "\r\n", 400, "target"),
  REFUSED ("double-space", "GET  / HTTP/1.1\r\n" HOST "\r\n", 400, "target"),
  REFUSED ("space-in-target", "GET /a b HTTP/1.1\r\n" HOST "\r\n", 400, "version"),
  REFUSED ("tab-in-target", "GET /a\tb HTTP/1.1\r\n" HOST "\r\n", 400, "target"),
  REFUSED ("del-in-target", "GET /a\x7f HTTP/1.1\r\n" HOST "\r\n", 400, "target"),
  REFUSED ("high-byte-in-target", "GET /\xc3\xa4 HTTP/1.1\r\n" HOST "\r\n", 400, "target"),
  REFUSED ("method-bad-char", "G{T / HTTP/1.1\r\n" HOST "\r\n", 400, "method"),
  REFUSED ("method-utf8", "G\xc3\x89T / HTTP/1.1\r\n" HOST "\r\n", 400, "method"),
  REFUSED ("method-missing", " / HTTP/1.1\r\n" HOST "\r\n", 400, "method"),
  REFUSED ("method-tab", "GET\t/ HTTP/1.1\r\n" HOST "\r\n", 400, "method"),
  REFUSED ("method-only", "GET\r\n" HOST "\r\n", 400, "method"),
  REFUSED ("header-as-request-line", HOST "\r\n", 400, "method"),
  REFUSED ("response-line", "HTTP/1.1 200 OK\r\n" HOST "\r\n", 400, "method"),
};

static void
assert_refused (const RefusedCase *c,
                PaHttpHeadResult   r,
                const PaHttpHead  *head)
{
  if (r != PA_HTTP_HEAD_REFUSED)
    g_error ("case %s: %s, wanted REFUSED %u", c->name, result_name (r), c->status);
  g_assert_cmpuint (head->status, ==, c->status);
  g_assert_nonnull (head->reason);
  if (c->needle != NULL && strstr (head->reason, c->needle) == NULL)
    g_error ("case %s: reason \"%s\" lacks \"%s\"", c->name, head->reason, c->needle);
}

static void
test_head_refused (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      const RefusedCase *c = &refused_cases[i];
      gsize size = c->size != 0 ? c->size : strlen (c->text);
      PaHttpHead head;

      g_test_message ("case %s", c->name);
      assert_refused (c, scan_bytes (c->text, size, &head), &head);
    }
}

/* Until its end is in, a head whose fault is in its fields or framing is
 * INCOMPLETE; a refusal, once given, stays as more bytes arrive. */
static void
test_head_refused_prefixes (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (refused_cases); i++)
    {
      const RefusedCase *c = &refused_cases[i];
      gsize size = c->size != 0 ? c->size : strlen (c->text);
      gboolean refused = FALSE;

      g_test_message ("case %s", c->name);
      for (gsize n = 0; n <= size; n++)
        {
          PaHttpHead head;
          PaHttpHeadResult r = scan_bytes (c->text, n, &head);

          if (r == PA_HTTP_HEAD_INCOMPLETE && !refused)
            continue;
          assert_refused (c, r, &head);
          refused = TRUE;
        }
      g_assert_true (refused);
    }
}

/* -- Limits ------------------------------------------------------------- */

/* A head of exactly @size bytes through its empty line: request line, Host
 * and one X-Pad field of the length that makes it up. */
static GString *
head_of_size (gsize size)
{
  GString *s = g_string_new ("GET / HTTP/1.1\r\n" HOST "X-Pad: ");
  gsize fixed = s->len + strlen ("\r\n\r\n");

  g_assert_cmpuint (size, >, fixed);
  for (gsize i = fixed; i < size; i++)
    g_string_append_c (s, 'p');
  g_string_append (s, "\r\n\r\n");
  g_assert_cmpuint (s->len, ==, size);
  return s;
}

static GString *
head_with_fields (guint fields)
{
  GString *s = g_string_new ("GET / HTTP/1.1\r\n" HOST);

  for (guint i = 1; i < fields; i++)
    g_string_append_printf (s, "X-Field-%u: %u\r\n", i, i);
  g_string_append (s, "\r\n");
  return s;
}

static void
test_head_fields_limit (void)
{
  g_autoptr(GString) hundred = head_with_fields (PA_HTTP_HEAD_MAX_FIELDS);
  g_autoptr(GString) hundred_one = head_with_fields (PA_HTTP_HEAD_MAX_FIELDS + 1);
  g_autoptr(GString) many = head_with_fields (1000);
  PaHttpHead head;

  assert_result (scan_bytes (hundred->str, hundred->len, &head), PA_HTTP_HEAD_COMPLETE);
  g_assert_cmpuint (head.length, ==, hundred->len);

  assert_result (scan_bytes (hundred_one->str, hundred_one->len, &head), PA_HTTP_HEAD_REFUSED);
  g_assert_cmpuint (head.status, ==, 431);
  g_assert_nonnull (strstr (head.reason, "100 header fields"));

  assert_result (scan_bytes (many->str, many->len, &head), PA_HTTP_HEAD_REFUSED);
  g_assert_cmpuint (head.status, ==, 431);
}

static void
test_head_size_limit (void)
{
  g_autoptr(GString) at_limit = head_of_size (PA_HTTP_HEAD_MAX);
  g_autoptr(GString) over_limit = head_of_size (PA_HTTP_HEAD_MAX + 1);
  g_autoptr(GString) blank_and_limit = g_string_new ("\r\n\r\n");
  g_autoptr(GString) endless = g_string_new ("GET / HTTP/1.1\r\n" HOST "X-Pad: ");
  PaHttpHead head;

  /* Exactly 16 KiB through the empty line is taken, with a body after it. */
  g_string_append (at_limit, "body");
  assert_result (scan_bytes (at_limit->str, at_limit->len, &head), PA_HTTP_HEAD_COMPLETE);
  g_assert_cmpuint (head.length, ==, PA_HTTP_HEAD_MAX);

  /* Blank lines before it do not count against the limit. */
  g_string_append_len (blank_and_limit, at_limit->str, at_limit->len);
  assert_result (scan_bytes (blank_and_limit->str, blank_and_limit->len, &head),
                 PA_HTTP_HEAD_COMPLETE);
  g_assert_cmpuint (head.skip, ==, 4);
  g_assert_cmpuint (head.length, ==, PA_HTTP_HEAD_MAX);

  /* One byte more, with its end in: 431. */
  assert_result (scan_bytes (over_limit->str, over_limit->len, &head), PA_HTTP_HEAD_REFUSED);
  g_assert_cmpuint (head.status, ==, 431);
  g_assert_nonnull (strstr (head.reason, "16 KiB"));

  /* Without an end: INCOMPLETE up to 16 KiB, 431 from the byte after. */
  while (endless->len < PA_HTTP_HEAD_MAX)
    g_string_append_c (endless, 'p');
  assert_result (scan_bytes (endless->str, endless->len, &head), PA_HTTP_HEAD_INCOMPLETE);
  g_string_append_c (endless, 'p');
  assert_result (scan_bytes (endless->str, endless->len, &head), PA_HTTP_HEAD_REFUSED);
  g_assert_cmpuint (head.status, ==, 431);

  /* However far past it. */
  while (endless->len < 4 * PA_HTTP_HEAD_MAX)
    g_string_append (endless, "X-Pad: pppppppp\r\n");
  assert_result (scan_bytes (endless->str, endless->len, &head), PA_HTTP_HEAD_REFUSED);
  g_assert_cmpuint (head.status, ==, 431);

  /* A single line with no line break at all. */
  g_string_truncate (endless, 0);
  g_string_set_size (endless, PA_HTTP_HEAD_MAX + 1);
  memset (endless->str, 'A', endless->len);
  assert_result (scan_bytes (endless->str, endless->len, &head), PA_HTTP_HEAD_REFUSED);
  g_assert_cmpuint (head.status, ==, 431);
}

/* A client that sends nothing but blank lines is cut off once they pass
 * 16 KiB, with CRLF or bare LF, whatever the chunks it sends them in. */
static void
test_head_endless_blank_lines (void)
{
  static const char * const units[] = { "\r\n", "\n", "\r\n\n" };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(GString) stream = g_string_new (NULL);
      gsize refused_at = 0;

      while (refused_at == 0)
        {
          PaHttpHead head;
          PaHttpHeadResult r;

          /* Many at a time far from the limit, one at a time near it. */
          do
            g_string_append (stream, units[u]);
          while (stream->len + 32 < PA_HTTP_HEAD_MAX && stream->len % 256 != 0);
          g_assert_cmpuint (stream->len, <=, PA_HTTP_HEAD_MAX + 8);
          r = scan_bytes (stream->str, stream->len, &head);
          if (r == PA_HTTP_HEAD_INCOMPLETE)
            {
              g_assert_cmpuint (head.skip, ==, stream->len);
              continue;
            }
          assert_result (r, PA_HTTP_HEAD_REFUSED);
          g_assert_cmpuint (head.status, ==, 400);
          g_assert_nonnull (strstr (head.reason, "blank lines"));
          refused_at = stream->len;
        }
      g_assert_cmpuint (refused_at, >, PA_HTTP_HEAD_MAX);
    }
}

/* A CR at the very end of the blank lines may be the start of one more;
 * the skip stops before it until its LF arrives. */
static void
test_head_blank_line_split (void)
{
  PaHttpHead head;

  assert_result (scan_text ("\r\n\r", &head), PA_HTTP_HEAD_INCOMPLETE);
  g_assert_cmpuint (head.skip, ==, 2);
  assert_result (scan_text ("\r\n\r\n", &head), PA_HTTP_HEAD_INCOMPLETE);
  g_assert_cmpuint (head.skip, ==, 4);
  assert_result (scan_text ("\r", &head), PA_HTTP_HEAD_INCOMPLETE);
  g_assert_cmpuint (head.skip, ==, 0);
  assert_result (scan_text ("", &head), PA_HTTP_HEAD_INCOMPLETE);
  g_assert_cmpuint (head.skip, ==, 0);
  assert_result (pa_http_head_scan (NULL, 0, &head), PA_HTTP_HEAD_INCOMPLETE);
}

/* -- Random damage and the fuzzer's corpus ------------------------------ */

/* The invariants hold on damaged heads too: flipped, dropped and inserted
 * bytes, favouring the ones the scanner cares about. */
static void
test_head_mutations (void)
{
  static const char interesting[] = "\r\n\0 \t:,;-0159\x7f\x80\xff";

  for (guint i = 0; i < 5000; i++)
    {
      const OkCase *c = &ok_cases[g_test_rand_int_range (0, G_N_ELEMENTS (ok_cases))];
      g_autoptr(GString) s = g_string_new (c->blank);
      guint edits = g_test_rand_int_range (1, 5);

      g_string_append (s, c->head);
      g_string_append (s, c->rest);
      for (guint e = 0; e < edits && s->len > 0; e++)
        {
          gsize at = g_test_rand_int_range (0, s->len);
          gint32 pick = g_test_rand_int_range (0, sizeof interesting - 1);
          char byte = g_test_rand_bit () ? interesting[pick]
                                         : (char) g_test_rand_int_range (0, 256);

          switch (g_test_rand_int_range (0, 3))
            {
            case 0:
              s->str[at] = byte;
              break;
            case 1:
              g_string_erase (s, at, 1);
              break;
            default:
              g_string_insert_len (s, at, &byte, 1);
              break;
            }
        }
      assert_invariants ((const guint8 *) s->str, s->len);
    }
}

/* Every file of tests/fuzz/corpus/http-head keeps the invariants at its
 * prefix lengths; names say what the whole file must get ("ok-", "bad-",
 * "incomplete-"), and a crash input the fuzzer found is saved there under
 * any other name. */
static void
test_head_corpus (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "http-head",
                                                     NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;
  guint files = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      gsize size;
      PaHttpHead head;
      PaHttpHeadResult r;

      g_test_message ("corpus file %s", name);
      g_file_get_contents (path, &contents, &size, &error);
      g_assert_no_error (error);
      /* Every prefix of a small file; of a big one (the limits), a sample
       * and the last bytes, or this takes minutes under a sanitizer. */
      for (gsize n = 0; n < size; n += size <= 4096 || n + 64 >= size ? 1 : 61)
        scan_bytes (contents, n, &head);
      r = scan_bytes (contents, size, &head);
      if (g_str_has_prefix (name, "ok-"))
        assert_result (r, PA_HTTP_HEAD_COMPLETE);
      else if (g_str_has_prefix (name, "bad-"))
        assert_result (r, PA_HTTP_HEAD_REFUSED);
      else if (g_str_has_prefix (name, "incomplete-"))
        assert_result (r, PA_HTTP_HEAD_INCOMPLETE);
      files++;
    }
  g_assert_cmpuint (files, >=, 10);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/http-head/complete", test_head_complete);
  g_test_add_func ("/http-head/complete/every-prefix", test_head_every_prefix);
  g_test_add_func ("/http-head/refused", test_head_refused);
  g_test_add_func ("/http-head/refused/every-prefix", test_head_refused_prefixes);
  g_test_add_func ("/http-head/limits/fields", test_head_fields_limit);
  g_test_add_func ("/http-head/limits/size", test_head_size_limit);
  g_test_add_func ("/http-head/limits/endless-blank-lines", test_head_endless_blank_lines);
  g_test_add_func ("/http-head/blank-line-split", test_head_blank_line_split);
  g_test_add_func ("/http-head/mutations", test_head_mutations);
  g_test_add_func ("/http-head/corpus", test_head_corpus);

  return g_test_run ();
}
