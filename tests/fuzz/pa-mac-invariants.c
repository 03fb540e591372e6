/* pa-mac-invariants.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-error.h"
#include "pa-mac.h"
#include "pa-mac-invariants.h"

const char *
pa_mac_check_invariants (const guint8 *data,
                         gsize         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);   /* what a C string holds */
  g_autoptr(GError) error = NULL;
  g_autofree char *mac = pa_mac_normalize (text, &error);
  g_autofree char *again = NULL;
  g_autofree char *compact = NULL;
  g_autofree char *from_compact = NULL;
  g_autofree char *oui = NULL;

  if ((mac == NULL) != (error != NULL))
    return "the result and the error disagree";
  if (mac == NULL)
    {
      if (!g_error_matches (error, PA_MODEL_ERROR, PA_MODEL_ERROR_INVALID))
        return "a refusal is not PA_MODEL_ERROR_INVALID";
      if (!g_utf8_validate (error->message, -1, NULL))
        return "a refusal's message is not UTF-8 (it goes into a JSON answer)";
      return NULL;
    }
  if (strlen (mac) != PA_MAC_NORMALIZED_LEN || !pa_mac_is_valid (mac))
    return "an accepted MAC is not in the normalised spelling, or not usable";
  again = pa_mac_normalize (mac, NULL);
  if (g_strcmp0 (again, mac) != 0)
    return "normalising a normalised MAC changes it";
  compact = pa_mac_to_compact (mac);
  if (compact == NULL || strlen (compact) != 12)
    return "the compact spelling is not 12 digits";
  from_compact = pa_mac_normalize (compact, NULL);
  if (g_strcmp0 (from_compact, mac) != 0)
    return "the compact spelling does not read back as the same MAC";
  oui = pa_mac_oui (mac);
  if (oui == NULL || strncmp (oui, mac, 8) != 0)
    return "the OUI is not the MAC's first three bytes";
  return NULL;
}
