/* pa-fetch-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fetches are kept per phone on the main loop (the latest wins) and handed,
 * a batch every PA_FETCH_LOG_DELAY_MS, to a thread that writes them with a
 * store of its own (pa_store_open_sibling()). Under a fleet of polling
 * phones those writes were a fifth of provd's time, every one of them on
 * the main loop; now none is.
 *
 * A phone that fetches again within PA_FETCH_LOG_QUIET_SEC of its last
 * record, from the same address with the same User-Agent, only moved its
 * last_seen: that waits until the minute is up (a phone polling every few
 * seconds, or stuck rebooting, costs one write a minute, not one a fetch).
 */
#define G_LOG_DOMAIN "pa-fetch-log"

#include "config.h"

#include "pa-fetch-log.h"

typedef struct
{
  char      *status;
  char      *ip;
  char      *user_agent;
  char      *firmware;
  GDateTime *last_seen;
  GDateTime *provisioned_at;
  GPtrArray *requests;    /* PaFetchRecord: what it asked since the last
                           * hand-over, alike requests counted as one */
} Pending;

/* What was last handed over for a phone. */
typedef struct
{
  gint64 at;              /* g_get_monotonic_time() */
  guint  signature;       /* of address, User-Agent, firmware */
} Written;

struct _PaFetchLog
{
  PaStore     *store;     /* the main loop's, to read a history back */
  PaStore     *writer;    /* the thread's own store */
  GHashTable  *pending;   /* phone id (gint64 *) → Pending; main thread only */
  GHashTable  *quiet;     /* the same, for fetches that only moved last_seen */
  GHashTable  *written;   /* phone id (gint64 *) → Written */
  guint        flush_id;
  guint        sweep_id;

  GThread     *thread;
  GAsyncQueue *batches;   /* GHashTable like @pending; @stop ends the thread */
  GMutex       mutex;
  GCond        written_cond;
  guint64      n_handed;  /* batches handed over, and written, under @mutex */
  guint64      n_written;

  /* pa_fetch_log_when_flushed(): who waits for a batch to be written,
   * woken by the thread through @wake */
  GQueue       waiters;   /* Waiter; main thread only */
  GSource     *wake;
};

typedef struct
{
  guint64        target;    /* n_written that satisfies it */
  gint64         deadline;  /* monotonic */
  GSourceFunc    func;
  gpointer       data;
  GDestroyNotify destroy;
} Waiter;

/* The batch that tells the thread to finish. */
static GHashTable *const stop = (GHashTable *) &stop;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_free (p->status);
  g_free (p->ip);
  g_free (p->user_agent);
  g_free (p->firmware);
  g_clear_pointer (&p->last_seen, g_date_time_unref);
  g_clear_pointer (&p->provisioned_at, g_date_time_unref);
  g_clear_pointer (&p->requests, g_ptr_array_unref);
  g_free (p);
}

static GHashTable *
new_pending (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, pending_free);
}

/* Counts a kind of request into @records (most recent first), moving it to
 * the front, keeping the newest PA_FETCH_LOG_HISTORY kinds. Takes @record. */
static void
count_into (GPtrArray     *records,
            PaFetchRecord *record)
{
  for (guint i = 0; i < records->len; i++)
    {
      PaFetchRecord *one = g_ptr_array_index (records, i);

      if (one->status == record->status && g_strcmp0 (one->file, record->file) == 0 &&
          g_strcmp0 (one->ip, record->ip) == 0 &&
          g_strcmp0 (one->user_agent, record->user_agent) == 0)
        {
          one->count += record->count;
          one->first_at = MIN (one->first_at, record->first_at);
          one->last_at = MAX (one->last_at, record->last_at);
          pa_fetch_record_free (record);
          record = g_ptr_array_steal_index (records, i);
          break;
        }
    }
  g_ptr_array_insert (records, 0, record);
  if (records->len > PA_FETCH_LOG_HISTORY)
    g_ptr_array_set_size (records, PA_FETCH_LOG_HISTORY);
}

/* The phone's kept records with what it asked since: read, counted, written
 * back, by the thread, so no poll waits on it. */
static gboolean
write_requests (PaStore    *store,
                gint64      phone_id,
                GPtrArray  *requests,
                GError    **error)
{
  g_autoptr(GPtrArray) records = pa_store_list_phone_fetches (store, phone_id, error);

  if (records == NULL)
    return FALSE;
  /* Oldest first, so the most recent ends up in front. */
  for (guint i = requests->len; i > 0; i--)
    count_into (records, pa_fetch_record_copy (g_ptr_array_index (requests, i - 1)));
  return pa_store_set_phone_fetches (store, phone_id, records, error);
}

