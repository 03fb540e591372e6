/* pa-settings-window.c — the server's settings, and in local mode how
 * phones on the LAN reach this computer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form edits a PaSettings the server gave (GET /api/v1/settings) and
 * saves it whole (PUT with its revision). Before saving, Review Changes
 * shows how the files of the phones the change reaches would change (the
 * same derivation the save reports); the user is asked only when it
 * reaches any.
 */
#define G_LOG_DOMAIN "pa-settings-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pa-client.h"
#include "pa-lan-addresses.h"
#include "pa-phone-actions.h"
#include "pa-review-changes-dialog.h"
#include "pa-settings-window.h"
#include "pa-sip-region-row.h"
#include "pa-time-zones.h"

struct _PaSettingsWindow
{
  PaEditor      parent_instance;

  PaConnection *connection;
  PaSettings   *initial;       /* as the server gave it; NULL until loaded */
  GStrv         fixed;         /* members provd's key file sets */
  char         *site_key;      /* of the bootstrap URL, from the server */
  GPtrArray    *addresses;     /* PaLanAddress, at open */
  GtkStringList *address_labels;
  gboolean      filling;       /* setting the form from code */
  char         *question;

  GtkWidget           *add_region_button;
  AdwPreferencesGroup *lan_group;
  AdwActionRow        *lan_row;
  GtkSwitch           *lan_switch;
  AdwComboRow         *address_row;
  AdwActionRow        *address_warning_row;
  AdwEntryRow         *sip_server_row;
  GtkSpinButton       *sip_port_spin;
  AdwComboRow         *transport_row;
  AdwEntryRow         *outbound_proxy_row;
  AdwPreferencesGroup *regions_group;
  GPtrArray           *region_rows;  /* PaSipRegionRow, in order; the group owns them */
  GtkDropDown         *timezone_dropdown;
  AdwEntryRow         *ntp_server_row;
  AdwEntryRow         *public_url_row;
  AdwActionRow        *dhcp_row;
  AdwActionRow        *tls_row;
  GtkSwitch           *tls_switch;
  AdwEntryRow         *tls_cert_row;
  AdwEntryRow         *tls_key_row;
  GtkSpinButton       *interval_spin;
};

G_DEFINE_FINAL_TYPE (PaSettingsWindow, pa_settings_window, PA_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_state (PaSettingsWindow *self);

/* ------------------------------------------------------------------ */
/* The form */

static char *
text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

PaSettings *
pa_settings_window_build (PaSettingsWindow *self)
{
  PaSettings *settings;
  g_autofree char *public_url = text_or_null (self->public_url_row);
  g_autofree char *sip_server = text_or_null (self->sip_server_row);
  g_autofree char *proxy = text_or_null (self->outbound_proxy_row);
  g_autofree char *ntp = text_or_null (self->ntp_server_row);
  g_autoptr(GPtrArray) regions = NULL;

  g_return_val_if_fail (PA_IS_SETTINGS_WINDOW (self), NULL);

  settings = self->initial != NULL ? PA_SETTINGS (pa_resource_copy (PA_RESOURCE (self->initial)))
                                   : pa_settings_new ();
  regions = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_sip_region_free);
  for (guint i = 0; i < self->region_rows->len; i++)
    g_ptr_array_add (regions, pa_sip_region_row_dup_region (g_ptr_array_index (self->region_rows, i)));
  g_object_set (settings,
                "public-url", public_url,
                "sip-server", sip_server,
                "sip-port", (guint) gtk_spin_button_get_value_as_int (self->sip_port_spin),
                "sip-transport", (PaSipTransport) adw_combo_row_get_selected (self->transport_row),
                "outbound-proxy", proxy,
                "timezone", pa_time_zones_get_selected (self->timezone_dropdown),
                "ntp-server", ntp,
                "update-interval", (guint) gtk_spin_button_get_value_as_int (self->interval_spin),
                "sip-regions", regions,
                NULL);
  return settings;
}

static gboolean
lan_changed (PaSettingsWindow *self)
{
  PaLocalServer *local = pa_connection_get_local_server (self->connection);

  return local != NULL
         && gtk_switch_get_active (self->lan_switch) != pa_local_server_get_lan_access (local);
}

/* Local mode only: the certificate files provd is to serve HTTPS with, as
 * the form says; FALSE with HTTPS off. */
