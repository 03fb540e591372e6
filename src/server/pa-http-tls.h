/* pa-http-tls.h — HTTPS connections: the handshake, then libsoup
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With a certificate, every connection provd accepts is TLS. provd does
 * the handshake (bounded in time) and hands the encrypted stream to
 * libsoup, which serves one request on it and closes it (a SoupServer
 * without listeners of its own keeps nothing alive). provd's own head
 * checks and quick answers are for plain connections only.
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A connection that has not finished its handshake this long after it
 * was accepted is dropped. */
#define PA_HTTP_TLS_HANDSHAKE_SECONDS 10

typedef struct _PaHttpTls PaHttpTls;

PaHttpTls *pa_http_tls_new   (SoupServer      *soup,
                              GTlsCertificate *certificate);
/* Handshakes under way are cancelled; what libsoup serves goes on. */
void       pa_http_tls_free  (PaHttpTls       *self);

/* For the connections accepted from now on. */
void       pa_http_tls_set_certificate (PaHttpTls       *self,
                                        GTlsCertificate *certificate);

/* Takes @socket (accepted, non-blocking). */
void       pa_http_tls_take  (PaHttpTls       *self,
                              GSocket         *socket,
                              GSocketAddress  *local,
                              GSocketAddress  *remote);

/* TLS connections whose descriptor is open: in their handshake or
 * served by libsoup. */
guint      pa_http_tls_open  (PaHttpTls       *self);

/* Closes the connections that have sent nothing since they were accepted
 * before @since (monotonic time); returns how many. */
guint      pa_http_tls_shed_silent (PaHttpTls *self,
                                    gint64     since);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaHttpTls, pa_http_tls_free)

G_END_DECLS
