/* test-window.c — the main window: size in GSettings, sections, search,
 * connection states and the unreachable-server banner, against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window gets its own PaConnection to the test provd (token kept in the
 * in-memory credential store: the keyring is tested in test-connection).
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "../server/pa-test-server.h"
#include "pa-agents-page.h"
#include "pa-credential-store.h"
#include "pa-memory-credential-store.h"
#include "pa-phone-editor.h"
#include "pa-phones-page.h"
#include "pa-renderer.h"
#include "pa-section.h"
#include "pa-spinners.h"
#include "pa-window.h"
#include "pa-app-test.h"

static PaApplication *app;

static PaWindow *
new_window (PaConnection *connection)
{
  return g_object_new (PA_TYPE_WINDOW, "application", app, "connection", connection, NULL);
}

typedef struct
{
  PaTestServer *server;
  PaConnection *connection;
  PaWindow     *window;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->server = pa_test_server_new ();
  pa_test_create (fixture->server, "agents", "{\"name\": \"Alice Martin\", \"extension\": \"201\"}");
  pa_test_create (fixture->server, "phones",
                  "{\"name\": \"Reception\", \"mac\": \"80:5E:C0:00:00:01\","
                  " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}");

  fixture->connection = pa_app_test_connection_new ();
  fixture->window = new_window (fixture->connection);
  gtk_window_present (GTK_WINDOW (fixture->window));
  pa_app_test_wait_for_frames (2);

  pa_app_test_connect_sync (fixture->connection, fixture->server->url, fixture->server->token);
  pa_app_test_wait_for_frames (3);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  pa_app_test_wait_for_frames (1);
  pa_connection_shutdown (fixture->connection);
  g_clear_object (&fixture->connection);
  pa_test_server_free (fixture->server);
}

/* ---- tests ---------------------------------------------------------- */

static void
test_window_size_saved (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PaConnection) connection = pa_app_test_connection_new ();
  PaWindow *window;
  int width = 0;

  g_settings_set_int (settings, "window-width", 900);
  window = new_window (connection);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, 0);

  g_object_get (window, "default-width", &width, NULL);
  g_assert_cmpint (width, ==, 900);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The app's own path: the window built from the application alone must
 * follow the application's connection (it did not, and stayed on
 * "Connecting…" forever while the tests passed their own connection). */
static void
test_window_follows_app_connection (void)
{
  PaWindow *window = pa_window_new (app);

  g_assert_true (pa_window_get_connection (window) == pa_application_get_connection (app));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_sections_table (void)
{
  guint n = 0;
  const PaSection *sections = pa_section_get_all (&n);
  g_autoptr(PaConnection) connection = pa_app_test_connection_new ();
  PaWindow *window = new_window (connection);

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpstr (sections[0].id, ==, "phones");
  g_assert_true (pa_section_lookup ("agents") == &sections[1]);
  g_assert_null (pa_section_lookup ("nope"));

  /* One page per row of the table, of the row's type. */
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *page = pa_window_get_page (window, sections[i].id);

      g_assert_nonnull (page);
      g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (page, sections[i].get_page_type ()));
    }
  g_assert_null (pa_window_get_page (window, "nope"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_connecting (void)
{
  g_autoptr(PaConnection) connection = pa_app_test_connection_new ();
  PaWindow *window = new_window (connection);
  PaPhonesPage *phones = PA_PHONES_PAGE (pa_window_get_page (window, "phones"));

  /* Not connected yet: the pages wait for a repository. */
  g_assert_null (pa_connection_get_repository (connection));
  g_assert_null (pa_phones_page_get_repository (phones));
  g_assert_cmpstr (pa_phones_page_get_state (phones), ==, "loading");
  g_assert_false (pa_window_get_banner_visible (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The window's stack that has a "connecting" page, above @widget. */
static GtkStack *
main_stack_above (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_STACK (w) && gtk_stack_get_child_by_name (GTK_STACK (w), "connecting") != NULL)
      return GTK_STACK (w);
  return NULL;
}

/* A label below @widget whose text has @part in it. */
static GtkLabel *
label_with (GtkWidget  *widget,
            const char *part)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), part) != NULL)
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = label_with (child, part);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The "could not connect" page says the address as it is: libadwaita
 * reads a status page's description as markup, and an address with "&"
 * in it made GTK warn and show no description at all. */
static void
test_window_failed_says_address (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PaConnection) connection = pa_app_test_connection_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *url = "http://127.0.0.1:1/a&b/";
  PaWindow *window = new_window (connection);
  GtkLabel *description;

  gtk_window_present (GTK_WINDOW (window));
  g_settings_set_string (settings, "server-url", url);
  pa_connection_connect_async (connection, NULL, pa_app_test_store_result_cb, &result);
  pa_app_test_wait_until (pa_app_test_result_arrived, &result);
  g_assert_false (pa_connection_connect_finish (connection, result, &error));
  g_assert_nonnull (strstr (error->message, url));   /* "no token for http://…" */
  pa_app_test_wait_for_frames (2);

  description = label_with (pa_app_test_template_child (window, "failed_page"), url);
  g_assert_nonnull (description);
  g_assert_cmpstr (gtk_label_get_text (description), ==, error->message);
  /* The footer names the server that failed, not "No server". */
  g_assert_cmpstr (gtk_label_get_label (pa_app_test_template_child (window, "connection_label")),
                   ==, url);

  g_settings_reset (settings, "server-url");
  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  PaWindow   *window;
  const char *url;
  guint       n_said;      /* descriptions that counted what had come */
  guint64     last;
} Counting;

