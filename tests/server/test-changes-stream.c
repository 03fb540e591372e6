/* test-changes-stream.c — the change feed pushed over a WebSocket,
 * GET /api/v1/changes/stream?since=N, against the real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A client made with libsoup's own WebSocket client (as the app's is)
 * hears of a change made through the REST API and of a phone's own fetch
 * within a second; going on from `since` gives exactly what it missed; a
 * `since` the log does not have is "gone"; without the token there is no
 * upgrade at all. Every wait is on a condition with a deadline.
 */
#include "config.h"

#include <string.h>

#include "pa-test-server.h"

#define PHONE_UA "Yealink SIP-T54W 96.86.0.100 80:5e:c0:11:22:33"

typedef struct
{
  SoupSession             *session;
  SoupWebsocketConnection *ws;
  GError                  *error;       /* of the connect */
  guint                    status;      /* the handshake's HTTP status */
  gboolean                 done;        /* the connect finished */
  gboolean                 closed;
  gboolean                 ack;         /* answer each message with its ack */
  GPtrArray               *messages;    /* JsonObject, in order */
  GPtrArray               *entries;     /* JsonObject: every entry received */
} StreamClient;

static void
message_cb (SoupWebsocketConnection *ws,
            gint                     type,
            GBytes                  *message,
            gpointer                 user_data)
{
  StreamClient *client = user_data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (message, &length);
  JsonObject *object;

  g_assert_cmpint (type, ==, SOUP_WEBSOCKET_DATA_TEXT);
  g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  g_ptr_array_add (client->messages, json_object_ref (object));
  g_test_message ("pushed: %.*s", (int) MIN (length, 300), data);

  if (g_strcmp0 (json_object_get_string_member (object, "type"), "changes") == 0)
    {
      JsonArray *changes = json_object_get_array_member (object, "changes");

      for (guint i = 0; i < json_array_get_length (changes); i++)
        g_ptr_array_add (client->entries, json_object_ref (json_array_get_object_element (changes, i)));
      if (client->ack)
        {
          g_autofree char *ack = g_strdup_printf ("{\"type\":\"ack\",\"seq\":%" G_GINT64_FORMAT "}",
                                                  json_object_get_int_member (object, "next_since"));

          soup_websocket_connection_send_text (ws, ack);
        }
    }
}

static void
closed_cb (SoupWebsocketConnection *ws,
           gpointer                 user_data)
{
  StreamClient *client = user_data;

  client->closed = TRUE;
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  StreamClient *client = user_data;

  client->ws = soup_session_websocket_connect_finish (SOUP_SESSION (source), result, &client->error);
  client->done = TRUE;
  if (client->ws != NULL)
    {
      g_signal_connect (client->ws, "message", G_CALLBACK (message_cb), client);
      g_signal_connect (client->ws, "closed", G_CALLBACK (closed_cb), client);
    }
}

/* Iterates the main context until *@flag or @timeout_ms pass; whether it
 * came. */
static gboolean
wait_for (gboolean *flag,
          guint     timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!*flag && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return *flag;
}

/* Until the client holds @n entries (or a "gone"), at most @timeout_ms. */
static gboolean
wait_for_entries (StreamClient *client,
                  guint         n,
                  guint         timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (client->entries->len < n && g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
  return client->entries->len >= n;
}

static StreamClient *
stream_connect (PaTestServer *server,
                const char   *query,
                gboolean      with_token)
{
  StreamClient *client = g_new0 (StreamClient, 1);
  g_autofree char *url = g_strdup_printf ("%s/api/v1/changes/stream%s", server->url,
                                          query != NULL ? query : "");
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);

  client->session = soup_session_new ();
  client->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  client->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  client->ack = TRUE;
  if (with_token)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", server->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  soup_session_websocket_connect_async (client->session, msg, NULL, NULL, G_PRIORITY_DEFAULT,
                                        NULL, connect_cb, client);
  g_assert_true (wait_for (&client->done, 5000));
  client->status = soup_message_get_status (msg);
  return client;
}

