/* pa-import-dialog.h — Import from CSV…: a file's phones checked row by
 * row, then written in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-client-import.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_IMPORT_DIALOG (pa_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PaImportDialog, pa_import_dialog, PA, IMPORT_DIALOG, AdwWindow)

/* A modal window. The user picks a CSV file; it is read and sent as a dry
 * run, and every row is listed with its line, MAC, model and name, and
 * either Ready or what is wrong with it. Import sends the file again for
 * real, all rows in one transaction; then the list gives way to the new
 * phones' SIP passwords, shown once in scan mode's summary
 * (PaScanCredentialsDialog). A failed request shows its message and keeps
 * the rows, so Import can be tried again.
 * Actions on the widget: "import.choose-file" (Ctrl+O): a file chooser;
 * "import.run" (Ctrl+Enter): the import, enabled once a file was checked
 * with no row in error and while no request runs; "import.show-credentials"
 * (Ctrl+P): the summary again, once phones were created.
 * Property "busy" (bool, notifies): a file is read or a request runs.
 * Closing forgets (and overwrites) the passwords; closing while the import
 * runs asks first (AdwMessageDialog, responses "cancel" and "close"). */
GtkWidget      *pa_import_dialog_new             (GtkWindow      *parent,
                                                  PaRepository   *repo);

/* Reads @file and checks it with the server, as choosing it does. */
void            pa_import_dialog_load_file       (PaImportDialog *self,
                                                  GFile          *file);

gboolean        pa_import_dialog_get_busy        (PaImportDialog *self);
/* "choose", "checking", "rows" or "done": what the window shows. */
const char     *pa_import_dialog_get_state       (PaImportDialog *self);
/* Of PaImportRow, the last answer's, in the file's order (transfer none). */
GListModel     *pa_import_dialog_get_rows        (PaImportDialog *self);
/* The line over the rows ("3 phones ready to import"), NULL before any. */
const char     *pa_import_dialog_get_summary     (PaImportDialog *self);
/* The message of the request or read that failed last, NULL when none. */
const char     *pa_import_dialog_get_error       (PaImportDialog *self);
/* Of PaScanCredential, one per new phone with a password (transfer none). */
GListModel     *pa_import_dialog_get_credentials (PaImportDialog *self);
/* The open summary of the passwords, else NULL (transfer none). */
GtkWidget      *pa_import_dialog_get_credentials_dialog (PaImportDialog *self);
/* The file chooser while it is open, else NULL (transfer none). */
GtkFileChooser *pa_import_dialog_get_chooser     (PaImportDialog *self);
/* The close confirmation while it is open, else NULL (transfer none). */
AdwMessageDialog *pa_import_dialog_get_confirmation (PaImportDialog *self);

G_END_DECLS
