/* pa-connection-private.h — what pa-connection.c and pa-connection-local.c
 * share: the object, the switch in progress (Op) and the pipeline's steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-connection.h"
#include "pa-local-server.h"

G_BEGIN_DECLS

struct _PaConnection
{
  GObject            parent_instance;

  GSettings         *settings;
  PaCredentialStore *credentials;
  char              *provd_path;
  char              *local_data_dir;

  PaLocalServer     *local_server;   /* while local mode runs */
  PaLocalServer     *starting_local; /* one an op is starting, so shutdown can end it */
  gboolean           local_in_keyring; /* its token went there (and must go again) */
  PaConnectionState  state;
  gboolean           is_local;
  gboolean           keep_local_running;  /* shutdown leaves provd serving phones */
  char              *server_url;
  PaClient          *client;
  PaRepository      *repository;
  GError            *error;
  guint              generation;     /* bumped by every switch: late ops give way */
  PaClient          *listing_client; /* the newest op's, until it ends */
  guint              keyring_calls;  /* ops' keyring calls under way */
  guint              keyring_slow;   /* a timeout while they have not taken long */
};

typedef enum
{
  OP_CONNECT,        /* startup: whatever GSettings says */
  OP_TO_SERVER,      /* the dialog: a new server and token */
  OP_USE_LOCAL,
  OP_FORGET,
} OpKind;

typedef struct
{
  OpKind           kind;
  gboolean         local;
  char            *url;
  char            *token;
  GTlsCertificate *trusted;
  PaLocalServer   *local_server;   /* a new one this op started */
  PaClient        *client;
  PaRepository    *repository;
  guint            generation;
} Op;

/* Pipeline, step by step. Each step takes the task's reference (an Op task
 * whose source object is the PaConnection). */
void pa_connection_op_local_start    (GTask         *task);
void pa_connection_op_open_client    (GTask         *task);
/* Ends the op with @error (taken); only a connect owns the state. */
void pa_connection_op_fail           (GTask         *task,
                                      GError        *error);

/* The op's token to or from the keyring: as pa_credential_store_store_async()
 * and _lookup_async() with the connection's store, @callback getting the
 * store as its source; a call that takes a while (a keyring asking for its
 * password) shows as "waiting-for-keyring". */
void pa_connection_op_keyring_store  (GTask               *task,
                                      GAsyncReadyCallback  callback);
void pa_connection_op_keyring_lookup (GTask               *task,
                                      GAsyncReadyCallback  callback);

/* Stops @local and clears its token from the keyring; @wait: block
 * (bounded) until the keyring is done, for shutdown. */
void pa_connection_stop_local_server (PaConnection  *self,
                                      PaLocalServer *local,
                                      gboolean       wait);

G_END_DECLS
