/* test-catalog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-catalog.h"
#include "pa-mac.h"

/* ---- the built-in catalog ----------------------------------------- */

static void
test_default_loads (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  static const char * const vendors[] = {
    "yealink", "polycom", "grandstream", "cisco", "snom", "fanvil", NULL
  };

  g_assert_true (PA_IS_CATALOG (catalog));
  /* Loaded once. */
  g_assert_true (catalog == pa_catalog_get_default ());

  for (guint i = 0; vendors[i] != NULL; i++)
    {
      PaVendor *vendor = pa_catalog_get_vendor (catalog, vendors[i]);
      g_autoptr(GListModel) models = pa_catalog_list_models_for_vendor (catalog, vendors[i]);

      g_assert_nonnull (vendor);
      g_assert_cmpstr (pa_vendor_get_id (vendor), ==, vendors[i]);
      g_assert_cmpuint (g_list_model_get_n_items (models), >=, 3);
      /* Listed by name, numbers as numbers, as people look for them. */
      for (guint m = 1; m < g_list_model_get_n_items (models); m++)
        {
          g_autoptr(PaDeviceModel) a = g_list_model_get_item (models, m - 1);
          g_autoptr(PaDeviceModel) b = g_list_model_get_item (models, m);
          g_autofree char *key_a = g_utf8_collate_key_for_filename (pa_device_model_get_name (a), -1);
          g_autofree char *key_b = g_utf8_collate_key_for_filename (pa_device_model_get_name (b), -1);

          g_assert_cmpint (strcmp (key_a, key_b), <=, 0);
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (pa_catalog_get_vendors (catalog)), ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (pa_catalog_get_models (catalog)), >=, 40);
  g_assert_cmpuint (g_list_model_get_n_items (pa_catalog_get_modules (catalog)), >=, 10);
}

/* The models the reference names must all be there. */
static void
test_default_has_reference_models (void)
{
  static const char * const models[] = {
    "yealink-t31p", "yealink-t33g", "yealink-t43u", "yealink-t46u", "yealink-t48u",
    "yealink-t53w", "yealink-t54w", "yealink-t57w", "yealink-t58w", "yealink-t46s",
    "yealink-t48s", "yealink-t27g",
    "polycom-vvx250", "polycom-vvx350", "polycom-vvx450", "polycom-vvx600",
    "polycom-edge-e350", "polycom-edge-e450",
    "grandstream-gxp2130", "grandstream-gxp2135", "grandstream-gxp2140", "grandstream-gxp2160",
    "grandstream-gxp2170", "grandstream-grp2614", "grandstream-grp2615", "grandstream-grp2616",
    "cisco-spa303", "cisco-spa504g", "cisco-spa525g", "cisco-cp-7841", "cisco-cp-8841",
    "cisco-cp-8851", "cisco-cp-8861",
    "snom-d715", "snom-d735", "snom-d785",
    "fanvil-x4u", "fanvil-x5u", "fanvil-x6u", "fanvil-x7c",
    NULL
  };
  static const char * const modules[] = {
    "yealink-exp40", "yealink-exp43", "yealink-exp50", "yealink-exp55",
    "polycom-vvx-color-em", "grandstream-gxp2200ext", "grandstream-gbx20",
    "cisco-spa500s", "cisco-cp-8800-kem", "snom-d7",
    NULL
  };
  PaCatalog *catalog = pa_catalog_get_default ();

  for (guint i = 0; models[i] != NULL; i++)
    {
      g_test_message ("model %s", models[i]);
      g_assert_nonnull (pa_catalog_get_model (catalog, models[i]));
    }
  for (guint i = 0; modules[i] != NULL; i++)
    {
      g_test_message ("module %s", modules[i]);
      g_assert_nonnull (pa_catalog_get_module (catalog, modules[i]));
    }
}

static void
test_default_consistent (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  GListModel *vendors = pa_catalog_get_vendors (catalog);
  GListModel *models = pa_catalog_get_models (catalog);
  GListModel *modules = pa_catalog_get_modules (catalog);
  g_autoptr(GHashTable) ouis = g_hash_table_new (g_str_hash, g_str_equal);
  guint models_by_vendor = 0;

  for (guint i = 0; i < g_list_model_get_n_items (vendors); i++)
    {
      g_autoptr(PaVendor) vendor = g_list_model_get_item (vendors, i);
      const char * const *vendor_ouis = pa_vendor_get_ouis (vendor);
      g_autoptr(GListModel) own = pa_catalog_list_models_for_vendor (catalog,
                                                                     pa_vendor_get_id (vendor));

      models_by_vendor += g_list_model_get_n_items (own);

      /* Every renderer needs at least these two. */
      g_assert_nonnull (pa_vendor_get_key_code (vendor, PA_KEY_TYPE_LINE));
      g_assert_nonnull (pa_vendor_get_key_code (vendor, PA_KEY_TYPE_EMPTY));
      g_assert_nonnull (pa_vendor_get_key_code (vendor, PA_KEY_TYPE_BLF));
      g_assert_nonnull (pa_vendor_get_key_code (vendor, PA_KEY_TYPE_SPEED_DIAL));
      g_assert_null (pa_vendor_get_key_code (vendor, "hold"));

      g_assert_nonnull (vendor_ouis);
      g_assert_nonnull (vendor_ouis[0]);
      for (guint j = 0; vendor_ouis[j] != NULL; j++)
        {
          g_autofree char *text = g_strconcat (vendor_ouis[j], ":12:34:56", NULL);
          g_autoptr(GError) error = NULL;
          g_autofree char *mac = pa_mac_normalize (text, &error);
          g_autofree char *oui = NULL;

          g_assert_no_error (error);
          oui = pa_mac_oui (mac);
          g_assert_cmpstr (oui, ==, vendor_ouis[j]);
          g_assert_false (g_hash_table_contains (ouis, vendor_ouis[j]));
          g_hash_table_add (ouis, (gpointer) vendor_ouis[j]);
          g_assert_true (pa_catalog_vendor_for_mac (catalog, mac) == vendor);
        }
    }
  /* Every model belongs to exactly one known vendor. */
  g_assert_cmpuint (models_by_vendor, ==, g_list_model_get_n_items (models));

  for (guint i = 0; i < g_list_model_get_n_items (modules); i++)
    {
      g_autoptr(PaExpansionModule) module = g_list_model_get_item (modules, i);

      g_assert_nonnull (pa_catalog_get_vendor (catalog, pa_expansion_module_get_vendor_id (module)));
      g_assert_cmpuint (pa_expansion_module_get_keys (module), >, 0);
      g_assert_cmpuint (pa_expansion_module_get_keys_per_page (module)
                        * pa_expansion_module_get_pages (module),
                        >=, pa_expansion_module_get_keys (module));
      g_assert_true (pa_catalog_get_module (catalog, pa_expansion_module_get_id (module)) == module);
    }

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(PaDeviceModel) model = g_list_model_get_item (models, i);
      PaVendor *vendor = pa_catalog_get_vendor (catalog, pa_device_model_get_vendor_id (model));
      const char * const *module_ids = pa_device_model_get_module_ids (model);
      g_autofree char *prefix = NULL;
      g_autofree char *device_file = NULL;
      guint max_modules = 0;

      g_test_message ("model %s", pa_device_model_get_id (model));
      g_assert_nonnull (vendor);
      prefix = g_strconcat (pa_vendor_get_id (vendor), "-", NULL);
      g_assert_true (g_str_has_prefix (pa_device_model_get_id (model), prefix));
      g_assert_true (pa_catalog_get_model (catalog, pa_device_model_get_id (model)) == model);

      g_assert_cmpuint (pa_device_model_get_sip_accounts (model), >, 0);
      g_assert_cmpuint (pa_device_model_get_line_keys (model), >, 0);
      g_assert_cmpuint (pa_device_model_get_keys_per_page (model)
                        * pa_device_model_get_pages (model),
                        >=, pa_device_model_get_line_keys (model));
      /* No page is entirely empty. */
      g_assert_cmpuint (pa_device_model_get_keys_per_page (model)
                        * (pa_device_model_get_pages (model) - 1),
                        <, pa_device_model_get_line_keys (model));

      g_assert_true (g_strcmp0 (pa_device_model_get_config_format (model), "cfg") == 0
                     || g_strcmp0 (pa_device_model_get_config_format (model), "xml") == 0);
      g_assert_nonnull (pa_device_model_get_user_agent (model));
      g_assert_true (pa_catalog_find_model_by_user_agent (catalog, pa_vendor_get_id (vendor),
                                                          pa_device_model_get_user_agent (model))
                     == model);

      device_file = pa_device_model_format_device_file (model, "80:5E:C0:12:34:56");
      g_assert_nonnull (device_file);
      g_assert_true (strstr (device_file, "805ec0123456") != NULL
                     || strstr (device_file, "805EC0123456") != NULL);
      g_assert_null (strchr (device_file, '{'));

      g_assert_nonnull (module_ids);
      for (guint j = 0; module_ids[j] != NULL; j++)
        {
          PaExpansionModule *module = pa_catalog_get_module (catalog, module_ids[j]);
          guint max = pa_device_model_get_module_max (model, module_ids[j]);

          g_assert_nonnull (module);
          g_assert_cmpstr (pa_expansion_module_get_vendor_id (module), ==,
                           pa_device_model_get_vendor_id (model));
          g_assert_true (pa_device_model_supports_module (model, module_ids[j]));
          g_assert_cmpuint (max, >, 0);
          max_modules = MAX (max_modules, max);
        }
      g_assert_cmpuint (pa_device_model_get_max_modules (model), ==, max_modules);

      if (g_str_equal (pa_vendor_get_id (vendor), "yealink"))
        {
          const char *common = pa_device_model_get_common_file (model);

          g_assert_nonnull (common);
          g_assert_true (g_str_has_prefix (common, "y000000000"));
          g_assert_true (g_str_has_suffix (common, ".cfg"));
          g_assert_cmpuint (strlen (common), ==, strlen ("y000000000096.cfg"));
        }
    }
}

