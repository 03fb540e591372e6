/* pa-firmware-upload.c — POST /api/v1/firmware/upload, and the firmware
 * collection's rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The body goes to a file in <data_dir>/firmware/ as it arrives, hashed on
 * the way: a 300 MB image never sits in memory. Once it is all there it is
 * renamed to its SHA-256 (which is what GET /firmware/<sha256>/<name>
 * serves) and its record created in the same request. Files without a
 * record (a failed upload, a deleted record) are removed by
 * pa_firmware_collect().
 */
#define G_LOG_DOMAIN "pa-api"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "pa-api-private.h"

#define UPLOAD_KEY    "pa-firmware-upload"
#define UPLOAD_PREFIX ".upload-"

/* What one upload has written so far; lives on its message. */
typedef struct
{
  int        fd;
  char      *path;        /* the temporary file; NULL once renamed */
  GChecksum *checksum;
  guint64    size;
  int        write_errno; /* the first failed write's errno, 0: none */
  gboolean   too_large;
} Upload;

static void
upload_free (gpointer data)
{
  Upload *upload = data;

  if (upload->fd >= 0)
    close (upload->fd);
  if (upload->path != NULL)
    g_unlink (upload->path);
  g_free (upload->path);
  g_checksum_free (upload->checksum);
  g_free (upload);
}

static char *
firmware_dir (PaServer *self)
{
  return g_build_filename (self->config->data_dir, "firmware", NULL);
}

static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  Upload *upload = user_data;
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (chunk, &length);

  upload->size += length;
  if (upload->size > PA_FIRMWARE_MAX_BYTES)
    upload->too_large = TRUE;
  if (upload->too_large || upload->write_errno != 0)
    return;

  g_checksum_update (upload->checksum, data, length);
  /* To the page cache, a chunk (≤ 64 KiB) at a time: microseconds. */
  while (length > 0)
    {
      ssize_t n = write (upload->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          upload->write_errno = errno;
          return;
        }
      data += n;
      length -= n;
    }
}

void
pa_firmware_upload_begin (PaServer          *self,
                          SoupServerMessage *msg)
{
  g_autofree char *dir = firmware_dir (self);
  Upload *upload = g_new0 (Upload, 1);

  upload->fd = -1;
  upload->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    upload->write_errno = errno;
  else
    {
      upload->path = g_build_filename (dir, UPLOAD_PREFIX "XXXXXX", NULL);
      upload->fd = g_mkstemp_full (upload->path, O_WRONLY | O_CLOEXEC, 0600);
      if (upload->fd < 0)
        {
          upload->write_errno = errno;
          g_clear_pointer (&upload->path, g_free);
        }
    }
  /* The body is ours, not libsoup's to keep. */
  soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
  g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), upload);
  g_object_set_data_full (G_OBJECT (msg), UPLOAD_KEY, upload, upload_free);
}

/* -- the collection's rules ----------------------------------------------- */

gboolean
pa_api_firmware_before_write (PaApiRequest *req,
                              PaResource   *old,
                              PaResource   *resource,
                              GError      **error)
{
  /* A record comes only with its file: the upload sets the hash. */
  if (old == NULL && pa_firmware_get_sha256 (PA_FIRMWARE (resource))[0] == '\0')
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, NULL,
                          "Upload the file with POST /api/v1/firmware/upload");
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_api_firmware_before_delete (PaApiRequest *req,
                               PaResource   *old,
                               GError      **error)
{
  g_autoptr(GArray) phones = pa_store_list_phones_naming (req->store, PA_TYPE_FIRMWARE,
                                                          pa_resource_get_id (old), error);

  if (phones == NULL)
    return FALSE;
  if (phones->len > 0)
    {
      pa_http_set_error (error, PA_HTTP_ERROR_CONFLICT, NULL,
                         "%u phone%s to be updated to this firmware; give %s another "
                         "target first", phones->len, phones->len == 1 ? " is" : "s are",
                         phones->len == 1 ? "it" : "them");
      return FALSE;
    }
  return TRUE;
}

