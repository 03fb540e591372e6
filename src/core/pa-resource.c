/* pa-resource.c — the base of every stored model and its JSON codec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-resource"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-catalog.h"
#include "pa-resource-private.h"

/* The codec is driven by a per-class list of members rather than by
 * g_object_class_list_properties(), whose order is not the installation
 * order: output has to be byte-for-byte stable for ETags and tests. */

typedef struct
{
  gint64 id;
  gint64 revision;
} PaResourcePrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (PaResource, pa_resource, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The class whose struct @klass's was copied from, if it is a resource. */
static PaResourceClass *
parent_resource_class (PaResourceClass *klass)
{
  GType parent = g_type_parent (G_TYPE_FROM_CLASS (klass));

  return g_type_is_a (parent, PA_TYPE_RESOURCE) ? g_type_class_peek (parent) : NULL;
}

void
pa_resource_class_add_member (PaResourceClass *klass,
                              GParamSpec      *pspec,
                              PaMemberFlags    flags)
{
  PaResourceClass *parent;
  PaMember *member;
  char *name;

  g_return_if_fail (PA_IS_RESOURCE_CLASS (klass));
  g_return_if_fail (G_IS_PARAM_SPEC (pspec));

  /* A class struct starts as a copy of its parent's, list included: the
   * first member a class adds starts its own list from the inherited one.
   * class_init runs under GType's class lock, and the lists are read
   * without one (klass->members): two threads parsing pages of phones
   * waited on a lock of their own for every member. Classes live as long
   * as the program, so the lists do too. */
  parent = parent_resource_class (klass);
  if (klass->members == NULL || (parent != NULL && klass->members == parent->members))
    {
      GPtrArray *inherited = klass->members;

      klass->members = g_ptr_array_new ();
      if (inherited != NULL)
        for (guint i = 0; i < inherited->len; i++)
          g_ptr_array_add (klass->members, inherited->pdata[i]);
    }

  name = g_strdup (pspec->name);
  g_strdelimit (name, "-", '_');

  member = g_new0 (PaMember, 1);
  member->name = g_intern_string (name);
  member->pspec = pspec;
  member->flags = flags;
  g_ptr_array_add (klass->members, member);

  g_free (name);
}

const PaMember **
pa_resource_class_list_members (PaResourceClass *klass,
                                guint           *n_members)
{
  g_return_val_if_fail (PA_IS_RESOURCE_CLASS (klass), NULL);

  if (n_members != NULL)
    *n_members = klass->members ? klass->members->len : 0;
  return klass->members ? (const PaMember **) klass->members->pdata : NULL;
}

const PaMember *
pa_resource_class_find_member_after (PaResourceClass *klass,
                                     const char      *name,
                                     guint           *hint)
{
  const PaMember **members;
  guint n;

  g_return_val_if_fail (PA_IS_RESOURCE_CLASS (klass), NULL);
  g_return_val_if_fail (hint != NULL, NULL);

  if (name == NULL)
    return NULL;

  members = pa_resource_class_list_members (klass, &n);
  for (guint k = 0; k < n; k++)
    {
      guint i = (*hint + k) % n;

      if (g_str_equal (members[i]->name, name))
        {
          *hint = i + 1;
          return members[i];
        }
    }
  return NULL;
}

const PaMember *
pa_resource_class_find_member (PaResourceClass *klass,
                               const char      *name)
{
  guint hint = 0;

  return pa_resource_class_find_member_after (klass, name, &hint);
}

/* ------------------------------------------------------------------ */
/* Small shared helpers                                                 */

gboolean
pa_set_str (char       **ptr,
            const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

PaCatalog *
pa_resource_resolve_catalog (PaCatalog *catalog)
{
  return catalog != NULL ? catalog : pa_catalog_get_default ();
}

/* ------------------------------------------------------------------ */
/* PaResource                                                           */

static gboolean
pa_resource_real_validate (PaResource  *self,
                           PaCatalog   *catalog,
                           GError     **error)
{
  return TRUE;
}

static gboolean
pa_resource_real_read_member (PaResource      *self,
                              const PaMember  *member,
                              JsonNode        *node,
                              PaJsonFlags      flags,
                              GValue          *value,
                              GError         **error)
{
  return pa_json_read_scalar (member->pspec, member->flags, member->name, node, value, error);
}

static void
pa_resource_real_write_member (PaResource     *self,
                               const PaMember *member,
                               const GValue   *value,
                               JsonBuilder    *builder)
{
  pa_json_write_scalar (member->pspec, member->flags, value, builder);
}

static void
pa_resource_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PaResource *self = PA_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, pa_resource_get_id (self));
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, pa_resource_get_revision (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_resource_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PaResource *self = PA_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      pa_resource_set_id (self, g_value_get_int64 (value));
      break;
    case PROP_REVISION:
      pa_resource_set_revision (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_resource_class_init (PaResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = pa_resource_get_property;
  object_class->set_property = pa_resource_set_property;

  klass->kind = "resource";
  klass->validate = pa_resource_real_validate;
  klass->read_member = pa_resource_real_read_member;
  klass->write_member = pa_resource_real_write_member;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  pa_resource_class_add_member (klass, properties[PROP_ID],
                                PA_MEMBER_SERVER_OWNED | PA_MEMBER_ZERO_IS_NULL);
  pa_resource_class_add_member (klass, properties[PROP_REVISION], PA_MEMBER_SERVER_OWNED);
}

static void
pa_resource_init (PaResource *self)
{
}

gint64
pa_resource_get_id (PaResource *self)
{
  PaResourcePrivate *priv = pa_resource_get_instance_private (self);

  g_return_val_if_fail (PA_IS_RESOURCE (self), 0);

  return priv->id;
}

void
pa_resource_set_id (PaResource *self,
                    gint64      id)
{
  PaResourcePrivate *priv = pa_resource_get_instance_private (self);

  g_return_if_fail (PA_IS_RESOURCE (self));
  g_return_if_fail (id >= 0);

  if (priv->id == id)
    return;
  priv->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
pa_resource_get_revision (PaResource *self)
{
  PaResourcePrivate *priv = pa_resource_get_instance_private (self);

  g_return_val_if_fail (PA_IS_RESOURCE (self), 0);

  return priv->revision;
}

void
pa_resource_set_revision (PaResource *self,
                          gint64      revision)
{
  PaResourcePrivate *priv = pa_resource_get_instance_private (self);

  g_return_if_fail (PA_IS_RESOURCE (self));
  g_return_if_fail (revision >= 0);

  if (priv->revision == revision)
    return;
  priv->revision = revision;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
}

const char *
pa_resource_get_kind (PaResource *self)
{
  g_return_val_if_fail (PA_IS_RESOURCE (self), NULL);

  return PA_RESOURCE_GET_CLASS (self)->kind;
}

/* Reads @node into @target. Not all-or-nothing by itself: callers hand it
 * a fresh object or a scratch copy. */
static gboolean
read_object (PaResource   *target,
             JsonNode     *node,
             PaJsonFlags   flags,
             gboolean      replace,
             GError      **error)
{
  PaResourceClass *klass = PA_RESOURCE_GET_CLASS (target);
  const PaMember **members;
  guint n_members;
  g_autofree gboolean *present = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member_node;
  guint hint = 0;
  JsonObject *object;
  gboolean trusted = (flags & PA_JSON_TRUSTED) != 0;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_MALFORMED, NULL,
                          _("A %s must be a JSON object"), klass->kind);
      return FALSE;
    }

  members = pa_resource_class_list_members (klass, &n_members);
  present = g_new0 (gboolean, n_members);
  object = json_node_get_object (node);

  /* In the order written: a member's setter may look at one set before it. */
  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member_node))
    {
      const PaMember *member = pa_resource_class_find_member_after (klass, name, &hint);
      g_auto(GValue) value = G_VALUE_INIT;
      guint pos = hint - 1;

      if (member == NULL)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_UNKNOWN_FIELD, name,
                              _("Unknown member “%s”"), name);
          return FALSE;
        }

      if ((member->flags & PA_MEMBER_SERVER_OWNED) && !trusted)
        continue;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (member->pspec));
      if (!klass->read_member (target, member, member_node, flags, &value, error))
        return FALSE;

      g_object_set_property (G_OBJECT (target), member->pspec->name, &value);
      present[pos] = TRUE;
    }

  if (replace)
    {
      for (guint i = 0; i < n_members; i++)
        {
          g_auto(GValue) value = G_VALUE_INIT;

          if (present[i])
            continue;
          if ((members[i]->flags & PA_MEMBER_SERVER_OWNED) && !trusted)
            continue;

          g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (members[i]->pspec));
          g_param_value_set_default (members[i]->pspec, &value);
          g_object_set_property (G_OBJECT (target), members[i]->pspec->name, &value);
        }
    }

  return TRUE;
}

