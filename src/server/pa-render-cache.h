/* pa-render-cache.h — rendered files kept for the next poll
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A phone polls for the same bytes until something it reads changes. The
 * server forgets a phone's entries when a write changes its fingerprint
 * (the phones come from the record of what each one's files were made of,
 * pa-config-inputs.h), so an entry is good until then. A poll that hits
 * loads nothing and renders nothing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a hit needs besides the bytes: who the phone is, for the refusal
 * checks and for recording the fetch. */
typedef struct
{
  gint64      phone_id;
  char       *mac;            /* normalised */
  char       *vendor;
  gboolean    pending;        /* status is "pending": no fetch recorded yet */
  gboolean    http_auth;      /* the phone's setup link asks for credentials:
                               * never answered from the cache */
  GBytes     *bytes;          /* as rendered; the cache keeps it in chunks */
  GPtrArray  *chunks;         /* in the cache: its chunks (private), @bytes cut into pieces
                               * that files of the same kind share */
  gsize       length;         /* of the file */
  const char *content_type;   /* static: a writer's */
  char       *etag;
  GArray     *cuts;           /* nullable: PaCachedFileCut, made by pa_cached_file_prepare() */
  GPtrArray  *pieces;         /* nullable: GBytes, one a cut, in place of @bytes */
} PaCachedFile;

/* Where the cache cuts a file into chunks, and each chunk's hash. */
typedef struct
{
  gsize offset;
  gsize size;
  guint hash;
} PaCachedFileCut;

typedef struct _PaRenderCache PaRenderCache;

/* Keeps at most @max_bytes of files; the least recently used go first. */
PaRenderCache      *pa_render_cache_new    (gsize          max_bytes);
void                pa_render_cache_free   (PaRenderCache *self);

/* The file for @token and @file, or NULL. The entry stays the cache's;
 * only its @pending may be changed. */
PaCachedFile       *pa_render_cache_lookup (PaRenderCache *self,
                                            const char    *token,
                                            const char    *file);
/* Takes @entry and keeps its bytes as chunks shared with other files. */
void                pa_render_cache_store  (PaRenderCache *self,
                                            const char    *token,
                                            const char    *file,
                                            PaCachedFile  *entry);
/* Drops every file of the phone: its files changed, or it is gone. */
void                pa_render_cache_forget_phone (PaRenderCache *self,
                                                  gint64         phone_id);

void                pa_cached_file_free    (PaCachedFile  *entry);
/* Distinct chunks a thread keeps while it prepares many files. */
typedef struct _PaChunkSet PaChunkSet;

PaChunkSet         *pa_chunk_set_new       (void);
void                pa_chunk_set_free      (PaChunkSet    *set);

/* Cuts and hashes @entry's bytes beforehand, in any thread, so that
 * pa_render_cache_store() only looks its chunks up: a job's worker
 * prepares 10,000 files, and the main loop stores them. With @set, the
 * bytes are let go of, each piece shared with the files before it that
 * have the same (10,000 files of 28 KB held in ~1 MB). */
void                pa_cached_file_prepare (PaCachedFile  *entry,
                                            PaChunkSet    *set);

/* "<token>/<file>" of each file kept for @phone_id (NULL-terminated). */
GStrv               pa_render_cache_list_phone_keys (PaRenderCache *self,
                                                     gint64         phone_id);
/* Counts every pa_render_cache_forget_phone(); with
 * pa_render_cache_forgotten_since(), whether a phone's files were
 * forgotten after a moment, so a file rendered before it is not stored. */
guint64             pa_render_cache_get_forget_count (PaRenderCache *self);
gboolean            pa_render_cache_forgotten_since (PaRenderCache *self,
                                                     gint64         phone_id,
                                                     guint64        count);

/* The file's bytes: @file's own, or put together from its chunks. */
GBytes             *pa_render_cache_get_file_bytes (PaRenderCache      *self,
                                                    const PaCachedFile *file);

guint               pa_render_cache_get_n_files (PaRenderCache *self);
gsize               pa_render_cache_get_bytes   (PaRenderCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaRenderCache, pa_render_cache_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaCachedFile, pa_cached_file_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaChunkSet, pa_chunk_set_free)

G_END_DECLS
