/* pa-api.c — generic CRUD for every stored resource under /api/v1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include <string.h>

#include "pa-api-private.h"
#include "pa-csv.h"

#define LIST_DEFAULT_LIMIT 50
#define LIST_MAX_LIMIT     500

/* What the API does beyond storing, per kind; the kinds and their paths
 * are pa-resource-kinds.c's. */
static const PaApiCollection collections[] = {
  { "phone",
    pa_api_phone_before_write, pa_api_phone_after_write,
    pa_api_phone_before_delete, pa_api_phone_after_delete,
    pa_api_phone_derive },
  { "agent",
    pa_api_agent_before_write, pa_api_agent_after_write,
    pa_api_agent_before_delete, NULL },
  { "sip_account",
    pa_api_sip_before_write, pa_api_sip_after_write,
    NULL, NULL },
  { "layout",
    pa_api_layout_before_write, pa_api_layout_after_write,
    pa_api_layout_before_delete, NULL },
  { "module_layout",
    NULL, pa_api_layout_after_write,
    pa_api_layout_before_delete, NULL },
  { "profile",
    NULL, pa_api_layout_after_write,
    pa_api_profile_before_delete, NULL },
  { "firmware",
    pa_api_firmware_before_write, NULL,
    pa_api_firmware_before_delete, pa_api_firmware_after_delete },
  { "settings",
    pa_api_settings_before_write, NULL,
    NULL, NULL,
    pa_api_settings_derive, PA_SETTINGS_ID },
};

static const PaApiCollection *
find_collection (const char *segment)
{
  const PaResourceKind *kind = pa_resource_kind_for_collection (segment);

  return kind != NULL ? pa_api_collection_for_kind (kind->kind) : NULL;
}

const char *
pa_api_collection_path (const PaApiCollection *collection)
{
  return pa_resource_kind_lookup (collection->kind)->collection;
}

/* The changes @since in the change log, as the answer's "changed": what
 * this request changed, its cascades included, so a client never guesses
 * the server's rules. Read inside the write transaction, whose lock keeps
 * every other writer's entries out. */
static gboolean
report_changed (PaApiRequest  *req,
                gint64         since,
                GError       **error)
{
  gint64 oldest, last;
  g_autoptr(GPtrArray) changes = pa_store_list_changes (req->store, since, 0, &oldest, &last, error);
  g_autoptr(JsonArray) changed = json_array_new ();

  if (changes == NULL)
    return FALSE;
  for (guint i = 0; i < changes->len; i++)
    json_array_add_object_element (changed, pa_api_change_to_json (g_ptr_array_index (changes, i)));
  json_object_set_array_member (req->extra, "changed", g_steal_pointer (&changed));
  return TRUE;
}

gboolean
pa_api_in_transaction (PaApiRequest         *req,
                       PaApiTransactionFunc  work,
                       gpointer              data,
                       GError              **error)
{
  gint64 oldest = 0, before = 0;
  g_autoptr(GPtrArray) none = NULL;

  if (!pa_store_begin (req->store, error))
    return FALSE;

  /* Where the log stands as this request starts writing (asking after
   * the newest possible number gives no entries, only the bounds). */
  none = pa_store_list_changes (req->store, G_MAXINT64, 1, &oldest, &before, error);
  /* Derived before the log is read: the phones whose files changed with
   * this write are in it too. */
  if (none == NULL || !work (req, data, error) || !pa_store_derive_pending (req->store, error) ||
      !report_changed (req, before, error))
    {
      pa_store_rollback (req->store);
      return FALSE;
    }

  if (!pa_store_commit (req->store, error))
    return FALSE;
  /* Phones a settings change left to a unit of work count too: their
   * files change (they are logged as their reasons to need attention do). */
  if (req->report_affected)
    json_object_set_int_member (req->extra, "affected_phones",
                                req->server->derive->last_affected->len +
                                req->server->derive->last_derive_later);
  /* Shown this once, like a SIP password: the API never returns them again. */
  if (req->server->derive->last_generated->len > 0)
    {
      g_autoptr(JsonArray) made = json_array_new ();

      for (guint i = 0; i < req->server->derive->last_generated->len; i++)
        {
          PaGeneratedPassword *one = g_ptr_array_index (req->server->derive->last_generated, i);
          g_autoptr(JsonObject) item = json_object_new ();

          json_object_set_int_member (item, "phone_id", one->phone_id);
          json_object_set_string_member (item, "admin_password", one->password);
          json_array_add_object_element (made, g_steal_pointer (&item));
        }
      json_object_set_array_member (req->extra, "admin_passwords", g_steal_pointer (&made));
    }
  return TRUE;
}

