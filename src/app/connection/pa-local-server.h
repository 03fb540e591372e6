/* pa-local-server.h — the bundled phoneadmin-provd in local mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts provd with `--listen 127.0.0.1:8670 --data-dir <dir>`, waits for
 * <dir>/provd.url and reads <dir>/admin-token. A provd left running by a
 * crashed app (its provd.url answers GET api/v1 with our token) is reused
 * and adopted: stop() ends it too. A provd.url nobody answers is stale and
 * a new provd is started.
 *
 * The port stays the same from one start to the next (setup links in
 * phones name it): 8670 the first time, then whatever provd got, kept in
 * <dir>/local-mode.ini with the LAN choice. A kept port another program
 * has taken since moves provd to a free one, which is kept from then on.
 * With LAN access provd listens on every IPv4 address (0.0.0.0), else on
 * loopback only.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PA_LOCAL_SERVER_ERROR (pa_local_server_error_quark ())

/**
 * PaLocalServerError:
 * @PA_LOCAL_SERVER_ERROR_NOT_FOUND: the provd binary is missing or not executable
 * @PA_LOCAL_SERVER_ERROR_EXITED: provd exited before announcing its URL (the message
 *   ends with what provd wrote last)
 * @PA_LOCAL_SERVER_ERROR_TIMEOUT: provd did not announce its URL in time
 * @PA_LOCAL_SERVER_ERROR_TOKEN: the admin-token file is missing or unreadable
 */
typedef enum
{
  PA_LOCAL_SERVER_ERROR_NOT_FOUND,
  PA_LOCAL_SERVER_ERROR_EXITED,
  PA_LOCAL_SERVER_ERROR_TIMEOUT,
  PA_LOCAL_SERVER_ERROR_TOKEN,
} PaLocalServerError;

GQuark pa_local_server_error_quark (void);

#define PA_TYPE_LOCAL_SERVER (pa_local_server_get_type ())
G_DECLARE_FINAL_TYPE (PaLocalServer, pa_local_server, PA, LOCAL_SERVER, GObject)

/* $PA_PROVD if set, else PA_BINDIR "/phoneadmin-provd". */
char          *pa_local_server_default_provd_path (void);
/* $XDG_DATA_HOME/phoneadmin/provd */
char          *pa_local_server_default_data_dir   (void);

/* NULL arguments take the defaults above. */
PaLocalServer *pa_local_server_new          (const char          *provd_path,
                                             const char          *data_dir);
void           pa_local_server_start_async  (PaLocalServer       *self,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       pa_local_server_start_finish (PaLocalServer       *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* "http://127.0.0.1:41234/" (with the slash); NULL until started. */
const char    *pa_local_server_get_url      (PaLocalServer       *self);
const char    *pa_local_server_get_token    (PaLocalServer       *self);
const char    *pa_local_server_get_data_dir (PaLocalServer       *self);
/* TRUE when start() reused a provd that was already running. */
gboolean       pa_local_server_get_adopted  (PaLocalServer       *self);
/* The provd's process id, 0 when unknown or stopped. */
GPid           pa_local_server_get_pid      (PaLocalServer       *self);
/* The kept port (8670 until provd had to take another). */
guint          pa_local_server_get_port     (PaLocalServer       *self);
gboolean       pa_local_server_get_lan_access (PaLocalServer     *self);
/* Kept for the next start: stop() and start() to apply it. */
void           pa_local_server_set_lan_access (PaLocalServer     *self,
                                               gboolean           lan_access);
/* The PEM files provd serves HTTPS with, NULL for plain HTTP; kept for the
 * next start: stop() and start() to apply. Both or neither. */
const char      *pa_local_server_get_tls_cert  (PaLocalServer     *self);
const char      *pa_local_server_get_tls_key   (PaLocalServer     *self);
void             pa_local_server_set_tls       (PaLocalServer     *self,
                                                const char        *cert_path,
                                                const char        *key_path);
/* (transfer none) (nullable): the certificate provd shows, to trust it. */
GTlsCertificate *pa_local_server_get_certificate (PaLocalServer   *self);
/* Whether the two files make a certificate and its key (read off the main
 * thread); the error says what is wrong with them. */
void             pa_local_server_check_tls_async  (const char          *cert_path,
                                                   const char          *key_path,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean         pa_local_server_check_tls_finish (GAsyncResult        *result,
                                                   GError             **error);
/* Whether the user answered the question of letting phones on the LAN in
 * (either way; choosing LAN access answers it), kept with the choice. */
gboolean       pa_local_server_get_lan_asked (PaLocalServer    *self);
void           pa_local_server_set_lan_asked (PaLocalServer    *self);
/* SIGTERM, and done once provd is gone (a few seconds at most, then
 * SIGKILL), without blocking: the url and token are cleared at once. Safe
 * to call twice. Disposing without a stop leaves provd running, as a crash
 * would. */
void           pa_local_server_stop_async   (PaLocalServer       *self,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean       pa_local_server_stop_finish  (PaLocalServer       *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* The same, waiting for it: only for the way out, when the app's main loop
 * will not run again. */
void           pa_local_server_stop         (PaLocalServer       *self);

G_END_DECLS
