/* pa-phone-endpoint.c — GET /p/<token>/<file>: the files desk phones fetch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Also PUT /p/<token>/<name>.log: Polycom phones upload their logs to where
 * they fetch their files (<mac>-app.log, <mac>-boot.log). They are taken
 * and thrown away, so a phone's log costs no storage.
 */
#define G_LOG_DOMAIN "pa-phone-endpoint"

#include "config.h"

#include <string.h>

#include "pa-api-private.h"
#include "pa-http-range.h"
#include "pa-http.h"
#include "pa-http-auth.h"
#include "pa-mac.h"
#include "pa-render-cache.h"
#include "pa-token.h"

#define MAX_FILE_NAME 128

/* Every refusal looks the same from outside: 404, empty body. Which of
 * token, MAC or file was wrong goes to the log, one line each in a form
 * fail2ban matches (data/fail2ban/): the client's address right after a
 * fixed prefix, what it asked for last, so nothing it sends can pose as
 * another address. A client's refusals are rate-limited, which bounds the
 * lines too. */
static void
refuse (PaServer          *self,
        SoupServerMessage *msg,
        const char        *file,
        const char        *reason)
{
  const char *client = soup_server_message_get_remote_host (msg);
  g_autofree char *cut = g_strndup (file, 64);
  g_autofree char *shown = g_strescape (cut, NULL);

  pa_rate_limit_spend (self->refusals, client, g_get_monotonic_time ());
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                    "PA_CLIENT", client != NULL ? client : "?",
                    "MESSAGE", "Refused phone request from %s: %s (file “%s”)",
                    client != NULL ? client : "?", reason, shown);

  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
}

/* A client that used up its refusals: answered at once, nothing looked up. */
static gboolean
refusals_exhausted (PaServer          *self,
                    SoupServerMessage *msg)
{
  const char *client = soup_server_message_get_remote_host (msg);

  if (pa_rate_limit_allows (self->refusals, client, g_get_monotonic_time ()))
    return FALSE;
  if (pa_server_may_warn (self, client))
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING,
                      "PA_CLIENT", client != NULL ? client : "?",
                      "MESSAGE", "Slowing down phone requests from %s: too many refused",
                      client != NULL ? client : "?");
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Retry-After", "1");
  soup_server_message_set_status (msg, 429, "Too Many Requests");
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
  return TRUE;
}

static void
fail (SoupServerMessage *msg,
      const char        *file,
      const GError      *error)
{
  g_warning ("Cannot serve %s: %s", file, error->message);
  soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
}

/* 12 hex digits in a row: the file names some phone's MAC. */
/* A file name with another phone's MAC in it: someone trying setup links,
 * or a copied one. Twelve zeros (y000000000000.boot, Poly's
 * 000000000000.cfg) are the vendors' "any phone", and the phone's own MAC
 * in a name its writer does not serve is just a file it does not get. */
static gboolean
names_another_mac (const char *file,
                   PaPhone    *phone)
{
  g_autofree char *own = pa_mac_to_compact (pa_phone_get_mac (phone));
  guint run = 0, zeros = 0;

  for (const char *p = file; *p != '\0'; p++)
    {
      run = g_ascii_isxdigit (*p) ? run + 1 : 0;
      zeros = *p == '0' ? zeros + 1 : 0;
      if (run >= 12 && zeros < 12 &&
          (own == NULL || g_ascii_strncasecmp (p - 11, own, 12) != 0))
        return TRUE;
    }
  return FALSE;
}

/* A phone's log upload, from a phone we know: 204 and nothing kept. */
static void
discard_log (SoupServerMessage *msg,
             PaPhone           *phone,
             const char        *file)
{
  if (pa_http_body_too_large (msg))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
      return;
    }

  g_debug ("Phone %s uploaded %s (%" G_GOFFSET_FORMAT " bytes): discarded",
           pa_phone_get_mac (phone), file, soup_server_message_get_request_body (msg)->length);
  soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
}

/* The User-Agent as text we can store, and what it says; @info stays
 * empty when it is no phone's. */
static char *
clean_user_agent (const char      *ua,
                  PaUserAgentInfo *info)
{
  g_autofree char *cut = NULL;
  char *clean;

  if (ua == NULL)
    return NULL;
  cut = g_strndup (ua, PA_USER_AGENT_MAX_LEN);
  clean = g_utf8_make_valid (cut, -1);
  if (!pa_user_agent_parse (clean, info))
    *info = (PaUserAgentInfo) { 0 };
  return clean;
}

