/* pa-resource-private.h — codec pieces the model files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-resource.h"

G_BEGIN_DECLS

/* g_set_str() is GLib 2.76, past the floor. TRUE when *@ptr changed. */
gboolean pa_set_str          (char         **ptr,
                              const char    *value);

/* pa-resource-json.c: reads a scalar JSON member into @value (initialised
 * to the pspec's type) by the rules of @flags; errors carry @member_name as
 * their field. */
gboolean pa_json_read_scalar (GParamSpec    *pspec,
                              PaMemberFlags  flags,
                              const char    *member_name,
                              JsonNode      *node,
                              GValue        *value,
                              GError       **error);
void     pa_json_write_scalar (GParamSpec   *pspec,
                               PaMemberFlags flags,
                               const GValue *value,
                               JsonBuilder  *builder);

/* pa-resource-json.c: an array of ids (whole numbers, 1 or more) into
 * @value (a GArray of gint64). The messages say what is wrong in the
 * words of the member: not an array, an element not a whole number, an
 * element below 1. */
typedef struct
{
  const char *not_array;
  const char *not_id;
  const char *below_one;
} PaIdArrayMessages;

gboolean pa_json_read_id_array  (JsonNode                *node,
                                 const char              *member_name,
                                 const PaIdArrayMessages *messages,
                                 GValue                  *value,
                                 GError                 **error);
void     pa_json_write_id_array (GArray       *ids,
                                 JsonBuilder  *builder);

/* A member that is an array of strings, into @value (a GStrv); an
 * element that is not a string is refused naming @member_name. */
gboolean pa_json_read_string_array  (JsonNode     *node,
                                     const char   *member_name,
                                     GValue       *value,
                                     GError      **error);
void     pa_json_write_string_array (const char * const *strings,
                                     JsonBuilder        *builder);

/* pa-validate.c: validation helpers returning FALSE with an error naming @field. */
gboolean pa_validate_uint_range (guint        value,
                                 guint        min,
                                 guint        max,
                                 const char  *field,
                                 GError     **error);
/* NULL or "" fails. */
gboolean pa_validate_not_empty  (const char  *value,
                                 const char  *field,
                                 GError     **error);

/* The `name` (required) and `description` (optional) of the resources
 * users name: phones, profiles, layouts and module layouts. */
#define PA_NAME_MAX_CHARS        128
#define PA_DESCRIPTION_MAX_CHARS 1024
gboolean pa_validate_name_and_description (const char  *name,
                                           const char  *description,
                                           GError     **error);

PaCatalog *pa_resource_resolve_catalog (PaCatalog *catalog);

G_END_DECLS
