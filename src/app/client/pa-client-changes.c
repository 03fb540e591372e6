/* pa-client-changes.c — reading the server's change log: a page of GET
 * /api/v1/changes and the change stream's messages, parsed in a worker
 * thread into finished resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A batch can hold 500 resources: JSON parsing and building them stays off
 * the main thread. The resources are new objects nobody else holds yet,
 * so building them in a thread is safe; the repository then merges them on
 * the main thread.
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include "pa-client-call.h"
#include "pa-client-changes.h"
#include "pa-client-private.h"

static void
change_free (PaChange *change)
{
  g_clear_object (&change->item);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaChange, change_free)

void
pa_change_batch_free (PaChangeBatch *batch)
{
  if (batch == NULL)
    return;
  g_clear_pointer (&batch->changes, g_ptr_array_unref);
  g_free (batch);
}

/* The type of a kind name ("sip_account"), G_TYPE_INVALID for one this
 * app does not know. */
static GType
type_for_kind (const char *kind)
{
  const PaResourceKind *found = pa_resource_kind_lookup (kind);

  return found != NULL ? found->get_type () : G_TYPE_INVALID;
}

static gboolean
is_int (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static PaChange *
change_from_object (JsonObject  *object,
                    GError     **error)
{
  g_autoptr(PaChange) change = NULL;
  const char *op = json_object_get_string_member_with_default (object, "op", NULL);
  JsonNode *item = json_object_get_member (object, "item");

  if (!is_int (object, "seq") || !is_int (object, "id") || op == NULL)
    {
      g_propagate_error (error, pa_client_error_not_object (0));
      return NULL;
    }
  change = g_new0 (PaChange, 1);
  change->seq = json_object_get_int_member (object, "seq");
  change->id = json_object_get_int_member (object, "id");
  change->type = type_for_kind (json_object_get_string_member_with_default (object, "kind", NULL));
  change->discovered = g_strcmp0 (json_object_get_string_member_with_default (object, "kind", NULL),
                                  "discovered") == 0;
  if (g_str_equal (op, "created"))
    change->op = PA_CHANGE_CREATED;
  else if (g_str_equal (op, "updated"))
    change->op = PA_CHANGE_UPDATED;
  else if (g_str_equal (op, "deleted"))
    change->op = PA_CHANGE_DELETED;
  else
    change->type = G_TYPE_INVALID;

  if (change->type != G_TYPE_INVALID && change->op != PA_CHANGE_DELETED &&
      item != NULL && JSON_NODE_HOLDS_OBJECT (item))
    {
      change->item = pa_client_resource_from_node (change->type, item, NULL, error);
      if (change->item == NULL)
        return NULL;
    }
  return g_steal_pointer (&change);
}

PaChangeBatch *
pa_change_batch_parse (GBytes  *json,
                       GError **error)
{
  g_autoptr(JsonNode) root = pa_client_parse_object_bytes (json, error);
  g_autoptr(PaChangeBatch) batch = NULL;
  JsonObject *object;
  JsonNode *changes;
  const char *type;

  if (root == NULL)
    return NULL;
  object = json_node_get_object (root);
  batch = g_new0 (PaChangeBatch, 1);
  batch->changes = g_ptr_array_new_with_free_func ((GDestroyNotify) change_free);
  batch->last = json_object_get_int_member_with_default (object, "last", 0);

  /* A stream message says what it is; a page of the feed does not. */
  type = json_object_get_string_member_with_default (object, "type", "changes");
  if (g_str_equal (type, "gone"))
    {
      batch->gone = TRUE;
      return g_steal_pointer (&batch);
    }

  changes = json_object_get_member (object, "changes");
  if (!g_str_equal (type, "changes") || changes == NULL || !JSON_NODE_HOLDS_ARRAY (changes) ||
      !is_int (object, "next_since"))
    {
      g_propagate_error (error, pa_client_error_not_object (0));
      return NULL;
    }
  batch->next_since = json_object_get_int_member (object, "next_since");
  for (guint i = 0; i < json_array_get_length (json_node_get_array (changes)); i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (changes), i);
      PaChange *change;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        {
          g_propagate_error (error, pa_client_error_not_object (0));
          return NULL;
        }
      change = change_from_object (json_node_get_object (entry), error);
      if (change == NULL)
        return NULL;
      g_ptr_array_add (batch->changes, change);
    }
  return g_steal_pointer (&batch);
}

void
pa_change_batch_parse_async (GBytes              *json,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, pa_change_batch_parse_async);
  pa_client_parse_in_thread (task, json, (PaClientParseFunc) pa_change_batch_parse,
                             (GDestroyNotify) pa_change_batch_free);
}

PaChangeBatch *
pa_change_batch_parse_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- GET /api/v1/changes ------------------------------------------------- */

static void
get_changes_parsed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  PaChangeBatch *batch = pa_change_batch_parse_finish (result, &error);

  if (batch == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, batch, (GDestroyNotify) pa_change_batch_free);
}

static void
get_changes_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = pa_client_call_bytes_finish (PA_CLIENT (source), result, &error);

  if (body == NULL && pa_client_error_get_status (error) == 410)
    {
      PaChangeBatch *gone = g_new0 (PaChangeBatch, 1);

      gone->gone = TRUE;
      gone->changes = g_ptr_array_new ();
      g_task_return_pointer (task, gone, (GDestroyNotify) pa_change_batch_free);
      return;
    }
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pa_change_batch_parse_async (body, g_task_get_cancellable (task), get_changes_parsed_cb,
                               g_object_ref (task));
}

void
pa_client_get_changes_async (PaClient            *self,
                             gint64               since,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (PA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_get_changes_async);
  path = g_strdup_printf ("api/v1/changes?since=%" G_GINT64_FORMAT "&limit=500", MAX (since, 0));
  pa_client_call_bytes_async (self, path, cancellable, get_changes_cb, g_steal_pointer (&task));
}

PaChangeBatch *
pa_client_get_changes_finish (PaClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
