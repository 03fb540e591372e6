/* test-designer-drag.c — real pointer drags and real key presses in the
 * real designer window under Xvfb (xdotool), checked on what provd stores
 * and on the config a phone fetches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nothing is mocked: a real provd, the app's PaClient/PaRepository, the
 * designer window with its own palette and face, and the X server's pointer
 * and keyboard. Each xdotool step is its own command with the main loop
 * running in between, so GTK sees the events as a hand would make them.
 * It moves the one real pointer, so meson runs it alone (is_parallel).
 */
#include "config.h"

#include <locale.h>

#include <adwaita.h>

#include "../server/pa-test-server.h"
#include "pa-app-test.h"
#include "pa-review-changes-dialog.h"
#include "pa-xdotool.h"
#include "pa-key-palette.h"
#include "pa-layout-designer.h"
#include "pa-mac.h"
#include "pa-phone-face.h"
#include "pa-repository.h"

#define UA_T54W    "Yealink SIP-T54W 96.86.0.100 "
#define PHONE_MAC  "80:5E:C0:00:00:41"
/* How long one drag may take to show its effect before it is tried again. */
#define DRAG_SETTLE_MS 3000
#define DRAG_TRIES     3

typedef struct
{
  PaTestServer     *server;
  PaClient         *client;
  PaRepository     *repo;
  gint64            layout_id;
  gint64            phone_id;
  char             *name;       /* the layout's, so the window's title */
  PaLayoutDesigner *designer;
  char             *xid;        /* the designer's X window, for xdotool */
  int               win_x, win_y;
} Fixture;

/* ---- xdotool ---------------------------------------------------------- */

/* ---- the window ------------------------------------------------------- */

/* The title is the layout's name, with "• " in front once modified. */
static char *
search_args (Fixture *f)
{
  return g_strdup_printf ("search --onlyvisible --name '%s$'", f->name);
}

static gboolean
window_found (gpointer data)
{
  Fixture *f = data;
  g_autofree char *args = search_args (f);
  g_autofree char *out = NULL;

  return pa_xdotool (args, &out) && out != NULL && *out != '\0';
}

static gboolean
designer_laid_out (gpointer data)
{
  Fixture *f = data;
  GtkWidget *face = pa_layout_designer_get_face (f->designer);
  GtkWidget *palette = pa_layout_designer_get_key_palette (f->designer);

  return gtk_widget_get_mapped (GTK_WIDGET (f->designer))
         && gtk_widget_get_mapped (face) && gtk_widget_get_width (face) > 0
         && gtk_widget_get_mapped (palette) && gtk_widget_get_width (palette) > 0;
}

static void
read_window_position (Fixture *f)
{
  g_autofree char *args = NULL;
  g_autofree char *out = NULL;

  args = search_args (f);
  g_assert_true (pa_xdotool (args, &out));
  g_strstrip (out);
  /* Only our window may carry this title. */
  g_assert_null (strchr (out, '\n'));
  g_free (f->xid);
  f->xid = g_strdup (out);
  pa_xdotool_window_position (f->xid, &f->win_x, &f->win_y);
}

/* The centre of @widget on the X screen. */
static void
screen_point (Fixture   *f,
              GtkWidget *widget,
              int       *x,
              int       *y)
{
  GtkWidget *window = GTK_WIDGET (f->designer);
  graphene_point_t p;
  double sx, sy;

  g_assert_true (gtk_widget_get_mapped (widget));
  g_assert_true (gtk_widget_compute_point (widget, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                 gtk_widget_get_height (widget) / 2.f),
                                           &p));
  /* Inside the window, not scrolled out of sight. */
  g_assert_cmpfloat (p.x, >=, 0);
  g_assert_cmpfloat (p.y, >=, 0);
  g_assert_cmpfloat (p.x, <, gtk_widget_get_width (window));
  g_assert_cmpfloat (p.y, <, gtk_widget_get_height (window));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  *x = f->win_x + (int) (sx + p.x);
  *y = f->win_y + (int) (sy + p.y);
}

