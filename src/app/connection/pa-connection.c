/* pa-connection.c — remote servers, and switching between them and local
 * mode (whose own steps are in pa-connection-local.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every way in (connect, connect_to_server, use_local, forget_server) runs
 * the same pipeline on an Op: get a URL and token, make a client, check the
 * server answers (GET api/v1), load the repository, then commit (keyring,
 * GSettings) and switch. Nothing of the current connection changes before
 * the commit, so a failed switch loses nothing.
 */
#define G_LOG_DOMAIN "pa-connection"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "pa-connection-private.h"
#include "pa-local-server.h"
#include "pa-server-address.h"

#define SETTINGS_SERVER_URL "server-url"


G_DEFINE_FINAL_TYPE (PaConnection, pa_connection, G_TYPE_OBJECT)

G_DEFINE_QUARK (pa-connection-error-quark, pa_connection_error)

G_DEFINE_ENUM_TYPE (PaConnectionState, pa_connection_state,
                    G_DEFINE_ENUM_VALUE (PA_CONNECTION_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (PA_CONNECTION_CONNECTING, "connecting"),
                    G_DEFINE_ENUM_VALUE (PA_CONNECTION_CONNECTED, "connected"),
                    G_DEFINE_ENUM_VALUE (PA_CONNECTION_FAILED, "failed"))

enum {
  PROP_0,
  PROP_STATE,
  PROP_REPOSITORY,
  PROP_IS_LOCAL,
  PROP_SERVER_URL,
  PROP_ERROR,
  PROP_N_LISTED,
  PROP_WAITING_FOR_KEYRING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


static void
op_free (Op *op)
{
  /* A provd this op started but did not hand over must not outlive it. */
  if (op->local_server != NULL)
    pa_local_server_stop_async (op->local_server, NULL, NULL);
  g_clear_object (&op->local_server);
  g_clear_pointer (&op->url, g_free);
  if (op->token != NULL)
    memset (op->token, 0, strlen (op->token));
  g_clear_pointer (&op->token, g_free);
  g_clear_object (&op->trusted);
  g_clear_object (&op->client);
  g_clear_object (&op->repository);
  g_free (op);
}

static void
set_state (PaConnection      *self,
           PaConnectionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
set_error (PaConnection *self,
           const GError *error)
{
  if (self->error == NULL && error == NULL)
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
}

static void
set_is_local (PaConnection *self,
              gboolean      is_local)
{
  if (self->is_local == is_local)
    return;
  self->is_local = is_local;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_LOCAL]);
}

static void
set_server_url (PaConnection *self,
                const char   *url)
{
  if (g_strcmp0 (self->server_url, url) == 0)
    return;
  g_free (self->server_url);
  self->server_url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_URL]);
}

static void
client_listed_cb (PaConnection *self,
                  GParamSpec   *pspec,
                  PaClient     *client)
{
  if (client == self->listing_client)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LISTED]);
}

/* The newest op's client is the one whose listing counts; @client NULL:
 * the op ended. */
static void
set_listing_client (PaConnection *self,
                    PaClient     *client)
{
  g_set_object (&self->listing_client, client);
  if (client != NULL)
    g_signal_connect_object (client, "notify::n-listed", G_CALLBACK (client_listed_cb), self,
                             G_CONNECT_SWAPPED);
  /* Notified even at 0: where it connects has changed. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_LISTED]);
}

/* A keyring that asks for its password (to unlock, or to make a keyring)
 * keeps the op waiting for the user: after this long, the window says so. */
#define KEYRING_SLOW_MS 1000

static void
keyring_slow_cb (gpointer data)
{
  PaConnection *self = data;

  self->keyring_slow = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_FOR_KEYRING]);
}

typedef struct
{
  GAsyncReadyCallback callback;
  GTask              *task;   /* the op's: its reference goes to @callback */
} KeyringCall;

