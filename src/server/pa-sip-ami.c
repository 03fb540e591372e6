/* pa-sip-ami.c — NOTIFYs through Asterisk's manager interface (AMI)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When the key file names an Asterisk (ami-host), a push goes there as
 * `Action: PJSIPNotify` (as wazo sends it): the phone sees the NOTIFY come
 * from its registrar, which phones that trust only their SIP server
 * (Yealink sip.trust_ctrl) require. One short connection per push: banner,
 * Login, PJSIPNotify, Logoff. The wire protocol is lines of `Key: value`
 * ending in CRLF, a blank line ending a message; all reads and writes are
 * async, and a timer (sip-timeout-ms) bounds the whole exchange.
 */
#define G_LOG_DOMAIN "pa-sip"

#include "config.h"

#include <string.h>

#include "pa-server-private.h"

typedef struct
{
  PaServer         *server;      /* unowned: the task holds it */
  GSocketConnection *connection;
  GDataInputStream *input;
  GCancellable     *cancellable; /* cancelled when the time is up */
  guint             timeout_id;
  char             *endpoint;
  char             *uri;
  char             *event;
  GHashTable       *message;     /* the message being read: lower-case key → value */
  void            (*then) (GTask *task);
} AmiCall;

static void
ami_call_free (AmiCall *call)
{
  g_clear_handle_id (&call->timeout_id, g_source_remove);
  if (call->connection != NULL)
    g_io_stream_close (G_IO_STREAM (call->connection), NULL, NULL);
  g_clear_object (&call->input);
  g_clear_object (&call->connection);
  g_clear_object (&call->cancellable);
  g_free (call->endpoint);
  g_free (call->uri);
  g_free (call->event);
  g_clear_pointer (&call->message, g_hash_table_unref);
  g_free (call);
}

gboolean
pa_server_ami_configured (PaServer *self)
{
  return self->config->ami_host != NULL;
}

static void
finish (GTask       *task,
        PaSipResult  result,
        const char  *reason)
{
  AmiCall *call = g_task_get_task_data (task);
  PaSipOutcome *outcome = g_new0 (PaSipOutcome, 1);

  g_clear_handle_id (&call->timeout_id, g_source_remove);
  outcome->result = result;
  outcome->reason = g_strdup (reason);
  g_task_return_pointer (task, outcome, NULL);
}

/* An I/O error: the time ran out (cancelled), or Asterisk is not there. */
static void
finish_error (GTask        *task,
              const GError *error,
              const char   *doing)
{
  g_autofree char *reason = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    reason = g_strdup_printf ("Asterisk did not answer in time (%s)", doing);
  else
    reason = g_strdup_printf ("Asterisk's AMI: %s (%s)", error->message, doing);
  finish (task, PA_SIP_RESULT_NO_ANSWER, reason);
}

static gboolean
timeout_cb (gpointer user_data)
{
  AmiCall *call = user_data;

  call->timeout_id = 0;
  g_cancellable_cancel (call->cancellable);
  return G_SOURCE_REMOVE;
}

static void read_line (GTask *task);

static void
line_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AmiCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *colon;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL,
                                                    &error);
  if (line == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                             "the connection closed");
      finish_error (task, error, "reading an answer");
      return;
    }
  g_strchomp (line);

  if (line[0] == '\0')
    {
      /* End of a message. Events (with Events: off, none should come) are
       * not the answer waited for. */
      if (g_hash_table_size (call->message) > 0 && !g_hash_table_contains (call->message, "event"))
        {
          call->then (g_steal_pointer (&task));
          return;
        }
      g_hash_table_remove_all (call->message);
    }
  else if ((colon = strchr (line, ':')) != NULL)
    {
      g_autofree char *key = g_ascii_strdown (line, colon - line);

      g_hash_table_replace (call->message, g_strstrip (g_steal_pointer (&key)),
                            g_strstrip (g_strdup (colon + 1)));
    }
  read_line (g_steal_pointer (&task));
}

static void
read_line (GTask *task)
{
  AmiCall *call = g_task_get_task_data (task);

  g_data_input_stream_read_line_async (call->input, G_PRIORITY_DEFAULT, call->cancellable,
                                       line_read_cb, task);
}

/* Reads one whole message, then calls @then. */
static void
read_message (GTask  *task,
              void  (*then) (GTask *task))
{
  AmiCall *call = g_task_get_task_data (task);

  g_hash_table_remove_all (call->message);
  call->then = then;
  read_line (task);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AmiCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      finish_error (task, error, "sending");
      return;
    }
  read_message (g_steal_pointer (&task), call->then);
}

/* Sends @text, then reads the answer into @then. */
static void
send_action (GTask      *task,
             GString    *text,
             void      (*then) (GTask *task))
{
  AmiCall *call = g_task_get_task_data (task);
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (call->connection));
  GBytes *bytes;

  call->then = then;
  g_string_append (text, "\r\n");
  bytes = g_string_free_to_bytes (text);
  g_object_set_data_full (G_OBJECT (task), "pa-ami-bytes", bytes, (GDestroyNotify) g_bytes_unref);
  g_output_stream_write_all_async (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   G_PRIORITY_DEFAULT, call->cancellable, written_cb, task);
}

