/* pa-api-import.c — POST /api/v1/phones/import: phones from a CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is read by pa_csv_import_parse() (core); here each row's
 * agent, layout and profile are found in the store, its MAC checked
 * against the phones there, and the phone it describes built and
 * validated as a POST of it would be. With ?dry_run=true that is all:
 * every row's outcome, nothing written. Without, every row is written in
 * one transaction, or none when any row is bad.
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include <string.h>

#include "pa-api-private.h"
#include "pa-csv.h"

/* What the store holds that rows name, read once per import. */
typedef struct
{
  GHashTable *agents;     /* extension or casefolded e-mail → id */
  GHashTable *layouts;    /* casefolded name or "id" → PaLayout (ref) */
  GHashTable *profiles;   /* casefolded name or "id" → id */
  GHashTable *ambiguous;  /* "layouts:<name>" … names two share: a set */
} Names;

static void
names_clear (Names *names)
{
  g_clear_pointer (&names->agents, g_hash_table_unref);
  g_clear_pointer (&names->layouts, g_hash_table_unref);
  g_clear_pointer (&names->profiles, g_hash_table_unref);
  g_clear_pointer (&names->ambiguous, g_hash_table_unref);
}

static void
add_name (Names      *names,
          GHashTable *table,
          const char *kind,
          const char *name,
          gpointer    value,
          gboolean    owned)
{
  g_autofree char *key = g_utf8_casefold (name, -1);

  if (g_hash_table_contains (table, key))
    g_hash_table_add (names->ambiguous, g_strconcat (kind, ":", key, NULL));
  else
    g_hash_table_insert (table, g_steal_pointer (&key), owned ? g_object_ref (value) : value);
}

static gboolean
names_load (Names   *names,
            PaStore *store,
            GError **error)
{
  g_autoptr(GPtrArray) agents = pa_store_list (store, PA_TYPE_AGENT, NULL, NULL, error);
  g_autoptr(GPtrArray) layouts = agents != NULL ? pa_store_list (store, PA_TYPE_LAYOUT, NULL, NULL, error) : NULL;
  g_autoptr(GPtrArray) profiles = layouts != NULL ? pa_store_list (store, PA_TYPE_PROFILE, NULL, NULL, error) : NULL;

  if (profiles == NULL)
    return FALSE;
  names->agents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  names->layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  names->profiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  names->ambiguous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < agents->len; i++)
    {
      PaAgent *agent = g_ptr_array_index (agents, i);
      gpointer id = GSIZE_TO_POINTER (pa_resource_get_id (PA_RESOURCE (agent)));
      const char *extension = pa_agent_get_extension (agent);
      const char *email = pa_agent_get_email (agent);

      if (extension != NULL && extension[0] != '\0')
        add_name (names, names->agents, "agents", extension, id, FALSE);
      if (email != NULL && email[0] != '\0')
        add_name (names, names->agents, "agents", email, id, FALSE);
    }
  for (guint i = 0; i < layouts->len; i++)
    {
      PaResource *layout = g_ptr_array_index (layouts, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, pa_resource_get_id (layout));

      add_name (names, names->layouts, "layouts", pa_layout_get_name (PA_LAYOUT (layout)), layout, TRUE);
      add_name (names, names->layouts, "layouts", id, layout, TRUE);
    }
  for (guint i = 0; i < profiles->len; i++)
    {
      PaResource *profile = g_ptr_array_index (profiles, i);
      gpointer id = GSIZE_TO_POINTER (pa_resource_get_id (profile));
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, pa_resource_get_id (profile));

      add_name (names, names->profiles, "profiles", pa_profile_get_name (PA_PROFILE (profile)), id, FALSE);
      add_name (names, names->profiles, "profiles", id_text, id, FALSE);
    }
  return TRUE;
}

/* @text's entry in @table; NULL with @error set (naming @line and @field)
 * when there is none, or two share the name. */
