/* test-sip.c — provd reaches phones over SIP: reboot and resync NOTIFYs,
 * digest challenges, silent phones, malformed requests, Asterisk's AMI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real provd on loopback; sipp (sip-tester) plays the phone with the
 * scenarios in tests/server/sip/, each on a free UDP port. A scenario fails
 * its call (sipp exits non-zero) when the request lacks what a phone needs
 * (an Event header, a right digest answer), and logs what it got for the
 * test to compare. Waits are on conditions with deadlines, never fixed.
 */
#include "config.h"

#include <string.h>

#include "pa-server-config.h"
#include "pa-sip-notify.h"
#include "pa-test-ami.h"
#include "pa-test-sip.h"
#include "pa-test-sipp.h"

/* The key file's SIP and AMI keys: checked at start, a bad value named. */
static void
test_config (void)
{
  static const char * const bad[] = {
    "[server]\nsip-port = 70000\n",
    "[server]\nsip-port = -1\n",
    "[server]\nsip-keepalive = soon\n",
    "[server]\nsip-offline-after = 0\n",
    "[server]\nami-host = 192.0.2.5\n",
    "[server]\nami-host = 192.0.2.5\nami-username = a\n",
    "[server]\nami-username = a\nami-secret = b\n",
    "[server]\nami-host = 192.0.2.5\nami-port = 0\nami-username = a\nami-secret = b\n",
    "[server]\nami-host = 192.0.2.5\nami-username = a\nami-secret = b\\nAction: Originate\n",
  };
  static const char good[] =
    "[server]\nsip-port = 5070\nsip-timeout-ms = 4000\nsip-keepalive = 0\n"
    "sip-offline-after = 90\nami-host = 192.0.2.5\nami-port = 5039\n"
    "ami-username = phoneadmin\nami-secret = s3cret\n";

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PaServerConfig) config = pa_server_config_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (pa_server_config_load_data (config, bad[i], strlen (bad[i]), &error));
      g_test_message ("%s → %s", bad[i], error->message);
      g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
    }

  {
    g_autoptr(PaServerConfig) config = pa_server_config_new ();
    g_autoptr(GError) error = NULL;

    /* 5062 by default, a free port beside a free HTTP port */
    g_assert_cmpuint (pa_server_config_get_sip_port (config), ==, 5062);
    g_assert_true (pa_server_config_set_listen (config, "127.0.0.1:0", &error));
    g_assert_cmpuint (pa_server_config_get_sip_port (config), ==, 0);
    g_assert_cmpuint (config->sip_keepalive, ==, 30);
    g_assert_cmpuint (config->sip_offline_after, ==, 60);
    g_assert_null (config->ami_host);

    g_assert_true (pa_server_config_load_data (config, good, strlen (good), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (pa_server_config_get_sip_port (config), ==, 5070);
    g_assert_cmpuint (config->sip_timeout_ms, ==, 4000);
    g_assert_cmpuint (config->sip_keepalive, ==, 0);
    g_assert_cmpuint (config->sip_offline_after, ==, 90);
    g_assert_cmpstr (config->ami_host, ==, "192.0.2.5");
    g_assert_cmpuint (config->ami_port, ==, 5039);
    g_assert_cmpstr (config->ami_username, ==, "phoneadmin");
    g_assert_cmpstr (config->ami_secret, ==, "s3cret");
  }
}

/* Where a push goes: the registered contact first, else the address the
 * phone fetched from on its SIP port, with the line's user. */
static void
test_target (void)
{
  static const struct
  {
    const char *contact, *ip;
    guint       port;
    const char *user, *expected;
  } cases[] = {
    { "<sip:201@192.0.2.7:5062;transport=udp>;expires=60", "192.0.2.10", 5060, "201",
      "sip:201@192.0.2.7:5062;transport=udp" },
    { "\"Ann\" <sips:201@pbx.example.com>", NULL, 5060, "201", "sips:201@pbx.example.com" },
    { "sip:201@192.0.2.7", NULL, 0, NULL, "sip:201@192.0.2.7" },
    { "not a contact", "192.0.2.10", 5060, "201", "sip:201@192.0.2.10:5060" },
    { "<sip:201@192.0.2.7", "192.0.2.10", 5060, "201", "sip:201@192.0.2.10:5060" },
    { NULL, "192.0.2.10", 5070, "201", "sip:201@192.0.2.10:5070" },
    { NULL, "2001:db8::5", 5060, "201", "sip:201@[2001:db8::5]:5060" },
    { NULL, "192.0.2.10", 0, "201", "sip:201@192.0.2.10:5060" },
    { NULL, "192.0.2.10", 5060, NULL, "sip:192.0.2.10:5060" },
    { NULL, "192.0.2.10", 5060, "", "sip:192.0.2.10:5060" },
    { NULL, "192.0.2.10", 5060, "a b@c", "sip:a%20b%40c@192.0.2.10:5060" },
    { NULL, NULL, 5060, "201", NULL },
    { NULL, "not-an-address", 5060, "201", NULL },
    { "", NULL, 5060, "201", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *target = pa_sip_target_for_phone (cases[i].contact, cases[i].ip,
                                                         cases[i].port, cases[i].user);

      g_test_message ("%s / %s:%u / %s → %s", cases[i].contact, cases[i].ip, cases[i].port,
                      cases[i].user, target);
      g_assert_cmpstr (target, ==, cases[i].expected);
    }
}

/* Each vendor's reboot and resync reach the phone with the catalog's
 * Event (provisioning facts §2.8), at sip:<line user>@<its address>:<its
 * port>, and end answered. */
static void
test_events_per_vendor (void)
{
  static const struct
  {
    const char *vendor, *model, *mac, *resync, *reboot;
  } vendors[] = {
    { "yealink", "yealink-t54w", "80:5E:C0:00:00:01",
      "check-sync;reboot=false", "check-sync;reboot=true" },
    { "polycom", "polycom-vvx450", "00:04:F2:00:00:01", "check-sync", "check-sync" },
    { "grandstream", "grandstream-gxp2170", "00:0B:82:00:00:01",
      "check-sync", "check-sync;reboot=true" },
    { "cisco", "cisco-cp-8841", "00:26:99:00:00:01", "resync", "reboot_now" },
    { "snom", "snom-d785", "00:04:13:00:00:01",
      "check-sync;reboot=false", "check-sync;reboot=true" },
    { "fanvil", "fanvil-x6u", "0C:38:3E:00:00:01", "check-sync", "check-sync;reboot=true" },
  };
  g_autoptr(PaTestServer) server = NULL;

  if (!pa_test_sip_can_run ())
    return;
  server = pa_test_sip_provd_new (NULL);

  for (guint v = 0; v < G_N_ELEMENTS (vendors); v++)
    for (guint a = 0; a < 2; a++)
      {
        const char *action = a == 0 ? "resync" : "reboot";
        const char *expected = a == 0 ? vendors[v].resync : vendors[v].reboot;
        g_autoptr(PaTestSipp) sipp = pa_test_sipp_start ("notify-uas.xml", 1, NULL, NULL);
        g_autofree char *mac = g_strdup (vendors[v].mac);
        g_autoptr(PaTestSipPhone) phone = NULL;
        g_autoptr(PaTestResponse) accepted = NULL;
        g_autoptr(JsonObject) result = NULL;
        g_autofree char *event = NULL;
        g_autofree char *user = NULL;
        g_autofree char *target = NULL;
        JsonObject *pushed;

        mac[strlen (mac) - 1] = a == 0 ? '1' : '2';
        g_test_message ("%s %s → %s", vendors[v].vendor, action, expected);
        phone = pa_test_sip_phone_new (server, vendors[v].vendor, vendors[v].model, mac, sipp->port, TRUE);

        accepted = pa_test_sip_push (server, phone->id, action);
        g_assert_cmpuint (accepted->status, ==, 202);
        g_assert_cmpint (json_object_get_int_member (pa_test_response_object (accepted), "id"),
                         ==, phone->id);
        pushed = json_object_get_object_member (pa_test_response_object (accepted), "sip_push");
        g_assert_cmpstr (json_object_get_string_member (pushed, "action"), ==, action);
        g_assert_cmpstr (json_object_get_string_member (pushed, "event"), ==, expected);
        target = g_strdup_printf ("sip:%s@127.0.0.1:%u", phone->username, sipp->port);
        g_assert_cmpstr (json_object_get_string_member (pushed, "target"), ==, target);

        g_assert_cmpint (pa_test_sipp_wait (sipp), ==, 0);
        event = pa_test_sipp_logged (sipp, "EVENT ");
        g_assert_cmpstr (event, ==, expected);
        user = pa_test_sipp_logged (sipp, "RURI ");
        g_assert_cmpstr (user, ==, target);

        result = pa_test_sip_wait_action (server, phone->id, action);
        g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "answered");
        g_assert_cmpint (json_object_get_int_member (result, "code"), ==, 200);
        g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "OK");
        g_assert_cmpint (json_object_get_int_member (result, "at"), >, 1700000000);
      }
}