/* Copies every member of @src into @dest through the properties, so each
 * setter decides whether anything changed and notifies only then. */
static void
copy_members (PaResource *src,
              PaResource *dest,
              gboolean    include_server_owned)
{
  const PaMember **members;
  guint n_members;

  members = pa_resource_class_list_members (PA_RESOURCE_GET_CLASS (src), &n_members);

  g_object_freeze_notify (G_OBJECT (dest));
  for (guint i = 0; i < n_members; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((members[i]->flags & PA_MEMBER_SERVER_OWNED) && !include_server_owned)
        continue;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (members[i]->pspec));
      g_object_get_property (G_OBJECT (src), members[i]->pspec->name, &value);
      g_object_set_property (G_OBJECT (dest), members[i]->pspec->name, &value);
    }
  g_object_thaw_notify (G_OBJECT (dest));
}

/**
 * pa_resource_new_from_json:
 * @type: a subtype of #PaResource
 * @node: a JSON object
 * @flags: whether server-owned members are read
 * @error: a %PA_MODEL_ERROR
 *
 * Members absent from @node keep their defaults. The result is not
 * validated; call pa_resource_validate().
 *
 * Returns: (transfer full) (nullable): the new resource
 */
PaResource *
pa_resource_new_from_json (GType         type,
                           JsonNode     *node,
                           PaJsonFlags   flags,
                           GError      **error)
{
  g_autoptr(PaResource) self = NULL;

  g_return_val_if_fail (g_type_is_a (type, PA_TYPE_RESOURCE), NULL);
  g_return_val_if_fail (!G_TYPE_IS_ABSTRACT (type), NULL);

  self = g_object_new (type, NULL);
  if (!read_object (self, node, flags, FALSE, error))
    return NULL;
  return g_steal_pointer (&self);
}

