/* pa-api-rules.c — the domain rules that need more than one stored resource
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include <string.h>

#include "pa-api-private.h"
#include "pa-token.h"

/* -- helpers ------------------------------------------------------------- */

/* A body's id that points nowhere is the client's mistake (422 on @field),
 * not a missing URL (404). */
static PaResource *
get_referenced (PaApiRequest *req,
                GType         type,
                gint64        id,
                const char   *field,
                const char   *what,
                GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  PaResource *resource;

  resource = pa_store_get (req->store, type, id, &local_error);
  if (resource != NULL)
    return resource;

  if (g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
    pa_http_set_error (error, PA_HTTP_ERROR_RULE, field,
                       "%s %" G_GINT64_FORMAT " does not exist", what, id);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return NULL;
}

/* The ids a resource holds, one list for every kind: a member of that name
 * names a resource of that type. */
static const struct
{
  const char *member;
  GType     (*type) (void);
  const char *noun;
} references[] = {
  { "agent_id", pa_agent_get_type, "Agent" },
  { "layout_id", pa_layout_get_type, "Layout" },
  { "profile_id", pa_profile_get_type, "Profile" },
  { "firmware_id", pa_firmware_get_type, "Firmware" },
  { "parent_id", pa_profile_get_type, "Profile" },
};

/* A profile's parents: no loop, and not deeper than a phone's files are
 * made from. */
static gboolean
check_profile_parents (PaApiRequest  *req,
                       PaProfile     *profile,
                       GError       **error)
{
  gint64 self_id = pa_resource_get_id (PA_RESOURCE (profile));
  gint64 parent_id = pa_profile_get_parent_id (profile);
  guint depth = 1;

  while (parent_id != 0)
    {
      g_autoptr(PaResource) parent = NULL;

      if (parent_id == self_id)
        {
          pa_http_set_error (error, PA_HTTP_ERROR_RULE, "parent_id",
                             "A profile cannot inherit from itself, even through others");
          return FALSE;
        }
      if (++depth > PA_PROFILE_MAX_DEPTH)
        {
          pa_http_set_error (error, PA_HTTP_ERROR_RULE, "parent_id",
                             "Profiles inherit through at most %d levels", PA_PROFILE_MAX_DEPTH);
          return FALSE;
        }
      parent = get_referenced (req, PA_TYPE_PROFILE, parent_id, "parent_id", "Profile", error);
      if (parent == NULL)
        return FALSE;
      parent_id = pa_profile_get_parent_id (PA_PROFILE (parent));
    }
  return TRUE;
}

gboolean
pa_api_profile_before_delete (PaApiRequest  *req,
                              PaResource    *old,
                              GError       **error)
{
  g_autoptr(GPtrArray) profiles = pa_store_list (req->store, PA_TYPE_PROFILE, NULL, NULL, error);
  guint children = 0;

  if (profiles == NULL)
    return FALSE;
  for (guint i = 0; i < profiles->len; i++)
    children += pa_profile_get_parent_id (g_ptr_array_index (profiles, i)) == pa_resource_get_id (old);
  if (children > 0)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, NULL,
                         "%u profile%s inherit%s from it; give %s another parent first",
                         children, children == 1 ? "" : "s", children == 1 ? "s" : "",
                         children == 1 ? "it" : "them");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_keys_agents (PaApiRequest  *req,
                   GListModel    *keys,
                   GError       **error)
{
  for (guint i = 0; keys != NULL && i < g_list_model_get_n_items (keys); i++)
    {
      g_autoptr(PaKey) key = g_list_model_get_item (keys, i);
      g_autoptr(PaResource) agent = NULL;
      g_autofree char *field = NULL;

      if (pa_key_get_agent_id (key) == 0)
        continue;
      field = g_strdup_printf ("keys[%u].agent_id", i);
      agent = get_referenced (req, PA_TYPE_AGENT, pa_key_get_agent_id (key), field, "Agent", error);
      if (agent == NULL)
        return FALSE;
    }
  return TRUE;
}

/* Every id @resource holds names something that exists: a 422 naming the
 * member otherwise (the database would refuse it too, but without saying
 * which member, or not at all for ids kept inside `data`). */
gboolean
pa_api_check_references (PaApiRequest  *req,
                         PaResource    *old,
                         PaResource    *resource,
                         GError       **error)
{
  PaResourceClass *klass = PA_RESOURCE_GET_CLASS (resource);
  const PaMember **members;
  guint n = 0;

  members = pa_resource_class_list_members (klass, &n);
  for (guint i = 0; i < n; i++)
    for (guint r = 0; r < G_N_ELEMENTS (references); r++)
      {
        g_auto(GValue) value = G_VALUE_INIT;
        g_autoptr(PaResource) target = NULL;

        if (!g_str_equal (members[i]->name, references[r].member))
          continue;
        g_value_init (&value, G_TYPE_INT64);
        g_object_get_property (G_OBJECT (resource), members[i]->pspec->name, &value);
        if (g_value_get_int64 (&value) == 0)
          continue;
        /* What it already named is there: nothing that is named can be
         * deleted (a bulk job's phones keep their other references). */
        if (old != NULL)
          {
            g_auto(GValue) before = G_VALUE_INIT;

            g_value_init (&before, G_TYPE_INT64);
            g_object_get_property (G_OBJECT (old), members[i]->pspec->name, &before);
            if (g_value_get_int64 (&before) == g_value_get_int64 (&value))
              continue;
          }
        target = get_referenced (req, references[r].type (), g_value_get_int64 (&value),
                                 references[r].member, references[r].noun, error);
        if (target == NULL)
          return FALSE;
      }

  /* A region is named, not numbered: it lives in the server's settings. */
  {
    const char *region = PA_IS_PHONE (resource) ? pa_phone_get_sip_region (PA_PHONE (resource))
                       : PA_IS_PROFILE (resource) ? pa_profile_get_sip_region (PA_PROFILE (resource))
                       : NULL;

    if (region != NULL && pa_settings_find_sip_region (req->server->settings_now, region) == NULL)
      {
        pa_http_set_error (error, PA_HTTP_ERROR_RULE, "sip_region",
                           "SIP region “%s” does not exist; add it in the server's settings first",
                           region);
        return FALSE;
      }
  }

  if (PA_IS_PROFILE (resource) && !check_profile_parents (req, PA_PROFILE (resource), error))
    return FALSE;
  if (PA_IS_PHONE (resource) && pa_phone_get_firmware_id (PA_PHONE (resource)) != 0)
    {
      PaPhone *phone = PA_PHONE (resource);
      g_autoptr(PaResource) firmware = get_referenced (req, PA_TYPE_FIRMWARE,
                                                       pa_phone_get_firmware_id (phone),
                                                       "firmware_id", "Firmware", error);

      if (firmware == NULL)
        return FALSE;
      if (!g_strv_contains (pa_firmware_get_models (PA_FIRMWARE (firmware)), pa_phone_get_model (phone)))
        {
          pa_http_set_error (error, PA_HTTP_ERROR_RULE, "firmware_id",
                             "Firmware “%s” is not for %s phones",
                             pa_firmware_get_name (PA_FIRMWARE (firmware)), pa_phone_get_model (phone));
          return FALSE;
        }
    }
  if (PA_IS_PHONE (resource))
    {
      GPtrArray *modules = pa_phone_get_modules (PA_PHONE (resource));

      for (guint i = 0; i < modules->len; i++)
        {
          PaPhoneModule *module = g_ptr_array_index (modules, i);
          g_autofree char *field = NULL;
          g_autoptr(PaResource) layout = NULL;

          if (module->layout_id == 0)
            continue;
          field = g_strdup_printf ("modules[%u].layout_id", i);
          layout = get_referenced (req, PA_TYPE_MODULE_LAYOUT, module->layout_id, field,
                                   "Sidecar layout", error);
          if (layout == NULL)
            return FALSE;
        }
    }
  if (PA_IS_LAYOUT (resource))
    return check_keys_agents (req, pa_layout_get_keys (PA_LAYOUT (resource)), error);
  if (PA_IS_MODULE_LAYOUT (resource))
    return check_keys_agents (req, pa_module_layout_get_keys (PA_MODULE_LAYOUT (resource)), error);
  return TRUE;
}

static gboolean
set_agent_routing (PaApiRequest   *req,
                   gint64          agent_id,
                   PaAgentRouting  routing,
                   GError        **error)
{
  g_autoptr(PaResource) agent = NULL;

  agent = pa_store_get (req->store, PA_TYPE_AGENT, agent_id, error);
  if (agent == NULL)
    return FALSE;

  if (pa_agent_get_routing (PA_AGENT (agent)) == routing)
    return TRUE;

  pa_agent_set_routing (PA_AGENT (agent), routing);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "PA_AGENT", pa_agent_get_name (PA_AGENT (agent)),
                    "MESSAGE", "Agent %" G_GINT64_FORMAT " now routes to the %s",
                    agent_id, routing == PA_AGENT_ROUTING_HARDWARE ? "desk phone" : "softphone");
  return pa_store_update (req->store, agent, pa_resource_get_revision (agent), error);
}

