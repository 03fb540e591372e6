/* test-rules.c — the domain rules provd enforces across resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the real phoneadmin-provd on loopback (see pa-test-server.c).
 */
#include "config.h"

#include <string.h>

#include "pa-test-server.h"

typedef PaTestFixture Fixture;

static char *
phone_body (const char *name,
            const char *mac,
            gint64      agent_id)
{
  if (agent_id > 0)
    return g_strdup_printf ("{\"name\": \"%s\", \"mac\": \"%s\", \"vendor\": \"yealink\", "
                            "\"model\": \"yealink-t54w\", \"agent_id\": %" G_GINT64_FORMAT "}",
                            name, mac, agent_id);
  return g_strdup_printf ("{\"name\": \"%s\", \"mac\": \"%s\", \"vendor\": \"yealink\", "
                          "\"model\": \"yealink-t54w\"}", name, mac);
}

static gint64
create_phone (PaTestServer *server,
              const char   *name,
              const char   *mac,
              gint64        agent_id)
{
  g_autofree char *body = phone_body (name, mac, agent_id);

  return pa_test_create (server, "phones", body);
}

static gint64
create_agent (PaTestServer *server,
              const char   *name,
              const char   *extension)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"extension\": \"%s\"}",
                                           name, extension);
  return pa_test_create (server, "agents", body);
}

static const char *
routing_of (PaTestServer *server,
            gint64        agent_id)
{
  static char routing[32];
  g_autoptr(PaTestResponse) agent = pa_test_get (server, "agents", agent_id);

  g_strlcpy (routing, json_object_get_string_member (pa_test_response_object (agent), "routing"),
             sizeof routing);
  return routing;
}

static PaTestResponse *
patch (PaTestServer *server,
       const char   *collection,
       gint64        id,
       const char   *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, collection, id);
  g_autofree char *etag = pa_test_etag_of (server, collection, id);

  return pa_test_api (server, "PATCH", path, body, etag);
}

static PaTestResponse *
delete (PaTestServer *server,
        const char   *collection,
        gint64        id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, collection, id);
  g_autofree char *etag = pa_test_etag_of (server, collection, id);

  return pa_test_api (server, "DELETE", path, NULL, etag);
}

static void
assert_no_secret (JsonObject *object)
{
  g_assert_false (json_object_has_member (object, "sip_password"));
  g_assert_false (json_object_has_member (object, "password"));
}

/* -- duplicate MAC ------------------------------------------------------- */

static void
test_duplicate_mac (Fixture       *fixture,
                    gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  gint64 second;

  create_phone (server, "Reception", "80:5E:C0:12:34:56", 0);

  {
    /* the same MAC in another spelling */
    g_autofree char *body = phone_body ("Copy", "805e.c012.3456", 0);
    g_autoptr(PaTestResponse) dup = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);
    const char *message;

    pa_test_assert_error (dup, 409, "conflict", "mac");
    message = json_object_get_string_member (
      json_object_get_object_member (pa_test_response_object (dup), "error"), "message");
    g_assert_nonnull (strstr (message, "Reception"));
  }
  g_assert_cmpint (pa_test_total_of (server, "phones"), ==, 1);
  /* the refused phone's generated account was rolled back with it */
  g_assert_cmpint (pa_test_total_of (server, "sip-accounts"), ==, 1);

  second = create_phone (server, "Lobby", "80:5E:C0:AB:CD:EF", 0);
  {
    g_autoptr(PaTestResponse) before = pa_test_get (server, "phones", second);
    g_autoptr(PaTestResponse) moved = patch (server, "phones", second,
                                             "{\"mac\": \"80-5E-C0-12-34-56\"}");
    g_autoptr(PaTestResponse) after = NULL;

    pa_test_assert_error (moved, 409, "conflict", "mac");
    after = pa_test_get (server, "phones", second);
    g_assert_cmpstr (after->text, ==, before->text);
  }
}

/* -- one agent per extension --------------------------------------------- */

