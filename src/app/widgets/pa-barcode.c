/* pa-barcode.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-barcode"

#include "config.h"

#include <glib/gi18n.h>
#include <gdk/gdk.h>
#include <zbar.h>

#include "pa-barcode.h"
#include "pa-mac.h"

G_DEFINE_QUARK (pa-barcode-error-quark, pa_barcode_error)

/* Pairs joined by one kind of separator, Cisco's dotted quads, or twelve
 * digits in a row; not glued to more hex digits on either side. */
#define MAC_PATTERN \
  "(?<![0-9A-Fa-f])" \
  "([0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\\2[0-9A-Fa-f]{2}){4}" \
  "|[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}" \
  "|[0-9A-Fa-f]{12})" \
  "(?![0-9A-Fa-f])"

static void
add_unique (GPtrArray  *macs,
            const char *mac)
{
  for (guint i = 0; i < macs->len; i++)
    if (g_str_equal (g_ptr_array_index (macs, i), mac))
      return;
  g_ptr_array_add (macs, g_strdup (mac));
}

static void
extract_into (GPtrArray  *macs,
              const char *text)
{
  static GRegex *regex;
  g_autofree char *whole = NULL;
  g_autoptr(GMatchInfo) match = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return;

  whole = pa_mac_normalize (text, NULL);
  if (whole != NULL)
    {
      add_unique (macs, whole);
      return;
    }

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new (MAC_PATTERN, G_REGEX_OPTIMIZE, 0, NULL));

  g_regex_match (regex, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *run = g_match_info_fetch (match, 1);
      g_autofree char *mac = pa_mac_normalize (run, NULL);

      if (mac != NULL)
        add_unique (macs, mac);
    }
}

GStrv
pa_barcode_extract_macs (const char *text)
{
  g_autoptr(GPtrArray) macs = g_ptr_array_new_with_free_func (g_free);

  extract_into (macs, text);
  g_ptr_array_add (macs, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&macs), FALSE);
}

/* zbar reads 8-bit gray; the texture comes as premultiplied ARGB, so a
 * transparent pixel is laid on white, as a label is printed. */
static guint8 *
texture_to_gray (GdkTexture *texture,
                 int        *width,
                 int        *height)
{
  gsize stride;
  g_autofree guchar *argb = NULL;
  guint8 *gray;

  *width = gdk_texture_get_width (texture);
  *height = gdk_texture_get_height (texture);
  stride = (gsize) *width * 4;
  argb = g_malloc (stride * *height);
  gdk_texture_download (texture, argb, stride);

  gray = g_malloc ((gsize) *width * *height);
  for (int y = 0; y < *height; y++)
    {
      const guint32 *row = (const guint32 *) (argb + y * stride);

      for (int x = 0; x < *width; x++)
        {
          guint32 px = row[x];
          guint a = px >> 24;
          guint r = (px >> 16) & 0xff;
          guint g = (px >> 8) & 0xff;
          guint b = px & 0xff;
          guint lum = (299 * r + 587 * g + 114 * b) / 1000;

          gray[(gsize) y * *width + x] = (guint8) MIN (255u, lum + (255 - a));
        }
    }
  return gray;
}

GStrv
pa_barcode_decode_file (GFile   *file,
                        GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GPtrArray) macs = NULL;
  g_autofree char *name = NULL;
  g_autofree guint8 *gray = NULL;
  zbar_image_scanner_t *scanner;
  zbar_image_t *image;
  guint n_symbols = 0;
  int width, height;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_file_get_parse_name (file);
  texture = gdk_texture_new_from_file (file, &local_error);
  if (texture == NULL)
    {
      g_set_error (error, PA_BARCODE_ERROR, PA_BARCODE_ERROR_UNREADABLE,
                   _("Could not read “%s” as an image: %s"), name, local_error->message);
      return NULL;
    }

  gray = texture_to_gray (texture, &width, &height);

  scanner = zbar_image_scanner_create ();
  zbar_image_scanner_set_config (scanner, 0, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config (scanner, ZBAR_CODE128, ZBAR_CFG_ENABLE, 1);
  zbar_image_scanner_set_config (scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  /* Some vendors print the MAC as Code 39; it costs nothing to look. */
  zbar_image_scanner_set_config (scanner, ZBAR_CODE39, ZBAR_CFG_ENABLE, 1);

  image = zbar_image_create ();
  zbar_image_set_format (image, zbar_fourcc ('Y', '8', '0', '0'));
  zbar_image_set_size (image, width, height);
  zbar_image_set_data (image, gray, (unsigned long) width * height, NULL);

  macs = g_ptr_array_new_with_free_func (g_free);
  if (zbar_scan_image (scanner, image) > 0)
    {
      for (const zbar_symbol_t *symbol = zbar_image_first_symbol (image);
           symbol != NULL;
           symbol = zbar_symbol_next (symbol))
        {
          g_autofree char *text = g_strndup (zbar_symbol_get_data (symbol),
                                             zbar_symbol_get_data_length (symbol));

          n_symbols++;
          g_debug ("symbol %s: %s", zbar_get_symbol_name (zbar_symbol_get_type (symbol)), text);
          extract_into (macs, text);
        }
    }

  zbar_image_destroy (image);
  zbar_image_scanner_destroy (scanner);

  if (macs->len == 0)
    {
      if (n_symbols == 0)
        g_set_error (error, PA_BARCODE_ERROR, PA_BARCODE_ERROR_NO_MAC,
                     _("No barcode found in “%s”; take the photo closer and in focus"), name);
      else if (n_symbols == 1)
        g_set_error (error, PA_BARCODE_ERROR, PA_BARCODE_ERROR_NO_MAC,
                     _("The barcode in “%s” has no MAC address"), name);
      else
        g_set_error (error, PA_BARCODE_ERROR, PA_BARCODE_ERROR_NO_MAC,
                     _("None of the %u barcodes in “%s” has a MAC address"), n_symbols, name);
      return NULL;
    }

  g_ptr_array_add (macs, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&macs), FALSE);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GError *error = NULL;
  GStrv macs = pa_barcode_decode_file (G_FILE (task_data), &error);

  if (macs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, macs, (GDestroyNotify) g_strfreev);
}

void
pa_barcode_decode_file_async (GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_barcode_decode_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, decode_thread);
}

GStrv
pa_barcode_decode_file_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
