/* pa-sip-keepalive.c — OPTIONS to phones: who is online
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-sip"

#include "config.h"

#include "pa-server-private.h"

void
pa_server_start_keepalive (PaServer *self)
{
}

void
pa_server_stop_keepalive (PaServer *self)
{
}
