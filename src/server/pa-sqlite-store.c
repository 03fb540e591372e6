/* pa-sqlite-store.c — the SQLite implementation of PaStore: connection,
 * statements and transactions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-sqlite-store"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "pa-sqlite-store-private.h"

#define BUSY_TIMEOUT_MS 5000

static void pa_sqlite_store_iface_init (PaStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PaSqliteStore, pa_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PA_TYPE_STORE,
                                                      pa_sqlite_store_iface_init))

/* -- statements ---------------------------------------------------------- */

void
pa_stmt_release (PaStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
pa_stmt_bind_text (PaStmt     *stmt,
                   const char *name,
                   const char *value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i == 0)
    return;
  if (value == NULL)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, value, -1, SQLITE_TRANSIENT);
}

void
pa_stmt_bind_id (PaStmt     *stmt,
                 const char *name,
                 gint64      id)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i == 0)
    return;
  if (id <= 0)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_int64 (stmt, i, id);
}

void
pa_stmt_bind_int (PaStmt     *stmt,
                  const char *name,
                  gint64      value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i != 0)
    sqlite3_bind_int64 (stmt, i, value);
}

void
pa_sqlite_store_set_error (PaSqliteStore  *self,
                           int             rc,
                           const char     *context,
                           GError        **error)
{
  PaStoreError code = PA_STORE_ERROR_FAILED;

  if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
    code = PA_STORE_ERROR_CONFLICT;
  else if ((rc & 0xff) == SQLITE_CONSTRAINT)
    code = PA_STORE_ERROR_CONSTRAINT;

  /* Some errors (I/O, full disk, busy) make SQLite roll the whole transaction
   * back; the writes that follow must not run outside it. */
  if (self->depth > 0 && sqlite3_get_autocommit (self->db))
    self->aborted = TRUE;

  g_set_error (error, PA_STORE_ERROR, code, "%s: %s", context, sqlite3_errmsg (self->db));
}

PaStmt *
pa_sqlite_store_prepare (PaSqliteStore  *self,
                         const char     *sql,
                         GError        **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      pa_sqlite_store_set_error (self, rc, "Cannot prepare a query", error);
      g_warning ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

int
pa_sqlite_store_step (PaSqliteStore  *self,
                      PaStmt         *stmt,
                      const char     *context,
                      GError        **error)
{
  int rc = sqlite3_step (stmt);

  /* A write outside a transaction committed by itself. */
  if (self->depth == 0 && self->logged_change)
    pa_sqlite_store_settle_changes (self, rc == SQLITE_ROW || rc == SQLITE_DONE);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  pa_sqlite_store_set_error (self, rc, context, error);
  return 0;
}

static gboolean
exec_simple (PaSqliteStore  *self,
             const char     *sql,
             const char     *context,
             GError        **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      pa_sqlite_store_set_error (self, rc, context, error);
      return FALSE;
    }
  return TRUE;
}

/* -- transactions ---------------------------------------------------------- */

gboolean
pa_sqlite_store_tx_begin (PaStore  *store,
                          GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);

  if (self->aborted)
    {
      g_set_error_literal (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                           "The database aborted the open transaction; roll it back first");
      return FALSE;
    }

  if (self->depth == 0)
    {
      /* IMMEDIATE takes the write lock now, so a second process cannot make
       * this transaction fail half-way with SQLITE_BUSY. */
      if (!exec_simple (self, "BEGIN IMMEDIATE", "Cannot start a transaction", error))
        return FALSE;
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("SAVEPOINT pa_%u", self->depth);

      if (!exec_simple (self, sql, "Cannot start a nested transaction", error))
        return FALSE;
    }
  self->depth++;
  return TRUE;
}

