/* pa-http-listener.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-http"

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "pa-http-listener.h"
#include "pa-http-tls.h"

/* The kernel caps this at net.core.somaxconn (4096 since Linux 5.4). */
#define LISTEN_BACKLOG      4096
/* Accepts per wake-up, so a flood of connects cannot starve the requests
 * already in flight; the source fires again at once if more wait. */
#define ACCEPT_BATCH        64
/* How soon accepting is retried after a failure nobody else will end. */
#define RETRY_INTERVAL_MS   100
/* At the limit, a connection that has sent nothing for this long goes. */
#define SHED_AFTER_MS       1000

struct _PaHttpListener
{
  SoupServer  *soup;
  GSocket     *socket;
  GSource     *accept_source;
  guint        retry_id;
  guint        sweep_id;
  gboolean     closing;

  /* remote GSocketAddress (the object libsoup hands back with each
   * message) → its PaHttpConnection, owning the connection */
  GHashTable  *connections;
  guint        max_connections;

  PaHttpQuickFunc quick;
  gpointer        quick_data;
  PaHttpTls   *tls;               /* every connection is TLS when set */
  gboolean     warned_full;
};

static void start_accepting (PaHttpListener *self);

/* libsoup serves TLS connections whole; they count against the room all
 * the same (a flood of slow handshakes holds descriptors too). */
static guint
open_connections (PaHttpListener *self)
{
  guint tls = self->tls != NULL ? pa_http_tls_open (self->tls) : 0;

  return g_hash_table_size (self->connections) + tls;
}

static PaHttpConnection *
connection_of (PaHttpListener    *self,
               SoupServerMessage *msg)
{
  return g_hash_table_lookup (self->connections, soup_server_message_get_remote_address (msg));
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  PaHttpListener *self = user_data;
  PaHttpConnection *connection = connection_of (self, msg);
  guint n = open_connections (self);

  /* Past three quarters of the room, every client is asked to go once
   * answered, so the room is not held by idle ones. */
  if (connection != NULL)
    pa_http_connection_request_started (connection, msg, n >= self->max_connections / 4 * 3);
}

static guint
compute_max_connections (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return 16384;
  if (limit.rlim_cur <= 2 * PA_HTTP_RESERVED_FDS)
    return MAX (8, (guint) limit.rlim_cur / 2);
  return MIN ((guint) (limit.rlim_cur - PA_HTTP_RESERVED_FDS), 1u << 20);
}

PaHttpListener *
pa_http_listener_new (SoupServer *soup)
{
  PaHttpListener *self = g_new0 (PaHttpListener, 1);

  self->soup = g_object_ref (soup);
  self->connections = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
  self->max_connections = compute_max_connections ();
  g_signal_connect (soup, "request-started", G_CALLBACK (request_started_cb), self);
  return self;
}

static void
stop_accepting (PaHttpListener *self)
{
  if (self->accept_source != NULL)
    {
      g_source_destroy (self->accept_source);
      g_clear_pointer (&self->accept_source, g_source_unref);
    }
}

static gboolean
retry_cb (gpointer user_data)
{
  PaHttpListener *self = user_data;

  self->retry_id = 0;
  start_accepting (self);
  return G_SOURCE_REMOVE;
}

/* Kept-alive connections waiting for a next request are the cheapest to
 * give up (their clients reconnect), then connections that have sent
 * nothing for a while: a phone sends its request as soon as it connects,
 * and whoever opens connections only to hold them must not lock phones
 * out until the idle timeout. */
static guint
shed_idle_connections (PaHttpListener *self)
{
  g_autoptr(GPtrArray) idle = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 since = g_get_monotonic_time () - SHED_AFTER_MS * 1000;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (pa_http_connection_is_idle (value, since))
      g_ptr_array_add (idle, g_object_ref (value));
  for (guint i = 0; i < idle->len; i++)
    pa_http_connection_close (g_ptr_array_index (idle, i));
  /* A TLS client sends its hello as soon as it connects. */
  return idle->len + (self->tls != NULL ? pa_http_tls_shed_silent (self->tls, since) : 0);
}

static void
pause_accepting (PaHttpListener *self,
                 const char     *why)
{
  stop_accepting (self);
  if (!self->warned_full)
    {
      g_warning ("Not accepting connections for now: %s (%u open; the limit is %u)",
                 why, open_connections (self), self->max_connections);
      self->warned_full = TRUE;
    }
  /* A closing connection resumes us at once; this covers descriptors
   * freed elsewhere. */
  if (self->retry_id == 0)
    self->retry_id = g_timeout_add (RETRY_INTERVAL_MS, retry_cb, self);
}

static gboolean
sweep_cb (gpointer user_data)
{
  PaHttpListener *self = user_data;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  gpointer value;

  /* Copied first: closing one removes it from the table. */
  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, g_object_ref (value));
  for (guint i = 0; i < all->len; i++)
    pa_http_connection_check_deadline (g_ptr_array_index (all, i), now);

  if (g_hash_table_size (self->connections) > 0)
    return G_SOURCE_CONTINUE;
  self->sweep_id = 0;
  return G_SOURCE_REMOVE;
}

