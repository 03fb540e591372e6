/* pa-store.h — the storage interface of phoneadmin-provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Handlers use only this interface; PaSqliteStore (pa-sqlite-store.h) is the
 * first implementation and a PostgreSQL one can follow without touching them.
 *
 * Resources are the core models (PaAgent, PaSipAccount, PaPhone, PaLayout,
 * PaModuleLayout, PaProfile).  A kind is named by its GType
 * (PA_TYPE_PHONE, …); pa_store_type_from_kind() maps the JSON kind name
 * ("phone", "sip_account", …) to it.
 *
 * Threading: a store is used from one thread (the server's main loop).
 *
 * References: a resource that something still refers to cannot be deleted
 * (an agent with phones or SIP accounts, a SIP account on a phone's line, a
 * layout used by a phone or profile, a module layout on a phone's module, a
 * profile used by a phone); the handler unassigns first, in the same
 * transaction if it likes. The rule is one list in pa-store.c, the same for
 * every backend; a backend only counts (count_naming).
 *
 * Transactions: every write function is atomic by itself.  A request that
 * does several writes wraps them in pa_store_begin() … pa_store_commit()
 * (or pa_store_rollback()).  Transactions nest with a depth counter backed by
 * savepoints: an inner begin/rollback undoes only the writes since that inner
 * begin, an inner commit keeps them pending, and only the outermost commit
 * makes anything durable.  A write function that fails inside an open
 * transaction has undone its own partial work; the caller's transaction stays
 * open and the caller decides whether to roll it back.
 *
 * Revisions: insert gives revision 1, every update adds 1.  The revision is
 * the *configuration* revision (it is the HTTP ETag / If-Match value): phone
 * status reports (pa_store_update_phone_status()) do not change it.
 *
 * Secrets:
 * - SIP passwords are stored in plain text, because the phone configuration
 *   must contain them.  They are never part of a resource returned by
 *   get/list (PaSipAccount's JSON has no password member); read one only with
 *   pa_store_get_sip_password() when rendering a config.
 * - A phone's token (its setup-link capability) is stored in plain text too,
 *   because admins must be able to see the setup link again; it is unique and
 *   looked up through its SHA-256 hash.
 * - Admin tokens are stored only as SHA-256 hashes.
 */
#pragma once

#include <gio/gio.h>

#include "pa-config-inputs.h"
#include "pa-resource.h"

G_BEGIN_DECLS

#define PA_STORE_ERROR (pa_store_error_quark ())

/**
 * PaStoreError:
 * @PA_STORE_ERROR_NOT_FOUND: no such resource (or row).  HTTP 404.
 * @PA_STORE_ERROR_STALE: the stored revision is not the expected one; nothing
 *   was changed.  HTTP 412.
 * @PA_STORE_ERROR_CONFLICT: a unique value is taken (MAC, SIP username,
 *   token).  The message names the resource that has it.  HTTP 409.
 * @PA_STORE_ERROR_CONSTRAINT: a reference to a missing resource, or a
 *   resource that is still referenced and cannot be deleted.  HTTP 409
 *   (delete refused) or 422 (bad reference in a body).
 * @PA_STORE_ERROR_FAILED: anything else: I/O, corrupt or too new database,
 *   misuse (commit without begin).  HTTP 500 (or a start-up failure).
 */
typedef enum
{
  PA_STORE_ERROR_NOT_FOUND,
  PA_STORE_ERROR_STALE,
  PA_STORE_ERROR_CONFLICT,
  PA_STORE_ERROR_CONSTRAINT,
  PA_STORE_ERROR_FAILED,
} PaStoreError;

GQuark pa_store_error_quark (void);

/**
 * PaStoreQuery:
 * @offset: rows to skip (after filtering, in id order)
 * @after: only rows with a larger id (keyset paging: a page costs the same
 *   at any depth); 0 for all
 * @limit: at most this many rows; 0 means no limit
 * @filter: nullable; a case-insensitive (Unicode case folding) plain
 *   substring — no wildcards — matched against the kind's name and:
 *   agents: extension, email; SIP accounts: username, auth name, display
 *   name, label; phones: MAC (colon and compact forms), vendor, model and the
 *   assigned agent's name; layouts: model; module layouts: module.
 *   NULL or "" matches everything.
 *
 * Initialise with `PaStoreQuery q = { 0 };` so new members default sanely.
 */
typedef struct
{
  guint       offset;
  gint64      after;
  guint       limit;
  const char *filter;
} PaStoreQuery;

/**
 * PaPhoneStatusUpdate:
 * @status: nullable; the phone status nick ("pending", "provisioning",
 *   "registered", "online", "offline", "disabled") as in the phone JSON
 * @ip: nullable; the address the phone last came from
 * @user_agent: nullable; its User-Agent header
 * @firmware: nullable; the firmware version from the User-Agent
 * @last_seen: nullable; when it was last heard from
 * @provisioned_at: nullable; when it last fetched its configuration
 * @contact: nullable; the contact URI of its registration
 * @forget_contact: TRUE to clear the stored contact (it unregistered)
 *
 * A NULL member leaves the stored value unchanged.  Initialise with `= { 0 }`.
 */
