/* pa-api-private.h — the generic CRUD table and the per-kind rules it calls
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-core.h"
#include "pa-http.h"
#include "pa-server-private.h"

G_BEGIN_DECLS

/* One request in flight. Hooks add response-only members (a password shown
 * once) to @extra; they are appended to the resource's JSON. */
typedef struct
{
  PaServer          *server;
  PaStore           *store;
  SoupServerMessage *msg;
  JsonObject        *extra;
  GHashTable        *query;   /* nullable: the URL's query */
  const char * const *segments;  /* the path after /api/v1/, split at '/' */
  /* Set by a hook: the answer says how many phones' files the request
   * changed ("affected_phones", derived when it commits). */
  gboolean           report_affected;
} PaApiRequest;

/* All hooks run inside the request's transaction; an error rolls back
 * everything the request wrote. @old is NULL on create. */
typedef gboolean (*PaApiWriteHook)  (PaApiRequest *req,
                                     PaResource   *old,
                                     PaResource   *resource,
                                     GError      **error);
typedef gboolean (*PaApiDeleteHook) (PaApiRequest *req,
                                     PaResource   *old,
                                     GError      **error);

/* Fills what the server derives on a resource it is about to answer with
 * (a phone's attention). */
typedef void     (*PaApiDeriveHook) (PaApiRequest *req,
                                     PaResource   *resource);

typedef struct
{
  const char      *kind;          /* pa-resource-kinds.h: "sip_account" */
  PaApiWriteHook   before_write;  /* after parsing and validation, before the store */
  PaApiWriteHook   after_write;   /* after the store wrote it (id and revision set) */
  PaApiDeleteHook  before_delete;
  PaApiDeleteHook  after_delete;
  PaApiDeriveHook  derive;        /* on every answer: get, list, create, update */
  gint64           singleton_id;  /* 0: a collection; else its one resource, at
                                   * the collection's own path */
} PaApiCollection;

/* pa-api.c: what an answer adds to a stored resource (a phone's state,
 * the settings' fixed members); the collection of a JSON kind name. */
void     pa_api_derive               (PaApiRequest *req, const PaApiCollection *collection,
                                      PaResource *resource);
const PaApiCollection *pa_api_collection_for_kind (const char *kind);
/* Its REST path segment ("sip-accounts"). */
const char *pa_api_collection_path   (const PaApiCollection *collection);

/* pa-api.c: inside a transaction, what a POST of @resource does: its
 * references checked, the collection's hooks around the insert. */
gboolean pa_api_create               (PaApiRequest *req, const PaApiCollection *collection,
                                      PaResource *resource, GError **error);

/* pa-api.c: answers with @resource as GET would (ETag, derived members,
 * the request's extra members). */
void     pa_api_send_resource        (PaApiRequest *req, const PaApiCollection *collection,
                                      guint status, PaResource *resource);

/* pa-firmware-upload.c: POST /api/v1/firmware/upload?vendor=&models=&version=
 * &filename=[&name=] with the file as the body (docs/api.md, "Firmware");
 * the collection's hooks: no record without its file, and a deleted
 * record's file removed once the request is over. */
void     pa_api_upload_firmware      (PaApiRequest *req, const PaApiCollection *collection,
                                      gint64 id, const char *arg);
gboolean pa_api_firmware_before_write (PaApiRequest *req, PaResource *old, PaResource *resource,
                                       GError **error);
gboolean pa_api_firmware_before_delete (PaApiRequest *req, PaResource *old, GError **error);
gboolean pa_api_firmware_after_delete (PaApiRequest *req, PaResource *old, GError **error);

/* pa-api.c: inside a transaction, what a PATCH (@replace FALSE) or PUT of
 * @body to the resource does, hooks and all, whatever its revision. */
gboolean pa_api_update               (PaApiRequest *req, const PaApiCollection *collection,
                                      gint64 id, JsonNode *body, gboolean replace,
                                      GError **error);

/* pa-api.c: inside a transaction, what a DELETE of the resource does,
 * hooks and all, whatever its revision. */
gboolean pa_api_delete               (PaApiRequest *req, const PaApiCollection *collection,
                                      gint64 id, GError **error);

/* pa-api-diff.c: POST /api/v1/{collection}/{id}/diff and /settings/diff
 * with the body a PATCH would send: how the files of the phones it
 * reaches would change, secrets masked; changes nothing. */
