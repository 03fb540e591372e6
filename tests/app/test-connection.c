/* test-connection.c — local mode, switching servers, forgetting, shutdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything real: the local provd ($PA_PROVD) in a temporary data dir, a
 * second provd as the "remote" server (tests/server/pa-test-server.h), the
 * session keyring (tools/run-tests.sh provides it; without a session bus
 * the test is skipped) and GSettings on the memory backend.
 */
#include "config.h"

#include <signal.h>

#include "../server/pa-test-server.h"
#include "pa-client.h"
#include "pa-connection.h"
#include "pa-local-server.h"
#include "pa-secret-store.h"
#include "pa-app-test.h"

#define TIMEOUT_S 30

static char *tmp_home;

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  pa_app_test_wait_until_seconds (pa_app_test_result_arrived, slot, TIMEOUT_S);
  return *slot;
}

static char *
lookup (PaCredentialStore *creds,
        const char        *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  pa_credential_store_lookup_async (creds, url, NULL, pa_app_test_store_result_cb, &result);
  token = pa_credential_store_lookup_finish (creds, wait_for (&result), &error);
  g_assert_no_error (error);
  return token;
}

static gboolean
connect_local (PaConnection  *conn,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pa_connection_connect_async (conn, NULL, pa_app_test_store_result_cb, &result);
  return pa_connection_connect_finish (conn, wait_for (&result), error);
}

static gboolean
connect_to (PaConnection  *conn,
            const char    *url,
            const char    *token,
            GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pa_connection_connect_to_server_async (conn, url, token, NULL, NULL, pa_app_test_store_result_cb, &result);
  return pa_connection_connect_to_server_finish (conn, wait_for (&result), error);
}

static gboolean
forget (PaConnection  *conn,
        GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  pa_connection_forget_server_async (conn, NULL, pa_app_test_store_result_cb, &result);
  return pa_connection_forget_server_finish (conn, wait_for (&result), error);
}

static GPid
read_pid (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "provd.pid", NULL);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  return (GPid) g_ascii_strtoll (text, NULL, 10);
}

static void
assert_pid_gone (GPid pid)
{
  g_assert_cmpint (pid, >, 0);
  pa_app_test_wait_until_seconds (pa_app_test_pid_gone, GINT_TO_POINTER (pid), TIMEOUT_S);
}

