/* pa-key.c — one programmable key of a layout or a module layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-key"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-catalog.h"
#include "pa-error.h"
#include "pa-key-private.h"
#include "pa-resource-private.h"

#define PA_KEY_MAX_INDEX 9999
#define PA_KEY_MAX_LINE  99

struct _PaKey
{
  GObject    parent_instance;

  guint      index;
  PaKeyType  type;
  char      *value;
  char      *label;
  guint      line;
  gint64     agent_id;
};

G_DEFINE_FINAL_TYPE (PaKey, pa_key, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INDEX,
  PROP_TYPE,
  PROP_VALUE,
  PROP_LABEL,
  PROP_LINE,
  PROP_AGENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The JSON members in writing order, with how the codec treats them. The
 * JSON name is spelled out because GObject turns `_` into `-` in property
 * names. */
static const struct
{
  const char    *json_name;
  guint          prop;
  PaMemberFlags  flags;
  gboolean       required;
} key_members[] = {
  { "index", PROP_INDEX, PA_MEMBER_NONE, TRUE },
  { "type", PROP_TYPE, PA_MEMBER_NONE, TRUE },
  { "value", PROP_VALUE, PA_MEMBER_NULLABLE | PA_MEMBER_TRIM, FALSE },
  { "label", PROP_LABEL, PA_MEMBER_NULLABLE | PA_MEMBER_TRIM, FALSE },
  { "line", PROP_LINE, PA_MEMBER_NONE, FALSE },
  { "agent_id", PROP_AGENT_ID, PA_MEMBER_ZERO_IS_NULL, FALSE },
};

GType
pa_key_type_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      /* The nicks are the JSON spelling and the catalog's key type names. */
      static const GEnumValue values[] = {
        { PA_KEY_LINE, "PA_KEY_LINE", "line" },
        { PA_KEY_BLF, "PA_KEY_BLF", "blf" },
        { PA_KEY_SPEED_DIAL, "PA_KEY_SPEED_DIAL", "speed_dial" },
        { PA_KEY_FEATURE_CODE, "PA_KEY_FEATURE_CODE", "feature_code" },
        { PA_KEY_PARK, "PA_KEY_PARK", "park" },
        { PA_KEY_PARK_RETRIEVE, "PA_KEY_PARK_RETRIEVE", "park_retrieve" },
        { PA_KEY_CONFERENCE, "PA_KEY_CONFERENCE", "conference" },
        { PA_KEY_CUSTOM, "PA_KEY_CUSTOM", "custom" },
        { PA_KEY_EMPTY, "PA_KEY_EMPTY", "empty" },
        { 0, NULL, NULL }
      };
      GType id = g_enum_register_static (g_intern_static_string ("PaKeyType"), values);
      g_once_init_leave (&type_id, id);
    }

  return type_id;
}

const char *
pa_key_type_to_nick (PaKeyType type)
{
  return pa_enum_to_nick (PA_TYPE_KEY_TYPE, type);
}

gboolean
pa_key_type_from_nick (const char *nick,
                       PaKeyType  *type)
{
  int v;

  if (!pa_enum_from_nick (PA_TYPE_KEY_TYPE, nick, &v))
    return FALSE;
  if (type != NULL)
    *type = (PaKeyType) v;
  return TRUE;
}

gboolean
pa_key_type_needs_value (PaKeyType type)
{
  switch (type)
    {
    case PA_KEY_BLF:
    case PA_KEY_SPEED_DIAL:
    case PA_KEY_FEATURE_CODE:
    case PA_KEY_PARK:
      return TRUE;
    case PA_KEY_LINE:
    case PA_KEY_PARK_RETRIEVE:
    case PA_KEY_CONFERENCE:
    case PA_KEY_CUSTOM:
    case PA_KEY_EMPTY:
    default:
      return FALSE;
    }
}

