/* pa-api-diff.c — POST /api/v1/{collection}/{id}/diff: what a change would
 * do to the phones' files, before anything is pushed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The change is made as the PATCH would make it (every rule and hook), in
 * a transaction that is then rolled back: the phones it reaches are the
 * ones whose recorded inputs include what it changed, the same the PATCH
 * reports as "affected_phones". The first few are rendered with their
 * secrets masked, inside the transaction and again after it, and their
 * files compared; the rest are counted.
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include "pa-api-private.h"
#include "pa-diff.h"
#include "pa-gather.h"

/* Phones whose diffs are shown; the others are counted. */
#define SHOWN_PHONES PA_API_DIFF_SHOWN
/* Same lines shown around each change. */
#define DIFF_CONTEXT 2

GHashTable *
pa_api_diff_render (PaServer  *server,
                    PaStore   *store,
                    gint64     phone_id,
                    PaPhone  **out_phone,
                    GError   **error)
{
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(PaGatherMemo) memo = pa_gather_memo_new (store);
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(PaRenderContext) ctx = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) names = NULL;

  phone = pa_store_get (store, PA_TYPE_PHONE, phone_id, &local_error);
  /* Deleted: its files are gone. */
  if (phone == NULL && g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
    goto done;
  if (phone == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  ctx = pa_gather (server, PA_PHONE (phone), PA_GATHER_PREVIEW, memo, NULL, &local_error);
  /* A phone that cannot be rendered (a model the catalog lacks) has no
   * files to compare. */
  if (ctx == NULL && local_error->domain == PA_RENDER_ERROR)
    goto done;
  if (ctx == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  names = pa_render_list_files (ctx);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autoptr(GError) file_error = NULL;
      char *text = pa_phone_render_file (server, PA_PHONE (phone), memo, names[i], TRUE, NULL,
                                         &file_error);

      /* Settings that cannot work render no file: that is the change. */
      if (text == NULL && file_error->domain != PA_RENDER_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&file_error));
          return NULL;
        }
      g_hash_table_insert (files, g_strdup (names[i]), text);
    }
done:
  if (out_phone != NULL)
    *out_phone = phone != NULL ? PA_PHONE (g_steal_pointer (&phone)) : NULL;
  return g_steal_pointer (&files);
}

typedef struct
{
  gint64      id;
  PaPhone    *phone;    /* as it will be */
  GHashTable *after;
} Shown;

static void
shown_clear (gpointer data)
{
  Shown *shown = data;

  g_clear_object (&shown->phone);
  g_clear_pointer (&shown->after, g_hash_table_unref);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The diffs of one phone's files, in file order, only those that change. */
static JsonArray *
diff_files (GHashTable *before,
            GHashTable *after)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  JsonArray *files = json_array_new ();
  GHashTableIter iter;
  gpointer name;

  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    g_ptr_array_add (names, name);
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    if (!g_hash_table_contains (after, name))
      g_ptr_array_add (names, name);
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *diff = pa_diff_unified (g_hash_table_lookup (before, file),
                                               g_hash_table_lookup (after, file), file,
                                               DIFF_CONTEXT);
      JsonObject *entry;

      if (diff == NULL)
        continue;
      entry = json_object_new ();
      json_object_set_string_member (entry, "file", file);
      json_object_set_string_member (entry, "diff", diff);
      json_array_add_object_element (files, entry);
    }
  return files;
}

JsonObject *
pa_api_diff_phone (gint64      id,
                   PaPhone    *phone,
                   GHashTable *before,
                   GHashTable *after)
{
  JsonObject *entry = json_object_new ();

  json_object_set_int_member (entry, "id", id);
  json_object_set_string_member (entry, "name", pa_phone_get_name (phone));
  json_object_set_string_member (entry, "mac", pa_phone_get_mac (phone));
  json_object_set_string_member (entry, "model", pa_phone_get_model (phone));
  json_object_set_array_member (entry, "files", diff_files (before, after));
  return entry;
}

void
pa_api_diff_update (PaApiRequest          *req,
                    const PaApiCollection *collection,
                    gint64                 id,
                    const char            *arg)
{
  const char *kind = collection->kind;
  gboolean settings = collection->singleton_id != 0;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) phones = NULL;
  g_autoptr(GArray) shown = g_array_new (FALSE, TRUE, sizeof (Shown));
  g_autoptr(JsonArray) answer_phones = json_array_new ();
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  gboolean ok;

  g_array_set_clear_func (shown, shown_clear);
  body = pa_http_read_json_object (req->msg, &error);
  if (body == NULL)
    goto fail;

  /* The change as it would be: made, read from, undone. */
  if (!pa_store_begin (req->store, &error))
    goto fail;
  ok = pa_api_update (req, collection, id, body, FALSE, &error) &&
       (!settings || pa_server_update_settings (req->server, &error));
  if (ok)
    phones = settings ? pa_store_list_phones_underived (req->store, req->server->settings, &error)
                      : pa_store_list_phones_reading (req->store, kind, id, &error);
  ok = ok && phones != NULL;
  for (guint i = 0; ok && i < MIN (phones->len, SHOWN_PHONES); i++)
    {
      Shown one = { g_array_index (phones, gint64, i), NULL, NULL };

      one.after = pa_api_diff_render (req->server, req->store, one.id, &one.phone, &error);
      ok = one.after != NULL;
      g_array_append_val (shown, one);
    }
  pa_store_rollback (req->store);
  /* The server keeps its settings in memory too: back to the stored ones. */
  if (settings)
    {
      g_autoptr(GError) restore_error = NULL;

      if (!pa_server_update_settings (req->server, &restore_error))
        g_warning ("%s", restore_error->message);
    }
  if (!ok)
    goto fail;

  for (guint i = 0; i < shown->len; i++)
    {
      Shown *one = &g_array_index (shown, Shown, i);
      g_autoptr(GHashTable) before = pa_api_diff_render (req->server, req->store, one->id, NULL,
                                                          &error);
      JsonObject *entry;

      if (before == NULL)
        goto fail;
      entry = pa_api_diff_phone (one->id, one->phone, before, one->after);
      json_array_add_object_element (answer_phones, entry);
    }

  json_object_set_int_member (answer, "affected_phones", phones->len);
  json_object_set_array_member (answer, "phones", g_steal_pointer (&answer_phones));
  json_object_set_int_member (answer, "more", phones->len - shown->len);
  json_node_set_object (node, answer);
  pa_http_send_json (req->msg, SOUP_STATUS_OK, node);
  return;

fail:
  pa_http_send_gerror (req->msg, error);
}
