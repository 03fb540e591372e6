/* pa-csv.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-csv"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "pa-csv.h"
#include "pa-error.h"
#include "pa-mac.h"
#include "pa-resource-private.h"

/* A header names at most one of each column, so past this many values
 * it already has an unknown or a repeated name; a data row's surplus
 * values are counted, not kept. */
#define MAX_KEPT_VALUES 64

/* Echoed values are cut here, so that a runaway quoted value does not
 * become a message of megabytes. */
#define ECHO_MAX_CHARS 40

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
/* Records: libcsv fed one line at a time                              */

/* One record as libcsv gave it. @line is where it starts; @quote_line,
 * when not 0, is the line of a quote libcsv's strict mode refused, and
 * @values then holds what came before it. Returns FALSE to stop reading,
 * with @error set when the file as a whole cannot be read. */
typedef gboolean (*RecordFunc) (guint       line,
                                GPtrArray  *values,
                                guint       n_values,
                                guint       quote_line,
                                gpointer    user_data,
                                GError    **error);

typedef struct
{
  GPtrArray  *values;      /* of GString, reused from record to record */
  guint       n_values;    /* in the current record, kept or not */
  guint       line;        /* being fed */
  guint       row_line;    /* where the current record starts; 0 between records */
  gboolean    stopped;
  RecordFunc  record;
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
   * feed()); the fallback only guards against libcsv seeing it otherwise. */
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
static gboolean
has_content (const char *text,
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
static gboolean
feed (const char  *data,
      gsize        length,
      char         delimiter,
      RecordFunc   record,
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
      if (f.row_line == 0 && has_content (data + pos, end - pos))
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

static gboolean
values_blank (GPtrArray *values,
              guint      n_values)
{
  if (n_values > values->len)
    return FALSE;
  for (guint i = 0; i < n_values; i++)
    {
      GString *value = g_ptr_array_index (values, i);

      if (has_content (value->str, value->len))
        return FALSE;
    }
  return TRUE;
}

/* A spreadsheet's empty first row is all delimiters (",,,," or ";;;;"),
 * which split by the other one is a value: blank by either count. */
static gboolean
record_blank_by_either (GPtrArray *values,
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
  if (quote_line == 0 && record_blank_by_either (values, n_values))
    return TRUE;
  *(guint *) user_data = n_values;
  return FALSE;
}

/* Whichever of ',' and ';' splits the header into more values: what
 * appears more often outside quotes, counted by libcsv itself. */
static char
detect_delimiter (const char *data,
                  gsize       length)
{
  guint commas = 0;
  guint semicolons = 0;

  feed (data, length, ',', count_first_record_cb, &commas, NULL);
  feed (data, length, ';', count_first_record_cb, &semicolons, NULL);
  return semicolons > commas ? ';' : ',';
}

/* ------------------------------------------------------------------ */
/* Text helpers                                                         */

/* Without Unicode white space at either end, as pa_mac_normalize() and
 * the phone's name rule see it (a no-break space from a web page too). */
static char *
trim_dup (const char *text)
{
  const char *start = text;
  const char *end = text + strlen (text);

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start && g_unichar_isspace (g_utf8_get_char (g_utf8_prev_char (end))))
    end = g_utf8_prev_char (end);
  return g_strndup (start, end - start);
}

static char *
echo (const char *text)
{
  if (g_utf8_strlen (text, -1) <= ECHO_MAX_CHARS)
    return g_strdup (text);
  {
    g_autofree char *head = g_utf8_substring (text, 0, ECHO_MAX_CHARS);

    return g_strconcat (head, "…", NULL);
  }
}

/* Lower case, runs of blanks, '_' and '-' as one space: "MAC_Address"
 * and "mac address" name one column. */
static char *
fold_header_name (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '_' || c == '-')
        gap = out->len > 0;
      else
        {
          if (gap)
            g_string_append_c (out, ' ');
          gap = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

/* Case and everything but letters and digits dropped: "Yealink T54W",
 * "yealink-t54w" and "YEALINK t54w" are one key, as are "Polycom VVX 250"
 * and "polycom-vvx250". */
static char *
compact_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

/* ------------------------------------------------------------------ */
/* The catalog by the names people write                              */

/* Stands for a key that more than one model answers to. */
static char ambiguous;

typedef struct
{
  PaCatalog  *catalog;
  GHashTable *vendors;    /* key → PaVendor */
  GHashTable *models;     /* key of id, or of brand and name → PaDeviceModel or &ambiguous */
  GHashTable *names;      /* key of the model name alone → PaDeviceModel or &ambiguous */
} ModelIndex;

static void
index_add (GHashTable *table,
           char       *key,
           gpointer    value)
{
  gpointer known = g_hash_table_lookup (table, key);

  if (key[0] == '\0' || known == value)
    g_free (key);
  else if (known == NULL)
    g_hash_table_insert (table, key, value);
  else
    g_hash_table_insert (table, key, &ambiguous);
}

static void
model_index_init (ModelIndex *index,
                  PaCatalog  *catalog)
{
  GListModel *vendors = pa_catalog_get_vendors (catalog);
  GListModel *models = pa_catalog_get_models (catalog);

  index->catalog = catalog;
  index->vendors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->models = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  index->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (vendors); i++)
    {
      g_autoptr(PaVendor) vendor = g_list_model_get_item (vendors, i);

      index_add (index->vendors, compact_key (pa_vendor_get_id (vendor)), vendor);
      index_add (index->vendors, compact_key (pa_vendor_get_name (vendor)), vendor);
    }

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(PaDeviceModel) model = g_list_model_get_item (models, i);
      const char *name = pa_device_model_get_name (model);
      const char *vendor_id = pa_device_model_get_vendor_id (model);
      PaVendor *vendor = pa_catalog_get_vendor (catalog, vendor_id);
      g_autofree char *by_id = g_strconcat (vendor_id, " ", name, NULL);

      index_add (index->models, compact_key (pa_device_model_get_id (model)), model);
      index_add (index->models, compact_key (by_id), model);
      if (vendor != NULL)
        {
          g_autofree char *display = g_strconcat (pa_vendor_get_name (vendor), " ", name, NULL);

          index_add (index->models, compact_key (display), model);
        }
      index_add (index->names, compact_key (name), model);
    }
}

