/* pa-store.c — the storage interface of phoneadmin-provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-store"

#include "config.h"

#include "pa-agent.h"
#include "pa-layout.h"
#include "pa-module-layout.h"
#include "pa-phone.h"
#include "pa-profile.h"
#include "pa-settings.h"
#include "pa-sip-account.h"
#include "pa-resource-kinds.h"
#include "pa-store-private.h"
#include "pa-token.h"

G_DEFINE_QUARK (pa-store-error-quark, pa_store_error)

G_DEFINE_INTERFACE (PaStore, pa_store, G_TYPE_OBJECT)

static void
pa_store_default_init (PaStoreInterface *iface)
{
  g_signal_new ("changes-committed", PA_TYPE_STORE, G_SIGNAL_RUN_LAST, 0,
                NULL, NULL, NULL, G_TYPE_NONE, 0);
}

void
pa_discovered_phone_free (PaDiscoveredPhone *phone)
{
  if (phone == NULL)
    return;
  g_free (phone->mac);
  g_free (phone->ip);
  g_free (phone->user_agent);
  g_free (phone);
}

GType
pa_store_type_from_kind (const char *kind)
{
  const PaResourceKind *found = pa_resource_kind_lookup (kind);

  return found != NULL ? found->get_type () : G_TYPE_INVALID;
}

#define IFACE(self) PA_STORE_GET_IFACE (self)

const char *
pa_store_kind_from_type (GType type)
{
  const PaResourceKind *found = pa_resource_kind_for_type (type);

  g_return_val_if_fail (found != NULL, NULL);
  return found->kind;
}

/* What the open transaction wrote, for the observer. Kept here, beside
 * the interface, since every backend writes only through these wrappers. */
typedef struct
{
  guint                  depth;
  GArray                *written;      /* PaConfigInput, revision 0, not yet derived */
  gboolean               wrote;        /* the transaction wrote anything */
  const PaStoreObserver *observer;
  gpointer               observer_data;
} Tracker;

static void
tracker_free (gpointer data)
{
  Tracker *tracker = data;

  g_array_unref (tracker->written);
  g_free (tracker);
}

static Tracker *
get_tracker (PaStore *self)
{
  static GQuark quark;
  Tracker *tracker;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("pa-store-tracker");
  tracker = g_object_get_qdata (G_OBJECT (self), quark);
  if (tracker == NULL)
    {
      tracker = g_new0 (Tracker, 1);
      tracker->written = pa_config_inputs_new ();
      g_object_set_qdata_full (G_OBJECT (self), quark, tracker, tracker_free);
    }
  return tracker;
}

void
pa_store_set_observer (PaStore               *self,
                       const PaStoreObserver *observer,
                       gpointer               user_data)
{
  Tracker *tracker;

  g_return_if_fail (PA_IS_STORE (self));

  tracker = get_tracker (self);
  tracker->observer = observer;
  tracker->observer_data = user_data;
}

/* The outermost transaction ended. */
static void
settle (PaStore  *self,
        Tracker  *tracker,
        gboolean  committed)
{
  gboolean wrote = tracker->wrote;

  tracker->wrote = FALSE;
  g_array_set_size (tracker->written, 0);
  if (wrote && tracker->observer != NULL)
    tracker->observer->settled (self, committed, tracker->observer_data);
}

/* -- "changes-committed" ------------------------------------------------ */

/* Shared by a store and the siblings opened from it: where and on what
 * the signal is emitted. */
typedef struct
{
  GWeakRef      origin;
  GMainContext *context;
  gint          scheduled;   /* atomic: an idle is on its way */
} Notifier;

static void
notifier_clear (gpointer data)
{
  Notifier *notifier = data;

  g_weak_ref_clear (&notifier->origin);
  g_main_context_unref (notifier->context);
}

static void
notifier_release (Notifier *notifier)
{
  g_atomic_rc_box_release_full (notifier, notifier_clear);
}

static GQuark
notifier_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("pa-store-notifier");
  return quark;
}

