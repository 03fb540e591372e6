/* test-tls.c — provd over HTTPS from PEM files, checked by clients that
 * trust the test CA (tests/data/tls), one that does not, and plain HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pa-http-connection.h"
#include "pa-http-tls.h"
#include "pa-test-server.h"

static char *
tls_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "tls", name, NULL);
}

/* A session that trusts only the CA in @ca_name. */
static SoupSession *
session_trusting (const char *ca_name)
{
  g_autofree char *ca = tls_file (ca_name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca, &error);

  g_assert_no_error (error);
  return soup_session_new_with_options ("timeout", 10, "tls-database", database, NULL);
}

static guint
send (SoupSession  *session,
      const char   *method,
      const char   *url,
      const char   *token,
      const char   *user_agent,
      char        **body_out,
      GError      **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (method, url);
  g_autoptr(GBytes) body = NULL;

  if (token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  if (user_agent != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (msg), "User-Agent", user_agent);
  body = soup_session_send_and_read (session, msg, NULL, error);
  if (body_out != NULL && body != NULL)
    *body_out = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return body != NULL ? soup_message_get_status (msg) : 0;
}

/* provd serving HTTPS with the test CA's certificate, from a key file
 * in a new folder with @extra (may be NULL) after the TLS lines. @options
 * (may be NULL) adds to that; @log_out, when given, gets the path of
 * provd's stderr (in the same folder). */
static PaTestServer *
tls_server_new (const char           *extra,
                PaTestServerOptions  *options,
                char                **log_out)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-tls-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
  g_autofree char *log = g_build_filename (dir, "provd.log", NULL);
  g_autofree char *cert = tls_file ("server.pem");
  g_autofree char *key = tls_file ("server-key.pem");
  g_autofree char *text = g_strdup_printf ("[server]\ntls-cert=%s\ntls-key=%s\n%s", cert, key,
                                           extra != NULL ? extra : "");
  PaTestServerOptions mine = { 0 };

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (config, text, -1, &error));
  if (options != NULL)
    mine = *options;
  mine.config_file = config;
  if (log_out != NULL)
    {
      mine.stderr_path = log;
      *log_out = g_strdup (log);
    }
  return pa_test_server_new_with_options (&mine);
}

static void
test_https (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(SoupSession) trusting = session_trusting ("ca.pem");
  g_autoptr(SoupSession) stranger = session_trusting ("other-ca.pem");
  g_autoptr(SoupSession) plain = soup_session_new_with_options ("timeout", 10, NULL);
  g_autofree char *info_url = NULL;
  g_autofree char *phones_url = NULL;
  g_autofree char *created = NULL;
  g_autofree char *file = NULL;
  g_autofree char *plain_url = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  const char *token;
  char *link;

  server = tls_server_new ("sip-server=pbx.example.com\n", NULL, NULL);
  g_assert_true (g_str_has_prefix (server->url, "https://127.0.0.1:"));

  /* The admin API over TLS, from a client that trusts the CA. */
  info_url = g_strconcat (server->url, "/api/v1", NULL);
  g_assert_cmpuint (send (trusting, "GET", info_url, server->token, NULL, NULL, &error), ==, 200);
  g_assert_no_error (error);

  /* Setup links are https:// too, and a phone fetches over TLS. */
  phones_url = g_strconcat (server->url, "/api/v1/phones", NULL);
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("POST", phones_url);
    g_autofree char *auth = g_strconcat ("Bearer ", server->token, NULL);
    const char *body = "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:12:34:56\", \"vendor\": \"yealink\","
                       " \"model\": \"yealink-t54w\"}";
    g_autoptr(GBytes) answer = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    soup_message_set_request_body_from_bytes (msg, "application/json",
                                              g_bytes_new_static (body, strlen (body)));
    answer = soup_session_send_and_read (trusting, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 201);
    /* provd closes a TLS connection after each answer, and says so. */
    g_assert_true (soup_message_headers_header_contains (soup_message_get_response_headers (msg),
                                                         "Connection", "close"));
    created = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  }
  g_assert_true (json_parser_load_from_data (parser, created, -1, &error));
  token = json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)),
                                         "token");
  link = g_strdup_printf ("%s/p/%s/805ec0123456.cfg", server->url, token);
  g_assert_cmpuint (send (trusting, "GET", link, NULL, "Yealink SIP-T54W 96.86.0.100", &file,
                          &error), ==, 200);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (file, "account.1.sip_server.1.address = pbx.example.com"));
  {
    g_autofree char *common_url = g_strdup_printf ("%s/p/%s/y000000000096.cfg", server->url, token);
    g_autofree char *common = NULL;

    g_assert_cmpuint (send (trusting, "GET", common_url, NULL, "Yealink SIP-T54W 96.86.0.100",
                            &common, &error), ==, 200);
    g_assert_nonnull (strstr (common, "static.auto_provision.server.url = https://127.0.0.1:"));
  }

  /* A client that does not trust the CA gets no answer at all. */
  g_assert_cmpuint (send (stranger, "GET", info_url, server->token, NULL, NULL, &error), ==, 0);
  g_assert_error (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE);
  g_clear_error (&error);

  /* Plain HTTP on the TLS port gets nothing either. */
  plain_url = g_strdup_printf ("http://%s/api/v1", server->url + strlen ("https://"));
  g_assert_cmpuint (send (plain, "GET", plain_url, server->token, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* Setup links cannot be made plain HTTP while provd speaks only TLS. */
  {
    g_autofree char *settings_url = g_strconcat (server->url, "/api/v1/settings", NULL);
    g_autoptr(SoupMessage) msg = soup_message_new ("PATCH", settings_url);
    g_autofree char *auth = g_strconcat ("Bearer ", server->token, NULL);
    const char *body = "{\"public_url\": \"http://192.0.2.1:8670/\"}";
    g_autoptr(GBytes) answer = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    soup_message_headers_replace (soup_message_get_request_headers (msg), "If-Match", "*");
    soup_message_set_request_body_from_bytes (msg, "application/json",
                                              g_bytes_new_static (body, strlen (body)));
    answer = soup_session_send_and_read (trusting, msg, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (msg), ==, 422);
  }

  /* And it still serves afterwards. */
  g_assert_cmpuint (send (trusting, "GET", link, NULL, "Yealink SIP-T54W 96.86.0.100", NULL,
                          &error), ==, 200);
  g_free (link);
}

static void
ws_connected_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SoupWebsocketConnection **ws = user_data;
  g_autoptr(GError) error = NULL;

  *ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  g_assert_no_error (error);
}

