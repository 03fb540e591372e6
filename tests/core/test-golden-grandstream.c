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

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>

#include "pa-test-reference.h"

#define MAC     "00:0B:82:A1:B2:C3"
#define DEVICE  "cfg000b82a1b2c3.xml"
#define MODEL   "cfggxp2170.xml"

static xmlDocPtr
parse (const char *text)
{
  xmlDocPtr doc = xmlReadMemory (text, strlen (text), "config.xml", "UTF-8",
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

  if (doc == NULL)
    g_error ("not well-formed:\n%s", text);
  return doc;
}

/* The text of <item name="@name">, NULL when absent; asserts it is there
 * at most once, so nothing can be added twice. */
static char *
item_value (xmlDocPtr   doc,
            const char *name)
{
  g_autofree char *expr = NULL;
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result;
  char *value = NULL;

  g_assert_null (strchr (name, '\''));
  expr = g_strdup_printf ("/gs_provision/config[@version='2']/item[@name='%s']", name);
  result = xmlXPathEvalExpression (BAD_CAST expr, ctx);
  g_assert_nonnull (result);
  if (result->nodesetval != NULL && result->nodesetval->nodeNr > 0)
    {
      xmlChar *content;

      g_assert_cmpint (result->nodesetval->nodeNr, ==, 1);
      content = xmlNodeGetContent (result->nodesetval->nodeTab[0]);
      value = g_strdup ((const char *) content);
      xmlFree (content);
    }
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

static guint
count_nodes (xmlDocPtr   doc,
             const char *expr)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result = xmlXPathEvalExpression (BAD_CAST expr, ctx);
  guint n = result->nodesetval != NULL ? result->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctx);
  return n;
}

static char *
render (PaRenderContext *ctx,
        const char      *file)
{
  g_autoptr(GError) error = NULL;
  const char *content_type = NULL;
  char *text = pa_render_file (ctx, file, &content_type, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (content_type, ==, "application/xml; charset=utf-8");
  return text;
}

static void
test_grandstream (void)
{
  g_autoptr(PaRenderContext) ctx = pa_test_reference_context ("grandstream", "grandstream-gxp2170",
                                                              MAC, "grandstream-gxp2200ext");
  g_auto(GStrv) files = pa_render_list_files (ctx);
  g_autofree char *device = NULL;
  g_autofree char *model = NULL;
  g_autoptr(GError) error = NULL;
  xmlDocPtr doc;

  /* §7.1: the per-phone XML file, then the model file; not the binary
   * cfg<mac>.bin / cfg<mac>, not cfg.xml. */
  g_assert_cmpuint (g_strv_length (files), ==, 2);
  g_assert_cmpstr (files[0], ==, DEVICE);
  g_assert_cmpstr (files[1], ==, MODEL);

  pa_test_check_golden (ctx, "grandstream");

  for (guint i = 0; i < 4; i++)
    {
      static const char * const absent[] = {
        "cfg000b82a1b2c3.bin", "cfg000b82a1b2c3", "cfg.xml", "cfg000B82A1B2C3.xml",
      };
      g_autofree char *text = pa_render_file (ctx, absent[i], NULL, &error);

      g_assert_null (text);
      g_assert_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE);
      g_clear_error (&error);
    }

  device = render (ctx, DEVICE);
  doc = parse (device);
  g_assert_cmpuint (count_nodes (doc, "/gs_provision[@version='1']/mac"), ==, 1);
  assert_item (doc, "account.1.enable", "Yes");
  assert_item (doc, "account.1.sip.userid", "201");
  assert_item (doc, "account.1.sip.subscriber.userid", "201");
  assert_item (doc, "account.1.sip.subscriber.password", "s3cret-Pass");
  assert_item (doc, "account.1.sip.server.1.address", "pbx.example.com:5061");
  assert_item (doc, "account.1.sip.transport", "TlsOrTcp");
  assert_item (doc, "account.1.audio.srtpMode", "EnabledAndForced");
  assert_item (doc, "account.2.sip.subscriber.password", "Sal3s&\"pw\"");
  assert_item (doc, "account.2.audio.srtpMode", "Disabled");
  assert_item (doc, "account.6.enable", "No");
  assert_item (doc, "account.6.sip.subscriber.password", "");
  assert_item (doc, "account.7.enable", NULL);
  assert_item (doc, "users.admin.password", "Adm1n&<pw>");
  assert_item (doc, "pks.vpk.3.keyMode", "BLF");
  assert_item (doc, "pks.vpk.3.description", "Anna & Bo <Sales>");
  assert_item (doc, "pks.vpk.5.keyMode", "SpeedDial");
  assert_item (doc, "pks.vpk.5.value", "*78");
  assert_item (doc, "pks.vpk.48.keyMode", "None");
  assert_item (doc, "pks.vpk.49.keyMode", NULL);
  assert_item (doc, "pks.ext.40.value", "340");
  assert_item (doc, "pks.ext.160.keyMode", "None");
  assert_item (doc, "pks.ext.161.keyMode", NULL);
  assert_item (doc, "features.dnd.enable", "0");
  xmlFreeDoc (doc);

  model = render (ctx, MODEL);
  doc = parse (model);
  g_assert_cmpuint (count_nodes (doc, "/gs_provision/mac"), ==, 0);
  g_assert_cmpuint (count_nodes (doc, "//item[starts-with(@name, 'account.')]"), ==, 0);
  g_assert_cmpuint (count_nodes (doc, "//item[starts-with(@name, 'pks.')]"), ==, 0);
  g_assert_null (strstr (model, "s3cret"));
  g_assert_null (strstr (model, "Adm1n"));
  assert_item (doc, "provisioning.config.serverPath", "prov.example.com:8670/p/TOKEN");
  xmlFreeDoc (doc);
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
  xmlDocPtr doc;

  device = render (ctx, DEVICE);
  doc = parse (device);
  items_before = count_nodes (doc, "//item");
  xmlFreeDoc (doc);
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
  device = render (ctx, DEVICE);
  g_test_assert_expected_messages ();
  doc = parse (device);
  /* XML normalises a literal CR in text to LF on reading; the writer keeps
   * it as a character reference, so it comes back as CR. */
  assert_item (doc, "account.1.name", cleaned);
  assert_item (doc, "account.1.sip.subscriber.name", cleaned);
  assert_item (doc, "account.1.sip.subscriber.password", cleaned);
  assert_item (doc, "features.dnd.enable", cleaned);
  assert_item (doc, "dateTime.ntp.server.1", cleaned);
  /* Still the one admin password, ours. */
  assert_item (doc, "users.admin.password", "Adm1n&<pw>");
  g_assert_cmpuint (count_nodes (doc, "//item"), ==, items_before);
  g_assert_cmpuint (count_nodes (doc, "//evil"), ==, 0);
  g_assert_cmpuint (count_nodes (doc, "/gs_provision/*"), ==, 2);
  xmlFreeDoc (doc);

  model = render (ctx, MODEL);
  doc = parse (model);
  assert_item (doc, "dateTime.ntp.server.1", cleaned);
  xmlFreeDoc (doc);
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
