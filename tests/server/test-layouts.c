/* test-layouts.c — what provd does for the layout designer: affected phones,
 * delete onto a replacement, apply to phones, the config preview, keys that
 * follow their agent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the real phoneadmin-provd on loopback (see pa-test-server.c).
 */
#include "config.h"

#include <string.h>

#include "pa-test-server.h"

typedef struct
{
  PaTestServer *server;
  gint64        agent_id;
  gint64        layout_id;      /* yealink-t54w, BLF on key 1 watching the agent */
  gint64        other_layout;   /* yealink-t54w, unused */
  gint64        t46_layout;     /* yealink-t46u */
  gint64        module_layout;  /* yealink-exp50, on phone_a's sidecar */
  gint64        phone_a;        /* T54W with layout_id and an EXP50 */
  gint64        phone_b;        /* T54W with layout_id */
  gint64        phone_c;        /* T54W without a layout */
  gint64        phone_t46;      /* T46U */
  char         *token_a;
  char         *password_a;
} Fixture;

static gint64
create_phone (Fixture    *fixture,
              const char *name,
              const char *mac,
              const char *model,
              const char *extra,
              char      **token,
              char      **password)
{
  /* A SIP server, so its file can be served (a line without one needs
   * attention instead). */
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"mac\": \"%s\", "
                                           "\"vendor\": \"yealink\", \"model\": \"%s\", "
                                           "\"sip_server\": \"pbx.example.com\"%s}",
                                           name, mac, model, extra);
  g_autoptr(PaTestResponse) created = pa_test_api (fixture->server, "POST", "/api/v1/phones",
                                                   body, NULL);
  JsonObject *object;

  if (created->status != 201)
    g_error ("POST phone: %u %s", created->status, created->text);
  object = pa_test_response_object (created);
  if (token != NULL)
    *token = g_strdup (json_object_get_string_member (object, "token"));
  if (password != NULL)
    *password = g_strdup (json_object_get_string_member (object, "sip_password"));
  return json_object_get_int_member (object, "id");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *layout = NULL;
  g_autofree char *with_layout = NULL;
  g_autofree char *with_sidecar = NULL;

  fixture->server = pa_test_server_new ();
  fixture->agent_id = pa_test_create (fixture->server, "agents",
                                      "{\"name\": \"Bob\", \"extension\": \"202\"}");
  layout = g_strdup_printf ("{\"name\": \"Reception\", \"model\": \"yealink-t54w\", "
                            "\"keys\": [{\"index\": 1, \"type\": \"blf\", \"value\": \"202\", "
                            "\"label\": \"Bob\", \"line\": 1, "
                            "\"agent_id\": %" G_GINT64_FORMAT "}, "
                            "{\"index\": 2, \"type\": \"speed_dial\", \"value\": \"300\", "
                            "\"label\": \"Desk\", \"line\": 1}]}", fixture->agent_id);
  fixture->layout_id = pa_test_create (fixture->server, "layouts", layout);
  fixture->other_layout = pa_test_create (fixture->server, "layouts",
                                          "{\"name\": \"Sales\", \"model\": \"yealink-t54w\", "
                                          "\"keys\": [{\"index\": 1, \"type\": \"speed_dial\", "
                                          "\"value\": \"400\", \"label\": \"Sales\"}]}");
  fixture->t46_layout = pa_test_create (fixture->server, "layouts",
                                        "{\"name\": \"Old desk\", \"model\": \"yealink-t46u\"}");
  layout = (g_free (layout), NULL);
  layout = g_strdup_printf ("{\"name\": \"Team\", \"module\": \"yealink-exp50\", "
                            "\"keys\": [{\"index\": 3, \"type\": \"blf\", \"value\": \"202\", "
                            "\"label\": \"Bob\", \"agent_id\": %" G_GINT64_FORMAT "}]}",
                            fixture->agent_id);
  fixture->module_layout = pa_test_create (fixture->server, "module-layouts", layout);

  with_layout = g_strdup_printf (", \"layout_id\": %" G_GINT64_FORMAT, fixture->layout_id);
  with_sidecar = g_strdup_printf (", \"layout_id\": %" G_GINT64_FORMAT ", "
                                  "\"admin_password_mode\": \"manual\", "
                                  "\"admin_password\": \"Adm1nSecret\", "
                                  "\"modules\": [{\"module\": \"yealink-exp50\", "
                                  "\"layout_id\": %" G_GINT64_FORMAT "}]",
                                  fixture->layout_id, fixture->module_layout);
  fixture->phone_a = create_phone (fixture, "A", "80:5E:C0:00:00:0A", "yealink-t54w",
                                   with_sidecar, &fixture->token_a, &fixture->password_a);
  fixture->phone_b = create_phone (fixture, "B", "80:5E:C0:00:00:0B", "yealink-t54w",
                                   with_layout, NULL, NULL);
  fixture->phone_c = create_phone (fixture, "C", "80:5E:C0:00:00:0C", "yealink-t54w", "",
                                   NULL, NULL);
  fixture->phone_t46 = create_phone (fixture, "D", "80:5E:C0:00:00:0D", "yealink-t46u", "",
                                     NULL, NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->server, pa_test_server_free);
  g_clear_pointer (&fixture->token_a, g_free);
  g_clear_pointer (&fixture->password_a, g_free);
}

static JsonObject *
get_object (Fixture         *fixture,
            const char      *collection,
            gint64           id,
            PaTestResponse **keep)
{
  *keep = pa_test_get (fixture->server, collection, id);
  g_assert_cmpuint ((*keep)->status, ==, 200);
  return pa_test_response_object (*keep);
}

static gint64
revision_of (Fixture    *fixture,
             const char *collection,
             gint64      id)
{
  g_autoptr(PaTestResponse) got = NULL;

  return json_object_get_int_member (get_object (fixture, collection, id, &got), "revision");
}

static char *
fingerprint_of (Fixture *fixture,
                gint64   phone_id)
{
  return pa_test_fingerprint_of (fixture->server, phone_id);
}

static gint64
layout_of (Fixture *fixture,
           gint64   phone_id)
{
  g_autoptr(PaTestResponse) got = NULL;
  JsonObject *phone = get_object (fixture, "phones", phone_id, &got);

  if (json_object_get_null_member (phone, "layout_id"))
    return 0;
  return json_object_get_int_member (phone, "layout_id");
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in:\n%s", needle, text);
}

/* The error's message, for checks on what it names. */
static const char *
error_message (PaTestResponse *response)
{
  JsonObject *error = json_object_get_object_member (pa_test_response_object (response), "error");

  return json_object_get_string_member (error, "message");
}

/* -- affected_phones ----------------------------------------------------- */

