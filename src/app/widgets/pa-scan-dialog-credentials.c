/* pa-scan-dialog-credentials.c — the SIP passwords a scan run's create
 * answers show once: keeping them, counting them, opening the summary,
 * asking before closing loses unseen ones, and wiping them on close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-scan-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-repository.h"
#include "pa-scan-credentials-dialog.h"
#include "pa-confirm-dialog.h"
#include "pa-scan-dialog-private.h"

/* ---- keeping them --------------------------------------------------- */

/* The create answer is the only time the server shows the password: keep
 * it (with what goes on the phone's label) until the dialog closes. */
void
pa_scan_dialog_keep_credential (PaScanDialog *self,
                                PaScanRow    *row,
                                PaPhone      *phone,
                                JsonObject   *extra)
{
  g_autoptr(PaScanCredential) credential = NULL;
  g_autofree char *link = NULL;
  const char *password = NULL;
  const char *username = NULL;

  if (extra != NULL)
    {
      password = json_object_get_string_member_with_default (extra, "sip_password", NULL);
      username = json_object_get_string_member_with_default (extra, "sip_username", NULL);
    }
  if (password == NULL)
    return;

  link = pa_repository_get_setup_link (self->repository, phone);
  credential = pa_scan_credential_new (pa_resource_get_id (PA_RESOURCE (phone)),
                                       pa_phone_get_name (phone), pa_phone_get_mac (phone),
                                       link, username, password);
  g_list_store_append (self->credentials, credential);
  g_hash_table_replace (self->credential_by_row, g_object_ref (row), g_object_ref (credential));
  g_signal_connect_object (credential, "notify::seen",
                           G_CALLBACK (pa_scan_dialog_update_credentials), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (credential, "notify::saved",
                           G_CALLBACK (pa_scan_dialog_update_credentials), self,
                           G_CONNECT_SWAPPED);
  self->n_new_credentials++;
  pa_scan_dialog_update_credentials (self);
}

/* ---- counting them, and the summary -------------------------------- */

void
pa_scan_dialog_update_credentials (PaScanDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->credentials));
  guint unsaved = pa_scan_credentials_count_unsaved (G_LIST_MODEL (self->credentials));
  g_autofree char *title = NULL;

  gtk_widget_set_visible (self->credentials_group, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "scan.show-credentials", n > 0);
  if (n == 0)
    return;

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "SIP Password of %u New Phone",
                                        "SIP Passwords of %u New Phones", n), n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->credentials_row), title);
  adw_action_row_set_subtitle (self->credentials_row,
                               unsaved > 0
                               ? _("Shown only once: view them, then copy them or save them as "
                                   "CSV before closing this window.")
                               : _("Copied or saved. They are forgotten when this window "
                                   "closes."));
}

static void
summary_destroyed_cb (PaScanDialog *self)
{
  self->summary = NULL;
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self->mac_entry));
}

void
pa_scan_dialog_show_credentials_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  PaScanDialog *self = PA_SCAN_DIALOG (widget);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->credentials)) == 0)
    return;
  if (self->summary == NULL)
    {
      self->summary = pa_scan_credentials_dialog_new (GTK_WINDOW (self),
                                                      G_LIST_MODEL (self->credentials));
      g_signal_connect_object (self->summary, "destroy", G_CALLBACK (summary_destroyed_cb),
                               self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->summary));
}

/* ---- before losing them -------------------------------------------- */

static void
confirmation_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          PaScanDialog     *self)
{
  if (g_str_equal (response, "show"))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "scan.show-credentials", NULL);
    }
  else if (g_str_equal (response, "close"))
    {
      self->close_confirmed = TRUE;
      pa_close_after_response (GTK_WINDOW (self));
    }
}

static void
discard_rows_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          PaScanDialog     *self)
{
  if (g_str_equal (response, "create"))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "scan.create", NULL);
    }
  else if (g_str_equal (response, "discard"))
    {
      self->rows_discard_confirmed = TRUE;
      pa_close_after_response (GTK_WINDOW (self));
    }
}

