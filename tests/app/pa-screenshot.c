/* pa-screenshot.c — render the real app's windows to PNG for screenshots/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: pa-screenshot OUTPUT-DIR
 * Run under Xvfb with $PA_PROVD set (tools/screenshots.sh does). It starts
 * a real provd on loopback, fills it with a small office through the REST
 * API (some phones fetch their config as a Yealink would, so they show as
 * Provisioning), and draws each window with its own GSK renderer, so the
 * picture is what the window shows, without a window manager's frame.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "../server/pa-test-server.h"
#include "pa-connect-dialog.h"
#include "pa-firmware-upload-dialog.h"
#include "pa-layout-designer.h"
#include "pa-layouts-page.h"
#include "pa-credentials-dialog.h"
#include "pa-mac.h"
#include "pa-mac-entry.h"
#include "pa-memory-credential-store.h"
#include "pa-phone-editor.h"
#include "pa-phones-page.h"
#include "pa-profile-editor.h"
#include "pa-renderer.h"
#include "pa-scan-credentials-dialog.h"
#include "pa-scan-dialog.h"
#include "pa-settings-window.h"
#include "pa-window.h"

static gboolean
save_window (GtkWidget  *window,
             const char *path,
             GError    **error)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The window drew nothing");
      return FALSE;
    }

  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Could not write %s", path);
      return FALSE;
    }
  return TRUE;
}

/* Lets the window map, lay out and draw. Bounded by time: a spinner keeps
 * the main context busy forever. */
static void
wait_ms (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

static void
save_or_die (GtkWidget  *window,
             const char *dir,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);

  wait_ms (600);
  if (!save_window (window, path, &error))
    g_error ("%s", error->message);
  g_print ("%s\n", path);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (PA_IS_CONNECTION (source))
    pa_connection_connect_to_server_finish (PA_CONNECTION (source), result, &error);
  else
    pa_repository_refresh_finish (PA_REPOSITORY (source), result, &error);
  if (error != NULL)
    g_error ("%s", error->message);
  *(gboolean *) user_data = TRUE;
}

static void
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;

  while (!*flag)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Timed out");
      g_main_context_iteration (NULL, TRUE);
    }
}

static gint64
create_agent (PaTestServer *server,
              const char   *name,
              const char   *extension,
              const char   *email)
{
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"extension\": \"%s\","
                                           " \"email\": \"%s\"}", name, extension, email);
  return pa_test_create (server, "agents", body);
}

typedef struct
{
  const char *name;
  const char *mac;
  const char *vendor;
  const char *model;
  int         agent;       /* index into the agents, -1 for none */
  gboolean    enabled;
  const char *user_agent;  /* fetches its config with it when set */
} SamplePhone;

static void
fetch_config (PaTestServer *server,
              gint64        id,
              const char   *user_agent)
{
  g_autoptr(PaTestResponse) phone = pa_test_get (server, "phones", id);
  JsonObject *object = pa_test_response_object (phone);
  g_autofree char *compact = pa_mac_to_compact (json_object_get_string_member (object, "mac"));
  g_autofree char *path = g_strdup_printf ("/p/%s/%s.cfg",
                                           json_object_get_string_member (object, "token"),
                                           compact);
  const char *headers[] = { "User-Agent", user_agent, NULL };
  g_autoptr(PaTestResponse) response = NULL;

  response = pa_test_request (server, "GET", path, NULL, NULL, 0, FALSE, headers);
  if (response->status != 200)
    g_error ("Fetching %s answered %u", path, response->status);
}

static void
report_registered (PaTestServer *server,
                   gint64        id)
{
  g_autoptr(PaTestResponse) phone = pa_test_get (server, "phones", id);
  JsonObject *object = pa_test_response_object (phone);
  gint64 line = json_array_get_int_element (json_object_get_array_member (object, "lines"), 0);
  g_autoptr(PaTestResponse) account = pa_test_get (server, "sip-accounts", line);
  const char *user = json_object_get_string_member (pa_test_response_object (account), "username");
  g_autofree char *body = g_strdup_printf ("{\"event\": \"registered\", \"user\": \"%s\","
                                           " \"mac\": \"%s\", \"contact\": \"sip:%s@127.0.0.1:5060\"}",
                                           user, json_object_get_string_member (object, "mac"), user);
  g_autoptr(PaTestResponse) reported = pa_test_api (server, "POST", "/api/v1/events/registration",
                                                    body, NULL);

  if (reported->status != 200)
    g_error ("Reporting %s registered answered %u: %s", user, reported->status, reported->text);
}

