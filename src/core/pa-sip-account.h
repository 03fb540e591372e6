/* pa-sip-account.h — a SIP registration an agent owns and phones carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-resource.h"

G_BEGIN_DECLS

/**
 * PaSipTransport:
 * @PA_SIP_TRANSPORT_UDP: `udp`
 * @PA_SIP_TRANSPORT_TCP: `tcp`
 * @PA_SIP_TRANSPORT_TLS: `tls`
 */
typedef enum
{
  PA_SIP_TRANSPORT_UDP,
  PA_SIP_TRANSPORT_TCP,
  PA_SIP_TRANSPORT_TLS,
} PaSipTransport;

#define PA_TYPE_SIP_TRANSPORT (pa_sip_transport_get_type ())
GType pa_sip_transport_get_type (void) G_GNUC_CONST;

#define PA_TYPE_SIP_ACCOUNT (pa_sip_account_get_type ())

G_DECLARE_FINAL_TYPE (PaSipAccount, pa_sip_account, PA, SIP_ACCOUNT, PaResource)

/* JSON members, in order: id, revision, agent_id, username, auth_name,
 * display_name, label, server, port, transport. The password is not a
 * member: the server keeps it apart and shows it once. */
PaSipAccount   *pa_sip_account_new              (void);

gint64          pa_sip_account_get_agent_id     (PaSipAccount   *self);   /* 0 = none */
void            pa_sip_account_set_agent_id     (PaSipAccount   *self,
                                                 gint64          agent_id);
const char     *pa_sip_account_get_username     (PaSipAccount   *self);   /* "" when unset */
void            pa_sip_account_set_username     (PaSipAccount   *self,
                                                 const char     *username);
const char     *pa_sip_account_get_auth_name    (PaSipAccount   *self);   /* nullable: username */
void            pa_sip_account_set_auth_name    (PaSipAccount   *self,
                                                 const char     *auth_name);
const char     *pa_sip_account_get_display_name (PaSipAccount   *self);   /* nullable */
void            pa_sip_account_set_display_name (PaSipAccount   *self,
                                                 const char     *display_name);
const char     *pa_sip_account_get_label        (PaSipAccount   *self);   /* nullable */
void            pa_sip_account_set_label        (PaSipAccount   *self,
                                                 const char     *label);
const char     *pa_sip_account_get_server       (PaSipAccount   *self);   /* nullable: phone's */
void            pa_sip_account_set_server       (PaSipAccount   *self,
                                                 const char     *server);
guint           pa_sip_account_get_port         (PaSipAccount   *self);   /* 1..65535, 5060 */
void            pa_sip_account_set_port         (PaSipAccount   *self,
                                                 guint           port);
PaSipTransport  pa_sip_account_get_transport    (PaSipAccount   *self);
void            pa_sip_account_set_transport    (PaSipAccount   *self,
                                                 PaSipTransport  transport);

G_END_DECLS
