/* pa-column-view-scroll.h — scrolling a GtkColumnView to a row on GTK 4.8
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Scrolls @view so the row at @position shows, at once (its row widgets
 * move there before this returns). gtk_column_view_scroll_to() is
 * GTK 4.12; 4.8 has the "list.scroll-to-item" action on the list inside. */
void pa_column_view_scroll_to (GtkColumnView *view,
                               guint          position);

G_END_DECLS