/* One press-move-release, as a hand does it. */
static void
real_drag (Fixture   *f,
           GtkWidget *from,
           GtkWidget *to)
{
  int x0, y0, x1, y1;

  /* The window could have been moved (nothing should, but it is cheap). */
  read_window_position (f);
  screen_point (f, from, &x0, &y0);
  screen_point (f, to, &x1, &y1);
  pa_xdotool_drag (x0, y0, x1, y1, from, to);
}

/* Drags until @done holds: a drag the X server lost (focus taken, drag not
 * started in time) is tried again, a bounded number of times. */
static void
drag_until (Fixture            *f,
            GtkWidget          *from,
            GtkWidget          *to,
            PaAppTestCondition  done,
            gpointer            data)
{
  for (guint attempt = 1; attempt <= DRAG_TRIES; attempt++)
    {
      real_drag (f, from, to);
      if (pa_app_test_poll_until (done, data, DRAG_SETTLE_MS))
        return;
      g_test_message ("drag %u had no effect, again", attempt);
      /* A drag left half-done must not swallow the next press. */
      pa_xdotool_step ("key Escape");
    }
  g_assert_true (done (data));
}

/* ---- the face and the popover ----------------------------------------- */

static PaPhoneFace *
face_of (Fixture *f)
{
  return PA_PHONE_FACE (pa_layout_designer_get_face (f->designer));
}

static GtkWidget *
key_widget (Fixture *f,
            guint    index)
{
  PaKeyButton *key = pa_phone_face_get_key_button (face_of (f), PA_KEY_SLOT_INIT (0, index));

  g_assert_nonnull (key);
  return GTK_WIDGET (key);
}

static GtkWidget *
palette_row (Fixture   *f,
             PaKeyType  type)
{
  GtkWidget *row = pa_key_palette_get_row (PA_KEY_PALETTE (pa_layout_designer_get_key_palette (f->designer)),
                                           type);

  g_assert_nonnull (row);
  return row;
}

static PaKey *
doc_key (Fixture *f,
         guint    index)
{
  return pa_layout_document_get_key (pa_layout_designer_get_document (f->designer),
                                     PA_KEY_SLOT_INIT (0, index));
}

typedef struct
{
  Fixture   *f;
  guint      index;
  PaKeyType  type;
  const char *value;
} KeyCheck;

static gboolean
popover_open (gpointer data)
{
  KeyCheck *c = data;
  GtkWidget *popover = pa_key_button_get_popover (PA_KEY_BUTTON (key_widget (c->f, c->index)));

  return PA_IS_KEY_POPOVER (popover) && gtk_widget_get_mapped (popover);
}

static gboolean
key_holds (gpointer data)
{
  KeyCheck *c = data;
  PaKey *key = doc_key (c->f, c->index);

  return key != NULL && pa_key_get_key_type (key) == c->type
         && g_strcmp0 (pa_key_get_value (key), c->value) == 0;
}

static void
collect_entries (GtkWidget *widget,
                 GPtrArray *entries)
{
  if (GTK_IS_ENTRY (widget))
    {
      g_ptr_array_add (entries, widget);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_entries (child, entries);
}

typedef struct
{
  Fixture   *f;
  GtkWidget *widget;
  const char *text;
} FocusCheck;

static gboolean
focus_inside (gpointer data)
{
  FocusCheck *c = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (c->f->designer));

  return focus != NULL && (focus == c->widget || gtk_widget_is_ancestor (focus, c->widget));
}

static gboolean
entry_reads (gpointer data)
{
  FocusCheck *c = data;

  return g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (c->widget)), c->text) == 0;
}

/* Real key presses: Tab until @entry has the keyboard, then type. */
static void
type_into (Fixture    *f,
           GtkWidget  *entry,
           const char *text)
{
  FocusCheck c = { f, entry, text };

  /* Each step returns once GTK has handled its keys, so the focus has
   * moved by then. */
  for (guint i = 0; i < 8 && !focus_inside (&c); i++)
    pa_xdotool_step ("key Tab");
  g_assert_true (focus_inside (&c));
  pa_xdotool_step ("type --delay 30 '%s'", text);
  pa_app_test_wait_until (entry_reads, &c);
}

