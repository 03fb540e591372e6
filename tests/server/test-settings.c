/* test-settings.c — /api/v1/settings against the real provd: what phones
 * get from it, how many phones a change reaches (asked before, reported
 * after), what the key file fixes, bad input, and a restart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pa-test-server.h"

typedef struct
{
  PaTestServer *server;
  gint64        phones[2];   /* [0] its line has no server; [1] its own */
} Office;

/* A provd whose key file fixes nothing but the public URL (or nothing). */
static PaTestServer *
server_with_config (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-settings-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "provd.conf", NULL);

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
  return pa_test_server_new_full (NULL, path);
}

static gint64
add_phone (PaTestServer *server,
           guint         n,
           const char   *server_member)
{
  g_autofree char *account = g_strdup_printf ("{\"username\": \"10%u\"%s}", n, server_member);
  gint64 account_id = pa_test_create (server, "sip-accounts", account);
  g_autofree char *phone = g_strdup_printf ("{\"name\": \"Desk %u\", \"mac\": \"80:5E:C0:00:00:0%u\","
                                            " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\","
                                            " \"lines\": [%" G_GINT64_FORMAT "]}",
                                            n, n, account_id);

  return pa_test_create (server, "phones", phone);
}

static char *
preview_file (PaTestServer *server,
              gint64        phone_id,
              const char   *name)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/preview/%s",
                                           phone_id, name);
  g_autoptr(PaTestResponse) r = pa_test_api (server, "GET", path, NULL, NULL);

  g_assert_cmpuint (r->status, ==, 200);
  return g_strdup (r->text);
}

/* The phone's own file and the T54W's common one, as they would be served
 * (passwords masked). */
static char *
phone_file (PaTestServer *server,
            gint64        phone_id,
            guint         n)
{
  g_autofree char *own_name = g_strdup_printf ("805ec000000%u.cfg", n);
  g_autofree char *own = preview_file (server, phone_id, own_name);
  g_autofree char *common = preview_file (server, phone_id, "y000000000096.cfg");

  return g_strconcat (own, "\n", common, NULL);
}

static JsonArray *
attention_of (PaTestResponse *phone)
{
  return json_object_get_array_member (pa_test_response_object (phone), "attention");
}

static gint64
preview (PaTestServer *server,
         const char   *body)
{
  g_autoptr(PaTestResponse) r = pa_test_api (server, "POST", "/api/v1/settings/preview", body,
                                             NULL);

  if (r->status != 200)
    g_error ("preview %s: %u %s", body, r->status, r->text);
  return json_object_get_int_member (pa_test_response_object (r), "affected_phones");
}

static gint64
patch (PaTestServer *server,
       const char   *body)
{
  g_autoptr(PaTestResponse) r = pa_test_api (server, "PATCH", "/api/v1/settings", body, "*");

  if (r->status != 200)
    g_error ("PATCH %s: %u %s", body, r->status, r->text);
  return json_object_get_int_member (pa_test_response_object (r), "affected_phones");
}

static void
assert_line (const char *file,
             const char *line)
{
  g_autofree char *with_newline = g_strconcat (line, "\n", NULL);

  if (strstr (file, with_newline) == NULL)
    g_error ("no line “%s” in:\n%s", line, file);
}

