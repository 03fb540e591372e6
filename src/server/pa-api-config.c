/* pa-api-config.c — GET /api/v1/phones/{id}/config: a phone's real files,
 * for the admin's Download Config
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same bytes the phone fetches, passwords included (the preview masks
 * them): an admin may need them to load a phone by hand or compare with
 * what it runs. Every download is logged, with who asked from where.
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include "pa-api-private.h"
#include "pa-gather.h"

void
pa_api_download_phone_config (PaApiRequest          *req,
                              const PaApiCollection *collection,
                              gint64                 id,
                              const char            *arg)
{
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(PaRenderContext) ctx = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  const char *client = soup_server_message_get_remote_host (req->msg);
  guint n_files = 0;

  phone = pa_store_get (req->store, PA_TYPE_PHONE, id, &error);
  if (phone != NULL)
    ctx = pa_gather (req->server, PA_PHONE (phone), PA_GATHER_FILES, NULL, NULL, &error);
  if (ctx == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "files");
  json_builder_begin_array (builder);
  names = pa_render_list_files (ctx);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *text = NULL;
      const char *content_type = NULL;

      text = pa_render_file (ctx, names[i], &content_type, &error);
      /* A file its writer lists but does not make for this phone (a
       * firmware pointer without a target) is not one it gets. */
      if (text == NULL && g_error_matches (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE))
        {
          g_clear_error (&error);
          continue;
        }
      if (text == NULL)
        {
          /* A phone that needs attention gets no files, and neither does
           * its download: the answer says why. */
          pa_http_send_gerror (req->msg, error);
          return;
        }
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, names[i]);
      json_builder_set_member_name (builder, "content_type");
      json_builder_add_string_value (builder, content_type);
      json_builder_set_member_name (builder, "content");
      json_builder_add_string_value (builder, text);
      json_builder_end_object (builder);
      n_files++;
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "PA_PHONE_MAC", pa_phone_get_mac (PA_PHONE (phone)),
                    "PA_CLIENT", client != NULL ? client : "?",
                    "MESSAGE", "An admin at %s downloaded the configuration of phone %s "
                    "(%u file%s, with its passwords)",
                    client != NULL ? client : "?", pa_phone_get_mac (PA_PHONE (phone)),
                    n_files, n_files == 1 ? "" : "s");
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "no-store");
  pa_http_send_json (req->msg, SOUP_STATUS_OK, root);
}