static gboolean
form_tls (PaSettingsWindow  *self,
          char             **cert,
          char             **key)
{
  *cert = *key = NULL;
  if (pa_connection_get_local_server (self->connection) == NULL ||
      !gtk_switch_get_active (self->tls_switch))
    return FALSE;
  *cert = text_or_null (self->tls_cert_row);
  *key = text_or_null (self->tls_key_row);
  return TRUE;
}

static gboolean
tls_changed (PaSettingsWindow *self)
{
  PaLocalServer *local = pa_connection_get_local_server (self->connection);
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;

  if (local == NULL)
    return FALSE;
  form_tls (self, &cert, &key);
  return g_strcmp0 (cert, pa_local_server_get_tls_cert (local)) != 0 ||
         g_strcmp0 (key, pa_local_server_get_tls_key (local)) != 0;
}

static gboolean
pa_settings_window_is_dirty (PaEditor *editor)
{
  PaSettingsWindow *self = PA_SETTINGS_WINDOW (editor);
  g_autoptr(PaSettings) now = NULL;

  if (self->initial == NULL)
    return FALSE;
  now = pa_settings_window_build (self);
  return lan_changed (self) || tls_changed (self) ||
         !pa_resource_equal (PA_RESOURCE (now), PA_RESOURCE (self->initial));
}

static void
update_state (PaSettingsWindow *self)
{
  pa_editor_update (PA_EDITOR (self));
}

/* "http://192.168.1.20:8670/" for a LAN address or host name. */
static char *
url_for_host (PaSettingsWindow *self,
              const char       *host)
{
  PaLocalServer *local = pa_connection_get_local_server (self->connection);

  return g_strdup_printf ("%s://%s:%u/", gtk_switch_get_active (self->tls_switch) ? "https" : "http",
                          host, local != NULL ? pa_local_server_get_port (local) : 8670);
}

/* The host of the public URL as typed, NULL when it has none. */
static char *
public_host (PaSettingsWindow *self)
{
  g_autofree char *url = text_or_null (self->public_url_row);
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;

  return uri != NULL && g_uri_get_host (uri) != NULL ? g_strdup (g_uri_get_host (uri)) : NULL;
}

/* Phones told to fetch from an address this computer no longer has (DHCP
 * gave it another), or from loopback, never arrive: say so where the
 * address is chosen. */
static void
update_address_warning (PaSettingsWindow *self)
{
  g_autofree char *host = public_host (self);
  g_autofree char *subtitle = NULL;
  gboolean lan = gtk_switch_get_active (self->lan_switch);

  if (!lan)
    subtitle = NULL;
  else if (pa_lan_host_is_loopback (host))
    subtitle = g_strdup (_("Setup links name this computer’s loopback address, which only this "
                           "computer can reach. Choose the address phones use."));
  else if (!pa_lan_addresses_has_host (self->addresses, host))
    subtitle = g_strdup_printf (_("Setup links name %s, which is no longer an address of this "
                                  "computer; its network may have given it another. Choose its "
                                  "current address."), host);

  gtk_widget_set_visible (GTK_WIDGET (self->address_warning_row), subtitle != NULL);
  adw_action_row_set_subtitle (self->address_warning_row, subtitle != NULL ? subtitle : "");
}

/* Selects the address the public URL names, or nothing. */
static void
select_current_address (PaSettingsWindow *self)
{
  g_autofree char *host = public_host (self);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; host != NULL && i < self->addresses->len; i++)
    {
      PaLanAddress *address = g_ptr_array_index (self->addresses, i);

      if (g_str_equal (address->address, host))
        position = i;
    }
  if (host != NULL && position == GTK_INVALID_LIST_POSITION
      && g_ascii_strcasecmp (host, g_get_host_name ()) == 0)
    position = self->addresses->len;
  self->filling = TRUE;
  adw_combo_row_set_selected (self->address_row, position);
  self->filling = FALSE;
}

static void
fill_address_labels (PaSettingsWindow *self)
{
  for (guint i = 0; i < self->addresses->len; i++)
    {
      PaLanAddress *address = g_ptr_array_index (self->addresses, i);
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), address->address, address->interface);

      gtk_string_list_append (self->address_labels, label);
    }
  /* A name survives the address changing, where the network resolves it. */
  {
    g_autofree char *label = g_strdup_printf (_("%s (this computer’s name)"), g_get_host_name ());

    gtk_string_list_append (self->address_labels, label);
  }
}

