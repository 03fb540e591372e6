/* test-change-tracking.c — for every kind of input, the phones whose files
 * change are exactly the phones reported affected, and exactly the phones
 * whose fingerprint changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small mixed office on a real provd: each edit below is made through the
 * API, then every phone's own file is fetched through its setup link and
 * compared byte for byte with what it was before. Nothing here knows how
 * provd finds the affected phones; it only looks from outside.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pa-test-server.h"

#define N_PHONES 4

typedef struct
{
  PaTestServer *server;
  char         *config_path;
  gint64        ann, bob;
  gint64        accounts[N_PHONES];
  gint64        direct_layout, profile_layout, sidecar_layout, profile;
  gint64        phones[N_PHONES];
  char         *tokens[N_PHONES];
  char         *files[N_PHONES];
} Office;

/* What one look at the office saw: each phone's file and fingerprint. */
typedef struct
{
  char *bytes[N_PHONES];
  char *fingerprint[N_PHONES];
} Look;

static void
write_config (Office     *office,
              const char *sip_server)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  /* A fixed public URL: a restart must not change the setup links, so a
   * changed default SIP server is the only change. */
  text = g_strdup_printf ("[server]\npublic-url = http://192.0.2.1:8670/\nsip-server = %s\n",
                          sip_server);
  g_file_set_contents (office->config_path, text, -1, &error);
  g_assert_no_error (error);
}

static gint64
create (Office     *office,
        const char *collection,
        const char *format,
        ...) G_GNUC_PRINTF (3, 4);

static gint64
create (Office     *office,
        const char *collection,
        const char *format,
        ...)
{
  g_autofree char *body = NULL;
  va_list args;

  va_start (args, format);
  body = g_strdup_vprintf (format, args);
  va_end (args);
  return pa_test_create (office->server, collection, body);
}

/* @method /api/v1/@collection/@id@tail */
static PaTestResponse *
call (Office     *office,
      const char *method,
      const char *collection,
      gint64      id,
      const char *tail,
      const char *body)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT "%s",
                                           collection, id, tail);
  PaTestResponse *response = pa_test_api (office->server, method, path, body,
                                          g_str_equal (method, "PATCH") ? "*" : NULL);

  if (response->status != 200)
    g_error ("%s %s: %u %s", method, path, response->status, response->text);
  return response;
}

