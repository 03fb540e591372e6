/* test-agents-page.c — the agent search and phone count as plain functions,
 * and the Agents page over a repository filled by a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "../server/pa-test-server.h"
#include "pa-agent-actions.h"
#include "pa-agents-page.h"
#include "pa-repository.h"
#include "pa-status-badge.h"
#include "pa-app-test.h"

static PaAgent *
agent_at (GListModel *model,
          guint       position)
{
  g_autoptr(PaAgent) agent = g_list_model_get_item (model, position);

  return agent;   /* the store keeps it alive */
}

static void
collect_labels (GtkWidget *widget,
                GPtrArray *labels)
{
  if (PA_IS_STATUS_BADGE (widget))
    {
      /* Its own label inside would count it twice. */
      g_ptr_array_add (labels, g_strdup (pa_status_badge_get_label (PA_STATUS_BADGE (widget))));
      return;
    }
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (labels, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

static guint
count_shown (GtkWidget  *view,
             const char *text)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  collect_labels (view, labels);
  for (guint i = 0; i < labels->len; i++)
    n += g_strcmp0 (g_ptr_array_index (labels, i), text) == 0;
  return n;
}

/* ---- plain functions ------------------------------------------------ */

static void
test_agent_matches (void)
{
  g_autoptr(PaAgent) agent = pa_agent_new ();

  pa_agent_set_name (agent, "Chloé Dubois");
  pa_agent_set_extension (agent, "214");
  pa_agent_set_email (agent, "chloe@example.com");

  g_assert_true (pa_agent_matches (agent, NULL));
  g_assert_true (pa_agent_matches (agent, ""));
  g_assert_true (pa_agent_matches (agent, "chloé"));
  g_assert_true (pa_agent_matches (agent, "CHLOÉ DUBOIS"));
  g_assert_true (pa_agent_matches (agent, "21"));
  g_assert_true (pa_agent_matches (agent, "example.com"));
  g_assert_true (pa_agent_matches (agent, "dubois 214"));
  g_assert_false (pa_agent_matches (agent, "dubois 215"));
  g_assert_false (pa_agent_matches (agent, "martin"));

  /* No email: the other members still match, and nothing crashes. */
  pa_agent_set_email (agent, NULL);
  g_assert_false (pa_agent_matches (agent, "example"));
  g_assert_true (pa_agent_matches (agent, "214"));
}

/* ---- against a real provd ------------------------------------------- */

typedef struct
{
  PaTestServer *server;
  PaRepository *repo;
  GtkWindow    *window;
  PaAgentsPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PaClient) client = NULL;

  fixture->server = pa_test_server_new ();
  if (GPOINTER_TO_INT (data))
    {
      gint64 alice = pa_test_create (fixture->server, "agents",
                                     "{\"name\": \"Alice Martin\", \"extension\": \"201\","
                                     " \"email\": \"alice@example.com\"}");
      pa_test_create (fixture->server, "agents",
                      "{\"name\": \"Bob Nguyen\", \"extension\": \"1002\"}");
      pa_test_create (fixture->server, "agents",
                      "{\"name\": \"Carmen Ruiz\", \"extension\": \"30\","
                      " \"email\": \"carmen@example.com\"}");
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *body =
            g_strdup_printf ("{\"name\": \"Desk %u\", \"mac\": \"80:5E:C0:00:00:0%u\","
                             " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\","
                             " \"agent_id\": %" G_GINT64_FORMAT "}", i, i + 1, alice);
          pa_test_create (fixture->server, "phones", body);
        }
    }

  client = pa_client_new (fixture->server->url, fixture->server->token);
  fixture->repo = pa_repository_new (client);
  pa_app_test_refresh_sync (fixture->repo);

  fixture->page = PA_AGENTS_PAGE (pa_agents_page_new ());
  pa_agents_page_set_repository (fixture->page, fixture->repo);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 500);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  gtk_window_present (fixture->window);
  pa_app_test_wait_for_frames (5);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (fixture->page), (gpointer *) &fixture->page);
  gtk_window_destroy (fixture->window);
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &fixture->page);
  g_assert_finalize_object (fixture->repo);
  pa_test_server_free (fixture->server);
}

static GtkColumnViewColumn *
column_by_id (GtkColumnView *view,
              const char    *id)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (view), PA_TYPE_AGENTS_PAGE);
  GtkColumnViewColumn *column = pa_agents_page_get_column (PA_AGENTS_PAGE (page), id);

  g_assert_nonnull (column);
  return column;
}

