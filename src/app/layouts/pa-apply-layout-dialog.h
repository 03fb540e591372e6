/* pa-apply-layout-dialog.h — "Apply to Phones…": pick phones of the layout's model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-layout.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_APPLY_LAYOUT_DIALOG (pa_apply_layout_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PaApplyLayoutDialog, pa_apply_layout_dialog, PA, APPLY_LAYOUT_DIALOG, AdwWindow)

/* @layout must be stored. Signal "applied" (guint: phones changed) after
 * a successful apply; the dialog then closes. */
GtkWidget *pa_apply_layout_dialog_new          (GtkWindow           *parent,
                                                PaRepository        *repo,
                                                PaLayout            *layout);
void       pa_apply_layout_dialog_set_query    (PaApplyLayoutDialog *self,
                                                const char          *query);
guint      pa_apply_layout_dialog_get_n_visible (PaApplyLayoutDialog *self);
/* Ticks or unticks a phone (as its check button does). */
void       pa_apply_layout_dialog_set_selected (PaApplyLayoutDialog *self,
                                                gint64               phone_id,
                                                gboolean             selected);
guint      pa_apply_layout_dialog_get_n_selected (PaApplyLayoutDialog *self);
/* Plain: the phones of @model_id in @phones (transfer container, of PaPhone). */
GPtrArray *pa_phones_of_model                  (GListModel          *phones,
                                                const char          *model_id);

G_END_DECLS
