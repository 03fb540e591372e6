/* pa-lan-question.c — whether desk phones on this network may fetch their
 * settings from this computer: the question local mode asks once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Answering "Allow" does what the Server Settings window does with its LAN
 * switch and address chooser: the settings first (so the restarted server
 * hands out reachable links at once), then the restart.
 */
#define G_LOG_DOMAIN "pa-lan-question"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-client.h"
#include "pa-lan-addresses.h"
#include "pa-lan-question.h"
#include "pa-phone-actions.h"

typedef struct
{
  GtkWindow    *parent;       /* weak */
  PaConnection *connection;
  GCancellable *cancellable;
  char         *url;          /* where phones fetch from, for the toast */
} Allow;

static void
allow_free (Allow *allow)
{
  g_clear_weak_pointer (&allow->parent);
  g_clear_object (&allow->connection);
  g_clear_object (&allow->cancellable);
  g_free (allow->url);
  g_free (allow);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Allow, allow_free)

static Allow *
allow_new (GtkWindow    *parent,
           PaConnection *connection,
           GCancellable *cancellable)
{
  Allow *allow = g_new0 (Allow, 1);

  g_set_weak_pointer (&allow->parent, parent);
  allow->connection = g_object_ref (connection);
  allow->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  return allow;
}

static void
tell (Allow      *allow,
      const char *message)
{
  if (allow->parent != NULL)
    pa_show_toast (GTK_WIDGET (allow->parent), message);
}

static void
fail (Allow        *allow,
      const char   *what,
      const GError *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  message = g_strdup_printf ("%s: %s", what, error->message);
  tell (allow, message);
}

static void
restarted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(Allow) allow = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (!pa_connection_set_lan_access_finish (PA_CONNECTION (source), result, &error))
    {
      fail (allow, _("Cannot restart the local server"), error);
      return;
    }
  if (allow->url != NULL)
    message = g_strdup_printf (_("Phones on this network can now fetch their settings from %s"),
                               allow->url);
  else
    message = g_strdup (_("Phones on this network are let in; choose the address they use in "
                          "Server Settings"));
  tell (allow, message);
}

static void
restart (Allow *allow)
{
  pa_connection_set_lan_access_async (allow->connection, TRUE, allow->cancellable, restarted_cb,
                                      allow);
}

static void
settings_saved_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Allow *allow = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) saved = pa_client_update_finish (PA_CLIENT (source), result, &error);

  if (saved == NULL)
    {
      /* Nothing changed: the server stays to this computer. */
      fail (allow, _("Cannot save the address phones use"), error);
      allow_free (allow);
      return;
    }
  restart (allow);
}

static gboolean
is_loopback (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return pa_lan_host_is_loopback (host);
}

static void
settings_loaded_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Allow *allow = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) settings = pa_client_get_finish (PA_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) addresses = NULL;
  PaLocalServer *local = pa_connection_get_local_server (allow->connection);
  const char *public_url;

  if (settings == NULL)
    {
      fail (allow, _("Cannot read the server’s settings"), error);
      allow_free (allow);
      return;
    }
  public_url = pa_settings_get_public_url (PA_SETTINGS (settings));
  if (!is_loopback (public_url))
    {
      /* The user chose an address before: it stays. */
      allow->url = g_strdup (public_url);
      restart (allow);
      return;
    }
  addresses = pa_lan_addresses_list ();
  if (addresses->len == 0)
    {
      restart (allow);
      return;
    }
  allow->url = g_strdup_printf ("http://%s:%u/",
                                ((PaLanAddress *) g_ptr_array_index (addresses, 0))->address,
                                pa_local_server_get_port (local));
  g_object_set (settings, "public-url", allow->url, NULL);
  pa_client_update_async (PA_CLIENT (source), settings, allow->cancellable, settings_saved_cb,
                          allow);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  Allow *question = user_data;
  PaLocalServer *local = pa_connection_get_local_server (question->connection);

  if (local == NULL)
    return;
  if (!g_str_equal (response, "allow"))
    {
      if (g_str_equal (response, "not-now"))
        {
          pa_local_server_set_lan_asked (local);
          tell (question, _("You can let phones in later in Server Settings"));
        }
      return;
    }
  pa_client_get_async (pa_connection_get_client (question->connection), PA_TYPE_SETTINGS,
                       PA_SETTINGS_ID, question->cancellable, settings_loaded_cb,
                       allow_new (question->parent, question->connection, question->cancellable));
}

GtkWidget *
pa_lan_question_present (GtkWindow    *parent,
                         PaConnection *connection,
                         GCancellable *cancellable)
{
  PaLocalServer *local = pa_connection_get_local_server (connection);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (local != NULL, NULL);

  body = g_strdup_printf (_("Let desk phones on this network fetch their settings from this "
                            "computer? They connect to it on port %u: if it has a firewall, allow "
                            "that port (for example: sudo ufw allow %u/tcp). You can change this "
                            "later in Server Settings."),
                          pa_local_server_get_port (local), pa_local_server_get_port (local));
  dialog = adw_message_dialog_new (parent,
                                   _("Serve Desk Phones on This Network?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "not-now", _("_Not Now"),
                                    "allow", _("_Allow"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "allow",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "allow");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb),
                         allow_new (parent, connection, cancellable),
                         (GClosureNotify) (void (*) (void)) allow_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
