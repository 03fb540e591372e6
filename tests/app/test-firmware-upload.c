/* test-firmware-upload.c — Upload Firmware… against a real provd: a file
 * of a few MB streamed through the dialog, the same bytes again, a bad
 * version, a cancelled upload, a server that went away, and the
 * keyboard
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: a real phoneadmin-provd on loopback, its repository, and the
 * real dialog over a window with a toast overlay. The files are real
 * files of pseudo-random bytes in a temporary folder, handed to the
 * dialog as the file chooser's answer is. GTK_A11Y=test: accessible
 * states are read from GTK's in-memory backend.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "../server/pa-test-server.h"
#include "pa-app-fixture.h"
#include "pa-app-test.h"
#include "pa-client-firmware.h"
#include "pa-firmware-form.h"
#include "pa-firmware-models.h"
#include "pa-firmware-test.h"
#include "pa-firmware-upload-dialog.h"

#define MB (1024 * 1024)

typedef struct
{
  PaAppFixture            app;
  char                   *folder;
  PaFirmwareUploadDialog *dialog;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  pa_app_fixture_set_up (&f->app, data);
  f->folder = g_dir_make_tmp ("pa-firmware-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *argv[] = { "rm", "-rf", f->folder, NULL };

  if (f->dialog != NULL)
    {
      if (pa_firmware_test_is_open (f->dialog))
        gtk_window_destroy (GTK_WINDOW (f->dialog));
      g_assert_finalize_object (f->dialog);
    }
  pa_app_fixture_tear_down (&f->app, data);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                NULL);
  g_free (f->folder);
}

/* ---- helpers -------------------------------------------------------- */

static gboolean
not_busy (gpointer dialog)
{
  return !pa_firmware_upload_dialog_get_busy (dialog);
}

static gboolean
closed (gpointer dialog)
{
  return !pa_firmware_test_is_open (dialog);
}

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return pa_app_test_template_child (f->dialog, name);
}

/* Opens the dialog for @file, as choosing it does, and waits until the
 * file's size and name are read. */
static void
open_dialog (Fixture *f,
             GFile   *file)
{
  f->dialog = PA_FIRMWARE_UPLOAD_DIALOG (pa_firmware_upload_dialog_new (f->app.parent, f->app.repo,
                                                                        file));
  g_object_ref_sink (f->dialog);
  gtk_window_present (GTK_WINDOW (f->dialog));
  pa_app_test_wait_until (not_busy, f->dialog);
  pa_app_test_wait_until (pa_app_test_widget_ready, f->dialog);
}

static const char *
entry_text (Fixture    *f,
            const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (child (f, name)));
}

static void
set_entry (Fixture    *f,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (child (f, name)), text);
}

static void
check_model (Fixture    *f,
             const char *model_id,
             gboolean    active)
{
  GtkCheckButton *check = pa_firmware_models_get_check (PA_FIRMWARE_MODELS (child (f, "models")),
                                                        model_id);

  g_assert_nonnull (check);
  gtk_check_button_set_active (check, active);
}

static char **
checked_models (Fixture *f)
{
  return pa_firmware_models_get_selected (PA_FIRMWARE_MODELS (child (f, "models")));
}

