/* test-scan-dialog.c — scan mode: what a scan does, the rows, and creating
 * them against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include <glib/gstdio.h>

#include "pa-client.h"
#include "pa-csv.h"
#include "pa-mac.h"
#include "pa-mac-input.h"
#include "pa-repository.h"
#include "pa-scan-credentials-dialog.h"
#include "pa-scan-dialog-private.h"
#include "../server/pa-test-server.h"
#include "pa-app-test.h"

/* ---- plain functions ------------------------------------------------ */

static const char *
lookup_reception (const char *mac,
                  gpointer    user_data)
{
  return g_str_equal (mac, "80:5E:C0:00:00:01") ? "Reception" : NULL;
}

static void
test_check (void)
{
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  char *mac = NULL;
  char *reason = NULL;

  g_hash_table_add (listed, "80:5E:C0:00:00:02");

  g_assert_cmpint (pa_scan_check ("805ec0000003", listed, lookup_reception, NULL, &mac, &reason),
                   ==, PA_SCAN_ACCEPT);
  g_assert_cmpstr (mac, ==, "80:5E:C0:00:00:03");
  g_assert_null (reason);
  g_clear_pointer (&mac, g_free);

  g_assert_cmpint (pa_scan_check ("", listed, lookup_reception, NULL, &mac, &reason),
                   ==, PA_SCAN_REJECT_EMPTY);
  g_assert_null (mac);
  g_assert_null (reason);
  g_assert_cmpint (pa_scan_check (NULL, NULL, NULL, NULL, &mac, &reason),
                   ==, PA_SCAN_REJECT_EMPTY);

  /* A scan is complete when it ends: short is wrong at once. */
  g_assert_cmpint (pa_scan_check ("805ec00000", listed, NULL, NULL, &mac, &reason),
                   ==, PA_SCAN_REJECT_INVALID);
  g_assert_null (mac);
  g_assert_nonnull (strstr (reason, "too short"));
  g_clear_pointer (&reason, g_free);
  g_assert_cmpint (pa_scan_check ("805EC0-00-00-04", listed, NULL, NULL, &mac, &reason),
                   ==, PA_SCAN_REJECT_INVALID);
  g_clear_pointer (&reason, g_free);

  g_assert_cmpint (pa_scan_check ("80-5e-c0-00-00-02", listed, lookup_reception, NULL,
                                  &mac, &reason),
                   ==, PA_SCAN_REJECT_IN_LIST);
  g_assert_cmpstr (mac, ==, "80:5E:C0:00:00:02");
  g_assert_cmpstr (reason, ==, "80:5E:C0:00:00:02 was already scanned");
  g_clear_pointer (&mac, g_free);
  g_clear_pointer (&reason, g_free);

  g_assert_cmpint (pa_scan_check ("805e.c000.0001", listed, lookup_reception, NULL, &mac, &reason),
                   ==, PA_SCAN_REJECT_EXISTS);
  g_assert_cmpstr (reason, ==, "Already used by “Reception”");
  g_clear_pointer (&mac, g_free);
  g_clear_pointer (&reason, g_free);

  /* Without a list or repository every valid MAC is accepted. */
  g_assert_cmpint (pa_scan_check ("805ec0000001", NULL, NULL, NULL, NULL, NULL),
                   ==, PA_SCAN_ACCEPT);
}

static void
test_default_name (void)
{
  g_autofree char *named = pa_scan_default_name ("T54W", "80:5E:C0:12:34:56");
  g_autofree char *unnamed = pa_scan_default_name (NULL, "80:5E:C0:12:AB:CD");
  g_autofree char *bad = pa_scan_default_name ("T54W", "not a mac");

  g_assert_cmpstr (named, ==, "T54W 3456");
  g_assert_cmpstr (unnamed, ==, "Phone ABCD");
  g_assert_cmpstr (bad, ==, "T54W");
}

/* ---- credentials as text and CSV ------------------------------------ */

static void
count_cb (guint *counter)
{
  (*counter)++;
}

static GListStore *
sample_credentials (void)
{
  GListStore *store = g_list_store_new (PA_TYPE_SCAN_CREDENTIAL);
  g_autoptr(PaScanCredential) a =
    pa_scan_credential_new (1, "Front Desk, \"Lobby\"", "80:5E:C0:00:00:01",
                            "http://pbx.example/p/abc/", "201", "pw,\"1\"");
  g_autoptr(PaScanCredential) b =
    pa_scan_credential_new (2, "Warehouse\tNorth", "00:04:13:00:00:02",
                            NULL, "mac-000413000002", "plain");

  g_list_store_append (store, a);
  g_list_store_append (store, b);
  return store;
}

