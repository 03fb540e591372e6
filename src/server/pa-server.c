/* pa-server.c — the SoupServer, authentication and top-level routing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pa-http.h"
#include "pa-jobs.h"
#include "pa-server-private.h"
#include "pa-token.h"

#define API_PREFIX "/api/v1"
#define WARNING_TABLE_MAX 4096

G_DEFINE_FINAL_TYPE (PaServer, pa_server, G_TYPE_OBJECT)

static void
pa_server_dispose (GObject *object)
{
  PaServer *self = PA_SERVER (object);

  pa_server_shutdown (self);
  pa_server_stop_deriving (self);
  g_clear_pointer (&self->jobs, pa_jobs_free);
  pa_server_stop_sip (self);
  pa_server_unwatch_store (self);
  g_clear_pointer (&self->listener, pa_http_listener_free);
  g_clear_pointer (&self->render_cache, pa_render_cache_free);
  g_clear_pointer (&self->fetch_log, pa_fetch_log_free);
  g_clear_object (&self->soup);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pa_server_parent_class)->dispose (object);
}

static void
pa_server_finalize (GObject *object)
{
  PaServer *self = PA_SERVER (object);

  g_clear_pointer (&self->config, pa_server_config_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_object (&self->settings_now);
  g_clear_pointer (&self->site_key, g_free);
  g_clear_pointer (&self->nonce_secret, g_free);
  g_clear_pointer (&self->last_warning, g_hash_table_unref);
  g_clear_pointer (&self->refusals, pa_rate_limit_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pa_server_parent_class)->finalize (object);
}

static void
pa_server_class_init (PaServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pa_server_dispose;
  object_class->finalize = pa_server_finalize;
}

static void
pa_server_init (PaServer *self)
{
  self->last_warning = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
}

static gboolean
is_api_path (const char *path)
{
  return g_str_equal (path, "/api") || g_str_has_prefix (path, "/api/");
}

/* Returns the token of a well-formed `Bearer <token>` header, or NULL. */
static char *
parse_bearer (const char *header)
{
  const char *p;

  if (header == NULL)
    return NULL;

  p = header;
  while (*p == ' ' || *p == '\t')
    p++;
  if (g_ascii_strncasecmp (p, "Bearer", 6) != 0)
    return NULL;
  p += 6;
  if (*p != ' ' && *p != '\t')
    return NULL;
  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '\0')
    return NULL;

  for (const char *q = p; *q != '\0'; q++)
    if (!g_ascii_isgraph (*q))
      {
        /* trailing blanks are tolerated, anything after them is not */
        for (const char *r = q; *r != '\0'; r++)
          if (*r != ' ' && *r != '\t')
            return NULL;
        return g_strndup (p, q - p);
      }

  return g_strdup (p);
}

static void
early_handler_cb (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  PaServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autofree char *token = NULL;
  const char *authorization;

  pa_http_guard_body_size (msg, pa_api_body_limit (path));

  if (!is_api_path (path))
    {
      /* A phone fetches and closes; closing first frees the descriptor
       * at once. */
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Connection", "close");
      return;
    }

  /* Checked before the body is read, so an unauthenticated client cannot
   * make the server buffer anything. */
  authorization = soup_message_headers_get_one (headers, "Authorization");
  if (authorization == NULL)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      pa_http_send_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                          "This endpoint needs an admin token: Authorization: Bearer <token>");
      return;
    }

  token = parse_bearer (authorization);
  if (token == NULL)
    {
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      pa_http_send_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                          "The Authorization header must be “Bearer <token>”");
      return;
    }

  if (!pa_store_check_admin_token (self->store, token))
    {
      const char *client = soup_server_message_get_remote_host (msg);

      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      if (pa_server_may_warn (self, client))
        g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                          "PA_CLIENT", client != NULL ? client : "?",
                          "MESSAGE", "Refused admin request %s %s from %s: wrong token",
                          soup_server_message_get_method (msg), path,
                          client != NULL ? client : "?");
      pa_http_send_error (msg, SOUP_STATUS_UNAUTHORIZED, "unauthorized", NULL,
                          "The admin token is not valid");
      return;
    }

  if (g_str_equal (path, PA_FIRMWARE_UPLOAD_PATH) &&
      g_str_equal (soup_server_message_get_method (msg), "POST"))
    pa_firmware_upload_begin (self, msg);
}