static void
model_index_clear (ModelIndex *index)
{
  g_clear_pointer (&index->vendors, g_hash_table_unref);
  g_clear_pointer (&index->models, g_hash_table_unref);
  g_clear_pointer (&index->names, g_hash_table_unref);
}

static char *
vendor_names (PaCatalog *catalog)
{
  GListModel *vendors = pa_catalog_get_vendors (catalog);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (vendors); i++)
    {
      g_autoptr(PaVendor) vendor = g_list_model_get_item (vendors, i);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, pa_vendor_get_name (vendor));
    }
  return g_string_free (out, FALSE);
}

/* @brand is NULL or "" when the file has one column for the phone; the
 * error's field says which column is wrong. */
static PaDeviceModel *
resolve_model (ModelIndex  *index,
               const char  *brand,
               const char  *model,
               GError     **error)
{
  g_autofree char *model_key = NULL;
  g_autofree char *model_echo = NULL;
  PaVendor *vendor = NULL;
  PaDeviceModel *found;

  if (model == NULL)
    model = "";
  model_key = compact_key (model);
  model_echo = echo (model);

  if (brand != NULL && brand[0] != '\0')
    {
      g_autofree char *brand_key = compact_key (brand);
      g_autofree char *brand_echo = echo (brand);

      vendor = g_hash_table_lookup (index->vendors, brand_key);
      if (vendor == NULL)
        {
          g_autofree char *known = vendor_names (index->catalog);

          pa_set_field_error (error, PA_MODEL_ERROR_RULE, column_fields[COLUMN_BRAND],
                              _("Unknown brand “%s”; the brands PhoneAdmin knows are %s"),
                              brand_echo, known);
          return NULL;
        }
      if (model_key[0] == '\0')
        {
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, column_fields[COLUMN_MODEL],
                              _("No %s model given"), pa_vendor_get_name (vendor));
          return NULL;
        }

      /* The model's name within the brand first, then anything that
       * names a model by itself (an id, "Brand Model"). */
      {
        g_autofree char *within = g_strconcat (brand_key, model_key, NULL);

        found = g_hash_table_lookup (index->models, within);
      }
      if (found == NULL || found == (gpointer) &ambiguous)
        found = g_hash_table_lookup (index->models, model_key);
      if (found == NULL || found == (gpointer) &ambiguous)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_RULE, column_fields[COLUMN_MODEL],
                              _("%s makes no model “%s” that PhoneAdmin knows"),
                              pa_vendor_get_name (vendor), model_echo);
          return NULL;
        }
      if (!g_str_equal (pa_device_model_get_vendor_id (found), pa_vendor_get_id (vendor)))
        {
          PaVendor *other = pa_catalog_get_vendor (index->catalog,
                                                   pa_device_model_get_vendor_id (found));

          pa_set_field_error (error, PA_MODEL_ERROR_RULE, column_fields[COLUMN_MODEL],
                              _("The %s is a %s phone, not a %s one"),
                              pa_device_model_get_name (found),
                              other != NULL ? pa_vendor_get_name (other)
                                            : pa_device_model_get_vendor_id (found),
                              pa_vendor_get_name (vendor));
          return NULL;
        }
      return found;
    }

  if (model_key[0] == '\0')
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, column_fields[COLUMN_MODEL],
                          _("No phone model given; write the brand and the model, such as "
                            "“Yealink T54W”"));
      return NULL;
    }
  found = g_hash_table_lookup (index->models, model_key);
  if (found == NULL)
    found = g_hash_table_lookup (index->names, model_key);
  if (found == (gpointer) &ambiguous)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, column_fields[COLUMN_MODEL],
                          _("“%s” could be more than one model; write the brand before it"),
                          model_echo);
      return NULL;
    }
  if (found == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, column_fields[COLUMN_MODEL],
                          _("Unknown phone model “%s”; write the brand and the model, such as "
                            "“Yealink T54W”"),
                          model_echo);
      return NULL;
    }
  return found;
}

