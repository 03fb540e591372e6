/* pa-client-firmware.c — a firmware file streamed to provd from disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pa_client_call_upload_async() sends a GBytes: right for a CSV file,
 * wrong for a 300 MB firmware image. Here the body is a GInputStream that
 * libsoup reads as it writes (soup_message_set_request_body() with the
 * length known), so no more than a buffer of the file is in memory, and
 * the reads run in GIO's worker threads. On the way the bytes pass
 * through a hashing stream: the app knows the SHA-256 of what it sent,
 * checks the server's record against it, and can name the record that
 * has the same bytes when the server says they are there already.
 */
#define G_LOG_DOMAIN "pa-client"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-client-call.h"
#include "pa-client-firmware.h"
#include "pa-client-private.h"

/* ---- a stream that hashes what is read through it -------------------- */

#define PA_TYPE_HASH_INPUT_STREAM (pa_hash_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (PaHashInputStream, pa_hash_input_stream, PA, HASH_INPUT_STREAM,
                      GFilterInputStream)

struct _PaHashInputStream
{
  GFilterInputStream parent_instance;

  GChecksum *checksum;
  guint64    n_read;
  char      *digest;     /* once the end was read */
};

static void pa_hash_input_stream_seekable_init (GSeekableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PaHashInputStream, pa_hash_input_stream,
                               G_TYPE_FILTER_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SEEKABLE,
                                                      pa_hash_input_stream_seekable_init))

static GInputStream *
hash_base (PaHashInputStream *self)
{
  return g_filter_input_stream_get_base_stream (G_FILTER_INPUT_STREAM (self));
}

/* Runs where GInputStream runs it: for read_async, in a worker thread,
 * one read at a time (the stream's pending flag). */
static gssize
pa_hash_input_stream_read (GInputStream  *stream,
                           void          *buffer,
                           gsize          count,
                           GCancellable  *cancellable,
                           GError       **error)
{
  PaHashInputStream *self = PA_HASH_INPUT_STREAM (stream);
  gssize n = g_input_stream_read (hash_base (self), buffer, count, cancellable, error);

  if (n > 0 && self->digest == NULL)
    {
      g_checksum_update (self->checksum, buffer, n);
      self->n_read += n;
    }
  else if (n == 0 && self->digest == NULL)
    self->digest = g_strdup (g_checksum_get_string (self->checksum));
  return n;
}

static goffset
pa_hash_input_stream_tell (GSeekable *seekable)
{
  return (goffset) PA_HASH_INPUT_STREAM (seekable)->n_read;
}

static gboolean
pa_hash_input_stream_can_seek (GSeekable *seekable)
{
  GInputStream *base = hash_base (PA_HASH_INPUT_STREAM (seekable));

  return G_IS_SEEKABLE (base) && g_seekable_can_seek (G_SEEKABLE (base));
}

/* Only back to the start (a restarted message sends the body again),
 * which starts the hash again too. */
static gboolean
pa_hash_input_stream_seek (GSeekable     *seekable,
                           goffset        offset,
                           GSeekType      type,
                           GCancellable  *cancellable,
                           GError       **error)
{
  PaHashInputStream *self = PA_HASH_INPUT_STREAM (seekable);
  GInputStream *base = hash_base (self);

  if (offset != 0 || type != G_SEEK_SET || !pa_hash_input_stream_can_seek (seekable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "A hashing stream only goes back to its start");
      return FALSE;
    }
  if (!g_seekable_seek (G_SEEKABLE (base), 0, G_SEEK_SET, cancellable, error))
    return FALSE;
  g_checksum_reset (self->checksum);
  self->n_read = 0;
  g_clear_pointer (&self->digest, g_free);
  return TRUE;
}

static gboolean
pa_hash_input_stream_can_truncate (GSeekable *seekable)
{
  return FALSE;
}

static gboolean
pa_hash_input_stream_truncate (GSeekable     *seekable,
                               goffset        offset,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       "A hashing stream cannot be truncated");
  return FALSE;
}

static void
pa_hash_input_stream_seekable_init (GSeekableIface *iface)
{
  iface->tell = pa_hash_input_stream_tell;
  iface->can_seek = pa_hash_input_stream_can_seek;
  iface->seek = pa_hash_input_stream_seek;
  iface->can_truncate = pa_hash_input_stream_can_truncate;
  iface->truncate_fn = pa_hash_input_stream_truncate;
}

static void
pa_hash_input_stream_finalize (GObject *object)
{
  PaHashInputStream *self = PA_HASH_INPUT_STREAM (object);

  g_checksum_free (self->checksum);
  g_free (self->digest);

  G_OBJECT_CLASS (pa_hash_input_stream_parent_class)->finalize (object);
}

