/* pa-status-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-status-page.h"

void
pa_status_page_set_description_text (AdwStatusPage *page,
                                     const char    *text)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  markup = text != NULL ? g_markup_escape_text (text, -1) : NULL;
  adw_status_page_set_description (page, markup);
}
