/* pa-render-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phones of one model and layout get files that are mostly the same bytes:
 * a Yealink file is a few hundred lines of the phone's own and then
 * thousands of lines blanking unused keys and sidecar slots. Each file is
 * cut into chunks at lines chosen by their content (a line whose hash ends
 * in five zero bits ends a chunk), so the same run of lines is cut the same
 * way in every file wherever it starts, and each distinct chunk is kept
 * once. A hit copies its chunks into one buffer: a memcpy, where inflating
 * a deflated copy cost a fifth of provd's time.
 */
#define G_LOG_DOMAIN "pa-render-cache"

#include "config.h"

#include <string.h>

#include "pa-render-cache.h"

#define CHUNK_CUT_MASK 31u     /* about one line in 32 ends a chunk */
#define CHUNK_MAX      4096    /* a chunk ends here at the latest */
#define ENTRY_OVERHEAD 256     /* the slot, its key and the entry, roughly */
#define CHUNK_OVERHEAD 64      /* a distinct chunk's table entry and GBytes */

typedef struct
{
  char         *key;        /* "<token>/<file>" */
  PaCachedFile *file;
  GList         link;       /* in @lru, most recent first */
} Slot;

struct _PaRenderCache
{
  GHashTable *slots;        /* key → Slot, owning */
  GHashTable *by_phone;     /* &file->phone_id → GSList of its Slots */
  GHashTable *chunks;       /* the distinct Chunks (a set, owning) */
  GQueue      lru;
  gsize       bytes;
  gsize       max_bytes;
  guint64     forgets;      /* pa_render_cache_forget_phone() calls */
  GHashTable *forgotten_at; /* phone_id → @forgets when last forgotten, both gint64 */
};

void
pa_cached_file_free (PaCachedFile *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->mac);
  g_free (entry->vendor);
  g_clear_pointer (&entry->bytes, g_bytes_unref);
  g_clear_pointer (&entry->chunks, g_ptr_array_unref);
  g_clear_pointer (&entry->cuts, g_array_unref);
  g_clear_pointer (&entry->pieces, g_ptr_array_unref);
  g_free (entry->etag);
  g_free (entry);
}

/* -- chunks ----------------------------------------------------------------- */

/* A distinct run of lines, with its content's hash kept: a file going
 * from the cache (10,000 at the end of a job) lets go of its chunks
 * without hashing their bytes again, which took the main loop ~300 ms. */
typedef struct
{
  GBytes *bytes;
  guint   hash;      /* g_bytes_hash() of @bytes */
  guint   users;     /* files holding it */
} Chunk;

static guint
chunk_hash (gconstpointer chunk)
{
  return ((const Chunk *) chunk)->hash;
}

static gboolean
chunk_equal (gconstpointer a,
             gconstpointer b)
{
  const Chunk *ca = a, *cb = b;

  return ca == cb || (ca->hash == cb->hash && g_bytes_equal (ca->bytes, cb->bytes));
}

static void
chunk_free (Chunk *chunk)
{
  g_bytes_unref (chunk->bytes);
  g_free (chunk);
}

/* The chunk of @table equal to @piece (its hash @hash), or a new one
 * holding @piece, or a copy of it when @piece is a view into more (a new
 * chunk must not keep a whole file alive). */
static Chunk *
chunk_find_or_add (GHashTable *table,
                   GBytes     *piece,
                   guint       hash,
                   gboolean    copy,
                   gboolean   *added)
{
  Chunk probe = { piece, hash, 0 };
  Chunk *chunk = g_hash_table_lookup (table, &probe);

  *added = chunk == NULL;
  if (chunk != NULL)
    return chunk;
  chunk = g_new0 (Chunk, 1);
  chunk->bytes = copy ? g_bytes_new (g_bytes_get_data (piece, NULL), g_bytes_get_size (piece))
                      : g_bytes_ref (piece);
  chunk->hash = hash;
  g_hash_table_add (table, chunk);
  return chunk;
}

static Chunk *
chunk_ref (PaRenderCache *self,
           GBytes        *piece,
           guint          hash,
           gboolean       copy)
{
  gboolean added;
  Chunk *chunk = chunk_find_or_add (self->chunks, piece, hash, copy, &added);

  chunk->users++;
  if (added)
    self->bytes += g_bytes_get_size (piece) + CHUNK_OVERHEAD;
  return chunk;
}

struct _PaChunkSet
{
  GHashTable *chunks;   /* Chunk, owning */
};

PaChunkSet *
pa_chunk_set_new (void)
{
  PaChunkSet *set = g_new0 (PaChunkSet, 1);

  set->chunks = g_hash_table_new_full (chunk_hash, chunk_equal, (GDestroyNotify) chunk_free, NULL);
  return set;
}

void
pa_chunk_set_free (PaChunkSet *set)
{
  if (set == NULL)
    return;
  g_hash_table_unref (set->chunks);
  g_free (set);
}

