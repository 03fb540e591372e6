/* test-key-drag.c — real pointer drags (and real key presses) on the phone
 * face under Xvfb, driven by xdotool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drags go through the X server, GDK's X11 drag protocol, the key's
 * GtkDragSource and the target's GtkDropTarget, so this is what a user's
 * mouse does. It needs no window manager (see TESTING.md). Each xdotool
 * step is its own command, and the next starts once GTK has handled the
 * events of the last, so GTK sees them as a hand would make them, not as
 * one burst.
 */
#include "config.h"

#include <adwaita.h>

#include "pa-app-test.h"
#include "pa-xdotool.h"
#include "pa-catalog.h"
#include "pa-phone-face.h"

typedef struct
{
  PaLayoutDocument *doc;
  GtkWidget        *window;
  PaPhoneFace      *face;
  GtkWidget        *palette;   /* stands in for the designer's palette row */
  GtkWidget        *trash;
  char             *title;
  int               win_x, win_y;
} Fixture;

static PaLayoutDocument *
new_document (void)
{
  PaDeviceModel *model = pa_catalog_get_model (pa_catalog_get_default (), "yealink-t54w");
  g_autoptr(PaLayout) layout = pa_layout_new ();
  g_autoptr(GListStore) keys = g_list_store_new (PA_TYPE_KEY);
  g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PaKey) line = pa_key_new (1, PA_KEY_LINE, NULL, "Reception", 1);
  g_autoptr(PaKey) blf = pa_key_new (2, PA_KEY_BLF, "202", "Anna", 1);
  PaModuleLayout *module = pa_module_layout_new ();

  pa_layout_set_model (layout, "yealink-t54w");
  g_list_store_append (keys, line);
  g_list_store_append (keys, blf);
  pa_layout_set_keys (layout, G_LIST_MODEL (keys));
  pa_module_layout_set_module (module, "yealink-exp50");
  g_ptr_array_add (modules, module);
  return pa_layout_document_new (model, layout, modules);
}

static GdkContentProvider *
palette_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    gpointer       user_data)
{
  PaDragSource drag = { .kind = PA_DRAG_KEY_TYPE, .key_type = PA_KEY_SPEED_DIAL };

  return pa_drag_source_content_new (&drag);
}

static gboolean
window_found (gpointer data)
{
  Fixture *f = data;
  g_autofree char *args = g_strdup_printf ("search --onlyvisible --name '^%s$'", f->title);
  g_autofree char *out = NULL;

  return pa_xdotool (args, &out) && out != NULL && *out != '\0';
}

static gboolean
laid_out (gpointer data)
{
  Fixture *f = data;

  return pa_app_test_widget_ready (f->face) && pa_app_test_widget_ready (f->palette)
         && pa_app_test_widget_ready (f->trash);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkDragSource *source = gtk_drag_source_new ();
  g_autofree char *args = NULL;
  g_autofree char *out = NULL;

  f->doc = new_document ();
  f->title = g_strdup_printf ("pa-key-drag-%d", (int) getpid ());
  f->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), f->title);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);

  f->palette = gtk_label_new ("Speed dial");
  gtk_widget_set_halign (f->palette, GTK_ALIGN_START);
  gtk_widget_set_size_request (f->palette, 120, 40);
  gtk_drag_source_set_actions (source, GDK_ACTION_COPY);
  g_signal_connect (source, "prepare", G_CALLBACK (palette_prepare_cb), NULL);
  gtk_widget_add_controller (f->palette, GTK_EVENT_CONTROLLER (source));
  gtk_box_append (GTK_BOX (box), f->palette);

  f->face = PA_PHONE_FACE (pa_phone_face_new ());
  pa_phone_face_set_document (f->face, f->doc);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->face));

  f->trash = pa_key_trash_new (f->face);
  gtk_widget_set_halign (f->trash, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), f->trash);

  gtk_window_set_child (GTK_WINDOW (f->window), box);
  gtk_window_present (GTK_WINDOW (f->window));

  pa_app_test_wait_until (window_found, f);
  pa_app_test_wait_until (laid_out, f);
  /* A few frames for the layout to settle before positions are read. */
  pa_app_test_wait_for_frames (3);

  args = g_strdup_printf ("search --onlyvisible --name '^%s$'", f->title);
  g_assert_true (pa_xdotool (args, &out));
  g_strstrip (out);
  pa_xdotool_window_position (out, &f->win_x, &f->win_y);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_object_add_weak_pointer (G_OBJECT (f->doc), (gpointer *) &f->doc);
  g_object_unref (f->doc);
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &f->doc);
  g_free (f->title);
}