/* Called after a phone left @agent_id (unassigned, reassigned or deleted). */
static gboolean
agent_lost_phone (PaApiRequest *req,
                  gint64        agent_id,
                  GError      **error)
{
  gint64 count = pa_store_count_phones_for_agent (req->store, agent_id, error);

  if (count < 0)
    return FALSE;
  if (count > 0)
    return TRUE;
  return set_agent_routing (req, agent_id, PA_AGENT_ROUTING_SOFTPHONE, error);
}

static char *
new_password (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  char *password = pa_token_generate_password (&local_error);

  if (password == NULL)
    pa_http_set_error (error, PA_HTTP_ERROR_INTERNAL, NULL,
                       "Cannot generate a password: %s", local_error->message);
  return password;
}

/* -- agents -------------------------------------------------------------- */

/* One agent per extension: a second would ring both desks, or neither. */
gboolean
pa_api_agent_before_write (PaApiRequest  *req,
                           PaResource    *old,
                           PaResource    *resource,
                           GError       **error)
{
  g_autoptr(PaResource) owner = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *extension = pa_agent_get_extension (PA_AGENT (resource));

  owner = pa_store_find_agent_by_extension (req->store, extension, &local_error);
  if (owner == NULL)
    {
      if (g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (pa_resource_get_id (owner) == pa_resource_get_id (resource))
    return TRUE;
  pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, "extension",
                     "Extension %s already belongs to agent “%s” (id %" G_GINT64_FORMAT ")",
                     extension, pa_agent_get_name (PA_AGENT (owner)), pa_resource_get_id (owner));
  return FALSE;
}

/* -- phones -------------------------------------------------------------- */

static gboolean
check_unique_mac (PaApiRequest *req,
                  PaPhone      *phone,
                  GError      **error)
{
  g_autoptr(PaResource) owner = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *mac = pa_phone_get_mac (phone);

  if (mac == NULL || mac[0] == '\0')
    return TRUE;

  owner = pa_store_find_phone_by_mac (req->store, mac, &local_error);
  if (owner == NULL)
    {
      if (g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (pa_resource_get_id (owner) == pa_resource_get_id (PA_RESOURCE (phone)))
    return TRUE;

  pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, "mac",
                     "MAC %s already belongs to phone “%s” (id %" G_GINT64_FORMAT ")",
                     mac, pa_phone_get_name (PA_PHONE (owner)), pa_resource_get_id (owner));
  return FALSE;
}

/* A phone created without lines gets an account of its own, named after the
 * agent's extension when there is one so the PBX side reads naturally. */
static gboolean
generate_line (PaApiRequest *req,
               PaPhone      *phone,
               PaAgent      *agent,
               GError      **error)
{
  g_autoptr(PaSipAccount) account = pa_sip_account_new ();
  g_autofree char *compact = pa_mac_to_compact (pa_phone_get_mac (phone));
  g_autofree char *by_mac = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *extension = agent != NULL ? pa_agent_get_extension (agent) : NULL;
  gint64 account_id;

  if (compact == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "mac",
                          "A phone needs a MAC address");
      return FALSE;
    }
  by_mac = g_strconcat ("ph", compact, NULL);

  if (agent != NULL)
    {
      pa_sip_account_set_agent_id (account, pa_resource_get_id (PA_RESOURCE (agent)));
      pa_sip_account_set_display_name (account, pa_agent_get_name (agent));
    }
  /* No server of its own: it follows the server's default registrar. */
  pa_sip_account_set_label (account, pa_phone_get_name (phone));

  pa_sip_account_set_username (account,
                               extension != NULL && extension[0] != '\0' ? extension : by_mac);
  if (!pa_store_insert (req->store, PA_RESOURCE (account), &local_error))
    {
      /* The extension may already be an account of the agent's softphone. */
      if (!g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_CONFLICT) ||
          g_str_equal (pa_sip_account_get_username (account), by_mac))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      pa_sip_account_set_username (account, by_mac);
      if (!pa_store_insert (req->store, PA_RESOURCE (account), error))
        return FALSE;
    }

  password = new_password (error);
  if (password == NULL)
    return FALSE;
  account_id = pa_resource_get_id (PA_RESOURCE (account));
  if (!pa_store_set_sip_password (req->store, account_id, password, error))
    return FALSE;

  pa_phone_set_lines (phone, &account_id, 1);
  json_object_set_string_member (req->extra, "sip_password", password);
  json_object_set_int_member (req->extra, "sip_account_id", account_id);
  json_object_set_string_member (req->extra, "sip_username",
                                 pa_sip_account_get_username (account));
  return TRUE;
}

