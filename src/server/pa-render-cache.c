/* pa-render-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-render-cache"

#include "config.h"

#include <gio/gio.h>

#include "pa-render-cache.h"

typedef struct
{
  char         *key;        /* "<token>/<file>" */
  PaCachedFile *file;
  GList         link;       /* in @lru, most recent first */
} Slot;

struct _PaRenderCache
{
  GConverter *deflate;      /* kept: each holds hundreds of KB of state */
  GConverter *inflate;
  GHashTable *slots;        /* key → Slot, owning */
  GHashTable *by_phone;     /* &file->phone_id → GSList of its Slots */
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
  g_clear_pointer (&entry->packed, g_bytes_unref);
  g_free (entry->etag);
  g_free (entry);
}

/* @input through @converter, which is reset after. NULL if it fails. */
static GBytes *
convert (GConverter *converter,
         GBytes     *input,
         gsize       size_hint)
{
  gsize in_length = 0;
  const guint8 *in = g_bytes_get_data (input, &in_length);
  gsize capacity = MAX (size_hint, 256), used = 0, consumed = 0;
  guint8 *out = g_malloc (capacity);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gsize read = 0, written = 0;
      GConverterResult result;

      if (capacity - used < 256)
        out = g_realloc (out, capacity *= 2);
      result = g_converter_convert (converter, in + consumed, in_length - consumed,
                                    out + used, capacity - used, G_CONVERTER_INPUT_AT_END,
                                    &read, &written, &error);
      if (result == G_CONVERTER_ERROR &&
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
        {
          out = g_realloc (out, capacity *= 2);
          continue;
        }
      if (result == G_CONVERTER_ERROR)
        {
          g_warning ("Cannot %s a cached file: %s",
                     G_IS_ZLIB_COMPRESSOR (converter) ? "deflate" : "inflate", error->message);
          g_converter_reset (converter);
          g_free (out);
          return NULL;
        }
      consumed += read;
      used += written;
      if (result == G_CONVERTER_FINISHED)
        break;
    }
  g_converter_reset (converter);
  return g_bytes_new_take (g_realloc (out, MAX (used, 1)), used);
}

static gsize
slot_size (Slot *slot)
{
  return g_bytes_get_size (slot->file->packed) + 256;
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

  self->deflate = G_CONVERTER (g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW, 1));
  self->inflate = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW));
  self->slots = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, slot_free);
  self->by_phone = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                          (GDestroyNotify) g_slist_free);
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
  g_clear_object (&self->deflate);
  g_clear_object (&self->inflate);
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
  GSList *siblings;
  Slot *slot;

  if (old != NULL)
    remove_slot (self, old);

  if (entry->packed == NULL)
    {
      entry->length = g_bytes_get_size (entry->bytes);
      entry->packed = convert (self->deflate, entry->bytes, entry->length / 4);
      if (entry->packed == NULL)
        {
          pa_cached_file_free (entry);
          return;
        }
    }
  g_clear_pointer (&entry->bytes, g_bytes_unref);

  slot = g_new0 (Slot, 1);
  slot->key = g_steal_pointer (&key);
  slot->file = entry;
  slot->link.data = slot;
  if (slot_size (slot) > self->max_bytes)
    {
      slot_free (slot);
      return;
    }

  g_hash_table_insert (self->slots, slot->key, slot);
  siblings = NULL;
  if (g_hash_table_steal_extended (self->by_phone, &entry->phone_id, NULL, (gpointer *) &siblings))
    siblings = g_slist_prepend (siblings, slot);
  else
    siblings = g_slist_prepend (NULL, slot);
  g_hash_table_insert (self->by_phone, &entry->phone_id, siblings);
  g_queue_push_head_link (&self->lru, &slot->link);
  self->bytes += slot_size (slot);
  while (self->bytes > self->max_bytes)
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
  if (file->bytes != NULL)
    return g_bytes_ref (file->bytes);
  return convert (self->inflate, file->packed, file->length);
}
