/* pa-fetch-log.h — what phones' fetches tell about them, written in batches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every fetch records the phone's address, User-Agent, firmware and when it
 * was seen. Written one by one that is a database write inside every poll,
 * on the main loop; here fetches are kept per phone (the latest wins) and
 * written a moment later by a thread of the fetch log's own, one
 * transaction per batch; pa_fetch_log_flush() waits for what came before
 * anything reads them (an API request) and at shutdown.
 */
#pragma once

#include "pa-store.h"

G_BEGIN_DECLS

/* How long a fetch may wait before it is written. */
#define PA_FETCH_LOG_DELAY_MS 250
/* A fetch that tells nothing new but the time (same address, User-Agent and
 * firmware, no new status) waits until this long after the phone's last
 * record: last_seen is exact to a minute. */
#define PA_FETCH_LOG_QUIET_SEC 60
#define PA_FETCH_LOG_SWEEP_SEC 5
/* Kinds of request kept per phone (file, address, User-Agent, status);
 * alike requests are one, counted. */
#define PA_FETCH_LOG_HISTORY 20

typedef struct _PaFetchLog PaFetchLog;

/* NULL when @store cannot give the thread a store of its own. */
PaFetchLog *pa_fetch_log_new   (PaStore                   *store,
                                GError                   **error);
/* Writes what is pending first. */
void        pa_fetch_log_free  (PaFetchLog                *self);

/* Copies @update; a later fetch of the same phone replaces it, except that
 * a status set by either stays set. The request (@file answered with
 * @http_status, from update's ip and user_agent) is counted too, and goes
 * with the update to the thread, which counts it into the phone's kept
 * records (so a poll reads nothing from the database). */
void        pa_fetch_log_add   (PaFetchLog                *self,
                                gint64                     phone_id,
                                const PaPhoneStatusUpdate *update,
                                const char                *file,
                                guint                      http_status);
/* The phone's recent requests, most recent first (PaFetchRecord): what
 * waits is written first (also a quiet record), then they are read. */
GPtrArray  *pa_fetch_log_dup_history (PaFetchLog          *self,
                                      gint64               phone_id,
                                      GError             **error);
/* Hands over what is pending and waits until it is written (a quiet
 * record waits its minute). Blocks: for the stop, and one phone's
 * history. */
void        pa_fetch_log_flush (PaFetchLog                *self);

/* The longest pa_fetch_log_when_flushed() waits. */
#define PA_FETCH_LOG_WAIT_MS 500

/* Hands over what is pending and calls @func on the main loop once it is
 * written, without blocking it: at once when nothing is behind; after at
 * most PA_FETCH_LOG_WAIT_MS, or at once while a unit of work holds the
 * store, with what is written by then. Then @destroy. */
void        pa_fetch_log_when_flushed (PaFetchLog          *self,
                                       GSourceFunc          func,
                                       gpointer             data,
                                       GDestroyNotify       destroy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaFetchLog, pa_fetch_log_free)

G_END_DECLS
