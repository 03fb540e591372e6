/* pa-connection.h — which server the app talks to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Local mode (GSettings "server-url" empty) runs the bundled provd; server
 * mode uses the URL from GSettings and the token kept for it in the
 * credential store. Switching is all-or-nothing: a failed switch leaves the
 * previous connection as it was.
 */
#pragma once

#include <gio/gio.h>

#include "pa-credential-store.h"
#include "pa-local-server.h"
#include "pa-repository.h"

G_BEGIN_DECLS

typedef enum
{
  PA_CONNECTION_IDLE,
  PA_CONNECTION_CONNECTING,
  PA_CONNECTION_CONNECTED,
  PA_CONNECTION_FAILED,
} PaConnectionState;

#define PA_TYPE_CONNECTION_STATE (pa_connection_state_get_type ())
GType pa_connection_state_get_type (void);

#define PA_CONNECTION_ERROR (pa_connection_error_quark ())

/**
 * PaConnectionError:
 * @PA_CONNECTION_ERROR_INVALID_URL: not an http/https URL with a host
 * @PA_CONNECTION_ERROR_NO_TOKEN: the keyring holds no token for the configured server
 * @PA_CONNECTION_ERROR_EMPTY_TOKEN: no token given
 *
 * Errors from the server itself are PA_CLIENT_ERROR, from provd
 * PA_LOCAL_SERVER_ERROR, from the keyring whatever libsecret gives.
 */
typedef enum
{
  PA_CONNECTION_ERROR_INVALID_URL,
  PA_CONNECTION_ERROR_NO_TOKEN,
  PA_CONNECTION_ERROR_EMPTY_TOKEN,
} PaConnectionError;

GQuark pa_connection_error_quark (void);

#define PA_TYPE_CONNECTION (pa_connection_get_type ())
G_DECLARE_FINAL_TYPE (PaConnection, pa_connection, PA, CONNECTION, GObject)

/* @settings: schema org.example.PhoneAdmin. @provd_path, @local_data_dir:
 * NULL for the defaults of PaLocalServer. */
PaConnection      *pa_connection_new                      (GSettings           *settings,
                                                           PaCredentialStore   *credentials,
                                                           const char          *provd_path,
                                                           const char          *local_data_dir);
/* Local, or the server in GSettings "server-url". */
void               pa_connection_connect_async            (PaConnection        *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pa_connection_connect_finish           (PaConnection        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Checks the server answers with @token (pinning @trusted when given),
 * then stores the token in the keyring and the URL in GSettings, then
 * switches. On error nothing changed. */
void               pa_connection_connect_to_server_async  (PaConnection        *self,
                                                           const char          *url,
                                                           const char          *token,
                                                           GTlsCertificate     *trusted,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pa_connection_connect_to_server_finish (PaConnection        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Back to local mode; the remote server's token stays in the keyring. */
void               pa_connection_use_local_async          (PaConnection        *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pa_connection_use_local_finish         (PaConnection        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* The configured server's token out of the keyring, then back to local. */
void               pa_connection_forget_server_async      (PaConnection        *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pa_connection_forget_server_finish     (PaConnection        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Stops the local provd (if any). The connection can connect again later. */
void               pa_connection_shutdown                 (PaConnection        *self);

/* Local mode only (NULL / 0 / FALSE otherwise): the bundled provd, its
 * kept port, and whether phones on the LAN may reach it. */
PaLocalServer     *pa_connection_get_local_server         (PaConnection        *self);
/* Whether pa_connection_shutdown() leaves the local provd running (phones
 * on the LAN fetch from it); the next start adopts it. Default: stop it. */
void               pa_connection_set_keep_local_running   (PaConnection        *self,
                                                           gboolean             keep);
/* Restarts the local provd listening on every address (@allow) or on
 * loopback only, and reconnects to it; the port stays. */
void               pa_connection_set_lan_access_async     (PaConnection        *self,
                                                           gboolean             allow,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean           pa_connection_set_lan_access_finish    (PaConnection        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Starts the local server again with what its PaLocalServer now holds
 * (LAN access, certificate files) and reconnects; finish with
 * pa_connection_use_local_finish(). */
void               pa_connection_restart_local_async      (PaConnection        *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);

PaConnectionState  pa_connection_get_state                (PaConnection        *self);
gboolean           pa_connection_get_is_local             (PaConnection        *self);
/* The server in use (the local provd's URL in local mode); NULL before. */
const char        *pa_connection_get_server_url           (PaConnection        *self);
/* The server configured in GSettings, NULL in local mode. */
char              *pa_connection_dup_configured_url       (PaConnection        *self);
/* NULL until connected. */
PaRepository      *pa_connection_get_repository           (PaConnection        *self);
PaClient          *pa_connection_get_client               (PaConnection        *self);
/* The last failure, NULL when none. */
const GError      *pa_connection_get_error                (PaConnection        *self);
/* While a connect or switch lists the server: how many resources have come
 * so far (0 once it ended). What "Connecting…" can say while 100,000
 * phones come in. */
guint64            pa_connection_get_n_listed             (PaConnection        *self);
/* Whether a connect or switch has waited a while for the keyring (which
 * may be asking the user for its password). */
gboolean           pa_connection_get_waiting_for_keyring  (PaConnection        *self);
/* Whether the connect under way (else the connection) is to the local
 * server. */
gboolean           pa_connection_get_connecting_local     (PaConnection        *self);
/* The server a connect or switch under way talks to, else the current
 * one, else the configured one (NULL in local mode); free it. */
char              *pa_connection_dup_connecting_url       (PaConnection        *self);

G_END_DECLS
