/* test-sip.c — provd reaches phones over SIP: reboot and resync NOTIFYs,
 * digest challenges, silent phones, keepalive OPTIONS, the resync a new
 * SIP password pushes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real provd on loopback; sipp (sip-tester) plays the phone with the
 * scenarios in tests/server/sip/, each on a free UDP port. A scenario fails
 * its call (sipp exits non-zero) when the request lacks what a phone needs
 * (an Event header, a right digest answer), and logs what it got for the
 * test to compare. Waits are on conditions with deadlines, never fixed.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pa-catalog.h"
#include "pa-server-config.h"
#include "pa-sip-notify.h"
#include "pa-test-server.h"

#define WAIT_USEC (20 * G_USEC_PER_SEC)

/* provd's short timers: a silent phone ends in 2 s, not Timer F's 32 s. */
#define SIP_TIMEOUT_MS 2000

/* -- sipp ---------------------------------------------------------------- */

typedef struct
{
  GSubprocess *process;
  char        *dir;
  char        *log_path;
  guint        port;
  gboolean     exited;
} Sipp;

static gboolean
sipp_available (void)
{
  g_autofree char *path = g_find_program_in_path ("sipp");

  if (!PA_HAVE_SOFIA_SIP)
    {
      g_test_skip ("provd was built without sofia-sip (meson -Dsip=disabled)");
      return FALSE;
    }
  if (path == NULL)
    g_test_skip ("sipp (sip-tester) is not installed; tools/deps.sh installs it");
  return path != NULL;
}

/* A port nothing holds right now (bound, read, let go). */
static guint
free_udp_port (GSocket **keep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint port;

  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  if (keep != NULL)
    *keep = g_steal_pointer (&socket);
  return port;
}

static gboolean
udp_port_taken (guint port)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_DATAGRAM,
                                            G_SOCKET_PROTOCOL_UDP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  return !g_socket_bind (socket, address, FALSE, NULL);
}

static void
sipp_exited_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Sipp *sipp = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  sipp->exited = TRUE;
}

/* Starts sipp as a phone on a free port, playing @scenario for @calls
 * calls; @user and @password fill the scenario's @USER@ / @PASSWORD@.
 * Returns once sipp holds its port. */
static Sipp *
sipp_start (const char *scenario,
            guint       calls,
            const char *user,
            const char *password)
{
  Sipp *sipp = g_new0 (Sipp, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *template_path = g_build_filename (PA_TEST_SIP_DIR, scenario, NULL);
  g_autofree char *text = NULL;
  g_autofree char *scenario_path = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *calls_text = g_strdup_printf ("%u", calls);
  g_auto(GStrv) parts = NULL;
  gint64 deadline;

  sipp->dir = g_dir_make_tmp ("pa-sipp-XXXXXX", &error);
  g_assert_no_error (error);
  g_file_get_contents (template_path, &text, NULL, &error);
  g_assert_no_error (error);
  parts = g_strsplit (text, "@USER@", -1);
  g_free (text);
  text = g_strjoinv (user != NULL ? user : "", parts);
  g_strfreev (parts);
  parts = g_strsplit (text, "@PASSWORD@", -1);
  g_free (text);
  text = g_strjoinv (password != NULL ? password : "", parts);
  scenario_path = g_build_filename (sipp->dir, scenario, NULL);
  g_file_set_contents (scenario_path, text, -1, &error);
  g_assert_no_error (error);

  sipp->log_path = g_build_filename (sipp->dir, "log.txt", NULL);
  sipp->port = free_udp_port (NULL);
  port_text = g_strdup_printf ("%u", sipp->port);
  sipp->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                    "sipp", "-sf", scenario_path, "-i", "127.0.0.1",
                                    "-p", port_text, "-m", calls_text, "-nostdin",
                                    "-timeout", "40s", "-trace_logs", "-log_file", sipp->log_path,
                                    NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (sipp->process, NULL, sipp_exited_cb, sipp);

  /* Ready once it holds its port: a NOTIFY sent before would find
   * nobody. */
  deadline = g_get_monotonic_time () + WAIT_USEC;
  while (!udp_port_taken (sipp->port))
    {
      g_main_context_iteration (NULL, FALSE);
      if (sipp->exited)
        g_error ("sipp exited during start-up");
      if (g_get_monotonic_time () > deadline)
        g_error ("sipp did not bind port %u", sipp->port);
      g_usleep (5000);
    }
  return sipp;
}

/* Waits until sipp has played its calls; returns its exit status. */
static int
sipp_wait (Sipp *sipp)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (!sipp->exited)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (g_get_monotonic_time () > deadline)
        g_error ("sipp did not end its calls in time");
      g_usleep (5000);
    }
  return g_subprocess_get_exit_status (sipp->process);
}

/* What the scenario logged after @prefix (one line), or NULL. */
static char *
sipp_logged (Sipp       *sipp,
             const char *prefix)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (sipp->log_path, &text, NULL, NULL))
    return NULL;
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
  return NULL;
}

static void
sipp_free (Sipp *sipp)
{
  if (!sipp->exited)
    {
      g_subprocess_force_exit (sipp->process);
      while (!sipp->exited)
        g_main_context_iteration (NULL, TRUE);
    }
  g_clear_object (&sipp->process);
  if (sipp->dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (sipp->dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (sipp->dir, name, NULL);

          g_remove (path);
        }
      g_rmdir (sipp->dir);
    }
  g_free (sipp->dir);
  g_free (sipp->log_path);
  g_free (sipp);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Sipp, sipp_free)

/* -- provd and phones ------------------------------------------------------ */

typedef struct
{
  gint64  id;
  gint64  account_id;
  char   *username;
  char   *password;
  char   *token;
  char   *mac;
  char   *model;
} Phone;

static void
phone_free (Phone *phone)
{
  g_free (phone->username);
  g_free (phone->password);
  g_free (phone->token);
  g_free (phone->mac);
  g_free (phone->model);
  g_free (phone);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Phone, phone_free)

static char *config_dir;

/* provd with short SIP timers; @extra: more [server] lines. */
static PaTestServer *
start_provd (const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  PaTestServerOptions options = { 0 };
  static guint serial;

  if (config_dir == NULL)
    {
      config_dir = g_dir_make_tmp ("pa-test-sip-XXXXXX", &error);
      g_assert_no_error (error);
    }
  path = g_strdup_printf ("%s/provd-%u.conf", config_dir, serial++);
  if (extra != NULL && strstr (extra, "sip-timeout-ms") != NULL)
    text = g_strdup_printf ("[server]\nsip-server = " PA_TEST_SIP_SERVER "\n%s", extra);
  else
    text = g_strdup_printf ("[server]\nsip-server = " PA_TEST_SIP_SERVER "\n"
                            "sip-timeout-ms = %u\n%s", SIP_TIMEOUT_MS,
                            extra != NULL ? extra : "sip-keepalive = 0\n");
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  options.config_file = path;
  return pa_test_server_new_with_options (&options);
}

