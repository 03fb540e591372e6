/* pa-profile.c — provisioning defaults applied to many phones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-profile"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pa-catalog.h"
#include "pa-profile.h"
#include "pa-writer.h"
#include "pa-resource-private.h"

#define PA_UPDATE_INTERVAL_MIN 5
#define PA_UPDATE_INTERVAL_MAX 43200   /* 30 days */
#define PA_UPDATE_INTERVAL_DEFAULT 1440
#define PA_CUSTOM_PARAM_NAME_MAX 128
#define PA_CUSTOM_PARAM_VALUE_MAX 1024

struct _PaProfile
{
  PaResource           parent_instance;

  char                *name;
  char                *description;
  PaAdminPasswordMode  admin_password_policy;
  char                *timezone;
  gint64               layout_id;
  char                *ntp_server;
  char                *sip_region;
  guint                update_interval;   /* 0: not set here */
  GHashTable          *custom_params;
  gint64               parent_id;
  /* The lines' SIP media and signalling; NULL: not set here */
  char                *sip_transport;   /* "udp", "tcp", "tls" */
  char                *srtp;            /* "on", "off" */
  char                *dtmf;            /* "rfc2833", "inband", "info" */
  GStrv                codecs;          /* in order of preference */
};

G_DEFINE_FINAL_TYPE (PaProfile, pa_profile, PA_TYPE_RESOURCE)

enum {
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_ADMIN_PASSWORD_POLICY,
  PROP_TIMEZONE,
  PROP_LAYOUT_ID,
  PROP_NTP_SERVER,
  PROP_SIP_REGION,
  PROP_UPDATE_INTERVAL,
  PROP_CUSTOM_PARAMS,
  PROP_PARENT_ID,
  PROP_SIP_TRANSPORT,
  PROP_SRTP,
  PROP_DTMF,
  PROP_CODECS,
  N_PROPS
};

static const char * const transports[] = { "udp", "tcp", "tls", NULL };
static const char * const srtp_modes[] = { "on", "off", NULL };
static const char * const dtmf_modes[] = { "rfc2833", "inband", "info", NULL };
/* What the vendors' writers know how to name. */
static const char * const known_codecs[] = { "PCMU", "PCMA", "G722", "G729", "opus", NULL };
/* What a line offers when no profile up its chain names codecs. */
static const char * const default_codecs[] = { "PCMU", "PCMA", "G722", NULL };

static GParamSpec *properties[N_PROPS];

const char * const *
pa_profile_known_codecs (void)
{
  return known_codecs;
}

const char * const *
pa_profile_default_codecs (void)
{
  return default_codecs;
}

static GHashTable *
params_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
params_equal (GHashTable *a,
              GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;
  guint na = a ? g_hash_table_size (a) : 0;
  guint nb = b ? g_hash_table_size (b) : 0;

  if (na != nb)
    return FALSE;
  if (na == 0)
    return TRUE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_strcmp0 (value, g_hash_table_lookup (b, key)) != 0)
      return FALSE;
  return TRUE;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static GStrv
params_sorted_names (GHashTable *params)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GStrv names;

  keys = g_hash_table_get_keys_as_array (params, &n);
  names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (keys[i]);
  /* Byte order, not the locale's: the output must not depend on LANG. */
  qsort (names, n, sizeof (char *), compare_names);
  return names;
}

/* Inside, one flat table keyed "<vendor>/<name>": neither a vendor id nor
 * a parameter name can hold a '/', and equality, copying and sorting stay
 * those of a table of strings. */
static char *
param_key (const char *vendor,
           const char *name)
{
  return g_strconcat (vendor, "/", name, NULL);
}