static void
test_csv_field (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { NULL, "" },
    { "", "" },
    { "plain", "plain" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "\"", "\"\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "cr\rhere", "\"cr\rhere\"" },
    { " padded", "\" padded\"" },
    { "padded ", "\"padded \"" },
    { "in side", "in side" },
    { "=1+2", "=1+2" },   /* kept byte for byte: it may be a password */
  };

  /* The credentials' CSV is written by the core's pa_csv_append_row(). */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) row = g_string_new (NULL);
      g_autofree char *expected = g_strconcat (cases[i].out, ",x\r\n", NULL);
      const char *fields[] = { cases[i].in, "x" };

      pa_csv_append_row (row, fields, 2, ',');
      g_assert_cmpstr (row->str, ==, expected);
    }
}

static void
test_credentials_text (void)
{
  g_autoptr(GListStore) store = sample_credentials ();
  g_autoptr(GListStore) empty = g_list_store_new (PA_TYPE_SCAN_CREDENTIAL);
  g_autofree char *text = pa_scan_credentials_to_text (G_LIST_MODEL (store));
  g_autofree char *csv = pa_scan_credentials_to_csv (G_LIST_MODEL (store));
  g_autofree char *empty_text = pa_scan_credentials_to_text (G_LIST_MODEL (empty));
  g_autofree char *empty_csv = pa_scan_credentials_to_csv (G_LIST_MODEL (empty));
  g_autoptr(PaScanCredential) first = g_list_model_get_item (G_LIST_MODEL (store), 0);

  /* A tab in a name would shift every column after it. */
  g_assert_cmpstr (text, ==,
                   "Front Desk, \"Lobby\"\t80:5E:C0:00:00:01\thttp://pbx.example/p/abc/\t201"
                   "\tpw,\"1\"\n"
                   "Warehouse North\t00:04:13:00:00:02\t\tmac-000413000002\tplain\n");
  g_assert_cmpstr (csv, ==,
                   "Name,MAC Address,Setup Link,SIP Username,SIP Password\r\n"
                   "\"Front Desk, \"\"Lobby\"\"\",80:5E:C0:00:00:01,http://pbx.example/p/abc/,"
                   "201,\"pw,\"\"1\"\"\"\r\n"
                   "Warehouse\tNorth,00:04:13:00:00:02,,mac-000413000002,plain\r\n");
  g_assert_cmpstr (empty_text, ==, "");
  g_assert_cmpstr (empty_csv, ==, "Name,MAC Address,Setup Link,SIP Username,SIP Password\r\n");

  /* Counting what would be lost, and wiping. */
  g_assert_cmpuint (pa_scan_credentials_count_unseen (G_LIST_MODEL (store)), ==, 2);
  g_assert_cmpuint (pa_scan_credentials_count_unsaved (G_LIST_MODEL (store)), ==, 2);
  pa_scan_credential_set_seen (first, TRUE);
  g_assert_cmpuint (pa_scan_credentials_count_unseen (G_LIST_MODEL (store)), ==, 1);
  g_assert_cmpuint (pa_scan_credentials_count_unsaved (G_LIST_MODEL (store)), ==, 2);
  pa_scan_credential_set_saved (first, TRUE);
  g_assert_cmpuint (pa_scan_credentials_count_unsaved (G_LIST_MODEL (store)), ==, 1);
  {
    g_autoptr(PaScanCredential) second = g_list_model_get_item (G_LIST_MODEL (store), 1);
    guint notified = 0;

    g_signal_connect_swapped (second, "notify::has-password", G_CALLBACK (count_cb), &notified);
    pa_scan_credential_wipe (second);
    pa_scan_credential_wipe (second);
    g_assert_null (pa_scan_credential_get_password (second));
    g_assert_cmpuint (notified, ==, 1);
    /* Nothing left to lose. */
    g_assert_cmpuint (pa_scan_credentials_count_unseen (G_LIST_MODEL (store)), ==, 0);
    g_assert_cmpuint (pa_scan_credentials_count_unsaved (G_LIST_MODEL (store)), ==, 0);
  }
}

/* ---- the dialog ----------------------------------------------------- */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_until (gboolean (*done) (gpointer),
            gpointer   data,
            guint      seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (id);
}

/* A scanner's burst into the entry, then Enter. */
static void
scan (PaScanDialog *dialog,
      const char   *chars)
{
  PaMacEntry *entry = pa_scan_dialog_get_entry (dialog);

  for (const char *p = chars; *p != '\0'; p++)
    {
      int pos;

      /* A typed key replaces the selection, as GtkText does. */
      gtk_editable_delete_selection (GTK_EDITABLE (entry));
      pos = gtk_editable_get_position (GTK_EDITABLE (entry));

      gtk_editable_insert_text (GTK_EDITABLE (entry), p, 1, &pos);
      gtk_editable_set_position (GTK_EDITABLE (entry), pos);
    }
  /* What the Enter key binding of GtkText does. */
  g_signal_emit_by_name (pa_mac_entry_get_text_widget (entry), "activate");
}

