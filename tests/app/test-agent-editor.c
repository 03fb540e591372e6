/* test-agent-editor.c — the agent editor and agent delete against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: a real phoneadmin-provd on loopback, a real PaClient and
 * PaRepository, the editor's own actions. The routing shown must follow the
 * server: hardware phone once a phone is assigned, softphone after the last
 * one goes.
 */
#define G_LOG_DOMAIN "test-agent-editor"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pa-agent-actions.h"
#include "pa-agent-editor.h"
#include "pa-credentials-dialog.h"
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

static gpointer
child (gpointer    editor,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (editor), PA_TYPE_AGENT_EDITOR, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
not_busy (gpointer data)
{
  return !pa_agent_editor_get_busy (data);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static void
test_assign_switches_routing (Fixture       *fixture,
                              gconstpointer  user_data)
{
  PaResource *agent = save (fixture, PA_TYPE_AGENT,
                            "{\"name\":\"Ann Smith\",\"extension\":\"201\",\"email\":\"ann@example.com\"}");
  PaResource *phone = save (fixture, PA_TYPE_PHONE,
                            "{\"name\":\"Reception\",\"mac\":\"805EC0666666\",\"vendor\":\"yealink\","
                            "\"model\":\"yealink-t54w\"}");
  GtkWidget *editor = pa_agent_editor_new (fixture->parent, fixture->repo, PA_AGENT (agent));
  AdwComboRow *assign_row = child (editor, "assign_row");
  GtkListBox *phones_list = child (editor, "phones_list");
  gint64 phone_id = pa_resource_get_id (phone);
  g_autofree char *path = NULL;
  g_autoptr(PaTestResponse) response = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  g_assert_cmpstr (pa_agent_editor_get_routing_text (PA_AGENT_EDITOR (editor)), ==,
                   pa_agent_routing_to_string (PA_AGENT_ROUTING_SOFTPHONE));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "email_row"))), ==,
                   "ann@example.com");
  g_assert_cmpuint (n_rows (phones_list), ==, 0);
  g_assert_true (adw_combo_row_get_selected_item (assign_row) == (gpointer) phone);

  g_assert_true (gtk_widget_activate_action (editor, "editor.assign-phone", NULL));
  g_assert_true (pa_agent_editor_get_busy (PA_AGENT_EDITOR (editor)));
  pa_app_test_wait_until (not_busy, editor);

  g_assert_cmpstr (pa_agent_editor_get_routing_text (PA_AGENT_EDITOR (editor)), ==,
                   "Hardware phone");
  g_assert_cmpuint (n_rows (phones_list), ==, 1);
  g_assert_null (adw_combo_row_get_selected_item (assign_row));
  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, phone_id);
  response = pa_test_api (fixture->server, "GET", path, NULL, NULL);
  g_assert_cmpint (json_object_get_int_member (pa_test_response_object (response), "agent_id"), ==,
                   pa_resource_get_id (agent));
  pa_app_test_maybe_screenshot (editor, "agent-editor.png");

  /* Deleting an agent with a phone: the server's 409, explained. */
  pa_agent_delete_interactive (GTK_WINDOW (editor), fixture->repo, PA_AGENT (agent));
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  adw_message_dialog_response (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG), "delete");
  gtk_window_close (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG)), ==,
                   "Agent Still Has Phones");
  pa_app_test_maybe_screenshot (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG), "agent-delete-refused.png");
  gtk_window_destroy (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (pa_repository_find (fixture->repo, PA_TYPE_AGENT, pa_resource_get_id (agent)));

  /* Unassigning the last phone sends calls back to the softphone. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.unassign-phone", "x", phone_id));
  pa_app_test_wait_until (not_busy, editor);
  g_assert_cmpstr (pa_agent_editor_get_routing_text (PA_AGENT_EDITOR (editor)), ==,
                   "Browser softphone");
  g_assert_cmpuint (n_rows (phones_list), ==, 0);
  g_assert_cmpint (pa_phone_get_agent_id (PA_PHONE (phone)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_new_agent_then_assign (Fixture       *fixture,
                            gconstpointer  user_data)
{
  GtkWidget *editor = pa_agent_editor_new (fixture->parent, fixture->repo, NULL);
  PaAgent *agent;

  save (fixture, PA_TYPE_PHONE,
        "{\"name\":\"Desk\",\"mac\":\"805EC0777777\",\"vendor\":\"yealink\",\"model\":\"yealink-t54w\"}");
  gtk_window_present (GTK_WINDOW (editor));

  /* Nothing typed: no save; a new agent cannot take phones yet. */
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  g_assert_false (gtk_widget_get_sensitive (child (editor, "assign_row")));

  gtk_editable_set_text (GTK_EDITABLE (child (editor, "name_row")), "Bob Jones");
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "extension_row")), "202");
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));
  pa_app_test_maybe_screenshot (editor, "agent-editor-new.png");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  pa_app_test_wait_until (not_busy, editor);

  /* Saved and still open, now with an id, so phones can be assigned. */
  agent = pa_agent_editor_get_agent (PA_AGENT_EDITOR (editor));
  g_assert_nonnull (agent);
  g_assert_cmpint (pa_resource_get_id (PA_RESOURCE (agent)), >, 0);
  g_assert_true (gtk_widget_get_sensitive (child (editor, "assign_row")));
  g_assert_true (gtk_widget_activate_action (editor, "editor.assign-phone", NULL));
  pa_app_test_wait_until (not_busy, editor);
  g_assert_cmpint (pa_agent_get_routing (agent), ==, PA_AGENT_ROUTING_HARDWARE);
  g_assert_cmpstr (pa_agent_editor_get_routing_text (PA_AGENT_EDITOR (editor)), ==,
                   "Hardware phone");

  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_edit_saves_and_closes (Fixture       *fixture,
                            gconstpointer  user_data)
{
  PaResource *agent = save (fixture, PA_TYPE_AGENT, "{\"name\":\"Cy\",\"extension\":\"203\"}");
  GtkWidget *editor = pa_agent_editor_new (fixture->parent, fixture->repo, PA_AGENT (agent));

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "email_row")), "not an address");
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "email_row")), "cy@example.com");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
  g_assert_cmpstr (pa_agent_get_email (PA_AGENT (agent)), ==, "cy@example.com");
}

