/* pa-api-events.c — POST /api/v1/events/registration: a PBX says a phone
 * registered or unregistered (its history: pa-api-fetches.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * provd is not the registrar, so a phone's registration is what the PBX
 * reports: its hook (docs/pbx-hooks.md) posts the SIP user and the
 * contact. The contact is then where SIP requests for the phone go
 * (reboot, resync, keepalives). Every status change is kept with its time
 * by the store itself (schema step 11), whoever made it.
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include <string.h>

#include "pa-api-private.h"
#include "pa-mac.h"

#define MAX_CONTACT 512

typedef struct
{
  gboolean  registered;
  char     *user;
  char     *contact;      /* NULL for an unregistration */
  char     *mac;          /* nullable: pins the phone when the user is shared */
  GArray   *phone_ids;    /* out: the phones it was about */
  char     *status;       /* out: their status now, for the answer */
} RegistrationData;

static const char *
read_string (JsonObject  *object,
             const char  *name,
             gboolean     required,
             GError     **error)
{
  JsonNode *value = json_object_get_member (object, name);

  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    {
      if (required)
        pa_set_field_error (error, PA_MODEL_ERROR_INVALID, name, "%s is required", name);
      return NULL;
    }
  if (json_node_get_value_type (value) != G_TYPE_STRING)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_WRONG_TYPE, name, "%s must be a string", name);
      return NULL;
    }
  return json_node_get_string (value);
}

/* A SIP or SIPS URI of printable characters, as a PBX reports a contact. */
static gboolean
contact_is_valid (const char *contact)
{
  gsize length = strlen (contact);

  if (length > MAX_CONTACT ||
      !(g_str_has_prefix (contact, "sip:") || g_str_has_prefix (contact, "sips:")))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if ((guchar) contact[i] <= ' ' || (guchar) contact[i] >= 0x7f)
      return FALSE;
  return strchr (contact, '@') != NULL || strlen (strchr (contact, ':') + 1) > 0;
}

/* The host of sip:user@host:port;params, for comparing with a phone's last
 * address. */
static char *
contact_host (const char *contact)
{
  const char *start = strchr (contact, '@');
  const char *end;

  start = start != NULL ? start + 1 : strchr (contact, ':') + 1;
  if (*start == '[')
    {
      end = strchr (start, ']');
      return end != NULL ? g_strndup (start + 1, (gsize) (end - start - 1)) : NULL;
    }
  end = start + strcspn (start, ":;>?");
  return g_strndup (start, (gsize) (end - start));
}

static gboolean
registration_parse (PaApiRequest  *req,
                    gpointer       user_data,
                    GError       **error)
{
  static const char * const known[] = { "event", "user", "contact", "mac", NULL };
  RegistrationData *data = user_data;
  g_autoptr(JsonNode) body = pa_http_read_json_object (req->msg, error);
  JsonObject *object;
  JsonObjectIter iter;
  const char *name, *event, *user, *contact, *mac;
  JsonNode *value;

  if (body == NULL)
    return FALSE;
  object = json_node_get_object (body);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (known, name))
      {
        pa_set_field_error (error, PA_MODEL_ERROR_UNKNOWN_FIELD, name,
                            "Unknown member “%s”; a registration event has event, user, "
                            "contact and mac", name);
        return FALSE;
      }

  event = read_string (object, "event", TRUE, error);
  if (event == NULL)
    return FALSE;
  if (!g_str_equal (event, "registered") && !g_str_equal (event, "unregistered"))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "event",
                          "event is “registered” or “unregistered”, not “%s”", event);
      return FALSE;
    }
  data->registered = g_str_equal (event, "registered");

  user = read_string (object, "user", TRUE, error);
  if (user == NULL)
    return FALSE;
  if (*user == '\0' || strlen (user) > 128)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "user",
                          "user is the SIP user name the phone registered with");
      return FALSE;
    }
  data->user = g_strdup (user);

  contact = read_string (object, "contact", data->registered, error);
  if (contact == NULL && (error != NULL && *error != NULL))
    return FALSE;
  if (contact != NULL && !contact_is_valid (contact))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "contact",
                          "contact is the registration’s SIP URI, such as "
                          "sip:201@192.0.2.10:5060");
      return FALSE;
    }
  if (data->registered)
    data->contact = g_strdup (contact);

  mac = read_string (object, "mac", FALSE, error);
  if (mac == NULL && error != NULL && *error != NULL)
    return FALSE;
  if (mac != NULL && (data->mac = pa_mac_normalize (mac, error)) == NULL)
    return FALSE;
  return TRUE;
}

/* Which of the phones carrying the user the event is about: the one with
 * the MAC given; the only one; or the ones the contact's address is.
 * NULL with @error when that cannot be told. */
