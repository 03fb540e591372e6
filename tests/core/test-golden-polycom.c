/* test-golden-polycom.c — the Polycom writer's files for the reference phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The golden files under tests/core/golden/polycom/ were read line by line
 * against the provisioning facts (§2.2 as corrected by §7) for a VVX 450
 * with one VVX Color EM attached and two empty sidecar slots:
 *
 * - 64167f123456.cfg, the master file: <APPLICATION> with
 *   APP_FILE_PATH="sip.ld" (no target firmware: Polycom's default name, a
 *   404 here) and CONFIG_FILES naming 64167f123456-user.cfg only.
 * - 64167f123456-user.cfg, the settings, attributes of <polycomConfig>
 *   children:
 *   - provisioning: device.set="1"; serverType HTTPS and serverName
 *     prov.example.com:8670/p/TOKEN/ (the setup link without its scheme),
 *     bootSrvUseOpt Static, ztpEnabled 0 and the admin password, each with
 *     its device.*.set="1"; polling on, relative, every 3600 s (the
 *     profile's 60 minutes); override uploads off;
 *   - time: NTP ntp.example.com over DHCP's; gmtOffset 3600 for
 *     Europe/Berlin; summer time from the last Sunday (dayOfWeek 1) of
 *     March at 2:00 to the last Sunday of October at 3:00;
 *   - SIP: local port 5060, NOTIFY only from the SIP server, check-sync
 *     without reboot, NAT keepalive 30 s, DTMF RFC 2833 (viaRtp 1,
 *     rfc2833Control 1, rfc2976 0), codecs G711_Mu 1, G711_A 2, G722 3;
 *   - reg.1: 201 / Front Desk on pbx.example.com:5061 over TLS, expires
 *     3600, SRTP enable/offer/require 1; reg.2: 300 / Sales Queue on
 *     sales.example.net:5060 UDPOnly, SRTP 0; both: no outbound proxy
 *     (empty), MWI not subscribed, callBackMode disabled (no voicemail
 *     number); reg.3–reg.12 with every credential and server empty;
 *   - keys: lineKey.reassignment.enabled 1; keys 1–2 Line with index 1 and
 *     2; key 3 BLF 202 (attendant 1, normal), key 4 the speed dial
 *     +4930123456 (attendant 2, normal), key 5 the feature code *78 as a
 *     speed dial (attendant 3, normal), key 6 park 700 (attendant 4,
 *     automata); keys 7–9 (park retrieve, conference, custom: Polycom has
 *     no code) and 10–12 Unassigned; keys 13–96 the sidecar's 84 BLFs
 *     301–384 (attendants 5–88), keys 97–264 the two empty slots
 *     Unassigned;
 *   - the custom parameter last, in an element of its own.
 *
 * Not done: line key labels (Polycom labels a line key with its account's
 * reg.N.label; the layout's label for a line key is not written); the
 * attendant list follows the phone's attendant.reg (line 1), not each
 * key's line; BLF pickup codes; opus (its codecPref name is unconfirmed);
 * per-account DTMF and codecs (Polycom has one setting for the phone: line
 * 1's are used).
 */
#include "config.h"

#include "pa-test-reference.h"
#include "pa-test-xml.h"

#define MAC "64:16:7F:12:34:56"
#define CONTENT_TYPE "application/xml"

static PaRenderContext *
reference (void)
{
  return pa_test_reference_context ("polycom", "polycom-vvx450", MAC, "polycom-vvx-color-em");
}

/* The settings file, parsed. */
static xmlDoc *
render_settings (PaRenderContext *ctx)
{
  g_autofree char *text = pa_test_render (ctx, "64167f123456-user.cfg", CONTENT_TYPE);

  return pa_test_xml_parse (text, "64167f123456-user.cfg", "polycomConfig");
}

