/* pa-window-cancellable.h — the work a window started ends with the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The GCancellable of the window @widget is in (or is): made on first use,
 * cancelled when that window is destroyed. NULL for a widget in no window
 * (nothing to cancel with). Transfer none. */
GCancellable *pa_window_get_cancellable (GtkWidget *widget);

G_END_DECLS
