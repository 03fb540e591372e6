/* test-golden-grandstream.c — the reference phone on a Grandstream GXP2170
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The golden files under tests/core/golden/grandstream/ were read line by
 * line against provisioning facts §2.3 as corrected by §7 (7.1 files, 7.2
 * keys, 7.3 settings), and against the version-2 item names of wazo's
 * base_v2.tpl and FusionPBX's grp26xx template. Checked:
 *
 * cfg000b82a1b2c3.xml (the per-phone file):
 * - <gs_provision version="1"><mac>000b82a1b2c3</mac><config version="2">,
 *   every setting an <item name="…">, UTF-8 declaration.
 * - Account 1: enable Yes; name (the label) "Front Desk"; server
 *   "pbx.example.com:5061"; outbound proxy empty; sip.userid and
 *   sip.subscriber.userid 201; password s3cret-Pass; subscriber.name
 *   "Front Desk"; voicemail empty; transport TlsOrTcp; registration Yes;
 *   registerExpiration 60 (minutes = 3600 s); localPort 5060; NAT KeepAlive;
 *   DTMF in RTP only (RFC 2833); srtpMode EnabledAndForced (TLS); codec
 *   choices PCMU, PCMA, G.722; MWI No; allowSipReset Yes (check-sync);
 *   validate.incomingServer Yes (NOTIFY only from the proxy).
 * - Account 2: the same for 300 on sales.example.net:5060, UDP, srtpMode
 *   Disabled, password Sal3s&"pw" escaped as Sal3s&amp;"pw", localPort 5062.
 * - Accounts 3–6 (the GXP2170 has 6, §7.4): enable No and name, server,
 *   outbound proxy, user id, auth id, password, display name and voicemail
 *   emptied.
 * - Provisioning: protocol HTTPS, serverPath
 *   "prov.example.com:8670/p/TOKEN" (the phone adds /cfg<mac>.xml), empty
 *   config user name and password, auto mode YesUpgradeMin every 60
 *   minutes, 3CX plug-and-play No.
 * - Time: dateTime.timezone customize + dateTime.timezone.custom
 *   "CET-1CEST,M3.5.0,M10.5.0/3" (tzdata's own rule for Europe/Berlin),
 *   DHCP option 2 override No; NTP ntp.example.com, option 42 override No.
 * - users.admin.password Adm1n&<pw> escaped as Adm1n&amp;&lt;pw&gt;.
 * - VPK 1–48: 1 Line account 0 "Reception", 2 Line account 1 "Sales", 3
 *   BLF account 0 value 202 description "Anna & Bo <Sales>" (escaped), 4
 *   SpeedDial +4930123456, 5 SpeedDial *78 (a feature code is dialled,
 *   §7.2), 6 CallPark 700, 7 None (park retrieve: no Grandstream code), 8
 *   Conference (guessed), 9 None (custom: no code), 10–48 None with account
 *   0 and empty description and value.
 * - pks.ext.1–40: the GXP2200EXT in slot 1, BLF account 0 to 301–340 "Agent
 *   n"; pks.ext.41–160: slots 2–4 blanked (None).
 * - The custom parameter features.dnd.enable = 0 last, as an item.
 *
 * cfggxp2170.xml (the model file): no <mac>; only the provisioning, time
 * zone and NTP items, the same values as in the per-phone file; no
 * account, password or key.
 *
 * Not done: BLF pickup prefix (account.N.sip.blf.callPickup.prefix, no
 * pickup code in PaEffective), the physical MPKs (pks.mpk.*, not in the
 * layout), "customize" as the self-defined zone selector and the pks.ext
 * numbering across modules are UNCONFIRMED (see the writer).
 */
#include "config.h"

#include <string.h>

#include "pa-test-reference.h"
#include "pa-test-xml.h"

#define MAC     "00:0B:82:A1:B2:C3"
#define DEVICE  "cfg000b82a1b2c3.xml"
#define MODEL   "cfggxp2170.xml"
#define CONTENT_TYPE "application/xml; charset=utf-8"

