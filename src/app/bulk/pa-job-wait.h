/* pa-job-wait.h — following a server job until it ends
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-client-jobs.h"

G_BEGIN_DECLS

/* How often a running job is asked for. */
#define PA_JOB_WAIT_INTERVAL_MS 300
/* Requests in a row that may fail before the wait gives up. */
#define PA_JOB_WAIT_MAX_FAILURES 3

/* Each newer state of the job while it runs (not the last one). */
typedef void (*PaJobProgressFunc) (PaJob    *job,
                                   gpointer  user_data);

/* Asks for @job (as its POST answered) every PA_JOB_WAIT_INTERVAL_MS, from
 * a GLib timeout, until it has ended; @progress (optional) hears of each
 * state in between. Never blocks the main loop. @cancellable (the
 * window's) stops it. A request that fails is asked again, up to
 * PA_JOB_WAIT_MAX_FAILURES in a row; then the wait ends with that error
 * (a provd that went away is not waited for forever). */
void      pa_job_wait_async  (PaClient            *client,
                              PaJob               *job,
                              GCancellable        *cancellable,
                              PaJobProgressFunc    progress,
                              gpointer             progress_data,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
/* The job as it ended (transfer full), or NULL with @error set. */
PaJob    *pa_job_wait_finish (GAsyncResult        *result,
                              GError             **error);

G_END_DECLS
