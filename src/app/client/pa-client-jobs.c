/* pa-client-jobs.c — bulk actions as server jobs: the requests, and the
 * job read off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job over 100,000 phones names each in its results once it has them;
 * the app asks for it every few hundred milliseconds while it runs, so
 * the answer is parsed in a worker thread, as a listing's page is.
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-client-call.h"
#include "pa-client-jobs.h"
#include "pa-client-private.h"

/* ---- the job -------------------------------------------------------- */

static void
job_result_free (PaJobResult *result)
{
  g_free (result->result);
  g_free (result->reason);
  g_free (result);
}

G_DEFINE_BOXED_TYPE (PaJob, pa_job, pa_job_ref, pa_job_unref)

PaJob *
pa_job_ref (PaJob *job)
{
  g_return_val_if_fail (job != NULL, NULL);

  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

void
pa_job_unref (PaJob *job)
{
  if (job == NULL || !g_atomic_ref_count_dec (&job->ref_count))
    return;
  g_free (job->action);
  g_free (job->error);
  g_clear_pointer (&job->results, g_ptr_array_unref);
  g_free (job);
}

gboolean
pa_job_is_finished (const PaJob *job)
{
  g_return_val_if_fail (job != NULL, FALSE);

  return job->state == PA_JOB_SUCCEEDED || job->state == PA_JOB_FAILED
         || job->state == PA_JOB_CANCELLED;
}

static const char * const state_names[] = {
  [PA_JOB_QUEUED] = "queued",
  [PA_JOB_RUNNING] = "running",
  [PA_JOB_SUCCEEDED] = "succeeded",
  [PA_JOB_FAILED] = "failed",
  [PA_JOB_CANCELLED] = "cancelled",
};

const char *
pa_job_state_to_string (PaJobState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

static gboolean
state_from_string (const char *text,
                   PaJobState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        *state = (PaJobState) i;
        return TRUE;
      }
  return FALSE;
}

/* A member of the JSON type the API promises: absent or null is
 * @nullable's call; a whole number, a string or a boolean otherwise. */
static gboolean
member_is (JsonObject *object,
           const char *name,
           GType       type,
           gboolean    nullable)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return nullable;
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gint64
int_or_zero (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static char *
dup_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node)
         && json_node_get_value_type (node) == G_TYPE_STRING
         ? g_strdup (json_node_get_string (node)) : NULL;
}

static PaJobResult *
result_from_node (JsonNode *node)
{
  PaJobResult *result;
  JsonObject *object;
  const char *id_member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  /* The phone as "phone_id"; "id" is taken as well. */
  id_member = json_object_has_member (object, "phone_id") ? "phone_id" : "id";
  if (!member_is (object, id_member, G_TYPE_INT64, FALSE)
      || !member_is (object, "result", G_TYPE_STRING, FALSE)
      || !member_is (object, "reason", G_TYPE_STRING, TRUE))
    return NULL;

  result = g_new0 (PaJobResult, 1);
  result->phone_id = json_object_get_int_member (object, id_member);
  result->result = dup_string (object, "result");
  result->reason = dup_string (object, "reason");
  return result;
}

static GError *
not_a_job (void)
{
  return pa_client_error_new_full (PA_CLIENT_ERROR_PROTOCOL, 0, NULL, NULL, NULL,
                                   _("The server’s answer about the job cannot be read. "
                                     "PhoneAdmin and the server may be of different versions."));
}

