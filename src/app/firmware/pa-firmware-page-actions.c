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

#include "pa-delete-many.h"
#include "pa-file-chooser.h"
#include "pa-firmware-editor.h"
#include "pa-firmware-form.h"
#include "pa-firmware-page-private.h"
#include "pa-firmware-upload-dialog.h"
#include "pa-phone-actions.h"

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

static const char *
firmware_name (gpointer item)
{
  return pa_firmware_get_name (PA_FIRMWARE (item));
}

static char *
describe_deleted (GPtrArray *names)
{
  if (names->len == 1)
    return g_strdup_printf (_("Firmware “%s” deleted"), (const char *) g_ptr_array_index (names, 0));
  return g_strdup_printf (g_dngettext (NULL, "%u firmware file deleted",
                                       "%u firmware files deleted", names->len), names->len);
}

static const PaDeleteKind firmware_kind = { firmware_name, describe_deleted };

void
pa_firmware_delete_items (GtkWindow    *parent,
                          PaRepository *repository,
                          GPtrArray    *items)
{
  GListModel *phones = pa_repository_get_phones (repository);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint n_phones = 0;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_REPOSITORY (repository));

  if (items->len == 0)
    return;
  for (guint i = 0; i < items->len; i++)
    n_phones += pa_firmware_count_phones (g_ptr_array_index (items, i), phones);

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
  pa_delete_many_interactive (parent, repository, items, &firmware_kind, heading, body);
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
