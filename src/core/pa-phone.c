/* pa-phone.c — one desk phone, its lines, sidecars and status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-phone"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-mac.h"
#include "pa-phone-private.h"
#include "pa-resource-private.h"

struct _PaPhone
{
  PaResource           parent_instance;

  char                *name;
  char                *name_key;   /* see pa_phone_get_name_sort_key() */
  char                *description;
  char                *mac;
  char                *vendor;
  char                *model;
  gint64               agent_id;
  GArray              *lines;      /* gint64 */
  gint64               layout_id;
  gint64               profile_id;
  GPtrArray           *modules;    /* PaPhoneModule */
  char                *sip_server;
  char                *sip_region;
  char                *timezone;
  guint                local_sip_port;
  PaAdminPasswordMode  admin_password_mode;
  char                *admin_password;
  gboolean             enabled;
  gboolean             http_auth;
  gint64               firmware_id;  /* the firmware it is to run, 0: its own */

  PaPhoneStatus        status;
  char                *ip;
  char                *user_agent;
  char                *firmware;
  gint64               last_seen;
  gint64               provisioned_at;
  char                *contact;
  gint64               status_since;
  char                *token;
  char                *config_fingerprint;
  char               **attention;  /* derived by the server, never stored for long */
  JsonNode            *sip_action; /* an object, or NULL */
};

G_DEFINE_FINAL_TYPE (PaPhone, pa_phone, PA_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_MAC,
  PROP_VENDOR,
  PROP_MODEL,
  PROP_AGENT_ID,
  PROP_LINES,
  PROP_LAYOUT_ID,
  PROP_PROFILE_ID,
  PROP_MODULES,
  PROP_SIP_SERVER,
  PROP_SIP_REGION,
  PROP_TIMEZONE,
  PROP_LOCAL_SIP_PORT,
  PROP_ADMIN_PASSWORD_MODE,
  PROP_ADMIN_PASSWORD,
  PROP_ENABLED,
  PROP_HTTP_AUTH,
  PROP_FIRMWARE_ID,
  PROP_STATUS,
  PROP_IP,
  PROP_USER_AGENT,
  PROP_FIRMWARE,
  PROP_LAST_SEEN,
  PROP_PROVISIONED_AT,
  PROP_CONTACT,
  PROP_STATUS_SINCE,
  PROP_TOKEN,
  PROP_CONFIG_FINGERPRINT,
  PROP_ATTENTION,
  PROP_SIP_ACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
pa_phone_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { PA_PHONE_STATUS_PENDING, "PA_PHONE_STATUS_PENDING", "pending" },
        { PA_PHONE_STATUS_PROVISIONING, "PA_PHONE_STATUS_PROVISIONING", "provisioning" },
        { PA_PHONE_STATUS_REGISTERED, "PA_PHONE_STATUS_REGISTERED", "registered" },
        { PA_PHONE_STATUS_ONLINE, "PA_PHONE_STATUS_ONLINE", "online" },
        { PA_PHONE_STATUS_OFFLINE, "PA_PHONE_STATUS_OFFLINE", "offline" },
        { PA_PHONE_STATUS_DISABLED, "PA_PHONE_STATUS_DISABLED", "disabled" },
        { 0, NULL, NULL }
      };
      GType id = g_enum_register_static (g_intern_static_string ("PaPhoneStatus"), values);
      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

/* ------------------------------------------------------------------ */
/* JSON for the non-scalar members                                      */