static void
fill_office (PaTestServer *server)
{
  static const SamplePhone phones[] = {
    { "Reception", "80:5E:C0:1A:2B:01", "yealink", "yealink-t54w", 0, TRUE,
      "Yealink SIP-T54W 96.86.0.100 80:5e:c0:1a:2b:01" },
    { "Sales Desk 1", "80:5E:C0:1A:2B:02", "yealink", "yealink-t46u", 1, TRUE,
      "Yealink SIP-T46U 108.86.0.45 80:5e:c0:1a:2b:02" },
    { "Sales Desk 2", "80:5E:C0:1A:2B:03", "yealink", "yealink-t46u", 2, TRUE, NULL },
    { "Boardroom", "64:16:7F:3C:4D:10", "polycom", "polycom-vvx450", -1, TRUE, NULL },
    { "Support Lead", "C0:74:AD:22:11:05", "grandstream", "grandstream-gxp2170", 3, TRUE, NULL },
    { "Warehouse", "00:04:13:55:66:07", "snom", "snom-d785", -1, TRUE, NULL },
    { "Kitchen", "0C:38:3E:77:88:09", "fanvil", "fanvil-x4u", -1, FALSE, NULL },
    { "Director", "80:5E:C0:1A:2B:0A", "yealink", "yealink-t58w", 0, TRUE,
      "Yealink SIP-T58W 150.86.0.12 80:5e:c0:1a:2b:0a" },
  };
  gint64 agents[5];

  agents[0] = create_agent (server, "Maria Lopez", "200", "maria.lopez@example.com");
  agents[1] = create_agent (server, "Tom Becker", "211", "tom.becker@example.com");
  agents[2] = create_agent (server, "Aisha Khan", "212", "aisha.khan@example.com");
  agents[3] = create_agent (server, "Lukas Novak", "230", "lukas.novak@example.com");
  agents[4] = create_agent (server, "Helen Park", "100", "helen.park@example.com");

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *agent = phones[i].agent >= 0
        ? g_strdup_printf ("%" G_GINT64_FORMAT, agents[phones[i].agent])
        : g_strdup ("null");
      /* The office's PBX is named on each phone, but someone forgot the
       * warehouse: that row shows what a phone that cannot work looks like. */
      const char *sip_server = g_str_equal (phones[i].name, "Warehouse")
                               ? "null" : "\"pbx.example.com\"";
      g_autofree char *body =
        g_strdup_printf ("{\"name\": \"%s\", \"mac\": \"%s\", \"vendor\": \"%s\","
                         " \"model\": \"%s\", \"agent_id\": %s, \"enabled\": %s,"
                         " \"sip_server\": %s}",
                         phones[i].name, phones[i].mac, phones[i].vendor, phones[i].model,
                         agent, phones[i].enabled ? "true" : "false", sip_server);
      gint64 id = pa_test_create (server, "phones", body);

      if (phones[i].user_agent != NULL)
        fetch_config (server, id, phones[i].user_agent);
      /* The office's PBX reports these two registered. */
      if (g_str_equal (phones[i].name, "Reception") || g_str_equal (phones[i].name, "Sales Desk 1"))
        report_registered (server, id);
    }

  /* Two new phones just plugged in, asking the site's bootstrap URL. */
  {
    static const char *const newcomers[][2] = {
      { "805ec01a2b20.cfg", "Yealink SIP-T54W 96.86.0.100 80:5e:c0:1a:2b:20" },
      { "cfgc074ad221130.xml", "Grandstream Model HW GXP2170 SW 1.0.11.85 DevId c074ad221130" },
    };
    g_autoptr(PaTestResponse) info = pa_test_api (server, "GET", "/api/v1", NULL, NULL);
    const char *url = json_object_get_string_member (pa_test_response_object (info),
                                                     "bootstrap_url");

    for (guint i = 0; i < G_N_ELEMENTS (newcomers); i++)
      {
        g_autofree char *path = g_strconcat (strstr (url, "/p/"), newcomers[i][0], NULL);
        const char *headers[] = { "User-Agent", newcomers[i][1], NULL };
        g_autoptr(PaTestResponse) r = pa_test_request (server, "GET", path, NULL, NULL, -1, FALSE,
                                                       headers);
      }
  }
}

