/* test-connect-dialog.c — the "Connect to Server" dialog against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs under Xvfb. The local and the "remote" server are real provd
 * processes; only the keyring is replaced by the in-memory credential store
 * (the real keyring has its own tests in test-credentials and
 * test-connection).
 */
#include "config.h"

#include <adwaita.h>

#include "../server/pa-test-server.h"
#include "pa-app-test.h"
#include "pa-connect-dialog.h"
#include "pa-memory-credential-store.h"

#define TIMEOUT_S 30

static char *tmp_home;

static gboolean
is_revealed (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (data));
}

static gboolean
is_connected (gpointer data)
{
  return pa_connection_get_state (PA_CONNECTION (data)) == PA_CONNECTION_CONNECTED;
}

static void
drain (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
child (GtkWidget  *dialog,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (dialog, PA_TYPE_CONNECT_DIALOG, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* For looking at it: PA_TEST_PNG_DIR=/tmp/x draws the dialog there. */
static void
maybe_save_png (GtkWidget  *window,
                const char *name)
{
  const char *dir = g_getenv ("PA_TEST_PNG_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  pa_app_test_wait_until (pa_app_test_widget_ready, window);
  pa_app_test_wait_until (pa_app_test_transitions_done, window);
  pa_app_test_wait_for_frames (2);
  path = g_build_filename (dir, name, NULL);
  pa_app_test_draw_png (window, path);
}

static void
test_connect (void)
{
  g_autoptr(PaTestServer) remote = pa_test_server_new ();
  g_autoptr(GSettings) settings = g_settings_new ("org.example.PhoneAdmin");
  g_autoptr(PaCredentialStore) creds = pa_memory_credential_store_new ();
  g_autofree char *dir = g_build_filename (tmp_home, "local", NULL);
  g_autofree char *remote_url = g_strconcat (remote->url, "/", NULL);
  g_autoptr(PaConnection) conn = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  GtkWidget *url_row, *token_row, *connect_button, *error_revealer, *error_label;
  GtkWidget *forget_row, *local_row;
  PaRepository *local_repo;

  g_settings_reset (settings, "server-url");
  conn = pa_connection_new (settings, creds, NULL, dir);
  pa_connection_connect_async (conn, NULL, pa_app_test_store_result_cb, &result);
  pa_app_test_wait_until_seconds (pa_app_test_result_arrived, &result, TIMEOUT_S);
  g_assert_true (pa_connection_connect_finish (conn, result, &error));
  g_assert_no_error (error);
  local_repo = pa_connection_get_repository (conn);

  dialog = pa_connect_dialog_new (NULL, conn);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  drain ();

  url_row = child (dialog, "url_row");
  token_row = child (dialog, "token_row");
  connect_button = child (dialog, "connect_button");
  error_revealer = child (dialog, "error_revealer");
  error_label = child (dialog, "error_label");
  forget_row = child (dialog, "forget_row");
  local_row = child (dialog, "local_row");

  /* Local mode, nothing configured: neither "use local" nor "forget". */
  g_assert_false (gtk_widget_get_visible (forget_row));
  g_assert_false (gtk_widget_get_visible (local_row));

  /* Connect waits for both fields. */
  g_assert_false (gtk_widget_get_sensitive (connect_button));
  gtk_editable_set_text (GTK_EDITABLE (url_row), remote->url);
  drain ();
  g_assert_false (gtk_widget_get_sensitive (connect_button));
  gtk_editable_set_text (GTK_EDITABLE (token_row), "wrong-token");
  drain ();
  g_assert_true (gtk_widget_get_sensitive (connect_button));

  /* A wrong token: inline error, everything typed still there. */
  g_assert_true (gtk_widget_activate_action (dialog, "connect.connect", NULL));
  pa_app_test_wait_until_seconds (is_revealed, error_revealer, TIMEOUT_S);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "refused the token"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, remote->url);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (token_row)), ==, "wrong-token");
  g_assert_true (gtk_editable_get_editable (GTK_EDITABLE (url_row)));
  g_assert_true (gtk_widget_get_sensitive (connect_button));
  g_assert_true (pa_connection_get_is_local (conn));
  g_assert_true (pa_connection_get_repository (conn) == local_repo);
  maybe_save_png (dialog, "connect-dialog-error.png");

  /* A bad address: said plainly, nothing sent. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), "provd.example.com");
  gtk_widget_activate_action (dialog, "connect.connect", NULL);
  drain ();
  pa_app_test_wait_until_seconds (is_revealed, error_revealer, TIMEOUT_S);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (error_label)), "https://"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (url_row)), ==, "provd.example.com");

  /* The right token: the dialog closes and the connection switched. */
  gtk_editable_set_text (GTK_EDITABLE (url_row), remote->url);
  gtk_editable_set_text (GTK_EDITABLE (token_row), remote->token);
  g_assert_true (gtk_widget_activate_action (dialog, "connect.connect", NULL));
  pa_app_test_wait_until_seconds (pa_app_test_pointer_cleared, &dialog, TIMEOUT_S);
  g_assert_false (pa_connection_get_is_local (conn));
  g_assert_cmpstr (pa_connection_get_server_url (conn), ==, remote_url);

  /* Opened again on a server: the address is filled in, both choices shown. */
  dialog = pa_connect_dialog_new (NULL, conn);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  drain ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (dialog, "url_row"))), ==,
                   remote_url);
  g_assert_true (gtk_widget_get_visible (child (dialog, "forget_row")));
  g_assert_true (gtk_widget_get_visible (child (dialog, "local_row")));
  maybe_save_png (dialog, "connect-dialog-server.png");

  /* Forget: back to local, the dialog closes. */
  g_assert_true (gtk_widget_activate_action (dialog, "connect.forget", NULL));
  pa_app_test_wait_until_seconds (pa_app_test_pointer_cleared, &dialog, TIMEOUT_S);
  pa_app_test_wait_until_seconds (is_connected, conn, TIMEOUT_S);
  g_assert_true (pa_connection_get_is_local (conn));

  /* Escape closes. */
  dialog = pa_connect_dialog_new (NULL, conn);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  drain ();
  g_assert_true (gtk_widget_activate_action (dialog, "window.close", NULL));
  pa_app_test_wait_until_seconds (pa_app_test_pointer_cleared, &dialog, TIMEOUT_S);

  pa_connection_shutdown (conn);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_home = g_dir_make_tmp ("pa-connect-dialog-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);
  pa_app_test_local_port_of_its_own ();

  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add_func ("/connect-dialog/connect", test_connect);

  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", tmp_home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  g_free (tmp_home);
  return status;
}
