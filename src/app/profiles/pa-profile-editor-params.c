/* pa-profile-editor-params.c — a profile's custom parameters: its own,
 * and those it inherits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The own ones are rows of fields that stay put while the user types in
 * them; the inherited ones are rebuilt below them whenever the parent or
 * an own name changes, without the ones an own row names (that one wins,
 * as pa_profile_flatten() merges them).
 */
#define G_LOG_DOMAIN "pa-profile-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pa-param-row.h"
#include "pa-profile-editor-private.h"

static char *
row_key (PaParamRow *row)
{
  g_autofree char *name = pa_param_row_dup_name (row);
  const char *vendor = pa_param_row_get_vendor (row);

  if (vendor == NULL || name[0] == '\0')
    return NULL;
  return g_strconcat (vendor, "/", name, NULL);
}

static gboolean
own_has_key (PaProfileEditor *self,
             const char      *key)
{
  for (guint i = 0; i < self->param_rows->len; i++)
    {
      g_autofree char *own = row_key (g_ptr_array_index (self->param_rows, i));

      if (g_strcmp0 (own, key) == 0)
        return TRUE;
    }
  return FALSE;
}

static const char *
vendor_name (const char *vendor_id)
{
  PaVendor *vendor = pa_catalog_get_vendor (pa_catalog_get_default (), vendor_id);

  return vendor != NULL ? pa_vendor_get_name (vendor) : vendor_id;
}

static void param_changed_cb (PaParamRow *row, PaProfileEditor *self);
static void param_remove_cb (PaParamRow *row, PaProfileEditor *self);

static PaParamRow *
add_own_row (PaProfileEditor *self,
             const char      *vendor,
             const char      *name,
             const char      *value)
{
  GtkWidget *row = pa_param_row_new (vendor, name, value);

  g_signal_connect (row, "changed", G_CALLBACK (param_changed_cb), self);
  g_signal_connect (row, "remove", G_CALLBACK (param_remove_cb), self);
  g_ptr_array_add (self->param_rows, row);
  gtk_list_box_append (self->params_list, row);
  return PA_PARAM_ROW (row);
}

static void
inherited_override_cb (PaInheritRow    *row,
                       PaProfileEditor *self)
{
  const char *key = g_object_get_data (G_OBJECT (row), "pa-param-key");
  g_autofree char *vendor = NULL;
  const char *slash;
  PaParamRow *own;

  if (key == NULL || (slash = strchr (key, '/')) == NULL)
    return;
  vendor = g_strndup (key, slash - key);
  own = add_own_row (self, vendor, slash + 1, pa_inherit_row_get_value (row));
  pa_profile_editor_update_inherited_params (self);
  gtk_widget_grab_focus (pa_param_row_get_name_entry (own));
  pa_profile_editor_changed (self);
}

void
pa_profile_editor_update_inherited_params (PaProfileEditor *self)
{
  g_auto(GStrv) keys = NULL;
  GtkWidget *child;
  guint shown = 0;

  if (self->inheritance == NULL)
    return;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->inherited_params_list))) != NULL)
    gtk_list_box_remove (self->inherited_params_list, child);

  keys = pa_inheritance_dup_param_keys (self->inheritance);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *slash = strchr (keys[i], '/');
      g_autofree char *vendor = g_strndup (keys[i], slash - keys[i]);
      const char *name = slash + 1;
      PaProfile *source = pa_inheritance_param_source (self->inheritance, vendor, name);
      GtkWidget *row;
      g_autofree char *subtitle = NULL;

      if (own_has_key (self, keys[i]))
        continue;
      row = pa_inherit_row_new ();
      /* Translators: a vendor and where a parameter comes from,
       * "Yealink · Inherited from “Company”" */
      subtitle = g_strdup_printf (_("%s · Inherited from “%s”"), vendor_name (vendor),
                                  source != NULL ? pa_profile_get_name (source) : "");
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      pa_inherit_row_set_source (PA_INHERIT_ROW (row), subtitle);
      pa_inherit_row_set_value (PA_INHERIT_ROW (row),
                                pa_profile_get_custom_param (self->inheritance->flat, vendor, name));
      g_object_set_data_full (G_OBJECT (row), "pa-param-key", g_strdup (keys[i]), g_free);
      g_signal_connect (row, "override", G_CALLBACK (inherited_override_cb), self);
      gtk_list_box_append (self->inherited_params_list, row);
      shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->inherited_params_list), shown > 0);

  /* An own row that hides an inherited one resets to it, not away. */
  for (guint i = 0; i < self->param_rows->len; i++)
    {
      PaParamRow *row = g_ptr_array_index (self->param_rows, i);
      g_autofree char *name = pa_param_row_dup_name (row);
      const char *vendor = pa_param_row_get_vendor (row);
      PaProfile *source = vendor != NULL && name[0] != '\0'
                          ? pa_inheritance_param_source (self->inheritance, vendor, name) : NULL;

      pa_param_row_set_shadowed (row, source != NULL ? pa_profile_get_name (source) : NULL);
    }
}

