/* pa-csv.c — the columns of a phones CSV file, its rows checked, and
 * records written for export (records read: pa-csv-records.c; names:
 * pa-csv-names.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-csv"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "pa-csv-private.h"
#include "pa-error.h"
#include "pa-mac.h"
#include "pa-resource-private.h"

typedef enum
{
  COLUMN_MAC,
  COLUMN_BRAND,
  COLUMN_MODEL,
  COLUMN_NAME,
  COLUMN_AGENT,
  COLUMN_LAYOUT,
  COLUMN_PROFILE,
  N_COLUMNS
} Column;

/* The error field of each column: the phone's own member names. */
static const char * const column_fields[N_COLUMNS] = {
  "mac", "vendor", "model", "name", "agent", "layout", "profile",
};

/* Header names as fold_header_name() leaves them. */
static const struct
{
  const char *name;
  Column      column;
} column_names[] = {
  { "mac", COLUMN_MAC },
  { "mac address", COLUMN_MAC },
  { "brand", COLUMN_BRAND },
  { "vendor", COLUMN_BRAND },
  { "model", COLUMN_MODEL },
  { "phone", COLUMN_MODEL },
  { "brand and model", COLUMN_MODEL },
  { "name", COLUMN_NAME },
  { "agent", COLUMN_AGENT },
  { "layout", COLUMN_LAYOUT },
  { "profile", COLUMN_PROFILE },
};

struct _PaCsvImport
{
  GArray *rows;       /* of PaCsvRow */
  guint   n_errors;
  char    delimiter;
};

/* ------------------------------------------------------------------ */
/* Header and rows                                                      */

typedef struct
{
  PaCsvImport *import;
  PaCsvModelIndex   index;
  gboolean     have_header;
  guint        header_line;
  guint        n_columns;
  int          columns[N_COLUMNS];          /* value index, -1 when absent */
  char        *titles[N_COLUMNS];           /* as the header writes them */
  GHashTable  *first_line_of_mac;           /* normalised MAC → line */
} Reader;

static gboolean
read_header (Reader     *self,
             guint       line,
             GPtrArray  *values,
             guint       n_values,
             guint       quote_line,
             GError    **error)
{
  guint kept = MIN (n_values, values->len);

  if (quote_line != 0)
    {
      g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                   _("The header on line %u has a double quote out of place; a column name "
                     "with quotes in it must be in quotes, its own quotes doubled"),
                   line);
      return FALSE;
    }

  for (guint i = 0; i < kept; i++)
    {
      GString *value = g_ptr_array_index (values, i);

      if (!g_utf8_validate_len (value->str, value->len, NULL))
        {
          g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                       _("The header on line %u is not UTF-8 text. Save the file as UTF-8 "
                         "(“CSV UTF-8” in a spreadsheet) and import it again."),
                       line);
          return FALSE;
        }
    }

  /* A first row of phones, not of names: say so rather than call a MAC
   * an unknown column. */
  for (guint i = 0; i < kept; i++)
    {
      g_autofree char *mac = pa_mac_normalize (((GString *) g_ptr_array_index (values, i))->str,
                                               NULL);

      if (mac != NULL)
        {
          g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                       _("The file has no header row: line %u holds a MAC address (%s). Add "
                         "a first line that names the columns, such as “MAC,Model,Name”."),
                       line, mac);
          return FALSE;
        }
    }

  for (guint i = 0; i < kept; i++)
    {
      g_autofree char *title = pa_csv_trim_dup (((GString *) g_ptr_array_index (values, i))->str);
      g_autofree char *folded = pa_csv_fold_header_name (title);
      int column = -1;

      if (folded[0] == '\0')
        {
          g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_INVALID,
                       _("Column %u of the header on line %u has no name. Name it, or delete "
                         "the column; the columns PhoneAdmin reads are MAC, Model (or Brand "
                         "and Model), Name, Agent, Layout and Profile."),
                       i + 1, line);
          return FALSE;
        }
      for (gsize n = 0; n < G_N_ELEMENTS (column_names); n++)
        if (g_str_equal (folded, column_names[n].name))
          column = column_names[n].column;
      if (column < 0)
        {
          g_autofree char *title_echo = pa_csv_echo (title);

          pa_set_field_error (error, PA_MODEL_ERROR_UNKNOWN_FIELD, title,
                              _("The header on line %u names a column “%s” that PhoneAdmin "
                                "does not read. Rename or delete it; the columns it reads are "
                                "MAC, Model (or Brand and Model), Name, Agent, Layout and "
                                "Profile."),
                              line, title_echo);
          return FALSE;
        }
      if (self->columns[column] >= 0)
        {
          g_autofree char *title_echo = pa_csv_echo (title);
          g_autofree char *first_echo = pa_csv_echo (self->titles[column]);

          g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_INVALID,
                       _("The header on line %u names one column twice: column %d (“%s”) "
                         "and column %u (“%s”). Delete one of them."),
                       line, self->columns[column] + 1, first_echo, i + 1, title_echo);
          return FALSE;
        }
      self->columns[column] = (int) i;
      self->titles[column] = g_steal_pointer (&title);
    }

  if (self->columns[COLUMN_MAC] < 0)
    {
      g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_INVALID,
                   _("The header on line %u has no MAC column; add one named “MAC”."),
                   line);
      return FALSE;
    }
  if (self->columns[COLUMN_MODEL] < 0)
    {
      g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_INVALID,
                   _("The header on line %u has no model column. Add a “Model” column "
                     "(such as “Yealink T54W”), or “Brand” and “Model” columns."),
                   line);
      return FALSE;
    }

  self->n_columns = n_values;
  self->header_line = line;
  self->have_header = TRUE;
  return TRUE;
}

