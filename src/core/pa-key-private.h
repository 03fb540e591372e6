/* pa-key-private.h — the `keys` member shared by layouts and module layouts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-key.h"

G_BEGIN_DECLS

/* Reads the `keys` member into @value (a GListModel property); errors are
 * prefixed with `keys`. */
gboolean pa_key_list_read_member (JsonNode     *node,
                                  GValue       *value,
                                  GError      **error);
/* Puts a copy of @keys in *@store unless the lists are equal; TRUE when it
 * changed, so the caller notifies. */
gboolean pa_key_list_replace     (GListStore  **store,
                                  GListModel   *keys);

G_END_DECLS
