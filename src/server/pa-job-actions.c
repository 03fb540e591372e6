/* pa-job-actions.c — what each bulk action does to a phone, and how a
 * job's request is read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A data action is a PATCH of each phone (every rule and hook of a
 * PATCH applies: pa_api_update()); the runner (pa-jobs.c) does the rest.
 */
#define G_LOG_DOMAIN "pa-jobs"

#include "config.h"

#include "pa-job-actions.h"

static JsonNode *
one_member (const char *name,
            JsonNode   *value)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_member (object, name, value);
  json_node_set_object (node, object);
  return node;
}

/* The member as the request gave it. */
static JsonNode *
patch_member (const PaJobAction *action,
              PaApiRequest      *req,
              JsonObject        *params,
              PaResource        *target,
              PaPhone           *phone,
              GError           **error)
{
  return one_member (action->member, json_node_copy (json_object_get_member (params,
                                                                             action->member)));
}

static JsonNode *
patch_layout (const PaJobAction *action,
              PaApiRequest      *req,
              JsonObject        *params,
              PaResource        *target,
              PaPhone           *phone,
              GError           **error)
{
  const char *model = target != NULL ? pa_layout_get_model (PA_LAYOUT (target)) : NULL;

  if (model != NULL && g_strcmp0 (pa_phone_get_model (phone), model) != 0)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_RULE, "phone_ids",
                         "Phone “%s” (%" G_GINT64_FORMAT ") is a %s, not a %s",
                         pa_phone_get_name (phone), pa_resource_get_id (PA_RESOURCE (phone)),
                         pa_phone_get_model (phone), model);
      return NULL;
    }
  return patch_member (action, req, params, target, phone, error);
}

static JsonNode *
patch_enabled (const PaJobAction *action,
               PaApiRequest      *req,
               JsonObject        *params,
               PaResource        *target,
               PaPhone           *phone,
               GError           **error)
{
  JsonNode *value = json_node_new (JSON_NODE_VALUE);

  json_node_set_boolean (value, g_str_equal (action->name, "enable"));
  return one_member ("enabled", value);
}

/* Each position given a layout gets it; one the phone has no sidecar at
 * yet gets the module the layout is for (the next position only: a
 * daisy chain has no gaps). */
static JsonNode *
patch_sidecars (const PaJobAction *action,
                PaApiRequest      *req,
                JsonObject        *params,
                PaResource        *target,
                PaPhone           *phone,
                GError           **error)
{
  JsonArray *ids = json_object_get_array_member (params, action->member);
  g_autoptr(JsonNode) phone_json = pa_resource_to_json (PA_RESOURCE (phone));
  JsonArray *have = json_object_get_array_member (json_node_get_object (phone_json), "modules");
  guint n_have = json_array_get_length (have);
  guint n_ids = json_array_get_length (ids);
  JsonArray *modules = json_array_new ();
  JsonNode *value = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (value, modules);
  for (guint i = 0; i < MAX (n_have, n_ids); i++)
    {
      JsonObject *module = i < n_have ? json_object_ref (json_array_get_object_element (have, i))
                                      : NULL;
      JsonNode *id_node = i < n_ids ? json_array_get_element (ids, i) : NULL;
      g_autoptr(PaResource) layout = NULL;
      const char *module_id;

      if (id_node == NULL || JSON_NODE_HOLDS_NULL (id_node))
        {
          if (module != NULL && id_node != NULL)
            json_object_set_null_member (module, "layout_id");
          if (module != NULL)
            json_array_add_object_element (modules, module);
          continue;
        }

      layout = pa_store_get (req->store, PA_TYPE_MODULE_LAYOUT, json_node_get_int (id_node), error);
      if (layout == NULL)
        {
          g_clear_pointer (&module, json_object_unref);
          json_node_unref (value);
          return NULL;
        }
      module_id = pa_module_layout_get_module (PA_MODULE_LAYOUT (layout));
      if (module == NULL && json_array_get_length (modules) != i)
        {
          pa_http_set_error (error, PA_HTTP_ERROR_RULE, "phone_ids",
                             "Phone “%s” (%" G_GINT64_FORMAT ") has no sidecar %u to put “%s” on",
                             pa_phone_get_name (phone), pa_resource_get_id (PA_RESOURCE (phone)),
                             i, pa_module_layout_get_name (PA_MODULE_LAYOUT (layout)));
          json_node_unref (value);
          return NULL;
        }
      if (module == NULL)
        {
          module = json_object_new ();
          json_object_set_string_member (module, "module", module_id);
        }
      else if (g_strcmp0 (json_object_get_string_member_with_default (module, "module", NULL),
                          module_id) != 0)
        {
          pa_http_set_error (error, PA_HTTP_ERROR_RULE, "phone_ids",
                             "Sidecar %u of phone “%s” (%" G_GINT64_FORMAT ") is a %s; “%s” is for a %s",
                             i + 1, pa_phone_get_name (phone),
                             pa_resource_get_id (PA_RESOURCE (phone)),
                             json_object_get_string_member_with_default (module, "module", "?"),
                             pa_module_layout_get_name (PA_MODULE_LAYOUT (layout)), module_id);
          json_object_unref (module);
          json_node_unref (value);
          return NULL;
        }
      json_object_set_int_member (module, "layout_id", json_node_get_int (id_node));
      json_array_add_object_element (modules, module);
    }
  return one_member ("modules", value);
}

