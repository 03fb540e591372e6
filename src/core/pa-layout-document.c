/* pa-layout-document.c — the designer's document: key slots, undo/redo,
 * the modified flag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-layout-document"

#include "config.h"

#include "pa-layout-edit-private.h"

/* One undoable step: every slot it touched, with the key before and after
 * (NULL = empty). Keys are never edited once in the document, only
 * replaced, so a step can share them with the slot tables. */
typedef struct
{
  guint64    serial;
  guint      n;
  PaKeySlot *slots;
  PaKey    **before;
  PaKey    **after;
} PaStep;

struct _PaLayoutDocument
{
  GObject        parent_instance;

  PaDeviceModel *model;
  PaVendor      *vendor;
  PaLayout      *layout;
  GPtrArray     *module_layouts;   /* PaModuleLayout, surface s at s - 1 */
  GPtrArray     *modules;          /* PaExpansionModule or NULL, likewise */
  GPtrArray     *surfaces;         /* GHashTable index → PaKey, per surface */

  GQueue         undo;
  GQueue         redo;
  guint64        last_serial;
  guint64        saved_serial;

  /* What was last notified, so the properties notify only on change. */
  gboolean       modified;
  gboolean       can_undo;
  gboolean       can_redo;
};

G_DEFINE_FINAL_TYPE (PaLayoutDocument, pa_layout_document, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  KEY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
pa_step_free (PaStep *step)
{
  for (guint i = 0; i < step->n; i++)
    {
      g_clear_object (&step->before[i]);
      g_clear_object (&step->after[i]);
    }
  g_free (step->slots);
  g_free (step->before);
  g_free (step->after);
  g_free (step);
}

static guint64
current_serial (PaLayoutDocument *self)
{
  PaStep *top = g_queue_peek_head (&self->undo);

  return top != NULL ? top->serial : 0;
}

static void
update_state (PaLayoutDocument *self)
{
  gboolean modified = current_serial (self) != self->saved_serial;
  gboolean can_undo = !g_queue_is_empty (&self->undo);
  gboolean can_redo = !g_queue_is_empty (&self->redo);

  g_object_freeze_notify (G_OBJECT (self));
  if (modified != self->modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
  if (can_undo != self->can_undo)
    {
      self->can_undo = can_undo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
    }
  if (can_redo != self->can_redo)
    {
      self->can_redo = can_redo;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static GHashTable *
surface_table (PaLayoutDocument *self,
               guint             surface)
{
  if (surface >= self->surfaces->len)
    return NULL;
  return g_ptr_array_index (self->surfaces, surface);
}

static int
compare_keys_by_index (gconstpointer a,
                       gconstpointer b)
{
  guint ia = pa_key_get_index (*(PaKey **) a);
  guint ib = pa_key_get_index (*(PaKey **) b);

  return ia < ib ? -1 : ia > ib;
}

/* Puts the surface's keys, sorted, into its resource copy (which compares
 * and notifies `keys` only when they differ). */
static void
sync_surface (PaLayoutDocument *self,
              guint             surface)
{
  GHashTable *table = surface_table (self, surface);
  g_autoptr(GListStore) store = g_list_store_new (PA_TYPE_KEY);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (keys, value);
  g_ptr_array_sort (keys, compare_keys_by_index);
  g_list_store_splice (store, 0, 0, keys->pdata, keys->len);

  if (surface == 0)
    pa_layout_set_keys (self->layout, G_LIST_MODEL (store));
  else
    pa_module_layout_set_keys (g_ptr_array_index (self->module_layouts, surface - 1),
                               G_LIST_MODEL (store));
}

static void
put_key (PaLayoutDocument *self,
         PaKeySlot         slot,
         PaKey            *key)
{
  GHashTable *table = surface_table (self, slot.surface);

  if (key != NULL)
    g_hash_table_replace (table, GUINT_TO_POINTER (slot.index), g_object_ref (key));
  else
    g_hash_table_remove (table, GUINT_TO_POINTER (slot.index));
}

/* Puts one side of @step in place, then tells everyone: the resource
 * copies are in sync before "key-changed", so a handler may read them. */
static void
apply_step (PaLayoutDocument *self,
            PaStep           *step,
            gboolean          forward)
{
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree PaKeySlot *slots = NULL;
  guint n;

  for (guint k = 0; k < step->n; k++)
    {
      guint i = forward ? k : step->n - 1 - k;

      put_key (self, step->slots[i], forward ? step->after[i] : step->before[i]);
    }

  for (guint i = 0; i < step->n; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < touched->len; j++)
        seen |= g_array_index (touched, guint, j) == step->slots[i].surface;
      if (!seen)
        {
          g_array_append_val (touched, step->slots[i].surface);
          sync_surface (self, step->slots[i].surface);
        }
    }

  update_state (self);

  /* A handler may make a new change, which can free @step (an undone step
   * sits on the redo stack), so emit from a copy. */
  slots = g_memdup2 (step->slots, sizeof (PaKeySlot) * step->n);
  n = step->n;
  g_object_ref (self);
  for (guint i = 0; i < n; i++)
    g_signal_emit (self, signals[KEY_CHANGED], 0, slots[i].surface, slots[i].index);
  g_object_unref (self);
}

static void
clear_queue (GQueue *queue)
{
  g_queue_clear_full (queue, (GDestroyNotify) pa_step_free);
}

static gboolean
same_key (PaKey *a,
          PaKey *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a == b || pa_key_equal (a, b);
}

void
pa_layout_document_commit (PaLayoutDocument *self,
                           const PaKeySlot  *slots,
                           PaKey * const    *afters,
                           guint             n_changes)
{
  PaStep *step;

  g_return_if_fail (PA_IS_LAYOUT_DOCUMENT (self));
  for (guint i = 0; i < n_changes; i++)
    g_return_if_fail (pa_layout_document_slot_is_valid (self, slots[i]));

  step = g_new0 (PaStep, 1);
  step->slots = g_new0 (PaKeySlot, n_changes);
  step->before = g_new0 (PaKey *, n_changes);
  step->after = g_new0 (PaKey *, n_changes);

  for (guint i = 0; i < n_changes; i++)
    {
      PaKey *before = pa_layout_document_get_key (self, slots[i]);

      if (same_key (before, afters[i]))
        continue;
      step->slots[step->n] = slots[i];
      step->before[step->n] = before ? g_object_ref (before) : NULL;
      step->after[step->n] = afters[i] ? g_object_ref (afters[i]) : NULL;
      step->n++;
    }

  if (step->n == 0)
    {
      pa_step_free (step);
      return;
    }

  step->serial = ++self->last_serial;
  clear_queue (&self->redo);
  g_queue_push_head (&self->undo, step);
  apply_step (self, step, TRUE);
}

/* ------------------------------------------------------------------ */

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static void
pa_layout_document_finalize (GObject *object)
{
  PaLayoutDocument *self = PA_LAYOUT_DOCUMENT (object);

  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_clear_object (&self->model);
  g_clear_object (&self->vendor);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->module_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->modules, g_ptr_array_unref);
  g_clear_pointer (&self->surfaces, g_ptr_array_unref);

  G_OBJECT_CLASS (pa_layout_document_parent_class)->finalize (object);
}

static void
pa_layout_document_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PaLayoutDocument *self = PA_LAYOUT_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_MODIFIED:
      g_value_set_boolean (value, pa_layout_document_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, pa_layout_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, pa_layout_document_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_layout_document_class_init (PaLayoutDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pa_layout_document_finalize;
  object_class->get_property = pa_layout_document_get_property;

  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaLayoutDocument::key-changed:
   * @surface: 0 for the phone, 1..n for a sidecar
   * @index: the key's 1-based index
   *
   * A slot's key was set, cleared, moved, or restored by undo/redo; once
   * per slot.
   */
  signals[KEY_CHANGED] =
    g_signal_new ("key-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
pa_layout_document_init (PaLayoutDocument *self)
{
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  self->module_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->modules = g_ptr_array_new_with_free_func (unref_if_set);
}

/* ------------------------------------------------------------------ */

static GHashTable *
new_surface_table (GListModel *keys)
{
  GHashTable *table = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  guint n = g_list_model_get_n_items (keys);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaKey) key = g_list_model_get_item (keys, i);

      /* An empty slot is one without a key; a copy, so the caller's key
       * objects are never shared with the document. */
      if (pa_key_get_key_type (key) != PA_KEY_EMPTY)
        g_hash_table_replace (table, GUINT_TO_POINTER (pa_key_get_index (key)),
                              pa_key_copy (key));
    }
  return table;
}

PaLayoutDocument *
pa_layout_document_new (PaDeviceModel *model,
                        PaLayout      *layout,
                        GPtrArray     *module_layouts)
{
  g_autoptr(PaLayoutDocument) self = NULL;
  PaCatalog *catalog = pa_catalog_get_default ();
  PaVendor *vendor;

  g_return_val_if_fail (PA_IS_DEVICE_MODEL (model), NULL);
  g_return_val_if_fail (layout == NULL || PA_IS_LAYOUT (layout), NULL);

  self = g_object_new (PA_TYPE_LAYOUT_DOCUMENT, NULL);
  self->model = g_object_ref (model);
  vendor = pa_catalog_get_vendor (catalog, pa_device_model_get_vendor_id (model));
  self->vendor = vendor ? g_object_ref (vendor) : NULL;

  if (layout != NULL)
    self->layout = PA_LAYOUT (pa_resource_copy (PA_RESOURCE (layout)));
  else
    {
      self->layout = pa_layout_new ();
      pa_layout_set_model (self->layout, pa_device_model_get_id (model));
    }
  g_ptr_array_add (self->surfaces, new_surface_table (pa_layout_get_keys (self->layout)));

  for (guint i = 0; module_layouts != NULL && i < module_layouts->len; i++)
    {
      PaModuleLayout *original = g_ptr_array_index (module_layouts, i);
      PaModuleLayout *copy;
      PaExpansionModule *module;

      g_return_val_if_fail (PA_IS_MODULE_LAYOUT (original), NULL);

      copy = PA_MODULE_LAYOUT (pa_resource_copy (PA_RESOURCE (original)));
      g_ptr_array_add (self->module_layouts, copy);
      module = pa_catalog_get_module (catalog, pa_module_layout_get_module (copy));
      g_ptr_array_add (self->modules, module ? g_object_ref (module) : NULL);
      g_ptr_array_add (self->surfaces, new_surface_table (pa_module_layout_get_keys (copy)));
    }

  /* The copies hold the document's view from the start (sorted, without
   * empty entries), so undoing everything gives back the same bytes. */
  for (guint s = 0; s < self->surfaces->len; s++)
    sync_surface (self, s);

  return g_steal_pointer (&self);
}

PaDeviceModel *
pa_layout_document_get_model (PaLayoutDocument *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), NULL);
  return self->model;
}

PaVendor *
pa_layout_document_get_vendor (PaLayoutDocument *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), NULL);
  return self->vendor;
}

