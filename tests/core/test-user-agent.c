/* test-user-agent.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-catalog.h"
#include "pa-user-agent.h"

typedef struct
{
  const char *ua;
  const char *vendor_id;
  const char *model;
  const char *firmware;
  const char *mac;
  const char *catalog_model;   /* nullable: model id the catalog should find */
} UaCase;

/* The User-Agents quoted in provisioning-facts.md §2, plus variants. */
static const UaCase cases[] = {
  { "Yealink SIP-T54W 96.87.0.15 80:5e:c0:12:34:56",
    "yealink", "T54W", "96.87.0.15", "80:5E:C0:12:34:56", "yealink-t54w" },
  { "Yealink SIP-T54W 96.87.0.15 805ec0123456",
    "yealink", "T54W", "96.87.0.15", "80:5E:C0:12:34:56", "yealink-t54w" },
  /* no firmware: the MAC is not taken for one */
  { "Yealink SIP-T54W 805ec0123456",
    "yealink", "T54W", NULL, "80:5E:C0:12:34:56", "yealink-t54w" },
  { "Yealink SIP-T46G 28.72.0.1 00:15:65:4a:a9:37",
    "yealink", "T46G", "28.72.0.1", "00:15:65:4A:A9:37", NULL },
  { "Yealink SIP-T77U 185.87.0.10 44:db:d2:bd:b5:69",
    "yealink", "T77U", "185.87.0.10", "44:DB:D2:BD:B5:69", NULL },
  { "Yealink W90DM 130.87.0.10 80:5e:c0:d9:c7:44",
    "yealink", "W90DM", "130.87.0.10", "80:5E:C0:D9:C7:44", NULL },
  { "Yealink SIP-T56A 58.80.0.25 001565f429a4",
    "yealink", "T56A", "58.80.0.25", "00:15:65:F4:29:A4", NULL },
  { "Yealink SIP-T33G 124.86.0.75",
    "yealink", "T33G", "124.86.0.75", NULL, "yealink-t33g" },
  { "FileTransport PolycomVVX-VVX_400-UA/4.1.4.7430 Type/Application",
    "polycom", "VVX_400", "4.1.4.7430", NULL, NULL },
  { "FileTransport PolycomVVX-VVX_450-UA/6.4.6.2600 Type/Updater",
    "polycom", "VVX_450", "6.4.6.2600", NULL, "polycom-vvx450" },
  { "FileTransport PolycomEdge-Edge_E450-UA/8.0.1.0 Type/Application",
    "polycom", "Edge_E450", "8.0.1.0", NULL, "polycom-edge-e450" },
  { "Grandstream Model HW GXP2170 SW 1.0.11.85 DevId 000b82865e6a",
    "grandstream", "GXP2170", "1.0.11.85", "00:0B:82:86:5E:6A", "grandstream-gxp2170" },
  /* with the hardware revision between the model and SW */
  { "Grandstream Model HW GXP2170 V1.4A SW 1.0.11.23 DevId 000b82a1b2c3",
    "grandstream", "GXP2170", "1.0.11.23", "00:0B:82:A1:B2:C3", "grandstream-gxp2170" },
  { "Grandstream GXP2000 (gxp2000e.bin:1.2.5.3/boot55e.bin:1.1.6.9) DevId 000b822726c8",
    "grandstream", "GXP2000", "1.2.5.3", "00:0B:82:27:26:C8", NULL },
  { "Cisco/SPA508G-7.4.4 (0002FDFF2103)(CBT141400UK)",
    "cisco", "SPA508G", "7.4.4", "00:02:FD:FF:21:03", NULL },
  { "Cisco/SPA504G-7.5.5 (00DA55123456)(CBT141400UK)",
    "cisco", "SPA504G", "7.5.5", "00:DA:55:12:34:56", "cisco-spa504g" },
  { "Cisco/SPA525G-7.4.7 (CBT141900G7)",
    "cisco", "SPA525G", "7.4.7", NULL, "cisco-spa525g" },
  { "Linksys/SPA-942-6.1.5(a) (88019FA42805)",
    "cisco", "SPA-942", "6.1.5(a)", "88:01:9F:A4:28:05", NULL },
  { "Cisco-CP-8841-3PCC/11.0 (00562b043615)",
    "cisco", "CP-8841", "11.0", "00:56:2B:04:36:15", "cisco-cp-8841" },
  { "Mozilla/4.0 (compatible; snomD785-SIP 10.1.33.33 2010.12-00004-g9ba52f5 000413922D24 SXM:0 UXM:0)",
    "snom", "D785", "10.1.33.33", "00:04:13:92:2D:24", "snom-d785" },
  { "Mozilla/4.0 (compatible; snomD715-SIP 10.1.46.16 000413A1B2C4)",
    "snom", "D715", "10.1.46.16", "00:04:13:A1:B2:C4", "snom-d715" },
  { "Fanvil X6U Pro 0.0.10 0c383e2cd782",
    "fanvil", "X6U Pro", "0.0.10", "0C:38:3E:2C:D7:82", NULL },
  { "Fanvil X5U-V2 2.12.16.17 0c383e557eb1",
    "fanvil", "X5U-V2", "2.12.16.17", "0C:38:3E:55:7E:B1", NULL },
  { "Fanvil X4U 2.12.1 0c383e010203",
    "fanvil", "X4U", "2.12.1", "0C:38:3E:01:02:03", "fanvil-x4u" },
};

