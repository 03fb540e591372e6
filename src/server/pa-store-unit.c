/* pa-store-unit.c — units of work: one transaction's worth of writes run
 * on a worker thread with a store of its own, while the main loop goes on
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A unit holds the store's write lock for as long as its transaction is
 * open (SQLite's, or a PostgreSQL advisory lock later): a writer on the
 * main loop that tried to write meanwhile would wait, and with it every
 * phone's fetch. So while a unit runs, the store is not *writable*: the
 * main loop's writers ask pa_store_when_writable() and are called once the
 * unit is over (an API write's message is paused until then); a thread of
 * its own waits in pa_store_wait_writable(). Readers go on as ever.
 *
 * Nothing here knows SQLite: a unit is a sibling store
 * (pa_store_open_sibling()) used from one thread.
 */
#define G_LOG_DOMAIN "pa-store"

#include "config.h"

#include <errno.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pa-store-private.h"

typedef struct
{
  PaStoreWritableFunc func;
  gpointer            data;
  GDestroyNotify      destroy;
} Waiting;

/* Shared by a store and its siblings. */
struct _PaStoreUnits
{
  GMutex  lock;
  GCond   writable;
  guint   running;      /* units under way, under @lock */
  GQueue  waiting;      /* Waiting, in the order they asked; main loop only */
};

static void
units_clear (gpointer data)
{
  PaStoreUnits *units = data;
  Waiting *waiting;

  while ((waiting = g_queue_pop_head (&units->waiting)) != NULL)
    {
      if (waiting->destroy != NULL)
        waiting->destroy (waiting->data);
      g_free (waiting);
    }
  g_mutex_clear (&units->lock);
  g_cond_clear (&units->writable);
}

static GQuark
units_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("pa-store-units");
  return quark;
}

static PaStoreUnits *
get_units (PaStore *self)
{
  PaStoreUnits *units = g_object_get_qdata (G_OBJECT (self), units_quark ());

  if (units == NULL)
    {
      units = g_atomic_rc_box_new0 (PaStoreUnits);
      g_mutex_init (&units->lock);
      g_cond_init (&units->writable);
      g_queue_init (&units->waiting);
      g_object_set_qdata_full (G_OBJECT (self), units_quark (), units,
                               (GDestroyNotify) pa_store_units_release);
    }
  return units;
}

void
pa_store_units_release (PaStoreUnits *units)
{
  g_atomic_rc_box_release_full (units, units_clear);
}

void
pa_store_units_share (PaStore *self,
                      PaStore *sibling)
{
  g_object_set_qdata_full (G_OBJECT (sibling), units_quark (),
                           g_atomic_rc_box_acquire (get_units (self)),
                           (GDestroyNotify) pa_store_units_release);
}

gboolean
pa_store_is_writable (PaStore *self)
{
  PaStoreUnits *units;
  gboolean writable;

  g_return_val_if_fail (PA_IS_STORE (self), FALSE);

  units = get_units (self);
  g_mutex_lock (&units->lock);
  writable = units->running == 0;
  g_mutex_unlock (&units->lock);
  return writable;
}

