/* pa-sip-agent.h — provd's SIP user agent: NOTIFY and OPTIONS to phones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin wrapper over sofia-sip's NUA running on the GLib main context:
 * sofia-sip owns the transactions, the RFC 3261 retransmission timers and
 * the digest answers; this file only says what to send and turns the final
 * answer into a PaSipOutcome. Nothing here blocks.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * PaSipResult:
 * @PA_SIP_RESULT_ANSWERED: the phone answered 2xx
 * @PA_SIP_RESULT_REJECTED: it answered with a final error (the code says which)
 * @PA_SIP_RESULT_AUTH_FAILED: it challenged, and the digest answer was
 *   refused or there were no credentials to answer with
 * @PA_SIP_RESULT_NO_ANSWER: nothing came back before the transaction timer
 *   (Timer F) ran out, or the transport failed
 * @PA_SIP_RESULT_NO_ADDRESS: nothing was sent: no contact, no address known
 * @PA_SIP_RESULT_FAILED: nothing was sent for another reason (the reason
 *   says which: a malformed URI, no SIP agent running)
 *
 * The nicks ("answered", "rejected", "auth_failed", "no_answer",
 * "no_address", "failed") are what the API and the store use.
 */
typedef enum
{
  PA_SIP_RESULT_ANSWERED,
  PA_SIP_RESULT_REJECTED,
  PA_SIP_RESULT_AUTH_FAILED,
  PA_SIP_RESULT_NO_ANSWER,
  PA_SIP_RESULT_NO_ADDRESS,
  PA_SIP_RESULT_FAILED,
} PaSipResult;

const char *pa_sip_result_to_string (PaSipResult result);

/**
 * PaSipOutcome:
 * @result: what happened
 * @code: the final SIP status (0 when none arrived)
 * @reason: (nullable): the reason phrase, or why nothing was sent
 */
typedef struct
{
  PaSipResult  result;
  guint        code;
  char        *reason;
} PaSipOutcome;

void          pa_sip_outcome_clear (PaSipOutcome *outcome);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PaSipOutcome, pa_sip_outcome_clear)

/**
 * PaSipRequest:
 * @method: "NOTIFY" or "OPTIONS"
 * @uri: the Request-URI, `sip:user@192.0.2.10:5060`
 * @event: the Event header of a NOTIFY (`check-sync;reboot=false`)
 * @auth_user: (nullable): who answers a digest challenge
 * @password: (nullable): with what
 */
typedef struct
{
  const char *method;
  const char *uri;
  const char *event;
  const char *auth_user;
  const char *password;
} PaSipRequest;

#define PA_SIP_DEFAULT_TIMEOUT_MS 32000  /* Timer F: 64 × T1 (500 ms) */

#define PA_TYPE_SIP_AGENT (pa_sip_agent_get_type ())
G_DECLARE_FINAL_TYPE (PaSipAgent, pa_sip_agent, PA, SIP_AGENT, GObject)

/* Binds UDP @host:@port (0 picks a free one) and serves on the thread-default
 * main context. @timeout_ms is Timer F, after which an unanswered request
 * ends as no answer (PA_SIP_DEFAULT_TIMEOUT_MS; tests use less). */
PaSipAgent  *pa_sip_agent_new        (const char          *host,
                                      guint                port,
                                      guint                timeout_ms,
                                      GError             **error);
guint        pa_sip_agent_get_port   (PaSipAgent          *self);

/* Sends @request; the callback runs once it ended (never before this
 * returns). Finish always gives an outcome. */
void         pa_sip_agent_send_async  (PaSipAgent          *self,
                                       const PaSipRequest  *request,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
void         pa_sip_agent_send_finish (PaSipAgent          *self,
                                       GAsyncResult        *result,
                                       PaSipOutcome        *outcome);

/* How many requests are under way: the keepalive keeps it bounded. */
guint        pa_sip_agent_get_pending (PaSipAgent          *self);

/* Ends every request under way (as no answer) and stops the stack. */
void         pa_sip_agent_close      (PaSipAgent          *self);

G_END_DECLS
