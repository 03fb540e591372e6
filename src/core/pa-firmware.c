/* pa-firmware.c — a firmware file uploaded for some of a vendor's models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-firmware"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-catalog.h"
#include "pa-firmware.h"
#include "pa-resource-private.h"

#define PA_FIRMWARE_VERSION_MAX 64
#define PA_FIRMWARE_FILENAME_MAX 255

struct _PaFirmware
{
  PaResource   parent_instance;

  char        *name;
  char        *vendor;
  char       **models;
  char        *version;
  char        *filename;
  gint64       size;
  char        *sha256;
};

G_DEFINE_FINAL_TYPE (PaFirmware, pa_firmware, PA_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_VENDOR,
  PROP_MODELS,
  PROP_VERSION,
  PROP_FILENAME,
  PROP_SIZE,
  PROP_SHA256,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gboolean
pa_firmware_filename_is_valid (const char *filename)
{
  gsize length = filename != NULL ? strlen (filename) : 0;

  if (length == 0 || length > PA_FIRMWARE_FILENAME_MAX || filename[0] == '.')
    return FALSE;
  for (const char *p = filename; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._+-", *p) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
pa_firmware_read_member (PaResource      *resource,
                         const PaMember  *member,
                         JsonNode        *node,
                         PaJsonFlags      flags,
                         GValue          *value,
                         GError         **error)
{
  if (member->pspec == properties[PROP_MODELS])
    return pa_json_read_string_array (node, "models", value, error);
  return PA_RESOURCE_CLASS (pa_firmware_parent_class)->read_member (resource, member, node, flags,
                                                                     value, error);
}

static void
pa_firmware_write_member (PaResource     *resource,
                          const PaMember *member,
                          const GValue   *value,
                          JsonBuilder    *builder)
{
  if (member->pspec == properties[PROP_MODELS])
    pa_json_write_string_array (g_value_get_boxed (value), builder);
  else
    PA_RESOURCE_CLASS (pa_firmware_parent_class)->write_member (resource, member, value, builder);
}

static gboolean
pa_firmware_validate (PaResource  *resource,
                      PaCatalog   *catalog,
                      GError     **error)
{
  PaFirmware *self = PA_FIRMWARE (resource);
  guint n_models = g_strv_length (self->models);

  if (!PA_RESOURCE_CLASS (pa_firmware_parent_class)->validate (resource, catalog, error))
    return FALSE;
  if (!pa_validate_name (self->name, "name", FALSE, 128, error))
    return FALSE;

  if (self->vendor[0] == '\0')
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "vendor",
                          _("Say which brand the firmware is for"));
      return FALSE;
    }
  if (catalog != NULL && pa_catalog_get_vendor (catalog, self->vendor) == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "vendor",
                          _("“%s” is not a brand in the catalog"), self->vendor);
      return FALSE;
    }
  if (n_models == 0)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "models",
                          _("Name at least one model the firmware is for"));
      return FALSE;
    }
  for (guint i = 0; catalog != NULL && i < n_models; i++)
    {
      PaDeviceModel *model = pa_catalog_get_model (catalog, self->models[i]);
      g_autofree char *field = g_strdup_printf ("models[%u]", i);

      if (model == NULL)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                              _("“%s” is not a model in the catalog"), self->models[i]);
          return FALSE;
        }
      if (g_strcmp0 (pa_device_model_get_vendor_id (model), self->vendor) != 0)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                              _("%s is not a %s model"), pa_device_model_get_name (model),
                              self->vendor);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (g_str_equal (self->models[j], self->models[i]))
          {
            pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                                _("%s is named twice"), self->models[i]);
            return FALSE;
          }
    }

  if (self->version[0] == '\0')
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "version",
                          _("Give the firmware’s version, as the phone reports it"));
      return FALSE;
    }
  if (strlen (self->version) > PA_FIRMWARE_VERSION_MAX)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "version",
                          _("A version has at most %u characters"), PA_FIRMWARE_VERSION_MAX);
      return FALSE;
    }
  for (const char *p = self->version; *p != '\0'; p++)
    if (!g_ascii_isgraph (*p))
      {
        pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "version",
                            _("A version has letters, digits and punctuation, no spaces"));
        return FALSE;
      }
  return TRUE;
}

static void
pa_firmware_finalize (GObject *object)
{
  PaFirmware *self = PA_FIRMWARE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->vendor, g_free);
  g_clear_pointer (&self->models, g_strfreev);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->filename, g_free);
  g_clear_pointer (&self->sha256, g_free);

  G_OBJECT_CLASS (pa_firmware_parent_class)->finalize (object);
}

static void
pa_firmware_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PaFirmware *self = PA_FIRMWARE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_VENDOR:
      g_value_set_string (value, self->vendor);
      break;
    case PROP_MODELS:
      g_value_set_boxed (value, self->models);
      break;
    case PROP_VERSION:
      g_value_set_string (value, self->version);
      break;
    case PROP_FILENAME:
      g_value_set_string (value, self->filename);
      break;
    case PROP_SIZE:
      g_value_set_int64 (value, self->size);
      break;
    case PROP_SHA256:
      g_value_set_string (value, self->sha256);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_firmware_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PaFirmware *self = PA_FIRMWARE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pa_firmware_set_name (self, g_value_get_string (value));
      break;
    case PROP_VENDOR:
      pa_firmware_set_vendor (self, g_value_get_string (value));
      break;
    case PROP_MODELS:
      pa_firmware_set_models (self, g_value_get_boxed (value));
      break;
    case PROP_VERSION:
      pa_firmware_set_version (self, g_value_get_string (value));
      break;
    case PROP_FILENAME:
      pa_firmware_set_filename (self, g_value_get_string (value));
      break;
    case PROP_SIZE:
      pa_firmware_set_size (self, g_value_get_int64 (value));
      break;
    case PROP_SHA256:
      pa_firmware_set_sha256 (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_firmware_class_init (PaFirmwareClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PaResourceClass *resource_class = PA_RESOURCE_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pa_firmware_finalize;
  object_class->get_property = pa_firmware_get_property;
  object_class->set_property = pa_firmware_set_property;

  resource_class->kind = "firmware";
  resource_class->validate = pa_firmware_validate;
  resource_class->read_member = pa_firmware_read_member;
  resource_class->write_member = pa_firmware_write_member;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_VENDOR] = g_param_spec_string ("vendor", NULL, NULL, "", flags);
  properties[PROP_MODELS] = g_param_spec_boxed ("models", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_VERSION] = g_param_spec_string ("version", NULL, NULL, "", flags);
  properties[PROP_FILENAME] = g_param_spec_string ("filename", NULL, NULL, "", flags);
  properties[PROP_SIZE] = g_param_spec_int64 ("size", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SHA256] = g_param_spec_string ("sha256", NULL, NULL, "", flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  pa_resource_class_add_member (resource_class, properties[PROP_NAME], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_VENDOR], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_MODELS], PA_MEMBER_CUSTOM);
  pa_resource_class_add_member (resource_class, properties[PROP_VERSION], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_FILENAME], PA_MEMBER_SERVER_OWNED);
  pa_resource_class_add_member (resource_class, properties[PROP_SIZE], PA_MEMBER_SERVER_OWNED);
  pa_resource_class_add_member (resource_class, properties[PROP_SHA256], PA_MEMBER_SERVER_OWNED);
}

static void
pa_firmware_init (PaFirmware *self)
{
  self->name = g_strdup ("");
  self->vendor = g_strdup ("");
  self->models = g_new0 (char *, 1);
  self->version = g_strdup ("");
  self->filename = g_strdup ("");
  self->sha256 = g_strdup ("");
}

PaFirmware *
pa_firmware_new (void)
{
  return g_object_new (PA_TYPE_FIRMWARE, NULL);
}

/* The string setters and getters, all alike. */
#define STRING_MEMBER(member, PROP)                                           \
  const char *                                                                \
  pa_firmware_get_##member (PaFirmware *self)                                 \
  {                                                                           \
    g_return_val_if_fail (PA_IS_FIRMWARE (self), NULL);                       \
    return self->member;                                                      \
  }                                                                           \
                                                                              \
  void                                                                        \
  pa_firmware_set_##member (PaFirmware *self,                                 \
                            const char *value)                                \
  {                                                                           \
    g_return_if_fail (PA_IS_FIRMWARE (self));                                 \
    if (pa_set_str (&self->member, value != NULL ? value : ""))               \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);           \
  }

