/* test-writers.c — the shared key = value and XML writers, and the registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every name, label and custom value in a phone's file comes from a person;
 * these writers are what keeps such text from adding a setting or breaking
 * the file, so they are fed the worst of it and their output read back.
 */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "pa-core.h"
#include "pa-writer.h"

/* Quotes, markup, separators, comments, line breaks, a tab, a control
 * character, non-ASCII, and invalid UTF-8. */
static const char * const nasty[] = {
  "Anna \"the boss\" O'Neil",
  "R&D <lab> & co",
  "a = b",
  "# not a comment",
  "line one\nevil.setting = 1",
  "line one\r\nevil.setting = 1",
  "tab\there",
  "bell\x07ring",
  "Zoë · 東京 · ☎",
  "bad \xff\xfe utf-8",
  "%NULL%",
  "",
};

static char *
bytes_text (GBytes *bytes)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strndup (data, length);
}

static void
test_kv_values (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      g_autoptr(PaKvWriter) kv = pa_kv_writer_new (" = ");
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *text = NULL;
      g_auto(GStrv) lines = NULL;

      g_assert_true (pa_kv_writer_set (kv, "account.1.label", nasty[i]));
      pa_kv_writer_set (kv, "account.1.enable", "1");
      bytes = pa_kv_writer_finish (kv);
      text = bytes_text (bytes);

      /* Two settings in, two lines out, each still its own key. */
      g_assert_true (g_utf8_validate (text, -1, NULL));
      lines = g_strsplit (text, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, 3);
      g_assert_true (g_str_has_prefix (lines[0], "account.1.label = "));
      g_assert_cmpstr (lines[1], ==, "account.1.enable = 1");
      g_assert_cmpstr (lines[2], ==, "");
      g_assert_null (strchr (lines[0], '\r'));
      g_assert_null (strchr (lines[0], '\x07'));
    }
}

static void
test_kv_keys (void)
{
  static const char * const bad[] = {
    "", "a b", "a=b", "a\nb", "#a", "a;b", "ä", "a/b",
  };
  g_autoptr(PaKvWriter) kv = pa_kv_writer_new (" = ");
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "Not writing a setting named*");
      g_assert_false (pa_kv_writer_set (kv, bad[i], "1"));
      g_test_assert_expected_messages ();
    }
  g_assert_false (pa_kv_key_is_valid (NULL));
  g_assert_true (pa_kv_writer_set (kv, "expansion_module.1.key.60.type", "16"));
  g_assert_true (pa_kv_writer_set (kv, "features.dnd-enable_2[1]", "0"));
  bytes = pa_kv_writer_finish (kv);
  text = bytes_text (bytes);
  g_assert_cmpstr (text, ==, "expansion_module.1.key.60.type = 16\nfeatures.dnd-enable_2[1] = 0\n");
}

static const char *
xml_kept (const char *input,
          char      **owned)
{
  /* What the writer may change: invalid UTF-8 is repaired and characters
   * XML cannot carry become spaces; everything else must come back. */
  g_autofree char *valid = g_utf8_make_valid (input, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  *owned = g_string_free (out, FALSE);
  return *owned;
}

static void
test_xml_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      g_autoptr(PaXmlWriter) xml = pa_xml_writer_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *got_attr = NULL;
      g_autofree char *got_text = NULL;
      xmlDocPtr doc;
      xmlNodePtr root, child;
      gsize length = 0;
      const char *data;
      guint elements = 0;

      pa_xml_writer_start (xml, "settings");
      pa_xml_writer_start (xml, "line");
      pa_xml_writer_attr (xml, "label", nasty[i]);
      pa_xml_writer_text (xml, nasty[i]);
      pa_xml_writer_end (xml);
      pa_xml_writer_element (xml, "other", "1");
      bytes = pa_xml_writer_finish (xml);
      data = g_bytes_get_data (bytes, &length);

      /* Well-formed to libxml2's own parser, and nothing added. */
      doc = xmlReadMemory (data, length, "test.xml", "UTF-8", XML_PARSE_NONET);
      g_assert_nonnull (doc);
      root = xmlDocGetRootElement (doc);
      g_assert_cmpstr ((const char *) root->name, ==, "settings");
      for (child = root->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE)
          elements++;
      g_assert_cmpuint (elements, ==, 2);

      child = xmlFirstElementChild (root);
      g_assert_cmpstr ((const char *) child->name, ==, "line");
      got_attr = (char *) xmlGetProp (child, BAD_CAST "label");
      got_text = (char *) xmlNodeGetContent (child);
      xml_kept (nasty[i], &expected);
      /* Attribute values are normalised by any XML parser (a line break
       * reads as a space) unless escaped, which the writer does. */
      g_assert_cmpstr (got_attr, ==, expected);
      /* Text: a CR the writer escaped reads back as CR. */
      g_assert_cmpstr (got_text, ==, expected);
      xmlFreeDoc (doc);
    }
}

