/* test-csv.c — phones read from CSV, rows written to it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-catalog.h"
#include "pa-corpus-replay.h"
#include "pa-csv.h"
#include "pa-error.h"

/* In tests/fuzz/fuzz-csv.c, the fuzzer's checks. */
const char *pa_csv_check_invariants (const guint8 *data,
                                     gsize         size);

static PaCsvImport *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  PaCsvImport *import = pa_csv_import_parse (text, strlen (text), NULL, &error);

  if (import == NULL)
    g_error ("refused %s: %s", text, error->message);
  return import;
}

/* The file-level refusal's message, which must hold each of @parts. */
static void
assert_refused (const char *text,
                gsize       length,
                int         code,
                ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCsvImport) import = pa_csv_import_parse (text, length, NULL, &error);
  va_list parts;
  const char *part;

  g_assert_null (import);
  g_assert_error (error, PA_MODEL_ERROR, code);
  va_start (parts, code);
  while ((part = va_arg (parts, const char *)) != NULL)
    if (strstr (error->message, part) == NULL)
      g_error ("refused for “%s”, which does not say “%s”", error->message, part);
  va_end (parts);
}

/* The row's error, in @field, with a message holding each of @parts. */
static void
assert_row_error (const PaCsvRow *row,
                  const char     *field,
                  ...)
{
  va_list parts;
  const char *part;

  g_assert_nonnull (row->error);
  g_assert_true (row->error->domain == PA_MODEL_ERROR);
  g_assert_cmpstr (pa_model_error_get_field (row->error), ==, field);
  va_start (parts, field);
  while ((part = va_arg (parts, const char *)) != NULL)
    if (strstr (row->error->message, part) == NULL)
      g_error ("row error “%s” does not say “%s”", row->error->message, part);
  va_end (parts);
}

static void
assert_row (const PaCsvRow *row,
            guint           line,
            const char     *mac,
            const char     *model_id,
            const char     *name)
{
  if (row->error != NULL)
    g_error ("line %u: unexpected error %s", row->line, row->error->message);
  g_assert_cmpuint (row->line, ==, line);
  g_assert_cmpstr (row->mac, ==, mac);
  g_assert_cmpstr (row->model_id, ==, model_id);
  g_assert_cmpstr (row->name, ==, name);
}

/* ------------------------------------------------------------------ */

static void
test_comma (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC,Model,Name,Agent,Layout,Profile\n"
    "805ec0123456,Yealink T54W,Reception,1001,Front desk,Main office\n"
    "80-5E-C0-12-34-57,yealink-t46u,Back office,anna@example.com,,\n");
  const PaCsvRow *row;

  g_assert_cmpint (pa_csv_import_get_delimiter (import), ==, ',');
  g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, 2);
  g_assert_cmpuint (pa_csv_import_get_n_errors (import), ==, 0);

  row = pa_csv_import_get_row (import, 0);
  assert_row (row, 2, "80:5E:C0:12:34:56", "yealink-t54w", "Reception");
  g_assert_cmpstr (row->vendor_id, ==, "yealink");
  g_assert_cmpstr (row->agent, ==, "1001");
  g_assert_cmpstr (row->layout, ==, "Front desk");
  g_assert_cmpstr (row->profile, ==, "Main office");

  row = pa_csv_import_get_row (import, 1);
  assert_row (row, 3, "80:5E:C0:12:34:57", "yealink-t46u", "Back office");
  g_assert_cmpstr (row->agent, ==, "anna@example.com");
  g_assert_null (row->layout);
  g_assert_null (row->profile);
}

static void
test_semicolon (void)
{
  /* A German spreadsheet's CSV: ';' between values, ',' inside them. */
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC;Model;Name\n"
    "805ec0123456;Snom D785;Müller, Anna\n"
    "805ec0123457;snom-d735;Empfang\n");

  g_assert_cmpint (pa_csv_import_get_delimiter (import), ==, ';');
  g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, 2);
  assert_row (pa_csv_import_get_row (import, 0), 2, "80:5E:C0:12:34:56", "snom-d785",
              "Müller, Anna");
  assert_row (pa_csv_import_get_row (import, 1), 3, "80:5E:C0:12:34:57", "snom-d735", "Empfang");
}