static gboolean
collect_cb (gpointer user_data)
{
  pa_firmware_collect (user_data, FALSE);
  return G_SOURCE_REMOVE;
}

gboolean
pa_api_firmware_after_delete (PaApiRequest *req,
                              PaResource   *old,
                              GError      **error)
{
  /* After the request's transaction has ended, one way or the other. */
  g_idle_add_full (G_PRIORITY_DEFAULT, collect_cb, g_object_ref (req->server), g_object_unref);
  return TRUE;
}

void
pa_firmware_collect (PaServer *self,
                     gboolean  starting)
{
  g_autofree char *dir = firmware_dir (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = pa_store_list (self->store, PA_TYPE_FIRMWARE, NULL, NULL, &error);
  g_autoptr(GHashTable) kept = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDir) listing = NULL;
  const char *name;

  if (records == NULL)
    {
      g_warning ("Cannot list firmware to tidy %s: %s", dir, error->message);
      return;
    }
  for (guint i = 0; i < records->len; i++)
    g_hash_table_add (kept, (gpointer) pa_firmware_get_sha256 (g_ptr_array_index (records, i)));
  listing = g_dir_open (dir, 0, NULL);
  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;

      /* An upload in progress is only left behind by a provd that stopped. */
      if (g_hash_table_contains (kept, name) ||
          (g_str_has_prefix (name, UPLOAD_PREFIX) && !starting))
        continue;
      path = g_build_filename (dir, name, NULL);
      if (g_unlink (path) == 0)
        g_debug ("Removed %s: no firmware record names it", path);
    }
}

/* -- the upload's request ------------------------------------------------- */

static const char *
query_text (PaApiRequest *req,
            const char   *name)
{
  const char *value = req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;

  return value != NULL && value[0] != '\0' ? value : NULL;
}

/* The record the query describes; NULL with a field error. */
static PaFirmware *
firmware_from_query (PaApiRequest  *req,
                     GError       **error)
{
  g_autoptr(PaFirmware) firmware = pa_firmware_new ();
  const char *filename = query_text (req, "filename");
  const char *models = query_text (req, "models");
  g_auto(GStrv) model_list = NULL;

  if (!pa_firmware_filename_is_valid (filename))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "filename",
                          "filename is the file's name, as the phone expects it "
                          "(letters, digits, . _ + -), such as T54W-96.86.0.50.rom");
      return NULL;
    }
  model_list = models != NULL ? g_strsplit (models, ",", -1) : g_new0 (char *, 1);
  for (guint i = 0; model_list[i] != NULL; i++)
    g_strstrip (model_list[i]);
  pa_firmware_set_name (firmware, query_text (req, "name") != NULL ? query_text (req, "name") : filename);
  pa_firmware_set_vendor (firmware, query_text (req, "vendor"));
  pa_firmware_set_models (firmware, (const char * const *) model_list);
  pa_firmware_set_version (firmware, query_text (req, "version"));
  pa_firmware_set_filename (firmware, filename);
  if (!pa_resource_validate_with_catalog (PA_RESOURCE (firmware), pa_catalog_get_default (), error))
    return NULL;
  return g_steal_pointer (&firmware);
}

static gboolean
create_work (PaApiRequest *req,
             gpointer      user_data,
             GError      **error)
{
  return pa_api_create (req, pa_api_collection_for_kind ("firmware"), user_data, error);
}

/* The record already holding @sha256, or NULL. */
static PaFirmware *
find_by_hash (PaApiRequest *req,
              const char   *sha256,
              GError      **error)
{
  g_autoptr(GPtrArray) records = pa_store_list (req->store, PA_TYPE_FIRMWARE, NULL, NULL, error);

  for (guint i = 0; records != NULL && i < records->len; i++)
    if (g_str_equal (pa_firmware_get_sha256 (g_ptr_array_index (records, i)), sha256))
      return g_object_ref (g_ptr_array_index (records, i));
  return NULL;
}

