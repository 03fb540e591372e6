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
} PaCachedFile;

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

/* The file's bytes: @file's own, or put together from its chunks. */
GBytes             *pa_render_cache_get_file_bytes (PaRenderCache      *self,
                                                    const PaCachedFile *file);

guint               pa_render_cache_get_n_files (PaRenderCache *self);
gsize               pa_render_cache_get_bytes   (PaRenderCache *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaRenderCache, pa_render_cache_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaCachedFile, pa_cached_file_free)

G_END_DECLS
