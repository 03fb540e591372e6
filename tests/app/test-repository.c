/* test-repository.c — PaRepository against a real phoneadmin-provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changes "by someone else" are made with raw HTTP requests through the test
 * harness (tests/server/pa-test-server.h), then the repository refreshes.
 */
#define G_LOG_DOMAIN "test-repository"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pa-repository-private.h"
#include "../server/pa-test-server.h"
#include "pa-app-test.h"

#define WAIT_TIMEOUT_SECONDS 30

#define PHONE_JSON(name, mac) \
  "{\"name\":\"" name "\",\"mac\":\"" mac "\",\"vendor\":\"yealink\",\"model\":\"yealink-t54w\"}"

/* ---------------------------------------------------------------------- */
/* Helpers */

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  pa_app_test_wait_until_seconds (pa_app_test_result_arrived, slot, WAIT_TIMEOUT_SECONDS);
  return g_steal_pointer (slot);
}

static gboolean
refresh (PaRepository  *repo,
         GError       **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_repository_refresh_async (repo, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_repository_refresh_finish (repo, result, error);
}

static PaResource *
save (PaRepository  *repo,
      PaResource    *resource,
      JsonObject   **extra,
      GError       **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_repository_save_async (repo, resource, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_repository_save_finish (repo, result, extra, error);
}

static gboolean
delete (PaRepository  *repo,
        PaResource    *resource,
        GError       **error)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  pa_repository_delete_async (repo, resource, NULL, pa_app_test_store_once_cb, &slot);
  result = wait_for (&slot);
  return pa_repository_delete_finish (repo, result, error);
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

static PaRepository *
repository_for (PaTestServer *server)
{
  g_autoptr(PaClient) client = pa_client_new (server->url, server->token);

  return pa_repository_new (client);
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  gpointer    user_data)
{
  guint *count = user_data;

  (*count)++;
}

static gpointer
item (GListModel *model,
      guint       position)
{
  g_autoptr(GObject) object = g_list_model_get_item (model, position);

  /* The store keeps it alive. */
  return object;
}

static void
raw_put (PaTestServer *server,
         const char   *collection,
         gint64        id,
         const char   *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, collection, id);
  g_autoptr(PaTestResponse) response = pa_test_api (server, "PUT", path, body, "*");

  g_assert_cmpuint (response->status, ==, 200);
}

static void
raw_delete (PaTestServer *server,
            const char   *collection,
            gint64        id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, collection, id);
  g_autoptr(PaTestResponse) response = pa_test_api (server, "DELETE", path, NULL, "*");

  /* 200 when more went with it (a phone's own SIP account), saying what. */
  g_assert_true (response->status == 204 || response->status == 200);
}

/* ---------------------------------------------------------------------- */
/* Refresh and merge */

static void
test_refresh_merge (PaTestFixture *fixture,
                    gconstpointer  user_data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaRepository) repo = repository_for (server);
  g_autoptr(GError) error = NULL;
  GListModel *phones = pa_repository_get_phones (repo);
  PaPhone *first;
  PaPhone *second;
  guint notifies = 0;
  guint changes = 0;
  guint loading_notifies = 0;
  gint64 id1, id2, id3;

  id1 = pa_test_create (server, "phones", PHONE_JSON ("Reception", "80:5E:C0:00:00:01"));
  id2 = pa_test_create (server, "phones", PHONE_JSON ("Kitchen", "80:5E:C0:00:00:02"));
  pa_test_create (server, "agents", "{\"name\":\"Ann\",\"extension\":\"201\"}");
  pa_test_create (server, "layouts", "{\"name\":\"Sales\",\"model\":\"yealink-t54w\",\"keys\":[]}");
  pa_test_create (server, "module-layouts", "{\"name\":\"Side\",\"module\":\"yealink-exp50\","
                                            "\"keys\":[]}");
  pa_test_create (server, "profiles", "{\"name\":\"Office\"}");

  g_signal_connect (repo, "notify::loading", G_CALLBACK (count_cb), &loading_notifies);
  g_assert_false (pa_repository_get_loading (repo));
  g_assert_true (refresh (repo, &error));
  g_assert_no_error (error);
  g_assert_false (pa_repository_get_loading (repo));
  g_assert_cmpuint (loading_notifies, ==, 2);   /* on, then off */
  g_assert_null (pa_repository_get_last_error (repo));

  g_assert_cmpuint (g_list_model_get_n_items (phones), ==, 2);
  /* Two phones each got their own SIP account. */
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_sip_accounts (repo)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_agents (repo)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_layouts (repo)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_module_layouts (repo)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_profiles (repo)), ==, 1);
  g_assert_true (pa_repository_get_store (repo, PA_TYPE_PROFILE) == pa_repository_get_profiles (repo));
  g_assert_null (pa_repository_get_store (repo, G_TYPE_OBJECT));

  first = item (phones, 0);
  second = item (phones, 1);
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (first)), ==, id1);
  g_assert_true ((gpointer) pa_repository_find (repo, PA_TYPE_PHONE, id1) == first);
  g_assert_true ((gpointer) pa_repository_find (repo, PA_TYPE_PHONE, id2) == second);
  g_assert_null (pa_repository_find (repo, PA_TYPE_PHONE, 999));
  g_assert_null (pa_repository_find (repo, PA_TYPE_AGENT, id2 + 100));
  g_assert_true (pa_repository_find_phone_by_mac (repo, "80:5E:C0:00:00:02") == second);
  g_assert_true (pa_repository_find_phone_by_mac (repo, "80:5e:c0:00:00:02") == second);
  g_assert_null (pa_repository_find_phone_by_mac (repo, "80:5E:C0:00:00:09"));
  g_assert_null (pa_repository_find_phone_by_mac (repo, NULL));

  g_object_add_weak_pointer (G_OBJECT (first), (gpointer *) &first);
  g_signal_connect (first, "notify", G_CALLBACK (count_cb), &notifies);
  g_signal_connect (phones, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* Nothing changed: nothing notifies. */
  g_assert_true (refresh (repo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifies, ==, 0);
  g_assert_cmpuint (changes, ==, 0);

  /* Someone renames the first phone: the same object changes in place. */
  raw_put (server, "phones", id1, PHONE_JSON ("Front desk", "80:5E:C0:00:00:01"));
  g_assert_true (refresh (repo, &error));
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (item (phones, 0) == (gpointer) first);
  g_assert_cmpstr (pa_phone_get_name (first), ==, "Front desk");
  g_assert_cmpint (pa_resource_get_revision (PA_RESOURCE (first)), ==, 2);
  g_assert_cmpuint (notifies, >=, 2);   /* name and revision */
  g_assert_cmpuint (changes, ==, 0);

  /* One comes, one goes. (Created first: provd hands out a deleted
   * highest id again.) */
  id3 = pa_test_create (server, "phones", PHONE_JSON ("Lobby", "80:5E:C0:00:00:03"));
  raw_delete (server, "phones", id2);
  g_assert_true (refresh (repo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (phones), ==, 2);
  g_assert_true (item (phones, 0) == (gpointer) first);
  g_assert_cmpint (pa_resource_get_id (item (phones, 1)), ==, id3);
  g_assert_null (pa_repository_find (repo, PA_TYPE_PHONE, id2));
  g_assert_null (pa_repository_find_phone_by_mac (repo, "80:5E:C0:00:00:02"));
  g_assert_nonnull (pa_repository_find (repo, PA_TYPE_PHONE, id3));
  g_assert_cmpuint (changes, ==, 2);

  /* A refresh while empty of one kind empties it. */
  raw_delete (server, "profiles", 1);
  g_assert_true (refresh (repo, &error));
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_profiles (repo)), ==, 0);

  g_signal_handlers_disconnect_by_data (first, &notifies);
  g_signal_handlers_disconnect_by_data (phones, &changes);
  g_object_remove_weak_pointer (G_OBJECT (first), (gpointer *) &first);
}

