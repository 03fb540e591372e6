/* pa-fingerprints.c — step 4 of the config pipeline: each phone's
 * fingerprint, kept current by the store's observer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Before a transaction commits, the store says what it wrote. The phones
 * whose recorded inputs include one of those (pa_store_list_phones_reading,
 * the reverse index), and any phone written itself, are gathered again:
 * their inputs and fingerprint are recorded in the same transaction, and
 * the ones whose fingerprint changed are "affected". Once it commits, their
 * cached files are dropped. No handler decides which phones an edit
 * touches; a new kind of input only has to be read in pa_gather().
 */
#define G_LOG_DOMAIN "pa-fingerprints"

#include "config.h"

#include <string.h>

#include "pa-gather.h"
#include "pa-server-private.h"
#include "pa-token.h"

/* A settings change that reaches this many phones records them on a unit
 * of work after it commits (~200 µs a phone on the main loop otherwise). */
#define PA_DERIVE_LATER_AT 1000

void
pa_generated_password_free (PaGeneratedPassword *made)
{
  if (made == NULL)
    return;
  memset (made->password, 0, strlen (made->password));
  g_free (made->password);
  g_free (made);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static void
sort_unique (GArray *ids)
{
  guint kept = 0;

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (kept == 0 || g_array_index (ids, gint64, kept - 1) != g_array_index (ids, gint64, i))
      g_array_index (ids, gint64, kept++) = g_array_index (ids, gint64, i);
  g_array_set_size (ids, kept);
}

/* Gathers the phone again and records its inputs if they changed. A phone
 * that is gone (deleted in this transaction) has nothing to record. */
static gboolean
derive_phone (PaDerive      *derive,
              PaGatherMemo  *memo,
              gint64         phone_id,
              gboolean      *changed,
              GError       **error)
{
  PaServer *self = derive->server;
  PaStore *store = derive->store;
  g_autoptr(PaResource) phone = NULL;
  g_autoptr(GArray) inputs = pa_config_inputs_new ();
  g_autoptr(PaRenderContext) ctx = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *fingerprint = NULL;
  g_auto(GStrv) attention = NULL;

  *changed = FALSE;
  phone = pa_store_get (store, PA_TYPE_PHONE, phone_id, &local_error);
  if (phone == NULL && g_error_matches (local_error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
    return TRUE;
  if (phone == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A phone whose files cannot be made (a model the catalog lacks) still
   * has inputs: what was read before it stopped. */
  ctx = pa_gather (self, PA_PHONE (phone), PA_GATHER_FILES, memo, inputs, &local_error);
  if (ctx == NULL && local_error->domain != PA_RENDER_ERROR)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A policy that wants a generated admin password gets one, once: made
   * here, where every phone whose inputs changed passes. */
  if (ctx != NULL && ctx->admin_password == NULL &&
      pa_phone_effective_admin_password_mode (PA_PHONE (phone), ctx->profile)
      == PA_ADMIN_PASSWORD_GENERATED)
    {
      g_autofree char *password = pa_token_generate_password (error);
      PaGeneratedPassword *made;

      if (password == NULL ||
          !pa_store_set_generated_admin_password (store, phone_id, password, error))
        return FALSE;
      pa_config_inputs_add (inputs, PA_INPUT_ADMIN_PASSWORD, phone_id,
                            pa_config_inputs_revision_of (password));
      made = g_new0 (PaGeneratedPassword, 1);
      made->phone_id = phone_id;
      made->password = g_steal_pointer (&password);
      g_ptr_array_add (derive->generated, made);
    }

  /* Its own HTTP password for its setup link: made once when http_auth
   * asks for one, dropped with http_auth (turned on again, the phone starts
   * without one, so nothing is asked of it before it has the new one). */
  if (ctx != NULL && pa_phone_get_http_auth (PA_PHONE (phone)) && ctx->http_password == NULL)
    {
      g_autofree char *password = pa_token_generate_password (error);

      if (password == NULL ||
          !pa_store_set_http_credentials (store, phone_id, password, 0, error))
        return FALSE;
      pa_config_inputs_add (inputs, PA_INPUT_HTTP_PASSWORD, phone_id,
                            pa_config_inputs_revision_of (password));
    }
  else if (ctx != NULL && !pa_phone_get_http_auth (PA_PHONE (phone)))
    {
      g_autoptr(GError) read_error = NULL;
      g_autofree char *stale = pa_store_get_http_credentials (store, phone_id, NULL,
                                                              &read_error);

      if (read_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&read_error));
          return FALSE;
        }
      if (stale != NULL && !pa_store_set_http_credentials (store, phone_id, NULL, 0, error))
        return FALSE;
    }

  fingerprint = pa_config_inputs_fingerprint (inputs);
  if (g_strcmp0 (fingerprint, pa_phone_get_config_fingerprint (PA_PHONE (phone))) == 0)
    return TRUE;
  *changed = TRUE;
  /* Derived from the same inputs, so it changes only with the fingerprint;
   * stored so a listing need not gather every phone. */
  attention = pa_phone_attention (self, PA_PHONE (phone), memo, error);
  if (attention == NULL)
    return FALSE;
  return pa_store_set_phone_inputs (store, phone_id, inputs,
                                    (const char * const *) attention, fingerprint, error);
}

static gboolean
derive_phones (PaDerive      *derive,
               GArray        *phone_ids,
               GArray        *changed_ids,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(PaGatherMemo) memo = pa_gather_memo_new (derive->store);

  for (guint i = 0; i < phone_ids->len; i++)
    {
      gint64 id = g_array_index (phone_ids, gint64, i);
      gboolean changed;

      if (i % 256 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!derive_phone (derive, memo, id, &changed, error))
        return FALSE;
      if (changed)
        g_array_append_val (changed_ids, id);
    }
  return TRUE;
}

static gboolean
derive_cb (PaStore  *store,
           GArray   *written,
           gpointer  user_data,
           GError  **error)
{
  PaDerive *derive = user_data;
  PaServer *self = derive->server;
  g_autoptr(GArray) phones = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < written->len; i++)
    {
      const PaConfigInput *input = &g_array_index (written, PaConfigInput, i);
      g_autoptr(GArray) readers = NULL;

      /* A phone just written may be new (nothing recorded yet) or gone
       * (its record went with it); its cached files go either way. */
      if (g_str_equal (input->kind, "phone"))
        {
          g_array_append_val (phones, input->id);
          g_array_append_val (derive->dropped, input->id);
        }
      /* Each setting is an input of its own: the phones that read one
       * whose value is now another. */
      if (input->id == PA_SETTINGS_ID &&
          g_str_equal (input->kind, pa_store_kind_from_type (PA_TYPE_SETTINGS)))
        {
          /* The settings are the main loop's: what every gather reads. */
          if (store != self->store)
            {
              g_set_error (error, PA_STORE_ERROR, PA_STORE_ERROR_FAILED,
                           "The server's settings are not changed by a unit of work");
              return FALSE;
            }
          derive->settings_written = TRUE;
          if (!pa_server_update_settings (self, error))
            return FALSE;
          readers = pa_store_list_phones_underived (store, self->settings, error);
          /* A setting many phones read (every phone, for most): they are
           * recorded on a unit of work once this commits, as at a start,
           * not in this transaction on the main loop (20 s at 100,000). */
          if (readers != NULL && readers->len >= PA_DERIVE_LATER_AT)
            {
              g_clear_pointer (&derive->derive_later, g_array_unref);
              derive->derive_later = g_steal_pointer (&readers);
              continue;
            }
        }
      else
        readers = pa_store_list_phones_reading (store, input->kind, input->id, error);
      if (readers == NULL)
        return FALSE;
      g_array_append_vals (phones, readers->data, readers->len);
    }
  sort_unique (phones);

  /* Added to what an earlier derive in this transaction found (the store
   * derives what was written before the API reads the log, then what was
   * written after at commit); a failed one rolls back, which clears it. */
  return derive_phones (derive, phones, derive->changed, NULL, error);
}

static void start_deriving (PaServer *self,
                            GArray   *phones);

static void
settled_cb (PaStore  *store,
            gboolean  committed,
            gpointer  user_data)
{
  PaDerive *derive = user_data;
  PaServer *self = derive->server;

  g_array_set_size (derive->last_affected, 0);
  g_array_set_size (derive->last_dropped, 0);
  g_ptr_array_set_size (derive->last_generated, 0);
  derive->last_derive_later = committed && derive->derive_later != NULL
                              ? derive->derive_later->len : 0;
  /* Settings read inside a transaction that did not hold. */
  if (derive->settings_written && !committed)
    {
      g_autoptr(GError) error = NULL;

      if (!pa_server_update_settings (self, &error))
        g_warning ("%s", error->message);
    }
  derive->settings_written = FALSE;
  if (committed)
    {
      sort_unique (derive->changed);
      sort_unique (derive->dropped);
      g_array_append_vals (derive->last_affected, derive->changed->data, derive->changed->len);
      g_array_append_vals (derive->last_dropped, derive->dropped->data, derive->dropped->len);
      g_ptr_array_extend_and_steal (derive->last_generated, g_steal_pointer (&derive->generated));
      derive->generated = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_generated_password_free);
      /* The render cache is the main loop's; a unit's commit is
       * forgotten there (pa_server_forget_rendered()). */
      if (store == self->store)
        pa_server_forget_rendered (self, derive);
      if (store == self->store && derive->derive_later != NULL)
        start_deriving (self, g_steal_pointer (&derive->derive_later));
    }
  g_ptr_array_set_size (derive->generated, 0);
  g_array_set_size (derive->changed, 0);
  g_array_set_size (derive->dropped, 0);
  g_clear_pointer (&derive->derive_later, g_array_unref);
}

