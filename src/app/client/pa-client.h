/* pa-client.h — the REST client of phoneadmin-provd (docs/api.md)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "pa-core.h"

G_BEGIN_DECLS

#define PA_CLIENT_ERROR (pa_client_error_quark ())

/**
 * PaClientError:
 * @PA_CLIENT_ERROR_UNREACHABLE: connection refused, host not found, timeout.
 * @PA_CLIENT_ERROR_TLS: the server's certificate is not trusted; the
 *   certificate is in pa_client_error_get_certificate().
 * @PA_CLIENT_ERROR_UNAUTHORIZED: 401, the token is wrong.
 * @PA_CLIENT_ERROR_NOT_FOUND: 404.
 * @PA_CLIENT_ERROR_CONFLICT: 409 (duplicate MAC, phone still assigned, …).
 * @PA_CLIENT_ERROR_STALE: 412 or 428: someone else changed it first.
 * @PA_CLIENT_ERROR_INVALID: 400, 413, 415, 422; pa_client_error_get_field()
 *   names the member.
 * @PA_CLIENT_ERROR_SERVER: 5xx.
 * @PA_CLIENT_ERROR_PROTOCOL: an answer that is not what the API promises.
 *
 * The error's message is the server's message when the server sent one, so
 * it can be shown to the user as it is.
 */
typedef enum
{
  PA_CLIENT_ERROR_UNREACHABLE,
  PA_CLIENT_ERROR_TLS,
  PA_CLIENT_ERROR_UNAUTHORIZED,
  PA_CLIENT_ERROR_NOT_FOUND,
  PA_CLIENT_ERROR_CONFLICT,
  PA_CLIENT_ERROR_STALE,
  PA_CLIENT_ERROR_INVALID,
  PA_CLIENT_ERROR_SERVER,
  PA_CLIENT_ERROR_PROTOCOL,
} PaClientError;

GQuark           pa_client_error_quark           (void);
/* The JSON member the error concerns, or NULL. */
const char      *pa_client_error_get_field       (const GError *error);
/* The server's error "code" ("conflict", "invalid", …), or NULL. */
const char      *pa_client_error_get_code        (const GError *error);
/* The HTTP status, or 0 when there was no answer. */
guint            pa_client_error_get_status      (const GError *error);
/* The peer certificate of a %PA_CLIENT_ERROR_TLS error; transfer none. */
GTlsCertificate *pa_client_error_get_certificate (const GError *error);

/* SHA-256 of the certificate's DER, upper-case hex pairs joined by ':'. */
char            *pa_certificate_fingerprint      (GTlsCertificate *cert);

/* The REST path segment of a resource type ("phones", "sip-accounts"), or
 * NULL when @type is not a known resource kind. */
const char      *pa_client_collection_for_type   (GType type);

#define PA_TYPE_CLIENT (pa_client_get_type ())

G_DECLARE_FINAL_TYPE (PaClient, pa_client, PA, CLIENT, GObject)

/* @base_url: "http://127.0.0.1:8080/" (a missing trailing '/' is added). */
PaClient   *pa_client_new                     (const char      *base_url,
                                               const char      *token);
const char *pa_client_get_base_url            (PaClient        *self);
/* How many resources this client's listings have received so far (every
 * page parsed adds its items; notifies "n-listed"): what a first load of a
 * large fleet can show while it comes in. */
guint64     pa_client_get_n_listed            (PaClient        *self);
/* Pins one certificate the user accepted: it is trusted even when the
 * system does not trust it. NULL removes the pin. */
void        pa_client_set_trusted_certificate (PaClient        *self,
                                               GTlsCertificate *cert);
GTlsCertificate *pa_client_get_trusted_certificate (PaClient   *self);
/* Seconds before a request gives up with %PA_CLIENT_ERROR_UNREACHABLE
 * (default 15). */
void        pa_client_set_timeout             (PaClient        *self,
                                               guint            seconds);

/* All async with GTask; finish functions return NULL/FALSE with a
 * %PA_CLIENT_ERROR (or G_IO_ERROR_CANCELLED when cancelled). */
