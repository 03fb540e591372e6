/* pa-api-settings.c — /api/v1/settings: the server's own settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The resource goes through the generic get/update (pa-api.c), so ETag and
 * If-Match work as for the others. What is its own: the settings provd's
 * key file names win over the stored ones (the API shows them, says which
 * they are, and refuses to change them), and a proposed change can be
 * asked how many phones it would reach before it is saved.
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include "pa-api-private.h"

/* Answers carry the values phones get, and which the key file holds. */
void
pa_api_settings_derive (PaApiRequest *req,
                        PaResource   *resource)
{
  g_autoptr(PaSettings) now = pa_server_effective_settings (req->server, PA_SETTINGS (resource));
  g_autoptr(JsonArray) fixed = json_array_new ();

  for (PaSettingId setting = 1; setting < PA_N_SETTINGS; setting++)
    if (pa_server_setting_is_fixed (req->server, setting))
      {
        const char *name = pa_setting_get_name (setting);
        g_autofree char *property = g_strdelimit (g_strdup (name), "_", '-');
        g_auto(GValue) value = G_VALUE_INIT;

        g_object_get_property (G_OBJECT (now), property, &value);
        g_object_set_property (G_OBJECT (resource), property, &value);
        json_array_add_string_element (fixed, name);
      }
  json_object_set_array_member (req->extra, "fixed", g_steal_pointer (&fixed));
  /* Whether provd speaks TLS: its key file's to say, shown here. */
  json_object_set_boolean_member (req->extra, "tls", req->server->config->tls_cert != NULL);
  /* For DHCP option 66: it follows the public URL. */
  {
    g_autofree char *bootstrap = pa_server_dup_bootstrap_url (req->server);

    json_object_set_string_member (req->extra, "bootstrap_url", bootstrap);
  }
}

/* A setting the key file holds can be sent back as it is (a PUT of what GET
 * gave) or left out, but not changed; the stored value underneath stays. */
static gboolean
keep_fixed (PaApiRequest  *req,
            PaSettings    *old,
            PaSettings    *updated,
            GError       **error)
{
  g_autoptr(PaSettings) now = pa_server_effective_settings (req->server, old);

  for (PaSettingId setting = 1; setting < PA_N_SETTINGS; setting++)
    {
      g_autofree char *wanted = NULL;
      g_autofree char *fixed_value = NULL;
      g_autofree char *stored_value = NULL;
      g_autofree char *property = NULL;
      g_auto(GValue) value = G_VALUE_INIT;

      if (!pa_server_setting_is_fixed (req->server, setting))
        continue;
      wanted = pa_settings_dup_value_text (updated, setting);
      fixed_value = pa_settings_dup_value_text (now, setting);
      stored_value = pa_settings_dup_value_text (old, setting);
      if (g_strcmp0 (wanted, fixed_value) != 0 && g_strcmp0 (wanted, stored_value) != 0)
        {
          pa_http_set_error (error, PA_HTTP_ERROR_RULE, pa_setting_get_name (setting),
                             "%s is set in provd's configuration file (%s); change it there",
                             pa_setting_get_name (setting), fixed_value);
          return FALSE;
        }
      property = g_strdelimit (g_strdup (pa_setting_get_name (setting)), "_", '-');
      g_object_get_property (G_OBJECT (old), property, &value);
      g_object_set_property (G_OBJECT (updated), property, &value);
    }
  return TRUE;
}

/* A region a phone or profile picks stays until nothing picks it: dropping
 * it would leave their lines without a registrar. */
