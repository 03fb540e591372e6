/* pa-http-tls.c — HTTPS connections: the handshake, then libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-http"

#include "config.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "pa-http-connection.h"
#include "pa-http-tls.h"

/* A g_rc_box: held by PaHttpTls and by each connection, as connections
 * outlive the listener that took them. */
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
  GQueue           silent;        /* Conn, oldest first */
  /* remote GSocketAddress (the object libsoup hands back with each
   * message) → Conn, those libsoup serves */
  GHashTable      *served;
  guint            sweep_id;
} State;

struct _PaHttpTls
{
  State *state;
};

typedef enum
{
  SILENT,        /* accepted, nothing received yet */
  HANDSHAKING,   /* in a worker thread */
  AWAITING,      /* libsoup's, no request begun */
  HEAD,          /* a request begun, its headers not all in */
  SERVING,       /* headers in: bounded by progress, not time */
} Phase;

/* From accept until the socket is finalized (its weak reference frees
 * it), whoever holds the socket by then. */
typedef struct
{
  State          *state;
  GSocket        *socket;         /* ours until handed to libsoup */
  GSocket        *borrowed;       /* libsoup's: alive while this is */
  GSocketAddress *local;
  GSocketAddress *remote;
  Phase           phase;
  gint64          accepted_at;
  gint64          deadline;       /* AWAITING, HEAD */
  GSource        *first_bytes;    /* SILENT */
  GList           silent_link;
  guint           timeout_id;     /* SILENT, HANDSHAKING */
} Conn;

static void
state_clear (gpointer data)
{
  State *state = data;

  g_clear_handle_id (&state->sweep_id, g_source_remove);
  g_clear_pointer (&state->served, g_hash_table_unref);
  g_clear_object (&state->soup);
  g_clear_object (&state->certificate);
  g_clear_object (&state->cancellable);
}

static void
state_release (gpointer  data,
               GClosure *closure)
{
  g_rc_box_release_full (data, state_clear);
}

static void
stop_waiting (Conn *c)
{
  if (c->first_bytes == NULL)
    return;
  g_source_destroy (c->first_bytes);
  g_clear_pointer (&c->first_bytes, g_source_unref);
  g_queue_unlink (&c->state->silent, &c->silent_link);
}

/* Ends our hold on the socket: @c may be gone when this returns. */
static void
let_go (Conn *c)
{
  g_clear_handle_id (&c->timeout_id, g_source_remove);
  stop_waiting (c);
  g_clear_object (&c->socket);
}

static void
socket_gone_cb (gpointer  user_data,
                GObject  *where_the_socket_was)
{
  Conn *c = user_data;
  State *state = c->state;

  if (c->borrowed != NULL)
    g_hash_table_remove (state->served, c->remote);
  state->open--;
  g_clear_object (&c->local);
  g_clear_object (&c->remote);
  g_free (c);
  g_rc_box_release_full (state, state_clear);
}

/* Never said a word: nothing runs for it but its sources. */
static void
drop_silent (Conn *c)
{
  g_socket_close (c->socket, NULL);
  let_go (c);
}

static gboolean
too_slow_cb (gpointer user_data)
{
  Conn *c = user_data;

  c->timeout_id = 0;
  if (c->phase == SILENT)
    {
      drop_silent (c);
      return G_SOURCE_REMOVE;
    }
  /* The handshake blocks in a worker thread. Shutting the socket down
   * (not closing it: its descriptor stays ours) ends the thread's wait
   * without cancelling the others' (they share a cancellable). */
  g_socket_shutdown (c->socket, TRUE, TRUE, NULL);
  return G_SOURCE_REMOVE;
}

/* Whether the kernel has moved no data either way on @socket for
 * @seconds: a peer that stopped reading or sending. */