/* One transaction per batch, on the thread's own store. */
static void
write_batch (PaStore    *store,
             GHashTable *batch)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (!pa_store_begin (store, &error))
    {
      g_warning ("Cannot record %u phones' fetches: %s", g_hash_table_size (batch), error->message);
      return;
    }

  g_hash_table_iter_init (&iter, batch);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Pending *p = value;
      PaPhoneStatusUpdate update = {
        p->status, p->ip, p->user_agent, p->firmware, p->last_seen, p->provisioned_at,
      };
      g_autoptr(GError) local_error = NULL;

      /* A phone deleted since has nothing left to record. */
      if ((!pa_store_update_phone_status (store, *(gint64 *) key, &update, &local_error) ||
           (p->requests != NULL &&
            !write_requests (store, *(gint64 *) key, p->requests, &local_error))) &&
          !g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
        g_warning ("Cannot record the fetch of phone %" G_GINT64_FORMAT ": %s",
                   *(gint64 *) key, local_error->message);
    }

  if (!pa_store_commit (store, &error))
    g_warning ("Cannot record phones' fetches: %s", error->message);
}

static gpointer
writer_thread (gpointer data)
{
  PaFetchLog *self = data;
  GHashTable *batch;

  while ((batch = g_async_queue_pop (self->batches)) != stop)
    {
      /* A unit of work (a bulk job) holds the write lock: after it. */
      pa_store_wait_writable (self->writer);
      write_batch (self->writer, batch);
      g_hash_table_unref (batch);

      g_mutex_lock (&self->mutex);
      self->n_written++;
      g_cond_broadcast (&self->written_cond);
      g_mutex_unlock (&self->mutex);
      g_source_set_ready_time (self->wake, 0);
    }
  return NULL;
}

/* Lets go the waiters whose batch is written, whose time is up, or all
 * of them while a unit of work holds the store (the thread waits for it,
 * they would too). */
static gboolean
wake_dispatch (GSource     *source,
               GSourceFunc  callback,
               gpointer     user_data)
{
  PaFetchLog *self = user_data;
  gint64 now = g_get_monotonic_time ();
  gboolean writable = pa_store_is_writable (self->store);
  gint64 next = -1;
  guint64 written;
  GList *l;

  g_mutex_lock (&self->mutex);
  written = self->n_written;
  g_mutex_unlock (&self->mutex);

  l = self->waiters.head;
  while (l != NULL)
    {
      Waiter *waiter = l->data;
      GList *after = l->next;

      if (waiter->target <= written || waiter->deadline <= now || !writable)
        {
          g_queue_delete_link (&self->waiters, l);
          waiter->func (waiter->data);
          if (waiter->destroy != NULL)
            waiter->destroy (waiter->data);
          g_free (waiter);
        }
      else if (next < 0 || waiter->deadline < next)
        next = waiter->deadline;
      l = after;
    }
  g_source_set_ready_time (source, next);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs wake_funcs = { NULL, NULL, wake_dispatch, NULL, NULL, NULL };

static void schedule_hand_over (PaFetchLog *self);

/* Moves the quiet records whose phone was last written before @now minus
 * the quiet time into the next batch. */
static void
move_due (PaFetchLog *self,
          gint64      now)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->quiet);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Written *last = g_hash_table_lookup (self->written, key);

      if (last != NULL && now != G_MAXINT64 &&
          now - last->at < PA_FETCH_LOG_QUIET_SEC * G_USEC_PER_SEC)
        continue;
      if (last != NULL)
        last->at = now != G_MAXINT64 ? now : last->at;
      g_hash_table_iter_steal (&iter);
      g_hash_table_replace (self->pending, key, value);
    }
  if (g_hash_table_size (self->pending) > 0)
    schedule_hand_over (self);
}

static gboolean
sweep_cb (gpointer user_data)
{
  PaFetchLog *self = user_data;

  move_due (self, g_get_monotonic_time ());
  if (g_hash_table_size (self->quiet) > 0)
    return G_SOURCE_CONTINUE;
  self->sweep_id = 0;
  return G_SOURCE_REMOVE;
}

