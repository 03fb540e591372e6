/* pa-agent-actions.h — flows around an agent that need a dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-agent.h"
#include "pa-repository.h"

G_BEGIN_DECLS

/* Confirms, then deletes; the server's 409 (the agent still has phones or
 * SIP accounts) is explained in a dialog. Results as toasts. */
void        pa_agent_delete_interactive (GtkWindow    *parent,
                                         PaRepository *repo,
                                         PaAgent      *agent);

/* "Hardware phone" or "Browser softphone", translated. */
const char *pa_agent_routing_to_string  (PaAgentRouting routing);

G_END_DECLS
