/* pa-mac.h — parsing and spelling of phone MAC addresses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one spelling PhoneAdmin stores and shows: "80:5E:C0:12:34:56". */
#define PA_MAC_NORMALIZED_LEN 17

/**
 * pa_mac_normalize:
 * @text: (nullable): what the user typed or the scanner sent, in any common
 *   spelling (`805ec0123456`, `80-5E-C0-12-34-56`, `80:5e:c0:12:34:56`,
 *   `805e.c012.3456`, spaces between groups, surrounding white space).
 * @error: set to %PA_MODEL_ERROR_INVALID with field `mac` on failure; the
 *   message is translated and says what is wrong.
 *
 * Returns: (transfer full) (nullable): the MAC as `80:5E:C0:12:34:56`.
 */
char     *pa_mac_normalize  (const char *text,
                             GError    **error);

/**
 * pa_mac_to_compact:
 * @normalized: a MAC as returned by pa_mac_normalize()
 *
 * Returns: (transfer full) (nullable): 12 lower-case hex digits
 *   (`805ec0123456`), the spelling phones use in file names; %NULL if
 *   @normalized is not a normalised MAC.
 */
char     *pa_mac_to_compact (const char *normalized);

/**
 * pa_mac_is_valid:
 * @normalized: (nullable): a string
 *
 * Returns: %TRUE if @normalized is exactly in the normalised spelling and is
 *   a usable unicast address (not multicast, broadcast or all zero).
 */
gboolean  pa_mac_is_valid   (const char *normalized);

/**
 * pa_mac_oui:
 * @normalized: a MAC as returned by pa_mac_normalize()
 *
 * Returns: (transfer full) (nullable): the vendor prefix, `80:5E:C0`; %NULL
 *   if @normalized is not a normalised MAC.
 */
char     *pa_mac_oui        (const char *normalized);

G_END_DECLS
