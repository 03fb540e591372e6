/* test-discovered-page.c — the Discovered section against the real provd:
 * a phone asks the bootstrap URL, the page lists it with its brand and
 * model, Adopt opens the phone editor filled in, and the saved phone
 * leaves the list; Ignore hides one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "../server/pa-test-server.h"
#include "pa-app-test.h"
#include "pa-discovered-page.h"
#include "pa-phone-editor.h"

#define TIMEOUT_S 30

typedef struct
{
  PaTestServer     *server;
  PaRepository     *repo;
  GtkWindow        *window;
  PaDiscoveredPage *page;
  char             *bootstrap;   /* the path, "/p/<site key>/" */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PaTestResponse) info = NULL;
  const char *url;

  f->server = pa_test_server_new ();
  f->repo = pa_app_test_repository_new (f->server->url, f->server->token);
  info = pa_test_api (f->server, "GET", "/api/v1", NULL, NULL);
  url = json_object_get_string_member (pa_test_response_object (info), "bootstrap_url");
  f->bootstrap = g_strdup (strstr (url, "/p/"));

  f->page = g_object_new (PA_TYPE_DISCOVERED_PAGE, NULL);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 600);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  pa_app_test_close_all_dialogs ();
  gtk_window_destroy (f->window);
  g_clear_object (&f->repo);
  g_clear_pointer (&f->server, pa_test_server_free);
  g_free (f->bootstrap);
}

static gboolean
page_idle (gpointer data)
{
  return !pa_discovered_page_get_busy (data);
}

static void
refresh (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->page), "discovered.refresh", NULL);
  pa_app_test_wait_until_seconds (page_idle, f->page, TIMEOUT_S);
}

/* A phone on its first boot, asking the bootstrap URL. */
static void
phone_asks (Fixture    *f,
            const char *file,
            const char *user_agent)
{
  g_autofree char *path = g_strconcat (f->bootstrap, file, NULL);
  const char *headers[] = { "User-Agent", user_agent, NULL };
  g_autoptr(PaTestResponse) r = pa_test_request (f->server, "GET", path, NULL, NULL, -1, FALSE,
                                                 headers);

  g_assert_cmpuint (r->status, ==, 404);
}

static GtkWidget *
first_row (Fixture *f)
{
  GtkWidget *list = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (f->page), PA_TYPE_DISCOVERED_PAGE,
                                                   "list");

  return gtk_widget_get_first_child (list);
}

static gboolean
editor_shown (gpointer data)
{
  return pa_app_test_find_window (PA_TYPE_PHONE_EDITOR) != NULL;
}

static gboolean
editor_gone (gpointer data)
{
  return pa_app_test_find_window (PA_TYPE_PHONE_EDITOR) == NULL;
}

static void
test_adopt (Fixture       *f,
            gconstpointer  data)
{
  GtkStack *stack = (GtkStack *) gtk_widget_get_template_child (GTK_WIDGET (f->page), PA_TYPE_DISCOVERED_PAGE,
                                                   "stack");
  AdwStatusPage *empty = (AdwStatusPage *) gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                        PA_TYPE_DISCOVERED_PAGE, "empty_page");
  g_autoptr(PaPhone) built = NULL;
  PaPhoneEditor *editor;
  GtkWidget *row;

  g_object_set (f->page, "repository", f->repo, NULL);
  pa_app_test_wait_until_seconds (page_idle, f->page, TIMEOUT_S);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  /* The empty page says where to point phones. */
  g_assert_nonnull (strstr (adw_status_page_get_description (empty), f->bootstrap));
  g_assert_cmpuint (pa_discovered_page_get_badge (f->page), ==, 0);

  phone_asks (f, "805ec0000099.cfg", "Yealink SIP-T54W 96.86.0.100 80:5e:c0:00:00:99");
  refresh (f);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
  g_assert_cmpuint (pa_discovered_page_get_badge (f->page), ==, 1);
  row = first_row (f);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Yealink T54W");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   "80:5E:C0:00:00:99 · 127.0.0.1 · firmware 96.86.0.100"));
  /* What a stranger's phone sends is shown as text, never read as markup
   * (GTK would warn and show nothing, or take "<big>" as an order). */
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->window), "discovered");

  gtk_widget_activate_action (GTK_WIDGET (f->page), "discovered.adopt", "s", "80:5E:C0:00:00:99");
  pa_app_test_wait_until_seconds (editor_shown, NULL, TIMEOUT_S);
  editor = pa_app_test_find_window (PA_TYPE_PHONE_EDITOR);
  built = pa_phone_editor_build_phone (editor);
  g_assert_cmpstr (pa_phone_get_mac (built), ==, "80:5E:C0:00:00:99");
  g_assert_cmpstr (pa_phone_get_vendor (built), ==, "yealink");
  g_assert_cmpstr (pa_phone_get_model (built), ==, "yealink-t54w");

  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                    PA_TYPE_PHONE_EDITOR,
                                                                    "name_row")), "Reception");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  pa_app_test_wait_until_seconds (editor_gone, NULL, TIMEOUT_S);
  pa_app_test_close_all_dialogs ();
  pa_app_test_wait_until_seconds (page_idle, f->page, TIMEOUT_S);
  refresh (f);
  g_assert_cmpuint (pa_discovered_page_get_badge (f->page), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
}

