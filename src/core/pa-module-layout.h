/* pa-module-layout.h — a button layout for one expansion module type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-key.h"
#include "pa-resource.h"

G_BEGIN_DECLS

#define PA_TYPE_MODULE_LAYOUT (pa_module_layout_get_type ())

G_DECLARE_FINAL_TYPE (PaModuleLayout, pa_module_layout, PA, MODULE_LAYOUT, PaResource)

/* JSON members, in order: id, revision, name, description, module,
 * is_default, keys. */
PaModuleLayout *pa_module_layout_new             (void);

const char     *pa_module_layout_get_name        (PaModuleLayout *self);   /* "" when unset */
void            pa_module_layout_set_name        (PaModuleLayout *self,
                                                  const char     *name);
const char     *pa_module_layout_get_description (PaModuleLayout *self);   /* nullable */
void            pa_module_layout_set_description (PaModuleLayout *self,
                                                  const char     *description);
const char     *pa_module_layout_get_module      (PaModuleLayout *self);   /* "" when unset */
void            pa_module_layout_set_module      (PaModuleLayout *self,
                                                  const char     *module_id);
gboolean        pa_module_layout_get_is_default  (PaModuleLayout *self);
void            pa_module_layout_set_is_default  (PaModuleLayout *self,
                                                  gboolean        is_default);
/* Of PaKey, transfer none, never NULL; the setter deep-copies. */
GListModel     *pa_module_layout_get_keys        (PaModuleLayout *self);
void            pa_module_layout_set_keys        (PaModuleLayout *self,
                                                  GListModel     *keys);

G_END_DECLS
