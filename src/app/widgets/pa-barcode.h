/* pa-barcode.h — MAC addresses from a photo of a box label (zbar)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PA_BARCODE_ERROR (pa_barcode_error_quark ())

/**
 * PaBarcodeError:
 * @PA_BARCODE_ERROR_UNREADABLE: the file could not be read or is not an image.
 * @PA_BARCODE_ERROR_NO_MAC: no Code128/QR symbol carrying a MAC was found.
 */
typedef enum
{
  PA_BARCODE_ERROR_UNREADABLE,
  PA_BARCODE_ERROR_NO_MAC,
} PaBarcodeError;

GQuark pa_barcode_error_quark (void);

/* Returns: (transfer full): the MACs found, normalised, de-duplicated, in
 * scan order; NULL with @error when none. Blocking: call it in a thread. */
GStrv  pa_barcode_decode_file        (GFile               *file,
                                      GError             **error);
/* Same in a worker thread (GTask). */
void   pa_barcode_decode_file_async  (GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GStrv  pa_barcode_decode_file_finish (GAsyncResult        *result,
                                      GError             **error);

/* The MACs in one symbol's text, normalised, de-duplicated, in order: the
 * whole text if it is a MAC, else every run of 12 hex digits or 6 hex pairs
 * joined by ':'/'-' or 3 quads joined by '.' that is a usable MAC. Never
 * NULL (empty array when none). */
GStrv  pa_barcode_extract_macs       (const char          *text);

G_END_DECLS
