/* pa-server-address.h — a server address as the user typed it, and the
 * certificate the user trusted for it (internal to the connection)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* "https://pbx.example.com:8670" → "https://pbx.example.com:8670/";
 * NULL and a PA_CONNECTION_ERROR_INVALID_URL for anything else. */
char            *pa_server_address_normalize (const char       *text,
                                              GError          **error);
/* Remembers (or with %NULL forgets) the certificate trusted for @url. */
void             pa_trusted_certificate_save (const char       *url,
                                              GTlsCertificate  *cert);
GTlsCertificate *pa_trusted_certificate_load (const char       *url);

G_END_DECLS