/* ---- layouts -------------------------------------------------------- */

/* A receptionist's T54W with an EXP50 whose first page is the whole
 * office as BLFs, plus the layouts a small office has. */
static void
fill_layouts (PaTestServer *server)
{
  static const char *colleagues[][2] = {
    { "Noah Fischer", "213" }, { "Emma Schulz", "214" }, { "Liam Weber", "215" },
    { "Olivia Wagner", "216" }, { "Ben Hoffmann", "217" }, { "Mia Koch", "218" },
    { "Paul Richter", "219" }, { "Lena Klein", "220" }, { "Jonas Wolf", "221" },
    { "Sofia Neumann", "222" }, { "Felix Braun", "223" }, { "Hanna Zimmer", "224" },
    { "Leon Krüger", "225" }, { "Clara Hartmann", "226" }, { "Elias Lange", "227" },
  };
  g_autoptr(GString) sidecar = g_string_new ("{\"name\": \"Reception EXP50\","
                                             " \"description\": \"The whole office at a glance\","
                                             " \"module\": \"yealink-exp50\", \"is_default\": true,"
                                             " \"keys\": [");
  g_autoptr(PaTestResponse) agents = NULL;
  JsonArray *items;
  guint index = 1;
  gint64 reception, module_layout, phone_id = 0;

  for (guint i = 0; i < G_N_ELEMENTS (colleagues); i++)
    {
      g_autofree char *email = g_strdup_printf ("%s@example.com", colleagues[i][1]);
      create_agent (server, colleagues[i][0], colleagues[i][1], email);
    }
  agents = pa_test_api (server, "GET", "/api/v1/agents?limit=100", NULL, NULL);
  items = json_object_get_array_member (pa_test_response_object (agents), "items");
  for (guint i = 0; i < json_array_get_length (items) && index <= 20; i++)
    {
      JsonObject *agent = json_array_get_object_element (items, i);

      g_string_append_printf (sidecar, "%s{\"index\": %u, \"type\": \"blf\", \"value\": \"%s\","
                              " \"label\": \"%s\", \"line\": 1, \"agent_id\": %" G_GINT64_FORMAT "}",
                              index > 1 ? ", " : "", index,
                              json_object_get_string_member (agent, "extension"),
                              json_object_get_string_member (agent, "name"),
                              json_object_get_int_member (agent, "id"));
      index++;
    }
  g_string_append (sidecar, "]}");
  module_layout = pa_test_create (server, "module-layouts", sidecar->str);

  reception = pa_test_create (server, "layouts",
    "{\"name\": \"Reception\", \"description\": \"Front desk: lines, park and the team\","
    " \"model\": \"yealink-t54w\", \"keys\": ["
    "{\"index\": 1, \"type\": \"line\", \"label\": \"Main\", \"line\": 1},"
    "{\"index\": 2, \"type\": \"line\", \"label\": \"Sales\", \"line\": 2},"
    "{\"index\": 3, \"type\": \"park\", \"value\": \"*85\", \"label\": \"Park 1\", \"line\": 1},"
    "{\"index\": 4, \"type\": \"park_retrieve\", \"value\": \"*86\", \"label\": \"Retrieve\", \"line\": 1},"
    "{\"index\": 5, \"type\": \"conference\", \"label\": \"Conference\", \"line\": 1},"
    "{\"index\": 6, \"type\": \"speed_dial\", \"value\": \"+4930123456\", \"label\": \"Head Office\", \"line\": 1},"
    "{\"index\": 7, \"type\": \"feature_code\", \"value\": \"*78\", \"label\": \"Do Not Disturb\", \"line\": 1},"
    "{\"index\": 10, \"type\": \"blf\", \"value\": \"100\", \"label\": \"Helen Park\", \"line\": 1}"
    "]}");
  pa_test_create (server, "layouts",
    "{\"name\": \"Standard Desk\", \"description\": \"One line and voicemail\","
    " \"model\": \"yealink-t54w\", \"is_default\": true, \"keys\": ["
    "{\"index\": 1, \"type\": \"line\", \"line\": 1},"
    "{\"index\": 2, \"type\": \"speed_dial\", \"value\": \"*97\", \"label\": \"Voicemail\", \"line\": 1}]}");
  pa_test_create (server, "layouts",
    "{\"name\": \"Sales Floor\", \"description\": \"Team BLFs and the queue\","
    " \"model\": \"yealink-t46u\", \"is_default\": true, \"keys\": ["
    "{\"index\": 1, \"type\": \"line\", \"line\": 1},"
    "{\"index\": 2, \"type\": \"blf\", \"value\": \"211\", \"label\": \"Tom Becker\", \"line\": 1}]}");
  pa_test_create (server, "layouts",
    "{\"name\": \"Boardroom\", \"model\": \"polycom-vvx450\", \"keys\": []}");

  /* The Reception phone gets both; the Director's T58W has none. */
  {
    g_autoptr(PaTestResponse) phones = pa_test_api (server, "GET", "/api/v1/phones?limit=100",
                                                    NULL, NULL);
    JsonArray *list = json_object_get_array_member (pa_test_response_object (phones), "items");

    for (guint i = 0; i < json_array_get_length (list); i++)
      {
        JsonObject *phone = json_array_get_object_element (list, i);

        if (g_strcmp0 (json_object_get_string_member (phone, "name"), "Reception") == 0)
          phone_id = json_object_get_int_member (phone, "id");
      }
  }
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, phone_id);
    g_autofree char *body = g_strdup_printf ("{\"layout_id\": %" G_GINT64_FORMAT ","
                                             " \"modules\": [{\"module\": \"yealink-exp50\","
                                             " \"layout_id\": %" G_GINT64_FORMAT "}]}",
                                             reception, module_layout);
    g_autoptr(PaTestResponse) response = pa_test_api (server, "PATCH", path, body, "*");

    if (response->status != 200)
      g_error ("Assigning the layouts answered %u: %s", response->status, response->text);
  }
}

