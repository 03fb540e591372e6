/* test-render-cache.c — rendered files kept until the store changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-render-cache.h"

static PaCachedFile *
entry (gint64  phone_id,
       gsize   size)
{
  PaCachedFile *file = g_new0 (PaCachedFile, 1);

  file->phone_id = phone_id;
  file->mac = g_strdup ("80:5E:C0:12:34:56");
  file->vendor = g_strdup ("yealink");
  guint8 *data = g_malloc (size);

  /* noise: it does not deflate, so sizes in the budget test stay sizes */
  for (gsize i = 0; i < size; i++)
    data[i] = g_random_int_range (0, 256);
  file->bytes = g_bytes_new_take (data, size);
  file->content_type = "text/plain";
  file->etag = g_strdup ("\"x\"");
  return file;
}

static void
test_sequence (void)
{
  g_autoptr(PaRenderCache) cache = pa_render_cache_new (1024 * 1024);
  const PaCachedFile *hit;

  g_assert_null (pa_render_cache_lookup (cache, "tok", "a.cfg", 1));
  pa_render_cache_store (cache, "tok", "a.cfg", 1, entry (7, 100));

  hit = pa_render_cache_lookup (cache, "tok", "a.cfg", 1);
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->phone_id, ==, 7);
  /* another file, another token: not the same entry */
  g_assert_null (pa_render_cache_lookup (cache, "tok", "b.cfg", 1));
  g_assert_null (pa_render_cache_lookup (cache, "other", "a.cfg", 1));

  /* any write since: stale, and gone */
  g_assert_null (pa_render_cache_lookup (cache, "tok", "a.cfg", 2));
  g_assert_cmpuint (pa_render_cache_get_n_files (cache), ==, 0);
  g_assert_cmpuint (pa_render_cache_get_bytes (cache), ==, 0);
}

static void
test_budget (void)
{
  g_autoptr(PaRenderCache) cache = pa_render_cache_new (10 * 1024);

  /* ~3 KB each: three fit, the fourth pushes out the least recent */
  pa_render_cache_store (cache, "t1", "f", 1, entry (1, 3000));
  pa_render_cache_store (cache, "t2", "f", 1, entry (2, 3000));
  pa_render_cache_store (cache, "t3", "f", 1, entry (3, 3000));
  g_assert_nonnull (pa_render_cache_lookup (cache, "t1", "f", 1));   /* t1 is now the newest */
  pa_render_cache_store (cache, "t4", "f", 1, entry (4, 3000));
  g_assert_cmpuint (pa_render_cache_get_n_files (cache), ==, 3);
  g_assert_null (pa_render_cache_lookup (cache, "t2", "f", 1));
  g_assert_nonnull (pa_render_cache_lookup (cache, "t1", "f", 1));
  g_assert_nonnull (pa_render_cache_lookup (cache, "t4", "f", 1));
  g_assert_cmpuint (pa_render_cache_get_bytes (cache), <=, 10 * 1024);

  /* replacing an entry does not count it twice */
  pa_render_cache_store (cache, "t4", "f", 1, entry (4, 3000));
  g_assert_cmpuint (pa_render_cache_get_n_files (cache), ==, 3);

  /* a file bigger than the whole budget is not kept */
  pa_render_cache_store (cache, "big", "f", 1, entry (5, 20 * 1024));
  g_assert_null (pa_render_cache_lookup (cache, "big", "f", 1));
  g_assert_cmpuint (pa_render_cache_get_n_files (cache), ==, 3);
}

/* A file comes back byte for byte from its deflated copy. */
static void
test_round_trip (void)
{
  g_autoptr(PaRenderCache) cache = pa_render_cache_new (1024 * 1024);
  g_autoptr(GString) text = g_string_new ("#!version:1.0.0.1\n");
  g_autoptr(GBytes) back = NULL;
  PaCachedFile *file = entry (9, 1);
  const PaCachedFile *hit;

  for (guint n = 1; n <= 2000; n++)
    g_string_append_printf (text, "expansion_module.1.key.%u.label = %%NULL%%\n", n);
  g_clear_pointer (&file->bytes, g_bytes_unref);
  file->bytes = g_bytes_new (text->str, text->len);
  pa_render_cache_store (cache, "tok", "805ec0123456.cfg", 3, file);

  hit = pa_render_cache_lookup (cache, "tok", "805ec0123456.cfg", 3);
  g_assert_nonnull (hit);
  g_assert_null (hit->bytes);
  g_assert_cmpuint (g_bytes_get_size (hit->packed), <, text->len / 5);
  back = pa_render_cache_get_file_bytes (cache, hit);
  g_assert_cmpmem (g_bytes_get_data (back, NULL), g_bytes_get_size (back), text->str, text->len);
  g_assert_cmpuint (pa_render_cache_get_bytes (cache), <, text->len / 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render-cache/sequence", test_sequence);
  g_test_add_func ("/render-cache/budget", test_budget);
  g_test_add_func ("/render-cache/round-trip", test_round_trip);

  return g_test_run ();
}
