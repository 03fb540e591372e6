/* test-phone-push.c — Resync and Reboot from the app: the phone editor's
 * buttons, the phones list's row actions and a new password's note,
 * against a real provd whose NOTIFYs reach sipp playing the phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: provd's SIP agent (sofia-sip) sends real NOTIFYs over UDP on
 * loopback to sipp; the app hears how each ended through the change
 * stream, as a real office would. Skips without sofia-sip or sipp.
 */
#define G_LOG_DOMAIN "test-phone-push"

#include "config.h"

#include <adwaita.h>

#include "pa-client.h"
#include "pa-phone-editor.h"
#include "pa-phone-push.h"
#include "pa-phones-page.h"
#include "pa-repository.h"
#include "../server/pa-test-server.h"
#include "../server/pa-test-sip.h"
#include "../server/pa-test-sipp.h"
#include "pa-app-fixture.h"
#include "pa-app-test.h"

typedef PaAppFixture Fixture;

/* The fixture, with provd's short SIP timers and no keepalives (sipp's
 * scenario expects one NOTIFY, nothing else), following the change
 * stream as the app's window does. */
static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  if (!pa_test_sip_can_run ())
    return;
  pa_app_fixture_set_up_with_server (fixture, pa_test_sip_provd_new (NULL));
  pa_repository_set_follow_changes (fixture->repo, TRUE);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  user_data)
{
  if (fixture->server != NULL)
    pa_app_fixture_tear_down (fixture, user_data);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return pa_app_test_find_label (wait->root, wait->text) != NULL;
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  LabelWait wait = { root, text };

  pa_app_test_wait_until_seconds (label_shown, &wait, 40);
}

/* The repository's own object of the phone, once it has heard of it. */
static PaPhone *
repo_phone (Fixture *fixture,
            gint64   id)
{
  pa_app_test_refresh_sync (fixture->repo);
  return PA_PHONE (pa_repository_find (fixture->repo, PA_TYPE_PHONE, id));
}

typedef struct
{
  PaPhone    *phone;
  const char *action;
} ActionWait;

static gboolean
has_action (gpointer data)
{
  ActionWait *wait = data;
  JsonObject *action = pa_phone_get_sip_action (wait->phone);

  return action != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (action, "action", ""),
                    wait->action) == 0;
}

/* The editor's Resync button: sipp gets check-sync, the toast says the
 * phone is fetching its settings, and the editor says how it ended. */
static void
test_editor_resync (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(PaTestSipp) sipp = NULL;
  g_autoptr(PaTestSipPhone) sip_phone = NULL;
  g_autofree char *event = NULL;
  ActionWait wait;
  PaPhone *phone;
  GtkWidget *editor;
  GtkWidget *button;
  AdwActionRow *push_row;

  if (fixture->server == NULL)
    return;
  sipp = pa_test_sipp_start ("notify-uas.xml", 1, NULL, NULL);
  sip_phone = pa_test_sip_phone_new (fixture->server, "yealink", "yealink-t54w",
                                     "80:5E:C0:00:07:01", sipp->port, TRUE);
  phone = repo_phone (fixture, sip_phone->id);
  g_assert_nonnull (phone);

  editor = pa_phone_editor_new (fixture->parent, fixture->repo, phone);
  gtk_window_present (GTK_WINDOW (editor));
  push_row = pa_app_test_template_child (editor, "push_row");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (push_row)));
  button = pa_app_test_find_button (GTK_WIDGET (push_row), "Re_sync");
  g_assert_nonnull (button);
  gtk_widget_activate (button);

  g_assert_cmpint (pa_test_sipp_wait (sipp), ==, 0);
  event = pa_test_sipp_logged (sipp, "EVENT ");
  g_assert_cmpstr (event, ==, "check-sync;reboot=false");

  wait = (ActionWait) { phone, "resync" };
  pa_app_test_wait_until_seconds (has_action, &wait, 20);
  wait_for_label (GTK_WIDGET (fixture->overlay), "“yealink desk” is fetching its settings");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (push_row), "Resync: answered"));
  pa_app_test_maybe_screenshot (editor, "phone-editor-resync.png");
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* Reboot from the phones list's row action, on two selected phones: one
 * answers, one has never fetched its files. Asked first; one toast. */
