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
/* 40 MB of 4 KB pages. */
#define TRUNCATE_FRAMES 10000
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
  int last_log = -1;

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
      /* A large log all copied back and nothing written for a second (a
       * bulk import done): start it over, or every read keeps looking its
       * pages up in the log's index, a fifth of a large listing, until the
       * next write would. Only when quiet, as this takes the writer's lock
       * for a moment; busy, it is tried again next time. */
      if (rc == SQLITE_OK && log >= TRUNCATE_FRAMES && copied == log && log == last_log)
        rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      last_log = log;
      if (rc != SQLITE_OK && rc != SQLITE_BUSY)
        g_warning ("Cannot checkpoint the database: %s", sqlite3_errmsg (self->db));
      g_mutex_lock (&self->mutex);
      self->done++;
    }
  g_mutex_unlock (&self->mutex);
  return NULL;
}

gboolean
pa_sqlite_in_wal_mode (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  gboolean wal = FALSE;

  if (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    wal = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  return wal;
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
  /* A connection learns the database is in WAL mode when it first reads
   * it; until then a checkpoint does nothing and says so only by a log of
   * -1 frames, and the log grew without end. */
  if (!pa_sqlite_in_wal_mode (db))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot checkpoint “%s”: it is not in WAL mode for a second connection (%s)",
                   path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  /* Ours to do from now on. The size limit applies to whichever connection
   * resets the log, and it trims the file there and then: on the main
   * connection, its first write after a bulk job had finished truncated a
   * log of hundreds of MB, 80 ms of the main loop and 400 ms more waiting
   * for ext4's journal while every phone's fetch waited (bench/jobs.sh).
   * So the main connection never trims (-1); this thread's TRUNCATE
   * checkpoints, when quiet, give the disk back. */
  if (sqlite3_exec (main_db, "PRAGMA wal_autocheckpoint = 0;"
                             "PRAGMA journal_size_limit = -1;",
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