static gboolean
check_regions_kept (PaApiRequest  *req,
                    PaSettings    *old,
                    PaSettings    *updated,
                    GError       **error)
{
  GPtrArray *regions = pa_settings_get_sip_regions (old);

  for (guint i = 0; i < regions->len; i++)
    {
      const PaSipRegion *region = g_ptr_array_index (regions, i);
      gint64 phones, profiles;

      if (pa_settings_find_sip_region (updated, region->name) != NULL)
        continue;
      phones = pa_store_count_sip_region_users (req->store, PA_TYPE_PHONE, region->name, error);
      if (phones < 0)
        return FALSE;
      profiles = pa_store_count_sip_region_users (req->store, PA_TYPE_PROFILE, region->name, error);
      if (profiles < 0)
        return FALSE;
      if (phones + profiles == 0)
        continue;
      pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, "sip_regions",
                         "SIP region “%s” is used by %" G_GINT64_FORMAT " phone%s and %"
                         G_GINT64_FORMAT " profile%s; pick another region for them first",
                         region->name, phones, phones == 1 ? "" : "s",
                         profiles, profiles == 1 ? "" : "s");
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_api_settings_before_write (PaApiRequest  *req,
                              PaResource    *old,
                              PaResource    *resource,
                              GError       **error)
{
  const char *public_url = pa_settings_get_public_url (PA_SETTINGS (resource));

  req->report_affected = TRUE;
  /* Phones would be told to speak plain HTTP to a port that only speaks
   * TLS. */
  if (req->server->config->tls_cert != NULL && public_url != NULL &&
      !g_str_has_prefix (public_url, "https://"))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_RULE, "public_url",
                         "provd serves HTTPS: the address in setup links must start with https://");
      return FALSE;
    }
  return keep_fixed (req, PA_SETTINGS (old), PA_SETTINGS (resource), error) &&
         check_regions_kept (req, PA_SETTINGS (old), PA_SETTINGS (resource), error);
}

/* POST /api/v1/settings/preview: the body a PATCH would send; the answer
 * says how many phones' files it would change, and changes nothing. The
 * phones are those that read a setting whose value it changes (their
 * recorded inputs), so it is the number the PATCH itself will report. */
typedef struct
{
  JsonNode   *body;
  PaSettings *proposed;
  gint64      affected;
} PreviewData;

static gboolean
preview_parse (PaApiRequest  *req,
               gpointer       user_data,
               GError       **error)
{
  PreviewData *data = user_data;
  g_autoptr(PaResource) stored = NULL;
  g_autoptr(PaSettings) effective = NULL;
  g_autoptr(GArray) inputs = NULL;
  g_autoptr(GArray) phones = NULL;

  data->body = pa_http_read_json_object (req->msg, error);
  if (data->body == NULL)
    return FALSE;
  stored = pa_store_get (req->store, PA_TYPE_SETTINGS, PA_SETTINGS_ID, error);
  if (stored == NULL)
    return FALSE;
  data->proposed = PA_SETTINGS (pa_resource_copy (stored));
  if (!pa_resource_apply_json (PA_RESOURCE (data->proposed), data->body, FALSE, error) ||
      !pa_resource_validate (PA_RESOURCE (data->proposed), error) ||
      !keep_fixed (req, PA_SETTINGS (stored), data->proposed, error) ||
      !check_regions_kept (req, PA_SETTINGS (stored), data->proposed, error))
    return FALSE;

  effective = pa_server_effective_settings (req->server, data->proposed);
  inputs = pa_server_settings_inputs (req->server, effective);
  phones = pa_store_list_phones_underived (req->store, inputs, error);
  if (phones == NULL)
    return FALSE;
  data->affected = phones->len;
  return TRUE;
}

static JsonNode *
preview_answer (PaApiRequest *req,
                gpointer      user_data)
{
  PreviewData *data = user_data;
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_int_member (object, "affected_phones", data->affected);
  json_node_set_object (node, object);
  return node;
}

void
pa_api_preview_settings (PaApiRequest          *req,
                         const PaApiCollection *collection,
                         gint64                 id,
                         const char            *arg)
{
  static const PaApiAction action = { preview_parse, NULL, preview_answer };
  PreviewData data = { 0 };

  pa_api_run_action (req, &action, &data);
  g_clear_pointer (&data.body, json_node_unref);
  g_clear_object (&data.proposed);
}
