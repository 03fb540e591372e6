/* pa-phone.h — one desk phone, its lines, sidecars and status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-enums.h"
#include "pa-profile.h"
#include "pa-resource.h"

G_BEGIN_DECLS

/**
 * PaPhoneStatus:
 * @PA_PHONE_STATUS_PENDING: never fetched its config (`pending`).
 * @PA_PHONE_STATUS_PROVISIONING: fetched its config (`provisioning`).
 * @PA_PHONE_STATUS_REGISTERED: the PBX reports a registration (`registered`).
 * @PA_PHONE_STATUS_ONLINE: answers keepalives (`online`).
 * @PA_PHONE_STATUS_OFFLINE: no answer for 60 s or more (`offline`).
 * @PA_PHONE_STATUS_DISABLED: `enabled` is false (`disabled`).
 */
typedef enum
{
  PA_PHONE_STATUS_PENDING,
  PA_PHONE_STATUS_PROVISIONING,
  PA_PHONE_STATUS_REGISTERED,
  PA_PHONE_STATUS_ONLINE,
  PA_PHONE_STATUS_OFFLINE,
  PA_PHONE_STATUS_DISABLED,
} PaPhoneStatus;

#define PA_TYPE_PHONE_STATUS (pa_phone_status_get_type ())
GType pa_phone_status_get_type (void) G_GNUC_CONST;

/**
 * PaPhoneModule:
 * @module_id: the catalog id of the expansion module (`yealink-exp50`);
 *   JSON member `module`.
 * @layout_id: the module layout it shows, 0 for none; JSON `layout_id`.
 *
 * One attached sidecar, in daisy-chain order.
 */
typedef struct
{
  char   *module_id;
  gint64  layout_id;
} PaPhoneModule;

#define PA_TYPE_PHONE_MODULE (pa_phone_module_get_type ())
GType          pa_phone_module_get_type (void) G_GNUC_CONST;
PaPhoneModule *pa_phone_module_new      (const char          *module_id,
                                         gint64               layout_id);
PaPhoneModule *pa_phone_module_copy     (const PaPhoneModule *module);
void           pa_phone_module_free     (PaPhoneModule       *module);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaPhoneModule, pa_phone_module_free)

#define PA_TYPE_PHONE (pa_phone_get_type ())

G_DECLARE_FINAL_TYPE (PaPhone, pa_phone, PA, PHONE, PaResource)

/* JSON members, in order: id, revision, name, description, mac, vendor,
 * model, agent_id, lines, layout_id, profile_id, modules, sip_server, sip_region,
 * timezone, local_sip_port, admin_password_mode, admin_password, enabled,
 * http_auth (the setup link asks for the phone's own HTTP credentials once
 * the phone has used them; provd makes them and writes them in its files),
 * firmware_id (the firmware to update it to, null: none), then the
 * server-owned status, ip, user_agent, firmware, last_seen,
 * provisioned_at, token, config_fingerprint (a hash of everything the
 * phone's files are made from: it changes exactly when they may). Times are
 * Unix seconds (UTC), null when never. */
PaPhone            *pa_phone_new                     (void);

/* "" when unset */
const char         *pa_phone_get_name                (PaPhone             *self);
void                pa_phone_set_name                (PaPhone             *self,
                                                      const char          *name);
const char         *pa_phone_get_name_sort_key       (PaPhone             *self);
const char         *pa_phone_get_description         (PaPhone             *self);   /* nullable */
void                pa_phone_set_description         (PaPhone             *self,
                                                      const char          *description);
/* Canonical `80:5E:C0:12:34:56`, "" when unset; the setter normalises any
 * spelling it can and keeps text it cannot as given, for
 * pa_resource_validate() to refuse. */
const char         *pa_phone_get_mac                 (PaPhone             *self);
void                pa_phone_set_mac                 (PaPhone             *self,
                                                      const char          *mac);
/* "" when unset */
const char         *pa_phone_get_vendor              (PaPhone             *self);
void                pa_phone_set_vendor              (PaPhone             *self,
                                                      const char          *vendor_id);
/* "" when unset */
const char         *pa_phone_get_model               (PaPhone             *self);
void                pa_phone_set_model               (PaPhone             *self,
                                                      const char          *model_id);
gint64              pa_phone_get_agent_id            (PaPhone             *self);   /* 0 = none */
void                pa_phone_set_agent_id            (PaPhone             *self,
                                                      gint64               agent_id);
/* SIP account ids (gint64); element i is line i + 1. Transfer none, never
 * NULL. */
GArray             *pa_phone_get_lines               (PaPhone             *self);
void                pa_phone_set_lines               (PaPhone             *self,
                                                      const gint64        *account_ids,
                                                      guint                n_ids);
gint64              pa_phone_get_layout_id           (PaPhone             *self);   /* 0 = none */
/* The layout its files show: its own, else its profile's (@profile may be
 * NULL); 0 for none. The one place this rule lives. */
/* The admin password policy that applies: the phone's own when it sets
 * one (not "none"), else its profile's; a profile cannot hold a password,
 * so its "manual" leaves the phone's alone. */
PaAdminPasswordMode pa_phone_effective_admin_password_mode (PaPhone   *self,
                                                            PaProfile *profile);
gint64              pa_phone_effective_layout_id     (PaPhone             *self,
                                                      PaProfile           *profile);
