/* pa-scan-credentials-dialog.h — the SIP passwords of the phones scan mode
 * created, shown once, to copy or save as CSV
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-scan-credential.h"

G_BEGIN_DECLS

#define PA_TYPE_SCAN_CREDENTIALS_DIALOG (pa_scan_credentials_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PaScanCredentialsDialog, pa_scan_credentials_dialog,
                      PA, SCAN_CREDENTIALS_DIALOG, AdwWindow)

/* Modal over @parent (destroyed with it). Lists @credentials (of
 * PaScanCredential, referenced, not copied) and marks each "seen" when the
 * window is shown. Actions on the widget:
 *   "credentials.copy-all" (Ctrl+Shift+C): tab-separated lines to the
 *     clipboard, marks every item saved;
 *   "credentials.save-csv" (Ctrl+S): a file chooser, then the CSV;
 *   "credentials.copy" ("(us)": position, "name" | "mac" | "link" |
 *     "username" | "password"): one value; copying a password marks it saved.
 * Closing while a password is not saved asks first (AdwMessageDialog,
 * responses "cancel" and "close"). */
GtkWidget      *pa_scan_credentials_dialog_new              (GtkWindow               *parent,
                                                             GListModel              *credentials);
GListModel     *pa_scan_credentials_dialog_get_credentials  (PaScanCredentialsDialog *self);
/* The close confirmation while it is open, else NULL (transfer none). */
AdwMessageDialog *pa_scan_credentials_dialog_get_confirmation (PaScanCredentialsDialog *self);

/* The "Save as CSV…" chooser while it is open, else NULL (transfer none). */
GtkFileChooser *pa_scan_credentials_dialog_get_chooser     (PaScanCredentialsDialog *self);

/* Writes pa_scan_credentials_to_csv() to @file (created private, 0600),
 * then marks every item saved. What "Save as CSV…" runs after its chooser. */
void            pa_scan_credentials_dialog_save_csv_async   (PaScanCredentialsDialog *self,
                                                             GFile                   *file,
                                                             GCancellable            *cancellable,
                                                             GAsyncReadyCallback      callback,
                                                             gpointer                 user_data);
gboolean        pa_scan_credentials_dialog_save_csv_finish  (PaScanCredentialsDialog *self,
                                                             GAsyncResult            *result,
                                                             GError                 **error);

G_END_DECLS