static gpointer
names_find (Names       *names,
            GHashTable  *table,
            const char  *kind,
            const char  *what,
            const char  *field,
            const char  *title,
            guint        line,
            const char  *text,
            GError     **error)
{
  g_autofree char *key = g_utf8_casefold (text, -1);
  g_autofree char *ambiguous = g_strconcat (kind, ":", key, NULL);
  gpointer value;

  if (g_hash_table_contains (names->ambiguous, ambiguous))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                          "Line %u, %s: more than one %s is called “%s”; give its id instead",
                          line, title, what, text);
      return NULL;
    }
  value = g_hash_table_lookup (table, key);
  if (value == NULL)
    pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                        "Line %u, %s: there is no %s “%s”; create it first, or leave the cell empty",
                        line, title, what, text);
  return value;
}

/* The phone a good row describes, built and checked as a POST of it would
 * be; NULL with the row's error. */
static PaResource *
row_phone (PaApiRequest   *req,
           Names          *names,
           const PaCsvRow *row,
           GError        **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(PaResource) existing = NULL;
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(GError) local_error = NULL;

  existing = pa_store_find_phone_by_mac (req->store, row->mac, &local_error);
  if (existing != NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "mac",
                          "Line %u, MAC: a phone with %s is there already (“%s”)", row->line,
                          row->mac, pa_phone_get_name (PA_PHONE (existing)));
      return NULL;
    }
  if (!g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_clear_error (&local_error);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "mac");
  json_builder_add_string_value (builder, row->mac);
  json_builder_set_member_name (builder, "vendor");
  json_builder_add_string_value (builder, row->vendor_id);
  json_builder_set_member_name (builder, "model");
  json_builder_add_string_value (builder, row->model_id);
  if (row->name != NULL)
    {
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, row->name);
    }
  if (row->agent != NULL)
    {
      gpointer id = names_find (names, names->agents, "agents", "agent with that extension or e-mail",
                                "agent", "Agent", row->line, row->agent, error);

      if (id == NULL)
        return NULL;
      json_builder_set_member_name (builder, "agent_id");
      json_builder_add_int_value (builder, GPOINTER_TO_SIZE (id));
    }
  if (row->layout != NULL)
    {
      PaLayout *layout = names_find (names, names->layouts, "layouts", "layout", "layout",
                                     "Layout", row->line, row->layout, error);

      if (layout == NULL)
        return NULL;
      if (g_strcmp0 (pa_layout_get_model (layout), row->model_id) != 0)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "layout",
                              "Line %u, Layout: “%s” is for %s phones, not %s", row->line,
                              pa_layout_get_name (layout), pa_layout_get_model (layout), row->model_id);
          return NULL;
        }
      json_builder_set_member_name (builder, "layout_id");
      json_builder_add_int_value (builder, pa_resource_get_id (PA_RESOURCE (layout)));
    }
  if (row->profile != NULL)
    {
      gpointer id = names_find (names, names->profiles, "profiles", "profile", "profile",
                                "Profile", row->line, row->profile, error);

      if (id == NULL)
        return NULL;
      json_builder_set_member_name (builder, "profile_id");
      json_builder_add_int_value (builder, GPOINTER_TO_SIZE (id));
    }
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  phone = pa_resource_new_from_json (PA_TYPE_PHONE, node, PA_JSON_DEFAULT, &local_error);
  if (phone == NULL ||
      !pa_resource_validate_with_catalog (phone, pa_catalog_get_default (), &local_error))
    {
      /* The phone's own rules know nothing of lines: say which. */
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, pa_model_error_get_field (local_error),
                          "Line %u: %s", row->line, local_error->message);
      return NULL;
    }
  return g_steal_pointer (&phone);
}

typedef struct
{
  PaCsvImport *csv;
  GPtrArray   *phones;    /* per row: its PaPhone, or NULL when bad */
  GPtrArray   *errors;    /* per row: its GError, or NULL */
  guint        n_errors;
  JsonArray   *created;   /* filled as the rows are written */
} Import;

static void
import_clear (Import *import)
{
  g_clear_pointer (&import->csv, pa_csv_import_free);
  g_clear_pointer (&import->phones, g_ptr_array_unref);
  g_clear_pointer (&import->errors, g_ptr_array_unref);
  g_clear_pointer (&import->created, json_array_unref);
}

