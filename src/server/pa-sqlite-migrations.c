/* pa-sqlite-migrations.c — the SQLite store's schema, one step per version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Step N (0-based) takes a database from user_version N to N + 1.  Steps are
 * never edited once released: a change is a new step appended at the end.
 */
#define G_LOG_DOMAIN "pa-sqlite-store"

#include "config.h"

#include "pa-sqlite-store-private.h"

/* Ids are AUTOINCREMENT so a deleted id is never handed out again: a client
 * still holding the old object must get 404, not edit a newcomer that also
 * sits at revision 1.
 *
 * Every resource table has id, revision (the config revision, the ETag),
 * `data` (the resource's JSON without the members kept in columns) and
 * `search` (case-folded text the list filter looks in).  The other columns
 * exist for constraints and lookups.  References RESTRICT deletes so the
 * store never silently loses a phone's agent or layout; a phone's own rows
 * (lines, modules) go with it. */
static const char * const migrations[] = {
  /* 1: the first schema */
  "CREATE TABLE agents ("
  "  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  revision  INTEGER NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  search    TEXT NOT NULL,"
  "  data      TEXT NOT NULL"
  ");"
  "CREATE TABLE sip_accounts ("
  "  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  revision  INTEGER NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  agent_id  INTEGER REFERENCES agents (id) ON DELETE RESTRICT,"
  "  username  TEXT NOT NULL UNIQUE,"
  "  password  TEXT NOT NULL DEFAULT '',"
  "  search    TEXT NOT NULL,"
  "  data      TEXT NOT NULL"
  ");"
  "CREATE INDEX sip_accounts_agent_id ON sip_accounts (agent_id);"
  "CREATE TABLE layouts ("
  "  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  revision  INTEGER NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  model     TEXT NOT NULL,"
  "  search    TEXT NOT NULL,"
  "  data      TEXT NOT NULL"
  ");"
  "CREATE INDEX layouts_model ON layouts (model);"
  "CREATE TABLE module_layouts ("
  "  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  revision  INTEGER NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  module    TEXT NOT NULL,"
  "  search    TEXT NOT NULL,"
  "  data      TEXT NOT NULL"
  ");"
  "CREATE INDEX module_layouts_module ON module_layouts (module);"
  "CREATE TABLE profiles ("
  "  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  revision  INTEGER NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  layout_id INTEGER REFERENCES layouts (id) ON DELETE RESTRICT,"
  "  search    TEXT NOT NULL,"
  "  data      TEXT NOT NULL"
  ");"
  "CREATE INDEX profiles_layout_id ON profiles (layout_id);"
  "CREATE TABLE phones ("
  "  id             INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  revision       INTEGER NOT NULL,"
  "  name           TEXT NOT NULL,"
  "  mac            TEXT NOT NULL UNIQUE,"
  "  model          TEXT NOT NULL,"
  "  agent_id       INTEGER REFERENCES agents (id) ON DELETE RESTRICT,"
  "  layout_id      INTEGER REFERENCES layouts (id) ON DELETE RESTRICT,"
  "  profile_id     INTEGER REFERENCES profiles (id) ON DELETE RESTRICT,"
  "  token          TEXT NOT NULL,"
  "  token_hash     TEXT NOT NULL UNIQUE,"
  "  status         TEXT NOT NULL DEFAULT 'pending',"
  "  ip             TEXT,"
  "  user_agent     TEXT,"
  "  firmware       TEXT,"
  "  last_seen      INTEGER,"
  "  provisioned_at INTEGER,"
  "  search         TEXT NOT NULL,"
  "  data           TEXT NOT NULL"
  ");"
  "CREATE INDEX phones_agent_id ON phones (agent_id);"
  "CREATE INDEX phones_layout_id ON phones (layout_id);"
  "CREATE INDEX phones_profile_id ON phones (profile_id);"
  "CREATE TABLE phone_lines ("
  "  phone_id       INTEGER NOT NULL REFERENCES phones (id) ON DELETE CASCADE,"
  "  position       INTEGER NOT NULL,"
  "  sip_account_id INTEGER NOT NULL REFERENCES sip_accounts (id) ON DELETE RESTRICT,"
  "  PRIMARY KEY (phone_id, position)"
  ");"
  "CREATE INDEX phone_lines_sip_account_id ON phone_lines (sip_account_id);"
  "CREATE TABLE phone_modules ("
  "  phone_id       INTEGER NOT NULL REFERENCES phones (id) ON DELETE CASCADE,"
  "  position       INTEGER NOT NULL,"
  "  module         TEXT NOT NULL,"
  "  layout_id      INTEGER REFERENCES module_layouts (id) ON DELETE RESTRICT,"
  "  PRIMARY KEY (phone_id, position)"
  ");"
  "CREATE INDEX phone_modules_layout_id ON phone_modules (layout_id);"
  "CREATE TABLE admin_tokens ("
  "  id         INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  token_hash TEXT NOT NULL UNIQUE,"
  "  label      TEXT,"
  "  created_at INTEGER NOT NULL"
  ");"
  "CREATE TABLE discovered_phones ("
  "  mac        TEXT PRIMARY KEY,"
  "  ip         TEXT,"
  "  user_agent TEXT,"
  "  first_seen INTEGER NOT NULL,"
  "  last_seen  INTEGER NOT NULL,"
  "  count      INTEGER NOT NULL DEFAULT 1"
  ");",

  /* 2: a profile's custom parameters are grouped by vendor. Before, one
   * list went to every phone, and only Yealink files were rendered, so
   * that is whose they were. */
  "UPDATE profiles"
  "   SET data = json_set (data, '$.custom_params',"
  "                        json_object ('yealink', json_extract (data, '$.custom_params')))"
  " WHERE json_type (data, '$.custom_params') = 'object'"
  "   AND json_extract (data, '$.custom_params') <> '{}';",

  /* 3: what each phone's files were made from (its config inputs, written
   * by the server when it gathers them), read backwards to find the phones
   * an edit affects; the fingerprint of those inputs; and a serial that
   * changes with a SIP password, which has no revision of its own. A phone
   * without a fingerprint is gathered when the server starts. */
  "ALTER TABLE phones ADD COLUMN fingerprint TEXT;"
  "ALTER TABLE sip_accounts ADD COLUMN password_serial INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE phone_inputs ("
  "  phone_id INTEGER NOT NULL REFERENCES phones (id) ON DELETE CASCADE,"
  "  kind     TEXT NOT NULL,"
  "  input_id INTEGER NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  PRIMARY KEY (phone_id, kind, input_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX phone_inputs_input ON phone_inputs (kind, input_id);",

  /* 4: the admin password provd generates for a phone whose policy says
   * so (its own, or its profile's): made once, kept, shown once. Kept
   * apart from `data` so the API never returns it. */
  "ALTER TABLE phones ADD COLUMN generated_admin_password TEXT;",

  /* 5: the server's own settings (public URL, default registrar, time
   * zone, …), one resource with a revision like the others. Before, they
   * came only from provd's key file, which still wins where it names one. */
  "CREATE TABLE settings ("
  "  id       INTEGER PRIMARY KEY CHECK (id = 1),"
  "  revision INTEGER NOT NULL,"
  "  name     TEXT NOT NULL DEFAULT '',"
  "  search   TEXT NOT NULL DEFAULT '',"
  "  data     TEXT NOT NULL"
  ");"
  "INSERT INTO settings (id, revision, data) VALUES (1, 1, '{}');",

  /* 6: the server's own values that are no setting (the site key of the
   * bootstrap URL), and discovered phones the admin chose to ignore. */
  "CREATE TABLE server_state ("
  "  name  TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "ALTER TABLE discovered_phones ADD COLUMN ignored INTEGER NOT NULL DEFAULT 0;",

  /* 7: each phone's recent requests, alike ones counted as one (the fetch
   * log keeps at most a few per phone). */
  "CREATE TABLE phone_fetches ("
  "  phone_id   INTEGER NOT NULL REFERENCES phones (id) ON DELETE CASCADE,"
  "  position   INTEGER NOT NULL,"
  "  file       TEXT NOT NULL,"
  "  ip         TEXT,"
  "  user_agent TEXT,"
  "  status     INTEGER NOT NULL,"
  "  first_at   INTEGER NOT NULL,"
  "  last_at    INTEGER NOT NULL,"
  "  count      INTEGER NOT NULL,"
  "  PRIMARY KEY (phone_id, position)"
  ") WITHOUT ROWID;",

  /* 8: a phone's own HTTP password for its setup link (http_auth), made
   * by provd, and when a file carrying it first reached the phone (0:
   * not yet; it is asked for a while after). Apart from `data` so the API
   * never returns it. */
  "ALTER TABLE phones ADD COLUMN http_password TEXT;"
  "ALTER TABLE phones ADD COLUMN http_password_sent INTEGER NOT NULL DEFAULT 0;",

  /* 9: one sequence of every change to a resource, for the change feed
   * (GET /api/v1/changes?since=N): written in the same transaction as the
   * change, by the store's insert, update and delete, and here for a
   * phone's status, which a phone's own requests move (not last_seen: a
   * poll is no change). AUTOINCREMENT: a sequence number is never reused,
   * also after old entries are dropped. `kind` is the JSON kind name. */
  "CREATE TABLE changes ("
  "  seq     INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind    TEXT NOT NULL,"
  "  item_id INTEGER NOT NULL,"
  "  op      TEXT NOT NULL CHECK (op IN ('created', 'updated', 'deleted')),"
  "  at      INTEGER NOT NULL"
  ");"
  "CREATE TRIGGER phones_status_changes AFTER UPDATE OF status ON phones"
  "  WHEN OLD.status IS NOT NEW.status"
  "  BEGIN"
  "    INSERT INTO changes (kind, item_id, op, at)"
  "      VALUES ('phone', NEW.id, 'updated', CAST (strftime ('%s', 'now') AS INTEGER));"
  "  END;",

  /* 10: why a phone needs attention (a JSON array of messages, NULL for
   * nothing), derived with its fingerprint from the same inputs, so that a
   * listing reads it instead of gathering every phone again. Every phone
   * is gathered once more when the server starts, which fills it. `data`
   * loses the copy earlier versions kept, as a listing writes the column's
   * in front of what `data` has. */
  "ALTER TABLE phones ADD COLUMN attention TEXT;"
  "UPDATE phones SET fingerprint = NULL, data = json_remove (data, '$.attention');",

  /* 11: live status. `contact` is the registration a PBX reported
   * (POST /api/v1/events/registration); every change of a phone's status
   * is kept with its time, whoever made it (a fetch, a PBX, a keepalive),
   * the newest 50 per phone; `status_since` is when the current one began. */
  "ALTER TABLE phones ADD COLUMN contact TEXT;"
  "ALTER TABLE phones ADD COLUMN status_since INTEGER;"
  "CREATE TABLE phone_status_history ("
  "  phone_id INTEGER NOT NULL REFERENCES phones (id) ON DELETE CASCADE,"
  "  status   TEXT NOT NULL,"
  "  at       INTEGER NOT NULL"
  ");"
  "CREATE INDEX phone_status_history_phone ON phone_status_history (phone_id, at);"
  "CREATE TRIGGER phones_status_history AFTER UPDATE OF status ON phones"
  "  WHEN OLD.status IS NOT NEW.status"
  "  BEGIN"
  "    INSERT INTO phone_status_history (phone_id, status, at)"
  "      VALUES (NEW.id, NEW.status, CAST (strftime ('%s', 'now') AS INTEGER));"
  "    UPDATE phones SET status_since = CAST (strftime ('%s', 'now') AS INTEGER)"
  "      WHERE id = NEW.id;"
  "    DELETE FROM phone_status_history WHERE phone_id = NEW.id AND rowid NOT IN"
  "      (SELECT rowid FROM phone_status_history WHERE phone_id = NEW.id"
  "       ORDER BY at DESC, rowid DESC LIMIT 50);"
  "  END;"
  /* A new contact alone is a change the app hears of too (with the status,
   * the trigger of step 9 already tells). */
  "CREATE TRIGGER phones_contact_changes AFTER UPDATE OF contact ON phones"
  "  WHEN OLD.contact IS NOT NEW.contact AND OLD.status IS NEW.status"
  "  BEGIN"
  "    INSERT INTO changes (kind, item_id, op, at)"
  "      VALUES ('phone', NEW.id, 'updated', CAST (strftime ('%s', 'now') AS INTEGER));"
  "  END;",

  /* 12: the last reboot or resync provd pushed to each phone over SIP and
   * how it ended (answered, rejected with its code, no answer, …): shown
   * in the phone's JSON as "sip_action". Kept apart from the phone's row so
   * a result is no config change; logged as an update of the phone so the
   * change feed carries it, like a status. */
  "CREATE TABLE phone_sip_actions ("
  "  phone_id INTEGER PRIMARY KEY REFERENCES phones (id) ON DELETE CASCADE,"
  "  action   TEXT NOT NULL,"
  "  result   TEXT NOT NULL,"
  "  code     INTEGER,"
  "  reason   TEXT,"
  "  at       INTEGER NOT NULL"
  ");"
  "CREATE TRIGGER phone_sip_actions_inserted AFTER INSERT ON phone_sip_actions"
  "  BEGIN"
  "    INSERT INTO changes (kind, item_id, op, at)"
  "      VALUES ('phone', NEW.phone_id, 'updated', CAST (strftime ('%s', 'now') AS INTEGER));"
  "  END;"
  "CREATE TRIGGER phone_sip_actions_updated AFTER UPDATE ON phone_sip_actions"
  "  BEGIN"
  "    INSERT INTO changes (kind, item_id, op, at)"
  "      VALUES ('phone', NEW.phone_id, 'updated', CAST (strftime ('%s', 'now') AS INTEGER));"
  "  END;",

  /* 13: a phone newly discovered (an unknown MAC asked the bootstrap URL),
   * ignored, or adopted is an entry of the change log too, kind
   * 'discovered' (no item: GET /api/v1/discovered lists them), so an app
   * following the stream shows it without polling. Another request of a
   * phone already listed is no change. */
  "CREATE TRIGGER discovered_phones_added AFTER INSERT ON discovered_phones"
  "  BEGIN"
  "    INSERT INTO changes (kind, item_id, op, at)"
  "      VALUES ('discovered', NEW.rowid, 'created', CAST (strftime ('%s', 'now') AS INTEGER));"
  "  END;"
  "CREATE TRIGGER discovered_phones_ignored AFTER UPDATE OF ignored ON discovered_phones"
  "  WHEN OLD.ignored IS NOT NEW.ignored"
  "  BEGIN"
  "    INSERT INTO changes (kind, item_id, op, at)"
  "      VALUES ('discovered', NEW.rowid, 'updated', CAST (strftime ('%s', 'now') AS INTEGER));"
  "  END;"
  "CREATE TRIGGER discovered_phones_gone AFTER DELETE ON discovered_phones"
  "  BEGIN"
  "    INSERT INTO changes (kind, item_id, op, at)"
  "      VALUES ('discovered', OLD.rowid, 'deleted', CAST (strftime ('%s', 'now') AS INTEGER));"
  "  END;"
  /* A phone made with a discovered MAC has been adopted: it leaves the
   * list (whoever made it: this app, another, a script). */
  "CREATE TRIGGER phones_adopt_discovered AFTER INSERT ON phones"
  "  BEGIN"
  "    DELETE FROM discovered_phones WHERE mac = NEW.mac;"
  "  END;",

  /* 14: the phones SIP can reach (an address or a registered contact), for
   * the keepalive's rounds: without it each round read every phone's row
   * and JSON, 1.3 % of an idle provd with 100,000 phones none of which
   * had an address (bench/app-fleet.sh). */
  "CREATE INDEX phones_with_address ON phones (id)"
  "  WHERE ip IS NOT NULL OR contact IS NOT NULL;",

  /* 15: firmware files, each kept in the data dir under its SHA-256: one
   * record per file. */
  "CREATE TABLE firmware ("
  "  id        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  revision  INTEGER NOT NULL,"
  "  name      TEXT NOT NULL,"
  "  vendor    TEXT NOT NULL,"
  "  sha256    TEXT NOT NULL UNIQUE,"
  "  search    TEXT NOT NULL,"
  "  data      TEXT NOT NULL"
  ");",

  /* 16: bulk jobs (pa-jobs.c): the job as the API shows it, and what
   * undoing it puts back. A job's end is written in the transaction of
   * its change, so a job cut short stays "running" here, and the next
   * start marks it failed. */
  "CREATE TABLE jobs ("
  "  id     INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  state  TEXT NOT NULL,"
  "  data   TEXT NOT NULL,"
  "  undo   TEXT"
  ");"
  "CREATE INDEX jobs_by_state ON jobs (state);",
};

