/* pa-sip-account.c — a SIP registration an agent owns and phones carry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-sip-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-resource-private.h"
#include "pa-sip-account.h"

#define PA_SIP_USERNAME_MAX 64

struct _PaSipAccount
{
  PaResource      parent_instance;

  gint64          agent_id;
  char           *username;
  char           *auth_name;
  char           *display_name;
  char           *label;
  char           *server;
  guint           port;
  PaSipTransport  transport;
};

G_DEFINE_FINAL_TYPE (PaSipAccount, pa_sip_account, PA_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_AGENT_ID,
  PROP_USERNAME,
  PROP_AUTH_NAME,
  PROP_DISPLAY_NAME,
  PROP_LABEL,
  PROP_SERVER,
  PROP_PORT,
  PROP_TRANSPORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
pa_sip_transport_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { PA_SIP_TRANSPORT_UDP, "PA_SIP_TRANSPORT_UDP", "udp" },
        { PA_SIP_TRANSPORT_TCP, "PA_SIP_TRANSPORT_TCP", "tcp" },
        { PA_SIP_TRANSPORT_TLS, "PA_SIP_TRANSPORT_TLS", "tls" },
        { 0, NULL, NULL }
      };
      GType id = g_enum_register_static (g_intern_static_string ("PaSipTransport"), values);
      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

/* The user part the phones put in the From header and the config files:
 * kept to characters that need no escaping in either. */
static gboolean
validate_sip_user (const char  *value,
                   const char  *field,
                   gboolean     required,
                   GError     **error)
{
  gsize len;

  if (value == NULL || value[0] == '\0')
    {
      if (!required)
        return TRUE;
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field, _("Must not be empty"));
      return FALSE;
    }

  len = strlen (value);
  if (len > PA_SIP_USERNAME_MAX)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                          _("Must be at most %u characters long"), PA_SIP_USERNAME_MAX);
      return FALSE;
    }

  for (gsize i = 0; i < len; i++)
    {
      char c = value[i];

      if (!g_ascii_isalnum (c) && c != '.' && c != '_' && c != '-' && c != '+')
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                              _("Only letters, digits and . _ - + are allowed; "
                                "the character at position %u is not one"),
                              (guint) (i + 1));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
pa_sip_account_validate (PaResource  *resource,
                         PaCatalog   *catalog,
                         GError     **error)
{
  PaSipAccount *self = PA_SIP_ACCOUNT (resource);

  if (!PA_RESOURCE_CLASS (pa_sip_account_parent_class)->validate (resource, catalog, error))
    return FALSE;

  return validate_sip_user (self->username, "username", TRUE, error)
      && validate_sip_user (self->auth_name, "auth_name", FALSE, error)
      && pa_validate_name (self->display_name, "display_name", FALSE, 128, error)
      && pa_validate_name (self->label, "label", FALSE, 64, error)
      && pa_validate_hostname (self->server, "server", error)
      && pa_validate_uint_range (self->port, 1, 65535, "port", error);
}

static void
pa_sip_account_finalize (GObject *object)
{
  PaSipAccount *self = PA_SIP_ACCOUNT (object);

  g_clear_pointer (&self->username, g_free);
  g_clear_pointer (&self->auth_name, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->label, g_free);
  g_clear_pointer (&self->server, g_free);

  G_OBJECT_CLASS (pa_sip_account_parent_class)->finalize (object);
}

static void
pa_sip_account_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PaSipAccount *self = PA_SIP_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_AGENT_ID:
      g_value_set_int64 (value, self->agent_id);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_AUTH_NAME:
      g_value_set_string (value, self->auth_name);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_SERVER:
      g_value_set_string (value, self->server);
      break;
    case PROP_PORT:
      g_value_set_uint (value, self->port);
      break;
    case PROP_TRANSPORT:
      g_value_set_enum (value, self->transport);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_sip_account_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PaSipAccount *self = PA_SIP_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_AGENT_ID:
      pa_sip_account_set_agent_id (self, g_value_get_int64 (value));
      break;
    case PROP_USERNAME:
      pa_sip_account_set_username (self, g_value_get_string (value));
      break;
    case PROP_AUTH_NAME:
      pa_sip_account_set_auth_name (self, g_value_get_string (value));
      break;
    case PROP_DISPLAY_NAME:
      pa_sip_account_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      pa_sip_account_set_label (self, g_value_get_string (value));
      break;
    case PROP_SERVER:
      pa_sip_account_set_server (self, g_value_get_string (value));
      break;
    case PROP_PORT:
      pa_sip_account_set_port (self, g_value_get_uint (value));
      break;
    case PROP_TRANSPORT:
      pa_sip_account_set_transport (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_sip_account_class_init (PaSipAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PaResourceClass *resource_class = PA_RESOURCE_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pa_sip_account_finalize;
  object_class->get_property = pa_sip_account_get_property;
  object_class->set_property = pa_sip_account_set_property;

  resource_class->kind = "sip_account";
  resource_class->validate = pa_sip_account_validate;

  properties[PROP_AGENT_ID] =
    g_param_spec_int64 ("agent-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, "", flags);
  properties[PROP_AUTH_NAME] =
    g_param_spec_string ("auth-name", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL, flags);
  properties[PROP_SERVER] =
    g_param_spec_string ("server", NULL, NULL, NULL, flags);
  properties[PROP_PORT] =
    g_param_spec_uint ("port", NULL, NULL, 1, 65535, 5060, flags);
  properties[PROP_TRANSPORT] =
    g_param_spec_enum ("transport", NULL, NULL,
                       PA_TYPE_SIP_TRANSPORT, PA_SIP_TRANSPORT_UDP, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  pa_resource_class_add_member (resource_class, properties[PROP_AGENT_ID], PA_MEMBER_ZERO_IS_NULL);
  pa_resource_class_add_member (resource_class, properties[PROP_USERNAME], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_AUTH_NAME],
                                PA_MEMBER_NULLABLE | PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_DISPLAY_NAME],
                                PA_MEMBER_NULLABLE | PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_LABEL],
                                PA_MEMBER_NULLABLE | PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_SERVER],
                                PA_MEMBER_NULLABLE | PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_PORT], PA_MEMBER_NONE);
  pa_resource_class_add_member (resource_class, properties[PROP_TRANSPORT], PA_MEMBER_NONE);
}