void
pa_api_run_action (PaApiRequest      *req,
                   const PaApiAction *action,
                   gpointer           data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  if ((action->parse != NULL && !action->parse (req, data, &error)) ||
      (action->work != NULL && !pa_api_in_transaction (req, action->work, data, &error)))
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  node = action->answer (req, data);
  pa_http_send_json (req->msg, SOUP_STATUS_OK, node);
}

void
pa_api_convert_write_error (GError **error)
{
  GError *converted;

  if (error == NULL || *error == NULL)
    return;
  if (!g_error_matches (*error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT))
    return;

  converted = NULL;
  pa_http_set_error (&converted, PA_HTTP_ERROR_RULE, NULL, "%s", (*error)->message);
  g_clear_error (error);
  *error = converted;
}

JsonNode *
pa_api_resource_json (PaResource *resource,
                      JsonObject *extra)
{
  JsonNode *node = pa_resource_to_json (resource);

  if (extra != NULL)
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, extra);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (object, name, json_node_copy (value));
    }
  return node;
}

static gboolean
parse_id (const char *text,
          gint64     *id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

/* What the server derives on a resource it answers with (a phone's
 * attention). */
void
pa_api_derive (PaApiRequest          *req,
               const PaApiCollection *collection,
               PaResource            *resource)
{
  if (collection->derive != NULL)
    collection->derive (req, resource);
}

const PaApiCollection *
pa_api_collection_for_kind (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (collections); i++)
    if (g_strcmp0 (collections[i].kind, kind) == 0)
      return &collections[i];
  return NULL;
}

void
pa_api_send_resource (PaApiRequest          *req,
                      const PaApiCollection *collection,
                      guint                  status,
                      PaResource            *resource)
{
  g_autoptr(JsonNode) node = NULL;

  pa_api_derive (req, collection, resource);
  node = pa_api_resource_json (resource, req->extra);

  pa_http_set_etag (req->msg, pa_resource_get_revision (resource));
  pa_http_send_json (req->msg, status, node);
}

/* -- list ---------------------------------------------------------------- */

static void
handle_list (PaApiRequest          *req,
             const PaApiCollection *collection,
             gint64                 id,
             const char            *arg)
{
  GHashTable *query = req->query;
  g_autoptr(GError) error = NULL;
  PaStoreQuery store_query = { 0 };
  GString *body;
  guint count = 0;
  gint64 last_id = 0;
  const char *filter;
  gint64 total = 0;
  guint offset = 0;
  guint limit = 0;
  guint64 after = 0;
  gboolean keyset;

  if (!pa_http_query_uint (query, "offset", 0, G_MAXINT32, &offset, &error) ||
      !pa_http_query_uint (query, "limit", LIST_DEFAULT_LIMIT, G_MAXINT32, &limit, &error) ||
      !pa_http_query_uint64 (query, "after", 0, G_MAXINT64, &after, &error))
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  /* "after" pages by id: each page costs the same at any depth, and no
   * page recounts the table. "offset" (with its total) stays for callers
   * that want a page number. */
  keyset = query != NULL && g_hash_table_contains (query, "after");
  if (keyset && query != NULL && g_hash_table_contains (query, "offset"))
    {
      pa_http_send_error (req->msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "after",
                          "give either after or offset, not both");
      return;
    }
  if (limit == 0)
    {
      pa_http_send_error (req->msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "limit",
                          "limit must be at least 1");
      return;
    }
  limit = MIN (limit, LIST_MAX_LIMIT);

  filter = query != NULL ? g_hash_table_lookup (query, "q") : NULL;
  if (filter != NULL && !g_utf8_validate (filter, -1, NULL))
    {
      pa_http_send_error (req->msg, SOUP_STATUS_BAD_REQUEST, "bad_request", "q",
                          "q is not valid UTF-8");
      return;
    }

  store_query.offset = offset;
  store_query.after = (gint64) after;
  store_query.limit = limit;
  store_query.filter = filter;
  /* Written from the stored JSON: with a large fleet, building every item
   * as an object and back was nearly all of a listing's cost. */
  body = g_string_new ("{\"items\":[");
  if (!pa_store_list_json (req->store, pa_store_type_from_kind (collection->kind),
                           &store_query, body, &count, &last_id, keyset ? NULL : &total, &error))
    {
      g_string_free (body, TRUE);
      pa_http_send_gerror (req->msg, error);
      return;
    }
  g_string_append (body, "],");
  /* keyset: where the next page starts, null when this one was the last. */
  if (keyset && count == limit)
    g_string_append_printf (body, "\"next_after\":%" G_GINT64_FORMAT ",", last_id);
  else if (keyset)
    g_string_append (body, "\"next_after\":null,");
  else
    g_string_append_printf (body, "\"total\":%" G_GINT64_FORMAT ",\"offset\":%u,", total, offset);
  g_string_append_printf (body, "\"limit\":%u}", limit);
  pa_http_send_json_text (req->msg, SOUP_STATUS_OK, body);
}

