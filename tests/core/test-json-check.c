/* test-json-check.c — what a JSON body must be before json-glib reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "pa-error.h"
#include "pa-json-check.h"
#include "pa-json-check-invariants.h"

static void
assert_ok (const char *text)
{
  g_autoptr(GError) error = NULL;

  if (!pa_json_check (text, strlen (text), &error))
    g_error ("refused %s: %s", text, error->message);
}

static void
assert_refused (const char *text,
                const char *why)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (pa_json_check (text, strlen (text), &error));
  g_assert_error (error, PA_MODEL_ERROR, PA_MODEL_ERROR_MALFORMED);
  if (strstr (error->message, why) == NULL)
    g_error ("refused %s for “%s”, not for %s", text, error->message, why);
}

static void
test_accepted (void)
{
  assert_ok ("{}");
  assert_ok ("{\"name\": \"Reception\", \"keys\": [{\"index\": 1, \"label\": \"A \\\"q\\\" \\\\ b\"}]}");
  /* the same name in two objects is two names */
  assert_ok ("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}, \"c\": [{\"x\": 3}, {\"x\": 4}]}");
  /* a name that is a value elsewhere, strings with braces and escapes */
  assert_ok ("{\"a\": \"a\", \"b\": \"}{][,:\", \"c\": \"\\u00e9\\ud83d\\ude00\"}");
  assert_ok ("  {\"n\": -1.5e3, \"t\": true, \"f\": false, \"z\": null}\n\r\t ");
  /* syntax errors are json-glib's to name */
  assert_ok ("{\"a\": ");
  assert_ok ("{\"a\" 1}");
}

static void
test_depth (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GString) limit = g_string_new (NULL);

  for (guint i = 0; i < PA_JSON_MAX_DEPTH; i++)
    g_string_append (limit, "[");
  for (guint i = 0; i < PA_JSON_MAX_DEPTH; i++)
    g_string_append (limit, "]");
  assert_ok (limit->str);

  /* the body that overflowed json-glib's stack: 75,000 levels */
  for (guint i = 0; i < 75000; i++)
    g_string_append (deep, "{\"a\":");
  assert_refused (deep->str, "nested too deep");
  g_string_prepend (limit, "[");
  assert_refused (limit->str, "nested too deep");
}

static void
test_duplicates (void)
{
  assert_refused ("{\"confirm\":\"dup\",\"confirm\":\"REGENERATE\"}", "names a member twice");
  /* spelled differently, decoded the same */
  assert_refused ("{\"a\": 1, \"\\u0061\": 2}", "names a member twice");
  assert_refused ("{\"x\": {\"k\": 1, \"k\": 2}}", "names a member twice");
  assert_refused ("[{\"k\": 1}, {\"k\": 1, \"k\": 1}]", "names a member twice");
}

static void
test_nul_and_second_value (void)
{
  assert_refused ("{\"a\": \"a\\u0000b\"}", "\\u0000");
  assert_refused ("{\"a\\u0000b\": 1}", "\\u0000");
  assert_refused ("{\"a\": 1}{\"b\": 2}", "more than one value");
  assert_refused ("{} []", "more than one value");
  assert_refused ("\"a\" \"b\"", "more than one value");
}

/* Whatever it accepts, json-glib reads as one value with no member lost. */
static void
test_agrees_with_json_glib (void)
{
  const char *texts[] = {
    "{\"a\": {\"b\": [1, 2, {\"c\": \"d\"}]}, \"e\": \"f\"}",
    "{\"\\u00e9\": 1, \"e\\u0301\": 2}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;

      assert_ok (texts[i]);
      g_assert_true (json_parser_load_from_data (parser, texts[i], -1, &error));
      g_assert_no_error (error);
    }
}

/* The fuzzer's checks on its seed corpus (tests/fuzz/corpus/json-body),
 * every prefix too, so a crash input saved there stays fixed. */
static void
test_corpus (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "json-body",
                                                     NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;
  guint files = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      gsize size;

      g_file_get_contents (path, &contents, &size, &error);
      g_assert_no_error (error);
      for (gsize n = 0; n <= size; n++)
        {
          const char *problem = pa_json_check_invariants ((const guint8 *) contents, n);

          if (problem != NULL)
            g_error ("%s, %" G_GSIZE_FORMAT " bytes: %s", name, n, problem);
        }
      files++;
    }
  g_assert_cmpuint (files, >=, 8);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-check/accepted", test_accepted);
  g_test_add_func ("/json-check/depth", test_depth);
  g_test_add_func ("/json-check/duplicates", test_duplicates);
  g_test_add_func ("/json-check/nul-and-second-value", test_nul_and_second_value);
  g_test_add_func ("/json-check/agrees-with-json-glib", test_agrees_with_json_glib);
  g_test_add_func ("/json-check/corpus", test_corpus);

  return g_test_run ();
}
