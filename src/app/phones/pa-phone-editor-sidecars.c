/* pa-phone-editor-sidecars.c — which layout each attached sidecar shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per attached module, in the Assignment group under the button
 * layout. Its first choice is the phone's layout's own sidecar at that
 * position (what provd serves when the module names no layout); then every
 * stored sidecar layout for the module.
 */
#define G_LOG_DOMAIN "pa-phone-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-phone-editor-private.h"

#define IDS_KEY "pa-sidecar-layout-ids"

static gint64
row_selected_id (AdwComboRow *row)
{
  GArray *ids = g_object_get_data (G_OBJECT (row), IDS_KEY);

  return pa_phone_editor_selected_id (ids, row);
}

/* What position @i should show: the row's choice when there is one, else
 * what the phone had there, for the same module. */
static gint64
wanted_layout (PaPhoneEditor *self,
               guint          i,
               const char    *module_id)
{
  GPtrArray *modules;

  if (i < self->sidecar_rows->len)
    return row_selected_id (g_ptr_array_index (self->sidecar_rows, i));
  if (self->phone == NULL)
    return 0;
  modules = pa_phone_get_modules (self->phone);
  if (i < modules->len &&
      g_strcmp0 (((PaPhoneModule *) g_ptr_array_index (modules, i))->module_id, module_id) == 0)
    return ((PaPhoneModule *) g_ptr_array_index (modules, i))->layout_id;
  return 0;
}

static char *
inherited_label (PaPhoneEditor *self,
                 guint          position,
                 const char    *module_id)
{
  gint64 layout_id = pa_phone_editor_selected_id (self->layout_ids, self->layout_row);
  PaResource *layout = layout_id > 0
                       ? pa_repository_find (self->repo, PA_TYPE_LAYOUT, layout_id) : NULL;
  gint64 sidecar_id = layout != NULL ? pa_layout_get_sidecar (PA_LAYOUT (layout), position) : 0;
  PaResource *sidecar = sidecar_id > 0
                        ? pa_repository_find (self->repo, PA_TYPE_MODULE_LAYOUT, sidecar_id) : NULL;

  if (sidecar != NULL &&
      g_strcmp0 (pa_module_layout_get_module (PA_MODULE_LAYOUT (sidecar)), module_id) == 0)
    /* Translators: the first choice of a sidecar's layout; %s is the name
     * of the button layout's own sidecar layout */
    return g_strdup_printf (_("Default (%s)"),
                            pa_module_layout_get_name (PA_MODULE_LAYOUT (sidecar)));
  /* Translators: the button layout has no sidecar layout here */
  return g_strdup (_("Default (None)"));
}

static void
sidecar_selected_cb (AdwComboRow   *row,
                     GParamSpec    *pspec,
                     PaPhoneEditor *self)
{
  pa_phone_editor_form_changed (self, row);
}

static AdwComboRow *
new_row (PaPhoneEditor *self,
         guint          position,
         const char    *module_id,
         gint64         wanted)
{
  GListModel *stored = pa_repository_get_module_layouts (self->repo);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *title = g_strdup_printf (_("Sidecar %u Layout"), position);
  g_autofree char *inherited = inherited_label (self, position, module_id);
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  gint64 none = 0;
  guint selected = 0;

  g_array_append_val (ids, none);
  gtk_string_list_append (labels, inherited);
  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    {
      g_autoptr(PaModuleLayout) candidate = g_list_model_get_item (stored, i);
      gint64 id = pa_resource_get_id (PA_RESOURCE (candidate));

      if (g_strcmp0 (pa_module_layout_get_module (candidate), module_id) != 0)
        continue;
      if (id == wanted)
        selected = ids->len;
      g_array_append_val (ids, id);
      gtk_string_list_append (labels, pa_module_layout_get_name (candidate));
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("The default is the button layout’s"));
  adw_combo_row_set_model (row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (row, selected);
  g_object_set_data_full (G_OBJECT (row), IDS_KEY, g_steal_pointer (&ids),
                          (GDestroyNotify) g_array_unref);
  g_signal_connect (row, "notify::selected", G_CALLBACK (sidecar_selected_cb), self);
  return row;
}

void
pa_phone_editor_update_sidecar_rows (PaPhoneEditor *self)
{
  const char *module_id = pa_phone_editor_selected_string (self->module_ids, self->module_row);
  guint count = module_id != NULL ? (guint) gtk_spin_button_get_value_as_int (self->module_count) : 0;
  g_autoptr(GArray) wanted = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (self->sidecar_rows == NULL)
    return;   /* still being built */

  for (guint i = 0; i < count; i++)
    {
      gint64 id = wanted_layout (self, i, module_id);

      g_array_append_val (wanted, id);
    }

  self->updating++;
  for (guint i = 0; i < self->sidecar_rows->len; i++)
    adw_preferences_group_remove (self->assignment_group,
                                  g_ptr_array_index (self->sidecar_rows, i));
  g_ptr_array_set_size (self->sidecar_rows, 0);
  for (guint i = 0; i < count; i++)
    {
      AdwComboRow *row = new_row (self, i + 1, module_id, g_array_index (wanted, gint64, i));

      adw_preferences_group_add (self->assignment_group, GTK_WIDGET (row));
      g_ptr_array_add (self->sidecar_rows, row);
    }
  self->updating--;
}

GPtrArray *
pa_phone_editor_build_modules (PaPhoneEditor *self)
{
  const char *module_id = pa_phone_editor_selected_string (self->module_ids, self->module_row);
  GPtrArray *modules = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_phone_module_free);
  guint count = module_id != NULL ? (guint) gtk_spin_button_get_value_as_int (self->module_count) : 0;

  for (guint i = 0; i < count; i++)
    {
      gint64 layout_id = i < self->sidecar_rows->len
                         ? row_selected_id (g_ptr_array_index (self->sidecar_rows, i)) : 0;

      g_ptr_array_add (modules, pa_phone_module_new (module_id, layout_id));
    }
  return modules;
}
