/* pa-client-changes.h — reading the server's change log: GET
 * /api/v1/changes and the change stream's messages (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-client.h"

G_BEGIN_DECLS

typedef enum
{
  PA_CHANGE_CREATED,
  PA_CHANGE_UPDATED,
  PA_CHANGE_DELETED,
} PaChangeOp;

/* One entry of the log. @type is G_TYPE_INVALID for a kind this app does
 * not know (a newer server's): it is skipped, its seq still counts.
 * @item: the resource as it is now; NULL for a delete and for an entry
 * whose resource is gone since. */
typedef struct
{
  gint64      seq;
  GType       type;
  gint64      id;
  PaChangeOp  op;
  PaResource *item;
  gboolean    discovered;   /* the list of discovered phones changed */
} PaChange;

/* A page of the log or a stream message. @gone: the server does not have
 * the place asked from (410, or the stream's "gone"): list everything
 * again. @changes: PaChange, in order. @next_since: the place once they
 * are applied; @last: the newest number the server had. */
typedef struct
{
  gboolean   gone;
  GPtrArray *changes;
  gint64     next_since;
  gint64     last;
} PaChangeBatch;

void           pa_change_batch_free  (PaChangeBatch *batch);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaChangeBatch, pa_change_batch_free)

/* Parses a GET /api/v1/changes answer or a change stream message (both
 * JSON objects) into finished resources. Touches nothing shared, so it
 * runs in a worker thread (pa_change_batch_parse_async()). */
PaChangeBatch *pa_change_batch_parse        (GBytes              *json,
                                             GError             **error);
void           pa_change_batch_parse_async  (GBytes              *json,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
PaChangeBatch *pa_change_batch_parse_finish (GAsyncResult        *result,
                                             GError             **error);

/* GET /api/v1/changes?since=@since: one page (at most 500), parsed off the
 * main thread. A 410 is a batch with @gone set, not an error. */
void           pa_client_get_changes_async  (PaClient            *self,
                                             gint64               since,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
PaChangeBatch *pa_client_get_changes_finish (PaClient            *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