typedef struct
{
  const char *status;
  const char *ip;
  const char *user_agent;
  const char *firmware;
  GDateTime  *last_seen;
  GDateTime  *provisioned_at;
  const char *contact;
  gboolean    forget_contact;
} PaPhoneStatusUpdate;

/* One change of a phone's status: the status nick it took, and when (Unix
 * seconds, UTC). */
typedef struct
{
  char   status[16];
  gint64 at;
} PaStatusChange;

/**
 * PaPhoneSipAction:
 * @action: "resync" or "reboot"
 * @result: how it ended: "answered", "rejected", "auth_failed",
 *   "no_answer", "no_address", "failed" (pa_sip_result_to_string())
 * @code: the final SIP status, 0 when none came
 * @reason: nullable; the reason phrase, or why nothing was sent
 * @at: when it ended
 */
typedef struct
{
  const char *action;
  const char *result;
  guint       code;
  const char *reason;
  GDateTime  *at;
} PaPhoneSipAction;

/**
 * PaSipTarget:
 * What the SIP keepalive needs of a phone with a known address: the
 * contact of its registration when a PBX reported one, where it fetched
 * from, its SIP port, its first line's user and its status. Free
 * with pa_sip_target_clear() (an array of them does).
 */
typedef struct
{
  gint64  id;
  char   *contact; /* nullable */
  char   *ip;      /* nullable when @contact is set */
  guint   port;
  char   *user;    /* nullable */
  char   *status;  /* "online", "offline", … */
} PaSipTarget;

void pa_sip_target_clear (PaSipTarget *target);

/**
 * PaFetchRecord:
 * One kind of request a phone made: a file, from an address, with a
 * User-Agent, answered with a status. Requests alike are one record with
 * a count and the first and last time (Unix seconds, UTC). Free with
 * pa_fetch_record_free().
 */
typedef struct
{
  char   *file;
  char   *ip;          /* nullable */
  char   *user_agent;  /* nullable */
  guint   status;      /* HTTP status answered */
  gint64  first_at;
  gint64  last_at;
  gint64  count;
} PaFetchRecord;

PaFetchRecord *pa_fetch_record_copy (const PaFetchRecord *record);
void           pa_fetch_record_free (PaFetchRecord       *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaFetchRecord, pa_fetch_record_free)

/**
 * PaDiscoveredPhone:
 * A phone that asked for a configuration with a MAC the store does not know.
 * Timestamps are Unix seconds (UTC).  Free with pa_discovered_phone_free().
 */
typedef struct
{
  char   *mac;          /* normalised, "80:5E:C0:12:34:56" */
  char   *ip;           /* nullable */
  char   *user_agent;   /* nullable */
  gint64  first_seen;
  gint64  last_seen;
  gint64  count;        /* how many requests */
  gboolean ignored;     /* the admin chose not to see it */
} PaDiscoveredPhone;

void pa_discovered_phone_free (PaDiscoveredPhone *phone);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaDiscoveredPhone, pa_discovered_phone_free)

#define PA_TYPE_STORE (pa_store_get_type ())
G_DECLARE_INTERFACE (PaStore, pa_store, PA, STORE, GObject)

/* An implementation fills every member; see the wrappers below for the
 * contract of each. */
struct _PaStoreInterface
{
  GTypeInterface parent_iface;

  PaStore     *(*open_sibling)          (PaStore *self, GError **error);
  gboolean     (*begin)                 (PaStore *self, GError **error);
  gboolean     (*commit)                (PaStore *self, GError **error);
  void         (*rollback)              (PaStore *self);

  PaResource  *(*get)                   (PaStore *self, GType type, gint64 id, GError **error);
  GPtrArray   *(*list)                  (PaStore *self, GType type, const PaStoreQuery *query,
                                         gint64 *out_total, GError **error);
  void         (*set_served_revisions)  (PaStore *self, gint64 program_revision,
                                         gint64 catalog_revision);
  gboolean     (*list_json)             (PaStore *self, GType type, const PaStoreQuery *query,
                                         GString *out, guint *out_count, gint64 *out_last_id,
                                         gint64 *out_total, GError **error);
  gboolean     (*insert)                (PaStore *self, PaResource *resource, GError **error);
  gboolean     (*update)                (PaStore *self, PaResource *resource,
                                         gint64 expected_revision, GError **error);
  gboolean     (*delete)                (PaStore *self, GType type, gint64 id,
                                         gint64 expected_revision, GError **error);

