/* test-german.c — the app in German: every section of the main window, the
 * phone editor and the layout designer, with their menus, and the other
 * dialogs (Import from CSV among them), against a real provd in local mode, checked for text left in
 * English and text cut off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The catalog is the build tree's (po/de/LC_MESSAGES/phoneadmin.mo under
 * $PA_LOCALEDIR), bound as the app binds it; the English messages are the
 * sources' own ($PA_MESSAGES, a template xgettext makes in the build tree),
 * so one not translated yet is caught too. tests/app/meson.build sets both.
 * The windows come up at their default sizes with a small office in the
 * data (names in German, so the data never reads as English) and are
 * walked by pa-l10n-check.c. With PA_SHOTS_DIR set, each is also drawn to
 * german-*.png there: open them and look.
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "../server/pa-test-server.h"
#include "pa-app-test.h"
#include "pa-agent-editor.h"
#include "pa-agents-page.h"
#include "pa-application.h"
#include "pa-bulk-chooser.h"
#include "pa-connect-dialog.h"
#include "pa-credentials-dialog.h"
#include "pa-discovered-page.h"
#include "pa-firmware-editor.h"
#include "pa-firmware-page.h"
#include "pa-firmware-upload-dialog.h"
#include "pa-import-dialog.h"
#include "pa-l10n-check.h"
#include "pa-layout-designer.h"
#include "pa-layouts-page.h"
#include "pa-mac.h"
#include "pa-phone-editor.h"
#include "pa-phones-page.h"
#include "pa-profile-editor.h"
#include "pa-profiles-page.h"
#include "pa-scan-dialog.h"
#include "pa-section.h"
#include "pa-settings-window.h"
#include "pa-window.h"

#define TIMEOUT_S 30

/* One office for all the tests: starting provd and filling it is the slow
 * part. */
static struct
{
  char          *home;         /* XDG_DATA_HOME: the local server's data */
  char          *mo_path;
  PaL10nCatalog *catalog;
  PaApplication *app;
  PaConnection  *connection;
  PaTestServer   http;         /* url, token and session only: the local provd */
  PaWindow      *window;
} office;

/* The local provd outlives the app by design (it may keep serving phones).
 * A failed assertion aborts the test before pa_connection_shutdown(): stop
 * it then too, so no test run leaves one behind. */
static volatile sig_atomic_t provd_pid;

static void
stop_provd_and_die (int signum)
{
  if (provd_pid > 0)
    kill ((pid_t) provd_pid, SIGTERM);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* ---- waiting -------------------------------------------------------- */

static gboolean
connected (gpointer data)
{
  return pa_connection_get_state (data) == PA_CONNECTION_CONNECTED;
}

static gboolean
mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

typedef struct
{
  guint    painted;
  gboolean laid_out;    /* in the frame being counted */
} Frames;

static void
layout_cb (GdkFrameClock *clock,
           gpointer       user_data)
{
  ((Frames *) user_data)->laid_out = TRUE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  ((Frames *) user_data)->painted++;
}

static gboolean
painted (gpointer data)
{
  return ((Frames *) data)->painted > 0;
}

/* Waits for @widget's window to be drawn in a frame that laid nothing out:
 * whatever the last change started (a fold, a revealer, rows arriving) has
 * found its size. Animations are off (main), so no frame is mid-way. */
static void
settle (GtkWidget *widget)
{
  GdkFrameClock *clock;
  Frames frames = { 0, FALSE };
  gulong layout_id, paint_id;
  guint tries = 0;

  pa_app_test_wait_until_seconds (mapped, widget, TIMEOUT_S);
  clock = gtk_widget_get_frame_clock (widget);
  layout_id = g_signal_connect (clock, "layout", G_CALLBACK (layout_cb), &frames);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frames);
  do
    {
      frames.painted = 0;
      frames.laid_out = FALSE;
      gtk_widget_queue_draw (widget);
      pa_app_test_wait_until_seconds (painted, &frames, TIMEOUT_S);
      g_assert_cmpuint (++tries, <, 100);
    }
  while (frames.laid_out);
  g_signal_handler_disconnect (clock, layout_id);
  g_signal_handler_disconnect (clock, paint_id);
}

/* ---- the office ----------------------------------------------------- */

static gint64
create (const char *collection,
        const char *body)
{
  return pa_test_create (&office.http, collection, body);
}

static gint64
create_agent (const char *name,
              const char *extension)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"extension\": \"%s\","
                                           " \"email\": \"%s@example.com\"}", name, extension,
                                           extension);
  return create ("agents", body);
}

/* The phone asks for its config as a Yealink does: it then shows as
 * provisioning, with its requests in the editor. */
static void
fetch_config (gint64      id,
              const char *user_agent)
{
  g_autoptr(PaTestResponse) phone = pa_test_get (&office.http, "phones", id);
  JsonObject *object = pa_test_response_object (phone);
  g_autofree char *compact = pa_mac_to_compact (json_object_get_string_member (object, "mac"));
  const char *token = json_object_get_string_member (object, "token");
  g_autofree char *path = g_strdup_printf ("/p/%s/%s.cfg", token, compact);
  const char *headers[] = { "User-Agent", user_agent, NULL };
  g_autoptr(PaTestResponse) response = pa_test_request (&office.http, "GET", path, NULL, NULL, 0,
                                                        FALSE, headers);

  if (response->status != 200)
    g_error ("GET %s answered %u: %s", path, response->status, response->text);
}

