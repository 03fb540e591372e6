/* test-phone-face.c — the drawn phone face: keys per page, what a key shows,
 * drops through the GtkDropTarget "drop" signal and the keyboard/menu moves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb. Drops are driven in-process by emitting "drop" on the
 * key's own GtkDropTarget with the value a real drag would carry; the real
 * pointer drag is test-key-drag.c.
 */
#include "config.h"

#include <adwaita.h>

#include "pa-app-test.h"
#include "pa-catalog.h"
#include "pa-phone-face.h"

typedef struct
{
  PaLayoutDocument *doc;
  GtkWidget        *window;
  PaPhoneFace      *face;
} Fixture;

static PaLayoutDocument *
new_t54w_document (guint n_sidecars)
{
  PaDeviceModel *model = pa_catalog_get_model (pa_catalog_get_default (), "yealink-t54w");
  g_autoptr(PaLayout) layout = pa_layout_new ();
  g_autoptr(GListStore) keys = g_list_store_new (PA_TYPE_KEY);
  g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PaKey) line = pa_key_new (1, PA_KEY_LINE, NULL, "Reception", 1);
  g_autoptr(PaKey) blf = pa_key_new (2, PA_KEY_BLF, "202", "Anna", 1);
  g_autoptr(PaKey) park = pa_key_new (3, PA_KEY_PARK, "700", "Park", 1);

  g_assert_nonnull (model);
  pa_layout_set_model (layout, "yealink-t54w");
  pa_layout_set_name (layout, "Reception");
  g_list_store_append (keys, line);
  g_list_store_append (keys, blf);
  g_list_store_append (keys, park);
  pa_layout_set_keys (layout, G_LIST_MODEL (keys));

  for (guint i = 0; i < n_sidecars; i++)
    {
      PaModuleLayout *module = pa_module_layout_new ();

      pa_module_layout_set_module (module, "yealink-exp50");
      g_ptr_array_add (modules, module);
    }
  return pa_layout_document_new (model, layout, modules);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->doc = new_t54w_document (2);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 800);
  f->face = PA_PHONE_FACE (pa_phone_face_new ());
  pa_phone_face_set_document (f->face, f->doc);
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->face));
  gtk_window_present (GTK_WINDOW (f->window));
  pa_app_test_wait_until (pa_app_test_widget_ready, f->face);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  /* Popovers let go of the document from an idle (see pa-key-button.c). */
  g_object_add_weak_pointer (G_OBJECT (f->doc), (gpointer *) &f->doc);
  g_object_unref (f->doc);
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &f->doc);
}

static PaKeyButton *
key_button (Fixture *f,
            guint    surface,
            guint    index)
{
  PaKeyButton *key = pa_phone_face_get_key_button (f->face, PA_KEY_SLOT_INIT (surface, index));

  g_assert_nonnull (key);
  return key;
}

/* The key let its popover go: closed, and released from the idle after
 * (see pa-key-button.c). */
static gboolean
popover_released (gpointer key)
{
  return pa_key_button_get_popover (key) == NULL;
}

static PaKey *
doc_key (Fixture *f,
         guint    surface,
         guint    index)
{
  return pa_layout_document_get_key (f->doc, PA_KEY_SLOT_INIT (surface, index));
}

/* Drawn keys of @surface on screen now: visible, with visible ancestors. */
static guint
count_visible_keys (GtkWidget *widget,
                    guint      surface)
{
  guint n = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  if (PA_IS_KEY_BUTTON (widget))
    return pa_key_button_get_slot (PA_KEY_BUTTON (widget)).surface == surface ? 1 : 0;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_visible_keys (c, surface);
  return n;
}

/* Emits "drop" on @target as GTK does at the end of a drag. */
static gboolean
emit_drop (GtkDropTarget      *target,
           const PaDragSource *source)
{
  g_auto(GValue) value = G_VALUE_INIT;
  gboolean handled = FALSE;

  g_assert_nonnull (target);
  g_value_init (&value, PA_TYPE_DRAG_SOURCE);
  g_value_set_boxed (&value, source);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  return handled;
}

static gboolean
drop_on_key (Fixture            *f,
             const PaDragSource *source,
             guint               surface,
             guint               index)
{
  return emit_drop (pa_key_button_get_drop_target (key_button (f, surface, index)), source);
}

/* ------------------------------------------------------------------ */

