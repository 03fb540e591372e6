/* pa-http-connection.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A connection is READING (its own source reads the next head), SERVING
 * (libsoup holds a PaHttpLease and answers one request), WRITING (a quick
 * answer, made without libsoup, goes out; then it closes), LINGERING (a
 * refused request's answer is sent; the rest of its bytes are dropped
 * until the client closes) or CLOSED.
 */
#define G_LOG_DOMAIN "pa-http"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include "pa-http-connection.h"
#include "pa-http-head.h"
#include "pa-http.h"
#include "pa-http-lease.h"
#include "pa-http-listener.h"

#define READ_CHUNK 4096
#define UNLIMITED  G_MAXUINT64

typedef enum
{
  STATE_READING,
  STATE_SERVING,
  STATE_WRITING,
  STATE_LINGERING,
  STATE_CLOSED,
} State;

struct _PaHttpConnection
{
  GObject          parent_instance;

  PaHttpListener  *listener;      /* not owned: it closes us before it goes */
  GThread         *thread;        /* the main loop's: the only one that may use us */
  SoupServer      *soup;
  GSocket         *socket;
  GSocketAddress  *local;
  GSocketAddress  *remote;

  State            state;
  GSource         *source;        /* READING, LINGERING: the socket's input */
  GSource         *kick;          /* a pipelined head already in @inbuf */
  gint64           deadline;      /* READING, LINGERING */
  gint64           idle_from;     /* READING: since when */
  gint64           last_activity; /* SERVING */
  gboolean         shut_down;     /* SERVING: stalled, socket shut down */

  /* Bytes read from the socket and not yet given to libsoup. */
  GByteArray      *inbuf;
  PaHttpHead       head;
  /* What libsoup may still read of the current request. */
  guint64          allowance;
  guint            served;
  gboolean         keep;          /* we told the client it stays open */
  gboolean         reuse;         /* ... and the request ended well */

  /* WRITING: the quick answer and how much of it is sent, then what of
   * a file follows it (fd -1: nothing). */
  GBytes          *outbuf;
  gsize            sent;
  PaHttpFileBody   file;
};

G_DEFINE_FINAL_TYPE (PaHttpConnection, pa_http_connection, G_TYPE_OBJECT)

static void process_input (PaHttpConnection *self);

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static void
pa_http_connection_finalize (GObject *object)
{
  PaHttpConnection *self = PA_HTTP_CONNECTION (object);

  clear_source (&self->source);
  clear_source (&self->kick);
  /* A connection closed while libsoup still held it keeps its descriptor
   * until now, when libsoup has let go of every source polling it:
   * closing earlier could hand the number to a new client under it. */
  if (self->socket != NULL)
    g_socket_close (self->socket, NULL);
  g_clear_object (&self->socket);
  g_clear_object (&self->local);
  g_clear_object (&self->remote);
  g_clear_pointer (&self->outbuf, g_bytes_unref);
  if (self->file.fd >= 0)
    close (self->file.fd);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->inbuf, g_byte_array_unref);

  G_OBJECT_CLASS (pa_http_connection_parent_class)->finalize (object);
}

static void
pa_http_connection_class_init (PaHttpConnectionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pa_http_connection_finalize;
}

static void
pa_http_connection_init (PaHttpConnection *self)
{
  self->inbuf = g_byte_array_new ();
  self->file.fd = -1;
}

static const char *
remote_text (PaHttpConnection *self,
             char             *buffer,
             gsize             size)
{
  g_autofree char *ip = NULL;

  if (!G_IS_INET_SOCKET_ADDRESS (self->remote))
    return "?";
  ip = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (self->remote)));
  g_strlcpy (buffer, ip, size);
  return buffer;
}

void
pa_http_connection_close (PaHttpConnection *self)
{
  State was = self->state;

  if (was == STATE_CLOSED)
    return;
  self->state = STATE_CLOSED;
  clear_source (&self->source);
  clear_source (&self->kick);
  if (self->file.fd >= 0)
    {
      close (self->file.fd);
      self->file.fd = -1;
    }

  if (was == STATE_SERVING)
    g_socket_shutdown (self->socket, TRUE, TRUE, NULL);
  else
    g_socket_close (self->socket, NULL);

  pa_http_listener_connection_closed (self->listener, self);
}

