/* fuzz-mac.c — libFuzzer target for pa_mac_normalize()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by `tools/fuzz.sh mac`; not part of the meson build. A MAC
 * comes from a barcode scanner, a CSV, a phone's file name or the API. The
 * invariants live in pa-mac-invariants.c, replayed by test-mac-corpus.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pa-mac-invariants.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *problem = pa_mac_check_invariants (data, size);

  if (problem != NULL)
    {
      fprintf (stderr, "pa_mac_normalize invariant broken: %s\n", problem);
      abort ();
    }
  return 0;
}