static void
test_ignore (Fixture       *f,
             gconstpointer  data)
{
  g_object_set (f->page, "repository", f->repo, NULL);
  phone_asks (f, "cfg000b82000077.xml", "Grandstream Model HW GXP2170 SW 1.0.11.3 DevId 000b82000077");
  phone_asks (f, "805ec0000098.cfg", "Yealink SIP-T54W 96.86.0.100 80:5e:c0:00:00:98");
  refresh (f);
  g_assert_cmpuint (pa_discovered_page_get_badge (f->page), ==, 2);

  gtk_widget_activate_action (GTK_WIDGET (f->page), "discovered.ignore", "s", "00:0B:82:00:00:77");
  pa_app_test_wait_until_seconds (page_idle, f->page, TIMEOUT_S);
  refresh (f);
  g_assert_cmpuint (pa_discovered_page_get_badge (f->page), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row (f))), ==,
                   "Yealink T54W");
}

typedef struct
{
  Fixture *f;
  guint    badge;
} BadgeWait;

static gboolean
badge_is (gpointer data)
{
  BadgeWait *wait = data;

  return pa_discovered_page_get_badge (wait->f->page) == wait->badge;
}

/* Following the change stream, the page shows a phone that asks the
 * bootstrap URL without being refreshed, and drops one that another app
 * ignored: no polling, no F5. */
static void
test_live (Fixture       *f,
           gconstpointer  data)
{
  BadgeWait wait = { f, 1 };

  pa_repository_set_follow_changes (f->repo, TRUE);
  g_object_set (f->page, "repository", f->repo, NULL);
  pa_app_test_wait_until_seconds (page_idle, f->page, TIMEOUT_S);
  g_assert_cmpuint (pa_discovered_page_get_badge (f->page), ==, 0);

  phone_asks (f, "805ec0000098.cfg", "Yealink SIP-T54W 96.86.0.100 80:5e:c0:00:00:98");
  pa_app_test_wait_until_seconds (badge_is, &wait, TIMEOUT_S);

  /* Another app (a plain request) ignores it. */
  {
    g_autoptr(PaTestResponse) ignored =
      pa_test_api (f->server, "POST", "/api/v1/discovered/80:5E:C0:00:00:98/ignore", NULL, NULL);

    g_assert_cmpuint (ignored->status, ==, 204);
  }
  wait.badge = 0;
  pa_app_test_wait_until_seconds (badge_is, &wait, TIMEOUT_S);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add ("/discovered-page/adopt", Fixture, NULL, fixture_set_up, test_adopt,
              fixture_tear_down);
  g_test_add ("/discovered-page/live", Fixture, NULL, fixture_set_up, test_live,
              fixture_tear_down);
  g_test_add ("/discovered-page/ignore", Fixture, NULL, fixture_set_up, test_ignore,
              fixture_tear_down);
  return g_test_run ();
}
