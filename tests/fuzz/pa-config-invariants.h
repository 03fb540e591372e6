/* pa-config-invariants.h — what pa_server_config_load_data() promises on
 * any key file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by the libFuzzer target (tests/fuzz/fuzz-config.c) and
 * tests/server/test-config-corpus.c, which replays tests/fuzz/corpus/config.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *pa_config_check_invariants (const guint8 *data,
                                        gsize         size);

G_END_DECLS