  PaResource  *(*find_phone_by_mac)     (PaStore *self, const char *mac, GError **error);
  PaResource  *(*find_agent_by_extension)(PaStore *self, const char *extension, GError **error);
  PaResource  *(*find_phone_by_token)   (PaStore *self, const char *token, GError **error);
  char        *(*regenerate_phone_token)(PaStore *self, gint64 phone_id, GError **error);
  gint64       (*count_phones_for_agent)(PaStore *self, gint64 agent_id, GError **error);
  gint64       (*count_sip_region_users)(PaStore *self, GType type, const char *region,
                                         GError **error);
  /* Phones that name the resource themselves: a line on the SIP account,
   * layout_id, a module's layout_id, profile_id, firmware_id. */
  GArray      *(*list_phones_naming)    (PaStore *self, GType type, gint64 id,
                                         GError **error);
  /* How many resources of @referrer name @id in @member (a pa-store.c
   * reference: "agent_id", "lines", "modules", "layout_id", …). */
  gint64       (*count_naming)          (PaStore *self, GType referrer, const char *member,
                                         gint64 id, GError **error);
  gint64       (*find_sip_account)      (PaStore *self, const char *username, GError **error);
  GArray      *(*list_status_history)   (PaStore *self, gint64 phone_id, GError **error);
  gboolean     (*update_phone_status)   (PaStore *self, gint64 phone_id,
                                         const PaPhoneStatusUpdate *update, GError **error);
  gboolean     (*set_phone_sip_action)  (PaStore *self, gint64 phone_id,
                                         const PaPhoneSipAction *action, GError **error);
  GArray      *(*list_sip_targets)      (PaStore *self, gint64 after, guint limit,
                                         gint64 *total, GError **error);

  gboolean     (*set_sip_password)      (PaStore *self, gint64 sip_account_id,
                                         const char *password, GError **error);
  char        *(*get_sip_password)      (PaStore *self, gint64 sip_account_id, gint64 *serial,
                                         GError **error);

  /* Derived data: what each phone's files were made from. */
  gboolean     (*set_phone_inputs)      (PaStore *self, gint64 phone_id, GArray *inputs,
                                         const char * const *attention,
                                         const char *fingerprint, GError **error);
  GArray      *(*list_phones_reading)   (PaStore *self, const char *kind, gint64 id,
                                         GError **error);
  GArray      *(*list_phones_underived) (PaStore *self, GArray *current, GError **error);
  gboolean     (*set_generated_admin_password) (PaStore *self, gint64 phone_id,
                                                const char *password, GError **error);
  char        *(*get_generated_admin_password) (PaStore *self, gint64 phone_id,
                                                GError **error);

  gint64       (*add_admin_token)       (PaStore *self, const char *token_hash,
                                         const char *label, GError **error);
  gboolean     (*check_admin_token)     (PaStore *self, const char *token);
  gint64       (*count_admin_tokens)    (PaStore *self, GError **error);

  gboolean     (*record_discovered)     (PaStore *self, const char *mac, const char *ip,
                                         const char *user_agent, GError **error);
  GPtrArray   *(*list_discovered)       (PaStore *self, GError **error);
  gboolean     (*forget_discovered)     (PaStore *self, const char *mac, GError **error);
  gboolean     (*ignore_discovered)     (PaStore *self, const char *mac, GError **error);
  char        *(*get_site_key)          (PaStore *self, GError **error);

  gboolean     (*set_http_credentials)  (PaStore *self, gint64 phone_id, const char *password,
                                         gint64 sent_at, GError **error);
  char        *(*get_http_credentials)  (PaStore *self, gint64 phone_id, gint64 *sent_at,
                                         GError **error);
  gboolean     (*set_phone_fetches)     (PaStore *self, gint64 phone_id, GPtrArray *records,
                                         GError **error);
  GPtrArray   *(*list_phone_fetches)    (PaStore *self, gint64 phone_id, GError **error);

  GPtrArray   *(*list_changes)          (PaStore *self, gint64 since, guint limit,
                                         gint64 *oldest, gint64 *last, GError **error);

  gint64       (*insert_job)            (PaStore *self, const char *state, const char *data,
                                         GError **error);
  gboolean     (*update_job)            (PaStore *self, gint64 id, const char *state,
                                         const char *data, const char *undo, GError **error);
  char        *(*get_job)               (PaStore *self, gint64 id, char **undo, GError **error);
  GPtrArray   *(*list_jobs)             (PaStore *self, const char *state, guint limit,
                                         GError **error);
};

/**
 * PaStoreChange:
 * @seq: its place in the store's one change sequence (increasing, never
 *   reused)
 * @kind: the JSON kind name ("phone", "sip_account", …)
 * @id: the resource's id
 * @op: "created", "updated" or "deleted"
 *
 * One entry of the change log: every insert, update and delete of a
 * resource, and every change of a phone's status, in the transaction that
 * made it.
 */
typedef struct
{
  gint64 seq;
  char  *kind;
  gint64 id;
  char  *op;
} PaStoreChange;

void         pa_store_change_free          (PaStoreChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaStoreChange, pa_store_change_free)