static void
listed_cb (PaConnection *connection,
           GParamSpec   *pspec,
           Counting     *counting)
{
  guint64 n = pa_connection_get_n_listed (connection);
  GtkStack *stack = main_stack_above (pa_window_get_page (counting->window, "phones"));
  AdwStatusPage *page = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (stack, "connecting"));
  g_autofree char *expected = g_strdup_printf ("%" G_GUINT64_FORMAT " items received", n);

  /* Where it connects, from the start. */
  g_assert_nonnull (strstr (adw_status_page_get_description (page), counting->url));
  if (n == 0)
    return;
  g_assert_cmpuint (n, >, counting->last);
  counting->last = n;
  g_assert_nonnull (strstr (adw_status_page_get_description (page), expected));
  counting->n_said++;
}

/* While a server's lists come in, "Connecting…" says how much has come
 * (a first load of 100,000 phones takes seconds), then the count goes. */
static void
test_window_connecting_counts (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaConnection) connection = pa_app_test_connection_new ();
  PaWindow *window = new_window (connection);
  Counting counting = { window, server->url, 0, 0 };

  gtk_window_present (GTK_WINDOW (window));
  for (guint i = 1; i <= 1100; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\": \"Agent %u\", \"extension\": \"%u\"}",
                                               i, 1000 + i);

      pa_test_create (server, "agents", body);
    }
  g_signal_connect (connection, "notify::n-listed", G_CALLBACK (listed_cb), &counting);
  pa_app_test_connect_sync (connection, server->url, server->token);
  /* A page of 500 at a time: at least 500, 1,000 and all of them. */
  g_assert_cmpuint (counting.n_said, >=, 3);
  g_assert_cmpuint (counting.last, >=, 1100);
  g_assert_cmpuint (pa_connection_get_n_listed (connection), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A keyring that takes its time: a lookup answers only once the test lets
 * it, as gnome-keyring does while it asks for its password. */
#define PA_TYPE_SLOW_KEYRING (pa_slow_keyring_get_type ())
G_DECLARE_FINAL_TYPE (PaSlowKeyring, pa_slow_keyring, PA, SLOW_KEYRING, GObject)

struct _PaSlowKeyring
{
  GObject  parent_instance;
  char    *token;
  GTask   *held;
};

static void
slow_keyring_store_async (PaCredentialStore   *store,
                          const char          *server_url,
                          const char          *token,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_return_boolean (task, TRUE);
}

static gboolean
slow_keyring_boolean_finish (PaCredentialStore  *store,
                             GAsyncResult       *result,
                             GError            **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
slow_keyring_lookup_async (PaCredentialStore   *store,
                           const char          *server_url,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  PaSlowKeyring *self = PA_SLOW_KEYRING (store);

  g_assert_null (self->held);
  self->held = g_task_new (store, cancellable, callback, user_data);
}

static char *
slow_keyring_lookup_finish (PaCredentialStore  *store,
                            GAsyncResult       *result,
                            GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
slow_keyring_clear_async (PaCredentialStore   *store,
                          const char          *server_url,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  slow_keyring_store_async (store, server_url, NULL, cancellable, callback, user_data);
}

static void
pa_slow_keyring_iface_init (PaCredentialStoreInterface *iface)
{
  iface->store_async = slow_keyring_store_async;
  iface->store_finish = slow_keyring_boolean_finish;
  iface->lookup_async = slow_keyring_lookup_async;
  iface->lookup_finish = slow_keyring_lookup_finish;
  iface->clear_async = slow_keyring_clear_async;
  iface->clear_finish = slow_keyring_boolean_finish;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PaSlowKeyring, pa_slow_keyring, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PA_TYPE_CREDENTIAL_STORE,
                                                      pa_slow_keyring_iface_init))

static void
pa_slow_keyring_finalize (GObject *object)
{
  PaSlowKeyring *self = PA_SLOW_KEYRING (object);

  g_assert_null (self->held);
  g_free (self->token);
  G_OBJECT_CLASS (pa_slow_keyring_parent_class)->finalize (object);
}

static void
pa_slow_keyring_class_init (PaSlowKeyringClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pa_slow_keyring_finalize;
}

static void
pa_slow_keyring_init (PaSlowKeyring *self)
{
}

static void
slow_keyring_answer (PaSlowKeyring *self)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->held);

  g_task_return_pointer (task, g_strdup (self->token), g_free);
}

