/* pa-test-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-test-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pa-test-server.h"

#define START_TIMEOUT_USEC (20 * G_USEC_PER_SEC)
#define STOP_TIMEOUT_USEC  (10 * G_USEC_PER_SEC)

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  PaTestServer *self = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  self->exited = TRUE;
  self->process_waiting = FALSE;
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          remove_tree (child);
        else
          g_unlink (child);
      }
  return g_rmdir (path) == 0;
}

/* A test that aborts must not leave provd running (meson would wait for its
 * inherited stderr until the timeout). @user_data is the RLIMIT_NOFILE to
 * give provd, 0 for ours: set here, between fork and exec, so the limit is
 * provd's alone and this process keeps its own. */
static void
child_setup (gpointer user_data)
{
  /* hard limit in the low 32 bits, a lower soft one (or 0) above */
  guint64 packed = GPOINTER_TO_SIZE (user_data);
  guint nofile = (guint) (packed & G_MAXUINT32);
  guint soft = (guint) (packed >> 32);

  prctl (PR_SET_PDEATHSIG, SIGKILL);
  if (nofile != 0)
    {
      struct rlimit limit = { .rlim_cur = soft != 0 ? soft : nofile, .rlim_max = nofile };

      /* Nothing can be reported from here; the test checks the limit took
       * effect through /proc when it matters. */
      (void) setrlimit (RLIMIT_NOFILE, &limit);
    }
}

/* The sanitizers that builds of provd may carry, and where their reports
 * go: "<data dir>/sanitizer.<pid>". */
static const char * const sanitizer_vars[] = { "ASAN_OPTIONS", "UBSAN_OPTIONS" };
#define SANITIZER_LOG "sanitizer"

static void
quote_sanitizer_reports (PaTestServer *self)
{
  g_autoptr(GDir) dir = g_dir_open (self->data_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *report = NULL;
      gsize length = 0;

      if (!g_str_has_prefix (name, SANITIZER_LOG "."))
        continue;
      path = g_build_filename (self->data_dir, name, NULL);
      if (!g_file_get_contents (path, &report, &length, NULL))
        continue;
      /* The start says what went wrong and where. */
      if (length > 8192)
        report[8192] = '\0';
      g_test_message ("phoneadmin-provd's sanitizer report (%s)%s:\n%s", name,
                      length > 8192 ? ", the start" : "", report);
    }
}

