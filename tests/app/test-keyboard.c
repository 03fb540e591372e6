/* test-keyboard.c — keyboard-only use: Tab reaches every control, and the
 * main flows work by shortcuts, with real key events where X allows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The focus chain is walked with gtk_widget_child_focus (what Tab does);
 * the controls it must reach are found by the same tree walk as
 * test-accessibility (pa-a11y-walk.c). The flows (Ctrl+N, typing, Ctrl+S,
 * Escape, Ctrl+F, Delete) go through the X server with xdotool against a
 * real provd.
 */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>

#include "../server/pa-test-server.h"
#include "pa-a11y-walk.h"
#include "pa-credentials-dialog.h"
#include "pa-mac-entry.h"
#include "pa-memory-credential-store.h"
#include "pa-phone-editor.h"
#include "pa-phones-page.h"
#include "pa-scan-dialog.h"
#include "pa-window.h"
#include "pa-app-test.h"

#define TIMEOUT_SECONDS 20

static PaApplication *app;

typedef struct
{
  PaTestServer *server;
  PaConnection *connection;
  PaRepository *repo;
  PaWindow     *window;
} Fixture;

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds or @seconds pass. */
static gboolean
wait_until (Condition condition,
            gpointer  data,
            guint     seconds)
{
  return pa_app_test_poll_until (condition, data, seconds * 1000);
}

static gboolean
two_phones (gpointer repo)
{
  return g_list_model_get_n_items (pa_repository_get_phones (repo)) >= 2;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = pa_test_server_new ();
  pa_test_create (f->server, "agents", "{\"name\": \"Alice Martin\", \"extension\": \"201\"}");
  pa_test_create (f->server, "phones",
                  "{\"name\": \"Reception\", \"mac\": \"80:5E:C0:00:00:01\","
                  " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}");
  pa_test_create (f->server, "phones",
                  "{\"name\": \"Boardroom\", \"mac\": \"64:16:7F:3C:4D:10\","
                  " \"vendor\": \"polycom\", \"model\": \"polycom-vvx450\"}");

  f->connection = pa_app_test_connection_new ();
  f->window = g_object_new (PA_TYPE_WINDOW, "application", app,
                            "connection", f->connection, NULL);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1100, 700);
  gtk_window_present (GTK_WINDOW (f->window));
  pa_app_test_connect_sync (f->connection, f->server->url, f->server->token);
  f->repo = pa_connection_get_repository (f->connection);
  g_assert_true (wait_until (two_phones, f->repo, TIMEOUT_SECONDS));
  pa_app_test_wait_for_frames (5);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  pa_app_test_wait_for_frames (1);
  pa_connection_shutdown (f->connection);
  g_clear_object (&f->connection);
  pa_test_server_free (f->server);
}

static gboolean have_xdotool (void);
static void press_until (GtkWidget  *window,
                         const char *keys,
                         Condition   condition,
                         gpointer    data);

/* ---- the focus chain -------------------------------------------------- */

static gboolean
sibling_row_reached (GtkWidget  *row,
                     GHashTable *reached)
{
  for (GtkWidget *w = gtk_widget_get_first_child (gtk_widget_get_parent (row)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (w != row && g_hash_table_contains (reached, w))
      return TRUE;
  return FALSE;
}

/* Controls that are on screen but rightly not in the Tab chain. */
static const char *
exception_for (GtkWidget  *control,
               GHashTable *reached)
{
  /* A list box is one Tab stop; its other rows are a Down/Up away
   * (test_arrows_sidebar proves it for the sidebar). */
  if (GTK_IS_LIST_BOX_ROW (control) && sibling_row_reached (control, reached))
    return "reached with the arrow keys from a row Tab reaches";
  /* The title bar's close/minimise buttons: GTK keeps them out of the
   * chain by design; Escape and Ctrl+W close the window. */
  if (gtk_widget_get_ancestor (control, GTK_TYPE_WINDOW_CONTROLS) != NULL)
    return "window controls";
  /* An empty list has nothing to focus. */
  if (GTK_IS_COLUMN_VIEW (control)
      && g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (control)))) == 0)
    return "empty list";
  return NULL;
}

/* Presses Tab (as GTK does for it) until the focus comes round, and lists
 * every visible, sensitive control on screen it did not reach. */