static void
pa_sip_account_init (PaSipAccount *self)
{
  self->username = g_strdup ("");
  self->port = 5060;
  self->transport = PA_SIP_TRANSPORT_UDP;
}

PaSipAccount *
pa_sip_account_new (void)
{
  return g_object_new (PA_TYPE_SIP_ACCOUNT, NULL);
}

gint64
pa_sip_account_get_agent_id (PaSipAccount *self)
{
  g_return_val_if_fail (PA_IS_SIP_ACCOUNT (self), 0);
  return self->agent_id;
}

void
pa_sip_account_set_agent_id (PaSipAccount *self,
                             gint64        agent_id)
{
  g_return_if_fail (PA_IS_SIP_ACCOUNT (self));
  g_return_if_fail (agent_id >= 0);

  if (self->agent_id == agent_id)
    return;
  self->agent_id = agent_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_ID]);
}

const char *
pa_sip_account_get_username (PaSipAccount *self)
{
  g_return_val_if_fail (PA_IS_SIP_ACCOUNT (self), NULL);
  return self->username;
}

void
pa_sip_account_set_username (PaSipAccount *self,
                             const char   *username)
{
  g_return_if_fail (PA_IS_SIP_ACCOUNT (self));

  if (pa_set_str (&self->username, username ? username : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USERNAME]);
}

const char *
pa_sip_account_get_auth_name (PaSipAccount *self)
{
  g_return_val_if_fail (PA_IS_SIP_ACCOUNT (self), NULL);
  return self->auth_name;
}

void
pa_sip_account_set_auth_name (PaSipAccount *self,
                              const char   *auth_name)
{
  g_return_if_fail (PA_IS_SIP_ACCOUNT (self));

  if (pa_set_str (&self->auth_name, auth_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTH_NAME]);
}

const char *
pa_sip_account_get_display_name (PaSipAccount *self)
{
  g_return_val_if_fail (PA_IS_SIP_ACCOUNT (self), NULL);
  return self->display_name;
}

void
pa_sip_account_set_display_name (PaSipAccount *self,
                                 const char   *display_name)
{
  g_return_if_fail (PA_IS_SIP_ACCOUNT (self));

  if (pa_set_str (&self->display_name, display_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

const char *
pa_sip_account_get_label (PaSipAccount *self)
{
  g_return_val_if_fail (PA_IS_SIP_ACCOUNT (self), NULL);
  return self->label;
}

void
pa_sip_account_set_label (PaSipAccount *self,
                          const char   *label)
{
  g_return_if_fail (PA_IS_SIP_ACCOUNT (self));

  if (pa_set_str (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

const char *
pa_sip_account_get_server (PaSipAccount *self)
{
  g_return_val_if_fail (PA_IS_SIP_ACCOUNT (self), NULL);
  return self->server;
}

void
pa_sip_account_set_server (PaSipAccount *self,
                           const char   *server)
{
  g_return_if_fail (PA_IS_SIP_ACCOUNT (self));

  if (pa_set_str (&self->server, server))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
}

guint
pa_sip_account_get_port (PaSipAccount *self)
{
  g_return_val_if_fail (PA_IS_SIP_ACCOUNT (self), 0);
  return self->port;
}

void
pa_sip_account_set_port (PaSipAccount *self,
                         guint         port)
{
  g_return_if_fail (PA_IS_SIP_ACCOUNT (self));

  if (self->port == port)
    return;
  self->port = port;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PORT]);
}

PaSipTransport
pa_sip_account_get_transport (PaSipAccount *self)
{
  g_return_val_if_fail (PA_IS_SIP_ACCOUNT (self), PA_SIP_TRANSPORT_UDP);
  return self->transport;
}

void
pa_sip_account_set_transport (PaSipAccount   *self,
                              PaSipTransport  transport)
{
  g_return_if_fail (PA_IS_SIP_ACCOUNT (self));

  if (self->transport == transport)
    return;
  self->transport = transport;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRANSPORT]);
}
