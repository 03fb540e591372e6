/* test-diff.c — pa_diff_unified() against diffs worked out by hand, and
 * against itself: every diff, applied, gives the text after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-diff.h"

static void
test_same (void)
{
  g_assert_null (pa_diff_unified ("a\nb\n", "a\nb\n", "f", 3));
  g_assert_null (pa_diff_unified (NULL, NULL, "f", 3));
}

static void
test_one_line (void)
{
  g_autofree char *diff = pa_diff_unified ("1\n2\n3\n4\n5\n6\n7\n", "1\n2\n3\nfour\n5\n6\n7\n",
                                           "y000000000096.cfg", 1);

  g_assert_cmpstr (diff, ==,
                   "--- y000000000096.cfg (now)\n"
                   "+++ y000000000096.cfg (after)\n"
                   "@@ -3,3 +3,3 @@\n"
                   " 3\n"
                   "-4\n"
                   "+four\n"
                   " 5\n");
}

static void
test_two_hunks_and_joined (void)
{
  const char *before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
  g_autofree char *apart = pa_diff_unified (before, "A\nb\nc\nd\ne\nf\ng\nh\ni\nJ\n", "f", 1);
  g_autofree char *joined = pa_diff_unified (before, "a\nB\nc\nD\ne\nf\ng\nh\ni\nj\n", "f", 1);

  g_assert_cmpstr (apart, ==,
                   "--- f (now)\n+++ f (after)\n"
                   "@@ -1,2 +1,2 @@\n-a\n+A\n b\n"
                   "@@ -9,2 +9,2 @@\n i\n-j\n+J\n");
  /* One line between the changes: within twice the context, one hunk. */
  g_assert_cmpstr (joined, ==,
                   "--- f (now)\n+++ f (after)\n"
                   "@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n-d\n+D\n e\n");
}

static void
test_added_and_removed_files (void)
{
  g_autofree char *added = pa_diff_unified (NULL, "x\ny\n", "new.cfg", 3);
  g_autofree char *removed = pa_diff_unified ("x\n", "", "old.cfg", 3);

  g_assert_cmpstr (added, ==, "--- new.cfg (now)\n+++ new.cfg (after)\n@@ -0,0 +1,2 @@\n+x\n+y\n");
  g_assert_cmpstr (removed, ==, "--- old.cfg (now)\n+++ old.cfg (after)\n@@ -1,1 +0,0 @@\n-x\n");
}

/* Applies @diff's hunks to @before: what the after text must be. */
static char *
apply (const char *before,
       const char *diff)
{
  g_auto(GStrv) old_lines = g_strsplit (before, "\n", -1);
  g_auto(GStrv) diff_lines = g_strsplit (diff, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  guint next = 0;   /* the next old line, 0-based */
  /* The text ends in \n: the split's last piece is empty. */
  guint n_old = before[0] != '\0' ? g_strv_length (old_lines) - 1 : 0;

  for (guint i = 2; diff_lines[i] != NULL && diff_lines[i][0] != '\0'; i++)
    {
      const char *line = diff_lines[i];

      if (g_str_has_prefix (line, "@@"))
        {
          guint start = (guint) g_ascii_strtoull (line + 4, NULL, 10);
          guint count = (guint) g_ascii_strtoull (strchr (line, ',') + 1, NULL, 10);
          guint upto = count == 0 ? start : start - 1;

          for (; next < upto; next++)
            g_string_append_printf (out, "%s\n", old_lines[next]);
          continue;
        }
      if (line[0] == ' ')
        {
          g_assert_cmpstr (old_lines[next], ==, line + 1);
          g_string_append_printf (out, "%s\n", line + 1);
          next++;
        }
      else if (line[0] == '-')
        {
          g_assert_cmpstr (old_lines[next], ==, line + 1);
          next++;
        }
      else if (line[0] == '+')
        g_string_append_printf (out, "%s\n", line + 1);
    }
  for (; next < n_old; next++)
    g_string_append_printf (out, "%s\n", old_lines[next]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
random_text (GRand *rand,
             guint  lines)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < lines; i++)
    g_string_append_printf (text, "key.%u = %d\n", (guint) g_rand_int_range (rand, 0, 8),
                            g_rand_int_range (rand, 0, 3));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
test_random_round_trip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);

  for (guint round = 0; round < 500; round++)
    {
      g_autofree char *before = random_text (rand, g_rand_int_range (rand, 0, 30));
      g_autofree char *after = random_text (rand, g_rand_int_range (rand, 0, 30));
      guint context = g_rand_int_range (rand, 0, 4);
      g_autofree char *diff = pa_diff_unified (before, after, "f", context);
      g_autofree char *applied = NULL;

      if (diff == NULL)
        {
          g_assert_cmpstr (before, ==, after);
          continue;
        }
      applied = apply (before, diff);
      g_assert_cmpstr (applied, ==, after);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diff/same", test_same);
  g_test_add_func ("/diff/one-line", test_one_line);
  g_test_add_func ("/diff/two-hunks-and-joined", test_two_hunks_and_joined);
  g_test_add_func ("/diff/added-and-removed-files", test_added_and_removed_files);
  g_test_add_func ("/diff/random-round-trip", test_random_round_trip);
  return g_test_run ();
}