/* A phone that demands digest: provd answers the 401 with the line's
 * credentials, the phone checks them (sipp's verifyauth) and answers 200;
 * the result reaches the change feed as an update of the phone. With a
 * password the phone does not have, it ends as auth_failed. */
static void
test_challenge (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestSipPhone) phone = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PaTestResponse) changes = NULL;
  g_autoptr(PaTestResponse) before = NULL;
  g_autofree char *path = NULL;
  gboolean seen = FALSE;
  gint64 since;

  if (!pa_test_sip_can_run ())
    return;
  server = pa_test_sip_provd_new (NULL);

  {
    g_autoptr(PaTestSipp) sipp = pa_test_sipp_start ("notify-auth-uas.xml", 1, "placeholder", "x");
    g_autoptr(PaTestResponse) accepted = NULL;

    phone = pa_test_sip_phone_new (server, "cisco", "cisco-cp-8841", "00:26:99:00:00:10", sipp->port, TRUE);
    g_clear_pointer (&sipp, pa_test_sipp_free);
    sipp = pa_test_sipp_start ("notify-auth-uas.xml", 1, phone->username, phone->password);
    /* the port the phone listens on is the new sipp's */
    {
      g_autofree char *body = g_strdup_printf ("{\"local_sip_port\": %u}", sipp->port);
      g_autofree char *phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                                     phone->id);
      g_autoptr(PaTestResponse) patched = pa_test_api (server, "PATCH", phone_path, body, "*");

      g_assert_cmpuint (patched->status, ==, 200);
    }

    before = pa_test_api (server, "GET", "/api/v1/changes?since=0&limit=500", NULL, NULL);
    g_assert_cmpuint (before->status, ==, 200);
    since = json_object_get_int_member (pa_test_response_object (before), "last");

    accepted = pa_test_sip_push (server, phone->id, "resync");
    g_assert_cmpuint (accepted->status, ==, 202);
    g_assert_cmpint (pa_test_sipp_wait (sipp), ==, 0);
    authorization = pa_test_sipp_logged (sipp, "AUTHORIZATION ");
    g_assert_nonnull (authorization);
    expected = g_strdup_printf ("username=\"%s\"", phone->username);
    g_assert_nonnull (strstr (authorization, expected));
    g_assert_nonnull (strstr (authorization, "realm=\"phone.test\""));
  }
  result = pa_test_sip_wait_action (server, phone->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "answered");
  g_assert_cmpint (json_object_get_int_member (result, "code"), ==, 200);

  /* The app's change feed sees it. */
  path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, since);
  changes = pa_test_api (server, "GET", path, NULL, NULL);
  g_assert_cmpuint (changes->status, ==, 200);
  {
    JsonArray *items = json_object_get_array_member (pa_test_response_object (changes), "changes");

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *change = json_array_get_object_element (items, i);

        if (json_object_get_int_member (change, "id") == phone->id
            && g_str_equal (json_object_get_string_member (change, "kind"), "phone")
            && json_object_has_member (change, "item"))
          {
            JsonObject *item = json_object_get_object_member (change, "item");

            seen = seen || !json_object_get_null_member (item, "sip_action");
          }
      }
  }
  g_assert_true (seen);

  /* The phone has another password: the digest answer is refused. */
  {
    g_autoptr(PaTestSipp) sipp = pa_test_sipp_start ("notify-auth-uas.xml", 1, phone->username, "not-it");
    g_autofree char *body = g_strdup_printf ("{\"local_sip_port\": %u}", sipp->port);
    g_autofree char *phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                                   phone->id);
    g_autoptr(PaTestResponse) patched = pa_test_api (server, "PATCH", phone_path, body, "*");
    g_autoptr(PaTestResponse) accepted = NULL;
    g_autoptr(JsonObject) refused = NULL;

    g_assert_cmpuint (patched->status, ==, 200);
    accepted = pa_test_sip_push (server, phone->id, "reboot");
    g_assert_cmpuint (accepted->status, ==, 202);
    g_assert_cmpint (pa_test_sipp_wait (sipp), !=, 0);
    refused = pa_test_sip_wait_action (server, phone->id, "reboot");
    g_assert_cmpstr (json_object_get_string_member (refused, "result"), ==, "auth_failed");
    g_assert_cmpint (json_object_get_int_member (refused, "code"), ==, 403);
  }
}