static void
keyring_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  KeyringCall *call = user_data;
  PaConnection *self = g_task_get_source_object (call->task);

  if (--self->keyring_calls == 0)
    {
      gboolean was_waiting = self->keyring_slow == 0;

      g_clear_handle_id (&self->keyring_slow, g_source_remove);
      if (was_waiting)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_FOR_KEYRING]);
    }
  call->callback (source, result, call->task);
  g_free (call);
}

static KeyringCall *
keyring_call_begin (GTask               *task,
                    GAsyncReadyCallback  callback)
{
  PaConnection *self = g_task_get_source_object (task);
  KeyringCall *call = g_new0 (KeyringCall, 1);

  call->callback = callback;
  call->task = task;
  if (self->keyring_calls++ == 0)
    self->keyring_slow = g_timeout_add_once (KEYRING_SLOW_MS, keyring_slow_cb, self);
  return call;
}

void
pa_connection_op_keyring_store (GTask               *task,
                                GAsyncReadyCallback  callback)
{
  PaConnection *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  pa_credential_store_store_async (self->credentials, op->url, op->token,
                                   g_task_get_cancellable (task), keyring_done_cb,
                                   keyring_call_begin (task, callback));
}

void
pa_connection_op_keyring_lookup (GTask               *task,
                                 GAsyncReadyCallback  callback)
{
  PaConnection *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  pa_credential_store_lookup_async (self->credentials, op->url, g_task_get_cancellable (task),
                                    keyring_done_cb, keyring_call_begin (task, callback));
}

static void op_commit (GTask *task);

void
pa_connection_op_fail (GTask  *task,
                       GError *error)
{
  PaConnection *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  /* Only a connect owns the state; a failed switch leaves the current
   * connection as it was. Forget already dropped the server, so it counts
   * as a connect from here on. */
  if ((op->kind == OP_CONNECT || op->kind == OP_FORGET) && op->generation == self->generation)
    {
      set_error (self, error);
      set_state (self, PA_CONNECTION_FAILED);
    }
  if (op->client != NULL && op->client == self->listing_client)
    set_listing_client (self, NULL);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!pa_repository_refresh_finish (PA_REPOSITORY (source), result, &error))
    {
      pa_connection_op_fail (task, error);
      return;
    }
  op_commit (task);
}

static void
info_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  g_autoptr(JsonObject) info = NULL;
  GError *error = NULL;

  info = pa_client_get_info_finish (PA_CLIENT (source), result, &error);
  if (info == NULL)
    {
      /* Reworded in place, so the extended data (status, certificate)
       * stays with the error. */
      if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNAUTHORIZED))
        {
          g_free (error->message);
          error->message = op->local
            ? g_strdup (_("The local server refused its own token"))
            : g_strdup_printf (_("%s refused the token. Check it and try again."), op->url);
        }
      pa_connection_op_fail (task, error);
      return;
    }

  op->repository = pa_repository_new (op->client);
  pa_repository_refresh_async (op->repository, g_task_get_cancellable (task), refresh_cb, task);
}

void
pa_connection_op_open_client (GTask *task)
{
  PaConnection *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  op->client = pa_client_new (op->url, op->token);
  if (op->trusted != NULL)
    pa_client_set_trusted_certificate (op->client, op->trusted);
  set_listing_client (self, op->client);
  pa_client_get_info_async (op->client, g_task_get_cancellable (task), info_cb, task);
}

static void
switch_over (GTask *task)
{
  PaConnection *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  g_autoptr(PaLocalServer) old_local = NULL;

  if (op->generation != self->generation)
    {
      /* Someone switched elsewhere meanwhile; theirs wins. */
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               _("Another connection was made meanwhile"));
      g_object_unref (task);
      return;
    }
  self->generation++;
  g_clear_object (&self->starting_local);

  if (op->local)
    {
      if (op->local_server != NULL)
        {
          old_local = g_steal_pointer (&self->local_server);
          self->local_server = g_steal_pointer (&op->local_server);
        }
    }
  else
    {
      /* Nothing talks to it any more. */
      old_local = g_steal_pointer (&self->local_server);
    }
  if (old_local != NULL)
    pa_connection_stop_local_server (self, old_local, FALSE);

  g_object_freeze_notify (G_OBJECT (self));
  g_set_object (&self->client, op->client);
  if (g_set_object (&self->repository, op->repository))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
  set_is_local (self, op->local);
  set_server_url (self, op->url);
  set_error (self, NULL);
  set_state (self, PA_CONNECTION_CONNECTED);
  set_listing_client (self, NULL);
  g_object_thaw_notify (G_OBJECT (self));

  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
