/* pa-corpus-replay.h — a fuzz target's seed corpus through its invariants,
 * in the normal test suite (no clang needed)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef const char *(*PaInvariantsFunc) (const guint8 *data,
                                         gsize         size);

/* Runs every file of tests/fuzz/corpus/@target, and every prefix of it, so
 * a crash input saved there stays fixed; fails the test naming the file
 * and the invariant broken. Returns how many files it read. */
guint pa_corpus_replay (const char       *target,
                        PaInvariantsFunc  check);

G_END_DECLS