static void
test_affected_phones (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/layouts/%" G_GINT64_FORMAT,
                                           fixture->layout_id);
  g_autofree char *other = g_strdup_printf ("/api/v1/layouts/%" G_GINT64_FORMAT,
                                            fixture->other_layout);
  g_autofree char *module = g_strdup_printf ("/api/v1/module-layouts/%" G_GINT64_FORMAT,
                                             fixture->module_layout);
  g_autofree char *fp_a = fingerprint_of (fixture, fixture->phone_a);
  g_autofree char *fp_b = fingerprint_of (fixture, fixture->phone_b);
  g_autofree char *fp_c = fingerprint_of (fixture, fixture->phone_c);
  g_autofree char *fp_a2 = NULL;
  gint64 rev_a = revision_of (fixture, "phones", fixture->phone_a);

  {
    g_autoptr(PaTestResponse) patch = pa_test_api (fixture->server, "PATCH", path,
                                                   "{\"description\": \"front\"}", "*");
    JsonObject *object = pa_test_response_object (patch);

    g_assert_cmpuint (patch->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (object, "affected_phones"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (object, "description"), ==, "front");
  }
  /* The two phones showing the layout have new fingerprints; the third,
   * and every phone's own revision (nobody edited a phone), stay. */
  fp_a2 = fingerprint_of (fixture, fixture->phone_a);
  g_assert_cmpstr (fp_a2, !=, fp_a);
  {
    g_autofree char *b = fingerprint_of (fixture, fixture->phone_b);
    g_autofree char *c = fingerprint_of (fixture, fixture->phone_c);

    g_assert_cmpstr (b, !=, fp_b);
    g_assert_cmpstr (c, ==, fp_c);
    g_free (fp_b);
    fp_b = g_steal_pointer (&b);
  }
  g_assert_cmpint (revision_of (fixture, "phones", fixture->phone_a), ==, rev_a);

  {
    g_autoptr(PaTestResponse) put = pa_test_api (fixture->server, "PUT", other,
                                                 "{\"name\": \"Sales 2\", "
                                                 "\"model\": \"yealink-t54w\"}", "*");

    g_assert_cmpuint (put->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (put),
                                                 "affected_phones"), ==, 0);
  }

  {
    g_autoptr(PaTestResponse) patch = pa_test_api (fixture->server, "PATCH", module,
                                                   "{\"name\": \"Team 2\"}", "*");

    g_assert_cmpuint (patch->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (patch),
                                                 "affected_phones"), ==, 1);
  }
  {
    g_autofree char *a = fingerprint_of (fixture, fixture->phone_a);
    g_autofree char *b = fingerprint_of (fixture, fixture->phone_b);

    g_assert_cmpstr (a, !=, fp_a2);
    g_assert_cmpstr (b, ==, fp_b);
  }

  /* Creating and reading say nothing about phones. */
  {
    g_autoptr(PaTestResponse) got = pa_test_api (fixture->server, "GET", path, NULL, NULL);

    g_assert_false (json_object_has_member (pa_test_response_object (got), "affected_phones"));
  }
}

/* A layout phone C shows only through its profile: editing the layout is an
 * edit of C's file, and the answer counts C (issue 8: it answered 0). */
static void
test_affected_through_profile (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *profile = g_strdup_printf ("{\"name\": \"Office\", \"layout_id\": %"
                                              G_GINT64_FORMAT "}", fixture->other_layout);
  g_autofree char *phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                                 fixture->phone_c);
  g_autofree char *layout_path = g_strdup_printf ("/api/v1/layouts/%" G_GINT64_FORMAT,
                                                  fixture->other_layout);
  g_autofree char *with_profile = NULL;
  g_autoptr(PaTestResponse) joined = NULL;
  g_autoptr(PaTestResponse) patch = NULL;
  g_autofree char *fp_b = NULL;
  g_autofree char *fp_c = NULL;
  g_autofree char *now_b = NULL;
  g_autofree char *now_c = NULL;
  gint64 profile_id;

  profile_id = pa_test_create (fixture->server, "profiles", profile);
  with_profile = g_strdup_printf ("{\"profile_id\": %" G_GINT64_FORMAT "}", profile_id);
  joined = pa_test_api (fixture->server, "PATCH", phone_path, with_profile, "*");
  g_assert_cmpuint (joined->status, ==, 200);
  fp_b = fingerprint_of (fixture, fixture->phone_b);
  fp_c = fingerprint_of (fixture, fixture->phone_c);

  patch = pa_test_api (fixture->server, "PATCH", layout_path, "{\"description\": \"x\"}", "*");
  g_assert_cmpuint (patch->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (pa_test_response_object (patch), "affected_phones"),
                   ==, 1);
  now_b = fingerprint_of (fixture, fixture->phone_b);
  now_c = fingerprint_of (fixture, fixture->phone_c);
  g_assert_cmpstr (now_c, !=, fp_c);
  g_assert_cmpstr (now_b, ==, fp_b);
}

/* A SIP account's edit changes the file of every phone with a line on it
 * (issue 8: PATCH left their revision as it was). */
static void
test_affected_by_sip_account (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(PaTestResponse) got = NULL;
  g_autoptr(PaTestResponse) patch = NULL;
  g_autofree char *account_path = NULL;
  JsonObject *phone = get_object (fixture, "phones", fixture->phone_a, &got);
  gint64 account = json_array_get_int_element (json_object_get_array_member (phone, "lines"), 0);
  g_autofree char *fp_a = fingerprint_of (fixture, fixture->phone_a);
  g_autofree char *fp_b = fingerprint_of (fixture, fixture->phone_b);
  g_autofree char *now_a = NULL;
  g_autofree char *now_b = NULL;

  account_path = g_strdup_printf ("/api/v1/sip-accounts/%" G_GINT64_FORMAT, account);
  patch = pa_test_api (fixture->server, "PATCH", account_path,
                       "{\"display_name\": \"Front desk\"}", "*");
  g_assert_cmpuint (patch->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (pa_test_response_object (patch), "affected_phones"),
                   ==, 1);
  now_a = fingerprint_of (fixture, fixture->phone_a);
  now_b = fingerprint_of (fixture, fixture->phone_b);
  g_assert_cmpstr (now_a, !=, fp_a);
  g_assert_cmpstr (now_b, ==, fp_b);
}

/* -- delete with a replacement -------------------------------------------- */

static PaTestResponse *
delete_with (Fixture    *fixture,
             const char *collection,
             gint64      id,
             const char *replacement)
{
  g_autofree char *path = NULL;

  if (replacement != NULL)
    path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT "?replacement=%s",
                            collection, id, replacement);
  else
    path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, collection, id);
  return pa_test_api (fixture->server, "DELETE", path, NULL, "*");
}

