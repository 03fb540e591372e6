/* pa-filter-model.c — the rows of a list that match its search.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "pa-filter-model.h"

#include <string.h>

#include "pa-bench-trace.h"

struct _PaFilterModel
{
  GObject            parent_instance;

  GListModel        *source;
  /* The source's items, in its order: asking a sort model over a
   * GListStore for each item costs a tree walk, a reference and its
   * release, ~0.4 µs an item (40 ms a search at 100,000 phones). */
  GPtrArray         *items;
  PaFilterModelFunc  func;
  gpointer           user_data;
  PaFilterModelShowFunc show;
  gpointer           show_data;
  /* The positions in @items shown, ascending; NULL shows every one. */
  GArray            *rows;
  /* While a long list appears: the rows the views know of so far. */
  guint              revealed;
  guint              reveal_source;
  /* While a long source given at once is copied into @items. */
  guint              take_source;
};

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A long list given at once appears a screenful at a time: GTK 4.8's list
 * views make and bind a widget for each of the ~200 rows around the one
 * they show as soon as they hear of them, 1,600 cells and ~100 ms for the
 * phones' eight columns in one go. Told REVEAL_STEP rows at a time, they
 * make them over several frames; once REVEAL_ALL_FROM are known, the rest
 * come at once (no widgets for them). The first step is about what a view
 * shows, as its frame also draws the whole list: each new row makes GTK
 * measure every cell of the view again. */
#define REVEAL_FIRST 24
#define REVEAL_STEP 40
#define REVEAL_ALL_FROM 240
#define REVEAL_INTERVAL_MS 32

/* A source this long given at once is copied in steps of TAKE_STEP_US
 * between frames, the views told of no row until it is done: asking a
 * sort model for each of 100,000 phones takes 25-40 ms. */
#define TAKE_IN_STEPS_FROM 20000
#define TAKE_STEP_US 4000

static GType
pa_filter_model_get_item_type (GListModel *model)
{
  return G_TYPE_OBJECT;
}

static guint
n_rows (PaFilterModel *self)
{
  return self->rows != NULL ? self->rows->len : self->items->len;
}

static guint
pa_filter_model_get_n_items (GListModel *model)
{
  PaFilterModel *self = PA_FILTER_MODEL (model);

  return MIN (n_rows (self), self->revealed);
}

static gpointer
pa_filter_model_get_item (GListModel *model,
                          guint       position)
{
  PaFilterModel *self = PA_FILTER_MODEL (model);

  if (position >= self->revealed)
    return NULL;
  if (self->rows != NULL)
    {
      if (position >= self->rows->len)
        return NULL;
      position = g_array_index (self->rows, guint, position);
    }
  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
pa_filter_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = pa_filter_model_get_item_type;
  iface->get_n_items = pa_filter_model_get_n_items;
  iface->get_item = pa_filter_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PaFilterModel, pa_filter_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      pa_filter_model_list_model_init))

/* The positions in [@start, @start + @n) that match, appended to @rows. */
static void
collect_rows (PaFilterModel *self,
              guint          start,
              guint          n,
              GArray        *rows)
{
  for (guint i = start; i < start + n; i++)
    if (self->func (g_ptr_array_index (self->items, i), self->user_data))
      g_array_append_val (rows, i);
}

static GArray *
compute_rows (PaFilterModel *self)
{
  GArray *rows;

  if (self->func == NULL)
    return NULL;
  rows = g_array_new (FALSE, FALSE, sizeof (guint));
  collect_rows (self, 0, self->items->len, rows);
  return rows;
}

/* The row at @i: a position in @items. */
static inline guint
row_at (GArray *rows,
        guint   i)
{
  return rows != NULL ? g_array_index (rows, guint, i) : i;
}

static void take_rest (PaFilterModel *self);

/* The views hear of every row: before any other change is told, so the
 * positions it names are the ones they know. */
static void
reveal_all (PaFilterModel *self)
{
  guint known;

  take_rest (self);
  known = pa_filter_model_get_n_items (G_LIST_MODEL (self));

  g_clear_handle_id (&self->reveal_source, g_source_remove);
  self->revealed = G_MAXUINT;
  if (n_rows (self) > known)
    g_list_model_items_changed (G_LIST_MODEL (self), known, 0, n_rows (self) - known);
}

static gboolean
reveal_more_cb (gpointer user_data)
{
  PaFilterModel *self = user_data;
  guint known = self->revealed;

  if (known + REVEAL_STEP >= REVEAL_ALL_FROM || known + REVEAL_STEP >= n_rows (self))
    {
      self->reveal_source = 0;
      reveal_all (self);
      return G_SOURCE_REMOVE;
    }
  self->revealed = known + REVEAL_STEP;
  g_list_model_items_changed (G_LIST_MODEL (self), known, 0, REVEAL_STEP);
  return G_SOURCE_CONTINUE;
}

/* Tells the views only about the rows between the first and the last
 * that differ, so a selection outside them stays. With a show function,
 * in three steps (pa-filter-model.h says why): the new rows in ahead of
 * the old, the views scrolled to the top, the old rows out. */
