/* pa-sip-agent.c — provd's SIP user agent over sofia-sip's NUA
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-sip"

#include "config.h"

#include <string.h>

#include "pa-sip-agent.h"

#if PA_HAVE_SOFIA_SIP
#include <sofia-sip/nua.h>
#include <sofia-sip/nua_tag.h>
#include <sofia-sip/nta_tag.h>
#include <sofia-sip/sip_header.h>
#include <sofia-sip/sip_status.h>
#include <sofia-sip/su_glib.h>
#include <sofia-sip/su_log.h>
#include <sofia-sip/msg_addr.h>
#include <sofia-sip/msg_header.h>
#endif

const char *
pa_sip_result_to_string (PaSipResult result)
{
  switch (result)
    {
    case PA_SIP_RESULT_ANSWERED: return "answered";
    case PA_SIP_RESULT_REJECTED: return "rejected";
    case PA_SIP_RESULT_AUTH_FAILED: return "auth_failed";
    case PA_SIP_RESULT_NO_ANSWER: return "no_answer";
    case PA_SIP_RESULT_NO_ADDRESS: return "no_address";
    case PA_SIP_RESULT_FAILED: return "failed";
    default: g_return_val_if_reached ("failed");
    }
}

void
pa_sip_outcome_clear (PaSipOutcome *outcome)
{
  g_clear_pointer (&outcome->reason, g_free);
}

static PaSipOutcome *
outcome_new (PaSipResult  result,
             guint        code,
             const char  *reason)
{
  PaSipOutcome *outcome = g_new0 (PaSipOutcome, 1);

  outcome->result = result;
  outcome->code = code;
  outcome->reason = g_strdup (reason);
  return outcome;
}

static void
outcome_free (PaSipOutcome *outcome)
{
  pa_sip_outcome_clear (outcome);
  g_free (outcome);
}

#if PA_HAVE_SOFIA_SIP

/* How long closing waits for sofia-sip to let go of its transactions. */
#define SHUTDOWN_WAIT_USEC (3 * G_USEC_PER_SEC)

struct _PaSipAgent
{
  GObject     parent_instance;

  su_root_t  *root;
  nua_t      *nua;
  guint       port;
  char       *from;       /* our From: <sip:phoneadmin@host> */
  GHashTable *pending;    /* Pending (owned) */
  gboolean    shut_down;  /* nua_r_shutdown came */
};

G_DEFINE_FINAL_TYPE (PaSipAgent, pa_sip_agent, G_TYPE_OBJECT)

/* One request under way; it is its NUA handle's magic. */
typedef struct
{
  nua_handle_t *nh;
  GTask        *task;
  char         *auth_user;
  char         *password;
  gboolean      answered_challenge;
} Pending;

static void
pending_free (Pending *pending)
{
  g_clear_object (&pending->task);
  g_free (pending->auth_user);
  if (pending->password != NULL)
    memset (pending->password, 0, strlen (pending->password));
  g_free (pending->password);
  g_free (pending);
}

/* Ends @pending with @outcome (taken) and lets go of its handle. */
static void
finish (PaSipAgent   *self,
        Pending      *pending,
        PaSipOutcome *outcome)
{
  g_autoptr(GTask) task = g_object_ref (pending->task);
  nua_handle_t *nh = pending->nh;

  nua_handle_bind (nh, NULL);
  g_hash_table_remove (self->pending, pending);
  nua_handle_destroy (nh);
  g_task_return_pointer (task, outcome, (GDestroyNotify) outcome_free);
}

/* The realm of the challenge in @sip, quoted as NUTAG_AUTH() wants it. */
static char *
challenge_realm (int          status,
                 const sip_t *sip)
{
  const msg_auth_t *au = status == 407 ? sip->sip_proxy_authenticate : sip->sip_www_authenticate;
  const char *realm;

  if (au == NULL || au->au_params == NULL)
    return NULL;
  realm = msg_params_find (au->au_params, "realm=");
  if (realm == NULL)
    return NULL;
  if (realm[0] == '"')
    return g_strdup (realm);
  return g_strdup_printf ("\"%s\"", realm);
}

static void
answer_challenge (PaSipAgent  *self,
                  Pending     *pending,
                  int          status,
                  const char  *phrase,
                  const sip_t *sip)
{
  g_autofree char *realm = NULL;
  g_autofree char *auth = NULL;

  /* A second challenge means the phone refused what we answered. */
  if (pending->answered_challenge)
    {
      finish (self, pending, outcome_new (PA_SIP_RESULT_AUTH_FAILED, status,
                                          "the phone refused the credentials"));
      return;
    }
  if (pending->auth_user == NULL || pending->password == NULL || pending->password[0] == '\0')
    {
      finish (self, pending, outcome_new (PA_SIP_RESULT_AUTH_FAILED, status,
                                          "challenged, and the line has no credentials"));
      return;
    }
  realm = challenge_realm (status, sip);
  if (realm == NULL)
    {
      finish (self, pending, outcome_new (PA_SIP_RESULT_AUTH_FAILED, status,
                                          "challenged without a digest realm"));
      return;
    }

  pending->answered_challenge = TRUE;
  auth = g_strdup_printf ("Digest:%s:%s:%s", realm, pending->auth_user, pending->password);
  nua_authenticate (pending->nh, NUTAG_AUTH (auth), TAG_END ());
  memset (auth, 0, strlen (auth));
}

