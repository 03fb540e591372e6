/* test-golden-snom.c — the reference phone as a Snom D785 with a D7, byte for byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The golden files under tests/core/golden/snom/ were read line by line
 * against the provisioning facts (§2.5 as corrected by §7.1–§7.4):
 *
 * snomD785.htm (the model's name as Snom writes it, listed first): an XML
 * <setting-files> with one <file url> naming the phone's own setup link +
 * 000413A1B2C3.xml (upper-case MAC); no secrets in it.
 *
 * 000413A1B2C3.xml: <settings><phone-settings>, every setting perm="R";
 * setting_server = the setup link, settings_refresh_timer 3600 (60 minutes
 * from the profile); timezone empty with utc_offset +3600 (Europe/Berlin's
 * standard offset) and dst "3600 03.05.07 02:00:00 10.05.07 03:00:00" (the
 * last Sunday of March at 02:00 to the last of October at 03:00, in wazo's
 * form); ntp_server; http_user admin with http_pass,
 * admin_mode_password and webserver_admin_password = "Adm1n&<pw>" escaped
 * as &amp;&lt;pw&gt;; identity 1: user_active on, user_idle_text and
 * user_realname "Front Desk", user_name and user_pname 201, user_pass,
 * user_host "pbx.example.com:5061;transport=tls", user_outbound empty,
 * user_expiry 3600, user_dtmf_info off (RFC 2833), user_srtp on and
 * user_savp mandatory (TLS), codec_priority_list
 * "pcmu,pcma,g722,telephone-event", user_mailbox empty; identity 2 the same
 * for 300 on "sales.example.net:5060" with SRTP off and its password's
 * '&' and '"' escaped; identities 3–12 user_active off and every other
 * value empty. The profile's custom parameter "features.dnd.enable" is a
 * Yealink name, not a Snom one: skipped with a warning, nothing written.
 * <functionKeys>: idx 0-based; 0 "line" context 1 label Reception, 1
 * "line" context 2, 2 "blf <sip:202@pbx.example.com>" context active with
 * the label's '&' and '<>' escaped once (never &amp;lt;), 3 "speed
 * +4930123456", 4 "speed *78" (feature code = speed, §7.2), 5 "orbit 700",
 * 6 "orbit 701" (park, guessed in the catalog), 7 "conference", 8 blank
 * (no custom code for Snom), 9–23 "none" with empty labels; 24–41 the D7's
 * 18 BLF keys to 301–318 in daisy-chain order; 42–77 (slots 2 and 3, the
 * catalog's 3 modules) "none".
 *
 * Not done (see the writer's comments): BLF pickup code ("|<code>"), which
 * PaEffective does not carry; Snom's country-code time zone ("GER+1");
 * the exact names when only a server URL is set
 * [UNCONFIRMED]; a MWI switch separate from user_mailbox; the local SIP
 * port; NAT keepalive.
 */
#include "config.h"

#include <string.h>

#include "pa-test-reference.h"
#include "pa-test-xml.h"

#define MAC        "00:04:13:A1:B2:C3"
#define MODEL_FILE "snomD785.htm"
#define MAC_FILE   "000413A1B2C3.xml"

static PaRenderContext *
reference (void)
{
  return pa_test_reference_context ("snom", "snom-d785", MAC, "snom-d7");
}

static xmlDoc *
render_doc (PaRenderContext *ctx,
            const char      *file,
            const char      *content_type)
{
  g_autofree char *text = pa_test_render (ctx, file, content_type);

  return pa_test_xml_parse (text, file, NULL);
}

static void
test_golden (void)
{
  g_autoptr(PaRenderContext) ctx = reference ();
  g_auto(GStrv) files = pa_render_list_files (ctx);
  const char *expected[] = { MODEL_FILE, MAC_FILE, NULL };

  g_assert_cmpstrv (files, expected);

  /* The profile holds one list for every vendor; its Yealink name is not
   * written into a Snom file. */
  g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING,
                         "Not writing a Snom setting named “features.dnd.enable”*");
  pa_test_check_golden (ctx, "snom");
  g_test_assert_expected_messages ();
}

