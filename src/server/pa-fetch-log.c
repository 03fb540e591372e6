/* pa-fetch-log.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-fetch-log"

#include "config.h"

#include "pa-fetch-log.h"

/* Rows written per main-loop turn: well under a millisecond. */
#define FLUSH_CHUNK 32

typedef struct
{
  char      *status;
  char      *ip;
  char      *user_agent;
  char      *firmware;
  GDateTime *last_seen;
  GDateTime *provisioned_at;
} Pending;

struct _PaFetchLog
{
  PaStore    *store;
  GHashTable *pending;   /* phone id (gint64 *) → Pending */
  guint       flush_id;
};

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
  g_free (p);
}

PaFetchLog *
pa_fetch_log_new (PaStore *store)
{
  PaFetchLog *self = g_new0 (PaFetchLog, 1);

  self->store = g_object_ref (store);
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, pending_free);
  return self;
}

void
pa_fetch_log_free (PaFetchLog *self)
{
  if (self == NULL)
    return;
  pa_fetch_log_flush (self);
  g_hash_table_unref (self->pending);
  g_clear_object (&self->store);
  g_free (self);
}

static gboolean write_some (PaFetchLog *self,
                            guint       most);

/* In chunks between requests, so a burst's records do not stall the polls
 * behind them. */
static gboolean
flush_cb (gpointer user_data)
{
  PaFetchLog *self = user_data;

  if (write_some (self, FLUSH_CHUNK))
    return G_SOURCE_CONTINUE;
  self->flush_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
start_flush_cb (gpointer user_data)
{
  PaFetchLog *self = user_data;

  /* Then one chunk per main-loop turn, at the priority requests have. */
  self->flush_id = g_idle_add_full (G_PRIORITY_DEFAULT, flush_cb, self, NULL);
  return G_SOURCE_REMOVE;
}

static GDateTime *
ref_nullable (GDateTime *time)
{
  return time != NULL ? g_date_time_ref (time) : NULL;
}

void
pa_fetch_log_add (PaFetchLog                *self,
                  gint64                     phone_id,
                  const PaPhoneStatusUpdate *update)
{
  Pending *p = g_new0 (Pending, 1);
  Pending *earlier = g_hash_table_lookup (self->pending, &phone_id);
  gint64 *key = g_new (gint64, 1);

  *key = phone_id;
  p->status = g_strdup (update->status != NULL ? update->status
                                               : earlier != NULL ? earlier->status : NULL);
  p->ip = g_strdup (update->ip);
  p->user_agent = g_strdup (update->user_agent);
  p->firmware = g_strdup (update->firmware);
  p->last_seen = ref_nullable (update->last_seen);
  p->provisioned_at = ref_nullable (update->provisioned_at);
  g_hash_table_replace (self->pending, key, p);

  if (self->flush_id == 0)
    self->flush_id = g_timeout_add (PA_FETCH_LOG_DELAY_MS, start_flush_cb, self);
}

/* Writes up to @most pending records in one transaction; TRUE while more
 * wait. */
static gboolean
write_some (PaFetchLog *self,
            guint       most)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key, value;
  guint written = 0;

  if (g_hash_table_size (self->pending) == 0)
    return FALSE;

  if (!pa_store_begin (self->store, &error))
    {
      g_warning ("Cannot record %u phones' fetches: %s",
                 g_hash_table_size (self->pending), error->message);
      g_hash_table_remove_all (self->pending);
      return FALSE;
    }

  g_hash_table_iter_init (&iter, self->pending);
  while (written < most && g_hash_table_iter_next (&iter, &key, &value))
    {
      Pending *p = value;
      PaPhoneStatusUpdate update = {
        p->status, p->ip, p->user_agent, p->firmware, p->last_seen, p->provisioned_at,
      };
      g_autoptr(GError) local_error = NULL;

      /* A phone deleted since has nothing left to record. */
      if (!pa_store_update_phone_status (self->store, *(gint64 *) key, &update, &local_error) &&
          !g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
        g_warning ("Cannot record the fetch of phone %" G_GINT64_FORMAT ": %s",
                   *(gint64 *) key, local_error->message);
      g_hash_table_iter_remove (&iter);
      written++;
    }

  if (!pa_store_commit (self->store, &error))
    g_warning ("Cannot record phones' fetches: %s", error->message);
  return g_hash_table_size (self->pending) > 0;
}

void
pa_fetch_log_flush (PaFetchLog *self)
{
  g_clear_handle_id (&self->flush_id, g_source_remove);
  write_some (self, G_MAXUINT);
}
