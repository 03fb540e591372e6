/* pa-server-private.h — what the handler files share with pa-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "pa-fetch-log.h"
#include "pa-http-listener.h"
#include "pa-phone.h"
#include "pa-rate-limit.h"
#include "pa-render-cache.h"
#include "pa-settings.h"
#include "pa-sip-agent.h"
#include "pa-user-agent.h"
#include "pa-server.h"

G_BEGIN_DECLS

/* Rendered files kept for polls, in chunks files share: 10,000 T54Ws
 * with one layout keep about 2.5 KB each (their 28 KB files are mostly the
 * same blanking lines); the least recently polled go first. */
#define PA_SERVER_RENDER_CACHE_BYTES (64 * 1024 * 1024)

/* A client's refused phone requests (unknown token, another MAC, a
 * contradicting User-Agent): 20 at once, then 2 a second; past that its
 * phone requests are answered 429 unread. A phone never gets refused. */
#define PA_SERVER_REFUSALS_BURST      20
#define PA_SERVER_REFUSALS_PER_SECOND 2

struct _PaServer
{
  GObject          parent_instance;

  SoupServer      *soup;
  PaHttpListener  *listener;     /* accepts and owns the connections */
  PaRenderCache   *render_cache; /* phones' files until the store changes */
  PaFetchLog      *fetch_log;    /* fetches not written yet */
  PaStore         *store;
  PaServerConfig  *config;
  char            *url;
  /* The stored settings with what provd's key file names put over them:
   * what phones get. Reloaded whenever a transaction writes them. */
  PaSettings      *settings_now;
  char            *site_key;     /* of the bootstrap URL, from the store */
  char            *nonce_secret; /* HTTP digest nonces (pa-http-auth.h), per run */

  /* client IP → g_get_monotonic_time() of its last refusal warning */
  GHashTable      *last_warning;
  /* refused phone requests per client: guessing tokens or MACs costs */
  PaRateLimit     *refusals;

  /* pa-fingerprints.c */
  gint64           build_revision;
  gint64           catalog_revision;
  GArray          *settings;        /* PaConfigInput per PaSettingId */
  struct _PaDerive *derive;         /* of @store */
  struct _PaUnderived *deriving;    /* a start's or a settings change's
                                     * derive, while it runs */
  GCancellable    *cancellable;     /* cancelled when provd stops */

  /* pa-api-changes-stream.c: the open change streams (PaChangeStream) */
  GList           *change_streams;
  gulong           changes_committed_id;
  /* pa-sip-*.c: NOTIFY/OPTIONS to phones; NULL when SIP could not start */
  PaSipAgent      *sip_agent;
  struct _PaSipKeepalive *keepalive;
  /* pa-jobs.c: bulk jobs, once listening */
  struct _PaJobs  *jobs;
};

/* pa-fingerprints.c: a store's phones kept derived. Before each of its
 * transactions commits, the phones reading what it wrote are gathered
 * again from it; what changed is kept for after the commit. The server's
 * store has one; a unit of work's store (pa_store_run_unit_async()) one
 * of its own, made and used in the unit's thread. */
typedef struct _PaDerive
{
  PaServer  *server;
  PaStore   *store;
  GArray    *changed;           /* phone ids, this transaction */
  GArray    *dropped;           /* phones written themselves */
  gboolean   settings_written;
  GArray    *derive_later;      /* phone ids left to a unit after the commit */
  GPtrArray *generated;         /* PaGeneratedPassword, this transaction */
  /* The last committed transaction's: */
  GArray    *last_affected;     /* phones whose fingerprint changed */
  GArray    *last_dropped;      /* phones written themselves */
  GPtrArray *last_generated;    /* admin passwords made */
  guint      last_derive_later; /* phones it left to a unit */
} PaDerive;

/* Observes @store (used in one thread). */
PaDerive *pa_derive_new               (PaServer *server,
                                       PaStore  *store);
void      pa_derive_free              (PaDerive *derive);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaDerive, pa_derive_free)
/* On the main loop, after a unit's commit: drops the cached files of the
 * phones @derive's last commit changed (the server's own store does this
 * as it commits). */
void      pa_server_forget_rendered   (PaServer *self,
                                       PaDerive *derive);

/* An admin password provd made for a phone, to be shown once. */
typedef struct
{
  gint64  phone_id;
  char   *password;
} PaGeneratedPassword;