static char *
list_unreached (GtkWidget  *root,
                const char *what)
{
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) controls = NULL;
  GString *missed = g_string_new (NULL);
  GtkWidget *first = NULL;
  guint n_stops = 0;

  gtk_root_set_focus (GTK_ROOT (root), NULL);
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;
      GtkWidget *control;

      if (!gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD))
        gtk_root_set_focus (GTK_ROOT (root), NULL);   /* wrap, as GtkWindow does */
      focus = gtk_root_get_focus (GTK_ROOT (root));
      if (focus == NULL)
        continue;
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      n_stops++;
      control = pa_a11y_control_for_focus (focus);
      if (control != NULL)
        g_hash_table_add (reached, control);
    }
  g_test_message ("%s: %u Tab stops", what, n_stops);
  g_assert_cmpuint (n_stops, >, 0);

  controls = pa_a11y_collect_controls (root, TRUE);
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);
      g_autofree char *path = NULL;
      const char *exception;

      if (!gtk_widget_is_sensitive (control) || g_hash_table_contains (reached, control))
        continue;
      exception = exception_for (control, reached);
      path = pa_a11y_describe (control);
      if (exception != NULL)
        {
          g_test_message ("not in the Tab chain (%s): %s", exception, path);
          continue;
        }
      g_string_append_printf (missed, "\n  Tab never reaches: %s", path);
    }
  return g_string_free (missed, FALSE);
}

static void
assert_tab_reaches_all (GtkWidget  *root,
                        const char *what)
{
  g_autofree char *missed = list_unreached (root, what);

  /* Fails the test but goes on, so one run lists every window's faults. */
  if (*missed != '\0')
    g_test_fail_printf ("%s:%s", what, missed);
}

static void
test_tab_main_window (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);

  assert_tab_reaches_all (window, "main window, Phones");
  g_object_set (pa_window_get_page (f->window, "phones"), "search-mode", TRUE, NULL);
  pa_app_test_wait_for_frames (10);
  assert_tab_reaches_all (window, "main window, Phones, searching");
  pa_window_set_section (f->window, "agents");
  pa_app_test_wait_for_frames (10);
  assert_tab_reaches_all (window, "main window, Agents");
}

static void
test_tab_phone_editor (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GObject) phone = g_list_model_get_item (pa_repository_get_phones (f->repo), 0);
  GtkWidget *editor = pa_phone_editor_new (GTK_WINDOW (f->window), f->repo, NULL);

  gtk_window_present (GTK_WINDOW (editor));
  pa_app_test_wait_for_frames (10);
  assert_tab_reaches_all (editor, "phone editor, new");
  gtk_window_destroy (GTK_WINDOW (editor));

  editor = pa_phone_editor_new (GTK_WINDOW (f->window), f->repo, PA_PHONE (phone));
  gtk_window_present (GTK_WINDOW (editor));
  pa_app_test_wait_for_frames (10);
  assert_tab_reaches_all (editor, "phone editor, edit");
  gtk_window_destroy (GTK_WINDOW (editor));
  pa_app_test_wait_for_frames (2);
}

static void
test_tab_scan_dialog (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *dialog = pa_scan_dialog_new (GTK_WINDOW (f->window), f->repo);

  gtk_window_present (GTK_WINDOW (dialog));
  pa_app_test_wait_for_frames (10);
  assert_tab_reaches_all (dialog, "scan dialog, empty");
  g_assert_nonnull (pa_scan_dialog_add_scan (PA_SCAN_DIALOG (dialog), "805EC0123401"));
  g_assert_nonnull (pa_scan_dialog_add_scan (PA_SCAN_DIALOG (dialog), "64167F3C4D22"));
  pa_app_test_wait_for_frames (10);
  assert_tab_reaches_all (dialog, "scan dialog, two scans");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pa_app_test_wait_for_frames (2);
}

static gboolean
section_is_agents (gpointer window)
{
  return g_strcmp0 (pa_window_get_section (window), "agents") == 0;
}

/* The sidebar's rows by real keys: Tab lands on a row, Down moves to the
 * next, and the section follows. */
static void
test_arrows_sidebar (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *sidebar = GTK_WIDGET (gtk_widget_get_template_child (window, PA_TYPE_WINDOW, "sidebar"));
  GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 0));

  if (!have_xdotool ())
    return;
  g_assert_cmpstr (pa_window_get_section (f->window), ==, "phones");
  gtk_widget_grab_focus (row);
  press_until (window, "Down", section_is_agents, window);
}

