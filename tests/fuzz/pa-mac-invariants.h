/* pa-mac-invariants.h — what pa_mac_normalize() promises on any input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the libFuzzer target (tests/fuzz/fuzz-mac.c), which aborts on
 * a violation, and tests/core/test-mac-corpus.c, which replays the seed
 * corpus (tests/fuzz/corpus/mac) through it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NULL when every invariant holds, else a static sentence naming the first
 * one broken. */
const char *pa_mac_check_invariants (const guint8 *data,
                                     gsize         size);

G_END_DECLS
