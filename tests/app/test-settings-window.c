/* test-settings-window.c — the Server Settings window against the real
 * provd in local mode: read, change, Review Changes before phones change,
 * the save, and letting phones on the LAN in (provd restarted on the same
 * port, reachable on another address of this machine)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <libsoup/soup.h>

#include "pa-app-test.h"
#include "pa-application.h"
#include "pa-lan-addresses.h"
#include "pa-review-changes-dialog.h"
#include "pa-window.h"
#include "pa-settings-window.h"
#include "pa-sip-region-row.h"

#define TIMEOUT_S 30

static char *tmp_home;
static PaApplication *app;

static gboolean
connected (gpointer data)
{
  return pa_connection_get_state (data) == PA_CONNECTION_CONNECTED;
}

static gboolean
window_idle (gpointer data)
{
  return !pa_editor_get_busy (PA_EDITOR (data));
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static PaConnection *
connect_local (void)
{
  PaConnection *connection = pa_app_test_connection_new ();

  pa_connection_connect_async (connection, NULL, NULL, NULL);
  pa_app_test_wait_until_seconds (connected, connection, TIMEOUT_S);
  g_assert_true (pa_connection_get_is_local (connection));
  return connection;
}

static PaSettingsWindow *
open_window (PaConnection *connection)
{
  PaSettingsWindow *window = PA_SETTINGS_WINDOW (pa_settings_window_new (NULL, connection));

  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (window_idle, window, TIMEOUT_S);
  return window;
}

static gpointer
child (gpointer     window,
       const char  *name)
{
  return pa_app_test_template_child (window, name);
}

static PaSettings *
server_settings (PaConnection *connection)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PaResource *settings;

  pa_client_get_async (pa_connection_get_client (connection), PA_TYPE_SETTINGS, PA_SETTINGS_ID,
                       NULL, pa_app_test_store_result_cb, &result);
  pa_app_test_wait_until_seconds (pa_app_test_result_arrived, &result, TIMEOUT_S);
  settings = pa_client_get_finish (pa_connection_get_client (connection), result, &error);
  g_assert_no_error (error);
  return PA_SETTINGS (settings);
}

static gint64
create (PaConnection *connection,
        GType         type,
        const char   *json)
{
  g_autoptr(PaResource) resource = pa_resource_new_from_data (type, json, -1, PA_JSON_DEFAULT, NULL);
  g_autoptr(PaResource) created = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (resource);
  pa_client_create_async (pa_connection_get_client (connection), resource, NULL,
                          pa_app_test_store_result_cb, &result);
  pa_app_test_wait_until_seconds (pa_app_test_result_arrived, &result, TIMEOUT_S);
  created = pa_client_create_finish (pa_connection_get_client (connection), result, NULL, &error);
  g_assert_no_error (error);
  return pa_resource_get_id (created);
}

/* Review Changes with its diff loaded, or NULL. */
static PaReviewChangesDialog *
find_review (void)
{
  PaReviewChangesDialog *dialog = pa_app_test_find_window (PA_TYPE_REVIEW_CHANGES_DIALOG);

  if (dialog == NULL || g_strcmp0 (pa_review_changes_dialog_get_state (dialog), "loaded") != 0)
    return NULL;
  return dialog;
}

static gboolean
review_shown (gpointer data)
{
  return find_review () != NULL;
}

static gboolean
no_review (gpointer data)
{
  return pa_app_test_find_window (PA_TYPE_REVIEW_CHANGES_DIALOG) == NULL;
}

/* Gone, or showing how phones would change. */
static gboolean
window_gone_or_asking (gpointer data)
{
  return window_gone (data) || review_shown (NULL);
}

/* Saves, confirms Review Changes if it shows, and waits for the window to
 * close. Returns whether it showed. */
static gboolean
save_and_wait (PaSettingsWindow *window)
{
  gpointer weak = window;
  gboolean asked = FALSE;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_widget_activate_action (GTK_WIDGET (window), "editor.save", NULL);
  pa_app_test_wait_until_seconds (window_gone_or_asking, &weak, TIMEOUT_S);
  if (weak != NULL)
    {
      asked = TRUE;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_review ()), "review.confirm",
                                                 NULL));
      pa_app_test_wait_until_seconds (window_gone, &weak, TIMEOUT_S);
    }
  return asked;
}

