/* fuzz-json-body.c — libFuzzer target for pa_json_check()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by `tools/fuzz.sh json-body` (clang,
 * -fsanitize=fuzzer,address,undefined); not part of the meson build. The
 * invariants live in pa-json-check-invariants.c so tests/core/test-json-check.c
 * replays the seed corpus through the very same checks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pa-json-check-invariants.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *problem = pa_json_check_invariants (data, size);

  if (problem != NULL)
    {
      fprintf (stderr, "pa_json_check invariant broken: %s\n", problem);
      abort ();
    }
  return 0;
}
