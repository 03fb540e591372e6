/* pa-sip-notify.c — pushing a reboot or resync to a phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The event comes from the catalog (the vendor's sip_events), so no vendor
 * is named here. The phone is reached at its registered contact when one
 * is known, else at the address it last fetched from, on its SIP port.
 */
#define G_LOG_DOMAIN "pa-sip"

#include "config.h"

#include <string.h>

#include "pa-catalog.h"
#include "pa-server-private.h"
#include "pa-sip-notify.h"

/* What may stand in a SIP user part unescaped (RFC 3261 25.1:
 * unreserved / user-unreserved). */
#define USER_SAFE "-_.!~*'()&=+$,;?/"

/* `sip:…` out of a Contact value: `"Ann" <sip:…>;expires=60`, `<sip:…>`
 * or a bare URI. */
static char *
contact_uri (const char *contact)
{
  const char *start = strchr (contact, '<');
  const char *end;
  g_autofree char *uri = NULL;

  if (start != NULL)
    {
      end = strchr (start, '>');
      if (end == NULL)
        return NULL;
      uri = g_strndup (start + 1, end - start - 1);
    }
  else
    uri = g_strstrip (g_strdup (contact));

  if ((!g_str_has_prefix (uri, "sip:") && !g_str_has_prefix (uri, "sips:"))
      || uri[strcspn (uri, " \t\r\n<>\"")] != '\0')
    return NULL;
  return g_steal_pointer (&uri);
}

char *
pa_sip_target_for_phone (const char *contact,
                         const char *last_ip,
                         guint       sip_port,
                         const char *user)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *host = NULL;

  if (contact != NULL && contact[0] != '\0')
    {
      char *uri = contact_uri (contact);

      if (uri != NULL)
        return uri;
      g_debug ("Ignoring the contact “%s”: not a SIP URI", contact);
    }

  if (last_ip == NULL || (address = g_inet_address_new_from_string (last_ip)) == NULL)
    return NULL;
  if (sip_port == 0 || sip_port > 65535)
    sip_port = PA_SIP_DEFAULT_PHONE_PORT;
  host = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6
         ? g_strdup_printf ("[%s]", last_ip) : g_strdup (last_ip);
  if (user == NULL || user[0] == '\0')
    return g_strdup_printf ("sip:%s:%u", host, sip_port);
  escaped = g_uri_escape_string (user, USER_SAFE, FALSE);
  return g_strdup_printf ("sip:%s@%s:%u", escaped, host, sip_port);
}

void
pa_sip_push_free (PaSipPush *push)
{
  if (push == NULL)
    return;
  g_free (push->action);
  g_free (push->event);
  g_free (push->target);
  g_free (push->endpoint);
  g_free (push->auth_user);
  if (push->password != NULL)
    memset (push->password, 0, strlen (push->password));
  g_free (push->password);
  pa_sip_outcome_clear (&push->outcome);
  g_free (push);
}

static void
block (PaSipPush   *push,
       PaSipResult  result,
       const char  *reason)
{
  push->blocked = TRUE;
  push->outcome.result = result;
  push->outcome.code = 0;
  g_free (push->outcome.reason);
  push->outcome.reason = g_strdup (reason);
}

PaSipPush *
pa_sip_push_new (PaServer    *server,
                 gint64       phone_id,
                 const char  *action,
                 gint64       account_id,
                 const char  *old_password,
                 GError     **error)
{
  g_autoptr(PaSipPush) push = g_new0 (PaSipPush, 1);
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(PaResource) account = NULL;
  PaVendor *vendor;
  GArray *lines;
  const char *event = NULL;

  g_return_val_if_fail (PA_IS_SERVER (server), NULL);

  /* The address it fetched from a moment ago is written within the
   * fetch log's delay; waiting for it here would stall the main loop
   * behind the log's thread (and behind a bulk job). */
  phone = pa_store_get (server->store, PA_TYPE_PHONE, phone_id, error);
  if (phone == NULL)
    return NULL;

  push->phone_id = phone_id;
  push->action = g_strdup (action);

  vendor = pa_catalog_get_vendor (pa_catalog_get_default (),
                                  pa_phone_get_vendor (PA_PHONE (phone)));
  if (vendor != NULL)
    event = pa_vendor_get_sip_event (vendor, action);
  push->event = g_strdup (event);

  lines = pa_phone_get_lines (PA_PHONE (phone));
  if (lines->len > 0)
    {
      gint64 first = g_array_index (lines, gint64, 0);

      account = pa_store_get (server->store, PA_TYPE_SIP_ACCOUNT, first, error);
      if (account == NULL)
        return NULL;
      push->endpoint = g_strdup (pa_sip_account_get_username (PA_SIP_ACCOUNT (account)));
      push->auth_user = g_strdup (pa_sip_account_get_auth_name (PA_SIP_ACCOUNT (account)));
      if (push->auth_user == NULL)
        push->auth_user = g_strdup (push->endpoint);
      if (first == account_id && old_password != NULL)
        push->password = g_strdup (old_password);
      else
        {
          push->password = pa_store_get_sip_password (server->store, first, NULL, error);
          if (push->password == NULL)
            return NULL;
        }
      if (push->endpoint != NULL && push->endpoint[0] == '\0')
        g_clear_pointer (&push->endpoint, g_free);
    }

  /* The contact of its registration first, as a PBX reported it
   * (POST /api/v1/events/registration); else where it fetched from. */
  push->target = pa_sip_target_for_phone (pa_phone_get_contact (PA_PHONE (phone)),
                                          pa_phone_get_ip (PA_PHONE (phone)),
                                          pa_phone_get_local_sip_port (PA_PHONE (phone)),
                                          push->endpoint);

  if (push->event == NULL)
    block (push, PA_SIP_RESULT_FAILED, "the catalog names no event for this vendor");
  else if (push->target == NULL && !pa_server_ami_configured (server))
    block (push, PA_SIP_RESULT_NO_ADDRESS, "no address known: the phone never fetched its files");
  else if (server->sip_agent == NULL && !pa_server_ami_configured (server))
    block (push, PA_SIP_RESULT_FAILED, "provd's SIP agent is not running");
  return g_steal_pointer (&push);
}

