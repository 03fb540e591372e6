/* pa-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-connection.h"

G_BEGIN_DECLS

#define PA_TYPE_APPLICATION (pa_application_get_type ())
G_DECLARE_FINAL_TYPE (PaApplication, pa_application, PA, APPLICATION, AdwApplication)

PaApplication *pa_application_new            (void);
/* Which server the app talks to; exists from construction, connects at
 * startup (transfer none). */
PaConnection  *pa_application_get_connection (PaApplication *self);
/* Binds the app's message catalogs (pa_i18n_bind(): LOCALEDIR, or
 * $PA_LOCALEDIR) and makes their domain the default one: gi18n.h's _()
 * and the templates use the default. */
void           pa_application_bind_textdomain (void);

G_END_DECLS
