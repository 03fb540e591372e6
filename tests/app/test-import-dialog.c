/* test-import-dialog.c — Import from CSV… against a real provd: the dry
 * run's rows with their lines and errors, the import, the passwords shown
 * once, and a failed request that loses nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The files are real files in a temporary folder, read by the dialog as
 * a chosen file is (pa_import_dialog_load_file() is what the chooser's
 * answer runs). GTK_A11Y=test: the rows' accessible names and states are
 * read from GTK's in-memory accessibility backend.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "../server/pa-test-server.h"
#include "pa-a11y-walk.h"
#include "pa-app-test.h"
#include "pa-client-import.h"
#include "pa-import-dialog.h"
#include "pa-scan-credential.h"
#include "pa-scan-credentials-dialog.h"

typedef struct
{
  PaTestServer   *server;
  PaRepository   *repo;
  GtkWindow      *parent;
  PaImportDialog *dialog;
  char           *folder;
  gint64          alice;
} Fixture;

/* Whether @window is still one of the app's windows: closed (destroyed),
 * it is not, though the fixture's reference keeps the object. */
static gboolean
is_open (gpointer window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (item == window)
        return TRUE;
    }
  return FALSE;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = pa_test_server_new ();
  f->alice = pa_test_create (f->server, "agents",
                             "{\"name\": \"Alice Martin\", \"extension\": \"1001\"}");
  f->repo = pa_app_test_repository_new (f->server->url, f->server->token);
  f->folder = g_dir_make_tmp ("pa-import-XXXXXX", &error);
  g_assert_no_error (error);

  f->parent = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (f->parent, 1000, 700);
  gtk_window_present (f->parent);
  f->dialog = PA_IMPORT_DIALOG (pa_import_dialog_new (f->parent, f->repo));
  g_object_ref_sink (f->dialog);
  gtk_window_present (GTK_WINDOW (f->dialog));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *argv[] = { "rm", "-rf", f->folder, NULL };

  if (is_open (f->dialog))
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_assert_finalize_object (f->dialog);
  pa_app_test_close_all_dialogs ();
  gtk_window_destroy (f->parent);
  g_assert_finalize_object (f->repo);
  pa_test_server_free (f->server);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
  g_free (f->folder);
}

/* ---- helpers -------------------------------------------------------- */