/* Scanned boxes not created yet are work: closing asks before it drops
 * them. TRUE while the question is up. */
static gboolean
confirm_discard_rows (PaScanDialog *self)
{
  guint waiting = self->busy ? 0 : pa_scan_dialog_get_pending (self);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->rows_discard_confirmed || waiting == 0)
    return FALSE;

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Discard %u Scanned Phone?",
                                          "Discard %u Scanned Phones?", waiting), waiting);
  body = g_strdup (g_dngettext (GETTEXT_PACKAGE,
                                "It has not been created yet. Closing now loses the scan.",
                                "They have not been created yet. Closing now loses the scans.",
                                waiting));
  dialog = pa_choice_dialog_new (GTK_WINDOW (self), heading, body, _("_Keep Scanning"),
                                 "discard", _("_Discard"), "create", _("_Create Phones"));
  /* Nothing to create with a model missing: that answer waits. */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create",
                                           gtk_widget_is_sensitive (self->create_button));
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_rows_response_cb), self, 0);
  self->confirmation = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirmation);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* Closing forgets the passwords; one nobody has looked at or copied would
 * be lost without a word, so ask. */
gboolean
pa_scan_dialog_confirm_close (PaScanDialog *self)
{
  guint unseen = pa_scan_credentials_count_unseen (G_LIST_MODEL (self->credentials));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->confirmation != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirmation));
      return TRUE;
    }
  if (confirm_discard_rows (self))
    return TRUE;
  if (self->close_confirmed || unseen == 0)
    return FALSE;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The SIP password of %u new phone has not been viewed "
                                       "or copied. It is shown only once: after closing it can "
                                       "only be replaced with a new one.",
                                       "The SIP passwords of %u new phones have not been viewed "
                                       "or copied. They are shown only once: after closing they "
                                       "can only be replaced with new ones.",
                                       unseen),
                          unseen);
  dialog = pa_choice_dialog_new (GTK_WINDOW (self), _("Close Without Viewing the Passwords?"),
                                 body, _("_Cancel"), "close", _("_Close Anyway"),
                                 "show", _("_Show Credentials"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response_cb), self, 0);
  self->confirmation = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirmation);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

void
pa_scan_dialog_forget_credentials (PaScanDialog *self)
{
  guint n;

  if (self->summary != NULL)
    gtk_window_destroy (GTK_WINDOW (self->summary));
  if (self->credentials == NULL)
    return;
  n = g_list_model_get_n_items (G_LIST_MODEL (self->credentials));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanCredential) c = g_list_model_get_item (G_LIST_MODEL (self->credentials), i);

      pa_scan_credential_wipe (c);
    }
  g_list_store_remove_all (self->credentials);
  g_hash_table_remove_all (self->credential_by_row);
}

/* ---- public accessors ---------------------------------------------- */

GListModel *
pa_scan_dialog_get_credentials (PaScanDialog *self)
{
  g_return_val_if_fail (PA_IS_SCAN_DIALOG (self), NULL);
  return G_LIST_MODEL (self->credentials);
}

PaScanCredential *
pa_scan_dialog_get_row_credential (PaScanDialog *self,
                                   PaScanRow    *row)
{
  g_return_val_if_fail (PA_IS_SCAN_DIALOG (self), NULL);
  g_return_val_if_fail (PA_IS_SCAN_ROW (row), NULL);
  return g_hash_table_lookup (self->credential_by_row, row);
}

GtkWidget *
pa_scan_dialog_get_credentials_dialog (PaScanDialog *self)
{
  g_return_val_if_fail (PA_IS_SCAN_DIALOG (self), NULL);
  return self->summary;
}

AdwMessageDialog *
pa_scan_dialog_get_confirmation (PaScanDialog *self)
{
  g_return_val_if_fail (PA_IS_SCAN_DIALOG (self), NULL);
  return self->confirmation;
}