void     pa_generated_password_free (PaGeneratedPassword *made);

/* pa-api.c: everything under /api/v1/ once the token is checked.
 * @segments: the path after /api/v1/, split at '/', empty parts removed. */
void     pa_api_dispatch           (PaServer          *self,
                                    SoupServerMessage *msg,
                                    const char * const *segments,
                                    GHashTable        *query);

/* pa-api.c, beside the routes: the most a request to @path may send (a
 * CSV import and a firmware upload more than the rest of the API). */
gsize    pa_api_body_limit         (const char        *path);

/* pa-phone-endpoint.c: GET /p/<token>/<file>. @rest is the path after /p/. */
void     pa_phone_endpoint_handle  (PaServer          *self,
                                    SoupServerMessage *msg,
                                    const char        *rest);

/* pa-bootstrap.c: a request on the site bootstrap URL. Answers it and
 * returns NULL, or returns why it is to be refused (the caller refuses it
 * the one way). */
const char *pa_bootstrap_handle    (PaServer              *self,
                                    SoupServerMessage     *msg,
                                    const char            *file,
                                    const char            *clean_ua,
                                    const PaUserAgentInfo *ua_info);

/* pa-phone-endpoint.c: the whole answer to a fetch the render cache can
 * give without libsoup (pa_http_listener_set_quick()), or NULL. */
GBytes  *pa_phone_endpoint_answer_quickly (PaServer              *self,
                                           const PaHttpHeadParts *parts,
                                           const char            *ip);

/* pa-firmware-endpoint.c: GET /firmware/<sha256>/<name>, a firmware file
 * as uploaded, found by its SHA-256 in <data_dir>/firmware/. With Range,
 * If-Range and If-None-Match; no token: firmware is the vendor's, not
 * a secret. Over plain HTTP answered without libsoup, the body sent with
 * sendfile() (@file); over TLS by libsoup from a mapping of the file. */
#define PA_FIRMWARE_PATH "/firmware/"
GBytes  *pa_firmware_endpoint_answer_quickly (PaServer              *self,
                                              const PaHttpHeadParts *parts,
                                              const char            *ip,
                                              PaHttpFileBody        *file);
/* @rest: the path after PA_FIRMWARE_PATH. */
void     pa_firmware_endpoint_handle (PaServer          *self,
                                      SoupServerMessage *msg,
                                      const char        *rest);
/* pa-firmware-upload.c: the largest firmware file an upload may send. */
#define PA_FIRMWARE_MAX_BYTES ((gsize) 1 << 30)
#define PA_FIRMWARE_UPLOAD_PATH "/api/v1/firmware/upload"
/* Starts writing the body of @msg (a POST to PA_FIRMWARE_UPLOAD_PATH whose
 * token was checked) to a file as it arrives. */
void     pa_firmware_upload_begin    (PaServer          *self,
                                      SoupServerMessage *msg);
/* Removes files in <data_dir>/firmware/ that no record names; @starting:
 * uploads a stopped provd left half-done too. */
void     pa_firmware_collect         (PaServer          *self,
                                      gboolean           starting);
/* <data_dir>/firmware/<sha256>: where an upload goes, and is served from. */
char    *pa_firmware_path            (PaServer          *self,
                                      const char        *sha256);

/* What many phones' gathers share (pa-gather.h). */
typedef struct _PaGatherMemo PaGatherMemo;

/* pa-phone-endpoint.c: the bytes a phone gets for @file, shared by the phone
 * endpoint and the admin preview. @mask_secrets puts ******** in place of
 * the SIP passwords and the admin password. Errors: PA_RENDER_ERROR_NO_SUCH_FILE
 * when the phone's model does not use @file (or is not in the catalog),
 * other render errors, store errors. @memo (nullable): reads from its
 * store (pa-gather.h), not the server's. */
char    *pa_phone_render_file      (PaServer          *self,
                                    PaPhone           *phone,
                                    PaGatherMemo      *memo,
                                    const char        *file,
                                    gboolean           mask_secrets,
                                    const char       **content_type,
                                    GError           **error);


/* pa-gather.c: why @phone cannot be served a working file (its
 * "attention"), from the same resolve rendering uses; empty when it can.
 * @memo (nullable) shares what many phones read. */
GStrv    pa_phone_attention        (PaServer          *self,
                                    PaPhone           *phone,
                                    PaGatherMemo      *memo,
                                    GError           **error);

