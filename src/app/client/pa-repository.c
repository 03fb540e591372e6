/* pa-repository.c — the app's data: one shared GListStore per kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-repository"

#include "config.h"

#include "pa-bench-trace.h"
#include "pa-repository-private.h"

G_DEFINE_FINAL_TYPE (PaRepository, pa_repository, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_LOADING,
  PROP_LAST_ERROR,
  PROP_PUBLIC_URL,
  PROP_CATALOG,
  PROP_FOLLOWING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_DISCOVERED_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------- */
/* Small helpers */

int
pa_repository_kind_for_type (GType type)
{
  guint n;
  const PaResourceKind *kinds = pa_resource_kinds (&n);
  int index = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!kinds[i].many)
        continue;
      if (kinds[i].get_type () == type)
        return index;
      index++;
    }
  return -1;
}

static void
set_last_error (PaRepository *self,
                const GError *error)
{
  if (self->last_error == NULL && error == NULL)
    return;

  g_clear_error (&self->last_error);
  if (error != NULL)
    self->last_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
loading_hold (PaRepository *self)
{
  if (self->n_loading++ == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
loading_release (PaRepository *self)
{
  g_return_if_fail (self->n_loading > 0);

  if (--self->n_loading == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}
/* ---------------------------------------------------------------------- */
/* GObject */

static void
pa_repository_dispose (GObject *object)
{
  PaRepository *self = PA_REPOSITORY (object);

  pa_repository_changes_dispose (self);
  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (pa_repository_parent_class)->dispose (object);
}

static void
pa_repository_finalize (GObject *object)
{
  PaRepository *self = PA_REPOSITORY (object);

  for (guint i = 0; i < N_KINDS; i++)
    {
      g_clear_pointer (&self->kinds[i].by_id, g_hash_table_unref);
      g_clear_object (&self->kinds[i].store);
    }
  g_clear_object (&self->client);
  g_clear_object (&self->cancellable);
  g_clear_error (&self->last_error);
  g_clear_pointer (&self->public_url, g_free);

  G_OBJECT_CLASS (pa_repository_parent_class)->finalize (object);
}

static void
pa_repository_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PaRepository *self = PA_REPOSITORY (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->n_loading > 0);
      break;
    case PROP_LAST_ERROR:
      g_value_set_boxed (value, self->last_error);
      break;
    case PROP_PUBLIC_URL:
      g_value_set_string (value, self->public_url);
      break;
    case PROP_CATALOG:
      g_value_set_object (value, pa_catalog_get_default ());
      break;
    case PROP_FOLLOWING:
      g_value_set_boolean (value, self->stream != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_repository_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PaRepository *self = PA_REPOSITORY (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_repository_class_init (PaRepositoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pa_repository_dispose;
  object_class->finalize = pa_repository_finalize;

  /* The server's list of discovered phones changed (GET /api/v1/discovered
   * says how): a phone turned up, was ignored or adopted. */
  signals[SIGNAL_DISCOVERED_CHANGED] =
    g_signal_new ("discovered-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  object_class->get_property = pa_repository_get_property;
  object_class->set_property = pa_repository_set_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, PA_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_boxed ("last-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLIC_URL] =
    g_param_spec_string ("public-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The device catalog in use: the server's once the first full refresh
   * read it (pa_catalog_get_default() then returns it too). */
  properties[PROP_CATALOG] =
    g_param_spec_object ("catalog", NULL, NULL, PA_TYPE_CATALOG,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWING] =
    g_param_spec_boolean ("following", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

void
pa_repository_notify_following (PaRepository *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWING]);
}

static void
pa_repository_init (PaRepository *self)
{
  guint n;
  const PaResourceKind *kinds = pa_resource_kinds (&n);
  guint kept = 0;

  for (guint i = 0; i < n; i++)
    if (kinds[i].many)
      {
        g_assert (kept < N_KINDS);
        self->kinds[kept++].type = kinds[i].get_type ();
      }
  g_assert (kept == N_KINDS);

  for (guint i = 0; i < N_KINDS; i++)
    {
      self->kinds[i].store = g_list_store_new (self->kinds[i].type);
      self->kinds[i].by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    }
  self->cancellable = g_cancellable_new ();
  self->applied_seq = -1;
}

PaRepository *
pa_repository_new (PaClient *client)
{
  g_return_val_if_fail (PA_IS_CLIENT (client), NULL);

  return g_object_new (PA_TYPE_REPOSITORY, "client", client, NULL);
}

PaClient *
pa_repository_get_client (PaRepository *self)
{
  g_return_val_if_fail (PA_IS_REPOSITORY (self), NULL);
  return self->client;
}

#define STORE_GETTER(func, type)                                    \
  GListModel *                                                      \
  func (PaRepository *self)                                         \
  {                                                                 \
    return pa_repository_get_store (self, type);                    \
  }

STORE_GETTER (pa_repository_get_phones, PA_TYPE_PHONE)
STORE_GETTER (pa_repository_get_agents, PA_TYPE_AGENT)
STORE_GETTER (pa_repository_get_sip_accounts, PA_TYPE_SIP_ACCOUNT)
STORE_GETTER (pa_repository_get_layouts, PA_TYPE_LAYOUT)
STORE_GETTER (pa_repository_get_module_layouts, PA_TYPE_MODULE_LAYOUT)
STORE_GETTER (pa_repository_get_profiles, PA_TYPE_PROFILE)
STORE_GETTER (pa_repository_get_firmware, PA_TYPE_FIRMWARE)

GListModel *
pa_repository_get_store (PaRepository *self,
                         GType         type)
{
  int kind;

  g_return_val_if_fail (PA_IS_REPOSITORY (self), NULL);

  kind = pa_repository_kind_for_type (type);
  return kind < 0 ? NULL : G_LIST_MODEL (self->kinds[kind].store);
}

gboolean
pa_repository_get_loading (PaRepository *self)
{
  g_return_val_if_fail (PA_IS_REPOSITORY (self), FALSE);
  return self->n_loading > 0;
}

const GError *
pa_repository_get_last_error (PaRepository *self)
{
  g_return_val_if_fail (PA_IS_REPOSITORY (self), NULL);
  return self->last_error;
}

const char *
pa_repository_get_public_url (PaRepository *self)
{
  g_return_val_if_fail (PA_IS_REPOSITORY (self), NULL);
  return self->public_url;
}

PaResource *
pa_repository_find (PaRepository *self,
                    GType         type,
                    gint64        id)
{
  int kind;

  g_return_val_if_fail (PA_IS_REPOSITORY (self), NULL);

  kind = pa_repository_kind_for_type (type);
  if (kind < 0 || id <= 0)
    return NULL;
  return g_hash_table_lookup (self->kinds[kind].by_id, &id);
}

PaPhone *
pa_repository_find_phone_by_mac (PaRepository *self,
                                 const char   *normalized_mac)
{
  GListModel *phones;
  guint n;

  g_return_val_if_fail (PA_IS_REPOSITORY (self), NULL);

  if (normalized_mac == NULL || *normalized_mac == '\0')
    return NULL;

  phones = pa_repository_get_phones (self);
  n = g_list_model_get_n_items (phones);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (phones, i);
      const char *mac = pa_phone_get_mac (phone);

      if (mac != NULL && g_ascii_strcasecmp (mac, normalized_mac) == 0)
        return phone;   /* the store keeps it alive */
    }
  return NULL;
}

char *
pa_repository_get_setup_link (PaRepository *self,
                              PaPhone      *phone)
{
  const char *token;

  g_return_val_if_fail (PA_IS_REPOSITORY (self), NULL);
  g_return_val_if_fail (PA_IS_PHONE (phone), NULL);

  token = pa_phone_get_token (phone);
  if (self->public_url == NULL || token == NULL || *token == '\0')
    return NULL;
  return g_strdup_printf ("%sp/%s/", self->public_url, token);
}

/* ---------------------------------------------------------------------- */
/* Refresh: list some kinds (and the server info), merge only when all came */

typedef struct
{
  guint       kinds;                 /* KIND_BIT mask */
  guint       generations[N_KINDS];  /* at the start */
  GPtrArray  *results[N_KINDS];
  JsonObject *info;
  gboolean    want_info;
  PaCatalog  *catalog;               /* the server's, once per repository */
  guint       pending;
  GError     *error;                 /* the first one */
  gboolean    full;                  /* counts in n_refreshing */
  PaMergeJob *jobs[N_KINDS];         /* merging, a slice per main-loop turn */
} RefreshData;

/* How long one slice of merging a listing may hold the main loop. */
#define MERGE_SLICE_MS 20

static void
refresh_data_free (RefreshData *data)
{
  for (guint i = 0; i < N_KINDS; i++)
    {
      g_clear_pointer (&data->results[i], g_ptr_array_unref);
      g_clear_pointer (&data->jobs[i], pa_merge_job_free);
    }
  g_clear_pointer (&data->info, json_object_unref);
  g_clear_object (&data->catalog);
  g_clear_error (&data->error);
  g_free (data);
}

static void
set_public_url (PaRepository *self,
                JsonObject   *info)
{
  const char *url = json_object_get_string_member_with_default (info, "public_url", NULL);
  g_autofree char *normalized = NULL;

  if (url == NULL || *url == '\0')
    url = json_object_get_string_member_with_default (info, "url", NULL);
  if (url == NULL || *url == '\0')
    url = pa_client_get_base_url (self->client);

  normalized = g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
  if (g_strcmp0 (normalized, self->public_url) == 0)
    return;

  g_free (self->public_url);
  self->public_url = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLIC_URL]);
}

/* Merges until the slice is used up; TRUE when every kind is in. A kind
 * that something newer touched meanwhile (a save, the change stream) stops
 * where it is: the rest of the listing is older than that. */
static gboolean
merge_slice (GTask *task)
{
  PaRepository *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  gint64 deadline = g_get_monotonic_time () + MERGE_SLICE_MS * 1000;

  for (guint i = 0; i < N_KINDS; i++)
    {
      if (data->jobs[i] == NULL)
        continue;
      if (data->generations[i] == self->kinds[i].generation &&
          !pa_merge_job_step (data->jobs[i], deadline))
        return FALSE;
      g_clear_pointer (&data->jobs[i], pa_merge_job_free);
    }
  return TRUE;
}

static void refresh_merged (GTask *task);

static gboolean
merge_slice_cb (gpointer user_data)
{
  GTask *task = user_data;

  if (!merge_slice (task))
    return G_SOURCE_CONTINUE;
  refresh_merged (task);
  return G_SOURCE_REMOVE;
}

static void
refresh_complete (GTask *task)
{
  PaRepository *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);

  if (data->full)
    self->n_refreshing--;

  if (data->error != NULL)
    {
      /* Nothing merged: a half-updated set (phones without their agents)
       * would be worse than the old one. */
      if (!g_error_matches (data->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_last_error (self, data->error);
      loading_release (self);
      g_task_return_error (task, g_steal_pointer (&data->error));
      return;
    }

  if (data->info != NULL)
    set_public_url (self, data->info);
  /* Before the merge: rows and editors made for the new resources name
   * models the server knows. */
  if (data->catalog != NULL)
    {
      self->have_catalog = TRUE;
      if (!pa_catalog_equal (data->catalog, pa_catalog_get_default ()))
        {
          pa_catalog_set_default (data->catalog);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATALOG]);
        }
    }

  for (guint i = 0; i < N_KINDS; i++)
    {
      /* A save or delete since the list was asked for is newer than it. */
      if (data->results[i] != NULL && data->generations[i] == self->kinds[i].generation)
        data->jobs[i] = pa_merge_job_new (&self->kinds[i], data->results[i]);
    }

  /* Thousands of rows go in a slice at a time, the main loop turning in
   * between, so the window never stalls on a large listing. Above
   * redrawing, below input: where a frame takes longer than a frame's
   * time (GL in software, a spinner on screen), a slice at idle priority
   * never ran again, and 100,000 phones never showed. Input still goes
   * first; a frame waits for the merge (60 ms for 200,000 rows here). */
  if (!merge_slice (task))
    {
      GSource *idle = g_idle_source_new ();

      g_source_set_name (idle, "[phoneadmin] merge listing");
      g_source_set_priority (idle, G_PRIORITY_HIGH_IDLE);
      g_source_set_callback (idle, merge_slice_cb, g_object_ref (task), g_object_unref);
      g_source_attach (idle, g_main_context_get_thread_default ());
      g_source_unref (idle);
      return;
    }
  refresh_merged (task);
}

/* All merged: what a finished refresh says. */
static void
refresh_merged (GTask *task)
{
  PaRepository *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);

  PA_BENCH_TRACE ("repository-merged");
  /* Only a full refresh vouches for everything; a follow-up of a save
   * leaves an older failure standing. */
  if (data->full)
    set_last_error (self, NULL);
  if (data->full && data->info != NULL)
    pa_repository_changes_loaded (self, json_object_get_int_member_with_default (data->info,
                                                                                 "changes_last",
                                                                                 -1));
  loading_release (self);
  g_task_return_boolean (task, TRUE);
}

typedef struct
{
  GTask *task;
  Kind   kind;
} ListCall;

static void refresh_lists_start (GTask *task);

static void
refresh_part_done (GTask  *task,
                   GError *error)
{
  RefreshData *data = g_task_get_task_data (task);

  if (error != NULL && data->error == NULL)
    data->error = g_error_copy (error);
  if (--data->pending == 0)
    refresh_complete (task);
}

static void
refresh_list_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ListCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->results[call->kind] = pa_client_list_finish (PA_CLIENT (source), result, &error);
  g_free (call);
  refresh_part_done (task, error);
}

static void
refresh_catalog_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->catalog = pa_client_get_catalog_finish (PA_CLIENT (source), result, &error);
  /* A server without one, or with one the app cannot read, leaves the
   * app's own: not a reason to show nothing. Any other failure (the
   * network, the token) is the refresh's. */
  if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_PROTOCOL) ||
      g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND))
    {
      g_message ("Using the built-in device catalog: %s", error->message);
      g_clear_error (&error);
    }
  refresh_part_done (task, error);
}

