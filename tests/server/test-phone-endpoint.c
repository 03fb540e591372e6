/* test-phone-endpoint.c — what a Yealink phone fetches from /p/<token>/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Against the real phoneadmin-provd on loopback (see pa-test-server.c),
 * started with a config file naming the SIP server and the public URL.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pa-test-server.h"

#define PHONE_UA "Yealink SIP-T54W 96.86.0.100 80:5e:c0:12:34:56"

typedef struct
{
  PaTestServer *server;
  gint64        agent_id;
  gint64        layout_id;
  gint64        phone_id;
  gint64        account_id;
  char         *token;
  char         *password;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
  g_autofree char *config = NULL;
  g_autofree char *body = NULL;
  g_autoptr(PaTestResponse) created = NULL;
  JsonObject *object;

  g_assert_no_error (error);
  config = g_build_filename (dir, "provd.conf", NULL);
  g_file_set_contents (config,
                       "[server]\n"
                       "sip-server=pbx.example.com\n"
                       "public-url=http://prov.example:8670\n", -1, &error);
  g_assert_no_error (error);
  fixture->server = pa_test_server_new_full (dir, config);

  fixture->agent_id = pa_test_create (fixture->server, "agents",
                                      "{\"name\": \"Ann\", \"extension\": \"201\"}");
  fixture->layout_id = pa_test_create (fixture->server, "layouts",
                                       "{\"name\": \"Sales\", \"model\": \"yealink-t54w\", "
                                       "\"keys\": [{\"index\": 1, \"type\": \"blf\", "
                                       "\"value\": \"202\", \"label\": \"Bob\", \"line\": 1}]}");
  body = g_strdup_printf ("{\"name\": \"Ann's desk\", \"mac\": \"80:5E:C0:12:34:56\", "
                          "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\", "
                          "\"agent_id\": %" G_GINT64_FORMAT ", \"layout_id\": %" G_GINT64_FORMAT "}",
                          fixture->agent_id, fixture->layout_id);
  created = pa_test_api (fixture->server, "POST", "/api/v1/phones", body, NULL);
  g_assert_cmpuint (created->status, ==, 201);
  object = pa_test_response_object (created);
  fixture->phone_id = json_object_get_int_member (object, "id");
  fixture->token = g_strdup (json_object_get_string_member (object, "token"));
  fixture->password = g_strdup (json_object_get_string_member (object, "sip_password"));
  fixture->account_id = json_array_get_int_element (json_object_get_array_member (object, "lines"),
                                                    0);
  g_assert_nonnull (fixture->token);
  g_assert_nonnull (fixture->password);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_pointer (&fixture->server, pa_test_server_free);
  g_clear_pointer (&fixture->token, g_free);
  g_clear_pointer (&fixture->password, g_free);
}

static PaTestResponse *
fetch (Fixture    *fixture,
       const char *token,
       const char *file,
       const char *if_none_match)
{
  g_autofree char *path = g_strdup_printf ("/p/%s/%s", token, file);
  const char *headers[] = { "User-Agent", PHONE_UA, "If-None-Match", if_none_match, NULL };

  if (if_none_match == NULL)
    headers[2] = NULL;
  return pa_test_request (fixture->server, "GET", path, NULL, NULL, -1, FALSE, headers);
}

static void
assert_contains (const char *text,
                 const char *line)
{
  if (strstr (text, line) == NULL)
    g_error ("“%s” is not in:\n%s", line, text);
}

static void
assert_refused (PaTestResponse *response)
{
  g_assert_cmpuint (response->status, ==, 404);
  /* nothing that tells a token guess from a MAC guess */
  g_assert_cmpuint (g_bytes_get_size (response->body), ==, 0);
}

static JsonObject *
phone_json (Fixture         *fixture,
            PaTestResponse **keep)
{
  *keep = pa_test_get (fixture->server, "phones", fixture->phone_id);
  return pa_test_response_object (*keep);
}