static void
run_upload (Fixture *f)
{
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "upload.run", NULL);
  g_assert_true (pa_firmware_upload_dialog_get_busy (f->dialog));
  g_assert_true (gtk_widget_get_visible (child (f, "progress_group")));
  g_assert_false (gtk_widget_is_sensitive (child (f, "upload_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (f, "cancel_button"))), ==, "_Stop");
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

static JsonObject *
only_record (Fixture *f)
{
  g_autoptr(PaTestResponse) list = pa_test_api (f->app.server, "GET", "/api/v1/firmware", NULL,
                                                NULL);
  JsonArray *items = json_object_get_array_member (pa_test_response_object (list), "items");

  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  return json_object_ref (json_array_get_object_element (items, 0));
}

/* ---- plain functions ------------------------------------------------ */

static void
test_guesses (void)
{
  static const struct { const char *name; const char *version; const char *model; } cases[] = {
    { "T54W-96.86.0.150.rom", "96.86.0.150", "yealink-t54w" },
    { "t46u-108.86.0.20.rom", "108.86.0.20", "yealink-t46u" },
    { "VVX450_6.4.6.2460.sip.ld", "6.4.6.2460", "polycom-vvx450" },
    { "vvx-450-6.4.6.sip.ld", "6.4.6", "polycom-vvx450" },
    { "gxp2170fw_1.0.11.23.bin", "1.0.11.23", "grandstream-gxp2170" },
    { "cp-8841-sip.14-1-1.loads", NULL, "cisco-cp-8841" },
    { "snomD785-10.1.84.12-SIP-r.bin", "10.1.84.12", "snom-d785" },
    { "firmware.bin", NULL, NULL },
    /* Two models: no guess rather than a wrong one. */
    { "T54W_T46U-96.86.0.150.rom", "96.86.0.150", NULL },
  };
  PaCatalog *catalog = pa_catalog_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *version = pa_firmware_guess_version (cases[i].name);
      PaDeviceModel *model = pa_firmware_guess_model (catalog, cases[i].name);

      g_test_message ("%s", cases[i].name);
      g_assert_cmpstr (version, ==, cases[i].version);
      g_assert_cmpstr (model != NULL ? pa_device_model_get_id (model) : NULL, ==, cases[i].model);
    }

  {
    g_autofree char *a = pa_firmware_safe_filename ("T54W 96.86 (copy).rom");
    g_autofree char *b = pa_firmware_safe_filename (".hidden.rom");
    g_autofree char *c = pa_firmware_safe_filename ("Würfel.bin");
    g_autofree char *d = pa_firmware_safe_filename ("...");
    g_autofree char *e = pa_firmware_short_sha256 ("6c1f0a3b9e2d4c5b6a7988776655443322110000aabbccddeeff001122334455");
    g_autofree char *none = pa_firmware_short_sha256 (NULL);

    g_assert_cmpstr (a, ==, "T54W_96.86__copy_.rom");
    g_assert_cmpstr (b, ==, "hidden.rom");
    g_assert_cmpstr (c, ==, "W_rfel.bin");
    g_assert_null (d);
    g_assert_cmpstr (e, ==, "6c1f0a3b9e2d…");
    g_assert_cmpstr (none, ==, "");
  }
  g_assert_cmpstr (pa_firmware_form_field ("models[2]"), ==, "models");
  g_assert_cmpstr (pa_firmware_form_field ("version"), ==, "version");
  g_assert_null (pa_firmware_form_field ("versions"));
  g_assert_null (pa_firmware_form_field (NULL));
}

/* ---- the dialog ----------------------------------------------------- */

/* A file of a few MB through the dialog: what its name suggests is filled
 * in, the bytes go out with a progress bar, and the server's record is
 * the file's. */
static void
test_upload (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) file = pa_firmware_test_write_file (f->folder, "T54W-96.86.0.150.rom",
                                                       3 * MB + 123, 54);
  g_autofree char *sha256 = pa_firmware_test_sha256_of (file);
  g_autoptr(JsonObject) record = NULL;
  g_auto(GStrv) models = NULL;
  JsonArray *record_models;
  FindLabel toast = { GTK_WIDGET (f->app.overlay), "Firmware “Office T54W” uploaded" };

  open_dialog (f, file);

  /* Filled from the name: the brand, the model, the version, the name. */
  g_assert_null (pa_firmware_upload_dialog_get_reason (f->dialog));
  g_assert_cmpuint (pa_firmware_upload_dialog_get_size (f->dialog), ==, 3 * MB + 123);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (child (f, "brand_row"))), !=,
                    GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (pa_vendor_get_id (adw_combo_row_get_selected_item (ADW_COMBO_ROW (child (f, "brand_row")))),
                   ==, "yealink");
  models = checked_models (f);
  g_assert_cmpstrv (models, ((const char *[]) { "yealink-t54w", NULL }));
  g_assert_cmpstr (entry_text (f, "version_row"), ==, "96.86.0.150");
  g_assert_cmpstr (entry_text (f, "name_row"), ==, "T54W-96.86.0.150.rom");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child (f, "file_row"))), ==,
                   "T54W-96.86.0.150.rom");
  /* The version has the focus: it is what is most often corrected. */
  pa_app_test_wait_for_frames (2);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->dialog)),
                                         child (f, "version_row")));

  /* One more model, another name. */
  check_model (f, "yealink-t46u", TRUE);
  set_entry (f, "name_row", "Office T54W");
  g_assert_null (pa_firmware_upload_dialog_get_reason (f->dialog));
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->dialog), "firmware-upload-dialog.png");

  run_upload (f);
  pa_app_test_wait_until (closed, f->dialog);

  /* Every byte went, and the server has them. */
  g_assert_cmpuint (pa_firmware_upload_dialog_get_sent (f->dialog), ==, 3 * MB + 123);
  g_assert_nonnull (pa_firmware_upload_dialog_get_record (f->dialog));
  record = only_record (f);
  g_assert_cmpstr (json_object_get_string_member (record, "sha256"), ==, sha256);
  g_assert_cmpint (json_object_get_int_member (record, "size"), ==, 3 * MB + 123);
  g_assert_cmpstr (json_object_get_string_member (record, "vendor"), ==, "yealink");
  g_assert_cmpstr (json_object_get_string_member (record, "version"), ==, "96.86.0.150");
  g_assert_cmpstr (json_object_get_string_member (record, "name"), ==, "Office T54W");
  g_assert_cmpstr (json_object_get_string_member (record, "filename"), ==, "T54W-96.86.0.150.rom");
  record_models = json_object_get_array_member (record, "models");
  g_assert_cmpuint (json_array_get_length (record_models), ==, 2);
  /* In the catalog's order, as the list shows them. */
  g_assert_cmpstr (json_array_get_string_element (record_models, 0), ==, "yealink-t46u");
  g_assert_cmpstr (json_array_get_string_element (record_models, 1), ==, "yealink-t54w");
  g_assert_cmpuint (pa_firmware_test_count_partial (f->app.server), ==, 0);

  /* The window says so, and the list gets it. */
  pa_app_test_wait_until (label_shown, &toast);
  pa_app_test_wait_until (pa_app_test_not_loading, f->app.repo);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_firmware (f->app.repo)), ==, 1);
}

