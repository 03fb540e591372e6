/* pa-api-changes-stream.c — GET /api/v1/changes/stream?since=N: the
 * change feed pushed over a WebSocket
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An app that holds a stream hears of every change as it is committed,
 * instead of asking GET /api/v1/changes over and over. A stream keeps no
 * queue of its own: it remembers the last sequence number it sent and, when
 * the store says a transaction logged something ("changes-committed",
 * whichever connection or thread wrote it: an API request, a phone's fetch
 * moving its status), reads the log after that number. So a slow reader
 * costs nothing but its place in the log: one batch waits for its "ack"
 * at a time, and a reader the log has left behind is told "gone".
 *
 * The handshake is libsoup's (soup_websocket_server_*_handshake) and so is
 * the framing (SoupWebsocketConnection); on a plain connection the
 * listener is told to hand the socket over whole (pa_http_listener_upgrade).
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include "pa-api-private.h"

/* Entries per message: the feed's page size. */
#define STREAM_BATCH          500
/* Commits within this are pushed as one message. */
#define STREAM_COALESCE_MS    50
/* An idle stream says "nothing new" this often, so both ends notice a
 * connection that died without a word ... */
#define STREAM_HEARTBEAT_SEC  25
/* ... and a reader that has not acknowledged a message in this long is
 * taken for dead. */
#define STREAM_ACK_TIMEOUT_SEC 60
#define STREAM_TICK_SEC       5
/* A reader sends only small acks. */
#define STREAM_MAX_INCOMING   4096

typedef struct
{
  PaServer                *server;     /* unowned: it closes every stream first */
  SoupWebsocketConnection *ws;
  gint64                   sent;       /* the last sequence number sent */
  gboolean                 in_flight;  /* a message waits for its ack */
  gint64                   in_flight_since;
  gint64                   last_send;  /* g_get_monotonic_time() */
  gboolean                 dirty;      /* the log may hold more than was sent */
  guint                    flush_id;
  guint                    tick_id;
} PaChangeStream;

static void
stream_free (PaChangeStream *stream)
{
  g_clear_handle_id (&stream->flush_id, g_source_remove);
  g_clear_handle_id (&stream->tick_id, g_source_remove);
  g_signal_handlers_disconnect_by_data (stream->ws, stream);
  g_clear_object (&stream->ws);
  g_free (stream);
}

static void
stream_close (PaChangeStream *stream,
              gushort         code,
              const char     *reason)
{
  if (soup_websocket_connection_get_state (stream->ws) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (stream->ws, code, reason);
}

static void
stream_send (PaChangeStream *stream,
             JsonBuilder    *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  soup_websocket_connection_send_text (stream->ws, text);
  stream->last_send = g_get_monotonic_time ();
}

static void
stream_send_gone (PaChangeStream *stream,
                  gint64          last)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "gone");
  json_builder_set_member_name (builder, "last");
  json_builder_add_int_value (builder, last);
  json_builder_end_object (builder);
  stream_send (stream, builder);
  stream_close (stream, SOUP_WEBSOCKET_CLOSE_NORMAL, "gone");
}

/* Sends what the log holds after stream->sent, a batch at most; with
 * @heartbeat also when that is nothing. */
