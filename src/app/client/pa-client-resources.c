/* pa-client-resources.c — the REST client's resource calls: list, get,
 * create, update, delete, and regenerating a SIP password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pa-bench-trace.h"
#include "pa-client-call.h"
#include "pa-client-private.h"
#include "pa-client-worker.h"

#define LIST_PAGE_SIZE 500

/* ---------------------------------------------------------------------- */
/* Resources from answers */

/* Builds a @type from @node; members the resource does not know are moved
 * to @extra (when given) instead of failing, so a newer server with more
 * members still works. */
PaResource *
pa_client_resource_from_node (GType        type,
                              JsonNode    *node,
                              JsonObject  *extra,
                              GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) known_node = NULL;
  PaResourceClass *klass;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  PaResource *resource;
  gboolean all_known = TRUE;
  guint hint = 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_propagate_error (error, pa_client_error_not_object (0));
      return NULL;
    }

  /* Classes of resources live as long as the program. */
  klass = g_type_class_peek (type);
  if (klass == NULL)
    klass = g_type_class_ref (type);

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (all_known && json_object_iter_next_ordered (&iter, &name, &member))
    all_known = pa_resource_class_find_member_after (klass, name, &hint) != NULL;

  /* What a newer server added is set aside; read as it is otherwise (a
   * copy of every member cost as much as the rest of the read). */
  if (!all_known)
    {
      g_autoptr(JsonObject) known = json_object_new ();

      json_object_iter_init_ordered (&iter, json_node_get_object (node));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        {
          if (pa_resource_class_find_member_after (klass, name, &hint) != NULL)
            json_object_set_member (known, name, json_node_copy (member));
          else if (extra != NULL)
            json_object_set_member (extra, name, json_node_copy (member));
        }
      known_node = json_node_init_object (json_node_alloc (), known);
    }

  resource = pa_resource_new_from_json (type, known_node != NULL ? known_node : node,
                                        PA_JSON_TRUSTED, &local_error);
  if (resource == NULL)
    {
      const char *field = pa_model_error_get_field (local_error);
      g_autofree char *text =
        g_strdup_printf (_("The server sent data PhoneAdmin does not understand (%s). "
                           "PhoneAdmin and the server may be of different versions."),
                         local_error->message);

      g_propagate_error (error, pa_client_error_new_full (PA_CLIENT_ERROR_PROTOCOL, 0, NULL, field, NULL,
                                                  text));
      return NULL;
    }
  return resource;
}

static char *
resource_path (GType  type,
               gint64 id)
{
  /* One resource at its collection's own path. */
  if (type == PA_TYPE_SETTINGS)
    return g_strdup ("api/v1/settings");
  return g_strdup_printf ("api/v1/%s/%" G_GINT64_FORMAT, pa_client_collection_for_type (type), id);
}

/* ---------------------------------------------------------------------- */
/* list */

/* A listing asks for the next page as soon as a page's bytes say where it
 * starts, while that page is parsed in a worker thread: the pages come one
 * after another and the parsing runs beside them, not between them. They
 * are put together in the order they were asked for. */
typedef struct
{
  GType      type;
  char      *filter;
  gint64     after;       /* where the page asked for last starts */
  GPtrArray *pages;       /* Page, in the order asked for */
  guint      n_parsing;
  gboolean   fetching;    /* a page's request is under way */
  gboolean   ended;       /* the last page came */
  gboolean   returned;
} ListData;

/* A page: its bytes, then the finished resources and where the next page
 * starts (-1: it was the last). */
typedef struct
{
  GType      type;
  GBytes    *body;
  GPtrArray *items;
  gint64     next;
  gboolean   next_known;  /* read off the bytes, so the next page was asked for */
} Page;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->body, g_bytes_unref);
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_free (page);
}

static void
list_data_free (ListData *data)
{
  g_free (data->filter);
  g_ptr_array_unref (data->pages);
  g_free (data);
}

static void list_page_cb (GObject *source, GAsyncResult *result, gpointer user_data);

/* Takes a reference of @task for the request. */
static void
list_fetch_page (GTask *task)
{
  PaClient *self = g_task_get_source_object (task);
  ListData *data = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  path = g_strdup_printf ("api/v1/%s?after=%" G_GINT64_FORMAT "&limit=%d%s%s",
                          pa_client_collection_for_type (data->type), data->after,
                          LIST_PAGE_SIZE, data->filter ? "&" : "",
                          data->filter ? data->filter : "");
  data->fetching = TRUE;
  /* Unparsed: a page of 500 is parsed in a thread (parse_page_thread). */
  pa_client_call_bytes_async (self, path, g_task_get_cancellable (task), list_page_cb,
                              g_object_ref (task));
}

