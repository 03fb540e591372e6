/* test-boot-cisco.c — a Cisco SPA504G and a CP-8841 (3PCC) boot from their setup links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Provisioning facts §7.1: the SPA's default Profile_Rule asks for
 * spa$PSN.cfg (spa504G.cfg, capital G), the MPP's for $PSN.xml
 * (8841-3PCC.xml); that model file's Profile_Rule_B then names the per-MAC
 * file ($MA.xml, lower-case MAC), which the phone fetches next. Each with
 * the phone's real User-Agent. The test follows Profile_Rule_B as the phone
 * would, expanding $MA itself.
 */
#include "config.h"

#include <string.h>

#include "pa-test-boot.h"
#include "pa-test-xml.h"

static void
boot (const char *model,
      const char *mac,
      const char *compact_mac,
      const char *user_agent,
      const char *model_file,
      const char *admin_field,
      const char *other_spelling)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaTestBootPhone) phone = pa_test_boot_phone_new (server, "cisco", model, mac,
                                                             ", \"admin_password_mode\": \"manual\", "
                                                             "\"admin_password\": \"Adm1n&<pw>\"");
  g_autoptr(PaTestResponse) common = NULL;
  g_autoptr(PaTestResponse) device = NULL;
  g_autofree char *setup_link = g_strdup_printf ("%s/p/%s/", server->url, phone->token);
  g_autofree char *rule_b = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *value = NULL;
  g_autofree char *upper = g_ascii_strup (compact_mac, -1);
  g_autofree char *upper_file = g_strconcat (upper, ".xml", NULL);
  g_auto(GStrv) expanded = NULL;
  g_autofree char *device_url = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  /* The model file: where to go next, no secret. */
  common = pa_test_boot_fetch (server, phone, model_file, user_agent);
  pa_test_boot_assert_ok (common, "text/xml");
  doc = pa_test_xml_parse (common->text, model_file, "flat-profile");
  expected = g_strconcat (setup_link, model_file, NULL);
  pa_test_xml_assert_child (doc, "Profile_Rule", expected);
  rule_b = pa_test_xml_child_text (doc, "Profile_Rule_B");
  pa_test_xml_assert_child (doc, "Resync_From_SIP", "Yes");
  g_assert_null (strstr (common->text, phone->password));
  g_assert_null (strstr (common->text, "Adm1n"));
  g_clear_pointer (&doc, xmlFreeDoc);

  /* The phone expands $MA to its lower-case MAC and fetches that. */
  g_assert_nonnull (rule_b);
  g_assert_true (g_str_has_prefix (rule_b, setup_link));
  expanded = g_strsplit (rule_b, "$MA", -1);
  device_url = g_strjoinv (compact_mac, expanded);
  g_free (expected);
  expected = g_strconcat (compact_mac, ".xml", NULL);
  g_assert_cmpstr (device_url + strlen (setup_link), ==, expected);

  device = pa_test_boot_fetch (server, phone, device_url + strlen (setup_link), user_agent);
  pa_test_boot_assert_ok (device, "text/xml");
  doc = pa_test_xml_parse (device->text, expected, "flat-profile");
  pa_test_xml_assert_child (doc, "Line_Enable_1_", "Yes");
  pa_test_xml_assert_child (doc, "User_ID_1_", phone->username);
  pa_test_xml_assert_child (doc, "Password_1_", phone->password);
  value = pa_test_xml_child_text (doc, "Proxy_1_");
  g_assert_nonnull (value);
  g_assert_true (g_str_has_prefix (value, PA_TEST_SIP_SERVER ":"));
  pa_test_xml_assert_child (doc, admin_field, "Adm1n&<pw>");

  /* Other spellings of the same names are not this phone's files. */
  pa_test_boot_assert_not_found (server, phone, upper_file, user_agent);
  pa_test_boot_assert_not_found (server, phone, other_spelling, user_agent);
}

static void
test_spa504g (void)
{
  boot ("cisco-spa504g", "50:3D:E5:12:34:56", "503de5123456",
        "Cisco/SPA504G-7.5.5 (503DE5123456)(CBT141400UK)", "spa504G.cfg", "Admin_Passwd",
        "spa504g.cfg");
}

static void
test_cp8841 (void)
{
  boot ("cisco-cp-8841", "D0:EC:35:12:34:56", "d0ec35123456",
        "Cisco-CP-8841-3PCC/11.0 (d0ec35123456)", "8841-3PCC.xml", "Admin_Password",
        "CP-8841-3PCC.xml");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boot/cisco/spa504g", test_spa504g);
  g_test_add_func ("/boot/cisco/cp-8841", test_cp8841);

  return g_test_run ();
}