static void
test_defaults_and_changes (void)
{
  g_autoptr(PaTestServer) server = server_with_config ("[server]\npublic-url = http://192.0.2.1:8670\n");
  g_autoptr(PaTestResponse) settings = NULL;
  g_autofree char *before_a = NULL;
  g_autofree char *before_b = NULL;
  g_autofree char *after_a = NULL;
  g_autofree char *after_b = NULL;
  JsonObject *object;
  gint64 a, b;

  settings = pa_test_api (server, "GET", "/api/v1/settings", NULL, NULL);
  g_assert_cmpuint (settings->status, ==, 200);
  g_assert_cmpstr (soup_message_headers_get_one (settings->headers, "ETag"), ==, "\"1\"");
  object = pa_test_response_object (settings);
  g_assert_cmpstr (json_object_get_string_member (object, "public_url"), ==,
                   "http://192.0.2.1:8670/");
  g_assert_true (json_object_get_null_member (object, "sip_server"));
  g_assert_cmpint (json_object_get_int_member (object, "sip_port"), ==, 5060);
  g_assert_cmpstr (json_object_get_string_member (object, "sip_transport"), ==, "udp");
  g_assert_cmpint (json_object_get_int_member (object, "update_interval"), ==, 1440);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "fixed")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (object, "fixed"), 0),
                   ==, "public_url");
  g_assert_false (json_object_get_boolean_member (object, "tls"));

  a = add_phone (server, 1, "");
  b = add_phone (server, 2, ", \"server\": \"own.example.com\"");
  {
    g_autoptr(PaTestResponse) phone = pa_test_get (server, "phones", a);

    /* No registrar anywhere: it needs attention and says where to set one. */
    g_assert_cmpuint (json_array_get_length (attention_of (phone)), ==, 1);
  }
  before_b = phone_file (server, b, 2);

  /* The default registrar reaches the phone whose line has none, only. */
  g_assert_cmpint (preview (server, "{\"sip_server\": \"pbx.example.com\", \"sip_port\": 5080,"
                                    " \"sip_transport\": \"tcp\","
                                    " \"outbound_proxy\": \"sbc.example.com\"}"), ==, 1);
  {
    g_autoptr(PaTestResponse) unchanged = pa_test_api (server, "GET", "/api/v1/settings", NULL, NULL);

    g_assert_cmpstr (soup_message_headers_get_one (unchanged->headers, "ETag"), ==, "\"1\"");
  }
  g_assert_cmpint (patch (server, "{\"sip_server\": \"pbx.example.com\", \"sip_port\": 5080,"
                                  " \"sip_transport\": \"tcp\","
                                  " \"outbound_proxy\": \"sbc.example.com\"}"), ==, 1);
  {
    g_autoptr(PaTestResponse) phone = pa_test_get (server, "phones", a);

    g_assert_cmpuint (json_array_get_length (attention_of (phone)), ==, 0);
  }
  after_a = phone_file (server, a, 1);
  assert_line (after_a, "account.1.sip_server.1.address = pbx.example.com");
  assert_line (after_a, "account.1.sip_server.1.port = 5080");
  assert_line (after_a, "account.1.sip_server.1.transport_type = 1");
  assert_line (after_a, "account.1.outbound_proxy_enable = 1");
  assert_line (after_a, "account.1.outbound_proxy.1.address = sbc.example.com");
  after_b = phone_file (server, b, 2);
  g_assert_cmpstr (after_b, ==, before_b);
  assert_line (after_b, "account.1.sip_server.1.address = own.example.com");

  /* Time zone, NTP and polling reach every phone without its own. */
  g_clear_pointer (&before_a, g_free);
  before_a = g_strdup (after_a);
  g_assert_cmpint (preview (server, "{\"timezone\": \"Europe/Berlin\"}"), ==, 2);
  g_assert_cmpint (patch (server, "{\"timezone\": \"Europe/Berlin\", \"ntp_server\": \"ntp.example.com\","
                                  " \"update_interval\": 60}"), ==, 2);
  g_clear_pointer (&after_a, g_free);
  after_a = phone_file (server, a, 1);
  assert_line (after_a, "local_time.time_zone = +1");
  assert_line (after_a, "local_time.ntp_server1 = ntp.example.com");
  assert_line (after_a, "static.auto_provision.repeat.minutes = 60");

  /* Saving what is already there reaches no phone. */
  g_assert_cmpint (preview (server, "{\"timezone\": \"Europe/Berlin\"}"), ==, 0);
  g_assert_cmpint (patch (server, "{\"timezone\": \"Europe/Berlin\"}"), ==, 0);

  /* Kept across a restart, with its revision. */
  pa_test_server_restart (server);
  g_clear_pointer (&settings, pa_test_response_free);
  settings = pa_test_api (server, "GET", "/api/v1/settings", NULL, NULL);
  object = pa_test_response_object (settings);
  g_assert_cmpstr (json_object_get_string_member (object, "sip_server"), ==, "pbx.example.com");
  g_assert_cmpstr (json_object_get_string_member (object, "timezone"), ==, "Europe/Berlin");
  g_assert_cmpint (json_object_get_int_member (object, "revision"), ==, 4);
  {
    g_autofree char *again = phone_file (server, a, 1);

    g_assert_cmpstr (again, ==, after_a);
  }
}

/* The key file's settings win: sent back unchanged they pass (a PUT of
 * what GET gave), changed they are refused with the field. */