static void
pa_key_finalize (GObject *object)
{
  PaKey *self = PA_KEY (object);

  g_clear_pointer (&self->value, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (pa_key_parent_class)->finalize (object);
}

static void
pa_key_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  PaKey *self = PA_KEY (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      g_value_set_uint (value, self->index);
      break;
    case PROP_TYPE:
      g_value_set_enum (value, self->type);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->label);
      break;
    case PROP_LINE:
      g_value_set_uint (value, self->line);
      break;
    case PROP_AGENT_ID:
      g_value_set_int64 (value, self->agent_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_key_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  PaKey *self = PA_KEY (object);

  switch (prop_id)
    {
    case PROP_INDEX:
      pa_key_set_index (self, g_value_get_uint (value));
      break;
    case PROP_TYPE:
      pa_key_set_key_type (self, g_value_get_enum (value));
      break;
    case PROP_VALUE:
      pa_key_set_value (self, g_value_get_string (value));
      break;
    case PROP_LABEL:
      pa_key_set_label (self, g_value_get_string (value));
      break;
    case PROP_LINE:
      pa_key_set_line (self, g_value_get_uint (value));
      break;
    case PROP_AGENT_ID:
      pa_key_set_agent_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_key_class_init (PaKeyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pa_key_finalize;
  object_class->get_property = pa_key_get_property;
  object_class->set_property = pa_key_set_property;

  properties[PROP_INDEX] =
    g_param_spec_uint ("index", NULL, NULL,
                       1, PA_KEY_MAX_INDEX, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TYPE] =
    g_param_spec_enum ("type", NULL, NULL,
                       PA_TYPE_KEY_TYPE, PA_KEY_EMPTY,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LINE] =
    g_param_spec_uint ("line", NULL, NULL,
                       1, PA_KEY_MAX_LINE, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENT_ID] =
    g_param_spec_int64 ("agent-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pa_key_init (PaKey *self)
{
  self->index = 1;
  self->type = PA_KEY_EMPTY;
  self->line = 1;
}

PaKey *
pa_key_new (guint       index,
            PaKeyType   type,
            const char *value,
            const char *label,
            guint       line)
{
  PaKey *self = g_object_new (PA_TYPE_KEY, NULL);

  self->index = index;
  self->type = type;
  self->value = g_strdup (value);
  self->label = g_strdup (label);
  self->line = line;
  return self;
}

PaKey *
pa_key_copy (PaKey *self)
{
  g_return_val_if_fail (PA_IS_KEY (self), NULL);

  PaKey *copy = pa_key_new (self->index, self->type, self->value, self->label, self->line);

  copy->agent_id = self->agent_id;
  return copy;
}

gboolean
pa_key_equal (PaKey *a,
              PaKey *b)
{
  g_return_val_if_fail (PA_IS_KEY (a), FALSE);
  g_return_val_if_fail (PA_IS_KEY (b), FALSE);

  return a->index == b->index
      && a->type == b->type
      && g_strcmp0 (a->value, b->value) == 0
      && g_strcmp0 (a->label, b->label) == 0
      && a->line == b->line
      && a->agent_id == b->agent_id;
}

guint
pa_key_get_index (PaKey *self)
{
  g_return_val_if_fail (PA_IS_KEY (self), 0);
  return self->index;
}

void
pa_key_set_index (PaKey *self,
                  guint  index)
{
  g_return_if_fail (PA_IS_KEY (self));

  if (self->index == index)
    return;
  self->index = index;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INDEX]);
}

PaKeyType
pa_key_get_key_type (PaKey *self)
{
  g_return_val_if_fail (PA_IS_KEY (self), PA_KEY_EMPTY);
  return self->type;
}

void
pa_key_set_key_type (PaKey     *self,
                     PaKeyType  type)
{
  g_return_if_fail (PA_IS_KEY (self));

  if (self->type == type)
    return;
  self->type = type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TYPE]);
}

const char *
pa_key_get_value (PaKey *self)
{
  g_return_val_if_fail (PA_IS_KEY (self), NULL);
  return self->value;
}

void
pa_key_set_value (PaKey      *self,
                  const char *value)
{
  g_return_if_fail (PA_IS_KEY (self));

  if (pa_set_str (&self->value, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
pa_key_get_label (PaKey *self)
{
  g_return_val_if_fail (PA_IS_KEY (self), NULL);
  return self->label;
}

void
pa_key_set_label (PaKey      *self,
                  const char *label)
{
  g_return_if_fail (PA_IS_KEY (self));

  if (pa_set_str (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

guint
pa_key_get_line (PaKey *self)
{
  g_return_val_if_fail (PA_IS_KEY (self), 0);
  return self->line;
}

void
pa_key_set_line (PaKey *self,
                 guint  line)
{
  g_return_if_fail (PA_IS_KEY (self));

  if (self->line == line)
    return;
  self->line = line;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LINE]);
}

gint64
pa_key_get_agent_id (PaKey *self)
{
  g_return_val_if_fail (PA_IS_KEY (self), 0);
  return self->agent_id;
}

void
pa_key_set_agent_id (PaKey  *self,
                     gint64  agent_id)
{
  g_return_if_fail (PA_IS_KEY (self));
  g_return_if_fail (agent_id >= 0);

  if (self->agent_id == agent_id)
    return;
  self->agent_id = agent_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AGENT_ID]);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                 */

PaKey *
pa_key_new_from_json (JsonNode  *node,
                      GError   **error)
{
  g_autoptr(PaKey) self = NULL;
  g_autoptr(GList) names = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, NULL, _("A key must be an object"));
      return NULL;
    }

  self = g_object_new (PA_TYPE_KEY, NULL);
  object = json_node_get_object (node);
  names = json_object_get_members (object);

  for (const GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      g_auto(GValue) value = G_VALUE_INIT;
      GParamSpec *pspec = NULL;
      PaMemberFlags flags = PA_MEMBER_NONE;

      for (guint i = 0; i < G_N_ELEMENTS (key_members); i++)
        if (g_str_equal (key_members[i].json_name, name))
          {
            pspec = properties[key_members[i].prop];
            flags = key_members[i].flags;
            break;
          }

      if (pspec == NULL)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_UNKNOWN_FIELD, name,
                              _("A key has no member “%s”"), name);
          return NULL;
        }

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      if (!pa_json_read_scalar (pspec, flags, name, json_object_get_member (object, name),
                                &value, error))
        return NULL;
      g_object_set_property (G_OBJECT (self), pspec->name, &value);
    }

  for (guint i = 0; i < G_N_ELEMENTS (key_members); i++)
    {
      const char *name = key_members[i].json_name;

      if (key_members[i].required && !json_object_has_member (object, name))
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, name,
                              _("A key needs “%s”"), name);
          return NULL;
        }
    }

  return g_steal_pointer (&self);
}