static void
test_ua_vendors (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const UaCase *c = &cases[i];
      g_auto(PaUserAgentInfo) info = { 0 };

      g_test_message ("%s", c->ua);
      g_assert_true (pa_user_agent_parse (c->ua, &info));
      g_assert_cmpstr (info.vendor_id, ==, c->vendor_id);
      g_assert_cmpstr (info.model, ==, c->model);
      g_assert_cmpstr (info.firmware, ==, c->firmware);
      g_assert_cmpstr (info.mac, ==, c->mac);

      /* Every vendor the parser names is in the catalog. */
      g_assert_nonnull (pa_catalog_get_vendor (catalog, info.vendor_id));
      if (c->catalog_model != NULL)
        {
          PaDeviceModel *model =
            pa_catalog_find_model_by_user_agent (catalog, info.vendor_id, info.model);

          g_assert_nonnull (model);
          g_assert_cmpstr (pa_device_model_get_id (model), ==, c->catalog_model);
        }
    }
}

/* A MAC that is not a device address does not spoil the rest. */
static void
test_ua_unusable_mac (void)
{
  g_auto(PaUserAgentInfo) info = { 0 };

  g_assert_true (pa_user_agent_parse ("Yealink SIP-T54W 96.87.0.15 000000000000", &info));
  g_assert_cmpstr (info.model, ==, "T54W");
  g_assert_null (info.mac);
}

static void
test_ua_garbage (void)
{
  static const char * const garbage[] = {
    "",
    " ",
    "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "curl/7.88.1",
    "Yealink",
    "Yealink ",
    "Grandstream",
    "Cisco/",
    "Cisco-/11.0",
    "Fanvil",
    "Fanvil X6U",
    "FileTransport Polycom-UA/",
    "snom-SIP",
    "\xff\xfe\xfd",
    "Yealink SIP-T54W\xff 96.87.0.15",
  };
  g_autofree char *overlong = NULL;
  g_autofree char *long_model = NULL;
  PaUserAgentInfo info;

  for (guint i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autofree char *escaped = g_strescape (garbage[i], NULL);

      g_test_message ("garbage \"%s\"", escaped);
      memset (&info, 0x55, sizeof info);
      g_assert_false (pa_user_agent_parse (garbage[i], &info));
      /* On failure nothing is left to free. */
      g_assert_null (info.vendor_id);
      g_assert_null (info.model);
      g_assert_null (info.firmware);
      g_assert_null (info.mac);
    }

  g_assert_false (pa_user_agent_parse (NULL, &info));
  g_assert_null (info.vendor_id);

  /* A real prefix padded past the limit is refused whole. */
  overlong = g_strdup_printf ("Yealink SIP-T54W 96.87.0.15 805ec0123456 %*s", 1100, "x");
  g_assert_false (pa_user_agent_parse (overlong, &info));

  long_model = g_strdup_printf ("Yealink SIP-%s 96.87.0.15", "T5555555555555555555555555555555555555555555555555555555555555555555");
  g_assert_false (pa_user_agent_parse (long_model, &info));

  /* Exactly at the limit is still read. */
  {
    g_autofree char *at_limit = NULL;
    g_auto(PaUserAgentInfo) ok = { 0 };
    GString *s = g_string_new ("Yealink SIP-T54W 96.87.0.15 805ec0123456");

    while (s->len < PA_USER_AGENT_MAX_LEN)
      g_string_append_c (s, ' ');
    at_limit = g_string_free (s, FALSE);
    g_assert_true (pa_user_agent_parse (at_limit, &ok));
    g_assert_cmpstr (ok.mac, ==, "80:5E:C0:12:34:56");
  }
}

static void
test_ua_clear (void)
{
  PaUserAgentInfo info = { 0 };

  g_assert_true (pa_user_agent_parse ("Fanvil X6U Pro 0.0.10 0c383e2cd782", &info));
  pa_user_agent_info_clear (&info);
  g_assert_null (info.vendor_id);
  g_assert_null (info.model);
  g_assert_null (info.firmware);
  g_assert_null (info.mac);
  /* Clearing twice, or NULL, is harmless. */
  pa_user_agent_info_clear (&info);
  pa_user_agent_info_clear (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/user-agent/vendors", test_ua_vendors);
  g_test_add_func ("/user-agent/unusable-mac", test_ua_unusable_mac);
  g_test_add_func ("/user-agent/garbage", test_ua_garbage);
  g_test_add_func ("/user-agent/clear", test_ua_clear);

  return g_test_run ();
}
