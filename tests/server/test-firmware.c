/* test-firmware.c — provd serving firmware: whole, in ranges, not again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The real provd on loopback, with a file in <data_dir>/firmware/ named
 * by its SHA-256 (as an upload leaves it). Plain HTTP is answered without
 * libsoup (sendfile); a target with a query goes through libsoup, the
 * path TLS takes, so both are checked against the same expectations.
 */
#include "config.h"

#include <string.h>

#include "pa-http-range.h"
#include "pa-test-server.h"

/* -- the Range parser, alone -------------------------------------------- */

static void
test_range_parse (void)
{
  static const struct
  {
    const char  *header;
    guint64      size;
    PaHttpRange  result;
    guint64      start, length;
  } cases[] = {
    { NULL,                  1000, PA_HTTP_RANGE_WHOLE,         0, 1000 },
    { "",                    1000, PA_HTTP_RANGE_WHOLE,         0, 1000 },
    { "bytes=0-99",          1000, PA_HTTP_RANGE_PARTIAL,       0, 100 },
    { "bytes=500-",          1000, PA_HTTP_RANGE_PARTIAL,       500, 500 },
    { "bytes=-100",          1000, PA_HTTP_RANGE_PARTIAL,       900, 100 },
    { "bytes=-5000",         1000, PA_HTTP_RANGE_PARTIAL,       0, 1000 },
    { "bytes=990-5000",      1000, PA_HTTP_RANGE_PARTIAL,       990, 10 },
    { "Bytes = 1 - 1",       1000, PA_HTTP_RANGE_PARTIAL,       1, 1 },
    { "bytes=999-999",       1000, PA_HTTP_RANGE_PARTIAL,       999, 1 },
    { "bytes=1000-",         1000, PA_HTTP_RANGE_UNSATISFIABLE, 0, 0 },
    { "bytes=-0",            1000, PA_HTTP_RANGE_UNSATISFIABLE, 0, 0 },
    { "bytes=0-",            0,    PA_HTTP_RANGE_UNSATISFIABLE, 0, 0 },
    /* Ignored: the whole file. */
    { "bytes=5-1",           1000, PA_HTTP_RANGE_WHOLE,         0, 1000 },
    { "bytes=0-1,5-6",       1000, PA_HTTP_RANGE_WHOLE,         0, 1000 },
    { "bytes=abc",           1000, PA_HTTP_RANGE_WHOLE,         0, 1000 },
    { "bytes=-",             1000, PA_HTTP_RANGE_WHOLE,         0, 1000 },
    { "bytes",               1000, PA_HTTP_RANGE_WHOLE,         0, 1000 },
    { "items=0-1",           1000, PA_HTTP_RANGE_WHOLE,         0, 1000 },
    { "bytes=0-1 junk",      1000, PA_HTTP_RANGE_WHOLE,         0, 1000 },
    { "bytes=99999999999999999999-", 1000, PA_HTTP_RANGE_WHOLE, 0, 1000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      guint64 start = 42, length = 42;
      PaHttpRange result = pa_http_range_parse (cases[i].header, cases[i].size, &start, &length);

      g_test_message ("Range: %s", cases[i].header ? cases[i].header : "(none)");
      g_assert_cmpint (result, ==, cases[i].result);
      if (result != PA_HTTP_RANGE_UNSATISFIABLE)
        {
          g_assert_cmpuint (start, ==, cases[i].start);
          g_assert_cmpuint (length, ==, cases[i].length);
        }
    }
}

static void
test_etag_matches (void)
{
  g_assert_true (pa_http_etag_matches ("\"abc\"", "\"abc\"", TRUE));
  g_assert_true (pa_http_etag_matches ("W/\"abc\"", "\"abc\"", TRUE));
  g_assert_true (pa_http_etag_matches ("\"x\", \"abc\"", "\"abc\"", TRUE));
  g_assert_true (pa_http_etag_matches ("*", "\"abc\"", TRUE));
  g_assert_false (pa_http_etag_matches ("\"abcd\"", "\"abc\"", TRUE));
  g_assert_false (pa_http_etag_matches ("abc", "\"abc\"", TRUE));
  g_assert_false (pa_http_etag_matches ("", "\"abc\"", TRUE));
  g_assert_false (pa_http_etag_matches (NULL, "\"abc\"", TRUE));
  g_assert_false (pa_http_etag_matches (",,,", "\"abc\"", TRUE));
  /* If-Range takes an entity tag, never "*". */
  g_assert_false (pa_http_etag_matches ("*", "\"abc\"", FALSE));
  g_assert_true (pa_http_etag_matches ("\"abc\"", "\"abc\"", FALSE));
}

/* -- provd --------------------------------------------------------------- */

typedef struct
{
  PaTestServer *server;
  GBytes       *firmware;   /* 300,000 bytes, each its offset's low byte … mixed */
  char         *sha256;
  char         *url_path;   /* /firmware/<sha256>/T54W-96.86.0.50.rom */
  char         *etag;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  gsize size = 300000;
  guint8 *bytes = g_malloc (size);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < size; i++)
    bytes[i] = (guint8) ((i * 2654435761u) >> 13);
  fixture->firmware = g_bytes_new_take (bytes, size);
  fixture->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, fixture->firmware);
  fixture->url_path = g_strdup_printf ("/firmware/%s/T54W-96.86.0.50.rom", fixture->sha256);
  fixture->etag = g_strdup_printf ("\"%s\"", fixture->sha256);

  fixture->server = pa_test_server_new ();
  dir = g_build_filename (fixture->server->data_dir, "firmware", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  path = g_build_filename (dir, fixture->sha256, NULL);
  g_file_set_contents (path, g_bytes_get_data (fixture->firmware, NULL), size, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pa_test_server_free (fixture->server);
  g_bytes_unref (fixture->firmware);
  g_free (fixture->sha256);
  g_free (fixture->url_path);
  g_free (fixture->etag);
}

/* GET @path (+ @suffix) with @headers (name, value, …, NULL). */
static PaTestResponse *
fetch (Fixture    *fixture,
       const char *method,
       const char *suffix,
       ...)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();
  g_autofree char *path = g_strconcat (fixture->url_path, suffix, NULL);
  const char *name;
  va_list args;

  va_start (args, suffix);
  while ((name = va_arg (args, const char *)) != NULL)
    {
      g_ptr_array_add (headers, (gpointer) name);
      g_ptr_array_add (headers, va_arg (args, char *));
    }
  va_end (args);
  g_ptr_array_add (headers, NULL);
  return pa_test_request (fixture->server, method, path, NULL, NULL, 0, FALSE,
                          (const char * const *) headers->pdata);
}

