/* test-layout-edit.c — the designer's document: drops, undo/redo, validation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "pa-core.h"
#include "pa-layout-edit.h"

/* The built-in catalog: a T54W (27 keys, 16 lines, Yealink) with two
 * EXP50s (60 keys each); a Polycom VVX 450 where a vendor gap is needed
 * (no park retrieve, conference or custom keys). */

static char *
json_text (const char *single_quoted)
{
  char *text = g_strdup (single_quoted);
  g_strdelimit (text, "'", '"');
  return text;
}

static PaLayout *
layout_from_json (const char *single_quoted)
{
  g_autofree char *text = json_text (single_quoted);
  g_autoptr(GError) error = NULL;
  PaResource *resource;

  resource = pa_resource_new_from_data (PA_TYPE_LAYOUT, text, -1, PA_JSON_TRUSTED, &error);
  g_assert_no_error (error);
  return PA_LAYOUT (resource);
}

static PaModuleLayout *
module_layout_from_json (const char *single_quoted)
{
  g_autofree char *text = json_text (single_quoted);
  g_autoptr(GError) error = NULL;
  PaResource *resource;

  resource = pa_resource_new_from_data (PA_TYPE_MODULE_LAYOUT, text, -1, PA_JSON_TRUSTED, &error);
  g_assert_no_error (error);
  return PA_MODULE_LAYOUT (resource);
}

/* Phone: 1 line, 2 BLF Alice, 12 speed dial (page 2). Sidecar 1: key 1 BLF
 * Bob on line 2. Sidecar 2: empty. The keys are given out of order and
 * with an explicit empty key, which the document drops. */
static PaLayoutDocument *
new_t54w_document (PaLayout       **out_layout,
                   PaModuleLayout **out_module)
{
  g_autoptr(PaLayout) layout = NULL;
  g_autoptr(PaModuleLayout) first = NULL;
  g_autoptr(PaModuleLayout) second = NULL;
  g_autoptr(GPtrArray) modules = g_ptr_array_new ();
  PaDeviceModel *model;
  PaLayoutDocument *doc;

  layout = layout_from_json (
    "{ 'id': 7, 'revision': 3, 'name': 'Reception', 'model': 'yealink-t54w', 'keys': ["
    "  { 'index': 12, 'type': 'speed_dial', 'value': '5551234', 'label': 'Taxi' },"
    "  { 'index': 1, 'type': 'line', 'label': 'Main', 'line': 1 },"
    "  { 'index': 5, 'type': 'empty' },"
    "  { 'index': 2, 'type': 'blf', 'value': '201', 'label': 'Alice', 'agent_id': 4 } ] }");
  first = module_layout_from_json (
    "{ 'id': 2, 'revision': 1, 'name': 'Staff', 'module': 'yealink-exp50', 'keys': ["
    "  { 'index': 1, 'type': 'blf', 'value': '301', 'label': 'Bob', 'line': 2 } ] }");
  second = module_layout_from_json (
    "{ 'id': 3, 'revision': 1, 'name': 'Spare', 'module': 'yealink-exp50', 'keys': [] }");
  g_ptr_array_add (modules, first);
  g_ptr_array_add (modules, second);

  model = pa_catalog_get_model (pa_catalog_get_default (), "yealink-t54w");
  g_assert_nonnull (model);
  doc = pa_layout_document_new (model, layout, modules);

  if (out_layout != NULL)
    *out_layout = g_object_ref (layout);
  if (out_module != NULL)
    *out_module = g_object_ref (first);
  return doc;
}

static PaLayoutDocument *
new_polycom_document (void)
{
  g_autoptr(PaLayout) layout = NULL;
  PaDeviceModel *model;

  /* A key the vendor cannot do, as an old or imported layout may hold. */
  layout = layout_from_json (
    "{ 'name': 'Old', 'model': 'polycom-vvx450', 'keys': ["
    "  { 'index': 1, 'type': 'line' },"
    "  { 'index': 2, 'type': 'park_retrieve', 'label': 'Retrieve' },"
    "  { 'index': 3, 'type': 'blf', 'value': '201' } ] }");
  model = pa_catalog_get_model (pa_catalog_get_default (), "polycom-vvx450");
  g_assert_nonnull (model);
  return pa_layout_document_new (model, layout, NULL);
}

static PaKeySlot
slot (guint surface,
      guint index)
{
  return PA_KEY_SLOT_INIT (surface, index);
}

static PaDragSource
drag_type (PaKeyType type)
{
  PaDragSource source = { .kind = PA_DRAG_KEY_TYPE, .key_type = type };
  return source;
}

static PaDragSource
drag_key (guint surface,
          guint index)
{
  PaDragSource source = { .kind = PA_DRAG_KEY, .from = { surface, index } };
  return source;
}

static PaDragSource
drag_agent (gint64      id,
            const char *name,
            const char *extension)
{
  PaDragSource source = {
    .kind = PA_DRAG_AGENT, .agent_id = id, .agent_name = name, .agent_extension = extension,
  };
  return source;
}

/* Every surface's JSON, so a comparison covers phone and sidecars. */
static char *
snapshot (PaLayoutDocument *doc)
{
  GString *all = g_string_new (NULL);

  for (guint s = 0; s < pa_layout_document_get_n_surfaces (doc); s++)
    {
      PaResource *resource = s == 0
        ? PA_RESOURCE (pa_layout_document_get_layout (doc))
        : PA_RESOURCE (pa_layout_document_get_module_layout (doc, s));
      g_autofree char *data = pa_resource_to_data (resource, NULL);

      g_string_append (all, data);
      g_string_append_c (all, '\n');
    }
  return g_string_free (all, FALSE);
}

