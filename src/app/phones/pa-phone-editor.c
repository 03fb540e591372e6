/* pa-phone-editor.c — add or edit one phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form is the only copy of what the user typed: a failed save leaves it
 * as it is, with the server's message on the field it concerns (or above the
 * form when it concerns none), so nothing is lost.
 */
#define G_LOG_DOMAIN "pa-phone-editor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-mac-entry.h"
#include "pa-phone-actions.h"
#include "pa-phone-editor-private.h"


G_DEFINE_FINAL_TYPE (PaPhoneEditor, pa_phone_editor, PA_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void update_state    (PaPhoneEditor *self);

/* ------------------------------------------------------------------ */
/* Small helpers */

static char *
editable_text (gpointer editable)
{
  g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable)));

  return g_strstrip (g_steal_pointer (&text));
}

/* NULL for an empty field, so the server's default applies. */
static char *
editable_text_or_null (gpointer editable)
{
  g_autofree char *text = editable_text (editable);

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

GWeakRef *
pa_phone_editor_weak_ref (PaPhoneEditor *self)
{
  GWeakRef *weak = g_new0 (GWeakRef, 1);

  g_weak_ref_init (weak, self);
  return weak;
}

PaPhoneEditor *
pa_phone_editor_take_weak_ref (GWeakRef *weak)
{
  PaPhoneEditor *self = g_weak_ref_get (weak);

  g_weak_ref_clear (weak);
  g_free (weak);
  if (self != NULL && g_cancellable_is_cancelled (pa_editor_get_cancellable (PA_EDITOR (self))))
    g_clear_object (&self);
  return self;
}

/* ------------------------------------------------------------------ */
/* The phone the form describes */

PaPhone *
pa_phone_editor_build_phone (PaPhoneEditor *self)
{
  g_autoptr(PaPhone) phone = NULL;
  g_autoptr(GPtrArray) modules = NULL;
  g_autofree char *name = editable_text (self->name_row);
  g_autofree char *description = editable_text_or_null (self->description_row);
  g_autofree char *raw_mac = editable_text (self->mac_entry);
  g_autofree char *sip_server = editable_text_or_null (self->sip_server_row);
  g_autofree char *tz_name = editable_text_or_null (self->timezone_row);
  const char *mac = pa_mac_entry_get_mac (PA_MAC_ENTRY (self->mac_entry));
  const char *vendor_id = pa_phone_editor_selected_string (self->vendor_ids, self->brand_row);
  const char *model_id = pa_phone_editor_selected_string (self->model_ids, self->model_row);
  PaAdminPasswordMode mode = adw_combo_row_get_selected (self->password_mode_row);

  g_return_val_if_fail (PA_IS_PHONE_EDITOR (self), NULL);

  /* A copy keeps what the form does not show (lines, enabled). */
  phone = self->phone != NULL ? PA_PHONE (pa_resource_copy (PA_RESOURCE (self->phone)))
                              : pa_phone_new ();

  pa_phone_set_name (phone, name);
  pa_phone_set_description (phone, description);
  /* An invalid MAC goes in as typed so validation says what is wrong. */
  pa_phone_set_mac (phone, mac != NULL ? mac : raw_mac);
  pa_phone_set_vendor (phone, vendor_id != NULL ? vendor_id : "");
  pa_phone_set_model (phone, model_id != NULL ? model_id : "");
  pa_phone_set_agent_id (phone, pa_phone_editor_selected_id (self->agent_ids, self->agent_row));
  pa_phone_set_layout_id (phone, pa_phone_editor_selected_id (self->layout_ids, self->layout_row));
  pa_phone_set_profile_id (phone, pa_phone_editor_selected_id (self->profile_ids, self->profile_row));

  modules = pa_phone_editor_build_modules (self);
  pa_phone_set_modules (phone, modules);

  pa_phone_set_sip_server (phone, sip_server);
  pa_phone_set_sip_region (phone, pa_phone_editor_selected_string (self->region_ids,
                                                                   self->region_row));
  pa_phone_set_timezone (phone, tz_name);
  pa_phone_set_local_sip_port (phone, gtk_spin_button_get_value_as_int (self->port_spin));
  pa_phone_set_admin_password_mode (phone, mode);
  if (mode == PA_ADMIN_PASSWORD_MANUAL)
    pa_phone_set_admin_password (phone, gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  else
    pa_phone_set_admin_password (phone, NULL);
  pa_phone_set_http_auth (phone, gtk_switch_get_active (self->http_auth_switch));

  return g_steal_pointer (&phone);
}

static gboolean
pa_phone_editor_is_dirty (PaEditor *editor)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (editor);
  g_autoptr(PaPhone) now = NULL;

  if (self->initial == NULL)
    return FALSE;
  now = pa_phone_editor_build_phone (self);
  /* A refresh may have moved the revision on; that is not the user's change. */
  pa_resource_set_revision (PA_RESOURCE (now), pa_resource_get_revision (PA_RESOURCE (self->initial)));
  return !pa_resource_equal (PA_RESOURCE (now), PA_RESOURCE (self->initial));
}

/* ------------------------------------------------------------------ */
/* State */

static void
mark_live (GtkWidget *row,
           gboolean   wrong)
{
  if (wrong)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

static char *
pa_phone_editor_check (PaEditor *editor)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (editor);
  g_autoptr(PaPhone) phone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tz_name = NULL;
  g_autofree char *sip_server = NULL;

  if (self->vendor_ids->len == 0)
    return g_strdup (_("The form is still being filled in"));

  /* The two free-text fields with a format are checked as the user types. */
  tz_name = editable_text_or_null (self->timezone_row);
  sip_server = editable_text_or_null (self->sip_server_row);
  mark_live (GTK_WIDGET (self->timezone_row),
             g_hash_table_contains (self->error_rows, self->timezone_row)
             || !pa_validate_timezone (tz_name, "timezone", NULL));
  mark_live (GTK_WIDGET (self->sip_server_row),
             g_hash_table_contains (self->error_rows, self->sip_server_row)
             || !pa_validate_hostname (sip_server, "sip_server", NULL));

  phone = pa_phone_editor_build_phone (self);
  if (!pa_resource_validate_with_catalog (PA_RESOURCE (phone), pa_catalog_get_default (), &error))
    return g_strdup (error->message);
  return NULL;
}

static void
update_state (PaPhoneEditor *self)
{
  if (self->updating > 0)
    return;
  /* What the phone inherits follows what it sets itself. */
  pa_phone_editor_update_inherited (self);
  pa_editor_update (PA_EDITOR (self));
}

static void
changed_on (PaPhoneEditor *self,
            gpointer       row)
{
  if (self->updating > 0)
    return;
  pa_phone_editor_clear_field_error (self, GTK_WIDGET (row));
  update_state (self);
}

void
pa_phone_editor_form_changed (PaPhoneEditor *self,
                              gpointer       row)
{
  changed_on (self, row);
}

static void
entry_row_changed_cb (GtkEditable   *editable,
                      PaPhoneEditor *self)
{
  changed_on (self, editable);
}

static void
spin_changed_cb (GtkSpinButton *spin,
                 PaPhoneEditor *self)
{
  if (spin == self->module_count)
    pa_phone_editor_update_sidecar_rows (self);
  changed_on (self, gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_ACTION_ROW));
}