static void
test_change_and_ask (void)
{
  g_autoptr(PaConnection) connection = connect_local ();
  g_autoptr(PaSettings) saved = NULL;
  PaSettingsWindow *window = open_window (connection);
  g_autofree char *account = NULL;
  gint64 account_id;
  PaReviewChangesDialog *review;
  g_autofree char *text = NULL;
  gpointer weak = NULL;

  /* Local mode shows how phones reach this computer, on port 8670's
   * successor at worst. */
  g_assert_true (gtk_widget_get_visible (child (window, "lan_group")));
  g_assert_false (gtk_switch_get_active (child (window, "lan_switch")));
  g_assert_cmpstr (gtk_editable_get_text (child (window, "sip_server_row")), ==, "");

  /* No phone reads the registrar yet: saved without a question. */
  gtk_editable_set_text (child (window, "sip_server_row"), "pbx.example.com");
  g_assert_false (save_and_wait (window));
  saved = server_settings (connection);
  g_assert_cmpstr (pa_settings_get_sip_server (saved), ==, "pbx.example.com");

  /* A phone whose line follows the default: a new time zone reaches it,
   * and the window says so before saving. */
  account_id = create (connection, PA_TYPE_SIP_ACCOUNT, "{\"username\": \"201\"}");
  account = g_strdup_printf ("{\"name\": \"Desk\", \"mac\": \"80:5E:C0:AA:BB:01\","
                             " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\","
                             " \"lines\": [%" G_GINT64_FORMAT "]}", account_id);
  create (connection, PA_TYPE_PHONE, account);

  window = open_window (connection);
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  g_assert_cmpstr (gtk_editable_get_text (child (window, "sip_server_row")), ==, "pbx.example.com");
  gtk_spin_button_set_value (child (window, "sip_port_spin"), 5080);
  gtk_widget_activate_action (GTK_WIDGET (window), "editor.save", NULL);
  pa_app_test_wait_until_seconds (review_shown, NULL, TIMEOUT_S);
  review = find_review ();
  g_assert_cmpstr (pa_review_changes_dialog_get_summary (review), ==,
                   "This change rewrites the files of 1 phone.");
  text = pa_review_changes_dialog_dup_text (review);
  g_assert_nonnull (strstr (text, "5080"));
  g_assert_nonnull (strstr (text, "80:5E:C0:AA:BB:01"));
  pa_app_test_wait_for_frames (3);
  pa_app_test_maybe_screenshot (GTK_WIDGET (review), "settings-review");

  /* Cancel keeps the window and saves nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.cancel", NULL));
  pa_app_test_wait_until_seconds (window_idle, window, TIMEOUT_S);
  pa_app_test_wait_until_seconds (no_review, NULL, TIMEOUT_S);
  g_assert_nonnull (weak);
  g_assert_cmpstr (pa_settings_window_get_question (window), ==, "Update 1 Phone?");
  g_clear_object (&saved);
  saved = server_settings (connection);
  g_assert_cmpuint (pa_settings_get_sip_port (saved), ==, 5060);

  gtk_widget_activate_action (GTK_WIDGET (window), "editor.save", NULL);
  pa_app_test_wait_until_seconds (review_shown, NULL, TIMEOUT_S);
  gtk_widget_activate_action (GTK_WIDGET (find_review ()), "review.confirm", NULL);
  pa_app_test_wait_until_seconds (window_gone, &weak, TIMEOUT_S);
  g_clear_object (&saved);
  saved = server_settings (connection);
  g_assert_cmpuint (pa_settings_get_sip_port (saved), ==, 5080);

  /* A new NTP server reaches the phone too: shown, then saved. */
  window = open_window (connection);
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_editable_set_text (child (window, "ntp_server_row"), "ntp.review.example");
  gtk_widget_activate_action (GTK_WIDGET (window), "editor.save", NULL);
  pa_app_test_wait_until_seconds (review_shown, NULL, TIMEOUT_S);
  g_free (text);
  text = pa_review_changes_dialog_dup_text (find_review ());
  g_assert_nonnull (strstr (text, "+local_time.ntp_server1 = ntp.review.example"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_review ()), "review.confirm", NULL));
  pa_app_test_wait_until_seconds (window_gone, &weak, TIMEOUT_S);
  g_clear_object (&saved);
  saved = server_settings (connection);
  g_assert_cmpstr (pa_settings_get_ntp_server (saved), ==, "ntp.review.example");

  pa_connection_shutdown (connection);
}

