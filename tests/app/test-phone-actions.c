/* test-phone-actions.c — deleting a phone (and the 409 of an assigned one) against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: a real phoneadmin-provd on loopback, a real PaClient and
 * PaRepository. The dialogs are answered the way their buttons do
 * (adw_message_dialog_response, then close).
 */
#define G_LOG_DOMAIN "test-phone-actions"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pa-credentials-dialog.h"
#include "pa-phone-actions.h"
#include "pa-repository.h"
#include "../server/pa-test-server.h"
#include "pa-app-test.h"

typedef struct
{
  PaTestServer    *server;
  PaRepository    *repo;
  GtkWindow       *parent;
  AdwToastOverlay *overlay;
} Fixture;

/* ---------------------------------------------------------------------- */
/* Helpers */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  fixture->server = pa_test_server_new ();
  fixture->repo = pa_app_test_repository_new (fixture->server->url, fixture->server->token);

  /* Like the main window: results go to its toast overlay. */
  fixture->parent = GTK_WINDOW (adw_window_new ());
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_window_set_content (ADW_WINDOW (fixture->parent), GTK_WIDGET (fixture->overlay));
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

static PaResource *
save (Fixture    *fixture,
      GType       type,
      const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) resource = pa_resource_new_from_data (type, json, -1, PA_JSON_DEFAULT, &error);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PaResource) saved = NULL;

  g_assert_no_error (error);
  pa_repository_save_async (fixture->repo, resource, NULL, pa_app_test_store_result_cb, &slot);
  pa_app_test_wait_until (pa_app_test_result_arrived, &slot);
  result = g_steal_pointer (&slot);
  saved = pa_repository_save_finish (fixture->repo, result, NULL, &error);
  g_assert_no_error (error);
  return saved;   /* the store keeps it */
}

static AdwMessageDialog *
find_message (const char *heading_part)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window))
          && strstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)), heading_part))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
message_with_heading (gpointer data)
{
  return find_message (data) != NULL;
}

static void
answer (const char *heading_part,
        const char *response)
{
  AdwMessageDialog *dialog;

  pa_app_test_wait_until (message_with_heading, (gpointer) heading_part);
  dialog = find_message (heading_part);
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

typedef struct
{
  Fixture *fixture;
  gint64   id;
} Lookup;

static gboolean
phone_gone (gpointer data)
{
  Lookup *lookup = data;

  return pa_repository_find (lookup->fixture->repo, PA_TYPE_PHONE, lookup->id) == NULL;
}

static guint
server_status (Fixture    *fixture,
               const char *collection,
               gint64      id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s/%" G_GINT64_FORMAT, collection, id);
  g_autoptr(PaTestResponse) response = pa_test_api (fixture->server, "GET", path, NULL, NULL);

  return response->status;
}

static void
test_delete_unassigned (Fixture       *fixture,
                        gconstpointer  user_data)
{
  PaResource *phone = save (fixture, PA_TYPE_PHONE,
                            "{\"name\":\"Spare\",\"mac\":\"805EC0333333\",\"vendor\":\"yealink\","
                            "\"model\":\"yealink-t54w\"}");
  Lookup lookup = { fixture, pa_resource_get_id (phone) };

  pa_phone_delete_interactive (fixture->parent, fixture->repo, PA_PHONE (phone));
  pa_app_test_wait_until (message_with_heading, (gpointer) "Delete “Spare”?");
  pa_app_test_maybe_screenshot (GTK_WIDGET (find_message ("Delete")), "delete-phone-dialog.png");
  answer ("Delete “Spare”?", "delete");
  pa_app_test_wait_until (phone_gone, &lookup);
  g_assert_cmpuint (server_status (fixture, "phones", lookup.id), ==, 404);
  g_assert_null (find_message ("Assigned"));
}

static void
test_cancel_keeps_phone (Fixture       *fixture,
                         gconstpointer  user_data)
{
  PaResource *phone = save (fixture, PA_TYPE_PHONE,
                            "{\"name\":\"Keep\",\"mac\":\"805EC0444444\",\"vendor\":\"yealink\","
                            "\"model\":\"yealink-t54w\"}");
  gint64 id = pa_resource_get_id (phone);

  pa_phone_delete_interactive (fixture->parent, fixture->repo, PA_PHONE (phone));
  answer ("Delete “Keep”?", "cancel");
  pa_app_test_spin (300);
  g_assert_nonnull (pa_repository_find (fixture->repo, PA_TYPE_PHONE, id));
  g_assert_cmpuint (server_status (fixture, "phones", id), ==, 200);
}

static void
test_delete_assigned_unassigns_first (Fixture       *fixture,
                                      gconstpointer  user_data)
{
  PaResource *agent = save (fixture, PA_TYPE_AGENT, "{\"name\":\"Ann Smith\",\"extension\":\"201\"}");
  g_autofree char *json = g_strdup_printf ("{\"name\":\"Reception\",\"mac\":\"805EC0555555\","
                                           "\"vendor\":\"yealink\",\"model\":\"yealink-t54w\","
                                           "\"agent_id\":%" G_GINT64_FORMAT "}",
                                           pa_resource_get_id (agent));
  PaResource *phone = save (fixture, PA_TYPE_PHONE, json);
  Lookup lookup = { fixture, pa_resource_get_id (phone) };
  AdwMessageDialog *assigned;

  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_HARDWARE);

  /* First try: the server refuses (409) and the second dialog explains. */
  pa_phone_delete_interactive (fixture->parent, fixture->repo, PA_PHONE (phone));
  answer ("Delete “Reception”?", "delete");
  pa_app_test_wait_until (message_with_heading, (gpointer) "Phone Is Assigned");
  assigned = find_message ("Phone Is Assigned");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (assigned), "Ann Smith"));
  g_assert_cmpint (adw_message_dialog_get_response_appearance (assigned, "unassign"), ==,
                   ADW_RESPONSE_DESTRUCTIVE);
  pa_app_test_maybe_screenshot (GTK_WIDGET (assigned), "delete-assigned-dialog.png");
  g_assert_cmpuint (server_status (fixture, "phones", lookup.id), ==, 200);

  /* Cancel there: nothing changes. */
  answer ("Phone Is Assigned", "cancel");
  pa_app_test_spin (300);
  g_assert_cmpint (pa_phone_get_agent_id (PA_PHONE (phone)), ==, pa_resource_get_id (agent));

  /* Again, and this time "Unassign and Delete". */
  pa_phone_delete_interactive (fixture->parent, fixture->repo, PA_PHONE (phone));
  answer ("Delete “Reception”?", "delete");
  answer ("Phone Is Assigned", "unassign");
  pa_app_test_wait_until (phone_gone, &lookup);
  g_assert_cmpuint (server_status (fixture, "phones", lookup.id), ==, 404);
  /* The agent's calls went back to the softphone with the phone. */
  pa_app_test_wait_until (pa_app_test_not_loading, fixture->repo);
  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_SOFTPHONE);
}