/* The checker must notice a control Tab cannot reach. */
static void
test_tab_checker (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *reachable = gtk_button_new_with_label ("Reachable");
  GtkWidget *unreachable = gtk_button_new_with_label ("Unreachable");
  g_autofree char *missed = NULL;

  gtk_widget_set_focusable (unreachable, FALSE);
  gtk_box_append (GTK_BOX (box), reachable);
  gtk_box_append (GTK_BOX (box), unreachable);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_for_frames (5);

  missed = list_unreached (window, "checker");
  g_assert_nonnull (strstr (missed, "Tab never reaches: GtkWindow > GtkBox > GtkButton"));
  /* Only the one: the reachable button was reached. */
  g_assert_null (strstr (strstr (missed, "Tab never reaches") + 1, "Tab never reaches"));
  gtk_widget_set_focusable (unreachable, TRUE);
  g_clear_pointer (&missed, g_free);
  missed = list_unreached (window, "checker");
  g_assert_cmpstr (missed, ==, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---- real keys through the X server ------------------------------------ */

static void
spawn_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
have_xdotool (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  GdkDisplay *display = gdk_display_get_default ();

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed (tools/deps.sh installs it)");
      return FALSE;
    }
  if (!GDK_IS_X11_DISPLAY (display))
    {
      g_test_skip ("needs an X server (run under xvfb-run)");
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Gives @window the X input focus (no window manager under Xvfb) and sends
 * it @action ("key" or "type") with @args: real events through the X
 * server, while the main loop runs so GTK sees them. */
static void
xdotool (GtkWidget  *window,
         const char *action,
         const char *arg)
{
  g_autofree char *program = g_find_program_in_path ("xdotool");
  g_autofree char *xid = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_assert_true (wait_until (is_mapped, window, TIMEOUT_SECONDS));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program,
                              "windowfocus", "--sync", xid,
                              action, "--delay", "20", arg, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, spawn_done_cb, &done);
  pa_app_test_wait_for_flag (&done);
}

/* Sends @keys until @condition holds: tests run two at a time on one
 * Xvfb, and another test's window can take the focus between our
 * "windowfocus" and the keys. */
static void
press_until (GtkWidget  *window,
             const char *keys,
             Condition   condition,
             gpointer    data)
{
  for (guint attempt = 0; attempt < 4; attempt++)
    {
      xdotool (window, "key", keys);
      if (wait_until (condition, data, 3))
        return;
      g_test_message ("%s: no effect yet (focus taken?), again", keys);
    }
  g_error ("Pressing %s on %s had no effect", keys, G_OBJECT_TYPE_NAME (window));
}

static GtkWidget *
find_visible_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (window))
        return window;
    }
  return NULL;
}

