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
#include "pa-app-fixture.h"
#include "pa-app-test.h"

typedef PaAppFixture Fixture;

/* ---------------------------------------------------------------------- */
/* Helpers */

static PaResource *
save (Fixture    *fixture,
      GType       type,
      const char *json)
{
  return pa_app_fixture_save (fixture, type, json);
}

static gpointer
child (gpointer    editor,
       const char *name)
{
  return pa_app_test_template_child (editor, name);
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

static gint64
server_agent_of (Fixture *fixture,
                 gint64   phone_id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, phone_id);
  g_autoptr(PaTestResponse) response = pa_test_api (fixture->server, "GET", path, NULL, NULL);

  return json_object_get_int_member_with_default (pa_test_response_object (response),
                                                  "agent_id", 0);
}

static GtkWidget *
open_editor (Fixture    *fixture,
             PaResource *agent,
             gpointer    weak)
{
  GtkWidget *editor = pa_agent_editor_new (fixture->parent, fixture->repo, PA_AGENT (agent));

  g_object_add_weak_pointer (G_OBJECT (editor), weak);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

/* Assigning is part of the form: nothing reaches the server before Save,
 * and Cancel (then Discard) forgets it. */
static void
test_assign_switches_routing (Fixture       *fixture,
                              gconstpointer  user_data)
{
  PaResource *agent = save (fixture, PA_TYPE_AGENT,
                            "{\"name\":\"Ann Smith\",\"extension\":\"201\",\"email\":\"ann@example.com\"}");
  PaResource *phone = save (fixture, PA_TYPE_PHONE,
                            "{\"name\":\"Reception\",\"mac\":\"805EC0666666\",\"vendor\":\"yealink\","
                            "\"model\":\"yealink-t54w\"}");
  gint64 phone_id = pa_resource_get_id (phone);
  GtkWidget *editor = open_editor (fixture, agent, &editor);

  g_assert_cmpstr (pa_agent_editor_get_routing_text (PA_AGENT_EDITOR (editor)), ==,
                   pa_agent_routing_to_string (PA_AGENT_ROUTING_SOFTPHONE));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "email_row"))), ==,
                   "ann@example.com");
  g_assert_cmpuint (n_rows (child (editor, "phones_list")), ==, 0);
  g_assert_true (adw_combo_row_get_selected_item (child (editor, "assign_row")) == (gpointer) phone);

  g_assert_true (gtk_widget_activate_action (editor, "editor.assign-phone", NULL));
  g_assert_false (pa_editor_get_busy (PA_EDITOR (editor)));
  g_assert_cmpuint (n_rows (child (editor, "phones_list")), ==, 1);
  g_assert_null (adw_combo_row_get_selected_item (child (editor, "assign_row")));
  g_assert_cmpint (server_agent_of (fixture, phone_id), ==, 0);
  pa_app_test_maybe_screenshot (editor, "agent-editor.png");

  /* Cancel asks, and Discard leaves the phone as it was. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.cancel", NULL));
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  pa_app_test_click_response ("_Discard");
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
  g_assert_cmpint (server_agent_of (fixture, phone_id), ==, 0);
  g_assert_cmpint (pa_phone_get_agent_id (PA_PHONE (phone)), ==, 0);

  /* Save stores it and closes; the server routes calls to the phone. */
  editor = open_editor (fixture, agent, &editor);
  g_assert_true (gtk_widget_activate_action (editor, "editor.assign-phone", NULL));
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  g_assert_true (pa_editor_get_busy (PA_EDITOR (editor)));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
  g_assert_cmpint (server_agent_of (fixture, phone_id), ==, pa_resource_get_id (agent));
  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_HARDWARE);

  /* Unassigning the last phone sends calls back to the softphone. */
  editor = open_editor (fixture, agent, &editor);
  g_assert_cmpstr (pa_agent_editor_get_routing_text (PA_AGENT_EDITOR (editor)), ==,
                   "Hardware phone");
  g_assert_cmpuint (n_rows (child (editor, "phones_list")), ==, 1);
  g_assert_true (gtk_widget_activate_action (editor, "editor.unassign-phone", "x", phone_id));
  g_assert_cmpuint (n_rows (child (editor, "phones_list")), ==, 0);
  g_assert_true (adw_combo_row_get_selected_item (child (editor, "assign_row")) == (gpointer) phone);
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
  g_assert_cmpint (server_agent_of (fixture, phone_id), ==, 0);
  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_SOFTPHONE);
}

/* A new agent takes phones before its first save; Save stores both. */
static void
test_new_agent_then_assign (Fixture       *fixture,
                            gconstpointer  user_data)
{
  PaResource *phone;
  GtkWidget *editor = open_editor (fixture, NULL, &editor);
  PaResource *agent;

  /* No phones at all: the assign row says so, not "every phone is assigned". */
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "assign_row")), ==,
                   "There are no phones yet. Add them under Phones.");
  gtk_window_destroy (GTK_WINDOW (editor));
  g_assert_null (editor);

  phone = save (fixture, PA_TYPE_PHONE,
                "{\"name\":\"Desk\",\"mac\":\"805EC0777777\",\"vendor\":\"yealink\",\"model\":\"yealink-t54w\"}");
  editor = open_editor (fixture, NULL, &editor);

  /* Nothing typed: no save, and no nagging line either. */
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  g_assert_nonnull (pa_editor_get_reason (PA_EDITOR (editor)));
  g_assert_false (gtk_revealer_get_reveal_child (child (editor, "reason_revealer")));
  g_assert_true (gtk_widget_get_sensitive (child (editor, "assign_row")));

  gtk_editable_set_text (GTK_EDITABLE (child (editor, "name_row")), "Bob Jones");
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "extension_row")), "202");
  g_assert_true (gtk_widget_is_sensitive (child (editor, "save_button")));
  g_assert_true (gtk_widget_activate_action (editor, "editor.assign-phone", NULL));
  pa_app_test_maybe_screenshot (editor, "agent-editor-new.png");
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);

  agent = pa_repository_find (fixture->repo, PA_TYPE_AGENT, pa_phone_get_agent_id (PA_PHONE (phone)));
  g_assert_nonnull (agent);
  g_assert_cmpstr (pa_agent_get_name (PA_AGENT (agent)), ==, "Bob Jones");
  g_assert_cmpint (server_agent_of (fixture, pa_resource_get_id (phone)), ==,
                   pa_resource_get_id (agent));
  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_HARDWARE);
}

