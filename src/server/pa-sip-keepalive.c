/* pa-sip-keepalive.c — OPTIONS to phones: who is online
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every interval each enabled phone with a known address gets an OPTIONS.
 * Any SIP answer, even 4xx/5xx, means the phone is there: it is online.
 * An online phone that answered nothing for sip-offline-after seconds is
 * offline. A phone never online stays what it was (a pending phone with no
 * address is never even asked).
 *
 * The round is spread over the interval: a tick every TICK_MS sends the
 * next slice, read from the store a page at a time, so 100,000 phones are
 * some 330 OPTIONS a tick at the default 30 s, never all at once, and the
 * loop stays free between ticks. In-flight requests are capped too: a
 * network full of silent phones cannot pile up transactions without end.
 */
#define G_LOG_DOMAIN "pa-sip"

#include "config.h"

#include "pa-server-private.h"
#include "pa-sip-notify.h"

#define TICK_MS        100
/* Most OPTIONS one tick sends, and most under way at once. */
#define MAX_PER_TICK   1000
#define MAX_IN_FLIGHT  20000

typedef struct _PaSipKeepalive
{
  PaServer   *server;       /* unowned; NULL once stopped */
  guint       tick_id;
  gint64      interval_us;
  gint64      offline_us;
  gint64      round_start;  /* monotonic; 0: no round under way */
  gint64      next_round;   /* monotonic */
  gint64      cursor;       /* the last phone id asked this round */
  guint       per_tick;
  guint       round;        /* rounds begun */
  GHashTable *phones;       /* id (gint64 *) → PhoneState */
} PaSipKeepalive;

typedef struct
{
  gint64    id;
  gint64    last_answer;   /* monotonic; the first ask when none came yet */
  gboolean  in_flight;
  gboolean  online;        /* as the store last said, or we made it */
  guint     round;         /* the last round that found it */
} PhoneState;

typedef struct
{
  PaSipKeepalive *keepalive;   /* a reference */
  gint64          id;
} Probe;

static void
keepalive_free (PaSipKeepalive *self)
{
  g_clear_pointer (&self->phones, g_hash_table_unref);
}

typedef struct
{
  gint64      id;
  const char *status;   /* a nick: static */
} StatusWrite;

static void
write_status (PaStore  *store,
              gpointer  data)
{
  StatusWrite *write = data;
  g_autoptr(GError) error = NULL;
  PaPhoneStatusUpdate update = { .status = write->status };

  if (!pa_store_update_phone_status (store, write->id, &update, &error)
      && !g_error_matches (error, PA_STORE_ERROR, PA_STORE_ERROR_NOT_FOUND))
    g_warning ("Cannot mark phone %" G_GINT64_FORMAT " %s: %s", write->id, write->status,
               error->message);
}

/* Every status the keepalive writes goes through here (one place to hand
 * it to a transitions recorder); written once no bulk job holds the
 * store. */
static void
set_status (PaSipKeepalive *self,
            gint64          id,
            const char     *status)
{
  StatusWrite *write = g_new0 (StatusWrite, 1);

  g_message ("Phone %" G_GINT64_FORMAT " is %s (SIP OPTIONS)", id, status);
  write->id = id;
  write->status = status;
  pa_store_when_writable (self->server->store, write_status, write, g_free);
}

static void
probed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Probe *probe = user_data;
  PaSipKeepalive *self = probe->keepalive;
  g_auto(PaSipOutcome) outcome = { 0 };
  PhoneState *state;
  gint64 now = g_get_monotonic_time ();

  pa_sip_agent_send_finish (PA_SIP_AGENT (source), result, &outcome);
  state = self->server != NULL ? g_hash_table_lookup (self->phones, &probe->id) : NULL;
  if (state != NULL)
    {
      state->in_flight = FALSE;
      /* Any SIP answer at all: it is there. */
      if (outcome.code != 0)
        {
          state->last_answer = now;
          if (!state->online)
            {
              state->online = TRUE;
              set_status (self, state->id, "online");
            }
        }
      else if (state->online && now - state->last_answer >= self->offline_us)
        {
          state->online = FALSE;
          set_status (self, state->id, "offline");
        }
    }
  g_rc_box_release_full (self, (GDestroyNotify) keepalive_free);
  g_free (probe);
}

