/* pa-server-address.c — a server address as the user typed it, and the
 * certificate the user trusted for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-connection"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pa-connection.h"
#include "pa-server-address.h"

/* "https://pbx.example.com:8670" → "https://pbx.example.com:8670/" */
char *
pa_server_address_normalize (const char  *text,
                             GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  uri = g_uri_parse (stripped, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_INVALID_URL,
                   _("“%s” is not a server address: it must start with https:// or http://"),
                   stripped);
      return NULL;
    }
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_INVALID_URL,
                   _("“%s” names no server: add the host name, "
                     "like https://provd.example.com/"),
                   stripped);
      return NULL;
    }
  if (g_uri_get_query (uri) != NULL || g_uri_get_fragment (uri) != NULL
      || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_INVALID_URL,
                   _("“%s” has parts a server address cannot have "
                     "(user name, “?” or “#”)"),
                   stripped);
      return NULL;
    }

  if (!g_str_has_suffix (stripped, "/"))
    return g_strconcat (stripped, "/", NULL);
  return g_steal_pointer (&stripped);
}

static char *
certificate_path (const char *url)
{
  g_autofree char *name = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *file = g_strconcat (name, ".pem", NULL);

  return g_build_filename (g_get_user_data_dir (), "phoneadmin", "certificates", file, NULL);
}

/* A certificate the user trusted is public data, so a file is fine for it;
 * without it every start would ask again. */
void
pa_trusted_certificate_save (const char      *url,
                             GTlsCertificate *cert)
{
  g_autofree char *path = certificate_path (url);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *pem = NULL;
  g_autoptr(GError) error = NULL;

  if (cert == NULL)
    {
      g_unlink (path);
      return;
    }
  g_object_get (cert, "certificate-pem", &pem, NULL);
  if (pem == NULL)
    return;
  if (g_mkdir_with_parents (dir, 0700) != 0
      || !g_file_set_contents (path, pem, -1, &error))
    g_warning ("Cannot remember the trusted certificate of %s: %s", url,
               error != NULL ? error->message : g_strerror (errno));
}

GTlsCertificate *
pa_trusted_certificate_load (const char *url)
{
  g_autofree char *path = certificate_path (url);

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;
  return g_tls_certificate_new_from_file (path, NULL);
}