static void
address_selected_cb (AdwComboRow      *row,
                     GParamSpec       *pspec,
                     PaSettingsWindow *self)
{
  guint selected = adw_combo_row_get_selected (row);
  g_autofree char *url = NULL;

  if (self->filling || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (selected < self->addresses->len)
    url = url_for_host (self, ((PaLanAddress *) g_ptr_array_index (self->addresses, selected))->address);
  else
    url = url_for_host (self, g_get_host_name ());
  gtk_editable_set_text (GTK_EDITABLE (self->public_url_row), url);
}

static void
lan_switched_cb (GtkSwitch        *lan_switch,
                 GParamSpec       *pspec,
                 PaSettingsWindow *self)
{
  g_autofree char *host = public_host (self);

  /* Allowing the LAN with links that name loopback: offer the first LAN
   * address, which is what nearly every office wants. */
  if (!self->filling && gtk_switch_get_active (lan_switch) && self->addresses->len > 0
      && pa_lan_host_is_loopback (host))
    adw_combo_row_set_selected (self->address_row, 0);
  update_state (self);
}

/* Phones follow the scheme in their setup links: it goes with the switch. */
static void
tls_switched_cb (GtkSwitch        *tls_switch,
                 GParamSpec       *pspec,
                 PaSettingsWindow *self)
{
  g_autofree char *url = text_or_null (self->public_url_row);
  gboolean on = gtk_switch_get_active (tls_switch);

  if (!self->filling && url != NULL)
    {
      const char *from = on ? "http://" : "https://";

      if (g_str_has_prefix (url, from))
        {
          g_autofree char *swapped = g_strconcat (on ? "https://" : "http://", url + strlen (from),
                                                  NULL);

          gtk_editable_set_text (GTK_EDITABLE (self->public_url_row), swapped);
        }
    }
  update_state (self);
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
}

/* ------------------------------------------------------------------ */
/* SIP regions: one row each, in the settings' order */

static void region_remove_cb (PaSipRegionRow *row, PaSettingsWindow *self);

static PaSipRegionRow *
add_region_row (PaSettingsWindow  *self,
                const PaSipRegion *region)
{
  GtkWidget *row = pa_sip_region_row_new (region);

  g_signal_connect_swapped (row, "changed", G_CALLBACK (update_state), self);
  g_signal_connect (row, "remove", G_CALLBACK (region_remove_cb), self);
  adw_preferences_group_add (self->regions_group, row);
  g_ptr_array_add (self->region_rows, row);
  return PA_SIP_REGION_ROW (row);
}

static void
region_remove_cb (PaSipRegionRow   *row,
                  PaSettingsWindow *self)
{
  guint index = 0;

  /* The focus was on the row's button: it goes to the next row, else to
   * Add Region, not to the window. */
  if (g_ptr_array_find (self->region_rows, row, &index) && index + 1 < self->region_rows->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->region_rows, index + 1));
  else
    gtk_widget_grab_focus (self->add_region_button);
  g_ptr_array_remove (self->region_rows, row);
  adw_preferences_group_remove (self->regions_group, GTK_WIDGET (row));
  update_state (self);
}

static void
add_region_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PaSettingsWindow *self = PA_SETTINGS_WINDOW (widget);

  pa_sip_region_row_edit_name (add_region_row (self, NULL));
  update_state (self);
}

static void
fill_regions (PaSettingsWindow *self)
{
  GPtrArray *regions = pa_settings_get_sip_regions (self->initial);

  while (self->region_rows->len > 0)
    {
      GtkWidget *row = g_ptr_array_steal_index (self->region_rows, self->region_rows->len - 1);

      adw_preferences_group_remove (self->regions_group, row);
    }
  for (guint i = 0; i < regions->len; i++)
    add_region_row (self, g_ptr_array_index (regions, i));
}

/* A member the key file sets cannot be changed here. */
static void
mark_fixed (PaSettingsWindow *self,
            const char       *member,
            GtkWidget        *row)
{
  gboolean fixed = self->fixed != NULL && g_strv_contains ((const char * const *) self->fixed, member);

  gtk_widget_set_sensitive (row, !fixed);
  gtk_widget_set_tooltip_text (row, fixed ? _("Set in the server’s configuration file; change "
                                              "it there") : NULL);
}