static void
replace_rows (PaFilterModel *self,
              GArray        *rows)
{
  g_autoptr(GArray) old = NULL;
  g_autoptr(GArray) both = NULL;
  guint n_old;
  guint n_new = rows != NULL ? rows->len : self->items->len;
  guint prefix = 0, suffix = 0, removed, added;

  reveal_all (self);
  old = self->rows;
  n_old = pa_filter_model_get_n_items (G_LIST_MODEL (self));

  while (prefix < n_old && prefix < n_new && row_at (old, prefix) == row_at (rows, prefix))
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && row_at (old, n_old - 1 - suffix) == row_at (rows, n_new - 1 - suffix))
    suffix++;
  removed = n_old - prefix - suffix;
  added = n_new - prefix - suffix;

  if (removed == 0 && added == 0)
    {
      self->rows = rows;
      return;
    }
  if (self->show == NULL || removed == 0 || added == 0)
    {
      self->rows = rows;
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
      if (self->show != NULL)
        self->show (self->show_data);
      return;
    }

  /* Every new row goes in ahead of every old one, the unchanged first
   * rows too: inserted after them, the new rows would land among those
   * shown and be bound once there and again after the scroll. */
  both = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_old + n_new);
  for (guint i = 0; i < n_new; i++)
    {
      guint row = row_at (rows, i);

      g_array_append_val (both, row);
    }
  for (guint i = 0; i < n_old; i++)
    {
      guint row = row_at (old, i);

      g_array_append_val (both, row);
    }
  self->rows = both;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n_new);
  PA_BENCH_TRACE ("filter-step-inserted %u", n_new);
  self->show (self->show_data);
  PA_BENCH_TRACE ("filter-step-shown");
  self->rows = rows;
  g_list_model_items_changed (G_LIST_MODEL (self), n_new, n_old, 0);
}

