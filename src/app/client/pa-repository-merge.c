/* pa-repository-merge.c — merging the server's answers into the
 * repository's stores, keeping each object's identity
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Views hold on to the objects in the stores, so a refresh updates an
 * existing object in place (notifying only what changed) instead of
 * replacing it.
 */
#define G_LOG_DOMAIN "pa-repository"

#include "config.h"

#include "pa-phone-usage.h"
#include "pa-repository-private.h"

static int
compare_by_id (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  gint64 ia = pa_resource_get_id ((PaResource *) a);
  gint64 ib = pa_resource_get_id ((PaResource *) b);

  return (ia > ib) - (ia < ib);
}

/* Objects changed in place by merges, ever: see
 * pa_repository_count_changes_in_place(). Main thread only. */
static guint64 changes_in_place;

guint64
pa_repository_count_changes_in_place (void)
{
  return changes_in_place;
}

/* Copies every member, server-owned ones too, through the properties, so
 * each setter decides whether anything changed and notifies only then. */
static void
update_in_place (PaKindStore *ks,
                 PaResource  *existing,
                 PaResource  *fresh)
{
  const PaMember **members;
  guint n_members;
  gboolean uses_changed;

  if (pa_resource_equal (existing, fresh))
    return;
  changes_in_place++;
  /* A status or a name changes far more often than what a phone uses:
   * only the latter costs the counts a walk over every phone. */
  uses_changed = PA_IS_PHONE (existing) && !pa_phone_uses_same (PA_PHONE (existing),
                                                                 PA_PHONE (fresh));

  members = pa_resource_class_list_members (PA_RESOURCE_GET_CLASS (fresh), &n_members);
  g_object_freeze_notify (G_OBJECT (existing));
  for (guint i = 0; i < n_members; i++)
    {
      GParamSpec *pspec = members[i]->pspec;
      g_auto(GValue) old_value = G_VALUE_INIT;
      g_auto(GValue) new_value = G_VALUE_INIT;

      g_value_init (&old_value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_value_init (&new_value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (G_OBJECT (existing), pspec->name, &old_value);
      g_object_get_property (G_OBJECT (fresh), pspec->name, &new_value);
      /* Boxed values (lines, keys) compare by pointer and so always differ;
       * their setters are left to judge. Scalars that are equal are skipped
       * so a setter that notifies unconditionally stays quiet. */
      if (!G_VALUE_HOLDS_BOXED (&new_value) && !G_VALUE_HOLDS_OBJECT (&new_value)
          && g_param_values_cmp (pspec, &old_value, &new_value) == 0)
        continue;
      g_object_set_property (G_OBJECT (existing), pspec->name, &new_value);
    }
  g_object_thaw_notify (G_OBJECT (existing));
  /* The store's list did not change, so what counts its phones is told. */
  if (uses_changed)
    pa_phone_usage_invalidate (pa_phone_usage_for (G_LIST_MODEL (ks->store)));
}

/* Adds or updates one resource; returns the object in the store. */
PaResource *
pa_kind_store_merge_one (PaKindStore *ks,
                         PaResource   *fresh)
{
  gint64 id = pa_resource_get_id (fresh);
  PaResource *existing = g_hash_table_lookup (ks->by_id, &id);

  if (existing == fresh)
    return existing;

  if (existing != NULL)
    {
      update_in_place (ks, existing, fresh);
      return existing;
    }

  g_hash_table_insert (ks->by_id, g_memdup2 (&id, sizeof id), fresh);
  g_list_store_insert_sorted (ks->store, fresh, compare_by_id, NULL);
  return fresh;
}

void
pa_kind_store_remove_one (PaKindStore *ks,
                          gint64        id)
{
  PaResource *existing = g_hash_table_lookup (ks->by_id, &id);
  guint position;

  if (existing == NULL)
    return;

  if (g_list_store_find (ks->store, existing, &position))
    g_list_store_remove (ks->store, position);
  g_hash_table_remove (ks->by_id, &id);
}

/* Appended to the store in one splice at most (~10 ms of GSequence
 * inserts and the signal's handlers). */
#define MERGE_APPEND_MAX 8192

struct _PaMergeJob
{
  PaKindStore *ks;
  GPtrArray   *items;
  guint        index;      /* the next item to merge */
  gint64       max_id;     /* the largest id in the store */
  GPtrArray   *appended;   /* new items past @max_id, for the next splice */
};

PaMergeJob *
pa_merge_job_new (PaKindStore *ks,
                  GPtrArray   *items)
{
  g_autoptr(GHashTable) fresh_ids = NULL;
  PaMergeJob *job = g_new0 (PaMergeJob, 1);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (ks->store));

  job->ks = ks;
  job->items = g_ptr_array_ref (items);
  job->appended = g_ptr_array_new ();

  /* The first load: nothing can have vanished (a table of 100,000 ids
   * made for nothing was 15 ms of the window's thread). */
  if (n == 0)
    return job;

  fresh_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < items->len; i++)
    {
      gint64 id = pa_resource_get_id (g_ptr_array_index (items, i));

      g_hash_table_add (fresh_ids, g_memdup2 (&id, sizeof id));
    }

  /* Vanished ids go first, from the end so positions stay right. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(PaResource) r = g_list_model_get_item (G_LIST_MODEL (ks->store), i - 1);
      gint64 id = pa_resource_get_id (r);

      if (!g_hash_table_contains (fresh_ids, &id))
        {
          g_list_store_remove (ks->store, i - 1);
          g_hash_table_remove (ks->by_id, &id);
        }
      else if (id > job->max_id)
        job->max_id = id;
    }
  return job;
}

static void
splice_appended (PaMergeJob *job)
{
  PaKindStore *ks = job->ks;

  if (job->appended->len == 0)
    return;
  g_list_store_splice (ks->store, g_list_model_get_n_items (G_LIST_MODEL (ks->store)), 0,
                       job->appended->pdata, job->appended->len);
  g_ptr_array_set_size (job->appended, 0);
}

gboolean
pa_merge_job_step (PaMergeJob *job,
                   gint64      deadline)
{
  PaKindStore *ks = job->ks;

  while (job->index < job->items->len)
    {
      PaResource *fresh = g_ptr_array_index (job->items, job->index);
      gint64 id = pa_resource_get_id (fresh);
      PaResource *existing = g_hash_table_lookup (ks->by_id, &id);

      job->index++;
      if (existing != NULL)
        update_in_place (ks, existing, fresh);
      else if (id > job->max_id)
        {
          /* The common case (first load, new rows at the end): one splice
           * per step instead of a signal per row. */
          g_hash_table_insert (ks->by_id, g_memdup2 (&id, sizeof id), fresh);
          g_ptr_array_add (job->appended, fresh);
          job->max_id = id;
        }
      else
        pa_kind_store_merge_one (ks, fresh);

      /* The clock is read every few items only. The splice after the
       * loop costs about as much again per item appended, so a step
       * appends a bounded number. */
      if (job->appended->len >= MERGE_APPEND_MAX
          || (job->index % 32 == 0 && g_get_monotonic_time () >= deadline))
        break;
    }
  splice_appended (job);
  return job->index >= job->items->len;
}