static char *
read_user_agent (SoupServerMessage *msg,
                 PaUserAgentInfo   *info)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  return clean_user_agent (soup_message_headers_get_one (headers, "User-Agent"), info);
}

/* A phone that says it is another vendor's, or another MAC, is not the
 * phone this setup link was made for: a copied link, or someone trying
 * links. A User-Agent that names no phone (curl, a browser) says nothing
 * either way. */
static const char *
user_agent_contradiction (const PaCachedFile    *phone,
                          const PaUserAgentInfo *info)
{
  if (info->vendor_id != NULL && g_strcmp0 (info->vendor_id, phone->vendor) != 0)
    return "the User-Agent names another vendor";
  if (info->mac != NULL && g_strcmp0 (info->mac, phone->mac) != 0)
    return "the User-Agent names another MAC";
  return NULL;
}

static void
record_fetch (PaServer              *self,
              const char            *ip,
              const PaCachedFile    *phone,
              const char            *file,
              guint                  http_status,
              const char            *clean_ua,
              const PaUserAgentInfo *info)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  PaPhoneStatusUpdate update = { 0 };

  update.firmware = info->firmware;
  update.ip = ip;
  update.user_agent = clean_ua;
  update.last_seen = now;
  /* A file it does not get is no provisioning, only a sign of life. */
  if (http_status < 400)
    {
      update.provisioned_at = now;
      /* Only the first fetch moves it on; a registered phone stays registered. */
      if (phone->pending)
        update.status = "provisioning";
    }

  pa_fetch_log_add (self->fetch_log, phone->phone_id, &update, file, http_status);

  /* Every poll passes here: format the line only when it goes anywhere. */
  if (g_log_writer_default_would_drop (G_LOG_LEVEL_INFO, G_LOG_DOMAIN))
    return;
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "PA_PHONE_MAC", phone->mac,
                    "PA_CLIENT", update.ip != NULL ? update.ip : "?",
                    "MESSAGE", "Phone %s fetched %s from %s (firmware %s)",
                    phone->mac, file, update.ip != NULL ? update.ip : "?",
                    update.firmware != NULL ? update.firmware : "unknown");
}

/* What a fetch of @cached is answered, by libsoup or quickly: recorded,
 * and 304 when the phone has these bytes, else 200. */
static guint
decide (PaServer              *self,
        const char            *ip,
        const char            *file,
        PaCachedFile          *cached,
        const char            *clean_ua,
        const PaUserAgentInfo *ua_info,
        const char            *if_none_match)
{
  guint status = pa_http_etag_matches (if_none_match, cached->etag,
                                       cached->bytes != NULL || cached->chunks != NULL)
                 ? SOUP_STATUS_NOT_MODIFIED : SOUP_STATUS_OK;

  record_fetch (self, ip, cached, file, status, clean_ua, ua_info);
  /* Only the first fetch moves a phone on from pending: a later poll
   * served from the cache must not set it back over a newer status. */
  cached->pending = FALSE;
  return status;
}

/* The answer to a fetch, from a cached file or a fresh one: the same
 * bytes, ETag and record either way. */
static void
serve (PaServer              *self,
       SoupServerMessage     *msg,
       const char            *file,
       PaCachedFile          *cached,
       const char            *clean_ua,
       const PaUserAgentInfo *ua_info)
{
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);
  const char *if_none_match =
    soup_message_headers_get_list (soup_server_message_get_request_headers (msg), "If-None-Match");
  g_autoptr(GBytes) bytes = NULL;
  guint status;

  status = decide (self, soup_server_message_get_remote_host (msg), file, cached,
                   clean_ua, ua_info, if_none_match);
  soup_message_headers_replace (response_headers, "ETag", cached->etag);
  soup_message_headers_replace (response_headers, "Cache-Control", "no-cache");
  soup_server_message_set_status (msg, status, NULL);
  if (status != SOUP_STATUS_OK)
    return;

  bytes = pa_render_cache_get_file_bytes (self->render_cache, cached);
  soup_message_headers_set_content_type (response_headers, cached->content_type, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), bytes);
}

typedef struct
{
  gint64  phone_id;
  char   *password;
  gint64  at;
} CredentialsSent;

static void
credentials_sent_free (CredentialsSent *sent)
{
  memset (sent->password, 0, strlen (sent->password));
  g_free (sent->password);
  g_free (sent);
}

