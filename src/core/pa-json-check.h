/* pa-json-check.h — what a JSON body must be before json-glib reads it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib parses recursively (a body nested some 75,000 deep overflows
 * the stack), keeps the last of two members of one name, reads the first
 * of two concatenated values and cuts a string at an escaped NUL. A body a
 * stranger sends is checked here first, in one pass without recursion or
 * allocation beyond the member names of the open objects. Pure; fuzzed.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deeper bodies are refused: PhoneAdmin's own go four levels deep. */
#define PA_JSON_MAX_DEPTH 32

/* TRUE when @data (@length bytes, valid UTF-8) is one JSON value, nested at
 * most PA_JSON_MAX_DEPTH deep, with no object naming a member twice and
 * no string holding \u0000. Otherwise FALSE with @error
 * (PA_MODEL_ERROR_MALFORMED) saying which, and where. Says nothing else
 * about the syntax: json-glib judges that. */
gboolean pa_json_check (const char  *data,
                        gsize        length,
                        GError     **error);

G_END_DECLS
