/* test-phone-editor.c — the phone editor and credentials dialog against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: a real phoneadmin-provd on loopback (tests/server/pa-test-server.h),
 * a real PaClient and PaRepository, real widgets under Xvfb. Rows are filled
 * the way a user would leave them (text set, combo positions chosen) and the
 * save is the editor's own action. With PA_SHOTS_DIR set, each window is also
 * drawn to a PNG there.
 */
#define G_LOG_DOMAIN "test-phone-editor"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include <glib/gstdio.h>

#include "pa-credentials-dialog.h"
#include "pa-mac-entry.h"
#include "pa-phone-actions.h"
#include "pa-phone-editor.h"
#include "pa-repository.h"
#include "../server/pa-test-server.h"
#include "pa-app-test.h"

typedef struct
{
  PaTestServer *server;
  PaRepository *repo;
  GtkWindow    *parent;
} Fixture;

/* ---------------------------------------------------------------------- */
/* Helpers */

static gboolean
not_saving (gpointer data)
{
  return !pa_editor_get_busy (PA_EDITOR (data));
}

static gpointer
child (gpointer    editor,
       const char *name)
{
  return pa_app_test_template_child (editor, name);
}

static PaMacEntry *
mac_entry_of (gpointer editor)
{
  GtkWidget *entry = pa_app_test_find_descendant (child (editor, "mac_row"), PA_TYPE_MAC_ENTRY);

  g_assert_nonnull (entry);
  return PA_MAC_ENTRY (entry);
}

static void
set_text (gpointer    editor,
          const char *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (editor, row)), text);
}

static const char *
get_text (gpointer    editor,
          const char *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (editor, row)));
}

static char *
built_vendor (PaPhoneEditor *editor)
{
  g_autoptr(PaPhone) phone = pa_phone_editor_build_phone (editor);

  return g_strdup (pa_phone_get_vendor (phone));
}

static char *
built_model (PaPhoneEditor *editor)
{
  g_autoptr(PaPhone) phone = pa_phone_editor_build_phone (editor);

  return g_strdup (pa_phone_get_model (phone));
}

/* Picks the combo position whose built phone has @value (vendor or model),
 * as a user choosing it from the list would. */
static void
choose (PaPhoneEditor *editor,
        const char    *row_name,
        char         *(*getter) (PaPhoneEditor *),
        const char    *value)
{
  AdwComboRow *row = child (editor, row_name);
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autofree char *got = NULL;

      adw_combo_row_set_selected (row, i);
      got = getter (editor);
      if (g_strcmp0 (got, value) == 0)
        return;
    }
  g_error ("No %s in %s", value, row_name);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->server = pa_test_server_new ();
  fixture->repo = pa_app_test_repository_new (fixture->server->url, fixture->server->token);

  fixture->parent = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->parent, 800, 600);
  gtk_window_present (fixture->parent);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pa_app_test_close_all_dialogs ();
  gtk_window_destroy (fixture->parent);
  g_clear_object (&fixture->repo);
  g_clear_pointer (&fixture->server, pa_test_server_free);
}

static PaPhoneEditor *
new_editor (Fixture *fixture,
            PaPhone *phone)
{
  GtkWidget *editor = pa_phone_editor_new (fixture->parent, fixture->repo, phone);

  gtk_window_present (GTK_WINDOW (editor));
  return PA_PHONE_EDITOR (editor);
}

static void
fill_new_phone (PaPhoneEditor *editor,
                const char    *name,
                const char    *mac)
{
  set_text (editor, "name_row", name);
  set_text (editor, "description_row", "At the front desk");
  gtk_editable_set_text (GTK_EDITABLE (mac_entry_of (editor)), mac);
  choose (editor, "brand_row", built_vendor, "yealink");
  choose (editor, "model_row", built_model, "yealink-t54w");
  set_text (editor, "timezone_row", "Europe/Berlin");
  set_text (editor, "sip_server_row", "pbx.example.com");
}

static PaPhone *
stored_phone (Fixture    *fixture,
              const char *mac)
{
  return pa_repository_find_phone_by_mac (fixture->repo, mac);
}

/* ---------------------------------------------------------------------- */
/* Tests */

