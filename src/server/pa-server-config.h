/* pa-server-config.h — provd settings from the command line and a key file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PA_SERVER_DEFAULT_HOST "127.0.0.1"
#define PA_SERVER_DEFAULT_PORT 8670

/**
 * PaServerConfig:
 * @listen_host: address to bind (`127.0.0.1`, `0.0.0.0`, `::1`, `::`)
 * @listen_port: TCP port; 0 picks a free one
 * @data_dir: where the database, `admin-token` and `provd.url` live
 * @public_url: (nullable): base URL phones use to reach the server, such as
 *   `http://192.0.2.10:8670`; %NULL means the bound URL
 * @sip_server: (nullable): SIP server host given to generated SIP accounts
 * @tls_cert: (nullable): a PEM file with the certificate (chain), and
 *   the key too unless @tls_key names it; every connection is then HTTPS
 * @tls_key: (nullable): a PEM file with the certificate's private key
 * @phone_networks: (nullable): the networks phones may fetch from
 *   (#GInetAddressMask), others are refused; %NULL: any
 * @catalog: (nullable): a device catalog file to use instead of the
 *   built-in one (a model this build does not know yet); the app takes the
 *   catalog from the server, so it knows the model too
 *
 * Plain data: the key file is read once at start, the command line wins.
 */
typedef struct
{
  char    *listen_host;
  guint16  listen_port;
  char    *data_dir;
  char    *public_url;
  char    *sip_server;
  char    *catalog;
  GPtrArray *phone_networks;
  char    *tls_cert;
  char    *tls_key;
} PaServerConfig;

PaServerConfig *pa_server_config_new          (void);
void            pa_server_config_free         (PaServerConfig *self);

/* Reads `[server] listen, data-dir, public-url, sip-server, catalog,
 * phone-networks` (a list: `192.168.1.0/24;10.0.0.0/8`), tls-cert, tls-key; members the file
 * does not name keep their value. Unknown keys in [server] are an error so a
 * typo does not pass silently. */
gboolean        pa_server_config_load_file    (PaServerConfig *self,
                                               const char     *path,
                                               GError        **error);
gboolean        pa_server_config_load_data    (PaServerConfig *self,
                                               const char     *data,
                                               gsize           length,
                                               GError        **error);

/* Sets listen_host/listen_port from `HOST:PORT`, `[V6]:PORT`, `HOST` or
 * `:PORT`. Errors are G_OPTION_ERROR_BAD_VALUE. */
gboolean        pa_server_config_set_listen   (PaServerConfig *self,
                                               const char     *text,
                                               GError        **error);

/* Whether a phone request from @ip may be served (always, without a list). */
gboolean        pa_server_config_allows_phone (const PaServerConfig *self,
                                               const char           *ip);

/* $XDG_DATA_HOME/phoneadmin-provd */
char           *pa_server_config_default_data_dir (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaServerConfig, pa_server_config_free)

G_END_DECLS
