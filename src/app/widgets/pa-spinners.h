/* pa-spinners.h — a loading spinner spins only while it is on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Every GtkSpinner in @root's tree that is spinning now (a template's
 * "Loading…" page, spinning=True) spins from here on only while mapped.
 * GTK 4.8 runs a spinner's CSS animation even in a GtkStack page that is
 * not shown, and each step of it asks the whole window for a new frame:
 * an idle window then drew about 60 frames a second. Spinners that code
 * starts and stops are left alone (they are not spinning at the call). */
void pa_spinners_spin_while_mapped (GtkWidget *root);

G_END_DECLS