static void
mac_changed_cb (GtkEditable   *editable,
                PaPhoneEditor *self)
{
  gtk_widget_remove_css_class (self->mac_row, "error");
  update_state (self);
}

static void
mac_vendor_cb (PaMacEntry    *entry,
               GParamSpec    *pspec,
               PaPhoneEditor *self)
{
  const char *vendor_id = pa_mac_entry_get_vendor_id (entry);

  /* The OUI suggests the brand, but never over the user's own choice. */
  if (vendor_id != NULL && !self->brand_touched)
    pa_phone_editor_select_brand (self, vendor_id);
}

static void
brand_selected_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   PaPhoneEditor *self)
{
  if (self->updating == 0)
    self->brand_touched = TRUE;
  pa_phone_editor_clear_field_error (self, GTK_WIDGET (row));
  self->updating++;
  pa_phone_editor_fill_models (self, NULL);
  self->updating--;
  update_state (self);
}

static void
model_selected_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   PaPhoneEditor *self)
{
  if (self->updating > 0)
    return;
  pa_phone_editor_clear_field_error (self, GTK_WIDGET (row));
  self->updating++;
  pa_phone_editor_model_changed (self);
  self->updating--;
  update_state (self);
}

static void
module_selected_cb (AdwComboRow   *row,
                    GParamSpec    *pspec,
                    PaPhoneEditor *self)
{
  if (self->updating > 0)
    return;
  pa_phone_editor_update_module_count (self);
  changed_on (self, row);
}

