/* pa-client.c — the REST client of phoneadmin-provd: the client object and
 * the request machinery (the resource calls are in pa-client-resources.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pa-client-call.h"
#include "pa-client-private.h"
#include "pa-client-worker.h"

#define DEFAULT_TIMEOUT_SECONDS 15

/* ---------------------------------------------------------------------- */
/* Kinds and collections */

const char *
pa_client_collection_for_type (GType type)
{
  const PaResourceKind *kind = pa_resource_kind_for_type (type);

  return kind != NULL ? kind->collection : NULL;
}

/* ---------------------------------------------------------------------- */
/* The client */

struct _PaClient
{
  GObject          parent_instance;

  char            *base_url;
  char            *token;
  GTlsCertificate *trusted;
  guint            timeout;
  SoupSession     *session;
  guint64          n_listed;
};

G_DEFINE_FINAL_TYPE (PaClient, pa_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  PROP_TRUSTED_CERTIFICATE,
  PROP_N_LISTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static SoupSession *
make_session (PaClient *self)
{
  g_autofree char *user_agent = g_strdup_printf ("PhoneAdmin/%s ", PACKAGE_VERSION);

  /* The trailing space makes libsoup append its own product token. */
  return soup_session_new_with_options ("timeout", self->timeout,
                                        "user-agent", user_agent,
                                        NULL);
}

static void
pa_client_finalize (GObject *object)
{
  PaClient *self = PA_CLIENT (object);

  g_clear_pointer (&self->base_url, g_free);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  g_clear_object (&self->trusted);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pa_client_parent_class)->finalize (object);
}

static void
pa_client_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PaClient *self = PA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TRUSTED_CERTIFICATE:
      g_value_set_object (value, self->trusted);
      break;
    case PROP_N_LISTED:
      g_value_set_uint64 (value, self->n_listed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_client_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PaClient *self = PA_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);

        g_free (self->base_url);
        if (url == NULL)
          self->base_url = g_strdup ("");
        else if (g_str_has_suffix (url, "/"))
          self->base_url = g_strdup (url);
        else
          self->base_url = g_strconcat (url, "/", NULL);
      }
      break;
    case PROP_TOKEN:
      g_free (self->token);
      self->token = g_value_dup_string (value);
      break;
    case PROP_TRUSTED_CERTIFICATE:
      pa_client_set_trusted_certificate (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_client_class_init (PaClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pa_client_finalize;
  object_class->get_property = pa_client_get_property;
  object_class->set_property = pa_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRUSTED_CERTIFICATE] =
    g_param_spec_object ("trusted-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_LISTED] =
    g_param_spec_uint64 ("n-listed", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pa_client_init (PaClient *self)
{
  self->timeout = DEFAULT_TIMEOUT_SECONDS;
  self->session = make_session (self);
}

PaClient *
pa_client_new (const char *base_url,
               const char *token)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (PA_TYPE_CLIENT, "base-url", base_url, "token", token, NULL);
}

const char *
pa_client_get_base_url (PaClient *self)
{
  g_return_val_if_fail (PA_IS_CLIENT (self), NULL);
  return self->base_url;
}

guint64
pa_client_get_n_listed (PaClient *self)
{
  g_return_val_if_fail (PA_IS_CLIENT (self), 0);

  return self->n_listed;
}

void
pa_client_add_listed (PaClient *self,
                      guint     n)
{
  if (n == 0)
    return;
  self->n_listed += n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LISTED]);
}

GTlsCertificate *
pa_client_get_trusted_certificate (PaClient *self)
{
  g_return_val_if_fail (PA_IS_CLIENT (self), NULL);
  return self->trusted;
}

void
pa_client_set_trusted_certificate (PaClient        *self,
                                   GTlsCertificate *cert)
{
  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (cert == NULL || G_IS_TLS_CERTIFICATE (cert));

  if (self->trusted == cert
      || (self->trusted != NULL && cert != NULL && g_tls_certificate_is_same (self->trusted, cert)))
    return;

  g_set_object (&self->trusted, cert);
  /* A kept-alive connection was accepted under the old pin; a new session
   * makes the next request shake hands again. Requests under way keep the
   * old session alive until they finish. */
  g_clear_object (&self->session);
  self->session = make_session (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRUSTED_CERTIFICATE]);
}

void
pa_client_set_timeout (PaClient *self,
                       guint     seconds)
{
  g_return_if_fail (PA_IS_CLIENT (self));

  self->timeout = seconds;
  g_object_set (self->session, "timeout", seconds, NULL);
}

/* ---------------------------------------------------------------------- */
/* For requests made elsewhere (pa-client-private.h) */

SoupSession *
pa_client_get_session (PaClient *self)
{
  g_return_val_if_fail (PA_IS_CLIENT (self), NULL);
  return self->session;
}