static void
test_duplicate_extension (Fixture       *fixture,
                          gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  gint64 maria = pa_test_create (server, "agents", "{\"name\": \"Maria\", \"extension\": \"201\"}");
  gint64 bob = pa_test_create (server, "agents", "{\"name\": \"Bob\", \"extension\": \"202\"}");

  {
    g_autoptr(PaTestResponse) dup = pa_test_api (server, "POST", "/api/v1/agents",
                                                 "{\"name\": \"Copy\", \"extension\": \"201\"}",
                                                 NULL);
    const char *message;

    pa_test_assert_error (dup, 409, "conflict", "extension");
    message = json_object_get_string_member (
      json_object_get_object_member (pa_test_response_object (dup), "error"), "message");
    g_assert_nonnull (strstr (message, "Maria"));
  }
  g_assert_cmpint (pa_test_total_of (server, "agents"), ==, 2);
  {
    g_autoptr(PaTestResponse) before = pa_test_get (server, "agents", bob);
    g_autoptr(PaTestResponse) moved = patch (server, "agents", bob, "{\"extension\": \"201\"}");
    g_autoptr(PaTestResponse) after = pa_test_get (server, "agents", bob);
    /* Its own extension, sent back with another change, is no conflict. */
    g_autoptr(PaTestResponse) renamed = patch (server, "agents", maria,
                                               "{\"name\": \"Maria L.\", \"extension\": \"201\"}");

    pa_test_assert_error (moved, 409, "conflict", "extension");
    g_assert_cmpstr (after->text, ==, before->text);
    g_assert_cmpuint (renamed->status, ==, 200);
  }
}

/* -- the line shows the phone's agent ------------------------------------ */

static char *
own_file (PaTestServer *server,
          gint64        phone_id,
          const char   *file)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/preview/%s",
                                           phone_id, file);
  g_autoptr(PaTestResponse) r = pa_test_api (server, "GET", path, NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (r->text);
}

/* A phone made before it had an agent: once assigned, its line shows the
 * agent's name (not the generated username), and follows a rename. */
static void
test_line_shows_agent (Fixture       *fixture,
                       gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  gint64 phone = create_phone (server, "Desk", "80:5E:C0:44:55:66", 0);
  gint64 agent = create_agent (server, "Maria Lopez", "201");
  g_autofree char *before = own_file (server, phone, "805ec0445566.cfg");
  g_autofree char *after = NULL;
  g_autofree char *renamed = NULL;

  g_assert_nonnull (strstr (before, "account.1.display_name = ph805ec0445566\n"));
  {
    g_autofree char *body = g_strdup_printf ("{\"agent_id\": %" G_GINT64_FORMAT "}", agent);
    g_autoptr(PaTestResponse) r = patch (server, "phones", phone, body);

    g_assert_cmpuint (r->status, ==, 200);
  }
  after = own_file (server, phone, "805ec0445566.cfg");
  g_assert_nonnull (strstr (after, "account.1.display_name = Maria Lopez\n"));
  {
    g_autoptr(PaTestResponse) r = patch (server, "agents", agent, "{\"name\": \"Maria L.\"}");

    g_assert_cmpuint (r->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (r), "affected_phones"),
                     ==, 1);
  }
  renamed = own_file (server, phone, "805ec0445566.cfg");
  g_assert_nonnull (strstr (renamed, "account.1.display_name = Maria L.\n"));
}

/* -- generated SIP accounts and passwords -------------------------------- */