static void
test_fixed (void)
{
  g_autoptr(PaTestServer) server = server_with_config ("[server]\npublic-url = http://192.0.2.1:8670/\n"
                                                       "sip-server = pbx.fixed.example\n");
  g_autoptr(PaTestResponse) settings = pa_test_api (server, "GET", "/api/v1/settings", NULL, NULL);
  g_autoptr(PaTestResponse) put = NULL;
  g_autoptr(PaTestResponse) refused = NULL;
  g_autofree char *body = NULL;
  JsonObject *object = pa_test_response_object (settings);

  g_assert_cmpstr (json_object_get_string_member (object, "sip_server"), ==, "pbx.fixed.example");
  json_object_remove_member (object, "fixed");
  json_object_remove_member (object, "bootstrap_url");
  json_object_remove_member (object, "tls");
  json_object_set_string_member (object, "ntp_server", "ntp.example.com");
  {
    g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

    json_node_set_object (node, object);
    body = json_to_string (node, FALSE);
  }
  put = pa_test_api (server, "PUT", "/api/v1/settings", body, "\"1\"");
  g_assert_cmpuint (put->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (put), "sip_server"), ==,
                   "pbx.fixed.example");
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (put), "ntp_server"), ==,
                   "ntp.example.com");

  refused = pa_test_api (server, "PATCH", "/api/v1/settings",
                         "{\"sip_server\": \"other.example.com\"}", "*");
  pa_test_assert_error (refused, 422, "rule_violation", "sip_server");
  g_assert_nonnull (strstr (refused->text, "configuration file"));
}

/* Bad input changes nothing and says which member is wrong. */
static void
test_bad_input (void)
{
  static const struct
  {
    const char *body;
    guint       status;
    const char *field;
    const char *code;
  } cases[] = {
    { "{\"public_url\": \"ftp://192.0.2.1/\"}", 400, "public_url", "invalid_value" },
    { "{\"public_url\": \"http://192.0.2.1/?x=1\"}", 400, "public_url", "invalid_value" },
    { "{\"public_url\": \"192.0.2.1\"}", 400, "public_url", "invalid_value" },
    { "{\"sip_server\": \"pbx example\"}", 400, "sip_server", "invalid_value" },
    { "{\"sip_port\": 0}", 400, "sip_port", "invalid_value" },
    { "{\"sip_port\": 70000}", 400, "sip_port", "invalid_value" },
    { "{\"sip_port\": \"5060\"}", 400, "sip_port", "wrong_type" },
    { "{\"sip_transport\": \"pigeon\"}", 400, "sip_transport", "invalid_value" },
    { "{\"outbound_proxy\": \"sbc.example.com:5061\"}", 400, "outbound_proxy", "invalid_value" },
    { "{\"timezone\": \"Mars/Olympus\"}", 400, "timezone", "invalid_value" },
    { "{\"ntp_server\": \"-ntp\"}", 400, "ntp_server", "invalid_value" },
    { "{\"update_interval\": 1}", 400, "update_interval", "invalid_value" },
    { "{\"colour\": \"blue\"}", 400, "colour", "unknown_field" },
    { "[1]", 400, NULL, "malformed" },
    { "{\"sip_server\": \"a\", \"sip_server\": \"b\"}", 400, NULL, "malformed" },
    { "{\"sip_regions\": {}}", 400, "sip_regions", "wrong_type" },
    { "{\"sip_regions\": [1]}", 400, "sip_regions[0]", "wrong_type" },
    { "{\"sip_regions\": [{\"server\": \"eu.example.com\"}]}", 400, "sip_regions[0].name",
      "invalid_value" },
    { "{\"sip_regions\": [{\"name\": \"EU\"}]}", 400, "sip_regions[0].server", "invalid_value" },
    { "{\"sip_regions\": [{\"name\": \"EU\", \"server\": \"eu example\"}]}", 400,
      "sip_regions[0].server", "invalid_value" },
    { "{\"sip_regions\": [{\"name\": \"EU\", \"server\": \"a.example.com\", \"port\": 0}]}", 400,
      "sip_regions[0].port", "invalid_value" },
    { "{\"sip_regions\": [{\"name\": \"EU\", \"server\": \"a.example.com\", \"transport\": \"x\"}]}",
      400, "sip_regions[0].transport", "invalid_value" },
    { "{\"sip_regions\": [{\"name\": \"EU\", \"server\": \"a.example.com\", \"colour\": 1}]}", 400,
      "sip_regions[0].colour", "unknown_field" },
    { "{\"sip_regions\": [{\"name\": \"EU\", \"server\": \"a.example.com\"},"
      " {\"name\": \"eu\", \"server\": \"b.example.com\"}]}", 400, "sip_regions[1].name",
      "invalid_value" },
  };
  g_autoptr(PaTestServer) server = server_with_config ("[server]\n");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaTestResponse) patched = NULL;
      g_autoptr(PaTestResponse) previewed = NULL;
      g_autoptr(PaTestResponse) after = NULL;

      g_test_message ("%s", cases[i].body);
      previewed = pa_test_api (server, "POST", "/api/v1/settings/preview", cases[i].body, NULL);
      patched = pa_test_api (server, "PATCH", "/api/v1/settings", cases[i].body, "*");
      g_assert_cmpuint (patched->status, ==, cases[i].status);
      g_assert_cmpuint (previewed->status, ==, cases[i].status);
      pa_test_assert_error (patched, cases[i].status, cases[i].code, cases[i].field);
      pa_test_assert_error (previewed, cases[i].status, cases[i].code, cases[i].field);
      after = pa_test_api (server, "GET", "/api/v1/settings", NULL, NULL);
      g_assert_cmpstr (soup_message_headers_get_one (after->headers, "ETag"), ==, "\"1\"");
    }

  /* If-Match as for the others. */
  {
    g_autoptr(PaTestResponse) missing = pa_test_api (server, "PATCH", "/api/v1/settings",
                                                     "{\"ntp_server\": \"ntp.example.com\"}", NULL);
    g_autoptr(PaTestResponse) stale = pa_test_api (server, "PATCH", "/api/v1/settings",
                                                   "{\"ntp_server\": \"ntp.example.com\"}", "\"7\"");

    g_assert_cmpuint (missing->status, ==, 428);
    g_assert_cmpuint (stale->status, ==, 412);
  }

  /* One resource: no list, no create, no delete, no id. */
  {
    g_autoptr(PaTestResponse) post = pa_test_api (server, "POST", "/api/v1/settings", "{}", NULL);
    g_autoptr(PaTestResponse) del = pa_test_api (server, "DELETE", "/api/v1/settings", NULL, "*");
    g_autoptr(PaTestResponse) by_id = pa_test_api (server, "GET", "/api/v1/settings/1", NULL, NULL);
    g_autoptr(PaTestResponse) preview_get = pa_test_api (server, "GET", "/api/v1/settings/preview",
                                                         NULL, NULL);

    g_assert_cmpuint (post->status, ==, 405);
    g_assert_cmpuint (del->status, ==, 405);
    g_assert_cmpuint (by_id->status, ==, 404);
    g_assert_cmpuint (preview_get->status, ==, 405);
  }
}