static void
stream_client_free (StreamClient *client)
{
  if (client->ws != NULL)
    {
      g_signal_handlers_disconnect_by_data (client->ws, client);
      if (soup_websocket_connection_get_state (client->ws) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (client->ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
    }
  g_clear_object (&client->ws);
  g_clear_error (&client->error);
  g_clear_object (&client->session);
  g_ptr_array_unref (client->messages);
  g_ptr_array_unref (client->entries);
  g_free (client);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StreamClient, stream_client_free)

static char *
describe (GPtrArray *entries,
          guint      from)
{
  GString *text = g_string_new (NULL);

  for (guint i = from; i < entries->len; i++)
    {
      JsonObject *change = g_ptr_array_index (entries, i);

      g_string_append_printf (text, "%s%s %s %" G_GINT64_FORMAT,
                              i > from ? ", " : "",
                              json_object_get_string_member (change, "op"),
                              json_object_get_string_member (change, "collection"),
                              json_object_get_int_member (change, "id"));
    }
  return g_string_free (text, FALSE);
}

static gint64
feed_last (PaTestServer *server)
{
  g_autoptr(PaTestResponse) response = pa_test_api (server, "GET", "/api/v1/changes?since=0",
                                                    NULL, NULL);

  g_assert_cmpuint (response->status, ==, 200);
  return json_object_get_int_member (pa_test_response_object (response), "last");
}

static void
test_api_write (PaTestFixture *fixture,
                gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(StreamClient) client = stream_connect (server, NULL, TRUE);
  g_autofree char *text = NULL;
  gint64 agent, started;
  JsonObject *entry;

  g_assert_no_error (client->error);
  g_assert_cmpuint (client->status, ==, SOUP_STATUS_SWITCHING_PROTOCOLS);

  agent = pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  started = g_get_monotonic_time ();
  g_assert_true (wait_for_entries (client, 1, 1000));
  g_test_message ("pushed after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - started) / 1000);

  text = describe (client->entries, 0);
  g_assert_cmpstr (text, ==, "created agents 1");
  entry = g_ptr_array_index (client->entries, 0);
  g_assert_cmpint (json_object_get_int_member (entry, "id"), ==, agent);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "item"),
                                                  "name"), ==, "Ann");
  g_assert_cmpint (json_object_get_int_member (entry, "seq"), ==, feed_last (server));
  g_assert_false (client->closed);

  /* The server info says where the log stands, for a reader about to
   * list (docs/api.md, "Server info"). */
  {
    g_autoptr(PaTestResponse) info = pa_test_api (server, "GET", "/api/v1", NULL, NULL);

    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (info), "changes_last"),
                     ==, feed_last (server));
  }
}

static void
test_phone_fetch (PaTestFixture *fixture,
                  gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(StreamClient) client = NULL;
  g_autoptr(PaTestResponse) phone = NULL;
  g_autoptr(PaTestResponse) fetched = NULL;
  g_autofree char *fetch_path = NULL;
  g_autofree char *query = NULL;
  const char *headers[] = { "User-Agent", PHONE_UA, NULL };
  gint64 phone_id;
  JsonObject *entry;

  phone_id = pa_test_create (server, "phones",
                             "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:11:22:33\","
                             " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}");
  phone = pa_test_get (server, "phones", phone_id);
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, feed_last (server));
  client = stream_connect (server, query, TRUE);
  g_assert_no_error (client->error);

  /* The phone's own request, not the API, moves its status. */
  fetch_path = g_strdup_printf ("/p/%s/805ec0112233.cfg",
                                json_object_get_string_member (pa_test_response_object (phone),
                                                               "token"));
  fetched = pa_test_request (server, "GET", fetch_path, NULL, NULL, -1, FALSE, headers);
  g_assert_cmpuint (fetched->status, ==, 200);

  g_assert_true (wait_for_entries (client, 1, 1000));
  entry = g_ptr_array_index (client->entries, 0);
  g_assert_cmpstr (json_object_get_string_member (entry, "op"), ==, "updated");
  g_assert_cmpint (json_object_get_int_member (entry, "id"), ==, phone_id);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (entry, "item"),
                                                  "status"), ==, "provisioning");
}

static void
test_resume (PaTestFixture *fixture,
             gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(StreamClient) first = NULL;
  g_autoptr(StreamClient) second = NULL;
  g_autoptr(PaTestResponse) feed = NULL;
  g_autofree char *query = NULL;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gint64 since, applied;

  pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  since = feed_last (server);
  pa_test_create (server, "agents", "{\"name\": \"Bo\", \"extension\": \"202\"}");
  pa_test_create (server, "agents", "{\"name\": \"Cy\", \"extension\": \"203\"}");

  /* What happened after `since` first, before anything new. */
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, since);
  first = stream_connect (server, query, TRUE);
  g_assert_no_error (first->error);
  g_assert_true (wait_for_entries (first, 2, 1000));
  text = describe (first->entries, 0);
  g_assert_cmpstr (text, ==, "created agents 2, created agents 3");

  /* Gone for a while: two more changes, then on from the last applied. */
  applied = json_object_get_int_member (g_ptr_array_index (first->entries, 1), "seq");
  g_clear_pointer (&first, stream_client_free);
  pa_test_create (server, "agents", "{\"name\": \"Di\", \"extension\": \"204\"}");
  pa_test_create (server, "agents", "{\"name\": \"Ed\", \"extension\": \"205\"}");

  g_clear_pointer (&query, g_free);
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, applied);
  second = stream_connect (server, query, TRUE);
  g_assert_no_error (second->error);
  g_assert_true (wait_for_entries (second, 2, 1000));
  g_clear_pointer (&text, g_free);
  text = describe (second->entries, 0);
  g_assert_cmpstr (text, ==, "created agents 4, created agents 5");

  /* Exactly those: the same entries the REST feed gives from there. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, applied);
    JsonArray *changes;

    feed = pa_test_api (server, "GET", path, NULL, NULL);
    changes = json_object_get_array_member (pa_test_response_object (feed), "changes");
    g_assert_cmpuint (json_array_get_length (changes), ==, second->entries->len);
    for (guint i = 0; i < json_array_get_length (changes); i++)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (changes, i), "seq"),
                       ==, json_object_get_int_member (g_ptr_array_index (second->entries, i), "seq"));
  }

  /* And it stays open for what comes next. */
  pa_test_create (server, "agents", "{\"name\": \"Flo\", \"extension\": \"206\"}");
  g_assert_true (wait_for_entries (second, 3, 1000));
  g_clear_pointer (&expected, g_free);
  g_clear_pointer (&text, g_free);
  text = describe (second->entries, 2);
  g_assert_cmpstr (text, ==, "created agents 6");
}