static void
test_device_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PaTestResponse) before = NULL;
  g_autoptr(PaTestResponse) after = NULL;
  g_autoptr(PaTestResponse) response = NULL;
  g_autofree char *password_line = NULL;
  JsonObject *phone;

  phone = phone_json (fixture, &before);
  g_assert_cmpstr (json_object_get_string_member (phone, "status"), ==, "pending");
  g_assert_true (json_object_get_null_member (phone, "last_seen"));

  response = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==,
                   "text/plain");
  g_assert_true (g_str_has_prefix (response->text, "#!version:1.0.0.1\n"));
  assert_contains (response->text, "account.1.enable = 1\n");
  assert_contains (response->text, "account.1.user_name = 201\n");
  assert_contains (response->text, "account.1.sip_server.1.address = pbx.example.com\n");
  password_line = g_strdup_printf ("account.1.password = %s\n", fixture->password);
  assert_contains (response->text, password_line);
  assert_contains (response->text, "linekey.1.type = 16\n");
  assert_contains (response->text, "linekey.1.value = 202\n");
  assert_contains (response->text, "linekey.1.label = Bob\n");

  /* the fetch is recorded without a new configuration revision */
  phone = phone_json (fixture, &after);
  g_assert_cmpstr (json_object_get_string_member (phone, "status"), ==, "provisioning");
  g_assert_cmpstr (json_object_get_string_member (phone, "ip"), ==, "127.0.0.1");
  g_assert_cmpstr (json_object_get_string_member (phone, "user_agent"), ==, PHONE_UA);
  g_assert_cmpstr (json_object_get_string_member (phone, "firmware"), ==, "96.86.0.100");
  g_assert_false (json_object_get_null_member (phone, "last_seen"));
  g_assert_false (json_object_get_null_member (phone, "provisioned_at"));
  g_assert_cmpint (json_object_get_int_member (phone, "revision"), ==, 1);
  g_assert_cmpstr (soup_message_headers_get_one (after->headers, "ETag"), ==, "\"1\"");
}

static void
test_common_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(PaTestResponse) response = fetch (fixture, fixture->token, "y000000000096.cfg", NULL);
  g_autofree char *url_line = NULL;

  g_assert_cmpuint (response->status, ==, 200);
  url_line = g_strdup_printf ("static.auto_provision.server.url = http://prov.example:8670/p/%s/\n",
                              fixture->token);
  assert_contains (response->text, url_line);
  /* the common file holds no account */
  g_assert_null (strstr (response->text, fixture->password));
}

static void
test_refusals (Fixture       *fixture,
               gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autofree char *unknown = g_strdup (fixture->token);
  g_autofree char *other_token = NULL;
  g_autoptr(PaTestResponse) other = NULL;
  gint64 other_id;

  /* same shape as a real token, one character off */
  unknown[0] = unknown[0] == 'A' ? 'B' : 'A';

  other = pa_test_api (server, "POST", "/api/v1/phones",
                       "{\"name\": \"Lobby\", \"mac\": \"80:5E:C0:AB:CD:EF\", "
                       "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}", NULL);
  g_assert_cmpuint (other->status, ==, 201);
  other_id = json_object_get_int_member (pa_test_response_object (other), "id");
  other_token = g_strdup (json_object_get_string_member (pa_test_response_object (other), "token"));

  {
    g_autoptr(PaTestResponse) wrong_token = fetch (fixture, unknown, "805ec0123456.cfg", NULL);
    g_autoptr(PaTestResponse) junk_token = fetch (fixture, "guess", "805ec0123456.cfg", NULL);
    /* the right token asking for another phone's file, and the other way round */
    g_autoptr(PaTestResponse) mismatch = fetch (fixture, fixture->token, "805ec0abcdef.cfg", NULL);
    g_autoptr(PaTestResponse) mismatch2 = fetch (fixture, other_token, "805ec0123456.cfg", NULL);
    g_autoptr(PaTestResponse) upper = fetch (fixture, fixture->token, "805EC0123456.cfg", NULL);
    g_autoptr(PaTestResponse) other_model = fetch (fixture, fixture->token, "y000000000028.cfg",
                                                   NULL);
    g_autoptr(PaTestResponse) xml = fetch (fixture, fixture->token, "cfg805ec0123456.xml", NULL);
    g_autoptr(PaTestResponse) dir = fetch (fixture, fixture->token, "", NULL);
    g_autoptr(PaTestResponse) deep = fetch (fixture, fixture->token, "a/805ec0123456.cfg", NULL);
    g_autoptr(PaTestResponse) no_file = pa_test_request (server, "GET", "/p/", NULL, NULL, -1,
                                                         FALSE, NULL);

    assert_refused (wrong_token);
    assert_refused (junk_token);
    assert_refused (mismatch);
    assert_refused (mismatch2);
    assert_refused (upper);
    assert_refused (other_model);
    assert_refused (xml);
    assert_refused (dir);
    assert_refused (deep);
    assert_refused (no_file);
  }

  {
    g_autofree char *path = g_strdup_printf ("/p/%s/805ec0123456.cfg", fixture->token);
    g_autoptr(PaTestResponse) post = pa_test_request (server, "POST", path, "text/plain", "x", -1,
                                                      FALSE, NULL);
    g_assert_cmpuint (post->status, ==, 405);
  }

  /* nothing was recorded for either phone */
  {
    g_autoptr(PaTestResponse) mine = pa_test_get (server, "phones", fixture->phone_id);
    g_autoptr(PaTestResponse) theirs = pa_test_get (server, "phones", other_id);

    g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (mine), "status"), ==,
                     "pending");
    g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (theirs), "status"), ==,
                     "pending");
  }

  /* a disabled phone gets nothing, even with the right token and file */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, fixture->phone_id);
    g_autoptr(PaTestResponse) disabled = pa_test_api (server, "PATCH", path,
                                                      "{\"enabled\": false}", "\"1\"");
    g_autoptr(PaTestResponse) refused = NULL;

    g_assert_cmpuint (disabled->status, ==, 200);
    refused = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
    assert_refused (refused);
  }
}

