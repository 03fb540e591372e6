/* pa-client-diff.c — a change's diff: the request, and its answer read in a
 * worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An answer holds the files of several phones, each a few hundred lines:
 * like a listing's page, it is parsed off the main thread.
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include "pa-client-call.h"
#include "pa-client-diff.h"
#include "pa-client-private.h"

static void
diff_file_free (PaDiffFile *file)
{
  g_free (file->file);
  g_free (file->diff);
  g_free (file);
}

static void
diff_phone_free (PaDiffPhone *phone)
{
  g_free (phone->name);
  g_free (phone->mac);
  g_free (phone->model);
  g_clear_pointer (&phone->files, g_ptr_array_unref);
  g_free (phone);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaDiffPhone, diff_phone_free)

G_DEFINE_BOXED_TYPE (PaChangeDiff, pa_change_diff, pa_change_diff_ref, pa_change_diff_unref)

PaChangeDiff *
pa_change_diff_ref (PaChangeDiff *diff)
{
  g_return_val_if_fail (diff != NULL, NULL);

  g_atomic_ref_count_inc (&diff->ref_count);
  return diff;
}

void
pa_change_diff_unref (PaChangeDiff *diff)
{
  if (diff == NULL || !g_atomic_ref_count_dec (&diff->ref_count))
    return;
  g_clear_pointer (&diff->phones, g_ptr_array_unref);
  g_free (diff);
}

static PaChangeDiff *
change_diff_new (void)
{
  PaChangeDiff *diff = g_new0 (PaChangeDiff, 1);

  g_atomic_ref_count_init (&diff->ref_count);
  diff->phones = g_ptr_array_new_with_free_func ((GDestroyNotify) diff_phone_free);
  return diff;
}

static gboolean
member_is (JsonObject *object,
           const char *name,
           GType       type)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static PaDiffPhone *
phone_from_node (JsonNode *node)
{
  g_autoptr(PaDiffPhone) phone = NULL;
  JsonObject *object;
  JsonNode *files;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  files = json_object_get_member (object, "files");
  if (!member_is (object, "id", G_TYPE_INT64) || files == NULL || !JSON_NODE_HOLDS_ARRAY (files))
    return NULL;

  phone = g_new0 (PaDiffPhone, 1);
  phone->id = json_object_get_int_member (object, "id");
  phone->name = g_strdup (json_object_get_string_member_with_default (object, "name", ""));
  phone->mac = g_strdup (json_object_get_string_member_with_default (object, "mac", ""));
  phone->model = g_strdup (json_object_get_string_member_with_default (object, "model", ""));
  phone->files = g_ptr_array_new_with_free_func ((GDestroyNotify) diff_file_free);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (files)); i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (files), i);
      JsonObject *file_object;
      PaDiffFile *file;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        return NULL;
      file_object = json_node_get_object (entry);
      if (!member_is (file_object, "file", G_TYPE_STRING) ||
          !member_is (file_object, "diff", G_TYPE_STRING))
        return NULL;
      file = g_new0 (PaDiffFile, 1);
      file->file = g_strdup (json_object_get_string_member (file_object, "file"));
      file->diff = g_strdup (json_object_get_string_member (file_object, "diff"));
      g_ptr_array_add (phone->files, file);
    }
  return g_steal_pointer (&phone);
}

PaChangeDiff *
pa_change_diff_parse (GBytes  *json,
                      GError **error)
{
  g_autoptr(JsonNode) root = pa_client_parse_object_bytes (json, error);
  g_autoptr(PaChangeDiff) diff = NULL;
  JsonObject *object;
  JsonNode *phones;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  phones = json_object_get_member (object, "phones");
  if (!member_is (object, "affected_phones", G_TYPE_INT64) ||
      !member_is (object, "more", G_TYPE_INT64) ||
      phones == NULL || !JSON_NODE_HOLDS_ARRAY (phones))
    {
      g_propagate_error (error, pa_client_error_not_object (0));
      return NULL;
    }

  diff = change_diff_new ();
  diff->affected_phones = MAX (json_object_get_int_member (object, "affected_phones"), 0);
  diff->more = MAX (json_object_get_int_member (object, "more"), 0);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (phones)); i++)
    {
      PaDiffPhone *phone = phone_from_node (json_array_get_element (json_node_get_array (phones), i));

      if (phone == NULL)
        {
          g_propagate_error (error, pa_client_error_not_object (0));
          return NULL;
        }
      g_ptr_array_add (diff->phones, phone);
    }
  return g_steal_pointer (&diff);
}

/* ---- the request ---------------------------------------------------- */

static void
diff_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = pa_client_call_upload_finish (PA_CLIENT (source), result, NULL, &error);

  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  pa_client_parse_in_thread (task, body, (PaClientParseFunc) pa_change_diff_parse,
                             (GDestroyNotify) pa_change_diff_unref);
}

/* POST @body to @path; the answer is a diff, read in a worker thread. */
static void
diff_post (PaClient            *self,
           const char          *path,
           JsonNode            *body,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  char *text;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_diff_async);

  /* The body goes as bytes so the answer comes back unparsed, for the
   * worker thread. */
  json_generator_set_root (generator, body);
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);
  pa_client_call_upload_async (self, path, "application/json", bytes, cancellable, diff_cb, task);
}

void
pa_client_diff_async (PaClient            *self,
                      const char          *collection,
                      gint64               id,
                      JsonNode            *body,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (collection != NULL);
  g_return_if_fail (body != NULL && JSON_NODE_HOLDS_OBJECT (body));
  g_return_if_fail (g_str_equal (collection, "settings") || id > 0);

  if (g_str_equal (collection, "settings"))
    path = g_strdup ("api/v1/settings/diff");
  else
    {
      g_autofree char *escaped = g_uri_escape_string (collection, NULL, FALSE);

      path = g_strdup_printf ("api/v1/%s/%" G_GINT64_FORMAT "/diff", escaped, id);
    }
  diff_post (self, path, body, cancellable, callback, user_data);
}

void
pa_client_diff_job_async (PaClient            *self,
                          JsonObject          *job_body,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (job_body != NULL);

  body = json_node_init_object (json_node_alloc (), job_body);
  diff_post (self, "api/v1/jobs/diff", body, cancellable, callback, user_data);
}

PaChangeDiff *
pa_client_diff_finish (PaClient      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pa_client_diff_resource_async (PaClient            *self,
                               PaResource          *resource,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GType type;

  g_return_if_fail (PA_IS_RESOURCE (resource));

  type = G_OBJECT_TYPE (resource);
  body = pa_resource_to_json (resource);
  pa_client_diff_async (self, type == PA_TYPE_SETTINGS ? "settings"
                                                       : pa_client_collection_for_type (type),
                        pa_resource_get_id (resource), body, cancellable, callback, user_data);
}