static void
stream_flush (PaChangeStream *stream,
              gboolean        heartbeat)
{
  PaServer *server = stream->server;
  g_autoptr(JsonObject) extra = json_object_new ();
  PaApiRequest req = { server, server->store, NULL, extra, NULL, NULL };
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  gint64 oldest = 0, last = 0;

  if (soup_websocket_connection_get_state (stream->ws) != SOUP_WEBSOCKET_STATE_OPEN)
    return;

  changes = pa_store_list_changes (server->store, stream->sent, STREAM_BATCH, &oldest, &last,
                                   &error);
  if (changes == NULL)
    {
      g_warning ("Cannot read the change log for a change stream: %s", error->message);
      stream_close (stream, SOUP_WEBSOCKET_CLOSE_SERVER_ERROR, "cannot read the change log");
      return;
    }
  /* As GET /api/v1/changes answers 410. */
  if (stream->sent > last || (oldest > 0 && stream->sent < oldest - 1))
    {
      stream_send_gone (stream, last);
      return;
    }
  stream->dirty = changes->len == STREAM_BATCH;
  if (changes->len == 0 && !heartbeat)
    return;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "changes");
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      g_autoptr(JsonNode) entry = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (entry, pa_api_change_entry (&req, g_ptr_array_index (changes, i)));
      json_builder_add_value (builder, g_steal_pointer (&entry));
    }
  json_builder_end_array (builder);
  if (changes->len > 0)
    stream->sent = ((PaStoreChange *) g_ptr_array_index (changes, changes->len - 1))->seq;
  json_builder_set_member_name (builder, "next_since");
  json_builder_add_int_value (builder, stream->sent);
  json_builder_set_member_name (builder, "last");
  json_builder_add_int_value (builder, last);
  json_builder_end_object (builder);

  stream_send (stream, builder);
  stream->in_flight = TRUE;
  stream->in_flight_since = stream->last_send;
}

static gboolean
flush_cb (gpointer user_data)
{
  PaChangeStream *stream = user_data;

  stream->flush_id = 0;
  stream_flush (stream, FALSE);
  return G_SOURCE_REMOVE;
}

/* At most one message every STREAM_COALESCE_MS, and none while one waits
 * for its ack. */
static void
schedule_flush (PaChangeStream *stream)
{
  gint64 due;

  if (!stream->dirty || stream->in_flight || stream->flush_id != 0)
    return;
  due = stream->last_send + STREAM_COALESCE_MS * 1000 - g_get_monotonic_time ();
  stream->flush_id = g_timeout_add (due > 0 ? (guint) (due / 1000) + 1 : 0, flush_cb, stream);
  g_source_set_name_by_id (stream->flush_id, "[provd] change stream flush");
}

static gboolean
tick_cb (gpointer user_data)
{
  PaChangeStream *stream = user_data;
  gint64 now = g_get_monotonic_time ();

  if (stream->in_flight && now - stream->in_flight_since >= STREAM_ACK_TIMEOUT_SEC * G_USEC_PER_SEC)
    {
      stream->tick_id = 0;
      stream_close (stream, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "no ack");
      return G_SOURCE_REMOVE;
    }
  if (!stream->in_flight && stream->flush_id == 0 &&
      now - stream->last_send >= STREAM_HEARTBEAT_SEC * G_USEC_PER_SEC)
    stream_flush (stream, TRUE);
  return G_SOURCE_CONTINUE;
}

/* The reader's only message: {"type":"ack","seq":N}, N the next_since of
 * the message it has applied. */
static void
message_cb (SoupWebsocketConnection *ws,
            gint                     type,
            GBytes                  *message,
            gpointer                 user_data)
{
  PaChangeStream *stream = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (message, &length);
  JsonNode *root;
  JsonObject *object;

  if (type != SOUP_WEBSOCKET_DATA_TEXT || !json_parser_load_from_data (parser, data, length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      stream_close (stream, SOUP_WEBSOCKET_CLOSE_BAD_DATA, "not a JSON object");
      return;
    }
  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "type", NULL), "ack") != 0)
    {
      stream_close (stream, SOUP_WEBSOCKET_CLOSE_POLICY_VIOLATION, "only acks are read");
      return;
    }
  if (json_object_get_int_member_with_default (object, "seq", -1) < stream->sent)
    return;
  stream->in_flight = FALSE;
  schedule_flush (stream);
}

static void
closed_cb (SoupWebsocketConnection *ws,
           gpointer                 user_data)
{
  PaChangeStream *stream = user_data;
  PaServer *server = stream->server;

  server->change_streams = g_list_remove (server->change_streams, stream);
  stream_free (stream);
}

static void
changes_committed_cb (PaStore  *store,
                      gpointer  user_data)
{
  PaServer *self = user_data;

  for (GList *l = self->change_streams; l != NULL; l = l->next)
    {
      PaChangeStream *stream = l->data;

      stream->dirty = TRUE;
      schedule_flush (stream);
    }
}

