/* pa-phone-private.h — pieces of PaPhone kept in their own files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-catalog.h"
#include "pa-phone.h"

G_BEGIN_DECLS

/* pa-phone-module.c: a phone's sidecars, a GPtrArray of PaPhoneModule that
 * owns its elements. */
GPtrArray *pa_phone_modules_new           (void);
/* Deep; NULL gives an empty array. */
GPtrArray *pa_phone_modules_copy          (GPtrArray    *modules);
gboolean   pa_phone_modules_equal         (GPtrArray    *a,
                                           GPtrArray    *b);
/* The `modules` member; errors name the field (`modules[2].layout_id`). */
GPtrArray *pa_phone_modules_new_from_json (JsonNode     *node,
                                           GError      **error);
void       pa_phone_modules_write_json    (GPtrArray    *modules,
                                           JsonBuilder  *builder);

/* pa-phone-validate.c: the phone's own rules against @catalog, without the
 * base class's (the caller chains up first). */
gboolean   pa_phone_validate_fields       (PaPhone      *self,
                                           PaCatalog    *catalog,
                                           GError      **error);

G_END_DECLS
