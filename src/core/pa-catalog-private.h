/* pa-catalog-private.h — shared by the catalog loader and its object types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-catalog.h"

G_BEGIN_DECLS

/* Strict readers for one member of a catalog object. @where names the
 * object in messages ("models[3] (yealink-t54w)"). A missing optional member
 * gives NULL / FALSE without an error; callers tell the cases apart by
 * checking @error. */
gboolean    pa_catalog_json_check_members (JsonObject         *object,
                                           const char         *where,
                                           const char * const *allowed,
                                           GError            **error);
JsonObject *pa_catalog_json_get_object    (JsonObject         *object,
                                           const char         *where,
                                           const char         *member,
                                           gboolean            required,
                                           GError            **error);
JsonArray  *pa_catalog_json_get_array     (JsonObject         *object,
                                           const char         *where,
                                           const char         *member,
                                           gboolean            required,
                                           GError            **error);
/* Non-empty string. */
const char *pa_catalog_json_get_string    (JsonObject         *object,
                                           const char         *where,
                                           const char         *member,
                                           gboolean            required,
                                           GError            **error);
gboolean    pa_catalog_json_get_uint      (JsonObject         *object,
                                           const char         *where,
                                           const char         *member,
                                           guint               min,
                                           guint               max,
                                           guint              *out,
                                           GError            **error);
/* Array of non-empty strings; absent gives an empty vector. */
char      **pa_catalog_json_get_strv      (JsonObject         *object,
                                           const char         *where,
                                           const char         *member,
                                           gboolean            required,
                                           GError            **error);
/* An absent member gives %TRUE and NULL in *@out. */
gboolean    pa_catalog_json_get_optional_string (JsonObject   *object,
                                                 const char   *where,
                                                 const char   *member,
                                                 const char  **out,
                                                 GError      **error);
/* The required `id`, checked with pa_catalog_id_is_valid(). */
const char *pa_catalog_json_get_id        (JsonObject         *object,
                                           const char         *where,
                                           GError            **error);
/* The optional `guessed` list, checked against @guessable (see
 * pa_catalog_check_guessed()); NULL only on error, else a vector to free. */
char      **pa_catalog_json_get_guessed   (JsonObject         *object,
                                           const char         *where,
                                           const char * const *guessable,
                                           GError            **error);
/* The optional `face` object: {"columns": 1|2, "screen": true|false}, both
 * required when `face` is given. An absent `face` leaves *@columns and
 * *@screen as the caller set them (its defaults). */
gboolean    pa_catalog_json_get_face      (JsonObject         *object,
                                           const char         *where,
                                           guint              *columns,
                                           gboolean           *screen,
                                           GError            **error);
/* `cfg` or `xml`. */
gboolean    pa_catalog_check_config_format (const char        *value,
                                            const char        *where,
                                            GError           **error);
/* Lower-case letters, digits and '-', starting with a letter or digit. */
gboolean    pa_catalog_id_is_valid        (const char         *id);
/* Checks a "guessed" list against the members the object may mark. */
gboolean    pa_catalog_check_guessed      (const char * const *guessed,
                                           const char         *where,
                                           const char * const *fields,
                                           GError            **error);
/* What each object's *_is_guessed() answers. */
gboolean    pa_catalog_guessed_contains   (char              **guessed,
                                           const char         *field);

/* Read-only properties of the catalog objects. */
GParamSpec *pa_catalog_string_pspec       (const char         *name);
GParamSpec *pa_catalog_uint_pspec         (const char         *name);

PaVendor          *pa_vendor_new_from_json           (JsonObject *object,
                                                      const char *where,
                                                      GError    **error);
PaExpansionModule *pa_expansion_module_new_from_json (JsonObject *object,
                                                      const char *where,
                                                      GError    **error);
/* Checks vendor and modules against @catalog, which must already hold every
 * vendor and module. */
PaDeviceModel     *pa_device_model_new_from_json     (JsonObject *object,
                                                      const char *where,
                                                      PaCatalog  *catalog,
                                                      GError    **error);

G_END_DECLS
