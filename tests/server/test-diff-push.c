/* test-diff.c — POST …/diff: a change's effect on the phones' files,
 * reviewed before it is made, against the real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-test-server.h"

typedef struct
{
  PaTestServer *server;
  gint64        layout, profile;
  gint64        phones[7];
  char         *password;   /* the first phone's SIP password */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  PaTestServer *server;

  fixture->server = server = pa_test_server_new ();
  fixture->layout = pa_test_create (server, "layouts",
                                    "{\"name\": \"Reception\", \"model\": \"yealink-t54w\", \"keys\":"
                                    " [{\"index\": 1, \"type\": \"blf\", \"value\": \"201\","
                                    " \"label\": \"Alice Example\", \"line\": 1}]}");
  fixture->profile = pa_test_create (server, "profiles",
                                     "{\"name\": \"Berlin office\", \"timezone\": \"Europe/Berlin\"}");
  for (guint i = 0; i < G_N_ELEMENTS (fixture->phones); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\": \"Desk %u\", \"mac\": \"80:5E:C0:00:01:%02X\","
                                               " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\","
                                               " \"sip_server\": \"pbx.example.com\","
                                               " \"layout_id\": %" G_GINT64_FORMAT "%s}",
                                               i, i, fixture->layout,
                                               i < 2 ? ", \"profile_id\": 1" : "");
      g_autoptr(PaTestResponse) made = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);

      g_assert_cmpuint (made->status, ==, 201);
      fixture->phones[i] = json_object_get_int_member (pa_test_response_object (made), "id");
      if (i == 0)
        fixture->password = g_strdup (json_object_get_string_member (pa_test_response_object (made),
                                                                     "sip_password"));
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pa_test_server_free (fixture->server);
  g_free (fixture->password);
}