static void
stream_start (PaServer                *server,
              SoupWebsocketConnection *ws,
              gint64                   since)
{
  PaChangeStream *stream = g_new0 (PaChangeStream, 1);

  stream->server = server;
  stream->ws = g_object_ref (ws);
  stream->sent = since;
  stream->dirty = TRUE;
  soup_websocket_connection_set_max_incoming_payload_size (ws, STREAM_MAX_INCOMING);
  g_signal_connect (ws, "message", G_CALLBACK (message_cb), stream);
  g_signal_connect (ws, "closed", G_CALLBACK (closed_cb), stream);
  stream->tick_id = g_timeout_add_seconds (STREAM_TICK_SEC, tick_cb, stream);
  g_source_set_name_by_id (stream->tick_id, "[provd] change stream tick");
  server->change_streams = g_list_prepend (server->change_streams, stream);

  /* What changed after @since first, at once. */
  schedule_flush (stream);
}

typedef struct
{
  PaServer *server;
  gint64    since;
} Upgrade;

static void
upgrade_free (gpointer  data,
              GClosure *closure)
{
  g_free (data);
}

/* The 101 is out: from here on the connection is the WebSocket's. */
static void
wrote_informational_cb (SoupServerMessage *msg,
                        gpointer           user_data)
{
  Upgrade *upgrade = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);
  g_autoptr(SoupWebsocketConnection) ws = NULL;

  if (stream == NULL)
    return;
  ws = soup_websocket_connection_new (stream, soup_server_message_get_uri (msg),
                                      SOUP_WEBSOCKET_CONNECTION_SERVER,
                                      soup_message_headers_get_one (headers, "Origin"),
                                      NULL, NULL);
  stream_start (upgrade->server, ws, upgrade->since);
}

void
pa_api_changes_stream (PaApiRequest          *req,
                       const PaApiCollection *unused,
                       gint64                 id,
                       const char            *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) none = NULL;
  guint64 since = 0;
  gint64 oldest = 0, last = 0;
  Upgrade *upgrade;

  if (!pa_http_query_uint64 (req->query, "since", 0, G_MAXINT64, &since, &error))
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  /* The app's own TLS pin or a proxy may stand between; what matters is
   * a well-formed RFC 6455 handshake. */
  if (!soup_websocket_server_check_handshake (req->msg, NULL, NULL, NULL, &error))
    {
      pa_http_send_error (req->msg, SOUP_STATUS_BAD_REQUEST, "bad_request", NULL,
                          "This is a WebSocket endpoint: send an Upgrade: websocket request");
      return;
    }
  /* Without since: from now on. */
  if (req->query == NULL || !g_hash_table_contains (req->query, "since"))
    {
      none = pa_store_list_changes (req->store, G_MAXINT64, 1, &oldest, &last, &error);
      if (none == NULL)
        {
          pa_http_send_gerror (req->msg, error);
          return;
        }
      since = (guint64) last;
    }

  /* A "Connection: close" put there for the listener would contradict
   * the upgrade. */
  soup_message_headers_remove (soup_server_message_get_response_headers (req->msg), "Connection");
  if (!soup_websocket_server_process_handshake (req->msg, NULL, NULL, NULL, NULL))
    return;
  pa_http_listener_upgrade (req->server->listener, req->msg);

  upgrade = g_new0 (Upgrade, 1);
  upgrade->server = req->server;
  upgrade->since = (gint64) since;
  g_signal_connect_data (req->msg, "wrote-informational", G_CALLBACK (wrote_informational_cb),
                         upgrade, upgrade_free, 0);
}

void
pa_server_open_change_streams (PaServer *self)
{
  self->changes_committed_id = g_signal_connect (self->store, "changes-committed",
                                                 G_CALLBACK (changes_committed_cb), self);
}

void
pa_server_close_change_streams (PaServer *self)
{
  if (self->store != NULL)
    g_clear_signal_handler (&self->changes_committed_id, self->store);
  /* Closing goes on in the background; the streams are let go now. */
  while (self->change_streams != NULL)
    {
      PaChangeStream *stream = self->change_streams->data;

      self->change_streams = g_list_delete_link (self->change_streams, self->change_streams);
      stream_close (stream, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "server stops");
      stream_free (stream);
    }
}