static GFile *
write_csv (Fixture    *f,
           const char *name,
           const char *csv)
{
  g_autofree char *path = g_build_filename (f->folder, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, csv, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static gboolean
not_busy (gpointer dialog)
{
  return !pa_import_dialog_get_busy (dialog);
}

/* Chooses @csv as the user would, and waits for the server's check. */
static void
load (Fixture    *f,
      const char *csv)
{
  g_autoptr(GFile) file = write_csv (f, "phones.csv", csv);

  pa_import_dialog_load_file (f->dialog, file);
  g_assert_true (pa_import_dialog_get_busy (f->dialog));
  g_assert_cmpstr (pa_import_dialog_get_state (f->dialog), ==, "checking");
  pa_app_test_wait_until (not_busy, f->dialog);
}

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return pa_app_test_template_child (f->dialog, name);
}

/* Whether the dialog's focus is on @name, whichever window the X server
 * has active (tests run side by side). */
static gboolean
focused (Fixture    *f,
         const char *name)
{
  return gtk_root_get_focus (GTK_ROOT (f->dialog)) == child (f, name);
}

static PaImportRow *
row_at (Fixture *f,
        guint    i)
{
  g_autoptr(PaImportRow) row = g_list_model_get_item (pa_import_dialog_get_rows (f->dialog), i);

  return row;   /* the store keeps it */
}

static void
run_import (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.run", NULL);
  g_assert_true (pa_import_dialog_get_busy (f->dialog));
  /* While the server works, Import is off and a spinner says why. */
  g_assert_false (gtk_widget_is_sensitive (child (f, "import_button")));
  g_assert_true (gtk_widget_get_visible (child (f, "spinner")));
  pa_app_test_wait_until (not_busy, f->dialog);
}

/* The row widget of the list that shows @text, or NULL. */
static GtkWidget *
row_showing (Fixture    *f,
             const char *text)
{
  GtkWidget *label = pa_app_test_find_label (child (f, "rows_view"), text);

  while (label != NULL && gtk_widget_get_parent (label) != child (f, "rows_view"))
    label = gtk_widget_get_parent (label);
  return label;
}

static const char bad_mac_csv[] =
  "MAC,Model,Name,Agent\r\n"
  "80:5E:C0:00:00:01,Yealink T54W,Reception,1001\r\n"
  "80:5E:C0:00:00:ZZ,yealink-t54w,Desk 2,\r\n"
  "0004f2000003,Polycom VVX 450,Boardroom,\r\n";

static const char good_csv[] =
  "MAC,Model,Name,Agent\r\n"
  "80:5E:C0:00:00:01,Yealink T54W,Reception,1001\r\n"
  "80-5e-c0-00-00-02,yealink-t54w,\"Desk 2, upstairs\",\r\n"
  "0004f2000003,Polycom VVX 450,Boardroom,\r\n";

/* ---- the tests ------------------------------------------------------ */

static void
test_starts_empty (Fixture       *f,
                   gconstpointer  data)
{
  pa_app_test_wait_until (pa_app_test_widget_ready, f->dialog);
  g_assert_cmpstr (pa_import_dialog_get_state (f->dialog), ==, "choose");
  g_assert_false (gtk_widget_is_sensitive (child (f, "import_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "import_button")), ==,
                   "Choose a CSV file first");
  /* The one thing to do first has the focus. */
  pa_app_test_wait_for_frames (2);
  g_assert_true (focused (f, "choose_button"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->dialog), "import-dialog-choose.png");

  /* Choosing opens a file chooser, once. */
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.choose-file", NULL);
  g_assert_nonnull (pa_import_dialog_get_chooser (f->dialog));
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (pa_import_dialog_get_chooser (f->dialog)));
}

/* One bad row: it shows with its line and the server's message, marked as
 * an error (for the eye and the screen reader); Import stays off and
 * nothing reaches the server. */
static void
test_bad_row (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *bad;
  GtkWidget *good;
  const char *message;

  load (f, bad_mac_csv);
  g_assert_cmpstr (pa_import_dialog_get_state (f->dialog), ==, "rows");
  g_assert_null (pa_import_dialog_get_error (f->dialog));
  g_assert_cmpuint (g_list_model_get_n_items (pa_import_dialog_get_rows (f->dialog)), ==, 3);

  g_assert_null (pa_import_row_get_error (row_at (f, 0)));
  g_assert_cmpuint (pa_import_row_get_line (row_at (f, 0)), ==, 2);
  g_assert_cmpint (pa_import_row_get_agent_id (row_at (f, 0)), ==, f->alice);
  message = pa_import_row_get_error (row_at (f, 1));
  g_assert_nonnull (message);
  g_test_message ("the server says: %s", message);
  g_assert_cmpuint (pa_import_row_get_line (row_at (f, 1)), ==, 3);
  g_assert_true (g_str_has_prefix (message, "Line 3"));
  g_assert_cmpstr (pa_import_row_get_error_field (row_at (f, 1)), ==, "mac");

  g_assert_cmpstr (pa_import_dialog_get_summary (f->dialog), ==,
                   "2 phones ready, 1 row with errors — fix the file and choose it again");
  g_assert_nonnull (pa_app_test_find_label (GTK_WIDGET (f->dialog),
                                            pa_import_dialog_get_summary (f->dialog)));

  /* Import is off and says why; forcing it does nothing. */
  g_assert_false (gtk_widget_is_sensitive (child (f, "import_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "import_button")), ==,
                   "Fix the row with errors in the file, then choose it again");
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.run", NULL);
  g_assert_false (pa_import_dialog_get_busy (f->dialog));
  g_assert_true (focused (f, "choose_again_button"));

  /* The rows as shown: the error in the error style, its row marked
   * invalid and named with its line and the message. */
  pa_app_test_wait_for_frames (3);
  bad = row_showing (f, message);
  good = row_showing (f, "80:5E:C0:00:00:01");
  g_assert_nonnull (bad);
  g_assert_nonnull (good);
  g_assert_true (gtk_widget_has_css_class (pa_app_test_find_label (bad, message), "error"));
  g_assert_nonnull (pa_app_test_find_label (bad, "Line 3"));
  g_assert_nonnull (pa_app_test_find_label (good, "Ready"));
  g_assert_nonnull (pa_app_test_find_label (good, "Yealink T54W"));
  g_assert_nonnull (pa_app_test_find_label (good, "Reception"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (bad), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_TRUE);
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (good), GTK_ACCESSIBLE_STATE_INVALID,
                                    GTK_ACCESSIBLE_INVALID_FALSE);
  {
    g_autofree char *name = g_strdup_printf ("Line 3, Yealink T54W, Desk 2: %s", message);

    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (bad), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         name);
    gtk_test_accessible_assert_property (GTK_ACCESSIBLE (good), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                         "Line 2, 80:5E:C0:00:00:01, Yealink T54W, Reception: "
                                         "Ready");
  }

  /* Only the rows with errors, when asked. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (f, "errors_only_button")), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (child (f, "rows_view"))))),
                    ==, 1);
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->dialog), "import-dialog-errors-only.png");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (f, "errors_only_button")), FALSE);
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->dialog), "import-dialog-errors.png");

  g_assert_cmpint (pa_test_total_of (f->server, "phones"), ==, 0);
  g_assert_cmpint (pa_test_total_of (f->server, "sip-accounts"), ==, 0);

  /* Fixed and chosen again: ready. */
  load (f, good_csv);
  g_assert_cmpstr (pa_import_dialog_get_summary (f->dialog), ==, "3 phones ready to import");
  g_assert_true (gtk_widget_is_sensitive (child (f, "import_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (f, "import_button"))), ==,
                   "_Import 3 Phones");
  g_assert_false (gtk_widget_get_visible (child (f, "errors_only_button")));
  g_assert_true (focused (f, "import_button"));
}

static gboolean
summary_shown (gpointer dialog)
{
  GtkWidget *summary = pa_import_dialog_get_credentials_dialog (dialog);

  return summary != NULL && gtk_widget_get_mapped (summary);
}

/* The import writes every row; the list gives way to the new phones'
 * passwords, one per phone, in scan mode's summary. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  GListModel *credentials;
  GtkWidget *summary;

  load (f, good_csv);
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->dialog), "import-dialog-ready.png");
  run_import (f);

  g_assert_null (pa_import_dialog_get_error (f->dialog));
  g_assert_cmpstr (pa_import_dialog_get_state (f->dialog), ==, "done");
  g_assert_false (gtk_widget_get_visible (child (f, "import_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (f, "close_button"))), ==, "_Close");

  /* On the server, as the file says. */
  g_assert_cmpint (pa_test_total_of (f->server, "phones"), ==, 3);
  {
    g_autoptr(PaTestResponse) list = pa_test_api (f->server, "GET",
                                                  "/api/v1/phones?q=reception", NULL, NULL);
    JsonArray *items = json_object_get_array_member (pa_test_response_object (list), "items");
    JsonObject *phone = json_array_get_object_element (items, 0);

    g_assert_cmpuint (json_array_get_length (items), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (phone, "mac"), ==, "80:5E:C0:00:00:01");
    g_assert_cmpstr (json_object_get_string_member (phone, "model"), ==, "yealink-t54w");
    g_assert_cmpint (json_object_get_int_member (phone, "agent_id"), ==, f->alice);
  }

  /* One password per phone, in the file's order, each with its setup link. */
  credentials = pa_import_dialog_get_credentials (f->dialog);
  g_assert_cmpuint (g_list_model_get_n_items (credentials), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PaScanCredential) c = g_list_model_get_item (credentials, i);
      g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                               pa_scan_credential_get_phone_id (c));
      g_autoptr(PaTestResponse) phone = pa_test_api (f->server, "GET", path, NULL, NULL);
      JsonObject *object = pa_test_response_object (phone);

      g_assert_cmpuint (phone->status, ==, 200);
      g_assert_cmpstr (pa_scan_credential_get_mac (c), ==,
                       json_object_get_string_member (object, "mac"));
      g_assert_cmpuint (strlen (pa_scan_credential_get_password (c)), >=, 12);
      g_assert_nonnull (pa_scan_credential_get_username (c));
      g_assert_nonnull (strstr (pa_scan_credential_get_setup_link (c),
                                json_object_get_string_member (object, "token")));
    }
  {
    g_autoptr(PaScanCredential) first = g_list_model_get_item (credentials, 0);
    g_autoptr(PaScanCredential) second = g_list_model_get_item (credentials, 1);

    g_assert_cmpstr (pa_scan_credential_get_name (first), ==, "Reception");
    g_assert_cmpstr (pa_scan_credential_get_name (second), ==, "Desk 2, upstairs");
    /* The agent's extension is the account made for the agent's phone. */
    g_assert_cmpstr (pa_scan_credential_get_username (first), ==, "1001");
  }

  /* The summary opened by itself, over the same passwords. */
  pa_app_test_wait_until (summary_shown, f->dialog);
  summary = pa_import_dialog_get_credentials_dialog (f->dialog);
  g_assert_true (PA_IS_SCAN_CREDENTIALS_DIALOG (summary));
  g_assert_true (pa_scan_credentials_dialog_get_credentials (PA_SCAN_CREDENTIALS_DIALOG (summary))
                 == credentials);
  g_assert_cmpuint (pa_scan_credentials_count_unseen (credentials), ==, 0);
  pa_app_test_maybe_screenshot (summary, "import-dialog-passwords.png");

  /* Closed (after the question it asks), it can be opened again here. */
  gtk_widget_activate_action (summary, "credentials.copy-all", NULL);
  gtk_window_close (GTK_WINDOW (summary));
  g_assert_null (pa_import_dialog_get_credentials_dialog (f->dialog));
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->dialog), "import-dialog-done.png");
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.show-credentials", NULL);
  g_assert_nonnull (pa_import_dialog_get_credentials_dialog (f->dialog));

  /* Closing the dialog forgets them. */
  {
    g_autoptr(PaScanCredential) first = g_list_model_get_item (credentials, 0);

    gtk_window_close (GTK_WINDOW (f->dialog));
    g_assert_false (is_open (f->dialog));
    g_assert_null (pa_scan_credential_get_password (first));
  }
}