static gboolean
pa_profile_read_member (PaResource      *resource,
                        const PaMember  *member,
                        JsonNode        *node,
                        PaJsonFlags      flags,
                        GValue          *value,
                        GError         **error)
{
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GList) vendors = NULL;
  JsonObject *object;

  if (member->pspec == properties[PROP_CODECS])
    return JSON_NODE_HOLDS_NULL (node) || pa_json_read_string_array (node, "codecs", value, error);
  if (member->pspec != properties[PROP_CUSTOM_PARAMS])
    return PA_RESOURCE_CLASS (pa_profile_parent_class)->read_member (resource, member, node, flags,
                                                                     value, error);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, "custom_params",
                          _("Must be an object with one object of strings per vendor"));
      return FALSE;
    }

  params = params_new ();
  object = json_node_get_object (node);
  vendors = json_object_get_members (object);
  for (const GList *v = vendors; v != NULL; v = v->next)
    {
      const char *vendor = v->data;
      JsonNode *inner = json_object_get_member (object, vendor);
      g_autoptr(GList) names = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (inner))
        {
          g_autofree char *field = g_strconcat ("custom_params.", vendor, NULL);
          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, field,
                              _("Must be an object of strings"));
          return FALSE;
        }
      names = json_object_get_members (json_node_get_object (inner));
      for (const GList *l = names; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonNode *element = json_object_get_member (json_node_get_object (inner), name);

          if (strchr (vendor, '/') != NULL || strchr (name, '/') != NULL ||
              !JSON_NODE_HOLDS_VALUE (element) ||
              json_node_get_value_type (element) != G_TYPE_STRING)
            {
              g_autofree char *field = g_strconcat ("custom_params.", vendor, ".", name, NULL);
              pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, field, _("Must be a string"));
              return FALSE;
            }
          g_hash_table_insert (params, param_key (vendor, name), json_node_dup_string (element));
        }
    }

  g_value_take_boxed (value, g_steal_pointer (&params));
  return TRUE;
}

static void
pa_profile_write_member (PaResource     *resource,
                         const PaMember *member,
                         const GValue   *value,
                         JsonBuilder    *builder)
{
  GHashTable *params;
  g_auto(GStrv) keys = NULL;
  g_autofree char *open_vendor = NULL;

  if (member->pspec == properties[PROP_CODECS])
    {
      if (g_value_get_boxed (value) == NULL)
        json_builder_add_null_value (builder);
      else
        pa_json_write_string_array (g_value_get_boxed (value), builder);
      return;
    }
  if (member->pspec != properties[PROP_CUSTOM_PARAMS])
    {
      PA_RESOURCE_CLASS (pa_profile_parent_class)->write_member (resource, member, value, builder);
      return;
    }

  params = g_value_get_boxed (value);
  json_builder_begin_object (builder);
  if (params != NULL)
    {
      /* Sorted keys keep each vendor's names together, in order. */
      keys = params_sorted_names (params);
      for (guint i = 0; keys[i] != NULL; i++)
        {
          const char *slash = strchr (keys[i], '/');
          g_autofree char *vendor = g_strndup (keys[i], slash - keys[i]);

          if (g_strcmp0 (vendor, open_vendor) != 0)
            {
              if (open_vendor != NULL)
                json_builder_end_object (builder);
              json_builder_set_member_name (builder, vendor);
              json_builder_begin_object (builder);
              g_free (open_vendor);
              open_vendor = g_strdup (vendor);
            }
          json_builder_set_member_name (builder, slash + 1);
          json_builder_add_string_value (builder, g_hash_table_lookup (params, keys[i]));
        }
      if (open_vendor != NULL)
        json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

/* Each vendor's writer knows which names its files can carry. */
static gboolean
writer_takes_name (PaCatalog  *catalog,
                   const char *vendor,
                   const char *name)
{
  PaVendor *entry = pa_catalog_get_vendor (catalog, vendor);
  const PaWriter *writer = entry != NULL ? pa_writer_lookup (pa_vendor_get_writer (entry)) : NULL;

  return writer == NULL || writer->custom_name_ok == NULL || writer->custom_name_ok (name);
}

static gboolean
validate_custom_params (PaProfile  *self,
                        PaCatalog  *catalog,
                        GError    **error)
{
  g_auto(GStrv) keys = params_sorted_names (self->custom_params);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *slash = strchr (keys[i], '/');
      g_autofree char *vendor = g_strndup (keys[i], slash - keys[i]);
      const char *name = slash + 1;
      const char *value = g_hash_table_lookup (self->custom_params, keys[i]);
      g_autofree char *field = g_strconcat ("custom_params.", vendor, ".", name, NULL);
      gsize len = strlen (name);

      /* Parameters go to one vendor's files only: a Yealink setting in a
       * Poly file is at best noise. */
      if (catalog != NULL && pa_catalog_get_vendor (catalog, vendor) == NULL)
        {
          g_autofree char *vendor_field = g_strconcat ("custom_params.", vendor, NULL);
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, vendor_field,
                              _("“%s” is not a vendor; parameters are grouped by vendor, "
                                "such as “yealink”"), vendor);
          return FALSE;
        }
      if (len == 0 || len > PA_CUSTOM_PARAM_NAME_MAX)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                              _("A parameter name has 1 to %u characters"),
                              PA_CUSTOM_PARAM_NAME_MAX);
          return FALSE;
        }
      for (gsize j = 0; j < len; j++)
        if (!g_ascii_isalnum (name[j]) && strchr ("_.-[]", name[j]) == NULL)
          {
            pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                                _("A parameter name has only letters, digits, "
                                  "“_”, “.”, “-”, “[” and “]”"));
            return FALSE;
          }

      /* The value lands in a vendor file as-is: a line break would let it
       * write a second setting. */
      if (value == NULL || strpbrk (value, "\r\n") != NULL
          || strlen (value) > PA_CUSTOM_PARAM_VALUE_MAX)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                              _("A parameter value is one line of at most %u bytes"),
                              PA_CUSTOM_PARAM_VALUE_MAX);
          return FALSE;
        }
      if (catalog != NULL && !writer_takes_name (catalog, vendor, name))
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                              _("A %s configuration file cannot carry a parameter "
                                "named “%s”"),
                              pa_vendor_get_name (pa_catalog_get_vendor (catalog, vendor)), name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate_one_of (const char          *value,
                 const char * const  *allowed,
                 const char          *field,
                 GError             **error)
{
  g_autofree char *list = NULL;

  if (value == NULL || g_strv_contains (allowed, value))
    return TRUE;
  list = g_strjoinv (", ", (char **) allowed);
  /* Translators: the second %s lists the values, "udp, tcp, tls" */
  pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field, _("“%s” is not one of %s"), value,
                      list);
  return FALSE;
}