static void
test_generated_account (Fixture       *fixture,
                        gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autofree char *password = NULL;
  gint64 phone_id, account_id, agent_id;

  {
    g_autofree char *body = phone_body ("Spare", "80:5E:C0:12:34:56", 0);
    g_autoptr(PaTestResponse) created = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);
    JsonObject *object = pa_test_response_object (created);
    JsonArray *lines = json_object_get_array_member (object, "lines");

    g_assert_cmpuint (created->status, ==, 201);
    password = g_strdup (json_object_get_string_member (object, "sip_password"));
    g_assert_cmpuint (strlen (password), >=, 16);
    g_assert_cmpuint (json_array_get_length (lines), ==, 1);
    account_id = json_array_get_int_element (lines, 0);
    phone_id = json_object_get_int_member (object, "id");
  }

  {
    g_autoptr(PaTestResponse) account = pa_test_get (server, "sip-accounts", account_id);
    g_autoptr(PaTestResponse) phone = pa_test_get (server, "phones", phone_id);
    g_autoptr(PaTestResponse) phones = pa_test_api (server, "GET", "/api/v1/phones", NULL, NULL);
    g_autoptr(PaTestResponse) accounts = pa_test_api (server, "GET", "/api/v1/sip-accounts",
                                                      NULL, NULL);

    g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (account), "username"),
                     ==, "ph805ec0123456");
    assert_no_secret (pa_test_response_object (account));
    assert_no_secret (pa_test_response_object (phone));
    /* shown once: nowhere in any later answer */
    g_assert_null (strstr (phone->text, password));
    g_assert_null (strstr (account->text, password));
    g_assert_null (strstr (phones->text, password));
    g_assert_null (strstr (accounts->text, password));
  }

  /* with an agent, the account is named after the extension and is theirs */
  agent_id = create_agent (server, "Ann", "201");
  {
    g_autofree char *body = phone_body ("Ann's phone", "80:5E:C0:AB:CD:EF", agent_id);
    g_autoptr(PaTestResponse) created = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);
    JsonObject *object = pa_test_response_object (created);
    g_autoptr(PaTestResponse) account = NULL;
    JsonObject *account_object;

    g_assert_cmpuint (created->status, ==, 201);
    g_assert_true (json_object_has_member (object, "sip_password"));
    account = pa_test_get (server, "sip-accounts",
                           json_array_get_int_element (json_object_get_array_member (object,
                                                                                     "lines"), 0));
    account_object = pa_test_response_object (account);
    g_assert_cmpstr (json_object_get_string_member (account_object, "username"), ==, "201");
    g_assert_cmpint (json_object_get_int_member (account_object, "agent_id"), ==, agent_id);
  }

  {
    /* a phone given its lines gets no new account and no password */
    g_autofree char *body = g_strdup_printf ("{\"name\": \"Shared\", \"mac\": \"80:5E:C0:00:00:01\", "
                                             "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\", "
                                             "\"lines\": [%" G_GINT64_FORMAT "]}", account_id);
    g_autoptr(PaTestResponse) created = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);

    g_assert_cmpuint (created->status, ==, 201);
    assert_no_secret (pa_test_response_object (created));
    g_assert_cmpint (pa_test_total_of (server, "sip-accounts"), ==, 2);
  }

  {
    /* a line pointing nowhere is refused on its own field */
    g_autofree char *body = g_strdup_printf ("{\"name\": \"Ghost\", \"mac\": \"80:5E:C0:00:00:02\", "
                                             "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\", "
                                             "\"lines\": [%d]}", 999);
    g_autoptr(PaTestResponse) refused = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);

    pa_test_assert_error (refused, 422, "rule_violation", "lines[0]");
    g_assert_cmpint (pa_test_total_of (server, "phones"), ==, 3);
  }
}

static void
test_sip_account_password_once (Fixture       *fixture,
                                gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaTestResponse) created = NULL;
  g_autoptr(PaTestResponse) got = NULL;
  const char *password;
  gint64 id;

  created = pa_test_api (server, "POST", "/api/v1/sip-accounts",
                         "{\"username\": \"1001\", \"server\": \"pbx.example.com\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  password = json_object_get_string_member (pa_test_response_object (created), "sip_password");
  g_assert_cmpuint (strlen (password), >=, 16);
  id = json_object_get_int_member (pa_test_response_object (created), "id");

  got = pa_test_get (server, "sip-accounts", id);
  assert_no_secret (pa_test_response_object (got));
  g_assert_null (strstr (got->text, password));

  {
    /* a PATCH answer does not carry it either */
    g_autoptr(PaTestResponse) patched = patch (server, "sip-accounts", id, "{\"label\": \"Desk\"}");
    g_assert_cmpuint (patched->status, ==, 200);
    assert_no_secret (pa_test_response_object (patched));
  }
}

