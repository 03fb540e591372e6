/* test-sip-keepalive.c — OPTIONS keepalives: online, offline, spread over
 * the interval
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

/* OPTIONS every second: a phone that answers is online; once it stops,
 * it is offline after the configured silence. A phone with no address is
 * never probed and stays as it was. */
static void
test_keepalive (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestSipp) sipp = NULL;
  g_autoptr(PaTestSipPhone) phone = NULL;
  g_autoptr(PaTestSipPhone) pending = NULL;
  g_autoptr(PaTestResponse) got = NULL;

  if (!pa_test_sip_can_run ())
    return;
  server = pa_test_sip_provd_new ("sip-keepalive = 1\nsip-offline-after = 3\n");
  sipp = pa_test_sipp_start ("options-uas.xml", 3, NULL, NULL);
  phone = pa_test_sip_phone_new (server, "grandstream", "grandstream-gxp2170", "00:0B:82:00:00:70",
                     sipp->port, TRUE);
  pending = pa_test_sip_phone_new (server, "grandstream", "grandstream-gxp2170", "00:0B:82:00:00:71", 5060,
                       FALSE);

  pa_test_sip_wait_status (server, phone->id, "online");
  /* sipp has answered its three and is gone: silence */
  g_assert_cmpint (pa_test_sipp_wait (sipp), ==, 0);
  pa_test_sip_wait_status (server, phone->id, "offline");

  got = pa_test_get (server, "phones", pending->id);
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (got), "status"), ==,
                   "pending");
}

/* The keepalive does not send a round at once: 40 phones and a 2 s
 * interval go out in slices over the interval (as 100,000 would over
 * 30 s). A silent socket plays all the phones and notes when each
 * OPTIONS (each its own Call-ID; retransmissions counted once) came. */
static void
test_keepalive_spread (void)
{
  enum { PHONES = 40 };
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint port;
  gint64 deadline;
  guint busiest = 0;

  if (!PA_HAVE_SOFIA_SIP)
    {
      g_test_skip ("provd was built without sofia-sip (meson -Dsip=disabled)");
      return;
    }
  port = pa_test_free_udp_port (&silent);
  server = pa_test_sip_provd_new (NULL);
  for (guint i = 0; i < PHONES; i++)
    {
      g_autofree char *mac = g_strdup_printf ("80:5E:C0:00:01:%02X", i);
      g_autoptr(PaTestSipPhone) phone = pa_test_sip_phone_new (server, "yealink", "yealink-t54w", mac, port, TRUE);
    }
  /* Now with keepalives, every 2 s. */
  g_file_set_contents (server->config_file,
                       "[server]\nsip-server = " PA_TEST_SIP_SERVER "\nsip-timeout-ms = 2000\n"
                       "sip-keepalive = 2\nsip-offline-after = 60\n", -1, &error);
  g_assert_no_error (error);
  pa_test_server_restart (server);

  g_socket_set_blocking (silent, FALSE);
  deadline = g_get_monotonic_time () + PA_TEST_SIP_WAIT_USEC;
  while (g_hash_table_size (seen) < PHONES)
    {
      char buffer[4096];
      gssize got;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_socket_condition_timed_wait (silent, G_IO_IN, 100 * 1000, NULL, NULL))
        continue;
      got = g_socket_receive (silent, buffer, sizeof buffer - 1, NULL, NULL);
      if (got <= 0)
        continue;
      buffer[got] = '\0';
      if (g_str_has_prefix (buffer, "OPTIONS "))
        {
          const char *call_id = strstr (buffer, "\r\nCall-ID:");
          g_autofree char *id = NULL;

          g_assert_nonnull (call_id);
          id = g_strndup (call_id + 10, strcspn (call_id + 10, "\r\n"));
          if (g_hash_table_add (seen, g_steal_pointer (&id)))
            {
              gint64 now = g_get_monotonic_time ();

              g_array_append_val (arrivals, now);
            }
        }
    }

  /* Over most of the interval, a few per 100 ms, never the lot at once. */
  for (guint i = 0; i < arrivals->len; i++)
    {
      guint in_window = 0;

      for (guint j = i; j < arrivals->len; j++)
        if (g_array_index (arrivals, gint64, j) - g_array_index (arrivals, gint64, i) < 100 * 1000)
          in_window++;
      busiest = MAX (busiest, in_window);
    }
  g_test_message ("%d OPTIONS over %.2f s, at most %u in 100 ms", PHONES,
                  (g_array_index (arrivals, gint64, PHONES - 1) - g_array_index (arrivals, gint64, 0))
                  / (double) G_USEC_PER_SEC, busiest);
  g_assert_cmpint (g_array_index (arrivals, gint64, PHONES - 1) - g_array_index (arrivals, gint64, 0),
                   >=, G_USEC_PER_SEC);
  g_assert_cmpuint (busiest, <=, 8);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sip/keepalive", test_keepalive);
  g_test_add_func ("/sip/keepalive-spread", test_keepalive_spread);

  status = g_test_run ();
  pa_test_sip_cleanup ();
  return status;
}