static void
assert_bytes (Fixture        *fixture,
              PaTestResponse *response,
              gsize           start,
              gsize           length)
{
  gsize got = 0;
  const guint8 *body = g_bytes_get_data (response->body, &got);

  g_assert_cmpuint (got, ==, length);
  g_assert_true (memcmp (body, (const guint8 *) g_bytes_get_data (fixture->firmware, NULL) + start,
                         length) == 0);
}

/* Through both ways provd answers: "" the quick one, "?via=libsoup" the
 * one libsoup serves (as over TLS). */
static const char * const ways[] = { "", "?via=libsoup" };

static void
test_whole_and_head (Fixture       *fixture,
                     gconstpointer  data)
{
  gsize size = g_bytes_get_size (fixture->firmware);

  for (guint w = 0; w < G_N_ELEMENTS (ways); w++)
    {
      g_autoptr(PaTestResponse) whole = fetch (fixture, "GET", ways[w], NULL);
      g_autoptr(PaTestResponse) head = fetch (fixture, "HEAD", ways[w], NULL);
      g_autoptr(PaTestResponse) post = fetch (fixture, "POST", ways[w], NULL);

      g_assert_cmpuint (whole->status, ==, 200);
      assert_bytes (fixture, whole, 0, size);
      g_assert_cmpstr (soup_message_headers_get_one (whole->headers, "ETag"), ==, fixture->etag);
      g_assert_cmpstr (soup_message_headers_get_one (whole->headers, "Accept-Ranges"), ==, "bytes");
      g_assert_cmpint (soup_message_headers_get_content_length (whole->headers), ==, size);
      g_assert_cmpstr (soup_message_headers_get_content_type (whole->headers, NULL), ==,
                       "application/octet-stream");

      g_assert_cmpuint (head->status, ==, 200);
      g_assert_cmpuint (g_bytes_get_size (head->body), ==, 0);
      g_assert_cmpint (soup_message_headers_get_content_length (head->headers), ==, size);

      g_assert_cmpuint (post->status, ==, 405);
    }
}