static void
test_regenerate_password (Fixture       *fixture,
                          gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autofree char *path = NULL;
  g_autofree char *first_password = NULL;
  g_autofree char *phone_etag = NULL;
  g_autofree char *other_etag = NULL;
  g_autofree char *phone_fingerprint = NULL;
  g_autofree char *other_fingerprint = NULL;
  gint64 phone_id, other_id, account_id;

  {
    g_autofree char *body = phone_body ("Reception", "80:5E:C0:12:34:56", 0);
    g_autoptr(PaTestResponse) created = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);
    JsonObject *object = pa_test_response_object (created);

    phone_id = json_object_get_int_member (object, "id");
    account_id = json_array_get_int_element (json_object_get_array_member (object, "lines"), 0);
    first_password = g_strdup (json_object_get_string_member (object, "sip_password"));
  }
  other_id = create_phone (server, "Other", "80:5E:C0:AB:CD:EF", 0);
  path = g_strdup_printf ("/api/v1/sip-accounts/%" G_GINT64_FORMAT "/password", account_id);
  phone_etag = pa_test_etag_of (server, "phones", phone_id);
  other_etag = pa_test_etag_of (server, "phones", other_id);
  phone_fingerprint = pa_test_fingerprint_of (server, phone_id);
  other_fingerprint = pa_test_fingerprint_of (server, other_id);

  {
    const char *refused[] = {
      "{\"confirm\": \"regenerate\"}", "{\"confirm\": \"yes\"}", "{}", "{\"confirm\": \"\"}",
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(PaTestResponse) response = pa_test_api (server, "POST", path, refused[i], NULL);
        pa_test_assert_error (response, 422, "rule_violation", "confirm");
      }
  }

  {
    g_autoptr(PaTestResponse) typed = pa_test_api (server, "POST", path, "{\"confirm\": 1}", NULL);
    g_autoptr(PaTestResponse) extra = pa_test_api (server, "POST", path,
                                                   "{\"confirm\": \"REGENERATE\", \"x\": 1}", NULL);
    g_autoptr(PaTestResponse) junk = pa_test_api (server, "POST", path, "REGENERATE", NULL);
    g_autoptr(PaTestResponse) missing = pa_test_api (server, "POST",
                                                     "/api/v1/sip-accounts/999/password",
                                                     "{\"confirm\": \"REGENERATE\"}", NULL);

    pa_test_assert_error (typed, 400, "wrong_type", "confirm");
    pa_test_assert_error (extra, 400, "unknown_field", "x");
    pa_test_assert_error (junk, 400, "malformed", NULL);
    pa_test_assert_error (missing, 404, "not_found", NULL);
  }

  /* the refusals changed nothing */
  {
    g_autofree char *now = pa_test_etag_of (server, "phones", phone_id);
    g_autofree char *fingerprint = pa_test_fingerprint_of (server, phone_id);
    g_assert_cmpstr (now, ==, phone_etag);
    g_assert_cmpstr (fingerprint, ==, phone_fingerprint);
  }

  {
    g_autoptr(PaTestResponse) done = pa_test_api (server, "POST", path,
                                                  "{\"confirm\": \"REGENERATE\"}", NULL);
    JsonObject *object = pa_test_response_object (done);
    const char *password = json_object_get_string_member (object, "sip_password");
    JsonArray *resync = json_object_get_array_member (object, "resync_phones");
    g_autofree char *bumped = NULL;
    g_autofree char *untouched = NULL;
    g_autoptr(PaTestResponse) account = NULL;

    g_assert_cmpuint (done->status, ==, 200);
    g_assert_cmpuint (strlen (password), >=, 16);
    g_assert_cmpstr (password, !=, first_password);
    g_assert_cmpuint (json_array_get_length (resync), ==, 1);
    g_assert_cmpint (json_array_get_int_element (resync, 0), ==, phone_id);

    /* the phone carrying the account has a new fingerprint, the other
     * not; neither has a new revision (nobody edited the phones) */
    bumped = pa_test_fingerprint_of (server, phone_id);
    g_assert_cmpstr (bumped, !=, phone_fingerprint);
    untouched = pa_test_fingerprint_of (server, other_id);
    g_assert_cmpstr (untouched, ==, other_fingerprint);
    g_clear_pointer (&bumped, g_free);
    bumped = pa_test_etag_of (server, "phones", phone_id);
    g_assert_cmpstr (bumped, ==, phone_etag);

    account = pa_test_get (server, "sip-accounts", account_id);
    g_assert_null (strstr (account->text, password));
  }
}