static const PaStoreObserver observer = {
  derive_cb,
  settled_cb,
};

void
pa_server_forget_rendered (PaServer *self,
                           PaDerive *derive)
{
  for (guint i = 0; i < derive->last_affected->len; i++)
    pa_render_cache_forget_phone (self->render_cache,
                                  g_array_index (derive->last_affected, gint64, i));
  for (guint i = 0; i < derive->last_dropped->len; i++)
    pa_render_cache_forget_phone (self->render_cache,
                                  g_array_index (derive->last_dropped, gint64, i));
}

PaDerive *
pa_derive_new (PaServer *server,
               PaStore  *store)
{
  PaDerive *derive = g_new0 (PaDerive, 1);

  derive->server = server;
  derive->store = g_object_ref (store);
  derive->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  derive->dropped = g_array_new (FALSE, FALSE, sizeof (gint64));
  derive->generated = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_generated_password_free);
  derive->last_affected = g_array_new (FALSE, FALSE, sizeof (gint64));
  derive->last_dropped = g_array_new (FALSE, FALSE, sizeof (gint64));
  derive->last_generated = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_generated_password_free);
  pa_store_set_observer (store, &observer, derive);
  return derive;
}

void
pa_derive_free (PaDerive *derive)
{
  if (derive == NULL)
    return;
  pa_store_set_observer (derive->store, NULL, NULL);
  g_object_unref (derive->store);
  g_array_unref (derive->changed);
  g_array_unref (derive->dropped);
  g_ptr_array_unref (derive->generated);
  g_array_unref (derive->last_affected);
  g_array_unref (derive->last_dropped);
  g_ptr_array_unref (derive->last_generated);
  g_clear_pointer (&derive->derive_later, g_array_unref);
  g_free (derive);
}

