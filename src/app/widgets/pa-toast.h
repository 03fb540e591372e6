/* pa-toast.h — toasts shown one at a time, in order, without tripping
 * libadwaita 1.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* A toast that says @text as it is. libadwaita reads a toast's title as
 * Pango markup: "Phone “R&D” saved" made GTK warn and show an empty toast.
 * Every toast of the app is made here. */
AdwToast *pa_toast_new (const char *text);

/* Shows @toast (transfer full) on @overlay once the toasts added before
 * it there have gone. Every toast of the app goes through here. */
void pa_toast_add     (AdwToastOverlay *overlay,
                       AdwToast        *toast);

/* Dismisses @toast: at once if it is still waiting its turn or has been
 * up a while, else once it has finished sliding in. A toast already
 * dismissed, or never added with pa_toast_add(), is left alone. */
void pa_toast_dismiss (AdwToast        *toast);

G_END_DECLS
