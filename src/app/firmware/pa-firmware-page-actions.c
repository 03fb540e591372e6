/* pa-firmware-page-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Firmware page does to firmware: upload (a file chooser, then
 * PaFirmwareUploadDialog), edit (PaFirmwareEditor) and delete, which asks
 * first and shows what the server refuses with its reason: a firmware
 * that phones are still to be updated to stays until they have another
 * target. There is no Undo: the file goes with the record.
 */
#define G_LOG_DOMAIN "pa-firmware"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-file-chooser.h"
#include "pa-firmware-editor.h"
#include "pa-firmware-form.h"
#include "pa-firmware-page-private.h"
#include "pa-firmware-upload-dialog.h"
#include "pa-phone-actions.h"
#include "pa-window-cancellable.h"

static GtkWindow *
page_window (PaFirmwarePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static PaFirmware *
find_item (PaFirmwarePage *self,
           GVariant       *parameter)
{
  PaResource *resource;

  if (self->list.repository == NULL)
    return NULL;
  resource = pa_repository_find (self->list.repository, PA_TYPE_FIRMWARE,
                                 g_variant_get_int64 (parameter));
  if (resource == NULL)
    pa_show_toast (GTK_WIDGET (self), _("It was deleted in the meantime"));
  return resource != NULL ? PA_FIRMWARE (resource) : NULL;
}

/* ---- upload --------------------------------------------------------- */

/* Firmware comes from the makers' web sites: Downloads, when there is one. */
static void
start_in_downloads (GtkFileChooser *chooser)
{
  const char *downloads = g_get_user_special_dir (G_USER_DIRECTORY_DOWNLOAD);
  g_autoptr(GFile) folder = NULL;

  if (downloads == NULL || !g_file_test (downloads, G_FILE_TEST_IS_DIR))
    {
      pa_file_chooser_start_in_documents (chooser);
      return;
    }
  folder = g_file_new_for_path (downloads);
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PaFirmwarePage  *self)
{
  g_autoptr(GFile) file = NULL;
  GtkWindow *parent = page_window (self);

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL && self->list.repository != NULL)
    gtk_window_present (GTK_WINDOW (pa_firmware_upload_dialog_new (parent, self->list.repository,
                                                                   file)));
}

static void
upload_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PaFirmwarePage *self = PA_FIRMWARE_PAGE (widget);

  if (self->chooser != NULL || self->list.repository == NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Upload Firmware"), page_window (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  start_in_downloads (GTK_FILE_CHOOSER (self->chooser));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- edit ----------------------------------------------------------- */

static void
edit_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PaFirmwarePage *self = PA_FIRMWARE_PAGE (widget);
  PaFirmware *firmware = find_item (self, parameter);

  if (firmware != NULL)
    gtk_window_present (GTK_WINDOW (pa_firmware_editor_new (page_window (self),
                                                            self->list.repository, firmware)));
}

/* ---- delete --------------------------------------------------------- */

typedef struct
{
  GtkWindow    *parent;
  PaRepository *repository;
  GPtrArray    *items;      /* PaFirmware, as chosen */
  guint         next;
  guint         deleted;
  char         *last_name;  /* of the last one deleted */
  gboolean      answered;   /* Delete was chosen: the deletions own the job */
} DeleteJob;

static void
delete_job_free (DeleteJob *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->repository);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_free (job->last_name);
  g_free (job);
}

static void delete_next (DeleteJob *job);

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeleteJob *job = user_data;
  PaFirmware *firmware = g_ptr_array_index (job->items, job->next);
  g_autoptr(GError) error = NULL;

  if (!pa_repository_delete_finish (PA_REPOSITORY (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          delete_job_free (job);   /* the window went */
          return;
        }
      {
        g_autofree char *heading = g_strdup_printf (_("Could not delete “%s”"),
                                                    pa_firmware_get_name (firmware));

        /* The server's reason: it names how many phones are to be updated. */
        pa_report_error (job->parent, heading, error);
      }
    }
  else
    {
      job->deleted++;
      g_free (job->last_name);
      job->last_name = g_strdup (pa_firmware_get_name (firmware));
    }
  job->next++;
  delete_next (job);
}