static void
ask (PaSipKeepalive    *self,
     const PaSipTarget *target,
     gint64             now)
{
  g_autofree char *uri = NULL;
  PhoneState *state = g_hash_table_lookup (self->phones, &target->id);
  Probe *probe;
  PaSipRequest request = { "OPTIONS" };

  if (state == NULL)
    {
      state = g_new0 (PhoneState, 1);
      state->id = target->id;
      state->last_answer = now;
      g_hash_table_insert (self->phones, &state->id, state);
    }
  /* What the store says wins: an admin or the PBX may have moved it. */
  state->online = g_strcmp0 (target->status, "online") == 0;
  state->round = self->round;
  if (state->in_flight)
    return;

  uri = pa_sip_target_for_phone (target->contact, target->ip, target->port, target->user);
  if (uri == NULL)
    return;
  request.uri = uri;
  probe = g_new0 (Probe, 1);
  probe->keepalive = g_rc_box_acquire (self);
  probe->id = target->id;
  state->in_flight = TRUE;
  pa_sip_agent_send_async (self->server->sip_agent, &request, NULL, probed_cb, probe);
}

static guint
until_next_round (PaSipKeepalive *self,
                  gint64          now)
{
  return (guint) MAX (TICK_MS, (self->next_round - now + 999) / 1000);
}

/* Sends the next slice; returns how long until the next one is due. */
static guint
tick (PaSipKeepalive *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) targets = NULL;
  gint64 now = g_get_monotonic_time ();
  gint64 total = 0;
  guint room;

  if (self->round_start == 0)
    {
      guint ticks = MAX (1, self->interval_us / (TICK_MS * 1000));

      if (now < self->next_round)
        return until_next_round (self, now);
      /* A new round: how many, so the slices fill the interval evenly. */
      targets = pa_store_list_sip_targets (self->server->store, 0, 1, &total, &error);
      g_clear_pointer (&targets, g_array_unref);
      if (error != NULL)
        {
          g_warning ("SIP keepalive: %s", error->message);
          return TICK_MS;
        }
      /* Phones the last round did not find (deleted, disabled, their
       * address gone) are forgotten. */
      {
        GHashTableIter iter;
        PhoneState *state;

        g_hash_table_iter_init (&iter, self->phones);
        while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &state))
          if (!state->in_flight && state->round < self->round)
            g_hash_table_iter_remove (&iter);
      }
      self->round++;
      self->round_start = now;
      self->next_round = now + self->interval_us;
      self->cursor = 0;
      self->per_tick = CLAMP ((total + ticks - 1) / ticks, 1, MAX_PER_TICK);
    }

  room = MAX_IN_FLIGHT - MIN (MAX_IN_FLIGHT, pa_sip_agent_get_pending (self->server->sip_agent));
  if (room == 0)
    return TICK_MS;
  targets = pa_store_list_sip_targets (self->server->store, self->cursor,
                                       MIN (self->per_tick, room), NULL, &error);
  if (targets == NULL)
    {
      g_warning ("SIP keepalive: %s", error->message);
      return TICK_MS;
    }
  for (guint i = 0; i < targets->len; i++)
    {
      const PaSipTarget *target = &g_array_index (targets, PaSipTarget, i);

      ask (self, target, now);
      self->cursor = target->id;
    }
  if (targets->len < MIN (self->per_tick, room))
    {
      self->round_start = 0;   /* every phone asked: wait for the next round */
      return until_next_round (self, now);
    }
  return TICK_MS;
}

/* One-shot, each due when the last says: between rounds provd sleeps
 * until the next, instead of waking ten times a second to find it is
 * not time yet. */
static gboolean
tick_cb (gpointer user_data)
{
  PaSipKeepalive *self = user_data;

  self->tick_id = g_timeout_add (tick (self), tick_cb, self);
  return G_SOURCE_REMOVE;
}

void
pa_server_start_keepalive (PaServer *self)
{
  PaSipKeepalive *keepalive;

  if (self->keepalive != NULL || self->sip_agent == NULL || self->config->sip_keepalive == 0)
    return;

  keepalive = g_rc_box_new0 (PaSipKeepalive);
  keepalive->server = self;
  keepalive->interval_us = (gint64) self->config->sip_keepalive * G_USEC_PER_SEC;
  keepalive->offline_us = (gint64) MAX (1, self->config->sip_offline_after) * G_USEC_PER_SEC;
  keepalive->phones = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  keepalive->tick_id = g_timeout_add (TICK_MS, tick_cb, keepalive);
  self->keepalive = keepalive;
}

void
pa_server_stop_keepalive (PaServer *self)
{
  PaSipKeepalive *keepalive = self->keepalive;

  if (keepalive == NULL)
    return;
  self->keepalive = NULL;
  g_clear_handle_id (&keepalive->tick_id, g_source_remove);
  /* Answers still under way find it stopped. */
  keepalive->server = NULL;
  g_rc_box_release_full (keepalive, (GDestroyNotify) keepalive_free);
}
