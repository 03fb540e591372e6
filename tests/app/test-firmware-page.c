/* test-firmware-page.c — the Firmware section against a real provd: its
 * empty state, the records as listed and searched, delete (refused while
 * a phone is to be updated to the firmware), the editor, and the
 * keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: a real phoneadmin-provd on loopback with firmware uploaded
 * through its API, a real repository, the real page in a window with a
 * toast overlay, as in the app. GTK_A11Y=test: accessible names are read
 * from GTK's in-memory backend.
 */
#include "config.h"

#include <adwaita.h>

#include "../server/pa-test-server.h"
#include "pa-app-fixture.h"
#include "pa-app-test.h"
#include "pa-editor.h"
#include "pa-firmware-editor.h"
#include "pa-firmware-models.h"
#include "pa-firmware-page.h"
#include "pa-firmware-test.h"
#include "pa-firmware-upload-dialog.h"

#define MB (1024 * 1024)

typedef struct
{
  PaAppFixture    app;
  PaFirmwarePage *page;
  char           *folder;
  gint64          t54w;   /* records made by fill() */
  gint64          vvx;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pa_app_fixture_set_up (&f->app, data);
  f->folder = g_dir_make_tmp ("pa-firmware-XXXXXX", &error);
  g_assert_no_error (error);
  f->page = PA_FIRMWARE_PAGE (pa_firmware_page_new ());
  pa_firmware_page_set_repository (f->page, f->app.repo);
  adw_toast_overlay_set_child (f->app.overlay, GTK_WIDGET (f->page));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *argv[] = { "rm", "-rf", f->folder, NULL };
  GtkWindow *window;

  while ((window = pa_app_test_find_window (PA_TYPE_EDITOR)) != NULL)
    gtk_window_destroy (window);
  pa_app_fixture_tear_down (&f->app, data);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
  g_free (f->folder);
}

/* ---- helpers -------------------------------------------------------- */

/* Two records on the server, listed by the repository. */
static void
fill (Fixture *f)
{
  g_autoptr(GFile) t54w = pa_firmware_test_write_file (f->folder, "T54W-96.86.0.150.rom",
                                                       2 * MB, 1);
  g_autoptr(GFile) vvx = pa_firmware_test_write_file (f->folder, "VVX450_6.4.6.2460.sip.ld",
                                                      MB, 2);

  f->t54w = pa_firmware_test_upload (f->app.server, t54w,
                                     "vendor=yealink&models=yealink-t54w,yealink-t46u"
                                     "&version=96.86.0.150&filename=T54W-96.86.0.150.rom"
                                     "&name=Yealink%20T5%20spring");
  f->vvx = pa_firmware_test_upload (f->app.server, vvx,
                                    "vendor=polycom&models=polycom-vvx450&version=6.4.6.2460"
                                    "&filename=VVX450_6.4.6.2460.sip.ld");
  pa_app_test_refresh_sync (f->app.repo);
}

typedef struct
{
  GtkWidget  *root;
  const char *text;
} FindLabel;

static gboolean
label_shown (gpointer data)
{
  FindLabel *find = data;
  GtkWidget *found = pa_app_test_find_label (find->root, find->text);

  return found != NULL && gtk_widget_get_mapped (found);
}

static void
wait_for_label (GtkWidget  *root,
                const char *text)
{
  FindLabel find = { root, text };

  pa_app_test_wait_until (label_shown, &find);
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

static void
answer (const char *response)
{
  AdwMessageDialog *dialog = message ();

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
not_loading (gpointer data)
{
  return !pa_repository_get_loading (data);
}

static guint
position_of (Fixture *f,
             gint64   id)
{
  GListModel *model = G_LIST_MODEL (pa_firmware_page_get_selection (f->page));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PaResource) item = g_list_model_get_item (model, i);

      if (pa_resource_get_id (item) == id)
        return i;
    }
  g_assert_not_reached ();
}

static PaFirmwareEditor *
editor (void)
{
  return pa_app_test_find_window (PA_TYPE_FIRMWARE_EDITOR);
}

static gboolean
editor_gone (gpointer data)
{
  return editor () == NULL;
}

static gboolean
editor_not_busy (gpointer window)
{
  return !pa_editor_get_busy (window);
}

/* ---- the tests ------------------------------------------------------ */

