/* pa-connect-dialog.h — "Connect to Server…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * URL and token, an inline error that keeps what was typed, a TLS prompt
 * showing the certificate's SHA-256 fingerprint that lets the user trust it
 * explicitly, "Use Local Server" and "Forget This Server" when they apply.
 * Closes itself once the connection switched.
 */
#pragma once

#include <adwaita.h>

#include "pa-connection.h"

G_BEGIN_DECLS

#define PA_TYPE_CONNECT_DIALOG (pa_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PaConnectDialog, pa_connect_dialog, PA, CONNECT_DIALOG, AdwWindow)

GtkWidget *pa_connect_dialog_new (GtkWindow    *parent,
                                  PaConnection *connection);

G_END_DECLS