static void
test_create_shows_password_once (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  PaPhoneEditor *editor = new_editor (fixture, NULL);
  PaCredentialsDialog *dialog;
  PaPhone *phone;
  g_autofree char *path = NULL;
  g_autoptr(PaTestResponse) response = NULL;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  /* Nothing typed: Save is off. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL)
                  && pa_editor_get_busy (PA_EDITOR (editor)));

  fill_new_phone (editor, "Reception", "805ec0123456");
  pa_app_test_maybe_screenshot (GTK_WIDGET (editor), "phone-editor-new.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  g_assert_true (pa_editor_get_busy (PA_EDITOR (editor)));

  pa_app_test_wait_until (pa_app_test_credentials_shown, NULL);
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);

  dialog = pa_app_test_find_window (PA_TYPE_CREDENTIALS_DIALOG);
  g_assert_nonnull (pa_credentials_dialog_get_password (dialog));
  g_assert_cmpuint (strlen (pa_credentials_dialog_get_password (dialog)), >=, 12);
  g_assert_cmpstr (pa_credentials_dialog_get_username (dialog), ==, "ph805ec0123456");
  g_assert_true (g_str_has_prefix (pa_credentials_dialog_get_setup_link (dialog), "http://"));
  g_assert_nonnull (strstr (pa_credentials_dialog_get_setup_link (dialog), "/p/"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (dialog), "credentials-dialog.png");

  /* It is on the server, as typed. */
  phone = stored_phone (fixture, "80:5E:C0:12:34:56");
  g_assert_nonnull (phone);
  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, pa_resource_get_id (PA_RESOURCE (phone)));
  response = pa_test_api (fixture->server, "GET", path, NULL, NULL);
  g_assert_cmpuint (response->status, ==, 200);
  {
    JsonObject *object = pa_test_response_object (response);

    g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Reception");
    g_assert_cmpstr (json_object_get_string_member (object, "model"), ==, "yealink-t54w");
    g_assert_cmpstr (json_object_get_string_member (object, "timezone"), ==, "Europe/Berlin");
    g_assert_cmpstr (json_object_get_string_member (object, "description"), ==, "At the front desk");
    g_assert_false (json_object_has_member (object, "sip_password"));
  }
}

/* A phone whose admin password policy is "generated": provd makes one
 * and the credentials dialog shows it, once, beside the SIP password. */
static void
test_generated_admin_password_shown_once (Fixture       *fixture,
                                          gconstpointer  user_data)
{
  PaPhoneEditor *editor = new_editor (fixture, NULL);
  PaCredentialsDialog *dialog;
  PaPhone *phone;
  g_autofree char *path = NULL;
  g_autofree char *line = NULL;
  g_autoptr(PaTestResponse) fetched = NULL;
  g_autoptr(PaTestResponse) got = NULL;
  const char *admin_password;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  fill_new_phone (editor, "Lobby", "805ec0555555");
  adw_combo_row_set_selected (child (editor, "password_mode_row"), PA_ADMIN_PASSWORD_GENERATED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  pa_app_test_wait_until (pa_app_test_credentials_shown, NULL);
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);

  dialog = pa_app_test_find_window (PA_TYPE_CREDENTIALS_DIALOG);
  admin_password = pa_credentials_dialog_get_admin_password (dialog);
  g_assert_nonnull (admin_password);
  g_assert_cmpuint (strlen (admin_password), >=, 16);
  pa_app_test_maybe_screenshot (GTK_WIDGET (dialog), "credentials-admin-password.png");

  /* the phone's file carries it; the API does not show it */
  phone = stored_phone (fixture, "80:5E:C0:55:55:55");
  path = g_strdup_printf ("/p/%s/805ec0555555.cfg", pa_phone_get_token (phone));
  fetched = pa_test_request (fixture->server, "GET", path, NULL, NULL, -1, FALSE, NULL);
  line = g_strdup_printf ("static.security.user_password = admin:%s\n", admin_password);
  g_assert_nonnull (strstr (fetched->text, line));
  got = pa_test_get (fixture->server, "phones", pa_resource_get_id (PA_RESOURCE (phone)));
  g_assert_null (strstr (got->text, admin_password));
}

