/* pa-local-server.c — start, adopt and stop the bundled provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-local-server"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "pa-local-server.h"

/* File names provd uses in its data dir (src/server/pa-server.h, main.c). */
#define URL_FILE   "provd.url"
#define TOKEN_FILE "admin-token"
#define PID_FILE   "provd.pid"
/* Ours: provd's stdout and stderr, so a failed start can be explained and
 * a provd that outlives us never writes into a closed pipe. */
#define LOG_FILE   "provd.log"

#define START_TIMEOUT_MS 15000
/* Setup links typed into phones name the port: it is the same from one
 * start to the next. The first start asks for this one; whatever provd
 * got is kept in MODE_FILE and asked for again. */
#define DEFAULT_PORT     8670
/* Ours: the port and whether phones on the LAN may connect. */
#define MODE_FILE        "local-mode.ini"
#define MODE_GROUP       "local-mode"
#define POLL_INTERVAL_MS 50
#define PROBE_TIMEOUT_S  3
#define STOP_TIMEOUT_MS  5000
#define LOG_TAIL_BYTES   1500

struct _PaLocalServer
{
  GObject      parent_instance;

  char        *provd_path;
  char        *data_dir;
  char        *url;
  char        *token;
  GSubprocess *process;     /* the provd we spawned */
  GPid         adopted_pid; /* the provd we found running, 0 if none or unknown */
  gboolean     adopted;
  gboolean     starting;
  gboolean     lan_access;  /* listen on every address, not loopback only */
  gboolean     lan_asked;   /* the user answered whether to let phones in */
  char        *tls_cert;    /* PEM files provd serves HTTPS with; NULL: plain HTTP */
  char        *tls_key;
  GTlsCertificate *certificate;  /* tls_cert's, read when first asked for */
  guint        port;        /* the kept one */
};

G_DEFINE_FINAL_TYPE (PaLocalServer, pa_local_server, G_TYPE_OBJECT)

G_DEFINE_QUARK (pa-local-server-error-quark, pa_local_server_error)

typedef struct
{
  SoupSession *session;
  gint64       deadline;   /* monotonic µs */
  guint        poll_id;
  guint        port;       /* asked of provd; 0: any free one */
} StartData;

static void
start_data_free (StartData *data)
{
  g_clear_handle_id (&data->poll_id, g_source_remove);
  g_clear_object (&data->session);
  g_free (data);
}

char *
pa_local_server_default_provd_path (void)
{
  const char *env = g_getenv ("PA_PROVD");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (PA_BINDIR, "phoneadmin-provd", NULL);
}

char *
pa_local_server_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "phoneadmin", "provd", NULL);
}

static char *
read_stripped (const char *dir,
               const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  g_strstrip (contents);
  if (*contents == '\0')
    g_clear_pointer (&contents, g_free);
  return contents;
}

/* "http://127.0.0.1:41234/": what provd wrote, with the slash guaranteed. */
static char *
read_url (const char *dir)
{
  g_autofree char *url = read_stripped (dir, URL_FILE);

  if (url == NULL || !g_str_has_prefix (url, "http"))
    return NULL;
  if (!g_str_has_suffix (url, "/"))
    return g_strconcat (url, "/", NULL);
  return g_steal_pointer (&url);
}

