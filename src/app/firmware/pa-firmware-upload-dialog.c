/* pa-firmware-upload-dialog.c — Upload Firmware…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is described first (its size and name read asynchronously),
 * the form is filled from what its name suggests, and the same checks the
 * server makes (pa_resource_validate_with_catalog() on the record the form
 * describes) say why Upload is off before a byte is sent. The upload
 * itself is pa-firmware-upload-run.c's.
 */
#define G_LOG_DOMAIN "pa-firmware"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-accessible-names.h"
#include "pa-client-firmware.h"
#include "pa-file-chooser.h"
#include "pa-firmware-form.h"
#include "pa-firmware-upload-dialog-private.h"


G_DEFINE_FINAL_TYPE (PaFirmwareUploadDialog, pa_firmware_upload_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_SENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the form ------------------------------------------------------- */

static const char *
selected_vendor (PaFirmwareUploadDialog *self)
{
  PaVendor *vendor = adw_combo_row_get_selected_item (self->brand_row);

  return vendor != NULL ? pa_vendor_get_id (vendor) : NULL;
}

static void
select_vendor (PaFirmwareUploadDialog *self,
               const char             *vendor_id)
{
  GListModel *vendors = pa_catalog_get_vendors (pa_catalog_get_default ());
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; vendor_id != NULL && i < g_list_model_get_n_items (vendors); i++)
    {
      g_autoptr(PaVendor) vendor = g_list_model_get_item (vendors, i);

      if (g_str_equal (pa_vendor_get_id (vendor), vendor_id))
        position = i;
    }
  adw_combo_row_set_selected (self->brand_row, position);
}

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The record the form describes, as the upload sends it. */
PaFirmware *
pa_firmware_upload_build_record (PaFirmwareUploadDialog *self)
{
  PaFirmware *firmware = pa_firmware_new ();
  g_autofree char *version = row_text (self->version_row);
  g_autofree char *name = row_text (self->name_row);
  g_auto(GStrv) models = pa_firmware_models_get_selected (self->models);
  const char *vendor = selected_vendor (self);

  pa_firmware_set_vendor (firmware, vendor != NULL ? vendor : "");
  pa_firmware_set_models (firmware, (const char * const *) models);
  pa_firmware_set_version (firmware, version);
  pa_firmware_set_name (firmware, name[0] != '\0' ? name : (self->filename ? self->filename : ""));
  pa_firmware_set_filename (firmware, self->filename != NULL ? self->filename : "");
  return firmware;
}

GtkWidget *
pa_firmware_upload_field_widget (PaFirmwareUploadDialog *self,
              const char             *field)
{
  if (g_strcmp0 (field, "vendor") == 0)
    return GTK_WIDGET (self->brand_row);
  if (g_strcmp0 (field, "version") == 0)
    return GTK_WIDGET (self->version_row);
  if (g_strcmp0 (field, "name") == 0)
    return GTK_WIDGET (self->name_row);
  if (g_strcmp0 (field, "file") == 0 || g_strcmp0 (field, "filename") == 0)
    return GTK_WIDGET (self->file_row);
  return NULL;
}

/* Shows which part of the form a message concerns (NULL: none). */
static void
mark_field (PaFirmwareUploadDialog *self,
            const char             *field)
{
  static const char * const fields[] = { "vendor", "version", "name", "file" };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      GtkWidget *widget = pa_firmware_upload_field_widget (self, fields[i]);
      gboolean wrong = g_strcmp0 (field, fields[i]) == 0
                       || (g_str_equal (fields[i], "file") && g_strcmp0 (field, "filename") == 0);

      if (wrong)
        gtk_widget_add_css_class (widget, "error");
      else
        gtk_widget_remove_css_class (widget, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_STATE_INVALID,
                                   wrong ? GTK_ACCESSIBLE_INVALID_TRUE
                                         : GTK_ACCESSIBLE_INVALID_FALSE, -1);
    }
  pa_firmware_models_set_error (self->models, g_strcmp0 (field, "models") == 0);
}

