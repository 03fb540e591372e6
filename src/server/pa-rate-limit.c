/* pa-rate-limit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-rate-limit"

#include "config.h"

#include "pa-rate-limit.h"

typedef struct
{
  double tokens;
  gint64 at;      /* when @tokens was last brought up to date */
} Bucket;

struct _PaRateLimit
{
  GHashTable *buckets;   /* client → Bucket */
  double      per_second;
  double      burst;
  guint       max_clients;
};

PaRateLimit *
pa_rate_limit_new (double per_second,
                   double burst,
                   guint  max_clients)
{
  PaRateLimit *self = g_new0 (PaRateLimit, 1);

  self->buckets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->per_second = per_second;
  self->burst = burst;
  self->max_clients = MAX (max_clients, 1);
  return self;
}

void
pa_rate_limit_free (PaRateLimit *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->buckets);
  g_free (self);
}

static Bucket *
bucket_of (PaRateLimit *self,
           const char  *client,
           gint64       now,
           gboolean     create)
{
  Bucket *bucket = g_hash_table_lookup (self->buckets, client != NULL ? client : "?");

  if (bucket == NULL && create)
    {
      /* A flood of addresses cannot grow the table: forget the quietest. */
      if (g_hash_table_size (self->buckets) >= self->max_clients)
        {
          GHashTableIter iter;
          gpointer key, value, oldest = NULL;
          gint64 oldest_at = G_MAXINT64;

          g_hash_table_iter_init (&iter, self->buckets);
          while (g_hash_table_iter_next (&iter, &key, &value))
            if (((Bucket *) value)->at < oldest_at)
              {
                oldest_at = ((Bucket *) value)->at;
                oldest = key;
              }
          g_hash_table_remove (self->buckets, oldest);
        }
      bucket = g_new0 (Bucket, 1);
      bucket->tokens = self->burst;
      bucket->at = now;
      g_hash_table_insert (self->buckets, g_strdup (client != NULL ? client : "?"), bucket);
    }
  if (bucket != NULL && now > bucket->at)
    {
      bucket->tokens = MIN (self->burst,
                            bucket->tokens + (now - bucket->at) * self->per_second / G_USEC_PER_SEC);
      bucket->at = now;
    }
  return bucket;
}

gboolean
pa_rate_limit_allows (PaRateLimit *self,
                      const char  *client,
                      gint64       now_usec)
{
  Bucket *bucket = bucket_of (self, client, now_usec, FALSE);

  return bucket == NULL || bucket->tokens >= 1.0;
}

void
pa_rate_limit_spend (PaRateLimit *self,
                     const char  *client,
                     gint64       now_usec)
{
  Bucket *bucket = bucket_of (self, client, now_usec, TRUE);

  bucket->tokens = MAX (bucket->tokens - 1.0, 0.0);
}
