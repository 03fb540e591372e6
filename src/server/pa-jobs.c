/* pa-jobs.c — bulk jobs: one at a time, off the main loop, all or nothing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job's data change runs as a unit of work (pa_store_run_unit_async()):
 * every phone changed as its PATCH or DELETE would be, on a worker with a
 * store of its own, in one transaction that also records the job's end.
 * Its phones' fingerprints are derived inside that transaction, from that
 * store (a PaDerive of its own). So a job either stored everything and
 * says so, or stored nothing: one cut short by provd's end stays
 * "running" in the store, and the next start marks it failed.
 *
 * Device actions (reboot, resync, and the resync after a firmware update)
 * go out on the main loop, a few phones at a time, each phone's result
 * kept as it comes.
 *
 * What is shown of a job is its stored JSON; while it runs, `done` is
 * counted here.
 */
#define G_LOG_DOMAIN "pa-jobs"

#include "config.h"

#include "pa-job-actions.h"
#include "pa-jobs.h"
#include "pa-render-ahead.h"
#include "pa-sip-notify.h"

/* NOTIFYs in flight at once for a device job. */
#define PUSHES_AT_ONCE 16
/* Jobs a listing shows. */
#define LISTED_JOBS 100

struct _PaJobs
{
  PaServer     *server;
  GCancellable *cancellable;   /* cancelled when provd stops */
  struct _Job  *running;
  guint         due_id;        /* the next scheduled job's timer */
  guint         pump_id;
  gboolean      pump_waits;    /* for the store to be writable */
  struct _PaRenderAhead *storing;  /* the last job's files, being stored */
};

/* What changing the phones needs, the same for a job and its diff. */
typedef struct
{
  PaServer          *server;
  const PaJobAction *action;
  JsonObject        *params;
  GArray            *phone_ids;
  gint64             undo_of;       /* an undo: the job it puts back */
  volatile gint      done;          /* phones changed so far */
  gint64             failed_phone;  /* the phone it stopped at */
} Work;

typedef struct _Job
{
  PaJobs       *jobs;
  GCancellable *cancellable;
  gint64        id;
  JsonObject   *json;          /* as stored and shown */
  Work          work;
  PaDerive     *derive;        /* the unit's, once it committed */
  PaRenderAhead *ahead;        /* its phones' new files, made by the unit */
  /* device actions */
  guint         next;
  guint         in_flight;
  JsonArray    *results;
} Job;

static void pump (PaJobs *self);

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

static char *
to_text (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, object);
  return json_to_string (node, FALSE);
}

static JsonObject *
from_text (const char  *text,
           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (!json_parser_load_from_data (parser, text, -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED, "A stored job is damaged");
      return NULL;
    }
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
save (PaStore     *store,
      JsonObject  *json,
      const char  *undo,
      GError     **error)
{
  g_autofree char *text = to_text (json);

  return pa_store_update_job (store, json_object_get_int_member (json, "id"),
                              json_object_get_string_member (json, "state"), text, undo, error);
}

static GArray *
ids_of (JsonObject *json)
{
  JsonArray *array = json_object_get_array_member (json, "phone_ids");
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), json_array_get_length (array));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gint64 id = json_array_get_int_element (array, i);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
job_free (Job *job)
{
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->json, json_object_unref);
  g_clear_pointer (&job->work.params, json_object_unref);
  g_clear_pointer (&job->work.phone_ids, g_array_unref);
  g_clear_pointer (&job->derive, pa_derive_free);
  g_clear_pointer (&job->ahead, pa_render_ahead_free);
  g_clear_pointer (&job->results, json_array_unref);
  g_free (job);
}

/* -- changing the phones (on the unit's thread) ---------------------------- */

/* @phone's members named in @patch, as they are now. */
static JsonObject *
members_now (PaPhone  *phone,
             JsonNode *patch)
{
  g_autoptr(JsonNode) now = pa_resource_to_json (PA_RESOURCE (phone));
  JsonObject *members = json_object_new ();
  JsonObjectIter iter;
  const char *name;

  json_object_iter_init (&iter, json_node_get_object (patch));
  while (json_object_iter_next (&iter, &name, NULL))
    json_object_set_member (members, name,
                            json_node_copy (json_object_get_member (json_node_get_object (now),
                                                                    name)));
  return members;
}

/* Names the phone in an error that does not already. */
static void
name_phone (GError  **error,
            PaPhone  *phone,
            gint64    id)
{
  const char *name = phone != NULL ? pa_phone_get_name (phone) : NULL;

  if (error == NULL || *error == NULL)
    return;
  if (name != NULL && strstr ((*error)->message, name) == NULL)
    g_prefix_error (error, "Phone “%s” (%" G_GINT64_FORMAT "): ", name, id);
}