void
pa_key_write_json (PaKey       *self,
                   JsonBuilder *builder)
{
  g_return_if_fail (PA_IS_KEY (self));
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (key_members); i++)
    {
      GParamSpec *pspec = properties[key_members[i].prop];
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (G_OBJECT (self), pspec->name, &value);
      json_builder_set_member_name (builder, key_members[i].json_name);
      pa_json_write_scalar (pspec, key_members[i].flags, &value, builder);
    }
  json_builder_end_object (builder);
}

GListStore *
pa_key_list_new_from_json (JsonNode  *node,
                           GError   **error)
{
  g_autoptr(GListStore) store = NULL;
  JsonArray *array;
  guint n;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, NULL,
                          _("Must be an array of keys"));
      return NULL;
    }

  store = g_list_store_new (PA_TYPE_KEY);
  array = json_node_get_array (node);
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaKey) key = NULL;

      key = pa_key_new_from_json (json_array_get_element (array, i), error);
      if (key == NULL)
        {
          if (error != NULL)
            {
              g_autofree char *prefix = g_strdup_printf ("[%u]", i);
              pa_model_error_prefix_field (*error, prefix);
            }
          return NULL;
        }
      g_list_store_append (store, key);
    }

  return g_steal_pointer (&store);
}

void
pa_key_list_write_json (GListModel  *keys,
                        JsonBuilder *builder)
{
  guint n = keys ? g_list_model_get_n_items (keys) : 0;

  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaKey) key = g_list_model_get_item (keys, i);
      pa_key_write_json (key, builder);
    }
  json_builder_end_array (builder);
}

GListStore *
pa_key_list_copy (GListModel *keys)
{
  GListStore *store = g_list_store_new (PA_TYPE_KEY);
  guint n = keys ? g_list_model_get_n_items (keys) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaKey) key = g_list_model_get_item (keys, i);
      g_autoptr(PaKey) copy = pa_key_copy (key);
      g_list_store_append (store, copy);
    }
  return store;
}

gboolean
pa_key_list_equal (GListModel *a,
                   GListModel *b)
{
  guint na = a ? g_list_model_get_n_items (a) : 0;
  guint nb = b ? g_list_model_get_n_items (b) : 0;

  if (na != nb)
    return FALSE;

  for (guint i = 0; i < na; i++)
    {
      g_autoptr(PaKey) ka = g_list_model_get_item (a, i);
      g_autoptr(PaKey) kb = g_list_model_get_item (b, i);

      if (!pa_key_equal (ka, kb))
        return FALSE;
    }
  return TRUE;
}

