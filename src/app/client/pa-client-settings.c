/* pa-client-settings.c — the server's settings: how many phones a change
 * would reach (reading and saving them are the resource calls)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include "pa-client-call.h"
#include "pa-client-private.h"

void
pa_client_preview_settings_async (PaClient            *self,
                                  PaSettings          *settings,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(JsonNode) body = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (PA_IS_SETTINGS (settings));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_preview_settings_async);
  g_task_set_task_data (task, (gpointer) "affected_phones", NULL);
  /* The whole resource, as a PUT would send it: the server ignores id and
   * revision in a body. */
  body = pa_resource_to_json (PA_RESOURCE (settings));
  pa_client_call_async (self, "POST", "api/v1/settings/preview", body, 0, cancellable,
                        pa_client_count_answer_cb, task);
}

gint64
pa_client_preview_settings_finish (PaClient      *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
