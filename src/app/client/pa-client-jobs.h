/* pa-client-jobs.h — bulk actions as server jobs: POST /api/v1/jobs, read
 * one, undo one, cancel one (docs/api.md, "Jobs: acting on many phones at
 * once"); the diff of a job's body is pa_client_diff_job_async()
 * (pa-client-diff.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-client.h"

G_BEGIN_DECLS

/**
 * PaJobState:
 * @PA_JOB_QUEUED: waiting for its turn (or for its not_before).
 * @PA_JOB_RUNNING: under way; done of total phones tells how far.
 * @PA_JOB_SUCCEEDED: every phone done (a device action: every phone has
 *   its result, whatever it was).
 * @PA_JOB_FAILED: a data change refused (nothing changed), or stopped.
 * @PA_JOB_CANCELLED: cancelled before it started.
 */
typedef enum
{
  PA_JOB_QUEUED,
  PA_JOB_RUNNING,
  PA_JOB_SUCCEEDED,
  PA_JOB_FAILED,
  PA_JOB_CANCELLED,
} PaJobState;

/* One phone's outcome: @result "sent", "no_address", "failed" (device
 * actions) or what a data change reports; @reason nullable ("no answer",
 * "403 Forbidden", why a data change refused it). */
typedef struct
{
  gint64  phone_id;
  char   *result;
  char   *reason;
} PaJobResult;

/* A job as the server last reported it. Read only; reference counted.
 * @error: why it failed (the server's message, naming the phone), NULL
 * otherwise; @error_phone_id the phone it concerns, 0 when none.
 * @affected_phones: the phones whose files changed, -1 while unknown.
 * @undo_of, @undone_by: 0 when none. */
typedef struct
{
  gint64      id;
  char       *action;
  PaJobState  state;
  gint64      done;
  gint64      total;
  char       *error;
  gint64      error_phone_id;
  GPtrArray  *results;          /* of PaJobResult */
  gint64      affected_phones;
  gboolean    undoable;
  gint64      undo_of;
  gint64      undone_by;
  /*< private >*/
  gatomicrefcount ref_count;
} PaJob;

#define PA_TYPE_JOB (pa_job_get_type ())
GType     pa_job_get_type    (void) G_GNUC_CONST;
PaJob    *pa_job_ref         (PaJob       *job);
void      pa_job_unref       (PaJob       *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaJob, pa_job_unref)

/* Whether @job has ended (succeeded, failed or cancelled). */
gboolean  pa_job_is_finished (const PaJob *job);
/* "queued", "running", … as the API spells it. */
const char *pa_job_state_to_string (PaJobState state);

/* Reads a job object; an answer that is not what the API promises is a
 * PA_CLIENT_ERROR_PROTOCOL. Touches nothing shared: runs in a worker
 * thread (a device action's results name every phone). */
PaJob    *pa_job_parse       (GBytes      *json,
                              GError     **error);
PaJob    *pa_job_new_from_node (JsonNode  *node,
                                GError   **error);

/* POST /api/v1/jobs with @body ({"action": …, "phone_ids": […], and the
 * action's members}). The answer (202) is the job, queued or further; a
 * body the server refuses is the PA_CLIENT_ERROR it answers (400 with the
 * field, 422 for a layout, profile, agent or firmware that is gone). */
void      pa_client_create_job_async  (PaClient            *self,
                                       JsonObject          *body,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
PaJob    *pa_client_create_job_finish (PaClient            *self,
                                       GAsyncResult        *result,
                                       GError             **error);

/* GET /api/v1/jobs/{id}; @summary: without its phones and their results
 * (?summary=1), what a progress poll needs. */
void      pa_client_get_job_async     (PaClient            *self,
                                       gint64               job_id,
                                       gboolean             summary,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
PaJob    *pa_client_get_job_finish    (PaClient            *self,
                                       GAsyncResult        *result,
                                       GError             **error);

/* POST /api/v1/jobs/{id}/undo: the answer is the undo's own job (action
 * "undo", undo_of @job_id), to follow as any other. A job that cannot be
 * undone, or is undone already, is PA_CLIENT_ERROR_CONFLICT. */
void      pa_client_undo_job_async    (PaClient            *self,
                                       gint64               job_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
PaJob    *pa_client_undo_job_finish   (PaClient            *self,
                                       GAsyncResult        *result,
                                       GError             **error);

/* DELETE /api/v1/jobs/{id}: cancels a job that has not started; one that
 * has is PA_CLIENT_ERROR_CONFLICT. */
void      pa_client_cancel_job_async  (PaClient            *self,
                                       gint64               job_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean  pa_client_cancel_job_finish (PaClient            *self,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
