/* test-phones-page.c — the phone search as a plain function, and the Phones
 * page over a repository filled by a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "../server/pa-test-server.h"
#include "pa-list-page.h"
#include "pa-phone-filter.h"
#include "pa-phones-export.h"
#include "pa-phones-page.h"
#include "pa-repository.h"
#include "pa-status-badge.h"
#include "pa-app-test.h"

/* ---- helpers -------------------------------------------------------- */

static gint64
create_agent (PaTestServer *server,
              const char   *name,
              const char   *extension)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"extension\": \"%s\"}",
                                           name, extension);
  return pa_test_create (server, "agents", body);
}

static gint64
create_phone (PaTestServer *server,
              const char   *name,
              const char   *mac,
              const char   *vendor,
              const char   *model,
              gint64        agent_id)
{
  g_autofree char *agent = agent_id ? g_strdup_printf ("%" G_GINT64_FORMAT, agent_id)
                                    : g_strdup ("null");
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"mac\": \"%s\", \"vendor\": \"%s\","
                                           " \"model\": \"%s\", \"agent_id\": %s}",
                                           name, mac, vendor, model, agent);
  return pa_test_create (server, "phones", body);
}

static PaRepository *
repository_for (PaTestServer *server)
{
  g_autoptr(PaClient) client = pa_client_new (server->url, server->token);

  return pa_repository_new (client);
}

static PaPhone *
phone_at (GListModel *model,
          guint       position)
{
  g_autoptr(PaPhone) phone = g_list_model_get_item (model, position);

  return phone;   /* the store keeps it alive */
}