static void
combo_selected_cb (AdwComboRow   *row,
                   GParamSpec    *pspec,
                   PaPhoneEditor *self)
{
  /* What "from the button layout" means follows the layout. */
  if (row == self->layout_row)
    pa_phone_editor_update_sidecar_rows (self);
  changed_on (self, row);
}

static void
password_mode_cb (AdwComboRow   *row,
                  GParamSpec    *pspec,
                  PaPhoneEditor *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->password_row),
                          adw_combo_row_get_selected (row) == PA_ADMIN_PASSWORD_MANUAL);
  changed_on (self, row);
}

static void
agents_changed_cb (GListModel    *agents,
                   guint          position,
                   guint          removed,
                   guint          added,
                   PaPhoneEditor *self)
{
  pa_phone_editor_fill_agents (self, pa_phone_editor_selected_id (self->agent_ids, self->agent_row));
  update_state (self);
}

static void
layouts_changed_cb (GListModel    *layouts,
                    guint          position,
                    guint          removed,
                    guint          added,
                    PaPhoneEditor *self)
{
  pa_phone_editor_fill_layouts (self, pa_phone_editor_selected_id (self->layout_ids, self->layout_row));
  pa_phone_editor_update_inherited (self);
  update_state (self);
}

static void
update_provisioning (PaPhoneEditor *self)
{
  g_autofree char *link = NULL;
  g_autofree char *reasons = NULL;
  const char * const *attention;
  PaSipAccount *account;

  if (self->phone == NULL)
    return;

  /* What the server says keeps this phone from working, where the user
   * can fix it (a SIP server on the phone, below). */
  attention = pa_phone_get_attention (self->phone);
  reasons = g_strjoinv ("\n", (char **) attention);
  adw_action_row_set_subtitle (self->attention_row, reasons);
  gtk_widget_set_visible (GTK_WIDGET (self->attention_row), attention[0] != NULL);

  link = pa_repository_get_setup_link (self->repo, self->phone);
  account = pa_phone_get_line1_account (self->repo, self->phone);
  adw_action_row_set_subtitle (self->link_row, link != NULL ? link : _("Not known yet"));
  adw_action_row_set_subtitle (self->username_row,
                               account != NULL ? pa_sip_account_get_username (account)
                                               : _("No SIP account on line 1"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.copy-link", link != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.copy-username", account != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.new-password", account != NULL);
}

static void
accounts_changed_cb (GListModel    *accounts,
                     guint          position,
                     guint          removed,
                     guint          added,
                     PaPhoneEditor *self)
{
  update_provisioning (self);
}

/* ------------------------------------------------------------------ */
/* Actions */

/* The admin password provd made for @saved in this save, if it did. */
static const char *
generated_admin_password (JsonObject *extra,
                          PaResource *saved)
{
  JsonArray *made;

  if (extra == NULL || !json_object_has_member (extra, "admin_passwords") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (extra, "admin_passwords")))
    return NULL;
  made = json_object_get_array_member (extra, "admin_passwords");
  for (guint i = 0; i < json_array_get_length (made); i++)
    {
      JsonNode *node = json_array_get_element (made, i);
      JsonObject *one = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      if (one != NULL &&
          json_object_get_int_member_with_default (one, "phone_id", 0) == pa_resource_get_id (saved))
        return json_object_get_string_member_with_default (one, "admin_password", NULL);
    }
  return NULL;
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PaPhoneEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(PaResource) saved = NULL;
  GtkWindow *parent;
  g_autofree char *toast = NULL;

  saved = pa_repository_save_finish (PA_REPOSITORY (source), result, &extra, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  pa_editor_end_busy (PA_EDITOR (self));
  if (saved == NULL)
    {
      pa_phone_editor_show_save_error (self, error);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, saved, extra);

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (self->phone == NULL)
    {
      const char *username = NULL;
      const char *password = NULL;

      if (extra != NULL)
        {
          username = json_object_get_string_member_with_default (extra, "sip_username", NULL);
          password = json_object_get_string_member_with_default (extra, "sip_password", NULL);
        }
      if (username == NULL)
        {
          PaSipAccount *account = pa_phone_get_line1_account (self->repo, PA_PHONE (saved));

          if (account != NULL)
            username = pa_sip_account_get_username (account);
        }
      pa_phone_show_credentials (parent, self->repo, PA_PHONE (saved), username, password,
                                 generated_admin_password (extra, saved), NULL);
      toast = g_strdup_printf (_("Phone “%s” added"), pa_phone_get_name (PA_PHONE (saved)));
    }
  else
    {
      toast = g_strdup_printf (_("Phone “%s” saved"), pa_phone_get_name (PA_PHONE (saved)));
    }
  if (parent != NULL)
    pa_show_toast (GTK_WIDGET (parent), toast);

  pa_editor_finish (PA_EDITOR (self));
}

static void
pa_phone_editor_save (PaEditor *editor)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (editor);
  g_autoptr(PaPhone) phone = pa_phone_editor_build_phone (self);

  pa_phone_editor_clear_field_errors (self);
  pa_editor_begin_busy (editor);
  pa_repository_save_async (self->repo, PA_RESOURCE (phone), pa_editor_get_cancellable (editor),
                            save_done_cb, g_object_ref (self));
}

static void
new_password_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (widget);

  if (self->phone != NULL)
    pa_phone_regenerate_password_interactive (GTK_WINDOW (self), self->repo, self->phone);
}

