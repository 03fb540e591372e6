/* pa-bench-trace.c — timestamped events for bench/app-fleet.sh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The watchdog is a thread that, every 10 ms, asks the main context to run
 * a G_PRIORITY_HIGH callback and stamps the request; the callback measures
 * how late it ran. Only one request is out at a time, so a main loop held
 * for 300 ms yields one "stall 300" line, written when it lets go.
 */
#define G_LOG_DOMAIN "pa-bench-trace"

#include "config.h"

#include <signal.h>
#include <stdio.h>

#include <glib-unix.h>

#include "pa-bench-trace.h"

#define STALL_MS      50
#define PING_EVERY_US (10 * 1000)
#define LONG_FRAME_MS 30

gboolean pa_bench_trace_on = FALSE;

static FILE *trace_file;
static GMutex trace_lock;
static GMutex ping_lock;
static gint64 ping_sent;          /* under ping_lock; 0 when none is out */
static gboolean watchdog_paused;  /* under ping_lock */
static GPtrArray *frame_events;   /* main thread only */

void
pa_bench_trace_event (const char *format,
                      ...)
{
  gint64 now = g_get_monotonic_time ();
  va_list args;

  if (trace_file == NULL)
    return;
  g_mutex_lock (&trace_lock);
  fprintf (trace_file, "%" G_GINT64_FORMAT " ", now);
  va_start (args, format);
  vfprintf (trace_file, format, args);
  va_end (args);
  fputc ('\n', trace_file);
  fflush (trace_file);
  g_mutex_unlock (&trace_lock);
}

static gboolean
ping_cb (gpointer user_data)
{
  gint64 late_us;

  g_mutex_lock (&ping_lock);
  late_us = g_get_monotonic_time () - ping_sent;
  ping_sent = 0;
  g_mutex_unlock (&ping_lock);

  if (late_us > STALL_MS * 1000)
    pa_bench_trace_event ("stall %" G_GINT64_FORMAT, late_us / 1000);
  return G_SOURCE_REMOVE;
}

static gpointer
watchdog_thread (gpointer user_data)
{
  GMainContext *context = user_data;

  for (;;)
    {
      gboolean out;

      g_usleep (PING_EVERY_US);
      g_mutex_lock (&ping_lock);
      out = ping_sent != 0 || watchdog_paused;
      if (!out)
        ping_sent = g_get_monotonic_time ();
      g_mutex_unlock (&ping_lock);
      if (out)
        continue;
      g_main_context_invoke_full (context, G_PRIORITY_HIGH, ping_cb, NULL, NULL);
    }
  return NULL;
}

/* SIGUSR1 pauses the watchdog, SIGUSR2 resumes it: its 100 wake-ups a
 * second would be most of what an idle app's CPU measures. */
static gboolean
pause_cb (gpointer user_data)
{
  gboolean pause = GPOINTER_TO_INT (user_data);

  g_mutex_lock (&ping_lock);
  watchdog_paused = pause;
  g_mutex_unlock (&ping_lock);
  pa_bench_trace_event (pause ? "watchdog-paused" : "watchdog-resumed");
  return G_SOURCE_CONTINUE;
}

void
pa_bench_trace_init (void)
{
  const char *path = g_getenv ("PA_BENCH_TRACE");

  if (path == NULL || *path == '\0')
    return;
  trace_file = fopen (path, "a");
  if (trace_file == NULL)
    {
      g_warning ("PA_BENCH_TRACE: cannot open %s", path);
      return;
    }
  pa_bench_trace_on = TRUE;
  frame_events = g_ptr_array_new_with_free_func (g_free);
  pa_bench_trace_event ("main");
  g_unix_signal_add (SIGUSR1, pause_cb, GINT_TO_POINTER (TRUE));
  g_unix_signal_add (SIGUSR2, pause_cb, GINT_TO_POINTER (FALSE));
  /* Never joined: it lives as long as the process. */
  g_thread_unref (g_thread_new ("pa-bench-watchdog", watchdog_thread,
                                g_main_context_default ()));
}

/* When the frame's phases ended, from "before-paint" on: what a long
 * frame spent laying out and drawing (handlers connected after GTK's). */
enum { PHASE_START, PHASE_LAYOUT, PHASE_PAINT, N_PHASES };
static gint64 phase_ended[N_PHASES];

static void
phase_cb (GdkFrameClock *clock,
          gpointer       phase)
{
  phase_ended[GPOINTER_TO_INT (phase)] = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 took = g_get_monotonic_time () - phase_ended[PHASE_START];

  /* "After" is mostly waiting for the X server to take the frame. */
  if (took >= LONG_FRAME_MS * 1000)
    pa_bench_trace_event ("long-frame %" G_GINT64_FORMAT " layout %" G_GINT64_FORMAT
                          " paint %" G_GINT64_FORMAT " after %" G_GINT64_FORMAT,
                          took / 1000,
                          (phase_ended[PHASE_LAYOUT] - phase_ended[PHASE_START]) / 1000,
                          (phase_ended[PHASE_PAINT] - phase_ended[PHASE_LAYOUT]) / 1000,
                          (took - (phase_ended[PHASE_PAINT] - phase_ended[PHASE_START])) / 1000);
  /* Every frame, so an idle window drawing frames shows. */
  pa_bench_trace_event ("frame");
  for (guint i = 0; i < frame_events->len; i++)
    pa_bench_trace_event ("%s", (const char *) g_ptr_array_index (frame_events, i));
  g_ptr_array_set_size (frame_events, 0);
}

static void
window_realize_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  /* Which renderer draws it: what a frame costs depends on it. */
  pa_bench_trace_event ("renderer %s",
                        G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_signal_connect (clock, "before-paint", G_CALLBACK (phase_cb), GINT_TO_POINTER (PHASE_START));
  g_signal_connect (clock, "layout", G_CALLBACK (phase_cb), GINT_TO_POINTER (PHASE_LAYOUT));
  g_signal_connect (clock, "paint", G_CALLBACK (phase_cb), GINT_TO_POINTER (PHASE_PAINT));
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

void
pa_bench_trace_watch_window (GtkWidget *window)
{
  if (!pa_bench_trace_on)
    return;
  if (gtk_widget_get_realized (window))
    window_realize_cb (window);
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realize_cb), NULL);
}

void
pa_bench_trace_next_frame (const char *event)
{
  if (!pa_bench_trace_on)
    return;
  g_ptr_array_add (frame_events, g_strdup (event));
}
