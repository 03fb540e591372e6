/* pa-profile-editor-rows.c — the profile editor's settings: each row's
 * choices, its own value, and what it inherits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A row that inherits shows the value pa_profile_flatten() gives the
 * parent chosen in the form (else the server's default) and where it
 * comes from; Override makes that value the profile's own, in the row's
 * editor, and Reset goes back to inheriting.
 */
#define G_LOG_DOMAIN "pa-profile-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-layouts-page.h"
#include "pa-profile-editor-private.h"
#include "pa-time-zones.h"

/* The drop-downs' items, as the JSON spells them, in the .ui's order. */
static const char * const transports[] = { "udp", "tcp", "tls", NULL };
static const char * const srtp_modes[] = { "on", "off", NULL };
static const char * const dtmf_modes[] = { "rfc2833", "inband", "info", NULL };
static const PaAdminPasswordMode admin_modes[] = { PA_ADMIN_PASSWORD_GENERATED,
                                                   PA_ADMIN_PASSWORD_MANUAL };

static guint
index_in (const char * const *values,
          const char         *value)
{
  for (guint i = 0; value != NULL && values[i] != NULL; i++)
    if (g_ascii_strcasecmp (values[i], value) == 0)
      return i;
  return 0;
}

static const char *
value_at (const char * const *values,
          GtkDropDown        *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected < g_strv_length ((char **) values) ? values[selected] : NULL;
}

static int
member_of_row (PaProfileEditor *self,
               PaInheritRow    *row)
{
  for (guint i = 0; i < PA_PROFILE_N_MEMBERS; i++)
    if (self->rows[i] == row)
      return (int) i;
  return -1;
}

static gint64
selected_layout (PaProfileEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->layout_dropdown);

  return selected < self->layout_ids->len ? g_array_index (self->layout_ids, gint64, selected) : 0;
}

static const char *
selected_region (PaProfileEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->region_dropdown);

  return selected < self->region_names->len ? g_ptr_array_index (self->region_names, selected)
                                            : NULL;
}

static char *
ntp_text (PaProfileEditor *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->ntp_entry));
  g_autofree char *text = g_strstrip (g_strdup (typed));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

/* ---- choices ------------------------------------------------------------ */

void
pa_profile_editor_fill_layouts (PaProfileEditor *self)
{
  GListModel *layouts = pa_repository_get_layouts (self->repo);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 keep = selected_layout (self);
  guint position = GTK_INVALID_LIST_POSITION;

  g_array_set_size (self->layout_ids, 0);
  for (guint i = 0; i < g_list_model_get_n_items (layouts); i++)
    {
      g_autoptr(PaLayout) layout = g_list_model_get_item (layouts, i);
      gint64 id = pa_resource_get_id (PA_RESOURCE (layout));
      g_autofree char *model = pa_layout_model_display_name (pa_layout_get_model (layout));
      /* Translators: a layout's name and its phone model, "Front desk (Yealink T54W)" */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), pa_layout_get_name (layout), model);

      if (id == keep)
        position = self->layout_ids->len;
      g_array_append_val (self->layout_ids, id);
      gtk_string_list_append (labels, label);
    }
  self->filling++;
  gtk_drop_down_set_model (self->layout_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->layout_dropdown, position);
  self->filling--;
  pa_inherit_row_set_override_blocker (self->layout_row,
                                       self->layout_ids->len > 0
                                       ? NULL : _("There are no layouts yet: design one under Layouts"));
}

