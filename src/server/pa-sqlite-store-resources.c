/* pa-sqlite-store-resources.c — the SQLite store's resource tables: get,
 * list, insert, update, delete and the phone lookups
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
#include "pa-sqlite-store-private.h"
#include "pa-token.h"

typedef enum
{
  KIND_AGENT,
  KIND_SIP_ACCOUNT,
  KIND_PHONE,
  KIND_LAYOUT,
  KIND_MODULE_LAYOUT,
  KIND_PROFILE,
} Kind;

typedef struct
{
  Kind        kind;
  const char *table;
  const char *noun;          /* in messages: "SIP account" */
  const char *insert_sql;
  const char *update_sql;
} KindInfo;

/* Named parameters: bind_row() binds whichever of them a statement has. */
static const KindInfo kinds[] = {
  { KIND_AGENT, "agents", "agent",
    "INSERT INTO agents (revision, name, search, data)"
    " VALUES (1, :name, :search, :data)",
    "UPDATE agents SET revision = revision + 1, name = :name, search = :search,"
    " data = :data WHERE id = :id" },
  { KIND_SIP_ACCOUNT, "sip_accounts", "SIP account",
    "INSERT INTO sip_accounts (revision, name, agent_id, username, search, data)"
    " VALUES (1, :name, :agent_id, :username, :search, :data)",
    "UPDATE sip_accounts SET revision = revision + 1, name = :name, agent_id = :agent_id,"
    " username = :username, search = :search, data = :data WHERE id = :id" },
  { KIND_PHONE, "phones", "phone",
    "INSERT INTO phones (revision, name, mac, model, agent_id, layout_id, profile_id,"
    " token, token_hash, search, data)"
    " VALUES (1, :name, :mac, :model, :agent_id, :layout_id, :profile_id,"
    " :token, :token_hash, :search, :data)",
    "UPDATE phones SET revision = revision + 1, name = :name, mac = :mac, model = :model,"
    " agent_id = :agent_id, layout_id = :layout_id, profile_id = :profile_id,"
    " search = :search, data = :data WHERE id = :id" },
  { KIND_LAYOUT, "layouts", "layout",
    "INSERT INTO layouts (revision, name, model, search, data)"
    " VALUES (1, :name, :model, :search, :data)",
    "UPDATE layouts SET revision = revision + 1, name = :name, model = :model,"
    " search = :search, data = :data WHERE id = :id" },
  { KIND_MODULE_LAYOUT, "module_layouts", "module layout",
    "INSERT INTO module_layouts (revision, name, module, search, data)"
    " VALUES (1, :name, :module, :search, :data)",
    "UPDATE module_layouts SET revision = revision + 1, name = :name, module = :module,"
    " search = :search, data = :data WHERE id = :id" },
  { KIND_PROFILE, "profiles", "profile",
    "INSERT INTO profiles (revision, name, layout_id, search, data)"
    " VALUES (1, :name, :layout_id, :search, :data)",
    "UPDATE profiles SET revision = revision + 1, name = :name, layout_id = :layout_id,"
    " search = :search, data = :data WHERE id = :id" },
};

/* Phone members kept in columns, so `data` never holds a stale copy. */
static const char * const phone_column_members[] = {
  "status", "ip", "user_agent", "firmware", "last_seen", "provisioned_at", "token",
};

#define PHONE_COLUMNS \
  "t.id, t.revision, t.data, t.token, t.status, t.ip, t.user_agent, t.firmware," \
  " t.last_seen, t.provisioned_at"
#define OTHER_COLUMNS "t.id, t.revision, t.data"

/* -- kinds and rows ---------------------------------------------------------- */

