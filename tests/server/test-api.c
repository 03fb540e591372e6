/* test-api.c — CRUD, paging, catalog, auth and error shapes of /api/v1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test starts the real phoneadmin-provd on loopback with its own
 * temporary data dir (see pa-test-server.c).
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pa-test-boot.h"
#include "pa-test-server.h"

typedef PaTestFixture Fixture;

/* Asserts the resource reads back byte for byte as @before. */
static void
assert_unchanged (PaTestServer *server,
                  const char   *collection,
                  gint64        id,
                  const char   *before)
{
  g_autoptr(PaTestResponse) now = pa_test_get (server, collection, id);

  g_assert_cmpstr (now->text, ==, before);
}

/* -- CRUD ---------------------------------------------------------------- */

/* Create, read, list, replace, merge, delete, for one collection. */
static void
check_crud (PaTestServer *server,
            const char   *collection,
            const char   *create_body,
            const char   *put_body,
            const char   *patch_body,
            const char   *member,
            const char   *put_value,
            const char   *patch_value)
{
  g_autofree char *path = NULL;
  g_autofree char *list_path = g_strconcat ("/api/v1/", collection, NULL);
  gint64 id;

  id = pa_test_create (server, collection, create_body);
  path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, collection, id);

  {
    g_autoptr(PaTestResponse) got = pa_test_get (server, collection, id);
    JsonObject *object = pa_test_response_object (got);

    g_assert_cmpstr (soup_message_headers_get_one (got->headers, "ETag"), ==, "\"1\"");
    g_assert_cmpint (json_object_get_int_member (object, "id"), ==, id);
    g_assert_cmpint (json_object_get_int_member (object, "revision"), ==, 1);
    g_assert_false (json_object_has_member (object, "sip_password"));
  }

  {
    g_autoptr(PaTestResponse) list = pa_test_api (server, "GET", list_path, NULL, NULL);
    JsonObject *object = pa_test_response_object (list);
    JsonArray *items = json_object_get_array_member (object, "items");

    g_assert_cmpuint (list->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (object, "total"), >=, 1);
    g_assert_cmpint (json_object_get_int_member (object, "offset"), ==, 0);
    g_assert_cmpint (json_object_get_int_member (object, "limit"), ==, 50);
    g_assert_cmpuint (json_array_get_length (items), >=, 1);
    for (guint i = 0; i < json_array_get_length (items); i++)
      g_assert_false (json_object_has_member (json_array_get_object_element (items, i),
                                              "sip_password"));
  }

  {
    g_autoptr(PaTestResponse) put = pa_test_api (server, "PUT", path, put_body, "\"1\"");
    JsonObject *object;

    if (put->status != 200)
      g_error ("PUT %s: %u %s", path, put->status, put->text);
    object = pa_test_response_object (put);
    g_assert_cmpstr (soup_message_headers_get_one (put->headers, "ETag"), ==, "\"2\"");
    g_assert_cmpint (json_object_get_int_member (object, "revision"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (object, member), ==, put_value);
  }

  {
    g_autoptr(PaTestResponse) patch = pa_test_api (server, "PATCH", path, patch_body, "\"2\"");
    g_autoptr(PaTestResponse) got = NULL;

    if (patch->status != 200)
      g_error ("PATCH %s: %u %s", path, patch->status, patch->text);
    g_assert_cmpstr (soup_message_headers_get_one (patch->headers, "ETag"), ==, "\"3\"");
    got = pa_test_get (server, collection, id);
    g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (got), member), ==,
                     patch_value);
    /* PATCH answers with what GET shows, and two members that are the
     * answer's alone: "changed" (the ids it changed) and, for what phones'
     * files are made of, how many phones it affected. */
    g_assert_true (json_object_has_member (pa_test_response_object (patch), "changed"));
    json_object_remove_member (pa_test_response_object (patch), "changed");
    {
        g_autoptr(JsonGenerator) generator = json_generator_new ();
        g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
        g_autofree char *text = NULL;

        if (json_object_has_member (pa_test_response_object (patch), "affected_phones"))
          {
            g_assert_true (g_str_equal (collection, "agents") ||
                           g_str_equal (collection, "layouts") ||
                           g_str_equal (collection, "module-layouts") ||
                           g_str_equal (collection, "profiles") ||
                           g_str_equal (collection, "sip-accounts"));
            json_object_remove_member (pa_test_response_object (patch), "affected_phones");
          }
        json_node_set_object (node, pa_test_response_object (patch));
        json_generator_set_root (generator, node);
        text = json_generator_to_data (generator, NULL);
        g_assert_cmpstr (got->text, ==, text);
      }
  }

  {
    g_autoptr(PaTestResponse) del = pa_test_api (server, "DELETE", path, NULL, "\"3\"");
    g_autoptr(PaTestResponse) gone = NULL;

    g_assert_cmpuint (del->status, ==, 204);
    g_assert_cmpuint (g_bytes_get_size (del->body), ==, 0);
    gone = pa_test_api (server, "GET", path, NULL, NULL);
    pa_test_assert_error (gone, 404, "not_found", NULL);
  }
}