static void
take_connection (PaHttpListener *self,
                 GSocket        *socket)
{
  g_autoptr(GSocketAddress) local = g_socket_get_local_address (socket, NULL);
  g_autoptr(GSocketAddress) remote = g_socket_get_remote_address (socket, NULL);
  PaHttpConnection *connection;

  /* Gone before we got to it. */
  if (local == NULL || remote == NULL)
    {
      g_socket_close (socket, NULL);
      return;
    }

  g_socket_set_blocking (socket, FALSE);
  g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, TRUE, NULL);

  if (self->tls != NULL)
    {
      pa_http_tls_take (self->tls, socket, local, remote);
      return;
    }

  connection = pa_http_connection_new (self, self->soup, socket, local, remote);
  g_hash_table_insert (self->connections, remote, connection);
  if (self->sweep_id == 0)
    self->sweep_id = g_timeout_add_seconds (1, sweep_cb, self);
}

static gboolean
accept_cb (GSocket      *listening,
           GIOCondition  condition,
           gpointer      user_data)
{
  PaHttpListener *self = user_data;

  for (guint i = 0; i < ACCEPT_BATCH; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) socket = NULL;

      if (open_connections (self) >= self->max_connections &&
          shed_idle_connections (self) == 0)
        {
          pause_accepting (self, "too many connections");
          return G_SOURCE_REMOVE;
        }

      socket = g_socket_accept (listening, NULL, &error);
      if (socket != NULL)
        {
          take_connection (self, socket);
          continue;
        }
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return G_SOURCE_CONTINUE;
      /* A client that gave up while queued: its error, not ours. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
        continue;

      /* Out of descriptors or memory: never give up for good, as
       * libsoup's own listener does. */
      if (shed_idle_connections (self) > 0)
        continue;
      pause_accepting (self, error->message);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
start_accepting (PaHttpListener *self)
{
  if (self->closing || self->socket == NULL || self->accept_source != NULL)
    return;
  g_clear_handle_id (&self->retry_id, g_source_remove);
  self->accept_source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->accept_source, G_SOURCE_FUNC (accept_cb), self, NULL);
  g_source_attach (self->accept_source, g_main_context_get_thread_default ());
}

gboolean
pa_http_listener_listen (PaHttpListener  *self,
                         GSocketAddress  *address,
                         GSocketAddress **bound,
                         GError         **error)
{
  g_autoptr(GSocket) socket = NULL;

  g_return_val_if_fail (self->socket == NULL, FALSE);

  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_blocking (socket, FALSE);
  g_socket_set_listen_backlog (socket, LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;

  if (bound != NULL)
    {
      *bound = g_socket_get_local_address (socket, error);
      if (*bound == NULL)
        return FALSE;
    }

  self->socket = g_steal_pointer (&socket);
  start_accepting (self);
  return TRUE;
}

void
pa_http_listener_close (PaHttpListener *self)
{
  g_autoptr(GList) connections = NULL;

  self->closing = TRUE;
  stop_accepting (self);
  g_clear_handle_id (&self->retry_id, g_source_remove);
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);

  connections = g_hash_table_get_values (self->connections);
  for (GList *l = connections; l != NULL; l = l->next)
    g_object_ref (l->data);
  for (GList *l = connections; l != NULL; l = l->next)
    {
      pa_http_connection_close (l->data);
      g_object_unref (l->data);
    }
}

void
pa_http_listener_free (PaHttpListener *self)
{
  pa_http_listener_close (self);
  g_signal_handlers_disconnect_by_data (self->soup, self);
  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->tls, pa_http_tls_free);
  g_free (self);
}

void
pa_http_listener_connection_closed (PaHttpListener   *self,
                                    PaHttpConnection *connection)
{
  guint n;

  g_hash_table_remove (self->connections, pa_http_connection_get_remote (connection));
  n = g_hash_table_size (self->connections);
  /* Said once the crowd has thinned, not at each connection that comes
   * and goes at the limit. */
  if (self->warned_full && n < self->max_connections - self->max_connections / 10)
    {
      g_message ("Accepting connections again (%u open)", n);
      self->warned_full = FALSE;
    }
  start_accepting (self);
}

void
pa_http_listener_request_done (PaHttpListener    *self,
                               SoupServerMessage *msg,
                               gboolean           finished)
{
  PaHttpConnection *connection = connection_of (self, msg);

  if (connection != NULL)
    pa_http_connection_request_done (connection, msg, finished);
}

void
pa_http_listener_upgrade (PaHttpListener    *self,
                          SoupServerMessage *msg)
{
  PaHttpConnection *connection = connection_of (self, msg);

  if (connection != NULL)
    pa_http_connection_upgrade (connection);
}

void
pa_http_listener_set_certificate (PaHttpListener  *self,
                                  GTlsCertificate *certificate)
{
  /* A renewed certificate: handshakes under way finish with the old. */
  if (self->tls != NULL && certificate != NULL)
    {
      pa_http_tls_set_certificate (self->tls, certificate);
      return;
    }
  g_clear_pointer (&self->tls, pa_http_tls_free);
  if (certificate != NULL)
    self->tls = pa_http_tls_new (self->soup, certificate);
}

void
pa_http_listener_set_quick (PaHttpListener  *self,
                            PaHttpQuickFunc  func,
                            gpointer         user_data)
{
  self->quick = func;
  self->quick_data = user_data;
}

GBytes *
pa_http_listener_answer_quickly (PaHttpListener        *self,
                                 const PaHttpHeadParts *parts,
                                 GSocketAddress        *remote,
                                 PaHttpFileBody        *file)
{
  if (self->quick == NULL || self->closing)
    return NULL;
  return self->quick (parts, remote, file, self->quick_data);
}