PaResource *
pa_resource_new_from_data (GType         type,
                           const char   *data,
                           gssize        len,
                           PaJsonFlags   flags,
                           GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (!json_parser_load_from_data (parser, data ? data : "", len, &local_error))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_MALFORMED, NULL,
                          _("Not valid JSON: %s"), local_error->message);
      return NULL;
    }

  return pa_resource_new_from_json (type, json_parser_get_root (parser), flags, error);
}

/**
 * pa_resource_apply_json:
 * @self: a resource
 * @node: a JSON object from a client (server-owned members are ignored)
 * @replace: %TRUE for PUT (absent client members go back to their
 *   defaults), %FALSE for PATCH (absent members are kept)
 * @error: a %PA_MODEL_ERROR
 *
 * All or nothing: on error @self is unchanged and nothing is notified. The
 * result is not validated.
 */
gboolean
pa_resource_apply_json (PaResource  *self,
                        JsonNode    *node,
                        gboolean     replace,
                        GError     **error)
{
  g_autoptr(PaResource) scratch = NULL;

  g_return_val_if_fail (PA_IS_RESOURCE (self), FALSE);

  scratch = pa_resource_copy (self);
  if (!read_object (scratch, node, PA_JSON_DEFAULT, replace, error))
    return FALSE;

  copy_members (scratch, self, FALSE);
  return TRUE;
}

/**
 * pa_resource_to_json:
 *
 * Every member, server-owned ones included, in the order the class added
 * them (see each model's header).
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
pa_resource_to_json (PaResource *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  PaResourceClass *klass;
  const PaMember **members;
  guint n_members;

  g_return_val_if_fail (PA_IS_RESOURCE (self), NULL);

  klass = PA_RESOURCE_GET_CLASS (self);
  members = pa_resource_class_list_members (klass, &n_members);

  json_builder_begin_object (builder);
  for (guint i = 0; i < n_members; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (members[i]->pspec));
      g_object_get_property (G_OBJECT (self), members[i]->pspec->name, &value);
      json_builder_set_member_name (builder, members[i]->name);
      klass->write_member (self, members[i], &value, builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
pa_resource_to_data (PaResource *self,
                     gsize      *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (PA_IS_RESOURCE (self), NULL);

  root = pa_resource_to_json (self);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

/**
 * pa_resource_copy:
 *
 * Returns: (transfer full): a deep copy, server-owned members included
 */
PaResource *
pa_resource_copy (PaResource *self)
{
  PaResource *copy;

  g_return_val_if_fail (PA_IS_RESOURCE (self), NULL);

  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  copy_members (self, copy, TRUE);
  return copy;
}

gboolean
pa_resource_equal (PaResource *a,
                   PaResource *b)
{
  g_autofree char *ja = NULL;
  g_autofree char *jb = NULL;

  g_return_val_if_fail (PA_IS_RESOURCE (a), FALSE);
  g_return_val_if_fail (PA_IS_RESOURCE (b), FALSE);

  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  ja = pa_resource_to_data (a, NULL);
  jb = pa_resource_to_data (b, NULL);
  return g_str_equal (ja, jb);
}

gboolean
pa_resource_validate_with_catalog (PaResource  *self,
                                   PaCatalog   *catalog,
                                   GError     **error)
{
  g_return_val_if_fail (PA_IS_RESOURCE (self), FALSE);
  g_return_val_if_fail (catalog == NULL || PA_IS_CATALOG (catalog), FALSE);

  return PA_RESOURCE_GET_CLASS (self)->validate (self, pa_resource_resolve_catalog (catalog),
                                                 error);
}

/**
 * pa_resource_validate:
 *
 * Checks what needs only the resource and the built-in catalog. Rules that
 * need other stored resources (a duplicate MAC, an agent that exists) are
 * the server's.
 */
gboolean
pa_resource_validate (PaResource  *self,
                      GError     **error)
{
  return pa_resource_validate_with_catalog (self, NULL, error);
}
