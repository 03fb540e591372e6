/* test-provd.c — phoneadmin-provd as a program: options, files, signals, restart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "pa-test-server.h"

static char *
read_file (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_admin_token_file (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autofree char *path = g_build_filename (server->data_dir, "admin-token", NULL);
  g_autofree char *first = read_file (server->data_dir, "admin-token");
  g_autofree char *second = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (st.st_uid, ==, getuid ());

  /* the data dir is private too */
  g_assert_cmpint (g_stat (server->data_dir, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0077, ==, 0);

  pa_test_server_restart (server);

  /* a later start leaves it alone, and the token still works */
  second = read_file (server->data_dir, "admin-token");
  g_assert_cmpstr (first, ==, second);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  {
    g_autoptr(PaTestResponse) info = pa_test_api (server, "GET", "/api/v1", NULL, NULL);
    g_assert_cmpuint (info->status, ==, 200);
  }
}

static void
test_restart_keeps_data (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaTestResponse) agent_before = NULL;
  g_autoptr(PaTestResponse) phone_before = NULL;
  g_autoptr(PaTestResponse) agent_after = NULL;
  g_autoptr(PaTestResponse) phone_after = NULL;
  g_autofree char *old_url = NULL;
  gint64 agent_id, phone_id;

  agent_id = pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  {
    g_autofree char *body = g_strdup_printf ("{\"name\": \"Desk\", \"mac\": \"80:5E:C0:12:34:56\", "
                                             "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\", "
                                             "\"agent_id\": %" G_GINT64_FORMAT "}", agent_id);
    phone_id = pa_test_create (server, "phones", body);
  }
  agent_before = pa_test_get (server, "agents", agent_id);
  phone_before = pa_test_get (server, "phones", phone_id);
  old_url = g_strdup (server->url);

  pa_test_server_stop (server);
  {
    /* a stopped server leaves no URL behind for the app to follow */
    g_autofree char *url_file = g_build_filename (server->data_dir, "provd.url", NULL);
    g_assert_false (g_file_test (url_file, G_FILE_TEST_EXISTS));
  }
  pa_test_server_restart (server);

  agent_after = pa_test_get (server, "agents", agent_id);
  phone_after = pa_test_get (server, "phones", phone_id);
  g_assert_cmpstr (agent_after->text, ==, agent_before->text);
  /* The restarted provd listens on another port, so the setup link in the
   * phone's files, and with it the fingerprint, changed; the rest did not. */
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (phone_after),
                                                  "config_fingerprint"), !=,
                   json_object_get_string_member (pa_test_response_object (phone_before),
                                                  "config_fingerprint"));
  json_object_remove_member (pa_test_response_object (phone_after), "config_fingerprint");
  json_object_remove_member (pa_test_response_object (phone_before), "config_fingerprint");
  {
    g_autofree char *after = json_to_string (phone_after->json, FALSE);
    g_autofree char *before = json_to_string (phone_before->json, FALSE);

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (agent_after),
                                                  "routing"), ==, "hardware");
}

static void
test_database_removed (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autofree char *token = g_strdup (server->token);
  const char *files[] = { "provd.sqlite", "provd.sqlite-wal", "provd.sqlite-shm" };

  pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  pa_test_server_stop (server);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (server->data_dir, files[i], NULL);
      g_unlink (path);
    }

  /* a fresh database adopts the token the app already holds */
  pa_test_server_restart (server);
  g_assert_cmpstr (server->token, ==, token);
  {
    g_autoptr(PaTestResponse) list = pa_test_api (server, "GET", "/api/v1/agents", NULL, NULL);
    g_assert_cmpuint (list->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (list), "total"), ==, 0);
  }
}

static void
test_sigint (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (server->process, SIGINT);
  g_subprocess_wait (server->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (server->process));
  g_assert_cmpint (g_subprocess_get_exit_status (server->process), ==, 0);
  g_clear_object (&server->process);
}

