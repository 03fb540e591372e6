/* test-jobs.c — bulk actions as jobs against the real provd: each action
 * over several phones, all or nothing, undo, scheduling, a device action
 * against sipp, writes that wait for a job, and a kill -9 in the middle
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-test-server.h"
#include "pa-test-sip.h"
#include "pa-test-sipp.h"

#define N_PHONES 3

typedef struct
{
  PaTestServer *server;
  gint64        phones[N_PHONES];
  gint64        profile;
  gint64        agent;
  gint64        module_layout;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->server = pa_test_server_new ();
  for (guint i = 0; i < N_PHONES; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\": \"Desk %u\", \"mac\": \"80:5E:C0:00:10:%02u\","
                                               " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}",
                                               i, i);

      fixture->phones[i] = pa_test_create (fixture->server, "phones", body);
    }
  fixture->profile = pa_test_create (fixture->server, "profiles",
                                     "{\"name\": \"Berlin\", \"timezone\": \"Europe/Berlin\"}");
  fixture->agent = pa_test_create (fixture->server, "agents",
                                   "{\"name\": \"Ann\", \"extension\": \"1001\"}");
  fixture->module_layout = pa_test_create (fixture->server, "module-layouts",
                                           "{\"name\": \"Sidecar\", \"module\": \"yealink-exp50\","
                                           " \"keys\": []}");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pa_test_server_free (fixture->server);
}

/* {"action": @action, "phone_ids": [every phone] @rest} */
static char *
job_body (Fixture    *fixture,
          const char *action,
          const char *rest)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append_printf (body, "{\"action\": \"%s\", \"phone_ids\": [", action);
  for (guint i = 0; i < N_PHONES; i++)
    g_string_append_printf (body, "%s%" G_GINT64_FORMAT, i > 0 ? ", " : "", fixture->phones[i]);
  g_string_append_printf (body, "]%s}", rest != NULL ? rest : "");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

static JsonObject *
run (Fixture    *fixture,
     const char *action,
     const char *rest)
{
  g_autofree char *body = job_body (fixture, action, rest);
  JsonObject *job = pa_test_run_job (fixture->server, body);

  g_test_message ("%s → %s", body, json_object_get_string_member (job, "state"));
  return job;
}

static JsonObject *
phone (Fixture *fixture,
       guint    i)
{
  g_autoptr(PaTestResponse) response = pa_test_get (fixture->server, "phones", fixture->phones[i]);

  return json_object_ref (pa_test_response_object (response));
}

static gint64
member_of (Fixture    *fixture,
           guint       i,
           const char *member)
{
  g_autoptr(JsonObject) object = phone (fixture, i);

  return JSON_NODE_HOLDS_NULL (json_object_get_member (object, member))
         ? 0 : json_object_get_int_member (object, member);
}

static void
assert_succeeded (JsonObject *job)
{
  if (!g_str_equal (json_object_get_string_member (job, "state"), "succeeded"))
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      g_autofree char *text = NULL;

      json_node_set_object (node, job);
      text = json_to_string (node, FALSE);
      g_error ("job did not succeed: %s", text);
    }
  g_assert_cmpint (json_object_get_int_member (job, "done"), ==,
                   json_object_get_int_member (job, "total"));
}

static char *
routing_of (Fixture *fixture)
{
  g_autoptr(PaTestResponse) agent = pa_test_get (fixture->server, "agents", fixture->agent);

  return g_strdup (json_object_get_string_member (pa_test_response_object (agent), "routing"));
}