/* A file the server refuses whole says why, and nothing else changes. */
static void
test_refused_file (Fixture       *f,
                   gconstpointer  data)
{
  const char *error;

  load (f, "MAC,Model,Colour\r\n80:5E:C0:00:00:01,yealink-t54w,red\r\n");
  error = pa_import_dialog_get_error (f->dialog);
  g_assert_nonnull (error);
  g_test_message ("the server says: %s", error);
  g_assert_nonnull (strstr (error, "Colour"));
  g_assert_true (gtk_widget_get_visible (child (f, "error_box")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "error_label"))), ==, error);
  g_assert_cmpstr (pa_import_dialog_get_state (f->dialog), ==, "choose");
  g_assert_false (gtk_widget_is_sensitive (child (f, "import_button")));
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->dialog), "import-dialog-refused.png");

  /* A file that is not there. */
  {
    g_autofree char *path = g_build_filename (f->folder, "gone.csv", NULL);
    g_autoptr(GFile) gone = g_file_new_for_path (path);

    pa_import_dialog_load_file (f->dialog, gone);
    pa_app_test_wait_until (not_busy, f->dialog);
    g_assert_true (g_str_has_prefix (pa_import_dialog_get_error (f->dialog),
                                     "Could not read “gone.csv”"));
  }

  /* Choosing a good file clears the message. */
  load (f, good_csv);
  g_assert_null (pa_import_dialog_get_error (f->dialog));
  g_assert_false (gtk_widget_get_visible (child (f, "error_box")));
  g_assert_cmpint (pa_test_total_of (f->server, "phones"), ==, 0);
}