/* An unknown phone asking the bootstrap address: it shows in Discovered. */
static void
knock (const char *file,
       const char *user_agent)
{
  g_autoptr(PaTestResponse) info = pa_test_api (&office.http, "GET", "/api/v1", NULL, NULL);
  const char *url = json_object_get_string_member (pa_test_response_object (info), "bootstrap_url");
  g_autofree char *path = g_strconcat (strstr (url, "/p/"), file, NULL);
  const char *headers[] = { "User-Agent", user_agent, NULL };
  /* Whatever it answers, provd notes the request. */
  g_autoptr(PaTestResponse) response = pa_test_request (&office.http, "GET", path, NULL, NULL, 0,
                                                        FALSE, headers);
}

static void
fill_office (void)
{
  static const struct
  {
    const char *name, *mac, *vendor, *model;
    int         agent;         /* index into agents, -1: none */
    gboolean    enabled;
    const char *user_agent;    /* fetches its config when set */
  } phones[] = {
    { "Empfang", "80:5E:C0:1A:2B:01", "yealink", "yealink-t54w", 0, TRUE,
      "Yealink SIP-T54W 96.86.0.100 80:5e:c0:1a:2b:01" },
    { "Vertrieb 1", "80:5E:C0:1A:2B:02", "yealink", "yealink-t46u", 1, TRUE,
      "Yealink SIP-T46U 108.86.0.45 80:5e:c0:1a:2b:02" },
    { "Vertrieb 2", "80:5E:C0:1A:2B:03", "yealink", "yealink-t46u", 2, TRUE, NULL },
    { "Besprechungsraum", "64:16:7F:3C:4D:10", "polycom", "polycom-vvx450", -1, TRUE, NULL },
    { "Kundendienst", "C0:74:AD:22:11:05", "grandstream", "grandstream-gxp2170", 3, TRUE, NULL },
    { "Lager", "00:04:13:55:66:07", "snom", "snom-d785", -1, TRUE, NULL },
    { "Küche", "0C:38:3E:77:88:09", "fanvil", "fanvil-x4u", -1, FALSE, NULL },
  };
  static const char *const extensions[] = { "200", "211", "212", "230", "100" };
  gint64 agents[G_N_ELEMENTS (extensions)];
  gint64 reception_phone = 0, reception, sidecar, company, branch;
  g_autoptr(GString) sidecar_keys = g_string_new (NULL);

  /* Profiles: the branch takes what it does not set from the company. */
  company = create ("profiles",
                    "{\"name\": \"Firma\", \"description\": \"Was alle Standorte teilen\","
                    " \"timezone\": \"Europe/Berlin\", \"ntp_server\": \"ntp.firma.example\","
                    " \"codecs\": [\"G722\", \"PCMA\"], \"dtmf\": \"info\","
                    " \"custom_params\": {\"yealink\": {\"features.dnd.enable\": \"0\"}}}");
  {
    g_autofree char *body = g_strdup_printf ("{\"name\": \"Filiale Hamburg\", \"parent_id\": %"
                                             G_GINT64_FORMAT ", \"update_interval\": null,"
                                             " \"sip_transport\": \"tls\"}", company);

    branch = create ("profiles", body);
  }

  agents[0] = create_agent ("Maria Lopez", extensions[0]);
  agents[1] = create_agent ("Tom Becker", extensions[1]);
  agents[2] = create_agent ("Aisha Khan", extensions[2]);
  agents[3] = create_agent ("Lukas Novak", extensions[3]);
  agents[4] = create_agent ("Helene Parkmann", extensions[4]);

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *agent = phones[i].agent >= 0
        ? g_strdup_printf ("%" G_GINT64_FORMAT, agents[phones[i].agent]) : g_strdup ("null");
      /* Someone forgot the warehouse's SIP server: it needs attention. */
      const char *sip_server = g_str_equal (phones[i].name, "Lager") ? "null"
                                                                     : "\"pbx.example.com\"";
      g_autofree char *body =
        g_strdup_printf ("{\"name\": \"%s\", \"mac\": \"%s\", \"vendor\": \"%s\","
                         " \"model\": \"%s\", \"agent_id\": %s, \"enabled\": %s,"
                         " \"sip_server\": %s}",
                         phones[i].name, phones[i].mac, phones[i].vendor, phones[i].model, agent,
                         phones[i].enabled ? "true" : "false", sip_server);
      gint64 id = create ("phones", body);

      if (phones[i].user_agent != NULL)
        fetch_config (id, phones[i].user_agent);
      if (i == 0)
        reception_phone = id;
    }

  /* The receptionist's EXP50: the team as BLFs. */
  for (guint i = 0; i < G_N_ELEMENTS (agents); i++)
    g_string_append_printf (sidecar_keys, "%s{\"index\": %u, \"type\": \"blf\", \"value\": \"%s\","
                            " \"line\": 1, \"agent_id\": %" G_GINT64_FORMAT "}",
                            i > 0 ? ", " : "", i + 1, extensions[i], agents[i]);
  {
    g_autofree char *body = g_strdup_printf ("{\"name\": \"Empfang EXP50\", \"description\":"
                                             " \"Das ganze Büro auf einen Blick\","
                                             " \"module\": \"yealink-exp50\", \"is_default\": true,"
                                             " \"keys\": [%s]}", sidecar_keys->str);
    sidecar = create ("module-layouts", body);
  }
  /* Some keys with a label, some without: those show their value, or
   * their type's name. */
  reception = create ("layouts",
    "{\"name\": \"Empfang\", \"description\": \"Leitungen, Parken und das Team\","
    " \"model\": \"yealink-t54w\", \"keys\": ["
    "{\"index\": 1, \"type\": \"line\", \"label\": \"Zentrale\", \"line\": 1},"
    "{\"index\": 2, \"type\": \"line\", \"line\": 2},"
    "{\"index\": 3, \"type\": \"park\", \"value\": \"*85\", \"label\": \"Parken 1\", \"line\": 1},"
    "{\"index\": 4, \"type\": \"park_retrieve\", \"value\": \"*86\", \"line\": 1},"
    "{\"index\": 5, \"type\": \"conference\", \"line\": 1},"
    "{\"index\": 6, \"type\": \"speed_dial\", \"value\": \"+4930123456\","
    " \"label\": \"Zentrale Berlin\", \"line\": 1},"
    "{\"index\": 7, \"type\": \"feature_code\", \"value\": \"*78\", \"line\": 1},"
    "{\"index\": 8, \"type\": \"speed_dial\", \"value\": \"*97\", \"line\": 1},"
    "{\"index\": 10, \"type\": \"blf\", \"value\": \"100\", \"label\": \"Helene Parkmann\","
    " \"line\": 1}"
    "]}");
  create ("layouts",
          "{\"name\": \"Standardplatz\", \"description\": \"Eine Leitung und die Mailbox\","
          " \"model\": \"yealink-t54w\", \"is_default\": true, \"keys\": ["
          "{\"index\": 1, \"type\": \"line\", \"line\": 1}]}");
  create ("layouts",
          "{\"name\": \"Vertrieb\", \"description\": \"Team-BLFs und die Warteschlange\","
          " \"model\": \"yealink-t46u\", \"is_default\": true, \"keys\": []}");
  create ("layouts",
          "{\"name\": \"Besprechungsraum\", \"model\": \"polycom-vvx450\", \"keys\": []}");

  {
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, reception_phone);
    g_autofree char *body = g_strdup_printf ("{\"layout_id\": %" G_GINT64_FORMAT ", \"modules\":"
                                             " [{\"module\": \"yealink-exp50\", \"layout_id\": %"
                                             G_GINT64_FORMAT "}], \"profile_id\": %" G_GINT64_FORMAT "}",
                                             reception, sidecar, branch);
    g_autoptr(PaTestResponse) response = pa_test_api (&office.http, "PATCH", path, body, "*");

    g_assert_cmpuint (response->status, ==, 200);
  }

  /* A firmware file for the T54W (bytes no phone would take: only the
   * record is looked at). */
  {
    static const char bytes[] = "PhoneAdmin German test firmware";
    g_autoptr(PaTestResponse) response =
      pa_test_request (&office.http, "POST",
                       "/api/v1/firmware/upload?vendor=yealink&models=yealink-t54w,yealink-t46u"
                       "&version=96.86.0.150&filename=T54W-96.86.0.150.rom"
                       "&name=Yealink%20Fr%C3%BChjahr",
                       "application/octet-stream", bytes, sizeof bytes - 1, TRUE, NULL);

    g_assert_cmpuint (response->status, ==, 201);
  }

  knock ("805ec01a2b20.cfg", "Yealink SIP-T54W 96.86.0.100 80:5e:c0:1a:2b:20");
  knock ("cfgc074ad221130.xml", "Grandstream Model HW GXP2170 SW 1.0.11.85 DevId c074ad221130");
}