/* -- create ------------------------------------------------------------- */

typedef struct
{
  const PaApiCollection *collection;
  PaResource            *resource;   /* in: parsed; out: as stored */
} WriteData;

gboolean
pa_api_create (PaApiRequest          *req,
               const PaApiCollection *collection,
               PaResource            *resource,
               GError               **error)
{
  if (!pa_api_check_references (req, NULL, resource, error) ||
      (collection->before_write != NULL &&
       !collection->before_write (req, NULL, resource, error)))
    return FALSE;

  if (!pa_store_insert (req->store, resource, error))
    {
      pa_api_convert_write_error (error);
      return FALSE;
    }

  return collection->after_write == NULL ||
         collection->after_write (req, NULL, resource, error);
}

static gboolean
create_work (PaApiRequest *req,
             gpointer      user_data,
             GError      **error)
{
  WriteData *data = user_data;

  return pa_api_create (req, data->collection, data->resource, error);
}

/* Answers a write with what the store holds once it committed: defaults,
 * server-owned members and what the commit derived (a fingerprint). */
static void
reread (PaApiRequest  *req,
        PaResource   **resource)
{
  g_autoptr(GError) error = NULL;
  PaResource *stored = pa_store_get (req->store, G_OBJECT_TYPE (*resource),
                                     pa_resource_get_id (*resource), &error);

  if (stored == NULL)
    {
      g_warning ("Cannot read back %s %" G_GINT64_FORMAT ": %s",
                 G_OBJECT_TYPE_NAME (*resource), pa_resource_get_id (*resource), error->message);
      return;
    }
  g_object_unref (*resource);
  *resource = stored;
}

static void
handle_create (PaApiRequest          *req,
               const PaApiCollection *collection,
               gint64                 id,
               const char            *arg)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  WriteData data = { collection, NULL };

  body = pa_http_read_json_object (req->msg, &error);
  if (body == NULL)
    goto fail;

  data.resource = pa_resource_new_from_json (pa_store_type_from_kind (collection->kind),
                                             body, PA_JSON_DEFAULT, &error);
  if (data.resource == NULL)
    goto fail;
  if (!pa_resource_validate_with_catalog (data.resource, pa_catalog_get_default (), &error))
    goto fail;

  if (!pa_api_in_transaction (req, create_work, &data, &error))
    goto fail;
  reread (req, &data.resource);

  location = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, pa_api_collection_path (collection),
                              pa_resource_get_id (data.resource));
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Location", location);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "PA_KIND", collection->kind,
                    "MESSAGE", "Created %s %" G_GINT64_FORMAT, collection->kind,
                    pa_resource_get_id (data.resource));
  pa_api_send_resource (req, collection, SOUP_STATUS_CREATED, data.resource);
  g_clear_object (&data.resource);
  return;

fail:
  g_clear_object (&data.resource);
  pa_http_send_gerror (req->msg, error);
}

/* -- read ---------------------------------------------------------------- */

