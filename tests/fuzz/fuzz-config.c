/* fuzz-config.c — libFuzzer target for provd's key file
 * (pa_server_config_load_data())
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by `tools/fuzz.sh config`; not part of the meson build.
 * The invariants live in pa-config-invariants.c, replayed by
 * test-config-corpus.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pa-config-invariants.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *problem = pa_config_check_invariants (data, size);

  if (problem != NULL)
    {
      fprintf (stderr, "pa_server_config_load_data invariant broken: %s\n", problem);
      abort ();
    }
  return 0;
}
