/* pa-accessible-names.h — names a screen reader can read, where GTK 4.8
 * gives none or a garbled one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* From now on, every button that is shown gets a usable name: a label with
 * a mnemonic ("_Save") is read once, without the underline (GTK 4.8 reads
 * "_Save Save"), and an icon-only button is read as its tooltip says,
 * without the shortcut in parentheses (GTK 4.8 reads "GtkImage"). Once
 * per process. */
void pa_accessible_names_install (void);

/* GTK 4.8 reads a list row and its cells by their type names: names the
 * row @cell_child is in after its cells' text ("Reception, 80:5E:C0:…,
 * Yealink T54W"), and each cell after its own, once the main loop is
 * next idle (before the frame that shows them). Call after a cell changed. */
void pa_accessible_name_list_row (GtkWidget *cell_child);

/* Names the list row @child is in (a list view's, whose row GTK 4.8
 * leaves unnamed). Call on each bind and change. */
void pa_accessible_name_list_item (GtkWidget  *child,
                                   const char *name);

/* Names @view and the list inside it (which GTK 4.8 leaves unnamed). */
void pa_accessible_name_column_view (GtkColumnView *view,
                                     const char    *name);

/* Gives @widget the focus once @window is shown. Focusing in a window not
 * yet shown makes GTK 4.8 announce the window as a "filler" over AT-SPI,
 * whatever its role. */
void pa_focus_when_shown (GtkWindow *window,
                          GtkWidget *widget);

/* The tooltip @text as a name: "Search Phones (Ctrl+F)" → "Search
 * Phones". */
char *pa_accessible_name_from_tooltip (const char *text);

G_END_DECLS