static void
test_default_t54w (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaDeviceModel *t54w = pa_catalog_get_model (catalog, "yealink-t54w");
  PaExpansionModule *exp50 = pa_catalog_get_module (catalog, "yealink-exp50");
  g_autofree char *device_file = NULL;
  g_autofree char *name = NULL;
  guint line_keys = 0;

  g_assert_nonnull (t54w);
  g_assert_cmpstr (pa_device_model_get_name (t54w), ==, "T54W");
  g_assert_cmpstr (pa_device_model_get_vendor_id (t54w), ==, "yealink");
  g_assert_cmpuint (pa_device_model_get_line_keys (t54w), ==, 27);
  g_assert_cmpuint (pa_device_model_get_sip_accounts (t54w), ==, 16);
  g_assert_cmpstr (pa_device_model_get_common_file (t54w), ==, "y000000000096.cfg");
  g_assert_cmpstr (pa_device_model_get_device_file (t54w), ==, "{mac}.cfg");
  g_assert_cmpstr (pa_device_model_get_config_format (t54w), ==, "cfg");
  g_assert_true (pa_device_model_supports_module (t54w, "yealink-exp50"));
  g_assert_cmpuint (pa_device_model_get_module_max (t54w, "yealink-exp50"), ==, 3);
  g_assert_false (pa_device_model_supports_module (t54w, "yealink-exp40"));
  g_assert_cmpuint (pa_device_model_get_module_max (t54w, "yealink-exp40"), ==, 0);
  g_assert_false (pa_device_model_supports_module (t54w, "cisco-spa500s"));
  g_assert_false (pa_device_model_supports_module (t54w, NULL));
  g_assert_cmpuint (pa_device_model_get_max_modules (t54w), ==, 3);
  g_assert_false (pa_device_model_is_guessed (t54w, "line_keys"));
  g_assert_true (pa_device_model_is_guessed (t54w, "keys_per_page"));

  device_file = pa_device_model_format_device_file (t54w, "80:5E:C0:12:34:56");
  g_assert_cmpstr (device_file, ==, "805ec0123456.cfg");
  g_assert_null (pa_device_model_format_device_file (t54w, "805ec0123456"));

  g_assert_nonnull (exp50);
  g_assert_cmpuint (pa_expansion_module_get_keys (exp50), ==, 60);

  /* Properties carry the same values as the getters. */
  g_object_get (t54w, "line-keys", &line_keys, "name", &name, NULL);
  g_assert_cmpuint (line_keys, ==, 27);
  g_assert_cmpstr (name, ==, "T54W");

  /* The reference's disagreement on the T43U is recorded, not hidden. */
  g_assert_true (pa_device_model_is_guessed (pa_catalog_get_model (catalog, "yealink-t43u"),
                                             "line_keys"));
  g_assert_nonnull (pa_device_model_get_note (pa_catalog_get_model (catalog, "yealink-t43u")));
}

/* Provisioning facts §7.4 (wazo plugin-info, FusionPBX templates): the
 * GXP2170 has 6 SIP accounts, the GRP2614/2615/2616 2 and no sidecar, the
 * GXP2135 4 (wazo says 4 or 8 by plugin version: the lower is kept), the
 * GXP2160 takes pks.ext sidecar keys; a feature code is dialled, so it is a
 * speed dial (§7.2). */
