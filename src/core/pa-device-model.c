/* pa-device-model.c — a phone model from the device catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-catalog"

#include "config.h"

#include "pa-catalog-private.h"
#include "pa-mac.h"

struct _PaDeviceModel
{
  GObject  parent_instance;

  char    *id;
  char    *vendor_id;
  char    *name;
  guint    sip_accounts;
  guint    line_keys;
  guint    keys_per_page;
  guint    pages;
  char    *config_format;
  char    *common_file;
  char    *device_file;
  char    *user_agent;
  char   **module_ids;
  guint   *module_max;    /* parallel to module_ids */
  guint    max_modules;
  guint    face_columns;
  gboolean face_screen;
  char   **guessed;
  char    *note;
};

G_DEFINE_FINAL_TYPE (PaDeviceModel, pa_device_model, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VENDOR_ID,
  PROP_NAME,
  PROP_SIP_ACCOUNTS,
  PROP_LINE_KEYS,
  PROP_KEYS_PER_PAGE,
  PROP_PAGES,
  PROP_CONFIG_FORMAT,
  PROP_COMMON_FILE,
  PROP_DEVICE_FILE,
  PROP_USER_AGENT,
  PROP_MAX_MODULES,
  PROP_FACE_COLUMNS,
  PROP_FACE_SCREEN,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pa_device_model_finalize (GObject *object)
{
  PaDeviceModel *self = PA_DEVICE_MODEL (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->vendor_id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->config_format, g_free);
  g_clear_pointer (&self->common_file, g_free);
  g_clear_pointer (&self->device_file, g_free);
  g_clear_pointer (&self->user_agent, g_free);
  g_clear_pointer (&self->module_ids, g_strfreev);
  g_clear_pointer (&self->module_max, g_free);
  g_clear_pointer (&self->guessed, g_strfreev);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (pa_device_model_parent_class)->finalize (object);
}

static void
pa_device_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PaDeviceModel *self = PA_DEVICE_MODEL (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_VENDOR_ID:
      g_value_set_string (value, self->vendor_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SIP_ACCOUNTS:
      g_value_set_uint (value, self->sip_accounts);
      break;
    case PROP_LINE_KEYS:
      g_value_set_uint (value, self->line_keys);
      break;
    case PROP_KEYS_PER_PAGE:
      g_value_set_uint (value, self->keys_per_page);
      break;
    case PROP_PAGES:
      g_value_set_uint (value, self->pages);
      break;
    case PROP_CONFIG_FORMAT:
      g_value_set_string (value, self->config_format);
      break;
    case PROP_COMMON_FILE:
      g_value_set_string (value, self->common_file);
      break;
    case PROP_DEVICE_FILE:
      g_value_set_string (value, self->device_file);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    case PROP_MAX_MODULES:
      g_value_set_uint (value, self->max_modules);
      break;
    case PROP_FACE_COLUMNS:
      g_value_set_uint (value, self->face_columns);
      break;
    case PROP_FACE_SCREEN:
      g_value_set_boolean (value, self->face_screen);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_device_model_class_init (PaDeviceModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pa_device_model_finalize;
  object_class->get_property = pa_device_model_get_property;

  properties[PROP_ID] = pa_catalog_string_pspec ("id");
  properties[PROP_VENDOR_ID] = pa_catalog_string_pspec ("vendor-id");
  properties[PROP_NAME] = pa_catalog_string_pspec ("name");
  properties[PROP_SIP_ACCOUNTS] = pa_catalog_uint_pspec ("sip-accounts");
  properties[PROP_LINE_KEYS] = pa_catalog_uint_pspec ("line-keys");
  properties[PROP_KEYS_PER_PAGE] = pa_catalog_uint_pspec ("keys-per-page");
  properties[PROP_PAGES] = pa_catalog_uint_pspec ("pages");
  properties[PROP_CONFIG_FORMAT] = pa_catalog_string_pspec ("config-format");
  properties[PROP_COMMON_FILE] = pa_catalog_string_pspec ("common-file");
  properties[PROP_DEVICE_FILE] = pa_catalog_string_pspec ("device-file");
  properties[PROP_USER_AGENT] = pa_catalog_string_pspec ("user-agent");
  properties[PROP_MAX_MODULES] = pa_catalog_uint_pspec ("max-modules");
  properties[PROP_FACE_COLUMNS] = pa_catalog_uint_pspec ("face-columns");
  properties[PROP_FACE_SCREEN] =
    g_param_spec_boolean ("face-screen", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] = pa_catalog_string_pspec ("note");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pa_device_model_init (PaDeviceModel *self)
{
  /* What a face without a `face` member looks like: keys down one side of
   * a screen. */
  self->face_columns = 1;
  self->face_screen = TRUE;
}

/* The server builds file names from this pattern and matches requests
 * against it, so it must name the MAC exactly once and nothing else. */
static gboolean
device_file_is_valid (const char *pattern)
{
  const char *mac = strstr (pattern, "{mac}");
  const char *upper = strstr (pattern, "{MAC}");
  const char *hit = mac != NULL ? mac : upper;
  guint braces = 0;

  if ((mac == NULL) == (upper == NULL))
    return FALSE;
  for (const char *p = pattern; *p != '\0'; p++)
    if (*p == '{' || *p == '}' || *p == '/')
      braces++;
  return braces == 2 && strstr (hit + 5, "{") == NULL;
}

static gboolean
read_modules (PaDeviceModel *self,
              JsonObject    *object,
              const char    *where,
              PaCatalog     *catalog,
              GError       **error)
{
  static const char * const members[] = { "module", "max", NULL };
  GError *local_error = NULL;
  JsonArray *array;
  guint n;

  array = pa_catalog_json_get_array (object, where, "modules", FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  n = array != NULL ? json_array_get_length (array) : 0;
  self->module_ids = g_new0 (char *, n + 1);
  self->module_max = g_new0 (guint, n + 1);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *item_where = g_strdup_printf ("%s: modules[%u]", where, i);
      JsonObject *item;
      PaExpansionModule *module;
      const char *module_id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_WRONG_TYPE,
                       "%s must be an object, not %s", item_where, json_node_type_name (node));
          return FALSE;
        }
      item = json_node_get_object (node);
      if (!pa_catalog_json_check_members (item, item_where, members, error))
        return FALSE;
      if (!(module_id = pa_catalog_json_get_string (item, item_where, "module", TRUE, error)))
        return FALSE;
      if (!pa_catalog_json_get_uint (item, item_where, "max", 1, 16, &self->module_max[i], error))
        return FALSE;

      module = pa_catalog_get_module (catalog, module_id);
      if (module == NULL)
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_UNKNOWN_REFERENCE,
                       "%s: module \"%s\" is not in the catalog", item_where, module_id);
          return FALSE;
        }
      if (g_strcmp0 (pa_expansion_module_get_vendor_id (module), self->vendor_id) != 0)
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_UNKNOWN_REFERENCE,
                       "%s: module \"%s\" belongs to vendor \"%s\", not \"%s\"", item_where,
                       module_id, pa_expansion_module_get_vendor_id (module), self->vendor_id);
          return FALSE;
        }
      if (g_strv_contains ((const char * const *) self->module_ids, module_id))
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_DUPLICATE,
                       "%s: module \"%s\" is listed twice", item_where, module_id);
          return FALSE;
        }
      self->module_ids[i] = g_strdup (module_id);
      self->max_modules = MAX (self->max_modules, self->module_max[i]);
    }
  return TRUE;
}

