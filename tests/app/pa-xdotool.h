/* pa-xdotool.h — real X pointer and key events for the drag tests, via xdotool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether the default display is an X11 one (xdotool drives only X). */
gboolean pa_xdotool_is_x11      (void);
/* Runs "xdotool @args"; its stdout into @out if not NULL. */
gboolean pa_xdotool             (const char  *args,
                                 char       **out);
/* One xdotool command that must succeed; returns when GTK has handled the
 * events it made. */
void     pa_xdotool_step        (const char  *fmt,
                                 ...) G_GNUC_PRINTF (1, 2);
/* The screen position of the X window @xid. */
void     pa_xdotool_window_position (const char *xid,
                                     int        *x,
                                     int        *y);
/* One press-move-release from (@x0, @y0) on @from (which, or an ancestor
 * of which, has the GtkDragSource) to (@x1, @y1) on @to, as a hand does
 * it, lingering over @to until it takes the drop; returns once the drag
 * has ended. */
void     pa_xdotool_drag        (int          x0,
                                 int          y0,
                                 int          x1,
                                 int          y1,
                                 GtkWidget   *from,
                                 GtkWidget   *to);

G_END_DECLS
