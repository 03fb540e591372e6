/* test-local-server.c — the real provd in local mode: start, adopt, stop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real binary named by $PA_PROVD (tests/meson.build sets it) in a
 * temporary XDG_DATA_HOME.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pa-local-server.h"
#include "pa-app-test.h"

#define TIMEOUT_S 30

static char *tmp_home;

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  pa_app_test_wait_until_seconds (pa_app_test_result_arrived, slot, TIMEOUT_S);
  return *slot;
}

static gboolean
start (PaLocalServer  *server,
       GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pa_local_server_start_async (server, NULL, pa_app_test_store_result_cb, &result);
  return pa_local_server_start_finish (server, wait_for (&result), error);
}

static char *
new_data_dir (const char *name)
{
  return g_build_filename (tmp_home, name, "phoneadmin", "provd", NULL);
}

static guint
get_info_status (const char *url,
                 const char *token)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 5, NULL);
  g_autofree char *info = g_strconcat (url, "api/v1", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", info);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  return soup_message_get_status (msg);
}

static gboolean
pid_alive (GPid pid)
{
  return kill (pid, 0) == 0;
}

/* GLib reaps our children on its worker thread, a moment after they end. */
static void
assert_pid_gone (GPid pid)
{
  pa_app_test_wait_until_seconds (pa_app_test_pid_gone, GINT_TO_POINTER (pid), TIMEOUT_S);
}

static void
test_defaults (void)
{
  g_autofree char *dir = pa_local_server_default_data_dir ();
  g_autofree char *expected = g_build_filename (tmp_home, "phoneadmin", "provd", NULL);
  g_autofree char *provd = pa_local_server_default_provd_path ();

  g_assert_cmpstr (dir, ==, expected);
  g_assert_cmpstr (provd, ==, g_getenv ("PA_PROVD"));
}

/* The LAN question is asked once: "Not Now" is kept like a choice, and an
 * older file with LAN access on counts as answered. */
static void
test_lan_asked (void)
{
  g_autofree char *dir = new_data_dir ("lan-asked");
  g_autofree char *older = new_data_dir ("lan-asked-older");
  g_autofree char *older_file = g_build_filename (older, "local-mode.ini", NULL);
  g_autoptr(PaLocalServer) first = pa_local_server_new (NULL, dir);
  g_autoptr(PaLocalServer) again = NULL;
  g_autoptr(PaLocalServer) upgraded = NULL;

  g_assert_false (pa_local_server_get_lan_asked (first));
  pa_local_server_set_lan_asked (first);
  again = pa_local_server_new (NULL, dir);
  g_assert_true (pa_local_server_get_lan_asked (again));
  g_assert_false (pa_local_server_get_lan_access (again));

  g_assert_true (g_mkdir_with_parents (older, 0700) == 0);
  g_assert_true (g_file_set_contents (older_file, "[local-mode]\nport=8670\nlan-access=true\n", -1,
                                      NULL));
  upgraded = pa_local_server_new (NULL, older);
  g_assert_true (pa_local_server_get_lan_asked (upgraded));
}

static gboolean
tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Stopping never holds the main loop: a provd that hangs (stopped with
 * SIGSTOP, so SIGTERM waits) is killed after the timeout while the loop
 * keeps turning, and the call itself returns at once. */
