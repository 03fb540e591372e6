/* pa-confirm-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-confirm-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"

GtkWidget *
pa_confirm_dialog_new (GtkWindow  *parent,
                       const char *heading,
                       const char *body,
                       const char *cancel_label,
                       const char *response_id,
                       const char *response_label)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (response_id != NULL, NULL);

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", cancel_label,
                                    response_id, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response_id,
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* A slip of Enter or Escape must not destroy anything. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

GtkWidget *
pa_choice_dialog_new (GtkWindow  *parent,
                      const char *heading,
                      const char *body,
                      const char *cancel_label,
                      const char *destructive_id,
                      const char *destructive_label,
                      const char *suggested_id,
                      const char *suggested_label)
{
  GtkWidget *dialog;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (destructive_id != NULL && suggested_id != NULL, NULL);

  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", cancel_label,
                                    destructive_id, destructive_label,
                                    suggested_id, suggested_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), destructive_id,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), suggested_id,
                                              ADW_RESPONSE_SUGGESTED);
  /* Enter takes the safe way that still gets on; Escape changes nothing. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), suggested_id);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

#define DISCARD_CONFIRMED "pa-discard-confirmed"

void
pa_confirm_discard_done (GtkWindow *window)
{
  g_object_set_data (G_OBJECT (window), DISCARD_CONFIRMED, GINT_TO_POINTER (TRUE));
}

static gboolean
close_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

void
pa_close_after_response (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_cb, g_object_ref (window), g_object_unref);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     GtkWindow        *window)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  pa_confirm_discard_done (window);
  pa_close_after_response (window);
}

gboolean
pa_confirm_discard (GtkWindow  *window,
                    gboolean    dirty,
                    const char *body)
{
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WINDOW (window), FALSE);

  if (!dirty || g_object_get_data (G_OBJECT (window), DISCARD_CONFIRMED) != NULL)
    return FALSE;
  dialog = pa_confirm_dialog_new (window, _("Discard Changes?"), body,
                                  _("_Keep Editing"), "discard", _("_Discard"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), window, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}
