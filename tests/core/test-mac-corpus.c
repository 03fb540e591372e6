/* test-mac-corpus.c — the MAC fuzzer's seed corpus through its invariants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-corpus-replay.h"
#include "pa-mac-invariants.h"

static void
test_corpus (void)
{
  g_assert_cmpuint (pa_corpus_replay ("mac", pa_mac_check_invariants), >=, 10);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/mac/corpus", test_corpus);
  return g_test_run ();
}