/* The server is gone when Import is pressed: the message shows, the rows
 * stay, and Import works once it is back. */
static void
test_retry_after_failure (Fixture       *f,
                          gconstpointer  data)
{
  load (f, good_csv);
  pa_test_server_stop (f->server);
  run_import (f);

  g_assert_nonnull (pa_import_dialog_get_error (f->dialog));
  g_test_message ("failed: %s", pa_import_dialog_get_error (f->dialog));
  g_assert_true (gtk_widget_get_visible (child (f, "error_box")));
  g_assert_cmpstr (pa_import_dialog_get_state (f->dialog), ==, "rows");
  g_assert_cmpuint (g_list_model_get_n_items (pa_import_dialog_get_rows (f->dialog)), ==, 3);
  g_assert_true (gtk_widget_is_sensitive (child (f, "import_button")));

  pa_test_server_restart_same_port (f->server);
  run_import (f);
  g_assert_null (pa_import_dialog_get_error (f->dialog));
  g_assert_cmpstr (pa_import_dialog_get_state (f->dialog), ==, "done");
  g_assert_cmpint (pa_test_total_of (f->server, "phones"), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pa_import_dialog_get_credentials (f->dialog)), ==, 3);
}

/* Checked, then someone adds one of the phones: the server refuses the
 * import (422) and the rows say which one. */
