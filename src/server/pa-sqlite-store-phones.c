/* pa-sqlite-store-phones.c — the SQLite store's phone status, tokens,
 * passwords, usage queries and discovered phones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-sqlite-store"

#include "config.h"

#include "pa-layout.h"
#include "pa-mac.h"
#include "pa-module-layout.h"
#include "pa-phone.h"
#include "pa-profile.h"
#include "pa-sip-account.h"
#include "pa-firmware.h"
#include "pa-sqlite-store-private.h"
#include "pa-token.h"

/* Unknown MACs come from the network, so the list they land in is bounded:
 * past this many, the longest unseen ones are dropped. */
#define MAX_DISCOVERED 1000

static gint64
now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* Runs a write of one row by id; 0 rows changed → NOT_FOUND naming @noun. */
static gboolean
write_by_id (PaSqliteStore  *self,
             PaStmt         *stmt,
             const char     *noun,
             gint64          id,
             GError        **error)
{
  g_autofree char *context = g_strdup_printf ("Cannot update the %s", noun);

  pa_stmt_bind_int (stmt, ":id", id);
  if (pa_sqlite_store_step (self, stmt, context, error) == 0)
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                   "There is no %s with id %" G_GINT64_FORMAT, noun, id);
      return FALSE;
    }
  return TRUE;
}

/* One statement is atomic by itself, and inside the caller's transaction
 * its rollback undoes it too: only a write on its own needs begin/commit
 * (a savepoint per recorded fetch cost some 4 % of provd's time under polling). */
static gboolean
run_write (PaSqliteStore  *self,
           PaStmt         *stmt,
           const char     *noun,
           gint64          id,
           GError        **error)
{
  PaStore *store = PA_STORE (self);

  if (self->depth > 0 && !self->aborted)
    return write_by_id (self, stmt, noun, id, error);

  if (!pa_sqlite_store_tx_begin (store, error))
    return FALSE;
  if (!write_by_id (self, stmt, noun, id, error))
    {
      pa_sqlite_store_tx_rollback (store);
      return FALSE;
    }
  return pa_sqlite_store_tx_commit (store, error);
}

static GArray *
collect_ids (PaSqliteStore  *self,
             const char     *sql,
             gint64          id,
             GError        **error)
{
  g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, sql, error);
  g_autoptr(GArray) ids = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_int (stmt, ":id", id);

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = pa_sqlite_store_step (self, stmt, "Cannot list phones", error)) == SQLITE_ROW)
    {
      gint64 phone_id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, phone_id);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&ids);
}

static GArray *
pa_sqlite_store_list_phones_naming (PaStore  *store,
                                    GType     type,
                                    gint64    id,
                                    GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const char *sql;

  if (type == PA_TYPE_SIP_ACCOUNT)
    sql = "SELECT DISTINCT phone_id FROM phone_lines WHERE sip_account_id = :id ORDER BY phone_id";
  else if (type == PA_TYPE_LAYOUT)
    sql = "SELECT id FROM phones WHERE layout_id = :id ORDER BY id";
  else if (type == PA_TYPE_MODULE_LAYOUT)
    sql = "SELECT DISTINCT phone_id FROM phone_modules WHERE layout_id = :id ORDER BY phone_id";
  else if (type == PA_TYPE_PROFILE)
    sql = "SELECT id FROM phones WHERE profile_id = :id ORDER BY id";
  /* A target firmware is rare and lives in `data`: a scan. */
  else if (type == PA_TYPE_FIRMWARE)
    sql = "SELECT id FROM phones WHERE json_extract (data, '$.firmware_id') = :id ORDER BY id";
  else
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Phones do not name resources of type %s", g_type_name (type));
      return NULL;
    }
  return collect_ids (self, sql, id, error);
}

/* The one number a "SELECT count(*) … :key" gives, with @key bound as
 * text or (when @text is NULL) as @number; -1 on error. */