static gboolean
validate_codecs (const char * const  *codecs,
                 GError             **error)
{
  guint n = codecs != NULL ? g_strv_length ((char **) codecs) : 0;

  if (codecs != NULL && n == 0)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "codecs",
                          _("Name at least one codec, or none to inherit them"));
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *field = g_strdup_printf ("codecs[%u]", i);

      if (!validate_one_of (codecs[i], known_codecs, field, error))
        return FALSE;
      for (guint j = 0; j < i; j++)
        if (g_str_equal (codecs[i], codecs[j]))
          {
            pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field, _("%s is named twice"),
                                codecs[i]);
            return FALSE;
          }
    }
  return TRUE;
}

static gboolean
pa_profile_validate (PaResource  *resource,
                     PaCatalog   *catalog,
                     GError     **error)
{
  PaProfile *self = PA_PROFILE (resource);

  if (!PA_RESOURCE_CLASS (pa_profile_parent_class)->validate (resource, catalog, error))
    return FALSE;

  return pa_validate_name_and_description (self->name, self->description, error)
      && pa_validate_timezone (self->timezone, "timezone", error)
      && pa_validate_hostname (self->ntp_server, "ntp_server", error)
      && (self->update_interval == 0 ||
          pa_validate_uint_range (self->update_interval,
                                  PA_UPDATE_INTERVAL_MIN, PA_UPDATE_INTERVAL_MAX,
                                  "update_interval", error))
      && validate_custom_params (self, catalog, error)
      && validate_one_of (self->sip_transport, transports, "sip_transport", error)
      && validate_one_of (self->srtp, srtp_modes, "srtp", error)
      && validate_one_of (self->dtmf, dtmf_modes, "dtmf", error)
      && validate_codecs ((const char * const *) self->codecs, error);
}

static void
pa_profile_finalize (GObject *object)
{
  PaProfile *self = PA_PROFILE (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->ntp_server, g_free);
  g_clear_pointer (&self->sip_region, g_free);
  g_clear_pointer (&self->custom_params, g_hash_table_unref);
  g_clear_pointer (&self->sip_transport, g_free);
  g_clear_pointer (&self->srtp, g_free);
  g_clear_pointer (&self->dtmf, g_free);
  g_clear_pointer (&self->codecs, g_strfreev);

  G_OBJECT_CLASS (pa_profile_parent_class)->finalize (object);
}

