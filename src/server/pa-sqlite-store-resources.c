/* pa-sqlite-store-resources.c — the SQLite store's resource queries: get,
 * list, insert, update, delete and the phone lookups (the row mapping is in
 * pa-sqlite-store-rows.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-sqlite-store"

#include "config.h"

#include "pa-agent.h"
#include "pa-layout.h"
#include "pa-mac.h"
#include "pa-module-layout.h"
#include "pa-phone.h"
#include "pa-profile.h"
#include "pa-sip-account.h"
#include "pa-sqlite-store-rows.h"
#include "pa-token.h"

static PaResource *
load_one (PaSqliteStore           *self,
          const PaSqliteKindInfo  *info,
          const char              *where,
          const char              *key,
          gint64                   key_id,
          GError                 **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(PaStmt) stmt = NULL;
  int rc;

  /* The fragments are constants of this file; only bound values vary. */
  sql = g_strdup_printf ("SELECT %s FROM %s t WHERE %s", pa_sqlite_columns (info),
                         info->table, where);
  stmt = pa_sqlite_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  if (key != NULL)
    pa_stmt_bind_text (stmt, ":key", key);
  else
    pa_stmt_bind_int (stmt, ":key", key_id);

  rc = pa_sqlite_store_step (self, stmt, "Cannot read from the database", error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      if (key != NULL)
        g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                     "No %s matches", info->noun);
      else
        g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                     "There is no %s with id %" G_GINT64_FORMAT, info->noun, key_id);
      return NULL;
    }
  return pa_sqlite_resource_from_stmt (info, stmt, error);
}

/* Existing row's revision and name; FALSE with NOT_FOUND when absent. */
static gboolean
lookup_row (PaSqliteStore           *self,
            const PaSqliteKindInfo  *info,
            gint64                   id,
            gint64                  *out_revision,
            char                   **out_name,
            GError                 **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT revision, name FROM %s WHERE id = :id",
                                          info->table);
  g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_int (stmt, ":id", id);
  rc = pa_sqlite_store_step (self, stmt, "Cannot read from the database", error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                   "There is no %s with id %" G_GINT64_FORMAT, info->noun, id);
      return FALSE;
    }
  if (out_revision)
    *out_revision = sqlite3_column_int64 (stmt, 0);
  if (out_name)
    *out_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return TRUE;
}

static gboolean
check_revision (PaSqliteStore           *self,
                const PaSqliteKindInfo  *info,
                gint64                   id,
                gint64                   expected_revision,
                GError                 **error)
{
  g_autofree char *name = NULL;
  gint64 revision = 0;

  if (!lookup_row (self, info, id, &revision, &name, error))
    return FALSE;
  if (expected_revision >= 0 && revision != expected_revision)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_STALE,
                   "The %s “%s” was changed meanwhile (it is at revision %" G_GINT64_FORMAT
                   ", not %" G_GINT64_FORMAT "); reload it and try again",
                   info->noun, name, revision, expected_revision);
      return FALSE;
    }
  return TRUE;
}

/* A clear CONSTRAINT error instead of SQLite's bare "FOREIGN KEY constraint
 * failed", which does not say which reference is wrong. */