int
pa_sqlite_store_schema_version (void)
{
  return (int) G_N_ELEMENTS (migrations);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *path,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Cannot %s in database “%s”: %s", what, path,
                   message ? message : sqlite3_errmsg (db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_user_version (sqlite3     *db,
                   const char  *path,
                   int         *out_version,
                   GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Cannot read the schema version of “%s”: %s",
                   path, sqlite3_errmsg (db));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out_version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
pa_sqlite_migrate (sqlite3     *db,
                   const char  *path,
                   GError     **error)
{
  const int newest = pa_sqlite_store_schema_version ();
  int version = 0;

  if (!read_user_version (db, path, &version, error))
    return FALSE;

  if (version > newest)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Database “%s” has schema version %d, but this phoneadmin-provd "
                   "knows only up to version %d; it was written by a newer "
                   "version. Upgrade phoneadmin-provd or restore a backup.",
                   path, version, newest);
      return FALSE;
    }
  if (version < 0)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Database “%s” has an invalid schema version %d", path, version);
      return FALSE;
    }

  for (; version < newest; version++)
    {
      /* The version is an integer of ours, not outside data; PRAGMA takes no
       * bound parameters. */
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      g_autofree char *what = g_strdup_printf ("apply schema step %d", version + 1);

      if (!exec_sql (db, path, "BEGIN IMMEDIATE", "start a migration", error))
        return FALSE;
      if (!exec_sql (db, path, migrations[version], what, error) ||
          !exec_sql (db, path, set_version, what, error) ||
          !exec_sql (db, path, "COMMIT", what, error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      g_debug ("Migrated “%s” to schema version %d", path, version + 1);
    }
  return TRUE;
}
