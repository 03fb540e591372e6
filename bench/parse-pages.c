/* parse-pages.c: how fast the app reads a listing's pages (bench/parse.sh)
 *
 * Reads one page of phones and one of SIP accounts as provd sent them,
 * then parses them REPS times in each of THREADS threads (best of five tries), the way the
 * client's worker does (pa_client_parse_object_bytes, then
 * pa_client_resource_from_node for every item), and prints the cost of a
 * resource. Built against the release build's static libraries.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "client/pa-client-call.h"
#include "client/pa-client-private.h"
#include "pa-phone.h"
#include "pa-sip-account.h"

typedef struct
{
  GBytes *page;
  GType   type;
} Page;

static Page pages[2];
static int reps;
static guint per_round;   /* resources in one page of each */

static guint
parse_page (const Page *page)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = pa_client_parse_object_bytes (page->page, &error);
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *items;

  if (node == NULL)
    g_error ("The page does not parse: %s", error->message);
  items = json_object_get_array_member (json_node_get_object (node), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      PaResource *resource = pa_client_resource_from_node (page->type,
                                                           json_array_get_element (items, i),
                                                           NULL, &error);
      if (resource == NULL)
        g_error ("Item %u does not read: %s", i, error->message);
      g_ptr_array_add (made, resource);
    }
  return made->len;
}

static gpointer
run (gpointer data)
{
  for (int r = 0; r < reps; r++)
    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      parse_page (&pages[p]);
  return NULL;
}

static GBytes *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, &error))
    g_error ("%s", error->message);
  return g_bytes_new_take (data, len);
}

int
main (int   argc,
      char *argv[])
{
  int threads;
  GThread **workers;
  gint64 start, took;
  double per_resource;

  if (argc != 5)
    {
      g_printerr ("Usage: %s PHONES.json SIP-ACCOUNTS.json THREADS REPS\n", argv[0]);
      return 2;
    }
  pages[0] = (Page) { load (argv[1]), PA_TYPE_PHONE };
  pages[1] = (Page) { load (argv[2]), PA_TYPE_SIP_ACCOUNT };
  threads = atoi (argv[3]);
  reps = atoi (argv[4]);
  if (threads < 1 || threads > 64 || reps < 1)
    g_error ("THREADS must be 1-64 and REPS at least 1");

  per_round = parse_page (&pages[0]) + parse_page (&pages[1]);
  workers = g_new (GThread *, threads);
  /* The best of five: the machines this runs on are shared, and another
   * process's burst only ever makes a try slower. */
  took = G_MAXINT64;
  for (int try = 0; try < 5; try++)
    {
      start = g_get_monotonic_time ();
      for (int i = 0; i < threads; i++)
        workers[i] = g_thread_new ("parse", run, NULL);
      for (int i = 0; i < threads; i++)
        g_thread_join (workers[i]);
      took = MIN (took, g_get_monotonic_time () - start);
    }

  per_resource = (double) took / ((double) reps * per_round);
  printf ("%d thread(s): %u resources each %d times in %.0f ms (best of 5): %.1f µs a resource in a thread,"
          " %.0f resources/s in all\n",
          threads, per_round, reps, took / 1000.0, per_resource,
          threads * 1e6 / per_resource);
  g_free (workers);
  return 0;
}
