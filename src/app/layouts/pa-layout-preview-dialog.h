/* pa-layout-preview-dialog.h — "Preview Config…": the file a chosen phone would get
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-layout.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_LAYOUT_PREVIEW_DIALOG (pa_layout_preview_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PaLayoutPreviewDialog, pa_layout_preview_dialog, PA, LAYOUT_PREVIEW_DIALOG, AdwWindow)

/* Phones of @layout's model to choose from; the preview is of the phone's
 * device file as provd would render it if the phone used @layout (its saved
 * version: a note says so when @layout has unsaved key changes, and a layout
 * never saved has nothing to preview), passwords masked by the server. The
 * sidecars show the phone's own module layouts. Property "loading" (bool). */
GtkWidget  *pa_layout_preview_dialog_new      (GtkWindow             *parent,
                                               PaRepository          *repo,
                                               PaLayout              *layout);
void        pa_layout_preview_dialog_set_phone (PaLayoutPreviewDialog *self,
                                                gint64                 phone_id);
/* The text shown (NULL while none). */
char       *pa_layout_preview_dialog_get_text (PaLayoutPreviewDialog *self);
gboolean    pa_layout_preview_dialog_get_loading (PaLayoutPreviewDialog *self);

G_END_DECLS