static void
test_delete_agent (Fixture       *fixture,
                   gconstpointer  user_data)
{
  PaResource *agent = save (fixture, PA_TYPE_AGENT, "{\"name\":\"Dee\",\"extension\":\"204\"}");
  gint64 id = pa_resource_get_id (agent);

  pa_agent_delete_interactive (fixture->parent, fixture->repo, PA_AGENT (agent));
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  adw_message_dialog_response (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG), "delete");
  gtk_window_close (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  pa_app_test_wait_until (pa_app_test_not_loading, fixture->repo);
  pa_app_test_spin (200);
  pa_app_test_wait_until (pa_app_test_not_loading, fixture->repo);
  g_assert_null (pa_repository_find (fixture->repo, PA_TYPE_AGENT, id));
  g_assert_null (pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/app/agent-editor/assign-switches-routing", Fixture, NULL,
              fixture_set_up, test_assign_switches_routing, fixture_tear_down);
  g_test_add ("/app/agent-editor/new-agent-then-assign", Fixture, NULL,
              fixture_set_up, test_new_agent_then_assign, fixture_tear_down);
  g_test_add ("/app/agent-editor/edit-saves-and-closes", Fixture, NULL,
              fixture_set_up, test_edit_saves_and_closes, fixture_tear_down);
  g_test_add ("/app/agent-editor/delete-agent", Fixture, NULL,
              fixture_set_up, test_delete_agent, fixture_tear_down);

  return g_test_run ();
}
