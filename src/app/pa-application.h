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

G_END_DECLS