/* New ids in the middle land in id order. */
static void
test_refresh_insert_order (PaTestFixture *fixture,
                           gconstpointer  user_data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaRepository) repo = repository_for (server);
  g_autoptr(GError) error = NULL;
  GListModel *agents = pa_repository_get_agents (repo);
  g_autoptr(PaResource) saved = NULL;
  g_autoptr(PaResource) draft = resource_from (PA_TYPE_AGENT, "{\"name\":\"Three\","
                                                              "\"extension\":\"303\"}");

  pa_test_create (server, "agents", "{\"name\":\"One\",\"extension\":\"301\"}");
  g_assert_true (refresh (repo, &error));
  /* Two is made behind the repository's back, Three through it. */
  pa_test_create (server, "agents", "{\"name\":\"Two\",\"extension\":\"302\"}");
  saved = save (repo, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, 2);

  g_assert_true (refresh (repo, &error));
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (pa_resource_get_id (item (agents, i)), ==, i + 1);
  g_assert_true (item (agents, 2) == (gpointer) saved);
}

static void
test_failed_refresh_keeps_items (PaTestFixture *fixture,
                                 gconstpointer  user_data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaRepository) repo = repository_for (server);
  g_autoptr(GError) error = NULL;
  const GError *last;
  guint error_notifies = 0;

  pa_test_create (server, "agents", "{\"name\":\"Ann\",\"extension\":\"201\"}");
  pa_test_create (server, "phones", PHONE_JSON ("Reception", "80:5E:C0:00:00:01"));
  g_assert_true (refresh (repo, &error));
  g_signal_connect (repo, "notify::last-error", G_CALLBACK (count_cb), &error_notifies);

  pa_test_server_stop (server);
  g_assert_false (refresh (repo, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE);
  g_assert_false (pa_repository_get_loading (repo));

  /* Nothing lost. */
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_phones (repo)), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_agents (repo)), ==, 1);
  g_assert_nonnull (pa_repository_find (repo, PA_TYPE_AGENT, 1));

  last = pa_repository_get_last_error (repo);
  g_assert_error (last, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE);
  g_assert_cmpuint (error_notifies, ==, 1);
  {
    GError *boxed = NULL;
    g_object_get (repo, "last-error", &boxed, NULL);
    g_assert_error (boxed, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE);
    g_error_free (boxed);
  }
}