static void
test_ranges (Fixture       *fixture,
             gconstpointer  data)
{
  gsize size = g_bytes_get_size (fixture->firmware);

  for (guint w = 0; w < G_N_ELEMENTS (ways); w++)
    {
      g_autoptr(PaTestResponse) first = fetch (fixture, "GET", ways[w], "Range", "bytes=0-99", NULL);
      g_autoptr(PaTestResponse) middle = fetch (fixture, "GET", ways[w], "Range", "bytes=150000-170000", NULL);
      g_autoptr(PaTestResponse) last = fetch (fixture, "GET", ways[w], "Range", "bytes=-1000", NULL);
      g_autoptr(PaTestResponse) rest = fetch (fixture, "GET", ways[w], "Range", "bytes=299990-", NULL);
      g_autoptr(PaTestResponse) past = fetch (fixture, "GET", ways[w], "Range", "bytes=300000-", NULL);
      g_autoptr(PaTestResponse) bad = fetch (fixture, "GET", ways[w], "Range", "bytes=9-1", NULL);
      g_autoptr(PaTestResponse) two = fetch (fixture, "GET", ways[w], "Range", "bytes=0-1,4-5", NULL);
      g_autofree char *last_range = g_strdup_printf ("bytes %" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT "/%" G_GSIZE_FORMAT,
                                                     size - 1000, size - 1, size);

      g_test_message ("way: %s", ways[w][0] != '\0' ? ways[w] : "quick");
      g_assert_cmpuint (first->status, ==, 206);
      assert_bytes (fixture, first, 0, 100);
      g_assert_cmpstr (soup_message_headers_get_one (first->headers, "Content-Range"), ==,
                       "bytes 0-99/300000");

      g_assert_cmpuint (middle->status, ==, 206);
      assert_bytes (fixture, middle, 150000, 20001);
      g_assert_cmpstr (soup_message_headers_get_one (middle->headers, "Content-Range"), ==,
                       "bytes 150000-170000/300000");

      g_assert_cmpuint (last->status, ==, 206);
      assert_bytes (fixture, last, size - 1000, 1000);
      g_assert_cmpstr (soup_message_headers_get_one (last->headers, "Content-Range"), ==, last_range);

      g_assert_cmpuint (rest->status, ==, 206);
      assert_bytes (fixture, rest, 299990, 10);

      g_assert_cmpuint (past->status, ==, 416);
      g_assert_cmpstr (soup_message_headers_get_one (past->headers, "Content-Range"), ==,
                       "bytes */300000");
      g_assert_cmpuint (g_bytes_get_size (past->body), ==, 0);

      /* Ranges not served are ignored: the whole file. */
      g_assert_cmpuint (bad->status, ==, 200);
      assert_bytes (fixture, bad, 0, size);
      g_assert_cmpuint (two->status, ==, 200);
      assert_bytes (fixture, two, 0, size);
    }
}

