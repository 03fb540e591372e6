/* pa-test-sipp.c — sipp (sip-tester) playing a phone for the SIP tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pa-test-sipp.h"

#define WAIT_USEC (20 * G_USEC_PER_SEC)

/* A port nothing holds right now (bound, read, let go). */
guint
pa_test_free_udp_port (GSocket **keep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  if (keep != NULL)
    *keep = g_steal_pointer (&socket);
  return port;
}

static gboolean
udp_port_taken (guint port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  return !g_socket_bind (socket, address, FALSE, NULL);
}

static void
sipp_exited_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PaTestSipp *sipp = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  sipp->exited = TRUE;
}

/* Starts sipp as a phone on a free port, playing @scenario for @calls
 * calls; @user and @password fill the scenario's @USER@ / @PASSWORD@.
 * Returns once sipp holds its port. */
PaTestSipp *
pa_test_sipp_start (const char *scenario,
            guint       calls,
            const char *user,
            const char *password)
{
  PaTestSipp *sipp = g_new0 (PaTestSipp, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *template_path = g_build_filename (PA_TEST_SIP_DIR, scenario, NULL);
  g_autofree char *text = NULL;
  g_autofree char *scenario_path = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *calls_text = g_strdup_printf ("%u", calls);
  g_auto(GStrv) parts = NULL;
  gint64 deadline;

  sipp->dir = g_dir_make_tmp ("pa-sipp-XXXXXX", &error);
  g_assert_no_error (error);
  g_file_get_contents (template_path, &text, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (text, "@USER@", -1);
  g_free (text);
  text = g_strjoinv (user != NULL ? user : "", parts);
  g_strfreev (parts);
  parts = g_strsplit (text, "@PASSWORD@", -1);
  g_free (text);
  text = g_strjoinv (password != NULL ? password : "", parts);
  scenario_path = g_build_filename (sipp->dir, scenario, NULL);
  g_file_set_contents (scenario_path, text, -1, &error);
  g_assert_no_error (error);

  sipp->log_path = g_build_filename (sipp->dir, "log.txt", NULL);
  /* The port was free when asked for, but tests running beside this one
   * pick ports too: one may take it first ("Unable to bind main socket"),
   * and sipp exits. Another port, then. */
  for (guint attempt = 1; ; attempt++)
    {
      sipp->port = pa_test_free_udp_port (NULL);
      g_free (port_text);
      port_text = g_strdup_printf ("%u", sipp->port);
      sipp->exited = FALSE;
      sipp->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                        "sipp", "-sf", scenario_path, "-i", "127.0.0.1",
                                        "-p", port_text, "-m", calls_text, "-nostdin",
                                        "-timeout", "40s", "-trace_logs", "-log_file",
                                        sipp->log_path, NULL);
      g_assert_no_error (error);
      g_subprocess_wait_async (sipp->process, NULL, sipp_exited_cb, sipp);

      /* Ready once it holds its port: a NOTIFY sent before would find
       * nobody. */
      deadline = g_get_monotonic_time () + WAIT_USEC;
      while (!sipp->exited && !udp_port_taken (sipp->port))
        {
          g_main_context_iteration (NULL, FALSE);
          if (g_get_monotonic_time () > deadline)
            g_error ("sipp did not bind port %u", sipp->port);
          g_usleep (5000);
        }
      /* It may have found the port taken just as it was checked. */
      for (guint i = 0; i < 10 && !sipp->exited; i++)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (2000);
        }
      if (!sipp->exited)
        return sipp;
      g_clear_object (&sipp->process);
      if (attempt == 5)
        g_error ("sipp exited during start-up five times (its port taken each time?)");
      g_test_message ("sipp exited during start-up on port %u; another port", sipp->port);
    }
}

/* Waits until sipp has played its calls; returns its exit status. */
int
pa_test_sipp_wait (PaTestSipp *sipp)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (!sipp->exited)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (g_get_monotonic_time () > deadline)
        g_error ("sipp did not end its calls in time");
      g_usleep (5000);
    }
  return g_subprocess_get_exit_status (sipp->process);
}

/* What the scenario logged after @prefix (one line), or NULL. */
char *
pa_test_sipp_logged (PaTestSipp       *sipp,
             const char *prefix)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (sipp->log_path, &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

void
pa_test_sipp_free (PaTestSipp *sipp)
{
  if (!sipp->exited)
    {
      g_subprocess_force_exit (sipp->process);
      while (!sipp->exited)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&sipp->process);
  if (sipp->dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (sipp->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (sipp->dir, name, NULL);

          g_remove (path);
        }
      g_rmdir (sipp->dir);
    }
  g_free (sipp->dir);
  g_free (sipp->log_path);
  g_free (sipp);
}
