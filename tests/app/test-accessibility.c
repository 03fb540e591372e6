/* test-accessibility.c — every control of every window has a name a
 * screen reader can read, against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each window is built as the app builds it, filled with real data (so the
 * column views have rows and their cells' buttons exist), and walked with
 * pa-a11y-walk.c. A failure lists each control without a name, with its
 * widget path and the .ui it comes from.
 *
 * GTK_A11Y=test: GTK's in-memory accessibility backend, which the
 * gtk_test_accessible_* checks read (with "none", which tests/meson.build
 * sets for the other tests, there is nothing to read).
 */
#include "config.h"

#include <adwaita.h>

#include "../server/pa-test-server.h"
#include "pa-a11y-walk.h"
#include "pa-agent-editor.h"
#include "pa-agents-page.h"
#include "pa-connect-dialog.h"
#include "pa-credentials-dialog.h"
#include "pa-memory-credential-store.h"
#include "pa-phone-editor.h"
#include "pa-phones-page.h"
#include "pa-scan-credential.h"
#include "pa-scan-credentials-dialog.h"
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

static gboolean
two_phones (gpointer repo)
{
  return g_list_model_get_n_items (pa_repository_get_phones (repo)) >= 2;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  gint64 agent;
  g_autofree char *phone = NULL;

  f->server = pa_test_server_new ();
  agent = pa_test_create (f->server, "agents",
                          "{\"name\": \"Alice Martin\", \"extension\": \"201\"}");
  pa_test_create (f->server, "agents", "{\"name\": \"Bob Stone\", \"extension\": \"202\"}");
  phone = g_strdup_printf ("{\"name\": \"Reception\", \"mac\": \"80:5E:C0:00:00:01\","
                           " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\","
                           " \"agent_id\": %" G_GINT64_FORMAT "}", agent);
  pa_test_create (f->server, "phones", phone);
  pa_test_create (f->server, "phones",
                  "{\"name\": \"Boardroom\", \"mac\": \"64:16:7F:3C:4D:10\","
                  " \"vendor\": \"polycom\", \"model\": \"polycom-vvx450\"}");

  f->connection = pa_app_test_connection_new ();
  f->window = g_object_new (PA_TYPE_WINDOW, "application", app,
                            "connection", f->connection, NULL);
  gtk_window_present (GTK_WINDOW (f->window));
  pa_app_test_connect_sync (f->connection, f->server->url, f->server->token);
  f->repo = pa_connection_get_repository (f->connection);
  g_assert_nonnull (f->repo);
  pa_app_test_wait_until (two_phones, f->repo);
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

/* The check itself: every control under @root has a name. */
static void
assert_all_named (GtkWidget  *root,
                  const char *what)
{
  g_autoptr(GPtrArray) controls = pa_a11y_collect_controls (root, FALSE);
  g_autofree char *unnamed = pa_a11y_list_unnamed (root);

  g_test_message ("%s: %u controls", what, controls->len);
  for (guint i = 0; g_test_verbose () && i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);
      g_autofree char *path = pa_a11y_describe (control);

      g_test_message ("  %s: %s", pa_a11y_get_name_source (control), path);
    }
  /* A walk that found nothing would pass anything. */
  g_assert_cmpuint (controls->len, >, 0);
  /* Fails the test but goes on, so one run lists every window's faults. */
  if (*unnamed != '\0')
    g_test_fail_printf ("%s: controls a screen reader cannot name:%s", what, unnamed);
}

static PaResource *
first_item (GListModel *model)
{
  g_autoptr(GObject) item = g_list_model_get_item (model, 0);

  g_assert_nonnull (item);
  return PA_RESOURCE (item);   /* the store keeps it */
}

static void
present_and_check (GtkWidget  *window,
                   const char *what)
{
  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_for_frames (10);
  assert_all_named (window, what);
  gtk_window_destroy (GTK_WINDOW (window));
  pa_app_test_wait_for_frames (2);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strstr (text, "no accessible name"); p != NULL;
       p = strstr (p + 1, "no accessible name"))
    n++;
  return n;
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

/* Checks the message dialog an action opened, then closes it unanswered. */
static void
check_message_dialog (const char *what)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_SECONDS * G_TIME_SPAN_SECOND;
  GtkWidget *dialog;

  while ((dialog = find_visible_window (ADW_TYPE_MESSAGE_DIALOG)) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  pa_app_test_wait_for_frames (5);
  assert_all_named (dialog, what);
  gtk_window_destroy (GTK_WINDOW (dialog));
  pa_app_test_wait_for_frames (2);
}

/* ---- the checker itself ----------------------------------------------- */

/* The checker must see a nameless icon button, and accept each kind of
 * name; otherwise the other tests prove nothing. */