/* A phone with its own SIP account on line 1, listening for SIP on
 * @sip_port; when @fetch, it fetched its file from loopback, so provd
 * knows its address. */
static Phone *
add_phone (PaTestServer *server,
           const char   *vendor,
           const char   *model,
           const char   *mac,
           guint         sip_port,
           gboolean      fetch)
{
  Phone *phone = g_new0 (Phone, 1);
  g_autoptr(PaTestResponse) account = NULL;
  g_autoptr(PaTestResponse) created = NULL;
  g_autofree char *body = NULL;
  g_autofree char *compact = NULL;
  JsonObject *object;

  compact = g_strdelimit (g_ascii_strdown (mac, -1), ":", '_');
  phone->username = g_strdup_printf ("line-%s", compact);
  phone->mac = g_strdup (mac);
  phone->model = g_strdup (model);
  body = g_strdup_printf ("{\"username\": \"%s\"}", phone->username);
  account = pa_test_api (server, "POST", "/api/v1/sip-accounts", body, NULL);
  g_assert_cmpuint (account->status, ==, 201);
  object = pa_test_response_object (account);
  phone->account_id = json_object_get_int_member (object, "id");
  phone->password = g_strdup (json_object_get_string_member (object, "sip_password"));

  g_free (body);
  body = g_strdup_printf ("{\"name\": \"%s desk\", \"mac\": \"%s\", \"vendor\": \"%s\", "
                          "\"model\": \"%s\", \"lines\": [%" G_GINT64_FORMAT "], "
                          "\"local_sip_port\": %u}",
                          vendor, mac, vendor, model, phone->account_id, sip_port);
  created = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);
  if (created->status != 201)
    g_error ("POST phone: %u %s", created->status, created->text);
  object = pa_test_response_object (created);
  phone->id = json_object_get_int_member (object, "id");
  phone->token = g_strdup (json_object_get_string_member (object, "token"));

  if (fetch)
    {
      PaDeviceModel *device = pa_catalog_get_model (pa_catalog_get_default (), model);
      g_autofree char *file = pa_device_model_format_device_file (device, mac);
      g_autofree char *path = g_strdup_printf ("/p/%s/%s", phone->token, file);
      const char *headers[] = { "User-Agent", "PhoneAdmin test phone", NULL };
      g_autoptr(PaTestResponse) fetched = pa_test_request (server, "GET", path, NULL, NULL, -1,
                                                           FALSE, headers);
      g_autoptr(PaTestResponse) got = NULL;

      g_assert_cmpuint (fetched->status, ==, 200);
      got = pa_test_get (server, "phones", phone->id);
      g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (got), "ip"), ==,
                       "127.0.0.1");
    }
  return phone;
}

/* The phone's sip_action once it is there (and is @action's), asserting
 * it comes before the deadline. */
static JsonObject *
wait_sip_action (PaTestServer *server,
                 gint64        id,
                 const char   *action)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  for (;;)
    {
      g_autoptr(PaTestResponse) got = pa_test_get (server, "phones", id);
      JsonObject *phone = pa_test_response_object (got);
      JsonNode *node = json_object_get_member (phone, "sip_action");

      g_assert_nonnull (node);
      if (JSON_NODE_HOLDS_OBJECT (node)
          && g_strcmp0 (json_object_get_string_member (json_node_get_object (node), "action"),
                        action) == 0)
        return json_object_ref (json_node_get_object (node));
      if (g_get_monotonic_time () > deadline)
        g_error ("phone %" G_GINT64_FORMAT " has no %s result: %s", id, action, got->text);
      g_usleep (20 * 1000);
    }
}

static void
wait_status (PaTestServer *server,
             gint64        id,
             const char   *status)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  for (;;)
    {
      g_autoptr(PaTestResponse) got = pa_test_get (server, "phones", id);

      if (g_strcmp0 (json_object_get_string_member (pa_test_response_object (got), "status"),
                     status) == 0)
        return;
      if (g_get_monotonic_time () > deadline)
        g_error ("phone %" G_GINT64_FORMAT " did not become %s: %s", id, status, got->text);
      g_usleep (50 * 1000);
    }
}

static PaTestResponse *
push (PaTestServer *server,
      gint64        id,
      const char   *action)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/%s", id, action);

  return pa_test_api (server, "POST", path, NULL, NULL);
}

/* -- tests ----------------------------------------------------------------- */

/* Each vendor's reboot and resync reach the phone with the catalog's
 * Event (provisioning facts §2.8), at sip:<line user>@<its address>:<its
 * port>, and end answered. */
