/* pa-catalog-json.c — strict member readers for the catalog document, and
 * the pieces its object types share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-catalog"

#include "config.h"

#include "pa-catalog-private.h"

G_DEFINE_QUARK (pa-catalog-error-quark, pa_catalog_error)

static const char * const key_type_names[] = {
  PA_KEY_TYPE_LINE,
  PA_KEY_TYPE_BLF,
  PA_KEY_TYPE_SPEED_DIAL,
  PA_KEY_TYPE_FEATURE_CODE,
  PA_KEY_TYPE_PARK,
  PA_KEY_TYPE_PARK_RETRIEVE,
  PA_KEY_TYPE_CONFERENCE,
  PA_KEY_TYPE_CUSTOM,
  PA_KEY_TYPE_EMPTY,
  NULL
};

const char * const *
pa_key_type_names (void)
{
  return key_type_names;
}

gboolean
pa_key_type_is_known (const char *key_type)
{
  return key_type != NULL && g_strv_contains (key_type_names, key_type);
}

/* The catalog is maintained by hand; a typo in a member name must not
 * silently drop a value, so unknown members are errors. */
gboolean
pa_catalog_json_check_members (JsonObject         *object,
                               const char         *where,
                               const char * const *allowed,
                               GError            **error)
{
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, NULL))
    {
      if (!g_strv_contains (allowed, name))
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_UNKNOWN_MEMBER,
                       "%s: unknown member \"%s\"", where, name);
          return FALSE;
        }
    }
  return TRUE;
}

static JsonNode *
get_member (JsonObject *object,
            const char *where,
            const char *member,
            gboolean    required,
            GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL && required)
    g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_MISSING,
                 "%s: required member \"%s\" is missing", where, member);
  return node;
}

static void
set_wrong_type (GError    **error,
                const char *where,
                const char *member,
                const char *expected,
                JsonNode   *node)
{
  g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_WRONG_TYPE,
               "%s: member \"%s\" must be %s, not %s",
               where, member, expected, json_node_type_name (node));
}

JsonObject *
pa_catalog_json_get_object (JsonObject *object,
                            const char *where,
                            const char *member,
                            gboolean    required,
                            GError    **error)
{
  JsonNode *node = get_member (object, where, member, required, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_wrong_type (error, where, member, "an object", node);
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
pa_catalog_json_get_array (JsonObject *object,
                           const char *where,
                           const char *member,
                           gboolean    required,
                           GError    **error)
{
  JsonNode *node = get_member (object, where, member, required, error);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_wrong_type (error, where, member, "an array", node);
      return NULL;
    }
  return json_node_get_array (node);
}

const char *
pa_catalog_json_get_string (JsonObject *object,
                            const char *where,
                            const char *member,
                            gboolean    required,
                            GError    **error)
{
  JsonNode *node = get_member (object, where, member, required, error);
  const char *value;

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_wrong_type (error, where, member, "a string", node);
      return NULL;
    }
  value = json_node_get_string (node);
  if (value == NULL || *value == '\0')
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: member \"%s\" is empty", where, member);
      return NULL;
    }
  return value;
}

gboolean
pa_catalog_json_get_uint (JsonObject *object,
                          const char *where,
                          const char *member,
                          guint       min,
                          guint       max,
                          guint      *out,
                          GError    **error)
{
  JsonNode *node = get_member (object, where, member, TRUE, error);
  gint64 value;

  if (node == NULL)
    return FALSE;
  /* json-glib reads 27 as an integer and 27.0 as a double; a count
   * written as a double is a mistake worth reporting. */
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_wrong_type (error, where, member, "an integer", node);
      return FALSE;
    }
  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: member \"%s\" is %" G_GINT64_FORMAT ", it must be between %u and %u",
                   where, member, value, min, max);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