static void
test_brand_filters_models (Fixture       *fixture,
                           gconstpointer  user_data)
{
  PaPhoneEditor *editor = new_editor (fixture, NULL);
  AdwComboRow *model_row = child (editor, "model_row");
  g_autoptr(GListModel) yealink = pa_catalog_list_models_for_vendor (pa_catalog_get_default (), "yealink");
  g_autofree char *vendor = built_vendor (editor);
  GListModel *vendors = pa_catalog_get_vendors (pa_catalog_get_default ());
  const char *other = NULL;

  /* No brand yet: no models to pick. */
  g_assert_cmpstr (vendor, ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (model_row)), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (model_row)));

  choose (editor, "brand_row", built_vendor, "yealink");
  g_assert_cmpuint (g_list_model_get_n_items (yealink), >, 1);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (model_row)), ==,
                    g_list_model_get_n_items (yealink));
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (model_row)); i++)
    {
      g_autofree char *model_id = NULL;

      adw_combo_row_set_selected (model_row, i);
      model_id = built_model (editor);
      g_assert_cmpstr (pa_device_model_get_vendor_id (pa_catalog_get_model (pa_catalog_get_default (),
                                                                             model_id)),
                       ==, "yealink");
    }

  /* Another brand lists only its own models. */
  for (guint i = 0; i < g_list_model_get_n_items (vendors) && other == NULL; i++)
    {
      g_autoptr(PaVendor) v = g_list_model_get_item (vendors, i);
      g_autoptr(GListModel) models = pa_catalog_list_models_for_vendor (pa_catalog_get_default (),
                                                                       pa_vendor_get_id (v));

      if (!g_str_equal (pa_vendor_get_id (v), "yealink") && g_list_model_get_n_items (models) > 0)
        other = pa_vendor_get_id (v);
    }
  g_assert_nonnull (other);
  choose (editor, "brand_row", built_vendor, other);
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (model_row)); i++)
    {
      g_autofree char *model_id = NULL;

      adw_combo_row_set_selected (model_row, i);
      model_id = built_model (editor);
      g_assert_cmpstr (pa_device_model_get_vendor_id (pa_catalog_get_model (pa_catalog_get_default (),
                                                                             model_id)),
                       ==, other);
    }

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_mac_preselects_brand (Fixture       *fixture,
                           gconstpointer  user_data)
{
  PaPhoneEditor *editor = new_editor (fixture, NULL);
  PaMacEntry *mac = mac_entry_of (editor);
  g_autofree char *vendor = NULL;
  g_autofree char *model = NULL;
  g_autofree char *kept = NULL;
  const char *other = NULL;
  GListModel *vendors = pa_catalog_get_vendors (pa_catalog_get_default ());

  gtk_editable_set_text (GTK_EDITABLE (mac), "80-5E-C0-AA-BB-CC");
  vendor = built_vendor (editor);
  g_assert_cmpstr (vendor, ==, "yealink");
  model = built_model (editor);
  g_assert_true (g_str_has_prefix (model, "yealink-"));

  /* The user overrides the guess; a later MAC does not undo that. */
  for (guint i = 0; i < g_list_model_get_n_items (vendors) && other == NULL; i++)
    {
      g_autoptr(PaVendor) v = g_list_model_get_item (vendors, i);

      if (!g_str_equal (pa_vendor_get_id (v), "yealink"))
        other = pa_vendor_get_id (v);
    }
  choose (editor, "brand_row", built_vendor, other);
  gtk_editable_set_text (GTK_EDITABLE (mac), "80:5E:C0:AA:BB:CD");
  kept = built_vendor (editor);
  g_assert_cmpstr (kept, ==, other);

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_duplicate_mac_lands_on_mac_row (Fixture       *fixture,
                                     gconstpointer  user_data)
{
  PaPhoneEditor *editor;
  AdwComboRow *model_row;
  g_autofree char *model = NULL;

  /* Made behind the repository's back, so only the server knows it. */
  pa_test_create (fixture->server, "phones",
                  "{\"name\":\"Front Desk\",\"mac\":\"805EC0010203\",\"vendor\":\"yealink\","
                  "\"model\":\"yealink-t54w\"}");

  editor = new_editor (fixture, NULL);
  model_row = child (editor, "model_row");
  fill_new_phone (editor, "Second Desk", "80:5E:C0:01:02:03");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  pa_app_test_wait_until (not_saving, editor);

  /* Still open, the message on the MAC row, naming the other phone. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (gtk_widget_has_css_class (child (editor, "mac_row"), "error"));
  g_assert_nonnull (pa_mac_entry_get_error (mac_entry_of (editor)));
  g_assert_nonnull (strstr (pa_mac_entry_get_error (mac_entry_of (editor)), "Front Desk"));
  g_assert_false (gtk_revealer_get_reveal_child (child (editor, "banner_revealer")));
  pa_app_test_maybe_screenshot (GTK_WIDGET (editor), "phone-editor-duplicate.png");

  /* Every field kept. */
  g_assert_cmpstr (get_text (editor, "name_row"), ==, "Second Desk");
  g_assert_cmpstr (get_text (editor, "description_row"), ==, "At the front desk");
  g_assert_cmpstr (get_text (editor, "timezone_row"), ==, "Europe/Berlin");
  g_assert_cmpstr (get_text (editor, "sip_server_row"), ==, "pbx.example.com");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mac_entry_of (editor))), ==,
                   "80:5E:C0:01:02:03");
  model = built_model (editor);
  g_assert_cmpstr (model, ==, "yealink-t54w");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (model_row)));
  g_assert_null (pa_app_test_find_window (PA_TYPE_CREDENTIALS_DIALOG));

  /* Changing the MAC takes the mark away. */
  gtk_editable_set_text (GTK_EDITABLE (mac_entry_of (editor)), "80:5E:C0:01:02:04");
  g_assert_false (gtk_widget_has_css_class (child (editor, "mac_row"), "error"));

  /* Field errors of other rows get a message row under the field. */
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_unreachable_keeps_form (Fixture       *fixture,
                             gconstpointer  user_data)
{
  PaPhoneEditor *editor = new_editor (fixture, NULL);
  const char *banner;

  fill_new_phone (editor, "Lobby", "80:5E:C0:0A:0B:0C");
  pa_test_server_stop (fixture->server);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  pa_app_test_wait_until (not_saving, editor);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (gtk_revealer_get_reveal_child (child (editor, "banner_revealer")));
  banner = gtk_label_get_text (child (editor, "banner_label"));
  g_assert_nonnull (strstr (banner, "cannot be reached"));
  g_assert_true (gtk_widget_get_visible (child (editor, "retry_button")));
  g_assert_cmpstr (get_text (editor, "name_row"), ==, "Lobby");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mac_entry_of (editor))), ==,
                   "80:5E:C0:0A:0B:0C");
  g_assert_cmpstr (get_text (editor, "timezone_row"), ==, "Europe/Berlin");
  pa_app_test_maybe_screenshot (GTK_WIDGET (editor), "phone-editor-unreachable.png");

  /* Saving is still possible (Retry). */
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_invalid_time_zone (Fixture       *fixture,
                        gconstpointer  user_data)
{
  PaPhoneEditor *editor = new_editor (fixture, NULL);

  fill_new_phone (editor, "Lab", "80:5E:C0:0A:0B:0D");
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));

  set_text (editor, "timezone_row", "Mars/Olympus_Mons");
  g_assert_true (gtk_widget_has_css_class (child (editor, "timezone_row"), "error"));
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));

  set_text (editor, "timezone_row", "");
  g_assert_false (gtk_widget_has_css_class (child (editor, "timezone_row"), "error"));
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));

  /* Manual admin password: required, and the row shows up. */
  adw_combo_row_set_selected (child (editor, "password_mode_row"), PA_ADMIN_PASSWORD_MANUAL);
  g_assert_true (gtk_widget_get_visible (child (editor, "password_row")));
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  set_text (editor, "password_row", "s3cret");
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));

  gtk_window_destroy (GTK_WINDOW (editor));
}