static gboolean
check_reference (PaSqliteStore  *self,
                 const char     *what,
                 PaSqliteKind            target,
                 gint64          target_id,
                 GError        **error)
{
  if (target_id <= 0)
    return TRUE;
  if (lookup_row (self, &pa_sqlite_kinds[target], target_id, NULL, NULL, error))
    return TRUE;
  if (g_error_matches (*error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
    {
      g_clear_error (error);
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT,
                   "%s refers to %s %" G_GINT64_FORMAT ", which does not exist",
                   what, pa_sqlite_kinds[target].noun, target_id);
    }
  return FALSE;
}

static gboolean
check_references (PaSqliteStore           *self,
                  const PaSqliteKindInfo  *info,
                  PaResource              *resource,
                  const PaSqliteRow       *row,
                  GError                 **error)
{
  g_autofree char *what = g_strdup_printf ("The %s", info->noun);

  if (!check_reference (self, what, PA_SQLITE_KIND_AGENT, row->agent_id, error) ||
      !check_reference (self, what, PA_SQLITE_KIND_LAYOUT, row->layout_id, error) ||
      !check_reference (self, what, PA_SQLITE_KIND_PROFILE, row->profile_id, error))
    return FALSE;

  if (info->kind == PA_SQLITE_KIND_PHONE)
    {
      GArray *lines = pa_phone_get_lines (PA_PHONE (resource));
      GPtrArray *modules = pa_phone_get_modules (PA_PHONE (resource));

      for (guint i = 0; i < lines->len; i++)
        {
          g_autofree char *line = g_strdup_printf ("Line %u", i + 1);

          if (!check_reference (self, line, PA_SQLITE_KIND_SIP_ACCOUNT,
                                g_array_index (lines, gint64, i), error))
            return FALSE;
        }
      for (guint i = 0; i < modules->len; i++)
        {
          const PaPhoneModule *module = g_ptr_array_index (modules, i);
          g_autofree char *slot = g_strdup_printf ("Module %u", i + 1);

          if (!check_reference (self, slot, PA_SQLITE_KIND_MODULE_LAYOUT, module->layout_id, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Names who already has a unique value, before SQLite's bare "UNIQUE
 * constraint failed" would. */
static gboolean
check_unique (PaSqliteStore           *self,
              const PaSqliteKindInfo  *info,
              gint64                   own_id,
              const PaSqliteRow       *row,
              GError                 **error)
{
  const char *sql;
  const char *value;
  g_autoptr(PaStmt) stmt = NULL;
  int rc;

  if (info->kind == PA_SQLITE_KIND_PHONE)
    {
      sql = "SELECT name FROM phones WHERE mac = :value AND id != :id";
      value = row->mac;
    }
  else if (info->kind == PA_SQLITE_KIND_SIP_ACCOUNT)
    {
      sql = "SELECT name FROM sip_accounts WHERE username = :value AND id != :id";
      value = row->username;
    }
  else
    return TRUE;

  stmt = pa_sqlite_store_prepare (self, sql, error);
  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_text (stmt, ":value", value);
  pa_stmt_bind_int (stmt, ":id", own_id);
  rc = pa_sqlite_store_step (self, stmt, "Cannot read from the database", error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      const char *owner = (const char *) sqlite3_column_text (stmt, 0);

      if (info->kind == PA_SQLITE_KIND_PHONE)
        g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONFLICT,
                     "%s already belongs to phone “%s”", value, owner);
      else
        g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONFLICT,
                     "The SIP username “%s” is already taken", value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_stmt (PaSqliteStore  *self,
          const char     *sql,
          const char     *context,
          gint64          phone_id,
          gint64          position,
          const char     *module,
          gint64          ref_id,
          GError        **error)
{
  g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_int (stmt, ":phone_id", phone_id);
  pa_stmt_bind_int (stmt, ":position", position);
  pa_stmt_bind_text (stmt, ":module", module);
  pa_stmt_bind_id (stmt, ":ref_id", ref_id);
  return pa_sqlite_store_step (self, stmt, context, error) != 0;
}

static gboolean
write_phone_children (PaSqliteStore  *self,
                      PaPhone        *phone,
                      gint64          phone_id,
                      GError        **error)
{
  GArray *lines = pa_phone_get_lines (phone);
  GPtrArray *modules = pa_phone_get_modules (phone);

  if (!run_stmt (self, "DELETE FROM phone_lines WHERE phone_id = :phone_id",
                 "Cannot save the phone's lines", phone_id, 0, NULL, 0, error) ||
      !run_stmt (self, "DELETE FROM phone_modules WHERE phone_id = :phone_id",
                 "Cannot save the phone's modules", phone_id, 0, NULL, 0, error))
    return FALSE;

  for (guint i = 0; i < lines->len; i++)
    {
      gint64 account_id = g_array_index (lines, gint64, i);

      /* 0 is an empty line slot: nothing to refer to. */
      if (account_id > 0 &&
          !run_stmt (self,
                     "INSERT INTO phone_lines (phone_id, position, sip_account_id)"
                     " VALUES (:phone_id, :position, :ref_id)",
                     "Cannot save the phone's lines", phone_id, i + 1, NULL, account_id,
                     error))
        return FALSE;
    }
  for (guint i = 0; i < modules->len; i++)
    {
      const PaPhoneModule *module = g_ptr_array_index (modules, i);

      if (!run_stmt (self,
                     "INSERT INTO phone_modules (phone_id, position, module, layout_id)"
                     " VALUES (:phone_id, :position, :module, :ref_id)",
                     "Cannot save the phone's modules", phone_id, i + 1,
                     module->module_id ? module->module_id : "", module->layout_id, error))
        return FALSE;
    }
  return TRUE;
}

/* Copies what the store owns (status columns, token) into the caller's
 * object after a write, so it matches what a get() would return. */
static void
refresh_server_owned (PaSqliteStore *self,
                      PaResource    *resource,
                      gint64         id,
                      gint64         revision)
{
  pa_resource_set_id (resource, id);
  pa_resource_set_revision (resource, revision);

  if (PA_IS_PHONE (resource))
    {
      g_autoptr(PaResource) stored = NULL;
      PaPhone *phone = PA_PHONE (resource);
      PaPhone *from;

      stored = load_one (self, &pa_sqlite_kinds[PA_SQLITE_KIND_PHONE], "t.id = :key", NULL, id,
                         NULL);
      if (stored == NULL)
        return;
      from = PA_PHONE (stored);
      pa_phone_set_token (phone, pa_phone_get_token (from));
      pa_phone_set_status (phone, pa_phone_get_status (from));
      pa_phone_set_ip (phone, pa_phone_get_ip (from));
      pa_phone_set_user_agent (phone, pa_phone_get_user_agent (from));
      pa_phone_set_firmware (phone, pa_phone_get_firmware (from));
      pa_phone_set_last_seen (phone, pa_phone_get_last_seen (from));
      pa_phone_set_provisioned_at (phone, pa_phone_get_provisioned_at (from));
    }
}

/* -- PaStore: resources ------------------------------------------------------- */

static PaResource *
pa_sqlite_store_get (PaStore  *store,
                     GType     type,
                     gint64    id,
                     GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const PaSqliteKindInfo *info = pa_sqlite_kind_for_type (type, error);

  if (info == NULL)
    return NULL;
  return load_one (self, info, "t.id = :key", NULL, id, error);
}

/* One page of a kind's rows in id order, with @select (fragments of this
 * file, never input) as what each row gives; counts the matches into
 * @out_total when asked. Each row is handed to @row. */
typedef gboolean (*ListRowFunc) (const PaSqliteKindInfo *info,
                                 sqlite3_stmt           *stmt,
                                 gpointer                user_data,
                                 GError                **error);

static gboolean
list_rows (PaSqliteStore          *self,
           const PaSqliteKindInfo *info,
           const char             *select,
           const PaStoreQuery     *query,
           gint64                 *out_total,
           ListRowFunc             row,
           gpointer                user_data,
           GError                **error)
{
  g_autofree char *needle = NULL;
  g_autofree char *from = NULL;
  g_autofree char *select_sql = NULL;
  const char *where;

  if (query->filter != NULL && *query->filter != '\0')
    needle = g_utf8_casefold (query->filter, -1);

  /* A phone is found by its agent's name too. */
  if (info->kind == PA_SQLITE_KIND_PHONE)
    {
      from = g_strdup ("phones t LEFT JOIN agents a ON a.id = t.agent_id");
      where = "t.id > :after AND (:filter IS NULL OR instr(t.search, :filter) > 0"
              " OR instr(pa_fold(a.name), :filter) > 0)";
    }
  else
    {
      from = g_strdup_printf ("%s t", info->table);
      where = "t.id > :after AND (:filter IS NULL OR instr(t.search, :filter) > 0)";
    }

  if (out_total != NULL)
    {
      g_autofree char *count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s",
                                                    from, where);
      g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, count_sql, error);

      if (stmt == NULL)
        return FALSE;
      pa_stmt_bind_text (stmt, ":filter", needle);
      pa_stmt_bind_int (stmt, ":after", query->after);
      if (pa_sqlite_store_step (self, stmt, "Cannot count resources", error) != SQLITE_ROW)
        return FALSE;
      *out_total = sqlite3_column_int64 (stmt, 0);
    }

  select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s ORDER BY t.id"
                                " LIMIT :limit OFFSET :offset", select, from, where);
  {
    g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, select_sql, error);
    int rc;

    if (stmt == NULL)
      return FALSE;
    pa_stmt_bind_text (stmt, ":filter", needle);
    pa_stmt_bind_int (stmt, ":after", query->after);
    pa_stmt_bind_int (stmt, ":limit", query->limit > 0 ? (gint64) query->limit : -1);
    pa_stmt_bind_int (stmt, ":offset", query->offset);

    while ((rc = pa_sqlite_store_step (self, stmt, "Cannot list resources", error)) == SQLITE_ROW)
      if (!row (info, stmt, user_data, error))
        return FALSE;
    return rc != 0;
  }
}

static gboolean
add_resource (const PaSqliteKindInfo  *info,
              sqlite3_stmt            *stmt,
              gpointer                 user_data,
              GError                 **error)
{
  PaResource *resource = pa_sqlite_resource_from_stmt (info, stmt, error);

  if (resource == NULL)
    return FALSE;
  g_ptr_array_add (user_data, resource);
  return TRUE;
}

static GPtrArray *
pa_sqlite_store_list (PaStore             *store,
                      GType                type,
                      const PaStoreQuery  *query,
                      gint64              *out_total,
                      GError             **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const PaSqliteKindInfo *info = pa_sqlite_kind_for_type (type, error);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);

  if (info == NULL ||
      !list_rows (self, info, pa_sqlite_columns (info), query, out_total, add_resource,
                  result, error))
    return NULL;
  return g_steal_pointer (&result);
}

typedef struct
{
  GString *out;
  guint    count;
  gint64   last_id;
} JsonItems;

static gboolean
add_json_item (const PaSqliteKindInfo  *info,
               sqlite3_stmt            *stmt,
               gpointer                 user_data,
               GError                 **error)
{
  JsonItems *items = user_data;
  const char *text = (const char *) sqlite3_column_text (stmt, 1);

  /* json_set() answers NULL only for stored text that is not JSON. */
  if (text == NULL)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Stored %s %" G_GINT64_FORMAT " is damaged: not a JSON object", info->noun,
                   (gint64) sqlite3_column_int64 (stmt, 0));
      return FALSE;
    }
  if (items->count++ > 0)
    g_string_append_c (items->out, ',');
  g_string_append_len (items->out, text, sqlite3_column_bytes (stmt, 1));
  items->last_id = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
pa_sqlite_store_list_json (PaStore             *store,
                           GType                type,
                           const PaStoreQuery  *query,
                           GString             *out,
                           guint               *out_count,
                           gint64              *out_last_id,
                           gint64              *out_total,
                           GError             **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const PaSqliteKindInfo *info = pa_sqlite_kind_for_type (type, error);
  g_autofree char *select = NULL;
  JsonItems items = { out, 0, 0 };

  if (info == NULL)
    return FALSE;
  select = g_strdup_printf ("t.id, %s", pa_sqlite_item_json (info));
  if (!list_rows (self, info, select, query, out_total, add_json_item, &items, error))
    return FALSE;
  *out_count = items.count;
  *out_last_id = items.last_id;
  return TRUE;
}

static gboolean
pa_sqlite_store_insert (PaStore     *store,
                        PaResource  *resource,
                        GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const PaSqliteKindInfo *info = pa_sqlite_kind_for_type (G_OBJECT_TYPE (resource), error);
  g_auto(PaSqliteRow) row = { 0 };
  gint64 id;

  if (info == NULL)
    return FALSE;
  if (pa_resource_get_id (resource) != 0)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "A new %s cannot have an id (it has %" G_GINT64_FORMAT ")",
                   info->noun, pa_resource_get_id (resource));
      return FALSE;
    }

  pa_sqlite_row_from_resource (&row, info, resource);
  if (info->kind == PA_SQLITE_KIND_PHONE)
    {
      const char *token = pa_phone_get_token (PA_PHONE (resource));

      if (token != NULL && *token != '\0')
        row.token = g_strdup (token);
      else if ((row.token = pa_token_generate (error)) == NULL)
        return FALSE;
      row.token_hash = pa_token_hash (row.token);
    }

  if (!pa_sqlite_store_tx_begin (store, error))
    return FALSE;

  if (!check_references (self, info, resource, &row, error) ||
      !check_unique (self, info, 0, &row, error))
    goto fail;

  {
    g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, info->insert_sql, error);
    g_autofree char *context = g_strdup_printf ("Cannot store the %s", info->noun);

    if (stmt == NULL)
      goto fail;
    pa_sqlite_row_bind (stmt, &row);
    if (pa_sqlite_store_step (self, stmt, context, error) == 0)
      goto fail;
    id = sqlite3_last_insert_rowid (self->db);
  }

  if (info->kind == PA_SQLITE_KIND_PHONE
      && !write_phone_children (self, PA_PHONE (resource), id, error))
    goto fail;

  if (!pa_sqlite_store_record_change (self, G_OBJECT_TYPE (resource), id, "created", error))
    goto fail;

  if (!pa_sqlite_store_tx_commit (store, error))
    return FALSE;

  refresh_server_owned (self, resource, id, 1);
  return TRUE;