static void
handle_get (PaApiRequest          *req,
            const PaApiCollection *collection,
            gint64                 id,
            const char            *arg)
{
  g_autoptr(PaResource) resource = NULL;
  g_autoptr(GError) error = NULL;

  resource = pa_store_get (req->store, pa_store_type_from_kind (collection->kind), id, &error);
  if (resource == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  pa_api_send_resource (req, collection, SOUP_STATUS_OK, resource);
}

/* -- update and delete --------------------------------------------------- */

static gboolean
require_if_match (SoupServerMessage *msg,
                  gint64            *revision,
                  GError           **error)
{
  gboolean present = FALSE;

  if (!pa_http_parse_if_match (msg, &present, revision, error))
    return FALSE;
  if (!present)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_PRECONDITION_REQUIRED, NULL,
                         "Send If-Match with the ETag you read (or * to overwrite blindly)");
      return FALSE;
    }
  return TRUE;
}

/* Loads the stored resource and checks it against If-Match (-1 = any). */
static PaResource *
load_current (PaApiRequest          *req,
              const PaApiCollection *collection,
              gint64                 id,
              gint64                 if_match,
              GError               **error)
{
  g_autoptr(PaResource) current = NULL;

  current = pa_store_get (req->store, pa_store_type_from_kind (collection->kind), id, error);
  if (current == NULL)
    return NULL;

  if (if_match >= 0 && if_match != pa_resource_get_revision (current))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_PRECONDITION_FAILED, NULL,
                         "%s %" G_GINT64_FORMAT " changed: its revision is %" G_GINT64_FORMAT
                         ", not %" G_GINT64_FORMAT "; read it again",
                         collection->kind, id, pa_resource_get_revision (current), if_match);
      return NULL;
    }
  return g_steal_pointer (&current);
}

typedef struct
{
  const PaApiCollection *collection;
  gint64                 id;
  gint64                 if_match;
  JsonNode              *body;
  gboolean               replace;
  PaResource            *result;
} UpdateData;

static gboolean
update_work (PaApiRequest *req,
             gpointer      user_data,
             GError      **error)
{
  UpdateData *data = user_data;
  g_autoptr(PaResource) current = NULL;
  g_autoptr(PaResource) updated = NULL;

  current = load_current (req, data->collection, data->id, data->if_match, error);
  if (current == NULL)
    return FALSE;

  updated = pa_resource_copy (current);
  if (!pa_resource_apply_json (updated, data->body, data->replace, error))
    return FALSE;
  if (!pa_resource_validate_with_catalog (updated, pa_catalog_get_default (), error))
    return FALSE;

  if (!pa_api_check_references (req, current, updated, error) ||
      (data->collection->before_write != NULL &&
       !data->collection->before_write (req, current, updated, error)))
    return FALSE;

  if (!pa_store_update (req->store, updated, pa_resource_get_revision (current), error))
    {
      pa_api_convert_write_error (error);
      return FALSE;
    }

  if (data->collection->after_write != NULL &&
      !data->collection->after_write (req, current, updated, error))
    return FALSE;

  data->result = g_steal_pointer (&updated);
  return TRUE;
}

gboolean
pa_api_update (PaApiRequest          *req,
               const PaApiCollection *collection,
               gint64                 id,
               JsonNode              *body,
               gboolean               replace,
               GError               **error)
{
  UpdateData data = { collection, id, -1, body, replace, NULL };
  gboolean done = update_work (req, &data, error);

  g_clear_object (&data.result);
  return done;
}

static void
handle_update (PaApiRequest          *req,
               const PaApiCollection *collection,
               gint64                 id,
               gboolean               replace)
{
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GError) error = NULL;
  UpdateData data = { collection, id, -1, NULL, replace, NULL };

  if (!require_if_match (req->msg, &data.if_match, &error))
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }

  body = pa_http_read_json_object (req->msg, &error);
  if (body == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  data.body = body;

  if (!pa_api_in_transaction (req, update_work, &data, &error))
    {
      g_clear_object (&data.result);
      pa_http_send_gerror (req->msg, error);
      return;
    }
  reread (req, &data.result);

  pa_api_send_resource (req, collection, SOUP_STATUS_OK, data.result);
  g_clear_object (&data.result);
}

typedef struct
{
  const PaApiCollection *collection;
  gint64                 id;
  gint64                 if_match;
} DeleteData;

static gboolean
delete_work (PaApiRequest *req,
             gpointer      user_data,
             GError      **error)
{
  DeleteData *data = user_data;
  g_autoptr(PaResource) current = NULL;

  current = load_current (req, data->collection, data->id, data->if_match, error);
  if (current == NULL)
    return FALSE;

  if (data->collection->before_delete != NULL &&
      !data->collection->before_delete (req, current, error))
    return FALSE;

  if (!pa_store_delete (req->store, G_OBJECT_TYPE (current), data->id,
                        pa_resource_get_revision (current), error))
    return FALSE;

  if (data->collection->after_delete != NULL &&
      !data->collection->after_delete (req, current, error))
    return FALSE;

  return TRUE;
}