static void
test_conditional (Fixture       *fixture,
                  gconstpointer  data)
{
  gsize size = g_bytes_get_size (fixture->firmware);
  g_autofree char *weak = g_strdup_printf ("W/%s", fixture->etag);

  for (guint w = 0; w < G_N_ELEMENTS (ways); w++)
    {
      g_autoptr(PaTestResponse) same = fetch (fixture, "GET", ways[w], "If-None-Match", fixture->etag, NULL);
      g_autoptr(PaTestResponse) same_weak = fetch (fixture, "GET", ways[w], "If-None-Match", weak, NULL);
      g_autoptr(PaTestResponse) other = fetch (fixture, "GET", ways[w], "If-None-Match", "\"other\"", NULL);
      g_autoptr(PaTestResponse) resumed = fetch (fixture, "GET", ways[w], "Range", "bytes=100-",
                                                 "If-Range", fixture->etag, NULL);
      g_autoptr(PaTestResponse) changed = fetch (fixture, "GET", ways[w], "Range", "bytes=100-",
                                                 "If-Range", "\"an-older-file\"", NULL);

      g_assert_cmpuint (same->status, ==, 304);
      g_assert_cmpuint (g_bytes_get_size (same->body), ==, 0);
      g_assert_cmpstr (soup_message_headers_get_one (same->headers, "ETag"), ==, fixture->etag);
      g_assert_cmpuint (same_weak->status, ==, 304);
      g_assert_cmpuint (other->status, ==, 200);
      assert_bytes (fixture, other, 0, size);

      g_assert_cmpuint (resumed->status, ==, 206);
      assert_bytes (fixture, resumed, 100, size - 100);
      /* The phone holds part of another file: it gets all of this one. */
      g_assert_cmpuint (changed->status, ==, 200);
      assert_bytes (fixture, changed, 0, size);
    }
}

static void
test_not_found (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *upper = g_ascii_strup (fixture->sha256, -1);
  const char *paths[] = {
    "/firmware/",
    "/firmware/0000000000000000000000000000000000000000000000000000000000000000/fw.rom",
    "/firmware/abc/fw.rom",
    "/firmware/../admin-token",
  };
  g_autofree char *uppercase = g_strdup_printf ("/firmware/%s/fw.rom", upper);
  g_autofree char *no_name = g_strdup_printf ("/firmware/%s/", fixture->sha256);
  g_autofree char *dot_name = g_strdup_printf ("/firmware/%s/.hidden", fixture->sha256);
  g_autofree char *deeper = g_strdup_printf ("/firmware/%s/a/b.rom", fixture->sha256);
  const char *more[] = { uppercase, no_name, dot_name, deeper };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(PaTestResponse) response = pa_test_request (fixture->server, "GET", paths[i],
                                                            NULL, NULL, 0, FALSE, NULL);

      g_test_message ("GET %s", paths[i]);
      g_assert_cmpuint (response->status, ==, 404);
    }
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    {
      g_autoptr(PaTestResponse) response = pa_test_request (fixture->server, "GET", more[i],
                                                            NULL, NULL, 0, FALSE, NULL);

      g_test_message ("GET %s", more[i]);
      g_assert_cmpuint (response->status, ==, 404);
    }
}

/* -- uploads ------------------------------------------------------------- */

#define T54W_QUERY "?vendor=yealink&models=yealink-t54w,yealink-t46u&version=96.86.0.50&filename=T54W-96.86.0.50.rom"

static PaTestResponse *
upload (PaTestServer *server,
        const char   *query,
        GBytes       *bytes,
        gboolean      auth)
{
  g_autofree char *path = g_strconcat ("/api/v1/firmware/upload", query, NULL);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  return pa_test_request (server, "POST", path, "application/octet-stream", data, size, auth, NULL);
}

