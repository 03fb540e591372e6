/* test-store.c — the SQLite store and the token helpers, without HTTP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test opens a real SQLite file in its own temporary folder.
 */
#define G_LOG_DOMAIN "test-store"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "pa-agent.h"
#include "pa-layout.h"
#include "pa-module-layout.h"
#include "pa-phone.h"
#include "pa-profile.h"
#include "pa-sip-account.h"
#include "pa-sqlite-store.h"
#include "pa-store.h"
#include "pa-token.h"

typedef struct
{
  char    *dir;
  char    *path;
  PaStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pa-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  /* A folder that does not exist yet: open must create it. */
  f->path = g_build_filename (f->dir, "data", "provd.db", NULL);
  f->store = pa_sqlite_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_assert_cmpint (g_unlink (child), ==, 0);
        }
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->store != NULL)
    g_assert_finalize_object (f->store);
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
reopen (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  g_assert_finalize_object (f->store);
  f->store = pa_sqlite_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

/* -- builders --------------------------------------------------------------- */

static PaAgent *
add_agent (Fixture    *f,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  PaAgent *agent = pa_agent_new ();

  pa_agent_set_name (agent, name);
  pa_agent_set_extension (agent, "100");
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (agent), &error));
  g_assert_no_error (error);
  return agent;
}

static PaPhone *
new_phone (const char *name,
           const char *mac,
           gint64      agent_id)
{
  PaPhone *phone = pa_phone_new ();

  pa_phone_set_name (phone, name);
  pa_phone_set_mac (phone, mac);
  pa_phone_set_vendor (phone, "yealink");
  pa_phone_set_model (phone, "yealink-t54w");
  pa_phone_set_agent_id (phone, agent_id);
  return phone;
}

static PaPhone *
add_phone (Fixture    *f,
           const char *name,
           const char *mac,
           gint64      agent_id)
{
  g_autoptr(GError) error = NULL;
  PaPhone *phone = new_phone (name, mac, agent_id);

  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (phone), &error));
  g_assert_no_error (error);
  return phone;
}

static PaSipAccount *
add_sip_account (Fixture    *f,
                 gint64      agent_id,
                 const char *username)
{
  g_autoptr(GError) error = NULL;
  PaSipAccount *account = pa_sip_account_new ();

  pa_sip_account_set_agent_id (account, agent_id);
  pa_sip_account_set_username (account, username);
  pa_sip_account_set_display_name (account, "Front desk");
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (account), &error));
  g_assert_no_error (error);
  return account;
}

static gint64
count_kind (Fixture *f,
            GType    type)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  gint64 total = -1;

  all = pa_store_list (f->store, type, NULL, &total, &error);
  g_assert_no_error (error);
  g_assert_nonnull (all);
  g_assert_cmpint (all->len, ==, total);
  return total;
}

static int
read_user_version (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return version;
}

/* Reads the file behind the store's back, as an attacker with a copy would. */
static int
count_rows_with (const char *path,
                 const char *sql,
                 const char *value)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int count;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return count;
}

/* -- schema and files ----------------------------------------------------------- */

static void
test_migrations_from_empty (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (f->path);
  struct stat st;

  g_assert_cmpint (pa_sqlite_store_schema_version (), >=, 1);
  g_assert_cmpint (read_user_version (f->path), ==, pa_sqlite_store_schema_version ());
  /* WAL is a property of the file, so a second connection sees it. */
  g_assert_cmpint (count_rows_with (f->path, "SELECT count(*) FROM pragma_journal_mode"
                                    " WHERE journal_mode = ?1", "wal"), ==, 1);

  g_assert_cmpint (g_stat (parent, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  g_assert_cmpint (count_kind (f, PA_TYPE_AGENT), ==, 0);
  g_assert_cmpint (count_kind (f, PA_TYPE_PHONE), ==, 0);
  g_assert_cmpint (count_kind (f, PA_TYPE_SIP_ACCOUNT), ==, 0);
  g_assert_cmpint (count_kind (f, PA_TYPE_LAYOUT), ==, 0);
  g_assert_cmpint (count_kind (f, PA_TYPE_MODULE_LAYOUT), ==, 0);
  g_assert_cmpint (count_kind (f, PA_TYPE_PROFILE), ==, 0);
  g_assert_cmpint (pa_store_count_admin_tokens (f->store, NULL), ==, 0);

  /* Migrating an up-to-date database is a no-op that keeps the version. */
  reopen (f);
  g_assert_cmpint (read_user_version (f->path), ==, pa_sqlite_store_schema_version ());
}

/* Schema step 2 groups a profile's flat custom parameters, written when
 * only Yealink files were rendered, under "yealink". */
static void
test_migration_custom_params (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(PaProfile) profile = pa_profile_new ();
  g_autoptr(PaResource) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  sqlite3 *db = NULL;
  gint64 id;

  pa_profile_set_name (profile, "Old office");
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (profile), &error));
  g_assert_no_error (error);
  id = pa_resource_get_id (PA_RESOURCE (profile));
  g_assert_finalize_object (g_steal_pointer (&f->store));

  /* The row as version 1 wrote it. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE profiles SET data = json_set (data, '$.custom_params',"
                                     " json('{\"features.dnd.enable\":\"0\",\"a.b\":\"x\"}'));"
                                     /* and without what later steps add */
                                     "DROP TABLE phone_inputs;"
                                     "ALTER TABLE phones DROP COLUMN fingerprint;"
                                     "ALTER TABLE sip_accounts DROP COLUMN password_serial;"
                                     "ALTER TABLE phones DROP COLUMN generated_admin_password;"
                                     "DROP TABLE settings;"
                                     "DROP TABLE server_state;"
                                     "DROP TRIGGER discovered_phones_added;"
                                     "DROP TRIGGER discovered_phones_ignored;"
                                     "DROP TRIGGER discovered_phones_gone;"
                                     "DROP TRIGGER phones_adopt_discovered;"
                                     "ALTER TABLE discovered_phones DROP COLUMN ignored;"
                                     "DROP TABLE phone_fetches;"
                                     "ALTER TABLE phones DROP COLUMN http_password;"
                                     "ALTER TABLE phones DROP COLUMN http_password_sent;"
                                     "DROP INDEX phones_with_address;"
                                     "DROP TABLE jobs;"
                                     "DROP TABLE firmware;"
                                     "DROP TABLE phone_sip_actions;"
                                     "DROP TRIGGER phones_status_history;"
                                     "DROP TRIGGER phones_contact_changes;"
                                     "DROP TABLE phone_status_history;"
                                     "ALTER TABLE phones DROP COLUMN contact;"
                                     "ALTER TABLE phones DROP COLUMN status_since;"
                                     "ALTER TABLE phones DROP COLUMN attention;"
                                     "DROP TRIGGER phones_status_changes;"
                                     "DROP TABLE changes;"
                                     "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  f->store = pa_sqlite_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read_user_version (f->path), ==, pa_sqlite_store_schema_version ());
  stored = pa_store_get (f->store, PA_TYPE_PROFILE, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pa_profile_get_custom_param (PA_PROFILE (stored), "yealink",
                                                "features.dnd.enable"), ==, "0");
  names = pa_profile_dup_custom_param_names (PA_PROFILE (stored), "yealink");
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpuint (g_hash_table_size (pa_profile_get_custom_params (PA_PROFILE (stored))), ==, 2);
}

