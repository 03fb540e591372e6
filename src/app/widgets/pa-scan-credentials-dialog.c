/* pa-scan-credentials-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-scan-credentials-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-file-chooser.h"

#include "pa-scan-credentials-dialog.h"
#include "pa-toast.h"

struct _PaScanCredentialsDialog
{
  AdwWindow             parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkListBox           *phones_list;

  GListModel           *credentials;     /* of PaScanCredential */
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *confirmation;    /* weak */
  AdwToast             *toast;           /* weak: the one showing */
  gboolean              close_confirmed;
};

G_DEFINE_FINAL_TYPE (PaScanCredentialsDialog, pa_scan_credentials_dialog, ADW_TYPE_WINDOW)

static void
show_toast (PaScanCredentialsDialog *self,
            const char              *title)
{
  /* Quick copies would queue a toast each; reword the one showing instead. */
  if (self->toast != NULL)
    {
      adw_toast_set_title (self->toast, title);
      return;
    }
  self->toast = pa_toast_new (title);
  adw_toast_set_timeout (self->toast, 3);
  g_object_add_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
  pa_toast_add (self->toast_overlay, self->toast);
}

static void
mark_all_saved (PaScanCredentialsDialog *self)
{
  guint n = g_list_model_get_n_items (self->credentials);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanCredential) c = g_list_model_get_item (self->credentials, i);

      pa_scan_credential_set_saved (c, TRUE);
    }
}

/* ---- the rows ------------------------------------------------------- */

static GtkWidget *
copy_button (guint       position,
             const char *field,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("edit-copy-symbolic");

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "credentials.copy");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(us)", position, field);
  return button;
}

/* The value is what the user reads and types into a phone: normal size,
 * wrapped, monospace where l/I/1 must not be confused; the caption above
 * it small. (AdwActionRow would show it as a dim subtitle.) */
static void
add_value_row (AdwExpanderRow *expander,
               guint           position,
               const char     *field,
               const char     *title,
               const char     *value,
               gboolean        monospace,
               const char     *tooltip)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *caption = gtk_label_new (title);
  gboolean known = value != NULL && *value != '\0';
  GtkWidget *label = gtk_label_new (known ? value : _("Not known"));
  GtkWidget *button = copy_button (position, field, tooltip);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_hexpand (box, TRUE);
  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (monospace && known)
    gtk_widget_add_css_class (label, "monospace");
  if (!known)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);

  gtk_widget_set_sensitive (button, known);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), box);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_expander_row_add_row (expander, row);
}

static GtkWidget *
create_phone_row (gpointer item,
                  gpointer user_data)
{
  PaScanCredentialsDialog *self = user_data;
  PaScanCredential *c = item;
  GtkWidget *expander = adw_expander_row_new ();
  guint position = 0;
  g_autofree char *copy_name = NULL;
  g_autofree char *copy_mac = NULL;
  g_autofree char *copy_link = NULL;
  g_autofree char *copy_user = NULL;
  g_autofree char *copy_password = NULL;
  const char *name = pa_scan_credential_get_name (c);
  GtkWidget *name_button;

  for (guint n = g_list_model_get_n_items (self->credentials); position < n; position++)
    {
      g_autoptr(GObject) other = g_list_model_get_item (self->credentials, position);

      if (other == item)
        break;
    }

  copy_name = g_strdup_printf (_("Copy the name of “%s”"), name);
  copy_mac = g_strdup_printf (_("Copy the MAC address of “%s”"), name);
  copy_link = g_strdup_printf (_("Copy the setup link of “%s”"), name);
  copy_user = g_strdup_printf (_("Copy the SIP username of “%s”"), name);
  copy_password = g_strdup_printf (_("Copy the SIP password of “%s”"), name);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), pa_scan_credential_get_mac (c));
  /* A handful fit on screen open; for a whole batch the names come first. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander),
                                 g_list_model_get_n_items (self->credentials) <= 4);
  name_button = copy_button (position, "name", copy_name);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), name_button);

  add_value_row (ADW_EXPANDER_ROW (expander), position, "mac", _("MAC Address"),
                 pa_scan_credential_get_mac (c), TRUE, copy_mac);
  add_value_row (ADW_EXPANDER_ROW (expander), position, "link", _("Setup Link"),
                 pa_scan_credential_get_setup_link (c), FALSE, copy_link);
  add_value_row (ADW_EXPANDER_ROW (expander), position, "username", _("SIP Username"),
                 pa_scan_credential_get_username (c), TRUE, copy_user);
  add_value_row (ADW_EXPANDER_ROW (expander), position, "password", _("SIP Password"),
                 pa_scan_credential_get_password (c), TRUE, copy_password);
  return expander;
}

/* ---- actions -------------------------------------------------------- */

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PaScanCredentialsDialog *self = PA_SCAN_CREDENTIALS_DIALOG (widget);
  g_autoptr(PaScanCredential) c = NULL;
  const char *field = NULL;
  const char *value = NULL;
  const char *done = NULL;
  guint position;

  g_variant_get (parameter, "(u&s)", &position, &field);
  c = g_list_model_get_item (self->credentials, position);
  if (c == NULL)
    return;

  if (g_str_equal (field, "name"))
    {
      value = pa_scan_credential_get_name (c);
      done = _("Name copied");
    }
  else if (g_str_equal (field, "mac"))
    {
      value = pa_scan_credential_get_mac (c);
      done = _("MAC address copied");
    }
  else if (g_str_equal (field, "link"))
    {
      value = pa_scan_credential_get_setup_link (c);
      done = _("Setup link copied");
    }
  else if (g_str_equal (field, "username"))
    {
      value = pa_scan_credential_get_username (c);
      done = _("SIP username copied");
    }
  else if (g_str_equal (field, "password"))
    {
      value = pa_scan_credential_get_password (c);
      done = _("SIP password copied");
    }

  if (value == NULL || *value == '\0')
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), value);
  if (g_str_equal (field, "password"))
    pa_scan_credential_set_saved (c, TRUE);
  show_toast (self, done);
}

