/* test-bootstrap.c — the site bootstrap URL and discovery, as a phone on
 * its first boot and an office's admin meet them, against the real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-test-server.h"

#define T54W_UA(mac) "Yealink SIP-T54W 96.86.0.100 " mac

typedef struct
{
  PaTestServer *server;
  char         *bootstrap;    /* path: "/p/<site key>/" */
  char         *token;        /* the known phone's */
  char         *sip_password;
  gint64        phone_id;
} Office;

static void
office_set_up (Office        *office,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pa-bootstrap-XXXXXX", &error);
  g_autofree char *config = g_build_filename (dir, "provd.conf", NULL);
  g_autoptr(PaTestResponse) info = NULL;
  g_autoptr(PaTestResponse) created = NULL;
  const char *url;

  g_file_set_contents (config, "[server]\nsip-server=pbx.example.com\n"
                               "public-url=http://192.0.2.1:8670\n", -1, &error);
  g_assert_no_error (error);
  office->server = pa_test_server_new_full (dir, config);

  info = pa_test_api (office->server, "GET", "/api/v1", NULL, NULL);
  url = json_object_get_string_member (pa_test_response_object (info), "bootstrap_url");
  g_assert_true (g_str_has_prefix (url, "http://192.0.2.1:8670/p/"));
  g_assert_true (g_str_has_suffix (url, "/"));
  office->bootstrap = g_strdup (url + strlen ("http://192.0.2.1:8670"));

  pa_test_create (office->server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  created = pa_test_api (office->server, "POST", "/api/v1/phones",
                         "{\"name\": \"Desk\", \"mac\": \"80:5E:C0:00:00:01\","
                         " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\", \"agent_id\": 1,"
                         " \"admin_password_mode\": \"manual\", \"admin_password\": \"Adm1n-Secret\"}",
                         NULL);
  g_assert_cmpuint (created->status, ==, 201);
  office->phone_id = json_object_get_int_member (pa_test_response_object (created), "id");
  office->token = g_strdup (json_object_get_string_member (pa_test_response_object (created),
                                                           "token"));
  office->sip_password = g_strdup (json_object_get_string_member (pa_test_response_object (created),
                                                                  "sip_password"));
  g_assert_nonnull (office->sip_password);
}

static void
office_tear_down (Office        *office,
                  gconstpointer  data)
{
  g_clear_pointer (&office->server, pa_test_server_free);
  g_free (office->bootstrap);
  g_free (office->token);
  g_free (office->sip_password);
}

static PaTestResponse *
fetch (Office     *office,
       const char *file,
       const char *user_agent)
{
  g_autofree char *path = g_strconcat (office->bootstrap, file, NULL);
  const char *headers[] = { "User-Agent", user_agent, NULL };

  return pa_test_request (office->server, "GET", path, NULL, NULL, -1, FALSE,
                          user_agent != NULL ? headers : NULL);
}

static JsonArray *
discovered (Office *office)
{
  g_autoptr(PaTestResponse) list = pa_test_api (office->server, "GET", "/api/v1/discovered",
                                                NULL, NULL);
  JsonObject *object;

  g_assert_cmpuint (list->status, ==, 200);
  object = pa_test_response_object (list);
  g_assert_cmpint (json_object_get_int_member (object, "total"), ==,
                   json_array_get_length (json_object_get_array_member (object, "items")));
  return json_array_ref (json_object_get_array_member (object, "items"));
}

/* A known phone gets a file that points it at its own setup link, asks
 * again soon, and carries no secret. */
static void
test_known_phone (Office        *office,
                  gconstpointer  data)
{
  g_autoptr(PaTestResponse) common = fetch (office, "y000000000096.cfg",
                                            T54W_UA ("80:5e:c0:00:00:01"));
  g_autoptr(PaTestResponse) own = fetch (office, "805ec0000001.cfg", T54W_UA ("80:5e:c0:00:00:01"));
  g_autoptr(PaTestResponse) real = NULL;
  g_autofree char *link = g_strdup_printf ("static.auto_provision.server.url = "
                                           "http://192.0.2.1:8670/p/%s/\n", office->token);
  g_autofree char *real_path = g_strdup_printf ("/p/%s/805ec0000001.cfg", office->token);
  const char *headers[] = { "User-Agent", T54W_UA ("80:5e:c0:00:00:01"), NULL };
  g_autoptr(JsonArray) none = NULL;

  /* The file every T54W asks for first: nothing for it here. */
  g_assert_cmpuint (common->status, ==, 404);

  g_assert_cmpuint (own->status, ==, 200);
  g_assert_nonnull (strstr (own->text, link));
  g_assert_nonnull (strstr (own->text, "static.auto_provision.repeat.minutes = 5\n"));
  g_assert_null (strstr (own->text, office->sip_password));
  g_assert_null (strstr (own->text, "Adm1n-Secret"));
  g_assert_null (strstr (own->text, "pbx.example.com"));
  g_assert_null (strstr (own->text, "account.1.enable = 1"));
  g_assert_cmpstr (soup_message_headers_get_one (own->headers, "Cache-Control"), ==, "no-store");

  /* The setup link then serves the secrets, as before. */
  real = pa_test_request (office->server, "GET", real_path, NULL, NULL, -1, FALSE, headers);
  g_assert_cmpuint (real->status, ==, 200);
  g_assert_nonnull (strstr (real->text, office->sip_password));
  g_assert_nonnull (strstr (real->text, "account.1.enable = 1"));

  /* A known phone is not "discovered". */
  none = discovered (office);
  g_assert_cmpuint (json_array_get_length (none), ==, 0);
}

/* Another vendor, its own file names: a Grandstream asks cfg<mac>.xml. */
static void
test_other_vendor (Office        *office,
                   gconstpointer  data)
{
  g_autoptr(PaTestResponse) created = NULL;
  g_autoptr(PaTestResponse) own = NULL;
  const char *token;

  created = pa_test_api (office->server, "POST", "/api/v1/phones",
                         "{\"name\": \"Lobby\", \"mac\": \"00:0B:82:00:00:02\","
                         " \"vendor\": \"grandstream\", \"model\": \"grandstream-gxp2170\"}", NULL);
  g_assert_cmpuint (created->status, ==, 201);
  token = json_object_get_string_member (pa_test_response_object (created), "token");
  own = fetch (office, "cfg000b82000002.xml", "Grandstream Model HW GXP2170 SW 1.0.11.3 DevId 000b82000002");
  g_assert_cmpuint (own->status, ==, 200);
  g_assert_nonnull (strstr (own->text, token));
  g_assert_null (strstr (own->text, json_object_get_string_member (pa_test_response_object (created),
                                                                   "sip_password")));
}

/* Every vendor: the phone's own file on the bootstrap URL points it at its
 * setup link and carries no secret. The file name is the one the catalog
 * says the model asks for. */
static void
test_every_vendor (Office        *office,
                   gconstpointer  data)
{
  static const struct
  {
    const char *vendor;
    const char *model;
    const char *mac;
  } phones[] = {
    { "yealink", "yealink-t31p", "00:15:65:00:00:11" },
    { "polycom", "polycom-vvx250", "00:04:F2:00:00:12" },
    { "grandstream", "grandstream-gxp2130", "00:0B:82:00:00:13" },
    { "cisco", "cisco-spa303", "00:26:99:00:00:14" },
    { "snom", "snom-d715", "00:04:13:00:00:15" },
    { "fanvil", "fanvil-x4u", "0C:38:3E:00:00:16" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *body = NULL;
      g_autofree char *models_path = g_strdup_printf ("/api/v1/catalog/models/%s", phones[i].model);
      g_autoptr(PaTestResponse) created = NULL;
      g_autoptr(PaTestResponse) model = NULL;
      g_autoptr(PaTestResponse) own = NULL;
      g_autoptr(GString) file = NULL;
      g_autoptr(GString) compact = g_string_new (NULL);
      g_autofree char *upper = NULL;
      JsonObject *phone;

      body = g_strdup_printf ("{\"name\": \"%s\", \"mac\": \"%s\", \"vendor\": \"%s\","
                              " \"model\": \"%s\", \"agent_id\": 1}",
                              phones[i].vendor, phones[i].mac, phones[i].vendor, phones[i].model);
      created = pa_test_api (office->server, "POST", "/api/v1/phones", body, NULL);
      g_assert_cmpuint (created->status, ==, 201);
      phone = pa_test_response_object (created);

      model = pa_test_api (office->server, "GET", models_path, NULL, NULL);
      file = g_string_new (json_object_get_string_member (pa_test_response_object (model),
                                                          "device_file"));
      for (const char *p = phones[i].mac; *p != '\0'; p++)
        if (*p != ':')
          g_string_append_c (compact, g_ascii_tolower (*p));
      upper = g_ascii_strup (compact->str, -1);
      g_string_replace (file, "{mac}", compact->str, 0);
      g_string_replace (file, "{MAC}", upper, 0);

      g_test_message ("%s %s", phones[i].model, file->str);
      own = fetch (office, file->str, NULL);
      g_assert_cmpuint (own->status, ==, 200);
      g_assert_nonnull (strstr (own->text, json_object_get_string_member (phone, "token")));
      g_assert_null (strstr (own->text, json_object_get_string_member (phone, "sip_password")));
      g_assert_null (strstr (own->text, "pbx.example.com"));
    }

  /* A Poly asks its master file first: that stays a master file, naming
   * the next one, which then comes from the bootstrap URL too. */
  {
    g_autoptr(PaTestResponse) master = fetch (office, "0004f2000012.cfg", NULL);

    g_assert_cmpuint (master->status, ==, 200);
    g_assert_nonnull (strstr (master->text, "<APPLICATION"));
    g_assert_nonnull (strstr (master->text, "0004f2000012-user.cfg"));
  }
}

/* An unknown MAC is recorded, with what its User-Agent says, and served
 * nothing; adopting it (creating the phone) takes it off the list; an
 * ignored one stays off it. */
static void
test_discovery (Office        *office,
                gconstpointer  data)
{
  g_autoptr(PaTestResponse) first = fetch (office, "805ec0000099.cfg", T54W_UA ("80:5e:c0:00:00:99"));
  g_autoptr(PaTestResponse) second = fetch (office, "805ec0000099.cfg", T54W_UA ("80:5e:c0:00:00:99"));
  g_autoptr(PaTestResponse) other = fetch (office, "805ec0000098.cfg", T54W_UA ("80:5e:c0:00:00:98"));
  g_autoptr(PaTestResponse) adopted = NULL;
  g_autoptr(PaTestResponse) ignored = NULL;
  g_autoptr(PaTestResponse) again = NULL;
  g_autoptr(JsonArray) items = NULL;
  JsonObject *device = NULL;

  g_assert_cmpuint (first->status, ==, 404);
  g_assert_cmpuint (g_bytes_get_size (first->body), ==, 0);
  g_assert_cmpuint (second->status, ==, 404);
  g_assert_cmpuint (other->status, ==, 404);

  items = discovered (office);
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  for (guint i = 0; i < 2; i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (items, i), "mac"),
                     "80:5E:C0:00:00:99"))
      device = json_array_get_object_element (items, i);
  g_assert_nonnull (device);
  g_assert_cmpstr (json_object_get_string_member (device, "vendor"), ==, "yealink");
  g_assert_cmpstr (json_object_get_string_member (device, "model"), ==, "yealink-t54w");
  g_assert_cmpstr (json_object_get_string_member (device, "firmware"), ==, "96.86.0.100");
  g_assert_cmpstr (json_object_get_string_member (device, "ip"), ==, "127.0.0.1");
  g_assert_cmpint (json_object_get_int_member (device, "count"), ==, 2);
  g_assert_nonnull (json_object_get_string_member (device, "first_seen"));

  /* Adopt: the phone editor saves a phone with that MAC. */
  adopted = pa_test_api (office->server, "POST", "/api/v1/phones",
                         "{\"name\": \"New\", \"mac\": \"80:5E:C0:00:00:99\","
                         " \"vendor\": \"yealink\", \"model\": \"yealink-t54w\"}", NULL);
  g_assert_cmpuint (adopted->status, ==, 201);
  g_clear_pointer (&items, json_array_unref);
  items = discovered (office);
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0), "mac"),
                   ==, "80:5E:C0:00:00:98");

  /* Ignore: hidden, also when it asks again. */
  ignored = pa_test_api (office->server, "POST", "/api/v1/discovered/805ec0000098/ignore", NULL,
                         NULL);
  g_assert_cmpuint (ignored->status, ==, 204);
  again = fetch (office, "805ec0000098.cfg", T54W_UA ("80:5e:c0:00:00:98"));
  g_clear_pointer (&items, json_array_unref);
  items = discovered (office);
  g_assert_cmpuint (json_array_get_length (items), ==, 0);
}