gboolean
pa_sqlite_store_tx_commit (PaStore  *store,
                           GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);

  if (self->depth == 0)
    {
      g_set_error_literal (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                           "Commit without an open transaction");
      return FALSE;
    }
  self->depth--;

  if (self->aborted)
    {
      if (self->depth == 0)
        {
          self->aborted = FALSE;
          pa_sqlite_store_settle_changes (self, FALSE);
        }
      g_set_error_literal (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                           "The database aborted the transaction; nothing was saved");
      return FALSE;
    }

  if (self->depth == 0)
    {
      if (!exec_simple (self, "COMMIT", "Cannot save the changes", error))
        {
          if (!sqlite3_get_autocommit (self->db))
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          self->aborted = FALSE;
          pa_sqlite_store_settle_changes (self, FALSE);
          return FALSE;
        }
      pa_sqlite_store_settle_changes (self, TRUE);
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("RELEASE pa_%u", self->depth);

      if (!exec_simple (self, sql, "Cannot end a nested transaction", error))
        return FALSE;
    }
  return TRUE;
}

void
pa_sqlite_store_tx_rollback (PaStore *store)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);

  if (self->depth == 0)
    {
      g_warning ("Rollback without an open transaction");
      return;
    }
  self->depth--;
  if (self->depth == 0)
    pa_sqlite_store_settle_changes (self, FALSE);

  if (self->aborted)
    {
      if (self->depth == 0)
        self->aborted = FALSE;
      return;
    }

  if (self->depth == 0)
    {
      if (sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
        g_warning ("Rollback failed: %s", sqlite3_errmsg (self->db));
    }
  else
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO pa_%u; RELEASE pa_%u",
                                              self->depth, self->depth);

      if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
        g_warning ("Nested rollback failed: %s", sqlite3_errmsg (self->db));
    }
}

/* -- object ---------------------------------------------------------------------- */

static void
pa_sqlite_store_finalize (GObject *object)
{
  PaSqliteStore *self = PA_SQLITE_STORE (object);

  if (self->depth > 0)
    {
      g_warning ("Store closed with %u open transaction(s); rolling back", self->depth);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  g_clear_pointer (&self->checkpointer, pa_sqlite_checkpointer_stop);
  /* Statements first: sqlite3_close() refuses while any is alive. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->phones_logged, g_hash_table_unref);
  if (self->db != NULL && sqlite3_close (self->db) != SQLITE_OK)
    g_warning ("Cannot close “%s”: %s", self->path, sqlite3_errmsg (self->db));
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (pa_sqlite_store_parent_class)->finalize (object);
}

static void
pa_sqlite_store_class_init (PaSqliteStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pa_sqlite_store_finalize;
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pa_sqlite_store_init (PaSqliteStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->phones_logged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

static PaStore *pa_sqlite_store_open_sibling (PaStore  *store,
                                              GError  **error);

/* pa_served_fingerprint(fingerprint): the ETag a phone's files are served
 * with, for a listing written by SQLite (pa_store_list_json). */
static void
served_fingerprint_func (sqlite3_context  *context,
                         int               argc,
                         sqlite3_value   **argv)
{
  PaSqliteStore *self = sqlite3_user_data (context);
  char *served = pa_config_inputs_served_fingerprint ((const char *) sqlite3_value_text (argv[0]),
                                                      self->program_revision,
                                                      self->catalog_revision);

  if (served == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, served, -1, g_free);
}

static void
pa_sqlite_store_set_served_revisions (PaStore *store,
                                      gint64   program_revision,
                                      gint64   catalog_revision)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);

  self->program_revision = program_revision;
  self->catalog_revision = catalog_revision;
}

static void
pa_sqlite_store_iface_init (PaStoreInterface *iface)
{
  iface->open_sibling = pa_sqlite_store_open_sibling;
  iface->begin = pa_sqlite_store_tx_begin;
  iface->commit = pa_sqlite_store_tx_commit;
  iface->rollback = pa_sqlite_store_tx_rollback;

  iface->set_served_revisions = pa_sqlite_store_set_served_revisions;
  pa_sqlite_store_init_resource_iface (iface);
  pa_sqlite_store_init_phone_iface (iface);
  pa_sqlite_store_init_inputs_iface (iface);
  pa_sqlite_store_init_changes_iface (iface);
  pa_sqlite_store_init_jobs_iface (iface);
}

/* pa_fold(text): the case-folding the list filter compares with, the same
 * as g_utf8_casefold() on the needle, so "zoë" finds "ZOË". */
static void
fold_func (sqlite3_context  *context,
           int               argc,
           sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  valid = g_utf8_make_valid (text, -1);
  sqlite3_result_text (context, g_utf8_casefold (valid, -1), -1, g_free);
}

