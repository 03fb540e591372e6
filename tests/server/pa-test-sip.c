/* pa-test-sip.c — what the SIP tests share: a provd with short SIP timers,
 * phones with their own line, waiting for a result or a status
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "pa-catalog.h"
#include "pa-test-sip.h"

gboolean
pa_test_sip_can_run (void)
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

void
pa_test_sip_phone_free (PaTestSipPhone *phone)
{
  g_free (phone->username);
  g_free (phone->password);
  g_free (phone->token);
  g_free (phone->mac);
  g_free (phone->model);
  g_free (phone);
}

static char *config_dir;

/* provd with short SIP timers; @extra: more [server] lines. */
PaTestServer *
pa_test_sip_provd_new (const char *extra)
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
                            "sip-timeout-ms = %u\n%s", PA_TEST_SIP_TIMEOUT_MS,
                            extra != NULL ? extra : "sip-keepalive = 0\n");
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  options.config_file = path;
  return pa_test_server_new_with_options (&options);
}

/* A phone with its own SIP account on line 1, listening for SIP on
 * @sip_port; when @fetch, it fetched its file from loopback, so provd
 * knows its address. */
PaTestSipPhone *
pa_test_sip_phone_new (PaTestServer *server,
           const char   *vendor,
           const char   *model,
           const char   *mac,
           guint         sip_port,
           gboolean      fetch)
{
  PaTestSipPhone *phone = g_new0 (PaTestSipPhone, 1);
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
JsonObject *
pa_test_sip_wait_action (PaTestServer *server,
                 gint64        id,
                 const char   *action)
{
  gint64 deadline = g_get_monotonic_time () + PA_TEST_SIP_WAIT_USEC;

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

void
pa_test_sip_wait_status (PaTestServer *server,
             gint64        id,
             const char   *status)
{
  gint64 deadline = g_get_monotonic_time () + PA_TEST_SIP_WAIT_USEC;

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

PaTestResponse *
pa_test_sip_push (PaTestServer *server,
      gint64        id,
      const char   *action)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT "/%s", id, action);

  return pa_test_api (server, "POST", path, NULL, NULL);
}

void
pa_test_sip_cleanup (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (config_dir == NULL)
    return;
  dir = g_dir_open (config_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (config_dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (config_dir);
  g_clear_pointer (&config_dir, g_free);
}