/* Written once no bulk job holds the store: the grace time then starts a
 * moment later, and the phone is asked nothing earlier. */
static void
note_credentials_sent (PaStore  *store,
                       gpointer  data)
{
  CredentialsSent *sent = data;
  g_autoptr(GError) error = NULL;

  if (!pa_store_set_http_credentials (store, sent->phone_id, sent->password, sent->at, &error))
    g_warning ("Cannot note that phone %" G_GINT64_FORMAT " has its HTTP password: %s",
               sent->phone_id, error->message);
}

/* The phone's own HTTP credentials. Digest credentials are only ever sent
 * in answer to a challenge, so provd starts asking once a file carrying
 * them has reached the phone, after a grace time (a phone fetches several
 * files in one go and takes new settings at the end): until then its link
 * answers without, as it always did. A wrong pair is refused like a bad
 * token; a missing one gets a digest challenge (401). */
static gboolean
authorized (PaServer          *self,
            SoupServerMessage *msg,
            PaCachedFile      *fresh,
            PaPhone           *phone,
            const char        *file)
{
  g_autoptr(GError) error = NULL;
  gint64 sent_at = 0;
  g_autofree char *password = pa_store_get_http_credentials (self->store, fresh->phone_id, &sent_at,
                                                             &error);
  g_autofree char *user = NULL;
  g_autofree char *uri = NULL;
  GUri *request_uri = soup_server_message_get_uri (msg);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean required;
  PaHttpAuthResult result;

  /* Never from the cache: each fetch shows its credentials. */
  fresh->http_auth = TRUE;
  if (password == NULL)
    {
      if (error != NULL)
        {
          fail (msg, file, error);
          return FALSE;
        }
      return TRUE;   /* not made yet: the next derive makes it */
    }

  user = pa_mac_to_compact (pa_phone_get_mac (phone));
  uri = g_uri_get_query (request_uri) != NULL
        ? g_strconcat (g_uri_get_path (request_uri), "?", g_uri_get_query (request_uri), NULL)
        : g_strdup (g_uri_get_path (request_uri));
  result = pa_http_auth_check (soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                             "Authorization"),
                               soup_server_message_get_method (msg), uri, user, password,
                               self->nonce_secret, self->config->tls_cert != NULL, now);
  required = sent_at > 0 && now - sent_at >= pa_server_http_auth_grace (self);

  if (result == PA_HTTP_AUTH_OK || (result == PA_HTTP_AUTH_MISSING && !required))
    {
      /* This answer carries the credentials: the grace time starts. */
      if (sent_at == 0)
        {
          CredentialsSent *sent = g_new0 (CredentialsSent, 1);

          sent->phone_id = fresh->phone_id;
          sent->password = g_strdup (password);
          sent->at = now;
          pa_store_when_writable (self->store, note_credentials_sent, sent,
                                  (GDestroyNotify) credentials_sent_free);
        }
      return TRUE;
    }

  if (result == PA_HTTP_AUTH_WRONG)
    refuse (self, msg, file, "wrong HTTP credentials");
  soup_server_message_set_status (msg, SOUP_STATUS_UNAUTHORIZED, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
  {
    g_autofree char *challenge = pa_http_auth_challenge (self->nonce_secret,
                                                         result == PA_HTTP_AUTH_STALE, now);

    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", challenge);
  }
  return FALSE;
}

PaCachedFile *
pa_phone_cached_file_new (PaServer *self,
                          PaPhone  *phone)
{
  PaCachedFile *entry = g_new0 (PaCachedFile, 1);
  g_autofree char *fingerprint = pa_server_config_fingerprint (self, phone);

  entry->phone_id = pa_resource_get_id (PA_RESOURCE (phone));
  entry->mac = g_strdup (pa_phone_get_mac (phone));
  entry->vendor = g_strdup (pa_phone_get_vendor (phone));
  entry->pending = pa_phone_get_status (phone) == PA_PHONE_STATUS_PENDING;
  if (fingerprint != NULL)
    entry->etag = g_strdup_printf ("\"%s\"", fingerprint);
  return entry;
}

/* Loads and renders @file for the phone behind @token. NULL when it is
 * refused or failed, the answer already set. */