static gboolean
window_shown (gpointer type)
{
  return find_visible_window (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
window_gone (gpointer type)
{
  return find_visible_window (GPOINTER_TO_SIZE (type)) == NULL;
}

static GtkWidget *
focus_of (GtkWidget *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  GtkWidget  *window;
  GtkWidget  *target;
} FocusCheck;

static gboolean
focus_inside (gpointer data)
{
  FocusCheck *check = data;
  GtkWidget *focus = focus_of (check->window);

  return focus != NULL && (focus == check->target || gtk_widget_is_ancestor (focus, check->target));
}

/* Types @text into whatever has the focus; retyped if keys went astray. */
static void
type_into_focus (GtkWidget  *window,
                 GtkEditable *editable,
                 const char *text,
                 const char *expected)
{
  for (guint attempt = 0; attempt < 4; attempt++)
    {
      gtk_editable_set_text (editable, "");
      xdotool (window, "type", text);
      pa_app_test_wait_for_input ();
      if (g_strcmp0 (gtk_editable_get_text (editable), expected) == 0)
        return;
      g_test_message ("typed “%s”, got “%s”, again", text, gtk_editable_get_text (editable));
    }
  g_error ("Typing “%s” did not give “%s”", text, expected);
}

static gboolean
phone_named (gpointer data)
{
  Fixture *f = data;
  GListModel *phones = pa_repository_get_phones (f->repo);

  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (phones, i);

      if (g_strcmp0 (pa_phone_get_name (phone), "Keyboard Desk") == 0)
        return TRUE;
    }
  return FALSE;
}

/* Ctrl+N, type the name (the editor opens with it focused), Tab to the MAC
 * entry, type a MAC (the brand follows, a model is offered), Ctrl+S: the
 * phone is on the server and its credentials show; Escape closes them. */
static void
test_keys_add_phone (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *editor;
  GtkWidget *name_row;
  GtkWidget *mac_text;
  FocusCheck check;

  if (!have_xdotool ())
    return;

  press_until (window, "ctrl+n", window_shown, GSIZE_TO_POINTER (PA_TYPE_PHONE_EDITOR));
  editor = find_visible_window (PA_TYPE_PHONE_EDITOR);
  g_assert_true (wait_until (is_mapped, editor, TIMEOUT_SECONDS));
  pa_app_test_wait_for_frames (5);

  /* The first field has the focus: typing goes straight into the name. */
  name_row = GTK_WIDGET (gtk_widget_get_template_child (editor, PA_TYPE_PHONE_EDITOR, "name_row"));
  check = (FocusCheck) { editor, name_row };
  if (!focus_inside (&check))
    {
      g_autofree char *path = focus_of (editor) != NULL ? pa_a11y_describe (focus_of (editor)) : NULL;

      g_test_message ("the editor opened with the focus on %s", path);
    }
  g_assert_true (focus_inside (&check));
  type_into_focus (editor, GTK_EDITABLE (name_row), "Keyboard Desk", "Keyboard Desk");

  /* Tab, by real keys, until the MAC entry has the focus. */
  mac_text = pa_mac_entry_get_text_widget (PA_MAC_ENTRY (find_descendant (editor,
                                                                         PA_TYPE_MAC_ENTRY)));
  check = (FocusCheck) { editor, mac_text };
  for (guint i = 0; i < 20 && !focus_inside (&check); i++)
    {
      xdotool (editor, "key", "Tab");
      pa_app_test_wait_for_input ();
    }
  g_assert_true (focus_inside (&check));
  type_into_focus (editor, GTK_EDITABLE (mac_text), "805ec0aabb07", "80:5E:C0:AA:BB:07");

  press_until (editor, "ctrl+s", window_shown, GSIZE_TO_POINTER (PA_TYPE_CREDENTIALS_DIALOG));
  g_assert_true (wait_until (phone_named, f, TIMEOUT_SECONDS));
  g_assert_true (wait_until (window_gone, GSIZE_TO_POINTER (PA_TYPE_PHONE_EDITOR), TIMEOUT_SECONDS));

  /* Escape before the password was copied asks; Enter copies it and
   * closes. */
  press_until (find_visible_window (PA_TYPE_CREDENTIALS_DIALOG), "Escape",
               window_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  press_until (find_visible_window (ADW_TYPE_MESSAGE_DIALOG), "Return",
               window_gone, GSIZE_TO_POINTER (PA_TYPE_CREDENTIALS_DIALOG));
  {
    g_autofree char *copied = pa_app_test_read_clipboard (window);

    g_assert_nonnull (copied);
    g_assert_cmpuint (strlen (copied), >=, 12);
  }
}

static gboolean
focus_in_page (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *page = pa_window_get_page (PA_WINDOW (window), pa_window_get_section (PA_WINDOW (window)));

  return focus != NULL && gtk_widget_is_ancestor (focus, page);
}

static gboolean
focus_in_sidebar (gpointer window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  GtkWidget *sidebar = GTK_WIDGET (gtk_widget_get_template_child (window, PA_TYPE_WINDOW, "sidebar"));

  return focus != NULL && (focus == sidebar || gtk_widget_is_ancestor (focus, sidebar));
}

static gboolean
focus_left_sidebar (gpointer window)
{
  return !focus_in_sidebar (window) && gtk_root_get_focus (GTK_ROOT (window)) != NULL;
}

/* Tab from the sidebar leaves it for the page's side (the header's
 * buttons or the page), without switching sections. */
static void
test_tab_leaves_sidebar (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *sidebar = GTK_WIDGET (gtk_widget_get_template_child (window, PA_TYPE_WINDOW, "sidebar"));

  if (!have_xdotool ())
    return;
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 0)));
  g_assert_cmpstr (pa_window_get_section (f->window), ==, "phones");
  press_until (window, "Tab", focus_left_sidebar, window);
  g_assert_cmpstr (pa_window_get_section (f->window), ==, "phones");
}

