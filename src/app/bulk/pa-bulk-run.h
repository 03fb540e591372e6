/* pa-bulk-run.h — one action on many phones, from the first question to
 * the last toast: choose, review (or confirm), run as a server job, tell
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

/* Runs @action on @phones (PaPhone, the repository's):
 *  1. what it gives them is asked in a chooser (pa-bulk-chooser.h), unless
 *     @choice gives it (a whole number, null, or an array, as the job's
 *     member takes it);
 *  2. a data change shows Review Changes with the job's diff; a delete
 *     asks "Delete 5 Phones?"; a reboot asks as a single phone's does;
 *  3. POST /api/v1/jobs, then the job is followed (pa-job-wait.h), shown
 *     in @progress (optional) once it takes longer than a moment;
 *  4. how it ended: a toast (with Undo for an undoable change), a dialog
 *     saying nothing was changed and why, or for a device action the
 *     phones not reached. The lists follow the change feed by themselves.
 * Dialogs are transient for @parent; toasts go to its window's overlay
 * (pa_find_toast_overlay()), and the work ends with the outermost window
 * (its pa_window_get_cancellable()). */
void      pa_bulk_run_async  (GtkWindow           *parent,
                              PaRepository        *repo,
                              const PaBulkAction  *action,
                              GPtrArray           *phones,
                              JsonNode            *choice,
                              PaBulkProgress      *progress,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
/* The job as it ended (succeeded, failed or cancelled; already told to
 * the user), transfer full. NULL without @error: the user said no to a
 * question; NULL with @error: a request failed (also told already), or
 * the window went (G_IO_ERROR_CANCELLED). */
PaJob    *pa_bulk_run_finish (GAsyncResult        *result,
                              GError             **error);

/* Runs pa_bulk_run_async() on @phones and forgets about it. */
void      pa_bulk_run        (GtkWindow           *parent,
                              PaRepository        *repo,
                              const PaBulkAction  *action,
                              GPtrArray           *phones,
                              PaBulkProgress      *progress);

G_END_DECLS
