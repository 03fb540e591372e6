/* pa-gather.h — read everything a phone's files are made from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-render.h"
#include "pa-server-private.h"

G_BEGIN_DECLS

/* How much a gather loads: everything with the real passwords (a phone's
 * files, and its fingerprint), everything with passwords masked (the
 * admin's preview), or only what the settings are resolved from, without
 * passwords or keys (whether the phone needs attention). */
typedef enum
{
  PA_GATHER_FILES,
  PA_GATHER_PREVIEW,
  PA_GATHER_SETTINGS,
} PaGather;

/* Resources already parsed, for gathering many phones at once from @store
 * (the server's, or a unit of work's): a gather with a memo reads only
 * that store, one without reads the server's. (The type is declared in
 * pa-server-private.h.) */
PaGatherMemo    *pa_gather_memo_new  (PaStore *store);
void             pa_gather_memo_free (PaGatherMemo *memo);

/**
 * pa_gather:
 * @memo: (nullable): shares parsed profiles and layouts between calls
 * @inputs: (nullable) (element-type PaConfigInput): receives every input
 *   read, also when gathering fails part way; only with %PA_GATHER_FILES
 *
 * Errors: PA_RENDER_ERROR_NO_SUCH_FILE for a model the catalog does not
 * know; store errors.
 */
PaRenderContext *pa_gather           (PaServer      *self,
                                      PaPhone       *phone,
                                      PaGather       what,
                                      PaGatherMemo  *memo,
                                      GArray        *inputs,
                                      GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaGatherMemo, pa_gather_memo_free)

G_END_DECLS
