/* pa-vendor.c — a phone vendor from the device catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-catalog"

#include "config.h"

#include <string.h>

#include "pa-catalog-private.h"

struct _PaVendor
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *config_format;
  char       *writer;      /* the PaWriter that renders its files */
  char      **ouis;
  GHashTable *key_codes;   /* key type name → code */
  char      **guessed;
  char       *note;
  char       *resync_event;  /* the Event of a resync NOTIFY, nullable */
  char       *reboot_event;  /* and of a reboot NOTIFY */
};

G_DEFINE_FINAL_TYPE (PaVendor, pa_vendor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_CONFIG_FORMAT,
  PROP_OUIS,
  PROP_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pa_vendor_finalize (GObject *object)
{
  PaVendor *self = PA_VENDOR (object);

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->config_format, g_free);
  g_clear_pointer (&self->writer, g_free);
  g_clear_pointer (&self->ouis, g_strfreev);
  g_clear_pointer (&self->key_codes, g_hash_table_unref);
  g_clear_pointer (&self->guessed, g_strfreev);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->resync_event, g_free);
  g_clear_pointer (&self->reboot_event, g_free);

  G_OBJECT_CLASS (pa_vendor_parent_class)->finalize (object);
}

static void
pa_vendor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PaVendor *self = PA_VENDOR (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CONFIG_FORMAT:
      g_value_set_string (value, self->config_format);
      break;
    case PROP_OUIS:
      g_value_set_boxed (value, self->ouis);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_vendor_class_init (PaVendorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pa_vendor_finalize;
  object_class->get_property = pa_vendor_get_property;

  properties[PROP_ID] = pa_catalog_string_pspec ("id");
  properties[PROP_NAME] = pa_catalog_string_pspec ("name");
  properties[PROP_CONFIG_FORMAT] = pa_catalog_string_pspec ("config-format");
  properties[PROP_OUIS] =
    g_param_spec_boxed ("ouis", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTE] = pa_catalog_string_pspec ("note");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pa_vendor_init (PaVendor *self)
{
  self->key_codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* "80:5E:C0": upper case, so lookups can compare the prefix of a
 * normalised MAC byte for byte. */
static gboolean
oui_is_valid (const char *oui)
{
  if (strlen (oui) != 8 || oui[2] != ':' || oui[5] != ':')
    return FALSE;

  for (guint i = 0; i < 8; i++)
    {
      if (i == 2 || i == 5)
        continue;
      if (!g_ascii_isdigit (oui[i]) && !(oui[i] >= 'A' && oui[i] <= 'F'))
        return FALSE;
    }
  /* A vendor prefix with the group bit set can never start a phone's MAC. */
  return (g_ascii_xdigit_value (oui[1]) & 0x1) == 0;
}

/* "sip_events": {"resync": "<Event>", "reboot": "<Event>", "note": "…"}:
 * what a NOTIFY that makes the phone fetch its files again (or reboot)
 * carries in its Event header. Optional: without it provd cannot push. */
static gboolean
read_sip_events (PaVendor    *self,
                 JsonObject  *object,
                 const char  *where,
                 GError     **error)
{
  static const char * const members[] = { "resync", "reboot", "note", NULL };
  g_autofree char *events_where = g_strdup_printf ("%s sip_events", where);
  GError *local_error = NULL;
  JsonObject *events;
  const char *resync, *reboot, *note;

  events = pa_catalog_json_get_object (object, where, "sip_events", FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (events == NULL)
    return TRUE;

  if (!pa_catalog_json_check_members (events, events_where, members, error)
      || !(resync = pa_catalog_json_get_string (events, events_where, "resync", TRUE, error))
      || !(reboot = pa_catalog_json_get_string (events, events_where, "reboot", TRUE, error))
      || !pa_catalog_json_get_optional_string (events, events_where, "note", &note, error))
    return FALSE;
  /* It goes into a header line as it is. */
  if (strpbrk (resync, "\r\n") != NULL || strpbrk (reboot, "\r\n") != NULL)
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: an event must be one line", events_where);
      return FALSE;
    }
  self->resync_event = g_strdup (resync);
  self->reboot_event = g_strdup (reboot);
  return TRUE;
}

PaVendor *
pa_vendor_new_from_json (JsonObject *object,
                         const char *where,
                         GError    **error)
{
  static const char * const members[] = {
    "id", "name", "config_format", "writer", "ouis", "key_codes", "guessed", "note",
    "sip_events", NULL
  };
  static const char * const guessable[] = { "ouis", "key_codes", "sip_events", NULL };
  g_autoptr(PaVendor) self = NULL;
  JsonObject *codes;
  JsonObjectIter iter;
  const char *type_name;
  JsonNode *code_node;
  const char *value;

  if (!pa_catalog_json_check_members (object, where, members, error))
    return NULL;

  self = g_object_new (PA_TYPE_VENDOR, NULL);

  if (!(value = pa_catalog_json_get_id (object, where, error)))
    return NULL;
  self->id = g_strdup (value);

  if (!(value = pa_catalog_json_get_string (object, where, "name", TRUE, error)))
    return NULL;
  self->name = g_strdup (value);

  if (!(value = pa_catalog_json_get_string (object, where, "config_format", TRUE, error))
      || !pa_catalog_check_config_format (value, where, error))
    return NULL;
  self->config_format = g_strdup (value);

  /* "cfg" cannot tell Yealink's format from Fanvil's: the writer is named. */
  if (!(value = pa_catalog_json_get_string (object, where, "writer", TRUE, error)))
    return NULL;
  if (!pa_catalog_id_is_valid (value))
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: writer \"%s\" must be lower-case letters, digits and '-'", where, value);
      return NULL;
    }
  self->writer = g_strdup (value);

  if (!(self->ouis = pa_catalog_json_get_strv (object, where, "ouis", TRUE, error)))
    return NULL;
  for (guint i = 0; self->ouis[i] != NULL; i++)
    {
      if (!oui_is_valid (self->ouis[i]))
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                       "%s: ouis[%u] \"%s\" is not an OUI like \"80:5E:C0\" (upper case, "
                       "colons, group bit clear)",
                       where, i, self->ouis[i]);
          return NULL;
        }
    }

  if (!(codes = pa_catalog_json_get_object (object, where, "key_codes", TRUE, error)))
    return NULL;
  json_object_iter_init_ordered (&iter, codes);
  while (json_object_iter_next_ordered (&iter, &type_name, &code_node))
    {
      if (!pa_key_type_is_known (type_name))
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                       "%s: key_codes has \"%s\", which is not a key type", where, type_name);
          return NULL;
        }
      /* Codes are strings even when numeric: Yealink's 15 and Snom's
       * "blf" travel through the same renderer path. */
      if (!JSON_NODE_HOLDS_VALUE (code_node)
          || json_node_get_value_type (code_node) != G_TYPE_STRING
          || *json_node_get_string (code_node) == '\0')
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_WRONG_TYPE,
                       "%s: key_codes.%s must be a non-empty string", where, type_name);
          return NULL;
        }
      g_hash_table_insert (self->key_codes, g_strdup (type_name),
                           g_strdup (json_node_get_string (code_node)));
    }

  if (!(self->guessed = pa_catalog_json_get_guessed (object, where, guessable, error)))
    return NULL;
  for (guint i = 0; self->guessed[i] != NULL; i++)
    {
      const char *field = self->guessed[i];

      if (g_str_has_prefix (field, "key_codes.")
          && !g_hash_table_contains (self->key_codes, field + strlen ("key_codes.")))
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                       "%s: guessed names \"%s\", but key_codes has no such code", where, field);
          return NULL;
        }
    }

  if (!pa_catalog_json_get_optional_string (object, where, "note", &value, error))
    return NULL;
  self->note = g_strdup (value);

  if (!read_sip_events (self, object, where, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
pa_vendor_get_id (PaVendor *self)
{
  g_return_val_if_fail (PA_IS_VENDOR (self), NULL);
  return self->id;
}

const char *
pa_vendor_get_name (PaVendor *self)
{
  g_return_val_if_fail (PA_IS_VENDOR (self), NULL);
  return self->name;
}

const char *
pa_vendor_get_config_format (PaVendor *self)
{
  g_return_val_if_fail (PA_IS_VENDOR (self), NULL);
  return self->config_format;
}

const char *
pa_vendor_get_writer (PaVendor *self)
{
  g_return_val_if_fail (PA_IS_VENDOR (self), NULL);
  return self->writer;
}

const char * const *
pa_vendor_get_ouis (PaVendor *self)
{
  g_return_val_if_fail (PA_IS_VENDOR (self), NULL);
  return (const char * const *) self->ouis;
}

const char *
pa_vendor_get_key_code (PaVendor   *self,
                        const char *key_type)
{
  g_return_val_if_fail (PA_IS_VENDOR (self), NULL);

  if (key_type == NULL)
    return NULL;
  return g_hash_table_lookup (self->key_codes, key_type);
}

gboolean
pa_vendor_supports_key_type (PaVendor   *self,
                             const char *key_type)
{
  return pa_vendor_get_key_code (self, key_type) != NULL;
}

gboolean
pa_vendor_is_guessed (PaVendor   *self,
                      const char *field)
{
  g_return_val_if_fail (PA_IS_VENDOR (self), FALSE);
  return pa_catalog_guessed_contains (self->guessed, field);
}

const char *
pa_vendor_get_note (PaVendor *self)
{
  g_return_val_if_fail (PA_IS_VENDOR (self), NULL);
  return self->note;
}

const char *
pa_vendor_get_sip_event (PaVendor   *self,
                         const char *action)
{
  g_return_val_if_fail (PA_IS_VENDOR (self), NULL);

  if (g_strcmp0 (action, PA_SIP_ACTION_RESYNC) == 0)
    return self->resync_event;
  if (g_strcmp0 (action, PA_SIP_ACTION_REBOOT) == 0)
    return self->reboot_event;
  return NULL;
}