static GArray *
pick_phones (PaApiRequest      *req,
             RegistrationData  *data,
             GArray            *carrying,
             const char        *contact,
             GError           **error)
{
  g_autoptr(GArray) picked = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *host = contact != NULL ? contact_host (contact) : NULL;

  if (carrying->len == 1 && data->mac == NULL)
    {
      g_array_append_vals (picked, carrying->data, 1);
      return g_steal_pointer (&picked);
    }
  for (guint i = 0; i < carrying->len; i++)
    {
      gint64 id = g_array_index (carrying, gint64, i);
      g_autoptr(PaResource) phone = pa_store_get (req->store, PA_TYPE_PHONE, id, error);

      if (phone == NULL)
        return NULL;
      if (data->mac != NULL
          ? g_str_equal (data->mac, pa_phone_get_mac (PA_PHONE (phone)))
          : (host != NULL && g_strcmp0 (host, pa_phone_get_ip (PA_PHONE (phone))) == 0))
        g_array_append_val (picked, id);
    }
  if (picked->len > 0)
    return g_steal_pointer (&picked);
  if (data->mac != NULL)
    pa_http_set_error (error, PA_HTTP_ERROR_NOT_FOUND, "mac",
                       "The phone %s does not carry the SIP user “%s”", data->mac, data->user);
  else
    pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, "user",
                       "The SIP user “%s” is on %u phones and the contact is none of "
                       "their addresses; send the phone’s mac too", data->user, carrying->len);
  return NULL;
}

static gboolean
registration_work (PaApiRequest  *req,
                   gpointer       user_data,
                   GError       **error)
{
  RegistrationData *data = user_data;
  g_autoptr(GArray) carrying = NULL;
  gint64 account;

  account = pa_store_find_sip_account (req->store, data->user, error);
  if (account < 0)
    return FALSE;
  if (account > 0)
    carrying = pa_store_list_phones_naming (req->store, PA_TYPE_SIP_ACCOUNT, account, error);
  if (account > 0 && carrying == NULL)
    return FALSE;
  if (account == 0 || carrying->len == 0)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_NOT_FOUND, "user",
                         account == 0 ? "No SIP account has the user name “%s”"
                                      : "No phone carries the SIP user “%s”", data->user);
      return FALSE;
    }
  data->phone_ids = pick_phones (req, data, carrying, data->contact, error);
  if (data->phone_ids == NULL)
    return FALSE;

  for (guint i = 0; i < data->phone_ids->len; i++)
    {
      gint64 id = g_array_index (data->phone_ids, gint64, i);
      g_autoptr(PaResource) phone = pa_store_get (req->store, PA_TYPE_PHONE, id, error);
      PaPhoneStatusUpdate update = { 0 };
      PaPhoneStatus status;

      if (phone == NULL)
        return FALSE;
      status = pa_phone_get_status (PA_PHONE (phone));
      /* Online (it answers keepalives) says more than registered; a
       * disabled phone stays disabled whatever it does. */
      if (data->registered && status != PA_PHONE_STATUS_ONLINE &&
          status != PA_PHONE_STATUS_DISABLED)
        update.status = "registered";
      else if (!data->registered && (status == PA_PHONE_STATUS_REGISTERED ||
                                     status == PA_PHONE_STATUS_ONLINE))
        update.status = "provisioning";
      update.contact = data->contact;
      update.forget_contact = !data->registered;
      if (!pa_store_update_phone_status (req->store, id, &update, error))
        return FALSE;
      g_free (data->status);
      data->status = g_strdup (update.status != NULL
                               ? update.status
                               : pa_enum_to_nick (PA_TYPE_PHONE_STATUS, status));
    }
  return TRUE;
}

static JsonNode *
registration_answer (PaApiRequest *req,
                     gpointer      user_data)
{
  RegistrationData *data = user_data;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "PA_KIND", "phone",
                    "MESSAGE", "SIP user %s %s on %u phone(s)", data->user,
                    data->registered ? "registered" : "unregistered", data->phone_ids->len);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "phone_ids");
  json_builder_begin_array (builder);
  for (guint i = 0; i < data->phone_ids->len; i++)
    json_builder_add_int_value (builder, g_array_index (data->phone_ids, gint64, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, data->status);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
pa_api_registration_event (PaApiRequest          *req,
                           const PaApiCollection *collection,
                           gint64                 id,
                           const char            *arg)
{
  static const PaApiAction action = { registration_parse, registration_work,
                                      registration_answer };
  RegistrationData data = { 0 };

  pa_api_run_action (req, &action, &data);
  g_free (data.user);
  g_free (data.contact);
  g_free (data.mac);
  g_free (data.status);
  g_clear_pointer (&data.phone_ids, g_array_unref);
}