static void
test_etag (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(PaTestResponse) first = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_autoptr(PaTestResponse) second = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  const char *etag = soup_message_headers_get_one (first->headers, "ETag");

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_nonnull (etag);
  /* byte for byte the same, even though the fetch changed the phone's status */
  g_assert_cmpstr (first->text, ==, second->text);
  g_assert_cmpstr (soup_message_headers_get_one (second->headers, "ETag"), ==, etag);

  {
    g_autoptr(PaTestResponse) cached = fetch (fixture, fixture->token, "805ec0123456.cfg", etag);

    g_assert_cmpuint (cached->status, ==, 304);
    g_assert_cmpuint (g_bytes_get_size (cached->body), ==, 0);
    g_assert_cmpstr (soup_message_headers_get_one (cached->headers, "ETag"), ==, etag);
  }

  /* editing the layout changes the bytes, so the old tag no longer matches */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/layouts/%" G_GINT64_FORMAT,
                                             fixture->layout_id);
    g_autoptr(PaTestResponse) edited = pa_test_api (fixture->server, "PATCH", path,
                                                    "{\"keys\": [{\"index\": 1, \"type\": \"blf\", "
                                                    "\"value\": \"203\", \"label\": \"Cy\"}]}",
                                                    "\"1\"");
    g_autoptr(PaTestResponse) fresh = NULL;

    g_assert_cmpuint (edited->status, ==, 200);
    fresh = fetch (fixture, fixture->token, "805ec0123456.cfg", etag);
    g_assert_cmpuint (fresh->status, ==, 200);
    g_assert_cmpstr (soup_message_headers_get_one (fresh->headers, "ETag"), !=, etag);
    assert_contains (fresh->text, "linekey.1.value = 203\n");
  }

  /* The tag is the phone's fingerprint, not the bytes' hash: after a
   * restart (nothing cached) a phone that has the file still gets 304,
   * which provd answers without rendering it. */
  {
    g_autoptr(PaTestResponse) current = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
    g_autofree char *tag = g_strdup (soup_message_headers_get_one (current->headers, "ETag"));
    g_autoptr(PaTestResponse) after_restart = NULL;
    g_autoptr(PaTestResponse) wildcard = NULL;

    pa_test_server_restart (fixture->server);
    after_restart = fetch (fixture, fixture->token, "805ec0123456.cfg", tag);
    g_assert_cmpuint (after_restart->status, ==, 304);
    /* "*" stands for a file this phone gets only once provd knows it does */
    wildcard = fetch (fixture, fixture->token, "805ec0123457.cfg", "*");
    assert_refused (wildcard);
  }
}

/* A cached file is answered without libsoup: the same status line,
 * headers (but Date) and bytes as the answer libsoup gave the first fetch;
 * HEAD gets the headers only. */
static void
test_quick_answer (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(PaTestResponse) first = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_autoptr(PaTestResponse) second = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_autoptr(PaTestResponse) head = NULL;
  g_autofree char *path = g_strdup_printf ("/p/%s/805ec0123456.cfg", fixture->token);
  const char *names[] = { "Server", "Connection", "ETag", "Cache-Control", "Content-Type",
                          "Content-Length" };

  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpuint (second->status, ==, 200);
  g_assert_cmpstr (second->text, ==, first->text);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_cmpstr (soup_message_headers_get_one (second->headers, names[i]), ==,
                     soup_message_headers_get_one (first->headers, names[i]));
  g_assert_nonnull (soup_message_headers_get_one (second->headers, "Date"));

  head = pa_test_request (fixture->server, "HEAD", path, NULL, NULL, -1, FALSE, NULL);
  g_assert_cmpuint (head->status, ==, 200);
  g_assert_cmpuint (g_bytes_get_size (head->body), ==, 0);
  g_assert_cmpstr (soup_message_headers_get_one (head->headers, "ETag"), ==,
                   soup_message_headers_get_one (first->headers, "ETag"));

  /* Other methods are libsoup's, and answered as before. */
  {
    g_autoptr(PaTestResponse) posted = pa_test_request (fixture->server, "POST", path,
                                                        "text/plain", "x", 1, FALSE, NULL);

    g_assert_cmpuint (posted->status, ==, 405);
  }
}

