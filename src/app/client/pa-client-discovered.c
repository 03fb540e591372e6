/* pa-client-discovered.c — what the server saw of phones: those that
 * asked the bootstrap URL with a MAC no phone has (listing and ignoring
 * them; adopting one is creating the phone), and a phone's recent requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include "pa-client-call.h"
#include "pa-client-private.h"

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = pa_client_call_answer (source, result, task);
  JsonObject *object;
  JsonNode *items;

  if (node == NULL)
    return;
  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  items = object != NULL ? json_object_get_member (object, "items") : NULL;
  if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    {
      g_task_return_error (task, pa_client_error_not_object (0));
      return;
    }
  g_task_return_pointer (task, json_object_ref (object), (GDestroyNotify) json_object_unref);
}

void
pa_client_list_discovered_async (PaClient            *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_list_discovered_async);
  pa_client_call_async (self, "GET", "api/v1/discovered", NULL, 0, cancellable, list_cb, task);
}

JsonObject *
pa_client_list_discovered_finish (PaClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pa_client_get_phone_fetches_async (PaClient            *self,
                                   gint64               phone_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (phone_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_get_phone_fetches_async);
  path = g_strdup_printf ("api/v1/phones/%" G_GINT64_FORMAT "/fetches", phone_id);
  pa_client_call_async (self, "GET", path, NULL, 0, cancellable, list_cb, task);
}

JsonArray *
pa_client_get_phone_fetches_finish (PaClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_autoptr(JsonObject) object = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  object = g_task_propagate_pointer (G_TASK (result), error);
  return object != NULL ? json_array_ref (json_object_get_array_member (object, "items")) : NULL;
}

void
pa_client_ignore_discovered_async (PaClient            *self,
                                   const char          *mac,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (mac != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_ignore_discovered_async);
  escaped = g_uri_escape_string (mac, NULL, FALSE);
  path = g_strdup_printf ("api/v1/discovered/%s/ignore", escaped);
  pa_client_call_async (self, "POST", path, NULL, 0, cancellable, pa_client_done_answer_cb,
                        task);
}

gboolean
pa_client_ignore_discovered_finish (PaClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