/* The popover a palette drop opened on @index: value, label, Enter. */
static void
fill_popover (Fixture    *f,
              guint       index,
              PaKeyType   type,
              const char *value,
              const char *label)
{
  GtkWidget *popover = pa_key_button_get_popover (PA_KEY_BUTTON (key_widget (f, index)));
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  KeyCheck applied = { f, index, type, value };

  g_assert_true (PA_IS_KEY_POPOVER (popover));
  g_assert_cmpint (pa_key_popover_get_key_type (PA_KEY_POPOVER (popover)), ==, type);
  collect_entries (popover, entries);
  /* Value, then label, in the popover's order. */
  g_assert_cmpuint (entries->len, ==, 2);

  type_into (f, g_ptr_array_index (entries, 0), value);
  type_into (f, g_ptr_array_index (entries, 1), label);
  pa_xdotool_step ("key Return");
  pa_app_test_wait_until (key_holds, &applied);
  g_assert_cmpstr (pa_key_get_label (doc_key (f, index)), ==, label);
}

/* ---- server side ------------------------------------------------------ */

static PaLayout *
fetch_layout (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PaResource *resource;

  pa_client_get_async (f->client, PA_TYPE_LAYOUT, f->layout_id, NULL,
                       pa_app_test_store_result_cb, &result);
  pa_app_test_wait_until (pa_app_test_result_arrived, &result);
  resource = pa_client_get_finish (f->client, result, &error);
  g_assert_no_error (error);
  g_assert_true (PA_IS_LAYOUT (resource));
  return PA_LAYOUT (resource);
}

/* What the phone fetches from its setup link, as a T54W would. */
static char *
fetch_device_config (Fixture *f)
{
  g_autoptr(PaTestResponse) phone = pa_test_get (f->server, "phones", f->phone_id);
  JsonObject *object = pa_test_response_object (phone);
  const char *mac = json_object_get_string_member (object, "mac");
  g_autofree char *compact = pa_mac_to_compact (mac);
  g_autofree char *lower_mac = g_ascii_strdown (mac, -1);
  g_autofree char *ua = g_strconcat (UA_T54W, lower_mac, NULL);
  g_autofree char *path = g_strdup_printf ("/p/%s/%s.cfg",
                                           json_object_get_string_member (object, "token"), compact);
  const char *headers[] = { "User-Agent", ua, NULL };
  g_autoptr(PaTestResponse) response = pa_test_request (f->server, "GET", path, NULL, NULL, 0,
                                                        FALSE, headers);

  g_assert_cmpuint (response->status, ==, 200);
  return g_strdup (response->text);
}

static void
assert_config_has (const char *config,
                   const char *line)
{
  if (strstr (config, line) == NULL)
    g_error ("the phone's config lacks “%s”:\n%s", line, config);
}