static void
test_reopen_keeps_data (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PaAgent) agent = add_agent (f, "Ann");
  g_autoptr(PaPhone) phone = add_phone (f, "Reception", "805ec0123456",
                                        pa_resource_get_id (PA_RESOURCE (agent)));
  g_autoptr(PaResource) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = g_strdup (pa_phone_get_token (phone));

  reopen (f);

  again = pa_store_get (f->store, PA_TYPE_PHONE, pa_resource_get_id (PA_RESOURCE (phone)), &error);
  g_assert_no_error (error);
  g_assert_true (PA_IS_PHONE (again));
  g_assert_cmpstr (pa_phone_get_name (PA_PHONE (again)), ==, "Reception");
  g_assert_cmpstr (pa_phone_get_mac (PA_PHONE (again)), ==, "80:5E:C0:12:34:56");
  g_assert_cmpint (pa_phone_get_agent_id (PA_PHONE (again)), ==,
                   pa_resource_get_id (PA_RESOURCE (agent)));
  g_assert_cmpstr (pa_phone_get_token (PA_PHONE (again)), ==, token);
  g_assert_cmpint (pa_resource_get_revision (again), ==, 1);
  g_assert_cmpint (count_kind (f, PA_TYPE_AGENT), ==, 1);
}

/* -- insert, get, list ---------------------------------------------------------- */

