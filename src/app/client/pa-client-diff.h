/* pa-client-diff.h — "Review Changes": how a change would rewrite the
 * phones' files, before it is saved (POST …/diff, docs/api.md "Reviewing a
 * change")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-client.h"

G_BEGIN_DECLS

/* One file of a phone that would change: its name and a unified diff
 * ("--- name (now)", "+++ name (after)", "@@ … @@" hunks), secrets masked. */
typedef struct
{
  char *file;
  char *diff;
} PaDiffFile;

/* One of the phones shown. @files: PaDiffFile, in file order; empty when
 * the phone's files would not change. */
typedef struct
{
  gint64     id;
  char      *name;
  char      *mac;
  char      *model;
  GPtrArray *files;
} PaDiffPhone;

/* The answer: @affected_phones the change reaches, of which @phones (of
 * PaDiffPhone, the first few) are shown and @more are only counted. Read
 * only; reference counted. */
typedef struct
{
  gint64     affected_phones;
  gint64     more;
  GPtrArray *phones;
  /*< private >*/
  gatomicrefcount ref_count;
} PaChangeDiff;

#define PA_TYPE_CHANGE_DIFF (pa_change_diff_get_type ())
GType         pa_change_diff_get_type (void) G_GNUC_CONST;
PaChangeDiff *pa_change_diff_ref      (PaChangeDiff  *diff);
void          pa_change_diff_unref    (PaChangeDiff  *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaChangeDiff, pa_change_diff_unref)

/* Reads a diff answer. Touches nothing shared, so it runs in a worker
 * thread; an answer that is not what the API promises is a
 * PA_CLIENT_ERROR_PROTOCOL. */
PaChangeDiff *pa_change_diff_parse    (GBytes        *json,
                                       GError       **error);

/* POST api/v1/@collection/@id/diff, or api/v1/settings/diff when
 * @collection is "settings" (@id is then ignored), with @body, what the
 * PATCH would send (a whole resource as a PUT sends it will do). Nothing
 * is stored. The answer is parsed off the main thread. A change the
 * server would refuse is the PA_CLIENT_ERROR the PATCH would give. */
void          pa_client_diff_async    (PaClient            *self,
                                       const char          *collection,
                                       gint64               id,
                                       JsonNode            *body,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* Transfer full. */
PaChangeDiff *pa_client_diff_finish   (PaClient            *self,
                                       GAsyncResult        *result,
                                       GError             **error);

/* pa_client_diff_async() for saving @resource (stored: its id is set) as
 * it is now: its kind's collection, its whole JSON, as the save's PUT
 * sends it (the server ignores id and revision in a body). */
void          pa_client_diff_resource_async (PaClient            *self,
                                             PaResource          *resource,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);

/* POST api/v1/jobs/diff with @job_body, what pa_client_create_job_async()
 * would send (docs/api.md, "Jobs"): the files the job would change,
 * nothing stored. A body the job's POST would refuse is refused the same
 * way. Finish with pa_client_diff_finish(). */
void          pa_client_diff_job_async      (PaClient            *self,
                                             JsonObject          *job_body,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);

G_END_DECLS