static void
test_events_per_vendor (void)
{
  static const struct
  {
    const char *vendor, *model, *mac, *resync, *reboot;
  } vendors[] = {
    { "yealink", "yealink-t54w", "80:5E:C0:00:00:01",
      "check-sync;reboot=false", "check-sync;reboot=true" },
    { "polycom", "polycom-vvx450", "00:04:F2:00:00:01", "check-sync", "check-sync" },
    { "grandstream", "grandstream-gxp2170", "00:0B:82:00:00:01",
      "check-sync", "check-sync;reboot=true" },
    { "cisco", "cisco-cp-8841", "00:26:99:00:00:01", "resync", "reboot_now" },
    { "snom", "snom-d785", "00:04:13:00:00:01",
      "check-sync;reboot=false", "check-sync;reboot=true" },
    { "fanvil", "fanvil-x6u", "0C:38:3E:00:00:01", "check-sync", "check-sync;reboot=true" },
  };
  g_autoptr(PaTestServer) server = NULL;

  if (!sipp_available ())
    return;
  server = start_provd (NULL);

  for (guint v = 0; v < G_N_ELEMENTS (vendors); v++)
    for (guint a = 0; a < 2; a++)
      {
        const char *action = a == 0 ? "resync" : "reboot";
        const char *expected = a == 0 ? vendors[v].resync : vendors[v].reboot;
        g_autoptr(Sipp) sipp = sipp_start ("notify-uas.xml", 1, NULL, NULL);
        g_autofree char *mac = g_strdup (vendors[v].mac);
        g_autoptr(Phone) phone = NULL;
        g_autoptr(PaTestResponse) accepted = NULL;
        g_autoptr(JsonObject) result = NULL;
        g_autofree char *event = NULL;
        g_autofree char *user = NULL;
        g_autofree char *target = NULL;
        JsonObject *pushed;

        mac[strlen (mac) - 1] = a == 0 ? '1' : '2';
        g_test_message ("%s %s → %s", vendors[v].vendor, action, expected);
        phone = add_phone (server, vendors[v].vendor, vendors[v].model, mac, sipp->port, TRUE);

        accepted = push (server, phone->id, action);
        g_assert_cmpuint (accepted->status, ==, 202);
        g_assert_cmpint (json_object_get_int_member (pa_test_response_object (accepted), "id"),
                         ==, phone->id);
        pushed = json_object_get_object_member (pa_test_response_object (accepted), "sip_push");
        g_assert_cmpstr (json_object_get_string_member (pushed, "action"), ==, action);
        g_assert_cmpstr (json_object_get_string_member (pushed, "event"), ==, expected);
        target = g_strdup_printf ("sip:%s@127.0.0.1:%u", phone->username, sipp->port);
        g_assert_cmpstr (json_object_get_string_member (pushed, "target"), ==, target);

        g_assert_cmpint (sipp_wait (sipp), ==, 0);
        event = sipp_logged (sipp, "EVENT ");
        g_assert_cmpstr (event, ==, expected);
        user = sipp_logged (sipp, "RURI ");
        g_assert_cmpstr (user, ==, target);

        result = wait_sip_action (server, phone->id, action);
        g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "answered");
        g_assert_cmpint (json_object_get_int_member (result, "code"), ==, 200);
        g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "OK");
        g_assert_cmpint (json_object_get_int_member (result, "at"), >, 1700000000);
      }
}

/* A phone that demands digest: provd answers the 401 with the line's
 * credentials, the phone checks them (sipp's verifyauth) and answers 200;
 * the result reaches the change feed as an update of the phone. With a
 * password the phone does not have, it ends as auth_failed. */
static void
test_challenge (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(Phone) phone = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autofree char *authorization = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(PaTestResponse) changes = NULL;
  g_autoptr(PaTestResponse) before = NULL;
  g_autofree char *path = NULL;
  gboolean seen = FALSE;
  gint64 since;

  if (!sipp_available ())
    return;
  server = start_provd (NULL);

  {
    g_autoptr(Sipp) sipp = sipp_start ("notify-auth-uas.xml", 1, "placeholder", "x");
    g_autoptr(PaTestResponse) accepted = NULL;

    phone = add_phone (server, "cisco", "cisco-cp-8841", "00:26:99:00:00:10", sipp->port, TRUE);
    g_clear_pointer (&sipp, sipp_free);
    sipp = sipp_start ("notify-auth-uas.xml", 1, phone->username, phone->password);
    /* the port the phone listens on is the new sipp's */
    {
      g_autofree char *body = g_strdup_printf ("{\"local_sip_port\": %u}", sipp->port);
      g_autofree char *phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                                     phone->id);
      g_autoptr(PaTestResponse) patched = pa_test_api (server, "PATCH", phone_path, body, "*");

      g_assert_cmpuint (patched->status, ==, 200);
    }

    before = pa_test_api (server, "GET", "/api/v1/changes?since=0&limit=500", NULL, NULL);
    g_assert_cmpuint (before->status, ==, 200);
    since = json_object_get_int_member (pa_test_response_object (before), "last");

    accepted = push (server, phone->id, "resync");
    g_assert_cmpuint (accepted->status, ==, 202);
    g_assert_cmpint (sipp_wait (sipp), ==, 0);
    authorization = sipp_logged (sipp, "AUTHORIZATION ");
    g_assert_nonnull (authorization);
    expected = g_strdup_printf ("username=\"%s\"", phone->username);
    g_assert_nonnull (strstr (authorization, expected));
    g_assert_nonnull (strstr (authorization, "realm=\"phone.test\""));
  }
  result = wait_sip_action (server, phone->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "answered");
  g_assert_cmpint (json_object_get_int_member (result, "code"), ==, 200);

  /* The app's change feed sees it. */
  path = g_strdup_printf ("/api/v1/changes?since=%" G_GINT64_FORMAT, since);
  changes = pa_test_api (server, "GET", path, NULL, NULL);
  g_assert_cmpuint (changes->status, ==, 200);
  {
    JsonArray *items = json_object_get_array_member (pa_test_response_object (changes), "changes");

    for (guint i = 0; i < json_array_get_length (items); i++)
      {
        JsonObject *change = json_array_get_object_element (items, i);

        if (json_object_get_int_member (change, "id") == phone->id
            && g_str_equal (json_object_get_string_member (change, "kind"), "phone")
            && json_object_has_member (change, "item"))
          {
            JsonObject *item = json_object_get_object_member (change, "item");

            seen = seen || !json_object_get_null_member (item, "sip_action");
          }
      }
  }
  g_assert_true (seen);

  /* The phone has another password: the digest answer is refused. */
  {
    g_autoptr(Sipp) sipp = sipp_start ("notify-auth-uas.xml", 1, phone->username, "not-it");
    g_autofree char *body = g_strdup_printf ("{\"local_sip_port\": %u}", sipp->port);
    g_autofree char *phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                                   phone->id);
    g_autoptr(PaTestResponse) patched = pa_test_api (server, "PATCH", phone_path, body, "*");
    g_autoptr(PaTestResponse) accepted = NULL;
    g_autoptr(JsonObject) refused = NULL;

    g_assert_cmpuint (patched->status, ==, 200);
    accepted = push (server, phone->id, "reboot");
    g_assert_cmpuint (accepted->status, ==, 202);
    g_assert_cmpint (sipp_wait (sipp), !=, 0);
    refused = wait_sip_action (server, phone->id, "reboot");
    g_assert_cmpstr (json_object_get_string_member (refused, "result"), ==, "auth_failed");
    g_assert_cmpint (json_object_get_int_member (refused, "code"), ==, 403);
  }
}

/* A phone that never answers ends as no_answer once the short Timer F ran
 * out, not at once and not never; provd serves HTTP all the while. */