static void
test_quoted_header (void)
{
  /* Every name in quotes: the delimiter is still the one between them. */
  g_autoptr(PaCsvImport) import = parse_ok (
    "\"MAC\";\"Model\";\"Name\"\n"
    "805ec0123456;\"Yealink T54W\";\"Smith, John\"\n");

  g_assert_cmpint (pa_csv_import_get_delimiter (import), ==, ';');
  assert_row (pa_csv_import_get_row (import, 0), 2, "80:5E:C0:12:34:56", "yealink-t54w",
              "Smith, John");
}

static void
test_bom_and_crlf (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "\xEF\xBB\xBF" "mac,model,name\r\n"
    "805ec0123456,yealink-t54w,Reception\r\n"
    "\r\n"
    "805ec0123457,yealink-t54w,Office\r\n");

  g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, 2);
  /* the BOM does not become part of the first column's name */
  assert_row (pa_csv_import_get_row (import, 0), 2, "80:5E:C0:12:34:56", "yealink-t54w",
              "Reception");
  /* the blank line is skipped but counted */
  assert_row (pa_csv_import_get_row (import, 1), 4, "80:5E:C0:12:34:57", "yealink-t54w",
              "Office");
}

static void
test_quoting (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC,Model,Name\n"
    "805ec0123456,\"Yealink T54W\",\"Smith, John\"\n"
    "805ec0123457,yealink-t54w,\"The \"\"big\"\" room\"\n"
    "805ec0123458 , yealink-t54w ,  \" padded \"  \n");

  g_assert_cmpuint (pa_csv_import_get_n_errors (import), ==, 0);
  assert_row (pa_csv_import_get_row (import, 0), 2, "80:5E:C0:12:34:56", "yealink-t54w",
              "Smith, John");
  assert_row (pa_csv_import_get_row (import, 1), 3, "80:5E:C0:12:34:57", "yealink-t54w",
              "The \"big\" room");
  assert_row (pa_csv_import_get_row (import, 2), 4, "80:5E:C0:12:34:58", "yealink-t54w",
              "padded");
}

static void
test_quoted_newline (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC,Model,Name\n"
    "805ec0123456,yealink-t54w,Reception\n"
    "805ec0123457,yealink-t54w,\"Two\nlines\r\nand three\"\n"
    "805ec0123458,yealink-t54w,After\n"
    "\"805ec01234\n59\",yealink-t54w,Split MAC\n"
    "805ec012345a,yealink-t54w,Last\n");
  const PaCsvRow *row;

  g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, 5);
  assert_row (pa_csv_import_get_row (import, 0), 2, "80:5E:C0:12:34:56", "yealink-t54w",
              "Reception");

  /* The value is read whole, and the row is the line it starts on; a
   * phone's name cannot hold a line break, so the phone's rule says so. */
  row = pa_csv_import_get_row (import, 1);
  g_assert_cmpuint (row->line, ==, 3);
  g_assert_cmpstr (row->mac, ==, "80:5E:C0:12:34:57");
  g_assert_cmpstr (row->name, ==, "Two\nlines\r\nand three");
  assert_row_error (row, "name", "Line 3", "Name", "control characters", NULL);

  /* the lines after it are counted with the value's */
  assert_row (pa_csv_import_get_row (import, 2), 6, "80:5E:C0:12:34:58", "yealink-t54w", "After");
  row = pa_csv_import_get_row (import, 3);
  g_assert_cmpuint (row->line, ==, 7);
  assert_row_error (row, "mac", "Line 7", NULL);
  assert_row (pa_csv_import_get_row (import, 4), 9, "80:5E:C0:12:34:5A", "yealink-t54w", "Last");
}

static void
test_lone_cr (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC,Model\r805ec0123456,yealink-t54w\r\r805ec0123457,yealink-t54w");

  g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, 2);
  assert_row (pa_csv_import_get_row (import, 0), 2, "80:5E:C0:12:34:56", "yealink-t54w", NULL);
  assert_row (pa_csv_import_get_row (import, 1), 4, "80:5E:C0:12:34:57", "yealink-t54w", NULL);
}

static void
test_blank_rows (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "\n"
    ";;\n"
    "MAC,Model,Name\n"
    ",,\n"
    "   ,  ,\n"
    "805ec0123456,yealink-t54w,\n");

  g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, 1);
  assert_row (pa_csv_import_get_row (import, 0), 6, "80:5E:C0:12:34:56", "yealink-t54w", NULL);
}