static void
pa_profile_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PaProfile *self = PA_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ADMIN_PASSWORD_POLICY:
      g_value_set_enum (value, self->admin_password_policy);
      break;
    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;
    case PROP_LAYOUT_ID:
      g_value_set_int64 (value, self->layout_id);
      break;
    case PROP_NTP_SERVER:
      g_value_set_string (value, self->ntp_server);
      break;
    case PROP_SIP_REGION:
      g_value_set_string (value, self->sip_region);
      break;
    case PROP_UPDATE_INTERVAL:
      g_value_set_uint (value, self->update_interval);
      break;
    case PROP_CUSTOM_PARAMS:
      g_value_set_boxed (value, self->custom_params);
      break;
    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->parent_id);
      break;
    case PROP_SIP_TRANSPORT:
      g_value_set_string (value, self->sip_transport);
      break;
    case PROP_SRTP:
      g_value_set_string (value, self->srtp);
      break;
    case PROP_DTMF:
      g_value_set_string (value, self->dtmf);
      break;
    case PROP_CODECS:
      g_value_set_boxed (value, self->codecs);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_text (PaProfile   *self,
          char       **field,
          const char  *value,
          guint        prop)
{
  if (pa_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
pa_profile_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PaProfile *self = PA_PROFILE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      pa_profile_set_name (self, g_value_get_string (value));
      break;
    case PROP_DESCRIPTION:
      pa_profile_set_description (self, g_value_get_string (value));
      break;
    case PROP_ADMIN_PASSWORD_POLICY:
      pa_profile_set_admin_password_policy (self, g_value_get_enum (value));
      break;
    case PROP_TIMEZONE:
      pa_profile_set_timezone (self, g_value_get_string (value));
      break;
    case PROP_LAYOUT_ID:
      pa_profile_set_layout_id (self, g_value_get_int64 (value));
      break;
    case PROP_NTP_SERVER:
      pa_profile_set_ntp_server (self, g_value_get_string (value));
      break;
    case PROP_SIP_REGION:
      pa_profile_set_sip_region (self, g_value_get_string (value));
      break;
    case PROP_UPDATE_INTERVAL:
      pa_profile_set_update_interval (self, g_value_get_uint (value));
      break;
    case PROP_CUSTOM_PARAMS:
      pa_profile_set_custom_params (self, g_value_get_boxed (value));
      break;
    case PROP_PARENT_ID:
      pa_profile_set_parent_id (self, g_value_get_int64 (value));
      break;
    case PROP_SIP_TRANSPORT:
      set_text (self, &self->sip_transport, g_value_get_string (value), PROP_SIP_TRANSPORT);
      break;
    case PROP_SRTP:
      set_text (self, &self->srtp, g_value_get_string (value), PROP_SRTP);
      break;
    case PROP_DTMF:
      set_text (self, &self->dtmf, g_value_get_string (value), PROP_DTMF);
      break;
    case PROP_CODECS:
      pa_profile_set_codecs (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_profile_class_init (PaProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  PaResourceClass *resource_class = PA_RESOURCE_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  const PaMemberFlags opt_text = PA_MEMBER_NULLABLE | PA_MEMBER_TRIM;

  object_class->finalize = pa_profile_finalize;
  object_class->get_property = pa_profile_get_property;
  object_class->set_property = pa_profile_set_property;

  resource_class->kind = "profile";
  resource_class->validate = pa_profile_validate;
  resource_class->read_member = pa_profile_read_member;
  resource_class->write_member = pa_profile_write_member;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_ADMIN_PASSWORD_POLICY] =
    g_param_spec_enum ("admin-password-policy", NULL, NULL,
                       PA_TYPE_ADMIN_PASSWORD_MODE, PA_ADMIN_PASSWORD_NONE, flags);
  properties[PROP_TIMEZONE] = g_param_spec_string ("timezone", NULL, NULL, NULL, flags);
  properties[PROP_LAYOUT_ID] =
    g_param_spec_int64 ("layout-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NTP_SERVER] = g_param_spec_string ("ntp-server", NULL, NULL, NULL, flags);
  properties[PROP_SIP_REGION] = g_param_spec_string ("sip-region", NULL, NULL, NULL, flags);
  properties[PROP_UPDATE_INTERVAL] =
    g_param_spec_uint ("update-interval", NULL, NULL,
                       0, PA_UPDATE_INTERVAL_MAX, PA_UPDATE_INTERVAL_DEFAULT, flags);
  properties[PROP_CUSTOM_PARAMS] =
    g_param_spec_boxed ("custom-params", NULL, NULL, G_TYPE_HASH_TABLE, flags);
  properties[PROP_PARENT_ID] =
    g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_SIP_TRANSPORT] = g_param_spec_string ("sip-transport", NULL, NULL, NULL, flags);
  properties[PROP_SRTP] = g_param_spec_string ("srtp", NULL, NULL, NULL, flags);
  properties[PROP_DTMF] = g_param_spec_string ("dtmf", NULL, NULL, NULL, flags);
  properties[PROP_CODECS] = g_param_spec_boxed ("codecs", NULL, NULL, G_TYPE_STRV, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  pa_resource_class_add_member (resource_class, properties[PROP_NAME], PA_MEMBER_TRIM);
  pa_resource_class_add_member (resource_class, properties[PROP_DESCRIPTION], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_ADMIN_PASSWORD_POLICY],
                                PA_MEMBER_NONE);
  pa_resource_class_add_member (resource_class, properties[PROP_TIMEZONE], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_LAYOUT_ID], PA_MEMBER_ZERO_IS_NULL);
  pa_resource_class_add_member (resource_class, properties[PROP_NTP_SERVER], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_SIP_REGION], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_UPDATE_INTERVAL],
                                PA_MEMBER_ZERO_IS_NULL);
  pa_resource_class_add_member (resource_class, properties[PROP_CUSTOM_PARAMS], PA_MEMBER_CUSTOM);
  pa_resource_class_add_member (resource_class, properties[PROP_PARENT_ID], PA_MEMBER_ZERO_IS_NULL);
  pa_resource_class_add_member (resource_class, properties[PROP_SIP_TRANSPORT], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_SRTP], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_DTMF], opt_text);
  pa_resource_class_add_member (resource_class, properties[PROP_CODECS], PA_MEMBER_CUSTOM);
}