/* The files in the firmware folder, sorted, space-separated. */
static char *
firmware_files (PaTestServer *server)
{
  g_autofree char *dir = g_build_filename (server->data_dir, "firmware", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_upload (Fixture       *fixture,
             gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(GBytes) other = g_bytes_new_static ("a different firmware image", 26);
  g_autofree char *other_sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, other);
  g_autoptr(PaTestResponse) made = upload (server, T54W_QUERY, other, TRUE);
  g_autoptr(PaTestResponse) again = upload (server, T54W_QUERY, other, TRUE);
  g_autoptr(PaTestResponse) json = pa_test_api (server, "POST", "/api/v1/firmware",
                                                "{\"vendor\": \"yealink\", \"models\": [\"yealink-t54w\"],"
                                                " \"version\": \"1\", \"sha256\": \"00\"}", NULL);
  g_autoptr(PaTestResponse) served = NULL;
  g_autoptr(PaTestResponse) patched = NULL;
  g_autoptr(PaTestResponse) deleted = NULL;
  g_autoptr(PaTestResponse) gone = NULL;
  g_autofree char *served_path = g_strdup_printf ("/firmware/%s/T54W-96.86.0.50.rom", other_sha);
  g_autofree char *record = NULL;
  g_autofree char *files = NULL;
  JsonObject *object;
  gint64 id;

  g_assert_cmpuint (made->status, ==, 201);
  object = pa_test_response_object (made);
  id = json_object_get_int_member (object, "id");
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, other_sha);
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 26);
  g_assert_cmpstr (json_object_get_string_member (object, "filename"), ==, "T54W-96.86.0.50.rom");
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "T54W-96.86.0.50.rom");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "96.86.0.50");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "models")), ==, 2);
  record = g_strdup_printf ("/api/v1/firmware/%" G_GINT64_FORMAT, id);
  g_assert_cmpstr (soup_message_headers_get_one (made->headers, "Location"), ==, record);

  /* Stored under its hash, beside the fixture's file, and served. */
  files = firmware_files (server);
  g_assert_nonnull (strstr (files, other_sha));
  g_assert_null (strstr (files, ".upload-"));
  served = pa_test_request (server, "GET", served_path, NULL, NULL, 0, FALSE, NULL);
  g_assert_cmpuint (served->status, ==, 200);
  g_assert_true (g_bytes_equal (served->body, other));

  /* The same bytes twice: one record says where. */
  g_assert_cmpuint (again->status, ==, 409);
  g_assert_nonnull (strstr (again->text, "T54W-96.86.0.50.rom"));
  /* No record without its file, and no hash from a client. */
  g_assert_cmpuint (json->status, ==, 422);
  g_assert_cmpint (pa_test_total_of (server, "firmware"), ==, 1);

  /* The details may change; what the file is may not. */
  patched = pa_test_api (server, "PATCH", record,
                         "{\"version\": \"96.86.0.51\", \"sha256\": \"00\", \"size\": 1}", "*");
  g_assert_cmpuint (patched->status, ==, 200);
  object = pa_test_response_object (patched);
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "96.86.0.51");
  g_assert_cmpstr (json_object_get_string_member (object, "sha256"), ==, other_sha);
  g_assert_cmpint (json_object_get_int_member (object, "size"), ==, 26);

  /* Deleted: its file goes once the request is over. */
  deleted = pa_test_api (server, "DELETE", record, NULL, "*");
  g_assert_cmpuint (deleted->status, ==, 204);
  for (int i = 0; i < 100; i++)
    {
      g_autoptr(PaTestResponse) probe = pa_test_request (server, "GET", served_path, NULL, NULL, 0, FALSE, NULL);

      if (probe->status == 404)
        break;
      g_usleep (20 * 1000);
    }
  gone = pa_test_request (server, "GET", served_path, NULL, NULL, 0, FALSE, NULL);
  g_assert_cmpuint (gone->status, ==, 404);
}

