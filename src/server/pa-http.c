/* pa-http.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-http"

#include "config.h"

#include <string.h>

#include "pa-error.h"
#include "pa-http.h"
#include "pa-json-check.h"
#include "pa-render.h"
#include "pa-store.h"

#define BODY_TOO_LARGE_KEY "pa-http-body-too-large"
#define BODY_LIMIT_KEY     "pa-http-body-limit"

static gsize
body_limit (SoupServerMessage *msg)
{
  gsize limit = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), BODY_LIMIT_KEY));

  return limit != 0 ? limit : PA_HTTP_MAX_BODY;
}

typedef struct
{
  char *field;
} PaHttpErrorPrivate;

static void
pa_http_error_private_init (PaHttpErrorPrivate *priv)
{
  priv->field = NULL;
}

static void
pa_http_error_private_copy (const PaHttpErrorPrivate *src,
                            PaHttpErrorPrivate       *dest)
{
  dest->field = g_strdup (src->field);
}

static void
pa_http_error_private_clear (PaHttpErrorPrivate *priv)
{
  g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (PaHttpError, pa_http_error)

void
pa_http_set_error (GError     **error,
                   PaHttpError  code,
                   const char  *field,
                   const char  *format,
                   ...)
{
  GError *new_error;
  va_list args;

  if (error == NULL)
    return;

  va_start (args, format);
  new_error = g_error_new_valist (PA_HTTP_ERROR, code, format, args);
  va_end (args);

  if (field != NULL)
    pa_http_error_get_private (new_error)->field = g_strdup (field);

  g_propagate_error (error, new_error);
}

const char *
pa_http_error_get_field (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == PA_HTTP_ERROR)
    return pa_http_error_get_private (error)->field;
  if (error->domain == PA_MODEL_ERROR)
    return pa_model_error_get_field (error);
  return NULL;
}

guint
pa_http_status_for_error (const GError *error,
                          const char  **code)
{
  const char *dummy;

  if (code == NULL)
    code = &dummy;

  if (error->domain == PA_HTTP_ERROR)
    {
      switch ((PaHttpError) error->code)
        {
        case PA_HTTP_ERROR_BAD_REQUEST:
          *code = "bad_request";
          return SOUP_STATUS_BAD_REQUEST;
        case PA_HTTP_ERROR_UNAUTHORIZED:
          *code = "unauthorized";
          return SOUP_STATUS_UNAUTHORIZED;
        case PA_HTTP_ERROR_NOT_FOUND:
          *code = "not_found";
          return SOUP_STATUS_NOT_FOUND;
        case PA_HTTP_ERROR_METHOD_NOT_ALLOWED:
          *code = "method_not_allowed";
          return SOUP_STATUS_METHOD_NOT_ALLOWED;
        case PA_HTTP_ERROR_CONFLICT:
          *code = "conflict";
          return SOUP_STATUS_CONFLICT;
        case PA_HTTP_ERROR_PRECONDITION_FAILED:
          *code = "precondition_failed";
          return SOUP_STATUS_PRECONDITION_FAILED;
        case PA_HTTP_ERROR_TOO_LARGE:
          *code = "payload_too_large";
          return SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE;
        case PA_HTTP_ERROR_UNSUPPORTED_MEDIA_TYPE:
          *code = "unsupported_media_type";
          return SOUP_STATUS_UNSUPPORTED_MEDIA_TYPE;
        case PA_HTTP_ERROR_RULE:
          *code = "rule_violation";
          return SOUP_STATUS_UNPROCESSABLE_ENTITY;
        case PA_HTTP_ERROR_PRECONDITION_REQUIRED:
          *code = "precondition_required";
          return 428;
        case PA_HTTP_ERROR_INTERNAL:
        default:
          break;
        }
    }
  else if (error->domain == PA_MODEL_ERROR)
    {
      switch ((PaModelError) error->code)
        {
        case PA_MODEL_ERROR_MALFORMED:
          *code = "malformed";
          return SOUP_STATUS_BAD_REQUEST;
        case PA_MODEL_ERROR_UNKNOWN_FIELD:
          *code = "unknown_field";
          return SOUP_STATUS_BAD_REQUEST;
        case PA_MODEL_ERROR_WRONG_TYPE:
          *code = "wrong_type";
          return SOUP_STATUS_BAD_REQUEST;
        case PA_MODEL_ERROR_INVALID:
          *code = "invalid_value";
          return SOUP_STATUS_BAD_REQUEST;
        case PA_MODEL_ERROR_RULE:
          *code = "rule_violation";
          return SOUP_STATUS_UNPROCESSABLE_ENTITY;
        default:
          break;
        }
    }
  else if (error->domain == PA_RENDER_ERROR)
    {
      switch ((PaRenderError) error->code)
        {
        case PA_RENDER_ERROR_NO_SUCH_FILE:
        case PA_RENDER_ERROR_UNSUPPORTED:
          *code = "not_found";
          return SOUP_STATUS_NOT_FOUND;
        case PA_RENDER_ERROR_INCOMPLETE:
          /* The settings cannot work on a phone; the message says why. */
          *code = "needs_attention";
          return SOUP_STATUS_UNPROCESSABLE_ENTITY;
        default:
          break;
        }
    }
  else if (error->domain == PA_STORE_ERROR)
    {
      switch ((PaStoreError) error->code)
        {
        case PA_STORE_ERROR_NOT_FOUND:
          *code = "not_found";
          return SOUP_STATUS_NOT_FOUND;
        case PA_STORE_ERROR_STALE:
          *code = "precondition_failed";
          return SOUP_STATUS_PRECONDITION_FAILED;
        case PA_STORE_ERROR_CONFLICT:
        case PA_STORE_ERROR_CONSTRAINT:
          *code = "conflict";
          return SOUP_STATUS_CONFLICT;
        case PA_STORE_ERROR_FAILED:
        default:
          break;
        }
    }

  *code = "internal";
  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

