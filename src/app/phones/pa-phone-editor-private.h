/* pa-phone-editor-private.h — what the phone editor's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pa-phone-editor.c: the window, its state and actions;
 * pa-phone-editor-fill.c: filling the combo rows from the catalog and the
 * repository; pa-phone-editor-sidecars.c: the layout each attached sidecar
 * shows; pa-phone-editor-download.c: Download Config;
 * pa-phone-editor-errors.c: messages on fields and above the form;
 * pa-phone-editor-status.c: what the server saw of the phone;
 * pa-phone-editor-region.c: the SIP region it picks;
 * pa-phone-editor-profile.c: its profile and what it inherits.
 */
#pragma once

#include "pa-phone-editor.h"
#include "pa-profile-inherit.h"

G_BEGIN_DECLS

struct _PaPhoneEditor
{
  PaEditor parent_instance;

  PaRepository *repo;
  PaPhone      *phone;      /* the stored phone being edited; NULL: new */
  PaPhone      *initial;    /* the form as opened, to tell whether it changed */

  /* Template children */
  AdwEntryRow          *name_row;
  AdwEntryRow          *description_row;
  GtkWidget            *mac_row;
  GtkBox               *mac_box;
  AdwComboRow          *brand_row;
  AdwComboRow          *model_row;
  AdwComboRow          *module_row;
  AdwActionRow         *module_count_row;
  GtkSpinButton        *module_count;
  AdwComboRow          *agent_row;
  AdwComboRow          *layout_row;
  AdwComboRow          *profile_row;
  AdwPreferencesGroup  *inherited_group;
  AdwActionRow         *inherited_rows[PA_PROFILE_N_MEMBERS];
  GtkLabel             *inherited_values[PA_PROFILE_N_MEMBERS];
  AdwEntryRow          *sip_server_row;
  AdwComboRow          *region_row;
  AdwEntryRow          *timezone_row;
  AdwActionRow         *port_row;
  GtkSpinButton        *port_spin;
  AdwComboRow          *password_mode_row;
  AdwEntryRow          *password_row;
  GtkSwitch            *http_auth_switch;
  AdwPreferencesGroup  *provisioning_group;
  AdwPreferencesGroup  *status_group;
  AdwActionRow         *status_row;
  AdwActionRow         *push_row;
  AdwActionRow         *address_row;
  AdwActionRow         *firmware_row;
  AdwActionRow         *seen_row;
  AdwExpanderRow       *fetches_row;
  GPtrArray            *fetch_rows;   /* the expander's rows, to replace them */
  AdwPreferencesGroup  *assignment_group;
  AdwActionRow         *attention_row;
  AdwActionRow         *link_row;
  AdwActionRow         *username_row;
  AdwActionRow         *download_row;

  GtkWidget *mac_entry;

  /* What each combo row's items stand for, index by index. */
  GPtrArray *vendor_ids;    /* [0] is the "choose" placeholder: NULL */
  GPtrArray *model_ids;
  GPtrArray *module_ids;    /* [0] "None": NULL */
  GArray    *agent_ids;     /* [0] "Unassigned": 0 */
  GArray    *layout_ids;    /* [0] "None": 0 */
  GArray    *profile_ids;   /* [0] "None": 0 */
  GPtrArray *region_ids;    /* [0] "None": NULL */
  GPtrArray *sidecar_rows;  /* AdwComboRow, one per attached module */

  GHashTable *error_rows;   /* field row → the message row under it */
  PaSettings *settings;     /* the server's, for its defaults; NULL until read */

  guint    updating;        /* > 0 while the code, not the user, moves a combo */
  gboolean brand_touched;   /* the user (or the phone) chose a brand */
  gboolean valid;
  gboolean downloading;
  char    *download_result;  /* the last download's toast */
};

/* pa-phone-editor-fill.c */
const char *pa_phone_editor_selected_string     (GPtrArray     *ids,
                                                 AdwComboRow   *row);
gint64      pa_phone_editor_selected_id         (GArray        *ids,
                                                 AdwComboRow   *row);
void        pa_phone_editor_fill_brands         (PaPhoneEditor *self);
void        pa_phone_editor_fill_models         (PaPhoneEditor *self,
                                                 const char    *preferred);
void        pa_phone_editor_update_module_count (PaPhoneEditor *self);
void        pa_phone_editor_fill_layouts        (PaPhoneEditor *self,
                                                 gint64         preferred);
void        pa_phone_editor_fill_agents         (PaPhoneEditor *self,
                                                 gint64         preferred);
/* After the model changed: sidecars and layouts belong to a model. */
void        pa_phone_editor_model_changed       (PaPhoneEditor *self);
void        pa_phone_editor_select_brand        (PaPhoneEditor *self,
                                                 const char    *vendor_id);

/* pa-phone-editor-sidecars.c */
void        pa_phone_editor_update_sidecar_rows (PaPhoneEditor *self);
GPtrArray  *pa_phone_editor_build_modules       (PaPhoneEditor *self);

/* pa-phone-editor-download.c: "editor.download-config" */
void        pa_phone_editor_download_config_action (GtkWidget  *widget,
                                                    const char *action_name,
                                                    GVariant   *parameter);

/* pa-phone-editor.c: for a request's callback, a weak reference: an answer
 * is no reason to keep a closed window (and its link to a parent that may
 * be gone) alive. _take() frees @weak and gives the editor (a new
 * reference) while it is open, else NULL. */
GWeakRef   *pa_phone_editor_weak_ref            (PaPhoneEditor *self);
PaPhoneEditor *pa_phone_editor_take_weak_ref    (GWeakRef      *weak);

/* pa-phone-editor.c: the user changed @row. */
void        pa_phone_editor_form_changed        (PaPhoneEditor *self,
                                                 gpointer       row);

/* pa-phone-editor-errors.c */
void        pa_phone_editor_clear_field_error   (PaPhoneEditor *self,
                                                 GtkWidget     *row);
void        pa_phone_editor_clear_field_errors  (PaPhoneEditor *self);
/* On the field the error names, or above the form. */
void        pa_phone_editor_show_save_error     (PaPhoneEditor *self,
                                                 const GError  *error);

/* pa-phone-editor-region.c: shows @selected, then the server's regions. */
void        pa_phone_editor_load_regions        (PaPhoneEditor *self,
                                                 const char    *selected);

/* pa-phone-editor-profile.c: the profile chooser, and what the phone
 * inherits from its profile (else from the server) where it sets
 * nothing itself. */
void        pa_phone_editor_profile_init        (PaPhoneEditor *self);
void        pa_phone_editor_fill_profiles       (PaPhoneEditor *self,
                                                 gint64         preferred);
void        pa_phone_editor_update_inherited    (PaPhoneEditor *self);
void        pa_phone_editor_set_settings        (PaPhoneEditor *self,
                                                 PaSettings    *settings);

/* pa-phone-editor-status.c: fills the Status group of a phone being
 * edited, its recent requests asked of the server. */
void        pa_phone_editor_show_status         (PaPhoneEditor *self);
/* The Status group's Resync and Reboot… buttons. */
void        pa_phone_editor_resync_clicked      (PaPhoneEditor *self);
void        pa_phone_editor_reboot_clicked      (PaPhoneEditor *self);

G_END_DECLS
