/* test-http-auth.c — a phone's own HTTP credentials on its setup link,
 * against the real provd: written into its files, not asked for until the
 * phone has used them, then required (digest), wrong ones refused, and
 * gone with http_auth; plus the digest arithmetic on its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-http-auth.h"
#include "pa-test-server.h"

#define UA "Yealink SIP-T54W 96.86.0.100 80:5e:c0:12:34:56"

typedef struct
{
  const char *user;
  const char *password;
  guint       asked;     /* how often the server asked for credentials */
} Credentials;

static gboolean
authenticate_cb (SoupMessage *msg,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  Credentials *credentials = user_data;

  credentials->asked++;
  if (retrying || credentials->user == NULL)
    return FALSE;
  g_assert_cmpstr (soup_auth_get_scheme_name (auth), ==, "Digest");
  soup_auth_authenticate (auth, credentials->user, credentials->password);
  return TRUE;
}

/* A fetch as a phone makes it, answering a challenge with @credentials
 * (their user NULL: none). */
static guint
fetch (PaTestServer *server,
       const char   *path,
       Credentials  *credentials,
       char        **text)
{
  g_autoptr(SoupSession) session = soup_session_new_with_options ("timeout", 10, NULL);
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "User-Agent", UA);
  g_signal_connect (msg, "authenticate", G_CALLBACK (authenticate_cb), credentials);
  body = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  if (text != NULL)
    *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return soup_message_get_status (msg);
}

static char *
line_value (const char *text,
            const char *key)
{
  g_autofree char *prefix = g_strconcat (key, " = ", NULL);
  const char *start = strstr (text, prefix);
  const char *end;

  g_assert_nonnull (start);
  start += strlen (prefix);
  end = strchr (start, '\n');
  return g_strndup (start, end - start);
}

static void
test_phone_credentials (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(PaTestResponse) created = NULL;
  g_autoptr(PaTestResponse) patched = NULL;
  g_autofree char *common_path = NULL;
  g_autofree char *own_path = NULL;
  g_autofree char *common = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  g_autofree char *phone_path = NULL;
  Credentials none = { NULL, NULL, 0 };
  Credentials wrong = { "805ec0123456", "not-it", 0 };
  Credentials right = { NULL, NULL, 0 };
  const char *token;
  gint64 id;

  g_setenv ("PA_HTTP_AUTH_GRACE_SECONDS", "1", TRUE);   /* inherited by provd */
  server = pa_test_server_new ();

  created = pa_test_api (server, "POST", "/api/v1/phones",
                         "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:12:34:56\", \"vendor\": \"yealink\","
                         " \"model\": \"yealink-t54w\", \"http_auth\": true}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  g_assert_true (json_object_get_boolean_member (pa_test_response_object (created), "http_auth"));
  id = json_object_get_int_member (pa_test_response_object (created), "id");
  token = json_object_get_string_member (pa_test_response_object (created), "token");
  common_path = g_strdup_printf ("/p/%s/y000000000096.cfg", token);
  own_path = g_strdup_printf ("/p/%s/805ec0123456.cfg", token);

  /* Its first fetch, without credentials, gets them. */
  g_assert_cmpuint (fetch (server, common_path, &none, &common), ==, 200);
  g_assert_cmpuint (none.asked, ==, 0);
  user = line_value (common, "static.auto_provision.server.username");
  password = line_value (common, "static.auto_provision.server.password");
  g_assert_cmpstr (user, ==, "805ec0123456");
  g_assert_cmpuint (strlen (password), >=, 12);
  /* The preview masks the password like any secret. */
  {
    g_autofree char *preview_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT
                                                     "/preview/y000000000096.cfg", id);
    g_autoptr(PaTestResponse) preview = pa_test_api (server, "GET", preview_path, NULL, NULL);

    g_assert_null (strstr (preview->text, password));
  }

  /* The right ones: served, and from now on required. */
  /* Within the grace time (the rest of the phone's first fetches) the link
   * still answers without. */
  right.user = user;
  right.password = password;
  g_assert_cmpuint (fetch (server, own_path, &right, NULL), ==, 200);
  g_assert_cmpuint (right.asked, ==, 0);
  /* The grace time is 1 s here (PA_HTTP_AUTH_GRACE_SECONDS, set for this
   * test; 10 minutes otherwise): past it, a digest challenge. */
  g_usleep (2 * G_USEC_PER_SEC);
  {
    g_autoptr(PaTestResponse) bare = NULL;
    const char *headers[] = { "User-Agent", UA, NULL };

    bare = pa_test_request (server, "GET", own_path, NULL, NULL, -1, FALSE, headers);
    g_assert_cmpuint (bare->status, ==, 401);
    g_assert_true (g_str_has_prefix (soup_message_headers_get_one (bare->headers,
                                                                   "WWW-Authenticate"),
                                     "Digest realm=\"phoneadmin\""));
  }
  right.asked = 0;
  g_assert_cmpuint (fetch (server, common_path, &right, NULL), ==, 200);
  g_assert_cmpuint (right.asked, ==, 1);
  /* A wrong pair is refused (and counted like a guessed token). */
  g_assert_cmpuint (fetch (server, own_path, &wrong, NULL), ==, 401);
  g_assert_cmpuint (wrong.asked, ==, 2);
  {
    const char *basic[] = { "User-Agent", UA, "Authorization", NULL, NULL };
    g_autofree char *pair = g_strconcat (user, ":", password, NULL);
    g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
    g_autofree char *value = g_strconcat ("Basic ", encoded, NULL);
    g_autoptr(PaTestResponse) plain = NULL;

    /* Basic sends the password readable: not over plain HTTP. */
    basic[3] = value;
    plain = pa_test_request (server, "GET", own_path, NULL, NULL, -1, FALSE, basic);
    g_assert_cmpuint (plain->status, ==, 401);
  }

  /* http_auth off: asked for nothing, and the files carry none. */
  phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, id);
  patched = pa_test_api (server, "PATCH", phone_path, "{\"http_auth\": false}", "*");
  g_assert_cmpuint (patched->status, ==, 200);
  none.asked = 0;
  g_clear_pointer (&common, g_free);
  g_assert_cmpuint (fetch (server, common_path, &none, &common), ==, 200);
  g_assert_cmpuint (none.asked, ==, 0);
  g_assert_nonnull (strstr (common, "static.auto_provision.server.password = \n"));
}