static void
set_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  /* Admin data must never sit in a shared cache. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
}

void
pa_http_send_json (SoupServerMessage *msg,
                   guint              status,
                   JsonNode          *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  gsize length = 0;
  char *data;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, &length);

  set_common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, data, length);
}

void
pa_http_send_json_text (SoupServerMessage *msg,
                        guint              status,
                        GString           *text)
{
  gsize length = text->len;

  set_common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    g_string_free (text, FALSE), length);
}

void
pa_http_send_empty (SoupServerMessage *msg,
                    guint              status)
{
  set_common_headers (msg);
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, NULL, SOUP_MEMORY_STATIC, NULL, 0);
}

static JsonNode *
error_node (const char *code,
            const char *field,
            const char *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  if (field != NULL)
    {
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, field);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
pa_http_error_text (const char *code,
                    const char *field,
                    const char *message,
                    gsize      *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = error_node (code, field, message);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

void
pa_http_send_error (SoupServerMessage *msg,
                    guint              status,
                    const char        *code,
                    const char        *field,
                    const char        *message)
{
  g_autoptr(JsonNode) root = error_node (code, field, message);

  if (status == SOUP_STATUS_UNAUTHORIZED)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "WWW-Authenticate", "Bearer realm=\"phoneadmin\"");

  pa_http_send_json (msg, status, root);
}

void
pa_http_send_gerror (SoupServerMessage *msg,
                     const GError      *error)
{
  const char *code = NULL;
  guint status = pa_http_status_for_error (error, &code);

  if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR)
    {
      /* The details (SQL, paths) are for the log, not for the client. */
      g_warning ("%s %s: %s", soup_server_message_get_method (msg),
                 g_uri_get_path (soup_server_message_get_uri (msg)), error->message);
      pa_http_send_error (msg, status, code, NULL, "Internal server error; see the server log");
      return;
    }

  pa_http_send_error (msg, status, code, pa_http_error_get_field (error), error->message);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if ((gsize) body->length > body_limit (msg))
    {
      /* Keep reading so the connection stays in sync, but stop storing. */
      soup_message_body_set_accumulate (body, FALSE);
      g_object_set_data (G_OBJECT (msg), BODY_TOO_LARGE_KEY, GINT_TO_POINTER (TRUE));
    }
}