static void
ws_message_cb (SoupWebsocketConnection *ws,
               gint                     type,
               GBytes                  *message,
               gpointer                 user_data)
{
  char **text = user_data;

  g_free (*text);
  *text = g_strndup (g_bytes_get_data (message, NULL), g_bytes_get_size (message));
}

/* The change stream over TLS: libsoup serves a TLS connection whole, the
 * upgrade included. */
static void
test_change_stream (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(SoupSession) trusting = session_trusting ("ca.pem");
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *pushed = NULL;
  gint64 deadline;

  server = tls_server_new (NULL, NULL, NULL);

  url = g_strconcat (server->url, "/api/v1/changes/stream?since=0", NULL);
  msg = soup_message_new ("GET", url);
  auth = g_strconcat ("Bearer ", server->token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  soup_session_websocket_connect_async (trusting, msg, NULL, NULL, G_PRIORITY_DEFAULT, NULL,
                                        ws_connected_cb, &ws);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (ws == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (ws);
  g_signal_connect (ws, "message", G_CALLBACK (ws_message_cb), &pushed);

  {
    g_autoptr(SoupSession) writer = session_trusting ("ca.pem");
    g_autofree char *agents_url = g_strconcat (server->url, "/api/v1/agents", NULL);
    g_autoptr(SoupMessage) post = soup_message_new ("POST", agents_url);
    const char *body = "{\"name\": \"Ann\", \"extension\": \"201\"}";
    g_autoptr(GBytes) answer = NULL;

    soup_message_headers_replace (soup_message_get_request_headers (post), "Authorization", auth);
    soup_message_set_request_body_from_bytes (post, "application/json",
                                              g_bytes_new_static (body, strlen (body)));
    answer = soup_session_send_and_read (writer, post, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (soup_message_get_status (post), ==, 201);
  }
  deadline = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;
  while (pushed == NULL && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  g_assert_nonnull (pushed);
  g_assert_nonnull (strstr (pushed, "\"created\""));
  g_assert_nonnull (strstr (pushed, "\"Ann\""));
  soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
}

/* Waits until provd's log (at @log) says @what. */
static char *
wait_for_log (const char *log,
              const char *what)
{
  /* Generous: a sanitized provd on a busy machine is slow. */
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  char *logged = NULL;

  while (g_get_monotonic_time () < deadline)
    {
      g_clear_pointer (&logged, g_free);
      g_file_get_contents (log, &logged, NULL, NULL);
      if (logged != NULL && strstr (logged, what) != NULL)
        return logged;
      g_usleep (50000);
    }
  g_assert_nonnull (logged);
  g_assert_nonnull (strstr (logged, what));
  return logged;
}

/* Asks for the API's root until provd answers 200, for up to @seconds. */
static guint
get_until_served (PaTestServer *server,
                  guint         seconds)
{
  g_autoptr(SoupSession) trusting = session_trusting ("ca.pem");
  g_autofree char *info_url = g_strconcat (server->url, "/api/v1", NULL);
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;
  guint status = 0;

  while (status != 200 && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;

      status = send (trusting, "GET", info_url, server->token, NULL, NULL, &error);
      if (status != 200)
        g_usleep (100000);
    }
  return status;
}

/* 150 connections to a provd with 200 descriptors (room for 136), each
 * silent or having sent the first byte of a hello and no more. Held
 * handshakes count against provd's room as plain connections do: at the
 * cap it stops accepting (and says so) rather than running out of
 * descriptors, and gets rid of them (@seconds at most) to serve the next
 * client while they are still held. */
static void
check_held_handshakes (gboolean one_byte,
                       guint    seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  /* Under the sanitizers, LeakSanitizer (GCC 12's) crashes in its own
   * tracer at provd's exit ("Tracer caught signal 11") once dozens of
   * threads have run GnuTLS handshakes, whatever provd leaks or not: not
   * asked here. /tls/https and /tls/served-deadlines check the same code
   * for leaks with a few handshakes. */
  g_autofree char *asan = g_strconcat (g_getenv ("ASAN_OPTIONS") ?: "", ":detect_leaks=0", NULL);
  const char *env[] = { "ASAN_OPTIONS", asan, NULL };
  PaTestServerOptions options = { .nofile = 200, .env = one_byte ? env : NULL };
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autofree char *logged = NULL;
  g_autofree char *after = NULL;

  server = tls_server_new (NULL, &options, &log);

  for (guint i = 0; i < 150; i++)
    {
      GSocketConnection *c = g_socket_client_connect_to_host (client,
                                                              server->url + strlen ("https://"),
                                                              0, NULL, &error);

      g_assert_no_error (error);
      /* A TLS record's first byte: its type, handshake. */
      if (one_byte)
        g_assert_cmpint (g_socket_send (g_socket_connection_get_socket (c), "\x16", 1, NULL,
                                        &error), ==, 1);
      g_assert_no_error (error);
      g_ptr_array_add (held, c);
    }
  logged = wait_for_log (log, "too many connections");
  g_assert_nonnull (strstr (logged, "Not accepting connections for now: too many connections"));

  g_assert_cmpuint (get_until_served (server, seconds), ==, 200);
  g_assert_true (g_file_get_contents (log, &after, NULL, NULL));
  g_assert_null (strstr (after, "Too many open files"));
}

/* Silent ones go first, as plain ones that say nothing do. */
static void
test_silent_shed (void)
{
  check_held_handshakes (FALSE, 5);
}

/* A handshake blocks one of glib-networking's threads until the client
 * finishes it; these never do. provd ends them at its handshake deadline
 * and, meanwhile, holds no more descriptors for them than their sockets
 * (it aborted, out of descriptors, when each waiting handshake had an
 * eventfd of its own). */
static void
test_stalled_handshakes (void)
{
  check_held_handshakes (TRUE, PA_HTTP_TLS_HANDSHAKE_SECONDS + 10);
}

typedef struct
{
  GIOStream *tls;
  char       buffer[64];
  gint64     closed_at;       /* 0 while open */
} Client;

static void
client_read_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Client *client = user_data;
  g_autoptr(GError) error = NULL;

  /* Nothing is sent to it: any end, EOF or error, is provd closing. */
  (void) g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  client->closed_at = g_get_monotonic_time ();
}

/* A client that finished its handshake (trusting the test CA), then sends
 * @text. */
static void
client_start (Client       *client,
              PaTestServer *server,
              const char   *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ca = tls_file ("ca.pem");
  g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca, &error);
  g_autoptr(GSocketClient) socket_client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GSocketConnectable) identity = g_network_address_new ("127.0.0.1", 0);

  g_assert_no_error (error);
  connection = g_socket_client_connect_to_host (socket_client, server->url + strlen ("https://"),
                                                0, NULL, &error);
  g_assert_no_error (error);
  client->tls = g_tls_client_connection_new (G_IO_STREAM (connection), identity, &error);
  g_assert_no_error (error);
  g_tls_connection_set_database (G_TLS_CONNECTION (client->tls), database);
  g_assert_true (g_tls_connection_handshake (G_TLS_CONNECTION (client->tls), NULL, &error));
  g_assert_no_error (error);
  if (*text != '\0')
    g_assert_true (g_output_stream_write_all (g_io_stream_get_output_stream (client->tls), text,
                                              strlen (text), NULL, NULL, &error));
  g_assert_no_error (error);
  g_input_stream_read_async (g_io_stream_get_input_stream (client->tls), client->buffer,
                             sizeof client->buffer, G_PRIORITY_DEFAULT, NULL, client_read_cb,
                             client);
}

static gboolean
keep_ticking (void)
{
  return G_SOURCE_CONTINUE;
}

/* libsoup keeps no time on the connections provd hands it after their
 * handshake; provd does: one that sends no request, or half a head, is
 * closed as a plain one would be, not held for good. */
static void
test_served_deadlines (void)
{
  g_autoptr(PaTestServer) server = NULL;
  Client silent = { 0 }, half = { 0 };
  gint64 start, deadline;
  guint tick;

  server = tls_server_new (NULL, NULL, NULL);

  start = g_get_monotonic_time ();
  client_start (&silent, server, "");
  client_start (&half, server, "GET /api/v1 HTTP/1.1\r\nHost: 127.0.0.1\r\n");
  deadline = start + (PA_HTTP_IDLE_TIMEOUT_SEC + 15) * G_TIME_SPAN_SECOND;
  /* Wakes the loop to look at the time when provd never closes them. */
  tick = g_timeout_add (200, G_SOURCE_FUNC (keep_ticking), NULL);
  while ((silent.closed_at == 0 || half.closed_at == 0) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  g_assert_cmpint (silent.closed_at, !=, 0);
  g_assert_cmpint (half.closed_at, !=, 0);
  /* Given their time first. */
  g_assert_cmpint (silent.closed_at - start, >=, (PA_HTTP_IDLE_TIMEOUT_SEC - 1) * G_TIME_SPAN_SECOND);
  g_assert_cmpint (half.closed_at - start, >=, (PA_HTTP_HEAD_TIMEOUT_SEC - 1) * G_TIME_SPAN_SECOND);
  g_clear_object (&silent.tls);
  g_clear_object (&half.tls);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, &error));
  g_assert_no_error (error);
}

