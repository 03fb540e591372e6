/* pa-firmware-endpoint.c — GET /firmware/<sha256>/<name>
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A firmware file is named by its SHA-256, so its bytes never change
 * under a URL: the ETag is the hash, and a phone that resumes a download
 * (Range, If-Range) gets the rest of the same file.
 */
#define G_LOG_DOMAIN "pa-server"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pa-firmware.h"
#include "pa-http-range.h"
#include "pa-http.h"
#include "pa-server-private.h"

#define SHA256_HEX 64

char *
pa_firmware_path (PaServer   *self,
                  const char *sha256)
{
  return g_build_filename (self->config->data_dir, "firmware", sha256, NULL);
}

/* "<64 lowercase hex>/<name>": the name is what a phone's admin guide
 * expects to see (T54W-96.86.0.50.rom); only its form is checked. */
static gboolean
parse_target (const char *rest,
              char        sha256[SHA256_HEX + 1])
{
  for (guint i = 0; i < SHA256_HEX; i++)
    if (!g_ascii_isxdigit (rest[i]) || g_ascii_isupper (rest[i]))
      return FALSE;
  if (rest[SHA256_HEX] != '/' || !pa_firmware_filename_is_valid (rest + SHA256_HEX + 1))
    return FALSE;
  memcpy (sha256, rest, SHA256_HEX);
  sha256[SHA256_HEX] = '\0';
  return TRUE;
}

typedef struct
{
  guint   status;   /* 200, 206, 304, 404, 416, 500 */
  guint64 size;
  guint64 start;
  guint64 length;
  char    etag[SHA256_HEX + 3];
} Answer;

/* Opens the firmware @rest names and decides the answer; returns the
 * file's descriptor for a 200 or 206, else -1 with @answer's status
 * saying why. */
static int
decide (PaServer   *self,
        const char *rest,
        const char *if_none_match,
        const char *range,
        const char *if_range,
        Answer     *answer)
{
  char sha256[SHA256_HEX + 1];
  g_autofree char *path = NULL;
  struct stat st;
  int fd;

  memset (answer, 0, sizeof *answer);
  answer->status = SOUP_STATUS_NOT_FOUND;
  if (!parse_target (rest, sha256))
    return -1;
  path = pa_firmware_path (self, sha256);
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    {
      if (errno != ENOENT)
        {
          g_warning ("Cannot open firmware %s: %s", path, g_strerror (errno));
          answer->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
        }
      return -1;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      return -1;
    }

  answer->size = st.st_size;
  g_snprintf (answer->etag, sizeof answer->etag, "\"%s\"", sha256);
  if (pa_http_etag_matches (if_none_match, answer->etag, TRUE))
    {
      answer->status = SOUP_STATUS_NOT_MODIFIED;
      close (fd);
      return -1;
    }
  /* If-Range naming another file: the whole of this one. */
  if (if_range != NULL && if_range[0] != '\0' && !pa_http_etag_matches (if_range, answer->etag, FALSE))
    range = NULL;
  switch (pa_http_range_parse (range, answer->size, &answer->start, &answer->length))
    {
    case PA_HTTP_RANGE_WHOLE:
      answer->status = SOUP_STATUS_OK;
      return fd;
    case PA_HTTP_RANGE_PARTIAL:
      answer->status = SOUP_STATUS_PARTIAL_CONTENT;
      return fd;
    case PA_HTTP_RANGE_UNSATISFIABLE:
    default:
      answer->status = SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE;
      close (fd);
      return -1;
    }
}