static void
test_delete_in_use (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PaTestResponse) refused = delete_with (fixture, "layouts", fixture->layout_id, NULL);
  g_autoptr(PaTestResponse) module = delete_with (fixture, "module-layouts",
                                                  fixture->module_layout, NULL);
  g_autoptr(PaTestResponse) unused = delete_with (fixture, "layouts", fixture->other_layout,
                                                  NULL);

  pa_test_assert_error (refused, 409, "conflict", NULL);
  assert_contains (error_message (refused), "2 phones");
  pa_test_assert_error (module, 409, "conflict", NULL);
  assert_contains (error_message (module), "1 phone;");
  g_assert_cmpint (layout_of (fixture, fixture->phone_a), ==, fixture->layout_id);

  /* Nothing uses it: a plain delete, as before. */
  g_assert_cmpuint (unused->status, ==, 204);

  /* A profile counts as a user too. */
  {
    g_autofree char *body = g_strdup_printf ("{\"name\": \"Office\", \"layout_id\": %"
                                             G_GINT64_FORMAT "}", fixture->t46_layout);
    g_autoptr(PaTestResponse) by_profile = NULL;

    pa_test_create (fixture->server, "profiles", body);
    by_profile = delete_with (fixture, "layouts", fixture->t46_layout, NULL);
    pa_test_assert_error (by_profile, 409, "conflict", NULL);
    assert_contains (error_message (by_profile), "0 phones and 1 profile;");
  }
}

static void
test_delete_with_replacement (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autofree char *replacement = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->other_layout);
  g_autofree char *body = g_strdup_printf ("{\"name\": \"Office\", \"layout_id\": %"
                                           G_GINT64_FORMAT "}", fixture->layout_id);
  gint64 profile_id = pa_test_create (fixture->server, "profiles", body);
  g_autofree char *fp_b = fingerprint_of (fixture, fixture->phone_b);
  g_autofree char *now_b = NULL;
  g_autoptr(PaTestResponse) deleted = NULL;
  g_autoptr(PaTestResponse) gone = NULL;
  g_autoptr(PaTestResponse) profile = NULL;

  deleted = delete_with (fixture, "layouts", fixture->layout_id, replacement);
  if (deleted->status != 200)
    g_error ("DELETE: %u %s", deleted->status, deleted->text);
  g_assert_cmpint (json_object_get_int_member (pa_test_response_object (deleted),
                                               "affected_phones"), ==, 2);

  {
    g_autofree char *path = g_strdup_printf ("/api/v1/layouts/%" G_GINT64_FORMAT,
                                             fixture->layout_id);
    gone = pa_test_api (fixture->server, "GET", path, NULL, NULL);
  }
  g_assert_cmpuint (gone->status, ==, 404);
  g_assert_cmpint (layout_of (fixture, fixture->phone_a), ==, fixture->other_layout);
  g_assert_cmpint (layout_of (fixture, fixture->phone_b), ==, fixture->other_layout);
  g_assert_cmpint (layout_of (fixture, fixture->phone_c), ==, 0);
  now_b = fingerprint_of (fixture, fixture->phone_b);
  g_assert_cmpstr (now_b, !=, fp_b);
  g_assert_cmpint (json_object_get_int_member (get_object (fixture, "profiles", profile_id,
                                                           &profile), "layout_id"),
                   ==, fixture->other_layout);
}

static void
test_delete_module_layout_with_replacement (Fixture       *fixture,
                                            gconstpointer  data)
{
  gint64 replacement = pa_test_create (fixture->server, "module-layouts",
                                       "{\"name\": \"Spare\", \"module\": \"yealink-exp50\"}");
  gint64 foreign = pa_test_create (fixture->server, "module-layouts",
                                   "{\"name\": \"EXP40\", \"module\": \"yealink-exp40\"}");
  g_autofree char *good = g_strdup_printf ("%" G_GINT64_FORMAT, replacement);
  g_autofree char *bad = g_strdup_printf ("%" G_GINT64_FORMAT, foreign);
  g_autoptr(PaTestResponse) wrong = NULL;
  g_autoptr(PaTestResponse) deleted = NULL;
  g_autoptr(PaTestResponse) phone = NULL;
  JsonArray *modules;

  wrong = delete_with (fixture, "module-layouts", fixture->module_layout, bad);
  pa_test_assert_error (wrong, 422, "rule_violation", "replacement");
  assert_contains (error_message (wrong), "yealink-exp40");

  deleted = delete_with (fixture, "module-layouts", fixture->module_layout, good);
  g_assert_cmpuint (deleted->status, ==, 200);
  modules = json_object_get_array_member (get_object (fixture, "phones", fixture->phone_a,
                                                      &phone), "modules");
  g_assert_cmpuint (json_array_get_length (modules), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (modules, 0),
                                               "layout_id"), ==, replacement);
}

static void
test_delete_bad_replacement (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *t46 = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->t46_layout);
  g_autofree char *self = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->layout_id);
  g_autofree char *module = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->module_layout);
  struct
  {
    const char *replacement;
    guint       status;
    const char *code;
  } cases[] = {
    { t46, 422, "rule_violation" },         /* another model */
    { self, 422, "rule_violation" },        /* itself */
    { "9999", 422, "rule_violation" },      /* unknown */
    { "abc", 400, "bad_request" },
    { "1.5", 400, "bad_request" },
    { "-2", 400, "bad_request" },
    { "0", 400, "bad_request" },
    { "", 400, "bad_request" },
    { "99999999999999999999", 400, "bad_request" },
  };

  /* A module layout's id is no layout's id here, whatever the number. */
  if (fixture->module_layout != fixture->other_layout &&
      fixture->module_layout != fixture->layout_id &&
      fixture->module_layout != fixture->t46_layout)
    {
      g_autoptr(PaTestResponse) response = delete_with (fixture, "layouts", fixture->layout_id,
                                                        module);
      pa_test_assert_error (response, 422, "rule_violation", "replacement");
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaTestResponse) response = delete_with (fixture, "layouts", fixture->layout_id,
                                                        cases[i].replacement);

      g_test_message ("replacement=%s", cases[i].replacement);
      pa_test_assert_error (response, cases[i].status, cases[i].code, "replacement");
    }

  /* Nothing moved, nothing deleted. */
  g_assert_cmpint (layout_of (fixture, fixture->phone_a), ==, fixture->layout_id);
  g_assert_cmpint (layout_of (fixture, fixture->phone_b), ==, fixture->layout_id);
  {
    g_autoptr(PaTestResponse) still = pa_test_get (fixture->server, "layouts",
                                                   fixture->layout_id);
    g_assert_cmpuint (still->status, ==, 200);
  }
}

/* -- apply (a job: test-jobs.c has the job machinery) --------------------- */