static void
list_fail (GTask  *task,
           GError *error)
{
  ListData *data = g_task_get_task_data (task);

  if (data->returned)
    {
      g_error_free (error);
      return;
    }
  data->returned = TRUE;
  g_task_return_error (task, error);
}

/* Every page asked for has come and been parsed: the items, in order. */
static void
list_maybe_done (GTask *task)
{
  ListData *data = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = NULL;

  if (data->returned || !data->ended || data->fetching || data->n_parsing > 0)
    return;
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < data->pages->len; i++)
    {
      Page *page = g_ptr_array_index (data->pages, i);

      g_ptr_array_extend_and_steal (items, g_steal_pointer (&page->items));
    }
  data->returned = TRUE;
  PA_BENCH_TRACE ("data-arrived %s %u", pa_client_collection_for_type (data->type), items->len);
  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

/* Where the next page starts, read off the end of a page's bytes (the
 * server writes `"next_after":N` after the items); FALSE when it is not
 * there as expected, and the parse says. */
static gboolean
peek_next (GBytes *body,
           gint64 *next)
{
  gsize size = 0;
  const char *text = g_bytes_get_data (body, &size);
  gsize from = size > 160 ? size - 160 : 0;
  g_autofree char *tail = g_strndup (text + from, size - from);
  const char *found = g_strrstr (tail, "\"next_after\":");
  guint64 value = 0;
  char *end = NULL;

  if (found == NULL)
    return FALSE;
  found += strlen ("\"next_after\":");
  if (g_str_has_prefix (found, "null"))
    {
      *next = -1;
      return TRUE;
    }
  value = g_ascii_strtoull (found, &end, 10);
  if (end == found || value == 0 || value > G_MAXINT64)
    return FALSE;
  *next = (gint64) value;
  return TRUE;
}

/* The server says where the next page starts; one that does not move
 * forward ends the listing, so a confused server cannot make it loop. */
static void
list_go_on (GTask  *task,
            gint64  next)
{
  ListData *data = g_task_get_task_data (task);

  if (next > data->after)
    {
      data->after = next;
      list_fetch_page (task);
    }
  else
    data->ended = TRUE;
}

/* In a worker thread: the JSON and the resources are the page's own until
 * they are handed to the main thread. */
static void
parse_page_thread (GTask        *subtask,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Page *page = task_data;
  GError *error = NULL;
  g_autoptr(JsonNode) node = pa_client_parse_object_bytes (page->body, &error);
  JsonObject *object;
  JsonNode *items_node;
  JsonArray *items;
  JsonNode *next;
  guint n;

  if (node == NULL)
    {
      g_task_return_error (subtask, error);
      return;
    }
  object = json_node_get_object (node);
  items_node = json_object_get_member (object, "items");
  next = json_object_get_member (object, "next_after");
  if (items_node == NULL || !JSON_NODE_HOLDS_ARRAY (items_node) || next == NULL
      || !(JSON_NODE_HOLDS_NULL (next) || json_node_get_value_type (next) == G_TYPE_INT64))
    {
      g_task_return_new_error (subtask, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL, "%s",
                               _("The server’s list is not what PhoneAdmin expects. PhoneAdmin "
                                 "and the server may be of different versions."));
      return;
    }

  items = json_node_get_array (items_node);
  n = json_array_get_length (items);
  page->items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      PaResource *resource = pa_client_resource_from_node (page->type,
                                                           json_array_get_element (items, i),
                                                           NULL, &error);
      if (resource == NULL)
        {
          g_task_return_error (subtask, error);
          return;
        }
      g_ptr_array_add (page->items, resource);
    }
  page->next = JSON_NODE_HOLDS_NULL (next) || n == 0 ? -1 : json_node_get_int (next);
  g_task_return_boolean (subtask, TRUE);
}

static void
page_parsed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  Page *page = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  data->n_parsing--;
  g_clear_pointer (&page->body, g_bytes_unref);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      list_fail (task, error);
      return;
    }
  pa_client_add_listed (g_task_get_source_object (task), page->items->len);
  /* The bytes did not say; the parse does (and a page with no items ends
   * the listing, whatever the bytes said). */
  if (!page->next_known && !data->returned)
    list_go_on (task, page->next);
  list_maybe_done (task);
}