static void
test_failed_refresh_then_success (PaTestFixture *fixture,
                                  gconstpointer  user_data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaClient) wrong = pa_client_new (server->url, "wrong-token");
  g_autoptr(PaRepository) bad = pa_repository_new (wrong);
  g_autoptr(PaRepository) good = repository_for (server);
  g_autoptr(GError) error = NULL;

  g_assert_false (refresh (bad, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_error (pa_repository_get_last_error (bad), PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNAUTHORIZED);
  g_assert_null (pa_repository_get_public_url (bad));
  g_clear_error (&error);

  g_assert_true (refresh (good, &error));
  g_assert_null (pa_repository_get_last_error (good));
  g_assert_true (pa_repository_get_client (good) != wrong);
}

/* ---------------------------------------------------------------------- */
/* Save and delete */

static void
test_save_delete (PaTestFixture *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(PaRepository) repo = repository_for (fixture->server);
  g_autoptr(PaResource) draft = resource_from (PA_TYPE_AGENT, "{\"name\":\"Ann\","
                                                              "\"extension\":\"201\"}");
  g_autoptr(PaResource) stored = NULL;
  g_autoptr(PaResource) edit = NULL;
  g_autoptr(PaResource) updated = NULL;
  g_autoptr(PaResource) stale = NULL;
  g_autoptr(PaResource) refused = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *agents = pa_repository_get_agents (repo);
  guint notifies = 0;

  g_assert_true (refresh (repo, &error));
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, 0);

  stored = save (repo, draft, &extra, &error);
  g_assert_no_error (error);
  /* The answer's own members only: what the save changed, the agent. */
  g_assert_nonnull (extra);
  g_assert_cmpuint (json_object_get_size (extra), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (extra, "changed")), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, 1);
  g_assert_true (item (agents, 0) == (gpointer) stored);
  g_assert_true (stored != draft);
  g_assert_cmpint (pa_resource_get_id (stored), ==, 1);

  /* An editor works on a copy; saving updates the shared object in place. */
  g_signal_connect (stored, "notify::name", G_CALLBACK (count_cb), &notifies);
  edit = pa_resource_copy (stored);
  pa_agent_set_name (PA_AGENT (edit), "Ann Smith");
  updated = save (repo, edit, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (updated == stored);
  g_assert_cmpstr (pa_agent_get_name (PA_AGENT (stored)), ==, "Ann Smith");
  g_assert_cmpint (pa_resource_get_revision (stored), ==, 2);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, 1);

  /* The copy still has revision 1: stale, and the store keeps its data. */
  pa_agent_set_name (PA_AGENT (edit), "Lost");
  stale = save (repo, edit, NULL, &error);
  g_assert_null (stale);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_STALE);
  g_assert_cmpstr (pa_agent_get_name (PA_AGENT (stored)), ==, "Ann Smith");
  g_clear_error (&error);

  /* A refused create adds nothing and carries the field. */
  {
    g_autoptr(PaResource) nameless = resource_from (PA_TYPE_AGENT, "{\"extension\":\"1\"}");
    refused = save (repo, nameless, NULL, &error);
    g_assert_null (refused);
    g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
    g_assert_cmpstr (pa_client_error_get_field (error), ==, "name");
    g_assert_cmpuint (g_list_model_get_n_items (agents), ==, 1);
    g_clear_error (&error);
  }

  g_assert_true (delete (repo, stored, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (agents), ==, 0);
  g_assert_null (pa_repository_find (repo, PA_TYPE_AGENT, 1));
  g_assert_false (pa_repository_get_loading (repo));
}

/* Saving a phone assigned to an agent moves the agent's routing; the agent
 * in the store follows without a manual refresh. */
static void
test_phone_routing (PaTestFixture *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(PaRepository) repo = repository_for (fixture->server);
  g_autoptr(PaResource) agent_draft = resource_from (PA_TYPE_AGENT,
                                                     "{\"name\":\"Ann\",\"extension\":\"201\"}");
  g_autoptr(PaResource) agent = NULL;
  g_autoptr(PaResource) phone_draft = NULL;
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(PaResource) edit = NULL;
  g_autoptr(PaResource) unassigned = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  PaSipAccount *account;
  guint routing_notifies = 0;

  g_assert_true (refresh (repo, &error));
  agent = save (repo, agent_draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_SOFTPHONE);
  g_signal_connect (agent, "notify::routing", G_CALLBACK (count_cb), &routing_notifies);

  json = g_strdup_printf ("{\"name\":\"Reception\",\"mac\":\"80:5E:C0:12:34:56\","
                          "\"vendor\":\"yealink\","
                          "\"model\":\"yealink-t54w\",\"agent_id\":%" G_GINT64_FORMAT "}",
                          pa_resource_get_id (agent));
  phone_draft = resource_from (PA_TYPE_PHONE, json);
  phone = save (repo, phone_draft, &extra, &error);
  g_assert_no_error (error);

  /* The password comes once, in extra. */
  g_assert_nonnull (extra);
  g_assert_true (json_object_has_member (extra, "sip_password"));
  g_assert_cmpstr (json_object_get_string_member (extra, "sip_username"), ==, "201");

  /* Routing follows, on the same agent object; the new account is there. */
  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_HARDWARE);
  g_assert_cmpuint (routing_notifies, ==, 1);
  account = (PaSipAccount *) pa_repository_find (repo, PA_TYPE_SIP_ACCOUNT,
                                                 json_object_get_int_member (extra, "sip_account_id"));
  g_assert_nonnull (account);
  g_assert_cmpstr (pa_sip_account_get_username (account), ==, "201");
  g_assert_true (pa_repository_find_phone_by_mac (repo, "80:5E:C0:12:34:56") == PA_PHONE (phone));

  /* An assigned phone cannot be deleted; it stays. */
  g_assert_false (delete (repo, phone, &error));
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_CONFLICT);
  g_assert_cmpstr (pa_client_error_get_field (error), ==, "agent_id");
  g_assert_nonnull (pa_repository_find (repo, PA_TYPE_PHONE, pa_resource_get_id (phone)));
  g_clear_error (&error);

  /* Unassign: routing goes back. */
  edit = pa_resource_copy (phone);
  pa_phone_set_agent_id (PA_PHONE (edit), 0);
  unassigned = save (repo, edit, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (unassigned == phone);
  g_assert_cmpint (pa_phone_get_agent_id (PA_PHONE (phone)), ==, 0);
  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_SOFTPHONE);
  g_assert_cmpuint (routing_notifies, ==, 2);

  g_assert_true (delete (repo, phone, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_phones (repo)), ==, 0);
  g_signal_handlers_disconnect_by_data (agent, &routing_notifies);
}