/* An apply_layout job's body: @ids is the JSON array's inside. */
static char *
apply_body (gint64      layout_id,
            const char *ids)
{
  return g_strdup_printf ("{\"action\": \"apply_layout\", \"layout_id\": %" G_GINT64_FORMAT
                          ", \"phone_ids\": [%s]}", layout_id, ids);
}

static JsonObject *
apply (Fixture    *fixture,
       gint64      layout_id,
       const char *ids)
{
  g_autofree char *body = apply_body (layout_id, ids);

  return pa_test_run_job (fixture->server, body);
}

static PaTestResponse *
fetch_config (Fixture *fixture)
{
  g_autofree char *path = g_strdup_printf ("/p/%s/805ec000000a.cfg", fixture->token_a);

  return pa_test_request (fixture->server, "GET", path, NULL, NULL, -1, FALSE, NULL);
}

static void
test_apply (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *ids = g_strdup_printf ("%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %"
                                          G_GINT64_FORMAT, fixture->phone_a, fixture->phone_c,
                                          fixture->phone_a);
  gint64 rev_a = revision_of (fixture, "phones", fixture->phone_a);
  gint64 rev_b = revision_of (fixture, "phones", fixture->phone_b);
  gint64 rev_c = revision_of (fixture, "phones", fixture->phone_c);
  g_autoptr(PaTestResponse) before = fetch_config (fixture);
  g_autoptr(JsonObject) job = NULL;
  g_autoptr(PaTestResponse) after = NULL;

  g_assert_cmpuint (before->status, ==, 200);
  assert_contains (before->text, "linekey.1.label = Bob\n");

  job = apply (fixture, fixture->other_layout, ids);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "succeeded");
  /* the id given twice counts once */
  g_assert_cmpint (json_object_get_int_member (job, "total"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (job, "done"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (job, "affected_phones"), ==, 2);
  g_assert_true (json_object_get_boolean_member (job, "undoable"));

  g_assert_cmpint (layout_of (fixture, fixture->phone_a), ==, fixture->other_layout);
  g_assert_cmpint (layout_of (fixture, fixture->phone_c), ==, fixture->other_layout);
  g_assert_cmpint (layout_of (fixture, fixture->phone_b), ==, fixture->layout_id);
  g_assert_cmpint (revision_of (fixture, "phones", fixture->phone_a), ==, rev_a + 1);
  g_assert_cmpint (revision_of (fixture, "phones", fixture->phone_c), ==, rev_c + 1);
  g_assert_cmpint (revision_of (fixture, "phones", fixture->phone_b), ==, rev_b);

  /* What the phone fetches changed with it. */
  after = fetch_config (fixture);
  g_assert_cmpuint (after->status, ==, 200);
  assert_contains (after->text, "linekey.1.label = Sales\n");
  g_assert_null (strstr (after->text, "linekey.1.label = Bob\n"));
}

static void
test_apply_refused (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *unknown = g_strdup_printf ("%" G_GINT64_FORMAT ", 9999", fixture->phone_c);
  g_autofree char *foreign = g_strdup_printf ("%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT,
                                              fixture->phone_c, fixture->phone_t46);
  gint64 rev_c = revision_of (fixture, "phones", fixture->phone_c);

  {
    g_autoptr(JsonObject) job = apply (fixture, fixture->layout_id, unknown);
    JsonObject *error = json_object_get_object_member (job, "error");

    g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "failed");
    assert_contains (json_object_get_string_member (error, "message"), "9999");
    g_assert_cmpint (json_object_get_int_member (error, "phone_id"), ==, 9999);
    g_assert_false (json_object_get_boolean_member (job, "undoable"));
  }
  {
    g_autoptr(JsonObject) job = apply (fixture, fixture->layout_id, foreign);
    JsonObject *error = json_object_get_object_member (job, "error");
    JsonArray *results = json_object_get_array_member (job, "results");

    g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "failed");
    assert_contains (json_object_get_string_member (error, "message"), "“D”");
    assert_contains (json_object_get_string_member (error, "message"), "yealink-t46u");
    g_assert_cmpint (json_array_get_length (results), ==, 1);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (results, 0),
                                                 "phone_id"), ==, fixture->phone_t46);
  }
  /* All or nothing: the first phone, fine by itself, was not changed. */
  g_assert_cmpint (layout_of (fixture, fixture->phone_c), ==, 0);
  g_assert_cmpint (revision_of (fixture, "phones", fixture->phone_c), ==, rev_c);

  {
    g_autofree char *body = apply_body (9999, "1");
    g_autoptr(PaTestResponse) response = pa_test_api (fixture->server, "POST", "/api/v1/jobs",
                                                      body, NULL);

    pa_test_assert_error (response, 422, "rule_violation", "layout_id");
  }
}

static void
test_apply_malformed (Fixture       *fixture,
                      gconstpointer  data)
{
  const struct
  {
    const char *body;
    guint       status;
    const char *code;
    const char *field;
  } cases[] = {
    { "{\"action\": \"apply_layout\", \"phone_ids\": [1,", 400, "malformed", NULL },
    { "[1, 2]", 400, "malformed", NULL },
    { "{}", 400, "invalid_value", "action" },
    { "{\"action\": \"paint\", \"phone_ids\": [1]}", 400, "invalid_value", "action" },
    { "{\"action\": 3, \"phone_ids\": [1]}", 400, "invalid_value", "action" },
    { "{\"action\": \"undo\", \"phone_ids\": [1]}", 400, "invalid_value", "action" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1}", 400, "invalid_value", "phone_ids" },
    { "{\"action\": \"apply_layout\", \"phone_ids\": [1]}", 400, "invalid_value", "layout_id" },
    { "{\"action\": \"apply_layout\", \"layout_id\": \"1\", \"phone_ids\": [1]}", 400,
      "wrong_type", "layout_id" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": []}", 400,
      "invalid_value", "phone_ids" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": null}", 400,
      "wrong_type", "phone_ids" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": 3}", 400, "wrong_type",
      "phone_ids" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": [\"3\"]}", 400,
      "wrong_type", "phone_ids[0]" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": [1, 2.5]}", 400,
      "wrong_type", "phone_ids[1]" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": [1, true]}", 400,
      "wrong_type", "phone_ids[1]" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": [[1]]}", 400,
      "wrong_type", "phone_ids[0]" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": [0]}", 400,
      "invalid_value", "phone_ids[0]" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": [-4]}", 400,
      "invalid_value", "phone_ids[0]" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": [1], \"force\": true}",
      400, "unknown_field", "force" },
    { "{\"action\": \"reboot\", \"layout_id\": 1, \"phone_ids\": [1]}", 400, "unknown_field",
      "layout_id" },
    { "{\"action\": \"apply_layout\", \"layout_id\": 1, \"phone_ids\": [1], "
      "\"not_before\": \"tonight\"}", 400, "wrong_type", "not_before" },
    { "{\"action\": \"apply_sidecars\", \"module_layout_ids\": [], \"phone_ids\": [1]}", 400,
      "wrong_type", "module_layout_ids" },
    { "{\"action\": \"apply_sidecars\", \"module_layout_ids\": [9999], \"phone_ids\": [1]}",
      422, "rule_violation", "module_layout_ids[0]" },
    { "{\"action\": \"assign_agent\", \"agent_id\": 9999, \"phone_ids\": [1]}", 422,
      "rule_violation", "agent_id" },
    { "{\"action\": \"update_firmware\", \"firmware_id\": null, \"phone_ids\": [1]}", 400,
      "wrong_type", "firmware_id" },
  };
  g_autoptr(PaTestResponse) jobs = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaTestResponse) response = pa_test_api (fixture->server, "POST", "/api/v1/jobs",
                                                        cases[i].body, NULL);

      g_test_message ("%s", cases[i].body);
      pa_test_assert_error (response, cases[i].status, cases[i].code, cases[i].field);
    }
  /* No job was made. */
  jobs = pa_test_api (fixture->server, "GET", "/api/v1/jobs", NULL, NULL);
  g_assert_cmpuint (jobs->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      pa_test_response_object (jobs), "items")), ==, 0);
  g_assert_cmpint (layout_of (fixture, fixture->phone_c), ==, 0);
}