fail:
  pa_sqlite_store_tx_rollback (store);
  return FALSE;
}

static gboolean
pa_sqlite_store_update (PaStore     *store,
                        PaResource  *resource,
                        gint64       expected_revision,
                        GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const PaSqliteKindInfo *info = pa_sqlite_kind_for_type (G_OBJECT_TYPE (resource), error);
  gint64 id = pa_resource_get_id (resource);
  g_auto(PaSqliteRow) row = { 0 };
  gint64 revision = 0;

  if (info == NULL)
    return FALSE;

  pa_sqlite_row_from_resource (&row, info, resource);

  if (!pa_sqlite_store_tx_begin (store, error))
    return FALSE;

  if (!check_revision (self, info, id, expected_revision, error) ||
      !check_references (self, info, resource, &row, error) ||
      !check_unique (self, info, id, &row, error))
    goto fail;

  {
    g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, info->update_sql, error);
    g_autofree char *context = g_strdup_printf ("Cannot store the %s", info->noun);

    if (stmt == NULL)
      goto fail;
    pa_sqlite_row_bind (stmt, &row);
    pa_stmt_bind_int (stmt, ":id", id);
    if (pa_sqlite_store_step (self, stmt, context, error) == 0)
      goto fail;
  }

  if (info->kind == PA_SQLITE_KIND_PHONE
      && !write_phone_children (self, PA_PHONE (resource), id, error))
    goto fail;

  if (!lookup_row (self, info, id, &revision, NULL, error) ||
      !pa_sqlite_store_record_change (self, G_OBJECT_TYPE (resource), id, "updated", error))
    goto fail;

  if (!pa_sqlite_store_tx_commit (store, error))
    return FALSE;

  refresh_server_owned (self, resource, id, revision);
  return TRUE;