/* -- agents and phones --------------------------------------------------- */

static void
test_assigned_phone_not_deletable (Fixture       *fixture,
                                   gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  gint64 agent_id = create_agent (server, "Ann", "201");
  gint64 phone_id = create_phone (server, "Ann's phone", "80:5E:C0:12:34:56", agent_id);
  g_autoptr(PaTestResponse) before = pa_test_get (server, "phones", phone_id);

  {
    g_autoptr(PaTestResponse) refused = delete (server, "phones", phone_id);
    const char *message;

    pa_test_assert_error (refused, 409, "conflict", NULL);
    message = json_object_get_string_member (
      json_object_get_object_member (pa_test_response_object (refused), "error"), "message");
    g_assert_nonnull (strstr (message, "unassign"));
    g_assert_nonnull (strstr (message, "Ann"));
  }

  {
    g_autoptr(PaTestResponse) after = pa_test_get (server, "phones", phone_id);
    g_assert_cmpstr (after->text, ==, before->text);
    g_assert_cmpstr (routing_of (server, agent_id), ==, "hardware");
  }

  {
    g_autoptr(PaTestResponse) unassigned = patch (server, "phones", phone_id,
                                                  "{\"agent_id\": null}");
    g_autoptr(PaTestResponse) deleted = NULL;

    g_assert_cmpuint (unassigned->status, ==, 200);
    deleted = delete (server, "phones", phone_id);
    g_assert_cmpuint (deleted->status, ==, 204);
    g_assert_cmpint (pa_test_total_of (server, "phones"), ==, 0);
  }
}

/* The account made for an unassigned phone goes with it, so the same MAC can
 * be added again; a shared account and an agent's own account stay. */
