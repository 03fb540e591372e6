/* pa-phone-actions.c — credentials and new-password flows for one phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * These flows outlive the widget that starts them (a page's row, the
 * editor), so each keeps its own references in a small state struct and
 * reports to the nearest toast overlay.
 */
#define G_LOG_DOMAIN "pa-phone-actions"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-credentials-dialog.h"
#include "pa-phone-actions.h"
#include "pa-phone-push.h"
#include "pa-window-cancellable.h"
#include "pa-toast.h"

#define REGENERATE_WORD "REGENERATE"

/* ------------------------------------------------------------------ */
/* Toasts */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

AdwToastOverlay *
pa_find_toast_overlay (GtkWidget *widget)
{
  /* A dialog has no overlay of its own: climb to the window it belongs to
   * (transient-for), whose content holds the app's overlay. */
  while (widget != NULL)
    {
      GtkWidget *found = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
      GtkRoot *root;

      if (found != NULL)
        return ADW_TOAST_OVERLAY (found);

      root = gtk_widget_get_root (widget);
      if (root == NULL)
        return NULL;
      found = find_descendant (GTK_WIDGET (root), ADW_TYPE_TOAST_OVERLAY);
      if (found != NULL)
        return ADW_TOAST_OVERLAY (found);

      widget = GTK_IS_WINDOW (root)
             ? (GtkWidget *) gtk_window_get_transient_for (GTK_WINDOW (root))
             : NULL;
    }
  return NULL;
}

void
pa_show_toast (GtkWidget  *widget,
               const char *title)
{
  AdwToastOverlay *overlay = widget != NULL ? pa_find_toast_overlay (widget) : NULL;

  if (overlay == NULL)
    {
      g_debug ("No toast overlay for: %s", title);
      return;
    }
  pa_toast_add (overlay, pa_toast_new (title));
}

/* Errors go to a toast where there is an overlay; otherwise (a window
 * without one, tests) to a message dialog, so they are never lost. */
void
pa_report_error (GtkWindow    *parent,
                 const char   *heading,
                 const GError *error)
{
  AdwToastOverlay *overlay = parent != NULL ? pa_find_toast_overlay (GTK_WIDGET (parent)) : NULL;
  GtkWidget *dialog;

  if (overlay != NULL)
    {
      g_autofree char *title = g_strdup_printf ("%s: %s", heading, error->message);
      AdwToast *toast = pa_toast_new (title);

      adw_toast_set_timeout (toast, 0);  /* stays until dismissed: it is an error */
      pa_toast_add (overlay, toast);
      return;
    }

  dialog = adw_message_dialog_new (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Credentials */

PaSipAccount *
pa_phone_get_line1_account (PaRepository *repo,
                            PaPhone      *phone)
{
  GArray *lines;
  PaResource *account;

  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (PA_IS_PHONE (phone), NULL);

  lines = pa_phone_get_lines (phone);
  if (lines->len == 0)
    return NULL;
  account = pa_repository_find (repo, PA_TYPE_SIP_ACCOUNT, g_array_index (lines, gint64, 0));
  return account != NULL ? PA_SIP_ACCOUNT (account) : NULL;
}

GtkWidget *
pa_phone_show_credentials (GtkWindow    *parent,
                           PaRepository *repo,
                           PaPhone      *phone,
                           const char   *username,
                           const char   *password,
                           const char   *admin_password,
                           const char   *note)
{
  g_autofree char *link = pa_repository_get_setup_link (repo, phone);
  GtkWidget *dialog = pa_credentials_dialog_new (parent, link, username, password);

  /* Before it is shown, so the window is sized for all of it: set later,
   * the note's line landed below the window's edge. */
  pa_credentials_dialog_set_admin_password (PA_CREDENTIALS_DIALOG (dialog), admin_password);
  if (note != NULL)
    pa_credentials_dialog_set_note (PA_CREDENTIALS_DIALOG (dialog), note);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* The main window @window was opened from (or @window itself): a new
 * password outlives the editor that asked for it, not the app's window. */
static GtkWindow *
outermost (GtkWindow *window)
{
  while (window != NULL && gtk_window_get_transient_for (window) != NULL)
    window = gtk_window_get_transient_for (window);
  return window;
}

static GtkWindow *
visible_window (GtkWindow *window)
{
  while (window != NULL && !gtk_widget_get_visible (GTK_WIDGET (window)))
    window = gtk_window_get_transient_for (window);
  return window;
}

/* A message dialog emits "response" for the button and again for the close
 * that follows when a test or an entry's Enter calls
 * adw_message_dialog_response(); each handler acts once and lets go. */
#define ONCE_PER_DIALOG(dialog, cb, user_data) \
  g_signal_handlers_disconnect_by_func ((dialog), (gpointer) (cb), (user_data))

/* ------------------------------------------------------------------ */
/* New password */

typedef struct
{
  GtkWindow    *parent;
  PaRepository *repo;
  PaPhone      *phone;
  char         *username;
} RegenerateData;

static void
regenerate_data_clear (gpointer mem)
{
  RegenerateData *data = mem;

  g_clear_object (&data->parent);
  g_clear_object (&data->repo);
  g_clear_object (&data->phone);
  g_free (data->username);
}

static RegenerateData *
regenerate_data_ref (RegenerateData *data)
{
  return g_rc_box_acquire (data);
}

static void
regenerate_data_unref (RegenerateData *data)
{
  g_rc_box_release_full (data, regenerate_data_clear);
}

static void
regenerate_data_closure_notify (gpointer  data,
                                GClosure *closure)
{
  regenerate_data_unref (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegenerateData, regenerate_data_unref)

static void
refresh_after_regenerate_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Only so the phones' new revisions are known before the next save. */
  if (!pa_repository_refresh_finish (PA_REPOSITORY (source), result, &error))
    g_debug ("Refresh after a new password failed: %s", error->message);
}

static void
regenerated_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RegenerateData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *note = NULL;
  g_autoptr(JsonObject) resync = NULL;
  guint n_resync = 0;

  password = pa_client_regenerate_password_finish (PA_CLIENT (source), result, &n_resync, &resync,
                                                   &error);
  if (password == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pa_report_error (data->parent, _("Could not make a new password"), error);
      return;
    }

  pa_repository_refresh_async (data->repo, NULL, refresh_after_regenerate_cb, NULL);

  note = pa_phone_resync_note (data->repo, resync, n_resync);
  /* The server has the new password now: it is shown even when the
   * window that asked for it was closed meanwhile. */
  pa_phone_show_credentials (visible_window (data->parent), data->repo, data->phone,
                             data->username, password, NULL, note);
  memset (password, 0, strlen (password));
}

static void
confirm_text_changed_cb (GtkEditable      *entry,
                         AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "regenerate",
                                           g_strcmp0 (gtk_editable_get_text (entry),
                                                      REGENERATE_WORD) == 0);
}

static void
confirm_entry_activate_cb (GtkEntry         *entry,
                           AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "regenerate"))
    {
      adw_message_dialog_response (dialog, "regenerate");
      gtk_window_close (GTK_WINDOW (dialog));
    }
}

