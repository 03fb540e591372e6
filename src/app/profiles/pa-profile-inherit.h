/* pa-profile-inherit.h — what a profile, or a phone, takes from the
 * profiles above it and from the server: plain functions, no widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The value itself is pa_profile_flatten()'s (the server's rule); this
 * adds where it comes from (the nearest profile that sets it, else the
 * server's settings) and how it reads.
 */
#pragma once

#include <gio/gio.h>

#include "pa-core.h"

G_BEGIN_DECLS

/* The members a profile may set or inherit, in the editors' order.
 * Custom parameters are inherited one by one (pa_inheritance_param_source). */
typedef enum
{
  PA_PROFILE_MEMBER_TIMEZONE,
  PA_PROFILE_MEMBER_NTP_SERVER,
  PA_PROFILE_MEMBER_UPDATE_INTERVAL,
  PA_PROFILE_MEMBER_LAYOUT,
  PA_PROFILE_MEMBER_SIP_REGION,
  PA_PROFILE_MEMBER_ADMIN_PASSWORD,
  PA_PROFILE_MEMBER_SIP_TRANSPORT,
  PA_PROFILE_MEMBER_SRTP,
  PA_PROFILE_MEMBER_DTMF,
  PA_PROFILE_MEMBER_CODECS,
  PA_PROFILE_N_MEMBERS
} PaProfileMember;

/* The JSON member ("timezone", "layout_id"), as a server error's field. */
const char *pa_profile_member_get_field  (PaProfileMember  member);
/* "Time Zone", translated. */
const char *pa_profile_member_get_title  (PaProfileMember  member);
/* The member for a server error's @field ("codecs[1]" too); -1 for none. */
int         pa_profile_member_for_field  (const char      *field);

/* Whether @profile sets @member itself (not null, empty, 0 or "none"). */
gboolean    pa_profile_member_is_set     (PaProfile       *profile,
                                          PaProfileMember  member);
/* @dest's @member becomes @src's (set or not). */
void        pa_profile_member_copy       (PaProfile       *dest,
                                          PaProfile       *src,
                                          PaProfileMember  member);
/* Back to inheriting: null, 0 or "none". */
void        pa_profile_member_unset      (PaProfile       *profile,
                                          PaProfileMember  member);
/* @profile's own value as it reads ("Europe/Berlin", "24 hours", "TLS");
 * NULL when it does not set it. @layouts: the repository's, for a
 * layout's name. */
char       *pa_profile_member_format     (PaProfile       *profile,
                                          PaProfileMember  member,
                                          GListModel      *layouts);
/* The server's default as it reads: @settings (nullable: not known yet,
 * NULL is returned where it matters); @flat (nullable) for what the
 * default depends on (SRTP follows the transport). */
char       *pa_profile_member_format_default (PaProfileMember  member,
                                              PaSettings      *settings,
                                              PaProfile       *flat);

/* The profile @id and those it inherits from, nearest first (references
 * held); empty for 0 or an id not in @profiles. It stops at
 * PA_PROFILE_MAX_DEPTH and before a profile already in it. */
GPtrArray  *pa_profile_chain_new         (GListModel      *profiles,
                                          gint64           id);
/* Whether @candidate may become the parent of the profile @self_id (0: a
 * new one): not itself, not one that inherits from it, and not so deep
 * that the profile would be past PA_PROFILE_MAX_DEPTH. */
gboolean    pa_profile_parent_allowed    (GListModel      *profiles,
                                          gint64           self_id,
                                          PaProfile       *candidate);
/* The phones whose profile is @profile, and the profiles whose parent it is. */
guint       pa_profile_count_phones      (PaProfile       *profile,
                                          GListModel      *phones);
guint       pa_profile_count_children    (PaProfile       *profile,
                                          GListModel      *profiles);

/* What a profile with the parent @parent_id gets where it sets nothing
 * (and a phone on the profile @parent_id where it sets nothing). */
typedef struct
{
  GPtrArray *chain;   /* of PaProfile, nearest first; empty without a parent */
  PaProfile *flat;    /* pa_profile_flatten (chain); NULL without a parent */
} PaInheritance;

PaInheritance *pa_inheritance_new          (GListModel      *profiles,
                                            gint64           parent_id);
void           pa_inheritance_free         (PaInheritance   *inheritance);
/* The nearest profile of the chain that sets @member; NULL: the server's
 * default applies. Transfer none. */
PaProfile     *pa_inheritance_get_source   (PaInheritance   *inheritance,
                                            PaProfileMember  member);
/* The value as it reads, from the chain or the server's @settings
 * (nullable); NULL when that is not known yet. */
char          *pa_inheritance_format       (PaInheritance   *inheritance,
                                            PaProfileMember  member,
                                            GListModel      *layouts,
                                            PaSettings      *settings);
/* The nearest profile that names the custom parameter; NULL: none does. */
PaProfile     *pa_inheritance_param_source (PaInheritance   *inheritance,
                                            const char      *vendor,
                                            const char      *name);
/* The custom parameters inherited: "<vendor>/<name>" keys, sorted. */
GStrv          pa_inheritance_dup_param_keys (PaInheritance *inheritance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaInheritance, pa_inheritance_free)

/* "udp" → "UDP", "rfc2833" → "RFC 2833", "on" → "On", …: how a value of
 * sip_transport, srtp or dtmf reads. */
const char    *pa_profile_value_label      (PaProfileMember  member,
                                            const char      *value);

G_END_DECLS
