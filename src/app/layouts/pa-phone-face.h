/* pa-phone-face.h — the phone (and its sidecars) drawn from the catalog,
 * with drag and drop and keyboard editing of the keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pa-key-button.h"
#include "pa-key-popover.h"
#include "pa-layout-edit.h"

G_BEGIN_DECLS

#define PA_TYPE_PHONE_FACE (pa_phone_face_get_type ())
G_DECLARE_FINAL_TYPE (PaPhoneFace, pa_phone_face, PA, PHONE_FACE, GtkWidget)

/* Property "document" (PaLayoutDocument, nullable). Draws the phone body
 * with its screen and the current page's keys (left column top to bottom,
 * then right), page tabs, and each sidecar beside it (below when narrow).
 *
 * Signals:
 *  "key-activated" (guint surface, guint index): Enter/Space/double click
 *    on a key; the default handler opens a PaKeyPopover on it.
 *  "drop-done" (guint surface, guint index): a drop or keyboard move
 *    changed the document (the target slot).
 *
 * Actions (on the focused key; shortcuts in brackets): face.edit (Enter),
 * face.set-type (s: key type nick), face.clear (Delete), face.cut (Ctrl+X),
 * face.paste (Ctrl+V), face.move-next-empty (Ctrl+M), face.move-to-page
 * (u: 1-based page of the same surface), face.move-to-surface (u: surface),
 * face.context-menu (Shift+F10, Menu), face.next-page / face.previous-page
 * (Page Down / Page Up). Arrow keys move the focus between keys. */
GtkWidget        *pa_phone_face_new          (void);
PaLayoutDocument *pa_phone_face_get_document (PaPhoneFace      *self);
void              pa_phone_face_set_document (PaPhoneFace      *self,
                                              PaLayoutDocument *document);

/* Pages of @surface (1 for an unknown surface), and the one shown (0-based). */
guint      pa_phone_face_get_n_pages     (PaPhoneFace *self,
                                          guint        surface);
guint      pa_phone_face_get_page        (PaPhoneFace *self,
                                          guint        surface);
void       pa_phone_face_set_page        (PaPhoneFace *self,
                                          guint        surface,
                                          guint        page);

/* The key widget for @slot (on any page), NULL out of range. Transfer none. */
PaKeyButton *pa_phone_face_get_key_button (PaPhoneFace *self,
                                           PaKeySlot    slot);
/* The key the keyboard actions act on (the focused one, or the last one
 * focused); FALSE when there is none. */
gboolean   pa_phone_face_get_current_slot (PaPhoneFace *self,
                                           PaKeySlot   *slot);
/* Shows the slot's page and focuses its key. */
void       pa_phone_face_focus_key       (PaPhoneFace *self,
                                          PaKeySlot    slot);
/* Opens the PaKeyPopover on @slot for @type (PA_KEY_EMPTY: keep the key's
 * type); returns it (transfer none). */
GtkWidget *pa_phone_face_edit_key        (PaPhoneFace *self,
                                          PaKeySlot    slot,
                                          PaKeyType    type);
/* Performs what dropping @source on @slot does (as a drop on that key
 * would: reject with a toast, popover for a type, else the document's
 * drop). TRUE when the document changed or a popover opened. */
gboolean   pa_phone_face_drop            (PaPhoneFace        *self,
                                          const PaDragSource *source,
                                          PaKeySlot           slot);

/* A "drag a key here to clear it" area for the designer to place near the
 * face; dropping a key of @face on it clears the key. */
GtkWidget     *pa_key_trash_new             (PaPhoneFace *face);
GtkDropTarget *pa_key_trash_get_drop_target (GtkWidget   *trash);

G_END_DECLS