static void
test_default_grandstream (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaVendor *gs = pa_catalog_get_vendor (catalog, "grandstream");
  static const char * const grp[] = {
    "grandstream-grp2614", "grandstream-grp2615", "grandstream-grp2616", NULL
  };

  g_assert_cmpuint (pa_device_model_get_sip_accounts (pa_catalog_get_model (catalog,
                                                      "grandstream-gxp2170")), ==, 6);
  g_assert_cmpuint (pa_device_model_get_sip_accounts (pa_catalog_get_model (catalog,
                                                      "grandstream-gxp2135")), ==, 4);
  for (guint i = 0; grp[i] != NULL; i++)
    {
      PaDeviceModel *model = pa_catalog_get_model (catalog, grp[i]);

      g_assert_cmpuint (pa_device_model_get_sip_accounts (model), ==, 2);
      g_assert_cmpuint (pa_device_model_get_max_modules (model), ==, 0);
    }
  g_assert_true (pa_device_model_supports_module (pa_catalog_get_model (catalog,
                                                  "grandstream-gxp2160"),
                                                  "grandstream-gxp2200ext"));
  g_assert_cmpstr (pa_vendor_get_key_code (gs, "feature_code"), ==, "SpeedDial");
  g_assert_cmpstr (pa_vendor_get_key_code (gs, "speed_dial"), ==, "SpeedDial");
}

static void
test_default_other_files (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  g_autofree char *snom = NULL;
  g_autofree char *gs = NULL;

  snom = pa_device_model_format_device_file (pa_catalog_get_model (catalog, "snom-d785"),
                                             "00:04:13:92:2D:24");
  g_assert_cmpstr (snom, ==, "000413922D24.xml");
  gs = pa_device_model_format_device_file (pa_catalog_get_model (catalog, "grandstream-gxp2170"),
                                           "00:0B:82:86:5E:6A");
  g_assert_cmpstr (gs, ==, "cfg000b82865e6a.xml");
  g_assert_cmpstr (pa_device_model_get_common_file (pa_catalog_get_model (catalog,
                                                                          "grandstream-gxp2170")),
                   ==, "cfggxp2170.xml");
  g_assert_cmpstr (pa_device_model_get_common_file (pa_catalog_get_model (catalog,
                                                                          "polycom-vvx450")),
                   ==, "000000000000.cfg");
}

static void
test_default_key_codes (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaVendor *yealink = pa_catalog_get_vendor (catalog, "yealink");
  PaVendor *polycom = pa_catalog_get_vendor (catalog, "polycom");
  PaVendor *snom = pa_catalog_get_vendor (catalog, "snom");

  g_assert_cmpstr (pa_vendor_get_key_code (yealink, "line"), ==, "15");
  g_assert_cmpstr (pa_vendor_get_key_code (yealink, "blf"), ==, "16");
  g_assert_cmpstr (pa_vendor_get_key_code (yealink, "speed_dial"), ==, "13");
  g_assert_cmpstr (pa_vendor_get_key_code (yealink, "park"), ==, "10");
  g_assert_cmpstr (pa_vendor_get_key_code (yealink, "park_retrieve"), ==, "56");
  g_assert_cmpstr (pa_vendor_get_key_code (yealink, "conference"), ==, "1");
  /* A feature code is dialled: a speed dial, not DTMF (facts §7.2). */
  g_assert_cmpstr (pa_vendor_get_key_code (yealink, "feature_code"), ==, "13");
  g_assert_cmpstr (pa_vendor_get_key_code (yealink, "custom"), ==, "73");
  g_assert_cmpstr (pa_vendor_get_key_code (yealink, "empty"), ==, "0");
  g_assert_null (pa_vendor_get_key_code (yealink, NULL));
  g_assert_cmpstr (pa_vendor_get_config_format (yealink), ==, "cfg");
  g_assert_cmpstr (pa_vendor_get_writer (yealink), ==, "yealink");

  /* A missing code means the vendor cannot do that type. */
  g_assert_null (pa_vendor_get_key_code (polycom, "conference"));
  g_assert_false (pa_vendor_supports_key_type (polycom, "custom"));
  g_assert_true (pa_vendor_supports_key_type (polycom, "park"));
  /* Polycom: BLF, speed dial and feature code are attendant entries of
   * type normal, park of type automata (facts §7.2); VVX 600 has 16
   * accounts (wazo v5_9_2, §7.4). */
  g_assert_cmpstr (pa_vendor_get_key_code (polycom, "feature_code"), ==, "normal");
  g_assert_cmpstr (pa_vendor_get_key_code (polycom, "speed_dial"), ==, "normal");
  g_assert_cmpstr (pa_vendor_get_key_code (polycom, "park"), ==, "automata");
  g_assert_cmpuint (pa_device_model_get_sip_accounts (pa_catalog_get_model (catalog,
                                                                            "polycom-vvx600")),
                    ==, 16);
  g_assert_false (pa_device_model_is_guessed (pa_catalog_get_model (catalog, "polycom-vvx600"),
                                              "sip_accounts"));
  g_assert_cmpstr (pa_vendor_get_key_code (snom, "blf"), ==, "blf");
  g_assert_true (pa_vendor_is_guessed (snom, "key_codes.park_retrieve"));
  g_assert_false (pa_vendor_is_guessed (snom, "key_codes.blf"));
  /* Snom: a feature code is dialled, a speed key, not dtmf (facts §7.2);
   * the D785 takes 3 D7 as in wazo, not 4 as in tancredi (facts §7.4). */
  g_assert_cmpstr (pa_vendor_get_key_code (snom, "feature_code"), ==, "speed");
  g_assert_true (pa_vendor_is_guessed (snom, "key_codes.park"));
  g_assert_cmpuint (pa_device_model_get_module_max (pa_catalog_get_model (catalog, "snom-d785"),
                                                    "snom-d7"), ==, 3);
  g_assert_true (pa_device_model_is_guessed (pa_catalog_get_model (catalog, "snom-d785"),
                                             "modules"));

  /* Fanvil (facts §7.2): BLF carries a transfer letter, a feature code is
   * a speed dial, and /bf is a monitored conference, not a plain button. */
  {
    PaVendor *fanvil = pa_catalog_get_vendor (catalog, "fanvil");
    PaDeviceModel *x6u = pa_catalog_get_model (catalog, "fanvil-x6u");

    g_assert_cmpstr (pa_vendor_get_key_code (fanvil, "blf"), ==, "1/ba");
    g_assert_cmpstr (pa_vendor_get_key_code (fanvil, "feature_code"), ==, "1/f");
    g_assert_false (pa_vendor_supports_key_type (fanvil, "conference"));
    g_assert_cmpstr (pa_vendor_get_writer (fanvil), ==, "fanvil");
    /* §7.4: 65 in tancredi (5 side keys + 5 pages of 12), 72 in wazo. */
    g_assert_cmpuint (pa_device_model_get_line_keys (x6u), ==, 65);
    g_assert_true (pa_device_model_is_guessed (x6u, "line_keys"));
  }

  for (const char * const *t = pa_key_type_names (); *t != NULL; t++)
    g_assert_true (pa_key_type_is_known (*t));
  g_assert_false (pa_key_type_is_known ("hold"));
  g_assert_false (pa_key_type_is_known (NULL));
}