/* @self's notifier; made (for @self as the origin, in the calling
 * thread's context) when it has none. */
static Notifier *
get_notifier (PaStore *self)
{
  Notifier *notifier = g_object_get_qdata (G_OBJECT (self), notifier_quark ());

  if (notifier == NULL)
    {
      notifier = g_atomic_rc_box_new0 (Notifier);
      g_weak_ref_init (&notifier->origin, self);
      notifier->context = g_main_context_ref_thread_default ();
      g_object_set_qdata_full (G_OBJECT (self), notifier_quark (), notifier,
                               (GDestroyNotify) notifier_release);
    }
  return notifier;
}

static gboolean
emit_committed_cb (gpointer data)
{
  Notifier *notifier = data;
  g_autoptr(GObject) origin = NULL;

  /* Cleared first: a commit during the emission schedules another. */
  g_atomic_int_set (&notifier->scheduled, 0);
  origin = g_weak_ref_get (&notifier->origin);
  if (origin != NULL)
    g_signal_emit_by_name (origin, "changes-committed");
  return G_SOURCE_REMOVE;
}

void
pa_store_changes_committed (PaStore *self)
{
  Notifier *notifier;
  g_autoptr(GSource) idle = NULL;

  g_return_if_fail (PA_IS_STORE (self));

  notifier = get_notifier (self);
  if (!g_atomic_int_compare_and_exchange (&notifier->scheduled, 0, 1))
    return;
  idle = g_idle_source_new ();
  g_source_set_priority (idle, G_PRIORITY_DEFAULT);
  g_source_set_name (idle, "[provd] changes committed");
  g_source_set_callback (idle, emit_committed_cb, g_atomic_rc_box_acquire (notifier),
                         (GDestroyNotify) notifier_release);
  g_source_attach (idle, notifier->context);
}

PaStore *
pa_store_open_sibling (PaStore  *self,
                       GError  **error)
{
  PaStore *sibling;

  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sibling = IFACE (self)->open_sibling (self, error);
  /* Its commits are announced on @self, where the readers are; a unit
   * of work on either is one on both. */
  if (sibling != NULL)
    {
      g_object_set_qdata_full (G_OBJECT (sibling), notifier_quark (),
                               g_atomic_rc_box_acquire (get_notifier (self)),
                               (GDestroyNotify) notifier_release);
      pa_store_units_share (self, sibling);
    }
  return sibling;
}

gboolean
pa_store_begin (PaStore  *self,
                GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!IFACE (self)->begin (self, error))
    return FALSE;
  get_tracker (self)->depth++;
  return TRUE;
}

/* The observer derives what the outermost transaction wrote since it
 * last did (it keeps what it found changed until the end). Forgotten once
 * derived: what is written again after is derived again. */
static gboolean
derive_written (PaStore  *self,
                Tracker  *tracker,
                GError  **error)
{
  if (tracker->depth != 1 || tracker->written->len == 0 || tracker->observer == NULL)
    return TRUE;
  if (!tracker->observer->derive (self, tracker->written, tracker->observer_data, error))
    return FALSE;
  g_array_set_size (tracker->written, 0);
  return TRUE;
}

gboolean
pa_store_derive_pending (PaStore  *self,
                         GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);

  return derive_written (self, get_tracker (self), error);
}

gboolean
pa_store_commit (PaStore  *self,
                 GError  **error)
{
  Tracker *tracker;
  gboolean ok;

  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tracker = get_tracker (self);
  if (!derive_written (self, tracker, error))
    {
      IFACE (self)->rollback (self);
      tracker->depth--;
      settle (self, tracker, FALSE);
      return FALSE;
    }

  ok = IFACE (self)->commit (self, error);
  if (tracker->depth > 0 && --tracker->depth == 0)
    settle (self, tracker, ok);
  return ok;
}

