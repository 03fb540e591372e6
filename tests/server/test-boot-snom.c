/* test-boot-snom.c — a Snom D785 boots from its setup link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Provisioning facts §7.1: the phone asks its setting server for
 * snom<model>.htm (snomD785.htm, as Snom writes the model), loads every file
 * that file's <setting-files> lists, then asks for snom<model>-<MAC>.htm,
 * MAC in upper case, with its own User-Agent. We list the phone's <MAC>.xml
 * in the model file and serve no snom<model>-<MAC>.htm (404: the phone goes
 * on), so the settings are loaded once.
 */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <string.h>

#include "pa-test-boot.h"

#define UA "Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 1.1.5-IFX-05.01.12 " \
           "000413A1B2C3 SXM:0 UXM:0)"

static xmlDocPtr
parse (PaTestResponse *response,
       const char     *name)
{
  xmlDocPtr doc = xmlReadMemory (response->text, strlen (response->text), name, "UTF-8",
                                 XML_PARSE_NONET);

  if (doc == NULL)
    g_error ("%s is not well-formed XML:\n%s", name, response->text);
  return doc;
}

static char *
xpath (xmlDocPtr   doc,
       const char *expr)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST expr, context);
  char *value = NULL;

  if (result != NULL && result->type == XPATH_NODESET &&
      !xmlXPathNodeSetIsEmpty (result->nodesetval))
    {
      xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);

      value = g_strdup ((const char *) content);
      xmlFree (content);
    }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return value;
}

static void
assert_xpath (xmlDocPtr   doc,
              const char *expr,
              const char *expected)
{
  g_autofree char *value = xpath (doc, expr);

  if (g_strcmp0 (value, expected) != 0)
    g_error ("%s: “%s”, expected “%s”", expr, value, expected);
}

static void
test_boot (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaTestBootPhone) phone = pa_test_boot_phone_new (server, "snom", "snom-d785",
                                                             "00:04:13:A1:B2:C3", NULL);
  g_autoptr(PaTestResponse) model = NULL;
  g_autoptr(PaTestResponse) device = NULL;
  g_autoptr(PaTestResponse) mac_htm = NULL;
  g_autoptr(PaTestResponse) other = NULL;
  g_autofree char *setup_link = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *prefix = NULL;
  const char *device_file;
  xmlDocPtr doc;

  setup_link = g_strdup_printf ("%s/p/%s/", server->url, phone->token);

  /* 1. The model file: a <setting-files> list, no secrets. */
  model = pa_test_boot_fetch (server, phone, "snomD785.htm", UA);
  pa_test_boot_assert_ok (model, "text/html");
  g_assert_null (strstr (model->text, phone->password));
  doc = parse (model, "snomD785.htm");
  listed = xpath (doc, "/setting-files/file/@url");
  xmlFreeDoc (doc);
  g_assert_nonnull (listed);

  /* 2. Follow what it lists: the phone's own <MAC>.xml on its setup link. */
  g_assert_true (g_str_has_prefix (listed, setup_link));
  device_file = listed + strlen (setup_link);
  g_assert_cmpstr (device_file, ==, "000413A1B2C3.xml");
  device = pa_test_boot_fetch (server, phone, device_file, UA);
  pa_test_boot_assert_ok (device, "application/xml");
  doc = parse (device, device_file);
#define PS "/settings/phone-settings/"
  assert_xpath (doc, PS "user_active[@idx='1']", "on");
  assert_xpath (doc, PS "user_name[@idx='1']", phone->username);
  assert_xpath (doc, PS "user_pass[@idx='1']", phone->password);
  prefix = xpath (doc, PS "user_host[@idx='1']");
  g_assert_nonnull (prefix);
  g_assert_true (g_str_has_prefix (prefix, PA_TEST_SIP_SERVER ":"));
  /* The next poll comes back through the same link. */
  assert_xpath (doc, PS "setting_server", setup_link);
#undef PS
  xmlFreeDoc (doc);

  /* 3. snomD785-<MAC>.htm: not served, the settings came through the
   * model file. */
  mac_htm = pa_test_boot_fetch (server, phone, "snomD785-000413A1B2C3.htm", UA);
  g_assert_cmpuint (mac_htm->status, ==, 404);

  /* Other spellings and cases of the same names are not this phone's
   * files. */
  other = pa_test_boot_fetch (server, phone, "000413a1b2c3.xml", UA);
  g_assert_cmpuint (other->status, ==, 404);
  g_clear_pointer (&other, pa_test_response_free);
  other = pa_test_boot_fetch (server, phone, "snomd785.htm", UA);
  g_assert_cmpuint (other->status, ==, 404);
  g_clear_pointer (&other, pa_test_response_free);
  other = pa_test_boot_fetch (server, phone, "snomD735.htm", UA);
  g_assert_cmpuint (other->status, ==, 404);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boot/snom", test_boot);

  return g_test_run ();
}
