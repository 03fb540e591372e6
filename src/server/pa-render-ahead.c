/* pa-render-ahead.c — a bulk job's new files, made on its worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job that changes 10,000 phones' files used to leave the render cache
 * without them: the phones' next fetches each rendered on the main loop,
 * seconds of it, and every other phone's fetch waited behind them (p99
 * 30–45 ms at 2,000 fetches a second, bench/jobs.sh). The files the cache
 * held for those phones are rendered again by the job's own worker, after
 * its commit and before the job ends, and cut into the cache's chunks
 * there too (pieces shared, so 10,000 files take little memory); the main
 * loop swaps them in, a slice per turn: a phone's old files go and its new
 * ones come in the same turn, so a fetch meanwhile gets one or the other,
 * never a render.
 */
#define G_LOG_DOMAIN "pa-jobs"

#include "config.h"

#include <string.h>

#include "pa-gather.h"
#include "pa-render-ahead.h"
#include "pa-render-cache.h"

/* How long one slice of storing may hold the main loop. */
#define STORE_SLICE_US 2000

typedef struct
{
  char         *token;
  char         *file;
  PaCachedFile *entry;
} Rendered;

struct _PaRenderAhead
{
  PaServer   *server;
  GHashTable *keys;        /* phone_id (gint64 *) → GPtrArray of "<token>/<file>" */
  PaChunkSet *pieces;      /* the rendered files' pieces, shared */
  GArray     *rendered;    /* Rendered, a phone's files together */
  GHashTable *covered;     /* phone ids with files in @rendered (gint64 *) */
  guint       next;        /* the next to store */
  guint64     forgets;     /* the cache's count when the job forgot */
  guint       source;
  PaRenderAhead **owner;   /* cleared when done */
};

static void
rendered_clear (gpointer data)
{
  Rendered *r = data;

  g_free (r->token);
  g_free (r->file);
  pa_cached_file_free (r->entry);
}

static void
add_key (PaRenderAhead *self,
         gint64         phone_id,
         char          *key)
{
  GPtrArray *keys = g_hash_table_lookup (self->keys, &phone_id);

  if (keys == NULL)
    {
      keys = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (self->keys, g_memdup2 (&phone_id, sizeof phone_id), keys);
    }
  g_ptr_array_add (keys, key);
}

PaRenderAhead *
pa_render_ahead_new (PaServer      *server,
                     GArray        *phone_ids,
                     PaRenderAhead *storing)
{
  PaRenderAhead *self = g_new0 (PaRenderAhead, 1);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);

  self->server = server;
  self->keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) g_ptr_array_unref);
  self->rendered = g_array_new (FALSE, FALSE, sizeof (Rendered));
  g_array_set_clear_func (self->rendered, rendered_clear);
  self->covered = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < phone_ids->len; i++)
    {
      gint64 *id = &g_array_index (phone_ids, gint64, i);
      g_auto(GStrv) keys = pa_render_cache_list_phone_keys (server->render_cache, *id);

      g_hash_table_add (wanted, id);
      for (guint k = 0; keys[k] != NULL; k++)
        add_key (self, *id, g_steal_pointer (&keys[k]));
    }
  /* Jobs back to back: the last one's files still on their way in are
   * files the phones fetch too. */
  for (guint i = storing != NULL ? storing->next : 0; storing != NULL && i < storing->rendered->len;
       i++)
    {
      Rendered *r = &g_array_index (storing->rendered, Rendered, i);

      if (r->entry != NULL && g_hash_table_contains (wanted, &r->entry->phone_id))
        add_key (self, r->entry->phone_id, g_strconcat (r->token, "/", r->file, NULL));
    }
  return self;
}

/* One file of @phone, as the phone endpoint would render it (NULL when it
 * would not serve it from the cache). */
static PaCachedFile *
render_one (PaRenderAhead *self,
            PaPhone       *phone,
            PaGatherMemo  *memo,
            const char    *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCachedFile) entry = pa_phone_cached_file_new (self->server, phone);
  char *output;

  if (entry->etag == NULL)
    return NULL;
  output = pa_phone_render_file (self->server, phone, memo, file, FALSE, &entry->content_type,
                                 &error);
  if (output == NULL)
    {
      g_debug ("Phone %s: %s left to its next fetch (%s)", pa_phone_get_mac (phone), file,
               error->message);
      return NULL;
    }
  entry->bytes = g_bytes_new_take (output, strlen (output));
  pa_cached_file_prepare (entry, self->pieces);
  return g_steal_pointer (&entry);
}

