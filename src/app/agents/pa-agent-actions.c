/* pa-agent-actions.c — how an agent's routing is named
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-agent-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-agent-actions.h"

const char *
pa_agent_routing_to_string (PaAgentRouting routing)
{
  switch (routing)
    {
    case PA_AGENT_ROUTING_HARDWARE:
      return _("Hardware phone");
    case PA_AGENT_ROUTING_SOFTPHONE:
    default:
      return _("Browser softphone");
    }
}