gboolean
pa_api_delete (PaApiRequest          *req,
               const PaApiCollection *collection,
               gint64                 id,
               GError               **error)
{
  DeleteData data = { collection, id, -1 };

  return delete_work (req, &data, error);
}

static void
handle_delete (PaApiRequest          *req,
               const PaApiCollection *collection,
               gint64                 id,
               const char            *arg)
{
  g_autoptr(GError) error = NULL;
  DeleteData data = { collection, id, -1 };

  if (!require_if_match (req->msg, &data.if_match, &error) ||
      !pa_api_in_transaction (req, delete_work, &data, &error))
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "PA_KIND", collection->kind,
                    "MESSAGE", "Deleted %s %" G_GINT64_FORMAT, collection->kind, id);
  /* A plain delete has nothing to say: "changed" naming only the item
   * itself goes. One that changed more says what (a phone's own SIP
   * account went with it, phones moved onto a replacement layout). */
  if (json_object_has_member (req->extra, "changed")
      && json_array_get_length (json_object_get_array_member (req->extra, "changed")) <= 1)
    json_object_remove_member (req->extra, "changed");
  if (json_object_get_size (req->extra) > 0)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, req->extra);
      pa_http_send_json (req->msg, SOUP_STATUS_OK, node);
      return;
    }
  pa_http_send_empty (req->msg, SOUP_STATUS_NO_CONTENT);
}

/* -- routing ------------------------------------------------------------- */

/* PUT replaces, PATCH merges. */
static void
handle_put (PaApiRequest          *req,
            const PaApiCollection *collection,
            gint64                 id,
            const char            *arg)
{
  handle_update (req, collection, id, TRUE);
}

static void
handle_patch (PaApiRequest          *req,
              const PaApiCollection *collection,
              gint64                 id,
              const char            *arg)
{
  handle_update (req, collection, id, FALSE);
}

/* Every endpoint below /api/v1/<collection>, one line each. A pattern's
 * segments are literal, {id} (a resource id) or {} (any one segment); GET
 * answers HEAD too. A path that matches a pattern but no method is 405
 * with every method it has. */
static const struct
{
  const char     *method;
  const char     *kind;        /* NULL: every collection; "/name": not a collection */
  const char     *pattern;
  PaApiRouteFunc  func;
} routes[] = {
  { "GET",    "/catalog",    "",                  pa_api_catalog_all },
  { "GET",    "/catalog",    "{}",                pa_api_catalog_section },
  { "GET",    "/catalog",    "{}/{}",             pa_api_catalog_entry },
  { "GET",    "/discovered", "",                  pa_api_list_discovered },
  { "POST",   "/discovered", "{}/ignore",         pa_api_ignore_discovered },
  { "GET",    "/changes",    "",                  pa_api_list_changes },
  { "POST",   "/events",     "registration",      pa_api_registration_event },
  { "GET",    "/changes",    "stream",            pa_api_changes_stream },
  { "GET",    "/jobs",       "",                  pa_api_list_jobs },
  { "POST",   "/jobs",       "",                  pa_api_submit_job },
  { "POST",   "/jobs",       "diff",              pa_api_diff_job },
  { "GET",    "/jobs",       "{id}",              pa_api_get_job },
  { "DELETE", "/jobs",       "{id}",              pa_api_cancel_job },
  { "POST",   "/jobs",       "{id}/undo",         pa_api_undo_job },
  { "GET",    NULL,          "",                  handle_list },
  { "POST",   NULL,          "",                  handle_create },
  { "GET",    NULL,          "{id}",              handle_get },
  { "PUT",    NULL,          "{id}",              handle_put },
  { "PATCH",  NULL,          "{id}",              handle_patch },
  { "DELETE", NULL,          "{id}",              handle_delete },
  { "GET",    "phone",       "{id}/preview/{}",   pa_api_preview_phone_file },
  { "GET",    "phone",       "{id}/config",       pa_api_download_phone_config },
  { "GET",    "phone",       "{id}/fetches",      pa_api_phone_fetches },
  { "GET",    "phone",       "{id}/status-history", pa_api_phone_status_history },
  { "POST",   "phone",       "{id}/token",        pa_api_regenerate_phone_token },
  { "POST",   "phone",       "{id}/reboot",       pa_api_push_reboot },
  { "POST",   "phone",       "{id}/resync",       pa_api_push_resync },
  { "POST",   "phone",       "resync",            pa_api_push_resync_many },
  { "POST",   "phone",       "import",            pa_api_import_phones },
  { "POST",   "firmware",    "upload",            pa_api_upload_firmware },
  { "POST",   NULL,          "{id}/diff",         pa_api_diff_update },
  { "POST",   "settings",    "diff",              pa_api_diff_update },
  { "POST",   "sip_account", "{id}/password",     pa_api_regenerate_sip_password },
  { "GET",    "settings",    "",                  handle_get },
  { "PUT",    "settings",    "",                  handle_put },
  { "PATCH",  "settings",    "",                  handle_patch },
  { "POST",   "settings",    "preview",           pa_api_preview_settings },
};