/* Download Config: the phone's real files, passwords and all, for the
 * admin; every download is logged. */
static void
test_download_config (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/config",
                                           fixture->phone_id);
  g_autoptr(PaTestResponse) fetched = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_autoptr(PaTestResponse) downloaded = pa_test_api (fixture->server, "GET", path, NULL, NULL);
  g_autoptr(PaTestResponse) anonymous = pa_test_request (fixture->server, "GET", path, NULL, NULL,
                                                         -1, FALSE, NULL);
  g_autoptr(PaTestResponse) missing = pa_test_api (fixture->server, "GET",
                                                   "/api/v1/phones/999/config", NULL, NULL);
  g_autoptr(PaTestResponse) posted = pa_test_api (fixture->server, "POST", path, "{}", NULL);
  JsonArray *files;
  gboolean found = FALSE;

  g_assert_cmpuint (downloaded->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (downloaded->headers, "Cache-Control"), ==,
                   "no-store");
  files = json_object_get_array_member (pa_test_response_object (downloaded), "files");
  g_assert_cmpuint (json_array_get_length (files), >=, 2);
  for (guint i = 0; i < json_array_get_length (files); i++)
    {
      JsonObject *file = json_array_get_object_element (files, i);

      g_assert_nonnull (json_object_get_string_member (file, "content_type"));
      if (!g_str_equal (json_object_get_string_member (file, "name"), "805ec0123456.cfg"))
        continue;
      found = TRUE;
      /* byte for byte what the phone gets, its password included */
      g_assert_cmpstr (json_object_get_string_member (file, "content"), ==, fetched->text);
      assert_contains (fetched->text, fixture->password);
    }
  g_assert_true (found);

  g_assert_cmpuint (anonymous->status, ==, 401);
  pa_test_assert_error (missing, 404, "not_found", NULL);
  g_assert_cmpuint (posted->status, ==, 405);
}

static const char *
generated_for (PaTestResponse *response,
               gint64          phone_id)
{
  JsonObject *object = pa_test_response_object (response);
  JsonArray *made;

  if (!json_object_has_member (object, "admin_passwords"))
    return NULL;
  made = json_object_get_array_member (object, "admin_passwords");
  for (guint i = 0; i < json_array_get_length (made); i++)
    {
      JsonObject *one = json_array_get_object_element (made, i);

      if (json_object_get_int_member (one, "phone_id") == phone_id)
        return json_object_get_string_member (one, "admin_password");
    }
  return NULL;
}

/* A profile's "generated" admin password policy: provd makes one per
 * phone, once; the answer that made it shows it, nothing else does, and
 * the phone's files carry it. */
static void
test_generated_admin_password (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(PaTestResponse) profile = NULL;
  g_autoptr(PaTestResponse) joined = NULL;
  g_autoptr(PaTestResponse) renamed = NULL;
  g_autoptr(PaTestResponse) got = NULL;
  g_autoptr(PaTestResponse) fetched = NULL;
  g_autoptr(PaTestResponse) again = NULL;
  g_autoptr(PaTestResponse) preview = NULL;
  g_autofree char *phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                                 fixture->phone_id);
  g_autofree char *preview_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT
                                                   "/preview/805ec0123456.cfg", fixture->phone_id);
  g_autofree char *body = NULL;
  g_autofree char *line = NULL;
  g_autofree char *password = NULL;
  g_autofree char *profile_path = NULL;
  gint64 profile_id;

  profile = pa_test_api (fixture->server, "POST", "/api/v1/profiles",
                         "{\"name\": \"Locked\", \"admin_password_policy\": \"generated\"}", NULL);
  g_assert_cmpuint (profile->status, ==, 201);
  /* a profile nobody uses makes no password */
  g_assert_null (generated_for (profile, fixture->phone_id));
  profile_id = json_object_get_int_member (pa_test_response_object (profile), "id");
  profile_path = g_strdup_printf ("/api/v1/profiles/%" G_GINT64_FORMAT, profile_id);

  body = g_strdup_printf ("{\"profile_id\": %" G_GINT64_FORMAT "}", profile_id);
  joined = pa_test_api (fixture->server, "PATCH", phone_path, body, "*");
  g_assert_cmpuint (joined->status, ==, 200);
  password = g_strdup (generated_for (joined, fixture->phone_id));
  g_assert_nonnull (password);
  g_assert_cmpuint (strlen (password), >=, 16);

  /* the phone's files carry it */
  fetched = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  line = g_strdup_printf ("static.security.user_password = admin:%s\n", password);
  assert_contains (fetched->text, line);

  /* the API never shows it again, nor does the preview */
  got = pa_test_get (fixture->server, "phones", fixture->phone_id);
  g_assert_null (strstr (got->text, password));
  preview = pa_test_api (fixture->server, "GET", preview_path, NULL, NULL);
  g_assert_cmpuint (preview->status, ==, 200);
  g_assert_null (strstr (preview->text, password));
  assert_contains (preview->text, "static.security.user_password = admin:********\n");

  /* made once: later edits neither make a new one nor show it */
  renamed = pa_test_api (fixture->server, "PATCH", phone_path, "{\"name\": \"Front\"}", "*");
  g_assert_null (generated_for (renamed, fixture->phone_id));
  {
    g_autoptr(PaTestResponse) edited = pa_test_api (fixture->server, "PATCH", profile_path,
                                                    "{\"ntp_server\": \"ntp.example\"}", "*");

    g_assert_cmpuint (edited->status, ==, 200);
    g_assert_null (generated_for (edited, fixture->phone_id));
  }
  again = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  assert_contains (again->text, line);

  /* The phone's own "none" policy leaves its password unmanaged only when
   * its profile says nothing either: with its profile's "none", no line. */
  {
    g_autoptr(PaTestResponse) released = pa_test_api (fixture->server, "PATCH", profile_path,
                                                      "{\"admin_password_policy\": \"none\"}", "*");
    g_autoptr(PaTestResponse) after = NULL;

    g_assert_cmpuint (released->status, ==, 200);
    g_assert_cmpint (json_object_get_int_member (pa_test_response_object (released),
                                                 "affected_phones"), ==, 1);
    after = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
    g_assert_null (strstr (after->text, password));
  }
}

