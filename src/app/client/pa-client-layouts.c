/* pa-client-layouts.c — the REST client's calls for the layout designer:
 * delete onto a replacement, preview a phone's file (applying a layout to
 * phones is a job: pa-client-jobs.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-client-call.h"
#include "pa-client-private.h"

/* ---------------------------------------------------------------------- */
/* delete with a replacement */

void
pa_client_delete_with_replacement_async (PaClient            *self,
                                         PaResource          *resource,
                                         gint64               replacement_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (PA_IS_LAYOUT (resource) || PA_IS_MODULE_LAYOUT (resource));
  g_return_if_fail (pa_resource_get_id (resource) > 0);
  g_return_if_fail (replacement_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_delete_with_replacement_async);
  path = g_strdup_printf ("api/v1/%s/%" G_GINT64_FORMAT "?replacement=%" G_GINT64_FORMAT,
                          pa_client_collection_for_type (G_OBJECT_TYPE (resource)),
                          pa_resource_get_id (resource), replacement_id);
  pa_client_call_async (self, "DELETE", path, NULL, pa_resource_get_revision (resource),
                        cancellable, pa_client_done_answer_cb, task);
}

gboolean
pa_client_delete_with_replacement_finish (PaClient      *self,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* preview a phone's file */

static void
preview_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *text = pa_client_call_text_finish (PA_CLIENT (source), result, &error);

  if (text == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, text, g_free);
}

void
pa_client_preview_async (PaClient            *self,
                         gint64               phone_id,
                         const char          *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  pa_client_preview_layout_async (self, phone_id, file, 0, cancellable, callback, user_data);
}

void
pa_client_preview_layout_async (PaClient            *self,
                                gint64               phone_id,
                                const char          *file,
                                gint64               layout_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (phone_id > 0);
  g_return_if_fail (file != NULL && file[0] != '\0');
  g_return_if_fail (layout_id >= 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_preview_layout_async);

  /* One path segment whatever the name holds. */
  escaped = g_uri_escape_string (file, NULL, FALSE);
  if (layout_id > 0)
    path = g_strdup_printf ("api/v1/phones/%" G_GINT64_FORMAT "/preview/%s?layout=%"
                            G_GINT64_FORMAT, phone_id, escaped, layout_id);
  else
    path = g_strdup_printf ("api/v1/phones/%" G_GINT64_FORMAT "/preview/%s", phone_id, escaped);
  pa_client_call_text_async (self, path, cancellable, preview_cb, task);
}

char *
pa_client_preview_finish (PaClient      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