static void
test_drag_source_boxed (void)
{
  PaDragSource src = { .kind = PA_DRAG_AGENT, .agent_id = 7 };
  g_autofree char *name = g_strdup ("Bob");
  g_autoptr(PaDragSource) copy = NULL;
  g_autoptr(GdkContentProvider) content = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  g_autoptr(GError) error = NULL;
  const PaDragSource *got;

  src.agent_name = name;
  src.agent_extension = "203";
  copy = pa_drag_source_copy (&src);
  g_clear_pointer (&name, g_free);   /* the copy must not borrow */
  g_assert_cmpstr (copy->agent_name, ==, "Bob");
  g_assert_cmpstr (copy->agent_extension, ==, "203");
  g_assert_cmpint (copy->agent_id, ==, 7);

  content = pa_drag_source_content_new (copy);
  g_value_init (&value, PA_TYPE_DRAG_SOURCE);
  g_assert_true (gdk_content_provider_get_value (content, &value, &error));
  g_assert_no_error (error);
  got = g_value_get_boxed (&value);
  g_assert_cmpint (got->kind, ==, PA_DRAG_AGENT);
  g_assert_cmpstr (got->agent_name, ==, "Bob");
  g_assert_true (got->agent_name != copy->agent_name);
}

static void
test_face_pages (Fixture       *f,
                 gconstpointer  data)
{
  g_assert_cmpuint (pa_layout_document_get_n_surfaces (f->doc), ==, 3);
  g_assert_cmpuint (pa_phone_face_get_n_pages (f->face, 0), ==, 3);
  g_assert_cmpuint (pa_phone_face_get_n_pages (f->face, 1), ==, 3);
  g_assert_cmpuint (pa_phone_face_get_n_pages (f->face, 2), ==, 3);

  for (guint s = 0; s < 3; s++)
    {
      guint total = 0;

      for (guint p = 0; p < 3; p++)
        {
          guint n;

          pa_phone_face_set_page (f->face, s, p);
          g_assert_cmpuint (pa_phone_face_get_page (f->face, s), ==, p);
          n = count_visible_keys (GTK_WIDGET (f->face), s);
          g_assert_cmpuint (n, ==, s == 0 ? 9 : 20);
          total += n;
        }
      g_assert_cmpuint (total, ==, s == 0 ? 27 : 60);
    }

  /* Every key exists, none past the end. */
  g_assert_nonnull (pa_phone_face_get_key_button (f->face, PA_KEY_SLOT_INIT (0, 27)));
  g_assert_null (pa_phone_face_get_key_button (f->face, PA_KEY_SLOT_INIT (0, 28)));
  g_assert_null (pa_phone_face_get_key_button (f->face, PA_KEY_SLOT_INIT (0, 0)));
  g_assert_nonnull (pa_phone_face_get_key_button (f->face, PA_KEY_SLOT_INIT (2, 60)));
  g_assert_null (pa_phone_face_get_key_button (f->face, PA_KEY_SLOT_INIT (3, 1)));

  /* A page that does not exist is ignored. */
  pa_phone_face_set_page (f->face, 0, 1);
  pa_phone_face_set_page (f->face, 0, 3);
  g_assert_cmpuint (pa_phone_face_get_page (f->face, 0), ==, 1);
}

