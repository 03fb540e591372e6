/* test-golden-cisco.c — the reference phone on Cisco SPA and MPP (3PCC), byte for byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The golden files under tests/core/golden/cisco/ were read line by line
 * against the provisioning facts (§2.4 as corrected by §7.1, §7.2, §7.4,
 * §2.8) when they were made. Checked, for both families:
 *
 *  - the files: spa504G.cfg (capital G) then 002699123456.xml for the SPA;
 *    8851-3PCC.xml (not CP-8851-3PCC.xml) then d0ec35123456.xml for MPP;
 *  - the model file is secret-free: Provision_Enable, Resync_On_Reset,
 *    Resync_Periodic 3600 (60 minutes), Resync_Random_Delay, retry delay,
 *    Resync_From_SIP Yes (Event: resync), Profile_Rule = the setup link +
 *    the model file's own name, Profile_Rule_B = the setup link + $MA.xml,
 *    Profile_Rule_C/D emptied, Upgrade_Rule empty (no target firmware);
 *  - per line: Line_Enable, Display_Name, User_ID, Password, Auth_ID with
 *    Use_Auth_ID, Proxy host:port (pbx.example.com:5061,
 *    sales.example.net:5060), Use_DNS_SRV No, Outbound_Proxy empty (and
 *    Use_Outbound_Proxy No on the SPA), Register Yes, Register_Expires
 *    3600, SIP_Transport TLS / UDP, SIP_Port 5060 / 5061 (the phone's own),
 *    DTMF AVT (RFC 2833), SRTP Required (MPP Secure_Call_Option) / Yes (SPA
 *    Secure_Call_Setting) only on the TLS line, codecs G711u, G711a, G722,
 *    MWI off (Mailbox_ID and Voice_Mail_Server empty), Auth_Resync-Reboot
 *    Yes; the other account slots (2 on the SPA504G, 8 on the 8851) disabled
 *    with every credential field empty;
 *  - keys: line keys Extension_N_ = line number with the label as
 *    Short_Name; BLF fnc=blf+sd+cp;sub=202@$PROXY; speed dial and the
 *    feature code *78 fnc=sd;ext=…@$PROXY; park fnc=prk;sub=700@$PROXY
 *    (UNCONFIRMED); park retrieve, conference and custom have no Cisco code
 *    and are blank like empty keys (Extension_N_ Disabled, empty Short_Name
 *    and Extended_Function); all 32 sidecar keys of unit 1 as BLF to
 *    301…332 (Unit_1_Key_K on the SPA500S, Unit_1_Key_K_ on the 8800 KEM),
 *    unit 2 blanked, Number_of_Units 1;
 *  - Station_Name, Time_Zone GMT+01:00 with Daylight_Saving_Time_Rule
 *    start=3/-1/7/2:0:0;end=10/-1/7/3:0:0;save=1:0:0 (last Sunday of March
 *    02:00, last Sunday of October 03:00), Primary_NTP_Server,
 *    Admin_Passwd (SPA) / Admin_Password (MPP) escaped, the custom
 *    parameter last as an element of its name.
 *
 * Not done: the SPA's key count is a guess the phone face decides (the
 * facts say 4 keys on the SPA504G), BLF pickup codes, line keys on a
 * sidecar (MPP Unit_U_Extension_K_), PoE_Power_Required for a KEM, a
 * per-vendor custom parameter (profiles hold one list for all vendors).
 */
#include "config.h"

#include <string.h>

#include "pa-test-reference.h"
#include "pa-test-xml.h"

#define SPA_MAC "00:26:99:12:34:56"
#define MPP_MAC "D0:EC:35:12:34:56"
#define CONTENT_TYPE "text/xml; charset=utf-8"

static xmlDoc *
parse (const char *text)
{
  return pa_test_xml_parse (text, "cisco.xml", "flat-profile");
}

static void
check_files (PaRenderContext *ctx,
             const char      *model_file,
             const char      *device_file)
{
  g_auto(GStrv) files = pa_render_list_files (ctx);

  g_assert_cmpuint (g_strv_length (files), ==, 2);
  g_assert_cmpstr (files[0], ==, model_file);
  g_assert_cmpstr (files[1], ==, device_file);
}