/* F6 moves between the sidebar and the page, both ways, by real keys. */
static void
test_f6_panes (Fixture       *f,
               gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *sidebar = GTK_WIDGET (gtk_widget_get_template_child (window, PA_TYPE_WINDOW, "sidebar"));

  if (!have_xdotool ())
    return;
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (sidebar), 0)));
  press_until (window, "F6", focus_in_page, window);
  press_until (window, "F6", focus_in_sidebar, window);
  press_until (window, "shift+F6", focus_in_page, window);
}

static gboolean
searching (gpointer page)
{
  return pa_phones_page_get_search_mode (page);
}

static gboolean
not_searching (gpointer page)
{
  return !pa_phones_page_get_search_mode (page);
}

static gboolean
one_phone_listed (gpointer page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (pa_phones_page_get_selection (page))) == 1;
}

/* Ctrl+F opens the search with the entry focused; typing filters;
 * Escape closes it. */
static void
test_keys_search (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  PaPhonesPage *page = PA_PHONES_PAGE (pa_window_get_page (f->window, "phones"));
  GtkWidget *entry;
  FocusCheck check;

  if (!have_xdotool ())
    return;

  press_until (window, "ctrl+f", searching, page);
  entry = GTK_WIDGET (pa_a11y_control_for_focus (focus_of (window)));
  g_assert_true (GTK_IS_SEARCH_ENTRY (entry));
  check = (FocusCheck) { window, entry };
  g_assert_true (focus_inside (&check));
  type_into_focus (window, GTK_EDITABLE (entry), "recep", "recep");
  /* GtkSearchEntry waits a moment (its search-delay) before it filters. */
  g_assert_true (wait_until (one_phone_listed, page, TIMEOUT_SECONDS));

  press_until (window, "Escape", not_searching, page);
}

/* Delete on a selected row asks first; Escape there deletes nothing.
 * Escape closes the editor and the scan dialog. */
static void
test_keys_delete_and_escape (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  PaPhonesPage *page = PA_PHONES_PAGE (pa_window_get_page (f->window, "phones"));
  GtkColumnView *view = pa_phones_page_get_column_view (page);

  if (!have_xdotool ())
    return;

  gtk_selection_model_select_item (pa_phones_page_get_selection (page), 0, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  press_until (window, "Delete", window_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  press_until (find_visible_window (ADW_TYPE_MESSAGE_DIALOG), "Escape",
               window_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  pa_app_test_wait_for_frames (10);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_phones (f->repo)), ==, 2);

  gtk_widget_activate_action (window, "win.new-phone", NULL);
  g_assert_true (wait_until (window_shown, GSIZE_TO_POINTER (PA_TYPE_PHONE_EDITOR), TIMEOUT_SECONDS));
  press_until (find_visible_window (PA_TYPE_PHONE_EDITOR), "Escape",
               window_gone, GSIZE_TO_POINTER (PA_TYPE_PHONE_EDITOR));

  press_until (window, "ctrl+shift+s", window_shown, GSIZE_TO_POINTER (PA_TYPE_SCAN_DIALOG));
  press_until (find_visible_window (PA_TYPE_SCAN_DIALOG), "Escape",
               window_gone, GSIZE_TO_POINTER (PA_TYPE_SCAN_DIALOG));
}

/* ---- row context menus ------------------------------------------------ */

static GtkWidget *
open_row_menu (GtkWidget *view)
{
  for (GtkWidget *c = gtk_widget_get_first_child (view); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_POPOVER_MENU (c) && gtk_widget_get_visible (c))
      return c;
  return NULL;
}

static gboolean
row_menu_open (gpointer view)
{
  return open_row_menu (view) != NULL;
}

static gboolean
row_menu_closed (gpointer view)
{
  return open_row_menu (view) == NULL;
}

/* A real right click (button 3) on the middle of @widget. */
static void
right_click (GtkWidget *window,
             GtkWidget *widget)
{
  g_autofree char *program = g_find_program_in_path ("xdotool");
  g_autofree char *xid = NULL;
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  graphene_point_t p;
  double sx, sy;
  gboolean done = FALSE;

  g_assert_true (gtk_widget_compute_point (widget, window,
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.f,
                                                                 gtk_widget_get_height (widget) / 2.f),
                                           &p));
  gtk_native_get_surface_transform (GTK_NATIVE (window), &sx, &sy);
  x = g_strdup_printf ("%d", (int) (p.x + sx));
  y = g_strdup_printf ("%d", (int) (p.y + sy));
  xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_NONE, &error, program,
                              "windowfocus", "--sync", xid, "mousemove", "--window", xid, x, y,
                              "click", "3", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, spawn_done_cb, &done);
  pa_app_test_wait_for_flag (&done);
}