void
pa_server_watch_store (PaServer *self)
{
  g_autoptr(GError) error = NULL;

  self->derive = pa_derive_new (self, self->store);
  /* Settings as they are before listening; pa_server_listen() reads them
   * again once the URL phones use is known, and fails if it cannot. */
  if (!pa_server_update_settings (self, &error))
    g_debug ("%s", error->message);
}

void
pa_server_unwatch_store (PaServer *self)
{
  g_clear_pointer (&self->derive, pa_derive_free);
  g_clear_pointer (&self->settings, g_array_unref);
}

/* A start's (or a settings change's) derive, on units of work of
 * PA_DERIVE_UNIT_PHONES phones each: the phones it records are listed on
 * the main loop, each unit's derived in its thread. Between two units the
 * writers that waited go first, so an edit waits for one unit (~0.1 s),
 * not for every phone (20 s at 100,000). A derive is idempotent: a phone
 * an edit re-derived meanwhile is found unchanged when its unit comes. */
#define PA_DERIVE_UNIT_PHONES 512

struct _PaUnderived
{
  PaServer *server;   /* NULL once it is stopped */
  GArray   *phones;   /* those before @next are recorded; the rest sorted */
  guint     next;
  guint     end;      /* the running unit's are [next, end) */
  GArray   *slice;    /* the running unit's phones: only its thread reads them */
  GArray   *changed;  /* the running unit's phones whose fingerprint changed */
  guint     units;
};
typedef struct _PaUnderived Underived;

static void
underived_clear (Underived *work)
{
  g_array_unref (work->phones);
  g_clear_pointer (&work->slice, g_array_unref);
  g_array_unref (work->changed);
}

/* Held by the server while it runs, and by each unit or wait for the
 * store under way: a stop lets go of it with either still queued. */
