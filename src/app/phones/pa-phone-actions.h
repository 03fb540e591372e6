/* pa-phone-actions.h — flows around a phone that need more than one dialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-phone.h"
#include "pa-repository.h"
#include "pa-sip-account.h"

G_BEGIN_DECLS

/* Asks the user to type REGENERATE, regenerates the password of the SIP
 * account on @phone's line 1 and shows the new password once. */
void pa_phone_regenerate_password_interactive (GtkWindow    *parent,
                                               PaRepository *repo,
                                               PaPhone      *phone);

/* The SIP account on @phone's line 1, from the repository; NULL if none.
 * Transfer none. */
PaSipAccount *pa_phone_get_line1_account (PaRepository *repo,
                                          PaPhone      *phone);

/* Shows the credentials of @phone (setup link, username; @password and
 * @admin_password only when given, that is right after they were made),
 * with @note (nullable) under them. */
GtkWidget *pa_phone_show_credentials (GtkWindow    *parent,
                                      PaRepository *repo,
                                      PaPhone      *phone,
                                      const char   *username,
                                      const char   *password,
                                      const char   *admin_password,
                                      const char   *note);

/* Where results go: an AdwToastOverlay ancestor of @widget (also inside the
 * transient parent chain), NULL if none. Transfer none. */
AdwToastOverlay *pa_find_toast_overlay (GtkWidget *widget);

/* A toast on the overlay found from @widget; with none, nothing (but a
 * debug message). */
void             pa_show_toast         (GtkWidget  *widget,
                                        const char *title);

/* "@heading: @error" in a toast that stays until dismissed where @parent
 * has an overlay; otherwise a message dialog, so it is never lost. */
void             pa_report_error       (GtkWindow    *parent,
                                        const char   *heading,
                                        const GError *error);

G_END_DECLS
