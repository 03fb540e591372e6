/* pa-client-call.h — the request machinery pa-client.c lends to
 * pa-client-resources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-client.h"

G_BEGIN_DECLS

/* Sends one request. @path is below the base URL ("api/v1/phones?limit=500");
 * @body (may be NULL) goes as JSON; @if_match 0 sends none. */
void      pa_client_call_async       (PaClient            *self,
                                      const char          *method,
                                      const char          *path,
                                      JsonNode            *body,
                                      gint64               if_match,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* An object node, or a null node for 204. */
JsonNode *pa_client_call_finish      (PaClient            *self,
                                      GAsyncResult        *result,
                                      GError             **error);
/* pa_client_call_finish() for a callback whose @task answers the caller:
 * NULL once @task has returned the error. */
JsonNode *pa_client_call_answer      (GObject             *source,
                                      GAsyncResult        *result,
                                      GTask               *task);
/* GET @path whose answer is text (a rendered config), not JSON. Returns
 * the body as a string, NULL with a PA_CLIENT_ERROR when it is no UTF-8
 * text. */
void      pa_client_call_text_async  (PaClient            *self,
                                      const char          *path,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
char     *pa_client_call_text_finish (PaClient            *self,
                                      GAsyncResult        *result,
                                      GError             **error);
/* GET @path whose answer is a JSON object, left unparsed for the caller
 * to parse off the main thread (a listing page, a change batch): the
 * body's bytes, after the status and the content type were checked. */
void      pa_client_call_bytes_async  (PaClient            *self,
                                       const char          *path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GBytes   *pa_client_call_bytes_finish (PaClient            *self,
                                       GAsyncResult        *result,
                                       GError             **error);
/* POST @body (of @content_type, a CSV file) to @path, with the token and
 * the pinned certificate as for every call. The answer's JSON bytes,
 * unparsed, for a 2xx answer; otherwise NULL with the PA_CLIENT_ERROR the
 * answer stands for, and in @error_body (optional) the bytes of a JSON
 * answer, which may say more than its "error" (an import's rows). */
void      pa_client_call_upload_async  (PaClient            *self,
                                        const char          *path,
                                        const char          *content_type,
                                        GBytes              *body,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GBytes   *pa_client_call_upload_finish (PaClient            *self,
                                        GAsyncResult        *result,
                                        GBytes             **error_body,
                                        GError             **error);
/* Parses a JSON object in a thread; the root node (transfer full). */
JsonNode *pa_client_parse_object_bytes (GBytes             *bytes,
                                        GError            **error);
/* Reads @json into a result (NULL with @error set); run in a thread. */
typedef gpointer (*PaClientParseFunc) (GBytes  *json,
                                       GError **error);
/* Returns through @task (taken) what @parse makes of @json, parsed in a
 * worker thread, not on the main loop; @free_result frees it. */
void      pa_client_parse_in_thread  (GTask               *task,
                                      GBytes              *json,
                                      PaClientParseFunc    parse,
                                      GDestroyNotify       free_result);
/* For pa_client_call_async() answers that are a count: @user_data is a
 * GTask whose task data names the member (a static string); the task
 * returns it as an int (g_task_propagate_int()), or an error when it is
 * missing or negative. */
void      pa_client_count_answer_cb  (GObject             *source,
                                      GAsyncResult        *result,
                                      gpointer             user_data);
/* A pa_client_call_async() callback for a call whose answer says nothing
 * beyond success: @user_data is a GTask (owned) that returns TRUE, or the
 * error. */
void      pa_client_done_answer_cb   (GObject             *source,
                                      GAsyncResult        *result,
                                      gpointer             user_data);

/* The error for an answer that is not the JSON object PhoneAdmin expects;
 * @status 0 when the answer's status is not what is wrong. */
GError   *pa_client_error_not_object (guint                status);

G_END_DECLS