/* No firmware: the page says what firmware is for and offers Upload,
 * which asks for a file. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *button;

  pa_app_test_wait_until (not_loading, f->app.repo);
  g_assert_cmpstr (pa_firmware_page_get_state (f->page), ==, "empty");
  wait_for_label (GTK_WIDGET (f->page), "No Firmware Yet");
  button = pa_app_test_find_button (GTK_WIDGET (f->page), "_Upload Firmware…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_mapped (button));
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->app.parent), "firmware-empty.png");
  pa_firmware_test_assert_keyboard (GTK_WIDGET (f->app.parent), "empty");

  /* Upload asks for the file first, once. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "firmware.upload", NULL);
  g_assert_nonnull (pa_firmware_page_get_chooser (f->page));
  gtk_widget_activate_action (GTK_WIDGET (f->page), "firmware.upload", NULL);
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (pa_firmware_page_get_chooser (f->page)));
  g_assert_true (pa_firmware_test_has_binding (GTK_WIDGET (f->page), "<Control>u",
                                               "firmware.upload"));
}

/* The records as the server has them, shown and searched. */
static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonObject) t54w = NULL;
  g_autofree char *short_sha = NULL;
  GtkWidget *view;

  fill (f);
  g_assert_cmpstr (pa_firmware_page_get_state (f->page), ==, "list");
  view = GTK_WIDGET (pa_firmware_page_get_column_view (f->page));
  t54w = pa_firmware_test_get (f->app.server, f->t54w);
  short_sha = g_strdup_printf ("%.12s…", json_object_get_string_member (t54w, "sha256"));

  wait_for_label (view, "Yealink T5 spring");
  g_assert_nonnull (pa_app_test_find_label (view, "Yealink"));
  g_assert_nonnull (pa_app_test_find_label (view, "T54W, T46U"));
  g_assert_nonnull (pa_app_test_find_label (view, "96.86.0.150"));
  /* g_format_size() keeps the number and its unit together (a no-break space). */
  g_assert_nonnull (pa_app_test_find_label (view, "2.1\u00a0MB"));
  g_assert_nonnull (pa_app_test_find_label (view, short_sha));
  /* Named after its file when no name was given. */
  g_assert_nonnull (pa_app_test_find_label (view, "VVX450_6.4.6.2460.sip.ld"));
  g_assert_nonnull (pa_app_test_find_label (view, "Polycom"));
  g_assert_nonnull (pa_app_test_find_label (view, "VVX 450"));
  g_assert_nonnull (pa_firmware_page_get_column (f->page, "sha256"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->app.parent), "firmware-page.png");

  /* Search by model, brand, version or hash. */
  pa_firmware_page_set_query (f->page, "t46u");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pa_firmware_page_get_selection (f->page))),
                    ==, 1);
  pa_firmware_page_set_query (f->page, "polycom 6.4");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pa_firmware_page_get_selection (f->page))),
                    ==, 1);
  pa_firmware_page_set_query (f->page, json_object_get_string_member (t54w, "sha256"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pa_firmware_page_get_selection (f->page))),
                    ==, 1);
  pa_firmware_page_set_query (f->page, "cisco");
  g_assert_cmpstr (pa_firmware_page_get_state (f->page), ==, "no-results");
  pa_firmware_page_set_query (f->page, NULL);
  g_assert_cmpstr (pa_firmware_page_get_state (f->page), ==, "list");

  {
    PaFirmware *record = PA_FIRMWARE (pa_repository_find (f->app.repo, PA_TYPE_FIRMWARE, f->t54w));

    g_assert_true (pa_firmware_matches (record, "T54W spring"));
    g_assert_true (pa_firmware_matches (record, "yealink"));
    g_assert_false (pa_firmware_matches (record, "vvx"));
  }
}

/* A phone is to be updated to the firmware: the server refuses to delete
 * it and the window says why; the other one goes. */
