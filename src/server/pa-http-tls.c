/* pa-http-tls.c — HTTPS connections: the handshake, then libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-http"

#include "config.h"

#include "pa-http-tls.h"

typedef struct
{
  SoupServer     *soup;
  GSocketAddress *local;
  GSocketAddress *remote;
  GCancellable   *cancellable;
  guint           timeout_id;
} Handshake;

static void
handshake_free (Handshake *h)
{
  g_clear_handle_id (&h->timeout_id, g_source_remove);
  g_clear_object (&h->soup);
  g_clear_object (&h->local);
  g_clear_object (&h->remote);
  g_clear_object (&h->cancellable);
  g_free (h);
}

static gboolean
too_slow_cb (gpointer user_data)
{
  Handshake *h = user_data;

  h->timeout_id = 0;
  g_cancellable_cancel (h->cancellable);
  return G_SOURCE_REMOVE;
}

static void
handshake_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Handshake *h = user_data;
  GTlsConnection *tls = G_TLS_CONNECTION (source);
  g_autoptr(GError) error = NULL;

  if (!g_tls_connection_handshake_finish (tls, result, &error))
    {
      g_autofree char *who = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (h->remote));

      /* A scanner, a client that does not trust us, plain HTTP on the TLS
       * port: nothing to serve. */
      g_debug ("TLS handshake with %s failed: %s", who, error->message);
      g_io_stream_close (G_IO_STREAM (tls), NULL, NULL);
    }
  else if (!soup_server_accept_iostream (h->soup, G_IO_STREAM (tls), h->local, h->remote, &error))
    {
      g_warning ("Cannot serve a TLS connection: %s", error->message);
      g_io_stream_close (G_IO_STREAM (tls), NULL, NULL);
    }
  g_object_unref (tls);
  handshake_free (h);
}

static void
stream_gone_cb (gpointer  user_data,
                GObject  *where_the_stream_was)
{
  guint *open_count = user_data;

  (*open_count)--;
  g_rc_box_release (open_count);
}

void
pa_http_tls_take (SoupServer      *soup,
                  GSocket         *socket,
                  GSocketAddress  *local,
                  GSocketAddress  *remote,
                  GTlsCertificate *certificate,
                  guint           *open_count)
{
  g_autoptr(GSocketConnection) connection = g_socket_connection_factory_create_connection (socket);
  g_autoptr(GError) error = NULL;
  GIOStream *tls;
  Handshake *h;

  tls = g_tls_server_connection_new (G_IO_STREAM (connection), certificate, &error);
  if (tls == NULL)
    {
      g_warning ("Cannot start TLS: %s", error->message);
      g_socket_close (socket, NULL);
      return;
    }
  (*open_count)++;
  g_object_weak_ref (G_OBJECT (tls), stream_gone_cb, g_rc_box_acquire (open_count));
  h = g_new0 (Handshake, 1);
  h->soup = g_object_ref (soup);
  h->local = g_object_ref (local);
  h->remote = g_object_ref (remote);
  h->cancellable = g_cancellable_new ();
  h->timeout_id = g_timeout_add_seconds (PA_HTTP_TLS_HANDSHAKE_SECONDS, too_slow_cb, h);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT, h->cancellable,
                                    handshake_cb, h);
}