static void
pa_profile_init (PaProfile *self)
{
  self->name = g_strdup ("");
  self->admin_password_policy = PA_ADMIN_PASSWORD_NONE;
  self->update_interval = PA_UPDATE_INTERVAL_DEFAULT;
  self->custom_params = params_new ();
}

PaProfile *
pa_profile_new (void)
{
  return g_object_new (PA_TYPE_PROFILE, NULL);
}

const char *
pa_profile_get_name (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  return self->name;
}

void
pa_profile_set_name (PaProfile  *self,
                     const char *name)
{
  g_return_if_fail (PA_IS_PROFILE (self));

  if (pa_set_str (&self->name, name ? name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
pa_profile_get_description (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  return self->description;
}

void
pa_profile_set_description (PaProfile  *self,
                            const char *description)
{
  g_return_if_fail (PA_IS_PROFILE (self));

  if (pa_set_str (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCRIPTION]);
}

PaAdminPasswordMode
pa_profile_get_admin_password_policy (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), PA_ADMIN_PASSWORD_NONE);
  return self->admin_password_policy;
}

void
pa_profile_set_admin_password_policy (PaProfile           *self,
                                      PaAdminPasswordMode  policy)
{
  g_return_if_fail (PA_IS_PROFILE (self));

  if (self->admin_password_policy == policy)
    return;
  self->admin_password_policy = policy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADMIN_PASSWORD_POLICY]);
}

const char *
pa_profile_get_timezone (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  return self->timezone;
}

void
pa_profile_set_timezone (PaProfile  *self,
                         const char *timezone)
{
  g_return_if_fail (PA_IS_PROFILE (self));

  if (pa_set_str (&self->timezone, timezone))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEZONE]);
}

gint64
pa_profile_get_layout_id (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), 0);
  return self->layout_id;
}

