/* pa-api-changes.c — GET /api/v1/changes?since=N: what changed, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An app lists once, then reads what changed since the last sequence
 * number it saw, instead of listing again. Each entry names the kind (and
 * its collection), the id and what happened; a created or updated one
 * carries the resource as it is now, as GET would give it. A reader whose
 * place is no longer in the log, or belongs to another database, gets 410
 * and lists again.
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include "pa-api-private.h"

#define CHANGES_DEFAULT_LIMIT 500
#define CHANGES_MAX_LIMIT     500

JsonObject *
pa_api_change_to_json (const PaStoreChange *change)
{
  const PaApiCollection *collection = pa_api_collection_for_kind (change->kind);
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "seq", change->seq);
  json_object_set_string_member (object, "kind", change->kind);
  json_object_set_string_member (object, "collection",
                                 collection != NULL ? pa_api_collection_path (collection) : NULL);
  json_object_set_int_member (object, "id", change->id);
  json_object_set_string_member (object, "op", change->op);
  return object;
}

JsonObject *
pa_api_change_entry (PaApiRequest        *req,
                     const PaStoreChange *change)
{
  const PaApiCollection *collection = pa_api_collection_for_kind (change->kind);
  JsonObject *object = pa_api_change_to_json (change);
  g_autoptr(PaResource) item = NULL;

  /* Gone since: a later entry says so, and there is nothing to show. */
  if (collection != NULL && !g_str_equal (change->op, "deleted"))
    item = pa_store_get (req->store, pa_store_type_from_kind (change->kind), change->id, NULL);
  if (item != NULL)
    {
      pa_api_derive (req, collection, item);
      json_object_set_member (object, "item", pa_resource_to_json (item));
    }
  return object;
}

void
pa_api_list_changes (PaApiRequest          *req,
                     const PaApiCollection *unused,
                     gint64                 id,
                     const char            *arg)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  guint64 since = 0;
  guint limit = 0;
  gint64 oldest = 0, last = 0;

  if (!pa_http_query_uint64 (req->query, "since", 0, G_MAXINT64, &since, &error) ||
      !pa_http_query_uint (req->query, "limit", CHANGES_DEFAULT_LIMIT, G_MAXINT32, &limit, &error))
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  if (limit == 0)
    {
      pa_http_send_error (req->msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "limit",
                          "limit must be at least 1");
      return;
    }
  limit = MIN (limit, CHANGES_MAX_LIMIT);

  changes = pa_store_list_changes (req->store, (gint64) since, limit, &oldest, &last, &error);
  if (changes == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  /* Ahead of the log: the reader's numbers come from another database (a
   * restored backup, a new server). Behind it: what happened in between
   * was dropped. Either way only a new listing is right. */
  if ((gint64) since > last || (oldest > 0 && (gint64) since < oldest - 1))
    {
      pa_http_send_error (req->msg, SOUP_STATUS_GONE, "gone", "since",
                          "That change is no longer in the server's log; list everything again, "
                          "then ask for the changes since the newest number listed");
      return;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      g_autoptr(JsonNode) entry = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (entry, pa_api_change_entry (req, g_ptr_array_index (changes, i)));
      json_builder_add_value (builder, g_steal_pointer (&entry));
    }
  json_builder_end_array (builder);
  /* Where to go on from: the last entry given, or where the reader was. */
  json_builder_set_member_name (builder, "next_since");
  json_builder_add_int_value (builder, changes->len > 0
                              ? ((PaStoreChange *) g_ptr_array_index (changes, changes->len - 1))->seq
                              : (gint64) since);
  json_builder_set_member_name (builder, "last");
  json_builder_add_int_value (builder, last);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  pa_http_send_json (req->msg, SOUP_STATUS_OK, root);
}