static gboolean socket_input_cb (GSocket      *socket,
                                 GIOCondition  condition,
                                 gpointer      user_data);

static void
watch_input (PaHttpConnection *self)
{
  clear_source (&self->source);
  self->source = g_socket_create_source (self->socket, G_IO_IN, NULL);
  g_source_set_callback (self->source, G_SOURCE_FUNC (socket_input_cb), self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());
}

static void
start_reading (PaHttpConnection *self,
               guint             timeout_sec)
{
  self->state = STATE_READING;
  self->idle_from = g_get_monotonic_time ();
  self->deadline = self->idle_from + timeout_sec * G_USEC_PER_SEC;
  watch_input (self);
}

static gboolean
kick_cb (gpointer user_data)
{
  PaHttpConnection *self = user_data;

  g_clear_pointer (&self->kick, g_source_unref);
  if (self->state == STATE_READING)
    process_input (self);
  return G_SOURCE_REMOVE;
}

static char *
refusal_text (guint       status,
              const char *reason,
              gsize      *length)
{
  g_autofree char *body = NULL;
  const char *code;
  gsize body_length = 0;
  char *text;

  switch (status)
    {
    case 431: code = "header_too_large"; break;
    case 501: code = "not_implemented"; break;
    case 505: code = "http_version_not_supported"; break;
    default:  code = "bad_request"; break;
    }
  body = pa_http_error_text (code, NULL, reason, &body_length);

  text = g_strdup_printf ("HTTP/1.1 %u %s\r\n"
                          "Server: phoneadmin-provd\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Length: %zu\r\n"
                          "Cache-Control: no-store\r\n"
                          "Connection: close\r\n"
                          "\r\n%s",
                          status, soup_status_get_phrase (status), body_length, body);
  *length = strlen (text);
  return text;
}

/* Answers a request whose framing we cannot trust, and closes. libsoup
 * never sees it. */
static void
refuse (PaHttpConnection *self,
        guint             status,
        const char       *reason)
{
  g_autofree char *text = NULL;
  char who[64];
  gsize length = 0;

  g_debug ("Refused a request from %s: %u, %s",
           remote_text (self, who, sizeof who), status, reason);

  /* The send buffer is empty here (every earlier response was written in
   * full before its lease ended), so a short answer goes out in one call. */
  text = refusal_text (status, reason, &length);
  g_socket_send (self->socket, text, length, NULL, NULL);
  g_socket_shutdown (self->socket, FALSE, TRUE, NULL);

  g_byte_array_set_size (self->inbuf, 0);
  self->state = STATE_LINGERING;
  self->deadline = g_get_monotonic_time () + PA_HTTP_LINGER_TIMEOUT_SEC * G_USEC_PER_SEC;
}

static void
start_lease (PaHttpConnection *self)
{
  g_autoptr(GIOStream) lease = NULL;

  clear_source (&self->source);
  g_byte_array_remove_range (self->inbuf, 0, self->head.skip);
  self->head.skip = 0;

  self->state = STATE_SERVING;
  self->shut_down = FALSE;
  self->keep = FALSE;
  self->reuse = FALSE;
  self->last_activity = g_get_monotonic_time ();
  self->allowance = self->head.chunked ? UNLIMITED : self->head.length + self->head.content_length;

  /* libsoup may answer the whole request before this returns, ending the
   * lease inside it: pa_http_connection_lease_closed() copes. */
  lease = pa_http_lease_new (self);
  soup_server_accept_iostream (self->soup, lease, self->local, self->remote, NULL);
}

static gboolean write_cb (GSocket      *socket,
                          GIOCondition  condition,
                          gpointer      user_data);

