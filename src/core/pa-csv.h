/* pa-csv.h — phones read from a CSV file, and CSV records written for export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading is done by libcsv; this file decides what the columns mean,
 * checks every row against the catalog and the phone's own rules, and says
 * what is wrong with each row by its line in the file. Nothing is stored:
 * the result is what a dry run shows, and what an import then creates.
 */
#pragma once

#include <glib.h>

#include "pa-catalog.h"

G_BEGIN_DECLS

/* Bigger files are refused whole: an office's phone list is far smaller,
 * and every row of a dry run is kept in memory. */
#define PA_CSV_MAX_BYTES (10 * 1024 * 1024)
#define PA_CSV_MAX_ROWS  100000

/**
 * PaCsvRow:
 * @line: the line of the file the row starts on, 1-based, the header's
 *   line counted (so the first row under a header on line 1 is line 2)
 * @mac: (nullable): normalised (`80:5E:C0:12:34:56`); %NULL when missing
 *   or not a MAC
 * @vendor_id: (nullable): the catalog vendor; %NULL when the model was not
 *   found
 * @model_id: (nullable): the catalog model (`yealink-t54w`); %NULL when not
 *   found
 * @name: (nullable): as given, white space around it trimmed; %NULL when
 *   blank or the file has no such column
 * @agent: (nullable): an extension (digits) or an e-mail address, as given
 *   and trimmed; which agent it is, is for the importer to find out
 * @layout: (nullable): a layout's name or id, as given and trimmed
 * @profile: (nullable): a profile's name or id, as given and trimmed
 * @error: (nullable): why the row cannot be imported, %NULL when it can.
 *   In %PA_MODEL_ERROR; pa_model_error_get_field() names the column as
 *   the phone's member (`mac`, `vendor` for the brand, `model`, `name`,
 *   `agent`, `layout`, `profile`; %NULL for the row as a whole: wrong
 *   number of values, a stray quote), and the message starts with the
 *   row's line and the column's name as the header writes it. A row with
 *   an error keeps the values that could be read.
 *
 * A row that has no error has @mac, @vendor_id and @model_id.
 */
typedef struct
{
  guint   line;
  char   *mac;
  char   *vendor_id;
  char   *model_id;
  char   *name;
  char   *agent;
  char   *layout;
  char   *profile;
  GError *error;
} PaCsvRow;

typedef struct _PaCsvImport PaCsvImport;

/**
 * pa_csv_import_parse:
 * @data: (array length=length): the file's bytes, UTF-8, with or without
 *   a byte order mark; `,` or `;` between values (the header says which),
 *   CRLF or LF line ends, values in double quotes where they hold a
 *   delimiter, a quote (doubled) or a line break
 * @length: bytes in @data, at most %PA_CSV_MAX_BYTES
 * @catalog: (nullable): models are looked up here; %NULL for the default
 * @error: set when the file as a whole cannot be read, in %PA_MODEL_ERROR,
 *   with a message that says what to change:
 *   %PA_MODEL_ERROR_MALFORMED for a file that is empty, too big, has no
 *   header row (its first row holds a MAC) or no row under its header or
 *   more than %PA_CSV_MAX_ROWS, a header that is not UTF-8 or has a stray
 *   quote, or a quote that is never closed;
 *   %PA_MODEL_ERROR_UNKNOWN_FIELD for a column name not known (its field
 *   is the name as written);
 *   %PA_MODEL_ERROR_INVALID for a header with a column named twice, a
 *   column with no name, or no MAC or no model column.
 *
 * The header names the columns, in any order, case ignored: `MAC` (or
 * `MAC address`); the phone either as one column, `Model` (or `Phone`,
 * `Brand and model`: `Yealink T54W`, `yealink-t54w`, or a model name only
 * one brand has), or as `Brand` (or `Vendor`) beside `Model`; and,
 * optionally, `Name`, `Agent`, `Layout`, `Profile`. Rows that are wholly
 * blank are skipped. A bad row does not stop the others being checked.
 *
 * Returns: (transfer full) (nullable): one #PaCsvRow per row under the
 *   header, in file order; %NULL with @error set.
 */
PaCsvImport    *pa_csv_import_parse         (const char   *data,
                                             gsize         length,
                                             PaCatalog    *catalog,
                                             GError      **error);
void            pa_csv_import_free          (PaCsvImport  *self);

/* The delimiter the header was found to use: ',' or ';'. Exporting with
 * the same one gives a file the user's spreadsheet opens the same way. */
char            pa_csv_import_get_delimiter (PaCsvImport  *self);
guint           pa_csv_import_get_n_rows    (PaCsvImport  *self);
/* Transfer none: valid as long as @self; @index below the number of rows. */
const PaCsvRow *pa_csv_import_get_row       (PaCsvImport  *self,
                                             guint         index);
/* Rows whose error is set. */
guint           pa_csv_import_get_n_errors  (PaCsvImport  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaCsvImport, pa_csv_import_free)

/**
 * pa_csv_append_row:
 * @out: the CSV being written
 * @fields: (array length=n_fields): the values, any text; a %NULL value is
 *   written as an empty one
 * @n_fields: how many, at least 1
 * @delimiter: ',' or ';'
 *
 * Appends one record, ended by CRLF (RFC 4180). A value is put in double
 * quotes (inner quotes doubled) only when it holds @delimiter, a quote, a
 * line break, or white space at either end that a reader would trim, so
 * pa_csv_import_parse() and spreadsheets read back exactly what was
 * written.
 */
void            pa_csv_append_row           (GString            *out,
                                             const char * const *fields,
                                             gsize               n_fields,
                                             char                delimiter);

G_END_DECLS