static void
chunk_unref (PaRenderCache *self,
             Chunk         *chunk)
{
  if (--chunk->users > 0)
    return;
  self->bytes -= g_bytes_get_size (chunk->bytes) + CHUNK_OVERHEAD;
  g_hash_table_remove (self->chunks, chunk);
}

/* Where @bytes is cut, at lines its content picks (FNV-1a of the line),
 * with each chunk's g_bytes_hash(). Touches no cache: any thread. */
static GArray *
compute_cuts (GBytes *bytes)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  GArray *cuts = g_array_new (FALSE, FALSE, sizeof (PaCachedFileCut));
  gsize start = 0;
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < length; i++)
    {
      hash = (hash ^ data[i]) * 16777619u;
      if ((data[i] == '\n' && (hash & CHUNK_CUT_MASK) == 0) || i + 1 - start >= CHUNK_MAX ||
          i + 1 == length)
        {
          g_autoptr(GBytes) piece = g_bytes_new_static (data + start, i + 1 - start);
          PaCachedFileCut c = { start, i + 1 - start, g_bytes_hash (piece) };

          g_array_append_val (cuts, c);
          start = i + 1;
        }
      if (data[i] == '\n')
        hash = 2166136261u;
    }
  return cuts;
}

void
pa_cached_file_prepare (PaCachedFile *entry,
                        PaChunkSet   *set)
{
  const guint8 *data;

  if (entry->pieces != NULL)
    return;
  g_return_if_fail (entry->bytes != NULL);

  entry->length = g_bytes_get_size (entry->bytes);
  if (entry->cuts == NULL)
    entry->cuts = compute_cuts (entry->bytes);
  if (set == NULL)
    return;

  data = g_bytes_get_data (entry->bytes, NULL);
  entry->pieces = g_ptr_array_new_full (entry->cuts->len, (GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < entry->cuts->len; i++)
    {
      const PaCachedFileCut *c = &g_array_index (entry->cuts, PaCachedFileCut, i);
      g_autoptr(GBytes) piece = g_bytes_new_static (data + c->offset, c->size);
      gboolean added;
      Chunk *chunk = chunk_find_or_add (set->chunks, piece, c->hash, TRUE, &added);

      g_ptr_array_add (entry->pieces, g_bytes_ref (chunk->bytes));
    }
  g_clear_pointer (&entry->bytes, g_bytes_unref);
}

/* @entry's bytes as the cache's shared chunks. */
static GPtrArray *
cut (PaRenderCache *self,
     PaCachedFile  *entry)
{
  GPtrArray *chunks;

  pa_cached_file_prepare (entry, NULL);
  chunks = g_ptr_array_sized_new (entry->cuts->len);
  for (guint i = 0; i < entry->cuts->len; i++)
    {
      const PaCachedFileCut *c = &g_array_index (entry->cuts, PaCachedFileCut, i);
      g_autoptr(GBytes) piece = NULL;

      if (entry->pieces != NULL)
        piece = g_bytes_ref (g_ptr_array_index (entry->pieces, i));
      else
        piece = g_bytes_new_static ((const guint8 *) g_bytes_get_data (entry->bytes, NULL)
                                    + c->offset, c->size);
      g_ptr_array_add (chunks, chunk_ref (self, piece, c->hash, entry->pieces == NULL));
    }
  g_clear_pointer (&entry->cuts, g_array_unref);
  g_clear_pointer (&entry->pieces, g_ptr_array_unref);
  return chunks;
}

/* -- slots ------------------------------------------------------------------ */

static gsize
slot_size (Slot *slot)
{
  return ENTRY_OVERHEAD + slot->file->chunks->len * sizeof (gpointer);
}

static void
slot_free (gpointer data)
{
  Slot *slot = data;

  g_free (slot->key);
  pa_cached_file_free (slot->file);
  g_free (slot);
}

PaRenderCache *
pa_render_cache_new (gsize max_bytes)
{
  PaRenderCache *self = g_new0 (PaRenderCache, 1);

  self->slots = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, slot_free);
  self->by_phone = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                          (GDestroyNotify) g_slist_free);
  self->chunks = g_hash_table_new_full (chunk_hash, chunk_equal, (GDestroyNotify) chunk_free,
                                        NULL);
  g_queue_init (&self->lru);
  self->max_bytes = max_bytes;
  self->forgotten_at = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  return self;
}

void
pa_render_cache_free (PaRenderCache *self)
{
  if (self == NULL)
    return;
  /* The queue's links live inside the slots: the table frees them. */
  g_queue_init (&self->lru);
  g_hash_table_unref (self->by_phone);
  g_hash_table_unref (self->slots);
  g_hash_table_unref (self->chunks);
  g_hash_table_unref (self->forgotten_at);
  g_free (self);
}