static void
start (PaTestServer *self)
{
  const char *provd = g_getenv ("PA_PROVD");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *url_path = g_build_filename (self->data_dir, "provd.url", NULL);
  g_autofree char *token_path = g_build_filename (self->data_dir, "admin-token", NULL);
  g_autofree char *contents = NULL;
  gint64 deadline;

  g_assert_nonnull (provd);
  g_assert_true (g_file_test (provd, G_FILE_TEST_IS_EXECUTABLE));

  g_ptr_array_add (argv, (gpointer) provd);
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, self->listen != NULL ? self->listen : (gpointer) "127.0.0.1:0");
  g_ptr_array_add (argv, (gpointer) "--data-dir");
  g_ptr_array_add (argv, self->data_dir);
  if (self->config_file != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--config");
      g_ptr_array_add (argv, self->config_file);
    }
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  /* provd's stdout must not mix with our TAP output. */
  g_subprocess_launcher_take_stdout_fd (launcher, dup (STDERR_FILENO));
  g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", "all", TRUE);
  /* A sanitizer's report goes to a file of its own instead of stderr: a
   * failed stop quotes it (pa_test_server_stop()), where what CI keeps of
   * a long log would have cut it off. A test's own env still wins. */
  for (guint i = 0; i < G_N_ELEMENTS (sanitizer_vars); i++)
    {
      const char *options = g_getenv (sanitizer_vars[i]);
      g_autofree char *with_log = NULL;

      if (options == NULL)
        continue;
      with_log = g_strdup_printf ("%s%slog_path=%s/" SANITIZER_LOG, options,
                                  options[0] != '\0' ? ":" : "", self->data_dir);
      g_subprocess_launcher_setenv (launcher, sanitizer_vars[i], with_log, TRUE);
    }
  for (guint i = 0; i + 1 < self->env->len; i += 2)
    {
      const char *name = g_ptr_array_index (self->env, i);
      const char *value = g_ptr_array_index (self->env, i + 1);

      if (value != NULL)
        g_subprocess_launcher_setenv (launcher, name, value, TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, name);
    }
  if (self->stderr_path != NULL)
    {
      /* Appended, so a restart keeps what the first run logged. */
      int fd = g_open (self->stderr_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

      if (fd < 0)
        g_error ("cannot open %s: %s", self->stderr_path, g_strerror (errno));
      if (self->stdout_too)
        g_subprocess_launcher_take_stdout_fd (launcher, dup (fd));
      g_subprocess_launcher_take_stderr_fd (launcher, fd);
    }
  /* provd logs refused requests as warnings by design (fail2ban reads
   * them): the widget tests' fatal-warnings is theirs, not provd's. */
  if (g_strcmp0 (g_getenv ("G_DEBUG"), "fatal-warnings") == 0)
    g_subprocess_launcher_setenv (launcher, "G_DEBUG", "fatal-criticals", TRUE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup,
                                         GSIZE_TO_POINTER ((gsize) self->nofile_soft << 32 |
                                                           self->nofile), NULL);

  self->exited = FALSE;
  self->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                                &error);
  g_assert_no_error (error);
  self->process_waiting = TRUE;
  g_subprocess_wait_async (self->process, NULL, wait_cb, self);

  /* provd removes a stale provd.url before it binds and writes the new one
   * once it listens, so the file appearing means it is ready. */
  deadline = g_get_monotonic_time () + START_TIMEOUT_USEC;
  while (!g_file_test (url_path, G_FILE_TEST_EXISTS))
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (self->exited)
        g_error ("phoneadmin-provd exited during start-up");
      if (g_get_monotonic_time () > deadline)
        g_error ("phoneadmin-provd did not start within 20 s");
      g_usleep (10 * 1000);
    }

  g_file_get_contents (url_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (contents);
  g_assert_true (g_str_has_prefix (contents, "http://127.0.0.1:") ||
                 g_str_has_prefix (contents, "https://127.0.0.1:"));
  if (g_str_has_suffix (contents, "/"))
    contents[strlen (contents) - 1] = '\0';
  g_free (self->url);
  self->url = g_steal_pointer (&contents);

  g_file_get_contents (token_path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_strstrip (contents);
  g_assert_cmpuint (strlen (contents), >, 20);
  g_free (self->token);
  self->token = g_steal_pointer (&contents);

  g_clear_object (&self->session);
  self->session = soup_session_new_with_options ("timeout", 15, NULL);

  /* A start with phones to record again (a changed key file) serves at
   * once and records them meanwhile: a test sees them recorded. (HTTPS
   * servers' tests use sessions of their own.) */
  if (g_str_has_prefix (self->url, "http://"))
    pa_test_server_wait_recorded (self);
}

guint
pa_test_server_wait_recorded (PaTestServer *self)
{
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT_USEC;
  guint seen = 0;

  for (;;)
    {
      g_autoptr(PaTestResponse) info = pa_test_api (self, "GET", "/api/v1", NULL, NULL);
      gint64 recording;

      g_assert_cmpuint (info->status, ==, 200);
      recording = json_object_get_int_member (pa_test_response_object (info), "recording_phones");
      if (recording == 0)
        return seen;
      if (seen == 0)
        seen = (guint) recording;
      if (g_get_monotonic_time () > deadline)
        g_error ("phoneadmin-provd did not record its phones within 20 s");
      g_usleep (20 * 1000);
    }
}

PaTestServer *
pa_test_server_new_with_options (const PaTestServerOptions *options)
{
  PaTestServer *self = g_new0 (PaTestServer, 1);

  if (options->data_dir != NULL)
    self->data_dir = g_strdup (options->data_dir);
  else
    {
      g_autoptr(GError) error = NULL;

      self->data_dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
      g_assert_no_error (error);
    }
  self->config_file = g_strdup (options->config_file);
  if (self->config_file == NULL)
    {
      g_autoptr(GError) error = NULL;

      /* A line without a registrar is never served (it needs attention),
       * so every test server has the default an office would set. */
      self->config_file = g_build_filename (self->data_dir, "test-provd.conf", NULL);
      g_file_set_contents (self->config_file,
                           "[server]\nsip-server = " PA_TEST_SIP_SERVER "\n", -1, &error);
      g_assert_no_error (error);
    }
  self->nofile = options->nofile;
  self->nofile_soft = options->nofile_soft;
  /* not a GStrv: a NULL value does not end the list */
  self->env = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; options->env != NULL && options->env[i] != NULL; i += 2)
    {
      g_ptr_array_add (self->env, g_strdup (options->env[i]));
      g_ptr_array_add (self->env, g_strdup (options->env[i + 1]));
    }
  self->stderr_path = g_strdup (options->stderr_path);
  self->stdout_too = options->stdout_too;
  start (self);
  return self;
}

