/* pa-client-private.h — what pa-client.c and pa-client-error.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "pa-client.h"

G_BEGIN_DECLS

GError   *pa_client_error_new_full       (PaClientError    code,
                                          guint            status,
                                          const char      *server_code,
                                          const char      *field,
                                          GTlsCertificate *certificate,
                                          const char      *message);
/* Whether the answer says it is JSON. */
gboolean  pa_client_is_json_response     (SoupMessage     *message);
/* Parses an object body; NULL (and no error) when it is not one. */
JsonNode *pa_client_parse_object         (GBytes          *body);
/* The error an answer with status @status (not 2xx) stands for. */
GError   *pa_client_error_from_response  (SoupMessage     *message,
                                          GBytes          *body);
/* Turns a transport error into a PA_CLIENT_ERROR (cancellation stays). */
GError   *pa_client_error_from_transport (GError          *error,
                                          SoupMessage     *message,
                                          GTlsCertificate *peer_certificate,
                                          const char      *url);

/* For a request made outside pa-client.c (a streamed upload,
 * pa-client-firmware.c): the session, a message to @path below the base
 * URL carrying the token and "Accept: application/json" (NULL with a
 * PA_CLIENT_ERROR_UNREACHABLE when the base URL is no URL), and whether
 * @certificate is the one the user trusted (for "accept-certificate"). */
SoupSession *pa_client_get_session          (PaClient        *self);
SoupMessage *pa_client_new_message          (PaClient        *self,
                                             const char      *method,
                                             const char      *path,
                                             GError         **error);
gboolean     pa_client_trusts_certificate   (PaClient        *self,
                                             GTlsCertificate *certificate);

/* Builds a @type from an item of an answer; members the resource does not
 * know go to @extra (when given). Touches nothing shared: callable from a
 * worker thread. */
PaResource *pa_client_resource_from_node (GType        type,
                                          JsonNode    *node,
                                          JsonObject  *extra,
                                          GError     **error);

/* A listing's page of @n resources was parsed (main thread). */
void        pa_client_add_listed         (PaClient         *self,
                                          guint             n);

G_END_DECLS