/* ---- fixture ---------------------------------------------------------- */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PaTestResponse) patched = NULL;
  PaResource *stored;

  f->server = pa_test_server_new ();
  f->name = g_strdup_printf ("pa-designer-drag-%d", (int) getpid ());
  body = g_strdup_printf ("{\"name\": \"%s\", \"model\": \"yealink-t54w\", \"keys\": ["
                          "{\"index\": 1, \"type\": \"line\", \"label\": \"Main\", \"line\": 1}]}",
                          f->name);
  f->layout_id = pa_test_create (f->server, "layouts", body);
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"name\": \"Front\", \"mac\": \"%s\", \"vendor\": \"yealink\","
                          " \"model\": \"yealink-t54w\"}", PHONE_MAC);
  f->phone_id = pa_test_create (f->server, "phones", body);
  g_clear_pointer (&body, g_free);
  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, f->phone_id);
  body = g_strdup_printf ("{\"layout_id\": %" G_GINT64_FORMAT "}", f->layout_id);
  patched = pa_test_api (f->server, "PATCH", path, body, "*");
  g_assert_cmpuint (patched->status, ==, 200);

  f->client = pa_client_new (f->server->url, f->server->token);
  f->repo = pa_repository_new (f->client);
  pa_app_test_refresh_sync (f->repo);
  stored = pa_repository_find (f->repo, PA_TYPE_LAYOUT, f->layout_id);
  g_assert_nonnull (stored);

  f->designer = PA_LAYOUT_DESIGNER (pa_layout_designer_new (NULL, f->repo, PA_LAYOUT (stored)));
  g_object_add_weak_pointer (G_OBJECT (f->designer), (gpointer *) &f->designer);
  /* Wide enough that the palettes sit beside the phone, not folded away. */
  gtk_window_set_default_size (GTK_WINDOW (f->designer), 1240, 820);
  gtk_window_present (GTK_WINDOW (f->designer));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->designer)), ==, f->name);

  pa_app_test_wait_until (window_found, f);
  pa_app_test_wait_until (designer_laid_out, f);
  /* A few frames for the layout to settle before positions are read. */
  pa_app_test_wait_for_frames (3);
  read_window_position (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->designer != NULL)
    {
      /* Saved by then; if a failed test left edits, drop them unasked. */
      pa_layout_document_mark_saved (pa_layout_designer_get_document (f->designer));
      gtk_window_destroy (GTK_WINDOW (f->designer));
      pa_app_test_wait_until (pa_app_test_pointer_cleared, &f->designer);
    }
  g_clear_object (&f->repo);
  g_clear_object (&f->client);
  g_free (f->xid);
  g_free (f->name);
  pa_test_server_free (f->server);
}

/* ---- the test --------------------------------------------------------- */

static gboolean
key_empty (gpointer data)
{
  KeyCheck *c = data;

  return doc_key (c->f, c->index) == NULL;
}

static gboolean
saved (gpointer data)
{
  Fixture *f = data;

  return !pa_layout_designer_get_saving (f->designer)
         && !pa_layout_document_get_modified (pa_layout_designer_get_document (f->designer))
         && pa_layout_designer_get_last_result (f->designer) != NULL;
}

static gboolean
review_loaded (gpointer data)
{
  PaReviewChangesDialog *dialog = pa_app_test_find_window (PA_TYPE_REVIEW_CHANGES_DIALOG);

  return dialog != NULL && g_strcmp0 (pa_review_changes_dialog_get_state (dialog), "loaded") == 0
         && gtk_window_is_active (GTK_WINDOW (dialog));
}

static void
assert_stored_key (GListModel *keys,
                   guint       index,
                   PaKeyType   type,
                   const char *value,
                   const char *label)
{
  PaKey *key = pa_key_list_find (keys, index);

  g_assert_nonnull (key);
  g_assert_cmpint (pa_key_get_key_type (key), ==, type);
  g_assert_cmpstr (pa_key_get_value (key), ==, value);
  g_assert_cmpstr (pa_key_get_label (key), ==, label);
}

