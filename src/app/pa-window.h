/* pa-window.h — the main window: a sidebar of sections and their pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-application.h"
#include "pa-connection.h"

G_BEGIN_DECLS

#define PA_TYPE_WINDOW (pa_window_get_type ())
G_DECLARE_FINAL_TYPE (PaWindow, pa_window, PA, WINDOW, AdwApplicationWindow)

/* Uses pa_application_get_connection (application). Tests may instead build
 * the window with g_object_new (PA_TYPE_WINDOW, "application", app,
 * "connection", connection, NULL). */
PaWindow     *pa_window_new                (PaApplication *application);

PaConnection *pa_window_get_connection     (PaWindow      *self);   /* transfer none */

/* The id of the visible section ("phones", "agents"); setting an unknown id
 * is a programming error. Property "section". */
const char   *pa_window_get_section        (PaWindow      *self);
void          pa_window_set_section        (PaWindow      *self,
                                            const char    *section_id);
/* The page widget of a section, NULL for an unknown id (transfer none). */
GtkWidget    *pa_window_get_page           (PaWindow      *self,
                                            const char    *section_id);

/* Shows a result toast; dialogs opened from the window use it too. */
void          pa_window_add_toast          (PaWindow      *self,
                                            AdwToast      *toast);   /* transfer full */

/* TRUE while the "server unreachable" banner is shown. */
gboolean      pa_window_get_banner_visible (PaWindow      *self);

G_END_DECLS