static void
collect_badges (GtkWidget *widget,
                GPtrArray *labels)
{
  if (PA_IS_STATUS_BADGE (widget) && gtk_widget_get_visible (widget))
    g_ptr_array_add (labels, g_strdup (pa_status_badge_get_label (PA_STATUS_BADGE (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_badges (child, labels);
}

static gboolean
view_shows_badge (GtkWidget  *view,
                  const char *label)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  collect_badges (view, labels);
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_ptr_array_index (labels, i), label) == 0)
      return TRUE;
  return FALSE;
}

/* A phone fetching its config as a real Yealink would. */
static void
fetch_config_as_phone (PaTestServer *server,
                       PaPhone      *phone)
{
  g_autofree char *compact = pa_mac_to_compact (pa_phone_get_mac (phone));
  g_autofree char *path = g_strdup_printf ("/p/%s/%s.cfg", pa_phone_get_token (phone), compact);
  g_autofree char *ua = g_strdup_printf ("Yealink SIP-T54W 96.86.0.100 %s", pa_phone_get_mac (phone));
  const char *headers[] = { "User-Agent", ua, NULL };
  g_autoptr(PaTestResponse) response = NULL;

  response = pa_test_request (server, "GET", path, NULL, NULL, 0, FALSE, headers);
  g_assert_cmpuint (response->status, ==, 200);
}

/* ---- pa_phone_matches, no widgets ----------------------------------- */

static PaPhone *
make_phone (const char *name,
            const char *mac,
            const char *vendor,
            const char *model)
{
  PaPhone *phone = pa_phone_new ();

  pa_phone_set_name (phone, name);
  pa_phone_set_mac (phone, mac);
  pa_phone_set_vendor (phone, vendor);
  pa_phone_set_model (phone, model);
  return phone;
}

static void
test_matches_mac_spellings (void)
{
  g_autoptr(PaPhone) phone = make_phone ("Reception", "80:5E:C0:12:34:56", "yealink",
                                         "yealink-t54w");
  static const char * const hits[] = {
    "80:5E:C0:12:34:56", "80:5e:c0:12:34:56", "805ec0123456", "805EC0123456",
    "80-5E-C0-12-34-56", "805e.c012.3456", "12:34:56", "c0-12", "3456", "80 5e c0",
  };
  static const char * const misses[] = {
    "80:5E:C0:12:34:57", "654321", "12:34:56:78", "0x805e", "ab:cd",
  };

  for (guint i = 0; i < G_N_ELEMENTS (hits); i++)
    {
      g_test_message ("query %s", hits[i]);
      g_assert_true (pa_phone_matches (phone, hits[i], NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (misses); i++)
    {
      g_test_message ("query %s", misses[i]);
      g_assert_false (pa_phone_matches (phone, misses[i], NULL));
    }
}

static void
test_matches_text (void)
{
  g_autoptr(PaPhone) phone = make_phone ("Front Desk", "00:04:F2:AA:BB:CC", "polycom",
                                         "polycom-vvx450");

  /* Empty and blank queries match everything. */
  g_assert_true (pa_phone_matches (phone, NULL, NULL));
  g_assert_true (pa_phone_matches (phone, "", NULL));
  g_assert_true (pa_phone_matches (phone, "   ", NULL));

  /* Name, any case, and every word must match somewhere. */
  g_assert_true (pa_phone_matches (phone, "front", NULL));
  g_assert_true (pa_phone_matches (phone, "FRONT DESK", NULL));
  g_assert_true (pa_phone_matches (phone, "desk vvx", NULL));
  g_assert_false (pa_phone_matches (phone, "desk yealink", NULL));
  g_assert_false (pa_phone_matches (phone, "reception", NULL));

  /* Model: the catalog id, the display name and the brand. */
  g_assert_true (pa_phone_matches (phone, "vvx450", NULL));
  g_assert_true (pa_phone_matches (phone, "VVX 450", NULL));
  g_assert_true (pa_phone_matches (phone, "polycom", NULL));
  g_assert_false (pa_phone_matches (phone, "t54w", NULL));

  /* "Desk" holds the hex digits d, e but is not a MAC query: "de" as a
   * word is both, and the MAC has no "de". */
  g_assert_false (pa_phone_matches (phone, "dead", NULL));
  g_assert_true (pa_phone_matches (phone, "aabbcc", NULL));
  g_assert_true (pa_phone_matches (phone, "AA-BB", NULL));
}

/* Searching compares ASCII without folding a copy first; what folding
 * does beyond ASCII still matches as before. */
static void
test_matches_folding (void)
{
  g_autoptr(PaPhone) phone = make_phone ("Straße Ärztehaus 7", "00:04:F2:AA:BB:CC", "polycom",
                                         "polycom-vvx450");
  g_autoptr(PaPhone) kelvin = make_phone ("\u212A-Lab", NULL, "yealink", "yealink-t54w");
  g_autofree char *a_umlaut = g_utf8_casefold ("Ä", -1);

  g_assert_true (pa_search_contains_folded ("Front Desk", "nt de"));
  g_assert_false (pa_search_contains_folded ("Front Desk", "nt  de"));
  g_assert_true (pa_search_contains_folded ("Front Desk", "k"));
  g_assert_false (pa_search_contains_folded ("Front Desk", "desks"));
  g_assert_false (pa_search_contains_folded ("", "a"));
  g_assert_false (pa_search_contains_folded (NULL, "a"));
  g_assert_true (pa_search_contains_folded ("AAAB", "aab"));
  g_assert_true (pa_search_contains_folded ("x", ""));

  g_assert_true (pa_phone_matches (phone, "STRASSE", NULL));
  g_assert_true (pa_phone_matches (phone, "straße", NULL));
  g_assert_true (pa_phone_matches (phone, "ärzte", NULL));
  g_assert_true (pa_phone_matches (phone, "ÄRZTEHAUS 7", NULL));
  g_assert_true (pa_search_contains_folded ("Ärztehaus", a_umlaut));
  g_assert_false (pa_phone_matches (phone, "arzte", NULL));
  /* KELVIN SIGN folds to an ASCII k. */
  g_assert_true (pa_phone_matches (kelvin, "k-lab", NULL));
}

static void
test_model_display (void)
{
  g_autoptr(PaPhone) known = make_phone ("a", "80:5E:C0:12:34:56", "yealink", "yealink-t54w");
  g_autoptr(PaPhone) unknown = make_phone ("b", "80:5E:C0:12:34:57", "acme", "acme-x1");
  g_autofree char *known_text = pa_phone_dup_model_display (known);
  g_autofree char *unknown_text = pa_phone_dup_model_display (unknown);

  g_assert_cmpstr (known_text, ==, "Yealink T54W");
  g_assert_cmpstr (unknown_text, ==, "acme acme-x1");
}

static void
test_format_last_seen (void)
{
  gint64 now = 1700000000;
  g_autofree char *never = pa_format_last_seen (0, now);
  g_autofree char *just_now = pa_format_last_seen (now - 30, now);
  g_autofree char *future = pa_format_last_seen (now + 30, now);
  g_autofree char *minutes = pa_format_last_seen (now - 5 * 60, now);
  g_autofree char *hours = pa_format_last_seen (now - 3 * 3600 - 10, now);
  g_autofree char *old = pa_format_last_seen (now - 40 * 86400, now);

  g_assert_cmpstr (never, ==, "Never");
  g_assert_cmpstr (just_now, ==, "Just now");
  g_assert_cmpstr (future, ==, "Just now");
  g_assert_cmpstr (minutes, ==, "5 minutes ago");
  g_assert_cmpstr (hours, ==, "3 hours ago");
  /* Older than a day: a date, never a relative phrase. */
  g_assert_null (strstr (old, "ago"));
  g_assert_cmpuint (strlen (old), >, 5);
}

static void
test_status_labels (void)
{
  g_assert_cmpstr (pa_phone_status_to_label (PA_PHONE_STATUS_PENDING), ==, "Pending");
  g_assert_cmpstr (pa_phone_status_to_label (PA_PHONE_STATUS_PROVISIONING), ==, "Provisioning");
  g_assert_cmpstr (pa_phone_status_to_label (PA_PHONE_STATUS_REGISTERED), ==, "Registered");
  g_assert_cmpstr (pa_phone_status_to_label (PA_PHONE_STATUS_ONLINE), ==, "Online");
  g_assert_cmpstr (pa_phone_status_to_label (PA_PHONE_STATUS_OFFLINE), ==, "Offline");
  g_assert_cmpstr (pa_phone_status_to_label (PA_PHONE_STATUS_DISABLED), ==, "Disabled");
  /* Working and broken must not look alike. */
  g_assert_cmpint (pa_phone_status_to_style (PA_PHONE_STATUS_ONLINE), !=,
                   pa_phone_status_to_style (PA_PHONE_STATUS_OFFLINE));
  g_assert_cmpint (pa_phone_status_to_style (PA_PHONE_STATUS_ONLINE), ==, PA_BADGE_STYLE_SUCCESS);
  g_assert_cmpint (pa_phone_status_to_style (PA_PHONE_STATUS_OFFLINE), ==, PA_BADGE_STYLE_ERROR);

  /* A phone switched off shows Disabled whatever the server last saw. */
  {
    g_autoptr(PaPhone) phone = make_phone ("a", "80:5E:C0:12:34:56", "yealink", "yealink-t54w");

    pa_phone_set_status (phone, PA_PHONE_STATUS_ONLINE);
    g_assert_cmpint (pa_phone_get_display_status (phone), ==, PA_PHONE_STATUS_ONLINE);
    pa_phone_set_enabled (phone, FALSE);
    g_assert_cmpint (pa_phone_get_display_status (phone), ==, PA_PHONE_STATUS_DISABLED);
  }
}

/* ---- against a real provd ------------------------------------------- */

/* Fixture data: 0 no phones, 1 three phones, WITHOUT_SIP_SERVER the same
 * phones on a provd with no default SIP server. */
#define WITHOUT_SIP_SERVER 2

typedef struct
{
  PaTestServer *server;
  PaRepository *repo;
  gint64        alice;
  gint64        bob;
  GtkWindow    *window;
  PaPhonesPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean with_phones = GPOINTER_TO_INT (data) != 0;

  if (GPOINTER_TO_INT (data) == WITHOUT_SIP_SERVER)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
      g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);

      /* No default SIP server: phones whose accounts name none cannot work. */
      g_assert_no_error (error);
      g_file_set_contents (config, "[server]\npublic-url=http://prov.example:8670\n", -1, &error);
      g_assert_no_error (error);
      fixture->server = pa_test_server_new_full (dir, config);
    }
  else
    fixture->server = pa_test_server_new ();
  if (with_phones)
    {
      fixture->alice = create_agent (fixture->server, "Alice Martin", "201");
      fixture->bob = create_agent (fixture->server, "Bob Nguyen", "202");
      create_phone (fixture->server, "Reception", "80:5E:C0:00:00:02", "yealink", "yealink-t54w",
                    fixture->alice);
      create_phone (fixture->server, "Boardroom", "00-04-F2-00-00-01", "polycom",
                    "polycom-vvx450", 0);
      create_phone (fixture->server, "Warehouse", "000b82000003", "grandstream",
                    "grandstream-gxp2170", fixture->bob);
    }

  fixture->repo = repository_for (fixture->server);
  pa_app_test_refresh_sync (fixture->repo);

  fixture->page = PA_PHONES_PAGE (pa_phones_page_new ());
  pa_phones_page_set_repository (fixture->page, fixture->repo);
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1100, 600);
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

static void
test_page_rows (Fixture       *fixture,
                gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (pa_phones_page_get_selection (fixture->page));

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_cmpstr (pa_phones_page_get_state (fixture->page), ==, "list");

  /* Sorted by name at first. */
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 0)), ==, "Boardroom");
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 2)), ==, "Warehouse");

  /* The agent column knows the agent's name, the search does too. */
  g_assert_true (pa_phone_matches (phone_at (rows, 1), "alice", fixture->repo));
  g_assert_false (pa_phone_matches (phone_at (rows, 0), "alice", fixture->repo));
  g_assert_true (view_shows_badge (GTK_WIDGET (pa_phones_page_get_column_view (fixture->page)),
                                   "Unassigned"));
  g_assert_true (view_shows_badge (GTK_WIDGET (pa_phones_page_get_column_view (fixture->page)),
                                   "Pending"));

  /* The page holds no copy: the rows are the repository's objects. */
  {
    GListModel *store = pa_repository_get_phones (fixture->repo);
    gboolean found = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (store); i++)
      found |= phone_at (store, i) == phone_at (rows, 0);
    g_assert_true (found);
  }
}