static void
shoot_layouts (PaWindow     *window,
               PaTestServer *server,
               PaRepository *repo,
               const char   *dir)
{
  gboolean done = FALSE;
  GListModel *layouts;
  PaLayout *reception = NULL;
  GtkWidget *designer;

  fill_layouts (server);
  pa_repository_refresh_async (repo, NULL, done_cb, &done);
  wait_for (&done);
  pa_window_set_section (window, "layouts");
  save_or_die (GTK_WIDGET (window), dir, "layouts.png");

  layouts = pa_repository_get_layouts (repo);
  for (guint i = 0; i < g_list_model_get_n_items (layouts); i++)
    {
      g_autoptr(PaLayout) layout = g_list_model_get_item (layouts, i);

      if (g_strcmp0 (pa_layout_get_name (layout), "Reception") == 0)
        reception = layout;
    }
  if (reception == NULL)
    g_error ("No Reception layout");

  designer = pa_layout_designer_new (GTK_WINDOW (window), repo, reception);
  gtk_window_set_default_size (GTK_WINDOW (designer), 1400, 900);
  gtk_window_present (GTK_WINDOW (designer));
  wait_ms (1000);   /* the flap settles on its folded state first */
  save_or_die (designer, dir, "designer.png");

  /* Narrow: the sidecar moves below the phone. */
  gtk_window_set_default_size (GTK_WINDOW (designer), 720, 900);
  wait_ms (1000);
  save_or_die (designer, dir, "designer-narrow.png");
  gtk_window_destroy (GTK_WINDOW (designer));
  pa_window_set_section (window, "phones");
}

/* ---- profiles ------------------------------------------------------- */

/* Company → Berlin office → Reception, and the front desk phones on
 * Reception; the editor shows what Reception inherits and from where. */