static gboolean
pa_phone_read_member (PaResource      *resource,
                      const PaMember  *member,
                      JsonNode        *node,
                      PaJsonFlags      flags,
                      GValue          *value,
                      GError         **error)
{
  if (member->pspec == properties[PROP_LINES])
    {
      const PaIdArrayMessages messages = {
        _("Must be an array of SIP account ids"),
        _("Must be a SIP account id (a whole number)"),
        _("A SIP account id is 1 or more"),
      };

      return pa_json_read_id_array (node, "lines", &messages, value, error);
    }
  if (member->pspec == properties[PROP_ATTENTION])
    return pa_json_read_string_array (node, "attention", value, error);
  if (member->pspec == properties[PROP_SIP_ACTION])
    {
      if (!JSON_NODE_HOLDS_NULL (node) && !JSON_NODE_HOLDS_OBJECT (node))
        {
          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "sip_action",
                              _("Must be an object or null"));
          return FALSE;
        }
      g_value_set_boxed (value, JSON_NODE_HOLDS_OBJECT (node) ? node : NULL);
      return TRUE;
    }
  if (member->pspec == properties[PROP_MODULES])
    {
      GPtrArray *modules = pa_phone_modules_new_from_json (node, error);

      if (modules == NULL)
        return FALSE;
      g_value_take_boxed (value, modules);
      return TRUE;
    }

  if (!PA_RESOURCE_CLASS (pa_phone_parent_class)->read_member (resource, member, node, flags,
                                                                value, error))
    return FALSE;

  /* Any spelling in, one spelling stored. An empty MAC stays empty so a
   * phone never given one still round-trips; validation refuses it. */
  if (member->pspec == properties[PROP_MAC] && g_value_get_string (value)[0] != '\0')
    {
      g_autofree char *normalized = pa_mac_normalize (g_value_get_string (value), error);

      if (normalized == NULL)
        {
          if (error != NULL && pa_model_error_get_field (*error) == NULL)
            pa_model_error_prefix_field (*error, "mac");
          return FALSE;
        }
      g_value_take_string (value, g_steal_pointer (&normalized));
    }

  return TRUE;
}

static void
pa_phone_write_member (PaResource     *resource,
                       const PaMember *member,
                       const GValue   *value,
                       JsonBuilder    *builder)
{
  if (member->pspec == properties[PROP_LINES])
    pa_json_write_id_array (g_value_get_boxed (value), builder);
  else if (member->pspec == properties[PROP_MODULES])
    pa_phone_modules_write_json (g_value_get_boxed (value), builder);
  else if (member->pspec == properties[PROP_ATTENTION])
    pa_json_write_string_array (g_value_get_boxed (value), builder);
  else if (member->pspec == properties[PROP_SIP_ACTION])
    {
      JsonNode *node = g_value_get_boxed (value);

      if (node != NULL)
        json_builder_add_value (builder, json_node_copy (node));
      else
        json_builder_add_null_value (builder);
    }
  else
    PA_RESOURCE_CLASS (pa_phone_parent_class)->write_member (resource, member, value, builder);
}

/* ------------------------------------------------------------------ */
/* Validation                                                           */

static gboolean
pa_phone_validate (PaResource  *resource,
                   PaCatalog   *catalog,
                   GError     **error)
{
  if (!PA_RESOURCE_CLASS (pa_phone_parent_class)->validate (resource, catalog, error))
    return FALSE;

  return pa_phone_validate_fields (PA_PHONE (resource), catalog, error);
}

/* ------------------------------------------------------------------ */
/* GObject                                                              */

static void
pa_phone_finalize (GObject *object)
{
  PaPhone *self = PA_PHONE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->name_key, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->mac, g_free);
  g_clear_pointer (&self->vendor, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->modules, g_ptr_array_unref);
  g_clear_pointer (&self->sip_server, g_free);
  g_clear_pointer (&self->sip_region, g_free);
  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->admin_password, g_free);
  g_clear_pointer (&self->attention, g_strfreev);
  g_clear_pointer (&self->sip_action, json_node_unref);
  g_clear_pointer (&self->ip, g_free);
  g_clear_pointer (&self->user_agent, g_free);
  g_clear_pointer (&self->firmware, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->config_fingerprint, g_free);
  g_clear_pointer (&self->contact, g_free);

  G_OBJECT_CLASS (pa_phone_parent_class)->finalize (object);
}