static void
test_face_key_content (Fixture       *f,
                       gconstpointer  data)
{
  PaKeyButton *blf = key_button (f, 0, 2);
  PaKeyButton *empty = key_button (f, 0, 5);
  PaKeyButton *side = key_button (f, 1, 1);
  g_autofree char *expected = g_strdup_printf ("Key 2, %s, Anna (202)",
                                               pa_key_type_get_title (PA_KEY_BLF));
  g_autofree char *tooltip = NULL;

  g_assert_cmpstr (pa_key_button_get_text (blf), ==, "Anna");
  g_assert_cmpstr (pa_key_button_get_icon_name (blf), ==, "avatar-default-symbolic");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (blf), "empty"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (blf), "error"));
  tooltip = g_strdup (gtk_widget_get_tooltip_text (GTK_WIDGET (blf)));
  g_assert_cmpstr (tooltip, ==, expected);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (blf)));

  g_assert_cmpstr (pa_key_button_get_icon_name (key_button (f, 0, 1)), ==, "call-start-symbolic");
  g_assert_cmpstr (pa_key_button_get_icon_name (key_button (f, 0, 3)), ==,
                   "media-playback-pause-symbolic");

  g_assert_cmpstr (pa_key_button_get_text (empty), ==, "");
  g_assert_null (pa_key_button_get_icon_name (empty));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (empty), "empty"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (empty)), ==, "Key 5, empty");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (side)), ==, "Sidecar 1, key 1, empty");

  /* The face follows the document, undo included. */
  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 5), PA_KEY_SPEED_DIAL, "5551234",
                              "Pizza", 1);
  g_assert_cmpstr (pa_key_button_get_text (empty), ==, "Pizza");
  g_assert_cmpstr (pa_key_button_get_icon_name (empty), ==, "starred-symbolic");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (empty), "empty"));
  g_assert_true (pa_layout_document_undo (f->doc));
  g_assert_cmpstr (pa_key_button_get_text (empty), ==, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (empty), "empty"));

  /* Without a label the value shows, without either the type. */
  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 6), PA_KEY_FEATURE_CODE, "*72", NULL, 1);
  g_assert_cmpstr (pa_key_button_get_text (key_button (f, 0, 6)), ==, "*72");
  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 7), PA_KEY_CONFERENCE, NULL, NULL, 1);
  g_assert_cmpstr (pa_key_button_get_text (key_button (f, 0, 7)), ==,
                   pa_key_type_get_title (PA_KEY_CONFERENCE));
  g_assert_cmpstr (pa_key_button_get_icon_name (key_button (f, 0, 7)), ==, "system-users-symbolic");
}

static void
test_face_key_error (Fixture       *f,
                     gconstpointer  data)
{
  PaKeyButton *key = key_button (f, 0, 4);
  g_autoptr(GPtrArray) problems = NULL;
  const char *tooltip;

  /* A BLF without a value and a line past the model's 16 accounts. */
  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 4), PA_KEY_BLF, NULL, "Nobody", 1);
  problems = pa_layout_document_check_key (f->doc, PA_KEY_SLOT_INIT (0, 4));
  g_assert_cmpuint (problems->len, >, 0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (key), "error"));
  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (key));
  g_assert_nonnull (strstr (tooltip, g_ptr_array_index (problems, 0)));

  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 4), PA_KEY_BLF, "204", "Nobody", 1);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (key), "error"));

  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 4), PA_KEY_LINE, NULL, NULL, 40);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (key), "error"));
}

typedef struct
{
  guint count;
  guint surface;
  guint index;
} DropRecord;

static void
record_drop_cb (PaPhoneFace *face,
                guint        surface,
                guint        index,
                DropRecord  *record)
{
  record->count++;
  record->surface = surface;
  record->index = index;
}

