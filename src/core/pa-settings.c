/* pa-settings.c — the provisioning server's own settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One resource like the others (JSON codec, revision, If-Match), so the
 * API and the store need nothing of their own for it. Every member is a
 * plain property; reading them goes through the getters.
 */
#define G_LOG_DOMAIN "pa-settings"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pa-settings.h"
#include "pa-resource-private.h"

#define UPDATE_INTERVAL_MIN     5
#define UPDATE_INTERVAL_MAX     43200
#define UPDATE_INTERVAL_DEFAULT 1440

struct _PaSettings
{
  PaResource      parent_instance;

  char           *public_url;
  char           *sip_server;
  guint           sip_port;
  PaSipTransport  sip_transport;
  char           *outbound_proxy;
  char           *timezone;
  char           *ntp_server;
  guint           update_interval;
};

G_DEFINE_FINAL_TYPE (PaSettings, pa_settings, PA_TYPE_RESOURCE)

/* A property per setting, numbered alike. */
enum {
  PROP_0,
  PROP_PUBLIC_URL = PA_SETTING_PUBLIC_URL,
  PROP_SIP_SERVER = PA_SETTING_SIP_SERVER,
  PROP_SIP_PORT = PA_SETTING_SIP_PORT,
  PROP_SIP_TRANSPORT = PA_SETTING_SIP_TRANSPORT,
  PROP_OUTBOUND_PROXY = PA_SETTING_OUTBOUND_PROXY,
  PROP_TIMEZONE = PA_SETTING_TIMEZONE,
  PROP_NTP_SERVER = PA_SETTING_NTP_SERVER,
  PROP_UPDATE_INTERVAL = PA_SETTING_UPDATE_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The string members, by property: one place for get, set and free. */
static char **
string_slot (PaSettings *self,
             guint       prop_id)
{
  switch (prop_id)
    {
    case PROP_PUBLIC_URL:     return &self->public_url;
    case PROP_SIP_SERVER:     return &self->sip_server;
    case PROP_OUTBOUND_PROXY: return &self->outbound_proxy;
    case PROP_TIMEZONE:       return &self->timezone;
    case PROP_NTP_SERVER:     return &self->ntp_server;
    default:                  return NULL;
    }
}

/* Phones are given this URL with "p/<token>/" appended and fetch from it:
 * it must be absolute HTTP(S) with a host, and nothing a phone would
 * mangle (a query, a fragment, user info). */
static gboolean
validate_public_url (const char  *url,
                     GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  if (url == NULL)
    return TRUE;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || (g_strcmp0 (scheme, "http") != 0 && g_strcmp0 (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "public_url",
                          _("Must be an address phones can reach, such as "
                            "http://192.0.2.10:8670/"));
      return FALSE;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL
      || g_uri_get_userinfo (uri) != NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "public_url",
                          _("Must have no user name, query or fragment: setup links "
                            "are made by adding to it"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
pa_settings_validate (PaResource  *resource,
                      PaCatalog   *catalog,
                      GError     **error)
{
  PaSettings *self = PA_SETTINGS (resource);

  if (!PA_RESOURCE_CLASS (pa_settings_parent_class)->validate (resource, catalog, error))
    return FALSE;

  return validate_public_url (self->public_url, error)
      && pa_validate_hostname (self->sip_server, "sip_server", error)
      && pa_validate_uint_range (self->sip_port, 1, 65535, "sip_port", error)
      && pa_validate_hostname (self->outbound_proxy, "outbound_proxy", error)
      && pa_validate_timezone (self->timezone, "timezone", error)
      && pa_validate_hostname (self->ntp_server, "ntp_server", error)
      && pa_validate_uint_range (self->update_interval, UPDATE_INTERVAL_MIN, UPDATE_INTERVAL_MAX,
                                 "update_interval", error);
}

static void
pa_settings_finalize (GObject *object)
{
  PaSettings *self = PA_SETTINGS (object);

  for (guint prop_id = 1; prop_id < N_PROPS; prop_id++)
    if (string_slot (self, prop_id) != NULL)
      g_clear_pointer (string_slot (self, prop_id), g_free);

  G_OBJECT_CLASS (pa_settings_parent_class)->finalize (object);
}

static void
pa_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PaSettings *self = PA_SETTINGS (object);
  char **slot = string_slot (self, prop_id);

  if (slot != NULL)
    {
      g_value_set_string (value, *slot);
      return;
    }
  switch (prop_id)
    {
    case PROP_SIP_PORT:
      g_value_set_uint (value, self->sip_port);
      break;
    case PROP_SIP_TRANSPORT:
      g_value_set_enum (value, self->sip_transport);
      break;
    case PROP_UPDATE_INTERVAL:
      g_value_set_uint (value, self->update_interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PaSettings *self = PA_SETTINGS (object);
  char **slot = string_slot (self, prop_id);

  if (slot != NULL)
    {
      const char *text = g_value_get_string (value);

      /* A base URL without its slash would glue "p/…" onto its last
       * segment. */
      if (prop_id == PROP_PUBLIC_URL && text != NULL && *text != '\0'
          && !g_str_has_suffix (text, "/"))
        {
          g_free (*slot);
          *slot = g_strconcat (text, "/", NULL);
        }
      else if (g_strcmp0 (*slot, text) != 0)
        {
          g_free (*slot);
          *slot = g_strdup (text);
        }
      else
        return;
      g_object_notify_by_pspec (object, pspec);
      return;
    }
  switch (prop_id)
    {
    case PROP_SIP_PORT:
      self->sip_port = g_value_get_uint (value);
      break;
    case PROP_SIP_TRANSPORT:
      self->sip_transport = g_value_get_enum (value);
      break;
    case PROP_UPDATE_INTERVAL:
      self->update_interval = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
pa_settings_class_init (PaSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PaResourceClass *resource_class = PA_RESOURCE_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const PaMemberFlags opt_text = PA_MEMBER_NULLABLE | PA_MEMBER_TRIM;

  object_class->finalize = pa_settings_finalize;
  object_class->get_property = pa_settings_get_property;
  object_class->set_property = pa_settings_set_property;

  resource_class->kind = "settings";
  resource_class->validate = pa_settings_validate;

  properties[PROP_PUBLIC_URL] = g_param_spec_string ("public-url", NULL, NULL, NULL, flags);
  properties[PROP_SIP_SERVER] = g_param_spec_string ("sip-server", NULL, NULL, NULL, flags);
  /* The range is checked by validate(), so a bad value is an error with a
   * field rather than a GLib warning. */
  properties[PROP_SIP_PORT] =
    g_param_spec_uint ("sip-port", NULL, NULL, 0, G_MAXUINT, 5060, flags);
  properties[PROP_SIP_TRANSPORT] =
    g_param_spec_enum ("sip-transport", NULL, NULL, PA_TYPE_SIP_TRANSPORT,
                       PA_SIP_TRANSPORT_UDP, flags);
  properties[PROP_OUTBOUND_PROXY] = g_param_spec_string ("outbound-proxy", NULL, NULL, NULL, flags);
  properties[PROP_TIMEZONE] = g_param_spec_string ("timezone", NULL, NULL, NULL, flags);
  properties[PROP_NTP_SERVER] = g_param_spec_string ("ntp-server", NULL, NULL, NULL, flags);
  properties[PROP_UPDATE_INTERVAL] =
    g_param_spec_uint ("update-interval", NULL, NULL, 0, G_MAXUINT, UPDATE_INTERVAL_DEFAULT,
                       flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  for (guint prop_id = 1; prop_id < N_PROPS; prop_id++)
    {
      gboolean text = G_IS_PARAM_SPEC_STRING (properties[prop_id]);

      pa_resource_class_add_member (resource_class, properties[prop_id],
                                    text ? opt_text : PA_MEMBER_NONE);
    }
}

static void
pa_settings_init (PaSettings *self)
{
  self->sip_port = 5060;
  self->sip_transport = PA_SIP_TRANSPORT_UDP;
  self->update_interval = UPDATE_INTERVAL_DEFAULT;
}

PaSettings *
pa_settings_new (void)
{
  PaSettings *self = g_object_new (PA_TYPE_SETTINGS, NULL);

  pa_resource_set_id (PA_RESOURCE (self), PA_SETTINGS_ID);
  return self;
}

const char *
pa_setting_get_name (PaSettingId setting)
{
  PaResourceClass *klass;
  const PaMember **members;
  guint n = 0;

  g_return_val_if_fail (setting > 0 && setting < PA_N_SETTINGS, NULL);

  klass = g_type_class_ref (PA_TYPE_SETTINGS);
  members = pa_resource_class_list_members (klass, &n);
  for (guint i = 0; i < n; i++)
    if (members[i]->pspec == properties[setting])
      {
        /* The class is static: its members outlive the reference. */
        g_type_class_unref (klass);
        return members[i]->name;
      }
  g_type_class_unref (klass);
  g_return_val_if_reached (NULL);
}

char *
pa_settings_dup_value_text (PaSettings *self,
                            PaSettingId   setting)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_return_val_if_fail (PA_IS_SETTINGS (self), NULL);
  g_return_val_if_fail (setting > 0 && setting < PA_N_SETTINGS, NULL);

  g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (properties[setting]));
  g_object_get_property (G_OBJECT (self), g_param_spec_get_name (properties[setting]), &value);
  if (G_VALUE_HOLDS_STRING (&value))
    return g_strdup (g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "");
  if (G_VALUE_HOLDS_ENUM (&value))
    return g_strdup (pa_enum_to_nick (G_VALUE_TYPE (&value), g_value_get_enum (&value)));
  return g_strdup_printf ("%u", g_value_get_uint (&value));
}

const char *
pa_settings_get_public_url (PaSettings *self)
{
  g_return_val_if_fail (PA_IS_SETTINGS (self), NULL);
  return self->public_url;
}

const char *
pa_settings_get_sip_server (PaSettings *self)
{
  g_return_val_if_fail (PA_IS_SETTINGS (self), NULL);
  return self->sip_server;
}

guint
pa_settings_get_sip_port (PaSettings *self)
{
  g_return_val_if_fail (PA_IS_SETTINGS (self), 5060);
  return self->sip_port;
}

PaSipTransport
pa_settings_get_sip_transport (PaSettings *self)
{
  g_return_val_if_fail (PA_IS_SETTINGS (self), PA_SIP_TRANSPORT_UDP);
  return self->sip_transport;
}

const char *
pa_settings_get_outbound_proxy (PaSettings *self)
{
  g_return_val_if_fail (PA_IS_SETTINGS (self), NULL);
  return self->outbound_proxy;
}

const char *
pa_settings_get_timezone (PaSettings *self)
{
  g_return_val_if_fail (PA_IS_SETTINGS (self), NULL);
  return self->timezone;
}

const char *
pa_settings_get_ntp_server (PaSettings *self)
{
  g_return_val_if_fail (PA_IS_SETTINGS (self), NULL);
  return self->ntp_server;
}

guint
pa_settings_get_update_interval (PaSettings *self)
{
  g_return_val_if_fail (PA_IS_SETTINGS (self), UPDATE_INTERVAL_DEFAULT);
  return self->update_interval;
}