static void
wait_writable (PaHttpConnection *self)
{
  if (self->source != NULL)
    return;
  self->source = g_socket_create_source (self->socket, G_IO_OUT, NULL);
  g_source_set_callback (self->source, G_SOURCE_FUNC (write_cb), self, NULL);
  g_source_attach (self->source, g_main_context_get_thread_default ());
}

/* Sends what the socket takes of the quick answer, then of its file, in
 * the kernel (sendfile: no copy through provd, flat memory for a 50 MB
 * firmware); closes once it is all out (the answer says so), or on an
 * error. */
static void
write_some (PaHttpConnection *self)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (self->outbuf, &length);

  while (self->sent < length)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_send (self->socket, data + self->sent, length - self->sent, NULL, &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          wait_writable (self);
          return;
        }
      if (n <= 0)
        goto done;
      self->sent += n;
      self->deadline = g_get_monotonic_time () + PA_HTTP_STALL_TIMEOUT_SEC * G_USEC_PER_SEC;
    }
  while (self->file.fd >= 0 && self->file.length > 0)
    {
      off_t offset = (off_t) self->file.offset;
      ssize_t n = sendfile (g_socket_get_fd (self->socket), self->file.fd, &offset,
                            MIN (self->file.length, (guint64) 1 << 30));

      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        {
          wait_writable (self);
          return;
        }
      if (n < 0 && errno == EINTR)
        continue;
      /* 0: the file is shorter than it was when the answer was made. */
      if (n <= 0)
        break;
      self->file.offset += n;
      self->file.length -= n;
      self->deadline = g_get_monotonic_time () + PA_HTTP_STALL_TIMEOUT_SEC * G_USEC_PER_SEC;
    }
done:
  /* Nothing else was sent (the request had no body and nothing came
   * after it), so closing ends the connection with a FIN, not a reset. */
  pa_http_connection_close (self);
}

