/* pa-window-size.h — windows sized to show what they hold, and no taller
 * than the screen they open on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* @page (an AdwPreferencesPage) asks its window for all of its content's
 * height at the window's width, up to @max_height pixels, then scrolls.
 * Without it a window is sized for the content at another width, and
 * wrapped text below that ends out of sight. */
void pa_preferences_page_fit_content (GtkWidget *page,
                                      int        max_height);

/* Lowers @window's default height (and width) to fit the monitor it
 * opens on, keeping room for panels; call before presenting it. */
void pa_window_fit_monitor           (GtkWindow *window);

G_END_DECLS
