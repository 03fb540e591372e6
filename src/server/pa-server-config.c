/* pa-server-config.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-server-config"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "pa-server-config.h"

PaServerConfig *
pa_server_config_new (void)
{
  PaServerConfig *self = g_new0 (PaServerConfig, 1);

  self->listen_host = g_strdup (PA_SERVER_DEFAULT_HOST);
  self->listen_port = PA_SERVER_DEFAULT_PORT;
  self->data_dir = pa_server_config_default_data_dir ();
  self->sip_port = -1;
  self->sip_keepalive = PA_SERVER_DEFAULT_SIP_KEEPALIVE;
  self->sip_offline_after = PA_SERVER_DEFAULT_SIP_OFFLINE_AFTER;
  self->ami_port = PA_SERVER_DEFAULT_AMI_PORT;
  return self;
}

void
pa_server_config_free (PaServerConfig *self)
{
  if (self == NULL)
    return;
  g_free (self->listen_host);
  g_free (self->data_dir);
  g_clear_pointer (&self->phone_networks, g_ptr_array_unref);
  g_free (self->tls_cert);
  g_free (self->tls_key);
  g_free (self->public_url);
  g_free (self->sip_server);
  g_free (self->catalog);
  g_free (self->ami_host);
  g_free (self->ami_username);
  if (self->ami_secret != NULL)
    memset (self->ami_secret, 0, strlen (self->ami_secret));
  g_free (self->ami_secret);
  g_free (self);
}

char *
pa_server_config_default_data_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "phoneadmin-provd", NULL);
}

static gboolean
parse_port (const char *text,
            guint16    *port,
            GError    **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, 65535, &value, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "“%s” is not a port number (0–65535)", text);
      return FALSE;
    }
  *port = (guint16) value;
  return TRUE;
}

gboolean
pa_server_config_set_listen (PaServerConfig *self,
                             const char     *text,
                             GError        **error)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) address = NULL;
  guint16 port = self->listen_port;
  const char *colon;

  g_return_val_if_fail (text != NULL, FALSE);

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL || (close[1] != '\0' && close[1] != ':'))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "“%s”: expected [IPv6]:PORT", text);
          return FALSE;
        }
      host = g_strndup (text + 1, close - text - 1);
      if (close[1] == ':' && !parse_port (close + 2, &port, error))
        return FALSE;
    }
  else if ((colon = strrchr (text, ':')) != NULL && strchr (text, ':') == colon)
    {
      host = g_strndup (text, colon - text);
      if (!parse_port (colon + 1, &port, error))
        return FALSE;
    }
  else
    {
      /* a bare IPv6 address or a bare host */
      host = g_strdup (text);
    }

  if (host[0] == '\0')
    {
      g_free (host);
      host = g_strdup (self->listen_host);
    }

  address = g_inet_address_new_from_string (host);
  if (address == NULL && g_strcmp0 (host, "localhost") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "“%s” is not an IP address", host);
      return FALSE;
    }

  g_free (self->listen_host);
  self->listen_host = g_steal_pointer (&host);
  self->listen_port = port;
  return TRUE;
}