/* Every diff text of the answer, one after the other. */
static char *
all_diffs (PaTestResponse *response)
{
  JsonArray *phones = json_object_get_array_member (pa_test_response_object (response), "phones");
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (phones); i++)
    {
      JsonArray *files = json_object_get_array_member (json_array_get_object_element (phones, i), "files");

      for (guint f = 0; f < json_array_get_length (files); f++)
        g_string_append (text, json_object_get_string_member (json_array_get_object_element (files, f),
                                                              "diff"));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
fingerprints (Fixture *fixture)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixture->phones); i++)
    {
      g_autofree char *one = pa_test_fingerprint_of (fixture->server, fixture->phones[i]);

      g_string_append_printf (text, "%s ", one);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A layout's key renamed: seven phones use it, five are shown with the
 * key's line before and after, and nothing is changed. */
static void
test_layout_change (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/layouts/%" G_GINT64_FORMAT "/diff", fixture->layout);
  g_autofree char *before = fingerprints (fixture);
  g_autoptr(PaTestResponse) response =
    pa_test_api (fixture->server, "POST", path,
                 "{\"keys\": [{\"index\": 1, \"type\": \"blf\", \"value\": \"201\","
                 " \"label\": \"Alice Renamed\", \"line\": 1}]}", NULL);
  g_autoptr(PaTestResponse) layout = NULL;
  g_autofree char *after = NULL;
  g_autofree char *diffs = NULL;
  JsonObject *answer;
  JsonArray *phones;

  g_assert_cmpuint (response->status, ==, 200);
  answer = pa_test_response_object (response);
  g_assert_cmpint (json_object_get_int_member (answer, "affected_phones"), ==, 7);
  g_assert_cmpint (json_object_get_int_member (answer, "more"), ==, 2);
  phones = json_object_get_array_member (answer, "phones");
  g_assert_cmpuint (json_array_get_length (phones), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *phone = json_array_get_object_element (phones, i);
      JsonArray *files = json_object_get_array_member (phone, "files");

      g_assert_cmpint (json_object_get_int_member (phone, "id"), ==, fixture->phones[i]);
      g_assert_cmpstr (json_object_get_string_member (phone, "model"), ==, "yealink-t54w");
      /* Only the MAC file holds keys: one file changes. */
      g_assert_cmpuint (json_array_get_length (files), ==, 1);
    }
  diffs = all_diffs (response);
  g_test_message ("%s", diffs);
  g_assert_nonnull (strstr (diffs, "Alice Example"));
  g_assert_nonnull (strstr (diffs, "Alice Renamed"));
  g_assert_nonnull (strstr (diffs, "\n-"));
  g_assert_nonnull (strstr (diffs, "\n+"));
  /* Secrets masked, even in the context lines. */
  g_assert_null (strstr (diffs, fixture->password));

  /* Reviewed, not made. */
  layout = pa_test_get (fixture->server, "layouts", fixture->layout);
  g_assert_cmpint (json_object_get_int_member (pa_test_response_object (layout), "revision"), ==, 1);
  after = fingerprints (fixture);
  g_assert_cmpstr (after, ==, before);
}

/* A profile's time zone: only its two phones, and their time-zone keys. */
static void
test_profile_change (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/profiles/%" G_GINT64_FORMAT "/diff", fixture->profile);
  g_autoptr(PaTestResponse) response = pa_test_api (fixture->server, "POST", path,
                                                    "{\"timezone\": \"America/New_York\"}", NULL);
  g_autofree char *diffs = NULL;
  JsonObject *answer;

  g_assert_cmpuint (response->status, ==, 200);
  answer = pa_test_response_object (response);
  g_assert_cmpint (json_object_get_int_member (answer, "affected_phones"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (answer, "more"), ==, 0);
  diffs = all_diffs (response);
  g_test_message ("%s", diffs);
  /* Yealink writes the zone as its offset. */
  g_assert_nonnull (strstr (diffs, "\n-local_time.time_zone = +1\n"));
  g_assert_nonnull (strstr (diffs, "\n+local_time.time_zone = -5\n"));
  g_assert_null (strstr (diffs, fixture->password));
}

/* A server setting, and a change that changes no file. */
static void
test_settings_change (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(PaTestResponse) ntp = pa_test_api (fixture->server, "POST", "/api/v1/settings/diff",
                                               "{\"ntp_server\": \"ntp.example.org\"}", NULL);
  g_autoptr(PaTestResponse) settings = NULL;
  g_autofree char *name_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/diff", fixture->phones[3]);
  g_autoptr(PaTestResponse) description = pa_test_api (fixture->server, "POST", name_path,
                                                       "{\"description\": \"By the window\"}", NULL);
  g_autofree char *diffs = NULL;
  JsonArray *phones;

  g_assert_cmpuint (ntp->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (pa_test_response_object (ntp), "affected_phones"), ==, 7);
  diffs = all_diffs (ntp);
  g_assert_nonnull (strstr (diffs, "ntp.example.org"));
  settings = pa_test_api (fixture->server, "GET", "/api/v1/settings", NULL, NULL);
  g_assert_cmpuint (settings->status, ==, 200);
  g_assert_null (strstr (settings->text, "ntp.example.org"));
  /* … nor in what provd holds in memory: files are made as before. */
  {
    g_autofree char *preview_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT
                                                     "/preview/805ec0000100.cfg", fixture->phones[0]);
    g_autoptr(PaTestResponse) preview = pa_test_api (fixture->server, "GET", preview_path, NULL, NULL);

    g_assert_cmpuint (preview->status, ==, 200);
    g_assert_nonnull (strstr (preview->text, "local_time"));
    g_assert_null (strstr (preview->text, "ntp.example.org"));
  }

  /* A description is in no file: the phone is listed with none. */
  g_assert_cmpuint (description->status, ==, 200);
  phones = json_object_get_array_member (pa_test_response_object (description), "phones");
  g_assert_cmpuint (json_array_get_length (phones), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (phones, 0),
                                                                          "files")), ==, 0);
}

/* What a PATCH would refuse, the diff refuses the same way. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/layouts/%" G_GINT64_FORMAT "/diff", fixture->layout);
  g_autoptr(PaTestResponse) unknown = pa_test_api (fixture->server, "POST", path, "{\"colour\": \"red\"}", NULL);
  g_autoptr(PaTestResponse) missing = pa_test_api (fixture->server, "POST", "/api/v1/layouts/99/diff", "{}", NULL);
  g_autoptr(PaTestResponse) broken = pa_test_api (fixture->server, "POST", path, "{\"keys\": 3", NULL);
  g_autoptr(PaTestResponse) bad_tz = pa_test_api (fixture->server, "POST", "/api/v1/settings/diff",
                                                  "{\"timezone\": \"Mars/Olympus\"}", NULL);

  pa_test_assert_error (unknown, 400, "unknown_field", "colour");
  g_assert_cmpuint (missing->status, ==, 404);
  g_assert_cmpuint (broken->status, ==, 400);
  g_assert_cmpuint (bad_tz->status, ==, 400);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/diff/layout-change", Fixture, NULL, fixture_setup, test_layout_change, fixture_teardown);
  g_test_add ("/diff/profile-change", Fixture, NULL, fixture_setup, test_profile_change, fixture_teardown);
  g_test_add ("/diff/settings-change", Fixture, NULL, fixture_setup, test_settings_change, fixture_teardown);
  g_test_add ("/diff/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  return g_test_run ();
}