static void
test_crud_agents (Fixture       *fixture,
                  gconstpointer  data)
{
  check_crud (fixture->server, "agents",
              "{\"name\": \"Ann Smith\", \"extension\": \"201\"}",
              "{\"name\": \"Ann Jones\", \"extension\": \"201\", \"email\": \"ann@example.com\"}",
              "{\"extension\": \"202\"}",
              "name", "Ann Jones", "Ann Jones");
}

static void
test_crud_sip_accounts (Fixture       *fixture,
                        gconstpointer  data)
{
  check_crud (fixture->server, "sip-accounts",
              "{\"username\": \"1001\"}",
              "{\"username\": \"1002\", \"server\": \"pbx.example.com\"}",
              "{\"label\": \"Front desk\"}",
              "username", "1002", "1002");
}

static void
test_crud_phones (Fixture       *fixture,
                  gconstpointer  data)
{
  check_crud (fixture->server, "phones",
              "{\"name\": \"Reception\", \"mac\": \"80:5E:C0:12:34:56\", "
              "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}",
              "{\"name\": \"Lobby\", \"mac\": \"805ec0123456\", "
              "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}",
              "{\"description\": \"by the door\"}",
              "name", "Lobby", "Lobby");
}

static void
test_crud_layouts (Fixture       *fixture,
                   gconstpointer  data)
{
  check_crud (fixture->server, "layouts",
              "{\"name\": \"Sales\", \"model\": \"yealink-t54w\", \"keys\": "
              "[{\"index\": 1, \"type\": \"line\", \"line\": 1}]}",
              "{\"name\": \"Support\", \"model\": \"yealink-t54w\", \"keys\": "
              "[{\"index\": 2, \"type\": \"blf\", \"value\": \"202\", \"label\": \"Bob\"}]}",
              "{\"description\": \"for the support team\"}",
              "name", "Support", "Support");
}

static void
test_crud_module_layouts (Fixture       *fixture,
                          gconstpointer  data)
{
  check_crud (fixture->server, "module-layouts",
              "{\"name\": \"Sidecar\", \"module\": \"yealink-exp50\", \"keys\": []}",
              "{\"name\": \"Sidecar 2\", \"module\": \"yealink-exp50\", \"keys\": "
              "[{\"index\": 1, \"type\": \"speed_dial\", \"value\": \"100\", \"label\": \"Ops\"}]}",
              "{\"name\": \"Sidecar 3\"}",
              "name", "Sidecar 2", "Sidecar 3");
}

static void
test_crud_profiles (Fixture       *fixture,
                    gconstpointer  data)
{
  check_crud (fixture->server, "profiles",
              "{\"name\": \"Office\"}",
              "{\"name\": \"Branch\", \"timezone\": \"Europe/Berlin\"}",
              "{\"ntp_server\": \"pool.ntp.org\"}",
              "name", "Branch", "Branch");
}

/* -- listing ------------------------------------------------------------- */

static void
test_list_paging (Fixture       *fixture,
                  gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  const char *names[] = { "Ann", "Bob", "Carla", "Dave", "Eve", "Frank", "Annette" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"extension\": \"%u\"}",
                                               names[i], 300 + i);
      pa_test_create (server, "agents", body);
    }

  {
    g_autoptr(PaTestResponse) page = pa_test_api (server, "GET", "/api/v1/agents?limit=3&offset=2",
                                                  NULL, NULL);
    JsonObject *object = pa_test_response_object (page);
    JsonArray *items = json_object_get_array_member (object, "items");

    g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 7);
    g_assert_cmpint (json_object_get_int_member (object, "offset"), ==, 2);
    g_assert_cmpint (json_object_get_int_member (object, "limit"), ==, 3);
    g_assert_cmpuint (json_array_get_length (items), ==, 3);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                    "name"), ==, "Carla");
  }

  {
    g_autoptr(PaTestResponse) tail = pa_test_api (server, "GET", "/api/v1/agents?offset=6",
                                                  NULL, NULL);
    JsonObject *object = pa_test_response_object (tail);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "items")), ==, 1);
  }

  {
    g_autoptr(PaTestResponse) filtered = pa_test_api (server, "GET", "/api/v1/agents?q=ann",
                                                      NULL, NULL);
    JsonObject *object = pa_test_response_object (filtered);

    g_assert_cmpint (json_object_get_int_member (object, "total"), ==, 2);
  }

  {
    g_autoptr(PaTestResponse) capped = pa_test_api (server, "GET", "/api/v1/agents?limit=100000",
                                                    NULL, NULL);
    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (capped), "limit"), ==, 500);
  }

  {
    g_autoptr(PaTestResponse) zero = pa_test_api (server, "GET", "/api/v1/agents?limit=0",
                                                  NULL, NULL);
    g_autoptr(PaTestResponse) junk = pa_test_api (server, "GET", "/api/v1/agents?offset=-1",
                                                  NULL, NULL);
    g_autoptr(PaTestResponse) word = pa_test_api (server, "GET", "/api/v1/agents?limit=ten",
                                                  NULL, NULL);

    pa_test_assert_error (zero, 400, "bad_request", "limit");
    pa_test_assert_error (junk, 400, "bad_request", "offset");
    pa_test_assert_error (word, 400, "bad_request", "limit");
  }
}