static char *
dup_or_null (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

/* The row's values by column, trimmed; NULL for a column the file lacks
 * and for a value that is not UTF-8 (@invalid, the leftmost of which is
 * @bad_column). */
static void
row_texts (Reader     *self,
           GPtrArray  *values,
           char      **texts,
           gboolean   *invalid,
           Column     *bad_column)
{
  for (Column c = 0; c < N_COLUMNS; c++)
    {
      GString *value;

      if (self->columns[c] < 0)
        continue;
      value = g_ptr_array_index (values, self->columns[c]);
      if (g_utf8_validate_len (value->str, value->len, NULL))
        texts[c] = pa_csv_trim_dup (value->str);
      else
        {
          invalid[c] = TRUE;
          if (*bad_column == N_COLUMNS || self->columns[c] < self->columns[*bad_column])
            *bad_column = c;
        }
    }
}

/* Every check runs, so a row shows every value that could be read; the
 * first problem found is the row's error. */
static void
check_row (Reader     *self,
           PaCsvRow   *row,
           GPtrArray  *values,
           GError    **error)
{
  char *texts[N_COLUMNS] = { NULL };
  gboolean invalid[N_COLUMNS] = { FALSE };
  Column bad_column = N_COLUMNS;
  g_autoptr(GError) mac_error = NULL;

  row_texts (self, values, texts, invalid, &bad_column);
  if (bad_column != N_COLUMNS)
    pa_set_field_error (error, PA_MODEL_ERROR_INVALID, column_fields[bad_column],
                        _("Not UTF-8 text; the file was probably saved as Latin-1 or "
                          "Windows-1252. Save it as UTF-8 (“CSV UTF-8” in a spreadsheet) "
                          "and import it again."));

  /* A MAC that is not UTF-8 has already been reported. */
  if (!invalid[COLUMN_MAC])
    row->mac = pa_mac_normalize (texts[COLUMN_MAC], &mac_error);
  if (mac_error != NULL && *error == NULL)
    g_propagate_error (error, g_steal_pointer (&mac_error));
  if (row->mac != NULL)
    {
      guint first = GPOINTER_TO_UINT (g_hash_table_lookup (self->first_line_of_mac, row->mac));

      if (first != 0 && *error == NULL)
        pa_set_field_error (error, PA_MODEL_ERROR_RULE, column_fields[COLUMN_MAC],
                            _("%s is already on line %u; a phone can be in the file only once"),
                            row->mac, first);
      else if (first == 0)
        g_hash_table_insert (self->first_line_of_mac, g_strdup (row->mac),
                             GUINT_TO_POINTER (row->line));
    }

  {
    g_autoptr(GError) model_error = NULL;
    PaDeviceModel *model = NULL;

    if (!invalid[COLUMN_BRAND] && !invalid[COLUMN_MODEL])
      model = pa_csv_resolve_model (&self->index, texts[COLUMN_BRAND], texts[COLUMN_MODEL],
                             &model_error);
    if (model != NULL)
      {
        row->vendor_id = g_strdup (pa_device_model_get_vendor_id (model));
        row->model_id = g_strdup (pa_device_model_get_id (model));
      }
    else if (model_error != NULL && *error == NULL)
      g_propagate_error (error, g_steal_pointer (&model_error));
  }

  row->name = dup_or_null (texts[COLUMN_NAME]);
  row->agent = dup_or_null (texts[COLUMN_AGENT]);
  row->layout = dup_or_null (texts[COLUMN_LAYOUT]);
  row->profile = dup_or_null (texts[COLUMN_PROFILE]);
  for (Column c = 0; c < N_COLUMNS; c++)
    g_free (texts[c]);

  /* The phone's own name rule (pa_validate_name_and_description()) but
   * not required: a phone imported without one is named by the importer.
   * Layouts and profiles are found by name, and their names follow it. */
  if (*error == NULL)
    pa_validate_name (row->name, column_fields[COLUMN_NAME], FALSE, PA_NAME_MAX_CHARS, error);
  if (*error == NULL)
    pa_csv_check_agent (row->agent, error);
  if (*error == NULL)
    pa_validate_name (row->layout, column_fields[COLUMN_LAYOUT], FALSE, PA_NAME_MAX_CHARS, error);
  if (*error == NULL)
    pa_validate_name (row->profile, column_fields[COLUMN_PROFILE], FALSE, PA_NAME_MAX_CHARS,
                      error);
}

static const char *
title_of_field (Reader     *self,
                const char *field)
{
  for (Column c = 0; c < N_COLUMNS; c++)
    if (g_strcmp0 (field, column_fields[c]) == 0)
      return self->titles[c];
  return NULL;
}

static gboolean
read_record_cb (guint       line,
                GPtrArray  *values,
                guint       n_values,
                guint       quote_line,
                gpointer    user_data,
                GError    **error)
{
  Reader *self = user_data;
  PaCsvImport *import = self->import;
  PaCsvRow row = { .line = line };
  g_autoptr(GError) problem = NULL;

  if (!self->have_header)
    {
      if (quote_line == 0 && pa_csv_record_blank_by_either (values, n_values))
        return TRUE;
      return read_header (self, line, values, n_values, quote_line, error);
    }
  if (quote_line == 0 && pa_csv_values_blank (values, n_values))
    return TRUE;

  if (import->rows->len >= PA_CSV_MAX_ROWS)
    {
      g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                   _("The file has more than %u phones (line %u is past that); split it into "
                     "smaller files"),
                   (guint) PA_CSV_MAX_ROWS, line);
      return FALSE;
    }

  if (quote_line != 0)
    pa_set_field_error (&problem, PA_MODEL_ERROR_MALFORMED, NULL,
                        _("A double quote on line %u is out of place. A value with quotes in "
                          "it must be in quotes itself, each of its own quotes doubled (\"\")."),
                        quote_line);
  else if (n_values != self->n_columns)
    pa_set_field_error (&problem, PA_MODEL_ERROR_MALFORMED, NULL,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "It has %u values, but the header has %u column. A value "
                                     "with “%c” in it must be in double quotes.",
                                     "It has %u values, but the header has %u columns. A value "
                                     "with “%c” in it must be in double quotes.",
                                     self->n_columns),
                        n_values, self->n_columns, import->delimiter);
  else
    check_row (self, &row, values, &problem);

  if (problem != NULL)
    {
      const char *field = pa_model_error_get_field (problem);
      const char *title = title_of_field (self, field);

      if (title != NULL)
        pa_set_field_error (&row.error, problem->code, field, _("Line %u, %s: %s"),
                            line, title, problem->message);
      else
        pa_set_field_error (&row.error, problem->code, field, _("Line %u: %s"),
                            line, problem->message);
      import->n_errors++;
    }
  g_array_append_val (import->rows, row);
  return TRUE;
}

