/* pa-firmware-models.c — see pa-firmware-models.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-firmware"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-core.h"
#include "pa-firmware-models.h"

#define N_COLUMNS 4

struct _PaFirmwareModels
{
  AdwBin      parent_instance;

  GtkWidget  *card;
  GtkGrid    *grid;
  GtkWidget  *placeholder;
  char       *vendor;
  GPtrArray  *checks;     /* GtkCheckButton, one per row, with "pa-model-id" */
  gboolean    updating;   /* set_selected() is checking boxes: one "changed" */
};

G_DEFINE_FINAL_TYPE (PaFirmwareModels, pa_firmware_models, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
check_model_id (GtkCheckButton *check)
{
  return g_object_get_data (G_OBJECT (check), "pa-model-id");
}

static void
check_toggled_cb (GtkCheckButton   *check,
                  PaFirmwareModels *self)
{
  if (!self->updating)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
clear_checks (PaFirmwareModels *self)
{
  for (guint i = 0; i < self->checks->len; i++)
    gtk_grid_remove (self->grid, g_ptr_array_index (self->checks, i));
  g_ptr_array_set_size (self->checks, 0);
}

void
pa_firmware_models_set_vendor (PaFirmwareModels *self,
                               const char       *vendor_id)
{
  g_autoptr(GListModel) models = NULL;
  PaCatalog *catalog = pa_catalog_get_default ();

  g_return_if_fail (PA_IS_FIRMWARE_MODELS (self));

  if (g_strcmp0 (self->vendor, vendor_id) == 0)
    return;
  g_free (self->vendor);
  self->vendor = g_strdup (vendor_id);
  clear_checks (self);

  if (vendor_id != NULL && vendor_id[0] != '\0')
    models = pa_catalog_list_models_for_vendor (catalog, vendor_id);
  /* A grid, not a row each: a brand's dozen models fit in three lines,
   * and the checked ones are seen at a glance. Row by row, in the
   * catalog's order, which is also the order Tab follows. */
  for (guint i = 0; models != NULL && i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(PaDeviceModel) model = g_list_model_get_item (models, i);
      GtkWidget *check = gtk_check_button_new_with_label (pa_device_model_get_name (model));

      g_object_set_data_full (G_OBJECT (check), "pa-model-id",
                              g_strdup (pa_device_model_get_id (model)), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
      gtk_grid_attach (self->grid, check, i % N_COLUMNS, i / N_COLUMNS, 1, 1);
      g_ptr_array_add (self->checks, check);
    }
  gtk_widget_set_visible (self->placeholder, self->checks->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->grid), self->checks->len > 0);
  g_signal_emit (self, signals[CHANGED], 0);
}

const char *
pa_firmware_models_get_vendor (PaFirmwareModels *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_MODELS (self), NULL);
  return self->vendor;
}

void
pa_firmware_models_set_selected (PaFirmwareModels   *self,
                                 const char * const *ids)
{
  g_return_if_fail (PA_IS_FIRMWARE_MODELS (self));

  self->updating = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      gtk_check_button_set_active (check, ids != NULL && g_strv_contains (ids, check_model_id (check)));
    }
  self->updating = FALSE;
  g_signal_emit (self, signals[CHANGED], 0);
}

char **
pa_firmware_models_get_selected (PaFirmwareModels *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (PA_IS_FIRMWARE_MODELS (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->checks, i);

      if (gtk_check_button_get_active (check))
        g_strv_builder_add (builder, check_model_id (check));
    }
  return g_strv_builder_end (builder);
}

GtkCheckButton *
pa_firmware_models_get_check (PaFirmwareModels *self,
                              const char       *model_id)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_MODELS (self), NULL);

  for (guint i = 0; i < self->checks->len; i++)
    if (g_strcmp0 (check_model_id (g_ptr_array_index (self->checks, i)), model_id) == 0)
      return g_ptr_array_index (self->checks, i);
  return NULL;
}

void
pa_firmware_models_set_error (PaFirmwareModels *self,
                              gboolean          error)
{
  g_return_if_fail (PA_IS_FIRMWARE_MODELS (self));

  if (error)
    gtk_widget_add_css_class (self->card, "error");
  else
    gtk_widget_remove_css_class (self->card, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->card), GTK_ACCESSIBLE_STATE_INVALID,
                               error ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
pa_firmware_models_dispose (GObject *object)
{
  PaFirmwareModels *self = PA_FIRMWARE_MODELS (object);

  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (pa_firmware_models_parent_class)->dispose (object);
}

static void
pa_firmware_models_finalize (GObject *object)
{
  PaFirmwareModels *self = PA_FIRMWARE_MODELS (object);

  g_free (self->vendor);

  G_OBJECT_CLASS (pa_firmware_models_parent_class)->finalize (object);
}

static void
pa_firmware_models_class_init (PaFirmwareModelsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pa_firmware_models_dispose;
  object_class->finalize = pa_firmware_models_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pa_firmware_models_init (PaFirmwareModels *self)
{
  self->checks = g_ptr_array_new ();
  self->card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_add_css_class (self->card, "card");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->card), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Models"), -1);

  self->grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_homogeneous (self->grid, TRUE);
  gtk_grid_set_row_spacing (self->grid, 6);
  gtk_grid_set_column_spacing (self->grid, 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_start (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->grid), 12);
  gtk_widget_set_visible (GTK_WIDGET (self->grid), FALSE);

  self->placeholder = gtk_label_new (_("Choose the brand first"));
  gtk_widget_add_css_class (self->placeholder, "dim-label");
  gtk_widget_set_margin_top (self->placeholder, 18);
  gtk_widget_set_margin_bottom (self->placeholder, 18);

  gtk_box_append (GTK_BOX (self->card), self->placeholder);
  gtk_box_append (GTK_BOX (self->card), GTK_WIDGET (self->grid));
  adw_bin_set_child (ADW_BIN (self), self->card);
}

GtkWidget *
pa_firmware_models_new (void)
{
  return g_object_new (PA_TYPE_FIRMWARE_MODELS, NULL);
}
