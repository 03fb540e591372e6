/* pa-phone-usage.c — how many phones use each layout, agent, profile…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-phone-usage"

#include "config.h"

#include "pa-phone-usage.h"

#define DATA_KEY "pa-phone-usage"

struct _PaPhoneUsage
{
  GObject     parent_instance;

  GListModel *phones;                       /* unowned: it owns us */
  GHashTable *counts[PA_PHONE_USES_N];      /* id → count; NULL until asked */
  guint       changed_id;
};

G_DEFINE_FINAL_TYPE (PaPhoneUsage, pa_phone_usage, G_TYPE_OBJECT)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef void (*UseFunc) (PaPhoneUse use,
                         gint64     id,
                         gpointer   data);

/* Each id @phone uses, none (0) left out, a sidecar layout once however
 * many of its sidecars show it: the one place that says what a phone
 * points at, for the counts and the questions about one phone alike. */
static void
each_use (PaPhone  *phone,
          UseFunc   func,
          gpointer  data)
{
  const struct { PaPhoneUse use; gint64 id; } singles[] = {
    { PA_PHONE_USES_LAYOUT, pa_phone_get_layout_id (phone) },
    { PA_PHONE_USES_AGENT, pa_phone_get_agent_id (phone) },
    { PA_PHONE_USES_PROFILE, pa_phone_get_profile_id (phone) },
    { PA_PHONE_USES_FIRMWARE, pa_phone_get_firmware_id (phone) },
  };
  GPtrArray *modules = pa_phone_get_modules (phone);

  for (guint i = 0; i < G_N_ELEMENTS (singles); i++)
    if (singles[i].id != 0)
      func (singles[i].use, singles[i].id, data);
  for (guint j = 0; modules != NULL && j < modules->len; j++)
    {
      gint64 id = ((PaPhoneModule *) g_ptr_array_index (modules, j))->layout_id;
      gboolean seen = FALSE;

      for (guint k = 0; k < j && !seen; k++)
        seen = ((PaPhoneModule *) g_ptr_array_index (modules, k))->layout_id == id;
      if (id != 0 && !seen)
        func (PA_PHONE_USES_MODULE_LAYOUT, id, data);
    }
}

typedef struct
{
  PaPhoneUse use;
  gint64     id;
  gboolean   found;
} Find;

static void
find_cb (PaPhoneUse use,
         gint64     id,
         gpointer   data)
{
  Find *find = data;

  find->found = find->found || (use == find->use && id == find->id);
}

gboolean
pa_phone_uses (PaPhone    *phone,
               PaPhoneUse  use,
               gint64      id)
{
  Find find = { use, id, FALSE };

  g_return_val_if_fail (use < PA_PHONE_USES_N, FALSE);

  if (id != 0)
    each_use (phone, find_cb, &find);
  return find.found;
}

typedef struct
{
  PaPhoneUse use;
  gint64     id;
} Use;

static void
append_cb (PaPhoneUse use,
           gint64     id,
           gpointer   data)
{
  Use one = { use, id };

  g_array_append_val ((GArray *) data, one);
}

gboolean
pa_phone_uses_same (PaPhone *a,
                    PaPhone *b)
{
  g_autoptr(GArray) of_a = g_array_new (FALSE, FALSE, sizeof (Use));
  g_autoptr(GArray) of_b = g_array_new (FALSE, FALSE, sizeof (Use));

  each_use (a, append_cb, of_a);
  each_use (b, append_cb, of_b);
  if (of_a->len != of_b->len)
    return FALSE;
  for (guint i = 0; i < of_a->len; i++)
    {
      const Use *x = &g_array_index (of_a, Use, i);
      const Use *y = &g_array_index (of_b, Use, i);

      if (x->use != y->use || x->id != y->id)
        return FALSE;
    }
  return TRUE;
}

static void
count_cb (PaPhoneUse use,
          gint64     id,
          gpointer   data)
{
  GHashTable **counts = data;
  gpointer key = GSIZE_TO_POINTER ((gsize) id);

  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts[use], key));

  g_hash_table_insert (counts[use], key, GUINT_TO_POINTER (n + 1));
}

/* Every kind at once: the walk over the phones is the cost. */
static void
count_all (PaPhoneUsage *self)
{
  guint n = g_list_model_get_n_items (self->phones);

  for (guint use = 0; use < PA_PHONE_USES_N; use++)
    {
      g_clear_pointer (&self->counts[use], g_hash_table_unref);
      self->counts[use] = g_hash_table_new (g_direct_hash, g_direct_equal);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (self->phones, i);

      each_use (phone, count_cb, self->counts);
    }
}

guint
pa_phone_usage_count (PaPhoneUsage *self,
                      PaPhoneUse    use,
                      gint64        id)
{
  g_return_val_if_fail (PA_IS_PHONE_USAGE (self), 0);
  g_return_val_if_fail (use < PA_PHONE_USES_N, 0);

  if (id == 0)
    return 0;
  if (self->counts[use] == NULL)
    count_all (self);
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts[use], GSIZE_TO_POINTER ((gsize) id)));
}

static gboolean
emit_changed_cb (gpointer user_data)
{
  PaPhoneUsage *self = user_data;

  self->changed_id = 0;
  g_signal_emit (self, signals[CHANGED], 0);
  return G_SOURCE_REMOVE;
}

void
pa_phone_usage_invalidate (PaPhoneUsage *self)
{
  g_return_if_fail (PA_IS_PHONE_USAGE (self));

  /* Counted again when next asked, not now: a listing adds its phones in
   * many steps, and only the last count is ever looked at. */
  for (guint use = 0; use < PA_PHONE_USES_N; use++)
    g_clear_pointer (&self->counts[use], g_hash_table_unref);
  if (self->changed_id == 0)
    self->changed_id = g_idle_add (emit_changed_cb, self);
}

static void
items_changed_cb (GListModel   *phones,
                  guint         position,
                  guint         removed,
                  guint         added,
                  PaPhoneUsage *self)
{
  pa_phone_usage_invalidate (self);
}

GListModel *
pa_phone_usage_get_phones (PaPhoneUsage *self)
{
  g_return_val_if_fail (PA_IS_PHONE_USAGE (self), NULL);
  return self->phones;
}

PaPhoneUsage *
pa_phone_usage_for (GListModel *phones)
{
  PaPhoneUsage *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (phones), NULL);

  self = g_object_get_data (G_OBJECT (phones), DATA_KEY);
  if (self != NULL)
    return self;
  self = g_object_new (PA_TYPE_PHONE_USAGE, NULL);
  self->phones = phones;
  g_signal_connect_object (phones, "items-changed", G_CALLBACK (items_changed_cb), self, 0);
  g_object_set_data_full (G_OBJECT (phones), DATA_KEY, self, g_object_unref);
  return self;
}

guint
pa_phones_count_using (GListModel *phones,
                       PaPhoneUse  use,
                       gint64      id)
{
  return pa_phone_usage_count (pa_phone_usage_for (phones), use, id);
}

static void
pa_phone_usage_dispose (GObject *object)
{
  PaPhoneUsage *self = PA_PHONE_USAGE (object);

  g_clear_handle_id (&self->changed_id, g_source_remove);
  for (guint use = 0; use < PA_PHONE_USES_N; use++)
    g_clear_pointer (&self->counts[use], g_hash_table_unref);
  G_OBJECT_CLASS (pa_phone_usage_parent_class)->dispose (object);
}

static void
pa_phone_usage_class_init (PaPhoneUsageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pa_phone_usage_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
pa_phone_usage_init (PaPhoneUsage *self)
{
}
