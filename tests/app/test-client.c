/* test-client.c — PaClient against a real phoneadmin-provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test talks to the real provd (tests/server/pa-test-server.h). Two
 * groups cannot: answers provd never gives (HTML, a JSON array, a 502 from a
 * proxy) and TLS (provd speaks plain HTTP). For those a SoupServer in this
 * process stands in, and says so below.
 */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pa-client.h"
#include "pa-client-changes.h"
#include "pa-client-diff.h"
#include "pa-client-jobs.h"
#include "pa-client-private.h"
#include "pa-job-wait.h"
#include "../server/pa-test-server.h"
#include "pa-app-test.h"

#define WAIT_TIMEOUT_SECONDS 30

/* ---------------------------------------------------------------------- */
/* Helpers */

/* Iterates the main loop until *slot is set; fails the test on timeout. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  pa_app_test_wait_until_seconds (pa_app_test_result_arrived, slot, WAIT_TIMEOUT_SECONDS);
  return g_steal_pointer (slot);
}

static PaResource *
resource_from (GType       type,
               const char *json)
{
  g_autoptr(GError) error = NULL;
  PaResource *r = pa_resource_new_from_data (type, json, -1, PA_JSON_DEFAULT, &error);

  g_assert_no_error (error);
  return r;
}

static PaClient *
client_for (PaTestServer *server)
{
  return pa_client_new (server->url, server->token);
}

static PaResource *
create (PaClient    *client,
        PaResource  *resource,
        JsonObject **extra,
        GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_create_async (client, resource, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_create_finish (client, result, extra, error);
}

static PaResource *
get (PaClient  *client,
     GType      type,
     gint64     id,
     GError   **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_get_async (client, type, id, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_get_finish (client, result, error);
}

static GPtrArray *
list (PaClient   *client,
      GType       type,
      const char *filter,
      GError    **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_list_async (client, type, filter, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_list_finish (client, result, error);
}

static PaResource *
update (PaClient    *client,
        PaResource  *resource,
        GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_update_async (client, resource, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_update_finish (client, result, error);
}

static gboolean
delete (PaClient    *client,
        PaResource  *resource,
        GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_delete_async (client, resource, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_delete_finish (client, result, error);
}

static JsonObject *
get_info (PaClient  *client,
          GError   **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_get_info_async (client, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_get_info_finish (client, result, error);
}

static char *
regenerate (PaClient  *client,
            gint64     id,
            guint     *n_resync,
            GError   **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_regenerate_password_async (client, id, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_regenerate_password_finish (client, result, n_resync, NULL, error);
}

/* The server's own error message for a raw request, to compare with. */
static char *
server_message (PaTestResponse *response)
{
  JsonObject *object = pa_test_response_object (response);
  JsonObject *error = json_object_get_object_member (object, "error");

  return g_strdup (json_object_get_string_member (error, "message"));
}

/* ---------------------------------------------------------------------- */
/* CRUD for every kind */

typedef struct
{
  const char *name;
  GType     (*get_type) (void);
  const char *create_json;
  const char *collection;
} CrudCase;

static void
test_crud (PaTestFixture *fixture,
           gconstpointer  user_data)
{
  const CrudCase *c = user_data;
  GType type = c->get_type ();
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(PaResource) draft = resource_from (type, c->create_json);
  g_autoptr(PaResource) created = NULL;
  g_autoptr(PaResource) fetched = NULL;
  g_autoptr(PaResource) changed = NULL;
  g_autoptr(PaResource) updated = NULL;
  g_autoptr(PaResource) stale = NULL;
  g_autoptr(PaResource) after = NULL;
  g_autoptr(PaResource) gone = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original_name = NULL;
  gint64 id;

  g_assert_cmpstr (pa_client_collection_for_type (type), ==, c->collection);

  created = create (client, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (G_OBJECT_TYPE (created) == type);
  id = pa_resource_get_id (created);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (pa_resource_get_revision (created), ==, 1);

  fetched = get (client, type, id, &error);
  g_assert_no_error (error);
  g_assert_true (pa_resource_equal (created, fetched));

  items = list (client, type, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, >=, 1);
  g_assert_true (pa_resource_equal (g_ptr_array_index (items, items->len - 1), created));

  /* Update: PUT with If-Match. */
  g_object_get (created, "name", &original_name, NULL);
  changed = pa_resource_copy (created);
  g_object_set (changed, "name", "Renamed", NULL);
  updated = update (client, changed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_revision (updated), ==, 2);
  {
    g_autofree char *name = NULL;
    g_object_get (updated, "name", &name, NULL);
    g_assert_cmpstr (name, ==, "Renamed");
  }

  /* A stale update (the revision we created with) changes nothing. */
  g_object_set (created, "name", "Lost update", NULL);
  stale = update (client, created, &error);
  g_assert_null (stale);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_STALE);
  g_assert_cmpuint (pa_client_error_get_status (error), ==, 412);
  g_assert_cmpstr (pa_client_error_get_code (error), ==, "precondition_failed");
  g_clear_error (&error);

  after = get (client, type, id, &error);
  g_assert_no_error (error);
  g_assert_true (pa_resource_equal (after, updated));

  /* A stale delete is refused too; the current revision deletes. */
  g_assert_false (delete (client, created, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_STALE);
  g_clear_error (&error);
  g_assert_true (delete (client, after, &error));
  g_assert_no_error (error);

  gone = get (client, type, id, &error);
  g_assert_null (gone);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpuint (pa_client_error_get_status (error), ==, 404);
  g_clear_error (&error);

  g_assert_false (delete (client, after, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND);
}

static const CrudCase crud_cases[] = {
  { "phone", pa_phone_get_type,
    "{\"name\":\"Reception\",\"mac\":\"80-5E-C0-12-34-56\",\"vendor\":\"yealink\","
    "\"model\":\"yealink-t54w\"}",
    "phones" },
  { "agent", pa_agent_get_type,
    "{\"name\":\"Ann Smith\",\"extension\":\"201\",\"email\":\"ann@example.com\"}", "agents" },
  { "sip-account", pa_sip_account_get_type, "{\"username\":\"1001\"}", "sip-accounts" },
  { "layout", pa_layout_get_type,
    "{\"name\":\"Sales\",\"model\":\"yealink-t54w\",\"keys\":[{\"index\":1,\"type\":\"blf\","
    "\"value\":\"202\",\"label\":\"Bob\",\"line\":1}]}",
    "layouts" },
  { "module-layout", pa_module_layout_get_type,
    "{\"name\":\"Sidecar\",\"module\":\"yealink-exp50\",\"keys\":[]}", "module-layouts" },
  { "profile", pa_profile_get_type,
    "{\"name\":\"Office\",\"timezone\":\"Europe/Berlin\",\"ntp_server\":\"pool.ntp.org\","
    "\"update_interval\":1440}",
    "profiles" },
};

/* sip_account has no name; the generic CRUD renames through "name", so a
 * SIP account uses its label instead. */
static void
test_crud_sip_account (PaTestFixture *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(PaResource) draft = resource_from (PA_TYPE_SIP_ACCOUNT, "{\"username\":\"1001\"}");
  g_autoptr(PaResource) created = NULL;
  g_autoptr(PaResource) changed = NULL;
  g_autoptr(PaResource) updated = NULL;
  g_autoptr(PaResource) fetched = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GError) error = NULL;

  created = create (client, draft, &extra, &error);
  g_assert_no_error (error);
  g_assert_nonnull (extra);
  g_assert_cmpuint (strlen (json_object_get_string_member (extra, "sip_password")), >=, 12);
  g_assert_cmpstr (pa_sip_account_get_username (PA_SIP_ACCOUNT (created)), ==, "1001");

  changed = pa_resource_copy (created);
  pa_sip_account_set_label (PA_SIP_ACCOUNT (changed), "Front desk");
  updated = update (client, changed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pa_sip_account_get_label (PA_SIP_ACCOUNT (updated)), ==, "Front desk");

  fetched = get (client, PA_TYPE_SIP_ACCOUNT, pa_resource_get_id (created), &error);
  g_assert_no_error (error);
  g_assert_true (pa_resource_equal (fetched, updated));

  g_assert_true (delete (client, fetched, &error));
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------------- */
/* The password is shown once */

static void
test_phone_password_once (PaTestFixture *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(PaResource) draft = resource_from (PA_TYPE_PHONE, crud_cases[0].create_json);
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(PaResource) account = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaTestResponse) raw = NULL;
  g_autofree char *path = NULL;
  gint64 account_id;

  phone = create (client, draft, &extra, &error);
  g_assert_no_error (error);
  g_assert_nonnull (extra);
  g_assert_cmpstr (pa_phone_get_mac (PA_PHONE (phone)), ==, "80:5E:C0:12:34:56");
  g_assert_nonnull (pa_phone_get_token (PA_PHONE (phone)));
  g_assert_true (json_object_has_member (extra, "sip_password"));
  g_assert_cmpstr (json_object_get_string_member (extra, "sip_username"), ==, "ph805ec0123456");
  account_id = json_object_get_int_member (extra, "sip_account_id");
  g_assert_cmpint (account_id, >, 0);
  /* Nothing that belongs to the resource leaks into extra. */
  g_assert_false (json_object_has_member (extra, "name"));
  g_assert_false (json_object_has_member (extra, "id"));

  account = get (client, PA_TYPE_SIP_ACCOUNT, account_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pa_sip_account_get_username (PA_SIP_ACCOUNT (account)), ==, "ph805ec0123456");

  /* A later read has no password, on the wire either. */
  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, pa_resource_get_id (phone));
  raw = pa_test_api (fixture->server, "GET", path, NULL, NULL);
  g_assert_cmpuint (raw->status, ==, 200);
  g_assert_null (strstr (raw->text, "sip_password"));
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&raw, pa_test_response_free);
  path = g_strdup_printf ("/api/v1/sip-accounts/%" G_GINT64_FORMAT, account_id);
  raw = pa_test_api (fixture->server, "GET", path, NULL, NULL);
  g_assert_null (strstr (raw->text, "sip_password"));
}