void
pa_profile_set_layout_id (PaProfile *self,
                          gint64     layout_id)
{
  g_return_if_fail (PA_IS_PROFILE (self));
  g_return_if_fail (layout_id >= 0);

  if (self->layout_id == layout_id)
    return;
  self->layout_id = layout_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT_ID]);
}

gint64
pa_profile_get_parent_id (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), 0);
  return self->parent_id;
}

void
pa_profile_set_parent_id (PaProfile *self,
                          gint64     parent_id)
{
  g_return_if_fail (PA_IS_PROFILE (self));
  g_return_if_fail (parent_id >= 0);

  if (self->parent_id == parent_id)
    return;
  self->parent_id = parent_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_ID]);
}

static const char *
first_string (GPtrArray   *chain,
              const char *(*get) (PaProfile *))
{
  for (guint i = 0; i < chain->len; i++)
    if (get (g_ptr_array_index (chain, i)) != NULL)
      return get (g_ptr_array_index (chain, i));
  return NULL;
}

PaProfile *
pa_profile_flatten (GPtrArray *chain)
{
  PaProfile *flat;
  PaProfile *nearest;

  g_return_val_if_fail (chain != NULL && chain->len > 0, NULL);

  nearest = g_ptr_array_index (chain, 0);
  flat = PA_PROFILE (pa_resource_copy (PA_RESOURCE (nearest)));
  pa_profile_set_parent_id (flat, 0);
  pa_profile_set_timezone (flat, first_string (chain, pa_profile_get_timezone));
  pa_profile_set_ntp_server (flat, first_string (chain, pa_profile_get_ntp_server));
  pa_profile_set_sip_region (flat, first_string (chain, pa_profile_get_sip_region));
  pa_profile_set_sip_transport (flat, first_string (chain, pa_profile_get_sip_transport));
  pa_profile_set_srtp (flat, first_string (chain, pa_profile_get_srtp));
  pa_profile_set_dtmf (flat, first_string (chain, pa_profile_get_dtmf));
  for (guint i = 0; i < chain->len && flat->codecs == NULL; i++)
    pa_profile_set_codecs (flat, pa_profile_get_codecs (g_ptr_array_index (chain, i)));
  for (guint i = 0; i < chain->len; i++)
    {
      PaProfile *profile = g_ptr_array_index (chain, i);

      if (flat->layout_id == 0)
        pa_profile_set_layout_id (flat, profile->layout_id);
      /* "none" is what a profile says when it says nothing. */
      if (flat->admin_password_policy == PA_ADMIN_PASSWORD_NONE)
        pa_profile_set_admin_password_policy (flat, profile->admin_password_policy);
      if (flat->update_interval == 0)
        pa_profile_set_update_interval (flat, profile->update_interval);
    }
  /* Parameters: the farthest first, each nearer one over them. */
  {
    g_autoptr(GHashTable) params = params_new ();

    for (guint i = chain->len; i-- > 0;)
      {
        PaProfile *profile = g_ptr_array_index (chain, i);
        GHashTableIter iter;
        gpointer key, value;

        g_hash_table_iter_init (&iter, profile->custom_params);
        while (g_hash_table_iter_next (&iter, &key, &value))
          g_hash_table_replace (params, g_strdup (key), g_strdup (value));
      }
    pa_profile_set_custom_params (flat, params);
  }
  return flat;
}

const char *
pa_profile_get_ntp_server (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  return self->ntp_server;
}

void
pa_profile_set_ntp_server (PaProfile  *self,
                           const char *ntp_server)
{
  g_return_if_fail (PA_IS_PROFILE (self));

  if (pa_set_str (&self->ntp_server, ntp_server))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NTP_SERVER]);
}

const char *
pa_profile_get_sip_region (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  return self->sip_region;
}

void
pa_profile_set_sip_region (PaProfile  *self,
                           const char *sip_region)
{
  g_return_if_fail (PA_IS_PROFILE (self));

  if (pa_set_str (&self->sip_region, sip_region))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIP_REGION]);
}

guint
pa_profile_get_update_interval (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), 0);
  return self->update_interval;
}