/* Who downloaded what, in provd's log. */
static void
test_download_logged (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
  g_autofree char *log = g_build_filename (dir, "stderr.log", NULL);
  PaTestServerOptions options = { .stderr_path = log };
  g_autoptr(PaTestServer) server = pa_test_server_new_with_options (&options);
  g_autoptr(PaTestResponse) created = NULL;
  g_autoptr(PaTestResponse) downloaded = NULL;
  g_autofree char *path = NULL;
  g_autofree char *logged = NULL;

  created = pa_test_api (server, "POST", "/api/v1/phones",
                         "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:AB:CD:EF\", "
                         "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/config",
                          json_object_get_int_member (pa_test_response_object (created), "id"));
  downloaded = pa_test_api (server, "GET", path, NULL, NULL);
  g_assert_cmpuint (downloaded->status, ==, 200);
  pa_test_server_stop (server);

  g_assert_true (g_file_get_contents (log, &logged, NULL, NULL));
  assert_contains (logged, "downloaded the configuration of phone 80:5E:C0:AB:CD:EF");
  g_unlink (log);
  g_rmdir (dir);
}

static void
test_new_password_served (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/sip-accounts/%" G_GINT64_FORMAT "/password",
                                           fixture->account_id);
  g_autoptr(PaTestResponse) regenerated = pa_test_api (fixture->server, "POST", path,
                                                       "{\"confirm\": \"REGENERATE\"}", NULL);
  g_autoptr(PaTestResponse) config = NULL;
  g_autofree char *line = NULL;
  const char *password;

  g_assert_cmpuint (regenerated->status, ==, 200);
  password = json_object_get_string_member (pa_test_response_object (regenerated), "sip_password");
  config = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  line = g_strdup_printf ("account.1.password = %s\n", password);
  assert_contains (config->text, line);
  g_assert_null (strstr (config->text, fixture->password));
}

static void
test_sidecar_keys (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 module_layout = pa_test_create (fixture->server, "module-layouts",
                                         "{\"name\": \"Sidecar\", \"module\": \"yealink-exp50\", "
                                         "\"keys\": [{\"index\": 1, \"type\": \"speed_dial\", "
                                         "\"value\": \"100\", \"label\": \"Ops\"}]}");
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, fixture->phone_id);
  g_autofree char *body = g_strdup_printf ("{\"modules\": [{\"module\": \"yealink-exp50\", "
                                           "\"layout_id\": %" G_GINT64_FORMAT "}]}", module_layout);
  g_autoptr(PaTestResponse) attached = pa_test_api (fixture->server, "PATCH", path, body, "\"1\"");
  g_autoptr(PaTestResponse) config = NULL;

  g_assert_cmpuint (attached->status, ==, 200);
  config = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_assert_cmpuint (config->status, ==, 200);
  assert_contains (config->text, "expansion_module.1.key.1.value = 100\n");
  assert_contains (config->text, "expansion_module.1.key.1.label = Ops\n");
}