PaExpansionModule *
pa_layout_document_get_module (PaLayoutDocument *self,
                               guint             surface)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), NULL);

  if (surface == 0 || surface > self->modules->len)
    return NULL;
  return g_ptr_array_index (self->modules, surface - 1);
}

PaVendor *
pa_layout_document_get_surface_vendor (PaLayoutDocument *self,
                                       guint             surface)
{
  PaExpansionModule *module = pa_layout_document_get_module (self, surface);

  if (module != NULL)
    return pa_catalog_get_vendor (pa_catalog_get_default (),
                                  pa_expansion_module_get_vendor_id (module));
  return self->vendor;
}

guint
pa_layout_document_get_n_surfaces (PaLayoutDocument *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), 0);
  return self->surfaces->len;
}

guint
pa_layout_document_get_n_keys (PaLayoutDocument *self,
                               guint             surface)
{
  PaExpansionModule *module;

  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), 0);

  if (surface == 0)
    return pa_device_model_get_line_keys (self->model);
  module = pa_layout_document_get_module (self, surface);
  return module != NULL ? pa_expansion_module_get_keys (module) : 0;
}

gboolean
pa_layout_document_slot_is_valid (PaLayoutDocument *self,
                                  PaKeySlot         slot)
{
  return slot.surface < self->surfaces->len
      && slot.index >= 1
      && slot.index <= pa_layout_document_get_n_keys (self, slot.surface);
}