static void
test_stop_does_not_block (void)
{
  g_autofree char *dir = new_data_dir ("stop-hung");
  g_autoptr(PaLocalServer) server = pa_local_server_new (NULL, dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  guint ticks = 0;
  guint tick_id;
  gint64 before, spent;
  GPid pid;

  g_assert_true (start (server, &error));
  pid = pa_local_server_get_pid (server);
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (kill (pid, SIGSTOP), ==, 0);

  g_test_expect_message ("pa-local-server", G_LOG_LEVEL_WARNING, "provd did not stop within*");
  tick_id = g_timeout_add (10, tick_cb, &ticks);
  before = g_get_monotonic_time ();
  pa_local_server_stop_async (server, pa_app_test_store_result_cb, &result);
  spent = g_get_monotonic_time () - before;
  g_assert_cmpint (spent, <, 100 * G_TIME_SPAN_MILLISECOND);
  g_assert_null (pa_local_server_get_url (server));
  g_assert_true (pa_local_server_stop_finish (server, wait_for (&result), &error));
  g_source_remove (tick_id);
  g_test_assert_expected_messages ();
  /* About 5 s of ticks: the loop ran all along. */
  g_assert_cmpuint (ticks, >, 100);
  /* Killed and reaped. */
  g_assert_cmpint (kill (pid, 0), ==, -1);
}

static void
test_start_stop (void)
{
  g_autofree char *dir = new_data_dir ("start-stop");
  g_autoptr(PaLocalServer) server = pa_local_server_new (NULL, dir);
  g_autoptr(GError) error = NULL;
  g_autofree char *token_file = NULL;
  g_autofree char *url_path = g_build_filename (dir, "provd.url", NULL);
  g_autofree char *token_path = g_build_filename (dir, "admin-token", NULL);
  GPid pid;

  g_assert_null (pa_local_server_get_url (server));
  g_assert_true (start (server, &error));
  g_assert_no_error (error);

  g_assert_true (g_str_has_prefix (pa_local_server_get_url (server), "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (pa_local_server_get_url (server), "/"));
  g_assert_false (pa_local_server_get_adopted (server));

  /* The token is the one provd wrote, and it works. */
  g_assert_true (g_file_get_contents (token_path, &token_file, NULL, NULL));
  g_strstrip (token_file);
  g_assert_cmpstr (pa_local_server_get_token (server), ==, token_file);
  g_assert_cmpuint (get_info_status (pa_local_server_get_url (server),
                                     pa_local_server_get_token (server)), ==, 200);
  g_assert_cmpuint (get_info_status (pa_local_server_get_url (server), "wrong"), ==, 401);

  /* Starting again while it runs changes nothing. */
  {
    g_autofree char *url = g_strdup (pa_local_server_get_url (server));

    g_assert_true (start (server, &error));
    g_assert_cmpstr (pa_local_server_get_url (server), ==, url);
  }

  pid = pa_local_server_get_pid (server);
  g_assert_cmpint (pid, >, 0);
  g_assert_true (pid_alive (pid));

  pa_local_server_stop (server);
  assert_pid_gone (pid);
  g_assert_null (pa_local_server_get_url (server));
  g_assert_cmpint (pa_local_server_get_pid (server), ==, 0);
  /* A clean exit: provd removed its URL file. */
  g_assert_false (g_file_test (url_path, G_FILE_TEST_EXISTS));

  /* Twice is harmless. */
  pa_local_server_stop (server);
  g_assert_finalize_object (g_steal_pointer (&server));
}

static void
test_orphan_adopted (void)
{
  g_autofree char *dir = new_data_dir ("orphan");
  PaLocalServer *crashed = pa_local_server_new (NULL, dir);
  g_autoptr(PaLocalServer) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  GPid pid;

  g_assert_true (start (crashed, &error));
  g_assert_no_error (error);
  url = g_strdup (pa_local_server_get_url (crashed));
  pid = pa_local_server_get_pid (crashed);

  /* The app side "crashes": the object goes without stop(). Nothing
   * signals provd then (finalize sends nothing), and the adoption below
   * proves it lived on: same pid, answering the new token. */
  g_assert_finalize_object (crashed);
  g_assert_true (pid_alive (pid));
  g_assert_cmpuint (get_info_status (url, "x"), ==, 401);

  second = pa_local_server_new (NULL, dir);
  g_assert_true (start (second, &error));
  g_assert_no_error (error);
  g_assert_true (pa_local_server_get_adopted (second));
  g_assert_cmpstr (pa_local_server_get_url (second), ==, url);
  g_assert_cmpint (pa_local_server_get_pid (second), ==, pid);
  g_assert_cmpuint (get_info_status (url, pa_local_server_get_token (second)), ==, 200);

  pa_local_server_stop (second);
  assert_pid_gone (pid);
  g_assert_false (pa_local_server_get_adopted (second));
}

static void
test_stale_url (void)
{
  g_autofree char *dir = new_data_dir ("stale");
  g_autofree char *url_path = g_build_filename (dir, "provd.url", NULL);
  g_autofree char *pid_path = g_build_filename (dir, "provd.pid", NULL);
  g_autoptr(PaLocalServer) first = pa_local_server_new (NULL, dir);
  g_autoptr(PaLocalServer) second = NULL;
  g_autoptr(GError) error = NULL;

  /* A real token from an earlier run, then a provd.url a crash left behind
   * pointing at a port nobody listens on, and the pid of a process that is
   * certainly not provd (ourselves). */
  g_assert_true (start (first, &error));
  g_assert_no_error (error);
  pa_local_server_stop (first);
  g_assert_true (g_file_set_contents (url_path, "http://127.0.0.1:1/\n", -1, &error));
  {
    g_autofree char *self_pid = g_strdup_printf ("%d\n", (int) getpid ());

    g_assert_true (g_file_set_contents (pid_path, self_pid, -1, &error));
  }

  second = pa_local_server_new (NULL, dir);
  g_assert_true (start (second, &error));
  g_assert_no_error (error);
  g_assert_false (pa_local_server_get_adopted (second));
  g_assert_cmpstr (pa_local_server_get_url (second), !=, "http://127.0.0.1:1/");
  g_assert_cmpint (pa_local_server_get_pid (second), !=, getpid ());
  g_assert_cmpuint (get_info_status (pa_local_server_get_url (second),
                                     pa_local_server_get_token (second)), ==, 200);
  pa_local_server_stop (second);
}

/* A provd.url whose server answers, but not to our token, is not ours. */
static void
test_foreign_url (void)
{
  g_autofree char *dir_a = new_data_dir ("foreign-a");
  g_autofree char *dir_b = new_data_dir ("foreign-b");
  g_autoptr(PaLocalServer) a = pa_local_server_new (NULL, dir_a);
  g_autoptr(PaLocalServer) b = pa_local_server_new (NULL, dir_b);
  g_autoptr(PaLocalServer) b2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url_b = NULL;

  g_assert_true (start (a, &error));
  g_assert_true (start (b, &error));
  g_assert_no_error (error);
  url_b = g_build_filename (dir_b, "provd.url", NULL);
  pa_local_server_stop (b);
  /* b's data dir now announces a's URL, which refuses b's token. */
  g_assert_true (g_file_set_contents (url_b, pa_local_server_get_url (a), -1, &error));

  b2 = pa_local_server_new (NULL, dir_b);
  g_assert_true (start (b2, &error));
  g_assert_no_error (error);
  g_assert_false (pa_local_server_get_adopted (b2));
  g_assert_cmpstr (pa_local_server_get_url (b2), !=, pa_local_server_get_url (a));
  pa_local_server_stop (b2);
  pa_local_server_stop (a);
}

static guint
url_port (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  return (guint) g_uri_get_port (uri);
}

/* Holds 127.0.0.1:@port (0: any free one), as another program would. */
static GSocket *
occupy_port (guint port)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                         &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_socket_listen (socket, &error));
  return g_steal_pointer (&socket);
}

/* Setup links typed into phones name the port: a restart, or a new app
 * object on the same data dir, keeps it; a port taken meanwhile moves provd
 * to another one, which is then kept. */
static void
test_stable_port (void)
{
  g_autofree char *dir = new_data_dir ("stable");
  g_autofree char *mode = g_build_filename (dir, "local-mode.ini", NULL);
  g_autofree char *kept = NULL;
  g_autoptr(PaLocalServer) server = pa_local_server_new (NULL, dir);
  g_autoptr(PaLocalServer) again = NULL;
  g_autoptr(GSocket) squatter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_url = NULL;
  guint first_port, moved_port;

  g_assert_cmpuint (pa_local_server_get_port (server), ==, 8670);
  /* Other tests' provds run in parallel on 8670: this one keeps a port of
   * its own, as if 8670 had been taken on an earlier start. */
  {
    g_autoptr(GSocket) probe = occupy_port (0);
    g_autoptr(GSocketAddress) bound = g_socket_get_local_address (probe, NULL);

    kept = g_strdup_printf ("[local-mode]\nport=%u\n",
                            g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  }
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mode, kept, -1, NULL));
  g_clear_object (&server);
  server = pa_local_server_new (NULL, dir);
  g_assert_true (start (server, &error));
  g_assert_no_error (error);
  first_url = g_strdup (pa_local_server_get_url (server));
  first_port = url_port (first_url);
  g_assert_cmpuint (pa_local_server_get_port (server), ==, first_port);
  pa_local_server_stop (server);

  again = pa_local_server_new (NULL, dir);
  g_assert_cmpuint (pa_local_server_get_port (again), ==, first_port);
  g_assert_true (start (again, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pa_local_server_get_url (again), ==, first_url);
  pa_local_server_stop (again);

  squatter = occupy_port (first_port);
  g_assert_true (start (again, &error));
  g_assert_no_error (error);
  moved_port = url_port (pa_local_server_get_url (again));
  g_assert_cmpuint (moved_port, !=, first_port);
  g_assert_cmpuint (pa_local_server_get_port (again), ==, moved_port);
  g_assert_cmpuint (get_info_status (pa_local_server_get_url (again),
                                     pa_local_server_get_token (again)), ==, 200);
  pa_local_server_stop (again);
  g_socket_close (squatter, NULL);

  g_clear_object (&server);
  server = pa_local_server_new (NULL, dir);
  g_assert_true (start (server, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (url_port (pa_local_server_get_url (server)), ==, moved_port);
  pa_local_server_stop (server);
}

/* Loopback only until the user allows the LAN. 127.0.0.2 stands for
 * another address of this machine: a socket bound to 127.0.0.1 refuses
 * it, one bound to every address takes it. */
static void
test_lan_access (void)
{
  g_autofree char *dir = new_data_dir ("lan");
  g_autoptr(PaLocalServer) server = pa_local_server_new (NULL, dir);
  g_autoptr(PaLocalServer) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *other = NULL;

  g_assert_false (pa_local_server_get_lan_access (server));
  g_assert_true (start (server, &error));
  g_assert_no_error (error);
  other = g_strdup_printf ("http://127.0.0.2:%u/", pa_local_server_get_port (server));
  g_assert_cmpuint (get_info_status (other, pa_local_server_get_token (server)), ==,
                    SOUP_STATUS_NONE);
  pa_local_server_stop (server);

  pa_local_server_set_lan_access (server, TRUE);
  again = pa_local_server_new (NULL, dir);
  g_assert_true (pa_local_server_get_lan_access (again));
  g_assert_true (start (again, &error));
  g_assert_no_error (error);
  g_clear_pointer (&other, g_free);
  other = g_strdup_printf ("http://127.0.0.2:%u/", pa_local_server_get_port (again));
  g_assert_cmpuint (get_info_status (other, pa_local_server_get_token (again)), ==, 200);
  /* The app itself still talks over loopback. */
  g_assert_true (g_str_has_prefix (pa_local_server_get_url (again), "http://127.0.0.1:"));
  pa_local_server_stop (again);
}

static void
test_missing_provd (void)
{
  g_autofree char *dir = new_data_dir ("missing");
  g_autoptr(PaLocalServer) server = pa_local_server_new ("/nonexistent/phoneadmin-provd", dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (start (server, &error));
  g_assert_error (error, PA_LOCAL_SERVER_ERROR, PA_LOCAL_SERVER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "/nonexistent/phoneadmin-provd"));
  g_assert_null (pa_local_server_get_url (server));
}

static char *
write_script (const char *name,
              const char *body)
{
  g_autofree char *path = g_build_filename (tmp_home, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, body, -1, &error));
  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  return g_steal_pointer (&path);
}

/* What a provd that cannot start says must reach the user. */
static void
test_provd_exits (void)
{
  g_autofree char *dir = new_data_dir ("exits");
  g_autofree char *script = write_script ("failing-provd",
                                          "#!/bin/sh\n"
                                          "echo 'phoneadmin-provd: cannot bind 127.0.0.1:0: "
                                          "no luck today' >&2\n"
                                          "exit 1\n");
  g_autoptr(PaLocalServer) server = pa_local_server_new (script, dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (start (server, &error));
  g_assert_error (error, PA_LOCAL_SERVER_ERROR, PA_LOCAL_SERVER_ERROR_EXITED);
  g_assert_nonnull (strstr (error->message, "no luck today"));
  g_assert_nonnull (strstr (error->message, "status 1"));
  g_assert_null (pa_local_server_get_url (server));
}

static gboolean
spawned (gpointer server)
{
  return pa_local_server_get_pid (server) > 0;
}

static void
test_cancel (void)
{
  g_autofree char *dir = new_data_dir ("cancel");
  g_autofree char *script = write_script ("slow-provd", "#!/bin/sh\nexec sleep 30\n");
  g_autoptr(PaLocalServer) server = pa_local_server_new (script, dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPid pid;

  pa_local_server_start_async (server, cancellable, pa_app_test_store_result_cb, &result);
  /* Spawned (after the probe for a provd already running failed). */
  pa_app_test_wait_until_seconds (spawned, server, TIMEOUT_S);
  pid = pa_local_server_get_pid (server);
  g_assert_cmpint (pid, >, 0);

  g_cancellable_cancel (cancellable);
  g_assert_false (pa_local_server_start_finish (server, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Nothing is left running. */
  assert_pid_gone (pid);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Before anything asks GLib for the user data dir: it is cached. */
  tmp_home = g_dir_make_tmp ("pa-local-server-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("PA_PROVD") == NULL)
    {
      g_printerr ("PA_PROVD is not set; run through meson test\n");
      return 77;
    }

  g_test_add_func ("/local-server/defaults", test_defaults);
  g_test_add_func ("/local-server/start-stop", test_start_stop);
  g_test_add_func ("/local-server/stop-does-not-block", test_stop_does_not_block);
  g_test_add_func ("/local-server/lan-asked", test_lan_asked);
  g_test_add_func ("/local-server/orphan-adopted", test_orphan_adopted);
  g_test_add_func ("/local-server/stale-url", test_stale_url);
  g_test_add_func ("/local-server/foreign-url", test_foreign_url);
  g_test_add_func ("/local-server/stable-port", test_stable_port);
  g_test_add_func ("/local-server/lan-access", test_lan_access);
  g_test_add_func ("/local-server/missing-provd", test_missing_provd);
  g_test_add_func ("/local-server/provd-exits", test_provd_exits);
  g_test_add_func ("/local-server/cancel", test_cancel);

  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", tmp_home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  g_free (tmp_home);
  return status;
}