static void
test_drag_and_save (Fixture       *f,
                    gconstpointer  data)
{
  KeyCheck popover2 = { f, 2, PA_KEY_BLF, NULL };
  KeyCheck popover7 = { f, 7, PA_KEY_SPEED_DIAL, NULL };
  KeyCheck moved = { f, 5, PA_KEY_BLF, "205" };
  KeyCheck swapped = { f, 5, PA_KEY_SPEED_DIAL, "5551234" };
  KeyCheck empty2 = { f, 2, PA_KEY_EMPTY, NULL };
  g_autoptr(PaLayout) stored = NULL;
  g_autofree char *config = NULL;
  GListModel *keys;

  g_assert_null (doc_key (f, 2));
  g_assert_null (doc_key (f, 5));
  g_assert_null (doc_key (f, 7));

  /* (1) The palette's BLF row onto the empty key 2: the popover asks;
   * value and label typed with real key presses, Enter applies. */
  drag_until (f, palette_row (f, PA_KEY_BLF), key_widget (f, 2), popover_open, &popover2);
  fill_popover (f, 2, PA_KEY_BLF, "205", "Reception");
  g_assert_cmpstr (pa_key_button_get_text (PA_KEY_BUTTON (key_widget (f, 2))), ==, "Reception");

  /* (2) Key 2 onto the empty key 5: a move. */
  drag_until (f, key_widget (f, 2), key_widget (f, 5), key_holds, &moved);
  g_assert_true (key_empty (&empty2));
  g_assert_cmpstr (pa_key_get_label (doc_key (f, 5)), ==, "Reception");

  /* (3) A speed dial from the palette onto key 7. */
  drag_until (f, palette_row (f, PA_KEY_SPEED_DIAL), key_widget (f, 7), popover_open, &popover7);
  fill_popover (f, 7, PA_KEY_SPEED_DIAL, "5551234", "Pizza");

  /* (4) Key 7 onto the occupied key 5: a swap. */
  drag_until (f, key_widget (f, 7), key_widget (f, 5), key_holds, &swapped);
  g_assert_cmpint (pa_key_get_key_type (doc_key (f, 7)), ==, PA_KEY_BLF);
  g_assert_cmpstr (pa_key_get_value (doc_key (f, 7)), ==, "205");
  g_assert_cmpstr (pa_key_get_label (doc_key (f, 7)), ==, "Reception");
  g_assert_cmpstr (pa_key_get_label (doc_key (f, 5)), ==, "Pizza");
  g_assert_true (pa_layout_document_get_modified (pa_layout_designer_get_document (f->designer)));
  g_assert_null (pa_layout_designer_get_save_blocker (f->designer));

  /* (5) Saved with a real Ctrl+S; the layout reaches a phone, so Review
   * Changes shows what its file would become, and a real Enter confirms. */
  pa_xdotool_step ("key ctrl+s");
  pa_app_test_wait_until (review_loaded, NULL);
  pa_xdotool_step ("key Return");
  pa_app_test_wait_until (saved, f);
  g_assert_cmpstr (pa_layout_designer_get_last_result (f->designer), ==,
                   "Saved. 1 phone will update on its next check");

  /* (6) What the server stores, through the app's own client. */
  stored = fetch_layout (f);
  keys = pa_layout_get_keys (stored);
  g_assert_cmpuint (g_list_model_get_n_items (keys), ==, 3);
  assert_stored_key (keys, 1, PA_KEY_LINE, NULL, "Main");
  assert_stored_key (keys, 5, PA_KEY_SPEED_DIAL, "5551234", "Pizza");
  assert_stored_key (keys, 7, PA_KEY_BLF, "205", "Reception");
  g_assert_null (pa_key_list_find (keys, 2));

  /* (7) And what the phone on that layout fetches: Yealink's codes. */
  config = fetch_device_config (f);
  assert_config_has (config, "linekey.7.type = 16\n");
  assert_config_has (config, "linekey.7.value = 205\n");
  assert_config_has (config, "linekey.7.label = Reception\n");
  assert_config_has (config, "linekey.5.type = 13\n");
  assert_config_has (config, "linekey.5.value = 5551234\n");
  assert_config_has (config, "linekey.1.type = 15\n");
  g_assert_null (strstr (config, "linekey.2.type = 16"));
}

/* ---- main ------------------------------------------------------------- */

static void
skip_no_xdotool (void)
{
  g_test_skip ("xdotool is not installed (tools/deps.sh installs it)");
}

static void
skip_no_x11 (void)
{
  g_test_skip ("needs an X11 display (run under Xvfb: tools/run-tests.sh)");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdotool_path = NULL;
  gboolean have_display;

  /* What gtk_test_init() does, except that a missing display is a skip
   * here rather than an exit. */
  g_test_init (&argc, &argv, NULL);
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  have_display = gtk_init_check ();
  if (have_display)
    pa_app_test_adw_init ();

  /* Real pointer events need an X server and xdotool; without them there
   * is nothing to drive. */
  xdotool_path = g_find_program_in_path ("xdotool");
  if (xdotool_path == NULL)
    g_test_add_func ("/app/designer-drag/skipped", skip_no_xdotool);
  else if (!have_display || !pa_xdotool_is_x11 ())
    g_test_add_func ("/app/designer-drag/skipped", skip_no_x11);
  else
    g_test_add ("/app/designer-drag/palette-move-swap-save", Fixture, NULL,
                fixture_set_up, test_drag_and_save, fixture_tear_down);

  return g_test_run ();
}