/* Editing a layout gives its phones a new revision; the repository picks
 * that up so the next phone save is not refused as stale. */
static void
test_layout_save_refreshes_phones (PaTestFixture *fixture,
                                   gconstpointer  user_data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaRepository) repo = repository_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) layout_edit = NULL;
  g_autoptr(PaResource) layout_saved = NULL;
  g_autoptr(PaResource) phone_edit = NULL;
  g_autoptr(PaResource) phone_saved = NULL;
  g_autoptr(PaResource) module_edit = NULL;
  g_autoptr(PaResource) module_saved = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(JsonObject) module_extra = NULL;
  g_autoptr(JsonObject) phone_extra = NULL;
  PaResource *layout;
  PaResource *phone;
  g_autofree char *fingerprint = NULL;

  pa_test_create (server, "layouts", "{\"name\":\"Sales\",\"model\":\"yealink-t54w\",\"keys\":[]}");
  pa_test_create (server, "module-layouts", "{\"name\":\"Team\",\"module\":\"yealink-exp50\"}");
  pa_test_create (server, "phones",
                  "{\"name\":\"Desk\",\"mac\":\"80:5E:C0:00:00:07\",\"vendor\":\"yealink\","
                  "\"model\":\"yealink-t54w\",\"layout_id\":1}");
  g_assert_true (refresh (repo, &error));
  layout = pa_repository_find (repo, PA_TYPE_LAYOUT, 1);
  phone = pa_repository_find (repo, PA_TYPE_PHONE, 1);
  g_assert_nonnull (layout);
  g_assert_nonnull (phone);
  fingerprint = g_strdup (pa_phone_get_config_fingerprint (PA_PHONE (phone)));
  g_assert_nonnull (fingerprint);

  layout_edit = pa_resource_copy (layout);
  g_object_set (layout_edit, "name", "Sales team", NULL);
  layout_saved = save (repo, layout_edit, &extra, &error);
  g_assert_no_error (error);
  /* the phone showing it was read again: its files changed */
  g_assert_cmpstr (pa_phone_get_config_fingerprint (PA_PHONE (phone)), !=, fingerprint);
  /* An update hands on what the server said beside the resource: the
   * designer tells the user how many phones the change reaches. */
  g_assert_nonnull (extra);
  g_assert_true (json_object_has_member (extra, "affected_phones"));
  g_assert_cmpint (json_object_get_int_member (extra, "affected_phones"), ==, 1);
  g_assert_false (json_object_has_member (extra, "name"));
  g_assert_cmpstr (pa_layout_get_name (PA_LAYOUT (layout_saved)), ==, "Sales team");

  /* A module layout nobody uses: 0, not missing. */
  module_edit = pa_resource_copy (pa_repository_find (repo, PA_TYPE_MODULE_LAYOUT, 1));
  g_object_set (module_edit, "name", "Team 2", NULL);
  module_saved = save (repo, module_edit, &module_extra, &error);
  g_assert_no_error (error);
  g_assert_nonnull (module_saved);
  g_assert_nonnull (module_extra);
  g_assert_cmpint (json_object_get_int_member (module_extra, "affected_phones"), ==, 0);

  /* A phone's update carries nothing beside the resource but what it
   * changed: the phone itself. */
  phone_edit = pa_resource_copy (phone);
  pa_phone_set_name (PA_PHONE (phone_edit), "Desk 2");
  phone_saved = save (repo, phone_edit, &phone_extra, &error);
  g_assert_no_error (error);
  g_assert_true (phone_saved == phone);
  g_assert_nonnull (phone_extra);
  g_assert_cmpuint (json_object_get_size (phone_extra), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (phone_extra, "changed")),
                    ==, 1);
}

/* Deleted by someone else: update and delete drop the row. */
static void
test_gone_elsewhere (PaTestFixture *fixture,
                     gconstpointer  user_data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaRepository) repo = repository_for (server);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) edit = NULL;
  g_autoptr(PaResource) saved = NULL;
  PaResource *agent;

  pa_test_create (server, "agents", "{\"name\":\"Ann\",\"extension\":\"201\"}");
  pa_test_create (server, "agents", "{\"name\":\"Bob\",\"extension\":\"202\"}");
  g_assert_true (refresh (repo, &error));
  raw_delete (server, "agents", 1);
  raw_delete (server, "agents", 2);

  agent = pa_repository_find (repo, PA_TYPE_AGENT, 1);
  edit = pa_resource_copy (agent);
  saved = save (repo, edit, NULL, &error);
  g_assert_null (saved);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND);
  g_assert_null (pa_repository_find (repo, PA_TYPE_AGENT, 1));
  g_clear_error (&error);

  /* Deleting what is already gone is what the user wanted. */
  agent = pa_repository_find (repo, PA_TYPE_AGENT, 2);
  g_assert_true (delete (repo, agent, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_agents (repo)), ==, 0);
}

/* ---------------------------------------------------------------------- */
/* Setup link and auto refresh */