static void
test_token_regenerated (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/token",
                                           fixture->phone_id);
  g_autoptr(PaTestResponse) renewed = pa_test_api (fixture->server, "POST", path, NULL, NULL);
  JsonObject *object = pa_test_response_object (renewed);
  const char *token = json_object_get_string_member (object, "token");
  g_autofree char *url = g_strdup_printf ("http://prov.example:8670/p/%s/", token);

  g_assert_cmpuint (renewed->status, ==, 200);
  g_assert_cmpstr (token, !=, fixture->token);
  g_assert_cmpstr (json_object_get_string_member (object, "provisioning_url"), ==, url);

  {
    g_autoptr(PaTestResponse) old = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
    g_autoptr(PaTestResponse) current = fetch (fixture, token, "805ec0123456.cfg", NULL);

    assert_refused (old);
    g_assert_cmpuint (current->status, ==, 200);
  }
}

/* A fetch is written a moment later, in a batch: a provd stopped right
 * after it still records it. */
static void
test_fetch_recorded_at_stop (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(PaTestResponse) response = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_autoptr(PaTestResponse) after = NULL;
  JsonObject *phone;

  g_assert_cmpuint (response->status, ==, 200);
  pa_test_server_restart (fixture->server);
  phone = phone_json (fixture, &after);
  g_assert_cmpstr (json_object_get_string_member (phone, "status"), ==, "provisioning");
  g_assert_cmpstr (json_object_get_string_member (phone, "firmware"), ==, "96.86.0.100");
}

/* A phone fetching again within the minute, as it was, only moved its
 * last_seen: that is written when the minute is up (or at stop), not per
 * fetch; anything new about it (a new firmware) is written at once. */
static void
test_quiet_fetches (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/p/%s/805ec0123456.cfg", fixture->token);
  const char *upgraded[] = { "User-Agent", "Yealink SIP-T54W 96.86.0.120 80:5e:c0:12:34:56", NULL };
  g_autoptr(PaTestResponse) first = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_autoptr(PaTestResponse) seen_first = NULL;
  g_autoptr(PaTestResponse) again = NULL;
  g_autoptr(PaTestResponse) seen_again = NULL;
  g_autoptr(PaTestResponse) newer = NULL;
  g_autoptr(PaTestResponse) seen_newer = NULL;
  g_autoptr(PaTestResponse) after_stop = NULL;
  gint64 t1;

  g_assert_cmpuint (first->status, ==, 200);
  t1 = json_object_get_int_member (phone_json (fixture, &seen_first), "last_seen");
  g_assert_cmpint (t1, >, 0);

  g_usleep (1100 * 1000);   /* last_seen counts seconds */
  again = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_assert_cmpuint (again->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (phone_json (fixture, &seen_again), "last_seen"),
                   ==, t1);

  newer = pa_test_request (fixture->server, "GET", path, NULL, NULL, -1, FALSE, upgraded);
  g_assert_cmpuint (newer->status, ==, 200);
  {
    JsonObject *phone = phone_json (fixture, &seen_newer);

    g_assert_cmpstr (json_object_get_string_member (phone, "firmware"), ==, "96.86.0.120");
    g_assert_cmpint (json_object_get_int_member (phone, "last_seen"), >, t1);
  }

  /* and what waited is written when provd stops */
  g_usleep (1100 * 1000);
  g_clear_pointer (&again, pa_test_response_free);
  again = pa_test_request (fixture->server, "GET", path, NULL, NULL, -1, FALSE, upgraded);
  pa_test_server_restart (fixture->server);
  g_assert_cmpint (json_object_get_int_member (phone_json (fixture, &after_stop), "last_seen"),
                   >, json_object_get_int_member (pa_test_response_object (seen_newer), "last_seen"));
}

/* A setup link fetched by a phone that says it is someone else: another
 * vendor, or another MAC. A User-Agent that names no phone is served. */
static void
test_user_agent_contradiction (Fixture       *fixture,
                               gconstpointer  data)
{
  static const char * const refused_uas[] = {
    "Yealink SIP-T54W 96.86.0.100 80:5e:c0:99:99:99",
    "Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 1.1.5-IFX-05.01.12 000413A1B2C3 SXM:0 UXM:0)",
    "Grandstream Model HW GXP2170 SW 1.0.11.23 DevId 000b82a1b2c3",
  };
  static const char * const served_uas[] = {
    PHONE_UA,
    "curl/7.88.1",
    /* the same phone without its MAC in the User-Agent */
    "Yealink SIP-T54W 96.86.0.100",
  };
  g_autofree char *path = g_strdup_printf ("/p/%s/805ec0123456.cfg", fixture->token);

  for (guint i = 0; i < G_N_ELEMENTS (refused_uas); i++)
    {
      const char *headers[] = { "User-Agent", refused_uas[i], NULL };
      g_autoptr(PaTestResponse) response = pa_test_request (fixture->server, "GET", path, NULL,
                                                            NULL, -1, FALSE, headers);

      g_test_message ("%s", refused_uas[i]);
      assert_refused (response);
    }
  for (guint i = 0; i < G_N_ELEMENTS (served_uas); i++)
    {
      const char *headers[] = { "User-Agent", served_uas[i], NULL };
      g_autoptr(PaTestResponse) response = pa_test_request (fixture->server, "GET", path, NULL,
                                                            NULL, -1, FALSE, headers);

      g_test_message ("%s", served_uas[i]);
      g_assert_cmpuint (response->status, ==, 200);
    }
}