/* Bad input to the discovered API, and requests a stranger could send. */
static void
test_refusals (Office        *office,
               gconstpointer  data)
{
  static const struct
  {
    const char *method;
    const char *path;
    guint       status;
  } api[] = {
    { "POST", "/api/v1/discovered/805ec0000077/ignore", 404 },   /* never seen */
    { "POST", "/api/v1/discovered/not-a-mac/ignore", 404 },
    { "GET",  "/api/v1/discovered/805ec0000077/ignore", 405 },
    { "POST", "/api/v1/discovered", 405 },
    { "GET",  "/api/v1/discovered/805ec0000077", 404 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (api); i++)
    {
      g_autoptr(PaTestResponse) r = pa_test_api (office->server, api[i].method, api[i].path, NULL,
                                                 NULL);

      g_test_message ("%s %s", api[i].method, api[i].path);
      g_assert_cmpuint (r->status, ==, api[i].status);
    }

  /* Without the admin token the list is not there. */
  {
    g_autoptr(PaTestResponse) r = pa_test_request (office->server, "GET", "/api/v1/discovered",
                                                   NULL, NULL, -1, FALSE, NULL);

    g_assert_cmpuint (r->status, ==, 401);
  }

  /* A known MAC with another vendor's User-Agent, a file no model asks
   * for, a wrong site key: 404 with nothing in it, nothing recorded. */
  {
    g_autoptr(PaTestResponse) wrong_ua = fetch (office, "805ec0000001.cfg",
                                                "Grandstream Model HW GXP2170 SW 1.0.11.3");
    g_autoptr(PaTestResponse) odd = fetch (office, "805ec0000001.exe", T54W_UA ("80:5e:c0:00:00:01"));
    g_autoptr(PaTestResponse) upload = NULL;
    g_autoptr(JsonArray) items = NULL;
    g_autofree char *upload_path = g_strconcat (office->bootstrap, "805ec0000001.log", NULL);

    g_assert_cmpuint (wrong_ua->status, ==, 404);
    g_assert_cmpuint (g_bytes_get_size (wrong_ua->body), ==, 0);
    g_assert_cmpuint (odd->status, ==, 404);
    upload = pa_test_request (office->server, "PUT", upload_path, "text/plain", "log", -1, FALSE,
                              NULL);
    g_assert_cmpuint (upload->status, ==, 404);
    items = discovered (office);
    g_assert_cmpuint (json_array_get_length (items), ==, 0);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/bootstrap/" name, Office, NULL, office_set_up, func, office_tear_down)
  ADD ("known-phone", test_known_phone);
  ADD ("other-vendor", test_other_vendor);
  ADD ("every-vendor", test_every_vendor);
  ADD ("discovery", test_discovery);
  ADD ("refusals", test_refusals);
  return g_test_run ();
}
