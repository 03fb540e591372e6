/* pa-phone-editor-download.c — Download Config: the phone's real files,
 * saved under the vendor's names in a folder the user picks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files carry the SIP and admin passwords (the preview masks them):
 * the button says so, and provd logs every download.
 */
#define G_LOG_DOMAIN "pa-phone-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-phone-actions.h"
#include "pa-file-chooser.h"
#include "pa-phone-editor-private.h"

typedef struct
{
  PaPhoneEditor *self;
  GFile         *folder;
  GPtrArray     *files;     /* PaConfigFile */
  guint          written;
} Download;

static void
download_free (Download *download)
{
  g_clear_object (&download->self);
  g_clear_object (&download->folder);
  g_clear_pointer (&download->files, g_ptr_array_unref);
  g_free (download);
}

static void
finish (Download     *download,
        const GError *error)
{
  PaPhoneEditor *self = download->self;
  g_autofree char *text = NULL;

  self->downloading = FALSE;
  if (error != NULL)
    text = g_strdup_printf (_("Not downloaded: %s"), error->message);
  else
    {
      g_autofree char *folder = g_file_get_basename (download->folder);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Saved %u file in “%s”",
                                           "Saved %u files in “%s”", download->written),
                              download->written, folder);
    }
  g_free (self->download_result);
  self->download_result = g_strdup (text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.download-config", TRUE);
  pa_show_toast (GTK_WIDGET (self), text);
  download_free (download);
}

static void write_next (Download *download);

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Download *download = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        download_free (download);
      else
        finish (download, error);
      return;
    }
  download->written++;
  write_next (download);
}

static void
write_next (Download *download)
{
  PaConfigFile *file;
  g_autoptr(GFile) target = NULL;

  if (download->written == download->files->len)
    {
      finish (download, NULL);
      return;
    }
  file = g_ptr_array_index (download->files, download->written);
  target = g_file_get_child (download->folder, file->name);
  g_file_replace_contents_bytes_async (target, file->content, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       pa_editor_get_cancellable (PA_EDITOR (download->self)), written_cb, download);
}

static void
downloaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Download *download = user_data;
  g_autoptr(GError) error = NULL;

  download->files = pa_client_download_config_finish (PA_CLIENT (source), result, &error);
  if (download->files == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        download_free (download);
      else
        finish (download, error);
      return;
    }
  write_next (download);
}

void
pa_phone_editor_download_config_to (PaPhoneEditor *self,
                                    GFile         *folder)
{
  Download *download;

  g_return_if_fail (PA_IS_PHONE_EDITOR (self));
  g_return_if_fail (G_IS_FILE (folder));

  if (self->phone == NULL || self->downloading)
    return;
  download = g_new0 (Download, 1);
  download->self = g_object_ref (self);
  download->folder = g_object_ref (folder);
  self->downloading = TRUE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.download-config", FALSE);
  pa_client_download_config_async (pa_repository_get_client (self->repo),
                                   pa_resource_get_id (PA_RESOURCE (self->phone)),
                                   pa_editor_get_cancellable (PA_EDITOR (self)), downloaded_cb, download);
}

gboolean
pa_phone_editor_get_downloading (PaPhoneEditor *self)
{
  g_return_val_if_fail (PA_IS_PHONE_EDITOR (self), FALSE);
  return self->downloading;
}

const char *
pa_phone_editor_get_download_result (PaPhoneEditor *self)
{
  g_return_val_if_fail (PA_IS_PHONE_EDITOR (self), NULL);
  return self->download_result;
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PaPhoneEditor   *self)
{
  g_autoptr(GFile) folder = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (folder != NULL)
    pa_phone_editor_download_config_to (self, folder);
  g_object_unref (chooser);
}

void
pa_phone_editor_download_config_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (widget);
  GtkFileChooserNative *chooser;

  if (self->phone == NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Download Configuration Files To"),
                                         GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Save Here"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  pa_file_chooser_start_in_documents (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