static void
assert_key (PaLayoutDocument *doc,
            PaKeySlot         where,
            PaKeyType         type,
            const char       *value,
            const char       *label)
{
  PaKey *key = pa_layout_document_get_key (doc, where);

  g_assert_nonnull (key);
  g_assert_cmpuint (pa_key_get_index (key), ==, where.index);
  g_assert_cmpint (pa_key_get_key_type (key), ==, type);
  g_assert_cmpstr (pa_key_get_value (key), ==, value);
  g_assert_cmpstr (pa_key_get_label (key), ==, label);
}

static void
assert_reject (PaLayoutDocument   *doc,
               const PaDragSource *source,
               PaKeySlot           target,
               const char         *reason_part)
{
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (doc);
  g_autofree char *after = NULL;

  g_assert_cmpint (pa_layout_document_check_drop (doc, source, target, &reason), ==,
                   PA_DROP_REJECT);
  g_assert_nonnull (reason);
  g_test_message ("rejected: %s", reason);
  if (strstr (reason, reason_part) == NULL)
    g_error ("reason “%s” does not mention “%s”", reason, reason_part);

  /* drop() refuses the same way and changes nothing. */
  g_assert_false (pa_layout_document_drop (doc, source, target, &error));
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_RULE);
  g_assert_cmpstr (error->message, ==, reason);
  after = snapshot (doc);
  g_assert_cmpstr (before, ==, after);
}

static PaDropAction
check (PaLayoutDocument   *doc,
       const PaDragSource *source,
       PaKeySlot           target)
{
  char *reason = (char *) "untouched";
  PaDropAction action = pa_layout_document_check_drop (doc, source, target, &reason);

  /* An accepted drop clears the reason. */
  g_assert_null (reason);
  return action;
}

/* ------------------------------------------------------------------ */

static void
test_open (void)
{
  g_autoptr(PaLayout) original = NULL;
  g_autoptr(PaModuleLayout) original_module = NULL;
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (&original, &original_module);
  g_autofree char *original_data = pa_resource_to_data (PA_RESOURCE (original), NULL);
  GListModel *keys;

  g_assert_cmpuint (pa_layout_document_get_n_surfaces (doc), ==, 3);
  g_assert_cmpuint (pa_layout_document_get_n_keys (doc, 0), ==, 27);
  g_assert_cmpuint (pa_layout_document_get_n_keys (doc, 1), ==, 60);
  g_assert_cmpuint (pa_layout_document_get_n_keys (doc, 2), ==, 60);
  g_assert_cmpuint (pa_layout_document_get_n_keys (doc, 3), ==, 0);
  g_assert_cmpstr (pa_vendor_get_id (pa_layout_document_get_vendor (doc)), ==, "yealink");
  g_assert_cmpstr (pa_expansion_module_get_id (pa_layout_document_get_module (doc, 1)), ==,
                   "yealink-exp50");
  g_assert_null (pa_layout_document_get_module (doc, 0));
  g_assert_null (pa_layout_document_get_module (doc, 3));
  g_assert_null (pa_layout_document_get_module_layout (doc, 0));
  g_assert_null (pa_layout_document_get_module_layout (doc, 3));

  /* Copies, not the caller's objects. */
  g_assert_true (pa_layout_document_get_layout (doc) != original);
  g_assert_true (pa_layout_document_get_module_layout (doc, 1) != original_module);
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (pa_layout_document_get_layout (doc))), ==, 7);
  g_assert_cmpint (pa_resource_get_revision (PA_RESOURCE (pa_layout_document_get_layout (doc))),
                   ==, 3);

  /* Sorted, without the empty entry. */
  keys = pa_layout_get_keys (pa_layout_document_get_layout (doc));
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      static const guint expected[] = { 1, 2, 12 };
      g_autoptr(PaKey) key = g_list_model_get_item (keys, i);
      g_assert_cmpuint (pa_key_get_index (key), ==, expected[i]);
    }
  g_assert_null (pa_layout_document_get_key (doc, slot (0, 5)));
  assert_key (doc, slot (0, 2), PA_KEY_BLF, "201", "Alice");
  g_assert_cmpint (pa_key_get_agent_id (pa_layout_document_get_key (doc, slot (0, 2))), ==, 4);
  assert_key (doc, slot (1, 1), PA_KEY_BLF, "301", "Bob");

  /* Out of range reads are empty, not a crash. */
  g_assert_null (pa_layout_document_get_key (doc, slot (0, 0)));
  g_assert_null (pa_layout_document_get_key (doc, slot (0, 28)));
  g_assert_null (pa_layout_document_get_key (doc, slot (3, 1)));

  g_assert_false (pa_layout_document_get_modified (doc));
  g_assert_false (pa_layout_document_can_undo (doc));
  g_assert_false (pa_layout_document_can_redo (doc));

  /* Editing never touches the originals. */
  pa_layout_document_clear_key (doc, slot (0, 1));
  pa_layout_document_clear_key (doc, slot (1, 1));
  {
    g_autofree char *now = pa_resource_to_data (PA_RESOURCE (original), NULL);
    GListModel *module_keys = pa_module_layout_get_keys (original_module);

    g_assert_cmpstr (now, ==, original_data);
    g_assert_cmpuint (g_list_model_get_n_items (module_keys), ==, 1);
  }
}