static void
test_no_answer (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(GSocket) silent = NULL;
  guint port = free_udp_port (&silent);
  g_autoptr(Phone) phone = NULL;
  g_autoptr(PaTestResponse) accepted = NULL;
  gint64 start, deadline;
  guint served = 0;

  if (!PA_HAVE_SOFIA_SIP)
    {
      g_test_skip ("provd was built without sofia-sip (meson -Dsip=disabled)");
      return;
    }
  server = start_provd (NULL);
  phone = add_phone (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:20", port, TRUE);
  start = g_get_monotonic_time ();
  deadline = start + WAIT_USEC;

  accepted = push (server, phone->id, "reboot");
  g_assert_cmpuint (accepted->status, ==, 202);

  for (;;)
    {
      gint64 asked = g_get_monotonic_time ();
      g_autoptr(PaTestResponse) info = pa_test_api (server, "GET", "/api/v1/info", NULL, NULL);
      g_autoptr(PaTestResponse) got = pa_test_get (server, "phones", phone->id);
      JsonNode *node = json_object_get_member (pa_test_response_object (got), "sip_action");

      /* the loop is free: each answer comes at once */
      g_assert_cmpuint (info->status, ==, 200);
      g_assert_cmpint (g_get_monotonic_time () - asked, <, G_USEC_PER_SEC);
      served++;
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *result = json_node_get_object (node);

          g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "no_answer");
          g_assert_true (json_object_get_null_member (result, "code"));
          break;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (50 * 1000);
    }
  {
    g_autoptr(PaTestResponse) info = pa_test_api (server, "GET", "/api/v1/info", NULL, NULL);
    gint64 sip_port = json_object_get_int_member (pa_test_response_object (info), "sip_port");

    /* a free port of its own, as the HTTP one is */
    g_assert_cmpint (sip_port, >, 0);
    g_assert_cmpint (sip_port, !=, 5062);
  }
  g_test_message ("no answer after %.1f s, %u requests served meanwhile",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC, served);
  /* It waited for the timers (retransmitting), not for an error. */
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (SIP_TIMEOUT_MS - 500) * 1000);
  g_assert_cmpuint (served, >, 5);
}

/* A phone that never fetched has no address: nothing is sent, and the
 * result says why. */
static void
test_no_address (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(Phone) phone = NULL;
  g_autoptr(PaTestResponse) accepted = NULL;
  JsonObject *object;
  g_autoptr(JsonObject) result = NULL;

  if (!PA_HAVE_SOFIA_SIP)
    {
      g_test_skip ("provd was built without sofia-sip (meson -Dsip=disabled)");
      return;
    }
  server = start_provd (NULL);
  phone = add_phone (server, "snom", "snom-d785", "00:04:13:00:00:30", 5060, FALSE);
  accepted = push (server, phone->id, "resync");
  object = pa_test_response_object (accepted);

  g_assert_cmpuint (accepted->status, ==, 202);
  g_assert_true (json_object_get_null_member (json_object_get_object_member (object, "sip_push"),
                                              "target"));
  result = wait_sip_action (server, phone->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "no_address");
  g_assert_nonnull (strstr (json_object_get_string_member (result, "reason"), "no address"));
}

/* Wrong requests get the API's error shape and send nothing. */
static void
test_malformed (void)
{
  g_autoptr(PaTestServer) server = start_provd (NULL);
  g_autoptr(Phone) phone = add_phone (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:40",
                                      5060, FALSE);
  g_autoptr(Phone) off = add_phone (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:41",
                                    5060, FALSE);
  g_autofree char *disable_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, off->id);
  g_autoptr(PaTestResponse) disabled = pa_test_api (server, "PATCH", disable_path,
                                                    "{\"enabled\": false}", "*");
  g_autofree char *with_body = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/reboot",
                                                phone->id);
  g_autofree char *off_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/resync",
                                               off->id);
  g_autofree char *unknown = g_strdup_printf ("{\"ids\": [%" G_GINT64_FORMAT ", 999]}", phone->id);
  g_autofree char *twice = g_strdup_printf ("{\"ids\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                                            phone->id, phone->id);
  g_autofree char *with_off = g_strdup_printf ("{\"ids\": [%" G_GINT64_FORMAT "]}", off->id);
  struct
  {
    const char *method, *path, *body;
    guint status;
    const char *code, *field;
  } cases[] = {
    { "POST", "/api/v1/phones/abc/reboot", NULL, 404, "not_found", NULL },
    { "POST", "/api/v1/phones/0/resync", NULL, 404, "not_found", NULL },
    { "POST", "/api/v1/phones/999/reboot", NULL, 404, "not_found", NULL },
    { "POST", off_path, NULL, 422, "rule_violation", NULL },
    { "POST", with_body, "{\"now\": true}", 400, "bad_request", NULL },
    { "GET", with_body, NULL, 405, "method_not_allowed", NULL },
    { "POST", "/api/v1/phones/resync", "[1, 2]", 400, "malformed", NULL },
    { "POST", "/api/v1/phones/resync", "{}", 400, "wrong_type", "ids" },
    { "POST", "/api/v1/phones/resync", "{\"ids\": []}", 422, "rule_violation", "ids" },
    { "POST", "/api/v1/phones/resync", "{\"ids\": [\"1\"]}", 400, "wrong_type", "ids" },
    { "POST", "/api/v1/phones/resync", "{\"ids\": [1], \"now\": 1}", 400, "unknown_field", "now" },
    { "POST", "/api/v1/phones/resync", twice, 422, "rule_violation", "ids" },
    { "POST", "/api/v1/phones/resync", unknown, 404, "not_found", NULL },
    { "POST", "/api/v1/phones/resync", with_off, 422, "rule_violation", NULL },
  };

  g_assert_cmpuint (disabled->status, ==, 200);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(PaTestResponse) response = pa_test_api (server, cases[i].method, cases[i].path,
                                                        cases[i].body, NULL);

      g_test_message ("%s %s %s → %u %s", cases[i].method, cases[i].path,
                      cases[i].body != NULL ? cases[i].body : "", response->status,
                      response->text);
      pa_test_assert_error (response, cases[i].status, cases[i].code, cases[i].field);
    }

  /* nothing was pushed to either */
  {
    g_autoptr(PaTestResponse) got = pa_test_get (server, "phones", phone->id);

    g_assert_true (json_object_get_null_member (pa_test_response_object (got), "sip_action"));
  }
  /* without a token, nothing at all */
  {
    g_autoptr(PaTestResponse) response = pa_test_request (server, "POST", with_body, NULL, NULL,
                                                          -1, FALSE, NULL);

    g_assert_cmpuint (response->status, ==, 401);
  }
}