static gint64
count_where (PaSqliteStore  *self,
             const char     *sql,
             const char     *text,
             gint64          number,
             const char     *what,
             GError        **error)
{
  g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, sql, error);

  if (stmt == NULL)
    return -1;
  if (text != NULL)
    pa_stmt_bind_text (stmt, ":key", text);
  else
    pa_stmt_bind_int (stmt, ":key", number);
  if (pa_sqlite_store_step (self, stmt, what, error) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
pa_sqlite_store_count_phones_for_agent (PaStore  *store,
                                        gint64    agent_id,
                                        GError  **error)
{
  return count_where (PA_SQLITE_STORE (store), "SELECT count(*) FROM phones WHERE agent_id = :key",
                      NULL, agent_id, "Cannot count the agent's phones", error);
}

/* A region is a name in the resource's data, not a column: a settings
 * change that drops one is rare enough for a scan. */
static gint64
pa_sqlite_store_count_sip_region_users (PaStore     *store,
                                        GType        type,
                                        const char  *region,
                                        GError     **error)
{
  return count_where (PA_SQLITE_STORE (store),
                      type == PA_TYPE_PHONE
                      ? "SELECT count(*) FROM phones"
                        " WHERE json_extract (data, '$.sip_region') = :key COLLATE NOCASE"
                      : "SELECT count(*) FROM profiles"
                        " WHERE json_extract (data, '$.sip_region') = :key COLLATE NOCASE",
                      region, 0, "Cannot count who uses the SIP region", error);
}

static gint64
pa_sqlite_store_find_sip_account (PaStore     *store,
                                  const char  *username,
                                  GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self,
                                                    "SELECT id FROM sip_accounts"
                                                    " WHERE username = :username",
                                                    error);
  int rc;

  if (stmt == NULL)
    return -1;
  pa_stmt_bind_text (stmt, ":username", username);
  rc = pa_sqlite_store_step (self, stmt, "Cannot look up the SIP account", error);
  if (rc == 0)
    return -1;
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static GArray *
pa_sqlite_store_list_status_history (PaStore  *store,
                                     gint64    phone_id,
                                     GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(GArray) history = g_array_new (FALSE, TRUE, sizeof (PaStatusChange));
  g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self,
                                                    "SELECT status, at FROM phone_status_history"
                                                    " WHERE phone_id = :id"
                                                    " ORDER BY at DESC, rowid DESC",
                                                    error);
  int rc;

  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_int (stmt, ":id", phone_id);
  while ((rc = pa_sqlite_store_step (self, stmt, "Cannot read the phone’s status history",
                                     error)) == SQLITE_ROW)
    {
      PaStatusChange change = { { 0 }, sqlite3_column_int64 (stmt, 1) };

      g_strlcpy (change.status, (const char *) sqlite3_column_text (stmt, 0),
                 sizeof change.status);
      g_array_append_val (history, change);
    }
  return rc == 0 ? NULL : g_steal_pointer (&history);
}

static gboolean
pa_sqlite_store_update_phone_status (PaStore                    *store,
                                     gint64                      phone_id,
                                     const PaPhoneStatusUpdate  *update,
                                     GError                    **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;
  int status;

  if (update->status != NULL &&
      !pa_enum_from_nick (PA_TYPE_PHONE_STATUS, update->status, &status))
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "“%s” is not a phone status", update->status);
      return FALSE;
    }

  /* Deliberately leaves `revision` alone: a phone polling must not make an
   * admin's If-Match stale. */
  stmt = pa_sqlite_store_prepare (self,
                                  "UPDATE phones SET"
                                  " status = coalesce(:status, status),"
                                  " ip = coalesce(:ip, ip),"
                                  " user_agent = coalesce(:user_agent, user_agent),"
                                  " firmware = coalesce(:firmware, firmware),"
                                  " last_seen = coalesce(:last_seen, last_seen),"
                                  " provisioned_at = coalesce(:provisioned_at, provisioned_at),"
                                  " contact = CASE WHEN :forget_contact THEN NULL"
                                  "                ELSE coalesce(:contact, contact) END"
                                  " WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_text (stmt, ":status", update->status);
  pa_stmt_bind_text (stmt, ":ip", update->ip);
  pa_stmt_bind_text (stmt, ":user_agent", update->user_agent);
  pa_stmt_bind_text (stmt, ":firmware", update->firmware);
  pa_stmt_bind_text (stmt, ":contact", update->contact);
  pa_stmt_bind_int (stmt, ":forget_contact", update->forget_contact);
  if (update->last_seen != NULL)
    pa_stmt_bind_int (stmt, ":last_seen", g_date_time_to_unix (update->last_seen));
  if (update->provisioned_at != NULL)
    pa_stmt_bind_int (stmt, ":provisioned_at", g_date_time_to_unix (update->provisioned_at));

  return run_write (self, stmt, "phone", phone_id, error);
}

