/* pa-sqlite-store-inputs.c — the SQLite store's record of what each phone's
 * files were made from (see pa-config-inputs.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-sqlite-store"

#include "config.h"

#include "pa-phone.h"
#include "pa-sqlite-store-private.h"

static gboolean
set_phone_inputs (PaStore      *store,
                  gint64        phone_id,
                  GArray       *inputs,
                  const char * const *attention,
                  const char   *fingerprint,
                  GError      **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);

  if (!pa_sqlite_store_tx_begin (store, error))
    return FALSE;

  {
    g_autoptr(PaStmt) clear = NULL;

    clear = pa_sqlite_store_prepare (self, "DELETE FROM phone_inputs WHERE phone_id = :id", error);
    if (clear == NULL)
      goto fail;
    pa_stmt_bind_int (clear, ":id", phone_id);
    if (pa_sqlite_store_step (self, clear, "Cannot record the phone’s inputs", error) == 0)
      goto fail;
  }

  for (guint i = 0; i < inputs->len; i++)
    {
      const PaConfigInput *input = &g_array_index (inputs, PaConfigInput, i);
      g_autoptr(PaStmt) add = NULL;

      add = pa_sqlite_store_prepare (self,
                                     "INSERT INTO phone_inputs (phone_id, kind, input_id, revision)"
                                     " VALUES (:id, :kind, :input, :revision)",
                                     error);
      if (add == NULL)
        goto fail;
      pa_stmt_bind_int (add, ":id", phone_id);
      pa_stmt_bind_text (add, ":kind", input->kind);
      pa_stmt_bind_int (add, ":input", input->id);
      pa_stmt_bind_int (add, ":revision", input->revision);
      if (pa_sqlite_store_step (self, add, "Cannot record the phone’s inputs", error) == 0)
        goto fail;
    }

  {
    g_autoptr(PaStmt) why = NULL;
    g_autoptr(PaStmt) mark = NULL;
    g_autofree char *reasons = NULL;

    /* As the JSON array the API answers with; none is NULL, as most are. */
    if (attention != NULL && attention[0] != NULL)
      {
        g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), json_array_new ());

        for (guint i = 0; attention[i] != NULL; i++)
          json_array_add_string_element (json_node_get_array (node), attention[i]);
        reasons = json_to_string (node, FALSE);
      }
    why = pa_sqlite_store_prepare (self,
                                   "UPDATE phones SET attention = :attention"
                                   " WHERE id = :id AND attention IS NOT :attention",
                                   error);
    if (why == NULL)
      goto fail;
    pa_stmt_bind_int (why, ":id", phone_id);
    pa_stmt_bind_text (why, ":attention", reasons);
    if (pa_sqlite_store_step (self, why, "Cannot record why the phone needs attention",
                              error) == 0)
      goto fail;
    /* Why it needs attention is what an app shows of this: a phone whose
     * reasons changed is logged as if edited (once a transaction: one
     * written itself is in the log already). A new fingerprint alone is
     * not: after an upgrade or a setting every phone reads, that would be
     * every phone of the fleet for each app to apply. */
    if (sqlite3_changes (self->db) > 0 &&
        !g_hash_table_contains (self->phones_logged, &phone_id) &&
        !pa_sqlite_store_record_change (self, PA_TYPE_PHONE, phone_id, "updated", error))
      goto fail;

    mark = pa_sqlite_store_prepare (self,
                                    "UPDATE phones SET fingerprint = :fingerprint WHERE id = :id",
                                    error);
    if (mark == NULL)
      goto fail;
    pa_stmt_bind_int (mark, ":id", phone_id);
    pa_stmt_bind_text (mark, ":fingerprint", fingerprint);
    if (pa_sqlite_store_step (self, mark, "Cannot record the phone’s fingerprint", error) == 0)
      goto fail;
  }
  return pa_sqlite_store_tx_commit (store, error);

