/* pa-diff.h — what changes between two versions of a phone's file, as a
 * unified diff (the "Review Changes" a push is confirmed with)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The lines of @before and @after (either may be NULL: no file) as a
 * unified diff with @context lines around each change, headed
 * "--- @label (now)" and "+++ @label (after)"; NULL when they are the
 * same. Lines are compared whole; a missing last newline counts as one. */
char *pa_diff_unified (const char *before,
                       const char *after,
                       const char *label,
                       guint       context);

G_END_DECLS
