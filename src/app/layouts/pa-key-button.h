/* pa-key-button.h — one programmable key drawn on the phone face, and the
 * drag payload every drag in the designer carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pa-layout-edit.h"

G_BEGIN_DECLS

/* A PaDragSource in a GValue, so GtkDragSource/GtkDropTarget can carry it.
 * The boxed copy owns its strings (agent_name, agent_extension), unlike a
 * PaDragSource on the stack. */
#define PA_TYPE_DRAG_SOURCE (pa_drag_source_get_type ())
GType         pa_drag_source_get_type (void) G_GNUC_CONST;
PaDragSource *pa_drag_source_copy     (const PaDragSource *src);
void          pa_drag_source_free     (PaDragSource       *src);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaDragSource, pa_drag_source_free)

/* The content a GtkDragSource "prepare" handler returns for @src (palette
 * rows, agent rows, keys). Transfer full. */
GdkContentProvider *pa_drag_source_content_new (const PaDragSource *src);

/* The icon of a key type (Adwaita symbolic), NULL for PA_KEY_EMPTY. */
const char *pa_key_button_type_icon_name (PaKeyType type);

#define PA_TYPE_KEY_BUTTON (pa_key_button_get_type ())
G_DECLARE_FINAL_TYPE (PaKeyButton, pa_key_button, PA, KEY_BUTTON, GtkWidget)

/* Shows what the document holds at @slot: the label (else the value, else
 * the type's title) and the type's icon; CSS classes "empty" (no key),
 * "error" (pa_layout_document_check_key() found problems: the tooltip lists
 * them), "cut" (waiting to be pasted). Focusable; Enter/Space emit
 * "activate". Carries no drag controllers itself: PaPhoneFace adds them. */
GtkWidget   *pa_key_button_new       (PaLayoutDocument *document,
                                      PaKeySlot         slot);
PaKeySlot    pa_key_button_get_slot  (PaKeyButton      *self);
/* Re-reads the key from the document (after "key-changed"). */
void         pa_key_button_update    (PaKeyButton      *self);
/* What the key shows, "" when empty (for tests). */
const char  *pa_key_button_get_text  (PaKeyButton      *self);
/* The shown icon name, NULL when empty. */
const char  *pa_key_button_get_icon_name (PaKeyButton  *self);
/* The drop target PaPhoneFace put on the key (tests emit "drop" on it). */
GtkDropTarget *pa_key_button_get_drop_target (PaKeyButton *self);
void         pa_key_button_set_drop_target (PaKeyButton   *self,
                                            GtkDropTarget *target);
/* Parents @popover (a GtkPopover, or NULL to remove the current one) to the
 * key and pops it up; the key keeps it positioned. */
void         pa_key_button_show_popover (PaKeyButton   *self,
                                         GtkWidget     *popover);
GtkWidget   *pa_key_button_get_popover  (PaKeyButton   *self);

G_END_DECLS