gboolean
pa_api_phone_before_write (PaApiRequest *req,
                           PaResource   *old,
                           PaResource   *resource,
                           GError      **error)
{
  PaPhone *phone = PA_PHONE (resource);
  g_autoptr(PaResource) agent = NULL;
  GArray *lines;

  if (!check_unique_mac (req, phone, error))
    return FALSE;

  if (pa_phone_get_agent_id (phone) != 0)
    {
      agent = get_referenced (req, PA_TYPE_AGENT, pa_phone_get_agent_id (phone),
                              "agent_id", "Agent", error);
      if (agent == NULL)
        return FALSE;
    }

  lines = pa_phone_get_lines (phone);
  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(PaResource) account = NULL;
      g_autofree char *field = g_strdup_printf ("lines[%u]", i);

      account = get_referenced (req, PA_TYPE_SIP_ACCOUNT, g_array_index (lines, gint64, i),
                                field, "SIP account", error);
      if (account == NULL)
        return FALSE;
    }

  if (old == NULL && lines->len == 0 &&
      !generate_line (req, phone, agent != NULL ? PA_AGENT (agent) : NULL, error))
    return FALSE;

  return TRUE;
}

gboolean
pa_api_phone_after_write (PaApiRequest *req,
                          PaResource   *old,
                          PaResource   *resource,
                          GError      **error)
{
  gint64 new_agent = pa_phone_get_agent_id (PA_PHONE (resource));
  gint64 old_agent = old != NULL ? pa_phone_get_agent_id (PA_PHONE (old)) : 0;

  if (new_agent != 0 &&
      !set_agent_routing (req, new_agent, PA_AGENT_ROUTING_HARDWARE, error))
    return FALSE;

  if (old_agent != 0 && old_agent != new_agent &&
      !agent_lost_phone (req, old_agent, error))
    return FALSE;

  return TRUE;
}