static void
test_delete_refused (Fixture       *f,
                     gconstpointer  data)
{
  GtkSelectionModel *selection;
  g_autofree char *phone = NULL;
  g_autofree char *toast = NULL;
  const char *body;

  fill (f);
  phone = g_strdup_printf ("{\"name\": \"Reception\", \"mac\": \"80:5E:C0:00:00:01\","
                           " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\","
                           " \"firmware_id\": %" G_GINT64_FORMAT "}", f->t54w);
  pa_test_create (f->app.server, "phones", phone);
  pa_app_test_refresh_sync (f->app.repo);
  wait_for_label (GTK_WIDGET (f->page), "Yealink T5 spring");

  selection = pa_firmware_page_get_selection (f->page);
  gtk_selection_model_select_item (selection, position_of (f, f->t54w), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "firmware.delete-selected",
                                             NULL));
  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Delete “Yealink T5 spring”?");
  body = adw_message_dialog_get_body (message ());
  g_test_message ("%s", body);
  g_assert_true (g_str_has_prefix (body, "1 phone is to be updated to it"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (message ()), "firmware-delete-question.png");
  answer ("delete");

  /* The server's reason, on the window. */
  toast = g_strdup_printf ("Could not delete “Yealink T5 spring”: %s",
                           "1 phone is to be updated to this firmware; give it another target "
                           "first");
  wait_for_label (GTK_WIDGET (f->app.overlay), toast);
  g_assert_cmpint (pa_test_total_of (f->app.server, "firmware"), ==, 2);
  g_assert_nonnull (pa_repository_find (f->app.repo, PA_TYPE_FIRMWARE, f->t54w));
  pa_app_test_dismiss_toast (GTK_WIDGET (f->app.overlay));

  /* The other has no phones: it goes. */
  {
    gtk_widget_activate_action (GTK_WIDGET (f->page), "firmware.delete", "x", f->vvx);
    pa_app_test_wait_until (message_shown, NULL);
    g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==,
                     "Delete “VVX450_6.4.6.2460.sip.ld”?");
    answer ("delete");
    wait_for_label (GTK_WIDGET (f->app.overlay), "Firmware “VVX450_6.4.6.2460.sip.ld” deleted");
    g_assert_cmpint (pa_test_total_of (f->app.server, "firmware"), ==, 1);
    g_assert_null (pa_repository_find (f->app.repo, PA_TYPE_FIRMWARE, f->vvx));
  }

  /* Cancel deletes nothing. */
  gtk_widget_activate_action (GTK_WIDGET (f->page), "firmware.delete", "x", f->t54w);
  pa_app_test_wait_until (message_shown, NULL);
  answer ("cancel");
  g_assert_cmpint (pa_test_total_of (f->app.server, "firmware"), ==, 1);
}

/* The editor saves a new version and fewer models, with If-Match; a bad
 * version keeps Save off and says why. */
static void
test_editor (Fixture       *f,
             gconstpointer  data)
{
  PaFirmwareEditor *window;
  PaFirmwareModels *models;
  g_autoptr(JsonObject) saved = NULL;
  JsonArray *saved_models;
  GtkWidget *version;

  fill (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "firmware.edit", "x", f->t54w);
  window = editor ();
  g_assert_nonnull (window);
  pa_app_test_wait_until (pa_app_test_widget_ready, window);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Edit “Yealink T5 spring”");
  version = pa_app_test_template_child (window, "version_row");
  models = pa_app_test_template_child (window, "models");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (version)), ==, "96.86.0.150");
  {
    g_auto(GStrv) checked = pa_firmware_models_get_selected (models);

    /* In the catalog's order. */
    g_assert_cmpstrv (checked, ((const char *[]) { "yealink-t46u", "yealink-t54w", NULL }));
  }
  g_assert_null (pa_editor_get_reason (PA_EDITOR (window)));
  /* Tall enough to show the file's rows too. */
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 960);
  pa_app_test_wait_for_frames (3);
  g_test_message ("editor drawn at %dx%d", gtk_widget_get_width (GTK_WIDGET (window)),
                  gtk_widget_get_height (GTK_WIDGET (window)));
  pa_app_test_maybe_screenshot (GTK_WIDGET (window), "firmware-editor.png");
  pa_firmware_test_assert_keyboard (GTK_WIDGET (window), "editor");

  /* A space in the version: Save is off, the field says so. */
  gtk_editable_set_text (GTK_EDITABLE (version), "96.86 beta");
  g_assert_nonnull (pa_editor_get_reason (PA_EDITOR (window)));
  g_assert_true (gtk_widget_has_css_class (version, "error"));
  g_assert_false (gtk_widget_is_sensitive (pa_app_test_template_child (window, "save_button")));

  /* A new version, one model less. */
  gtk_editable_set_text (GTK_EDITABLE (version), "96.86.0.160");
  g_assert_false (gtk_widget_has_css_class (version, "error"));
  gtk_check_button_set_active (pa_firmware_models_get_check (models, "yealink-t46u"), FALSE);
  g_assert_null (pa_editor_get_reason (PA_EDITOR (window)));
  gtk_widget_activate_action (GTK_WIDGET (window), "editor.save", NULL);
  pa_app_test_wait_until (editor_gone, NULL);

  saved = pa_firmware_test_get (f->app.server, f->t54w);
  g_assert_cmpstr (json_object_get_string_member (saved, "version"), ==, "96.86.0.160");
  g_assert_cmpint (json_object_get_int_member (saved, "revision"), ==, 2);
  saved_models = json_object_get_array_member (saved, "models");
  g_assert_cmpuint (json_array_get_length (saved_models), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (saved_models, 0), ==, "yealink-t54w");
  /* The file is the upload's, untouched. */
  g_assert_cmpstr (json_object_get_string_member (saved, "filename"), ==, "T54W-96.86.0.150.rom");
  g_assert_cmpint (json_object_get_int_member (saved, "size"), ==, 2 * MB);
  wait_for_label (GTK_WIDGET (f->page), "96.86.0.160");
  wait_for_label (GTK_WIDGET (f->app.overlay), "Firmware “Yealink T5 spring” saved");
}