/* Every setting is an <item name="…">; pa_test_xml_xpath() gives its text,
 * NULL when absent, and fails when it is there twice. */
#define ITEM(name) "/gs_provision/config[@version='2']/item[@name='" name "']"

static void
test_grandstream (void)
{
  g_autoptr(PaRenderContext) ctx = pa_test_reference_context ("grandstream", "grandstream-gxp2170",
                                                              MAC, "grandstream-gxp2200ext");
  g_auto(GStrv) files = pa_render_list_files (ctx);
  g_autofree char *device = NULL;
  g_autofree char *model = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  /* §7.1: the per-phone XML file, then the model file; not the binary
   * cfg<mac>.bin / cfg<mac>, not cfg.xml. */
  g_assert_cmpuint (g_strv_length (files), ==, 2);
  g_assert_cmpstr (files[0], ==, DEVICE);
  g_assert_cmpstr (files[1], ==, MODEL);

  pa_test_check_golden (ctx, "grandstream");

  pa_test_assert_no_such_file (ctx, "cfg000b82a1b2c3.bin");
  pa_test_assert_no_such_file (ctx, "cfg000b82a1b2c3");
  pa_test_assert_no_such_file (ctx, "cfg.xml");
  pa_test_assert_no_such_file (ctx, "cfg000B82A1B2C3.xml");

  device = pa_test_render (ctx, DEVICE, CONTENT_TYPE);
  doc = pa_test_xml_parse (device, DEVICE, "gs_provision");
  g_assert_cmpuint (pa_test_xml_count (doc, "/gs_provision[@version='1']/mac"), ==, 1);
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.enable"), "Yes");
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.sip.userid"), "201");
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.sip.subscriber.userid"), "201");
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.sip.subscriber.password"), "s3cret-Pass");
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.sip.server.1.address"), "pbx.example.com:5061");
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.sip.transport"), "TlsOrTcp");
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.audio.srtpMode"), "EnabledAndForced");
  pa_test_xml_assert_xpath (doc, ITEM ("account.2.sip.subscriber.password"), "Sal3s&\"pw\"");
  pa_test_xml_assert_xpath (doc, ITEM ("account.2.audio.srtpMode"), "Disabled");
  pa_test_xml_assert_xpath (doc, ITEM ("account.6.enable"), "No");
  pa_test_xml_assert_xpath (doc, ITEM ("account.6.sip.subscriber.password"), "");
  pa_test_xml_assert_xpath (doc, ITEM ("account.7.enable"), NULL);
  pa_test_xml_assert_xpath (doc, ITEM ("users.admin.password"), "Adm1n&<pw>");
  pa_test_xml_assert_xpath (doc, ITEM ("pks.vpk.3.keyMode"), "BLF");
  pa_test_xml_assert_xpath (doc, ITEM ("pks.vpk.3.description"), "Anna & Bo <Sales>");
  pa_test_xml_assert_xpath (doc, ITEM ("pks.vpk.5.keyMode"), "SpeedDial");
  pa_test_xml_assert_xpath (doc, ITEM ("pks.vpk.5.value"), "*78");
  pa_test_xml_assert_xpath (doc, ITEM ("pks.vpk.48.keyMode"), "None");
  pa_test_xml_assert_xpath (doc, ITEM ("pks.vpk.49.keyMode"), NULL);
  pa_test_xml_assert_xpath (doc, ITEM ("pks.ext.40.value"), "340");
  pa_test_xml_assert_xpath (doc, ITEM ("pks.ext.160.keyMode"), "None");
  pa_test_xml_assert_xpath (doc, ITEM ("pks.ext.161.keyMode"), NULL);
  pa_test_xml_assert_xpath (doc, ITEM ("features.dnd.enable"), "0");
  g_clear_pointer (&doc, xmlFreeDoc);

  model = pa_test_render (ctx, MODEL, CONTENT_TYPE);
  doc = pa_test_xml_parse (model, MODEL, "gs_provision");
  g_assert_cmpuint (pa_test_xml_count (doc, "/gs_provision/mac"), ==, 0);
  g_assert_cmpuint (pa_test_xml_count (doc, "//item[starts-with(@name, 'account.')]"), ==, 0);
  g_assert_cmpuint (pa_test_xml_count (doc, "//item[starts-with(@name, 'pks.')]"), ==, 0);
  g_assert_null (strstr (model, "s3cret"));
  g_assert_null (strstr (model, "Adm1n"));
  pa_test_xml_assert_xpath (doc, ITEM ("provisioning.config.serverPath"),
                            "prov.example.com:8670/p/TOKEN");
}

