/* pa-credentials-dialog.h — a phone's setup link, SIP username and (once) password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PA_TYPE_CREDENTIALS_DIALOG (pa_credentials_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PaCredentialsDialog, pa_credentials_dialog, PA, CREDENTIALS_DIALOG,
                      AdwWindow)

/* Modal, transient for @parent. Each value has a copy button. @password
 * NULL: the password row is hidden (editing never shows it). Any argument
 * may be NULL; its row then says it is not known. */
GtkWidget  *pa_credentials_dialog_new          (GtkWindow  *parent,
                                                const char *setup_link,
                                                const char *username,
                                                const char *password);

/* The admin password provd generated for the phone (its profile's policy
 * says so), shown this once beside the SIP password. NULL: no row. */
void        pa_credentials_dialog_set_admin_password (PaCredentialsDialog *self,
                                                      const char          *password);
const char *pa_credentials_dialog_get_admin_password (PaCredentialsDialog *self); /* nullable */

/* An extra line under the values, such as how many phones will resync. */
void        pa_credentials_dialog_set_note     (PaCredentialsDialog *self,
                                                const char          *note);

const char *pa_credentials_dialog_get_setup_link (PaCredentialsDialog *self);
const char *pa_credentials_dialog_get_username   (PaCredentialsDialog *self);
const char *pa_credentials_dialog_get_password   (PaCredentialsDialog *self); /* nullable */

G_END_DECLS
