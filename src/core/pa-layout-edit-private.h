/* pa-layout-edit-private.h — shared by the document and its drop/validation
 * logic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-layout-edit.h"

G_BEGIN_DECLS

/* TRUE when @slot names an existing key position. */
gboolean  pa_layout_document_slot_is_valid (PaLayoutDocument *self,
                                            PaKeySlot         slot);
/* The vendor whose key codes apply on @surface (the module's vendor on a
 * sidecar); nullable. */
PaVendor *pa_layout_document_get_surface_vendor (PaLayoutDocument *self,
                                                 guint             surface);
/* Records one undoable step of up to @n_changes slot changes, each putting
 * @after (a reference is taken; NULL empties) in the slot. Changes that
 * change nothing are left out; a step with none is not recorded. */
void      pa_layout_document_commit (PaLayoutDocument *self,
                                     const PaKeySlot  *slots,
                                     PaKey * const    *afters,
                                     guint             n_changes);

G_END_DECLS