SoupMessage *
pa_client_new_message (PaClient    *self,
                       const char  *method,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *url = NULL;
  SoupMessage *message;
  SoupMessageHeaders *headers;

  g_return_val_if_fail (PA_IS_CLIENT (self), NULL);

  url = g_strconcat (self->base_url, path, NULL);
  message = soup_message_new (method, url);
  if (message == NULL)
    {
      g_autofree char *text =
        g_strdup_printf (_("“%s” is not a valid server address. Enter an address like "
                           "https://provd.example.com:8670/."),
                         self->base_url);
      g_propagate_error (error, pa_client_error_new_full (PA_CLIENT_ERROR_UNREACHABLE, 0, NULL,
                                                          NULL, NULL, text));
      return NULL;
    }
  headers = soup_message_get_request_headers (message);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (self->token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (headers, "Authorization", auth);
    }
  return message;
}

gboolean
pa_client_trusts_certificate (PaClient        *self,
                              GTlsCertificate *certificate)
{
  g_return_val_if_fail (PA_IS_CLIENT (self), FALSE);
  return self->trusted != NULL && certificate != NULL
         && g_tls_certificate_is_same (self->trusted, certificate);
}

/* ---------------------------------------------------------------------- */
/* One request: send, check status and content type, parse */

GError *
pa_client_error_not_object (guint status)
{
  return pa_client_error_new_full (PA_CLIENT_ERROR_PROTOCOL, status, NULL, NULL, NULL,
                                   _("The server’s answer is not the JSON object PhoneAdmin "
                                     "expects. Check that the address points at a PhoneAdmin "
                                     "server."));
}

typedef struct
{
  SoupMessage     *message;
  GTlsCertificate *peer_certificate;  /* offered and refused */
  char            *url;
  gboolean         text;              /* a text/plain answer, not JSON */
  gboolean         raw;               /* a JSON answer's bytes, unparsed */
} CallData;

static void
call_data_free (CallData *data)
{
  g_clear_object (&data->message);
  g_clear_object (&data->peer_certificate);
  g_free (data->url);
  g_free (data);
}

static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *peer_certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  GTask *task = user_data;
  PaClient *self = g_task_get_source_object (task);
  CallData *data = g_task_get_task_data (task);

  if (self->trusted != NULL && g_tls_certificate_is_same (self->trusted, peer_certificate))
    return TRUE;

  g_set_object (&data->peer_certificate, peer_certificate);
  return FALSE;
}

static void
call_send_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, pa_client_error_from_transport (error, data->message, data->peer_certificate, data->url));
      return;
    }

  status = soup_message_get_status (data->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, pa_client_error_from_response (data->message, body));
      return;
    }

  if (data->text)
    {
      gsize length = 0;
      const char *bytes = g_bytes_get_data (body, &length);
      g_autofree char *text = NULL;

      /* The preview is shown in a text view, which wants UTF-8 without NULs. */
      if (memchr (bytes, '\0', length) != NULL || !g_utf8_validate_len (bytes, length, NULL))
        {
          g_task_return_error (task, pa_client_error_new_full (PA_CLIENT_ERROR_PROTOCOL, status,
                                                               NULL, NULL, NULL,
                                                               _("The server’s answer is not "
                                                                 "text.")));
          return;
        }
      text = g_strndup (bytes, length);
      g_task_return_pointer (task, g_steal_pointer (&text), g_free);
      return;
    }

  if (status == SOUP_STATUS_NO_CONTENT)
    {
      g_task_return_pointer (task, json_node_new (JSON_NODE_NULL),
                             (GDestroyNotify) json_node_unref);
      return;
    }

  if (data->raw && pa_client_is_json_response (data->message))
    {
      g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
      return;
    }

  if (!pa_client_is_json_response (data->message) || (root = pa_client_parse_object (body)) == NULL)
    {
      g_task_return_error (task, pa_client_error_not_object (status));
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
}

static void
call_start (PaClient            *self,
            const char          *method,
            const char          *path,
            JsonNode            *body,
            gint64               if_match,
            gboolean             want_text,
            gboolean             want_raw,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  CallData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, want_text ? (gpointer) pa_client_call_text_async
                               : want_raw ? (gpointer) pa_client_call_bytes_async
                                          : (gpointer) pa_client_call_async);

  data = g_new0 (CallData, 1);
  data->url = g_strconcat (self->base_url, path, NULL);
  data->text = want_text;
  data->raw = want_raw;
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  data->message = pa_client_new_message (self, method, path, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  headers = soup_message_get_request_headers (data->message);
  /* Errors come as JSON whatever was asked for. */
  if (want_text)
    soup_message_headers_replace (headers, "Accept", "text/plain, application/json");
  if (if_match > 0)
    {
      g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", if_match);
      soup_message_headers_replace (headers, "If-Match", etag);
    }

  if (body != NULL)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(GBytes) bytes = NULL;
      gsize length = 0;
      char *text;

      json_generator_set_root (generator, body);
      text = json_generator_to_data (generator, &length);
      bytes = g_bytes_new_take (text, length);
      soup_message_set_request_body_from_bytes (data->message, "application/json", bytes);
    }

  g_signal_connect_object (data->message, "accept-certificate",
                           G_CALLBACK (accept_certificate_cb), task, 0);

  soup_session_send_and_read_async (self->session, data->message, G_PRIORITY_DEFAULT,
                                    cancellable, call_send_cb, g_object_ref (task));
}

