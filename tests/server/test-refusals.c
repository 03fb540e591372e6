/* test-refusals.c — refused phone requests: one log line each, matched by
 * the fail2ban filter provd ships, and a client that keeps guessing slowed
 * down
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "pa-test-server.h"

/* The shipped filter's failregex, as fail2ban reads it: <HOST> is an
 * address. */
static GRegex *
shipped_failregex (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "fail2ban",
                                                 "phoneadmin-provd.conf", NULL);
  g_autoptr(GKeyFile) filter = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *failregex = NULL;
  g_autoptr(GString) pattern = NULL;

  g_assert_true (g_key_file_load_from_file (filter, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  failregex = g_key_file_get_string (filter, "Definition", "failregex", &error);
  g_assert_no_error (error);
  pattern = g_string_new (failregex);
  g_string_replace (pattern, "<HOST>", "(?P<host>[0-9A-Fa-f.:]+)", 0);
  return g_regex_new (pattern->str, G_REGEX_MULTILINE, 0, &error);
}

static guint
count_matches (GRegex     *regex,
               const char *log,
               const char *host)
{
  g_auto(GStrv) lines = g_strsplit (log, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (g_regex_match (regex, lines[i], 0, &match))
        {
          g_autofree char *found = g_match_info_fetch_named (match, "host");

          g_assert_cmpstr (found, ==, host);
          n++;
        }
    }
  return n;
}

static void
test_refusals (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-refusals-XXXXXX", &error);
  g_autofree char *log_path = g_build_filename (dir, "stderr.log", NULL);
  PaTestServerOptions options = { .stderr_path = log_path };
  g_autoptr(PaTestServer) server = pa_test_server_new_with_options (&options);
  g_autoptr(GRegex) regex = shipped_failregex ();
  g_autoptr(PaTestResponse) created = NULL;
  g_autofree char *good = NULL;
  g_autofree char *log = NULL;
  const char *token = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  guint refused = 0, slowed = 0;

  g_assert_nonnull (regex);
  created = pa_test_api (server, "POST", "/api/v1/phones",
                         "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:12:34:56\", "
                         "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  good = g_strdup_printf ("/p/%s/805ec0123456.cfg",
                          json_object_get_string_member (pa_test_response_object (created), "token"));

  /* A file name that tries to pose as another address in the log. */
  {
    g_autoptr(PaTestResponse) r = pa_test_request (server, "GET",
                                                   "/p/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/"
                                                   "Refused%20phone%20request%20from%2010.0.0.1%3A%20y",
                                                   NULL, NULL, -1, FALSE, NULL);
    g_assert_cmpuint (r->status, ==, 404);
    refused++;
  }

  /* Guessing: the first refusals are 404, then 429 with Retry-After. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *path = g_strdup_printf ("/p/%s/805ec0%06x.cfg", token, i);
      g_autoptr(PaTestResponse) r = pa_test_request (server, "GET", path, NULL, NULL, -1, FALSE, NULL);

      if (r->status == 404)
        {
          g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);
          refused++;
        }
      else
        {
          g_assert_cmpuint (r->status, ==, 429);
          g_assert_cmpstr (soup_message_headers_get_one (r->headers, "Retry-After"), ==, "1");
          slowed++;
        }
    }
  g_assert_cmpuint (refused, >=, 20);
  g_assert_cmpuint (refused, <, 30);
  g_assert_cmpuint (slowed, >, 0);

  /* A phone with its own link is not a guesser: it is served. (The same
   * address here, once its tokens came back.) */
  g_usleep (1200 * 1000);
  {
    g_autoptr(PaTestResponse) r = pa_test_request (server, "GET", good, NULL, NULL, -1, FALSE, NULL);

    g_assert_cmpuint (r->status, ==, 200);
  }

  pa_test_server_stop (server);
  g_assert_true (g_file_get_contents (log_path, &log, NULL, NULL));
  /* one line per refusal, each matched with the client's own address */
  g_assert_cmpuint (count_matches (regex, log, "127.0.0.1"), ==, refused);

  g_unlink (log_path);
  g_rmdir (dir);
}

/* Phones only from the networks provd's key file names: a request from
 * elsewhere is refused like a bad token, even with a real setup link. */
static void
test_phone_networks (void)
{
  static const struct
  {
    const char *networks;
    guint       status;
  } cases[] = {
    { "192.0.2.0/24", 404 },
    { "192.0.2.0/24;127.0.0.0/8", 200 },
    { "127.0.0.1", 200 },
    { "::1/128", 404 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = g_dir_make_tmp ("pa-networks-XXXXXX", &error);
      g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
      g_autofree char *log_path = g_build_filename (dir, "stderr.log", NULL);
      g_autofree char *text = g_strdup_printf ("[server]\nsip-server=pbx.example.com\n"
                                               "phone-networks=%s\n", cases[i].networks);
      PaTestServerOptions options = { .config_file = config, .stderr_path = log_path };
      g_autoptr(PaTestServer) server = NULL;
      g_autoptr(PaTestResponse) created = NULL;
      g_autoptr(PaTestResponse) fetched = NULL;
      g_autoptr(PaTestResponse) again = NULL;
      g_autofree char *path = NULL;
      g_autofree char *log = NULL;
      const char *headers[] = { "User-Agent", "Yealink SIP-T54W 96.86.0.100", NULL };

      g_test_message ("phone-networks=%s", cases[i].networks);
      g_assert_true (g_file_set_contents (config, text, -1, &error));
      server = pa_test_server_new_with_options (&options);
      created = pa_test_api (server, "POST", "/api/v1/phones",
                             "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:12:34:56\", "
                             "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}", NULL);
      g_assert_cmpuint (created->status, ==, 201);
      path = g_strdup_printf ("/p/%s/805ec0123456.cfg",
                              json_object_get_string_member (pa_test_response_object (created),
                                                             "token"));
      fetched = pa_test_request (server, "GET", path, NULL, NULL, -1, FALSE, headers);
      g_assert_cmpuint (fetched->status, ==, cases[i].status);
      /* Twice: the second is a cached file, answered by the quick path. */
      again = pa_test_request (server, "GET", path, NULL, NULL, -1, FALSE, headers);
      g_assert_cmpuint (again->status, ==, cases[i].status);
      /* The admin API is no phone endpoint: not limited. */
      g_assert_cmpuint (created->status, ==, 201);

      if (cases[i].status == 404)
        {
          g_autoptr(GRegex) regex = shipped_failregex ();

          pa_test_server_stop (server);
          g_assert_true (g_file_get_contents (log_path, &log, NULL, &error));
          g_assert_nonnull (strstr (log, "outside phone-networks"));
          g_assert_cmpuint (count_matches (regex, log, "127.0.0.1"), ==, 2);
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/refusals/phone-networks", test_phone_networks);
  g_test_add_func ("/refusals/logged-matched-slowed", test_refusals);

  return g_test_run ();
}