void
pa_merge_job_free (PaMergeJob *job)
{
  if (job == NULL)
    return;
  /* Stopped half-way: what was taken in is in the store. */
  splice_appended (job);
  g_ptr_array_unref (job->items);
  g_ptr_array_unref (job->appended);
  g_free (job);
}

/* Makes the store hold exactly @items (in id order), keeping the objects
 * whose id was already there. */
void
pa_kind_store_merge_all (PaKindStore *ks,
                         GPtrArray    *items)
{
  PaMergeJob *job = pa_merge_job_new (ks, items);

  pa_merge_job_step (job, G_MAXINT64);
  pa_merge_job_free (job);
}

void
pa_kind_store_merge_some (PaKindStore *ks,
                          GPtrArray   *items)
{
  g_autoptr(GPtrArray) appended = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (ks->store));
  gint64 max_id = 0;

  if (n > 0)
    {
      g_autoptr(PaResource) last = g_list_model_get_item (G_LIST_MODEL (ks->store), n - 1);

      max_id = pa_resource_get_id (last);
    }

  for (guint i = 0; i < items->len; i++)
    {
      PaResource *fresh = g_ptr_array_index (items, i);
      gint64 id = pa_resource_get_id (fresh);
      PaResource *existing = g_hash_table_lookup (ks->by_id, &id);

      if (existing != NULL)
        update_in_place (ks, existing, fresh);
      else if (id > max_id)
        {
          g_hash_table_insert (ks->by_id, g_memdup2 (&id, sizeof id), fresh);
          g_ptr_array_add (appended, fresh);
          max_id = id;
        }
      else
        {
          /* Below the appended ones: they must be in the store first. */
          if (appended->len > 0)
            {
              g_list_store_splice (ks->store, g_list_model_get_n_items (G_LIST_MODEL (ks->store)),
                                   0, appended->pdata, appended->len);
              g_ptr_array_set_size (appended, 0);
            }
          pa_kind_store_merge_one (ks, fresh);
        }
    }

  if (appended->len > 0)
    g_list_store_splice (ks->store, g_list_model_get_n_items (G_LIST_MODEL (ks->store)), 0,
                         appended->pdata, appended->len);
}