static void
test_new_without_layout (void)
{
  PaDeviceModel *model = pa_catalog_get_model (pa_catalog_get_default (), "yealink-t54w");
  g_autoptr(PaLayoutDocument) doc = pa_layout_document_new (model, NULL, NULL);
  PaLayout *layout = pa_layout_document_get_layout (doc);

  g_assert_cmpuint (pa_layout_document_get_n_surfaces (doc), ==, 1);
  g_assert_cmpstr (pa_layout_get_model (layout), ==, "yealink-t54w");
  g_assert_cmpuint (g_list_model_get_n_items (pa_layout_get_keys (layout)), ==, 0);
  g_assert_null (pa_layout_document_get_key (doc, slot (0, 1)));
}

static void
test_check_palette (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  g_autoptr(PaLayoutDocument) polycom = new_polycom_document ();
  PaDragSource source;
  g_autoptr(GError) error = NULL;

  /* Every type the vendor has goes on an empty or occupied key, on the
   * phone and on a sidecar (Yealink sidecars take line keys too). */
  for (PaKeyType type = PA_KEY_LINE; type < PA_KEY_EMPTY; type++)
    {
      source = drag_type (type);
      g_assert_cmpint (check (doc, &source, slot (0, 5)), ==, PA_DROP_ASSIGN_TYPE);
      g_assert_cmpint (check (doc, &source, slot (0, 2)), ==, PA_DROP_ASSIGN_TYPE);
      g_assert_cmpint (check (doc, &source, slot (1, 60)), ==, PA_DROP_ASSIGN_TYPE);
      g_assert_cmpint (check (doc, &source, slot (2, 1)), ==, PA_DROP_ASSIGN_TYPE);
    }

  /* The reason pointer is optional. */
  source = drag_type (PA_KEY_BLF);
  g_assert_cmpint (pa_layout_document_check_drop (doc, &source, slot (0, 3), NULL), ==,
                   PA_DROP_ASSIGN_TYPE);
  g_assert_cmpint (pa_layout_document_check_drop (doc, &source, slot (0, 99), NULL), ==,
                   PA_DROP_REJECT);

  /* ASSIGN_TYPE needs the popover's answer: drop() will not do it. */
  g_assert_false (pa_layout_document_drop (doc, &source, slot (0, 3), &error));
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_INVALID);
  g_assert_false (pa_layout_document_can_undo (doc));

  /* A type the vendor cannot do. */
  source = drag_type (PA_KEY_PARK_RETRIEVE);
  assert_reject (polycom, &source, slot (0, 5), "Polycom");
  source = drag_type (PA_KEY_CONFERENCE);
  assert_reject (polycom, &source, slot (0, 1), "Conference");
  source = drag_type (PA_KEY_SPEED_DIAL);
  g_assert_cmpint (check (polycom, &source, slot (0, 5)), ==, PA_DROP_ASSIGN_TYPE);

  /* Not a type to assign. */
  source = drag_type (PA_KEY_EMPTY);
  assert_reject (doc, &source, slot (0, 5), "drag it off");
  source = drag_type ((PaKeyType) 42);
  assert_reject (doc, &source, slot (0, 5), "not a key type");

  /* Slots that do not exist. */
  source = drag_type (PA_KEY_BLF);
  assert_reject (doc, &source, slot (0, 0), "no key 0");
  assert_reject (doc, &source, slot (0, 28), "has no key 28: it has 27");
  assert_reject (doc, &source, slot (1, 61), "has no key 61: it has 60");
  assert_reject (doc, &source, slot (3, 1), "no sidecar 3");
  assert_reject (doc, &source, slot (G_MAXUINT, 1), "no sidecar");

  /* Nothing dragged. */
  source = (PaDragSource) { .kind = PA_DRAG_NONE };
  assert_reject (doc, &source, slot (0, 5), "Only key types");
  source = (PaDragSource) { .kind = (PaDragKind) 17 };
  assert_reject (doc, &source, slot (0, 5), "Only key types");
}

static void
test_set_key (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  g_autofree char *before = snapshot (doc);
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  PaKey *key;

  /* ASSIGN_TYPE's second half, after the popover. */
  pa_layout_document_set_key (doc, slot (0, 5), PA_KEY_SPEED_DIAL, "600", "Support", 3);
  assert_key (doc, slot (0, 5), PA_KEY_SPEED_DIAL, "600", "Support");
  g_assert_cmpuint (pa_key_get_line (pa_layout_document_get_key (doc, slot (0, 5))), ==, 3);
  after = snapshot (doc);

  g_assert_true (pa_layout_document_undo (doc));
  {
    g_autofree char *now = snapshot (doc);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_true (pa_layout_document_redo (doc));
  again = snapshot (doc);
  g_assert_cmpstr (again, ==, after);

  /* Overwriting a key with an agent drops the agent link. */
  pa_layout_document_set_key (doc, slot (0, 2), PA_KEY_BLF, "202", "Carol", 1);
  key = pa_layout_document_get_key (doc, slot (0, 2));
  g_assert_cmpint (pa_key_get_agent_id (key), ==, 0);

  /* Blank strings are no value; an empty type clears. */
  pa_layout_document_set_key (doc, slot (1, 7), PA_KEY_CONFERENCE, "", "", 0);
  key = pa_layout_document_get_key (doc, slot (1, 7));
  g_assert_null (pa_key_get_value (key));
  g_assert_null (pa_key_get_label (key));
  g_assert_cmpuint (pa_key_get_line (key), ==, 1);
  pa_layout_document_set_key (doc, slot (1, 7), PA_KEY_EMPTY, NULL, NULL, 1);
  g_assert_null (pa_layout_document_get_key (doc, slot (1, 7)));
}

static void
test_set_key_unchanged_is_no_step (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);

  pa_layout_document_set_key (doc, slot (0, 12), PA_KEY_SPEED_DIAL, "5551234", "Taxi", 1);
  pa_layout_document_clear_key (doc, slot (0, 20));
  g_assert_false (pa_layout_document_can_undo (doc));
  g_assert_false (pa_layout_document_get_modified (doc));
}