static void
test_default_lookups (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  g_autoptr(GListModel) yealink = pa_catalog_list_models_for_vendor (catalog, "yealink");
  g_autoptr(GListModel) nobody = pa_catalog_list_models_for_vendor (catalog, "nobody");
  g_autoptr(GListModel) null_vendor = pa_catalog_list_models_for_vendor (catalog, NULL);
  g_autoptr(GListModel) yealink_modules = pa_catalog_list_modules_for_vendor (catalog, "yealink");

  g_assert_cmpstr (pa_vendor_get_id (pa_catalog_vendor_for_mac (catalog, "80:5E:C0:12:34:56")),
                   ==, "yealink");
  g_assert_cmpstr (pa_vendor_get_id (pa_catalog_vendor_for_mac (catalog, "00:04:13:92:2D:24")),
                   ==, "snom");
  g_assert_cmpstr (pa_vendor_get_id (pa_catalog_vendor_for_mac (catalog, "0C:38:3E:2C:D7:82")),
                   ==, "fanvil");
  g_assert_null (pa_catalog_vendor_for_mac (catalog, "02:00:00:12:34:56"));
  g_assert_null (pa_catalog_vendor_for_mac (catalog, "805ec0123456"));
  g_assert_null (pa_catalog_vendor_for_mac (catalog, NULL));

  g_assert_null (pa_catalog_get_model (catalog, "yealink-t99"));
  g_assert_null (pa_catalog_get_model (catalog, NULL));
  g_assert_null (pa_catalog_get_vendor (catalog, "Yealink"));
  g_assert_null (pa_catalog_get_module (catalog, "yealink-exp99"));
  g_assert_null (pa_catalog_find_model_by_user_agent (catalog, "snom", "T54W"));
  g_assert_true (pa_catalog_find_model_by_user_agent (catalog, "yealink", "t54w")
                 == pa_catalog_get_model (catalog, "yealink-t54w"));

  g_assert_cmpuint (g_list_model_get_n_items (yealink), ==, 12);
  g_assert_true (g_list_model_get_item_type (yealink) == PA_TYPE_DEVICE_MODEL);
  g_assert_cmpuint (g_list_model_get_n_items (nobody), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (null_vendor), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (yealink_modules), ==, 4);
  /* Transfer full: a new list each time, not the catalog's own. */
  g_assert_true (yealink != pa_catalog_get_models (catalog));
}

static void
test_default_to_json (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  g_autoptr(JsonNode) first = pa_catalog_to_json (catalog);
  g_autoptr(JsonNode) second = NULL;
  JsonObject *root;
  JsonArray *models;

  g_assert_true (JSON_NODE_HOLDS_OBJECT (first));
  root = json_node_get_object (first);
  models = json_object_get_array_member (root, "models");
  g_assert_cmpuint (json_array_get_length (models),
                    ==, g_list_model_get_n_items (pa_catalog_get_models (catalog)));
  {
    g_autoptr(PaDeviceModel) model0 = g_list_model_get_item (pa_catalog_get_models (catalog), 0);

    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (models, 0),
                                                    "id"),
                     ==, pa_device_model_get_id (model0));
  }

  /* The caller owns its copy: changing it leaves the catalog's alone. */
  json_object_remove_member (root, "models");
  json_object_set_string_member (json_array_get_object_element (
                                   json_object_get_array_member (root, "vendors"), 0),
                                 "name", "Changed");
  second = pa_catalog_to_json (catalog);
  g_assert_true (json_object_has_member (json_node_get_object (second), "models"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (json_node_get_object (second), "vendors"), 0),
                     "name"),
                   ==, "Yealink");
}

/* ---- malformed documents ------------------------------------------ */

/* JSON written with single quotes to keep the C readable. */
static char *
doc (const char *vendors,
     const char *modules,
     const char *models)
{
  char *text = g_strdup_printf ("{'vendors':[%s],'modules':[%s],'models':[%s]}",
                                vendors, modules, models);
  return g_strdelimit (text, "'", '"');
}

#define VENDOR_ACME \
  "{'id':'acme','name':'Acme','config_format':'cfg','writer':'acme','ouis':['00:11:22']," \
  "'key_codes':{'line':'1','empty':'0'}}"
#define VENDOR_OTHER \
  "{'id':'other','name':'Other','config_format':'xml','writer':'other','ouis':['00:11:33']," \
  "'key_codes':{'line':'line'}}"
#define VENDORS VENDOR_ACME "," VENDOR_OTHER
#define MODULE_ACME \
  "{'id':'acme-exp','vendor':'acme','name':'EXP','keys_per_page':10,'pages':2,'keys':20}"
#define MODULE_OTHER \
  "{'id':'other-exp','vendor':'other','name':'OEXP','keys_per_page':10,'pages':1,'keys':10}"
#define MODULES MODULE_ACME "," MODULE_OTHER
#define MODEL_HEAD "{'id':'acme-p1','vendor':'acme','name':'P1','sip_accounts':2,"
#define MODEL_TAIL "'common_file':'common.cfg','device_file':'{mac}.cfg','user_agent':'P1'}"
#define MODEL_KEYS "'line_keys':27,'keys_per_page':9,'pages':3,"
#define MODEL_ACME MODEL_HEAD MODEL_KEYS "'modules':[{'module':'acme-exp','max':3}]," MODEL_TAIL

static void
test_minimal_document (void)
{
  g_autofree char *text = doc (VENDORS, MODULES, MODEL_ACME);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCatalog) catalog = pa_catalog_new_from_data (text, -1, &error);
  PaDeviceModel *model;

  g_assert_no_error (error);
  g_assert_nonnull (catalog);
  model = pa_catalog_get_model (catalog, "acme-p1");
  g_assert_nonnull (model);
  /* No config_format of its own: the vendor's. */
  g_assert_cmpstr (pa_device_model_get_config_format (model), ==, "cfg");
  g_assert_cmpuint (pa_device_model_get_module_max (model, "acme-exp"), ==, 3);
  g_assert_null (pa_device_model_get_note (model));
  g_assert_cmpstr (pa_vendor_get_id (pa_catalog_vendor_for_mac (catalog, "00:11:33:00:00:01")),
                   ==, "other");

  /* Length given, no NUL needed. */
  {
    g_autoptr(PaCatalog) again = NULL;
    char *copy = g_memdup2 (text, strlen (text));

    again = pa_catalog_new_from_data (copy, strlen (text), &error);
    g_assert_no_error (error);
    g_assert_nonnull (again);
    g_free (copy);
  }

  g_assert_finalize_object (g_steal_pointer (&catalog));
}

