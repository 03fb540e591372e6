/* pa-toast.c — toasts shown one at a time, in order, without tripping
 * libadwaita 1.2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libadwaita 1.2 (Debian 12) frees a toast's record when its hide
 * animation ends; if its show animation is still running, that one
 * writes into the freed record when it ends in turn, and the app
 * crashes. A toast shown while another hides slides in for 500 ms but
 * hides in 300, so dismissing it soon after it appeared was enough: a
 * resync answered in a millisecond did that to its "Telling the phone…"
 * toast. So each overlay gets toasts from a queue of ours, one at a time:
 * the next is handed over only once the last has finished hiding (never
 * "replacing" it), and a dismissal waits until the toast has slid in.
 * libadwaita's own dismissals (the toast's button, its close button,
 * Escape) come from a person who saw the toast, so after its first frame:
 * its show animation has then started its clock and ends first.
 */
#include "config.h"

#include "pa-toast.h"

#define HIDE_USEC   (350 * G_TIME_SPAN_MILLISECOND)  /* libadwaita's 300 ms, and a frame */
#define SETTLE_USEC (800 * G_TIME_SPAN_MILLISECOND)  /* its 300 ms to slide in, with room */

typedef struct
{
  AdwToastOverlay *overlay;    /* owns this, as qdata */
  GQueue           pending;    /* AdwToast, ours until handed over */
  AdwToast        *current;    /* handed over, not dismissed yet */
  gint64           shown_at;
  guint            next_id;    /* hands over the next after the last hid */
  gboolean         gone;       /* the overlay was destroyed */
} Presenter;

static GQuark
presenter_quark (void)
{
  return g_quark_from_static_string ("pa-toast-presenter");
}

static void dismissed_cb (AdwToast *toast, Presenter *self);

/* The toast leaves the presenter: no more of its signals. */
static void
forget (Presenter *self,
        AdwToast  *toast)
{
  g_signal_handlers_disconnect_by_func (toast, dismissed_cb, self);
  g_object_set_qdata (G_OBJECT (toast), presenter_quark (), NULL);
}

/* libadwaita 1.2 dismisses only a toast it was given; one still waiting
 * in our queue is dismissed by telling its owners so. */
static void
say_dismissed (AdwToast *toast)
{
  g_signal_emit_by_name (toast, "dismissed");
}

/* The overlay is going (its "destroy", in dispose): toasts never shown
 * are dismissed as libadwaita dismisses its own queue, so their owners
 * hear of it (an Undo toast's "dismissed" makes the change final), and
 * nothing more is handed to it. */
static void
overlay_destroy_cb (AdwToastOverlay *overlay,
                    Presenter       *self)
{
  AdwToast *toast;

  self->gone = TRUE;
  g_clear_handle_id (&self->next_id, g_source_remove);
  while ((toast = g_queue_pop_head (&self->pending)) != NULL)
    {
      forget (self, toast);
      say_dismissed (toast);
      g_object_unref (toast);
    }
}

static void
presenter_free (gpointer data)
{
  Presenter *self = data;

  overlay_destroy_cb (self->overlay, self);
  if (self->current != NULL)
    forget (self, self->current);
  g_free (self);
}

static void
hand_over (Presenter *self)
{
  AdwToast *toast;

  if (self->current != NULL || self->next_id != 0 || self->gone)
    return;
  toast = g_queue_pop_head (&self->pending);
  if (toast == NULL)
    return;
  self->current = toast;
  self->shown_at = g_get_monotonic_time ();
  adw_toast_overlay_add_toast (self->overlay, toast);
}

static gboolean
next_cb (gpointer data)
{
  Presenter *self = data;

  self->next_id = 0;
  hand_over (self);
  return G_SOURCE_REMOVE;
}

static void
dismissed_cb (AdwToast  *toast,
              Presenter *self)
{
  forget (self, toast);
  if (toast == self->current)
    {
      self->current = NULL;
      if (self->gone)
        return;
      self->next_id = g_timeout_add_full (G_PRIORITY_DEFAULT, HIDE_USEC / 1000, next_cb, self, NULL);
      return;
    }
  /* Dismissed while waiting its turn: never handed over, so still ours. */
  if (g_queue_remove (&self->pending, toast))
    g_object_unref (toast);
}

AdwToast *
pa_toast_new (const char *text)
{
  g_autofree char *title = g_markup_escape_text (text != NULL ? text : "", -1);

  return adw_toast_new (title);
}

void
pa_toast_add (AdwToastOverlay *overlay,
              AdwToast        *toast)
{
  Presenter *self;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  self = g_object_get_qdata (G_OBJECT (overlay), presenter_quark ());
  if (self == NULL)
    {
      self = g_new0 (Presenter, 1);
      self->overlay = overlay;
      g_queue_init (&self->pending);
      g_object_set_qdata_full (G_OBJECT (overlay), presenter_quark (), self, presenter_free);
      g_signal_connect (overlay, "destroy", G_CALLBACK (overlay_destroy_cb), self);
    }
  g_object_set_qdata (G_OBJECT (toast), presenter_quark (), self);
  g_signal_connect (toast, "dismissed", G_CALLBACK (dismissed_cb), self);
  if (self->gone)
    {
      /* Too late to show: dismissed at once, as the overlay's own were. */
      forget (self, toast);
      say_dismissed (toast);
      g_object_unref (toast);
      return;
    }
  g_queue_push_tail (&self->pending, toast);
  hand_over (self);
}

static gboolean
dismiss_later_cb (gpointer data)
{
  pa_toast_dismiss (ADW_TOAST (data));
  return G_SOURCE_REMOVE;
}

void
pa_toast_dismiss (AdwToast *toast)
{
  Presenter *self;
  gint64 since;

  g_return_if_fail (ADW_IS_TOAST (toast));

  self = g_object_get_qdata (G_OBJECT (toast), presenter_quark ());
  if (self == NULL)
    return;
  if (toast != self->current)
    {
      say_dismissed (toast);
      return;
    }
  since = g_get_monotonic_time () - self->shown_at;
  if (since >= SETTLE_USEC)
    {
      adw_toast_dismiss (toast);
      return;
    }
  g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) ((SETTLE_USEC - since) / 1000) + 1,
                      dismiss_later_cb, g_object_ref (toast), g_object_unref);
}
