/* pa-popover-tooltips.h — no tooltip over an open popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* While a popover is open, the widgets it hangs from keep their tooltips
 * to themselves. A popover is their child in GTK, so the pointer over the
 * popover's heading asked them for theirs (the menu button's "Main Menu",
 * the key's description) and it covered the heading. Once per process;
 * the application installs it. */
void pa_popover_tooltips_install (void);

G_END_DECLS
