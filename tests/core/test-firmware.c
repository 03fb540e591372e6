/* test-firmware.c — firmware versions in the order vendors number them,
 * and the newer firmware a phone could run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "pa-firmware.h"

static void
test_version_compare (void)
{
  static const struct { const char *a, *b; int order; } cases[] = {
    { "96.86.0.50", "96.85.0.100", 1 },
    { "96.85.0.100", "96.85.0.99", 1 },
    { "96.85.0.5", "96.85.0.5", 0 },
    { "96.85.0.05", "96.85.0.5", 0 },
    { "150.86.0.12", "96.86.0.12", 1 },
    { "6.4.6", "6.4.6.1", -1 },
    { "11.1.0.1", "11.1.0.1b", -1 },
    { "7.5.2b", "7.5.2a", 1 },
    { "", "1", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s ? %s", cases[i].a, cases[i].b);
      g_assert_cmpint (pa_firmware_version_compare (cases[i].a, cases[i].b), ==, cases[i].order);
      g_assert_cmpint (pa_firmware_version_compare (cases[i].b, cases[i].a), ==, -cases[i].order);
    }
}

static PaFirmware *
firmware (const char *version,
          const char *model)
{
  PaFirmware *made = pa_firmware_new ();
  const char *models[] = { model, NULL };

  pa_firmware_set_version (made, version);
  pa_firmware_set_models (made, models);
  return made;
}

static void
test_find_newer (void)
{
  g_autoptr(GListStore) store = g_list_store_new (PA_TYPE_FIRMWARE);
  g_autoptr(PaFirmware) old = firmware ("96.85.0.5", "yealink-t54w");
  g_autoptr(PaFirmware) newer = firmware ("96.86.0.50", "yealink-t54w");
  g_autoptr(PaFirmware) newest_other = firmware ("108.87.0.1", "yealink-t46u");

  g_list_store_append (store, old);
  g_list_store_append (store, newer);
  g_list_store_append (store, newest_other);

  g_assert_true (pa_firmware_find_newer (G_LIST_MODEL (store), "yealink-t54w", "96.85.0.100") == newer);
  g_assert_null (pa_firmware_find_newer (G_LIST_MODEL (store), "yealink-t54w", "96.86.0.50"));
  g_assert_null (pa_firmware_find_newer (G_LIST_MODEL (store), "yealink-t54w", NULL));
  g_assert_null (pa_firmware_find_newer (G_LIST_MODEL (store), "polycom-vvx450", "1.0"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/firmware/version-compare", test_version_compare);
  g_test_add_func ("/firmware/find-newer", test_find_newer);
  return g_test_run ();
}