static void
test_insert_get (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PaAgent) agent = pa_agent_new ();
  g_autoptr(PaResource) stored = NULL;
  g_autoptr(GError) error = NULL;

  pa_agent_set_name (agent, "Ann Example");
  pa_agent_set_email (agent, "ann@example.org");
  pa_agent_set_routing (agent, PA_AGENT_ROUTING_HARDWARE);
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (agent)), ==, 0);

  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (agent), &error));
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (agent)), >, 0);
  g_assert_cmpint (pa_resource_get_revision (PA_RESOURCE (agent)), ==, 1);

  stored = pa_store_get (f->store, PA_TYPE_AGENT, pa_resource_get_id (PA_RESOURCE (agent)), &error);
  g_assert_no_error (error);
  g_assert_true (pa_resource_equal (stored, PA_RESOURCE (agent)));

  /* Inserting something that already has an id is a mistake. */
  g_assert_false (pa_store_insert (f->store, PA_RESOURCE (agent), &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_null (pa_store_get (f->store, PA_TYPE_AGENT, 9999, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "9999"));
  g_clear_error (&error);

  /* An id of another kind is not found in this kind. */
  g_assert_null (pa_store_get (f->store, PA_TYPE_PHONE, pa_resource_get_id (PA_RESOURCE (agent)),
                               &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
}

static void
test_list_paging_and_filter (Fixture       *f,
                             gconstpointer  data)
{
  const char *names[] = { "Ann", "Bob", "Zoë", "Annabel", "Carl" };
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) page = NULL;
  g_autoptr(GError) error = NULL;
  PaStoreQuery query = { 0 };
  gint64 total = -1;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (agents, add_agent (f, names[i]));

  /* Paging keeps id order and reports the total before paging. */
  query.offset = 1;
  query.limit = 2;
  page = pa_store_list (f->store, PA_TYPE_AGENT, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 5);
  g_assert_cmpuint (page->len, ==, 2);
  g_assert_cmpstr (pa_agent_get_name (g_ptr_array_index (page, 0)), ==, "Bob");
  g_assert_cmpstr (pa_agent_get_name (g_ptr_array_index (page, 1)), ==, "Zoë");
  g_clear_pointer (&page, g_ptr_array_unref);

  query.offset = 4;
  query.limit = 10;
  page = pa_store_list (f->store, PA_TYPE_AGENT, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 1);
  g_clear_pointer (&page, g_ptr_array_unref);

  query.offset = 50;
  page = pa_store_list (f->store, PA_TYPE_AGENT, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);
  g_assert_cmpint (total, ==, 5);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* Case-insensitive substring, beyond ASCII too. */
  query = (PaStoreQuery) { .filter = "ANN" };
  page = pa_store_list (f->store, PA_TYPE_AGENT, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 2);
  g_assert_cmpstr (pa_agent_get_name (g_ptr_array_index (page, 0)), ==, "Ann");
  g_assert_cmpstr (pa_agent_get_name (g_ptr_array_index (page, 1)), ==, "Annabel");
  g_clear_pointer (&page, g_ptr_array_unref);

  query.filter = "ZOË";
  page = pa_store_list (f->store, PA_TYPE_AGENT, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 1);
  g_clear_pointer (&page, g_ptr_array_unref);

  /* SQL's own wildcards are plain text to the filter. */
  query.filter = "%";
  page = pa_store_list (f->store, PA_TYPE_AGENT, &query, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 0);
  g_clear_pointer (&page, g_ptr_array_unref);

  query.filter = "";
  page = pa_store_list (f->store, PA_TYPE_AGENT, &query, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 5);
}

static void
test_list_phone_filter (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(PaAgent) ann = add_agent (f, "Ann Example");
  g_autoptr(PaPhone) p1 = add_phone (f, "Reception", "80:5E:C0:12:34:56",
                                     pa_resource_get_id (PA_RESOURCE (ann)));
  g_autoptr(PaPhone) p2 = add_phone (f, "Kitchen", "00:15:65:AA:BB:CC", 0);
  g_autoptr(PaPhone) p3 = new_phone ("Lobby", "00:04:F2:01:02:03", 0);
  struct { const char *filter; gint64 expected; const char *first; } cases[] = {
    { "reception", 1, "Reception" },
    { "805ec0", 1, "Reception" },           /* compact MAC */
    { "80:5e:c0", 1, "Reception" },         /* colon MAC, any case */
    { "aabbcc", 1, "Kitchen" },
    { "T54W", 2, "Reception" },             /* model */
    { "polycom", 1, "Lobby" },              /* vendor */
    { "example", 1, "Reception" },          /* agent name */
    { "nothing-like-this", 0, NULL },
  };
  g_autoptr(GError) error = NULL;

  pa_phone_set_vendor (p3, "polycom");
  pa_phone_set_model (p3, "polycom-vvx250");
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (p3), &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      PaStoreQuery query = { .filter = cases[i].filter };
      g_autoptr(GPtrArray) page = NULL;
      gint64 total = -1;

      page = pa_store_list (f->store, PA_TYPE_PHONE, &query, &total, &error);
      g_assert_no_error (error);
      g_test_message ("filter “%s”", cases[i].filter);
      g_assert_cmpint (total, ==, cases[i].expected);
      g_assert_cmpuint (page->len, ==, cases[i].expected);
      if (cases[i].first != NULL)
        g_assert_cmpstr (pa_phone_get_name (g_ptr_array_index (page, 0)), ==, cases[i].first);
    }
}

/* -- update and delete ------------------------------------------------------------ */

static void
test_update_revisions (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PaAgent) agent = add_agent (f, "Ann");
  g_autoptr(PaResource) copy = pa_resource_copy (PA_RESOURCE (agent));
  g_autoptr(PaResource) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = pa_resource_get_id (PA_RESOURCE (agent));

  pa_agent_set_name (agent, "Ann B.");
  g_assert_true (pa_store_update (f->store, PA_RESOURCE (agent), 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_revision (PA_RESOURCE (agent)), ==, 2);

  /* A client that still has revision 1 is refused and changes nothing. */
  pa_agent_set_name (PA_AGENT (copy), "Someone else");
  g_assert_false (pa_store_update (f->store, copy, 1, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "Ann B."));
  g_clear_error (&error);

  stored = pa_store_get (f->store, PA_TYPE_AGENT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pa_agent_get_name (PA_AGENT (stored)), ==, "Ann B.");
  g_assert_cmpint (pa_resource_get_revision (stored), ==, 2);
  g_clear_object (&stored);

  /* -1: the caller does not care about the revision. */
  g_assert_true (pa_store_update (f->store, copy, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_revision (copy), ==, 3);

  pa_resource_set_id (copy, 4242);
  g_assert_false (pa_store_update (f->store, copy, -1, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PaAgent) agent = add_agent (f, "Ann");
  g_autoptr(PaAgent) lonely = add_agent (f, "Lonely");
  g_autoptr(PaPhone) phone = add_phone (f, "Reception", "80:5E:C0:12:34:56",
                                        pa_resource_get_id (PA_RESOURCE (agent)));
  g_autoptr(GError) error = NULL;
  gint64 agent_id = pa_resource_get_id (PA_RESOURCE (agent));
  gint64 lonely_id = pa_resource_get_id (PA_RESOURCE (lonely));
  gint64 phone_id = pa_resource_get_id (PA_RESOURCE (phone));

  /* Stale revision: refused, still there. */
  g_assert_false (pa_store_delete (f->store, PA_TYPE_AGENT, lonely_id, 7, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_cmpint (count_kind (f, PA_TYPE_AGENT), ==, 2);

  /* Still referenced: refused with a message that says by what. */
  g_assert_false (pa_store_delete (f->store, PA_TYPE_AGENT, agent_id, 1, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "“Ann”"));
  g_assert_nonnull (strstr (error->message, "1 phone"));
  g_clear_error (&error);
  g_assert_cmpint (count_kind (f, PA_TYPE_AGENT), ==, 2);

  g_assert_true (pa_store_delete (f->store, PA_TYPE_AGENT, lonely_id, 1, &error));
  g_assert_no_error (error);
  g_assert_true (pa_store_delete (f->store, PA_TYPE_PHONE, phone_id, -1, &error));
  g_assert_no_error (error);
  g_assert_true (pa_store_delete (f->store, PA_TYPE_AGENT, agent_id, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_kind (f, PA_TYPE_AGENT), ==, 0);

  g_assert_false (pa_store_delete (f->store, PA_TYPE_AGENT, agent_id, -1, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pa_store_get (f->store, PA_TYPE_PHONE, phone_id, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
}

static void
test_unique_mac (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PaPhone) first = add_phone (f, "Reception", "80:5E:C0:12:34:56", 0);
  g_autoptr(PaPhone) twin = new_phone ("Twin", "80-5e-c0-12-34-56", 0);
  g_autoptr(PaPhone) other = add_phone (f, "Kitchen", "00:15:65:AA:BB:CC", 0);
  g_autoptr(PaResource) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (pa_store_insert (f->store, PA_RESOURCE (twin), &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONFLICT);
  g_assert_cmpstr (error->message, ==, "80:5E:C0:12:34:56 already belongs to phone “Reception”");
  g_clear_error (&error);
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (twin)), ==, 0);
  g_assert_cmpint (count_kind (f, PA_TYPE_PHONE), ==, 2);

  /* Moving another phone onto the MAC is refused the same way... */
  pa_phone_set_mac (other, "80:5E:C0:12:34:56");
  g_assert_false (pa_store_update (f->store, PA_RESOURCE (other), 1, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Reception"));
  g_clear_error (&error);

  /* ...while a phone keeping its own MAC is no conflict. */
  pa_phone_set_name (first, "Front desk");
  g_assert_true (pa_store_update (f->store, PA_RESOURCE (first), 1, &error));
  g_assert_no_error (error);

  found = pa_store_find_phone_by_mac (f->store, "80:5E:C0:12:34:56", &error);
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_id (found), ==, pa_resource_get_id (PA_RESOURCE (first)));
  g_clear_object (&found);

  g_assert_null (pa_store_find_phone_by_mac (f->store, "00:11:22:33:44:55", &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "00:11:22:33:44:55"));
}

static void
test_unique_sip_username (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(PaAgent) agent = add_agent (f, "Ann");
  gint64 agent_id = pa_resource_get_id (PA_RESOURCE (agent));
  g_autoptr(PaSipAccount) first = add_sip_account (f, agent_id, "1001");
  g_autoptr(PaSipAccount) twin = pa_sip_account_new ();
  g_autoptr(GError) error = NULL;

  pa_sip_account_set_agent_id (twin, agent_id);
  pa_sip_account_set_username (twin, "1001");
  g_assert_false (pa_store_insert (f->store, PA_RESOURCE (twin), &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "1001"));
  g_assert_cmpint (count_kind (f, PA_TYPE_SIP_ACCOUNT), ==, 1);
}

static void
test_foreign_keys (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PaPhone) orphan = new_phone ("Orphan", "80:5E:C0:00:00:01", 999);
  g_autoptr(PaPhone) bad_line = new_phone ("Bad line", "80:5E:C0:00:00:02", 0);
  g_autoptr(PaPhone) bad_layout = new_phone ("Bad layout", "80:5E:C0:00:00:03", 0);
  g_autoptr(PaPhone) bad_module = new_phone ("Bad module", "80:5E:C0:00:00:04", 0);
  g_autoptr(PaSipAccount) account = pa_sip_account_new ();
  g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_phone_module_free);
  const gint64 lines[] = { 0, 77 };
  g_autoptr(GError) error = NULL;

  g_assert_false (pa_store_insert (f->store, PA_RESOURCE (orphan), &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "The phone refers to agent 999, which does not exist");
  g_clear_error (&error);
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (orphan)), ==, 0);

  pa_phone_set_lines (bad_line, lines, G_N_ELEMENTS (lines));
  g_assert_false (pa_store_insert (f->store, PA_RESOURCE (bad_line), &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT);
  g_assert_cmpstr (error->message, ==, "Line 2 refers to SIP account 77, which does not exist");
  g_clear_error (&error);

  pa_phone_set_layout_id (bad_layout, 5);
  g_assert_false (pa_store_insert (f->store, PA_RESOURCE (bad_layout), &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "layout 5"));
  g_clear_error (&error);

  g_ptr_array_add (modules, pa_phone_module_new ("yealink-exp50", 8));
  pa_phone_set_modules (bad_module, modules);
  g_assert_false (pa_store_insert (f->store, PA_RESOURCE (bad_module), &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "module layout 8"));
  g_clear_error (&error);

  pa_sip_account_set_username (account, "2001");
  pa_sip_account_set_agent_id (account, 31);
  g_assert_false (pa_store_insert (f->store, PA_RESOURCE (account), &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  g_assert_cmpint (count_kind (f, PA_TYPE_PHONE), ==, 0);
  g_assert_cmpint (count_kind (f, PA_TYPE_SIP_ACCOUNT), ==, 0);
}

/* -- transactions --------------------------------------------------------------- */

static void
test_transaction_rollback (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(PaAgent) kept = NULL;
  g_autoptr(PaAgent) agent = pa_agent_new ();
  g_autoptr(PaPhone) phone = NULL;
  g_autoptr(PaAgent) inner = pa_agent_new ();
  g_autoptr(PaPhone) dup = NULL;
  g_autoptr(GError) error = NULL;

  /* A request's several writes vanish together. */
  g_assert_true (pa_store_begin (f->store, &error));
  pa_agent_set_name (agent, "Ann");
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (agent), &error));
  g_assert_no_error (error);
  phone = add_phone (f, "Reception", "80:5E:C0:12:34:56", pa_resource_get_id (PA_RESOURCE (agent)));
  pa_agent_set_routing (agent, PA_AGENT_ROUTING_HARDWARE);
  g_assert_true (pa_store_update (f->store, PA_RESOURCE (agent), 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_kind (f, PA_TYPE_PHONE), ==, 1);
  pa_store_rollback (f->store);

  g_assert_cmpint (count_kind (f, PA_TYPE_AGENT), ==, 0);
  g_assert_cmpint (count_kind (f, PA_TYPE_PHONE), ==, 0);

  /* Nested: an inner rollback undoes only the inner writes. */
  g_assert_true (pa_store_begin (f->store, &error));
  kept = add_agent (f, "Kept");
  g_assert_true (pa_store_begin (f->store, &error));
  pa_agent_set_name (inner, "Inner");
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (inner), &error));
  pa_store_rollback (f->store);
  /* A failing write inside the transaction undoes only itself. */
  dup = new_phone ("Dup", "80:5E:C0:12:34:56", 12345);
  g_assert_false (pa_store_insert (f->store, PA_RESOURCE (dup), &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (pa_store_commit (f->store, &error));
  g_assert_no_error (error);

  reopen (f);
  g_assert_cmpint (count_kind (f, PA_TYPE_AGENT), ==, 1);

  /* Misuse is an error, not a crash. */
  g_assert_false (pa_store_commit (f->store, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED);
}

/* -- phone status and tokens ------------------------------------------------------ */

static void
test_status_keeps_revision (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(PaPhone) phone = add_phone (f, "Reception", "80:5E:C0:12:34:56", 0);
  g_autoptr(PaResource) stored = NULL;
  g_autoptr(GDateTime) seen = g_date_time_new_from_unix_utc (1700000000);
  g_autoptr(GError) error = NULL;
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));
  PaPhoneStatusUpdate update = {
    .status = "online",
    .ip = "192.0.2.10",
    .user_agent = "Yealink SIP-T54W 96.86.0.100 80:5e:c0:12:34:56",
    .firmware = "96.86.0.100",
    .last_seen = seen,
  };
  PaPhoneStatusUpdate partial = { .status = "offline" };
  PaPhoneStatusUpdate bad = { .status = "sleepy" };

  g_assert_cmpint (pa_phone_get_status (phone), ==, PA_PHONE_STATUS_PENDING);

  g_assert_true (pa_store_update_phone_status (f->store, id, &update, &error));
  g_assert_no_error (error);

  stored = pa_store_get (f->store, PA_TYPE_PHONE, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_revision (stored), ==, 1);
  g_assert_cmpint (pa_phone_get_status (PA_PHONE (stored)), ==, PA_PHONE_STATUS_ONLINE);
  g_assert_cmpstr (pa_phone_get_ip (PA_PHONE (stored)), ==, "192.0.2.10");
  g_assert_cmpstr (pa_phone_get_firmware (PA_PHONE (stored)), ==, "96.86.0.100");
  g_assert_cmpint (pa_phone_get_last_seen (PA_PHONE (stored)), ==, 1700000000);
  g_assert_cmpint (pa_phone_get_provisioned_at (PA_PHONE (stored)), ==, 0);
  g_clear_object (&stored);

  /* NULL members stay as they were. */
  g_assert_true (pa_store_update_phone_status (f->store, id, &partial, &error));
  g_assert_no_error (error);
  stored = pa_store_get (f->store, PA_TYPE_PHONE, id, &error);
  g_assert_cmpint (pa_phone_get_status (PA_PHONE (stored)), ==, PA_PHONE_STATUS_OFFLINE);
  g_assert_cmpstr (pa_phone_get_ip (PA_PHONE (stored)), ==, "192.0.2.10");
  g_clear_object (&stored);

  /* The admin's revision 1 is still good, and status survives the edit. */
  pa_phone_set_name (phone, "Front desk");
  g_assert_true (pa_store_update (f->store, PA_RESOURCE (phone), 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pa_phone_get_status (phone), ==, PA_PHONE_STATUS_OFFLINE);
  g_assert_cmpstr (pa_phone_get_ip (phone), ==, "192.0.2.10");

  g_assert_false (pa_store_update_phone_status (f->store, id, &bad, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "sleepy"));
  g_clear_error (&error);

  g_assert_false (pa_store_update_phone_status (f->store, 9999, &partial, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
}

/* A pushed reboot/resync's result: on the phone as "sip_action", the
 * latest one only, no revision bump, and an update in the change log so
 * the change feed carries it. */
static void
test_phone_sip_action (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(PaPhone) phone = add_phone (f, "Reception", "80:5E:C0:12:34:56", 0);
  g_autoptr(PaResource) stored = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (1700000000);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));
  gint64 oldest = 0, before = 0, last = 0;
  PaPhoneSipAction first = { "resync", "no_answer", 0, "timed out", at };
  PaPhoneSipAction second = { "reboot", "rejected", 481, "Call Does Not Exist", at };
  JsonObject *action;

  g_assert_null (pa_phone_get_sip_action (phone));
  changes = pa_store_list_changes (f->store, G_MAXINT64, 1, &oldest, &before, &error);
  g_assert_no_error (error);
  g_clear_pointer (&changes, g_ptr_array_unref);

  g_assert_true (pa_store_set_phone_sip_action (f->store, id, &first, &error));
  g_assert_no_error (error);
  g_assert_true (pa_store_set_phone_sip_action (f->store, id, &second, &error));
  g_assert_no_error (error);

  stored = pa_store_get (f->store, PA_TYPE_PHONE, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_revision (stored), ==, 1);
  action = pa_phone_get_sip_action (PA_PHONE (stored));
  g_assert_nonnull (action);
  g_assert_cmpstr (json_object_get_string_member (action, "action"), ==, "reboot");
  g_assert_cmpstr (json_object_get_string_member (action, "result"), ==, "rejected");
  g_assert_cmpint (json_object_get_int_member (action, "code"), ==, 481);
  g_assert_cmpint (json_object_get_int_member (action, "at"), ==, 1700000000);
  g_clear_object (&stored);

  /* one update of the phone per result */
  changes = pa_store_list_changes (f->store, before, 0, &oldest, &last, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 2);
  for (guint i = 0; i < changes->len; i++)
    {
      PaStoreChange *change = g_ptr_array_index (changes, i);

      g_assert_cmpstr (change->kind, ==, "phone");
      g_assert_cmpint (change->id, ==, id);
      g_assert_cmpstr (change->op, ==, "updated");
    }

  /* An edit keeps it (it is no config member) and stores none of it. */
  pa_phone_set_name (phone, "Front desk");
  g_assert_true (pa_store_update (f->store, PA_RESOURCE (phone), 1, &error));
  g_assert_no_error (error);
  stored = pa_store_get (f->store, PA_TYPE_PHONE, id, &error);
  g_assert_nonnull (pa_phone_get_sip_action (PA_PHONE (stored)));
  g_clear_object (&stored);

  g_assert_false (pa_store_set_phone_sip_action (f->store, 9999, &first, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
}

/* What the SIP keepalive asks for: enabled phones with an address, in id
 * order, a page at a time, with their SIP port and first line's user. */
static void
test_sip_targets (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PaPhone) never = add_phone (f, "Never fetched", "80:5E:C0:00:00:01", 0);
  g_autoptr(PaPhone) near = new_phone ("Near", "80:5E:C0:00:00:02", 0);
  g_autoptr(PaPhone) off = new_phone ("Off", "80:5E:C0:00:00:03", 0);
  g_autoptr(PaPhone) plain = add_phone (f, "Plain", "80:5E:C0:00:00:04", 0);
  g_autoptr(PaSipAccount) account = add_sip_account (f, 0, "201");
  g_autoptr(GArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  PaPhoneStatusUpdate fetched = { .status = "online", .ip = "192.0.2.10" };
  gint64 line = pa_resource_get_id (PA_RESOURCE (account));
  gint64 total = -1;
  const PaSipTarget *first, *second;

  pa_phone_set_lines (near, &line, 1);
  pa_phone_set_local_sip_port (near, 5070);
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (near), &error));
  pa_phone_set_enabled (off, FALSE);
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (off), &error));
  g_assert_no_error (error);
  g_assert_true (pa_store_update_phone_status (f->store, pa_resource_get_id (PA_RESOURCE (near)),
                                               &fetched, &error));
  g_assert_true (pa_store_update_phone_status (f->store, pa_resource_get_id (PA_RESOURCE (off)),
                                               &fetched, &error));
  fetched.status = "provisioning";
  g_assert_true (pa_store_update_phone_status (f->store, pa_resource_get_id (PA_RESOURCE (plain)),
                                               &fetched, &error));
  g_assert_no_error (error);

  targets = pa_store_list_sip_targets (f->store, 0, 1, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 2);  /* not the one without an address, nor the disabled one */
  g_assert_cmpuint (targets->len, ==, 1);
  first = &g_array_index (targets, PaSipTarget, 0);
  g_assert_cmpint (first->id, ==, pa_resource_get_id (PA_RESOURCE (plain)));
  g_assert_cmpstr (first->ip, ==, "192.0.2.10");
  g_assert_cmpuint (first->port, ==, 5060);
  g_assert_null (first->user);
  g_assert_cmpstr (first->status, ==, "provisioning");

  {
    g_autoptr(GArray) rest = pa_store_list_sip_targets (f->store, first->id, 10, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (rest->len, ==, 1);
    second = &g_array_index (rest, PaSipTarget, 0);
    g_assert_cmpint (second->id, ==, pa_resource_get_id (PA_RESOURCE (near)));
    g_assert_cmpuint (second->port, ==, 5070);
    g_assert_cmpstr (second->user, ==, "201");
    g_assert_cmpstr (second->status, ==, "online");
  }
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (never)), <, first->id);
}

static void
test_phone_token (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PaPhone) phone = add_phone (f, "Reception", "80:5E:C0:12:34:56", 0);
  g_autoptr(PaPhone) other = add_phone (f, "Kitchen", "00:15:65:AA:BB:CC", 0);
  g_autoptr(PaResource) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = g_strdup (pa_phone_get_token (phone));
  g_autofree char *fresh = NULL;
  g_autofree char *wrong = NULL;
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));

  g_assert_true (pa_token_is_well_formed (token));
  g_assert_cmpstr (token, !=, pa_phone_get_token (other));
  /* In its column (admins see the setup link again), not copied into JSON. */
  g_assert_cmpint (count_rows_with (f->path, "SELECT count(*) FROM phones WHERE token = ?1",
                                    token), ==, 1);
  g_assert_cmpint (count_rows_with (f->path, "SELECT count(*) FROM phones"
                                    " WHERE instr(data, ?1) > 0", token), ==, 0);

  found = pa_store_find_phone_by_token (f->store, token, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_id (found), ==, id);
  g_clear_object (&found);

  /* One character off finds nothing; neither does nothing. */
  wrong = g_strdup (token);
  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  g_assert_null (pa_store_find_phone_by_token (f->store, wrong, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (pa_store_find_phone_by_token (f->store, "", &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A client update cannot change the token. */
  pa_phone_set_token (phone, "client-chosen");
  g_assert_true (pa_store_update (f->store, PA_RESOURCE (phone), 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pa_phone_get_token (phone), ==, token);

  fresh = pa_store_regenerate_phone_token (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fresh, !=, token);
  g_assert_null (pa_store_find_phone_by_token (f->store, token, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  found = pa_store_find_phone_by_token (f->store, fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_id (found), ==, id);
  g_assert_cmpstr (pa_phone_get_token (PA_PHONE (found)), ==, fresh);
  g_assert_cmpint (pa_resource_get_revision (found), ==, 2);

  g_assert_null (pa_store_regenerate_phone_token (f->store, 9999, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
}

static void
test_admin_tokens (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *token = pa_token_generate (NULL);
  g_autofree char *other = pa_token_generate (NULL);
  g_autofree char *hash = pa_token_hash (token);
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_false (pa_store_check_admin_token (f->store, token));

  id = pa_store_add_admin_token (f->store, hash, "local app", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (pa_store_count_admin_tokens (f->store, NULL), ==, 1);

  g_assert_true (pa_store_check_admin_token (f->store, token));
  g_assert_false (pa_store_check_admin_token (f->store, other));
  g_assert_false (pa_store_check_admin_token (f->store, hash));   /* the hash is no token */
  g_assert_false (pa_store_check_admin_token (f->store, ""));
  g_assert_false (pa_store_check_admin_token (f->store, NULL));

  g_assert_cmpint (pa_store_add_admin_token (f->store, hash, "again", &error), ==, -1);
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONFLICT);

  reopen (f);
  g_assert_true (pa_store_check_admin_token (f->store, token));
}

static void
test_sip_password (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PaAgent) agent = add_agent (f, "Ann");
  g_autoptr(PaSipAccount) account = add_sip_account (f, pa_resource_get_id (PA_RESOURCE (agent)),
                                                     "1001");
  g_autofree char *password = pa_token_generate_password (NULL);
  g_autofree char *read = NULL;
  g_autofree char *json = NULL;
  g_autoptr(PaResource) stored = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = pa_resource_get_id (PA_RESOURCE (account));

  read = pa_store_get_sip_password (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read, ==, "");
  g_clear_pointer (&read, g_free);
  g_assert_false (pa_store_check_sip_password (f->store, id, ""));

  g_assert_true (pa_store_set_sip_password (f->store, id, password, &error));
  g_assert_no_error (error);
  read = pa_store_get_sip_password (f->store, id, NULL, &error);
  g_assert_cmpstr (read, ==, password);
  g_assert_true (pa_store_check_sip_password (f->store, id, password));
  g_assert_false (pa_store_check_sip_password (f->store, id, "guess"));
  g_assert_false (pa_store_check_sip_password (f->store, 9999, password));

  /* Never in a resource, not from get, not from list. */
  stored = pa_store_get (f->store, PA_TYPE_SIP_ACCOUNT, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pa_resource_get_revision (stored), ==, 1);
  json = pa_resource_to_data (stored, NULL);
  g_assert_null (strstr (json, password));
  g_assert_null (strstr (json, "password"));
  g_clear_pointer (&json, g_free);
  all = pa_store_list (f->store, PA_TYPE_SIP_ACCOUNT, NULL, NULL, &error);
  g_assert_cmpuint (all->len, ==, 1);
  json = pa_resource_to_data (g_ptr_array_index (all, 0), NULL);
  g_assert_null (strstr (json, password));

  g_assert_false (pa_store_set_sip_password (f->store, 9999, password, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Kept across a restart, in its column only: not in the stored JSON. */
  reopen (f);
  g_clear_pointer (&read, g_free);
  read = pa_store_get_sip_password (f->store, id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read, ==, password);
  g_assert_cmpint (count_rows_with (f->path, "SELECT count(*) FROM sip_accounts WHERE password = ?1",
                                    password), ==, 1);
  g_assert_cmpint (count_rows_with (f->path, "SELECT count(*) FROM sip_accounts"
                                    " WHERE instr(data, ?1) > 0 OR instr(data, 'password') > 0",
                                    password), ==, 0);
}

/* -- usage queries ---------------------------------------------------------------- */

static void
test_usage_queries (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PaAgent) agent = add_agent (f, "Ann");
  gint64 agent_id = pa_resource_get_id (PA_RESOURCE (agent));
  g_autoptr(PaSipAccount) account = add_sip_account (f, agent_id, "1001");
  g_autoptr(PaLayout) layout = pa_layout_new ();
  g_autoptr(PaModuleLayout) module_layout = pa_module_layout_new ();
  g_autoptr(PaProfile) profile = pa_profile_new ();
  g_autoptr(PaPhone) p1 = new_phone ("One", "80:5E:C0:00:00:01", agent_id);
  g_autoptr(PaPhone) p2 = new_phone ("Two", "80:5E:C0:00:00:02", agent_id);
  g_autoptr(PaPhone) p3 = new_phone ("Three", "80:5E:C0:00:00:03", 0);
  g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_phone_module_free);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(PaResource) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 account_id = pa_resource_get_id (PA_RESOURCE (account));
  gint64 line_ids[1];

  pa_layout_set_name (layout, "Sales");
  pa_layout_set_model (layout, "yealink-t54w");
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (layout), &error));
  pa_module_layout_set_name (module_layout, "BLF wall");
  pa_module_layout_set_module (module_layout, "yealink-exp50");
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (module_layout), &error));
  pa_profile_set_name (profile, "Office");
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (profile), &error));
  g_assert_no_error (error);

  line_ids[0] = account_id;
  pa_phone_set_lines (p1, line_ids, 1);
  pa_phone_set_layout_id (p1, pa_resource_get_id (PA_RESOURCE (layout)));
  pa_phone_set_profile_id (p2, pa_resource_get_id (PA_RESOURCE (profile)));
  g_ptr_array_add (modules, pa_phone_module_new ("yealink-exp50",
                                                 pa_resource_get_id (PA_RESOURCE (module_layout))));
  g_ptr_array_add (modules, pa_phone_module_new ("yealink-exp50",
                                                 pa_resource_get_id (PA_RESOURCE (module_layout))));
  pa_phone_set_modules (p3, modules);
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (p1), &error));
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (p2), &error));
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (p3), &error));
  g_assert_no_error (error);

  g_assert_cmpint (pa_store_count_phones_for_agent (f->store, agent_id, &error), ==, 2);
  g_assert_cmpint (pa_store_count_phones_for_agent (f->store, 9999, &error), ==, 0);

  ids = pa_store_list_phones_naming (f->store, PA_TYPE_LAYOUT,
                                     pa_resource_get_id (PA_RESOURCE (layout)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, pa_resource_get_id (PA_RESOURCE (p1)));
  g_clear_pointer (&ids, g_array_unref);

  ids = pa_store_list_phones_naming (f->store, PA_TYPE_MODULE_LAYOUT,
                                     pa_resource_get_id (PA_RESOURCE (module_layout)), &error);
  g_assert_cmpuint (ids->len, ==, 1);   /* two modules, one phone */
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, pa_resource_get_id (PA_RESOURCE (p3)));
  g_clear_pointer (&ids, g_array_unref);

  ids = pa_store_list_phones_naming (f->store, PA_TYPE_PROFILE,
                                     pa_resource_get_id (PA_RESOURCE (profile)), &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, pa_resource_get_id (PA_RESOURCE (p2)));
  g_clear_pointer (&ids, g_array_unref);

  ids = pa_store_list_phones_naming (f->store, PA_TYPE_SIP_ACCOUNT, account_id, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  ids = pa_store_list_phones_naming (f->store, PA_TYPE_AGENT, agent_id, &error);
  g_assert_null (ids);
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* The lines and modules survive a round trip. */
  stored = pa_store_get (f->store, PA_TYPE_PHONE, pa_resource_get_id (PA_RESOURCE (p3)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pa_phone_get_modules (PA_PHONE (stored))->len, ==, 2);
  g_clear_object (&stored);

  /* Things in use cannot be deleted; the message says why. */
  g_assert_false (pa_store_delete (f->store, PA_TYPE_LAYOUT,
                                   pa_resource_get_id (PA_RESOURCE (layout)), -1, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "Sales"));
  g_clear_error (&error);
  g_assert_false (pa_store_delete (f->store, PA_TYPE_SIP_ACCOUNT, account_id, -1, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (pa_store_delete (f->store, PA_TYPE_MODULE_LAYOUT,
                                   pa_resource_get_id (PA_RESOURCE (module_layout)), -1, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);

  /* Removing the line frees the account. */
  pa_phone_set_lines (p1, NULL, 0);
  g_assert_true (pa_store_update (f->store, PA_RESOURCE (p1), 1, &error));
  g_assert_no_error (error);
  ids = pa_store_list_phones_naming (f->store, PA_TYPE_SIP_ACCOUNT, account_id, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

}

/* Commits never checkpoint the WAL (a sync on the main loop); the store's
 * own thread does, and what it copied is in the database file. */
static void
test_checkpoints (Fixture       *f,
                  gconstpointer  data)
{
  sqlite3 *db = NULL;
  int log = -1, copied = -1;
  GStatBuf st;
  guint before;

  before = pa_sqlite_store_get_checkpoints (PA_SQLITE_STORE (f->store));
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Agent %u", i);
      g_autoptr(PaAgent) agent = add_agent (f, name);
    }

  /* A second, then one more to be sure one ran after the writes. */
  for (guint waited = 0;
       pa_sqlite_store_get_checkpoints (PA_SQLITE_STORE (f->store)) < before + 2 && waited < 100;
       waited++)
    g_usleep (50 * 1000);
  g_assert_cmpuint (pa_sqlite_store_get_checkpoints (PA_SQLITE_STORE (f->store)), >=, before + 2);

  /* What was written is in the database file itself: a store never
   * checkpointed keeps its file at the one page it was created with and
   * everything else in a log that only grows (2.3 GB for 20,000 phones
   * made through the API, before the checkpointer's connection first read
   * the database and so knew it was in WAL mode). */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_test_message ("database file: %" G_GINT64_FORMAT " bytes", (gint64) st.st_size);
  g_assert_cmpint (st.st_size, >, 16 * 4096);

  /* And every frame in the log is in it: a connection that has read the
   * database (else it does not know the log, and says -1) copies none. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM agents", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, &log, &copied),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpint (log, >=, 0);
  g_assert_cmpint (log, ==, copied);
  g_assert_cmpint (count_kind (f, PA_TYPE_AGENT), ==, 300);
}

/* The observer hears every write, in or out of a transaction, once, before
 * it commits; what it records is read back by input. */
typedef struct
{
  guint     derives;
  guint     settled_committed;
  guint     settled_rolled_back;
  GString  *written;
  gboolean  fail;
} Observed;

static gboolean
observed_derive (PaStore  *store,
                 GArray   *written,
                 gpointer  user_data,
                 GError  **error)
{
  Observed *observed = user_data;

  observed->derives++;
  g_string_truncate (observed->written, 0);
  for (guint i = 0; i < written->len; i++)
    {
      const PaConfigInput *input = &g_array_index (written, PaConfigInput, i);

      g_string_append_printf (observed->written, "%s%s:%" G_GINT64_FORMAT,
                              i > 0 ? " " : "", input->kind, input->id);
    }
  if (observed->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "derive failed");
      return FALSE;
    }
  return TRUE;
}

static void
observed_settled (PaStore  *store,
                  gboolean  committed,
                  gpointer  user_data)
{
  Observed *observed = user_data;

  if (committed)
    observed->settled_committed++;
  else
    observed->settled_rolled_back++;
}

static const PaStoreObserver test_observer = { observed_derive, observed_settled };

static void
test_inputs (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaSipAccount) account = pa_sip_account_new ();
  g_autoptr(PaPhone) phone = new_phone ("Front Desk", "80:5E:C0:00:00:01", 0);
  g_autofree char *expected = NULL, *expected_again = NULL;
  g_autofree char *fingerprint = NULL;
  g_autoptr(GArray) inputs = pa_config_inputs_new ();
  g_autoptr(GArray) settings = pa_config_inputs_new ();
  g_autoptr(GArray) ids = NULL;
  g_autofree char *password = NULL;
  Observed observed = { 0 };
  gint64 account_id, phone_id, serial = -1;
  guint derives, settled;

  observed.written = g_string_new (NULL);
  pa_store_set_observer (f->store, &test_observer, &observed);
  pa_sip_account_set_username (account, "alice");
  pa_config_inputs_add (settings, PA_INPUT_SETTINGS, 1, 40);

  /* A write on its own is a transaction of its own. */
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (account), &error));
  g_assert_no_error (error);
  account_id = pa_resource_get_id (PA_RESOURCE (account));
  g_assert_cmpuint (observed.derives, ==, 1);
  g_assert_cmpuint (observed.settled_committed, ==, 1);
  expected = g_strdup_printf ("sip_account:%" G_GINT64_FORMAT, account_id);
  g_assert_cmpstr (observed.written->str, ==, expected);

  /* Several writes: one derive, at the outermost commit. */
  g_assert_true (pa_store_begin (f->store, &error));
  pa_phone_set_lines (phone, &account_id, 1);
  g_assert_true (pa_store_insert (f->store, PA_RESOURCE (phone), &error));
  phone_id = pa_resource_get_id (PA_RESOURCE (phone));
  g_assert_true (pa_store_begin (f->store, &error));
  g_assert_true (pa_store_set_sip_password (f->store, account_id, "s3cret", &error));
  g_assert_true (pa_store_commit (f->store, &error));
  g_assert_cmpuint (observed.derives, ==, 1);
  g_assert_true (pa_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (observed.derives, ==, 2);
  g_assert_cmpuint (observed.settled_committed, ==, 2);
  g_assert_nonnull (strstr (observed.written->str, "phone:"));
  g_assert_nonnull (strstr (observed.written->str, "sip_password:"));

  /* A password has a serial that changes with it. */
  password = pa_store_get_sip_password (f->store, account_id, &serial, &error);
  g_assert_cmpstr (password, ==, "s3cret");
  g_assert_cmpint (serial, ==, 1);

  /* Recorded inputs are found by input; a phone without them is listed
   * as underived. */
  ids = pa_store_list_phones_underived (f->store, settings, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  pa_config_inputs_add (inputs, "phone", phone_id, 1);
  pa_config_inputs_add (inputs, PA_INPUT_SETTINGS, 1, 40);
  pa_config_inputs_add (inputs, "sip_account", account_id, 1);
  pa_config_inputs_add (inputs, "layout", 7, 3);
  fingerprint = pa_config_inputs_fingerprint (inputs);
  g_assert_true (pa_store_set_phone_inputs (f->store, phone_id, inputs, NULL, fingerprint, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (observed.derives, ==, 2);   /* derived data is not a write */
  ids = pa_store_list_phones_reading (f->store, "layout", 7, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, phone_id);
  g_clear_pointer (&ids, g_array_unref);
  ids = pa_store_list_phones_reading (f->store, "layout", 8, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = pa_store_list_phones_underived (f->store, settings, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  /* A setting that is not what the phone was derived with: derive again. */
  g_array_index (settings, PaConfigInput, 0).revision = 41;
  ids = pa_store_list_phones_underived (f->store, settings, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* A failing derive rolls the write back and fails it. */
  observed.fail = TRUE;
  pa_sip_account_set_display_name (account, "Alice B");
  g_assert_false (pa_store_update (f->store, PA_RESOURCE (account), -1, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpuint (observed.settled_rolled_back, ==, 1);
  g_clear_object (&account);
  account = PA_SIP_ACCOUNT (pa_store_get (f->store, PA_TYPE_SIP_ACCOUNT, account_id, &error));
  g_assert_cmpint (pa_resource_get_revision (PA_RESOURCE (account)), ==, 1);
  observed.fail = FALSE;

  /* Deleting the phone takes its record with it. */
  g_assert_true (pa_store_delete (f->store, PA_TYPE_PHONE, phone_id, -1, &error));
  g_assert_no_error (error);
  ids = pa_store_list_phones_reading (f->store, "layout", 7, &error);
  g_assert_cmpuint (ids->len, ==, 0);

  /* Derived before the commit, then the same input written again: the
   * commit derives that again, and only that. */
  derives = observed.derives;
  settled = observed.settled_committed;
  g_assert_true (pa_store_begin (f->store, &error));
  g_assert_true (pa_store_set_sip_password (f->store, account_id, "first", &error));
  pa_sip_account_set_display_name (account, "Alice C");
  g_assert_true (pa_store_update (f->store, PA_RESOURCE (account), -1, &error));
  g_assert_true (pa_store_derive_pending (f->store, &error));
  g_assert_cmpuint (observed.derives, ==, derives + 1);
  g_assert_nonnull (strstr (observed.written->str, "sip_account:"));
  g_assert_true (pa_store_derive_pending (f->store, &error));
  g_assert_cmpuint (observed.derives, ==, derives + 1);   /* nothing new */
  g_assert_true (pa_store_set_sip_password (f->store, account_id, "again", &error));
  g_assert_true (pa_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (observed.derives, ==, derives + 2);
  expected_again = g_strdup_printf ("sip_password:%" G_GINT64_FORMAT, account_id);
  g_assert_cmpstr (observed.written->str, ==, expected_again);
  g_assert_cmpuint (observed.settled_committed, ==, settled + 1);

  pa_store_set_observer (f->store, NULL, NULL);
  g_string_free (observed.written, TRUE);
}

static void
test_discovered (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  PaDiscoveredPhone *first;

  g_assert_true (pa_store_record_discovered (f->store, "80:5E:C0:12:34:56", "192.0.2.10",
                                             "Yealink SIP-T54W", &error));
  g_assert_true (pa_store_record_discovered (f->store, "80:5E:C0:12:34:56", "192.0.2.11", NULL,
                                             &error));
  g_assert_true (pa_store_record_discovered (f->store, "00:15:65:AA:BB:CC", NULL, NULL, &error));
  g_assert_no_error (error);

  list = pa_store_list_discovered (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  first = g_ptr_array_index (list, 0);
  if (g_strcmp0 (first->mac, "80:5E:C0:12:34:56") != 0)
    first = g_ptr_array_index (list, 1);
  g_assert_cmpstr (first->mac, ==, "80:5E:C0:12:34:56");
  g_assert_cmpint (first->count, ==, 2);
  g_assert_cmpstr (first->ip, ==, "192.0.2.11");
  g_assert_cmpstr (first->user_agent, ==, "Yealink SIP-T54W");   /* kept */
  g_assert_cmpint (first->first_seen, <=, first->last_seen);
  g_assert_cmpint (first->last_seen, >, 1600000000);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_false (pa_store_record_discovered (f->store, "not a mac", NULL, NULL, &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_true (pa_store_forget_discovered (f->store, "80:5E:C0:12:34:56", &error));
  g_assert_true (pa_store_forget_discovered (f->store, "80:5E:C0:12:34:56", &error));
  g_assert_no_error (error);
  list = pa_store_list_discovered (f->store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Ignored: still there, flagged; an unknown MAC is NOT_FOUND. */
  g_assert_true (pa_store_ignore_discovered (f->store, "00:15:65:AA:BB:CC", &error));
  g_assert_no_error (error);
  g_assert_false (pa_store_ignore_discovered (f->store, "00:15:65:AA:BB:CD", &error));
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = pa_store_list_discovered (f->store, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (((PaDiscoveredPhone *) g_ptr_array_index (list, 0))->ignored);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A flood of made-up MACs keeps the newest 1000, no more. */
  for (guint i = 0; i < 1100; i++)
    {
      g_autofree char *mac = g_strdup_printf ("80:5E:C0:01:%02X:%02X", i / 256, i % 256);

      g_assert_true (pa_store_record_discovered (f->store, mac, "192.0.2.66", NULL, &error));
    }
  list = pa_store_list_discovered (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1000);
}

static void
test_site_key (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *key = pa_store_get_site_key (f->store, &error);
  g_autofree char *again = NULL;

  g_assert_no_error (error);
  g_assert_true (pa_token_is_well_formed (key));
  again = pa_store_get_site_key (f->store, &error);
  g_assert_cmpstr (again, ==, key);
}

/* -- opening bad files -------------------------------------------------------------- */

static void
test_future_version (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-test-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "provd.db", NULL);
  g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %d",
                                          pa_sqlite_store_schema_version () + 1);
  g_autofree char *expected = g_strdup_printf ("version %d",
                                               pa_sqlite_store_schema_version () + 1);
  sqlite3 *db = NULL;
  PaStore *store;

  g_assert_no_error (error);
  store = pa_sqlite_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, set, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = pa_sqlite_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, expected));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_assert_nonnull (strstr (error->message, path));
  /* The refused file is left as it was. */
  g_assert_cmpint (read_user_version (path), ==, pa_sqlite_store_schema_version () + 1);

  remove_tree (dir);
}

static void
test_not_a_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-test-store-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "provd.db", NULL);
  g_autoptr(GString) junk = g_string_new (NULL);
  PaStore *store;

  g_assert_no_error (error);
  for (int i = 0; i < 200; i++)
    g_string_append (junk, "this is a text file, not a database\n");
  g_assert_true (g_file_set_contents (path, junk->str, junk->len, &error));

  store = pa_sqlite_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "not a PhoneAdmin database"));
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);

  /* A folder where the file should be. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  store = pa_sqlite_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED);
  g_test_message ("%s", error->message);

  remove_tree (dir);
}

/* -- tokens ------------------------------------------------------------------------ */

static void
test_token_generate (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (int i = 0; i < 64; i++)
    {
      g_autoptr(GError) error = NULL;
      char *token = pa_token_generate (&error);

      g_assert_no_error (error);
      g_assert_cmpuint (strlen (token), ==, PA_TOKEN_LENGTH);
      g_assert_true (pa_token_is_well_formed (token));
      for (const char *p = token; *p; p++)
        g_assert_true (g_ascii_isalnum (*p) || *p == '-' || *p == '_');
      g_assert_false (g_hash_table_contains (seen, token));
      g_hash_table_add (seen, token);
    }
}

static void
test_token_well_formed (void)
{
  g_autofree char *token = pa_token_generate (NULL);
  g_autofree char *plus = g_strdup (token);
  g_autofree char *longer = g_strconcat (token, "A", NULL);

  plus[5] = '+';
  g_assert_true (pa_token_is_well_formed (token));
  g_assert_false (pa_token_is_well_formed (NULL));
  g_assert_false (pa_token_is_well_formed (""));
  g_assert_false (pa_token_is_well_formed (plus));
  g_assert_false (pa_token_is_well_formed (longer));
  g_assert_false (pa_token_is_well_formed (token + 1));
  g_assert_false (pa_token_is_well_formed ("../../../../etc/passwd/../../../../etc/passw"));
}

static void
test_token_hash_and_equal (void)
{
  g_autofree char *abc = pa_token_hash ("abc");
  g_autofree char *other = pa_token_hash ("abd");

  /* FIPS 180-2's example. */
  g_assert_cmpstr (abc, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (abc, !=, other);

  g_assert_true (pa_token_equal ("secret", "secret"));
  g_assert_true (pa_token_equal ("", ""));
  g_assert_false (pa_token_equal ("secret", "secreT"));
  g_assert_false (pa_token_equal ("secret", "secrets"));
  g_assert_false (pa_token_equal ("secrets", "secret"));
  g_assert_false (pa_token_equal ("", "x"));
  g_assert_false (pa_token_equal (NULL, "x"));
  g_assert_false (pa_token_equal ("x", NULL));
  g_assert_false (pa_token_equal (NULL, NULL));
}

static void
test_password_generate (void)
{
  const char *lookalikes = "0O1lI";
  guint counts[128] = { 0 };

  for (int i = 0; i < 200; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *password = pa_token_generate_password (&error);

      g_assert_no_error (error);
      g_assert_cmpuint (strlen (password), ==, PA_PASSWORD_LENGTH);
      for (const char *p = password; *p; p++)
        {
          g_assert_true (g_ascii_isalnum (*p));
          g_assert_null (strchr (lookalikes, *p));
          counts[(guchar) *p]++;
        }
    }
  /* 4000 draws over 56 symbols: every one turns up (expected ~71 each). */
  for (const char *p = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"; *p; p++)
    g_assert_cmpuint (counts[(guchar) *p], >, 20);
}

/* A client holding a deleted resource must not reach a newer one through
 * the same id, even after a restart. */
static void
test_ids_not_reused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaAgent) first = add_agent (f, "First");
  g_autoptr(PaAgent) second = add_agent (f, "Second");
  g_autoptr(PaAgent) third = NULL;
  g_autoptr(PaAgent) fourth = NULL;
  gint64 second_id = pa_resource_get_id (PA_RESOURCE (second));

  g_assert_true (pa_store_delete (f->store, PA_TYPE_AGENT, second_id, 1, &error));
  g_assert_no_error (error);
  third = add_agent (f, "Third");
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (third)), >, second_id);

  g_assert_true (pa_store_delete (f->store, PA_TYPE_AGENT,
                                  pa_resource_get_id (PA_RESOURCE (third)), 1, &error));
  g_assert_no_error (error);
  reopen (f);
  fourth = add_agent (f, "Fourth");
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (fourth)), >,
                   pa_resource_get_id (PA_RESOURCE (third)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("migrations-from-empty", test_migrations_from_empty);
  ADD ("migration-custom-params", test_migration_custom_params);
  ADD ("reopen-keeps-data", test_reopen_keeps_data);
  ADD ("insert-get", test_insert_get);
  ADD ("list-paging-filter", test_list_paging_and_filter);
  ADD ("list-phone-filter", test_list_phone_filter);
  ADD ("update-revisions", test_update_revisions);
  ADD ("delete", test_delete);
  ADD ("ids-not-reused", test_ids_not_reused);
  ADD ("unique-mac", test_unique_mac);
  ADD ("unique-sip-username", test_unique_sip_username);
  ADD ("foreign-keys", test_foreign_keys);
  ADD ("transaction-rollback", test_transaction_rollback);
  ADD ("status-keeps-revision", test_status_keeps_revision);
  ADD ("phone-token", test_phone_token);
  ADD ("phone-sip-action", test_phone_sip_action);
  ADD ("sip-targets", test_sip_targets);
  ADD ("admin-tokens", test_admin_tokens);
  ADD ("sip-password", test_sip_password);
  ADD ("usage-queries", test_usage_queries);
  ADD ("inputs", test_inputs);
  ADD ("checkpoints", test_checkpoints);
  ADD ("discovered", test_discovered);
  ADD ("site-key", test_site_key);
#undef ADD

  g_test_add_func ("/store/future-version", test_future_version);
  g_test_add_func ("/store/not-a-database", test_not_a_database);
  g_test_add_func ("/token/generate", test_token_generate);
  g_test_add_func ("/token/well-formed", test_token_well_formed);
  g_test_add_func ("/token/hash-and-equal", test_token_hash_and_equal);
  g_test_add_func ("/token/password", test_password_generate);

  return g_test_run ();
}
