/* pa-json-check-invariants.h — what pa_json_check() promises on any input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the libFuzzer target (tests/fuzz/fuzz-json-body.c), which
 * aborts on a violation, and tests/core/test-json-check.c, which replays
 * the seed corpus (tests/fuzz/corpus/json-body) through it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Checks @data the way provd checks a body (valid UTF-8 first, then
 * pa_json_check()), from an exactly-sized copy. NULL when every invariant
 * holds, else a static sentence naming the first one broken. */
const char *pa_json_check_invariants (const guint8 *data,
                                      gsize         size);

G_END_DECLS