/* The app's own local mode, as a first start has it, with the office in
 * its provd. */
static void
ensure_office (void)
{
  PaLocalServer *local;
  const char *url;

  if (office.connection != NULL)
    return;

  office.app = pa_application_new ();
  g_application_set_flags (G_APPLICATION (office.app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (office.app), NULL, NULL));

  office.connection = pa_app_test_connection_new ();
  pa_connection_connect_async (office.connection, NULL, NULL, NULL);
  pa_app_test_wait_until_seconds (connected, office.connection, TIMEOUT_S);
  g_assert_true (pa_connection_get_is_local (office.connection));

  local = pa_connection_get_local_server (office.connection);
  provd_pid = pa_local_server_get_pid (local);
  signal (SIGABRT, stop_provd_and_die);
  signal (SIGTRAP, stop_provd_and_die);
  url = pa_local_server_get_url (local);
  office.http.url = g_strndup (url, strlen (url) - (g_str_has_suffix (url, "/") ? 1 : 0));
  office.http.token = g_strdup (pa_local_server_get_token (local));
  office.http.session = soup_session_new ();

  fill_office ();
  pa_app_test_refresh_sync (pa_connection_get_repository (office.connection));
}

/* ---- checking ------------------------------------------------------- */

static void
maybe_draw (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("PA_SHOTS_DIR");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  file = g_strdup_printf ("german-%s.png", name);
  path = g_build_filename (dir, file, NULL);
  pa_app_test_draw_png (widget, path);
  g_test_message ("Drew %s", path);
}