static GtkColumnViewColumn *
column_by_id (GtkColumnView *view,
              const char    *id)
{
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (view), PA_TYPE_PHONES_PAGE);
  GtkColumnViewColumn *column = pa_phones_page_get_column (PA_PHONES_PAGE (page), id);

  g_assert_nonnull (column);
  return column;
}

static void
test_page_sort (Fixture       *fixture,
                gconstpointer  data)
{
  GtkColumnView *view = pa_phones_page_get_column_view (fixture->page);
  GListModel *rows = G_LIST_MODEL (pa_phones_page_get_selection (fixture->page));
  GListModel *columns = gtk_column_view_get_columns (view);

  /* Every column can sort. */
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      g_assert_nonnull (gtk_column_view_column_get_sorter (column));
    }

  gtk_column_view_sort_by_column (view, column_by_id (view, "mac"), GTK_SORT_DESCENDING);
  g_assert_cmpstr (pa_phone_get_mac (phone_at (rows, 0)), ==, "80:5E:C0:00:00:02");
  g_assert_cmpstr (pa_phone_get_mac (phone_at (rows, 2)), ==, "00:04:F2:00:00:01");

  gtk_column_view_sort_by_column (view, column_by_id (view, "model"), GTK_SORT_ASCENDING);
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 0)), ==, "Warehouse");   /* Grandstream */
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 2)), ==, "Reception");   /* Yealink */

  /* Unassigned sorts last; Alice before Bob. */
  gtk_column_view_sort_by_column (view, column_by_id (view, "agent"), GTK_SORT_ASCENDING);
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 0)), ==, "Reception");
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 1)), ==, "Warehouse");
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 2)), ==, "Boardroom");
}

