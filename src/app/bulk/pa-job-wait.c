/* pa-job-wait.c — following a server job until it ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One request at a time: the next is asked for a moment after the last
 * answer, so a slow server is never asked faster than it answers. Between
 * requests a timeout waits; the window's cancellable, once cancelled,
 * ends the wait at the next tick, and cancels the request under way.
 */
#define G_LOG_DOMAIN "pa-bulk"

#include "config.h"

#include "pa-job-wait.h"

typedef struct
{
  PaClient          *client;
  PaJob             *job;
  PaJobProgressFunc  progress;
  gpointer           progress_data;
  guint              timeout_id;
  guint              failures;
  gboolean           full;        /* the last ask wanted every phone's result */
} Wait;

static void
wait_free (Wait *wait)
{
  g_clear_handle_id (&wait->timeout_id, g_source_remove);
  g_clear_object (&wait->client);
  g_clear_pointer (&wait->job, pa_job_unref);
  g_free (wait);
}

static void schedule (GTask *task);

static void
got_job_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Wait *wait = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaJob) job = pa_client_get_job_finish (PA_CLIENT (source), result, &error);

  if (job == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
          || ++wait->failures >= PA_JOB_WAIT_MAX_FAILURES)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      g_debug ("Asking for job %" G_GINT64_FORMAT " again: %s", wait->job->id, error->message);
      schedule (g_steal_pointer (&task));
      return;
    }

  wait->failures = 0;
  g_clear_pointer (&wait->job, pa_job_unref);
  wait->job = pa_job_ref (job);
  if (pa_job_is_finished (job))
    {
      GCancellable *cancellable = g_task_get_cancellable (task);

      if (wait->full)
        {
          g_task_return_pointer (task, g_steal_pointer (&job), (GDestroyNotify) pa_job_unref);
          return;
        }
      /* Ended: once more, with each phone's result for the report. */
      wait->full = TRUE;
      pa_client_get_job_async (wait->client, job->id, FALSE, cancellable, got_job_cb,
                               g_steal_pointer (&task));
      return;
    }
  if (wait->progress != NULL)
    wait->progress (job, wait->progress_data);
  schedule (g_steal_pointer (&task));
}

static gboolean
tick_cb (gpointer user_data)
{
  GTask *task = user_data;
  Wait *wait = g_task_get_task_data (task);

  wait->timeout_id = 0;
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  /* The task goes along with the request. */
  pa_client_get_job_async (wait->client, wait->job->id, TRUE, g_task_get_cancellable (task),
                           got_job_cb, task);
  return G_SOURCE_REMOVE;
}

/* Takes @task. */
static void
schedule (GTask *task)
{
  Wait *wait = g_task_get_task_data (task);

  wait->timeout_id = g_timeout_add (PA_JOB_WAIT_INTERVAL_MS, tick_cb, task);
}

void
pa_job_wait_async (PaClient            *client,
                   PaJob               *job,
                   GCancellable        *cancellable,
                   PaJobProgressFunc    progress,
                   gpointer             progress_data,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task;
  Wait *wait;

  g_return_if_fail (PA_IS_CLIENT (client));
  g_return_if_fail (job != NULL && job->id > 0);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_job_wait_async);
  wait = g_new0 (Wait, 1);
  wait->client = g_object_ref (client);
  wait->job = pa_job_ref (job);
  wait->progress = progress;
  wait->progress_data = progress_data;
  g_task_set_task_data (task, wait, (GDestroyNotify) wait_free);

  if (pa_job_is_finished (job))
    {
      g_task_return_pointer (task, pa_job_ref (job), (GDestroyNotify) pa_job_unref);
      g_object_unref (task);
      return;
    }
  schedule (task);
}

PaJob *
pa_job_wait_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pa_job_wait_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