static void
test_deleted_phone_takes_its_account (Fixture       *fixture,
                                      gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  gint64 spare = create_phone (server, "Spare", "80:5E:C0:12:34:56", 0);
  gint64 agent_id = create_agent (server, "Ann", "201");
  gint64 anns = create_phone (server, "Ann's phone", "80:5E:C0:AB:CD:EF", agent_id);
  gint64 shared_account, first, second;

  g_assert_cmpint (pa_test_total_of (server, "sip-accounts"), ==, 2);

  {
    g_autoptr(PaTestResponse) deleted = delete (server, "phones", spare);
    JsonArray *changed;

    /* The answer names what went with it: its own SIP account. */
    g_assert_cmpuint (deleted->status, ==, 200);
    changed = json_object_get_array_member (pa_test_response_object (deleted), "changed");
    g_assert_cmpuint (json_array_get_length (changed), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changed, 0),
                                                    "collection"), ==, "phones");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changed, 1),
                                                    "collection"), ==, "sip-accounts");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (changed, 1),
                                                    "op"), ==, "deleted");
    g_assert_cmpint (pa_test_total_of (server, "sip-accounts"), ==, 1);
  }
  {
    g_autofree char *body = phone_body ("Spare again", "805ec0123456", 0);
    g_autoptr(PaTestResponse) created = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);
    JsonObject *object = pa_test_response_object (created);

    g_assert_cmpuint (created->status, ==, 201);
    g_assert_cmpstr (json_object_get_string_member (object, "sip_username"), ==, "ph805ec0123456");
    g_assert_true (json_object_has_member (object, "sip_password"));
    first = json_object_get_int_member (object, "id");
    shared_account = json_object_get_int_member (object, "sip_account_id");
  }

  /* Shared: the account stays while the other phone still carries it. */
  {
    g_autofree char *body = g_strdup_printf ("{\"name\": \"Second\", \"mac\": \"80:5E:C0:00:00:01\", "
                                             "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\", "
                                             "\"lines\": [%" G_GINT64_FORMAT "]}", shared_account);
    g_autoptr(PaTestResponse) created = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);
    g_autoptr(PaTestResponse) deleted = NULL;

    g_assert_cmpuint (created->status, ==, 201);
    second = json_object_get_int_member (pa_test_response_object (created), "id");
    deleted = delete (server, "phones", first);
    g_assert_cmpuint (deleted->status, ==, 204);
    g_assert_cmpint (pa_test_total_of (server, "sip-accounts"), ==, 2);
  }
  {
    /* The last phone carrying it: the account goes too, and the answer
     * (200, not an empty 204) says so. */
    g_autoptr(PaTestResponse) deleted = delete (server, "phones", second);
    g_assert_cmpuint (deleted->status, ==, 200);
    g_assert_cmpint (pa_test_total_of (server, "sip-accounts"), ==, 1);
  }

  /* The agent's account is the agent's: it outlives the phone. */
  {
    g_autoptr(PaTestResponse) unassigned = patch (server, "phones", anns, "{\"agent_id\": null}");
    g_autoptr(PaTestResponse) deleted = NULL;

    g_assert_cmpuint (unassigned->status, ==, 200);
    deleted = delete (server, "phones", anns);
    g_assert_cmpuint (deleted->status, ==, 204);
    g_assert_cmpint (pa_test_total_of (server, "sip-accounts"), ==, 1);
  }
}

static void
test_agent_must_exist (Fixture       *fixture,
                       gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  gint64 phone_id;

  {
    g_autofree char *body = phone_body ("Orphan", "80:5E:C0:12:34:56", 999);
    g_autoptr(PaTestResponse) refused = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);

    pa_test_assert_error (refused, 422, "rule_violation", "agent_id");
    g_assert_cmpint (pa_test_total_of (server, "phones"), ==, 0);
    g_assert_cmpint (pa_test_total_of (server, "sip-accounts"), ==, 0);
  }

  phone_id = create_phone (server, "Spare", "80:5E:C0:12:34:56", 0);
  {
    g_autoptr(PaTestResponse) before = pa_test_get (server, "phones", phone_id);
    g_autoptr(PaTestResponse) refused = patch (server, "phones", phone_id, "{\"agent_id\": 42}");
    g_autoptr(PaTestResponse) after = NULL;

    pa_test_assert_error (refused, 422, "rule_violation", "agent_id");
    after = pa_test_get (server, "phones", phone_id);
    g_assert_cmpstr (after->text, ==, before->text);
  }

  {
    g_autoptr(PaTestResponse) refused = pa_test_api (server, "POST", "/api/v1/sip-accounts",
                                                     "{\"username\": \"1001\", \"agent_id\": 7}",
                                                     NULL);
    pa_test_assert_error (refused, 422, "rule_violation", "agent_id");
  }
}

