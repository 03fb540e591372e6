/* pa-resource-json.c — the JSON <-> GValue codec for scalar members
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-resource"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-resource-private.h"

/* ------------------------------------------------------------------ */
/* Enum nicks                                                           */

const char *
pa_enum_to_nick (GType enum_type,
                 int   value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), NULL);

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value (klass, value);
  return ev ? ev->value_nick : NULL;
}

gboolean
pa_enum_from_nick (GType       enum_type,
                   const char *nick,
                   int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *ev;

  g_return_val_if_fail (G_TYPE_IS_ENUM (enum_type), FALSE);

  if (nick == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  ev = g_enum_get_value_by_nick (klass, nick);
  if (ev == NULL)
    return FALSE;
  if (value != NULL)
    *value = ev->value;
  return TRUE;
}

static char *
enum_nicks_joined (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    {
      if (i > 0)
        g_string_append (str, ", ");
      g_string_append (str, klass->values[i].value_nick);
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* ------------------------------------------------------------------ */
/* Scalars                                                              */

static gboolean
node_is_integer (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
get_int_range (GParamSpec *pspec,
               gint64     *min,
               guint64    *max)
{
  GType vt = G_TYPE_FUNDAMENTAL (G_PARAM_SPEC_VALUE_TYPE (pspec));

  switch (vt)
    {
    case G_TYPE_INT:
      *min = G_PARAM_SPEC_INT (pspec)->minimum;
      *max = MAX (G_PARAM_SPEC_INT (pspec)->maximum, 0);
      return TRUE;
    case G_TYPE_UINT:
      *min = G_PARAM_SPEC_UINT (pspec)->minimum;
      *max = G_PARAM_SPEC_UINT (pspec)->maximum;
      return TRUE;
    case G_TYPE_INT64:
      *min = G_PARAM_SPEC_INT64 (pspec)->minimum;
      *max = MAX (G_PARAM_SPEC_INT64 (pspec)->maximum, 0);
      return TRUE;
    case G_TYPE_UINT64:
      *min = (gint64) MIN (G_PARAM_SPEC_UINT64 (pspec)->minimum, (guint64) G_MAXINT64);
      *max = G_PARAM_SPEC_UINT64 (pspec)->maximum;
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_int_value (GValue *value,
               gint64  v)
{
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_INT:
      g_value_set_int (value, (int) v);
      break;
    case G_TYPE_UINT:
      g_value_set_uint (value, (guint) v);
      break;
    case G_TYPE_INT64:
      g_value_set_int64 (value, v);
      break;
    case G_TYPE_UINT64:
      g_value_set_uint64 (value, (guint64) v);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gint64
get_int_value (const GValue *value)
{
  switch (G_TYPE_FUNDAMENTAL (G_VALUE_TYPE (value)))
    {
    case G_TYPE_INT:
      return g_value_get_int (value);
    case G_TYPE_UINT:
      return g_value_get_uint (value);
    case G_TYPE_INT64:
      return g_value_get_int64 (value);
    case G_TYPE_UINT64:
      return (gint64) MIN (g_value_get_uint64 (value), (guint64) G_MAXINT64);
    default:
      g_assert_not_reached ();
    }
  return 0;
}

gboolean
pa_json_read_scalar (GParamSpec    *pspec,
                     PaMemberFlags  flags,
                     const char    *member_name,
                     JsonNode      *node,
                     GValue        *value,
                     GError       **error)
{
  GType vt = G_PARAM_SPEC_VALUE_TYPE (pspec);
  gboolean is_null = JSON_NODE_HOLDS_NULL (node);
  gint64 min;
  guint64 max;

  if (vt == G_TYPE_STRING)
    {
      g_autofree char *text = NULL;

      if (is_null && (flags & PA_MEMBER_NULLABLE))
        {
          g_value_set_string (value, NULL);
          return TRUE;
        }
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, member_name,
                              (flags & PA_MEMBER_NULLABLE)
                                ? _("Must be a string or null")
                                : _("Must be a string"));
          return FALSE;
        }

      text = json_node_dup_string (node);
      if (flags & PA_MEMBER_TRIM)
        g_strstrip (text);
      /* An optional text left empty means "none": one spelling for it. */
      if ((flags & PA_MEMBER_NULLABLE) && text[0] == '\0')
        g_clear_pointer (&text, g_free);
      g_value_take_string (value, g_steal_pointer (&text));
      return TRUE;
    }

  if (vt == G_TYPE_BOOLEAN)
    {
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, member_name,
                              _("Must be true or false"));
          return FALSE;
        }
      g_value_set_boolean (value, json_node_get_boolean (node));
      return TRUE;
    }

  if (G_TYPE_IS_ENUM (vt))
    {
      const char *nick;
      int v;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, member_name,
                              _("Must be a string"));
          return FALSE;
        }
      nick = json_node_get_string (node);
      if (!pa_enum_from_nick (vt, nick, &v))
        {
          g_autofree char *allowed = enum_nicks_joined (vt);
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, member_name,
                              _("“%s” is not one of: %s"), nick, allowed);
          return FALSE;
        }
      g_value_set_enum (value, v);
      return TRUE;
    }

  if (get_int_range (pspec, &min, &max))
    {
      gint64 v;

      if (is_null && (flags & PA_MEMBER_ZERO_IS_NULL))
        {
          set_int_value (value, 0);
          return TRUE;
        }
      if (!node_is_integer (node))
        {
          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, member_name,
                              (flags & PA_MEMBER_ZERO_IS_NULL)
                                ? _("Must be a whole number or null")
                                : _("Must be a whole number"));
          return FALSE;
        }
      v = json_node_get_int (node);
      /* null says "none"; a 0 would say it too, ambiguously, where every
       * real id is 1 or more. */
      if (v == 0 && (flags & PA_MEMBER_ZERO_IS_NULL))
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, member_name,
                              _("Must be 1 or more, or null for none"));
          return FALSE;
        }
      if (v < min || (v >= 0 && (guint64) v > max))
        {
          /* Numbers formatted apart: gettext cannot see through
           * G_GINT64_FORMAT inside a translatable string. */
          g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
          g_autofree char *high = g_strdup_printf ("%" G_GUINT64_FORMAT, max);

          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, member_name,
                              _("Must be between %s and %s"), low, high);
          return FALSE;
        }
      set_int_value (value, v);
      return TRUE;
    }

  g_critical ("%s: member %s of type %s needs a custom reader",
              G_STRFUNC, member_name, g_type_name (vt));
  pa_set_field_error (error, PA_MODEL_ERROR_INVALID, member_name,
                      _("Cannot be read"));
  return FALSE;
}

