/* pa-test-sip.h — what the SIP tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-test-server.h"

G_BEGIN_DECLS

#define PA_TEST_SIP_WAIT_USEC (20 * G_USEC_PER_SEC)

/* provd's short timers: a silent phone ends in 2 s, not Timer F's 32 s. */
#define PA_TEST_SIP_TIMEOUT_MS 2000

typedef struct
{
  gint64  id;
  gint64  account_id;
  char   *username;
  char   *password;
  char   *token;
  char   *mac;
  char   *model;
} PaTestSipPhone;

void            pa_test_sip_phone_free   (PaTestSipPhone *phone);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaTestSipPhone, pa_test_sip_phone_free)

/* FALSE, having skipped the test, when provd has no SIP or sipp is missing. */
gboolean        pa_test_sip_can_run      (void);
/* provd with short SIP timers and no keepalive; @extra: other [server]
 * lines instead (keepalive, AMI, another sip-timeout-ms). */
PaTestServer   *pa_test_sip_provd_new    (const char     *extra);
/* A phone of @vendor/@model with its own SIP account on line 1, listening
 * for SIP on @sip_port; when @fetch, it fetched its file from loopback, so
 * provd knows its address. */
PaTestSipPhone *pa_test_sip_phone_new    (PaTestServer   *server,
                                          const char     *vendor,
                                          const char     *model,
                                          const char     *mac,
                                          guint           sip_port,
                                          gboolean        fetch);
/* The phone's sip_action once it is @action's (asserting it comes in time). */
JsonObject     *pa_test_sip_wait_action  (PaTestServer   *server,
                                          gint64          id,
                                          const char     *action);
void            pa_test_sip_wait_status  (PaTestServer   *server,
                                          gint64          id,
                                          const char     *status);
/* POST /api/v1/phones/{id}/{action} */
PaTestResponse *pa_test_sip_push         (PaTestServer   *server,
                                          gint64          id,
                                          const char     *action);
/* Removes the config files pa_test_sip_provd_new() wrote. */
void            pa_test_sip_cleanup      (void);

G_END_DECLS