/* One message waits for its ack at a time: a reader that does not ack
 * gets no more, and the server keeps nothing for it but its place. */
static void
test_one_in_flight (PaTestFixture *fixture,
                    gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(StreamClient) client = NULL;
  g_autofree char *text = NULL;
  g_autofree char *ack = NULL;
  JsonObject *message;

  client = stream_connect (server, "?since=0", TRUE);
  g_assert_no_error (client->error);
  client->ack = FALSE;
  pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  g_assert_true (wait_for_entries (client, 1, 1000));
  pa_test_create (server, "agents", "{\"name\": \"Bo\", \"extension\": \"202\"}");
  pa_test_create (server, "agents", "{\"name\": \"Cy\", \"extension\": \"203\"}");

  /* Unacknowledged, the first message holds the rest back: they do not
   * come in the time they otherwise would (see api-write). */
  g_assert_false (wait_for_entries (client, 2, 300));
  g_assert_cmpuint (client->messages->len, ==, 1);
  message = g_ptr_array_index (client->messages, 0);
  ack = g_strdup_printf ("{\"type\":\"ack\",\"seq\":%" G_GINT64_FORMAT "}",
                         json_object_get_int_member (message, "next_since"));
  client->ack = TRUE;
  /* Acknowledged, the two come, in one message. */
  soup_websocket_connection_send_text (client->ws, ack);
  g_assert_true (wait_for_entries (client, 3, 1000));
  text = describe (client->entries, 0);
  g_assert_cmpstr (text, ==, "created agents 1, created agents 2, created agents 3");
  g_assert_cmpuint (client->messages->len, ==, 2);
}

static void
test_gone (PaTestFixture *fixture,
           gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(StreamClient) client = NULL;
  g_autofree char *query = NULL;
  gint64 last;
  JsonObject *message;

  pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  last = feed_last (server);
  /* Numbers from another database: ahead of this log. */
  query = g_strdup_printf ("?since=%" G_GINT64_FORMAT, last + 100);
  client = stream_connect (server, query, TRUE);
  g_assert_no_error (client->error);
  g_assert_true (wait_for (&client->closed, 1000));
  g_assert_cmpuint (client->messages->len, ==, 1);
  message = g_ptr_array_index (client->messages, 0);
  g_assert_cmpstr (json_object_get_string_member (message, "type"), ==, "gone");
  g_assert_cmpint (json_object_get_int_member (message, "last"), ==, last);
}

static void
test_refusals (PaTestFixture *fixture,
               gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(StreamClient) client = NULL;
  g_autoptr(PaTestResponse) plain = NULL;

  /* No token: 401, and no upgrade. */
  client = stream_connect (server, NULL, FALSE);
  g_assert_null (client->ws);
  g_assert_nonnull (client->error);
  g_assert_cmpuint (client->status, ==, SOUP_STATUS_UNAUTHORIZED);

  /* A plain GET is not a stream. */
  plain = pa_test_api (server, "GET", "/api/v1/changes/stream", NULL, NULL);
  pa_test_assert_error (plain, 400, "bad_request", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/changes-stream/api-write", PaTestFixture, NULL,
              pa_test_fixture_setup, test_api_write, pa_test_fixture_teardown);
  g_test_add ("/changes-stream/phone-fetch", PaTestFixture, NULL,
              pa_test_fixture_setup, test_phone_fetch, pa_test_fixture_teardown);
  g_test_add ("/changes-stream/resume", PaTestFixture, NULL,
              pa_test_fixture_setup, test_resume, pa_test_fixture_teardown);
  g_test_add ("/changes-stream/one-in-flight", PaTestFixture, NULL,
              pa_test_fixture_setup, test_one_in_flight, pa_test_fixture_teardown);
  g_test_add ("/changes-stream/gone", PaTestFixture, NULL,
              pa_test_fixture_setup, test_gone, pa_test_fixture_teardown);
  g_test_add ("/changes-stream/refusals", PaTestFixture, NULL,
              pa_test_fixture_setup, test_refusals, pa_test_fixture_teardown);

  return g_test_run ();
}
