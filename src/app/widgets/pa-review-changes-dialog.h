/* pa-review-changes-dialog.h — "Review Changes": the phones' config diff
 * of a change, before anything is saved or pushed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-client-diff.h"

G_BEGIN_DECLS

#define PA_TYPE_REVIEW_CHANGES_DIALOG (pa_review_changes_dialog_get_type ())
G_DECLARE_FINAL_TYPE (PaReviewChangesDialog, pa_review_changes_dialog,
                      PA, REVIEW_CHANGES_DIALOG, AdwWindow)

/* Asks the server how saving @body (what a PATCH of @collection/@id sends;
 * @collection "settings" for the server settings) would rewrite the phones'
 * files and, when it reaches any, shows them in a modal dialog over
 * @parent with Cancel and a suggested button labelled @confirm_label
 * ("_Save and Push"). The dialog shows up while the answer is slow, or
 * with it; an answer that reaches no phone needs no dialog. A failed
 * request shows its message with Retry. Actions on the dialog:
 * "review.confirm" (Enter, Ctrl+Enter; only once loaded), "review.cancel"
 * (Escape), "review.retry". */
void      pa_review_changes_run_async  (GtkWindow            *parent,
                                        PaClient             *client,
                                        PaResource           *resource,
                                        const char           *confirm_label,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
/* The same for a bulk action: @job_body is what POST /api/v1/jobs would
 * send (pa-client-jobs.h), and the diff is the job's
 * (pa_client_diff_job_async()). Finish with pa_review_changes_run_finish(). */
void      pa_review_changes_run_job_async (GtkWindow            *parent,
                                           PaClient             *client,
                                           JsonObject           *job_body,
                                           const char           *confirm_label,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
/* TRUE: go ahead and save (confirmed, or it reaches no phone). FALSE with
 * no error: the user cancelled; with G_IO_ERROR_CANCELLED: @cancellable
 * was. @affected_phones (optional): the phones the change reaches, as the
 * last answer said (0 when there was none). */
gboolean  pa_review_changes_run_finish (GAsyncResult         *result,
                                        gint64               *affected_phones,
                                        GError              **error);

/* For tests. "loading", "error" or "loaded". */
const char   *pa_review_changes_dialog_get_state   (PaReviewChangesDialog *self);
const char   *pa_review_changes_dialog_get_summary (PaReviewChangesDialog *self);
/* The failed request's message while "error", else NULL. */
const char   *pa_review_changes_dialog_get_error   (PaReviewChangesDialog *self);
/* The answer shown; NULL until loaded (transfer none). */
PaChangeDiff *pa_review_changes_dialog_get_diff    (PaReviewChangesDialog *self);
/* Everything the loaded dialog shows, one text: summary, each phone's
 * name, MAC and model, each file's name and the text of its diff view. */
char         *pa_review_changes_dialog_dup_text    (PaReviewChangesDialog *self);

/* Plain: the summary for @diff ("This change rewrites the files of 7
 * phones. The first 5 are shown; 2 more change the same way."). */
char         *pa_review_changes_summary            (PaChangeDiff          *diff);

G_END_DECLS
