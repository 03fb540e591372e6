/* pa-api-discovered.c — /api/v1/discovered: phones that asked the bootstrap
 * URL with a MAC no phone has
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a row says of the device (vendor, model, firmware) is read from its
 * User-Agent and its MAC's OUI when asked, not stored: a better parser or
 * catalog improves old rows too. Adopting one is creating the phone (POST
 * /api/v1/phones with its MAC); the list leaves out MACs that are phones.
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include "pa-api-private.h"
#include "pa-mac.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
iso_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);

  return time != NULL ? g_date_time_format_iso8601 (time) : NULL;
}

static void
add_device (JsonBuilder             *builder,
            const PaDiscoveredPhone *found)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  g_auto(PaUserAgentInfo) ua = { 0 };
  PaVendor *vendor = pa_catalog_vendor_for_mac (catalog, found->mac);
  PaDeviceModel *model = NULL;
  g_autofree char *first = iso_time (found->first_seen);
  g_autofree char *last = iso_time (found->last_seen);
  const char *vendor_id = vendor != NULL ? pa_vendor_get_id (vendor) : NULL;

  if (pa_user_agent_parse (found->user_agent, &ua))
    {
      if (vendor_id == NULL)
        vendor_id = ua.vendor_id;
      if (g_strcmp0 (ua.vendor_id, vendor_id) == 0)
        model = pa_catalog_find_model_by_user_agent (catalog, vendor_id, ua.model);
    }

  json_builder_begin_object (builder);
  add_string (builder, "mac", found->mac);
  add_string (builder, "vendor", vendor_id);
  add_string (builder, "model", model != NULL ? pa_device_model_get_id (model) : NULL);
  add_string (builder, "firmware", ua.firmware);
  add_string (builder, "ip", found->ip);
  add_string (builder, "user_agent", found->user_agent);
  add_string (builder, "first_seen", first);
  add_string (builder, "last_seen", last);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, found->count);
  json_builder_end_object (builder);
}

void
pa_api_list_discovered (PaApiRequest          *req,
                        const PaApiCollection *collection,
                        gint64                 id,
                        const char            *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = pa_store_list_discovered (req->store, &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  gint64 total = 0;

  if (found == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < found->len; i++)
    {
      const PaDiscoveredPhone *one = g_ptr_array_index (found, i);

      if (one->ignored)
        continue;
      add_device (builder, one);
      total++;
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "bootstrap_url");
  {
    g_autofree char *url = pa_server_dup_bootstrap_url (req->server);

    json_builder_add_string_value (builder, url);
  }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  pa_http_send_json (req->msg, SOUP_STATUS_OK, root);
}

void
pa_api_ignore_discovered (PaApiRequest          *req,
                          const PaApiCollection *collection,
                          gint64                 id,
                          const char            *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mac = pa_mac_normalize (text, NULL);

  if (mac == NULL)
    {
      pa_http_send_error (req->msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL,
                          "No such discovered phone");
      return;
    }
  if (!pa_store_ignore_discovered (req->store, mac, &error))
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "MESSAGE", "Discovered phone %s ignored", mac);
  pa_http_send_empty (req->msg, SOUP_STATUS_NO_CONTENT);
}