/* Whether the answer in @saved (the event being handled) came from the
 * network. The stack makes up answers too (408 when Timer F ran out, 503
 * when the transport failed, e.g. nothing listens there) and hands them
 * over like real ones; only a real one has the address it came from. */
static gboolean
came_from_network (nua_saved_event_t saved[1])
{
  const nua_event_data_t *data = nua_event_data (saved);
  su_addrinfo_t *info;

  if (data == NULL || data->e_msg == NULL)
    return FALSE;
  info = msg_addrinfo (data->e_msg);
  return info != NULL && info->ai_family != 0 && info->ai_protocol != 0;
}

static void
handle_answer (PaSipAgent  *self,
               Pending     *pending,
               int          status,
               const char  *phrase,
               const sip_t *sip,
               gboolean     network)
{
  if (status < 200)
    return;

  if (sip == NULL || !network)
    {
      /* Made up by the stack: nothing came back. */
      finish (self, pending,
              outcome_new (status >= 900 ? PA_SIP_RESULT_FAILED : PA_SIP_RESULT_NO_ANSWER, 0,
                           status == 408 ? "no answer before the transaction timed out"
                                         : phrase));
      return;
    }

  if (status < 300)
    finish (self, pending, outcome_new (PA_SIP_RESULT_ANSWERED, status, phrase));
  else if (status == 401 || status == 407)
    answer_challenge (self, pending, status, phrase, sip);
  else if (status == 403 && pending->answered_challenge)
    /* Some phones refuse a wrong digest with 403 rather than again 401. */
    finish (self, pending, outcome_new (PA_SIP_RESULT_AUTH_FAILED, status, phrase));
  else
    finish (self, pending, outcome_new (PA_SIP_RESULT_REJECTED, status, phrase));
}

static void
nua_event_cb (nua_event_t   event,
              int           status,
              char const   *phrase,
              nua_t        *nua,
              nua_magic_t  *magic,
              nua_handle_t *nh,
              nua_hmagic_t *hmagic,
              sip_t const  *sip,
              tagi_t        tags[])
{
  PaSipAgent *self = (PaSipAgent *) magic;
  Pending *pending = (Pending *) hmagic;

  switch (event)
    {
    case nua_r_notify:
    case nua_r_options:
      if (pending != NULL)
        {
          /* Saving the event keeps its message (which @phrase and @sip
           * point into) until the answer is handled. */
          nua_saved_event_t saved[1];

          if (nua_save_event (nua, saved))
            {
              handle_answer (self, pending, status, phrase, sip, came_from_network (saved));
              nua_destroy_event (saved);
            }
          else
            handle_answer (self, pending, status, phrase, sip, FALSE);
        }
      break;

    case nua_r_authenticate:
      /* Only an error comes here: a resent request answers as the
       * request itself. */
      if (pending != NULL && status >= 300)
        finish (self, pending, outcome_new (PA_SIP_RESULT_AUTH_FAILED, status, phrase));
      break;

    case nua_r_shutdown:
      if (status >= 200)
        self->shut_down = TRUE;
      break;

    case nua_i_invite:
    case nua_i_options:
    case nua_i_notify:
    case nua_i_message:
    case nua_i_subscribe:
    case nua_i_refer:
    case nua_i_info:
    case nua_i_register:
    case nua_i_publish:
    case nua_i_method:
      /* Requests to us: the stack answered them already (provd takes no
       * calls); the handle it made for them is ours to drop. */
      if (pending == NULL && nh != NULL)
        nua_handle_destroy (nh);
      break;

    default:
      break;
    }
}

static void
pa_sip_agent_dispose (GObject *object)
{
  pa_sip_agent_close (PA_SIP_AGENT (object));

  G_OBJECT_CLASS (pa_sip_agent_parent_class)->dispose (object);
}

static void
pa_sip_agent_finalize (GObject *object)
{
  PaSipAgent *self = PA_SIP_AGENT (object);

  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->from, g_free);

  G_OBJECT_CLASS (pa_sip_agent_parent_class)->finalize (object);
}

static void
pa_sip_agent_class_init (PaSipAgentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pa_sip_agent_dispose;
  object_class->finalize = pa_sip_agent_finalize;
}