static const KindInfo *
kind_for_type (GType    type,
               GError **error)
{
  Kind kind;

  if (type == PA_TYPE_AGENT)
    kind = KIND_AGENT;
  else if (type == PA_TYPE_SIP_ACCOUNT)
    kind = KIND_SIP_ACCOUNT;
  else if (type == PA_TYPE_PHONE)
    kind = KIND_PHONE;
  else if (type == PA_TYPE_LAYOUT)
    kind = KIND_LAYOUT;
  else if (type == PA_TYPE_MODULE_LAYOUT)
    kind = KIND_MODULE_LAYOUT;
  else if (type == PA_TYPE_PROFILE)
    kind = KIND_PROFILE;
  else
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "The store keeps no resources of type %s", g_type_name (type));
      return NULL;
    }
  return &kinds[kind];
}

static GType
type_for_kind (Kind kind)
{
  switch (kind)
    {
    case KIND_AGENT: return PA_TYPE_AGENT;
    case KIND_SIP_ACCOUNT: return PA_TYPE_SIP_ACCOUNT;
    case KIND_PHONE: return PA_TYPE_PHONE;
    case KIND_LAYOUT: return PA_TYPE_LAYOUT;
    case KIND_MODULE_LAYOUT: return PA_TYPE_MODULE_LAYOUT;
    case KIND_PROFILE: return PA_TYPE_PROFILE;
    default: g_assert_not_reached ();
    }
}

/* The column values of one resource. */
typedef struct
{
  char       *name;
  char       *search;
  char       *data;
  const char *username;
  const char *mac;
  const char *model;
  const char *module;
  gint64      agent_id;
  gint64      layout_id;
  gint64      profile_id;
  char       *token;
  char       *token_hash;
} Row;

static void
row_clear (Row *row)
{
  g_free (row->name);
  g_free (row->search);
  g_free (row->data);
  g_free (row->token);
  g_free (row->token_hash);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

/* Case-folded words the list filter searches, one per line; NULL and empty
 * parts are skipped. */
static char *
fold_join (const char * const *parts,
           gsize               n_parts)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < n_parts; i++)
    {
      g_autofree char *folded = NULL;

      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      folded = g_utf8_casefold (parts[i], -1);
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, folded);
    }
  return g_string_free (out, FALSE);
}
#define FOLD_JOIN(...) \
  fold_join ((const char * const[]) { __VA_ARGS__ }, \
             G_N_ELEMENTS (((const char * const[]) { __VA_ARGS__ })))

static void
row_from_resource (Row            *row,
                   const KindInfo *info,
                   PaResource     *resource)
{
  g_autoptr(JsonNode) node = pa_resource_to_json (resource);
  JsonObject *object = json_node_get_object (node);

  /* id and revision live in columns only, as do a phone's status members. */
  json_object_remove_member (object, "id");
  json_object_remove_member (object, "revision");

  switch (info->kind)
    {
    case KIND_AGENT:
      {
        PaAgent *agent = PA_AGENT (resource);

        row->name = g_strdup (pa_agent_get_name (agent));
        row->search = FOLD_JOIN (pa_agent_get_name (agent), pa_agent_get_extension (agent),
                                 pa_agent_get_email (agent));
      }
      break;

    case KIND_SIP_ACCOUNT:
      {
        PaSipAccount *account = PA_SIP_ACCOUNT (resource);

        row->username = pa_sip_account_get_username (account);
        row->agent_id = pa_sip_account_get_agent_id (account);
        row->name = g_strdup (row->username);
        row->search = FOLD_JOIN (row->username, pa_sip_account_get_auth_name (account),
                                 pa_sip_account_get_display_name (account),
                                 pa_sip_account_get_label (account));
      }
      break;

    case KIND_PHONE:
      {
        PaPhone *phone = PA_PHONE (resource);
        g_autofree char *compact = NULL;

        for (guint i = 0; i < G_N_ELEMENTS (phone_column_members); i++)
          json_object_remove_member (object, phone_column_members[i]);

        row->name = g_strdup (pa_phone_get_name (phone));
        row->mac = pa_phone_get_mac (phone);
        row->model = pa_phone_get_model (phone);
        row->agent_id = pa_phone_get_agent_id (phone);
        row->layout_id = pa_phone_get_layout_id (phone);
        row->profile_id = pa_phone_get_profile_id (phone);
        compact = pa_mac_to_compact (row->mac);
        row->search = FOLD_JOIN (row->name, row->mac, compact, row->model,
                                 pa_phone_get_vendor (phone));
      }
      break;

    case KIND_LAYOUT:
      row->name = g_strdup (pa_layout_get_name (PA_LAYOUT (resource)));
      row->model = pa_layout_get_model (PA_LAYOUT (resource));
      row->search = FOLD_JOIN (row->name, row->model);
      break;

    case KIND_MODULE_LAYOUT:
      row->name = g_strdup (pa_module_layout_get_name (PA_MODULE_LAYOUT (resource)));
      row->module = pa_module_layout_get_module (PA_MODULE_LAYOUT (resource));
      row->search = FOLD_JOIN (row->name, row->module);
      break;

    case KIND_PROFILE:
      row->name = g_strdup (pa_profile_get_name (PA_PROFILE (resource)));
      row->layout_id = pa_profile_get_layout_id (PA_PROFILE (resource));
      row->search = FOLD_JOIN (row->name);
      break;

    default:
      g_assert_not_reached ();
    }

  if (row->name == NULL)
    row->name = g_strdup ("");
  row->data = json_to_string (node, FALSE);
}