/* A file larger than any buffer along the way: it is read as it is
 * sent, so the app's memory grows by far less than the file. */
typedef struct
{
  guint64 peak;
  guint   n_samples;
} Rss;

static void
sample_rss_cb (PaFirmwareUploadDialog *dialog,
               GParamSpec             *pspec,
               Rss                    *rss)
{
  /* Every 64th piece: reading /proc at each would slow the upload. */
  if (++rss->n_samples % 64 == 1)
    rss->peak = MAX (rss->peak, pa_firmware_test_rss ());
}

static void
test_streamed (Fixture       *f,
               gconstpointer  data)
{
  const gsize size = 32 * MB + 7;
  g_autoptr(GFile) file = pa_firmware_test_write_file (f->folder, "T58W-150.86.0.5.rom", size, 58);
  g_autofree char *sha256 = pa_firmware_test_sha256_of (file);
  g_autoptr(JsonObject) record = NULL;
  Rss rss = { 0 };
  guint64 before;

  open_dialog (f, file);
  g_signal_connect (f->dialog, "notify::sent", G_CALLBACK (sample_rss_cb), &rss);
  before = pa_firmware_test_rss ();
  run_upload (f);
  pa_app_test_wait_until (closed, f->dialog);
  g_signal_handlers_disconnect_by_func (f->dialog, sample_rss_cb, &rss);
  g_assert_cmpuint (rss.n_samples, >, 64);

  g_test_message ("resident: %" G_GUINT64_FORMAT " KiB before, at most %" G_GUINT64_FORMAT
                  " KiB while the file went", before / 1024, rss.peak / 1024);
#ifdef __SANITIZE_ADDRESS__
  /* AddressSanitizer keeps freed memory in quarantine (256 MB by default):
   * resident memory says nothing about what the upload holds. */
  g_test_message ("resident memory not judged under AddressSanitizer");
#else
  if (before > 0)
    g_assert_cmpuint (rss.peak, <, before + 16 * MB);
#endif
  record = only_record (f);
  g_assert_cmpstr (json_object_get_string_member (record, "sha256"), ==, sha256);
  g_assert_cmpint (json_object_get_int_member (record, "size"), ==, size);
}

/* The same bytes again: the server refuses, the message names the
 * record that has them, and the dialog keeps everything. */
