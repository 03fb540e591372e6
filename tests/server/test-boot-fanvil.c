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

#include "pa-test-boot.h"
#include "pa-test-xml.h"

#define UA "Fanvil X6U 2.12.1 0c383e112233"

static void
test_boot (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaTestBootPhone) phone = pa_test_boot_phone_new (server, "fanvil", "fanvil-x6u",
                                                             "0C:38:3E:11:22:33", NULL);
  g_autoptr(PaTestResponse) device = NULL;
  g_autofree char *setup_link = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  /* A model file as the older X6 asks for it: not an X6U's, so 404. */
  pa_test_boot_assert_not_found (server, phone, "F0V00X600000.cfg", UA);

  device = pa_test_boot_fetch (server, phone, "0c383e112233.cfg", UA);
  pa_test_boot_assert_ok (device, "application/xml");
  g_assert_true (g_str_has_prefix (device->text, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"));
  doc = pa_test_xml_parse (device->text, "0c383e112233.cfg", NULL);

  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='1']/EnableReg", "1");
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='1']/PhoneNumber", phone->username);
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='1']/RegisterUser", phone->username);
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='1']/RegisterPswd", phone->password);
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='1']/RegisterAddr", PA_TEST_SIP_SERVER);
  /* The provisioning URL is the phone's own setup link, so its next poll
   * comes back here for the same file. */
  setup_link = g_strdup_printf ("%s/p/%s/", server->url, phone->token);
  pa_test_xml_assert_xpath (doc, "/sysConf/ap/FlashServerIP", setup_link);
  pa_test_xml_assert_xpath (doc, "/sysConf/ap/FlashFileName", "$mac.cfg");

  /* Other spellings of the same name are not this phone's file. */
  pa_test_boot_assert_not_found (server, phone, "0C383E112233.cfg", UA);
  pa_test_boot_assert_not_found (server, phone, "0c383e112233.xml", UA);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boot/fanvil", test_boot);

  return g_test_run ();
}
