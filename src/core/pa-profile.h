/* pa-profile.h — provisioning defaults applied to many phones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-enums.h"
#include "pa-resource.h"

G_BEGIN_DECLS

#define PA_TYPE_PROFILE (pa_profile_get_type ())

G_DECLARE_FINAL_TYPE (PaProfile, pa_profile, PA, PROFILE, PaResource)

/* JSON members, in order: id, revision, name, description,
 * admin_password_policy, timezone, layout_id, ntp_server, sip_region, update_interval,
 * custom_params (one object of strings per vendor, sorted), parent_id.
 *
 * A profile with a parent takes from it (and it from its own) whatever it
 * does not set itself: a null time zone, NTP server, SIP region, layout or
 * update interval, an admin password policy of "none", a custom parameter
 * it does not name. pa_profile_flatten() says what that gives. */
PaProfile          *pa_profile_new                       (void);

/* "" when unset */
const char         *pa_profile_get_name                  (PaProfile           *self);
void                pa_profile_set_name                  (PaProfile           *self,
                                                          const char          *name);
/* nullable */
const char         *pa_profile_get_description           (PaProfile           *self);
void                pa_profile_set_description           (PaProfile           *self,
                                                          const char          *description);
PaAdminPasswordMode pa_profile_get_admin_password_policy (PaProfile           *self);
void                pa_profile_set_admin_password_policy (PaProfile           *self,
                                                          PaAdminPasswordMode  policy);
/* nullable */
const char         *pa_profile_get_timezone              (PaProfile           *self);
void                pa_profile_set_timezone              (PaProfile           *self,
                                                          const char          *timezone);
/* 0 = none */
gint64              pa_profile_get_layout_id             (PaProfile           *self);
void                pa_profile_set_layout_id             (PaProfile           *self,
                                                          gint64               layout_id);
/* nullable */
const char         *pa_profile_get_ntp_server            (PaProfile           *self);
void                pa_profile_set_ntp_server            (PaProfile           *self,
                                                          const char          *ntp_server);
/* nullable: a region of the server's settings, for its phones' lines */
const char         *pa_profile_get_sip_region            (PaProfile           *self);
void                pa_profile_set_sip_region            (PaProfile           *self,
                                                          const char          *sip_region);
/* Minutes, 5..43200, default 1440; 0 (null): not set here. */
guint               pa_profile_get_update_interval       (PaProfile           *self);
void                pa_profile_set_update_interval       (PaProfile           *self,
                                                          guint                minutes);
/* Parameters written verbatim, last, into one vendor's files. JSON:
 * { "<vendor id>": { "<name>": "<value>" } }, sorted. The table's keys are
 * "<vendor>/<name>"; transfer none, never NULL. The setter copies; NULL
 * clears. */
GHashTable         *pa_profile_get_custom_params         (PaProfile           *self);
void                pa_profile_set_custom_params         (PaProfile           *self,
                                                          GHashTable          *params);
const char         *pa_profile_get_custom_param          (PaProfile           *self,
                                                          const char          *vendor,
                                                          const char          *name);
/* NULL @value removes the parameter. */
void                pa_profile_set_custom_param          (PaProfile           *self,
                                                          const char          *vendor,
                                                          const char          *name,
                                                          const char          *value);
/* @vendor's names, sorted; free with g_strfreev(). */
GStrv               pa_profile_dup_custom_param_names    (PaProfile           *self,
                                                          const char          *vendor);
/* Profiles a phone's may inherit through, its own included: a deeper
 * parent is refused (and, in data that predates the rule, not read). */
#define PA_PROFILE_MAX_DEPTH 5

/* 0 = none: the profile it inherits from */
/* The lines' SIP: transport ("udp", "tcp", "tls"), SRTP ("on", "off"),
 * DTMF ("rfc2833", "inband", "info") and codecs, first preferred (of
 * "PCMU", "PCMA", "G722", "G729", "opus"); NULL: not set here. */
const char         *pa_profile_get_sip_transport         (PaProfile           *self);
void                pa_profile_set_sip_transport         (PaProfile           *self,
                                                          const char          *transport);
const char         *pa_profile_get_srtp                  (PaProfile           *self);
void                pa_profile_set_srtp                  (PaProfile           *self,
                                                          const char          *srtp);
const char         *pa_profile_get_dtmf                  (PaProfile           *self);
void                pa_profile_set_dtmf                  (PaProfile           *self,
                                                          const char          *dtmf);
const char * const *pa_profile_get_codecs                (PaProfile           *self);
/* The codecs a profile may name, and what a line gets when none does. */
const char * const *pa_profile_known_codecs              (void);
const char * const *pa_profile_default_codecs            (void);
void                pa_profile_set_codecs                (PaProfile           *self,
                                                          const char * const  *codecs);

gint64              pa_profile_get_parent_id             (PaProfile           *self);
void                pa_profile_set_parent_id             (PaProfile           *self,
                                                          gint64               parent_id);

/* The profile a phone gets from @chain (PaProfile, the phone's own first,
 * then its parent, its parent's parent …): each value the nearest one
 * that sets it. A new profile, with the first one's id and name. */
PaProfile          *pa_profile_flatten                   (GPtrArray           *chain);

G_END_DECLS