/* One phone as its PATCH would make it, counted. */
static gboolean
patch_phone (Work          *work,
             PaApiRequest  *req,
             PaPhone       *phone,
             JsonNode      *patch,
             GError       **error)
{
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));

  if (!pa_api_update (req, pa_api_collection_for_kind ("phone"), id, patch, FALSE, error))
    {
      name_phone (error, phone, id);
      return FALSE;
    }
  g_atomic_int_inc (&work->done);
  return TRUE;
}

/* The undo record of a job: [{"id", "revision" (after the job),
 * "members" (before it)}]. An undo reads it, checks no phone changed
 * since, and patches the members back. */
static JsonArray *
load_undo (PaStore  *store,
           gint64    job_id,
           GError  **error)
{
  g_autofree char *undo = NULL;
  g_autofree char *data = pa_store_get_job (store, job_id, &undo, error);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (data == NULL)
    return NULL;
  if (undo == NULL || !json_parser_load_from_data (parser, undo, -1, NULL) ||
      !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, NULL,
                         "Job %" G_GINT64_FORMAT " kept nothing to undo", job_id);
      return NULL;
    }
  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

static gboolean
undo_phones (Work          *work,
             PaApiRequest  *req,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(JsonArray) undo = load_undo (req->store, work->undo_of, error);

  if (undo == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (undo); i++)
    {
      JsonObject *entry = json_array_get_object_element (undo, i);
      gint64 id = json_object_get_int_member (entry, "id");
      g_autoptr(PaResource) phone = NULL;
      g_autoptr(JsonNode) patch = json_node_new (JSON_NODE_OBJECT);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      work->failed_phone = id;
      phone = pa_store_get (req->store, PA_TYPE_PHONE, id, NULL);
      if (phone == NULL || pa_resource_get_revision (phone) !=
                           json_object_get_int_member (entry, "revision"))
        {
          pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, "phone_ids",
                             "Phone “%s” changed after job %" G_GINT64_FORMAT
                             "; nothing was undone",
                             phone != NULL ? pa_phone_get_name (PA_PHONE (phone)) : "?",
                             work->undo_of);
          return FALSE;
        }
      json_node_set_object (patch, json_object_get_object_member (entry, "members"));
      if (!patch_phone (work, req, PA_PHONE (phone), patch, error))
        return FALSE;
    }
  work->failed_phone = 0;
  return TRUE;
}

/* Every phone as the action says, inside the caller's transaction; fills
 * @undo (nullable) with what puts them back. */