gboolean
pa_catalog_json_get_face (JsonObject *object,
                          const char *where,
                          guint      *columns,
                          gboolean   *screen,
                          GError    **error)
{
  static const char * const members[] = { "columns", "screen", NULL };
  g_autofree char *face_where = NULL;
  GError *local_error = NULL;
  JsonObject *face;
  JsonNode *node;

  face = pa_catalog_json_get_object (object, where, "face", FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (face == NULL)
    return TRUE;

  face_where = g_strdup_printf ("%s face", where);
  if (!pa_catalog_json_check_members (face, face_where, members, error)
      || !pa_catalog_json_get_uint (face, face_where, "columns", 1, 2, columns, error))
    return FALSE;

  node = get_member (face, face_where, "screen", TRUE, error);
  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_wrong_type (error, face_where, "screen", "true or false", node);
      return FALSE;
    }
  *screen = json_node_get_boolean (node);
  return TRUE;
}

char **
pa_catalog_json_get_strv (JsonObject *object,
                          const char *where,
                          const char *member,
                          gboolean    required,
                          GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;
  GError *local_error = NULL;

  array = pa_catalog_json_get_array (object, where, member, required, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *value;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_WRONG_TYPE,
                       "%s: %s[%u] must be a string, not %s",
                       where, member, i, json_node_type_name (node));
          return NULL;
        }
      value = json_node_get_string (node);
      if (value == NULL || *value == '\0')
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                       "%s: %s[%u] is empty", where, member, i);
          return NULL;
        }
      g_strv_builder_add (builder, value);
    }

  return g_strv_builder_end (builder);
}

gboolean
pa_catalog_json_get_optional_string (JsonObject  *object,
                                     const char  *where,
                                     const char  *member,
                                     const char **out,
                                     GError     **error)
{
  GError *local_error = NULL;
  const char *value;

  value = pa_catalog_json_get_string (object, where, member, FALSE, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

const char *
pa_catalog_json_get_id (JsonObject *object,
                        const char *where,
                        GError    **error)
{
  const char *value;

  if (!(value = pa_catalog_json_get_string (object, where, "id", TRUE, error)))
    return NULL;
  if (!pa_catalog_id_is_valid (value))
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: id \"%s\" must be lower-case letters, digits and '-'", where, value);
      return NULL;
    }
  return value;
}

char **
pa_catalog_json_get_guessed (JsonObject         *object,
                             const char         *where,
                             const char * const *guessable,
                             GError            **error)
{
  g_auto(GStrv) guessed = NULL;
  GError *local_error = NULL;

  guessed = pa_catalog_json_get_strv (object, where, "guessed", FALSE, &local_error);
  if (local_error != NULL
      || !pa_catalog_check_guessed ((const char * const *) guessed, where, guessable,
                                    &local_error))
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return g_steal_pointer (&guessed);
}

gboolean
pa_catalog_check_config_format (const char  *value,
                                const char  *where,
                                GError     **error)
{
  if (g_strcmp0 (value, "cfg") != 0 && g_strcmp0 (value, "xml") != 0)
    {
      g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                   "%s: config_format \"%s\" must be \"cfg\" or \"xml\"", where, value);
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_catalog_id_is_valid (const char *id)
{
  if (id == NULL || !g_ascii_isalnum (*id))
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
        return FALSE;
    }
  return TRUE;
}

gboolean
pa_catalog_check_guessed (const char * const *guessed,
                          const char         *where,
                          const char * const *fields,
                          GError            **error)
{
  for (guint i = 0; guessed != NULL && guessed[i] != NULL; i++)
    {
      const char *field = guessed[i];

      /* Vendors mark single key codes as "key_codes.<type>". */
      if (g_str_has_prefix (field, "key_codes.") && g_strv_contains (fields, "key_codes")
          && pa_key_type_is_known (field + strlen ("key_codes.")))
        continue;

      if (!g_strv_contains (fields, field))
        {
          g_set_error (error, PA_CATALOG_ERROR, PA_CATALOG_ERROR_INVALID,
                       "%s: guessed[%u] names \"%s\", which is not a member that can be guessed",
                       where, i, field);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
pa_catalog_guessed_contains (char       **guessed,
                             const char  *field)
{
  return field != NULL && g_strv_contains ((const char * const *) guessed, field);
}

/* ------------------------------------------------------------------ */
/* Properties: read-only views of what the document said               */

GParamSpec *
pa_catalog_string_pspec (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

GParamSpec *
pa_catalog_uint_pspec (const char *name)
{
  return g_param_spec_uint (name, NULL, NULL, 0, G_MAXUINT, 0,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}