static void
test_face_drop_palette (Fixture       *f,
                        gconstpointer  data)
{
  PaDragSource src = { .kind = PA_DRAG_KEY_TYPE, .key_type = PA_KEY_SPEED_DIAL };
  PaKeyButton *key = key_button (f, 0, 5);
  GtkWidget *popover;
  DropRecord record = { 0 };
  PaKey *k;

  g_signal_connect (f->face, "drop-done", G_CALLBACK (record_drop_cb), &record);

  g_assert_true (drop_on_key (f, &src, 0, 5));
  /* Nothing set before the popover is answered, and no drop done yet. */
  g_assert_null (doc_key (f, 0, 5));
  g_assert_cmpuint (record.count, ==, 0);
  popover = pa_key_button_get_popover (key);
  g_assert_true (PA_IS_KEY_POPOVER (popover));
  g_assert_cmpint (pa_key_popover_get_key_type (PA_KEY_POPOVER (popover)), ==, PA_KEY_SPEED_DIAL);

  /* A speed dial needs a number: Apply refuses without one. */
  g_assert_false (pa_key_popover_apply (PA_KEY_POPOVER (popover)));
  g_assert_null (doc_key (f, 0, 5));
  g_assert_cmpuint (record.count, ==, 0);

  pa_key_popover_set_value (PA_KEY_POPOVER (popover), "5551234");
  pa_key_popover_set_label (PA_KEY_POPOVER (popover), "Pizza");
  pa_key_popover_set_line (PA_KEY_POPOVER (popover), 2);
  g_assert_true (gtk_widget_activate_action (popover, "key-popover.apply", NULL));

  k = doc_key (f, 0, 5);
  g_assert_nonnull (k);
  g_assert_cmpint (pa_key_get_key_type (k), ==, PA_KEY_SPEED_DIAL);
  g_assert_cmpstr (pa_key_get_value (k), ==, "5551234");
  g_assert_cmpstr (pa_key_get_label (k), ==, "Pizza");
  g_assert_cmpuint (pa_key_get_line (k), ==, 2);
  g_assert_cmpstr (pa_key_button_get_text (key), ==, "Pizza");

  /* The answered popover completes the drop, once, on its slot. */
  g_assert_cmpuint (record.count, ==, 1);
  g_assert_cmpuint (record.surface, ==, 0);
  g_assert_cmpuint (record.index, ==, 5);

  /* The popover goes away once answered. */
  pa_app_test_wait_until (popover_released, key);
  g_assert_cmpuint (record.count, ==, 1);

  /* A palette drop whose popover is dismissed changes nothing: no drop-done. */
  g_assert_true (drop_on_key (f, &src, 0, 7));
  popover = pa_key_button_get_popover (key_button (f, 0, 7));
  g_assert_true (PA_IS_KEY_POPOVER (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));
  pa_app_test_wait_until (popover_released, key_button (f, 0, 7));
  g_assert_null (doc_key (f, 0, 7));
  g_assert_cmpuint (record.count, ==, 1);

  /* Nor does one answered with the key the slot already holds. */
  g_assert_true (drop_on_key (f, &src, 0, 5));
  popover = pa_key_button_get_popover (key);
  g_assert_true (PA_IS_KEY_POPOVER (popover));
  pa_key_popover_set_value (PA_KEY_POPOVER (popover), "5551234");
  pa_key_popover_set_label (PA_KEY_POPOVER (popover), "Pizza");
  pa_key_popover_set_line (PA_KEY_POPOVER (popover), 2);
  g_assert_true (pa_key_popover_apply (PA_KEY_POPOVER (popover)));
  g_assert_true (doc_key (f, 0, 5) == k);
  pa_app_test_wait_until (popover_released, key);
  g_assert_cmpuint (record.count, ==, 1);

  /* A drop on a filled key that the answer changes does count. */
  g_assert_true (drop_on_key (f, &src, 0, 5));
  popover = pa_key_button_get_popover (key);
  pa_key_popover_set_value (PA_KEY_POPOVER (popover), "5559999");
  g_assert_true (pa_key_popover_apply (PA_KEY_POPOVER (popover)));
  pa_app_test_wait_until (popover_released, key);
  g_assert_cmpstr (pa_key_get_value (doc_key (f, 0, 5)), ==, "5559999");
  g_assert_cmpuint (record.count, ==, 2);
  g_assert_cmpuint (record.index, ==, 5);
}

static void
count_drop_cb (PaPhoneFace *face,
               guint        surface,
               guint        index,
               guint       *count)
{
  (*count)++;
}

static void
test_face_drop_keys (Fixture       *f,
                     gconstpointer  data)
{
  PaDragSource move = { .kind = PA_DRAG_KEY, .from = PA_KEY_SLOT_INIT (0, 2) };
  PaDragSource swap = { .kind = PA_DRAG_KEY, .from = PA_KEY_SLOT_INIT (0, 1) };
  PaDragSource across = { .kind = PA_DRAG_KEY, .from = PA_KEY_SLOT_INIT (0, 3) };
  guint drops = 0;

  g_signal_connect (f->face, "drop-done", G_CALLBACK (count_drop_cb), &drops);

  /* key → empty key: a move */
  g_assert_true (drop_on_key (f, &move, 0, 6));
  g_assert_null (doc_key (f, 0, 2));
  g_assert_cmpstr (pa_key_get_label (doc_key (f, 0, 6)), ==, "Anna");
  g_assert_cmpstr (pa_key_button_get_text (key_button (f, 0, 2)), ==, "");
  g_assert_cmpstr (pa_key_button_get_text (key_button (f, 0, 6)), ==, "Anna");
  g_assert_cmpuint (drops, ==, 1);

  /* key → occupied key: a swap */
  g_assert_true (drop_on_key (f, &swap, 0, 6));
  g_assert_cmpint (pa_key_get_key_type (doc_key (f, 0, 1)), ==, PA_KEY_BLF);
  g_assert_cmpint (pa_key_get_key_type (doc_key (f, 0, 6)), ==, PA_KEY_LINE);
  g_assert_cmpstr (pa_key_button_get_text (key_button (f, 0, 1)), ==, "Anna");
  g_assert_cmpstr (pa_key_button_get_text (key_button (f, 0, 6)), ==, "Reception");

  /* phone → sidecar, onto a key of another page */
  g_assert_true (drop_on_key (f, &across, 2, 45));
  g_assert_null (doc_key (f, 0, 3));
  g_assert_cmpint (pa_key_get_key_type (doc_key (f, 2, 45)), ==, PA_KEY_PARK);
  /* The target's page is shown and the moved key focused. */
  g_assert_cmpuint (pa_phone_face_get_page (f->face, 2), ==, 2);
  g_assert_cmpuint (drops, ==, 3);

  /* Each drop is one undo step. */
  g_assert_true (pa_layout_document_undo (f->doc));
  g_assert_true (pa_layout_document_undo (f->doc));
  g_assert_true (pa_layout_document_undo (f->doc));
  g_assert_cmpstr (pa_key_get_label (doc_key (f, 0, 2)), ==, "Anna");
  g_assert_cmpstr (pa_key_button_get_text (key_button (f, 0, 2)), ==, "Anna");
  g_assert_null (doc_key (f, 0, 6));
  g_assert_false (pa_layout_document_get_modified (f->doc));
}