/* A phone or profile picks a named registrar of the settings: its lines
 * without a server of their own register there, with the region's port
 * and transport; a region in use cannot be dropped, a phone cannot pick
 * one that does not exist. */
static void
test_sip_regions (void)
{
  g_autoptr(PaTestServer) server = server_with_config ("[server]\n");
  g_autofree char *file = NULL;
  gint64 a = add_phone (server, 1, "");
  gint64 b = add_phone (server, 2, "");
  gint64 profile;

  g_assert_cmpint (patch (server, "{\"sip_server\": \"pbx.example.com\","
                                  " \"sip_regions\": [{\"name\": \"EU\", \"server\": \"eu.example.com\","
                                  " \"port\": 5061, \"transport\": \"tls\"},"
                                  " {\"name\": \"US\", \"server\": \"us.example.com\"}]}"), ==, 2);
  {
    g_autoptr(PaTestResponse) r = pa_test_api (server, "GET", "/api/v1/settings", NULL, NULL);
    JsonArray *regions = json_object_get_array_member (pa_test_response_object (r), "sip_regions");
    JsonObject *eu = json_array_get_object_element (regions, 0);
    JsonObject *us = json_array_get_object_element (regions, 1);

    g_assert_cmpuint (json_array_get_length (regions), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (eu, "transport"), ==, "tls");
    g_assert_cmpint (json_object_get_int_member (us, "port"), ==, 5060);
    g_assert_cmpstr (json_object_get_string_member (us, "transport"), ==, "udp");
  }

  /* The phone picks EU (written in another case): its line goes there. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, a);
    g_autoptr(PaTestResponse) r = pa_test_api (server, "PATCH", path, "{\"sip_region\": \"eu\"}", "*");

    g_assert_cmpuint (r->status, ==, 200);
  }
  file = phone_file (server, a, 1);
  assert_line (file, "account.1.sip_server.1.address = eu.example.com");
  assert_line (file, "account.1.sip_server.1.port = 5061");
  assert_line (file, "account.1.sip_server.1.transport_type = 2");
  g_clear_pointer (&file, g_free);

  /* Through a profile, and the phone's own pick wins over the profile's. */
  profile = pa_test_create (server, "profiles", "{\"name\": \"America\", \"sip_region\": \"US\"}");
  {
    g_autofree char *body = g_strdup_printf ("{\"profile_id\": %" G_GINT64_FORMAT "}", profile);
    g_autofree char *path_a = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, a);
    g_autofree char *path_b = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, b);
    g_autoptr(PaTestResponse) ra = pa_test_api (server, "PATCH", path_a, body, "*");
    g_autoptr(PaTestResponse) rb = pa_test_api (server, "PATCH", path_b, body, "*");

    g_assert_cmpuint (ra->status, ==, 200);
    g_assert_cmpuint (rb->status, ==, 200);
  }
  file = phone_file (server, a, 1);
  assert_line (file, "account.1.sip_server.1.address = eu.example.com");
  g_clear_pointer (&file, g_free);
  file = phone_file (server, b, 2);
  assert_line (file, "account.1.sip_server.1.address = us.example.com");
  assert_line (file, "account.1.sip_server.1.port = 5060");

  /* Moving a region's registrar reaches the phones that use a region. */
  g_assert_cmpint (preview (server, "{\"sip_regions\": [{\"name\": \"EU\", \"server\": \"eu2.example.com\"},"
                                    " {\"name\": \"US\", \"server\": \"us.example.com\"}]}"), ==, 2);

  /* A region in use stays; one nobody picks can go. */
  {
    static const char *drop_us = "{\"sip_regions\": [{\"name\": \"EU\", \"server\": \"eu.example.com\","
                                 " \"port\": 5061, \"transport\": \"tls\"}]}";
    g_autoptr(PaTestResponse) refused = pa_test_api (server, "PATCH", "/api/v1/settings", drop_us, "*");
    g_autoptr(PaTestResponse) previewed = pa_test_api (server, "POST", "/api/v1/settings/preview",
                                                       drop_us, NULL);
    g_autoptr(PaTestResponse) unused = NULL;

    pa_test_assert_error (refused, 409, "conflict", "sip_regions");
    pa_test_assert_error (previewed, 409, "conflict", "sip_regions");
    g_assert_nonnull (strstr (refused->text, "0 phones and 1 profile"));
    unused = pa_test_api (server, "PATCH", "/api/v1/settings",
                          "{\"sip_regions\": [{\"name\": \"EU\", \"server\": \"eu.example.com\","
                          " \"port\": 5061, \"transport\": \"tls\"}, {\"name\": \"US\","
                          " \"server\": \"us.example.com\"}, {\"name\": \"APAC\","
                          " \"server\": \"ap.example.com\"}]}", "*");
    g_assert_cmpuint (unused->status, ==, 200);
    g_clear_pointer (&unused, pa_test_response_free);
    unused = pa_test_api (server, "PATCH", "/api/v1/settings",
                          "{\"sip_regions\": [{\"name\": \"EU\", \"server\": \"eu.example.com\","
                          " \"port\": 5061, \"transport\": \"tls\"}, {\"name\": \"US\","
                          " \"server\": \"us.example.com\"}]}", "*");
    g_assert_cmpuint (unused->status, ==, 200);
  }

  /* A region that does not exist is refused with its field, and nothing
   * changes. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, b);
    g_autoptr(PaTestResponse) r = pa_test_api (server, "PATCH", path, "{\"sip_region\": \"Mars\"}", "*");
    g_autoptr(PaTestResponse) p = pa_test_api (server, "POST", "/api/v1/profiles",
                                               "{\"name\": \"X\", \"sip_region\": \"Mars\"}", NULL);
    g_autoptr(PaTestResponse) phone = pa_test_get (server, "phones", b);

    pa_test_assert_error (r, 422, "rule_violation", "sip_region");
    pa_test_assert_error (p, 422, "rule_violation", "sip_region");
    g_assert_true (json_object_get_null_member (pa_test_response_object (phone), "sip_region"));
  }
}

/* Setup links follow the public URL the settings give. */
static void
test_public_url (void)
{
  g_autoptr(PaTestServer) server = server_with_config ("[server]\n");
  g_autoptr(PaTestResponse) token = NULL;
  g_autofree char *file = NULL;
  gint64 a = add_phone (server, 1, ", \"server\": \"own.example.com\"");
  gint64 b = add_phone (server, 2, ", \"server\": \"own.example.com\"");

  g_assert_cmpint (preview (server, "{\"public_url\": \"http://192.0.2.7:8670\"}"), ==, 2);
  g_assert_cmpint (patch (server, "{\"public_url\": \"http://192.0.2.7:8670\"}"), ==, 2);
  file = phone_file (server, a, 1);
  g_assert_nonnull (strstr (file, "static.auto_provision.server.url = http://192.0.2.7:8670/p/"));
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/token", b);

    token = pa_test_api (server, "POST", path, "{\"confirm\": \"REGENERATE\"}", NULL);
  }
  g_assert_cmpuint (token->status, ==, 200);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (pa_test_response_object (token),
                                                                  "provisioning_url"),
                                   "http://192.0.2.7:8670/p/"));
}