static void
check_model_file (PaRenderContext *ctx,
                  const char      *model_file)
{
  g_autofree char *text = pa_test_render (ctx, model_file, CONTENT_TYPE);
  g_autofree char *again = g_strconcat ("https://prov.example.com:8670/p/TOKEN/", model_file, NULL);
  g_autoptr(xmlDoc) doc = parse (text);

  pa_test_xml_assert_child (doc, "Profile_Rule", again);
  pa_test_xml_assert_child (doc, "Profile_Rule_B", "https://prov.example.com:8670/p/TOKEN/$MA.xml");
  pa_test_xml_assert_child (doc, "Resync_Periodic", "3600");
  pa_test_xml_assert_child (doc, "Resync_From_SIP", "Yes");
  /* Secret-free: no password of any kind. */
  g_assert_null (strstr (text, "s3cret"));
  g_assert_null (strstr (text, "Passw"));
}

static void
check_device_file (PaRenderContext *ctx,
                   const char      *device_file,
                   const char      *admin_field,
                   const char      *sidecar_key)
{
  g_autofree char *text = pa_test_render (ctx, device_file, CONTENT_TYPE);
  g_autoptr(xmlDoc) doc = parse (text);

  pa_test_xml_assert_child (doc, "User_ID_1_", "201");
  pa_test_xml_assert_child (doc, "Password_1_", "s3cret-Pass");
  pa_test_xml_assert_child (doc, "Proxy_1_", "pbx.example.com:5061");
  pa_test_xml_assert_child (doc, "SIP_Transport_1_", "TLS");
  pa_test_xml_assert_child (doc, "Password_2_", "Sal3s&\"pw\"");
  pa_test_xml_assert_child (doc, "Line_Enable_3_", "No");
  pa_test_xml_assert_child (doc, "User_ID_3_", "");
  pa_test_xml_assert_child (doc, "Extension_1_", "1");
  pa_test_xml_assert_child (doc, "Extension_3_", "Disabled");
  pa_test_xml_assert_child (doc, "Extended_Function_3_",
                            "fnc=blf+sd+cp;sub=202@$PROXY;nme=Anna & Bo <Sales>");
  pa_test_xml_assert_child (doc, "Extended_Function_4_",
                            "fnc=sd;ext=+4930123456@$PROXY;nme=Head office");
  pa_test_xml_assert_child (doc, sidecar_key, "fnc=blf+sd+cp;sub=301@$PROXY;nme=Agent 1");
  pa_test_xml_assert_child (doc, admin_field, "Adm1n&<pw>");
  pa_test_xml_assert_child (doc, "Time_Zone", "GMT+01:00");
  pa_test_xml_assert_child (doc, "features.dnd.enable", "0");
}

static void
test_spa (void)
{
  g_autoptr(PaRenderContext) ctx = pa_test_reference_context ("cisco", "cisco-spa504g", SPA_MAC,
                                                              "cisco-spa500s");

  check_files (ctx, "spa504G.cfg", "002699123456.xml");
  pa_test_check_golden (ctx, "cisco");
  check_model_file (ctx, "spa504G.cfg");
  check_device_file (ctx, "002699123456.xml", "Admin_Passwd", "Unit_1_Key_1");
}

static void
test_mpp (void)
{
  g_autoptr(PaRenderContext) ctx = pa_test_reference_context ("cisco", "cisco-cp-8851", MPP_MAC,
                                                              "cisco-cp-8800-kem");

  check_files (ctx, "8851-3PCC.xml", "d0ec35123456.xml");
  pa_test_check_golden (ctx, "cisco");
  check_model_file (ctx, "8851-3PCC.xml");
  check_device_file (ctx, "d0ec35123456.xml", "Admin_Password", "Unit_1_Key_1_");

  /* The $PN spelling and an upper-case MAC are not this phone's files. */
  pa_test_assert_no_such_file (ctx, "CP-8851-3PCC.xml");
  pa_test_assert_no_such_file (ctx, "D0EC35123456.xml");
}

/* Names, labels and custom values that try to break out of their field:
 * the files stay well-formed, the values come back intact through the XML
 * tree, a `;` cannot add a fnc= parameter, and no extra element appears. */