/* A line with no registrar anywhere (account, phone, server default) is a
 * phone that cannot register: it is not served a file, and the admin's
 * preview says why. Once a SIP server is set, the same fetch works. */
static void
test_needs_attention (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestResponse) created = NULL;
  g_autoptr(PaTestResponse) refused = NULL;
  g_autoptr(PaTestResponse) preview = NULL;
  g_autoptr(PaTestResponse) patched = NULL;
  g_autoptr(PaTestResponse) served = NULL;
  g_autofree char *path = NULL;
  g_autofree char *preview_path = NULL;
  g_autofree char *phone_path = NULL;
  g_autofree char *etag = NULL;
  const char *headers[] = { "User-Agent", PHONE_UA, NULL };
  JsonObject *error_object;
  gint64 id;

  g_assert_no_error (error);
  /* no sip-server: the office has not said where its PBX is */
  g_file_set_contents (config, "[server]\npublic-url=http://prov.example:8670\n", -1, &error);
  g_assert_no_error (error);
  server = pa_test_server_new_full (dir, config);

  created = pa_test_api (server, "POST", "/api/v1/phones",
                         "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:12:34:56\", "
                         "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  id = json_object_get_int_member (pa_test_response_object (created), "id");
  path = g_strdup_printf ("/p/%s/805ec0123456.cfg",
                          json_object_get_string_member (pa_test_response_object (created), "token"));

  refused = pa_test_request (server, "GET", path, NULL, NULL, -1, FALSE, headers);
  assert_refused (refused);

  /* The API says why, on the phone and in the list. */
  {
    g_autoptr(PaTestResponse) got = pa_test_get (server, "phones", id);
    g_autoptr(PaTestResponse) list = pa_test_api (server, "GET", "/api/v1/phones", NULL, NULL);
    JsonArray *attention = json_object_get_array_member (pa_test_response_object (got),
                                                         "attention");
    JsonObject *item = json_array_get_object_element (
      json_object_get_array_member (pa_test_response_object (list), "items"), 0);

    g_assert_cmpuint (json_array_get_length (attention), ==, 1);
    g_assert_nonnull (strstr (json_array_get_string_element (attention, 0), "no SIP server"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "attention")),
                      ==, 1);
  }

  preview_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/preview/805ec0123456.cfg", id);
  preview = pa_test_api (server, "GET", preview_path, NULL, NULL);
  pa_test_assert_error (preview, 422, "needs_attention", NULL);
  {
    /* nor can its files be downloaded: the answer says why */
    g_autofree char *config_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/config", id);
    g_autoptr(PaTestResponse) download = pa_test_api (server, "GET", config_path, NULL, NULL);

    pa_test_assert_error (download, 422, "needs_attention", NULL);
  }
  error_object = json_object_get_object_member (pa_test_response_object (preview), "error");
  g_assert_nonnull (strstr (json_object_get_string_member (error_object, "message"),
                            "no SIP server"));

  etag = pa_test_etag_of (server, "phones", id);
  phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, id);
  patched = pa_test_api (server, "PATCH", phone_path, "{\"sip_server\": \"pbx.example.com\"}", etag);
  g_assert_cmpuint (patched->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      pa_test_response_object (patched), "attention")), ==, 0);
  served = pa_test_request (server, "GET", path, NULL, NULL, -1, FALSE, headers);
  g_assert_cmpuint (served->status, ==, 200);
  assert_contains (served->text, "account.1.sip_server.1.address = pbx.example.com\n");
}

static JsonArray *
fetch_history (Fixture *fixture)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/fetches",
                                           fixture->phone_id);
  g_autoptr(PaTestResponse) r = pa_test_api (fixture->server, "GET", path, NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return json_array_ref (json_object_get_array_member (pa_test_response_object (r), "items"));
}