/* pa-fingerprints.c: keeps every phone's recorded inputs and fingerprint
 * current through the store's observer, and drops changed phones' cached
 * files. */
void     pa_server_watch_store     (PaServer          *self);
void     pa_server_unwatch_store   (PaServer          *self);
/* Records the inputs of phones stored without them or with other settings
 * (an older provd, a changed key file or catalog) on units of work, while
 * the main loop serves. */
gboolean pa_server_derive_underived (PaServer         *self,
                                     GError          **error);
/* Ends that derive (the unit under way rolled back; the next start records
 * what is left) and waits for its thread: before what it reads goes. */
void     pa_server_stop_deriving   (PaServer          *self);
/* How many phones that derive has still to record; 0 when none runs. */
guint    pa_server_get_recording_phones (PaServer     *self);
/* Reads the stored settings again, puts the key file's over them and
 * computes each one's revision (a phone's input). */
gboolean pa_server_update_settings  (PaServer          *self,
                                     GError           **error);
gint64   pa_server_get_setting_revision (PaServer     *self,
                                         PaSettingId     setting);
/* The settings @stored would give once the key file's are put over them
 * (what pa_server_update_settings() keeps). */
PaSettings *pa_server_effective_settings (PaServer     *self,
                                          PaSettings   *stored);
/* The settings provd's key file names, which the API cannot change. */
gboolean pa_server_setting_is_fixed (PaServer          *self,
                                     PaSettingId          setting);
/* The per-setting inputs @settings would give (PaConfigInput array). */
GArray  *pa_server_settings_inputs  (PaServer          *self,
                                     PaSettings        *settings);
/* The phone's fingerprint with the program itself folded in (an upgrade
 * may change any file): what the API shows and a fetched file's ETag. NULL
 * for a phone never derived. */
char    *pa_server_config_fingerprint (PaServer       *self,
                                       PaPhone        *phone);

/* pa-phone-endpoint.c: a cached file's record of @phone, without its bytes:
 * who it is, and its ETag (the quoted fingerprint; NULL if never derived).
 * The endpoint's render and a job's renders ahead both start from it. */
PaCachedFile *pa_phone_cached_file_new (PaServer *self,
                                        PaPhone  *phone);

/* Seconds after a phone first got its HTTP credentials before its setup
 * link asks for them: 600, or $PA_HTTP_AUTH_GRACE_SECONDS (tests). */
gint64   pa_server_http_auth_grace  (PaServer        *self);

/* "<public URL>p/<site key>/": for DHCP option 66. */
char    *pa_server_dup_bootstrap_url (PaServer        *self);

/* pa-api-changes-stream.c: pushes the change log to every change stream
 * as the store commits (its "changes-committed"); closing ends every
 * stream ("going away") and stops listening. */
void     pa_server_open_change_streams  (PaServer        *self);
void     pa_server_close_change_streams (PaServer        *self);

/* TRUE at most once per second per client, so refused phone requests can be
 * logged without letting a scanner flood the log. */
gboolean pa_server_may_warn        (PaServer          *self,
                                    const char        *client);

/* pa-sip-ami.c: NOTIFYs through an Asterisk's AMI (PJSIPNotify) when the
 * settings name one (ami_host). @endpoint (the line's SIP user) is used
 * when given, else @uri. The outcome says how Asterisk answered. */
gboolean pa_server_ami_configured  (PaServer          *self);
void     pa_server_ami_notify_async  (PaServer            *self,
                                      const char          *endpoint,
                                      const char          *uri,
                                      const char          *event,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
void     pa_server_ami_notify_finish (PaServer            *self,
                                      GAsyncResult        *result,
                                      PaSipOutcome        *outcome);

/* pa-sip-notify.c: starts the SIP agent (and the keepalive) on the listen
 * address, or warns and goes on without; stops them. */
void     pa_server_start_sip        (PaServer          *self);
void     pa_server_stop_sip         (PaServer          *self);
/* pa-sip-keepalive.c: OPTIONS to every phone with a known address, spread
 * over the interval; answers move a phone online, silence offline. */
void     pa_server_start_keepalive  (PaServer          *self);
void     pa_server_stop_keepalive   (PaServer          *self);

/* Sends 405 with Allow. */
void     pa_server_method_not_allowed (SoupServerMessage *msg,
                                       const char        *allow);

G_END_DECLS