/* ---------------------------------------------------------------------- */
/* Errors from the server */

static void
test_unauthorized (PaTestFixture *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(PaClient) client = pa_client_new (fixture->server->url, "not-the-token");
  g_autoptr(PaClient) no_token = pa_client_new (fixture->server->url, NULL);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(GError) error = NULL;

  items = list (client, PA_TYPE_PHONE, NULL, &error);
  g_assert_null (items);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (pa_client_error_get_status (error), ==, 401);
  g_assert_cmpstr (pa_client_error_get_code (error), ==, "unauthorized");
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);

  info = get_info (no_token, &error);
  g_assert_null (info);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNAUTHORIZED);
}

static void
test_conflict (PaTestFixture *fixture,
               gconstpointer  user_data)
{
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(PaResource) first = resource_from (PA_TYPE_PHONE, crud_cases[0].create_json);
  g_autoptr(PaResource) second = resource_from (PA_TYPE_PHONE,
    "{\"name\":\"Other\",\"mac\":\"805ec0123456\",\"vendor\":\"yealink\","
    "\"model\":\"yealink-t54w\"}");
  g_autoptr(PaResource) created = NULL;
  g_autoptr(PaResource) refused = NULL;
  g_autoptr(PaTestResponse) raw = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  created = create (client, first, NULL, &error);
  g_assert_no_error (error);

  refused = create (client, second, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (pa_client_error_get_field (error), ==, "mac");
  g_assert_cmpstr (pa_client_error_get_code (error), ==, "conflict");
  g_assert_cmpuint (pa_client_error_get_status (error), ==, 409);

  /* The message shown is the server's own (it names the phone). */
  raw = pa_test_api (fixture->server, "POST", "/api/v1/phones",
                     "{\"name\":\"Other\",\"mac\":\"805ec0123456\",\"vendor\":\"yealink\","
                     "\"model\":\"yealink-t54w\"}",
                     NULL);
  pa_test_assert_error (raw, 409, "conflict", "mac");
  expected = server_message (raw);
  g_assert_cmpstr (error->message, ==, expected);
  g_assert_nonnull (strstr (error->message, "Reception"));
}

static void
test_invalid (PaTestFixture *fixture,
              gconstpointer  user_data)
{
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(PaResource) nameless = resource_from (PA_TYPE_AGENT, "{\"extension\":\"201\"}");
  g_autoptr(PaResource) bad_model = resource_from (PA_TYPE_PHONE,
    "{\"name\":\"X\",\"mac\":\"80:5E:C0:00:00:01\",\"vendor\":\"yealink\","
    "\"model\":\"yealink-nope\"}");
  g_autoptr(PaResource) bad_line = resource_from (PA_TYPE_PHONE,
    "{\"name\":\"X\",\"mac\":\"80:5E:C0:00:00:02\",\"vendor\":\"yealink\","
    "\"model\":\"yealink-t54w\",\"lines\":[999]}");
  g_autoptr(PaResource) r = NULL;
  g_autoptr(GError) error = NULL;

  /* 400: a value that is never right. */
  r = create (client, nameless, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
  g_assert_cmpuint (pa_client_error_get_status (error), ==, 400);
  g_assert_cmpstr (pa_client_error_get_field (error), ==, "name");
  g_clear_error (&error);

  /* 422: well formed, but breaks a rule. */
  r = create (client, bad_model, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
  g_assert_cmpuint (pa_client_error_get_status (error), ==, 422);
  g_assert_cmpstr (pa_client_error_get_field (error), ==, "model");
  g_clear_error (&error);

  r = create (client, bad_line, NULL, &error);
  g_assert_null (r);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
  g_assert_cmpstr (pa_client_error_get_field (error), ==, "lines[0]");
}

/* ---------------------------------------------------------------------- */
/* Lists, info, regenerate */

static void
count_up (guint *count)
{
  (*count)++;
}

static void
test_list_pages (PaTestFixture *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) filtered = NULL;
  g_autoptr(GError) error = NULL;
  const guint n = 1207;   /* three pages of 500, the next asked for while one is parsed */
  guint notified = 0;

  g_signal_connect_swapped (client, "notify::n-listed", G_CALLBACK (count_up), &notified);
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\":\"Agent %u\",\"extension\":\"%u\"}",
                                               i, 1000 + i);
      pa_test_create (fixture->server, "agents", body);
    }

  items = list (client, PA_TYPE_AGENT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, n);
  /* What a first load shows while it comes in: a page at a time. */
  g_assert_cmpuint (pa_client_get_n_listed (client), ==, n);
  g_assert_cmpuint (notified, ==, 3);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Agent %u", i + 1);
      PaAgent *agent = g_ptr_array_index (items, i);

      g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (agent)), ==, i + 1);
      g_assert_cmpstr (pa_agent_get_name (agent), ==, name);
    }

  /* "Agent 50" matches 50 and 500..509 */
  filtered = list (client, PA_TYPE_AGENT, "q=Agent%2050", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (filtered->len, ==, 11);
  g_assert_cmpuint (pa_client_get_n_listed (client), ==, n + 11);
}

