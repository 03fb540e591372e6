/* pa-render-ahead.h — a bulk job's new files, made on its worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-server-private.h"

G_BEGIN_DECLS

typedef struct _PaRenderAhead PaRenderAhead;

/* Main loop, as the job starts: which files of @phone_ids the render
 * cache holds (the ones their phones fetch), and those @storing (the last
 * job's, nullable) has yet to store. */
PaRenderAhead *pa_render_ahead_new     (PaServer      *server,
                                        GArray        *phone_ids,
                                        PaRenderAhead *storing);
/* The job's worker, once its transaction committed: those files of the
 * phones in @affected, rendered anew from @store and cut for the cache. */
void           pa_render_ahead_render  (PaRenderAhead *self,
                                        PaStore       *store,
                                        GArray        *affected,
                                        GCancellable  *cancellable);
/* Main loop, when the job's unit is done, in place of
 * pa_server_forget_rendered(): the phones of @derive with no new file lose
 * their old ones now; the others have theirs swapped, a slice of phones
 * per turn, leaving out a phone forgotten again since (a write after the
 * job's). Takes @self, and sets *@owner to it until it is done (then
 * NULL): freeing *@owner stops it, the rest of its phones forgotten. */
void           pa_render_ahead_store   (PaRenderAhead  *self,
                                        PaDerive       *derive,
                                        PaRenderAhead **owner);
void           pa_render_ahead_free    (PaRenderAhead *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaRenderAhead, pa_render_ahead_free)

G_END_DECLS
