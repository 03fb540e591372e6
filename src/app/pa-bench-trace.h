/* pa-bench-trace.h — timestamped events for bench/app-fleet.sh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Off unless PA_BENCH_TRACE names a file: then each event is a line
 * "<monotonic µs> <event> [details]" in it, "frame" after each frame the
 * window draws, and a watchdog thread writes "stall <ms>" for every
 * main-loop stall over 50 ms (SIGUSR1 pauses it, SIGUSR2 resumes). When
 * the variable is unset, each hook costs one test of a global.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

extern gboolean pa_bench_trace_on;

/* From main(), before anything else: opens the file, starts the watchdog. */
void pa_bench_trace_init         (void);
void pa_bench_trace_event        (const char *format,
                                  ...) G_GNUC_PRINTF (1, 2);
/* Writes @event at the end of the next frame the window draws
 * (GdkFrameClock::after-paint), as the time the user sees what came before. */
void pa_bench_trace_next_frame   (const char *event);
/* The window whose frames pa_bench_trace_next_frame() waits for. */
void pa_bench_trace_watch_window (GtkWidget  *window);

#define PA_BENCH_TRACE(...) \
  G_STMT_START { if (G_UNLIKELY (pa_bench_trace_on)) pa_bench_trace_event (__VA_ARGS__); } G_STMT_END
#define PA_BENCH_TRACE_NEXT_FRAME(event) \
  G_STMT_START { if (G_UNLIKELY (pa_bench_trace_on)) pa_bench_trace_next_frame (event); } G_STMT_END

G_END_DECLS
