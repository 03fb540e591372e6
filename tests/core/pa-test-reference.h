/* pa-test-reference.h — the reference phone every writer's golden file shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two lines on two registrars (201 over TLS on pbx.example.com, 300 over UDP
 * on sales.example.net), a layout with one key of every type (line 1, line 2,
 * BLF 202, speed dial, feature code *78, park 700, park retrieve 701,
 * conference, custom) then empty keys, one sidecar of @module_id with every
 * key a BLF to 301.. (no sidecar when @module_id is NULL), a profile with
 * Europe/Berlin, ntp.example.com, 60 minutes polling and features.dnd.enable = 0, an admin password, and the
 * setup link https://prov.example.com:8670/p/TOKEN/. Values carry quotes,
 * '&' and '<>' so every writer's escaping shows in its golden file.
 */
#pragma once

#include "pa-core.h"
#include "pa-render.h"

PaRenderContext *pa_test_reference_context (const char *vendor_id,
                                            const char *model_id,
                                            const char *mac,
                                            const char *module_id);

/* Renders every file pa_render_list_files() names and compares it with
 * tests/core/golden/<writer>/<file>; with PA_UPDATE_GOLDEN set, writes it. */
void             pa_test_check_golden      (PaRenderContext *ctx,
                                            const char      *writer);

/* Renders @file, failing the test on an error or unless the Content-Type is
 * exactly @content_type. */
char            *pa_test_render            (PaRenderContext *ctx,
                                            const char      *file,
                                            const char      *content_type);

/* Fails the test unless rendering @file fails with
 * PA_RENDER_ERROR_NO_SUCH_FILE: a name that is not this phone's file. */
void             pa_test_assert_no_such_file (PaRenderContext *ctx,
                                              const char      *file);
