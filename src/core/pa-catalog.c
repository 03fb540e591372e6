/* pa-catalog.c — loads and indexes the device catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-catalog"

#include "config.h"

#include <string.h>

#include "pa-catalog-private.h"
#include "pa-mac.h"

#define CATALOG_RESOURCE "/org/example/PhoneAdmin/core/catalog/catalog.json"

struct _PaCatalog
{
  GObject     parent_instance;

  JsonNode   *root;
  GListStore *vendors;
  GListStore *models;
  GListStore *modules;
  GHashTable *vendor_by_id;   /* id → PaVendor (borrowed from the store) */
  GHashTable *model_by_id;
  GHashTable *module_by_id;
  GHashTable *vendor_by_oui;  /* "80:5E:C0" → PaVendor */
};

G_DEFINE_FINAL_TYPE (PaCatalog, pa_catalog, G_TYPE_OBJECT)

static void
pa_catalog_finalize (GObject *object)
{
  PaCatalog *self = PA_CATALOG (object);

  g_clear_pointer (&self->vendor_by_id, g_hash_table_unref);
  g_clear_pointer (&self->model_by_id, g_hash_table_unref);
  g_clear_pointer (&self->module_by_id, g_hash_table_unref);
  g_clear_pointer (&self->vendor_by_oui, g_hash_table_unref);
  g_clear_object (&self->vendors);
  g_clear_object (&self->models);
  g_clear_object (&self->modules);
  g_clear_pointer (&self->root, json_node_unref);

  G_OBJECT_CLASS (pa_catalog_parent_class)->finalize (object);
}

static void
pa_catalog_class_init (PaCatalogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pa_catalog_finalize;
}

static void
pa_catalog_init (PaCatalog *self)
{
  self->vendors = g_list_store_new (PA_TYPE_VENDOR);
  self->models = g_list_store_new (PA_TYPE_DEVICE_MODEL);
  self->modules = g_list_store_new (PA_TYPE_EXPANSION_MODULE);
  self->vendor_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->model_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->module_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->vendor_by_oui = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Each section is an array of objects; @load builds one entry and @add files
 * it, so the three sections share the position bookkeeping for messages. */
typedef gboolean (*LoadEntryFunc) (PaCatalog  *self,
                                   JsonObject *object,
                                   const char *where,
                                   GError    **error);

static char *
describe_entry (const char *section,
                guint       index,
                JsonObject *object)
{
  JsonNode *id = json_object_get_member (object, "id");

  if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
    return g_strdup_printf ("%s[%u] (%s)", section, index, json_node_get_string (id));
  return g_strdup_printf ("%s[%u]", section, index);
}

static gboolean
load_section (PaCatalog     *self,
              JsonObject    *root,
              const char    *section,
              LoadEntryFunc  load,
              GError       **error)
{
  JsonArray *array = pa_catalog_json_get_array (root, "catalog", section, TRUE, error);

  if (array == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *where = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_WRONG_TYPE,
                       "%s[%u] must be an object, not %s", section, i,
                       json_node_type_name (node));
          return FALSE;
        }
      where = describe_entry (section, i, json_node_get_object (node));
      if (!load (self, json_node_get_object (node), where, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_vendor (PaCatalog  *self,
             JsonObject *object,
             const char *where,
             GError    **error)
{
  g_autoptr(PaVendor) vendor = pa_vendor_new_from_json (object, where, error);
  const char * const *ouis;
  const char *id;

  if (vendor == NULL)
    return FALSE;

  id = pa_vendor_get_id (vendor);
  if (g_hash_table_contains (self->vendor_by_id, id))
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_DUPLICATE,
                   "%s: vendor id \"%s\" is used twice", where, id);
      return FALSE;
    }

  ouis = pa_vendor_get_ouis (vendor);
  for (guint i = 0; ouis[i] != NULL; i++)
    {
      PaVendor *owner = g_hash_table_lookup (self->vendor_by_oui, ouis[i]);

      if (owner != NULL)
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_DUPLICATE,
                       "%s: OUI %s is already listed for vendor \"%s\"", where, ouis[i],
                       pa_vendor_get_id (owner));
          return FALSE;
        }
      g_hash_table_insert (self->vendor_by_oui, (gpointer) ouis[i], vendor);
    }

  g_hash_table_insert (self->vendor_by_id, (gpointer) id, vendor);
  g_list_store_append (self->vendors, vendor);
  return TRUE;
}