/* `face` is optional: without it a model is one column beside a screen and a
 * sidecar one column without; with it, both members are taken as given. */
static void
test_face (void)
{
  g_autofree char *plain = doc (VENDORS, MODULES, MODEL_ACME);
  g_autofree char *faced =
    doc (VENDORS,
         "{'id':'acme-exp','vendor':'acme','name':'E','keys_per_page':10,'pages':2,'keys':20,"
         "'face':{'columns':2,'screen':true},'guessed':['face']}," MODULE_OTHER,
         MODEL_HEAD MODEL_KEYS "'face':{'columns':2,'screen':false}," MODEL_TAIL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCatalog) catalog = NULL;
  PaDeviceModel *model;
  PaExpansionModule *module;

  catalog = pa_catalog_new_from_data (plain, -1, &error);
  g_assert_no_error (error);
  model = pa_catalog_get_model (catalog, "acme-p1");
  module = pa_catalog_get_module (catalog, "acme-exp");
  g_assert_cmpuint (pa_device_model_get_face_columns (model), ==, 1);
  g_assert_true (pa_device_model_get_face_screen (model));
  g_assert_cmpuint (pa_expansion_module_get_face_columns (module), ==, 1);
  g_assert_false (pa_expansion_module_get_face_screen (module));
  g_clear_object (&catalog);

  catalog = pa_catalog_new_from_data (faced, -1, &error);
  g_assert_no_error (error);
  model = pa_catalog_get_model (catalog, "acme-p1");
  module = pa_catalog_get_module (catalog, "acme-exp");
  g_assert_cmpuint (pa_device_model_get_face_columns (model), ==, 2);
  g_assert_false (pa_device_model_get_face_screen (model));
  g_assert_false (pa_device_model_is_guessed (model, "face"));
  g_assert_cmpuint (pa_expansion_module_get_face_columns (module), ==, 2);
  g_assert_true (pa_expansion_module_get_face_screen (module));
  g_assert_true (pa_expansion_module_is_guessed (module, "face"));
}

/* Every built-in model and sidecar says where its keys sit; the ones the
 * issue names are as it says, the rest are marked guessed. */
static void
test_default_face (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  g_autoptr(JsonNode) root = pa_catalog_to_json (catalog);
  JsonObject *object = json_node_get_object (root);
  static const char * const listed[] = { "models", "modules", NULL };
  static const char * const confirmed[] = {
    "yealink-t53w", "yealink-t54w", "yealink-t57w", "yealink-t58w",
    "yealink-exp40", "yealink-exp43", "yealink-exp50", NULL
  };
  GListModel *models = pa_catalog_get_models (catalog);
  GListModel *modules = pa_catalog_get_modules (catalog);

  for (guint l = 0; listed[l] != NULL; l++)
    {
      JsonArray *array = json_object_get_array_member (object, listed[l]);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *item = json_array_get_object_element (array, i);
          g_test_message ("%s %s", listed[l], json_object_get_string_member (item, "id"));
          g_assert_true (json_object_has_member (item, "face"));
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(PaDeviceModel) model = g_list_model_get_item (models, i);
      const char *id = pa_device_model_get_id (model);
      guint columns = pa_device_model_get_face_columns (model);

      g_assert_cmpuint (columns, >=, 1);
      g_assert_cmpuint (columns, <=, 2);
      /* Two columns split a page, so it must hold at least one key per column. */
      g_assert_cmpuint (pa_device_model_get_keys_per_page (model), >=, columns);
      if (g_strv_contains (confirmed, id))
        {
          g_assert_cmpuint (columns, ==, 2);
          g_assert_true (pa_device_model_get_face_screen (model));
          g_assert_false (pa_device_model_is_guessed (model, "face"));
        }
      else
        g_assert_true (pa_device_model_is_guessed (model, "face"));
    }

  for (guint i = 0; i < g_list_model_get_n_items (modules); i++)
    {
      g_autoptr(PaExpansionModule) module = g_list_model_get_item (modules, i);
      const char *id = pa_expansion_module_get_id (module);

      if (g_strv_contains (confirmed, id))
        {
          g_assert_cmpuint (pa_expansion_module_get_face_columns (module), ==, 2);
          g_assert_false (pa_expansion_module_is_guessed (module, "face"));
        }
      else
        g_assert_true (pa_expansion_module_is_guessed (module, "face"));
    }

  g_assert_cmpuint (pa_device_model_get_face_columns (pa_catalog_get_model (catalog,
                                                                            "yealink-t54w")),
                    ==, 2);
}

typedef struct
{
  const char *name;
  const char *vendors;
  const char *modules;
  const char *models;
  PaCatalogError code;
  const char *needle;
} BadDoc;