server_token_store_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  PaConnection *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!pa_credential_store_store_finish (PA_CREDENTIAL_STORE (source), result, &error))
    {
      g_prefix_error (&error, _("The server answered, but its token cannot be kept in the "
                                "keyring: "));
      pa_connection_op_fail (task, error);
      return;
    }

  g_settings_set_string (self->settings, SETTINGS_SERVER_URL, op->url);
  switch_over (task);
}

static void
op_commit (GTask *task)
{
  PaConnection *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  switch (op->kind)
    {
    case OP_TO_SERVER:
      pa_connection_op_keyring_store (task, server_token_store_cb);
      return;

    case OP_USE_LOCAL:
    case OP_FORGET:
      g_settings_set_string (self->settings, SETTINGS_SERVER_URL, "");
      break;

    case OP_CONNECT:
    default:
      break;
    }
  switch_over (task);
}

static void
server_token_lookup_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->token = pa_credential_store_lookup_finish (PA_CREDENTIAL_STORE (source), result, &error);
  if (op->token == NULL)
    {
      /* A keyring left locked (its password prompt dismissed) answers the
       * same as one without the token: the message names both. */
      if (error == NULL)
        error = g_error_new (PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_NO_TOKEN,
                             _("The keyring gave no token for %s: it has none, or it "
                               "stayed locked. Unlock the keyring and try again, or connect "
                               "to the server again and enter its token."), op->url);
      pa_connection_op_fail (task, error);
      return;
    }
  pa_connection_op_open_client (task);
}

static GTask *
op_new (PaConnection        *self,
        OpKind               kind,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data,
        gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Op *op = g_new0 (Op, 1);

  op->kind = kind;
  op->generation = self->generation;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  return task;
}

void
pa_connection_connect_async (PaConnection        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  Op *op;
  g_autofree char *url = NULL;

  g_return_if_fail (PA_IS_CONNECTION (self));

  task = op_new (self, OP_CONNECT, cancellable, callback, user_data,
                 pa_connection_connect_async);
  op = g_task_get_task_data (task);
  set_state (self, PA_CONNECTION_CONNECTING);

  url = g_settings_get_string (self->settings, SETTINGS_SERVER_URL);
  if (url == NULL || *url == '\0')
    {
      pa_connection_op_local_start (task);
      return;
    }

  op->url = pa_server_address_normalize (url, NULL);
  if (op->url == NULL)
    {
      pa_connection_op_fail (task,
                             g_error_new (PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_INVALID_URL,
                                          _("The configured server address “%s” is not "
                                            "valid. Connect to the server again."), url));
      return;
    }
  op->trusted = pa_trusted_certificate_load (op->url);
  pa_connection_op_keyring_lookup (task, server_token_lookup_cb);
}

gboolean
pa_connection_connect_finish (PaConnection  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
to_server_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

static void
remember_certificate_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  GTask *outer = user_data;
  Op *op = g_task_get_task_data (G_TASK (result));

  /* Only once the server is in use: a refused attempt remembers nothing. */
  if (!g_task_had_error (G_TASK (result)))
    pa_trusted_certificate_save (op->url, op->trusted);
  to_server_done_cb (source, result, outer);
}