/* Why the form cannot be uploaded as it is, and the part it concerns. */
static char *
check_form (PaFirmwareUploadDialog  *self,
            const char             **field)
{
  g_autoptr(PaFirmware) firmware = NULL;
  g_autoptr(GError) error = NULL;

  *field = NULL;
  if (!self->have_info)
    return g_strdup (_("Reading the file…"));
  if (self->file_problem != NULL)
    {
      *field = "file";
      return g_strdup (self->file_problem);
    }
  if (selected_vendor (self) == NULL)
    {
      *field = "vendor";
      return g_strdup (_("Choose the brand the firmware is for"));
    }
  firmware = pa_firmware_upload_build_record (self);
  if (!pa_resource_validate_with_catalog (PA_RESOURCE (firmware), pa_catalog_get_default (),
                                          &error))
    {
      *field = pa_firmware_form_field (pa_model_error_get_field (error));
      return g_strdup (error->message);
    }
  return NULL;
}

/* The message over the form: what went wrong, or (@failed FALSE) what
 * the user did, such as stopping the upload. */
void
pa_firmware_upload_set_message (PaFirmwareUploadDialog *self,
             const char             *message,
             const char             *field,
             gboolean                failed)
{
  g_free (self->error);
  self->error = g_strdup (message);
  self->error_field = field;
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->error_icon),
                                failed ? "dialog-error-symbolic" : "dialog-information-symbolic");
  if (failed)
    {
      gtk_widget_add_css_class (self->error_icon, "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (self->error_icon, "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
    }
}

void
pa_firmware_upload_sent_changed (PaFirmwareUploadDialog *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SENT]);
}

void
pa_firmware_upload_busy_changed (PaFirmwareUploadDialog *self)
{
  gboolean busy = pa_firmware_upload_dialog_get_busy (self);

  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
pa_firmware_upload_update (PaFirmwareUploadDialog *self)
{
  const char *field = NULL;
  g_autofree char *reason = check_form (self, &field);
  gboolean uploading = self->upload != NULL;

  g_free (self->reason);
  self->reason = g_strdup (reason);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "upload.run", reason == NULL && !uploading);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "upload.choose-file", !uploading);
  gtk_widget_set_tooltip_text (self->upload_button,
                               reason != NULL ? reason : _("Send the file to the server (Ctrl+Enter)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->upload_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  reason != NULL ? reason : "", -1);

  /* What is wrong shows on the form once the user is at it (or the file
   * itself is wrong); a server's message shows until the next try. */
  if (reason != NULL && self->have_info && (self->touched || g_strcmp0 (field, "file") == 0))
    {
      g_autofree char *line = g_strdup_printf (_("Cannot upload yet: %s"), reason);

      gtk_label_set_text (self->reason_label, line);
      gtk_revealer_set_reveal_child (self->reason_revealer, TRUE);
      mark_field (self, field);
    }
  else
    {
      gtk_revealer_set_reveal_child (self->reason_revealer, FALSE);
      mark_field (self, reason == NULL ? self->error_field : NULL);
    }

  gtk_button_set_label (GTK_BUTTON (self->cancel_button), uploading ? _("_Stop") : _("_Cancel"));
  gtk_widget_set_tooltip_text (self->cancel_button,
                               uploading ? _("Stop the upload; nothing is stored (Escape)")
                                         : _("Close without uploading (Escape)"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->firmware_group), !uploading);
  gtk_widget_set_sensitive (GTK_WIDGET (self->models_group), !uploading);
  /* The bar while the bytes go; after, the message says how it went. */
  gtk_widget_set_visible (self->progress_group, uploading);
}

static void
form_changed_cb (PaFirmwareUploadDialog *self)
{
  if (!self->filling)
    self->touched = TRUE;
  pa_firmware_upload_update (self);
}

static void
brand_changed_cb (PaFirmwareUploadDialog *self)
{
  const char *vendor = selected_vendor (self);
  g_auto(GStrv) kept = pa_firmware_models_get_selected (self->models);

  /* Another brand: its models, with those of the file's still checked
   * when they are the brand's. */
  pa_firmware_models_set_vendor (self->models, vendor);
  pa_firmware_models_set_selected (self->models, (const char * const *) kept);
  form_changed_cb (self);
}

/* ---- the file ------------------------------------------------------- */

static void
fill_from_name (PaFirmwareUploadDialog *self,
                const char             *basename)
{
  PaDeviceModel *model = pa_firmware_guess_model (pa_catalog_get_default (), basename);
  g_autofree char *version = pa_firmware_guess_version (basename);
  g_autofree char *version_now = row_text (self->version_row);
  g_autofree char *name_now = row_text (self->name_row);

  self->filling = TRUE;
  if (model != NULL)
    {
      const char *ids[] = { pa_device_model_get_id (model), NULL };

      select_vendor (self, pa_device_model_get_vendor_id (model));
      pa_firmware_models_set_selected (self->models, ids);
    }
  /* What the user typed stays; what the last file suggested gives way. */
  if (version != NULL
      && (version_now[0] == '\0' || g_strcmp0 (version_now, self->guessed_version) == 0))
    {
      gtk_editable_set_text (GTK_EDITABLE (self->version_row), version);
      g_free (self->guessed_version);
      self->guessed_version = g_strdup (version);
    }
  if (name_now[0] == '\0' || g_strcmp0 (name_now, self->guessed_name) == 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), basename);
      g_free (self->guessed_name);
      self->guessed_name = g_strdup (basename);
    }
  self->filling = FALSE;
}

