/* pa-repository-changes.c — keeping the stores current from the server's
 * change log instead of listing again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The repository lists once. A full refresh reads where the log stands
 * (the server info's changes_last) *before* it lists, so whatever the
 * listing holds is at least that new; the change stream is then opened
 * from there and each entry applied in place: a created one appended, an
 * updated one copied into the object already in the store (views keep
 * their rows), a deleted one removed. An entry applied twice gives the same
 * result, and every entry is applied by its seq at most once, whether it
 * came over the stream or from GET /api/v1/changes after one of the app's
 * own writes: the stream skips what a write's catch-up applied.
 *
 * A dropped stream is opened again with backoff from the last seq
 * applied; only a server that no longer has that place ("gone") makes the
 * repository list again.
 */
#define G_LOG_DOMAIN "pa-repository"

#include "config.h"

#include "pa-bench-trace.h"
#include "pa-client-changes.h"
#include "pa-repository-private.h"

#define BACKOFF_FIRST_MS   250
#define BACKOFF_MAX_MS     30000
/* The server sends at least every 25 s; silence past this is a dead
 * connection. */
#define SILENCE_LIMIT_SEC  75
#define WATCHDOG_SEC       15

static void resume             (PaRepository *self);
static void forget_stream      (PaRepository *self);
static void schedule_reconnect (PaRepository *self);

/* -- applying ------------------------------------------------------------ */

/* Applies @batch's entries the repository does not have yet, in order. */
static void
apply_batch (PaRepository  *self,
             PaChangeBatch *batch)
{
  GPtrArray *upserts[N_KINDS] = { NULL };
  gboolean discovered = FALSE;
  guint n_applied = 0;

  for (guint i = 0; i < batch->changes->len; i++)
    {
      PaChange *change = g_ptr_array_index (batch->changes, i);
      int kind;

      if (change->seq <= self->applied_seq)
        continue;
      self->applied_seq = change->seq;
      discovered |= change->discovered;
      n_applied++;
      kind = pa_repository_kind_for_type (change->type);
      if (kind < 0)
        continue;

      /* A listing asked for before this is older than it. */
      self->kinds[kind].generation++;
      if (upserts[kind] == NULL)
        upserts[kind] = g_ptr_array_new_with_free_func (g_object_unref);
      if (change->op == PA_CHANGE_DELETED)
        {
          /* What came before it goes in first: an id may come back. */
          pa_kind_store_merge_some (&self->kinds[kind], upserts[kind]);
          g_ptr_array_set_size (upserts[kind], 0);
          pa_kind_store_remove_one (&self->kinds[kind], change->id);
        }
      /* Without an item it is gone since: a later entry says so. */
      else if (change->item != NULL)
        g_ptr_array_add (upserts[kind], g_object_ref (change->item));
    }
  /* One splice per kind for the new ones. */
  for (guint k = 0; k < N_KINDS; k++)
    if (upserts[k] != NULL)
      {
        pa_kind_store_merge_some (&self->kinds[k], upserts[k]);
        g_ptr_array_unref (upserts[k]);
      }

  self->applied_seq = MAX (self->applied_seq, batch->next_since);
  if (discovered)
    pa_repository_emit_discovered_changed (self);
  PA_BENCH_TRACE ("changes-applied %u %" G_GINT64_FORMAT, n_applied, self->applied_seq);
  PA_BENCH_TRACE_NEXT_FRAME ("frame-after-changes");
}

/* The server no longer has our place: list everything again, then go on
 * from where the listing was. */
static void
relisted_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PaRepository) self = user_data;
  g_autoptr(GError) error = NULL;

  self->relisting = FALSE;
  if (!pa_repository_refresh_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Again, with backoff: the server may be down for a while. */
      g_debug ("Cannot list again after losing the change log's place: %s", error->message);
      schedule_reconnect (self);
      return;
    }
  /* The refresh has set the place: on from there. */
  resume (self);
}

static void
relist (PaRepository *self)
{
  if (self->relisting)
    return;
  g_debug ("The server no longer has change %" G_GINT64_FORMAT ": listing again",
           self->applied_seq);
  self->applied_seq = -1;
  self->relisting = TRUE;
  forget_stream (self);
  pa_repository_refresh_async (self, self->cancellable, relisted_cb, g_object_ref (self));
}

/* -- the stream ------------------------------------------------------------ */

static void process_pending (PaRepository *self);