static void
pa_sip_agent_init (PaSipAgent *self)
{
  self->pending = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) pending_free, NULL);
}

/* sofia-sip binds what it is told; port 0 would be its default (5060),
 * so a free port is found first by binding one and letting it go. */
static guint
find_free_udp_port (GInetAddress  *address,
                    GError       **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) any = NULL;
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (g_inet_address_get_family (address), G_SOCKET_TYPE_DATAGRAM,
                         G_SOCKET_PROTOCOL_UDP, error);
  if (socket == NULL)
    return 0;
  any = g_inet_socket_address_new (address, 0);
  if (!g_socket_bind (socket, any, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* sofia-sip's own log (every transport error, such as each OPTIONS to a
 * phone that is off: ICMP port unreachable) goes to GLib's debug log, not
 * to stderr: 127,000 lines in two minutes of a benchmark whose phones had
 * no SIP stack. Lines come in pieces; each whole line is one message. */
static void
sofia_log_cb (void       *stream,
              char const *format,
              va_list     ap)
{
  static GString *line = NULL;

  if (line == NULL)
    line = g_string_new (NULL);
  g_string_append_vprintf (line, format, ap);
  if (line->len > 0 && line->str[line->len - 1] == '\n')
    {
      g_string_truncate (line, line->len - 1);
      g_log ("sofia-sip", G_LOG_LEVEL_DEBUG, "%s", line->str);
      g_string_truncate (line, 0);
    }
}

static gpointer
init_sofia_once (gpointer data)
{
  su_init ();
  su_log_redirect (NULL, sofia_log_cb, NULL);
  return NULL;
}

PaSipAgent *
pa_sip_agent_new (const char  *host,
                  guint        port,
                  guint        timeout_ms,
                  GError     **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(PaSipAgent) self = NULL;
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *url = NULL;
  g_autofree char *host_part = NULL;
  guint t1 = MIN (500, MAX (timeout_ms / 4, 10));
  GSource *source;

  g_return_val_if_fail (host != NULL, NULL);

  g_once (&once, init_sofia_once, NULL);

  if (g_strcmp0 (host, "localhost") == 0)
    host = "127.0.0.1";
  address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", host);
      return NULL;
    }
  if (port == 0 && (port = find_free_udp_port (address, error)) == 0)
    return NULL;

  self = g_object_new (PA_TYPE_SIP_AGENT, NULL);
  self->port = port;
  host_part = g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV6
              ? g_strdup_printf ("[%s]", host) : g_strdup (host);
  /* A wildcard bind has no address a phone could call back: our From
   * names the host the phone sees us as only through Via and Contact,
   * which sofia-sip fills in per transport. */
  self->from = g_strdup_printf ("<sip:phoneadmin@%s>",
                                g_inet_address_get_is_any (address) ? "invalid" : host_part);
  url = g_strdup_printf ("sip:%s:%u;transport=udp", host_part, port);

  self->root = su_glib_root_create (self);
  if (self->root == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot start sofia-sip");
      return NULL;
    }
  /* NUA's stack runs on this root, in this thread, dispatched by GLib. */
  su_root_threading (self->root, 0);
  source = su_glib_root_gsource (self->root);
  g_source_attach (source, g_main_context_get_thread_default ());

  self->nua = nua_create (self->root, nua_event_cb, (nua_magic_t *) self,
                          NUTAG_URL (url),
                          NUTAG_USER_AGENT ("phoneadmin-provd/" PACKAGE_VERSION),
                          NUTAG_ENABLEINVITE (0),
                          NUTAG_ALLOW ("OPTIONS, NOTIFY"),
                          NTATAG_SIP_T1 (t1),
                          NTATAG_SIP_T1X64 (timeout_ms > 0 ? timeout_ms : PA_SIP_DEFAULT_TIMEOUT_MS),
                          TAG_END ());
  if (self->nua == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                   "Cannot bind SIP (UDP) to %s port %u", host, port);
      return NULL;
    }
  self->shut_down = FALSE;

  {
    g_autofree char *port_text = g_strdup_printf ("%u", port);

    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_MESSAGE,
                      "PA_SIP_PORT", port_text,
                      "MESSAGE", "SIP agent on %s port %u (UDP)", host, port);
  }
  return g_steal_pointer (&self);
}

guint
pa_sip_agent_get_port (PaSipAgent *self)
{
  g_return_val_if_fail (PA_IS_SIP_AGENT (self), 0);
  return self->port;
}

guint
pa_sip_agent_get_pending (PaSipAgent *self)
{
  g_return_val_if_fail (PA_IS_SIP_AGENT (self), 0);
  return g_hash_table_size (self->pending);
}