typedef struct
{
  PaSipPush *push;
} SendData;

static void
send_data_free (SendData *data)
{
  g_clear_pointer (&data->push, pa_sip_push_free);
  g_free (data);
}

typedef struct
{
  gint64     phone_id;
  char      *action;
  char      *reason;
  PaPhoneSipAction record;
} ActionWrite;

static void
action_write_free (ActionWrite *write)
{
  g_free (write->action);
  g_free (write->reason);
  g_clear_pointer (&write->record.at, g_date_time_unref);
  g_free (write);
}

static void
write_action (PaStore  *store,
              gpointer  data)
{
  ActionWrite *write = data;
  g_autoptr(GError) error = NULL;

  if (!pa_store_set_phone_sip_action (store, write->phone_id, &write->record, &error)
      && !g_error_matches (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
    g_warning ("Cannot keep the result of the %s of phone %" G_GINT64_FORMAT ": %s",
               write->action, write->phone_id, error->message);
}

/* Keeps how it ended as the phone's sip_action (once no bulk job holds
 * the store); the change log carries it to the apps. */
static void
record (PaServer           *server,
        const PaSipPush    *push,
        const PaSipOutcome *outcome)
{
  ActionWrite *write = g_new0 (ActionWrite, 1);

  g_message ("%s of phone %" G_GINT64_FORMAT " (%s): %s%s%s",
                    push->action, push->phone_id, push->target != NULL ? push->target : "no target",
                    pa_sip_result_to_string (outcome->result),
                    outcome->reason != NULL ? ", " : "",
                    outcome->reason != NULL ? outcome->reason : "");
  write->phone_id = push->phone_id;
  write->action = g_strdup (push->action);
  write->reason = g_strdup (outcome->reason);
  write->record.action = write->action;
  write->record.result = pa_sip_result_to_string (outcome->result);
  write->record.code = outcome->code;
  write->record.reason = write->reason;
  write->record.at = g_date_time_new_now_utc ();
  pa_store_when_writable (server->store, write_action, write,
                          (GDestroyNotify) action_write_free);
}

static void
complete (GTask        *task,
          PaSipOutcome *outcome)
{
  SendData *data = g_task_get_task_data (task);
  PaSipOutcome *copy = g_new0 (PaSipOutcome, 1);

  record (g_task_get_source_object (task), data->push, outcome);
  *copy = *outcome;
  outcome->reason = NULL;
  g_task_return_pointer (task, copy, NULL);
}

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_auto(PaSipOutcome) outcome = { 0 };

  pa_sip_agent_send_finish (PA_SIP_AGENT (source), result, &outcome);
  complete (task, &outcome);
}

static void
sent_ami_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_auto(PaSipOutcome) outcome = { 0 };

  pa_server_ami_notify_finish (PA_SERVER (source), result, &outcome);
  complete (task, &outcome);
}

void
pa_sip_push_send_async (PaServer            *server,
                        PaSipPush           *push,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (server, NULL, callback, user_data);
  SendData *data = g_new0 (SendData, 1);

  data->push = push;
  g_task_set_task_data (task, data, (GDestroyNotify) send_data_free);
  g_task_set_source_tag (task, pa_sip_push_send_async);

  if (push->blocked)
    {
      g_auto(PaSipOutcome) outcome = { push->outcome.result, 0, g_strdup (push->outcome.reason) };

      complete (task, &outcome);
      return;
    }

  if (pa_server_ami_configured (server))
    {
      pa_server_ami_notify_async (server, push->endpoint, push->target, push->event,
                                  sent_ami_cb, g_steal_pointer (&task));
      return;
    }

  {
    PaSipRequest request = {
      "NOTIFY", push->target, push->event, push->auth_user, push->password
    };

    pa_sip_agent_send_async (server->sip_agent, &request, NULL, sent_cb,
                             g_steal_pointer (&task));
  }
}

gint64
pa_sip_push_send_finish (PaServer     *server,
                         GAsyncResult *result,
                         PaSipOutcome *outcome)
{
  GTask *task = G_TASK (result);
  SendData *data = g_task_get_task_data (task);
  PaSipOutcome *got;

  g_return_val_if_fail (g_task_is_valid (result, server), 0);

  got = g_task_propagate_pointer (task, NULL);
  *outcome = *got;
  g_free (got);
  return data->push->phone_id;
}

void
pa_server_start_sip (PaServer *self)
{
  g_autoptr(GError) error = NULL;
  guint port = pa_server_config_get_sip_port (self->config);
  const char *host = self->config->listen_host;

  if (self->sip_agent != NULL)
    return;
  self->sip_agent = pa_sip_agent_new (host, port, self->config->sip_timeout_ms, &error);
  if (self->sip_agent == NULL)
    {
      /* Phones still fetch their files; only pushes and keepalives stop.
       * Not a warning: a second provd on the machine (another user's
       * local server, a test) finds the port taken, and goes on. */
      g_message ("No SIP: %s; reboot, resync and keepalives are off", error->message);
      return;
    }
  pa_server_start_keepalive (self);
}

void
pa_server_stop_sip (PaServer *self)
{
  pa_server_stop_keepalive (self);
  if (self->sip_agent != NULL)
    pa_sip_agent_close (self->sip_agent);
  g_clear_object (&self->sip_agent);
}