static void
free_error (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static void
free_object (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static gboolean
check_rows (PaApiRequest *req,
            Import       *import,
            GError      **error)
{
  Names names = { 0 };
  guint n = pa_csv_import_get_n_rows (import->csv);

  if (!names_load (&names, req->store, error))
    return FALSE;
  import->phones = g_ptr_array_new_full (n, free_object);
  import->errors = g_ptr_array_new_full (n, free_error);
  for (guint i = 0; i < n; i++)
    {
      const PaCsvRow *row = pa_csv_import_get_row (import->csv, i);
      GError *row_error = row->error != NULL ? g_error_copy (row->error) : NULL;
      PaResource *phone = NULL;

      if (row_error == NULL)
        {
          phone = row_phone (req, &names, row, &row_error);
          if (phone == NULL && row_error->domain != PA_MODEL_ERROR)
            {
              /* The store failed, not the row. */
              g_propagate_error (error, row_error);
              names_clear (&names);
              return FALSE;
            }
        }
      import->n_errors += row_error != NULL;
      g_ptr_array_add (import->phones, phone);
      g_ptr_array_add (import->errors, row_error);
    }
  names_clear (&names);
  return TRUE;
}

static JsonObject *
row_to_json (Import *import,
             guint   i)
{
  const PaCsvRow *row = pa_csv_import_get_row (import->csv, i);
  PaResource *phone = g_ptr_array_index (import->phones, i);
  GError *row_error = g_ptr_array_index (import->errors, i);
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "line", row->line);
  if (row->mac != NULL)
    json_object_set_string_member (object, "mac", row->mac);
  if (row->vendor_id != NULL)
    json_object_set_string_member (object, "vendor", row->vendor_id);
  if (row->model_id != NULL)
    json_object_set_string_member (object, "model", row->model_id);
  if (row->name != NULL)
    json_object_set_string_member (object, "name", row->name);
  if (phone != NULL)
    {
      /* What the rows named, as ids: what a confirmed import writes. */
      if (pa_phone_get_agent_id (PA_PHONE (phone)) != 0)
        json_object_set_int_member (object, "agent_id", pa_phone_get_agent_id (PA_PHONE (phone)));
      if (pa_phone_get_layout_id (PA_PHONE (phone)) != 0)
        json_object_set_int_member (object, "layout_id", pa_phone_get_layout_id (PA_PHONE (phone)));
      if (pa_phone_get_profile_id (PA_PHONE (phone)) != 0)
        json_object_set_int_member (object, "profile_id", pa_phone_get_profile_id (PA_PHONE (phone)));
    }
  if (row_error != NULL)
    {
      JsonObject *detail = json_object_new ();
      const char *code = NULL;

      pa_http_status_for_error (row_error, &code);
      json_object_set_string_member (detail, "code", code);
      if (pa_model_error_get_field (row_error) != NULL)
        json_object_set_string_member (detail, "field", pa_model_error_get_field (row_error));
      json_object_set_string_member (detail, "message", row_error->message);
      json_object_set_object_member (object, "error", detail);
    }
  return object;
}

static JsonObject *
import_to_json (Import   *import,
                gboolean  dry_run)
{
  JsonObject *object = json_object_new ();
  JsonArray *rows = json_array_new ();
  char delimiter[2] = { pa_csv_import_get_delimiter (import->csv), '\0' };

  for (guint i = 0; i < pa_csv_import_get_n_rows (import->csv); i++)
    json_array_add_object_element (rows, row_to_json (import, i));
  json_object_set_boolean_member (object, "dry_run", dry_run);
  json_object_set_string_member (object, "delimiter", delimiter);
  json_object_set_int_member (object, "errors", import->n_errors);
  json_object_set_array_member (object, "rows", rows);
  return object;
}

static gboolean
write_rows (PaApiRequest *req,
            gpointer      user_data,
            GError      **error)
{
  Import *import = user_data;
  const PaApiCollection *phones = pa_api_collection_for_kind ("phone");

  for (guint i = 0; i < import->phones->len; i++)
    {
      PaResource *phone = g_ptr_array_index (import->phones, i);
      g_autoptr(JsonObject) made = json_object_new ();

      if (!pa_api_create (req, phones, phone, error))
        {
          g_prefix_error (error, "Line %u: ", pa_csv_import_get_row (import->csv, i)->line);
          return FALSE;
        }
      /* The new SIP account's password, shown this once, per row (a
       * phone's create answers it in its own "sip_password"). */
      json_object_set_int_member (made, "line", pa_csv_import_get_row (import->csv, i)->line);
      json_object_set_int_member (made, "phone_id", pa_resource_get_id (phone));
      for (const char * const *m = (const char * const[]) { "sip_account_id", "sip_username",
                                                            "sip_password", NULL }; *m != NULL; m++)
        if (json_object_has_member (req->extra, *m))
          {
            json_object_set_member (made, *m, json_node_copy (json_object_get_member (req->extra, *m)));
            json_object_remove_member (req->extra, *m);
          }
      json_array_add_object_element (import->created, g_steal_pointer (&made));
    }
  return TRUE;
}

static gboolean
read_csv (PaApiRequest *req,
          Import       *import,
          GError      **error)
{
  g_autoptr(GBytes) bytes = pa_http_read_body (req->msg, "text/csv", error);
  gsize length = 0;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &length);
  import->csv = pa_csv_import_parse (data, length, NULL, error);
  return import->csv != NULL;
}