static void
test_toast_overlay_found (Fixture       *fixture,
                          gconstpointer  user_data)
{
  GtkWidget *dialog = pa_credentials_dialog_new (fixture->parent, "http://x/p/t/", "u", NULL);

  /* From the window, from inside it, and from a dialog on top of it. */
  g_assert_true (pa_find_toast_overlay (GTK_WIDGET (fixture->parent)) == fixture->overlay);
  g_assert_true (pa_find_toast_overlay (dialog) == fixture->overlay);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_null (pa_find_toast_overlay (gtk_label_new ("alone")));
}

static void
test_credentials_dialog (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkWidget *shown = pa_credentials_dialog_new (fixture->parent, "http://h/p/tok/", "201", "pw&<1>");
  GtkWidget *hidden = pa_credentials_dialog_new (fixture->parent, "http://h/p/tok/", "201", NULL);
  GObject *password_row = gtk_widget_get_template_child (shown, PA_TYPE_CREDENTIALS_DIALOG, "password_row");
  GObject *hidden_row = gtk_widget_get_template_child (hidden, PA_TYPE_CREDENTIALS_DIALOG, "password_row");
  GObject *once = gtk_widget_get_template_child (hidden, PA_TYPE_CREDENTIALS_DIALOG, "once_box");

  /* Markup characters in a password are shown as they are. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (password_row)), ==, "pw&<1>");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (password_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (hidden_row)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (once)));
  g_assert_null (pa_credentials_dialog_get_password (PA_CREDENTIALS_DIALOG (hidden)));

  gtk_window_destroy (GTK_WINDOW (shown));
  gtk_window_destroy (GTK_WINDOW (hidden));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/app/phone-actions/delete-unassigned", Fixture, NULL,
              fixture_set_up, test_delete_unassigned, fixture_tear_down);
  g_test_add ("/app/phone-actions/cancel-keeps-phone", Fixture, NULL,
              fixture_set_up, test_cancel_keeps_phone, fixture_tear_down);
  g_test_add ("/app/phone-actions/delete-assigned-unassigns-first", Fixture, NULL,
              fixture_set_up, test_delete_assigned_unassigns_first, fixture_tear_down);
  g_test_add ("/app/phone-actions/toast-overlay-found", Fixture, NULL,
              fixture_set_up, test_toast_overlay_found, fixture_tear_down);
  g_test_add ("/app/phone-actions/credentials-dialog", Fixture, NULL,
              fixture_set_up, test_credentials_dialog, fixture_tear_down);

  return g_test_run ();
}
