/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-application.h"
#include "pa-bench-trace.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PaApplication) app = NULL;

  pa_bench_trace_init ();
  pa_application_bind_textdomain ();

  app = pa_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