/* A phone that never answers ends as no_answer once the short Timer F ran
 * out, not at once and not never; provd serves HTTP all the while. */
static void
test_no_answer (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(GSocket) silent = NULL;
  guint port = pa_test_free_udp_port (&silent);
  g_autoptr(PaTestSipPhone) phone = NULL;
  g_autoptr(PaTestResponse) accepted = NULL;
  gint64 start, deadline;
  guint served = 0;

  if (!PA_HAVE_SOFIA_SIP)
    {
      g_test_skip ("provd was built without sofia-sip (meson -Dsip=disabled)");
      return;
    }
  server = pa_test_sip_provd_new (NULL);
  phone = pa_test_sip_phone_new (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:20", port, TRUE);
  start = g_get_monotonic_time ();
  deadline = start + PA_TEST_SIP_WAIT_USEC;

  accepted = pa_test_sip_push (server, phone->id, "reboot");
  g_assert_cmpuint (accepted->status, ==, 202);

  for (;;)
    {
      gint64 asked = g_get_monotonic_time ();
      g_autoptr(PaTestResponse) info = pa_test_api (server, "GET", "/api/v1/info", NULL, NULL);
      g_autoptr(PaTestResponse) got = pa_test_get (server, "phones", phone->id);
      JsonNode *node = json_object_get_member (pa_test_response_object (got), "sip_action");

      /* the loop is free: each answer comes at once */
      g_assert_cmpuint (info->status, ==, 200);
      g_assert_cmpint (g_get_monotonic_time () - asked, <, G_USEC_PER_SEC);
      served++;
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *result = json_node_get_object (node);

          g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "no_answer");
          g_assert_true (json_object_get_null_member (result, "code"));
          break;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
  {
    g_autoptr(PaTestResponse) info = pa_test_api (server, "GET", "/api/v1/info", NULL, NULL);
    gint64 sip_port = json_object_get_int_member (pa_test_response_object (info), "sip_port");

    /* a free port of its own, as the HTTP one is */
    g_assert_cmpint (sip_port, >, 0);
    g_assert_cmpint (sip_port, !=, 5062);
  }
  g_test_message ("no answer after %.1f s, %u requests served meanwhile",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, served);
  /* It waited for the timers (retransmitting), not for an error. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (PA_TEST_SIP_TIMEOUT_MS - 500) * 1000);
  g_assert_cmpuint (served, >, 5);
}

/* A phone that never fetched has no address: nothing is sent, and the
 * result says why. */
static void
test_no_address (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestSipPhone) phone = NULL;
  g_autoptr(PaTestResponse) accepted = NULL;
  JsonObject *object;
  g_autoptr(JsonObject) result = NULL;

  if (!PA_HAVE_SOFIA_SIP)
    {
      g_test_skip ("provd was built without sofia-sip (meson -Dsip=disabled)");
      return;
    }
  server = pa_test_sip_provd_new (NULL);
  phone = pa_test_sip_phone_new (server, "snom", "snom-d785", "00:04:13:00:00:30", 5060, FALSE);
  accepted = pa_test_sip_push (server, phone->id, "resync");
  object = pa_test_response_object (accepted);

  g_assert_cmpuint (accepted->status, ==, 202);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (object, "sip_push"),
                                              "target"));
  result = pa_test_sip_wait_action (server, phone->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "no_address");
  g_assert_nonnull (strstr (json_object_get_string_member (result, "reason"), "no address"));
}

