/* pa-sqlite-checkpointer.h — WAL checkpoints off the main loop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _PaSqliteCheckpointer PaSqliteCheckpointer;

/* Whether @db's database is in WAL mode; asking reads it, after which the
 * connection knows (until then a checkpoint on it does nothing). */
gboolean              pa_sqlite_in_wal_mode           (sqlite3               *db);

/* Turns @main_db's automatic checkpoints off and checkpoints @path from a
 * connection and thread of its own, once a second, until stopped. */
PaSqliteCheckpointer *pa_sqlite_checkpointer_start    (sqlite3               *main_db,
                                                       const char            *path,
                                                       GError               **error);
/* How many checkpoints it has run (for tests). */
guint                 pa_sqlite_checkpointer_get_done (PaSqliteCheckpointer  *self);
/* Joins the thread; the last connection's close checkpoints what is left. */
void                  pa_sqlite_checkpointer_stop     (PaSqliteCheckpointer  *self);

G_END_DECLS
