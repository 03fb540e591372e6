/* test-boot-fanvil.c — a Fanvil X6U boots from its setup link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Provisioning facts §7.1: a Fanvil asks for <mac>.cfg, MAC in lower case,
 * with the User-Agent "Fanvil <model>[ Pro] <fw> <mac>". Some older models
 * first ask for a model file (F0V00X600000.cfg on the X6); none is known
 * for the X6U, so such a request is answered 404 and the phone goes on.
 * The file is XML <sysConf>, checked here through libxml2.
 */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <string.h>

#include "pa-test-boot.h"

#define UA "Fanvil X6U 2.12.1 0c383e112233"

static char *
xpath_text (xmlDocPtr   doc,
            const char *path)
{
  xmlXPathContextPtr context = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST path, context);
  char *text = NULL;

  g_assert_nonnull (result);
  if (result->nodesetval != NULL && result->nodesetval->nodeNr == 1)
    {
      xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);

      text = g_strdup ((const char *) content);
      xmlFree (content);
    }
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  return text;
}

static void
assert_xpath (xmlDocPtr   doc,
              const char *path,
              const char *expected)
{
  g_autofree char *text = xpath_text (doc, path);

  if (g_strcmp0 (text, expected) != 0)
    g_error ("%s: expected “%s”, got “%s”", path, expected, text);
}

static void
test_boot (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaTestBootPhone) phone = pa_test_boot_phone_new (server, "fanvil", "fanvil-x6u",
                                                             "0C:38:3E:11:22:33", NULL);
  g_autoptr(PaTestResponse) model_file = NULL;
  g_autoptr(PaTestResponse) device = NULL;
  g_autoptr(PaTestResponse) upper = NULL;
  g_autoptr(PaTestResponse) other = NULL;
  g_autofree char *setup_link = NULL;
  xmlDocPtr doc;

  /* A model file as the older X6 asks for it: not an X6U's, so 404. */
  model_file = pa_test_boot_fetch (server, phone, "F0V00X600000.cfg", UA);
  g_assert_cmpuint (model_file->status, ==, 404);

  device = pa_test_boot_fetch (server, phone, "0c383e112233.cfg", UA);
  pa_test_boot_assert_ok (device, "application/xml");
  g_assert_true (g_str_has_prefix (device->text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  doc = xmlReadMemory (device->text, strlen (device->text), "0c383e112233.cfg", "UTF-8",
                       XML_PARSE_NONET);
  g_assert_nonnull (doc);

  assert_xpath (doc, "/sysConf/sip/line[@index='1']/EnableReg", "1");
  assert_xpath (doc, "/sysConf/sip/line[@index='1']/PhoneNumber", phone->username);
  assert_xpath (doc, "/sysConf/sip/line[@index='1']/RegisterUser", phone->username);
  assert_xpath (doc, "/sysConf/sip/line[@index='1']/RegisterPswd", phone->password);
  assert_xpath (doc, "/sysConf/sip/line[@index='1']/RegisterAddr", PA_TEST_SIP_SERVER);
  /* The provisioning URL is the phone's own setup link, so its next poll
   * comes back here for the same file. */
  setup_link = g_strdup_printf ("%s/p/%s/", server->url, phone->token);
  assert_xpath (doc, "/sysConf/ap/FlashServerIP", setup_link);
  assert_xpath (doc, "/sysConf/ap/FlashFileName", "$mac.cfg");
  xmlFreeDoc (doc);

  /* Other spellings of the same name are not this phone's file. */
  upper = pa_test_boot_fetch (server, phone, "0C383E112233.cfg", UA);
  g_assert_cmpuint (upper->status, ==, 404);
  other = pa_test_boot_fetch (server, phone, "0c383e112233.xml", UA);
  g_assert_cmpuint (other->status, ==, 404);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boot/fanvil", test_boot);

  return g_test_run ();
}
