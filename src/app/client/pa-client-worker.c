/* pa-client-worker.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the client parses what the server sent: a pool of as many threads
 * as there are processors.
 *
 * g_task_run_in_thread() would do the work, but its pool grows to ten busy
 * threads: a listing of 100,000 phones and their SIP accounts had ten
 * parses of 500 items competing with the main thread for two cores, and
 * the window stalled 50–140 ms at a time while the pages came in
 * (bench/app-fleet.sh). Here the parses wait their turn. They keep the
 * main thread's priority: at nice 10 a window busy drawing (GTK's GL
 * renderer in software redraws all of it for each frame of a spinner)
 * starved them, and the list never came.
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include "pa-client-worker.h"

typedef struct
{
  GTask           *task;
  GTaskThreadFunc  func;
} Work;

static void
work_run (gpointer data,
          gpointer user_data)
{
  Work *work = data;
  GTask *task = work->task;

  work->func (task, g_task_get_source_object (task), g_task_get_task_data (task),
              g_task_get_cancellable (task));
  g_object_unref (task);
  g_free (work);
}

/* GLib before 2.76 allocates JSON nodes, list links and objects from
 * GSlice's magazines, which threads allocating at once wait on: two
 * threads parsed fewer pages a second than one (70 against 91 pages of
 * 500 a second, 2 cores). From 2.76 GSlice is malloc, and parses scale
 * with the processors. */
static int
worker_count (void)
{
  if (glib_check_version (2, 76, 0) != NULL)
    return 1;
  return (int) MAX (1u, g_get_num_processors ());
}

static GThreadPool *
worker_pool (void)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      GThreadPool *created = g_thread_pool_new (work_run, NULL, worker_count (), FALSE, NULL);

      g_once_init_leave (&pool, created);
    }
  return pool;
}

/* As g_task_run_in_thread(): @func runs in a worker and returns through
 * @task, whose callback runs in the task's main context. */
void
pa_client_worker_run (GTask           *task,
                      GTaskThreadFunc  func)
{
  Work *work = g_new0 (Work, 1);

  g_return_if_fail (G_IS_TASK (task));
  work->task = g_object_ref (task);
  work->func = func;
  g_thread_pool_push (worker_pool (), work, NULL);
}
