/* test-events.c — a PBX reporting registrations, POST
 * /api/v1/events/registration, and the status history it leaves, against
 * the real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-test-boot.h"
#include "pa-test-server.h"

#define UA "Yealink SIP-T54W 96.86.0.100 80:5e:c0:11:22:33"

typedef PaTestFixture Fixture;

static PaTestResponse *
report (PaTestServer *server,
        const char   *body)
{
  return pa_test_api (server, "POST", "/api/v1/events/registration", body, NULL);
}

static JsonObject *
phone_now (PaTestServer    *server,
           gint64           id,
           PaTestResponse **keep)
{
  *keep = pa_test_get (server, "phones", id);
  return pa_test_response_object (*keep);
}

/* The statuses of the phone's history, newest first: "registered provisioning". */
static char *
history_of (PaTestServer *server,
            gint64        id)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/status-history", id);
  g_autoptr(PaTestResponse) response = pa_test_api (server, "GET", path, NULL, NULL);
  JsonArray *items;
  GString *text = g_string_new (NULL);

  g_assert_cmpuint (response->status, ==, 200);
  items = json_object_get_array_member (pa_test_response_object (response), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_assert_nonnull (json_object_get_string_member (item, "at"));
      g_string_append_printf (text, "%s%s", i > 0 ? " " : "",
                              json_object_get_string_member (item, "status"));
    }
  return g_string_free (text, FALSE);
}

/* A UDP port on 127.0.0.1 that is bound and never answers, while the
 * socket lives: a contact there stays "registered". A fixed port (5062,
 * provd's default SIP port) was sometimes a provd's own, which answered
 * its keepalive: "online". */
static GSocket *
silent_udp_socket (guint16 *port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                  G_SOCKET_PROTOCOL_UDP, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  return socket;
}

static void
test_register_unregister (Fixture       *fixture,
                          gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaTestBootPhone) phone =
    pa_test_boot_phone_new (server, "yealink", "yealink-t54w", "80:5e:c0:11:22:33", NULL);
  g_autoptr(PaTestResponse) fetched = NULL;
  g_autoptr(PaTestResponse) registered = NULL;
  g_autoptr(PaTestResponse) unregistered = NULL;
  g_autoptr(PaTestResponse) now = NULL;
  g_autoptr(PaTestResponse) feed = NULL;
  g_autofree char *body = NULL;
  g_autofree char *history = NULL;
  JsonObject *object;
  gint64 last;
  guint16 sip_port = 0;
  g_autoptr(GSocket) silent = silent_udp_socket (&sip_port);
  g_autofree char *contact = NULL;

  fetched = pa_test_boot_fetch (server, phone, "805ec0112233.cfg", UA);
  pa_test_boot_assert_ok (fetched, "text/plain");
  feed = pa_test_api (server, "GET", "/api/v1/changes?since=0", NULL, NULL);
  last = json_object_get_int_member (pa_test_response_object (feed), "last");

  contact = g_strdup_printf ("sip:%s@127.0.0.1:%u;transport=udp", phone->username, sip_port);
  body = g_strdup_printf ("{\"event\": \"registered\", \"user\": \"%s\", \"contact\": \"%s\"}",
                          phone->username, contact);
  registered = report (server, body);
  g_assert_cmpuint (registered->status, ==, 200);
  object = pa_test_response_object (registered);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "registered");
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (object, "phone_ids"), 0),
                   ==, phone->id);

  object = phone_now (server, phone->id, &now);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "registered");
  g_assert_cmpstr (json_object_get_string_member (object, "contact"), ==, contact);
  g_assert_cmpint (json_object_get_int_member (object, "status_since"), >, 0);
  history = history_of (server, phone->id);
  g_assert_cmpstr (history, ==, "registered provisioning");

  /* The change feed says so, for apps to show it. */
  {
    g_autofree char *path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, last);
    g_autoptr(PaTestResponse) after = pa_test_api (server, "GET", path, NULL, NULL);
    JsonArray *changes = json_object_get_array_member (pa_test_response_object (after), "changes");

    g_assert_cmpuint (json_array_get_length (changes), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                       json_array_get_object_element (changes, 0), "item"), "status"), ==,
                     "registered");
  }

  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"event\": \"unregistered\", \"user\": \"%s\"}", phone->username);
  unregistered = report (server, body);
  g_assert_cmpuint (unregistered->status, ==, 200);
  g_clear_pointer (&now, pa_test_response_free);
  object = phone_now (server, phone->id, &now);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "provisioning");
  g_assert_true (json_object_get_null_member (object, "contact"));
  g_clear_pointer (&history, g_free);
  history = history_of (server, phone->id);
  g_assert_cmpstr (history, ==, "provisioning registered provisioning");
}

