/* pa-phone-editor-fill.c — the phone editor's combo rows: brands and
 * models from the catalog, sidecars, layouts and agents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each row's items stand for the ids in the editor's *_ids arrays, index by
 * index; the code moves a row only with self->updating raised, so the
 * "selected" handlers can tell it from the user.
 */
#define G_LOG_DOMAIN "pa-phone-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-phone-editor-private.h"

/* ------------------------------------------------------------------ */
/* Small helpers */

static void
set_labels (AdwComboRow *row,
            GPtrArray   *labels)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);

  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (list, g_ptr_array_index (labels, i));
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

const char *
pa_phone_editor_selected_string (GPtrArray   *ids,
                                 AdwComboRow *row)
{
  guint i = adw_combo_row_get_selected (row);

  return i < ids->len ? g_ptr_array_index (ids, i) : NULL;
}

gint64
pa_phone_editor_selected_id (GArray      *ids,
                             AdwComboRow *row)
{
  guint i = adw_combo_row_get_selected (row);

  return i < ids->len ? g_array_index (ids, gint64, i) : 0;
}

static guint
index_of_string (GPtrArray  *ids,
                 const char *id)
{
  for (guint i = 0; id != NULL && i < ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (ids, i), id) == 0)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static guint
index_of_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

static void
select_quietly (AdwComboRow *row,
                guint        position,
                guint       *updating)
{
  (*updating)++;
  adw_combo_row_set_selected (row, position);
  (*updating)--;
}

static PaCatalog *
catalog (void)
{
  return pa_catalog_get_default ();
}

/* ------------------------------------------------------------------ */
/* Filling the combos */

void
pa_phone_editor_fill_brands (PaPhoneEditor *self)
{
  GListModel *vendors = pa_catalog_get_vendors (catalog ());
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_set_size (self->vendor_ids, 0);
  g_ptr_array_add (self->vendor_ids, NULL);
  g_ptr_array_add (labels, g_strdup (_("Choose a Brand")));

  for (guint i = 0; i < g_list_model_get_n_items (vendors); i++)
    {
      g_autoptr(PaVendor) vendor = g_list_model_get_item (vendors, i);

      g_ptr_array_add (self->vendor_ids, g_strdup (pa_vendor_get_id (vendor)));
      g_ptr_array_add (labels, g_strdup (pa_vendor_get_name (vendor)));
    }

  self->updating++;
  set_labels (self->brand_row, labels);
  self->updating--;
}

void
pa_phone_editor_fill_models (PaPhoneEditor *self,
                             const char    *preferred)
{
  const char *vendor_id = pa_phone_editor_selected_string (self->vendor_ids, self->brand_row);
  g_autoptr(GListModel) models = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint position;

  g_ptr_array_set_size (self->model_ids, 0);
  if (vendor_id != NULL)
    {
      models = pa_catalog_list_models_for_vendor (catalog (), vendor_id);
      for (guint i = 0; i < g_list_model_get_n_items (models); i++)
        {
          g_autoptr(PaDeviceModel) model = g_list_model_get_item (models, i);

          g_ptr_array_add (self->model_ids, g_strdup (pa_device_model_get_id (model)));
          g_ptr_array_add (labels, g_strdup (pa_device_model_get_name (model)));
        }
    }

  self->updating++;
  set_labels (self->model_row, labels);
  position = index_of_string (self->model_ids, preferred);
  if (position != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->model_row, position);
  self->updating--;

  gtk_widget_set_sensitive (GTK_WIDGET (self->model_row), self->model_ids->len > 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->model_row),
                               vendor_id == NULL ? _("Choose the brand first") : "");
  pa_phone_editor_model_changed (self);
}

void
pa_phone_editor_update_module_count (PaPhoneEditor *self)
{
  const char *model_id = pa_phone_editor_selected_string (self->model_ids, self->model_row);
  const char *module_id = pa_phone_editor_selected_string (self->module_ids, self->module_row);
  PaDeviceModel *model = model_id != NULL ? pa_catalog_get_model (catalog (), model_id) : NULL;
  guint max = model != NULL && module_id != NULL
            ? pa_device_model_get_module_max (model, module_id) : 0;
  g_autofree char *subtitle = NULL;

  gtk_spin_button_set_range (self->module_count, 1, MAX (max, 1));
  gtk_widget_set_visible (GTK_WIDGET (self->module_count_row), max > 0);
  if (max > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "At most %u", "At most %u", max),
                                max);
  adw_action_row_set_subtitle (self->module_count_row, subtitle != NULL ? subtitle : "");
  pa_phone_editor_update_sidecar_rows (self);
}