void
pa_store_rollback (PaStore *self)
{
  Tracker *tracker;

  g_return_if_fail (PA_IS_STORE (self));

  tracker = get_tracker (self);
  IFACE (self)->rollback (self);
  if (tracker->depth > 0 && --tracker->depth == 0)
    settle (self, tracker, FALSE);
}

/* A write outside a transaction is one of its own, so that the observer
 * sees every write. */
static gboolean
open_write (PaStore   *self,
            gboolean  *own,
            GError   **error)
{
  *own = get_tracker (self)->depth == 0;
  return !*own || pa_store_begin (self, error);
}

static gboolean
close_write (PaStore     *self,
             gboolean     own,
             gboolean     ok,
             const char  *kind,
             gint64       id,
             GError     **error)
{
  if (ok)
    {
      pa_config_inputs_add (get_tracker (self)->written, kind, id, 0);
      get_tracker (self)->wrote = TRUE;
    }
  if (!own)
    return ok;
  if (!ok)
    {
      pa_store_rollback (self);
      return FALSE;
    }
  return pa_store_commit (self, error);
}

PaResource *
pa_store_get (PaStore  *self,
              GType     type,
              gint64    id,
              GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, PA_TYPE_RESOURCE), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->get (self, type, id, error);
}

GPtrArray *
pa_store_list (PaStore             *self,
               GType                type,
               const PaStoreQuery  *query,
               gint64              *out_total,
               GError             **error)
{
  static const PaStoreQuery everything = { 0 };

  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (g_type_is_a (type, PA_TYPE_RESOURCE), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list (self, type, query ? query : &everything, out_total, error);
}

void
pa_store_set_served_revisions (PaStore *self,
                               gint64   program_revision,
                               gint64   catalog_revision)
{
  g_return_if_fail (PA_IS_STORE (self));

  IFACE (self)->set_served_revisions (self, program_revision, catalog_revision);
}

gboolean
pa_store_list_json (PaStore            *self,
                    GType               type,
                    const PaStoreQuery *query,
                    GString            *out,
                    guint              *out_count,
                    gint64             *out_last_id,
                    gint64             *out_total,
                    GError            **error)
{
  static const PaStoreQuery everything = { 0 };

  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_type_is_a (type, PA_TYPE_RESOURCE), FALSE);
  g_return_val_if_fail (out != NULL && out_count != NULL && out_last_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->list_json (self, type, query ? query : &everything, out, out_count,
                                  out_last_id, out_total, error);
}

gboolean
pa_store_insert (PaStore     *self,
                 PaResource  *resource,
                 GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (PA_IS_RESOURCE (resource), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gboolean own;
  gboolean ok;

  if (!open_write (self, &own, error))
    return FALSE;
  /* The id exists only once the insert has run. */
  ok = IFACE (self)->insert (self, resource, error);
  return close_write (self, own, ok, pa_store_kind_from_type (G_OBJECT_TYPE (resource)),
                      pa_resource_get_id (resource), error);
}

gboolean
pa_store_update (PaStore     *self,
                 PaResource  *resource,
                 gint64       expected_revision,
                 GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (PA_IS_RESOURCE (resource), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gboolean own;

  if (!open_write (self, &own, error))
    return FALSE;
  return close_write (self, own, IFACE (self)->update (self, resource, expected_revision, error),
                      pa_store_kind_from_type (G_OBJECT_TYPE (resource)),
                      pa_resource_get_id (resource), error);
}

/* What refers to what: a resource something names cannot be deleted.
 * The rule is the store's, whatever the backend; a backend only counts
 * (count_naming). */
static const struct
{
  GType       (*target) (void);
  const char   *noun;
  GType       (*referrer) (void);
  const char   *member;
  const char   *what;      /* after the count */
} references[] = {
  { pa_agent_get_type, "agent", pa_phone_get_type, "agent_id", "phone(s) are assigned to it" },
  { pa_agent_get_type, "agent", pa_sip_account_get_type, "agent_id", "SIP account(s) belong to it" },
  { pa_sip_account_get_type, "SIP account", pa_phone_get_type, "lines", "phone(s) use it on a line" },
  { pa_layout_get_type, "layout", pa_phone_get_type, "layout_id", "phone(s) use it" },
  { pa_layout_get_type, "layout", pa_profile_get_type, "layout_id", "profile(s) use it" },
  { pa_module_layout_get_type, "module layout", pa_phone_get_type, "modules",
    "phone(s) use it on a module" },
  { pa_profile_get_type, "profile", pa_phone_get_type, "profile_id", "phone(s) use it" },
};

static gboolean
check_unreferenced (PaStore  *self,
                    GType     type,
                    gint64    id,
                    gint64    expected_revision,
                    GError  **error)
{
  g_autoptr(PaResource) current = NULL;
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (references); i++)
    {
      g_autofree char *name = NULL;
      gint64 count;

      if (references[i].target () != type)
        continue;
      /* Missing or changed: the backend's delete says which. */
      if (current == NULL)
        {
          current = IFACE (self)->get (self, type, id, &local_error);
          if (current == NULL ||
              (expected_revision >= 0 && expected_revision != pa_resource_get_revision (current)))
            return TRUE;
        }
      count = IFACE (self)->count_naming (self, references[i].referrer (), references[i].member,
                                          id, error);
      if (count < 0)
        return FALSE;
      if (count == 0)
        continue;
      if (g_object_class_find_property (G_OBJECT_GET_CLASS (current), "name") != NULL)
        g_object_get (current, "name", &name, NULL);
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT,
                   "Cannot delete the %s “%s”: %" G_GINT64_FORMAT " %s",
                   references[i].noun, name != NULL ? name : "", count, references[i].what);
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_store_delete (PaStore  *self,
                 GType     type,
                 gint64    id,
                 gint64    expected_revision,
                 GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_type_is_a (type, PA_TYPE_RESOURCE), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gboolean own;

  if (!open_write (self, &own, error))
    return FALSE;
  return close_write (self, own,
                      check_unreferenced (self, type, id, expected_revision, error) &&
                      IFACE (self)->delete (self, type, id, expected_revision, error),
                      pa_store_kind_from_type (type), id, error);
}

PaResource *
pa_store_find_agent_by_extension (PaStore     *self,
                                  const char  *extension,
                                  GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (extension != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->find_agent_by_extension (self, extension, error);
}

PaResource *
pa_store_find_phone_by_mac (PaStore     *self,
                            const char  *mac,
                            GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (mac != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->find_phone_by_mac (self, mac, error);
}

PaResource *
pa_store_find_phone_by_token (PaStore     *self,
                              const char  *token,
                              GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (token == NULL || *token == '\0')
    {
      g_set_error_literal (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND,
                           "No phone has this token");
      return NULL;
    }
  return IFACE (self)->find_phone_by_token (self, token, error);
}

char *
pa_store_regenerate_phone_token (PaStore  *self,
                                 gint64    phone_id,
                                 GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_autofree char *token = NULL;
  gboolean own;

  if (!open_write (self, &own, error))
    return NULL;
  token = IFACE (self)->regenerate_phone_token (self, phone_id, error);
  if (!close_write (self, own, token != NULL, "phone", phone_id, error))
    return NULL;
  return g_steal_pointer (&token);
}

gint64
pa_store_count_phones_for_agent (PaStore  *self,
                                 gint64    agent_id,
                                 GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return IFACE (self)->count_phones_for_agent (self, agent_id, error);
}

gint64
pa_store_count_sip_region_users (PaStore     *self,
                                 GType        type,
                                 const char  *region,
                                 GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), -1);
  g_return_val_if_fail (type == PA_TYPE_PHONE || type == PA_TYPE_PROFILE, -1);
  g_return_val_if_fail (region != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return IFACE (self)->count_sip_region_users (self, type, region, error);
}

GArray *
pa_store_list_phones_naming (PaStore  *self,
                             GType     type,
                             gint64    id,
                             GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list_phones_naming (self, type, id, error);
}

gint64
pa_store_find_sip_account (PaStore     *self,
                           const char  *username,
                           GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), -1);
  g_return_val_if_fail (username != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return IFACE (self)->find_sip_account (self, username, error);
}

GArray *
pa_store_list_status_history (PaStore  *self,
                              gint64    phone_id,
                              GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list_status_history (self, phone_id, error);
}

gboolean
pa_store_update_phone_status (PaStore                    *self,
                              gint64                      phone_id,
                              const PaPhoneStatusUpdate  *update,
                              GError                    **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (update != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->update_phone_status (self, phone_id, update, error);
}

gboolean
pa_store_set_phone_sip_action (PaStore                 *self,
                               gint64                   phone_id,
                               const PaPhoneSipAction  *action,
                               GError                 **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL && action->action != NULL && action->result != NULL
                        && action->at != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->set_phone_sip_action (self, phone_id, action, error);
}

void
pa_sip_target_clear (PaSipTarget *target)
{
  g_clear_pointer (&target->contact, g_free);
  g_clear_pointer (&target->ip, g_free);
  g_clear_pointer (&target->user, g_free);
  g_clear_pointer (&target->status, g_free);
}

GArray *
pa_store_list_sip_targets (PaStore  *self,
                           gint64    after,
                           guint     limit,
                           gint64   *total,
                           GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list_sip_targets (self, after, limit, total, error);
}

gboolean
pa_store_set_sip_password (PaStore     *self,
                           gint64       sip_account_id,
                           const char  *password,
                           GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gboolean own;

  if (!open_write (self, &own, error))
    return FALSE;
  return close_write (self, own,
                      IFACE (self)->set_sip_password (self, sip_account_id, password, error),
                      PA_INPUT_SIP_PASSWORD, sip_account_id, error);
}

char *
pa_store_get_sip_password (PaStore  *self,
                           gint64    sip_account_id,
                           gint64   *serial,
                           GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->get_sip_password (self, sip_account_id, serial, error);
}

gboolean
pa_store_check_sip_password (PaStore     *self,
                             gint64       sip_account_id,
                             const char  *password)
{
  g_autofree char *stored = NULL;

  g_return_val_if_fail (PA_IS_STORE (self), FALSE);

  if (password == NULL)
    return FALSE;
  stored = IFACE (self)->get_sip_password (self, sip_account_id, NULL, NULL);
  /* An account whose password was never set has none to match. */
  if (stored == NULL || *stored == '\0')
    return FALSE;
  return pa_token_equal (password, stored);
}

gint64
pa_store_add_admin_token (PaStore     *self,
                          const char  *token_hash,
                          const char  *label,
                          GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), -1);
  g_return_val_if_fail (token_hash != NULL && *token_hash != '\0', -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return IFACE (self)->add_admin_token (self, token_hash, label, error);
}

gboolean
pa_store_check_admin_token (PaStore    *self,
                            const char *token)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);

  if (token == NULL || *token == '\0')
    return FALSE;
  return IFACE (self)->check_admin_token (self, token);
}

gint64
pa_store_count_admin_tokens (PaStore  *self,
                             GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return IFACE (self)->count_admin_tokens (self, error);
}

gboolean
pa_store_record_discovered (PaStore     *self,
                            const char  *mac,
                            const char  *ip,
                            const char  *user_agent,
                            GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (mac != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->record_discovered (self, mac, ip, user_agent, error);
}

GPtrArray *
pa_store_list_discovered (PaStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list_discovered (self, error);
}

gboolean
pa_store_forget_discovered (PaStore     *self,
                            const char  *mac,
                            GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (mac != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->forget_discovered (self, mac, error);
}

gboolean
pa_store_ignore_discovered (PaStore     *self,
                            const char  *mac,
                            GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (mac != NULL, FALSE);

  return IFACE (self)->ignore_discovered (self, mac, error);
}

PaFetchRecord *
pa_fetch_record_copy (const PaFetchRecord *record)
{
  PaFetchRecord *copy = g_memdup2 (record, sizeof *record);

  copy->file = g_strdup (record->file);
  copy->ip = g_strdup (record->ip);
  copy->user_agent = g_strdup (record->user_agent);
  return copy;
}

void
pa_fetch_record_free (PaFetchRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->file);
  g_free (record->ip);
  g_free (record->user_agent);
  g_free (record);
}

gboolean
pa_store_set_http_credentials (PaStore     *self,
                               gint64       phone_id,
                               const char  *password,
                               gint64       sent_at,
                               GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);

  return IFACE (self)->set_http_credentials (self, phone_id, password, sent_at, error);
}

char *
pa_store_get_http_credentials (PaStore   *self,
                               gint64     phone_id,
                               gint64    *sent_at,
                               GError   **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);

  return IFACE (self)->get_http_credentials (self, phone_id, sent_at, error);
}

