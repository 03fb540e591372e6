/* pa-jobs.h — bulk jobs: one at a time, off the main loop, all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-api-private.h"

G_BEGIN_DECLS

typedef struct _PaJobs PaJobs;

/* Marks the jobs a stopped provd left running as failed, and starts the
 * queued ones that are due. */
PaJobs     *pa_jobs_new        (PaServer      *server,
                                GError       **error);
/* Cancels what runs (its transaction is rolled back). */
void        pa_jobs_free       (PaJobs        *self);

/* A job as the API shows it (transfer full). */
JsonObject *pa_jobs_submit     (PaJobs        *self,
                                PaApiRequest  *req,
                                JsonObject    *request,
                                GError       **error);
/* The job; @with_phones FALSE: without its "phone_ids" and "results"
 * (what ?summary=1 asks for). */
JsonObject *pa_jobs_get        (PaJobs        *self,
                                gint64         id,
                                gboolean       with_phones,
                                GError       **error);
/* The newest 100, without their phone ids and results. */
JsonArray  *pa_jobs_list       (PaJobs        *self,
                                GError       **error);
JsonObject *pa_jobs_cancel     (PaJobs        *self,
                                gint64         id,
                                GError       **error);
/* A new job putting back what job @id changed. */
JsonObject *pa_jobs_undo       (PaJobs        *self,
                                gint64         id,
                                GError       **error);

/* The per-phone diff the job @request would make (docs/api.md,
 * "Reviewing a change"), worked out in a unit of work that is rolled
 * back. */
void        pa_jobs_diff_async  (PaJobs              *self,
                                 PaApiRequest        *req,
                                 JsonObject          *request,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
JsonObject *pa_jobs_diff_finish (PaJobs              *self,
                                 GAsyncResult        *result,
                                 GError             **error);

G_END_DECLS