static void
list_page_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) body = pa_client_call_bytes_finish (PA_CLIENT (source), result, &error);
  g_autoptr(GTask) subtask = NULL;
  gint64 next = -1;
  Page *page;

  data->fetching = FALSE;
  if (body == NULL)
    {
      list_fail (task, error);
      return;
    }
  if (data->returned)
    return;

  page = g_new0 (Page, 1);
  page->type = data->type;
  page->body = g_steal_pointer (&body);
  /* Read before the thread starts: from then on the page is the thread's
   * until it is parsed. */
  page->next_known = peek_next (page->body, &next);
  g_ptr_array_add (data->pages, page);
  data->n_parsing++;
  subtask = g_task_new (NULL, g_task_get_cancellable (task), page_parsed_cb, g_object_ref (task));
  g_task_set_source_tag (subtask, parse_page_thread);
  /* The page stays the listing's (data->pages); the thread only fills it. */
  g_task_set_task_data (subtask, page, NULL);
  pa_client_worker_run (subtask, parse_page_thread);

  if (page->next_known)
    list_go_on (task, next);
}

void
pa_client_list_async (PaClient            *self,
                      GType                type,
                      const char          *filter,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;
  ListData *data;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (pa_client_collection_for_type (type) != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_list_async);
  data = g_new0 (ListData, 1);
  data->type = type;
  data->filter = (filter && *filter) ? g_strdup (filter) : NULL;
  data->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  list_fetch_page (task);
  g_object_unref (task);
}

GPtrArray *
pa_client_list_finish (PaClient      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* get, create, update: an answer that is one resource */

typedef struct
{
  GType       type;
  JsonObject *extra;
} ResourceData;

static void
resource_data_free (ResourceData *data)
{
  g_clear_pointer (&data->extra, json_object_unref);
  g_free (data);
}

static GTask *
resource_task_new (PaClient            *self,
                   GType                type,
                   gpointer             source_tag,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  ResourceData *data = g_new0 (ResourceData, 1);

  g_task_set_source_tag (task, source_tag);
  data->type = type;
  data->extra = json_object_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) resource_data_free);
  return task;
}

static void
resource_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ResourceData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pa_client_call_answer (source, result, task);
  PaResource *resource;

  if (node == NULL)
    return;

  resource = pa_client_resource_from_node (data->type, node, data->extra, &error);
  if (resource == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, resource, g_object_unref);
}

static PaResource *
resource_finish (PaClient      *self,
                 GAsyncResult  *result,
                 JsonObject   **extra,
                 GError       **error)
{
  PaResource *resource;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  resource = g_task_propagate_pointer (G_TASK (result), error);
  if (extra != NULL)
    {
      ResourceData *data = g_task_get_task_data (G_TASK (result));

      *extra = NULL;
      if (resource != NULL && json_object_get_size (data->extra) > 0)
        *extra = json_object_ref (data->extra);
    }
  return resource;
}

void
pa_client_get_async (PaClient            *self,
                     GType                type,
                     gint64               id,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (pa_client_collection_for_type (type) != NULL);
  g_return_if_fail (id > 0);

  task = resource_task_new (self, type, pa_client_get_async, cancellable, callback, user_data);
  path = resource_path (type, id);
  pa_client_call_async (self, "GET", path, NULL, 0, cancellable, resource_cb, task);
}

PaResource *
pa_client_get_finish (PaClient      *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  return resource_finish (self, result, NULL, error);
}

PaResource *
pa_client_get_finish_full (PaClient      *self,
                           GAsyncResult  *result,
                           JsonObject   **extra,
                           GError       **error)
{
  return resource_finish (self, result, extra, error);
}

void
pa_client_create_async (PaClient            *self,
                        PaResource          *resource,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;
  GType type;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (PA_IS_RESOURCE (resource));

  type = G_OBJECT_TYPE (resource);
  g_return_if_fail (pa_client_collection_for_type (type) != NULL);

  task = resource_task_new (self, type, pa_client_create_async, cancellable, callback, user_data);
  path = g_strdup_printf ("api/v1/%s", pa_client_collection_for_type (type));
  /* Server-owned members ride along; the server ignores them on input. */
  body = pa_resource_to_json (resource);
  pa_client_call_async (self, "POST", path, body, 0, cancellable, resource_cb, task);
}

PaResource *
pa_client_create_finish (PaClient      *self,
                         GAsyncResult  *result,
                         JsonObject   **extra,
                         GError       **error)
{
  return resource_finish (self, result, extra, error);
}

