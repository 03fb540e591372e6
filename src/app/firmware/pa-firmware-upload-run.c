/* pa-firmware-upload-run.c — the upload of PaFirmwareUploadDialog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file streams to the server (pa-client-firmware.c) under a
 * cancellable of its own, which Cancel cancels and so does the window's
 * going (pa_window_get_cancellable()). The bar follows the bytes sent;
 * whatever goes wrong, the form keeps its values and the message says
 * what to do next.
 */
#define G_LOG_DOMAIN "pa-firmware"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pa-client-firmware.h"
#include "pa-firmware-form.h"
#include "pa-firmware-upload-dialog-private.h"
#include "pa-phone-actions.h"
#include "pa-window-cancellable.h"

static void
progress_cb (guint64  sent,
             guint64  total,
             gpointer user_data)
{
  PaFirmwareUploadDialog *self = user_data;
  double fraction = total > 0 ? (double) sent / total : 1.0;
  g_autofree char *done = NULL;
  g_autofree char *all = NULL;
  g_autofree char *text = NULL;

  gint64 now = g_get_monotonic_time ();

  if (self->sent != sent)
    {
      self->sent = sent;
      pa_firmware_upload_sent_changed (self);
    }
  if (self->progress_bar == NULL)   /* the window is going */
    return;
  /* The bytes go out in pieces of a few kB: moving the bar (and laying
   * out its text) for each would cost more than sending them. Ten times a
   * second is smooth to the eye. */
  if (sent > 0 && sent < total && now - self->shown_at < 100 * G_TIME_SPAN_MILLISECOND)
    return;
  self->shown_at = now;
  done = g_format_size (sent);
  all = g_format_size (total);
  /* Translators: bytes sent of the file's size, "12.0 MB of 52.4 MB" */
  text = g_strdup_printf (_("%s of %s"), done, all);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
end_upload (PaFirmwareUploadDialog *self)
{
  if (self->window_cancellable != NULL)
    g_cancellable_disconnect (self->window_cancellable, self->upload_link);
  self->upload_link = 0;
  g_clear_object (&self->window_cancellable);
  g_clear_object (&self->upload);
}

/* The record that has the bytes of a refused upload, by their hash. */
static PaFirmware *
holder_of (PaFirmwareUploadDialog *self,
           const char             *sha256)
{
  GListModel *firmware = pa_repository_get_firmware (self->repository);

  for (guint i = 0; sha256 != NULL && i < g_list_model_get_n_items (firmware); i++)
    {
      g_autoptr(PaFirmware) record = g_list_model_get_item (firmware, i);

      if (g_ascii_strcasecmp (pa_firmware_get_sha256 (record), sha256) == 0)
        return record;   /* the store keeps it */
    }
  return NULL;
}

static void
show_failure (PaFirmwareUploadDialog *self,
              const GError           *error,
              const char             *sha256)
{
  g_autofree char *message = NULL;
  const char *field = NULL;
  gboolean stopped = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  if (stopped)
    message = g_strdup (_("The upload was stopped. Nothing was stored on the server; "
                          "upload again when you are ready."));
  else if (error->domain == G_IO_ERROR)
    {
      g_autofree char *basename = g_file_get_basename (self->file);
      g_autofree char *display = g_filename_display_name (basename);

      message = g_strdup_printf (_("Could not read “%s”: %s. Choose the file again."), display,
                                 error->message);
      field = "file";
    }
  else if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_CONFLICT))
    {
      PaFirmware *holder = holder_of (self, sha256);

      if (holder != NULL)
        message = g_strdup_printf (_("This file is already uploaded as “%s”. There is no need "
                                     "to upload it again; choose another file, or close."),
                                   pa_firmware_get_name (holder));
      else
        message = g_strdup (error->message);
      field = "file";
    }
  else if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID))
    {
      field = pa_firmware_form_field (pa_client_error_get_field (error));
      if (pa_client_error_get_status (error) == 413)
        {
          message = g_strdup (_("The file is larger than the server takes (1 GiB). Choose the "
                                "firmware file itself, not an archive of several."));
          field = "file";
        }
      else
        {
          g_autofree char *reason = g_strdup (error->message);
          gsize length = strlen (reason);

          /* The sentence goes on after it. */
          if (length > 0 && reason[length - 1] == '.')
            reason[length - 1] = '\0';
          message = g_strdup_printf (_("The server refused the upload: %s. Correct it, then "
                                       "upload again."), reason);
        }
    }
  else if (pa_client_error_get_status (error) == 507)
    message = g_strdup (_("The server’s disk is full. Free some space on the server, then "
                          "upload again."));
  else if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE))
    message = g_strdup_printf (_("%s Nothing was lost: the form is as it was."), error->message);
  else
    message = g_strdup (error->message);

  pa_firmware_upload_set_message (self, message, field, !stopped);
  gtk_button_set_label (GTK_BUTTON (self->upload_button), stopped ? _("_Upload") : _("_Try Again"));
  pa_firmware_upload_update (self);
  if (field != NULL && pa_firmware_upload_field_widget (self, field) != NULL)
    gtk_widget_grab_focus (pa_firmware_upload_field_widget (self, field));
  else if (field != NULL && g_str_equal (field, "models"))
    gtk_widget_child_focus (GTK_WIDGET (self->models), GTK_DIR_TAB_FORWARD);
}