/* The last lines provd wrote, for error messages. */
static char *
log_tail (PaLocalServer *self)
{
  g_autofree char *path = g_build_filename (self->data_dir, LOG_FILE, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  const char *start;

  if (!g_file_get_contents (path, &contents, &length, NULL) || length == 0)
    return g_strdup (_("(provd wrote nothing)"));

  start = contents;
  if (length > LOG_TAIL_BYTES)
    {
      const char *nl;

      start = contents + length - LOG_TAIL_BYTES;
      nl = strchr (start, '\n');
      if (nl != NULL && nl[1] != '\0')
        start = nl + 1;
    }
  return g_strstrip (g_utf8_make_valid (start, -1));
}

static gboolean
pid_is_alive (GPid pid)
{
  return pid > 0 && (kill (pid, 0) == 0 || errno == EPERM);
}

/* Guards against a pid that was reused by some other program since provd
 * wrote it: only a process started on our data dir is ours to signal. */
static gboolean
pid_is_our_provd (PaLocalServer *self,
                  GPid           pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/cmdline", (int) pid);
  g_autofree char *cmdline = NULL;
  gsize length = 0;

  if (!pid_is_alive (pid))
    return FALSE;
  if (!g_file_get_contents (path, &cmdline, &length, NULL))
    return TRUE;   /* no /proc here: the pid file is all we have */

  for (gsize i = 0; i < length; i += strlen (cmdline + i) + 1)
    if (g_strcmp0 (cmdline + i, self->data_dir) == 0)
      return TRUE;
  return FALSE;
}

static GPid
read_pid (PaLocalServer *self)
{
  g_autofree char *text = read_stripped (self->data_dir, PID_FILE);
  gint64 value = 0;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 1, G_MAXINT, &value, NULL))
    return 0;
  return (GPid) value;
}

static void spawn_provd (GTask *task);

static void
probe_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PaLocalServer *self = g_task_get_source_object (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *token = NULL;

  url = read_url (self->data_dir);
  token = read_stripped (self->data_dir, TOKEN_FILE);
  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->starting = FALSE;
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (body != NULL && msg != NULL && soup_message_get_status (msg) == SOUP_STATUS_OK
      && url != NULL && token != NULL)
    {
      GPid pid = read_pid (self);

      g_debug ("Adopting the provd already running at %s", url);
      self->adopted = TRUE;
      self->adopted_pid = pid_is_our_provd (self, pid) ? pid : 0;
      g_free (self->url);
      self->url = g_steal_pointer (&url);
      g_free (self->token);
      self->token = g_steal_pointer (&token);
      self->starting = FALSE;
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_debug ("provd.url in %s is stale (%s); starting a new provd", self->data_dir,
           error != NULL ? error->message : "no 200 with our token");
  spawn_provd (g_steal_pointer (&task));
}

static gboolean
accept_own_certificate_cb (SoupMessage          *msg,
                           GTlsCertificate      *peer,
                           GTlsCertificateFlags  errors,
                           PaLocalServer        *self)
{
  GTlsCertificate *own = pa_local_server_get_certificate (self);

  return own != NULL && g_tls_certificate_is_same (own, peer);
}

/* A provd.url from a provd we did not start: a crashed app's provd that
 * still runs (reuse it), or a dead one's leftover (start a new one). */
static gboolean
probe_existing (GTask *task)
{
  PaLocalServer *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autofree char *url = read_url (self->data_dir);
  g_autofree char *token = read_stripped (self->data_dir, TOKEN_FILE);
  g_autofree char *info_url = NULL;
  g_autofree char *auth = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  if (url == NULL || token == NULL)
    return FALSE;

  info_url = g_strconcat (url, "api/v1", NULL);
  msg = soup_message_new (SOUP_METHOD_GET, info_url);
  if (msg == NULL)
    return FALSE;
  auth = g_strconcat ("Bearer ", token, NULL);
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);

  /* A provd serving HTTPS shows the certificate it was given. */
  g_signal_connect_data (msg, "accept-certificate", G_CALLBACK (accept_own_certificate_cb),
                         g_object_ref (self), (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  data->session = soup_session_new_with_options ("timeout", PROBE_TIMEOUT_S, NULL);
  soup_session_send_and_read_async (data->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), probe_cb, g_object_ref (task));
  return TRUE;
}

static void
fail_start (GTask  *task,
            GError *error)
{
  PaLocalServer *self = g_task_get_source_object (task);

  self->starting = FALSE;
  g_task_return_error (task, error);
}

static void
save_mode (PaLocalServer *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = g_build_filename (self->data_dir, MODE_FILE, NULL);
  g_autoptr(GError) error = NULL;

  g_key_file_set_integer (file, MODE_GROUP, "port", (int) self->port);
  g_key_file_set_boolean (file, MODE_GROUP, "lan-access", self->lan_access);
  g_key_file_set_boolean (file, MODE_GROUP, "lan-asked", self->lan_asked);
  if (self->tls_cert != NULL && self->tls_key != NULL)
    {
      g_key_file_set_string (file, MODE_GROUP, "tls-cert", self->tls_cert);
      g_key_file_set_string (file, MODE_GROUP, "tls-key", self->tls_key);
    }
  if (g_mkdir_with_parents (self->data_dir, 0700) != 0
      || !g_key_file_save_to_file (file, path, &error))
    g_warning ("Cannot keep the local server's settings in %s: %s", path,
               error != NULL ? error->message : g_strerror (errno));
}

/* The kept port and LAN choice; DEFAULT_PORT and loopback only the first
 * time, or when the file is unreadable. */
static void
load_mode (PaLocalServer *self)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = g_build_filename (self->data_dir, MODE_FILE, NULL);
  int port;

  self->port = DEFAULT_PORT;
  self->lan_access = FALSE;
  self->lan_asked = FALSE;
  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return;
  port = g_key_file_get_integer (file, MODE_GROUP, "port", NULL);
  if (port > 0 && port <= 65535)
    self->port = (guint) port;
  self->lan_access = g_key_file_get_boolean (file, MODE_GROUP, "lan-access", NULL);
  self->lan_asked = self->lan_access ||
                    g_key_file_get_boolean (file, MODE_GROUP, "lan-asked", NULL);
  self->tls_cert = g_key_file_get_string (file, MODE_GROUP, "tls-cert", NULL);
  self->tls_key = g_key_file_get_string (file, MODE_GROUP, "tls-key", NULL);
  if (self->tls_cert == NULL || self->tls_key == NULL)
    {
      g_clear_pointer (&self->tls_cert, g_free);
      g_clear_pointer (&self->tls_key, g_free);
    }
}