static void
show_file (PaFirmwareUploadDialog *self,
           const char             *display_name)
{
  g_autofree char *size = g_format_size (self->size);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), display_name);
  if (self->filename != NULL && g_strcmp0 (self->filename, display_name) != 0)
    /* Translators: a file's size, and the name phones will fetch it by */
    subtitle = g_strdup_printf (_("%s · sent as %s"), size, self->filename);
  else
    subtitle = g_strdup (size);
  adw_action_row_set_subtitle (self->file_row, subtitle);
}

static void
file_info_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PaFirmwareUploadDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info_finish (G_FILE (source), result, &error);
  g_autofree char *basename = g_file_get_basename (G_FILE (source));
  g_autofree char *display = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (G_FILE (source) != self->file)   /* another file was chosen meanwhile */
    return;

  self->have_info = TRUE;
  g_clear_pointer (&self->file_problem, g_free);
  display = g_filename_display_name (basename);
  self->filename = pa_firmware_safe_filename (basename);
  if (info == NULL)
    self->file_problem = g_strdup_printf (_("Could not read “%s”: %s. Choose the file again."),
                                          display, error->message);
  else if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    self->file_problem = g_strdup_printf (_("“%s” is not a file. Choose the firmware file."),
                                          display);
  else
    {
      self->size = (guint64) g_file_info_get_size (info);
      if (self->size == 0)
        self->file_problem = g_strdup_printf (_("“%s” is empty. Choose the firmware file."),
                                              display);
      else if (self->size > PA_CLIENT_FIRMWARE_MAX_BYTES)
        self->file_problem = g_strdup_printf (_("“%s” is larger than the server takes (1 GiB). "
                                                "Choose the firmware file itself, not an "
                                                "archive of several."), display);
      else if (self->filename == NULL)
        self->file_problem = g_strdup_printf (_("“%s” has no name a phone could fetch it by. "
                                                "Rename it with letters, digits and . _ + -"),
                                              display);
    }
  show_file (self, display);
  fill_from_name (self, display);
  g_clear_object (&self->info_cancellable);
  pa_firmware_upload_update (self);
  pa_firmware_upload_busy_changed (self);
}

