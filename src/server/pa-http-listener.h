/* pa-http-listener.h — provd's listening socket and its connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owns the accept loop instead of libsoup, whose listener takes one
 * connection per main-loop turn from a backlog of 10 and stops for good on
 * the first failed accept (EMFILE). Here the backlog is the kernel's
 * maximum, every wake-up drains it, a failed accept pauses accepting only
 * until a descriptor is free again, and connections are capped below
 * RLIMIT_NOFILE so the store always has descriptors left.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "pa-http-head.h"

#include "pa-http-connection.h"

G_BEGIN_DECLS

/* Descriptors kept back from connections for SQLite, logging and the rest. */
#define PA_HTTP_RESERVED_FDS 64

PaHttpListener *pa_http_listener_new                (SoupServer        *soup);
/* Closes the listening socket and every connection. */
void            pa_http_listener_free               (PaHttpListener    *self);

/* Binds and listens on @address; @bound gets the address with the port the
 * kernel chose. May be called once. */
gboolean        pa_http_listener_listen             (PaHttpListener    *self,
                                                     GSocketAddress    *address,
                                                     GSocketAddress   **bound,
                                                     GError           **error);

/* Stops accepting and closes every connection; idempotent. */
void            pa_http_listener_close              (PaHttpListener    *self);

/* Call from SoupServer's request-finished (@finished TRUE) and
 * request-aborted (FALSE) for every message. */
void            pa_http_listener_request_done       (PaHttpListener    *self,
                                                     SoupServerMessage *msg,
                                                     gboolean           finished);

/* The handler of @msg switches its connection to another protocol (a
 * WebSocket): once libsoup lets go of it, the connection's bytes are all
 * the new protocol's, for as long as it keeps the stream. A TLS
 * connection, which libsoup serves whole, needs nothing. */
void            pa_http_listener_upgrade            (PaHttpListener    *self,
                                                     SoupServerMessage *msg);

/* For PaHttpConnection: it closed its socket and leaves the set. */
void            pa_http_listener_connection_closed  (PaHttpListener    *self,
                                                     PaHttpConnection  *connection);

/* What a quick answer sends from a file after its bytes: @length bytes
 * from @offset of @fd, which the connection then closes. @fd is -1 when
 * the answer's bytes are all of it. */
typedef struct
{
  int     fd;
  guint64 offset;
  guint64 length;
} PaHttpFileBody;

/* A whole response (status line, headers, body) for a request that needs
 * nothing of libsoup, or NULL to hand the request to libsoup. Called with
 * a head without a body, nothing pipelined behind it; the connection
 * closes once the response is sent. A body may follow from a file
 * (@file, its fd -1 on entry), sent with sendfile(). */
typedef GBytes *(*PaHttpQuickFunc) (const PaHttpHeadParts *parts,
                                    GSocketAddress        *remote,
                                    PaHttpFileBody        *file,
                                    gpointer               user_data);

/* With a certificate, every connection accepted from now on is TLS
 * (pa-http-tls.h); NULL: plain HTTP. */
void            pa_http_listener_set_certificate    (PaHttpListener    *self,
                                                     GTlsCertificate   *certificate);

void            pa_http_listener_set_quick          (PaHttpListener    *self,
                                                     PaHttpQuickFunc    func,
                                                     gpointer           user_data);
GBytes         *pa_http_listener_answer_quickly     (PaHttpListener        *self,
                                                     const PaHttpHeadParts *parts,
                                                     GSocketAddress        *remote,
                                                     PaHttpFileBody        *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaHttpListener, pa_http_listener_free)

G_END_DECLS