static gboolean
pa_sqlite_store_set_phone_sip_action (PaStore                 *store,
                                      gint64                   phone_id,
                                      const PaPhoneSipAction  *action,
                                      GError                 **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;

  /* One statement (the change log entry is the table's trigger's), so it
   * is atomic by itself; a phone that is gone changes no row. */
  stmt = pa_sqlite_store_prepare (self,
                                  "INSERT INTO phone_sip_actions (phone_id, action, result, code,"
                                  "                               reason, at)"
                                  " SELECT :id, :action, :result, :code, :reason, :at"
                                  "  WHERE EXISTS (SELECT 1 FROM phones WHERE id = :id)"
                                  " ON CONFLICT (phone_id) DO UPDATE SET"
                                  "  action = excluded.action, result = excluded.result,"
                                  "  code = excluded.code, reason = excluded.reason,"
                                  "  at = excluded.at",
                                  error);
  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_text (stmt, ":action", action->action);
  pa_stmt_bind_text (stmt, ":result", action->result);
  if (action->code > 0)
    pa_stmt_bind_int (stmt, ":code", action->code);
  pa_stmt_bind_text (stmt, ":reason", action->reason);
  pa_stmt_bind_int (stmt, ":at", g_date_time_to_unix (action->at));
  return run_write (self, stmt, "phone", phone_id, error);
}

/* Enabled, with an address, not disabled by hand. The first term is the
 * partial index phones_with_address's, word for word, so SQLite reads only
 * the phones it holds. */
#define SIP_TARGETS_WHERE \
  " (t.ip IS NOT NULL OR t.contact IS NOT NULL) AND t.status <> 'disabled'" \
  " AND coalesce (json_extract (t.data, '$.enabled'), 1)"

static GArray *
pa_sqlite_store_list_sip_targets (PaStore  *store,
                                  gint64    after,
                                  guint     limit,
                                  gint64   *total,
                                  GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(GArray) targets = g_array_new (FALSE, TRUE, sizeof (PaSipTarget));
  g_autoptr(PaStmt) stmt = NULL;
  int rc;

  g_array_set_clear_func (targets, (GDestroyNotify) pa_sip_target_clear);
  if (total != NULL)
    {
      g_autoptr(PaStmt) count = pa_sqlite_store_prepare (self,
                                                         "SELECT count(*) FROM phones t WHERE"
                                                         SIP_TARGETS_WHERE, error);

      if (count == NULL
          || pa_sqlite_store_step (self, count, "Cannot count phones", error) != SQLITE_ROW)
        return NULL;
      *total = sqlite3_column_int64 (count, 0);
    }

  stmt = pa_sqlite_store_prepare (self,
                                  "SELECT t.id, t.ip,"
                                  "  coalesce (json_extract (t.data, '$.local_sip_port'), 5060),"
                                  "  (SELECT a.username FROM phone_lines l"
                                  "     JOIN sip_accounts a ON a.id = l.sip_account_id"
                                  "    WHERE l.phone_id = t.id ORDER BY l.position LIMIT 1),"
                                  "  t.status, t.contact"
                                  " FROM phones t WHERE t.id > :after AND" SIP_TARGETS_WHERE
                                  " ORDER BY t.id LIMIT :limit", error);
  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_int (stmt, ":after", after);
  pa_stmt_bind_int (stmt, ":limit", limit > 0 ? (gint64) limit : -1);
  while ((rc = pa_sqlite_store_step (self, stmt, "Cannot list phones", error)) == SQLITE_ROW)
    {
      PaSipTarget target = { 0 };

      target.id = sqlite3_column_int64 (stmt, 0);
      target.ip = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      target.port = (guint) CLAMP (sqlite3_column_int64 (stmt, 2), 0, 65535);
      target.user = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      target.status = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      target.contact = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      g_array_append_val (targets, target);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&targets);
}