gboolean
pa_api_phone_before_delete (PaApiRequest *req,
                            PaResource   *old,
                            GError      **error)
{
  PaPhone *phone = PA_PHONE (old);
  g_autoptr(PaResource) agent = NULL;
  gint64 agent_id = pa_phone_get_agent_id (phone);

  if (agent_id == 0)
    return TRUE;

  agent = pa_store_get (req->store, PA_TYPE_AGENT, agent_id, NULL);
  pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, "agent_id",
                     "Phone “%s” is assigned to agent “%s”; unassign it first",
                     pa_phone_get_name (phone),
                     agent != NULL ? pa_agent_get_name (PA_AGENT (agent)) : "?");
  return FALSE;
}

/* An account no agent owns and no other phone carries was made for this
 * phone alone (see generate_line()); it goes with the phone, or the same
 * MAC could never be added again ("ph<mac>" would stay taken). Agents' own
 * accounts stay: agents own SIP accounts. */
static gboolean
delete_orphaned_lines (PaApiRequest *req,
                       PaPhone      *phone,
                       GError      **error)
{
  GArray *lines = pa_phone_get_lines (phone);

  for (guint i = 0; i < lines->len; i++)
    {
      gint64 account_id = g_array_index (lines, gint64, i);
      g_autoptr(PaResource) account = NULL;
      g_autoptr(GArray) users = NULL;

      account = pa_store_get (req->store, PA_TYPE_SIP_ACCOUNT, account_id, NULL);
      if (account == NULL || pa_sip_account_get_agent_id (PA_SIP_ACCOUNT (account)) != 0)
        continue;

      users = pa_store_list_phones_naming (req->store, PA_TYPE_SIP_ACCOUNT, account_id, error);
      if (users == NULL)
        return FALSE;
      if (users->len == 0 &&
          !pa_store_delete (req->store, PA_TYPE_SIP_ACCOUNT, account_id, -1, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
pa_api_phone_after_delete (PaApiRequest *req,
                           PaResource   *old,
                           GError      **error)
{
  gint64 agent_id = pa_phone_get_agent_id (PA_PHONE (old));

  if (!delete_orphaned_lines (req, PA_PHONE (old), error))
    return FALSE;

  /* Unreachable while assigned phones cannot be deleted; kept so lifting
   * that rule cannot leave an agent routed to a phone that is gone. */
  if (agent_id != 0)
    return agent_lost_phone (req, agent_id, error);
  return TRUE;
}

/* -- agents -------------------------------------------------------------- */

gboolean
pa_api_agent_before_delete (PaApiRequest *req,
                            PaResource   *old,
                            GError      **error)
{
  gint64 count = pa_store_count_phones_for_agent (req->store, pa_resource_get_id (old), error);

  if (count < 0)
    return FALSE;
  if (count == 0)
    return TRUE;

  pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, NULL,
                     "Agent “%s” still has %" G_GINT64_FORMAT " phone%s; unassign %s first",
                     pa_agent_get_name (PA_AGENT (old)), count,
                     count == 1 ? "" : "s", count == 1 ? "it" : "them");
  return FALSE;
}

/* -- SIP accounts -------------------------------------------------------- */

gboolean
pa_api_sip_before_write (PaApiRequest *req,
                         PaResource   *old,
                         PaResource   *resource,
                         GError      **error)
{
  PaSipAccount *account = PA_SIP_ACCOUNT (resource);
  gint64 agent_id = pa_sip_account_get_agent_id (account);

  if (agent_id != 0)
    {
      g_autoptr(PaResource) agent = get_referenced (req, PA_TYPE_AGENT, agent_id,
                                                    "agent_id", "Agent", error);
      if (agent == NULL)
        return FALSE;
    }

  return TRUE;
}

gboolean
pa_api_sip_after_write (PaApiRequest *req,
                        PaResource   *old,
                        PaResource   *resource,
                        GError      **error)
{
  g_autofree char *password = NULL;

  if (old != NULL)
    {
      req->report_affected = TRUE;
      return TRUE;
    }

  password = new_password (error);
  if (password == NULL ||
      !pa_store_set_sip_password (req->store, pa_resource_get_id (resource), password, error))
    return FALSE;

  json_object_set_string_member (req->extra, "sip_password", password);
  return TRUE;
}

typedef struct
{
  gint64      id;
  gint64      if_match;
  PaResource *account;
  char       *password;
  char       *old_password;  /* what the phones have until they resync */
} RegenerateData;

static gboolean
regenerate_work (PaApiRequest *req,
                 gpointer      user_data,
                 GError      **error)
{
  RegenerateData *data = user_data;

  data->account = pa_store_get (req->store, PA_TYPE_SIP_ACCOUNT, data->id, error);
  if (data->account == NULL)
    return FALSE;
  if (data->if_match >= 0 && data->if_match != pa_resource_get_revision (data->account))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_PRECONDITION_FAILED, NULL,
                         "SIP account %" G_GINT64_FORMAT " changed; read it again", data->id);
      return FALSE;
    }

  data->old_password = pa_store_get_sip_password (req->store, data->id, NULL, error);
  if (data->old_password == NULL)
    return FALSE;
  data->password = new_password (error);
  return data->password != NULL &&
         pa_store_set_sip_password (req->store, data->id, data->password, error);
}

static gboolean
check_confirm_body (JsonNode  *body,
                    GError   **error)
{
  JsonObject *object = json_node_get_object (body);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (!g_str_equal (name, "confirm"))
        {
          pa_set_field_error (error, PA_MODEL_ERROR_UNKNOWN_FIELD, name,
                              "Unknown member “%s”; only “confirm” is allowed", name);
          return FALSE;
        }
      if (!JSON_NODE_HOLDS_VALUE (value) || json_node_get_value_type (value) != G_TYPE_STRING)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "confirm",
                              "confirm must be a string");
          return FALSE;
        }
    }

  if (g_strcmp0 (json_object_get_string_member_with_default (object, "confirm", NULL),
                 "REGENERATE") != 0)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_RULE, "confirm",
                         "Type REGENERATE to confirm: phones using this account stop "
                         "registering until they fetch their configuration again");
      return FALSE;
    }
  return TRUE;
}