static gboolean
waiting_for_keyring (gpointer connection)
{
  return pa_connection_get_waiting_for_keyring (connection);
}

/* A keyring asking for its password holds the connect: after a second,
 * "Connecting…" says it waits for the keyring, then goes on. */
static void
test_window_waits_for_keyring (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PaSlowKeyring) keyring = g_object_new (PA_TYPE_SLOW_KEYRING, NULL);
  g_autoptr(PaConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  PaWindow *window;
  GtkStack *stack;
  AdwStatusPage *page;

  keyring->token = g_strdup (server->token);
  g_settings_set_string (settings, "server-url", server->url);
  connection = pa_connection_new (settings, PA_CREDENTIAL_STORE (keyring), NULL, NULL);
  window = new_window (connection);
  gtk_window_present (GTK_WINDOW (window));
  stack = main_stack_above (pa_window_get_page (window, "phones"));
  page = ADW_STATUS_PAGE (gtk_stack_get_child_by_name (stack, "connecting"));

  pa_connection_connect_async (connection, NULL, pa_app_test_store_result_cb, &result);
  /* Before it has a client, it already says which server it is for. */
  {
    g_autofree char *url = pa_connection_dup_connecting_url (connection);
    GtkLabel *footer = pa_app_test_template_child (window, "connection_label");

    g_assert_nonnull (url);
    g_assert_true (g_str_has_prefix (url, server->url));
    g_assert_cmpstr (gtk_label_get_label (footer), ==, url);
    g_assert_cmpstr (adw_status_page_get_description (page), ==, url);
  }
  pa_app_test_wait_until (waiting_for_keyring, connection);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "connecting");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "keyring"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (window), "waiting-for-keyring");

  slow_keyring_answer (keyring);
  pa_app_test_wait_until (pa_app_test_result_arrived, &result);
  g_assert_true (pa_connection_connect_finish (connection, result, &error));
  g_assert_no_error (error);
  g_assert_false (pa_connection_get_waiting_for_keyring (connection));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "content");
  {
    g_autofree char *url = pa_connection_dup_connecting_url (connection);

    g_assert_cmpstr (url, ==, pa_connection_get_server_url (connection));
  }

  g_settings_reset (settings, "server-url");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_connected (Fixture       *fixture,
                       gconstpointer  data)
{
  PaPhonesPage *phones = PA_PHONES_PAGE (pa_window_get_page (fixture->window, "phones"));
  PaAgentsPage *agents = PA_AGENTS_PAGE (pa_window_get_page (fixture->window, "agents"));
  PaRepository *repository = pa_connection_get_repository (fixture->connection);
  GtkStack *main_stack = main_stack_above (GTK_WIDGET (phones));

  /* The lists came in at once, not faded in over "Connecting…" (each
   * frame of a fade draws both: 40-50 ms a frame with 100,000 phones). */
  g_assert_nonnull (main_stack);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (main_stack), ==, "content");
  g_assert_false (gtk_stack_get_transition_running (main_stack));

  g_assert_nonnull (repository);
  g_assert_true (pa_phones_page_get_repository (phones) == repository);
  g_assert_true (pa_agents_page_get_repository (agents) == repository);
  g_assert_cmpstr (pa_phones_page_get_state (phones), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pa_phones_page_get_selection (phones))),
                    ==, 1);
  g_assert_cmpstr (pa_agents_page_get_state (agents), ==, "list");
  g_assert_false (pa_window_get_banner_visible (fixture->window));
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_window_switch_sections (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  guint notified = 0;
  g_autofree char *section = NULL;

  g_signal_connect_swapped (window, "notify::section", G_CALLBACK (count_cb), &notified);
  g_assert_cmpstr (pa_window_get_section (fixture->window), ==, "phones");

  pa_window_set_section (fixture->window, "agents");
  g_assert_cmpstr (pa_window_get_section (fixture->window), ==, "agents");
  g_assert_cmpuint (notified, ==, 1);

  /* Alt+1 goes through this action. */
  g_assert_true (gtk_widget_activate_action (window, "win.show-section", "s", "phones"));
  g_assert_cmpstr (pa_window_get_section (fixture->window), ==, "phones");
  g_assert_cmpuint (notified, ==, 2);

  g_object_set (window, "section", "agents", NULL);
  g_object_get (window, "section", &section, NULL);
  g_assert_cmpstr (section, ==, "agents");

  /* An unknown section from the action is ignored. */
  g_assert_true (gtk_widget_activate_action (window, "win.show-section", "s", "nope"));
  g_assert_cmpstr (pa_window_get_section (fixture->window), ==, "agents");
  g_signal_handlers_disconnect_by_func (window, count_cb, &notified);
}