static void
copy_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PaScanCredentialsDialog *self = PA_SCAN_CREDENTIALS_DIALOG (widget);
  guint n = g_list_model_get_n_items (self->credentials);
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;

  if (n == 0)
    return;

  text = pa_scan_credentials_to_text (self->credentials);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  memset (text, 0, strlen (text));
  mark_all_saved (self);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "Copied the credentials of %u phone",
                                        "Copied the credentials of %u phones", n), n);
  show_toast (self, title);
}

static void
wipe_free (gpointer data)
{
  memset (data, 0, strlen (data));
  g_free (data);
}

static void
replace_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  mark_all_saved (g_task_get_source_object (task));
  g_task_return_boolean (task, TRUE);
}

void
pa_scan_credentials_dialog_save_csv_async (PaScanCredentialsDialog *self,
                                           GFile                   *file,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *csv;

  g_return_if_fail (PA_IS_SCAN_CREDENTIALS_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_scan_credentials_dialog_save_csv_async);

  csv = pa_scan_credentials_to_csv (self->credentials);
  /* The buffer holds every password: overwrite it once written. */
  bytes = g_bytes_new_with_free_func (csv, strlen (csv), wipe_free, csv);
  /* Private and replacing the destination: a file of passwords must not
   * inherit the permissions of the one it replaces. */
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, replace_done_cb, g_steal_pointer (&task));
}

gboolean
pa_scan_credentials_dialog_save_csv_finish (PaScanCredentialsDialog *self,
                                            GAsyncResult            *result,
                                            GError                 **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  PaScanCredentialsDialog *self = PA_SCAN_CREDENTIALS_DIALOG (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *title = NULL;

  if (!pa_scan_credentials_dialog_save_csv_finish (self, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("Could not save “%s”: %s"), basename, error->message);
    }
  else
    {
      title = g_strdup_printf (_("Saved “%s”"), basename);
    }
  show_toast (self, title);
}

static void
chooser_response_cb (GtkNativeDialog         *chooser,
                     int                      response,
                     PaScanCredentialsDialog *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    pa_scan_credentials_dialog_save_csv_async (self, file, self->cancellable, saved_cb,
                                               g_object_ref (file));
}

GtkFileChooser *
pa_scan_credentials_dialog_get_chooser (PaScanCredentialsDialog *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIALS_DIALOG (self), NULL);

  return self->chooser != NULL ? GTK_FILE_CHOOSER (self->chooser) : NULL;
}