static char *
find_label_containing (GtkWidget  *widget,
                       const char *needle)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), needle) != NULL)
    return g_strdup (gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      char *found = find_label_containing (c, needle);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static PaPhone *
create_phone (Fixture     *fixture,
              const char  *json,
              char       **password,
              char       **username)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) phone = pa_resource_new_from_data (PA_TYPE_PHONE, json, -1,
                                                          PA_JSON_DEFAULT, &error);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(PaResource) saved = NULL;

  g_assert_no_error (error);
  pa_repository_save_async (fixture->repo, phone, NULL, pa_app_test_store_result_cb, &slot);
  pa_app_test_wait_until (pa_app_test_result_arrived, &slot);
  result = g_steal_pointer (&slot);
  saved = pa_repository_save_finish (fixture->repo, result, &extra, &error);
  g_assert_no_error (error);
  g_assert_nonnull (extra);
  *password = g_strdup (json_object_get_string_member (extra, "sip_password"));
  *username = g_strdup (json_object_get_string_member (extra, "sip_username"));
  /* The store keeps it. */
  return PA_PHONE (saved);
}

static void
test_edit_shows_no_password (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *password = NULL;
  g_autofree char *username = NULL;
  g_autofree char *leaked = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PaTestResponse) response = NULL;
  PaPhone *phone = create_phone (fixture,
                                 "{\"name\":\"Kitchen\",\"mac\":\"805EC0111111\",\"vendor\":\"yealink\","
                                 "\"model\":\"yealink-t54w\",\"timezone\":\"Europe/Paris\"}",
                                 &password, &username);
  PaPhoneEditor *editor = new_editor (fixture, phone);
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (gtk_widget_get_visible (child (editor, "provisioning_group")));
  /* The test provd has a default SIP server: nothing keeps it from working. */
  g_assert_false (gtk_widget_get_visible (child (editor, "attention_row")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "username_row")), ==, username);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (child (editor, "link_row")),
                            pa_phone_get_token (phone)));
  g_assert_cmpstr (get_text (editor, "name_row"), ==, "Kitchen");
  g_assert_cmpstr (get_text (editor, "timezone_row"), ==, "Europe/Paris");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mac_entry_of (editor))), ==,
                   "80:5E:C0:11:11:11");
  /* The MAC it has is its own, not a duplicate. */
  g_assert_null (pa_mac_entry_get_error (mac_entry_of (editor)));
  leaked = find_label_containing (GTK_WIDGET (editor), password);
  g_assert_null (leaked);
  if (g_getenv ("PA_SHOTS_DIR") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (editor), 620, 1010);
  pa_app_test_maybe_screenshot (GTK_WIDGET (editor), "phone-editor-edit.png");

  set_text (editor, "name_row", "Kitchen 2");
  /* The setup link's own password, asked for from now on. */
  g_assert_false (gtk_switch_get_active (child (editor, "http_auth_switch")));
  gtk_switch_set_active (child (editor, "http_auth_switch"), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
  g_assert_null (pa_app_test_find_window (PA_TYPE_CREDENTIALS_DIALOG));

  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, id);
  response = pa_test_api (fixture->server, "GET", path, NULL, NULL);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (response), "name"),
                   ==, "Kitchen 2");
  g_assert_true (json_object_get_boolean_member (pa_test_response_object (response), "http_auth"));
}