static void
store_upload (PaApiRequest          *req,
              const PaApiCollection *collection,
              Upload                *upload)
{
  g_autoptr(PaFirmware) firmware = NULL;
  g_autoptr(PaFirmware) existing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *final = NULL;
  g_autofree char *location = NULL;
  const char *sha256;

  if (upload->too_large || pa_http_body_too_large (req->msg))
    {
      pa_http_send_error (req->msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large", NULL,
                          "A firmware file is at most 1 GiB");
      return;
    }
  if (upload->write_errno != 0 || fsync (upload->fd) != 0)
    {
      int code = upload->write_errno != 0 ? upload->write_errno : errno;

      g_warning ("Cannot store an uploaded firmware in %s: %s", upload->path ? upload->path : "?",
                 g_strerror (code));
      pa_http_send_error (req->msg, code == ENOSPC ? SOUP_STATUS_INSUFFICIENT_STORAGE
                                                   : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                          code == ENOSPC ? "no_space" : "internal",
                          NULL, code == ENOSPC ? "The server's disk is full"
                                               : "Internal server error; see the server log");
      return;
    }
  if (upload->size == 0)
    {
      pa_http_send_error (req->msg, SOUP_STATUS_BAD_REQUEST, "malformed", NULL,
                          "The request body is empty: send the firmware file's bytes");
      return;
    }

  firmware = firmware_from_query (req, &error);
  if (firmware == NULL)
    goto fail;
  sha256 = g_checksum_get_string (upload->checksum);
  existing = find_by_hash (req, sha256, &error);
  if (error != NULL)
    goto fail;
  if (existing != NULL)
    {
      g_autofree char *message = g_strdup_printf ("This file is already uploaded, as “%s” (firmware %" G_GINT64_FORMAT ")",
                                                  pa_firmware_get_name (existing),
                                                  pa_resource_get_id (PA_RESOURCE (existing)));

      pa_http_send_error (req->msg, SOUP_STATUS_CONFLICT, "conflict", NULL, message);
      return;
    }
  pa_firmware_set_size (firmware, upload->size);
  pa_firmware_set_sha256 (firmware, sha256);

  {
    g_autofree char *dir = firmware_dir (req->server);

    final = g_build_filename (dir, sha256, NULL);
  }
  if (g_rename (upload->path, final) != 0)
    {
      g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno), "Cannot rename %s to %s: %s",
                   upload->path, final, g_strerror (errno));
      goto fail;
    }
  g_clear_pointer (&upload->path, g_free);

  if (!pa_api_in_transaction (req, create_work, firmware, &error))
    {
      g_autoptr(PaFirmware) holder = find_by_hash (req, sha256, NULL);

      /* The same bytes uploaded twice at once: the other one's record
       * names this file now. */
      if (holder == NULL)
        g_unlink (final);
      goto fail;
    }
  location = g_strdup_printf ("/api/v1/firmware/%" G_GINT64_FORMAT,
                              pa_resource_get_id (PA_RESOURCE (firmware)));
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Location", location);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "PA_KIND", "firmware",
                    "MESSAGE", "Stored firmware %" G_GINT64_FORMAT " (%s, %" G_GUINT64_FORMAT " bytes)",
                    pa_resource_get_id (PA_RESOURCE (firmware)), sha256, upload->size);
  pa_api_send_resource (req, collection, SOUP_STATUS_CREATED, PA_RESOURCE (firmware));
  return;

fail:
  pa_http_send_gerror (req->msg, error);
}

void
pa_api_upload_firmware (PaApiRequest          *req,
                        const PaApiCollection *collection,
                        gint64                 id,
                        const char            *arg)
{
  Upload *upload = g_object_get_data (G_OBJECT (req->msg), UPLOAD_KEY);

  g_assert (upload != NULL);   /* the early handler begins every one */
  store_upload (req, collection, upload);
  /* Stored (renamed) or refused: the temporary file goes before the
   * answer does, not when libsoup lets go of the message. */
  if (upload->path != NULL)
    {
      g_unlink (upload->path);
      g_clear_pointer (&upload->path, g_free);
    }
}