static void
test_face_drop_agent (Fixture       *f,
                      gconstpointer  data)
{
  PaDragSource agent = {
    .kind = PA_DRAG_AGENT, .agent_id = 7, .agent_name = "Bob", .agent_extension = "203",
  };
  PaKey *k;

  g_assert_true (drop_on_key (f, &agent, 0, 10));
  k = doc_key (f, 0, 10);
  g_assert_nonnull (k);
  g_assert_cmpint (pa_key_get_key_type (k), ==, PA_KEY_BLF);
  g_assert_cmpstr (pa_key_get_value (k), ==, "203");
  g_assert_cmpstr (pa_key_get_label (k), ==, "Bob");
  g_assert_cmpstr (pa_key_button_get_text (key_button (f, 0, 10)), ==, "Bob");
  g_assert_cmpstr (pa_key_button_get_icon_name (key_button (f, 0, 10)), ==,
                   "avatar-default-symbolic");

  /* onto a sidecar key too */
  g_assert_true (drop_on_key (f, &agent, 1, 1));
  g_assert_cmpstr (pa_key_get_value (doc_key (f, 1, 1)), ==, "203");
}

static void
test_face_drop_trash (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *trash = pa_key_trash_new (f->face);
  PaDragSource key = { .kind = PA_DRAG_KEY, .from = PA_KEY_SLOT_INIT (0, 2) };
  PaDragSource palette = { .kind = PA_DRAG_KEY_TYPE, .key_type = PA_KEY_BLF };
  PaDragSource empty = { .kind = PA_DRAG_KEY, .from = PA_KEY_SLOT_INIT (0, 20) };

  g_object_ref_sink (trash);
  g_assert_nonnull (pa_key_trash_get_drop_target (trash));

  /* Only keys go in the trash; an empty key has nothing to clear. */
  g_assert_false (emit_drop (pa_key_trash_get_drop_target (trash), &palette));
  g_assert_false (emit_drop (pa_key_trash_get_drop_target (trash), &empty));
  g_assert_false (pa_layout_document_get_modified (f->doc));

  g_assert_true (emit_drop (pa_key_trash_get_drop_target (trash), &key));
  g_assert_null (doc_key (f, 0, 2));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (key_button (f, 0, 2)), "empty"));
  g_assert_true (pa_layout_document_undo (f->doc));
  g_assert_nonnull (doc_key (f, 0, 2));

  g_assert_finalize_object (trash);
}