/* A row's actions in a context menu: Menu, Shift+F10 and a right click
 * open it; a right click on a row outside the selection selects it, and
 * the menu's Delete asks about that row. */
static void
test_row_context_menu (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  PaPhonesPage *page = PA_PHONES_PAGE (pa_window_get_page (f->window, "phones"));
  GtkWidget *view = GTK_WIDGET (pa_phones_page_get_column_view (page));
  GtkSelectionModel *selection = pa_phones_page_get_selection (page);
  GtkWidget *reception;

  if (!have_xdotool ())
    return;

  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_widget_grab_focus (view);
  press_until (window, "Menu", row_menu_open, view);
  g_assert_nonnull (pa_app_test_find_label (open_row_menu (view), "Edit"));
  g_assert_nonnull (pa_app_test_find_label (open_row_menu (view), "Delete…"));
  press_until (window, "Escape", row_menu_closed, view);
  press_until (window, "shift+F10", row_menu_open, view);
  press_until (window, "Escape", row_menu_closed, view);

  /* Sorted by name, Reception is the second row; Boardroom is selected. */
  reception = pa_app_test_find_label (view, "Reception");
  g_assert_nonnull (reception);
  right_click (window, reception);
  g_assert_true (wait_until (row_menu_open, view, TIMEOUT_SECONDS));
  g_assert_true (gtk_selection_model_is_selected (selection, 1));
  g_assert_false (gtk_selection_model_is_selected (selection, 0));
  /* As choosing the item does: the menu goes, then the action runs. */
  {
    GtkWidget *menu = open_row_menu (view);

    gtk_popover_popdown (GTK_POPOVER (menu));
    g_assert_true (wait_until (row_menu_closed, view, TIMEOUT_SECONDS));
    gtk_widget_activate_action (menu, "row.delete", NULL);
  }
  g_assert_true (wait_until (window_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG),
                             TIMEOUT_SECONDS));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (find_visible_window (ADW_TYPE_MESSAGE_DIALOG))),
                   ==, "Delete “Reception”?");
  press_until (find_visible_window (ADW_TYPE_MESSAGE_DIALOG), "Escape",
               window_gone, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_phones (f->repo)), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  app = pa_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/app/keyboard/tab-checker", test_tab_checker);
  g_test_add ("/app/keyboard/tab-main-window", Fixture, NULL, fixture_set_up,
              test_tab_main_window, fixture_tear_down);
  g_test_add ("/app/keyboard/tab-phone-editor", Fixture, NULL, fixture_set_up,
              test_tab_phone_editor, fixture_tear_down);
  g_test_add ("/app/keyboard/tab-scan-dialog", Fixture, NULL, fixture_set_up,
              test_tab_scan_dialog, fixture_tear_down);
  g_test_add ("/app/keyboard/tab-leaves-sidebar", Fixture, NULL, fixture_set_up,
              test_tab_leaves_sidebar, fixture_tear_down);
  g_test_add ("/app/keyboard/f6-panes", Fixture, NULL, fixture_set_up,
              test_f6_panes, fixture_tear_down);
  g_test_add ("/app/keyboard/arrows-sidebar", Fixture, NULL, fixture_set_up,
              test_arrows_sidebar, fixture_tear_down);
  g_test_add ("/app/keyboard/keys-add-phone", Fixture, NULL, fixture_set_up,
              test_keys_add_phone, fixture_tear_down);
  g_test_add ("/app/keyboard/keys-search", Fixture, NULL, fixture_set_up,
              test_keys_search, fixture_tear_down);
  g_test_add ("/app/keyboard/row-context-menu", Fixture, NULL, fixture_set_up,
              test_row_context_menu, fixture_tear_down);
  g_test_add ("/app/keyboard/keys-delete-and-escape", Fixture, NULL, fixture_set_up,
              test_keys_delete_and_escape, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
