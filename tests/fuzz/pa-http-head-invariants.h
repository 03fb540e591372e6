/* pa-http-head-invariants.h — what pa_http_head_scan() promises on any input
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the libFuzzer target (tests/fuzz/fuzz-http-head.c), which aborts
 * on a violation, and the unit test (tests/server/test-http-head.c), which
 * replays the seed corpus through it so a saved crash input stays fixed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Scans @data and some of its prefixes, each from an exactly-sized copy, and
 * checks the verdicts against the header's promises. Returns NULL when every
 * invariant holds, else a static sentence naming the first one broken. */
const char *pa_http_head_check_invariants (const guint8 *data,
                                           gsize         size);

G_END_DECLS