static void
fill (PaSettingsWindow *self)
{
  PaSettings *s = self->initial;
  PaLocalServer *local = pa_connection_get_local_server (self->connection);

  self->filling = TRUE;
  set_entry (self->public_url_row, pa_settings_get_public_url (s));
  set_entry (self->sip_server_row, pa_settings_get_sip_server (s));
  gtk_spin_button_set_value (self->sip_port_spin, pa_settings_get_sip_port (s));
  adw_combo_row_set_selected (self->transport_row, pa_settings_get_sip_transport (s));
  set_entry (self->outbound_proxy_row, pa_settings_get_outbound_proxy (s));
  fill_regions (self);
  pa_time_zones_select (self->timezone_dropdown, pa_settings_get_timezone (s));
  set_entry (self->ntp_server_row, pa_settings_get_ntp_server (s));
  gtk_spin_button_set_value (self->interval_spin, pa_settings_get_update_interval (s));
  if (local != NULL)
    {
      gtk_switch_set_active (self->lan_switch, pa_local_server_get_lan_access (local));
      gtk_switch_set_active (self->tls_switch, pa_local_server_get_tls_cert (local) != NULL);
      set_entry (self->tls_cert_row, pa_local_server_get_tls_cert (local));
      set_entry (self->tls_key_row, pa_local_server_get_tls_key (local));
    }
  self->filling = FALSE;

  mark_fixed (self, "public_url", GTK_WIDGET (self->public_url_row));
  mark_fixed (self, "public_url", GTK_WIDGET (self->address_row));
  mark_fixed (self, "sip_server", GTK_WIDGET (self->sip_server_row));
  select_current_address (self);
  update_state (self);
}

/* "<address in setup links>p/<site key>/": one URL a whole site can be
 * given, following the address as it is typed. */
static char *
bootstrap_url (PaSettingsWindow *self)
{
  g_autofree char *base = text_or_null (self->public_url_row);

  if (self->site_key == NULL || base == NULL)
    return NULL;
  return g_strconcat (base, g_str_has_suffix (base, "/") ? "" : "/", "p/", self->site_key, "/",
                      NULL);
}

static char *
pa_settings_window_check (PaEditor *editor)
{
  PaSettingsWindow *self = PA_SETTINGS_WINDOW (editor);
  g_autoptr(PaSettings) settings = pa_settings_window_build (self);
  g_autoptr(GError) error = NULL;
  gboolean valid = pa_resource_validate (PA_RESOURCE (settings), &error);
  gboolean lan = gtk_switch_get_active (self->lan_switch);
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  gboolean tls = form_tls (self, &cert, &key);
  const char *public_url = pa_settings_get_public_url (settings);

  gtk_widget_set_visible (GTK_WIDGET (self->tls_cert_row), tls);
  gtk_widget_set_visible (GTK_WIDGET (self->tls_key_row), tls);
  /* What phones are told must be what provd will speak. */
  if (valid && tls && (cert == NULL || key == NULL))
    {
      valid = FALSE;
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("Give the certificate and private key files for HTTPS"));
    }
  else if (valid && tls && public_url != NULL && !g_str_has_prefix (public_url, "https://"))
    {
      valid = FALSE;
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("With HTTPS on, the address in setup links must start with https://"));
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->address_row),
                            lan && (self->fixed == NULL
                                    || !g_strv_contains ((const char * const *) self->fixed,
                                                         "public_url")));
  update_address_warning (self);

  {
    g_autofree char *bootstrap = bootstrap_url (self);

    adw_action_row_set_subtitle (self->dhcp_row,
                                 bootstrap != NULL ? bootstrap
                                 : _("Set the address in setup links first"));
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.copy-bootstrap", bootstrap != NULL);
  }

  if (self->initial == NULL)
    return g_strdup (_("The server’s settings have not been read yet"));
  return valid ? NULL : g_strdup (error->message);
}

static void
changed_cb (PaSettingsWindow *self)
{
  if (!self->filling)
    update_state (self);
}