/* Bad input: Save is off and says why; nothing is sent. */
static void
test_invalid (void)
{
  g_autoptr(PaConnection) connection = connect_local ();
  PaSettingsWindow *window = open_window (connection);

  gtk_editable_set_text (child (window, "public_url_row"), "ftp://nowhere");
  g_assert_false (gtk_widget_is_sensitive (child (window, "save_button")));
  g_assert_nonnull (gtk_widget_get_tooltip_text (child (window, "save_button")));
  gtk_editable_set_text (child (window, "public_url_row"), "");
  g_assert_true (gtk_widget_is_sensitive (child (window, "save_button")));

  gtk_window_destroy (GTK_WINDOW (window));
  pa_connection_shutdown (connection);
}

static gpointer
region_child (PaSipRegionRow *row,
              const char     *name)
{
  gpointer widget = gtk_widget_get_template_child (GTK_WIDGET (row), PA_TYPE_SIP_REGION_ROW, name);

  g_assert_nonnull (widget);
  return widget;
}

/* Add Region opens a row with the focus in its name; a region without a
 * server cannot be saved and Save says why; saved, the server has it;
 * reopened, it is there, and Remove drops it. */
static void
test_regions (void)
{
  g_autoptr(PaConnection) connection = connect_local ();
  g_autoptr(PaSettings) saved = NULL;
  PaSettingsWindow *window = open_window (connection);
  PaSipRegionRow *row;
  GPtrArray *regions;

  gtk_widget_activate_action (GTK_WIDGET (window), "settings.add-region", NULL);
  row = PA_SIP_REGION_ROW (gtk_widget_get_ancestor (gtk_window_get_focus (GTK_WINDOW (window)),
                                                    PA_TYPE_SIP_REGION_ROW));
  g_assert_nonnull (row);
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  /* A name with "&" is shown as typed (read as markup, GTK warned and
   * showed no title). */
  gtk_editable_set_text (region_child (row, "name_row"), "R&D Berlin");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "R&D Berlin");
  g_assert_false (gtk_widget_is_sensitive (child (window, "save_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (child (window, "save_button")),
                            "SIP server"));
  gtk_editable_set_text (region_child (row, "server_row"), "ber.example.com");
  gtk_spin_button_set_value (region_child (row, "port_spin"), 5061);
  adw_combo_row_set_selected (region_child (row, "transport_row"), PA_SIP_TRANSPORT_TLS);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==,
                   "ber.example.com:5061, TLS");
  g_assert_true (gtk_widget_is_sensitive (child (window, "save_button")));
  pa_app_test_maybe_screenshot (GTK_WIDGET (window), "settings-regions");
  save_and_wait (window);

  saved = server_settings (connection);
  regions = pa_settings_get_sip_regions (saved);
  g_assert_cmpuint (regions->len, ==, 1);
  g_assert_cmpstr (((PaSipRegion *) g_ptr_array_index (regions, 0))->server, ==, "ber.example.com");
  g_assert_cmpuint (((PaSipRegion *) g_ptr_array_index (regions, 0))->port, ==, 5061);
  g_assert_cmpint (((PaSipRegion *) g_ptr_array_index (regions, 0))->transport, ==,
                   PA_SIP_TRANSPORT_TLS);

  window = open_window (connection);
  row = PA_SIP_REGION_ROW (pa_app_test_find_descendant (child (window, "regions_group"),
                                                        PA_TYPE_SIP_REGION_ROW));
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_editable_get_text (region_child (row, "server_row")), ==, "ber.example.com");
  g_signal_emit_by_name (row, "remove");
  g_assert_null (pa_app_test_find_descendant (child (window, "regions_group"), PA_TYPE_SIP_REGION_ROW));
  save_and_wait (window);
  g_clear_object (&saved);
  saved = server_settings (connection);
  g_assert_cmpuint (pa_settings_get_sip_regions (saved)->len, ==, 0);

  pa_connection_shutdown (connection);
}

static guint
get_status (const char *url,
            const char *token)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 5, NULL);
  g_autofree char *info = g_strconcat (url, "api/v1", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", info);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = soup_session_send_and_read (session, msg, NULL, NULL);
  return soup_message_get_status (msg);
}

/* Letting phones in: provd restarts listening on every address, on the
 * same port, and setup links name the LAN address picked for them. */