fail:
  pa_sqlite_store_tx_rollback (store);
  return FALSE;
}

/* How SQLite counts a reference of pa-store.c's list: which table and
 * column hold it. */
static const struct
{
  PaSqliteKind  referrer;
  const char   *member;
  const char   *sql;     /* counts the rows naming :id */
} namings[] = {
  { PA_SQLITE_KIND_PHONE, "agent_id", "SELECT count(*) FROM phones WHERE agent_id = :id" },
  { PA_SQLITE_KIND_SIP_ACCOUNT, "agent_id",
    "SELECT count(*) FROM sip_accounts WHERE agent_id = :id" },
  { PA_SQLITE_KIND_PHONE, "lines",
    "SELECT count(DISTINCT phone_id) FROM phone_lines WHERE sip_account_id = :id" },
  { PA_SQLITE_KIND_PHONE, "layout_id", "SELECT count(*) FROM phones WHERE layout_id = :id" },
  { PA_SQLITE_KIND_PROFILE, "layout_id", "SELECT count(*) FROM profiles WHERE layout_id = :id" },
  { PA_SQLITE_KIND_PHONE, "modules",
    "SELECT count(DISTINCT phone_id) FROM phone_modules WHERE layout_id = :id" },
  { PA_SQLITE_KIND_PHONE, "profile_id", "SELECT count(*) FROM phones WHERE profile_id = :id" },
};