static void
test_setup_link (PaTestFixture *fixture,
                 gconstpointer  user_data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaRepository) repo = repository_for (server);
  g_autoptr(PaPhone) unsaved = PA_PHONE (resource_from (PA_TYPE_PHONE, PHONE_JSON ("X", "80:5E:C0:00:00:08")));
  g_autoptr(PaTestResponse) info = NULL;
  g_autoptr(PaTestResponse) fetch = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  const char *public_url;
  PaPhone *phone;
  guint url_notifies = 0;

  pa_test_create (server, "phones", PHONE_JSON ("Reception", "80:5E:C0:12:34:56"));
  g_signal_connect (repo, "notify::public-url", G_CALLBACK (count_cb), &url_notifies);
  g_assert_null (pa_repository_get_public_url (repo));

  g_assert_true (refresh (repo, &error));
  g_assert_cmpuint (url_notifies, ==, 1);
  info = pa_test_api (server, "GET", "/api/v1", NULL, NULL);
  public_url = json_object_get_string_member (pa_test_response_object (info), "public_url");
  g_assert_true (g_str_has_suffix (pa_repository_get_public_url (repo), "/"));
  g_assert_true (g_str_has_prefix (pa_repository_get_public_url (repo), public_url));

  phone = pa_repository_find_phone_by_mac (repo, "80:5E:C0:12:34:56");
  link = pa_repository_get_setup_link (repo, phone);
  expected = g_strdup_printf ("%sp/%s/", pa_repository_get_public_url (repo), pa_phone_get_token (phone));
  g_assert_cmpstr (link, ==, expected);

  /* The link works: the phone can fetch its common file from it. */
  path = g_strdup_printf ("/p/%s/y000000000096.cfg", pa_phone_get_token (phone));
  fetch = pa_test_request (server, "GET", path, NULL, NULL, 0, FALSE, NULL);
  g_assert_cmpuint (fetch->status, ==, 200);

  /* No token yet: no link. */
  g_assert_null (pa_repository_get_setup_link (repo, unsaved));

  /* Cached: a second refresh does not ask again nor notify. */
  g_assert_true (refresh (repo, &error));
  g_assert_cmpuint (url_notifies, ==, 1);
}

/* A provd may know models the app was built without (a catalog file in
 * its config): the app takes the catalog of the server it connects to, and
 * can then make a phone of such a model. */
static void
test_catalog_from_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-catalog-XXXXXX", &error);
  g_autofree char *catalog_path = g_build_filename (dir, "catalog.json", NULL);
  g_autofree char *config_path = g_build_filename (dir, "provd.conf", NULL);
  g_autofree char *config = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = pa_catalog_to_json (pa_catalog_get_default ());
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaRepository) repo = NULL;
  g_autoptr(PaPhone) draft = NULL;
  g_autoptr(PaResource) saved = NULL;
  JsonArray *models = json_object_get_array_member (json_node_get_object (root), "models");
  JsonObject *newer = NULL;
  guint notifies = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < json_array_get_length (models); i++)
    {
      JsonObject *model = json_array_get_object_element (models, i);

      if (g_str_equal (json_object_get_string_member (model, "id"), "yealink-t54w"))
        {
          /* json_node_copy() would share the object: a copy of its text. */
          g_autofree char *model_text = json_to_string (json_array_get_element (models, i), FALSE);
          g_autoptr(JsonNode) copy = json_from_string (model_text, NULL);

          newer = json_node_get_object (copy);
          json_object_set_string_member (newer, "id", "yealink-t54w-next");
          json_object_set_string_member (newer, "name", "T54W Next");
          json_object_set_string_member (newer, "user_agent", "T54W-Next");
          json_array_add_element (models, g_steal_pointer (&copy));
          break;
        }
    }
  g_assert_nonnull (newer);
  text = json_to_string (root, FALSE);
  g_assert_true (g_file_set_contents (catalog_path, text, -1, &error));
  config = g_strdup_printf ("[server]\nsip-server=%s\ncatalog=%s\n", PA_TEST_SIP_SERVER, catalog_path);
  g_assert_true (g_file_set_contents (config_path, config, -1, &error));

  server = pa_test_server_new_full (NULL, config_path);
  repo = repository_for (server);
  g_assert_null (pa_catalog_get_model (pa_catalog_get_default (), "yealink-t54w-next"));
  g_signal_connect (repo, "notify::catalog", G_CALLBACK (count_cb), &notifies);

  g_assert_true (refresh (repo, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notifies, ==, 1);
  g_assert_nonnull (pa_catalog_get_model (pa_catalog_get_default (), "yealink-t54w-next"));

  /* A phone of that model passes the app's own validation and is stored. */
  draft = PA_PHONE (resource_from (PA_TYPE_PHONE,
                                   "{\"name\":\"Next\",\"mac\":\"80:5E:C0:00:00:42\","
                                   "\"vendor\":\"yealink\",\"model\":\"yealink-t54w-next\"}"));
  g_assert_true (pa_resource_validate (PA_RESOURCE (draft), &error));
  saved = save (repo, PA_RESOURCE (draft), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved);

  /* Read once: the next refresh does not ask again. */
  g_assert_true (refresh (repo, &error));
  g_assert_cmpuint (notifies, ==, 1);

  g_unlink (catalog_path);
  g_unlink (config_path);
}

/* ---------------------------------------------------------------------- */
/* Following the change stream */

/* A provd that logs every request (G_MESSAGES_DEBUG), so a test can count
 * the listings an app makes; @key_file (may be NULL) is its config. */
static PaTestServer *
logging_server (char       **log_path,
                const char  *key_file)
{
  static const char * const env[] = { "G_MESSAGES_DEBUG", "pa-server", NULL };
  g_autofree char *dir = g_dir_make_tmp ("pa-repo-log-XXXXXX", NULL);
  g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
  PaTestServerOptions options = { 0 };

  if (key_file != NULL)
    {
      g_assert_true (g_file_set_contents (config, key_file, -1, NULL));
      options.config_file = config;
    }
  *log_path = g_build_filename (dir, "provd.log", NULL);
  options.env = env;
  options.stderr_path = *log_path;
  options.stdout_too = TRUE;
  return pa_test_server_new_with_options (&options);
}