static void
test_lan_access (void)
{
  g_autoptr(PaConnection) connection = connect_local ();
  g_autoptr(GPtrArray) addresses = pa_lan_addresses_list ();
  g_autoptr(PaSettings) saved = NULL;
  PaLocalServer *local = pa_connection_get_local_server (connection);
  guint port = pa_local_server_get_port (local);
  g_autofree char *other = g_strdup_printf ("http://127.0.0.2:%u/", port);
  PaSettingsWindow *window = open_window (connection);

  g_assert_cmpuint (get_status (other, pa_local_server_get_token (local)), ==, SOUP_STATUS_NONE);
  gtk_switch_set_active (child (window, "lan_switch"), TRUE);
  if (addresses->len > 0)
    {
      PaLanAddress *first = g_ptr_array_index (addresses, 0);
      g_autofree char *expected = g_strdup_printf ("http://%s:%u/", first->address, port);

      /* The first LAN address is offered at once. */
      g_assert_cmpstr (gtk_editable_get_text (child (window, "public_url_row")), ==, expected);
      g_assert_false (gtk_widget_get_visible (child (window, "address_warning_row")));
    }
  else
    g_assert_true (gtk_widget_get_visible (child (window, "address_warning_row")));
  pa_app_test_maybe_screenshot (GTK_WIDGET (window), "settings");

  /* The line for DHCP option 66 follows the address. */
  {
    g_autofree char *expected = g_strdup_printf ("%sp/",
                                                 gtk_editable_get_text (child (window, "public_url_row")));
    const char *dhcp = adw_action_row_get_subtitle (child (window, "dhcp_row"));

    g_assert_true (g_str_has_prefix (dhcp, expected));
    g_assert_cmpuint (strlen (dhcp), ==, strlen (expected) + 43 + 1);
  }

  /* An address this computer does not have is called out. */
  gtk_editable_set_text (child (window, "public_url_row"), "http://192.0.2.99:8670/");
  g_assert_true (gtk_widget_get_visible (child (window, "address_warning_row")));
  if (addresses->len > 0)
    adw_combo_row_set_selected (child (window, "address_row"), 0);

  save_and_wait (window);
  pa_app_test_wait_until_seconds (connected, connection, TIMEOUT_S);
  local = pa_connection_get_local_server (connection);
  g_assert_true (pa_local_server_get_lan_access (local));
  g_assert_cmpuint (pa_local_server_get_port (local), ==, port);
  g_assert_cmpuint (get_status (other, pa_local_server_get_token (local)), ==, 200);
  saved = server_settings (connection);
  if (addresses->len > 0)
    g_assert_true (g_str_has_prefix (pa_settings_get_public_url (saved), "http://"));

  pa_connection_shutdown (connection);
}

static gboolean
dialog_shown (gpointer data)
{
  return pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static gboolean
lan_restarted (gpointer data)
{
  PaConnection *connection = data;
  PaLocalServer *local = pa_connection_get_local_server (connection);

  return pa_connection_get_state (connection) == PA_CONNECTION_CONNECTED && local != NULL &&
         pa_local_server_get_lan_access (local) && pa_local_server_get_url (local) != NULL;
}

static gboolean
pid_alive (GPid pid)
{
  return pid > 0 && kill (pid, 0) == 0;
}

/* Closing with phones depending on the local server asks; Keep Running
 * leaves provd serving them, the next start adopts it and says so; Stop
 * Server ends it. */
static void
test_keep_serving (void)
{
  PaConnection *connection = connect_local ();
  PaWindow *window = g_object_new (PA_TYPE_WINDOW, "application", app, "connection", connection,
                                   NULL);
  gpointer weak = window;
  GPid pid;

  gtk_window_present (GTK_WINDOW (window));
  pa_connection_set_lan_access_async (connection, TRUE, NULL, NULL, NULL);
  pa_app_test_wait_until_seconds (lan_restarted, connection, TIMEOUT_S);
  pid = pa_local_server_get_pid (pa_connection_get_local_server (connection));
  g_assert_true (pid_alive (pid));

  /* Cancel: the window stays. */
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (dialog_shown, NULL, TIMEOUT_S);
  pa_app_test_click_response ("_Cancel");
  pa_app_test_wait_until_seconds (pa_app_test_no_message_dialog, NULL, TIMEOUT_S);
  g_assert_nonnull (weak);

  gtk_window_close (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (dialog_shown, NULL, TIMEOUT_S);
  pa_app_test_maybe_screenshot (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG), "keep-serving");
  adw_message_dialog_response (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG), "keep");
  pa_app_test_wait_until_seconds (window_gone, &weak, TIMEOUT_S);
  /* What the application does on its way out. */
  pa_connection_shutdown (connection);
  g_clear_object (&connection);
  g_assert_true (pid_alive (pid));

  /* The next start takes it over, and says it went on. */
  connection = connect_local ();
  g_assert_true (pa_local_server_get_adopted (pa_connection_get_local_server (connection)));
  g_assert_cmpint (pa_local_server_get_pid (pa_connection_get_local_server (connection)), ==, pid);
  window = g_object_new (PA_TYPE_WINDOW, "application", app, "connection", connection, NULL);
  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (pa_app_test_widget_ready, window, TIMEOUT_S);

  /* Stop Server: gone with the window. */
  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (dialog_shown, NULL, TIMEOUT_S);
  adw_message_dialog_response (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG), "stop");
  pa_app_test_wait_until_seconds (window_gone, &weak, TIMEOUT_S);
  pa_connection_shutdown (connection);
  g_clear_object (&connection);
  pa_app_test_wait_until_seconds (pa_app_test_pid_gone, GINT_TO_POINTER (pid), TIMEOUT_S);
}

