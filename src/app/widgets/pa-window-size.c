/* pa-window-size.c — windows that fit their content and the screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-window-size"

#include "config.h"

#include "pa-window-size.h"

/* What GNOME Shell's top bar and a dock take, roughly, besides the
 * window's own shadow. */
#define SCREEN_MARGIN 96

/* GTK sizes a window for its content's height at the content's natural
 * width; wrapped text at the window's own, narrower width is taller, and
 * its last line ended below the edge. Once the real height is known, the
 * window grows by what is missing, up to the limit. */
static gboolean
grow_to_fit (gpointer data)
{
  GtkWidget *scrolled = data;
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GtkRoot *root = gtk_widget_get_root (scrolled);
  double missing = gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v);
  int max_height = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (scrolled), "pa-max-height"));
  int width, height;

  g_object_set_data (G_OBJECT (scrolled), "pa-fit-source", NULL);
  if (!GTK_IS_WINDOW (root) || missing < 1 || gtk_adjustment_get_page_size (v) < 1
      || gtk_adjustment_get_page_size (v) + missing > max_height)
    return G_SOURCE_REMOVE;
  gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  if (height <= 0)
    height = gtk_widget_get_height (GTK_WIDGET (root));
  gtk_window_set_default_size (GTK_WINDOW (root), width, height + (int) (missing + 0.5));
  return G_SOURCE_REMOVE;
}

/* Reported while the window is being laid out, when a new size would be
 * ignored: the window grows once that is over. */
static void
grow_to_fit_cb (GtkAdjustment *vadjustment,
                GtkWidget     *scrolled)
{
  if (g_object_get_data (G_OBJECT (scrolled), "pa-fit-source") != NULL)
    return;
  g_object_set_data (G_OBJECT (scrolled), "pa-fit-source", GINT_TO_POINTER (1));
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_to_fit, g_object_ref (scrolled), g_object_unref);
}

void
pa_preferences_page_fit_content (GtkWidget *page,
                                 int        max_height)
{
  g_return_if_fail (GTK_IS_WIDGET (page));

  for (GtkWidget *child = gtk_widget_get_first_child (page); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_SCROLLED_WINDOW (child))
      {
        GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (child));

        gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (child), TRUE);
        gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (child), max_height);
        g_object_set_data (G_OBJECT (child), "pa-max-height", GINT_TO_POINTER (max_height));
        g_signal_connect_object (v, "changed", G_CALLBACK (grow_to_fit_cb), child, 0);
      }
}

void
pa_window_fit_monitor (GtkWindow *window)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GtkWindow *parent = gtk_window_get_transient_for (window);
  GdkSurface *surface = parent != NULL ? gtk_native_get_surface (GTK_NATIVE (parent)) : NULL;
  GdkMonitor *monitor = NULL;
  GdkRectangle area;
  int width, height;

  if (surface != NULL)
    monitor = gdk_display_get_monitor_at_surface (display, surface);
  if (monitor == NULL)
    {
      GListModel *monitors = gdk_display_get_monitors (display);
      g_autoptr(GdkMonitor) first = g_list_model_get_n_items (monitors) > 0
                                    ? g_list_model_get_item (monitors, 0) : NULL;

      if (first == NULL)
        return;
      gdk_monitor_get_geometry (first, &area);
    }
  else
    {
      gdk_monitor_get_geometry (monitor, &area);
    }

  gtk_window_get_default_size (window, &width, &height);
  if (height > area.height - SCREEN_MARGIN)
    height = area.height - SCREEN_MARGIN;
  if (width > area.width - SCREEN_MARGIN / 2)
    width = area.width - SCREEN_MARGIN / 2;
  gtk_window_set_default_size (window, width, height);
}