/* Keyset paging: "after" an id, in id order, no count; every item once,
 * a filter still applies, and the last page says so. */
static void
test_list_keyset (Fixture       *fixture,
                  gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 after = 0;
  guint pages = 0;

  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\": \"%s %u\", \"extension\": \"%u\"}",
                                               i % 5 == 0 ? "Ann" : "Bob", i, 400 + i);
      gint64 id = pa_test_create (server, "agents", body);

      g_array_append_val (ids, id);
    }

  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/agents?limit=10&after=%" G_GINT64_FORMAT, after);
      g_autoptr(PaTestResponse) page = pa_test_api (server, "GET", path, NULL, NULL);
      JsonObject *object = pa_test_response_object (page);
      JsonArray *items = json_object_get_array_member (object, "items");
      JsonNode *next = json_object_get_member (object, "next_after");

      g_assert_cmpuint (page->status, ==, 200);
      g_assert_false (json_object_has_member (object, "total"));   /* no count per page */
      pages++;
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          gint64 id = json_object_get_int_member (json_array_get_object_element (items, i), "id");

          g_assert_cmpint (id, >, after);
          g_assert_false (g_hash_table_contains (seen, &id));
          g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
          after = id;
        }
      if (JSON_NODE_HOLDS_NULL (next))
        break;
      g_assert_cmpint (json_node_get_int (next), ==, after);
    }
  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 25);

  {
    g_autoptr(PaTestResponse) filtered = pa_test_api (server, "GET", "/api/v1/agents?q=ann&after=0",
                                                      NULL, NULL);
    JsonObject *object = pa_test_response_object (filtered);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "items")), ==, 5);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "next_after")));
  }

  {
    g_autoptr(PaTestResponse) both = pa_test_api (server, "GET", "/api/v1/agents?after=1&offset=2",
                                                  NULL, NULL);
    g_autoptr(PaTestResponse) negative = pa_test_api (server, "GET", "/api/v1/agents?after=-1",
                                                      NULL, NULL);
    g_autoptr(PaTestResponse) word = pa_test_api (server, "GET", "/api/v1/agents?after=x1",
                                                  NULL, NULL);
    g_autoptr(PaTestResponse) huge = pa_test_api (server, "GET",
                                                  "/api/v1/agents?after=99999999999999999999",
                                                  NULL, NULL);

    pa_test_assert_error (both, 400, "bad_request", "after");
    pa_test_assert_error (negative, 400, "bad_request", "after");
    pa_test_assert_error (word, 400, "bad_request", "after");
    pa_test_assert_error (huge, 400, "bad_request", "after");
  }
}

/* -- catalog and info ---------------------------------------------------- */

/* Every item a listing gives is the resource GET gives, member for member:
 * the listing is written from the stored JSON (pa_store_list_json), GET
 * builds the resource, and they must not drift apart. */
static guint
assert_listing_same_as_get (PaTestServer *server,
                            const char   *collection)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s?after=0&limit=1000", collection);
  g_autoptr(PaTestResponse) page = pa_test_api (server, "GET", path, NULL, NULL);
  JsonArray *items;
  guint n;

  g_assert_cmpuint (page->status, ==, 200);
  items = json_object_get_array_member (pa_test_response_object (page), "items");
  n = json_array_get_length (items);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *listed = json_array_get_element (items, i);
      gint64 id = json_object_get_int_member (json_node_get_object (listed), "id");
      g_autoptr(PaTestResponse) one = pa_test_get (server, collection, id);
      g_autoptr(JsonNode) got = json_from_string (one->text, NULL);

      if (!json_node_equal (listed, got))
        g_error ("%s %" G_GINT64_FORMAT " listed as\n%s\nbut GET gives\n%s", collection, id,
                 json_to_string (listed, TRUE), one->text);
    }
  return n;
}

static void
assert_every_listing_same_as_get (PaTestServer *server)
{
  const char *collections[] = { "agents", "sip-accounts", "phones", "layouts",
                                "module-layouts", "profiles" };

  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    g_assert_cmpuint (assert_listing_same_as_get (server, collections[i]), >, 0);
}

