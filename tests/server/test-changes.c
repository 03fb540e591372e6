/* test-changes.c — the change feed, GET /api/v1/changes?since=N, against
 * the real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every create, update and delete, a phone's status moved by its own
 * request, and the phones a layout's apply changes, in one sequence; a
 * reader goes on from where it was; a place no longer in the log is 410.
 */
#include "config.h"

#include <string.h>

#include "pa-test-server.h"

#define PHONE_UA "Yealink SIP-T54W 96.86.0.100 80:5e:c0:11:22:33"

static JsonObject *
changes_since (PaTestServer   *server,
               gint64          since,
               PaTestResponse **keep)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, since);

  *keep = pa_test_api (server, "GET", path, NULL, NULL);
  g_assert_cmpuint ((*keep)->status, ==, 200);
  return pa_test_response_object (*keep);
}

/* "created agent 1" for entry @i, to compare a whole feed at once. */
static char *
describe (JsonArray *changes)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      g_string_append_printf (text, "%s%s %s %" G_GINT64_FORMAT,
                              i > 0 ? ", " : "",
                              json_object_get_string_member (change, "op"),
                              json_object_get_string_member (change, "collection"),
                              json_object_get_int_member (change, "id"));
    }
  return g_string_free (text, FALSE);
}

static void
test_feed (PaTestFixture *fixture,
           gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaTestResponse) first = NULL;
  g_autoptr(PaTestResponse) second = NULL;
  g_autoptr(PaTestResponse) third = NULL;
  g_autoptr(PaTestResponse) phone = NULL;
  g_autoptr(PaTestResponse) fetched = NULL;
  g_autoptr(PaTestResponse) renamed = NULL;
  JsonObject *object;
  JsonArray *changes;
  g_autofree char *text = NULL;
  g_autofree char *phone_body = NULL;
  g_autofree char *agent_path = NULL;
  g_autofree char *fetch_path = NULL;
  g_autofree char *etag = NULL;
  gint64 agent, phone_id, since;
  const char *headers[] = { "User-Agent", PHONE_UA, NULL };

  /* Nothing yet. */
  object = changes_since (server, 0, &first);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "changes")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "last"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "next_since"), ==, 0);

  agent = pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  phone_body = g_strdup_printf ("{\"name\": \"Desk\", \"mac\": \"80:5E:C0:11:22:33\","
                                " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\","
                                " \"agent_id\": %" G_GINT64_FORMAT "}", agent);
  phone_id = pa_test_create (server, "phones", phone_body);
  agent_path = g_strdup_printf ("/api/v1/agents/%" G_GINT64_FORMAT, agent);
  etag = pa_test_etag_of (server, "agents", agent);
  renamed = pa_test_api (server, "PATCH", agent_path, "{\"name\": \"Ann Smith\"}", etag);
  g_assert_cmpuint (renamed->status, ==, 200);

  /* The phone's first request moves its status: a change too. */
  phone = pa_test_get (server, "phones", phone_id);
  fetch_path = g_strdup_printf ("/p/%s/805ec0112233.cfg",
                                json_object_get_string_member (pa_test_response_object (phone),
                                                               "token"));
  fetched = pa_test_request (server, "GET", fetch_path, NULL, NULL, -1, FALSE, headers);
  g_assert_cmpuint (fetched->status, ==, 200);

  object = changes_since (server, 0, &second);
  changes = json_object_get_array_member (object, "changes");
  text = describe (changes);
  /* What the server did by its own rules is there too: the phone's own
   * SIP account, and Ann routed to her hardware phone; then the rename
   * (the phone's files show her name: a new fingerprint, not logged), then
   * the phone's fetch. */
  g_test_message ("feed: %s", text);
  g_assert_cmpstr (text, ==, "created agents 1, created sip-accounts 1, created phones 1, "
                             "updated agents 1, updated agents 1, updated phones 1");
  g_assert_cmpint (json_object_get_int_member (object, "last"), ==,
                   json_object_get_int_member (json_array_get_object_element (changes,
                                               json_array_get_length (changes) - 1), "seq"));
  /* A created or updated entry carries the resource as it is now. */
  {
    JsonObject *created = json_array_get_object_element (changes, 0);
    JsonObject *item = json_object_get_object_member (created, "item");

    g_assert_cmpstr (json_object_get_string_member (created, "kind"), ==, "agent");
    g_assert_cmpstr (json_object_get_string_member (item, "name"), ==, "Ann Smith");
  }
  {
    JsonObject *last = json_array_get_object_element (changes, json_array_get_length (changes) - 1);

    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (last, "item"),
                                                    "status"), ==, "provisioning");
  }

  /* Going on from there: only what came after; a delete has no item. */
  since = json_object_get_int_member (object, "next_since");
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, phone_id);
    g_autoptr(PaTestResponse) deleted = NULL;
    g_autofree char *phone_etag = pa_test_etag_of (server, "phones", phone_id);
    g_autoptr(PaTestResponse) unassigned = pa_test_api (server, "PATCH", path,
                                                        "{\"agent_id\": null}", phone_etag);

    g_autofree char *now_etag = NULL;

    g_assert_cmpuint (unassigned->status, ==, 200);
    now_etag = pa_test_etag_of (server, "phones", phone_id);
    deleted = pa_test_api (server, "DELETE", path, NULL, now_etag);
    g_assert_cmpuint (deleted->status, ==, 204);
  }
  object = changes_since (server, since, &third);
  changes = json_object_get_array_member (object, "changes");
  g_clear_pointer (&text, g_free);
  text = describe (changes);
  g_test_message ("then: %s", text);
  g_assert_true (g_str_has_suffix (text, "deleted phones 1"));
  g_assert_false (json_object_has_member (json_array_get_object_element (changes,
                                          json_array_get_length (changes) - 1), "item"));
  for (guint i = 0; i < json_array_get_length (changes); i++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (changes, i), "seq"),
                     >, since);
}