static void
test_same_file_again (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GFile) file = pa_firmware_test_write_file (f->folder, "T54W-96.86.0.150.rom",
                                                       2 * MB, 7);
  const char *error;

  pa_firmware_test_upload (f->app.server, file,
                           "vendor=yealink&models=yealink-t54w&version=96.86.0.150"
                           "&filename=T54W-96.86.0.150.rom&name=Reception%20T54W");
  pa_app_test_refresh_sync (f->app.repo);

  open_dialog (f, file);
  set_entry (f, "name_row", "Another name");
  run_upload (f);
  pa_app_test_wait_until (not_busy, f->dialog);

  g_assert_true (pa_firmware_test_is_open (f->dialog));
  error = pa_firmware_upload_dialog_get_error (f->dialog);
  g_test_message ("%s", error);
  g_assert_true (g_str_has_prefix (error, "This file is already uploaded as “Reception T54W”."));
  g_assert_cmpstr (pa_firmware_upload_dialog_get_error_field (f->dialog), ==, "file");
  g_assert_true (gtk_widget_get_visible (child (f, "error_box")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "error_label"))), ==, error);
  g_assert_true (gtk_widget_has_css_class (child (f, "file_row"), "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (child (f, "file_row")),
                                    GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  /* Nothing lost: the form as it was, Upload on again. */
  g_assert_cmpstr (entry_text (f, "name_row"), ==, "Another name");
  g_assert_cmpstr (entry_text (f, "version_row"), ==, "96.86.0.150");
  g_assert_true (gtk_widget_is_sensitive (child (f, "upload_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (f, "upload_button"))), ==, "_Try Again");
  g_assert_cmpint (pa_test_total_of (f->app.server, "firmware"), ==, 1);
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->dialog), "firmware-upload-duplicate.png");
}

/* A version with a space: the server's own check (the core's) says so on
 * the field before a byte is sent; the server says the same when asked. */
static void
test_bad_version (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) file = pa_firmware_test_write_file (f->folder, "T54W-96.86.0.150.rom", MB, 3);
  g_autoptr(PaFirmware) record = pa_firmware_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaFirmware) stored = NULL;
  const char *reason;

  open_dialog (f, file);
  set_entry (f, "version_row", "96.86 beta");

  reason = pa_firmware_upload_dialog_get_reason (f->dialog);
  g_assert_nonnull (reason);
  g_test_message ("%s", reason);
  g_assert_cmpstr (pa_firmware_upload_dialog_get_error_field (f->dialog), ==, "version");
  g_assert_true (gtk_widget_has_css_class (child (f, "version_row"), "error"));
  gtk_test_accessible_assert_state (GTK_ACCESSIBLE (child (f, "version_row")),
                                    GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (f, "reason_revealer"))));
  {
    g_autofree char *line = g_strdup_printf ("Cannot upload yet: %s", reason);

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "reason_label"))), ==, line);
  }
  g_assert_false (gtk_widget_is_sensitive (child (f, "upload_button")));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (child (f, "upload_button")), ==, reason);
  gtk_widget_activate_action (GTK_WIDGET (f->dialog), "upload.run", NULL);
  g_assert_false (pa_firmware_upload_dialog_get_busy (f->dialog));
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->dialog), "firmware-upload-bad-version.png");

  /* No models: the same, on the list of models. */
  set_entry (f, "version_row", "96.86.0.150");
  check_model (f, "yealink-t54w", FALSE);
  g_assert_cmpstr (pa_firmware_upload_dialog_get_error_field (f->dialog), ==, "models");
  g_assert_false (gtk_widget_has_css_class (child (f, "version_row"), "error"));
  check_model (f, "yealink-t54w", TRUE);
  g_assert_null (pa_firmware_upload_dialog_get_reason (f->dialog));

  /* The streamed request, asked straight: the server's field comes back. */
  pa_firmware_set_vendor (record, "yealink");
  pa_firmware_set_models (record, (const char *[]) { "yealink-t54w", NULL });
  pa_firmware_set_version (record, "96.86 beta");
  pa_firmware_set_filename (record, "T54W-96.86.0.150.rom");
  pa_client_upload_firmware_async (pa_repository_get_client (f->app.repo), record, file, MB,
                                   NULL, NULL, NULL, pa_app_test_store_result_cb, &result);
  pa_app_test_wait_until (pa_app_test_result_arrived, &result);
  stored = pa_client_upload_firmware_finish (pa_repository_get_client (f->app.repo), result, NULL,
                                             &error);
  g_assert_null (stored);
  g_assert_error (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_INVALID);
  g_assert_cmpstr (pa_client_error_get_field (error), ==, "version");
  g_assert_cmpint (pa_test_total_of (f->app.server, "firmware"), ==, 0);
}