static void
delete_next (DeleteJob *job)
{
  if (job->next < job->items->len)
    {
      pa_repository_delete_async (job->repository, g_ptr_array_index (job->items, job->next),
                                  pa_window_get_cancellable (GTK_WIDGET (job->parent)),
                                  deleted_cb, job);
      return;
    }
  if (job->deleted > 0)
    {
      g_autofree char *text = NULL;

      if (job->deleted == 1)
        text = g_strdup_printf (_("Firmware “%s” deleted"), job->last_name);
      else
        text = g_strdup_printf (g_dngettext (NULL, "%u firmware file deleted",
                                             "%u firmware files deleted", job->deleted),
                                job->deleted);
      pa_show_toast (GTK_WIDGET (job->parent), text);
    }
  delete_job_free (job);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DeleteJob        *job)
{
  gboolean go = g_strcmp0 (response, "delete") == 0;

  /* One answer per question: closing afterwards answers "cancel" too.
   * Unanswered, the handler's closure frees the job once the emission is
   * over (see free_unanswered()). */
  job->answered = job->answered || go;
  g_signal_handlers_disconnect_by_func (dialog, delete_response_cb, job);
  if (go)
    delete_next (job);
}

/* The question went without Delete (cancelled, or its window closed). */
static void
free_unanswered (gpointer  data,
                 GClosure *closure)
{
  DeleteJob *job = data;

  if (!job->answered)
    delete_job_free (job);
}

void
pa_firmware_delete_items (GtkWindow    *parent,
                          PaRepository *repository,
                          GPtrArray    *items)
{
  GListModel *phones = pa_repository_get_phones (repository);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  DeleteJob *job;
  GtkWidget *dialog;
  guint n_phones = 0;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_REPOSITORY (repository));

  if (items->len == 0)
    return;
  job = g_new0 (DeleteJob, 1);
  job->parent = g_object_ref (parent);
  job->repository = g_object_ref (repository);
  job->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < items->len; i++)
    {
      g_ptr_array_add (job->items, g_object_ref (g_ptr_array_index (items, i)));
      n_phones += pa_firmware_count_phones (g_ptr_array_index (items, i), phones);
    }

  if (items->len == 1)
    heading = g_strdup_printf (_("Delete “%s”?"),
                               pa_firmware_get_name (g_ptr_array_index (items, 0)));
  else
    heading = g_strdup_printf (g_dngettext (NULL, "Delete %u Firmware File?",
                                            "Delete %u Firmware Files?", items->len),
                               items->len);
  if (n_phones > 0)
    body = g_strdup_printf (g_dngettext (NULL,
                                         "%u phone is to be updated to it: the server keeps a "
                                         "firmware until its phones have another target.",
                                         "%u phones are to be updated to it: the server keeps a "
                                         "firmware until its phones have another target.",
                                         n_phones), n_phones);
  else
    body = g_strdup (_("The file is removed from the server, and phones can no longer fetch "
                       "it. To use it again, upload it again."));

  dialog = pa_confirm_dialog_new (parent, heading, body, _("_Cancel"), "delete", _("_Delete"));
  g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), job,
                         free_unanswered, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PaFirmwarePage *self = PA_FIRMWARE_PAGE (widget);
  PaFirmware *firmware = find_item (self, parameter);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  if (firmware == NULL || page_window (self) == NULL)
    return;
  g_ptr_array_add (items, firmware);
  pa_firmware_delete_items (page_window (self), self->list.repository, items);
}

static void
delete_selected_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pa_list_page_delete_selected (&PA_FIRMWARE_PAGE (widget)->list);
}

void
pa_firmware_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "firmware.upload", NULL, upload_cb);
  gtk_widget_class_install_action (widget_class, "firmware.edit", "x", edit_cb);
  gtk_widget_class_install_action (widget_class, "firmware.delete", "x", delete_cb);
  gtk_widget_class_install_action (widget_class, "firmware.delete-selected", NULL,
                                   delete_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "firmware.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_u, GDK_CONTROL_MASK,
                                       "firmware.upload", NULL);
}