/* A phone whose registration a PBX reported is reached at that contact,
 * not where it fetched from (its address and port there are another's). */
static void
test_registered_contact (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestSipp) sipp = NULL;
  g_autoptr(PaTestSipPhone) phone = NULL;
  g_autoptr(PaTestResponse) reported = NULL;
  g_autoptr(PaTestResponse) accepted = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *body = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *ruri = NULL;

  if (!pa_test_sip_can_run ())
    return;
  server = pa_test_sip_provd_new (NULL);
  sipp = pa_test_sipp_start ("notify-uas.xml", 1, NULL, NULL);
  /* It fetched from loopback, port 9 (nothing listens there). */
  phone = pa_test_sip_phone_new (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:50", 9, TRUE);
  contact = g_strdup_printf ("sip:%s@127.0.0.1:%u;transport=udp", phone->username, sipp->port);
  body = g_strdup_printf ("{\"event\": \"registered\", \"user\": \"%s\", \"contact\": \"%s\"}",
                          phone->username, contact);
  reported = pa_test_api (server, "POST", "/api/v1/events/registration", body, NULL);
  g_assert_cmpuint (reported->status, ==, 200);

  accepted = pa_test_sip_push (server, phone->id, "resync");
  g_assert_cmpuint (accepted->status, ==, 202);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                     pa_test_response_object (accepted), "sip_push"), "target"), ==, contact);
  g_assert_cmpint (pa_test_sipp_wait (sipp), ==, 0);
  ruri = pa_test_sipp_logged (sipp, "RURI ");
  g_assert_cmpstr (ruri, ==, contact);
  result = pa_test_sip_wait_action (server, phone->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "answered");
}