static void
test_face_drop_rejected (Fixture       *f,
                         gconstpointer  data)
{
  /* An agent without an extension cannot make a BLF; a key that is not
   * there cannot be moved. Neither changes the document. */
  PaDragSource agent = { .kind = PA_DRAG_AGENT, .agent_id = 9, .agent_name = "Nobody" };
  PaDragSource ghost = { .kind = PA_DRAG_KEY, .from = PA_KEY_SLOT_INIT (0, 20) };
  PaDragSource away = { .kind = PA_DRAG_KEY, .from = PA_KEY_SLOT_INIT (5, 1) };
  g_autofree char *reason = NULL;

  g_assert_cmpint (pa_layout_document_check_drop (f->doc, &agent, PA_KEY_SLOT_INIT (0, 4), &reason),
                   ==, PA_DROP_REJECT);
  g_assert_nonnull (reason);

  g_assert_false (drop_on_key (f, &agent, 0, 4));
  g_assert_false (drop_on_key (f, &ghost, 0, 4));
  g_assert_false (drop_on_key (f, &away, 0, 4));
  g_assert_null (doc_key (f, 0, 4));
  g_assert_null (pa_key_button_get_popover (key_button (f, 0, 4)));
  g_assert_false (pa_layout_document_get_modified (f->doc));
  g_assert_false (pa_layout_document_can_undo (f->doc));

  /* Onto itself: nothing happens either. */
  ghost.from = PA_KEY_SLOT_INIT (0, 2);
  g_assert_false (drop_on_key (f, &ghost, 0, 2));
  g_assert_false (pa_layout_document_can_undo (f->doc));
}

static void
test_face_keyboard (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *face = GTK_WIDGET (f->face);
  PaKeySlot slot;
  GtkWidget *popover;

  /* Cut key 2, paste on key 8: a move. */
  pa_phone_face_focus_key (f->face, PA_KEY_SLOT_INIT (0, 2));
  g_assert_true (pa_phone_face_get_current_slot (f->face, &slot));
  g_assert_cmpuint (slot.index, ==, 2);
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (key_button (f, 0, 2))));
  g_assert_true (gtk_widget_activate_action (face, "face.cut", NULL));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (key_button (f, 0, 2)), "cut"));
  g_assert_nonnull (doc_key (f, 0, 2));   /* nothing moves before the paste */
  pa_phone_face_focus_key (f->face, PA_KEY_SLOT_INIT (0, 8));
  g_assert_true (gtk_widget_activate_action (face, "face.paste", NULL));
  g_assert_null (doc_key (f, 0, 2));
  g_assert_cmpstr (pa_key_get_label (doc_key (f, 0, 8)), ==, "Anna");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (key_button (f, 0, 2)), "cut"));

  /* Move to page 3 of the phone: its first empty key, 19. */
  g_assert_true (gtk_widget_activate_action (face, "face.move-to-page", "u", 3));
  g_assert_null (doc_key (f, 0, 8));
  g_assert_cmpstr (pa_key_get_label (doc_key (f, 0, 19)), ==, "Anna");
  g_assert_cmpuint (pa_phone_face_get_page (f->face, 0), ==, 2);
  g_assert_true (pa_phone_face_get_current_slot (f->face, &slot));
  g_assert_cmpuint (slot.index, ==, 19);

  /* To sidecar 2: its first empty key. */
  g_assert_true (gtk_widget_activate_action (face, "face.move-to-surface", "u", 2));
  g_assert_null (doc_key (f, 0, 19));
  g_assert_cmpstr (pa_key_get_label (doc_key (f, 2, 1)), ==, "Anna");

  /* Next empty key after it. */
  g_assert_true (gtk_widget_activate_action (face, "face.move-next-empty", NULL));
  g_assert_null (doc_key (f, 2, 1));
  g_assert_cmpstr (pa_key_get_label (doc_key (f, 2, 2)), ==, "Anna");

  /* Clear, and undo brings it back. */
  g_assert_true (gtk_widget_activate_action (face, "face.clear", NULL));
  g_assert_null (doc_key (f, 2, 2));
  g_assert_true (pa_layout_document_undo (f->doc));
  g_assert_nonnull (doc_key (f, 2, 2));

  /* Set Type opens the popover with that type; Enter (the key's activate)
   * edits the key as it is. */
  pa_phone_face_focus_key (f->face, PA_KEY_SLOT_INIT (0, 1));
  g_assert_true (gtk_widget_activate_action (face, "face.set-type", "s", "blf"));
  popover = pa_key_button_get_popover (key_button (f, 0, 1));
  g_assert_true (PA_IS_KEY_POPOVER (popover));
  g_assert_cmpint (pa_key_popover_get_key_type (PA_KEY_POPOVER (popover)), ==, PA_KEY_BLF);
  gtk_popover_popdown (GTK_POPOVER (popover));
  pa_app_test_wait_until (popover_released, key_button (f, 0, 1));
  g_assert_cmpint (pa_key_get_key_type (doc_key (f, 0, 1)), ==, PA_KEY_LINE);

  g_signal_emit_by_name (key_button (f, 0, 1), "activate");
  popover = pa_key_button_get_popover (key_button (f, 0, 1));
  g_assert_true (PA_IS_KEY_POPOVER (popover));
  g_assert_cmpint (pa_key_popover_get_key_type (PA_KEY_POPOVER (popover)), ==, PA_KEY_LINE);
  pa_key_popover_set_label (PA_KEY_POPOVER (popover), "Front desk");
  g_assert_true (pa_key_popover_apply (PA_KEY_POPOVER (popover)));
  g_assert_cmpstr (pa_key_get_label (doc_key (f, 0, 1)), ==, "Front desk");

  /* The context menu is a menu popover on the focused key (once the
   * answered one is gone). */
  pa_app_test_wait_until (popover_released, key_button (f, 0, 1));
  g_assert_true (gtk_widget_activate_action (face, "face.context-menu", NULL));
  g_assert_true (GTK_IS_POPOVER_MENU (pa_key_button_get_popover (key_button (f, 0, 1))));
  gtk_popover_popdown (GTK_POPOVER (pa_key_button_get_popover (key_button (f, 0, 1))));
  pa_app_test_wait_until (popover_released, key_button (f, 0, 1));

  /* Empty keys offer no cut or clear. */
  pa_phone_face_focus_key (f->face, PA_KEY_SLOT_INIT (0, 20));
  gtk_widget_activate_action (face, "face.cut", NULL);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (key_button (f, 0, 20)), "cut"));
  gtk_widget_activate_action (face, "face.clear", NULL);
  g_assert_null (doc_key (f, 0, 20));
}

