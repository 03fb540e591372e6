/* pa-bulk-chooser-sidecars.c — the chooser's sidecars: a layout per
 * position, first sidecar first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As many positions as the selected phones have sidecars (at least one,
 * at most what their models take); each a combo of "No Layout" and the
 * sidecar layouts whose sidecar one of their models takes. Positions
 * after the last are left as the phones have them (the job's rule).
 */
#define G_LOG_DOMAIN "pa-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-bulk-chooser-private.h"
#include "pa-layouts-page.h"
#include "pa-status-page.h"

/* Whether a module layout's sidecar goes on any of the selected models. */
static gboolean
module_fits (PaBulkChooser  *self,
             PaModuleLayout *layout)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  gboolean known = FALSE;

  for (guint i = 0; i < self->models->len; i++)
    {
      PaDeviceModel *model = pa_catalog_get_model (catalog, g_ptr_array_index (self->models, i));

      if (model == NULL)
        continue;
      known = TRUE;
      if (pa_device_model_supports_module (model, pa_module_layout_get_module (layout)))
        return TRUE;
    }
  /* A catalog that does not know the model cannot rule anything out. */
  return !known;
}

/* How many sidecar positions to offer: as many as the phones have, at
 * least one, at most what their models take (0: none takes any). */
static guint
sidecar_positions (PaBulkChooser *self)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  guint most = 0, max_modules = 0;
  gboolean known = FALSE;

  for (guint i = 0; i < self->phones->len; i++)
    most = MAX (most, pa_phone_get_modules (g_ptr_array_index (self->phones, i))->len);
  for (guint i = 0; i < self->models->len; i++)
    {
      PaDeviceModel *model = pa_catalog_get_model (catalog, g_ptr_array_index (self->models, i));

      if (model != NULL)
        {
          known = TRUE;
          max_modules = MAX (max_modules, pa_device_model_get_max_modules (model));
        }
    }
  if (!known)
    return MAX (most, 1);
  return MIN (MAX (most, 1), max_modules);
}

/* The module layout every phone with a sidecar at @position has, 0 when
 * they differ or none has one there. */
static gint64
common_sidecar (PaBulkChooser *self,
                guint          position)
{
  gint64 value = -1;

  for (guint i = 0; i < self->phones->len; i++)
    {
      GPtrArray *modules = pa_phone_get_modules (g_ptr_array_index (self->phones, i));
      PaPhoneModule *module;

      if (position >= modules->len)
        continue;
      module = g_ptr_array_index (modules, position);
      if (value != -1 && module->layout_id != value)
        return 0;
      value = module->layout_id;
    }
  return MAX (value, 0);
}

void
pa_bulk_chooser_fill_sidecars (PaBulkChooser *self)
{
  GListModel *layouts = pa_repository_get_module_layouts (self->repo);
  guint positions = sidecar_positions (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Sidecars"), -1);
  if (positions == 0)
    {
      adw_status_page_set_title (self->empty_page, _("These Phones Take No Sidecar"));
      pa_status_page_set_description_text (self->empty_page,
                                           _("Their models have no sidecars to give layouts to."));
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  for (guint position = 0; position < positions; position++)
    {
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autofree char *title = g_strdup_printf (_("Sidecar %u"), position + 1);
      GtkWidget *row = adw_combo_row_new ();
      gint64 none = 0, current = common_sidecar (self, position);

      gtk_string_list_append (names, _("No Layout"));
      g_array_append_val (ids, none);
      for (guint i = 0; i < g_list_model_get_n_items (layouts); i++)
        {
          g_autoptr(PaModuleLayout) layout = g_list_model_get_item (layouts, i);
          g_autofree char *module = NULL;
          g_autofree char *name = NULL;
          gint64 id = pa_resource_get_id (PA_RESOURCE (layout));

          if (!module_fits (self, layout))
            continue;
          module = pa_layout_model_display_name (pa_module_layout_get_module (layout));
          /* TRANSLATORS: a sidecar layout and the sidecar it is for, "Sales (EXP50)" */
          name = g_strdup_printf (_("%s (%s)"), pa_module_layout_get_name (layout), module);
          gtk_string_list_append (names, name);
          g_array_append_val (ids, id);
        }
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
      g_ptr_array_add (self->combos, row);
      g_ptr_array_add (self->combo_ids, ids);
      gtk_list_box_append (self->list_box, row);
      pa_bulk_chooser_set_sidecar (self, position, current);
    }
}

JsonNode *
pa_bulk_chooser_sidecars_choice (PaBulkChooser *self)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_alloc ();

  for (guint i = 0; i < self->combos->len; i++)
    {
      GArray *ids = g_ptr_array_index (self->combo_ids, i);
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->combos, i));

      json_array_add_element (array, pa_bulk_chooser_id_node (selected < ids->len
                                                              ? g_array_index (ids, gint64, selected)
                                                              : 0));
    }
  return json_node_init_array (node, array);
}

gboolean
pa_bulk_chooser_set_sidecar (PaBulkChooser *self,
                             guint          position,
                             gint64         id)
{
  GArray *ids;

  g_return_val_if_fail (PA_IS_BULK_CHOOSER (self), FALSE);

  if (position >= self->combos->len)
    return FALSE;
  ids = g_ptr_array_index (self->combo_ids, position);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (g_ptr_array_index (self->combos, position), i);
        return TRUE;
      }
  return FALSE;
}