/* A phone the server says cannot work shows why, at the top of its
 * Provisioning group. */
static void
test_edit_shows_attention (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *password = NULL;
  g_autofree char *username = NULL;
  PaPhone *phone = create_phone (fixture,
                                 "{\"name\":\"Hall\",\"mac\":\"805EC0222222\",\"vendor\":\"yealink\","
                                 "\"model\":\"yealink-t54w\"}", &password, &username);
  const char *reasons[] = { "Line 1 (ph805ec0222222) has no SIP server", NULL };
  PaPhoneEditor *editor;

  /* As the server says it for a phone no SIP server reaches. */
  pa_phone_set_attention (phone, reasons);
  editor = new_editor (fixture, phone);
  g_assert_true (gtk_widget_get_visible (child (editor, "attention_row")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "attention_row")), ==, reasons[0]);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
fetches_loaded (gpointer data)
{
  return g_strcmp0 (adw_expander_row_get_subtitle (child (data, "fetches_row")), "Loading…") != 0;
}

/* What the server saw of the phone: its status, address, firmware, when,
 * and the requests it made, from the real provd. */
static void
test_edit_shows_status (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *password = NULL;
  g_autofree char *username = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PaTestResponse) fetched = NULL;
  g_autoptr(PaPhone) refreshed = NULL;
  PaPhone *phone = create_phone (fixture,
                                 "{\"name\":\"Lobby\",\"mac\":\"805EC0333333\",\"vendor\":\"yealink\","
                                 "\"model\":\"yealink-t54w\"}", &password, &username);
  const char *headers[] = { "User-Agent", "Yealink SIP-T54W 96.86.0.100 80:5e:c0:33:33:33", NULL };
  PaPhoneEditor *editor;

  /* Before it ever asked: the group says so. */
  editor = new_editor (fixture, phone);
  pa_app_test_wait_until (fetches_loaded, editor);
  g_assert_true (gtk_widget_get_visible (child (editor, "status_group")));
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "seen_row")), ==, "Never");
  g_assert_false (gtk_widget_get_sensitive (child (editor, "fetches_row")));
  gtk_window_destroy (GTK_WINDOW (editor));

  path = g_strdup_printf ("/p/%s/805ec0333333.cfg", pa_phone_get_token (phone));
  fetched = pa_test_request (fixture->server, "GET", path, NULL, NULL, -1, FALSE, headers);
  g_assert_cmpuint (fetched->status, ==, 200);
  pa_app_test_refresh_sync (fixture->repo);
  refreshed = g_object_ref (stored_phone (fixture, "80:5E:C0:33:33:33"));

  editor = new_editor (fixture, refreshed);
  pa_app_test_wait_until (fetches_loaded, editor);
  /* Its status, and since when (its first fetch). */
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "status_row")), ==,
                   "Provisioning · Just now");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "address_row")), ==, "127.0.0.1");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "firmware_row")), ==, "96.86.0.100");
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "seen_row")), ==, "Just now");
  g_assert_true (gtk_widget_get_sensitive (child (editor, "fetches_row")));
  {
    g_autofree char *row = find_label_containing (GTK_WIDGET (editor), "805ec0333333.cfg");

    g_assert_nonnull (row);
  }
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* New Phone, a name typed, Escape, Discard: the editor goes, and nothing
 * it owned is touched after (this logged GObject criticals, fatal here). */
static void
test_discard_new (Fixture       *fixture,
                  gconstpointer  user_data)
{
  PaPhoneEditor *editor = new_editor (fixture, NULL);

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  set_text (editor, "name_row", "Lobby");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  pa_app_test_click_response ("_Discard");
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
  pa_app_test_wait_until (pa_app_test_no_message_dialog, NULL);
}

