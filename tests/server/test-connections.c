/* test-connections.c — provd under connection load: fds, exhaustion, bursts, bad framing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 7. Against the real phoneadmin-provd (see pa-test-server.c), with
 * the client side on plain sockets (pa-test-socket.c) so that each test
 * decides when a connection opens and who closes it first. Every wait is
 * bounded: a provd that stops answering fails a test within seconds rather
 * than hanging it.
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pa-test-server.h"
#include "pa-test-socket.h"

#define UNKNOWN_PHONE_PATH "/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/x.cfg"
#define REQUEST_TIMEOUT_MS 5000
#define FD_SLACK           8

/* -- provd's fds ---------------------------------------------------------- */

/* Where provd's count stops moving, for a baseline: it closes and frees
 * on its own schedule, after the client is done. */
static int
steady_fd_count (PaTestServer *server)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  int last = pa_test_server_count_fds (server);
  int count;

  for (;;)
    {
      g_usleep (50 * 1000);
      count = pa_test_server_count_fds (server);
      if (count == last || g_get_monotonic_time () > deadline)
        return count;
      last = count;
    }
}

/* Closing is asynchronous on provd's side: give it up to 2 s to get back
 * to @target, and return where it ended. */
static int
settle_fd_count (PaTestServer *server,
                 int           target)
{
  gint64 deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  int count;

  while ((count = pa_test_server_count_fds (server)) > target &&
         g_get_monotonic_time () < deadline)
    g_usleep (20 * 1000);
  return count;
}

static guint16
server_port (PaTestServer *server)
{
  const char *colon = strrchr (server->url, ':');

  g_assert_nonnull (colon);
  return (guint16) g_ascii_strtoull (colon + 1, NULL, 10);
}

/* Quiet, so 20,000 requests do not end up in the test log; the log is in a
 * file the test can show when something goes wrong. */