static gboolean
regenerate_parse (PaApiRequest  *req,
                  gpointer       user_data,
                  GError       **error)
{
  RegenerateData *data = user_data;
  g_autoptr(JsonNode) body = NULL;
  gboolean present = FALSE;

  return pa_http_parse_if_match (req->msg, &present, &data->if_match, error) &&
         (body = pa_http_read_json_object (req->msg, error)) != NULL &&
         check_confirm_body (body, error);
}

static JsonNode *
regenerate_answer (PaApiRequest *req,
                   gpointer      user_data)
{
  RegenerateData *data = user_data;
  /* The phones whose files now carry the new password: they fetch it on
   * their next check (or when a resync is pushed). */
  GArray *phones = req->server->derive->last_affected;
  g_autoptr(JsonArray) resync = json_array_new ();

  for (guint i = 0; i < phones->len; i++)
    json_array_add_int_element (resync, g_array_index (phones, gint64, i));
  json_object_set_string_member (req->extra, "sip_password", data->password);
  json_object_set_array_member (req->extra, "resync_phones", g_steal_pointer (&resync));

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                    "PA_SIP_ACCOUNT", pa_sip_account_get_username (PA_SIP_ACCOUNT (data->account)),
                    "MESSAGE", "New password for SIP account %" G_GINT64_FORMAT
                    " (%u phone(s) to resync)", data->id, phones->len);
  pa_http_set_etag (req->msg, pa_resource_get_revision (data->account));
  return pa_api_resource_json (data->account, req->extra);
}