static gboolean
regions_listed (gpointer data)
{
  return g_list_model_get_n_items (adw_combo_row_get_model (child (data, "region_row"))) == 3;
}

/* The SIP region row lists the server's regions (hidden when it has none),
 * shows the phone's own, and saves the one picked; a region the server
 * does not know lands on the row. */
static void
test_sip_region (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *password = NULL;
  g_autofree char *username = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PaTestResponse) response = NULL;
  PaPhone *phone = create_phone (fixture,
                                 "{\"name\":\"Annex\",\"mac\":\"805EC0444444\",\"vendor\":\"yealink\","
                                 "\"model\":\"yealink-t54w\"}", &password, &username);
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));
  PaPhoneEditor *editor = new_editor (fixture, phone);

  /* No regions: nothing to pick, no row. */
  g_assert_false (gtk_widget_get_visible (child (editor, "region_row")));
  gtk_window_destroy (GTK_WINDOW (editor));

  response = pa_test_api (fixture->server, "PATCH", "/api/v1/settings",
                          "{\"sip_regions\": [{\"name\": \"Berlin\", \"server\": \"ber.example.com\"},"
                          " {\"name\": \"Paris\", \"server\": \"par.example.com\"}]}", "*");
  g_assert_cmpuint (response->status, ==, 200);
  editor = new_editor (fixture, phone);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  pa_app_test_wait_until (regions_listed, editor);
  g_assert_true (gtk_widget_get_visible (child (editor, "region_row")));
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, "region_row")), ==, 0);
  {
    g_autoptr(PaPhone) built = pa_phone_editor_build_phone (editor);

    g_assert_null (pa_phone_get_sip_region (built));
  }
  adw_combo_row_set_selected (child (editor, "region_row"), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);

  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, id);
  g_clear_pointer (&response, pa_test_response_free);
  response = pa_test_api (fixture->server, "GET", path, NULL, NULL);
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (response), "sip_region"),
                   ==, "Paris");
  {
    g_autofree char *file_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT
                                                  "/preview/805ec0444444.cfg", id);
    g_autoptr(PaTestResponse) file = pa_test_api (fixture->server, "GET", file_path, NULL, NULL);

    g_assert_nonnull (strstr (file->text, "account.1.sip_server.1.address = par.example.com\n"));
  }

  /* Reopened, it shows Paris; a region removed meanwhile (another user)
   * is refused on the row, and the form is kept. */
  pa_app_test_refresh_sync (fixture->repo);
  editor = new_editor (fixture, stored_phone (fixture, "80:5E:C0:44:44:44"));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  pa_app_test_wait_until (regions_listed, editor);
  g_assert_cmpuint (adw_combo_row_get_selected (child (editor, "region_row")), ==, 2);
  adw_combo_row_set_selected (child (editor, "region_row"), 1);
  g_clear_pointer (&response, pa_test_response_free);
  response = pa_test_api (fixture->server, "PATCH", "/api/v1/settings",
                          "{\"sip_regions\": [{\"name\": \"Paris\", \"server\": \"par.example.com\"}]}",
                          "*");
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  pa_app_test_wait_until (not_saving, editor);
  g_assert_nonnull (editor);
  {
    g_autofree char *message = find_label_containing (GTK_WIDGET (editor), "does not exist");

    g_assert_nonnull (message);
    g_assert_nonnull (strstr (message, "Berlin"));
  }
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The rows the Assignment group has beyond agent and layout: one per
 * attached sidecar. */
static GPtrArray *
sidecar_rows (PaPhoneEditor *editor)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkWidget *group = child (editor, "assignment_group");
  GtkWidget *layout_row = child (editor, "layout_row");
  GtkWidget *list = gtk_widget_get_parent (layout_row);

  g_assert_nonnull (group);
  for (GtkWidget *c = gtk_widget_get_next_sibling (layout_row); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (ADW_IS_COMBO_ROW (c))
      g_ptr_array_add (rows, c);
  (void) list;
  return rows;
}