static void
clear_row (gpointer data)
{
  PaCsvRow *row = data;

  g_clear_pointer (&row->mac, g_free);
  g_clear_pointer (&row->vendor_id, g_free);
  g_clear_pointer (&row->model_id, g_free);
  g_clear_pointer (&row->name, g_free);
  g_clear_pointer (&row->agent, g_free);
  g_clear_pointer (&row->layout, g_free);
  g_clear_pointer (&row->profile, g_free);
  g_clear_error (&row->error);
}

void
pa_csv_import_free (PaCsvImport *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->rows);
  g_free (self);
}

PaCsvImport *
pa_csv_import_parse (const char  *data,
                     gsize        length,
                     PaCatalog   *catalog,
                     GError     **error)
{
  static const char bom[] = "\xEF\xBB\xBF";
  g_autoptr(PaCsvImport) import = NULL;
  Reader reader = { NULL };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (catalog == NULL || PA_IS_CATALOG (catalog), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > PA_CSV_MAX_BYTES)
    {
      g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                   _("The file is larger than %u MB; split it into smaller files"),
                   (guint) (PA_CSV_MAX_BYTES / (1024 * 1024)));
      return NULL;
    }
  if (length >= 3 && memcmp (data, bom, 3) == 0)
    {
      data += 3;
      length -= 3;
    }
  if (!pa_csv_has_content (data, length))
    {
      g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                   _("The file is empty. It needs a header line that names the columns, such "
                     "as “MAC,Model,Name”, and a line for each phone."));
      return NULL;
    }

  import = g_new0 (PaCsvImport, 1);
  import->rows = g_array_new (FALSE, TRUE, sizeof (PaCsvRow));
  g_array_set_clear_func (import->rows, clear_row);
  import->delimiter = pa_csv_detect_delimiter (data, length);

  reader.import = import;
  pa_csv_model_index_init (&reader.index, catalog != NULL ? catalog : pa_catalog_get_default ());
  for (Column c = 0; c < N_COLUMNS; c++)
    reader.columns[c] = -1;
  reader.first_line_of_mac = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ok = pa_csv_feed (data, length, import->delimiter, read_record_cb, &reader, error);

  pa_csv_model_index_clear (&reader.index);
  for (Column c = 0; c < N_COLUMNS; c++)
    g_free (reader.titles[c]);
  g_hash_table_unref (reader.first_line_of_mac);

  if (!ok)
    return NULL;
  if (!reader.have_header)
    {
      /* Only blank values (",,,"): nothing names a column. */
      g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                   _("The file has no header row. Its first line must name the columns, "
                     "such as “MAC,Model,Name”."));
      return NULL;
    }
  if (import->rows->len == 0)
    {
      g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                   _("The file has a header (line %u) but no phones; add a line for each "
                     "phone under it"),
                   reader.header_line);
      return NULL;
    }
  return g_steal_pointer (&import);
}