static gboolean
change_phones (Work          *work,
               PaApiRequest  *req,
               JsonArray     *undo,
               GCancellable  *cancellable,
               GError       **error)
{
  const PaJobAction *action = work->action;
  const PaApiCollection *phones = pa_api_collection_for_kind ("phone");
  g_autoptr(PaResource) target = NULL;

  if (work->undo_of != 0)
    return undo_phones (work, req, cancellable, error);

  /* What the action names, read once (it was there when the job was
   * asked for; gone now, the job fails). */
  if (action->target_type != NULL &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (work->params, action->member)))
    {
      target = pa_store_get (req->store, action->target_type (),
                             json_object_get_int_member (work->params, action->member), error);
      if (target == NULL)
        return FALSE;
    }

  for (guint i = 0; i < work->phone_ids->len; i++)
    {
      gint64 id = g_array_index (work->phone_ids, gint64, i);
      g_autoptr(PaResource) phone = NULL;
      g_autoptr(JsonNode) patch = NULL;
      g_autoptr(GError) local_error = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      work->failed_phone = id;
      phone = pa_store_get (req->store, PA_TYPE_PHONE, id, &local_error);
      if (phone == NULL)
        {
          if (g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
            pa_http_set_error (error, PA_HTTP_ERROR_RULE, "phone_ids",
                               "Phone %" G_GINT64_FORMAT " does not exist", id);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (action->deletes)
        {
          if (!pa_api_delete (req, phones, id, error))
            {
              name_phone (error, PA_PHONE (phone), id);
              return FALSE;
            }
        }
      else
        {
          patch = action->patch (action, req, work->params, target, PA_PHONE (phone), error);
          if (patch == NULL)
            return FALSE;
          if (undo != NULL)
            {
              JsonObject *entry = json_object_new ();

              json_object_set_int_member (entry, "id", id);
              /* Every update adds one (pa_store_update()). */
              json_object_set_int_member (entry, "revision", pa_resource_get_revision (phone) + 1);
              json_object_set_object_member (entry, "members", members_now (PA_PHONE (phone), patch));
              json_array_add_object_element (undo, entry);
            }
          if (!patch_phone (work, req, PA_PHONE (phone), patch, error))
            return FALSE;
          continue;
        }
      g_atomic_int_inc (&work->done);
    }
  work->failed_phone = 0;
  return TRUE;
}

/* The job's end, written in the transaction of its change: stored
 * together or not at all. An undo marks the job it put back. */
static gboolean
record_end (Job        *job,
            PaStore    *unit,
            JsonArray  *undo,
            GError    **error)
{
  g_autoptr(JsonObject) done = json_object_ref (job->json);
  g_autofree char *undo_text = NULL;

  json_object_set_string_member (done, "state", "succeeded");
  json_object_set_int_member (done, "finished_at", now_seconds ());
  if (job->work.action->undoable && undo != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, undo);
      undo_text = json_to_string (node, FALSE);
    }
  if (!save (unit, done, undo_text, error))
    return FALSE;

  if (job->work.undo_of != 0)
    {
      g_autofree char *text = pa_store_get_job (unit, job->work.undo_of, NULL, error);
      g_autoptr(JsonObject) undone = text != NULL ? from_text (text, error) : NULL;

      if (undone == NULL)
        return FALSE;
      json_object_set_int_member (undone, "undone_by", job->id);
      if (!save (unit, undone, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
run_unit (PaStore       *unit,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;
  g_autoptr(PaDerive) derive = pa_derive_new (job->work.server, unit);
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(JsonArray) undo = json_array_new ();
  PaApiRequest req = { job->work.server, unit, NULL, extra, NULL, NULL, FALSE };

  if (!pa_store_begin (unit, error))
    return FALSE;
  if (!change_phones (&job->work, &req, undo, cancellable, error) ||
      !record_end (job, unit, undo, error))
    {
      pa_store_rollback (unit);
      return FALSE;
    }
  /* The phones' fingerprints are derived here, before it commits. */
  if (!pa_store_commit (unit, error))
    return FALSE;
  /* Committed: the files the phones fetch next are made here, not on the
   * main loop while they wait (pa-render-ahead.c). */
  if (job->ahead != NULL)
    pa_render_ahead_render (job->ahead, unit, derive->last_affected, cancellable);
  job->derive = g_steal_pointer (&derive);
  return TRUE;
}

/* -- device actions (on the main loop) ------------------------------------- */

static void finish (Job *job);
static void push_more (Job *job);

static void
add_result (Job        *job,
            gint64      phone_id,
            const char *result,
            const char *reason)
{
  JsonObject *entry = json_object_new ();

  json_object_set_int_member (entry, "phone_id", phone_id);
  json_object_set_string_member (entry, "result", result);
  if (reason != NULL)
    json_object_set_string_member (entry, "reason", reason);
  else
    json_object_set_null_member (entry, "reason");
  json_array_add_object_element (job->results, entry);
}

static void
pushed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Job *job = user_data;
  g_auto(PaSipOutcome) outcome = { 0 };
  gint64 phone_id = pa_sip_push_send_finish (PA_SERVER (source), result, &outcome);
  g_autofree char *reason = NULL;

  job->in_flight--;
  if (g_cancellable_is_cancelled (job->cancellable))
    {
      if (job->in_flight == 0)
        job_free (job);
      return;
    }

  switch (outcome.result)
    {
    case PA_SIP_RESULT_ANSWERED:
      add_result (job, phone_id, "sent", NULL);
      break;
    case PA_SIP_RESULT_NO_ADDRESS:
      add_result (job, phone_id, "no_address", outcome.reason);
      break;
    case PA_SIP_RESULT_REJECTED:
      reason = g_strdup_printf ("%u %s", outcome.code, outcome.reason != NULL ? outcome.reason : "");
      add_result (job, phone_id, "failed", g_strstrip (reason));
      break;
    case PA_SIP_RESULT_AUTH_FAILED:
      add_result (job, phone_id, "failed", "authentication failed");
      break;
    case PA_SIP_RESULT_NO_ANSWER:
      add_result (job, phone_id, "failed", "no answer");
      break;
    case PA_SIP_RESULT_FAILED:
    default:
      add_result (job, phone_id, "failed", outcome.reason != NULL ? outcome.reason : "failed");
      break;
    }
  g_atomic_int_inc (&job->work.done);
  push_more (job);
}

static void
push_more (Job *job)
{
  PaServer *server = job->work.server;
  const char *sip_action = job->work.action->sip_action;

  while (job->in_flight < PUSHES_AT_ONCE && job->next < job->work.phone_ids->len)
    {
      gint64 id = g_array_index (job->work.phone_ids, gint64, job->next++);
      g_autoptr(GError) error = NULL;
      g_autoptr(PaResource) phone = pa_store_get (server->store, PA_TYPE_PHONE, id, &error);
      PaSipPush *push = NULL;

      if (phone != NULL && !pa_phone_get_enabled (PA_PHONE (phone)))
        g_set_error_literal (&error, PA_STORE_ERROR, PA_STORE_ERROR_CONSTRAINT,
                             "the phone is disabled");
      else if (phone != NULL)
        push = pa_sip_push_new (server, id, sip_action, 0, NULL, &error);
      if (push == NULL)
        {
          add_result (job, id, "failed", error->message);
          g_atomic_int_inc (&job->work.done);
          continue;
        }
      job->in_flight++;
      pa_sip_push_send_async (server, push, pushed_cb, job);
    }

  if (job->in_flight == 0 && job->next >= job->work.phone_ids->len)
    {
      json_object_set_string_member (job->json, "state", "succeeded");
      finish (job);
    }
}

static void
start_pushes (Job *job)
{
  g_atomic_int_set (&job->work.done, 0);
  job->next = 0;
  job->results = json_array_new ();
  push_more (job);
}

/* -- the queue ------------------------------------------------------------ */

/* Stores the job as it ended and goes on with the next. */
static void
finish (Job *job)
{
  PaJobs *self = job->jobs;
  g_autoptr(GError) error = NULL;

  json_object_set_int_member (job->json, "finished_at", now_seconds ());
  if (job->results != NULL)
    json_object_set_array_member (job->json, "results", json_array_ref (job->results));
  if (!save (job->work.server->store, job->json, NULL, &error))
    g_warning ("Cannot record the end of job %" G_GINT64_FORMAT ": %s", job->id, error->message);
  g_message ("Job %" G_GINT64_FORMAT " (%s, %u phones) %s", job->id, job->work.action->name,
             job->work.phone_ids->len, json_object_get_string_member (job->json, "state"));
  self->running = NULL;
  job_free (job);
  pump (self);
}

static void
fail (Job    *job,
      GError *error)
{
  g_autoptr(JsonObject) why = json_object_new ();
  g_autoptr(JsonArray) results = json_array_new ();

  json_object_set_string_member (why, "message", error->message);
  if (job->work.failed_phone != 0)
    {
      JsonObject *entry = json_object_new ();

      json_object_set_int_member (why, "phone_id", job->work.failed_phone);
      json_object_set_int_member (entry, "phone_id", job->work.failed_phone);
      json_object_set_string_member (entry, "result", "failed");
      json_object_set_string_member (entry, "reason", error->message);
      json_array_add_object_element (results, entry);
    }
  else
    json_object_set_null_member (why, "phone_id");
  json_object_set_string_member (job->json, "state", "failed");
  json_object_set_object_member (job->json, "error", g_steal_pointer (&why));
  json_object_set_array_member (job->json, "results", g_steal_pointer (&results));
  finish (job);
}

static void
unit_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = pa_store_run_unit_finish (PA_STORE (source), result, &error);
  PaServer *server = job->work.server;

  /* provd is stopping: what ran was rolled back, or is stored with its
   * end; nothing more to say. */
  if (g_cancellable_is_cancelled (job->cancellable))
    {
      job_free (job);
      return;
    }
  if (!ok)
    {
      g_message ("Job %" G_GINT64_FORMAT " changed nothing: %s", job->id, error->message);
      fail (job, error);
      return;
    }

  if (job->ahead != NULL && job->jobs != NULL)
    {
      /* The last job's files not all stored yet: the rest are left to
       * their phones' fetches. */
      g_clear_pointer (&job->jobs->storing, pa_render_ahead_free);
      pa_render_ahead_store (g_steal_pointer (&job->ahead), job->derive, &job->jobs->storing);
    }
  else
    pa_server_forget_rendered (server, job->derive);
  json_object_set_string_member (job->json, "state", "succeeded");
  json_object_set_int_member (job->json, "affected_phones", job->derive->last_affected->len);
  if (job->work.action->sip_action != NULL)
    {
      /* Stored: a stop from here on leaves it succeeded, its phones told
       * at their next poll instead. */
      start_pushes (job);
      return;
    }
  finish (job);
}

static void
start (PaJobs     *self,
       JsonObject *json)
{
  Job *job = g_new0 (Job, 1);
  g_autoptr(GError) error = NULL;

  job->jobs = self;
  job->cancellable = g_object_ref (self->cancellable);
  job->id = json_object_get_int_member (json, "id");
  job->json = json_object_ref (json);
  job->work.server = self->server;
  job->work.action = pa_job_action_lookup (json_object_get_string_member (json, "action"));
  job->work.params = json_object_ref (json_object_get_object_member (json, "params"));
  job->work.phone_ids = ids_of (json);
  job->work.undo_of = json_object_get_int_member_with_default (json, "undo_of", 0);
  self->running = job;

  json_object_set_string_member (job->json, "state", "running");
  json_object_set_int_member (job->json, "started_at", now_seconds ());
  if (!save (self->server->store, job->json, NULL, &error))
    {
      fail (job, error);
      return;
    }
  g_message ("Job %" G_GINT64_FORMAT " (%s, %u phones) started", job->id,
             job->work.action->name, job->work.phone_ids->len);

  if (pa_job_action_changes_data (job->work.action))
    {
      job->ahead = pa_render_ahead_new (self->server, job->work.phone_ids, self->storing);
      pa_store_run_unit_async (self->server->store, run_unit, job, NULL, self->cancellable,
                               unit_done_cb, job);
    }
  else
    start_pushes (job);
}

/* A unit of work (another's diff, the startup's derive) holds the store:
 * pumped again once it is over. Its cancellable says whether the jobs are
 * still there. */
typedef struct
{
  PaJobs       *jobs;
  GCancellable *cancellable;
} PumpLater;

static void
pump_later_free (PumpLater *later)
{
  g_object_unref (later->cancellable);
  g_free (later);
}

static void
pump_writable_cb (PaStore  *store,
                  gpointer  data)
{
  PumpLater *later = data;

  if (g_cancellable_is_cancelled (later->cancellable))
    return;
  later->jobs->pump_waits = FALSE;
  pump (later->jobs);
}

static gboolean
pump_cb (gpointer user_data)
{
  PaJobs *self = user_data;

  self->pump_id = 0;
  g_clear_handle_id (&self->due_id, g_source_remove);
  pump (self);
  return G_SOURCE_REMOVE;
}

/* Starts the oldest queued job that is due; else waits for the next. */
static void
pump (PaJobs *self)
{
  g_autoptr(GPtrArray) queued = NULL;
  g_autoptr(GError) error = NULL;
  gint64 now = now_seconds (), next_due = 0;

  if (self->running != NULL || self->pump_waits)
    return;
  if (!pa_store_is_writable (self->server->store))
    {
      PumpLater *later = g_new0 (PumpLater, 1);

      later->jobs = self;
      later->cancellable = g_object_ref (self->cancellable);
      self->pump_waits = TRUE;
      pa_store_when_writable (self->server->store, pump_writable_cb, later,
                              (GDestroyNotify) pump_later_free);
      return;
    }
  queued = pa_store_list_jobs (self->server->store, "queued", 0, &error);
  if (queued == NULL)
    {
      g_warning ("Cannot read the queued jobs: %s", error->message);
      return;
    }
  /* Newest first: the oldest due one is the last. */
  for (guint i = queued->len; i > 0; i--)
    {
      g_autoptr(JsonObject) json = from_text (g_ptr_array_index (queued, i - 1), NULL);
      gint64 due = json != NULL ? json_object_get_int_member_with_default (json, "not_before", 0)
                                : 0;

      if (json == NULL)
        continue;
      if (due <= now)
        {
          start (self, json);
          return;
        }
      if (next_due == 0 || due < next_due)
        next_due = due;
    }
  g_clear_handle_id (&self->due_id, g_source_remove);
  if (next_due != 0)
    self->due_id = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, (guint) MIN (next_due - now,
                                                                                G_MAXUINT / 2),
                                               pump_cb, self, NULL);
}

static void
pump_soon (PaJobs *self)
{
  if (self->pump_id == 0)
    self->pump_id = g_idle_add (pump_cb, self);
}

/* -- the API's side ------------------------------------------------------- */

PaJobs *
pa_jobs_new (PaServer  *server,
             GError   **error)
{
  PaJobs *self = g_new0 (PaJobs, 1);
  g_autoptr(GPtrArray) left = NULL;

  self->server = server;
  self->cancellable = g_cancellable_new ();

  left = pa_store_list_jobs (server->store, "running", 0, error);
  if (left == NULL)
    {
      pa_jobs_free (self);
      return NULL;
    }
  for (guint i = 0; i < left->len; i++)
    {
      g_autoptr(JsonObject) json = from_text (g_ptr_array_index (left, i), NULL);
      g_autoptr(JsonObject) why = json_object_new ();

      if (json == NULL)
        continue;
      json_object_set_string_member (why, "message",
                                     pa_job_action_changes_data (pa_job_action_lookup (
                                       json_object_get_string_member (json, "action")))
                                     ? "provd stopped while the job ran; nothing was changed"
                                     : "provd stopped while the job ran; some phones may not "
                                       "have been told");
      json_object_set_null_member (why, "phone_id");
      json_object_set_string_member (json, "state", "failed");
      json_object_set_object_member (json, "error", g_steal_pointer (&why));
      json_object_set_int_member (json, "finished_at", now_seconds ());
      if (!save (server->store, json, NULL, error))
        {
          pa_jobs_free (self);
          return NULL;
        }
      g_message ("Job %" G_GINT64_FORMAT " was cut short by provd's stop: marked failed",
                 json_object_get_int_member (json, "id"));
    }
  pump_soon (self);
  return self;
}

void
pa_jobs_free (PaJobs *self)
{
  if (self == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  /* A unit or pushes under way free their job when they return. */
  if (self->running != NULL)
    self->running->jobs = NULL;
  g_clear_handle_id (&self->due_id, g_source_remove);
  g_clear_handle_id (&self->pump_id, g_source_remove);
  g_clear_pointer (&self->storing, pa_render_ahead_free);
  g_object_unref (self->cancellable);
  g_free (self);
}

/* A new object with the same members: what is set on it is its own.
 * @with_phones FALSE: without "phone_ids" and "results", which are most
 * of a job over many phones. */
static JsonObject *
copy_members (JsonObject *json,
              gboolean    with_phones)
{
  JsonObject *copy = json_object_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, json);
  while (json_object_iter_next (&iter, &name, &value))
    if (with_phones || (!g_str_equal (name, "phone_ids") && !g_str_equal (name, "results")))
      json_object_set_member (copy, name, json_node_copy (value));
  return copy;
}

/* The stored job, with what is derived when it is shown. */
static JsonObject *
shown_as (PaJobs     *self,
          JsonObject *json,
          gboolean    with_phones)
{
  const char *state = json_object_get_string_member (json, "state");
  const PaJobAction *action = pa_job_action_lookup (json_object_get_string_member (json, "action"));
  gint64 total = json_array_get_length (json_object_get_array_member (json, "phone_ids"));
  gint64 done = 0;

  if (self->running != NULL && self->running->id == json_object_get_int_member (json, "id"))
    {
      json = self->running->json;
      state = "running";
      done = g_atomic_int_get (&self->running->work.done);
    }
  else if (g_str_equal (state, "succeeded"))
    done = total;
  json = copy_members (json, with_phones);
  json_object_set_string_member (json, "state", state);
  json_object_set_int_member (json, "total", total);
  json_object_set_int_member (json, "done", done);
  json_object_set_boolean_member (json, "undoable",
                                  action != NULL && action->undoable &&
                                  g_str_equal (state, "succeeded") &&
                                  json_object_get_int_member_with_default (json, "undone_by", 0)
                                  == 0);
  return json;
}

static JsonObject *
shown (PaJobs     *self,
       JsonObject *json)
{
  return shown_as (self, json, TRUE);
}

static JsonObject *
load (PaJobs  *self,
      gint64   id,
      GError **error)
{
  g_autofree char *text = pa_store_get_job (self->server->store, id, NULL, error);

  return text != NULL ? from_text (text, error) : NULL;
}

JsonObject *
pa_jobs_get (PaJobs   *self,
             gint64    id,
             gboolean  with_phones,
             GError  **error)
{
  g_autoptr(JsonObject) json = NULL;

  /* The running job is in memory: a progress poll neither reads the
   * store nor parses 100,000 phone ids. */
  if (self->running != NULL && self->running->id == id)
    json = json_object_ref (self->running->json);
  else
    json = load (self, id, error);
  return json != NULL ? shown_as (self, json, with_phones) : NULL;
}

JsonArray *
pa_jobs_list (PaJobs  *self,
              GError **error)
{
  g_autoptr(GPtrArray) texts = pa_store_list_jobs (self->server->store, NULL, LISTED_JOBS, error);
  g_autoptr(JsonArray) items = json_array_new ();

  if (texts == NULL)
    return NULL;
  for (guint i = 0; i < texts->len; i++)
    {
      g_autoptr(JsonObject) json = from_text (g_ptr_array_index (texts, i), NULL);
      JsonObject *item;

      if (json == NULL)
        continue;
      /* A listing says what each job is; its phones are read one by one. */
      item = shown_as (self, json, FALSE);
      json_array_add_object_element (items, item);
    }
  return g_steal_pointer (&items);
}

static JsonObject *
enqueue (PaJobs             *self,
         const PaJobAction  *action,
         JsonObject         *params,
         JsonArray          *phone_ids,
         gint64              not_before,
         gint64              undo_of,
         GError            **error)
{
  g_autoptr(JsonObject) json = json_object_new ();
  g_autofree char *text = NULL;
  gint64 id;

  json_object_set_string_member (json, "action", action->name);
  json_object_set_object_member (json, "params", json_object_ref (params));
  json_object_set_array_member (json, "phone_ids", json_array_ref (phone_ids));
  json_object_set_string_member (json, "state", "queued");
  json_object_set_int_member (json, "created_at", now_seconds ());
  if (not_before > 0)
    json_object_set_int_member (json, "not_before", not_before);
  else
    json_object_set_null_member (json, "not_before");
  json_object_set_null_member (json, "started_at");
  json_object_set_null_member (json, "finished_at");
  json_object_set_null_member (json, "error");
  json_object_set_array_member (json, "results", json_array_new ());
  json_object_set_null_member (json, "affected_phones");
  if (undo_of != 0)
    json_object_set_int_member (json, "undo_of", undo_of);
  else
    json_object_set_null_member (json, "undo_of");
  json_object_set_null_member (json, "undone_by");

  text = to_text (json);
  id = pa_store_insert_job (self->server->store, "queued", text, error);
  if (id < 0)
    return NULL;
  json_object_set_int_member (json, "id", id);
  if (!save (self->server->store, json, NULL, error))
    return NULL;
  g_message ("Job %" G_GINT64_FORMAT " (%s, %u phones) queued", id, action->name,
             json_array_get_length (phone_ids));
  pump_soon (self);
  return shown (self, json);
}

static JsonArray *
ids_to_json (GArray *ids)
{
  JsonArray *array = json_array_sized_new (ids->len);

  for (guint i = 0; i < ids->len; i++)
    json_array_add_int_element (array, g_array_index (ids, gint64, i));
  return array;
}

JsonObject *
pa_jobs_submit (PaJobs        *self,
                PaApiRequest  *req,
                JsonObject    *request,
                GError       **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonArray) phone_ids = NULL;
  const PaJobAction *action;
  gint64 not_before = 0;

  action = pa_job_action_parse (req, request, &ids, &params, &not_before, error);
  if (action == NULL)
    return NULL;
  phone_ids = ids_to_json (ids);
  return enqueue (self, action, params, phone_ids, not_before, 0, error);
}

