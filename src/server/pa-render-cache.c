/* pa-render-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-render-cache"

#include "config.h"

#include "pa-render-cache.h"

typedef struct
{
  char         *key;        /* "<token>/<file>" */
  guint64       sequence;
  PaCachedFile *file;
  GList         link;       /* in @lru, most recent first */
} Slot;

struct _PaRenderCache
{
  GHashTable *slots;        /* key → Slot, owning */
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
  g_free (entry->etag);
  g_free (entry);
}

static gsize
slot_size (Slot *slot)
{
  return g_bytes_get_size (slot->file->bytes) + 256;
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
  g_queue_init (&self->lru);
  self->max_bytes = max_bytes;
  return self;
}

void
pa_render_cache_free (PaRenderCache *self)
{
  if (self == NULL)
    return;
  g_queue_clear (&self->lru);
  g_hash_table_unref (self->slots);
  g_free (self);
}

static void
remove_slot (PaRenderCache *self,
             Slot          *slot)
{
  g_queue_unlink (&self->lru, &slot->link);
  self->bytes -= slot_size (slot);
  g_hash_table_remove (self->slots, slot->key);
}

const PaCachedFile *
pa_render_cache_lookup (PaRenderCache *self,
                        const char    *token,
                        const char    *file,
                        guint64        sequence)
{
  g_autofree char *key = g_strconcat (token, "/", file, NULL);
  Slot *slot = g_hash_table_lookup (self->slots, key);

  if (slot == NULL)
    return NULL;
  if (slot->sequence != sequence)
    {
      remove_slot (self, slot);
      return NULL;
    }
  g_queue_unlink (&self->lru, &slot->link);
  g_queue_push_head_link (&self->lru, &slot->link);
  return slot->file;
}

void
pa_render_cache_store (PaRenderCache *self,
                       const char    *token,
                       const char    *file,
                       guint64        sequence,
                       PaCachedFile  *entry)
{
  g_autofree char *key = g_strconcat (token, "/", file, NULL);
  Slot *old = g_hash_table_lookup (self->slots, key);
  Slot *slot;

  if (old != NULL)
    remove_slot (self, old);

  slot = g_new0 (Slot, 1);
  slot->key = g_steal_pointer (&key);
  slot->sequence = sequence;
  slot->file = entry;
  slot->link.data = slot;
  if (slot_size (slot) > self->max_bytes)
    {
      slot_free (slot);
      return;
    }

  g_hash_table_insert (self->slots, slot->key, slot);
  g_queue_push_head_link (&self->lru, &slot->link);
  self->bytes += slot_size (slot);
  while (self->bytes > self->max_bytes)
    remove_slot (self, g_queue_peek_tail_link (&self->lru)->data);
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
