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
  GPtrArray      *sip_regions;     /* PaSipRegion; replaced whole, never edited */
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
  PROP_SIP_REGIONS = PA_SETTING_SIP_REGIONS,
  N_PROPS
};

#define REGIONS_MAX 64
#define REGION_NAME_MAX 64

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

void
pa_sip_region_free (PaSipRegion *region)
{
  if (region == NULL)
    return;
  g_free (region->name);
  g_free (region->server);
  g_free (region);
}

static GPtrArray *
regions_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) pa_sip_region_free);
}

static gboolean
region_error (GError     **error,
              PaModelError code,
              guint        index,
              const char  *member,
              const char  *message)
{
  g_autofree char *field = member != NULL ? g_strdup_printf ("sip_regions[%u].%s", index, member)
                                          : g_strdup_printf ("sip_regions[%u]", index);

  pa_set_field_error (error, code, field, "%s", message);
  return FALSE;
}

static gboolean
pa_settings_read_member (PaResource      *resource,
                         const PaMember  *member,
                         JsonNode        *node,
                         PaJsonFlags      flags,
                         GValue          *value,
                         GError         **error)
{
  g_autoptr(GPtrArray) regions = regions_new ();
  JsonArray *array;

  if (member->pspec != properties[PROP_SIP_REGIONS])
    return PA_RESOURCE_CLASS (pa_settings_parent_class)->read_member (resource, member, node, flags,
                                                                      value, error);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "sip_regions",
                          _("Must be a list of regions"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autoptr(PaSipRegion) region = g_new0 (PaSipRegion, 1);
      g_autoptr(GList) names = NULL;
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return region_error (error, PA_MODEL_ERROR_WRONG_TYPE, i, NULL,
                             _("Must be an object with name, server, port and transport"));
      object = json_node_get_object (element);
      region->port = 5060;
      region->transport = PA_SIP_TRANSPORT_UDP;
      names = json_object_get_members (object);
      for (const GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *field = json_object_get_member (object, name);
          gboolean is_string = JSON_NODE_HOLDS_VALUE (field) &&
                               json_node_get_value_type (field) == G_TYPE_STRING;

          if (g_str_equal (name, "name") || g_str_equal (name, "server"))
            {
              if (!is_string)
                return region_error (error, PA_MODEL_ERROR_WRONG_TYPE, i, name,
                                     _("Must be a string"));
              g_free (g_str_equal (name, "name") ? region->name : region->server);
              if (g_str_equal (name, "name"))
                region->name = g_strstrip (json_node_dup_string (field));
              else
                region->server = g_strstrip (json_node_dup_string (field));
            }
          else if (g_str_equal (name, "port"))
            {
              if (!JSON_NODE_HOLDS_VALUE (field) || json_node_get_value_type (field) != G_TYPE_INT64)
                return region_error (error, PA_MODEL_ERROR_WRONG_TYPE, i, name,
                                     _("Must be a number"));
              if (json_node_get_int (field) < 1 || json_node_get_int (field) > 65535)
                return region_error (error, PA_MODEL_ERROR_INVALID, i, name,
                                     _("Must be from 1 to 65535"));
              region->port = (guint) json_node_get_int (field);
            }
          else if (g_str_equal (name, "transport"))
            {
              int transport;

              if (!is_string || !pa_enum_from_nick (PA_TYPE_SIP_TRANSPORT,
                                                    json_node_get_string (field), &transport))
                return region_error (error, PA_MODEL_ERROR_INVALID, i, name,
                                     _("Must be udp, tcp or tls"));
              region->transport = transport;
            }
          else
            return region_error (error, PA_MODEL_ERROR_UNKNOWN_FIELD, i, name,
                                 _("A region has only name, server, port and transport"));
        }
      g_ptr_array_add (regions, g_steal_pointer (&region));
    }
  g_value_take_boxed (value, g_steal_pointer (&regions));
  return TRUE;
}

