/* pa-bootstrap.c — the site bootstrap URL `/p/<site key>/`: for DHCP
 * option 66 or a phone's factory provisioning field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A phone asking here names its MAC in the file name. A phone the store
 * knows gets a file without one secret in it (no SIP account, no admin
 * password, no custom parameter) whose only job is to point it at its own
 * setup link, asking again in five minutes. Only the setup link serves
 * secrets. A MAC nobody knows is recorded as discovered (the store keeps a
 * bounded list) and answered 404, and it costs the asker one refusal, so a
 * flood of made-up MACs is slowed like any other guessing.
 */
#define G_LOG_DOMAIN "pa-bootstrap"

#include "config.h"

#include <string.h>

#include "pa-catalog.h"
#include "pa-mac.h"
#include "pa-render.h"
#include "pa-server-private.h"

/* Soon enough that a phone on its first boot gets its real settings within
 * minutes; the setup link's files then set the usual interval. */
#define BOOTSTRAP_POLL_MINUTES 5

/* Whether @model's writer serves @file to a phone with @mac: the writer's
 * own list of names, so no vendor's naming is repeated here. */
static gboolean
model_serves (PaDeviceModel *model,
              const char    *mac,
              const char    *file)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaVendor *vendor = pa_catalog_get_vendor (catalog, pa_device_model_get_vendor_id (model));
  g_autoptr(PaPhone) phone = pa_phone_new ();
  g_autoptr(PaRenderContext) ctx = NULL;
  g_auto(GStrv) files = NULL;

  if (vendor == NULL)
    return FALSE;
  pa_phone_set_mac (phone, mac);
  pa_phone_set_vendor (phone, pa_vendor_get_id (vendor));
  pa_phone_set_model (phone, pa_device_model_get_id (model));
  ctx = pa_render_context_new (phone, model, vendor);
  files = pa_render_list_files (ctx);
  return files != NULL && g_strv_contains ((const char * const *) files, file);
}

/* The MAC a per-phone file name carries ("805ec0123456.cfg",
 * "cfg805ec0123456.xml", "SEP805EC0123456.cnf.xml"): a run of twelve hex
 * digits that, as a MAC, gives a name one of its vendor's models asks for.
 * NULL for a file every phone of a kind asks for. */
static char *
mac_of_file (const char *file)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  gsize length = strlen (file);

  for (gsize i = 0; i + 12 <= length; i++)
    {
      g_autofree char *window = g_strndup (file + i, 12);
      g_autofree char *mac = NULL;
      g_autoptr(GListModel) models = NULL;
      PaVendor *vendor;
      gboolean hex = TRUE;

      for (gsize j = 0; j < 12 && hex; j++)
        hex = g_ascii_isxdigit (window[j]);
      if (!hex || (mac = pa_mac_normalize (window, NULL)) == NULL)
        continue;
      vendor = pa_catalog_vendor_for_mac (catalog, mac);
      if (vendor == NULL)
        continue;
      models = pa_catalog_list_models_for_vendor (catalog, pa_vendor_get_id (vendor));
      for (guint m = 0; m < g_list_model_get_n_items (models); m++)
        {
          g_autoptr(PaDeviceModel) model = g_list_model_get_item (models, m);

          if (model_serves (model, mac, file))
            return g_steal_pointer (&mac);
        }
    }
  return NULL;
}

/* The phone's own provisioning settings and nothing else: the vendor's
 * writer spells them, with every account and key slot blank. The file the
 * catalog names as the model's own (device_file) must carry the setup
 * link; a writer that keeps it in another of its files (Yealink: the
 * model's common file) has that file's bytes served under the device
 * file's name, when the two are of one format. Found by looking for the
 * phone's token in what the writer made, so no vendor is named here. Any
 * other file (Poly's master file, which names the next one) is served as
 * the writer makes it. */
