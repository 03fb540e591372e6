/* pa-csv-private.h — what pa-csv.c (columns and rows) shares with
 * pa-csv-records.c (libcsv fed line by line) and pa-csv-names.c (the
 * catalog and agents by the names people write)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-csv.h"

G_BEGIN_DECLS

/* -- pa-csv-records.c ------------------------------------------------- */

/* One record as libcsv gave it. @line is where it starts; @quote_line,
 * when not 0, is the line of a quote libcsv's strict mode refused, and
 * @values then holds what came before it. Returns FALSE to stop reading,
 * with @error set when the file as a whole cannot be read. */
typedef gboolean (*PaCsvRecordFunc) (guint       line,
                                     GPtrArray  *values,
                                     guint       n_values,
                                     guint       quote_line,
                                     gpointer    user_data,
                                     GError    **error);

/* Reads @data as records split by @delimiter, handing each to @record.
 * FALSE when the file as a whole cannot be read (a quote never closed),
 * or @record stopped it. */
gboolean         pa_csv_feed                   (const char       *data,
                                                gsize             length,
                                                char              delimiter,
                                                PaCsvRecordFunc   record,
                                                gpointer          user_data,
                                                GError          **error);
/* Anything but spaces, tabs and line ends in @text's first @len bytes. */
gboolean         pa_csv_has_content            (const char       *text,
                                                gsize             len);
/* Every one of the first @n_values (GString) empty or blank. */
gboolean         pa_csv_values_blank           (GPtrArray        *values,
                                                guint             n_values);
/* A spreadsheet's empty row read with the other delimiter: only ',' and
 * ';' in every value. */
gboolean         pa_csv_record_blank_by_either (GPtrArray        *values,
                                                guint             n_values);
/* ',' or ';': whichever splits the header into more values. */
char             pa_csv_detect_delimiter       (const char       *data,
                                                gsize             length);

/* -- pa-csv-names.c --------------------------------------------------- */

/* Without white space at either end. */
char            *pa_csv_trim_dup               (const char       *text);
/* @text for a message, cut short when long. */
char            *pa_csv_echo                   (const char       *text);
/* A header name as the column table spells them: case-folded, inner
 * white space one space, "_" a space. */
char            *pa_csv_fold_header_name       (const char       *text);

/* The catalog's vendors and models by every name a file may give them. */
typedef struct
{
  PaCatalog  *catalog;
  GHashTable *vendors;    /* key → PaVendor */
  GHashTable *models;     /* key of id, or of brand and name → PaDeviceModel or &ambiguous */
  GHashTable *names;      /* key of the model name alone → PaDeviceModel or &ambiguous */
} PaCsvModelIndex;

void             pa_csv_model_index_init       (PaCsvModelIndex  *index,
                                                PaCatalog        *catalog);
void             pa_csv_model_index_clear      (PaCsvModelIndex  *index);
/* The model @brand (nullable: the column is absent) and @model name;
 * NULL with a field error saying what was not found, or is ambiguous. */
PaDeviceModel   *pa_csv_resolve_model          (PaCsvModelIndex  *index,
                                                const char       *brand,
                                                const char       *model,
                                                GError          **error);
/* Whether @agent can be an agent at all (an extension or an e-mail). */
gboolean         pa_csv_check_agent            (const char       *agent,
                                                GError          **error);

G_END_DECLS