void
pa_client_call_async (PaClient            *self,
                      const char          *method,
                      const char          *path,
                      JsonNode            *body,
                      gint64               if_match,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  call_start (self, method, path, body, if_match, FALSE, FALSE, cancellable, callback, user_data);
}

JsonNode *
pa_client_call_finish (PaClient      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

JsonNode *
pa_client_call_answer (GObject      *source,
                       GAsyncResult *result,
                       GTask        *task)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = pa_client_call_finish (PA_CLIENT (source), result, &error);

  if (node == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  return node;
}

void
pa_client_call_text_async (PaClient            *self,
                           const char          *path,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  call_start (self, "GET", path, NULL, 0, TRUE, FALSE, cancellable, callback, user_data);
}

char *
pa_client_call_text_finish (PaClient      *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pa_client_call_bytes_async (PaClient            *self,
                            const char          *path,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  call_start (self, "GET", path, NULL, 0, FALSE, TRUE, cancellable, callback, user_data);
}

GBytes *
pa_client_call_bytes_finish (PaClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* A body that is not JSON (a CSV file), whose answer may say more than its
 * error */

#define UPLOAD_ERROR_BODY "pa-client-error-body"

static void
upload_send_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CallData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  gboolean json;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, pa_client_error_from_transport (error, data->message,
                                                                 data->peer_certificate,
                                                                 data->url));
      return;
    }

  status = soup_message_get_status (data->message);
  json = pa_client_is_json_response (data->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* Kept on the task: finish hands it out beside the error. */
      if (json)
        g_object_set_data_full (G_OBJECT (task), UPLOAD_ERROR_BODY, g_bytes_ref (body),
                                (GDestroyNotify) g_bytes_unref);
      g_task_return_error (task, pa_client_error_from_response (data->message, body));
      return;
    }
  if (!json)
    {
      g_task_return_error (task, pa_client_error_not_object (status));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
}

void
pa_client_call_upload_async (PaClient            *self,
                             const char          *path,
                             const char          *content_type,
                             GBytes              *body,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  CallData *data;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (content_type != NULL);
  g_return_if_fail (body != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_call_upload_async);
  data = g_new0 (CallData, 1);
  data->url = g_strconcat (self->base_url, path, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) call_data_free);

  data->message = pa_client_new_message (self, "POST", path, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  soup_message_set_request_body_from_bytes (data->message, content_type, body);
  g_signal_connect_object (data->message, "accept-certificate",
                           G_CALLBACK (accept_certificate_cb), task, 0);

  soup_session_send_and_read_async (self->session, data->message, G_PRIORITY_DEFAULT,
                                    cancellable, upload_send_cb, g_object_ref (task));
}

GBytes *
pa_client_call_upload_finish (PaClient      *self,
                              GAsyncResult  *result,
                              GBytes       **error_body,
                              GError       **error)
{
  GBytes *body;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  body = g_task_propagate_pointer (G_TASK (result), error);
  if (body == NULL && error_body != NULL)
    {
      GBytes *kept = g_object_get_data (G_OBJECT (result), UPLOAD_ERROR_BODY);

      *error_body = kept != NULL ? g_bytes_ref (kept) : NULL;
    }
  return body;
}

JsonNode *
pa_client_parse_object_bytes (GBytes  *bytes,
                              GError **error)
{
  JsonNode *root = pa_client_parse_object (bytes);

  if (root == NULL)
    g_propagate_error (error, pa_client_error_not_object (0));
  return root;
}

/* ---------------------------------------------------------------------- */
/* The change stream: a WebSocket, token and pinned certificate as for
 * every request */

static gboolean
stream_accept_certificate_cb (SoupMessage          *message,
                              GTlsCertificate      *peer_certificate,
                              GTlsCertificateFlags  errors,
                              gpointer              user_data)
{
  PaClient *self = user_data;

  return self->trusted != NULL && g_tls_certificate_is_same (self->trusted, peer_certificate);
}

static void
stream_connect_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SoupMessage *message = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupWebsocketConnection *ws;
  guint status;

  ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &error);
  if (ws != NULL)
    {
      g_task_return_pointer (task, ws, g_object_unref);
      return;
    }
  status = soup_message_get_status (message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || status == 0)
    {
      g_autofree char *url = g_uri_to_string (soup_message_get_uri (message));

      g_task_return_error (task, pa_client_error_from_transport (error, message, NULL, url));
    }
  else
    {
      /* libsoup keeps no body of a refused upgrade: the status says it. */
      g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

      g_task_return_error (task, pa_client_error_from_response (message, empty));
    }
}

