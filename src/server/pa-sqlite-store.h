/* pa-sqlite-store.h — the SQLite implementation of PaStore
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-store.h"

G_BEGIN_DECLS

#define PA_TYPE_SQLITE_STORE (pa_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (PaSqliteStore, pa_sqlite_store, PA, SQLITE_STORE, GObject)

/**
 * pa_sqlite_store_open:
 * @path: the database file; it and its parent folder (mode 0700) are created
 *   when missing
 *
 * Opens the database in WAL mode with foreign keys on and brings its schema
 * up to date (each migration step in its own transaction).
 *
 * Returns: (transfer full): the store, or NULL with PA_STORE_ERROR_FAILED
 *   when the file cannot be created, is not an SQLite database, or was made
 *   by a newer phoneadmin-provd (its schema version is above
 *   pa_sqlite_store_schema_version()).
 */
PaStore *pa_sqlite_store_open           (const char  *path,
                                         GError     **error);

/* How many WAL checkpoints its checkpoint thread has run (for tests):
 * the main connection never checkpoints, so a commit never waits for one. */
guint    pa_sqlite_store_get_checkpoints (PaSqliteStore *self);

/**
 * pa_sqlite_store_schema_version:
 * Returns: the schema version this code creates and understands (the
 *   database's PRAGMA user_version after migrations).
 */
int      pa_sqlite_store_schema_version (void);

G_END_DECLS