/* How often provd has answered a listing of @collection. */
static guint
count_listings (const char *log_path,
                const char *collection)
{
  g_autofree char *contents = NULL;
  g_autofree char *needle = g_strdup_printf ("GET /api/v1/%s →", collection);
  guint n = 0;

  g_assert_true (g_file_get_contents (log_path, &contents, NULL, NULL));
  for (const char *p = strstr (contents, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static gboolean
is_following (gpointer data)
{
  return pa_repository_get_following (data);
}

static gboolean
not_following (gpointer data)
{
  return !pa_repository_get_following (data);
}

typedef struct
{
  PaResource *resource;
  const char *name;
} NameWait;

static gboolean
has_name (gpointer data)
{
  NameWait *wait = data;
  g_autofree char *name = NULL;

  g_object_get (wait->resource, "name", &name, NULL);
  return g_strcmp0 (name, wait->name) == 0;
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
has_n_items (gpointer data)
{
  CountWait *wait = data;

  return g_list_model_get_n_items (wait->model) == wait->n;
}

typedef struct
{
  PaRepository *a;
  PaRepository *b;
} SeqWait;

static gboolean
same_place (gpointer data)
{
  SeqWait *wait = data;

  return pa_repository_get_applied_seq (wait->a) == pa_repository_get_applied_seq (wait->b);
}

/* Loads, then follows: waits until the stream is open. */
static PaRepository *
following_repository (PaTestServer *server)
{
  PaRepository *repo = repository_for (server);
  g_autoptr(GError) error = NULL;

  g_assert_true (refresh (repo, &error));
  g_assert_no_error (error);
  pa_repository_set_follow_changes (repo, TRUE);
  pa_app_test_wait_until_seconds (is_following, repo, 5);
  return repo;
}

/* Two apps on one provd: what one of them (or curl) changes shows in the
 * other within a second, in the object its views already hold. Nothing
 * is listed again. */
static void
test_follow_two_apps (void)
{
  g_autofree char *log_path = NULL;
  g_autoptr(PaTestServer) server = logging_server (&log_path, NULL);
  g_autoptr(PaRepository) a = NULL;
  g_autoptr(PaRepository) b = NULL;
  g_autoptr(PaResource) draft = NULL;
  g_autoptr(PaResource) saved = NULL;
  g_autoptr(GError) error = NULL;
  PaResource *in_a, *in_b;
  guint a_name_notifies = 0;
  gint64 agent_id, other_id;
  NameWait name_wait;
  CountWait count_wait;
  SeqWait seq_wait;

  agent_id = pa_test_create (server, "agents", "{\"name\":\"Ann\",\"extension\":\"201\"}");
  other_id = pa_test_create (server, "agents", "{\"name\":\"Bo\",\"extension\":\"202\"}");
  a = following_repository (server);
  b = following_repository (server);
  in_a = pa_repository_find (a, PA_TYPE_AGENT, agent_id);
  in_b = pa_repository_find (b, PA_TYPE_AGENT, agent_id);
  g_assert_nonnull (in_a);
  g_assert_nonnull (in_b);
  g_signal_connect (in_a, "notify::name", G_CALLBACK (count_cb), &a_name_notifies);

  /* A renames Ann: B sees it in its own object. */
  draft = pa_resource_copy (in_a);
  g_object_set (draft, "name", "Ann Smith", NULL);
  saved = save (a, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (saved == in_a);
  name_wait = (NameWait) { in_b, "Ann Smith" };
  g_assert_true (pa_app_test_poll_until (has_name, &name_wait, 1000));
  g_assert_true (pa_repository_find (b, PA_TYPE_AGENT, agent_id) == in_b);

  /* Someone with curl renames Bo: both see it. */
  raw_put (server, "agents", other_id, "{\"name\":\"Bo Berg\",\"extension\":\"202\"}");
  name_wait = (NameWait) { pa_repository_find (b, PA_TYPE_AGENT, other_id), "Bo Berg" };
  g_assert_true (pa_app_test_poll_until (has_name, &name_wait, 1000));
  name_wait.resource = pa_repository_find (a, PA_TYPE_AGENT, other_id);
  g_assert_true (pa_app_test_poll_until (has_name, &name_wait, 1000));
  /* By now A's stream has brought its own rename too (it came before):
   * applied once, by the write's answer, not again. */
  seq_wait = (SeqWait) { a, b };
  pa_app_test_wait_until_seconds (same_place, &seq_wait, 5);
  g_assert_cmpuint (a_name_notifies, ==, 1);

  /* Created and deleted elsewhere. */
  pa_test_create (server, "agents", "{\"name\":\"Cy\",\"extension\":\"203\"}");
  count_wait = (CountWait) { pa_repository_get_agents (b), 3 };
  g_assert_true (pa_app_test_poll_until (has_n_items, &count_wait, 1000));
  raw_delete (server, "agents", other_id);
  count_wait.n = 2;
  g_assert_true (pa_app_test_poll_until (has_n_items, &count_wait, 1000));
  g_assert_null (pa_repository_find (b, PA_TYPE_AGENT, other_id));
  g_assert_true (pa_repository_find (b, PA_TYPE_AGENT, agent_id) == in_b);

  /* One listing each, when they loaded. */
  g_assert_cmpuint (count_listings (log_path, "agents"), ==, 2);
  g_signal_handlers_disconnect_by_data (in_a, &a_name_notifies);
}

static gboolean
needs_no_attention (gpointer phone)
{
  return pa_phone_get_attention (phone)[0] == NULL;
}

/* The server's SIP server set at last (from another app, or curl): the
 * phone that needed one stops needing attention here at once, in its own
 * object, without listing the phones again. */
static void
test_follow_derived (void)
{
  g_autofree char *log_path = NULL;
  g_autoptr(PaTestServer) server = logging_server (&log_path, "[server]\n");
  g_autoptr(PaRepository) repo = NULL;
  g_autoptr(PaTestResponse) saved = NULL;
  PaResource *phone;
  gint64 id;

  id = pa_test_create (server, "phones", "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:11:22:66\","
                                         " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}");
  repo = following_repository (server);
  phone = pa_repository_find (repo, PA_TYPE_PHONE, id);
  g_assert_nonnull (phone);
  g_assert_nonnull (pa_phone_get_attention (PA_PHONE (phone))[0]);

  saved = pa_test_api (server, "PATCH", "/api/v1/settings",
                       "{\"sip_server\": \"pbx.example.com\"}", "*");
  g_assert_cmpuint (saved->status, ==, 200);
  g_assert_true (pa_app_test_poll_until (needs_no_attention, phone, 1000));
  g_assert_true (pa_repository_find (repo, PA_TYPE_PHONE, id) == phone);
  g_assert_cmpuint (count_listings (log_path, "phones"), ==, 1);
}

/* A dropped stream is opened again from where it was: what changed
 * meanwhile comes, and nothing is listed again. */
static void
test_follow_resume (void)
{
  g_autofree char *log_path = NULL;
  g_autoptr(PaTestServer) server = logging_server (&log_path, NULL);
  g_autoptr(PaRepository) repo = NULL;
  PaResource *ann;
  gint64 ann_id;
  NameWait name_wait;
  CountWait count_wait;

  ann_id = pa_test_create (server, "agents", "{\"name\":\"Ann\",\"extension\":\"201\"}");
  repo = following_repository (server);
  ann = pa_repository_find (repo, PA_TYPE_AGENT, ann_id);

  /* The connection goes (here: closed under the app, as a network drop
   * or a provd going away would); changes go on on the server. */
  pa_repository_drop_change_stream (repo);
  pa_app_test_wait_until_seconds (not_following, repo, 5);
  raw_put (server, "agents", ann_id, "{\"name\":\"Ann Smith\",\"extension\":\"201\"}");
  pa_test_create (server, "agents", "{\"name\":\"Bo\",\"extension\":\"202\"}");

  pa_app_test_wait_until_seconds (is_following, repo, 5);
  name_wait = (NameWait) { ann, "Ann Smith" };
  pa_app_test_wait_until_seconds (has_name, &name_wait, 5);
  count_wait = (CountWait) { pa_repository_get_agents (repo), 2 };
  pa_app_test_wait_until_seconds (has_n_items, &count_wait, 5);
  g_assert_true (pa_repository_find (repo, PA_TYPE_AGENT, ann_id) == ann);

  /* And it keeps following. */
  pa_test_create (server, "agents", "{\"name\":\"Cy\",\"extension\":\"203\"}");
  count_wait.n = 3;
  g_assert_true (pa_app_test_poll_until (has_n_items, &count_wait, 1000));

  g_assert_cmpuint (count_listings (log_path, "agents"), ==, 1);
}

/* provd restarts (an upgrade, systemd): the stream goes with it; the app
 * opens it again once provd is back, from where it was, without listing. */
static void
test_follow_server_restart (void)
{
  g_autofree char *log_path = NULL;
  g_autoptr(PaTestServer) server = logging_server (&log_path, NULL);
  g_autoptr(PaRepository) repo = NULL;
  g_autofree char *url = NULL;
  PaResource *ann;
  gint64 ann_id;
  NameWait name_wait;
  CountWait count_wait;

  ann_id = pa_test_create (server, "agents", "{\"name\":\"Ann\",\"extension\":\"201\"}");
  repo = following_repository (server);
  ann = pa_repository_find (repo, PA_TYPE_AGENT, ann_id);
  url = g_strdup (server->url);

  pa_test_server_restart_same_port (server);
  g_assert_cmpstr (server->url, ==, url);
  raw_put (server, "agents", ann_id, "{\"name\":\"Ann Smith\",\"extension\":\"201\"}");

  name_wait = (NameWait) { ann, "Ann Smith" };
  pa_app_test_wait_until_seconds (has_name, &name_wait, 10);
  pa_app_test_wait_until_seconds (is_following, repo, 10);
  pa_test_create (server, "agents", "{\"name\":\"Bo\",\"extension\":\"202\"}");
  count_wait = (CountWait) { pa_repository_get_agents (repo), 2 };
  g_assert_true (pa_app_test_poll_until (has_n_items, &count_wait, 1000));
  g_assert_true (pa_repository_find (repo, PA_TYPE_AGENT, ann_id) == ann);

  g_assert_cmpuint (count_listings (log_path, "agents"), ==, 1);
}

/* A place the server does not have (here: numbers from another database,
 * set in the app, since making provd drop 100,000 log entries is too
 * slow for a test) is "gone": then, and only then, it lists again. */
static void
test_follow_gone (void)
{
  g_autofree char *log_path = NULL;
  g_autoptr(PaTestServer) server = logging_server (&log_path, NULL);
  g_autoptr(PaRepository) repo = NULL;
  PaResource *ann;
  gint64 ann_id;
  CountWait count_wait;

  ann_id = pa_test_create (server, "agents", "{\"name\":\"Ann\",\"extension\":\"201\"}");
  repo = following_repository (server);
  ann = pa_repository_find (repo, PA_TYPE_AGENT, ann_id);
  g_assert_cmpuint (count_listings (log_path, "agents"), ==, 1);

  pa_repository_set_applied_seq (repo, pa_repository_get_applied_seq (repo) + 1000);
  pa_repository_drop_change_stream (repo);
  pa_app_test_wait_until_seconds (not_following, repo, 5);
  pa_test_create (server, "agents", "{\"name\":\"Bo\",\"extension\":\"202\"}");

  /* Listed again, then following from the listing's place. */
  count_wait = (CountWait) { pa_repository_get_agents (repo), 2 };
  pa_app_test_wait_until_seconds (has_n_items, &count_wait, 5);
  pa_app_test_wait_until_seconds (is_following, repo, 5);
  g_assert_cmpuint (count_listings (log_path, "agents"), ==, 2);
  g_assert_true (pa_repository_find (repo, PA_TYPE_AGENT, ann_id) == ann);

  pa_test_create (server, "agents", "{\"name\":\"Cy\",\"extension\":\"203\"}");
  count_wait.n = 3;
  g_assert_true (pa_app_test_poll_until (has_n_items, &count_wait, 1000));
}

/* ---------------------------------------------------------------------- */
/* Large listings: merged a slice at a time */

static PaResource *
agent_numbered (gint64      id,
                const char *prefix)
{
  g_autofree char *json = g_strdup_printf ("{\"id\":%" G_GINT64_FORMAT ",\"revision\":1,"
                                           "\"name\":\"%s %" G_GINT64_FORMAT "\","
                                           "\"extension\":\"%" G_GINT64_FORMAT "\"}",
                                           id, prefix, id, 1000 + id);
  g_autoptr(GError) error = NULL;
  PaResource *r = pa_resource_new_from_data (PA_TYPE_AGENT, json, -1, PA_JSON_TRUSTED, &error);

  g_assert_no_error (error);
  return r;
}

/* A step whose time is up still merges a few rows, splices them in at
 * once and stops: the main loop turns between slices. The end result is
 * the same as one merge, and objects keep their identity. */
static void
test_merge_in_slices (void)
{
  PaKindStore ks = { PA_TYPE_AGENT, g_list_store_new (PA_TYPE_AGENT),
                     g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL), 0 };
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PaResource) kept = NULL;
  PaMergeJob *job;
  guint changes = 0, steps = 0;
  const guint n = 1000;

  for (guint i = 1; i <= n; i++)
    g_ptr_array_add (first, agent_numbered (i, "Agent"));
  g_signal_connect (ks.store, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  job = pa_merge_job_new (&ks, first);
  /* A deadline in the past: each step does a little, and is not done. */
  while (!pa_merge_job_step (job, 0))
    {
      steps++;
      g_assert_cmpuint (changes, ==, steps);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ks.store)), <, n);
    }
  pa_merge_job_free (job);
  g_assert_cmpuint (steps, >, 10);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ks.store)), ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (pa_resource_get_id (item (G_LIST_MODEL (ks.store), i)), ==, i + 1);

  /* Listed again with one renamed and one gone: in place, in slices. */
  kept = g_object_ref (item (G_LIST_MODEL (ks.store), 499));
  for (guint i = 1; i <= n; i++)
    if (i != 7)
      g_ptr_array_add (second, agent_numbered (i, i == 500 ? "Renamed" : "Agent"));
  job = pa_merge_job_new (&ks, second);
  while (!pa_merge_job_step (job, 0))
    ;
  pa_merge_job_free (job);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (ks.store)), ==, n - 1);
  g_assert_true (item (G_LIST_MODEL (ks.store), 498) == kept);
  {
    g_autofree char *name = NULL;

    g_object_get (kept, "name", &name, NULL);
    g_assert_cmpstr (name, ==, "Renamed 500");
  }

  g_signal_handlers_disconnect_by_data (ks.store, &changes);
  g_hash_table_unref (ks.by_id);
  g_object_unref (ks.store);
}