STRING_MEMBER (name, PROP_NAME)
STRING_MEMBER (vendor, PROP_VENDOR)
STRING_MEMBER (version, PROP_VERSION)
STRING_MEMBER (filename, PROP_FILENAME)
STRING_MEMBER (sha256, PROP_SHA256)

const char * const *
pa_firmware_get_models (PaFirmware *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE (self), NULL);
  return (const char * const *) self->models;
}

void
pa_firmware_set_models (PaFirmware         *self,
                        const char * const *models)
{
  const char * const none[] = { NULL };

  g_return_if_fail (PA_IS_FIRMWARE (self));

  if (models == NULL)
    models = none;
  if (g_strv_equal ((const char * const *) self->models, models))
    return;
  g_strfreev (self->models);
  self->models = g_strdupv ((char **) models);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODELS]);
}

gint64
pa_firmware_get_size (PaFirmware *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE (self), 0);
  return self->size;
}

void
pa_firmware_set_size (PaFirmware *self,
                      gint64      size)
{
  g_return_if_fail (PA_IS_FIRMWARE (self));

  if (self->size == size)
    return;
  self->size = size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIZE]);
}

int
pa_firmware_version_compare (const char *a,
                             const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *ea = a, *eb = b;
          gsize la, lb;
          int order;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          for (ea = a; g_ascii_isdigit (*ea); ea++)
            ;
          for (eb = b; g_ascii_isdigit (*eb); eb++)
            ;
          la = ea - a;
          lb = eb - b;
          /* More digits (leading zeros gone) is the larger number. */
          if (la != lb)
            return la < lb ? -1 : 1;
          order = strncmp (a, b, la);
          if (order != 0)
            return order < 0 ? -1 : 1;
          a = ea;
          b = eb;
          continue;
        }
      if (*a != *b)
        return (guchar) *a < (guchar) *b ? -1 : 1;
      a++;
      b++;
    }
  return *a == *b ? 0 : *a == '\0' ? -1 : 1;
}

PaFirmware *
pa_firmware_find_newer (GListModel *firmware,
                        const char *model_id,
                        const char *running)
{
  PaFirmware *newest = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (firmware), NULL);

  if (running == NULL || running[0] == '\0' || model_id == NULL)
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (firmware); i++)
    {
      g_autoptr(PaFirmware) candidate = g_list_model_get_item (firmware, i);

      if (!g_strv_contains (pa_firmware_get_models (candidate), model_id) ||
          pa_firmware_version_compare (candidate->version, running) <= 0)
        continue;
      if (newest == NULL || pa_firmware_version_compare (candidate->version, newest->version) > 0)
        newest = candidate;   /* the list holds it */
    }
  return newest;
}
