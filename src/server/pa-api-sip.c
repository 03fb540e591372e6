/* pa-api-sip.c — reboot and resync over SIP: POST /api/v1/phones/{id}/reboot,
 * …/{id}/resync, …/phones/resync, and the resync a new SIP password pushes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A push is answered 202 at once: a silent phone keeps the transaction
 * open until Timer F (32 s), too long for a request to wait, and a bulk
 * push of many phones longer still. How it ended arrives as the phone's
 * sip_action, through GET and the change feed. Only a new password waits
 * for its phones, so the app can say how many were told.
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include "pa-api-private.h"
#include "pa-sip-notify.h"

/* The most phones one bulk request may name. */
#define MANY_MAX 1000

/* How long a new SIP password's answer waits for its phones' NOTIFYs:
 * well inside the app's 15 s request timeout, because that answer is the
 * only one that ever shows the password. Phones still silent by then are
 * listed as pending; their results arrive as their sip_action. */
#define PASSWORD_RESYNC_WAIT_MS 10000

static gboolean
sip_available (PaServer *server)
{
  return server->sip_agent != NULL || pa_server_ami_configured (server);
}

static gboolean
refuse_body (PaApiRequest *req)
{
  SoupMessageBody *body = soup_server_message_get_request_body (req->msg);

  if (body->length == 0 && !pa_http_body_too_large (req->msg))
    return FALSE;
  pa_http_send_error (req->msg, SOUP_STATUS_BAD_REQUEST, "bad_request", NULL,
                      "This action takes no body");
  return TRUE;
}

/* The phone, if it can be pushed to: NULL with the client's error. */
static PaResource *
pushable_phone (PaApiRequest  *req,
                gint64         id,
                GError       **error)
{
  g_autoptr(PaResource) phone = pa_store_get (req->store, PA_TYPE_PHONE, id, error);

  if (phone == NULL)
    return NULL;
  if (!pa_phone_get_enabled (PA_PHONE (phone)))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_RULE, NULL,
                         "Phone %" G_GINT64_FORMAT " is disabled; enable it first", id);
      return NULL;
    }
  return g_steal_pointer (&phone);
}

static void
pushed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_auto(PaSipOutcome) outcome = { 0 };

  /* Kept as the phone's sip_action already. */
  pa_sip_push_send_finish (PA_SERVER (source), result, &outcome);
}

/* What the 202 says is under way. */
static JsonObject *
push_json (const PaSipPush *push)
{
  JsonObject *object = json_object_new ();

  json_object_set_int_member (object, "id", push->phone_id);
  json_object_set_string_member (object, "action", push->action);
  json_object_set_string_member (object, "event", push->event);
  json_object_set_string_member (object, "target", push->target);
  return object;
}

static void
push_one (PaApiRequest *req,
          gint64        id,
          const char   *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(JsonNode) node = NULL;
  PaSipPush *push;

  if (refuse_body (req))
    return;
  phone = pushable_phone (req, id, &error);
  if (phone == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  if (!sip_available (req->server))
    {
      pa_http_send_error (req->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "sip_unavailable", NULL,
                          "provd's SIP agent is not running (see its log)");
      return;
    }
  push = pa_sip_push_new (req->server, id, action, 0, NULL, &error);
  if (push == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  json_object_set_object_member (req->extra, "sip_push", push_json (push));
  pa_sip_push_send_async (req->server, push, pushed_cb, NULL);

  /* As it is now: a push that could not be sent has its result already. */
  g_clear_object (&phone);
  phone = pa_store_get (req->store, PA_TYPE_PHONE, id, &error);
  if (phone == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  pa_api_derive (req, pa_api_collection_for_kind ("phone"), phone);
  node = pa_api_resource_json (phone, req->extra);
  pa_http_set_etag (req->msg, pa_resource_get_revision (phone));
  pa_http_send_json (req->msg, SOUP_STATUS_ACCEPTED, node);
}

void
pa_api_push_reboot (PaApiRequest          *req,
                    const PaApiCollection *collection,
                    gint64                 id,
                    const char            *arg)
{
  push_one (req, id, PA_SIP_ACTION_REBOOT);
}

void
pa_api_push_resync (PaApiRequest          *req,
                    const PaApiCollection *collection,
                    gint64                 id,
                    const char            *arg)
{
  push_one (req, id, PA_SIP_ACTION_RESYNC);
}

/* {"ids": [1, 2, 3]}: whole numbers ≥ 1, at least one, no repeats. */
static GArray *
parse_ids (JsonNode  *body,
           GError   **error)
{
  JsonObject *object = json_node_get_object (body);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;
  JsonArray *array;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_str_equal (name, "ids"))
      {
        pa_set_field_error (error, PA_MODEL_ERROR_UNKNOWN_FIELD, name,
                            "Unknown member “%s”; only “ids” is allowed", name);
        return NULL;
      }
  value = json_object_get_member (object, "ids");
  if (value == NULL || !JSON_NODE_HOLDS_ARRAY (value))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "ids",
                          "ids must be an array of phone ids");
      return NULL;
    }
  array = json_node_get_array (value);
  if (json_array_get_length (array) == 0 || json_array_get_length (array) > MANY_MAX)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_RULE, "ids",
                         "ids must name 1 to %d phones", MANY_MAX);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64
          || (id = json_node_get_int (element)) < 1)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "ids",
                              "ids[%u] is not a phone id (a whole number, 1 or more)", i);
          return NULL;
        }
      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < ids->len; i++)
    if (!g_hash_table_add (seen, &g_array_index (ids, gint64, i)))
      {
        pa_http_set_error (error, PA_HTTP_ERROR_RULE, "ids",
                           "Phone %" G_GINT64_FORMAT " is named twice",
                           g_array_index (ids, gint64, i));
        return NULL;
      }
  return g_steal_pointer (&ids);
}

