/* pa-layout-designer-sidecars.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sidecars: how many the layout is drawn with, and which module layout
 * each shows. The choices are working copies, edited through the document
 * and copied back before it is rebuilt.
 */
#define G_LOG_DOMAIN "pa-layout-designer"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-layout-designer-private.h"
#include "pa-layouts-page.h"

static void
replace_choice (PaLayoutDesigner *self,
                guint             i,
                PaModuleLayout   *layout)
{
  PaModuleLayout *copy = PA_MODULE_LAYOUT (pa_resource_copy (PA_RESOURCE (layout)));

  g_object_unref (g_ptr_array_index (self->module_choices, i));
  g_ptr_array_index (self->module_choices, i) = copy;
}

/* Copies the document's edited sidecars back into module_choices. */
void
pa_layout_designer_sync_module_choices (PaLayoutDesigner *self)
{
  if (self->document == NULL)
    return;
  for (guint i = 0; i < self->n_modules && i < self->module_choices->len; i++)
    {
      PaModuleLayout *edited = pa_layout_document_get_module_layout (self->document, i + 1);

      if (edited != NULL)
        replace_choice (self, i, edited);
    }
}

/* The module layout a new sidecar starts with: the default of the first
 * module the model takes, else any of it, else a new empty one. */
static PaModuleLayout *
default_module_layout (PaLayoutDesigner *self)
{
  const char * const *module_ids = pa_device_model_get_module_ids (self->model);
  GListModel *stored = pa_repository_get_module_layouts (self->repository);
  PaModuleLayout *any = NULL;
  PaModuleLayout *fresh;
  g_autofree char *name = NULL;

  if (module_ids == NULL || module_ids[0] == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    {
      g_autoptr(PaModuleLayout) candidate = g_list_model_get_item (stored, i);

      if (g_strcmp0 (pa_module_layout_get_module (candidate), module_ids[0]) != 0)
        continue;
      if (pa_module_layout_get_is_default (candidate))
        return PA_MODULE_LAYOUT (pa_resource_copy (PA_RESOURCE (candidate)));
      if (any == NULL)
        any = candidate;
    }
  if (any != NULL)
    return PA_MODULE_LAYOUT (pa_resource_copy (PA_RESOURCE (any)));

  fresh = pa_module_layout_new ();
  pa_module_layout_set_module (fresh, module_ids[0]);
  /* Translators: the name of a new sidecar layout made for a layout */
  name = g_strdup_printf (_("%s sidecar"), pa_layout_get_name (pa_layout_document_get_layout (self->document)));
  pa_module_layout_set_name (fresh, name);
  return fresh;
}

/* ---- sidecars ------------------------------------------------------- */

static void
module_choice_changed_cb (GtkDropDown      *dropdown,
                          GParamSpec       *pspec,
                          PaLayoutDesigner *self)
{
  GPtrArray *options = g_object_get_data (G_OBJECT (dropdown), "pa-options");
  guint surface = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "pa-surface"));
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || options == NULL || position >= options->len)
    return;
  pa_layout_designer_set_module_layout (self, surface, g_ptr_array_index (options, position));
}

/* "Reception keys (Yealink EXP50)": a stored layout names its module. */
static void
append_choice_name (GtkStringList  *names,
                    PaModuleLayout *layout)
{
  g_autofree char *module = pa_layout_model_display_name (pa_module_layout_get_module (layout));
  g_autofree char *text = g_strdup_printf ("%s (%s)", pa_module_layout_get_name (layout), module);

  gtk_string_list_append (names, text);
}

/* One drop-down per sidecar: the stored module layouts the model takes,
 * and a new one per module type. */
void
pa_layout_designer_rebuild_module_choices (PaLayoutDesigner *self)
{
  GtkWidget *child;
  const char * const *module_ids = pa_device_model_get_module_ids (self->model);
  GListModel *stored = pa_repository_get_module_layouts (self->repository);
  g_autofree char *label = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->module_choices_box))) != NULL)
    gtk_box_remove (self->module_choices_box, child);

  self->syncing = TRUE;
  gtk_adjustment_set_upper (self->sidecars_adjustment, pa_device_model_get_max_modules (self->model));
  gtk_adjustment_set_value (self->sidecars_adjustment, self->n_modules);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidecars_spin), !self->module_only);

  for (guint i = 0; i < self->n_modules; i++)
    {
      PaModuleLayout *current = g_ptr_array_index (self->module_choices, i);
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      GPtrArray *options = g_ptr_array_new_with_free_func (g_object_unref);
      GtkWidget *dropdown, *row_label;
      g_autofree char *title = g_strdup_printf (_("Sidecar %u"), i + 1);
      guint selected = 0;

      g_ptr_array_add (options, g_object_ref (current));
      append_choice_name (names, current);
      for (guint j = 0; j < g_list_model_get_n_items (stored); j++)
        {
          g_autoptr(PaModuleLayout) candidate = g_list_model_get_item (stored, j);

          if (pa_resource_get_id (PA_RESOURCE (candidate)) == pa_resource_get_id (PA_RESOURCE (current))
              || !pa_device_model_supports_module (self->model, pa_module_layout_get_module (candidate)))
            continue;
          append_choice_name (names, candidate);
          g_ptr_array_add (options, g_steal_pointer (&candidate));
        }
      for (guint j = 0; module_ids != NULL && module_ids[j] != NULL; j++)
        {
          PaModuleLayout *fresh = pa_module_layout_new ();
          g_autofree char *module = pa_layout_model_display_name (module_ids[j]);
          g_autofree char *text = g_strdup_printf (_("New %s layout"), module);

          pa_module_layout_set_module (fresh, module_ids[j]);
          pa_module_layout_set_name (fresh, text);
          gtk_string_list_append (names, text);
          g_ptr_array_add (options, fresh);
        }

      row_label = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (row_label), 0);
      gtk_widget_add_css_class (row_label, "heading");
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
      gtk_widget_set_sensitive (dropdown, !self->module_only);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      g_object_set_data_full (G_OBJECT (dropdown), "pa-options", options,
                              (GDestroyNotify) g_ptr_array_unref);
      g_object_set_data (G_OBJECT (dropdown), "pa-surface", GUINT_TO_POINTER (i + 1));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (module_choice_changed_cb), self);
      gtk_box_append (self->module_choices_box, row_label);
      gtk_box_append (self->module_choices_box, dropdown);
    }
  self->syncing = FALSE;

  if (self->n_modules == 0)
    label = g_strdup (_("No Sidecars"));
  else
    label = g_strdup_printf (ngettext ("%u Sidecar", "%u Sidecars", self->n_modules), self->n_modules);
  adw_button_content_set_label (self->sidecars_content, label);
  gtk_widget_set_visible (GTK_WIDGET (self->sidecars_button),
                          pa_device_model_get_max_modules (self->model) > 0);
}