static PaTestServer *
start_provd (guint nofile)
{
  const char *env[] = { "G_MESSAGES_DEBUG", NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
  g_autofree char *log = g_build_filename (dir, "provd.stderr", NULL);
  PaTestServerOptions options = {
    .data_dir = dir, .nofile = nofile, .env = env, .stderr_path = log,
  };
  PaTestServer *server;

  g_assert_no_error (error);
  server = pa_test_server_new_with_options (&options);
  if (nofile != 0)
    g_assert_cmpuint (pa_test_server_get_nofile (server), ==, nofile);
  return server;
}

/* HTTP/1.1 keeps the connection by default; @close asks provd to end it. */
static char *
build_request (PaTestServer *server,
               const char   *path,
               gboolean      auth,
               gboolean      close)
{
  g_autofree char *authorization = auth ? g_strdup_printf ("Authorization: Bearer %s\r\n",
                                                           server->token) : NULL;

  return g_strdup_printf ("GET %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n%s%s\r\n", path,
                          server_port (server), auth ? authorization : "",
                          close ? "Connection: close\r\n" : "");
}

/* -- /connections/fd-soak ------------------------------------------------- */

#define SOAK_REQUESTS 20000
#define SOAK_NOFILE   1024

typedef struct
{
  const char *what;
  const char *request;
  guint       status;
  gboolean    close;    /* Connection: close, so we also wait for provd's EOF */
} SoakKind;

/* Each client connection that comes and goes must leave provd as it was:
 * a leaked fd per connection runs provd into its limit after ~1,000. */
static void
test_fd_soak (void)
{
  g_autoptr(PaTestServer) server = start_provd (SOAK_NOFILE);
  guint16 port = server_port (server);
  g_autofree char *info = build_request (server, "/api/v1/info", TRUE, FALSE);
  g_autofree char *phone = build_request (server, UNKNOWN_PHONE_PATH, FALSE, FALSE);
  g_autofree char *info_close = build_request (server, "/api/v1/info", TRUE, TRUE);
  g_autofree char *phone_close = build_request (server, UNKNOWN_PHONE_PATH, FALSE, TRUE);
  /* In turn: info (200) and an unknown phone (404), each kept alive by
   * HTTP/1.1 until we close (the leaking case) or with Connection: close. */
  const SoakKind kinds[] = {
    { "GET /api/v1/info, keep-alive", info, 200, FALSE },
    { "GET /p/<unknown>/x.cfg, keep-alive", phone, 404, FALSE },
    { "GET /api/v1/info, Connection: close", info_close, 200, TRUE },
    { "GET /p/<unknown>/x.cfg, Connection: close", phone_close, 404, TRUE },
  };
  gint64 started;
  int start_fds, end_fds;
  PaTestReply reply;

  {
    g_autoptr(GError) error = NULL;

    /* warm-up: whatever provd sets up on its first request is not a leak */
    pa_test_socket_exchange (port, info, FALSE, REQUEST_TIMEOUT_MS, &reply, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (reply.status, ==, 200);
  }
  start_fds = steady_fd_count (server);
  g_test_message ("provd: %d fds open at the start, RLIMIT_NOFILE %u", start_fds, SOAK_NOFILE);

  started = g_get_monotonic_time ();
  for (guint i = 0; i < SOAK_REQUESTS; i++)
    {
      g_autoptr(GError) error = NULL;
      const SoakKind *kind = &kinds[i % G_N_ELEMENTS (kinds)];

      if (!pa_test_socket_exchange (port, kind->request, kind->close, REQUEST_TIMEOUT_MS,
                                    &reply, &error))
        g_prefix_error (&error, "request %u of %u (%s), %.1f s in, provd has %d fds open "
                        "(limit %u): ", i + 1, SOAK_REQUESTS, kind->what,
                        (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
                        pa_test_server_count_fds (server), SOAK_NOFILE);
      g_assert_no_error (error);
      /* Past its first refusals a client's unknown phones are 429: the
       * rate limit on refusals, which is not what is soaked here. */
      if (kind->status == 404 && reply.status == 429)
        reply.status = 404;
      if (reply.status != kind->status)
        g_test_message ("request %u of %u (%s): status %u", i + 1, SOAK_REQUESTS, kind->what,
                        reply.status);
      g_assert_cmpuint (reply.status, ==, kind->status);

      if ((i + 1) % 2000 == 0)
        g_test_message ("%5u requests, %.1f s: provd has %d fds open", i + 1,
                        (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
                        pa_test_server_count_fds (server));
    }

  end_fds = settle_fd_count (server, start_fds + FD_SLACK);
  g_test_message ("%u requests in %.1f s; provd's fds: %d at the start, %d at the end",
                  SOAK_REQUESTS, (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC,
                  start_fds, end_fds);
  g_assert_cmpint (end_fds, <=, start_fds + FD_SLACK);
}

/* -- /connections/exhaustion-recovery ------------------------------------ */

#define EXHAUST_NOFILE      256
#define EXHAUST_CONNECTIONS 400
#define EXHAUST_BATCH       8
#define EXHAUST_STALL_USEC  (G_USEC_PER_SEC / 5)

/* A fresh GET /api/v1/info, tried again until @total_ms are up: a provd
 * that is still catching up may drop a SYN or two. */
static gboolean
info_answered_within (PaTestServer *server,
                      guint         total_ms,
                      GError      **error)
{
  g_autofree char *request = build_request (server, "/api/v1/info", TRUE, TRUE);
  gint64 deadline = g_get_monotonic_time () + total_ms * 1000;

  for (;;)
    {
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / 1000;
      PaTestReply reply;

      g_clear_error (error);
      if (pa_test_socket_exchange (server_port (server), request, FALSE,
                                   CLAMP (left_ms, 1, 250), &reply, error))
        {
          if (reply.status == 200)
            return TRUE;
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "status %u", reply.status);
        }
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_usleep (10 * 1000);
    }
}

/* Clients that hold every fd provd may use must not lock it up for good
 * once they go: today's libsoup stops accepting on the first EMFILE. */
static void
test_exhaustion_recovery (void)
{
  g_autoptr(PaTestServer) server = NULL;
  int fds[EXHAUST_CONNECTIONS];
  guint opened = 0;
  int start_fds, peak_fds, end_fds;
  gint64 deadline, closed_at;
  struct rlimit limit;
  guint16 port;

  /* main() raised our soft limit as far as it goes */
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  if (limit.rlim_cur < EXHAUST_CONNECTIONS + 64)
    {
      g_test_skip ("RLIMIT_NOFILE too low for this test's own connections");
      return;
    }

  server = start_provd (EXHAUST_NOFILE);
  port = server_port (server);
  {
    g_autoptr(GError) error = NULL;

    info_answered_within (server, 1000, &error);
    g_assert_no_error (error);
  }
  start_fds = steady_fd_count (server);

  /* In batches small enough for provd's listen backlog (10 today), each
   * given time to be accepted: a SYN dropped on a full backlog would cost a
   * 1 s retry. Saturated is when a batch stops being taken, wherever that
   * is: at RLIMIT_NOFILE (EMFILE) or at a cap of provd's own below it. */
  peak_fds = pa_test_server_count_fds (server);
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (opened < EXHAUST_CONNECTIONS && peak_fds < (int) EXHAUST_NOFILE &&
         g_get_monotonic_time () < deadline)
    {
      int before = peak_fds;
      guint batch = MIN (EXHAUST_BATCH, EXHAUST_CONNECTIONS - opened);
      gint64 last_change = g_get_monotonic_time ();

      for (guint i = 0; i < batch; i++)
        fds[opened++] = pa_test_socket_connect_nowait (port);
      while (peak_fds < before + (int) batch &&
             g_get_monotonic_time () - last_change < EXHAUST_STALL_USEC)
        {
          int count;

          g_usleep (1000);
          count = pa_test_server_count_fds (server);
          if (count != peak_fds)
            last_change = g_get_monotonic_time ();
          peak_fds = MAX (peak_fds, count);
        }
      if (peak_fds < before + (int) batch)
        break;
    }
  g_test_message ("%u idle clients%s: provd holds %d fds (%d at the start, limit %u)",
                  opened, opened < EXHAUST_CONNECTIONS ? ", and provd takes no more" : "",
                  peak_fds, start_fds, EXHAUST_NOFILE);
  {
    g_autoptr(GError) error = NULL;

    /* only for the record: a provd that sheds idle clients may answer */
    if (info_answered_within (server, 1000, &error))
      g_test_message ("a fresh request while they are connected: answered");
    else
      g_test_message ("a fresh request while they are connected: %s", error->message);
  }

  for (guint i = 0; i < opened; i++)
    close (fds[i]);
  closed_at = g_get_monotonic_time ();

  {
    g_autoptr(GError) error = NULL;

    if (!info_answered_within (server, 1000, &error))
      g_prefix_error (&error, "no 200 within 1 s after %u idle clients closed (provd holds "
                      "%d fds, limit %u): ", opened, pa_test_server_count_fds (server),
                      EXHAUST_NOFILE);
    g_assert_no_error (error);
  }
  g_test_message ("answered %.2f s after the clients closed",
                  (g_get_monotonic_time () - closed_at) / (double) G_USEC_PER_SEC);

  end_fds = settle_fd_count (server, start_fds + FD_SLACK);
  g_test_message ("provd's fds: %d at the start, %d at the end", start_fds, end_fds);
  g_assert_cmpint (end_fds, <=, start_fds + FD_SLACK);
}

/* -- /connections/burst --------------------------------------------------- */

#define BURST_CLIENTS      200
#define BURST_ROUNDS       3
/* A provd that keeps up answers 200 clients here in a few 10 ms. One SYN
 * dropped on a full backlog alone costs 1 s (the client's first retry), so
 * a round that takes that long overflowed the backlog. */
#define BURST_MAX_USEC     G_USEC_PER_SEC
#define BURST_GIVE_UP_USEC (5 * G_USEC_PER_SEC)

/* Phones reboot together after a power cut: a burst of simultaneous
 * connects must all be answered, at once. A listen backlog that overflows
 * costs a SYN retry (1 s and up) or a reset. */
static void
test_burst (void)
{
  g_autoptr(PaTestServer) server = start_provd (0);
  g_autofree char *request = build_request (server, "/api/v1/info", TRUE, FALSE);

  for (guint round = 1; round <= BURST_ROUNDS; round++)
    {
      PaTestBurst result = { 0 };
      g_autofree char *problems = NULL;

      pa_test_socket_burst (server_port (server), request, BURST_CLIENTS, 200,
                            BURST_GIVE_UP_USEC, &result);
      g_test_message ("burst %u: %u clients in %.2f s: %u answered 200, %u reset, %u other",
                      round, BURST_CLIENTS, result.elapsed_usec / (double) G_USEC_PER_SEC,
                      result.answered, result.resets, result.other);
      if (result.first_problem != NULL)
        problems = g_strdup_printf ("burst %u: %u reset, %u other; first: %s", round,
                                    result.resets, result.other, result.first_problem);
      g_free (result.first_problem);
      g_assert_cmpstr (problems, ==, NULL);
      g_assert_cmpuint (result.answered, ==, BURST_CLIENTS);
      g_assert_cmpint (result.elapsed_usec, <, BURST_MAX_USEC);
    }
}

/* -- /connections/bad-framing --------------------------------------------- */

#define BAD_REQUESTS   1000
#define LSAN_EXIT_CODE 23

/* Requests whose body length is ambiguous or whose headers do not parse:
 * provd must refuse each, close the connection (nothing after such a
 * request can be framed), and neither leak nor log a CRITICAL for it. */
typedef struct
{
  const char *what;
  const char *headers;          /* after the request line, Host included */
  gboolean    content_length;   /* a bad Content-Length: 400 exactly */
} BadFraming;

static const BadFraming bad_framings[] = {
  { "Content-Length: abc", "Host: 127.0.0.1\r\nContent-Length: abc\r\n", TRUE },
  { "Content-Length: -1", "Host: 127.0.0.1\r\nContent-Length: -1\r\n", TRUE },
  { "Content-Length 5 and 6", "Host: 127.0.0.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n",
    TRUE },
  { "Content-Length and chunked",
    "Host: 127.0.0.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n", TRUE },
  { "Content-Length: 1, 2", "Host: 127.0.0.1\r\nContent-Length: 1, 2\r\n", TRUE },
  { "Content-Length past 2^64",
    "Host: 127.0.0.1\r\nContent-Length: 99999999999999999999999\r\n", TRUE },
  { "Transfer-Encoding: gzip", "Host: 127.0.0.1\r\nTransfer-Encoding: gzip\r\n", FALSE },
  { "a header line without a colon", "Host: 127.0.0.1\r\nX-Broken header line\r\n", FALSE },
  { "an obs-fold line", "Host: 127.0.0.1\r\nX-Folded: a\r\n b\r\n", FALSE },
  { "no Host", "", FALSE },
};

static char *
lsan_reports (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  GString *reports = g_string_new (NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_prefix (name, "lsan."))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *contents = NULL;

        if (g_file_get_contents (path, &contents, NULL, NULL))
          g_string_append (reports, contents);
      }
  return g_string_free (reports, FALSE);
}

/* The first line of @text that contains @needle, or NULL; for an
 * assertion message that says what went wrong in one line. */
static char *
first_line_with (const char *text,
                 const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] != '\0' && strstr (lines[i], needle) != NULL)
      return g_strdup (lines[i]);
  return NULL;
}

/* The lines of provd's log that mean trouble. */
static char *
log_problems (const char *path)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GString *problems = g_string_new (NULL);

  g_file_get_contents (path, &contents, NULL, NULL);
  lines = g_strsplit (contents != NULL ? contents : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "CRITICAL") != NULL || strstr (lines[i], "WARNING") != NULL)
      g_string_append_printf (problems, "%s\n", lines[i]);
  return g_string_free (problems, FALSE);
}

