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

#include "pa-app-test.h"
#include "pa-column-view-scroll.h"
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

static gboolean
at_or_above_threshold (gpointer item,
                       gpointer user_data)
{
  return number_of (item) >= threshold;
}

static void
assert_filtered (PaFilterModel *model,
                 GListModel    *source,
                 gboolean       filtering,
                 Follower      *follower)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (source); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (source, i);
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
      assert_filtered (model, G_LIST_MODEL (source), filtering, &follower);
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
    assert_filtered (model, G_LIST_MODEL (other), filtering, &follower);
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
  assert_filtered (model, G_LIST_MODEL (source), TRUE, &follower);

  pa_filter_model_refilter (model);
  g_assert_cmpuint (follower.n_signals, ==, 1);

  pa_filter_model_set_func (model, NULL, NULL);
  g_assert_cmpuint (follower.n_signals, ==, 2);
  g_assert_cmpuint (change.position, ==, 40);
  g_assert_cmpuint (change.added, ==, 60);
  assert_filtered (model, G_LIST_MODEL (source), FALSE, &follower);

  threshold = 0;
  pa_filter_model_set_func (model, below_threshold, NULL);
  g_assert_cmpuint (follower.n_signals, ==, 3);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.removed, ==, 100);
  assert_filtered (model, G_LIST_MODEL (source), TRUE, &follower);
  g_ptr_array_unref (follower.shadow);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* A GListModel over a GListStore that takes a microsecond an item, as
 * slow as the pages' sort models at their slowest: 100,000 cannot be
 * copied in one step. */
#define PA_TYPE_SLOW_MODEL (pa_slow_model_get_type ())
G_DECLARE_FINAL_TYPE (PaSlowModel, pa_slow_model, PA, SLOW_MODEL, GObject)

struct _PaSlowModel
{
  GObject     parent_instance;
  GListStore *store;
};

static GType
pa_slow_model_get_item_type (GListModel *model)
{
  return GTK_TYPE_STRING_OBJECT;
}

static guint
pa_slow_model_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (PA_SLOW_MODEL (model)->store));
}

static gpointer
pa_slow_model_get_item (GListModel *model,
                        guint       position)
{
  for (gint64 until = g_get_monotonic_time () + 1; g_get_monotonic_time () < until;)
    ;
  return g_list_model_get_item (G_LIST_MODEL (PA_SLOW_MODEL (model)->store), position);
}

static void
pa_slow_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pa_slow_model_get_item_type;
  iface->get_n_items = pa_slow_model_get_n_items;
  iface->get_item = pa_slow_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PaSlowModel, pa_slow_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pa_slow_model_list_model_init))

static void
pa_slow_model_finalize (GObject *object)
{
  g_object_unref (PA_SLOW_MODEL (object)->store);
  G_OBJECT_CLASS (pa_slow_model_parent_class)->finalize (object);
}

static void
pa_slow_model_class_init (PaSlowModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pa_slow_model_finalize;
}

static void
pa_slow_model_init (PaSlowModel *self)
{
}

static PaSlowModel *
slow_model_new (guint n_items)
{
  PaSlowModel *self = g_object_new (PA_TYPE_SLOW_MODEL, NULL);

  self->store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GtkStringObject) item = numbered (i);

      g_list_store_append (self->store, item);
    }
  g_signal_connect_swapped (self->store, "items-changed",
                            G_CALLBACK (g_list_model_items_changed), self);
  return self;
}

/* How many items the model had when it stopped loading: a page that
 * hears "done" with no rows says "no matches" for a frame. */
static void
loading_ended_cb (PaFilterModel *model,
                  GParamSpec    *pspec,
                  guint         *n_items_then)
{
  if (!pa_filter_model_get_loading (model))
    *n_items_then = g_list_model_get_n_items (G_LIST_MODEL (model));
}

/* A long source given at once is copied in steps between main loop
 * iterations, the views told nothing until it is all in; changes to the
 * source meanwhile are in it; a search ends the copy at once. */
static void
test_copied_in_steps (void)
{
  g_autoptr(PaSlowModel) slow = slow_model_new (100000);
  GListStore *store = slow->store;
  g_autoptr(PaFilterModel) model = pa_filter_model_new (NULL);
  Follower follower = { g_ptr_array_new (), 0 };
  guint notified = 0, n_items_then = 0;

  g_signal_connect (model, "items-changed", G_CALLBACK (follow_cb), &follower);
  g_signal_connect (model, "notify::loading", G_CALLBACK (count_notify_cb), &notified);
  g_signal_connect (model, "notify::loading", G_CALLBACK (loading_ended_cb), &n_items_then);

  pa_filter_model_set_source (model, G_LIST_MODEL (slow));
  g_assert_true (pa_filter_model_get_loading (model));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* 10 ms of the main loop copy some, not 100,000 (100 ms). */
  for (gint64 until = g_get_monotonic_time () + 10000; g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (pa_filter_model_get_loading (model));
  g_assert_cmpuint (follower.n_signals, ==, 0);

  /* Items removed from among those copied, one added at the end. */
  {
    g_autoptr(GtkStringObject) late = numbered (200000);

    g_list_store_remove (store, 10);
    g_list_store_remove (store, 20);
    g_list_store_append (store, late);
  }
  while (pa_filter_model_get_loading (model))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_cmpuint (n_items_then, >, 0);
  while (pa_filter_model_get_revealing (model))
    g_main_context_iteration (NULL, TRUE);
  assert_filtered (model, G_LIST_MODEL (slow), FALSE, &follower);
  g_assert_cmpuint (follower.shadow->len, ==, 99999);

  /* Again, and a search while it copies: all copied at once, searched. */
  pa_filter_model_set_source (model, NULL);
  g_assert_cmpuint (follower.shadow->len, ==, 0);
  pa_filter_model_set_source (model, G_LIST_MODEL (slow));
  g_assert_true (pa_filter_model_get_loading (model));
  g_main_context_iteration (NULL, TRUE);
  threshold = 500;
  n_items_then = 0;
  pa_filter_model_set_func (model, below_threshold, NULL);
  g_assert_false (pa_filter_model_get_loading (model));
  g_assert_cmpuint (n_items_then, >, 0);   /* told all, under the old search */
  assert_filtered (model, G_LIST_MODEL (slow), TRUE, &follower);
  g_assert_cmpuint (follower.shadow->len, ==, 498);   /* 10 and 21 went */

  /* Taken away while it copies: nothing told, no longer loading. */
  pa_filter_model_set_func (model, NULL, NULL);
  pa_filter_model_set_source (model, NULL);
  pa_filter_model_set_source (model, G_LIST_MODEL (slow));
  notified = 0;
  pa_filter_model_set_source (model, NULL);
  g_assert_false (pa_filter_model_get_loading (model));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (follower.shadow->len, ==, 0);
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (follower.shadow->len, ==, 0);

  g_ptr_array_unref (follower.shadow);
}

static guint n_setups;

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item)
{
  n_setups++;
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item)
{
  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (gtk_list_item_get_item (item)));
}

