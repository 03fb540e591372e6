/* fuzz-csv.c — libFuzzer target for pa_csv_import_parse() and
 * pa_csv_append_row()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by `tools/fuzz.sh csv`. A CSV file is whatever a user's
 * spreadsheet, or a stranger's, wrote. The invariants are here too, and
 * tests/core/test-csv.c links this file to replay the seed corpus
 * (tests/fuzz/corpus/csv) through pa_csv_check_invariants().
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "pa-catalog.h"
#include "pa-csv.h"
#include "pa-error.h"
#include "pa-mac.h"

/* NULL when every invariant holds, else a static sentence naming the first
 * one broken. (Declared again in test-csv.c.) */
const char *pa_csv_check_invariants (const guint8 *data,
                                     gsize         size);
int         LLVMFuzzerTestOneInput  (const guint8 *data,
                                     size_t        size);

/* The physical lines a text editor shows: LF, CRLF and a lone CR end one. */
static guint
count_lines (const guint8 *data,
             gsize         size)
{
  guint lines = size > 0 ? 1 : 0;

  for (gsize i = 0; i < size; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')))
      {
        if (i + 1 < size)
          lines++;
      }
  return lines;
}

static gboolean
utf8_or_null (const char *text)
{
  return text == NULL || g_utf8_validate (text, -1, NULL);
}

static const char *
check_row (const PaCsvRow *row,
           PaCatalog      *catalog)
{
  if (!utf8_or_null (row->mac) || !utf8_or_null (row->vendor_id) || !utf8_or_null (row->model_id)
      || !utf8_or_null (row->name) || !utf8_or_null (row->agent)
      || !utf8_or_null (row->layout) || !utf8_or_null (row->profile))
    return "a row's value is not UTF-8";
  if (row->mac != NULL && !pa_mac_is_valid (row->mac))
    return "a row's MAC is not a usable normalised MAC";
  if ((row->vendor_id == NULL) != (row->model_id == NULL))
    return "a row has a vendor without a model, or a model without a vendor";
  if (row->model_id != NULL)
    {
      PaDeviceModel *model = pa_catalog_get_model (catalog, row->model_id);

      if (model == NULL || g_strcmp0 (pa_device_model_get_vendor_id (model), row->vendor_id) != 0)
        return "a row's model is not the catalog's, or not of its vendor";
    }
  if (row->error == NULL)
    {
      if (row->mac == NULL || row->model_id == NULL)
        return "a row without an error lacks its MAC or its model";
      return NULL;
    }
  if (row->error->domain != PA_MODEL_ERROR)
    return "a row's error is not in PA_MODEL_ERROR";
  if (!g_utf8_validate (row->error->message, -1, NULL))
    return "a row's error message is not UTF-8";
  {
    g_autofree char *line = g_strdup_printf ("%u", row->line);

    if (strstr (row->error->message, line) == NULL)
      return "a row's error message does not name its line";
  }
  return NULL;
}

/* The good rows written back out read in again as the same phones. */
static const char *
check_round_trip (PaCsvImport *import,
                  PaCatalog   *catalog)
{
  static const char * const header[] = { "MAC", "Model", "Name", "Agent", "Layout", "Profile" };
  char delimiter = pa_csv_import_get_delimiter (import);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(PaCsvImport) again = NULL;
  g_autoptr(GError) error = NULL;
  guint n_good = 0;
  guint j = 0;

  pa_csv_append_row (out, header, G_N_ELEMENTS (header), delimiter);
  for (guint i = 0; i < pa_csv_import_get_n_rows (import); i++)
    {
      const PaCsvRow *row = pa_csv_import_get_row (import, i);
      const char *fields[] = { row->mac, row->model_id, row->name, row->agent, row->layout,
                               row->profile };

      if (row->error != NULL)
        continue;
      pa_csv_append_row (out, fields, G_N_ELEMENTS (fields), delimiter);
      n_good++;
    }
  if (n_good == 0)
    return NULL;

  again = pa_csv_import_parse (out->str, out->len, catalog, &error);
  if (again == NULL)
    return "the good rows written out do not read back";
  if (pa_csv_import_get_n_rows (again) != n_good || pa_csv_import_get_n_errors (again) != 0)
    return "the good rows written out read back as other rows, or with errors";
  for (guint i = 0; i < pa_csv_import_get_n_rows (import); i++)
    {
      const PaCsvRow *row = pa_csv_import_get_row (import, i);
      const PaCsvRow *back;

      if (row->error != NULL)
        continue;
      back = pa_csv_import_get_row (again, j++);
      if (g_strcmp0 (row->mac, back->mac) != 0
          || g_strcmp0 (row->model_id, back->model_id) != 0
          || g_strcmp0 (row->vendor_id, back->vendor_id) != 0
          || g_strcmp0 (row->name, back->name) != 0
          || g_strcmp0 (row->agent, back->agent) != 0
          || g_strcmp0 (row->layout, back->layout) != 0
          || g_strcmp0 (row->profile, back->profile) != 0)
        return "a good row written out reads back with other values";
    }
  return NULL;
}

typedef struct
{
  GPtrArray *values;
  guint      records;
} Collected;

static void
collect_value_cb (void   *text,
                  size_t  len,
                  void   *data)
{
  Collected *c = data;

  g_ptr_array_add (c->values, g_strndup (text, len));
}

static void
collect_record_cb (int   terminator,
                   void *data)
{
  ((Collected *) data)->records++;
}

/* Any values written as one record are read by libcsv (strict) as that
 * record, byte for byte: the input, cut at 0x1F, is the values. */
static const char *
check_writer (const guint8 *data,
              gsize         size)
{
  char delimiter = size > 0 && (data[0] & 1) ? ';' : ',';
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_auto(GStrv) fields = g_strsplit (text, "\x1f", 32);
  guint n_fields = g_strv_length (fields);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  Collected collected = { values, 0 };
  struct csv_parser parser;
  gsize done;
  int finished;

  if (n_fields == 0)
    return NULL;
  pa_csv_append_row (out, (const char * const *) fields, n_fields, delimiter);
  if (out->len < 2 || out->str[out->len - 2] != '\r' || out->str[out->len - 1] != '\n')
    return "a record does not end in CRLF";

  csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  csv_set_delim (&parser, (unsigned char) delimiter);
  done = csv_parse (&parser, out->str, out->len, collect_value_cb, collect_record_cb, &collected);
  finished = csv_fini (&parser, collect_value_cb, collect_record_cb, &collected);
  csv_free (&parser);

  if (done != out->len || finished != 0)
    return "a written record is not valid CSV to libcsv's strict mode";
  if (collected.records != 1)
    return "a written record does not read back as one record";
  if (values->len != n_fields)
    return "a written record reads back with another number of values";
  for (guint i = 0; i < n_fields; i++)
    if (!g_str_equal (g_ptr_array_index (values, i), fields[i]))
      return "a written value reads back as another";
  return NULL;
}

const char *
pa_csv_check_invariants (const guint8 *data,
                         gsize         size)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCsvImport) import = pa_csv_import_parse ((const char *) data, size, catalog,
                                                        &error);
  g_autoptr(GHashTable) good_macs = NULL;
  guint lines;
  guint previous_line = 1;
  guint n_errors = 0;
  const char *problem;

  if ((problem = check_writer (data, size)) != NULL)
    return problem;

  if ((import == NULL) == (error == NULL))
    return "the result and the error disagree";
  if (import == NULL)
    {
      if (error->domain != PA_MODEL_ERROR)
        return "a refusal is not in PA_MODEL_ERROR";
      if (error->message[0] == '\0' || !g_utf8_validate (error->message, -1, NULL))
        return "a refusal's message is empty or not UTF-8";
      return NULL;
    }

  if (pa_csv_import_get_delimiter (import) != ',' && pa_csv_import_get_delimiter (import) != ';')
    return "the delimiter is neither ',' nor ';'";
  if (pa_csv_import_get_n_rows (import) == 0
      || pa_csv_import_get_n_rows (import) > PA_CSV_MAX_ROWS)
    return "an accepted file has no rows, or more than PA_CSV_MAX_ROWS";

  lines = count_lines (data, size);
  good_macs = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < pa_csv_import_get_n_rows (import); i++)
    {
      const PaCsvRow *row = pa_csv_import_get_row (import, i);

      if (row->line <= previous_line || row->line > lines)
        return "row lines do not rise within the file's lines, after the header";
      previous_line = row->line;
      if ((problem = check_row (row, catalog)) != NULL)
        return problem;
      if (row->error != NULL)
        n_errors++;
      else if (!g_hash_table_add (good_macs, row->mac))
        return "two rows without an error have one MAC";
    }
  if (n_errors != pa_csv_import_get_n_errors (import))
    return "the number of rows with an error is not the one counted";

  return check_round_trip (import, catalog);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *problem = pa_csv_check_invariants (data, size);

  if (problem != NULL)
    {
      fprintf (stderr, "pa_csv invariant broken: %s\n", problem);
      abort ();
    }
  return 0;
}