char
pa_csv_import_get_delimiter (PaCsvImport *self)
{
  g_return_val_if_fail (self != NULL, ',');
  return self->delimiter;
}

guint
pa_csv_import_get_n_rows (PaCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->rows->len;
}

const PaCsvRow *
pa_csv_import_get_row (PaCsvImport *self,
                       guint        index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);
  return &g_array_index (self->rows, PaCsvRow, index);
}

guint
pa_csv_import_get_n_errors (PaCsvImport *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_errors;
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */

/* libcsv (and a spreadsheet) trims blanks around a value out of quotes. */
static gboolean
needs_quotes (const char *value,
              gsize       len,
              char        delimiter)
{
  if (len == 0)
    return FALSE;
  if (value[0] == ' ' || value[0] == '\t' || value[len - 1] == ' ' || value[len - 1] == '\t')
    return TRUE;
  for (gsize i = 0; i < len; i++)
    if (value[i] == delimiter || value[i] == '"' || value[i] == '\r' || value[i] == '\n')
      return TRUE;
  return FALSE;
}

void
pa_csv_append_row (GString            *out,
                   const char * const *fields,
                   gsize               n_fields,
                   char                delimiter)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (fields != NULL);
  g_return_if_fail (n_fields > 0);
  g_return_if_fail (delimiter != '\0' && delimiter != '"' && delimiter != '\r'
                    && delimiter != '\n' && delimiter != ' ');

  for (gsize i = 0; i < n_fields; i++)
    {
      const char *value = fields[i] != NULL ? fields[i] : "";
      gsize len = strlen (value);

      if (i > 0)
        g_string_append_c (out, delimiter);
      /* A record of one empty value would be a blank line, which readers
       * skip. */
      if (needs_quotes (value, len, delimiter) || (n_fields == 1 && len == 0))
        {
          gsize at = out->len;
          gsize quoted_len = csv_write2 (NULL, 0, value, len, '"');

          g_string_set_size (out, at + quoted_len);
          csv_write2 (out->str + at, quoted_len, value, len, '"');
        }
      else
        g_string_append_len (out, value, len);
    }
  g_string_append (out, "\r\n");
}
