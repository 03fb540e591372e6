/* test-sip-password.c — a new SIP password is pushed to its phones as a
 * resync, answered with the old password
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

#include "pa-test-sip.h"
#include "pa-test-sipp.h"

/* A new SIP password is pushed as a resync to the phones carrying the
 * account, and the challenge is answered with the OLD password, which the
 * phone has until it fetches the new one; the answer says who was told. */
static void
test_password_resync (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestSipp) sipp = NULL;
  g_autoptr(PaTestSipPhone) phone = NULL;
  g_autoptr(PaTestResponse) regenerated = NULL;
  g_autoptr(PaTestResponse) second = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *event = NULL;
  gint64 other_id;
  JsonObject *resync;
  JsonArray *told, *unreachable;

  if (!pa_test_sip_can_run ())
    return;
  server = pa_test_sip_provd_new (NULL);
  {
    guint port = pa_test_free_udp_port (NULL);

    phone = pa_test_sip_phone_new (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:60", port, TRUE);
  }
  sipp = pa_test_sipp_start ("notify-auth-uas.xml", 1, phone->username, phone->password);
  {
    g_autofree char *patch = g_strdup_printf ("{\"local_sip_port\": %u}", sipp->port);
    g_autofree char *phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, phone->id);
    g_autoptr(PaTestResponse) patched = pa_test_api (server, "PATCH", phone_path, patch, "*");

    g_assert_cmpuint (patched->status, ==, 200);
  }
  /* a second phone on the same account, which never fetched */
  body = g_strdup_printf ("{\"name\": \"Spare\", \"mac\": \"80:5E:C0:00:00:61\", "
                          "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\", "
                          "\"lines\": [%" G_GINT64_FORMAT "]}", phone->account_id);
  other_id = pa_test_create (server, "phones", body);

  path = g_strdup_printf ("/api/v1/sip-accounts/%" G_GINT64_FORMAT "/password", phone->account_id);
  regenerated = pa_test_api (server, "POST", path, "{\"confirm\": \"REGENERATE\"}", NULL);
  g_assert_cmpuint (regenerated->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (regenerated),
                                                  "sip_password"), !=, phone->password);
  resync = json_object_get_object_member (pa_test_response_object (regenerated), "resync");
  g_assert_nonnull (resync);
  told = json_object_get_array_member (resync, "told");
  unreachable = json_object_get_array_member (resync, "unreachable");
  g_assert_cmpuint (json_array_get_length (told), ==, 1);
  g_assert_cmpint (json_array_get_int_element (told, 0), ==, phone->id);
  g_assert_cmpuint (json_array_get_length (unreachable), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (unreachable, 0),
                                               "id"), ==, other_id);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (unreachable, 0),
                                                           "reason"), "no_address"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resync, "pending")), ==, 0);

  /* the phone checked the digest against the password it had */
  g_assert_cmpint (pa_test_sipp_wait (sipp), ==, 0);
  event = pa_test_sipp_logged (sipp, "EVENT ");
  g_assert_cmpstr (event, ==, "check-sync;reboot=false");

  /* with nothing to tell, the answer says so */
  {
    g_autoptr(PaTestResponse) account = pa_test_api (server, "POST", "/api/v1/sip-accounts",
                                                     "{\"username\": \"nobody\"}", NULL);
    g_autofree char *lonely = g_strdup_printf ("/api/v1/sip-accounts/%" G_GINT64_FORMAT "/password",
                                               json_object_get_int_member (pa_test_response_object (account), "id"));

    second = pa_test_api (server, "POST", lonely, "{\"confirm\": \"REGENERATE\"}", NULL);
    g_assert_cmpuint (second->status, ==, 200);
    resync = json_object_get_object_member (pa_test_response_object (second), "resync");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resync, "told")), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resync, "unreachable")),
                      ==, 0);
  }
}

/* The answer that shows a new password must reach the app (whose requests
 * time out after 15 s) even when a phone keeps its NOTIFY open for Timer
 * F's full 32 s: after 10 s it answers, naming that phone as pending, and
 * its result arrives later as its sip_action. */
static void
test_password_resync_slow (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(PaTestSipPhone) phone = NULL;
  g_autoptr(PaTestResponse) regenerated = NULL;
  g_autofree char *path = NULL;
  JsonObject *resync;
  JsonArray *pending;
  gint64 start;

  if (!PA_HAVE_SOFIA_SIP)
    {
      g_test_skip ("provd was built without sofia-sip (meson -Dsip=disabled)");
      return;
    }
  server = pa_test_sip_provd_new ("sip-keepalive = 0\nsip-timeout-ms = 32000\n");
  phone = pa_test_sip_phone_new (server, "snom", "snom-d785", "00:04:13:00:00:90", pa_test_free_udp_port (&silent),
                     TRUE);
  path = g_strdup_printf ("/api/v1/sip-accounts/%" G_GINT64_FORMAT "/password", phone->account_id);
  start = g_get_monotonic_time ();
  regenerated = pa_test_api (server, "POST", path, "{\"confirm\": \"REGENERATE\"}", NULL);
  g_assert_cmpuint (regenerated->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 14 * G_USEC_PER_SEC);
  g_assert_nonnull (json_object_get_string_member (pa_test_response_object (regenerated),
                                                   "sip_password"));
  resync = json_object_get_object_member (pa_test_response_object (regenerated), "resync");
  pending = json_object_get_array_member (resync, "pending");
  g_assert_cmpuint (json_array_get_length (pending), ==, 1);
  g_assert_cmpint (json_array_get_int_element (pending, 0), ==, phone->id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resync, "told")), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sip/password-resync", test_password_resync);
  g_test_add_func ("/sip/password-resync-slow", test_password_resync_slow);

  status = g_test_run ();
  pa_test_sip_cleanup ();
  return status;
}