void
pa_profile_editor_fill_regions (PaProfileEditor *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *keep = g_strdup (selected_region (self));
  GPtrArray *regions = self->settings != NULL ? pa_settings_get_sip_regions (self->settings) : NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->region_names, 0);
  for (guint i = 0; regions != NULL && i < regions->len; i++)
    g_ptr_array_add (self->region_names,
                     g_strdup (((PaSipRegion *) g_ptr_array_index (regions, i))->name));
  /* One the settings lack (or that has not arrived) still shows. */
  for (guint i = 0; keep != NULL && i <= self->region_names->len; i++)
    {
      if (i == self->region_names->len)
        {
          g_ptr_array_add (self->region_names, g_strdup (keep));
          position = i;
          break;
        }
      if (g_ascii_strcasecmp (g_ptr_array_index (self->region_names, i), keep) == 0)
        {
          position = i;
          break;
        }
    }
  for (guint i = 0; i < self->region_names->len; i++)
    gtk_string_list_append (labels, g_ptr_array_index (self->region_names, i));
  self->filling++;
  gtk_drop_down_set_model (self->region_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->region_dropdown, position);
  self->filling--;
  pa_inherit_row_set_override_blocker (self->region_row,
                                       self->region_names->len > 0
                                       ? NULL : _("The server’s settings name no SIP regions"));
}

static void
select_layout (PaProfileEditor *self,
               gint64           id)
{
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < self->layout_ids->len; i++)
    if (g_array_index (self->layout_ids, gint64, i) == id)
      position = i;
  /* Overriding "none": the first layout, rather than nothing chosen. */
  if (position == GTK_INVALID_LIST_POSITION && id == 0 && self->layout_ids->len > 0)
    position = 0;
  gtk_drop_down_set_selected (self->layout_dropdown, position);
}

static void
select_region (PaProfileEditor *self,
               const char      *name)
{
  if (name == NULL)
    {
      gtk_drop_down_set_selected (self->region_dropdown,
                                  self->region_names->len > 0 ? 0 : GTK_INVALID_LIST_POSITION);
      return;
    }
  for (guint i = 0; i < self->region_names->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->region_names, i), name) == 0)
      {
        gtk_drop_down_set_selected (self->region_dropdown, i);
        return;
      }
  g_ptr_array_add (self->region_names, g_strdup (name));
  gtk_string_list_append (GTK_STRING_LIST (gtk_drop_down_get_model (self->region_dropdown)), name);
  gtk_drop_down_set_selected (self->region_dropdown, self->region_names->len - 1);
}

/* ---- values --------------------------------------------------------- */

/* @member of @profile (which sets it) into the row's editor. */
static void
show_value (PaProfileEditor *self,
            PaProfileMember  member,
            PaProfile       *profile)
{
  self->filling++;
  switch (member)
    {
    case PA_PROFILE_MEMBER_TIMEZONE:
      pa_time_zones_select (self->timezone_dropdown, pa_profile_get_timezone (profile));
      break;
    case PA_PROFILE_MEMBER_NTP_SERVER:
      gtk_editable_set_text (GTK_EDITABLE (self->ntp_entry),
                             pa_profile_get_ntp_server (profile) != NULL
                             ? pa_profile_get_ntp_server (profile) : "");
      break;
    case PA_PROFILE_MEMBER_UPDATE_INTERVAL:
      gtk_spin_button_set_value (self->interval_spin,
                                 pa_profile_get_update_interval (profile) != 0
                                 ? pa_profile_get_update_interval (profile) : 1440);
      break;
    case PA_PROFILE_MEMBER_LAYOUT:
      select_layout (self, pa_profile_get_layout_id (profile));
      break;
    case PA_PROFILE_MEMBER_SIP_REGION:
      select_region (self, pa_profile_get_sip_region (profile));
      break;
    case PA_PROFILE_MEMBER_ADMIN_PASSWORD:
      gtk_drop_down_set_selected (self->admin_dropdown,
                                  pa_profile_get_admin_password_policy (profile)
                                  == PA_ADMIN_PASSWORD_MANUAL ? 1 : 0);
      break;
    case PA_PROFILE_MEMBER_SIP_TRANSPORT:
      gtk_drop_down_set_selected (self->transport_dropdown,
                                  index_in (transports, pa_profile_get_sip_transport (profile)));
      break;
    case PA_PROFILE_MEMBER_SRTP:
      gtk_drop_down_set_selected (self->srtp_dropdown,
                                  index_in (srtp_modes, pa_profile_get_srtp (profile)));
      break;
    case PA_PROFILE_MEMBER_DTMF:
      gtk_drop_down_set_selected (self->dtmf_dropdown,
                                  index_in (dtmf_modes, pa_profile_get_dtmf (profile)));
      break;
    case PA_PROFILE_MEMBER_CODECS:
      pa_profile_editor_set_codecs (self, pa_profile_get_codecs (profile));
      break;
    case PA_PROFILE_N_MEMBERS:
    default:
      g_assert_not_reached ();
    }
  self->filling--;
}