static void
copy_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (widget);
  AdwActionRow *row = g_str_equal (action_name, "editor.copy-link") ? self->link_row
                                                                     : self->username_row;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), adw_action_row_get_subtitle (row));
  pa_show_toast (widget, _("Copied"));
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
load_form (PaPhoneEditor *self)
{
  PaPhone *phone = self->phone;
  g_autofree char *title = NULL;

  self->updating++;
  pa_phone_editor_fill_brands (self);
  pa_phone_editor_load_regions (self, phone != NULL ? pa_phone_get_sip_region (phone) : NULL);
  if (phone != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), pa_phone_get_name (phone));
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             pa_phone_get_description (phone) != NULL
                             ? pa_phone_get_description (phone) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->mac_entry), pa_phone_get_mac (phone));
      gtk_editable_set_text (GTK_EDITABLE (self->sip_server_row),
                             pa_phone_get_sip_server (phone) != NULL
                             ? pa_phone_get_sip_server (phone) : "");
      gtk_editable_set_text (GTK_EDITABLE (self->timezone_row),
                             pa_phone_get_timezone (phone) != NULL
                             ? pa_phone_get_timezone (phone) : "");
      gtk_spin_button_set_value (self->port_spin, pa_phone_get_local_sip_port (phone));
      adw_combo_row_set_selected (self->password_mode_row,
                                  pa_phone_get_admin_password_mode (phone));
      gtk_editable_set_text (GTK_EDITABLE (self->password_row),
                             pa_phone_get_admin_password (phone) != NULL
                             ? pa_phone_get_admin_password (phone) : "");
      gtk_widget_set_visible (GTK_WIDGET (self->password_row),
                              pa_phone_get_admin_password_mode (phone) == PA_ADMIN_PASSWORD_MANUAL);
      gtk_switch_set_active (self->http_auth_switch, pa_phone_get_http_auth (phone));

      pa_phone_editor_select_brand (self, pa_phone_get_vendor (phone));
      self->brand_touched = pa_phone_get_vendor (phone)[0] != '\0';
      pa_phone_editor_fill_models (self, pa_phone_get_model (phone));
      pa_phone_editor_fill_agents (self, pa_phone_get_agent_id (phone));
      pa_phone_editor_fill_profiles (self, pa_phone_get_profile_id (phone));

      pa_mac_entry_set_ignore_phone (PA_MAC_ENTRY (self->mac_entry),
                                     pa_resource_get_id (PA_RESOURCE (phone)));
      title = g_strdup_printf (_("Edit “%s”"), pa_phone_get_name (phone));
      gtk_window_set_title (GTK_WINDOW (self), title);
      gtk_widget_set_visible (GTK_WIDGET (self->provisioning_group), TRUE);
      update_provisioning (self);
      pa_phone_editor_show_status (self);
    }
  else
    {
      pa_phone_editor_fill_models (self, NULL);
      pa_phone_editor_fill_agents (self, 0);
      pa_phone_editor_fill_profiles (self, 0);
    }
  self->updating--;

  self->initial = pa_phone_editor_build_phone (self);
  update_state (self);
}