static const BadDoc bad_docs[] = {
  /* vendors */
  { "vendor-missing-name", "{'id':'acme','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{}}", "", "",
    PA_CATALOG_ERROR_MISSING, "vendors[0] (acme): required member \"name\"" },
  { "vendor-name-number", "{'id':'acme','name':5,'config_format':'cfg','writer':'acme','ouis':[],'key_codes':{}}",
    "", "", PA_CATALOG_ERROR_WRONG_TYPE, "\"name\" must be a string" },
  { "vendor-name-empty", "{'id':'acme','name':'','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{}}",
    "", "", PA_CATALOG_ERROR_INVALID, "\"name\" is empty" },
  { "vendor-id-case", "{'id':'Acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{}}",
    "", "", PA_CATALOG_ERROR_INVALID, "id \"Acme\"" },
  { "vendor-unknown-member",
    "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{},'oui':[]}",
    "", "", PA_CATALOG_ERROR_UNKNOWN_MEMBER, "unknown member \"oui\"" },
  { "vendor-not-object", "'acme'", "", "", PA_CATALOG_ERROR_WRONG_TYPE, "vendors[0] must be an object" },
  { "vendor-duplicate", VENDOR_ACME "," VENDOR_ACME, "", "",
    PA_CATALOG_ERROR_DUPLICATE, "vendor id \"acme\" is used twice" },
  { "vendor-config-format", "{'id':'acme','name':'A','config_format':'ini','writer':'acme','ouis':[],'key_codes':{}}",
    "", "", PA_CATALOG_ERROR_INVALID, "config_format \"ini\"" },
  { "oui-lower-case", "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':['80:5e:c0'],'key_codes':{}}",
    "", "", PA_CATALOG_ERROR_INVALID, "ouis[0] \"80:5e:c0\"" },
  { "oui-no-colons", "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':['805EC0'],'key_codes':{}}",
    "", "", PA_CATALOG_ERROR_INVALID, "ouis[0]" },
  { "oui-too-long", "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':['80:5E:C0:1'],'key_codes':{}}",
    "", "", PA_CATALOG_ERROR_INVALID, "ouis[0]" },
  { "oui-multicast", "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':['81:5E:C0'],'key_codes':{}}",
    "", "", PA_CATALOG_ERROR_INVALID, "group bit" },
  { "oui-number", "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[805],'key_codes':{}}",
    "", "", PA_CATALOG_ERROR_WRONG_TYPE, "ouis[0] must be a string" },
  { "oui-twice", VENDOR_ACME ",{'id':'b','name':'B','config_format':'cfg','writer':'acme','ouis':['00:11:22'],'key_codes':{}}",
    "", "", PA_CATALOG_ERROR_DUPLICATE, "OUI 00:11:22 is already listed for vendor \"acme\"" },
  { "ouis-not-array", "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':'00:11:22','key_codes':{}}",
    "", "", PA_CATALOG_ERROR_WRONG_TYPE, "\"ouis\" must be an array" },
  { "key-code-unknown-type",
    "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{'hold':'4'}}",
    "", "", PA_CATALOG_ERROR_INVALID, "\"hold\", which is not a key type" },
  { "key-code-number",
    "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{'line':15}}",
    "", "", PA_CATALOG_ERROR_WRONG_TYPE, "key_codes.line" },
  { "key-codes-missing", "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[]}",
    "", "", PA_CATALOG_ERROR_MISSING, "\"key_codes\"" },
  { "guessed-unknown",
    "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{},'guessed':['name']}",
    "", "", PA_CATALOG_ERROR_INVALID, "guessed[0] names \"name\"" },
  { "guessed-absent-code",
    "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{},"
    "'guessed':['key_codes.park']}",
    "", "", PA_CATALOG_ERROR_INVALID, "no such code" },
  /* modules */
  { "module-unknown-vendor", VENDORS,
    "{'id':'x-exp','vendor':'x','name':'E','keys_per_page':10,'pages':2,'keys':20}", "",
    PA_CATALOG_ERROR_UNKNOWN_REFERENCE, "modules[0] (x-exp): vendor \"x\" is not in the catalog" },
  { "module-keys-do-not-fit", VENDORS,
    "{'id':'acme-exp','vendor':'acme','name':'E','keys_per_page':10,'pages':2,'keys':21}", "",
    PA_CATALOG_ERROR_INVALID, "21 keys do not fit on 2 pages of 10" },
  { "module-duplicate", VENDORS, MODULE_ACME "," MODULE_ACME, "",
    PA_CATALOG_ERROR_DUPLICATE, "module id \"acme-exp\" is used twice" },
  { "module-missing-keys", VENDORS,
    "{'id':'acme-exp','vendor':'acme','name':'E','keys_per_page':10,'pages':2}", "",
    PA_CATALOG_ERROR_MISSING, "\"keys\"" },
  /* models */
  { "model-unknown-vendor", VENDORS, MODULES,
    "{'id':'x-p1','vendor':'x','name':'P1','sip_accounts':2," MODEL_KEYS MODEL_TAIL,
    PA_CATALOG_ERROR_UNKNOWN_REFERENCE, "vendor \"x\" is not in the catalog" },
  { "model-id-without-vendor", VENDORS, MODULES,
    "{'id':'p1','vendor':'acme','name':'P1','sip_accounts':2," MODEL_KEYS MODEL_TAIL,
    PA_CATALOG_ERROR_INVALID, "must be \"acme-<model>\"" },
  { "model-keys-do-not-fit", VENDORS, MODULES,
    MODEL_HEAD "'line_keys':28,'keys_per_page':9,'pages':3," MODEL_TAIL,
    PA_CATALOG_ERROR_INVALID, "28 line keys do not fit on 3 pages of 9" },
  { "model-keys-double", VENDORS, MODULES,
    MODEL_HEAD "'line_keys':27.0,'keys_per_page':9,'pages':3," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "\"line_keys\" must be an integer" },
  { "model-keys-string", VENDORS, MODULES,
    MODEL_HEAD "'line_keys':'27','keys_per_page':9,'pages':3," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "\"line_keys\" must be an integer" },
  { "model-keys-zero", VENDORS, MODULES,
    MODEL_HEAD "'line_keys':0,'keys_per_page':9,'pages':3," MODEL_TAIL,
    PA_CATALOG_ERROR_INVALID, "\"line_keys\" is 0" },
  { "model-keys-negative", VENDORS, MODULES,
    MODEL_HEAD "'line_keys':-3,'keys_per_page':9,'pages':3," MODEL_TAIL,
    PA_CATALOG_ERROR_INVALID, "\"line_keys\" is -3" },
  { "model-missing-pages", VENDORS, MODULES,
    MODEL_HEAD "'line_keys':27,'keys_per_page':9," MODEL_TAIL,
    PA_CATALOG_ERROR_MISSING, "\"pages\" is missing" },
  { "model-missing-device-file", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'user_agent':'P1'}",
    PA_CATALOG_ERROR_MISSING, "\"device_file\"" },
  { "model-device-file-no-mac", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'device_file':'phone.cfg','user_agent':'P1'}",
    PA_CATALOG_ERROR_INVALID, "device_file \"phone.cfg\"" },
  { "model-device-file-slash", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'device_file':'../{mac}.cfg','user_agent':'P1'}",
    PA_CATALOG_ERROR_INVALID, "device_file" },
  { "model-device-file-two-macs", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'device_file':'{mac}-{MAC}.cfg','user_agent':'P1'}",
    PA_CATALOG_ERROR_INVALID, "device_file" },
  { "model-common-file-slash", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'common_file':'a/b.cfg','device_file':'{mac}.cfg','user_agent':'P1'}",
    PA_CATALOG_ERROR_INVALID, "common_file" },
  { "model-unknown-module", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'modules':[{'module':'acme-exp9','max':3}]," MODEL_TAIL,
    PA_CATALOG_ERROR_UNKNOWN_REFERENCE, "module \"acme-exp9\" is not in the catalog" },
  { "model-foreign-module", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'modules':[{'module':'other-exp','max':1}]," MODEL_TAIL,
    PA_CATALOG_ERROR_UNKNOWN_REFERENCE, "belongs to vendor \"other\"" },
  { "model-module-twice", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'modules':[{'module':'acme-exp','max':1},{'module':'acme-exp','max':2}],"
    MODEL_TAIL,
    PA_CATALOG_ERROR_DUPLICATE, "listed twice" },
  { "model-module-max-zero", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'modules':[{'module':'acme-exp','max':0}]," MODEL_TAIL,
    PA_CATALOG_ERROR_INVALID, "modules[0]: member \"max\" is 0" },
  { "model-module-not-object", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'modules':['acme-exp']," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "modules[0] must be an object" },
  { "model-module-extra-member", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'modules':[{'module':'acme-exp','max':1,'min':0}]," MODEL_TAIL,
    PA_CATALOG_ERROR_UNKNOWN_MEMBER, "\"min\"" },
  { "model-unknown-member", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'linekeys':27," MODEL_TAIL,
    PA_CATALOG_ERROR_UNKNOWN_MEMBER, "models[0] (acme-p1): unknown member \"linekeys\"" },
  { "model-duplicate", VENDORS, MODULES, MODEL_ACME "," MODEL_ACME,
    PA_CATALOG_ERROR_DUPLICATE, "models[1] (acme-p1): model id \"acme-p1\" is used twice" },
  { "model-config-format", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'config_format':'json'," MODEL_TAIL,
    PA_CATALOG_ERROR_INVALID, "config_format \"json\"" },
  { "model-guessed-unknown", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'guessed':['vendor']," MODEL_TAIL,
    PA_CATALOG_ERROR_INVALID, "guessed[0] names \"vendor\"" },
  { "model-guessed-not-array", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'guessed':'pages'," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "\"guessed\" must be an array" },
  { "model-note-number", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'note':1," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "\"note\" must be a string" },
  { "model-note-empty", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'note':''," MODEL_TAIL,
    PA_CATALOG_ERROR_INVALID, "\"note\" is empty" },
  { "model-common-file-number", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'common_file':7,'device_file':'{mac}.cfg','user_agent':'P1'}",
    PA_CATALOG_ERROR_WRONG_TYPE, "\"common_file\" must be a string" },
  { "model-config-format-number", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'config_format':1," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "\"config_format\" must be a string" },
  /* what a NOTIFY carries: both events, one line each */
  { "vendor-sip-events-no-reboot",
    "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{},"
    "'sip_events':{'resync':'check-sync'}}",
    "", "", PA_CATALOG_ERROR_MISSING, "\"reboot\"" },
  { "vendor-sip-events-typo",
    "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{},"
    "'sip_events':{'resync':'check-sync','reboot':'x','rebot':'y'}}",
    "", "", PA_CATALOG_ERROR_UNKNOWN_MEMBER, "\"rebot\"" },
  { "vendor-sip-events-two-lines",
    "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{},"
    "'sip_events':{'resync':'check-sync','reboot':'a\\r\\nX-Evil: 1'}}",
    "", "", PA_CATALOG_ERROR_INVALID, "one line" },
  /* the members vendors, modules and models share */
  { "vendor-note-number",
    "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{},'note':2}",
    "", "", PA_CATALOG_ERROR_WRONG_TYPE, "\"note\" must be a string" },
  { "vendor-guessed-not-array",
    "{'id':'acme','name':'A','config_format':'cfg','writer':'acme','ouis':[],'key_codes':{},'guessed':'ouis'}",
    "", "", PA_CATALOG_ERROR_WRONG_TYPE, "\"guessed\" must be an array" },
  { "module-id-case", VENDORS,
    "{'id':'Acme-Exp','vendor':'acme','name':'E','keys_per_page':10,'pages':2,'keys':20}", "",
    PA_CATALOG_ERROR_INVALID, "id \"Acme-Exp\" must be lower-case" },
  { "module-guessed-unknown", VENDORS,
    "{'id':'acme-exp','vendor':'acme','name':'E','keys_per_page':10,'pages':2,'keys':20,"
    "'guessed':['name']}", "",
    PA_CATALOG_ERROR_INVALID, "guessed[0] names \"name\"" },
  { "module-guessed-empty-string", VENDORS,
    "{'id':'acme-exp','vendor':'acme','name':'E','keys_per_page':10,'pages':2,'keys':20,"
    "'guessed':['']}", "",
    PA_CATALOG_ERROR_INVALID, "guessed[0] is empty" },
  /* face */
  { "model-face-columns-three", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'face':{'columns':3,'screen':true}," MODEL_TAIL,
    PA_CATALOG_ERROR_INVALID, "face: member \"columns\" is 3" },
  { "model-face-columns-zero", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'face':{'columns':0,'screen':true}," MODEL_TAIL,
    PA_CATALOG_ERROR_INVALID, "\"columns\" is 0" },
  { "model-face-columns-string", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'face':{'columns':'2','screen':true}," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "\"columns\" must be an integer" },
  { "model-face-columns-missing", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'face':{'screen':true}," MODEL_TAIL,
    PA_CATALOG_ERROR_MISSING, "\"columns\" is missing" },
  { "model-face-screen-missing", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'face':{'columns':2}," MODEL_TAIL,
    PA_CATALOG_ERROR_MISSING, "\"screen\" is missing" },
  { "model-face-screen-string", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'face':{'columns':2,'screen':'yes'}," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "\"screen\" must be true or false" },
  { "model-face-screen-number", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'face':{'columns':2,'screen':1}," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "\"screen\" must be true or false" },
  { "model-face-not-object", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'face':[2,true]," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "\"face\" must be an object" },
  { "model-face-null", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'face':null," MODEL_TAIL,
    PA_CATALOG_ERROR_WRONG_TYPE, "\"face\" must be an object" },
  { "model-face-extra-member", VENDORS, MODULES,
    MODEL_HEAD MODEL_KEYS "'face':{'columns':2,'screen':true,'rows':5}," MODEL_TAIL,
    PA_CATALOG_ERROR_UNKNOWN_MEMBER, "face: unknown member \"rows\"" },
  { "module-face-columns-three", VENDORS,
    "{'id':'acme-exp','vendor':'acme','name':'E','keys_per_page':10,'pages':2,'keys':20,"
    "'face':{'columns':3,'screen':false}}", "",
    PA_CATALOG_ERROR_INVALID, "\"columns\" is 3" },
  { "module-face-screen-null", VENDORS,
    "{'id':'acme-exp','vendor':'acme','name':'E','keys_per_page':10,'pages':2,'keys':20,"
    "'face':{'columns':1,'screen':null}}", "",
    PA_CATALOG_ERROR_WRONG_TYPE, "\"screen\" must be true or false" },
  { "module-note-number", VENDORS,
    "{'id':'acme-exp','vendor':'acme','name':'E','keys_per_page':10,'pages':2,'keys':20,"
    "'note':[]}", "",
    PA_CATALOG_ERROR_WRONG_TYPE, "\"note\" must be a string" },
};