/* The centre of @widget on the X screen. */
static void
screen_point (Fixture   *f,
              GtkWidget *widget,
              int       *x,
              int       *y)
{
  graphene_point_t p;
  double sx, sy;

  g_assert_true (gtk_widget_compute_point (widget, f->window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                 gtk_widget_get_height (widget) / 2.f),
                                           &p));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &sx, &sy);
  *x = f->win_x + (int) (sx + p.x);
  *y = f->win_y + (int) (sy + p.y);
}

static void
real_drag (Fixture   *f,
           GtkWidget *from,
           GtkWidget *to)
{
  int x0, y0, x1, y1;

  screen_point (f, from, &x0, &y0);
  screen_point (f, to, &x1, &y1);
  pa_xdotool_drag (x0, y0, x1, y1, from, to);
}

typedef struct
{
  PaLayoutDocument *doc;
  PaKeySlot         slot;
} SlotCheck;

static gboolean
slot_filled (gpointer data)
{
  SlotCheck *c = data;

  return pa_layout_document_get_key (c->doc, c->slot) != NULL;
}

static gboolean
slot_emptied (gpointer data)
{
  return !slot_filled (data);
}

static gboolean
has_key_popover (gpointer data)
{
  return PA_IS_KEY_POPOVER (pa_key_button_get_popover (data));
}

static GtkWidget *
key (Fixture *f,
     guint    surface,
     guint    index)
{
  PaKeyButton *k = pa_phone_face_get_key_button (f->face, PA_KEY_SLOT_INIT (surface, index));

  g_assert_nonnull (k);
  return GTK_WIDGET (k);
}

static void
test_drag_key_to_key (Fixture       *f,
                      gconstpointer  data)
{
  SlotCheck target = { f->doc, PA_KEY_SLOT_INIT (0, 7) };
  SlotCheck sidecar = { f->doc, PA_KEY_SLOT_INIT (1, 12) };
  PaKey *moved;

  /* Key 2 (a BLF) onto the empty key 7: a move. */
  real_drag (f, key (f, 0, 2), key (f, 0, 7));
  pa_app_test_wait_until (slot_filled, &target);
  moved = pa_layout_document_get_key (f->doc, target.slot);
  g_assert_cmpint (pa_key_get_key_type (moved), ==, PA_KEY_BLF);
  g_assert_cmpstr (pa_key_get_value (moved), ==, "202");
  g_assert_null (pa_layout_document_get_key (f->doc, PA_KEY_SLOT_INIT (0, 2)));
  g_assert_cmpstr (pa_key_button_get_text (PA_KEY_BUTTON (key (f, 0, 7))), ==, "Anna");

  /* Onto an occupied key: a swap (line 1 and the BLF trade places). */
  real_drag (f, key (f, 0, 1), key (f, 0, 7));
  pa_app_test_wait_until (slot_filled, &(SlotCheck) { f->doc, PA_KEY_SLOT_INIT (0, 1) });
  g_assert_cmpint (pa_key_get_key_type (pa_layout_document_get_key (f->doc, PA_KEY_SLOT_INIT (0, 1))),
                   ==, PA_KEY_BLF);
  g_assert_cmpint (pa_key_get_key_type (pa_layout_document_get_key (f->doc, PA_KEY_SLOT_INIT (0, 7))),
                   ==, PA_KEY_LINE);

  /* From the phone onto the sidecar. */
  real_drag (f, key (f, 0, 1), key (f, 1, 12));
  pa_app_test_wait_until (slot_filled, &sidecar);
  g_assert_null (pa_layout_document_get_key (f->doc, PA_KEY_SLOT_INIT (0, 1)));

  /* Out onto the trash: cleared. */
  real_drag (f, key (f, 1, 12), f->trash);
  pa_app_test_wait_until (slot_emptied, &sidecar);

  /* Every drag was one undo step. */
  for (guint i = 0; i < 4; i++)
    g_assert_true (pa_layout_document_undo (f->doc));
  g_assert_false (pa_layout_document_get_modified (f->doc));
}