static void
test_golden (void)
{
  g_autoptr(PaRenderContext) ctx = reference ();
  g_auto(GStrv) files = pa_render_list_files (ctx);
  g_autofree char *master = NULL;
  g_autofree char *settings = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  pa_test_check_golden (ctx, "polycom");

  /* The phone asks for its master file first, then what it lists. */
  g_assert_cmpuint (g_strv_length (files), ==, 2);
  g_assert_cmpstr (files[0], ==, "64167f123456.cfg");
  g_assert_cmpstr (files[1], ==, "64167f123456-user.cfg");

  master = pa_test_render (ctx, files[0], CONTENT_TYPE);
  doc = pa_test_xml_parse (master, files[0], "APPLICATION");
  pa_test_xml_assert_attr (doc, "CONFIG_FILES", "64167f123456-user.cfg");
  pa_test_xml_assert_attr (doc, "APP_FILE_PATH", "sip.ld");
  g_clear_pointer (&doc, xmlFreeDoc);

  settings = pa_test_render (ctx, files[1], CONTENT_TYPE);
  doc = pa_test_xml_parse (settings, files[1], "polycomConfig");
  pa_test_xml_assert_attr (doc, "reg.1.address", "201");
  pa_test_xml_assert_attr (doc, "reg.1.auth.userId", "201");
  pa_test_xml_assert_attr (doc, "reg.1.auth.password", "s3cret-Pass");
  pa_test_xml_assert_attr (doc, "reg.1.server.1.address", "pbx.example.com");
  pa_test_xml_assert_attr (doc, "reg.1.server.1.transport", "TLS");
  pa_test_xml_assert_attr (doc, "reg.1.srtp.require", "1");
  pa_test_xml_assert_attr (doc, "reg.2.auth.password", "Sal3s&\"pw\"");
  pa_test_xml_assert_attr (doc, "reg.2.srtp.require", "0");
  pa_test_xml_assert_attr (doc, "reg.12.address", "");
  pa_test_xml_assert_attr (doc, "device.set", "1");
  pa_test_xml_assert_attr (doc, "device.prov.serverName.set", "1");
  pa_test_xml_assert_attr (doc, "device.prov.serverName", "prov.example.com:8670/p/TOKEN/");
  pa_test_xml_assert_attr (doc, "device.auth.localAdminPassword", "Adm1n&<pw>");
  pa_test_xml_assert_attr (doc, "attendant.resourceList.1.address", "202");
  pa_test_xml_assert_attr (doc, "attendant.resourceList.1.label", "Anna & Bo <Sales>");
  pa_test_xml_assert_attr (doc, "lineKey.13.category", "BLF");
  pa_test_xml_assert_attr (doc, "attendant.resourceList.5.address", "301");
  pa_test_xml_assert_attr (doc, "lineKey.264.category", "Unassigned");
  g_assert_cmpuint (pa_test_xml_count_attrs (doc, "lineKey.265.category"), ==, 0);
  pa_test_xml_assert_attr (doc, "features.dnd.enable", "0");
}

/* Quotes, markup, '=', '#', a line break and non-ASCII in every text a
 * person types, and custom parameters that try to add or break settings:
 * the file still parses, says the same things, and holds no setting
 * beyond the ones asked for. */
static void
test_injection (void)
{
  const char *nasty = "Anna \"the boss\" O'Neil & <R&D> = #1\r\nreg.1.address=\"666\" Zoë ☎";
  g_autoptr(PaRenderContext) clean = reference ();
  g_autoptr(PaRenderContext) ctx = reference ();
  PaSipAccount *account = g_ptr_array_index (ctx->accounts, 0);
  g_autoptr(xmlDoc) clean_doc = NULL;
  g_autoptr(xmlDoc) doc = NULL;

  pa_sip_account_set_display_name (account, nasty);
  pa_sip_account_set_label (account, nasty);
  g_free (g_ptr_array_index (ctx->passwords, 0));
  g_ptr_array_index (ctx->passwords, 0) = g_strdup (nasty);
  pa_profile_set_ntp_server (ctx->profile, "ntp.example.com");
  pa_profile_set_custom_param (ctx->profile, "polycom", "features.dnd.enable", nasty);
  /* Not attribute names: skipped, with a warning. */
  pa_profile_set_custom_param (ctx->profile, "polycom", "a=\"1\" b", "1");
  pa_profile_set_custom_param (ctx->profile, "polycom", "x><evil", "1");
  /* An attribute the writer makes itself: the admin's value wins, once. */
  pa_profile_set_custom_param (ctx->profile, "polycom", "voIpProt.SIP.specialEvent.checkSync.alwaysReboot",
                               "1");

  g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "*not a valid attribute name*");
  g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "*not a valid attribute name*");
  doc = render_settings (ctx);
  g_test_assert_expected_messages ();
  clean_doc = render_settings (clean);

  pa_test_xml_assert_attr (doc, "reg.1.displayName", nasty);
  pa_test_xml_assert_attr (doc, "reg.1.label", nasty);
  pa_test_xml_assert_attr (doc, "reg.1.auth.password", nasty);
  pa_test_xml_assert_attr (doc, "reg.1.address", "201");
  pa_test_xml_assert_attr (doc, "features.dnd.enable", nasty);
  pa_test_xml_assert_attr (doc, "voIpProt.SIP.specialEvent.checkSync.alwaysReboot", "1");
  g_assert_cmpuint (pa_test_xml_count_attrs (doc, "a"), ==, 0);
  g_assert_cmpuint (pa_test_xml_count_attrs (doc, "b"), ==, 0);
  g_assert_cmpuint (pa_test_xml_count_attrs (doc, "evil"), ==, 0);
  /* The clean file plus nothing: the overriding custom parameter took
   * the generated one's place. */
  g_assert_cmpuint (pa_test_xml_count_attrs (doc, NULL), ==,
                    pa_test_xml_count_attrs (clean_doc, NULL));
}

