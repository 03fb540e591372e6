/* pa-scan-dialog.h — scan mode: add many phones in one go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-mac-entry.h"
#include "pa-scan-credential.h"
#include "pa-scan-row.h"

G_BEGIN_DECLS

#define PA_TYPE_SCAN_DIALOG (pa_scan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PaScanDialog, pa_scan_dialog, PA, SCAN_DIALOG, AdwWindow)

/* A modal window: a PaMacEntry (focused), default brand/model and agent,
 * one row per scan ending with Enter, then "Create N Phones".
 * Actions on the widget: "scan.create" (creates every row not created yet),
 * "scan.remove-row" (uint32 position), "scan.show-credentials" (Ctrl+P,
 * enabled once a phone was created: opens PaScanCredentialsDialog over the
 * SIP passwords the server showed once). Property "pending" (uint,
 * notifies): rows not created yet; "busy" (bool): creation running.
 * Closing while a created phone's password was neither viewed nor copied
 * asks first (AdwMessageDialog, responses "cancel", "close", "show");
 * closing forgets (and overwrites) every password. */
GtkWidget  *pa_scan_dialog_new               (GtkWindow    *parent,
                                              PaRepository *repo);

GListModel *pa_scan_dialog_get_rows          (PaScanDialog *self);   /* of PaScanRow, transfer none */
PaMacEntry *pa_scan_dialog_get_entry         (PaScanDialog *self);   /* transfer none */
guint       pa_scan_dialog_get_pending       (PaScanDialog *self);
gboolean    pa_scan_dialog_get_busy          (PaScanDialog *self);
/* Defaults for the next rows; NULL / 0 = none. The model also selects its
 * brand. */
void        pa_scan_dialog_set_default_model (PaScanDialog *self,
                                              const char   *model_id);
const char *pa_scan_dialog_get_default_model (PaScanDialog *self);   /* nullable */
void        pa_scan_dialog_set_default_agent (PaScanDialog *self,
                                              gint64        agent_id);
/* Runs the scan of @text as if it was typed and ended with Enter; returns
 * the row added or NULL (the reason is shown in the entry). */
PaScanRow  *pa_scan_dialog_add_scan          (PaScanDialog *self,
                                              const char   *text);

/* Of PaScanCredential, in creation order; emptied when the dialog closes. */
GListModel *pa_scan_dialog_get_credentials   (PaScanDialog *self);   /* transfer none */
PaScanCredential *pa_scan_dialog_get_row_credential (PaScanDialog *self,
                                                     PaScanRow    *row);  /* nullable */
/* The open summary, else NULL (transfer none). */
GtkWidget  *pa_scan_dialog_get_credentials_dialog (PaScanDialog *self);
/* The close confirmation while it is open, else NULL (transfer none). */
AdwMessageDialog *pa_scan_dialog_get_confirmation (PaScanDialog *self);

G_END_DECLS