/* The row's editor into @profile's @member. */
static void
read_value (PaProfileEditor *self,
            PaProfileMember  member,
            PaProfile       *profile)
{
  switch (member)
    {
    case PA_PROFILE_MEMBER_TIMEZONE:
      pa_profile_set_timezone (profile, pa_time_zones_get_selected (self->timezone_dropdown));
      break;
    case PA_PROFILE_MEMBER_NTP_SERVER:
      {
        g_autofree char *text = ntp_text (self);

        pa_profile_set_ntp_server (profile, text);
      }
      break;
    case PA_PROFILE_MEMBER_UPDATE_INTERVAL:
      pa_profile_set_update_interval (profile,
                                      (guint) gtk_spin_button_get_value_as_int (self->interval_spin));
      break;
    case PA_PROFILE_MEMBER_LAYOUT:
      pa_profile_set_layout_id (profile, selected_layout (self));
      break;
    case PA_PROFILE_MEMBER_SIP_REGION:
      pa_profile_set_sip_region (profile, selected_region (self));
      break;
    case PA_PROFILE_MEMBER_ADMIN_PASSWORD:
      {
        guint selected = gtk_drop_down_get_selected (self->admin_dropdown);

        pa_profile_set_admin_password_policy (profile, selected < G_N_ELEMENTS (admin_modes)
                                                       ? admin_modes[selected]
                                                       : PA_ADMIN_PASSWORD_GENERATED);
      }
      break;
    case PA_PROFILE_MEMBER_SIP_TRANSPORT:
      pa_profile_set_sip_transport (profile, value_at (transports, self->transport_dropdown));
      break;
    case PA_PROFILE_MEMBER_SRTP:
      pa_profile_set_srtp (profile, value_at (srtp_modes, self->srtp_dropdown));
      break;
    case PA_PROFILE_MEMBER_DTMF:
      pa_profile_set_dtmf (profile, value_at (dtmf_modes, self->dtmf_dropdown));
      break;
    case PA_PROFILE_MEMBER_CODECS:
      {
        g_auto(GStrv) codecs = pa_profile_editor_dup_codecs (self);

        /* None ticked is refused by the check: it would mean "inherit". */
        pa_profile_set_codecs (profile, (const char * const *) codecs);
      }
      break;
    case PA_PROFILE_N_MEMBERS:
    default:
      g_assert_not_reached ();
    }
}

/* What the profile gets now where it sets nothing: the parent's chain,
 * filled in with the server's defaults. Override starts from this. */