void
pa_sip_agent_send_async (PaSipAgent          *self,
                         const PaSipRequest  *request,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Pending *pending;
  gboolean notify;

  g_return_if_fail (PA_IS_SIP_AGENT (self));
  g_return_if_fail (request != NULL && request->method != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_sip_agent_send_async);

  notify = g_str_equal (request->method, "NOTIFY");
  if (self->nua == NULL)
    {
      g_task_return_pointer (task, outcome_new (PA_SIP_RESULT_FAILED, 0, "the SIP agent is stopped"),
                             (GDestroyNotify) outcome_free);
      return;
    }
  if (request->uri == NULL || !g_str_has_prefix (request->uri, "sip:")
      || strpbrk (request->uri, " \t\r\n<>\"") != NULL
      || (notify && (request->event == NULL || strpbrk (request->event, "\r\n") != NULL))
      || (!notify && !g_str_equal (request->method, "OPTIONS")))
    {
      g_task_return_pointer (task, outcome_new (PA_SIP_RESULT_FAILED, 0, "malformed request"),
                             (GDestroyNotify) outcome_free);
      return;
    }

  pending = g_new0 (Pending, 1);
  pending->task = g_steal_pointer (&task);
  pending->auth_user = g_strdup (request->auth_user);
  pending->password = g_strdup (request->password);
  pending->nh = nua_handle (self->nua, (nua_hmagic_t *) pending,
                            NUTAG_URL (request->uri),
                            SIPTAG_TO_STR (request->uri),
                            SIPTAG_FROM_STR (self->from),
                            TAG_END ());
  g_hash_table_add (self->pending, pending);

  if (notify)
    /* An unsolicited NOTIFY: no subscription came first, none goes on. */
    nua_notify (pending->nh,
                NUTAG_NEWSUB (1),
                SIPTAG_EVENT_STR (request->event),
                SIPTAG_SUBSCRIPTION_STATE_STR ("terminated"),
                TAG_END ());
  else
    nua_options (pending->nh, TAG_END ());
}

void
pa_sip_agent_send_finish (PaSipAgent   *self,
                          GAsyncResult *result,
                          PaSipOutcome *outcome)
{
  PaSipOutcome *got;

  g_return_if_fail (g_task_is_valid (result, self));

  got = g_task_propagate_pointer (G_TASK (result), NULL);
  g_assert (got != NULL);
  *outcome = *got;
  g_free (got);
}

void
pa_sip_agent_close (PaSipAgent *self)
{
  g_autoptr(GList) all = NULL;
  gint64 deadline;

  g_return_if_fail (PA_IS_SIP_AGENT (self));

  all = g_hash_table_get_keys (self->pending);
  for (GList *l = all; l != NULL; l = l->next)
    finish (self, l->data, outcome_new (PA_SIP_RESULT_NO_ANSWER, 0, "provd is stopping"));

  if (self->nua != NULL)
    {
      nua_shutdown (self->nua);
      deadline = g_get_monotonic_time () + SHUTDOWN_WAIT_USEC;
      while (!self->shut_down && g_get_monotonic_time () < deadline)
        su_root_step (self->root, 50);
      nua_destroy (self->nua);
      self->nua = NULL;
    }
  if (self->root != NULL)
    {
      g_source_destroy (su_glib_root_gsource (self->root));
      su_root_destroy (self->root);
      self->root = NULL;
    }
}

#else /* !PA_HAVE_SOFIA_SIP */

/* Built without sofia-sip (meson -Dsip=disabled): no agent can start, and
 * provd goes on serving files without one. */
struct _PaSipAgent
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (PaSipAgent, pa_sip_agent, G_TYPE_OBJECT)

static void
pa_sip_agent_class_init (PaSipAgentClass *klass)
{
}

static void
pa_sip_agent_init (PaSipAgent *self)
{
}

PaSipAgent *
pa_sip_agent_new (const char  *host,
                  guint        port,
                  guint        timeout_ms,
                  GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "this phoneadmin-provd was built without sofia-sip");
  return NULL;
}

guint
pa_sip_agent_get_port (PaSipAgent *self)
{
  return 0;
}

guint
pa_sip_agent_get_pending (PaSipAgent *self)
{
  return 0;
}

void
pa_sip_agent_send_async (PaSipAgent          *self,
                         const PaSipRequest  *request,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_return_pointer (task, outcome_new (PA_SIP_RESULT_FAILED, 0, "built without SIP"),
                         (GDestroyNotify) outcome_free);
}

void
pa_sip_agent_send_finish (PaSipAgent   *self,
                          GAsyncResult *result,
                          PaSipOutcome *outcome)
{
  PaSipOutcome *got = g_task_propagate_pointer (G_TASK (result), NULL);

  *outcome = *got;
  g_free (got);
}

void
pa_sip_agent_close (PaSipAgent *self)
{
}

#endif /* PA_HAVE_SOFIA_SIP */
