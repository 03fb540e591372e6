/* pa-client-worker.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void pa_client_worker_run (GTask           *task,
                           GTaskThreadFunc  func);

G_END_DECLS