static void
pa_phone_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PaPhone *self = PA_PHONE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_MAC:
      g_value_set_string (value, self->mac);
      break;
    case PROP_VENDOR:
      g_value_set_string (value, self->vendor);
      break;
    case PROP_MODEL:
      g_value_set_string (value, self->model);
      break;
    case PROP_AGENT_ID:
      g_value_set_int64 (value, self->agent_id);
      break;
    case PROP_LINES:
      g_value_set_boxed (value, self->lines);
      break;
    case PROP_LAYOUT_ID:
      g_value_set_int64 (value, self->layout_id);
      break;
    case PROP_PROFILE_ID:
      g_value_set_int64 (value, self->profile_id);
      break;
    case PROP_FIRMWARE_ID:
      g_value_set_int64 (value, self->firmware_id);
      break;
    case PROP_MODULES:
      g_value_set_boxed (value, self->modules);
      break;
    case PROP_SIP_SERVER:
      g_value_set_string (value, self->sip_server);
      break;
    case PROP_SIP_REGION:
      g_value_set_string (value, self->sip_region);
      break;
    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;
    case PROP_LOCAL_SIP_PORT:
      g_value_set_uint (value, self->local_sip_port);
      break;
    case PROP_ADMIN_PASSWORD_MODE:
      g_value_set_enum (value, self->admin_password_mode);
      break;
    case PROP_ADMIN_PASSWORD:
      g_value_set_string (value, self->admin_password);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_HTTP_AUTH:
      g_value_set_boolean (value, self->http_auth);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_IP:
      g_value_set_string (value, self->ip);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    case PROP_FIRMWARE:
      g_value_set_string (value, self->firmware);
      break;
    case PROP_LAST_SEEN:
      g_value_set_int64 (value, self->last_seen);
      break;
    case PROP_PROVISIONED_AT:
      g_value_set_int64 (value, self->provisioned_at);
      break;
    case PROP_CONTACT:
      g_value_set_string (value, self->contact);
      break;
    case PROP_STATUS_SINCE:
      g_value_set_int64 (value, self->status_since);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    case PROP_CONFIG_FINGERPRINT:
      g_value_set_string (value, self->config_fingerprint);
      break;
    case PROP_ATTENTION:
      g_value_set_boxed (value, self->attention);
      break;
    case PROP_SIP_ACTION:
      g_value_set_boxed (value, self->sip_action);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_phone_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PaPhone *self = PA_PHONE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pa_phone_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      pa_phone_set_description (self, g_value_get_string (value));
      break;
    case PROP_MAC:
      pa_phone_set_mac (self, g_value_get_string (value));
      break;
    case PROP_VENDOR:
      pa_phone_set_vendor (self, g_value_get_string (value));
      break;
    case PROP_MODEL:
      pa_phone_set_model (self, g_value_get_string (value));
      break;
    case PROP_AGENT_ID:
      pa_phone_set_agent_id (self, g_value_get_int64 (value));
      break;
    case PROP_LINES:
      {
        GArray *lines = g_value_get_boxed (value);
        pa_phone_set_lines (self,
                            lines ? (const gint64 *) (gpointer) lines->data : NULL,
                            lines ? lines->len : 0);
      }
      break;
    case PROP_LAYOUT_ID:
      pa_phone_set_layout_id (self, g_value_get_int64 (value));
      break;
    case PROP_PROFILE_ID:
      pa_phone_set_profile_id (self, g_value_get_int64 (value));
      break;
    case PROP_FIRMWARE_ID:
      pa_phone_set_firmware_id (self, g_value_get_int64 (value));
      break;
    case PROP_MODULES:
      pa_phone_set_modules (self, g_value_get_boxed (value));
      break;
    case PROP_SIP_SERVER:
      pa_phone_set_sip_server (self, g_value_get_string (value));
      break;
    case PROP_SIP_REGION:
      pa_phone_set_sip_region (self, g_value_get_string (value));
      break;
    case PROP_TIMEZONE:
      pa_phone_set_timezone (self, g_value_get_string (value));
      break;
    case PROP_LOCAL_SIP_PORT:
      pa_phone_set_local_sip_port (self, g_value_get_uint (value));
      break;
    case PROP_ADMIN_PASSWORD_MODE:
      pa_phone_set_admin_password_mode (self, g_value_get_enum (value));
      break;
    case PROP_ADMIN_PASSWORD:
      pa_phone_set_admin_password (self, g_value_get_string (value));
      break;
    case PROP_ENABLED:
      pa_phone_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_HTTP_AUTH:
      pa_phone_set_http_auth (self, g_value_get_boolean (value));
      break;
    case PROP_STATUS:
      pa_phone_set_status (self, g_value_get_enum (value));
      break;
    case PROP_IP:
      pa_phone_set_ip (self, g_value_get_string (value));
      break;
    case PROP_USER_AGENT:
      pa_phone_set_user_agent (self, g_value_get_string (value));
      break;
    case PROP_FIRMWARE:
      pa_phone_set_firmware (self, g_value_get_string (value));
      break;
    case PROP_LAST_SEEN:
      pa_phone_set_last_seen (self, g_value_get_int64 (value));
      break;
    case PROP_PROVISIONED_AT:
      pa_phone_set_provisioned_at (self, g_value_get_int64 (value));
      break;
    case PROP_CONTACT:
      pa_phone_set_contact (self, g_value_get_string (value));
      break;
    case PROP_STATUS_SINCE:
      pa_phone_set_status_since (self, g_value_get_int64 (value));
      break;
    case PROP_TOKEN:
      pa_phone_set_token (self, g_value_get_string (value));
      break;
    case PROP_CONFIG_FINGERPRINT:
      pa_phone_set_config_fingerprint (self, g_value_get_string (value));
      break;
    case PROP_ATTENTION:
      pa_phone_set_attention (self, g_value_get_boxed (value));
      break;
    case PROP_SIP_ACTION:
      {
        JsonNode *node = g_value_get_boxed (value);

        pa_phone_set_sip_action (self, node != NULL && JSON_NODE_HOLDS_OBJECT (node)
                                       ? json_node_get_object (node) : NULL);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_phone_class_init (PaPhoneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PaResourceClass *resource_class = PA_RESOURCE_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const PaMemberFlags opt_text = PA_MEMBER_NULLABLE | PA_MEMBER_TRIM;
  const PaMemberFlags server_text = PA_MEMBER_SERVER_OWNED | PA_MEMBER_NULLABLE;
  const PaMemberFlags server_time = PA_MEMBER_SERVER_OWNED | PA_MEMBER_ZERO_IS_NULL;

  object_class->finalize = pa_phone_finalize;
  object_class->get_property = pa_phone_get_property;
  object_class->set_property = pa_phone_set_property;

  resource_class->kind = "phone";
  resource_class->validate = pa_phone_validate;
  resource_class->read_member = pa_phone_read_member;
  resource_class->write_member = pa_phone_write_member;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_MAC] = g_param_spec_string ("mac", NULL, NULL, "", flags);
  properties[PROP_VENDOR] = g_param_spec_string ("vendor", NULL, NULL, "", flags);
  properties[PROP_MODEL] = g_param_spec_string ("model", NULL, NULL, "", flags);
  properties[PROP_AGENT_ID] =
    g_param_spec_int64 ("agent-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_LINES] = g_param_spec_boxed ("lines", NULL, NULL, G_TYPE_ARRAY, flags);
  properties[PROP_LAYOUT_ID] =
    g_param_spec_int64 ("layout-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PROFILE_ID] =
    g_param_spec_int64 ("profile-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_MODULES] = g_param_spec_boxed ("modules", NULL, NULL, G_TYPE_PTR_ARRAY, flags);
  properties[PROP_SIP_SERVER] = g_param_spec_string ("sip-server", NULL, NULL, NULL, flags);
  properties[PROP_SIP_REGION] = g_param_spec_string ("sip-region", NULL, NULL, NULL, flags);
  properties[PROP_TIMEZONE] = g_param_spec_string ("timezone", NULL, NULL, NULL, flags);
  properties[PROP_LOCAL_SIP_PORT] =
    g_param_spec_uint ("local-sip-port", NULL, NULL, 1, 65535, 5060, flags);
  properties[PROP_ADMIN_PASSWORD_MODE] =
    g_param_spec_enum ("admin-password-mode", NULL, NULL,
                       PA_TYPE_ADMIN_PASSWORD_MODE, PA_ADMIN_PASSWORD_NONE, flags);
  properties[PROP_ADMIN_PASSWORD] =
    g_param_spec_string ("admin-password", NULL, NULL, NULL, flags);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, flags);
  properties[PROP_HTTP_AUTH] = g_param_spec_boolean ("http-auth", NULL, NULL, FALSE, flags);
  properties[PROP_FIRMWARE_ID] =
    g_param_spec_int64 ("firmware-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       PA_TYPE_PHONE_STATUS, PA_PHONE_STATUS_PENDING, flags);
  properties[PROP_IP] = g_param_spec_string ("ip", NULL, NULL, NULL, flags);
  properties[PROP_USER_AGENT] = g_param_spec_string ("user-agent", NULL, NULL, NULL, flags);
  properties[PROP_FIRMWARE] = g_param_spec_string ("firmware", NULL, NULL, NULL, flags);
  properties[PROP_LAST_SEEN] =
    g_param_spec_int64 ("last-seen", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PROVISIONED_AT] =
    g_param_spec_int64 ("provisioned-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_CONTACT] = g_param_spec_string ("contact", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_SINCE] =
    g_param_spec_int64 ("status-since", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TOKEN] = g_param_spec_string ("token", NULL, NULL, NULL, flags);
  properties[PROP_CONFIG_FINGERPRINT] =
    g_param_spec_string ("config-fingerprint", NULL, NULL, NULL, flags);
  properties[PROP_ATTENTION] = g_param_spec_boxed ("attention", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_SIP_ACTION] =
    g_param_spec_boxed ("sip-action", NULL, NULL, JSON_TYPE_NODE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  pa_resource_class_add_member (resource_class, properties[PROP_NAME], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_DESCRIPTION], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_MAC], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_VENDOR], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_MODEL], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_AGENT_ID], PA_MEMBER_ZERO_IS_NULL);
  pa_resource_class_add_member (resource_class, properties[PROP_LINES], PA_MEMBER_CUSTOM);
  pa_resource_class_add_member (resource_class, properties[PROP_LAYOUT_ID], PA_MEMBER_ZERO_IS_NULL);
  pa_resource_class_add_member (resource_class, properties[PROP_PROFILE_ID],
                                PA_MEMBER_ZERO_IS_NULL);
  pa_resource_class_add_member (resource_class, properties[PROP_MODULES], PA_MEMBER_CUSTOM);
  pa_resource_class_add_member (resource_class, properties[PROP_SIP_SERVER], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_SIP_REGION], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_TIMEZONE], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_LOCAL_SIP_PORT], PA_MEMBER_NONE);
  pa_resource_class_add_member (resource_class, properties[PROP_ADMIN_PASSWORD_MODE],
                                PA_MEMBER_NONE);
  pa_resource_class_add_member (resource_class, properties[PROP_ADMIN_PASSWORD],
                                PA_MEMBER_NULLABLE);
  pa_resource_class_add_member (resource_class, properties[PROP_ENABLED], PA_MEMBER_NONE);
  pa_resource_class_add_member (resource_class, properties[PROP_HTTP_AUTH], PA_MEMBER_NONE);
  pa_resource_class_add_member (resource_class, properties[PROP_FIRMWARE_ID],
                                PA_MEMBER_ZERO_IS_NULL);
  pa_resource_class_add_member (resource_class, properties[PROP_STATUS], PA_MEMBER_SERVER_OWNED);
  pa_resource_class_add_member (resource_class, properties[PROP_IP], server_text);
  pa_resource_class_add_member (resource_class, properties[PROP_USER_AGENT], server_text);
  pa_resource_class_add_member (resource_class, properties[PROP_FIRMWARE], server_text);
  pa_resource_class_add_member (resource_class, properties[PROP_LAST_SEEN], server_time);
  pa_resource_class_add_member (resource_class, properties[PROP_PROVISIONED_AT], server_time);
  pa_resource_class_add_member (resource_class, properties[PROP_CONTACT], server_text);
  pa_resource_class_add_member (resource_class, properties[PROP_STATUS_SINCE], server_time);
  pa_resource_class_add_member (resource_class, properties[PROP_TOKEN], server_text);
  pa_resource_class_add_member (resource_class, properties[PROP_CONFIG_FINGERPRINT], server_text);
  pa_resource_class_add_member (resource_class, properties[PROP_ATTENTION],
                                PA_MEMBER_SERVER_OWNED | PA_MEMBER_CUSTOM);
  pa_resource_class_add_member (resource_class, properties[PROP_SIP_ACTION],
                                PA_MEMBER_SERVER_OWNED | PA_MEMBER_CUSTOM);
}