void
pa_connection_connect_to_server_async (PaConnection        *self,
                                       const char          *url,
                                       const char          *token,
                                       GTlsCertificate     *trusted,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  GTask *task;
  Op *op;
  GError *error = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *clean_token = NULL;

  g_return_if_fail (PA_IS_CONNECTION (self));
  g_return_if_fail (trusted == NULL || G_IS_TLS_CERTIFICATE (trusted));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, pa_connection_connect_to_server_async);

  normalized = pa_server_address_normalize (url, &error);
  if (normalized == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }
  clean_token = g_strstrip (g_strdup (token != NULL ? token : ""));
  if (*clean_token == '\0')
    {
      g_task_return_new_error (outer, PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_EMPTY_TOKEN,
                               _("Enter the server’s admin token"));
      return;
    }

  /* An inner task runs the pipeline so the certificate is saved only after
   * the switch, without the pipeline knowing about it. */
  task = op_new (self, OP_TO_SERVER, cancellable, remember_certificate_cb,
                 g_steal_pointer (&outer), pa_connection_connect_to_server_async);
  op = g_task_get_task_data (task);
  op->url = g_steal_pointer (&normalized);
  op->token = g_steal_pointer (&clean_token);
  op->trusted = trusted != NULL ? g_object_ref (trusted) : NULL;
  pa_connection_op_open_client (task);
}

gboolean
pa_connection_connect_to_server_finish (PaConnection  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pa_connection_use_local_async (PaConnection        *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (PA_IS_CONNECTION (self));

  pa_connection_op_local_start (op_new (self, OP_USE_LOCAL, cancellable, callback, user_data,
                                        pa_connection_use_local_async));
}

void
pa_connection_set_keep_local_running (PaConnection *self,
                                      gboolean      keep)
{
  g_return_if_fail (PA_IS_CONNECTION (self));

  self->keep_local_running = !!keep;
}

PaLocalServer *
pa_connection_get_local_server (PaConnection *self)
{
  g_return_val_if_fail (PA_IS_CONNECTION (self), NULL);

  return self->local_server;
}

void
pa_connection_set_lan_access_async (PaConnection        *self,
                                    gboolean             allow,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (PA_IS_CONNECTION (self));
  g_return_if_fail (self->local_server != NULL);

  pa_local_server_set_lan_access (self->local_server, allow);
  pa_connection_restart_local_async (self, cancellable, callback, user_data);
}

typedef struct
{
  PaConnection        *self;
  GCancellable        *cancellable;
  GAsyncReadyCallback  callback;
  gpointer             user_data;
} Restart;

static void
restart_stopped_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Restart *restart = user_data;

  pa_local_server_stop_finish (PA_LOCAL_SERVER (source), result, NULL);
  pa_connection_use_local_async (restart->self, restart->cancellable, restart->callback,
                                 restart->user_data);
  g_clear_object (&restart->self);
  g_clear_object (&restart->cancellable);
  g_free (restart);
}

void
pa_connection_restart_local_async (PaConnection        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (PA_IS_CONNECTION (self));
  g_return_if_fail (self->local_server != NULL);

  Restart *restart = g_new0 (Restart, 1);

  /* provd reads its address and certificate once, at start: a new one is a
   * new start, on the same port (so once the old one has let go of it),
   * and the same reconnect as switching to local mode. */
  restart->self = g_object_ref (self);
  restart->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  restart->callback = callback;
  restart->user_data = user_data;
  pa_local_server_stop_async (self->local_server, restart_stopped_cb, restart);
}

gboolean
pa_connection_set_lan_access_finish (PaConnection  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return pa_connection_use_local_finish (self, result, error);
}

gboolean
pa_connection_use_local_finish (PaConnection  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
forget_clear_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  PaConnection *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;

  if (!pa_credential_store_clear_finish (PA_CREDENTIAL_STORE (source), result, &error))
    {
      g_prefix_error (&error, _("Cannot remove the token from the keyring: "));
      /* Nothing changed yet: the server stays in use. */
      op->kind = OP_USE_LOCAL;
      pa_connection_op_fail (task, error);
      return;
    }

  pa_trusted_certificate_save (op->url, NULL);
  /* The server is gone now whatever happens next. */
  g_settings_set_string (self->settings, SETTINGS_SERVER_URL, "");
  if (!self->is_local)
    set_state (self, PA_CONNECTION_CONNECTING);
  pa_connection_op_local_start (task);
}