static void
test_routing_follows_phones (Fixture       *fixture,
                             gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  gint64 ann = create_agent (server, "Ann", "201");
  gint64 bob = create_agent (server, "Bob", "202");
  gint64 desk, spare;

  g_assert_cmpstr (routing_of (server, ann), ==, "softphone");

  /* assigning on create */
  desk = create_phone (server, "Ann's desk", "80:5E:C0:12:34:56", ann);
  g_assert_cmpstr (routing_of (server, ann), ==, "hardware");

  /* assigning on update */
  spare = create_phone (server, "Spare", "80:5E:C0:AB:CD:EF", 0);
  {
    g_autoptr(PaTestResponse) assigned = patch (server, "phones", spare, "{\"agent_id\": 1}");
    g_assert_cmpuint (assigned->status, ==, 200);
  }

  /* removing one of two phones keeps hardware */
  {
    g_autoptr(PaTestResponse) unassigned = patch (server, "phones", spare, "{\"agent_id\": null}");
    g_assert_cmpuint (unassigned->status, ==, 200);
    g_assert_cmpstr (routing_of (server, ann), ==, "hardware");
  }

  /* reassigning the last one moves both preferences */
  {
    g_autofree char *body = g_strdup_printf ("{\"agent_id\": %" G_GINT64_FORMAT "}", bob);
    g_autoptr(PaTestResponse) moved = patch (server, "phones", desk, body);

    g_assert_cmpuint (moved->status, ==, 200);
    g_assert_cmpstr (routing_of (server, ann), ==, "softphone");
    g_assert_cmpstr (routing_of (server, bob), ==, "hardware");
  }

  /* unassigning the last one */
  {
    g_autoptr(PaTestResponse) unassigned = patch (server, "phones", desk, "{\"agent_id\": null}");
    g_assert_cmpuint (unassigned->status, ==, 200);
    g_assert_cmpstr (routing_of (server, bob), ==, "softphone");
  }

  /* a failed assignment leaves the preference alone */
  {
    g_autoptr(PaTestResponse) dup = NULL;
    g_autofree char *body = phone_body ("Dup", "80:5E:C0:12:34:56", ann);

    dup = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);
    pa_test_assert_error (dup, 409, "conflict", "mac");
    g_assert_cmpstr (routing_of (server, ann), ==, "softphone");
  }
}

static void
test_agent_with_phones_not_deletable (Fixture       *fixture,
                                      gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  gint64 ann = create_agent (server, "Ann", "201");
  gint64 phone_id = create_phone (server, "Ann's desk", "80:5E:C0:12:34:56", ann);
  g_autoptr(PaTestResponse) before = pa_test_get (server, "agents", ann);

  {
    g_autoptr(PaTestResponse) refused = delete (server, "agents", ann);
    g_autoptr(PaTestResponse) after = NULL;

    pa_test_assert_error (refused, 409, "conflict", NULL);
    after = pa_test_get (server, "agents", ann);
    g_assert_cmpstr (after->text, ==, before->text);
  }

  {
    g_autoptr(PaTestResponse) unassigned = patch (server, "phones", phone_id, "{\"agent_id\": null}");
    g_autoptr(PaTestResponse) account_free = NULL;
    g_autoptr(PaTestResponse) deleted = NULL;
    g_autoptr(PaTestResponse) phone = pa_test_get (server, "phones", phone_id);
    gint64 account_id;

    g_assert_cmpuint (unassigned->status, ==, 200);
    /* the generated account belongs to Ann too; hand it over first */
    account_id = json_array_get_int_element (
      json_object_get_array_member (pa_test_response_object (phone), "lines"), 0);
    account_free = patch (server, "sip-accounts", account_id, "{\"agent_id\": null}");
    g_assert_cmpuint (account_free->status, ==, 200);

    deleted = delete (server, "agents", ann);
    g_assert_cmpuint (deleted->status, ==, 204);
  }
}