static void
bind_row (PaStmt    *stmt,
          const Row *row)
{
  pa_stmt_bind_text (stmt, ":name", row->name);
  pa_stmt_bind_text (stmt, ":search", row->search);
  pa_stmt_bind_text (stmt, ":data", row->data);
  pa_stmt_bind_text (stmt, ":username", row->username);
  pa_stmt_bind_text (stmt, ":mac", row->mac);
  pa_stmt_bind_text (stmt, ":model", row->model ? row->model : "");
  pa_stmt_bind_text (stmt, ":module", row->module ? row->module : "");
  pa_stmt_bind_id (stmt, ":agent_id", row->agent_id);
  pa_stmt_bind_id (stmt, ":layout_id", row->layout_id);
  pa_stmt_bind_id (stmt, ":profile_id", row->profile_id);
  pa_stmt_bind_text (stmt, ":token", row->token);
  pa_stmt_bind_text (stmt, ":token_hash", row->token_hash);
}

static void
set_nullable_text (JsonObject   *object,
                   const char   *member,
                   sqlite3_stmt *stmt,
                   int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, member);
  else
    json_object_set_string_member (object, member,
                                   (const char *) sqlite3_column_text (stmt, column));
}

static void
set_nullable_int (JsonObject   *object,
                  const char   *member,
                  sqlite3_stmt *stmt,
                  int           column)
{
  if (sqlite3_column_type (stmt, column) == SQLITE_NULL)
    json_object_set_null_member (object, member);
  else
    json_object_set_int_member (object, member, sqlite3_column_int64 (stmt, column));
}

/* Builds the resource from a row selected with PHONE_COLUMNS or
 * OTHER_COLUMNS. */
static PaResource *
resource_from_stmt (const KindInfo  *info,
                    sqlite3_stmt    *stmt,
                    GError         **error)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *data = (const char *) sqlite3_column_text (stmt, 2);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  PaResource *resource;

  node = json_from_string (data ? data : "", &local_error);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                   "Stored %s %" G_GINT64_FORMAT " is damaged: %s", info->noun, id,
                   local_error ? local_error->message : "not a JSON object");
      return NULL;
    }

  object = json_node_get_object (node);
  json_object_set_int_member (object, "id", id);
  json_object_set_int_member (object, "revision", sqlite3_column_int64 (stmt, 1));
  if (info->kind == KIND_PHONE)
    {
      set_nullable_text (object, "token", stmt, 3);
      set_nullable_text (object, "status", stmt, 4);
      set_nullable_text (object, "ip", stmt, 5);
      set_nullable_text (object, "user_agent", stmt, 6);
      set_nullable_text (object, "firmware", stmt, 7);
      set_nullable_int (object, "last_seen", stmt, 8);
      set_nullable_int (object, "provisioned_at", stmt, 9);
    }

  resource = pa_resource_new_from_json (type_for_kind (info->kind), node, PA_JSON_TRUSTED,
                                        &local_error);
  if (resource == NULL)
    g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                 "Stored %s %" G_GINT64_FORMAT " cannot be read: %s", info->noun, id,
                 local_error->message);
  return resource;
}