/* Which agent it is can only be told with the agents at hand; here only
 * whether it can be one at all: an extension is digits, an e-mail address
 * has an '@' with something on both sides. */
static gboolean
check_agent (const char  *agent,
             GError     **error)
{
  const char *at;
  gboolean digits = TRUE;
  gboolean blanks = FALSE;

  if (agent == NULL)
    return TRUE;

  for (const char *p = agent; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
        blanks = TRUE;
      if (!g_ascii_isdigit (*p))
        digits = FALSE;
    }
  at = strchr (agent, '@');
  if (digits || (!blanks && at != NULL && at != agent && at[1] != '\0'))
    return TRUE;

  {
    g_autofree char *agent_echo = echo (agent);

    pa_set_field_error (error, PA_MODEL_ERROR_INVALID, column_fields[COLUMN_AGENT],
                        _("“%s” is neither an extension (digits, such as 1001) nor an e-mail "
                          "address"),
                        agent_echo);
  }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Header and rows                                                      */

typedef struct
{
  PaCsvImport *import;
  ModelIndex   index;
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
      g_autofree char *title = trim_dup (((GString *) g_ptr_array_index (values, i))->str);
      g_autofree char *folded = fold_header_name (title);
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
          g_autofree char *title_echo = echo (title);

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
          g_autofree char *title_echo = echo (title);
          g_autofree char *first_echo = echo (self->titles[column]);

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
        texts[c] = trim_dup (value->str);
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
      model = resolve_model (&self->index, texts[COLUMN_BRAND], texts[COLUMN_MODEL],
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
    check_agent (row->agent, error);
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
      if (quote_line == 0 && record_blank_by_either (values, n_values))
        return TRUE;
      return read_header (self, line, values, n_values, quote_line, error);
    }
  if (quote_line == 0 && values_blank (values, n_values))
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
  if (!has_content (data, length))
    {
      g_set_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED,
                   _("The file is empty. It needs a header line that names the columns, such "
                     "as “MAC,Model,Name”, and a line for each phone."));
      return NULL;
    }

  import = g_new0 (PaCsvImport, 1);
  import->rows = g_array_new (FALSE, TRUE, sizeof (PaCsvRow));
  g_array_set_clear_func (import->rows, clear_row);
  import->delimiter = detect_delimiter (data, length);

  reader.import = import;
  model_index_init (&reader.index, catalog != NULL ? catalog : pa_catalog_get_default ());
  for (Column c = 0; c < N_COLUMNS; c++)
    reader.columns[c] = -1;
  reader.first_line_of_mac = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  ok = feed (data, length, import->delimiter, read_record_cb, &reader, error);

  model_index_clear (&reader.index);
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