static void
test_brand_and_model (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "Vendor,Model,MAC\n"
    "Yealink,T54W,805ec0123456\n"
    "polycom,VVX250,805ec0123457\n"
    "Polycom,vvx 350,805ec0123458\n"
    "cisco,Cisco CP-7841,805ec0123459\n"
    "snom,yealink-t54w,805ec012345a\n"
    "Acme,X1,805ec012345b\n"
    "Yealink,T99,805ec012345c\n"
    ",Grandstream GXP2130,805ec012345d\n"
    "Fanvil,,805ec012345e\n");
  const PaCsvRow *row;

  g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, 9);
  assert_row (pa_csv_import_get_row (import, 0), 2, "80:5E:C0:12:34:56", "yealink-t54w", NULL);
  g_assert_cmpstr (pa_csv_import_get_row (import, 0)->vendor_id, ==, "yealink");
  assert_row (pa_csv_import_get_row (import, 1), 3, "80:5E:C0:12:34:57", "polycom-vvx250", NULL);
  assert_row (pa_csv_import_get_row (import, 2), 4, "80:5E:C0:12:34:58", "polycom-vvx350", NULL);
  assert_row (pa_csv_import_get_row (import, 3), 5, "80:5E:C0:12:34:59", "cisco-cp-7841", NULL);

  row = pa_csv_import_get_row (import, 4);
  assert_row_error (row, "model", "Line 6", "T54W is a Yealink phone, not a Snom one", NULL);
  g_assert_null (row->model_id);
  g_assert_cmpstr (row->mac, ==, "80:5E:C0:12:34:5A");

  row = pa_csv_import_get_row (import, 5);
  assert_row_error (row, "vendor", "Line 7", "Vendor", "Unknown brand “Acme”", "Yealink", NULL);

  row = pa_csv_import_get_row (import, 6);
  assert_row_error (row, "model", "Line 8", "Model", "Yealink makes no model “T99”", NULL);

  /* no brand: the model column is read as the one-column kind */
  assert_row (pa_csv_import_get_row (import, 7), 9, "80:5E:C0:12:34:5D", "grandstream-gxp2130",
              NULL);

  row = pa_csv_import_get_row (import, 8);
  assert_row_error (row, "model", "Line 10", "No Fanvil model given", NULL);
  g_assert_cmpuint (pa_csv_import_get_n_errors (import), ==, 4);
}

static void
test_one_column_model (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC,Brand and model\n"
    "805ec0123456,yealink-t54w\n"
    "805ec0123457,YEALINK T54W\n"
    "805ec0123458,Polycom VVX 450\n"
    "805ec0123459,GXP2170\n"
    "805ec012345a,Nokia 3310\n"
    "805ec012345b,\n");

  assert_row (pa_csv_import_get_row (import, 0), 2, "80:5E:C0:12:34:56", "yealink-t54w", NULL);
  assert_row (pa_csv_import_get_row (import, 1), 3, "80:5E:C0:12:34:57", "yealink-t54w", NULL);
  assert_row (pa_csv_import_get_row (import, 2), 4, "80:5E:C0:12:34:58", "polycom-vvx450", NULL);
  /* a model name only one brand has is enough */
  assert_row (pa_csv_import_get_row (import, 3), 5, "80:5E:C0:12:34:59", "grandstream-gxp2170",
              NULL);
  g_assert_cmpstr (pa_csv_import_get_row (import, 3)->vendor_id, ==, "grandstream");
  assert_row_error (pa_csv_import_get_row (import, 4), "model", "Line 6", "Brand and model",
                    "Unknown phone model “Nokia 3310”", "Yealink T54W", NULL);
  assert_row_error (pa_csv_import_get_row (import, 5), "model", "Line 7",
                    "No phone model given", NULL);
}

static void
test_header_names (void)
{
  /* case, blanks, '_' and '-' do not matter; "Phone" is the model */
  g_autoptr(PaCsvImport) import = parse_ok (
    "  mac_ADDRESS , PHONE,  name  ,Agent,LAYOUT,profile\n"
    "805ec0123456,yealink-t54w,A,1001,L,P\n");
  const PaCsvRow *row = pa_csv_import_get_row (import, 0);

  assert_row (row, 2, "80:5E:C0:12:34:56", "yealink-t54w", "A");
  g_assert_cmpstr (row->agent, ==, "1001");
  g_assert_cmpstr (row->layout, ==, "L");
  g_assert_cmpstr (row->profile, ==, "P");
}

