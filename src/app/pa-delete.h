/* pa-delete.h — deleting phones and agents: one question, then Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-repository.h"

G_BEGIN_DECLS

/* Asks once about all of @items (PaPhone or PaAgent, one type), naming
 * what goes with them (the agent an assigned phone is taken from), then
 * deletes them one after the other and shows a toast with Undo, which
 * creates them again as they were (new ids). Agents who still have phones
 * are not offered for deletion: the question says why and only closes. */
void pa_delete_interactive (GtkWindow    *parent,
                            PaRepository *repo,
                            GPtrArray    *items);

G_END_DECLS