void
pa_server_method_not_allowed (SoupServerMessage *msg,
                              const char        *allow)
{
  g_autofree char *message = g_strdup_printf ("%s is not allowed here; allowed: %s",
                                              soup_server_message_get_method (msg), allow);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
  pa_http_send_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method_not_allowed", NULL, message);
}

static void
send_info (PaServer          *self,
           SoupServerMessage *msg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "phoneadmin-provd");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "api");
  json_builder_add_string_value (builder, "v1");
  json_builder_set_member_name (builder, "url");
  json_builder_add_string_value (builder, self->url);
  json_builder_set_member_name (builder, "public_url");
  json_builder_add_string_value (builder, pa_server_get_public_url (self));
  json_builder_set_member_name (builder, "bootstrap_url");
  {
    g_autofree char *bootstrap = pa_server_dup_bootstrap_url (self);

    json_builder_add_string_value (builder, bootstrap);
  }
  json_builder_set_member_name (builder, "sip_server");
  if (pa_settings_get_sip_server (self->settings_now) != NULL)
    json_builder_add_string_value (builder, pa_settings_get_sip_server (self->settings_now));
  else
    json_builder_add_null_value (builder);
  /* Where the change log stands: an app reads it before it lists, then
   * follows the change stream from here (whatever it lists is at least
   * this new). */
  {
    g_autoptr(GPtrArray) none = NULL;
    g_autoptr(GError) error = NULL;
    gint64 oldest = 0, last = 0;

    none = pa_store_list_changes (self->store, G_MAXINT64, 1, &oldest, &last, &error);
    if (none == NULL)
      {
        pa_http_send_gerror (msg, error);
        return;
      }
    json_builder_set_member_name (builder, "changes_last");
    json_builder_add_int_value (builder, last);
  }
  /* Phones whose files are recorded again after a start (an upgrade, a
   * changed key file) or a settings change many read, served meanwhile
   * under their old fingerprints; 0 when done. */
  json_builder_set_member_name (builder, "recording_phones");
  json_builder_add_int_value (builder, pa_server_get_recording_phones (self));
  /* Where NOTIFYs come from: what a phone's trust list would name. */
  json_builder_set_member_name (builder, "sip_port");
  if (self->sip_agent != NULL)
    json_builder_add_int_value (builder, pa_sip_agent_get_port (self->sip_agent));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  pa_http_send_json (msg, SOUP_STATUS_OK, root);
}

static void
handle_api (PaServer          *self,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;
  const char *rest;

  /* libsoup decodes %00 into a NUL that ends the value early: a parameter
   * would be read as something it is not. */
  {
    GUri *uri = soup_server_message_get_uri (msg);
    const char *raw = uri != NULL ? g_uri_get_query (uri) : NULL;

    if (raw != NULL && strstr (raw, "%00") != NULL)
      {
        pa_http_send_error (msg, SOUP_STATUS_BAD_REQUEST, "bad_request", NULL,
                            "A query parameter holds a NUL byte (%00)");
        return;
      }
  }

  if (!g_str_has_prefix (path, API_PREFIX) ||
      (path[strlen (API_PREFIX)] != '\0' && path[strlen (API_PREFIX)] != '/'))
    {
      pa_http_send_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                          "No such API; this server speaks " API_PREFIX);
      return;
    }

  rest = path + strlen (API_PREFIX);
  parts = g_strsplit (rest, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      g_ptr_array_add (segments, g_strdup (parts[i]));
  g_ptr_array_add (segments, NULL);

  if (segments->len == 1 || g_str_equal (g_ptr_array_index (segments, 0), "info"))
    {
      const char *method = soup_server_message_get_method (msg);

      if (segments->len > 2)
        pa_http_send_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL, "No such resource");
      else if (g_str_equal (method, "GET") || g_str_equal (method, "HEAD"))
        send_info (self, msg);
      else
        pa_server_method_not_allowed (msg, "GET, HEAD");
      return;
    }

  pa_api_dispatch (self, msg, (const char * const *) segments->pdata, query);
}