static void
refresh_info_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->info = pa_client_get_info_finish (PA_CLIENT (source), result, &error);
  if (error == NULL)
    refresh_lists_start (task);
  refresh_part_done (task, error);
}

/* The lists (and the catalog) in parallel. */
static void
refresh_lists_start (GTask *task)
{
  PaRepository *self = g_task_get_source_object (task);
  RefreshData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  /* Hold the count up until every request is out, so a request that fails
   * at once cannot complete the task early. */
  data->pending++;
  for (guint i = 0; i < N_KINDS; i++)
    {
      ListCall *call;

      if (!(data->kinds & KIND_BIT (i)))
        continue;

      data->generations[i] = self->kinds[i].generation;
      data->pending++;
      call = g_new0 (ListCall, 1);
      call->task = g_object_ref (task);
      call->kind = i;
      pa_client_list_async (self->client, self->kinds[i].type, NULL, cancellable,
                            refresh_list_cb, call);
    }
  if (data->full && !self->have_catalog)
    {
      data->pending++;
      pa_client_get_catalog_async (self->client, cancellable, refresh_catalog_cb,
                                   g_object_ref (task));
    }
  refresh_part_done (task, NULL);
}

/* GET /api/v1 when @want_info, then lists the kinds in @kinds in parallel;
 * @full marks a refresh of everything, which also says where the change
 * log stands (pa_repository_changes_loaded()). */
