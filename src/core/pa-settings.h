/* pa-settings.h — the provisioning server's own settings: what every phone
 * gets when nothing nearer says otherwise
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-resource.h"
#include "pa-sip-account.h"

G_BEGIN_DECLS

#define PA_TYPE_SETTINGS (pa_settings_get_type ())

G_DECLARE_FINAL_TYPE (PaSettings, pa_settings, PA, SETTINGS, PaResource)

/* The one settings resource a server has. */
#define PA_SETTINGS_ID 1

/**
 * PaSettingId:
 *
 * Each member, numbered as an input of a phone's fingerprint: databases
 * record these numbers, so they never change.
 */
typedef enum
{
  PA_SETTING_PUBLIC_URL = 1,
  PA_SETTING_SIP_SERVER,
  PA_SETTING_SIP_PORT,
  PA_SETTING_SIP_TRANSPORT,
  PA_SETTING_OUTBOUND_PROXY,
  PA_SETTING_TIMEZONE,
  PA_SETTING_NTP_SERVER,
  PA_SETTING_UPDATE_INTERVAL,
  PA_SETTING_SIP_REGIONS,
  PA_N_SETTINGS
} PaSettingId;

/**
 * PaSipRegion:
 * A named registrar a phone or its profile can pick (`sip_region`): where
 * its lines register when they name no SIP server of their own.
 */
typedef struct
{
  char           *name;
  char           *server;
  guint           port;
  PaSipTransport  transport;
} PaSipRegion;

void         pa_sip_region_free (PaSipRegion *region);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaSipRegion, pa_sip_region_free)

/* JSON members, in order: id, revision, public_url, sip_server, sip_port,
 * sip_transport, outbound_proxy, timezone, ntp_server, update_interval,
 * sip_regions ([{name, server, port, transport}], names unique).
 *
 * The nearest value wins (a SIP account's, the phone's, its profile's),
 * these last. A registrar comes whole: a line that registers with
 * sip_server also takes sip_port, sip_transport and outbound_proxy from
 * here. */
PaSettings     *pa_settings_new                 (void);

/* The member's JSON name ("sip_server"). */
const char     *pa_setting_get_name             (PaSettingId   setting);
/* The member's value as text ("5060", "udp", "" for none): what a
 * phone's fingerprint records of it. */
char           *pa_settings_dup_value_text      (PaSettings *self,
                                                 PaSettingId   setting);

/* nullable: "http://192.0.2.10:8670/", always ending in '/' once valid;
 * NULL means the address the server is bound to */
const char     *pa_settings_get_public_url      (PaSettings *self);
/* nullable */
const char     *pa_settings_get_sip_server      (PaSettings *self);
guint           pa_settings_get_sip_port        (PaSettings *self);
PaSipTransport  pa_settings_get_sip_transport   (PaSettings *self);
/* nullable: a host (the writers give phones its address; port 5060) */
const char     *pa_settings_get_outbound_proxy  (PaSettings *self);
/* nullable: an IANA name */
const char     *pa_settings_get_timezone        (PaSettings *self);
/* nullable */
const char     *pa_settings_get_ntp_server      (PaSettings *self);
/* Minutes between polls, 5..43200 (as a profile's), default 1440. */
guint           pa_settings_get_update_interval (PaSettings *self);
/* Transfer none; never NULL (element-type PaSipRegion). */
GPtrArray      *pa_settings_get_sip_regions     (PaSettings *self);
/* nullable: the region named @name (ASCII case ignored). */
PaSipRegion    *pa_settings_find_sip_region     (PaSettings *self,
                                                 const char *name);

G_END_DECLS
