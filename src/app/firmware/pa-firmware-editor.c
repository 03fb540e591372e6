/* pa-firmware-editor.c — a firmware record's name, models and version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form edits a copy of the stored record: the brand, the file, its
 * size and hash are the upload's and only shown. Saving goes through the
 * repository (an update with If-Match on the revision the form was opened
 * at), which puts the server's answer into the list at once.
 */
#define G_LOG_DOMAIN "pa-firmware"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-firmware-editor.h"
#include "pa-firmware-form.h"
#include "pa-firmware-models.h"
#include "pa-phone-actions.h"

struct _PaFirmwareEditor
{
  PaEditor      parent_instance;

  PaRepository *repo;
  PaFirmware   *firmware;    /* the stored record */
  PaFirmware   *initial;     /* the form as opened (or last saved) */
  const char   *error_field; /* the server's last refusal names it; static */

  AdwEntryRow      *name_row;
  AdwEntryRow      *version_row;
  AdwActionRow     *brand_row;
  PaFirmwareModels *models;
  AdwActionRow     *file_row;
  AdwActionRow     *size_row;
  AdwActionRow     *sha256_row;
  AdwActionRow     *phones_row;
};

G_DEFINE_FINAL_TYPE (PaFirmwareEditor, pa_firmware_editor, PA_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_FIRMWARE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static PaFirmware *
build_firmware (PaFirmwareEditor *self)
{
  PaFirmware *firmware = PA_FIRMWARE (pa_resource_copy (PA_RESOURCE (self->firmware)));
  g_autofree char *name = row_text (self->name_row);
  g_autofree char *version = row_text (self->version_row);
  g_auto(GStrv) models = pa_firmware_models_get_selected (self->models);

  pa_firmware_set_name (firmware, name);
  pa_firmware_set_version (firmware, version);
  pa_firmware_set_models (firmware, (const char * const *) models);
  return firmware;
}

static gboolean
pa_firmware_editor_is_dirty (PaEditor *editor)
{
  PaFirmwareEditor *self = PA_FIRMWARE_EDITOR (editor);
  g_autoptr(PaFirmware) now = NULL;

  if (self->initial == NULL)
    return FALSE;
  now = build_firmware (self);
  /* The revision follows the server, not the user. */
  pa_resource_set_revision (PA_RESOURCE (now), pa_resource_get_revision (PA_RESOURCE (self->initial)));
  return !pa_resource_equal (PA_RESOURCE (now), PA_RESOURCE (self->initial));
}

static void
mark_field (PaFirmwareEditor *self,
            const char       *field)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->name_row), GTK_WIDGET (self->version_row) };
  const char *names[] = { "name", "version" };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gboolean wrong = g_strcmp0 (field, names[i]) == 0;

      if (wrong)
        gtk_widget_add_css_class (rows[i], "error");
      else
        gtk_widget_remove_css_class (rows[i], "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_STATE_INVALID,
                                   wrong ? GTK_ACCESSIBLE_INVALID_TRUE
                                         : GTK_ACCESSIBLE_INVALID_FALSE, -1);
    }
  pa_firmware_models_set_error (self->models, g_strcmp0 (field, "models") == 0);
}

static char *
pa_firmware_editor_check (PaEditor *editor)
{
  PaFirmwareEditor *self = PA_FIRMWARE_EDITOR (editor);
  g_autoptr(PaFirmware) firmware = build_firmware (self);
  g_autoptr(GError) error = NULL;

  if (!pa_resource_validate_with_catalog (PA_RESOURCE (firmware), pa_catalog_get_default (),
                                          &error))
    {
      /* Marked once the user is at it, as the reason line shows then. */
      mark_field (self, pa_firmware_editor_is_dirty (editor)
                        ? pa_firmware_form_field (pa_model_error_get_field (error)) : NULL);
      return g_strdup (error->message);
    }
  mark_field (self, self->error_field);
  return NULL;
}

/* ------------------------------------------------------------------ */

