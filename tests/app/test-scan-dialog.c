/* test-scan-dialog.c — scan mode: what a scan does, the rows, and creating
 * them against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pa-client.h"
#include "pa-mac-input.h"
#include "pa-repository.h"
#include "pa-scan-dialog.h"
#include "../server/pa-test-server.h"

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

  /* A Snom MAC switches the brand (and so the model) for its row. */
  scan (dialog, "000413000033");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_cmpstr (pa_scan_row_get_vendor_id (row_at (dialog, 2)), ==, "snom");
  g_assert_true (g_str_has_prefix (pa_scan_row_get_model_id (row_at (dialog, 2)), "snom-"));

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
  g_assert_true (g_str_has_prefix (pa_scan_row_get_model_id (row_at (dialog, 2)), "fanvil-"));
  g_assert_null (pa_scan_dialog_add_scan (dialog, "0c383e000044"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.remove-row", "u", 2);

  /* Removed, it can be scanned again. */
  scan (dialog, "805ec0000011");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/app/scan/check", test_check);
  g_test_add_func ("/app/scan/default-name", test_default_name);
  g_test_add_func ("/app/scan/dialog-scans", test_scans_without_server);
  g_test_add_func ("/app/scan/create-against-provd", test_create_against_provd);

  return g_test_run ();
}
