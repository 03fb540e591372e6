/* pa-inherit-row.h — a setting a profile sets itself or inherits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PA_TYPE_INHERIT_ROW (pa_inherit_row_get_type ())
G_DECLARE_FINAL_TYPE (PaInheritRow, pa_inherit_row, PA, INHERIT_ROW, AdwActionRow)

/* An action row with two faces. Inheriting: the effective value, dimmed,
 * where it comes from as the subtitle ("Inherited from “Office”",
 * "Server default") and an Override button. Its own: the "editor" widget
 * (a drop-down, an entry, …) and a Reset button.
 *
 * Properties: "own" (bool), "editor" (GtkWidget, nullable: a row without
 * one shows its value either way), "value" (the inherited value's text),
 * "source" (the subtitle while inheriting), "override-blocker" (nullable:
 * why Override is off, its tooltip; the button stays, greyed).
 * Actions on the row: "inherit.override" (emits "override"),
 * "inherit.reset" (emits "reset"); the row's owner acts on them and sets
 * "own". The editor and both buttons are named for screen readers after
 * the row's title. */
GtkWidget  *pa_inherit_row_new              (void);

gboolean    pa_inherit_row_get_own          (PaInheritRow *self);
void        pa_inherit_row_set_own          (PaInheritRow *self,
                                             gboolean      own);
GtkWidget  *pa_inherit_row_get_editor       (PaInheritRow *self);
void        pa_inherit_row_set_editor       (PaInheritRow *self,
                                             GtkWidget    *editor);
const char *pa_inherit_row_get_value        (PaInheritRow *self);
void        pa_inherit_row_set_value        (PaInheritRow *self,
                                             const char   *value);
const char *pa_inherit_row_get_source       (PaInheritRow *self);
void        pa_inherit_row_set_source       (PaInheritRow *self,
                                             const char   *source);
void        pa_inherit_row_set_override_blocker (PaInheritRow *self,
                                                 const char   *blocker);

G_END_DECLS
