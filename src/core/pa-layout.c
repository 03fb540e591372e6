/* pa-layout.c — a button layout for one phone model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-layout"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "pa-catalog.h"
#include "pa-key-private.h"
#include "pa-layout.h"
#include "pa-resource-private.h"

struct _PaLayout
{
  PaResource  parent_instance;

  char       *name;
  char       *description;
  char       *model;
  gboolean    is_default;
  GListStore *keys;
  GArray     *sidecars;   /* gint64: module layout ids, by daisy-chain position */
};

G_DEFINE_FINAL_TYPE (PaLayout, pa_layout, PA_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_MODEL,
  PROP_IS_DEFAULT,
  PROP_KEYS,
  PROP_SIDECARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
pa_layout_read_member (PaResource      *resource,
                       const PaMember  *member,
                       JsonNode        *node,
                       PaJsonFlags      flags,
                       GValue          *value,
                       GError         **error)
{
  if (member->pspec == properties[PROP_KEYS])
    return pa_key_list_read_member (node, value, error);
  if (member->pspec == properties[PROP_SIDECARS])
    {
      const PaIdArrayMessages messages = {
        _("Must be an array of sidecar layout ids"),
        _("Must be a sidecar layout id (a whole number)"),
        _("A sidecar layout id is 1 or more"),
      };

      return pa_json_read_id_array (node, "sidecars", &messages, value, error);
    }

  return PA_RESOURCE_CLASS (pa_layout_parent_class)->read_member (resource, member, node, flags,
                                                                  value, error);
}

static void
pa_layout_write_member (PaResource     *resource,
                        const PaMember *member,
                        const GValue   *value,
                        JsonBuilder    *builder)
{
  if (member->pspec == properties[PROP_KEYS])
    pa_key_list_write_json (g_value_get_object (value), builder);
  else if (member->pspec == properties[PROP_SIDECARS])
    pa_json_write_id_array (g_value_get_boxed (value), builder);
  else
    PA_RESOURCE_CLASS (pa_layout_parent_class)->write_member (resource, member, value, builder);
}

static gboolean
pa_layout_validate (PaResource  *resource,
                    PaCatalog   *catalog,
                    GError     **error)
{
  PaLayout *self = PA_LAYOUT (resource);
  PaDeviceModel *model;

  if (!PA_RESOURCE_CLASS (pa_layout_parent_class)->validate (resource, catalog, error))
    return FALSE;

  if (!pa_validate_name_and_description (self->name, self->description, error)
      || !pa_validate_not_empty (self->model, "model", error))
    return FALSE;

  model = pa_catalog_get_model (catalog, self->model);
  if (model == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, "model",
                          _("Unknown phone model “%s”"), self->model);
      return FALSE;
    }

  if (self->sidecars->len > pa_device_model_get_max_modules (model))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, "sidecars",
                          g_dngettext (GETTEXT_PACKAGE,
                                       "A %s takes at most %u sidecar",
                                       "A %s takes at most %u sidecars",
                                       pa_device_model_get_max_modules (model)),
                          pa_device_model_get_name (model),
                          pa_device_model_get_max_modules (model));
      return FALSE;
    }

  return pa_key_list_validate (G_LIST_MODEL (self->keys),
                               pa_device_model_get_line_keys (model),
                               pa_device_model_get_sip_accounts (model),
                               pa_catalog_get_vendor (catalog,
                                                      pa_device_model_get_vendor_id (model)),
                               error);
}

static void
pa_layout_finalize (GObject *object)
{
  PaLayout *self = PA_LAYOUT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_object (&self->keys);
  g_clear_pointer (&self->sidecars, g_array_unref);

  G_OBJECT_CLASS (pa_layout_parent_class)->finalize (object);
}