/* Bad uploads: a clear error, no record, no file left behind. */
static void
test_upload_refused (Fixture       *fixture,
                     gconstpointer  data)
{
  static const struct
  {
    const char *what;
    const char *query;
    guint       status;
    const char *field;
  } cases[] = {
    { "no file name", "?vendor=yealink&models=yealink-t54w&version=1", 400, "filename" },
    { "a file name with a slash", "?vendor=yealink&models=yealink-t54w&version=1&filename=a/b.rom", 400, "filename" },
    { "an unknown brand", "?vendor=acme&models=yealink-t54w&version=1&filename=f.rom", 400, "vendor" },
    { "another brand's model", "?vendor=yealink&models=polycom-vvx450&version=1&filename=f.rom", 400, "models[0]" },
    { "no model", "?vendor=yealink&version=1&filename=f.rom", 400, "models" },
    { "no version", "?vendor=yealink&models=yealink-t54w&filename=f.rom", 400, "version" },
    { "a version with a space", "?vendor=yealink&models=yealink-t54w&version=1%202&filename=f.rom", 400, "version" },
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static ("firmware", 8);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autofree char *before = firmware_files (fixture->server);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaTestResponse) response = upload (fixture->server, cases[i].query, bytes, TRUE);
      g_autofree char *after = NULL;

      g_test_message ("%s: %u %s", cases[i].what, response->status, response->text);
      g_assert_cmpuint (response->status, ==, cases[i].status);
      pa_test_assert_error (response, cases[i].status, "invalid_value", cases[i].field);
      after = firmware_files (fixture->server);
      g_assert_cmpstr (after, ==, before);
    }
  {
    g_autoptr(PaTestResponse) nothing = upload (fixture->server, T54W_QUERY, empty, TRUE);
    g_autoptr(PaTestResponse) stranger = upload (fixture->server, T54W_QUERY, bytes, FALSE);
    g_autofree char *after = firmware_files (fixture->server);

    g_assert_cmpuint (nothing->status, ==, 400);
    g_assert_cmpuint (stranger->status, ==, 401);
    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpint (pa_test_total_of (fixture->server, "firmware"), ==, 0);
}

/* What a stopped provd left (half an upload, a file no record names) is
 * gone once it starts again; recorded files stay. */
static void
test_collect_on_start (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("kept firmware", 13);
  g_autoptr(PaTestResponse) made = upload (fixture->server, T54W_QUERY, bytes, TRUE);
  g_autofree char *kept = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *half = g_build_filename (fixture->server->data_dir, "firmware", ".upload-AbC123", NULL);
  g_autofree char *files = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (made->status, ==, 201);
  g_file_set_contents (half, "half", -1, &error);
  g_assert_no_error (error);
  pa_test_server_restart (fixture->server);
  files = firmware_files (fixture->server);
  /* The fixture's file had no record either. */
  g_assert_cmpstr (files, ==, kept);
}

/* A phone given a target firmware: its file names the firmware's URL,
 * which serves the file; another model's firmware is refused; the
 * record cannot go while a phone is to be updated to it. */
