/* test-filter-model.c — PaFilterModel against a brute-force filter, and
 * what its changes tell a view.
 *
 * A shadow list replays every items-changed the model emits; after each
 * step it must equal the model, and the model must equal filtering the
 * source by hand. A new search tells only about the rows that differ.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>

#include "pa-filter-model.h"

typedef struct
{
  GPtrArray *shadow;   /* what a view that followed every signal holds */
  guint      n_signals;
} Follower;

static void
follow_cb (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           Follower   *follower)
{
  g_assert_cmpuint (position + removed, <=, follower->shadow->len);
  g_ptr_array_remove_range (follower->shadow, position, removed);
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

      g_assert_nonnull (item);
      g_ptr_array_insert (follower->shadow, position + i, item);
    }
  g_assert_cmpuint (follower->shadow->len, ==, g_list_model_get_n_items (model));
  follower->n_signals++;
}

static guint threshold;   /* the filter: an item's number below this */

static guint
number_of (gpointer item)
{
  return (guint) g_ascii_strtoull (gtk_string_object_get_string (item), NULL, 10);
}

static gboolean
below_threshold (gpointer item,
                 gpointer user_data)
{
  return number_of (item) < threshold;
}

static void
assert_filtered (PaFilterModel *model,
                 GListStore    *source,
                 gboolean       filtering,
                 Follower      *follower)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (source)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (source), i);
      g_autoptr(GObject) shown = NULL;

      if (filtering && !below_threshold (item, NULL))
        continue;
      shown = g_list_model_get_item (G_LIST_MODEL (model), n);
      g_assert_true (shown == item);
      g_assert_true (g_ptr_array_index (follower->shadow, n) == (gpointer) item);
      n++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);
  g_assert_cmpuint (follower->shadow->len, ==, n);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
}

static GtkStringObject *
numbered (guint number)
{
  g_autofree char *text = g_strdup_printf ("%u", number);

  return gtk_string_object_new (text);
}

/* Random inserts, removes and splices on the source, and random new
 * filters, each checked against filtering by hand. */
static void
test_random_changes (void)
{
  g_autoptr(GListStore) source = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(PaFilterModel) model = pa_filter_model_new (G_LIST_MODEL (source));
  Follower follower = { g_ptr_array_new (), 0 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  gboolean filtering = FALSE;

  g_signal_connect (model, "items-changed", G_CALLBACK (follow_cb), &follower);

  for (guint step = 0; step < 2000; step++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (source));
      guint what = g_rand_int_range (rand, 0, 10);

      if (what < 6)
        {
          /* A splice: the kind of change a sort model passes on. */
          guint position = g_rand_int_range (rand, 0, n + 1);
          guint removed = g_rand_int_range (rand, 0, MIN (n - position, 5) + 1);
          guint added = g_rand_int_range (rand, 0, 6);
          g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < added; i++)
            g_ptr_array_add (items, numbered (g_rand_int_range (rand, 0, 100)));
          g_list_store_splice (source, position, removed, items->pdata, added);
        }
      else if (what < 9)
        {
          threshold = g_rand_int_range (rand, 0, 101);
          /* Refiltering asks the function it has: none, no change. */
          if (what == 8 && filtering)
            pa_filter_model_refilter (model);
          else
            pa_filter_model_set_func (model, below_threshold, NULL);
          filtering = TRUE;
        }
      else
        {
          filtering = FALSE;
          pa_filter_model_set_func (model, NULL, NULL);
        }
      assert_filtered (model, source, filtering, &follower);
    }

  /* A new source, then none. */
  {
    g_autoptr(GListStore) other = g_list_store_new (GTK_TYPE_STRING_OBJECT);

    for (guint i = 0; i < 50; i++)
      {
        g_autoptr(GtkStringObject) item = numbered (i);

        g_list_store_append (other, item);
      }
    pa_filter_model_set_source (model, G_LIST_MODEL (other));
    assert_filtered (model, other, filtering, &follower);
    pa_filter_model_set_source (model, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
    g_assert_cmpuint (follower.shadow->len, ==, 0);
  }
  g_ptr_array_unref (follower.shadow);
}

typedef struct
{
  guint position, removed, added;
} Change;

static void
record_cb (GListModel *model,
           guint       position,
           guint       removed,
           guint       added,
           Change     *change)
{
  *change = (Change) { position, removed, added };
}

/* Refiltering to the same rows tells nobody; a new search tells only
 * about the rows between the first and the last that differ. */
static void
test_minimal_change (void)
{
  g_autoptr(GListStore) source = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(PaFilterModel) model = NULL;
  Follower follower = { g_ptr_array_new (), 0 };
  Change change = { 0, };

  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GtkStringObject) item = numbered (i);

      g_list_store_append (source, item);
      g_ptr_array_add (follower.shadow, item);
    }
  model = pa_filter_model_new (G_LIST_MODEL (source));
  g_signal_connect (model, "items-changed", G_CALLBACK (follow_cb), &follower);
  g_signal_connect (model, "items-changed", G_CALLBACK (record_cb), &change);

  threshold = 100;
  pa_filter_model_set_func (model, below_threshold, NULL);
  g_assert_cmpuint (follower.n_signals, ==, 0);

  threshold = 40;
  pa_filter_model_refilter (model);
  g_assert_cmpuint (follower.n_signals, ==, 1);
  g_assert_cmpuint (change.position, ==, 40);
  g_assert_cmpuint (change.removed, ==, 60);
  g_assert_cmpuint (change.added, ==, 0);
  assert_filtered (model, source, TRUE, &follower);

  pa_filter_model_refilter (model);
  g_assert_cmpuint (follower.n_signals, ==, 1);

  pa_filter_model_set_func (model, NULL, NULL);
  g_assert_cmpuint (follower.n_signals, ==, 2);
  g_assert_cmpuint (change.position, ==, 40);
  g_assert_cmpuint (change.added, ==, 60);
  assert_filtered (model, source, FALSE, &follower);

  threshold = 0;
  pa_filter_model_set_func (model, below_threshold, NULL);
  g_assert_cmpuint (follower.n_signals, ==, 3);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 100);
  assert_filtered (model, source, TRUE, &follower);
  g_ptr_array_unref (follower.shadow);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/filter-model/random-changes", test_random_changes);
  g_test_add_func ("/filter-model/minimal-change", test_minimal_change);
  return g_test_run ();
}
