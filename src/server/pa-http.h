/* pa-http.h — the HTTP plumbing every provd handler shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Request bodies above this are refused with 413 before they are parsed. */
#define PA_HTTP_MAX_BODY (1024 * 1024)

#define PA_HTTP_ERROR (pa_http_error_quark ())

/**
 * PaHttpError:
 * @PA_HTTP_ERROR_BAD_REQUEST: a query parameter or header is malformed. 400.
 * @PA_HTTP_ERROR_UNAUTHORIZED: no or wrong bearer token. 401.
 * @PA_HTTP_ERROR_NOT_FOUND: no such path or resource. 404.
 * @PA_HTTP_ERROR_METHOD_NOT_ALLOWED: the path exists, the method does not. 405.
 * @PA_HTTP_ERROR_CONFLICT: the request clashes with stored data. 409.
 * @PA_HTTP_ERROR_PRECONDITION_FAILED: If-Match names an old revision. 412.
 * @PA_HTTP_ERROR_TOO_LARGE: the body is over %PA_HTTP_MAX_BODY. 413.
 * @PA_HTTP_ERROR_UNSUPPORTED_MEDIA_TYPE: the body is not application/json. 415.
 * @PA_HTTP_ERROR_RULE: well formed but breaks a domain rule. 422.
 * @PA_HTTP_ERROR_PRECONDITION_REQUIRED: If-Match is missing. 428.
 * @PA_HTTP_ERROR_INTERNAL: anything else. 500.
 *
 * Errors in this domain may carry a field like PA_MODEL_ERROR does; set them
 * with pa_http_set_error().
 */
typedef enum
{
  PA_HTTP_ERROR_BAD_REQUEST,
  PA_HTTP_ERROR_UNAUTHORIZED,
  PA_HTTP_ERROR_NOT_FOUND,
  PA_HTTP_ERROR_METHOD_NOT_ALLOWED,
  PA_HTTP_ERROR_CONFLICT,
  PA_HTTP_ERROR_PRECONDITION_FAILED,
  PA_HTTP_ERROR_TOO_LARGE,
  PA_HTTP_ERROR_UNSUPPORTED_MEDIA_TYPE,
  PA_HTTP_ERROR_RULE,
  PA_HTTP_ERROR_PRECONDITION_REQUIRED,
  PA_HTTP_ERROR_INTERNAL,
} PaHttpError;

GQuark      pa_http_error_quark        (void);

/* An extended domain like PA_MODEL_ERROR, so the field travels with it. */
void        pa_http_set_error          (GError     **error,
                                        PaHttpError  code,
                                        const char  *field,
                                        const char  *format,
                                        ...) G_GNUC_PRINTF (4, 5);
const char *pa_http_error_get_field    (const GError *error);

/* Maps any GError (PA_HTTP_ERROR, PA_MODEL_ERROR, PA_STORE_ERROR, others) to
 * a status and a stable code string such as "unknown_field". */
guint       pa_http_status_for_error   (const GError *error,
                                        const char  **code);

/* Responses. All set Cache-Control: no-store; JSON is UTF-8. */
void        pa_http_send_json          (SoupServerMessage *msg,
                                        guint              status,
                                        JsonNode          *node);
/* Sends JSON already written as text; takes @text. */
void        pa_http_send_json_text     (SoupServerMessage *msg,
                                        guint              status,
                                        GString           *text);
void        pa_http_send_error         (SoupServerMessage *msg,
                                        guint              status,
                                        const char        *code,
                                        const char        *field,
                                        const char        *message);
/* The error body every refusal carries, as UTF-8 JSON text. @field may be
 * NULL. For answers written without a SoupServerMessage. */
char       *pa_http_error_text         (const char        *code,
                                        const char        *field,
                                        const char        *message,
                                        gsize             *length);
void        pa_http_send_gerror        (SoupServerMessage *msg,
                                        const GError      *error);
void        pa_http_send_empty         (SoupServerMessage *msg,
                                        guint              status);

/* Body: checks Content-Type is application/json (charset utf-8 allowed), the
 * size, that it parses and is an object. Errors: PA_HTTP_ERROR_TOO_LARGE,
 * PA_HTTP_ERROR_UNSUPPORTED_MEDIA_TYPE, PA_MODEL_ERROR_MALFORMED. */
JsonNode   *pa_http_read_json_object   (SoupServerMessage *msg,
                                        GError           **error);
/* The request's body, refused (413, 415) when over its limit, of another
 * type than @content_type or in a charset other than UTF-8. */
GBytes     *pa_http_read_body          (SoupServerMessage *msg,
                                        const char        *content_type,
                                        GError           **error);

/* Installed once on the server: refuses bodies over @limit bytes
 * (%PA_HTTP_MAX_BODY but where a route takes more, a CSV import) from the
 * headers and stops buffering a chunked body once it passes the limit,
 * so a huge upload never sits in memory. */
void        pa_http_guard_body_size    (SoupServerMessage *msg,
                                        gsize              limit);

/* TRUE when the body is over its limit (announced or seen; only the
 * first bytes past the limit were kept). */
gboolean    pa_http_body_too_large     (SoupServerMessage *msg);

/* ETag of a revision: `"7"`. */
char       *pa_http_etag_for_revision  (gint64 revision);
void        pa_http_set_etag           (SoupServerMessage *msg,
                                        gint64             revision);

/* If-Match: returns TRUE and sets @present FALSE when absent; TRUE with the
 * revision when it is `"N"` (or a list holding one, or `*` → -1); FALSE with
 * PA_HTTP_ERROR_PRECONDITION_FAILED when it cannot be a revision. */
gboolean    pa_http_parse_if_match     (SoupServerMessage *msg,
                                        gboolean          *present,
                                        gint64            *revision,
                                        GError           **error);

/* Query helpers: @query may be NULL; a missing or empty parameter is
 * @default_value, anything but a whole number up to @max_value is 400
 * naming it. */
gboolean    pa_http_query_uint         (GHashTable  *query,
                                        const char  *name,
                                        guint        default_value,
                                        guint        max_value,
                                        guint       *out,
                                        GError     **error);
gboolean    pa_http_query_uint64       (GHashTable  *query,
                                        const char  *name,
                                        guint64      default_value,
                                        guint64      max_value,
                                        guint64     *out,
                                        GError     **error);

/* Constant-time compare for secrets of equal or unequal length. */
gboolean    pa_http_secret_equal       (const char *a,
                                        const char *b);

/* Now as an HTTP Date ("Thu, 03 Dec 2026 12:17:49 GMT"), for answers
 * written without libsoup; made once a second, main thread only. */
const char *pa_http_date               (void);

G_END_DECLS