/* The port provd got ("http://127.0.0.1:8670/"), for the next start. */
static void
keep_port (PaLocalServer *self,
           const char    *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_port (uri) <= 0 || (guint) g_uri_get_port (uri) == self->port)
    return;
  self->port = (guint) g_uri_get_port (uri);
  save_mode (self);
}

static gboolean
poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  PaLocalServer *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autofree char *url = NULL;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error))
    {
      data->poll_id = 0;
      pa_local_server_stop (self);
      fail_start (task, error);
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  /* The identifier goes away once GLib reaped the process. */
  if (self->process == NULL || g_subprocess_get_identifier (self->process) == NULL)
    {
      g_autofree char *tail = log_tail (self);
      g_autofree char *how = NULL;

      if (self->process == NULL)
        how = g_strdup (_("was stopped"));
      else if (g_subprocess_get_if_exited (self->process))
        how = g_strdup_printf (_("exited with status %d"),
                               g_subprocess_get_exit_status (self->process));
      else
        how = g_strdup_printf (_("was killed by signal %d"),
                               g_subprocess_get_term_sig (self->process));

      data->poll_id = 0;
      g_clear_object (&self->process);
      /* The port it keeps is taken (another program, another provd): any
       * free one, kept from now on. Links made for the old one stop
       * working, which the log says. */
      if (data->port != 0 && strstr (tail, "Cannot listen") != NULL)
        {
          g_message ("Port %u is taken; the local server moves to another one, and setup "
                     "links made for port %u no longer work", data->port, data->port);
          data->port = 0;
          spawn_provd (task);
          return G_SOURCE_REMOVE;
        }
      fail_start (task, g_error_new (PA_LOCAL_SERVER_ERROR, PA_LOCAL_SERVER_ERROR_EXITED,
                                     _("The local server (%s) %s before it was ready: %s"),
                                     self->provd_path, how, tail));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  url = read_url (self->data_dir);
  if (url != NULL)
    {
      g_autofree char *token = read_stripped (self->data_dir, TOKEN_FILE);

      data->poll_id = 0;
      if (token == NULL)
        {
          /* provd writes the token before it listens: this is not a provd
           * we can talk to, so do not leave it running. */
          pa_local_server_stop (self);
          fail_start (task, g_error_new (PA_LOCAL_SERVER_ERROR, PA_LOCAL_SERVER_ERROR_TOKEN,
                                         _("The local server started but %s/%s cannot be read"),
                                         self->data_dir, TOKEN_FILE));
        }
      else
        {
          keep_port (self, url);
          g_free (self->url);
          self->url = g_steal_pointer (&url);
          g_free (self->token);
          self->token = g_steal_pointer (&token);
          self->starting = FALSE;
          g_task_return_boolean (task, TRUE);
        }
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  if (g_get_monotonic_time () > data->deadline)
    {
      g_autofree char *tail = log_tail (self);

      data->poll_id = 0;
      pa_local_server_stop (self);
      fail_start (task, g_error_new (PA_LOCAL_SERVER_ERROR, PA_LOCAL_SERVER_ERROR_TIMEOUT,
                                     _("The local server (%s) did not start within %d seconds: %s"),
                                     self->provd_path, START_TIMEOUT_MS / 1000, tail));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

static void
spawn_provd (GTask *task)
{
  PaLocalServer *self = g_task_get_source_object (task);
  StartData *data = g_task_get_task_data (task);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *url_path = g_build_filename (self->data_dir, URL_FILE, NULL);
  g_autofree char *pid_path = g_build_filename (self->data_dir, PID_FILE, NULL);
  g_autofree char *log_path = g_build_filename (self->data_dir, LOG_FILE, NULL);
  g_autofree char *listen = NULL;
  GError *error = NULL;

  if (!g_file_test (self->provd_path, G_FILE_TEST_IS_REGULAR)
      || !g_file_test (self->provd_path, G_FILE_TEST_IS_EXECUTABLE))
    {
      fail_start (task, g_error_new (PA_LOCAL_SERVER_ERROR, PA_LOCAL_SERVER_ERROR_NOT_FOUND,
                                     _("The local server program %s is missing or cannot be run"),
                                     self->provd_path));
      g_object_unref (task);
      return;
    }

  /* Otherwise the poll could read the dead provd's URL before the new one
   * removes it. */
  g_unlink (url_path);
  g_unlink (pid_path);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_stdout_file_path (launcher, log_path);
  listen = g_strdup_printf ("%s:%u", self->lan_access ? "0.0.0.0" : "127.0.0.1", data->port);
  {
    const char *argv[] = { self->provd_path, "--listen", listen, "--data-dir", self->data_dir,
                           "--tls-cert", self->tls_cert, "--tls-key", self->tls_key, NULL };

    /* Without certificate files the TLS arguments end the list. */
    if (self->tls_cert == NULL)
      argv[5] = NULL;
    self->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  }
  if (self->process == NULL)
    {
      GError *wrapped = g_error_new (PA_LOCAL_SERVER_ERROR, PA_LOCAL_SERVER_ERROR_NOT_FOUND,
                                     _("Cannot start the local server %s: %s"),
                                     self->provd_path, error->message);

      g_error_free (error);
      fail_start (task, wrapped);
      g_object_unref (task);
      return;
    }

  data->deadline = g_get_monotonic_time () + START_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  /* The task's reference goes to the poll, which returns it. */
  data->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_cb, task);
}

void
pa_local_server_start_async (PaLocalServer       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  StartData *data;
  int saved_errno;

  g_return_if_fail (PA_IS_LOCAL_SERVER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_local_server_start_async);
  data = g_new0 (StartData, 1);
  load_mode (self);
  data->port = self->port;
  g_task_set_task_data (task, data, (GDestroyNotify) start_data_free);

  if (self->starting)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The local server is already starting"));
      return;
    }
  if (self->url != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  self->starting = TRUE;
  if (g_mkdir_with_parents (self->data_dir, 0700) != 0)
    {
      saved_errno = errno;
      fail_start (task, g_error_new (G_IO_ERROR, g_io_error_from_errno (saved_errno),
                                     _("Cannot create %s: %s"),
                                     self->data_dir, g_strerror (saved_errno)));
      return;
    }

  if (probe_existing (task))
    return;
  spawn_provd (g_steal_pointer (&task));
}

gboolean
pa_local_server_start_finish (PaLocalServer  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Stopping: SIGTERM, then a look every few milliseconds on the caller's
 * main context (GLib's worker reaps our own child; an adopted one is
 * checked by its pid), SIGKILL once STOP_TIMEOUT_MS passes, and an end
 * either way a second STOP_TIMEOUT_MS later. Nothing here blocks. */
typedef struct
{
  GSubprocess *process;
  GPid         pid;
  gint64       deadline;
  gboolean     killed;
} StopData;

static void
stop_data_free (StopData *data)
{
  g_clear_object (&data->process);
  g_free (data);
}

static gboolean
stop_done (StopData *data)
{
  return (data->process == NULL || g_subprocess_get_identifier (data->process) == NULL) &&
         (data->pid <= 0 || !pid_is_alive (data->pid));
}

static gboolean
stop_poll_cb (gpointer user_data)
{
  GTask *task = user_data;
  StopData *data = g_task_get_task_data (task);

  if (stop_done (data))
    {
      g_task_return_boolean (task, TRUE);
      return G_SOURCE_REMOVE;
    }
  if (g_get_monotonic_time () < data->deadline)
    return G_SOURCE_CONTINUE;
  if (data->killed)
    {
      g_warning ("provd did not end even when killed; leaving it");
      g_task_return_boolean (task, TRUE);
      return G_SOURCE_REMOVE;
    }
  g_warning ("provd did not stop within %d s; killing it", STOP_TIMEOUT_MS / 1000);
  if (data->process != NULL)
    g_subprocess_force_exit (data->process);
  if (data->pid > 0)
    kill (data->pid, SIGKILL);
  data->killed = TRUE;
  data->deadline = g_get_monotonic_time () + STOP_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  return G_SOURCE_CONTINUE;
}

void
pa_local_server_stop_async (PaLocalServer       *self,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GSource) source = NULL;
  StopData *data;

  g_return_if_fail (PA_IS_LOCAL_SERVER (self));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, pa_local_server_stop_async);
  data = g_new0 (StopData, 1);
  g_task_set_task_data (task, data, (GDestroyNotify) stop_data_free);

  data->process = g_steal_pointer (&self->process);
  if (data->process != NULL)
    g_subprocess_send_signal (data->process, SIGTERM);
  if (self->adopted_pid > 0 && pid_is_our_provd (self, self->adopted_pid))
    {
      data->pid = self->adopted_pid;
      kill (data->pid, SIGTERM);
    }
  self->adopted_pid = 0;
  self->adopted = FALSE;
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->token, g_free);

  if (stop_done (data))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  data->deadline = g_get_monotonic_time () + STOP_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  source = g_timeout_source_new (10);
  g_source_set_callback (source, stop_poll_cb, g_object_ref (task), g_object_unref);
  g_source_attach (source, g_task_get_context (task));
}

gboolean
pa_local_server_stop_finish (PaLocalServer  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
stopped_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(gboolean *) user_data = TRUE;
}

void
pa_local_server_stop (PaLocalServer *self)
{
  g_autoptr(GMainContext) context = g_main_context_new ();
  gboolean done = FALSE;

  g_return_if_fail (PA_IS_LOCAL_SERVER (self));

  /* For the way out, where no main loop runs again: the same stop, on a
   * context of its own that sleeps in poll() between its looks. */
  g_main_context_push_thread_default (context);
  pa_local_server_stop_async (self, stopped_cb, &done);
  while (!done)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
}

const char *
pa_local_server_get_url (PaLocalServer *self)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), NULL);

  return self->url;
}