static gboolean
take_string (GKeyFile    *keyfile,
             const char  *key,
             char       **out,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *value = NULL;

  value = g_key_file_get_string (keyfile, "server", key, &local_error);
  if (value == NULL)
    {
      if (g_error_matches (local_error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_strstrip (value);
  if (value[0] == '\0')
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[server] %s is empty", key);
      return FALSE;
    }

  g_free (*out);
  *out = g_steal_pointer (&value);
  return TRUE;
}

static gboolean
load_keyfile (PaServerConfig *self,
              GKeyFile       *keyfile,
              GError        **error)
{
  static const char * const known[] = {
    "listen", "data-dir", "public-url", "sip-server", "catalog", "phone-networks",
    "tls-cert", "tls-key", "sip-port", "sip-timeout-ms", "sip-keepalive", "sip-offline-after",
    "ami-host", "ami-port", "ami-username", "ami-secret", NULL
  };
  g_auto(GStrv) keys = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *public_url = NULL;
  g_autofree char *sip_server = NULL;
  g_autofree char *catalog = NULL;
  g_autoptr(GPtrArray) networks = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *ami_host = NULL;
  g_autofree char *ami_port_text = NULL;
  g_autofree char *ami_username = NULL;
  g_autofree char *ami_secret = NULL;
  guint16 ami_port = 0;
  guint sip[4] = { 0 };
  gboolean sip_given[4] = { FALSE };
  static const struct { const char *key; guint max; } sip_keys[] = {
    { "sip-port", 65535 },
    { "sip-timeout-ms", 10 * 60 * 1000 },
    { "sip-keepalive", 24 * 3600 },
    { "sip-offline-after", 7 * 24 * 3600 },
  };

  if (!g_key_file_has_group (keyfile, "server"))
    return TRUE;

  keys = g_key_file_get_keys (keyfile, "server", NULL, error);
  if (keys == NULL)
    return FALSE;
  for (guint i = 0; keys[i] != NULL; i++)
    if (!g_strv_contains (known, keys[i]))
      {
        g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_KEY_NOT_FOUND,
                     "[server] has no setting “%s” (known: listen, data-dir, "
                     "public-url, sip-server, catalog, phone-networks, tls-cert, tls-key, "
                     "sip-port, sip-timeout-ms, sip-keepalive, sip-offline-after, "
                     "ami-host, ami-port, ami-username, ami-secret)", keys[i]);
        return FALSE;
      }

  /* Read everything first so a bad value leaves @self as it was. */
  if (!take_string (keyfile, "listen", &listen, error) ||
      !take_string (keyfile, "data-dir", &data_dir, error) ||
      !take_string (keyfile, "public-url", &public_url, error) ||
      !take_string (keyfile, "sip-server", &sip_server, error) ||
      !take_string (keyfile, "catalog", &catalog, error) ||
      !take_string (keyfile, "tls-cert", &tls_cert, error) ||
      !take_string (keyfile, "tls-key", &tls_key, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sip_keys); i++)
    {
      g_autofree char *text = NULL;
      guint64 value = 0;

      if (!take_string (keyfile, sip_keys[i].key, &text, error))
        return FALSE;
      if (text == NULL)
        continue;
      if (!g_ascii_string_to_unsigned (text, 10, 0, sip_keys[i].max, &value, NULL))
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[server] %s: “%s” is not a whole number from 0 to %u",
                       sip_keys[i].key, text, sip_keys[i].max);
          return FALSE;
        }
      sip[i] = (guint) value;
      sip_given[i] = TRUE;
    }
  if (!take_string (keyfile, "ami-host", &ami_host, error) ||
      !take_string (keyfile, "ami-port", &ami_port_text, error) ||
      !take_string (keyfile, "ami-username", &ami_username, error) ||
      !take_string (keyfile, "ami-secret", &ami_secret, error))
    return FALSE;
  if (ami_port_text != NULL && (!parse_port (ami_port_text, &ami_port, NULL) || ami_port == 0))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[server] ami-port: “%s” is not a port number (1–65535)", ami_port_text);
      return FALSE;
    }
  /* Half an AMI setup would fail every NOTIFY: say so at start. */
  if ((ami_host != NULL) != (ami_username != NULL && ami_secret != NULL)
      || (ami_host == NULL && (ami_username != NULL || ami_secret != NULL || ami_port_text != NULL)))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[server] ami-host, ami-username and ami-secret go together");
      return FALSE;
    }
  /* They go into AMI's header lines as they are (a key file can spell
   * a newline as \n). */
  if (ami_host != NULL
      && (strpbrk (ami_username, "\r\n") != NULL || strpbrk (ami_secret, "\r\n") != NULL))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[server] ami-username and ami-secret must be one line each");
      return FALSE;
    }

  if (sip_given[3] && sip[3] == 0)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[server] sip-offline-after must be at least 1 second");
      return FALSE;
    }

  if (public_url != NULL &&
      !g_str_has_prefix (public_url, "http://") &&
      !g_str_has_prefix (public_url, "https://"))
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   "[server] public-url must start with http:// or https://");
      return FALSE;
    }

  if (g_key_file_has_key (keyfile, "server", "phone-networks", NULL))
    {
      g_auto(GStrv) list = g_key_file_get_string_list (keyfile, "server", "phone-networks", NULL,
                                                       error);

      if (list == NULL)
        return FALSE;
      networks = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; list[i] != NULL; i++)
        {
          g_autoptr(GInetAddressMask) mask = NULL;
          const char *text = g_strstrip (list[i]);

          if (*text == '\0')
            continue;
          mask = g_inet_address_mask_new_from_string (text, NULL);
          if (mask == NULL)
            {
              g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                           "[server] phone-networks: “%s” is not a network such as "
                           "192.168.1.0/24 or an address", text);
              return FALSE;
            }
          g_ptr_array_add (networks, g_steal_pointer (&mask));
        }
      if (networks->len == 0)
        {
          g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                       "[server] phone-networks names no network; leave it out to allow any");
          return FALSE;
        }
    }

  if (listen != NULL && !pa_server_config_set_listen (self, listen, error))
    return FALSE;
  if (networks != NULL)
    {
      g_clear_pointer (&self->phone_networks, g_ptr_array_unref);
      self->phone_networks = g_steal_pointer (&networks);
    }
  if (tls_cert != NULL)
    {
      g_free (self->tls_cert);
      self->tls_cert = g_steal_pointer (&tls_cert);
    }
  if (tls_key != NULL)
    {
      g_free (self->tls_key);
      self->tls_key = g_steal_pointer (&tls_key);
    }
  if (data_dir != NULL)
    {
      g_free (self->data_dir);
      self->data_dir = g_steal_pointer (&data_dir);
    }
  if (public_url != NULL)
    {
      g_free (self->public_url);
      self->public_url = g_steal_pointer (&public_url);
    }
  if (sip_server != NULL)
    {
      g_free (self->sip_server);
      self->sip_server = g_steal_pointer (&sip_server);
    }
  if (catalog != NULL)
    {
      g_free (self->catalog);
      self->catalog = g_steal_pointer (&catalog);
    }
  if (ami_host != NULL)
    {
      g_free (self->ami_host);
      self->ami_host = g_steal_pointer (&ami_host);
      g_free (self->ami_username);
      self->ami_username = g_steal_pointer (&ami_username);
      g_free (self->ami_secret);
      self->ami_secret = g_steal_pointer (&ami_secret);
      if (ami_port != 0)
        self->ami_port = ami_port;
    }
  if (sip_given[0])
    self->sip_port = (gint) sip[0];
  if (sip_given[1])
    self->sip_timeout_ms = sip[1];
  if (sip_given[2])
    self->sip_keepalive = sip[2];
  if (sip_given[3])
    self->sip_offline_after = sip[3];
  return TRUE;
}