static void
test_info (PaTestFixture *fixture,
           gconstpointer  user_data)
{
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(PaClient) slashed = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *with_slash = g_strconcat (fixture->server->url, "/", NULL);

  g_assert_cmpstr (pa_client_get_base_url (client), ==, with_slash);
  slashed = pa_client_new (with_slash, fixture->server->token);
  g_assert_cmpstr (pa_client_get_base_url (slashed), ==, with_slash);

  info = get_info (slashed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "phoneadmin-provd");
  g_assert_true (json_object_has_member (info, "public_url"));
}

static void
test_regenerate (PaTestFixture *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(PaResource) draft = resource_from (PA_TYPE_SIP_ACCOUNT, "{\"username\":\"1001\"}");
  g_autoptr(PaResource) account = NULL;
  g_autoptr(PaResource) phone_draft = NULL;
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(PaResource) phone_after = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *again = NULL;
  g_autofree char *phone_json = NULL;
  g_autofree char *none = NULL;
  guint n_resync = 99;

  account = create (client, draft, &extra, &error);
  g_assert_no_error (error);

  password = regenerate (client, pa_resource_get_id (account), &n_resync, &error);
  g_assert_no_error (error);
  g_assert_nonnull (password);
  g_assert_cmpstr (password, !=, json_object_get_string_member (extra, "sip_password"));
  g_assert_cmpuint (n_resync, ==, 0);

  /* A phone carrying the account is resynced. */
  phone_json = g_strdup_printf ("{\"name\":\"Desk\",\"mac\":\"80:5E:C0:AA:BB:CC\","
                                "\"vendor\":\"yealink\","
                                "\"model\":\"yealink-t54w\",\"lines\":[%" G_GINT64_FORMAT "]}",
                                pa_resource_get_id (account));
  phone_draft = resource_from (PA_TYPE_PHONE, phone_json);
  phone = create (client, phone_draft, NULL, &error);
  g_assert_no_error (error);

  again = regenerate (client, pa_resource_get_id (account), &n_resync, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, !=, password);
  g_assert_cmpuint (n_resync, ==, 1);

  phone_after = get (client, PA_TYPE_PHONE, pa_resource_get_id (phone), &error);
  g_assert_no_error (error);
  /* its files carry the new password: a new fingerprint, same revision */
  g_assert_cmpstr (pa_phone_get_config_fingerprint (PA_PHONE (phone_after)), !=,
                   pa_phone_get_config_fingerprint (PA_PHONE (phone)));
  g_assert_cmpint (pa_resource_get_revision (phone_after), ==, pa_resource_get_revision (phone));

  none = regenerate (client, 4242, &n_resync, &error);
  g_assert_null (none);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND);
  g_assert_cmpuint (n_resync, ==, 0);
}

/* ---------------------------------------------------------------------- */
/* Transport */

static void
test_unreachable (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PaClient) client = NULL;
  g_autoptr(PaClient) bad_url = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autofree char *url = NULL;
  guint16 port;

  /* A port that was free a moment ago and is closed now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);

  url = g_strdup_printf ("http://127.0.0.1:%u/", port);
  client = pa_client_new (url, "token");
  info = get_info (client, &error);
  g_assert_null (info);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE);
  g_assert_cmpuint (pa_client_error_get_status (error), ==, 0);
  /* It says where and what to do. */
  g_assert_nonnull (strstr (error->message, url));
  g_clear_error (&error);

  bad_url = pa_client_new ("not a url", "token");
  info = get_info (bad_url, &error);
  g_assert_null (info);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE);
}

