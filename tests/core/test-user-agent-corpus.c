/* test-user-agent-corpus.c — the User-Agent fuzzer's checks, without clang
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Replays tests/fuzz/corpus/user-agent through the invariants the libFuzzer
 * target (tests/fuzz/fuzz-user-agent.c) aborts on, so a crash input saved
 * there stays fixed. A few known User-Agents, damaged at random, go through
 * them as well.
 */
#include "config.h"

#include <string.h>

#include "pa-user-agent-invariants.h"

static void
assert_invariants (const guint8    *data,
                   gsize            size,
                   PaUserAgentInfo *info)
{
  const char *problem = pa_user_agent_check_invariants (data, size, info);

  if (problem != NULL)
    {
      g_autofree char *prefix = g_strndup ((const char *) data, size);
      g_autofree char *shown = g_strescape (prefix, NULL);

      g_error ("invariant broken on %" G_GSIZE_FORMAT " bytes starting \"%.200s\": %s",
               size, shown, problem);
    }
}

/* Every file keeps the invariants; names say what provd must make of it:
 * "ok-VENDOR-" parses as that vendor, "bad-" does not parse, and anything
 * else (a crash input the fuzzer found, garbage) only keeps the invariants. */
static void
test_corpus (void)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", "user-agent",
                                                     NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  const char *name;
  guint files = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *contents = NULL;
      g_auto(PaUserAgentInfo) info = { 0 };
      gsize size;

      g_test_message ("corpus file %s", name);
      g_file_get_contents (path, &contents, &size, &error);
      g_assert_no_error (error);

      /* Every prefix too: a phone's header cut anywhere. */
      for (gsize n = 0; n < size; n++)
        assert_invariants ((const guint8 *) contents, n, NULL);
      assert_invariants ((const guint8 *) contents, size, &info);

      if (g_str_has_prefix (name, "ok-"))
        {
          const char *vendor = name + strlen ("ok-");

          g_assert_nonnull (info.vendor_id);
          g_assert_true (g_str_has_prefix (vendor, info.vendor_id));
          g_assert_cmpint (vendor[strlen (info.vendor_id)], ==, '-');
        }
      else if (g_str_has_prefix (name, "bad-"))
        g_assert_null (info.vendor_id);
      files++;
    }
  g_assert_cmpuint (files, >=, 10);
}

static const char *const known[] = {
  "Yealink SIP-T54W 96.87.0.15 80:5e:c0:12:34:56",
  "FileTransport PolycomVVX-VVX_450-UA/6.4.6.2600 Type/Updater",
  "Grandstream Model HW GXP2170 V1.4A SW 1.0.11.23 DevId 000b82a1b2c3",
  "Grandstream GXP2000 (gxp2000e.bin:1.2.5.3/boot55e.bin:1.1.6.9) DevId 000b822726c8",
  "Cisco-CP-8841-3PCC/11.0 (00562b043615)",
  "Linksys/SPA-942-6.1.5(a) (88019FA42805)",
  "Mozilla/4.0 (compatible; snomD785-SIP 10.1.33.33 2010.12-00004-g9ba52f5 000413922D24 SXM:0 UXM:0)",
  "Fanvil X6U Pro 0.0.10 0c383e2cd782",
};

/* Flipped, dropped and inserted bytes (a fixed seed, so a failure repeats). */
static void
test_mutations (void)
{
  static const char alphabet[] = " :-_/().;0123456789abcdefABCDEF\xc2\xa0\xff";
  GRand *rand = g_rand_new_with_seed (20240611);

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    for (guint round = 0; round < 300; round++)
      {
        g_autoptr(GString) s = g_string_new (known[i]);
        guint edits = g_rand_int_range (rand, 1, 5);

        for (guint e = 0; e < edits && s->len > 0; e++)
          {
            guint at = g_rand_int_range (rand, 0, s->len);
            char c = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];

            switch (g_rand_int_range (rand, 0, 3))
              {
              case 0: s->str[at] = c; break;
              case 1: g_string_erase (s, at, 1); break;
              default: g_string_insert_c (s, at, c); break;
              }
          }
        assert_invariants ((const guint8 *) s->str, s->len, NULL);
      }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/user-agent/corpus", test_corpus);
  g_test_add_func ("/user-agent/mutations", test_mutations);

  return g_test_run ();
}