JsonObject *
pa_jobs_cancel (PaJobs  *self,
                gint64   id,
                GError **error)
{
  g_autoptr(JsonObject) json = load (self, id, error);

  if (json == NULL)
    return NULL;
  if (!g_str_equal (json_object_get_string_member (json, "state"), "queued"))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, NULL,
                         "Job %" G_GINT64_FORMAT " is %s; only a job that has not started can be "
                         "cancelled", id, json_object_get_string_member (json, "state"));
      return NULL;
    }
  json_object_set_string_member (json, "state", "cancelled");
  json_object_set_int_member (json, "finished_at", now_seconds ());
  if (!save (self->server->store, json, NULL, error))
    return NULL;
  g_message ("Job %" G_GINT64_FORMAT " cancelled", id);
  return shown (self, json);
}

/* An undo of @id that is queued or running. */
static gboolean
undo_pending (PaJobs  *self,
              gint64   id,
              GError **error)
{
  const char *states[] = { "queued", "running" };

  for (guint s = 0; s < G_N_ELEMENTS (states); s++)
    {
      g_autoptr(GPtrArray) texts = pa_store_list_jobs (self->server->store, states[s], 0, error);

      if (texts == NULL)
        return TRUE;
      for (guint i = 0; i < texts->len; i++)
        {
          g_autoptr(JsonObject) json = from_text (g_ptr_array_index (texts, i), NULL);

          if (json != NULL && json_object_get_int_member_with_default (json, "undo_of", 0) == id)
            {
              pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, NULL,
                                 "Job %" G_GINT64_FORMAT " is being undone already (job %"
                                 G_GINT64_FORMAT ")", id, json_object_get_int_member (json, "id"));
              return TRUE;
            }
        }
    }
  return FALSE;
}