static void
test_refused_import (Fixture       *f,
                     gconstpointer  data)
{
  load (f, good_csv);
  pa_test_create (f->server, "phones",
                  "{\"name\": \"Taken\", \"mac\": \"00:04:F2:00:00:03\", \"vendor\": \"polycom\","
                  " \"model\": \"polycom-vvx450\"}");
  run_import (f);

  g_assert_cmpstr (pa_import_dialog_get_error (f->dialog), ==,
                   "Nothing was imported: some rows cannot be imported any more. They are "
                   "marked below.");
  g_assert_cmpstr (pa_import_dialog_get_state (f->dialog), ==, "rows");
  g_assert_nonnull (pa_import_row_get_error (row_at (f, 2)));
  g_assert_nonnull (strstr (pa_import_row_get_error (row_at (f, 2)), "Taken"));
  g_assert_cmpstr (pa_import_dialog_get_summary (f->dialog), ==,
                   "2 phones ready, 1 row with errors — fix the file and choose it again");
  g_assert_false (gtk_widget_is_sensitive (child (f, "import_button")));
  g_assert_cmpint (pa_test_total_of (f->server, "phones"), ==, 1);
}

/* Every control has a name and Tab reaches it, in each state. */
static void
assert_keyboard_and_names (Fixture    *f,
                           const char *what)
{
  GtkWidget *root = GTK_WIDGET (f->dialog);
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) controls = NULL;
  g_autofree char *unnamed = NULL;
  GtkWidget *first = NULL;

  pa_app_test_wait_for_frames (3);
  unnamed = pa_a11y_list_unnamed (root);
  if (*unnamed != '\0')
    g_test_fail_printf ("%s: controls a screen reader cannot name:%s", what, unnamed);

  gtk_root_set_focus (GTK_ROOT (root), NULL);
  for (guint i = 0; i < 200; i++)
    {
      GtkWidget *focus;
      GtkWidget *control;

      if (!gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD))
        gtk_root_set_focus (GTK_ROOT (root), NULL);
      focus = gtk_root_get_focus (GTK_ROOT (root));
      if (focus == NULL)
        continue;
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      control = pa_a11y_control_for_focus (focus);
      g_hash_table_add (reached, control != NULL ? control : focus);
    }
  controls = pa_a11y_collect_controls (root, TRUE);
  g_assert_cmpuint (controls->len, >, 0);
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);
      g_autofree char *path = NULL;

      if (!gtk_widget_is_sensitive (control) || g_hash_table_contains (reached, control)
          || gtk_widget_get_ancestor (control, GTK_TYPE_WINDOW_CONTROLS) != NULL)
        continue;
      /* A list view is one Tab stop, reached at its rows. */
      if (gtk_widget_get_ancestor (control, GTK_TYPE_LIST_VIEW) != NULL
          && g_hash_table_contains (reached, gtk_widget_get_ancestor (control, GTK_TYPE_LIST_VIEW)))
        continue;
      path = pa_a11y_describe (control);
      g_test_fail_printf ("%s: Tab never reaches %s", what, path);
    }
}

/* Whether @widget's class binds @trigger ("<Control>o") to @action. */
static gboolean
has_binding (GtkWidget  *widget,
             const char *trigger,
             const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autofree char *wanted = g_strdup_printf ("action(%s)", action);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *a = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_str_equal (t, trigger) && g_str_equal (a, wanted))
            return TRUE;
        }
    }
  return FALSE;
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  pa_app_test_wait_until (pa_app_test_widget_ready, f->dialog);
  assert_keyboard_and_names (f, "empty");
  load (f, bad_mac_csv);
  assert_keyboard_and_names (f, "a row with errors");
  load (f, good_csv);
  assert_keyboard_and_names (f, "ready");

  /* Escape closes, Ctrl+Enter imports, Ctrl+O chooses a file. */
  g_assert_true (has_binding (GTK_WIDGET (f->dialog), "Escape", "window.close"));
  g_assert_true (has_binding (GTK_WIDGET (f->dialog), "<Control>Return", "import.run"));
  g_assert_true (has_binding (GTK_WIDGET (f->dialog), "<Control>o", "import.choose-file"));
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "window.close", NULL);
  g_assert_false (is_open (f->dialog));
}

/* Closing while the import is on its way asks first. */
static void
test_close_while_importing (Fixture       *f,
                            gconstpointer  data)
{
  AdwMessageDialog *question;

  load (f, good_csv);
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "import.run", NULL);
  gtk_window_close (GTK_WINDOW (f->dialog));
  question = pa_import_dialog_get_confirmation (f->dialog);
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Stop Waiting for the Import?");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  adw_message_dialog_response (question, "cancel");
  pa_app_test_wait_until (not_busy, f->dialog);
  g_assert_cmpstr (pa_import_dialog_get_state (f->dialog), ==, "done");
  pa_app_test_close_all_dialogs ();
}

