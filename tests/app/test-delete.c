/* test-delete.c — deleting phones and agents, one row or several, with
 * Undo, against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: a real phoneadmin-provd on loopback, a real repository, the
 * real phones page in a window with a toast overlay, as in the app.
 */
#define G_LOG_DOMAIN "test-delete"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pa-delete.h"
#include "pa-mac.h"
#include "pa-phones-page.h"
#include "pa-repository.h"
#include "../server/pa-test-server.h"
#include "pa-app-fixture.h"
#include "pa-app-test.h"

typedef struct
{
  PaAppFixture  app;
  PaPhonesPage *page;
} Fixture;

/* As in the app: the phones page in a window whose toasts show. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  pa_app_fixture_set_up (&fixture->app, user_data);
  fixture->page = PA_PHONES_PAGE (pa_phones_page_new ());
  pa_phones_page_set_repository (fixture->page, fixture->app.repo);
  adw_toast_overlay_set_child (fixture->app.overlay, GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pa_app_fixture_tear_down (&fixture->app, user_data);
}

static PaResource *
save (Fixture    *fixture,
      GType       type,
      const char *json)
{
  return pa_app_fixture_save (&fixture->app, type, json);
}

static PaResource *
save_phone (Fixture    *fixture,
            const char *name,
            const char *mac,
            gint64      agent_id)
{
  g_autofree char *agent = agent_id != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, agent_id)
                                          : g_strdup ("null");
  g_autofree char *json =
    g_strdup_printf ("{\"name\":\"%s\",\"mac\":\"%s\",\"vendor\":\"yealink\","
                     "\"model\":\"yealink-t54w\",\"agent_id\":%s}", name, mac, agent);

  return save (fixture, PA_TYPE_PHONE, json);
}

static AdwMessageDialog *
message (void)
{
  return pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
message_shown (gpointer data)
{
  return message () != NULL;
}

static gboolean
message_gone (gpointer data)
{
  return message () == NULL;
}

static void
answer (const char *response)
{
  AdwMessageDialog *dialog = message ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static guint
n_on_server (Fixture    *fixture,
             const char *collection)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/%s", collection);
  g_autoptr(PaTestResponse) response = pa_test_api (fixture->app.server, "GET", path, NULL, NULL);
  JsonNode *items = json_object_get_member (pa_test_response_object (response), "items");

  return json_array_get_length (json_node_get_array (items));
}

typedef struct
{
  Fixture    *fixture;
  GType       type;
  guint       n;
} Count;

static gboolean
store_has (gpointer data)
{
  Count *count = data;

  return !pa_repository_get_loading (count->fixture->app.repo)
         && g_list_model_get_n_items (pa_repository_get_store (count->fixture->app.repo, count->type))
            == count->n;
}

static void
wait_for_count (Fixture *fixture,
                GType    type,
                guint    n)
{
  Count count = { fixture, type, n };

  pa_app_test_wait_until (store_has, &count);
}

static GtkWidget *
undo_button (Fixture *fixture)
{
  return pa_app_test_find_button (GTK_WIDGET (fixture->app.overlay), "_Undo");
}

static gboolean
undo_shown (gpointer data)
{
  return undo_button (data) != NULL;
}

static PaPhone *
phone_by_mac (Fixture    *fixture,
              const char *mac)
{
  GListModel *phones = pa_repository_get_phones (fixture->app.repo);

  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (phones, i);

      g_autofree char *compact = pa_mac_to_compact (pa_phone_get_mac (phone));

      if (g_ascii_strcasecmp (compact, mac) == 0)
        return phone;
    }
  return NULL;
}

/* An assigned phone: one question, naming the agent; no second dialog. */
static void
test_assigned_phone_one_question (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  PaResource *agent = save (fixture, PA_TYPE_AGENT, "{\"name\":\"Ann Smith\",\"extension\":\"201\"}");
  PaResource *phone = save_phone (fixture, "Reception", "805EC0555555", pa_resource_get_id (agent));
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  PaPhone *back;

  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_HARDWARE);
  g_ptr_array_add (items, phone);
  pa_delete_interactive (fixture->app.parent, fixture->app.repo, items);
  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Delete “Reception”?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message ()), "Ann Smith"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (message ()), "delete-assigned-dialog.png");
  answer ("delete");

  wait_for_count (fixture, PA_TYPE_PHONE, 0);
  g_assert_cmpuint (n_on_server (fixture, "phones"), ==, 0);
  g_assert_null (message ());   /* nothing more to answer */
  pa_app_test_wait_until (pa_app_test_not_loading, fixture->app.repo);
  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_SOFTPHONE);

  /* Undo: the phone is back, with its agent, who gets calls on it again. */
  pa_app_test_wait_until (undo_shown, fixture);
  pa_app_test_click_toast_button (GTK_WIDGET (fixture->app.overlay), "_Undo");
  wait_for_count (fixture, PA_TYPE_PHONE, 1);
  back = phone_by_mac (fixture, "805EC0555555");
  g_assert_nonnull (back);
  g_assert_cmpstr (pa_phone_get_name (back), ==, "Reception");
  g_assert_cmpint (pa_phone_get_agent_id (back), ==, pa_resource_get_id (agent));
  g_assert_cmpuint (n_on_server (fixture, "phones"), ==, 1);
  pa_app_test_wait_until (pa_app_test_not_loading, fixture->app.repo);
  g_assert_cmpint (pa_agent_get_routing (PA_AGENT (agent)), ==, PA_AGENT_ROUTING_HARDWARE);
}

