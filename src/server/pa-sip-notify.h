/* pa-sip-notify.h — pushing a reboot or resync to a phone: which event,
 * to where, with which credentials, and keeping how it ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-sip-agent.h"
#include "pa-server.h"

G_BEGIN_DECLS

/* The port a phone listens on for SIP when nothing says otherwise. */
#define PA_SIP_DEFAULT_PHONE_PORT 5060

/* The Request-URI that reaches a phone: its registered @contact when the
 * PBX reported one (a `sip:`/`sips:` URI, with or without `<…>` and a
 * display name); otherwise `sip:@user@@last_ip:@sip_port` (no user part
 * without @user; an IPv6 address in brackets). NULL when neither is
 * known. */
char     *pa_sip_target_for_phone (const char *contact,
                                   const char *last_ip,
                                   guint       sip_port,
                                   const char *user);

/**
 * PaSipPush:
 * What pushing @action to one phone comes to, worked out before anything
 * is sent (the API shows it): the event the catalog names for the phone's
 * vendor, the target and the credentials of the phone's first line. When
 * it cannot be sent, @outcome says why (no address known, no event).
 */
typedef struct
{
  gint64        phone_id;
  char         *action;      /* PA_SIP_ACTION_RESYNC, PA_SIP_ACTION_REBOOT */
  char         *event;       /* nullable */
  char         *target;      /* nullable */
  char         *endpoint;    /* nullable: the line's SIP user (an AMI endpoint) */
  char         *auth_user;   /* nullable */
  char         *password;    /* nullable */
  gboolean      blocked;     /* nothing can be sent: @outcome says why */
  PaSipOutcome  outcome;
} PaSipPush;

void       pa_sip_push_free   (PaSipPush *push);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaSipPush, pa_sip_push_free)

/* Works out the push of @action to @phone_id. @account_id / @old_password
 * (optional): if the phone's first line is that SIP account, a challenge
 * is answered with @old_password, which the phone still has until it
 * fetches the new one. NULL with a store error (no such phone). */
PaSipPush *pa_sip_push_new    (PaServer     *server,
                               gint64        phone_id,
                               const char   *action,
                               gint64        account_id,
                               const char   *old_password,
                               GError      **error);

/* Sends @push (taken) — through the SIP agent, or through AMI when the
 * settings name an Asterisk — keeps the outcome as the phone's
 * sip_action, then calls back. Never blocks. */
void       pa_sip_push_send_async  (PaServer            *server,
                                    PaSipPush           *push,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
/* The outcome (cleared by the caller) and the phone's id. */
gint64     pa_sip_push_send_finish (PaServer            *server,
                                    GAsyncResult        *result,
                                    PaSipOutcome        *outcome);

G_END_DECLS