static PaProfile *
inherited_values (PaProfileEditor *self)
{
  PaProfile *values = self->inheritance->flat != NULL
                      ? PA_PROFILE (pa_resource_copy (PA_RESOURCE (self->inheritance->flat)))
                      : pa_profile_new ();
  PaSettings *settings = self->settings;

  if (!pa_profile_member_is_set (values, PA_PROFILE_MEMBER_TIMEZONE))
    pa_profile_set_timezone (values, settings != NULL && pa_settings_get_timezone (settings) != NULL
                                     ? pa_settings_get_timezone (settings) : "UTC");
  if (!pa_profile_member_is_set (values, PA_PROFILE_MEMBER_NTP_SERVER) && settings != NULL)
    pa_profile_set_ntp_server (values, pa_settings_get_ntp_server (settings));
  if (!pa_profile_member_is_set (values, PA_PROFILE_MEMBER_UPDATE_INTERVAL))
    pa_profile_set_update_interval (values, settings != NULL
                                            ? pa_settings_get_update_interval (settings) : 1440);
  if (!pa_profile_member_is_set (values, PA_PROFILE_MEMBER_ADMIN_PASSWORD))
    pa_profile_set_admin_password_policy (values, PA_ADMIN_PASSWORD_GENERATED);
  if (!pa_profile_member_is_set (values, PA_PROFILE_MEMBER_SIP_TRANSPORT))
    pa_profile_set_sip_transport (values, settings != NULL
                                          ? transports[pa_settings_get_sip_transport (settings)]
                                          : "udp");
  if (!pa_profile_member_is_set (values, PA_PROFILE_MEMBER_SRTP))
    pa_profile_set_srtp (values, g_str_equal (pa_profile_get_sip_transport (values), "tls")
                                 ? "on" : "off");
  if (!pa_profile_member_is_set (values, PA_PROFILE_MEMBER_DTMF))
    pa_profile_set_dtmf (values, "rfc2833");
  if (!pa_profile_member_is_set (values, PA_PROFILE_MEMBER_CODECS))
    pa_profile_set_codecs (values, pa_profile_default_codecs ());
  return values;
}

void
pa_profile_editor_load_members (PaProfileEditor *self,
                                PaProfile       *profile)
{
  g_autoptr(PaProfile) inherited = inherited_values (self);

  for (guint m = 0; m < PA_PROFILE_N_MEMBERS; m++)
    {
      gboolean own = profile != NULL && pa_profile_member_is_set (profile, m);

      /* An inheriting row's editor holds the inherited value, so what it
       * shows when overridden is never stale. */
      show_value (self, m, own ? profile : inherited);
      pa_inherit_row_set_own (self->rows[m], own);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->codecs_list),
                          pa_inherit_row_get_own (self->codecs_row));
}

void
pa_profile_editor_read_members (PaProfileEditor *self,
                                PaProfile       *profile)
{
  for (guint m = 0; m < PA_PROFILE_N_MEMBERS; m++)
    {
      if (pa_inherit_row_get_own (self->rows[m]))
        read_value (self, m, profile);
      else
        pa_profile_member_unset (profile, m);
    }
}

char *
pa_profile_editor_check_members (PaProfileEditor *self)
{
  g_autofree char *ntp = ntp_text (self);

  if (pa_inherit_row_get_own (self->timezone_row)
      && pa_time_zones_get_selected (self->timezone_dropdown) == NULL)
    return g_strdup (_("Choose a time zone, or reset it to inherit one"));
  if (pa_inherit_row_get_own (self->ntp_row) && ntp == NULL)
    return g_strdup (_("Enter an NTP server, or reset it to inherit one"));
  if (pa_inherit_row_get_own (self->layout_row) && selected_layout (self) == 0)
    return g_strdup (_("Choose a button layout, or reset it to inherit one"));
  if (pa_inherit_row_get_own (self->region_row) && selected_region (self) == NULL)
    return g_strdup (_("Choose a SIP region, or reset it to inherit one"));
  if (pa_inherit_row_get_own (self->codecs_row))
    {
      g_auto(GStrv) codecs = pa_profile_editor_dup_codecs (self);

      if (codecs[0] == NULL)
        return g_strdup (_("Tick at least one codec, or reset the codecs to inherit them"));
    }
  return NULL;
}

/* ---- inheritance ---------------------------------------------------- */

static gint64
chosen_parent (PaProfileEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->parent_row);

  return selected < self->parent_ids->len ? g_array_index (self->parent_ids, gint64, selected) : 0;
}

static char *
source_text (PaProfile *source)
{
  if (source == NULL)
    return g_strdup (_("Server default"));
  return g_strdup_printf (_("Inherited from “%s”"), pa_profile_get_name (source));
}