static void
test_injection (void)
{
  static const char *nasty = "a\"b'c&d<e>f=g#h;fnc=sd;ext=666\r\n<Password_1_>x</Password_1_>\u00fc\u20ac";
  g_autoptr(PaRenderContext) ctx = pa_test_reference_context ("cisco", "cisco-cp-8851", MPP_MAC,
                                                              "cisco-cp-8800-kem");
  g_autoptr(PaRenderContext) plain = pa_test_reference_context ("cisco", "cisco-cp-8851", MPP_MAC,
                                                                "cisco-cp-8800-kem");
  g_autoptr(GListStore) keys = g_list_store_new (PA_TYPE_KEY);
  g_autoptr(PaKey) blf = pa_key_new (1, PA_KEY_BLF, "202;x=1", nasty, 1);
  g_autofree char *text = NULL;
  g_autofree char *plain_text = NULL;
  g_autofree char *function = NULL;
  g_autofree char *name = NULL;
  g_autofree char *custom = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(xmlDoc) plain_doc = NULL;

  pa_phone_set_name (ctx->phone, nasty);
  pa_sip_account_set_display_name (g_ptr_array_index (ctx->accounts, 0), nasty);
  g_list_store_append (keys, blf);
  pa_layout_set_keys (ctx->layout, G_LIST_MODEL (keys));
  pa_profile_set_custom_param (ctx->profile, "cisco", "features.dnd.enable", nasty);
  /* Not element names: skipped with a warning. */
  pa_profile_set_custom_param (ctx->profile, "cisco", "bad name", "1");
  pa_profile_set_custom_param (ctx->profile, "cisco", "x:y", "1");
  pa_profile_set_custom_param (ctx->profile, "cisco", "<Password_1_>", "1");
  pa_profile_set_custom_param (plain->profile, "cisco", "features.dnd.enable", "0");

  /* In the profile's (sorted) order. */
  g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "*<Password_1_>*");
  g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "*bad name*");
  g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "*x:y*");
  text = pa_test_render (ctx, "d0ec35123456.xml", CONTENT_TYPE);
  g_test_assert_expected_messages ();
  plain_text = pa_test_render (plain, "d0ec35123456.xml", CONTENT_TYPE);

  doc = parse (text);
  plain_doc = parse (plain_text);
  /* Same fields as without the nasty values: nothing added. */
  g_assert_cmpuint (pa_test_xml_count_elements (xmlDocGetRootElement (doc)), ==,
                    pa_test_xml_count_elements (xmlDocGetRootElement (plain_doc)));
  pa_test_xml_assert_child (doc, "Password_1_", "s3cret-Pass");
  /* CR/LF are legal XML text: they come back as the parser normalises
   * them, inside the one field. */
  name = pa_test_xml_child_text (doc, "Display_Name_1_");
  g_assert_true (g_str_has_prefix (name, "a\"b'c&d<e>f=g#h;fnc=sd;ext=666"));
  g_assert_true (g_str_has_suffix (name, "</Password_1_>\u00fc\u20ac"));
  function = pa_test_xml_child_text (doc, "Extended_Function_1_");
  /* Exactly the three parameters the writer put there. */
  g_assert_true (g_str_has_prefix (function, "fnc=blf+sd+cp;sub=202 x=1@$PROXY;nme=a\"b'c&d<e>f=g#h fnc=sd ext=666"));
  {
    g_auto(GStrv) parts = g_strsplit (function, ";", -1);

    g_assert_cmpuint (g_strv_length (parts), ==, 3);
  }
  custom = pa_test_xml_child_text (doc, "features.dnd.enable");
  g_assert_true (g_str_has_prefix (custom, "a\"b'c&d<e>f=g#h;fnc=sd;ext=666"));
  g_assert_true (g_str_has_suffix (custom, "</Password_1_>\u00fc\u20ac"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/golden/cisco/spa504g", test_spa);
  g_test_add_func ("/golden/cisco/cp-8851", test_mpp);
  g_test_add_func ("/golden/cisco/injection", test_injection);

  return g_test_run ();
}
