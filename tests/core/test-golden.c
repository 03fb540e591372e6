/* test-golden.c — one reference phone per vendor writer, byte for byte
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each golden file under tests/core/golden/<writer>/ was read line by line
 * against the provisioning facts (§2 as corrected by §7) when it was made;
 * what was checked is written beside each phone below. A change in the
 * output fails here until the new file has been read the same way and
 * saved with PA_UPDATE_GOLDEN=1.
 *
 * The reference phone: two lines on two registrars (one over TLS, so SRTP
 * is compulsory), a layout using every key type the vendor has a code for
 * plus empty keys, a full sidecar and an empty sidecar slot, a profile with
 * time zone, NTP, polling and custom parameters, and an admin password.
 */
#include "config.h"

#include "pa-test-reference.h"

/* Checked against §2.1 and §7 (Yealink): header line; provisioning URL,
 * pnp off, repeat polling in minutes, sip.trust_ctrl = 1 and
 * sip.notify_reboot_enable = 0 in the common file; per account enable,
 * label, display and auth name, user name, password, server, port,
 * transport (2 = TLS), expiry, outbound proxy off, DTMF 1 (RFC 2833), SRTP 2
 * (compulsory) only on the TLS line, MWI off, codecs with priorities; the
 * other 14 account slots disabled and blanked with %NULL%; line key 15, BLF
 * 16 with the extension as value, speed dial 13, feature code as speed dial
 * 13, park 10, park retrieve 56, conference 1, custom 73; keys 10–27 type 0
 * with value and label %NULL%; all 60 EXP50 keys in slot 1, slots 2 and 3
 * blanked; time zone +1 with automatic summer time; NTP; admin password;
 * the custom parameter last. Not yet: BLF pickup codes, time zone names,
 * a vendor-only custom parameter (profiles hold one list for all vendors). */
static void
test_yealink (void)
{
  g_autoptr(PaRenderContext) ctx = pa_test_reference_context ("yealink", "yealink-t54w",
                                                      "80:5E:C0:12:34:56", "yealink-exp50");

  pa_test_check_golden (ctx, "yealink");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/golden/yealink", test_yealink);

  return g_test_run ();
}