PaDeviceModel *
pa_device_model_new_from_json (JsonObject *object,
                               const char *where,
                               PaCatalog  *catalog,
                               GError    **error)
{
  static const char * const members[] = {
    "id", "vendor", "name", "sip_accounts", "line_keys", "keys_per_page", "pages",
    "config_format", "common_file", "device_file", "user_agent", "modules", "face", "guessed",
    "note", NULL
  };
  static const char * const guessable[] = {
    "sip_accounts", "line_keys", "keys_per_page", "pages", "config_format", "common_file",
    "device_file", "user_agent", "modules", "face", NULL
  };
  g_autoptr(PaDeviceModel) self = NULL;
  g_autofree char *id_prefix = NULL;
  PaVendor *vendor;
  const char *value;

  if (!pa_catalog_json_check_members (object, where, members, error))
    return NULL;

  self = g_object_new (PA_TYPE_DEVICE_MODEL, NULL);

  if (!(value = pa_catalog_json_get_string (object, where, "id", TRUE, error)))
    return NULL;
  self->id = g_strdup (value);

  if (!(value = pa_catalog_json_get_string (object, where, "vendor", TRUE, error)))
    return NULL;
  vendor = pa_catalog_get_vendor (catalog, value);
  if (vendor == NULL)
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_UNKNOWN_REFERENCE,
                   "%s: vendor \"%s\" is not in the catalog", where, value);
      return NULL;
    }
  self->vendor_id = g_strdup (value);

  /* "yealink-t54w": the vendor in the id keeps ids unique across brands
   * that reuse model names. */
  id_prefix = g_strconcat (self->vendor_id, "-", NULL);
  if (!pa_catalog_id_is_valid (self->id) || !g_str_has_prefix (self->id, id_prefix)
      || self->id[strlen (id_prefix)] == '\0')
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: id \"%s\" must be \"%s<model>\" in lower-case letters, digits and '-'",
                   where, self->id, id_prefix);
      return NULL;
    }

  if (!(value = pa_catalog_json_get_string (object, where, "name", TRUE, error)))
    return NULL;
  self->name = g_strdup (value);

  if (!pa_catalog_json_get_uint (object, where, "sip_accounts", 1, 64, &self->sip_accounts, error)
      || !pa_catalog_json_get_uint (object, where, "line_keys", 1, 1000, &self->line_keys, error)
      || !pa_catalog_json_get_uint (object, where, "keys_per_page", 1, 1000,
                                    &self->keys_per_page, error)
      || !pa_catalog_json_get_uint (object, where, "pages", 1, 100, &self->pages, error))
    return NULL;

  if (self->keys_per_page * self->pages < self->line_keys)
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: %u line keys do not fit on %u pages of %u", where,
                   self->line_keys, self->pages, self->keys_per_page);
      return NULL;
    }

  if (!pa_catalog_json_get_optional_string (object, where, "config_format", &value, error)
      || (value != NULL && !pa_catalog_check_config_format (value, where, error)))
    return NULL;
  self->config_format = g_strdup (value != NULL ? value : pa_vendor_get_config_format (vendor));

  if (!pa_catalog_json_get_optional_string (object, where, "common_file", &value, error))
    return NULL;
  if (value != NULL && strchr (value, '/') != NULL)
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: common_file \"%s\" must be a file name without '/'", where, value);
      return NULL;
    }
  self->common_file = g_strdup (value);

  if (!(value = pa_catalog_json_get_string (object, where, "device_file", TRUE, error)))
    return NULL;
  if (!device_file_is_valid (value))
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: device_file \"%s\" must contain \"{mac}\" or \"{MAC}\" exactly once "
                   "and no '/'", where, value);
      return NULL;
    }
  self->device_file = g_strdup (value);

  if (!(value = pa_catalog_json_get_string (object, where, "user_agent", TRUE, error)))
    return NULL;
  self->user_agent = g_strdup (value);

  if (!read_modules (self, object, where, catalog, error))
    return NULL;

  if (!pa_catalog_json_get_face (object, where, &self->face_columns, &self->face_screen, error))
    return NULL;

  if (!(self->guessed = pa_catalog_json_get_guessed (object, where, guessable, error)))
    return NULL;

  if (!pa_catalog_json_get_optional_string (object, where, "note", &value, error))
    return NULL;
  self->note = g_strdup (value);

  return g_steal_pointer (&self);
}

