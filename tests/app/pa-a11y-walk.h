/* pa-a11y-walk.h — finds a window's controls and what a screen reader
 * would call them (shared by test-accessibility and test-keyboard)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* TRUE for what a user operates: buttons, check buttons, switches, entries,
 * drop-downs, activatable rows, list and column views. */
gboolean   pa_a11y_is_control           (GtkWidget *widget);

/* Every control under @root whose own "visible" and its ancestors' are
 * TRUE (popovers count as visible: they can be opened), in tree order.
 * With @mapped_only, only those on screen now. Transfer container. */
GPtrArray *pa_a11y_collect_controls     (GtkWidget *root,
                                         gboolean   mapped_only);

/* How the control is named for a screen reader ("tooltip", "label
 * property", "title", …), or NULL when it has no name. */
const char *pa_a11y_get_name_source     (GtkWidget *widget);

/* "PaWindow > AdwToastOverlay#toast_overlay > … > GtkButton [src/app/pa-window.ui]" */
char      *pa_a11y_describe             (GtkWidget *widget);

/* The control a focused widget belongs to: the GtkText of an entry gives
 * the entry, a column view's row gives the column view. NULL if none. */
GtkWidget *pa_a11y_control_for_focus    (GtkWidget *focus);

/* One line per control without a name, "" when all have one. */
char      *pa_a11y_list_unnamed         (GtkWidget *root);

G_END_DECLS
