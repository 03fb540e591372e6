/* pa-layout.h — a button layout for one phone model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-key.h"
#include "pa-resource.h"

G_BEGIN_DECLS

#define PA_TYPE_LAYOUT (pa_layout_get_type ())

G_DECLARE_FINAL_TYPE (PaLayout, pa_layout, PA, LAYOUT, PaResource)

/* JSON members, in order: id, revision, name, description, model,
 * is_default, keys. */
PaLayout   *pa_layout_new             (void);

const char *pa_layout_get_name        (PaLayout   *self);   /* "" when unset */
void        pa_layout_set_name        (PaLayout   *self,
                                       const char *name);
const char *pa_layout_get_description (PaLayout   *self);   /* nullable */
void        pa_layout_set_description (PaLayout   *self,
                                       const char *description);
const char *pa_layout_get_model       (PaLayout   *self);   /* "" when unset */
void        pa_layout_set_model       (PaLayout   *self,
                                       const char *model_id);
gboolean    pa_layout_get_is_default  (PaLayout   *self);
void        pa_layout_set_is_default  (PaLayout   *self,
                                       gboolean    is_default);
/* Of PaKey, transfer none, never NULL. The setter deep-copies and notifies
 * `keys` only when the keys differ; NULL clears. */
GListModel *pa_layout_get_keys        (PaLayout   *self);
void        pa_layout_set_keys        (PaLayout   *self,
                                       GListModel *keys);

/* The sidecar layouts that go with this layout, one module layout id per
 * daisy-chain position (JSON `sidecars`). A phone showing this layout
 * shows them on its modules, unless a module names a layout of its own.
 * Never NULL; the setter copies. */
GArray     *pa_layout_get_sidecars    (PaLayout     *self);
/* The id at @position (1-based), 0 when there is none. */
gint64      pa_layout_get_sidecar     (PaLayout     *self,
                                       guint         position);
void        pa_layout_set_sidecars    (PaLayout     *self,
                                       const gint64 *module_layout_ids,
                                       guint         n_ids);

G_END_DECLS