/* Draws and checks @widget as it is now; the test fails (and goes on, so
 * one run lists everything) for each problem. */
static void
check_view (GtkWidget  *widget,
            const char *name)
{
  g_autoptr(GPtrArray) problems = NULL;

  settle (widget);
  maybe_draw (widget, name);
  problems = pa_l10n_check_widget (office.catalog, widget);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s: %s", name, (const char *) g_ptr_array_index (problems, i));
  if (problems->len > 0)
    g_test_fail_printf ("%s: %u %s with its German text (listed above)", name, problems->len,
                        problems->len == 1 ? "problem" : "problems");
}

static void
collect_menu_buttons (GtkWidget *widget,
                      GPtrArray *buttons)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_MENU_BUTTON (widget))
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_menu_buttons (c, buttons);
}

static gboolean
popover_mapped (gpointer button)
{
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

static gboolean
popover_unmapped (gpointer button)
{
  return !popover_mapped (button);
}

/* Opens each menu of @window in turn, as a click would, and checks it. */
static void
check_menus (GtkWidget  *window,
             const char *name)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect_menu_buttons (window, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = g_ptr_array_index (buttons, i);
      g_autofree char *view = g_strdup_printf ("%s-menu-%u", name, i + 1);

      gtk_menu_button_popup (button);
      pa_app_test_wait_until_seconds (popover_mapped, button, TIMEOUT_S);
      check_view (GTK_WIDGET (gtk_menu_button_get_popover (button)), view);
      gtk_menu_button_popdown (button);
      pa_app_test_wait_until_seconds (popover_unmapped, button, TIMEOUT_S);
    }
}

/* ---- the tests ------------------------------------------------------ */

/* gettext answers from the build tree's German catalog. */
static void
test_catalog (void)
{
  const char *translation = NULL;
  const char *english = pa_l10n_catalog_get_sample (office.catalog, &translation);

  g_assert_cmpuint (pa_l10n_catalog_get_size (office.catalog), >, 500);
  g_assert_nonnull (english);
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, english), ==, translation);
  /* The templates and gi18n.h's _() use the default domain. */
  g_assert_cmpstr (gettext (english), ==, translation);
}

/* A list page's state ("loading", "list", "no-results", …); Discovered
 * says "list" once both newcomers are listed. */
static const char *
page_state (GtkWidget *page)
{
  if (PA_IS_PHONES_PAGE (page))
    return pa_phones_page_get_state (PA_PHONES_PAGE (page));
  if (PA_IS_AGENTS_PAGE (page))
    return pa_agents_page_get_state (PA_AGENTS_PAGE (page));
  if (PA_IS_LAYOUTS_PAGE (page))
    return pa_layouts_page_get_state (PA_LAYOUTS_PAGE (page));
  if (PA_IS_PROFILES_PAGE (page))
    return pa_profiles_page_get_state (PA_PROFILES_PAGE (page));
  if (PA_IS_FIRMWARE_PAGE (page))
    return pa_firmware_page_get_state (PA_FIRMWARE_PAGE (page));
  g_assert_true (PA_IS_DISCOVERED_PAGE (page));
  return !pa_discovered_page_get_busy (PA_DISCOVERED_PAGE (page))
         && pa_discovered_page_get_badge (PA_DISCOVERED_PAGE (page)) == 2 ? "list" : "loading";
}

typedef struct
{
  GtkWidget  *page;
  const char *state;
} PageState;

static gboolean
page_in_state (gpointer data)
{
  PageState *wanted = data;

  return g_str_equal (page_state (wanted->page), wanted->state);
}

static void
wait_for_state (GtkWidget  *page,
                const char *state)
{
  PageState wanted = { page, state };

  pa_app_test_wait_until_seconds (page_in_state, &wanted, TIMEOUT_S);
}

/* Searching: the search entry with its placeholder, then a search that
 * finds nothing, with its status page. FALSE for a page without search. */
static gboolean
search (GtkWidget  *page,
        gboolean    on,
        const char *query)
{
  if (PA_IS_PHONES_PAGE (page))
    {
      pa_phones_page_set_search_mode (PA_PHONES_PAGE (page), on);
      pa_phones_page_set_query (PA_PHONES_PAGE (page), query);
    }
  else if (PA_IS_AGENTS_PAGE (page))
    {
      pa_agents_page_set_search_mode (PA_AGENTS_PAGE (page), on);
      pa_agents_page_set_query (PA_AGENTS_PAGE (page), query);
    }
  else if (PA_IS_LAYOUTS_PAGE (page))
    {
      pa_layouts_page_set_search_mode (PA_LAYOUTS_PAGE (page), on);
      pa_layouts_page_set_query (PA_LAYOUTS_PAGE (page), query);
    }
  else if (PA_IS_PROFILES_PAGE (page))
    {
      pa_profiles_page_set_search_mode (PA_PROFILES_PAGE (page), on);
      pa_profiles_page_set_query (PA_PROFILES_PAGE (page), query);
    }
  else if (PA_IS_FIRMWARE_PAGE (page))
    {
      pa_firmware_page_set_search_mode (PA_FIRMWARE_PAGE (page), on);
      pa_firmware_page_set_query (PA_FIRMWARE_PAGE (page), query);
    }
  else
    return FALSE;
  return TRUE;
}