static char *
pa_sqlite_store_regenerate_phone_token (PaStore  *store,
                                        gint64    phone_id,
                                        GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autofree char *token = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(PaStmt) stmt = NULL;

  token = pa_token_generate (error);
  if (token == NULL)
    return NULL;
  hash = pa_token_hash (token);

  stmt = pa_sqlite_store_prepare (self,
                                  "UPDATE phones SET token = :token, token_hash = :hash"
                                  " WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_text (stmt, ":token", token);
  pa_stmt_bind_text (stmt, ":hash", hash);
  if (!run_write (self, stmt, "phone", phone_id, error))
    return NULL;
  return g_steal_pointer (&token);
}

static gboolean
pa_sqlite_store_set_sip_password (PaStore     *store,
                                  gint64       sip_account_id,
                                  const char  *password,
                                  GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;

  stmt = pa_sqlite_store_prepare (self,
                                  "UPDATE sip_accounts SET password = :password,"
                                  " password_serial = password_serial + 1 WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_text (stmt, ":password", password);
  return run_write (self, stmt, "SIP account", sip_account_id, error);
}

static char *
pa_sqlite_store_get_sip_password (PaStore  *store,
                                  gint64    sip_account_id,
                                  gint64   *serial,
                                  GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;
  int rc;

  stmt = pa_sqlite_store_prepare (self,
                                  "SELECT password, password_serial FROM sip_accounts WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_int (stmt, ":id", sip_account_id);
  rc = pa_sqlite_store_step (self, stmt, "Cannot read the SIP password", error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                   "There is no SIP account with id %" G_GINT64_FORMAT, sip_account_id);
      return NULL;
    }
  if (serial != NULL)
    *serial = sqlite3_column_int64 (stmt, 1);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
pa_sqlite_store_add_admin_token (PaStore     *store,
                                 const char  *token_hash,
                                 const char  *label,
                                 GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  stmt = pa_sqlite_store_prepare (self,
                                  "INSERT INTO admin_tokens (token_hash, label, created_at)"
                                  " VALUES (:hash, :label, :now)",
                                  error);
  if (stmt == NULL)
    return -1;
  pa_stmt_bind_text (stmt, ":hash", token_hash);
  pa_stmt_bind_text (stmt, ":label", label);
  pa_stmt_bind_int (stmt, ":now", now_unix ());

  if (!pa_sqlite_store_tx_begin (store, error))
    return -1;
  if (pa_sqlite_store_step (self, stmt, "Cannot store the admin token", &local_error) == 0)
    {
      pa_sqlite_store_tx_rollback (store);
      if (g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_CONFLICT))
        g_set_error_literal (error, PA_STORE_ERROR, PA_STORE_ERROR_CONFLICT,
                             "This admin token is already stored");
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return -1;
    }
  id = sqlite3_last_insert_rowid (self->db);
  if (!pa_sqlite_store_tx_commit (store, error))
    return -1;
  return id;
}

static gboolean
pa_sqlite_store_check_admin_token (PaStore    *store,
                                   const char *token)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autofree char *hash = pa_token_hash (token);
  g_autoptr(PaStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  /* Looking up by hash leaks nothing about the token: a guess that shares a
   * prefix with a real token has an unrelated hash. */
  stmt = pa_sqlite_store_prepare (self,
                                  "SELECT token_hash FROM admin_tokens WHERE token_hash = :hash",
                                  &error);
  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_text (stmt, ":hash", hash);
  rc = pa_sqlite_store_step (self, stmt, "Cannot check the admin token", &error);
  if (rc == 0)
    {
      g_warning ("%s", error->message);
      return FALSE;
    }
  return rc == SQLITE_ROW &&
         pa_token_equal (hash, (const char *) sqlite3_column_text (stmt, 0));
}

static gint64
pa_sqlite_store_count_admin_tokens (PaStore  *store,
                                    GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;

  stmt = pa_sqlite_store_prepare (self, "SELECT count(*) FROM admin_tokens", error);
  if (stmt == NULL)
    return -1;
  if (pa_sqlite_store_step (self, stmt, "Cannot count admin tokens", error) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
pa_sqlite_store_record_discovered (PaStore     *store,
                                   const char  *mac,
                                   const char  *ip,
                                   const char  *user_agent,
                                   GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);

  if (!pa_mac_is_valid (mac))
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "“%s” is not a normalised unicast MAC", mac);
      return FALSE;
    }

  if (!pa_sqlite_store_tx_begin (store, error))
    return FALSE;

  {
    g_autoptr(PaStmt) stmt = NULL;

    stmt = pa_sqlite_store_prepare (self,
                                    "INSERT INTO discovered_phones"
                                    " (mac, ip, user_agent, first_seen, last_seen, count)"
                                    " VALUES (:mac, :ip, :user_agent, :now, :now, 1)"
                                    " ON CONFLICT (mac) DO UPDATE SET"
                                    " ip = coalesce(excluded.ip, ip),"
                                    " user_agent = coalesce(excluded.user_agent, user_agent),"
                                    " last_seen = excluded.last_seen,"
                                    " count = count + 1",
                                    error);
    if (stmt == NULL)
      goto fail;
    pa_stmt_bind_text (stmt, ":mac", mac);
    pa_stmt_bind_text (stmt, ":ip", ip);
    pa_stmt_bind_text (stmt, ":user_agent", user_agent);
    pa_stmt_bind_int (stmt, ":now", now_unix ());
    if (pa_sqlite_store_step (self, stmt, "Cannot record the discovered phone", error) == 0)
      goto fail;
  }
  {
    g_autoptr(PaStmt) stmt = NULL;

    stmt = pa_sqlite_store_prepare (self,
                                    "DELETE FROM discovered_phones WHERE mac NOT IN"
                                    " (SELECT mac FROM discovered_phones"
                                    "  ORDER BY last_seen DESC, mac LIMIT :max)",
                                    error);
    if (stmt == NULL)
      goto fail;
    pa_stmt_bind_int (stmt, ":max", MAX_DISCOVERED);
    if (pa_sqlite_store_step (self, stmt, "Cannot trim the discovered phones", error) == 0)
      goto fail;
  }
  return pa_sqlite_store_tx_commit (store, error);

fail:
  pa_sqlite_store_tx_rollback (store);
  return FALSE;
}

static GPtrArray *
pa_sqlite_store_list_discovered (PaStore  *store,
                                 GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  stmt = pa_sqlite_store_prepare (self,
                                  "SELECT mac, ip, user_agent, first_seen, last_seen, count, ignored"
                                  " FROM discovered_phones"
                                  " WHERE mac NOT IN (SELECT mac FROM phones)"
                                  " ORDER BY last_seen DESC, mac",
                                  error);
  if (stmt == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_discovered_phone_free);
  while ((rc = pa_sqlite_store_step (self, stmt, "Cannot list discovered phones", error))
         == SQLITE_ROW)
    {
      PaDiscoveredPhone *phone = g_new0 (PaDiscoveredPhone, 1);

      phone->mac = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      phone->ip = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      phone->user_agent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      phone->first_seen = sqlite3_column_int64 (stmt, 3);
      phone->last_seen = sqlite3_column_int64 (stmt, 4);
      phone->count = sqlite3_column_int64 (stmt, 5);
      phone->ignored = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (result, phone);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&result);
}

static gboolean
pa_sqlite_store_forget_discovered (PaStore     *store,
                                   const char  *mac,
                                   GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;

  stmt = pa_sqlite_store_prepare (self, "DELETE FROM discovered_phones WHERE mac = :mac", error);
  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_text (stmt, ":mac", mac);

  if (!pa_sqlite_store_tx_begin (store, error))
    return FALSE;
  if (pa_sqlite_store_step (self, stmt, "Cannot forget the discovered phone", error) == 0)
    {
      pa_sqlite_store_tx_rollback (store);
      return FALSE;
    }
  return pa_sqlite_store_tx_commit (store, error);
}

static gboolean
pa_sqlite_store_ignore_discovered (PaStore     *store,
                                   const char  *mac,
                                   GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;

  stmt = pa_sqlite_store_prepare (self, "UPDATE discovered_phones SET ignored = 1 WHERE mac = :mac",
                                  error);
  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_text (stmt, ":mac", mac);
  if (!pa_sqlite_store_tx_begin (store, error))
    return FALSE;
  if (pa_sqlite_store_step (self, stmt, "Cannot ignore the discovered phone", error) == 0)
    {
      pa_sqlite_store_tx_rollback (store);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      pa_sqlite_store_tx_rollback (store);
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                   "%s has not been discovered", mac);
      return FALSE;
    }
  return pa_sqlite_store_tx_commit (store, error);
}