void
pa_connection_forget_server_async (PaConnection        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;
  Op *op;
  g_autofree char *url = NULL;

  g_return_if_fail (PA_IS_CONNECTION (self));

  task = op_new (self, OP_FORGET, cancellable, callback, user_data,
                 pa_connection_forget_server_async);
  op = g_task_get_task_data (task);
  url = g_settings_get_string (self->settings, SETTINGS_SERVER_URL);
  op->url = url != NULL && *url != '\0' ? pa_server_address_normalize (url, NULL) : NULL;
  if (op->url == NULL)
    {
      g_settings_set_string (self->settings, SETTINGS_SERVER_URL, "");
      pa_connection_op_local_start (task);
      return;
    }
  pa_credential_store_clear_async (self->credentials, op->url, cancellable,
                                   forget_clear_cb, task);
}

gboolean
pa_connection_forget_server_finish (PaConnection  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pa_connection_shutdown (PaConnection *self)
{
  g_autoptr(PaLocalServer) local = NULL;

  g_return_if_fail (PA_IS_CONNECTION (self));

  /* Still starting: it would otherwise come up after we are gone. */
  if (self->starting_local != NULL)
    {
      pa_local_server_stop (self->starting_local);
      g_clear_object (&self->starting_local);
    }

  local = g_steal_pointer (&self->local_server);
  if (local == NULL)
    return;
  /* Phones on the LAN depend on it and the user chose to keep it: it goes
   * on alone, and the next start adopts it. */
  if (self->keep_local_running)
    g_message ("The local server keeps serving phones (pid %d)", (int) pa_local_server_get_pid (local));
  else
    pa_connection_stop_local_server (self, local, TRUE);

  if (self->is_local)
    {
      /* Nothing left to talk to; the app may still connect again later. */
      self->generation++;
      g_object_freeze_notify (G_OBJECT (self));
      g_clear_object (&self->client);
      if (self->repository != NULL)
        {
          g_clear_object (&self->repository);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
        }
      set_server_url (self, NULL);
      set_state (self, PA_CONNECTION_IDLE);
      g_object_thaw_notify (G_OBJECT (self));
    }
}

PaConnectionState
pa_connection_get_state (PaConnection *self)
{
  g_return_val_if_fail (PA_IS_CONNECTION (self), PA_CONNECTION_IDLE);

  return self->state;
}

gboolean
pa_connection_get_is_local (PaConnection *self)
{
  g_return_val_if_fail (PA_IS_CONNECTION (self), FALSE);

  return self->is_local;
}

const char *
pa_connection_get_server_url (PaConnection *self)
{
  g_return_val_if_fail (PA_IS_CONNECTION (self), NULL);

  return self->server_url;
}

char *
pa_connection_dup_configured_url (PaConnection *self)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (PA_IS_CONNECTION (self), NULL);

  url = g_settings_get_string (self->settings, SETTINGS_SERVER_URL);
  if (url == NULL || *url == '\0')
    return NULL;
  return g_steal_pointer (&url);
}

PaRepository *
pa_connection_get_repository (PaConnection *self)
{
  g_return_val_if_fail (PA_IS_CONNECTION (self), NULL);

  return self->repository;
}

PaClient *
pa_connection_get_client (PaConnection *self)
{
  g_return_val_if_fail (PA_IS_CONNECTION (self), NULL);

  return self->client;
}

gboolean
pa_connection_get_connecting_local (PaConnection *self)
{
  g_autofree char *configured = NULL;

  g_return_val_if_fail (PA_IS_CONNECTION (self), FALSE);

  /* is-local says so only once a connect is done; until then the
   * configured server says where it goes ("" is local mode). */
  if (self->state != PA_CONNECTION_CONNECTING)
    return self->is_local;
  configured = g_settings_get_string (self->settings, SETTINGS_SERVER_URL);
  return *configured == '\0';
}

