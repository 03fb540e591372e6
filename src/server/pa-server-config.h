/* pa-server-config.h — provd settings from the command line and a key file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PA_SERVER_DEFAULT_HOST "127.0.0.1"
#define PA_SERVER_DEFAULT_PORT 8670
/* provd's own SIP port: not 5060, which a softphone or PBX on the same
 * machine may hold. */
#define PA_SERVER_DEFAULT_SIP_PORT 5062
#define PA_SERVER_DEFAULT_SIP_KEEPALIVE 30
#define PA_SERVER_DEFAULT_SIP_OFFLINE_AFTER 60
#define PA_SERVER_DEFAULT_AMI_PORT 5038

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
 * @sip_port: the UDP port of the SIP agent (NOTIFY, OPTIONS), on the
 *   listen address; 0 picks a free one; -1 (the default): 5062, or a free
 *   one when @listen_port is 0 (tests, a second provd)
 * @sip_timeout_ms: how long an unanswered SIP request waits (Timer F);
 *   0: sofia-sip's 32 s
 * @sip_keepalive: seconds between OPTIONS to each phone; 0: none
 * @sip_offline_after: seconds without an answer before an online phone
 *   is offline
 * @ami_host: (nullable): an Asterisk manager interface to send NOTIFYs
 *   through (PJSIPNotify) instead of provd's own SIP agent
 * @ami_port: its TCP port (5038)
 * @ami_username: (nullable): its manager user (required with @ami_host)
 * @ami_secret: (nullable): and secret; only ever in the key file, never
 *   in the API or the database
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
  gint     sip_port;
  guint    sip_timeout_ms;
  guint    sip_keepalive;
  guint    sip_offline_after;
  char    *ami_host;
  guint16  ami_port;
  char    *ami_username;
  char    *ami_secret;
} PaServerConfig;

PaServerConfig *pa_server_config_new          (void);
void            pa_server_config_free         (PaServerConfig *self);

/* Reads `[server] listen, data-dir, public-url, sip-server, catalog,
 * phone-networks` (a list: `192.168.1.0/24;10.0.0.0/8`), tls-cert, tls-key,
 * sip-port, sip-timeout-ms, sip-keepalive, sip-offline-after, ami-host,
 * ami-port, ami-username, ami-secret; members the file
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

/* The SIP port to bind: @sip_port, or its default (see above). */
guint           pa_server_config_get_sip_port (const PaServerConfig *self);

/* Whether a phone request from @ip may be served (always, without a list). */
gboolean        pa_server_config_allows_phone (const PaServerConfig *self,
                                               const char           *ip);

/* $XDG_DATA_HOME/phoneadmin-provd */
char           *pa_server_config_default_data_dir (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaServerConfig, pa_server_config_free)

G_END_DECLS