gboolean
pa_key_list_read_member (JsonNode  *node,
                         GValue    *value,
                         GError   **error)
{
  GListStore *keys = pa_key_list_new_from_json (node, error);

  if (keys == NULL)
    {
      if (error != NULL)
        pa_model_error_prefix_field (*error, "keys");
      return FALSE;
    }
  g_value_take_object (value, keys);
  return TRUE;
}

gboolean
pa_key_list_replace (GListStore **store,
                     GListModel  *keys)
{
  if (pa_key_list_equal (G_LIST_MODEL (*store), keys))
    return FALSE;

  /* A fresh store, not an edit of the old one, so a list handed out
   * earlier never changes under its holder without a notify. */
  g_clear_object (store);
  *store = pa_key_list_copy (keys);
  return TRUE;
}

PaKey *
pa_key_list_find (GListModel *keys,
                  guint       index)
{
  guint n = keys ? g_list_model_get_n_items (keys) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaKey) key = g_list_model_get_item (keys, i);

      /* The list holds its own reference, so transfer none is safe. */
      if (key->index == index)
        return key;
    }
  return NULL;
}

static void
set_key_error (GError       **error,
               PaModelError   code,
               guint          position,
               const char    *member,
               const char    *format,
               ...) G_GNUC_PRINTF (5, 6);

static void
set_key_error (GError       **error,
               PaModelError   code,
               guint          position,
               const char    *member,
               const char    *format,
               ...)
{
  g_autofree char *field = g_strdup_printf ("keys[%u].%s", position, member);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  pa_set_field_error (error, code, field, "%s", message);
}

gboolean
pa_key_list_validate (GListModel  *keys,
                      guint        max_index,
                      guint        max_line,
                      PaVendor    *vendor,
                      GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint n = keys ? g_list_model_get_n_items (keys) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaKey) key = g_list_model_get_item (keys, i);
      const char *nick = pa_key_type_to_nick (key->type);
      gpointer other;

      if (key->index < 1 || key->index > max_index)
        {
          set_key_error (error, PA_MODEL_ERROR_RULE, i, "index",
                         _("Key %u does not exist: there are %u keys"),
                         key->index, max_index);
          return FALSE;
        }

      if (g_hash_table_lookup_extended (seen, GUINT_TO_POINTER (key->index), NULL, &other))
        {
          set_key_error (error, PA_MODEL_ERROR_INVALID, i, "index",
                         _("Key %u is set twice (also at position %u)"),
                         key->index, GPOINTER_TO_UINT (other));
          return FALSE;
        }
      g_hash_table_insert (seen, GUINT_TO_POINTER (key->index), GUINT_TO_POINTER (i));

      if (nick == NULL)
        {
          set_key_error (error, PA_MODEL_ERROR_INVALID, i, "type", _("Unknown key type"));
          return FALSE;
        }

      if (pa_key_type_needs_value (key->type) && (key->value == NULL || key->value[0] == '\0'))
        {
          set_key_error (error, PA_MODEL_ERROR_INVALID, i, "value",
                         _("A %s key needs a value"), nick);
          return FALSE;
        }

      if (!pa_validate_name (key->value, "value", FALSE, 128, error)
          || !pa_validate_name (key->label, "label", FALSE, 64, error))
        {
          g_autofree char *prefix = g_strdup_printf ("keys[%u]", i);
          if (error != NULL)
            pa_model_error_prefix_field (*error, prefix);
          return FALSE;
        }

      if (key->line < 1 || (max_line > 0 && key->line > max_line))
        {
          set_key_error (error, PA_MODEL_ERROR_RULE, i, "line",
                         _("Line %u does not exist: there are %u lines"),
                         key->line, max_line);
          return FALSE;
        }

      if (vendor != NULL && pa_vendor_get_key_code (vendor, nick) == NULL)
        {
          set_key_error (error, PA_MODEL_ERROR_RULE, i, "type",
                         _("%s phones have no %s key"), pa_vendor_get_name (vendor), nick);
          return FALSE;
        }
    }

  return TRUE;
}