/* Content-Range for a 206 or a 416, or NULL. */
static char *
content_range (const Answer *answer)
{
  if (answer->status == SOUP_STATUS_PARTIAL_CONTENT)
    return g_strdup_printf ("bytes %" G_GUINT64_FORMAT "-%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                            answer->start, answer->start + answer->length - 1, answer->size);
  if (answer->status == SOUP_STATUS_REQUESTED_RANGE_NOT_SATISFIABLE)
    return g_strdup_printf ("bytes */%" G_GUINT64_FORMAT, answer->size);
  return NULL;
}

static gboolean
has_body (const Answer *answer)
{
  return answer->status == SOUP_STATUS_OK || answer->status == SOUP_STATUS_PARTIAL_CONTENT;
}

GBytes *
pa_firmware_endpoint_answer_quickly (PaServer              *self,
                                     const PaHttpHeadParts *parts,
                                     const char            *ip,
                                     PaHttpFileBody        *file)
{
  gboolean head = g_str_equal (parts->method, "HEAD");
  g_autofree char *range = NULL;
  g_autoptr(GString) text = NULL;
  Answer answer;
  int fd;

  /* Refusals, other methods and odd targets are libsoup's to answer. */
  if (!pa_server_config_allows_phone (self->config, ip) ||
      (!head && !g_str_equal (parts->method, "GET")) ||
      strpbrk (parts->target, "?#%") != NULL)
    return NULL;
  fd = decide (self, parts->target + strlen (PA_FIRMWARE_PATH), parts->if_none_match,
               parts->range, parts->if_range, &answer);
  if (answer.status == SOUP_STATUS_NOT_FOUND || answer.status >= 500)
    return NULL;

  if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))
    g_debug ("%s %s → %u (%s)", parts->method, parts->target, answer.status, ip != NULL ? ip : "?");

  range = content_range (&answer);
  text = g_string_sized_new (384);
  g_string_append_printf (text,
                          "HTTP/1.1 %u %s\r\n"
                          "Server: phoneadmin-provd\r\n"
                          "Date: %s\r\n"
                          "Connection: close\r\n"
                          "ETag: %s\r\n"
                          "Accept-Ranges: bytes\r\n"
                          "Content-Type: application/octet-stream\r\n"
                          "Content-Length: %" G_GUINT64_FORMAT "\r\n",
                          answer.status, soup_status_get_phrase (answer.status), pa_http_date (),
                          answer.etag, has_body (&answer) ? answer.length : 0);
  if (range != NULL)
    g_string_append_printf (text, "Content-Range: %s\r\n", range);
  g_string_append (text, "\r\n");

  if (fd >= 0 && !head)
    *file = (PaHttpFileBody) { fd, answer.start, answer.length };
  else if (fd >= 0)
    close (fd);
  return g_string_free_to_bytes (g_steal_pointer (&text));
}

void
pa_firmware_endpoint_handle (PaServer          *self,
                             SoupServerMessage *msg,
                             const char        *rest)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *range = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) whole = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autoptr(GError) error = NULL;
  Answer answer;
  int fd;

  if (!g_str_equal (method, "GET") && !g_str_equal (method, "HEAD"))
    {
      soup_message_headers_replace (response, "Allow", "GET, HEAD");
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  fd = decide (self, rest, soup_message_headers_get_one (request, "If-None-Match"),
               soup_message_headers_get_one (request, "Range"),
               soup_message_headers_get_one (request, "If-Range"), &answer);
  /* libsoup answers a Range itself on a 200 with a whole body: the
   * decision here is the one that counts. */
  soup_message_headers_remove (request, "Range");
  soup_server_message_set_status (msg, answer.status, NULL);
  if (answer.etag[0] != '\0')
    {
      soup_message_headers_replace (response, "ETag", answer.etag);
      soup_message_headers_replace (response, "Accept-Ranges", "bytes");
    }
  range = content_range (&answer);
  if (range != NULL)
    soup_message_headers_replace (response, "Content-Range", range);
  if (fd < 0)
    {
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
      return;
    }

  /* Over TLS the bytes go through libsoup: a mapping of the file, paged
   * in as it is sent, never a copy on the heap. */
  mapped = g_mapped_file_new_from_fd (fd, FALSE, &error);
  close (fd);
  if (mapped == NULL)
    {
      g_warning ("Cannot map firmware %s: %s", rest, error->message);
      soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "", 0);
      return;
    }
  whole = g_mapped_file_get_bytes (mapped);
  part = g_bytes_new_from_bytes (whole, answer.start, answer.length);
  soup_message_headers_set_content_type (response, "application/octet-stream", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), part);
}
