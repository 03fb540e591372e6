/* pa-phone-editor-errors.c — the phone editor's messages: on the field a
 * failed save concerns, or in the banner above the form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-phone-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pa-mac-entry.h"
#include "pa-phone-editor-private.h"

/* ------------------------------------------------------------------ */
/* Messages on fields and above the form */

static GtkWidget *
row_for_field (PaPhoneEditor *self,
               const char    *field)
{
  g_autofree char *base = NULL;
  static const struct { const char *field; gsize offset; } map[] = {
    { "name", G_STRUCT_OFFSET (PaPhoneEditor, name_row) },
    { "description", G_STRUCT_OFFSET (PaPhoneEditor, description_row) },
    { "mac", G_STRUCT_OFFSET (PaPhoneEditor, mac_row) },
    { "vendor", G_STRUCT_OFFSET (PaPhoneEditor, brand_row) },
    { "model", G_STRUCT_OFFSET (PaPhoneEditor, model_row) },
    { "modules", G_STRUCT_OFFSET (PaPhoneEditor, module_row) },
    { "agent_id", G_STRUCT_OFFSET (PaPhoneEditor, agent_row) },
    { "layout_id", G_STRUCT_OFFSET (PaPhoneEditor, layout_row) },
    { "profile_id", G_STRUCT_OFFSET (PaPhoneEditor, profile_row) },
    { "sip_server", G_STRUCT_OFFSET (PaPhoneEditor, sip_server_row) },
    { "sip_region", G_STRUCT_OFFSET (PaPhoneEditor, region_row) },
    { "timezone", G_STRUCT_OFFSET (PaPhoneEditor, timezone_row) },
    { "local_sip_port", G_STRUCT_OFFSET (PaPhoneEditor, port_row) },
    { "admin_password_mode", G_STRUCT_OFFSET (PaPhoneEditor, password_mode_row) },
    { "admin_password", G_STRUCT_OFFSET (PaPhoneEditor, password_row) },
  };

  if (field == NULL)
    return NULL;
  /* "modules[1].module" concerns the modules row. */
  base = g_strndup (field, strcspn (field, "[."));
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (base, map[i].field))
      return G_STRUCT_MEMBER (GtkWidget *, self, map[i].offset);
  return NULL;
}

void
pa_phone_editor_clear_field_error (PaPhoneEditor *self,
                                   GtkWidget     *row)
{
  GtkWidget *message_row = g_hash_table_lookup (self->error_rows, row);

  gtk_widget_remove_css_class (row, "error");
  if (message_row != NULL)
    {
      GtkWidget *list = gtk_widget_get_parent (message_row);

      if (GTK_IS_LIST_BOX (list))
        gtk_list_box_remove (GTK_LIST_BOX (list), message_row);
      g_hash_table_remove (self->error_rows, row);
    }
}

void
pa_phone_editor_clear_field_errors (PaPhoneEditor *self)
{
  g_autoptr(GList) rows = g_hash_table_get_keys (self->error_rows);

  for (GList *l = rows; l != NULL; l = l->next)
    pa_phone_editor_clear_field_error (self, l->data);
  gtk_widget_remove_css_class (self->mac_row, "error");
}

static void
show_field_error (PaPhoneEditor *self,
                  GtkWidget     *row,
                  const char    *message)
{
  GtkWidget *list = gtk_widget_get_parent (row);

  pa_phone_editor_clear_field_error (self, row);
  gtk_widget_add_css_class (row, "error");

  if (row == self->mac_row)
    {
      /* The MAC entry has its own inline message line; use it. */
      pa_mac_entry_show_message (PA_MAC_ENTRY (self->mac_entry), message);
      gtk_widget_grab_focus (self->mac_entry);
      return;
    }

  if (GTK_IS_LIST_BOX (list))
    {
      GtkWidget *message_row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (message_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (message_row), message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (message_row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (message_row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (message_row), FALSE);
      gtk_widget_add_css_class (message_row, "error");
      gtk_list_box_insert (GTK_LIST_BOX (list), message_row,
                           gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)) + 1);
      g_hash_table_insert (self->error_rows, row, message_row);
    }
  /* Screen readers hear the message with the field. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  gtk_widget_grab_focus (row);
}

void
pa_phone_editor_show_save_error (PaPhoneEditor *self,
                                 const GError  *error)
{
  GtkWidget *row = NULL;
  g_autofree char *message = NULL;

  if (error->domain == PA_CLIENT_ERROR)
    row = row_for_field (self, pa_client_error_get_field (error));
  if (row != NULL)
    {
      show_field_error (self, row, error->message);
      return;
    }

  if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE))
    {
      message = g_strdup_printf (_("The server at %s cannot be reached, so nothing was saved. "
                                   "Your entries are still here; try again once it is running."),
                                 pa_client_get_base_url (pa_repository_get_client (self->repo)));
      /* The technical reason in the tooltip, for whoever fixes the server. */
      pa_editor_show_banner (PA_EDITOR (self), message, error->message, TRUE);
    }
  else if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_STALE))
    {
      pa_editor_show_banner (PA_EDITOR (self),
                             _("This phone was changed elsewhere while you edited it, so nothing "
                               "was saved. Close the editor and open the phone again to see the "
                               "changes."), NULL, FALSE);
    }
  else if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_SERVER))
    {
      message = g_strdup_printf (_("The server failed to save the phone: %s"), error->message);
      pa_editor_show_banner (PA_EDITOR (self), message, NULL, TRUE);
    }
  else
    {
      message = g_strdup_printf (_("Could not save the phone: %s"), error->message);
      pa_editor_show_banner (PA_EDITOR (self), message, NULL, FALSE);
    }
}

