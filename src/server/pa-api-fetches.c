/* pa-api-fetches.c — a phone's history: GET /api/v1/phones/{id}/fetches,
 * what it has asked for lately, and …/status-history, how its status went
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include "pa-api-private.h"

static void
add_time (JsonBuilder *builder,
          const char  *name,
          gint64       unix_seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (unix_seconds);
  g_autofree char *text = time != NULL ? g_date_time_format_iso8601 (time) : NULL;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, text);
}

static void
add_nullable (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

void
pa_api_phone_fetches (PaApiRequest          *req,
                      const PaApiCollection *collection,
                      gint64                 id,
                      const char            *arg)
{
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  phone = pa_store_get (req->store, PA_TYPE_PHONE, id, &error);
  if (phone == NULL ||
      (history = pa_fetch_log_dup_history (req->server->fetch_log, id, &error)) == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < history->len; i++)
    {
      const PaFetchRecord *record = g_ptr_array_index (history, i);

      json_builder_begin_object (builder);
      add_nullable (builder, "file", record->file);
      json_builder_set_member_name (builder, "status");
      json_builder_add_int_value (builder, record->status);
      add_nullable (builder, "ip", record->ip);
      add_nullable (builder, "user_agent", record->user_agent);
      add_time (builder, "first_seen", record->first_at);
      add_time (builder, "last_seen", record->last_at);
      json_builder_set_member_name (builder, "count");
      json_builder_add_int_value (builder, record->count);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  pa_http_send_json (req->msg, SOUP_STATUS_OK, root);
}

/* -- GET phones/{id}/status-history --------------------------------------- */

void
pa_api_phone_status_history (PaApiRequest          *req,
                             const PaApiCollection *collection,
                             gint64                 id,
                             const char            *arg)
{
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(GArray) history = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  phone = pa_store_get (req->store, PA_TYPE_PHONE, id, &error);
  if (phone == NULL ||
      (history = pa_store_list_status_history (req->store, id, &error)) == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "items");
  json_builder_begin_array (builder);
  for (guint i = 0; i < history->len; i++)
    {
      const PaStatusChange *change = &g_array_index (history, PaStatusChange, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "status");
      json_builder_add_string_value (builder, change->status);
      add_time (builder, "at", change->at);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  pa_http_send_json (req->msg, SOUP_STATUS_OK, root);
}