/* Wrong requests get the API's error shape and send nothing. */
static void
test_malformed (void)
{
  g_autoptr(PaTestServer) server = pa_test_sip_provd_new (NULL);
  g_autoptr(PaTestSipPhone) phone = pa_test_sip_phone_new (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:40",
                                      5060, FALSE);
  g_autoptr(PaTestSipPhone) off = pa_test_sip_phone_new (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:41",
                                    5060, FALSE);
  g_autofree char *disable_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, off->id);
  g_autoptr(PaTestResponse) disabled = pa_test_api (server, "PATCH", disable_path,
                                                    "{\"enabled\": false}", "*");
  g_autofree char *with_body = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/reboot",
                                                phone->id);
  g_autofree char *off_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/resync",
                                               off->id);
  g_autofree char *unknown = g_strdup_printf ("{\"ids\": [%" G_GINT64_FORMAT ", 999]}", phone->id);
  g_autofree char *twice = g_strdup_printf ("{\"ids\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                            phone->id, phone->id);
  g_autofree char *with_off = g_strdup_printf ("{\"ids\": [%" G_GINT64_FORMAT "]}", off->id);
  struct
  {
    const char *method, *path, *body;
    guint status;
    const char *code, *field;
  } cases[] = {
    { "POST", "/api/v1/phones/abc/reboot", NULL, 404, "not_found", NULL },
    { "POST", "/api/v1/phones/0/resync", NULL, 404, "not_found", NULL },
    { "POST", "/api/v1/phones/999/reboot", NULL, 404, "not_found", NULL },
    { "POST", off_path, NULL, 422, "rule_violation", NULL },
    { "POST", with_body, "{\"now\": true}", 400, "bad_request", NULL },
    { "GET", with_body, NULL, 405, "method_not_allowed", NULL },
    { "POST", "/api/v1/phones/resync", "[1, 2]", 400, "malformed", NULL },
    { "POST", "/api/v1/phones/resync", "{}", 400, "wrong_type", "ids" },
    { "POST", "/api/v1/phones/resync", "{\"ids\": []}", 422, "rule_violation", "ids" },
    { "POST", "/api/v1/phones/resync", "{\"ids\": [\"1\"]}", 400, "wrong_type", "ids" },
    { "POST", "/api/v1/phones/resync", "{\"ids\": [1], \"now\": 1}", 400, "unknown_field", "now" },
    { "POST", "/api/v1/phones/resync", twice, 422, "rule_violation", "ids" },
    { "POST", "/api/v1/phones/resync", unknown, 404, "not_found", NULL },
    { "POST", "/api/v1/phones/resync", with_off, 422, "rule_violation", NULL },
  };

  g_assert_cmpuint (disabled->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaTestResponse) response = pa_test_api (server, cases[i].method, cases[i].path,
                                                        cases[i].body, NULL);

      g_test_message ("%s %s %s → %u %s", cases[i].method, cases[i].path,
                      cases[i].body != NULL ? cases[i].body : "", response->status,
                      response->text);
      pa_test_assert_error (response, cases[i].status, cases[i].code, cases[i].field);
    }

  /* nothing was pushed to either */
  {
    g_autoptr(PaTestResponse) got = pa_test_get (server, "phones", phone->id);

    g_assert_true (json_object_get_null_member (pa_test_response_object (got), "sip_action"));
  }
  /* without a token, nothing at all */
  {
    g_autoptr(PaTestResponse) response = pa_test_request (server, "POST", with_body, NULL, NULL,
                                                          -1, FALSE, NULL);

    g_assert_cmpuint (response->status, ==, 401);
  }
}