void
pa_firmware_upload_dialog_set_file (PaFirmwareUploadDialog *self,
                                    GFile                  *file)
{
  g_autofree char *basename = NULL;
  g_autofree char *display = NULL;

  g_return_if_fail (PA_IS_FIRMWARE_UPLOAD_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->upload == NULL);

  g_set_object (&self->file, file);
  if (self->info_cancellable != NULL)
    g_cancellable_cancel (self->info_cancellable);
  g_set_object (&self->info_cancellable, g_cancellable_new ());
  self->have_info = FALSE;
  self->size = 0;
  self->sent = 0;
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->file_problem, g_free);
  pa_firmware_upload_set_message (self, NULL, NULL, FALSE);
  gtk_widget_set_visible (self->progress_group, FALSE);

  basename = g_file_get_basename (file);
  display = g_filename_display_name (basename);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->file_row), display);
  adw_action_row_set_subtitle (self->file_row, _("Reading the file…"));
  pa_firmware_upload_update (self);
  pa_firmware_upload_busy_changed (self);

  g_file_query_info_async (file,
                           G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                           G_FILE_QUERY_INFO_NONE, G_PRIORITY_DEFAULT, self->info_cancellable,
                           file_info_cb, g_object_ref (self));
}

static void
chooser_response_cb (GtkNativeDialog        *chooser,
                     int                     response,
                     PaFirmwareUploadDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL && self->upload == NULL)
    pa_firmware_upload_dialog_set_file (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaFirmwareUploadDialog *self = PA_FIRMWARE_UPLOAD_DIALOG (widget);
  g_autoptr(GFile) folder = NULL;

  if (self->chooser != NULL || self->upload != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Upload Firmware"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  folder = self->file != NULL ? g_file_get_parent (self->file) : NULL;
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  else
    pa_file_chooser_start_in_documents (GTK_FILE_CHOOSER (self->chooser));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject -------------------------------------------------------- */

static gboolean
pa_firmware_upload_dialog_close_request (GtkWindow *window)
{
  PaFirmwareUploadDialog *self = PA_FIRMWARE_UPLOAD_DIALOG (window);

  /* Stopping loses nothing: the server keeps no half of a file. */
  if (self->upload != NULL)
    g_cancellable_cancel (self->upload);
  return GTK_WINDOW_CLASS (pa_firmware_upload_dialog_parent_class)->close_request (window);
}

static void
pa_firmware_upload_dialog_dispose (GObject *object)
{
  PaFirmwareUploadDialog *self = PA_FIRMWARE_UPLOAD_DIALOG (object);

  if (self->info_cancellable != NULL)
    g_cancellable_cancel (self->info_cancellable);
  if (self->upload != NULL)
    g_cancellable_cancel (self->upload);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_FIRMWARE_UPLOAD_DIALOG);

  G_OBJECT_CLASS (pa_firmware_upload_dialog_parent_class)->dispose (object);
}

static void
pa_firmware_upload_dialog_finalize (GObject *object)
{
  PaFirmwareUploadDialog *self = PA_FIRMWARE_UPLOAD_DIALOG (object);

  g_clear_object (&self->repository);
  g_clear_object (&self->file);
  g_clear_object (&self->info_cancellable);
  g_clear_object (&self->upload);
  g_clear_object (&self->window_cancellable);
  g_clear_object (&self->record);
  g_free (self->filename);
  g_free (self->file_problem);
  g_free (self->guessed_version);
  g_free (self->guessed_name);
  g_free (self->reason);
  g_free (self->error);

  G_OBJECT_CLASS (pa_firmware_upload_dialog_parent_class)->finalize (object);
}

static void
pa_firmware_upload_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  PaFirmwareUploadDialog *self = PA_FIRMWARE_UPLOAD_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, pa_firmware_upload_dialog_get_busy (self));
      break;
    case PROP_SENT:
      g_value_set_uint64 (value, self->sent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_firmware_upload_dialog_class_init (PaFirmwareUploadDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pa_firmware_upload_dialog_dispose;
  object_class->finalize = pa_firmware_upload_dialog_finalize;
  object_class->get_property = pa_firmware_upload_dialog_get_property;
  window_class->close_request = pa_firmware_upload_dialog_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SENT] =
    g_param_spec_uint64 ("sent", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PA_TYPE_FIRMWARE_MODELS);
  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
    "/org/example/PhoneAdmin/firmware/pa-firmware-upload-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, upload_button);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, reason_revealer);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, reason_label);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, error_icon);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, page);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, file_group);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, progress_group);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, firmware_group);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, brand_row);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, version_row);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, models_group);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareUploadDialog, models);

  gtk_widget_class_install_action (widget_class, "upload.choose-file", NULL, choose_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "upload.choose-file", NULL);
  pa_firmware_upload_class_init_run (widget_class);
}