static void
test_cancel_refresh (PaTestFixture *fixture,
                     gconstpointer  user_data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaRepository) repo = repository_for (server);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  pa_test_create (server, "agents", "{\"name\":\"Ann\",\"extension\":\"201\"}");
  pa_repository_refresh_async (repo, cancellable, pa_app_test_store_once_cb, &slot);
  g_cancellable_cancel (cancellable);
  result = wait_for (&slot);
  g_assert_false (pa_repository_refresh_finish (repo, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Cancelling is not a failure to show. */
  g_assert_null (pa_repository_get_last_error (repo));
  g_assert_false (pa_repository_get_loading (repo));
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_agents (repo)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/app/repository/" name, PaTestFixture, NULL, pa_test_fixture_setup, func, \
              pa_test_fixture_teardown)
  ADD ("refresh-merge", test_refresh_merge);
  ADD ("refresh-insert-order", test_refresh_insert_order);
  ADD ("failed-refresh-keeps-items", test_failed_refresh_keeps_items);
  ADD ("failed-refresh-then-success", test_failed_refresh_then_success);
  ADD ("save-delete", test_save_delete);
  ADD ("phone-routing", test_phone_routing);
  ADD ("layout-save-refreshes-phones", test_layout_save_refreshes_phones);
  ADD ("gone-elsewhere", test_gone_elsewhere);
  ADD ("setup-link", test_setup_link);
  g_test_add_func ("/app/repository/follow-two-apps", test_follow_two_apps);
  g_test_add_func ("/app/repository/follow-resume", test_follow_resume);
  g_test_add_func ("/app/repository/follow-derived", test_follow_derived);
  g_test_add_func ("/app/repository/follow-server-restart", test_follow_server_restart);
  g_test_add_func ("/app/repository/follow-gone", test_follow_gone);
  g_test_add_func ("/app/repository/merge-in-slices", test_merge_in_slices);
  ADD ("cancel-refresh", test_cancel_refresh);
  /* Last: it changes the process's catalog. */
  g_test_add_func ("/app/repository/catalog-from-server", test_catalog_from_server);
#undef ADD

  return g_test_run ();
}