static void
test_list_same_as_get (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-list-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
  g_autoptr(PaTestServer) server = NULL;
  gint64 layout, account, lonely;
  g_autofree char *body = NULL;
  g_autoptr(PaTestBootPhone) booted = NULL;
  g_autoptr(PaTestResponse) fetched = NULL;
  g_autoptr(PaTestResponse) got = NULL;

  /* No default SIP server, so a phone can need attention and stop. */
  g_assert_true (g_file_set_contents (config, "", 0, &error));
  server = pa_test_server_new_full (NULL, config);
  layout = pa_test_create (server, "layouts",
                           "{\"name\": \"Sales\", \"model\": \"yealink-t54w\", \"keys\": "
                           "[{\"index\": 2, \"type\": \"blf\", \"value\": \"202\", \"label\": \"Bö\"}]}");
  pa_test_create (server, "module-layouts",
                  "{\"name\": \"Sidecar\", \"module\": \"yealink-exp50\", \"keys\": []}");
  pa_test_create (server, "profiles", "{\"name\": \"Branch\", \"timezone\": \"Europe/Berlin\"}");
  account = pa_test_create (server, "sip-accounts",
                            "{\"username\": \"1001\", \"label\": \"Front \\\"desk\\\"\"}");
  body = g_strdup_printf ("{\"name\": \"Lobby\", \"mac\": \"805ec0123457\", \"vendor\": \"yealink\","
                          " \"model\": \"yealink-t54w\", \"layout_id\": %" G_GINT64_FORMAT ","
                          " \"lines\": [%" G_GINT64_FORMAT "],"
                          " \"modules\": [{\"module\": \"yealink-exp50\"}]}", layout, account);
  lonely = pa_test_create (server, "phones", body);

  booted = pa_test_boot_phone_new (server, "yealink", "yealink-t54w", "80:5e:c0:aa:bb:cc", NULL);
  assert_every_listing_same_as_get (server);

  /* Without a default SIP server the phone needs attention, and lists
   * why; once the settings have one, it does not: the listing follows. */
  got = pa_test_get (server, "phones", lonely);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      pa_test_response_object (got), "attention")), ==, 1);
  {
    g_autoptr(PaTestResponse) patched =
      pa_test_api (server, "PATCH", "/api/v1/settings",
                   "{\"sip_server\": \"pbx.example.com\"}", "*");

    g_assert_cmpuint (patched->status, ==, 200);
    g_clear_pointer (&got, pa_test_response_free);
    got = pa_test_get (server, "phones", lonely);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        pa_test_response_object (got), "attention")), ==, 0);
    assert_every_listing_same_as_get (server);
  }

  /* A phone's own fetch moves its status columns, which the listing must
   * show as GET does. */
  fetched = pa_test_boot_fetch (server, booted, "805ec0aabbcc.cfg",
                                "Yealink SIP-T54W 96.86.0.100 80:5e:c0:aa:bb:cc");
  pa_test_boot_assert_ok (fetched, "text/plain");
  assert_every_listing_same_as_get (server);

  g_clear_pointer (&server, pa_test_server_free);
  g_unlink (config);
  g_rmdir (dir);
}

static void
test_catalog (Fixture       *fixture,
              gconstpointer  data)
{
  PaTestServer *server = fixture->server;

  {
    g_autoptr(PaTestResponse) all = pa_test_api (server, "GET", "/api/v1/catalog", NULL, NULL);
    JsonObject *object = pa_test_response_object (all);

    g_assert_cmpuint (all->status, ==, 200);
    g_assert_true (json_object_has_member (object, "vendors"));
    g_assert_true (json_object_has_member (object, "models"));
  }

  {
    g_autoptr(PaTestResponse) models = pa_test_api (server, "GET",
                                                    "/api/v1/catalog/models?vendor=yealink",
                                                    NULL, NULL);
    JsonArray *items = json_object_get_array_member (pa_test_response_object (models), "items");
    gboolean found = FALSE;

    g_assert_cmpuint (json_array_get_length (items), >, 1);
    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *model = json_array_get_object_element (items, i);

        g_assert_cmpstr (json_object_get_string_member (model, "vendor_id"), ==, "yealink");
        if (g_str_equal (json_object_get_string_member (model, "id"), "yealink-t54w"))
          {
            found = TRUE;
            g_assert_cmpstr (json_object_get_string_member (model, "common_file"), ==,
                             "y000000000096.cfg");
          }
      }
    g_assert_true (found);
  }

  {
    g_autoptr(PaTestResponse) none = pa_test_api (server, "GET",
                                                  "/api/v1/catalog/models?vendor=acme",
                                                  NULL, NULL);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                        pa_test_response_object (none), "items")), ==, 0);
  }

  {
    g_autoptr(PaTestResponse) one = pa_test_api (server, "GET",
                                                 "/api/v1/catalog/models/yealink-t54w", NULL, NULL);
    g_autoptr(PaTestResponse) missing = pa_test_api (server, "GET",
                                                     "/api/v1/catalog/models/acme-1", NULL, NULL);
    g_autoptr(PaTestResponse) vendors = pa_test_api (server, "GET", "/api/v1/catalog/vendors",
                                                     NULL, NULL);
    g_autoptr(PaTestResponse) post = pa_test_api (server, "POST", "/api/v1/catalog", "{}", NULL);

    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (one), "line_keys"), >, 0);
    pa_test_assert_error (missing, 404, "not_found", NULL);
    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (vendors), "total"), >=, 6);
    pa_test_assert_error (post, 405, "method_not_allowed", NULL);
    g_assert_cmpstr (soup_message_headers_get_one (post->headers, "Allow"), ==, "GET, HEAD");
  }
  /* Sections are the three there are; deeper paths are nothing. */
  {
    g_autoptr(PaTestResponse) section = pa_test_api (server, "GET", "/api/v1/catalog/phones",
                                                     NULL, NULL);
    g_autoptr(PaTestResponse) entry = pa_test_api (server, "GET", "/api/v1/catalog/phones/x",
                                                   NULL, NULL);
    g_autoptr(PaTestResponse) deeper = pa_test_api (server, "GET",
                                                    "/api/v1/catalog/models/yealink-t54w/keys",
                                                    NULL, NULL);
    g_autoptr(PaTestResponse) delete = pa_test_api (server, "DELETE",
                                                    "/api/v1/catalog/models/yealink-t54w", NULL, "*");

    pa_test_assert_error (section, 404, "not_found", NULL);
    g_assert_nonnull (strstr (section->text, "try vendors, models or modules"));
    pa_test_assert_error (entry, 404, "not_found", NULL);
    pa_test_assert_error (deeper, 404, "not_found", NULL);
    pa_test_assert_error (delete, 405, "method_not_allowed", NULL);
  }
}