PaFetchLog *
pa_fetch_log_new (PaStore  *store,
                  GError  **error)
{
  g_autoptr(PaStore) writer = pa_store_open_sibling (store, error);
  PaFetchLog *self;

  if (writer == NULL)
    return NULL;

  self = g_new0 (PaFetchLog, 1);
  self->store = g_object_ref (store);
  self->writer = g_steal_pointer (&writer);

  self->pending = new_pending ();
  self->quiet = new_pending ();
  self->written = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->batches = g_async_queue_new ();
  g_mutex_init (&self->mutex);
  g_cond_init (&self->written_cond);
  g_queue_init (&self->waiters);
  self->wake = g_source_new (&wake_funcs, sizeof (GSource));
  g_source_set_name (self->wake, "[provd] fetch log written");
  g_source_set_callback (self->wake, NULL, self, NULL);
  g_source_attach (self->wake, g_main_context_get_thread_default ());
  self->thread = g_thread_new ("pa-fetch-log", writer_thread, self);
  return self;
}

void
pa_fetch_log_free (PaFetchLog *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->sweep_id, g_source_remove);
  /* Nothing waits any longer: the quiet ones are written too. */
  move_due (self, G_MAXINT64);
  pa_fetch_log_flush (self);
  g_async_queue_push (self->batches, stop);
  g_thread_join (self->thread);
  /* Answered now with what is written: nothing more comes. */
  g_source_set_ready_time (self->wake, 0);
  wake_dispatch (self->wake, NULL, self);
  g_source_destroy (self->wake);
  g_source_unref (self->wake);
  g_async_queue_unref (self->batches);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->written_cond);
  g_hash_table_unref (self->pending);
  g_hash_table_unref (self->quiet);
  g_hash_table_unref (self->written);
  g_clear_object (&self->writer);
  g_clear_object (&self->store);
  g_free (self);
}

/* Gives what is pending to the thread. */
static void
hand_over (PaFetchLog *self)
{
  if (g_hash_table_size (self->pending) == 0)
    return;
  g_mutex_lock (&self->mutex);
  self->n_handed++;
  g_mutex_unlock (&self->mutex);
  g_async_queue_push (self->batches, g_steal_pointer (&self->pending));
  self->pending = new_pending ();
}

static gboolean
hand_over_cb (gpointer user_data)
{
  PaFetchLog *self = user_data;

  self->flush_id = 0;
  hand_over (self);
  return G_SOURCE_REMOVE;
}

static GDateTime *
ref_nullable (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : NULL;
}

static guint
signature_of (const PaPhoneStatusUpdate *update)
{
  guint hash = 17;

  hash = hash * 31 + (update->ip != NULL ? g_str_hash (update->ip) : 0);
  hash = hash * 31 + (update->user_agent != NULL ? g_str_hash (update->user_agent) : 0);
  hash = hash * 31 + (update->firmware != NULL ? g_str_hash (update->firmware) : 0);
  return hash;
}

static void
schedule_hand_over (PaFetchLog *self)
{
  if (self->flush_id == 0)
    self->flush_id = g_timeout_add (PA_FETCH_LOG_DELAY_MS, hand_over_cb, self);
}

/* What the phone asked since the last hand-over, with this request counted
 * in: the earlier record's requests (pending or waiting quietly) carried
 * over, so none is lost when a record replaces another. */
static GPtrArray *
requests_with (PaFetchLog                *self,
               gint64                     phone_id,
               const PaPhoneStatusUpdate *update,
               const char                *file,
               guint                      http_status)
{
  Pending *earlier = g_hash_table_lookup (self->pending, &phone_id);
  Pending *quiet = g_hash_table_lookup (self->quiet, &phone_id);
  GPtrArray *requests = NULL;
  PaFetchRecord *record = g_new0 (PaFetchRecord, 1);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (quiet != NULL && quiet->requests != NULL)
    requests = g_steal_pointer (&quiet->requests);
  if (earlier != NULL && earlier->requests != NULL)
    {
      if (requests == NULL)
        requests = g_steal_pointer (&earlier->requests);
      else
        {
          /* Both: the quiet one is older. */
          for (guint i = earlier->requests->len; i > 0; i--)
            count_into (requests, g_ptr_array_steal_index (earlier->requests, i - 1));
        }
    }
  if (requests == NULL)
    requests = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_fetch_record_free);

  record->file = g_strdup (file);
  record->ip = g_strdup (update->ip);
  record->user_agent = g_strdup (update->user_agent);
  record->status = http_status;
  record->first_at = record->last_at = now;
  record->count = 1;
  count_into (requests, record);
  return requests;
}