/* Every data action over the three phones, each as its PATCH would be. */
static void
test_data_actions (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *profile = g_strdup_printf (", \"profile_id\": %" G_GINT64_FORMAT,
                                              fixture->profile);
  g_autofree char *agent = g_strdup_printf (", \"agent_id\": %" G_GINT64_FORMAT, fixture->agent);
  g_autofree char *sidecars = g_strdup_printf (", \"module_layout_ids\": [%" G_GINT64_FORMAT "]",
                                               fixture->module_layout);
  g_autofree char *fingerprint = pa_test_fingerprint_of (fixture->server, fixture->phones[0]);

  {
    g_autoptr(JsonObject) job = run (fixture, "apply_profile", profile);

    assert_succeeded (job);
    g_assert_cmpint (json_object_get_int_member (job, "affected_phones"), ==, N_PHONES);
    for (guint i = 0; i < N_PHONES; i++)
      g_assert_cmpint (member_of (fixture, i, "profile_id"), ==, fixture->profile);
    /* Its files changed, and phones see it: a new fingerprint. */
    {
      g_autofree char *now = pa_test_fingerprint_of (fixture->server, fixture->phones[0]);

      g_assert_cmpstr (now, !=, fingerprint);
    }
  }
  {
    g_autoptr(JsonObject) job = run (fixture, "apply_profile", profile);
    g_autofree char *path = g_strdup_printf ("/api/v1/jobs/%" G_GINT64_FORMAT,
                                             json_object_get_int_member (job, "id"));
    g_autofree char *summary_path = g_strconcat (path, "?summary=1", NULL);
    g_autofree char *bad_path = g_strconcat (path, "?summary=yes", NULL);
    g_autoptr(PaTestResponse) summary = pa_test_api (fixture->server, "GET", summary_path, NULL,
                                                     NULL);
    g_autoptr(PaTestResponse) bad = pa_test_api (fixture->server, "GET", bad_path, NULL, NULL);
    JsonObject *brief;

    /* ?summary=1: the counts a progress poll needs, not every phone. */
    g_assert_cmpuint (summary->status, ==, 200);
    brief = pa_test_response_object (summary);
    g_assert_cmpint (json_object_get_int_member (brief, "total"), ==, N_PHONES);
    g_assert_cmpstr (json_object_get_string_member (brief, "state"), ==, "succeeded");
    g_assert_false (json_object_has_member (brief, "phone_ids"));
    g_assert_false (json_object_has_member (brief, "results"));
    g_assert_true (json_object_has_member (job, "phone_ids"));
    g_assert_cmpuint (bad->status, ==, 400);
  }
  {
    g_autoptr(JsonObject) job = run (fixture, "assign_agent", agent);
    g_autofree char *routing = NULL;

    assert_succeeded (job);
    for (guint i = 0; i < N_PHONES; i++)
      g_assert_cmpint (member_of (fixture, i, "agent_id"), ==, fixture->agent);
    /* The agent's routing follows, as for a PATCH of each. */
    routing = routing_of (fixture);
    g_assert_cmpstr (routing, ==, "hardware");
  }
  {
    g_autoptr(JsonObject) job = run (fixture, "assign_agent", ", \"agent_id\": null");
    g_autofree char *routing = NULL;

    assert_succeeded (job);
    for (guint i = 0; i < N_PHONES; i++)
      g_assert_cmpint (member_of (fixture, i, "agent_id"), ==, 0);
    routing = routing_of (fixture);
    g_assert_cmpstr (routing, ==, "softphone");
  }
  {
    g_autoptr(JsonObject) job = run (fixture, "disable", NULL);
    g_autoptr(JsonObject) first = NULL;

    assert_succeeded (job);
    first = phone (fixture, 0);
    g_assert_false (json_object_get_boolean_member (first, "enabled"));
    g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "disabled");
  }
  {
    g_autoptr(JsonObject) job = run (fixture, "enable", NULL);
    g_autoptr(JsonObject) last = NULL;

    assert_succeeded (job);
    last = phone (fixture, N_PHONES - 1);
    g_assert_true (json_object_get_boolean_member (last, "enabled"));
    g_assert_cmpstr (json_object_get_string_member (last, "status"), ==, "pending");
  }
  {
    g_autoptr(JsonObject) job = run (fixture, "apply_sidecars", sidecars);
    g_autoptr(JsonObject) first = NULL;
    JsonArray *modules;

    assert_succeeded (job);
    first = phone (fixture, 0);
    modules = json_object_get_array_member (first, "modules");
    g_assert_cmpuint (json_array_get_length (modules), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (modules, 0),
                                                    "module"), ==, "yealink-exp50");
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (modules, 0),
                                                 "layout_id"), ==, fixture->module_layout);
  }
  {
    g_autoptr(JsonObject) job = run (fixture, "apply_sidecars", ", \"module_layout_ids\": [null]");
    g_autoptr(JsonObject) first = NULL;
    JsonArray *modules;

    assert_succeeded (job);
    first = phone (fixture, 0);
    modules = json_object_get_array_member (first, "modules");
    /* The sidecar stays; it has no layout of its own now. */
    g_assert_cmpuint (json_array_get_length (modules), ==, 1);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (
                     json_array_get_object_element (modules, 0), "layout_id")));
  }
  {
    g_autoptr(JsonObject) job = run (fixture, "delete", NULL);

    assert_succeeded (job);
    g_assert_false (json_object_get_boolean_member (job, "undoable"));
    g_assert_cmpint (pa_test_total_of (fixture->server, "phones"), ==, 0);
  }
}