static void
test_info (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PaTestResponse) info = pa_test_api (fixture->server, "GET", "/api/v1", NULL, NULL);
  JsonObject *object = pa_test_response_object (info);
  g_autofree char *url = g_strconcat (fixture->server->url, "/", NULL);

  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpstr (json_object_get_string_member (object, "url"), ==, url);
  g_assert_cmpstr (json_object_get_string_member (object, "public_url"), ==, url);
}

/* -- auth ---------------------------------------------------------------- */

static void
assert_unauthorized (PaTestResponse *response)
{
  const char *challenge = soup_message_headers_get_one (response->headers, "WWW-Authenticate");

  pa_test_assert_error (response, 401, "unauthorized", NULL);
  g_assert_nonnull (challenge);
  g_assert_true (g_str_has_prefix (challenge, "Bearer"));
}

static void
test_auth (Fixture       *fixture,
           gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autofree char *wrong = g_strconcat ("Bearer ", server->token, NULL);
  g_autofree char *lower = g_strconcat ("bearer ", server->token, NULL);
  const struct { const char *method; const char *path; const char *body; } endpoints[] = {
    { "GET", "/api/v1/phones", NULL },
    { "POST", "/api/v1/agents", "{\"name\": \"Mallory\", \"extension\": \"666\"}" },
    { "GET", "/api/v1/catalog", NULL },
    { "DELETE", "/api/v1/agents/1", NULL },
    { "POST", "/api/v1/sip-accounts/1/password", "{\"confirm\": \"REGENERATE\"}" },
    { "GET", "/api/v1", NULL },
    { "GET", "/api/v1/nothing-here", NULL },
  };
  const char *bad_headers[] = {
    NULL,                          /* a wrong token, filled in below */
    "Bearer",
    "Bearer ",
    "Basic YWRtaW46YWRtaW4=",
    "Bearer two words",
    "Token abc",
    "BearerXYZ",
  };

  /* a token of the right shape that the server never issued */
  wrong[strlen (wrong) - 1] = wrong[strlen (wrong) - 1] == 'A' ? 'B' : 'A';
  bad_headers[0] = wrong;

  pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");

  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      const char *type = endpoints[i].body != NULL ? "application/json" : NULL;
      g_autoptr(PaTestResponse) none = NULL;

      none = pa_test_request (server, endpoints[i].method, endpoints[i].path, type,
                              endpoints[i].body, -1, FALSE, NULL);
      assert_unauthorized (none);

      for (guint j = 0; j < G_N_ELEMENTS (bad_headers); j++)
        {
          const char *headers[] = { "Authorization", bad_headers[j], NULL };
          g_autoptr(PaTestResponse) bad = NULL;

          bad = pa_test_request (server, endpoints[i].method, endpoints[i].path, type,
                                 endpoints[i].body, -1, FALSE, headers);
          assert_unauthorized (bad);
        }
    }

  /* nothing the refused requests asked for happened */
  g_assert_cmpint (pa_test_total_of (server, "agents"), ==, 1);

  {
    const char *headers[] = { "Authorization", lower, NULL };
    g_autoptr(PaTestResponse) ok = pa_test_request (server, "GET", "/api/v1/agents", NULL, NULL,
                                                    -1, FALSE, headers);
    /* the scheme is case-insensitive (RFC 9110) */
    g_assert_cmpuint (ok->status, ==, 200);
  }

  {
    /* the phone endpoint does not take the admin token as a key */
    g_autoptr(PaTestResponse) phone = pa_test_request (server, "GET", "/p/x/y.cfg", NULL, NULL,
                                                       -1, TRUE, NULL);
    g_assert_cmpuint (phone->status, ==, 404);
  }
}

/* -- malformed input ----------------------------------------------------- */

