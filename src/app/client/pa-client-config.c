/* pa-client-config.c — the REST client's Download Config: a phone's real
 * files, as GET /api/v1/phones/{id}/config hands them over
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pa-client-call.h"
#include "pa-client-private.h"

#define MAX_FILE_NAME 128

void
pa_config_file_free (PaConfigFile *file)
{
  if (file == NULL)
    return;
  g_free (file->name);
  g_free (file->content_type);
  g_clear_pointer (&file->content, g_bytes_unref);
  g_free (file);
}

/* The files are written under these names in a folder the user chose: a
 * name must stay in it, whatever the server says. */
static gboolean
is_plain_file_name (const char *name)
{
  return name != NULL && name[0] != '\0' && name[0] != '.' && strlen (name) <= MAX_FILE_NAME &&
         strchr (name, '/') == NULL && strchr (name, '\\') == NULL &&
         g_utf8_validate (name, -1, NULL);
}

static PaConfigFile *
read_file (JsonNode *node)
{
  JsonObject *object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  const char *name, *content_type, *content;
  PaConfigFile *file;

  if (object == NULL)
    return NULL;
  name = json_object_get_string_member_with_default (object, "name", NULL);
  content_type = json_object_get_string_member_with_default (object, "content_type", NULL);
  content = json_object_get_string_member_with_default (object, "content", NULL);
  if (!is_plain_file_name (name) || content == NULL)
    return NULL;

  file = g_new0 (PaConfigFile, 1);
  file->name = g_strdup (name);
  file->content_type = g_strdup (content_type);
  file->content = g_bytes_new (content, strlen (content));
  return file;
}

static void
download_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = pa_client_call_answer (source, result, task);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_config_file_free);
  JsonObject *object;
  JsonArray *array;

  if (node == NULL)
    return;

  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  array = object != NULL && json_object_has_member (object, "files") &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "files"))
          ? json_object_get_array_member (object, "files") : NULL;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      PaConfigFile *file = read_file (json_array_get_element (array, i));

      if (file == NULL)
        {
          array = NULL;
          break;
        }
      g_ptr_array_add (files, file);
    }
  if (array == NULL)
    {
      g_task_return_new_error (task, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL, "%s",
                               _("The server’s answer is not a list of configuration files. "
                                 "PhoneAdmin and the server may be of different versions."));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&files), (GDestroyNotify) g_ptr_array_unref);
}

void
pa_client_download_config_async (PaClient            *self,
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
  g_task_set_source_tag (task, pa_client_download_config_async);
  path = g_strdup_printf ("api/v1/phones/%" G_GINT64_FORMAT "/config", phone_id);
  pa_client_call_async (self, "GET", path, NULL, 0, cancellable, download_cb, task);
}

GPtrArray *
pa_client_download_config_finish (PaClient      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
