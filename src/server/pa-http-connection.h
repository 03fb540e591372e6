/* pa-http-connection.h — one client's TCP connection, from accept to close
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * provd owns every connection itself and lends it to libsoup one request at
 * a time (soup_server_accept_iostream() with a PaHttpLease). Between
 * requests the connection is ours: we read the next head, check its
 * framing, time out idle or slow clients, and close the socket when the
 * client goes away. libsoup 3.2 never notices a keep-alive client that
 * closes while idle and keeps its descriptor forever; with this split that
 * state never exists inside libsoup, on any version.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A client that sends nothing for this long after connecting is closed. */
#define PA_HTTP_IDLE_TIMEOUT_SEC     10
/* ... and after its last response on a kept-alive connection: longer than
 * the app's 10 s refresh, so its connection is not closed as it reuses it. */
#define PA_HTTP_KEEPALIVE_TIMEOUT_SEC 30
/* From the first byte of a head to its end. */
#define PA_HTTP_HEAD_TIMEOUT_SEC     10
/* While libsoup has the connection: no byte either way for this long. */
#define PA_HTTP_STALL_TIMEOUT_SEC    60
/* After refusing a request: how long its remaining bytes are read and
 * dropped, so closing does not reset the connection under our answer. */
#define PA_HTTP_LINGER_TIMEOUT_SEC   2
/* Requests served on one connection before it is closed. */
#define PA_HTTP_MAX_REQUESTS         1000

typedef struct _PaHttpListener PaHttpListener;

#define PA_TYPE_HTTP_CONNECTION (pa_http_connection_get_type ())
G_DECLARE_FINAL_TYPE (PaHttpConnection, pa_http_connection, PA, HTTP_CONNECTION, GObject)

/* Takes @socket (non-blocking, accepted) and starts reading its first head.
 * The listener is notified through pa_http_listener_connection_closed(). */
PaHttpConnection *pa_http_connection_new           (PaHttpListener    *listener,
                                                    SoupServer        *soup,
                                                    GSocket           *socket,
                                                    GSocketAddress    *local,
                                                    GSocketAddress    *remote);

GSocketAddress   *pa_http_connection_get_remote    (PaHttpConnection  *self);

/* libsoup started reading a request on it: says in the response whether
 * the connection stays open (@crowded: the listener is short of room). */
void              pa_http_connection_request_started (PaHttpConnection  *self,
                                                      SoupServerMessage *msg,
                                                      gboolean           crowded);

/* The request being served switches protocols: the lease reads without
 * a limit, and the connection closes when the lease ends. */
void              pa_http_connection_upgrade       (PaHttpConnection  *self);

/* The server's verdict on the request libsoup just answered: @finished is
 * FALSE when it was aborted. Decides whether the connection is kept. */
void              pa_http_connection_request_done  (PaHttpConnection  *self,
                                                    SoupServerMessage *msg,
                                                    gboolean           finished);

/* Checks the connection's deadline; closes (or, while libsoup has it,
 * shuts down) a connection past it. Returns FALSE once it is closed. */
gboolean          pa_http_connection_check_deadline (PaHttpConnection *self,
                                                     gint64            now);

/* TRUE while it waits, with nothing read, for a next request after an
 * earlier one, or for a first one since @idle_since or longer ago: the
 * ones to let go when descriptors run short. */
gboolean          pa_http_connection_is_idle        (PaHttpConnection *self,
                                                     gint64            idle_since);

/* Closes it now, whatever it is doing. */
void              pa_http_connection_close          (PaHttpConnection *self);

/* -- for PaHttpLease, the streams libsoup reads and writes ------------- */

gssize            pa_http_connection_lease_read     (PaHttpConnection *self,
                                                     void             *buffer,
                                                     gsize             count,
                                                     gboolean          blocking,
                                                     GCancellable     *cancellable,
                                                     GError          **error);
gssize            pa_http_connection_lease_write    (PaHttpConnection *self,
                                                     const void       *buffer,
                                                     gsize             count,
                                                     gboolean          blocking,
                                                     GCancellable     *cancellable,
                                                     GError          **error);
gboolean          pa_http_connection_lease_ready    (PaHttpConnection *self,
                                                     GIOCondition      condition);
GSource          *pa_http_connection_lease_source   (PaHttpConnection *self,
                                                     GIOCondition      condition,
                                                     GCancellable     *cancellable);
void              pa_http_connection_lease_closed   (PaHttpConnection *self);

G_END_DECLS
