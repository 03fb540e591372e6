/* pa-layout-designer.h — the window that edits one layout on a drawn phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-layout.h"
#include "pa-layout-edit.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_LAYOUT_DESIGNER (pa_layout_designer_get_type ())
G_DECLARE_FINAL_TYPE (PaLayoutDesigner, pa_layout_designer, PA, LAYOUT_DESIGNER, AdwWindow)

/* @layout: a stored layout (edited as a copy) or a new one (id 0) with its
 * model set. Actions on the window: designer.undo (Ctrl+Z), designer.redo
 * (Ctrl+Shift+Z), designer.save (Ctrl+S), designer.set-default,
 * designer.apply, designer.preview, designer.assign-type (s: key type nick,
 * to the face's focused key), designer.clear-key (Delete).
 * Properties: "document" (PaLayoutDocument, read-only), "n-modules"
 * (uint: sidecars drawn), "saving" (bool, read-only). */
GtkWidget        *pa_layout_designer_new             (GtkWindow        *parent,
                                                      PaRepository     *repo,
                                                      PaLayout         *layout);
/* Edits @layout's keys on a sidecar drawn beside the first phone model
 * that takes the module (the phone's own keys are not saved). NULL when no
 * model in the catalog takes it. */
GtkWidget        *pa_layout_designer_new_for_module  (GtkWindow        *parent,
                                                      PaRepository     *repo,
                                                      PaModuleLayout   *layout);
PaLayoutDocument *pa_layout_designer_get_document    (PaLayoutDesigner *self);
GtkWidget        *pa_layout_designer_get_face        (PaLayoutDesigner *self);
GtkWidget        *pa_layout_designer_get_key_palette (PaLayoutDesigner *self);
GtkWidget        *pa_layout_designer_get_agent_palette (PaLayoutDesigner *self);
guint             pa_layout_designer_get_n_modules   (PaLayoutDesigner *self);
/* Rebuilds the document with @n_modules sidecars (0 … the model's max);
 * each uses the module layout chosen with set_module_layout (or the
 * module's default, or a new one). Edits so far are kept (and still
 * count as unsaved) but the undo history starts again. FALSE when out of
 * range. @surface: 1..n; @layout must fit the model. */
gboolean          pa_layout_designer_set_n_modules   (PaLayoutDesigner *self,
                                                      guint             n_modules);
gboolean          pa_layout_designer_set_module_layout (PaLayoutDesigner *self,
                                                        guint             surface,
                                                        PaModuleLayout   *layout);
/* Why Save is off (validation), or NULL when it can save. */
const char       *pa_layout_designer_get_save_blocker (PaLayoutDesigner *self);
gboolean          pa_layout_designer_get_saving      (PaLayoutDesigner *self);
/* The last save's toast ("Saved. 2 phones will update…"), NULL before. */
const char       *pa_layout_designer_get_last_result (PaLayoutDesigner *self);
/* The close confirmation while shown, else NULL (for tests). */
GtkWidget        *pa_layout_designer_get_close_dialog (PaLayoutDesigner *self);

G_END_DECLS