const char *
pa_local_server_get_token (PaLocalServer *self)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), NULL);

  return self->token;
}

const char *
pa_local_server_get_data_dir (PaLocalServer *self)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), NULL);

  return self->data_dir;
}

gboolean
pa_local_server_get_adopted (PaLocalServer *self)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), FALSE);

  return self->adopted;
}

GPid
pa_local_server_get_pid (PaLocalServer *self)
{
  const char *id;

  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), 0);

  if (self->process != NULL && (id = g_subprocess_get_identifier (self->process)) != NULL)
    return (GPid) g_ascii_strtoll (id, NULL, 10);
  return self->adopted_pid;
}

guint
pa_local_server_get_port (PaLocalServer *self)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), 0);

  return self->port;
}

gboolean
pa_local_server_get_lan_access (PaLocalServer *self)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), FALSE);

  return self->lan_access;
}

void
pa_local_server_set_lan_access (PaLocalServer *self,
                                gboolean       lan_access)
{
  g_return_if_fail (PA_IS_LOCAL_SERVER (self));

  self->lan_access = !!lan_access;
  self->lan_asked = TRUE;
  save_mode (self);
}

const char *
pa_local_server_get_tls_cert (PaLocalServer *self)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), NULL);

  return self->tls_cert;
}

const char *
pa_local_server_get_tls_key (PaLocalServer *self)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), NULL);

  return self->tls_key;
}