static void
send_ack (PaRepository *self,
          gint64        seq)
{
  g_autofree char *ack = g_strdup_printf ("{\"type\":\"ack\",\"seq\":%" G_GINT64_FORMAT "}", seq);

  if (self->stream != NULL &&
      soup_websocket_connection_get_state (self->stream) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_send_text (self->stream, ack);
}

typedef struct
{
  PaRepository *self;
  guint         serial;   /* of the stream the message came on */
} ParseCall;

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ParseCall *call = user_data;
  g_autoptr(PaRepository) self = call->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaChangeBatch) batch = pa_change_batch_parse_finish (result, &error);
  gboolean same_stream = call->serial == self->stream_serial;

  g_free (call);
  self->parsing = FALSE;
  if (batch == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot read a change stream message: %s", error->message);
      if (same_stream && self->stream != NULL)
        soup_websocket_connection_close (self->stream, SOUP_WEBSOCKET_CLOSE_BAD_DATA, NULL);
      return;
    }
  if (batch->gone)
    {
      relist (self);
      return;
    }

  /* Entries are the log's whichever stream brought them. */
  apply_batch (self, batch);
  self->backoff_ms = 0;
  if (same_stream)
    send_ack (self, batch->next_since);
  process_pending (self);
}

/* One message at a time, in order. */
static void
process_pending (PaRepository *self)
{
  g_autoptr(GBytes) message = NULL;
  ParseCall *call;

  if (self->parsing || g_queue_is_empty (&self->pending))
    return;
  message = g_queue_pop_head (&self->pending);
  self->parsing = TRUE;
  call = g_new0 (ParseCall, 1);
  call->self = g_object_ref (self);
  call->serial = self->stream_serial;
  pa_change_batch_parse_async (message, self->cancellable, parsed_cb, call);
}

static void
message_cb (SoupWebsocketConnection *ws,
            gint                     type,
            GBytes                  *message,
            gpointer                 user_data)
{
  PaRepository *self = user_data;

  self->last_heard = g_get_monotonic_time ();
  if (type != SOUP_WEBSOCKET_DATA_TEXT)
    return;
  g_queue_push_tail (&self->pending, g_bytes_ref (message));
  process_pending (self);
}