static char *
pa_sqlite_store_get_site_key (PaStore  *store,
                              GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) select = NULL;
  g_autoptr(PaStmt) insert = NULL;
  g_autofree char *key = NULL;

  select = pa_sqlite_store_prepare (self, "SELECT value FROM server_state WHERE name = 'site_key'",
                                    error);
  if (select == NULL)
    return NULL;
  switch (pa_sqlite_store_step (self, select, "Cannot read the site key", error))
    {
    case 0:
      return NULL;
    case SQLITE_ROW:
      return g_strdup ((const char *) sqlite3_column_text (select, 0));
    default:
      break;
    }

  key = pa_token_generate (error);
  if (key == NULL)
    return NULL;
  insert = pa_sqlite_store_prepare (self, "INSERT INTO server_state (name, value)"
                                          " VALUES ('site_key', :key)", error);
  if (insert == NULL)
    return NULL;
  pa_stmt_bind_text (insert, ":key", key);
  if (!pa_sqlite_store_tx_begin (store, error))
    return NULL;
  if (pa_sqlite_store_step (self, insert, "Cannot keep the site key", error) == 0)
    {
      pa_sqlite_store_tx_rollback (store);
      return NULL;
    }
  if (!pa_sqlite_store_tx_commit (store, error))
    return NULL;
  return g_steal_pointer (&key);
}

