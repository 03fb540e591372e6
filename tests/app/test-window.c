/* test-window.c — the main window builds, keeps its size in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pa-window.h"

static void
test_window_size_saved (void)
{
  g_autoptr(PaApplication) app = pa_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GError) error = NULL;
  PaWindow *window;

  /* Windows can only be added after startup; non-unique keeps the test off the bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_settings_set_int (settings, "window-width", 900);
  window = pa_window_new (app);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 0);

  {
    int width = 0;
    g_object_get (window, "default-width", &width, NULL);
    g_assert_cmpint (width, ==, 900);
  }

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/window/size-saved", test_window_size_saved);

  return g_test_run ();
}