static void
test_drag_palette_to_key (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *target = key (f, 0, 8);
  PaKeyPopover *popover;
  PaKey *k;

  real_drag (f, f->palette, target);
  pa_app_test_wait_until (has_key_popover, target);
  popover = PA_KEY_POPOVER (pa_key_button_get_popover (PA_KEY_BUTTON (target)));
  g_assert_cmpint (pa_key_popover_get_key_type (popover), ==, PA_KEY_SPEED_DIAL);
  g_assert_null (pa_layout_document_get_key (f->doc, PA_KEY_SLOT_INIT (0, 8)));

  pa_key_popover_set_value (popover, "5551234");
  pa_key_popover_set_label (popover, "Pizza");
  g_assert_true (pa_key_popover_apply (popover));
  k = pa_layout_document_get_key (f->doc, PA_KEY_SLOT_INIT (0, 8));
  g_assert_nonnull (k);
  g_assert_cmpint (pa_key_get_key_type (k), ==, PA_KEY_SPEED_DIAL);
  g_assert_cmpstr (pa_key_get_value (k), ==, "5551234");
}

static gboolean
key_focused (gpointer data)
{
  return gtk_widget_has_focus (data);
}

static void
wait_focus (GtkWidget *widget)
{
  PaKeySlot slot = pa_key_button_get_slot (PA_KEY_BUTTON (widget));

  g_test_message ("waiting for key %u to have the focus", slot.index);
  pa_app_test_wait_until (key_focused, widget);
}

/* Real key presses: arrows move the focus, Ctrl+X / Ctrl+V move a key. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  int x, y;
  SlotCheck pasted = { f->doc, PA_KEY_SLOT_INIT (0, 7) };

  screen_point (f, key (f, 0, 1), &x, &y);
  pa_xdotool_step ("mousemove %d %d", x, y);
  pa_xdotool_step ("click 1");
  wait_focus (key (f, 0, 1));

  pa_xdotool_step ("key Right");   /* the right column's first row: key 6 */
  wait_focus (key (f, 0, 6));
  pa_xdotool_step ("key Left");
  wait_focus (key (f, 0, 1));
  pa_xdotool_step ("key Down");
  wait_focus (key (f, 0, 2));

  pa_xdotool_step ("key ctrl+x");
  pa_xdotool_step ("key Right");   /* beside key 2: key 7 */
  wait_focus (key (f, 0, 7));
  pa_xdotool_step ("key ctrl+v");
  pa_app_test_wait_until (slot_filled, &pasted);
  g_assert_null (pa_layout_document_get_key (f->doc, PA_KEY_SLOT_INIT (0, 2)));
  g_assert_cmpstr (pa_key_get_label (pa_layout_document_get_key (f->doc, pasted.slot)), ==, "Anna");

  pa_xdotool_step ("key Delete");
  pa_app_test_wait_until (slot_emptied, &pasted);
  g_assert_true (pa_layout_document_undo (f->doc));
  g_assert_nonnull (pa_layout_document_get_key (f->doc, pasted.slot));
}

static void
skip_test (void)
{
  g_test_skip ("needs xdotool and an X11 display");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdotool_path = NULL;

  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  xdotool_path = g_find_program_in_path ("xdotool");
  if (xdotool_path == NULL || !pa_xdotool_is_x11 ())
    {
      /* Real pointer events need an X server and pa_xdotool (tools/deps.sh
       * installs both); without them there is nothing to drive. */
      g_test_add_func ("/key-drag/skipped", skip_test);
      return g_test_run ();
    }

#define ADD(path, fn) \
  g_test_add ("/key-drag/" path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("key-to-key", test_drag_key_to_key);
  ADD ("palette-to-key", test_drag_palette_to_key);
  ADD ("keyboard", test_keyboard);
#undef ADD

  return g_test_run ();
}