static PaCachedFile *
render_fresh (PaServer          *self,
              SoupServerMessage *msg,
              const char        *token,
              const char        *file,
              gboolean           log_upload,
              const char        *clean_ua,
              PaUserAgentInfo   *ua_info)
{
  g_autoptr(PaResource) resource = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaCachedFile) fresh = NULL;
  const char *contradiction;
  char *output;
  PaPhone *phone;

  resource = pa_store_find_phone_by_token (self->store, token, &error);
  if (resource == NULL)
    {
      if (g_error_matches (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
        refuse (self, msg, file, "unknown token");
      else
        fail (msg, file, error);
      return NULL;
    }
  phone = PA_PHONE (resource);

  if (!pa_phone_get_enabled (phone))
    {
      refuse (self, msg, file, "the phone is disabled");
      return NULL;
    }

  fresh = pa_phone_cached_file_new (self, phone);
  contradiction = user_agent_contradiction (fresh, ua_info);
  if (contradiction != NULL)
    {
      refuse (self, msg, file, contradiction);
      return NULL;
    }

  if (pa_phone_get_http_auth (phone) && !authorized (self, msg, fresh, phone, file))
    return NULL;

  if (log_upload)
    {
      discard_log (msg, phone, file);
      return NULL;
    }

  /* The fingerprint changes exactly when what the files are made from
   * does, so it is the ETag, and a phone that already has the file is
   * answered without rendering it. Only an exact tag counts here: a
   * wildcard must not stand for a file this phone may not get. */
  if (fresh->etag != NULL)
    {
      const char *if_none_match =
        soup_message_headers_get_list (soup_server_message_get_request_headers (msg),
                                       "If-None-Match");

      if (pa_http_etag_matches (if_none_match, fresh->etag, FALSE))
        return g_steal_pointer (&fresh);
    }

  output = pa_phone_render_file (self, phone, NULL, file, FALSE, &fresh->content_type, &error);
  if (output == NULL)
    {
      if (g_error_matches (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE) &&
          names_another_mac (file, phone))
        refuse (self, msg, file, "the MAC in the file name is not the token's phone");
      else if (error->domain == PA_RENDER_ERROR)
        {
          /* A file the phone does not get (a Poly asks for several), or one
           * that cannot work (a line without a SIP server), is not served:
           * the phone keeps what it has, and its history shows the ask. The
           * phone is no stranger: no refusal is spent or logged for
           * fail2ban, which would ban a Poly for booting. */
          record_fetch (self, soup_server_message_get_remote_host (msg), fresh, file,
                        SOUP_STATUS_NOT_FOUND, clean_ua, ua_info);
          g_debug ("Phone %s asked for %s: not served (%s)", fresh->mac, file, error->message);
          soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
          soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
        }
      else
        fail (msg, file, error);
      return NULL;
    }

  if (fresh->etag == NULL)
    {
      /* Not derived yet (cannot happen once the server has started):
       * the bytes' own hash is right too, only dearer. */
      g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, output, -1);

      fresh->etag = g_strdup_printf ("\"%.32s\"", digest);
    }
  fresh->bytes = g_bytes_new_take (output, strlen (output));
  return g_steal_pointer (&fresh);
}

void
pa_phone_endpoint_handle (PaServer          *self,
                          SoupServerMessage *msg,
                          const char        *rest)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *token = NULL;
  g_autofree char *clean_ua = NULL;
  g_auto(PaUserAgentInfo) ua_info = { 0 };
  g_autoptr(PaCachedFile) fresh = NULL;
  PaCachedFile *cached = NULL;
  const char *slash = strchr (rest, '/');
  const char *file = slash != NULL ? slash + 1 : "";
  gboolean log_upload = g_str_equal (method, "PUT") && g_str_has_suffix (file, ".log");

  if (!g_str_equal (method, "GET") && !g_str_equal (method, "HEAD") && !log_upload)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", "GET, HEAD");
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
      return;
    }

  if (refusals_exhausted (self, msg))
    return;

  if (!pa_server_config_allows_phone (self->config, soup_server_message_get_remote_host (msg)))
    {
      refuse (self, msg, file, "the address is outside phone-networks");
      return;
    }

  if (slash == NULL || file[0] == '\0' || strchr (file, '/') != NULL ||
      strlen (file) > MAX_FILE_NAME)
    {
      refuse (self, msg, file, "no such file");
      return;
    }

  token = g_strndup (rest, slash - rest);
  if (!pa_token_is_well_formed (token))
    {
      refuse (self, msg, file, "malformed token");
      return;
    }

  clean_ua = read_user_agent (msg, &ua_info);

  if (pa_token_equal (token, self->site_key))
    {
      const char *refusal = log_upload ? "a log upload to the bootstrap URL"
                                       : pa_bootstrap_handle (self, msg, file, clean_ua, &ua_info);

      if (refusal != NULL)
        refuse (self, msg, file, refusal);
      return;
    }

  /* A poll for bytes nothing has changed since: nothing to load or render. */
  if (!log_upload)
    cached = pa_render_cache_lookup (self->render_cache, token, file);
  if (cached != NULL)
    {
      const char *contradiction = user_agent_contradiction (cached, &ua_info);

      if (contradiction != NULL)
        {
          refuse (self, msg, file, contradiction);
          return;
        }
      serve (self, msg, file, cached, clean_ua, &ua_info);
      return;
    }

  fresh = render_fresh (self, msg, token, file, log_upload, clean_ua, &ua_info);
  if (fresh == NULL)
    return;
  serve (self, msg, file, fresh, clean_ua, &ua_info);
  if (fresh->bytes != NULL && !fresh->http_auth)
    pa_render_cache_store (self->render_cache, token, file, g_steal_pointer (&fresh));
}