static const PaJobAction actions[] = {
  { "apply_layout",    "layout_id",         pa_layout_get_type,   patch_layout,   FALSE, NULL,     TRUE },
  { "apply_sidecars",  "module_layout_ids", NULL,                 patch_sidecars, FALSE, NULL,     TRUE },
  { "apply_profile",   "profile_id",        pa_profile_get_type,  patch_member,   FALSE, NULL,     TRUE },
  { "assign_agent",    "agent_id",          pa_agent_get_type,    patch_member,   FALSE, NULL,     TRUE },
  { "enable",          NULL,                NULL,                 patch_enabled,  FALSE, NULL,     TRUE },
  { "disable",         NULL,                NULL,                 patch_enabled,  FALSE, NULL,     TRUE },
  { "update_firmware", "firmware_id",       pa_firmware_get_type, patch_member,   FALSE, "resync", TRUE },
  { "delete",          NULL,                NULL,                 NULL,           TRUE,  NULL,     FALSE },
  { "reboot",          NULL,                NULL,                 NULL,           FALSE, "reboot", FALSE },
  { "resync",          NULL,                NULL,                 NULL,           FALSE, "resync", FALSE },
};

/* Puts back what a job changed: each phone's own members (pa-jobs.c). */
static const PaJobAction undo = { "undo", NULL, NULL, NULL, FALSE, NULL, FALSE };

const PaJobAction *
pa_job_action_lookup (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (actions); i++)
    if (g_str_equal (actions[i].name, name))
      return &actions[i];
  return g_strcmp0 (name, undo.name) == 0 ? &undo : NULL;
}

const PaJobAction *
pa_job_action_undo (void)
{
  return &undo;
}

gboolean
pa_job_action_changes_data (const PaJobAction *action)
{
  return action->patch != NULL || action->deletes || action == &undo;
}

/* -- reading a request -------------------------------------------------- */

static gboolean
read_id (JsonNode    *node,
         const char  *field,
         gboolean     nullable,
         gint64      *id,
         GError     **error)
{
  *id = 0;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, field,
                          nullable ? "%s must be an id or null" : "%s must be an id", field);
      return FALSE;
    }
  *id = json_node_get_int (node);
  if (*id < 1)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                          "%" G_GINT64_FORMAT " is not an id", *id);
      return FALSE;
    }
  return TRUE;
}

/* 1 to PA_JOB_MAX_PHONES ids; one given twice counts once. */
static GArray *
read_phone_ids (JsonNode  *value,
                GError   **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  JsonArray *array;
  guint n;

  if (value == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "phone_ids",
                          "phone_ids is required: the phones to act on");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (value))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "phone_ids",
                          "phone_ids must be an array of phone ids");
      return NULL;
    }
  array = json_node_get_array (value);
  n = json_array_get_length (array);
  if (n == 0 || n > PA_JOB_MAX_PHONES)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "phone_ids",
                          "phone_ids names %u phones; a job acts on 1 to %u", n,
                          PA_JOB_MAX_PHONES);
      return NULL;
    }

  /* Never grows past @n, so never moves: @seen keeps pointers into it. */
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = g_strdup_printf ("phone_ids[%u]", i);
      gint64 id;

      if (!read_id (json_array_get_element (array, i), field, FALSE, &id, error))
        return NULL;
      g_array_append_val (ids, id);
      if (g_hash_table_contains (seen, &g_array_index (ids, gint64, ids->len - 1)))
        g_array_set_size (ids, ids->len - 1);
      else
        g_hash_table_add (seen, &g_array_index (ids, gint64, ids->len - 1));
    }
  return g_steal_pointer (&ids);
}

