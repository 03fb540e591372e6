/* pa-agent-actions.h — flows around an agent that need a dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-agent.h"
#include "pa-repository.h"

G_BEGIN_DECLS

/* "Hardware phone" or "Browser softphone", translated. */
const char *pa_agent_routing_to_string  (PaAgentRouting routing);

G_END_DECLS