static void
test_values_checked (void)
{
  g_autofree char *long_name = g_strnfill (129, 'x');
  g_autofree char *text = g_strdup_printf (
    "MAC,Model,Name,Agent\n"
    "805ec0123456,yealink-t54w,%s,1001\n"
    "805ec0123457,yealink-t54w,Ok,not an agent\n"
    "805ec0123458,yealink-t54w,Ok,@example.com\n"
    "805ec0123459,yealink-t54w,Ok,bob@example.com\n",
    long_name);
  g_autoptr(PaCsvImport) import = parse_ok (text);

  g_assert_cmpuint (pa_csv_import_get_n_errors (import), ==, 3);
  /* the phone's own name rule, not one of this file's */
  assert_row_error (pa_csv_import_get_row (import, 0), "name", "Line 2", "Name",
                    "at most 128 characters", NULL);
  assert_row_error (pa_csv_import_get_row (import, 1), "agent", "Line 3", "Agent",
                    "neither an extension", NULL);
  assert_row_error (pa_csv_import_get_row (import, 2), "agent", "Line 4", NULL);
  g_assert_null (pa_csv_import_get_row (import, 3)->error);
}

/* ------------------------------------------------------------------ */
/* Malformed files                                                      */

static void
test_wrong_columns (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC,Model,Name\n"
    "805ec0123456,yealink-t54w\n"
    "805ec0123457,yealink-t54w,Smith, John\n"
    "805ec0123458,yealink-t54w,Fine\n");
  const PaCsvRow *row;

  g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, 3);
  g_assert_cmpuint (pa_csv_import_get_n_errors (import), ==, 2);
  row = pa_csv_import_get_row (import, 0);
  assert_row_error (row, NULL, "Line 2", "2 values", "3 columns", NULL);
  g_assert_null (row->mac);
  assert_row_error (pa_csv_import_get_row (import, 1), NULL, "Line 3", "4 values", "3 columns",
                    "double quotes", NULL);
  assert_row (pa_csv_import_get_row (import, 2), 4, "80:5E:C0:12:34:58", "yealink-t54w", "Fine");
}

static void
test_bad_mac_one_row (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC,Model,Name\n"
    "805ec0123456,yealink-t54w,One\n"
    "805ec01234zz,yealink-t54w,Two\n"
    ",yealink-t54w,Three\n"
    "805ec0123459,yealink-t54w,Four\n");
  const PaCsvRow *row;

  g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, 4);
  g_assert_cmpuint (pa_csv_import_get_n_errors (import), ==, 2);
  assert_row (pa_csv_import_get_row (import, 0), 2, "80:5E:C0:12:34:56", "yealink-t54w", "One");

  row = pa_csv_import_get_row (import, 1);
  assert_row_error (row, "mac", "Line 3", "MAC", "“z”", NULL);
  /* the rest of a bad row is still read, for the dry run to show */
  g_assert_null (row->mac);
  g_assert_cmpstr (row->model_id, ==, "yealink-t54w");
  g_assert_cmpstr (row->name, ==, "Two");

  assert_row_error (pa_csv_import_get_row (import, 2), "mac", "Line 4", "empty", NULL);
  assert_row (pa_csv_import_get_row (import, 3), 5, "80:5E:C0:12:34:59", "yealink-t54w", "Four");
}

static void
test_duplicate_mac (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC,Model,Name\n"
    "805ec0123456,yealink-t54w,First\n"
    "805ec0123457,yealink-t54w,Other\n"
    "80:5E:C0:12:34:56,yealink-t54w,Again\n"
    "805E.C012.3456,snom-d785,And again\n");
  const PaCsvRow *row;

  g_assert_cmpuint (pa_csv_import_get_n_errors (import), ==, 2);
  /* the first stays good; each later one names the line of the first */
  assert_row (pa_csv_import_get_row (import, 0), 2, "80:5E:C0:12:34:56", "yealink-t54w", "First");
  row = pa_csv_import_get_row (import, 2);
  assert_row_error (row, "mac", "Line 4", "80:5E:C0:12:34:56", "already on line 2", NULL);
  g_assert_cmpstr (row->mac, ==, "80:5E:C0:12:34:56");
  assert_row_error (pa_csv_import_get_row (import, 3), "mac", "Line 5", "already on line 2",
                    NULL);
}