PaTestServer *
pa_test_server_new_full (const char *data_dir,
                         const char *config_file)
{
  PaTestServerOptions options = { .data_dir = data_dir, .config_file = config_file };

  return pa_test_server_new_with_options (&options);
}

PaTestServer *
pa_test_server_new (void)
{
  PaTestServerOptions options = { NULL };

  return pa_test_server_new_with_options (&options);
}

gboolean
pa_test_server_has_exited (PaTestServer *self)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return self->process == NULL || self->exited;
}

char *
pa_test_describe_wait_status (int status)
{
  if (WIFEXITED (status))
    return g_strdup_printf ("exited with status %d", WEXITSTATUS (status));
  if (WIFSIGNALED (status))
    return g_strdup_printf ("killed by signal %d (%s)", WTERMSIG (status),
                            g_strsignal (WTERMSIG (status)));
  return g_strdup_printf ("ended with wait status 0x%x", (guint) status);
}

int
pa_test_server_terminate (PaTestServer *self)
{
  gint64 deadline;
  int status;

  g_assert_nonnull (self->process);

  g_clear_object (&self->session);
  if (!pa_test_server_has_exited (self))
    g_subprocess_send_signal (self->process, SIGTERM);

  deadline = g_get_monotonic_time () + STOP_TIMEOUT_USEC;
  while (!self->exited)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (self->process);
          g_error ("phoneadmin-provd did not stop within 10 s of SIGTERM");
        }
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5 * 1000);
    }

  status = g_subprocess_get_status (self->process);
  g_clear_object (&self->process);
  return status;
}

void
pa_test_server_stop (PaTestServer *self)
{
  int status;

  if (self->process == NULL)
    return;

  status = pa_test_server_terminate (self);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    {
      g_autofree char *how = pa_test_describe_wait_status (status);
      g_autofree char *log = NULL;
      gsize length = 0;

      /* Its log says why, when it did not go to our stderr anyway; the end
       * of it, where the reason is. */
      if (self->stderr_path != NULL &&
          g_file_get_contents (self->stderr_path, &log, &length, NULL))
        g_test_message ("phoneadmin-provd's stderr%s:\n%s", length > 4096 ? ", the end" : "",
                        log + length - MIN (length, 4096));
      quote_sanitizer_reports (self);
      g_test_message ("phoneadmin-provd %s after SIGTERM, expected a clean exit", how);
    }
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static char *
proc_path (PaTestServer *self,
           const char   *name)
{
  g_assert_nonnull (self->process);
  return g_strdup_printf ("/proc/%s/%s", g_subprocess_get_identifier (self->process), name);
}

int
pa_test_server_count_fds (PaTestServer *self)
{
  g_autofree char *path = proc_path (self, "fd");
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  int count = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    count++;
  return count;
}

guint
pa_test_server_get_nofile (PaTestServer *self)
{
  g_autofree char *path = proc_path (self, "limits");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "Max open files"))
      return (guint) g_ascii_strtoull (lines[i] + strlen ("Max open files"), NULL, 10);
  g_assert_not_reached ();
}

void
pa_test_server_restart (PaTestServer *self)
{
  pa_test_server_stop (self);
  start (self);
}

void
pa_test_server_restart_same_port (PaTestServer *self)
{
  g_autoptr(GUri) uri = g_uri_parse (self->url, G_URI_FLAGS_NONE, NULL);

  g_assert_nonnull (uri);
  pa_test_server_stop (self);
  g_free (self->listen);
  self->listen = g_strdup_printf ("127.0.0.1:%d", g_uri_get_port (uri));
  start (self);
}

