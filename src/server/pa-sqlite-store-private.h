/* pa-sqlite-store-private.h — shared by the SQLite store's files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "pa-sqlite-checkpointer.h"
#include "pa-sqlite-store.h"

G_BEGIN_DECLS

struct _PaSqliteStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  GHashTable *statements;   /* SQL text → prepared sqlite3_stmt, reused */
  guint       depth;        /* open transactions: 1 = BEGIN, more = savepoints */
  gboolean    aborted;      /* SQLite rolled the open transaction back itself */
  PaSqliteCheckpointer *checkpointer;  /* NULL when the file is not in WAL mode */
  gint64      program_revision;  /* pa_store_set_served_revisions() */
  gint64      catalog_revision;
  /* The open transaction (or the statement running outside one) added a
   * change log entry: set by the update hook, so the trigger's count too. */
  gboolean    logged_change;
  /* Phones (gint64 ids) the open transaction logged a change for: a
   * change of why one needs attention logs one only if it is not there. */
  GHashTable *phones_logged;
};

/* A cached statement borrowed for one scope: g_autoptr resets it and clears
 * its bindings on the way out instead of finalising it. */
typedef sqlite3_stmt PaStmt;
void pa_stmt_release (PaStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaStmt, pa_stmt_release)

/* Brings @db's schema (PRAGMA user_version) up to the newest version, one
 * transaction per step.  A database newer than this code is refused. */
gboolean  pa_sqlite_migrate              (sqlite3        *db,
                                          const char     *path,
                                          GError        **error);

PaStmt   *pa_sqlite_store_prepare        (PaSqliteStore  *self,
                                          const char     *sql,
                                          GError        **error);
/* SQLITE_ROW or SQLITE_DONE, or 0 with @error set. */
int       pa_sqlite_store_step           (PaSqliteStore  *self,
                                          PaStmt         *stmt,
                                          const char     *context,
                                          GError        **error);
void      pa_sqlite_store_set_error      (PaSqliteStore  *self,
                                          int             rc,
                                          const char     *context,
                                          GError        **error);
/* Binds @value (NULL binds SQL NULL) / @id (≤ 0 binds NULL) to the named
 * parameter, if the statement has it. */
void      pa_stmt_bind_text              (PaStmt         *stmt,
                                          const char     *name,
                                          const char     *value);
void      pa_stmt_bind_id                (PaStmt         *stmt,
                                          const char     *name,
                                          gint64          id);
void      pa_stmt_bind_int               (PaStmt         *stmt,
                                          const char     *name,
                                          gint64          value);

gboolean  pa_sqlite_store_tx_begin       (PaStore        *store,
                                          GError        **error);
gboolean  pa_sqlite_store_tx_commit      (PaStore        *store,
                                          GError        **error);
void      pa_sqlite_store_tx_rollback    (PaStore        *store);

/* The vfuncs that live in pa-sqlite-store-resources.c,
 * pa-sqlite-store-phones.c and pa-sqlite-store-inputs.c. */
void      pa_sqlite_store_init_resource_iface (PaStoreInterface *iface);
void      pa_sqlite_store_init_phone_iface    (PaStoreInterface *iface);
void      pa_sqlite_store_init_inputs_iface   (PaStoreInterface *iface);
void      pa_sqlite_store_init_changes_iface  (PaStoreInterface *iface);
void      pa_sqlite_store_init_jobs_iface     (PaStoreInterface *iface);

/* pa-sqlite-store-changes.c: logs a change to the resource @id of @type
 * ("created", "updated", "deleted"), inside the caller's transaction. */
gboolean  pa_sqlite_store_record_change  (PaSqliteStore  *self,
                                          GType           type,
                                          gint64          id,
                                          const char     *op,
                                          GError        **error);

/* pa-sqlite-store-changes.c: notes every entry added to the change log on
 * @self's connection, and says so once it is durable
 * (pa_store_changes_committed()). */
void      pa_sqlite_store_watch_changes  (PaSqliteStore  *self);
void      pa_sqlite_store_settle_changes (PaSqliteStore  *self,
                                          gboolean        committed);

G_END_DECLS