void
pa_local_server_set_tls (PaLocalServer *self,
                         const char    *cert_path,
                         const char    *key_path)
{
  g_return_if_fail (PA_IS_LOCAL_SERVER (self));
  g_return_if_fail ((cert_path == NULL) == (key_path == NULL));

  g_free (self->tls_cert);
  self->tls_cert = g_strdup (cert_path);
  g_free (self->tls_key);
  self->tls_key = g_strdup (key_path);
  g_clear_object (&self->certificate);
  save_mode (self);
}

GTlsCertificate *
pa_local_server_get_certificate (PaLocalServer *self)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), NULL);

  /* A few KiB the user chose, read once: what provd was started with. */
  if (self->certificate == NULL && self->tls_cert != NULL)
    self->certificate = g_tls_certificate_new_from_file (self->tls_cert, NULL);
  return self->certificate;
}

static void
check_tls_thread (GTask        *task,
                  gpointer      source,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  char **paths = task_data;
  GError *error = NULL;
  g_autoptr(GTlsCertificate) pair = g_tls_certificate_new_from_files (paths[0], paths[1], &error);

  if (pair == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
pa_local_server_check_tls_async (const char          *cert_path,
                                 const char          *key_path,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  char *paths[] = { (char *) cert_path, (char *) key_path, NULL };

  g_task_set_source_tag (task, pa_local_server_check_tls_async);
  g_task_set_task_data (task, g_strdupv (paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, check_tls_thread);
}

gboolean
pa_local_server_check_tls_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
pa_local_server_get_lan_asked (PaLocalServer *self)
{
  g_return_val_if_fail (PA_IS_LOCAL_SERVER (self), FALSE);

  return self->lan_asked;
}

void
pa_local_server_set_lan_asked (PaLocalServer *self)
{
  g_return_if_fail (PA_IS_LOCAL_SERVER (self));

  self->lan_asked = TRUE;
  save_mode (self);
}

static void
pa_local_server_finalize (GObject *object)
{
  PaLocalServer *self = PA_LOCAL_SERVER (object);

  /* No stop here on purpose: a dropped object behaves like a crashed app,
   * and the next start adopts the provd it left. */
  g_clear_object (&self->process);
  g_clear_pointer (&self->provd_path, g_free);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->tls_cert, g_free);
  g_clear_pointer (&self->tls_key, g_free);
  g_clear_object (&self->certificate);

  G_OBJECT_CLASS (pa_local_server_parent_class)->finalize (object);
}

static void
pa_local_server_class_init (PaLocalServerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pa_local_server_finalize;
}

static void
pa_local_server_init (PaLocalServer *self)
{
}

PaLocalServer *
pa_local_server_new (const char *provd_path,
                     const char *data_dir)
{
  PaLocalServer *self = g_object_new (PA_TYPE_LOCAL_SERVER, NULL);

  self->provd_path = provd_path != NULL ? g_strdup (provd_path)
                                        : pa_local_server_default_provd_path ();
  self->data_dir = data_dir != NULL ? g_strdup (data_dir) : pa_local_server_default_data_dir ();
  load_mode (self);
  return self;
}