static void
test_layout_change_bumps_phones (Fixture       *fixture,
                                 gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  gint64 layout = pa_test_create (server, "layouts",
                                  "{\"name\": \"Sales\", \"model\": \"yealink-t54w\", \"keys\": []}");
  gint64 phone_id = create_phone (server, "Desk", "80:5E:C0:12:34:56", 0);
  g_autofree char *body = g_strdup_printf ("{\"layout_id\": %" G_GINT64_FORMAT "}", layout);
  g_autofree char *before = NULL;

  {
    g_autoptr(PaTestResponse) linked = patch (server, "phones", phone_id, body);
    g_assert_cmpuint (linked->status, ==, 200);
    before = pa_test_fingerprint_of (server, phone_id);
  }
  {
    g_autoptr(PaTestResponse) edited = patch (server, "layouts", layout,
                                              "{\"keys\": [{\"index\": 1, \"type\": \"blf\", "
                                              "\"value\": \"202\", \"label\": \"Bob\"}]}");
    g_autofree char *etag = NULL;
    g_autofree char *after = NULL;

    g_assert_cmpuint (edited->status, ==, 200);
    /* nobody edited the phone: its files changed, so its fingerprint did */
    etag = pa_test_etag_of (server, "phones", phone_id);
    g_assert_cmpstr (etag, ==, "\"2\"");
    after = pa_test_fingerprint_of (server, phone_id);
    g_assert_cmpstr (after, !=, before);
  }
  {
    /* a layout in use cannot go */
    g_autoptr(PaTestResponse) refused = delete (server, "layouts", layout);
    pa_test_assert_error (refused, 409, "conflict", NULL);
  }
  {
    g_autoptr(PaTestResponse) bad = pa_test_api (server, "POST", "/api/v1/profiles",
                                                 "{\"name\": \"P\", \"layout_id\": 99}", NULL);
    g_assert_cmpuint (bad->status, ==, 422);
  }
}

/* A profile's custom parameters go to one vendor's files; a name that
 * vendor's files cannot carry, or a vendor that does not exist, is refused
 * when the profile is saved, and nothing is stored. */
static void
test_custom_params_per_vendor (PaTestFixture *fixture,
                               gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaTestResponse) snom_dots = NULL;
  g_autoptr(PaTestResponse) nobody = NULL;
  g_autoptr(PaTestResponse) fine = NULL;
  JsonObject *params;

  /* Snom settings are elements with at most an [index]: no dots */
  snom_dots = pa_test_api (server, "POST", "/api/v1/profiles",
                           "{\"name\": \"Office\", \"custom_params\": "
                           "{\"snom\": {\"features.dnd\": \"1\"}}}", NULL);
  pa_test_assert_error (snom_dots, 400, "invalid_value", "custom_params.snom.features.dnd");
  nobody = pa_test_api (server, "POST", "/api/v1/profiles",
                        "{\"name\": \"Office\", \"custom_params\": "
                        "{\"acme\": {\"x\": \"1\"}}}", NULL);
  pa_test_assert_error (nobody, 400, "invalid_value", "custom_params.acme");
  g_assert_cmpint (pa_test_total_of (server, "profiles"), ==, 0);

  fine = pa_test_api (server, "POST", "/api/v1/profiles",
                      "{\"name\": \"Office\", \"custom_params\": "
                      "{\"yealink\": {\"features.dnd.enable\": \"0\"}, "
                      "\"snom\": {\"language\": \"Deutsch\"}}}", NULL);
  g_assert_cmpuint (fine->status, ==, 201);
  params = json_object_get_object_member (pa_test_response_object (fine), "custom_params");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (params, "snom"),
                                                  "language"), ==, "Deutsch");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pa_test_fixture_setup, func, pa_test_fixture_teardown)

  ADD ("/rules/duplicate-mac", test_duplicate_mac);
  ADD ("/rules/duplicate-extension", test_duplicate_extension);
  ADD ("/rules/line-shows-agent", test_line_shows_agent);
  ADD ("/rules/generated-sip-account", test_generated_account);
  ADD ("/rules/sip-password-shown-once", test_sip_account_password_once);
  ADD ("/rules/regenerate-password", test_regenerate_password);
  ADD ("/rules/assigned-phone-not-deletable", test_assigned_phone_not_deletable);
  ADD ("/rules/deleted-phone-takes-its-account", test_deleted_phone_takes_its_account);
  ADD ("/rules/agent-must-exist", test_agent_must_exist);
  ADD ("/rules/routing-follows-phones", test_routing_follows_phones);
  ADD ("/rules/agent-with-phones-not-deletable", test_agent_with_phones_not_deletable);
  ADD ("/rules/layout-change-bumps-phones", test_layout_change_bumps_phones);
  ADD ("/rules/custom-params-per-vendor", test_custom_params_per_vendor);

#undef ADD

  return g_test_run ();
}