gboolean
pa_store_set_phone_fetches (PaStore    *self,
                            gint64      phone_id,
                            GPtrArray  *records,
                            GError    **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (records != NULL, FALSE);

  return IFACE (self)->set_phone_fetches (self, phone_id, records, error);
}

GPtrArray *
pa_store_list_phone_fetches (PaStore  *self,
                             gint64    phone_id,
                             GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);

  return IFACE (self)->list_phone_fetches (self, phone_id, error);
}

char *
pa_store_get_site_key (PaStore  *self,
                       GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);

  return IFACE (self)->get_site_key (self, error);
}

gboolean
pa_store_set_phone_inputs (PaStore     *self,
                           gint64       phone_id,
                           GArray      *inputs,
                           const char * const *attention,
                           const char  *fingerprint,
                           GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (inputs != NULL, FALSE);
  g_return_val_if_fail (fingerprint != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->set_phone_inputs (self, phone_id, inputs, attention, fingerprint,
                                         error);
}

GArray *
pa_store_list_phones_reading (PaStore     *self,
                              const char  *kind,
                              gint64       id,
                              GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list_phones_reading (self, kind, id, error);
}

GArray *
pa_store_list_phones_underived (PaStore  *self,
                                GArray   *current,
                                GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (current != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list_phones_underived (self, current, error);
}

gboolean
pa_store_set_generated_admin_password (PaStore     *self,
                                       gint64       phone_id,
                                       const char  *password,
                                       GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (password != NULL && *password != '\0', FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->set_generated_admin_password (self, phone_id, password, error);
}

char *
pa_store_get_generated_admin_password (PaStore  *self,
                                       gint64    phone_id,
                                       GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->get_generated_admin_password (self, phone_id, error);
}

void
pa_store_change_free (PaStoreChange *change)
{
  if (change == NULL)
    return;
  g_free (change->kind);
  g_free (change->op);
  g_free (change);
}

GPtrArray *
pa_store_list_changes (PaStore  *self,
                       gint64    since,
                       guint     limit,
                       gint64   *oldest,
                       gint64   *last,
                       GError  **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (oldest != NULL && last != NULL, NULL);

  return IFACE (self)->list_changes (self, since, limit, oldest, last, error);
}

gint64
pa_store_insert_job (PaStore     *self,
                     const char  *state,
                     const char  *data,
                     GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), -1);
  g_return_val_if_fail (state != NULL && data != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  return IFACE (self)->insert_job (self, state, data, error);
}

gboolean
pa_store_update_job (PaStore     *self,
                     gint64       id,
                     const char  *state,
                     const char  *data,
                     const char  *undo,
                     GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL && data != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return IFACE (self)->update_job (self, id, state, data, undo, error);
}

char *
pa_store_get_job (PaStore     *self,
                  gint64       id,
                  char       **undo,
                  GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->get_job (self, id, undo, error);
}

GPtrArray *
pa_store_list_jobs (PaStore     *self,
                    const char  *state,
                    guint        limit,
                    GError     **error)
{
  g_return_val_if_fail (PA_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return IFACE (self)->list_jobs (self, state, limit, error);
}