static void
refresh_start (PaRepository        *self,
               guint                kinds,
               gboolean             want_info,
               gboolean             full,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  RefreshData *data = g_new0 (RefreshData, 1);

  g_task_set_source_tag (task, refresh_start);
  g_task_set_task_data (task, data, (GDestroyNotify) refresh_data_free);
  data->kinds = kinds;
  data->full = full;
  data->want_info = want_info;

  loading_hold (self);
  if (full)
    self->n_refreshing++;

  /* The info first: it says where the change log stands, which must be
   * read before the lists so they are at least that new. */
  if (want_info)
    {
      data->pending = 1;
      pa_client_get_info_async (self->client, cancellable, refresh_info_cb, g_object_ref (task));
      return;
    }
  refresh_lists_start (task);
}

void
pa_repository_refresh_async (PaRepository        *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (PA_IS_REPOSITORY (self));

  /* The server info too: its public URL is a setting now, and setup links
   * must follow it. */
  refresh_start (self, ALL_KINDS, TRUE, TRUE, cancellable, callback,
                 user_data);
}

gboolean
pa_repository_refresh_finish (PaRepository  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------- */
/* Save and delete */

/* What else a change of @kind touches on the server. */
static guint
followup_kinds (GType    type,
                gboolean created)
{
  /* Assignment moves the agent's routing; a new phone may get a new SIP
   * account, a deleted one may take its account along. */
  if (type == PA_TYPE_PHONE)
    return KIND_BIT (pa_repository_kind_for_type (PA_TYPE_AGENT)) |
           KIND_BIT (pa_repository_kind_for_type (PA_TYPE_SIP_ACCOUNT));
  /* Phones that use a changed one have new files: a new fingerprint,
   * perhaps a new reason to need attention. Nothing uses a new one. */
  return created ? 0 : KIND_BIT (pa_repository_kind_for_type (PA_TYPE_PHONE));
}

typedef struct
{
  Kind        kind;
  gint64      id;
  JsonObject *extra;
  PaResource *stored;
} ChangeData;

static void
change_data_free (ChangeData *data)
{
  g_clear_pointer (&data->extra, json_object_unref);
  g_clear_object (&data->stored);
  g_free (data);
}

static void
change_return (GTask *task)
{
  ChangeData *data = g_task_get_task_data (task);

  if (data->stored != NULL)
    g_task_return_pointer (task, g_object_ref (data->stored), g_object_unref);
  else
    g_task_return_boolean (task, TRUE);
}

static void
followup_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  /* The change itself is done; a failed follow-up only leaves last-error
   * (set by the refresh) and older rows until the next refresh. */
  pa_repository_refresh_finish (PA_REPOSITORY (source), result, NULL);
  change_return (task);
}

