/* pa-xdotool.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-xdotool"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>
#ifdef GDK_WINDOWING_X11
#include <gdk/x11/gdkx.h>
#endif

#include "pa-app-test.h"
#include "pa-xdotool.h"

gboolean
pa_xdotool_is_x11 (void)
{
#ifdef GDK_WINDOWING_X11
  return GDK_IS_X11_DISPLAY (gdk_display_get_default ());
#else
  return FALSE;
#endif
}

gboolean
pa_xdotool (const char  *args,
            char       **out)
{
  g_autofree char *cmd = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_command_line_sync (cmd, out, NULL, &status, &error))
    {
      g_test_message ("%s: %s", cmd, error->message);
      return FALSE;
    }
  return g_spawn_check_wait_status (status, NULL);
}

void
pa_xdotool_step (const char *fmt,
                 ...)
{
  va_list ap;
  g_autofree char *args = NULL;

  va_start (ap, fmt);
  args = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_assert_true (pa_xdotool (args, NULL));
  pa_app_test_wait_for_input ();
}

void
pa_xdotool_window_position (const char *xid,
                            int        *x,
                            int        *y)
{
  g_autofree char *args = g_strdup_printf ("getwindowgeometry %s", xid);
  g_autofree char *geometry = NULL;
  const char *pos;

  g_assert_true (pa_xdotool (args, &geometry));
  /* "Window N\n  Position: X,Y (screen: 0)\n  Geometry: WxH" */
  pos = strstr (geometry, "Position:");
  g_assert_nonnull (pos);
  g_assert_cmpint (sscanf (pos, "Position: %d,%d", x, y), ==, 2);
}

/* The GtkDragSource on @widget or the nearest ancestor that has one. */
static GtkDragSource *
find_drag_source (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (w);

      for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

          if (GTK_IS_DRAG_SOURCE (controller))
            return GTK_DRAG_SOURCE (controller);
        }
    }
  return NULL;
}

static gboolean
drag_begun (gpointer source)
{
  return gtk_drag_source_get_drag (source) != NULL;
}

static gboolean
drag_ended (gpointer source)
{
  return gtk_drag_source_get_drag (source) == NULL;
}

static gboolean
takes_drop (gpointer to)
{
  return gtk_widget_has_css_class (to, "drop-accept");
}

void
pa_xdotool_drag (int        x0,
                 int        y0,
                 int        x1,
                 int        y1,
                 GtkWidget *from,
                 GtkWidget *to)
{
  GtkDragSource *source = find_drag_source (from);
  gint64 deadline;

  g_assert_nonnull (source);
  g_test_message ("drag %d,%d → %d,%d", x0, y0, x1, y1);

  pa_xdotool_step ("mousemove %d %d", x0, y0);
  pa_xdotool_step ("mousedown 1");
  /* Past the drag threshold: the source starts the drag (and grabs the
   * pointer) when it has seen this motion. */
  pa_xdotool_step ("mousemove %d %d", x0 + 5, y0 + 5);
  pa_xdotool_step ("mousemove %d %d", x0 + 15, y0 + 10);
  if (!pa_app_test_poll_until (drag_begun, source, 5000))
    {
      /* Lost (the press went elsewhere): the caller sees no effect. */
      g_test_message ("the drag did not start");
      pa_xdotool_step ("mouseup 1");
      return;
    }
  for (int i = 1; i <= 6; i++)
    pa_xdotool_step ("mousemove %d %d", x0 + (x1 - x0) * i / 6, y0 + (y1 - y0) * i / 6);
  /* Each motion is one position sent to the target, once the target has
   * answered the one before: keep the pointer moving over it until it
   * says it takes the drop (bounded; the caller checks the effect either
   * way). */
  deadline = g_get_monotonic_time () + 10 * G_TIME_SPAN_SECOND;
  for (int i = 0; !takes_drop (to) && g_get_monotonic_time () < deadline; i++)
    pa_xdotool_step ("mousemove %d %d", x1 + (i % 2), y1);
  pa_xdotool_step ("mouseup 1");
  /* The drop is read and finished, or the drag cancelled; a drag still
   * hanging is the caller's to cancel (Escape) and try again. */
  if (!pa_app_test_poll_until (drag_ended, source, 10000))
    g_test_message ("the drag has not ended");
}