void
pa_test_server_kill_and_restart (PaTestServer *self)
{
  gint64 deadline = g_get_monotonic_time () + STOP_TIMEOUT_USEC;

  g_assert_nonnull (self->process);
  g_clear_object (&self->session);
  g_subprocess_send_signal (self->process, SIGKILL);
  while (!self->exited)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("phoneadmin-provd did not die of SIGKILL within 10 s");
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5 * 1000);
    }
  g_clear_object (&self->process);
  /* A clean stop removes it; this one left the old port's behind. */
  {
    g_autofree char *url_path = g_build_filename (self->data_dir, "provd.url", NULL);

    g_unlink (url_path);
  }
  start (self);
}

void
pa_test_server_free (PaTestServer *self)
{
  if (self == NULL)
    return;

  pa_test_server_stop (self);
  /* a test that waited for the process itself still has our wait pending */
  while (self->process_waiting)
    g_main_context_iteration (NULL, TRUE);
  remove_tree (self->data_dir);
  g_free (self->data_dir);
  g_free (self->config_file);
  g_ptr_array_unref (self->env);
  g_free (self->stderr_path);
  g_free (self->listen);
  g_free (self->url);
  g_free (self->token);
  g_free (self);
}

void
pa_test_response_free (PaTestResponse *response)
{
  if (response == NULL)
    return;
  g_clear_pointer (&response->headers, soup_message_headers_unref);
  g_clear_pointer (&response->body, g_bytes_unref);
  g_clear_pointer (&response->json, json_node_unref);
  g_free (response->text);
  g_free (response);
}

PaTestResponse *
pa_test_request (PaTestServer       *self,
                 const char         *method,
                 const char         *path,
                 const char         *content_type,
                 const char         *body,
                 gssize              length,
                 gboolean            auth,
                 const char * const *headers)
{
  g_autofree char *uri = g_strconcat (self->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  PaTestResponse *response;
  SoupMessageHeaders *request_headers;
  const char *type;
  gsize size = 0;
  const char *data;

  g_assert_nonnull (msg);
  request_headers = soup_message_get_request_headers (msg);

  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, length < 0 ? strlen (body) : (gsize) length);

      soup_message_set_request_body_from_bytes (msg, content_type, bytes);
      if (content_type == NULL)
        soup_message_headers_remove (request_headers, "Content-Type");
    }

  if (auth)
    {
      g_autofree char *value = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (request_headers, "Authorization", value);
    }

  for (guint i = 0; headers != NULL && headers[i] != NULL; i += 2)
    soup_message_headers_replace (request_headers, headers[i], headers[i + 1]);

  response = g_new0 (PaTestResponse, 1);
  response->body = soup_session_send_and_read (self->session, msg, NULL, &error);
  g_assert_no_error (error);
  response->status = soup_message_get_status (msg);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));

  data = g_bytes_get_data (response->body, &size);
  response->text = g_strndup (data != NULL ? data : "", size);

  type = soup_message_headers_get_content_type (response->headers, NULL);
  if (g_strcmp0 (type, "application/json") == 0 && size > 0)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      json_parser_load_from_data (parser, data, size, &error);
      g_assert_no_error (error);
      response->json = json_node_ref (json_parser_get_root (parser));
    }

  return response;
}

PaTestResponse *
pa_test_api (PaTestServer *self,
             const char   *method,
             const char   *path,
             const char   *body,
             const char   *if_match)
{
  const char *headers[] = { "If-Match", if_match, NULL };

  return pa_test_request (self, method, path, body != NULL ? "application/json" : NULL,
                          body, -1, TRUE, if_match != NULL ? headers : NULL);
}

JsonObject *
pa_test_response_object (PaTestResponse *response)
{
  if (response->json == NULL || !JSON_NODE_HOLDS_OBJECT (response->json))
    g_error ("expected a JSON object, got status %u: %s", response->status, response->text);
  return json_node_get_object (response->json);
}

void
pa_test_assert_error (PaTestResponse *response,
                      guint           status,
                      const char     *code,
                      const char     *field)
{
  JsonObject *root;
  JsonObject *error;

  if (response->status != status)
    g_error ("expected status %u, got %u: %s", status, response->status, response->text);

  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==,
                   "application/json");
  root = pa_test_response_object (response);
  g_assert_cmpuint (json_object_get_size (root), ==, 1);
  g_assert_true (json_object_has_member (root, "error"));
  error = json_object_get_object_member (root, "error");
  g_assert_nonnull (error);
  g_assert_cmpstr (json_object_get_string_member (error, "code"), ==, code);
  g_assert_cmpuint (strlen (json_object_get_string_member (error, "message")), >, 0);
  if (field != NULL)
    g_assert_cmpstr (json_object_get_string_member_with_default (error, "field", NULL), ==, field);
}