static void
caught_up_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  pa_repository_catch_up_finish (PA_REPOSITORY (source), result);
  change_return (task);
}

static void
change_done (GTask    *task,
             gboolean  created)
{
  PaRepository *self = g_task_get_source_object (task);
  ChangeData *data = g_task_get_task_data (task);
  guint kinds = followup_kinds (self->kinds[data->kind].type, created);

  loading_release (self);
  /* Following the log, what the write changed on the server (its
   * cascades too) is read from the log, not listed again. */
  if (pa_repository_changes_followed (self))
    pa_repository_catch_up_async (self, g_task_get_cancellable (task), caught_up_cb,
                                  g_object_ref (task));
  else if (kinds != 0)
    refresh_start (self, kinds, FALSE, FALSE, g_task_get_cancellable (task), followup_cb,
                   g_object_ref (task));
  else
    change_return (task);
}

static void
save_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PaRepository *self = g_task_get_source_object (task);
  ChangeData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) fresh = NULL;
  gboolean created = data->id == 0;

  if (created)
    fresh = pa_client_create_finish (PA_CLIENT (source), result, &data->extra, &error);
  else
    fresh = pa_client_update_finish_full (PA_CLIENT (source), result, &data->extra, &error);

  if (fresh == NULL)
    {
      /* Someone deleted it meanwhile: the row should not stay. */
      if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND))
        {
          pa_kind_store_remove_one (&self->kinds[data->kind], data->id);
          self->kinds[data->kind].generation++;
        }
      loading_release (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->kinds[data->kind].generation++;
  data->stored = g_object_ref (pa_kind_store_merge_one (&self->kinds[data->kind], fresh));
  change_done (task, created);
}