void
pa_profile_editor_update_inherited (PaProfileEditor *self)
{
  GListModel *layouts = pa_repository_get_layouts (self->repo);

  g_clear_pointer (&self->inheritance, pa_inheritance_free);
  self->inheritance = pa_inheritance_new (pa_repository_get_profiles (self->repo),
                                          chosen_parent (self));
  for (guint m = 0; m < PA_PROFILE_N_MEMBERS; m++)
    {
      g_autofree char *value = pa_inheritance_format (self->inheritance, m, layouts, self->settings);
      g_autofree char *source = source_text (pa_inheritance_get_source (self->inheritance, m));

      pa_inherit_row_set_value (self->rows[m], value);
      pa_inherit_row_set_source (self->rows[m], source);
    }
  pa_profile_editor_update_inherited_params (self);
}

/* ---- Override and Reset ------------------------------------------------ */

static void
override_cb (PaInheritRow    *row,
             PaProfileEditor *self)
{
  int member = member_of_row (self, row);
  g_autoptr(PaProfile) inherited = NULL;

  if (member < 0)
    return;
  inherited = inherited_values (self);
  show_value (self, member, inherited);
  pa_inherit_row_set_own (row, TRUE);
  if (row == self->codecs_row)
    gtk_widget_set_visible (GTK_WIDGET (self->codecs_list), TRUE);
  pa_profile_editor_changed (self);
}

static void
reset_cb (PaInheritRow    *row,
          PaProfileEditor *self)
{
  int member = member_of_row (self, row);
  g_autoptr(PaProfile) inherited = NULL;

  if (member < 0)
    return;
  inherited = inherited_values (self);
  pa_inherit_row_set_own (row, FALSE);
  show_value (self, member, inherited);
  if (row == self->codecs_row)
    gtk_widget_set_visible (GTK_WIDGET (self->codecs_list), FALSE);
  pa_profile_editor_changed (self);
}

static void
editor_changed_cb (PaProfileEditor *self)
{
  if (self->filling == 0)
    pa_profile_editor_changed (self);
}

void
pa_profile_editor_rows_init (PaProfileEditor *self)
{
  PaInheritRow *rows[PA_PROFILE_N_MEMBERS] = {
    [PA_PROFILE_MEMBER_TIMEZONE] = self->timezone_row,
    [PA_PROFILE_MEMBER_NTP_SERVER] = self->ntp_row,
    [PA_PROFILE_MEMBER_UPDATE_INTERVAL] = self->interval_row,
    [PA_PROFILE_MEMBER_LAYOUT] = self->layout_row,
    [PA_PROFILE_MEMBER_SIP_REGION] = self->region_row,
    [PA_PROFILE_MEMBER_ADMIN_PASSWORD] = self->admin_row,
    [PA_PROFILE_MEMBER_SIP_TRANSPORT] = self->transport_row,
    [PA_PROFILE_MEMBER_SRTP] = self->srtp_row,
    [PA_PROFILE_MEMBER_DTMF] = self->dtmf_row,
    [PA_PROFILE_MEMBER_CODECS] = self->codecs_row,
  };
  GtkDropDown *dropdowns[] = {
    self->timezone_dropdown, self->layout_dropdown, self->region_dropdown, self->admin_dropdown,
    self->transport_dropdown, self->srtp_dropdown, self->dtmf_dropdown,
  };

  for (guint m = 0; m < PA_PROFILE_N_MEMBERS; m++)
    {
      self->rows[m] = rows[m];
      g_signal_connect (rows[m], "override", G_CALLBACK (override_cb), self);
      g_signal_connect (rows[m], "reset", G_CALLBACK (reset_cb), self);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dropdowns); i++)
    g_signal_connect_swapped (dropdowns[i], "notify::selected", G_CALLBACK (editor_changed_cb),
                              self);
  g_signal_connect_swapped (self->ntp_entry, "changed", G_CALLBACK (editor_changed_cb), self);
  g_signal_connect_swapped (self->interval_spin, "value-changed", G_CALLBACK (editor_changed_cb),
                            self);

  /* An own time zone is a zone: no "not set" entry. */
  pa_time_zones_setup (self->timezone_dropdown, NULL);
  self->filling++;
  pa_time_zones_select (self->timezone_dropdown, "UTC");
  self->filling--;
}