static gboolean
load_module (PaCatalog  *self,
             JsonObject *object,
             const char *where,
             GError    **error)
{
  g_autoptr(PaExpansionModule) module = pa_expansion_module_new_from_json (object, where, error);
  const char *id;
  const char *vendor_id;

  if (module == NULL)
    return FALSE;

  id = pa_expansion_module_get_id (module);
  vendor_id = pa_expansion_module_get_vendor_id (module);
  if (!g_hash_table_contains (self->vendor_by_id, vendor_id))
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_UNKNOWN_REFERENCE,
                   "%s: vendor \"%s\" is not in the catalog", where, vendor_id);
      return FALSE;
    }
  if (g_hash_table_contains (self->module_by_id, id))
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_DUPLICATE,
                   "%s: module id \"%s\" is used twice", where, id);
      return FALSE;
    }

  g_hash_table_insert (self->module_by_id, (gpointer) id, module);
  g_list_store_append (self->modules, module);
  return TRUE;
}

static gboolean
load_model (PaCatalog  *self,
            JsonObject *object,
            const char *where,
            GError    **error)
{
  g_autoptr(PaDeviceModel) model = pa_device_model_new_from_json (object, where, self, error);
  const char *id;

  if (model == NULL)
    return FALSE;

  id = pa_device_model_get_id (model);
  if (g_hash_table_contains (self->model_by_id, id))
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_DUPLICATE,
                   "%s: model id \"%s\" is used twice", where, id);
      return FALSE;
    }

  g_hash_table_insert (self->model_by_id, (gpointer) id, model);
  g_list_store_append (self->models, model);
  return TRUE;
}

PaCatalog *
pa_catalog_new_from_node (JsonNode  *root,
                          GError   **error)
{
  static const char * const members[] = { "version", "note", "vendors", "modules", "models", NULL };
  g_autoptr(PaCatalog) self = NULL;
  JsonObject *object;

  if (root == NULL)
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_MALFORMED, "The catalog is empty");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_MALFORMED,
                   "The catalog must be a JSON object");
      return NULL;
    }
  object = json_node_get_object (root);

  if (!pa_catalog_json_check_members (object, "catalog", members, error))
    return NULL;

  self = g_object_new (PA_TYPE_CATALOG, NULL);

  /* Vendors, then modules, then models: each refers only to the ones
   * before it. */
  if (!load_section (self, object, "vendors", load_vendor, error)
      || !load_section (self, object, "modules", load_module, error)
      || !load_section (self, object, "models", load_model, error))
    return NULL;

  self->root = json_node_ref (root);

  return g_steal_pointer (&self);
}

PaCatalog *
pa_catalog_new_from_data (const char *json,
                          gssize      len,
                          GError    **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, len, &local_error))
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_MALFORMED,
                   "The catalog is not valid JSON: %s", local_error->message);
      return NULL;
    }
  return pa_catalog_new_from_node (json_parser_get_root (parser), error);
}

static PaCatalog *
load_default (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  PaCatalog *catalog = NULL;

  bytes = g_resources_lookup_data (CATALOG_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes != NULL)
    {
      gsize size;
      const char *data = g_bytes_get_data (bytes, &size);

      catalog = pa_catalog_new_from_data (data, size, &error);
    }

  if (catalog == NULL)
    {
      /* A broken built-in catalog is a bug in this build, but the server
       * and the app can still run (with no models) and say so. */
      g_critical ("Cannot load the built-in device catalog: %s", error->message);
      catalog = pa_catalog_new_from_data ("{\"vendors\":[],\"modules\":[],\"models\":[]}", -1,
                                          NULL);
    }
  return catalog;
}

/* The app's: replaced by the catalog of the server it connects to. */
static PaCatalog *replacement;
/* Catalogs replaced since: what they handed out (models, vendors, held
 * without a reference by whoever asked) stays valid. */
static GPtrArray *retired;

PaCatalog *
pa_catalog_get_default (void)
{
  static gsize initialized = 0;
  static PaCatalog *default_catalog = NULL;

  if (replacement != NULL)
    return replacement;
  if (g_once_init_enter (&initialized))
    {
      default_catalog = load_default ();
      g_once_init_leave (&initialized, 1);
    }
  return default_catalog;
}

void
pa_catalog_set_default (PaCatalog *catalog)
{
  g_return_if_fail (PA_IS_CATALOG (catalog));

  if (catalog == replacement)
    return;
  if (replacement != NULL)
    {
      if (retired == NULL)
        retired = g_ptr_array_new ();
      g_ptr_array_add (retired, replacement);
    }
  replacement = g_object_ref (catalog);
}

gboolean
pa_catalog_equal (PaCatalog *a,
                  PaCatalog *b)
{
  g_return_val_if_fail (PA_IS_CATALOG (a) && PA_IS_CATALOG (b), FALSE);

  return a == b || json_node_equal (a->root, b->root);
}

