/* pa-agent.c — a person who owns SIP accounts and phones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-agent"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-agent.h"
#include "pa-resource-private.h"

#define PA_AGENT_EXTENSION_MAX 15
#define PA_EMAIL_MAX 254

struct _PaAgent
{
  PaResource      parent_instance;

  char           *name;
  char           *extension;
  char           *email;
  PaAgentRouting  routing;
};

G_DEFINE_FINAL_TYPE (PaAgent, pa_agent, PA_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_EXTENSION,
  PROP_EMAIL,
  PROP_ROUTING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

GType
pa_agent_routing_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { PA_AGENT_ROUTING_SOFTPHONE, "PA_AGENT_ROUTING_SOFTPHONE", "softphone" },
        { PA_AGENT_ROUTING_HARDWARE, "PA_AGENT_ROUTING_HARDWARE", "hardware" },
        { 0, NULL, NULL }
      };
      GType id = g_enum_register_static (g_intern_static_string ("PaAgentRouting"), values);
      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

static gboolean
validate_email (const char  *email,
                GError     **error)
{
  const char *at;
  const char *domain;

  if (email == NULL)
    return TRUE;

  at = strchr (email, '@');
  domain = at ? at + 1 : NULL;

  if (strlen (email) > PA_EMAIL_MAX
      || at == NULL || at == email
      || strchr (domain, '@') != NULL
      || strchr (domain, '.') == NULL
      || domain[0] == '.' || email[strlen (email) - 1] == '.')
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "email",
                          _("“%s” is not an e-mail address"), email);
      return FALSE;
    }

  for (const char *p = email; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      {
        pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "email",
                            _("An e-mail address cannot contain spaces"));
        return FALSE;
      }

  return TRUE;
}

static gboolean
pa_agent_validate (PaResource  *resource,
                   PaCatalog   *catalog,
                   GError     **error)
{
  PaAgent *self = PA_AGENT (resource);
  gsize len;

  if (!PA_RESOURCE_CLASS (pa_agent_parent_class)->validate (resource, catalog, error))
    return FALSE;

  if (!pa_validate_name (self->name, "name", TRUE, 128, error))
    return FALSE;

  len = strlen (self->extension);
  if (len == 0)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "extension", _("Must not be empty"));
      return FALSE;
    }
  if (len > PA_AGENT_EXTENSION_MAX)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "extension",
                          _("An extension has at most %u digits"), PA_AGENT_EXTENSION_MAX);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (self->extension[i]))
      {
        pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "extension",
                            _("An extension has only digits; “%c” at position %u is not one"),
                            self->extension[i], (guint) (i + 1));
        return FALSE;
      }

  if (!validate_email (self->email, error))
    return FALSE;

  return TRUE;
}

static void
pa_agent_finalize (GObject *object)
{
  PaAgent *self = PA_AGENT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->extension, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (pa_agent_parent_class)->finalize (object);
}

static void
pa_agent_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PaAgent *self = PA_AGENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_EXTENSION:
      g_value_set_string (value, self->extension);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_ROUTING:
      g_value_set_enum (value, self->routing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_agent_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  PaAgent *self = PA_AGENT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pa_agent_set_name (self, g_value_get_string (value));
      break;
    case PROP_EXTENSION:
      pa_agent_set_extension (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      pa_agent_set_email (self, g_value_get_string (value));
      break;
    case PROP_ROUTING:
      pa_agent_set_routing (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_agent_class_init (PaAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PaResourceClass *resource_class = PA_RESOURCE_CLASS (klass);

  object_class->finalize = pa_agent_finalize;
  object_class->get_property = pa_agent_get_property;
  object_class->set_property = pa_agent_set_property;

  resource_class->kind = "agent";
  resource_class->validate = pa_agent_validate;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXTENSION] =
    g_param_spec_string ("extension", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROUTING] =
    g_param_spec_enum ("routing", NULL, NULL,
                       PA_TYPE_AGENT_ROUTING, PA_AGENT_ROUTING_SOFTPHONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  pa_resource_class_add_member (resource_class, properties[PROP_NAME], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_EXTENSION], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_EMAIL],
                                PA_MEMBER_NULLABLE | PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_ROUTING], PA_MEMBER_NONE);
}

static void
pa_agent_init (PaAgent *self)
{
  self->name = g_strdup ("");
  self->extension = g_strdup ("");
  self->routing = PA_AGENT_ROUTING_SOFTPHONE;
}

PaAgent *
pa_agent_new (void)
{
  return g_object_new (PA_TYPE_AGENT, NULL);
}

const char *
pa_agent_get_name (PaAgent *self)
{
  g_return_val_if_fail (PA_IS_AGENT (self), NULL);
  return self->name;
}

void
pa_agent_set_name (PaAgent    *self,
                   const char *name)
{
  g_return_if_fail (PA_IS_AGENT (self));

  if (pa_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pa_agent_get_extension (PaAgent *self)
{
  g_return_val_if_fail (PA_IS_AGENT (self), NULL);
  return self->extension;
}

void
pa_agent_set_extension (PaAgent    *self,
                        const char *extension)
{
  g_return_if_fail (PA_IS_AGENT (self));

  if (pa_set_str (&self->extension, extension ? extension : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTENSION]);
}

const char *
pa_agent_get_email (PaAgent *self)
{
  g_return_val_if_fail (PA_IS_AGENT (self), NULL);
  return self->email;
}

void
pa_agent_set_email (PaAgent    *self,
                    const char *email)
{
  g_return_if_fail (PA_IS_AGENT (self));

  if (pa_set_str (&self->email, email))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

PaAgentRouting
pa_agent_get_routing (PaAgent *self)
{
  g_return_val_if_fail (PA_IS_AGENT (self), PA_AGENT_ROUTING_SOFTPHONE);
  return self->routing;
}

void
pa_agent_set_routing (PaAgent        *self,
                      PaAgentRouting  routing)
{
  g_return_if_fail (PA_IS_AGENT (self));

  if (self->routing == routing)
    return;
  self->routing = routing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROUTING]);
}
