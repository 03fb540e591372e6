/* pa-credentials-dialog.c — a phone's setup link, SIP username and (once) password
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-credentials-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-credentials-dialog.h"
#include "pa-window-size.h"

struct _PaCredentialsDialog
{
  AdwWindow parent_instance;

  AdwActionRow *link_row;
  AdwActionRow *username_row;
  AdwActionRow *password_row;
  AdwActionRow *admin_password_row;
  GtkWidget    *link_copy;
  GtkWidget    *username_copy;
  GtkWidget    *password_copy;
  GtkWidget    *admin_password_copy;
  GtkWidget    *once_box;
  GtkLabel     *once_label;
  GtkLabel     *note_label;
  GtkWidget    *page;

  char *setup_link;
  char *username;
  char *password;
  char *admin_password;
  gboolean password_copied;
  gboolean close_confirmed;
};

G_DEFINE_FINAL_TYPE (PaCredentialsDialog, pa_credentials_dialog, ADW_TYPE_WINDOW)

static void
copy_clicked_cb (GtkButton           *button,
                 PaCredentialsDialog *self)
{
  const char *text = NULL;

  if (GTK_WIDGET (button) == self->link_copy)
    text = self->setup_link;
  else if (GTK_WIDGET (button) == self->username_copy)
    text = self->username;
  else if (GTK_WIDGET (button) == self->password_copy)
    text = self->password;
  else if (GTK_WIDGET (button) == self->admin_password_copy)
    text = self->admin_password;

  if (text == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  if (GTK_WIDGET (button) == self->password_copy)
    self->password_copied = TRUE;
  /* Tell the user it worked: the button shows a check mark for a moment. */
  gtk_button_set_icon_name (button, "object-select-symbolic");
}

static void
set_value (AdwActionRow *row,
           GtkWidget    *copy_button,
           const char   *value)
{
  gboolean known = value != NULL && value[0] != '\0';

  adw_action_row_set_subtitle (row, known ? value : _("Not known"));
  gtk_widget_set_sensitive (copy_button, known);
}

static void
close_question_cb (AdwMessageDialog    *question,
                   const char          *response,
                   PaCredentialsDialog *self)
{
  if (g_str_equal (response, "copy"))
    {
      gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->password);
      self->password_copied = TRUE;
    }
  else if (!g_str_equal (response, "close"))
    return;
  self->close_confirmed = TRUE;
  pa_close_after_response (GTK_WINDOW (self));
}

/* The password is shown this once: closing before it was copied asks, and
 * offers to copy it on the way out. */
static gboolean
pa_credentials_dialog_close_request (GtkWindow *window)
{
  PaCredentialsDialog *self = PA_CREDENTIALS_DIALOG (window);
  GtkWidget *question;

  if (self->password == NULL || self->password_copied || self->close_confirmed)
    return GTK_WINDOW_CLASS (pa_credentials_dialog_parent_class)->close_request (window);

  question = pa_choice_dialog_new (window, _("Close Without Copying the Password?"),
                                   _("The SIP password is shown only this once. After "
                                     "closing, it can only be replaced with a new one."),
                                   _("_Keep Open"), "close", _("Close _Anyway"),
                                   "copy", _("_Copy and Close"));
  g_signal_connect_object (question, "response", G_CALLBACK (close_question_cb), self, 0);
  gtk_window_present (GTK_WINDOW (question));
  return TRUE;
}

static void
pa_credentials_dialog_finalize (GObject *object)
{
  PaCredentialsDialog *self = PA_CREDENTIALS_DIALOG (object);

  g_clear_pointer (&self->setup_link, g_free);
  g_clear_pointer (&self->username, g_free);
  /* It was shown once; do not leave it lying in freed memory either. */
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  if (self->admin_password != NULL)
    memset (self->admin_password, 0, strlen (self->admin_password));
  g_clear_pointer (&self->admin_password, g_free);

  G_OBJECT_CLASS (pa_credentials_dialog_parent_class)->finalize (object);
}

static void
pa_credentials_dialog_class_init (PaCredentialsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = pa_credentials_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = pa_credentials_dialog_close_request;

  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/phones/pa-credentials-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, link_row);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, username_row);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, link_copy);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, username_copy);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, password_copy);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, admin_password_row);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, once_label);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, admin_password_copy);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, once_box);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, note_label);
  gtk_widget_class_bind_template_child (widget_class, PaCredentialsDialog, page);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pa_credentials_dialog_init (PaCredentialsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pa_preferences_page_fit_content (self->page, 640);
}

GtkWidget *
pa_credentials_dialog_new (GtkWindow  *parent,
                           const char *setup_link,
                           const char *username,
                           const char *password)
{
  PaCredentialsDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (PA_TYPE_CREDENTIALS_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->setup_link = g_strdup (setup_link);
  self->username = g_strdup (username);
  self->password = g_strdup (password);

  set_value (self->link_row, self->link_copy, setup_link);
  set_value (self->username_row, self->username_copy, username);
  if (password != NULL)
    {
      set_value (self->password_row, self->password_copy, password);
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->password_row), FALSE);
      gtk_widget_set_visible (self->once_box, FALSE);
    }

  return GTK_WIDGET (self);
}

void
pa_credentials_dialog_set_admin_password (PaCredentialsDialog *self,
                                          const char          *password)
{
  g_return_if_fail (PA_IS_CREDENTIALS_DIALOG (self));

  if (password == NULL || password[0] == '\0')
    return;
  g_free (self->admin_password);
  self->admin_password = g_strdup (password);
  set_value (self->admin_password_row, self->admin_password_copy, password);
  gtk_widget_set_visible (GTK_WIDGET (self->admin_password_row), TRUE);
  gtk_widget_set_visible (self->once_box, TRUE);
  gtk_label_set_text (self->once_label,
                      _("These passwords will not be shown again. Copy them now and keep them "
                        "somewhere safe; a lost SIP password can be replaced by a new one."));
}

const char *
pa_credentials_dialog_get_admin_password (PaCredentialsDialog *self)
{
  g_return_val_if_fail (PA_IS_CREDENTIALS_DIALOG (self), NULL);
  return self->admin_password;
}

void
pa_credentials_dialog_set_note (PaCredentialsDialog *self,
                                const char          *note)
{
  g_return_if_fail (PA_IS_CREDENTIALS_DIALOG (self));

  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && note[0] != '\0');
}

const char *
pa_credentials_dialog_get_setup_link (PaCredentialsDialog *self)
{
  g_return_val_if_fail (PA_IS_CREDENTIALS_DIALOG (self), NULL);
  return self->setup_link;
}

const char *
pa_credentials_dialog_get_username (PaCredentialsDialog *self)
{
  g_return_val_if_fail (PA_IS_CREDENTIALS_DIALOG (self), NULL);
  return self->username;
}

const char *
pa_credentials_dialog_get_password (PaCredentialsDialog *self)
{
  g_return_val_if_fail (PA_IS_CREDENTIALS_DIALOG (self), NULL);
  return self->password;
}