char *
pa_connection_dup_connecting_url (PaConnection *self)
{
  g_autofree char *configured = NULL;

  g_return_val_if_fail (PA_IS_CONNECTION (self), NULL);

  if (self->listing_client != NULL)
    return g_strdup (pa_client_get_base_url (self->listing_client));
  if (self->server_url != NULL)
    return g_strdup (self->server_url);
  /* A first connect asks the keyring for the token before it has a
   * client (seconds, when the keyring asks for its password), and one
   * that failed has none: the server meant is the configured one. */
  configured = g_settings_get_string (self->settings, SETTINGS_SERVER_URL);
  return *configured != '\0' ? pa_server_address_normalize (configured, NULL) : NULL;
}

gboolean
pa_connection_get_waiting_for_keyring (PaConnection *self)
{
  g_return_val_if_fail (PA_IS_CONNECTION (self), FALSE);

  /* Calls under way, and the timeout that says they are slow has fired. */
  return self->keyring_calls > 0 && self->keyring_slow == 0;
}

guint64
pa_connection_get_n_listed (PaConnection *self)
{
  g_return_val_if_fail (PA_IS_CONNECTION (self), 0);

  return self->listing_client != NULL ? pa_client_get_n_listed (self->listing_client) : 0;
}

const GError *
pa_connection_get_error (PaConnection *self)
{
  g_return_val_if_fail (PA_IS_CONNECTION (self), NULL);

  return self->error;
}

static void
pa_connection_dispose (GObject *object)
{
  PaConnection *self = PA_CONNECTION (object);

  /* The local server is deliberately not stopped here: only shutdown()
   * ends it, so an object dropped in a crash leaves provd to be adopted. */
  g_clear_object (&self->local_server);
  g_clear_object (&self->starting_local);
  g_clear_object (&self->repository);
  g_clear_object (&self->client);
  g_clear_object (&self->listing_client);
  g_clear_handle_id (&self->keyring_slow, g_source_remove);

  G_OBJECT_CLASS (pa_connection_parent_class)->dispose (object);
}

static void
pa_connection_finalize (GObject *object)
{
  PaConnection *self = PA_CONNECTION (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->credentials);
  g_clear_pointer (&self->provd_path, g_free);
  g_clear_pointer (&self->local_data_dir, g_free);
  g_clear_pointer (&self->server_url, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (pa_connection_parent_class)->finalize (object);
}

static void
pa_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PaConnection *self = PA_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    case PROP_IS_LOCAL:
      g_value_set_boolean (value, self->is_local);
      break;
    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_N_LISTED:
      g_value_set_uint64 (value, pa_connection_get_n_listed (self));
      break;
    case PROP_WAITING_FOR_KEYRING:
      g_value_set_boolean (value, pa_connection_get_waiting_for_keyring (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_connection_class_init (PaConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pa_connection_dispose;
  object_class->finalize = pa_connection_finalize;
  object_class->get_property = pa_connection_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, PA_TYPE_CONNECTION_STATE, PA_CONNECTION_IDLE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_LOCAL] =
    g_param_spec_boolean ("is-local", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_LISTED] =
    g_param_spec_uint64 ("n-listed", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WAITING_FOR_KEYRING] =
    g_param_spec_boolean ("waiting-for-keyring", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pa_connection_init (PaConnection *self)
{
  self->state = PA_CONNECTION_IDLE;
}

PaConnection *
pa_connection_new (GSettings         *settings,
                   PaCredentialStore *credentials,
                   const char        *provd_path,
                   const char        *local_data_dir)
{
  PaConnection *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (PA_IS_CREDENTIAL_STORE (credentials), NULL);

  self = g_object_new (PA_TYPE_CONNECTION, NULL);
  self->settings = g_object_ref (settings);
  self->credentials = g_object_ref (credentials);
  self->provd_path = g_strdup (provd_path);
  self->local_data_dir = g_strdup (local_data_dir);
  return self;
}