/* The bulk form: 202 naming each phone's push, each ending on its own. */
static void
test_resync_many (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(Sipp) sipp = NULL;
  g_autoptr(Phone) near = NULL;
  g_autoptr(Phone) far = NULL;
  g_autoptr(PaTestResponse) accepted = NULL;
  g_autoptr(JsonObject) answered = NULL;
  g_autoptr(JsonObject) nowhere = NULL;
  g_autofree char *body = NULL;
  JsonArray *items;

  if (!sipp_available ())
    return;
  server = start_provd (NULL);
  sipp = sipp_start ("notify-uas.xml", 1, NULL, NULL);
  near = add_phone (server, "fanvil", "fanvil-x6u", "0C:38:3E:00:00:50", sipp->port, TRUE);
  far = add_phone (server, "fanvil", "fanvil-x6u", "0C:38:3E:00:00:51", 5060, FALSE);
  body = g_strdup_printf ("{\"ids\": [%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]}",
                          near->id, far->id);
  accepted = pa_test_api (server, "POST", "/api/v1/phones/resync", body, NULL);
  g_assert_cmpuint (accepted->status, ==, 202);
  items = json_object_get_array_member (pa_test_response_object (accepted), "items");
  g_assert_cmpuint (json_array_get_length (items), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (items, 0),
                                                  "event"), ==, "check-sync");

  g_assert_cmpint (sipp_wait (sipp), ==, 0);
  answered = wait_sip_action (server, near->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (answered, "result"), ==, "answered");
  nowhere = wait_sip_action (server, far->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (nowhere, "result"), ==, "no_address");
}

/* A new SIP password is pushed as a resync to the phones carrying the
 * account, and the challenge is answered with the OLD password, which the
 * phone has until it fetches the new one; the answer says who was told. */
static void
test_password_resync (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(Sipp) sipp = NULL;
  g_autoptr(Phone) phone = NULL;
  g_autoptr(PaTestResponse) regenerated = NULL;
  g_autoptr(PaTestResponse) second = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  g_autofree char *event = NULL;
  gint64 other_id;
  JsonObject *resync;
  JsonArray *told, *unreachable;

  if (!sipp_available ())
    return;
  server = start_provd (NULL);
  {
    guint port = free_udp_port (NULL);

    phone = add_phone (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:60", port, TRUE);
  }
  sipp = sipp_start ("notify-auth-uas.xml", 1, phone->username, phone->password);
  {
    g_autofree char *patch = g_strdup_printf ("{\"local_sip_port\": %u}", sipp->port);
    g_autofree char *phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, phone->id);
    g_autoptr(PaTestResponse) patched = pa_test_api (server, "PATCH", phone_path, patch, "*");

    g_assert_cmpuint (patched->status, ==, 200);
  }
  /* a second phone on the same account, which never fetched */
  body = g_strdup_printf ("{\"name\": \"Spare\", \"mac\": \"80:5E:C0:00:00:61\", "
                          "\"vendor\": \"yealink\", \"model\": \"yealink-t54w\", "
                          "\"lines\": [%" G_GINT64_FORMAT "]}", phone->account_id);
  other_id = pa_test_create (server, "phones", body);

  path = g_strdup_printf ("/api/v1/sip-accounts/%" G_GINT64_FORMAT "/password", phone->account_id);
  regenerated = pa_test_api (server, "POST", path, "{\"confirm\": \"REGENERATE\"}", NULL);
  g_assert_cmpuint (regenerated->status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (regenerated),
                                                  "sip_password"), !=, phone->password);
  resync = json_object_get_object_member (pa_test_response_object (regenerated), "resync");
  g_assert_nonnull (resync);
  told = json_object_get_array_member (resync, "told");
  unreachable = json_object_get_array_member (resync, "unreachable");
  g_assert_cmpuint (json_array_get_length (told), ==, 1);
  g_assert_cmpint (json_array_get_int_element (told, 0), ==, phone->id);
  g_assert_cmpuint (json_array_get_length (unreachable), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (unreachable, 0),
                                               "id"), ==, other_id);
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (unreachable, 0),
                                                           "reason"), "no_address"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resync, "pending")), ==, 0);

  /* the phone checked the digest against the password it had */
  g_assert_cmpint (sipp_wait (sipp), ==, 0);
  event = sipp_logged (sipp, "EVENT ");
  g_assert_cmpstr (event, ==, "check-sync;reboot=false");

  /* with nothing to tell, the answer says so */
  {
    g_autoptr(PaTestResponse) account = pa_test_api (server, "POST", "/api/v1/sip-accounts",
                                                     "{\"username\": \"nobody\"}", NULL);
    g_autofree char *lonely = g_strdup_printf ("/api/v1/sip-accounts/%" G_GINT64_FORMAT "/password",
                                               json_object_get_int_member (pa_test_response_object (account), "id"));

    second = pa_test_api (server, "POST", lonely, "{\"confirm\": \"REGENERATE\"}", NULL);
    g_assert_cmpuint (second->status, ==, 200);
    resync = json_object_get_object_member (pa_test_response_object (second), "resync");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resync, "told")), ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resync, "unreachable")),
                      ==, 0);
  }
}

/* The answer that shows a new password must reach the app (whose requests
 * time out after 15 s) even when a phone keeps its NOTIFY open for Timer
 * F's full 32 s: after 10 s it answers, naming that phone as pending, and
 * its result arrives later as its sip_action. */
static void
test_password_resync_slow (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(Phone) phone = NULL;
  g_autoptr(PaTestResponse) regenerated = NULL;
  g_autofree char *path = NULL;
  JsonObject *resync;
  JsonArray *pending;
  gint64 start;

  if (!PA_HAVE_SOFIA_SIP)
    {
      g_test_skip ("provd was built without sofia-sip (meson -Dsip=disabled)");
      return;
    }
  server = start_provd ("sip-keepalive = 0\nsip-timeout-ms = 32000\n");
  phone = add_phone (server, "snom", "snom-d785", "00:04:13:00:00:90", free_udp_port (&silent),
                     TRUE);
  path = g_strdup_printf ("/api/v1/sip-accounts/%" G_GINT64_FORMAT "/password", phone->account_id);
  start = g_get_monotonic_time ();
  regenerated = pa_test_api (server, "POST", path, "{\"confirm\": \"REGENERATE\"}", NULL);
  g_assert_cmpuint (regenerated->status, ==, 200);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 14 * G_USEC_PER_SEC);
  g_assert_nonnull (json_object_get_string_member (pa_test_response_object (regenerated),
                                                   "sip_password"));
  resync = json_object_get_object_member (pa_test_response_object (regenerated), "resync");
  pending = json_object_get_array_member (resync, "pending");
  g_assert_cmpuint (json_array_get_length (pending), ==, 1);
  g_assert_cmpint (json_array_get_int_element (pending, 0), ==, phone->id);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (resync, "told")), ==, 0);
}