static void
show_record (PaFirmwareEditor *self)
{
  g_autofree char *size = g_format_size_full (pa_firmware_get_size (self->firmware),
                                              G_FORMAT_SIZE_LONG_FORMAT);
  guint n = pa_firmware_count_phones (self->firmware, pa_repository_get_phones (self->repo));
  g_autofree char *phones = g_strdup_printf (g_dngettext (NULL, "%u phone", "%u phones", n), n);
  g_autofree char *title = g_strdup_printf (_("Edit “%s”"), pa_firmware_get_name (self->firmware));

  adw_action_row_set_subtitle (self->brand_row,
                               pa_firmware_vendor_name (pa_catalog_get_default (),
                                                        pa_firmware_get_vendor (self->firmware)));
  adw_action_row_set_subtitle (self->file_row, pa_firmware_get_filename (self->firmware));
  adw_action_row_set_subtitle (self->size_row, size);
  adw_action_row_set_subtitle (self->sha256_row, pa_firmware_get_sha256 (self->firmware));
  adw_action_row_set_subtitle (self->phones_row, phones);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
fill_form (PaFirmwareEditor *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), pa_firmware_get_name (self->firmware));
  gtk_editable_set_text (GTK_EDITABLE (self->version_row),
                         pa_firmware_get_version (self->firmware));
  pa_firmware_models_set_vendor (self->models, pa_firmware_get_vendor (self->firmware));
  pa_firmware_models_set_selected (self->models, pa_firmware_get_models (self->firmware));
  g_clear_object (&self->initial);
  self->initial = build_firmware (self);
  show_record (self);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PaFirmwareEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) saved = NULL;
  GtkWindow *parent;
  g_autofree char *toast = NULL;

  saved = pa_repository_save_finish (PA_REPOSITORY (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  pa_editor_end_busy (PA_EDITOR (self));
  if (saved == NULL)
    {
      self->error_field = pa_firmware_form_field (pa_client_error_get_field (error));
      pa_editor_show_error (PA_EDITOR (self), _("Could not save the firmware"), error);
      pa_editor_update (PA_EDITOR (self));
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  toast = g_strdup_printf (_("Firmware “%s” saved"), pa_firmware_get_name (PA_FIRMWARE (saved)));
  if (parent != NULL)
    pa_show_toast (GTK_WIDGET (parent), toast);
  pa_editor_finish (PA_EDITOR (self));
}

static void
pa_firmware_editor_save (PaEditor *editor)
{
  PaFirmwareEditor *self = PA_FIRMWARE_EDITOR (editor);
  g_autoptr(PaFirmware) firmware = build_firmware (self);

  /* If-Match on the revision the form was opened at. */
  pa_resource_set_revision (PA_RESOURCE (firmware),
                            pa_resource_get_revision (PA_RESOURCE (self->initial)));
  self->error_field = NULL;
  pa_editor_begin_busy (editor);
  pa_repository_save_async (self->repo, PA_RESOURCE (firmware), pa_editor_get_cancellable (editor),
                            saved_cb, g_object_ref (self));
}

static void
form_changed_cb (PaFirmwareEditor *self)
{
  pa_editor_update (PA_EDITOR (self));
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
pa_firmware_editor_constructed (GObject *object)
{
  PaFirmwareEditor *self = PA_FIRMWARE_EDITOR (object);

  G_OBJECT_CLASS (pa_firmware_editor_parent_class)->constructed (object);

  g_return_if_fail (PA_IS_REPOSITORY (self->repo));
  g_return_if_fail (PA_IS_FIRMWARE (self->firmware));

  fill_form (self);
  g_signal_connect_object (self->firmware, "notify", G_CALLBACK (show_record), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->version_row, "changed", G_CALLBACK (form_changed_cb), self);
  g_signal_connect_swapped (self->models, "changed", G_CALLBACK (form_changed_cb), self);
  pa_editor_update (PA_EDITOR (self));
}

static void
pa_firmware_editor_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PA_TYPE_FIRMWARE_EDITOR);

  G_OBJECT_CLASS (pa_firmware_editor_parent_class)->dispose (object);
}

static void
pa_firmware_editor_finalize (GObject *object)
{
  PaFirmwareEditor *self = PA_FIRMWARE_EDITOR (object);

  g_clear_object (&self->repo);
  g_clear_object (&self->firmware);
  g_clear_object (&self->initial);

  G_OBJECT_CLASS (pa_firmware_editor_parent_class)->finalize (object);
}

static void
pa_firmware_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PaFirmwareEditor *self = PA_FIRMWARE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repo);
      break;
    case PROP_FIRMWARE:
      g_value_set_object (value, self->firmware);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_firmware_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PaFirmwareEditor *self = PA_FIRMWARE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      self->repo = g_value_dup_object (value);
      break;
    case PROP_FIRMWARE:
      self->firmware = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Opens with the name focused; left to itself GTK focuses Cancel. */
static void
pa_firmware_editor_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pa_firmware_editor_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (PA_FIRMWARE_EDITOR (widget)->name_row));
}

static void
pa_firmware_editor_class_init (PaFirmwareEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PaEditorClass *editor_class = PA_EDITOR_CLASS (klass);

  widget_class->show = pa_firmware_editor_show;
  object_class->constructed = pa_firmware_editor_constructed;
  object_class->dispose = pa_firmware_editor_dispose;
  object_class->finalize = pa_firmware_editor_finalize;
  object_class->get_property = pa_firmware_editor_get_property;
  object_class->set_property = pa_firmware_editor_set_property;
  editor_class->is_dirty = pa_firmware_editor_is_dirty;
  editor_class->check = pa_firmware_editor_check;
  editor_class->save = pa_firmware_editor_save;
  editor_class->save_tooltip = N_("Save the firmware’s name, models and version (Ctrl+S)");
  editor_class->discard_body = N_("The changes to this firmware have not been saved.");

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIRMWARE] =
    g_param_spec_object ("firmware", NULL, NULL, PA_TYPE_FIRMWARE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PA_TYPE_FIRMWARE_MODELS);
  gtk_widget_class_set_template_from_resource (widget_class,
    "/org/example/PhoneAdmin/firmware/pa-firmware-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareEditor, version_row);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareEditor, brand_row);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareEditor, models);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareEditor, file_row);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareEditor, size_row);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareEditor, sha256_row);
  gtk_widget_class_bind_template_child (widget_class, PaFirmwareEditor, phones_row);
}

static void
pa_firmware_editor_init (PaFirmwareEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pa_firmware_editor_new (GtkWindow    *parent,
                        PaRepository *repo,
                        PaFirmware   *firmware)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (PA_IS_FIRMWARE (firmware), NULL);

  return g_object_new (PA_TYPE_FIRMWARE_EDITOR,
                       "transient-for", parent,
                       "repository", repo,
                       "firmware", firmware,
                       NULL);
}

PaFirmware *
pa_firmware_editor_get_firmware (PaFirmwareEditor *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_EDITOR (self), NULL);
  return self->firmware;
}