GBytes *
pa_phone_endpoint_answer_quickly (PaServer              *self,
                                  const PaHttpHeadParts *parts,
                                  const char            *ip)
{
  g_autofree char *clean_ua = NULL;
  g_auto(PaUserAgentInfo) ua_info = { 0 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) answer = NULL;
  gboolean head = g_str_equal (parts->method, "HEAD");
  const char *rest, *slash, *file;
  char token[128];
  PaCachedFile *cached;
  guint status;

  /* A method or a target that is anything but plain is libsoup's, as is
   * every refusal. */
  if (!pa_server_config_allows_phone (self->config, ip) ||
      (!head && !g_str_equal (parts->method, "GET")) ||
      !g_str_has_prefix (parts->target, "/p/") || strpbrk (parts->target, "?#%") != NULL)
    return NULL;
  rest = parts->target + strlen ("/p/");
  slash = strchr (rest, '/');
  if (slash == NULL || (gsize) (slash - rest) >= sizeof token)
    return NULL;
  file = slash + 1;
  if (file[0] == '\0' || strchr (file, '/') != NULL || strlen (file) > MAX_FILE_NAME)
    return NULL;
  memcpy (token, rest, slash - rest);
  token[slash - rest] = '\0';

  cached = pa_render_cache_lookup (self->render_cache, token, file);
  if (cached == NULL)
    return NULL;
  clean_ua = clean_user_agent (parts->user_agent[0] != '\0' ? parts->user_agent : NULL, &ua_info);
  if (user_agent_contradiction (cached, &ua_info) != NULL)
    return NULL;   /* refused, and logged, the one way */

  status = decide (self, ip, file, cached, clean_ua, &ua_info,
                   parts->if_none_match[0] != '\0' ? parts->if_none_match : NULL);

  /* The line the server logs for every request (pa-server.c), the
   * token left out. */
  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, "pa-server"))
    g_log ("pa-server", G_LOG_LEVEL_DEBUG, "%s /p/…/%s → %u (%s)",
           parts->method, file, status, ip != NULL ? ip : "?");

  /* The headers libsoup sends for the same answer, in its order. */
  answer = g_string_sized_new (256 + (status == SOUP_STATUS_OK ? cached->length : 0));
  g_string_append_printf (answer,
                          "HTTP/1.1 %u %s\r\n"
                          "Server: phoneadmin-provd\r\n"
                          "Date: %s\r\n"
                          "Connection: close\r\n"
                          "ETag: %s\r\n"
                          "Cache-Control: no-cache\r\n",
                          status, soup_status_get_phrase (status), pa_http_date (), cached->etag);
  if (status != SOUP_STATUS_OK)
    {
      g_string_append (answer, "Content-Length: 0\r\n\r\n");
      return g_string_free_to_bytes (g_steal_pointer (&answer));
    }
  g_string_append_printf (answer, "Content-Type: %s\r\nContent-Length: %" G_GSIZE_FORMAT "\r\n\r\n",
                          cached->content_type, cached->length);
  if (!head)
    {
      bytes = pa_render_cache_get_file_bytes (self->render_cache, cached);
      g_string_append_len (answer, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    }
  return g_string_free_to_bytes (g_steal_pointer (&answer));
}