/* A setting that 1,000 phones or more read is saved at once, and their
 * files are recorded again on a unit of work afterwards, while provd
 * serves (at 100,000 phones the request held the main loop 20–28 s): the
 * answer counts them, GET /api/v1 says how many are being recorded, and
 * once done each has its new fingerprint, and the log says that none
 * needs a SIP server any more. */
/* A provd with @n phones (ids 1 to @n) imported, none of them with a SIP
 * server anywhere: every one needs attention. Its log goes to @log_path. */
static PaTestServer *
start_with_phones (guint   n,
                   char  **log_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-settings-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
  g_autoptr(GString) csv = g_string_new ("MAC,Model,Name\r\n");
  g_autoptr(PaTestResponse) imported = NULL;
  PaTestServerOptions options = { .config_file = config };
  PaTestServer *server;

  *log_path = g_build_filename (dir, "provd.log", NULL);
  options.stderr_path = *log_path;
  g_assert_true (g_file_set_contents (config, "[server]\n", -1, &error));
  server = pa_test_server_new_with_options (&options);
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (csv, "80:5E:C0:10:%02X:%02X,yealink-t54w,Desk %u\r\n",
                            i / 256, i % 256, i);
  imported = pa_test_request (server, "POST", "/api/v1/phones/import", "text/csv", csv->str,
                              (gssize) csv->len, TRUE, NULL);
  g_assert_cmpuint (imported->status, ==, 201);
  return server;
}