JsonObject *
pa_jobs_undo (PaJobs  *self,
              gint64   id,
              GError **error)
{
  g_autoptr(JsonObject) json = load (self, id, error);
  g_autoptr(JsonObject) now = NULL;
  g_autoptr(JsonObject) params = json_object_new ();

  if (json == NULL)
    return NULL;
  now = shown (self, json);
  if (json_object_get_int_member_with_default (now, "undone_by", 0) != 0)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, NULL,
                         "Job %" G_GINT64_FORMAT " was undone already (job %" G_GINT64_FORMAT ")",
                         id, json_object_get_int_member (now, "undone_by"));
      return NULL;
    }
  if (!json_object_get_boolean_member (now, "undoable"))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, NULL,
                         "Job %" G_GINT64_FORMAT " (%s, %s) cannot be undone", id,
                         json_object_get_string_member (now, "action"),
                         json_object_get_string_member (now, "state"));
      return NULL;
    }
  if (undo_pending (self, id, error))
    return NULL;
  return enqueue (self, pa_job_action_undo (), params,
                  json_object_get_array_member (json, "phone_ids"), 0, id, error);
}

/* -- the diff ------------------------------------------------------------- */

typedef struct
{
  Work        work;
  JsonObject *answer;
} Diff;

static void
diff_free (Diff *diff)
{
  g_clear_pointer (&diff->work.params, json_object_unref);
  g_clear_pointer (&diff->work.phone_ids, g_array_unref);
  g_clear_pointer (&diff->answer, json_object_unref);
  g_free (diff);
}