static void
test_window_search (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  PaPhonesPage *phones = PA_PHONES_PAGE (pa_window_get_page (fixture->window, "phones"));
  PaAgentsPage *agents = PA_AGENTS_PAGE (pa_window_get_page (fixture->window, "agents"));

  g_assert_false (pa_phones_page_get_search_mode (phones));
  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  g_assert_true (pa_phones_page_get_search_mode (phones));
  g_assert_false (pa_agents_page_get_search_mode (agents));

  /* Again closes it. */
  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  g_assert_false (pa_phones_page_get_search_mode (phones));

  /* The search acts on the visible section. */
  pa_window_set_section (fixture->window, "agents");
  g_assert_true (gtk_widget_activate_action (window, "win.search", NULL));
  g_assert_true (pa_agents_page_get_search_mode (agents));
  g_assert_false (pa_phones_page_get_search_mode (phones));
}

static gboolean
banner_visible (gpointer window)
{
  return pa_window_get_banner_visible (window);
}

static void
test_window_banner (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (fixture->window);
  PaPhonesPage *phones = PA_PHONES_PAGE (pa_window_get_page (fixture->window, "phones"));

  g_assert_false (pa_window_get_banner_visible (fixture->window));

  pa_test_server_stop (fixture->server);
  g_assert_true (gtk_widget_activate_action (window, "win.refresh", NULL));

  pa_app_test_wait_until (banner_visible, fixture->window);

  /* What was loaded stays on screen. */
  g_assert_cmpstr (pa_phones_page_get_state (phones), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pa_phones_page_get_selection (phones))),
                    ==, 1);
}