static gboolean
stalled (GSocket *socket,
         guint    seconds)
{
  struct tcp_info info = { 0 };
  socklen_t length = sizeof info;

  if (getsockopt (g_socket_get_fd (socket), IPPROTO_TCP, TCP_INFO, &info, &length) != 0)
    return FALSE;
  return MIN (info.tcpi_last_data_recv, info.tcpi_last_data_sent) >= seconds * 1000u;
}

/* libsoup keeps no time on a connection it was handed: a client that
 * finished its handshake and sends nothing, or half a head, or stops
 * reading its answer, would hold its descriptor for good. Shut down, the
 * socket fails libsoup's pending read or write, and libsoup lets go. */
static gboolean
sweep_cb (gpointer user_data)
{
  State *state = user_data;
  gint64 now = g_get_monotonic_time ();
  GHashTableIter iter;
  Conn *c;

  g_hash_table_iter_init (&iter, state->served);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &c))
    {
      gboolean over = c->phase == SERVING ? stalled (c->borrowed, PA_HTTP_STALL_TIMEOUT_SEC)
                                          : now >= c->deadline;

      if (over)
        {
          g_socket_shutdown (c->borrowed, TRUE, TRUE, NULL);
          c->phase = SERVING;
          c->deadline = G_MAXINT64;
        }
    }
  if (g_hash_table_size (state->served) > 0)
    return G_SOURCE_CONTINUE;
  state->sweep_id = 0;
  return G_SOURCE_REMOVE;
}

static void
handshake_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Conn *c = user_data;
  State *state = c->state;
  GTlsConnection *tls = G_TLS_CONNECTION (source);
  g_autoptr(GError) error = NULL;

  if (!g_tls_connection_handshake_finish (tls, result, &error))
    {
      g_autofree char *who = g_socket_connectable_to_string (G_SOCKET_CONNECTABLE (c->remote));

      /* A scanner, a client that does not trust us, plain HTTP on the TLS
       * port: nothing to serve. */
      g_debug ("TLS handshake with %s failed: %s", who, error->message);
      g_io_stream_close (G_IO_STREAM (tls), NULL, NULL);
    }
  else
    {
      /* Before libsoup may read the request: it can start at once. */
      c->borrowed = c->socket;
      c->phase = AWAITING;
      c->deadline = g_get_monotonic_time () + PA_HTTP_IDLE_TIMEOUT_SEC * G_USEC_PER_SEC;
      g_hash_table_insert (state->served, c->remote, c);
      if (state->sweep_id == 0)
        state->sweep_id = g_timeout_add_seconds (1, sweep_cb, state);
      if (!soup_server_accept_iostream (state->soup, G_IO_STREAM (tls), c->local, c->remote,
                                        &error))
        {
          g_warning ("Cannot serve a TLS connection: %s", error->message);
          g_io_stream_close (G_IO_STREAM (tls), NULL, NULL);
        }
    }
  g_object_unref (tls);
  let_go (c);
}

static gboolean
first_bytes_cb (GSocket      *socket,
                GIOCondition  condition,
                gpointer      user_data)
{
  Conn *c = user_data;
  g_autoptr(GSocketConnection) connection = g_socket_connection_factory_create_connection (socket);
  g_autoptr(GError) error = NULL;
  GType type = g_tls_backend_get_server_connection_type (g_tls_backend_get_default ());
  GIOStream *tls;

  stop_waiting (c);
  /* No database: provd asks phones for no certificate, and the default
   * one would load the system's whole CA bundle into every connection
   * (17 ms and 4 MB each, measured). */
  tls = g_initable_new (type, NULL, &error,
                        "base-io-stream", connection,
                        "certificate", c->state->certificate,
                        "database", NULL,
                        NULL);
  if (tls == NULL)
    {
      g_warning ("Cannot start TLS: %s", error->message);
      drop_silent (c);
      return G_SOURCE_REMOVE;
    }
  c->phase = HANDSHAKING;
  g_tls_connection_handshake_async (G_TLS_CONNECTION (tls), G_PRIORITY_DEFAULT,
                                    c->state->cancellable, handshake_cb, c);
  return G_SOURCE_REMOVE;
}

