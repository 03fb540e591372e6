/* pa-scan-dialog-rows.c — the scan dialog's list rows: one per scanned
 * MAC, showing its brand and model, its state, and whether its SIP
 * password is still to be viewed; expanded, its name and model can be
 * changed until it is created
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-scan-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-catalog.h"
#include "pa-scan-dialog-private.h"

static char *
row_subtitle (PaScanRow        *row,
              PaScanCredential *credential)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaDeviceModel *model = pa_scan_row_get_model_id (row) != NULL
                         ? pa_catalog_get_model (catalog, pa_scan_row_get_model_id (row))
                         : NULL;
  PaVendor *vendor = model != NULL
                     ? pa_catalog_get_vendor (catalog, pa_device_model_get_vendor_id (model))
                     : NULL;
  PaVendor *detected = pa_scan_row_get_vendor_id (row) != NULL
                       ? pa_catalog_get_vendor (catalog, pa_scan_row_get_vendor_id (row))
                       : NULL;
  g_autoptr(GString) s = g_string_new (pa_scan_row_get_mac (row));

  /* " · " joins the parts of one line, as GNOME lists do. */
  if (model != NULL && vendor != NULL)
    g_string_append_printf (s, " · %s %s", pa_vendor_get_name (vendor),
                            pa_device_model_get_name (model));
  else if (detected != NULL)
    g_string_append_printf (s, " · %s", pa_vendor_get_name (detected));
  else
    g_string_append_printf (s, " · %s", _("Unknown vendor"));

  if (pa_scan_row_get_state (row) == PA_SCAN_ROW_CREATED)
    {
      g_string_append_printf (s, " · %s", _("Created"));
      if (credential != NULL && pa_scan_credential_get_password (credential) != NULL)
        {
          const char *what = pa_scan_credential_get_saved (credential)
                             ? _("SIP password copied or saved")
                             : pa_scan_credential_get_seen (credential)
                             ? _("SIP password viewed, not saved yet")
                             : _("SIP password ready: Show Credentials…");

          g_string_append_printf (s, "\n%s", what);
        }
    }
  else if (pa_scan_row_get_model_id (row) == NULL)
    g_string_append_printf (s, "\n%s", _("Model not chosen yet"));

  if (pa_scan_row_get_state (row) == PA_SCAN_ROW_FAILED && pa_scan_row_get_message (row))
    g_string_append_printf (s, "\n%s", pa_scan_row_get_message (row));

  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void credential_notify_cb (PaScanCredential *credential,
                                  GParamSpec       *pspec,
                                  GtkWidget        *widget);

static void
update_row_widget (GtkWidget *widget,
                   PaScanRow *row)
{
  GtkWidget *status = g_object_get_data (G_OBJECT (widget), "pa-status");
  GtkWidget *spinner = g_object_get_data (G_OBJECT (widget), "pa-spinner");
  GtkWidget *remove = g_object_get_data (G_OBJECT (widget), "pa-remove");
  GtkWidget *key = g_object_get_data (G_OBJECT (widget), "pa-key");
  PaScanDialog *self = g_object_get_data (G_OBJECT (widget), "pa-scan-dialog");
  PaScanCredential *credential = self != NULL && self->credential_by_row != NULL
                                 ? g_hash_table_lookup (self->credential_by_row, row)
                                 : NULL;
  gboolean has_password = credential != NULL
                          && pa_scan_credential_get_password (credential) != NULL;
  g_autofree char *subtitle = row_subtitle (row, credential);
  PaScanRowState state = pa_scan_row_get_state (row);

  if (credential != NULL && g_object_get_data (G_OBJECT (widget), "pa-credential") != credential)
    {
      g_object_set_data (G_OBJECT (widget), "pa-credential", credential);
      g_signal_connect_object (credential, "notify", G_CALLBACK (credential_notify_cb),
                               widget, 0);
    }
  gtk_widget_set_visible (key, has_password);
  if (has_password)
    gtk_widget_set_tooltip_text (key, pa_scan_credential_get_saved (credential)
                                      ? _("SIP password copied or saved")
                                      : _("SIP password available until this window closes"));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (widget), subtitle);

  gtk_widget_remove_css_class (status, "success");
  gtk_widget_remove_css_class (status, "error");
  gtk_widget_set_visible (status, state == PA_SCAN_ROW_CREATED || state == PA_SCAN_ROW_FAILED);
  if (state == PA_SCAN_ROW_CREATED)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (status), "emblem-ok-symbolic");
      gtk_widget_add_css_class (status, "success");
      gtk_widget_set_tooltip_text (status, _("Created"));
    }
  else if (state == PA_SCAN_ROW_FAILED)
    {
      gtk_image_set_from_icon_name (GTK_IMAGE (status), "dialog-error-symbolic");
      gtk_widget_add_css_class (status, "error");
      gtk_widget_set_tooltip_text (status, pa_scan_row_get_message (row));
    }
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), state == PA_SCAN_ROW_SAVING);
  gtk_widget_set_visible (spinner, state == PA_SCAN_ROW_SAVING);
  gtk_widget_set_sensitive (remove, state != PA_SCAN_ROW_SAVING);

  /* What the user may still change, and only while it may change. */
  {
    AdwEntryRow *name_row = g_object_get_data (G_OBJECT (widget), "pa-name-row");
    AdwComboRow *model_row = g_object_get_data (G_OBJECT (widget), "pa-model-row");
    gboolean editable = state != PA_SCAN_ROW_CREATED && state != PA_SCAN_ROW_SAVING;
    GListModel *choices = adw_combo_row_get_model (model_row);
    guint position = pa_scan_dialog_model_position (choices, pa_scan_row_get_model_id (row));

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), pa_scan_row_get_name (row));
    if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (name_row)), pa_scan_row_get_name (row)) != 0)
      gtk_editable_set_text (GTK_EDITABLE (name_row), pa_scan_row_get_name (row));
    /* Position 1 of a one-model brand means "not chosen" only when the
     * row has no model; it is that model otherwise. */
    if (pa_scan_row_get_model_id (row) == NULL)
      position = 0;
    if (adw_combo_row_get_selected (model_row) != position)
      adw_combo_row_set_selected (model_row, position);
    adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (widget), editable);
    if (!editable)
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), FALSE);
  }
}