void
pa_api_push_resync_many (PaApiRequest          *req,
                         const PaApiCollection *collection,
                         gint64                 unused,
                         const char            *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) pushes = g_ptr_array_new ();
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(JsonObject) answer = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  body = pa_http_read_json_object (req->msg, &error);
  if (body == NULL || (ids = parse_ids (body, &error)) == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  /* All checked before any is sent: a bad id sends nothing. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PaResource) phone = pushable_phone (req, g_array_index (ids, gint64, i), &error);

      if (phone == NULL)
        {
          pa_http_send_gerror (req->msg, error);
          return;
        }
    }
  if (!sip_available (req->server))
    {
      pa_http_send_error (req->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, "sip_unavailable", NULL,
                          "provd's SIP agent is not running (see its log)");
      return;
    }
  for (guint i = 0; i < ids->len; i++)
    {
      PaSipPush *push = pa_sip_push_new (req->server, g_array_index (ids, gint64, i),
                                         PA_SIP_ACTION_RESYNC, 0, NULL, &error);

      if (push == NULL)
        {
          g_ptr_array_set_free_func (pushes, (GDestroyNotify) pa_sip_push_free);
          pa_http_send_gerror (req->msg, error);
          return;
        }
      g_ptr_array_add (pushes, push);
    }
  for (guint i = 0; i < pushes->len; i++)
    {
      PaSipPush *push = g_ptr_array_index (pushes, i);

      json_array_add_object_element (items, push_json (push));
      pa_sip_push_send_async (req->server, push, pushed_cb, NULL);
    }
  json_object_set_array_member (answer, "items", g_steal_pointer (&items));
  json_node_set_object (node, answer);
  pa_http_send_json (req->msg, SOUP_STATUS_ACCEPTED, node);
}

/* -- a new SIP password ---------------------------------------------------- */

typedef struct
{
  SoupServerMessage *msg;
  JsonNode          *node;
  JsonArray         *told;
  JsonArray         *unreachable;
  GHashTable        *outstanding;  /* phone ids (gint64 *) whose NOTIFY is under way */
  guint              waiting;      /* NOTIFYs under way, the answer's reference */
  guint              timeout_id;
  gboolean           answered;
} PasswordResync;

static void
unreachable (PasswordResync *resync,
             gint64          id,
             const char     *reason)
{
  JsonObject *item = json_object_new ();

  json_object_set_int_member (item, "id", id);
  json_object_set_string_member (item, "reason", reason);
  json_array_add_object_element (resync->unreachable, item);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
password_resync_answer (PasswordResync *resync)
{
  JsonObject *object = json_object_new ();
  g_autoptr(JsonArray) pending = json_array_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gint64 *id;

  g_hash_table_iter_init (&iter, resync->outstanding);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_array_append_val (ids, *id);
  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    json_array_add_int_element (pending, g_array_index (ids, gint64, i));

  json_object_set_array_member (object, "told", g_steal_pointer (&resync->told));
  json_object_set_array_member (object, "unreachable", g_steal_pointer (&resync->unreachable));
  json_object_set_array_member (object, "pending", g_steal_pointer (&pending));
  json_object_set_object_member (json_node_get_object (resync->node), "resync", object);
  pa_http_send_json (resync->msg, SOUP_STATUS_OK, resync->node);
  resync->answered = TRUE;
}

static void
password_resync_free (PasswordResync *resync)
{
  g_clear_handle_id (&resync->timeout_id, g_source_remove);
  g_clear_object (&resync->msg);
  g_clear_pointer (&resync->node, json_node_unref);
  g_clear_pointer (&resync->told, json_array_unref);
  g_clear_pointer (&resync->unreachable, json_array_unref);
  g_clear_pointer (&resync->outstanding, g_hash_table_unref);
  g_free (resync);
}

static gboolean
password_resync_timeout_cb (gpointer user_data)
{
  PasswordResync *resync = user_data;

  resync->timeout_id = 0;
  password_resync_answer (resync);
  soup_server_message_unpause (resync->msg);
  return G_SOURCE_REMOVE;
}

static void
password_pushed_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  PasswordResync *resync = user_data;
  g_auto(PaSipOutcome) outcome = { 0 };
  gint64 id = pa_sip_push_send_finish (PA_SERVER (source), result, &outcome);

  g_hash_table_remove (resync->outstanding, &id);
  if (resync->answered)
    ;  /* answered without it: its result is the phone's sip_action */
  else if (outcome.result == PA_SIP_RESULT_ANSWERED)
    json_array_add_int_element (resync->told, id);
  else
    {
      g_autofree char *reason = NULL;

      if (outcome.code != 0)
        reason = g_strdup_printf ("%s (%u %s)", pa_sip_result_to_string (outcome.result),
                                  outcome.code, outcome.reason != NULL ? outcome.reason : "");
      else
        reason = g_strdup_printf ("%s%s%s", pa_sip_result_to_string (outcome.result),
                                  outcome.reason != NULL ? ": " : "",
                                  outcome.reason != NULL ? outcome.reason : "");
      unreachable (resync, id, reason);
    }

  if (--resync->waiting > 0)
    return;
  if (!resync->answered)
    {
      password_resync_answer (resync);
      soup_server_message_unpause (resync->msg);
    }
  password_resync_free (resync);
}

void
pa_api_resync_after_password (PaApiRequest *req,
                              JsonNode     *node,
                              gint64        account_id,
                              const char   *old_password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) phones = NULL;
  g_autoptr(GPtrArray) pushes = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_sip_push_free);
  PasswordResync *resync = g_new0 (PasswordResync, 1);

  resync->msg = g_object_ref (req->msg);
  resync->node = json_node_ref (node);
  resync->told = json_array_new ();
  resync->unreachable = json_array_new ();
  resync->outstanding = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  phones = pa_store_list_phones_naming (req->store, PA_TYPE_SIP_ACCOUNT, account_id, &error);
  if (phones == NULL)
    {
      /* The password is changed already: say so, and that nobody was told. */
      g_warning ("Cannot list the phones of SIP account %" G_GINT64_FORMAT ": %s",
                 account_id, error->message);
      password_resync_answer (resync);
      password_resync_free (resync);
      return;
    }

  for (guint i = 0; i < phones->len; i++)
    {
      gint64 id = g_array_index (phones, gint64, i);
      g_autoptr(PaResource) phone = pa_store_get (req->store, PA_TYPE_PHONE, id, NULL);
      PaSipPush *push;

      if (phone != NULL && !pa_phone_get_enabled (PA_PHONE (phone)))
        unreachable (resync, id, "the phone is disabled");
      else if (!sip_available (req->server))
        unreachable (resync, id, "provd's SIP agent is not running");
      else if ((push = pa_sip_push_new (req->server, id, PA_SIP_ACTION_RESYNC, account_id,
                                        old_password, &error)) == NULL)
        {
          unreachable (resync, id, error->message);
          g_clear_error (&error);
        }
      else
        g_ptr_array_add (pushes, push);
    }

  if (pushes->len == 0)
    {
      password_resync_answer (resync);
      password_resync_free (resync);
      return;
    }

  /* Answered once every phone's NOTIFY ended, or the wait is over. */
  soup_server_message_pause (req->msg);
  resync->waiting = pushes->len;
  for (guint i = 0; i < pushes->len; i++)
    g_hash_table_add (resync->outstanding,
                      g_memdup2 (&((PaSipPush *) g_ptr_array_index (pushes, i))->phone_id,
                                 sizeof (gint64)));
  resync->timeout_id = g_timeout_add (PASSWORD_RESYNC_WAIT_MS, password_resync_timeout_cb, resync);
  for (guint i = 0; i < pushes->len; i++)
    pa_sip_push_send_async (req->server, g_steal_pointer (&g_ptr_array_index (pushes, i)),
                            password_pushed_cb, resync);
}