/* update_firmware: the target is set, then each phone is told to resync;
 * phones that never fetched have no address. */
static void
test_update_firmware (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PaTestResponse) uploaded = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *rest = NULL;
  JsonArray *results;
  gint64 firmware;

  uploaded = pa_test_request (fixture->server, "POST",
                              "/api/v1/firmware/upload?vendor=yealink&models=yealink-t54w"
                              "&version=96.86.0.150&filename=T54W-96.86.0.150.rom",
                              "application/octet-stream", "firmware bytes", 14, TRUE, NULL);
  g_assert_cmpuint (uploaded->status, ==, 201);
  firmware = json_object_get_int_member (pa_test_response_object (uploaded), "id");

  rest = g_strdup_printf (", \"firmware_id\": %" G_GINT64_FORMAT, firmware);
  job = run (fixture, "update_firmware", rest);
  assert_succeeded (job);
  for (guint i = 0; i < N_PHONES; i++)
    g_assert_cmpint (member_of (fixture, i, "firmware_id"), ==, firmware);
  results = json_object_get_array_member (job, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, N_PHONES);
  for (guint i = 0; i < N_PHONES; i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (results, i),
                                                    "result"), ==, "no_address");
}

/* A phone that cannot take the change fails the job, and no phone
 * changes: not the ones before it, not the ones after. */
static void
test_one_fails_none_change (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *assign = g_strdup_printf ("{\"agent_id\": %" G_GINT64_FORMAT "}",
                                             fixture->agent);
  g_autofree char *etag = pa_test_etag_of (fixture->server, "phones", fixture->phones[1]);
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, fixture->phones[1]);
  g_autoptr(PaTestResponse) patched = pa_test_api (fixture->server, "PATCH", path, assign, etag);
  gint64 revisions[N_PHONES];

  g_assert_cmpuint (patched->status, ==, 200);
  for (guint i = 0; i < N_PHONES; i++)
    revisions[i] = member_of (fixture, i, "revision");

  {
    g_autoptr(JsonObject) job = run (fixture, "delete", NULL);
    JsonObject *error = json_object_get_object_member (job, "error");

    g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "failed");
    g_assert_cmpint (json_object_get_int_member (error, "phone_id"), ==, fixture->phones[1]);
    g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "Desk 1"));
    g_assert_nonnull (strstr (json_object_get_string_member (error, "message"), "unassign"));
    g_assert_cmpint (pa_test_total_of (fixture->server, "phones"), ==, N_PHONES);
  }
  {
    /* A phone that is not there, last: the two before it stay as they were. */
    g_autofree char *body = g_strdup_printf ("{\"action\": \"apply_profile\", \"profile_id\": %"
                                             G_GINT64_FORMAT ", \"phone_ids\": [%" G_GINT64_FORMAT
                                             ", %" G_GINT64_FORMAT ", 99999]}", fixture->profile,
                                             fixture->phones[0], fixture->phones[2]);
    g_autoptr(JsonObject) job = pa_test_run_job (fixture->server, body);

    g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "failed");
    g_assert_nonnull (strstr (json_object_get_string_member (
                                json_object_get_object_member (job, "error"), "message"), "99999"));
  }
  for (guint i = 0; i < N_PHONES; i++)
    {
      g_assert_cmpint (member_of (fixture, i, "revision"), ==, revisions[i]);
      g_assert_cmpint (member_of (fixture, i, "profile_id"), ==, 0);
    }
}