static void
pa_phone_init (PaPhone *self)
{
  self->name = g_strdup ("");
  self->mac = g_strdup ("");
  self->vendor = g_strdup ("");
  self->model = g_strdup ("");
  self->lines = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->modules = pa_phone_modules_new ();
  self->local_sip_port = 5060;
  self->admin_password_mode = PA_ADMIN_PASSWORD_NONE;
  self->enabled = TRUE;
  self->status = PA_PHONE_STATUS_PENDING;
}

PaPhone *
pa_phone_new (void)
{
  return g_object_new (PA_TYPE_PHONE, NULL);
}

/* The plain setters differ only in field and property. */
#define DEFINE_STRING_ACCESSORS(member, PROP, required)                        \
const char *                                                                   \
pa_phone_get_##member (PaPhone *self)                                          \
{                                                                              \
  g_return_val_if_fail (PA_IS_PHONE (self), NULL);                             \
  return self->member;                                                         \
}                                                                              \
                                                                               \
void                                                                           \
pa_phone_set_##member (PaPhone    *self,                                       \
                       const char *value)                                      \
{                                                                              \
  g_return_if_fail (PA_IS_PHONE (self));                                       \
                                                                               \
  if (pa_set_str (&self->member, (required) && value == NULL ? "" : value))    \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);              \
}

