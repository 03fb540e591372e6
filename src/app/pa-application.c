/* pa-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-application"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-accessible-names.h"
#include "pa-popover-tooltips.h"
#include "pa-application.h"
#include "pa-connect-dialog.h"
#include "pa-i18n.h"
#include "pa-renderer.h"
#include "pa-secret-store.h"
#include "pa-settings-window.h"
#include "pa-window.h"

struct _PaApplication
{
  AdwApplication  parent_instance;

  PaConnection   *connection;
  gboolean        connect_started;
};

G_DEFINE_FINAL_TYPE (PaApplication, pa_application, ADW_TYPE_APPLICATION)

static void connected_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
pa_application_activate (GApplication *app)
{
  PaApplication *self = PA_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  /* Here rather than in startup: a process that only registers the
   * application (tests, the screenshot tool) must not start a provd it
   * never stops. Async, so the window comes up at once and shows the
   * progress. */
  if (!self->connect_started)
    {
      self->connect_started = TRUE;
      pa_connection_connect_async (self->connection, NULL, connected_cb, NULL);
    }

  if (window == NULL)
    window = GTK_WINDOW (pa_window_new (PA_APPLICATION (app)));

  gtk_window_present (window);
}

/* Through the windows, so one that has something to ask (keep the local
 * server serving phones?) asks it; the application ends with the last. */
static void
quit_activated_cb (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  if (windows == NULL)
    {
      g_application_quit (G_APPLICATION (user_data));
      return;
    }
  {
    g_autoptr(GList) copy = g_list_copy (windows);

    for (GList *l = copy; l != NULL; l = l->next)
      gtk_window_close (GTK_WINDOW (l->data));
  }
}

static void
about_activated_cb (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  adw_about_window_set_application_name (about, _("PhoneAdmin"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, PACKAGE_VERSION);
  adw_about_window_set_developer_name (about, _("The PhoneAdmin developers"));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  gtk_window_present (GTK_WINDOW (about));
}

static void
connect_server_activated_cb (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  PaApplication *self = PA_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (pa_connect_dialog_new (parent, self->connection)));
}

static void
server_settings_activated_cb (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  PaApplication *self = PA_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (pa_settings_window_new (parent, self->connection)));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated_cb },
  { "about", about_activated_cb },
  { "connect-server", connect_server_activated_cb },
  { "server-settings", server_settings_activated_cb },
};

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The window shows the failure from the connection's "error"; this is
   * for the log. */
  if (!pa_connection_connect_finish (PA_CONNECTION (source), result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Cannot connect: %s", error->message);
}

static void
pa_application_startup (GApplication *app)
{
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *settings_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (pa_application_parent_class)->startup (app);
  pa_renderer_choose (gdk_display_get_default ());
  pa_accessible_names_install ();
  pa_popover_tooltips_install ();

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions,
                                   G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.server-settings",
                                         settings_accels);

}

static void
pa_application_shutdown (GApplication *app)
{
  pa_connection_shutdown (PA_APPLICATION (app)->connection);

  G_APPLICATION_CLASS (pa_application_parent_class)->shutdown (app);
}

/* GTK 4.8's shortcuts window leaves its own search button and search
 * entry without a name a screen reader can read; name them here, where
 * GtkApplication has just given the window its help overlay. */
static void
name_help_overlay_widgets (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_TOGGLE_BUTTON (child) && gtk_widget_get_tooltip_text (child) == NULL)
        gtk_widget_set_tooltip_text (child, _("Search Shortcuts"));
      else if (GTK_IS_SEARCH_ENTRY (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Search Shortcuts"), -1);
      else if (GTK_IS_MENU_BUTTON (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Shortcut Sections"), -1);
      name_help_overlay_widgets (child);
    }
}

static void
pa_application_window_added (GtkApplication *app,
                             GtkWindow      *window)
{
  GtkShortcutsWindow *overlay;

  GTK_APPLICATION_CLASS (pa_application_parent_class)->window_added (app, window);

  if (!GTK_IS_APPLICATION_WINDOW (window))
    return;
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window));
  if (overlay != NULL)
    name_help_overlay_widgets (GTK_WIDGET (overlay));
}

static void
pa_application_dispose (GObject *object)
{
  PaApplication *self = PA_APPLICATION (object);

  /* An application that never ran (tests register it and drop it) gets no
   * shutdown; its provd must not outlive it either. */
  if (self->connection != NULL)
    pa_connection_shutdown (self->connection);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (pa_application_parent_class)->dispose (object);
}

static void
pa_application_class_init (PaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->dispose = pa_application_dispose;
  app_class->activate = pa_application_activate;
  app_class->startup = pa_application_startup;
  app_class->shutdown = pa_application_shutdown;
  gtk_app_class->window_added = pa_application_window_added;
}

static void
pa_application_init (PaApplication *self)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PaCredentialStore) credentials = pa_secret_store_new ();

  self->connection = pa_connection_new (settings, credentials, NULL, NULL);
}

PaConnection *
pa_application_get_connection (PaApplication *self)
{
  g_return_val_if_fail (PA_IS_APPLICATION (self), NULL);

  return self->connection;
}

void
pa_application_bind_textdomain (void)
{
  pa_i18n_bind ();
  textdomain (GETTEXT_PACKAGE);
}

PaApplication *
pa_application_new (void)
{
  return g_object_new (PA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/example/PhoneAdmin",
                       NULL);
}
