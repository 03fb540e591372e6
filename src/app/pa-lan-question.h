/* pa-lan-question.h — whether desk phones on this network may fetch their
 * settings from this computer: the question local mode asks once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-connection.h"

G_BEGIN_DECLS

/* Asks, transient for @parent, with the port to open in a firewall. "Not
 * Now" keeps the local server to this computer and is remembered; "Allow"
 * makes setup links name this computer's first LAN address (when they name
 * loopback), then restarts the local server on every address, and says
 * where phones now fetch from. @cancellable: the window's. Returns (transfer
 * none) the dialog; its "response" handlers run after the answer is kept. */
GtkWidget *pa_lan_question_present (GtkWindow    *parent,
                                    PaConnection *connection,
                                    GCancellable *cancellable);

G_END_DECLS
