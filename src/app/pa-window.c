/* pa-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-window.h"

struct _PaWindow
{
  AdwApplicationWindow parent_instance;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (PaWindow, pa_window, ADW_TYPE_APPLICATION_WINDOW)

static void
pa_window_dispose (GObject *object)
{
  PaWindow *self = PA_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pa_window_parent_class)->dispose (object);
}

static void
pa_window_class_init (PaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/pa-window.ui");
}

static void
pa_window_init (PaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Bound both ways so a resize is saved as it happens, not only on a clean quit. */
  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized",
                   G_SETTINGS_BIND_DEFAULT);
}

PaWindow *
pa_window_new (PaApplication *application)
{
  return g_object_new (PA_TYPE_WINDOW, "application", application, NULL);
}