/* The labels the view shows, top to bottom, space-separated. */
static void
append_shown (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && gtk_widget_get_child_visible (gtk_widget_get_parent (gtk_widget_get_parent (widget))))
    g_string_append_printf (out, "%s ", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_shown (child, out);
}

typedef struct
{
  GtkWidget  *view;
  const char *prefix;
} Shown;

static gboolean
shows_prefix (gpointer data)
{
  Shown *shown = data;
  g_autoptr(GString) text = g_string_new (NULL);

  append_shown (shown->view, text);
  return g_str_has_prefix (text->str, shown->prefix);
}

static void
show_cb (gpointer user_data)
{
  pa_column_view_scroll_to (user_data, 0);
}

/* On a real GtkColumnView (Xvfb): a new search shows its first rows at
 * the top, and the rows' widgets are bound again, not made anew. */
static void
test_view_keeps_widgets (void)
{
  g_autoptr(GListStore) source = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  PaFilterModel *model;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkColumnView *view;
  Shown shown;
  guint before;

  for (guint i = 0; i < 5000; i++)
    {
      g_autoptr(GtkStringObject) item = numbered (i);

      g_list_store_append (source, item);
    }
  model = pa_filter_model_new (G_LIST_MODEL (source));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);
  view = GTK_COLUMN_VIEW (gtk_column_view_new (GTK_SELECTION_MODEL (gtk_multi_selection_new (G_LIST_MODEL (model)))));
  pa_filter_model_set_show_func (model, show_cb, view);
  column = gtk_column_view_column_new ("n", factory);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  gtk_window_present (GTK_WINDOW (window));
  shown = (Shown) { GTK_WIDGET (view), "n 0 1 2 " };
  pa_app_test_wait_until (shows_prefix, &shown);
  /* The view heard of the rows a screenful at a time: its row widgets
   * were made over several frames, never all in one. */
  g_assert_cmpuint (n_setups, <=, 60);
  g_assert_true (pa_filter_model_get_revealing (model));
  while (pa_filter_model_get_revealing (model))
    {
      guint made = n_setups;

      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (n_setups - made, <=, 60);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 5000);
  pa_app_test_wait_for_frames (2);

  /* The lower half (the first rows stay), the upper half (all new), then
   * from 1000 on (rows added ahead of those shown): each from the top. */
  before = n_setups;
  threshold = 2500;
  pa_filter_model_set_func (model, below_threshold, NULL);
  shown.prefix = "n 0 1 2 ";
  pa_app_test_wait_until (shows_prefix, &shown);
  g_assert_cmpuint (n_setups, ==, before);   /* a prefix kept: nothing moved */

  pa_filter_model_set_func (model, at_or_above_threshold, NULL);
  threshold = 1000;
  pa_filter_model_refilter (model);
  shown.prefix = "n 1000 1001 1002 ";
  pa_app_test_wait_until (shows_prefix, &shown);
  pa_app_test_wait_for_frames (2);
  /* Whole new sets of rows, each more than the view keeps widgets for
   * (~200): the widgets moved, and at most a few made (the view's rows
   * at the edges settling), where one change made ~200. */
  g_assert_cmpuint (n_setups - before, <=, 4);

  /* Ten rows, then many again: the rows beyond ten need widgets again. */
  threshold = 10;
  pa_filter_model_set_func (model, below_threshold, NULL);
  shown.prefix = "n 0 1 2 3 4 5 6 7 8 9 ";
  pa_app_test_wait_until (shows_prefix, &shown);
  threshold = 4000;
  pa_filter_model_set_func (model, at_or_above_threshold, NULL);
  shown.prefix = "n 4000 4001 ";
  pa_app_test_wait_until (shows_prefix, &shown);
  pa_app_test_wait_for_frames (2);
  g_assert_cmpuint (n_setups - before, <, 205);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/filter-model/random-changes", test_random_changes);
  g_test_add_func ("/filter-model/minimal-change", test_minimal_change);
  g_test_add_func ("/filter-model/copied-in-steps", test_copied_in_steps);
  g_test_add_func ("/filter-model/view-keeps-widgets", test_view_keeps_widgets);
  return g_test_run ();
}
