/* pa-key-palette.h — the designer's list of key types to drag onto keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pa-key.h"

G_BEGIN_DECLS

#define PA_TYPE_KEY_PALETTE (pa_key_palette_get_type ())
G_DECLARE_FINAL_TYPE (PaKeyPalette, pa_key_palette, PA, KEY_PALETTE, GtkWidget)

/* One row per assignable type, in the order of pa_key_palette_types():
 * each a drag source (PA_DRAG_KEY_TYPE) and activatable with Enter.
 * Signal "type-activated" (guint: PaKeyType): the user chose a type with
 * the keyboard or a click, to assign to the focused key. */
GtkWidget       *pa_key_palette_new         (void);
const PaKeyType *pa_key_palette_types       (guint        *n_types);
/* Plain: a translated line saying what a key type does (the title is
 * pa_key_type_get_title()). */
const char      *pa_key_palette_type_description (PaKeyType type);
/* The row for @type (tests drag from it), or NULL. */
GtkWidget       *pa_key_palette_get_row     (PaKeyPalette *self,
                                             PaKeyType     type);

G_END_DECLS
