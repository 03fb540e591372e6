/* pa-connect-dialog.c — "Connect to Server…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-accessible-names.h"

#include "pa-client.h"
#include "pa-connect-dialog.h"

struct _PaConnectDialog
{
  AdwWindow        parent_instance;

  PaConnection    *connection;
  GCancellable    *cancellable;
  GTlsCertificate *untrusted;   /* the certificate the last TLS error showed */
  gboolean         busy;

  GtkWidget       *connect_button;
  GtkWidget       *spinner;
  AdwEntryRow     *url_row;
  AdwEntryRow     *token_row;
  GtkRevealer     *error_revealer;
  GtkLabel        *error_label;
  GtkRevealer     *tls_revealer;
  GtkLabel        *fingerprint_label;
  GtkWidget       *other_group;
  GtkWidget       *local_row;
  AdwActionRow    *forget_row;
};

G_DEFINE_FINAL_TYPE (PaConnectDialog, pa_connect_dialog, ADW_TYPE_WINDOW)

static gboolean
has_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0';
}

static void
update_actions (PaConnectDialog *self)
{
  g_autofree char *configured = NULL;
  gboolean is_local;
  gboolean show_local;

  /* The template's own set-up fires "changed" before there is a connection. */
  if (self->connection == NULL)
    return;
  configured = pa_connection_dup_configured_url (self->connection);
  is_local = pa_connection_get_is_local (self->connection);
  show_local = !is_local || configured != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect",
                                 !self->busy && has_text (self->url_row)
                                 && has_text (self->token_row));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.trust-certificate",
                                 !self->busy && self->untrusted != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.use-local",
                                 !self->busy && show_local);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.forget",
                                 !self->busy && configured != NULL);

  gtk_widget_set_visible (self->local_row, show_local);
  gtk_widget_set_visible (GTK_WIDGET (self->forget_row), configured != NULL);
  if (configured != NULL)
    adw_action_row_set_subtitle (self->forget_row, configured);
  gtk_widget_set_visible (self->other_group, show_local || configured != NULL);

  gtk_widget_set_visible (self->spinner, self->busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->busy);
  /* Not insensitive: that would take the focus from under the cursor. */
  gtk_editable_set_editable (GTK_EDITABLE (self->url_row), !self->busy);
  gtk_editable_set_editable (GTK_EDITABLE (self->token_row), !self->busy);
}

static void
set_busy (PaConnectDialog *self,
          gboolean         busy)
{
  self->busy = busy;
  if (busy)
    gtk_revealer_set_reveal_child (self->error_revealer, FALSE);
  update_actions (self);
}

static void
forget_untrusted (PaConnectDialog *self)
{
  g_clear_object (&self->untrusted);
  gtk_revealer_set_reveal_child (self->tls_revealer, FALSE);
}

/* What was typed stays; only the message changes, next to the row it
 * concerns, which gets the focus so it can be fixed at once. */
static void
show_error (PaConnectDialog *self,
            const GError    *error)
{
  GtkWidget *focus = NULL;

  gtk_label_set_text (self->error_label, error->message);
  gtk_revealer_set_reveal_child (self->error_revealer, TRUE);

  if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_TLS)
      && pa_client_error_get_certificate (error) != NULL)
    {
      GTlsCertificate *cert = pa_client_error_get_certificate (error);
      g_autofree char *fingerprint = pa_certificate_fingerprint (cert);
      g_autofree char *text = g_strdup_printf (_("SHA-256: %s"), fingerprint);

      g_set_object (&self->untrusted, cert);
      gtk_label_set_text (self->fingerprint_label, text);
      gtk_revealer_set_reveal_child (self->tls_revealer, TRUE);
    }
  else
    forget_untrusted (self);

  if (error->domain == PA_CONNECTION_ERROR && error->code == PA_CONNECTION_ERROR_INVALID_URL)
    focus = GTK_WIDGET (self->url_row);
  else if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNAUTHORIZED)
           || g_error_matches (error, PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_EMPTY_TOKEN))
    focus = GTK_WIDGET (self->token_row);
  else if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE))
    focus = GTK_WIDGET (self->url_row);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);

  update_actions (self);
}

static void
operation_done (PaConnectDialog *self,
                gboolean         ok,
                GError          *error)
{
  /* Closed meanwhile: the widgets are gone. */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  set_busy (self, FALSE);
  if (ok)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error);
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PaConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = pa_connection_connect_to_server_finish (PA_CONNECTION (source), result, &error);
  operation_done (self, ok, error);
}