/* How many reasons phone @id has to need attention. */
static guint
reasons_of (PaTestServer *server,
            gint64        id)
{
  g_autoptr(PaTestResponse) phone = pa_test_get (server, "phones", id);

  return json_array_get_length (attention_of (phone));
}

static void
test_many_phones (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *log_text = NULL;
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestResponse) info = NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(PaTestResponse) renamed = NULL;
  g_autofree char *expected = NULL, *phone_path = NULL;
  gint64 last, logged = 0, since, last_phone = 0, renamed_seq = 0;
  guint recording;
  /* Six units of work (PA_DERIVE_UNIT_PHONES): the rename has the time of
   * five to arrive in. */
  const guint n = 3000;

  server = start_with_phones (n, &log);
  before = pa_test_fingerprint_of (server, 1);
  info = pa_test_api (server, "GET", "/api/v1", NULL, NULL);
  last = json_object_get_int_member (pa_test_response_object (info), "changes_last");

  g_assert_cmpint (patch (server, "{\"sip_server\": \"pbx.example.com\"}"), ==, n);
  /* Left to units of work before the answer went out. */
  g_assert_true (g_file_get_contents (log, &log_text, NULL, &error));
  expected = g_strdup_printf ("Recording what the files of %u phone(s)", n);
  g_assert_nonnull (strstr (log_text, expected));

  /* An edit meanwhile waits for one unit, not for every phone: a phone of
   * the last unit, renamed now, is in the log before the phones the
   * later units recorded. (Written here, it is not logged again there.) */
  phone_path = g_strdup_printf ("/api/v1/phones/%u", n);
  renamed = pa_test_api (server, "PATCH", phone_path, "{\"name\": \"Front desk\"}", "*");
  g_assert_cmpuint (renamed->status, ==, 200);

  /* Another setting every phone reads, meanwhile: the phones it reaches
   * join those left to record. */
  g_assert_cmpint (patch (server, "{\"ntp_server\": \"ntp.example.com\"}"), ==, n);

  /* Recorded after the answer (all of them, or done already). */
  recording = pa_test_server_wait_recorded (server);
  g_assert_cmpuint (recording, <=, n);
  after = pa_test_fingerprint_of (server, 1);
  g_assert_cmpstr (after, !=, before);
  g_assert_cmpuint (reasons_of (server, n), ==, 0);

  /* Each phone's attention change is in the log, after the settings'. */
  since = last;
  for (;;)
    {
      g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, since);
      g_autoptr(PaTestResponse) page = pa_test_api (server, "GET", path, NULL, NULL);
      JsonArray *changes = json_object_get_array_member (pa_test_response_object (page), "changes");

      g_assert_cmpuint (page->status, ==, 200);
      if (json_array_get_length (changes) == 0)
        break;
      for (guint i = 0; i < json_array_get_length (changes); i++)
        {
          JsonObject *change = json_array_get_object_element (changes, i);

          if (!g_str_equal (json_object_get_string_member (change, "kind"), "phone"))
            continue;
          logged++;
          last_phone = json_object_get_int_member (change, "seq");
          if (json_object_get_int_member (change, "id") == n)
            renamed_seq = json_object_get_int_member (change, "seq");
        }
      since = json_object_get_int_member (pa_test_response_object (page), "next_since");
    }
  g_assert_cmpint (logged, ==, n);
  g_assert_cmpint (renamed_seq, >, 0);
  g_test_message ("the rename is change %" G_GINT64_FORMAT ", the last phone's %" G_GINT64_FORMAT,
                  renamed_seq, last_phone);
  g_assert_cmpint (renamed_seq, <, last_phone);

  /* Every phone recorded with both: a start finds nothing left. */
  g_clear_pointer (&log_text, g_free);
  g_assert_true (g_file_get_contents (log, &log_text, NULL, &error));
  g_assert_nonnull (strstr (log_text, "left to record"));
  pa_test_server_stop (server);
  pa_test_server_restart_same_port (server);
  g_clear_pointer (&log_text, g_free);
  g_assert_true (g_file_get_contents (log, &log_text, NULL, &error));
  g_assert_null (strstr (strstr (log_text, "Stopped"), "Recording what the files"));
}

