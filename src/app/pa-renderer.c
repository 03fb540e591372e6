/* pa-renderer.c: which of GTK's renderers draws the app's windows
 *
 * With no GPU, GTK 4.8 still draws with OpenGL, on Mesa's software
 * rasterizer. For this app's windows that is the slowest of its
 * renderers: a frame of the phones' list took 50–650 ms on llvmpipe
 * against 10–50 ms with cairo (docs/performance.md, runs N), and the
 * loading spinner alone kept the main thread busy. So where the display's
 * OpenGL is Mesa's software one, the windows draw with cairo, as Chromium
 * does on the same rasterizers and GTK 4.14 does for its newer renderers.
 * GSK_RENDERER, when set, still decides.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-renderer"

#include "config.h"

#include <epoxy/gl.h>

#include "pa-renderer.h"

gboolean
pa_renderer_gl_is_software (const char *gl_renderer)
{
  /* Mesa's names for its rasterizers that run on the CPU. */
  static const char *const software[] = { "llvmpipe", "softpipe", "Software Rasterizer" };

  if (gl_renderer == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (software); i++)
    if (strstr (gl_renderer, software[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* GTK has loaded the driver already (the X11 backend picks its visual
 * with it), so this costs one context. */
char *
pa_renderer_display_gl (GdkDisplay *display)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkGLContext) context = gdk_display_create_gl_context (display, &error);
  const char *name;
  char *copy;

  if (context == NULL || !gdk_gl_context_realize (context, &error))
    {
      g_debug ("No OpenGL to ask: %s", error != NULL ? error->message : "no context");
      return NULL;
    }
  gdk_gl_context_make_current (context);
  name = (const char *) glGetString (GL_RENDERER);
  copy = g_strdup (name);
  gdk_gl_context_clear_current ();
  return copy;
}

void
pa_renderer_choose (GdkDisplay *display)
{
  g_autofree char *gl_renderer = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  /* The user's choice, or a caller's (the inspector's), stands. */
  if (g_getenv ("GSK_RENDERER") != NULL || g_object_get_data (G_OBJECT (display), "gsk-renderer"))
    return;

  gl_renderer = pa_renderer_display_gl (display);
  if (!pa_renderer_gl_is_software (gl_renderer))
    return;

  /* GSK looks this key up on the display before its environment variable
   * and its own default, for every window it makes a renderer for. */
  g_object_set_data_full (G_OBJECT (display), "gsk-renderer", g_strdup ("cairo"), g_free);
  g_debug ("OpenGL is drawn in software (%s): the windows draw with cairo", gl_renderer);
}
