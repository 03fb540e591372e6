/* pa-client-firmware.h — POST /api/v1/firmware/upload (docs/api.md,
 * "Firmware"): a firmware file streamed from disk as it is sent
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-client.h"

G_BEGIN_DECLS

/* The largest firmware file provd takes (its PA_FIRMWARE_MAX_BYTES); a
 * larger one is refused with 413. */
#define PA_CLIENT_FIRMWARE_MAX_BYTES ((guint64) 1 << 30)

/* How much of a request's body has gone out: @sent of @total bytes.
 * Called on the thread-default main context of the call, as the bytes
 * are written to the connection (the last call has @sent == @total). */
typedef void (*PaClientProgressFunc) (guint64  sent,
                                      guint64  total,
                                      gpointer user_data);

/* POST @body, @length bytes of @content_type, to @path (below the base
 * URL), with the token and the pinned certificate as every call has.
 * The stream is read as the bytes go out, never all at once, and its
 * reads run outside the main loop (a file's read_async runs in a worker
 * thread). A restarted message rewinds @body when it is seekable.
 * @progress (optional) is called with @progress_data until the callback
 * runs. The answer as pa_client_call_upload_finish() gives it: the JSON
 * bytes of a 2xx answer; otherwise NULL with the PA_CLIENT_ERROR the
 * answer stands for (G_IO_ERROR_CANCELLED when cancelled). */
void        pa_client_call_stream_async      (PaClient             *self,
                                              const char           *path,
                                              const char           *content_type,
                                              GInputStream         *body,
                                              guint64               length,
                                              PaClientProgressFunc  progress,
                                              gpointer              progress_data,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GBytes     *pa_client_call_stream_finish     (PaClient             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

/* Uploads @file, @size bytes (as its info says), as the firmware
 * @firmware describes: its vendor, models, version and filename, and its
 * name when not empty (else the server names it after the file). The
 * bytes are read from disk while they are sent and hashed (SHA-256) on
 * the way. A file that cannot be read is a G_IO_ERROR; the server's
 * refusals are PA_CLIENT_ERRORs (409: the same bytes are there already;
 * 400 with the field for a bad vendor, model, version or filename). */
void        pa_client_upload_firmware_async  (PaClient             *self,
                                              PaFirmware           *firmware,
                                              GFile                *file,
                                              guint64               size,
                                              PaClientProgressFunc  progress,
                                              gpointer              progress_data,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
/* The record the server made (transfer full), or NULL with @error set.
 * @sha256 (optional, transfer full): the SHA-256 (lowercase hex) of the
 * bytes sent, also when the server refused them (a 409 names the record
 * that has them); NULL when the whole file was not sent. */
PaFirmware *pa_client_upload_firmware_finish (PaClient             *self,
                                              GAsyncResult         *result,
                                              char                **sha256,
                                              GError              **error);

G_END_DECLS
