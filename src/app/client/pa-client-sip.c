/* pa-client-sip.c — asking provd to tell phones over SIP to reboot or
 * resync (POST /api/v1/phones/{id}/reboot|resync)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-client-call.h"
#include "pa-client-private.h"

static void
push_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = pa_client_call_answer (source, result, task);
  JsonObject *push;
  JsonNode *target;

  if (node == NULL)
    return;
  push = JSON_NODE_HOLDS_OBJECT (node)
         ? json_object_get_object_member (json_node_get_object (node), "sip_push") : NULL;
  target = push != NULL ? json_object_get_member (push, "target") : NULL;
  if (target == NULL || (!JSON_NODE_HOLDS_NULL (target) &&
                         json_node_get_value_type (target) != G_TYPE_STRING))
    {
      g_task_return_new_error (task, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL, "%s",
                               _("The server’s answer does not say where it sent the request. "
                                 "PhoneAdmin and the server may be of different versions."));
      return;
    }
  g_task_return_pointer (task, g_strdup (JSON_NODE_HOLDS_NULL (target) ? ""
                                         : json_node_get_string (target)), g_free);
}

void
pa_client_push_phone_async (PaClient            *self,
                            gint64               phone_id,
                            PaPhonePush          action,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (phone_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_push_phone_async);
  path = g_strdup_printf ("api/v1/phones/%" G_GINT64_FORMAT "/%s", phone_id,
                          action == PA_PHONE_PUSH_REBOOT ? "reboot" : "resync");
  pa_client_call_async (self, "POST", path, NULL, 0, cancellable, push_cb, task);
}

gboolean
pa_client_push_phone_finish (PaClient      *self,
                             GAsyncResult  *result,
                             char         **target,
                             GError       **error)
{
  g_autofree char *where = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  where = g_task_propagate_pointer (G_TASK (result), error);
  if (where == NULL)
    return FALSE;
  if (target != NULL)
    *target = where[0] != '\0' ? g_steal_pointer (&where) : NULL;
  return TRUE;
}