void
pa_client_open_change_stream_async (PaClient            *self,
                                    gint64               since,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SoupMessage *message;

  g_return_if_fail (PA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_open_change_stream_async);
  path = g_strdup_printf ("api/v1/changes/stream?since=%" G_GINT64_FORMAT, MAX (since, 0));
  message = pa_client_new_message (self, "GET", path, &error);
  if (message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_set_task_data (task, message, g_object_unref);
  g_signal_connect_object (message, "accept-certificate",
                           G_CALLBACK (stream_accept_certificate_cb), self, 0);
  soup_session_websocket_connect_async (self->session, message, NULL, NULL, G_PRIORITY_DEFAULT,
                                        cancellable, stream_connect_cb, g_steal_pointer (&task));
}

SoupWebsocketConnection *
pa_client_open_change_stream_finish (PaClient      *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* get_info */

static void
get_info_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = pa_client_call_answer (source, result, task);

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    g_task_return_error (task, pa_client_error_not_object (0));
  else
    g_task_return_pointer (task, json_object_ref (json_node_get_object (node)),
                           (GDestroyNotify) json_object_unref);
}

/* GET @path; @convert makes the task's answer of the node. */
static void
get_async (PaClient            *self,
           const char          *path,
           gpointer             source_tag,
           GAsyncReadyCallback  convert,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  pa_client_call_async (self, "GET", path, NULL, 0, cancellable, convert, task);
}

static gpointer
get_finish (PaClient      *self,
            GAsyncResult  *result,
            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pa_client_get_info_async (PaClient            *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  get_async (self, "api/v1", pa_client_get_info_async, get_info_cb, cancellable, callback, user_data);
}

JsonObject *
pa_client_get_info_finish (PaClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  return get_finish (self, result, error);
}

/* ---------------------------------------------------------------------- */
/* get_catalog */

static void
get_catalog_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pa_client_call_answer (source, result, task);
  PaCatalog *catalog;

  if (node == NULL)
    return;
  catalog = pa_catalog_new_from_node (node, &error);
  if (catalog == NULL)
    {
      g_task_return_new_error (task, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL,
                               _("The server’s device catalog cannot be read: %s"), error->message);
      return;
    }
  g_task_return_pointer (task, catalog, g_object_unref);
}

void
pa_client_get_catalog_async (PaClient            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  get_async (self, "api/v1/catalog", pa_client_get_catalog_async, get_catalog_cb,
             cancellable, callback, user_data);
}

PaCatalog *
pa_client_get_catalog_finish (PaClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return get_finish (self, result, error);
}

void
pa_client_done_answer_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = pa_client_call_answer (source, result, task);

  if (node != NULL)
    g_task_return_boolean (task, TRUE);
}

void
pa_client_count_answer_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *name = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = pa_client_call_answer (source, result, task);
  JsonNode *count;

  if (node == NULL)
    return;

  count = JSON_NODE_HOLDS_OBJECT (node)
          ? json_object_get_member (json_node_get_object (node), name) : NULL;
  if (count == NULL || !JSON_NODE_HOLDS_VALUE (count)
      || json_node_get_value_type (count) != G_TYPE_INT64 || json_node_get_int (count) < 0)
    {
      g_task_return_error (task, pa_client_error_not_object (0));
      return;
    }

  g_task_return_int (task, json_node_get_int (count));
}

typedef struct
{
  GBytes            *json;
  PaClientParseFunc  parse;
  GDestroyNotify     free_result;
} ParseJob;

static void
parse_job_free (gpointer data)
{
  ParseJob *job = data;

  g_bytes_unref (job->json);
  g_free (job);
}

static void
parse_job_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ParseJob *job = task_data;
  GError *error = NULL;
  gpointer result = job->parse (job->json, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, job->free_result);
}

void
pa_client_parse_in_thread (GTask             *task,
                           GBytes            *json,
                           PaClientParseFunc  parse,
                           GDestroyNotify     free_result)
{
  ParseJob *job = g_new0 (ParseJob, 1);

  job->json = g_bytes_ref (json);
  job->parse = parse;
  job->free_result = free_result;
  g_task_set_task_data (task, job, parse_job_free);
  pa_client_worker_run (task, parse_job_thread);
  g_object_unref (task);
}