static void
pa_layout_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PaLayout *self = PA_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_IS_DEFAULT:
      g_value_set_boolean (value, self->is_default);
      break;
    case PROP_KEYS:
      g_value_set_object (value, self->keys);
      break;
    case PROP_SIDECARS:
      g_value_set_boxed (value, self->sidecars);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_layout_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PaLayout *self = PA_LAYOUT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pa_layout_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      pa_layout_set_description (self, g_value_get_string (value));
      break;
    case PROP_MODEL:
      pa_layout_set_model (self, g_value_get_string (value));
      break;
    case PROP_IS_DEFAULT:
      pa_layout_set_is_default (self, g_value_get_boolean (value));
      break;
    case PROP_KEYS:
      pa_layout_set_keys (self, g_value_get_object (value));
      break;
    case PROP_SIDECARS:
      {
        GArray *ids = g_value_get_boxed (value);

        pa_layout_set_sidecars (self, ids != NULL ? (const gint64 *) ids->data : NULL,
                                ids != NULL ? ids->len : 0);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_layout_class_init (PaLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PaResourceClass *resource_class = PA_RESOURCE_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pa_layout_finalize;
  object_class->get_property = pa_layout_get_property;
  object_class->set_property = pa_layout_set_property;

  resource_class->kind = "layout";
  resource_class->validate = pa_layout_validate;
  resource_class->read_member = pa_layout_read_member;
  resource_class->write_member = pa_layout_write_member;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, "", flags);
  properties[PROP_IS_DEFAULT] = g_param_spec_boolean ("is-default", NULL, NULL, FALSE, flags);
  properties[PROP_KEYS] = g_param_spec_object ("keys", NULL, NULL, G_TYPE_LIST_MODEL, flags);
  properties[PROP_SIDECARS] = g_param_spec_boxed ("sidecars", NULL, NULL, G_TYPE_ARRAY, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  pa_resource_class_add_member (resource_class, properties[PROP_NAME], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_DESCRIPTION],
                                PA_MEMBER_NULLABLE | PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_MODEL], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_IS_DEFAULT], PA_MEMBER_NONE);
  pa_resource_class_add_member (resource_class, properties[PROP_KEYS], PA_MEMBER_CUSTOM);
  pa_resource_class_add_member (resource_class, properties[PROP_SIDECARS], PA_MEMBER_CUSTOM);
}

static void
pa_layout_init (PaLayout *self)
{
  self->name = g_strdup ("");
  self->model = g_strdup ("");
  self->keys = g_list_store_new (PA_TYPE_KEY);
  self->sidecars = g_array_new (FALSE, FALSE, sizeof (gint64));
}

PaLayout *
pa_layout_new (void)
{
  return g_object_new (PA_TYPE_LAYOUT, NULL);
}

const char *
pa_layout_get_name (PaLayout *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT (self), NULL);
  return self->name;
}

void
pa_layout_set_name (PaLayout   *self,
                    const char *name)
{
  g_return_if_fail (PA_IS_LAYOUT (self));

  if (pa_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pa_layout_get_description (PaLayout *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT (self), NULL);
  return self->description;
}

void
pa_layout_set_description (PaLayout   *self,
                           const char *description)
{
  g_return_if_fail (PA_IS_LAYOUT (self));

  if (pa_set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

const char *
pa_layout_get_model (PaLayout *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT (self), NULL);
  return self->model;
}

void
pa_layout_set_model (PaLayout   *self,
                     const char *model_id)
{
  g_return_if_fail (PA_IS_LAYOUT (self));

  if (pa_set_str (&self->model, model_id ? model_id : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

gboolean
pa_layout_get_is_default (PaLayout *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT (self), FALSE);
  return self->is_default;
}

void
pa_layout_set_is_default (PaLayout *self,
                          gboolean  is_default)
{
  g_return_if_fail (PA_IS_LAYOUT (self));

  is_default = !!is_default;
  if (self->is_default == is_default)
    return;
  self->is_default = is_default;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_DEFAULT]);
}

GListModel *
pa_layout_get_keys (PaLayout *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT (self), NULL);
  return G_LIST_MODEL (self->keys);
}

void
pa_layout_set_keys (PaLayout   *self,
                    GListModel *keys)
{
  g_return_if_fail (PA_IS_LAYOUT (self));
  g_return_if_fail (keys == NULL || G_IS_LIST_MODEL (keys));

  if (pa_key_list_replace (&self->keys, keys))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYS]);
}

GArray *
pa_layout_get_sidecars (PaLayout *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT (self), NULL);
  return self->sidecars;
}

gint64
pa_layout_get_sidecar (PaLayout *self,
                       guint     position)
{
  g_return_val_if_fail (PA_IS_LAYOUT (self), 0);
  g_return_val_if_fail (position >= 1, 0);

  return position <= self->sidecars->len ? g_array_index (self->sidecars, gint64, position - 1) : 0;
}

void
pa_layout_set_sidecars (PaLayout     *self,
                        const gint64 *module_layout_ids,
                        guint         n_ids)
{
  g_return_if_fail (PA_IS_LAYOUT (self));
  g_return_if_fail (module_layout_ids != NULL || n_ids == 0);

  if (self->sidecars->len == n_ids &&
      (n_ids == 0 || memcmp (self->sidecars->data, module_layout_ids, n_ids * sizeof (gint64)) == 0))
    return;

  /* A new array: a caller may still hold the old one through a GValue. */
  g_clear_pointer (&self->sidecars, g_array_unref);
  self->sidecars = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (self->sidecars, module_layout_ids, n_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDECARS]);
}
