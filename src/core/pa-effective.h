/* pa-effective.h — a phone's effective settings: what its files say
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place where "which value wins" is decided (pa_resolve()): the
 * phone's own value, then its profile's, then the server's default. Vendor
 * writers read nothing else, so two vendors can never disagree about what
 * a phone should do, only about how to spell it.
 */
#pragma once

#include <glib.h>

#include "pa-catalog.h"
#include "pa-key.h"
#include "pa-render.h"
#include "pa-sip-account.h"
#include "pa-time-zone.h"

G_BEGIN_DECLS

typedef enum
{
  PA_DTMF_RFC2833,
  PA_DTMF_INBAND,
  PA_DTMF_SIP_INFO,
} PaDtmfMode;

typedef struct
{
  guint           number;          /* 1-based account slot */
  char           *username;
  char           *auth_name;
  char           *password;        /* nullable: unknown (masked preview) */
  char           *display_name;
  char           *label;
  char           *registrar;       /* host; NULL when none is set anywhere */
  guint           port;
  PaSipTransport  transport;
  char           *outbound_proxy;  /* nullable */
  PaDtmfMode      dtmf;
  gboolean        srtp;            /* always with TLS */
  GStrv           codecs;          /* preference order: "PCMU", "PCMA", "G722", "opus" */
  guint           expiry;          /* registration, seconds */
  gboolean        mwi;
  char           *voicemail;       /* nullable: the number to dial */
} PaEffectiveLine;

typedef struct
{
  PaKeyType  type;                 /* PA_KEY_EMPTY where the layout sets nothing */
  char      *value;                /* nullable */
  char      *label;                /* nullable */
  guint      line;                 /* 1-based account slot the key uses */
} PaEffectiveKey;

/* The keys of the phone's own face (slot 0) or of one sidecar slot. */
typedef struct
{
  guint               slot;        /* 0 = the phone; 1.. = daisy-chain position */
  PaExpansionModule  *module;      /* NULL for the phone, and for an empty slot */
  /* Keys the face has; 0 for a phone without a layout (its own keys are
   * left as they are), the largest module's count for an empty slot. */
  guint               count;
  PaEffectiveKey     *keys;        /* @count of them, index i = key i + 1 */
} PaEffectiveKeys;

typedef struct
{
  char *name;
  char *value;
} PaSetting;

typedef struct
{
  PaDeviceModel  *model;
  PaVendor       *vendor;
  char           *mac;             /* 12 lower-case hex digits */
  char           *name;

  GPtrArray      *lines;           /* PaEffectiveLine, in line order */
  guint           account_slots;   /* how many the model has (≥ lines->len) */
  guint           local_sip_port;

  char           *timezone;        /* IANA name, nullable */
  PaTimeZoneRule *zone;            /* its offsets and summer-time rule; NULL
                                    * without a time zone or for an unknown one */
  char           *ntp_server;      /* nullable */
  char           *admin_password;  /* nullable: the phone's own stays */

  char           *provisioning_url;  /* the phone's own setup link, ending in '/' */
  /* The credentials the phone sends its setup link (HTTP digest, or basic
   * over TLS); NULL for none, and then writers blank what a phone has. */
  char           *provisioning_user;
  char           *provisioning_password;
  guint           poll_minutes;
  char           *firmware_url;    /* nullable: no target firmware */

  /* [0] the phone's keys, then one entry per sidecar slot the model can
   * take, attached or not, so a writer blanks a removed module's keys. */
  GPtrArray      *key_sets;        /* PaEffectiveKeys */

  /* Admin-set parameters written last, verbatim. */
  GPtrArray      *custom;          /* PaSetting */

  /* Which of the server's settings these read (1 << PaSetting): the only
   * ones a change of which can change the phone's files. */
  guint           settings_used;

  /* Why these settings cannot work on a phone; empty when they can. A
   * phone with problems is not served a file. */
  GPtrArray      *problems;        /* char *, translated sentences */
} PaEffective;

PaEffective *pa_resolve          (PaRenderContext *ctx);
void         pa_effective_free   (PaEffective     *effective);

/* Key sets [1..]: the sidecars. */
PaEffectiveKeys *pa_effective_get_keys (const PaEffective *effective,
                                        guint              slot);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaEffective, pa_effective_free)

G_END_DECLS
