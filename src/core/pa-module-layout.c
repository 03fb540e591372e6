/* pa-module-layout.c — a button layout for one expansion module type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-module-layout"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-catalog.h"
#include "pa-key-private.h"
#include "pa-module-layout.h"
#include "pa-resource-private.h"

struct _PaModuleLayout
{
  PaResource  parent_instance;

  char       *name;
  char       *description;
  char       *module;
  gboolean    is_default;
  GListStore *keys;
};

G_DEFINE_FINAL_TYPE (PaModuleLayout, pa_module_layout, PA_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_MODULE,
  PROP_IS_DEFAULT,
  PROP_KEYS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
pa_module_layout_read_member (PaResource      *resource,
                              const PaMember  *member,
                              JsonNode        *node,
                              PaJsonFlags      flags,
                              GValue          *value,
                              GError         **error)
{
  if (member->pspec == properties[PROP_KEYS])
    return pa_key_list_read_member (node, value, error);

  return PA_RESOURCE_CLASS (pa_module_layout_parent_class)->read_member (resource, member,
                                                                         node, flags,
                                                                         value, error);
}

static void
pa_module_layout_write_member (PaResource     *resource,
                               const PaMember *member,
                               const GValue   *value,
                               JsonBuilder    *builder)
{
  if (member->pspec == properties[PROP_KEYS])
    pa_key_list_write_json (g_value_get_object (value), builder);
  else
    PA_RESOURCE_CLASS (pa_module_layout_parent_class)->write_member (resource, member, value,
                                                                     builder);
}

static gboolean
pa_module_layout_validate (PaResource  *resource,
                           PaCatalog   *catalog,
                           GError     **error)
{
  PaModuleLayout *self = PA_MODULE_LAYOUT (resource);
  PaExpansionModule *module;

  if (!PA_RESOURCE_CLASS (pa_module_layout_parent_class)->validate (resource, catalog, error))
    return FALSE;

  if (!pa_validate_name_and_description (self->name, self->description, error)
      || !pa_validate_not_empty (self->module, "module", error))
    return FALSE;

  module = pa_catalog_get_module (catalog, self->module);
  if (module == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, "module",
                          _("Unknown expansion module “%s”"), self->module);
      return FALSE;
    }

  /* A module layout can go on any phone that takes the module, so the line
   * a key points at is checked against the phone, not here. */
  return pa_key_list_validate (G_LIST_MODEL (self->keys),
                               pa_expansion_module_get_keys (module),
                               0,
                               pa_catalog_get_vendor (catalog,
                                                      pa_expansion_module_get_vendor_id (module)),
                               error);
}

static void
pa_module_layout_finalize (GObject *object)
{
  PaModuleLayout *self = PA_MODULE_LAYOUT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->module, g_free);
  g_clear_object (&self->keys);

  G_OBJECT_CLASS (pa_module_layout_parent_class)->finalize (object);
}

static void
pa_module_layout_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PaModuleLayout *self = PA_MODULE_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_MODULE:
      g_value_set_string (value, self->module);
      break;
    case PROP_IS_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;
    case PROP_KEYS:
      g_value_set_object (value, self->keys);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_module_layout_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PaModuleLayout *self = PA_MODULE_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pa_module_layout_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      pa_module_layout_set_description (self, g_value_get_string (value));
      break;
    case PROP_MODULE:
      pa_module_layout_set_module (self, g_value_get_string (value));
      break;
    case PROP_IS_DEFAULT:
      pa_module_layout_set_is_default (self, g_value_get_boolean (value));
      break;
    case PROP_KEYS:
      pa_module_layout_set_keys (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_module_layout_class_init (PaModuleLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PaResourceClass *resource_class = PA_RESOURCE_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pa_module_layout_finalize;
  object_class->get_property = pa_module_layout_get_property;
  object_class->set_property = pa_module_layout_set_property;

  resource_class->kind = "module_layout";
  resource_class->validate = pa_module_layout_validate;
  resource_class->read_member = pa_module_layout_read_member;
  resource_class->write_member = pa_module_layout_write_member;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_MODULE] = g_param_spec_string ("module", NULL, NULL, "", flags);
  properties[PROP_IS_DEFAULT] = g_param_spec_boolean ("is-default", NULL, NULL, FALSE, flags);
  properties[PROP_KEYS] = g_param_spec_object ("keys", NULL, NULL, G_TYPE_LIST_MODEL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  pa_resource_class_add_member (resource_class, properties[PROP_NAME], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_DESCRIPTION],
                                PA_MEMBER_NULLABLE | PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_MODULE], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_IS_DEFAULT], PA_MEMBER_NONE);
  pa_resource_class_add_member (resource_class, properties[PROP_KEYS], PA_MEMBER_CUSTOM);
}

static void
pa_module_layout_init (PaModuleLayout *self)
{
  self->name = g_strdup ("");
  self->module = g_strdup ("");
  self->keys = g_list_store_new (PA_TYPE_KEY);
}

PaModuleLayout *
pa_module_layout_new (void)
{
  return g_object_new (PA_TYPE_MODULE_LAYOUT, NULL);
}

const char *
pa_module_layout_get_name (PaModuleLayout *self)
{
  g_return_val_if_fail (PA_IS_MODULE_LAYOUT (self), NULL);
  return self->name;
}

void
pa_module_layout_set_name (PaModuleLayout *self,
                           const char     *name)
{
  g_return_if_fail (PA_IS_MODULE_LAYOUT (self));

  if (pa_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pa_module_layout_get_description (PaModuleLayout *self)
{
  g_return_val_if_fail (PA_IS_MODULE_LAYOUT (self), NULL);
  return self->description;
}

void
pa_module_layout_set_description (PaModuleLayout *self,
                                  const char     *description)
{
  g_return_if_fail (PA_IS_MODULE_LAYOUT (self));

  if (pa_set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
pa_module_layout_get_module (PaModuleLayout *self)
{
  g_return_val_if_fail (PA_IS_MODULE_LAYOUT (self), NULL);
  return self->module;
}

void
pa_module_layout_set_module (PaModuleLayout *self,
                             const char     *module_id)
{
  g_return_if_fail (PA_IS_MODULE_LAYOUT (self));

  if (pa_set_str (&self->module, module_id ? module_id : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODULE]);
}

gboolean
pa_module_layout_get_is_default (PaModuleLayout *self)
{
  g_return_val_if_fail (PA_IS_MODULE_LAYOUT (self), FALSE);
  return self->is_default;
}

void
pa_module_layout_set_is_default (PaModuleLayout *self,
                                 gboolean        is_default)
{
  g_return_if_fail (PA_IS_MODULE_LAYOUT (self));

  is_default = !!is_default;
  if (self->is_default == is_default)
    return;
  self->is_default = is_default;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEFAULT]);
}

GListModel *
pa_module_layout_get_keys (PaModuleLayout *self)
{
  g_return_val_if_fail (PA_IS_MODULE_LAYOUT (self), NULL);
  return G_LIST_MODEL (self->keys);
}

void
pa_module_layout_set_keys (PaModuleLayout *self,
                           GListModel     *keys)
{
  g_return_if_fail (PA_IS_MODULE_LAYOUT (self));
  g_return_if_fail (keys == NULL || G_IS_LIST_MODEL (keys));

  if (pa_key_list_replace (&self->keys, keys))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYS]);
}