/* An API request on its way: it may wait (paused, not the main loop) for
 * a unit of work, and for the fetches before it to be written. Held by
 * whatever it waits in. */
typedef struct
{
  PaServer          *server;
  SoupServerMessage *msg;
  char              *path;
  GHashTable        *query;
  gboolean           write;
  gboolean           waited_for_fetches;
} ApiCall;

static void
api_call_clear (ApiCall *call)
{
  g_object_unref (call->server);
  g_object_unref (call->msg);
  g_free (call->path);
  g_clear_pointer (&call->query, g_hash_table_unref);
}

static void
api_call_release (gpointer call)
{
  g_rc_box_release_full (call, (GDestroyNotify) api_call_clear);
}

static void api_writable_cb (PaStore  *store,
                             gpointer  data);

static gboolean
api_run_cb (gpointer data)
{
  ApiCall *call = data;

  /* A unit of work began while it waited for the fetch log (which lets
   * everyone go then): written now, it would wait for the unit's lock on
   * the main loop. It waits for the unit, and not again for the fetches,
   * or units in a row (a derive's) could keep it waiting. */
  if (call->write && !pa_store_is_writable (call->server->store))
    {
      call->waited_for_fetches = TRUE;
      pa_store_when_writable (call->server->store, api_writable_cb, g_rc_box_acquire (call),
                              api_call_release);
      return G_SOURCE_REMOVE;
    }
  soup_server_message_unpause (call->msg);
  handle_api (call->server, call->msg, call->path, call->query);
  return G_SOURCE_REMOVE;
}

/* What the API answers includes what phones' fetches recorded. */
static void
api_writable_cb (PaStore  *store,
                 gpointer  data)
{
  ApiCall *call = data;

  if (call->server->fetch_log != NULL && !call->waited_for_fetches)
    pa_fetch_log_when_flushed (call->server->fetch_log, api_run_cb, g_rc_box_acquire (call),
                               api_call_release);
  else
    api_run_cb (call);
}

/* Every write of the API waits while a unit of work (a bulk job's, a
 * derive's) holds the store; reads do not. */
static void
api_begin (PaServer          *self,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);
  ApiCall *call = g_rc_box_new0 (ApiCall);

  call->server = g_object_ref (self);
  call->msg = g_object_ref (msg);
  call->path = g_strdup (path);
  call->query = query != NULL ? g_hash_table_ref (query) : NULL;
  call->write = !g_str_equal (method, "GET") && !g_str_equal (method, "HEAD");
  soup_server_message_pause (msg);
  if (call->write)
    pa_store_when_writable (self->store, api_writable_cb, call, api_call_release);
  else
    {
      api_writable_cb (self->store, call);
      api_call_release (call);
    }
}

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  PaServer *self = user_data;

  if (is_api_path (path))
    api_begin (self, msg, path, query);
  else if (g_str_has_prefix (path, "/p/"))
    pa_phone_endpoint_handle (self, msg, path + strlen ("/p/"));
  else if (g_str_has_prefix (path, PA_FIRMWARE_PATH))
    pa_firmware_endpoint_handle (self, msg, path + strlen (PA_FIRMWARE_PATH));
  else
    {
      /* Phones and scanners see nothing here worth describing. */
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
    }
}