typedef struct
{
  GArray *slots;   /* PaKeySlot */
} KeyChanges;

static void
key_changed_cb (PaLayoutDocument *doc,
                guint             surface,
                guint             index,
                KeyChanges       *changes)
{
  PaKeySlot where = { surface, index };

  g_array_append_val (changes->slots, where);
}

static gboolean
touched (KeyChanges *changes,
         guint       surface,
         guint       index)
{
  for (guint i = 0; i < changes->slots->len; i++)
    {
      PaKeySlot s = g_array_index (changes->slots, PaKeySlot, i);
      if (s.surface == surface && s.index == index)
        return TRUE;
    }
  return FALSE;
}

/* Drops @source on @target, checks what it did, then that undo and redo
 * give back byte-identical JSON, and the signal counts each way. */
static void
drop_round_trip (PaLayoutDocument   *doc,
                 const PaDragSource *source,
                 PaKeySlot           target,
                 PaDropAction        expected,
                 guint               n_touched)
{
  KeyChanges changes = { g_array_new (FALSE, FALSE, sizeof (PaKeySlot)) };
  g_autofree char *before = snapshot (doc);
  g_autofree char *after = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;
  g_autoptr(GError) error = NULL;
  gulong id;

  id = g_signal_connect (doc, "key-changed", G_CALLBACK (key_changed_cb), &changes);

  g_assert_cmpint (check (doc, source, target), ==, expected);
  g_assert_true (pa_layout_document_drop (doc, source, target, &error));
  g_assert_no_error (error);
  after = snapshot (doc);
  g_assert_cmpuint (changes.slots->len, ==, n_touched);
  if (n_touched > 0)
    {
      g_assert_true (touched (&changes, target.surface, target.index));
      g_assert_cmpstr (after, !=, before);
      g_assert_true (pa_layout_document_can_undo (doc));
      g_assert_false (pa_layout_document_can_redo (doc));
    }
  else
    g_assert_cmpstr (after, ==, before);
  if (expected == PA_DROP_MOVE || expected == PA_DROP_SWAP)
    g_assert_true (touched (&changes, source->from.surface, source->from.index));

  if (n_touched > 0)
    {
      g_array_set_size (changes.slots, 0);
      g_assert_true (pa_layout_document_undo (doc));
      undone = snapshot (doc);
      g_assert_cmpstr (undone, ==, before);
      g_assert_cmpuint (changes.slots->len, ==, n_touched);

      g_array_set_size (changes.slots, 0);
      g_assert_true (pa_layout_document_redo (doc));
      redone = snapshot (doc);
      g_assert_cmpstr (redone, ==, after);
      g_assert_cmpuint (changes.slots->len, ==, n_touched);
    }

  g_signal_handler_disconnect (doc, id);
  g_array_unref (changes.slots);
}

static void
test_move (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  PaDragSource source;
  PaKey *key;

  /* Within page 1 (keys 1..9). */
  source = drag_key (0, 2);
  drop_round_trip (doc, &source, slot (0, 7), PA_DROP_MOVE, 2);
  g_assert_null (pa_layout_document_get_key (doc, slot (0, 2)));
  assert_key (doc, slot (0, 7), PA_KEY_BLF, "201", "Alice");
  /* The agent link travels with the key. */
  g_assert_cmpint (pa_key_get_agent_id (pa_layout_document_get_key (doc, slot (0, 7))), ==, 4);

  /* Across pages: page 1 → page 3. */
  source = drag_key (0, 7);
  drop_round_trip (doc, &source, slot (0, 25), PA_DROP_MOVE, 2);
  assert_key (doc, slot (0, 25), PA_KEY_BLF, "201", "Alice");

  /* Phone → sidecar 1, page 2 of the EXP50. */
  source = drag_key (0, 25);
  drop_round_trip (doc, &source, slot (1, 33), PA_DROP_MOVE, 2);
  assert_key (doc, slot (1, 33), PA_KEY_BLF, "201", "Alice");
  g_assert_null (pa_layout_document_get_key (doc, slot (0, 25)));
  g_assert_cmpuint (g_list_model_get_n_items (
                      pa_module_layout_get_keys (pa_layout_document_get_module_layout (doc, 1))),
                    ==, 2);

  /* Sidecar 1 → sidecar 2. */
  source = drag_key (1, 33);
  drop_round_trip (doc, &source, slot (2, 60), PA_DROP_MOVE, 2);
  assert_key (doc, slot (2, 60), PA_KEY_BLF, "201", "Alice");

  /* Sidecar → phone, line kept. */
  source = drag_key (1, 1);
  drop_round_trip (doc, &source, slot (0, 9), PA_DROP_MOVE, 2);
  assert_key (doc, slot (0, 9), PA_KEY_BLF, "301", "Bob");
  key = pa_layout_document_get_key (doc, slot (0, 9));
  g_assert_cmpuint (pa_key_get_line (key), ==, 2);

  /* A sidecar line key is fine on Yealink: the catalog says nothing
   * against it. */
  source = drag_key (0, 1);
  drop_round_trip (doc, &source, slot (1, 1), PA_DROP_MOVE, 2);
  assert_key (doc, slot (1, 1), PA_KEY_LINE, NULL, "Main");
}