static void
test_latin1 (void)
{
  /* "Müller" and "Café" as Latin-1 / Windows-1252 write them */
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC,Model,Name\n"
    "805ec0123456,yealink-t54w,M\xFCller\n"
    "805ec0123457,yealink-t54w,Plain\n"
    "805ec0123458,yealink-t54w,Caf\xE9\n");
  const PaCsvRow *row;

  g_assert_cmpuint (pa_csv_import_get_n_errors (import), ==, 2);
  row = pa_csv_import_get_row (import, 0);
  assert_row_error (row, "name", "Line 2", "Name", "UTF-8", "Latin-1", NULL);
  g_assert_true (g_utf8_validate (row->error->message, -1, NULL));
  g_assert_null (row->name);
  /* what is UTF-8 is still read */
  g_assert_cmpstr (row->mac, ==, "80:5E:C0:12:34:56");
  g_assert_cmpstr (row->model_id, ==, "yealink-t54w");
  g_assert_null (pa_csv_import_get_row (import, 1)->error);
  assert_row_error (pa_csv_import_get_row (import, 2), "name", "Line 4", "UTF-8", NULL);

  /* in the header, the whole file is refused */
  {
    const char *header = "MAC,Mod\xE8le\n805ec0123456,yealink-t54w\n";

    assert_refused (header, strlen (header), PA_MODEL_ERROR_MALFORMED, "line 1", "UTF-8", NULL);
  }
}

static void
test_stray_quote (void)
{
  g_autoptr(PaCsvImport) import = parse_ok (
    "MAC,Model,Name\n"
    "805ec0123456,yealink-t54w,The \"big\" room\n"
    "805ec0123457,yealink-t54w,\"Closed\"then more\n"
    "805ec0123458,yealink-t54w,Fine\n");

  g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, 3);
  assert_row_error (pa_csv_import_get_row (import, 0), NULL, "Line 2", "double quote",
                    "line 2", NULL);
  assert_row_error (pa_csv_import_get_row (import, 1), NULL, "Line 3", NULL);
  /* reading goes on with the next line */
  assert_row (pa_csv_import_get_row (import, 2), 4, "80:5E:C0:12:34:58", "yealink-t54w", "Fine");
}

static void
test_unterminated_quote (void)
{
  const char *text =
    "MAC,Model,Name\n"
    "805ec0123456,yealink-t54w,Fine\n"
    "805ec0123457,yealink-t54w,\"Never closed\n"
    "805ec0123458,yealink-t54w,Swallowed\n";

  assert_refused (text, strlen (text), PA_MODEL_ERROR_MALFORMED, "line 3", "never closed",
                  NULL);
}

static void
test_empty (void)
{
  assert_refused ("", 0, PA_MODEL_ERROR_MALFORMED, "empty", "MAC,Model", NULL);
  assert_refused ("\xEF\xBB\xBF", 3, PA_MODEL_ERROR_MALFORMED, "empty", NULL);
  assert_refused (" \r\n\t\n", 5, PA_MODEL_ERROR_MALFORMED, "empty", NULL);
  assert_refused (",,\n , ,\n", 8, PA_MODEL_ERROR_MALFORMED, "no header", NULL);
  assert_refused (";;\n , ,\n", 8, PA_MODEL_ERROR_MALFORMED, "no header", NULL);
}

static void
test_header_only (void)
{
  assert_refused ("MAC,Model,Name\r\n", 16, PA_MODEL_ERROR_MALFORMED, "line 1", "no phones",
                  NULL);
  assert_refused ("\nMAC,Model,Name\n,,\n", 19, PA_MODEL_ERROR_MALFORMED, "line 2", NULL);
}

static void
test_bad_header (void)
{
  const char *unknown = "MAC,Model,Colour\n805ec0123456,yealink-t54w,red\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCsvImport) import = pa_csv_import_parse (unknown, strlen (unknown), NULL, &error);

  g_assert_null (import);
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_UNKNOWN_FIELD);
  g_assert_cmpstr (pa_model_error_get_field (error), ==, "Colour");
  g_assert_nonnull (strstr (error->message, "“Colour”"));
  g_assert_nonnull (strstr (error->message, "line 1"));
  g_assert_nonnull (strstr (error->message, "Agent"));