/* ------------------------------------------------------------------ */
/* Loading */

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PaSettingsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(PaResource) settings = pa_client_get_finish_full (PA_CLIENT (source), result,
                                                             &extra, &error);

  pa_editor_end_busy (PA_EDITOR (self));
  if (settings == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pa_editor_show_error (PA_EDITOR (self), _("Cannot read the server’s settings"), error);
      return;
    }
  g_set_object (&self->initial, PA_SETTINGS (settings));
  g_clear_pointer (&self->fixed, g_strfreev);
  if (extra != NULL && json_object_has_member (extra, "fixed")
      && JSON_NODE_HOLDS_ARRAY (json_object_get_member (extra, "fixed")))
    {
      JsonArray *fixed = json_object_get_array_member (extra, "fixed");
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (fixed); i++)
        if (json_node_get_value_type (json_array_get_element (fixed, i)) == G_TYPE_STRING)
          g_strv_builder_add (builder, json_array_get_string_element (fixed, i));
      self->fixed = g_strv_builder_end (builder);
    }
  /* A remote server's TLS is its own configuration (certificate files), so
   * it is shown, not switched, here; the local server's is switched. */
  if (pa_connection_get_local_server (self->connection) != NULL)
    adw_action_row_set_subtitle (self->tls_row,
                                 _("Phones fetch over HTTPS with a certificate they trust: one "
                                   "issued for the address in setup links"));
  else
    adw_action_row_set_subtitle (self->tls_row,
                                 extra != NULL &&
                                 json_object_get_boolean_member_with_default (extra, "tls", FALSE)
                                 ? _("On: phones fetch over HTTPS with the server’s certificate")
                                 : _("Off: phones fetch over plain HTTP. To turn it on, start the "
                                     "server with a certificate (--tls-cert, see docs/api.md)"));
  g_clear_pointer (&self->site_key, g_free);
  if (extra != NULL && json_object_has_member (extra, "bootstrap_url")
      && JSON_NODE_HOLDS_VALUE (json_object_get_member (extra, "bootstrap_url")))
    {
      const char *url = json_object_get_string_member (extra, "bootstrap_url");
      const char *key = url != NULL ? g_strrstr (url, "/p/") : NULL;

      if (key != NULL && g_str_has_suffix (key, "/") && strlen (key) > 4)
        self->site_key = g_strndup (key + 3, strlen (key) - 4);
    }
  fill (self);
}

/* ------------------------------------------------------------------ */
/* Saving */

static void
lan_restarted_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PaSettingsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  pa_editor_end_busy (PA_EDITOR (self));
  if (!pa_connection_use_local_finish (PA_CONNECTION (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pa_editor_show_error (PA_EDITOR (self), _("Cannot restart the local server"), error);
      return;
    }
  if (parent != NULL)
    pa_show_toast (GTK_WIDGET (parent),
                   !gtk_switch_get_active (self->lan_switch)
                   ? _("Only this computer can reach the local server now")
                   : gtk_switch_get_active (self->tls_switch)
                   ? _("Phones on this network can now fetch their settings over HTTPS")
                   : _("Phones on this network can now fetch their settings"));
  pa_editor_finish (PA_EDITOR (self));
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PaSettingsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(PaResource) saved = pa_client_update_finish_full (PA_CLIENT (source), result,
                                                              &extra, &error);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  gint64 affected = 0;
  g_autofree char *toast = NULL;

  if (saved == NULL)
    {
      pa_editor_end_busy (PA_EDITOR (self));
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        pa_editor_show_error (PA_EDITOR (self), _("Not saved"), error);
      return;
    }
  g_set_object (&self->initial, PA_SETTINGS (saved));
  if (extra != NULL && json_object_has_member (extra, "affected_phones"))
    affected = json_object_get_int_member (extra, "affected_phones");
  toast = affected > 0
          ? g_strdup_printf (g_dngettext (NULL, "Settings saved; %d phone will fetch them",
                                          "Settings saved; %d phones will fetch them",
                                          (gulong) affected), (int) affected)
          : g_strdup (_("Settings saved"));
  if (parent != NULL)
    pa_show_toast (GTK_WIDGET (parent), toast);

  if (lan_changed (self) || tls_changed (self))
    {
      PaLocalServer *local = pa_connection_get_local_server (self->connection);
      g_autofree char *cert = NULL;
      g_autofree char *key = NULL;

      form_tls (self, &cert, &key);
      pa_local_server_set_lan_access (local, gtk_switch_get_active (self->lan_switch));
      pa_local_server_set_tls (local, cert, key);
      /* The provd restarts on the same port; the busy count carries over. */
      pa_connection_restart_local_async (self->connection,
                                         pa_editor_get_cancellable (PA_EDITOR (self)),
                                         lan_restarted_cb,
                                         g_object_ref (self));
      return;
    }
  pa_editor_end_busy (PA_EDITOR (self));
  pa_editor_finish (PA_EDITOR (self));
}

static void
save_now (PaSettingsWindow *self)
{
  g_autoptr(PaSettings) settings = pa_settings_window_build (self);

  pa_client_update_async (pa_connection_get_client (self->connection), PA_RESOURCE (settings),
                          pa_editor_get_cancellable (PA_EDITOR (self)), saved_cb, g_object_ref (self));
}

static void
reviewed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PaSettingsWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 affected = 0;
  gboolean go_ahead = pa_review_changes_run_finish (result, &affected, &error);

  if (affected > 0)
    {
      g_free (self->question);
      self->question = g_strdup_printf (g_dngettext (NULL, "Update %d Phone?",
                                                     "Update %d Phones?", (gulong) affected),
                                        (int) affected);
    }
  if (!go_ahead)
    {
      /* Cancelled: the form keeps every change, unsaved. */
      pa_editor_end_busy (PA_EDITOR (self));
      return;
    }
  save_now (self);
}