static const char *
selected_label (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* Issue 8: the phone editor picks a sidecar layout per attached module;
 * left alone, a module shows its button layout's sidecar. */
static void
test_sidecar_layouts (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *password = NULL;
  g_autofree char *username = NULL;
  g_autofree char *phone_json = NULL;
  g_autofree char *layout_json = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PaTestResponse) response = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 team, spare, layout;
  PaPhoneEditor *editor;
  PaPhone *phone;
  JsonArray *modules;

  team = pa_test_create (fixture->server, "module-layouts",
                         "{\"name\": \"Team\", \"module\": \"yealink-exp50\"}");
  spare = pa_test_create (fixture->server, "module-layouts",
                          "{\"name\": \"Spare keys\", \"module\": \"yealink-exp50\"}");
  pa_test_create (fixture->server, "module-layouts",
                  "{\"name\": \"Other brand\", \"module\": \"polycom-vvx-color-em\"}");
  layout_json = g_strdup_printf ("{\"name\": \"Front\", \"model\": \"yealink-t54w\", "
                                 "\"sidecars\": [%" G_GINT64_FORMAT "]}", team);
  layout = pa_test_create (fixture->server, "layouts", layout_json);
  pa_app_test_refresh_sync (fixture->repo);
  phone_json = g_strdup_printf ("{\"name\":\"Reception\",\"mac\":\"805EC0333333\","
                                "\"vendor\":\"yealink\",\"model\":\"yealink-t54w\","
                                "\"layout_id\":%" G_GINT64_FORMAT ",\"modules\":["
                                "{\"module\":\"yealink-exp50\"},{\"module\":\"yealink-exp50\"}]}",
                                layout);
  phone = create_phone (fixture, phone_json, &password, &username);
  editor = new_editor (fixture, phone);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);

  rows = sidecar_rows (editor);
  g_assert_cmpuint (rows->len, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (g_ptr_array_index (rows, 0)), ==,
                   "Sidecar 1 Layout");
  g_assert_cmpstr (selected_label (g_ptr_array_index (rows, 0)), ==,
                   "Default (Team)");
  /* the layout names no second sidecar */
  g_assert_cmpstr (selected_label (g_ptr_array_index (rows, 1)), ==,
                   "Default (None)");
  /* only the EXP50's layouts are offered */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (g_ptr_array_index (rows, 1))),
                    ==, 3);
  /* The group alone: the form is taller than the screen. */
  pa_app_test_maybe_screenshot (child (editor, "assignment_group"), "phone-editor-sidecars.png");

  /* The second module gets a layout of its own. */
  adw_combo_row_set_selected (g_ptr_array_index (rows, 1), 2);
  g_assert_cmpstr (selected_label (g_ptr_array_index (rows, 1)), ==, "Spare keys");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);

  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, pa_resource_get_id (PA_RESOURCE (phone)));
  response = pa_test_api (fixture->server, "GET", path, NULL, NULL);
  modules = json_object_get_array_member (pa_test_response_object (response), "modules");
  g_assert_cmpuint (json_array_get_length (modules), ==, 2);
  g_assert_true (json_object_get_null_member (json_array_get_object_element (modules, 0), "layout_id"));
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (modules, 1), "layout_id"),
                   ==, spare);
}

static gboolean
not_downloading (gpointer editor)
{
  return !pa_phone_editor_get_downloading (editor);
}

/* Download Config saves the phone's real files, as it fetches them, under
 * the vendor's names. */
static void
test_download_config (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autofree char *password = NULL;
  g_autofree char *username = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-download-XXXXXX", &error);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autofree char *device_path = g_build_filename (dir, "805ec0444444.cfg", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *fetch_path = NULL;
  g_autoptr(PaTestResponse) fetched = NULL;
  PaPhone *phone = create_phone (fixture,
                                 "{\"name\":\"Lobby\",\"mac\":\"805EC0444444\",\"vendor\":\"yealink\","
                                 "\"model\":\"yealink-t54w\"}", &password, &username);
  PaPhoneEditor *editor = new_editor (fixture, phone);
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_visible (child (editor, "download_row")));
  pa_phone_editor_download_config_to (editor, folder);
  pa_app_test_wait_until (not_downloading, editor);
  {
    g_autofree char *base = g_path_get_basename (dir);
    g_autofree char *expected = g_strdup_printf ("Saved 2 files in “%s”", base);

    g_assert_cmpstr (pa_phone_editor_get_download_result (editor), ==, expected);
  }

  g_assert_true (g_file_get_contents (device_path, &saved, NULL, &error));
  g_assert_no_error (error);
  fetch_path = g_strdup_printf ("/p/%s/805ec0444444.cfg", pa_phone_get_token (phone));
  fetched = pa_test_request (fixture->server, "GET", fetch_path, NULL, NULL, -1, FALSE, NULL);
  g_assert_cmpuint (fetched->status, ==, 200);
  g_assert_cmpstr (saved, ==, fetched->text);
  g_assert_nonnull (strstr (saved, password));

  listing = g_dir_open (dir, 0, &error);
  for (const char *name; (name = g_dir_read_name (listing)) != NULL; n_files++)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_assert_cmpuint (n_files, ==, 2);
  g_rmdir (dir);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