static void
pa_phone_editor_constructed (GObject *object)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (object);

  G_OBJECT_CLASS (pa_phone_editor_parent_class)->constructed (object);

  g_return_if_fail (PA_IS_REPOSITORY (self->repo));

  pa_mac_entry_set_repository (PA_MAC_ENTRY (self->mac_entry), self->repo);
  g_signal_connect_object (pa_repository_get_agents (self->repo), "items-changed",
                           G_CALLBACK (agents_changed_cb), self, 0);
  g_signal_connect_object (pa_repository_get_layouts (self->repo), "items-changed",
                           G_CALLBACK (layouts_changed_cb), self, 0);
  g_signal_connect_object (pa_repository_get_sip_accounts (self->repo), "items-changed",
                           G_CALLBACK (accounts_changed_cb), self, 0);
  pa_phone_editor_profile_init (self);
  load_form (self);
}

static void
pa_phone_editor_dispose (GObject *object)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_PHONE_EDITOR);

  G_OBJECT_CLASS (pa_phone_editor_parent_class)->dispose (object);
}

static void
pa_phone_editor_finalize (GObject *object)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (object);

  g_clear_object (&self->repo);
  g_clear_object (&self->phone);
  g_clear_object (&self->initial);
  g_clear_pointer (&self->vendor_ids, g_ptr_array_unref);
  g_clear_pointer (&self->model_ids, g_ptr_array_unref);
  g_clear_pointer (&self->module_ids, g_ptr_array_unref);
  g_clear_pointer (&self->sidecar_rows, g_ptr_array_unref);
  g_clear_pointer (&self->fetch_rows, g_ptr_array_unref);
  g_clear_pointer (&self->download_result, g_free);
  g_clear_pointer (&self->agent_ids, g_array_unref);
  g_clear_pointer (&self->layout_ids, g_array_unref);
  g_clear_pointer (&self->profile_ids, g_array_unref);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->region_ids, g_ptr_array_unref);
  g_clear_pointer (&self->error_rows, g_hash_table_unref);

  G_OBJECT_CLASS (pa_phone_editor_parent_class)->finalize (object);
}

static void
pa_phone_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repo);
      break;
    case PROP_PHONE:
      g_value_set_object (value, self->phone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_phone_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PaPhoneEditor *self = PA_PHONE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      self->repo = g_value_dup_object (value);
      break;
    case PROP_PHONE:
      self->phone = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Opens with the name focused, so a keyboard user can type at once;
 * left to itself GTK focuses the header bar's Cancel button. */
static void
pa_phone_editor_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pa_phone_editor_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (PA_PHONE_EDITOR (widget)->name_row));
}

static void
pa_phone_editor_class_init (PaPhoneEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PaEditorClass *editor_class = PA_EDITOR_CLASS (klass);

  widget_class->show = pa_phone_editor_show;
  object_class->constructed = pa_phone_editor_constructed;
  object_class->dispose = pa_phone_editor_dispose;
  object_class->finalize = pa_phone_editor_finalize;
  object_class->get_property = pa_phone_editor_get_property;
  object_class->set_property = pa_phone_editor_set_property;
  editor_class->is_dirty = pa_phone_editor_is_dirty;
  editor_class->check = pa_phone_editor_check;
  editor_class->save = pa_phone_editor_save;
  editor_class->save_tooltip = N_("Save the phone (Ctrl+S)");
  editor_class->discard_body = N_("What you entered for this phone has not been saved.");

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] =
    g_param_spec_object ("phone", NULL, NULL, PA_TYPE_PHONE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (PaPhone *saved, JsonObject *extra nullable) */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2,
                  PA_TYPE_PHONE, JSON_TYPE_OBJECT | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/phones/pa-phone-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, mac_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, mac_box);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, brand_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, model_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, module_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, module_count_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, module_count);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, assignment_group);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, download_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, agent_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, layout_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, profile_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, inherited_group);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, sip_server_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, region_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, port_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, port_spin);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, password_mode_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, http_auth_switch);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, password_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, provisioning_group);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, status_group);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, push_row);
  gtk_widget_class_bind_template_callback (widget_class, pa_phone_editor_resync_clicked);
  gtk_widget_class_bind_template_callback (widget_class, pa_phone_editor_reboot_clicked);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, firmware_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, seen_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, fetches_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, attention_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, link_row);
  gtk_widget_class_bind_template_child (widget_class, PaPhoneEditor, username_row);

  gtk_widget_class_install_action (widget_class, "editor.new-password", NULL,
                                   new_password_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.download-config", NULL,
                                   pa_phone_editor_download_config_action);
  gtk_widget_class_install_action (widget_class, "editor.copy-link", NULL, copy_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.copy-username", NULL, copy_action_cb);

  g_type_ensure (PA_TYPE_MAC_ENTRY);
}