#define DEFINE_INT64_ACCESSORS(member, PROP)                                   \
gint64                                                                         \
pa_phone_get_##member (PaPhone *self)                                          \
{                                                                              \
  g_return_val_if_fail (PA_IS_PHONE (self), 0);                                \
  return self->member;                                                         \
}                                                                              \
                                                                               \
void                                                                           \
pa_phone_set_##member (PaPhone *self,                                          \
                       gint64   value)                                         \
{                                                                              \
  g_return_if_fail (PA_IS_PHONE (self));                                       \
  g_return_if_fail (value >= 0);                                               \
                                                                               \
  if (self->member == value)                                                   \
    return;                                                                    \
  self->member = value;                                                        \
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);                \
}

const char *
pa_phone_get_name (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), NULL);
  return self->name;
}

void
pa_phone_set_name (PaPhone    *self,
                   const char *value)
{
  g_return_if_fail (PA_IS_PHONE (self));

  if (!pa_set_str (&self->name, value == NULL ? "" : value))
    return;
  g_free (self->name_key);
  self->name_key = self->name[0] != '\0' ? g_utf8_collate_key_for_filename (self->name, -1) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * pa_phone_get_name_sort_key:
 *
 * The name's collation key (g_utf8_collate_key_for_filename(): "Desk 9"
 * before "Desk 10"), or %NULL for no name. Made when the name is set, so
 * a list of 100,000 phones sorts by comparing bytes, and the keys are made
 * where the phones are parsed, not by the window's thread.
 */