static void
underived_release (gpointer data)
{
  g_rc_box_release_full (data, (GDestroyNotify) underived_clear);
}

static gboolean
derive_underived_unit (PaStore       *unit,
                       gpointer       data,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Underived *work = data;
  g_autoptr(PaDerive) derive = pa_derive_new (work->server, unit);

  if (!pa_store_begin (unit, error))
    return FALSE;
  if (!derive_phones (derive, work->slice, work->changed, cancellable, error))
    {
      pa_store_rollback (unit);
      g_array_set_size (work->changed, 0);
      return FALSE;
    }
  return pa_store_commit (unit, error);
}

guint
pa_server_get_recording_phones (PaServer *self)
{
  return self->deriving != NULL ? self->deriving->phones->len - self->deriving->next : 0;
}

static void
stopped_deriving (PaServer *self)
{
  Underived *work = g_steal_pointer (&self->deriving);

  work->server = NULL;
  underived_release (work);
}

void
pa_server_stop_deriving (PaServer *self)
{
  if (self->deriving == NULL)
    return;
  /* Cancelled: a unit rolls back within 256 phones, and its thread reads
   * the server until then. */
  g_cancellable_cancel (self->cancellable);
  pa_store_wait_writable (self->store);
  stopped_deriving (self);
}

static void derive_next_unit (PaStore  *store,
                              gpointer  data);

static void
derive_unit_done_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  Underived *work = user_data;
  PaServer *self = work->server;
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;
  if (!pa_store_run_unit_finish (PA_STORE (source), result, &error))
    {
      /* What was recorded stays; the next start finds the rest. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot record what the files of %u phone(s) are made from: %s",
                   work->phones->len - work->next, error->message);
      stopped_deriving (self);
      return;
    }

  /* What the main loop made of them meanwhile was made under their old
   * fingerprint. */
  for (guint i = 0; i < work->changed->len; i++)
    pa_render_cache_forget_phone (self->render_cache, g_array_index (work->changed, gint64, i));
  g_array_set_size (work->changed, 0);
  g_clear_pointer (&work->slice, g_array_unref);
  work->next = work->end;
  work->units++;
  g_debug ("Recorded %u of %u phone(s)", work->next, work->phones->len);
  if (work->next < work->phones->len)
    {
      pa_store_when_writable (self->store, derive_next_unit, g_rc_box_acquire (work),
                              underived_release);
      return;
    }
  g_message ("Recorded what the files of %u phone(s) are made from (%u unit(s) of work)",
             work->phones->len, work->units);
  stopped_deriving (self);
}

/* Called once the store is writable (the writers that waited went first). */
static void
derive_next_unit (PaStore  *store,
                  gpointer  data)
{
  Underived *work = data;

  if (work->server == NULL || g_cancellable_is_cancelled (work->server->cancellable))
    return;
  work->end = MIN (work->phones->len, work->next + PA_DERIVE_UNIT_PHONES);
  work->slice = g_array_sized_new (FALSE, FALSE, sizeof (gint64), work->end - work->next);
  g_array_append_vals (work->slice, &g_array_index (work->phones, gint64, work->next),
                       work->end - work->next);
  pa_store_run_unit_async (store, derive_underived_unit, g_rc_box_acquire (work),
                           underived_release, work->server->cancellable,
                           derive_unit_done_cb, work);
}

/* Some 200 µs a phone, 20 s at 100,000: off the main loop, which serves
 * meanwhile. A phone that fetches first gets files made from what is
 * there now, under its old fingerprint; dropped once its unit commits.
 * Takes @phones (sorted). */
static void
start_deriving (PaServer *self,
                GArray   *phones)
{
  Underived *work = self->deriving;

  /* A settings change between two units: the phones it reaches join
   * those not yet taken by a unit. */
  if (work != NULL)
    {
      guint taken = MAX (work->next, work->end);

      g_array_append_vals (phones, &g_array_index (work->phones, gint64, taken),
                           work->phones->len - taken);
      sort_unique (phones);
      g_array_set_size (work->phones, taken);
      g_array_append_vals (work->phones, phones->data, phones->len);
      g_array_unref (phones);
      g_message ("A change of settings while recording phones' files: %u phone(s) left to "
                 "record", work->phones->len - work->next);
      return;
    }

  g_message ("Recording what the files of %u phone(s) are made from (after an upgrade or a "
             "change of settings); phones are served meanwhile", phones->len);
  work = g_rc_box_new0 (Underived);
  work->server = self;
  work->phones = phones;
  work->changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->deriving = work;
  pa_store_when_writable (self->store, derive_next_unit, g_rc_box_acquire (work),
                          underived_release);
}