void
pa_profile_set_update_interval (PaProfile *self,
                                guint      minutes)
{
  g_return_if_fail (PA_IS_PROFILE (self));

  if (self->update_interval == minutes)
    return;
  self->update_interval = minutes;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATE_INTERVAL]);
}

GHashTable *
pa_profile_get_custom_params (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  return self->custom_params;
}

void
pa_profile_set_custom_params (PaProfile  *self,
                              GHashTable *params)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (PA_IS_PROFILE (self));

  if (params_equal (self->custom_params, params))
    return;

  g_clear_pointer (&self->custom_params, g_hash_table_unref);
  self->custom_params = params_new ();
  if (params != NULL)
    {
      g_hash_table_iter_init (&iter, params);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_insert (self->custom_params, g_strdup (key), g_strdup (value));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOM_PARAMS]);
}

const char *
pa_profile_get_custom_param (PaProfile  *self,
                             const char *vendor,
                             const char *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  g_return_val_if_fail (vendor != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  key = param_key (vendor, name);
  return g_hash_table_lookup (self->custom_params, key);
}

void
pa_profile_set_custom_param (PaProfile  *self,
                             const char *vendor,
                             const char *name,
                             const char *value)
{
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *key = NULL;
  GHashTableIter iter;
  gpointer k, v;

  g_return_if_fail (PA_IS_PROFILE (self));
  g_return_if_fail (vendor != NULL);
  g_return_if_fail (name != NULL);

  key = param_key (vendor, name);
  if (g_strcmp0 (g_hash_table_lookup (self->custom_params, key), value) == 0)
    return;

  /* Through the whole-table setter, so a table handed out before stays as
   * it was, like the other collection members. */
  params = params_new ();
  g_hash_table_iter_init (&iter, self->custom_params);
  while (g_hash_table_iter_next (&iter, &k, &v))
    g_hash_table_insert (params, g_strdup (k), g_strdup (v));
  if (value != NULL)
    g_hash_table_insert (params, g_steal_pointer (&key), g_strdup (value));
  else
    g_hash_table_remove (params, key);

  pa_profile_set_custom_params (self, params);
}

GStrv
pa_profile_dup_custom_param_names (PaProfile  *self,
                                   const char *vendor)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) keys = NULL;
  g_autofree char *prefix = NULL;

  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  g_return_val_if_fail (vendor != NULL, NULL);

  prefix = param_key (vendor, "");
  keys = params_sorted_names (self->custom_params);
  for (guint i = 0; keys[i] != NULL; i++)
    if (g_str_has_prefix (keys[i], prefix))
      g_strv_builder_add (builder, keys[i] + strlen (prefix));
  return g_strv_builder_end (builder);
}

const char *
pa_profile_get_sip_transport (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  return self->sip_transport;
}

void
pa_profile_set_sip_transport (PaProfile  *self,
                              const char *transport)
{
  g_return_if_fail (PA_IS_PROFILE (self));
  set_text (self, &self->sip_transport, transport, PROP_SIP_TRANSPORT);
}

const char *
pa_profile_get_srtp (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  return self->srtp;
}

void
pa_profile_set_srtp (PaProfile  *self,
                     const char *srtp)
{
  g_return_if_fail (PA_IS_PROFILE (self));
  set_text (self, &self->srtp, srtp, PROP_SRTP);
}

const char *
pa_profile_get_dtmf (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  return self->dtmf;
}

void
pa_profile_set_dtmf (PaProfile  *self,
                     const char *dtmf)
{
  g_return_if_fail (PA_IS_PROFILE (self));
  set_text (self, &self->dtmf, dtmf, PROP_DTMF);
}

const char * const *
pa_profile_get_codecs (PaProfile *self)
{
  g_return_val_if_fail (PA_IS_PROFILE (self), NULL);
  return (const char * const *) self->codecs;
}

void
pa_profile_set_codecs (PaProfile          *self,
                       const char * const *codecs)
{
  g_return_if_fail (PA_IS_PROFILE (self));

  if (self->codecs == NULL && codecs == NULL)
    return;
  if (self->codecs != NULL && codecs != NULL &&
      g_strv_equal ((const char * const *) self->codecs, codecs))
    return;
  g_strfreev (self->codecs);
  self->codecs = g_strdupv ((char **) codecs);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODECS]);
}