static PaTestResponse *
post_undo (Fixture *fixture,
           gint64   job)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/jobs/%" G_GINT64_FORMAT "/undo", job);

  return pa_test_api (fixture->server, "POST", path, "{}", NULL);
}

static void
test_undo (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *profile = g_strdup_printf (", \"profile_id\": %" G_GINT64_FORMAT,
                                              fixture->profile);
  g_autoptr(JsonObject) applied = run (fixture, "apply_profile", profile);
  gint64 applied_id = json_object_get_int_member (applied, "id");
  g_autoptr(PaTestResponse) undo = NULL;
  g_autoptr(JsonObject) undone = NULL;
  g_autoptr(PaTestResponse) again = NULL;

  assert_succeeded (applied);
  g_assert_true (json_object_get_boolean_member (applied, "undoable"));

  undo = post_undo (fixture, applied_id);
  g_assert_cmpuint (undo->status, ==, 202);
  undone = pa_test_wait_job (fixture->server,
                             json_object_get_int_member (pa_test_response_object (undo), "id"));
  assert_succeeded (undone);
  g_assert_cmpstr (json_object_get_string_member (undone, "action"), ==, "undo");
  g_assert_cmpint (json_object_get_int_member (undone, "undo_of"), ==, applied_id);
  for (guint i = 0; i < N_PHONES; i++)
    g_assert_cmpint (member_of (fixture, i, "profile_id"), ==, 0);
  {
    g_autoptr(JsonObject) now = pa_test_wait_job (fixture->server, applied_id);

    g_assert_cmpint (json_object_get_int_member (now, "undone_by"), ==,
                     json_object_get_int_member (undone, "id"));
    g_assert_false (json_object_get_boolean_member (now, "undoable"));
  }
  again = post_undo (fixture, applied_id);
  pa_test_assert_error (again, 409, "conflict", NULL);

  /* Edited since: the undo changes nothing and says which phone. */
  {
    g_autoptr(JsonObject) second = run (fixture, "apply_profile", profile);
    g_autofree char *etag = pa_test_etag_of (fixture->server, "phones", fixture->phones[2]);
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                             fixture->phones[2]);
    g_autoptr(PaTestResponse) renamed = pa_test_api (fixture->server, "PATCH", path,
                                                     "{\"name\": \"Renamed\"}", etag);
    g_autoptr(PaTestResponse) refused = NULL;
    g_autoptr(JsonObject) failed = NULL;

    g_assert_cmpuint (renamed->status, ==, 200);
    refused = post_undo (fixture, json_object_get_int_member (second, "id"));
    g_assert_cmpuint (refused->status, ==, 202);
    failed = pa_test_wait_job (fixture->server,
                               json_object_get_int_member (pa_test_response_object (refused), "id"));
    g_assert_cmpstr (json_object_get_string_member (failed, "state"), ==, "failed");
    g_assert_nonnull (strstr (json_object_get_string_member (
                                json_object_get_object_member (failed, "error"), "message"),
                              "“Renamed” changed after job"));
    for (guint i = 0; i < N_PHONES; i++)
      g_assert_cmpint (member_of (fixture, i, "profile_id"), ==, fixture->profile);
  }

  /* Nothing to undo in a delete or a device action. */
  {
    g_autoptr(JsonObject) resync = run (fixture, "resync", NULL);
    g_autoptr(PaTestResponse) refused = post_undo (fixture, json_object_get_int_member (resync, "id"));

    pa_test_assert_error (refused, 409, "conflict", NULL);
  }
  {
    g_autoptr(PaTestResponse) missing = post_undo (fixture, 9999);

    pa_test_assert_error (missing, 404, "not_found", NULL);
  }
}