/* A request that failed may mean provd died of it (a fatal CRITICAL): say
 * so instead of reporting a refused connection. */
static void
explain_if_dead (PaTestServer *server,
                 const char   *log_path,
                 GError      **error)
{
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC / 2;
  g_autofree char *how = NULL;
  g_autofree char *problems = NULL;

  while (!pa_test_server_has_exited (server) && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  if (!pa_test_server_has_exited (server))
    return;

  how = pa_test_describe_wait_status (pa_test_server_terminate (server));
  problems = log_problems (log_path);
  g_test_message ("phoneadmin-provd %s; what it logged:\n%s", how, problems);
  g_prefix_error (error, "provd %s: ", how);
}

static void
test_bad_framing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *log_path = NULL;
  g_autofree char *lsan_options = NULL;
  g_autofree char *phone_path = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *reports = NULL;
  g_autofree char *problems = NULL;
  g_autofree char *how = NULL;
  g_autofree char *leaks = NULL;
  g_autofree char *first_problem = NULL;
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestResponse) created = NULL;
  const char *suppressions = g_test_get_filename (G_TEST_DIST, "server", "lsan.supp", NULL);
  const char *env[] = {
    "LD_PRELOAD", PA_LSAN_RUNTIME,
    "LSAN_OPTIONS", NULL,
    /* every GSList and GHashNode from malloc, so LSan sees them */
    "G_SLICE", "always-malloc",
    "G_MESSAGES_DEBUG", NULL,
    NULL
  };
  PaTestServerOptions options = { .env = env };
  PaTestReply reply;
  int status;

  if (PA_LSAN_RUNTIME[0] == '\0' || !g_file_test (PA_LSAN_RUNTIME, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no LeakSanitizer runtime (liblsan.so.0) to preload into provd");
      return;
    }

  /* LSan would only die of a missing one, in provd */
  g_assert_true (g_file_test (suppressions, G_FILE_TEST_IS_REGULAR));

  dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
  g_assert_no_error (error);
  log_path = g_build_filename (dir, "provd.stderr", NULL);
  /* The report goes to <dir>/lsan.<pid>, and leaks end provd with a code
   * of their own. Full stacks (no fast unwind: Debian's GLib has no frame
   * pointers) so that the suppressions can name the function. Paths are
   * quoted, as ':' separates the options. */
  lsan_options = g_strdup_printf ("exitcode=%d:log_path=\"%s/lsan\":suppressions=\"%s\":"
                                  "fast_unwind_on_malloc=0:malloc_context_size=30",
                                  LSAN_EXIT_CODE, dir, suppressions);
  env[3] = lsan_options;
  options.data_dir = dir;
  options.stderr_path = log_path;
  server = pa_test_server_new_with_options (&options);

  /* A phone's own file, which a request that got past framing would be
   * served with 200: only refusing the framing answers 4xx/5xx here. */
  created = pa_test_api (server, "POST", "/api/v1/phones",
                         "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:12:34:56\", "
                         "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\", "
                         "\"sip_server\": \"pbx.example.com\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  phone_path = g_strdup_printf ("/p/%s/805ec0123456.cfg", json_object_get_string_member (
                                  pa_test_response_object (created), "token"));
  {
    g_autofree char *request = build_request (server, phone_path, FALSE, TRUE);

    pa_test_socket_exchange (server_port (server), request, TRUE, REQUEST_TIMEOUT_MS, &reply,
                             &error);
    g_assert_no_error (error);
    g_assert_cmpuint (reply.status, ==, 200);
  }

  authorization = g_strdup_printf ("Authorization: Bearer %s\r\n", server->token);
  for (guint i = 0; i < BAD_REQUESTS; i++)
    {
      const BadFraming *bad = &bad_framings[(i / 2) % G_N_ELEMENTS (bad_framings)];
      gboolean post = i % 2 == 0;
      const char *target = post ? "POST /api/v1/phones" : "GET /p/<token>/<mac>.cfg";
      g_autofree char *request = g_strdup_printf ("%s %s HTTP/1.1\r\n%s%s\r\n",
                                                  post ? "POST" : "GET",
                                                  post ? "/api/v1/phones" : phone_path,
                                                  bad->headers, post ? authorization : "");

      /* no body: the headers alone must be enough to refuse it */
      if (!pa_test_socket_exchange (server_port (server), request, TRUE, 2000, &reply, &error))
        {
          g_prefix_error (&error, "request %u of %u (%s on %s), waiting for the response and "
                          "provd's EOF: ", i + 1, BAD_REQUESTS, bad->what, target);
          explain_if_dead (server, log_path, &error);
        }
      g_assert_no_error (error);
      if (reply.status < 400 || reply.status > 599 || (bad->content_length && reply.status != 400))
        g_test_message ("request %u of %u (%s on %s): status %u", i + 1, BAD_REQUESTS, bad->what,
                        target, reply.status);
      g_assert_cmpuint (reply.status, >=, 400);
      g_assert_cmpuint (reply.status, <=, 599);
      if (bad->content_length)
        g_assert_cmpuint (reply.status, ==, 400);
    }

  /* and provd is still fine */
  {
    g_autofree char *request = build_request (server, "/api/v1/info", TRUE, TRUE);

    if (!pa_test_socket_exchange (server_port (server), request, TRUE, REQUEST_TIMEOUT_MS, &reply,
                                  &error))
      explain_if_dead (server, log_path, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (reply.status, ==, 200);
  }

  /* LSan checks at exit: read its verdict before judging the exit status,
   * so a leak shows as a leak and not as a mysterious status 23. */
  status = pa_test_server_terminate (server);
  how = pa_test_describe_wait_status (status);
  reports = lsan_reports (dir);
  problems = log_problems (log_path);
  g_test_message ("phoneadmin-provd %s after SIGTERM", how);
  if (reports[0] != '\0')
    g_test_message ("LeakSanitizer's report:\n%s", reports);
  if (problems[0] != '\0')
    g_test_message ("CRITICAL and WARNING lines in provd's log:\n%s", problems);
  /* the gist in the assertion, the details above */
  leaks = first_line_with (reports, "SUMMARY");
  if (leaks == NULL)
    leaks = first_line_with (reports, "");
  g_assert_cmpstr (leaks, ==, NULL);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  first_problem = first_line_with (problems, "");
  g_assert_cmpstr (first_problem, ==, NULL);
}