static void
pa_settings_write_member (PaResource     *resource,
                          const PaMember *member,
                          const GValue   *value,
                          JsonBuilder    *builder)
{
  GPtrArray *regions;

  if (member->pspec != properties[PROP_SIP_REGIONS])
    {
      PA_RESOURCE_CLASS (pa_settings_parent_class)->write_member (resource, member, value, builder);
      return;
    }
  regions = g_value_get_boxed (value);
  json_builder_begin_array (builder);
  for (guint i = 0; regions != NULL && i < regions->len; i++)
    {
      const PaSipRegion *region = g_ptr_array_index (regions, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, region->name);
      json_builder_set_member_name (builder, "server");
      json_builder_add_string_value (builder, region->server);
      json_builder_set_member_name (builder, "port");
      json_builder_add_int_value (builder, region->port);
      json_builder_set_member_name (builder, "transport");
      json_builder_add_string_value (builder, pa_enum_to_nick (PA_TYPE_SIP_TRANSPORT,
                                                               region->transport));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static gboolean
validate_regions (PaSettings  *self,
                  GError     **error)
{
  if (self->sip_regions->len > REGIONS_MAX)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "sip_regions",
                          _("At most %u regions"), REGIONS_MAX);
      return FALSE;
    }
  for (guint i = 0; i < self->sip_regions->len; i++)
    {
      const PaSipRegion *region = g_ptr_array_index (self->sip_regions, i);
      g_autofree char *field = g_strdup_printf ("sip_regions[%u].server", i);

      if (region->name == NULL || *region->name == '\0' ||
          g_utf8_strlen (region->name, -1) > REGION_NAME_MAX)
        return region_error (error, PA_MODEL_ERROR_INVALID, i, "name",
                             _("A region has a name of 1 to 64 characters"));
      for (guint j = 0; j < i; j++)
        if (g_ascii_strcasecmp (((PaSipRegion *) g_ptr_array_index (self->sip_regions, j))->name,
                                region->name) == 0)
          return region_error (error, PA_MODEL_ERROR_INVALID, i, "name",
                               _("Two regions cannot have one name"));
      if (region->server == NULL || *region->server == '\0')
        return region_error (error, PA_MODEL_ERROR_INVALID, i, "server",
                             _("A region names its SIP server"));
      if (!pa_validate_hostname (region->server, field, error))
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
                                 "update_interval", error)
      && validate_regions (self, error);
}

static void
pa_settings_finalize (GObject *object)
{
  PaSettings *self = PA_SETTINGS (object);

  for (guint prop_id = 1; prop_id < N_PROPS; prop_id++)
    if (string_slot (self, prop_id) != NULL)
      g_clear_pointer (string_slot (self, prop_id), g_free);
  g_clear_pointer (&self->sip_regions, g_ptr_array_unref);

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
    case PROP_SIP_REGIONS:
      g_value_set_boxed (value, self->sip_regions);
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
    case PROP_SIP_REGIONS:
      /* Shared, never edited in place: a copy of the settings keeps its own
       * until either is given a new list. */
      g_clear_pointer (&self->sip_regions, g_ptr_array_unref);
      self->sip_regions = g_value_get_boxed (value) != NULL
                          ? g_ptr_array_ref (g_value_get_boxed (value)) : regions_new ();
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
  resource_class->read_member = pa_settings_read_member;
  resource_class->write_member = pa_settings_write_member;

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
  properties[PROP_SIP_REGIONS] =
    g_param_spec_boxed ("sip-regions", NULL, NULL, G_TYPE_PTR_ARRAY, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  for (guint prop_id = 1; prop_id < N_PROPS; prop_id++)
    {
      gboolean text = G_IS_PARAM_SPEC_STRING (properties[prop_id]);

      pa_resource_class_add_member (resource_class, properties[prop_id],
                                    prop_id == PROP_SIP_REGIONS ? PA_MEMBER_CUSTOM
                                    : text ? opt_text : PA_MEMBER_NONE);
    }
}

static void
pa_settings_init (PaSettings *self)
{
  self->sip_port = 5060;
  self->sip_transport = PA_SIP_TRANSPORT_UDP;
  self->update_interval = UPDATE_INTERVAL_DEFAULT;
  self->sip_regions = regions_new ();
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
  if (setting == PA_SETTING_SIP_REGIONS)
    {
      g_autoptr(JsonNode) json = pa_resource_to_json (PA_RESOURCE (self));
      JsonNode *regions = json_object_get_member (json_node_get_object (json), "sip_regions");

      return json_to_string (regions, FALSE);
    }
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

GPtrArray *
pa_settings_get_sip_regions (PaSettings *self)
{
  g_return_val_if_fail (PA_IS_SETTINGS (self), NULL);
  return self->sip_regions;
}

PaSipRegion *
pa_settings_find_sip_region (PaSettings *self,
                             const char *name)
{
  g_return_val_if_fail (PA_IS_SETTINGS (self), NULL);

  for (guint i = 0; name != NULL && i < self->sip_regions->len; i++)
    {
      PaSipRegion *region = g_ptr_array_index (self->sip_regions, i);

      if (g_ascii_strcasecmp (region->name, name) == 0)
        return region;
    }
  return NULL;
}