/* A job for later waits, and can be cancelled until it starts. */
static void
test_scheduled (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *rest = g_strdup_printf (", \"profile_id\": %" G_GINT64_FORMAT
                                           ", \"not_before\": %" G_GINT64_FORMAT, fixture->profile,
                                           g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_autofree char *body = job_body (fixture, "apply_profile", rest);
  gint64 id = pa_test_submit_job (fixture->server, body);
  g_autofree char *path = g_strdup_printf ("/api/v1/jobs/%" G_GINT64_FORMAT, id);

  g_usleep (300 * 1000);
  {
    g_autoptr(PaTestResponse) waiting = pa_test_api (fixture->server, "GET", path, NULL, NULL);

    g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (waiting), "state"),
                     ==, "queued");
  }
  /* Still queued after a restart. */
  pa_test_server_restart (fixture->server);
  {
    g_autoptr(PaTestResponse) cancelled = pa_test_api (fixture->server, "DELETE", path, NULL, NULL);
    g_autoptr(PaTestResponse) again = NULL;
    g_autoptr(PaTestResponse) listed = NULL;
    JsonArray *items;

    g_assert_cmpuint (cancelled->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (cancelled), "state"),
                     ==, "cancelled");
    again = pa_test_api (fixture->server, "DELETE", path, NULL, NULL);
    pa_test_assert_error (again, 409, "conflict", NULL);

    listed = pa_test_api (fixture->server, "GET", "/api/v1/jobs", NULL, NULL);
    items = json_object_get_array_member (pa_test_response_object (listed), "items");
    g_assert_cmpuint (json_array_get_length (items), ==, 1);
    g_assert_false (json_object_has_member (json_array_get_object_element (items, 0), "phone_ids"));
  }
  for (guint i = 0; i < N_PHONES; i++)
    g_assert_cmpint (member_of (fixture, i, "profile_id"), ==, 0);
}

/* The review before a bulk change: the first phones' diffs, nothing
 * stored. */
static void
test_diff (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *rest = g_strdup_printf (", \"profile_id\": %" G_GINT64_FORMAT,
                                           fixture->profile);
  g_autofree char *body = job_body (fixture, "apply_profile", rest);
  g_autoptr(PaTestResponse) diff = pa_test_api (fixture->server, "POST", "/api/v1/jobs/diff",
                                                body, NULL);
  JsonArray *phones;
  JsonArray *files;
  const char *text;

  g_assert_cmpuint (diff->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (pa_test_response_object (diff), "affected_phones"),
                   ==, N_PHONES);
  g_assert_cmpint (json_object_get_int_member (pa_test_response_object (diff), "more"), ==, 0);
  phones = json_object_get_array_member (pa_test_response_object (diff), "phones");
  g_assert_cmpuint (json_array_get_length (phones), ==, N_PHONES);
  files = json_object_get_array_member (json_array_get_object_element (phones, 0), "files");
  g_assert_cmpuint (json_array_get_length (files), >=, 1);
  text = json_object_get_string_member (json_array_get_object_element (files, 0), "diff");
  g_test_message ("%s", text);
  /* The time zone the profile brings, and no password in the clear. */
  g_assert_nonnull (strstr (text, "+"));
  g_assert_null (strstr (text, "password = ") != NULL && strstr (text, "********") == NULL
                 ? text : NULL);
  for (guint i = 0; i < N_PHONES; i++)
    g_assert_cmpint (member_of (fixture, i, "profile_id"), ==, 0);

  /* Refused as the POST would be. */
  {
    g_autoptr(PaTestResponse) refused = pa_test_api (fixture->server, "POST", "/api/v1/jobs/diff",
                                                     "{\"action\": \"apply_profile\", "
                                                     "\"profile_id\": 9999, \"phone_ids\": [1]}",
                                                     NULL);

    pa_test_assert_error (refused, 422, "rule_violation", "profile_id");
  }
}

