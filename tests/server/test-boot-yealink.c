/* test-boot-yealink.c — a Yealink T54W boots from its setup link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Provisioning facts §7.1: y000000000000.boot and <mac>.boot first (a 404
 * makes the phone fall back), then the model's common file, then <mac>.cfg,
 * MAC in lower case, with the phone's own User-Agent.
 */
#include "config.h"

#include <string.h>

#include "pa-test-boot.h"

#define UA "Yealink SIP-T54W 96.86.0.100 80:5e:c0:12:34:56"

static void
assert_line (const char *text,
             const char *line)
{
  g_autofree char *needle = g_strconcat ("\n", line, "\n", NULL);

  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in:\n%s", line, text);
}

static void
test_boot (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaTestBootPhone) phone = pa_test_boot_phone_new (server, "yealink", "yealink-t54w",
                                                             "80:5E:C0:12:34:56", NULL);
  g_autoptr(PaTestResponse) common = NULL;
  g_autoptr(PaTestResponse) device = NULL;
  g_autofree char *setup_link = NULL;
  g_autofree char *line = NULL;

  /* No .boot files: the phone falls back to the .cfg files. */
  pa_test_boot_assert_not_found (server, phone, "y000000000000.boot", UA);
  pa_test_boot_assert_not_found (server, phone, "805ec0123456.boot", UA);

  common = pa_test_boot_fetch (server, phone, "y000000000096.cfg", UA);
  pa_test_boot_assert_ok (common, "text/plain");
  g_assert_true (g_str_has_prefix (common->text, "#!version:1.0.0.1\n"));
  /* The provisioning URL is the phone's own setup link, so its next poll
   * comes back here. */
  setup_link = g_strdup_printf ("static.auto_provision.server.url = %s/p/%s/",
                                server->url, phone->token);
  assert_line (common->text, setup_link);

  device = pa_test_boot_fetch (server, phone, "805ec0123456.cfg", UA);
  pa_test_boot_assert_ok (device, "text/plain");
  g_assert_true (g_str_has_prefix (device->text, "#!version:1.0.0.1\n"));
  assert_line (device->text, "account.1.enable = 1");
  line = g_strdup_printf ("account.1.user_name = %s", phone->username);
  assert_line (device->text, line);
  g_free (line);
  line = g_strdup_printf ("account.1.password = %s", phone->password);
  assert_line (device->text, line);
  assert_line (device->text, "account.1.sip_server.1.address = " PA_TEST_SIP_SERVER);

  /* Other spellings of the same names are not this phone's files. */
  pa_test_boot_assert_not_found (server, phone, "805EC0123456.cfg", UA);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boot/yealink", test_boot);

  return g_test_run ();
}
