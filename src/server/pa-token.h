/* pa-token.h — secrets: admin and per-phone tokens, SIP passwords
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every secret comes from the kernel's CSPRNG (getrandom(2), falling back to
 * /dev/urandom); never from g_random, which is predictable.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Length of pa_token_generate()'s output: 32 bytes in unpadded base64. */
#define PA_TOKEN_LENGTH 43

/* Length of pa_token_generate_password()'s output. */
#define PA_PASSWORD_LENGTH 20

/**
 * pa_token_random_bytes:
 * Fills @buf with @len bytes from the kernel's CSPRNG.
 *
 * Returns: FALSE (with a G_IO_ERROR) only if no random source can be read.
 */
gboolean  pa_token_random_bytes       (guint8  *buf,
                                       gsize    len,
                                       GError **error);

/**
 * pa_token_generate:
 * Returns: (transfer full): a new token — 32 random bytes as URL-safe base64
 *   without padding ([A-Za-z0-9_-], PA_TOKEN_LENGTH chars) — or NULL on error.
 */
char     *pa_token_generate           (GError **error);

/**
 * pa_token_generate_password:
 * Returns: (transfer full): a new SIP password of PA_PASSWORD_LENGTH chars
 *   from an alphabet without look-alikes (no 0/O, 1/l/I), drawn without
 *   modulo bias, or NULL on error.
 */
char     *pa_token_generate_password  (GError **error);

/**
 * pa_token_hash:
 * Returns: (transfer full): the SHA-256 of @token as 64 lowercase hex chars;
 *   what the store keeps instead of a token.
 */
char     *pa_token_hash               (const char *token);

/**
 * pa_token_equal:
 * Compares two strings in time that depends only on their lengths, not on
 * where they first differ.  NULL equals nothing, not even NULL.
 */
gboolean  pa_token_equal              (const char *a,
                                       const char *b);

/**
 * pa_token_is_well_formed:
 * Returns: TRUE if @token looks like a pa_token_generate() output (length
 *   and alphabet), so junk can be refused before any lookup.
 */
gboolean  pa_token_is_well_formed     (const char *token);

G_END_DECLS