static char *
vendor_name (PaVendor *vendor)
{
  return g_strdup (vendor != NULL ? pa_vendor_get_name (vendor) : "");
}

static void
pa_firmware_upload_dialog_init (PaFirmwareUploadDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_expression (self->brand_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (vendor_name),
                                                             NULL, NULL));
  adw_combo_row_set_model (self->brand_row, pa_catalog_get_vendors (pa_catalog_get_default ()));
  adw_combo_row_set_selected (self->brand_row, GTK_INVALID_LIST_POSITION);

  g_signal_connect_swapped (self->brand_row, "notify::selected", G_CALLBACK (brand_changed_cb),
                            self);
  g_signal_connect_swapped (self->version_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->models, "changed", G_CALLBACK (form_changed_cb), self);
  pa_focus_when_shown (GTK_WINDOW (self), GTK_WIDGET (self->version_row));
}

GtkWidget *
pa_firmware_upload_dialog_new (GtkWindow    *parent,
                               PaRepository *repo,
                               GFile        *file)
{
  PaFirmwareUploadDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = g_object_new (PA_TYPE_FIRMWARE_UPLOAD_DIALOG, "transient-for", parent, NULL);
  self->repository = g_object_ref (repo);
  pa_firmware_upload_dialog_set_file (self, file);
  return GTK_WIDGET (self);
}

/* ---- for tests and callers ------------------------------------------ */

GFile *
pa_firmware_upload_dialog_get_file (PaFirmwareUploadDialog *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_UPLOAD_DIALOG (self), NULL);
  return self->file;
}

gboolean
pa_firmware_upload_dialog_get_busy (PaFirmwareUploadDialog *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_UPLOAD_DIALOG (self), FALSE);
  return self->upload != NULL || !self->have_info;
}

const char *
pa_firmware_upload_dialog_get_reason (PaFirmwareUploadDialog *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_UPLOAD_DIALOG (self), NULL);
  return self->reason;
}

const char *
pa_firmware_upload_dialog_get_error (PaFirmwareUploadDialog *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_UPLOAD_DIALOG (self), NULL);
  return self->error;
}

const char *
pa_firmware_upload_dialog_get_error_field (PaFirmwareUploadDialog *self)
{
  const char *field = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (PA_IS_FIRMWARE_UPLOAD_DIALOG (self), NULL);

  if (self->error != NULL)
    return self->error_field;
  reason = check_form (self, &field);
  return reason != NULL ? field : NULL;
}

guint64
pa_firmware_upload_dialog_get_sent (PaFirmwareUploadDialog *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_UPLOAD_DIALOG (self), 0);
  return self->sent;
}

guint64
pa_firmware_upload_dialog_get_size (PaFirmwareUploadDialog *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_UPLOAD_DIALOG (self), 0);
  return self->size;
}

PaFirmware *
pa_firmware_upload_dialog_get_record (PaFirmwareUploadDialog *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_UPLOAD_DIALOG (self), NULL);
  return self->record;
}

GtkFileChooser *
pa_firmware_upload_dialog_get_chooser (PaFirmwareUploadDialog *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_UPLOAD_DIALOG (self), NULL);
  return self->chooser != NULL ? GTK_FILE_CHOOSER (self->chooser) : NULL;
}
