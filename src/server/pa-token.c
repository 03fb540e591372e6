/* pa-token.c — secrets: admin and per-phone tokens, SIP passwords
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-token"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <gio/gio.h>

#include "pa-token.h"

#define TOKEN_BYTES 32

/* No 0/O/o, 1/l/I: people read these passwords off a screen and type them into
 * a phone's web UI.  56 symbols * 20 chars ≈ 116 bits. */
static const char password_alphabet[] =
  "ABCDEFGHJKLMNPQRSTUVWXYZ"
  "abcdefghijkmnpqrstuvwxyz"
  "23456789";

static gboolean
read_urandom (guint8  *buf,
              gsize    len,
              GError **error)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) stream = NULL;
  gsize got = 0;

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buf, len, &got, NULL, error))
    return FALSE;
  if (got != len)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Short read from /dev/urandom (%" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
                   " bytes)", got, len);
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_token_random_bytes (guint8  *buf,
                       gsize    len,
                       GError **error)
{
  gsize done = 0;

  g_return_val_if_fail (buf != NULL || len == 0, FALSE);

  while (done < len)
    {
      ssize_t n = getrandom (buf + done, len - done, 0);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          /* ENOSYS on very old kernels or seccomp sandboxes: the device file
           * is the same CSPRNG. */
          return read_urandom (buf, len, error);
        }
      done += (gsize) n;
    }
  return TRUE;
}

char *
pa_token_generate (GError **error)
{
  guint8 bytes[TOKEN_BYTES];
  g_autofree char *b64 = NULL;
  GString *out;

  if (!pa_token_random_bytes (bytes, sizeof bytes, error))
    return NULL;

  b64 = g_base64_encode (bytes, sizeof bytes);
  memset (bytes, 0, sizeof bytes);

  /* RFC 4648 §5 alphabet, no padding: safe in a URL path without escaping. */
  out = g_string_sized_new (PA_TOKEN_LENGTH + 1);
  for (const char *p = b64; *p != '\0'; p++)
    {
      if (*p == '+')
        g_string_append_c (out, '-');
      else if (*p == '/')
        g_string_append_c (out, '_');
      else if (*p != '=')
        g_string_append_c (out, *p);
    }
  memset (b64, 0, strlen (b64));

  g_assert (out->len == PA_TOKEN_LENGTH);
  return g_string_free (out, FALSE);
}

char *
pa_token_generate_password (GError **error)
{
  const guint n_symbols = sizeof password_alphabet - 1;
  /* Bytes at or above this are dropped so every symbol is equally likely. */
  const guint limit = 256 - (256 % n_symbols);
  char *password = g_malloc0 (PA_PASSWORD_LENGTH + 1);
  guint filled = 0;

  while (filled < PA_PASSWORD_LENGTH)
    {
      guint8 bytes[32];

      if (!pa_token_random_bytes (bytes, sizeof bytes, error))
        {
          g_free (password);
          return NULL;
        }
      for (gsize i = 0; i < sizeof bytes && filled < PA_PASSWORD_LENGTH; i++)
        {
          if (bytes[i] < limit)
            password[filled++] = password_alphabet[bytes[i] % n_symbols];
        }
      memset (bytes, 0, sizeof bytes);
    }
  return password;
}

char *
pa_token_hash (const char *token)
{
  g_return_val_if_fail (token != NULL, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

gboolean
pa_token_equal (const char *a,
                const char *b)
{
  gsize len_a, len_b;
  guint8 diff = 0;

  if (a == NULL || b == NULL)
    return FALSE;

  len_a = strlen (a);
  len_b = strlen (b);

  /* Walk the length of @b (the secret side's peer) whatever @a is, so the
   * loop's time reveals nothing about where the strings differ. */
  for (gsize i = 0; i < len_b; i++)
    {
      guint8 ca = i < len_a ? (guint8) a[i] : 0;
      diff |= ca ^ (guint8) b[i];
    }
  return diff == 0 && len_a == len_b;
}

gboolean
pa_token_is_well_formed (const char *token)
{
  gsize len = 0;

  if (token == NULL)
    return FALSE;

  for (const char *p = token; *p != '\0'; p++, len++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
        return FALSE;
    }
  return len == PA_TOKEN_LENGTH;
}
