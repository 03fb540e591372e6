/* pa-profile-editor.h — add or edit one profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-editor.h"
#include "pa-profile.h"
#include "pa-profile-inherit.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_PROFILE_EDITOR (pa_profile_editor_get_type ())

G_DECLARE_FINAL_TYPE (PaProfileEditor, pa_profile_editor, PA, PROFILE_EDITOR, PaEditor)

/* A modal PaEditor transient for @parent; @profile NULL adds a new one.
 * Properties: "repository", "profile" (construct-only; the stored profile,
 * which the repository updates in place).
 *
 * Each setting shows the profile's own value or what it inherits (from
 * the nearest profile above that sets it, else the server's settings),
 * with Override and Reset (PaInheritRow). Saving a stored profile first
 * shows Review Changes (the phones' files it would rewrite), then saves.
 *
 * Actions besides the editor's: "editor.add-param", "editor.codec-up"
 * and "editor.codec-down" (s: the codec). */
GtkWidget  *pa_profile_editor_new           (GtkWindow       *parent,
                                             PaRepository    *repo,
                                             PaProfile       *profile);

/* The profile as the form describes it now (a new object with the id
 * and revision of the one edited); for tests and for the save. */
PaProfile  *pa_profile_editor_build_profile (PaProfileEditor *self);
/* The row of @member (a PaInheritRow), for tests. */
GtkWidget  *pa_profile_editor_get_row       (PaProfileEditor *self,
                                             PaProfileMember  member);
/* The profiles the parent chooser offers, in its order after "None"
 * (transfer container). */
GPtrArray  *pa_profile_editor_list_parents  (PaProfileEditor *self);
/* Chooses @parent (NULL: none) as the parent, as the user would. */
void        pa_profile_editor_set_parent    (PaProfileEditor *self,
                                             PaProfile       *parent);
/* Whether the server's settings (for the defaults) have arrived. */
gboolean    pa_profile_editor_get_settings_loaded (PaProfileEditor *self);

G_END_DECLS