static void
test_checker (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *nameless = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *labelled = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *tooltip = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *text = gtk_button_new_with_label ("Add");
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *label = gtk_label_new ("Name");
  GtkWidget *by = gtk_entry_new ();
  GtkWidget *hidden = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *untitled = adw_action_row_new ();
  GtkWidget *titled = adw_action_row_new ();
  g_autofree char *unnamed = NULL;

  g_object_ref_sink (box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (labelled), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  "Add", -1);
  gtk_widget_set_tooltip_text (tooltip, "Add");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (by), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  gtk_widget_set_visible (hidden, FALSE);
  gtk_box_append (GTK_BOX (box), nameless);
  gtk_box_append (GTK_BOX (box), labelled);
  gtk_box_append (GTK_BOX (box), tooltip);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), by);
  gtk_box_append (GTK_BOX (box), hidden);
  /* libadwaita points a row at its title label even when that is empty. */
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (untitled), TRUE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (titled), TRUE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (titled), "Phones");
  gtk_list_box_append (GTK_LIST_BOX (list), untitled);
  gtk_list_box_append (GTK_LIST_BOX (list), titled);
  gtk_box_append (GTK_BOX (box), list);

  g_assert_null (pa_a11y_get_name_source (nameless));
  g_assert_cmpstr (pa_a11y_get_name_source (labelled), ==, "label property");
  g_assert_cmpstr (pa_a11y_get_name_source (tooltip), ==, "tooltip");
  /* GTK itself sets the label property from a button's text. */
  g_assert_nonnull (pa_a11y_get_name_source (text));
  g_assert_null (pa_a11y_get_name_source (entry));
  g_assert_cmpstr (pa_a11y_get_name_source (by), ==, "labelled-by relation");
  g_assert_null (pa_a11y_get_name_source (untitled));
  g_assert_cmpstr (pa_a11y_get_name_source (titled), ==, "row title");

  unnamed = pa_a11y_list_unnamed (box);
  g_assert_nonnull (strstr (unnamed, "GtkBox > GtkButton"));
  g_assert_nonnull (strstr (unnamed, "GtkBox > GtkEntry"));
  g_assert_nonnull (strstr (unnamed, "GtkListBox > AdwActionRow"));
  /* Three: the icon button, the bare entry, the untitled row; the hidden
   * button is skipped. */
  g_assert_cmpuint (count_lines (unnamed), ==, 3);
  g_object_unref (box);
}

/* ---- the windows ------------------------------------------------------ */

static void
test_main_window (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);

  assert_all_named (window, "main window, Phones");

  g_object_set (pa_window_get_page (f->window, "phones"), "search-mode", TRUE, NULL);
  pa_app_test_wait_for_frames (5);
  assert_all_named (window, "main window, Phones, searching");
  g_object_set (pa_window_get_page (f->window, "phones"), "search-mode", FALSE, NULL);

  pa_window_set_section (f->window, "agents");
  g_object_set (pa_window_get_page (f->window, "agents"), "search-mode", TRUE, NULL);
  pa_app_test_wait_for_frames (5);
  assert_all_named (window, "main window, Agents");

  /* The delete confirmation (Delete on a row). */
  pa_window_set_section (f->window, "phones");
  gtk_widget_activate_action (window, "win.delete-phone", "x",
                              pa_resource_get_id (first_item (pa_repository_get_phones (f->repo))));
  check_message_dialog ("delete phone confirmation");

  /* Folded (narrow): the back button appears. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  pa_app_test_wait_for_frames (10);
  assert_all_named (window, "main window, narrow");
}

static void
test_phone_editor_new (Fixture       *f,
                       gconstpointer  data)
{
  present_and_check (pa_phone_editor_new (GTK_WINDOW (f->window), f->repo, NULL),
                     "phone editor, new");
}

static void
test_phone_editor_edit (Fixture       *f,
                        gconstpointer  data)
{
  PaResource *phone = first_item (pa_repository_get_phones (f->repo));

  GtkWidget *editor = pa_phone_editor_new (GTK_WINDOW (f->window), f->repo, PA_PHONE (phone));

  gtk_window_present (GTK_WINDOW (editor));
  pa_app_test_wait_for_frames (10);
  assert_all_named (editor, "phone editor, edit");

  /* "New password…" asks for REGENERATE in an entry of its own. */
  gtk_widget_activate_action (editor, "editor.new-password", NULL);
  check_message_dialog ("new SIP password dialog");
  gtk_window_destroy (GTK_WINDOW (editor));
  pa_app_test_wait_for_frames (2);
}

