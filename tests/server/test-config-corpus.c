/* test-config-corpus.c — the key-file fuzzer's seed corpus through its
 * invariants
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-config-invariants.h"
#include "pa-corpus-replay.h"

static void
test_corpus (void)
{
  g_assert_cmpuint (pa_corpus_replay ("config", pa_config_check_invariants), >=, 8);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/corpus", test_corpus);
  return g_test_run ();
}