/* Someone else changed the record meanwhile: Save does not overwrite it
 * (If-Match) and the editor says so, keeping the form. */
static void
test_editor_stale (Fixture       *f,
                   gconstpointer  data)
{
  PaFirmwareEditor *window;
  g_autoptr(PaTestResponse) patched = NULL;
  g_autoptr(JsonObject) kept = NULL;
  g_autofree char *path = NULL;

  fill (f);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "firmware.edit", "x", f->vvx);
  window = editor ();
  g_assert_nonnull (window);

  path = g_strdup_printf ("/api/v1/firmware/%" G_GINT64_FORMAT, f->vvx);
  patched = pa_test_api (f->app.server, "PATCH", path, "{\"name\": \"Renamed elsewhere\"}", "\"1\"");
  g_assert_cmpuint (patched->status, ==, 200);

  gtk_editable_set_text (GTK_EDITABLE (pa_app_test_template_child (window, "name_row")),
                         "VVX 450 summer");
  gtk_widget_activate_action (GTK_WIDGET (window), "editor.save", NULL);
  g_assert_true (pa_editor_get_busy (PA_EDITOR (window)));
  pa_app_test_wait_until (editor_not_busy, window);

  g_assert_true (pa_firmware_test_is_open (window));
  g_assert_true (gtk_revealer_get_reveal_child (pa_app_test_template_child (window,
                                                                            "banner_revealer")));
  kept = pa_firmware_test_get (f->app.server, f->vvx);
  g_assert_cmpstr (json_object_get_string_member (kept, "name"), ==, "Renamed elsewhere");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pa_app_test_template_child (window,
                                                                                     "name_row"))),
                   ==, "VVX 450 summer");
}

/* The page with records: every control named, all reached by Tab; Delete
 * and Enter act on the focused row. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  fill (f);
  wait_for_label (GTK_WIDGET (f->page), "Yealink T5 spring");
  pa_app_test_wait_for_frames (3);
  pa_firmware_test_assert_keyboard (GTK_WIDGET (f->app.parent), "list");
  g_assert_true (pa_firmware_test_has_binding (GTK_WIDGET (f->page), "Delete",
                                               "firmware.delete-selected"));

  /* Enter on a row opens its editor (the column view's activate). */
  g_signal_emit_by_name (pa_firmware_page_get_column_view (f->page), "activate",
                         position_of (f, f->vvx));
  g_assert_nonnull (editor ());
  g_assert_true (pa_firmware_editor_get_firmware (editor ())
                 == (PaFirmware *) pa_repository_find (f->app.repo, PA_TYPE_FIRMWARE, f->vvx));
}

int
main (int   argc,
      char *argv[])
{
  /* Read once, when the first widget is made: before gtk_test_init. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add ("/app/firmware-page/empty", Fixture, NULL, fixture_set_up, test_empty,
              fixture_tear_down);
  g_test_add ("/app/firmware-page/list", Fixture, NULL, fixture_set_up, test_list,
              fixture_tear_down);
  g_test_add ("/app/firmware-page/delete-refused", Fixture, NULL, fixture_set_up,
              test_delete_refused, fixture_tear_down);
  g_test_add ("/app/firmware-page/editor", Fixture, NULL, fixture_set_up, test_editor,
              fixture_tear_down);
  g_test_add ("/app/firmware-page/editor-stale", Fixture, NULL, fixture_set_up,
              test_editor_stale, fixture_tear_down);
  g_test_add ("/app/firmware-page/keyboard", Fixture, NULL, fixture_set_up, test_keyboard,
              fixture_tear_down);
  return g_test_run ();
}
