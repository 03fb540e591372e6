/* pa-repository-private.h — what pa-repository.c and pa-repository-merge.c
 * share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "pa-repository.h"

G_BEGIN_DECLS

/* One kind's objects: the store the views show and its index by id. */
typedef struct
{
  GType       type;
  GListStore *store;
  /* id (gint64*, owned) → the object in the store (unowned) */
  GHashTable *by_id;
  /* Bumped by every save/delete merge, so a list that was asked for before
   * it cannot put older data back. */
  guint       generation;
} PaKindStore;

/* A kind the repository keeps: its index among pa_resource_kinds()'
 * collections of many (pa_repository_kind_for_type()). N_KINDS sizes the
 * arrays; pa_repository_init() checks it against the list. */
typedef int Kind;
#define N_KINDS 7

#define KIND_BIT(k) (1u << (k))
#define ALL_KINDS   (KIND_BIT (N_KINDS) - 1)

struct _PaRepository
{
  GObject       parent_instance;

  PaClient     *client;
  PaKindStore   kinds[N_KINDS];

  guint         n_refreshing;   /* full refreshes under way */
  guint         n_loading;      /* any request under way */
  GError       *last_error;
  char         *public_url;
  gboolean      have_catalog;   /* the server's was read */

  GCancellable *cancellable;    /* the repository's own work (the change stream) */

  /* pa-repository-changes.c: following the server's change stream */
  gboolean      follow;         /* wanted (pa_repository_set_follow_changes()) */
  gint64        applied_seq;    /* the last log entry applied; -1: no place known */
  SoupWebsocketConnection *stream;
  guint         stream_serial;  /* bumped whenever @stream goes */
  gboolean      connecting;
  gboolean      relisting;      /* the log left us behind: listing again */
  GQueue        pending;        /* GBytes: stream messages not applied yet */
  gboolean      parsing;        /* one of them is being parsed */
  guint         reconnect_id;
  guint         backoff_ms;
  guint         watchdog_id;
  gint64        last_heard;     /* g_get_monotonic_time() of the last message */
};

/* -1 for a type the repository does not hold. */
int         pa_repository_kind_for_type (GType type);
/* "following" changed (the stream opened or went). */
void        pa_repository_notify_following (PaRepository *self);

/* pa-repository-changes.c */
void        pa_repository_changes_dispose  (PaRepository *self);
/* A full refresh read the log's place (@changes_last, -1 when the server
 * does not say) before it listed, and merged: follow from there. */
void        pa_repository_changes_loaded   (PaRepository *self,
                                            gint64        changes_last);
/* Whether writes are followed through the change log (instead of listing
 * the kinds they touch again). */
gboolean    pa_repository_changes_followed (PaRepository *self);
/* Applies the log up to now through GET /api/v1/changes: after a write,
 * so what it changed on the server (its cascades) is in the stores when
 * the write returns. Failing leaves it to the stream. */
void        pa_repository_catch_up_async   (PaRepository        *self,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
void        pa_repository_catch_up_finish  (PaRepository        *self,
                                            GAsyncResult        *result);

/* For tests: closes the stream as a dropped connection would (the
 * repository reconnects and goes on from where it was). */
void        pa_repository_drop_change_stream (PaRepository *self);
/* The last log entry applied, -1 when none is known; tests set another
 * place (one the server does not have). */
gint64      pa_repository_get_applied_seq  (PaRepository *self);
void        pa_repository_set_applied_seq  (PaRepository *self,
                                            gint64        seq);

/* Adds or updates one resource; returns the object in the store. */
PaResource *pa_kind_store_merge_one  (PaKindStore *ks,
                                      PaResource  *fresh);
void        pa_kind_store_remove_one (PaKindStore *ks,
                                      gint64       id);
/* Makes the store hold exactly @items (in id order), keeping the objects
 * whose id was already there. */
void        pa_kind_store_merge_all  (PaKindStore *ks,
                                      GPtrArray   *items);
/* The same in steps, so a large listing never holds the main loop long:
 * _new() removes the vanished ones; each _step() merges items until
 * @deadline (g_get_monotonic_time()) and splices the new ones in at once;
 * TRUE when all are in. */
typedef struct _PaMergeJob PaMergeJob;
PaMergeJob *pa_merge_job_new         (PaKindStore *ks,
                                      GPtrArray   *items);
gboolean    pa_merge_job_step        (PaMergeJob  *job,
                                      gint64       deadline);
void        pa_merge_job_free        (PaMergeJob  *job);
/* Adds or updates each of @items in place (in order): new ones past the
 * store's last id with one splice. */
void        pa_kind_store_merge_some (PaKindStore *ks,
                                      GPtrArray   *items);

/* Says "discovered-changed" (pa-repository-changes.c hears it). */
void pa_repository_emit_discovered_changed (PaRepository *self);

G_END_DECLS