static void
copy_member (JsonObject  *from,
             const char  *name,
             JsonNode    *value,
             gpointer     to)
{
  json_object_set_member (to, name, json_node_copy (value));
}

void
pa_api_import_phones (PaApiRequest          *req,
                      const PaApiCollection *collection,
                      gint64                 id,
                      const char            *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  const char *dry_run_text = req->query != NULL ? g_hash_table_lookup (req->query, "dry_run") : NULL;
  gboolean dry_run = FALSE;
  Import import = { 0 };
  JsonObject *answer;

  if (dry_run_text != NULL)
    {
      if (!g_str_equal (dry_run_text, "true") && !g_str_equal (dry_run_text, "false"))
        {
          pa_http_send_error (req->msg, SOUP_STATUS_BAD_REQUEST, "invalid_value", "dry_run",
                              "dry_run is true or false");
          return;
        }
      dry_run = g_str_equal (dry_run_text, "true");
    }
  if (!read_csv (req, &import, &error) || !check_rows (req, &import, &error))
    {
      import_clear (&import);
      pa_http_send_gerror (req->msg, error);
      return;
    }

  answer = import_to_json (&import, dry_run);
  json_node_take_object (node, answer);
  if (dry_run)
    {
      pa_http_send_json (req->msg, SOUP_STATUS_OK, node);
      import_clear (&import);
      return;
    }
  if (import.n_errors > 0)
    {
      /* All or nothing: the answer lists what to fix, nothing is written. */
      JsonObject *detail = json_object_new ();

      json_object_set_string_member (detail, "code", "invalid_rows");
      json_object_set_string_member (detail, "message",
                                     import.n_errors == 1 ? "1 row cannot be imported; nothing was written"
                                                          : "Some rows cannot be imported; nothing was written");
      json_object_set_object_member (answer, "error", detail);
      pa_http_send_json (req->msg, SOUP_STATUS_UNPROCESSABLE_ENTITY, node);
      import_clear (&import);
      return;
    }

  import.created = json_array_new ();
  if (!pa_api_in_transaction (req, write_rows, &import, &error))
    {
      import_clear (&import);
      pa_http_send_gerror (req->msg, error);
      return;
    }
  json_object_set_array_member (answer, "created", json_array_ref (import.created));
  /* What the transaction reported ("changed", an admin password shown once). */
  json_object_foreach_member (req->extra, copy_member, answer);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "PA_KIND", "phone",
                    "MESSAGE", "Imported %u phones", import.phones->len);
  pa_http_send_json (req->msg, SOUP_STATUS_CREATED, node);
  import_clear (&import);
}
