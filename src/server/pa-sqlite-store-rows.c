/* pa-sqlite-store-rows.c — a resource to its table row and back: the column
 * values, the search text, the `data` JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-sqlite-store"

#include "config.h"

#include "pa-agent.h"
#include "pa-firmware.h"
#include "pa-layout.h"
#include "pa-mac.h"
#include "pa-module-layout.h"
#include "pa-phone.h"
#include "pa-profile.h"
#include "pa-resource-kinds.h"
#include "pa-settings.h"
#include "pa-sip-account.h"
#include "pa-sqlite-store-rows.h"

/* Named parameters: pa_sqlite_row_bind() binds whichever of them a
 * statement has. */
const PaSqliteKindInfo pa_sqlite_kinds[PA_SQLITE_N_KINDS] = {
  { PA_SQLITE_KIND_AGENT, "agent", "agents", "agent",
    "INSERT INTO agents (revision, name, search, data)"
    " VALUES (1, :name, :search, :data)",
    "UPDATE agents SET revision = revision + 1, name = :name, search = :search,"
    " data = :data WHERE id = :id" },
  { PA_SQLITE_KIND_SIP_ACCOUNT, "sip_account", "sip_accounts", "SIP account",
    "INSERT INTO sip_accounts (revision, name, agent_id, username, search, data)"
    " VALUES (1, :name, :agent_id, :username, :search, :data)",
    "UPDATE sip_accounts SET revision = revision + 1, name = :name, agent_id = :agent_id,"
    " username = :username, search = :search, data = :data WHERE id = :id" },
  { PA_SQLITE_KIND_PHONE, "phone", "phones", "phone",
    "INSERT INTO phones (revision, name, mac, model, agent_id, layout_id, profile_id,"
    " token, token_hash, search, data)"
    " VALUES (1, :name, :mac, :model, :agent_id, :layout_id, :profile_id,"
    " :token, :token_hash, :search, :data)",
    "UPDATE phones SET revision = revision + 1, name = :name, mac = :mac, model = :model,"
    " agent_id = :agent_id, layout_id = :layout_id, profile_id = :profile_id,"
    " search = :search, data = :data WHERE id = :id" },
  { PA_SQLITE_KIND_LAYOUT, "layout", "layouts", "layout",
    "INSERT INTO layouts (revision, name, model, search, data)"
    " VALUES (1, :name, :model, :search, :data)",
    "UPDATE layouts SET revision = revision + 1, name = :name, model = :model,"
    " search = :search, data = :data WHERE id = :id" },
  { PA_SQLITE_KIND_MODULE_LAYOUT, "module_layout", "module_layouts", "module layout",
    "INSERT INTO module_layouts (revision, name, module, search, data)"
    " VALUES (1, :name, :module, :search, :data)",
    "UPDATE module_layouts SET revision = revision + 1, name = :name, module = :module,"
    " search = :search, data = :data WHERE id = :id" },
  { PA_SQLITE_KIND_PROFILE, "profile", "profiles", "profile",
    "INSERT INTO profiles (revision, name, layout_id, search, data)"
    " VALUES (1, :name, :layout_id, :search, :data)",
    "UPDATE profiles SET revision = revision + 1, name = :name, layout_id = :layout_id,"
    " search = :search, data = :data WHERE id = :id" },
  { PA_SQLITE_KIND_FIRMWARE, "firmware", "firmware", "firmware",
    "INSERT INTO firmware (revision, name, vendor, sha256, search, data)"
    " VALUES (1, :name, :vendor, :sha256, :search, :data)",
    "UPDATE firmware SET revision = revision + 1, name = :name, vendor = :vendor,"
    " search = :search, data = :data WHERE id = :id" },
  /* One row, made by the schema: never inserted or deleted. */
  { PA_SQLITE_KIND_SETTINGS, "settings", "settings", "settings",
    "INSERT INTO settings (revision, name, search, data) VALUES (1, :name, :search, :data)",
    "UPDATE settings SET revision = revision + 1, data = :data WHERE id = :id" },
};

/* A phone's members kept apart from `data` (in its columns, or its last SIP
 * push's row), so `data` never holds a stale copy: what each is selected
 * as, after id, revision and data, and, where the API answers with another
 * value, that. */
typedef enum
{
  COLUMN_TEXT,
  COLUMN_INT,
  COLUMN_JSON,   /* JSON text, or NULL */
} ColumnType;