static void
shoot_profiles (PaWindow     *window,
                PaTestServer *server,
                PaRepository *repo,
                const char   *dir)
{
  gboolean done = FALSE;
  gint64 company, berlin, reception;
  g_autofree char *body = NULL;
  PaResource *profile;
  GtkWidget *editor;

  company = pa_test_create (server, "profiles",
                            "{\"name\": \"Company\", \"description\": \"What every office shares\","
                            " \"timezone\": \"Europe/Berlin\", \"ntp_server\": \"pool.ntp.org\","
                            " \"update_interval\": 1440, \"codecs\": [\"G722\", \"PCMA\", \"PCMU\"],"
                            " \"custom_params\": {\"yealink\": {\"features.dnd.enable\": \"0\"}}}");
  body = g_strdup_printf ("{\"name\": \"Berlin office\", \"parent_id\": %" G_GINT64_FORMAT ","
                          " \"update_interval\": null, \"ntp_server\": \"ntp.berlin.example.com\","
                          " \"sip_transport\": \"tls\"}", company);
  berlin = pa_test_create (server, "profiles", body);
  g_free (body);
  body = g_strdup_printf ("{\"name\": \"Reception\", \"description\": \"Front desk phones\","
                          " \"parent_id\": %" G_GINT64_FORMAT ", \"update_interval\": 30}", berlin);
  reception = pa_test_create (server, "profiles", body);
  pa_test_create (server, "profiles", "{\"name\": \"Warehouse\", \"update_interval\": null,"
                                      " \"dtmf\": \"inband\"}");
  pa_repository_refresh_async (repo, NULL, done_cb, &done);
  wait_for (&done);
  pa_window_set_section (window, "profiles");
  save_or_die (GTK_WIDGET (window), dir, "profiles.png");

  profile = pa_repository_find (repo, PA_TYPE_PROFILE, reception);
  if (profile == NULL)
    g_error ("No Reception profile");
  editor = pa_profile_editor_new (GTK_WINDOW (window), repo, PA_PROFILE (profile));
  gtk_window_set_default_size (GTK_WINDOW (editor), 680, 1000);
  gtk_window_present (GTK_WINDOW (editor));
  save_or_die (editor, dir, "profile-editor.png");
  gtk_window_destroy (GTK_WINDOW (editor));
  pa_window_set_section (window, "phones");
}

/* ---- firmware ------------------------------------------------------- */

/* A file of @size pseudo-random bytes named @name in @folder. */
static GFile *
write_firmware_file (const char *folder,
                     const char *name,
                     gsize       size,
                     guint32     seed)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree guint32 *words = g_new (guint32, size / 4 + 1);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size / 4 + 1; i++)
    {
      seed ^= seed << 13;
      seed ^= seed >> 17;
      seed ^= seed << 5;
      words[i] = seed;
    }
  if (!g_file_set_contents (path, (const char *) words, size, &error))
    g_error ("%s", error->message);
  return g_file_new_for_path (path);
}

static gint64
upload_firmware (PaTestServer *server,
                 const char   *folder,
                 const char   *filename,
                 gsize         size,
                 const char   *query)
{
  g_autoptr(GFile) file = write_firmware_file (folder, filename, size, size);
  g_autofree char *contents = NULL;
  g_autofree char *path = NULL;
  g_autoptr(PaTestResponse) response = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, NULL))
    g_error ("Cannot read %s", filename);
  path = g_strdup_printf ("/api/v1/firmware/upload?filename=%s&%s", filename, query);
  response = pa_test_request (server, "POST", path, "application/octet-stream", contents, length,
                              TRUE, NULL);
  if (response->status != 201)
    g_error ("Uploading %s answered %u: %s", filename, response->status, response->text);
  return json_object_get_int_member (pa_test_response_object (response), "id");
}

/* Three firmware files, a T54W of the office to be updated to one, and
 * the upload dialog as a new file leaves the chooser. */