/* Save off says why, where it can be seen. */
static void
test_edit_saves_and_closes (Fixture       *fixture,
                            gconstpointer  user_data)
{
  PaResource *agent = save (fixture, PA_TYPE_AGENT, "{\"name\":\"Cy\",\"extension\":\"203\"}");
  g_autofree char *phone_json =
    g_strdup_printf ("{\"name\":\"Desk\",\"mac\":\"805EC0777778\",\"vendor\":\"yealink\","
                     "\"model\":\"yealink-t54w\",\"agent_id\":%" G_GINT64_FORMAT "}",
                     pa_resource_get_id (agent));
  GtkWidget *editor;
  const char *line;

  save (fixture, PA_TYPE_PHONE, phone_json);
  editor = open_editor (fixture, agent, &editor);
  gtk_editable_set_text (GTK_EDITABLE (child (editor, "email_row")), "bob@");
  g_assert_false (gtk_widget_is_sensitive (child (editor, "save_button")));
  g_assert_true (gtk_revealer_get_reveal_child (child (editor, "reason_revealer")));
  line = gtk_label_get_text (child (editor, "reason_label"));
  g_assert_true (g_str_has_prefix (line, "Cannot save yet: "));
  g_assert_nonnull (strstr (line, pa_editor_get_reason (PA_EDITOR (editor))));
  g_assert_nonnull (strstr (line, "mail"));
  pa_app_test_maybe_screenshot (editor, "agent-editor-reason.png");
  /* With a phone for each agent, the assign row says that, not "no phones". */
  g_assert_cmpstr (adw_action_row_get_subtitle (child (editor, "assign_row")), ==,
                   "Every phone already has an agent");

  gtk_editable_set_text (GTK_EDITABLE (child (editor, "email_row")), "cy@example.com");
  g_assert_false (gtk_revealer_get_reveal_child (child (editor, "reason_revealer")));
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
  g_assert_cmpstr (pa_agent_get_email (PA_AGENT (agent)), ==, "cy@example.com");
}

static GtkWidget *
open_popover (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = open_popover (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
popover_shown (gpointer widget)
{
  return open_popover (widget) != NULL;
}

/* The phones to assign list their MAC and model whole, under the name. */
static void
test_assign_list_not_cut_off (Fixture       *fixture,
                              gconstpointer  user_data)
{
  PaResource *agent = save (fixture, PA_TYPE_AGENT, "{\"name\":\"Eve\",\"extension\":\"205\"}");
  GtkWidget *editor;
  GtkWidget *popover;
  g_autofree char *cut = NULL;

  save (fixture, PA_TYPE_PHONE,
        "{\"name\":\"Conference Room on the Second Floor\",\"mac\":\"805EC0888888\","
        "\"vendor\":\"grandstream\",\"model\":\"grandstream-gxp2170\"}");
  /* (A combo row with one choice has no list to open.) */
  save (fixture, PA_TYPE_PHONE,
        "{\"name\":\"Lobby\",\"mac\":\"805EC0888889\",\"vendor\":\"yealink\",\"model\":\"yealink-t54w\"}");
  editor = open_editor (fixture, agent, &editor);
  adw_action_row_activate (child (editor, "assign_row"));
  pa_app_test_wait_until (popover_shown, child (editor, "assign_row"));
  popover = open_popover (child (editor, "assign_row"));
  pa_app_test_wait_for_frames (2);
  {
    GtkWidget *detail = pa_app_test_find_label (popover, "80:5E:C0:88:88:88 · GXP2170");

    g_assert_nonnull (detail);
    g_assert_true (gtk_widget_get_mapped (detail));
  }
  cut = pa_app_test_find_cut_off (popover);
  g_assert_cmpstr (cut, ==, NULL);
  pa_app_test_maybe_screenshot (editor, "agent-editor-assign-list.png");
  gtk_popover_popdown (GTK_POPOVER (popover));
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add ("/app/agent-editor/assign-switches-routing", Fixture, NULL,
              pa_app_fixture_set_up, test_assign_switches_routing, pa_app_fixture_tear_down);
  g_test_add ("/app/agent-editor/new-agent-then-assign", Fixture, NULL,
              pa_app_fixture_set_up, test_new_agent_then_assign, pa_app_fixture_tear_down);
  g_test_add ("/app/agent-editor/assign-list-not-cut-off", Fixture, NULL,
              pa_app_fixture_set_up, test_assign_list_not_cut_off, pa_app_fixture_tear_down);
  g_test_add ("/app/agent-editor/edit-saves-and-closes", Fixture, NULL,
              pa_app_fixture_set_up, test_edit_saves_and_closes, pa_app_fixture_tear_down);

  return g_test_run ();
}