static gboolean
pa_sqlite_store_set_phone_fetches (PaStore     *store,
                                   gint64       phone_id,
                                   GPtrArray   *records,
                                   GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) exists = NULL;
  g_autoptr(PaStmt) clear = NULL;

  exists = pa_sqlite_store_prepare (self, "SELECT 1 FROM phones WHERE id = :id", error);
  clear = pa_sqlite_store_prepare (self, "DELETE FROM phone_fetches WHERE phone_id = :id", error);
  if (exists == NULL || clear == NULL)
    return FALSE;
  pa_stmt_bind_int (exists, ":id", phone_id);
  pa_stmt_bind_int (clear, ":id", phone_id);
  if (!pa_sqlite_store_tx_begin (store, error))
    return FALSE;
  switch (pa_sqlite_store_step (self, exists, "Cannot find the phone", error))
    {
    case SQLITE_ROW:
      break;
    case 0:
      goto fail;
    default:
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                   "phone %" G_GINT64_FORMAT " does not exist", phone_id);
      goto fail;
    }
  if (pa_sqlite_store_step (self, clear, "Cannot replace the phone's fetches", error) == 0)
    goto fail;
  for (guint i = 0; i < records->len; i++)
    {
      const PaFetchRecord *record = g_ptr_array_index (records, i);
      g_autoptr(PaStmt) insert = NULL;

      insert = pa_sqlite_store_prepare (self,
                                        "INSERT INTO phone_fetches (phone_id, position, file, ip,"
                                        " user_agent, status, first_at, last_at, count)"
                                        " VALUES (:id, :position, :file, :ip, :user_agent,"
                                        " :status, :first_at, :last_at, :count)", error);
      if (insert == NULL)
        goto fail;
      pa_stmt_bind_int (insert, ":id", phone_id);
      pa_stmt_bind_int (insert, ":position", i);
      pa_stmt_bind_text (insert, ":file", record->file);
      pa_stmt_bind_text (insert, ":ip", record->ip);
      pa_stmt_bind_text (insert, ":user_agent", record->user_agent);
      pa_stmt_bind_int (insert, ":status", record->status);
      pa_stmt_bind_int (insert, ":first_at", record->first_at);
      pa_stmt_bind_int (insert, ":last_at", record->last_at);
      pa_stmt_bind_int (insert, ":count", record->count);
      if (pa_sqlite_store_step (self, insert, "Cannot record the phone's fetches", error) == 0)
        goto fail;
    }
  return pa_sqlite_store_tx_commit (store, error);

