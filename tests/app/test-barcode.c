/* test-barcode.c — MACs from a photo of a label: barcodes drawn by zint in
 * the test, decoded by zbar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "pa-barcode.h"

static void
assert_macs (const char *text,
             const char * const *expected)
{
  g_auto(GStrv) macs = pa_barcode_extract_macs (text);

  {
    g_autofree char *shown = g_strescape (text != NULL ? text : "(null)", NULL);
    g_test_message ("extract from “%s”", shown);
  }
  g_assert_nonnull (macs);
  g_assert_cmpstrv (macs, expected);
}

static void
test_extract (void)
{
  const char *none[] = { NULL };
  const char *one[] = { "80:5E:C0:12:34:56", NULL };
  const char *two[] = { "80:5E:C0:12:34:56", "80:5E:C0:AA:BB:CC", NULL };

  assert_macs ("805EC0123456", one);
  assert_macs ("805e.c012.3456", one);
  assert_macs ("MAC: 80:5E:C0:12:34:56", one);
  assert_macs ("MAC:805ec0123456", one);
  assert_macs ("SN 0123\nMAC=805ec0123456;ALT=80-5e-c0-aa-bb-cc\nMAC2=805EC0123456", two);
  assert_macs ("mac 805e.c012.3456 end", one);
  /* Glued to more hex digits: a serial number, not a MAC. */
  assert_macs ("805EC01234567", none);
  assert_macs ("X805EC0123456F", none);
  /* Looks like a MAC but is no device. */
  assert_macs ("01005E000001", none);
  assert_macs ("FF:FF:FF:FF:FF:FF", none);
  assert_macs ("000000000000", none);
  /* Mixed separators are not one MAC. */
  assert_macs ("80:5E-C0:12:34:56", none);
  assert_macs ("", none);
  assert_macs (NULL, none);
  assert_macs ("\xff\xfe 805EC0123456", none);
  assert_macs ("HELLO WORLD", none);
}

static char *
tmp_path (const char *dir,
          const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* Draws a barcode with zint; FALSE (and the test skipped) without zint. */
static gboolean
zint (const char *symbology,
      const char *data,
      const char *out)
{
  g_autofree char *zint_path = g_find_program_in_path ("zint");
  g_autoptr(GError) error = NULL;
  g_autofree char *out_arg = g_strdup_printf ("--output=%s", out);
  g_autofree char *data_arg = g_strdup_printf ("--data=%s", data);
  g_autofree char *sym_arg = g_strdup_printf ("--barcode=%s", symbology);
  const char *argv[] = { zint_path, sym_arg, data_arg, "--scale=2", out_arg, NULL };
  int status = 0;

  if (zint_path == NULL)
    {
      g_test_skip ("zint is not installed (tools/deps.sh installs it)");
      return FALSE;
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  return TRUE;
}

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("pa-barcode-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static void
test_code128 (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = tmp_path (f->dir, "code128.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) macs = NULL;
  const char *expected[] = { "80:5E:C0:12:34:56", NULL };

  if (!zint ("CODE128", "805EC0123456", path))
    return;
  macs = pa_barcode_decode_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (macs, expected);
}

static void
test_qr (Fixture       *f,
         gconstpointer  data)
{
  g_autofree char *path = tmp_path (f->dir, "qr.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) macs = NULL;
  const char *expected[] = { "80:5E:C0:12:34:56", NULL };

  if (!zint ("QRCODE", "Yealink T54W\nSN: 0123456789\nMAC: 80:5E:C0:12:34:56", path))
    return;
  macs = pa_barcode_decode_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (macs, expected);
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = tmp_path (f->dir, "async.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(GStrv) macs = NULL;
  const char *expected[] = { "00:15:65:AB:CD:EF", NULL };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  if (!zint ("CODE128", "00-15-65-ab-cd-ef", path))
    return;
  pa_barcode_decode_file_async (file, NULL, done_cb, &result);
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (result);
  macs = pa_barcode_decode_file_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (macs, expected);
}

static void
test_barcode_without_mac (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = tmp_path (f->dir, "hello.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) macs = NULL;

  if (!zint ("CODE128", "HELLO-1234", path))
    return;
  macs = pa_barcode_decode_file (file, &error);
  g_assert_null (macs);
  g_assert_error (error, PA_BARCODE_ERROR, PA_BARCODE_ERROR_NO_MAC);
  g_assert_nonnull (strstr (error->message, "has no MAC address"));
}

static void
test_no_barcode (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = tmp_path (f->dir, "blank.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_auto(GStrv) macs = NULL;
  guint8 *pixels = g_malloc (200 * 100 * 4);

  /* A white picture with a grey box: an image, but no barcode. */
  for (guint i = 0; i < 200 * 100; i++)
    {
      guint x = i % 200, y = i / 200;
      guint8 v = (x > 50 && x < 150 && y > 30 && y < 70) ? 0x80 : 0xff;

      pixels[4 * i] = pixels[4 * i + 1] = pixels[4 * i + 2] = v;
      pixels[4 * i + 3] = 0xff;
    }
  bytes = g_bytes_new_take (pixels, 200 * 100 * 4);
  texture = gdk_memory_texture_new (200, 100, GDK_MEMORY_R8G8B8A8, bytes, 200 * 4);
  g_assert_true (gdk_texture_save_to_png (texture, path));

  macs = pa_barcode_decode_file (file, &error);
  g_assert_null (macs);
  g_assert_error (error, PA_BARCODE_ERROR, PA_BARCODE_ERROR_NO_MAC);
  g_assert_nonnull (strstr (error->message, "No barcode found"));
}

static void
test_not_an_image (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = tmp_path (f->dir, "label.png");
  g_autofree char *missing = tmp_path (f->dir, "missing.png");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) missing_file = g_file_new_for_path (missing);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) macs = NULL;

  g_assert_true (g_file_set_contents (path, "MAC 80:5E:C0:12:34:56, not a picture\n", -1, NULL));
  macs = pa_barcode_decode_file (file, &error);
  g_assert_null (macs);
  g_assert_error (error, PA_BARCODE_ERROR, PA_BARCODE_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "as an image"));
  g_assert_nonnull (strstr (error->message, "label.png"));
  g_clear_error (&error);

  macs = pa_barcode_decode_file (missing_file, &error);
  g_assert_null (macs);
  g_assert_error (error, PA_BARCODE_ERROR, PA_BARCODE_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "missing.png"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/barcode/extract", test_extract);
  g_test_add ("/app/barcode/code128", Fixture, NULL, fixture_setup, test_code128, fixture_teardown);
  g_test_add ("/app/barcode/qr", Fixture, NULL, fixture_setup, test_qr, fixture_teardown);
  g_test_add ("/app/barcode/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  g_test_add ("/app/barcode/barcode-without-mac", Fixture, NULL,
              fixture_setup, test_barcode_without_mac, fixture_teardown);
  g_test_add ("/app/barcode/no-barcode", Fixture, NULL,
              fixture_setup, test_no_barcode, fixture_teardown);
  g_test_add ("/app/barcode/not-an-image", Fixture, NULL,
              fixture_setup, test_not_an_image, fixture_teardown);

  return g_test_run ();
}