static void
log_request (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *method = soup_server_message_get_method (msg);
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;
  const char *file = NULL;

  if (g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    return;

  /* libsoup finishes requests it could not parse too, without a URI or
   * even a method. */
  if (path == NULL)
    path = "(unparsed)";

  /* A phone's token is its credential: keep it out of the log. */
  if (g_str_has_prefix (path, "/p/"))
    {
      file = strchr (path + 3, '/');
      path = "/p/…";
    }

  g_debug ("%s %s%s → %u (%s)",
           method != NULL ? method : "-", path, file != NULL ? file : "",
           soup_server_message_get_status (msg),
           soup_server_message_get_remote_host (msg));
}

static void
request_ended (PaServer          *self,
               SoupServerMessage *msg,
               gboolean           finished)
{
  log_request (msg);
  pa_http_listener_request_done (self->listener, msg, finished);
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  request_ended (user_data, msg, TRUE);
}

static void
request_aborted_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  request_ended (user_data, msg, FALSE);
}

/* A cached phone file is answered without libsoup: its per-request
 * machinery was most of what a poll cost. */
static GBytes *
answer_quickly_cb (const PaHttpHeadParts *parts,
                   GSocketAddress        *remote,
                   PaHttpFileBody        *file,
                   gpointer               user_data)
{
  PaServer *self = user_data;
  g_autofree char *ip = NULL;

  if (G_IS_INET_SOCKET_ADDRESS (remote))
    ip = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (remote)));
  if (g_str_has_prefix (parts->target, PA_FIRMWARE_PATH))
    return pa_firmware_endpoint_answer_quickly (self, parts, ip, file);
  return pa_phone_endpoint_answer_quickly (self, parts, ip);
}

PaServer *
pa_server_new (PaStore              *store,
               const PaServerConfig *config)
{
  PaServer *self;

  g_return_val_if_fail (PA_IS_STORE (store), NULL);
  g_return_val_if_fail (config != NULL, NULL);

  self = g_object_new (PA_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->config = pa_server_config_new ();
  g_free (self->config->listen_host);
  self->config->listen_host = g_strdup (config->listen_host);
  self->config->listen_port = config->listen_port;
  g_free (self->config->data_dir);
  self->config->data_dir = g_strdup (config->data_dir);
  self->config->public_url = g_strdup (config->public_url);
  self->config->sip_server = g_strdup (config->sip_server);
  if (config->phone_networks != NULL)
    self->config->phone_networks = g_ptr_array_ref (config->phone_networks);
  self->config->tls_cert = g_strdup (config->tls_cert);
  self->config->tls_key = g_strdup (config->tls_key);
  self->config->sip_port = config->sip_port;
  self->config->sip_timeout_ms = config->sip_timeout_ms;
  self->config->sip_keepalive = config->sip_keepalive;
  self->config->sip_offline_after = config->sip_offline_after;
  self->config->ami_host = g_strdup (config->ami_host);
  self->config->ami_port = config->ami_port;
  self->config->ami_username = g_strdup (config->ami_username);
  self->config->ami_secret = g_strdup (config->ami_secret);

  self->soup = soup_server_new ("server-header", "phoneadmin-provd", NULL);
  soup_server_add_early_handler (self->soup, NULL, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_finished_cb), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_aborted_cb), self);
  self->listener = pa_http_listener_new (self->soup);
  pa_http_listener_set_quick (self->listener, answer_quickly_cb, self);
  self->render_cache = pa_render_cache_new (PA_SERVER_RENDER_CACHE_BYTES);
  self->nonce_secret = pa_token_generate (NULL);
  self->refusals = pa_rate_limit_new (PA_SERVER_REFUSALS_PER_SECOND, PA_SERVER_REFUSALS_BURST,
                                      WARNING_TABLE_MAX);

  pa_server_watch_store (self);
  /* Files an interrupted upload or a deleted record left behind. */
  pa_firmware_collect (self, TRUE);
  pa_server_open_change_streams (self);

  return self;
}