static void
test_window_edit_unknown (Fixture       *fixture,
                          gconstpointer  data)
{
  /* An id that vanished (deleted elsewhere) gives a toast, no editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.edit-phone",
                                             "x", (gint64) 4242));
  pa_app_test_wait_for_frames (1);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture->window)) == NULL);
}

static void
test_window_activate_row_edits (Fixture       *fixture,
                                gconstpointer  data)
{
  PaPhonesPage *phones = PA_PHONES_PAGE (pa_window_get_page (fixture->window, "phones"));
  GListModel *toplevels;   /* transfer none */
  GtkWidget *editor = NULL;

  /* What Enter or a double click on a row does. */
  g_signal_emit_by_name (pa_phones_page_get_column_view (phones), "activate", 0);
  pa_app_test_wait_for_frames (2);

  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (PA_IS_PHONE_EDITOR (window))
        editor = window;
    }
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (fixture->window));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_window_shortcuts (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/org/example/PhoneAdmin/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  guint n_sections, n_alt = 0;
  const PaSection *sections = pa_section_get_all (&n_sections);

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  /* The window says what the sidebar does: Alt+N shows section N, for
   * every section and no other (it is a copy of the section table). */
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accel = NULL;
      g_autofree char *title = NULL;
      guint n;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accel, "title", &title, NULL);
      if (accel == NULL || !g_str_has_prefix (accel, "<Alt>"))
        continue;
      n = (guint) g_ascii_strtoull (accel + strlen ("<Alt>"), NULL, 10);
      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpuint (n, <=, n_sections);
      g_assert_nonnull (strstr (title, sections[n - 1].title));
      n_alt++;
    }
  g_assert_cmpuint (n_alt, ==, n_sections);
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static gboolean
asks_tooltip (GtkWidget *widget)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  gboolean shown = FALSE;

  g_signal_emit_by_name (widget, "query-tooltip", 4, 4, FALSE, tooltip, &shown);
  return shown;
}

static gboolean
mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* A popover hangs from its button in GTK, so the pointer on the popover's
 * heading asked the button for its tooltip, which then covered the
 * heading: while the popover is open, the button says nothing. */
static void
test_window_popover_quiets_tooltip (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();

  gtk_popover_set_child (GTK_POPOVER (popover), gtk_label_new ("Heading"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_tooltip_text (button, "Main Menu");
  gtk_window_set_child (GTK_WINDOW (window), button);
  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_until (mapped, button);
  g_assert_true (asks_tooltip (button));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  pa_app_test_wait_until (mapped, popover);
  g_assert_false (asks_tooltip (button));

  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  pa_app_test_wait_until (unmapped, popover);
  g_assert_true (asks_tooltip (button));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
count_spinning_unmapped (GtkWidget *widget,
                         guint     *spinning,
                         guint     *unmapped)
{
  if (GTK_IS_SPINNER (widget) && gtk_spinner_get_spinning (GTK_SPINNER (widget)))
    {
      (*spinning)++;
      if (!gtk_widget_get_mapped (widget))
        (*unmapped)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_spinning_unmapped (child, spinning, unmapped);
}

/* GTK 4.8 runs a spinner's animation in a stack page that is not shown,
 * and each step asks the window for a frame: an idle window with its
 * sections' "Loading…" pages hidden drew 60 frames a second. Such a
 * spinner spins only while it is mapped. */
static void
test_window_spinners_idle (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *label = gtk_label_new ("List");

  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_stack_add_named (GTK_STACK (stack), spinner, "loading");
  gtk_stack_add_named (GTK_STACK (stack), label, "list");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  pa_spinners_spin_while_mapped (window);
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_until (mapped, spinner);
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));

  gtk_stack_set_visible_child_name (GTK_STACK (stack), "list");
  pa_app_test_wait_until (unmapped, spinner);
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The real window, connected and showing its lists: no spinner spins
 * unseen (the "Connecting…" page's, the sections' "Loading…" pages'). */
static void
test_window_no_hidden_spinner (Fixture       *fixture,
                               gconstpointer  data)
{
  guint spinning = 0, unmapped = 0;

  count_spinning_unmapped (GTK_WIDGET (fixture->window), &spinning, &unmapped);
  g_assert_cmpuint (unmapped, ==, 0);
}

typedef struct
{
  GtkColumnView *view;
  gboolean       firmware_shown;
} Fit;

static gboolean
columns_fit (gpointer data)
{
  Fit *fit = data;
  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (fit->view));
  GListModel *columns = gtk_column_view_get_columns (fit->view);
  gboolean firmware = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), "Firmware") == 0)
        firmware = gtk_column_view_column_get_visible (column);
    }
  return gtk_adjustment_get_page_size (h) > 0
         && gtk_adjustment_get_upper (h) <= gtk_adjustment_get_page_size (h) + 1
         && firmware == fit->firmware_shown;
}

/* The phones list never scrolls sideways: in a narrow window the columns
 * that can go (IP address, firmware) make room, the last one first, and
 * come back when the window is wide again. */
