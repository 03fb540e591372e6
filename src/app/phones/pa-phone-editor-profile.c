/* pa-phone-editor-profile.c — the profile a phone uses, and what it
 * inherits from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Inherited Settings group lists, for each setting the phone does
 * not set itself, the value its files get: the nearest profile up its
 * profile's chain that sets it (pa_profile_flatten(), the server's rule),
 * else the server's default. A setting the form sets (a time zone typed,
 * a layout or SIP region chosen, an admin password mode) is the phone's
 * own and leaves the list.
 */
#define G_LOG_DOMAIN "pa-phone-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-phone-editor-private.h"

static gint64
selected_profile (PaPhoneEditor *self)
{
  return pa_phone_editor_selected_id (self->profile_ids, self->profile_row);
}

/* Whether the form sets @member for the phone itself. */
static gboolean
phone_sets (PaPhoneEditor   *self,
            PaProfileMember  member)
{
  switch (member)
    {
    case PA_PROFILE_MEMBER_TIMEZONE:
      {
        const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->timezone_row));
        g_autofree char *text = g_strstrip (g_strdup (typed));

        return text[0] != '\0';
      }
    case PA_PROFILE_MEMBER_LAYOUT:
      return pa_phone_editor_selected_id (self->layout_ids, self->layout_row) != 0;
    case PA_PROFILE_MEMBER_SIP_REGION:
      return pa_phone_editor_selected_string (self->region_ids, self->region_row) != NULL;
    case PA_PROFILE_MEMBER_ADMIN_PASSWORD:
      return adw_combo_row_get_selected (self->password_mode_row) != PA_ADMIN_PASSWORD_NONE;
    case PA_PROFILE_MEMBER_NTP_SERVER:
    case PA_PROFILE_MEMBER_UPDATE_INTERVAL:
    case PA_PROFILE_MEMBER_SIP_TRANSPORT:
    case PA_PROFILE_MEMBER_SRTP:
    case PA_PROFILE_MEMBER_DTMF:
    case PA_PROFILE_MEMBER_CODECS:
      return FALSE;
    case PA_PROFILE_N_MEMBERS:
    default:
      g_return_val_if_reached (FALSE);
    }
}

void
pa_phone_editor_update_inherited (PaPhoneEditor *self)
{
  g_autoptr(PaInheritance) inheritance = NULL;
  GListModel *layouts = pa_repository_get_layouts (self->repo);

  if (self->inherited_rows[0] == NULL)
    return;
  inheritance = pa_inheritance_new (pa_repository_get_profiles (self->repo),
                                    selected_profile (self));
  for (guint m = 0; m < PA_PROFILE_N_MEMBERS; m++)
    {
      PaProfile *source = pa_inheritance_get_source (inheritance, m);
      g_autofree char *value = pa_inheritance_format (inheritance, m, layouts, self->settings);
      g_autofree char *subtitle = NULL;
      g_autofree char *name = NULL;

      gtk_widget_set_visible (GTK_WIDGET (self->inherited_rows[m]), !phone_sets (self, m));
      if (source != NULL)
        subtitle = g_strdup_printf (_("from profile “%s”"), pa_profile_get_name (source));
      else
        subtitle = g_strdup (_("server default"));
      gtk_label_set_text (self->inherited_values[m], value != NULL ? value : "—");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->inherited_values[m]), value);
      adw_action_row_set_subtitle (self->inherited_rows[m], subtitle);
      /* One name for title, value and source, as a screen reader reads a row. */
      name = g_strdup_printf ("%s: %s, %s", pa_profile_member_get_title (m),
                              value != NULL ? value : "—", subtitle);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->inherited_rows[m]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
}

void
pa_phone_editor_set_settings (PaPhoneEditor *self,
                              PaSettings    *settings)
{
  g_set_object (&self->settings, settings);
  pa_phone_editor_update_inherited (self);
}

void
pa_phone_editor_fill_profiles (PaPhoneEditor *self,
                               gint64         preferred)
{
  GListModel *profiles = pa_repository_get_profiles (self->repo);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 none = 0;
  guint position = 0;

  g_array_set_size (self->profile_ids, 0);
  g_array_append_val (self->profile_ids, none);
  gtk_string_list_append (labels, _("None"));
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(PaProfile) profile = g_list_model_get_item (profiles, i);
      gint64 id = pa_resource_get_id (PA_RESOURCE (profile));

      if (id == preferred)
        position = self->profile_ids->len;
      g_array_append_val (self->profile_ids, id);
      gtk_string_list_append (labels, pa_profile_get_name (profile));
    }
  self->updating++;
  adw_combo_row_set_model (self->profile_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->profile_row, position);
  self->updating--;
}

static void
profiles_changed_cb (PaPhoneEditor *self)
{
  pa_phone_editor_fill_profiles (self, selected_profile (self));
  pa_phone_editor_update_inherited (self);
}

static void
watch_profiles (PaPhoneEditor *self,
                GListModel    *profiles,
                guint          position,
                guint          n)
{
  /* Edited in place: a profile renamed, or what it sets changed. */
  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(PaProfile) profile = g_list_model_get_item (profiles, i);

      g_signal_connect_object (profile, "notify", G_CALLBACK (profiles_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
profiles_items_changed_cb (GListModel    *profiles,
                           guint          position,
                           guint          removed,
                           guint          added,
                           PaPhoneEditor *self)
{
  watch_profiles (self, profiles, position, added);
  profiles_changed_cb (self);
}

void
pa_phone_editor_profile_init (PaPhoneEditor *self)
{
  GListModel *profiles = pa_repository_get_profiles (self->repo);

  for (guint m = 0; m < PA_PROFILE_N_MEMBERS; m++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *value = gtk_label_new (NULL);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pa_profile_member_get_title (m));
      gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (value), 30);
      gtk_label_set_xalign (GTK_LABEL (value), 1);
      gtk_widget_add_css_class (value, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      adw_preferences_group_add (self->inherited_group, row);
      self->inherited_rows[m] = ADW_ACTION_ROW (row);
      self->inherited_values[m] = GTK_LABEL (value);
    }

  watch_profiles (self, profiles, 0, g_list_model_get_n_items (profiles));
  g_signal_connect_object (profiles, "items-changed", G_CALLBACK (profiles_items_changed_cb),
                           self, 0);
}
