/* pa-server.h — phoneadmin-provd's HTTP server: admin REST API and phone endpoints
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "pa-server-config.h"
#include "pa-store.h"

G_BEGIN_DECLS

#define PA_TYPE_SERVER (pa_server_get_type ())

G_DECLARE_FINAL_TYPE (PaServer, pa_server, PA, SERVER, GObject)

/* @config is copied; @store is referenced. */
PaServer   *pa_server_new      (PaStore              *store,
                                const PaServerConfig *config);

/* Binds config->listen_host:listen_port (port 0 picks one). */
gboolean    pa_server_listen   (PaServer  *self,
                                GError   **error);

/* Reads the TLS certificate and key named in the config again (none: does
 * nothing); connections accepted from then on get it. On an error the
 * one in use stays. */
gboolean    pa_server_load_certificate (PaServer  *self,
                                        GError   **error);

/* After pa_server_listen(): `http://127.0.0.1:41234/` (IPv6 in brackets). */
const char *pa_server_get_url  (PaServer  *self);

/* Base for phones' setup links: config->public_url or the bound URL,
 * always ending in `/`. */
const char *pa_server_get_public_url (PaServer *self);

/* Stops listening and drops open connections. Idempotent. */
void        pa_server_shutdown (PaServer  *self);

/* The file names inside the data dir that other programs read. */
#define PA_SERVER_ADMIN_TOKEN_FILE "admin-token"
#define PA_SERVER_URL_FILE         "provd.url"
#define PA_SERVER_DATABASE_FILE    "provd.sqlite"

/* First start: makes an admin token, stores its hash and writes the plain
 * token to <data_dir>/admin-token, created with mode 0600 (never readable by
 * others, not even for a moment). A later start leaves the file alone. If
 * the store has no token but the file holds a well-formed one (the database
 * was removed), that token is stored again so the app keeps working. */
gboolean    pa_server_ensure_admin_token (PaStore     *store,
                                          const char  *data_dir,
                                          GError     **error);

/* Writes the bound URL (one line) to <data_dir>/provd.url so the app and the
 * tests find a server started with port 0. */
gboolean    pa_server_write_url_file     (PaServer    *self,
                                          GError     **error);

G_END_DECLS