/* Review Changes: the server's diff of the phones' files the change
 * rewrites, shown when it reaches any; the save waits for the answer. */
static void
preview (PaSettingsWindow *self)
{
  g_autoptr(PaSettings) settings = pa_settings_window_build (self);

  pa_review_changes_run_async (GTK_WINDOW (self), pa_connection_get_client (self->connection),
                               PA_RESOURCE (settings), _("_Save and Push"),
                               pa_editor_get_cancellable (PA_EDITOR (self)), reviewed_cb,
                               g_object_ref (self));
}

static void
tls_checked_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PaSettingsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!pa_local_server_check_tls_finish (result, &error))
    {
      pa_editor_end_busy (PA_EDITOR (self));
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_prefix_error (&error, _("the certificate and key files cannot be used: "));
          pa_editor_show_error (PA_EDITOR (self), _("Not saved"), error);
        }
      return;
    }
  preview (self);
}

static void
pa_settings_window_save (PaEditor *editor)
{
  PaSettingsWindow *self = PA_SETTINGS_WINDOW (editor);
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;

  pa_editor_begin_busy (PA_EDITOR (self));
  /* A provd given files it cannot use would not start: they are read
   * first, and nothing is saved unless they make a pair. */
  if (form_tls (self, &cert, &key) && tls_changed (self))
    {
      pa_local_server_check_tls_async (cert, key, pa_editor_get_cancellable (PA_EDITOR (self)),
                                       tls_checked_cb,
                                       g_object_ref (self));
      return;
    }
  preview (self);
}

static void
copy_bootstrap_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PaSettingsWindow *self = PA_SETTINGS_WINDOW (widget);
  g_autofree char *url = bootstrap_url (self);

  if (url == NULL)
    return;
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), url);
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
pa_settings_window_constructed (GObject *object)
{
  PaSettingsWindow *self = PA_SETTINGS_WINDOW (object);
  PaLocalServer *local = pa_connection_get_local_server (self->connection);
  PaClient *client = pa_connection_get_client (self->connection);

  G_OBJECT_CLASS (pa_settings_window_parent_class)->constructed (object);

  gtk_widget_set_visible (GTK_WIDGET (self->lan_group), local != NULL);
  if (local != NULL)
    {
      guint port = pa_local_server_get_port (local);
      g_autofree char *subtitle =
        g_strdup_printf (_("Phones connect to port %u. If this computer has a firewall, allow "
                           "that port (for example: sudo ufw allow %u/tcp). Closing PhoneAdmin "
                           "then asks whether to keep serving them."), port, port);

      adw_action_row_set_subtitle (self->lan_row, subtitle);
      /* The local server is this app's to start: its certificate is set
       * here. */
      gtk_widget_set_visible (GTK_WIDGET (self->tls_switch), TRUE);
    }

  update_state (self);
  if (client == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE,
                                                     _("not connected"));

      pa_editor_show_error (PA_EDITOR (self), _("Cannot read the server’s settings"), error);
      return;
    }
  pa_editor_begin_busy (PA_EDITOR (self));
  pa_client_get_async (client, PA_TYPE_SETTINGS, PA_SETTINGS_ID,
                       pa_editor_get_cancellable (PA_EDITOR (self)), loaded_cb,
                       g_object_ref (self));
}