static void
test_paging_and_refusals (PaTestFixture *fixture,
                          gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaTestResponse) page = NULL;
  JsonObject *object;
  gint64 last;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\": \"A%u\", \"extension\": \"%u\"}", i, 500 + i);

      pa_test_create (server, "agents", body);
    }

  page = pa_test_api (server, "GET", "/api/v1/changes?since=0&limit=2", NULL, NULL);
  object = pa_test_response_object (page);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "changes")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (object, "next_since"), ==, 2);
  last = json_object_get_int_member (object, "last");
  g_assert_cmpint (last, ==, 5);

  {
    g_autofree char *ahead = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, last + 1);
    g_autofree char *at_end = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, last);
    g_autoptr(PaTestResponse) gone = pa_test_api (server, "GET", ahead, NULL, NULL);
    g_autoptr(PaTestResponse) none = pa_test_api (server, "GET", at_end, NULL, NULL);
    g_autoptr(PaTestResponse) word = pa_test_api (server, "GET", "/api/v1/changes?since=x", NULL, NULL);
    g_autoptr(PaTestResponse) negative = pa_test_api (server, "GET", "/api/v1/changes?since=-1",
                                                      NULL, NULL);
    g_autoptr(PaTestResponse) zero = pa_test_api (server, "GET", "/api/v1/changes?limit=0", NULL, NULL);
    g_autoptr(PaTestResponse) post = pa_test_api (server, "POST", "/api/v1/changes", "{}", NULL);
    g_autoptr(PaTestResponse) anonymous = pa_test_request (server, "GET", "/api/v1/changes", NULL,
                                                           NULL, -1, FALSE, NULL);

    /* Ahead of the log: another database's numbers. */
    pa_test_assert_error (gone, 410, "gone", "since");
    g_assert_cmpuint (none->status, ==, 200);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (pa_test_response_object (none),
                                                                           "changes")), ==, 0);
    pa_test_assert_error (word, 400, "bad_request", "since");
    pa_test_assert_error (negative, 400, "bad_request", "since");
    pa_test_assert_error (zero, 400, "bad_request", "limit");
    g_assert_cmpuint (post->status, ==, 405);
    g_assert_cmpuint (anonymous->status, ==, 401);
  }
}

/* A write's answer names every id it changed, what the server did by its
 * own rules included, so a client does not guess them. */
static void
test_write_names_what_changed (PaTestFixture *fixture,
                               gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  gint64 agent = pa_test_create (server, "agents", "{\"name\": \"Bo\", \"extension\": \"202\"}");
  g_autofree char *body = g_strdup_printf ("{\"name\": \"Desk\", \"mac\": \"80:5E:C0:11:22:44\","
                                           " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\","
                                           " \"agent_id\": %" G_GINT64_FORMAT "}", agent);
  g_autoptr(PaTestResponse) created = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);
  JsonArray *changed;
  g_autofree char *text = NULL;

  g_assert_cmpuint (created->status, ==, 201);
  changed = json_object_get_array_member (pa_test_response_object (created), "changed");
  text = describe (changed);
  /* The phone, the SIP account made for its line, and Bo's routing. */
  g_assert_cmpstr (text, ==, "created sip-accounts 1, created phones 1, updated agents 1");
}

/* An edit elsewhere that changes why a phone needs attention (the
 * server's SIP server here) changes the phone as an app shows it. The
 * write's answer and the log name it, so an app following the log shows
 * it at once (it kept "needs attention" until it listed again); an edit
 * that only changes phones' files (a new fingerprint) is not logged. */