gboolean
pa_server_derive_underived (PaServer  *self,
                            GError   **error)
{
  GArray *phones;

  /* Never derived, or derived with settings this start does not have. */
  phones = pa_store_list_phones_underived (self->store, self->settings, error);
  if (phones == NULL)
    return FALSE;
  sort_unique (phones);
  if (phones->len == 0)
    {
      g_array_unref (phones);
      return TRUE;
    }
  start_deriving (self, phones);
  return TRUE;
}

/* The program itself: its writers and catalog. Its own bytes say whether
 * an upgrade could have changed a file, so its hash is read once. */
static gint64
compute_build_revision (void)
{
  g_autofree char *program = NULL;
  g_autofree char *digest = NULL;
  gsize length = 0;

  if (!g_file_get_contents ("/proc/self/exe", &program, &length, NULL))
    return pa_config_inputs_revision_of (PACKAGE_VERSION);
  digest = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) program, length);
  return pa_config_inputs_revision_of (digest);
}

gboolean
pa_server_update_settings (PaServer  *self,
                           GError   **error)
{
  static gsize build_revision = 0;
  g_autoptr(PaResource) stored = NULL;

  if (g_once_init_enter (&build_revision))
    g_once_init_leave (&build_revision, (gsize) compute_build_revision () | 1);
  self->build_revision = (gint64) build_revision;

  /* A catalog file (provd's config) can change what a model's files say
   * without the program changing. */
  {
    g_autoptr(JsonNode) catalog = pa_catalog_to_json (pa_catalog_get_default ());
    g_autofree char *text = json_to_string (catalog, FALSE);

    self->catalog_revision = pa_config_inputs_revision_of (text);
  }
  pa_store_set_served_revisions (self->store, self->build_revision, self->catalog_revision);

  stored = pa_store_get (self->store, PA_TYPE_SETTINGS, PA_SETTINGS_ID, error);
  if (stored == NULL)
    {
      g_prefix_error (error, "Cannot read the server's settings: ");
      return FALSE;
    }
  g_clear_object (&self->settings_now);
  self->settings_now = pa_server_effective_settings (self, PA_SETTINGS (stored));
  g_clear_pointer (&self->settings, g_array_unref);
  self->settings = pa_server_settings_inputs (self, self->settings_now);
  return TRUE;
}

PaSettings *
pa_server_effective_settings (PaServer   *self,
                              PaSettings *stored)
{
  PaSettings *settings = PA_SETTINGS (pa_resource_copy (PA_RESOURCE (stored)));

  if (self->config->public_url != NULL)
    g_object_set (settings, "public-url", self->config->public_url, NULL);
  if (self->config->sip_server != NULL)
    g_object_set (settings, "sip-server", self->config->sip_server, NULL);
  return settings;
}

gboolean
pa_server_setting_is_fixed (PaServer  *self,
                            PaSettingId  setting)
{
  return (setting == PA_SETTING_PUBLIC_URL && self->config->public_url != NULL) ||
         (setting == PA_SETTING_SIP_SERVER && self->config->sip_server != NULL);
}

GArray *
pa_server_settings_inputs (PaServer   *self,
                           PaSettings *settings)
{
  GArray *inputs = pa_config_inputs_new ();

  for (PaSettingId setting = 1; setting < PA_N_SETTINGS; setting++)
    {
      g_autofree char *text = NULL;

      /* Without a public URL of its own, links use the address provd is
       * bound to: that is what phones read. */
      if (setting == PA_SETTING_PUBLIC_URL && pa_settings_get_public_url (settings) == NULL)
        text = g_strdup (self->url != NULL ? self->url : "");
      else
        text = pa_settings_dup_value_text (settings, setting);
      pa_config_inputs_add (inputs, PA_INPUT_SETTINGS, setting, pa_config_inputs_revision_of (text));
    }
  return inputs;
}

gint64
pa_server_get_setting_revision (PaServer  *self,
                                PaSettingId  setting)
{
  return pa_config_inputs_lookup (self->settings, PA_INPUT_SETTINGS, setting);
}

char *
pa_server_config_fingerprint (PaServer *self,
                              PaPhone  *phone)
{
  return pa_config_inputs_served_fingerprint (pa_phone_get_config_fingerprint (phone),
                                              self->build_revision, self->catalog_revision);
}