/* -- many phones ----------------------------------------------------------- */

/* Imports @n phones in one request; their ids. */
static GArray *
import_phones (PaTestServer *server,
               guint         n)
{
  g_autoptr(GString) csv = g_string_new ("MAC,Model,Name\n");
  g_autoptr(PaTestResponse) done = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *created;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "80:5E:C0:%02X:%02X:%02X,yealink-t54w,Desk %u\n",
                            (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, i);
  done = pa_test_request (server, "POST", "/api/v1/phones/import", "text/csv", csv->str,
                          (gssize) csv->len, TRUE, NULL);
  g_assert_cmpuint (done->status, ==, 201);
  created = json_object_get_array_member (pa_test_response_object (done), "created");
  for (guint i = 0; i < json_array_get_length (created); i++)
    {
      gint64 id = json_object_get_int_member (json_array_get_object_element (created, i),
                                              "phone_id");

      g_array_append_val (ids, id);
    }
  return ids;
}

static char *
many_body (GArray *ids,
           gint64  profile)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append_printf (body, "{\"action\": \"apply_profile\", \"profile_id\": %" G_GINT64_FORMAT
                          ", \"phone_ids\": [", profile);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (body, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append (body, "]}");
  return g_string_free (g_steal_pointer (&body), FALSE);
}

/* Reads the job until it runs and has changed a phone; FALSE if it ended
 * first (the machine was quick). */
static gboolean
wait_running (PaTestServer *server,
              gint64        id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/jobs/%" G_GINT64_FORMAT, id);

  for (;;)
    {
      g_autoptr(PaTestResponse) response = pa_test_api (server, "GET", path, NULL, NULL);
      JsonObject *job = pa_test_response_object (response);
      const char *state = json_object_get_string_member (job, "state");

      if (g_str_equal (state, "running") && json_object_get_int_member (job, "done") > 0)
        return TRUE;
      if (!g_str_equal (state, "queued") && !g_str_equal (state, "running"))
        return FALSE;
      g_usleep (2 * 1000);
    }
}

#define MANY_PHONES 4000

/* While a job holds the store, phones still fetch and the API still
 * reads; a write waits and is answered once the job's change is
 * stored. */
static void
test_writes_wait (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GArray) ids = import_phones (fixture->server, MANY_PHONES);
  g_autofree char *body = many_body (ids, fixture->profile);
  g_autoptr(PaTestResponse) first = pa_test_get (fixture->server, "phones",
                                                 g_array_index (ids, gint64, 0));
  g_autofree char *fetch = g_strdup_printf ("/p/%s/805ec0000000.cfg",
                                            json_object_get_string_member (
                                              pa_test_response_object (first), "token"));
  g_autofree char *job_path = NULL;
  gint64 id;

  id = pa_test_submit_job (fixture->server, body);
  job_path = g_strdup_printf ("/api/v1/jobs/%" G_GINT64_FORMAT, id);
  if (!wait_running (fixture->server, id))
    {
      g_test_skip ("The job ended before it could be watched running");
      return;
    }
  {
    g_autoptr(PaTestResponse) fetched = pa_test_request (fixture->server, "GET", fetch, NULL,
                                                         NULL, -1, FALSE, NULL);
    g_autoptr(PaTestResponse) listed = pa_test_api (fixture->server, "GET",
                                                    "/api/v1/phones?limit=5", NULL, NULL);
    g_autoptr(PaTestResponse) renamed = NULL;
    g_autoptr(PaTestResponse) after = NULL;
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                             g_array_index (ids, gint64, 1));

    g_assert_cmpuint (fetched->status, ==, 200);
    g_assert_cmpuint (listed->status, ==, 200);
    renamed = pa_test_api (fixture->server, "PATCH", path, "{\"name\": \"Renamed\"}", "*");
    g_assert_cmpuint (renamed->status, ==, 200);
    /* The write was answered after the job had stored its change. */
    after = pa_test_api (fixture->server, "GET", job_path, NULL, NULL);
    g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (after), "state"), ==,
                     "succeeded");
    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (renamed), "profile_id"),
                     ==, fixture->profile);
  }
}