/* A user on two phones: the MAC, or the contact's address, tells which. */
static void
test_shared_user (Fixture       *fixture,
                  gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaTestBootPhone) first =
    pa_test_boot_phone_new (server, "yealink", "yealink-t54w", "80:5e:c0:11:22:33", NULL);
  g_autoptr(PaTestResponse) response = NULL;
  g_autoptr(PaTestResponse) fetched = NULL;
  g_autoptr(PaTestResponse) now = NULL;
  g_autofree char *body = NULL;
  g_autoptr(PaTestResponse) first_phone = pa_test_get (server, "phones", first->id);
  gint64 account = json_array_get_int_element (
    json_object_get_array_member (pa_test_response_object (first_phone), "lines"), 0);
  gint64 second;

  body = g_strdup_printf ("{\"name\": \"Annex\", \"mac\": \"80:5e:c0:44:55:66\", \"vendor\": \"yealink\","
                          " \"model\": \"yealink-t54w\", \"lines\": [%" G_GINT64_FORMAT "]}", account);
  second = pa_test_create (server, "phones", body);

  /* Neither has an address yet: which one cannot be told. */
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"event\": \"registered\", \"user\": \"%s\","
                          " \"contact\": \"sip:%s@127.0.0.1\"}", first->username, first->username);
  response = report (server, body);
  pa_test_assert_error (response, 409, "conflict", "user");

  /* The first has fetched from 127.0.0.1: the contact's address is its. */
  fetched = pa_test_boot_fetch (server, first, "805ec0112233.cfg", UA);
  pa_test_boot_assert_ok (fetched, "text/plain");
  g_clear_pointer (&response, pa_test_response_free);
  response = report (server, body);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      pa_test_response_object (response), "phone_ids")), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (phone_now (server, second, &now), "status"), ==,
                   "pending");

  /* With the MAC, the second. */
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"event\": \"registered\", \"user\": \"%s\", \"mac\": \"805EC0445566\","
                          " \"contact\": \"sip:%s@192.0.2.7\"}", first->username, first->username);
  g_clear_pointer (&response, pa_test_response_free);
  response = report (server, body);
  g_assert_cmpuint (response->status, ==, 200);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (
                     pa_test_response_object (response), "phone_ids"), 0), ==, second);
  g_clear_pointer (&now, pa_test_response_free);
  {
    g_autofree char *contact = g_strdup_printf ("sip:%s@192.0.2.7", first->username);

    g_assert_cmpstr (json_object_get_string_member (phone_now (server, second, &now), "contact"),
                     ==, contact);
  }

  /* A MAC that does not carry the user. */
  g_clear_pointer (&body, g_free);
  body = g_strdup_printf ("{\"event\": \"registered\", \"user\": \"%s\", \"mac\": \"00:04:f2:00:00:01\","
                          " \"contact\": \"sip:%s@192.0.2.7\"}", first->username, first->username);
  g_clear_pointer (&response, pa_test_response_free);
  response = report (server, body);
  pa_test_assert_error (response, 404, "not_found", "mac");
}

/* Bad input is refused with what to fix, and changes nothing. */
static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  PaTestServer *server = fixture->server;
  g_autoptr(PaTestBootPhone) phone =
    pa_test_boot_phone_new (server, "yealink", "yealink-t54w", "80:5e:c0:11:22:33", NULL);
  g_autoptr(PaTestResponse) before = pa_test_get (server, "phones", phone->id);
  static const struct
  {
    const char *body;
    guint       status;
    const char *code;
    const char *field;
  } cases[] = {
    { "", 400, NULL, NULL },
    { "[1]", 400, NULL, NULL },
    { "{\"event\": \"registered\", \"user\": \"%s\"}", 400, "invalid_value", "contact" },
    { "{\"event\": \"registered\", \"user\": \"%s\", \"contact\": \"http://x\"}", 400, "invalid_value", "contact" },
    { "{\"event\": \"registered\", \"user\": \"%s\", \"contact\": \"sip:a b@c\"}", 400, "invalid_value", "contact" },
    { "{\"event\": \"registered\", \"user\": \"%s\", \"contact\": 5}", 400, "wrong_type", "contact" },
    { "{\"event\": \"rebooted\", \"user\": \"%s\"}", 400, "invalid_value", "event" },
    { "{\"user\": \"%s\"}", 400, "invalid_value", "event" },
    { "{\"event\": \"unregistered\"}", 400, "invalid_value", "user" },
    { "{\"event\": \"unregistered\", \"user\": \"\"}", 400, "invalid_value", "user" },
    { "{\"event\": \"unregistered\", \"user\": [\"%s\"]}", 400, "wrong_type", "user" },
    { "{\"event\": \"unregistered\", \"user\": \"%s\", \"mac\": \"zz\"}", 400, "invalid_value", "mac" },
    { "{\"event\": \"unregistered\", \"user\": \"%s\", \"expires\": 60}", 400, "unknown_field", "expires" },
    { "{\"event\": \"unregistered\", \"user\": \"nobody\"}", 404, "not_found", "user" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf (cases[i].body, phone->username);
      g_autoptr(PaTestResponse) response = report (server, body);

      g_test_message ("%s → %u %s", body, response->status, response->text);
      if (cases[i].code != NULL)
        pa_test_assert_error (response, cases[i].status, cases[i].code, cases[i].field);
      else
        g_assert_cmpuint (response->status, ==, cases[i].status);
    }

  {
    g_autoptr(PaTestResponse) after = pa_test_get (server, "phones", phone->id);
    g_autoptr(PaTestResponse) anonymous =
      pa_test_request (server, "POST", "/api/v1/events/registration", "application/json",
                       "{\"event\": \"unregistered\", \"user\": \"201\"}", -1, FALSE, NULL);
    g_autoptr(PaTestResponse) unknown =
      pa_test_api (server, "GET", "/api/v1/phones/999/status-history", NULL, NULL);

    g_assert_cmpstr (after->text, ==, before->text);
    g_assert_cmpuint (anonymous->status, ==, 401);
    pa_test_assert_error (unknown, 404, "not_found", NULL);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, pa_test_fixture_setup, func, pa_test_fixture_teardown)

  ADD ("/events/registration/register-unregister", test_register_unregister);
  ADD ("/events/registration/shared-user", test_shared_user);
  ADD ("/events/registration/malformed", test_malformed);

#undef ADD

  return g_test_run ();
}