static void
scan_row_notify_cb (PaScanRow  *row,
                    GParamSpec *pspec,
                    GtkWidget  *widget)
{
  update_row_widget (widget, row);
}

static void
credential_notify_cb (PaScanCredential *credential,
                      GParamSpec       *pspec,
                      GtkWidget        *widget)
{
  PaScanRow *row = g_object_get_data (G_OBJECT (widget), "pa-row");

  if (row != NULL)
    update_row_widget (widget, row);
}

static void
remove_clicked_cb (GtkButton *button,
                   PaScanRow *row)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (button), PA_TYPE_SCAN_DIALOG);
  guint position;

  if (dialog != NULL
      && g_list_store_find (PA_SCAN_DIALOG (dialog)->rows, row, &position))
    gtk_widget_activate_action (dialog, "scan.remove-row", "u", position);
}

static void
name_changed_cb (GtkEditable *editable,
                 PaScanRow   *row)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  /* An empty name would be refused by the server; the row keeps its last. */
  if (name[0] != '\0')
    pa_scan_row_set_name (row, name);
}

static void
model_chosen_cb (AdwComboRow *model_row,
                 GParamSpec  *pspec,
                 PaScanRow   *row)
{
  PaScanDialog *self = g_object_get_data (G_OBJECT (model_row), "pa-scan-dialog");
  gpointer item = adw_combo_row_get_selected_item (model_row);
  PaDeviceModel *model = PA_IS_DEVICE_MODEL (item) ? item : NULL;

  if (self == NULL
      || g_strcmp0 (model != NULL ? pa_device_model_get_id (model) : NULL,
                    pa_scan_row_get_model_id (row)) == 0)
    return;
  pa_scan_dialog_set_row_model (self, row, model);
}

GtkWidget *
pa_scan_dialog_create_row_widget (gpointer item,
                                  gpointer user_data)
{
  PaScanRow *row = item;
  GtkWidget *widget = adw_expander_row_new ();
  GtkWidget *key = gtk_image_new_from_icon_name ("dialog-password-symbolic");
  GtkWidget *status = gtk_image_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GtkWidget *name_row = adw_entry_row_new ();
  GtkWidget *model_row = adw_combo_row_new ();
  g_autoptr(GListModel) choices = pa_scan_dialog_model_choices (pa_scan_row_get_vendor_id (row));
  g_autoptr(GtkExpression) model_name = pa_scan_dialog_model_expression ();
  g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), pa_scan_row_get_mac (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), pa_scan_row_get_name (row));

  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, remove_label);
  g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_clicked_cb), row, 0);

  adw_expander_row_add_action (ADW_EXPANDER_ROW (widget), spinner);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (widget), key);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (widget), status);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (widget), remove);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (name_row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (name_row), pa_scan_row_get_name (row));
  g_signal_connect_object (name_row, "changed", G_CALLBACK (name_changed_cb), row, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (widget), name_row);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (model_row), _("Model"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (model_row), FALSE);
  adw_combo_row_set_expression (ADW_COMBO_ROW (model_row), model_name);
  adw_combo_row_set_model (ADW_COMBO_ROW (model_row), choices);
  adw_combo_row_set_selected (ADW_COMBO_ROW (model_row),
                              pa_scan_row_get_model_id (row) != NULL
                              ? pa_scan_dialog_model_position (choices, pa_scan_row_get_model_id (row))
                              : 0);
  g_object_set_data (G_OBJECT (model_row), "pa-scan-dialog", user_data);
  g_signal_connect_object (model_row, "notify::selected", G_CALLBACK (model_chosen_cb), row, 0);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (widget), model_row);

  g_object_set_data (G_OBJECT (widget), "pa-status", status);
  g_object_set_data (G_OBJECT (widget), "pa-spinner", spinner);
  g_object_set_data (G_OBJECT (widget), "pa-remove", remove);
  g_object_set_data (G_OBJECT (widget), "pa-key", key);
  g_object_set_data (G_OBJECT (widget), "pa-name-row", name_row);
  g_object_set_data (G_OBJECT (widget), "pa-model-row", model_row);
  g_object_set_data_full (G_OBJECT (widget), "pa-row", g_object_ref (row), g_object_unref);
  g_object_set_data (G_OBJECT (widget), "pa-scan-dialog", user_data);
  update_row_widget (widget, row);
  g_signal_connect_object (row, "notify", G_CALLBACK (scan_row_notify_cb), widget, 0);
  return widget;
}