static gboolean
configure (sqlite3     *db,
           const char  *path,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  g_autofree char *mode = NULL;
  int rc;

  /* The first statement that reads the file: where a file that is not a
   * database, or a damaged one, shows. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      int code = sqlite3_errcode (db);

      if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
        g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                     "“%s” is not a PhoneAdmin database, or it is damaged (%s)",
                     path, sqlite3_errmsg (db));
      else
        g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                     "Cannot open the database “%s”: %s", path, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (g_strcmp0 (mode, "wal") != 0)
    g_debug ("“%s” stays in journal mode %s (no WAL on this file system?)", path, mode);

  if (sqlite3_exec (db, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Cannot configure the database “%s”: %s", path, sqlite3_errmsg (db));
      return FALSE;
    }

  rc = sqlite3_create_function_v2 (db, "pa_fold", 1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                   NULL, fold_func, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Cannot set up the database “%s”: %s", path, sqlite3_errmsg (db));
      return FALSE;
    }
  return TRUE;
}


guint
pa_sqlite_store_get_checkpoints (PaSqliteStore *self)
{
  g_return_val_if_fail (PA_IS_SQLITE_STORE (self), 0);

  return self->checkpointer != NULL ? pa_sqlite_checkpointer_get_done (self->checkpointer) : 0;
}

/* The same file on a connection of its own; the schema is up to date and
 * the main store's thread checkpoints. */
static PaStore *
pa_sqlite_store_open_sibling (PaStore  *store,
                              GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  PaSqliteStore *sibling;
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (self->path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Cannot open the database “%s” again: %s", self->path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  if (!configure (db, self->path, error) ||
      sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;", NULL, NULL, NULL) != SQLITE_OK)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                     "Cannot configure the database “%s”: %s", self->path, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }

  sibling = g_object_new (PA_TYPE_SQLITE_STORE, NULL);
  sibling->db = db;
  sibling->path = g_strdup (self->path);
  pa_sqlite_store_watch_changes (sibling);
  return PA_STORE (sibling);
}

PaStore *
pa_sqlite_store_open (const char  *path,
                      GError     **error)
{
  static gsize configured = 0;
  g_autofree char *dir = NULL;
  sqlite3 *db = NULL;
  PaSqliteStore *self;
  int rc;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Cannot create the folder “%s” for the database: %s",
                   dir, g_strerror (saved_errno));
      return NULL;
    }

  /* Each connection is used by one thread only (siblings have their own),
   * so SQLite need not lock around every call; nor count its allocations
   * under a global lock (both were a seventh of a large listing). */
  if (g_once_init_enter (&configured))
    g_once_init_leave (&configured,
                       sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK ? 1 : 2);
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Cannot open the database “%s”: %s", path,
                   db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  /* SIP passwords and phone tokens are inside: owner only.  SQLite gives the
   * -wal and -shm files the same mode when it creates them. */
  if (g_chmod (path, 0600) != 0)
    g_debug ("Cannot restrict the mode of “%s”: %s", path, g_strerror (errno));

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  if (!configure (db, path, error) || !pa_sqlite_migrate (db, path, error))
    {
      sqlite3_close (db);
      return NULL;
    }

  self = g_object_new (PA_TYPE_SQLITE_STORE, NULL);
  self->db = db;
  self->path = g_strdup (path);
  if (sqlite3_create_function_v2 (db, "pa_served_fingerprint", 1,
                                  SQLITE_UTF8 | SQLITE_INNOCUOUS, self,
                                  served_fingerprint_func, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Cannot set up the database “%s”: %s", path, sqlite3_errmsg (db));
      g_object_unref (self);
      return NULL;
    }
  pa_sqlite_store_watch_changes (self);
  if (pa_sqlite_in_wal_mode (db))
    {
      g_autoptr(GError) local_error = NULL;

      /* Without it SQLite checkpoints inside commits, as before. */
      self->checkpointer = pa_sqlite_checkpointer_start (db, path, &local_error);
      if (self->checkpointer == NULL)
        g_warning ("%s", local_error->message);
    }
  return PA_STORE (self);
}