/* The arithmetic, with RFC 2617's own example (realm and nonce aside). */
static void
test_digest_unit (void)
{
  const char *secret = "test-secret";
  gint64 now = 1764763200;
  g_autofree char *challenge = pa_http_auth_challenge (secret, FALSE, now);
  g_autofree char *nonce = NULL;
  g_autofree char *ha1 = g_compute_checksum_for_string (G_CHECKSUM_MD5,
                                                        "Mufasa:phoneadmin:Circle Of Life", -1);
  g_autofree char *ha2 = g_compute_checksum_for_string (G_CHECKSUM_MD5, "GET:/p/x/a.cfg", -1);
  g_autofree char *all = NULL;
  g_autofree char *response = NULL;
  g_autofree char *header = NULL;
  const char *start = strstr (challenge, "nonce=\"") + 7;

  nonce = g_strndup (start, strchr (start, '"') - start);
  all = g_strdup_printf ("%s:%s:00000001:0a4f113b:auth:%s", ha1, nonce, ha2);
  response = g_compute_checksum_for_string (G_CHECKSUM_MD5, all, -1);
  header = g_strdup_printf ("Digest username=\"Mufasa\", realm=\"phoneadmin\", nonce=\"%s\","
                            " uri=\"/p/x/a.cfg\", qop=auth, nc=00000001, cnonce=\"0a4f113b\","
                            " response=\"%s\", algorithm=MD5", nonce, response);

  g_assert_cmpint (pa_http_auth_check (header, "GET", "/p/x/a.cfg", "Mufasa", "Circle Of Life",
                                       secret, FALSE, now + 10), ==, PA_HTTP_AUTH_OK);
  g_assert_cmpint (pa_http_auth_check (header, "GET", "/p/x/a.cfg", "Mufasa", "Other",
                                       secret, FALSE, now), ==, PA_HTTP_AUTH_WRONG);
  g_assert_cmpint (pa_http_auth_check (header, "GET", "/p/x/b.cfg", "Mufasa", "Circle Of Life",
                                       secret, FALSE, now), ==, PA_HTTP_AUTH_WRONG);
  g_assert_cmpint (pa_http_auth_check (header, "GET", "/p/x/a.cfg", "Mufasa", "Circle Of Life",
                                       "another-secret", FALSE, now), ==, PA_HTTP_AUTH_WRONG);
  g_assert_cmpint (pa_http_auth_check (header, "GET", "/p/x/a.cfg", "Mufasa", "Circle Of Life",
                                       secret, FALSE, now + PA_HTTP_AUTH_NONCE_SECONDS + 1), ==,
                   PA_HTTP_AUTH_STALE);
  g_assert_cmpint (pa_http_auth_check (NULL, "GET", "/p/x/a.cfg", "Mufasa", "Circle Of Life",
                                       secret, FALSE, now), ==, PA_HTTP_AUTH_MISSING);
  g_assert_cmpint (pa_http_auth_check ("Basic TXVmYXNhOkNpcmNsZSBPZiBMaWZl", "GET", "/p/x/a.cfg",
                                       "Mufasa", "Circle Of Life", secret, FALSE, now), ==,
                   PA_HTTP_AUTH_MISSING);
  g_assert_cmpint (pa_http_auth_check ("Basic TXVmYXNhOkNpcmNsZSBPZiBMaWZl", "GET", "/p/x/a.cfg",
                                       "Mufasa", "Circle Of Life", secret, TRUE, now), ==,
                   PA_HTTP_AUTH_OK);
  /* Junk in every shape is refused, never a crash. */
  g_assert_cmpint (pa_http_auth_check ("Digest", "GET", "/", "u", "p", secret, FALSE, now), ==,
                   PA_HTTP_AUTH_MISSING);
  g_assert_cmpint (pa_http_auth_check ("Digest username=", "GET", "/", "u", "p", secret, FALSE,
                                       now), ==, PA_HTTP_AUTH_WRONG);
  g_assert_cmpint (pa_http_auth_check ("Digest nonce=\"zz.zz\", username=\"u\", realm=\"phoneadmin\","
                                       " uri=\"/\", response=\"00\"", "GET", "/", "u", "p", secret,
                                       FALSE, now), ==, PA_HTTP_AUTH_WRONG);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/http-auth/digest-unit", test_digest_unit);
  g_test_add_func ("/http-auth/phone-credentials", test_phone_credentials);
  return g_test_run ();
}