/* OPTIONS every second: a phone that answers is online; once it stops,
 * it is offline after the configured silence. A phone with no address is
 * never probed and stays as it was. */
static void
test_keepalive (void)
{
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(Sipp) sipp = NULL;
  g_autoptr(Phone) phone = NULL;
  g_autoptr(Phone) pending = NULL;
  g_autoptr(PaTestResponse) got = NULL;

  if (!sipp_available ())
    return;
  server = start_provd ("sip-keepalive = 1\nsip-offline-after = 3\n");
  sipp = sipp_start ("options-uas.xml", 3, NULL, NULL);
  phone = add_phone (server, "grandstream", "grandstream-gxp2170", "00:0B:82:00:00:70",
                     sipp->port, TRUE);
  pending = add_phone (server, "grandstream", "grandstream-gxp2170", "00:0B:82:00:00:71", 5060,
                       FALSE);

  wait_status (server, phone->id, "online");
  /* sipp has answered its three and is gone: silence */
  g_assert_cmpint (sipp_wait (sipp), ==, 0);
  wait_status (server, phone->id, "offline");

  got = pa_test_get (server, "phones", pending->id);
  g_assert_cmpstr (json_object_get_string_member (pa_test_response_object (got), "status"), ==,
                   "pending");
}

/* The keepalive does not send a round at once: 40 phones and a 2 s
 * interval go out in slices over the interval (as 100,000 would over
 * 30 s). A silent socket plays all the phones and notes when each
 * OPTIONS (each its own Call-ID; retransmissions counted once) came. */
static void
test_keepalive_spread (void)
{
  enum { PHONES = 40 };
  g_autoptr(PaTestServer) server = NULL;
  g_autoptr(GSocket) silent = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) arrivals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint port;
  gint64 deadline;
  guint busiest = 0;

  if (!PA_HAVE_SOFIA_SIP)
    {
      g_test_skip ("provd was built without sofia-sip (meson -Dsip=disabled)");
      return;
    }
  port = free_udp_port (&silent);
  server = start_provd (NULL);
  for (guint i = 0; i < PHONES; i++)
    {
      g_autofree char *mac = g_strdup_printf ("80:5E:C0:00:01:%02X", i);
      g_autoptr(Phone) phone = add_phone (server, "yealink", "yealink-t54w", mac, port, TRUE);
    }
  /* Now with keepalives, every 2 s. */
  g_file_set_contents (server->config_file,
                       "[server]\nsip-server = " PA_TEST_SIP_SERVER "\nsip-timeout-ms = 2000\n"
                       "sip-keepalive = 2\nsip-offline-after = 60\n", -1, &error);
  g_assert_no_error (error);
  pa_test_server_restart (server);

  g_socket_set_blocking (silent, FALSE);
  deadline = g_get_monotonic_time () + WAIT_USEC;
  while (g_hash_table_size (seen) < PHONES)
    {
      char buffer[4096];
      gssize got;

      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_socket_condition_timed_wait (silent, G_IO_IN, 100 * 1000, NULL, NULL))
        continue;
      got = g_socket_receive (silent, buffer, sizeof buffer - 1, NULL, NULL);
      if (got <= 0)
        continue;
      buffer[got] = '\0';
      if (g_str_has_prefix (buffer, "OPTIONS "))
        {
          const char *call_id = strstr (buffer, "\r\nCall-ID:");
          g_autofree char *id = NULL;

          g_assert_nonnull (call_id);
          id = g_strndup (call_id + 10, strcspn (call_id + 10, "\r\n"));
          if (g_hash_table_add (seen, g_steal_pointer (&id)))
            {
              gint64 now = g_get_monotonic_time ();

              g_array_append_val (arrivals, now);
            }
        }
    }

  /* Over most of the interval, a few per 100 ms, never the lot at once. */
  for (guint i = 0; i < arrivals->len; i++)
    {
      guint in_window = 0;

      for (guint j = i; j < arrivals->len; j++)
        if (g_array_index (arrivals, gint64, j) - g_array_index (arrivals, gint64, i) < 100 * 1000)
          in_window++;
      busiest = MAX (busiest, in_window);
    }
  g_test_message ("%d OPTIONS over %.2f s, at most %u in 100 ms", PHONES,
                  (g_array_index (arrivals, gint64, PHONES - 1) - g_array_index (arrivals, gint64, 0))
                  / (double) G_USEC_PER_SEC, busiest);
  g_assert_cmpint (g_array_index (arrivals, gint64, PHONES - 1) - g_array_index (arrivals, gint64, 0),
                   >=, G_USEC_PER_SEC);
  g_assert_cmpuint (busiest, <=, 8);
}

/* -- Asterisk's AMI ---------------------------------------------------------- */

/* A stand-in for Asterisk's manager interface, NOT Asterisk: Asterisk is
 * not packaged in Debian 12, so this speaks the AMI wire protocol as
 * Asterisk does (the banner `Asterisk Call Manager/5.0`, `Key: value`
 * lines, a blank line ending each message) on a loopback port, in a thread
 * of its own with blocking I/O. It serves one connection per entry of
 * @notify_answers, answering that connection's PJSIPNotify with it, and
 * keeps every message it got. */
typedef struct
{
  GSocketListener    *listener;
  guint               port;
  GThread            *thread;
  const char * const *notify_answers;  /* "Success" or an error message */
  GMutex              lock;
  GPtrArray          *messages;        /* GHashTable: lower-case key → value */
} AmiStandIn;

static GHashTable *
ami_read_message (GDataInputStream *input)
{
  g_autoptr(GHashTable) message = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (input, NULL, NULL, NULL);
      const char *colon;

      if (line == NULL)
        return NULL;
      g_strchomp (line);
      if (line[0] == '\0')
        return g_hash_table_size (message) > 0 ? g_steal_pointer (&message) : NULL;
      colon = strchr (line, ':');
      if (colon != NULL)
        g_hash_table_replace (message, g_ascii_strdown (line, colon - line),
                              g_strstrip (g_strdup (colon + 1)));
    }
}

static void
ami_write (GOutputStream *output,
           const char    *text)
{
  g_output_stream_write_all (output, text, strlen (text), NULL, NULL, NULL);
}