static const struct
{
  const char *member;
  const char *select;
  ColumnType  type;
  const char *answer;    /* NULL: @select */
} phone_columns[] = {
  { "token",              "t.token",          COLUMN_TEXT, NULL },
  /* A disabled phone says so, whatever it last did (derived: nothing to
   * keep in step when it is turned off or on again). */
  { "status",
    "CASE WHEN coalesce (json_extract (t.data, '$.enabled'), 1) THEN t.status"
    " ELSE 'disabled' END", COLUMN_TEXT, NULL },
  { "ip",                 "t.ip",             COLUMN_TEXT, NULL },
  { "user_agent",         "t.user_agent",     COLUMN_TEXT, NULL },
  { "firmware",           "t.firmware",       COLUMN_TEXT, NULL },
  { "last_seen",          "t.last_seen",      COLUMN_INT,  NULL },
  { "provisioned_at",     "t.provisioned_at", COLUMN_INT,  NULL },
  { "contact",            "t.contact",        COLUMN_TEXT, NULL },
  { "status_since",       "t.status_since",   COLUMN_INT,  NULL },
  /* The ETag its files are served with (pa_api_phone_derive() says the
   * same). */
  { "config_fingerprint", "t.fingerprint",    COLUMN_TEXT, "pa_served_fingerprint (t.fingerprint)" },
  { "sip_action",
    "(SELECT json_object ('action', s.action, 'result', s.result, 'code', s.code,"
    " 'reason', s.reason, 'at', s.at) FROM phone_sip_actions s WHERE s.phone_id = t.id)",
    COLUMN_JSON, NULL },
};
#define PA_SQLITE_PHONE_FIRST_COLUMN 3

const char *
pa_sqlite_columns (const PaSqliteKindInfo *info)
{
  static char *phone = NULL;

  if (info->kind != PA_SQLITE_KIND_PHONE)
    return "t.id, t.revision, t.data";
  if (g_once_init_enter (&phone))
    {
      GString *sql = g_string_new ("t.id, t.revision, t.data");

      for (guint i = 0; i < G_N_ELEMENTS (phone_columns); i++)
        g_string_append_printf (sql, ", %s", phone_columns[i].select);
      g_once_init_leave (&phone, g_string_free (sql, FALSE));
    }
  return phone;
}

const char *
pa_sqlite_item_json (const PaSqliteKindInfo *info)
{
  static char *phone = NULL;

  /* The stored text with the column members written in front of its
   * members, without parsing it: `data` never holds those members (see
   * pa_sqlite_row_from_resource()) and is an object with at least a name.
   * The same members pa_sqlite_resource_from_stmt() sets, as the API
   * answers with them, and the attention its last derive stored. */
#define REST_OF_DATA " || CASE WHEN length (t.data) > 2 THEN ',' || substr (t.data, 2) ELSE '}' END"
  if (info->kind != PA_SQLITE_KIND_PHONE)
    return "'{\"id\":' || t.id || ',\"revision\":' || t.revision" REST_OF_DATA;
  if (g_once_init_enter (&phone))
    {
      GString *sql = g_string_new ("'{\"id\":' || t.id || ',\"revision\":' || t.revision");

      for (guint i = 0; i < G_N_ELEMENTS (phone_columns); i++)
        {
          const char *value = phone_columns[i].answer != NULL ? phone_columns[i].answer
                                                             : phone_columns[i].select;

          if (phone_columns[i].type == COLUMN_JSON)
            g_string_append_printf (sql, " || ',\"%s\":' || coalesce (%s, 'null')",
                                    phone_columns[i].member, value);
          else
            g_string_append_printf (sql, " || ',\"%s\":' || json_quote (%s)",
                                    phone_columns[i].member, value);
        }
      g_string_append (sql, " || ',\"attention\":' || coalesce (t.attention, '[]')" REST_OF_DATA);
      g_once_init_leave (&phone, g_string_free (sql, FALSE));
    }
#undef REST_OF_DATA
  return phone;
}


/* -- kinds and rows ---------------------------------------------------------- */

const PaSqliteKindInfo *
pa_sqlite_kind_for_type (GType    type,
                         GError **error)
{
  const PaResourceKind *kind = pa_resource_kind_for_type (type);

  for (guint i = 0; kind != NULL && i < PA_SQLITE_N_KINDS; i++)
    if (g_str_equal (pa_sqlite_kinds[i].kind_name, kind->kind))
      return &pa_sqlite_kinds[i];
  g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
               "The store keeps no resources of type %s", g_type_name (type));
  return NULL;
}

static GType
type_for_kind (const PaSqliteKindInfo *info)
{
  return pa_resource_kind_lookup (info->kind_name)->get_type ();
}


void
pa_sqlite_row_clear (PaSqliteRow *row)
{
  g_free (row->name);
  g_free (row->search);
  g_free (row->data);
  g_free (row->token);
  g_free (row->token_hash);
}

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