void
pa_repository_save_async (PaRepository        *self,
                          PaResource          *resource,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task;
  ChangeData *data;
  int kind;

  g_return_if_fail (PA_IS_REPOSITORY (self));
  g_return_if_fail (PA_IS_RESOURCE (resource));

  kind = pa_repository_kind_for_type (G_OBJECT_TYPE (resource));
  g_return_if_fail (kind >= 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_repository_save_async);
  data = g_new0 (ChangeData, 1);
  data->kind = kind;
  data->id = pa_resource_get_id (resource);
  g_task_set_task_data (task, data, (GDestroyNotify) change_data_free);

  loading_hold (self);
  if (data->id == 0)
    pa_client_create_async (self->client, resource, cancellable, save_cb, task);
  else
    pa_client_update_async (self->client, resource, cancellable, save_cb, task);
}

PaResource *
pa_repository_save_finish (PaRepository  *self,
                           GAsyncResult  *result,
                           JsonObject   **extra,
                           GError       **error)
{
  PaResource *stored;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  stored = g_task_propagate_pointer (G_TASK (result), error);
  if (extra != NULL)
    {
      ChangeData *data = g_task_get_task_data (G_TASK (result));

      *extra = (stored != NULL && data->extra != NULL) ? json_object_ref (data->extra) : NULL;
    }
  return stored;
}

static void
delete_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PaRepository *self = g_task_get_source_object (task);
  ChangeData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  /* Already gone is what the user wanted. */
  if (!pa_client_delete_finish (PA_CLIENT (source), result, &error)
      && !g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_NOT_FOUND))
    {
      loading_release (self);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  self->kinds[data->kind].generation++;
  pa_kind_store_remove_one (&self->kinds[data->kind], data->id);
  change_done (task, FALSE);
}

void
pa_repository_delete_async (PaRepository        *self,
                            PaResource          *resource,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  ChangeData *data;
  int kind;

  g_return_if_fail (PA_IS_REPOSITORY (self));
  g_return_if_fail (PA_IS_RESOURCE (resource));
  g_return_if_fail (pa_resource_get_id (resource) > 0);

  kind = pa_repository_kind_for_type (G_OBJECT_TYPE (resource));
  g_return_if_fail (kind >= 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_repository_delete_async);
  data = g_new0 (ChangeData, 1);
  data->kind = kind;
  data->id = pa_resource_get_id (resource);
  g_task_set_task_data (task, data, (GDestroyNotify) change_data_free);

  loading_hold (self);
  pa_client_delete_async (self->client, resource, cancellable, delete_cb, task);
}

gboolean
pa_repository_delete_finish (PaRepository  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
pa_repository_emit_discovered_changed (PaRepository *self)
{
  g_signal_emit (self, signals[SIGNAL_DISCOVERED_CHANGED], 0);
}
