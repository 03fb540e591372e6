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

#include <string.h>

#include "pa-test-boot.h"
#include "pa-test-xml.h"

#define UA "Mozilla/4.0 (compatible; snomD785-SIP 10.1.54.13 1.1.5-IFX-05.01.12 " \
           "000413A1B2C3 SXM:0 UXM:0)"

static void
test_boot (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaTestBootPhone) phone = pa_test_boot_phone_new (server, "snom", "snom-d785",
                                                             "00:04:13:A1:B2:C3", NULL);
  g_autoptr(PaTestResponse) model = NULL;
  g_autoptr(PaTestResponse) device = NULL;
  g_autofree char *setup_link = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *prefix = NULL;
  const char *device_file;
  g_autoptr(xmlDoc) doc = NULL;

  setup_link = g_strdup_printf ("%s/p/%s/", server->url, phone->token);

  /* 1. The model file: a <setting-files> list, no secrets. */
  model = pa_test_boot_fetch (server, phone, "snomD785.htm", UA);
  pa_test_boot_assert_ok (model, "text/html");
  g_assert_null (strstr (model->text, phone->password));
  doc = pa_test_xml_parse (model->text, "snomD785.htm", NULL);
  listed = pa_test_xml_xpath (doc, "/setting-files/file/@url");
  g_clear_pointer (&doc, xmlFreeDoc);
  g_assert_nonnull (listed);

  /* 2. Follow what it lists: the phone's own <MAC>.xml on its setup link. */
  g_assert_true (g_str_has_prefix (listed, setup_link));
  device_file = listed + strlen (setup_link);
  g_assert_cmpstr (device_file, ==, "000413A1B2C3.xml");
  device = pa_test_boot_fetch (server, phone, device_file, UA);
  pa_test_boot_assert_ok (device, "application/xml");
  doc = pa_test_xml_parse (device->text, device_file, NULL);
#define PS "/settings/phone-settings/"
  pa_test_xml_assert_xpath (doc, PS "user_active[@idx='1']", "on");
  pa_test_xml_assert_xpath (doc, PS "user_name[@idx='1']", phone->username);
  pa_test_xml_assert_xpath (doc, PS "user_pass[@idx='1']", phone->password);
  prefix = pa_test_xml_xpath (doc, PS "user_host[@idx='1']");
  g_assert_nonnull (prefix);
  g_assert_true (g_str_has_prefix (prefix, PA_TEST_SIP_SERVER ":"));
  /* The next poll comes back through the same link. */
  pa_test_xml_assert_xpath (doc, PS "setting_server", setup_link);
#undef PS

  /* 3. snomD785-<MAC>.htm: not served, the settings came through the
   * model file. */
  pa_test_boot_assert_not_found (server, phone, "snomD785-000413A1B2C3.htm", UA);

  /* Other spellings and cases of the same names are not this phone's
   * files. */
  pa_test_boot_assert_not_found (server, phone, "000413a1b2c3.xml", UA);
  pa_test_boot_assert_not_found (server, phone, "snomd785.htm", UA);
  pa_test_boot_assert_not_found (server, phone, "snomD735.htm", UA);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boot/snom", test_boot);

  return g_test_run ();
}
