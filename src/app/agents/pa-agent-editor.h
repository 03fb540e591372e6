/* pa-agent-editor.h — add or edit one agent and the phones assigned to them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-agent.h"
#include "pa-editor.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_AGENT_EDITOR (pa_agent_editor_get_type ())

G_DECLARE_FINAL_TYPE (PaAgentEditor, pa_agent_editor, PA, AGENT_EDITOR, PaEditor)

/* A modal PaEditor transient for @parent; @agent NULL adds a new agent.
 * Properties: "repository", "agent" (construct-only; the stored agent, which
 * the repository updates in place). Actions besides the editor's:
 * "editor.assign-phone" (the phone picked in the combo),
 * "editor.unassign-phone" (int64 phone id). Assignments are part of the
 * form: Save stores the agent (a new one first gets its id), then each
 * phone it gained or lost, and closes; Cancel forgets them. */
GtkWidget  *pa_agent_editor_new          (GtkWindow     *parent,
                                          PaRepository  *repo,
                                          PaAgent       *agent);

/* The routing as shown ("Hardware phone" / "Browser softphone"). */
const char *pa_agent_editor_get_routing_text (PaAgentEditor *self);
/* The agent being edited (NULL for a new one until saved). Transfer none. */
PaAgent    *pa_agent_editor_get_agent    (PaAgentEditor *self);

G_END_DECLS
