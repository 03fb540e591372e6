/* pa-csv-records.c — a CSV file as records, read by libcsv one line at a
 * time so every record knows the line it starts on
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

/* A header names at most one of each column, so past this many values
 * it already has an unknown or a repeated name; a data row's surplus
 * values are counted, not kept. */
#define MAX_KEPT_VALUES 64

typedef struct
{
  GPtrArray  *values;      /* of GString, reused from record to record */
  guint       n_values;    /* in the current record, kept or not */
  guint       line;        /* being fed */
  guint       row_line;    /* where the current record starts; 0 between records */
  gboolean    stopped;
  PaCsvRecordFunc  record;
  gpointer    user_data;
  GError     *error;
} Feeder;

static void
free_value (gpointer data)
{
  g_string_free (data, TRUE);
}

static void
value_cb (void   *text,
          size_t  len,
          void   *data)
{
  Feeder *f = data;

  if (f->stopped)
    return;

  if (f->n_values < MAX_KEPT_VALUES)
    {
      GString *value;

      if (f->n_values < f->values->len)
        {
          value = g_ptr_array_index (f->values, f->n_values);
          g_string_truncate (value, 0);
        }
      else
        {
          value = g_string_sized_new (len + 1);
          g_ptr_array_add (f->values, value);
        }
      g_string_append_len (value, text, len);
    }
  f->n_values++;
}

static void
end_record (Feeder *f,
            guint   quote_line)
{
  /* A record starts on a line with something else than blanks (see
   * pa_csv_feed()); the fallback only guards against libcsv seeing it otherwise. */
  guint line = f->row_line != 0 ? f->row_line : f->line;

  if (!f->stopped
      && !f->record (line, f->values, f->n_values, quote_line, f->user_data, &f->error))
    f->stopped = TRUE;
  f->n_values = 0;
  f->row_line = 0;
}

static void
record_cb (int   terminator,
           void *data)
{
  end_record (data, 0);
}

/* One past the end of the line at @pos: LF, CRLF and a lone CR all end
 * one, as they do for libcsv and for a text editor's line numbers. */
static gsize
line_end (const char *data,
          gsize       length,
          gsize       pos)
{
  for (gsize i = pos; i < length; i++)
    {
      if (data[i] == '\n')
        return i + 1;
      if (data[i] == '\r')
        return (i + 1 < length && data[i + 1] == '\n') ? i + 2 : i + 1;
    }
  return length;
}

/* libcsv starts a record at the first byte that is not a space, a tab or
 * a line end; a line of those alone is skipped. */
gboolean
pa_csv_has_content (const char *text,
                    gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r' && text[i] != '\n')
      return TRUE;
  return FALSE;
}

static void
start_parser (struct csv_parser *parser,
              char               delimiter)
{
  /* Strict: a stray quote is the row's error, not a value that silently
   * runs on; STRICT_FINI: a quote still open at the end of the file is
   * reported instead of swallowing the rest of it. */
  csv_init (parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
  csv_set_delim (parser, (unsigned char) delimiter);
}

/* libcsv reports records, not where they are: fed one line at a time, a
 * record's first line is the first non-blank one fed since the last
 * record ended, and a strict-mode refusal is resumed from the next line. */
gboolean
pa_csv_feed (const char  *data,
             gsize        length,
             char         delimiter,
             PaCsvRecordFunc   record,
             gpointer     user_data,
             GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (free_value);
  Feeder f = { values, 0, 0, 0, FALSE, record, user_data, NULL };
  struct csv_parser parser;
  gsize pos = 0;

  start_parser (&parser, delimiter);
  while (pos < length && !f.stopped)
    {
      gsize end = line_end (data, length, pos);
      gsize done;

      f.line++;
      if (f.row_line == 0 && pa_csv_has_content (data + pos, end - pos))
        f.row_line = f.line;
      done = csv_parse (&parser, data + pos, end - pos, value_cb, record_cb, &f);
      if (done < end - pos && !f.stopped)
        {
          int status = csv_error (&parser);

          if (status != CSV_EPARSE)
            {
              g_set_error (&f.error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                           _("The file could not be read past line %u (%s)"),
                           f.line, csv_strerror (status));
              break;
            }
          end_record (&f, f.line);
          csv_free (&parser);
          start_parser (&parser, delimiter);
        }
      pos = end;
    }

  if (!f.stopped && f.error == NULL
      && csv_fini (&parser, value_cb, record_cb, &f) != 0 && f.error == NULL)
    g_set_error (&f.error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                 _("The quoted value on line %u is never closed: a double quote (\") "
                   "opens it, and no quote ends it before the end of the file. Close the "
                   "quote, or double a quote that is part of the value (\"\")."),
                 f.row_line != 0 ? f.row_line : f.line);
  csv_free (&parser);

  if (f.error != NULL)
    {
      g_propagate_error (error, f.error);
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_csv_values_blank (GPtrArray *values,
                     guint      n_values)
{
  if (n_values > values->len)
    return FALSE;
  for (guint i = 0; i < n_values; i++)
    {
      GString *value = g_ptr_array_index (values, i);

      if (pa_csv_has_content (value->str, value->len))
        return FALSE;
    }
  return TRUE;
}

/* A spreadsheet's empty first row is all delimiters (",,,," or ";;;;"),
 * which split by the other one is a value: blank by either count. */
gboolean
pa_csv_record_blank_by_either (GPtrArray *values,
                               guint      n_values)
{
  if (n_values > values->len)
    return FALSE;
  for (guint i = 0; i < n_values; i++)
    {
      GString *value = g_ptr_array_index (values, i);

      for (gsize n = 0; n < value->len; n++)
        if (strchr (" \t\r\n,;", value->str[n]) == NULL || value->str[n] == '\0')
          return FALSE;
    }
  return TRUE;
}

static gboolean
count_first_record_cb (guint       line,
                       GPtrArray  *values,
                       guint       n_values,
                       guint       quote_line,
                       gpointer    user_data,
                       GError    **error)
{
  if (quote_line == 0 && pa_csv_record_blank_by_either (values, n_values))
    return TRUE;
  *(guint *) user_data = n_values;
  return FALSE;
}

/* Whichever of ',' and ';' splits the header into more values: what
 * appears more often outside quotes, counted by libcsv itself. */
char
pa_csv_detect_delimiter (const char *data,
                         gsize       length)
{
  guint commas = 0;
  guint semicolons = 0;

  pa_csv_feed (data, length, ',', count_first_record_cb, &commas, NULL);
  pa_csv_feed (data, length, ';', count_first_record_cb, &semicolons, NULL);
  return semicolons > commas ? ';' : ',';
}
