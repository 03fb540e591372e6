/* pa-toast.h — toasts shown one at a time, in order, without tripping
 * libadwaita 1.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @toast (transfer full) on @overlay once the toasts added before
 * it there have gone. Every toast of the app goes through here. */
void pa_toast_add     (AdwToastOverlay *overlay,
                       AdwToast        *toast);

/* Dismisses @toast: at once if it is still waiting its turn or has been
 * up a while, else once it has finished sliding in. A toast already
 * dismissed, or never added with pa_toast_add(), is left alone. */
void pa_toast_dismiss (AdwToast        *toast);

G_END_DECLS