guint
pa_device_model_get_face_columns (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), 1);
  return self->face_columns;
}

gboolean
pa_device_model_get_face_screen (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), TRUE);
  return self->face_screen;
}

const char *
pa_device_model_get_id (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), NULL);
  return self->id;
}

const char *
pa_device_model_get_vendor_id (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), NULL);
  return self->vendor_id;
}

const char *
pa_device_model_get_name (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), NULL);
  return self->name;
}

guint
pa_device_model_get_sip_accounts (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), 0);
  return self->sip_accounts;
}

guint
pa_device_model_get_line_keys (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), 0);
  return self->line_keys;
}

guint
pa_device_model_get_keys_per_page (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), 0);
  return self->keys_per_page;
}

guint
pa_device_model_get_pages (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), 0);
  return self->pages;
}

const char *
pa_device_model_get_config_format (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), NULL);
  return self->config_format;
}

const char *
pa_device_model_get_common_file (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), NULL);
  return self->common_file;
}

const char *
pa_device_model_get_device_file (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), NULL);
  return self->device_file;
}

char *
pa_device_model_format_device_file (PaDeviceModel *self,
                                    const char    *normalized_mac)
{
  g_autofree char *compact = NULL;
  const char *hit;
  gboolean upper;

  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), NULL);

  compact = pa_mac_to_compact (normalized_mac);
  if (compact == NULL)
    return NULL;

  hit = strstr (self->device_file, "{mac}");
  upper = hit == NULL;
  if (upper)
    {
      hit = strstr (self->device_file, "{MAC}");
      for (char *p = compact; *p != '\0'; p++)
        *p = g_ascii_toupper (*p);
    }
  g_assert (hit != NULL);

  return g_strdup_printf ("%.*s%s%s", (int) (hit - self->device_file), self->device_file,
                          compact, hit + 5);
}

const char *
pa_device_model_get_user_agent (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), NULL);
  return self->user_agent;
}

guint
pa_device_model_get_max_modules (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), 0);
  return self->max_modules;
}

const char * const *
pa_device_model_get_module_ids (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), NULL);
  return (const char * const *) self->module_ids;
}

guint
pa_device_model_get_module_max (PaDeviceModel *self,
                                const char    *module_id)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), 0);

  for (guint i = 0; module_id != NULL && self->module_ids[i] != NULL; i++)
    {
      if (g_str_equal (self->module_ids[i], module_id))
        return self->module_max[i];
    }
  return 0;
}

gboolean
pa_device_model_supports_module (PaDeviceModel *self,
                                 const char    *module_id)
{
  return pa_device_model_get_module_max (self, module_id) > 0;
}

gboolean
pa_device_model_is_guessed (PaDeviceModel *self,
                            const char    *field)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), FALSE);
  return pa_catalog_guessed_contains (self->guessed, field);
}

const char *
pa_device_model_get_note (PaDeviceModel *self)
{
  g_return_val_if_fail (PA_IS_DEVICE_MODEL (self), NULL);
  return self->note;
}
