/* pa-http-auth.c — a phone's own HTTP credentials on its setup link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-http"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "pa-http-auth.h"
#include "pa-token.h"

/* "<time in hex>.<its HMAC>" */
static char *
nonce_for (const char *secret,
           gint64      time)
{
  g_autofree char *stamp = g_strdup_printf ("%" G_GINT64_MODIFIER "x", time);
  g_autofree char *mac = g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret,
                                                    strlen (secret), stamp, -1);

  return g_strdup_printf ("%s.%.32s", stamp, mac);
}

/* The nonce's time, or -1 when the server did not make it. */
static gint64
nonce_time (const char *nonce,
            const char *secret)
{
  const char *dot = nonce != NULL ? strchr (nonce, '.') : NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *expected = NULL;
  guint64 time;

  if (dot == NULL || dot - nonce > 16)
    return -1;
  stamp = g_strndup (nonce, dot - nonce);
  if (!g_ascii_string_to_unsigned (stamp, 16, 0, G_MAXINT64, &time, NULL))
    return -1;
  expected = nonce_for (secret, (gint64) time);
  return pa_token_equal (expected, nonce) ? (gint64) time : -1;
}

static char *
md5_hex (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_MD5, text, -1);
}

static PaHttpAuthResult
check_basic (const char *credentials,
             const char *user,
             const char *password)
{
  gsize length = 0;
  g_autofree guchar *decoded = g_base64_decode (credentials, &length);
  g_autofree char *expected = g_strconcat (user, ":", password, NULL);
  g_autofree char *given = g_strndup ((const char *) decoded, length);

  return pa_token_equal (given, expected) ? PA_HTTP_AUTH_OK : PA_HTTP_AUTH_WRONG;
}

static PaHttpAuthResult
check_digest (const char *params_text,
              const char *method,
              const char *uri,
              const char *user,
              const char *password,
              const char *secret,
              gint64      now)
{
  g_autoptr(GHashTable) params = soup_header_parse_param_list (params_text);
  const char *username = g_hash_table_lookup (params, "username");
  const char *realm = g_hash_table_lookup (params, "realm");
  const char *nonce = g_hash_table_lookup (params, "nonce");
  const char *digest_uri = g_hash_table_lookup (params, "uri");
  const char *response = g_hash_table_lookup (params, "response");
  const char *qop = g_hash_table_lookup (params, "qop");
  const char *nc = g_hash_table_lookup (params, "nc");
  const char *cnonce = g_hash_table_lookup (params, "cnonce");
  const char *algorithm = g_hash_table_lookup (params, "algorithm");
  g_autofree char *ha1 = NULL;
  g_autofree char *ha2 = NULL;
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *response_lower = NULL;
  gint64 issued;

  if (username == NULL || realm == NULL || nonce == NULL || digest_uri == NULL || response == NULL)
    return PA_HTTP_AUTH_WRONG;
  if ((algorithm != NULL && g_ascii_strcasecmp (algorithm, "MD5") != 0) ||
      (qop != NULL && (g_strcmp0 (qop, "auth") != 0 || nc == NULL || cnonce == NULL)))
    return PA_HTTP_AUTH_WRONG;
  if (g_strcmp0 (realm, PA_HTTP_AUTH_REALM) != 0 || g_strcmp0 (digest_uri, uri) != 0)
    return PA_HTTP_AUTH_WRONG;

  a1 = g_strdup_printf ("%s:%s:%s", user, PA_HTTP_AUTH_REALM, password);
  ha1 = md5_hex (a1);
  a2 = g_strdup_printf ("%s:%s", method, digest_uri);
  ha2 = md5_hex (a2);
  if (qop != NULL)
    {
      g_autofree char *all = g_strdup_printf ("%s:%s:%s:%s:%s:%s", ha1, nonce, nc, cnonce, qop, ha2);

      expected = md5_hex (all);
    }
  else
    {
      g_autofree char *all = g_strdup_printf ("%s:%s:%s", ha1, nonce, ha2);

      expected = md5_hex (all);
    }
  /* The user name compared in the same constant time as the rest. */
  response_lower = g_ascii_strdown (response, -1);
  if (!pa_token_equal (username, user) || !pa_token_equal (response_lower, expected))
    return PA_HTTP_AUTH_WRONG;

  issued = nonce_time (nonce, secret);
  if (issued < 0)
    return PA_HTTP_AUTH_WRONG;
  if (now - issued > PA_HTTP_AUTH_NONCE_SECONDS || issued - now > 5)
    return PA_HTTP_AUTH_STALE;
  return PA_HTTP_AUTH_OK;
}

PaHttpAuthResult
pa_http_auth_check (const char *authorization,
                    const char *method,
                    const char *uri,
                    const char *user,
                    const char *password,
                    const char *secret,
                    gboolean    tls,
                    gint64      now)
{
  g_return_val_if_fail (user != NULL && password != NULL && secret != NULL, PA_HTTP_AUTH_WRONG);

  if (authorization == NULL)
    return PA_HTTP_AUTH_MISSING;
  while (*authorization == ' ')
    authorization++;
  if (g_ascii_strncasecmp (authorization, "Digest ", 7) == 0)
    return check_digest (authorization + 7, method, uri, user, password, secret, now);
  /* A password in the clear only where nobody can read it on the way. */
  if (tls && g_ascii_strncasecmp (authorization, "Basic ", 6) == 0)
    return check_basic (authorization + 6, user, password);
  return PA_HTTP_AUTH_MISSING;
}

char *
pa_http_auth_challenge (const char *secret,
                        gboolean    stale,
                        gint64      now)
{
  g_autofree char *nonce = nonce_for (secret, now);

  return g_strdup_printf ("Digest realm=\"%s\", qop=\"auth\", algorithm=MD5, nonce=\"%s\"%s",
                          PA_HTTP_AUTH_REALM, nonce, stale ? ", stale=true" : "");
}