/* The bulk form: 202 naming each phone's push, each ending on its own. */
static void
test_resync_many (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestSipp) sipp = NULL;
  g_autoptr(PaTestSipPhone) near = NULL;
  g_autoptr(PaTestSipPhone) far = NULL;
  g_autoptr(PaTestResponse) accepted = NULL;
  g_autoptr(JsonObject) answered = NULL;
  g_autoptr(JsonObject) nowhere = NULL;
  g_autofree char *body = NULL;
  JsonArray *items;

  if (!pa_test_sip_can_run ())
    return;
  server = pa_test_sip_provd_new (NULL);
  sipp = pa_test_sipp_start ("notify-uas.xml", 1, NULL, NULL);
  near = pa_test_sip_phone_new (server, "fanvil", "fanvil-x6u", "0C:38:3E:00:00:50", sipp->port, TRUE);
  far = pa_test_sip_phone_new (server, "fanvil", "fanvil-x6u", "0C:38:3E:00:00:51", 5060, FALSE);
  body = g_strdup_printf ("{\"ids\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                          near->id, far->id);
  accepted = pa_test_api (server, "POST", "/api/v1/phones/resync", body, NULL);
  g_assert_cmpuint (accepted->status, ==, 202);
  items = json_object_get_array_member (pa_test_response_object (accepted), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "event"), ==, "check-sync");

  g_assert_cmpint (pa_test_sipp_wait (sipp), ==, 0);
  answered = pa_test_sip_wait_action (server, near->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (answered, "result"), ==, "answered");
  nowhere = pa_test_sip_wait_action (server, far->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (nowhere, "result"), ==, "no_address");
}

/* With an AMI in the key file, a push is Asterisk's PJSIPNotify to the
 * line's endpoint with the vendor's event; Success is answered, Error
 * rejected with Asterisk's message. The secret shows nowhere in the API. */
