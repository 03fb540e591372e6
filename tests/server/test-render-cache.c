/* test-render-cache.c — rendered files kept until their phone changes
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

  /* noise without line ends: nothing to share with another file, and one
   * chunk per 4 KiB, so sizes in the budget test stay sizes */
  for (gsize i = 0; i < size; i++)
    {
      data[i] = g_random_int_range (0, 256);
      if (data[i] == '\n')
        data[i] = ' ';
    }
  file->bytes = g_bytes_new_take (data, size);
  file->content_type = "text/plain";
  file->etag = g_strdup ("\"x\"");
  return file;
}

static void
test_forget_phone (void)
{
  g_autoptr(PaRenderCache) cache = pa_render_cache_new (1024 * 1024);
  const PaCachedFile *hit;

  g_assert_null (pa_render_cache_lookup (cache, "tok", "a.cfg"));
  pa_render_cache_store (cache, "tok", "a.cfg", entry (7, 100));
  pa_render_cache_store (cache, "tok", "b.cfg", entry (7, 100));
  pa_render_cache_store (cache, "other", "a.cfg", entry (8, 100));

  hit = pa_render_cache_lookup (cache, "tok", "a.cfg");
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->phone_id, ==, 7);
  /* another file, another token: not the same entry */
  g_assert_null (pa_render_cache_lookup (cache, "tok", "c.cfg"));
  g_assert_null (pa_render_cache_lookup (cache, "third", "a.cfg"));

  /* its files changed: every one of them goes, and only its */
  pa_render_cache_forget_phone (cache, 7);
  g_assert_null (pa_render_cache_lookup (cache, "tok", "a.cfg"));
  g_assert_null (pa_render_cache_lookup (cache, "tok", "b.cfg"));
  g_assert_nonnull (pa_render_cache_lookup (cache, "other", "a.cfg"));
  g_assert_cmpuint (pa_render_cache_get_n_files (cache), ==, 1);

  /* an entry replaced or pushed out leaves nothing to forget behind */
  pa_render_cache_store (cache, "other", "a.cfg", entry (8, 100));
  pa_render_cache_forget_phone (cache, 8);
  pa_render_cache_forget_phone (cache, 99);
  g_assert_cmpuint (pa_render_cache_get_n_files (cache), ==, 0);
  g_assert_cmpuint (pa_render_cache_get_bytes (cache), ==, 0);
}

static void
test_budget (void)
{
  g_autoptr(PaRenderCache) cache = pa_render_cache_new (10 * 1024);

  /* ~3 KB each: three fit, the fourth pushes out the least recent */
  pa_render_cache_store (cache, "t1", "f", entry (1, 3000));
  pa_render_cache_store (cache, "t2", "f", entry (2, 3000));
  pa_render_cache_store (cache, "t3", "f", entry (3, 3000));
  g_assert_nonnull (pa_render_cache_lookup (cache, "t1", "f"));   /* t1 is now the newest */
  pa_render_cache_store (cache, "t4", "f", entry (4, 3000));
  g_assert_cmpuint (pa_render_cache_get_n_files (cache), ==, 3);
  g_assert_null (pa_render_cache_lookup (cache, "t2", "f"));
  g_assert_nonnull (pa_render_cache_lookup (cache, "t1", "f"));
  g_assert_nonnull (pa_render_cache_lookup (cache, "t4", "f"));
  g_assert_cmpuint (pa_render_cache_get_bytes (cache), <=, 10 * 1024);

  /* replacing an entry does not count it twice */
  pa_render_cache_store (cache, "t4", "f", entry (4, 3000));
  g_assert_cmpuint (pa_render_cache_get_n_files (cache), ==, 3);

  /* a file bigger than the whole budget is not kept */
  pa_render_cache_store (cache, "big", "f", entry (5, 20 * 1024));
  g_assert_null (pa_render_cache_lookup (cache, "big", "f"));
  g_assert_cmpuint (pa_render_cache_get_n_files (cache), ==, 3);
}

static GBytes *
yealink_like (const char *mac)
{
  g_autoptr(GString) text = g_string_new ("#!version:1.0.0.1\n");

  g_string_append_printf (text, "account.1.user_name = %s\naccount.1.password = %s-secret\n",
                          mac, mac);
  for (guint n = 1; n <= 2000; n++)
    g_string_append_printf (text, "expansion_module.1.key.%u.label = %%NULL%%\n", n);
  return g_bytes_new (text->str, text->len);
}

/* A file comes back byte for byte from its chunks, and files that are
 * mostly the same keep what they share once. */
static void
test_round_trip (void)
{
  g_autoptr(PaRenderCache) cache = pa_render_cache_new (1024 * 1024);
  g_autoptr(GBytes) first = yealink_like ("805ec0000001");
  g_autoptr(GBytes) second = yealink_like ("805ec0000002");
  g_autoptr(GBytes) back = NULL;
  PaCachedFile *file = entry (9, 1);
  const PaCachedFile *hit;
  gsize one;

  g_clear_pointer (&file->bytes, g_bytes_unref);
  file->bytes = g_bytes_ref (first);
  pa_render_cache_store (cache, "tok", "805ec0000001.cfg", file);
  one = pa_render_cache_get_bytes (cache);
  g_assert_cmpuint (one, >, g_bytes_get_size (first));   /* nothing to share with yet */

  file = entry (10, 1);
  g_clear_pointer (&file->bytes, g_bytes_unref);
  file->bytes = g_bytes_ref (second);
  pa_render_cache_store (cache, "tok2", "805ec0000002.cfg", file);
  /* the second costs its own first lines, not its 2,000 shared ones */
  g_assert_cmpuint (pa_render_cache_get_bytes (cache) - one, <, g_bytes_get_size (second) / 10);

  hit = pa_render_cache_lookup (cache, "tok2", "805ec0000002.cfg");
  g_assert_nonnull (hit);
  g_assert_null (hit->bytes);
  back = pa_render_cache_get_file_bytes (cache, hit);
  g_assert_true (g_bytes_equal (back, second));
  g_clear_pointer (&back, g_bytes_unref);
  hit = pa_render_cache_lookup (cache, "tok", "805ec0000001.cfg");
  back = pa_render_cache_get_file_bytes (cache, hit);
  g_assert_true (g_bytes_equal (back, first));

  /* the last user of a chunk takes it along */
  pa_render_cache_forget_phone (cache, 9);
  pa_render_cache_forget_phone (cache, 10);
  g_assert_cmpuint (pa_render_cache_get_bytes (cache), ==, 0);
}

