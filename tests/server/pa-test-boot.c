/* pa-test-boot.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-test-boot.h"

PaTestBootPhone *
pa_test_boot_phone_new (PaTestServer *server,
                        const char   *vendor,
                        const char   *model,
                        const char   *mac,
                        const char   *extra)
{
  PaTestBootPhone *self = g_new0 (PaTestBootPhone, 1);
  g_autoptr(PaTestResponse) created = NULL;
  g_autoptr(PaTestResponse) account = NULL;
  g_autofree char *body = NULL;
  g_autofree char *account_path = NULL;
  JsonObject *object;
  gint64 agent_id;

  agent_id = pa_test_create (server, "agents", "{\"name\": \"Ann\", \"extension\": \"201\"}");
  body = g_strdup_printf ("{\"name\": \"Ann's desk\", \"mac\": \"%s\", \"vendor\": \"%s\", "
                          "\"model\": \"%s\", \"agent_id\": %" G_GINT64_FORMAT "%s}",
                          mac, vendor, model, agent_id, extra != NULL ? extra : "");
  created = pa_test_api (server, "POST", "/api/v1/phones", body, NULL);
  if (created->status != 201)
    g_error ("POST phone: %u %s", created->status, created->text);
  object = pa_test_response_object (created);
  self->id = json_object_get_int_member (object, "id");
  self->token = g_strdup (json_object_get_string_member (object, "token"));
  self->password = g_strdup (json_object_get_string_member (object, "sip_password"));

  account = pa_test_get (server, "sip-accounts",
                         json_array_get_int_element (json_object_get_array_member (object, "lines"), 0));
  self->username = g_strdup (json_object_get_string_member (pa_test_response_object (account),
                                                            "username"));
  g_assert_nonnull (self->token);
  g_assert_nonnull (self->password);
  return self;
}

void
pa_test_boot_phone_free (PaTestBootPhone *self)
{
  if (self == NULL)
    return;
  g_free (self->token);
  g_free (self->password);
  g_free (self->username);
  g_free (self);
}

PaTestResponse *
pa_test_boot_fetch (PaTestServer    *server,
                    PaTestBootPhone *phone,
                    const char      *file,
                    const char      *user_agent)
{
  g_autofree char *path = g_strdup_printf ("/p/%s/%s", phone->token, file);
  const char *headers[] = { "User-Agent", user_agent, NULL };

  return pa_test_request (server, "GET", path, NULL, NULL, -1, FALSE, headers);
}

void
pa_test_boot_assert_ok (PaTestResponse *response,
                        const char     *media_type)
{
  if (response->status != 200)
    g_error ("expected 200, got %u: %s", response->status, response->text);
  g_assert_cmpstr (soup_message_headers_get_content_type (response->headers, NULL), ==,
                   media_type);
}

void
pa_test_boot_assert_not_found (PaTestServer    *server,
                               PaTestBootPhone *phone,
                               const char      *file,
                               const char      *user_agent)
{
  g_autoptr(PaTestResponse) response = pa_test_boot_fetch (server, phone, file, user_agent);

  g_test_message ("%s → %u", file, response->status);
  if (response->status != 404)
    g_error ("%s: expected 404, got %u", file, response->status);
}