static void
set_public_url (PaConnection *connection,
                const char   *url)
{
  g_autoptr(PaSettings) settings = server_settings (connection);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PaResource) saved = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (settings, "public-url", url, NULL);
  pa_client_update_async (pa_connection_get_client (connection), PA_RESOURCE (settings), NULL,
                          pa_app_test_store_result_cb, &result);
  pa_app_test_wait_until_seconds (pa_app_test_result_arrived, &result, TIMEOUT_S);
  saved = pa_client_update_finish (pa_connection_get_client (connection), result, &error);
  g_assert_no_error (error);
}

static gboolean
banner_shown (gpointer data)
{
  return gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_template_child (data, PA_TYPE_WINDOW,
                                                                                     "banner_revealer")));
}

static gboolean
banner_hidden (gpointer data)
{
  return !banner_shown (data);
}

/* The main window says so when setup links name an address this computer
 * no longer has, and offers the way to fix it. */
static void
test_address_gone (void)
{
  g_autoptr(PaConnection) connection = connect_local ();
  g_autoptr(GPtrArray) addresses = pa_lan_addresses_list ();
  PaWindow *window;
  GtkWidget *label, *button;

  pa_connection_set_lan_access_async (connection, TRUE, NULL, NULL, NULL);
  pa_app_test_wait_until_seconds (lan_restarted, connection, TIMEOUT_S);
  set_public_url (connection, "http://192.0.2.99:8670/");

  window = g_object_new (PA_TYPE_WINDOW, "application", app, "connection", connection, NULL);
  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_refresh_sync (pa_connection_get_repository (connection));
  pa_app_test_wait_until_seconds (banner_shown, window, TIMEOUT_S);
  label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), PA_TYPE_WINDOW,
                                                     "banner_label"));
  button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), PA_TYPE_WINDOW,
                                                      "banner_button"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "192.0.2.99"));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "app.server-settings");
  pa_app_test_maybe_screenshot (GTK_WIDGET (window), "address-gone");

  if (addresses->len > 0)
    {
      PaLanAddress *first = g_ptr_array_index (addresses, 0);
      g_autofree char *url = g_strdup_printf ("http://%s:%u/", first->address,
                                              pa_local_server_get_port (pa_connection_get_local_server (connection)));

      set_public_url (connection, url);
      pa_app_test_refresh_sync (pa_connection_get_repository (connection));
      pa_app_test_wait_until_seconds (banner_hidden, window, TIMEOUT_S);
    }

  pa_connection_set_keep_local_running (connection, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  pa_connection_shutdown (connection);
}

/* Local mode's first question: until answered, the main window says phones
 * cannot reach this computer and offers to let them in; Cancel leaves it
 * asking, Allow restarts provd on every address with setup links naming the
 * first LAN address, and the question is not asked again. */