static void
check_section (GtkWidget  *page,
               const char *name)
{
  g_autofree char *searching = g_strdup_printf ("%s-search", name);
  g_autofree char *nothing = g_strdup_printf ("%s-no-results", name);

  wait_for_state (page, "list");
  check_view (GTK_WIDGET (office.window), name);
  if (!search (page, TRUE, ""))
    return;
  check_view (GTK_WIDGET (office.window), searching);
  search (page, TRUE, "xyzzy");
  wait_for_state (page, "no-results");
  check_view (GTK_WIDGET (office.window), nothing);
  search (page, FALSE, "");
  wait_for_state (page, "list");
}

static void
test_main_window (void)
{
  guint n_sections = 0;
  const PaSection *sections;
  GtkWidget *help;

  ensure_office ();
  office.window = g_object_new (PA_TYPE_WINDOW, "application", office.app,
                                "connection", office.connection, NULL);
  gtk_window_present (GTK_WINDOW (office.window));

  sections = pa_section_get_all (&n_sections);
  for (guint i = 0; i < n_sections; i++)
    {
      GtkWidget *page = pa_window_get_page (office.window, sections[i].id);

      pa_window_set_section (office.window, sections[i].id);
      check_section (page, sections[i].id);
      if (PA_IS_LAYOUTS_PAGE (page))
        {
          pa_layouts_page_set_view (PA_LAYOUTS_PAGE (page), PA_LAYOUTS_VIEW_MODULES);
          check_section (page, "layouts-sidecars");
          pa_layouts_page_set_view (PA_LAYOUTS_PAGE (page), PA_LAYOUTS_VIEW_PHONES);
        }
    }
  pa_window_set_section (office.window, "phones");
  check_menus (GTK_WIDGET (office.window), "main-window");

  /* The selection bar, two phones selected, and its menu. */
  {
    PaPhonesPage *phones = PA_PHONES_PAGE (pa_window_get_page (office.window, "phones"));
    GtkSelectionModel *selection = pa_phones_page_get_selection (phones);

    gtk_selection_model_select_range (selection, 0, 2, TRUE);
    check_view (GTK_WIDGET (office.window), "phones-selection");
    check_menus (pa_phones_page_get_bulk_bar (phones), "phones-selection");
    gtk_selection_model_unselect_all (selection);
  }

  /* Keyboard Shortcuts, as win.show-help-overlay shows it. */
  help = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (office.window)));
  g_assert_nonnull (help);
  gtk_window_present (GTK_WINDOW (help));
  check_view (help, "shortcuts");
  gtk_widget_set_visible (help, FALSE);
}

static gboolean
requests_loaded (gpointer editor)
{
  AdwExpanderRow *row = ADW_EXPANDER_ROW (gtk_widget_get_template_child (editor,
                                                                       PA_TYPE_PHONE_EDITOR,
                                                                       "fetches_row"));

  return g_strcmp0 (adw_expander_row_get_subtitle (row), _("Loading…")) != 0;
}

typedef enum
{
  SCROLLS,    /* a long form, scrolled in English too */
  FITS,       /* all its text in view at the default size, as in English */
} FormSize;

/* The first label under @widget whose text is not all inside @view. */
static GtkWidget *
label_out_of_view (GtkWidget *widget,
                   GtkWidget *view)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0'
      && gtk_widget_compute_bounds (widget, view, &bounds)
      && (bounds.origin.y < -1
          || bounds.origin.y + bounds.size.height > gtk_widget_get_height (view) + 1))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = label_out_of_view (c, view);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Checks a window with a scrolled form, then, for the eye, draws it a page
 * at a time from the top to the end. Where the English text of a form all
 * shows at the default size, the German must too: there, text scrolled
 * out of view is text cut off. */
