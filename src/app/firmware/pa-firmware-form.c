/* pa-firmware-form.c — see pa-firmware-form.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-firmware"

#include "config.h"

#include <string.h>

#include "pa-firmware-form.h"
#include "pa-phone-usage.h"

#define FILENAME_MAX_BYTES 255
#define SHORT_SHA256_DIGITS 12

char *
pa_firmware_guess_version (const char *filename)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;

  if (filename == NULL)
    return NULL;
  if (g_once_init_enter (&regex))
    {
      /* Not glued to a word on the left ("gxp2170fw1.0" has none), so a
       * model number is never read as the version. */
      GRegex *made = g_regex_new ("(?<![A-Za-z0-9.])[0-9]+(?:\\.[0-9]+)+", G_REGEX_OPTIMIZE, 0,
                                  NULL);

      g_once_init_leave (&regex, made);
    }
  if (!g_regex_match (regex, filename, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 0);
}

/* Lowercase letters and digits only: "VVX 450" → "vvx450". */
static char *
squash (const char *text,
        gssize      length)
{
  GString *out = g_string_new (NULL);

  for (gssize i = 0; length < 0 ? text[i] != '\0' : i < length; i++)
    if (g_ascii_isalnum (text[i]))
      g_string_append_c (out, g_ascii_tolower (text[i]));
  return g_string_free (out, FALSE);
}

/* The words of @filename (runs of letters and digits, lowercased), and
 * each pair of neighbours run together ("cp-8841" → "cp", "8841",
 * "cp8841"). */
static GPtrArray *
filename_words (const char *filename)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) single = g_ptr_array_new_with_free_func (g_free);
  const char *p = filename;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      if (p > start)
        g_ptr_array_add (single, squash (start, p - start));
    }
  for (guint i = 0; i < single->len; i++)
    {
      g_ptr_array_add (words, g_strdup (g_ptr_array_index (single, i)));
      if (i + 1 < single->len)
        g_ptr_array_add (words, g_strconcat (g_ptr_array_index (single, i),
                                             g_ptr_array_index (single, i + 1), NULL));
    }
  return words;
}

/* 2: a word is the name; 1: a word starts or ends with it; 0: neither. */
static int
model_fit (GPtrArray  *words,
           const char *name)
{
  int best = 0;
  gsize length = strlen (name);

  if (length < 3)
    return 0;
  for (guint i = 0; i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);

      if (g_str_equal (word, name))
        return 2;
      if (g_str_has_prefix (word, name) || g_str_has_suffix (word, name))
        best = 1;
    }
  return best;
}

PaDeviceModel *
pa_firmware_guess_model (PaCatalog  *catalog,
                         const char *filename)
{
  g_autoptr(GPtrArray) words = NULL;
  GListModel *models;
  PaDeviceModel *found[3] = { NULL, NULL, NULL };
  guint n_found[3] = { 0, 0, 0 };

  g_return_val_if_fail (PA_IS_CATALOG (catalog), NULL);
  if (filename == NULL)
    return NULL;

  words = filename_words (filename);
  models = pa_catalog_get_models (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(PaDeviceModel) model = g_list_model_get_item (models, i);
      g_autofree char *name = squash (pa_device_model_get_name (model), -1);
      int fit = model_fit (words, name);

      if (fit == 0)
        continue;
      n_found[fit]++;
      found[fit] = model;   /* the catalog keeps it */
    }
  if (n_found[2] > 0)
    return n_found[2] == 1 ? found[2] : NULL;
  return n_found[1] == 1 ? found[1] : NULL;
}

char *
pa_firmware_safe_filename (const char *basename)
{
  GString *out;
  const char *p;

  if (basename == NULL)
    return NULL;
  p = basename;
  while (*p == '.')
    p++;
  out = g_string_new (NULL);
  for (; *p != '\0' && out->len < FILENAME_MAX_BYTES; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("._+-", *p) != NULL)
        g_string_append_c (out, *p);
      else if ((guchar) *p < 0x80 || ((guchar) *p & 0xc0) == 0xc0)
        /* One '_' per character: a UTF-8 sequence's lead byte, not its
         * continuation bytes. */
        g_string_append_c (out, '_');
    }
  if (out->len == 0 || !pa_firmware_filename_is_valid (out->str))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
pa_firmware_short_sha256 (const char *sha256)
{
  if (sha256 == NULL || sha256[0] == '\0')
    return g_strdup ("");
  if (strlen (sha256) <= SHORT_SHA256_DIGITS)
    return g_strdup (sha256);
  return g_strdup_printf ("%.*s…", SHORT_SHA256_DIGITS, sha256);
}

char *
pa_firmware_models_text (PaFirmware *firmware,
                         PaCatalog  *catalog)
{
  const char * const *models;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PA_IS_FIRMWARE (firmware), NULL);

  models = pa_firmware_get_models (firmware);
  for (guint i = 0; models[i] != NULL; i++)
    {
      PaDeviceModel *model = catalog != NULL ? pa_catalog_get_model (catalog, models[i]) : NULL;

      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, model != NULL ? pa_device_model_get_name (model) : models[i]);
    }
  return g_string_free (text, FALSE);
}

const char *
pa_firmware_vendor_name (PaCatalog  *catalog,
                         const char *vendor_id)
{
  PaVendor *vendor = catalog != NULL && vendor_id != NULL
                     ? pa_catalog_get_vendor (catalog, vendor_id) : NULL;

  return vendor != NULL ? pa_vendor_get_name (vendor) : vendor_id;
}

guint
pa_firmware_count_phones (PaFirmware *firmware,
                          GListModel *phones)
{
  g_return_val_if_fail (PA_IS_FIRMWARE (firmware), 0);

  if (phones == NULL)
    return 0;
  return pa_phones_count_using (phones, PA_PHONE_USES_FIRMWARE,
                                pa_resource_get_id (PA_RESOURCE (firmware)));
}

const char *
pa_firmware_form_field (const char *field)
{
  static const char * const fields[] = { "name", "vendor", "models", "version", "filename" };

  if (field == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (g_str_has_prefix (field, fields[i])
        && (field[strlen (fields[i])] == '\0' || field[strlen (fields[i])] == '['))
      return fields[i];
  return NULL;
}
