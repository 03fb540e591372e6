/* pa-layout-designer-private.h — what the designer's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-agent-palette.h"
#include "pa-key-palette.h"
#include "pa-layout-designer.h"
#include "pa-phone-face.h"

G_BEGIN_DECLS

struct _PaLayoutDesigner
{
  AdwWindow         parent_instance;

  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkMenuButton    *sidecars_button;
  AdwButtonContent *sidecars_content;
  GtkSpinButton    *sidecars_spin;
  GtkAdjustment    *sidecars_adjustment;
  GtkBox           *module_choices_box;
  GtkWidget        *save_button;
  GtkRevealer      *problem_revealer;
  GtkLabel         *problem_label;
  PaPhoneFace      *face;
  PaKeyPalette     *key_palette;
  PaAgentPalette   *agent_palette;
  GtkBox           *trash_box;
  AdwFlap          *flap;

  PaRepository     *repository;
  PaDeviceModel    *model;
  PaLayoutDocument *document;
  /* Working copies of the sidecars' module layouts, by surface - 1; may be
   * longer than the document's sidecars so a removed one keeps its edits. */
  GPtrArray        *module_choices;
  guint             n_modules;
  gboolean          carry_modified;   /* edits from before a rebuild */
  gboolean          module_only;      /* editing a module layout: the phone is scenery */
  gboolean          saving;
  gboolean          close_after_save;
  gboolean          syncing;
  char             *save_blocker;
  char             *last_result;
  GtkWidget        *close_dialog;
  GCancellable     *cancellable;
};

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_N_MODULES,
  PROP_SAVING,
  N_PROPS
};

/* pa-layout-designer.c */
void            pa_layout_designer_notify                 (PaLayoutDesigner *self,
                                                           guint             prop_id);
gboolean        pa_layout_designer_is_modified            (PaLayoutDesigner *self);
/* The name of what is edited: the layout, or the module layout alone. */
const char     *pa_layout_designer_edited_name            (PaLayoutDesigner *self);
/* Actions, title and the problem line follow the document and "saving". */
void            pa_layout_designer_update_state           (PaLayoutDesigner *self);
void            pa_layout_designer_rebuild_document       (PaLayoutDesigner *self,
                                                           PaLayout         *layout);

/* pa-layout-designer-sidecars.c */
void            pa_layout_designer_sync_module_choices    (PaLayoutDesigner *self);
void            pa_layout_designer_rebuild_module_choices (PaLayoutDesigner *self);
void            pa_layout_designer_sidecars_changed       (PaLayoutDesigner *self);
PaLayout       *pa_layout_designer_find_sidecar_owner     (PaRepository     *repository,
                                                           PaModuleLayout   *module_layout);
void            pa_layout_designer_guess_modules          (PaLayoutDesigner *self,
                                                           PaLayout         *layout);

/* pa-layout-designer-save.c */
void            pa_layout_designer_start_save             (PaLayoutDesigner *self);
/* With unsaved changes, asks whether to save them and returns TRUE: the
 * answer closes the window (or not). FALSE: nothing to ask, close now. */
gboolean        pa_layout_designer_ask_to_save            (PaLayoutDesigner *self);

G_END_DECLS