gint64
pa_test_create (PaTestServer *self,
                const char   *collection,
                const char   *body)
{
  g_autofree char *path = g_strconcat ("/api/v1/", collection, NULL);
  g_autoptr(PaTestResponse) response = pa_test_api (self, "POST", path, body, NULL);
  g_autofree char *location = NULL;
  gint64 id;

  if (response->status != SOUP_STATUS_CREATED)
    g_error ("POST %s %s: expected 201, got %u: %s", path, body, response->status,
             response->text);
  id = json_object_get_int_member (pa_test_response_object (response), "id");
  g_assert_cmpint (id, >, 0);
  location = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, collection, id);
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Location"), ==, location);
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "ETag"), ==, "\"1\"");
  return id;
}

PaTestResponse *
pa_test_get (PaTestServer *self,
             const char   *collection,
             gint64        id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, collection, id);
  PaTestResponse *response = pa_test_api (self, "GET", path, NULL, NULL);

  if (response->status != SOUP_STATUS_OK)
    g_error ("GET %s: expected 200, got %u: %s", path, response->status, response->text);
  return response;
}

char *
pa_test_etag_of (PaTestServer *self,
                 const char   *collection,
                 gint64        id)
{
  g_autoptr(PaTestResponse) response = pa_test_get (self, collection, id);

  return g_strdup (soup_message_headers_get_one (response->headers, "ETag"));
}

char *
pa_test_fingerprint_of (PaTestServer *self,
                        gint64        phone_id)
{
  g_autoptr(PaTestResponse) response = pa_test_get (self, "phones", phone_id);
  JsonObject *phone = pa_test_response_object (response);

  g_assert_true (json_object_has_member (phone, "config_fingerprint"));
  return g_strdup (json_object_get_string_member (phone, "config_fingerprint"));
}

void
pa_test_fixture_setup (PaTestFixture *fixture,
                       gconstpointer  data)
{
  fixture->server = pa_test_server_new ();
}

void
pa_test_fixture_teardown (PaTestFixture *fixture,
                          gconstpointer  data)
{
  g_clear_pointer (&fixture->server, pa_test_server_free);
}

gint64
pa_test_total_of (PaTestServer *self,
                  const char   *collection)
{
  g_autofree char *path = g_strconcat ("/api/v1/", collection, NULL);
  g_autoptr(PaTestResponse) response = pa_test_api (self, "GET", path, NULL, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  return json_object_get_int_member (pa_test_response_object (response), "total");
}

gint64
pa_test_submit_job (PaTestServer *self,
                    const char   *body)
{
  g_autoptr(PaTestResponse) response = pa_test_api (self, "POST", "/api/v1/jobs", body, NULL);
  g_autofree char *location = NULL;
  gint64 id;

  if (response->status != SOUP_STATUS_ACCEPTED)
    g_error ("POST /api/v1/jobs: expected 202, got %u: %s", response->status, response->text);
  id = json_object_get_int_member (pa_test_response_object (response), "id");
  location = g_strdup_printf ("/api/v1/jobs/%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (soup_message_headers_get_one (response->headers, "Location"), ==, location);
  return id;
}

JsonObject *
pa_test_wait_job (PaTestServer *self,
                  gint64        id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/jobs/%" G_GINT64_FORMAT, id);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(PaTestResponse) response = pa_test_api (self, "GET", path, NULL, NULL);
      JsonObject *job;
      const char *state;

      if (response->status != SOUP_STATUS_OK)
        g_error ("GET %s: %u %s", path, response->status, response->text);
      job = pa_test_response_object (response);
      state = json_object_get_string_member (job, "state");
      if (!g_str_equal (state, "queued") && !g_str_equal (state, "running"))
        return json_object_ref (job);
      g_usleep (20 * 1000);
    }
  g_error ("Job %" G_GINT64_FORMAT " did not end within a minute", id);
  return NULL;
}

JsonObject *
pa_test_run_job (PaTestServer *self,
                 const char   *body)
{
  return pa_test_wait_job (self, pa_test_submit_job (self, body));
}