static gboolean
write_cb (GSocket      *socket,
          GIOCondition  condition,
          gpointer      user_data)
{
  g_autoptr(PaHttpConnection) self = g_object_ref (user_data);

  write_some (self);
  return self->state == STATE_WRITING ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* A request the server can answer without libsoup (a cached phone file):
 * a head without a body, nothing behind it yet. */
static gboolean
answer_quickly (PaHttpConnection *self)
{
  PaHttpHeadParts parts;
  GBytes *answer;

  if (self->head.content_length != 0 || self->head.chunked ||
      self->inbuf->len != self->head.skip + self->head.length ||
      !pa_http_head_read_parts (self->inbuf->data, &self->head, &parts))
    return FALSE;
  answer = pa_http_listener_answer_quickly (self->listener, &parts, self->remote, &self->file);
  if (answer == NULL)
    return FALSE;

  /* A file's megabytes go in full segments: TCP_NODELAY, which gets small
   * answers out at once, would push each piece sendfile() hands over. */
  if (self->file.fd >= 0)
    g_socket_set_option (self->socket, IPPROTO_TCP, TCP_NODELAY, FALSE, NULL);
  clear_source (&self->source);
  g_byte_array_set_size (self->inbuf, 0);
  self->served++;
  self->state = STATE_WRITING;
  self->outbuf = answer;
  self->sent = 0;
  self->deadline = g_get_monotonic_time () + PA_HTTP_STALL_TIMEOUT_SEC * G_USEC_PER_SEC;
  write_some (self);
  return TRUE;
}

static void
process_input (PaHttpConnection *self)
{
  switch (pa_http_head_scan (self->inbuf->data, self->inbuf->len, &self->head))
    {
    case PA_HTTP_HEAD_INCOMPLETE:
      break;
    case PA_HTTP_HEAD_REFUSED:
      refuse (self, self->head.status, self->head.reason);
      break;
    case PA_HTTP_HEAD_COMPLETE:
      if (!answer_quickly (self))
        start_lease (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
socket_input_cb (GSocket      *socket,
                 GIOCondition  condition,
                 gpointer      user_data)
{
  g_autoptr(PaHttpConnection) self = g_object_ref (user_data);
  g_autoptr(GError) error = NULL;
  guint8 buffer[READ_CHUNK];
  gssize n;

  n = g_socket_receive (socket, (char *) buffer, sizeof buffer, NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      /* The client went away (or reset us): nothing to answer. */
      pa_http_connection_close (self);
      return G_SOURCE_REMOVE;
    }

  if (self->state == STATE_LINGERING)
    return G_SOURCE_CONTINUE;

  if (self->inbuf->len == 0)
    self->deadline = g_get_monotonic_time () + PA_HTTP_HEAD_TIMEOUT_SEC * G_USEC_PER_SEC;
  g_byte_array_append (self->inbuf, buffer, n);
  process_input (self);

  return self->state == STATE_READING || self->state == STATE_LINGERING
         ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

PaHttpConnection *
pa_http_connection_new (PaHttpListener *listener,
                        SoupServer     *soup,
                        GSocket        *socket,
                        GSocketAddress *local,
                        GSocketAddress *remote)
{
  PaHttpConnection *self = g_object_new (PA_TYPE_HTTP_CONNECTION, NULL);

  self->listener = listener;
  self->thread = g_thread_self ();
  self->soup = g_object_ref (soup);
  self->socket = g_object_ref (socket);
  self->local = g_object_ref (local);
  self->remote = g_object_ref (remote);
  start_reading (self, PA_HTTP_IDLE_TIMEOUT_SEC);
  return self;
}

GSocketAddress *
pa_http_connection_get_remote (PaHttpConnection *self)
{
  return self->remote;
}

void
pa_http_connection_request_started (PaHttpConnection  *self,
                                    SoupServerMessage *msg,
                                    gboolean           crowded)
{
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  if (self->state != STATE_SERVING)
    return;

  /* Whether we may keep it is known before the request is read, so the
   * client hears it in the response instead of finding the socket closed
   * under its next request. After a chunked body we cannot tell whether
   * libsoup read past its end. */
  self->keep = self->head.keep_alive && !self->head.chunked && !crowded &&
               self->served + 1 < PA_HTTP_MAX_REQUESTS;
  if (!self->keep)
    soup_message_headers_replace (response, "Connection", "close");
  else if (self->head.minor_version == 0)
    soup_message_headers_replace (response, "Connection", "keep-alive");
}

void
pa_http_connection_upgrade (PaHttpConnection *self)
{
  if (self->state != STATE_SERVING)
    return;
  /* Never a next request on it; the stall check still applies, and the
   * new protocol keeps it busy (the change stream sends every 25 s). */
  self->allowance = UNLIMITED;
  self->keep = FALSE;
}

void
pa_http_connection_request_done (PaHttpConnection  *self,
                                 SoupServerMessage *msg,
                                 gboolean           finished)
{
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  if (self->state != STATE_SERVING)
    return;

  self->served++;
  /* A handler may have said close (the phone endpoint does). */
  self->reuse = finished && self->keep &&
                !soup_message_headers_header_contains (response, "Connection", "close");
}

void
pa_http_connection_lease_closed (PaHttpConnection *self)
{
  /* A lease closed in another thread (GIOStream's own close_async) raced
   * the main loop for the listener, and outlived it at a stop. */
  g_return_if_fail (self->thread == g_thread_self ());

  if (self->state != STATE_SERVING)
    return;

  /* A body libsoup did not read to its end would be taken for the next
   * head. */
  if (!self->reuse || self->shut_down || self->allowance != 0)
    {
      pa_http_connection_close (self);
      return;
    }

  start_reading (self, self->inbuf->len > 0 ? PA_HTTP_HEAD_TIMEOUT_SEC : PA_HTTP_KEEPALIVE_TIMEOUT_SEC);
  if (self->inbuf->len > 0 && self->kick == NULL)
    {
      /* Not from here: we may be deep inside libsoup ending the last one. */
      self->kick = g_idle_source_new ();
      g_source_set_callback (self->kick, kick_cb, self, NULL);
      g_source_attach (self->kick, g_main_context_get_thread_default ());
    }
}

gboolean
pa_http_connection_check_deadline (PaHttpConnection *self,
                                   gint64            now)
{
  switch (self->state)
    {
    case STATE_READING:
    case STATE_WRITING:
    case STATE_LINGERING:
      if (now >= self->deadline)
        {
          pa_http_connection_close (self);
          return FALSE;
        }
      return TRUE;

    case STATE_SERVING:
      /* libsoup's pending read or write fails on the shut-down socket,
       * it ends the request, and the lease comes back. */
      if (!self->shut_down && now - self->last_activity >= PA_HTTP_STALL_TIMEOUT_SEC * G_USEC_PER_SEC)
        {
          self->shut_down = TRUE;
          g_socket_shutdown (self->socket, TRUE, TRUE, NULL);
        }
      return TRUE;

    case STATE_CLOSED:
    default:
      return FALSE;
    }
}

gboolean
pa_http_connection_is_idle (PaHttpConnection *self,
                            gint64            idle_since)
{
  return self->state == STATE_READING && self->inbuf->len == 0 &&
         (self->served > 0 || self->idle_from <= idle_since);
}

/* -- the lease's side ---------------------------------------------------- */

static gboolean
lease_usable (PaHttpConnection  *self,
              GError           **error)
{
  /* GIO's default async read, write or close would use a lease from a
   * thread of its pool: the lease's streams are pollable, and it closes
   * itself on the caller's thread, so none does. */
  g_return_val_if_fail (self->thread == g_thread_self (), FALSE);
  if (self->state == STATE_SERVING)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "The connection is closed");
  return FALSE;
}

gssize
pa_http_connection_lease_read (PaHttpConnection  *self,
                               void              *buffer,
                               gsize              count,
                               gboolean           blocking,
                               GCancellable      *cancellable,
                               GError           **error)
{
  gssize n;

  if (!lease_usable (self, error))
    return -1;
  if (self->allowance != UNLIMITED)
    count = MIN (count, self->allowance);
  if (count == 0)
    return 0;

  if (self->inbuf->len > 0)
    {
      n = MIN (count, self->inbuf->len);
      memcpy (buffer, self->inbuf->data, n);
      g_byte_array_remove_range (self->inbuf, 0, n);
    }
  else
    {
      n = g_socket_receive_with_blocking (self->socket, buffer, count, blocking, cancellable, error);
      if (n <= 0)
        return n;
      self->last_activity = g_get_monotonic_time ();
    }

  if (self->allowance != UNLIMITED)
    self->allowance -= n;
  return n;
}

gssize
pa_http_connection_lease_write (PaHttpConnection  *self,
                                const void        *buffer,
                                gsize              count,
                                gboolean           blocking,
                                GCancellable      *cancellable,
                                GError           **error)
{
  gssize n;

  if (!lease_usable (self, error))
    return -1;
  n = g_socket_send_with_blocking (self->socket, buffer, count, blocking, cancellable, error);
  if (n > 0)
    self->last_activity = g_get_monotonic_time ();
  return n;
}

/* Input is ready without the socket when bytes wait in @inbuf, or when the
 * request is read to its end (the next read says so at once). */
static gboolean
input_ready_here (PaHttpConnection *self)
{
  return self->allowance == 0 || self->inbuf->len > 0;
}

gboolean
pa_http_connection_lease_ready (PaHttpConnection *self,
                                GIOCondition      condition)
{
  if (self->state != STATE_SERVING)
    return TRUE;  /* the next call fails at once */
  if (condition == G_IO_IN && input_ready_here (self))
    return TRUE;
  return g_socket_condition_check (self->socket, condition) != 0;
}

GSource *
pa_http_connection_lease_source (PaHttpConnection *self,
                                 GIOCondition      condition,
                                 GCancellable     *cancellable)
{
  if (self->state != STATE_SERVING || (condition == G_IO_IN && input_ready_here (self)))
    return g_timeout_source_new (0);
  return g_socket_create_source (self->socket, condition, cancellable);
}