static void
test_phone_target (Fixture       *fixture,
                   gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(GBytes) bytes = g_bytes_new_static ("T54W firmware 96.86.0.50", 24);
  g_autoptr(GBytes) vvx = g_bytes_new_static ("VVX firmware", 12);
  g_autoptr(PaTestResponse) made = upload (server, T54W_QUERY, bytes, TRUE);
  g_autoptr(PaTestResponse) made_vvx = upload (server, "?vendor=polycom&models=polycom-vvx450&version=6.4.6&filename=sip.ld", vvx, TRUE);
  gint64 firmware = json_object_get_int_member (pa_test_response_object (made), "id");
  gint64 firmware_vvx = json_object_get_int_member (pa_test_response_object (made_vvx), "id");
  g_autofree char *sha = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *body = g_strdup_printf ("{\"name\": \"Desk\", \"mac\": \"80:5E:C0:00:00:01\", \"vendor\": \"yealink\","
                                           " \"model\": \"yealink-t54w\", \"sip_server\": \"pbx.example.com\","
                                           " \"firmware_id\": %" G_GINT64_FORMAT "}", firmware);
  gint64 phone = pa_test_create (server, "phones", body);
  g_autoptr(PaTestResponse) got = pa_test_get (server, "phones", phone);
  g_autofree char *file = g_strdup_printf ("/p/%s/y000000000096.cfg",
                                           json_object_get_string_member (pa_test_response_object (got), "token"));
  g_autofree char *url = g_strdup_printf ("%s/firmware/%s/T54W-96.86.0.50.rom", server->url, sha);
  g_autofree char *line = g_strdup_printf ("static.firmware.url = %s", url);
  g_autofree char *wrong = g_strdup_printf ("{\"firmware_id\": %" G_GINT64_FORMAT "}", firmware_vvx);
  g_autofree char *phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, phone);
  g_autofree char *firmware_path = g_strdup_printf ("/api/v1/firmware/%" G_GINT64_FORMAT, firmware);
  g_autoptr(PaTestResponse) config = NULL;
  g_autoptr(PaTestResponse) image = NULL;
  g_autoptr(PaTestResponse) refused = NULL;
  g_autoptr(PaTestResponse) in_use = NULL;
  g_autoptr(PaTestResponse) cleared = NULL;
  g_autoptr(PaTestResponse) config_after = NULL;
  g_autoptr(PaTestResponse) deleted = NULL;

  g_assert_cmpuint (made->status, ==, 201);
  g_assert_cmpuint (made_vvx->status, ==, 201);

  /* Yealink writes it in the model's common file (y000000000096.cfg for
   * a T54W), which provd also serves per phone. */
  config = pa_test_request (server, "GET", file, NULL, NULL, 0, FALSE,
                            (const char * const[]) { "User-Agent", "Yealink SIP-T54W 96.85.0.5 80:5e:c0:00:00:01", NULL });
  g_assert_cmpuint (config->status, ==, 200);
  g_test_message ("%s", line);
  g_assert_nonnull (strstr (config->text, line));
  /* The phone's view: the URL it was given answers with the file. */
  image = pa_test_request (server, "GET", url + strlen (server->url), NULL, NULL, 0, FALSE, NULL);
  g_assert_cmpuint (image->status, ==, 200);
  g_assert_true (g_bytes_equal (image->body, bytes));

  refused = pa_test_api (server, "PATCH", phone_path, wrong, "*");
  pa_test_assert_error (refused, 422, "rule_violation", "firmware_id");

  in_use = pa_test_api (server, "DELETE", firmware_path, NULL, "*");
  g_assert_cmpuint (in_use->status, ==, 409);
  g_assert_nonnull (strstr (in_use->text, "1 phone is to be updated"));

  cleared = pa_test_api (server, "PATCH", phone_path, "{\"firmware_id\": null}", "*");
  g_assert_cmpuint (cleared->status, ==, 200);
  config_after = pa_test_request (server, "GET", file, NULL, NULL, 0, FALSE,
                                  (const char * const[]) { "User-Agent", "Yealink SIP-T54W 96.85.0.5 80:5e:c0:00:00:01", NULL });
  g_assert_cmpuint (config_after->status, ==, 200);
  g_assert_null (strstr (config_after->text, "static.firmware.url"));
  deleted = pa_test_api (server, "DELETE", firmware_path, NULL, "*");
  g_assert_cmpuint (deleted->status, ==, 204);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/firmware/range-parse", test_range_parse);
  g_test_add_func ("/firmware/etag-matches", test_etag_matches);
  g_test_add ("/firmware/whole-and-head", Fixture, NULL, fixture_setup, test_whole_and_head, fixture_teardown);
  g_test_add ("/firmware/ranges", Fixture, NULL, fixture_setup, test_ranges, fixture_teardown);
  g_test_add ("/firmware/conditional", Fixture, NULL, fixture_setup, test_conditional, fixture_teardown);
  g_test_add ("/firmware/not-found", Fixture, NULL, fixture_setup, test_not_found, fixture_teardown);
  g_test_add ("/firmware/upload", Fixture, NULL, fixture_setup, test_upload, fixture_teardown);
  g_test_add ("/firmware/upload-refused", Fixture, NULL, fixture_setup, test_upload_refused, fixture_teardown);
  g_test_add ("/firmware/collect-on-start", Fixture, NULL, fixture_setup, test_collect_on_start, fixture_teardown);
  g_test_add ("/firmware/phone-target", Fixture, NULL, fixture_setup, test_phone_target, fixture_teardown);
  return g_test_run ();
}