static void
test_bad_document (gconstpointer data)
{
  const BadDoc *bad = data;
  g_autofree char *text = doc (bad->vendors, bad->modules, bad->models);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCatalog) catalog = pa_catalog_new_from_data (text, -1, &error);

  g_test_message ("%s → %s", text, error ? error->message : "loaded");
  g_assert_null (catalog);
  g_assert_error (error, PA_CATALOG_ERROR, (gint) bad->code);
  if (strstr (error->message, bad->needle) == NULL)
    g_error ("message \"%s\" lacks \"%s\"", error->message, bad->needle);
}

static void
assert_top_level_error (const char     *json,
                        PaCatalogError  code,
                        const char     *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCatalog) catalog = pa_catalog_new_from_data (json, -1, &error);

  g_test_message ("%s → %s", json, error ? error->message : "loaded");
  g_assert_null (catalog);
  g_assert_error (error, PA_CATALOG_ERROR, (gint) code);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_bad_top_level (void)
{
  assert_top_level_error ("", PA_CATALOG_ERROR_MALFORMED, "empty");
  assert_top_level_error ("  ", PA_CATALOG_ERROR_MALFORMED, "empty");
  assert_top_level_error ("{\"vendors\": [", PA_CATALOG_ERROR_MALFORMED, "not valid JSON");
  assert_top_level_error ("not json", PA_CATALOG_ERROR_MALFORMED, "not valid JSON");
  assert_top_level_error ("[]", PA_CATALOG_ERROR_MALFORMED, "must be a JSON object");
  assert_top_level_error ("42", PA_CATALOG_ERROR_MALFORMED, "must be a JSON object");
  assert_top_level_error ("{}", PA_CATALOG_ERROR_MISSING, "\"vendors\"");
  assert_top_level_error ("{\"vendors\":[],\"modules\":[]}", PA_CATALOG_ERROR_MISSING,
                          "\"models\"");
  assert_top_level_error ("{\"vendors\":{},\"modules\":[],\"models\":[]}",
                          PA_CATALOG_ERROR_WRONG_TYPE, "\"vendors\" must be an array");
  assert_top_level_error ("{\"vendors\":[],\"modules\":[],\"models\":[],\"extra\":1}",
                          PA_CATALOG_ERROR_UNKNOWN_MEMBER, "\"extra\"");
}