/* An agent with phones: said why, and no Delete to press. */
static void
test_agent_with_phones_not_offered (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  PaResource *agent = save (fixture, PA_TYPE_AGENT, "{\"name\":\"Bo Lind\",\"extension\":\"202\"}");
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  save_phone (fixture, "Desk", "805EC0555556", pa_resource_get_id (agent));
  g_ptr_array_add (items, agent);
  pa_delete_interactive (fixture->app.parent, fixture->app.repo, items);
  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Agent Still Has Phones");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (message ()), "Bo Lind (1 phone)"));
  g_assert_false (adw_message_dialog_has_response (message (), "delete"));
  g_assert_true (adw_message_dialog_has_response (message (), "close"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (message ()), "agent-delete-refused.png");
  answer ("close");
  g_assert_cmpuint (n_on_server (fixture, "agents"), ==, 1);
}

/* Several agents: "Delete 2 Agents?", then Undo brings both back. */
static void
test_agents_undo (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  g_ptr_array_add (items, save (fixture, PA_TYPE_AGENT, "{\"name\":\"Cy\",\"extension\":\"203\"}"));
  g_ptr_array_add (items, save (fixture, PA_TYPE_AGENT, "{\"name\":\"Di\",\"extension\":\"204\"}"));
  pa_delete_interactive (fixture->app.parent, fixture->app.repo, items);
  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Delete 2 Agents?");

  /* Cancel keeps both. */
  answer ("cancel");
  g_assert_cmpuint (n_on_server (fixture, "agents"), ==, 2);

  pa_delete_interactive (fixture->app.parent, fixture->app.repo, items);
  pa_app_test_wait_until (message_shown, NULL);
  answer ("delete");
  wait_for_count (fixture, PA_TYPE_AGENT, 0);
  g_assert_cmpuint (n_on_server (fixture, "agents"), ==, 0);

  pa_app_test_wait_until (undo_shown, fixture);
  pa_app_test_click_toast_button (GTK_WIDGET (fixture->app.overlay), "_Undo");
  wait_for_count (fixture, PA_TYPE_AGENT, 2);
  g_assert_cmpuint (n_on_server (fixture, "agents"), ==, 2);
}

static GtkWidget *
focusable_row_of (GtkWidget *cell)
{
  for (GtkWidget *w = cell; w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_focusable (w))
      return w;
  return NULL;
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
  GtkWidget  *found;
} FindLabel;

static gboolean
label_shown (gpointer data)
{
  FindLabel *find = data;

  find->found = pa_app_test_find_label (find->root, find->text);
  return find->found != NULL && gtk_widget_get_mapped (find->found);
}

/* Delete on the list: all the selected rows with one question; with the
 * focus on a row outside the selection, that row (the one looked at). */
static void
test_list_delete_selected (Fixture       *fixture,
                           gconstpointer  user_data)
{
  GtkSelectionModel *selection = pa_phones_page_get_selection (fixture->page);
  FindLabel find = { GTK_WIDGET (fixture->page), "Cellar", NULL };
  g_autoptr(GtkBitset) selected = NULL;
  GtkWidget *row;

  save_phone (fixture, "Attic", "805EC0000001", 0);
  save_phone (fixture, "Basement", "805EC0000002", 0);
  save_phone (fixture, "Cellar", "805EC0000003", 0);
  pa_app_test_wait_until (label_shown, &find);

  gtk_selection_model_select_all (selection);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "phones.delete-selected", NULL));
  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Delete 3 Phones?");
  pa_app_test_maybe_screenshot (GTK_WIDGET (message ()), "delete-phones-dialog.png");
  answer ("cancel");
  pa_app_test_wait_until (message_gone, NULL);

  /* Attic selected (sorted by name: row 0), the focus on Cellar's row. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  row = focusable_row_of (find.found);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_grab_focus (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "phones.delete-selected", NULL));
  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Delete “Cellar”?");
  selected = gtk_selection_model_get_selection (selection);
  g_assert_cmpuint (gtk_bitset_get_size (selected), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (selection, 2));
  answer ("delete");
  wait_for_count (fixture, PA_TYPE_PHONE, 2);
  g_assert_null (phone_by_mac (fixture, "805EC0000003"));
  g_assert_nonnull (phone_by_mac (fixture, "805EC0000001"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add ("/app/delete/assigned-phone-one-question", Fixture, NULL,
              fixture_set_up, test_assigned_phone_one_question, fixture_tear_down);
  g_test_add ("/app/delete/agent-with-phones-not-offered", Fixture, NULL,
              fixture_set_up, test_agent_with_phones_not_offered, fixture_tear_down);
  g_test_add ("/app/delete/agents-undo", Fixture, NULL,
              fixture_set_up, test_agents_undo, fixture_tear_down);
  g_test_add ("/app/delete/list-delete-selected", Fixture, NULL,
              fixture_set_up, test_list_delete_selected, fixture_tear_down);

  return g_test_run ();
}
