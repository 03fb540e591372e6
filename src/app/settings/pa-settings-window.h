/* pa-settings-window.h — the server's settings, and in local mode how
 * phones on the LAN reach this computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-connection.h"
#include "pa-editor.h"

G_BEGIN_DECLS

#define PA_TYPE_SETTINGS_WINDOW (pa_settings_window_get_type ())

G_DECLARE_FINAL_TYPE (PaSettingsWindow, pa_settings_window, PA, SETTINGS_WINDOW, PaEditor)

/* A modal PaEditor transient for @parent. It reads /api/v1/settings when
 * it opens (busy meanwhile). Save asks the server how many phones the
 * change reaches and, when any, asks the user before it saves; with the
 * LAN choice changed it then restarts the local server. */
GtkWidget  *pa_settings_window_new          (GtkWindow        *parent,
                                             PaConnection     *connection);
/* The settings as the form describes them now (for tests and the save). */
PaSettings *pa_settings_window_build        (PaSettingsWindow *self);
/* The question the last save asked ("Update 2 Phones?"), NULL if none. */
const char *pa_settings_window_get_question (PaSettingsWindow *self);

G_END_DECLS