void     pa_api_diff_update          (PaApiRequest *req, const PaApiCollection *collection,
                                      gint64 id, const char *arg);
/* Every file the phone has in @store, rendered as the preview shows it
 * (secrets masked): file name → text; an empty table for a phone that is
 * not there (@out_phone NULL then) or cannot be rendered. */
GHashTable *pa_api_diff_render       (PaServer *server, PaStore *store, gint64 phone_id,
                                      PaPhone **out_phone, GError **error);
/* A phone of the answer: its files' diffs from @before to @after. */
JsonObject *pa_api_diff_phone        (gint64 id, PaPhone *phone, GHashTable *before,
                                      GHashTable *after);
/* The most phones a diff shows; the others are counted. */
#define PA_API_DIFF_SHOWN 5

/* pa-api-import.c: POST /api/v1/phones/import[?dry_run=true], a CSV file
 * (docs/api.md, "Importing phones"). */
void     pa_api_import_phones        (PaApiRequest *req, const PaApiCollection *collection,
                                      gint64 id, const char *arg);

/* pa-api-changes.c: GET /api/v1/changes?since=N[&limit=M]; one log entry
 * as the feed and a write's "changed" name it (transfer full). */
JsonObject *pa_api_change_to_json    (const PaStoreChange *change);
/* The feed's entry: the above with the resource as GET gives it now
 * ("item"), unless it is gone. Only @req's server, store and extra are
 * used. */
JsonObject *pa_api_change_entry      (PaApiRequest *req, const PaStoreChange *change);
void     pa_api_list_changes         (PaApiRequest *req, const PaApiCollection *collection,
                                      gint64 id, const char *arg);

/* pa-api-changes-stream.c: GET /api/v1/changes/stream?since=N, the
 * feed pushed over a WebSocket (docs/api.md, "Change stream"). */
void     pa_api_changes_stream       (PaApiRequest *req, const PaApiCollection *collection,
                                      gint64 id, const char *arg);

/* pa-api-rules.c */
/* @old (nullable): the stored resource an update replaces; ids it held
 * already are not looked up again. */
gboolean pa_api_check_references     (PaApiRequest *req, PaResource *old, PaResource *resource,
                                      GError **error);
/* A profile others inherit from stays until they have another parent. */
gboolean pa_api_profile_before_delete (PaApiRequest *req, PaResource *old, GError **error);
gboolean pa_api_phone_before_write   (PaApiRequest *req, PaResource *old, PaResource *resource,
                                      GError **error);
gboolean pa_api_phone_after_write    (PaApiRequest *req, PaResource *old, PaResource *resource,
                                      GError **error);
gboolean pa_api_phone_before_delete  (PaApiRequest *req, PaResource *old, GError **error);
gboolean pa_api_phone_after_delete   (PaApiRequest *req, PaResource *old, GError **error);
void     pa_api_phone_derive         (PaApiRequest *req, PaResource *resource);
gboolean pa_api_agent_before_write   (PaApiRequest *req, PaResource *old, PaResource *resource,
                                      GError **error);
gboolean pa_api_agent_before_delete  (PaApiRequest *req, PaResource *old, GError **error);
gboolean pa_api_sip_before_write     (PaApiRequest *req, PaResource *old, PaResource *resource,
                                      GError **error);
gboolean pa_api_sip_after_write      (PaApiRequest *req, PaResource *old, PaResource *resource,
                                      GError **error);
gboolean pa_api_layout_after_write   (PaApiRequest *req, PaResource *old, PaResource *resource,
                                      GError **error);

/* pa-api-layouts.c */
gboolean pa_api_layout_before_write  (PaApiRequest *req, PaResource *old, PaResource *resource,
                                      GError **error);
gboolean pa_api_layout_before_delete (PaApiRequest *req, PaResource *old, GError **error);
gboolean pa_api_agent_after_write    (PaApiRequest *req, PaResource *old, PaResource *resource,
                                      GError **error);
/* The handlers the route table (pa-api.c) calls: the request, the
 * collection, the id ({id} in the route, 0 without) and the free segment
 * ({}, NULL without). */