static void
shoot_firmware (PaWindow     *window,
                PaTestServer *server,
                PaRepository *repo,
                const char   *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_dir_make_tmp ("pa-firmware-XXXXXX", &error);
  g_autoptr(PaTestResponse) phones = NULL;
  g_autoptr(GFile) file = NULL;
  JsonArray *items;
  gboolean done = FALSE;
  gint64 t54w;
  GtkWidget *dialog;
  gint64 deadline;

  if (folder == NULL)
    g_error ("%s", error->message);
  t54w = upload_firmware (server, folder, "T54W-96.86.0.150.rom", 3 * 1024 * 1024 + 4099,
                          "vendor=yealink&models=yealink-t54w,yealink-t46u,yealink-t48u"
                          "&version=96.86.0.150&name=Yealink%20T5%20series%2C%20spring");
  upload_firmware (server, folder, "VVX450-6.4.6.2460.sip.ld", 2 * 1024 * 1024 + 77,
                   "vendor=polycom&models=polycom-vvx450&version=6.4.6.2460");
  upload_firmware (server, folder, "gxp2170fw-1.0.11.23.bin", 1024 * 1024 + 5,
                   "vendor=grandstream&models=grandstream-gxp2170&version=1.0.11.23");

  /* One reception phone is to be updated to the spring firmware. */
  phones = pa_test_api (server, "GET", "/api/v1/phones?limit=500", NULL, NULL);
  items = json_object_get_array_member (pa_test_response_object (phones), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *phone = json_array_get_object_element (items, i);
      g_autofree char *path = NULL;
      g_autofree char *body = NULL;
      g_autoptr(PaTestResponse) patched = NULL;

      if (g_strcmp0 (json_object_get_string_member (phone, "model"), "yealink-t54w") != 0)
        continue;
      path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                              json_object_get_int_member (phone, "id"));
      body = g_strdup_printf ("{\"firmware_id\": %" G_GINT64_FORMAT "}", t54w);
      patched = pa_test_api (server, "PATCH", path, body, "*");
      if (patched->status != 200)
        g_error ("Giving a phone its firmware answered %u: %s", patched->status, patched->text);
      break;
    }
  pa_repository_refresh_async (repo, NULL, done_cb, &done);
  wait_for (&done);
  pa_window_set_section (window, "firmware");
  save_or_die (GTK_WIDGET (window), dir, "firmware.png");

  file = write_firmware_file (folder, "T46U-108.86.0.20.rom", 5 * 1024 * 1024 + 11, 46);
  dialog = pa_firmware_upload_dialog_new (GTK_WINDOW (window), repo, file);
  gtk_window_present (GTK_WINDOW (dialog));
  deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  while (pa_firmware_upload_dialog_get_busy (PA_FIRMWARE_UPLOAD_DIALOG (dialog)))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The file's size was not read");
      g_main_context_iteration (NULL, TRUE);
    }
  save_or_die (dialog, dir, "firmware-upload.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pa_window_set_section (window, "phones");

  {
    const char *argv[] = { "rm", "-rf", folder, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                  NULL);
  }
}

/* ---- the dialogs ---------------------------------------------------- */