static gpointer
ami_serve (gpointer data)
{
  AmiStandIn *ami = data;

  for (guint n = 0; ami->notify_answers[n] != NULL; n++)
    {
      g_autoptr(GSocketConnection) connection = g_socket_listener_accept (ami->listener, NULL,
                                                                          NULL, NULL);
      g_autoptr(GDataInputStream) input = NULL;
      GOutputStream *output;
      GHashTable *message;

      if (connection == NULL)
        return NULL;
      input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
      g_data_input_stream_set_newline_type (input, G_DATA_STREAM_NEWLINE_TYPE_ANY);
      output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
      ami_write (output, "Asterisk Call Manager/5.0\r\n");

      while ((message = ami_read_message (input)) != NULL)
        {
          const char *action = g_hash_table_lookup (message, "action");

          g_mutex_lock (&ami->lock);
          g_ptr_array_add (ami->messages, g_hash_table_ref (message));
          g_mutex_unlock (&ami->lock);

          if (g_strcmp0 (action, "Login") == 0)
            {
              if (g_strcmp0 (g_hash_table_lookup (message, "username"), "phoneadmin") == 0
                  && g_strcmp0 (g_hash_table_lookup (message, "secret"), "s3cret-ami") == 0)
                ami_write (output, "Response: Success\r\nMessage: Authentication accepted\r\n\r\n");
              else
                ami_write (output, "Response: Error\r\nMessage: Authentication failed\r\n\r\n");
            }
          else if (g_strcmp0 (action, "PJSIPNotify") == 0)
            {
              if (g_str_equal (ami->notify_answers[n], "Success"))
                ami_write (output, "Response: Success\r\nMessage: NOTIFY sent\r\n\r\n");
              else
                {
                  g_autofree char *text = g_strdup_printf ("Response: Error\r\nMessage: %s\r\n\r\n",
                                                           ami->notify_answers[n]);

                  ami_write (output, text);
                }
            }
          else if (g_strcmp0 (action, "Logoff") == 0)
            {
              ami_write (output, "Response: Goodbye\r\nMessage: Thanks for all the fish.\r\n\r\n");
              g_hash_table_unref (message);
              break;
            }
          g_hash_table_unref (message);
        }
    }
  return NULL;
}