static char *
file_name (const char *pattern,
           const char *mac)
{
  g_autoptr(GString) compact = g_string_new (NULL);
  g_autoptr(GString) name = g_string_new (pattern);
  g_autofree char *upper = NULL;

  for (const char *p = mac; *p != '\0'; p++)
    if (*p != ':')
      g_string_append_c (compact, g_ascii_tolower (*p));
  upper = g_ascii_strup (compact->str, -1);
  g_string_replace (name, "{mac}", compact->str, 0);
  g_string_replace (name, "{MAC}", upper, 0);
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
add_phone (Office     *office,
           guint       i,
           const char *vendor,
           const char *model,
           const char *mac,
           const char *extra)
{
  g_autofree char *body = NULL;
  g_autofree char *models_path = NULL;
  g_autoptr(PaTestResponse) created = NULL;
  g_autoptr(PaTestResponse) described = NULL;
  JsonObject *object;

  body = g_strdup_printf ("{\"name\": \"Phone %u\", \"mac\": \"%s\", \"vendor\": \"%s\", "
                          "\"model\": \"%s\", \"lines\": [%" G_GINT64_FORMAT "]%s}",
                          i + 1, mac, vendor, model, office->accounts[i], extra);
  created = pa_test_api (office->server, "POST", "/api/v1/phones", body, NULL);
  if (created->status != 201)
    g_error ("POST phone: %u %s", created->status, created->text);
  object = pa_test_response_object (created);
  office->phones[i] = json_object_get_int_member (object, "id");
  office->tokens[i] = g_strdup (json_object_get_string_member (object, "token"));

  /* The file with the phone's own settings, as the catalog names it. */
  models_path = g_strdup_printf ("/api/v1/catalog/models/%s", model);
  described = pa_test_api (office->server, "GET", models_path, NULL, NULL);
  g_assert_cmpuint (described->status, ==, 200);
  office->files[i] = file_name (json_object_get_string_member (pa_test_response_object (described),
                                                               "device_file"), mac);
}

static void
office_setup (Office        *office,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-change-tracking-XXXXXX", &error);
  g_autofree char *with_sidecar = NULL;
  g_autofree char *with_profile = NULL;

  g_assert_no_error (error);
  office->config_path = g_build_filename (dir, "provd.conf", NULL);
  write_config (office, "pbx-a.test.example");
  office->server = pa_test_server_new_full (NULL, office->config_path);

  office->ann = create (office, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  office->bob = create (office, "agents", "{\"name\": \"Bob\", \"extension\": \"202\"}");
  for (guint i = 0; i < N_PHONES; i++)
    office->accounts[i] = create (office, "sip-accounts",
                                  "{\"username\": \"line%u\", \"display_name\": \"Line %u\","
                                  " \"server\": \"pbx-a.test.example\"}",
                                  i + 1, i + 1);
  /* Phone 3's line names no server: it uses the server's default. */
  {
    g_autoptr(PaTestResponse) r = call (office, "PATCH", "sip-accounts",
                                        office->accounts[2], "", "{\"server\": null}");
  }

  office->direct_layout =
    create (office, "layouts",
            "{\"name\": \"Desk\", \"model\": \"yealink-t54w\", \"keys\": ["
            "{\"index\": 1, \"type\": \"blf\", \"value\": \"201\", \"label\": \"Ann\","
            " \"agent_id\": %" G_GINT64_FORMAT "},"
            "{\"index\": 2, \"type\": \"speed_dial\", \"value\": \"*97\", \"label\": \"Voicemail\"}]}",
            office->ann);
  office->profile_layout =
    create (office, "layouts",
            "{\"name\": \"Office\", \"model\": \"yealink-t54w\", \"keys\": ["
            "{\"index\": 1, \"type\": \"blf\", \"value\": \"202\", \"label\": \"Bob\","
            " \"agent_id\": %" G_GINT64_FORMAT "}]}",
            office->bob);
  office->sidecar_layout =
    create (office, "module-layouts",
            "{\"name\": \"Team\", \"module\": \"yealink-exp50\", \"keys\": ["
            "{\"index\": 3, \"type\": \"blf\", \"value\": \"201\", \"label\": \"Ann\","
            " \"agent_id\": %" G_GINT64_FORMAT "}]}",
            office->ann);
  office->profile =
    create (office, "profiles",
            "{\"name\": \"Office\", \"layout_id\": %" G_GINT64_FORMAT ","
            " \"custom_params\": {\"yealink\": {\"features.dnd.enable\": \"0\"}}}",
            office->profile_layout);

  with_sidecar = g_strdup_printf (", \"layout_id\": %" G_GINT64_FORMAT ", \"modules\": "
                                  "[{\"module\": \"yealink-exp50\", \"layout_id\": %" G_GINT64_FORMAT "}]",
                                  office->direct_layout, office->sidecar_layout);
  with_profile = g_strdup_printf (", \"profile_id\": %" G_GINT64_FORMAT, office->profile);
  add_phone (office, 0, "yealink", "yealink-t54w", "80:5E:C0:00:00:01", with_sidecar);
  add_phone (office, 1, "yealink", "yealink-t54w", "80:5E:C0:00:00:02", with_profile);
  add_phone (office, 2, "polycom", "polycom-vvx450", "00:04:F2:00:00:03", "");
  add_phone (office, 3, "grandstream", "grandstream-gxp2170", "00:0B:82:00:00:04", "");
}

static void
office_teardown (Office        *office,
                 gconstpointer  data)
{
  g_autofree char *dir = g_path_get_dirname (office->config_path);

  g_clear_pointer (&office->server, pa_test_server_free);
  g_unlink (office->config_path);
  g_rmdir (dir);
  g_free (office->config_path);
  for (guint i = 0; i < N_PHONES; i++)
    {
      g_free (office->tokens[i]);
      g_free (office->files[i]);
    }
}

static void
look (Office *office,
      Look   *seen)
{
  for (guint i = 0; i < N_PHONES; i++)
    {
      g_autofree char *path = g_strdup_printf ("/p/%s/%s", office->tokens[i], office->files[i]);
      g_autoptr(PaTestResponse) fetched = pa_test_request (office->server, "GET", path,
                                                           NULL, NULL, -1, FALSE, NULL);

      if (fetched->status != 200)
        g_error ("phone %u: GET %s: %u", i + 1, office->files[i], fetched->status);
      seen->bytes[i] = g_strdup (fetched->text);
      seen->fingerprint[i] = pa_test_fingerprint_of (office->server, office->phones[i]);
    }
}

static void
look_clear (Look *seen)
{
  for (guint i = 0; i < N_PHONES; i++)
    {
      g_clear_pointer (&seen->bytes[i], g_free);
      g_clear_pointer (&seen->fingerprint[i], g_free);
    }
}

/* @expected: "1" … "4" for the phones whose files must change, e.g. "13". */
static void
assert_changed (Office     *office,
                const Look *before,
                const char *expected,
                const char *what)
{
  Look after = { 0 };

  look (office, &after);
  for (guint i = 0; i < N_PHONES; i++)
    {
      gboolean want = strchr (expected, '1' + i) != NULL;
      gboolean bytes = g_strcmp0 (before->bytes[i], after.bytes[i]) != 0;
      gboolean fingerprint = g_strcmp0 (before->fingerprint[i], after.fingerprint[i]) != 0;

      if (bytes != want)
        g_error ("%s: phone %u's file %s, it should %s", what, i + 1,
                 bytes ? "changed" : "did not change", want ? "have" : "not have");
      if (fingerprint != bytes)
        g_error ("%s: phone %u's file %s but its fingerprint %s", what, i + 1,
                 bytes ? "changed" : "did not change", fingerprint ? "did" : "did not");
    }
  look_clear (&after);
}

static void
assert_affected (PaTestResponse *response,
                 guint           count)
{
  JsonObject *object = pa_test_response_object (response);

  g_assert_true (json_object_has_member (object, "affected_phones"));
  g_assert_cmpint (json_object_get_int_member (object, "affected_phones"), ==, count);
}

/* One edit through the API, and what it must change. */
typedef struct
{
  const char *what;
  const char *method;
  const char *collection;
  gsize       id_offset;   /* of the edited id in Office */
  const char *tail;
  const char *body;
  const char *expected;    /* the phones whose files change: "1" … "4" */
  int         affected;    /* "affected_phones" in the answer, -1: not said */
} Edit;

#define AT(member) G_STRUCT_OFFSET (Office, member)

static const Edit edits[] = {
  /* A SIP account: the phone with a line on it. */
  { "SIP account", "PATCH", "sip-accounts", AT (accounts[0]), "",
    "{\"display_name\": \"Reception\"}", "1", 1 },
  /* An agent renamed: the BLF labels watching Ann, on phone 1's own keys
   * and on its sidecar; Bob's key on phone 2 stays. */
  { "agent rename", "PATCH", "agents", AT (ann), "", "{\"name\": \"Annie\"}", "1", 1 },
  /* A layout a phone names itself. */
  { "layout", "PATCH", "layouts", AT (direct_layout), "",
    "{\"keys\": [{\"index\": 4, \"type\": \"speed_dial\", \"value\": \"100\", "
    "\"label\": \"Lobby\"}]}", "1", 1 },
  /* A layout a phone shows only through its profile. */
  { "layout through a profile", "PATCH", "layouts", AT (profile_layout), "",
    "{\"keys\": [{\"index\": 2, \"type\": \"speed_dial\", \"value\": \"101\", "
    "\"label\": \"Kitchen\"}]}", "2", 1 },
  /* A sidecar's layout. */
  { "sidecar layout", "PATCH", "module-layouts", AT (sidecar_layout), "",
    "{\"keys\": [{\"index\": 7, \"type\": \"speed_dial\", \"value\": \"102\", "
    "\"label\": \"Loading bay\"}]}", "1", 1 },
  /* A profile. */
  { "profile", "PATCH", "profiles", AT (profile), "",
    "{\"custom_params\": {\"yealink\": {\"features.dnd.enable\": \"1\"}}}", "2", 1 },
  /* The phone itself. */
  { "phone", "PATCH", "phones", AT (phones[3]), "", "{\"timezone\": \"Europe/Paris\"}", "4", -1 },
};

static void
test_each_input (Office        *office,
                 gconstpointer  data)
{
  Look before = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      const Edit *edit = &edits[i];
      gint64 id = G_STRUCT_MEMBER (gint64, office, edit->id_offset);
      g_autoptr(PaTestResponse) r = NULL;

      g_test_message ("%s", edit->what);
      look (office, &before);
      r = call (office, edit->method, edit->collection, id, edit->tail, edit->body);
      if (edit->affected >= 0)
        assert_affected (r, edit->affected);
      assert_changed (office, &before, edit->expected, edit->what);
      if (g_str_equal (edit->what, "agent rename"))
        g_assert_nonnull (strstr (before.bytes[0], "Ann"));
      look_clear (&before);
    }

  /* A SIP password: the phone carrying it is told to fetch again. */
  look (office, &before);
  {
    g_autoptr(PaTestResponse) r = call (office, "POST", "sip-accounts", office->accounts[1],
                                        "/password", "{\"confirm\": \"REGENERATE\"}");
    JsonArray *resync = json_object_get_array_member (pa_test_response_object (r), "resync_phones");

    g_assert_cmpuint (json_array_get_length (resync), ==, 1);
    g_assert_cmpint (json_array_get_int_element (resync, 0), ==, office->phones[1]);
  }
  assert_changed (office, &before, "2", "SIP password");
  look_clear (&before);

  /* Something no phone reads. */
  look (office, &before);
  create (office, "agents", "{\"name\": \"Cleo\", \"extension\": \"203\"}");
  create (office, "layouts", "{\"name\": \"Spare\", \"model\": \"yealink-t54w\"}");
  assert_changed (office, &before, "", "unrelated writes");
  look_clear (&before);

  /* The server's default SIP server: only the phone whose line has no
   * server of its own reads it. */
  look (office, &before);
  write_config (office, "pbx-b.test.example");
  pa_test_server_restart (office->server);
  assert_changed (office, &before, "3", "server default");
  g_assert_nonnull (strstr (before.bytes[2], "pbx-a.test.example"));
  look_clear (&before);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/change-tracking/each-input", Office, NULL,
              office_setup, test_each_input, office_teardown);

  return g_test_run ();
}