/**
 * pa_store_list_changes:
 * @since: the last sequence number the caller has seen (0: none)
 * @limit: at most this many (0: no limit)
 * @oldest: (out): the oldest sequence number still kept (0 when none is)
 * @last: (out): the newest sequence number given out so far (0 when none)
 *
 * Returns: (transfer container) (element-type PaStoreChange): the changes
 *   after @since, in order; NULL with @error on a store failure.
 */
GPtrArray   *pa_store_list_changes         (PaStore     *self,
                                            gint64       since,
                                            guint        limit,
                                            gint64      *oldest,
                                            gint64      *last,
                                            GError     **error);

/**
 * PaStore::changes-committed:
 *
 * Emitted after a transaction that logged a change (an entry of
 * pa_store_list_changes()) committed, on this store or on one opened from
 * it with pa_store_open_sibling(), whichever thread that one runs in. It is
 * emitted in the main context that was the thread-default one when this
 * store was opened, from an idle (several commits may make one emission),
 * so a handler may read the store. This is the one place a reader of the
 * log (the change feed's WebSocket push) hooks, instead of every write
 * saying so: the log's entries themselves are what it reads.
 */

/* For implementations: says that a transaction which logged a change has
 * committed. May be called from any thread. */
void         pa_store_changes_committed    (PaStore     *self);

/**
 * pa_store_type_from_kind:
 * @kind: "agent", "sip_account", "phone", "layout", "module_layout", "profile"
 *
 * Returns: the model GType for @kind, or G_TYPE_INVALID for anything else.
 */
GType        pa_store_type_from_kind        (const char *kind);

/**
 * pa_store_open_sibling:
 * A second store on the same data, for one other thread to use (its own
 * connection): what it commits, this store reads. It has no observer.
 *
 * Returns: (transfer full): the store, or NULL with an error.
 */
PaStore     *pa_store_open_sibling          (PaStore *self, GError **error);

/* -- jobs ---------------------------------------------------------------- */

/* What the store keeps of a bulk job (pa-jobs.c says what the texts
 * hold): its state ("queued", "running", …), its JSON as the API shows
 * it, and what undoing it puts back. Not resources: they are not in the
 * change log, and a write of one is not seen by the observer. */

/* Returns: the new job's id, or -1 with @error. */
gint64       pa_store_insert_job            (PaStore     *self,
                                             const char  *state,
                                             const char  *data,
                                             GError     **error);
/* @undo: NULL leaves it as it is. Errors: NOT_FOUND. */
gboolean     pa_store_update_job            (PaStore     *self,
                                             gint64       id,
                                             const char  *state,
                                             const char  *data,
                                             const char  *undo,
                                             GError     **error);
/* Returns: (transfer full): the job's data, or NULL with NOT_FOUND;
 * @undo (out) (optional) (nullable): what undoing it puts back. */
char        *pa_store_get_job               (PaStore     *self,
                                             gint64       id,
                                             char       **undo,
                                             GError     **error);
/* Returns: (transfer full) (element-type utf8): the data of the newest
 * @limit jobs (0: all) in @state (NULL: any), newest first. */
GPtrArray   *pa_store_list_jobs             (PaStore     *self,
                                             const char  *state,
                                             guint        limit,
                                             GError     **error);

/* -- units of work ----------------------------------------------------- */

/**
 * PaStoreUnitFunc:
 * @unit: a store of its own (pa_store_open_sibling()), for this thread
 *
 * The work of a unit, run on a worker thread: typically one transaction
 * on @unit (begin … commit, with an observer of its own set first).
 */
typedef gboolean (*PaStoreUnitFunc) (PaStore       *unit,
                                     gpointer       data,
                                     GCancellable  *cancellable,
                                     GError       **error);

/**
 * pa_store_run_unit_async:
 * @data: (transfer full): for @func; @destroy frees it once the unit is
 *   over, in the caller's thread
 *
 * Runs @func off the caller's main loop. From now until @callback runs
 * (in the caller's thread-default context), the store is not writable:
 * pa_store_is_writable() says FALSE, writers of the main loop wait in
 * pa_store_when_writable() and those of other threads in
 * pa_store_wait_writable(), and they are let go (in their order) before
 * @callback runs. Reads go on meanwhile, seeing what was committed.
 */