static void
test_page_rows (Fixture       *fixture,
                gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (pa_agents_page_get_selection (fixture->page));
  GtkWidget *view = GTK_WIDGET (pa_agents_page_get_column_view (fixture->page));
  PaAgent *alice;

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_cmpstr (pa_agents_page_get_state (fixture->page), ==, "list");
  alice = agent_at (rows, 0);
  g_assert_cmpstr (pa_agent_get_name (alice), ==, "Alice Martin");

  /* Alice has two phones, so the server made her routing hardware. */
  g_assert_cmpuint (pa_agent_count_phones (alice, pa_repository_get_phones (fixture->repo)), ==, 2);
  g_assert_cmpuint (pa_agent_count_phones (agent_at (rows, 1),
                                           pa_repository_get_phones (fixture->repo)), ==, 0);
  g_assert_cmpuint (count_shown (view, pa_agent_routing_to_string (PA_AGENT_ROUTING_HARDWARE)),
                    ==, 1);
  g_assert_cmpuint (count_shown (view, pa_agent_routing_to_string (PA_AGENT_ROUTING_SOFTPHONE)),
                    ==, 2);
  g_assert_cmpuint (count_shown (view, "2"), ==, 1);
  g_assert_cmpuint (count_shown (view, "alice@example.com"), ==, 1);
}

static void
test_page_sort (Fixture       *fixture,
                gconstpointer  data)
{
  GtkColumnView *view = pa_agents_page_get_column_view (fixture->page);
  GListModel *rows = G_LIST_MODEL (pa_agents_page_get_selection (fixture->page));

  /* Extensions sort as numbers: 30 < 201 < 1002. */
  gtk_column_view_sort_by_column (view, column_by_id (view, "extension"), GTK_SORT_ASCENDING);
  g_assert_cmpstr (pa_agent_get_name (agent_at (rows, 0)), ==, "Carmen Ruiz");
  g_assert_cmpstr (pa_agent_get_name (agent_at (rows, 1)), ==, "Alice Martin");
  g_assert_cmpstr (pa_agent_get_name (agent_at (rows, 2)), ==, "Bob Nguyen");

  gtk_column_view_sort_by_column (view, column_by_id (view, "phones"), GTK_SORT_DESCENDING);
  g_assert_cmpstr (pa_agent_get_name (agent_at (rows, 0)), ==, "Alice Martin");

  gtk_column_view_sort_by_column (view, column_by_id (view, "name"), GTK_SORT_DESCENDING);
  g_assert_cmpstr (pa_agent_get_name (agent_at (rows, 0)), ==, "Carmen Ruiz");
}

static void
test_page_search (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (pa_agents_page_get_selection (fixture->page));

  pa_agents_page_set_search_mode (fixture->page, TRUE);
  g_assert_true (pa_agents_page_get_search_mode (fixture->page));

  pa_agents_page_set_query (fixture->page, "example.com");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  pa_agents_page_set_query (fixture->page, "1002");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpstr (pa_agent_get_name (agent_at (rows, 0)), ==, "Bob Nguyen");
  pa_agents_page_set_query (fixture->page, "zzz");
  g_assert_cmpstr (pa_agents_page_get_state (fixture->page), ==, "no-results");
  pa_agents_page_set_query (fixture->page, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
}

static void
test_page_live_update (Fixture       *fixture,
                       gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (pa_agents_page_get_selection (fixture->page));
  GtkWidget *view = GTK_WIDGET (pa_agents_page_get_column_view (fixture->page));
  PaAgent *bob = agent_at (rows, 1);
  g_autofree char *path = g_strdup_printf ("/api/v1/agents/%" G_GINT64_FORMAT,
                                           pa_resource_get_id (PA_RESOURCE (bob)));
  g_autofree char *etag = g_strdup_printf ("\"%" G_GINT64_FORMAT "\"",
                                           pa_resource_get_revision (PA_RESOURCE (bob)));
  g_autoptr(PaTestResponse) response = NULL;

  g_assert_cmpstr (pa_agent_get_name (bob), ==, "Bob Nguyen");
  response = pa_test_api (fixture->server, "PUT", path,
                          "{\"name\": \"Bob Nguyen-Smith\", \"extension\": \"1002\"}", etag);
  g_assert_cmpuint (response->status, ==, 200);

  pa_app_test_refresh_sync (fixture->repo);
  pa_app_test_wait_for_frames (3);
  g_assert_true (agent_at (rows, 1) == bob);
  g_assert_cmpstr (pa_agent_get_name (bob), ==, "Bob Nguyen-Smith");
  g_assert_cmpuint (count_shown (view, "Bob Nguyen-Smith"), ==, 1);
}

static void
test_page_empty (Fixture       *fixture,
                 gconstpointer  data)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pa_agents_page_get_selection (fixture->page))),
                    ==, 0);
  g_assert_cmpstr (pa_agents_page_get_state (fixture->page), ==, "empty");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add_func ("/app/agents-page/matches", test_agent_matches);
  g_test_add ("/app/agents-page/rows", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_rows, fixture_tear_down);
  g_test_add ("/app/agents-page/sort", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_sort, fixture_tear_down);
  g_test_add ("/app/agents-page/search", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_search, fixture_tear_down);
  g_test_add ("/app/agents-page/live-update", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_live_update, fixture_tear_down);
  g_test_add ("/app/agents-page/empty", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_page_empty, fixture_tear_down);

  return g_test_run ();
}
