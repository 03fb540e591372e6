/* pa-http-tls.c — HTTPS connections: the handshake, then libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-http"

#include "config.h"

#include "pa-http-tls.h"

/* A g_rc_box: held by the listener, each handshake and each socket, as
 * connections outlive the listener that took them. */
typedef struct
{
  SoupServer      *soup;
  GTlsCertificate *certificate;
  /* One for all handshakes, cancelled when provd stops taking them: a
   * handshake blocked in its thread polls the cancellable's eventfd, and
   * one each would cost every waiting handshake a descriptor (at the
   * limit, GLib aborts when it cannot make one). */
  GCancellable    *cancellable;
  guint            open;
  GQueue           silent;        /* Handshake, oldest first */
} State;

struct _PaHttpTls
{
  State *state;
};

typedef struct
{
  State          *state;
  GSocket        *socket;
  GSocketAddress *local;
  GSocketAddress *remote;
  gint64          accepted_at;
  GSource        *first_bytes;    /* set until the client has sent something */
  GList           silent_link;
  guint           timeout_id;
} Handshake;

static void
state_clear (gpointer data)
{
  State *state = data;

  g_clear_object (&state->soup);
  g_clear_object (&state->certificate);
  g_clear_object (&state->cancellable);
}

static void
stop_waiting (Handshake *h)
{
  if (h->first_bytes == NULL)
    return;
  g_source_destroy (h->first_bytes);
  g_clear_pointer (&h->first_bytes, g_source_unref);
  g_queue_unlink (&h->state->silent, &h->silent_link);
}

static void
handshake_free (Handshake *h)
{
  g_clear_handle_id (&h->timeout_id, g_source_remove);
  stop_waiting (h);
  g_clear_object (&h->socket);
  g_clear_object (&h->local);
  g_clear_object (&h->remote);
  g_rc_box_release_full (h->state, state_clear);
  g_free (h);
}

/* Never said a word: nothing runs for it but its sources. */
static void
drop_silent (Handshake *h)
{
  g_socket_close (h->socket, NULL);
  handshake_free (h);
}

static gboolean
too_slow_cb (gpointer user_data)
{
  Handshake *h = user_data;

  h->timeout_id = 0;
  if (h->first_bytes != NULL)
    {
      drop_silent (h);
      return G_SOURCE_REMOVE;
    }
  /* The handshake blocks in a worker thread. Shutting the socket down
   * (not closing it: its descriptor stays ours) ends the thread's wait
   * without cancelling the others' (they share a cancellable). */
  g_socket_shutdown (h->socket, TRUE, TRUE, NULL);
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
  else if (!soup_server_accept_iostream (h->state->soup, G_IO_STREAM (tls), h->local, h->remote,
                                         &error))
    {
      g_warning ("Cannot serve a TLS connection: %s", error->message);
      g_io_stream_close (G_IO_STREAM (tls), NULL, NULL);
    }
  g_object_unref (tls);
  handshake_free (h);
}

static gboolean
first_bytes_cb (GSocket      *socket,
                GIOCondition  condition,
                gpointer      user_data)
{
  Handshake *h = user_data;
  g_autoptr(GSocketConnection) connection = g_socket_connection_factory_create_connection (socket);
  g_autoptr(GError) error = NULL;
  GType type = g_tls_backend_get_server_connection_type (g_tls_backend_get_default ());
  GIOStream *tls;

  stop_waiting (h);
  /* No database: provd asks phones for no certificate, and the default
   * one would load the system's whole CA bundle into every connection
   * (17 ms and 4 MB each, measured). */
  tls = g_initable_new (type, NULL, &error,
                        "base-io-stream", connection,
                        "certificate", h->state->certificate,
                        "database", NULL,
                        NULL);
  if (tls == NULL)
    {
      g_warning ("Cannot start TLS: %s", error->message);
      drop_silent (h);
      return G_SOURCE_REMOVE;
    }
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
                                    h->state->cancellable, handshake_cb, h);
  return G_SOURCE_REMOVE;
}

static void
socket_gone_cb (gpointer  user_data,
                GObject  *where_the_socket_was)
{
  State *state = user_data;

  state->open--;
  g_rc_box_release_full (state, state_clear);
}

PaHttpTls *
pa_http_tls_new (SoupServer      *soup,
                 GTlsCertificate *certificate)
{
  PaHttpTls *self = g_new0 (PaHttpTls, 1);

  self->state = g_rc_box_new0 (State);
  self->state->soup = g_object_ref (soup);
  self->state->certificate = g_object_ref (certificate);
  self->state->cancellable = g_cancellable_new ();
  g_queue_init (&self->state->silent);
  return self;
}

void
pa_http_tls_free (PaHttpTls *self)
{
  g_cancellable_cancel (self->state->cancellable);
  g_rc_box_release_full (self->state, state_clear);
  g_free (self);
}

void
pa_http_tls_take (PaHttpTls      *self,
                  GSocket        *socket,
                  GSocketAddress *local,
                  GSocketAddress *remote)
{
  Handshake *h = g_new0 (Handshake, 1);

  /* The socket object lives as long as its descriptor: through the
   * handshake, then in libsoup's connection until that is gone. */
  self->state->open++;
  g_object_weak_ref (G_OBJECT (socket), socket_gone_cb, g_rc_box_acquire (self->state));

  h->state = g_rc_box_acquire (self->state);
  h->socket = g_object_ref (socket);
  h->local = g_object_ref (local);
  h->remote = g_object_ref (remote);
  h->accepted_at = g_get_monotonic_time ();
  h->silent_link.data = h;
  h->timeout_id = g_timeout_add_seconds (PA_HTTP_TLS_HANDSHAKE_SECONDS, too_slow_cb, h);
  /* glib-networking runs each handshake in a thread that blocks until
   * the client speaks: one that connects and says nothing waits here,
   * on the main loop, instead of holding a thread. */
  h->first_bytes = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (h->first_bytes, G_SOURCE_FUNC (first_bytes_cb), h, NULL);
  g_source_attach (h->first_bytes, g_main_context_get_thread_default ());
  g_queue_push_tail_link (&self->state->silent, &h->silent_link);
}

guint
pa_http_tls_open (PaHttpTls *self)
{
  return self->state->open;
}

guint
pa_http_tls_shed_silent (PaHttpTls *self,
                         gint64     since)
{
  guint shed = 0;

  while (self->state->silent.head != NULL)
    {
      Handshake *h = self->state->silent.head->data;

      if (h->accepted_at > since)
        break;
      drop_silent (h);
      shed++;
    }
  return shed;
}