/* The first phones' files before, the change made, their files after,
 * the change rolled back. */
static gboolean
diff_unit (PaStore       *unit,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Diff *diff = data;
  PaServer *server = diff->work.server;
  g_autoptr(PaDerive) derive = pa_derive_new (server, unit);
  g_autoptr(JsonObject) extra = json_object_new ();
  PaApiRequest req = { server, unit, NULL, extra, NULL, NULL, FALSE };
  guint n_shown = MIN (diff->work.phone_ids->len, PA_API_DIFF_SHOWN);
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonArray) answer_phones = json_array_new ();
  gboolean ok;

  for (guint i = 0; i < n_shown; i++)
    {
      PaPhone *phone = NULL;
      GHashTable *files = pa_api_diff_render (server, unit,
                                              g_array_index (diff->work.phone_ids, gint64, i),
                                              &phone, error);

      if (files == NULL)
        return FALSE;
      g_ptr_array_add (before, files);
      g_ptr_array_add (phones, phone);
    }

  if (!pa_store_begin (unit, error))
    return FALSE;
  ok = change_phones (&diff->work, &req, NULL, cancellable, error);
  for (guint i = 0; ok && i < n_shown; i++)
    {
      gint64 id = g_array_index (diff->work.phone_ids, gint64, i);
      g_autoptr(PaPhone) now = NULL;
      g_autoptr(GHashTable) after = pa_api_diff_render (server, unit, id, &now, error);
      PaPhone *phone = g_ptr_array_index (phones, i) != NULL ? g_ptr_array_index (phones, i) : now;

      ok = after != NULL;
      if (ok && phone != NULL)
        json_array_add_object_element (answer_phones,
                                       pa_api_diff_phone (id, phone, g_ptr_array_index (before, i),
                                                          after));
    }
  pa_store_rollback (unit);
  if (!ok)
    {
      name_phone (error, NULL, diff->work.failed_phone);
      return FALSE;
    }

  diff->answer = json_object_new ();
  json_object_set_int_member (diff->answer, "affected_phones", diff->work.phone_ids->len);
  json_object_set_int_member (diff->answer, "more",
                              diff->work.phone_ids->len - json_array_get_length (answer_phones));
  json_object_set_array_member (diff->answer, "phones", g_steal_pointer (&answer_phones));
  return TRUE;
}