/* A renewed certificate is taken on SIGHUP, without a restart; a broken
 * one (half written, say) is refused and the one in use stays. */
static void
test_reload (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-tls-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
  g_autofree char *log = g_build_filename (dir, "provd.log", NULL);
  g_autofree char *cert = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key = g_build_filename (dir, "key.pem", NULL);
  g_autofree char *text = g_strdup_printf ("[server]\ntls-cert=%s\ntls-key=%s\n", cert, key);
  g_autofree char *first_cert = tls_file ("server.pem");
  g_autofree char *first_key = tls_file ("server-key.pem");
  g_autofree char *renewed_cert = tls_file ("renewed.pem");
  g_autofree char *renewed_key = tls_file ("renewed-key.pem");
  PaTestServerOptions options = { .config_file = config, .stderr_path = log };
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(SoupSession) first = session_trusting ("ca.pem");
  g_autoptr(SoupSession) renewed = session_trusting ("renewed.pem");
  g_autofree char *info_url = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *reloaded = NULL;

  copy_file (first_cert, cert);
  copy_file (first_key, key);
  g_assert_true (g_file_set_contents (config, text, -1, &error));
  server = pa_test_server_new_with_options (&options);
  info_url = g_strconcat (server->url, "/api/v1", NULL);
  g_assert_cmpuint (send (first, "GET", info_url, server->token, NULL, NULL, &error), ==, 200);

  g_assert_true (g_file_set_contents (cert, "-----BEGIN CERTIFICATE-----\nhalf", -1, &error));
  g_subprocess_send_signal (server->process, SIGHUP);
  kept = wait_for_log (log, "Kept the TLS certificate in use");
  g_assert_cmpuint (send (first, "GET", info_url, server->token, NULL, NULL, &error), ==, 200);
  g_assert_no_error (error);

  copy_file (renewed_cert, cert);
  copy_file (renewed_key, key);
  g_subprocess_send_signal (server->process, SIGHUP);
  reloaded = wait_for_log (log, "Reloaded the TLS certificate");
  g_assert_cmpuint (send (renewed, "GET", info_url, server->token, NULL, NULL, &error), ==, 200);
  g_assert_no_error (error);
  g_assert_cmpuint (send (first, "GET", info_url, server->token, NULL, NULL, &error), ==, 0);
  g_assert_nonnull (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tls/https", test_https);
  g_test_add_func ("/tls/change-stream", test_change_stream);
  g_test_add_func ("/tls/silent-shed", test_silent_shed);
  g_test_add_func ("/tls/stalled-handshakes", test_stalled_handshakes);
  g_test_add_func ("/tls/served-deadlines", test_served_deadlines);
  g_test_add_func ("/tls/reload", test_reload);
  return g_test_run ();
}
