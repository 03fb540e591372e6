/* pa-sqlite-store-jobs.c — the SQLite store's bulk jobs (schema step 16)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-sqlite-store"

#include "config.h"

#include "pa-sqlite-store-private.h"

static gint64
insert_job (PaStore     *store,
            const char  *state,
            const char  *data,
            GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self,
    "INSERT INTO jobs (state, data) VALUES (:state, :data)", error);

  if (stmt == NULL)
    return -1;
  pa_stmt_bind_text (stmt, ":state", state);
  pa_stmt_bind_text (stmt, ":data", data);
  if (pa_sqlite_store_step (self, stmt, "Cannot record a job", error) == 0)
    return -1;
  return sqlite3_last_insert_rowid (self->db);
}

static gboolean
update_job (PaStore     *store,
            gint64       id,
            const char  *state,
            const char  *data,
            const char  *undo,
            GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self,
    "UPDATE jobs SET state = :state, data = :data, undo = coalesce (:undo, undo)"
    " WHERE id = :id", error);

  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_text (stmt, ":state", state);
  pa_stmt_bind_text (stmt, ":data", data);
  pa_stmt_bind_text (stmt, ":undo", undo);
  pa_stmt_bind_int (stmt, ":id", id);
  if (pa_sqlite_store_step (self, stmt, "Cannot record a job", error) == 0)
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                   "There is no job with id %" G_GINT64_FORMAT, id);
      return FALSE;
    }
  return TRUE;
}

static char *
get_job (PaStore     *store,
         gint64       id,
         char       **undo,
         GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self,
    "SELECT data, undo FROM jobs WHERE id = :id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_int (stmt, ":id", id);
  rc = pa_sqlite_store_step (self, stmt, "Cannot read a job", error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                   "There is no job with id %" G_GINT64_FORMAT, id);
      return NULL;
    }
  if (undo != NULL)
    *undo = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static GPtrArray *
list_jobs (PaStore     *store,
           const char  *state,
           guint        limit,
           GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(GPtrArray) jobs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self,
    "SELECT data FROM jobs WHERE :state IS NULL OR state = :state"
    " ORDER BY id DESC LIMIT :limit", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_text (stmt, ":state", state);
  pa_stmt_bind_int (stmt, ":limit", limit > 0 ? (gint64) limit : -1);
  while ((rc = pa_sqlite_store_step (self, stmt, "Cannot read the jobs", error)) == SQLITE_ROW)
    g_ptr_array_add (jobs, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&jobs);
}

void
pa_sqlite_store_init_jobs_iface (PaStoreInterface *iface)
{
  iface->insert_job = insert_job;
  iface->update_job = update_job;
  iface->get_job = get_job;
  iface->list_jobs = list_jobs;
}