PaKey *
pa_layout_document_get_key (PaLayoutDocument *self,
                            PaKeySlot         slot)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), NULL);

  if (!pa_layout_document_slot_is_valid (self, slot))
    return NULL;
  return g_hash_table_lookup (surface_table (self, slot.surface),
                              GUINT_TO_POINTER (slot.index));
}

void
pa_layout_document_set_key (PaLayoutDocument *self,
                            PaKeySlot         slot,
                            PaKeyType         type,
                            const char       *value,
                            const char       *label,
                            guint             line)
{
  g_autoptr(PaKey) key = NULL;

  g_return_if_fail (PA_IS_LAYOUT_DOCUMENT (self));
  g_return_if_fail (pa_layout_document_slot_is_valid (self, slot));
  g_return_if_fail (pa_key_type_to_nick (type) != NULL);

  /* Blank text is no text, as the JSON codec trims it. */
  if (value != NULL && *value == '\0')
    value = NULL;
  if (label != NULL && *label == '\0')
    label = NULL;

  if (type != PA_KEY_EMPTY)
    key = pa_key_new (slot.index, type, value, label, MAX (line, 1));

  pa_layout_document_commit (self, &slot, &key, 1);
}

void
pa_layout_document_clear_key (PaLayoutDocument *self,
                              PaKeySlot         slot)
{
  PaKey *none = NULL;

  g_return_if_fail (PA_IS_LAYOUT_DOCUMENT (self));
  g_return_if_fail (pa_layout_document_slot_is_valid (self, slot));

  pa_layout_document_commit (self, &slot, &none, 1);
}

