/* pa-phone-module.c — a sidecar attached to a phone, and the phone's list of them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-phone"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-phone-private.h"

G_DEFINE_BOXED_TYPE (PaPhoneModule, pa_phone_module, pa_phone_module_copy, pa_phone_module_free)

PaPhoneModule *
pa_phone_module_new (const char *module_id,
                     gint64      layout_id)
{
  PaPhoneModule *module = g_new0 (PaPhoneModule, 1);

  module->module_id = g_strdup (module_id);
  module->layout_id = layout_id;
  return module;
}

PaPhoneModule *
pa_phone_module_copy (const PaPhoneModule *module)
{
  g_return_val_if_fail (module != NULL, NULL);

  return pa_phone_module_new (module->module_id, module->layout_id);
}

void
pa_phone_module_free (PaPhoneModule *module)
{
  if (module == NULL)
    return;
  g_free (module->module_id);
  g_free (module);
}

GPtrArray *
pa_phone_modules_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pa_phone_module_free);
}

GPtrArray *
pa_phone_modules_copy (GPtrArray *modules)
{
  GPtrArray *copy = pa_phone_modules_new ();

  for (guint i = 0; modules != NULL && i < modules->len; i++)
    g_ptr_array_add (copy, pa_phone_module_copy (g_ptr_array_index (modules, i)));
  return copy;
}

gboolean
pa_phone_modules_equal (GPtrArray *a,
                        GPtrArray *b)
{
  guint na = a ? a->len : 0;
  guint nb = b ? b->len : 0;

  if (na != nb)
    return FALSE;
  for (guint i = 0; i < na; i++)
    {
      const PaPhoneModule *ma = g_ptr_array_index (a, i);
      const PaPhoneModule *mb = g_ptr_array_index (b, i);

      if (g_strcmp0 (ma->module_id, mb->module_id) != 0 || ma->layout_id != mb->layout_id)
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* JSON                                                                 */

static gboolean
read_module (JsonNode       *node,
             PaPhoneModule **out,
             GError        **error)
{
  g_autoptr(PaPhoneModule) module = pa_phone_module_new (NULL, 0);
  g_autoptr(GList) names = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, NULL,
                          _("A module must be an object"));
      return FALSE;
    }

  object = json_node_get_object (node);
  names = json_object_get_members (object);
  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *member = json_object_get_member (object, name);

      if (g_str_equal (name, "module"))
        {
          if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_STRING)
            {
              pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "module",
                                  _("Must be a string"));
              return FALSE;
            }
          g_free (module->module_id);
          module->module_id = g_strstrip (json_node_dup_string (member));
        }
      else if (g_str_equal (name, "layout_id"))
        {
          if (JSON_NODE_HOLDS_NULL (member))
            module->layout_id = 0;
          else if (JSON_NODE_HOLDS_VALUE (member)
                   && json_node_get_value_type (member) == G_TYPE_INT64)
            {
              module->layout_id = json_node_get_int (member);
              if (module->layout_id < 1)
                {
                  pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "layout_id",
                                      _("Must be 1 or more, or null for none"));
                  return FALSE;
                }
            }
          else
            {
              pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "layout_id",
                                  _("Must be a whole number or null"));
              return FALSE;
            }
        }
      else
        {
          pa_set_field_error (error, PA_MODEL_ERROR_UNKNOWN_FIELD, name,
                              _("A module has no member “%s”"), name);
          return FALSE;
        }
    }

  if (module->module_id == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "module",
                          _("A module needs “module”"));
      return FALSE;
    }

  *out = g_steal_pointer (&module);
  return TRUE;
}

GPtrArray *
pa_phone_modules_new_from_json (JsonNode  *node,
                                GError   **error)
{
  g_autoptr(GPtrArray) modules = NULL;
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "modules",
                          _("Must be an array of modules"));
      return NULL;
    }

  modules = pa_phone_modules_new ();
  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      PaPhoneModule *module = NULL;

      if (!read_module (json_array_get_element (array, i), &module, error))
        {
          g_autofree char *prefix = g_strdup_printf ("modules[%u]", i);
          if (error != NULL)
            pa_model_error_prefix_field (*error, prefix);
          return NULL;
        }
      g_ptr_array_add (modules, module);
    }

  return g_steal_pointer (&modules);
}

void
pa_phone_modules_write_json (GPtrArray   *modules,
                             JsonBuilder *builder)
{
  json_builder_begin_array (builder);
  for (guint i = 0; modules != NULL && i < modules->len; i++)
    {
      const PaPhoneModule *module = g_ptr_array_index (modules, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "module");
      json_builder_add_string_value (builder, module->module_id ? module->module_id : "");
      json_builder_set_member_name (builder, "layout_id");
      if (module->layout_id == 0)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, module->layout_id);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}
