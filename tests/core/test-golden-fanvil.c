/* test-golden-fanvil.c — the reference phone on a Fanvil X6U, byte for byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/core/golden/fanvil/0c383e123456.cfg was read line by line against
 * the provisioning facts (§2.6 as corrected by §7) when it was made; see
 * test_golden below for what was checked. A change in the output fails here
 * until the new file has been read the same way and saved with
 * PA_UPDATE_GOLDEN=1. Fanvil has no sidecar in the catalog, so the
 * reference phone has none.
 */
#include "config.h"

#include "pa-test-reference.h"
#include "pa-test-xml.h"

#define MAC      "0C:38:3E:12:34:56"
#define FILENAME "0c383e123456.cfg"
#define CONTENT_TYPE "application/xml; charset=utf-8"

/* Checked against §2.6 and §7 (Fanvil X6U, XML <sysConf>): one file,
 * <mac>.cfg in lower case, as application/xml; XML declaration, <sysConf>,
 * Version 2.0002 (wazo base-new.tpl); <ap>: FlashServerIP = the setup link,
 * FlashFileName $mac.cfg, FlashProtocol 5 (https), FlashMode 2 and
 * FlashInterval 1 hour for 60 minutes of polling, PNPEnable 0; <phone>:
 * MenuPassword and <date> with SNTPServer, EnableSNTP 1, TimeZone 4 (UTC+1 in
 * quarter hours) and TimeZoneName UTC+1 as in wazo's table; <web> account 1
 * admin with the password escaped (&amp; &lt; &gt;), level 10; <sip>
 * SIPPort 5060, line 1: PhoneNumber/RegisterUser 201, DisplayName, password,
 * RegisterAddr pbx.example.com, port 5061, RegisterTTL 3600, EnableReg 1,
 * Transport 3 (TLS), empty outbound proxy, DTMFMode 1 (RFC 2833),
 * MediaCrypto 2 (SRTP) only on the TLS line, NAT keep-alive, Subscribe 0,
 * empty MWINum, VoiceCodecMap PCMU,PCMA,G722; line 2 over UDP (Transport
 * 0, MediaCrypto 0) with its password's quotes and '&' escaped; lines 3–20
 * EnableReg 0 with every credential element empty; <dsskey>
 * FuncKeyPageNum 5, dssSide 1 with the 5 side keys: line SIP1 (Type 2),
 * line SIP2, BLF 202@1/ba (Type 1, title escaped), speed dial
 * +4930123456@1/f, feature code *78@1/f (dialled, not DTMF); then internal
 * page 1: park 700@1/c, park retrieve, conference and custom blanked
 * (Fanvil has no code for them), keys 5–12 and pages 2–5 Type 0 with empty
 * Value and Title (60 internal keys, 65 in all); the custom parameter last
 * as <features><dnd><enable>0</enable></dnd></features>.
 * Not done: summer-time rules (EnableDST and the DST* fields: PaEffective
 * has only the IANA name, and the phone's own setting stays), a per-account
 * label (no <line> element for it is known; the key's Title carries it),
 * BLF pickup codes (/ba<code><ext>: no pickup code in PaEffective), and
 * the [UNCONFIRMED] values noted in the writer (FlashMode, MediaCrypto,
 * Subscribe). */