static void
fill_modules (PaPhoneEditor *self,
              const char    *preferred,
              guint          count)
{
  const char *model_id = pa_phone_editor_selected_string (self->model_ids, self->model_row);
  PaDeviceModel *model = model_id != NULL ? pa_catalog_get_model (catalog (), model_id) : NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  const char * const *ids = model != NULL ? pa_device_model_get_module_ids (model) : NULL;
  guint position;

  g_ptr_array_set_size (self->module_ids, 0);
  g_ptr_array_add (self->module_ids, NULL);
  g_ptr_array_add (labels, g_strdup (_("None")));
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      PaExpansionModule *module = pa_catalog_get_module (catalog (), ids[i]);

      g_ptr_array_add (self->module_ids, g_strdup (ids[i]));
      g_ptr_array_add (labels, g_strdup (module != NULL ? pa_expansion_module_get_name (module)
                                                        : ids[i]));
    }

  self->updating++;
  set_labels (self->module_row, labels);
  position = index_of_string (self->module_ids, preferred);
  adw_combo_row_set_selected (self->module_row,
                              position != GTK_INVALID_LIST_POSITION ? position : 0);
  self->updating--;

  gtk_widget_set_sensitive (GTK_WIDGET (self->module_row), self->module_ids->len > 1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->module_row),
                               model != NULL && self->module_ids->len == 1
                               ? _("This model takes no expansion modules") : "");
  pa_phone_editor_update_module_count (self);
  if (count > 0)
    gtk_spin_button_set_value (self->module_count, count);
}

void
pa_phone_editor_fill_layouts (PaPhoneEditor *self,
                              gint64         preferred)
{
  const char *model_id = pa_phone_editor_selected_string (self->model_ids, self->model_row);
  GListModel *layouts = pa_repository_get_layouts (self->repo);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gint64 default_id = 0;
  guint position;

  g_array_set_size (self->layout_ids, 0);
  g_array_append_val (self->layout_ids, default_id);
  g_ptr_array_add (labels, g_strdup (_("None")));

  for (guint i = 0; model_id != NULL && i < g_list_model_get_n_items (layouts); i++)
    {
      g_autoptr(PaLayout) layout = g_list_model_get_item (layouts, i);
      gint64 id = pa_resource_get_id (PA_RESOURCE (layout));

      if (g_strcmp0 (pa_layout_get_model (layout), model_id) != 0)
        continue;
      g_array_append_val (self->layout_ids, id);
      g_ptr_array_add (labels, g_strdup (pa_layout_get_name (layout)));
      if (pa_layout_get_is_default (layout))
        default_id = id;
    }

  /* A new phone starts with its model's default layout, as the server's
   * rules suggest; an edited one keeps what it has. */
  if (preferred < 0)
    preferred = default_id;

  self->updating++;
  set_labels (self->layout_row, labels);
  position = index_of_id (self->layout_ids, preferred);
  adw_combo_row_set_selected (self->layout_row,
                              position != GTK_INVALID_LIST_POSITION ? position : 0);
  self->updating--;
  gtk_widget_set_sensitive (GTK_WIDGET (self->layout_row), model_id != NULL);
}

void
pa_phone_editor_fill_agents (PaPhoneEditor *self,
                             gint64         preferred)
{
  GListModel *agents = pa_repository_get_agents (self->repo);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  gint64 none = 0;
  guint position;

  g_array_set_size (self->agent_ids, 0);
  g_array_append_val (self->agent_ids, none);
  g_ptr_array_add (labels, g_strdup (_("Unassigned")));

  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PaAgent) agent = g_list_model_get_item (agents, i);
      gint64 id = pa_resource_get_id (PA_RESOURCE (agent));
      const char *extension = pa_agent_get_extension (agent);

      g_array_append_val (self->agent_ids, id);
      if (extension[0] != '\0')
        g_ptr_array_add (labels, g_strdup_printf ("%s (%s)", pa_agent_get_name (agent), extension));
      else
        g_ptr_array_add (labels, g_strdup (pa_agent_get_name (agent)));
    }

  self->updating++;
  set_labels (self->agent_row, labels);
  position = index_of_id (self->agent_ids, preferred);
  adw_combo_row_set_selected (self->agent_row,
                              position != GTK_INVALID_LIST_POSITION ? position : 0);
  self->updating--;
}

/* After the model changed: sidecars and layouts belong to a model. */
void
pa_phone_editor_model_changed (PaPhoneEditor *self)
{
  const char *model_id = pa_phone_editor_selected_string (self->model_ids, self->model_row);
  gboolean original_model = self->phone != NULL
                            && g_strcmp0 (model_id, pa_phone_get_model (self->phone)) == 0;
  const char *module_id = NULL;
  guint count = 0;

  if (original_model)
    {
      GPtrArray *modules = pa_phone_get_modules (self->phone);

      if (modules->len > 0)
        {
          PaPhoneModule *first = g_ptr_array_index (modules, 0);

          module_id = first->module_id;
          for (guint i = 0; i < modules->len; i++)
            if (g_strcmp0 (((PaPhoneModule *) g_ptr_array_index (modules, i))->module_id,
                           module_id) == 0)
              count++;
        }
    }

  fill_modules (self, module_id, count);
  pa_phone_editor_fill_layouts (self, original_model ? pa_phone_get_layout_id (self->phone) : -1);
}

void
pa_phone_editor_select_brand (PaPhoneEditor *self,
                              const char    *vendor_id)
{
  guint position = index_of_string (self->vendor_ids, vendor_id);

  if (position == GTK_INVALID_LIST_POSITION)
    position = 0;
  if (position == adw_combo_row_get_selected (self->brand_row))
    return;
  select_quietly (self->brand_row, position, &self->updating);
}