guint
pa_server_config_get_sip_port (const PaServerConfig *self)
{
  if (self->sip_port >= 0)
    return (guint) self->sip_port;
  /* A provd on a free HTTP port (tests, several at once) must not fight
   * over one SIP port either. */
  return self->listen_port == 0 ? 0 : PA_SERVER_DEFAULT_SIP_PORT;
}

/* GKeyFile's messages, and ours, quote what the file says: bytes that are
 * no UTF-8 are replaced, so the message reads right in a log or terminal. */
static gboolean
valid_message (gboolean   ok,
               GError   **error)
{
  if (!ok && error != NULL && *error != NULL && !g_utf8_validate ((*error)->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid ((*error)->message, -1);

      g_free ((*error)->message);
      (*error)->message = valid;
    }
  return ok;
}

gboolean
pa_server_config_load_data (PaServerConfig *self,
                            const char     *data,
                            gsize           length,
                            GError        **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  if (!valid_message (g_key_file_load_from_data (keyfile, data, length, G_KEY_FILE_NONE, error),
                      error))
    return FALSE;
  return valid_message (load_keyfile (self, keyfile, error), error);
}

gboolean
pa_server_config_load_file (PaServerConfig *self,
                            const char     *path,
                            GError        **error)
{
  g_autoptr(GKeyFile) keyfile = g_key_file_new ();

  if (!valid_message (g_key_file_load_from_file (keyfile, path, G_KEY_FILE_NONE, error), error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  if (!valid_message (load_keyfile (self, keyfile, error), error))
    {
      g_prefix_error (error, "%s: ", path);
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_server_config_allows_phone (const PaServerConfig *self,
                               const char           *ip)
{
  g_autoptr(GInetAddress) address = NULL;

  if (self->phone_networks == NULL)
    return TRUE;
  address = ip != NULL ? g_inet_address_new_from_string (ip) : NULL;
  if (address == NULL)
    return FALSE;
  /* An IPv4 client of a socket bound to "::" shows as ::ffff:a.b.c.d. */
  if (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6 &&
      g_str_has_prefix (ip, "::ffff:") && strchr (ip + 7, '.') != NULL)
    {
      g_autoptr(GInetAddress) v4 = g_inet_address_new_from_string (ip + 7);

      if (v4 != NULL)
        g_set_object (&address, v4);
    }
  for (guint i = 0; i < self->phone_networks->len; i++)
    {
      GInetAddressMask *mask = g_ptr_array_index (self->phone_networks, i);

      if (g_inet_address_get_family (address) == g_inet_address_mask_get_family (mask) &&
          g_inet_address_mask_matches (mask, address))
        return TRUE;
    }
  return FALSE;
}