static void
uploaded_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PaFirmwareUploadDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr(PaFirmware) record = NULL;
  GtkWindow *parent;

  record = pa_client_upload_firmware_finish (PA_CLIENT (source), result, &sha256, &error);
  end_upload (self);
  pa_firmware_upload_busy_changed (self);
  if (record == NULL)
    {
      if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
        show_failure (self, error, sha256);
      return;
    }

  g_set_object (&self->record, record);
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Firmware “%s” uploaded"),
                                               pa_firmware_get_name (record));

      pa_show_toast (GTK_WIDGET (parent), text);
    }
  /* The change stream brings the record into the list; without it, a
   * refresh does. */
  if (!pa_repository_get_following (self->repository))
    pa_repository_refresh_async (self->repository, NULL, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_upload_cb (GCancellable *window,
                  GCancellable *upload)
{
  g_cancellable_cancel (upload);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PaFirmwareUploadDialog *self = PA_FIRMWARE_UPLOAD_DIALOG (widget);
  g_autoptr(PaFirmware) record = NULL;
  GCancellable *window;

  pa_firmware_upload_update (self);
  if (self->reason != NULL || self->upload != NULL)
    return;

  record = pa_firmware_upload_build_record (self);
  pa_firmware_upload_set_message (self, NULL, NULL, FALSE);
  /* Cancel stops it, and so does the window's going. */
  self->upload = g_cancellable_new ();
  window = pa_window_get_cancellable (GTK_WIDGET (self));
  if (window != NULL)
    {
      self->window_cancellable = g_object_ref (window);
      self->upload_link = g_cancellable_connect (window, G_CALLBACK (cancel_upload_cb),
                                                 g_object_ref (self->upload), g_object_unref);
    }
  progress_cb (0, self->size, self);
  /* Off the form before it goes insensitive: a focused entry made
   * insensitive never hears it lost the focus. */
  gtk_widget_grab_focus (self->cancel_button);
  pa_firmware_upload_update (self);
  pa_firmware_upload_busy_changed (self);

  pa_client_upload_firmware_async (pa_repository_get_client (self->repository), record,
                                   self->file, self->size, progress_cb, self, self->upload,
                                   uploaded_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PaFirmwareUploadDialog *self = PA_FIRMWARE_UPLOAD_DIALOG (widget);

  if (self->upload != NULL)
    g_cancellable_cancel (self->upload);
  else
    gtk_window_close (GTK_WINDOW (self));
}

void
pa_firmware_upload_class_init_run (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "upload.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "upload.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "upload.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "upload.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "upload.cancel", NULL);
}