static void
test_cancel (PaTestFixture *fixture,
             gconstpointer  user_data)
{
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  pa_client_list_async (client, PA_TYPE_PHONE, NULL, cancellable, pa_app_test_store_once_cb, &slot);
  g_cancellable_cancel (cancellable);
  result = wait_for (&slot);
  items = pa_client_list_finish (client, result, &error);
  g_assert_null (items);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* ---------------------------------------------------------------------- */
/* The layout designer's calls */

static PaResource *
update_full (PaClient    *client,
             PaResource  *resource,
             JsonObject **extra,
             GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_update_async (client, resource, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_update_finish_full (client, result, extra, error);
}

/* Jobs: each call waited for, as the layout designer's calls are. */

static JsonObject *
job_body (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  return json_object_ref (json_node_get_object (node));
}

static PaJob *
create_job (PaClient    *client,
            const char  *json,
            GError     **error)
{
  g_autoptr(JsonObject) body = job_body (json);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_create_job_async (client, body, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_create_job_finish (client, result, error);
}

static PaJob *
get_job_as (PaClient  *client,
            gint64     id,
            gboolean   summary,
            GError   **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_get_job_async (client, id, summary, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_get_job_finish (client, result, error);
}

static PaJob *
get_job (PaClient  *client,
         gint64     id,
         GError   **error)
{
  return get_job_as (client, id, FALSE, error);
}

static PaJob *
undo_job (PaClient  *client,
          gint64     id,
          GError   **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_undo_job_async (client, id, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_undo_job_finish (client, result, error);
}

static gboolean
cancel_job (PaClient  *client,
            gint64     id,
            GError   **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_cancel_job_async (client, id, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_cancel_job_finish (client, result, error);
}

static PaChangeDiff *
diff_job (PaClient    *client,
          const char  *json,
          GError     **error)
{
  g_autoptr(JsonObject) body = job_body (json);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_diff_job_async (client, body, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_diff_finish (client, result, error);
}

/* Follows @job to its end, as the app does (pa-job-wait.h). */
static PaJob *
finish_job (PaClient *client,
            PaJob    *job)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PaJob *done;

  pa_job_wait_async (client, job, NULL, NULL, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  done = pa_job_wait_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (pa_job_is_finished (done));
  return done;
}

static PaJob *
run_job (PaClient   *client,
         const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaJob) job = create_job (client, json, &error);

  g_assert_no_error (error);
  g_assert_cmpint (job->id, >, 0);
  return finish_job (client, job);
}

static char *
preview (PaClient    *client,
         gint64       phone_id,
         const char  *file,
         GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_preview_async (client, phone_id, file, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_preview_finish (client, result, error);
}

static char *
preview_layout (PaClient    *client,
                gint64       phone_id,
                const char  *file,
                gint64       layout_id,
                GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_preview_layout_async (client, phone_id, file, layout_id, NULL, pa_app_test_store_once_cb,
                                  &slot);
  result = wait_for (&slot);
  return pa_client_preview_finish (client, result, error);
}

static gboolean
delete_with_replacement (PaClient    *client,
                         PaResource  *resource,
                         gint64       replacement_id,
                         GError     **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_client_delete_with_replacement_async (client, resource, replacement_id, NULL,
                                           pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_client_delete_with_replacement_finish (client, result, error);
}

static PaResource *
create_phone (PaClient    *client,
              const char  *mac,
              const char  *model,
              char       **sip_password)
{
  g_autofree char *json = g_strdup_printf ("{\"name\": \"Desk %s\", \"mac\": \"%s\", "
                                           "\"vendor\": \"yealink\", \"model\": \"%s\"}",
                                           mac, mac, model);
  g_autoptr(PaResource) draft = resource_from (PA_TYPE_PHONE, json);
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GError) error = NULL;
  PaResource *phone = create (client, draft, &extra, &error);

  g_assert_no_error (error);
  if (sip_password != NULL)
    *sip_password = g_strdup (json_object_get_string_member (extra, "sip_password"));
  return phone;
}

static void
test_designer_calls (PaTestFixture *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(PaResource) layout_draft =
    resource_from (PA_TYPE_LAYOUT, "{\"name\": \"Reception\", \"model\": \"yealink-t54w\", "
                   "\"keys\": [{\"index\": 1, \"type\": \"blf\", \"value\": \"202\", "
                   "\"label\": \"Bob\", \"agent_id\": null}]}");
  g_autoptr(PaResource) spare_draft =
    resource_from (PA_TYPE_LAYOUT, "{\"name\": \"Spare\", \"model\": \"yealink-t54w\"}");
  g_autoptr(PaResource) t46_draft =
    resource_from (PA_TYPE_LAYOUT, "{\"name\": \"Old\", \"model\": \"yealink-t46u\"}");
  g_autoptr(PaResource) layout = NULL;
  g_autoptr(PaResource) spare = NULL;
  g_autoptr(PaResource) t46 = NULL;
  g_autoptr(PaResource) phone_a = NULL;
  g_autoptr(PaResource) phone_b = NULL;
  g_autoptr(PaResource) phone_t46 = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  gint64 ids[3];

  layout = create (client, layout_draft, NULL, &error);
  g_assert_no_error (error);
  spare = create (client, spare_draft, NULL, &error);
  g_assert_no_error (error);
  t46 = create (client, t46_draft, NULL, &error);
  g_assert_no_error (error);
  phone_a = create_phone (client, "80:5E:C0:00:01:0A", "yealink-t54w", &password);
  phone_b = create_phone (client, "80:5E:C0:00:01:0B", "yealink-t54w", NULL);
  phone_t46 = create_phone (client, "80:5E:C0:00:01:0C", "yealink-t46u", NULL);

  /* Apply, as a job: all or nothing, the refused phone named. */
  ids[0] = pa_resource_get_id (phone_a);
  ids[1] = pa_resource_get_id (phone_b);
  ids[2] = pa_resource_get_id (phone_t46);
  {
    g_autofree char *json = g_strdup_printf ("{\"action\": \"apply_layout\", \"layout_id\": %"
                                             G_GINT64_FORMAT ", \"phone_ids\": [%" G_GINT64_FORMAT
                                             ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                             pa_resource_get_id (layout), ids[0], ids[1], ids[2]);
    g_autoptr(PaJob) job = run_job (client, json);

    g_assert_cmpint (job->state, ==, PA_JOB_FAILED);
    g_assert_cmpstr (job->action, ==, "apply_layout");
    g_assert_nonnull (strstr (job->error, "yealink-t46u"));
    g_assert_cmpint (job->error_phone_id, ==, ids[2]);
    g_assert_false (job->undoable);
  }
  {
    g_autoptr(PaResource) still = get (client, PA_TYPE_PHONE, ids[0], &error);

    g_assert_no_error (error);
    g_assert_cmpint (pa_phone_get_layout_id (PA_PHONE (still)), ==, 0);
  }
  {
    g_autoptr(PaJob) none = create_job (client, "{\"action\": \"apply_layout\", \"layout_id\": 1,"
                                                " \"phone_ids\": []}", &error);

    g_assert_null (none);
    g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
    g_assert_cmpstr (pa_client_error_get_field (error), ==, "phone_ids");
    g_clear_error (&error);
  }
  {
    g_autofree char *json = g_strdup_printf ("{\"action\": \"apply_layout\", \"layout_id\": 9999,"
                                             " \"phone_ids\": [%" G_GINT64_FORMAT "]}", ids[0]);
    g_autoptr(PaJob) gone = create_job (client, json, &error);

    g_assert_null (gone);
    g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autofree char *json = g_strdup_printf ("{\"action\": \"apply_layout\", \"layout_id\": %"
                                             G_GINT64_FORMAT ", \"phone_ids\": [%" G_GINT64_FORMAT
                                             ", %" G_GINT64_FORMAT "]}",
                                             pa_resource_get_id (layout), ids[0], ids[1]);
    g_autoptr(PaChangeDiff) diff = diff_job (client, json, &error);
    g_autoptr(PaJob) job = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (diff->affected_phones, ==, 2);
    g_assert_cmpuint (diff->phones->len, ==, 2);

    job = run_job (client, json);
    g_assert_cmpint (job->state, ==, PA_JOB_SUCCEEDED);
    g_assert_cmpint (job->total, ==, 2);
    g_assert_cmpint (job->done, ==, 2);
    g_assert_cmpint (job->affected_phones, ==, 2);
    g_assert_true (job->undoable);
    g_assert_null (job->error);
  }

  /* An edit says how many phones it reaches; plain update_finish still works. */
  {
    g_autoptr(PaResource) edited = pa_resource_copy (layout);
    g_autoptr(PaResource) saved = NULL;
    g_autoptr(PaResource) again = NULL;
    g_autoptr(JsonObject) extra = NULL;

    pa_layout_set_description (PA_LAYOUT (edited), "Front desk");
    saved = update_full (client, edited, &extra, &error);
    g_assert_no_error (error);
    g_assert_nonnull (extra);
    g_assert_cmpint (json_object_get_int_member (extra, "affected_phones"), ==, 2);
    g_assert_cmpstr (pa_layout_get_description (PA_LAYOUT (saved)), ==, "Front desk");

    pa_layout_set_description (PA_LAYOUT (saved), "Front");
    again = update (client, saved, &error);
    g_assert_no_error (error);
    g_assert_cmpint (pa_resource_get_revision (again), ==, pa_resource_get_revision (saved) + 1);
    g_set_object (&layout, again);
  }

  /* Preview: what the phone gets, without its secrets. */
  {
    g_autofree char *file = g_strdup ("805ec000010a.cfg");
    g_autofree char *text = preview (client, pa_resource_get_id (phone_a), file, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (text, "linekey.1.label = Bob\n"));
    g_assert_nonnull (strstr (text, "account.1.password = ********\n"));
    g_assert_null (strstr (text, password));
  }
  {
    g_autofree char *text = preview (client, pa_resource_get_id (phone_a), "805ec000010b.cfg",
                                     &error);

    g_assert_null (text);
    g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  /* Preview as if the phone used another layout: nothing stored. */
  {
    g_autofree char *with_spare = preview_layout (client, pa_resource_get_id (phone_a),
                                                  "805ec000010a.cfg", pa_resource_get_id (spare),
                                                  &error);
    g_autofree char *with_own = NULL;
    g_autofree char *with_zero = NULL;

    g_assert_no_error (error);
    g_assert_null (strstr (with_spare, "linekey.1.label = Bob\n"));
    g_assert_nonnull (strstr (with_spare, "account.1.password = ********\n"));
    g_assert_null (strstr (with_spare, password));

    with_own = preview_layout (client, pa_resource_get_id (phone_a), "805ec000010a.cfg",
                               pa_resource_get_id (layout), &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (with_own, "linekey.1.label = Bob\n"));
    /* 0 is the phone's own layout, still the stored one. */
    with_zero = preview_layout (client, pa_resource_get_id (phone_a), "805ec000010a.cfg", 0,
                                &error);
    g_assert_no_error (error);
    g_assert_cmpstr (with_zero, ==, with_own);
  }
  {
    g_autofree char *text = preview_layout (client, pa_resource_get_id (phone_a),
                                            "805ec000010a.cfg", pa_resource_get_id (t46),
                                            &error);

    g_assert_null (text);
    g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
    g_assert_cmpstr (pa_client_error_get_field (error), ==, "layout");
    g_assert_nonnull (strstr (error->message, "yealink-t46u"));
    g_clear_error (&error);
  }
  {
    g_autofree char *text = preview_layout (client, pa_resource_get_id (phone_a),
                                            "805ec000010a.cfg", 9999, &error);

    g_assert_null (text);
    g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
    g_assert_cmpstr (pa_client_error_get_field (error), ==, "layout");
    g_clear_error (&error);
  }
  {
    /* A name with a '/' stays one segment and names no file. */
    g_autofree char *text = preview (client, pa_resource_get_id (phone_a), "../1", &error);

    g_assert_null (text);
    g_assert_true (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND) ||
                   g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID));
    g_clear_error (&error);
  }

  /* Delete onto a replacement: refused for another model, then done. */
  g_assert_false (delete (client, layout, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "2 phones"));
  g_clear_error (&error);

  g_assert_false (delete_with_replacement (client, layout, pa_resource_get_id (t46), &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
  g_assert_cmpstr (pa_client_error_get_field (error), ==, "replacement");
  g_clear_error (&error);

  g_assert_false (delete_with_replacement (client, layout, 9999, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (delete_with_replacement (client, layout, pa_resource_get_id (spare), &error));
  g_assert_no_error (error);
  {
    g_autoptr(PaResource) moved = get (client, PA_TYPE_PHONE, pa_resource_get_id (phone_b),
                                       &error);

    g_assert_no_error (error);
    g_assert_cmpint (pa_phone_get_layout_id (PA_PHONE (moved)), ==, pa_resource_get_id (spare));
  }
  {
    g_autoptr(PaResource) gone = get (client, PA_TYPE_LAYOUT, pa_resource_get_id (layout),
                                      &error);

    g_assert_null (gone);
    g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

/* ---------------------------------------------------------------------- */
/* Jobs: undo, cancel, read; and the job as parsed */

static void
test_jobs (PaTestFixture *fixture,
           gconstpointer  user_data)
{
  g_autoptr(PaClient) client = client_for (fixture->server);
  g_autoptr(PaResource) a = create_phone (client, "80:5E:C0:00:02:0A", "yealink-t54w", NULL);
  g_autoptr(PaResource) b = create_phone (client, "80:5E:C0:00:02:0B", "yealink-t54w", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *ids = g_strdup_printf ("[%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]",
                                          pa_resource_get_id (a), pa_resource_get_id (b));
  g_autofree char *disable = g_strdup_printf ("{\"action\": \"disable\", \"phone_ids\": %s}", ids);
  g_autoptr(PaJob) job = run_job (client, disable);
  g_autoptr(PaJob) undo = NULL;
  g_autoptr(PaJob) undone = NULL;
  g_autoptr(PaJob) read = NULL;

  g_assert_cmpint (job->state, ==, PA_JOB_SUCCEEDED);
  g_assert_true (job->undoable);
  {
    g_autoptr(PaResource) off = get (client, PA_TYPE_PHONE, pa_resource_get_id (a), &error);

    g_assert_false (pa_phone_get_enabled (PA_PHONE (off)));
  }

  /* Undo is a job of its own, followed the same way. */
  undo = undo_job (client, job->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (undo->action, ==, "undo");
  g_assert_cmpint (undo->undo_of, ==, job->id);
  undone = finish_job (client, undo);
  g_assert_cmpint (undone->state, ==, PA_JOB_SUCCEEDED);
  {
    g_autoptr(PaResource) on = get (client, PA_TYPE_PHONE, pa_resource_get_id (a), &error);

    g_assert_true (pa_phone_get_enabled (PA_PHONE (on)));
  }
  read = get_job (client, job->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read->undone_by, ==, undo->id);
  g_assert_false (read->undoable);
  {
    /* A progress poll's read: the counts (the server leaves the phones
     * out: tests/server/test-jobs.c). */
    g_autoptr(PaJob) brief = get_job_as (client, job->id, TRUE, &error);

    g_assert_no_error (error);
    g_assert_cmpint (brief->total, ==, read->total);
    g_assert_cmpint (brief->state, ==, read->state);
    g_assert_cmpint (brief->undone_by, ==, undo->id);
  }
  {
    g_autoptr(PaJob) twice = undo_job (client, job->id, &error);

    g_assert_null (twice);
    g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_CONFLICT);
    g_clear_error (&error);
  }

  /* A job waiting for its time can be cancelled; an ended one cannot. */
  {
    g_autofree char *later = g_strdup_printf ("{\"action\": \"enable\", \"phone_ids\": %s,"
                                              " \"not_before\": %" G_GINT64_FORMAT "}", ids,
                                              g_get_real_time () / G_USEC_PER_SEC + 3600);
    g_autoptr(PaJob) waiting = create_job (client, later, &error);
    g_autoptr(PaJob) cancelled = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (waiting->state, ==, PA_JOB_QUEUED);
    g_assert_true (cancel_job (client, waiting->id, &error));
    g_assert_no_error (error);
    cancelled = get_job (client, waiting->id, &error);
    g_assert_no_error (error);
    g_assert_cmpint (cancelled->state, ==, PA_JOB_CANCELLED);
    g_assert_true (pa_job_is_finished (cancelled));
  }
  g_assert_false (cancel_job (client, job->id, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_CONFLICT);
  g_clear_error (&error);
  {
    g_autoptr(PaJob) none = get_job (client, 9999, &error);

    g_assert_null (none);
    g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
}

static void
test_job_parse (void)
{
  static const char answer[] =
    "{\"id\": 9, \"action\": \"reboot\", \"params\": {}, \"phone_ids\": [12, 14, 15],"
    " \"state\": \"succeeded\", \"done\": 3, \"total\": 3, \"created_at\": 1796331800,"
    " \"not_before\": null, \"started_at\": 1796331801, \"finished_at\": 1796331802,"
    " \"error\": null, \"results\": [{\"phone_id\": 12, \"result\": \"sent\", \"reason\": null},"
    "   {\"phone_id\": 14, \"result\": \"no_address\", \"reason\": \"never fetched\"},"
    "   {\"phone_id\": 15, \"result\": \"failed\", \"reason\": \"no answer\"}],"
    " \"affected_phones\": null, \"undoable\": false, \"undo_of\": null, \"undone_by\": null}";
  static const char failed[] =
    "{\"id\": 10, \"action\": \"delete\", \"state\": \"failed\", \"done\": 0, \"total\": 3,"
    " \"error\": {\"message\": \"Phone “Lobby” is assigned\", \"phone_id\": 15},"
    " \"results\": [{\"phone_id\": 15, \"result\": \"failed\", \"reason\": \"assigned\"}],"
    " \"affected_phones\": null, \"undoable\": false}";
  static const char * const broken[] = {
    "{}",
    "[]",
    "{\"id\": 0, \"action\": \"enable\", \"state\": \"queued\"}",
    "{\"id\": 1, \"action\": \"enable\", \"state\": \"later\"}",
    "{\"id\": 1, \"action\": 3, \"state\": \"queued\"}",
    "{\"id\": 1, \"action\": \"enable\", \"state\": \"queued\", \"done\": \"2\"}",
    "{\"id\": 1, \"action\": \"enable\", \"state\": \"queued\", \"results\": {}}",
    "{\"id\": 1, \"action\": \"enable\", \"state\": \"queued\", \"results\": [{\"result\": \"sent\"}]}",
    "{\"id\": 1, \"action\": \"enable\", \"state\": \"failed\", \"error\": {\"phone_id\": 2}}",
    "{\"id\": 1, \"action\": \"enable\", \"state\": \"queued\", \"undoable\": 1}",
  };
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (answer, strlen (answer));
    g_autoptr(PaJob) job = pa_job_parse (bytes, &error);
    PaJobResult *result;

    g_assert_no_error (error);
    g_assert_cmpint (job->id, ==, 9);
    g_assert_cmpstr (job->action, ==, "reboot");
    g_assert_cmpint (job->state, ==, PA_JOB_SUCCEEDED);
    g_assert_cmpint (job->affected_phones, ==, -1);
    g_assert_cmpuint (job->results->len, ==, 3);
    result = g_ptr_array_index (job->results, 1);
    g_assert_cmpint (result->phone_id, ==, 14);
    g_assert_cmpstr (result->result, ==, "no_address");
    g_assert_cmpstr (result->reason, ==, "never fetched");
    g_assert_null (((PaJobResult *) g_ptr_array_index (job->results, 0))->reason);
    g_assert_cmpstr (pa_job_state_to_string (job->state), ==, "succeeded");
  }
  {
    g_autoptr(GBytes) bytes = g_bytes_new_static (failed, strlen (failed));
    g_autoptr(PaJob) job = pa_job_parse (bytes, &error);

    g_assert_no_error (error);
    g_assert_cmpint (job->state, ==, PA_JOB_FAILED);
    g_assert_cmpstr (job->error, ==, "Phone “Lobby” is assigned");
    g_assert_cmpint (job->error_phone_id, ==, 15);
  }
  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GBytes) bad = g_bytes_new_static (broken[i], strlen (broken[i]));
      g_autoptr(GError) bad_error = NULL;
      g_autoptr(PaJob) none = pa_job_parse (bad, &bad_error);

      g_test_message ("%s", broken[i]);
      g_assert_null (none);
      g_assert_error (bad_error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL);
    }
}

/* ---------------------------------------------------------------------- */
/* Answers provd never gives: a local SoupServer stands in for a broken
 * server or a proxy in front of it. */

static void
odd_server_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  soup_server_message_set_status (msg, 200, NULL);
  if (g_str_equal (path, "/html/api/v1"))
    soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "<html></html>", 13);
  else if (g_str_equal (path, "/array/api/v1"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "[1,2]", 5);
  else if (g_str_equal (path, "/truncated/api/v1"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"name\":", 8);
  else if (g_str_equal (path, "/list/api/v1/phones"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      "{\"items\":{},\"next_after\":null}", 30);
  else if (g_str_equal (path, "/item/api/v1/phones"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      "{\"items\":[{\"id\":\"one\"}],\"next_after\":null}", 42);
  else if (g_str_equal (path, "/stuck/api/v1/phones"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      "{\"items\":[],\"next_after\":5}", 27);
  else if (g_str_equal (path, "/binary/api/v1/phones/1/preview/a.cfg"))
    soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "a\0b", 3);
  else if (g_str_equal (path, "/latin1/api/v1/phones/1/preview/a.cfg"))
    soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "caf\xe9", 4);
  else if (g_str_equal (path, "/text/api/v1/phones/1/preview/a.cfg"))
    soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "a = 1\n", 6);
  else if (g_str_equal (path, "/job/api/v1/jobs/1"))
    soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                      "{\"id\":1,\"action\":\"enable\",\"state\":\"done\"}", 41);
  else if (g_str_equal (path, "/proxy/api/v1"))
    {
      soup_server_message_set_status (msg, 502, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, "bad", 3);
    }
  else if (g_str_equal (path, "/teapot/api/v1"))
    {
      soup_server_message_set_status (msg, 418, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                        "{\"error\":17}", 12);
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

static char *
odd_server_url (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  char *url = g_uri_to_string (uris->data);

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return url;
}

static void
test_protocol (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  const struct { const char *prefix; PaClientError code; guint status; } cases[] = {
    { "html/", PA_CLIENT_ERROR_PROTOCOL, 200 },
    { "array/", PA_CLIENT_ERROR_PROTOCOL, 200 },
    { "truncated/", PA_CLIENT_ERROR_PROTOCOL, 200 },
    { "proxy/", PA_CLIENT_ERROR_SERVER, 502 },
    { "teapot/", PA_CLIENT_ERROR_PROTOCOL, 418 },
    { "nothing/", PA_CLIENT_ERROR_NOT_FOUND, 404 },
  };

  soup_server_add_handler (server, NULL, odd_server_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  base = odd_server_url (server);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = g_strconcat (base, cases[i].prefix, NULL);
      g_autoptr(PaClient) client = pa_client_new (url, "token");
      g_autoptr(JsonObject) info = get_info (client, &error);

      g_test_message ("%s", cases[i].prefix);
      g_assert_null (info);
      g_assert_error (error, PA_CLIENT_ERROR, (int) cases[i].code);
      g_assert_cmpuint (pa_client_error_get_status (error), ==, cases[i].status);
      g_assert_cmpstr (error->message, !=, "");
      g_assert_null (pa_client_error_get_field (error));
      g_clear_error (&error);
    }

  /* Lists whose items are not what the API promises. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *url = g_strconcat (base, i == 0 ? "list/" : "item/", NULL);
      g_autoptr(PaClient) client = pa_client_new (url, "token");
      g_autoptr(GPtrArray) items = list (client, PA_TYPE_PHONE, NULL, &error);

      g_assert_null (items);
      g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL);
      g_clear_error (&error);
    }

  /* A server that says "more" without moving on ends the listing. */
  {
    g_autofree char *url = g_strconcat (base, "stuck/", NULL);
    g_autoptr(PaClient) client = pa_client_new (url, "token");
    g_autoptr(GPtrArray) items = list (client, PA_TYPE_PHONE, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (items->len, ==, 0);
  }

  /* A preview that is not text, and a job in a state the API has not. */
  {
    const char *prefixes[] = { "binary/", "latin1/" };

    for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
      {
        g_autofree char *url = g_strconcat (base, prefixes[i], NULL);
        g_autoptr(PaClient) client = pa_client_new (url, "token");
        g_autofree char *text = preview (client, 1, "a.cfg", &error);

        g_assert_null (text);
        g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL);
        g_clear_error (&error);
      }
  }
  {
    g_autofree char *url = g_strconcat (base, "text/", NULL);
    g_autoptr(PaClient) client = pa_client_new (url, "token");
    g_autofree char *text = preview (client, 1, "a.cfg", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (text, ==, "a = 1\n");
  }
  {
    g_autofree char *url = g_strconcat (base, "job/", NULL);
    g_autoptr(PaClient) client = pa_client_new (url, "token");
    g_autoptr(PaJob) job = get_job (client, 1, &error);

    g_assert_null (job);
    g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL);
    g_clear_error (&error);
  }

  soup_server_disconnect (server);
}

/* ---------------------------------------------------------------------- */
/* TLS: provd speaks plain HTTP (TLS is a reverse proxy's job), so a local
 * SoupServer with a self-signed certificate made by openssl at test time
 * stands in for the proxy. */

static gboolean
run_openssl (const char * const *argv,
             char              **out)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, out, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static GTlsCertificate *
make_certificate (const char  *dir,
                  const char  *name,
                  char       **fingerprint)
{
  g_autofree char *cert = g_strdup_printf ("%s/%s.pem", dir, name);
  g_autofree char *key = g_strdup_printf ("%s/%s.key", dir, name);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *req[] = { "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                        "-addext", "subjectAltName=IP:127.0.0.1", NULL };
  const char *fp[] = { "openssl", "x509", "-in", cert, "-noout", "-fingerprint", "-sha256", NULL };
  GTlsCertificate *certificate;
  char *eq;

  g_assert_true (run_openssl (req, NULL));
  g_assert_true (run_openssl (fp, &out));
  /* "sha256 Fingerprint=AB:CD:…" (the label's case differs between versions) */
  eq = strchr (out, '=');
  g_assert_nonnull (eq);
  *fingerprint = g_strstrip (g_strdup (eq + 1));

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  return certificate;
}

static void
tls_info_cb (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  static const char body[] = "{\"name\":\"phoneadmin-provd\","
                             "\"public_url\":\"https://127.0.0.1/\"}";

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
}

static void
test_tls_pinning (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *other_fingerprint = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *base = NULL;
  g_autofree char *https = NULL;
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GTlsCertificate) other = NULL;
  g_autoptr(GTlsCertificate) offered = NULL;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(PaClient) client = NULL;
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed: no certificate to test TLS with");
      return;
    }
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no GIO TLS backend (glib-networking)");
      return;
    }

  dir = g_dir_make_tmp ("pa-test-tls-XXXXXX", &error);
  g_assert_no_error (error);
  certificate = make_certificate (dir, "server", &fingerprint);
  other = make_certificate (dir, "other", &other_fingerprint);

  ours = pa_certificate_fingerprint (certificate);
  g_assert_cmpstr (ours, ==, fingerprint);
  g_assert_cmpuint (strlen (ours), ==, 32 * 3 - 1);
  g_assert_cmpstr (ours, !=, other_fingerprint);

  server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (server, NULL, tls_info_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  base = odd_server_url (server);
  g_assert_true (g_str_has_prefix (base, "https://"));

  /* Not trusted: the error carries the certificate to show. */
  client = pa_client_new (base, "token");
  info = get_info (client, &error);
  g_assert_null (info);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_TLS);
  g_assert_nonnull (pa_client_error_get_certificate (error));
  offered = g_object_ref (pa_client_error_get_certificate (error));
  g_assert_true (g_tls_certificate_is_same (offered, certificate));
  {
    g_autofree char *shown = pa_certificate_fingerprint (offered);
    g_assert_cmpstr (shown, ==, fingerprint);
  }
  /* The extended error survives a copy (the repository keeps copies). */
  {
    g_autoptr(GError) copy = g_error_copy (error);
    g_assert_true (pa_client_error_get_certificate (copy) == pa_client_error_get_certificate (error));
  }
  g_clear_error (&error);

  /* Another pinned certificate does not open the door. */
  pa_client_set_trusted_certificate (client, other);
  info = get_info (client, &error);
  g_assert_null (info);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_TLS);
  g_clear_error (&error);

  /* The one the user accepted does. */
  pa_client_set_trusted_certificate (client, offered);
  g_assert_true (pa_client_get_trusted_certificate (client) == offered);
  info = get_info (client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (info, "name"), ==, "phoneadmin-provd");
  g_clear_pointer (&info, json_object_unref);

  /* Removing the pin takes the trust away again (no kept-alive connection). */
  pa_client_set_trusted_certificate (client, NULL);
  info = get_info (client, &error);
  g_assert_null (info);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_TLS);

  soup_server_disconnect (server);
  {
    const char *names[] = { "server.pem", "server.key", "other.pem", "other.key" };
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (dir, names[i], NULL);
        g_remove (path);
      }
    g_rmdir (dir);
  }
}

static void
test_error_accessors (void)
{
  g_autoptr(GError) other = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "x");
  g_autoptr(GError) plain = g_error_new_literal (PA_CLIENT_ERROR, PA_CLIENT_ERROR_SERVER, "x");

  /* Errors of other domains, or without details, answer NULL/0. */
  g_assert_null (pa_client_error_get_field (other));
  g_assert_null (pa_client_error_get_code (other));
  g_assert_cmpuint (pa_client_error_get_status (other), ==, 0);
  g_assert_null (pa_client_error_get_certificate (other));
  g_assert_null (pa_client_error_get_field (NULL));
  g_assert_null (pa_client_error_get_field (plain));
  g_assert_cmpuint (pa_client_error_get_status (plain), ==, 0);

  g_assert_null (pa_client_collection_for_type (G_TYPE_OBJECT));
  g_assert_null (pa_client_collection_for_type (PA_TYPE_RESOURCE));
  g_assert_cmpstr (pa_client_collection_for_type (PA_TYPE_MODULE_LAYOUT), ==, "module-layouts");
}

/* ---------------------------------------------------------------------- */
/* The change log */

static void
test_changes (PaTestFixture *fixture,
              gconstpointer  user_data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaClient) client = client_for (server);
  g_autoptr(PaClient) stranger = pa_client_new (server->url, "not-the-token");
  g_autoptr(PaChangeBatch) batch = NULL;
  g_autoptr(PaChangeBatch) gone = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(SoupWebsocketConnection) ws = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;
  PaChange *change;
  gint64 agent;

  agent = pa_test_create (server, "agents", "{\"name\":\"Ann\",\"extension\":\"201\"}");

  /* A page of the feed, parsed into resources. */
  pa_client_get_changes_async (client, 0, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  batch = pa_client_get_changes_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_false (batch->gone);
  g_assert_cmpuint (batch->changes->len, ==, 1);
  change = g_ptr_array_index (batch->changes, 0);
  g_assert_cmpint (change->op, ==, PA_CHANGE_CREATED);
  g_assert_true (change->type == PA_TYPE_AGENT);
  g_assert_cmpint (change->id, ==, agent);
  g_assert_true (PA_IS_AGENT (change->item));
  g_assert_cmpint (batch->next_since, ==, change->seq);
  g_assert_cmpint (batch->last, ==, change->seq);

  /* A place the log does not have is "gone", not an error. */
  g_clear_object (&result);
  pa_client_get_changes_async (client, batch->last + 50, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  gone = pa_client_get_changes_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (gone->gone);

  /* The stream: refused without the right token, opened with it. */
  g_clear_object (&result);
  pa_client_open_change_stream_async (stranger, 0, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  g_assert_null (pa_client_open_change_stream_finish (stranger, result, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  g_clear_object (&result);
  pa_client_open_change_stream_async (client, batch->last, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  ws = pa_client_open_change_stream_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (soup_websocket_connection_get_state (ws), ==, SOUP_WEBSOCKET_STATE_OPEN);
  soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
}

/* A resource as the server writes it is read as it is; a member a newer
 * server added is set aside in @extra, not an error; a member of the
 * wrong type is a protocol error. */
static JsonNode *
node_of (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_resource_from_node (void)
{
  g_autoptr(JsonNode) plain = node_of ("{\"id\": 4, \"revision\": 2, \"name\": \"Desk\", "
                                       "\"mac\": \"80:5E:C0:00:00:04\", \"vendor\": \"yealink\", "
                                       "\"model\": \"yealink-t54w\", \"status\": \"online\"}");
  g_autoptr(JsonNode) newer = node_of ("{\"id\": 5, \"name\": \"Lobby\", \"hologram\": true, "
                                       "\"mac\": \"80:5E:C0:00:00:05\"}");
  g_autoptr(JsonNode) wrong = node_of ("{\"id\": 6, \"name\": 12}");
  g_autoptr(JsonNode) array = node_of ("[1, 2]");
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(PaResource) newer_phone = NULL;
  g_autoptr(GError) error = NULL;

  phone = pa_client_resource_from_node (PA_TYPE_PHONE, plain, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_id (phone), ==, 4);
  g_assert_cmpint (pa_resource_get_revision (phone), ==, 2);
  g_assert_cmpstr (pa_phone_get_name (PA_PHONE (phone)), ==, "Desk");
  g_assert_cmpstr (pa_phone_get_mac (PA_PHONE (phone)), ==, "80:5E:C0:00:00:04");
  g_assert_cmpint (pa_phone_get_status (PA_PHONE (phone)), ==, PA_PHONE_STATUS_ONLINE);

  newer_phone = pa_client_resource_from_node (PA_TYPE_PHONE, newer, extra, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pa_phone_get_name (PA_PHONE (newer_phone)), ==, "Lobby");
  g_assert_cmpstr (pa_phone_get_mac (PA_PHONE (newer_phone)), ==, "80:5E:C0:00:00:05");
  g_assert_true (json_object_get_boolean_member (extra, "hologram"));
  g_assert_cmpuint (json_object_get_size (extra), ==, 1);

  g_assert_null (pa_client_resource_from_node (PA_TYPE_PHONE, wrong, NULL, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL);
  g_clear_error (&error);
  g_assert_null (pa_client_resource_from_node (PA_TYPE_PHONE, array, NULL, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (crud_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/app/client/crud/%s", crud_cases[i].name);

      if (crud_cases[i].get_type == pa_sip_account_get_type)
        g_test_add (path, PaTestFixture, &crud_cases[i], pa_test_fixture_setup,
                    test_crud_sip_account, pa_test_fixture_teardown);
      else
        g_test_add (path, PaTestFixture, &crud_cases[i], pa_test_fixture_setup, test_crud,
                    pa_test_fixture_teardown);
    }
#define ADD(name, func) \
  g_test_add ("/app/client/" name, PaTestFixture, NULL, pa_test_fixture_setup, func, \
              pa_test_fixture_teardown)
  ADD ("phone-password-once", test_phone_password_once);
  ADD ("unauthorized", test_unauthorized);
  ADD ("conflict", test_conflict);
  ADD ("invalid", test_invalid);
  ADD ("list-pages", test_list_pages);
  ADD ("info", test_info);
  ADD ("regenerate", test_regenerate);
  ADD ("cancel", test_cancel);
  ADD ("designer-calls", test_designer_calls);
  ADD ("jobs", test_jobs);
  ADD ("changes", test_changes);
#undef ADD
  g_test_add_func ("/app/client/unreachable", test_unreachable);
  g_test_add_func ("/app/client/resource-from-node", test_resource_from_node);
  g_test_add_func ("/app/client/protocol", test_protocol);
  g_test_add_func ("/app/client/job-parse", test_job_parse);
  g_test_add_func ("/app/client/tls-pinning", test_tls_pinning);
  g_test_add_func ("/app/client/error-accessors", test_error_accessors);

  return g_test_run ();
}