const char *
pa_phone_get_name_sort_key (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), NULL);
  return self->name_key;
}

DEFINE_STRING_ACCESSORS (description, PROP_DESCRIPTION, FALSE)
DEFINE_STRING_ACCESSORS (vendor, PROP_VENDOR, TRUE)
DEFINE_STRING_ACCESSORS (model, PROP_MODEL, TRUE)
DEFINE_STRING_ACCESSORS (sip_server, PROP_SIP_SERVER, FALSE)
DEFINE_STRING_ACCESSORS (sip_region, PROP_SIP_REGION, FALSE)
DEFINE_STRING_ACCESSORS (timezone, PROP_TIMEZONE, FALSE)
DEFINE_STRING_ACCESSORS (admin_password, PROP_ADMIN_PASSWORD, FALSE)
DEFINE_STRING_ACCESSORS (ip, PROP_IP, FALSE)
DEFINE_STRING_ACCESSORS (user_agent, PROP_USER_AGENT, FALSE)
DEFINE_STRING_ACCESSORS (firmware, PROP_FIRMWARE, FALSE)
DEFINE_STRING_ACCESSORS (contact, PROP_CONTACT, FALSE)
DEFINE_STRING_ACCESSORS (token, PROP_TOKEN, FALSE)
DEFINE_STRING_ACCESSORS (config_fingerprint, PROP_CONFIG_FINGERPRINT, FALSE)
DEFINE_INT64_ACCESSORS (agent_id, PROP_AGENT_ID)
DEFINE_INT64_ACCESSORS (layout_id, PROP_LAYOUT_ID)
DEFINE_INT64_ACCESSORS (profile_id, PROP_PROFILE_ID)
DEFINE_INT64_ACCESSORS (firmware_id, PROP_FIRMWARE_ID)
DEFINE_INT64_ACCESSORS (last_seen, PROP_LAST_SEEN)
DEFINE_INT64_ACCESSORS (provisioned_at, PROP_PROVISIONED_AT)
DEFINE_INT64_ACCESSORS (status_since, PROP_STATUS_SINCE)

