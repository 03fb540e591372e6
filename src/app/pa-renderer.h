/* pa-renderer.h: which of GTK's renderers draws the app's windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The GL_RENDERER string of the display's OpenGL, NULL when it has none. */
char       *pa_renderer_display_gl     (GdkDisplay *display);
gboolean    pa_renderer_gl_is_software (const char *gl_renderer);
/* Cairo for the display's windows where its OpenGL is drawn in software,
 * unless GSK_RENDERER or the display already says. */
void        pa_renderer_choose         (GdkDisplay *display);

G_END_DECLS