/* ---- the answer, without widgets ------------------------------------ */

static void
test_parse (void)
{
  static const char answer[] =
    "{\"dry_run\": false, \"delimiter\": \";\", \"errors\": 0,"
    " \"rows\": [{\"line\": 2, \"mac\": \"80:5E:C0:00:00:01\", \"vendor\": \"yealink\","
    "            \"model\": \"yealink-t54w\", \"name\": \"A\", \"agent_id\": 4},"
    "           {\"line\": 5, \"mac\": null, \"error\": {\"code\": \"invalid_value\","
    "            \"field\": \"mac\", \"message\": \"Line 5, MAC: no\"}}],"
    " \"created\": [{\"line\": 2, \"phone_id\": 9, \"sip_account_id\": 3,"
    "               \"sip_username\": \"1001\", \"sip_password\": \"secret-secret\"}]}";
  static const char * const broken[] = {
    "{}",
    "[]",
    "{\"rows\": [{\"mac\": \"x\"}]}",
    "{\"rows\": [{\"line\": 0}]}",
    "{\"rows\": [{\"line\": 2, \"agent_id\": \"4\"}]}",
    "{\"rows\": [{\"line\": 2, \"error\": \"bad\"}]}",
    "{\"rows\": [], \"created\": [{\"line\": 2}]}",
    "{\"rows\": [], \"created\": {}}",
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (answer, strlen (answer));
  g_autoptr(GError) error = NULL;
  g_autoptr(PaImportResult) result = pa_import_result_parse (bytes, &error);
  PaImportRow *row;
  PaImportCreated *created;

  g_assert_no_error (error);
  g_assert_false (result->dry_run);
  g_assert_cmpint (result->delimiter, ==, ';');
  g_assert_cmpuint (result->rows->len, ==, 2);
  /* Counted from the rows, whatever "errors" says. */
  g_assert_cmpuint (result->n_errors, ==, 1);
  row = g_ptr_array_index (result->rows, 0);
  g_assert_cmpuint (pa_import_row_get_line (row), ==, 2);
  g_assert_cmpstr (pa_import_row_get_model (row), ==, "yealink-t54w");
  g_assert_cmpint (pa_import_row_get_agent_id (row), ==, 4);
  g_assert_null (pa_import_row_get_error (row));
  row = g_ptr_array_index (result->rows, 1);
  g_assert_null (pa_import_row_get_mac (row));
  g_assert_cmpstr (pa_import_row_get_error (row), ==, "Line 5, MAC: no");
  g_assert_cmpstr (pa_import_row_get_error_code (row), ==, "invalid_value");
  g_assert_cmpstr (pa_import_row_get_error_field (row), ==, "mac");
  created = g_ptr_array_index (result->created, 0);
  g_assert_cmpint (created->phone_id, ==, 9);
  g_assert_cmpstr (created->sip_password, ==, "secret-secret");

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GBytes) bad = g_bytes_new_static (broken[i], strlen (broken[i]));
      g_autoptr(GError) bad_error = NULL;
      g_autoptr(PaImportResult) none = pa_import_result_parse (bad, &bad_error);

      g_test_message ("%s", broken[i]);
      g_assert_null (none);
      g_assert_error (bad_error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Read once, when the first widget is made: before gtk_test_init. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add_func ("/app/import-dialog/parse", test_parse);
  g_test_add ("/app/import-dialog/starts-empty", Fixture, NULL, fixture_set_up,
              test_starts_empty, fixture_tear_down);
  g_test_add ("/app/import-dialog/bad-row", Fixture, NULL, fixture_set_up, test_bad_row,
              fixture_tear_down);
  g_test_add ("/app/import-dialog/import", Fixture, NULL, fixture_set_up, test_import,
              fixture_tear_down);
  g_test_add ("/app/import-dialog/refused-file", Fixture, NULL, fixture_set_up,
              test_refused_file, fixture_tear_down);
  g_test_add ("/app/import-dialog/retry-after-failure", Fixture, NULL, fixture_set_up,
              test_retry_after_failure, fixture_tear_down);
  g_test_add ("/app/import-dialog/refused-import", Fixture, NULL, fixture_set_up,
              test_refused_import, fixture_tear_down);
  g_test_add ("/app/import-dialog/keyboard", Fixture, NULL, fixture_set_up, test_keyboard,
              fixture_tear_down);
  g_test_add ("/app/import-dialog/close-while-importing", Fixture, NULL, fixture_set_up,
              test_close_while_importing, fixture_tear_down);
  return g_test_run ();
}