#define REFUSED(text, code, ...) assert_refused (text, strlen (text), code, __VA_ARGS__, NULL)
  REFUSED ("Model,Name\nyealink-t54w,x\n", PA_MODEL_ERROR_INVALID, "no MAC column");
  REFUSED ("MAC,Name\n805ec0123456,x\n", PA_MODEL_ERROR_INVALID, "no model column");
  REFUSED ("MAC,Brand\n805ec0123456,Yealink\n", PA_MODEL_ERROR_INVALID, "no model column");
  REFUSED ("MAC,Model,mac address\n1,2,3\n", PA_MODEL_ERROR_INVALID, "twice",
           "column 1 (“MAC”)", "column 3 (“mac address”)");
  REFUSED ("MAC,,Model\n1,2,3\n", PA_MODEL_ERROR_INVALID, "Column 2", "no name");
  /* a first row of phones */
  REFUSED ("805ec0123456,yealink-t54w,Reception\n805ec0123457,yealink-t54w,Office\n",
           PA_MODEL_ERROR_MALFORMED, "no header row", "line 1", "80:5E:C0:12:34:56");
  REFUSED ("MAC,\"Mo\"del\n1,2\n", PA_MODEL_ERROR_MALFORMED, "line 1", "quote");
#undef REFUSED
}

static void
test_limits (void)
{
  gsize big = PA_CSV_MAX_BYTES + 1;
  g_autofree char *huge = g_malloc (big);
  g_autoptr(GString) many = g_string_new ("MAC,Model\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCsvImport) import = NULL;

  memset (huge, 'a', big);
  assert_refused (huge, big, PA_MODEL_ERROR_MALFORMED, "larger than 10 MB", NULL);

  for (guint i = 0; i <= PA_CSV_MAX_ROWS; i++)
    g_string_append (many, "x,y\n");
  import = pa_csv_import_parse (many->str, many->len, NULL, &error);
  g_assert_null (import);
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "more than 100000 phones"));
  g_assert_nonnull (strstr (error->message, "line 100002"));
}

static void
test_nul_byte (void)
{
  static const char text[] = "MAC,Model,Name\n805ec0123456,yealink-t54w,a\0b\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCsvImport) import = pa_csv_import_parse (text, sizeof text - 1, NULL, &error);

  g_assert_no_error (error);
  assert_row_error (pa_csv_import_get_row (import, 0), "name", "Line 2", NULL);
}

/* ------------------------------------------------------------------ */
/* Writing                                                              */

static void
test_append_row (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *plain[] = { "80:5E:C0:12:34:56", "Yealink T54W", NULL, "" };
  const char *awkward[] = { "Smith, John", "The \"big\" room", "two\nlines", " padded ", "a;b" };
  const char *lonely[] = { "" };

  pa_csv_append_row (out, plain, G_N_ELEMENTS (plain), ',');
  /* only what needs quotes gets them; ';' is nothing special with ',' */
  pa_csv_append_row (out, awkward, G_N_ELEMENTS (awkward), ',');
  pa_csv_append_row (out, awkward, G_N_ELEMENTS (awkward), ';');
  pa_csv_append_row (out, lonely, 1, ',');
  g_assert_cmpstr (out->str, ==,
                   "80:5E:C0:12:34:56,Yealink T54W,,\r\n"
                   "\"Smith, John\",\"The \"\"big\"\" room\",\"two\nlines\",\" padded \",a;b\r\n"
                   "Smith, John;\"The \"\"big\"\" room\";\"two\nlines\";\" padded \";\"a;b\"\r\n"
                   "\"\"\r\n");
}