static void
test_xml_null_and_empty (void)
{
  g_autoptr(PaXmlWriter) xml = pa_xml_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;

  pa_xml_writer_start (xml, "settings");
  pa_xml_writer_attr (xml, "absent", NULL);
  pa_xml_writer_attr (xml, "empty", "");
  pa_xml_writer_element (xml, "e", NULL);
  bytes = pa_xml_writer_finish (xml);
  text = bytes_text (bytes);
  g_assert_true (g_str_has_prefix (text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  g_assert_null (strstr (text, "absent"));
  g_assert_nonnull (strstr (text, "empty=\"\""));
  g_assert_nonnull (strstr (text, "<e></e>"));
}

static void
test_registry (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  GListModel *vendors = pa_catalog_get_vendors (catalog);

  g_assert_true (pa_writer_lookup ("yealink") == &pa_yealink_writer);
  g_assert_null (pa_writer_lookup ("no-such-writer"));
  g_assert_null (pa_writer_lookup (NULL));

  /* Every vendor names a writer; the ones not written yet are the
   * vendors whose phones get 404 (see the note in docs/architecture.md). */
  for (guint i = 0; i < g_list_model_get_n_items (vendors); i++)
    {
      g_autoptr(PaVendor) vendor = g_list_model_get_item (vendors, i);

      g_assert_nonnull (pa_vendor_get_writer (vendor));
    }
}

/* The catalog's device file (what a preview shows) is a file the model's
 * writer serves, for every model: the two cannot drift apart. */
static void
test_device_file_is_served (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  GListModel *models = pa_catalog_get_models (catalog);

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(PaDeviceModel) model = g_list_model_get_item (models, i);
      PaVendor *vendor = pa_catalog_get_vendor (catalog, pa_device_model_get_vendor_id (model));
      g_autoptr(PaPhone) phone = pa_phone_new ();
      g_autoptr(PaRenderContext) ctx = NULL;
      g_autofree char *device = NULL;
      g_auto(GStrv) files = NULL;

      pa_phone_set_mac (phone, "00:11:22:AB:CD:EF");
      pa_phone_set_vendor (phone, pa_vendor_get_id (vendor));
      pa_phone_set_model (phone, pa_device_model_get_id (model));
      ctx = pa_render_context_new (phone, model, vendor);
      files = pa_render_list_files (ctx);
      device = pa_device_model_format_device_file (model, "00:11:22:AB:CD:EF");
      g_test_message ("%s: %s", pa_device_model_get_id (model), device);
      g_assert_true (g_strv_contains ((const char * const *) files, device));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/writers/kv/values", test_kv_values);
  g_test_add_func ("/writers/kv/keys", test_kv_keys);
  g_test_add_func ("/writers/xml/round-trip", test_xml_round_trip);
  g_test_add_func ("/writers/xml/null-and-empty", test_xml_null_and_empty);
  g_test_add_func ("/writers/registry", test_registry);
  g_test_add_func ("/writers/device-file-is-served", test_device_file_is_served);

  return g_test_run ();
}