/* Cancel in the middle: the server keeps nothing, not even a partial
 * file; the dialog keeps its values, and Upload then goes through. */
static void
bytes_going_cb (PaFirmwareUploadDialog *dialog,
                GParamSpec             *pspec,
                Fixture                *f)
{
  guint64 sent = pa_firmware_upload_dialog_get_sent (dialog);

  if (sent > 0 && sent < pa_firmware_upload_dialog_get_size (dialog))
    {
      g_signal_handlers_disconnect_by_func (dialog, bytes_going_cb, f);
      g_test_message ("cancelling after %" G_GUINT64_FORMAT " bytes", sent);
      gtk_widget_activate_action (GTK_WIDGET (dialog), "upload.cancel", NULL);
    }
}

static gboolean
no_partial_upload (gpointer data)
{
  Fixture *f = data;

  return pa_firmware_test_count_partial (f->app.server) == 0;
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GFile) file = pa_firmware_test_write_file (f->folder, "X6U-2.8.2.bin", 8 * MB, 11);

  open_dialog (f, file);
  g_assert_cmpstr (pa_vendor_get_id (adw_combo_row_get_selected_item (ADW_COMBO_ROW (child (f, "brand_row")))),
                   ==, "fanvil");
  g_signal_connect (f->dialog, "notify::sent", G_CALLBACK (bytes_going_cb), f);
  run_upload (f);
  pa_app_test_wait_until (not_busy, f->dialog);
  g_signal_handlers_disconnect_by_func (f->dialog, bytes_going_cb, f);

  g_assert_true (pa_firmware_test_is_open (f->dialog));
  g_assert_cmpuint (pa_firmware_upload_dialog_get_sent (f->dialog), <, 8 * MB);
  g_assert_cmpstr (pa_firmware_upload_dialog_get_error (f->dialog), ==,
                   "The upload was stopped. Nothing was stored on the server; upload again when "
                   "you are ready.");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (f, "cancel_button"))), ==, "_Cancel");
  /* Stopping is no failure: said as information, Upload as before. */
  g_assert_false (gtk_widget_has_css_class (child (f, "error_label"), "error"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (f, "upload_button"))), ==, "_Upload");
  g_assert_false (gtk_widget_get_visible (child (f, "progress_group")));
  g_assert_cmpstr (entry_text (f, "version_row"), ==, "2.8.2");
  g_assert_cmpint (pa_test_total_of (f->app.server, "firmware"), ==, 0);
  /* provd removes the part it had once the connection is gone. */
  pa_app_test_wait_until (no_partial_upload, f);
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->dialog), "firmware-upload-stopped.png");

  /* Again, to the end. */
  run_upload (f);
  pa_app_test_wait_until (closed, f->dialog);
  g_assert_cmpint (pa_test_total_of (f->app.server, "firmware"), ==, 1);
}

/* The server is gone when Upload is pressed: the message says so and
 * that nothing was lost; once it is back, Try Again stores the file. */
static void
test_retry_after_failure (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GFile) file = pa_firmware_test_write_file (f->folder, "D785-10.1.84.12.bin", MB, 5);
  g_autofree char *sha256 = pa_firmware_test_sha256_of (file);
  g_autoptr(JsonObject) record = NULL;

  open_dialog (f, file);
  pa_test_server_stop (f->app.server);
  run_upload (f);
  pa_app_test_wait_until (not_busy, f->dialog);
  g_test_message ("%s", pa_firmware_upload_dialog_get_error (f->dialog));
  g_assert_nonnull (strstr (pa_firmware_upload_dialog_get_error (f->dialog),
                            "Nothing was lost"));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (f, "upload_button"))), ==, "_Try Again");
  g_assert_cmpstr (entry_text (f, "version_row"), ==, "10.1.84.12");

  pa_test_server_restart_same_port (f->app.server);
  run_upload (f);
  pa_app_test_wait_until (closed, f->dialog);
  record = only_record (f);
  g_assert_cmpstr (json_object_get_string_member (record, "sha256"), ==, sha256);
  g_assert_cmpstr (json_object_get_string_member (record, "vendor"), ==, "snom");
}

