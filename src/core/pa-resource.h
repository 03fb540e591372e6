/* pa-resource.h — the base of every stored model and its JSON codec
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "pa-error.h"

G_BEGIN_DECLS

/* Declared in pa-catalog.h; repeated here (an identical typedef is fine in
 * C11) so the model headers do not drag the whole catalog in. */
typedef struct _PaCatalog PaCatalog;

/**
 * PaJsonFlags:
 * @PA_JSON_DEFAULT: input from a client: server-owned members are ignored.
 * @PA_JSON_TRUSTED: input from the store: server-owned members are read too.
 */
typedef enum
{
  PA_JSON_DEFAULT = 0,
  PA_JSON_TRUSTED = 1 << 0,
} PaJsonFlags;

/**
 * PaMemberFlags:
 * @PA_MEMBER_NONE: an ordinary client-writable member.
 * @PA_MEMBER_SERVER_OWNED: only %PA_JSON_TRUSTED input sets it; client input
 *   ignores it and a PUT never resets it.
 * @PA_MEMBER_NULLABLE: a string member that may be JSON `null`.
 * @PA_MEMBER_ZERO_IS_NULL: an integer member (an id pointing elsewhere, a
 *   time) whose 0 is written and read as JSON `null`.
 * @PA_MEMBER_TRIM: string input loses leading and trailing white space.
 * @PA_MEMBER_CUSTOM: not a scalar; the subclass's read_member/write_member
 *   convert it (arrays, nested objects).
 */
typedef enum
{
  PA_MEMBER_NONE         = 0,
  PA_MEMBER_SERVER_OWNED = 1 << 0,
  PA_MEMBER_NULLABLE     = 1 << 1,
  PA_MEMBER_ZERO_IS_NULL = 1 << 2,
  PA_MEMBER_TRIM         = 1 << 3,
  PA_MEMBER_CUSTOM       = 1 << 4,
} PaMemberFlags;

/**
 * PaMember:
 * @name: the JSON member name (`sip_server`), the property name with `_`
 *   for `-`.
 * @pspec: the property holding the value.
 * @flags: how the codec treats it.
 *
 * One JSON member of a resource. The members of a class are kept in the
 * order they were added, which is the order to_json() writes them in.
 */
typedef struct
{
  const char    *name;
  GParamSpec    *pspec;
  PaMemberFlags  flags;
} PaMember;

#define PA_TYPE_RESOURCE (pa_resource_get_type ())

G_DECLARE_DERIVABLE_TYPE (PaResource, pa_resource, PA, RESOURCE, GObject)

/**
 * PaResourceClass:
 * @kind: the resource kind used by the REST API (`phone`, `agent`, …).
 * @validate: checks what needs only the resource and @catalog; chain up
 *   first.
 * @read_member: turns one JSON member into a #GValue for its property
 *   (initialised to the property's type). The default handles strings,
 *   integers, booleans and enums; override for %PA_MEMBER_CUSTOM members and
 *   to normalise input (a MAC), chaining up for the rest. On error the field
 *   is the member name (or below it, like `[2].module`).
 * @write_member: writes one member's value into @builder (the member name is
 *   already set). The default handles scalars.
 */
struct _PaResourceClass
{
  GObjectClass parent_class;

  const char *kind;

  gboolean (*validate)     (PaResource     *self,
                            PaCatalog      *catalog,
                            GError        **error);
  gboolean (*read_member)  (PaResource     *self,
                            const PaMember *member,
                            JsonNode       *node,
                            PaJsonFlags     flags,
                            GValue         *value,
                            GError        **error);
  void     (*write_member) (PaResource     *self,
                            const PaMember *member,
                            const GValue   *value,
                            JsonBuilder    *builder);

  /*< private >*/
  /* The flattened members (base first); a subclass that adds none shares
   * its parent's. Written in class_init only, so read without a lock. */
  GPtrArray *members;
  gpointer padding[7];
};

/* For subclasses, from class_init after installing the properties. */
void             pa_resource_class_add_member   (PaResourceClass *klass,
                                                 GParamSpec      *pspec,
                                                 PaMemberFlags    flags);
const PaMember  *pa_resource_class_find_member  (PaResourceClass *klass,
                                                 const char      *name);
/* As find_member, looking first at *@hint and after it, then from the
 * start; *@hint moves past the one found. JSON written by PhoneAdmin
 * lists members in the class's order, so each is found at the first try. */
const PaMember  *pa_resource_class_find_member_after (PaResourceClass *klass,
                                                      const char      *name,
                                                      guint           *hint);
/* Every member of the class, base members first, in writing order. */
const PaMember **pa_resource_class_list_members (PaResourceClass *klass,
                                                 guint           *n_members);

PaResource *pa_resource_new_from_json (GType         type,
                                       JsonNode     *node,
                                       PaJsonFlags   flags,
                                       GError      **error);
/* Parses @data (length @len, or -1 when NUL-terminated); not JSON or not an
 * object gives %PA_MODEL_ERROR_MALFORMED. */
PaResource *pa_resource_new_from_data (GType         type,
                                       const char   *data,
                                       gssize        len,
                                       PaJsonFlags   flags,
                                       GError      **error);
gboolean    pa_resource_apply_json    (PaResource   *self,
                                       JsonNode     *node,
                                       gboolean      replace,
                                       GError      **error);
JsonNode   *pa_resource_to_json       (PaResource   *self);
/* Compact, deterministic text of pa_resource_to_json(). */
char       *pa_resource_to_data       (PaResource   *self,
                                       gsize        *length);
PaResource *pa_resource_copy          (PaResource   *self);
gboolean    pa_resource_equal         (PaResource   *a,
                                       PaResource   *b);
gboolean    pa_resource_validate      (PaResource   *self,
                                       GError      **error);
gboolean    pa_resource_validate_with_catalog (PaResource  *self,
                                               PaCatalog   *catalog,
                                               GError     **error);
const char *pa_resource_get_kind      (PaResource   *self);
gint64      pa_resource_get_id        (PaResource   *self);
void        pa_resource_set_id        (PaResource   *self,
                                       gint64        id);
gint64      pa_resource_get_revision  (PaResource   *self);
void        pa_resource_set_revision  (PaResource   *self,
                                       gint64        revision);

/* Helpers shared by the models' validators and the server. */
gboolean    pa_validate_name          (const char   *value,
                                       const char   *field,
                                       gboolean      required,
                                       guint         max_chars,
                                       GError      **error);
gboolean    pa_validate_hostname      (const char   *value,
                                       const char   *field,
                                       GError      **error);
gboolean    pa_validate_timezone      (const char   *value,
                                       const char   *field,
                                       GError      **error);

/* Enum nick helpers: NULL / FALSE when the value or nick is unknown. */
const char *pa_enum_to_nick           (GType         enum_type,
                                       int           value);
gboolean    pa_enum_from_nick         (GType         enum_type,
                                       const char   *nick,
                                       int          *value);

G_END_DECLS