static void
test_face_no_document (void)
{
  GtkWidget *face = pa_phone_face_new ();
  g_autoptr(PaLayoutDocument) doc = new_t54w_document (0);

  g_object_ref_sink (face);
  g_assert_null (pa_phone_face_get_document (PA_PHONE_FACE (face)));
  g_assert_cmpuint (pa_phone_face_get_n_pages (PA_PHONE_FACE (face), 0), ==, 1);
  g_assert_null (pa_phone_face_get_key_button (PA_PHONE_FACE (face), PA_KEY_SLOT_INIT (0, 1)));

  /* Swapping documents rebuilds: no sidecar in this one. */
  g_object_set (face, "document", doc, NULL);
  g_assert_nonnull (pa_phone_face_get_key_button (PA_PHONE_FACE (face), PA_KEY_SLOT_INIT (0, 1)));
  g_assert_null (pa_phone_face_get_key_button (PA_PHONE_FACE (face), PA_KEY_SLOT_INIT (1, 1)));
  pa_phone_face_set_document (PA_PHONE_FACE (face), NULL);
  g_assert_null (pa_phone_face_get_key_button (PA_PHONE_FACE (face), PA_KEY_SLOT_INIT (0, 1)));
  g_assert_finalize_object (face);
}

/* The face wraps its sidecars below the phone when narrow. */
static void
test_face_narrow (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *phone_key = GTK_WIDGET (key_button (f, 0, 1));
  GtkWidget *side_key = GTK_WIDGET (key_button (f, 1, 1));
  graphene_point_t phone, side;
  int nat;

  gtk_widget_measure (GTK_WIDGET (f->face), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &nat, NULL, NULL);
  pa_app_test_resize_window (GTK_WINDOW (f->window), nat + 40, 600);
  g_assert_true (gtk_widget_compute_point (phone_key, GTK_WIDGET (f->face),
                                           &GRAPHENE_POINT_INIT (0, 0), &phone));
  g_assert_true (gtk_widget_compute_point (side_key, GTK_WIDGET (f->face),
                                           &GRAPHENE_POINT_INIT (0, 0), &side));
  g_assert_cmpfloat (side.x, >, phone.x);
  g_assert_cmpfloat (fabs (side.y - phone.y), <, 80);

  pa_app_test_resize_window (GTK_WINDOW (f->window), 500, 600);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <, nat);
  g_assert_true (gtk_widget_compute_point (phone_key, GTK_WIDGET (f->face),
                                           &GRAPHENE_POINT_INIT (0, 0), &phone));
  g_assert_true (gtk_widget_compute_point (side_key, GTK_WIDGET (f->face),
                                           &GRAPHENE_POINT_INIT (0, 0), &side));
  g_test_message ("face %d nat %d: phone %g,%g sidecar %g,%g", gtk_widget_get_width (GTK_WIDGET (f->face)),
                  nat, phone.x, phone.y, side.x, side.y);
  g_assert_cmpfloat (side.y, >, phone.y + 100);
}