static void answer (AdwMessageDialog *dialog, const char *response);

static gboolean
window_hidden (gpointer window)
{
  return !gtk_widget_get_visible (window);
}

static GtkWidget *
create_button (PaScanDialog *dialog)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), PA_TYPE_SCAN_DIALOG,
                                                    "create_button"));
}

static GtkWidget *
row_widget (PaScanDialog *dialog,
            guint         position)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                  PA_TYPE_SCAN_DIALOG,
                                                                  "rows_list"));

  return GTK_WIDGET (gtk_list_box_get_row_at_index (list, position));
}

static PaScanRow *
row_at (PaScanDialog *dialog,
        guint         i)
{
  g_autoptr(PaScanRow) row = g_list_model_get_item (pa_scan_dialog_get_rows (dialog), i);

  return row;   /* the store keeps it alive */
}

static void
test_scans_without_server (void)
{
  PaScanDialog *dialog = PA_SCAN_DIALOG (pa_scan_dialog_new (NULL, NULL));
  PaMacEntry *entry = pa_scan_dialog_get_entry (dialog);
  GListModel *rows = pa_scan_dialog_get_rows (dialog);

  g_object_ref_sink (dialog);
  pa_scan_dialog_set_default_model (dialog, "yealink-t54w");
  g_assert_cmpstr (pa_scan_dialog_get_default_model (dialog), ==, "yealink-t54w");

  scan (dialog, "805ec0000011");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  /* Cleared for the next scan. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");

  scan (dialog, "805EC0000022");
  scan (dialog, "80-5E-C0-00-00-11");   /* the first one again */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_cmpstr (pa_mac_entry_get_error (entry), ==, "80:5E:C0:00:00:11 was already scanned");

  /* The next scan replaces the refused one rather than being glued on. */
  scan (dialog, "805ec00000");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_nonnull (strstr (pa_mac_entry_get_error (entry), "too short"));

  g_assert_cmpstr (pa_scan_row_get_mac (row_at (dialog, 0)), ==, "80:5E:C0:00:00:11");
  g_assert_cmpstr (pa_scan_row_get_vendor_id (row_at (dialog, 0)), ==, "yealink");
  g_assert_cmpstr (pa_scan_row_get_model_id (row_at (dialog, 0)), ==, "yealink-t54w");
  g_assert_cmpstr (pa_scan_row_get_name (row_at (dialog, 1)), ==, "T54W 0022");
  g_assert_cmpuint (pa_scan_dialog_get_pending (dialog), ==, 2);

  /* A Snom MAC switches the brand for its row; its model is not guessed,
   * and Create waits for it. */
  scan (dialog, "000413000033");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_cmpstr (pa_scan_row_get_vendor_id (row_at (dialog, 2)), ==, "snom");
  g_assert_null (pa_scan_row_get_model_id (row_at (dialog, 2)));
  g_assert_null (pa_scan_dialog_get_default_model (dialog));
  g_assert_false (gtk_widget_is_sensitive (create_button (dialog)));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (create_button (dialog)),
                            "Choose the model of 1 scanned phone"));
  /* Choosing it for each phone gives the row its model, and its name. */
  pa_scan_dialog_set_default_model (dialog, "snom-d785");
  g_assert_cmpstr (pa_scan_row_get_model_id (row_at (dialog, 2)), ==, "snom-d785");
  g_assert_cmpstr (pa_scan_row_get_name (row_at (dialog, 2)), ==, "D785 0033");

  /* "For Each Phone" reaches the rows already scanned that followed it. */
  pa_scan_dialog_set_default_model (dialog, "yealink-t46u");
  g_assert_cmpstr (pa_scan_row_get_model_id (row_at (dialog, 0)), ==, "yealink-t46u");
  g_assert_cmpstr (pa_scan_row_get_model_id (row_at (dialog, 1)), ==, "yealink-t46u");
  g_assert_cmpstr (pa_scan_row_get_name (row_at (dialog, 1)), ==, "T46U 0022");
  g_assert_cmpstr (pa_scan_row_get_model_id (row_at (dialog, 2)), ==, "snom-d785");

  /* A row is edited in its own expanded rows; then it keeps its own. */
  {
    GtkWidget *widget = row_widget (dialog, 0);
    AdwComboRow *model_row = g_object_get_data (G_OBJECT (widget), "pa-model-row");
    GtkEditable *name_row = g_object_get_data (G_OBJECT (widget), "pa-name-row");
    GListModel *choices = adw_combo_row_get_model (model_row);
    g_autoptr(PaDeviceModel) first = g_list_model_get_item (choices, 1);
    g_autoptr(PaDeviceModel) second = g_list_model_get_item (choices, 2);

    /* The brand's models by name, after "Choose a model…". */
    g_assert_true (GTK_IS_STRING_OBJECT (g_list_model_get_item (choices, 0)));
    g_object_unref (g_list_model_get_item (choices, 0));
    g_assert_cmpint (g_utf8_collate (pa_device_model_get_name (first),
                                     pa_device_model_get_name (second)), <, 0);

    adw_combo_row_set_selected (model_row,
                                pa_scan_dialog_model_position (choices, "yealink-t54w"));
    g_assert_cmpstr (pa_scan_row_get_model_id (row_at (dialog, 0)), ==, "yealink-t54w");
    gtk_editable_set_text (name_row, "Front Desk");
    g_assert_cmpstr (pa_scan_row_get_name (row_at (dialog, 0)), ==, "Front Desk");
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), ==, "Front Desk");
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (widget), TRUE);
  }
  pa_scan_dialog_set_default_model (dialog, "yealink-t31p");
  g_assert_cmpstr (pa_scan_row_get_model_id (row_at (dialog, 0)), ==, "yealink-t54w");
  g_assert_cmpstr (pa_scan_row_get_name (row_at (dialog, 0)), ==, "Front Desk");
  g_assert_cmpstr (pa_scan_row_get_model_id (row_at (dialog, 1)), ==, "yealink-t31p");
  /* (Without a server Create stays off, but no longer for a model.) */
  g_assert_null (strstr (gtk_widget_get_tooltip_text (create_button (dialog)), "Choose"));
  gtk_window_present (GTK_WINDOW (dialog));
  pa_app_test_maybe_screenshot (GTK_WIDGET (dialog), "scan-mode-edit.png");

  /* Closing with scans not created asks; Keep Scanning keeps them. */
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_nonnull (pa_scan_dialog_get_confirmation (dialog));
  g_assert_cmpstr (adw_message_dialog_get_heading (pa_scan_dialog_get_confirmation (dialog)), ==,
                   "Discard 3 Scanned Phones?");
  answer (pa_scan_dialog_get_confirmation (dialog), "cancel");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.remove-row", "u", 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_cmpstr (pa_scan_row_get_mac (row_at (dialog, 0)), ==, "80:5E:C0:00:00:22");
  /* Out of range: nothing happens. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.remove-row", "u", 7);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);

  /* Added without typing (pasted as a whole) the brand follows too. */
  pa_scan_dialog_set_default_model (dialog, "yealink-t54w");
  g_assert_nonnull (pa_scan_dialog_add_scan (dialog, "0C:38:3E:00:00:44"));
  g_assert_cmpstr (pa_scan_row_get_vendor_id (row_at (dialog, 2)), ==, "fanvil");
  g_assert_null (pa_scan_dialog_add_scan (dialog, "0c383e000044"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.remove-row", "u", 2);

  /* Removed, it can be scanned again. */
  scan (dialog, "805ec0000011");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

  /* Discard closes. */
  gtk_window_close (GTK_WINDOW (dialog));
  answer (pa_scan_dialog_get_confirmation (dialog), "discard");
  wait_until (window_hidden, dialog, 10);

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  pa_repository_refresh_finish (PA_REPOSITORY (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
not_busy (gpointer data)
{
  return !pa_scan_dialog_get_busy (data);
}

static void
test_create_against_provd (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaClient) client = pa_client_new (server->url, server->token);
  g_autoptr(PaRepository) repo = pa_repository_new (client);
  PaScanDialog *dialog;
  PaMacEntry *entry;
  GListModel *rows;
  gboolean refreshed = FALSE;
  gint64 agent_id;

  pa_test_create (server, "phones",
                  "{\"name\":\"Reception\",\"mac\":\"80:5E:C0:00:00:01\","
                  "\"vendor\":\"yealink\",\"model\":\"yealink-t54w\"}");
  agent_id = pa_test_create (server, "agents", "{\"name\":\"Alice\",\"extension\":\"201\"}");
  pa_repository_refresh_async (repo, NULL, refresh_done_cb, &refreshed);
  wait_until (flag_set, &refreshed, 20);

  dialog = PA_SCAN_DIALOG (pa_scan_dialog_new (NULL, repo));
  g_object_ref_sink (dialog);
  entry = pa_scan_dialog_get_entry (dialog);
  rows = pa_scan_dialog_get_rows (dialog);
  pa_scan_dialog_set_default_model (dialog, "yealink-t46u");
  pa_scan_dialog_set_default_agent (dialog, agent_id);

  /* Three scans, one of them twice; one MAC a phone already has. */
  scan (dialog, "805ec0000002");
  scan (dialog, "805ec0000003");
  scan (dialog, "805ec0000002");
  g_assert_cmpstr (pa_mac_entry_get_error (entry), ==, "80:5E:C0:00:00:02 was already scanned");
  scan (dialog, "805ec0000001");
  g_assert_cmpstr (pa_mac_entry_get_error (entry), ==, "Already used by “Reception”");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  g_assert_cmpint (pa_scan_row_get_agent_id (row_at (dialog, 0)), ==, agent_id);
  /* The agent for each phone reaches the rows already scanned, both ways. */
  pa_scan_dialog_set_default_agent (dialog, 0);
  g_assert_cmpint (pa_scan_row_get_agent_id (row_at (dialog, 0)), ==, 0);
  g_assert_cmpint (pa_scan_row_get_agent_id (row_at (dialog, 1)), ==, 0);
  pa_scan_dialog_set_default_agent (dialog, agent_id);
  g_assert_cmpint (pa_scan_row_get_agent_id (row_at (dialog, 0)), ==, agent_id);
  g_assert_cmpint (pa_scan_row_get_agent_id (row_at (dialog, 1)), ==, agent_id);

  /* Someone else takes the second MAC meanwhile: the server refuses that
   * row, the other is created. */
  pa_test_create (server, "phones",
                  "{\"name\":\"Taken\",\"mac\":\"80:5E:C0:00:00:03\","
                  "\"vendor\":\"yealink\",\"model\":\"yealink-t54w\"}");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.create", NULL);
  g_assert_true (pa_scan_dialog_get_busy (dialog));
  wait_until (not_busy, dialog, 30);

  g_assert_cmpint (pa_scan_row_get_state (row_at (dialog, 0)), ==, PA_SCAN_ROW_CREATED);
  g_assert_cmpint (pa_scan_row_get_phone_id (row_at (dialog, 0)), >, 0);
  g_assert_null (pa_scan_row_get_message (row_at (dialog, 0)));
  g_assert_cmpint (pa_scan_row_get_state (row_at (dialog, 1)), ==, PA_SCAN_ROW_FAILED);
  g_assert_nonnull (pa_scan_row_get_message (row_at (dialog, 1)));
  g_test_message ("server said: %s", pa_scan_row_get_message (row_at (dialog, 1)));
  g_assert_cmpuint (pa_scan_dialog_get_pending (dialog), ==, 1);

  /* The created phone is on the server, with its name, model and agent. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                             pa_scan_row_get_phone_id (row_at (dialog, 0)));
    g_autoptr(PaTestResponse) response = pa_test_api (server, "GET", path, NULL, NULL);
    JsonObject *phone = pa_test_response_object (response);

    g_assert_cmpuint (response->status, ==, 200);
    g_assert_cmpstr (json_object_get_string_member (phone, "mac"), ==, "80:5E:C0:00:00:02");
    g_assert_cmpstr (json_object_get_string_member (phone, "name"), ==, "T46U 0002");
    g_assert_cmpstr (json_object_get_string_member (phone, "model"), ==, "yealink-t46u");
    g_assert_cmpint (json_object_get_int_member (phone, "agent_id"), ==, agent_id);
  }
  g_assert_cmpint (pa_test_total_of (server, "phones"), ==, 3);

  /* The failed row stays for a retry, which sends only that row again. */
  {
    gint64 created_id = pa_scan_row_get_phone_id (row_at (dialog, 0));

    gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.create", NULL);
    g_assert_true (pa_scan_dialog_get_busy (dialog));
    wait_until (not_busy, dialog, 30);
    g_assert_cmpint (pa_scan_row_get_state (row_at (dialog, 0)), ==, PA_SCAN_ROW_CREATED);
    g_assert_cmpint (pa_scan_row_get_phone_id (row_at (dialog, 0)), ==, created_id);
    g_assert_cmpint (pa_scan_row_get_state (row_at (dialog, 1)), ==, PA_SCAN_ROW_FAILED);
    g_assert_nonnull (pa_scan_row_get_message (row_at (dialog, 1)));
    g_assert_cmpint (pa_test_total_of (server, "phones"), ==, 3);
  }

  /* Removing the failed row leaves nothing to create. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.remove-row", "u", 1);
  g_assert_cmpuint (pa_scan_dialog_get_pending (dialog), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.create", NULL);
  g_assert_false (pa_scan_dialog_get_busy (dialog));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_finalize_object (dialog);
}

/* ---- the passwords of created phones -------------------------------- */

static void
csv_saved_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pa_scan_credentials_dialog_save_csv_finish (PA_SCAN_CREDENTIALS_DIALOG (source),
                                                             result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static char *
save_csv (PaScanCredentialsDialog *summary,
          const char              *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  gboolean saved = FALSE;
  char *contents = NULL;
  GStatBuf st;

  pa_scan_credentials_dialog_save_csv_async (summary, file, NULL, csv_saved_cb, &saved);
  wait_until (flag_set, &saved, 10);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  /* Passwords: readable by the user only. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  return contents;
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
chooser_has_folder (gpointer data)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (data);

  return folder != NULL;
}

static gboolean
credentials_seen (gpointer data)
{
  return pa_scan_credentials_count_unseen (data) == 0;
}

/* A message dialog answered as a click on its button would: the response,
 * then the dialog goes away. */
static void
answer (AdwMessageDialog *dialog,
        const char       *response)
{
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  adw_message_dialog_response (dialog, response);
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (window_gone, &dialog, 10);
}

static void
test_summary_dialog (void)
{
  g_autoptr(GListStore) store = sample_credentials ();
  g_autofree char *dir = g_dir_make_tmp ("pa-scan-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "new phones.csv", NULL);
  g_autofree char *csv = NULL;
  PaScanCredentialsDialog *summary =
    PA_SCAN_CREDENTIALS_DIALOG (pa_scan_credentials_dialog_new (NULL, G_LIST_MODEL (store)));
  g_autoptr(PaScanCredential) first = g_list_model_get_item (G_LIST_MODEL (store), 0);
  gpointer weak = summary;
  char *text;

  g_object_add_weak_pointer (G_OBJECT (summary), &weak);
  gtk_window_present (GTK_WINDOW (summary));
  wait_until (credentials_seen, store, 10);

  /* One value: a password copied counts as saved, other values do not. */
  gtk_widget_activate_action (GTK_WIDGET (summary), "credentials.copy", "(us)", 0, "mac");
  text = pa_app_test_read_clipboard (GTK_WIDGET (summary));
  g_assert_cmpstr (text, ==, "80:5E:C0:00:00:01");
  g_clear_pointer (&text, g_free);
  g_assert_false (pa_scan_credential_get_saved (first));
  gtk_widget_activate_action (GTK_WIDGET (summary), "credentials.copy", "(us)", 0, "password");
  text = pa_app_test_read_clipboard (GTK_WIDGET (summary));
  g_assert_cmpstr (text, ==, "pw,\"1\"");
  g_clear_pointer (&text, g_free);
  g_assert_true (pa_scan_credential_get_saved (first));
  g_assert_cmpuint (pa_scan_credentials_count_unsaved (G_LIST_MODEL (store)), ==, 1);

  /* Closing with one password unsaved asks; "Keep Open" keeps it open. */
  gtk_window_close (GTK_WINDOW (summary));
  g_assert_nonnull (weak);
  answer (pa_scan_credentials_dialog_get_confirmation (summary), "cancel");
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (summary)));

  /* The CSV: a header and one row per phone, quoted where it must be. */
  csv = save_csv (summary, path);
  g_assert_cmpstr (csv, ==,
                   "Name,MAC Address,Setup Link,SIP Username,SIP Password\r\n"
                   "\"Front Desk, \"\"Lobby\"\"\",80:5E:C0:00:00:01,http://pbx.example/p/abc/,"
                   "201,\"pw,\"\"1\"\"\"\r\n"
                   "Warehouse\tNorth,00:04:13:00:00:02,,mac-000413000002,plain\r\n");
  g_assert_cmpuint (pa_scan_credentials_count_unsaved (G_LIST_MODEL (store)), ==, 0);

  /* Everything saved: it closes without asking. */
  gtk_window_close (GTK_WINDOW (summary));
  wait_until (window_gone, &weak, 10);
  /* The summary does not wipe: the scan dialog may show them again. */
  g_assert_nonnull (pa_scan_credential_get_password (first));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_credentials_against_provd (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaClient) client = pa_client_new (server->url, server->token);
  g_autoptr(PaRepository) repo = pa_repository_new (client);
  g_autoptr(PaScanCredential) kept = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-scan-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "phones.csv", NULL);
  static const char *macs[] = { "805ec0000021", "805ec0000022", "805ec0000023" };
  PaScanDialog *dialog;
  PaScanCredentialsDialog *summary;
  GListModel *credentials;
  gpointer weak_dialog;
  gpointer weak_summary;
  gboolean refreshed = FALSE;

  pa_repository_refresh_async (repo, NULL, refresh_done_cb, &refreshed);
  wait_until (flag_set, &refreshed, 20);

  dialog = PA_SCAN_DIALOG (pa_scan_dialog_new (NULL, repo));
  weak_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  credentials = pa_scan_dialog_get_credentials (dialog);
  pa_scan_dialog_set_default_model (dialog, "yealink-t46u");
  /* Nothing created yet: nothing to show. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.show-credentials", NULL);
  g_assert_null (pa_scan_dialog_get_credentials_dialog (dialog));

  for (guint i = 0; i < G_N_ELEMENTS (macs); i++)
    scan (dialog, macs[i]);
  g_assert_cmpuint (g_list_model_get_n_items (pa_scan_dialog_get_rows (dialog)), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.create", NULL);
  wait_until (not_busy, dialog, 30);

  /* Every created row has its credentials, with a password. */
  g_assert_cmpuint (g_list_model_get_n_items (credentials), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      PaScanRow *row = row_at (dialog, i);
      PaScanCredential *c = pa_scan_dialog_get_row_credential (dialog, row);
      g_autoptr(PaScanCredential) listed = g_list_model_get_item (credentials, i);

      g_assert_cmpint (pa_scan_row_get_state (row), ==, PA_SCAN_ROW_CREATED);
      g_assert_true (c == listed);
      g_assert_cmpint (pa_scan_credential_get_phone_id (c), ==, pa_scan_row_get_phone_id (row));
      g_assert_cmpstr (pa_scan_credential_get_mac (c), ==, pa_scan_row_get_mac (row));
      g_assert_cmpstr (pa_scan_credential_get_name (c), ==, pa_scan_row_get_name (row));
      g_assert_nonnull (pa_scan_credential_get_password (c));
      g_assert_cmpuint (strlen (pa_scan_credential_get_password (c)), >=, 8);
      g_assert_nonnull (pa_scan_credential_get_username (c));
      g_assert_true (g_str_has_prefix (pa_scan_credential_get_setup_link (c), server->url));
    }
  kept = g_list_model_get_item (credentials, 0);

  /* What the server accepts: the username is one of its SIP accounts, and
   * the config a phone fetches through its setup link has that password. */
  refreshed = FALSE;
  pa_repository_refresh_async (repo, NULL, refresh_done_cb, &refreshed);
  wait_until (flag_set, &refreshed, 20);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PaScanCredential) c = g_list_model_get_item (credentials, i);
      GListModel *accounts = pa_repository_get_sip_accounts (repo);
      g_autofree char *compact = pa_mac_to_compact (pa_scan_credential_get_mac (c));
      g_autofree char *config_path = NULL;
      g_autofree char *ua = NULL;
      const char *headers[] = { "User-Agent", NULL, NULL };
      g_autoptr(PaTestResponse) response = NULL;
      gboolean found = FALSE;

      for (guint j = 0; j < g_list_model_get_n_items (accounts); j++)
        {
          g_autoptr(PaSipAccount) account = g_list_model_get_item (accounts, j);

          found |= g_strcmp0 (pa_sip_account_get_username (account),
                              pa_scan_credential_get_username (c)) == 0;
        }
      g_assert_true (found);

      config_path = g_strdup_printf ("%s%s.cfg",
                                     pa_scan_credential_get_setup_link (c) + strlen (server->url),
                                     compact);
      ua = g_strdup_printf ("Yealink SIP-T46U 108.86.0.45 %s", pa_scan_credential_get_mac (c));
      headers[1] = ua;
      response = pa_test_request (server, "GET", config_path, NULL, NULL, 0, FALSE, headers);
      g_assert_cmpuint (response->status, ==, 200);
      g_assert_nonnull (strstr (response->text, pa_scan_credential_get_password (c)));
    }

  /* Closing before anyone saw the passwords asks first. */
  g_assert_cmpuint (pa_scan_credentials_count_unseen (credentials), ==, 3);
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_nonnull (weak_dialog);
  answer (pa_scan_dialog_get_confirmation (dialog), "cancel");
  g_assert_nonnull (weak_dialog);
  g_assert_cmpuint (g_list_model_get_n_items (credentials), ==, 3);

  /* "Show Credentials" from that question opens the summary. */
  gtk_window_close (GTK_WINDOW (dialog));
  answer (pa_scan_dialog_get_confirmation (dialog), "show");
  summary = PA_SCAN_CREDENTIALS_DIALOG (pa_scan_dialog_get_credentials_dialog (dialog));
  g_assert_nonnull (summary);
  g_assert_true (pa_scan_credentials_dialog_get_credentials (summary) == credentials);
  wait_until (credentials_seen, credentials, 10);
  weak_summary = summary;
  g_object_add_weak_pointer (G_OBJECT (summary), &weak_summary);

  /* Copy All: one tab-separated line per phone. */
  {
    g_autofree char *text = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpuint (pa_scan_credentials_count_unsaved (credentials), ==, 3);
    gtk_widget_activate_action (GTK_WIDGET (summary), "credentials.copy-all", NULL);
    text = pa_app_test_read_clipboard (GTK_WIDGET (summary));
    g_assert_true (g_str_has_suffix (text, "\n"));
    lines = g_strsplit (text, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* and the empty rest */
    g_assert_cmpstr (lines[3], ==, "");
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(PaScanCredential) c = g_list_model_get_item (credentials, i);
        g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

        g_assert_cmpuint (g_strv_length (fields), ==, 5);
        g_assert_cmpstr (fields[0], ==, pa_scan_credential_get_name (c));
        g_assert_cmpstr (fields[1], ==, pa_scan_credential_get_mac (c));
        g_assert_cmpstr (fields[2], ==, pa_scan_credential_get_setup_link (c));
        g_assert_cmpstr (fields[3], ==, pa_scan_credential_get_username (c));
        g_assert_cmpstr (fields[4], ==, pa_scan_credential_get_password (c));
      }
    g_assert_cmpuint (pa_scan_credentials_count_unsaved (credentials), ==, 0);
  }

  /* "Save as CSV…" opens in Documents (here, with none configured, home),
   * not in the folder the app was started from. */
  {
    const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
    g_autofree char *expected = g_strdup (documents != NULL &&
                                          g_file_test (documents, G_FILE_TEST_IS_DIR)
                                          ? documents : g_get_home_dir ());
    g_autoptr(GFile) folder = NULL;
    GtkFileChooser *chooser;

    gtk_widget_activate_action (GTK_WIDGET (summary), "credentials.save-csv", NULL);
    chooser = pa_scan_credentials_dialog_get_chooser (summary);
    g_assert_nonnull (chooser);
    /* The chooser's window takes its folder once it is up. */
    wait_until (chooser_has_folder, chooser, 10);
    folder = gtk_file_chooser_get_current_folder (chooser);
    g_assert_cmpstr (g_file_peek_path (folder), ==, expected);
    gtk_native_dialog_hide (GTK_NATIVE_DIALOG (chooser));
    g_signal_emit_by_name (chooser, "response", GTK_RESPONSE_CANCEL);
    g_assert_null (pa_scan_credentials_dialog_get_chooser (summary));
  }

  /* The CSV of the real phones: header and three rows. */
  {
    g_autofree char *csv = save_csv (summary, path);
    g_auto(GStrv) lines = g_strsplit (csv, "\r\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 5);
    g_assert_cmpstr (lines[0], ==, "Name,MAC Address,Setup Link,SIP Username,SIP Password");
    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(PaScanCredential) c = g_list_model_get_item (credentials, i);
        g_autofree char *row = g_strdup_printf ("%s,%s,%s,%s,%s",
                                                pa_scan_credential_get_name (c),
                                                pa_scan_credential_get_mac (c),
                                                pa_scan_credential_get_setup_link (c),
                                                pa_scan_credential_get_username (c),
                                                pa_scan_credential_get_password (c));

        g_assert_cmpstr (lines[i + 1], ==, row);
      }
    g_assert_cmpint (g_unlink (path), ==, 0);
    g_assert_cmpint (g_rmdir (dir), ==, 0);
  }

  /* Saved: both close without asking, and the passwords are forgotten. */
  gtk_window_close (GTK_WINDOW (summary));
  wait_until (window_gone, &weak_summary, 10);
  g_assert_null (pa_scan_dialog_get_credentials_dialog (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  wait_until (window_gone, &weak_dialog, 10);
  g_assert_null (pa_scan_credential_get_password (kept));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add_func ("/app/scan/check", test_check);
  g_test_add_func ("/app/scan/default-name", test_default_name);
  g_test_add_func ("/app/scan/dialog-scans", test_scans_without_server);
  g_test_add_func ("/app/scan/create-against-provd", test_create_against_provd);
  g_test_add_func ("/app/scan/csv-field", test_csv_field);
  g_test_add_func ("/app/scan/credentials-text", test_credentials_text);
  g_test_add_func ("/app/scan/summary-dialog", test_summary_dialog);
  g_test_add_func ("/app/scan/credentials-against-provd", test_credentials_against_provd);

  return g_test_run ();
}