/* Every control has a name and Tab reaches it; the keys do what the
 * buttons say. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) file = pa_firmware_test_write_file (f->folder, "firmware.bin", 4096, 9);
  GtkWidget *dialog;

  open_dialog (f, file);
  dialog = GTK_WIDGET (f->dialog);
  pa_app_test_wait_for_frames (3);
  /* Nothing to guess from: the brand first. */
  g_assert_cmpstr (pa_firmware_upload_dialog_get_error_field (f->dialog), ==, "vendor");
  pa_firmware_test_assert_keyboard (dialog, "nothing chosen");

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (f, "brand_row")), 0);
  pa_app_test_wait_for_frames (3);
  pa_firmware_test_assert_keyboard (dialog, "a brand chosen");

  g_assert_true (pa_firmware_test_has_binding (dialog, "Escape", "upload.cancel"));
  g_assert_true (pa_firmware_test_has_binding (dialog, "<Control>Return", "upload.run"));
  g_assert_true (pa_firmware_test_has_binding (dialog, "<Control>o", "upload.choose-file"));

  /* Ctrl+O opens a chooser, once; Escape closes the dialog. */
  gtk_widget_activate_action (dialog, "upload.choose-file", NULL);
  g_assert_nonnull (pa_firmware_upload_dialog_get_chooser (f->dialog));
  gtk_native_dialog_hide (GTK_NATIVE_DIALOG (pa_firmware_upload_dialog_get_chooser (f->dialog)));
  gtk_widget_activate_action (dialog, "upload.cancel", NULL);
  g_assert_false (pa_firmware_test_is_open (f->dialog));
  g_assert_cmpint (pa_test_total_of (f->app.server, "firmware"), ==, 0);
}

/* A file that is not there, and an empty one: said on the file, Upload
 * off. */
static void
test_bad_files (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *gone_path = g_build_filename (f->folder, "gone.rom", NULL);
  g_autoptr(GFile) gone = g_file_new_for_path (gone_path);
  g_autoptr(GFile) empty = pa_firmware_test_write_file (f->folder, "T54W-96.86.0.1.rom", 0, 1);

  open_dialog (f, gone);
  g_assert_cmpstr (pa_firmware_upload_dialog_get_error_field (f->dialog), ==, "file");
  g_assert_true (g_str_has_prefix (pa_firmware_upload_dialog_get_reason (f->dialog),
                                   "Could not read “gone.rom”"));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (f, "reason_revealer"))));
  g_assert_false (gtk_widget_is_sensitive (child (f, "upload_button")));

  pa_firmware_upload_dialog_set_file (f->dialog, empty);
  pa_app_test_wait_until (not_busy, f->dialog);
  g_assert_cmpstr (pa_firmware_upload_dialog_get_reason (f->dialog), ==,
                   "“T54W-96.86.0.1.rom” is empty. Choose the firmware file.");
  g_assert_cmpstr (entry_text (f, "version_row"), ==, "96.86.0.1");
  g_assert_false (gtk_widget_is_sensitive (child (f, "upload_button")));
}

int
main (int   argc,
      char *argv[])
{
  /* Read once, when the first widget is made: before gtk_test_init. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add_func ("/app/firmware-upload/guesses", test_guesses);
  g_test_add ("/app/firmware-upload/upload", Fixture, NULL, fixture_set_up, test_upload,
              fixture_tear_down);
  g_test_add ("/app/firmware-upload/streamed", Fixture, NULL, fixture_set_up, test_streamed,
              fixture_tear_down);
  g_test_add ("/app/firmware-upload/same-file-again", Fixture, NULL, fixture_set_up,
              test_same_file_again, fixture_tear_down);
  g_test_add ("/app/firmware-upload/bad-version", Fixture, NULL, fixture_set_up, test_bad_version,
              fixture_tear_down);
  g_test_add ("/app/firmware-upload/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/app/firmware-upload/retry-after-failure", Fixture, NULL, fixture_set_up,
              test_retry_after_failure, fixture_tear_down);
  g_test_add ("/app/firmware-upload/keyboard", Fixture, NULL, fixture_set_up, test_keyboard,
              fixture_tear_down);
  g_test_add ("/app/firmware-upload/bad-files", Fixture, NULL, fixture_set_up, test_bad_files,
              fixture_tear_down);
  return g_test_run ();
}