static void
param_changed_cb (PaParamRow      *row,
                  PaProfileEditor *self)
{
  if (self->filling > 0)
    return;
  pa_profile_editor_update_inherited_params (self);
  pa_profile_editor_changed (self);
}

static void
param_remove_cb (PaParamRow      *row,
                 PaProfileEditor *self)
{
  guint index = 0;
  GtkWidget *next;

  if (!g_ptr_array_find (self->param_rows, row, &index))
    return;
  next = index + 1 < self->param_rows->len ? g_ptr_array_index (self->param_rows, index + 1)
         : index > 0 ? g_ptr_array_index (self->param_rows, index - 1) : NULL;
  g_ptr_array_remove_index (self->param_rows, index);
  gtk_list_box_remove (self->params_list, GTK_WIDGET (row));
  pa_profile_editor_update_inherited_params (self);
  /* The keyboard goes on from a neighbour, not from the window's start. */
  if (next != NULL)
    gtk_widget_grab_focus (pa_param_row_get_name_entry (PA_PARAM_ROW (next)));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->params_list));
  pa_profile_editor_changed (self);
}

static void
add_param_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PaProfileEditor *self = PA_PROFILE_EDITOR (widget);
  PaParamRow *row = add_own_row (self, NULL, NULL, NULL);

  gtk_widget_grab_focus (pa_param_row_get_name_entry (row));
  pa_profile_editor_changed (self);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

void
pa_profile_editor_load_params (PaProfileEditor *self,
                               PaProfile       *profile)
{
  GHashTable *params = profile != NULL ? pa_profile_get_custom_params (profile) : NULL;
  g_autofree gpointer *keys = NULL;
  guint n = 0;

  self->filling++;
  while (self->param_rows->len > 0)
    {
      gtk_list_box_remove (self->params_list, g_ptr_array_index (self->param_rows, 0));
      g_ptr_array_remove_index (self->param_rows, 0);
    }
  if (params != NULL)
    {
      keys = g_hash_table_get_keys_as_array (params, &n);
      g_qsort_with_data (keys, n, sizeof (gpointer), compare_keys, NULL);
    }
  for (guint i = 0; i < n; i++)
    {
      const char *key = keys[i];
      const char *slash = strchr (key, '/');
      g_autofree char *vendor = g_strndup (key, slash - key);

      add_own_row (self, vendor, slash + 1, g_hash_table_lookup (params, key));
    }
  self->filling--;
  pa_profile_editor_update_inherited_params (self);
}

void
pa_profile_editor_read_params (PaProfileEditor *self,
                               PaProfile       *profile)
{
  g_autoptr(GHashTable) params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < self->param_rows->len; i++)
    {
      PaParamRow *row = g_ptr_array_index (self->param_rows, i);
      char *key = row_key (row);

      /* Incomplete rows are the check's to report. */
      if (key != NULL)
        g_hash_table_replace (params, key, g_strdup (pa_param_row_get_value (row)));
    }
  pa_profile_set_custom_params (profile, params);
}

char *
pa_profile_editor_check_params (PaProfileEditor *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < self->param_rows->len; i++)
    {
      PaParamRow *row = g_ptr_array_index (self->param_rows, i);
      g_autofree char *name = pa_param_row_dup_name (row);
      char *key;

      if (pa_param_row_get_vendor (row) == NULL)
        return g_strdup (_("Choose the vendor of each custom parameter"));
      if (name[0] == '\0')
        return g_strdup (_("Name each custom parameter, or remove it"));
      key = row_key (row);
      if (!g_hash_table_add (seen, key))
        return g_strdup_printf (_("The custom parameter “%s” is named twice for one vendor"), name);
    }
  return NULL;
}

void
pa_profile_editor_params_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.add-param", NULL, add_param_cb);
}