static void
test_page_search (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (pa_phones_page_get_selection (fixture->page));

  g_assert_false (pa_phones_page_get_search_mode (fixture->page));
  pa_phones_page_set_search_mode (fixture->page, TRUE);
  g_assert_true (pa_phones_page_get_search_mode (fixture->page));

  pa_phones_page_set_query (fixture->page, "ware");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 0)), ==, "Warehouse");

  pa_phones_page_set_query (fixture->page, "80-5e-c0-00-00-02");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 0)), ==, "Reception");

  pa_phones_page_set_query (fixture->page, "BOB");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 0)), ==, "Warehouse");

  pa_phones_page_set_query (fixture->page, "vvx450");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);

  pa_phones_page_set_query (fixture->page, "nothing-like-this");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_cmpstr (pa_phones_page_get_state (fixture->page), ==, "no-results");

  pa_phones_page_set_query (fixture->page, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  g_assert_cmpstr (pa_phones_page_get_state (fixture->page), ==, "list");
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, text);
}

static gboolean
view_shows_text (GtkWidget  *view,
                 const char *text)
{
  g_autoptr(GString) shown = g_string_new ("\n");
  g_autofree char *line = g_strdup_printf ("\n%s\n", text);

  collect_labels (view, shown);
  return strstr (shown->str, line) != NULL;
}