PaJob *
pa_job_new_from_node (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(PaJob) job = NULL;
  JsonObject *object;
  JsonNode *error_node, *results;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, not_a_job ());
      return NULL;
    }
  object = json_node_get_object (node);
  job = g_new0 (PaJob, 1);
  g_atomic_ref_count_init (&job->ref_count);
  job->results = g_ptr_array_new_with_free_func ((GDestroyNotify) job_result_free);
  job->affected_phones = -1;

  if (!member_is (object, "id", G_TYPE_INT64, FALSE) || int_or_zero (object, "id") <= 0
      || !member_is (object, "action", G_TYPE_STRING, FALSE)
      || !member_is (object, "state", G_TYPE_STRING, FALSE)
      || !state_from_string (json_object_get_string_member (object, "state"), &job->state)
      || !member_is (object, "done", G_TYPE_INT64, TRUE)
      || !member_is (object, "total", G_TYPE_INT64, TRUE)
      || !member_is (object, "affected_phones", G_TYPE_INT64, TRUE)
      || !member_is (object, "undoable", G_TYPE_BOOLEAN, TRUE)
      || !member_is (object, "undo_of", G_TYPE_INT64, TRUE)
      || !member_is (object, "undone_by", G_TYPE_INT64, TRUE))
    {
      g_propagate_error (error, not_a_job ());
      return NULL;
    }
  job->id = json_object_get_int_member (object, "id");
  job->action = dup_string (object, "action");
  job->done = MAX (int_or_zero (object, "done"), 0);
  job->total = MAX (int_or_zero (object, "total"), 0);
  if (member_is (object, "affected_phones", G_TYPE_INT64, FALSE))
    job->affected_phones = MAX (json_object_get_int_member (object, "affected_phones"), 0);
  job->undoable = member_is (object, "undoable", G_TYPE_BOOLEAN, FALSE)
                  && json_object_get_boolean_member (object, "undoable");
  job->undo_of = int_or_zero (object, "undo_of");
  job->undone_by = int_or_zero (object, "undone_by");

  /* { "message": "…", "phone_id": 15 }; a bare message is taken too. */
  error_node = json_object_get_member (object, "error");
  if (error_node != NULL && JSON_NODE_HOLDS_OBJECT (error_node))
    {
      JsonObject *error_object = json_node_get_object (error_node);

      if (!member_is (error_object, "message", G_TYPE_STRING, FALSE)
          || !member_is (error_object, "phone_id", G_TYPE_INT64, TRUE))
        {
          g_propagate_error (error, not_a_job ());
          return NULL;
        }
      job->error = dup_string (error_object, "message");
      job->error_phone_id = int_or_zero (error_object, "phone_id");
    }
  else if (error_node != NULL && JSON_NODE_HOLDS_VALUE (error_node)
           && json_node_get_value_type (error_node) == G_TYPE_STRING)
    job->error = g_strdup (json_node_get_string (error_node));
  else if (error_node != NULL && !JSON_NODE_HOLDS_NULL (error_node))
    {
      g_propagate_error (error, not_a_job ());
      return NULL;
    }

  results = json_object_get_member (object, "results");
  if (results != NULL && JSON_NODE_HOLDS_ARRAY (results))
    {
      JsonArray *array = json_node_get_array (results);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          PaJobResult *result = result_from_node (json_array_get_element (array, i));

          if (result == NULL)
            {
              g_propagate_error (error, not_a_job ());
              return NULL;
            }
          g_ptr_array_add (job->results, result);
        }
    }
  else if (results != NULL && !JSON_NODE_HOLDS_NULL (results))
    {
      g_propagate_error (error, not_a_job ());
      return NULL;
    }
  return g_steal_pointer (&job);
}

PaJob *
pa_job_parse (GBytes  *json,
              GError **error)
{
  g_autoptr(JsonNode) root = pa_client_parse_object_bytes (json, error);

  if (root == NULL)
    return NULL;
  return pa_job_new_from_node (root, error);
}

/* ---- the requests --------------------------------------------------- */

/* An answer's bytes, for a job parsed in a worker thread. */
static void
job_bytes_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;

  if (g_task_get_source_tag (task) == pa_client_create_job_async)
    body = pa_client_call_upload_finish (PA_CLIENT (source), result, NULL, &error);
  else
    body = pa_client_call_bytes_finish (PA_CLIENT (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  pa_client_parse_in_thread (task, body, (PaClientParseFunc) pa_job_parse,
                             (GDestroyNotify) pa_job_unref);
}

void
pa_client_create_job_async (PaClient            *self,
                            JsonObject          *body,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;
  char *text;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (body != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_create_job_async);

  root = json_node_init_object (json_node_alloc (), body);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);
  pa_client_call_upload_async (self, "api/v1/jobs", "application/json", bytes, cancellable,
                               job_bytes_cb, task);
}

PaJob *
pa_client_create_job_finish (PaClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pa_client_get_job_async (PaClient            *self,
                         gint64               job_id,
                         gboolean             summary,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (job_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_get_job_async);
  path = g_strdup_printf ("api/v1/jobs/%" G_GINT64_FORMAT "%s", job_id,
                          summary ? "?summary=1" : "");
  pa_client_call_bytes_async (self, path, cancellable, job_bytes_cb, task);
}

PaJob *
pa_client_get_job_finish (PaClient      *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The undo's answer is a new job, as small as a queued job is. */
static void
undo_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = pa_client_call_answer (source, result, task);
  g_autoptr(GError) error = NULL;
  PaJob *job;

  if (node == NULL)
    return;
  job = pa_job_new_from_node (node, &error);
  if (job == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, job, (GDestroyNotify) pa_job_unref);
}

void
pa_client_undo_job_async (PaClient            *self,
                          gint64               job_id,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (job_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_undo_job_async);
  path = g_strdup_printf ("api/v1/jobs/%" G_GINT64_FORMAT "/undo", job_id);
  pa_client_call_async (self, "POST", path, NULL, 0, cancellable, undo_cb, task);
}

PaJob *
pa_client_undo_job_finish (PaClient      *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
pa_client_cancel_job_async (PaClient            *self,
                            gint64               job_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (job_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_cancel_job_async);
  path = g_strdup_printf ("api/v1/jobs/%" G_GINT64_FORMAT, job_id);
  pa_client_call_async (self, "DELETE", path, NULL, 0, cancellable, pa_client_done_answer_cb,
                        task);
}

gboolean
pa_client_cancel_job_finish (PaClient      *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
