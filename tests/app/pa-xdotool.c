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
  pa_app_test_spin (60);
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

void
pa_xdotool_drag (int        x0,
                 int        y0,
                 int        x1,
                 int        y1,
                 GtkWidget *to)
{
  g_test_message ("drag %d,%d → %d,%d", x0, y0, x1, y1);

  pa_xdotool_step ("mousemove %d %d", x0, y0);
  pa_xdotool_step ("mousedown 1");
  /* Past the drag threshold first, then on in steps. */
  pa_xdotool_step ("mousemove %d %d", x0 + 5, y0 + 5);
  pa_xdotool_step ("mousemove %d %d", x0 + 15, y0 + 10);
  for (int i = 1; i <= 6; i++)
    pa_xdotool_step ("mousemove %d %d", x0 + (x1 - x0) * i / 6, y0 + (y1 - y0) * i / 6);
  pa_xdotool_step ("mousemove %d %d", x1 + 1, y1);
  pa_xdotool_step ("mousemove %d %d", x1, y1);
  /* A loaded machine may still be starting the drag: keep the pointer
   * moving over the target until it says it takes the drop (bounded; the
   * caller checks the effect either way). */
  for (int i = 0; i < 50 && !gtk_widget_has_css_class (to, "drop-accept"); i++)
    pa_xdotool_step ("mousemove %d %d", x1 + (i % 2), y1);
  pa_xdotool_step ("mouseup 1");
  pa_app_test_spin (150);
}