/* A firmware uploaded for a phone's model, newer than what the phone said
 * it runs: its row says so; a correction that makes it older takes it back. */
static void
test_page_firmware_available (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkColumnView *view = pa_phones_page_get_column_view (fixture->page);
  GListModel *rows = G_LIST_MODEL (pa_phones_page_get_selection (fixture->page));
  g_autoptr(PaTestResponse) uploaded = NULL;
  g_autoptr(PaTestResponse) corrected = NULL;
  g_autofree char *path = NULL;
  PaPhone *reception = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    if (g_strcmp0 (pa_phone_get_name (phone_at (rows, i)), "Reception") == 0)
      reception = phone_at (rows, i);
  g_assert_nonnull (reception);
  /* Wide enough for the firmware column, which a narrow window drops. */
  pa_app_test_resize_window (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (view))), 1600, 600);
  fetch_config_as_phone (fixture->server, reception);   /* it runs 96.86.0.100 */
  uploaded = pa_test_request (fixture->server, "POST",
                              "/api/v1/firmware/upload?vendor=yealink&models=yealink-t54w"
                              "&version=96.86.0.150&filename=T54W-96.86.0.150.rom",
                              "application/octet-stream", "image", 5, TRUE, NULL);
  g_assert_cmpuint (uploaded->status, ==, 201);
  pa_app_test_refresh_sync (fixture->repo);
  pa_app_test_wait_for_frames (3);
  g_assert_true (view_shows_text (GTK_WIDGET (view), "96.86.0.100 · 96.86.0.150 available"));

  path = g_strdup_printf ("/api/v1/firmware/%" G_GINT64_FORMAT,
                          json_object_get_int_member (pa_test_response_object (uploaded), "id"));
  corrected = pa_test_api (fixture->server, "PATCH", path, "{\"version\": \"96.86.0.99\"}", "*");
  g_assert_cmpuint (corrected->status, ==, 200);
  pa_app_test_refresh_sync (fixture->repo);
  pa_app_test_wait_for_frames (3);
  g_assert_true (view_shows_text (GTK_WIDGET (view), "96.86.0.100"));
  g_assert_false (view_shows_text (GTK_WIDGET (view), "96.86.0.100 · 96.86.0.150 available"));
}

static void
count_changed (guint *count)
{
  (*count)++;
}

static void
test_page_live_update (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkColumnView *view = pa_phones_page_get_column_view (fixture->page);
  GListModel *rows = G_LIST_MODEL (pa_phones_page_get_selection (fixture->page));
  PaPhone *reception = NULL;
  guint n_provisioning = 0;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    if (g_strcmp0 (pa_phone_get_name (phone_at (rows, i)), "Reception") == 0)
      reception = phone_at (rows, i);
  g_assert_nonnull (reception);
  g_object_add_weak_pointer (G_OBJECT (reception), (gpointer *) &reception);
  g_assert_cmpint (pa_phone_get_status (reception), ==, PA_PHONE_STATUS_PENDING);
  g_assert_false (view_shows_badge (GTK_WIDGET (view), "Provisioning"));

  fetch_config_as_phone (fixture->server, reception);
  pa_app_test_refresh_sync (fixture->repo);
  pa_app_test_wait_for_frames (3);

  /* Same object, updated in place, and the row says so. */
  g_assert_nonnull (reception);
  g_assert_cmpint (pa_phone_get_status (reception), ==, PA_PHONE_STATUS_PROVISIONING);
  g_assert_cmpstr (pa_phone_get_firmware (reception), ==, "96.86.0.100");
  g_assert_true (view_shows_badge (GTK_WIDGET (view), "Provisioning"));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    n_provisioning += pa_phone_get_status (phone_at (rows, i)) == PA_PHONE_STATUS_PROVISIONING;
  g_assert_cmpuint (n_provisioning, ==, 1);
  g_object_remove_weak_pointer (G_OBJECT (reception), (gpointer *) &reception);

  /* Sorting by status follows the change after the merge. */
  gtk_column_view_sort_by_column (view, column_by_id (view, "status"), GTK_SORT_DESCENDING);
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 0)), ==, "Reception");

  /* Sorted by name, a rename merged in place moves its row: a refresh
   * that changed objects in place sorts again. One that changed nothing
   * does not (at 100,000 phones that sort stalled the window). */
  {
    GtkSorter *sorter = gtk_column_view_column_get_sorter (column_by_id (view, "name"));
    guint n = g_list_model_get_n_items (rows);
    PaPhone *last;
    g_autofree char *path = NULL;
    g_autoptr(PaTestResponse) renamed = NULL;
    guint sorts = 0;

    gtk_column_view_sort_by_column (view, column_by_id (view, "name"), GTK_SORT_ASCENDING);
    last = phone_at (rows, n - 1);
    g_signal_connect_swapped (sorter, "changed", G_CALLBACK (count_changed), &sorts);
    pa_app_test_refresh_sync (fixture->repo);
    g_assert_cmpuint (sorts, ==, 0);

    path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                            pa_resource_get_id (PA_RESOURCE (last)));
    renamed = pa_test_api (fixture->server, "PATCH", path, "{\"name\": \"Aardvark\"}", "*");
    g_assert_cmpuint (renamed->status, ==, 200);
    pa_app_test_refresh_sync (fixture->repo);
    g_assert_cmpuint (sorts, >, 0);
    g_assert_true (phone_at (rows, 0) == last);
    g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 0)), ==, "Aardvark");
    g_signal_handlers_disconnect_by_func (sorter, count_changed, &sorts);
  }
}