/* The first index of @rows whose source position is @position or later. */
static guint
lower_bound (GArray *rows,
             guint   position)
{
  guint lo = 0, hi = rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (rows, guint, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* @items follows the source: @removed out at @position, @added in. */
static void
splice_items (PaFilterModel *self,
              guint          position,
              guint          removed,
              guint          added)
{
  guint tail;

  g_ptr_array_remove_range (self->items, position, removed);
  tail = self->items->len - position;
  if (added == 0)
    return;
  g_ptr_array_set_size (self->items, self->items->len + added);
  if (tail > 0)
    memmove (self->items->pdata + position + added, self->items->pdata + position,
             tail * sizeof (gpointer));
  for (guint i = 0; i < added; i++)
    self->items->pdata[position + i] = g_list_model_get_item (self->source, position + i);
}

/* The views hear of the rows; a long list a screenful at a time when
 * @in_steps. */
static void
start_showing (PaFilterModel *self,
               gboolean       in_steps)
{
  self->revealed = G_MAXUINT;
  if (in_steps && n_rows (self) > REVEAL_ALL_FROM)
    {
      self->revealed = REVEAL_FIRST;
      /* A step every other frame, each step's rows laid out in the frame
       * between. A timeout, not an idle: a window that draws without
       * pause (GL in software, a spinner) would starve an idle. */
      self->reveal_source = g_timeout_add_full (G_PRIORITY_DEFAULT, REVEAL_INTERVAL_MS,
                                                reveal_more_cb, self, NULL);
    }
  if (pa_filter_model_get_n_items (G_LIST_MODEL (self)) > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0,
                                pa_filter_model_get_n_items (G_LIST_MODEL (self)));
}

/* Copies the source's items from where @items ends, until @until
 * (monotonic µs; 0: all of them). TRUE once every item is in. */
static gboolean
take_until (PaFilterModel *self,
            gint64         until)
{
  guint n = g_list_model_get_n_items (self->source);

  while (self->items->len < n)
    {
      splice_items (self, self->items->len, 0, MIN (1024, n - self->items->len));
      if (until != 0 && g_get_monotonic_time () >= until)
        break;
    }
  return self->items->len == n;
}

/* Every item is in (the copy's source removed): the rows, told to the
 * views, then that loading is over; told it is over with no rows yet, a
 * page would say "no matches" for a frame. */
static void
taken (PaFilterModel *self,
       gboolean       in_steps)
{
  self->rows = compute_rows (self);
  start_showing (self, in_steps);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
take_more_cb (gpointer user_data)
{
  PaFilterModel *self = user_data;

  if (!take_until (self, g_get_monotonic_time () + TAKE_STEP_US))
    return G_SOURCE_CONTINUE;
  self->take_source = 0;
  taken (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Whatever needs every item (a search, a change to tell the views) ends
 * the copying at once, and the views hear of every row. */
static void
take_rest (PaFilterModel *self)
{
  if (self->take_source == 0)
    return;
  g_clear_handle_id (&self->take_source, g_source_remove);
  take_until (self, 0);
  taken (self, FALSE);
}

static void
source_items_changed_cb (PaFilterModel *self,
                         guint          position,
                         guint          removed,
                         guint          added,
                         GListModel    *source)
{
  guint first, end;
  g_autoptr(GArray) inserted = NULL;

  /* Nothing told yet: what was copied before @position still stands,
   * and the copy goes on from there in the source as it is now. */
  if (self->take_source != 0)
    {
      if (position < self->items->len)
        g_ptr_array_set_size (self->items, position);
      return;
    }

  reveal_all (self);
  splice_items (self, position, removed, added);

  if (self->rows == NULL)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  first = lower_bound (self->rows, position);
  end = lower_bound (self->rows, position + removed);
  for (guint i = end; i < self->rows->len; i++)
    g_array_index (self->rows, guint, i) = g_array_index (self->rows, guint, i) - removed + added;

  inserted = g_array_new (FALSE, FALSE, sizeof (guint));
  collect_rows (self, position, added, inserted);
  g_array_remove_range (self->rows, first, end - first);
  g_array_insert_vals (self->rows, first, inserted->data, inserted->len);

  if (end > first || inserted->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), first, end - first, inserted->len);
}

void
pa_filter_model_set_source (PaFilterModel *self,
                            GListModel    *source)
{
  guint n_old;
  gboolean was_loading;

  g_return_if_fail (PA_IS_FILTER_MODEL (self));

  if (self->source == source)
    return;

  /* A copy under way is dropped: the views know of none of it. */
  was_loading = self->take_source != 0;
  if (was_loading)
    {
      g_clear_handle_id (&self->take_source, g_source_remove);
      g_ptr_array_set_size (self->items, 0);
      self->revealed = G_MAXUINT;
    }
  reveal_all (self);
  n_old = pa_filter_model_get_n_items (G_LIST_MODEL (self));
  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_set_object (&self->source, source);
  if (source != NULL)
    g_signal_connect_swapped (source, "items-changed", G_CALLBACK (source_items_changed_cb), self);

  g_clear_pointer (&self->rows, g_array_unref);
  g_ptr_array_set_size (self->items, 0);

  if (n_old == 0 && source != NULL && g_list_model_get_n_items (source) >= TAKE_IN_STEPS_FROM)
    {
      self->revealed = 0;
      self->take_source = g_timeout_add_full (G_PRIORITY_DEFAULT, 1, take_more_cb, self, NULL);
      if (!was_loading)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      return;
    }
  if (was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  if (source != NULL)
    take_until (self, 0);
  self->rows = compute_rows (self);
  if (n_old == 0)
    {
      start_showing (self, TRUE);
      return;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old,
                              pa_filter_model_get_n_items (G_LIST_MODEL (self)));
}

gboolean
pa_filter_model_get_loading (PaFilterModel *self)
{
  g_return_val_if_fail (PA_IS_FILTER_MODEL (self), FALSE);

  return self->take_source != 0;
}

gboolean
pa_filter_model_get_revealing (PaFilterModel *self)
{
  g_return_val_if_fail (PA_IS_FILTER_MODEL (self), FALSE);

  return self->reveal_source != 0;
}

void
pa_filter_model_set_func (PaFilterModel     *self,
                          PaFilterModelFunc  func,
                          gpointer           user_data)
{
  g_return_if_fail (PA_IS_FILTER_MODEL (self));

  GArray *rows;

  take_rest (self);
  self->func = func;
  self->user_data = user_data;
  rows = compute_rows (self);
  /* bench/app-fleet.sh: matching done, the views not yet told. */
  PA_BENCH_TRACE ("filter-matched %u", rows != NULL ? rows->len : self->items->len);
  replace_rows (self, rows);
}

void
pa_filter_model_set_show_func (PaFilterModel         *self,
                               PaFilterModelShowFunc  show,
                               gpointer               user_data)
{
  g_return_if_fail (PA_IS_FILTER_MODEL (self));

  self->show = show;
  self->show_data = user_data;
}

void
pa_filter_model_refilter (PaFilterModel *self)
{
  g_return_if_fail (PA_IS_FILTER_MODEL (self));

  take_rest (self);
  if (self->func != NULL)
    replace_rows (self, compute_rows (self));
}

static void
pa_filter_model_dispose (GObject *object)
{
  PaFilterModel *self = PA_FILTER_MODEL (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_data (self->source, self);
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_clear_handle_id (&self->take_source, g_source_remove);
  g_clear_object (&self->source);
  g_clear_pointer (&self->rows, g_array_unref);
  g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (pa_filter_model_parent_class)->dispose (object);
}

static void
pa_filter_model_finalize (GObject *object)
{
  PaFilterModel *self = PA_FILTER_MODEL (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (pa_filter_model_parent_class)->finalize (object);
}

static void
pa_filter_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PaFilterModel *self = PA_FILTER_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, pa_filter_model_get_loading (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_filter_model_class_init (PaFilterModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pa_filter_model_dispose;
  object_class->finalize = pa_filter_model_finalize;
  object_class->get_property = pa_filter_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pa_filter_model_init (PaFilterModel *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->revealed = G_MAXUINT;
}

PaFilterModel *
pa_filter_model_new (GListModel *source)
{
  PaFilterModel *self = g_object_new (PA_TYPE_FILTER_MODEL, NULL);

  pa_filter_model_set_source (self, source);
  return self;
}
