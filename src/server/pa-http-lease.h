/* pa-http-lease.h — the streams libsoup gets for one request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GIOStream whose pollable input and output go through its
 * PaHttpConnection: input is the head the connection already read, then
 * the body from the socket, never past the request's end; closing it ends
 * the lease without closing the socket, and the connection decides what
 * comes next.
 */
#pragma once

#include <gio/gio.h>

#include "pa-http-connection.h"

G_BEGIN_DECLS

#define PA_TYPE_HTTP_LEASE (pa_http_lease_get_type ())
G_DECLARE_FINAL_TYPE (PaHttpLease, pa_http_lease, PA, HTTP_LEASE, GIOStream)

GIOStream *pa_http_lease_new (PaHttpConnection *connection);

G_END_DECLS