static void
test_lan_question (void)
{
  PaConnection *connection = connect_local ();
  PaLocalServer *local = pa_connection_get_local_server (connection);
  g_autofree char *mode = g_build_filename (pa_local_server_get_data_dir (local), "local-mode.ini",
                                            NULL);
  g_autofree char *fresh = g_strdup_printf ("[local-mode]\nport=%u\n",
                                            pa_local_server_get_port (local));
  g_autoptr(GPtrArray) addresses = pa_lan_addresses_list ();
  g_autoptr(PaSettings) saved = NULL;
  GtkLabel *label;
  PaWindow *window;
  gpointer weak;

  /* As on a first run: nothing answered yet. */
  pa_connection_shutdown (connection);
  g_clear_object (&connection);
  g_assert_true (g_file_set_contents (mode, fresh, -1, NULL));
  connection = connect_local ();
  local = pa_connection_get_local_server (connection);
  g_assert_false (pa_local_server_get_lan_asked (local));

  window = g_object_new (PA_TYPE_WINDOW, "application", app, "connection", connection, NULL);
  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (banner_shown, window, TIMEOUT_S);
  label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (window), PA_TYPE_WINDOW, "banner_label"));
  g_assert_nonnull (strstr (gtk_label_get_label (label), "cannot fetch their settings"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (window), "lan-banner");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.lan-question", NULL);
  pa_app_test_wait_until_seconds (dialog_shown, NULL, TIMEOUT_S);
  {
    AdwMessageDialog *question = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
    g_autofree char *port = g_strdup_printf ("port %u", pa_local_server_get_port (local));

    g_assert_nonnull (strstr (adw_message_dialog_get_body (question), port));
    pa_app_test_maybe_screenshot (GTK_WIDGET (question), "lan-question");
    /* As a click does: the answer, then the dialog goes. */
    adw_message_dialog_response (question, "cancel");
    gtk_window_destroy (GTK_WINDOW (question));
  }
  /* Cancel is answered then and there, and starts nothing. */
  g_assert_true (banner_shown (window));
  g_assert_false (pa_local_server_get_lan_asked (local));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.lan-question", NULL);
  pa_app_test_wait_until_seconds (dialog_shown, NULL, TIMEOUT_S);
  {
    AdwMessageDialog *question = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);

    adw_message_dialog_response (question, "allow");
    gtk_window_destroy (GTK_WINDOW (question));
  }
  pa_app_test_wait_until_seconds (lan_restarted, connection, TIMEOUT_S);
  local = pa_connection_get_local_server (connection);
  g_assert_true (pa_local_server_get_lan_asked (local));
  saved = server_settings (connection);
  if (addresses->len > 0)
    {
      g_autofree char *expected = g_strdup_printf ("http://%s:%u/",
                                                   ((PaLanAddress *) g_ptr_array_index (addresses, 0))->address,
                                                   pa_local_server_get_port (local));

      g_assert_cmpstr (pa_settings_get_public_url (saved), ==, expected);
      /* Links name an address phones reach: nothing to say any more. */
      pa_app_test_wait_until_seconds (banner_hidden, window, TIMEOUT_S);
    }

  weak = window;
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_close (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (dialog_shown, NULL, TIMEOUT_S);
  adw_message_dialog_response (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG), "stop");
  pa_app_test_wait_until_seconds (window_gone, &weak, TIMEOUT_S);
  pa_connection_shutdown (connection);
  g_clear_object (&connection);
}

static gboolean
serving_tls (gpointer data)
{
  PaConnection *connection = data;
  PaLocalServer *local = pa_connection_get_local_server (connection);

  return pa_connection_get_state (connection) == PA_CONNECTION_CONNECTED && local != NULL &&
         g_str_has_prefix (pa_local_server_get_url (local), "https://");
}

static gboolean
serving_plain (gpointer data)
{
  PaConnection *connection = data;
  PaLocalServer *local = pa_connection_get_local_server (connection);

  return pa_connection_get_state (connection) == PA_CONNECTION_CONNECTED && local != NULL &&
         g_str_has_prefix (pa_local_server_get_url (local), "http://");
}

static gboolean
banner_says_not_saved (gpointer data)
{
  return gtk_revealer_get_reveal_child (child (data, "banner_revealer")) &&
         strstr (gtk_label_get_label (child (data, "banner_label")), "cannot be used") != NULL;
}

/* HTTPS for the local server, switched here: Save wants both files and an
 * https:// address (the switch rewrites it); files that do not make a pair
 * are refused before anything is saved; a good pair restarts provd on
 * HTTPS, and the app trusts the certificate it gave it. Off again, plain. */
