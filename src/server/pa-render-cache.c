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

static Chunk *
chunk_ref (PaRenderCache *self,
           const guint8  *data,
           gsize          size)
{
  Chunk probe = { g_bytes_new_static (data, size), 0, 0 };
  Chunk *chunk;

  probe.hash = g_bytes_hash (probe.bytes);
  chunk = g_hash_table_lookup (self->chunks, &probe);
  g_bytes_unref (probe.bytes);
  if (chunk != NULL)
    {
      chunk->users++;
      return chunk;
    }
  chunk = g_new0 (Chunk, 1);
  chunk->bytes = g_bytes_new (data, size);
  chunk->hash = probe.hash;
  chunk->users = 1;
  g_hash_table_add (self->chunks, chunk);
  self->bytes += size + CHUNK_OVERHEAD;
  return chunk;
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

/* Cuts @bytes at lines its content picks (FNV-1a of the line). */
static GPtrArray *
cut (PaRenderCache *self,
     GBytes        *bytes)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (bytes, &length);
  GPtrArray *chunks = g_ptr_array_new ();
  gsize start = 0;
  guint32 hash = 2166136261u;

  for (gsize i = 0; i < length; i++)
    {
      hash = (hash ^ data[i]) * 16777619u;
      if ((data[i] == '\n' && (hash & CHUNK_CUT_MASK) == 0) || i + 1 - start >= CHUNK_MAX ||
          i + 1 == length)
        {
          g_ptr_array_add (chunks, chunk_ref (self, data + start, i + 1 - start));
          start = i + 1;
        }
      if (data[i] == '\n')
        hash = 2166136261u;
    }
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

  g_return_if_fail (entry->bytes != NULL && entry->chunks == NULL);

  if (old != NULL)
    remove_slot (self, old);

  /* A file bigger than the whole cache would only push everything out. */
  entry->length = g_bytes_get_size (entry->bytes);
  if (entry->length + ENTRY_OVERHEAD > self->max_bytes)
    {
      pa_cached_file_free (entry);
      return;
    }
  entry->chunks = cut (self, entry->bytes);
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

  while ((slots = g_hash_table_lookup (self->by_phone, &phone_id)) != NULL)
    remove_slot (self, slots->data);
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