static int
run_provd (const char * const *args,
           char              **out,
           char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("PA_PROVD"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static void
test_command_line (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
  g_autofree char *bad_config = g_build_filename (dir, "bad.conf", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.conf", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *bad_catalog = g_build_filename (dir, "catalog.json", NULL);
  g_autofree char *bad_catalog_config = g_build_filename (dir, "catalog.conf", NULL);
  g_autofree char *missing_catalog_config = g_build_filename (dir, "missing-catalog.conf", NULL);
  g_autofree char *bad_networks = g_build_filename (dir, "networks.conf", NULL);
  g_autofree char *empty_networks = g_build_filename (dir, "empty-networks.conf", NULL);

  g_assert_no_error (error);
  g_file_set_contents (bad_config, "[server]\nlisen=127.0.0.1:1\n", -1, &error);
  g_assert_no_error (error);
  /* a catalog file that is no catalog, and one that is not there */
  g_file_set_contents (bad_catalog, "{\"vendors\": 3}", -1, &error);
  g_assert_no_error (error);
  {
    g_autofree char *text = g_strdup_printf ("[server]\ncatalog=%s\n", bad_catalog);
    g_autofree char *gone = g_strdup_printf ("[server]\ncatalog=%s\n", missing);

    g_file_set_contents (bad_catalog_config, text, -1, &error);
    g_file_set_contents (bad_networks, "[server]\nphone-networks=192.168.1.0/24;300.1.1.1/33\n", -1,
                         &error);
    g_file_set_contents (empty_networks, "[server]\nphone-networks=;\n", -1, &error);
    g_file_set_contents (missing_catalog_config, gone, -1, &error);
    g_assert_no_error (error);
  }

  {
    const char *args[] = { "--version", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_provd (args, &out, &err), ==, 0);
    g_assert_cmpstr (out, ==, "phoneadmin-provd " PACKAGE_VERSION "\n");
  }

  {
    const char *args[] = { "--help", NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_provd (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "--listen"));
    g_assert_nonnull (strstr (out, "--data-dir"));
    g_assert_nonnull (strstr (out, "--config"));
  }

  {
    const char *refused[][5] = {
      { "--bogus", NULL },
      { "--listen", "nonsense:port", NULL },
      { "--listen", "127.0.0.1:70000", NULL },
      { "--listen", "example.com:80", NULL },
      { "--config", missing, NULL },
      { "--config", bad_config, NULL },
      { "--config", bad_catalog_config, NULL },
      { "--config", missing_catalog_config, NULL },
      { "--config", bad_networks, NULL },
      { "--config", empty_networks, NULL },
      { "--tls-cert", "/nonexistent/cert.pem", NULL },
      { "--tls-key", "/nonexistent/key.pem", NULL },
      { "--tls-cert", bad_networks, NULL },
      { "extra-argument", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        const char *args[7] = { "--data-dir", data_dir, NULL };
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;

        for (guint j = 0; refused[i][j] != NULL; j++)
          args[2 + j] = refused[i][j];
        g_test_message ("refused: %s %s", refused[i][0], refused[i][1] ? refused[i][1] : "");
        g_assert_cmpint (run_provd (args, &out, &err), ==, 2);
        g_assert_cmpstr (out, ==, "");
        g_assert_cmpuint (strlen (err), >, 0);
      }
  }

  {
    /* two servers cannot share a port: the second says so and fails */
    g_autoptr(PaTestServer) server = pa_test_server_new ();
    const char *port = strrchr (server->url, ':') + 1;
    g_autofree char *listen = g_strconcat ("127.0.0.1:", port, NULL);
    const char *args[] = { "--data-dir", data_dir, "--listen", listen, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_provd (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, port));
  }

  g_unlink (bad_config);
  {
    g_autofree char *token = g_build_filename (data_dir, "admin-token", NULL);
    g_autofree char *db = g_build_filename (data_dir, "provd.sqlite", NULL);
    g_autofree char *wal = g_build_filename (data_dir, "provd.sqlite-wal", NULL);
    g_autofree char *shm = g_build_filename (data_dir, "provd.sqlite-shm", NULL);

    g_unlink (token);
    g_unlink (db);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (data_dir);
  }
  g_rmdir (dir);
}

static void
test_config_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
  g_autoptr(PaTestServer) server = NULL;

  g_assert_no_error (error);
  /* the command line's --listen wins over the file's */
  g_file_set_contents (config,
                       "# provd settings\n"
                       "[server]\n"
                       "listen=127.0.0.1:1\n"
                       "public-url=https://prov.example.com/provd\n"
                       "sip-server=sip.example.com\n", -1, &error);
  g_assert_no_error (error);
  server = pa_test_server_new_full (dir, config);

  {
    g_autoptr(PaTestResponse) info = pa_test_api (server, "GET", "/api/v1", NULL, NULL);
    JsonObject *object = pa_test_response_object (info);

    g_assert_cmpstr (json_object_get_string_member (object, "public_url"), ==,
                     "https://prov.example.com/provd/");
    g_assert_cmpstr (json_object_get_string_member (object, "sip_server"), ==, "sip.example.com");
  }

  {
    g_autoptr(PaTestResponse) account = pa_test_api (server, "POST", "/api/v1/sip-accounts",
                                                     "{\"username\": \"1001\"}", NULL);
    g_autoptr(PaTestResponse) explicit = pa_test_api (server, "POST", "/api/v1/sip-accounts",
                                                      "{\"username\": \"1002\", "
                                                      "\"server\": \"other.example.com\"}", NULL);

    /* No copy of the default: the account follows it when it changes. */
    g_assert_true (json_object_get_null_member (pa_test_response_object (account), "server"));
    g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (explicit), "server"),
                     ==, "other.example.com");
  }
}

/* What a phone at @token gets for its MAC file. */
static char *
phone_file (PaTestServer *server,
            const char   *token)
{
  g_autofree char *path = g_strdup_printf ("/p/%s/805ec0123456.cfg", token);
  const char *headers[] = { "User-Agent", "Yealink SIP-T54W 96.86.0.100", NULL };
  g_autoptr(PaTestResponse) response = pa_test_request (server, "GET", path, NULL, NULL, -1,
                                                        FALSE, headers);

  g_assert_cmpuint (response->status, ==, 200);
  return g_strdup (response->text);
}

static gboolean
log_says (const char *log,
          const char *what,
          gsize       after)
{
  g_autofree char *text = NULL;

  return g_file_get_contents (log, &text, NULL, NULL) && strlen (text) > after &&
         strstr (text + after, what) != NULL;
}

/* A setting the key file changes between two starts reaches every phone:
 * its files are recorded again on a unit of work once provd listens (not
 * before: at 100,000 phones that held its port closed for 20 s). Restarts
 * keep the port: the address phones are given is one of their inputs. */
static void
test_key_file_change (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
  g_autofree char *log = g_build_filename (dir, "provd.log", NULL);
  g_autofree char *before = NULL, *after = NULL, *file = NULL, *text = NULL;
  PaTestServerOptions options = { .config_file = config, .stderr_path = log };
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestResponse) created = NULL;
  const char *listening, *recorded;
  g_autofree char *token = NULL;
  gsize logged = 0;
  gint64 id;

  g_assert_true (g_file_set_contents (config, "[server]\nsip-server=a.example.com\n", -1, &error));
  server = pa_test_server_new_with_options (&options);
  created = pa_test_api (server, "POST", "/api/v1/phones",
                         "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:12:34:56\", "
                         "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  id = json_object_get_int_member (pa_test_response_object (created), "id");
  token = g_strdup (json_object_get_string_member (pa_test_response_object (created), "token"));
  file = phone_file (server, token);
  g_assert_nonnull (strstr (file, "= a.example.com"));

  /* Nothing changed: nothing to record, no unit. */
  pa_test_server_stop (server);
  g_assert_true (g_file_get_contents (log, &text, &logged, &error));
  pa_test_server_restart_same_port (server);
  before = pa_test_fingerprint_of (server, id);
  g_assert_false (log_says (log, "Recording what the files", logged));

  pa_test_server_stop (server);
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (log, &text, &logged, &error));
  g_assert_true (g_file_set_contents (config, "[server]\nsip-server=b.example.com\n", -1, &error));
  pa_test_server_restart_same_port (server);

  /* Served at once, from what is there now. */
  g_clear_pointer (&file, g_free);
  file = phone_file (server, token);
  g_assert_nonnull (strstr (file, "= b.example.com"));
  g_assert_null (strstr (file, "a.example.com"));

  /* Then recorded (the harness waited for GET /api/v1 to say
   * recording_phones 0): a new fingerprint (its ETag) for the phone. */
  for (guint i = 0; i < 200 && !log_says (log, "Recorded what the files of 1 phone(s)", logged); i++)
    g_usleep (50 * 1000);
  g_assert_true (log_says (log, "Recorded what the files of 1 phone(s)", logged));
  after = pa_test_fingerprint_of (server, id);
  g_assert_cmpstr (after, !=, before);
  g_clear_pointer (&file, g_free);
  file = phone_file (server, token);
  g_assert_nonnull (strstr (file, "= b.example.com"));

  /* It listened first, then recorded them. */
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (log, &text, NULL, &error));
  listening = strstr (text + logged, "Listening on");
  recorded = strstr (text + logged, "Recorded what the files");
  g_assert_nonnull (listening);
  g_assert_nonnull (recorded);
  g_assert_true (listening < recorded);
  g_assert_nonnull (strstr (text + logged, "phones are served meanwhile"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/provd/admin-token-file", test_admin_token_file);
  g_test_add_func ("/provd/restart-keeps-data", test_restart_keeps_data);
  g_test_add_func ("/provd/database-removed", test_database_removed);
  g_test_add_func ("/provd/sigint", test_sigint);
  g_test_add_func ("/provd/command-line", test_command_line);
  g_test_add_func ("/provd/config-file", test_config_file);
  g_test_add_func ("/provd/key-file-change", test_key_file_change);

  return g_test_run ();
}