static void
assert_record (JsonArray  *items,
               guint       index,
               const char *file,
               guint       status,
               gint64      count)
{
  JsonObject *record = json_array_get_object_element (items, index);

  g_assert_cmpstr (json_object_get_string_member (record, "file"), ==, file);
  g_assert_cmpint (json_object_get_int_member (record, "status"), ==, status);
  g_assert_cmpint (json_object_get_int_member (record, "count"), ==, count);
  g_assert_cmpstr (json_object_get_string_member (record, "ip"), ==, "127.0.0.1");
  g_assert_cmpstr (json_object_get_string_member (record, "user_agent"), ==, PHONE_UA);
  g_assert_nonnull (json_object_get_string_member (record, "last_seen"));
}

/* What the phone asked for, most recent first, alike requests counted as
 * one: kept across a restart, and bounded. */
static void
test_fetch_history (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(PaTestResponse) first = fetch (fixture, fixture->token, "y000000000096.cfg", NULL);
  g_autoptr(PaTestResponse) again = fetch (fixture, fixture->token, "y000000000096.cfg",
                                           soup_message_headers_get_one (first->headers, "ETag"));
  g_autoptr(PaTestResponse) own = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_autoptr(PaTestResponse) own_again = fetch (fixture, fixture->token, "805ec0123456.cfg", NULL);
  g_autoptr(PaTestResponse) missing = fetch (fixture, fixture->token, "805ec0123456-extra.cfg",
                                             NULL);
  g_autoptr(JsonArray) items = NULL;

  g_assert_cmpuint (again->status, ==, 304);
  g_assert_cmpuint (missing->status, ==, 404);
  items = fetch_history (fixture);
  g_assert_cmpuint (json_array_get_length (items), ==, 4);
  assert_record (items, 0, "805ec0123456-extra.cfg", 404, 1);
  assert_record (items, 1, "805ec0123456.cfg", 200, 2);
  assert_record (items, 2, "y000000000096.cfg", 304, 1);
  assert_record (items, 3, "y000000000096.cfg", 200, 1);

  /* Written by the fetch log's thread, read back after a restart. */
  pa_test_server_restart (fixture->server);
  g_clear_pointer (&items, json_array_unref);
  items = fetch_history (fixture);
  g_assert_cmpuint (json_array_get_length (items), ==, 4);
  assert_record (items, 1, "805ec0123456.cfg", 200, 2);

  /* Many kinds of request: the newest twenty. */
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *name = g_strdup_printf ("805ec0123456-%u.cfg", i);
      g_autoptr(PaTestResponse) r = fetch (fixture, fixture->token, name, NULL);

      g_assert_cmpuint (r->status, ==, 404);
    }
  g_clear_pointer (&items, json_array_unref);
  items = fetch_history (fixture);
  g_assert_cmpuint (json_array_get_length (items), ==, 20);
  assert_record (items, 0, "805ec0123456-24.cfg", 404, 1);

  /* No such phone. */
  {
    g_autoptr(PaTestResponse) none = pa_test_api (fixture->server, "GET",
                                                  "/api/v1/phones/999/fetches", NULL, NULL);
    g_autoptr(PaTestResponse) zero = pa_test_api (fixture->server, "GET",
                                                  "/api/v1/phones/0/fetches", NULL, NULL);
    g_autoptr(PaTestResponse) post = pa_test_api (fixture->server, "POST",
                                                  "/api/v1/phones/1/fetches", "{}", NULL);

    g_assert_cmpuint (none->status, ==, 404);
    g_assert_cmpuint (zero->status, ==, 404);
    g_assert_cmpuint (post->status, ==, 405);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/phone-endpoint/yealink/device-file", test_device_file);
  ADD ("/phone-endpoint/yealink/common-file", test_common_file);
  ADD ("/phone-endpoint/yealink/refusals", test_refusals);
  ADD ("/phone-endpoint/yealink/etag", test_etag);
  ADD ("/phone-endpoint/yealink/new-password-served", test_new_password_served);
  ADD ("/phone-endpoint/yealink/sidecar-keys", test_sidecar_keys);
  ADD ("/phone-endpoint/token-regenerated", test_token_regenerated);
  ADD ("/phone-endpoint/user-agent-contradiction", test_user_agent_contradiction);
  ADD ("/phone-endpoint/fetch-recorded-at-stop", test_fetch_recorded_at_stop);
  ADD ("/phone-endpoint/download-config", test_download_config);
  ADD ("/phone-endpoint/quick-answer", test_quick_answer);
  ADD ("/phone-endpoint/quiet-fetches", test_quiet_fetches);
  ADD ("/phone-endpoint/generated-admin-password", test_generated_admin_password);
  ADD ("/phone-endpoint/fetch-history", test_fetch_history);

#undef ADD

  g_test_add_func ("/phone-endpoint/needs-attention", test_needs_attention);
  g_test_add_func ("/phone-endpoint/download-logged", test_download_logged);

  return g_test_run ();
}