/* Cisco's numbers as provisioning facts §7 corrects them: the MPP model
 * file is $PSN.xml (8841-3PCC.xml, §7.1), a feature code is a speed dial
 * (§7.2), the 8800 KEM has 32 keys per unit and the CP-7841 takes one
 * module, both as wazo has them (§7.4). */
static void
test_default_cisco (void)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaVendor *cisco = pa_catalog_get_vendor (catalog, "cisco");
  PaDeviceModel *cp8841 = pa_catalog_get_model (catalog, "cisco-cp-8841");

  g_assert_cmpstr (pa_vendor_get_writer (cisco), ==, "cisco");
  g_assert_cmpstr (pa_vendor_get_key_code (cisco, "feature_code"), ==, "sd");
  g_assert_cmpstr (pa_vendor_get_key_code (cisco, "blf"), ==, "blf+sd+cp");
  g_assert_true (pa_vendor_is_guessed (cisco, "key_codes.park"));
  g_assert_cmpstr (pa_device_model_get_common_file (cp8841), ==, "8841-3PCC.xml");
  g_assert_cmpstr (pa_device_model_get_common_file (pa_catalog_get_model (catalog,
                                                                          "cisco-spa504g")),
                   ==, "spa504G.cfg");
  g_assert_cmpuint (pa_expansion_module_get_keys (pa_catalog_get_module (catalog,
                                                                         "cisco-cp-8800-kem")),
                    ==, 32);
  g_assert_cmpuint (pa_device_model_get_module_max (pa_catalog_get_model (catalog,
                                                                          "cisco-cp-7841"),
                                                    "cisco-cp-8800-kem"), ==, 1);
}

/* The Event of each vendor's resync and reboot NOTIFY (provisioning facts
 * §2.8), read from the catalog so provd names no vendor. */
static void
test_default_sip_events (void)
{
  static const struct { const char *vendor, *resync, *reboot; } expected[] = {
    { "yealink", "check-sync;reboot=false", "check-sync;reboot=true" },
    { "polycom", "check-sync", "check-sync" },
    { "grandstream", "check-sync", "check-sync;reboot=true" },
    { "cisco", "resync", "reboot_now" },
    { "snom", "check-sync;reboot=false", "check-sync;reboot=true" },
    { "fanvil", "check-sync", "check-sync;reboot=true" },
  };
  PaCatalog *catalog = pa_catalog_get_default ();
  GListModel *vendors = pa_catalog_get_vendors (catalog);

  /* every vendor can be pushed */
  for (guint i = 0; i < g_list_model_get_n_items (vendors); i++)
    {
      g_autoptr(PaVendor) vendor = g_list_model_get_item (vendors, i);

      g_assert_nonnull (pa_vendor_get_sip_event (vendor, PA_SIP_ACTION_RESYNC));
      g_assert_nonnull (pa_vendor_get_sip_event (vendor, PA_SIP_ACTION_REBOOT));
      g_assert_null (pa_vendor_get_sip_event (vendor, "factory-reset"));
    }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      PaVendor *vendor = pa_catalog_get_vendor (catalog, expected[i].vendor);

      g_assert_cmpstr (pa_vendor_get_sip_event (vendor, PA_SIP_ACTION_RESYNC), ==,
                       expected[i].resync);
      g_assert_cmpstr (pa_vendor_get_sip_event (vendor, PA_SIP_ACTION_REBOOT), ==,
                       expected[i].reboot);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/default/sip-events", test_default_sip_events);

  g_test_add_func ("/catalog/default/loads", test_default_loads);
  g_test_add_func ("/catalog/default/reference-models", test_default_has_reference_models);
  g_test_add_func ("/catalog/default/consistent", test_default_consistent);
  g_test_add_func ("/catalog/default/t54w", test_default_t54w);
  g_test_add_func ("/catalog/default/file-names", test_default_other_files);
  g_test_add_func ("/catalog/default/grandstream", test_default_grandstream);
  g_test_add_func ("/catalog/default/key-codes", test_default_key_codes);
  g_test_add_func ("/catalog/default/cisco", test_default_cisco);
  g_test_add_func ("/catalog/default/lookups", test_default_lookups);
  g_test_add_func ("/catalog/default/to-json", test_default_to_json);
  g_test_add_func ("/catalog/data/minimal", test_minimal_document);
  g_test_add_func ("/catalog/data/face", test_face);
  g_test_add_func ("/catalog/default/face", test_default_face);
  g_test_add_func ("/catalog/data/bad-top-level", test_bad_top_level);
  for (guint i = 0; i < G_N_ELEMENTS (bad_docs); i++)
    {
      g_autofree char *path = g_strdup_printf ("/catalog/data/bad/%s", bad_docs[i].name);
      g_test_add_data_func (path, &bad_docs[i], test_bad_document);
    }

  return g_test_run ();
}