static void
test_round_trip (void)
{
  static const char * const header[] = { "MAC", "Model", "Name", "Agent", "Layout", "Profile" };
  static const char * const rows[][6] = {
    { "80:5E:C0:12:34:56", "yealink-t54w", "Smith, John", "1001", "Front; desk", "A \"B\"" },
    { "80:5E:C0:12:34:57", "snom-d785", "\"Quoted\"", "anna@example.com", ",", ";" },
    { "80:5E:C0:12:34:58", "yealink-t54w", "Two\nlines", NULL, NULL, NULL },
    { "80:5E:C0:12:34:59", "polycom-vvx250", "After, \"it\"", NULL, "L", NULL },
  };
  const char delimiters[] = { ',', ';' };

  for (gsize d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(PaCsvImport) import = NULL;
      const PaCsvRow *row;

      pa_csv_append_row (out, header, G_N_ELEMENTS (header), delimiters[d]);
      for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
        pa_csv_append_row (out, rows[i], G_N_ELEMENTS (rows[i]), delimiters[d]);

      import = parse_ok (out->str);
      g_assert_cmpint (pa_csv_import_get_delimiter (import), ==, delimiters[d]);
      g_assert_cmpuint (pa_csv_import_get_n_rows (import), ==, G_N_ELEMENTS (rows));
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          row = pa_csv_import_get_row (import, i);
          g_assert_cmpstr (row->mac, ==, rows[i][0]);
          g_assert_cmpstr (row->model_id, ==, rows[i][1]);
          g_assert_cmpstr (row->name, ==, rows[i][2]);
          g_assert_cmpstr (row->agent, ==, rows[i][3]);
          g_assert_cmpstr (row->layout, ==, rows[i][4]);
          g_assert_cmpstr (row->profile, ==, rows[i][5]);
        }
      /* the value with a line break spans lines 4 and 5 */
      g_assert_cmpuint (pa_csv_import_get_row (import, 1)->line, ==, 3);
      g_assert_cmpuint (pa_csv_import_get_row (import, 2)->line, ==, 4);
      g_assert_cmpuint (pa_csv_import_get_row (import, 3)->line, ==, 6);
      /* a name cannot hold one: read back whole, then refused by the phone's rule */
      g_assert_cmpuint (pa_csv_import_get_n_errors (import), ==, 1);
      assert_row_error (pa_csv_import_get_row (import, 2), "name", "Line 4", NULL);
    }
}

static void
test_invariants (void)
{
  /* the fuzzer's checks hold on a few files made here, writer included */
  static const char *const inputs[] = {
    "MAC,Model\n805ec0123456,yealink-t54w\n",
    "a\x1f b \x1f\"\x1f\r\n\x1f;,\x1f",
    "MAC;Model;Name\r\n805ec0123456;Yealink T54W;\"x\"\"y\"\r\n805ec0123456;x;y\r\n",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    g_assert_null (pa_csv_check_invariants ((const guint8 *) inputs[i], strlen (inputs[i])));
}

static void
test_corpus (void)
{
  g_assert_cmpuint (pa_corpus_replay ("csv", pa_csv_check_invariants), >=, 5);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/comma", test_comma);
  g_test_add_func ("/csv/semicolon", test_semicolon);
  g_test_add_func ("/csv/quoted-header", test_quoted_header);
  g_test_add_func ("/csv/bom-and-crlf", test_bom_and_crlf);
  g_test_add_func ("/csv/quoting", test_quoting);
  g_test_add_func ("/csv/quoted-newline", test_quoted_newline);
  g_test_add_func ("/csv/lone-cr", test_lone_cr);
  g_test_add_func ("/csv/blank-rows", test_blank_rows);
  g_test_add_func ("/csv/brand-and-model", test_brand_and_model);
  g_test_add_func ("/csv/one-column-model", test_one_column_model);
  g_test_add_func ("/csv/header-names", test_header_names);
  g_test_add_func ("/csv/values-checked", test_values_checked);
  g_test_add_func ("/csv/malformed/wrong-columns", test_wrong_columns);
  g_test_add_func ("/csv/malformed/bad-mac-one-row", test_bad_mac_one_row);
  g_test_add_func ("/csv/malformed/duplicate-mac", test_duplicate_mac);
  g_test_add_func ("/csv/malformed/latin1", test_latin1);
  g_test_add_func ("/csv/malformed/stray-quote", test_stray_quote);
  g_test_add_func ("/csv/malformed/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/csv/malformed/empty", test_empty);
  g_test_add_func ("/csv/malformed/header-only", test_header_only);
  g_test_add_func ("/csv/malformed/header", test_bad_header);
  g_test_add_func ("/csv/malformed/limits", test_limits);
  g_test_add_func ("/csv/malformed/nul-byte", test_nul_byte);
  g_test_add_func ("/csv/write/append-row", test_append_row);
  g_test_add_func ("/csv/write/round-trip", test_round_trip);
  g_test_add_func ("/csv/invariants", test_invariants);
  g_test_add_func ("/csv/corpus", test_corpus);
  return g_test_run ();
}