static void
remove_slot (PaRenderCache *self,
             Slot          *slot)
{
  gint64 *phone_id = &slot->file->phone_id;
  GSList *slots = g_hash_table_lookup (self->by_phone, phone_id);

  /* The table's key is the first slot's phone_id: re-key before it goes. */
  g_hash_table_steal (self->by_phone, phone_id);
  slots = g_slist_remove (slots, slot);
  if (slots != NULL)
    g_hash_table_insert (self->by_phone, &((Slot *) slots->data)->file->phone_id, slots);

  g_queue_unlink (&self->lru, &slot->link);
  self->bytes -= slot_size (slot);
  for (guint i = 0; i < slot->file->chunks->len; i++)
    chunk_unref (self, g_ptr_array_index (slot->file->chunks, i));
  g_hash_table_remove (self->slots, slot->key);
}

PaCachedFile *
pa_render_cache_lookup (PaRenderCache *self,
                        const char    *token,
                        const char    *file)
{
  g_autofree char *key = g_strconcat (token, "/", file, NULL);
  Slot *slot = g_hash_table_lookup (self->slots, key);

  if (slot == NULL)
    return NULL;
  g_queue_unlink (&self->lru, &slot->link);
  g_queue_push_head_link (&self->lru, &slot->link);
  return slot->file;
}

void
pa_render_cache_store (PaRenderCache *self,
                       const char    *token,
                       const char    *file,
                       PaCachedFile  *entry)
{
  g_autofree char *key = g_strconcat (token, "/", file, NULL);
  Slot *old = g_hash_table_lookup (self->slots, key);
  GSList *siblings = NULL;
  Slot *slot;

  g_return_if_fail ((entry->bytes != NULL || entry->pieces != NULL) && entry->chunks == NULL);

  if (old != NULL)
    remove_slot (self, old);

  /* A file bigger than the whole cache would only push everything out. */
  if (entry->bytes != NULL)
    entry->length = g_bytes_get_size (entry->bytes);
  if (entry->length + ENTRY_OVERHEAD > self->max_bytes)
    {
      pa_cached_file_free (entry);
      return;
    }
  entry->chunks = cut (self, entry);
  g_clear_pointer (&entry->bytes, g_bytes_unref);

  slot = g_new0 (Slot, 1);
  slot->key = g_steal_pointer (&key);
  slot->file = entry;
  slot->link.data = slot;

  g_hash_table_insert (self->slots, slot->key, slot);
  if (g_hash_table_steal_extended (self->by_phone, &entry->phone_id, NULL, (gpointer *) &siblings))
    siblings = g_slist_prepend (siblings, slot);
  else
    siblings = g_slist_prepend (NULL, slot);
  g_hash_table_insert (self->by_phone, &entry->phone_id, siblings);
  g_queue_push_head_link (&self->lru, &slot->link);
  self->bytes += slot_size (slot);
  while (self->bytes > self->max_bytes && self->lru.length > 1)
    remove_slot (self, g_queue_peek_tail_link (&self->lru)->data);
}

void
pa_render_cache_forget_phone (PaRenderCache *self,
                              gint64         phone_id)
{
  GSList *slots;
  gint64 *at = g_hash_table_lookup (self->forgotten_at, &phone_id);

  self->forgets++;
  if (at != NULL)
    *at = (gint64) self->forgets;
  else
    g_hash_table_insert (self->forgotten_at, g_memdup2 (&phone_id, sizeof phone_id),
                         g_memdup2 (&(gint64) { (gint64) self->forgets }, sizeof (gint64)));
  while ((slots = g_hash_table_lookup (self->by_phone, &phone_id)) != NULL)
    remove_slot (self, slots->data);
}

GStrv
pa_render_cache_list_phone_keys (PaRenderCache *self,
                                 gint64         phone_id)
{
  g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();

  for (GSList *l = g_hash_table_lookup (self->by_phone, &phone_id); l != NULL; l = l->next)
    g_strv_builder_add (keys, ((Slot *) l->data)->key);
  return g_strv_builder_end (keys);
}

guint64
pa_render_cache_get_forget_count (PaRenderCache *self)
{
  return self->forgets;
}

gboolean
pa_render_cache_forgotten_since (PaRenderCache *self,
                                 gint64         phone_id,
                                 guint64        count)
{
  gint64 *at = g_hash_table_lookup (self->forgotten_at, &phone_id);

  return at != NULL && (guint64) *at > count;
}

guint
pa_render_cache_get_n_files (PaRenderCache *self)
{
  return g_hash_table_size (self->slots);
}

gsize
pa_render_cache_get_bytes (PaRenderCache *self)
{
  return self->bytes;
}

GBytes *
pa_render_cache_get_file_bytes (PaRenderCache      *self,
                                const PaCachedFile *file)
{
  guint8 *data;
  gsize at = 0;

  if (file->bytes != NULL)
    return g_bytes_ref (file->bytes);

  data = g_malloc (MAX (file->length, 1));
  for (guint i = 0; i < file->chunks->len; i++)
    {
      gsize size = 0;
      Chunk *piece = g_ptr_array_index (file->chunks, i);
      gconstpointer chunk = g_bytes_get_data (piece->bytes, &size);

      memcpy (data + at, chunk, size);
      at += size;
    }
  g_assert (at == file->length);
  return g_bytes_new_take (data, at);
}