static void
pa_settings_window_dispose (GObject *object)
{
  PaSettingsWindow *self = PA_SETTINGS_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_SETTINGS_WINDOW);

  G_OBJECT_CLASS (pa_settings_window_parent_class)->dispose (object);
}

static void
pa_settings_window_finalize (GObject *object)
{
  PaSettingsWindow *self = PA_SETTINGS_WINDOW (object);

  g_clear_object (&self->connection);
  g_clear_object (&self->initial);
  g_clear_pointer (&self->fixed, g_strfreev);
  g_clear_pointer (&self->site_key, g_free);
  g_clear_pointer (&self->addresses, g_ptr_array_unref);
  g_clear_pointer (&self->region_rows, g_ptr_array_unref);
  g_clear_object (&self->address_labels);
  g_clear_pointer (&self->question, g_free);

  G_OBJECT_CLASS (pa_settings_window_parent_class)->finalize (object);
}

static void
pa_settings_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PaSettingsWindow *self = PA_SETTINGS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_settings_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PaSettingsWindow *self = PA_SETTINGS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      self->connection = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_settings_window_class_init (PaSettingsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PaEditorClass *editor_class = PA_EDITOR_CLASS (klass);

  object_class->constructed = pa_settings_window_constructed;
  object_class->dispose = pa_settings_window_dispose;
  object_class->finalize = pa_settings_window_finalize;
  object_class->get_property = pa_settings_window_get_property;
  object_class->set_property = pa_settings_window_set_property;
  editor_class->is_dirty = pa_settings_window_is_dirty;
  editor_class->check = pa_settings_window_check;
  editor_class->save = pa_settings_window_save;
  editor_class->save_tooltip = N_("Save the settings (Ctrl+S)");
  editor_class->discard_body = N_("The changes to the settings have not been saved.");

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, PA_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/settings/pa-settings-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, lan_group);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, lan_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, lan_switch);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, address_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, address_warning_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, sip_server_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, regions_group);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, add_region_button);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, sip_port_spin);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, transport_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, outbound_proxy_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, timezone_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, ntp_server_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, public_url_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, dhcp_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, tls_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, tls_switch);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, tls_cert_row);
  gtk_widget_class_bind_template_child (widget_class, PaSettingsWindow, tls_key_row);

  gtk_widget_class_install_action (widget_class, "settings.add-region", NULL, add_region_action);
  gtk_widget_class_install_action (widget_class, "settings.copy-bootstrap", NULL,
                                   copy_bootstrap_action_cb);
}

static void
pa_settings_window_init (PaSettingsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->region_rows = g_ptr_array_new ();

  self->addresses = pa_lan_addresses_list ();
  self->address_labels = gtk_string_list_new (NULL);
  fill_address_labels (self);
  adw_combo_row_set_model (self->address_row, G_LIST_MODEL (self->address_labels));
  adw_combo_row_set_selected (self->address_row, GTK_INVALID_LIST_POSITION);

  pa_time_zones_setup (self->timezone_dropdown, _("Not set"));

  g_signal_connect (self->address_row, "notify::selected", G_CALLBACK (address_selected_cb), self);
  g_signal_connect (self->lan_switch, "notify::active", G_CALLBACK (lan_switched_cb), self);
  g_signal_connect (self->tls_switch, "notify::active", G_CALLBACK (tls_switched_cb), self);
  g_signal_connect_swapped (self->tls_cert_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->tls_key_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->public_url_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->sip_server_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->outbound_proxy_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->ntp_server_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->sip_port_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->interval_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->transport_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->timezone_dropdown, "notify::selected", G_CALLBACK (changed_cb),
                            self);
}

GtkWidget *
pa_settings_window_new (GtkWindow    *parent,
                        PaConnection *connection)
{
  g_return_val_if_fail (PA_IS_CONNECTION (connection), NULL);

  return g_object_new (PA_TYPE_SETTINGS_WINDOW,
                       "transient-for", parent,
                       "connection", connection,
                       NULL);
}

const char *
pa_settings_window_get_question (PaSettingsWindow *self)
{
  g_return_val_if_fail (PA_IS_SETTINGS_WINDOW (self), NULL);

  return self->question;
}