static void
test_swap_and_nothing (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  PaDragSource source;

  source = drag_key (0, 1);
  drop_round_trip (doc, &source, slot (0, 2), PA_DROP_SWAP, 2);
  assert_key (doc, slot (0, 1), PA_KEY_BLF, "201", "Alice");
  assert_key (doc, slot (0, 2), PA_KEY_LINE, NULL, "Main");
  g_assert_cmpint (pa_key_get_agent_id (pa_layout_document_get_key (doc, slot (0, 1))), ==, 4);
  g_assert_cmpint (pa_key_get_agent_id (pa_layout_document_get_key (doc, slot (0, 2))), ==, 0);

  /* Across pages and between phone and sidecar. */
  source = drag_key (0, 12);
  drop_round_trip (doc, &source, slot (1, 1), PA_DROP_SWAP, 2);
  assert_key (doc, slot (0, 12), PA_KEY_BLF, "301", "Bob");
  assert_key (doc, slot (1, 1), PA_KEY_SPEED_DIAL, "5551234", "Taxi");

  /* Onto itself: accepted, nothing happens, no undo step. */
  pa_layout_document_mark_saved (doc);
  source = drag_key (0, 1);
  {
    guint n_steps = 0;

    while (pa_layout_document_can_undo (doc) && pa_layout_document_undo (doc))
      n_steps++;
    g_assert_cmpuint (n_steps, ==, 2);
    for (guint i = 0; i < n_steps; i++)
      g_assert_true (pa_layout_document_redo (doc));
  }
  drop_round_trip (doc, &source, slot (0, 1), PA_DROP_NOTHING, 0);
  g_assert_false (pa_layout_document_can_redo (doc));
  g_assert_false (pa_layout_document_get_modified (doc));
  /* Onto itself even when the slot is empty. */
  source = drag_key (0, 20);
  drop_round_trip (doc, &source, slot (0, 20), PA_DROP_NOTHING, 0);
}

static void
test_key_drop_rejects (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  g_autoptr(PaLayoutDocument) polycom = new_polycom_document ();
  PaDragSource source;

  /* Nothing to move. */
  source = drag_key (0, 20);
  assert_reject (doc, &source, slot (0, 21), "empty");
  /* A source that does not exist. */
  source = drag_key (0, 28);
  assert_reject (doc, &source, slot (0, 5), "no key 28");
  source = drag_key (4, 1);
  assert_reject (doc, &source, slot (0, 5), "no sidecar 4");
  /* A good source onto a bad target. */
  source = drag_key (0, 1);
  assert_reject (doc, &source, slot (2, 61), "no key 61");

  /* The moved key's type is not allowed where it lands (Polycom cannot do
   * park retrieve), nor the swapped occupant's where it goes. */
  source = drag_key (0, 2);
  assert_reject (polycom, &source, slot (0, 5), "Park retrieve");
  source = drag_key (0, 3);
  assert_reject (polycom, &source, slot (0, 2), "Park retrieve");
  /* Moving a supported key onto an empty slot is fine there. */
  source = drag_key (0, 3);
  g_assert_cmpint (check (polycom, &source, slot (0, 5)), ==, PA_DROP_MOVE);
  g_assert_false (pa_layout_document_can_undo (polycom));
}

static void
test_agent (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  PaDragSource source;
  PaKey *key;

  /* Onto an empty sidecar key. */
  source = drag_agent (9, "Dave Jones", "204");
  drop_round_trip (doc, &source, slot (2, 5), PA_DROP_SET_BLF, 1);
  assert_key (doc, slot (2, 5), PA_KEY_BLF, "204", "Dave Jones");
  key = pa_layout_document_get_key (doc, slot (2, 5));
  g_assert_cmpint (pa_key_get_agent_id (key), ==, 9);
  g_assert_cmpuint (pa_key_get_line (key), ==, 1);

  /* Onto an occupied key: replaced, keeping the slot's line. */
  source = drag_agent (10, "Eve", "205");
  drop_round_trip (doc, &source, slot (1, 1), PA_DROP_SET_BLF, 1);
  assert_key (doc, slot (1, 1), PA_KEY_BLF, "205", "Eve");
  key = pa_layout_document_get_key (doc, slot (1, 1));
  g_assert_cmpint (pa_key_get_agent_id (key), ==, 10);
  g_assert_cmpuint (pa_key_get_line (key), ==, 2);

  /* Undo brings back Bob with no agent link, exactly. */
  g_assert_true (pa_layout_document_undo (doc));
  key = pa_layout_document_get_key (doc, slot (1, 1));
  assert_key (doc, slot (1, 1), PA_KEY_BLF, "301", "Bob");
  g_assert_cmpint (pa_key_get_agent_id (key), ==, 0);
  g_assert_true (pa_layout_document_redo (doc));

  /* An agent without a name is labelled with the extension. */
  source = drag_agent (11, NULL, "206");
  drop_round_trip (doc, &source, slot (0, 3), PA_DROP_SET_BLF, 1);
  assert_key (doc, slot (0, 3), PA_KEY_BLF, "206", "206");

  /* The same agent again on the same key changes nothing. */
  drop_round_trip (doc, &source, slot (0, 3), PA_DROP_SET_BLF, 0);

  /* Rejections. */
  source = drag_agent (12, "Frank", NULL);
  assert_reject (doc, &source, slot (0, 4), "Frank has no extension");
  source = drag_agent (12, "Frank", "");
  assert_reject (doc, &source, slot (0, 4), "no extension");
  source = drag_agent (-1, "Ghost", "299");
  assert_reject (doc, &source, slot (0, 4), "not a stored agent");
  source = drag_agent (12, "Frank", "207");
  assert_reject (doc, &source, slot (0, 30), "no key 30");
}

