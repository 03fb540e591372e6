/* pa-corpus-replay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-corpus-replay.h"

guint
pa_corpus_replay (const char       *target,
                  PaInvariantsFunc  check)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", "corpus", target,
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
      gsize size;

      g_file_get_contents (path, &contents, &size, &error);
      g_assert_no_error (error);
      for (gsize n = 0; n <= size; n++)
        {
          const char *problem = check ((const guint8 *) contents, n);

          if (problem != NULL)
            g_error ("%s (its first %" G_GSIZE_FORMAT " bytes): %s", path, n, problem);
        }
      files++;
    }
  return files;
}
