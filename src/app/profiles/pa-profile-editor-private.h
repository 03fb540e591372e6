/* pa-profile-editor-private.h — what the profile editor's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pa-profile-editor.c: the window, loading, building the profile, Save;
 * pa-profile-editor-rows.c: the settings' rows (their choices, own values
 * and what they inherit); pa-profile-editor-codecs.c: the codec order;
 * pa-profile-editor-params.c: custom parameters.
 */
#pragma once

#include "pa-inherit-row.h"
#include "pa-profile-editor.h"

G_BEGIN_DECLS

struct _PaProfileEditor
{
  PaEditor parent_instance;

  PaRepository  *repo;
  PaProfile     *profile;       /* the stored profile; NULL until a new one is saved */
  PaProfile     *initial;       /* the form as opened (or last saved) */
  PaSettings    *settings;      /* the server's, for its defaults; NULL until read */
  PaInheritance *inheritance;   /* of the parent chosen in the form */
  guint          filling;       /* > 0 while the code, not the user, changes the form */

  /* Template children */
  AdwEntryRow   *name_row;
  AdwEntryRow   *description_row;
  AdwComboRow   *parent_row;
  PaInheritRow  *timezone_row;
  PaInheritRow  *ntp_row;
  PaInheritRow  *interval_row;
  PaInheritRow  *layout_row;
  PaInheritRow  *region_row;
  PaInheritRow  *admin_row;
  PaInheritRow  *transport_row;
  PaInheritRow  *srtp_row;
  PaInheritRow  *dtmf_row;
  PaInheritRow  *codecs_row;
  GtkDropDown   *timezone_dropdown;
  GtkEntry      *ntp_entry;
  GtkSpinButton *interval_spin;
  GtkDropDown   *layout_dropdown;
  GtkDropDown   *region_dropdown;
  GtkDropDown   *admin_dropdown;
  GtkDropDown   *transport_dropdown;
  GtkDropDown   *srtp_dropdown;
  GtkDropDown   *dtmf_dropdown;
  GtkLabel      *codecs_label;
  GtkListBox    *codecs_list;
  GtkListBox    *params_list;
  GtkListBox    *inherited_params_list;

  PaInheritRow  *rows[PA_PROFILE_N_MEMBERS];
  GArray        *parent_ids;    /* gint64, the parent chooser's order; [0] none */
  GArray        *layout_ids;    /* gint64, the layout drop-down's order */
  GPtrArray     *region_names;  /* the region drop-down's order */
  GPtrArray     *codec_order;   /* every known codec, in the list's order */
  GHashTable    *codecs_used;   /* the ones ticked */
  GPtrArray     *param_rows;    /* PaParamRow, the profile's own, in order */
};

/* pa-profile-editor.c: the user (not the code) changed the form. */
void        pa_profile_editor_changed          (PaProfileEditor *self);

/* pa-profile-editor-rows.c */
void        pa_profile_editor_rows_init        (PaProfileEditor *self);
/* The choices that come from the repository and the settings. */
void        pa_profile_editor_fill_layouts     (PaProfileEditor *self);
void        pa_profile_editor_fill_regions     (PaProfileEditor *self);
/* Every member of @profile into the form: its own value where it sets
 * one, else the row inherits. */
void        pa_profile_editor_load_members     (PaProfileEditor *self,
                                                PaProfile       *profile);
/* The form's members into @profile: own values set, the rest unset. */
void        pa_profile_editor_read_members     (PaProfileEditor *self,
                                                PaProfile       *profile);
/* Why the members cannot be saved as they are, or NULL. */
char       *pa_profile_editor_check_members    (PaProfileEditor *self);
/* What each row inherits, after the parent, a profile above or the
 * settings changed. */
void        pa_profile_editor_update_inherited (PaProfileEditor *self);

/* pa-profile-editor-codecs.c */
void        pa_profile_editor_codecs_init      (GtkWidgetClass  *widget_class);
/* @codecs (NULL: none ticked) first, in order, then the others. */
void        pa_profile_editor_set_codecs       (PaProfileEditor *self,
                                                const char * const *codecs);
/* The ticked codecs in order (transfer full; empty when none). */
GStrv       pa_profile_editor_dup_codecs       (PaProfileEditor *self);

/* pa-profile-editor-params.c */
void        pa_profile_editor_params_init      (GtkWidgetClass  *widget_class);
void        pa_profile_editor_load_params      (PaProfileEditor *self,
                                                PaProfile       *profile);
/* The own parameters into @profile's table. */
void        pa_profile_editor_read_params      (PaProfileEditor *self,
                                                PaProfile       *profile);
char       *pa_profile_editor_check_params     (PaProfileEditor *self);
/* The inherited parameters' rows, after the inheritance or the own ones changed. */
void        pa_profile_editor_update_inherited_params (PaProfileEditor *self);

G_END_DECLS