static gboolean
reconnect_cb (gpointer user_data)
{
  PaRepository *self = user_data;

  self->reconnect_id = 0;
  resume (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (PaRepository *self)
{
  if (!self->follow || self->reconnect_id != 0)
    return;
  self->backoff_ms = self->backoff_ms == 0 ? BACKOFF_FIRST_MS
                                           : MIN (self->backoff_ms * 2, BACKOFF_MAX_MS);
  self->reconnect_id = g_timeout_add (self->backoff_ms, reconnect_cb, self);
  g_source_set_name_by_id (self->reconnect_id, "[phoneadmin] change stream reconnect");
}

static void
forget_stream (PaRepository *self)
{
  if (self->stream == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->stream, self);
  if (soup_websocket_connection_get_state (self->stream) == SOUP_WEBSOCKET_STATE_OPEN)
    soup_websocket_connection_close (self->stream, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
  g_clear_object (&self->stream);
  self->stream_serial++;
  g_queue_clear_full (&self->pending, (GDestroyNotify) g_bytes_unref);
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
  pa_repository_notify_following (self);
}

static void
closed_cb (SoupWebsocketConnection *ws,
           gpointer                 user_data)
{
  PaRepository *self = user_data;

  g_debug ("The change stream closed (%u); going on from %" G_GINT64_FORMAT,
           soup_websocket_connection_get_close_code (ws), self->applied_seq);
  forget_stream (self);
  schedule_reconnect (self);
}

static gboolean
watchdog_cb (gpointer user_data)
{
  PaRepository *self = user_data;

  if (self->stream != NULL &&
      g_get_monotonic_time () - self->last_heard > SILENCE_LIMIT_SEC * G_USEC_PER_SEC)
    {
      g_debug ("The change stream has been silent too long; reconnecting");
      self->watchdog_id = 0;
      forget_stream (self);
      schedule_reconnect (self);
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
opened_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PaRepository) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupWebsocketConnection) ws = NULL;

  ws = pa_client_open_change_stream_finish (PA_CLIENT (source), result, &error);
  self->connecting = FALSE;
  if (ws == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("Cannot open the change stream: %s", error->message);
      schedule_reconnect (self);
      return;
    }
  if (!self->follow || self->applied_seq < 0)
    {
      soup_websocket_connection_close (ws, SOUP_WEBSOCKET_CLOSE_NORMAL, NULL);
      return;
    }

  self->stream = g_steal_pointer (&ws);
  self->last_heard = g_get_monotonic_time ();
  g_signal_connect (self->stream, "message", G_CALLBACK (message_cb), self);
  g_signal_connect (self->stream, "closed", G_CALLBACK (closed_cb), self);
  self->watchdog_id = g_timeout_add_seconds (WATCHDOG_SEC, watchdog_cb, self);
  g_source_set_name_by_id (self->watchdog_id, "[phoneadmin] change stream watchdog");
  pa_repository_notify_following (self);
}

/* Opens the stream from the place applied, or lists again without one. */
static void
resume (PaRepository *self)
{
  if (!self->follow || self->stream != NULL || self->connecting || self->relisting)
    return;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (self->applied_seq < 0)
    {
      relist (self);
      return;
    }
  self->connecting = TRUE;
  pa_client_open_change_stream_async (self->client, self->applied_seq, self->cancellable,
                                      opened_cb, g_object_ref (self));
}

/* -- the repository's side ----------------------------------------------- */

void
pa_repository_set_follow_changes (PaRepository *self,
                                  gboolean      follow)
{
  g_return_if_fail (PA_IS_REPOSITORY (self));

  follow = !!follow;
  if (self->follow == follow)
    return;
  self->follow = follow;
  if (!follow)
    {
      g_clear_handle_id (&self->reconnect_id, g_source_remove);
      forget_stream (self);
      return;
    }
  /* Before the first full refresh there is no place to go on from: that
   * refresh opens it. */
  if (self->applied_seq >= 0)
    resume (self);
}

gboolean
pa_repository_get_following (PaRepository *self)
{
  g_return_val_if_fail (PA_IS_REPOSITORY (self), FALSE);
  return self->stream != NULL;
}

gint64
pa_repository_get_applied_seq (PaRepository *self)
{
  return self->applied_seq;
}

void
pa_repository_set_applied_seq (PaRepository *self,
                               gint64        seq)
{
  self->applied_seq = seq;
}

void
pa_repository_changes_loaded (PaRepository *self,
                              gint64        changes_last)
{
  /* A stream that is open goes on from its own place; the listing only
   * refreshed what it already had. */
  if (self->stream != NULL || self->connecting)
    return;
  self->applied_seq = changes_last;
  if (changes_last >= 0)
    resume (self);
  else if (self->follow)
    {
      /* A server from before the change log: it can only be listed. */
      g_message ("The server has no change log to follow; refresh to see others' changes");
      self->follow = FALSE;
    }
}

gboolean
pa_repository_changes_followed (PaRepository *self)
{
  return self->follow && self->applied_seq >= 0 && !self->relisting;
}

void
pa_repository_drop_change_stream (PaRepository *self)
{
  if (self->stream != NULL)
    soup_websocket_connection_close (self->stream, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, "test");
}

void
pa_repository_changes_dispose (PaRepository *self)
{
  self->follow = FALSE;
  g_clear_handle_id (&self->reconnect_id, g_source_remove);
  if (self->stream != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->stream, self);
      if (soup_websocket_connection_get_state (self->stream) == SOUP_WEBSOCKET_STATE_OPEN)
        soup_websocket_connection_close (self->stream, SOUP_WEBSOCKET_CLOSE_GOING_AWAY, NULL);
      g_clear_object (&self->stream);
    }
  g_queue_clear_full (&self->pending, (GDestroyNotify) g_bytes_unref);
  g_clear_handle_id (&self->watchdog_id, g_source_remove);
}

/* -- catching up after a write ------------------------------------------- */

static void
catch_up_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PaRepository *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaChangeBatch) batch = pa_client_get_changes_finish (PA_CLIENT (source), result, &error);

  if (batch == NULL)
    {
      /* The stream brings it a little later. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Cannot read what a write changed: %s", error->message);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (batch->gone)
    {
      relist (self);
      g_task_return_boolean (task, FALSE);
      return;
    }
  if (self->applied_seq >= 0)
    apply_batch (self, batch);
  if (batch->next_since < batch->last && batch->changes->len > 0 && self->applied_seq >= 0)
    {
      pa_client_get_changes_async (self->client, self->applied_seq, g_task_get_cancellable (task),
                                   catch_up_cb, g_object_ref (task));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
pa_repository_catch_up_async (PaRepository        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, pa_repository_catch_up_async);
  pa_client_get_changes_async (self->client, self->applied_seq, cancellable, catch_up_cb,
                               g_steal_pointer (&task));
}

void
pa_repository_catch_up_finish (PaRepository *self,
                               GAsyncResult *result)
{
  g_task_propagate_boolean (G_TASK (result), NULL);
}