static void
test_golden (void)
{
  g_autoptr(PaRenderContext) ctx = pa_test_reference_context ("fanvil", "fanvil-x6u", MAC, NULL);
  g_auto(GStrv) files = pa_render_list_files (ctx);
  g_autofree char *text = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  pa_test_check_golden (ctx, "fanvil");

  g_assert_cmpuint (g_strv_length (files), ==, 1);
  g_assert_cmpstr (files[0], ==, FILENAME);

  text = pa_test_render (ctx, FILENAME, CONTENT_TYPE);
  doc = pa_test_xml_parse (text, FILENAME, NULL);
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='1']/RegisterUser", "201");
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='1']/RegisterPswd", "s3cret-Pass");
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='1']/RegisterAddr", "pbx.example.com");
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='1']/Transport", "3");
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='2']/RegisterPswd", "Sal3s&\"pw\"");
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='20']/EnableReg", "0");
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='20']/RegisterPswd", "");
  g_assert_cmpuint (pa_test_xml_count (doc, "/sysConf/sip/line"), ==, 20);
  pa_test_xml_assert_xpath (doc, "/sysConf/web/account[@index='1']/Password", "Adm1n&<pw>");
  pa_test_xml_assert_xpath (doc, "/sysConf/ap/FlashServerIP",
                            "https://prov.example.com:8670/p/TOKEN/");
  pa_test_xml_assert_xpath (doc, "/sysConf/dsskey/dssSide[@index='1']/Fkey[@index='3']/Value",
                            "202@1/ba");
  pa_test_xml_assert_xpath (doc, "/sysConf/dsskey/dssSide[@index='1']/Fkey[@index='3']/Title",
                            "Anna & Bo <Sales>");
  pa_test_xml_assert_xpath (doc, "/sysConf/dsskey/dssSide[@index='1']/Fkey[@index='5']/Value",
                            "*78@1/f");
  g_assert_cmpuint (pa_test_xml_count (doc, "/sysConf/dsskey//Fkey"), ==, 65);
  pa_test_xml_assert_xpath (doc, "/sysConf/features/dnd/enable", "0");

  /* Other spellings are not this phone's file. */
  pa_test_assert_no_such_file (ctx, "0C383E123456.cfg");
}

/* Names, labels and custom values carrying markup, quotes, '=', '#', line
 * breaks and non-ASCII stay text: the file parses, every value reads back
 * as it was (line breaks aside), and no element appears that we did not
 * write. Custom names that are not element paths are refused. */
static void
test_injection (void)
{
  g_autoptr(PaRenderContext) ctx = pa_test_reference_context ("fanvil", "fanvil-x6u", MAC, NULL);
  PaSipAccount *account = g_ptr_array_index (ctx->accounts, 0);
  const char *evil = "</DisplayName><EnableReg>0</EnableReg>&amp; \"q\" 'a' = #x\r\nÄ€😀";
  g_autofree char *text = NULL;
  g_autofree char *display = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  pa_sip_account_set_display_name (account, evil);
  pa_profile_set_custom_param (ctx->profile, "fanvil", "phone.Greeting", evil);
  pa_profile_set_custom_param (ctx->profile, "fanvil", "sip.line[2].DTMFMode", "2");
  pa_profile_set_custom_param (ctx->profile, "fanvil", "bad name", "1");
  pa_profile_set_custom_param (ctx->profile, "fanvil", "a><b", "1");
  pa_profile_set_custom_param (ctx->profile, "fanvil", "xmlThing", "1");
  pa_profile_set_custom_param (ctx->profile, "fanvil", "ns:tag", "1");
  pa_profile_set_custom_param (ctx->profile, "fanvil", "line[x]", "1");
  pa_profile_set_custom_param (ctx->profile, "fanvil", "a..b", "1");

  for (guint i = 0; i < 6; i++)
    g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "Not writing a setting named*");
  text = pa_test_render (ctx, FILENAME, CONTENT_TYPE);
  g_test_assert_expected_messages ();

  doc = pa_test_xml_parse (text, FILENAME, NULL);
  display = pa_test_xml_xpath (doc, "/sysConf/sip/line[@index='1']/DisplayName");
  g_assert_true (g_str_has_prefix (display, "</DisplayName><EnableReg>0</EnableReg>&amp; \"q\""));
  g_assert_true (g_str_has_suffix (display, "Ä€😀"));
  pa_test_xml_assert_xpath (doc, "/sysConf/sip/line[@index='1']/EnableReg", "1");
  g_assert_cmpuint (pa_test_xml_count (doc, "/sysConf/sip/line[@index='1']/EnableReg"), ==, 1);
  g_assert_cmpuint (pa_test_xml_count (doc, "//EnableReg"), ==, 20);
  pa_test_xml_assert_xpath (doc, "/sysConf/sip[line/DTMFMode='2']/line[@index='2']/DTMFMode", "2");
  /* The refused names left nothing behind. */
  g_assert_cmpuint (pa_test_xml_count (doc, "//*[starts-with(local-name(), 'xml')]"), ==, 0);
  g_assert_cmpuint (pa_test_xml_count (doc, "//b | //tag | //bad | //a"), ==, 0);
  g_assert_cmpuint (pa_test_xml_count (doc, "/sysConf/*"), ==, 9);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/golden/fanvil", test_golden);
  g_test_add_func ("/golden/fanvil/injection", test_injection);

  return g_test_run ();
}
