/* pa-sqlite-checkpointer.c — WAL checkpoints on a thread of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In WAL mode every commit appends to the -wal file, and a checkpoint copies
 * it back into the database and syncs it to disk. SQLite does that inside
 * whichever commit crosses 1,000 pages: under polling phones (each fetch is
 * a small write) that was a sync on the main loop every second or so, the
 * slowest 1 % of fetches waiting behind it and a fifth of provd's rate
 * lost. Here the main connection never checkpoints; a connection of this
 * thread does, once a second, in PASSIVE mode, which waits for nobody and
 * nobody waits for.
 */
#define G_LOG_DOMAIN "pa-sqlite-store"

#include "config.h"

#include "pa-sqlite-checkpointer.h"

#define INTERVAL_USEC  G_USEC_PER_SEC
/* After a checkpoint resets the log, SQLite trims the file to this. */
#define WAL_SIZE_LIMIT "67108864"

struct _PaSqliteCheckpointer
{
  GThread *thread;
  sqlite3 *db;
  GMutex   mutex;
  GCond    cond;
  gboolean stopping;
  guint    done;        /* checkpoints run, under @mutex */
};

static gpointer
run (gpointer data)
{
  PaSqliteCheckpointer *self = data;

  g_mutex_lock (&self->mutex);
  while (!self->stopping)
    {
      gint64 until = g_get_monotonic_time () + INTERVAL_USEC;
      int log = 0, copied = 0, rc;

      while (!self->stopping && g_cond_wait_until (&self->cond, &self->mutex, until))
        ;
      if (self->stopping)
        break;

      g_mutex_unlock (&self->mutex);
      rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_warning ("Cannot checkpoint the database: %s", sqlite3_errmsg (self->db));
      g_mutex_lock (&self->mutex);
      self->done++;
    }
  g_mutex_unlock (&self->mutex);
  return NULL;
}

PaSqliteCheckpointer *
pa_sqlite_checkpointer_start (sqlite3     *main_db,
                              const char  *path,
                              GError     **error)
{
  PaSqliteCheckpointer *self;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot open “%s” for checkpoints: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  /* Ours to do from now on; the size limit applies to whichever connection
   * resets the log. */
  if (sqlite3_exec (main_db, "PRAGMA wal_autocheckpoint = 0;"
                             "PRAGMA journal_size_limit = " WAL_SIZE_LIMIT ";",
                    NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_exec (db, "PRAGMA journal_size_limit = " WAL_SIZE_LIMIT ";",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot hand checkpoints of “%s” to a thread: %s", path, sqlite3_errmsg (main_db));
      sqlite3_close (db);
      return NULL;
    }

  self = g_new0 (PaSqliteCheckpointer, 1);
  self->db = db;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  self->thread = g_thread_new ("pa-checkpoint", run, self);
  return self;
}

guint
pa_sqlite_checkpointer_get_done (PaSqliteCheckpointer *self)
{
  guint done;

  g_mutex_lock (&self->mutex);
  done = self->done;
  g_mutex_unlock (&self->mutex);
  return done;
}

void
pa_sqlite_checkpointer_stop (PaSqliteCheckpointer *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->stopping = TRUE;
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);

  sqlite3_close (self->db);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_free (self);
}