void
pa_layout_designer_sidecars_changed (PaLayoutDesigner *self)
{
  if (self->syncing)
    return;
  pa_layout_designer_set_n_modules (self, (guint) gtk_adjustment_get_value (self->sidecars_adjustment));
}

/* The layout that names @module_layout as one of its sidecars, if any. */
PaLayout *
pa_layout_designer_find_sidecar_owner (PaRepository   *repository,
                                       PaModuleLayout *module_layout)
{
  GListModel *layouts = pa_repository_get_layouts (repository);
  gint64 id = pa_resource_get_id (PA_RESOURCE (module_layout));

  for (guint i = 0; id != 0 && i < g_list_model_get_n_items (layouts); i++)
    {
      g_autoptr(PaLayout) layout = g_list_model_get_item (layouts, i);
      GArray *sidecars = pa_layout_get_sidecars (layout);

      for (guint j = 0; j < sidecars->len; j++)
        if (g_array_index (sidecars, gint64, j) == id)
          return layout;   /* the repository keeps it */
    }
  return NULL;
}

/* The sidecars the layout is drawn with: the ones it names, or for a
 * layout saved before layouts named them, what the phones on it show. */
void
pa_layout_designer_guess_modules (PaLayoutDesigner *self,
                                  PaLayout         *layout)
{
  GListModel *phones = pa_repository_get_phones (self->repository);
  GArray *sidecars = pa_layout_get_sidecars (layout);
  gint64 id = pa_resource_get_id (PA_RESOURCE (layout));
  GPtrArray *best = NULL;

  for (guint i = 0; i < sidecars->len && i < pa_device_model_get_max_modules (self->model); i++)
    {
      PaResource *stored = pa_repository_find (self->repository, PA_TYPE_MODULE_LAYOUT,
                                               g_array_index (sidecars, gint64, i));

      if (stored == NULL)
        break;
      g_ptr_array_add (self->module_choices, pa_resource_copy (stored));
      self->n_modules++;
    }
  if (self->n_modules > 0 || id == 0)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (phones, i);
      GPtrArray *modules = pa_phone_get_modules (phone);

      if (pa_phone_get_layout_id (phone) == id && modules != NULL
          && (best == NULL || modules->len > best->len))
        best = modules;
    }
  for (guint i = 0; best != NULL && i < best->len
                     && i < pa_device_model_get_max_modules (self->model); i++)
    {
      PaPhoneModule *module = g_ptr_array_index (best, i);
      PaResource *stored = pa_repository_find (self->repository, PA_TYPE_MODULE_LAYOUT,
                                               module->layout_id);

      if (stored == NULL)
        break;
      g_ptr_array_add (self->module_choices, pa_resource_copy (stored));
      self->n_modules++;
    }
}

static void
rebuild_keeping_edits (PaLayoutDesigner *self)
{
  g_autoptr(PaLayout) layout = NULL;

  self->carry_modified = pa_layout_designer_is_modified (self);
  layout = PA_LAYOUT (pa_resource_copy (PA_RESOURCE (pa_layout_document_get_layout (self->document))));
  pa_layout_designer_rebuild_document (self, layout);
  pa_layout_designer_rebuild_module_choices (self);
}

gboolean
pa_layout_designer_set_n_modules (PaLayoutDesigner *self,
                                  guint             n_modules)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), FALSE);

  if (n_modules > pa_device_model_get_max_modules (self->model) || self->module_only)
    return FALSE;
  if (n_modules == self->n_modules)
    return TRUE;

  pa_layout_designer_sync_module_choices (self);
  while (self->module_choices->len < n_modules)
    {
      PaModuleLayout *fresh = default_module_layout (self);

      if (fresh == NULL)
        return FALSE;
      g_ptr_array_add (self->module_choices, fresh);
    }
  self->n_modules = n_modules;
  rebuild_keeping_edits (self);
  pa_layout_designer_notify (self, PROP_N_MODULES);
  return TRUE;
}

gboolean
pa_layout_designer_set_module_layout (PaLayoutDesigner *self,
                                      guint             surface,
                                      PaModuleLayout   *layout)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), FALSE);
  g_return_val_if_fail (PA_IS_MODULE_LAYOUT (layout), FALSE);

  if (surface < 1 || surface > self->n_modules
      || !pa_device_model_supports_module (self->model, pa_module_layout_get_module (layout)))
    return FALSE;

  pa_layout_designer_sync_module_choices (self);
  if (g_ptr_array_index (self->module_choices, surface - 1) == layout)
    return TRUE;
  replace_choice (self, surface - 1, layout);
  rebuild_keeping_edits (self);
  return TRUE;
}
