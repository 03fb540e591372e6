/* pa-http-auth.h — a phone's own HTTP credentials on its setup link:
 * digest (RFC 7616, MD5, qop=auth), basic only over TLS
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure: the nonce is made and checked with a secret of the server's (an
 * HMAC of its time), so nothing is kept per client; a nonce is good for
 * PA_HTTP_AUTH_NONCE_SECONDS, then the phone is asked again with
 * stale=true. Replays inside that time are not counted (no nc table).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PA_HTTP_AUTH_REALM         "phoneadmin"
#define PA_HTTP_AUTH_NONCE_SECONDS 300

typedef enum
{
  PA_HTTP_AUTH_OK,
  PA_HTTP_AUTH_MISSING,   /* no Authorization, or a scheme not allowed here */
  PA_HTTP_AUTH_WRONG,     /* credentials that do not match */
  PA_HTTP_AUTH_STALE,     /* right, with a nonce too old: ask again */
} PaHttpAuthResult;

/* @now: Unix seconds (the caller's clock, so tests can move it). */
PaHttpAuthResult pa_http_auth_check     (const char *authorization,
                                         const char *method,
                                         const char *uri,
                                         const char *user,
                                         const char *password,
                                         const char *secret,
                                         gboolean    tls,
                                         gint64      now);
/* The WWW-Authenticate value asking for digest credentials. */
char            *pa_http_auth_challenge (const char *secret,
                                         gboolean    stale,
                                         gint64      now);

G_END_DECLS