static AmiStandIn *
ami_start (const char * const *notify_answers)
{
  AmiStandIn *ami = g_new0 (AmiStandIn, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  ami->listener = g_socket_listener_new ();
  g_socket_listener_add_address (ami->listener, any, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  ami->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  ami->notify_answers = notify_answers;
  ami->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_mutex_init (&ami->lock);
  ami->thread = g_thread_new ("ami-stand-in", ami_serve, ami);
  return ami;
}

/* The @nth message with Action @action, copied; NULL when none came. */
static GHashTable *
ami_find (AmiStandIn *ami,
          const char *action,
          guint       nth)
{
  GHashTable *found = NULL;

  g_mutex_lock (&ami->lock);
  for (guint i = 0; i < ami->messages->len && found == NULL; i++)
    {
      GHashTable *message = g_ptr_array_index (ami->messages, i);

      if (g_strcmp0 (g_hash_table_lookup (message, "action"), action) == 0 && nth-- == 0)
        found = g_hash_table_ref (message);
    }
  g_mutex_unlock (&ami->lock);
  return found;
}

static void
ami_free (AmiStandIn *ami)
{
  g_thread_join (ami->thread);
  g_socket_listener_close (ami->listener);
  g_clear_object (&ami->listener);
  g_ptr_array_unref (ami->messages);
  g_mutex_clear (&ami->lock);
  g_free (ami);
}

/* With an AMI in the key file, a push is Asterisk's PJSIPNotify to the
 * line's endpoint with the vendor's event; Success is answered, Error
 * rejected with Asterisk's message. The secret shows nowhere in the API. */
static void
test_ami (void)
{
  static const char * const answers[] = {
    "Success", "Unable to retrieve endpoint line-80_5e_c0_00_00_81", NULL
  };
  AmiStandIn *ami = ami_start (answers);
  g_autofree char *extra = g_strdup_printf ("sip-keepalive = 0\nami-host = 127.0.0.1\n"
                                            "ami-port = %u\nami-username = phoneadmin\n"
                                            "ami-secret = s3cret-ami\n", ami->port);
  g_autoptr(PaTestServer) server = start_provd (extra);
  g_autoptr(Phone) phone = add_phone (server, "yealink", "yealink-t54w", "80:5E:C0:00:00:80",
                                      5060, TRUE);
  g_autoptr(Phone) unknown = add_phone (server, "grandstream", "grandstream-gxp2170",
                                        "00:0B:82:00:00:81", 5060, FALSE);
  g_autoptr(PaTestResponse) accepted = NULL;
  g_autoptr(PaTestResponse) refused = NULL;
  g_autoptr(PaTestResponse) settings = NULL;
  g_autoptr(PaTestResponse) info = NULL;
  g_autoptr(JsonObject) result = NULL;
  g_autoptr(JsonObject) rejected = NULL;
  g_autoptr(GHashTable) login = NULL;
  g_autoptr(GHashTable) notify = NULL;
  g_autoptr(GHashTable) second = NULL;

  accepted = push (server, phone->id, "reboot");
  g_assert_cmpuint (accepted->status, ==, 202);
  result = wait_sip_action (server, phone->id, "reboot");
  g_assert_cmpstr (json_object_get_string_member (result, "result"), ==, "answered");
  g_assert_cmpstr (json_object_get_string_member (result, "reason"), ==, "NOTIFY sent");

  login = ami_find (ami, "Login", 0);
  g_assert_nonnull (login);
  g_assert_cmpstr (g_hash_table_lookup (login, "username"), ==, "phoneadmin");
  notify = ami_find (ami, "PJSIPNotify", 0);
  g_assert_nonnull (notify);
  g_assert_cmpstr (g_hash_table_lookup (notify, "endpoint"), ==, phone->username);
  g_assert_cmpstr (g_hash_table_lookup (notify, "variable"), ==, "Event=check-sync;reboot=true");

  /* Asterisk does not know the endpoint: rejected, with its reason. A
   * phone with no address is no matter: Asterisk knows where it is. */
  refused = push (server, unknown->id, "resync");
  g_assert_cmpuint (refused->status, ==, 202);
  rejected = wait_sip_action (server, unknown->id, "resync");
  g_assert_cmpstr (json_object_get_string_member (rejected, "result"), ==, "rejected");
  g_assert_nonnull (strstr (json_object_get_string_member (rejected, "reason"),
                            "Unable to retrieve endpoint"));
  second = ami_find (ami, "PJSIPNotify", 1);
  g_assert_nonnull (second);
  g_assert_cmpstr (g_hash_table_lookup (second, "variable"), ==, "Event=check-sync");

  settings = pa_test_api (server, "GET", "/api/v1/settings", NULL, NULL);
  info = pa_test_api (server, "GET", "/api/v1/info", NULL, NULL);
  g_assert_null (strstr (settings->text, "s3cret-ami"));
  g_assert_null (strstr (info->text, "s3cret-ami"));

  ami_free (ami);
}

/* Where a push goes: the registered contact first, else the address the
 * phone fetched from on its SIP port, with the line's user. */
static void
test_target (void)
{
  static const struct
  {
    const char *contact, *ip;
    guint       port;
    const char *user, *expected;
  } cases[] = {
    { "<sip:201@192.0.2.7:5062;transport=udp>;expires=60", "192.0.2.10", 5060, "201",
      "sip:201@192.0.2.7:5062;transport=udp" },
    { "\"Ann\" <sips:201@pbx.example.com>", NULL, 5060, "201", "sips:201@pbx.example.com" },
    { "sip:201@192.0.2.7", NULL, 0, NULL, "sip:201@192.0.2.7" },
    { "not a contact", "192.0.2.10", 5060, "201", "sip:201@192.0.2.10:5060" },
    { "<sip:201@192.0.2.7", "192.0.2.10", 5060, "201", "sip:201@192.0.2.10:5060" },
    { NULL, "192.0.2.10", 5070, "201", "sip:201@192.0.2.10:5070" },
    { NULL, "2001:db8::5", 5060, "201", "sip:201@[2001:db8::5]:5060" },
    { NULL, "192.0.2.10", 0, "201", "sip:201@192.0.2.10:5060" },
    { NULL, "192.0.2.10", 5060, NULL, "sip:192.0.2.10:5060" },
    { NULL, "192.0.2.10", 5060, "", "sip:192.0.2.10:5060" },
    { NULL, "192.0.2.10", 5060, "a b@c", "sip:a%20b%40c@192.0.2.10:5060" },
    { NULL, NULL, 5060, "201", NULL },
    { NULL, "not-an-address", 5060, "201", NULL },
    { "", NULL, 5060, "201", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *target = pa_sip_target_for_phone (cases[i].contact, cases[i].ip,
                                                         cases[i].port, cases[i].user);

      g_test_message ("%s / %s:%u / %s → %s", cases[i].contact, cases[i].ip, cases[i].port,
                      cases[i].user, target);
      g_assert_cmpstr (target, ==, cases[i].expected);
    }
}

/* The key file's SIP and AMI keys: checked at start, a bad value named. */
static void
test_config (void)
{
  static const char * const bad[] = {
    "[server]\nsip-port = 70000\n",
    "[server]\nsip-port = -1\n",
    "[server]\nsip-keepalive = soon\n",
    "[server]\nsip-offline-after = 0\n",
    "[server]\nami-host = 192.0.2.5\n",
    "[server]\nami-host = 192.0.2.5\nami-username = a\n",
    "[server]\nami-username = a\nami-secret = b\n",
    "[server]\nami-host = 192.0.2.5\nami-port = 0\nami-username = a\nami-secret = b\n",
    "[server]\nami-host = 192.0.2.5\nami-username = a\nami-secret = b\\nAction: Originate\n",
  };
  static const char good[] =
    "[server]\nsip-port = 5070\nsip-timeout-ms = 4000\nsip-keepalive = 0\n"
    "sip-offline-after = 90\nami-host = 192.0.2.5\nami-port = 5039\n"
    "ami-username = phoneadmin\nami-secret = s3cret\n";

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(PaServerConfig) config = pa_server_config_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (pa_server_config_load_data (config, bad[i], strlen (bad[i]), &error));
      g_test_message ("%s → %s", bad[i], error->message);
      g_assert_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE);
    }

  {
    g_autoptr(PaServerConfig) config = pa_server_config_new ();
    g_autoptr(GError) error = NULL;

    /* 5062 by default, a free port beside a free HTTP port */
    g_assert_cmpuint (pa_server_config_get_sip_port (config), ==, 5062);
    g_assert_true (pa_server_config_set_listen (config, "127.0.0.1:0", &error));
    g_assert_cmpuint (pa_server_config_get_sip_port (config), ==, 0);
    g_assert_cmpuint (config->sip_keepalive, ==, 30);
    g_assert_cmpuint (config->sip_offline_after, ==, 60);
    g_assert_null (config->ami_host);

    g_assert_true (pa_server_config_load_data (config, good, strlen (good), &error));
    g_assert_no_error (error);
    g_assert_cmpuint (pa_server_config_get_sip_port (config), ==, 5070);
    g_assert_cmpuint (config->sip_timeout_ms, ==, 4000);
    g_assert_cmpuint (config->sip_keepalive, ==, 0);
    g_assert_cmpuint (config->sip_offline_after, ==, 90);
    g_assert_cmpstr (config->ami_host, ==, "192.0.2.5");
    g_assert_cmpuint (config->ami_port, ==, 5039);
    g_assert_cmpstr (config->ami_username, ==, "phoneadmin");
    g_assert_cmpstr (config->ami_secret, ==, "s3cret");
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sip/config", test_config);
  g_test_add_func ("/sip/target", test_target);
  g_test_add_func ("/sip/events-per-vendor", test_events_per_vendor);
  g_test_add_func ("/sip/challenge", test_challenge);
  g_test_add_func ("/sip/no-answer", test_no_answer);
  g_test_add_func ("/sip/no-address", test_no_address);
  g_test_add_func ("/sip/malformed", test_malformed);
  g_test_add_func ("/sip/resync-many", test_resync_many);
  g_test_add_func ("/sip/password-resync", test_password_resync);
  g_test_add_func ("/sip/password-resync-slow", test_password_resync_slow);
  g_test_add_func ("/sip/keepalive", test_keepalive);
  g_test_add_func ("/sip/keepalive-spread", test_keepalive_spread);
  g_test_add_func ("/sip/ami", test_ami);

  status = g_test_run ();
  if (config_dir != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (config_dir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (config_dir, name, NULL);

          g_remove (path);
        }
      g_rmdir (config_dir);
    }
  return status;
}