void
pa_http_guard_body_size (SoupServerMessage *msg,
                         gsize              limit)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  SoupEncoding encoding = soup_message_headers_get_encoding (headers);

  g_object_set_data (G_OBJECT (msg), BODY_LIMIT_KEY, GSIZE_TO_POINTER (limit));
  if (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64) soup_message_headers_get_content_length (headers) > limit)
    {
      soup_message_body_set_accumulate (body, FALSE);
      g_object_set_data (G_OBJECT (msg), BODY_TOO_LARGE_KEY, GINT_TO_POINTER (TRUE));
      return;
    }
  /* A request without a body (every phone's GET) has nothing to watch. */
  if (encoding == SOUP_ENCODING_NONE ||
      (encoding == SOUP_ENCODING_CONTENT_LENGTH &&
       soup_message_headers_get_content_length (headers) == 0))
    return;

  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), NULL);
}

gboolean
pa_http_body_too_large (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  return g_object_get_data (G_OBJECT (msg), BODY_TOO_LARGE_KEY) != NULL ||
         (gsize) body->length > body_limit (msg);
}

GBytes *
pa_http_read_body (SoupServerMessage *msg,
                   const char        *content_type,
                   GError           **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  g_autoptr(GHashTable) params = NULL;
  const char *sent_type;
  const char *charset;

  if (pa_http_body_too_large (msg))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_TOO_LARGE, NULL,
                         "The request body is larger than %" G_GSIZE_FORMAT " bytes",
                         body_limit (msg));
      return NULL;
    }

  sent_type = soup_message_headers_get_content_type (headers, &params);
  if (sent_type == NULL || g_ascii_strcasecmp (sent_type, content_type) != 0)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_UNSUPPORTED_MEDIA_TYPE, NULL,
                         "The request body must be %s, not %s", content_type,
                         sent_type != NULL ? sent_type : "untyped");
      return NULL;
    }
  charset = params != NULL ? g_hash_table_lookup (params, "charset") : NULL;
  if (charset != NULL && g_ascii_strcasecmp (charset, "utf-8") != 0)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_UNSUPPORTED_MEDIA_TYPE, NULL,
                         "The request body must be UTF-8, not %s", charset);
      return NULL;
    }
  return soup_message_body_flatten (soup_server_message_get_request_body (msg));
}

JsonNode *
pa_http_read_json_object (SoupServerMessage *msg,
                          GError           **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length = 0;
  JsonNode *root;

  bytes = pa_http_read_body (msg, "application/json", error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  if (length == 0)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_MALFORMED, NULL, "The request body is empty");
      return NULL;
    }
  /* Also refuses NUL bytes, which would otherwise cut the text short. */
  if (!g_utf8_validate (data, length, NULL))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_MALFORMED, NULL,
                          "The request body is not valid UTF-8");
      return NULL;
    }

  /* Before json-glib: it recurses, keeps the last of two equal names,
   * takes the first of two values and cuts strings at \u0000. */
  if (!pa_json_check (data, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_MALFORMED, NULL,
                          "The request body is not valid JSON: %s", local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_MALFORMED, NULL,
                          "The request body must be a JSON object");
      return NULL;
    }

  return json_node_copy (root);
}

char *
pa_http_etag_for_revision (gint64 revision)
{
  return g_strdup_printf ("\"%" G_GINT64_FORMAT "\"", revision);
}