static PaResource *
load_one (PaSqliteStore   *self,
          const KindInfo  *info,
          const char      *where,
          const char      *key,
          gint64           key_id,
          GError         **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(PaStmt) stmt = NULL;
  int rc;

  /* The fragments are constants of this file; only bound values vary. */
  sql = g_strdup_printf ("SELECT %s FROM %s t WHERE %s",
                         info->kind == KIND_PHONE ? PHONE_COLUMNS : OTHER_COLUMNS,
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
  return resource_from_stmt (info, stmt, error);
}

/* Existing row's revision and name; FALSE with NOT_FOUND when absent. */
static gboolean
lookup_row (PaSqliteStore   *self,
            const KindInfo  *info,
            gint64           id,
            gint64          *out_revision,
            char           **out_name,
            GError         **error)
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
check_revision (PaSqliteStore   *self,
                const KindInfo  *info,
                gint64           id,
                gint64           expected_revision,
                GError         **error)
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
                 Kind            target,
                 gint64          target_id,
                 GError        **error)
{
  if (target_id <= 0)
    return TRUE;
  if (lookup_row (self, &kinds[target], target_id, NULL, NULL, error))
    return TRUE;
  if (g_error_matches (*error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
    {
      g_clear_error (error);
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT,
                   "%s refers to %s %" G_GINT64_FORMAT ", which does not exist",
                   what, kinds[target].noun, target_id);
    }
  return FALSE;
}

static gboolean
check_references (PaSqliteStore   *self,
                  const KindInfo  *info,
                  PaResource      *resource,
                  const Row       *row,
                  GError         **error)
{
  g_autofree char *what = g_strdup_printf ("The %s", info->noun);

  if (!check_reference (self, what, KIND_AGENT, row->agent_id, error) ||
      !check_reference (self, what, KIND_LAYOUT, row->layout_id, error) ||
      !check_reference (self, what, KIND_PROFILE, row->profile_id, error))
    return FALSE;

  if (info->kind == KIND_PHONE)
    {
      GArray *lines = pa_phone_get_lines (PA_PHONE (resource));
      GPtrArray *modules = pa_phone_get_modules (PA_PHONE (resource));

      for (guint i = 0; i < lines->len; i++)
        {
          g_autofree char *line = g_strdup_printf ("Line %u", i + 1);

          if (!check_reference (self, line, KIND_SIP_ACCOUNT,
                                g_array_index (lines, gint64, i), error))
            return FALSE;
        }
      for (guint i = 0; i < modules->len; i++)
        {
          const PaPhoneModule *module = g_ptr_array_index (modules, i);
          g_autofree char *slot = g_strdup_printf ("Module %u", i + 1);

          if (!check_reference (self, slot, KIND_MODULE_LAYOUT, module->layout_id, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Names who already has a unique value, before SQLite's bare "UNIQUE
 * constraint failed" would. */
static gboolean
check_unique (PaSqliteStore   *self,
              const KindInfo  *info,
              gint64           own_id,
              const Row       *row,
              GError         **error)
{
  const char *sql;
  const char *value;
  g_autoptr(PaStmt) stmt = NULL;
  int rc;

  if (info->kind == KIND_PHONE)
    {
      sql = "SELECT name FROM phones WHERE mac = :value AND id != :id";
      value = row->mac;
    }
  else if (info->kind == KIND_SIP_ACCOUNT)
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

      if (info->kind == KIND_PHONE)
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

      stored = load_one (self, &kinds[KIND_PHONE], "t.id = :key", NULL, id, NULL);
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
  const KindInfo *info = kind_for_type (type, error);

  if (info == NULL)
    return NULL;
  return load_one (self, info, "t.id = :key", NULL, id, error);
}

static GPtrArray *
pa_sqlite_store_list (PaStore             *store,
                      GType                type,
                      const PaStoreQuery  *query,
                      gint64              *out_total,
                      GError             **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const KindInfo *info = kind_for_type (type, error);
  g_autoptr(GPtrArray) result = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *count_sql = NULL;
  g_autofree char *select_sql = NULL;
  const char *from;
  const char *where;

  if (info == NULL)
    return NULL;

  if (query->filter != NULL && *query->filter != '\0')
    needle = g_utf8_casefold (query->filter, -1);

  if (info->kind == KIND_PHONE)
    {
      from = "phones t LEFT JOIN agents a ON a.id = t.agent_id";
      where = "(:filter IS NULL OR instr(t.search, :filter) > 0"
              " OR instr(pa_fold(a.name), :filter) > 0)";
    }
  else
    {
      from = info->table;
      where = "(:filter IS NULL OR instr(t.search, :filter) > 0)";
    }
  /* Table names and fragments are this file's constants, never input. */
  if (info->kind != KIND_PHONE)
    {
      g_autofree char *aliased = g_strdup_printf ("%s t", info->table);

      count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", aliased, where);
      select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s ORDER BY t.id"
                                    " LIMIT :limit OFFSET :offset",
                                    OTHER_COLUMNS, aliased, where);
    }
  else
    {
      count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", from, where);
      select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE %s ORDER BY t.id"
                                    " LIMIT :limit OFFSET :offset",
                                    PHONE_COLUMNS, from, where);
    }

  if (out_total != NULL)
    {
      g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, count_sql, error);

      if (stmt == NULL)
        return NULL;
      pa_stmt_bind_text (stmt, ":filter", needle);
      if (pa_sqlite_store_step (self, stmt, "Cannot count resources", error) != SQLITE_ROW)
        return NULL;
      *out_total = sqlite3_column_int64 (stmt, 0);
    }

  {
    g_autoptr(PaStmt) stmt = pa_sqlite_store_prepare (self, select_sql, error);
    int rc;

    if (stmt == NULL)
      return NULL;
    pa_stmt_bind_text (stmt, ":filter", needle);
    pa_stmt_bind_int (stmt, ":limit", query->limit > 0 ? (gint64) query->limit : -1);
    pa_stmt_bind_int (stmt, ":offset", query->offset);

    result = g_ptr_array_new_with_free_func (g_object_unref);
    while ((rc = pa_sqlite_store_step (self, stmt, "Cannot list resources", error)) == SQLITE_ROW)
      {
        PaResource *resource = resource_from_stmt (info, stmt, error);

        if (resource == NULL)
          return NULL;
        g_ptr_array_add (result, resource);
      }
    if (rc == 0)
      return NULL;
  }

  return g_steal_pointer (&result);
}

static gboolean
pa_sqlite_store_insert (PaStore     *store,
                        PaResource  *resource,
                        GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const KindInfo *info = kind_for_type (G_OBJECT_TYPE (resource), error);
  g_auto(Row) row = { 0 };
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

  row_from_resource (&row, info, resource);
  if (info->kind == KIND_PHONE)
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
    bind_row (stmt, &row);
    if (pa_sqlite_store_step (self, stmt, context, error) == 0)
      goto fail;
    id = sqlite3_last_insert_rowid (self->db);
  }

  if (info->kind == KIND_PHONE && !write_phone_children (self, PA_PHONE (resource), id, error))
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
  const KindInfo *info = kind_for_type (G_OBJECT_TYPE (resource), error);
  gint64 id = pa_resource_get_id (resource);
  g_auto(Row) row = { 0 };
  gint64 revision = 0;

  if (info == NULL)
    return FALSE;

  row_from_resource (&row, info, resource);

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
    bind_row (stmt, &row);
    pa_stmt_bind_int (stmt, ":id", id);
    if (pa_sqlite_store_step (self, stmt, context, error) == 0)
      goto fail;
  }

  if (info->kind == KIND_PHONE && !write_phone_children (self, PA_PHONE (resource), id, error))
    goto fail;

  if (!lookup_row (self, info, id, &revision, NULL, error))
    goto fail;

  if (!pa_sqlite_store_tx_commit (store, error))
    return FALSE;

  refresh_server_owned (self, resource, id, revision);
  return TRUE;

fail:
  pa_sqlite_store_tx_rollback (store);
  return FALSE;
}

typedef struct
{
  Kind        kind;
  const char *sql;     /* counts what refers to :id */
  const char *what;    /* "%lld phones" style noun, plural */
} Referrer;

static const Referrer referrers[] = {
  { KIND_AGENT, "SELECT count(*) FROM phones WHERE agent_id = :id", "phone(s) are assigned to it" },
  { KIND_AGENT, "SELECT count(*) FROM sip_accounts WHERE agent_id = :id", "SIP account(s) belong to it" },
  { KIND_SIP_ACCOUNT, "SELECT count(DISTINCT phone_id) FROM phone_lines WHERE sip_account_id = :id",
    "phone(s) use it on a line" },
  { KIND_LAYOUT, "SELECT count(*) FROM phones WHERE layout_id = :id", "phone(s) use it" },
  { KIND_LAYOUT, "SELECT count(*) FROM profiles WHERE layout_id = :id", "profile(s) use it" },
  { KIND_MODULE_LAYOUT, "SELECT count(DISTINCT phone_id) FROM phone_modules WHERE layout_id = :id",
    "phone(s) use it on a module" },
  { KIND_PROFILE, "SELECT count(*) FROM phones WHERE profile_id = :id", "phone(s) use it" },
};

static gboolean
check_unreferenced (PaSqliteStore   *self,
                    const KindInfo  *info,
                    gint64           id,
                    GError         **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (referrers); i++)
    {
      g_autoptr(PaStmt) stmt = NULL;
      gint64 count;

      if (referrers[i].kind != info->kind)
        continue;
      stmt = pa_sqlite_store_prepare (self, referrers[i].sql, error);
      if (stmt == NULL)
        return FALSE;
      pa_stmt_bind_int (stmt, ":id", id);
      if (pa_sqlite_store_step (self, stmt, "Cannot read from the database", error) != SQLITE_ROW)
        return FALSE;
      count = sqlite3_column_int64 (stmt, 0);
      if (count > 0)
        {
          g_autofree char *name = NULL;

          lookup_row (self, info, id, NULL, &name, NULL);
          g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT,
                       "Cannot delete the %s “%s”: %" G_GINT64_FORMAT " %s",
                       info->noun, name ? name : "", count, referrers[i].what);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
pa_sqlite_store_delete (PaStore  *store,
                        GType     type,
                        gint64    id,
                        gint64    expected_revision,
                        GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  const KindInfo *info = kind_for_type (type, error);
  g_autofree char *sql = NULL;

  if (info == NULL)
    return FALSE;

  if (!pa_sqlite_store_tx_begin (store, error))
    return FALSE;

  if (!check_revision (self, info, id, expected_revision, error) ||
      !check_unreferenced (self, info, id, error))
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

  phone = load_one (self, &kinds[KIND_PHONE], "t.mac = :key",
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

static PaResource *
pa_sqlite_store_find_phone_by_token (PaStore     *store,
                                     const char  *token,
                                     GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autofree char *hash = pa_token_hash (token);
  g_autoptr(GError) local_error = NULL;
  PaResource *phone;

  phone = load_one (self, &kinds[KIND_PHONE], "t.token_hash = :key", hash, 0, &local_error);
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
  iface->insert = pa_sqlite_store_insert;
  iface->update = pa_sqlite_store_update;
  iface->delete = pa_sqlite_store_delete;
  iface->find_phone_by_mac = pa_sqlite_store_find_phone_by_mac;
  iface->find_phone_by_token = pa_sqlite_store_find_phone_by_token;
}
