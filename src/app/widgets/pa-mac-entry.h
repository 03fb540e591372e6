/* pa-mac-entry.h — the MAC scanning entry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Takes a MAC typed, pasted or sent by a USB barcode scanner (a keyboard
 * wedge: fast keystrokes ending with Enter), rewrites it to
 * `80:5E:C0:12:34:56` once twelve hex digits are there, shows inline what
 * is wrong, names the vendor from the OUI and warns when a phone already
 * has the MAC. Implements GtkEditable (delegating to its inner entry), so
 * gtk_editable_get_text()/set_text() work on it.
 */
#pragma once

#include <gtk/gtk.h>

#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_MAC_ENTRY (pa_mac_entry_get_type ())
G_DECLARE_FINAL_TYPE (PaMacEntry, pa_mac_entry, PA, MAC_ENTRY, GtkWidget)

/* Properties (all notify):
 *   "mac"         (string, read-only)  normalised MAC, NULL while invalid
 *   "vendor-id"   (string, read-only)  catalog vendor from the OUI, NULL if unknown
 *   "valid"       (bool, read-only)    the text is a usable MAC (a duplicate is
 *                                      still valid; see "duplicate")
 *   "error"       (string, read-only)  the inline message: what is wrong with
 *                                      the text, or the duplicate warning; NULL
 *                                      when nothing is wrong (or the user is
 *                                      still typing the first digits)
 *   "duplicate"   (PaPhone, read-only) the phone that already has this MAC
 *   "repository"  (PaRepository)       for duplicate warnings; nullable
 *   "ignore-phone"(int64)              id of the phone being edited, 0 = none
 *   "show-image-button" (bool)         the "From Image…" button, default TRUE
 * Signal "committed" (const char *mac): Enter with a valid, non-duplicate MAC.
 */
GtkWidget  *pa_mac_entry_new                  (void);

const char *pa_mac_entry_get_mac              (PaMacEntry   *self);   /* normalised, NULL while invalid */
const char *pa_mac_entry_get_vendor_id        (PaMacEntry   *self);   /* from the OUI, NULL if unknown */
gboolean    pa_mac_entry_get_valid            (PaMacEntry   *self);
const char *pa_mac_entry_get_error            (PaMacEntry   *self);   /* nullable */
PaPhone    *pa_mac_entry_get_duplicate        (PaMacEntry   *self);   /* transfer none, nullable */

void        pa_mac_entry_set_repository       (PaMacEntry   *self,
                                               PaRepository *repository);
PaRepository *pa_mac_entry_get_repository     (PaMacEntry   *self);
void        pa_mac_entry_set_ignore_phone     (PaMacEntry   *self,
                                               gint64        phone_id);
gint64      pa_mac_entry_get_ignore_phone     (PaMacEntry   *self);
void        pa_mac_entry_set_show_image_button (PaMacEntry  *self,
                                               gboolean      show);

/* What "From Image…" does once a file is chosen: decodes @file off the
 * main thread and fills in its MAC (or offers a choice of several). When
 * it has none, the message line says so and the text stays as it was,
 * not marked as wrong. */
void        pa_mac_entry_fill_from_image      (PaMacEntry   *self,
                                               GFile        *file);
/* Shows @message inline (e.g. "already in the list" from scan mode) until
 * the text changes, and selects the text so the next scan replaces it;
 * NULL clears it. Sets "error". */
void        pa_mac_entry_show_message         (PaMacEntry   *self,
                                               const char   *message);
/* Empties the field and its message (scan mode, after each row). */
void        pa_mac_entry_clear                (PaMacEntry   *self);
/* The inner GtkText, for key events in tests. Transfer none. */
GtkWidget  *pa_mac_entry_get_text_widget      (PaMacEntry   *self);

G_END_DECLS