void
pa_api_regenerate_sip_password (PaApiRequest          *req,
                                const PaApiCollection *collection,
                                gint64                 id,
                                const char            *arg)
{
  RegenerateData data = { id, -1, NULL, NULL, NULL };
  g_autoptr(GError) error = NULL;

  if (!regenerate_parse (req, &data, &error)
      || !pa_api_in_transaction (req, regenerate_work, &data, &error))
    pa_http_send_gerror (req->msg, error);
  else
    {
      g_autoptr(JsonNode) node = regenerate_answer (req, &data);

      /* The phones carrying the account are told to fetch the new
       * password now; the answer says which could be (pa-api-sip.c). */
      pa_api_resync_after_password (req, node, id, data.old_password);
    }
  g_clear_object (&data.account);
  if (data.password != NULL)
    memset (data.password, 0, strlen (data.password));
  g_clear_pointer (&data.password, g_free);
  if (data.old_password != NULL)
    memset (data.old_password, 0, strlen (data.old_password));
  g_clear_pointer (&data.old_password, g_free);
}

/* -- phone tokens -------------------------------------------------------- */

typedef struct
{
  gint64  id;
  char   *token;
} TokenData;

static gboolean
token_work (PaApiRequest  *req,
            gpointer       user_data,
            GError       **error)
{
  TokenData *data = user_data;

  data->token = pa_store_regenerate_phone_token (req->store, data->id, error);
  return data->token != NULL;
}

static JsonNode *
token_answer (PaApiRequest *req,
              gpointer      user_data)
{
  TokenData *data = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *url = g_strconcat (pa_server_get_public_url (req->server), "p/",
                                      data->token, "/", NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, data->id);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, data->token);
  json_builder_set_member_name (builder, "provisioning_url");
  json_builder_add_string_value (builder, url);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
pa_api_regenerate_phone_token (PaApiRequest          *req,
                               const PaApiCollection *collection,
                               gint64                 id,
                               const char            *arg)
{
  static const PaApiAction action = { NULL, token_work, token_answer };
  TokenData data = { id, NULL };

  pa_api_run_action (req, &action, &data);
  g_free (data.token);
}

/* -- layouts, module layouts, profiles ----------------------------------- */

gboolean
pa_api_layout_after_write (PaApiRequest *req,
                           PaResource   *old,
                           PaResource   *resource,
                           GError      **error)
{
  /* Which phones that is follows from what their files were made of,
   * when the write commits (pa-fingerprints.c). */
  req->report_affected = old != NULL;
  return TRUE;
}

/* Said on every answer, never stored: it follows from the phone's lines,
 * their accounts and the server's default as they are now. */
void
pa_api_phone_derive (PaApiRequest *req,
                     PaResource   *resource)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) reasons = pa_phone_attention (req->server, PA_PHONE (resource), NULL, &error);
  g_autofree char *fingerprint = pa_server_config_fingerprint (req->server, PA_PHONE (resource));

  /* The ETag its files are served with. */
  pa_phone_set_config_fingerprint (PA_PHONE (resource), fingerprint);

  if (reasons == NULL)
    {
      g_warning ("Cannot tell whether phone %" G_GINT64_FORMAT " needs attention: %s",
                 pa_resource_get_id (resource), error->message);
      return;
    }
  pa_phone_set_attention (PA_PHONE (resource), (const char * const *) reasons);
}