gboolean
pa_server_load_certificate (PaServer  *self,
                            GError   **error)
{
  g_autoptr(GTlsCertificate) certificate = NULL;

  if (self->config->tls_cert == NULL)
    return TRUE;
  certificate = g_tls_certificate_new_from_files (self->config->tls_cert,
                                                  self->config->tls_key != NULL
                                                    ? self->config->tls_key
                                                    : self->config->tls_cert,
                                                  error);
  if (certificate == NULL)
    {
      g_prefix_error (error, "Cannot use the TLS certificate %s: ", self->config->tls_cert);
      return FALSE;
    }
  pa_http_listener_set_certificate (self->listener, certificate);
  return TRUE;
}

gboolean
pa_server_listen (PaServer  *self,
                  GError   **error)
{
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) bound = NULL;
  const char *host;
  const char *scheme;
  guint port;

  g_return_val_if_fail (PA_IS_SERVER (self), FALSE);

  host = self->config->listen_host;
  if (g_strcmp0 (host, "localhost") == 0)
    host = "127.0.0.1";

  inet = g_inet_address_new_from_string (host);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", host);
      return FALSE;
    }
  address = g_inet_socket_address_new (inet, self->config->listen_port);

  if (!pa_server_load_certificate (self, error))
    return FALSE;

  if (!pa_http_listener_listen (self->listener, address, &bound, error))
    {
      g_prefix_error (error, "Cannot listen on %s port %u: ", host, self->config->listen_port);
      return FALSE;
    }
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  /* A wildcard bind is reached through loopback from this machine. */
  if (g_inet_address_get_is_any (inet))
    host = g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 ? "::1" : "127.0.0.1";

  g_clear_pointer (&self->url, g_free);
  scheme = self->config->tls_cert != NULL ? "https" : "http";
  if (strchr (host, ':') != NULL)
    self->url = g_strdup_printf ("%s://[%s]:%u/", scheme, host, port);
  else
    self->url = g_strdup_printf ("%s://%s:%u/", scheme, host, port);

  if (!pa_server_update_settings (self, error))
    return FALSE;
  g_clear_pointer (&self->site_key, g_free);
  self->site_key = pa_store_get_site_key (self->store, error);
  if (self->site_key == NULL)
    return FALSE;
  if (self->fetch_log == NULL)
    {
      self->fetch_log = pa_fetch_log_new (self->store, error);
      if (self->fetch_log == NULL)
        {
          g_prefix_error (error, "Cannot record phones' fetches: ");
          return FALSE;
        }
    }

  pa_server_start_sip (self);
  if (self->jobs == NULL)
    {
      self->jobs = pa_jobs_new (self, error);
      if (self->jobs == NULL)
        {
          g_prefix_error (error, "Cannot read the bulk jobs: ");
          return FALSE;
        }
    }
  /* Last: it holds the store's write lock while it runs. */
  if (!pa_server_derive_underived (self, error))
    return FALSE;

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "PA_URL", self->url,
                    "MESSAGE", "Listening on %s", self->url);
  return TRUE;
}

const char *
pa_server_get_url (PaServer *self)
{
  g_return_val_if_fail (PA_IS_SERVER (self), NULL);
  return self->url;
}

const char *
pa_server_get_public_url (PaServer *self)
{
  g_return_val_if_fail (PA_IS_SERVER (self), NULL);
  if (self->settings_now != NULL && pa_settings_get_public_url (self->settings_now) != NULL)
    return pa_settings_get_public_url (self->settings_now);
  return self->url;
}

gint64
pa_server_http_auth_grace (PaServer *self)
{
  static gint64 grace = -1;

  if (grace < 0)
    {
      const char *env = g_getenv ("PA_HTTP_AUTH_GRACE_SECONDS");
      guint64 value = 600;

      if (env != NULL)
        g_ascii_string_to_unsigned (env, 10, 0, 86400, &value, NULL);
      grace = (gint64) value;
    }
  return grace;
}

char *
pa_server_dup_bootstrap_url (PaServer *self)
{
  g_return_val_if_fail (PA_IS_SERVER (self), NULL);
  return g_strconcat (pa_server_get_public_url (self), "p/", self->site_key, "/", NULL);
}