static char *
big_body (void)
{
  GString *body = g_string_new ("{\"name\": \"");

  while (body->len < 2 * 1024 * 1024)
    g_string_append (body, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  g_string_append (body, "\"}");
  return g_string_free (body, FALSE);
}

typedef struct
{
  const char *what;
  const char *content_type;
  const char *body;
  gssize      length;
  guint       status;
  const char *code;
  const char *field;
} BadBody;

/* 75,000 levels in 375 KB: json-glib recursed through them until the
 * stack ran out, and provd died. */
static char *
deep_body (void)
{
  GString *deep = g_string_new (NULL);

  for (guint i = 0; i < 75000; i++)
    g_string_append (deep, "{\"a\":");
  return g_string_free (deep, FALSE);
}

static void
test_malformed_bodies (Fixture       *fixture,
                       gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autofree char *big = big_body ();
  g_autofree char *deep = deep_body ();
  g_autofree char *path = NULL;
  g_autoptr(PaTestResponse) before = NULL;
  gint64 id;
  const BadBody cases[] = {
    { "not JSON", "application/json", "hello", -1, 400, "malformed", NULL },
    { "truncated", "application/json", "{\"name\": \"Bo", -1, 400, "malformed", NULL },
    { "array", "application/json", "[{\"name\": \"Bo\"}]", -1, 400, "malformed", NULL },
    { "string", "application/json", "\"Bo\"", -1, 400, "malformed", NULL },
    { "empty", "application/json", "", 0, 400, "malformed", NULL },
    { "NUL byte", "application/json", "{\"name\": \"B\0o\"}", 15, 400, "malformed", NULL },
    { "not UTF-8", "application/json", "{\"name\": \"B\xff\"}", -1, 400, "malformed", NULL },
    { "wrong type", "application/json", "{\"name\": 42}", -1, 400, "wrong_type", "name" },
    { "wrong type (object)", "application/json", "{\"name\": {\"first\": \"Bo\"}}", -1,
      400, "wrong_type", "name" },
    { "unknown member", "application/json", "{\"name\": \"Bo\", \"shoe_size\": 44}", -1,
      400, "unknown_field", "shoe_size" },
    { "invalid value", "application/json", "{\"name\": \"\"}", -1, 400, "invalid_value", "name" },
    { "bad enum", "application/json", "{\"name\": \"Bo\", \"routing\": \"pigeon\"}", -1,
      400, NULL, "routing" },
    { "2 MiB", "application/json", big, -1, 413, "payload_too_large", NULL },
    { "nested 75,000 deep", "application/json", deep, -1, 400, "malformed", NULL },
    { "a member twice", "application/json", "{\"name\": \"Bo\", \"name\": \"Cy\"}", -1,
      400, "malformed", NULL },
    { "two objects", "application/json", "{\"name\": \"Bo\"}{\"name\": \"Cy\"}", -1,
      400, "malformed", NULL },
    { "escaped NUL", "application/json", "{\"name\": \"B\\u0000o\"}", -1, 400, "malformed", NULL },
    { "text/plain", "text/plain", "{\"name\": \"Bo\"}", -1, 415, "unsupported_media_type", NULL },
    { "form", "application/x-www-form-urlencoded", "name=Bo", -1, 415,
      "unsupported_media_type", NULL },
    { "no content type", NULL, "{\"name\": \"Bo\"}", -1, 415, "unsupported_media_type", NULL },
    { "latin-1", "application/json; charset=iso-8859-1", "{\"name\": \"Bo\"}", -1, 415,
      "unsupported_media_type", NULL },
  };

  id = pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  path = g_strdup_printf ("/api/v1/agents/%" G_GINT64_FORMAT, id);
  before = pa_test_get (server, "agents", id);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *if_match[] = { "If-Match", "\"1\"", NULL };
      const char *methods[] = { "POST", "PUT", "PATCH" };

      g_test_message ("case: %s", cases[i].what);
      for (guint m = 0; m < G_N_ELEMENTS (methods); m++)
        {
          g_autoptr(PaTestResponse) response = NULL;
          gboolean create = g_str_equal (methods[m], "POST");

          response = pa_test_request (server, methods[m], create ? "/api/v1/agents" : path,
                                      cases[i].content_type, cases[i].body, cases[i].length,
                                      TRUE, create ? NULL : if_match);
          if (cases[i].code != NULL)
            pa_test_assert_error (response, cases[i].status, cases[i].code, cases[i].field);
          else
            {
              g_assert_cmpuint (response->status, ==, cases[i].status);
              g_assert_cmpstr (json_object_get_string_member (
                                 json_object_get_object_member (pa_test_response_object (response),
                                                                "error"), "field"), ==,
                               cases[i].field);
            }
        }

      /* nothing was written */
      g_assert_cmpint (pa_test_total_of (server, "agents"), ==, 1);
      assert_unchanged (server, "agents", id, before->text);
    }
}

/* -- optimistic concurrency ---------------------------------------------- */