static gpointer
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gpointer
wait_for_window (GType type)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_TIME_SPAN_SECOND;
  gpointer window;

  while ((window = find_window (type)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No %s appeared", g_type_name (type));
      g_main_context_iteration (NULL, TRUE);
    }
  return window;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gpointer
editor_child (GtkWidget  *editor,
              const char *name)
{
  GObject *object = gtk_widget_get_template_child (editor, PA_TYPE_PHONE_EDITOR, name);

  if (object == NULL)
    object = gtk_widget_get_template_child (editor, PA_TYPE_EDITOR, name);
  if (object == NULL)
    g_error ("The phone editor has no %s", name);
  return object;
}

/* Picks the model the user would pick from the (brand-filtered) list. */
static void
choose_model (GtkWidget  *editor,
              const char *model_id)
{
  AdwComboRow *row = editor_child (editor, "model_row");
  GListModel *models = adw_combo_row_get_model (row);

  for (guint i = 0; models != NULL && i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(PaPhone) phone = NULL;

      adw_combo_row_set_selected (row, i);
      phone = pa_phone_editor_build_phone (PA_PHONE_EDITOR (editor));
      if (g_strcmp0 (pa_phone_get_model (phone), model_id) == 0)
        return;
    }
  g_error ("No %s in the model list", model_id);
}

static gboolean
scan_not_busy (PaScanDialog *dialog)
{
  return !pa_scan_dialog_get_busy (dialog);
}

static void
wait_until_idle (PaScanDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (!scan_not_busy (dialog))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Scan mode did not finish");
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The editor for a new phone as a user fills it in: name, a Yealink MAC
 * typed (the brand follows), the model, an agent; then saved, which shows
 * the credentials once. */
static void
shoot_editor_and_credentials (PaWindow     *window,
                              PaRepository *repo,
                              const char   *dir)
{
  GtkWidget *editor = pa_phone_editor_new (GTK_WINDOW (window), repo, NULL);
  GtkWidget *mac = find_descendant (editor_child (editor, "mac_row"), PA_TYPE_MAC_ENTRY);
  GtkWidget *credentials;

  gtk_window_set_default_size (GTK_WINDOW (editor), 640, 860);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "name_row")), "Front Desk");
  gtk_editable_set_text (GTK_EDITABLE (editor_child (editor, "description_row")),
                         "Lobby, left of the entrance");
  gtk_editable_set_text (GTK_EDITABLE (mac), "80-5e-c0-1a-2b-11");
  choose_model (editor, "yealink-t54w");
  save_or_die (editor, dir, "phone-editor.png");

  gtk_widget_activate_action (editor, "editor.save", NULL);
  credentials = wait_for_window (PA_TYPE_CREDENTIALS_DIALOG);
  save_or_die (credentials, dir, "credentials.png");
  gtk_window_destroy (GTK_WINDOW (credentials));

  /* The warehouse phone, which no SIP server reaches, says so and why. */
  {
    PaPhone *warehouse = pa_repository_find_phone_by_mac (repo, "00:04:13:55:66:07");
    GtkWidget *existing = pa_phone_editor_new (GTK_WINDOW (window), repo, warehouse);

    gtk_window_set_default_size (GTK_WINDOW (existing), 640, 860);
    gtk_window_present (GTK_WINDOW (existing));
    save_or_die (existing, dir, "phone-editor-attention.png");
    gtk_window_destroy (GTK_WINDOW (existing));
  }
}

/* Scan mode as a technician unpacking a mixed delivery: four phones of
 * four brands, one box scanned twice (refused), then created in one go. */