static void
regenerate_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  g_autoptr(RegenerateData) data = regenerate_data_ref (user_data);
  PaSipAccount *account;

  ONCE_PER_DIALOG (dialog, regenerate_response_cb, user_data);
  if (g_strcmp0 (response, "regenerate") != 0)
    return;

  /* Belt and braces: a test or a binding could emit a disabled response. */
  if (!adw_message_dialog_get_response_enabled (dialog, "regenerate"))
    return;

  account = pa_phone_get_line1_account (data->repo, data->phone);
  if (account == NULL)
    return;

  pa_client_regenerate_password_async (pa_repository_get_client (data->repo),
                                       pa_resource_get_id (PA_RESOURCE (account)),
                                       pa_window_get_cancellable (GTK_WIDGET (outermost (data->parent))),
                                       regenerated_cb, regenerate_data_ref (data));
}

void
pa_phone_regenerate_password_interactive (GtkWindow    *parent,
                                          PaRepository *repo,
                                          PaPhone      *phone)
{
  RegenerateData *data;
  PaSipAccount *account;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_REPOSITORY (repo));
  g_return_if_fail (PA_IS_PHONE (phone));

  account = pa_phone_get_line1_account (repo, phone);
  if (account == NULL)
    {
      dialog = adw_message_dialog_new (parent, _("No SIP Account"),
                                       _("This phone has no SIP account on its first line, "
                                         "so there is no password to replace."));
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  data = g_rc_box_new0 (RegenerateData);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->repo = g_object_ref (repo);
  data->phone = g_object_ref (phone);
  data->username = g_strdup (pa_sip_account_get_username (account));

  body = g_strdup_printf (_("The password of the SIP account “%s” stops working at once. "
                            "Every phone carrying it gets the new one at its next check.\n\n"
                            "Type %s to confirm."),
                          data->username, REGENERATE_WORD);
  dialog = adw_message_dialog_new (parent, _("Make a New SIP Password?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "regenerate", _("_Make New Password"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "regenerate",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "regenerate", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), REGENERATE_WORD);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Confirmation word"),
                                  -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (confirm_text_changed_cb), dialog, 0);
  g_signal_connect_object (entry, "activate", G_CALLBACK (confirm_entry_activate_cb), dialog, 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  g_signal_connect_data (dialog, "response", G_CALLBACK (regenerate_response_cb),
                         data, regenerate_data_closure_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}