void
pa_server_shutdown (PaServer *self)
{
  g_return_if_fail (PA_IS_SERVER (self));

  g_cancellable_cancel (self->cancellable);
  pa_server_close_change_streams (self);
  if (self->listener != NULL)
    pa_http_listener_close (self->listener);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}

gboolean
pa_server_may_warn (PaServer   *self,
                    const char *client)
{
  gint64 now = g_get_monotonic_time ();
  gint64 *last;

  if (client == NULL)
    client = "?";

  last = g_hash_table_lookup (self->last_warning, client);
  if (last != NULL && now - *last < G_USEC_PER_SEC)
    return FALSE;

  /* A scan from many addresses must not grow the table without bound. */
  if (last == NULL && g_hash_table_size (self->last_warning) >= WARNING_TABLE_MAX)
    g_hash_table_remove_all (self->last_warning);

  last = g_new (gint64, 1);
  *last = now;
  g_hash_table_replace (self->last_warning, g_strdup (client), last);
  return TRUE;
}

/* -- files in the data dir ----------------------------------------------- */

static gboolean
write_secret_file (const char  *path,
                   const char  *token,
                   GError     **error)
{
  g_autofree char *line = g_strconcat (token, "\n", NULL);
  gsize length = strlen (line);
  gsize done = 0;
  int fd;

  /* Created with 0600 by open(2) itself: a chmod afterwards would leave a
   * window in which the token is readable by others. */
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }

  while (done < length)
    {
      gssize n = write (fd, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          close (fd);
          g_unlink (path);
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot write %s: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
      done += n;
    }

  if (fsync (fd) != 0 || close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot write %s: %s", path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_server_ensure_admin_token (PaStore     *store,
                              const char  *data_dir,
                              GError     **error)
{
  g_autofree char *path = g_build_filename (data_dir, PA_SERVER_ADMIN_TOKEN_FILE, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  GStatBuf st;
  gint64 count;

  count = pa_store_count_admin_tokens (store, error);
  if (count < 0)
    return FALSE;

  if (count > 0)
    {
      if (g_stat (path, &st) == 0 && (st.st_mode & 077) != 0)
        g_warning ("%s is readable by other users (mode %03o); run chmod 600 on it",
                   path, (guint) (st.st_mode & 0777));
      return TRUE;
    }

  /* No token in the store but a file from an earlier start: the database
   * was removed. Keep the token the app already has. */
  if (g_file_get_contents (path, &contents, NULL, NULL))
    {
      g_strstrip (contents);
      if (pa_token_is_well_formed (contents))
        {
          hash = pa_token_hash (contents);
          if (pa_store_add_admin_token (store, hash, "admin-token file", error) < 0)
            return FALSE;
          g_message ("Stored the admin token found in %s again", path);
          return TRUE;
        }
      g_message ("Replacing %s: it does not hold a token", path);
      if (g_unlink (path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Cannot remove %s: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
    }

  token = pa_token_generate (error);
  if (token == NULL)
    return FALSE;

  /* File first: if storing the hash fails, the next start adopts the file. */
  if (!write_secret_file (path, token, error))
    return FALSE;

  hash = pa_token_hash (token);
  if (pa_store_add_admin_token (store, hash, "created at first start", error) < 0)
    return FALSE;

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "PA_TOKEN_FILE", path,
                    "MESSAGE", "Created an admin token in %s (readable only by you)", path);
  return TRUE;
}

gboolean
pa_server_write_url_file (PaServer  *self,
                          GError   **error)
{
  g_autofree char *path = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (PA_IS_SERVER (self), FALSE);
  g_return_val_if_fail (self->url != NULL, FALSE);

  path = g_build_filename (self->config->data_dir, PA_SERVER_URL_FILE, NULL);
  line = g_strconcat (self->url, "\n", NULL);
  return g_file_set_contents_full (path, line, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}