PaAdminPasswordMode
pa_phone_effective_admin_password_mode (PaPhone   *self,
                                        PaProfile *profile)
{
  PaAdminPasswordMode policy;

  g_return_val_if_fail (PA_IS_PHONE (self), PA_ADMIN_PASSWORD_NONE);

  if (self->admin_password_mode != PA_ADMIN_PASSWORD_NONE || profile == NULL)
    return self->admin_password_mode;
  policy = pa_profile_get_admin_password_policy (profile);
  return policy == PA_ADMIN_PASSWORD_GENERATED ? policy : PA_ADMIN_PASSWORD_NONE;
}

gint64
pa_phone_effective_layout_id (PaPhone   *self,
                              PaProfile *profile)
{
  g_return_val_if_fail (PA_IS_PHONE (self), 0);

  if (self->layout_id != 0 || profile == NULL)
    return self->layout_id;
  return pa_profile_get_layout_id (profile);
}

const char *
pa_phone_get_mac (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), NULL);
  return self->mac;
}

void
pa_phone_set_mac (PaPhone    *self,
                  const char *mac)
{
  g_autofree char *normalized = NULL;

  g_return_if_fail (PA_IS_PHONE (self));

  if (mac != NULL && mac[0] != '\0')
    normalized = pa_mac_normalize (mac, NULL);

  if (pa_set_str (&self->mac, normalized ? normalized : mac ? mac : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAC]);
}

GArray *
pa_phone_get_lines (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), NULL);
  return self->lines;
}

void
pa_phone_set_lines (PaPhone      *self,
                    const gint64 *account_ids,
                    guint         n_ids)
{
  g_return_if_fail (PA_IS_PHONE (self));
  g_return_if_fail (account_ids != NULL || n_ids == 0);

  if (self->lines->len == n_ids
      && (n_ids == 0 || memcmp (self->lines->data, account_ids, n_ids * sizeof (gint64)) == 0))
    return;

  /* A new array rather than editing in place: a caller may still hold the
   * one pa_phone_get_lines() gave out through a property GValue. */
  g_clear_pointer (&self->lines, g_array_unref);
  self->lines = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_ids);
  if (n_ids > 0)
    g_array_append_vals (self->lines, account_ids, n_ids);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINES]);
}