static void
test_if_match (Fixture       *fixture,
               gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autofree char *path = NULL;
  g_autoptr(PaTestResponse) after_update = NULL;
  gint64 id;

  id = pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  path = g_strdup_printf ("/api/v1/agents/%" G_GINT64_FORMAT, id);

  {
    g_autoptr(PaTestResponse) first = pa_test_api (server, "PATCH", path,
                                                   "{\"name\": \"Ann B\"}", "\"1\"");
    g_assert_cmpuint (first->status, ==, 200);
  }
  after_update = pa_test_get (server, "agents", id);

  {
    /* a second client still holding revision 1 */
    g_autoptr(PaTestResponse) stale_patch = pa_test_api (server, "PATCH", path,
                                                         "{\"name\": \"Ann C\"}", "\"1\"");
    g_autoptr(PaTestResponse) stale_put = pa_test_api (server, "PUT", path,
                                                       "{\"name\": \"Ann D\"}", "\"1\"");
    g_autoptr(PaTestResponse) stale_delete = pa_test_api (server, "DELETE", path, NULL, "\"1\"");
    g_autoptr(PaTestResponse) future = pa_test_api (server, "PATCH", path,
                                                    "{\"name\": \"Ann E\"}", "\"9\"");
    g_autoptr(PaTestResponse) junk = pa_test_api (server, "PATCH", path,
                                                  "{\"name\": \"Ann F\"}", "yesterday");

    pa_test_assert_error (stale_patch, 412, "precondition_failed", NULL);
    pa_test_assert_error (stale_put, 412, "precondition_failed", NULL);
    pa_test_assert_error (stale_delete, 412, "precondition_failed", NULL);
    pa_test_assert_error (future, 412, "precondition_failed", NULL);
    pa_test_assert_error (junk, 412, "precondition_failed", NULL);
    assert_unchanged (server, "agents", id, after_update->text);
  }

  {
    g_autoptr(PaTestResponse) missing_patch = pa_test_api (server, "PATCH", path,
                                                           "{\"name\": \"Ann G\"}", NULL);
    g_autoptr(PaTestResponse) missing_delete = pa_test_api (server, "DELETE", path, NULL, NULL);

    pa_test_assert_error (missing_patch, 428, "precondition_required", NULL);
    pa_test_assert_error (missing_delete, 428, "precondition_required", NULL);
    assert_unchanged (server, "agents", id, after_update->text);
  }

  {
    /* a list with the current tag, a weak tag and * all match */
    g_autoptr(PaTestResponse) weak = pa_test_api (server, "PATCH", path,
                                                  "{\"name\": \"Ann W\"}", "W/\"2\"");
    g_autoptr(PaTestResponse) star = pa_test_api (server, "PATCH", path,
                                                  "{\"name\": \"Ann S\"}", "*");

    g_assert_cmpuint (weak->status, ==, 200);
    g_assert_cmpuint (star->status, ==, 200);
    g_assert_cmpstr (soup_message_headers_get_one (star->headers, "ETag"), ==, "\"4\"");
  }
}

/* -- routing errors ------------------------------------------------------ */

static void
test_not_found_and_methods (Fixture       *fixture,
                            gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  const char *missing[] = {
    "/api/v1/nothing", "/api/v1/phones/abc", "/api/v1/phones/999", "/api/v1/phones/0",
    "/api/v1/phones/-1", "/api/v1/phones/1/2/3", "/api/v2/phones", "/api/v1/agents/1/password",
  };

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    {
      g_autoptr(PaTestResponse) response = pa_test_api (server, "GET", missing[i], NULL, NULL);

      g_test_message ("GET %s", missing[i]);
      pa_test_assert_error (response, 404, "not_found", NULL);
    }

  {
    g_autoptr(PaTestResponse) put_list = pa_test_api (server, "PUT", "/api/v1/phones", "{}", "*");
    g_autoptr(PaTestResponse) post_one = pa_test_api (server, "POST", "/api/v1/agents/1", "{}",
                                                      NULL);
    g_autoptr(PaTestResponse) get_password = pa_test_api (server, "GET",
                                                          "/api/v1/sip-accounts/1/password",
                                                          NULL, NULL);

    pa_test_assert_error (put_list, 405, "method_not_allowed", NULL);
    g_assert_cmpstr (soup_message_headers_get_one (put_list->headers, "Allow"), ==,
                     "GET, HEAD, POST");
    pa_test_assert_error (post_one, 405, "method_not_allowed", NULL);
    g_assert_cmpstr (soup_message_headers_get_one (post_one->headers, "Allow"), ==,
                     "GET, HEAD, PUT, PATCH, DELETE");
    pa_test_assert_error (get_password, 405, "method_not_allowed", NULL);
    g_assert_cmpstr (soup_message_headers_get_one (get_password->headers, "Allow"), ==, "POST");
  }

  {
    /* outside /api and /p there is nothing, and it says nothing */
    g_autoptr(PaTestResponse) root = pa_test_request (server, "GET", "/", NULL, NULL, -1,
                                                      FALSE, NULL);
    g_assert_cmpuint (root->status, ==, 404);
    g_assert_cmpuint (g_bytes_get_size (root->body), ==, 0);
  }
}

/* Found by an adversarial probe (issue 9): a %00 in the query was read as
 * no value; a host name with a non-ASCII letter made an error message
 * that was not UTF-8, so not JSON. */