void        pa_client_get_info_async   (PaClient            *self,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* The object GET /api/v1 answers (name, version, public_url, …). */
JsonObject *pa_client_get_info_finish  (PaClient            *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* @filter: a query string without '?' ("agent_id=3"), or NULL. */
/* GET /api/v1/catalog: the device catalog the server renders with. */
void        pa_client_get_catalog_async  (PaClient            *self,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* Transfer full; a catalog that cannot be read is a PA_CLIENT_ERROR_PROTOCOL. */
PaCatalog  *pa_client_get_catalog_finish (PaClient            *self,
                                          GAsyncResult        *result,
                                          GError             **error);

void        pa_client_list_async       (PaClient            *self,
                                        GType                type,
                                        const char          *filter,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* Every page concatenated; a GPtrArray of PaResource (owning them). */
GPtrArray  *pa_client_list_finish      (PaClient            *self,
                                        GAsyncResult        *result,
                                        GError             **error);

void        pa_client_get_async        (PaClient            *self,
                                        GType                type,
                                        gint64               id,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
PaResource *pa_client_get_finish       (PaClient            *self,
                                        GAsyncResult        *result,
                                        GError             **error);
/* With the members outside the resource (the settings' "fixed"), as
 * pa_client_update_finish_full() gives them. */
PaResource *pa_client_get_finish_full  (PaClient            *self,
                                        GAsyncResult        *result,
                                        JsonObject         **extra,
                                        GError             **error);

void        pa_client_create_async     (PaClient            *self,
                                        PaResource          *resource,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* @extra (optional, transfer full, may be NULL when there are none): the
 * members outside the resource, e.g. sip_password, sip_username,
 * sip_account_id. The SIP password is only ever here, once. */
PaResource *pa_client_create_finish    (PaClient            *self,
                                        GAsyncResult        *result,
                                        JsonObject         **extra,
                                        GError             **error);

/* PUT with If-Match: "<revision>". */
void        pa_client_update_async     (PaClient            *self,
                                        PaResource          *resource,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
PaResource *pa_client_update_finish    (PaClient            *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* As pa_client_update_finish(), with the members outside the resource in
 * @extra (optional, transfer full, NULL when there are none): a layout or
 * module layout's answer carries "affected_phones", how many phones will
 * fetch the change. */
PaResource *pa_client_update_finish_full (PaClient          *self,
                                          GAsyncResult      *result,
                                          JsonObject       **extra,
                                          GError           **error);

/* GET /api/v1/discovered: the answer's object ("items", "total",
 * "bootstrap_url"), transfer full. */
void        pa_client_list_discovered_async    (PaClient            *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonObject *pa_client_list_discovered_finish   (PaClient            *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* GET /api/v1/phones/<id>/fetches: the "items", most recent first. */
void        pa_client_get_phone_fetches_async  (PaClient            *self,
                                                gint64               phone_id,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
JsonArray  *pa_client_get_phone_fetches_finish (PaClient            *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* POST /api/v1/discovered/<mac>/ignore */
void        pa_client_ignore_discovered_async  (PaClient            *self,
                                                const char          *mac,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean    pa_client_ignore_discovered_finish (PaClient            *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* DELETE with If-Match: "<revision>". */
void        pa_client_delete_async     (PaClient            *self,
                                        PaResource          *resource,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
gboolean    pa_client_delete_finish    (PaClient            *self,
                                        GAsyncResult        *result,
                                        GError             **error);

/* DELETE layouts/{id}?replacement=<id> (or module-layouts): the phones
 * (and profiles) using @resource, a PaLayout or PaModuleLayout, move to
 * @replacement_id, which must be of the same model or module type. */
void        pa_client_delete_with_replacement_async  (PaClient            *self,
                                                      PaResource          *resource,
                                                      gint64               replacement_id,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean    pa_client_delete_with_replacement_finish (PaClient            *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

/* GET /api/v1/phones/{id}/preview/{file}: the file the phone would get, with
 * its passwords replaced by ********. */
void        pa_client_preview_async  (PaClient            *self,
                                      gint64               phone_id,
                                      const char          *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* As pa_client_preview_async(), but rendered as if the phone used the layout
 * @layout_id (same model, nothing stored; 0 for the phone's own layout); the
 * sidecars show their stored module layouts. Finish with
 * pa_client_preview_finish(). */
void        pa_client_preview_layout_async (PaClient            *self,
                                            gint64               phone_id,
                                            const char          *file,
                                            gint64               layout_id,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* Transfer full: the file's text (valid UTF-8), or NULL with @error set. */
char       *pa_client_preview_finish (PaClient            *self,
                                      GAsyncResult        *result,
                                      GError             **error);

/* POST /api/v1/sip-accounts/{id}/password with {"confirm":"REGENERATE"}. */
void        pa_client_regenerate_password_async  (PaClient            *self,
                                                  gint64               sip_account_id,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* The new password (shown once); @n_resync: how many phones will fetch it;
 * @resync (optional, transfer full, NULL from a server without SIP): which
 * of them were told over SIP to fetch it now, {"told": [ids], "pending":
 * [ids], "unreachable": [{"id", "reason"}]}. */
char       *pa_client_regenerate_password_finish (PaClient            *self,
                                                  GAsyncResult        *result,
                                                  guint               *n_resync,
                                                  JsonObject         **resync,
                                                  GError             **error);

/**
 * PaPhonePush:
 * What provd tells a phone over SIP (NOTIFY with its vendor's event).
 */
typedef enum
{
  PA_PHONE_PUSH_RESYNC,
  PA_PHONE_PUSH_REBOOT,
} PaPhonePush;

/* POST /api/v1/phones/{id}/resync or …/reboot. The answer comes at once;
 * how the phone took it arrives later as its sip_action. */
void        pa_client_push_phone_async   (PaClient            *self,
                                          gint64               phone_id,
                                          PaPhonePush          action,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
/* @target (optional): the SIP URI it was sent to, NULL when provd knows no
 * address for the phone (it then fetches at its next check). */
gboolean    pa_client_push_phone_finish  (PaClient            *self,
                                          GAsyncResult        *result,
                                          char               **target,
                                          GError             **error);

/* GET /api/v1/phones/{id}/config: the phone's real files, passwords
 * included (provd logs the download). */
typedef struct
{
  char   *name;           /* a plain file name, the vendor's */
  char   *content_type;   /* nullable */
  GBytes *content;
} PaConfigFile;

void        pa_config_file_free (PaConfigFile *file);

void        pa_client_download_config_async  (PaClient            *self,
                                              gint64               phone_id,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
/* Transfer full (element-type PaConfigFile), or NULL with @error set; a
 * file name that would leave the folder it is saved in is a protocol
 * error. */
GPtrArray  *pa_client_download_config_finish (PaClient            *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaConfigFile, pa_config_file_free)

/* GET /api/v1/changes/stream?since=@since as a WebSocket (docs/api.md,
 * "Change stream"), with the token and the pinned certificate. A refused
 * upgrade is the PA_CLIENT_ERROR of its status. Messages are read with
 * pa_change_batch_parse() (pa-client-changes.h). */
void        pa_client_open_change_stream_async  (PaClient            *self,
                                                 gint64               since,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
/* (transfer full) */
SoupWebsocketConnection *pa_client_open_change_stream_finish (PaClient      *self,
                                                              GAsyncResult  *result,
                                                              GError       **error);

G_END_DECLS