GPtrArray *
pa_phone_get_modules (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), NULL);
  return self->modules;
}

void
pa_phone_set_modules (PaPhone   *self,
                      GPtrArray *modules)
{
  g_return_if_fail (PA_IS_PHONE (self));

  if (pa_phone_modules_equal (self->modules, modules))
    return;

  g_clear_pointer (&self->modules, g_ptr_array_unref);
  self->modules = pa_phone_modules_copy (modules);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODULES]);
}

guint
pa_phone_get_local_sip_port (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), 0);
  return self->local_sip_port;
}

void
pa_phone_set_local_sip_port (PaPhone *self,
                             guint    port)
{
  g_return_if_fail (PA_IS_PHONE (self));

  if (self->local_sip_port == port)
    return;
  self->local_sip_port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOCAL_SIP_PORT]);
}

PaAdminPasswordMode
pa_phone_get_admin_password_mode (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), PA_ADMIN_PASSWORD_NONE);
  return self->admin_password_mode;
}

void
pa_phone_set_admin_password_mode (PaPhone             *self,
                                  PaAdminPasswordMode  mode)
{
  g_return_if_fail (PA_IS_PHONE (self));

  if (self->admin_password_mode == mode)
    return;
  self->admin_password_mode = mode;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADMIN_PASSWORD_MODE]);
}

gboolean
pa_phone_get_enabled (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), FALSE);
  return self->enabled;
}

void
pa_phone_set_enabled (PaPhone  *self,
                      gboolean  enabled)
{
  g_return_if_fail (PA_IS_PHONE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

PaPhoneStatus
pa_phone_get_status (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), PA_PHONE_STATUS_PENDING);
  return self->status;
}

void
pa_phone_set_status (PaPhone       *self,
                     PaPhoneStatus  status)
{
  g_return_if_fail (PA_IS_PHONE (self));

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char * const *
pa_phone_get_attention (PaPhone *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (PA_IS_PHONE (self), NULL);
  return self->attention != NULL ? (const char * const *) self->attention : none;
}

void
pa_phone_set_attention (PaPhone            *self,
                        const char * const *reasons)
{
  g_return_if_fail (PA_IS_PHONE (self));

  if (g_strv_equal (pa_phone_get_attention (self), reasons != NULL ? reasons : (const char * const []) { NULL }))
    return;
  g_strfreev (self->attention);
  self->attention = reasons != NULL && reasons[0] != NULL ? g_strdupv ((char **) reasons) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTENTION]);
}

JsonObject *
pa_phone_get_sip_action (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), NULL);
  return self->sip_action != NULL ? json_node_get_object (self->sip_action) : NULL;
}

void
pa_phone_set_sip_action (PaPhone    *self,
                         JsonObject *sip_action)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (PA_IS_PHONE (self));

  if (sip_action != NULL)
    {
      node = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (node, sip_action);
    }
  if (self->sip_action == node
      || (self->sip_action != NULL && node != NULL && json_node_equal (self->sip_action, node)))
    return;
  g_clear_pointer (&self->sip_action, json_node_unref);
  self->sip_action = g_steal_pointer (&node);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIP_ACTION]);
}

gboolean
pa_phone_get_http_auth (PaPhone *self)
{
  g_return_val_if_fail (PA_IS_PHONE (self), FALSE);

  return self->http_auth;
}

void
pa_phone_set_http_auth (PaPhone  *self,
                        gboolean  http_auth)
{
  g_return_if_fail (PA_IS_PHONE (self));

  http_auth = !!http_auth;
  if (self->http_auth == http_auth)
    return;
  self->http_auth = http_auth;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HTTP_AUTH]);
}