/* A power cut in the middle of a job: after the restart the job shows
 * failed and no phone has the change. */
static void
test_killed (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GArray) ids = import_phones (fixture->server, MANY_PHONES);
  g_autofree char *body = many_body (ids, fixture->profile);
  g_autoptr(JsonObject) job = NULL;
  gint64 id = pa_test_submit_job (fixture->server, body);
  JsonArray *items;

  if (!wait_running (fixture->server, id))
    {
      g_test_skip ("The job ended before it could be killed");
      return;
    }
  pa_test_server_kill_and_restart (fixture->server);

  job = pa_test_wait_job (fixture->server, id);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "failed");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (job, "error"),
                                                  "message"), ==,
                   "provd stopped while the job ran; nothing was changed");
  g_assert_false (json_object_get_boolean_member (job, "undoable"));

  /* Not one phone has the profile. */
  {
    gint64 after = 0;
    guint seen = 0;

    for (;;)
      {
        g_autofree char *path = g_strdup_printf ("/api/v1/phones?limit=500&after=%" G_GINT64_FORMAT,
                                                 after);
        g_autoptr(PaTestResponse) page = pa_test_api (fixture->server, "GET", path, NULL, NULL);
        JsonNode *next;

        g_assert_cmpuint (page->status, ==, 200);
        items = json_object_get_array_member (pa_test_response_object (page), "items");
        for (guint i = 0; i < json_array_get_length (items); i++)
          g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (
                           json_array_get_object_element (items, i), "profile_id")));
        seen += json_array_get_length (items);
        next = json_object_get_member (pa_test_response_object (page), "next_after");
        if (next == NULL || JSON_NODE_HOLDS_NULL (next))
          break;
        after = json_node_get_int (next);
      }
    g_assert_cmpuint (seen, ==, MANY_PHONES + N_PHONES);
  }
}

/* -- a device action against sipp ----------------------------------------- */

/* Two phones sipp answers for, one with no address known: the job says
 * which were told. */
static void
test_device_action (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestSipp) sipp = NULL;
  g_autoptr(PaTestSipPhone) first = NULL;
  g_autoptr(PaTestSipPhone) second = NULL;
  g_autoptr(PaTestSipPhone) silent = NULL;
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *body = NULL;
  g_autofree char *event = NULL;
  JsonArray *results;

  if (!pa_test_sip_can_run ())
    return;
  server = pa_test_sip_provd_new (NULL);
  sipp = pa_test_sipp_start ("notify-uas.xml", 2, NULL, NULL);
  first = pa_test_sip_phone_new (server, "yealink", "yealink-t54w", "80:5E:C0:00:20:01",
                                 sipp->port, TRUE);
  second = pa_test_sip_phone_new (server, "polycom", "polycom-vvx450", "00:04:F2:00:20:02",
                                  sipp->port, TRUE);
  silent = pa_test_sip_phone_new (server, "snom", "snom-d785", "00:04:13:00:20:03", 5060, FALSE);

  body = g_strdup_printf ("{\"action\": \"resync\", \"phone_ids\": [%" G_GINT64_FORMAT ", %"
                          G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}", first->id, second->id,
                          silent->id);
  job = pa_test_run_job (server, body);
  assert_succeeded (job);
  results = json_object_get_array_member (job, "results");
  g_assert_cmpuint (json_array_get_length (results), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      gint64 phone_id = json_object_get_int_member (result, "phone_id");

      g_test_message ("phone %" G_GINT64_FORMAT ": %s", phone_id,
                      json_object_get_string_member (result, "result"));
      g_assert_cmpstr (json_object_get_string_member (result, "result"), ==,
                       phone_id == silent->id ? "no_address" : "sent");
    }
  g_assert_cmpint (pa_test_sipp_wait (sipp), ==, 0);
  /* Each vendor's resync event (Yealink "check-sync", Poly
   * "check-sync;reboot=false"); test-sip checks which is whose. */
  event = pa_test_sipp_logged (sipp, "EVENT ");
  g_assert_true (g_str_has_prefix (event, "check-sync"));
}