nothing_cut_off (gpointer window)
{
  g_autofree char *cut = pa_app_test_find_cut_off (window);

  if (cut != NULL)
    g_test_message ("cut off: %s", cut);
  return cut == NULL;
}

static void
test_regenerate_needs_the_word (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autofree char *password = NULL;
  g_autofree char *username = NULL;
  PaPhone *phone = create_phone (fixture,
                                 "{\"name\":\"Hall\",\"mac\":\"805EC0222222\",\"vendor\":\"yealink\","
                                 "\"model\":\"yealink-t54w\"}",
                                 &password, &username);
  PaPhoneEditor *editor = new_editor (fixture, phone);
  AdwMessageDialog *dialog;
  PaCredentialsDialog *credentials;
  GtkEditable *entry;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.new-password", NULL));
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  dialog = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_nonnull (entry);

  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "regenerate"));
  gtk_editable_set_text (entry, "regenerate");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "regenerate"));
  gtk_editable_set_text (entry, "REGENERATE ");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "regenerate"));
  gtk_editable_set_text (entry, "REGENERATE");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "regenerate"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (dialog), "regenerate-dialog.png");

  /* As the button does: the response, then the close (whose own response
   * must not run the flow twice). */
  adw_message_dialog_response (dialog, "regenerate");
  gtk_window_close (GTK_WINDOW (dialog));

  pa_app_test_wait_until (pa_app_test_credentials_shown, NULL);
  credentials = pa_app_test_find_window (PA_TYPE_CREDENTIALS_DIALOG);
  g_assert_nonnull (pa_credentials_dialog_get_password (credentials));
  g_assert_cmpstr (pa_credentials_dialog_get_password (credentials), !=, password);
  g_assert_cmpstr (pa_credentials_dialog_get_username (credentials), ==, username);
  pa_app_test_maybe_screenshot (GTK_WIDGET (credentials), "credentials-regenerated.png");
  /* All of it in view, the note under the password included. */
  pa_app_test_wait_until (nothing_cut_off, credentials);

  /* The editor stays, and can still save (the phone's revision moved on). */
  gtk_window_destroy (GTK_WINDOW (credentials));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  set_text (editor, "name_row", "Hall 2");
  pa_app_test_wait_until (pa_app_test_not_loading, fixture->repo);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add ("/app/phone-editor/create-shows-password-once", Fixture, NULL,
              fixture_set_up, test_create_shows_password_once, fixture_tear_down);
  g_test_add ("/app/phone-editor/brand-filters-models", Fixture, NULL,
              fixture_set_up, test_brand_filters_models, fixture_tear_down);
  g_test_add ("/app/phone-editor/mac-preselects-brand", Fixture, NULL,
              fixture_set_up, test_mac_preselects_brand, fixture_tear_down);
  g_test_add ("/app/phone-editor/duplicate-mac-on-mac-row", Fixture, NULL,
              fixture_set_up, test_duplicate_mac_lands_on_mac_row, fixture_tear_down);
  g_test_add ("/app/phone-editor/unreachable-keeps-form", Fixture, NULL,
              fixture_set_up, test_unreachable_keeps_form, fixture_tear_down);
  g_test_add ("/app/phone-editor/edit-shows-status", Fixture, NULL,
              fixture_set_up, test_edit_shows_status, fixture_tear_down);
  g_test_add ("/app/phone-editor/discard-new", Fixture, NULL,
              fixture_set_up, test_discard_new, fixture_tear_down);
  g_test_add ("/app/phone-editor/sip-region", Fixture, NULL,
              fixture_set_up, test_sip_region, fixture_tear_down);
  g_test_add ("/app/phone-editor/edit-shows-no-password", Fixture, NULL,
              fixture_set_up, test_edit_shows_no_password, fixture_tear_down);
  g_test_add ("/app/phone-editor/edit-shows-attention", Fixture, NULL,
              fixture_set_up, test_edit_shows_attention, fixture_tear_down);
  g_test_add ("/app/phone-editor/regenerate-needs-the-word", Fixture, NULL,
              fixture_set_up, test_regenerate_needs_the_word, fixture_tear_down);
  g_test_add ("/app/phone-editor/sidecar-layouts", Fixture, NULL,
              fixture_set_up, test_sidecar_layouts, fixture_tear_down);
  g_test_add ("/app/phone-editor/download-config", Fixture, NULL,
              fixture_set_up, test_download_config, fixture_tear_down);
  g_test_add ("/app/phone-editor/generated-admin-password", Fixture, NULL,
              fixture_set_up, test_generated_admin_password_shown_once, fixture_tear_down);
  g_test_add ("/app/phone-editor/invalid-time-zone", Fixture, NULL,
              fixture_set_up, test_invalid_time_zone, fixture_tear_down);

  return g_test_run ();
}
