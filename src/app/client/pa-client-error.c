/* pa-client-error.c — PA_CLIENT_ERROR: the extended error domain, and
 * which error an answer or a failed transport stands for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "pa-client-private.h"

/* ---------------------------------------------------------------------- */
/* The error domain */

typedef struct
{
  char            *field;
  char            *code;
  guint            status;
  GTlsCertificate *certificate;
} PaClientErrorPrivate;

static void
pa_client_error_private_init (PaClientErrorPrivate *priv)
{
}

static void
pa_client_error_private_copy (const PaClientErrorPrivate *src,
                              PaClientErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
  dest->code = g_strdup (src->code);
  dest->status = src->status;
  dest->certificate = src->certificate ? g_object_ref (src->certificate) : NULL;
}

static void
pa_client_error_private_clear (PaClientErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
  g_clear_pointer (&priv->code, g_free);
  g_clear_object (&priv->certificate);
}

G_DEFINE_EXTENDED_ERROR (PaClientError, pa_client_error)

GError *
pa_client_error_new_full (PaClientError    code,
                          guint            status,
                          const char      *server_code,
                          const char      *field,
                          GTlsCertificate *certificate,
                          const char      *message)
{
  GError *error = g_error_new_literal (PA_CLIENT_ERROR, code, message);
  PaClientErrorPrivate *priv = pa_client_error_get_private (error);

  priv->status = status;
  priv->code = g_strdup (server_code);
  priv->field = g_strdup (field);
  priv->certificate = certificate ? g_object_ref (certificate) : NULL;
  return error;
}

const char *
pa_client_error_get_field (const GError *error)
{
  if (error == NULL || error->domain != PA_CLIENT_ERROR)
    return NULL;
  return pa_client_error_get_private (error)->field;
}

const char *
pa_client_error_get_code (const GError *error)
{
  if (error == NULL || error->domain != PA_CLIENT_ERROR)
    return NULL;
  return pa_client_error_get_private (error)->code;
}

guint
pa_client_error_get_status (const GError *error)
{
  if (error == NULL || error->domain != PA_CLIENT_ERROR)
    return 0;
  return pa_client_error_get_private (error)->status;
}

GTlsCertificate *
pa_client_error_get_certificate (const GError *error)
{
  if (error == NULL || error->domain != PA_CLIENT_ERROR)
    return NULL;
  return pa_client_error_get_private (error)->certificate;
}