static void
diff_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Diff *diff = g_task_get_task_data (task);
  GError *error = NULL;

  if (!pa_store_run_unit_finish (PA_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, json_object_ref (diff->answer),
                           (GDestroyNotify) json_object_unref);
}

void
pa_jobs_diff_async (PaJobs              *self,
                    PaApiRequest        *req,
                    JsonObject          *request,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GError) error = NULL;
  Diff *diff = g_new0 (Diff, 1);
  gint64 not_before;

  g_task_set_source_tag (task, pa_jobs_diff_async);
  g_task_set_task_data (task, diff, (GDestroyNotify) diff_free);
  diff->work.server = self->server;
  diff->work.action = pa_job_action_parse (req, request, &diff->work.phone_ids,
                                           &diff->work.params, &not_before, &error);
  if (diff->work.action == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!pa_job_action_changes_data (diff->work.action))
    {
      /* Nothing a phone fetches changes: the diff is empty. */
      diff->answer = json_object_new ();
      json_object_set_int_member (diff->answer, "affected_phones", 0);
      json_object_set_int_member (diff->answer, "more", 0);
      json_object_set_array_member (diff->answer, "phones", json_array_new ());
      g_task_return_pointer (task, json_object_ref (diff->answer),
                             (GDestroyNotify) json_object_unref);
      return;
    }
  /* @diff is the task's: the task outlives the unit. */
  pa_store_run_unit_async (self->server->store, diff_unit, diff, NULL, cancellable,
                           diff_done_cb, g_object_ref (task));
}

JsonObject *
pa_jobs_diff_finish (PaJobs        *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