static void
test_probe_findings (Fixture       *fixture,
                     gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaTestResponse) nul_limit = pa_test_api (server, "GET", "/api/v1/agents?limit=%00",
                                                     NULL, NULL);
  g_autoptr(PaTestResponse) nul_filter = pa_test_api (server, "GET", "/api/v1/phones?q=a%00b",
                                                      NULL, NULL);
  g_autoptr(PaTestResponse) host = NULL;
  JsonObject *error;

  pa_test_assert_error (nul_limit, 400, "bad_request", NULL);
  pa_test_assert_error (nul_filter, 400, "bad_request", NULL);

  host = pa_test_api (server, "POST", "/api/v1/sip-accounts",
                      "{\"username\": \"x1\", \"server\": \"pbx.h\u00e9llo.example\"}", NULL);
  pa_test_assert_error (host, 400, "invalid_value", "server");

  /* An id that points at nothing is a 422 naming its member, wherever the
   * id is kept (a layout key's agent lives inside the layout's data). */
  {
    struct { const char *collection; const char *body; const char *field; } dangling[] = {
      { "profiles", "{\"name\": \"P\", \"layout_id\": 999}", "layout_id" },
      { "sip-accounts", "{\"username\": \"x2\", \"agent_id\": 999}", "agent_id" },
      { "layouts", "{\"name\": \"L\", \"model\": \"yealink-t54w\", \"keys\": [{\"index\": 1, "
        "\"type\": \"blf\", \"value\": \"201\", \"agent_id\": 999}]}", "keys[0].agent_id" },
      { "module-layouts", "{\"name\": \"M\", \"module\": \"yealink-exp50\", \"keys\": [{\"index\": 1, "
        "\"type\": \"blf\", \"value\": \"201\", \"agent_id\": 999}]}", "keys[0].agent_id" },
      { "phones", "{\"name\": \"D\", \"mac\": \"80:5E:C0:99:00:01\", \"vendor\": \"yealink\", "
        "\"model\": \"yealink-t54w\", \"modules\": [{\"module\": \"yealink-exp50\", \"layout_id\": 999}]}",
        "modules[0].layout_id" },
      { "phones", "{\"name\": \"D\", \"mac\": \"80:5E:C0:99:00:02\", \"vendor\": \"yealink\", "
        "\"model\": \"yealink-t54w\", \"profile_id\": 999}", "profile_id" },
    };

    /* and 0, where every id is 1 or more, is not a way to say "none" */
    {
      g_autoptr(PaTestResponse) zero = pa_test_api (server, "POST", "/api/v1/profiles",
                                                    "{\"name\": \"Z\", \"layout_id\": 0}", NULL);
      g_autoptr(PaTestResponse) zero_key = pa_test_api (server, "POST", "/api/v1/layouts",
                                                        "{\"name\": \"Z\", \"model\": \"yealink-t54w\", "
                                                        "\"keys\": [{\"index\": 1, \"type\": \"blf\", "
                                                        "\"value\": \"1\", \"agent_id\": 0}]}", NULL);
      g_autoptr(PaTestResponse) null_ok = pa_test_api (server, "POST", "/api/v1/profiles",
                                                       "{\"name\": \"N\", \"layout_id\": null}", NULL);

      pa_test_assert_error (zero, 400, "invalid_value", "layout_id");
      pa_test_assert_error (zero_key, 400, "invalid_value", NULL);
      g_assert_cmpuint (null_ok->status, ==, 201);
    }

    for (guint i = 0; i < G_N_ELEMENTS (dangling); i++)
      {
        g_autofree char *path = g_strdup_printf ("/api/v1/%s", dangling[i].collection);
        g_autoptr(PaTestResponse) refused = pa_test_api (server, "POST", path, dangling[i].body, NULL);

        g_test_message ("dangling %s", dangling[i].field);
        pa_test_assert_error (refused, 422, "rule_violation", dangling[i].field);
      }
    g_assert_cmpint (pa_test_total_of (server, "layouts"), ==, 0);
    g_assert_cmpint (pa_test_total_of (server, "phones"), ==, 0);
  }
  error = json_object_get_object_member (pa_test_response_object (host), "error");
  g_assert_true (g_utf8_validate (host->text, -1, NULL));
  g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "“é” is not allowed"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pa_test_fixture_setup, func, pa_test_fixture_teardown)

  ADD ("/api/crud/agents", test_crud_agents);
  ADD ("/api/crud/sip-accounts", test_crud_sip_accounts);
  ADD ("/api/crud/phones", test_crud_phones);
  ADD ("/api/crud/layouts", test_crud_layouts);
  ADD ("/api/crud/module-layouts", test_crud_module_layouts);
  ADD ("/api/crud/profiles", test_crud_profiles);
  ADD ("/api/list/paging-and-filter", test_list_paging);
  ADD ("/api/list/keyset", test_list_keyset);
  ADD ("/api/list/same-as-get", test_list_same_as_get);
  ADD ("/api/catalog", test_catalog);
  ADD ("/api/info", test_info);
  ADD ("/api/auth", test_auth);
  ADD ("/api/errors/malformed-bodies", test_malformed_bodies);
  ADD ("/api/errors/if-match", test_if_match);
  ADD ("/api/errors/not-found-and-methods", test_not_found_and_methods);
  ADD ("/api/errors/probe-findings", test_probe_findings);

#undef ADD

  return g_test_run ();
}