/* Phones the server will not serve (a line without a SIP server) say so in
 * the list, with the reason as tooltip and accessible description; once a
 * SIP server is set, the row goes back to the phone's status. */
static void
test_page_needs_attention (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkColumnView *view = pa_phones_page_get_column_view (fixture->page);
  GListModel *rows = G_LIST_MODEL (pa_phones_page_get_selection (fixture->page));
  g_autoptr(PaTestResponse) patched = NULL;
  g_autofree char *path = NULL;
  PaPhone *reception = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      PaPhone *phone = phone_at (rows, i);

      g_assert_cmpuint (g_strv_length ((char **) pa_phone_get_attention (phone)), ==, 1);
      if (g_strcmp0 (pa_phone_get_name (phone), "Reception") == 0)
        reception = phone;
    }
  g_assert_nonnull (reception);
  g_assert_true (view_shows_badge (GTK_WIDGET (view), "Needs Attention"));
  g_assert_false (view_shows_badge (GTK_WIDGET (view), "Pending"));

  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                          pa_resource_get_id (PA_RESOURCE (reception)));
  patched = pa_test_api (fixture->server, "PATCH", path,
                         "{\"sip_server\": \"pbx.example.com\"}", "*");
  g_assert_cmpuint (patched->status, ==, 200);
  pa_app_test_refresh_sync (fixture->repo);
  pa_app_test_wait_for_frames (3);

  g_assert_cmpuint (g_strv_length ((char **) pa_phone_get_attention (reception)), ==, 0);
  g_assert_true (view_shows_badge (GTK_WIDGET (view), "Pending"));
  g_assert_true (view_shows_badge (GTK_WIDGET (view), "Needs Attention"));
}

static void
test_page_added_and_removed (Fixture       *fixture,
                             gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (pa_phones_page_get_selection (fixture->page));

  create_phone (fixture->server, "Kitchen", "0C:38:3E:00:00:09", "fanvil", "fanvil-x4u", 0);
  pa_app_test_refresh_sync (fixture->repo);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 1)), ==, "Kitchen");
}

static void
test_page_empty (Fixture       *fixture,
                 gconstpointer  data)
{
  GListModel *rows = G_LIST_MODEL (pa_phones_page_get_selection (fixture->page));

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);
  g_assert_cmpstr (pa_phones_page_get_state (fixture->page), ==, "empty");

  /* The first phone replaces the empty state. */
  create_phone (fixture->server, "First", "80:5E:C0:00:00:01", "yealink", "yealink-t31p", 0);
  pa_app_test_refresh_sync (fixture->repo);
  g_assert_cmpstr (pa_phones_page_get_state (fixture->page), ==, "list");
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_is_sensitive (widget);
}

static gboolean
is_insensitive (gpointer widget)
{
  return !gtk_widget_is_sensitive (widget);
}