/* What an id names must be there when the job is asked for. */
static gboolean
check_exists (PaApiRequest  *req,
              GType          type,
              gint64         id,
              const char    *field,
              GError       **error)
{
  g_autoptr(PaResource) target = NULL;
  g_autoptr(GError) local_error = NULL;

  if (id == 0)
    return TRUE;
  target = pa_store_get (req->store, type, id, &local_error);
  if (target != NULL)
    return TRUE;
  if (!g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  pa_http_set_error (error, PA_HTTP_ERROR_RULE, field, "%s: there is no %s with id %" G_GINT64_FORMAT,
                     field, pa_store_kind_from_type (type), id);
  return FALSE;
}

static gboolean
read_member (PaApiRequest       *req,
             const PaJobAction  *action,
             JsonNode           *value,
             GError            **error)
{
  gint64 id;

  if (value == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, action->member,
                          "%s is required for %s", action->member, action->name);
      return FALSE;
    }
  if (action->target_type != NULL)
    return read_id (value, action->member, !g_str_equal (action->name, "update_firmware"), &id,
                    error) &&
           check_exists (req, action->target_type (), id, action->member, error);

  /* module_layout_ids: one per position, first first */
  if (!JSON_NODE_HOLDS_ARRAY (value) || json_array_get_length (json_node_get_array (value)) == 0 ||
      json_array_get_length (json_node_get_array (value)) > 8)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, action->member,
                          "%s must be an array of 1 to 8 module layout ids or nulls",
                          action->member);
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
    {
      g_autofree char *field = g_strdup_printf ("%s[%u]", action->member, i);

      if (!read_id (json_array_get_element (json_node_get_array (value), i), field, TRUE, &id,
                    error) ||
          !check_exists (req, PA_TYPE_MODULE_LAYOUT, id, field, error))
        return FALSE;
    }
  return TRUE;
}

const PaJobAction *
pa_job_action_parse (PaApiRequest  *req,
                     JsonObject    *request,
                     GArray       **phone_ids,
                     JsonObject   **params,
                     gint64        *not_before,
                     GError       **error)
{
  const char *name = NULL;
  const PaJobAction *action;
  JsonNode *value;
  JsonObjectIter iter;
  const char *member;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(JsonObject) own = json_object_new ();

  value = json_object_get_member (request, "action");
  if (value != NULL && JSON_NODE_HOLDS_VALUE (value) &&
      json_node_get_value_type (value) == G_TYPE_STRING)
    name = json_node_get_string (value);
  action = pa_job_action_lookup (name);
  if (action == NULL || action == &undo)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "action",
                          name == NULL ? "Say what to do: action is required"
                                       : "“%s” is not an action a job can do", name);
      return NULL;
    }

  json_object_iter_init (&iter, request);
  while (json_object_iter_next (&iter, &member, &value))
    if (!g_str_equal (member, "action") && !g_str_equal (member, "phone_ids") &&
        !g_str_equal (member, "not_before") && g_strcmp0 (member, action->member) != 0)
      {
        pa_set_field_error (error, PA_MODEL_ERROR_UNKNOWN_FIELD, member,
                            "%s takes no “%s”", action->name, member);
        return NULL;
      }

  *not_before = 0;
  value = json_object_get_member (request, "not_before");
  if (value != NULL && !JSON_NODE_HOLDS_NULL (value))
    {
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_INT64 ||
          json_node_get_int (value) < 0)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "not_before",
                              "not_before must be a time in Unix seconds, or null");
          return NULL;
        }
      *not_before = json_node_get_int (value);
    }

  ids = read_phone_ids (json_object_get_member (request, "phone_ids"), error);
  if (ids == NULL)
    return NULL;
  if (action->member != NULL)
    {
      value = json_object_get_member (request, action->member);
      if (!read_member (req, action, value, error))
        return NULL;
      json_object_set_member (own, action->member, json_node_copy (value));
    }

  *phone_ids = g_steal_pointer (&ids);
  *params = g_steal_pointer (&own);
  return action;
}