char *
pa_certificate_fingerprint (GTlsCertificate *cert)
{
  g_autoptr(GByteArray) der = NULL;
  g_autofree char *hex = NULL;
  GString *out;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (cert), NULL);

  g_object_get (cert, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  hex = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
  out = g_string_sized_new (strlen (hex) * 3 / 2);
  for (gsize i = 0; hex[i] != '\0'; i += 2)
    {
      if (i > 0)
        g_string_append_c (out, ':');
      g_string_append_c (out, g_ascii_toupper (hex[i]));
      g_string_append_c (out, g_ascii_toupper (hex[i + 1]));
    }
  return g_string_free (out, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Answers and transport failures as PA_CLIENT_ERROR */

gboolean
pa_client_is_json_response (SoupMessage *message)
{
  const char *type;

  type = soup_message_headers_get_content_type (soup_message_get_response_headers (message), NULL);
  return type != NULL && g_ascii_strcasecmp (type, "application/json") == 0;
}

/* Parses an object body; NULL (and no error) when it is not one. */
JsonNode *
pa_client_parse_object (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len = 0;
  const char *text = body ? g_bytes_get_data (body, &len) : NULL;
  JsonNode *root;

  if (text == NULL || len == 0 || len > G_MAXSSIZE)
    return NULL;
  if (!json_parser_load_from_data (parser, text, (gssize) len, NULL))
    return NULL;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return json_node_ref (root);
}

static PaClientError
code_for_status (guint status)
{
  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
      return PA_CLIENT_ERROR_UNAUTHORIZED;
    case SOUP_STATUS_NOT_FOUND:
      return PA_CLIENT_ERROR_NOT_FOUND;
    case SOUP_STATUS_CONFLICT:
      return PA_CLIENT_ERROR_CONFLICT;
    case SOUP_STATUS_PRECONDITION_FAILED:
    case 428:
      return PA_CLIENT_ERROR_STALE;
    case SOUP_STATUS_BAD_REQUEST:
    case SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE:
    case SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE:
    case SOUP_STATUS_UNPROCESSABLE_ENTITY:
      return PA_CLIENT_ERROR_INVALID;
    default:
      return status >= 500 ? PA_CLIENT_ERROR_SERVER : PA_CLIENT_ERROR_PROTOCOL;
    }
}

static const char *
fallback_message (PaClientError code)
{
  switch (code)
    {
    case PA_CLIENT_ERROR_UNAUTHORIZED:
      return _("The server did not accept the access token. Check the token and connect again.");
    case PA_CLIENT_ERROR_NOT_FOUND:
      return _("The server does not have this item any more. It may have been deleted.");
    case PA_CLIENT_ERROR_CONFLICT:
      return _("The change conflicts with other data on the server.");
    case PA_CLIENT_ERROR_STALE:
      return _("Someone else changed this item in the meantime. Reload it and try again.");
    case PA_CLIENT_ERROR_INVALID:
      return _("The server did not accept the data.");
    case PA_CLIENT_ERROR_SERVER:
      return _("The server had an internal problem. Try again later; if it keeps happening, "
               "check the server log.");
    case PA_CLIENT_ERROR_UNREACHABLE:
    case PA_CLIENT_ERROR_TLS:
    case PA_CLIENT_ERROR_PROTOCOL:
    default:
      return _("The server gave an answer PhoneAdmin does not understand. Check that the "
               "address points at a PhoneAdmin server.");
    }
}

/* The error an answer with status @status (not 2xx) stands for. */
GError *
pa_client_error_from_response (SoupMessage *message,
                               GBytes      *body)
{
  guint status = soup_message_get_status (message);
  PaClientError code = code_for_status (status);
  g_autoptr(JsonNode) root = NULL;
  const char *server_code = NULL;
  const char *server_message = NULL;
  const char *field = NULL;

  if (pa_client_is_json_response (message))
    root = pa_client_parse_object (body);

  if (root != NULL)
    {
      JsonObject *object = json_node_get_object (root);
      JsonNode *error_node = json_object_get_member (object, "error");

      if (error_node != NULL && JSON_NODE_HOLDS_OBJECT (error_node))
        {
          JsonObject *error_object = json_node_get_object (error_node);

          server_code = json_object_get_string_member_with_default (error_object, "code", NULL);
          server_message = json_object_get_string_member_with_default (error_object, "message",
                                                                       NULL);
          field = json_object_get_string_member_with_default (error_object, "field", NULL);
        }
    }

  if (server_message != NULL && *server_message != '\0')
    return pa_client_error_new_full (code, status, server_code, field, NULL, server_message);

  if (code == PA_CLIENT_ERROR_PROTOCOL)
    {
      g_autofree char *text =
        g_strdup_printf (_("The server answered “%u %s”, which PhoneAdmin does not expect. "
                           "Check that the address points at a PhoneAdmin server."),
                         status, soup_status_get_phrase (status));
      return pa_client_error_new_full (code, status, server_code, field, NULL, text);
    }

  return pa_client_error_new_full (code, status, server_code, field, NULL, fallback_message (code));
}

/* Turns a transport error into a PA_CLIENT_ERROR (cancellation stays). */
GError *
pa_client_error_from_transport (GError          *error,
                                SoupMessage     *message,
                                GTlsCertificate *peer_certificate,
                                const char      *url)
{
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_copy (error);

  if (peer_certificate != NULL || error->domain == G_TLS_ERROR)
    {
      GTlsCertificate *cert = peer_certificate;

      if (cert == NULL)
        cert = soup_message_get_tls_peer_certificate (message);
      text = g_strdup_printf (_("The server’s certificate is not trusted (%s). Check its "
                                "fingerprint with the server’s administrator before trusting it."),
                              error->message);
      return pa_client_error_new_full (PA_CLIENT_ERROR_TLS, 0, NULL, NULL, cert, text);
    }

  if (error->domain == SOUP_SESSION_ERROR)
    {
      text = g_strdup_printf (_("The server gave an answer PhoneAdmin does not understand (%s). "
                                "Check that the address points at a PhoneAdmin server."),
                              error->message);
      return pa_client_error_new_full (PA_CLIENT_ERROR_PROTOCOL, 0, NULL, NULL, NULL, text);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    text = g_strdup_printf (_("The server at %s did not answer in time. Check the network "
                              "connection and that the server is running, then try again."),
                            url);
  else if (error->domain == G_RESOLVER_ERROR)
    text = g_strdup_printf (_("The server name in %s could not be found. Check the address and "
                              "the network connection."),
                            url);
  else
    text = g_strdup_printf (_("Could not connect to the server at %s (%s). Check that the "
                              "server is running and the address is right, then try again."),
                            url, error->message);
  return pa_client_error_new_full (PA_CLIENT_ERROR_UNREACHABLE, 0, NULL, NULL, NULL, text);
}