static char *
render_bootstrap (PaServer     *self,
                  PaPhone      *phone,
                  const char   *file,
                  const char  **content_type,
                  GError      **error)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaDeviceModel *model = pa_catalog_get_model (catalog, pa_phone_get_model (phone));
  PaVendor *vendor = model != NULL
                     ? pa_catalog_get_vendor (catalog, pa_device_model_get_vendor_id (model))
                     : NULL;
  g_autoptr(PaPhone) bare = pa_phone_new ();
  g_autoptr(PaRenderContext) ctx = NULL;
  g_auto(GStrv) files = NULL;
  g_autofree char *device_file = NULL;
  char *asked;

  if (vendor == NULL)
    {
      g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE,
                   "model %s is not in the catalog", pa_phone_get_model (phone));
      return NULL;
    }
  pa_phone_set_name (bare, pa_phone_get_name (phone));
  pa_phone_set_mac (bare, pa_phone_get_mac (phone));
  pa_phone_set_vendor (bare, pa_phone_get_vendor (phone));
  pa_phone_set_model (bare, pa_phone_get_model (phone));
  ctx = pa_render_context_new (bare, model, vendor);
  ctx->provisioning_url = g_strconcat (pa_server_get_public_url (self), "p/",
                                       pa_phone_get_token (phone), "/", NULL);
  ctx->settings = PA_SETTINGS (pa_resource_copy (PA_RESOURCE (self->settings_now)));
  g_object_set (ctx->settings, "update-interval", BOOTSTRAP_POLL_MINUTES, NULL);

  /* Writers spell the link their own way (Grandstream without the
   * scheme); the token is in every spelling. */
  asked = pa_render_file (ctx, file, content_type, error);
  device_file = pa_device_model_format_device_file (model, pa_phone_get_mac (phone));
  if (asked == NULL || strstr (asked, pa_phone_get_token (phone)) != NULL ||
      g_strcmp0 (device_file, file) != 0)
    return asked;
  files = pa_render_list_files (ctx);
  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      const char *other_type = NULL;
      g_autofree char *other = NULL;

      if (g_str_equal (files[i], file))
        continue;
      other = pa_render_file (ctx, files[i], &other_type, NULL);
      if (other != NULL && g_strcmp0 (other_type, *content_type) == 0 &&
          strstr (other, pa_phone_get_token (phone)) != NULL)
        {
          g_free (asked);
          return g_steal_pointer (&other);
        }
    }
  g_free (asked);
  g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE,
               "no file of %s carries the setup link", pa_phone_get_model (phone));
  return NULL;
}

static void
free_found (gpointer data)
{
  char **found = data;

  for (guint i = 0; i < 3; i++)
    g_free (found[i]);
  g_free (found);
}

/* @data: MAC, address, User-Agent (each but the MAC nullable); written
 * once no bulk job holds the store. */
static void
record_discovered (PaStore  *store,
                   gpointer  data)
{
  char **found = data;
  g_autoptr(GError) error = NULL;

  if (!pa_store_record_discovered (store, found[0], found[1], found[2], &error))
    g_warning ("Cannot record discovered phone %s: %s", found[0], error->message);
  else
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                      "PA_MAC", found[0],
                      "MESSAGE", "Discovered %s at %s (%s)", found[0], found[1],
                      found[2] != NULL ? found[2] : "no User-Agent");
}

static void
answer (SoupServerMessage *msg,
        guint              status,
        const char        *content_type,
        char              *body)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* Each answer depends on which phones exist now. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_server_message_set_status (msg, status, NULL);
  if (body != NULL)
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_TAKE, body, strlen (body));
  else
    soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
}

const char *
pa_bootstrap_handle (PaServer              *self,
                     SoupServerMessage     *msg,
                     const char            *file,
                     const char            *clean_ua,
                     const PaUserAgentInfo *ua_info)
{
  g_autofree char *mac = mac_of_file (file);
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(GError) error = NULL;
  const char *content_type = NULL;
  char *body;

  /* A file every phone of a kind asks for (Yealink's y000000000096.cfg):
   * nothing here for it, and nothing wrong with asking. */
  if (mac == NULL)
    {
      answer (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL);
      return NULL;
    }

  phone = pa_store_find_phone_by_mac (self->store, mac, &error);
  if (phone == NULL && g_error_matches (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
    {
      char **found = g_new0 (char *, 4);

      /* Each may be NULL but the MAC: freed one by one, not as a strv. */
      found[0] = g_strdup (mac);
      found[1] = g_strdup (soup_server_message_get_remote_host (msg));
      found[2] = g_strdup (clean_ua);
      pa_store_when_writable (self->store, record_discovered, found, free_found);
      return "unknown MAC on the bootstrap URL (recorded as discovered)";
    }
  if (phone == NULL)
    {
      g_warning ("Cannot look up %s: %s", mac, error->message);
      answer (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL, NULL);
      return NULL;
    }
  if (!pa_phone_get_enabled (PA_PHONE (phone)))
    return "the phone is disabled";
  if (ua_info->vendor_id != NULL &&
      g_strcmp0 (ua_info->vendor_id, pa_phone_get_vendor (PA_PHONE (phone))) != 0)
    return "the User-Agent names another vendor";

  body = render_bootstrap (self, PA_PHONE (phone), file, &content_type, &error);
  if (body == NULL)
    {
      if (error->domain != PA_RENDER_ERROR)
        g_warning ("Cannot make the bootstrap file %s: %s", file, error->message);
      answer (msg, SOUP_STATUS_NOT_FOUND, NULL, NULL);
      return NULL;
    }
  g_debug ("Bootstrap %s for %s", file, mac);
  answer (msg, SOUP_STATUS_OK, content_type, body);
  return NULL;
}