/* Files prepared in another thread (a job's worker), their pieces shared
 * in a set, come back byte for byte once stored, share the cache's
 * chunks, and take no more of it than files stored whole. */
typedef struct
{
  GBytes       *bytes[2];
  PaCachedFile *prepared[2];
} Prepared;

static gpointer
prepare_thread (gpointer data)
{
  Prepared *p = data;
  g_autoptr(PaChunkSet) set = pa_chunk_set_new ();

  for (guint i = 0; i < 2; i++)
    {
      p->prepared[i] = entry (20 + i, 1);
      g_clear_pointer (&p->prepared[i]->bytes, g_bytes_unref);
      p->prepared[i]->bytes = g_bytes_ref (p->bytes[i]);
      pa_cached_file_prepare (p->prepared[i], set);
      g_assert_null (p->prepared[i]->bytes);
      g_assert_nonnull (p->prepared[i]->pieces);
    }
  /* The pieces the two share are the same bytes. */
  g_assert_true (g_ptr_array_index (p->prepared[0]->pieces, 5)
                 == g_ptr_array_index (p->prepared[1]->pieces, 5));
  return NULL;
}

static void
test_prepared (void)
{
  g_autoptr(PaRenderCache) whole = pa_render_cache_new (1024 * 1024);
  g_autoptr(PaRenderCache) cache = pa_render_cache_new (1024 * 1024);
  Prepared p = { { yealink_like ("805ec0000001"), yealink_like ("805ec0000002") }, { NULL, NULL } };

  g_thread_join (g_thread_new ("prepare", prepare_thread, &p));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *token = g_strdup_printf ("tok%u", i);
      PaCachedFile *plain = entry (20 + i, 1);
      g_autoptr(GBytes) back = NULL;
      const PaCachedFile *hit;

      g_clear_pointer (&plain->bytes, g_bytes_unref);
      plain->bytes = g_bytes_ref (p.bytes[i]);
      pa_render_cache_store (whole, token, "f.cfg", plain);
      pa_render_cache_store (cache, token, "f.cfg", g_steal_pointer (&p.prepared[i]));
      hit = pa_render_cache_lookup (cache, token, "f.cfg");
      g_assert_nonnull (hit);
      g_assert_cmpuint (hit->length, ==, g_bytes_get_size (p.bytes[i]));
      back = pa_render_cache_get_file_bytes (cache, hit);
      g_assert_true (g_bytes_equal (back, p.bytes[i]));
    }
  g_assert_cmpuint (pa_render_cache_get_bytes (cache), ==, pa_render_cache_get_bytes (whole));
  for (guint i = 0; i < 2; i++)
    g_bytes_unref (p.bytes[i]);
}

/* What a job reads of the cache: a phone's keys, and whether a phone was
 * forgotten after a moment. */
static void
test_keys_and_forgets (void)
{
  g_autoptr(PaRenderCache) cache = pa_render_cache_new (1024 * 1024);
  g_auto(GStrv) keys = NULL;
  g_auto(GStrv) none = NULL;
  guint64 then;

  pa_render_cache_store (cache, "tok", "a.cfg", entry (7, 100));
  pa_render_cache_store (cache, "tok", "b.cfg", entry (7, 100));
  pa_render_cache_store (cache, "other", "a.cfg", entry (8, 100));
  keys = pa_render_cache_list_phone_keys (cache, 7);
  g_assert_cmpuint (g_strv_length (keys), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) keys, "tok/a.cfg"));
  g_assert_true (g_strv_contains ((const char * const *) keys, "tok/b.cfg"));
  none = pa_render_cache_list_phone_keys (cache, 99);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  pa_render_cache_forget_phone (cache, 8);
  then = pa_render_cache_get_forget_count (cache);
  g_assert_false (pa_render_cache_forgotten_since (cache, 8, then));
  g_assert_false (pa_render_cache_forgotten_since (cache, 7, then));
  pa_render_cache_forget_phone (cache, 7);
  g_assert_true (pa_render_cache_forgotten_since (cache, 7, then));
  g_assert_false (pa_render_cache_forgotten_since (cache, 8, then));
  g_assert_cmpuint (pa_render_cache_get_forget_count (cache), ==, then + 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/render-cache/forget-phone", test_forget_phone);
  g_test_add_func ("/render-cache/budget", test_budget);
  g_test_add_func ("/render-cache/round-trip", test_round_trip);
  g_test_add_func ("/render-cache/prepared", test_prepared);
  g_test_add_func ("/render-cache/keys-and-forgets", test_keys_and_forgets);

  return g_test_run ();
}
