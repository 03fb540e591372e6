/* pa-key-popover.h — asks for a key's value, label and line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pa-layout-edit.h"

G_BEGIN_DECLS

#define PA_TYPE_KEY_POPOVER (pa_key_popover_get_type ())
G_DECLARE_FINAL_TYPE (PaKeyPopover, pa_key_popover, PA, KEY_POPOVER, GtkPopover)

/* Edits @slot of @doc as a key of @type (PA_KEY_EMPTY: the slot's current
 * type, or line for an empty slot); filled from the slot's key. The type can
 * be changed in the popover; lines offered are 1..the model's SIP accounts.
 * Enter in a field or the Apply button (action "key-popover.apply") calls
 * pa_layout_document_set_key() and pops down; Apply is off while a type that
 * needs a value has none. */
GtkWidget   *pa_key_popover_new        (PaLayoutDocument *doc,
                                        PaKeySlot         slot,
                                        PaKeyType         type);
PaKeySlot    pa_key_popover_get_slot   (PaKeyPopover     *self);
PaKeyType    pa_key_popover_get_key_type (PaKeyPopover   *self);
void         pa_key_popover_set_key_type (PaKeyPopover   *self,
                                          PaKeyType       type);
/* The fields, for tests and for the face to prefill. */
void         pa_key_popover_set_value  (PaKeyPopover     *self,
                                        const char       *value);
void         pa_key_popover_set_label  (PaKeyPopover     *self,
                                        const char       *label);
void         pa_key_popover_set_line   (PaKeyPopover     *self,
                                        guint             line);
/* Applies the fields to the document; FALSE (nothing changed) when they are
 * not acceptable yet. */
gboolean     pa_key_popover_apply      (PaKeyPopover     *self);

G_END_DECLS