/* Names, labels, passwords and custom parameters carrying quotes, '&',
 * '<>', '=', '#', CR/LF, control characters and non-ASCII: each file still
 * parses, each value comes back in its own item, and no setting appears
 * that was not written. */
static void
test_injection (void)
{
  g_autoptr(PaRenderContext) ctx = pa_test_reference_context ("grandstream", "grandstream-gxp2170",
                                                              MAC, "grandstream-gxp2200ext");
  static const char evil[] = "Zoë \"x\" & <y> = #1\r\n</item><item name=\"users.admin.password\">0wn\x01";
  static const char cleaned[] = "Zoë \"x\" & <y> = #1\r\n</item><item name=\"users.admin.password\">0wn ";
  PaSipAccount *one = g_ptr_array_index (ctx->accounts, 0);
  g_autofree char *device = NULL;
  g_autofree char *model = NULL;
  guint items_before;
  g_autoptr(xmlDoc) doc = NULL;

  device = pa_test_render (ctx, DEVICE, CONTENT_TYPE);
  doc = pa_test_xml_parse (device, DEVICE, "gs_provision");
  items_before = pa_test_xml_count (doc, "//item");
  g_clear_pointer (&doc, xmlFreeDoc);
  g_clear_pointer (&device, g_free);

  pa_sip_account_set_label (one, evil);
  pa_sip_account_set_display_name (one, evil);
  g_free (g_ptr_array_index (ctx->passwords, 0));
  g_ptr_array_index (ctx->passwords, 0) = g_strdup (evil);
  pa_profile_set_custom_param (ctx->profile, "grandstream", "features.dnd.enable", evil);
  /* Not a setting name: skipped with a warning, never written. */
  pa_profile_set_custom_param (ctx->profile, "grandstream", "x\"><evil a=\"", "1");
  pa_profile_set_ntp_server (ctx->profile, evil);

  g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "*not a valid name*");
  device = pa_test_render (ctx, DEVICE, CONTENT_TYPE);
  g_test_assert_expected_messages ();
  doc = pa_test_xml_parse (device, DEVICE, "gs_provision");
  /* XML normalises a literal CR in text to LF on reading; the writer keeps
   * it as a character reference, so it comes back as CR. */
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.name"), cleaned);
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.sip.subscriber.name"), cleaned);
  pa_test_xml_assert_xpath (doc, ITEM ("account.1.sip.subscriber.password"), cleaned);
  pa_test_xml_assert_xpath (doc, ITEM ("features.dnd.enable"), cleaned);
  pa_test_xml_assert_xpath (doc, ITEM ("dateTime.ntp.server.1"), cleaned);
  /* Still the one admin password, ours. */
  pa_test_xml_assert_xpath (doc, ITEM ("users.admin.password"), "Adm1n&<pw>");
  g_assert_cmpuint (pa_test_xml_count (doc, "//item"), ==, items_before);
  g_assert_cmpuint (pa_test_xml_count (doc, "//evil"), ==, 0);
  g_assert_cmpuint (pa_test_xml_count (doc, "/gs_provision/*"), ==, 2);
  g_clear_pointer (&doc, xmlFreeDoc);

  model = pa_test_render (ctx, MODEL, CONTENT_TYPE);
  doc = pa_test_xml_parse (model, MODEL, "gs_provision");
  pa_test_xml_assert_xpath (doc, ITEM ("dateTime.ntp.server.1"), cleaned);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/golden/grandstream", test_grandstream);
  g_test_add_func ("/golden/grandstream/injection", test_injection);

  return g_test_run ();
}