fail:
  pa_sqlite_store_tx_rollback (store);
  return FALSE;
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static GArray *
collect (PaSqliteStore *self,
         PaStmt        *stmt,
         GError       **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  while ((rc = pa_sqlite_store_step (self, stmt, "Cannot list phones", error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&ids);
}

static GArray *
list_phones_reading (PaStore     *store,
                     const char  *kind,
                     gint64       id,
                     GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;

  stmt = pa_sqlite_store_prepare (self,
                                  "SELECT phone_id FROM phone_inputs"
                                  " WHERE kind = :kind AND input_id = :input ORDER BY phone_id",
                                  error);
  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_text (stmt, ":kind", kind);
  pa_stmt_bind_int (stmt, ":input", id);
  return collect (self, stmt, error);
}

static GArray *
list_phones_underived (PaStore  *store,
                       GArray   *current,
                       GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(PaStmt) stmt = NULL;

  stmt = pa_sqlite_store_prepare (self,
                                  "SELECT id FROM phones WHERE fingerprint IS NULL ORDER BY id",
                                  error);
  if (stmt == NULL || (ids = collect (self, stmt, error)) == NULL)
    return NULL;

  for (guint i = 0; i < current->len; i++)
    {
      const PaConfigInput *input = &g_array_index (current, PaConfigInput, i);
      g_autoptr(PaStmt) stale = NULL;
      g_autoptr(GArray) more = NULL;

      stale = pa_sqlite_store_prepare (self,
                                       "SELECT phone_id FROM phone_inputs"
                                       " WHERE kind = :kind AND input_id = :input"
                                       " AND revision <> :revision",
                                       error);
      if (stale == NULL)
        return NULL;
      pa_stmt_bind_text (stale, ":kind", input->kind);
      pa_stmt_bind_int (stale, ":input", input->id);
      pa_stmt_bind_int (stale, ":revision", input->revision);
      more = collect (self, stale, error);
      if (more == NULL)
        return NULL;
      g_array_append_vals (ids, more->data, more->len);
    }
  /* Each once, in order: a phone with several stale inputs is one phone. */
  g_array_sort (ids, compare_ids);
  {
    guint kept = 0;

    for (guint i = 0; i < ids->len; i++)
      if (kept == 0 || g_array_index (ids, gint64, kept - 1) != g_array_index (ids, gint64, i))
        g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
    g_array_set_size (ids, kept);
  }
  return g_steal_pointer (&ids);
}

static gboolean
set_generated_admin_password (PaStore     *store,
                              gint64       phone_id,
                              const char  *password,
                              GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;

  stmt = pa_sqlite_store_prepare (self,
                                  "UPDATE phones SET generated_admin_password = :password"
                                  " WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_int (stmt, ":id", phone_id);
  pa_stmt_bind_text (stmt, ":password", password);
  if (pa_sqlite_store_step (self, stmt, "Cannot keep the admin password", error) == 0)
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                   "There is no phone with id %" G_GINT64_FORMAT, phone_id);
      return FALSE;
    }
  return TRUE;
}

static char *
get_generated_admin_password (PaStore  *store,
                              gint64    phone_id,
                              GError  **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;
  int rc;

  stmt = pa_sqlite_store_prepare (self,
                                  "SELECT generated_admin_password FROM phones WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_int (stmt, ":id", phone_id);
  rc = pa_sqlite_store_step (self, stmt, "Cannot read the admin password", error);
  if (rc != SQLITE_ROW)
    return NULL;
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gboolean
set_http_credentials (PaStore     *store,
                      gint64       phone_id,
                      const char  *password,
                      gint64       sent_at,
                      GError     **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;

  stmt = pa_sqlite_store_prepare (self,
                                  "UPDATE phones SET http_password = :password,"
                                  " http_password_sent = :sent WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return FALSE;
  pa_stmt_bind_int (stmt, ":id", phone_id);
  pa_stmt_bind_text (stmt, ":password", password);
  pa_stmt_bind_int (stmt, ":sent", sent_at);
  if (pa_sqlite_store_step (self, stmt, "Cannot keep the phone's HTTP password", error) == 0)
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                   "There is no phone with id %" G_GINT64_FORMAT, phone_id);
      return FALSE;
    }
  return TRUE;
}

static char *
get_http_credentials (PaStore   *store,
                      gint64     phone_id,
                      gint64    *sent_at,
                      GError   **error)
{
  PaSqliteStore *self = PA_SQLITE_STORE (store);
  g_autoptr(PaStmt) stmt = NULL;

  if (sent_at != NULL)
    *sent_at = 0;
  stmt = pa_sqlite_store_prepare (self,
                                  "SELECT http_password, http_password_sent FROM phones WHERE id = :id",
                                  error);
  if (stmt == NULL)
    return NULL;
  pa_stmt_bind_int (stmt, ":id", phone_id);
  if (pa_sqlite_store_step (self, stmt, "Cannot read the phone's HTTP password", error) != SQLITE_ROW)
    return NULL;
  if (sent_at != NULL)
    *sent_at = sqlite3_column_int64 (stmt, 1);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

void
pa_sqlite_store_init_inputs_iface (PaStoreInterface *iface)
{
  iface->set_phone_inputs = set_phone_inputs;
  iface->list_phones_reading = list_phones_reading;
  iface->list_phones_underived = list_phones_underived;
  iface->set_generated_admin_password = set_generated_admin_password;
  iface->get_generated_admin_password = get_generated_admin_password;
  iface->set_http_credentials = set_http_credentials;
  iface->get_http_credentials = get_http_credentials;
}
