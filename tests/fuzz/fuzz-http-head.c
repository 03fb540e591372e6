/* fuzz-http-head.c — libFuzzer target for pa_http_head_scan()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by tools/fuzz.sh (clang, -fsanitize=fuzzer,address,undefined);
 * not part of the meson build. The invariants live in
 * pa-http-head-invariants.c so test-http-head replays the seed corpus
 * through the very same checks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pa-http-head-invariants.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *problem = pa_http_head_check_invariants (data, size);

  if (problem != NULL)
    {
      fprintf (stderr, "pa_http_head_scan invariant broken: %s\n", problem);
      abort ();
    }
  return 0;
}