typedef void (*PaApiRouteFunc) (PaApiRequest          *req,
                                const PaApiCollection *collection,
                                gint64                 id,
                                const char            *arg);

/* pa-api-catalog.c: GET /api/v1/catalog, …/catalog/{section}[?vendor=],
 * …/catalog/{section}/{id} */
void     pa_api_catalog_all             (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
void     pa_api_catalog_section         (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *section);
void     pa_api_catalog_entry           (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *entry);
/* pa-api-discovered.c: GET /api/v1/discovered, POST …/discovered/{mac}/ignore */
void     pa_api_list_discovered         (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
void     pa_api_ignore_discovered       (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *mac);
/* pa-api-jobs.c: GET and POST /api/v1/jobs, GET and DELETE …/jobs/{id},
 * POST …/jobs/{id}/undo, POST …/jobs/diff */
void     pa_api_list_jobs               (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
void     pa_api_submit_job              (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
void     pa_api_get_job                 (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
void     pa_api_cancel_job              (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
void     pa_api_undo_job                (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
void     pa_api_diff_job                (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
/* GET /api/v1/phones/{id}/preview/{file} */
void     pa_api_preview_phone_file      (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *file);
/* pa-api-config.c: GET /api/v1/phones/{id}/config */
void     pa_api_download_phone_config   (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
/* pa-api-events.c: POST /api/v1/events/registration */
void     pa_api_registration_event      (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
/* pa-api-fetches.c: GET /api/v1/phones/{id}/fetches and …/status-history */
void     pa_api_phone_status_history    (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
void     pa_api_phone_fetches           (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
/* POST /api/v1/sip-accounts/{id}/password */
void     pa_api_regenerate_sip_password (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
/* pa-api-sip.c: POST /api/v1/phones/{id}/reboot, …/{id}/resync and
 * POST /api/v1/phones/resync {"ids": […]}: 202 at once, the result comes
 * later as the phone's sip_action. */
void     pa_api_push_reboot             (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
void     pa_api_push_resync             (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
void     pa_api_push_resync_many        (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);
/* After a SIP account's password changed: sends a resync to every phone
 * carrying it (a challenge is answered with @old_password) and answers
 * @node with "resync": {"told": [ids], "unreachable": [{id, reason}]} once
 * they all ended. */
void     pa_api_resync_after_password   (PaApiRequest *req, JsonNode *node,
                                         gint64 account_id, const char *old_password);
/* POST /api/v1/phones/{id}/token */
void     pa_api_regenerate_phone_token  (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);

/* pa-api-settings.c */
void     pa_api_settings_derive       (PaApiRequest *req, PaResource *resource);
gboolean pa_api_settings_before_write (PaApiRequest *req, PaResource *old, PaResource *resource,
                                       GError **error);
/* POST /api/v1/settings/preview */
void     pa_api_preview_settings        (PaApiRequest *req, const PaApiCollection *collection,
                                         gint64 id, const char *arg);

/* Runs @work between pa_store_begin() and pa_store_commit(), rolling back
 * when it fails. Once committed, the phones whose files it changed are
 * req->server->last_affected. */
typedef gboolean (*PaApiTransactionFunc) (PaApiRequest *req,
                                          gpointer      data,
                                          GError      **error);
gboolean pa_api_in_transaction (PaApiRequest         *req,
                                PaApiTransactionFunc  work,
                                gpointer              data,
                                GError              **error);

/* An action on one resource (apply a layout, a new password or token):
 * read what the request says, change the store in one transaction, answer.
 * Each step may be NULL; @parse and @work fail with an error the client
 * gets; @answer builds the 200's body once the transaction committed. */
typedef struct
{
  gboolean  (*parse)  (PaApiRequest *req, gpointer data, GError **error);
  gboolean  (*work)   (PaApiRequest *req, gpointer data, GError **error);
  JsonNode *(*answer) (PaApiRequest *req, gpointer data);
} PaApiAction;

void     pa_api_run_action (PaApiRequest      *req,
                            const PaApiAction *action,
                            gpointer           data);

/* A store error from insert/update: a missing reference is the client's
 * rule violation (422), not a conflict. */
void     pa_api_convert_write_error (GError **error);

/* The resource's JSON with @extra appended. */
JsonNode *pa_api_resource_json (PaResource *resource,
                                JsonObject *extra);

G_END_DECLS