/* Export to CSV writes the list as shown: searched, in its sort order,
 * with the view's column titles and cell text. */
static void
test_page_export (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkColumnView *view = pa_phones_page_get_column_view (fixture->page);
  GListModel *rows = G_LIST_MODEL (pa_phones_page_get_selection (fixture->page));
  /* Where the window's header bar has the menu item: outside the page. */
  GtkWidget *header_item = gtk_button_new_with_label ("Export");
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("pa-export-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "phones.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  create_phone (fixture->server, "Warehouse North, Dock 3", "00:0B:82:00:00:04", "grandstream",
                "grandstream-gxp2170", 0);
  create_phone (fixture->server, "Warehouse South", "80:5E:C0:00:00:05", "yealink",
                "yealink-t46u", fixture->alice);
  pa_app_test_refresh_sync (fixture->repo);

  /* Beside the page, as the window's header bar is; moving the page
   * there takes it out of the window and back. */
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

    g_object_ref (fixture->page);
    gtk_window_set_child (fixture->window, NULL);
    gtk_box_append (GTK_BOX (box), header_item);
    gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->page));
    gtk_widget_set_vexpand (GTK_WIDGET (fixture->page), TRUE);
    gtk_window_set_child (fixture->window, box);
    g_object_unref (fixture->page);
  }
  gtk_actionable_set_action_name (GTK_ACTIONABLE (header_item), "phones.export-csv");
  pa_app_test_wait_until (is_sensitive, header_item);

  /* Searched and sorted as a user would: Reception and Boardroom are
   * not shown, and the warehouses come last name first. */
  pa_phones_page_set_search_mode (fixture->page, TRUE);
  pa_phones_page_set_query (fixture->page, "ware");
  gtk_column_view_sort_by_column (view, column_by_id (view, "name"), GTK_SORT_DESCENDING);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 3);

  pa_phones_export_async (fixture->page, file, NULL, pa_app_test_store_result_cb, &result);
  pa_app_test_wait_until (pa_app_test_result_arrived, &result);
  g_assert_cmpint (pa_phones_export_finish (fixture->page, result, &error), ==, 3);
  g_assert_no_error (error);

  g_file_get_contents (path, &csv, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%s", csv);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);   /* a header, 3 phones, after the last CRLF */
  g_assert_cmpstr (lines[0], ==, "Name,MAC Address,Model,Agent,Status,IP Address,Firmware,Last Seen");
  g_assert_cmpstr (lines[1], ==, "Warehouse South,80:5E:C0:00:00:05,Yealink T46U,Alice Martin,Pending,,,");
  g_assert_cmpstr (lines[2], ==, "\"Warehouse North, Dock 3\",00:0B:82:00:00:04,Grandstream GXP2170,,Pending,,,");
  g_assert_cmpstr (lines[3], ==, "Warehouse,00:0B:82:00:00:03,Grandstream GXP2170,Bob Nguyen,Pending,,,");
  g_assert_cmpstr (lines[4], ==, "");
  g_assert_null (strstr (csv, "Reception"));
  g_assert_null (strstr (csv, "Boardroom"));

  /* Each row says what its cells say. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (rows, i);
      g_autofree char *model = pa_phones_page_dup_cell_text (fixture->page, phone, 2, 0);

      g_assert_nonnull (strstr (lines[i + 1], model));
    }

  /* Nothing shown, nothing to export: the menu item goes off. */
  pa_phones_page_set_query (fixture->page, "nothing-like-this");
  pa_app_test_wait_until (is_insensitive, header_item);
  pa_phones_page_set_query (fixture->page, "");
  pa_app_test_wait_until (is_sensitive, header_item);

  g_unlink (path);
  g_rmdir (folder);
}

static void
test_page_no_repository (void)
{
  GtkWidget *page = g_object_ref_sink (pa_phones_page_new ());

  g_assert_cmpstr (pa_phones_page_get_state (PA_PHONES_PAGE (page)), ==, "loading");
  g_assert_null (pa_phones_page_get_repository (PA_PHONES_PAGE (page)));
  g_assert_finalize_object (page);
}

/* A list given whole is sorted in steps between frames: the page says
 * "loading" until the rows are in order, then its view is told of them a
 * screenful at a time, and every row is in order. 6,000
 * phones (from 5,000 it sorts in steps), imported in one CSV, named in the
 * opposite order to their ids ("Desk 9" after "Desk 10" by id, before it
 * by name). */
