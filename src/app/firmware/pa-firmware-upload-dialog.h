/* pa-firmware-upload-dialog.h — Upload Firmware…: a chosen file described
 * (brand, models, version, name) and sent to the server
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_FIRMWARE_UPLOAD_DIALOG (pa_firmware_upload_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PaFirmwareUploadDialog, pa_firmware_upload_dialog, PA,
                      FIRMWARE_UPLOAD_DIALOG, AdwWindow)

/* A modal window for @file, chosen by the user. What the file's name
 * suggests is filled in: the model ("T54W-…") and its brand, the version
 * ("…-96.86.0.150.rom"), the name. Upload streams the file to the server
 * (read as it goes, never whole in memory) with a progress bar; Cancel
 * (Escape) stops it, and closing stops it too. A refused or failed
 * upload keeps every value and says what to do; Upload tries again.
 * Once stored, a toast on @parent names it and the window closes.
 * Actions on the widget: "upload.run" (Ctrl+Enter), "upload.cancel"
 * (Escape: stops the upload under way, else closes), "upload.choose-file"
 * (Ctrl+O: another file). Properties (read only, notified): "busy"
 * (bool): the file's information is read or the upload runs; "sent"
 * (guint64): bytes of the file sent so far, as each piece goes. */
GtkWidget  *pa_firmware_upload_dialog_new           (GtkWindow              *parent,
                                                     PaRepository           *repo,
                                                     GFile                  *file);

/* The file the window uploads now, as chosen again (transfer none). */
GFile      *pa_firmware_upload_dialog_get_file      (PaFirmwareUploadDialog *self);
void        pa_firmware_upload_dialog_set_file      (PaFirmwareUploadDialog *self,
                                                     GFile                  *file);
gboolean    pa_firmware_upload_dialog_get_busy      (PaFirmwareUploadDialog *self);
/* Why Upload is off now, NULL when it is on (and nothing is under way). */
const char *pa_firmware_upload_dialog_get_reason    (PaFirmwareUploadDialog *self);
/* The message of the upload that failed last, NULL when none. */
const char *pa_firmware_upload_dialog_get_error     (PaFirmwareUploadDialog *self);
/* The part of the form that message or the reason concerns ("version",
 * "models", "vendor", "name", "file"), NULL for none. */
const char *pa_firmware_upload_dialog_get_error_field (PaFirmwareUploadDialog *self);
/* Bytes sent of the upload under way or last made, and the file's size. */
guint64     pa_firmware_upload_dialog_get_sent      (PaFirmwareUploadDialog *self);
guint64     pa_firmware_upload_dialog_get_size      (PaFirmwareUploadDialog *self);
/* The record the server made, once uploaded (transfer none). */
PaFirmware *pa_firmware_upload_dialog_get_record    (PaFirmwareUploadDialog *self);
/* The file chooser while it is open, else NULL (transfer none). */
GtkFileChooser *pa_firmware_upload_dialog_get_chooser (PaFirmwareUploadDialog *self);

G_END_DECLS