static void
test_agent_editor (Fixture       *f,
                   gconstpointer  data)
{
  GListModel *agents = pa_repository_get_agents (f->repo);

  present_and_check (pa_agent_editor_new (GTK_WINDOW (f->window), f->repo, NULL),
                     "agent editor, new");
  /* Each agent: one has a phone (its row and Unassign button), one not. */
  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PaAgent) agent = g_list_model_get_item (agents, i);

      present_and_check (pa_agent_editor_new (GTK_WINDOW (f->window), f->repo, agent),
                         "agent editor, edit");
    }
}

static void
test_credentials_dialog (Fixture       *f,
                         gconstpointer  data)
{
  present_and_check (pa_credentials_dialog_new (GTK_WINDOW (f->window),
                                                "http://127.0.0.1:8080/p/abc/",
                                                "1001", "s3cret-Pa55"),
                     "credentials dialog, new phone");
  present_and_check (pa_credentials_dialog_new (GTK_WINDOW (f->window),
                                                "http://127.0.0.1:8080/p/abc/",
                                                "1001", NULL),
                     "credentials dialog, no password");
}

static void
test_scan_dialog (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *dialog = pa_scan_dialog_new (GTK_WINDOW (f->window), f->repo);

  gtk_window_present (GTK_WINDOW (dialog));
  pa_app_test_wait_for_frames (5);
  assert_all_named (dialog, "scan dialog, empty");

  /* Rows bring their own model drop-down, agent and remove button. */
  g_assert_nonnull (pa_scan_dialog_add_scan (PA_SCAN_DIALOG (dialog), "805EC0123401"));
  g_assert_nonnull (pa_scan_dialog_add_scan (PA_SCAN_DIALOG (dialog), "64167F3C4D22"));
  pa_app_test_wait_for_frames (10);
  assert_all_named (dialog, "scan dialog, two scans");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pa_app_test_wait_for_frames (2);
}

static void
test_scan_credentials (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GListStore) credentials = g_list_store_new (PA_TYPE_SCAN_CREDENTIAL);
  g_autoptr(PaScanCredential) one =
    pa_scan_credential_new (1, "Desk 1", "80:5E:C0:12:34:01", "http://127.0.0.1/p/a/",
                            "1001", "pw-one");
  g_autoptr(PaScanCredential) two =
    pa_scan_credential_new (2, "Desk 2", "80:5E:C0:12:34:02", "http://127.0.0.1/p/b/",
                            "1002", "pw-two");

  g_list_store_append (credentials, one);
  g_list_store_append (credentials, two);
  present_and_check (pa_scan_credentials_dialog_new (GTK_WINDOW (f->window),
                                                     G_LIST_MODEL (credentials)),
                     "scan credentials summary");
}

static void
test_connect_dialog (Fixture       *f,
                     gconstpointer  data)
{
  present_and_check (pa_connect_dialog_new (GTK_WINDOW (f->window), f->connection),
                     "connect dialog");
}

/* The overlay GtkApplication gives the window (Ctrl+?), as the user sees it. */
static void
test_shortcuts_window (Fixture       *f,
                       gconstpointer  data)
{
  GtkShortcutsWindow *overlay =
    gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));

  g_assert_nonnull (overlay);
  gtk_window_present (GTK_WINDOW (overlay));
  pa_app_test_wait_for_frames (10);
  assert_all_named (GTK_WIDGET (overlay), "shortcuts window");
  gtk_widget_set_visible (GTK_WIDGET (overlay), FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* Read once, when the first widget is made: before gtk_test_init. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  app = pa_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/app/accessibility/checker", test_checker);
  g_test_add ("/app/accessibility/main-window", Fixture, NULL, fixture_set_up,
              test_main_window, fixture_tear_down);
  g_test_add ("/app/accessibility/phone-editor-new", Fixture, NULL, fixture_set_up,
              test_phone_editor_new, fixture_tear_down);
  g_test_add ("/app/accessibility/phone-editor-edit", Fixture, NULL, fixture_set_up,
              test_phone_editor_edit, fixture_tear_down);
  g_test_add ("/app/accessibility/agent-editor", Fixture, NULL, fixture_set_up,
              test_agent_editor, fixture_tear_down);
  g_test_add ("/app/accessibility/credentials-dialog", Fixture, NULL, fixture_set_up,
              test_credentials_dialog, fixture_tear_down);
  g_test_add ("/app/accessibility/scan-dialog", Fixture, NULL, fixture_set_up,
              test_scan_dialog, fixture_tear_down);
  g_test_add ("/app/accessibility/scan-credentials", Fixture, NULL, fixture_set_up,
              test_scan_credentials, fixture_tear_down);
  g_test_add ("/app/accessibility/connect-dialog", Fixture, NULL, fixture_set_up,
              test_connect_dialog, fixture_tear_down);
  g_test_add ("/app/accessibility/shortcuts-window", Fixture, NULL, fixture_set_up,
              test_shortcuts_window, fixture_tear_down);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