void
pa_json_write_scalar (GParamSpec    *pspec,
                      PaMemberFlags  flags,
                      const GValue  *value,
                      JsonBuilder   *builder)
{
  GType vt = G_PARAM_SPEC_VALUE_TYPE (pspec);
  gint64 min;
  guint64 max;

  if (vt == G_TYPE_STRING)
    {
      const char *s = g_value_get_string (value);
      if (s == NULL)
        json_builder_add_null_value (builder);
      else
        json_builder_add_string_value (builder, s);
    }
  else if (vt == G_TYPE_BOOLEAN)
    json_builder_add_boolean_value (builder, g_value_get_boolean (value));
  else if (G_TYPE_IS_ENUM (vt))
    {
      const char *nick = pa_enum_to_nick (vt, g_value_get_enum (value));
      if (nick != NULL)
        json_builder_add_string_value (builder, nick);
      else
        json_builder_add_null_value (builder);
    }
  else if (get_int_range (pspec, &min, &max))
    {
      gint64 v = get_int_value (value);
      if (v == 0 && (flags & PA_MEMBER_ZERO_IS_NULL))
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, v);
    }
  else
    {
      g_critical ("%s: property %s of type %s needs a custom writer",
                  G_STRFUNC, pspec->name, g_type_name (vt));
      json_builder_add_null_value (builder);
    }
}

gboolean
pa_json_read_id_array (JsonNode                 *node,
                       const char               *member_name,
                       const PaIdArrayMessages  *messages,
                       GValue                   *value,
                       GError                  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, member_name, "%s",
                          messages->not_array);
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *field = g_strdup_printf ("%s[%u]", member_name, i);
      gint64 id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, field, "%s", messages->not_id);
          return FALSE;
        }
      id = json_node_get_int (element);
      if (id < 1)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field, "%s", messages->below_one);
          return FALSE;
        }
      g_array_append_val (ids, id);
    }

  g_value_take_boxed (value, g_steal_pointer (&ids));
  return TRUE;
}

void
pa_json_write_id_array (GArray      *ids,
                        JsonBuilder *builder)
{
  json_builder_begin_array (builder);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (ids, gint64, i));
  json_builder_end_array (builder);
}

gboolean
pa_json_read_string_array (JsonNode    *node,
                           const char  *member_name,
                           GValue      *value,
                           GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, member_name,
                          _("Must be an array of strings"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_autofree char *field = g_strdup_printf ("%s[%u]", member_name, i);

          pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, field, _("Must be a string"));
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }
  g_value_take_boxed (value, g_strv_builder_end (builder));
  return TRUE;
}

void
pa_json_write_string_array (const char * const *strings,
                            JsonBuilder        *builder)
{
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
}