static void
test_parsed (void)
{
  g_autoptr(PaRenderContext) ctx = reference ();
  g_autoptr(xmlDoc) model = NULL;
  g_autoptr(xmlDoc) device = NULL;
  g_autofree char *url = NULL;

  model = render_doc (ctx, MODEL_FILE, "text/html; charset=utf-8");
  url = g_strconcat (ctx->provisioning_url, MAC_FILE, NULL);
  pa_test_xml_assert_xpath (model, "/setting-files/file/@url", url);
  pa_test_xml_assert_xpath (model, "count(/setting-files/*)", "1");

  g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "Not writing a Snom setting*");
  device = render_doc (ctx, MAC_FILE, "application/xml; charset=utf-8");
  g_test_assert_expected_messages ();

#define PS "/settings/phone-settings/"
  pa_test_xml_assert_xpath (device, PS "setting_server", ctx->provisioning_url);
  pa_test_xml_assert_xpath (device, PS "user_name[@idx='1']", "201");
  pa_test_xml_assert_xpath (device, PS "user_pass[@idx='1']", "s3cret-Pass");
  pa_test_xml_assert_xpath (device, PS "user_host[@idx='1']", "pbx.example.com:5061;transport=tls");
  pa_test_xml_assert_xpath (device, PS "user_srtp[@idx='1']", "on");
  pa_test_xml_assert_xpath (device, PS "user_pass[@idx='2']", "Sal3s&\"pw\"");
  pa_test_xml_assert_xpath (device, PS "user_host[@idx='2']", "sales.example.net:5060");
  pa_test_xml_assert_xpath (device, PS "user_active[@idx='12']", "off");
  pa_test_xml_assert_xpath (device, PS "user_pass[@idx='12']", "");
  pa_test_xml_assert_xpath (device, "count(" PS "user_active)", "12");
  pa_test_xml_assert_xpath (device, PS "http_pass", "Adm1n&<pw>");
  pa_test_xml_assert_xpath (device, PS "utc_offset", "+3600");
  pa_test_xml_assert_xpath (device, "count(" PS "*[@perm!='R'])", "0");
#undef PS
#define FK "/settings/functionKeys/fkey"
  pa_test_xml_assert_xpath (device, FK "[@idx='0']", "line");
  pa_test_xml_assert_xpath (device, FK "[@idx='2']", "blf <sip:202@pbx.example.com>");
  pa_test_xml_assert_xpath (device, FK "[@idx='2']/@label", "Anna & Bo <Sales>");
  pa_test_xml_assert_xpath (device, FK "[@idx='4']", "speed *78");
  pa_test_xml_assert_xpath (device, FK "[@idx='23']", "none");
  pa_test_xml_assert_xpath (device, FK "[@idx='24']", "blf <sip:301@pbx.example.com>");
  pa_test_xml_assert_xpath (device, FK "[@idx='41']/@label", "Agent 18");
  pa_test_xml_assert_xpath (device, FK "[@idx='42']", "none");
  /* 24 own keys, then 3 D7 slots of 18. */
  pa_test_xml_assert_xpath (device, "count(" FK ")", "78");
  pa_test_xml_assert_xpath (device, "count(" FK "[@idx='78'])", "0");
#undef FK
}

/* Summer time as Snom's dst rule, read off each zone's own changes:
 * month.week.weekday (5 = last, Sunday 7) and the wall time before each. */
static void
test_time_zones (void)
{
  static const struct { const char *zone, *offset, *dst; } zones[] = {
    { "Europe/Berlin", "+3600", "3600 03.05.07 02:00:00 10.05.07 03:00:00" },
    { "America/New_York", "-18000", "3600 03.02.07 02:00:00 11.01.07 02:00:00" },
    { "Australia/Sydney", "+36000", "3600 10.01.07 02:00:00 04.01.07 03:00:00" },
    { "Asia/Kolkata", "+19800", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(PaRenderContext) ctx = reference ();
      g_autoptr(xmlDoc) doc = NULL;

      pa_profile_set_timezone (ctx->profile, zones[i].zone);
      g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "Not writing a Snom setting*");
      doc = render_doc (ctx, MAC_FILE, "application/xml; charset=utf-8");
      g_test_assert_expected_messages ();
      pa_test_xml_assert_xpath (doc, "/settings/phone-settings/utc_offset", zones[i].offset);
      pa_test_xml_assert_xpath (doc, "/settings/phone-settings/dst", zones[i].dst);
    }
}

static const char * const nasty[] = {
  "Anna \"the boss\" O'Neil",
  "R&D <lab> & co",
  "a = b # not a comment",
  "line one\n<user_host idx=\"1\" perm=\"R\">evil</user_host>",
  "cr\r\nlf",
  "</user_name><user_pass idx=\"1\">x</user_pass>",
  "Zoë · 東京 · ☎",
  "bad \xff\xfe utf-8 \x07",
};

