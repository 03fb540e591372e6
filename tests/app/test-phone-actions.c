/* test-phone-actions.c — deleting a phone (and the 409 of an assigned one) against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: a real phoneadmin-provd on loopback, a real PaClient and
 * PaRepository. The dialogs are answered the way their buttons do
 * (adw_message_dialog_response, then close).
 */
#define G_LOG_DOMAIN "test-phone-actions"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pa-credentials-dialog.h"
#include "pa-phone-actions.h"
#include "pa-repository.h"
#include "../server/pa-test-server.h"
#include "pa-app-fixture.h"
#include "pa-app-test.h"

typedef PaAppFixture Fixture;

/* ---------------------------------------------------------------------- */
/* Helpers */

static void
test_toast_overlay_found (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *dialog = pa_credentials_dialog_new (fixture->parent, "http://x/p/t/", "u", NULL);

  /* From the window, from inside it, and from a dialog on top of it. */
  g_assert_true (pa_find_toast_overlay (GTK_WIDGET (fixture->parent)) == fixture->overlay);
  g_assert_true (pa_find_toast_overlay (dialog) == fixture->overlay);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (pa_find_toast_overlay (gtk_label_new ("alone")));
}

static void
test_credentials_dialog (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *shown = pa_credentials_dialog_new (fixture->parent, "http://h/p/tok/", "201", "pw&<1>");
  GtkWidget *hidden = pa_credentials_dialog_new (fixture->parent, "http://h/p/tok/", "201", NULL);
  GObject *password_row = gtk_widget_get_template_child (shown, PA_TYPE_CREDENTIALS_DIALOG, "password_row");
  GObject *hidden_row = gtk_widget_get_template_child (hidden, PA_TYPE_CREDENTIALS_DIALOG, "password_row");
  GObject *once = gtk_widget_get_template_child (hidden, PA_TYPE_CREDENTIALS_DIALOG, "once_box");

  /* Markup characters in a password are shown as they are. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (password_row)), ==, "pw&<1>");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (password_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hidden_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (once)));
  g_assert_null (pa_credentials_dialog_get_password (PA_CREDENTIALS_DIALOG (hidden)));

  gtk_window_destroy (GTK_WINDOW (shown));
  gtk_window_destroy (GTK_WINDOW (hidden));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add ("/app/phone-actions/toast-overlay-found", Fixture, NULL,
              pa_app_fixture_set_up, test_toast_overlay_found, pa_app_fixture_tear_down);
  g_test_add ("/app/phone-actions/credentials-dialog", Fixture, NULL,
              pa_app_fixture_set_up, test_credentials_dialog, pa_app_fixture_tear_down);

  return g_test_run ();
}