static gint64
pa_sqlite_store_count_naming (PaStore     *store,
                              GType        referrer,
                              const char  *member,
                              gint64       id,
                              GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const PaSqliteKindInfo *info = pa_sqlite_kind_for_type (referrer, error);

  if (info == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (namings); i++)
    {
      g_autoptr(PaStmt) stmt = NULL;

      if (namings[i].referrer != info->kind || !g_str_equal (namings[i].member, member))
        continue;
      stmt = pa_sqlite_store_prepare (self, namings[i].sql, error);
      if (stmt == NULL)
        return -1;
      pa_stmt_bind_int (stmt, ":id", id);
      if (pa_sqlite_store_step (self, stmt, "Cannot read from the database", error) != SQLITE_ROW)
        return -1;
      return sqlite3_column_int64 (stmt, 0);
    }
  g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
               "The store does not know how a %s names something in “%s”", info->noun, member);
  return -1;
}

static gboolean
pa_sqlite_store_delete (PaStore  *store,
                        GType     type,
                        gint64    id,
                        gint64    expected_revision,
                        GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const PaSqliteKindInfo *info = pa_sqlite_kind_for_type (type, error);
  g_autofree char *sql = NULL;

  if (info == NULL)
    return FALSE;

  if (!pa_sqlite_store_tx_begin (store, error))
    return FALSE;

  if (!check_revision (self, info, id, expected_revision, error))
    goto fail;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = :id", info->table);
  {
    g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, sql, error);
    g_autofree char *context = g_strdup_printf ("Cannot delete the %s", info->noun);

    if (stmt == NULL)
      goto fail;
    pa_stmt_bind_int (stmt, ":id", id);
    if (pa_sqlite_store_step (self, stmt, context, error) == 0)
      goto fail;
  }

  if (!pa_sqlite_store_record_change (self, type, id, "deleted", error))
    goto fail;

  return pa_sqlite_store_tx_commit (store, error);