/* Every text a person types, at its worst, in every place: the files still
 * parse, hold the same settings as the clean ones, and nothing is added. */
static void
test_injection (void)
{
  g_autoptr(PaRenderContext) clean = reference ();
  g_autoptr(xmlDoc) clean_doc = NULL;
  xmlNode *clean_root;
  guint clean_settings, clean_keys;

  g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "Not writing a Snom setting*");
  clean_doc = render_doc (clean, MAC_FILE, "application/xml; charset=utf-8");
  g_test_assert_expected_messages ();
  clean_root = xmlDocGetRootElement (clean_doc);
  clean_settings = pa_test_xml_count_elements (xmlFirstElementChild (clean_root));
  clean_keys = pa_test_xml_count_elements (xmlLastElementChild (clean_root));

  for (guint i = 0; i < G_N_ELEMENTS (nasty); i++)
    {
      g_autoptr(PaRenderContext) ctx = reference ();
      PaSipAccount *one = g_ptr_array_index (ctx->accounts, 0);
      GListModel *keys = pa_layout_get_keys (ctx->layout);
      g_autoptr(PaKey) blf = g_list_model_get_item (keys, 2);
      g_autoptr(PaKey) speed = g_list_model_get_item (keys, 3);
      static const char * const bad_names[] = {
        "a b", "x><y", "evil\nname", "user_name[1", "ns:name", "1abc", "user_name[0]",
      };
      g_autoptr(xmlDoc) doc = NULL;
      xmlNode *root;
      g_autofree char *label = NULL;

      pa_sip_account_set_display_name (one, nasty[i]);
      pa_sip_account_set_label (one, nasty[i]);
      pa_key_set_label (blf, nasty[i]);
      pa_key_set_value (speed, nasty[i]);
      /* The Yealink name stays (one warning), a valid Snom name takes the
       * nasty value, and every invalid name is skipped with a warning. */
      pa_profile_set_custom_param (ctx->profile, "snom", "language", nasty[i]);
      for (guint b = 0; b < G_N_ELEMENTS (bad_names); b++)
        pa_profile_set_custom_param (ctx->profile, "snom", bad_names[b], nasty[i]);

      for (guint w = 0; w < 1 + G_N_ELEMENTS (bad_names); w++)
        g_test_expect_message ("pa-render", G_LOG_LEVEL_WARNING, "Not writing a Snom setting*");
      doc = render_doc (ctx, MAC_FILE, "application/xml; charset=utf-8");
      g_test_assert_expected_messages ();

      root = xmlDocGetRootElement (doc);
      g_assert_cmpstr ((const char *) root->name, ==, "settings");
      g_assert_cmpuint (pa_test_xml_count_elements (root), ==, 2);
      /* One setting more than the clean file: "language". */
      g_assert_cmpuint (pa_test_xml_count_elements (xmlFirstElementChild (root)), ==,
                        clean_settings + 1);
      g_assert_cmpuint (pa_test_xml_count_elements (xmlLastElementChild (root)), ==, clean_keys);
      pa_test_xml_assert_xpath (doc, "count(/settings/phone-settings/user_host[@idx='1'])", "1");
      pa_test_xml_assert_xpath (doc, "count(/settings/phone-settings/user_pass[@idx='1'])", "1");
      pa_test_xml_assert_xpath (doc, "/settings/phone-settings/user_pass[@idx='1']", "s3cret-Pass");
      pa_test_xml_assert_xpath (doc, "/settings/phone-settings/user_host[@idx='1']",
                                "pbx.example.com:5061;transport=tls");
      pa_test_xml_assert_xpath (doc, "count(/settings/phone-settings/language)", "1");
      /* The text comes back as typed, save what XML cannot carry. */
      label = pa_test_xml_xpath (doc, "/settings/functionKeys/fkey[@idx='2']/@label");
      if (g_utf8_validate (nasty[i], -1, NULL) && strchr (nasty[i], '\x07') == NULL)
        g_assert_cmpstr (label, ==, nasty[i]);
      else
        g_assert_true (g_utf8_validate (label, -1, NULL));
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/golden/snom", test_golden);
  g_test_add_func ("/golden/snom/parsed", test_parsed);
  g_test_add_func ("/golden/snom/time-zones", test_time_zones);
  g_test_add_func ("/golden/snom/injection", test_injection);

  return g_test_run ();
}
