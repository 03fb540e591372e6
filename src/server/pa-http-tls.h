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

/* A handshake that takes longer is dropped. */
#define PA_HTTP_TLS_HANDSHAKE_SECONDS 10

/* Takes @socket (accepted, non-blocking). @open_count (a g_rc_box) counts
 * the connection until its stream is gone, handshake or not. */
void pa_http_tls_take (SoupServer      *soup,
                       GSocket         *socket,
                       GSocketAddress  *local,
                       GSocketAddress  *remote,
                       GTlsCertificate *certificate,
                       guint           *open_count);

G_END_DECLS