static void
test_list_reboot (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(PaTestSipp) sipp = NULL;
  g_autoptr(PaTestSipPhone) answering = NULL;
  g_autoptr(PaTestSipPhone) silent = NULL;
  g_autofree char *event = NULL;
  GtkWidget *page;
  ActionWait wait;
  PaPhone *phone;

  if (fixture->server == NULL)
    return;
  sipp = pa_test_sipp_start ("notify-uas.xml", 1, NULL, NULL);
  answering = pa_test_sip_phone_new (fixture->server, "snom", "snom-d785", "00:04:13:00:07:01",
                                     sipp->port, TRUE);
  silent = pa_test_sip_phone_new (fixture->server, "snom", "snom-d785", "00:04:13:00:07:02",
                                  5060, FALSE);
  phone = repo_phone (fixture, answering->id);

  page = pa_phones_page_new ();
  g_object_set (page, "repository", fixture->repo, NULL);
  adw_toast_overlay_set_child (fixture->overlay, page);
  pa_app_test_wait_until (pa_app_test_widget_ready, page);
  {
    GtkColumnView *view = pa_app_test_template_child (page, "column_view");

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 2);
    gtk_selection_model_select_all (gtk_column_view_get_model (view));
  }

  g_assert_true (gtk_widget_activate_action (page, "phones.reboot", "x", answering->id));
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  pa_app_test_click_response ("_Reboot");

  g_assert_cmpint (pa_test_sipp_wait (sipp), ==, 0);
  event = pa_test_sipp_logged (sipp, "EVENT ");
  g_assert_cmpstr (event, ==, "check-sync;reboot=true");
  wait = (ActionWait) { phone, "reboot" };
  pa_app_test_wait_until_seconds (has_action, &wait, 20);
  wait_for_label (GTK_WIDGET (fixture->overlay),
                  "1 phone is rebooting. 1 was not reached; its editor says why.");
}

/* A new password: the note says who was told to fetch it and who could
 * not be reached, by name. */
static void
test_password_note (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(PaTestSipp) sipp = NULL;
  g_autoptr(PaTestSipPhone) reached = NULL;
  g_autoptr(PaTestResponse) shared = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonObject) resync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;
  g_autofree char *note = NULL;
  g_autofree char *body = NULL;
  PaClient *client;
  guint n_resync = 0;

  if (fixture->server == NULL)
    return;
  reached = pa_test_sip_phone_new (fixture->server, "yealink", "yealink-t54w",
                                   "80:5E:C0:00:07:03", 5060, TRUE);
  /* The scenario challenges, and checks the digest against the password
   * the phone has: the old one. */
  sipp = pa_test_sipp_start ("notify-auth-uas.xml", 1, reached->username, reached->password);
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, reached->id);
    g_autofree char *patch = g_strdup_printf ("{\"local_sip_port\": %u}", sipp->port);
    g_autoptr(PaTestResponse) moved = pa_test_api (fixture->server, "PATCH", path, patch, "*");

    g_assert_cmpuint (moved->status, ==, 200);
  }
  /* A second phone on the same account that never fetched its files. */
  body = g_strdup_printf ("{\"name\": \"Lobby\", \"mac\": \"80:5E:C0:00:07:04\", \"vendor\": \"yealink\","
                          " \"model\": \"yealink-t54w\", \"lines\": [%" G_GINT64_FORMAT "]}",
                          reached->account_id);
  shared = pa_test_api (fixture->server, "POST", "/api/v1/phones", body, NULL);
  g_assert_cmpuint (shared->status, ==, 201);
  pa_app_test_refresh_sync (fixture->repo);

  client = pa_repository_get_client (fixture->repo);
  pa_client_regenerate_password_async (client, reached->account_id, NULL,
                                       pa_app_test_store_result_cb, &result);
  pa_app_test_wait_until_seconds (pa_app_test_result_arrived, &result, 20);
  password = pa_client_regenerate_password_finish (client, result, &n_resync, &resync, &error);
  g_assert_no_error (error);
  g_assert_nonnull (password);
  g_assert_nonnull (resync);
  g_assert_cmpint (pa_test_sipp_wait (sipp), ==, 0);

  note = pa_phone_resync_note (fixture->repo, resync, n_resync);
  g_test_message ("%s", note);
  g_assert_nonnull (strstr (note, "1 phone was told to fetch the new password."));
  g_assert_nonnull (strstr (note, "“Lobby” was not reached (no address known yet"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add ("/app/phone-push/editor-resync", Fixture, NULL, set_up, test_editor_resync,
              tear_down);
  g_test_add ("/app/phone-push/list-reboot", Fixture, NULL, set_up, test_list_reboot, tear_down);
  g_test_add ("/app/phone-push/password-note", Fixture, NULL, set_up, test_password_note,
              tear_down);

  return g_test_run ();
}
