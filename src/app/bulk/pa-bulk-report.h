/* pa-bulk-report.h — how a job on many phones ended, told: a toast (with
 * Undo where the change can be undone) or a dialog that says why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-bulk-actions.h"
#include "pa-bulk-progress.h"
#include "pa-client-jobs.h"
#include "pa-repository.h"

G_BEGIN_DECLS

/* Tells how @job (of @action, ended) went:
 *  - a data change that succeeded: a toast ("Layout applied to 50
 *    phones", @cleared: the choice was none) with Undo when the server
 *    offers it; Undo runs POST …/undo, follows that job in @progress and
 *    tells how it went;
 *  - a delete that succeeded: a toast;
 *  - a device action: a toast when every phone was reached, else a dialog
 *    listing those that were not and why;
 *  - a failed job: a dialog saying nothing was changed, naming the phone
 *    and the server's reason;
 *  - a cancelled job: a toast.
 * Toasts go to @parent's window's overlay; dialogs are transient for
 * @parent. */
void   pa_bulk_report_job            (GtkWindow          *parent,
                                      PaRepository       *repo,
                                      const PaBulkAction *action,
                                      PaJob              *job,
                                      gboolean            cleared,
                                      PaBulkProgress     *progress);
/* @job (of @action) waits on the server until @not_before (Unix seconds):
 * a toast saying when, whose button cancels it. */
void   pa_bulk_report_scheduled      (GtkWindow          *parent,
                                      PaRepository       *repo,
                                      PaJob              *job,
                                      gint64              not_before);
/* The job could not be made (@error is the POST's): nothing was changed. */
void   pa_bulk_report_not_started    (GtkWindow          *parent,
                                      const PaBulkAction *action,
                                      const GError       *error);
/* The job was made but could not be followed to its end (@error is the
 * last request's): its outcome is not known here. */
void   pa_bulk_report_lost           (GtkWindow          *parent,
                                      const GError       *error);

/* The window whose toasts and cancellable a flow started in @window uses:
 * the outermost of its transient-for chain. */
GtkWindow *pa_bulk_outermost_window  (GtkWindow          *window);
/* How a phone is named in a report: “Lobby”, its MAC when it has no name,
 * "Phone 15" when the repository does not have it. */
char      *pa_bulk_phone_label       (PaRepository       *repo,
                                      gint64              phone_id);

G_END_DECLS