/* -- preview -------------------------------------------------------------- */

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT
                                           "/preview/805ec000000a.cfg", fixture->phone_a);
  g_autoptr(PaTestResponse) preview = pa_test_api (fixture->server, "GET", path, NULL, NULL);
  g_autoptr(PaTestResponse) real = fetch_config (fixture);
  g_auto(GStrv) preview_lines = NULL;
  g_auto(GStrv) real_lines = NULL;
  gint64 rev_a = revision_of (fixture, "phones", fixture->phone_a);

  g_assert_cmpuint (preview->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (preview->headers, NULL), ==,
                   "text/plain");
  assert_contains (preview->text, "account.1.password = ********\n");
  assert_contains (preview->text, "static.security.user_password = admin:********\n");
  assert_contains (preview->text, "linekey.1.label = Bob\n");
  assert_contains (preview->text, "expansion_module.1.key.3.label = Bob\n");
  g_assert_null (strstr (preview->text, fixture->password_a));
  g_assert_null (strstr (preview->text, "Adm1nSecret"));

  /* Line for line what the phone gets, but for the secrets. */
  g_assert_cmpuint (real->status, ==, 200);
  preview_lines = g_strsplit (preview->text, "\n", -1);
  real_lines = g_strsplit (real->text, "\n", -1);
  g_assert_cmpuint (g_strv_length (preview_lines), ==, g_strv_length (real_lines));
  for (guint i = 0; preview_lines[i] != NULL; i++)
    if (strstr (preview_lines[i], "********") == NULL)
      g_assert_cmpstr (preview_lines[i], ==, real_lines[i]);
    else
      g_assert_cmpstr (preview_lines[i], !=, real_lines[i]);

  /* A preview is not a fetch: the phone's state is left alone. */
  g_assert_cmpint (revision_of (fixture, "phones", fixture->phone_a), ==, rev_a);
  {
    g_autoptr(PaTestResponse) got = NULL;
    JsonObject *phone = get_object (fixture, "phones", fixture->phone_b, &got);

    g_assert_cmpstr (json_object_get_string_member (phone, "status"), ==, "pending");
  }

  /* The common file too. */
  {
    g_autofree char *common = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT
                                               "/preview/y000000000096.cfg", fixture->phone_a);
    g_autoptr(PaTestResponse) response = pa_test_api (fixture->server, "GET", common, NULL,
                                                      NULL);

    g_assert_cmpuint (response->status, ==, 200);
  }
}

static void
test_preview_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *files[] = { "805ec000000b.cfg", "phone.cfg", "y000000000000.cfg", "805ec000000a.xml", NULL };

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/preview/%s",
                                               fixture->phone_a, files[i]);
      g_autoptr(PaTestResponse) response = pa_test_api (fixture->server, "GET", path, NULL,
                                                        NULL);

      g_test_message ("%s", files[i]);
      g_assert_cmpuint (response->status, ==, 404);
    }

  {
    g_autoptr(PaTestResponse) response =
      pa_test_api (fixture->server, "GET", "/api/v1/phones/9999/preview/805ec000000a.cfg",
                   NULL, NULL);
    pa_test_assert_error (response, 404, "not_found", NULL);
  }
  {
    g_autoptr(PaTestResponse) response =
      pa_test_api (fixture->server, "GET", "/api/v1/phones/x/preview/805ec000000a.cfg",
                   NULL, NULL);
    g_assert_cmpuint (response->status, ==, 404);
  }
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT
                                             "/preview/805ec000000a.cfg", fixture->phone_a);
    g_autoptr(PaTestResponse) anonymous = pa_test_request (fixture->server, "GET", path, NULL,
                                                           NULL, -1, FALSE, NULL);
    g_autoptr(PaTestResponse) posted = pa_test_api (fixture->server, "POST", path, "{}", NULL);

    g_assert_cmpuint (anonymous->status, ==, 401);
    g_assert_null (strstr (anonymous->text, "linekey"));
    g_assert_cmpuint (posted->status, ==, 405);
  }
}

static PaTestResponse *
preview_with (Fixture    *fixture,
              gint64      phone_id,
              const char *file,
              const char *query)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/preview/%s?%s",
                                           phone_id, file, query);

  return pa_test_api (fixture->server, "GET", path, NULL, NULL);
}

/* ?layout= shows another phone's file as if it used that layout: the
 * designer previews its layout on any phone of the model. */