gboolean
pa_layout_document_undo (PaLayoutDocument *self)
{
  PaStep *step;

  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), FALSE);

  step = g_queue_pop_head (&self->undo);
  if (step == NULL)
    return FALSE;
  g_queue_push_head (&self->redo, step);
  apply_step (self, step, FALSE);
  return TRUE;
}

gboolean
pa_layout_document_redo (PaLayoutDocument *self)
{
  PaStep *step;

  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), FALSE);

  step = g_queue_pop_head (&self->redo);
  if (step == NULL)
    return FALSE;
  g_queue_push_head (&self->undo, step);
  apply_step (self, step, TRUE);
  return TRUE;
}

gboolean
pa_layout_document_can_undo (PaLayoutDocument *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), FALSE);
  return !g_queue_is_empty (&self->undo);
}

gboolean
pa_layout_document_can_redo (PaLayoutDocument *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), FALSE);
  return !g_queue_is_empty (&self->redo);
}

gboolean
pa_layout_document_get_modified (PaLayoutDocument *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), FALSE);
  return current_serial (self) != self->saved_serial;
}

void
pa_layout_document_mark_saved (PaLayoutDocument *self)
{
  g_return_if_fail (PA_IS_LAYOUT_DOCUMENT (self));

  /* Steps are numbered, so a saved state dropped from the redo stack by a
   * new change can never match again. */
  self->saved_serial = current_serial (self);
  update_state (self);
}

PaLayout *
pa_layout_document_get_layout (PaLayoutDocument *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), NULL);
  return self->layout;
}

PaModuleLayout *
pa_layout_document_get_module_layout (PaLayoutDocument *self,
                                      guint             surface)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (self), NULL);

  if (surface == 0 || surface > self->module_layouts->len)
    return NULL;
  return g_ptr_array_index (self->module_layouts, surface - 1);
}