/* The same phone twice gives the same bytes. */
static void
test_deterministic (void)
{
  g_autoptr(PaRenderContext) one = reference ();
  g_autoptr(PaRenderContext) two = reference ();
  g_autofree char *a = pa_test_render (one, "64167f123456-user.cfg", CONTENT_TYPE);
  g_autofree char *b = pa_test_render (two, "64167f123456-user.cfg", CONTENT_TYPE);

  g_assert_cmpstr (a, ==, b);
}

static void
test_other_files (void)
{
  g_autoptr(PaRenderContext) ctx = reference ();
  const char *wrong[] = {
    "000000000000.cfg", "64167F123456.cfg", "64167f123456-phone.cfg",
    "64167f123456-web.cfg", "64167f123456-license.cfg", "64167f123456-directory.xml",
    "64167f123456-app.log", "sip.ld", "64167f123457.cfg", "64167f123457-user.cfg",
  };

  for (guint i = 0; i < G_N_ELEMENTS (wrong); i++)
    pa_test_assert_no_such_file (ctx, wrong[i]);
}

/* A zone without summer time says so, rather than leaving the phone on
 * its built-in US rules; the southern hemisphere starts in spring. */
static void
test_time_zones (void)
{
  struct { const char *zone; const char *offset; const char *dst; const char *start_month; } cases[] = {
    { "Asia/Tokyo", "32400", "0", NULL },
    { "America/New_York", "-18000", "1", "3" },
    { "Australia/Sydney", "36000", "1", "10" },
    { "Asia/Kolkata", "19800", "0", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaRenderContext) ctx = reference ();
      g_autoptr(xmlDoc) doc = NULL;

      pa_profile_set_timezone (ctx->profile, cases[i].zone);
      doc = render_settings (ctx);
      pa_test_xml_assert_attr (doc, "tcpIpApp.sntp.gmtOffset", cases[i].offset);
      pa_test_xml_assert_attr (doc, "tcpIpApp.sntp.daylightSavings.enable", cases[i].dst);
      if (cases[i].start_month != NULL)
        pa_test_xml_assert_attr (doc, "tcpIpApp.sntp.daylightSavings.start.month",
                                 cases[i].start_month);
    }

  /* New York: second Sunday of March at 2:00, first Sunday of November at 2:00. */
  {
    g_autoptr(PaRenderContext) ctx = reference ();
    g_autoptr(xmlDoc) doc = NULL;

    pa_profile_set_timezone (ctx->profile, "America/New_York");
    doc = render_settings (ctx);
    pa_test_xml_assert_attr (doc, "tcpIpApp.sntp.daylightSavings.start.date", "8");
    pa_test_xml_assert_attr (doc, "tcpIpApp.sntp.daylightSavings.start.dayOfWeek", "1");
    pa_test_xml_assert_attr (doc, "tcpIpApp.sntp.daylightSavings.start.dayOfWeek.lastInMonth", "0");
    pa_test_xml_assert_attr (doc, "tcpIpApp.sntp.daylightSavings.start.time", "2");
    pa_test_xml_assert_attr (doc, "tcpIpApp.sntp.daylightSavings.stop.month", "11");
    pa_test_xml_assert_attr (doc, "tcpIpApp.sntp.daylightSavings.stop.date", "1");
    pa_test_xml_assert_attr (doc, "tcpIpApp.sntp.daylightSavings.stop.time", "2");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/golden/polycom", test_golden);
  g_test_add_func ("/golden/polycom/injection", test_injection);
  g_test_add_func ("/golden/polycom/deterministic", test_deterministic);
  g_test_add_func ("/golden/polycom/other-files", test_other_files);
  g_test_add_func ("/golden/polycom/time-zones", test_time_zones);

  return g_test_run ();
}