gsize
pa_api_body_limit (const char *path)
{
  if (g_strcmp0 (path, "/api/v1/phones/import") == 0)
    return PA_CSV_MAX_BYTES;
  if (g_strcmp0 (path, PA_FIRMWARE_UPLOAD_PATH) == 0)
    return PA_FIRMWARE_MAX_BYTES;
  /* 100,000 phone ids */
  if (g_strcmp0 (path, "/api/v1/jobs") == 0 || g_strcmp0 (path, "/api/v1/jobs/diff") == 0)
    return 4 * PA_HTTP_MAX_BODY;
  return PA_HTTP_MAX_BODY;
}

/* Whether @segments (after the collection) fit @pattern; fills @id, @arg. */
static gboolean
pattern_matches (const char          *pattern,
                 const char * const  *segments,
                 gint64              *id,
                 const char         **arg)
{
  g_auto(GStrv) parts = pattern[0] != '\0' ? g_strsplit (pattern, "/", -1) : g_new0 (char *, 1);
  guint n = g_strv_length (parts);

  if (g_strv_length ((char **) segments) != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (g_str_equal (parts[i], "{id}"))
        {
          if (!parse_id (segments[i], id))
            return FALSE;
        }
      else if (g_str_equal (parts[i], "{}"))
        *arg = segments[i];
      else if (!g_str_equal (parts[i], segments[i]))
        return FALSE;
    }
  return TRUE;
}

void
pa_api_dispatch (PaServer           *self,
                 SoupServerMessage  *msg,
                 const char * const *segments,
                 GHashTable         *query)
{
  g_autoptr(JsonObject) extra = json_object_new ();
  PaApiRequest req = { self, self->store, msg, extra, query, segments };
  g_autoptr(GString) allow = g_string_new (NULL);
  const PaApiCollection *collection;
  const char *method = soup_server_message_get_method (msg);

  collection = find_collection (segments[0]);
  for (guint r = 0; r < G_N_ELEMENTS (routes); r++)
    {
      gint64 id = collection != NULL ? collection->singleton_id : 0;
      const char *arg = NULL;
      const char *kind = routes[r].kind;

      /* An endpoint that is not a collection is named by its path; a
       * resource of its own (the settings) has only the routes that name
       * its kind. */
      if (kind != NULL && kind[0] == '/')
        {
          if (!g_str_equal (kind + 1, segments[0]))
            continue;
        }
      else if (collection == NULL ||
               (kind == NULL && collection->singleton_id != 0) ||
               (kind != NULL && !g_str_equal (kind, collection->kind)))
        continue;
      if (!pattern_matches (routes[r].pattern, segments + 1, &id, &arg))
        continue;
      if (g_str_equal (method, routes[r].method) ||
          (g_str_equal (method, "HEAD") && g_str_equal (routes[r].method, "GET")))
        {
          routes[r].func (&req, collection, id, arg);
          return;
        }
      g_string_append_printf (allow, "%s%s%s", allow->len > 0 ? ", " : "", routes[r].method,
                              g_str_equal (routes[r].method, "GET") ? ", HEAD" : "");
    }

  if (allow->len > 0)
    pa_server_method_not_allowed (msg, allow->str);
  else
    pa_http_send_error (msg, SOUP_STATUS_NOT_FOUND, "not_found", NULL, "No such resource");
}