static void
shoot_scan_mode (PaWindow     *window,
                 PaRepository *repo,
                 const char   *dir)
{
  static const char *scans[] = {
    "805EC01A2B21", "64167F3C4D22", "000413556623", "C074AD221124",
  };
  PaScanDialog *dialog = PA_SCAN_DIALOG (pa_scan_dialog_new (GTK_WINDOW (window), repo));
  GtkWidget *summary;

  gtk_window_set_default_size (GTK_WINDOW (dialog), 620, 880);
  gtk_window_present (GTK_WINDOW (dialog));
  /* Each brand's model as the technician picked it once (remembered per
   * brand), ending with the brand the first scan switches to. */
  pa_scan_dialog_set_default_model (dialog, "grandstream-gxp2170");
  pa_scan_dialog_set_default_model (dialog, "snom-d785");
  pa_scan_dialog_set_default_model (dialog, "polycom-vvx450");
  pa_scan_dialog_set_default_model (dialog, "yealink-t54w");
  for (guint i = 0; i < G_N_ELEMENTS (scans); i++)
    if (pa_scan_dialog_add_scan (dialog, scans[i]) == NULL)
      g_error ("Scan %s refused", scans[i]);
  /* The first box again: refused, said in the entry. */
  if (pa_scan_dialog_add_scan (dialog, "80-5E-C0-1A-2B-21") != NULL)
    g_error ("A duplicate scan was accepted");
  save_or_die (GTK_WIDGET (dialog), dir, "scan-mode.png");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.create", NULL);
  wait_until_idle (dialog);
  wait_ms (400);   /* the toast has faded in */
  save_or_die (GTK_WIDGET (dialog), dir, "scan-mode-created.png");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.show-credentials", NULL);
  summary = pa_scan_dialog_get_credentials_dialog (dialog);
  if (summary == NULL)
    g_error ("Show Credentials opened nothing");
  gtk_window_set_default_size (GTK_WINDOW (summary), 640, 900);
  save_or_die (summary, dir, "scan-credentials.png");

  /* Straight out: a screenshot run has no one to ask. */
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
shoot_connect_dialog (PaWindow     *window,
                      PaConnection *connection,
                      const char   *dir)
{
  GtkWidget *dialog = pa_connect_dialog_new (GTK_WINDOW (window), connection);

  gtk_window_present (GTK_WINDOW (dialog));
  save_or_die (dialog, dir, "connect-dialog.png");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Server Settings once it has read the server's (a server, not local
 * mode: the LAN group is local mode's, shown in its test). */
static void
shoot_settings (PaWindow     *window,
                PaConnection *connection,
                const char   *dir)
{
  GtkWidget *settings = pa_settings_window_new (GTK_WINDOW (window), connection);
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  gtk_window_present (GTK_WINDOW (settings));
  while (pa_editor_get_busy (PA_EDITOR (settings)))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The settings did not load");
      g_main_context_iteration (NULL, TRUE);
    }
  save_or_die (settings, dir, "settings.png");
  gtk_window_destroy (GTK_WINDOW (settings));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(PaCredentialStore) credentials = NULL;
  g_autoptr(PaConnection) connection = NULL;
  g_autoptr(PaApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  PaTestServer *server;
  PaWindow *window;
  gboolean done = FALSE;

  if (argc != 2)
    {
      g_printerr ("Usage: %s OUTPUT-DIR\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();
  /* Drawn as the app draws (pa-renderer.c). */
  pa_renderer_choose (gdk_display_get_default ());

  {
    g_autofree char *dir = g_dir_make_tmp ("pa-provd-XXXXXX", &error);
    g_autofree char *config = NULL;

    g_assert_no_error (error);
    /* Without a server-wide SIP server, like a fresh install. */
    config = g_build_filename (dir, "provd.conf", NULL);
    g_file_set_contents (config, "[server]\n", -1, &error);
    g_assert_no_error (error);
    server = pa_test_server_new_full (dir, config);
  }
  settings = g_settings_new (APP_ID);
  credentials = pa_memory_credential_store_new ();
  connection = pa_connection_new (settings, credentials, NULL, NULL);

  /* The real application, registered but never activated: startup loads
   * its style sheet and actions as in the app, and no local provd starts
   * (that happens on activate); the window talks to the sample server. */
  app = pa_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Cannot register the application: %s", error->message);
  window = g_object_new (PA_TYPE_WINDOW, "application", app, "connection", connection, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1180, 640);
  gtk_window_present (GTK_WINDOW (window));

  pa_connection_connect_to_server_async (connection, server->url, server->token, NULL, NULL,
                                         done_cb, &done);
  wait_for (&done);
  save_or_die (GTK_WIDGET (window), argv[1], "phones-empty.png");

  fill_office (server);
  done = FALSE;
  pa_repository_refresh_async (pa_connection_get_repository (connection), NULL, done_cb, &done);
  wait_for (&done);
  save_or_die (GTK_WIDGET (window), argv[1], "phones.png");

  pa_window_set_section (window, "agents");
  save_or_die (GTK_WIDGET (window), argv[1], "agents.png");

  pa_window_set_section (window, "discovered");
  save_or_die (GTK_WIDGET (window), argv[1], "discovered.png");

  /* The main window as a user searching for a phone by part of its MAC. */
  pa_window_set_section (window, "phones");
  g_object_set (pa_window_get_page (window, "phones"), "search-mode", TRUE, NULL);
  pa_phones_page_set_query (PA_PHONES_PAGE (pa_window_get_page (window, "phones")), "80-5e-c0");
  save_or_die (GTK_WIDGET (window), argv[1], "main-window.png");
  g_object_set (pa_window_get_page (window, "phones"), "search-mode", FALSE, NULL);

  shoot_layouts (window, server, pa_connection_get_repository (connection), argv[1]);
  shoot_profiles (window, server, pa_connection_get_repository (connection), argv[1]);
  shoot_firmware (window, server, pa_connection_get_repository (connection), argv[1]);
  shoot_editor_and_credentials (window, pa_connection_get_repository (connection), argv[1]);
  shoot_scan_mode (window, pa_connection_get_repository (connection), argv[1]);
  shoot_connect_dialog (window, connection, argv[1]);
  shoot_settings (window, connection, argv[1]);

  gtk_window_destroy (GTK_WINDOW (window));
  pa_connection_shutdown (connection);
  pa_test_server_free (server);
  return 0;
}
