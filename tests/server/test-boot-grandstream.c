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

#include "pa-test-boot.h"
#include "pa-test-xml.h"

/* With the hardware revision between model and SW, as wazo's examples show. */
#define UA "Grandstream Model HW GXP2170 V1.4A SW 1.0.11.23 DevId 000b82a1b2c3"

/* Every setting is an <item name="…"> of <config version="2">. */
#define ITEM(name) "/gs_provision/config[@version='2']/item[@name='" name "']"

static xmlDoc *
parse_ok (PaTestResponse *response,
          const char     *file)
{
  pa_test_boot_assert_ok (response, "application/xml");
  return pa_test_xml_parse (response->text, file, "gs_provision");
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
  g_autoptr(xmlDoc) doc = NULL;

  /* The binary format, new and old names: not served, so the phone falls
   * back to the XML file. */
  pa_test_boot_assert_not_found (server, phone, "cfg000b82a1b2c3.bin", UA);
  pa_test_boot_assert_not_found (server, phone, "cfg000b82a1b2c3", UA);

  device = pa_test_boot_fetch (server, phone, "cfg000b82a1b2c3.xml", UA);
  doc = parse_ok (device, "cfg000b82a1b2c3.xml");
  pa_test_xml_assert_xpath (doc, "/gs_provision/@version", "1");
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.enable"), "Yes");
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.sip.userid"), phone->username);
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.sip.subscriber.userid"), phone->username);
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.sip.subscriber.password"), phone->password);
  registrar = pa_test_xml_xpath (doc, ITEM ("account.1.sip.server.1.address"));
  g_assert_nonnull (registrar);
  /* host:port, the port Grandstream's way of carrying it. */
  g_assert_true (g_str_equal (registrar, PA_TEST_SIP_SERVER) ||
                 g_str_has_prefix (registrar, PA_TEST_SIP_SERVER ":"));
  /* The next poll comes back to the phone's own setup link. */
  server_path = g_strdup_printf ("%s/p/%s", host, phone->token);
  pa_test_xml_assert_xpath (doc, ITEM ("provisioning.config.serverPath"), server_path);
  pa_test_xml_assert_xpath (doc, ITEM ("provisioning.config.protocol"),
                            g_str_has_prefix (server->url, "https:") ? "HTTPS" : "HTTP");
  g_clear_pointer (&doc, xmlFreeDoc);

  /* Asked for only if the per-phone file fails, or when the phone is set
   * to process every file: secret-free, and agreeing with the above. */
  model = pa_test_boot_fetch (server, phone, "cfggxp2170.xml", UA);
  doc = parse_ok (model, "cfggxp2170.xml");
  pa_test_xml_assert_xpath (doc, ITEM ("provisioning.config.serverPath"), server_path);
  g_assert_null (strstr (model->text, phone->password));
  g_assert_null (strstr (model->text, "account."));

  /* cfg.xml is every Grandstream product's name: not served. */
  pa_test_boot_assert_not_found (server, phone, "cfg.xml", UA);
  /* Other spellings of the same names are not this phone's files. */
  pa_test_boot_assert_not_found (server, phone, "cfg000B82A1B2C3.xml", UA);
  pa_test_boot_assert_not_found (server, phone, "CFG000b82a1b2c3.xml", UA);
  pa_test_boot_assert_not_found (server, phone, "cfgGXP2170.xml", UA);
  pa_test_boot_assert_not_found (server, phone, "000b82a1b2c3.xml", UA);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boot/grandstream", test_boot);

  return g_test_run ();
}