fail:
  pa_sqlite_store_tx_rollback (store);
  return FALSE;
}

static PaResource *
pa_sqlite_store_find_phone_by_mac (PaStore     *store,
                                   const char  *mac,
                                   GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autofree char *normalized = pa_mac_normalize (mac, NULL);
  PaResource *phone;

  phone = load_one (self, &pa_sqlite_kinds[PA_SQLITE_KIND_PHONE], "t.mac = :key",
                    normalized ? normalized : mac, 0, error);
  if (phone == NULL && error != NULL && *error != NULL &&
      (*error)->code == PA_STORE_ERROR_NOT_FOUND && (*error)->domain == PA_STORE_ERROR)
    {
      g_clear_error (error);
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                   "No phone has the MAC %s", normalized ? normalized : mac);
    }
  return phone;
}

/* Extensions are few and live in the agent's data: a scan is enough. */
static PaResource *
pa_sqlite_store_find_agent_by_extension (PaStore     *store,
                                         const char  *extension,
                                         GError     **error)
{
  return load_one (PA_SQLITE_STORE (store), &pa_sqlite_kinds[PA_SQLITE_KIND_AGENT],
                   "json_extract (t.data, '$.extension') = :key", extension, 0, error);
}

static PaResource *
pa_sqlite_store_find_phone_by_token (PaStore     *store,
                                     const char  *token,
                                     GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autofree char *hash = pa_token_hash (token);
  g_autoptr(GError) local_error = NULL;
  PaResource *phone;

  phone = load_one (self, &pa_sqlite_kinds[PA_SQLITE_KIND_PHONE], "t.token_hash = :key", hash, 0,
                    &local_error);
  if (phone == NULL)
    {
      if (g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
        g_set_error_literal (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                             "No phone has this token");
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return phone;
}

void
pa_sqlite_store_init_resource_iface (PaStoreInterface *iface)
{
  iface->get = pa_sqlite_store_get;
  iface->list = pa_sqlite_store_list;
  iface->list_json = pa_sqlite_store_list_json;
  iface->insert = pa_sqlite_store_insert;
  iface->update = pa_sqlite_store_update;
  iface->delete = pa_sqlite_store_delete;
  iface->count_naming = pa_sqlite_store_count_naming;
  iface->find_phone_by_mac = pa_sqlite_store_find_phone_by_mac;
  iface->find_agent_by_extension = pa_sqlite_store_find_agent_by_extension;
  iface->find_phone_by_token = pa_sqlite_store_find_phone_by_token;
}