static void
test_ami (void)
{
  static const char * const answers[] = {
    "Success", "Unable to retrieve endpoint line-80_5e_c0_00_00_81", NULL
  };
  PaTestAmi *ami = pa_test_ami_start (answers);
  g_autofree char *extra = g_strdup_printf ("sip-keepalive = 0\nami-host = 127.0.0.1\n"
                                            "ami-port = %u\nami-username = phoneadmin\n"
                                            "ami-secret = s3cret-ami\n", ami->port);
  g_autoptr(PaTestServer) server = pa_test_sip_provd_new (extra);
  g_autoptr(PaTestSipPhone) phone = pa_test_sip_phone_new (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:80",
                                      5060, TRUE);
  g_autoptr(PaTestSipPhone) unknown = pa_test_sip_phone_new (server, "grandstream", "grandstream-gxp2170",
                                        "00:0B:82:00:00:81", 5060, FALSE);
  g_autoptr(PaTestResponse) accepted = NULL;
  g_autoptr(PaTestResponse) refused = NULL;
  g_autoptr(PaTestResponse) settings = NULL;
  g_autoptr(PaTestResponse) info = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) rejected = NULL;
  g_autoptr(GHashTable) login = NULL;
  g_autoptr(GHashTable) notify = NULL;
  g_autoptr(GHashTable) second = NULL;

  accepted = pa_test_sip_push (server, phone->id, "reboot");
  g_assert_cmpuint (accepted->status, ==, 202);
  result = pa_test_sip_wait_action (server, phone->id, "reboot");
  g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "answered");
  g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "NOTIFY sent");

  login = pa_test_ami_find (ami, "Login", 0);
  g_assert_nonnull (login);
  g_assert_cmpstr (g_hash_table_lookup (login, "username"), ==, "phoneadmin");
  notify = pa_test_ami_find (ami, "PJSIPNotify", 0);
  g_assert_nonnull (notify);
  g_assert_cmpstr (g_hash_table_lookup (notify, "endpoint"), ==, phone->username);
  g_assert_cmpstr (g_hash_table_lookup (notify, "variable"), ==, "Event=check-sync;reboot=true");

  /* Asterisk does not know the endpoint: rejected, with its reason. A
   * phone with no address is no matter: Asterisk knows where it is. */
  refused = pa_test_sip_push (server, unknown->id, "resync");
  g_assert_cmpuint (refused->status, ==, 202);
  rejected = pa_test_sip_wait_action (server, unknown->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (rejected, "result"), ==, "rejected");
  g_assert_nonnull (strstr (json_object_get_string_member (rejected, "reason"),
                            "Unable to retrieve endpoint"));
  second = pa_test_ami_find (ami, "PJSIPNotify", 1);
  g_assert_nonnull (second);
  g_assert_cmpstr (g_hash_table_lookup (second, "variable"), ==, "Event=check-sync");

  settings = pa_test_api (server, "GET", "/api/v1/settings", NULL, NULL);
  info = pa_test_api (server, "GET", "/api/v1/info", NULL, NULL);
  g_assert_null (strstr (settings->text, "s3cret-ami"));
  g_assert_null (strstr (info->text, "s3cret-ami"));

  pa_test_ami_free (ami);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sip/config", test_config);
  g_test_add_func ("/sip/target", test_target);
  g_test_add_func ("/sip/events-per-vendor", test_events_per_vendor);
  g_test_add_func ("/sip/challenge", test_challenge);
  g_test_add_func ("/sip/no-answer", test_no_answer);
  g_test_add_func ("/sip/no-address", test_no_address);
  g_test_add_func ("/sip/registered-contact", test_registered_contact);
  g_test_add_func ("/sip/malformed", test_malformed);
  g_test_add_func ("/sip/resync-many", test_resync_many);
  g_test_add_func ("/sip/ami", test_ami);

  status = g_test_run ();
  pa_test_sip_cleanup ();
  return status;
}
