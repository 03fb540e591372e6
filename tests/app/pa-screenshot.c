/* pa-screenshot.c — render the real app's windows to PNG for screenshots/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: pa-screenshot OUTPUT-DIR
 * Run under Xvfb (tools/screenshots.sh does). Each window is drawn by its own
 * GSK renderer, so the picture is what the window shows, without a window
 * manager's frame.
 */
#include "config.h"

#include <adwaita.h>

#include "pa-window.h"

static gboolean
save_window (GtkWidget  *window,
             const char *path,
             GError    **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The window drew nothing");
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }
  return TRUE;
}

/* Lets the window map, lay out and draw at least once before it is captured. */
static void
wait_for_frames (guint n)
{
  for (guint i = 0; i < n; i++)
    {
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
      g_usleep (50 * 1000);
      while (g_main_context_pending (NULL))
        g_main_context_iteration (NULL, FALSE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PaApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PaWindow *window;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTPUT-DIR\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  app = pa_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  window = pa_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frames (10);

  path = g_build_filename (argv[1], "main-window.png", NULL);
  if (!save_window (GTK_WIDGET (window), path, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("%s\n", path);

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