fail:
  pa_sqlite_store_tx_rollback (store);
  return FALSE;
}

static GPtrArray *
pa_sqlite_store_list_phone_fetches (PaStore  *store,
                                    gint64    phone_id,
                                    GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;
  g_autoptr(GPtrArray) result = NULL;
  int rc;

  stmt = pa_sqlite_store_prepare (self,
                                  "SELECT file, ip, user_agent, status, first_at, last_at, count"
                                  " FROM phone_fetches WHERE phone_id = :id ORDER BY position",
                                  error);
  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_int (stmt, ":id", phone_id);
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_fetch_record_free);
  while ((rc = pa_sqlite_store_step (self, stmt, "Cannot list the phone's fetches", error))
         == SQLITE_ROW)
    {
      PaFetchRecord *record = g_new0 (PaFetchRecord, 1);

      record->file = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      record->ip = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      record->user_agent = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      record->status = (guint) sqlite3_column_int (stmt, 3);
      record->first_at = sqlite3_column_int64 (stmt, 4);
      record->last_at = sqlite3_column_int64 (stmt, 5);
      record->count = sqlite3_column_int64 (stmt, 6);
      g_ptr_array_add (result, record);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&result);
}

void
pa_sqlite_store_init_phone_iface (PaStoreInterface *iface)
{
  iface->regenerate_phone_token = pa_sqlite_store_regenerate_phone_token;
  iface->count_phones_for_agent = pa_sqlite_store_count_phones_for_agent;
  iface->count_sip_region_users = pa_sqlite_store_count_sip_region_users;
  iface->list_phones_naming = pa_sqlite_store_list_phones_naming;
  iface->find_sip_account = pa_sqlite_store_find_sip_account;
  iface->list_status_history = pa_sqlite_store_list_status_history;
  iface->update_phone_status = pa_sqlite_store_update_phone_status;
  iface->set_phone_sip_action = pa_sqlite_store_set_phone_sip_action;
  iface->list_sip_targets = pa_sqlite_store_list_sip_targets;
  iface->set_sip_password = pa_sqlite_store_set_sip_password;
  iface->get_sip_password = pa_sqlite_store_get_sip_password;
  iface->add_admin_token = pa_sqlite_store_add_admin_token;
  iface->check_admin_token = pa_sqlite_store_check_admin_token;
  iface->count_admin_tokens = pa_sqlite_store_count_admin_tokens;
  iface->record_discovered = pa_sqlite_store_record_discovered;
  iface->list_discovered = pa_sqlite_store_list_discovered;
  iface->forget_discovered = pa_sqlite_store_forget_discovered;
  iface->ignore_discovered = pa_sqlite_store_ignore_discovered;
  iface->get_site_key = pa_sqlite_store_get_site_key;
  iface->set_phone_fetches = pa_sqlite_store_set_phone_fetches;
  iface->list_phone_fetches = pa_sqlite_store_list_phone_fetches;
}