static void
test_page_sorted_in_steps (void)
{
  const guint n = 6000;
  PaTestServer *server = pa_test_server_new ();
  g_autoptr(GString) csv = g_string_new ("MAC,Model,Name\n");
  g_autoptr(PaTestResponse) response = NULL;
  g_autoptr(PaRepository) repo = NULL;
  PaPhonesPage *page;
  GtkWindow *window;
  GListModel *rows;
  gboolean saw_loading = FALSE;

  for (guint i = n; i > 0; i--)
    g_string_append_printf (csv, "80:5E:C0:%02X:%02X:%02X,Yealink T54W,Desk %u\n",
                            (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff, i);
  response = pa_test_request (server, "POST", "/api/v1/phones/import", "text/csv", csv->str,
                              csv->len, TRUE, NULL);
  g_assert_cmpuint (response->status, ==, 201);

  repo = repository_for (server);
  pa_app_test_refresh_sync (repo);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_phones (repo)), ==, n);

  page = PA_PHONES_PAGE (pa_phones_page_new ());
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1100, 600);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  pa_phones_page_set_repository (page, repo);

  rows = G_LIST_MODEL (pa_phones_page_get_selection (page));
  while (g_strcmp0 (pa_phones_page_get_state (page), "list") != 0)
    {
      g_assert_cmpstr (pa_phones_page_get_state (page), ==, "loading");
      saw_loading = TRUE;
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (saw_loading);
  /* Then the view hears of the rows a screenful at a time (its rows are
   * made over several frames), and soon of all. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), <, 100);
  g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);
  while (g_list_model_get_n_items (rows) < n)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Desk %u", i + 1);

      if (g_strcmp0 (pa_phone_get_name (phone_at (rows, i)), name) != 0)
        g_error ("row %u is “%s”, not “%s”", i, pa_phone_get_name (phone_at (rows, i)), name);
    }

  /* Later changes are sorted as they come: a rename moves its row at once. */
  pa_phone_set_name (phone_at (pa_repository_get_phones (repo), 0), "Desk 0");
  gtk_sorter_changed (gtk_column_view_get_sorter (pa_phones_page_get_column_view (page)),
                      GTK_SORTER_CHANGE_DIFFERENT);
  g_assert_cmpstr (pa_phone_get_name (phone_at (rows, 0)), ==, "Desk 0");
  g_assert_cmpstr (pa_phones_page_get_state (page), ==, "list");

  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  gtk_window_destroy (window);
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &page);
  g_assert_finalize_object (g_steal_pointer (&repo));
  pa_test_server_free (server);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add_func ("/app/phone-filter/mac-spellings", test_matches_mac_spellings);
  g_test_add_func ("/app/phone-filter/text", test_matches_text);
  g_test_add_func ("/app/phone-filter/matches-folding", test_matches_folding);
  g_test_add_func ("/app/phone-filter/model-display", test_model_display);
  g_test_add_func ("/app/phone-filter/last-seen", test_format_last_seen);
  g_test_add_func ("/app/phone-filter/status-labels", test_status_labels);
  g_test_add_func ("/app/phones-page/no-repository", test_page_no_repository);
  g_test_add ("/app/phones-page/needs-attention", Fixture, GINT_TO_POINTER (WITHOUT_SIP_SERVER),
              fixture_set_up, test_page_needs_attention, fixture_tear_down);
  g_test_add ("/app/phones-page/rows", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_rows, fixture_tear_down);
  g_test_add ("/app/phones-page/sort", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_sort, fixture_tear_down);
  g_test_add_func ("/app/phones-page/sorted-in-steps", test_page_sorted_in_steps);
  g_test_add ("/app/phones-page/search", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_search, fixture_tear_down);
  g_test_add ("/app/phones-page/firmware-available", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_firmware_available, fixture_tear_down);
  g_test_add ("/app/phones-page/live-update", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_live_update, fixture_tear_down);
  g_test_add ("/app/phones-page/added", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_added_and_removed, fixture_tear_down);
  g_test_add ("/app/phones-page/export", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_page_export, fixture_tear_down);
  g_test_add ("/app/phones-page/empty", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_page_empty, fixture_tear_down);

  return g_test_run ();
}