void
pa_http_set_etag (SoupServerMessage *msg,
                  gint64             revision)
{
  g_autofree char *etag = pa_http_etag_for_revision (revision);

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
}

static gboolean
parse_one_tag (const char *text,
               gint64     *revision)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gsize len = strlen (copy);
  guint64 value = 0;
  char *inner = copy;

  /* A weak tag compares as the same revision: ours are never weak, but a
   * proxy may have added W/. */
  if (g_str_has_prefix (inner, "W/"))
    inner += 2, len -= 2;
  if (len < 3 || inner[0] != '"' || inner[len - 1] != '"')
    return FALSE;
  inner[len - 1] = '\0';
  inner++;
  if (!g_ascii_string_to_unsigned (inner, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *revision = (gint64) value;
  return TRUE;
}

gboolean
pa_http_parse_if_match (SoupServerMessage *msg,
                        gboolean          *present,
                        gint64            *revision,
                        GError           **error)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *value = soup_message_headers_get_list (headers, "If-Match");
  g_auto(GStrv) tags = NULL;
  g_autofree char *trimmed = NULL;
  gboolean found = FALSE;

  *present = FALSE;
  *revision = -1;

  if (value == NULL)
    return TRUE;

  *present = TRUE;
  trimmed = g_strstrip (g_strdup (value));
  if (g_strcmp0 (trimmed, "*") == 0)
    return TRUE;

  /* A list may hold several tags; only one revision can be current, and
   * if they disagree none of them can all be: take the highest and let the
   * store decide. */
  tags = g_strsplit (value, ",", -1);
  for (guint i = 0; tags[i] != NULL; i++)
    {
      gint64 rev = 0;

      if (!parse_one_tag (tags[i], &rev))
        {
          pa_http_set_error (error, PA_HTTP_ERROR_PRECONDITION_FAILED, NULL,
                             "If-Match “%s” is not a revision this server gave out", value);
          return FALSE;
        }
      if (!found || rev > *revision)
        *revision = rev;
      found = TRUE;
    }

  if (!found)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_PRECONDITION_FAILED, NULL,
                         "If-Match is empty");
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_http_query_uint64 (GHashTable  *query,
                      const char  *name,
                      guint64      default_value,
                      guint64      max_value,
                      guint64     *out,
                      GError     **error)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 value = 0;

  if (text == NULL || text[0] == '\0')
    {
      *out = default_value;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, 0, max_value, &value, NULL))
    {
      pa_http_set_error (error, PA_HTTP_ERROR_BAD_REQUEST, name,
                         "%s must be a whole number from 0 to %" G_GUINT64_FORMAT, name, max_value);
      return FALSE;
    }
  *out = value;
  return TRUE;
}

gboolean
pa_http_query_uint (GHashTable  *query,
                    const char  *name,
                    guint        default_value,
                    guint        max_value,
                    guint       *out,
                    GError     **error)
{
  guint64 value;

  if (!pa_http_query_uint64 (query, name, default_value, max_value, &value, error))
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

gboolean
pa_http_secret_equal (const char *a,
                      const char *b)
{
  gsize len_a, len_b;
  guint diff;

  if (a == NULL || b == NULL)
    return FALSE;

  len_a = strlen (a);
  len_b = strlen (b);
  diff = len_a ^ len_b;
  for (gsize i = 0; i < len_a; i++)
    diff |= (guchar) a[i] ^ (guchar) (len_b > 0 ? b[i % len_b] : 0);
  return diff == 0;
}

/* "Thu, 03 Dec 2026 12:17:49 GMT", made once a second. */
const char *
pa_http_date (void)
{
  static gint64 second = -1;
  static char text[64];
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (now != second)
    {
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (now);
      g_autofree char *formatted = soup_date_time_to_string (time, SOUP_DATE_HTTP);

      g_strlcpy (text, formatted, sizeof text);
      second = now;
    }
  return text;
}
