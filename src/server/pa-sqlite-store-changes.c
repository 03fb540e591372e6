/* pa-sqlite-store-changes.c — the change log behind GET /api/v1/changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's insert, update and delete each add an entry in their own
 * transaction (pa_sqlite_store_record_change); a phone's status is logged
 * by a trigger (schema step 9), since a phone's requests move it on paths
 * that are not these, and a change of why it needs attention (a setting,
 * its profile, its SIP account) by set_phone_inputs. Only the newest
 * CHANGES_KEPT entries are kept: a reader further behind is told to list
 * again.
 */
#define G_LOG_DOMAIN "pa-sqlite-store"

#include "config.h"

#include <string.h>

#include "pa-phone.h"
#include "pa-sqlite-store-private.h"

/* A day of a busy fleet's edits and status moves; the app reads the feed
 * within seconds, so this only decides how long an app may be away. */
#define CHANGES_KEPT 100000
/* Old entries go every this many, not on every write. */
#define PRUNE_EVERY  1024

gboolean
pa_sqlite_store_record_change (PaSqliteStore  *self,
                               GType           type,
                               gint64          id,
                               const char     *op,
                               GError        **error)
{
  g_autoptr(PaStmt) stmt = NULL;
  gint64 seq;

  stmt = pa_sqlite_store_prepare (self,
                                  "INSERT INTO changes (kind, item_id, op, at)"
                                  " VALUES (:kind, :id, :op, :at)", error);
  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_text (stmt, ":kind", pa_store_kind_from_type (type));
  pa_stmt_bind_int (stmt, ":id", id);
  pa_stmt_bind_text (stmt, ":op", op);
  pa_stmt_bind_int (stmt, ":at", g_get_real_time () / G_USEC_PER_SEC);
  if (pa_sqlite_store_step (self, stmt, "Cannot log the change", error) == 0)
    return FALSE;
  if (type == PA_TYPE_PHONE && self->depth > 0)
    g_hash_table_add (self->phones_logged, g_memdup2 (&id, sizeof id));

  seq = sqlite3_last_insert_rowid (self->db);
  if (seq % PRUNE_EVERY == 0 && seq > CHANGES_KEPT)
    {
      g_autoptr(PaStmt) prune = pa_sqlite_store_prepare (self,
                                                         "DELETE FROM changes WHERE seq <= :seq",
                                                         error);

      if (prune == NULL)
        return FALSE;
      pa_stmt_bind_int (prune, ":seq", seq - CHANGES_KEPT);
      if (pa_sqlite_store_step (self, prune, "Cannot drop old changes", error) == 0)
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
list_changes (PaStore  *store,
              gint64    since,
              guint     limit,
              gint64   *oldest,
              gint64   *last,
              GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_store_change_free);
  int rc;

  {
    /* sqlite_sequence keeps the newest number even when its row is gone. */
    g_autoptr(PaStmt) bounds = pa_sqlite_store_prepare (self,
      "SELECT (SELECT min(seq) FROM changes),"
      "       (SELECT seq FROM sqlite_sequence WHERE name = 'changes')", error);

    if (bounds == NULL
        || pa_sqlite_store_step (self, bounds, "Cannot read the change log", error) != SQLITE_ROW)
      return NULL;
    *oldest = sqlite3_column_int64 (bounds, 0);
    *last = sqlite3_column_int64 (bounds, 1);
  }

  {
    g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self,
      "SELECT seq, kind, item_id, op FROM changes WHERE seq > :since ORDER BY seq LIMIT :limit",
      error);

    if (stmt == NULL)
      return NULL;
    pa_stmt_bind_int (stmt, ":since", since);
    pa_stmt_bind_int (stmt, ":limit", limit > 0 ? (gint64) limit : -1);
    while ((rc = pa_sqlite_store_step (self, stmt, "Cannot read the change log", error))
           == SQLITE_ROW)
      {
        PaStoreChange *change = g_new0 (PaStoreChange, 1);

        change->seq = sqlite3_column_int64 (stmt, 0);
        change->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        change->id = sqlite3_column_int64 (stmt, 2);
        change->op = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
        g_ptr_array_add (changes, change);
      }
    if (rc == 0)
      return NULL;
  }
  return g_steal_pointer (&changes);
}

/* Runs inside sqlite3_step(), for the store's own inserts and the
 * trigger's alike. */
static void
update_hook_cb (void          *data,
                int            op,
                const char    *database,
                const char    *table,
                sqlite3_int64  rowid)
{
  PaSqliteStore *self = data;

  if (op == SQLITE_INSERT && strcmp (table, "changes") == 0)
    self->logged_change = TRUE;
}

void
pa_sqlite_store_watch_changes (PaSqliteStore *self)
{
  sqlite3_update_hook (self->db, update_hook_cb, self);
}

void
pa_sqlite_store_settle_changes (PaSqliteStore *self,
                                gboolean       committed)
{
  g_hash_table_remove_all (self->phones_logged);
  if (!self->logged_change)
    return;
  self->logged_change = FALSE;
  if (committed)
    pa_store_changes_committed (PA_STORE (self));
}

void
pa_sqlite_store_init_changes_iface (PaStoreInterface *iface)
{
  iface->list_changes = list_changes;
}