static void
pa_hash_input_stream_class_init (PaHashInputStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pa_hash_input_stream_finalize;
  /* No read_async: GInputStream's runs this read in a worker thread. */
  G_INPUT_STREAM_CLASS (klass)->read_fn = pa_hash_input_stream_read;
}

static void
pa_hash_input_stream_init (PaHashInputStream *self)
{
  self->checksum = g_checksum_new (G_CHECKSUM_SHA256);
}

static PaHashInputStream *
pa_hash_input_stream_new (GInputStream *base)
{
  return g_object_new (PA_TYPE_HASH_INPUT_STREAM, "base-stream", base, NULL);
}

/* ---- a streamed request body ----------------------------------------- */

typedef struct
{
  SoupMessage          *message;
  GTlsCertificate      *peer_certificate;  /* offered and refused */
  GInputStream         *body;
  char                 *content_type;
  guint64               length;
  guint64               sent;
  PaClientProgressFunc  progress;
  gpointer              progress_data;
} StreamData;

static void
stream_data_free (StreamData *data)
{
  if (data->message != NULL)
    g_signal_handlers_disconnect_by_data (data->message, data);
  g_clear_object (&data->message);
  g_clear_object (&data->peer_certificate);
  g_clear_object (&data->body);
  g_free (data->content_type);
  g_free (data);
}

static gboolean
stream_accept_certificate_cb (SoupMessage          *message,
                              GTlsCertificate      *peer_certificate,
                              GTlsCertificateFlags  errors,
                              gpointer              user_data)
{
  GTask *task = user_data;
  StreamData *data = g_task_get_task_data (task);

  if (pa_client_trusts_certificate (g_task_get_source_object (task), peer_certificate))
    return TRUE;
  g_set_object (&data->peer_certificate, peer_certificate);
  return FALSE;
}

static void
wrote_body_data_cb (SoupMessage *message,
                    guint        chunk_size,
                    StreamData  *data)
{
  data->sent = MIN (data->sent + chunk_size, data->length);
  if (data->progress != NULL)
    data->progress (data->sent, data->length, data->progress_data);
}

/* Sent again (after a connection that went stale under it): the body
 * from its start, when it can go back there. */
static void
restarted_cb (SoupMessage *message,
              StreamData  *data)
{
  g_autoptr(GError) error = NULL;

  if (!G_IS_SEEKABLE (data->body) || !g_seekable_can_seek (G_SEEKABLE (data->body))
      || !g_seekable_seek (G_SEEKABLE (data->body), 0, G_SEEK_SET, NULL, &error))
    {
      g_debug ("A restarted upload cannot send its body again: %s",
               error != NULL ? error->message : "not seekable");
      return;
    }
  soup_message_set_request_body (message, data->content_type, data->body, (gssize) data->length);
  data->sent = 0;
  if (data->progress != NULL)
    data->progress (0, data->length, data->progress_data);
}

static void
stream_send_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  StreamData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      /* The server's address, not the upload's whole query. */
      const char *url = pa_client_get_base_url (g_task_get_source_object (task));

      g_task_return_error (task, pa_client_error_from_transport (error, data->message,
                                                                 data->peer_certificate, url));
      return;
    }
  status = soup_message_get_status (data->message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_task_return_error (task, pa_client_error_from_response (data->message, body));
      return;
    }
  if (!pa_client_is_json_response (data->message))
    {
      g_task_return_error (task, pa_client_error_not_object (status));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
}

void
pa_client_call_stream_async (PaClient             *self,
                             const char           *path,
                             const char           *content_type,
                             GInputStream         *body,
                             guint64               length,
                             PaClientProgressFunc  progress,
                             gpointer              progress_data,
                             GCancellable         *cancellable,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  StreamData *data;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (content_type != NULL);
  g_return_if_fail (G_IS_INPUT_STREAM (body));
  g_return_if_fail (length <= G_MAXSSIZE);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_call_stream_async);
  data = g_new0 (StreamData, 1);
  data->body = g_object_ref (body);
  data->content_type = g_strdup (content_type);
  data->length = length;
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) stream_data_free);

  data->message = pa_client_new_message (self, "POST", path, &error);
  if (data->message == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  soup_message_set_request_body (data->message, content_type, body, (gssize) length);
  g_signal_connect (data->message, "wrote-body-data", G_CALLBACK (wrote_body_data_cb), data);
  g_signal_connect (data->message, "restarted", G_CALLBACK (restarted_cb), data);
  g_signal_connect_object (data->message, "accept-certificate",
                           G_CALLBACK (stream_accept_certificate_cb), task, 0);

  soup_session_send_and_read_async (pa_client_get_session (self), data->message,
                                    G_PRIORITY_DEFAULT, cancellable, stream_send_cb,
                                    g_object_ref (task));
}