GPtrArray *
pa_fetch_log_dup_history (PaFetchLog  *self,
                          gint64       phone_id,
                          GError     **error)
{
  Pending *quiet = g_hash_table_lookup (self->quiet, &phone_id);

  /* What this phone asked lately, even if it only polled: written now. */
  if (quiet != NULL && !g_hash_table_contains (self->pending, &phone_id))
    {
      gpointer key, value;

      g_hash_table_steal_extended (self->quiet, &phone_id, &key, &value);
      g_hash_table_insert (self->pending, key, value);
    }
  pa_fetch_log_flush (self);
  return pa_store_list_phone_fetches (self->store, phone_id, error);
}

void
pa_fetch_log_add (PaFetchLog                *self,
                  gint64                     phone_id,
                  const PaPhoneStatusUpdate *update,
                  const char                *file,
                  guint                      http_status)
{
  gint64 now = g_get_monotonic_time ();
  guint signature = signature_of (update);
  Written *last = g_hash_table_lookup (self->written, &phone_id);
  gboolean only_seen = last != NULL && last->signature == signature && update->status == NULL &&
                       now - last->at < PA_FETCH_LOG_QUIET_SEC * G_USEC_PER_SEC &&
                       !g_hash_table_contains (self->pending, &phone_id);
  GHashTable *into = only_seen ? self->quiet : self->pending;
  Pending *p = g_new0 (Pending, 1);
  Pending *earlier = g_hash_table_lookup (into, &phone_id);
  gint64 *key = g_new (gint64, 1);

  *key = phone_id;
  p->status = g_strdup (update->status != NULL ? update->status
                                               : earlier != NULL ? earlier->status : NULL);
  p->ip = g_strdup (update->ip);
  p->user_agent = g_strdup (update->user_agent);
  p->firmware = g_strdup (update->firmware);
  p->last_seen = ref_nullable (update->last_seen);
  p->provisioned_at = ref_nullable (update->provisioned_at);
  if (file != NULL)
    p->requests = requests_with (self, phone_id, update, file, http_status);
  g_hash_table_replace (into, key, p);

  if (only_seen)
    {
      if (self->sweep_id == 0)
        self->sweep_id = g_timeout_add_seconds (PA_FETCH_LOG_SWEEP_SEC, sweep_cb, self);
      return;
    }

  /* Something new about it: written now, whatever waited quietly is older. */
  g_hash_table_remove (self->quiet, &phone_id);
  if (last == NULL)
    {
      gint64 *written_key = g_new (gint64, 1);

      *written_key = phone_id;
      last = g_new0 (Written, 1);
      g_hash_table_insert (self->written, written_key, last);
    }
  last->at = now;
  last->signature = signature;
  schedule_hand_over (self);
}

void
pa_fetch_log_flush (PaFetchLog *self)
{
  guint64 target;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  hand_over (self);

  /* The writer waits for a unit of work; the main loop does not. Reads
   * meanwhile see the fetches written before it. */
  if (!pa_store_is_writable (self->store))
    return;
  /* Reads after this see every fetch so far. */
  g_mutex_lock (&self->mutex);
  target = self->n_handed;
  while (self->n_written < target)
    g_cond_wait (&self->written_cond, &self->mutex);
  g_mutex_unlock (&self->mutex);
}

void
pa_fetch_log_when_flushed (PaFetchLog     *self,
                           GSourceFunc     func,
                           gpointer        data,
                           GDestroyNotify  destroy)
{
  Waiter *waiter;
  guint64 target;
  gboolean written;

  g_clear_handle_id (&self->flush_id, g_source_remove);
  hand_over (self);
  g_mutex_lock (&self->mutex);
  target = self->n_handed;
  written = self->n_written >= target;
  g_mutex_unlock (&self->mutex);

  if (written || !pa_store_is_writable (self->store))
    {
      func (data);
      if (destroy != NULL)
        destroy (data);
      return;
    }
  waiter = g_new0 (Waiter, 1);
  waiter->target = target;
  waiter->deadline = g_get_monotonic_time () + PA_FETCH_LOG_WAIT_MS * 1000;
  waiter->func = func;
  waiter->data = data;
  waiter->destroy = destroy;
  g_queue_push_tail (&self->waiters, waiter);
  if (g_source_get_ready_time (self->wake) < 0 ||
      g_source_get_ready_time (self->wake) > waiter->deadline)
    g_source_set_ready_time (self->wake, waiter->deadline);
}