/* Stopped while it records them: a clean exit, what its units recorded
 * kept, and the next start records the rest. */
static void
test_stopped_while_recording (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *log = NULL;
  g_autofree char *text = NULL;
  g_autoptr(PaTestServer) server = NULL;
  const char *second, *recording;
  const guint n = 3000;

  server = start_with_phones (n, &log);
  g_assert_cmpuint (reasons_of (server, n), >, 0);
  g_assert_cmpint (patch (server, "{\"sip_server\": \"pbx.example.com\"}"), ==, n);
  /* At once: a unit under way, or the next one waiting for the store. */
  pa_test_server_stop (server);

  pa_test_server_restart_same_port (server);
  g_assert_cmpuint (pa_test_server_wait_recorded (server), <=, n);
  g_assert_cmpuint (reasons_of (server, 1), ==, 0);
  g_assert_cmpuint (reasons_of (server, n), ==, 0);

  /* The second start recorded what the first had not. */
  g_assert_true (g_file_get_contents (log, &text, NULL, &error));
  second = strstr (text, "Stopped");
  g_assert_nonnull (second);
  recording = strstr (second, "Recording what the files");
  if (recording != NULL)
    g_test_message ("%.*s", (int) strcspn (recording, "\n"), recording);
  else
    g_test_message ("the first start had recorded every phone before it stopped");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/settings/defaults-and-changes", test_defaults_and_changes);
  g_test_add_func ("/settings/fixed", test_fixed);
  g_test_add_func ("/settings/bad-input", test_bad_input);
  g_test_add_func ("/settings/public-url", test_public_url);
  g_test_add_func ("/settings/sip-regions", test_sip_regions);
  g_test_add_func ("/settings/many-phones", test_many_phones);
  g_test_add_func ("/settings/stopped-while-recording", test_stopped_while_recording);
  return g_test_run ();
}