static void
pa_phone_editor_init (PaPhoneEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->vendor_ids = g_ptr_array_new_with_free_func (g_free);
  self->model_ids = g_ptr_array_new_with_free_func (g_free);
  self->module_ids = g_ptr_array_new_with_free_func (g_free);
  /* The rows belong to the Assignment group; this only points at them. */
  self->sidecar_rows = g_ptr_array_new ();
  self->agent_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->layout_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->profile_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->region_ids = g_ptr_array_new_with_free_func (g_free);
  self->error_rows = g_hash_table_new (NULL, NULL);

  self->mac_entry = pa_mac_entry_new ();
  gtk_widget_set_hexpand (self->mac_entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->mac_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("MAC Address"), -1);
  /* A row of its own, full width: the entry carries its message line. */
  gtk_box_append (self->mac_box, self->mac_entry);

  g_signal_connect (self->name_row, "changed", G_CALLBACK (entry_row_changed_cb), self);
  g_signal_connect (self->description_row, "changed", G_CALLBACK (entry_row_changed_cb), self);
  g_signal_connect (self->sip_server_row, "changed", G_CALLBACK (entry_row_changed_cb), self);
  g_signal_connect (self->timezone_row, "changed", G_CALLBACK (entry_row_changed_cb), self);
  g_signal_connect (self->password_row, "changed", G_CALLBACK (entry_row_changed_cb), self);
  g_signal_connect (self->mac_entry, "changed", G_CALLBACK (mac_changed_cb), self);
  g_signal_connect (self->mac_entry, "notify::vendor-id", G_CALLBACK (mac_vendor_cb), self);
  g_signal_connect (self->mac_entry, "notify::valid", G_CALLBACK (mac_vendor_cb), self);
  g_signal_connect (self->brand_row, "notify::selected", G_CALLBACK (brand_selected_cb), self);
  g_signal_connect (self->model_row, "notify::selected", G_CALLBACK (model_selected_cb), self);
  g_signal_connect (self->module_row, "notify::selected", G_CALLBACK (module_selected_cb), self);
  g_signal_connect (self->agent_row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  g_signal_connect (self->layout_row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  g_signal_connect (self->profile_row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  g_signal_connect (self->region_row, "notify::selected", G_CALLBACK (combo_selected_cb), self);
  g_signal_connect (self->password_mode_row, "notify::selected",
                    G_CALLBACK (password_mode_cb), self);
  g_signal_connect (self->module_count, "value-changed", G_CALLBACK (spin_changed_cb), self);
  g_signal_connect (self->port_spin, "value-changed", G_CALLBACK (spin_changed_cb), self);
}

GtkWidget *
pa_phone_editor_new (GtkWindow    *parent,
                     PaRepository *repo,
                     PaPhone      *phone)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (phone == NULL || PA_IS_PHONE (phone), NULL);

  return g_object_new (PA_TYPE_PHONE_EDITOR,
                       "transient-for", parent,
                       "repository", repo,
                       "phone", phone,
                       NULL);
}

void
pa_phone_editor_prefill (PaPhoneEditor *self,
                         const char    *mac,
                         const char    *vendor_id,
                         const char    *model_id)
{
  g_return_if_fail (PA_IS_PHONE_EDITOR (self));
  g_return_if_fail (self->phone == NULL);

  self->updating++;
  if (mac != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->mac_entry), mac);
  if (vendor_id != NULL)
    {
      pa_phone_editor_select_brand (self, vendor_id);
      self->brand_touched = TRUE;
    }
  pa_phone_editor_fill_models (self, model_id);
  self->updating--;

  /* What the server saw is not the user's entry: closing asks nothing. */
  g_clear_object (&self->initial);
  self->initial = pa_phone_editor_build_phone (self);
  update_state (self);
}
