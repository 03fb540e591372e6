/* pa-api-jobs.c — /api/v1/jobs: bulk actions as jobs (docs/api.md, "Jobs")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include "pa-api-private.h"
#include "pa-jobs.h"

static void
send_job (PaApiRequest *req,
          guint         status,
          JsonObject   *job)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  if (status == SOUP_STATUS_ACCEPTED)
    {
      g_autofree char *location = g_strdup_printf ("/api/v1/jobs/%" G_GINT64_FORMAT,
                                                   json_object_get_int_member (job, "id"));

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                    "Location", location);
    }
  json_node_set_object (node, job);
  pa_http_send_json (req->msg, status, node);
}

/* The job, or why there is none. */
static void
answer (PaApiRequest *req,
        guint         status,
        JsonObject   *job,
        GError       *error)
{
  if (job == NULL)
    pa_http_send_gerror (req->msg, error);
  else
    send_job (req, status, job);
}

void
pa_api_list_jobs (PaApiRequest          *req,
                  const PaApiCollection *collection,
                  gint64                 id,
                  const char            *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = pa_jobs_list (req->server->jobs, &error);
  g_autoptr(JsonObject) answer = json_object_new ();

  if (items == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  json_object_set_array_member (answer, "items", g_steal_pointer (&items));
  send_job (req, SOUP_STATUS_OK, answer);
}

void
pa_api_submit_job (PaApiRequest          *req,
                   const PaApiCollection *collection,
                   gint64                 id,
                   const char            *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = pa_http_read_json_object (req->msg, &error);
  g_autoptr(JsonObject) job = NULL;

  if (body != NULL)
    job = pa_jobs_submit (req->server->jobs, req, json_node_get_object (body), &error);
  answer (req, SOUP_STATUS_ACCEPTED, job, error);
}

/* What a job's own path does: read it, cancel it, undo it. */
static void
on_job (PaApiRequest  *req,
        gint64         id,
        JsonObject  *(*func) (PaJobs *jobs, gint64 id, GError **error),
        guint          status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) job = func (req->server->jobs, id, &error);

  answer (req, status, job, error);
}

void
pa_api_get_job (PaApiRequest          *req,
                const PaApiCollection *collection,
                gint64                 id,
                const char            *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) job = NULL;
  guint summary = 0;

  /* A progress poll of a job over 100,000 phones needs its counts, not
   * every phone's id and result each time. */
  if (!pa_http_query_uint (req->query, "summary", 0, 1, &summary, &error))
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  job = pa_jobs_get (req->server->jobs, id, !summary, &error);
  answer (req, SOUP_STATUS_OK, job, error);
}

void
pa_api_cancel_job (PaApiRequest          *req,
                   const PaApiCollection *collection,
                   gint64                 id,
                   const char            *arg)
{
  on_job (req, id, pa_jobs_cancel, SOUP_STATUS_OK);
}

void
pa_api_undo_job (PaApiRequest          *req,
                 const PaApiCollection *collection,
                 gint64                 id,
                 const char            *arg)
{
  on_job (req, id, pa_jobs_undo, SOUP_STATUS_ACCEPTED);
}

/* The diff is worked out off the main loop; the message waits. */
static void
diffed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(SoupServerMessage) msg = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) answer = pa_jobs_diff_finish (NULL, result, &error);
  g_autoptr(JsonNode) node = NULL;

  soup_server_message_unpause (msg);
  if (answer == NULL)
    {
      pa_http_send_gerror (msg, error);
      return;
    }
  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, answer);
  pa_http_send_json (msg, SOUP_STATUS_OK, node);
}

void
pa_api_diff_job (PaApiRequest          *req,
                 const PaApiCollection *collection,
                 gint64                 id,
                 const char            *arg)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) body = pa_http_read_json_object (req->msg, &error);

  if (body == NULL)
    {
      pa_http_send_gerror (req->msg, error);
      return;
    }
  soup_server_message_pause (req->msg);
  pa_jobs_diff_async (req->server->jobs, req, json_node_get_object (body), NULL, diffed_cb,
                      g_object_ref (req->msg));
}