static void
test_preview_with_layout (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *query = g_strdup_printf ("layout=%" G_GINT64_FORMAT, fixture->other_layout);
  g_autofree char *own = g_strdup_printf ("layout=%" G_GINT64_FORMAT, fixture->layout_id);
  g_autoptr(PaTestResponse) shown = NULL;
  g_autoptr(PaTestResponse) on_c = NULL;
  g_autoptr(PaTestResponse) plain = NULL;
  gint64 rev_a = revision_of (fixture, "phones", fixture->phone_a);

  shown = preview_with (fixture, fixture->phone_a, "805ec000000a.cfg", query);
  g_assert_cmpuint (shown->status, ==, 200);
  assert_contains (shown->text, "linekey.1.label = Sales\n");
  assert_contains (shown->text, "linekey.1.value = 400\n");
  g_assert_null (strstr (shown->text, "linekey.1.label = Bob\n"));
  /* The sidecars stay as stored, and the secrets stay masked. */
  assert_contains (shown->text, "expansion_module.1.key.3.label = Bob\n");
  assert_contains (shown->text, "account.1.password = ********\n");
  assert_contains (shown->text, "static.security.user_password = admin:********\n");
  g_assert_null (strstr (shown->text, fixture->password_a));
  g_assert_null (strstr (shown->text, "Adm1nSecret"));

  /* A phone without a layout can be shown with one. */
  on_c = preview_with (fixture, fixture->phone_c, "805ec000000c.cfg", own);
  g_assert_cmpuint (on_c->status, ==, 200);
  assert_contains (on_c->text, "linekey.1.label = Bob\n");

  /* Nothing was stored: the phone keeps its layout and its revision. */
  g_assert_cmpint (layout_of (fixture, fixture->phone_a), ==, fixture->layout_id);
  g_assert_cmpint (layout_of (fixture, fixture->phone_c), ==, 0);
  g_assert_cmpint (revision_of (fixture, "phones", fixture->phone_a), ==, rev_a);
  plain = preview_with (fixture, fixture->phone_a, "805ec000000a.cfg", "");
  g_assert_cmpuint (plain->status, ==, 200);
  assert_contains (plain->text, "linekey.1.label = Bob\n");
}

static void
test_preview_with_module_layouts (Fixture       *fixture,
                                  gconstpointer  data)
{
  gint64 spare = pa_test_create (fixture->server, "module-layouts",
                                 "{\"name\": \"Spare\", \"module\": \"yealink-exp50\", "
                                 "\"keys\": [{\"index\": 3, \"type\": \"speed_dial\", "
                                 "\"value\": \"555\", \"label\": \"Night\"}]}");
  gint64 foreign = pa_test_create (fixture->server, "module-layouts",
                                   "{\"name\": \"EXP40\", \"module\": \"yealink-exp40\"}");
  g_autofree char *good = g_strdup_printf ("layout=%" G_GINT64_FORMAT
                                           "&module_layouts=%" G_GINT64_FORMAT,
                                           fixture->other_layout, spare);
  g_autofree char *wrong_module = g_strdup_printf ("module_layouts=%" G_GINT64_FORMAT, foreign);
  g_autofree char *too_many = g_strdup_printf ("module_layouts=%" G_GINT64_FORMAT
                                               ",%" G_GINT64_FORMAT, spare, spare);
  g_autoptr(PaTestResponse) shown = NULL;
  g_autoptr(PaTestResponse) refused = NULL;
  g_autoptr(PaTestResponse) counted = NULL;
  g_autoptr(PaTestResponse) none = NULL;
  g_autoptr(PaTestResponse) missing = NULL;
  g_autoptr(PaTestResponse) stored = NULL;
  JsonArray *modules;

  shown = preview_with (fixture, fixture->phone_a, "805ec000000a.cfg", good);
  g_assert_cmpuint (shown->status, ==, 200);
  assert_contains (shown->text, "linekey.1.label = Sales\n");
  assert_contains (shown->text, "expansion_module.1.key.3.label = Night\n");
  g_assert_null (strstr (shown->text, "expansion_module.1.key.3.label = Bob\n"));

  refused = preview_with (fixture, fixture->phone_a, "805ec000000a.cfg", wrong_module);
  pa_test_assert_error (refused, 422, "rule_violation", "module_layouts");
  assert_contains (error_message (refused), "yealink-exp40");

  counted = preview_with (fixture, fixture->phone_a, "805ec000000a.cfg", too_many);
  pa_test_assert_error (counted, 422, "rule_violation", "module_layouts");

  /* An empty list fits only a phone without sidecars. */
  none = preview_with (fixture, fixture->phone_c, "805ec000000c.cfg", "module_layouts=");
  g_assert_cmpuint (none->status, ==, 200);
  missing = preview_with (fixture, fixture->phone_a, "805ec000000a.cfg", "module_layouts=");
  pa_test_assert_error (missing, 422, "rule_violation", "module_layouts");

  /* The stored sidecar keeps its module layout. */
  modules = json_object_get_array_member (get_object (fixture, "phones", fixture->phone_a,
                                                      &stored), "modules");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (modules, 0),
                                               "layout_id"), ==, fixture->module_layout);
}

static void
test_preview_with_layout_refused (Fixture       *fixture,
                                  gconstpointer  data)
{
  struct { const char *query; guint status; const char *code; const char *field; } cases[] = {
    { "layout=abc", 400, "bad_request", "layout" },
    { "layout=", 400, "bad_request", "layout" },
    { "layout=0", 400, "bad_request", "layout" },
    { "layout=-3", 400, "bad_request", "layout" },
    { "layout=1.5", 400, "bad_request", "layout" },
    { "layout=99999999999999999999999", 400, "bad_request", "layout" },
    { "layout=9999", 422, "rule_violation", "layout" },
    { "module_layouts=x", 400, "bad_request", "module_layouts" },
    { "module_layouts=1,,2", 400, "bad_request", "module_layouts" },
    { "module_layouts=-1", 400, "bad_request", "module_layouts" },
    { "module_layouts=9999", 422, "rule_violation", "module_layouts" },
  };
  g_autofree char *t46 = g_strdup_printf ("layout=%" G_GINT64_FORMAT, fixture->t46_layout);
  g_autoptr(PaTestResponse) other_model = NULL;
  gint64 rev_a = revision_of (fixture, "phones", fixture->phone_a);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaTestResponse) response = NULL;

      g_test_message ("%s", cases[i].query);
      response = preview_with (fixture, fixture->phone_a, "805ec000000a.cfg", cases[i].query);
      pa_test_assert_error (response, cases[i].status, cases[i].code, cases[i].field);
      g_assert_null (strstr (response->text, "linekey"));
    }

  {
    g_autoptr(PaTestResponse) unknown = preview_with (fixture, fixture->phone_a,
                                                      "805ec000000a.cfg", "layout=9999");

    assert_contains (error_message (unknown), "9999");
  }

  /* A layout for another model is refused, naming both models. */
  other_model = preview_with (fixture, fixture->phone_a, "805ec000000a.cfg", t46);
  pa_test_assert_error (other_model, 422, "rule_violation", "layout");
  assert_contains (error_message (other_model), "yealink-t46u");
  assert_contains (error_message (other_model), "yealink-t54w");

  g_assert_cmpint (revision_of (fixture, "phones", fixture->phone_a), ==, rev_a);
  g_assert_cmpint (layout_of (fixture, fixture->phone_a), ==, fixture->layout_id);
}

/* -- keys follow their agent ---------------------------------------------- */