/* The file phone @i gets now, as a Yealink fetches it. */
static PaTestResponse *
fetch_file (Fixture *fixture,
            guint    i)
{
  g_autoptr(JsonObject) object = phone (fixture, i);
  g_autofree char *path = g_strdup_printf ("/p/%s/805ec00010%02u.cfg",
                                           json_object_get_string_member (object, "token"), i);
  g_autofree char *ua = g_strdup_printf ("Yealink SIP-T54W 96.86.0.100 80:5e:c0:00:10:%02u", i);
  const char *headers[] = { "User-Agent", ua, NULL };
  PaTestResponse *response = pa_test_request (fixture->server, "GET", path, NULL, NULL, -1, FALSE,
                                              headers);

  g_assert_cmpuint (response->status, ==, 200);
  return response;
}

/* The files a job changes are made again by its worker and swapped into
 * the cache (pa-render-ahead.c): a phone that fetched before the job gets
 * its new file after it, with the new fingerprint as its ETag, the same
 * bytes a phone rendered afresh gets; a write after the job is not
 * undone by it. */
static void
test_files_made_ahead (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(PaTestResponse) before = fetch_file (fixture, 0);
  g_autoptr(PaTestResponse) after = NULL;
  g_autoptr(PaTestResponse) fresh = NULL;
  g_autoptr(PaTestResponse) renamed = NULL;
  g_autoptr(PaTestResponse) patched = NULL;
  g_autofree char *rest = g_strdup_printf (", \"profile_id\": %" G_GINT64_FORMAT,
                                           fixture->profile);
  g_autoptr(JsonObject) job = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *path = NULL;

  g_assert_null (strstr (before->text, "local_time.time_zone = +1"));
  job = run (fixture, "apply_profile", rest);
  assert_succeeded (job);

  after = fetch_file (fixture, 0);
  g_assert_nonnull (strstr (after->text, "local_time.time_zone = +1"));
  fingerprint = pa_test_fingerprint_of (fixture->server, fixture->phones[0]);
  etag = g_strdup_printf ("\"%s\"", fingerprint);
  g_assert_cmpstr (soup_message_headers_get_one (after->headers, "ETag"), ==, etag);
  /* Phone 1 never fetched: rendered as it asks, the same as phone 0's but
   * for what is its own. */
  fresh = fetch_file (fixture, 1);
  g_assert_nonnull (strstr (fresh->text, "local_time.time_zone = +1"));
  g_assert_cmpuint (g_bytes_get_size (fresh->body), ==, g_bytes_get_size (after->body));

  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, fixture->phones[0]);
  patched = pa_test_api (fixture->server, "PATCH", path,
                         "{\"timezone\": \"America/New_York\"}", "*");
  g_assert_cmpuint (patched->status, ==, 200);
  renamed = fetch_file (fixture, 0);
  g_assert_nonnull (strstr (renamed->text, "local_time.time_zone = -5"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/jobs/data-actions", test_data_actions);
  ADD ("/jobs/update-firmware", test_update_firmware);
  ADD ("/jobs/one-fails-none-change", test_one_fails_none_change);
  ADD ("/jobs/undo", test_undo);
  ADD ("/jobs/scheduled", test_scheduled);
  ADD ("/jobs/diff", test_diff);
  ADD ("/jobs/writes-wait", test_writes_wait);
  ADD ("/jobs/killed", test_killed);
  ADD ("/jobs/files-made-ahead", test_files_made_ahead);
#undef ADD
  g_test_add_func ("/jobs/device-action", test_device_action);

  status = g_test_run ();
  pa_test_sip_cleanup ();
  return status;
}