static void
test_drag_out (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  KeyChanges changes = { g_array_new (FALSE, FALSE, sizeof (PaKeySlot)) };
  g_autofree char *before = snapshot (doc);
  g_autofree char *after = NULL;

  g_signal_connect (doc, "key-changed", G_CALLBACK (key_changed_cb), &changes);

  pa_layout_document_clear_key (doc, slot (0, 2));
  g_assert_null (pa_layout_document_get_key (doc, slot (0, 2)));
  g_assert_cmpuint (changes.slots->len, ==, 1);
  g_assert_true (touched (&changes, 0, 2));
  g_assert_cmpuint (g_list_model_get_n_items (
                      pa_layout_get_keys (pa_layout_document_get_layout (doc))), ==, 2);
  after = snapshot (doc);

  g_assert_true (pa_layout_document_undo (doc));
  {
    g_autofree char *now = snapshot (doc);
    g_assert_cmpstr (now, ==, before);
  }
  g_assert_cmpint (pa_key_get_agent_id (pa_layout_document_get_key (doc, slot (0, 2))), ==, 4);
  g_assert_true (pa_layout_document_redo (doc));
  {
    g_autofree char *now = snapshot (doc);
    g_assert_cmpstr (now, ==, after);
  }
  g_assert_cmpuint (changes.slots->len, ==, 3);

  /* Clearing a sidecar key. */
  pa_layout_document_clear_key (doc, slot (1, 1));
  g_assert_cmpuint (g_list_model_get_n_items (
                      pa_module_layout_get_keys (pa_layout_document_get_module_layout (doc, 1))),
                    ==, 0);

  g_signal_handlers_disconnect_by_data (doc, &changes);
  g_array_unref (changes.slots);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_undo_stack_and_modified (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  guint n_modified = 0, n_can_undo = 0, n_can_redo = 0;
  g_autofree char *start = snapshot (doc);
  PaDragSource source;
  gboolean modified;

  g_signal_connect (doc, "notify::modified", G_CALLBACK (count_notify_cb), &n_modified);
  g_signal_connect (doc, "notify::can-undo", G_CALLBACK (count_notify_cb), &n_can_undo);
  g_signal_connect (doc, "notify::can-redo", G_CALLBACK (count_notify_cb), &n_can_redo);

  g_assert_false (pa_layout_document_undo (doc));
  g_assert_false (pa_layout_document_redo (doc));
  g_assert_cmpuint (n_modified + n_can_undo + n_can_redo, ==, 0);

  /* Three steps of three kinds. */
  pa_layout_document_set_key (doc, slot (0, 4), PA_KEY_PARK, "700", "Park 1", 1);
  g_assert_true (pa_layout_document_get_modified (doc));
  g_object_get (doc, "modified", &modified, NULL);
  g_assert_true (modified);
  g_assert_cmpuint (n_modified, ==, 1);
  g_assert_cmpuint (n_can_undo, ==, 1);
  source = drag_key (0, 4);
  g_assert_true (pa_layout_document_drop (doc, &source, slot (0, 1), NULL));
  pa_layout_document_clear_key (doc, slot (0, 12));
  /* Still modified, so no more notifies. */
  g_assert_cmpuint (n_modified, ==, 1);
  g_assert_cmpuint (n_can_undo, ==, 1);
  g_assert_cmpuint (n_can_redo, ==, 0);

  pa_layout_document_mark_saved (doc);
  g_assert_false (pa_layout_document_get_modified (doc));
  g_assert_cmpuint (n_modified, ==, 2);
  pa_layout_document_mark_saved (doc);
  g_assert_cmpuint (n_modified, ==, 2);

  /* Undo away from the saved state and back to it. */
  g_assert_true (pa_layout_document_undo (doc));
  g_assert_true (pa_layout_document_get_modified (doc));
  g_assert_true (pa_layout_document_can_redo (doc));
  g_assert_cmpuint (n_can_redo, ==, 1);
  g_assert_true (pa_layout_document_redo (doc));
  g_assert_false (pa_layout_document_get_modified (doc));
  g_assert_false (pa_layout_document_can_redo (doc));
  g_assert_cmpuint (n_can_redo, ==, 2);
  g_assert_cmpuint (n_modified, ==, 4);

  /* All the way back is the opening state, byte for byte. */
  while (pa_layout_document_undo (doc))
    ;
  g_assert_false (pa_layout_document_can_undo (doc));
  {
    g_autofree char *now = snapshot (doc);
    g_assert_cmpstr (now, ==, start);
  }
  g_assert_true (pa_layout_document_get_modified (doc));

  /* A new change clears redo; the saved state is gone for good. */
  g_assert_true (pa_layout_document_redo (doc));
  pa_layout_document_set_key (doc, slot (0, 20), PA_KEY_CUSTOM, NULL, "X", 1);
  g_assert_false (pa_layout_document_can_redo (doc));
  g_assert_false (pa_layout_document_redo (doc));
  g_assert_true (pa_layout_document_get_modified (doc));
  while (pa_layout_document_undo (doc))
    ;
  /* Back at the start, which was not the saved state. */
  g_assert_true (pa_layout_document_get_modified (doc));
  pa_layout_document_mark_saved (doc);
  g_assert_false (pa_layout_document_get_modified (doc));
  pa_layout_document_redo (doc);
  g_assert_true (pa_layout_document_get_modified (doc));
}

static gboolean
has_problem (GPtrArray  *problems,
             const char *part)
{
  for (guint i = 0; i < problems->len; i++)
    if (strstr (g_ptr_array_index (problems, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_check_key (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  g_autoptr(PaLayoutDocument) polycom = new_polycom_document ();
  static const struct {
    PaKeyType   type;
    const char *part;
  } no_value[] = {
    { PA_KEY_BLF, "no extension" },
    { PA_KEY_SPEED_DIAL, "no number" },
    { PA_KEY_FEATURE_CODE, "no code" },
    { PA_KEY_PARK, "no parking slot" },
  };

  /* Fine keys and empty slots have no problems. */
  for (guint i = 1; i <= 27; i++)
    {
      g_autoptr(GPtrArray) problems = pa_layout_document_check_key (doc, slot (0, i));
      g_assert_cmpuint (problems->len, ==, 0);
    }
  {
    g_autoptr(GPtrArray) problems = pa_layout_document_check_key (doc, slot (1, 1));
    g_assert_cmpuint (problems->len, ==, 0);
    g_clear_pointer (&problems, g_ptr_array_unref);
    problems = pa_layout_document_check_key (doc, slot (5, 1));
    g_assert_cmpuint (problems->len, ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (no_value); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;

      pa_layout_document_set_key (doc, slot (0, 5), no_value[i].type, NULL, "X", 1);
      problems = pa_layout_document_check_key (doc, slot (0, 5));
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_true (has_problem (problems, no_value[i].part));
    }

  /* Types that need no value. */
  for (PaKeyType type = PA_KEY_LINE; type < PA_KEY_EMPTY; type++)
    if (!pa_key_type_needs_value (type))
      {
        g_autoptr(GPtrArray) problems = NULL;

        pa_layout_document_set_key (doc, slot (1, 5), type, NULL, NULL, 16);
        problems = pa_layout_document_check_key (doc, slot (1, 5));
        g_assert_cmpuint (problems->len, ==, 0);
      }

  /* Past the T54W's 16 lines, on the phone and on a sidecar. */
  {
    g_autoptr(GPtrArray) problems = NULL;

    pa_layout_document_set_key (doc, slot (0, 6), PA_KEY_LINE, NULL, "Far", 17);
    problems = pa_layout_document_check_key (doc, slot (0, 6));
    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_true (has_problem (problems, "line key is for line 17"));
    g_assert_true (has_problem (problems, "only 16 lines"));

    pa_layout_document_set_key (doc, slot (2, 6), PA_KEY_SPEED_DIAL, NULL, NULL, 20);
    g_clear_pointer (&problems, g_ptr_array_unref);
    problems = pa_layout_document_check_key (doc, slot (2, 6));
    g_assert_cmpuint (problems->len, ==, 2);
    g_assert_true (has_problem (problems, "no number"));
    g_assert_true (has_problem (problems, "uses line 20"));
  }

  /* A type the vendor cannot do. */
  {
    g_autoptr(GPtrArray) problems = pa_layout_document_check_key (polycom, slot (0, 2));

    g_assert_cmpuint (problems->len, ==, 1);
    g_assert_true (has_problem (problems, "Polycom phones have no"));
    g_clear_pointer (&problems, g_ptr_array_unref);
    problems = pa_layout_document_check_key (polycom, slot (0, 3));
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_validate (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  g_autoptr(PaLayoutDocument) polycom = new_polycom_document ();
  g_autoptr(GError) error = NULL;

  g_assert_true (pa_layout_document_validate (doc, &error));
  g_assert_no_error (error);

  /* Phone key without a value. */
  pa_layout_document_set_key (doc, slot (0, 20), PA_KEY_BLF, NULL, "Nobody", 1);
  g_assert_false (pa_layout_document_validate (doc, &error));
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_INVALID);
  g_assert_cmpstr (pa_model_error_get_field (error), ==, "keys[3].value");
  g_clear_error (&error);
  pa_layout_document_undo (doc);

  /* Sidecar key past the phone's lines: the module layout alone would not
   * know. */
  pa_layout_document_set_key (doc, slot (2, 9), PA_KEY_LINE, NULL, NULL, 17);
  g_assert_true (pa_resource_validate (PA_RESOURCE (pa_layout_document_get_module_layout (doc, 2)),
                                       NULL));
  g_assert_false (pa_layout_document_validate (doc, &error));
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_RULE);
  g_assert_cmpstr (pa_model_error_get_field (error), ==, "modules[1].keys[0].line");
  g_clear_error (&error);
  pa_layout_document_undo (doc);

  /* The resource's own rules: a layout needs a name. */
  pa_layout_set_name (pa_layout_document_get_layout (doc), "");
  g_assert_false (pa_layout_document_validate (doc, &error));
  g_assert_cmpstr (pa_model_error_get_field (error), ==, "name");
  g_clear_error (&error);
  pa_layout_set_name (pa_layout_document_get_layout (doc), "Reception");
  g_assert_true (pa_layout_document_validate (doc, NULL));

  /* A type the vendor cannot do. */
  g_assert_false (pa_layout_document_validate (polycom, &error));
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_RULE);
  g_assert_cmpstr (pa_model_error_get_field (error), ==, "keys[1].type");
  g_clear_error (&error);
  pa_layout_document_clear_key (polycom, slot (0, 2));
  g_assert_true (pa_layout_document_validate (polycom, &error));
  g_assert_no_error (error);
}

static void
test_validate_modules (void)
{
  PaDeviceModel *model = pa_catalog_get_model (pa_catalog_get_default (), "yealink-t54w");
  g_autoptr(PaLayout) layout = layout_from_json ("{ 'name': 'L', 'model': 'yealink-t54w' }");
  g_autoptr(PaLayout) other = layout_from_json ("{ 'name': 'L', 'model': 'yealink-t46u' }");
  g_autoptr(PaModuleLayout) exp43 =
    module_layout_from_json ("{ 'name': 'M', 'module': 'yealink-exp43' }");
  g_autoptr(PaModuleLayout) bogus = module_layout_from_json ("{ 'name': 'M', 'module': 'acme-x' }");
  g_autoptr(GPtrArray) modules = g_ptr_array_new ();
  g_autoptr(PaLayoutDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  PaDragSource source = drag_type (PA_KEY_BLF);
  g_autofree char *reason = NULL;

  /* A module the T54W does not take. */
  g_ptr_array_add (modules, exp43);
  doc = pa_layout_document_new (model, layout, modules);
  g_assert_false (pa_layout_document_validate (doc, &error));
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_RULE);
  g_assert_cmpstr (pa_model_error_get_field (error), ==, "modules[0].module");
  g_clear_error (&error);
  g_clear_object (&doc);

  /* A module the catalog does not know: no keys to drop on. */
  g_ptr_array_set_size (modules, 0);
  g_ptr_array_add (modules, bogus);
  doc = pa_layout_document_new (model, layout, modules);
  g_assert_cmpuint (pa_layout_document_get_n_keys (doc, 1), ==, 0);
  g_assert_cmpint (pa_layout_document_check_drop (doc, &source, slot (1, 1), &reason), ==,
                   PA_DROP_REJECT);
  g_assert_nonnull (strstr (reason, "not in the catalog"));
  g_assert_false (pa_layout_document_validate (doc, &error));
  g_assert_cmpstr (pa_model_error_get_field (error), ==, "modules[0].module");
  g_clear_error (&error);
  g_clear_object (&doc);

  /* A layout for another model. */
  doc = pa_layout_document_new (model, other, NULL);
  g_assert_false (pa_layout_document_validate (doc, &error));
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_RULE);
  g_assert_cmpstr (pa_model_error_get_field (error), ==, "model");
}

static void
test_titles (void)
{
  for (PaKeyType type = PA_KEY_LINE; type <= PA_KEY_EMPTY; type++)
    {
      const char *title = pa_key_type_get_title (type);
      g_assert_nonnull (title);
      g_assert_cmpuint (strlen (title), >, 0);
    }
  g_assert_cmpstr (pa_key_type_get_title (PA_KEY_SPEED_DIAL), ==, "Speed dial");
  g_assert_null (pa_key_type_get_title ((PaKeyType) 99));
}

static void
edit_in_handler_cb (PaLayoutDocument *doc,
                    guint             surface,
                    guint             index,
                    guint            *calls)
{
  if ((*calls)++ == 0)
    pa_layout_document_set_key (doc, slot (2, 40), PA_KEY_CONFERENCE, NULL, "Conf", 1);
}

/* A handler that edits while an undo is announced: the new step clears the
 * redo stack holding the step being announced. */
static void
test_edit_in_handler (void)
{
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (NULL, NULL);
  PaDragSource source = drag_key (0, 1);
  guint calls = 0;
  gulong id;

  g_assert_true (pa_layout_document_drop (doc, &source, slot (0, 2), NULL));
  id = g_signal_connect (doc, "key-changed", G_CALLBACK (edit_in_handler_cb), &calls);
  g_assert_true (pa_layout_document_undo (doc));
  g_signal_handler_disconnect (doc, id);

  /* Two slots of the undo plus the handler's own. */
  g_assert_cmpuint (calls, ==, 3);
  assert_key (doc, slot (0, 1), PA_KEY_LINE, NULL, "Main");
  assert_key (doc, slot (2, 40), PA_KEY_CONFERENCE, NULL, "Conf");
  g_assert_false (pa_layout_document_can_redo (doc));
  g_assert_true (pa_layout_document_undo (doc));
  g_assert_null (pa_layout_document_get_key (doc, slot (2, 40)));
  g_assert_false (pa_layout_document_can_undo (doc));
}

static void
test_finalize (void)
{
  PaLayoutDocument *doc = new_t54w_document (NULL, NULL);
  PaLayout *layout;
  PaDragSource source = drag_key (0, 1);

  pa_layout_document_drop (doc, &source, slot (1, 2), NULL);
  pa_layout_document_undo (doc);
  layout = g_object_ref (pa_layout_document_get_layout (doc));
  g_assert_finalize_object (doc);
  /* The layout handed out outlives the document if held. */
  g_assert_cmpuint (g_list_model_get_n_items (pa_layout_get_keys (layout)), ==, 3);
  g_assert_finalize_object (layout);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout-edit/open", test_open);
  g_test_add_func ("/layout-edit/new-without-layout", test_new_without_layout);
  g_test_add_func ("/layout-edit/check/palette", test_check_palette);
  g_test_add_func ("/layout-edit/set-key", test_set_key);
  g_test_add_func ("/layout-edit/set-key/unchanged", test_set_key_unchanged_is_no_step);
  g_test_add_func ("/layout-edit/drop/move", test_move);
  g_test_add_func ("/layout-edit/drop/swap-and-nothing", test_swap_and_nothing);
  g_test_add_func ("/layout-edit/drop/key-rejects", test_key_drop_rejects);
  g_test_add_func ("/layout-edit/drop/agent", test_agent);
  g_test_add_func ("/layout-edit/drag-out", test_drag_out);
  g_test_add_func ("/layout-edit/undo-and-modified", test_undo_stack_and_modified);
  g_test_add_func ("/layout-edit/check-key", test_check_key);
  g_test_add_func ("/layout-edit/validate", test_validate);
  g_test_add_func ("/layout-edit/validate/modules", test_validate_modules);
  g_test_add_func ("/layout-edit/titles", test_titles);
  g_test_add_func ("/layout-edit/edit-in-handler", test_edit_in_handler);
  g_test_add_func ("/layout-edit/finalize", test_finalize);

  return g_test_run ();
}