/* Draws the window with its own renderer: something is drawn, and with
 * PA_FACE_PNG set the picture is kept to be looked at. */
static void
test_face_render (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  const char *path = g_getenv ("PA_FACE_PNG");
  const char *width = g_getenv ("PA_FACE_WIDTH");
  int w, h;

  gtk_css_provider_load_from_resource (css, "/org/example/PhoneAdmin/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* A receptionist's phone: BLFs over the sidecar, one broken key. */
  for (guint i = 1; i <= 20; i++)
    {
      g_autofree char *ext = g_strdup_printf ("%u", 200 + i);
      g_autofree char *name = g_strdup_printf ("Agent %02u", i);

      pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (1, i), PA_KEY_BLF, ext,
                                  i == 1 ? "Anna Maria Gonzales-Smith" : name, 1);
    }
  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 4), PA_KEY_SPEED_DIAL, NULL, "Pizza", 1);
  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 5), PA_KEY_FEATURE_CODE, "*72", "DND", 1);
  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 6), PA_KEY_CONFERENCE, NULL, NULL, 1);
  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 7), PA_KEY_PARK_RETRIEVE, "700", NULL, 1);
  pa_layout_document_set_key (f->doc, PA_KEY_SLOT_INIT (0, 8), PA_KEY_CUSTOM, "x", "Door", 1);
  pa_phone_face_focus_key (f->face, PA_KEY_SLOT_INIT (0, 2));
  /* How an empty key looks while a drag hovers it. */
  gtk_widget_add_css_class (GTK_WIDGET (key_button (f, 0, 9)), "drop-accept");
  /* At its new size, with the keys and styles above drawn. */
  pa_app_test_resize_window (GTK_WINDOW (f->window), width != NULL ? atoi (width) : 1400, 900);

  w = gtk_widget_get_width (f->window);
  h = gtk_widget_get_height (f->window);
  paintable = gtk_widget_paintable_new (f->window);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, w);
  if (path != NULL)
    g_assert_true (gdk_texture_save_to_png (texture, path));

  /* The key popover, drawn on its own surface. */
  {
    GtkWidget *popover = pa_phone_face_edit_key (f->face, PA_KEY_SLOT_INIT (0, 2), PA_KEY_EMPTY);
    const char *popover_path = g_getenv ("PA_FACE_POPOVER_PNG");
    g_autoptr(GdkPaintable) pp = NULL;
    g_autoptr(GtkSnapshot) ps = gtk_snapshot_new ();
    g_autoptr(GskRenderNode) pnode = NULL;
    g_autoptr(GdkTexture) ptex = NULL;

    g_assert_true (PA_IS_KEY_POPOVER (popover));
    pa_app_test_wait_until (pa_app_test_widget_ready, popover);
    pa_app_test_wait_for_frames (2);
    w = gtk_widget_get_width (popover);
    h = gtk_widget_get_height (popover);
    g_assert_cmpint (w, >, 0);
    pp = gtk_widget_paintable_new (popover);
    gdk_paintable_snapshot (pp, ps, w, h);
    pnode = gtk_snapshot_free_to_node (g_steal_pointer (&ps));
    g_assert_nonnull (pnode);
    ptex = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (popover)), pnode,
                                        &GRAPHENE_RECT_INIT (0, 0, w, h));
    if (popover_path != NULL)
      g_assert_true (gdk_texture_save_to_png (ptex, popover_path));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (css));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add_func ("/phone-face/drag-source-boxed", test_drag_source_boxed);
  g_test_add_func ("/phone-face/no-document", test_face_no_document);
#define ADD(path, fn) \
  g_test_add ("/phone-face/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("pages", test_face_pages);
  ADD ("key-content", test_face_key_content);
  ADD ("key-error", test_face_key_error);
  ADD ("drop-palette", test_face_drop_palette);
  ADD ("drop-keys", test_face_drop_keys);
  ADD ("drop-agent", test_face_drop_agent);
  ADD ("drop-trash", test_face_drop_trash);
  ADD ("drop-rejected", test_face_drop_rejected);
  ADD ("keyboard", test_face_keyboard);
  ADD ("narrow", test_face_narrow);
  ADD ("render", test_face_render);
#undef ADD

  return g_test_run ();
}