static JsonObject *
key_at (JsonObject *layout,
        gint64      index)
{
  JsonArray *keys = json_object_get_array_member (layout, "keys");

  for (guint i = 0; i < json_array_get_length (keys); i++)
    {
      JsonObject *key = json_array_get_object_element (keys, i);

      if (json_object_get_int_member (key, "index") == index)
        return key;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
test_agent_rename (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/agents/%" G_GINT64_FORMAT,
                                           fixture->agent_id);
  gint64 rev_layout = revision_of (fixture, "layouts", fixture->layout_id);
  gint64 rev_other = revision_of (fixture, "layouts", fixture->other_layout);
  gint64 rev_module = revision_of (fixture, "module-layouts", fixture->module_layout);
  g_autofree char *fp_a = fingerprint_of (fixture, fixture->phone_a);
  g_autofree char *fp_b = fingerprint_of (fixture, fixture->phone_b);
  g_autofree char *fp_c = fingerprint_of (fixture, fixture->phone_c);

  {
    g_autoptr(PaTestResponse) renamed = pa_test_api (fixture->server, "PATCH", path,
                                                     "{\"name\": \"Robert\"}", "*");
    g_autoptr(PaTestResponse) layout = NULL;
    g_autoptr(PaTestResponse) module = NULL;
    JsonObject *object;

    g_assert_cmpuint (renamed->status, ==, 200);
    object = get_object (fixture, "layouts", fixture->layout_id, &layout);
    g_assert_cmpstr (json_object_get_string_member (key_at (object, 1), "label"), ==, "Robert");
    g_assert_cmpstr (json_object_get_string_member (key_at (object, 1), "value"), ==, "202");
    /* a key watching nobody is left alone */
    g_assert_cmpstr (json_object_get_string_member (key_at (object, 2), "label"), ==, "Desk");
    g_assert_cmpint (json_object_get_int_member (object, "revision"), ==, rev_layout + 1);

    object = get_object (fixture, "module-layouts", fixture->module_layout, &module);
    g_assert_cmpstr (json_object_get_string_member (key_at (object, 3), "label"), ==, "Robert");
    g_assert_cmpint (json_object_get_int_member (object, "revision"), ==, rev_module + 1);
  }
  g_assert_cmpint (revision_of (fixture, "layouts", fixture->other_layout), ==, rev_other);
  /* A uses both layouts, B one, C none. */
  {
    g_autofree char *a = fingerprint_of (fixture, fixture->phone_a);
    g_autofree char *b = fingerprint_of (fixture, fixture->phone_b);
    g_autofree char *c = fingerprint_of (fixture, fixture->phone_c);

    g_assert_cmpstr (a, !=, fp_a);
    g_assert_cmpstr (b, !=, fp_b);
    g_assert_cmpstr (c, ==, fp_c);
  }
  {
    g_autoptr(PaTestResponse) config = fetch_config (fixture);

    assert_contains (config->text, "linekey.1.label = Robert\n");
  }

  /* A new extension moves the BLF's value with it. */
  {
    g_autoptr(PaTestResponse) renumbered = pa_test_api (fixture->server, "PATCH", path,
                                                        "{\"extension\": \"299\"}", "*");
    g_autoptr(PaTestResponse) layout = NULL;
    JsonObject *object;

    g_assert_cmpuint (renumbered->status, ==, 200);
    object = get_object (fixture, "layouts", fixture->layout_id, &layout);
    g_assert_cmpstr (json_object_get_string_member (key_at (object, 1), "value"), ==, "299");
    g_assert_cmpstr (json_object_get_string_member (key_at (object, 1), "label"), ==, "Robert");
    g_assert_cmpint (json_object_get_int_member (key_at (object, 1), "agent_id"), ==,
                     fixture->agent_id);
  }

  /* A change that touches neither leaves the layouts alone. */
  {
    gint64 before = revision_of (fixture, "layouts", fixture->layout_id);
    g_autoptr(PaTestResponse) mailed = pa_test_api (fixture->server, "PATCH", path,
                                                    "{\"email\": \"bob@example.com\"}", "*");

    g_assert_cmpuint (mailed->status, ==, 200);
    g_assert_cmpint (revision_of (fixture, "layouts", fixture->layout_id), ==, before);
  }

  /* A rename the agent's own rules refuse changes no key either. */
  {
    gint64 before = revision_of (fixture, "layouts", fixture->layout_id);
    g_autoptr(PaTestResponse) refused = pa_test_api (fixture->server, "PATCH", path,
                                                     "{\"name\": \"\"}", "*");
    g_autoptr(PaTestResponse) layout = NULL;

    g_assert_cmpuint (refused->status / 100, ==, 4);
    g_assert_cmpint (revision_of (fixture, "layouts", fixture->layout_id), ==, before);
    g_assert_cmpstr (json_object_get_string_member (
                       key_at (get_object (fixture, "layouts", fixture->layout_id, &layout), 1),
                       "label"), ==, "Robert");
  }
}

/* -- the catalog says where keys sit --------------------------------------- */

static void
test_catalog_face (Fixture       *fixture,
                   gconstpointer  data)
{
  const struct
  {
    const char *path;
    gint64      columns;
  } cases[] = {
    { "/api/v1/catalog/models/yealink-t54w", 2 },
    { "/api/v1/catalog/modules/yealink-exp50", 2 },
    { "/api/v1/catalog/models/yealink-t31p", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaTestResponse) response = pa_test_api (fixture->server, "GET", cases[i].path,
                                                        NULL, NULL);
      JsonObject *face;

      g_assert_cmpuint (response->status, ==, 200);
      face = json_object_get_object_member (pa_test_response_object (response), "face");
      g_assert_nonnull (face);
      g_assert_cmpint (json_object_get_int_member (face, "columns"), ==, cases[i].columns);
      g_assert_true (json_object_get_boolean_member (face, "screen"));
    }
}

/* -- a layout's sidecars --------------------------------------------------- */

/* A layout names the sidecar layouts that go with it; a phone on the
 * layout with modules attached and no module layouts of its own shows them
 * (issue 8: the designer's sidecar keys never reached the phone). */
static void
test_sidecars (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *with_sidecars = NULL;
  g_autofree char *phone_body = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autofree char *layout_path = NULL;
  g_autofree char *module_path = NULL;
  g_autofree char *other_module = NULL;
  gint64 layout, phone, poly_module, team2;

  with_sidecars = g_strdup_printf ("{\"name\": \"Front\", \"model\": \"yealink-t54w\", "
                                   "\"sidecars\": [%" G_GINT64_FORMAT "]}", fixture->module_layout);
  layout = pa_test_create (fixture->server, "layouts", with_sidecars);
  layout_path = g_strdup_printf ("/api/v1/layouts/%" G_GINT64_FORMAT, layout);
  module_path = g_strdup_printf ("/api/v1/module-layouts/%" G_GINT64_FORMAT,
                                 fixture->module_layout);

  /* Two modules attached, neither with a layout of its own: the first
   * shows the layout's sidecar, the second (none given) stays blank. */
  phone_body = g_strdup_printf (", \"layout_id\": %" G_GINT64_FORMAT ", \"modules\": ["
                                "{\"module\": \"yealink-exp50\"}, {\"module\": \"yealink-exp50\"}]",
                                layout);
  phone = create_phone (fixture, "E", "80:5E:C0:00:00:0E", "yealink-t54w", phone_body, &token, NULL);
  path = g_strdup_printf ("/p/%s/805ec000000e.cfg", token);
  {
    g_autoptr(PaTestResponse) fetched = pa_test_request (fixture->server, "GET", path,
                                                         NULL, NULL, -1, FALSE, NULL);

    g_assert_cmpuint (fetched->status, ==, 200);
    assert_contains (fetched->text, "expansion_module.1.key.3.label = Bob\n");
    assert_contains (fetched->text, "expansion_module.2.key.3.label = %NULL%\n");
  }

  /* Editing the sidecar reaches that phone through its layout. */
  {
    g_autoptr(PaTestResponse) patch = pa_test_api (fixture->server, "PATCH", module_path,
                                                   "{\"keys\": [{\"index\": 3, \"type\": \"speed_dial\", "
                                                   "\"value\": \"555\", \"label\": \"Dock\"}]}", "*");
    g_autoptr(PaTestResponse) fetched = NULL;

    g_assert_cmpuint (patch->status, ==, 200);
    /* phone A names it itself, phone E through its layout */
    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (patch),
                                                 "affected_phones"), ==, 2);
    fetched = pa_test_request (fixture->server, "GET", path, NULL, NULL, -1, FALSE, NULL);
    assert_contains (fetched->text, "expansion_module.1.key.3.label = Dock\n");
  }

  /* Sidecars that cannot be: refused, naming the position, nothing kept. */
  poly_module = pa_test_create (fixture->server, "module-layouts",
                                "{\"name\": \"Poly keys\", \"module\": \"polycom-vvx-color-em\"}");
  other_module = g_strdup_printf ("{\"sidecars\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                  fixture->module_layout, poly_module);
  {
    g_autoptr(PaTestResponse) missing = pa_test_api (fixture->server, "PATCH", layout_path,
                                                     "{\"sidecars\": [9999]}", "*");
    g_autoptr(PaTestResponse) foreign = pa_test_api (fixture->server, "PATCH", layout_path,
                                                     other_module, "*");
    g_autoptr(PaTestResponse) too_many = pa_test_api (fixture->server, "PATCH", layout_path,
                                                      "{\"sidecars\": [1, 1, 1, 1]}", "*");
    g_autoptr(PaTestResponse) typed = pa_test_api (fixture->server, "PATCH", layout_path,
                                                   "{\"sidecars\": [\"x\"]}", "*");
    g_autoptr(PaTestResponse) zero = pa_test_api (fixture->server, "PATCH", layout_path,
                                                  "{\"sidecars\": [0]}", "*");

    pa_test_assert_error (missing, 422, "rule_violation", "sidecars[0]");
    pa_test_assert_error (foreign, 422, "rule_violation", "sidecars[1]");
    assert_contains (error_message (foreign), "T54W");
    pa_test_assert_error (too_many, 422, "rule_violation", "sidecars");
    pa_test_assert_error (typed, 400, "wrong_type", "sidecars[0]");
    pa_test_assert_error (zero, 400, "invalid_value", "sidecars[0]");
  }
  {
    g_autoptr(PaTestResponse) got = NULL;
    JsonObject *object = get_object (fixture, "layouts", layout, &got);
    JsonArray *sidecars = json_object_get_array_member (object, "sidecars");

    g_assert_cmpuint (json_array_get_length (sidecars), ==, 1);
    g_assert_cmpint (json_array_get_int_element (sidecars, 0), ==, fixture->module_layout);
  }

  /* A sidecar a layout names cannot go without a replacement; with one,
   * the layout names the replacement. */
  {
    g_autoptr(PaTestResponse) refused = NULL;
    g_autoptr(PaTestResponse) deleted = NULL;
    g_autoptr(PaTestResponse) got = NULL;
    JsonObject *object;
    g_autofree char *unused_path = g_strdup_printf ("/api/v1/module-layouts/%" G_GINT64_FORMAT,
                                                    poly_module);
    g_autoptr(PaTestResponse) unused = NULL;
    g_autofree char *replacement = NULL;

    team2 = pa_test_create (fixture->server, "module-layouts",
                            "{\"name\": \"Team 2\", \"module\": \"yealink-exp50\"}");
    refused = delete_with (fixture, "module-layouts", fixture->module_layout, NULL);
    pa_test_assert_error (refused, 409, "conflict", NULL);
    assert_contains (error_message (refused), "sidecar");
    replacement = g_strdup_printf ("%" G_GINT64_FORMAT, team2);
    deleted = delete_with (fixture, "module-layouts", fixture->module_layout, replacement);
    g_assert_cmpuint (deleted->status, ==, 200);
    object = get_object (fixture, "layouts", layout, &got);
    g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (object, "sidecars"), 0),
                     ==, team2);
    /* a module layout nobody names goes as before */
    unused = pa_test_api (fixture->server, "DELETE", unused_path, NULL, "*");
    g_assert_cmpuint (unused->status, ==, 204);
  }
  (void) phone;
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/layouts/affected-phones", test_affected_phones);
  ADD ("/layouts/affected-phones/through-profile", test_affected_through_profile);
  ADD ("/layouts/affected-phones/sip-account", test_affected_by_sip_account);
  ADD ("/layouts/delete/in-use", test_delete_in_use);
  ADD ("/layouts/delete/replacement", test_delete_with_replacement);
  ADD ("/layouts/delete/module-replacement", test_delete_module_layout_with_replacement);
  ADD ("/layouts/delete/bad-replacement", test_delete_bad_replacement);
  ADD ("/layouts/apply", test_apply);
  ADD ("/layouts/apply/refused", test_apply_refused);
  ADD ("/layouts/apply/malformed", test_apply_malformed);
  ADD ("/layouts/preview", test_preview);
  ADD ("/layouts/preview/refused", test_preview_refused);
  ADD ("/layouts/preview/with-layout", test_preview_with_layout);
  ADD ("/layouts/preview/with-module-layouts", test_preview_with_module_layouts);
  ADD ("/layouts/preview/with-layout/refused", test_preview_with_layout_refused);
  ADD ("/layouts/agent-rename", test_agent_rename);
  ADD ("/layouts/catalog-face", test_catalog_face);
  ADD ("/layouts/sidecars", test_sidecars);

#undef ADD

  return g_test_run ();
}