static void
check_form (GtkWidget  *window,
            const char *name,
            FormSize    size)
{
  GtkWidget *scrolled = pa_app_test_find_descendant (window, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  GtkWidget *hidden;

  check_view (window, name);
  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (size == FITS && (hidden = label_out_of_view (scrolled, scrolled)) != NULL)
    g_test_fail_printf ("%s: “%s” is not all in view at the default size", name,
                        gtk_label_get_text (GTK_LABEL (hidden)));
  for (guint page = 2; g_getenv ("PA_SHOTS_DIR") != NULL; page++)
    {
      double step = gtk_adjustment_get_page_size (adjustment);
      double end = gtk_adjustment_get_upper (adjustment) - step;
      double value = gtk_adjustment_get_value (adjustment);
      g_autofree char *shot = g_strdup_printf ("%s-%u", name, page);

      if (value >= end)
        break;
      gtk_adjustment_set_value (adjustment, MIN (end, value + step * 0.9));
      settle (window);
      maybe_draw (window, shot);
    }
}

static GtkWidget *
open_editor (PaPhone *phone)
{
  GtkWidget *editor = pa_phone_editor_new (office.window ? GTK_WINDOW (office.window) : NULL,
                                           pa_connection_get_repository (office.connection), phone);

  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
close_window (GtkWidget *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  gtk_window_destroy (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (pa_app_test_pointer_cleared, &weak, TIMEOUT_S);
}

/* A provisioning phone with agent, layout, sidecar and its requests open;
 * the warehouse phone, which needs attention (the local provd says why);
 * then a new phone. */
static void
test_phone_editor (void)
{
  PaRepository *repo;
  PaPhone *phone;
  GtkWidget *editor;

  ensure_office ();
  repo = pa_connection_get_repository (office.connection);
  phone = pa_repository_find_phone_by_mac (repo, "80:5E:C0:1A:2B:01");
  g_assert_nonnull (phone);
  editor = open_editor (phone);
  pa_app_test_wait_until_seconds (requests_loaded, editor, TIMEOUT_S);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_template_child (editor,
                                                   PA_TYPE_PHONE_EDITOR, "fetches_row")), TRUE);
  check_form (editor, "phone-editor", SCROLLS);
  check_menus (editor, "phone-editor");
  close_window (editor);

  phone = pa_repository_find_phone_by_mac (repo, "00:04:13:55:66:07");
  g_assert_nonnull (phone);
  g_assert_nonnull (pa_phone_get_attention (phone)[0]);
  editor = open_editor (phone);
  pa_app_test_wait_until_seconds (requests_loaded, editor, TIMEOUT_S);
  check_form (editor, "phone-editor-attention", SCROLLS);
  close_window (editor);

  editor = open_editor (NULL);
  check_form (editor, "phone-editor-new", SCROLLS);
  close_window (editor);
}

static gboolean
profile_editor_ready (gpointer editor)
{
  return pa_profile_editor_get_settings_loaded (editor);
}

/* The branch profile: what it inherits from the company and the server,
 * one value of its own, the codecs' order and the parameters. */
static void
test_profile_editor (void)
{
  PaRepository *repo;
  GListModel *profiles;
  PaProfile *branch = NULL;
  GtkWidget *editor, *codecs;

  ensure_office ();
  repo = pa_connection_get_repository (office.connection);
  profiles = pa_repository_get_profiles (repo);
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(PaProfile) profile = g_list_model_get_item (profiles, i);

      if (g_str_equal (pa_profile_get_name (profile), "Filiale Hamburg"))
        branch = profile;
    }
  g_assert_nonnull (branch);
  editor = pa_profile_editor_new (office.window ? GTK_WINDOW (office.window) : NULL, repo, branch);
  gtk_window_present (GTK_WINDOW (editor));
  pa_app_test_wait_until_seconds (profile_editor_ready, editor, TIMEOUT_S);
  codecs = pa_profile_editor_get_row (PA_PROFILE_EDITOR (editor), PA_PROFILE_MEMBER_CODECS);
  g_assert_true (gtk_widget_activate_action (codecs, "inherit.override", NULL));
  g_assert_true (gtk_widget_activate_action (editor, "editor.add-param", NULL));
  check_form (editor, "profile-editor", SCROLLS);
  close_window (editor);

  editor = pa_profile_editor_new (office.window ? GTK_WINDOW (office.window) : NULL, repo, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  pa_app_test_wait_until_seconds (profile_editor_ready, editor, TIMEOUT_S);
  check_form (editor, "profile-editor-new", SCROLLS);
  close_window (editor);
}

static gboolean
upload_dialog_idle (gpointer dialog)
{
  return !pa_firmware_upload_dialog_get_busy (dialog);
}

/* Upload Firmware… for a file whose name gives the model and version,
 * then with a version the server would refuse; the editor of the
 * office's firmware. Nothing is uploaded. */
static void
test_firmware (void)
{
  PaRepository *repo;
  GtkWindow *parent;
  GtkWidget *window;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("pa-german-firmware-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GListModel *firmware;
  g_autoptr(PaFirmware) record = NULL;

  g_assert_no_error (error);
  ensure_office ();
  repo = pa_connection_get_repository (office.connection);
  parent = office.window ? GTK_WINDOW (office.window) : NULL;

  path = g_build_filename (folder, "T54W-96.86.0.160.rom", NULL);
  g_file_set_contents (path, "firmware", -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  window = pa_firmware_upload_dialog_new (parent, repo, file);
  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (upload_dialog_idle, window, TIMEOUT_S);
  check_form (window, "firmware-upload", FITS);
  gtk_editable_set_text (GTK_EDITABLE (gtk_widget_get_template_child (window,
                                                                      PA_TYPE_FIRMWARE_UPLOAD_DIALOG,
                                                                      "version_row")),
                         "96.86 beta");
  check_form (window, "firmware-upload-refused", FITS);
  close_window (window);
  g_unlink (path);
  g_rmdir (folder);

  firmware = pa_repository_get_firmware (repo);
  g_assert_cmpuint (g_list_model_get_n_items (firmware), ==, 1);
  record = g_list_model_get_item (firmware, 0);
  window = pa_firmware_editor_new (parent, repo, record);
  gtk_window_present (GTK_WINDOW (window));
  check_form (window, "firmware-editor", SCROLLS);
  close_window (window);
}

static gboolean
agent_editor_idle (gpointer editor)
{
  return !pa_editor_get_busy (PA_EDITOR (editor));
}

static gboolean
settings_idle (gpointer window)
{
  return !pa_editor_get_busy (PA_EDITOR (window));
}

static PaAgent *
find_agent (const char *name)
{
  GListModel *agents = pa_repository_get_agents (pa_connection_get_repository (office.connection));

  for (guint i = 0; i < g_list_model_get_n_items (agents); i++)
    {
      g_autoptr(PaAgent) agent = g_list_model_get_item (agents, i);

      if (g_str_equal (pa_agent_get_name (agent), name))
        return agent;
    }
  g_assert_not_reached ();
}

static gboolean
import_idle (gpointer dialog)
{
  return !pa_import_dialog_get_busy (dialog);
}

/* Import from CSV: before a file is chosen, then a file the local provd
 * checked (its messages in German too), one row with a MAC that is not
 * one, then the file fixed and imported. The dialogs come last, so the
 * two new phones change nothing another test looks at. */
static void
check_import_dialog (GtkWindow    *parent,
                     PaRepository *repo)
{
  static const char csv[] =
    "MAC,Model,Name\r\n"
    "80:5E:C0:1A:2B:31,Yealink T54W,Flur\r\n"
    "80:5E:C0:1A:2B:ZZ,Yealink T46U,Archiv\r\n"
    "64:16:7F:3C:4D:32,Polycom VVX 450,Besprechungsraum 2\r\n";
  static const char fixed[] =
    "MAC,Model,Name\r\n"
    "80:5E:C0:1A:2B:31,Yealink T54W,Flur\r\n"
    "64:16:7F:3C:4D:32,Polycom VVX 450,Besprechungsraum 2\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("pa-german-import-XXXXXX", &error);
  g_autofree char *path = g_build_filename (folder, "telefone.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWidget *window;

  g_assert_no_error (error);
  g_file_set_contents (path, csv, -1, &error);
  g_assert_no_error (error);

  window = pa_import_dialog_new (parent, repo);
  gtk_window_present (GTK_WINDOW (window));
  check_view (window, "import");
  pa_import_dialog_load_file (PA_IMPORT_DIALOG (window), file);
  pa_app_test_wait_until_seconds (import_idle, window, TIMEOUT_S);
  g_assert_cmpstr (pa_import_dialog_get_state (PA_IMPORT_DIALOG (window)), ==, "rows");
  check_view (window, "import-rows");

  /* Fixed, imported: what is left once the phones are made (their
   * passwords' summary is scan mode's, and random passwords are no text
   * to check). */
  g_file_set_contents (path, fixed, -1, &error);
  g_assert_no_error (error);
  pa_import_dialog_load_file (PA_IMPORT_DIALOG (window), file);
  pa_app_test_wait_until_seconds (import_idle, window, TIMEOUT_S);
  gtk_widget_activate_action (window, "import.run", NULL);
  pa_app_test_wait_until_seconds (import_idle, window, TIMEOUT_S);
  g_assert_cmpstr (pa_import_dialog_get_state (PA_IMPORT_DIALOG (window)), ==, "done");
  check_view (window, "import-done");
  close_window (window);

  g_unlink (path);
  g_rmdir (folder);
}

static void
chooser_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(JsonNode) choice = pa_bulk_chooser_run_finish (result, NULL, NULL);
}

/* The other windows a person meets: an agent, Connect to Server, Server
 * Settings, scan mode with two boxes scanned (one twice), Import from CSV,
 * the layout chooser of a bulk action and a new phone's credentials. */
static void
test_dialogs (void)
{
  PaRepository *repo;
  GtkWindow *parent;
  GtkWidget *window;

  ensure_office ();
  repo = pa_connection_get_repository (office.connection);
  parent = office.window ? GTK_WINDOW (office.window) : NULL;

  window = pa_agent_editor_new (parent, repo, find_agent ("Maria Lopez"));
  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (agent_editor_idle, window, TIMEOUT_S);
  check_form (window, "agent-editor", FITS);
  close_window (window);

  window = pa_connect_dialog_new (parent, office.connection);
  gtk_window_present (GTK_WINDOW (window));
  check_form (window, "connect-dialog", FITS);
  close_window (window);

  window = pa_settings_window_new (parent, office.connection);
  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_wait_until_seconds (settings_idle, window, TIMEOUT_S);
  check_form (window, "settings", SCROLLS);
  close_window (window);

  window = pa_scan_dialog_new (parent, repo);
  gtk_window_present (GTK_WINDOW (window));
  check_form (window, "scan-empty", FITS);
  g_assert_nonnull (pa_scan_dialog_add_scan (PA_SCAN_DIALOG (window), "805EC01A2B21"));
  g_assert_nonnull (pa_scan_dialog_add_scan (PA_SCAN_DIALOG (window), "64167F3C4D22"));
  g_assert_null (pa_scan_dialog_add_scan (PA_SCAN_DIALOG (window), "80-5E-C0-1A-2B-21"));
  check_form (window, "scan", FITS);
  close_window (window);

  check_import_dialog (parent, repo);

  /* Apply Layout… for the selected T54Ws: the chooser. */
  {
    g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_object_unref);
    GListModel *all = pa_repository_get_phones (repo);

    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(PaPhone) phone = g_list_model_get_item (all, i);

        if (g_str_equal (pa_phone_get_model (phone), "yealink-t54w"))
          g_ptr_array_add (phones, g_steal_pointer (&phone));
      }
    g_assert_cmpuint (phones->len, >, 1);
    pa_bulk_chooser_run_async (parent, repo, pa_bulk_action_lookup ("apply_layout"), phones, NULL,
                               chooser_done_cb, NULL);
    window = GTK_WIDGET (pa_app_test_find_window (PA_TYPE_BULK_CHOOSER));
    g_assert_nonnull (window);
    check_form (window, "bulk-chooser", FITS);
    close_window (window);
  }

  window = pa_credentials_dialog_new (parent, "http://192.0.2.10:8670/p/Vq3kZ8/805ec01a2b11.cfg",
                                      "ph805ec01a2b11", "k7Vx-93Tq-pL2m");
  gtk_window_present (GTK_WINDOW (window));
  check_form (window, "credentials", FITS);
  close_window (window);
}

static gboolean
sidecar_shown (gpointer designer)
{
  return pa_layout_designer_get_n_modules (designer) == 1;
}

/* The receptionist's layout, with the EXP50 the phone has. */
static void
test_designer (void)
{
  PaRepository *repo;
  GListModel *layouts;
  PaLayout *reception = NULL;
  GtkWidget *designer;

  ensure_office ();
  repo = pa_connection_get_repository (office.connection);
  layouts = pa_repository_get_layouts (repo);
  for (guint i = 0; i < g_list_model_get_n_items (layouts); i++)
    {
      g_autoptr(PaLayout) layout = g_list_model_get_item (layouts, i);

      if (g_str_equal (pa_layout_get_name (layout), "Empfang"))
        reception = layout;
    }
  g_assert_nonnull (reception);

  designer = pa_layout_designer_new (office.window ? GTK_WINDOW (office.window) : NULL, repo,
                                     reception);
  gtk_window_present (GTK_WINDOW (designer));
  pa_app_test_wait_until_seconds (sidecar_shown, designer, TIMEOUT_S);
  check_view (designer, "designer");
  check_menus (designer, "designer");
  close_window (designer);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("PA_LOCALEDIR");
  int status;

  /* German from the build tree's catalog, whatever this machine has: it
   * may have no de_DE locale at all (only C and C.UTF-8). gettext takes
   * the language from LANGUAGE under any locale but plain "C" (where it
   * ignores LANGUAGE by design), so C.UTF-8 with LANGUAGE=de gives German
   * messages, plural rules included (they come from the catalog); only
   * dates and numbers keep C's format. GTK's and libadwaita's own strings
   * come from their installed catalogs the same way. In the environment,
   * not only in this process: the local provd the app starts inherits it,
   * as it would a German desktop's, and says why a phone needs attention
   * in German too. */
  g_setenv ("LANGUAGE", "de", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_nonnull (setlocale (LC_ALL, ""));
  g_assert_nonnull (localedir);
  pa_application_bind_textdomain ();

  office.home = g_dir_make_tmp ("pa-german-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", office.home, TRUE);
  pa_app_test_local_port_of_its_own ();

  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();
  /* Every window at once in its final layout (see settle). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  office.mo_path = g_build_filename (localedir, "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  g_assert_nonnull (g_getenv ("PA_MESSAGES"));
  office.catalog = pa_l10n_catalog_load (g_getenv ("PA_MESSAGES"), office.mo_path, &error);
  g_assert_no_error (error);

  g_test_add_func ("/german/catalog", test_catalog);
  g_test_add_func ("/german/main-window", test_main_window);
  g_test_add_func ("/german/phone-editor", test_phone_editor);
  g_test_add_func ("/german/designer", test_designer);
  g_test_add_func ("/german/profile-editor", test_profile_editor);
  g_test_add_func ("/german/firmware", test_firmware);
  g_test_add_func ("/german/dialogs", test_dialogs);
  status = g_test_run ();

  if (office.window != NULL)
    gtk_window_destroy (GTK_WINDOW (office.window));
  if (office.connection != NULL)
    pa_connection_shutdown (office.connection);
  g_clear_object (&office.connection);
  g_clear_object (&office.app);
  g_clear_object (&office.http.session);
  g_free (office.http.url);
  g_free (office.http.token);
  g_clear_pointer (&office.catalog, pa_l10n_catalog_free);
  g_free (office.mo_path);
  {
    const char *rm[] = { "rm", "-rf", office.home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
  g_free (office.home);
  return status;
}
