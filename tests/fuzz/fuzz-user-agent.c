/* fuzz-user-agent.c — libFuzzer target for pa_user_agent_parse()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by `tools/fuzz.sh user-agent` (clang,
 * -fsanitize=fuzzer,address,undefined); not part of the meson build. The
 * input goes in as provd hands a User-Agent over (cut to
 * PA_USER_AGENT_MAX_LEN, made valid UTF-8, NUL-terminated) and raw as well.
 * The invariants live in pa-user-agent-invariants.c so
 * tests/core/test-user-agent-corpus.c replays the seed corpus through the
 * very same checks.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pa-user-agent-invariants.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const char *problem = pa_user_agent_check_invariants (data, size, NULL);

  if (problem != NULL)
    {
      fprintf (stderr, "pa_user_agent_parse invariant broken: %s\n", problem);
      abort ();
    }
  return 0;
}