static void
test_derived (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-changes-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
  PaTestServerOptions options = { .config_file = config };
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestResponse) created = NULL;
  g_autoptr(PaTestResponse) info = NULL;
  g_autoptr(PaTestResponse) patched = NULL;
  g_autoptr(PaTestResponse) regions = NULL;
  g_autoptr(PaTestResponse) feed = NULL;
  g_autofree char *text = NULL, *fingerprint = NULL;
  JsonObject *phone, *last_change;
  JsonArray *changes;
  gint64 id, last;

  /* No SIP server anywhere: the phone's line has none. */
  g_assert_true (g_file_set_contents (config, "[server]\n", -1, &error));
  server = pa_test_server_new_with_options (&options);
  created = pa_test_api (server, "POST", "/api/v1/phones",
                         "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:11:22:55\","
                         " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  phone = pa_test_response_object (created);
  id = json_object_get_int_member (phone, "id");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (phone, "attention")), ==, 1);
  fingerprint = g_strdup (json_object_get_string_member (phone, "config_fingerprint"));
  info = pa_test_api (server, "GET", "/api/v1", NULL, NULL);
  last = json_object_get_int_member (pa_test_response_object (info), "changes_last");

  patched = pa_test_api (server, "PATCH", "/api/v1/settings",
                         "{\"sip_server\": \"pbx.example.com\"}", "*");
  g_assert_cmpuint (patched->status, ==, 200);
  text = describe (json_object_get_array_member (pa_test_response_object (patched), "changed"));
  g_assert_cmpstr (text, ==, "updated settings 1, updated phones 1");

  {
    g_autofree char *since = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, last);

    feed = pa_test_api (server, "GET", since, NULL, NULL);
  }
  g_assert_cmpuint (feed->status, ==, 200);
  changes = json_object_get_array_member (pa_test_response_object (feed), "changes");
  g_assert_cmpuint (json_array_get_length (changes), ==, 2);
  last_change = json_array_get_object_element (changes, 1);
  g_assert_cmpint (json_object_get_int_member (last_change, "id"), ==, id);
  phone = json_object_get_object_member (last_change, "item");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (phone, "attention")), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (phone, "config_fingerprint"), !=, fingerprint);

  /* A region no phone uses changes no phone. */
  regions = pa_test_api (server, "PATCH", "/api/v1/settings",
                         "{\"sip_regions\": [{\"name\": \"Berlin\","
                         " \"server\": \"berlin.example.com\"}]}", "*");
  g_assert_cmpuint (regions->status, ==, 200);
  g_clear_pointer (&text, g_free);
  text = describe (json_object_get_array_member (pa_test_response_object (regions), "changed"));
  g_assert_cmpstr (text, ==, "updated settings 1");
}

/* A phone that turns up at the bootstrap URL, is ignored, then adopted
 * (a phone created with its MAC): three entries of kind "discovered"
 * without an item; the same phone asking again is no change. */
static void
test_discovered (PaTestFixture *fixture,
                 gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaTestResponse) info = pa_test_api (server, "GET", "/api/v1", NULL, NULL);
  const char *url = json_object_get_string_member (pa_test_response_object (info), "bootstrap_url");
  g_autofree char *path = g_strconcat (strstr (url, "/p/"), "805ec0000097.cfg", NULL);
  const char *headers[] = { "User-Agent", "Yealink SIP-T54W 96.86.0.100 80:5e:c0:00:00:97", NULL };
  gint64 last = json_object_get_int_member (pa_test_response_object (info), "changes_last");
  g_autoptr(PaTestResponse) feed = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  JsonArray *changes;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PaTestResponse) asked = pa_test_request (server, "GET", path, NULL, NULL, -1, FALSE,
                                                         headers);

      g_assert_cmpuint (asked->status, ==, 404);
    }
  {
    g_autoptr(PaTestResponse) ignored =
      pa_test_api (server, "POST", "/api/v1/discovered/80:5E:C0:00:00:97/ignore", NULL, NULL);

    g_assert_cmpuint (ignored->status, ==, 204);
  }
  pa_test_create (server, "phones", "{\"name\": \"Found\", \"mac\": \"80:5E:C0:00:00:97\","
                                    " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}");

  {
    g_autofree char *since = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, last);

    feed = pa_test_api (server, "GET", since, NULL, NULL);
  }
  g_assert_cmpuint (feed->status, ==, 200);
  changes = json_object_get_array_member (pa_test_response_object (feed), "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonObject *change = json_array_get_object_element (changes, i);

      if (!g_str_equal (json_object_get_string_member (change, "kind"), "discovered"))
        continue;
      g_assert_false (json_object_has_member (change, "item"));
      g_assert_true (json_object_get_null_member (change, "collection"));
      g_string_append_printf (text, "%s%s", text->len > 0 ? " " : "",
                              json_object_get_string_member (change, "op"));
    }
  g_assert_cmpstr (text->str, ==, "created updated deleted");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/changes/feed", PaTestFixture, NULL,
              pa_test_fixture_setup, test_feed, pa_test_fixture_teardown);
  g_test_add ("/changes/write-names-what-changed", PaTestFixture, NULL,
              pa_test_fixture_setup, test_write_names_what_changed, pa_test_fixture_teardown);
  g_test_add_func ("/changes/derived", test_derived);
  g_test_add ("/changes/discovered", PaTestFixture, NULL,
              pa_test_fixture_setup, test_discovered, pa_test_fixture_teardown);
  g_test_add ("/changes/paging-and-refusals", PaTestFixture, NULL,
              pa_test_fixture_setup, test_paging_and_refusals, pa_test_fixture_teardown);

  return g_test_run ();
}