void
pa_client_update_async (PaClient            *self,
                        PaResource          *resource,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;
  GType type;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (PA_IS_RESOURCE (resource));
  g_return_if_fail (pa_resource_get_id (resource) > 0);

  type = G_OBJECT_TYPE (resource);
  g_return_if_fail (pa_client_collection_for_type (type) != NULL);

  task = resource_task_new (self, type, pa_client_update_async, cancellable, callback, user_data);
  path = resource_path (type, pa_resource_get_id (resource));
  body = pa_resource_to_json (resource);
  pa_client_call_async (self, "PUT", path, body, pa_resource_get_revision (resource),
                        cancellable, resource_cb, task);
}

PaResource *
pa_client_update_finish (PaClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return resource_finish (self, result, NULL, error);
}

PaResource *
pa_client_update_finish_full (PaClient      *self,
                              GAsyncResult  *result,
                              JsonObject   **extra,
                              GError       **error)
{
  return resource_finish (self, result, extra, error);
}

/* ---------------------------------------------------------------------- */
/* delete */

void
pa_client_delete_async (PaClient            *self,
                        PaResource          *resource,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (PA_IS_RESOURCE (resource));
  g_return_if_fail (pa_resource_get_id (resource) > 0);
  g_return_if_fail (pa_client_collection_for_type (G_OBJECT_TYPE (resource)) != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_delete_async);
  path = resource_path (G_OBJECT_TYPE (resource), pa_resource_get_id (resource));
  pa_client_call_async (self, "DELETE", path, NULL, pa_resource_get_revision (resource),
                        cancellable, pa_client_done_answer_cb, task);
}

gboolean
pa_client_delete_finish (PaClient      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* regenerate a SIP password */

typedef struct
{
  char       *password;
  guint       n_resync;
  JsonObject *resync;     /* nullable */
} RegenerateResult;

static void
regenerate_result_free (RegenerateResult *r)
{
  if (r->password != NULL)
    memset (r->password, 0, strlen (r->password));
  g_free (r->password);
  g_clear_pointer (&r->resync, json_object_unref);
  g_free (r);
}

static void
regenerate_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = pa_client_call_answer (source, result, task);
  JsonObject *object;
  JsonNode *password;
  JsonNode *resync;
  RegenerateResult *r;

  if (node == NULL)
    return;

  object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  password = object ? json_object_get_member (object, "sip_password") : NULL;
  resync = object ? json_object_get_member (object, "resync_phones") : NULL;
  if (password == NULL || json_node_get_value_type (password) != G_TYPE_STRING
      || (resync != NULL && !JSON_NODE_HOLDS_ARRAY (resync)))
    {
      g_task_return_new_error (task, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL, "%s",
                               _("The server’s answer has no new password. PhoneAdmin and the "
                                 "server may be of different versions."));
      return;
    }

  r = g_new0 (RegenerateResult, 1);
  r->password = g_strdup (json_node_get_string (password));
  r->n_resync = resync ? json_array_get_length (json_node_get_array (resync)) : 0;
  if (json_object_get_member (object, "resync") != NULL &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "resync")))
    r->resync = json_object_ref (json_object_get_object_member (object, "resync"));
  g_task_return_pointer (task, r, (GDestroyNotify) regenerate_result_free);
}

void
pa_client_regenerate_password_async (PaClient            *self,
                                     gint64               sip_account_id,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (sip_account_id > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_regenerate_password_async);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "confirm");
  json_builder_add_string_value (builder, "REGENERATE");
  json_builder_end_object (builder);
  body = json_builder_get_root (builder);

  path = g_strdup_printf ("api/v1/sip-accounts/%" G_GINT64_FORMAT "/password", sip_account_id);
  pa_client_call_async (self, "POST", path, body, 0, cancellable, regenerate_cb, task);
}

char *
pa_client_regenerate_password_finish (PaClient      *self,
                                      GAsyncResult  *result,
                                      guint         *n_resync,
                                      JsonObject   **resync,
                                      GError       **error)
{
  RegenerateResult *r;
  char *password;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  if (n_resync != NULL)
    *n_resync = 0;
  if (resync != NULL)
    *resync = NULL;
  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return NULL;

  password = g_steal_pointer (&r->password);
  if (n_resync != NULL)
    *n_resync = r->n_resync;
  if (resync != NULL)
    *resync = g_steal_pointer (&r->resync);
  regenerate_result_free (r);
  return password;
}