GBytes *
pa_client_call_stream_finish (PaClient      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- a firmware upload ----------------------------------------------- */

typedef struct
{
  char                 *path;
  guint64               size;
  PaClientProgressFunc  progress;
  gpointer              progress_data;
  PaHashInputStream    *hashed;
  char                 *sha256;   /* of what was sent, once all of it was */
} UploadData;

static void
upload_data_free (UploadData *data)
{
  g_free (data->path);
  g_clear_object (&data->hashed);
  g_free (data->sha256);
  g_free (data);
}

/* "api/v1/firmware/upload?vendor=…&models=a,b&version=…&filename=…[&name=…]" */
static char *
upload_path (PaFirmware *firmware)
{
  const char * const *models = pa_firmware_get_models (firmware);
  GString *path = g_string_new ("api/v1/firmware/upload?vendor=");

  g_string_append_uri_escaped (path, pa_firmware_get_vendor (firmware), NULL, FALSE);
  g_string_append (path, "&models=");
  for (guint i = 0; models[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (path, ',');
      g_string_append_uri_escaped (path, models[i], NULL, FALSE);
    }
  g_string_append (path, "&version=");
  g_string_append_uri_escaped (path, pa_firmware_get_version (firmware), NULL, FALSE);
  g_string_append (path, "&filename=");
  g_string_append_uri_escaped (path, pa_firmware_get_filename (firmware), NULL, FALSE);
  if (pa_firmware_get_name (firmware)[0] != '\0')
    {
      g_string_append (path, "&name=");
      g_string_append_uri_escaped (path, pa_firmware_get_name (firmware), NULL, FALSE);
    }
  return g_string_free (path, FALSE);
}

static void
keep_digest (UploadData *data)
{
  if (data->sha256 == NULL && data->hashed != NULL && data->hashed->digest != NULL
      && data->hashed->n_read == data->size)
    data->sha256 = g_strdup (data->hashed->digest);
}

static void
upload_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(PaResource) record = NULL;

  body = pa_client_call_stream_finish (PA_CLIENT (source), result, &error);
  keep_digest (data);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  root = pa_client_parse_object_bytes (body, &error);
  if (root != NULL)
    record = pa_client_resource_from_node (PA_TYPE_FIRMWARE, root, NULL, &error);
  if (record == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* What the server stored is what was read from the file. */
  if (data->sha256 != NULL
      && g_ascii_strcasecmp (data->sha256, pa_firmware_get_sha256 (PA_FIRMWARE (record))) != 0)
    {
      g_task_return_error (task,
                           pa_client_error_new_full (PA_CLIENT_ERROR_PROTOCOL, 0, NULL, NULL, NULL,
                                                     _("The server stored other bytes than "
                                                       "were sent (their SHA-256 differs). "
                                                       "Check the file, then delete the "
                                                       "firmware and upload it again.")));
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&record), g_object_unref);
}

static void
upload_opened_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  UploadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = NULL;

  stream = g_file_read_finish (G_FILE (source), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data->hashed = pa_hash_input_stream_new (G_INPUT_STREAM (stream));
  pa_client_call_stream_async (g_task_get_source_object (task), data->path,
                               "application/octet-stream", G_INPUT_STREAM (data->hashed),
                               data->size, data->progress, data->progress_data,
                               g_task_get_cancellable (task), upload_sent_cb,
                               g_object_ref (task));
}

void
pa_client_upload_firmware_async (PaClient             *self,
                                 PaFirmware           *firmware,
                                 GFile                *file,
                                 guint64               size,
                                 PaClientProgressFunc  progress,
                                 gpointer              progress_data,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  UploadData *data;

  g_return_if_fail (PA_IS_CLIENT (self));
  g_return_if_fail (PA_IS_FIRMWARE (firmware));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_client_upload_firmware_async);
  data = g_new0 (UploadData, 1);
  data->path = upload_path (firmware);
  data->size = size;
  data->progress = progress;
  data->progress_data = progress_data;
  g_task_set_task_data (task, data, (GDestroyNotify) upload_data_free);

  g_file_read_async (file, G_PRIORITY_DEFAULT, cancellable, upload_opened_cb,
                     g_steal_pointer (&task));
}

PaFirmware *
pa_client_upload_firmware_finish (PaClient      *self,
                                  GAsyncResult  *result,
                                  char         **sha256,
                                  GError       **error)
{
  UploadData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (sha256 != NULL)
    *sha256 = g_strdup (data->sha256);
  return g_task_propagate_pointer (G_TASK (result), error);
}
