/* test-profiles.c — profiles inheriting from profiles, seen in the files
 * each phone gets from the real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-test-server.h"

typedef struct
{
  PaTestServer *server;
  gint64        company, sales, floor;   /* grandparent, parent, child */
  gint64        phones[3];               /* on floor, sales, company */
} Fixture;

static gint64
create_profile (PaTestServer *server,
                const char   *format,
                ...)
{
  g_autofree char *body = NULL;
  va_list args;

  va_start (args, format);
  body = g_strdup_vprintf (format, args);
  va_end (args);
  return pa_test_create (server, "profiles", body);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  PaTestServer *server;

  fixture->server = server = pa_test_server_new ();
  fixture->company = create_profile (server,
                                     "{\"name\": \"Company\", \"timezone\": \"Europe/Berlin\","
                                     " \"ntp_server\": \"ntp.company.example\", \"update_interval\": 120,"
                                     " \"custom_params\": {\"yealink\": {\"features.dnd.enable\": \"1\","
                                     " \"phone_setting.backlight_time\": \"30\"}}}");
  fixture->sales = create_profile (server,
                                   "{\"name\": \"Sales\", \"parent_id\": %" G_GINT64_FORMAT ","
                                   " \"timezone\": \"America/New_York\", \"update_interval\": null,"
                                   " \"custom_params\": {\"yealink\": {\"phone_setting.backlight_time\": \"60\"}}}",
                                   fixture->company);
  fixture->floor = create_profile (server,
                                   "{\"name\": \"Sales floor 2\", \"parent_id\": %" G_GINT64_FORMAT ","
                                   " \"update_interval\": 60}", fixture->sales);
  for (guint i = 0; i < 3; i++)
    {
      gint64 profile = i == 0 ? fixture->floor : i == 1 ? fixture->sales : fixture->company;
      g_autofree char *body = g_strdup_printf ("{\"name\": \"Desk %u\", \"mac\": \"80:5E:C0:00:02:%02X\","
                                               " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\","
                                               " \"sip_server\": \"pbx.example.com\","
                                               " \"profile_id\": %" G_GINT64_FORMAT "}", i, i, profile);

      fixture->phones[i] = pa_test_create (server, "phones", body);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pa_test_server_free (fixture->server);
}

/* Phone @i's MAC file and its model's common file, one after the other,
 * as the phone fetches them. */
static char *
files_of (Fixture *fixture,
          guint    i)
{
  g_autoptr(PaTestResponse) phone = pa_test_get (fixture->server, "phones", fixture->phones[i]);
  const char *token = json_object_get_string_member (pa_test_response_object (phone), "token");
  const char *ua[] = { "User-Agent", "Yealink SIP-T54W 96.85.0.5", NULL };
  g_autofree char *mac_path = g_strdup_printf ("/p/%s/805ec00002%02x.cfg", token, i);
  g_autofree char *common_path = g_strdup_printf ("/p/%s/y000000000096.cfg", token);
  g_autoptr(PaTestResponse) mac = pa_test_request (fixture->server, "GET", mac_path, NULL, NULL, 0, FALSE, ua);
  g_autoptr(PaTestResponse) common = pa_test_request (fixture->server, "GET", common_path, NULL, NULL, 0, FALSE, ua);

  g_assert_cmpuint (mac->status, ==, 200);
  g_assert_cmpuint (common->status, ==, 200);
  return g_strconcat (mac->text, common->text, NULL);
}

static void
assert_line (const char *files,
             const char *line)
{
  g_autofree char *framed = g_strdup_printf ("\n%s\n", line);

  if (strstr (files, framed) == NULL)
    g_error ("No line “%s” in the phone's files", line);
}

/* Three levels: each phone gets every value from the nearest profile that
 * sets it, the server's defaults below them all. */
static void
test_three_levels (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *floor = files_of (fixture, 0);
  g_autofree char *sales = files_of (fixture, 1);
  g_autofree char *company = files_of (fixture, 2);

  /* floor: its own interval; New York from sales; NTP and DND from the
   * company; sales' backlight over the company's. */
  assert_line (floor, "static.auto_provision.repeat.minutes = 60");
  assert_line (floor, "local_time.time_zone = -5");
  assert_line (floor, "local_time.ntp_server1 = ntp.company.example");
  assert_line (floor, "features.dnd.enable = 1");
  assert_line (floor, "phone_setting.backlight_time = 60");
  /* sales: no interval of its own, the company's. */
  assert_line (sales, "static.auto_provision.repeat.minutes = 120");
  assert_line (sales, "local_time.time_zone = -5");
  assert_line (sales, "phone_setting.backlight_time = 60");
  /* company: only its own. */
  assert_line (company, "static.auto_provision.repeat.minutes = 120");
  assert_line (company, "local_time.time_zone = +1");
  assert_line (company, "phone_setting.backlight_time = 30");
}

/* A change at the top reaches the phones below it: their fingerprints
 * (so their files' ETags) change, and the PATCH says how many. */
static void
test_change_reaches_down (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/profiles/%" G_GINT64_FORMAT, fixture->company);
  g_autofree char *before = pa_test_fingerprint_of (fixture->server, fixture->phones[0]);
  g_autoptr(PaTestResponse) patched = pa_test_api (fixture->server, "PATCH", path,
                                                   "{\"ntp_server\": \"time.company.example\"}", "*");
  g_autofree char *after = NULL;
  g_autofree char *floor = NULL;

  g_assert_cmpuint (patched->status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (pa_test_response_object (patched), "affected_phones"), ==, 3);
  after = pa_test_fingerprint_of (fixture->server, fixture->phones[0]);
  g_assert_cmpstr (after, !=, before);
  floor = files_of (fixture, 0);
  assert_line (floor, "local_time.ntp_server1 = time.company.example");
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *company = g_strdup_printf ("/api/v1/profiles/%" G_GINT64_FORMAT, fixture->company);
  g_autofree char *sales = g_strdup_printf ("/api/v1/profiles/%" G_GINT64_FORMAT, fixture->sales);
  g_autofree char *loop = g_strdup_printf ("{\"parent_id\": %" G_GINT64_FORMAT "}", fixture->floor);
  g_autofree char *itself = g_strdup_printf ("{\"parent_id\": %" G_GINT64_FORMAT "}", fixture->company);
  g_autoptr(PaTestResponse) looped = pa_test_api (fixture->server, "PATCH", company, loop, "*");
  g_autoptr(PaTestResponse) own = pa_test_api (fixture->server, "PATCH", company, itself, "*");
  g_autoptr(PaTestResponse) missing = pa_test_api (fixture->server, "PATCH", company, "{\"parent_id\": 99}", "*");
  g_autoptr(PaTestResponse) in_use = pa_test_api (fixture->server, "DELETE", sales, NULL, "*");
  gint64 parent = fixture->floor;

  pa_test_assert_error (looped, 422, "rule_violation", "parent_id");
  pa_test_assert_error (own, 422, "rule_violation", "parent_id");
  pa_test_assert_error (missing, 422, "rule_violation", "parent_id");
  g_assert_cmpuint (in_use->status, ==, 409);
  g_assert_nonnull (strstr (in_use->text, "1 profile inherits from it"));

  /* Company ← sales ← floor ← 2 more is 5 levels; a sixth is refused. */
  for (guint i = 0; i < 2; i++)
    parent = create_profile (fixture->server, "{\"name\": \"Level %u\", \"parent_id\": %" G_GINT64_FORMAT "}",
                             4 + i, parent);
  {
    g_autofree char *body = g_strdup_printf ("{\"name\": \"Too deep\", \"parent_id\": %" G_GINT64_FORMAT "}",
                                             parent);
    g_autoptr(PaTestResponse) deep = pa_test_api (fixture->server, "POST", "/api/v1/profiles", body, NULL);

    pa_test_assert_error (deep, 422, "rule_violation", "parent_id");
  }
}

/* SIP media and signalling through the chain: the company's codecs, SRTP
 * and TCP; the floor's own DTMF over the company's. */
static void
test_media (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *company = g_strdup_printf ("/api/v1/profiles/%" G_GINT64_FORMAT, fixture->company);
  g_autofree char *floor_path = g_strdup_printf ("/api/v1/profiles/%" G_GINT64_FORMAT, fixture->floor);
  g_autoptr(PaTestResponse) set = pa_test_api (fixture->server, "PATCH", company,
                                               "{\"sip_transport\": \"tcp\", \"srtp\": \"on\","
                                               " \"dtmf\": \"info\", \"codecs\": [\"G722\", \"PCMA\"]}",
                                               "*");
  g_autoptr(PaTestResponse) own = pa_test_api (fixture->server, "PATCH", floor_path,
                                               "{\"dtmf\": \"inband\"}", "*");
  g_autofree char *floor = NULL;
  g_autofree char *sales = NULL;

  g_assert_cmpuint (set->status, ==, 200);
  g_assert_cmpuint (own->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (set), "srtp"), ==, "on");
  floor = files_of (fixture, 0);
  sales = files_of (fixture, 1);

  assert_line (sales, "account.1.sip_server.1.transport_type = 1");
  assert_line (sales, "account.1.srtp_encryption = 2");
  assert_line (sales, "account.1.dtmf.type = 2");
  assert_line (sales, "account.1.codec.g722.priority = 1");
  assert_line (sales, "account.1.codec.pcma.priority = 2");
  g_assert_null (strstr (sales, "codec.pcmu"));
  assert_line (floor, "account.1.dtmf.type = 0");
  assert_line (floor, "account.1.codec.g722.priority = 1");

  /* Back to inheriting: null. */
  {
    g_autoptr(PaTestResponse) reset = pa_test_api (fixture->server, "PATCH", company,
                                                   "{\"codecs\": null, \"srtp\": null}", "*");
    g_autofree char *again = NULL;

    g_assert_cmpuint (reset->status, ==, 200);
    g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (pa_test_response_object (reset),
                                                                 "codecs")));
    again = files_of (fixture, 1);
    assert_line (again, "account.1.codec.pcmu.priority = 1");
    assert_line (again, "account.1.srtp_encryption = 0");
  }

  /* Malformed: each refused, naming the member. */
  {
    const struct { const char *body; const char *code; const char *field; } cases[] = {
      { "{\"srtp\": \"maybe\"}", "invalid_value", "srtp" },
      { "{\"srtp\": true}", "wrong_type", "srtp" },
      { "{\"sip_transport\": \"sctp\"}", "invalid_value", "sip_transport" },
      { "{\"dtmf\": \"morse\"}", "invalid_value", "dtmf" },
      { "{\"codecs\": []}", "invalid_value", "codecs" },
      { "{\"codecs\": \"PCMU\"}", "wrong_type", "codecs" },
      { "{\"codecs\": [\"G711\"]}", "invalid_value", "codecs[0]" },
      { "{\"codecs\": [\"PCMU\", 3]}", "wrong_type", "codecs[1]" },
      { "{\"codecs\": [\"PCMU\", \"PCMU\"]}", "invalid_value", "codecs[1]" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(PaTestResponse) refused = pa_test_api (fixture->server, "PATCH", company,
                                                         cases[i].body, "*");

        g_test_message ("%s", cases[i].body);
        pa_test_assert_error (refused, 400, cases[i].code, cases[i].field);
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/profiles/three-levels", Fixture, NULL, fixture_setup, test_three_levels, fixture_teardown);
  g_test_add ("/profiles/change-reaches-down", Fixture, NULL, fixture_setup, test_change_reaches_down,
              fixture_teardown);
  g_test_add ("/profiles/media", Fixture, NULL, fixture_setup, test_media, fixture_teardown);
  g_test_add ("/profiles/refused", Fixture, NULL, fixture_setup, test_refused, fixture_teardown);
  return g_test_run ();
}
