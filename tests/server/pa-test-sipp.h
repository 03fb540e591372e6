/* pa-test-sipp.h — sipp (sip-tester) playing a phone for the SIP tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each sipp runs a scenario from tests/server/sip/ (PA_TEST_SIP_DIR) as a
 * UAS on 127.0.0.1 and a free UDP port, with `-trace_logs` so what the
 * scenario logs can be compared.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GSubprocess *process;
  char        *dir;
  char        *log_path;
  guint        port;
  gboolean     exited;
} PaTestSipp;

/* A UDP port on 127.0.0.1 nothing holds now; with @keep, the socket that
 * holds it stays open (a phone that never answers). */
guint        pa_test_free_udp_port (GSocket    **keep);

/* Starts sipp playing @scenario for @calls calls; @user and @password fill
 * the scenario's @USER@ / @PASSWORD@. Returns once sipp holds its port. */
PaTestSipp  *pa_test_sipp_start    (const char  *scenario,
                                    guint        calls,
                                    const char  *user,
                                    const char  *password);
/* Waits (with a deadline) until sipp played its calls; its exit status. */
int          pa_test_sipp_wait     (PaTestSipp  *sipp);
/* What the scenario logged after @prefix (one line), or NULL. */
char        *pa_test_sipp_logged   (PaTestSipp  *sipp,
                                    const char  *prefix);
void         pa_test_sipp_free     (PaTestSipp  *sipp);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaTestSipp, pa_test_sipp_free)

G_END_DECLS