static void
save_csv_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PaScanCredentialsDialog *self = PA_SCAN_CREDENTIALS_DIALOG (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the suggested file name; %s is today's date. */
  g_autofree char *name = g_strdup_printf (_("phone-credentials-%s.csv"), date);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Save Credentials as CSV"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  pa_file_chooser_start_in_documents (GTK_FILE_CHOOSER (self->chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  pa_file_chooser_add_csv_filter (GTK_FILE_CHOOSER (self->chooser));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- closing -------------------------------------------------------- */

static void
confirmation_response_cb (AdwMessageDialog        *dialog,
                          const char              *response,
                          PaScanCredentialsDialog *self)
{
  if (g_str_equal (response, "close"))
    {
      self->close_confirmed = TRUE;
      pa_close_after_response (GTK_WINDOW (self));
    }
}

static gboolean
pa_scan_credentials_dialog_close_request (GtkWindow *window)
{
  PaScanCredentialsDialog *self = PA_SCAN_CREDENTIALS_DIALOG (window);
  guint unsaved = pa_scan_credentials_count_unsaved (self->credentials);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->close_confirmed || unsaved == 0)
    return GTK_WINDOW_CLASS (pa_scan_credentials_dialog_parent_class)->close_request (window);

  if (self->confirmation != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirmation));
      return TRUE;
    }

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u SIP password has not been copied or saved. "
                                       "Once the window it was made in is closed, it cannot "
                                       "be shown again, only replaced with a new one.",
                                       "%u SIP passwords have not been copied or saved. "
                                       "Once the window they were made in is closed, they cannot "
                                       "be shown again, only replaced with new ones.",
                                       unsaved),
                          unsaved);
  dialog = pa_confirm_dialog_new (window, _("Close Without Saving the Passwords?"), body,
                                  _("_Keep Open"), "close", _("_Close"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response_cb), self, 0);
  self->confirmation = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirmation);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
mark_seen (PaScanCredentialsDialog *self)
{
  guint n = g_list_model_get_n_items (self->credentials);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaScanCredential) c = g_list_model_get_item (self->credentials, i);

      pa_scan_credential_set_seen (c, TRUE);
    }
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_scan_credentials_dialog_dispose (GObject *object)
{
  PaScanCredentialsDialog *self = PA_SCAN_CREDENTIALS_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->confirmation != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->confirmation),
                                    (gpointer *) &self->confirmation);
      self->confirmation = NULL;
    }
  if (self->toast != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
      self->toast = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_SCAN_CREDENTIALS_DIALOG);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (pa_scan_credentials_dialog_parent_class)->dispose (object);
}

static void
pa_scan_credentials_dialog_finalize (GObject *object)
{
  PaScanCredentialsDialog *self = PA_SCAN_CREDENTIALS_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pa_scan_credentials_dialog_parent_class)->finalize (object);
}

static void
pa_scan_credentials_dialog_class_init (PaScanCredentialsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pa_scan_credentials_dialog_dispose;
  object_class->finalize = pa_scan_credentials_dialog_finalize;
  window_class->close_request = pa_scan_credentials_dialog_close_request;

  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/widgets/pa-scan-credentials-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PaScanCredentialsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PaScanCredentialsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PaScanCredentialsDialog, phones_list);

  gtk_widget_class_install_action (widget_class, "credentials.copy", "(us)", copy_action);
  gtk_widget_class_install_action (widget_class, "credentials.copy-all", NULL, copy_all_action);
  gtk_widget_class_install_action (widget_class, "credentials.save-csv", NULL, save_csv_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "credentials.copy-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "credentials.save-csv", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pa_scan_credentials_dialog_init (PaScanCredentialsDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pa_scan_credentials_dialog_new (GtkWindow  *parent,
                                GListModel *credentials)
{
  PaScanCredentialsDialog *self;
  guint n;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (credentials), NULL);
  g_return_val_if_fail (g_list_model_get_item_type (credentials) == PA_TYPE_SCAN_CREDENTIAL,
                        NULL);

  self = g_object_new (PA_TYPE_SCAN_CREDENTIALS_DIALOG, "transient-for", parent, NULL);
  self->credentials = g_object_ref (credentials);
  n = g_list_model_get_n_items (credentials);

  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new phone", "%u new phones", n),
                              n);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_list_box_bind_model (self->phones_list, credentials, create_phone_row, self, NULL);
  /* Opening the summary is what "seen" means: the passwords are in it. */
  g_signal_connect_swapped (self, "map", G_CALLBACK (mark_seen), self);

  return GTK_WIDGET (self);
}

GListModel *
pa_scan_credentials_dialog_get_credentials (PaScanCredentialsDialog *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIALS_DIALOG (self), NULL);
  return self->credentials;
}

AdwMessageDialog *
pa_scan_credentials_dialog_get_confirmation (PaScanCredentialsDialog *self)
{
  g_return_val_if_fail (PA_IS_SCAN_CREDENTIALS_DIALOG (self), NULL);
  return self->confirmation;
}