static void
start_connect (PaConnectDialog *self,
               GTlsCertificate *trusted)
{
  set_busy (self, TRUE);
  pa_connection_connect_to_server_async (self->connection,
                                         gtk_editable_get_text (GTK_EDITABLE (self->url_row)),
                                         gtk_editable_get_text (GTK_EDITABLE (self->token_row)),
                                         trusted, self->cancellable,
                                         connect_cb, g_object_ref (self));
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaConnectDialog *self = PA_CONNECT_DIALOG (widget);

  if (self->busy)
    return;
  /* A plain Connect never trusts anything by itself. */
  start_connect (self, NULL);
}

static void
trust_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PaConnectDialog *self = PA_CONNECT_DIALOG (widget);
  g_autoptr(GTlsCertificate) cert = NULL;

  if (self->busy || self->untrusted == NULL)
    return;
  cert = g_object_ref (self->untrusted);
  start_connect (self, cert);
}

static void
local_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PaConnectDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (g_task_get_source_tag (G_TASK (result)) == pa_connection_forget_server_async)
    ok = pa_connection_forget_server_finish (PA_CONNECTION (source), result, &error);
  else
    ok = pa_connection_use_local_finish (PA_CONNECTION (source), result, &error);
  operation_done (self, ok, error);
}

static void
use_local_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PaConnectDialog *self = PA_CONNECT_DIALOG (widget);

  if (self->busy)
    return;
  set_busy (self, TRUE);
  pa_connection_use_local_async (self->connection, self->cancellable,
                                 local_cb, g_object_ref (self));
}

static void
forget_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PaConnectDialog *self = PA_CONNECT_DIALOG (widget);

  if (self->busy)
    return;
  set_busy (self, TRUE);
  pa_connection_forget_server_async (self->connection, self->cancellable,
                                     local_cb, g_object_ref (self));
}

static void
url_changed_cb (PaConnectDialog *self)
{
  /* A trusted certificate belongs to one server: a new address asks again. */
  forget_untrusted (self);
  update_actions (self);
}

static void
token_changed_cb (PaConnectDialog *self)
{
  update_actions (self);
}

static void
entry_activated_cb (PaConnectDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "connect.connect", NULL);
}

static gboolean
pa_connect_dialog_close_request (GtkWindow *window)
{
  PaConnectDialog *self = PA_CONNECT_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (pa_connect_dialog_parent_class)->close_request (window);
}

static void
pa_connect_dialog_dispose (GObject *object)
{
  PaConnectDialog *self = PA_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_CONNECT_DIALOG);

  G_OBJECT_CLASS (pa_connect_dialog_parent_class)->dispose (object);
}

static void
pa_connect_dialog_finalize (GObject *object)
{
  PaConnectDialog *self = PA_CONNECT_DIALOG (object);

  g_clear_object (&self->connection);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->untrusted);

  G_OBJECT_CLASS (pa_connect_dialog_parent_class)->finalize (object);
}

static void
pa_connect_dialog_class_init (PaConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pa_connect_dialog_dispose;
  object_class->finalize = pa_connect_dialog_finalize;
  window_class->close_request = pa_connect_dialog_close_request;

  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/connection/"
                                               "pa-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, token_row);
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, error_revealer);
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, tls_revealer);
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, other_group);
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, local_row);
  gtk_widget_class_bind_template_child (widget_class, PaConnectDialog, forget_row);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, token_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "connect.trust-certificate", NULL,
                                   trust_action);
  gtk_widget_class_install_action (widget_class, "connect.use-local", NULL, use_local_action);
  gtk_widget_class_install_action (widget_class, "connect.forget", NULL, forget_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pa_connect_dialog_init (PaConnectDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pa_connect_dialog_new (GtkWindow    *parent,
                       PaConnection *connection)
{
  PaConnectDialog *self;
  g_autofree char *configured = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PA_IS_CONNECTION (connection), NULL);

  self = g_object_new (PA_TYPE_CONNECT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->connection = g_object_ref (connection);

  configured = pa_connection_dup_configured_url (connection);
  if (configured != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), configured);
  update_actions (self);
  pa_focus_when_shown (GTK_WINDOW (self), GTK_WIDGET (self->url_row));

  return GTK_WIDGET (self);
}