void                pa_phone_set_layout_id           (PaPhone             *self,
                                                      gint64               layout_id);
gint64              pa_phone_get_profile_id          (PaPhone             *self);   /* 0 = none */
void                pa_phone_set_profile_id          (PaPhone             *self,
                                                      gint64               profile_id);
/* The firmware (a PaFirmware id) the phone is to be updated to; 0 keeps
 * what it runs. Its config then carries the file's URL. */
gint64              pa_phone_get_firmware_id         (PaPhone             *self);   /* 0 = none */
void                pa_phone_set_firmware_id         (PaPhone             *self,
                                                      gint64               firmware_id);
/* Of PaPhoneModule, transfer none, never NULL. The setter deep-copies;
 * NULL clears. */
GPtrArray          *pa_phone_get_modules             (PaPhone             *self);
void                pa_phone_set_modules             (PaPhone             *self,
                                                      GPtrArray           *modules);
/* nullable: a region of the server's settings (sip_regions) its lines
 * register with when they and the phone name no SIP server */
const char         *pa_phone_get_sip_region          (PaPhone             *self);
void                pa_phone_set_sip_region          (PaPhone             *self,
                                                      const char          *sip_region);
const char         *pa_phone_get_sip_server          (PaPhone             *self);   /* nullable */
void                pa_phone_set_sip_server          (PaPhone             *self,
                                                      const char          *sip_server);
const char         *pa_phone_get_timezone            (PaPhone             *self);   /* nullable */
void                pa_phone_set_timezone            (PaPhone             *self,
                                                      const char          *timezone);
guint               pa_phone_get_local_sip_port      (PaPhone             *self);
void                pa_phone_set_local_sip_port      (PaPhone             *self,
                                                      guint                port);
PaAdminPasswordMode pa_phone_get_admin_password_mode (PaPhone             *self);
void                pa_phone_set_admin_password_mode (PaPhone             *self,
                                                      PaAdminPasswordMode  mode);
const char         *pa_phone_get_admin_password      (PaPhone             *self);   /* nullable */
void                pa_phone_set_admin_password      (PaPhone             *self,
                                                      const char          *password);
gboolean            pa_phone_get_http_auth           (PaPhone             *self);
void                pa_phone_set_http_auth           (PaPhone             *self,
                                                      gboolean             http_auth);
gboolean            pa_phone_get_enabled             (PaPhone             *self);
void                pa_phone_set_enabled             (PaPhone             *self,
                                                      gboolean             enabled);

/* Server-owned. */
PaPhoneStatus       pa_phone_get_status              (PaPhone             *self);
void                pa_phone_set_status              (PaPhone             *self,
                                                      PaPhoneStatus        status);
const char         *pa_phone_get_ip                  (PaPhone             *self);   /* nullable */
void                pa_phone_set_ip                  (PaPhone             *self,
                                                      const char          *ip);
const char         *pa_phone_get_user_agent          (PaPhone             *self);   /* nullable */
void                pa_phone_set_user_agent          (PaPhone             *self,
                                                      const char          *user_agent);
const char         *pa_phone_get_firmware            (PaPhone             *self);   /* nullable */
void                pa_phone_set_firmware            (PaPhone             *self,
                                                      const char          *firmware);
gint64              pa_phone_get_last_seen           (PaPhone             *self);   /* 0 = never */
void                pa_phone_set_last_seen           (PaPhone             *self,
                                                      gint64               unix_time);
gint64              pa_phone_get_provisioned_at      (PaPhone             *self);   /* 0 = never */
void                pa_phone_set_provisioned_at      (PaPhone             *self,
                                                      gint64               unix_time);
/* The contact URI of its registration as a PBX reported it (JSON
 * `contact`): where SIP requests reach it. */
const char         *pa_phone_get_contact             (PaPhone             *self);   /* nullable */
void                pa_phone_set_contact             (PaPhone             *self,
                                                      const char          *contact);
/* When its status last changed (JSON `status_since`). */
gint64              pa_phone_get_status_since        (PaPhone             *self);   /* 0 = never */
void                pa_phone_set_status_since        (PaPhone             *self,
                                                      gint64               unix_time);
const char         *pa_phone_get_token               (PaPhone             *self);   /* nullable */
void                pa_phone_set_token               (PaPhone             *self,
                                                      const char          *token);
const char         *pa_phone_get_config_fingerprint  (PaPhone             *self);   /* nullable */
void                pa_phone_set_config_fingerprint  (PaPhone             *self,
                                                      const char          *fingerprint);
/* Why the phone cannot be served a working file (a line without a SIP
 * server, …), one sentence each; empty when it can. Server-owned and
 * derived on every answer (JSON "attention"), never set by clients. */
const char * const *pa_phone_get_attention           (PaPhone             *self);
void                pa_phone_set_attention           (PaPhone             *self,
                                                      const char * const  *reasons);

/* The last reboot or resync provd pushed over SIP and how it ended (JSON
 * "sip_action": {"action", "result", "code", "reason", "at"}), from the
 * server; NULL when none was pushed. Server-owned. */
JsonObject         *pa_phone_get_sip_action          (PaPhone             *self);
void                pa_phone_set_sip_action          (PaPhone             *self,
                                                      JsonObject          *sip_action);

G_END_DECLS
