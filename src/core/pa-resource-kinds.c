/* pa-resource-kinds.c — the one list of the kinds of resource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-agent.h"
#include "pa-firmware.h"
#include "pa-layout.h"
#include "pa-module-layout.h"
#include "pa-phone.h"
#include "pa-profile.h"
#include "pa-resource-kinds.h"
#include "pa-settings.h"
#include "pa-sip-account.h"

/* What others name before what names them: a full load then finds every
 * id a phone refers to already there. */
static const PaResourceKind kinds[] = {
  { "agent",         "agents",         pa_agent_get_type,         TRUE },
  { "sip_account",   "sip-accounts",   pa_sip_account_get_type,   TRUE },
  { "layout",        "layouts",        pa_layout_get_type,        TRUE },
  { "module_layout", "module-layouts", pa_module_layout_get_type, TRUE },
  { "profile",       "profiles",       pa_profile_get_type,       TRUE },
  { "firmware",      "firmware",       pa_firmware_get_type,      TRUE },
  { "phone",         "phones",         pa_phone_get_type,         TRUE },
  { "settings",      "settings",       pa_settings_get_type,      FALSE },
};

const PaResourceKind *
pa_resource_kinds (guint *n_kinds)
{
  *n_kinds = G_N_ELEMENTS (kinds);
  return kinds;
}

const PaResourceKind *
pa_resource_kind_lookup (const char *kind)
{
  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].kind, kind))
      return &kinds[i];
  return NULL;
}

const PaResourceKind *
pa_resource_kind_for_type (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].get_type () == type)
      return &kinds[i];
  return NULL;
}

const PaResourceKind *
pa_resource_kind_for_collection (const char *collection)
{
  for (guint i = 0; collection != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].collection, collection))
      return &kinds[i];
  return NULL;
}