static void
test_local_tls (void)
{
  g_autoptr(PaConnection) connection = connect_local ();
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "data", "tls", "server.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "data", "tls", "server-key.pem", NULL);
  g_autofree char *other = g_test_build_filename (G_TEST_DIST, "data", "tls", "ca.pem", NULL);
  g_autoptr(PaSettings) saved = NULL;
  PaLocalServer *local = pa_connection_get_local_server (connection);
  PaSettingsWindow *window = open_window (connection);
  g_autofree char *url = NULL;

  g_assert_true (gtk_widget_get_visible (child (window, "tls_switch")));
  g_assert_false (gtk_switch_get_active (child (window, "tls_switch")));
  gtk_editable_set_text (child (window, "public_url_row"), "http://127.0.0.1:8670/");
  gtk_switch_set_active (child (window, "tls_switch"), TRUE);
  g_assert_cmpstr (gtk_editable_get_text (child (window, "public_url_row")), ==,
                   "https://127.0.0.1:8670/");
  g_assert_true (gtk_widget_get_visible (child (window, "tls_cert_row")));
  g_assert_false (gtk_widget_is_sensitive (child (window, "save_button")));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (child (window, "save_button")), "files"));

  /* A key that is not the certificate's: refused, nothing saved. */
  gtk_editable_set_text (child (window, "tls_cert_row"), cert);
  gtk_editable_set_text (child (window, "tls_key_row"), other);
  g_assert_true (gtk_widget_is_sensitive (child (window, "save_button")));
  gtk_widget_activate_action (GTK_WIDGET (window), "editor.save", NULL);
  pa_app_test_wait_until_seconds (banner_says_not_saved, window, TIMEOUT_S);
  pa_app_test_wait_until_seconds (window_idle, window, TIMEOUT_S);
  g_assert_null (pa_local_server_get_tls_cert (local));
  saved = server_settings (connection);
  g_assert_false (g_str_has_prefix (pa_settings_get_public_url (saved), "https://"));

  gtk_editable_set_text (child (window, "tls_key_row"), key);
  pa_app_test_maybe_screenshot (GTK_WIDGET (window), "settings-tls");
  save_and_wait (window);
  pa_app_test_wait_until_seconds (serving_tls, connection, TIMEOUT_S);
  /* A restart is a new local server object. */
  local = pa_connection_get_local_server (connection);
  g_assert_cmpstr (pa_local_server_get_tls_cert (local), ==, cert);
  /* The app reaches its provd over HTTPS, trusting the certificate. */
  g_clear_object (&saved);
  saved = server_settings (connection);
  g_assert_cmpstr (pa_settings_get_public_url (saved), ==, "https://127.0.0.1:8670/");

  /* Kept for the next start. */
  {
    g_autoptr(PaLocalServer) again = pa_local_server_new (NULL, pa_local_server_get_data_dir (local));

    g_assert_cmpstr (pa_local_server_get_tls_key (again), ==, key);
  }

  window = open_window (connection);
  g_assert_true (gtk_switch_get_active (child (window, "tls_switch")));
  gtk_switch_set_active (child (window, "tls_switch"), FALSE);
  url = g_strdup (gtk_editable_get_text (child (window, "public_url_row")));
  g_assert_cmpstr (url, ==, "http://127.0.0.1:8670/");
  gtk_editable_set_text (child (window, "public_url_row"), "");
  save_and_wait (window);
  pa_app_test_wait_until_seconds (serving_plain, connection, TIMEOUT_S);
  local = pa_connection_get_local_server (connection);
  g_assert_null (pa_local_server_get_tls_cert (local));

  pa_connection_shutdown (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  tmp_home = g_dir_make_tmp ("pa-settings-window-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", tmp_home, TRUE);
  pa_app_test_local_port_of_its_own ();

  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();
  app = pa_application_new ();
  /* Non-unique, as the other tests: with another PhoneAdmin on the bus (the
   * screen reader's walk runs the real one beside the tests) this one would
   * register as its remote, never start up, and crash adding a window. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (app)));

  g_test_add_func ("/settings-window/change-and-ask", test_change_and_ask);
  g_test_add_func ("/settings-window/invalid", test_invalid);
  g_test_add_func ("/settings-window/regions", test_regions);
  g_test_add_func ("/settings-window/lan-access", test_lan_access);
  g_test_add_func ("/settings-window/keep-serving", test_keep_serving);
  g_test_add_func ("/settings-window/address-gone", test_address_gone);
  g_test_add_func ("/settings-window/lan-question", test_lan_question);
  g_test_add_func ("/settings-window/local-tls", test_local_tls);
  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", tmp_home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  g_free (tmp_home);
  return status;
}
