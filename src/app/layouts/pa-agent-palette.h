/* pa-agent-palette.h — the designer's searchable list of agents to drop on keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pa-agent.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_AGENT_PALETTE (pa_agent_palette_get_type ())
G_DECLARE_FINAL_TYPE (PaAgentPalette, pa_agent_palette, PA, AGENT_PALETTE, GtkWidget)

/* Property "repository". Each row drags a PA_DRAG_AGENT; Enter on a row
 * emits "agent-activated" (PaAgent) to make the focused key its BLF. */
GtkWidget    *pa_agent_palette_new            (PaRepository   *repository);
void          pa_agent_palette_set_query      (PaAgentPalette *self,
                                               const char     *query);
guint         pa_agent_palette_get_n_visible  (PaAgentPalette *self);
/* The row showing @agent_id, or NULL (filtered out or unknown). */
GtkWidget    *pa_agent_palette_get_row        (PaAgentPalette *self,
                                               gint64          agent_id);

G_END_DECLS
