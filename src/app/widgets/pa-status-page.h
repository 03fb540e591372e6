/* pa-status-page.h — an AdwStatusPage's description as plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* libadwaita reads a status page's description as Pango markup: a server
 * address or an error message with "&" or "<" in it made GTK warn and show
 * no description at all. @text is shown as it is. */
void pa_status_page_set_description_text (AdwStatusPage *page,
                                          const char    *text);

G_END_DECLS