/* provd raises its soft RLIMIT_NOFILE to the hard one: a session gives
 * 1024 and allows far more. */
static void
test_raises_fd_limit (void)
{
  PaTestServerOptions options = { .nofile = 4096, .nofile_soft = 256 };
  g_autoptr(PaTestServer) server = pa_test_server_new_with_options (&options);

  g_assert_cmpuint (pa_test_server_get_nofile (server), ==, 4096);
}

int
main (int    argc,
      char **argv)
{
  struct rlimit limit;

  g_test_init (&argc, &argv, NULL);

  /* We hold hundreds of sockets at once; provd gets its own limit. */
  g_assert_cmpint (getrlimit (RLIMIT_NOFILE, &limit), ==, 0);
  limit.rlim_cur = limit.rlim_max;
  g_assert_cmpint (setrlimit (RLIMIT_NOFILE, &limit), ==, 0);

  g_test_add_func ("/connections/fd-soak", test_fd_soak);
  g_test_add_func ("/connections/exhaustion-recovery", test_exhaustion_recovery);
  g_test_add_func ("/connections/raises-fd-limit", test_raises_fd_limit);
  g_test_add_func ("/connections/burst", test_burst);
  g_test_add_func ("/connections/bad-framing", test_bad_framing);

  return g_test_run ();
}
