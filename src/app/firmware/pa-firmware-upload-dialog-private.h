/* pa-firmware-upload-dialog-private.h — what the upload dialog's files
 * share: the form (pa-firmware-upload-dialog.c) and the upload itself
 * (pa-firmware-upload-run.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-firmware-models.h"
#include "pa-firmware-upload-dialog.h"

G_BEGIN_DECLS

struct _PaFirmwareUploadDialog
{
  AdwWindow             parent_instance;

  PaRepository         *repository;
  GFile                *file;
  GCancellable         *info_cancellable;   /* the file's info being read */
  GCancellable         *upload;             /* the upload under way, NULL: none */
  GCancellable         *window_cancellable; /* the window's, while linked to @upload */
  gulong                upload_link;
  gboolean              busy;               /* as last notified */
  GtkFileChooserNative *chooser;

  gboolean              have_info;
  guint64               size;
  char                 *filename;           /* as the server gets it; NULL: none usable */
  char                 *file_problem;       /* why the file cannot go, NULL: it can */
  char                 *guessed_version;    /* what the form was filled with */
  char                 *guessed_name;
  guint64               sent;
  gint64                shown_at;           /* when the bar last moved (monotonic µs) */
  char                 *reason;
  char                 *error;
  const char           *error_field;        /* static */
  gboolean              touched;            /* the user changed something */
  gboolean              filling;            /* the form is being filled, not edited */
  PaFirmware           *record;

  GtkWidget            *cancel_button;
  GtkWidget            *upload_button;
  GtkRevealer          *reason_revealer;
  GtkLabel             *reason_label;
  GtkWidget            *error_box;
  GtkWidget            *error_icon;
  GtkLabel             *error_label;
  AdwPreferencesPage   *page;
  AdwPreferencesGroup  *file_group;
  AdwActionRow         *file_row;
  GtkWidget            *choose_button;
  GtkWidget            *progress_group;
  GtkProgressBar       *progress_bar;
  AdwPreferencesGroup  *firmware_group;
  AdwComboRow          *brand_row;
  AdwEntryRow          *version_row;
  AdwEntryRow          *name_row;
  AdwPreferencesGroup  *models_group;
  PaFirmwareModels     *models;
};

/* pa-firmware-upload-dialog.c */
/* The record the form describes, as the upload sends it. */
PaFirmware *pa_firmware_upload_build_record  (PaFirmwareUploadDialog *self);
/* The row a part of the form ("vendor", "version", "name", "file",
 * "filename") is edited in; NULL for the models and anything else. */
GtkWidget  *pa_firmware_upload_field_widget  (PaFirmwareUploadDialog *self,
                                              const char             *field);
/* The message over the form and the part it concerns (@field static or
 * NULL): what went wrong, or (@failed FALSE) what the user did. */
void        pa_firmware_upload_set_message   (PaFirmwareUploadDialog *self,
                                              const char             *message,
                                              const char             *field,
                                              gboolean                failed);
/* Checks the form again and sets the actions, buttons and marks. */
void        pa_firmware_upload_update        (PaFirmwareUploadDialog *self);
/* Notifies "busy" when it changed; "sent" after @sent moved. */
void        pa_firmware_upload_busy_changed  (PaFirmwareUploadDialog *self);
void        pa_firmware_upload_sent_changed  (PaFirmwareUploadDialog *self);

/* pa-firmware-upload-run.c: "upload.run" (Ctrl+Enter) and
 * "upload.cancel" (Escape) */
void        pa_firmware_upload_class_init_run (GtkWidgetClass        *widget_class);

G_END_DECLS
