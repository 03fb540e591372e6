/* pa-user-agent.h — what a phone's HTTP User-Agent says about it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * PaUserAgentInfo:
 * @vendor_id: catalog vendor id (`yealink`, `polycom`, `grandstream`,
 *   `cisco`, `snom`, `fanvil`)
 * @model: the model as the phone names it, vendor decoration removed
 *   (`T54W`, `VVX_450`, `GXP2170`, `SPA508G`, `CP-8841`, `D785`, `X6U Pro`);
 *   compare with pa_device_model_get_user_agent() or use
 *   pa_catalog_find_model_by_user_agent()
 * @firmware: (nullable): firmware version as sent
 * @mac: (nullable): the MAC normalised (`80:5E:C0:12:34:56`) when the
 *   User-Agent carries one
 *
 * Lives on the stack; release with pa_user_agent_info_clear() or declare it
 * `g_auto (PaUserAgentInfo) info = { 0 };`.
 */
typedef struct
{
  char *vendor_id;
  char *model;
  char *firmware;
  char *mac;
} PaUserAgentInfo;

/* Longer User-Agents are refused unread: no phone sends one. */
#define PA_USER_AGENT_MAX_LEN 1024

/**
 * pa_user_agent_parse:
 * @ua: (nullable): the User-Agent header
 * @out: (out caller-allocates): filled on success; on failure all members
 *   are %NULL. Anything @out held before is overwritten, not freed.
 *
 * Returns: %TRUE if @ua is one of the known phone User-Agent formats.
 */
gboolean pa_user_agent_parse      (const char      *ua,
                                   PaUserAgentInfo *out);
void     pa_user_agent_info_clear (PaUserAgentInfo *info);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PaUserAgentInfo, pa_user_agent_info_clear)

G_END_DECLS