void
pa_store_when_writable (PaStore             *self,
                        PaStoreWritableFunc  func,
                        gpointer             data,
                        GDestroyNotify       destroy)
{
  Waiting *waiting;

  g_return_if_fail (PA_IS_STORE (self));
  g_return_if_fail (func != NULL);

  /* Not ahead of those that waited: they go first, in their order. */
  if (pa_store_is_writable (self) && g_queue_is_empty (&get_units (self)->waiting))
    {
      func (self, data);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  waiting = g_new0 (Waiting, 1);
  waiting->func = func;
  waiting->data = data;
  waiting->destroy = destroy;
  g_queue_push_tail (&get_units (self)->waiting, waiting);
}

void
pa_store_wait_writable (PaStore *self)
{
  PaStoreUnits *units;

  g_return_if_fail (PA_IS_STORE (self));

  units = get_units (self);
  g_mutex_lock (&units->lock);
  while (units->running > 0)
    g_cond_wait (&units->writable, &units->lock);
  g_mutex_unlock (&units->lock);
}

/* -- running one ---------------------------------------------------------- */

typedef struct
{
  PaStore             *unit;
  PaStoreUnitFunc      func;
  gpointer             data;
  GDestroyNotify       destroy;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} Run;

static void
run_free (Run *run)
{
  g_clear_object (&run->unit);
  if (run->destroy != NULL)
    run->destroy (run->data);
  g_free (run);
}

/* A thread of its own, not GLib's pool: it gives way to the main loop
 * (nice 19; a pool thread could not be given its priority back). On a
 * machine that is busy serving phones, a job takes longer, and phones'
 * fetches do not wait for it. Not SCHED_IDLE: the unit takes GLib's
 * process-wide locks (signals, GSlice) thousands of times, and a thread
 * that only runs when a core is idle can be preempted holding one while
 * the main loop waits for it. At nice 19 it still gets a slice now and
 * then. (The 340 ms spikes once blamed on SCHED_IDLE were mostly the WAL
 * trimmed on the main loop, see pa-sqlite-checkpointer.c.) */
static gpointer
run_thread (gpointer data)
{
  g_autoptr(GTask) task = data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 19) != 0)
    g_debug ("A unit of work runs at the main loop's priority: %s", g_strerror (errno));
  gboolean ok;
  PaStoreUnits *units;

  ok = run->func (run->unit, run->data, g_task_get_cancellable (task), &error);
  /* The transaction is over: threads that wait may write (a stop that
   * waits for the fetch log's thread does not hang on the main loop). */
  g_clear_object (&run->unit);
  units = get_units (g_task_get_source_object (task));
  g_mutex_lock (&units->lock);
  units->running--;
  g_cond_broadcast (&units->writable);
  g_mutex_unlock (&units->lock);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  return NULL;
}

/* Back on the main loop: the lock is free. The writers that waited go
 * first, in their order, then whoever ran the unit hears how it went. */
static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PaStore *self = PA_STORE (source);
  PaStoreUnits *units = get_units (self);
  Run *run = g_task_get_task_data (G_TASK (result));
  Waiting *waiting;

  /* One that starts a unit of its own leaves the rest waiting for it. */
  while (pa_store_is_writable (self) && (waiting = g_queue_pop_head (&units->waiting)) != NULL)
    {
      waiting->func (self, waiting->data);
      if (waiting->destroy != NULL)
        waiting->destroy (waiting->data);
      g_free (waiting);
    }

  if (run->callback != NULL)
    run->callback (source, result, run->user_data);
}

void
pa_store_run_unit_async (PaStore             *self,
                         PaStoreUnitFunc      func,
                         gpointer             data,
                         GDestroyNotify       destroy,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  PaStoreUnits *units;
  Run *run;

  g_return_if_fail (PA_IS_STORE (self));
  g_return_if_fail (func != NULL);

  run = g_new0 (Run, 1);
  run->func = func;
  run->data = data;
  run->destroy = destroy;
  run->callback = callback;
  run->user_data = user_data;

  task = g_task_new (self, cancellable, run_done_cb, NULL);
  g_task_set_source_tag (task, pa_store_run_unit_async);
  g_task_set_name (task, "[provd] unit of work");
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  units = get_units (self);
  g_mutex_lock (&units->lock);
  units->running++;
  g_mutex_unlock (&units->lock);

  /* Opened here, used only by the worker from now on. */
  run->unit = pa_store_open_sibling (self, &error);
  if (run->unit == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_thread_unref (g_thread_new ("pa-unit", run_thread, g_steal_pointer (&task)));
}

gboolean
pa_store_run_unit_finish (PaStore       *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pa_store_run_unit_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