void
pa_render_ahead_render (PaRenderAhead *self,
                        PaStore       *store,
                        GArray        *affected,
                        GCancellable  *cancellable)
{
  g_autoptr(PaGatherMemo) memo = pa_gather_memo_new (store);

  self->pieces = pa_chunk_set_new ();
  for (guint i = 0; i < affected->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      gint64 id = g_array_index (affected, gint64, i);
      GPtrArray *keys = g_hash_table_lookup (self->keys, &id);
      g_autoptr(PaResource) resource = NULL;
      PaPhone *phone;
      const char *token;

      if (keys == NULL)
        continue;
      resource = pa_store_get (store, PA_TYPE_PHONE, id, NULL);
      if (resource == NULL)
        continue;   /* deleted: nothing to serve */
      phone = PA_PHONE (resource);
      token = pa_phone_get_token (phone);
      /* As the endpoint: a disabled phone is refused, and one behind
       * credentials is never answered from the cache. */
      if (token == NULL || !pa_phone_get_enabled (phone) || pa_phone_get_http_auth (phone))
        continue;

      for (guint k = 0; k < keys->len; k++)
        {
          const char *key = g_ptr_array_index (keys, k);
          const char *slash = strchr (key, '/');
          Rendered r;

          /* A token changed by the job: its old files are the old URL's. */
          if (slash == NULL || strncmp (key, token, slash - key) != 0
              || token[slash - key] != '\0')
            continue;
          r.entry = render_one (self, phone, memo, slash + 1);
          if (r.entry == NULL)
            continue;
          r.token = g_strdup (token);
          r.file = g_strdup (slash + 1);
          g_array_append_val (self->rendered, r);
          if (!g_hash_table_contains (self->covered, &id))
            g_hash_table_add (self->covered, g_memdup2 (&id, sizeof id));
        }
    }
}

/* Swaps in the files of the phone at @self->next: its old files go, its
 * new ones come, unless a write since the job's end forgot it again (its
 * files are then newer than these). */
static void
swap_next_phone (PaRenderAhead *self)
{
  PaRenderCache *cache = self->server->render_cache;
  gint64 id = g_array_index (self->rendered, Rendered, self->next).entry->phone_id;
  gboolean stale = pa_render_cache_forgotten_since (cache, id, self->forgets);

  if (!stale)
    pa_render_cache_forget_phone (cache, id);
  for (; self->next < self->rendered->len; self->next++)
    {
      Rendered *r = &g_array_index (self->rendered, Rendered, self->next);

      if (r->entry->phone_id != id)
        break;
      if (!stale)
        pa_render_cache_store (cache, r->token, r->file, g_steal_pointer (&r->entry));
    }
}

static gboolean
store_slice_cb (gpointer data)
{
  PaRenderAhead *self = data;
  gint64 deadline = g_get_monotonic_time () + STORE_SLICE_US;
  guint phones = 0;

  while (self->next < self->rendered->len)
    {
      swap_next_phone (self);
      if (++phones % 8 == 0 && g_get_monotonic_time () >= deadline)
        return G_SOURCE_CONTINUE;
    }
  self->source = 0;
  if (self->owner != NULL)
    *self->owner = NULL;
  pa_render_ahead_free (self);
  return G_SOURCE_REMOVE;
}

static void
forget_uncovered (PaRenderAhead *self,
                  GArray        *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = &g_array_index (ids, gint64, i);

      if (!g_hash_table_contains (self->covered, id))
        pa_render_cache_forget_phone (self->server->render_cache, *id);
    }
}

void
pa_render_ahead_store (PaRenderAhead  *self,
                       PaDerive       *derive,
                       PaRenderAhead **owner)
{
  /* The phones with no file made ahead lose theirs now, as after any
   * write; the others as their new ones come in. */
  forget_uncovered (self, derive->last_affected);
  forget_uncovered (self, derive->last_dropped);
  self->forgets = pa_render_cache_get_forget_count (self->server->render_cache);
  if (self->rendered->len == 0)
    {
      pa_render_ahead_free (self);
      return;
    }
  self->owner = owner;
  *owner = self;
  g_debug ("Storing %u files rendered ahead", self->rendered->len);
  /* Turns with the phones' fetches, which come first when they wait. */
  self->source = g_idle_add_full (G_PRIORITY_DEFAULT, store_slice_cb, self, NULL);
}

void
pa_render_ahead_free (PaRenderAhead *self)
{
  if (self == NULL)
    return;
  /* Stopped half-way: the phones not swapped yet must not keep their old
   * files. */
  if (self->source != 0)
    for (guint i = self->next; i < self->rendered->len; i++)
      pa_render_cache_forget_phone (self->server->render_cache,
                                    g_array_index (self->rendered, Rendered, i).entry->phone_id);
  g_clear_handle_id (&self->source, g_source_remove);
  g_hash_table_unref (self->keys);
  g_hash_table_unref (self->covered);
  g_array_unref (self->rendered);
  pa_chunk_set_free (self->pieces);
  g_free (self);
}