void         pa_store_run_unit_async        (PaStore             *self,
                                             PaStoreUnitFunc      func,
                                             gpointer             data,
                                             GDestroyNotify       destroy,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* Returns: what @func returned, with its error. */
gboolean     pa_store_run_unit_finish       (PaStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* FALSE while a unit of work of this store or of a sibling runs. */
gboolean     pa_store_is_writable           (PaStore             *self);

typedef void (*PaStoreWritableFunc) (PaStore  *store,
                                     gpointer  data);
/* Calls @func now if the store is writable, else once the unit that
 * runs is over (in the main loop that ran it); then @destroy. For the
 * main loop's writers: the API's writes, a phone's status. */
void         pa_store_when_writable         (PaStore             *self,
                                             PaStoreWritableFunc  func,
                                             gpointer             data,
                                             GDestroyNotify       destroy);
/* For a thread of its own that writes (the fetch log's): blocks until no
 * unit runs. */
void         pa_store_wait_writable         (PaStore             *self);

/* -- transactions ------------------------------------------------------ */

/**
 * pa_store_begin:
 * Opens a transaction, or a nested one (savepoint) if one is open already.
 * Every successful begin must be matched by exactly one commit or rollback.
 */
gboolean     pa_store_begin                 (PaStore *self, GError **error);

/**
 * pa_store_commit:
 * Ends the innermost transaction keeping its writes.  Only the outermost
 * commit makes them durable.  Commit without begin → PA_STORE_ERROR_FAILED.
 * If the outermost commit fails, the transaction has been rolled back.
 */
gboolean     pa_store_commit                (PaStore *self, GError **error);

/**
 * pa_store_derive_pending:
 * In the outermost transaction: has the observer derive what was written
 * so far now instead of at commit (which derives only what is written
 * after), so what it writes (phones' new fingerprints, their change log
 * entries) can be read before the commit; in a nested one it does nothing
 * (the outermost commit derives).  On failure, roll back.
 */
gboolean     pa_store_derive_pending        (PaStore *self, GError **error);

/**
 * pa_store_rollback:
 * Undoes the writes of the innermost transaction and ends it.  Without an
 * open transaction it does nothing (and warns), so it is safe in error paths.
 */
void         pa_store_rollback              (PaStore *self);

/* -- resources --------------------------------------------------------- */

/**
 * pa_store_get:
 * @type: the model type, e.g. PA_TYPE_PHONE
 *
 * Returns: (transfer full): the stored resource, or NULL with
 *   PA_STORE_ERROR_NOT_FOUND ("phone 42 does not exist").  A phone carries its
 *   status columns and token; a SIP account never carries its password.
 */
PaResource  *pa_store_get                   (PaStore    *self,
                                             GType       type,
                                             gint64      id,
                                             GError    **error);

/**
 * pa_store_list:
 * @query: (nullable): paging and filter; NULL lists everything
 * @out_total: (out) (optional): the number of matching rows before paging
 *
 * Returns: (transfer full) (element-type PaResource): resources in id order
 *   (an empty array when nothing matches), or NULL on error.  The array frees
 *   its elements.
 */
GPtrArray   *pa_store_list                  (PaStore            *self,
                                             GType               type,
                                             const PaStoreQuery *query,
                                             gint64             *out_total,
                                             GError            **error);

/**
 * pa_store_list_json:
 * @query: (nullable): as for pa_store_list()
 * @out: the items' JSON objects are appended here, comma-separated
 * @out_count: (out): how many were appended
 * @out_last_id: (out): the id of the last one (0 when none)
 * @out_total: (out) (optional): as for pa_store_list()
 *
 * The same items as pa_store_list() and pa_resource_to_json() of each would
 * give, written from the stored JSON without building a resource: a listing
 * of a large fleet costs what copying its text costs. A phone's attention
 * is the one its last derive stored (pa_store_set_phone_inputs()).
 */
gboolean     pa_store_list_json             (PaStore            *self,
                                             GType               type,
                                             const PaStoreQuery *query,
                                             GString            *out,
                                             guint              *out_count,
                                             gint64             *out_last_id,
                                             gint64             *out_total,
                                             GError            **error);

/**
 * pa_store_set_served_revisions:
 * The revisions of the program and the catalog serving phones' files, which
 * the `config_fingerprint` pa_store_list_json() writes depends on too
 * (pa_config_inputs_served_fingerprint()).
 */
void         pa_store_set_served_revisions  (PaStore            *self,
                                             gint64              program_revision,
                                             gint64              catalog_revision);

/**
 * pa_store_insert:
 * Stores a new resource (its id must be 0).  Assigns the id and revision 1
 * and writes them back into @resource.  For a phone without a token, a fresh
 * one is generated and written back too.  Errors: CONFLICT (duplicate MAC or
 * SIP username, with the owner named), CONSTRAINT (refers to a missing
 * agent, layout, profile, module layout or SIP account).
 */
gboolean     pa_store_insert                (PaStore     *self,
                                             PaResource  *resource,
                                             GError     **error);

/**
 * pa_store_update:
 * @resource: the new state; its id names the row
 * @expected_revision: the revision the client saw (If-Match); -1 = don't care
 *
 * Replaces the stored resource.  The new revision (stored + 1) is written
 * back into @resource.  Server-owned phone members (status, ip, token, …)
 * are kept from the store, whatever @resource says.  Errors: NOT_FOUND,
 * STALE (stored revision differs: nothing changed), CONFLICT, CONSTRAINT.
 */
gboolean     pa_store_update                (PaStore     *self,
                                             PaResource  *resource,
                                             gint64       expected_revision,
                                             GError     **error);

/**
 * pa_store_delete:
 * @expected_revision: as for pa_store_update(); -1 = don't care
 *
 * Deletes a resource (a phone's lines and module rows go with it).  Errors:
 * NOT_FOUND, STALE, CONSTRAINT when something still refers to it ("agent
 * “Ann” still has 2 phones") — nothing is changed then.
 */
gboolean     pa_store_delete                (PaStore     *self,
                                             GType        type,
                                             gint64       id,
                                             gint64       expected_revision,
                                             GError     **error);

/* -- phones ------------------------------------------------------------ */

/**
 * pa_store_find_agent_by_extension:
 *
 * Returns: (transfer full) (nullable): the PaAgent with @extension, or NULL
 * with NOT_FOUND.
 */
PaResource  *pa_store_find_agent_by_extension (PaStore     *self,
                                               const char  *extension,
                                               GError     **error);

/**
 * pa_store_find_phone_by_mac:
 * @mac: normalised ("80:5E:C0:12:34:56"; see pa_mac_normalize())
 *
 * Returns: (transfer full) (nullable): the PaPhone, or NULL with NOT_FOUND.
 */
PaResource  *pa_store_find_phone_by_mac     (PaStore     *self,
                                             const char  *mac,
                                             GError     **error);

/**
 * pa_store_find_phone_by_token:
 * @token: the per-phone token from the setup link
 *
 * Looks the phone up by the token's SHA-256 hash, so response time does not
 * depend on how much of a guessed token is right.
 *
 * Returns: (transfer full) (nullable): the PaPhone, or NULL with NOT_FOUND.
 */
PaResource  *pa_store_find_phone_by_token   (PaStore     *self,
                                             const char  *token,
                                             GError     **error);

/**
 * pa_store_regenerate_phone_token:
 * Gives the phone a new token (the old setup link stops working).  Does not
 * bump the revision.
 *
 * Returns: (transfer full): the new token, or NULL (NOT_FOUND).
 */
char        *pa_store_regenerate_phone_token (PaStore    *self,
                                              gint64      phone_id,
                                              GError    **error);

/**
 * pa_store_count_phones_for_agent:
 * Returns: how many phones are assigned to the agent, or -1 on error.
 */
gint64       pa_store_count_phones_for_agent (PaStore    *self,
                                              gint64      agent_id,
                                              GError    **error);

/**
 * pa_store_count_sip_region_users:
 * @type: %PA_TYPE_PHONE or %PA_TYPE_PROFILE
 * @region: a SIP region's name (compared without case)
 * Returns: how many of them pick the region themselves, or -1 on error.
 */
gint64       pa_store_count_sip_region_users (PaStore    *self,
                                              GType       type,
                                              const char *region,
                                              GError    **error);

/**
 * pa_store_list_phones_naming:
 * @type: %PA_TYPE_SIP_ACCOUNT, %PA_TYPE_LAYOUT, %PA_TYPE_MODULE_LAYOUT or
 *   %PA_TYPE_PROFILE
 *
 * The phones that refer to the resource themselves (what keeps it from
 * being deleted).
 *
 * Returns: (transfer full) (element-type gint64): ids, ascending, or NULL
 *   on error.
 */
GArray      *pa_store_list_phones_naming   (PaStore  *self,
                                            GType     type,
                                            gint64    id,
                                            GError  **error);

/**
 * pa_store_find_sip_account:
 * Returns: the id of the SIP account with @username (as stored, exactly),
 *   0 when there is none, or -1 on error.
 */
gint64       pa_store_find_sip_account       (PaStore    *self,
                                              const char *username,
                                              GError    **error);

/**
 * pa_store_list_status_history:
 * Returns: (transfer full) (element-type PaStatusChange): the phone's last
 *   status changes, newest first (at most 50), or NULL on error.
 */
GArray      *pa_store_list_status_history    (PaStore    *self,
                                              gint64      phone_id,
                                              GError    **error);

/**
 * pa_store_update_phone_status:
 * Records what a phone reported (see PaPhoneStatusUpdate; NULL members are
 * left alone).  Does NOT bump the revision.  Errors: NOT_FOUND.
 */
gboolean     pa_store_update_phone_status    (PaStore                   *self,
                                              gint64                     phone_id,
                                              const PaPhoneStatusUpdate *update,
                                              GError                   **error);

/**
 * pa_store_set_phone_sip_action:
 * Keeps how the last reboot or resync pushed to the phone ended (the
 * phone's "sip_action"), replacing the one before, and logs an update of
 * the phone in the change log. Does NOT bump the revision. Errors:
 * NOT_FOUND.
 */
gboolean     pa_store_set_phone_sip_action   (PaStore                   *self,
                                              gint64                     phone_id,
                                              const PaPhoneSipAction    *action,
                                              GError                   **error);

/**
 * pa_store_list_sip_targets:
 * @after: only phones with a larger id (0 for the first page)
 * @limit: at most this many
 * @total: (out) (optional): how many there are in all (a count: only ask
 *   at the start of a round)
 *
 * The enabled phones with a known address, in id order, for OPTIONS.
 *
 * Returns: (transfer full) (element-type PaSipTarget): NULL on error.
 */
GArray      *pa_store_list_sip_targets       (PaStore                   *self,
                                              gint64                     after,
                                              guint                      limit,
                                              gint64                    *total,
                                              GError                   **error);

/* -- SIP passwords ----------------------------------------------------- */

/**
 * pa_store_set_sip_password:
 * Stores the account's password (plain text: the config must contain it).
 * Does not bump the account's revision.  Errors: NOT_FOUND.
 */
gboolean     pa_store_set_sip_password       (PaStore     *self,
                                              gint64       sip_account_id,
                                              const char  *password,
                                              GError     **error);

/**
 * pa_store_get_sip_password:
 * @serial: (out) (optional): a number that changes whenever the password
 *   is set, so a phone's fingerprint can follow it without holding it
 *
 * For config rendering only.
 *
 * Returns: (transfer full): the password ("" if never set), or NULL with
 *   NOT_FOUND.
 */
char        *pa_store_get_sip_password       (PaStore     *self,
                                              gint64       sip_account_id,
                                              gint64      *serial,
                                              GError     **error);

/**
 * pa_store_check_sip_password:
 * Returns: TRUE if @password is the account's password (constant-time
 *   compare); FALSE if not, if the account does not exist, or if it has no
 *   password yet.
 */
gboolean     pa_store_check_sip_password     (PaStore     *self,
                                              gint64       sip_account_id,
                                              const char  *password);

/* -- admin tokens ------------------------------------------------------ */

/**
 * pa_store_add_admin_token:
 * @token_hash: pa_token_hash() of the token; the plain token is never stored
 * @label: (nullable): what it is for ("local app", "Ann's laptop")
 *
 * Returns: the new token's row id, or -1 on error (CONFLICT if the hash is
 *   already stored).
 */
gint64       pa_store_add_admin_token        (PaStore     *self,
                                              const char  *token_hash,
                                              const char  *label,
                                              GError     **error);

/**
 * pa_store_check_admin_token:
 * @token: (nullable): the plain token from the Authorization header
 *
 * Returns: TRUE if its hash is a stored admin token.  NULL/"" → FALSE.
 */
gboolean     pa_store_check_admin_token      (PaStore     *self,
                                              const char  *token);

/**
 * pa_store_count_admin_tokens:
 * Returns: how many admin tokens exist (0 on a fresh store), -1 on error.
 */
gint64       pa_store_count_admin_tokens     (PaStore     *self,
                                              GError     **error);

/* -- discovered phones ------------------------------------------------- */

/**
 * pa_store_record_discovered:
 * @mac: normalised MAC of a phone the store does not know
 *
 * Adds the MAC, or updates ip/user_agent/last_seen and adds 1 to count.
 */
gboolean     pa_store_record_discovered      (PaStore     *self,
                                              const char  *mac,
                                              const char  *ip,
                                              const char  *user_agent,
                                              GError     **error);

/**
 * pa_store_list_discovered:
 * MACs that have become phones since are not listed (adopting one needs no
 * second step); ignored ones are, flagged.
 *
 * Returns: (transfer full) (element-type PaDiscoveredPhone): most recently
 *   seen first; the array frees its elements.  NULL on error.
 */
GPtrArray   *pa_store_list_discovered        (PaStore     *self,
                                              GError     **error);

/**
 * pa_store_forget_discovered:
 * Removes a MAC from the discovered list (after adoption).  Forgetting an
 * unknown MAC is not an error.
 */
gboolean     pa_store_forget_discovered      (PaStore     *self,
                                              const char  *mac,
                                              GError     **error);

/**
 * pa_store_ignore_discovered:
 * Hides a discovered MAC from now on; it is still counted when it asks
 * again.  Errors: NOT_FOUND.
 */
gboolean     pa_store_ignore_discovered      (PaStore     *self,
                                              const char  *mac,
                                              GError     **error);

/**
 * pa_store_set_http_credentials:
 * @password: (nullable): the phone's HTTP password for its setup link;
 *   NULL: none
 * @sent_at: when a file carrying it first reached the phone (Unix
 *   seconds), 0: not yet
 *
 * Does not bump the revision. Errors: NOT_FOUND.
 */
gboolean     pa_store_set_http_credentials   (PaStore     *self,
                                              gint64       phone_id,
                                              const char  *password,
                                              gint64       sent_at,
                                              GError     **error);
/**
 * pa_store_get_http_credentials:
 * @sent_at: (out) (optional)
 *
 * Returns: (transfer full) (nullable): the password, NULL for none (no
 *   error) or on error.
 */
char        *pa_store_get_http_credentials   (PaStore     *self,
                                              gint64       phone_id,
                                              gint64      *sent_at,
                                              GError     **error);

/**
 * pa_store_set_phone_fetches:
 * @records: (element-type PaFetchRecord): the phone's recent requests, most
 *   recent first; they replace what was kept. Does not bump the revision.
 *   A phone that is gone is NOT_FOUND.
 */
gboolean     pa_store_set_phone_fetches      (PaStore     *self,
                                              gint64       phone_id,
                                              GPtrArray   *records,
                                              GError     **error);
/**
 * pa_store_list_phone_fetches:
 * Returns: (transfer full) (element-type PaFetchRecord): most recent first,
 *   empty for a phone without any (or that does not exist); NULL on error.
 */
GPtrArray   *pa_store_list_phone_fetches     (PaStore     *self,
                                              gint64       phone_id,
                                              GError     **error);

/**
 * pa_store_get_site_key:
 * The key of the site bootstrap URL (`/p/<site key>/`), made the first
 * time it is asked for: a token like a phone's (pa_token_generate()).
 *
 * Returns: (transfer full): the key, or NULL on error.
 */
char        *pa_store_get_site_key           (PaStore     *self,
                                              GError     **error);

/* -- what phones' files are made from ---------------------------------- */

/**
 * PaStoreObserver:
 * @derive: called inside every outermost transaction that wrote something,
 *   just before it commits, with what it wrote: a #PaConfigInput per
 *   resource inserted, updated or deleted (kind, id; revision 0), SIP
 *   password set ("sip_password") or phone token regenerated
 *   ("phone_token"). It may read and call pa_store_set_phone_inputs(); if
 *   it fails, the transaction is rolled back and the write fails with its
 *   error.
 * @settled: after that transaction committed (@committed TRUE) or was
 *   rolled back; not called for a transaction that wrote nothing.
 *
 * A write made outside a transaction is one of its own, so every write
 * passes through @derive: whatever a phone's files are made from is kept
 * current by construction, not by each caller remembering to.
 */
typedef struct
{
  gboolean (*derive)  (PaStore  *store,
                       GArray   *written,
                       gpointer  user_data,
                       GError  **error);
  void     (*settled) (PaStore  *store,
                       gboolean  committed,
                       gpointer  user_data);
} PaStoreObserver;

/* One observer at a time; @observer is static. NULL removes it. */
void         pa_store_set_observer           (PaStore               *self,
                                              const PaStoreObserver *observer,
                                              gpointer               user_data);

/**
 * pa_store_set_phone_inputs:
 * @inputs: (element-type PaConfigInput): everything the phone's files were
 *   made from
 * @attention: (nullable): why the phone needs attention, derived from the
 *   same inputs (pa_phone_attention()); NULL or empty for nothing
 * @fingerprint: pa_config_inputs_fingerprint() of @inputs
 *
 * Replaces the phone's recorded inputs and what is derived from them.
 * Derived data: it is not a write the observer hears about.
 */
gboolean     pa_store_set_phone_inputs       (PaStore     *self,
                                              gint64       phone_id,
                                              GArray      *inputs,
                                              const char * const *attention,
                                              const char  *fingerprint,
                                              GError     **error);

/**
 * pa_store_list_phones_reading:
 * @kind: a resource kind ("layout") or an input kind (#PA_INPUT_SETTINGS…)
 *
 * The phones whose recorded inputs include (@kind, @id): those whose files
 * were made from it, however they reached it (their own layout, their
 * profile's, a sidecar's).
 *
 * Returns: (transfer full) (element-type gint64): ids, ascending, or NULL
 *   on error.
 */
GArray      *pa_store_list_phones_reading    (PaStore     *self,
                                              const char  *kind,
                                              gint64       id,
                                              GError     **error);

/**
 * pa_store_list_phones_underived:
 * @current: (element-type PaConfigInput): inputs as they are now (the
 *   server's settings)
 *
 * Phones with no recorded inputs yet (stored before inputs were recorded),
 * and phones that recorded one of @current at another revision.
 *
 * Returns: (transfer full) (element-type gint64): ids, ascending, or NULL
 *   on error.
 */
GArray      *pa_store_list_phones_underived  (PaStore     *self,
                                              GArray      *current,
                                              GError     **error);

/**
 * pa_store_set_generated_admin_password:
 * Keeps the admin password provd made for the phone (plain text: its files
 * must carry it). Derived data, made while deriving: not a write the
 * observer hears about. Errors: NOT_FOUND.
 */
gboolean     pa_store_set_generated_admin_password (PaStore     *self,
                                                    gint64       phone_id,
                                                    const char  *password,
                                                    GError     **error);
/**
 * pa_store_get_generated_admin_password:
 * For config rendering only.
 *
 * Returns: (transfer full) (nullable): the password, NULL when none was
 *   made (without an error) or on error.
 */
char        *pa_store_get_generated_admin_password (PaStore     *self,
                                                    gint64       phone_id,
                                                    GError     **error);

/* The kind of input a stored resource type is ("phone", "layout", …). */
const char  *pa_store_kind_from_type         (GType        type);

G_END_DECLS
