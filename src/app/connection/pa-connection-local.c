/* pa-connection-local.c — the connection's local-mode steps: start provd,
 * round-trip its token through the keyring, and stop it again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-connection"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pa-connection-private.h"
#include "pa-local-server.h"

static void
local_token_lookup_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  GTask *task = user_data;
  Op *op = g_task_get_task_data (task);
  GError *error = NULL;
  g_autofree char *token = NULL;

  token = pa_credential_store_lookup_finish (PA_CREDENTIAL_STORE (source), result, &error);
  if (token == NULL)
    {
      if (error == NULL)
        error = g_error_new (PA_CONNECTION_ERROR, PA_CONNECTION_ERROR_NO_TOKEN,
                             _("The keyring did not keep the local server’s token"));
      pa_connection_op_fail (task, error);
      return;
    }

  /* From here on the token in use is the keyring's. */
  g_free (op->token);
  op->token = g_steal_pointer (&token);
  pa_connection_op_open_client (task);
}

static void
local_token_store_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  PaConnection *self = g_task_get_source_object (task);
  GError *error = NULL;

  if (!pa_credential_store_store_finish (PA_CREDENTIAL_STORE (source), result, &error))
    {
      /* No Secret Service on this desktop, or no keyring and the user
       * declined to make one: the token is in provd's own folder anyway
       * (readable only by the user), so local mode goes on with it. */
      g_message ("The keyring cannot keep the local server’s token (%s); using it from the "
                 "server’s folder", error->message);
      g_clear_error (&error);
      pa_connection_op_open_client (task);
      return;
    }

  self->local_in_keyring = TRUE;
  pa_connection_op_keyring_lookup (task, local_token_lookup_cb);
}

static void
local_started (GTask         *task,
               PaLocalServer *server)
{
  Op *op = g_task_get_task_data (task);

  op->url = g_strdup (pa_local_server_get_url (server));
  op->token = g_strdup (pa_local_server_get_token (server));
  /* Over HTTPS, the certificate the user gave provd is the one to trust. */
  g_set_object (&op->trusted, pa_local_server_get_certificate (server));
  pa_connection_op_keyring_store (task, local_token_store_cb);
}

static void
local_start_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (!pa_local_server_start_finish (PA_LOCAL_SERVER (source), result, &error))
    {
      pa_connection_op_fail (task, error);
      return;
    }
  local_started (task, PA_LOCAL_SERVER (source));
}

void
pa_connection_op_local_start (GTask *task)
{
  PaConnection *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  op->local = TRUE;
  /* Already running (a switch back from a server): keep it. */
  if (self->local_server != NULL && pa_local_server_get_url (self->local_server) != NULL)
    {
      local_started (task, self->local_server);
      return;
    }

  op->local_server = pa_local_server_new (self->provd_path, self->local_data_dir);
  g_set_object (&self->starting_local, op->local_server);
  pa_local_server_start_async (op->local_server, g_task_get_cancellable (task),
                               local_start_cb, task);
}

static void
local_token_cleared_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  if (!pa_credential_store_clear_finish (PA_CREDENTIAL_STORE (source), result, &error))
    g_warning ("Cannot remove the stopped local server’s token from the keyring: %s",
               error->message);
  if (done != NULL)
    {
      *done = TRUE;
      g_rc_box_release (done);
    }
}

static gboolean
flag_set_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The local provd gets a new port at every start, so its keyring item is
 * worthless once it stops: removing it keeps the keyring from filling up
 * with one item per run. @wait: block (bounded) until it is done, for
 * shutdown, where the main loop will not run again. */
void
pa_connection_stop_local_server (PaConnection  *self,
                                 PaLocalServer *local,
                                 gboolean       wait)
{
  g_autofree char *url = g_strdup (pa_local_server_get_url (local));
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) timeout = NULL;
  gboolean *done;
  gboolean timed_out = FALSE;

  if (!self->local_in_keyring)
    g_clear_pointer (&url, g_free);
  self->local_in_keyring = FALSE;
  if (!wait)
    {
      pa_local_server_stop_async (local, NULL, NULL);
      if (url != NULL)
        pa_credential_store_clear_async (self->credentials, url, NULL,
                                         local_token_cleared_cb, NULL);
      return;
    }
  pa_local_server_stop (local);
  if (url == NULL)
    return;

  /* Shared with the callback, which may come after we gave up waiting. */
  done = g_rc_box_new0 (gboolean);
  pa_credential_store_clear_async (self->credentials, url, NULL, local_token_cleared_cb,
                                   g_rc_box_acquire (done));
  context = g_main_context_ref_thread_default ();
  /* Bounded: a keyring that does not answer wakes us after 2 s. */
  timeout = g_timeout_source_new_seconds (2);
  g_source_set_callback (timeout, flag_set_cb, &timed_out, NULL);
  g_source_attach (timeout, context);
  while (!*done && !timed_out)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  if (!*done)
    g_warning ("The keyring did not answer in time; the local server’s token stays there");
  g_rc_box_release (done);
}
