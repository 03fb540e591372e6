/* pa-api-catalog.c — the read-only device catalog under /api/v1/catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include "pa-api-private.h"

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* "face": where the keys sit, for drawing the phone. */
static void
add_face (JsonBuilder *builder,
          guint        columns,
          gboolean     screen)
{
  json_builder_set_member_name (builder, "face");
  json_builder_begin_object (builder);
  add_int (builder, "columns", columns);
  json_builder_set_member_name (builder, "screen");
  json_builder_add_boolean_value (builder, screen);
  json_builder_end_object (builder);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
build_vendor (JsonBuilder *builder,
              PaVendor    *vendor)
{
  g_autoptr(GPtrArray) key_types = g_ptr_array_new ();
  const char * const *names = pa_key_type_names ();

  for (guint i = 0; names[i] != NULL; i++)
    if (pa_vendor_supports_key_type (vendor, names[i]))
      g_ptr_array_add (key_types, (gpointer) names[i]);
  g_ptr_array_add (key_types, NULL);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", pa_vendor_get_id (vendor));
  add_string_or_null (builder, "name", pa_vendor_get_name (vendor));
  add_string_or_null (builder, "config_format", pa_vendor_get_config_format (vendor));
  add_strv (builder, "ouis", pa_vendor_get_ouis (vendor));
  add_strv (builder, "key_types", (const char * const *) key_types->pdata);
  json_builder_end_object (builder);
}

static void
build_model (JsonBuilder   *builder,
             PaDeviceModel *model)
{
  const char * const *module_ids = pa_device_model_get_module_ids (model);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", pa_device_model_get_id (model));
  add_string_or_null (builder, "vendor_id", pa_device_model_get_vendor_id (model));
  add_string_or_null (builder, "name", pa_device_model_get_name (model));
  add_int (builder, "sip_accounts", pa_device_model_get_sip_accounts (model));
  add_int (builder, "line_keys", pa_device_model_get_line_keys (model));
  add_int (builder, "keys_per_page", pa_device_model_get_keys_per_page (model));
  add_int (builder, "pages", pa_device_model_get_pages (model));
  add_string_or_null (builder, "config_format", pa_device_model_get_config_format (model));
  add_string_or_null (builder, "common_file", pa_device_model_get_common_file (model));
  add_string_or_null (builder, "device_file", pa_device_model_get_device_file (model));
  add_int (builder, "max_modules", pa_device_model_get_max_modules (model));
  add_face (builder, pa_device_model_get_face_columns (model),
            pa_device_model_get_face_screen (model));
  json_builder_set_member_name (builder, "modules");
  json_builder_begin_array (builder);
  for (guint i = 0; module_ids != NULL && module_ids[i] != NULL; i++)
    {
      json_builder_begin_object (builder);
      add_string_or_null (builder, "id", module_ids[i]);
      add_int (builder, "max", pa_device_model_get_module_max (model, module_ids[i]));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
build_module (JsonBuilder       *builder,
              PaExpansionModule *module)
{
  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", pa_expansion_module_get_id (module));
  add_string_or_null (builder, "vendor_id", pa_expansion_module_get_vendor_id (module));
  add_string_or_null (builder, "name", pa_expansion_module_get_name (module));
  add_int (builder, "keys_per_page", pa_expansion_module_get_keys_per_page (module));
  add_int (builder, "pages", pa_expansion_module_get_pages (module));
  add_int (builder, "keys", pa_expansion_module_get_keys (module));
  add_face (builder, pa_expansion_module_get_face_columns (module),
            pa_expansion_module_get_face_screen (module));
  json_builder_end_object (builder);
}

typedef void (*BuildFunc) (JsonBuilder *builder, gpointer item);

static void
send_items (SoupServerMessage *msg,
            GListModel        *items,
            BuildFunc          build)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = g_list_model_get_n_items (items);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      build (builder, item);
    }
  json_builder_end_array (builder);
  add_int (builder, "total", n);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  pa_http_send_json (msg, SOUP_STATUS_OK, root);
}

static void
send_one (SoupServerMessage *msg,
          gpointer           item,
          BuildFunc          build)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  if (item == NULL)
    {
      pa_http_send_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                          "No such entry in the catalog");
      return;
    }
  build (builder, item);
  root = json_builder_get_root (builder);
  pa_http_send_json (msg, SOUP_STATUS_OK, root);
}

static gpointer
find_vendor (PaCatalog  *catalog,
             const char *id)
{
  return pa_catalog_get_vendor (catalog, id);
}

static gpointer
find_model (PaCatalog  *catalog,
            const char *id)
{
  return pa_catalog_get_model (catalog, id);
}

static gpointer
find_module (PaCatalog  *catalog,
             const char *id)
{
  return pa_catalog_get_module (catalog, id);
}

/* The catalog's sections, one line each: the whole list, a vendor's
 * (?vendor=), one entry by id. */
static const struct
{
  const char  *name;
  GListModel *(*all)        (PaCatalog *catalog);
  GListModel *(*for_vendor) (PaCatalog *catalog, const char *vendor);   /* transfer full */
  gpointer    (*find)       (PaCatalog *catalog, const char *id);
  BuildFunc    build;
} sections[] = {
  { "vendors", pa_catalog_get_vendors, NULL,
    find_vendor, (BuildFunc) build_vendor },
  { "models", pa_catalog_get_models, pa_catalog_list_models_for_vendor,
    find_model, (BuildFunc) build_model },
  { "modules", pa_catalog_get_modules, pa_catalog_list_modules_for_vendor,
    find_module, (BuildFunc) build_module },
};

static gint
find_section (PaApiRequest *req,
              const char   *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_str_equal (sections[i].name, name))
      return (gint) i;
  pa_http_send_error (req->msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                      "No such catalog section; try vendors, models or modules");
  return -1;
}

void
pa_api_catalog_all (PaApiRequest          *req,
                    const PaApiCollection *collection,
                    gint64                 id,
                    const char            *arg)
{
  g_autoptr(JsonNode) root = pa_catalog_to_json (pa_catalog_get_default ());

  pa_http_send_json (req->msg, SOUP_STATUS_OK, root);
}

void
pa_api_catalog_section (PaApiRequest          *req,
                        const PaApiCollection *collection,
                        gint64                 id,
                        const char            *name)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  const char *vendor = req->query != NULL ? g_hash_table_lookup (req->query, "vendor") : NULL;
  g_autoptr(GListModel) items = NULL;
  gint s = find_section (req, name);

  if (s < 0)
    return;
  if (vendor != NULL && sections[s].for_vendor != NULL)
    items = sections[s].for_vendor (catalog, vendor);
  else
    items = g_object_ref (sections[s].all (catalog));
  send_items (req->msg, items, sections[s].build);
}

void
pa_api_catalog_entry (PaApiRequest          *req,
                      const PaApiCollection *collection,
                      gint64                 id,
                      const char            *entry)
{
  gint s = find_section (req, req->segments[1]);

  if (s < 0)
    return;
  send_one (req->msg, sections[s].find (pa_catalog_get_default (), entry), sections[s].build);
}