void
pa_sqlite_row_from_resource (PaSqliteRow            *row,
                             const PaSqliteKindInfo *info,
                             PaResource             *resource)
{
  g_autoptr(JsonNode) node = pa_resource_to_json (resource);
  JsonObject *object = json_node_get_object (node);

  /* id and revision live in columns only, as do a phone's status members. */
  json_object_remove_member (object, "id");
  json_object_remove_member (object, "revision");

  switch (info->kind)
    {
    case PA_SQLITE_KIND_AGENT:
      {
        PaAgent *agent = PA_AGENT (resource);

        row->name = g_strdup (pa_agent_get_name (agent));
        row->search = FOLD_JOIN (pa_agent_get_name (agent), pa_agent_get_extension (agent),
                                 pa_agent_get_email (agent));
      }
      break;

    case PA_SQLITE_KIND_SIP_ACCOUNT:
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

    case PA_SQLITE_KIND_PHONE:
      {
        PaPhone *phone = PA_PHONE (resource);
        g_autofree char *compact = NULL;

        for (guint i = 0; i < G_N_ELEMENTS (phone_columns); i++)
          json_object_remove_member (object, phone_columns[i].member);
        /* Derived on the way out, never stored with the phone. */
        json_object_remove_member (object, "attention");

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

    case PA_SQLITE_KIND_LAYOUT:
      row->name = g_strdup (pa_layout_get_name (PA_LAYOUT (resource)));
      row->model = pa_layout_get_model (PA_LAYOUT (resource));
      row->search = FOLD_JOIN (row->name, row->model);
      break;

    case PA_SQLITE_KIND_MODULE_LAYOUT:
      row->name = g_strdup (pa_module_layout_get_name (PA_MODULE_LAYOUT (resource)));
      row->module = pa_module_layout_get_module (PA_MODULE_LAYOUT (resource));
      row->search = FOLD_JOIN (row->name, row->module);
      break;

    case PA_SQLITE_KIND_PROFILE:
      row->name = g_strdup (pa_profile_get_name (PA_PROFILE (resource)));
      row->layout_id = pa_profile_get_layout_id (PA_PROFILE (resource));
      row->search = FOLD_JOIN (row->name);
      break;

    case PA_SQLITE_KIND_FIRMWARE:
      {
        PaFirmware *firmware = PA_FIRMWARE (resource);

        row->name = g_strdup (pa_firmware_get_name (firmware));
        row->vendor = pa_firmware_get_vendor (firmware);
        row->sha256 = pa_firmware_get_sha256 (firmware);
        row->search = FOLD_JOIN (row->name, row->vendor, pa_firmware_get_version (firmware),
                                 pa_firmware_get_filename (firmware));
      }
      break;

    case PA_SQLITE_KIND_SETTINGS:
      row->search = g_strdup ("");
      break;

    default:
      g_assert_not_reached ();
    }

  if (row->name == NULL)
    row->name = g_strdup ("");
  row->data = json_to_string (node, FALSE);
}

void
pa_sqlite_row_bind (PaStmt            *stmt,
                    const PaSqliteRow *row)
{
  pa_stmt_bind_text (stmt, ":name", row->name);
  pa_stmt_bind_text (stmt, ":search", row->search);
  pa_stmt_bind_text (stmt, ":data", row->data);
  pa_stmt_bind_text (stmt, ":username", row->username);
  pa_stmt_bind_text (stmt, ":mac", row->mac);
  pa_stmt_bind_text (stmt, ":model", row->model ? row->model : "");
  pa_stmt_bind_text (stmt, ":module", row->module ? row->module : "");
  pa_stmt_bind_text (stmt, ":vendor", row->vendor ? row->vendor : "");
  pa_stmt_bind_text (stmt, ":sha256", row->sha256 ? row->sha256 : "");
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

static void
set_nullable_json (JsonObject   *object,
                   const char   *member,
                   sqlite3_stmt *stmt,
                   int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr(JsonNode) node = text != NULL ? json_from_string (text, NULL) : NULL;

  if (node != NULL)
    json_object_set_member (object, member, g_steal_pointer (&node));
  else
    json_object_set_null_member (object, member);
}

PaResource *
pa_sqlite_resource_from_stmt (const PaSqliteKindInfo  *info,
                              sqlite3_stmt            *stmt,
                              GError                 **error)
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
  if (info->kind == PA_SQLITE_KIND_PHONE)
    {
      for (guint i = 0; i < G_N_ELEMENTS (phone_columns); i++)
        {
          int column = PA_SQLITE_PHONE_FIRST_COLUMN + (int) i;

          if (phone_columns[i].type == COLUMN_INT)
            set_nullable_int (object, phone_columns[i].member, stmt, column);
          else if (phone_columns[i].type == COLUMN_TEXT)
            set_nullable_text (object, phone_columns[i].member, stmt, column);
          else
            set_nullable_json (object, phone_columns[i].member, stmt, column);
        }
    }

  resource = pa_resource_new_from_json (type_for_kind (info), node, PA_JSON_TRUSTED,
                                        &local_error);
  if (resource == NULL)
    g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                 "Stored %s %" G_GINT64_FORMAT " cannot be read: %s", info->noun, id,
                 local_error->message);
  return resource;
}