static gboolean
answer_is (AmiCall    *call,
           const char *response)
{
  const char *got = g_hash_table_lookup (call->message, "response");

  return got != NULL && g_ascii_strcasecmp (got, response) == 0;
}

static void
notified (GTask *task)
{
  AmiCall *call = g_task_get_task_data (task);
  const char *message = g_hash_table_lookup (call->message, "message");
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (call->connection));
  static const char logoff[] = "Action: Logoff\r\n\r\n";

  /* Polite, not waited for: the connection closes with the call. */
  g_output_stream_write_all (output, logoff, strlen (logoff), NULL, NULL, NULL);
  if (answer_is (call, "Success"))
    finish (task, PA_SIP_RESULT_ANSWERED, message != NULL ? message : "Asterisk sent the NOTIFY");
  else
    {
      g_autofree char *reason = g_strdup_printf ("Asterisk: %s",
                                                 message != NULL ? message : "PJSIPNotify failed");

      finish (task, PA_SIP_RESULT_REJECTED, reason);
    }
  g_object_unref (task);
}

static void
logged_in (GTask *task)
{
  AmiCall *call = g_task_get_task_data (task);
  GString *text;

  if (!answer_is (call, "Success"))
    {
      const char *message = g_hash_table_lookup (call->message, "message");
      g_autofree char *reason = g_strdup_printf ("Asterisk refused the AMI login: %s",
                                                 message != NULL ? message : "no reason given");

      finish (task, PA_SIP_RESULT_FAILED, reason);
      g_object_unref (task);
      return;
    }

  text = g_string_new ("Action: PJSIPNotify\r\nActionID: phoneadmin-2\r\n");
  if (call->endpoint != NULL)
    g_string_append_printf (text, "Endpoint: %s\r\n", call->endpoint);
  else
    g_string_append_printf (text, "URI: %s\r\n", call->uri);
  g_string_append_printf (text, "Variable: Event=%s\r\n", call->event);
  send_action (task, text, notified);
}

static void
banner_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AmiCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *banner = NULL;
  GString *text;

  banner = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                      NULL, &error);
  if (banner == NULL)
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                             "the connection closed");
      finish_error (task, error, "reading the banner");
      return;
    }
  if (!g_str_has_prefix (banner, "Asterisk Call Manager/"))
    {
      finish (task, PA_SIP_RESULT_FAILED, "that is no Asterisk manager interface");
      return;
    }

  text = g_string_new (NULL);
  g_string_append_printf (text, "Action: Login\r\nActionID: phoneadmin-1\r\n"
                                "Username: %s\r\nSecret: %s\r\nEvents: off\r\n",
                          call->server->config->ami_username, call->server->config->ami_secret);
  send_action (g_steal_pointer (&task), text, logged_in);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AmiCall *call = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  call->connection = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result,
                                                             &error);
  if (call->connection == NULL)
    {
      finish_error (task, error, "connecting");
      return;
    }
  call->input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (call->connection)));
  g_data_input_stream_set_newline_type (call->input, G_DATA_STREAM_NEWLINE_TYPE_ANY);
  g_data_input_stream_read_line_async (call->input, G_PRIORITY_DEFAULT, call->cancellable,
                                       banner_cb, g_steal_pointer (&task));
}

void
pa_server_ami_notify_async (PaServer            *self,
                            const char          *endpoint,
                            const char          *uri,
                            const char          *event,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  AmiCall *call = g_new0 (AmiCall, 1);
  guint timeout_ms = self->config->sip_timeout_ms > 0 ? self->config->sip_timeout_ms
                                                      : PA_SIP_DEFAULT_TIMEOUT_MS;

  call->server = self;
  call->endpoint = g_strdup (endpoint);
  call->uri = g_strdup (uri);
  call->event = g_strdup (event);
  call->message = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  call->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, call, (GDestroyNotify) ami_call_free);
  g_task_set_source_tag (task, pa_server_ami_notify_async);

  /* Whatever goes into a header line is one line. */
  if ((endpoint == NULL && uri == NULL) || event == NULL
      || strpbrk (event, "\r\n") != NULL
      || (endpoint != NULL && strpbrk (endpoint, "\r\n") != NULL)
      || (uri != NULL && strpbrk (uri, "\r\n") != NULL))
    {
      finish (task, endpoint == NULL && uri == NULL ? PA_SIP_RESULT_NO_ADDRESS
                                                    : PA_SIP_RESULT_FAILED,
              endpoint == NULL && uri == NULL ? "no SIP user and no address known"
                                              : "malformed request");
      return;
    }

  call->timeout_id = g_timeout_add (timeout_ms, timeout_cb, call);
  g_socket_client_set_timeout (client, (timeout_ms + 999) / 1000);
  g_socket_client_connect_to_host_async (client, self->config->ami_host, self->config->ami_port,
                                         call->cancellable, connected_cb,
                                         g_steal_pointer (&task));
}

void
pa_server_ami_notify_finish (PaServer     *self,
                             GAsyncResult *result,
                             PaSipOutcome *outcome)
{
  PaSipOutcome *got;

  g_return_if_fail (g_task_is_valid (result, self));

  got = g_task_propagate_pointer (G_TASK (result), NULL);
  *outcome = *got;
  g_free (got);
}