PaVendor *
pa_catalog_get_vendor (PaCatalog  *self,
                       const char *vendor_id)
{
  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);

  if (vendor_id == NULL)
    return NULL;
  return g_hash_table_lookup (self->vendor_by_id, vendor_id);
}

PaDeviceModel *
pa_catalog_get_model (PaCatalog  *self,
                      const char *model_id)
{
  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);

  if (model_id == NULL)
    return NULL;
  return g_hash_table_lookup (self->model_by_id, model_id);
}

PaExpansionModule *
pa_catalog_get_module (PaCatalog  *self,
                       const char *module_id)
{
  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);

  if (module_id == NULL)
    return NULL;
  return g_hash_table_lookup (self->module_by_id, module_id);
}

PaVendor *
pa_catalog_vendor_for_mac (PaCatalog  *self,
                           const char *normalized_mac)
{
  g_autofree char *oui = NULL;

  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);

  oui = pa_mac_oui (normalized_mac);
  if (oui == NULL)
    return NULL;
  return g_hash_table_lookup (self->vendor_by_oui, oui);
}

PaDeviceModel *
pa_catalog_find_model_by_user_agent (PaCatalog  *self,
                                     const char *vendor_id,
                                     const char *ua_model)
{
  guint n;

  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);

  if (vendor_id == NULL || ua_model == NULL)
    return NULL;

  n = g_list_model_get_n_items (G_LIST_MODEL (self->models));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaDeviceModel) model = g_list_model_get_item (G_LIST_MODEL (self->models), i);

      if (g_str_equal (pa_device_model_get_vendor_id (model), vendor_id)
          && g_ascii_strcasecmp (pa_device_model_get_user_agent (model), ua_model) == 0)
        return model;
    }
  return NULL;
}

GListModel *
pa_catalog_get_vendors (PaCatalog *self)
{
  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->vendors);
}

GListModel *
pa_catalog_get_models (PaCatalog *self)
{
  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->models);
}

GListModel *
pa_catalog_get_modules (PaCatalog *self)
{
  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);
  return G_LIST_MODEL (self->modules);
}

static int
compare_model_names (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  g_autofree char *key_a = g_utf8_collate_key_for_filename (pa_device_model_get_name ((PaDeviceModel *) a), -1);
  g_autofree char *key_b = g_utf8_collate_key_for_filename (pa_device_model_get_name ((PaDeviceModel *) b), -1);

  return strcmp (key_a, key_b);
}

GListModel *
pa_catalog_list_models_for_vendor (PaCatalog  *self,
                                   const char *vendor_id)
{
  GListStore *store;
  guint n;

  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);

  store = g_list_store_new (PA_TYPE_DEVICE_MODEL);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->models));
  for (guint i = 0; vendor_id != NULL && i < n; i++)
    {
      g_autoptr(PaDeviceModel) model = g_list_model_get_item (G_LIST_MODEL (self->models), i);

      if (g_str_equal (pa_device_model_get_vendor_id (model), vendor_id))
        g_list_store_append (store, model);
    }
  /* In the order a person looks for a model in: by name, numbers as
   * numbers (T31P before T46U before T54W; VVX 250 before VVX 1500). */
  g_list_store_sort (store, compare_model_names, NULL);
  return G_LIST_MODEL (store);
}

GListModel *
pa_catalog_list_modules_for_vendor (PaCatalog  *self,
                                    const char *vendor_id)
{
  GListStore *store;
  guint n;

  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);

  store = g_list_store_new (PA_TYPE_EXPANSION_MODULE);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->modules));
  for (guint i = 0; vendor_id != NULL && i < n; i++)
    {
      g_autoptr(PaExpansionModule) module =
        g_list_model_get_item (G_LIST_MODEL (self->modules), i);

      if (g_str_equal (pa_expansion_module_get_vendor_id (module), vendor_id))
        g_list_store_append (store, module);
    }
  return G_LIST_MODEL (store);
}

/* json_node_copy() shares objects and arrays with the original, so a caller
 * editing "its" copy would edit the catalog; this copies all the way down. */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *source = json_node_get_object (node);
      g_autoptr(JsonObject) object = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, source);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (object, name, deep_copy (member));
      return json_node_init_object (json_node_alloc (), object);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *source = json_node_get_array (node);
      g_autoptr(JsonArray) array = json_array_sized_new (json_array_get_length (source));

      for (guint i = 0; i < json_array_get_length (source); i++)
        json_array_add_element (array, deep_copy (json_array_get_element (source, i)));
      return json_node_init_array (json_node_alloc (), array);
    }
  return json_node_copy (node);
}

JsonNode *
pa_catalog_to_json (PaCatalog *self)
{
  g_return_val_if_fail (PA_IS_CATALOG (self), NULL);

  return deep_copy (self->root);
}
