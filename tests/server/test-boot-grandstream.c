/* test-boot-grandstream.c — a Grandstream GXP2170 boots from its setup link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Provisioning facts §7.1: the phone asks for cfg<mac>.bin (older firmware:
 * cfg<mac>), then cfg<mac>.xml, then cfg<model>.xml, then cfg.xml, all
 * lower case, with "Grandstream Model HW <model>[ V<hw>] SW <fw> DevId
 * <mac>" as its User-Agent. The binary files are 404 so it falls back to
 * the XML; the per-phone file points the phone's next poll at the setup
 * link (provisioning.config.serverPath, to which it adds the file name).
 */
#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "pa-test-boot.h"

/* With the hardware revision between model and SW, as wazo's examples show. */
#define UA "Grandstream Model HW GXP2170 V1.4A SW 1.0.11.23 DevId 000b82a1b2c3"

static xmlDocPtr
parse_ok (PaTestResponse *response)
{
  xmlDocPtr doc;

  pa_test_boot_assert_ok (response, "application/xml");
  doc = xmlReadMemory (response->text, strlen (response->text), "cfg.xml", "UTF-8",
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    g_error ("not well-formed:\n%s", response->text);
  return doc;
}

/* The text of the one <item name="@name"> of <config version="2">. */
static char *
item_value (xmlDocPtr   doc,
            const char *name)
{
  g_autofree char *expr = g_strdup_printf ("/gs_provision/config[@version='2']/item[@name='%s']",
                                           name);
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST expr, ctx);
  char *value = NULL;

  if (result->nodesetval != NULL && result->nodesetval->nodeNr == 1)
    {
      xmlChar *content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);

      value = g_strdup ((const char *) content);
      xmlFree (content);
    }
  else
    g_error ("%d items named “%s”", result->nodesetval != NULL ? result->nodesetval->nodeNr : 0,
             name);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctx);
  return value;
}

static void
assert_item (xmlDocPtr   doc,
             const char *name,
             const char *expected)
{
  g_autofree char *value = item_value (doc, name);

  g_assert_cmpstr (value, ==, expected);
}

static void
assert_status (PaTestServer    *server,
               PaTestBootPhone *phone,
               const char      *file,
               guint            status)
{
  g_autoptr(PaTestResponse) response = pa_test_boot_fetch (server, phone, file, UA);

  g_test_message ("%s → %u", file, response->status);
  g_assert_cmpuint (response->status, ==, status);
}

static void
test_boot (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaTestBootPhone) phone = pa_test_boot_phone_new (server, "grandstream",
                                                             "grandstream-gxp2170",
                                                             "00:0B:82:A1:B2:C3", NULL);
  g_autoptr(PaTestResponse) device = NULL;
  g_autoptr(PaTestResponse) model = NULL;
  g_autofree char *server_path = NULL;
  g_autofree char *registrar = NULL;
  const char *host = strstr (server->url, "://") + 3;
  xmlDocPtr doc;

  /* The binary format, new and old names: not served, so the phone falls
   * back to the XML file. */
  assert_status (server, phone, "cfg000b82a1b2c3.bin", 404);
  assert_status (server, phone, "cfg000b82a1b2c3", 404);

  device = pa_test_boot_fetch (server, phone, "cfg000b82a1b2c3.xml", UA);
  doc = parse_ok (device);
  {
    xmlNodePtr root = xmlDocGetRootElement (doc);
    xmlChar *version = xmlGetProp (root, BAD_CAST "version");

    g_assert_cmpstr ((const char *) root->name, ==, "gs_provision");
    g_assert_cmpstr ((const char *) version, ==, "1");
    xmlFree (version);
  }
  assert_item (doc, "account.1.enable", "Yes");
  assert_item (doc, "account.1.sip.userid", phone->username);
  assert_item (doc, "account.1.sip.subscriber.userid", phone->username);
  assert_item (doc, "account.1.sip.subscriber.password", phone->password);
  registrar = item_value (doc, "account.1.sip.server.1.address");
  /* host:port, the port Grandstream's way of carrying it. */
  g_assert_true (g_str_equal (registrar, PA_TEST_SIP_SERVER) ||
                 g_str_has_prefix (registrar, PA_TEST_SIP_SERVER ":"));
  /* The next poll comes back to the phone's own setup link. */
  server_path = g_strdup_printf ("%s/p/%s", host, phone->token);
  assert_item (doc, "provisioning.config.serverPath", server_path);
  assert_item (doc, "provisioning.config.protocol",
               g_str_has_prefix (server->url, "https:") ? "HTTPS" : "HTTP");
  xmlFreeDoc (doc);

  /* Asked for only if the per-phone file fails, or when the phone is set
   * to process every file: secret-free, and agreeing with the above. */
  model = pa_test_boot_fetch (server, phone, "cfggxp2170.xml", UA);
  doc = parse_ok (model);
  assert_item (doc, "provisioning.config.serverPath", server_path);
  g_assert_null (strstr (model->text, phone->password));
  g_assert_null (strstr (model->text, "account."));
  xmlFreeDoc (doc);

  /* cfg.xml is every Grandstream product's name: not served. */
  assert_status (server, phone, "cfg.xml", 404);
  /* Other spellings of the same names are not this phone's files. */
  assert_status (server, phone, "cfg000B82A1B2C3.xml", 404);
  assert_status (server, phone, "CFG000b82a1b2c3.xml", 404);
  assert_status (server, phone, "cfgGXP2170.xml", 404);
  assert_status (server, phone, "000b82a1b2c3.xml", 404);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boot/grandstream", test_boot);

  return g_test_run ();
}