static Conn *
conn_of (State             *state,
         SoupServerMessage *msg)
{
  return g_hash_table_lookup (state->served, soup_server_message_get_remote_address (msg));
}

static void
got_headers_cb (SoupServerMessage *msg,
                gpointer           user_data)
{
  Conn *c = conn_of (user_data, msg);

  if (c != NULL && c->phase == HEAD)
    c->phase = SERVING;
}

static void
request_started_cb (SoupServer        *soup,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  State *state = user_data;
  Conn *c = conn_of (state, msg);

  if (c == NULL)
    return;   /* a plain connection's */

  /* libsoup closes a connection it was handed once the request is
   * answered (it keeps alive only its own listeners'); said, so that a
   * phone asks for its next file on a new connection instead of finding
   * this one gone. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");
  if (c->phase != AWAITING)
    return;
  c->phase = HEAD;
  c->deadline = g_get_monotonic_time () + PA_HTTP_HEAD_TIMEOUT_SEC * G_USEC_PER_SEC;
  g_signal_connect_data (msg, "got-headers", G_CALLBACK (got_headers_cb),
                         g_rc_box_acquire (state), state_release, 0);
}

PaHttpTls *
pa_http_tls_new (SoupServer      *soup,
                 GTlsCertificate *certificate)
{
  PaHttpTls *self = g_new0 (PaHttpTls, 1);
  State *state = g_rc_box_new0 (State);

  state->soup = g_object_ref (soup);
  state->certificate = g_object_ref (certificate);
  state->cancellable = g_cancellable_new ();
  state->served = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_queue_init (&state->silent);
  g_signal_connect (soup, "request-started", G_CALLBACK (request_started_cb), state);
  self->state = state;
  return self;
}

void
pa_http_tls_free (PaHttpTls *self)
{
  g_signal_handlers_disconnect_by_data (self->state->soup, self->state);
  g_cancellable_cancel (self->state->cancellable);
  g_rc_box_release_full (self->state, state_clear);
  g_free (self);
}

void
pa_http_tls_set_certificate (PaHttpTls       *self,
                             GTlsCertificate *certificate)
{
  g_set_object (&self->state->certificate, certificate);
}

void
pa_http_tls_take (PaHttpTls      *self,
                  GSocket        *socket,
                  GSocketAddress *local,
                  GSocketAddress *remote)
{
  Conn *c = g_new0 (Conn, 1);

  /* The socket object lives as long as its descriptor: through the
   * handshake, then in libsoup's connection until that is gone. */
  self->state->open++;
  c->state = g_rc_box_acquire (self->state);
  g_object_weak_ref (G_OBJECT (socket), socket_gone_cb, c);

  c->socket = g_object_ref (socket);
  c->local = g_object_ref (local);
  c->remote = g_object_ref (remote);
  c->phase = SILENT;
  c->accepted_at = g_get_monotonic_time ();
  c->silent_link.data = c;
  c->timeout_id = g_timeout_add_seconds (PA_HTTP_TLS_HANDSHAKE_SECONDS, too_slow_cb, c);
  /* glib-networking runs each handshake in a thread that blocks until
   * the client speaks: one that connects and says nothing waits here,
   * on the main loop, instead of holding a thread. */
  c->first_bytes = g_socket_create_source (socket, G_IO_IN | G_IO_HUP | G_IO_ERR, NULL);
  g_source_set_callback (c->first_bytes, G_SOURCE_FUNC (first_bytes_cb), c, NULL);
  g_source_attach (c->first_bytes, g_main_context_get_thread_default ());
  g_queue_push_tail_link (&self->state->silent, &c->silent_link);
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
      Conn *c = self->state->silent.head->data;

      if (c->accepted_at > since)
        break;
      drop_silent (c);
      shed++;
    }
  return shed;
}
