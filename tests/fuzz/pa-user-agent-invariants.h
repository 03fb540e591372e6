/* pa-user-agent-invariants.h — what pa_user_agent_parse() promises on any input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the libFuzzer target (tests/fuzz/fuzz-user-agent.c), which aborts
 * on a violation, and the unit test (tests/core/test-user-agent-corpus.c),
 * which replays the seed corpus through it so a saved crash input stays
 * fixed.
 */
#pragma once

#include <glib.h>

#include "pa-user-agent.h"

G_BEGIN_DECLS

/* Longest model the invariants accept, in bytes (the parser's MODEL_MAX_LEN). */
#define PA_USER_AGENT_INVARIANT_MODEL_MAX 64

/* Makes of @data what provd's read_user_agent() makes of a header value: at
 * most PA_USER_AGENT_MAX_LEN bytes (up to the first NUL), made valid UTF-8,
 * NUL-terminated. Returned in an allocation of exactly strlen + 1 bytes, so
 * an address sanitizer sees any read past the end. */
char       *pa_user_agent_prepare_like_provd  (const guint8 *data,
                                               gsize         size);

/* Parses @data twice the way provd does (see above), and once more as raw
 * bytes (an exactly-sized NUL-terminated copy, not cut, not made valid), and
 * checks each result against the header's promises. Returns NULL when every
 * invariant holds, else a static sentence naming the first one broken. When
 * @info is not NULL it receives the provd-style parse (cleared on failure). */
const char *pa_user_agent_check_invariants    (const guint8    *data,
                                               gsize            size,
                                               PaUserAgentInfo *info);

G_END_DECLS