/* What the connection says of where it goes while it connects. */
static void
record_connecting_local_cb (PaConnection *conn,
                            GParamSpec   *pspec,
                            int          *seen)
{
  if (pa_connection_get_state (conn) == PA_CONNECTION_CONNECTING)
    *seen = pa_connection_get_connecting_local (conn);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

typedef struct
{
  GSettings         *settings;
  PaCredentialStore *creds;
  char              *data_dir;
  PaConnection      *conn;
} Fixture;

static gboolean
have_session_bus (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  return bus != NULL;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static guint counter;

  f->settings = g_settings_new ("org.example.PhoneAdmin");
  g_settings_reset (f->settings, "server-url");
  f->creds = pa_secret_store_new ();
  f->data_dir = g_strdup_printf ("%s/local-%u", tmp_home, ++counter);
  f->conn = pa_connection_new (f->settings, f->creds, NULL, f->data_dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pa_connection_shutdown (f->conn);
  g_assert_finalize_object (f->conn);
  g_clear_object (&f->creds);
  g_clear_object (&f->settings);
  g_free (f->data_dir);
}

static void
test_local (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *token_path = g_build_filename (f->data_dir, "admin-token", NULL);
  g_autofree char *file_token = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *url = NULL;
  guint state_notifies = 0, repo_notifies = 0, local_notifies = 0, url_notifies = 0;
  int connecting_local = -1;
  GPid pid;

  if (!have_session_bus ())
    {
      g_test_skip ("No session bus: run through tools/run-tests.sh for the real keyring");
      return;
    }

  g_signal_connect (f->conn, "notify::state", G_CALLBACK (count_notify_cb), &state_notifies);
  g_signal_connect (f->conn, "notify::state", G_CALLBACK (record_connecting_local_cb),
                    &connecting_local);
  g_signal_connect (f->conn, "notify::repository", G_CALLBACK (count_notify_cb), &repo_notifies);
  g_signal_connect (f->conn, "notify::is-local", G_CALLBACK (count_notify_cb), &local_notifies);
  g_signal_connect (f->conn, "notify::server-url", G_CALLBACK (count_notify_cb), &url_notifies);

  g_assert_cmpint (pa_connection_get_state (f->conn), ==, PA_CONNECTION_IDLE);
  g_assert_null (pa_connection_get_repository (f->conn));

  g_assert_true (connect_local (f->conn, &error));
  g_assert_no_error (error);

  g_assert_cmpint (pa_connection_get_state (f->conn), ==, PA_CONNECTION_CONNECTED);
  g_assert_true (pa_connection_get_is_local (f->conn));
  g_assert_nonnull (pa_connection_get_repository (f->conn));
  g_assert_null (pa_connection_get_error (f->conn));
  url = g_strdup (pa_connection_get_server_url (f->conn));
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:"));
  /* IDLE → CONNECTING → CONNECTED */
  g_assert_cmpuint (state_notifies, ==, 2);
  g_assert_cmpuint (repo_notifies, ==, 1);
  g_assert_cmpuint (local_notifies, ==, 1);
  g_assert_cmpuint (url_notifies, ==, 1);
  /* While it connected, before is-local, it said where it was going. */
  g_assert_cmpint (connecting_local, ==, 1);

  /* The admin token went into the keyring under the local URL, and the
   * client uses what the keyring gave back. */
  g_assert_true (g_file_get_contents (token_path, &file_token, NULL, NULL));
  g_strstrip (file_token);
  kept = lookup (f->creds, url);
  g_assert_cmpstr (kept, ==, file_token);
  /* Nothing about the local server in GSettings. */
  {
    g_autofree char *configured = g_settings_get_string (f->settings, "server-url");

    g_assert_cmpstr (configured, ==, "");
  }

  /* shutdown() stops provd and takes its token out of the keyring. */
  pid = read_pid (f->data_dir);
  pa_connection_shutdown (f->conn);
  assert_pid_gone (pid);
  g_assert_cmpint (pa_connection_get_state (f->conn), ==, PA_CONNECTION_IDLE);
  g_assert_null (pa_connection_get_repository (f->conn));
  g_clear_pointer (&kept, g_free);
  kept = lookup (f->creds, url);
  g_assert_null (kept);
}

static void
test_switch_servers (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(PaTestServer) remote = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *remote_url = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *configured = NULL;
  PaRepository *local_repo;
  GPid local_pid;

  if (!have_session_bus ())
    {
      g_test_skip ("No session bus: run through tools/run-tests.sh for the real keyring");
      return;
    }

  remote = pa_test_server_new ();
  remote_url = g_strconcat (remote->url, "/", NULL);

  g_assert_true (connect_local (f->conn, &error));
  g_assert_no_error (error);
  local_repo = pa_connection_get_repository (f->conn);
  local_pid = read_pid (f->data_dir);

  /* A wrong token: refused, and the local connection stays as it was. */
  g_assert_false (connect_to (f->conn, remote->url, "not-the-token", &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_nonnull (strstr (error->message, "refused the token"));
  g_clear_error (&error);
  g_assert_cmpint (pa_connection_get_state (f->conn), ==, PA_CONNECTION_CONNECTED);
  g_assert_true (pa_connection_get_is_local (f->conn));
  g_assert_true (pa_connection_get_repository (f->conn) == local_repo);
  g_assert_cmpint (kill (local_pid, 0), ==, 0);
  kept = lookup (f->creds, remote_url);
  g_assert_null (kept);
  configured = g_settings_get_string (f->settings, "server-url");
  g_assert_cmpstr (configured, ==, "");

  /* Nobody listening. */
  g_assert_false (connect_to (f->conn, "http://127.0.0.1:1/", remote->token, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE);
  g_clear_error (&error);
  g_assert_true (pa_connection_get_repository (f->conn) == local_repo);

  /* The right token: keyring, GSettings, switch; the local provd stops. */
  g_assert_true (connect_to (f->conn, remote->url, remote->token, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pa_connection_get_state (f->conn), ==, PA_CONNECTION_CONNECTED);
  g_assert_false (pa_connection_get_is_local (f->conn));
  g_assert_cmpstr (pa_connection_get_server_url (f->conn), ==, remote_url);
  g_assert_nonnull (pa_connection_get_repository (f->conn));
  g_assert_true (pa_connection_get_repository (f->conn) != local_repo);
  g_clear_pointer (&kept, g_free);
  kept = lookup (f->creds, remote_url);
  g_assert_cmpstr (kept, ==, remote->token);
  g_clear_pointer (&configured, g_free);
  configured = g_settings_get_string (f->settings, "server-url");
  g_assert_cmpstr (configured, ==, remote_url);
  assert_pid_gone (local_pid);

  /* A second app start finds the server in GSettings and the token in the
   * keyring. */
  {
    g_autoptr(PaConnection) again = pa_connection_new (f->settings, f->creds, NULL, f->data_dir);

    g_assert_true (connect_local (again, &error));
    g_assert_no_error (error);
    g_assert_false (pa_connection_get_is_local (again));
    g_assert_cmpstr (pa_connection_get_server_url (again), ==, remote_url);
    pa_connection_shutdown (again);
  }

  /* Forget: the token leaves the keyring and local mode comes back. */
  g_assert_true (forget (f->conn, &error));
  g_assert_no_error (error);
  g_assert_true (pa_connection_get_is_local (f->conn));
  g_assert_cmpint (pa_connection_get_state (f->conn), ==, PA_CONNECTION_CONNECTED);
  g_assert_true (g_str_has_prefix (pa_connection_get_server_url (f->conn), "http://127.0.0.1:"));
  g_clear_pointer (&kept, g_free);
  kept = lookup (f->creds, remote_url);
  g_assert_null (kept);
  g_clear_pointer (&configured, g_free);
  configured = g_settings_get_string (f->settings, "server-url");
  g_assert_cmpstr (configured, ==, "");
}

static void
test_no_token (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:1/%08x/", g_random_int ());

  if (!have_session_bus ())
    {
      g_test_skip ("No session bus: run through tools/run-tests.sh for the real keyring");
      return;
    }

  g_settings_set_string (f->settings, "server-url", url);
  g_assert_false (connect_local (f->conn, &error));
  g_assert_error (error, PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_NO_TOKEN);
  g_assert_nonnull (strstr (error->message, "again"));
  g_assert_cmpint (pa_connection_get_state (f->conn), ==, PA_CONNECTION_FAILED);
  g_assert_nonnull (pa_connection_get_error (f->conn));
  g_assert_null (pa_connection_get_repository (f->conn));
  /* No provd was started for nothing. */
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_invalid_input (Fixture       *f,
                    gconstpointer  data)
{
  const char *bad_urls[] = {
    "", "   ", "provd.example.com", "ftp://provd.example.com/", "http://",
    "https:///path", "http://user:pw@provd.example.com/", "https://provd.example.com/?x=1",
    "javascript:alert(1)",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad_urls); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("URL \"%s\"", bad_urls[i]);
      g_assert_false (connect_to (f->conn, bad_urls[i], "token", &error));
      g_assert_error (error, PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_INVALID_URL);
    }

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (connect_to (f->conn, "https://provd.example.com/", "  ", &error));
    g_assert_error (error, PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_EMPTY_TOKEN);
  }
  /* Nothing changed. */
  g_assert_cmpint (pa_connection_get_state (f->conn), ==, PA_CONNECTION_IDLE);
}

static void
test_missing_provd (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PhoneAdmin");
  g_autoptr(PaCredentialStore) creds = pa_secret_store_new ();
  g_autofree char *dir = g_build_filename (tmp_home, "missing", NULL);
  g_autoptr(PaConnection) conn = NULL;
  g_autoptr(GError) error = NULL;

  g_settings_reset (settings, "server-url");
  conn = pa_connection_new (settings, creds, "/nonexistent/provd", dir);
  g_assert_false (connect_local (conn, &error));
  g_assert_error (error, PA_LOCAL_SERVER_ERROR, PA_LOCAL_SERVER_ERROR_NOT_FOUND);
  g_assert_cmpint (pa_connection_get_state (conn), ==, PA_CONNECTION_FAILED);
  g_assert_error (pa_connection_get_error (conn), PA_LOCAL_SERVER_ERROR,
                  PA_LOCAL_SERVER_ERROR_NOT_FOUND);
}

/* A desktop without a Secret Service (or a keyring the user declined to
 * make): local mode still starts, with the token from provd's folder. The
 * subprocess talks to a session bus of its own that has no keyring on it
 * and cannot start one (no service files): the real libsecret failure. */
static void
test_local_without_keyring (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *config = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GSubprocess) bus = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  const char *before;

  if (g_test_subprocess ())
    {
      g_autoptr(GSettings) settings = g_settings_new ("org.example.PhoneAdmin");
      g_autoptr(PaCredentialStore) creds = pa_secret_store_new ();
      g_autofree char *data_dir = g_build_filename (tmp_home, "no-keyring", NULL);
      g_autoptr(PaConnection) conn = NULL;
      GPid pid;

      g_settings_reset (settings, "server-url");
      conn = pa_connection_new (settings, creds, NULL, data_dir);
      g_assert_true (connect_local (conn, &error));
      g_assert_no_error (error);
      g_assert_cmpint (pa_connection_get_state (conn), ==, PA_CONNECTION_CONNECTED);
      g_assert_true (pa_connection_get_is_local (conn));
      pa_app_test_refresh_sync (pa_connection_get_repository (conn));
      g_assert_null (pa_repository_get_last_error (pa_connection_get_repository (conn)));

      /* And stops cleanly, with nothing to take out of a keyring. */
      pid = read_pid (data_dir);
      pa_connection_shutdown (conn);
      assert_pid_gone (pid);
      return;
    }

  dir = g_dir_make_tmp ("pa-bus-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_build_filename (dir, "session.conf", NULL);
  {
    g_autofree char *text = g_strdup_printf (
      "<busconfig><type>session</type><listen>unix:dir=%s</listen>"
      "<auth>EXTERNAL</auth><policy context=\"default\">"
      "<allow send_destination=\"*\" eavesdrop=\"true\"/><allow eavesdrop=\"true\"/>"
      "<allow own=\"*\"/></policy></busconfig>", dir);

    g_assert_true (g_file_set_contents (config, text, -1, &error));
  }
  bus = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                          &error, "dbus-daemon",
                          "--config-file", config, "--print-address", "--nofork", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (bus));
  address = g_data_input_stream_read_line (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (address);

  before = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  {
    g_autofree char *saved = g_strdup (before);

    g_setenv ("DBUS_SESSION_BUS_ADDRESS", address, TRUE);
    g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    if (saved != NULL)
      g_setenv ("DBUS_SESSION_BUS_ADDRESS", saved, TRUE);
    else
      g_unsetenv ("DBUS_SESSION_BUS_ADDRESS");
  }
  g_subprocess_force_exit (bus);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_home = g_dir_make_tmp ("pa-connection-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);
  pa_app_test_local_port_of_its_own ();

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/connection/local", Fixture, NULL, fixture_set_up, test_local, fixture_tear_down);
  g_test_add ("/connection/switch-servers", Fixture, NULL,
              fixture_set_up, test_switch_servers, fixture_tear_down);
  g_test_add ("/connection/no-token", Fixture, NULL,
              fixture_set_up, test_no_token, fixture_tear_down);
  g_test_add ("/connection/invalid-input", Fixture, NULL,
              fixture_set_up, test_invalid_input, fixture_tear_down);
  g_test_add_func ("/connection/missing-provd", test_missing_provd);
  g_test_add_func ("/connection/local-without-keyring", test_local_without_keyring);

  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", tmp_home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  g_free (tmp_home);
  return status;
}