static void
test_window_columns_fit (Fixture       *fixture,
                         gconstpointer  data)
{
  PaPhonesPage *page = PA_PHONES_PAGE (pa_window_get_page (fixture->window, "phones"));
  Fit fit = { pa_phones_page_get_column_view (page), FALSE };

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1000, 600);
  pa_app_test_wait_until (columns_fit, &fit);
  pa_app_test_maybe_screenshot (GTK_WIDGET (fixture->window), "phones-narrow.png");

  fit.firmware_shown = TRUE;
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1600, 700);
  pa_app_test_wait_until (columns_fit, &fit);
}

/* Mesa's software OpenGL is the slowest way to draw this window (50–650 ms
 * a frame of 100,000 phones' list): there the app's windows draw with
 * cairo, anywhere else with GTK's own choice. Under Xvfb the display's
 * OpenGL is llvmpipe, so here the window must be drawn by cairo. */
static void
test_window_renderer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(PaConnection) connection = pa_app_test_connection_new ();
  PaWindow *window = new_window (connection);
  g_autofree char *gl = pa_renderer_display_gl (display);
  GskRenderer *renderer;

  g_assert_true (pa_renderer_gl_is_software ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (pa_renderer_gl_is_software ("softpipe"));
  g_assert_true (pa_renderer_gl_is_software ("Mesa DRI Intel(R) 965GM / Software Rasterizer"));
  g_assert_false (pa_renderer_gl_is_software ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_false (pa_renderer_gl_is_software ("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49)"));
  g_assert_false (pa_renderer_gl_is_software (NULL));

  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_for_frames (2);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  g_test_message ("display's OpenGL: %s; renderer: %s", gl ? gl : "none",
                  G_OBJECT_TYPE_NAME (renderer));

  if (g_getenv ("GSK_RENDERER") != NULL)
    g_test_message ("GSK_RENDERER is set: GTK's choice, not the app's");
  else if (gl == NULL)
    g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));   /* GTK's own fallback */
  else
    g_assert_cmpint (GSK_IS_CAIRO_RENDERER (renderer), ==, pa_renderer_gl_is_software (gl));

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* Windows can only be added after startup; non-unique keeps the test off the bus. */
  app = pa_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/app/window/size-saved", test_window_size_saved);
  g_test_add_func ("/app/window/renderer", test_window_renderer);
  g_test_add_func ("/app/window/popover-quiets-tooltip", test_window_popover_quiets_tooltip);
  g_test_add_func ("/app/window/spinners-idle", test_window_spinners_idle);
  g_test_add ("/app/window/no-hidden-spinner", Fixture, NULL, fixture_set_up,
              test_window_no_hidden_spinner, fixture_tear_down);
  g_test_add_func ("/app/window/sections-table", test_window_sections_table);
  g_test_add_func ("/app/window/follows-app-connection", test_window_follows_app_connection);
  g_test_add_func ("/app/window/connecting", test_window_connecting);
  g_test_add_func ("/app/window/failed-says-address", test_window_failed_says_address);
  g_test_add_func ("/app/window/connecting-counts", test_window_connecting_counts);
  g_test_add_func ("/app/window/waits-for-keyring", test_window_waits_for_keyring);
  g_test_add ("/app/window/connected", Fixture, NULL, fixture_set_up, test_window_connected,
              fixture_tear_down);
  g_test_add ("/app/window/columns-fit", Fixture, NULL, fixture_set_up,
              test_window_columns_fit, fixture_tear_down);
  g_test_add ("/app/window/switch-sections", Fixture, NULL, fixture_set_up,
              test_window_switch_sections, fixture_tear_down);
  g_test_add ("/app/window/search", Fixture, NULL, fixture_set_up, test_window_search,
              fixture_tear_down);
  g_test_add ("/app/window/banner", Fixture, NULL, fixture_set_up, test_window_banner,
              fixture_tear_down);
  g_test_add ("/app/window/edit-unknown", Fixture, NULL, fixture_set_up, test_window_edit_unknown,
              fixture_tear_down);

  g_test_add ("/app/window/activate-row-edits", Fixture, NULL, fixture_set_up,
              test_window_activate_row_edits, fixture_tear_down);
  g_test_add_func ("/app/window/shortcuts", test_window_shortcuts);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
