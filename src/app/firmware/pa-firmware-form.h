/* pa-firmware-form.h — what the firmware page and dialogs work out
 * without widgets: guesses from a file's name, and how a record is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-core.h"

G_BEGIN_DECLS

/* The version a firmware file's name carries: the first run of two or
 * more dot-separated numbers standing on its own ("T54W-96.86.0.150.rom"
 * → "96.86.0.150"); NULL when there is none. */
char          *pa_firmware_guess_version     (const char *filename);

/* The one model of @catalog whose name the file's name carries
 * ("T54W-96.86.0.150.rom" → T54W, "VVX450_6.4.sip.ld" → VVX 450):
 * matched whole first, then at the start or end of a word
 * ("gxp2170fw.bin"); NULL when none or more than one fits. Transfer
 * none. */
PaDeviceModel *pa_firmware_guess_model       (PaCatalog  *catalog,
                                              const char *filename);

/* @basename as the server takes a firmware's file name
 * ([A-Za-z0-9._+-], not starting with a dot, at most 255 bytes): every
 * other character becomes '_'. NULL when nothing usable is left. */
char          *pa_firmware_safe_filename     (const char *basename);

/* The first 12 hex digits and an ellipsis ("6c1f0a3b9e2d…"), "" for
 * none. */
char          *pa_firmware_short_sha256      (const char *sha256);

/* The models by their catalog names, in the record's order ("T54W,
 * T46U"); an id the catalog does not know is shown as it is. */
char          *pa_firmware_models_text       (PaFirmware *firmware,
                                              PaCatalog  *catalog);

/* The brand's name in @catalog ("Yealink"), else @vendor_id. */
const char    *pa_firmware_vendor_name       (PaCatalog  *catalog,
                                              const char *vendor_id);

/* How many phones of @phones (a GListModel of PaPhone) are to be updated
 * to @firmware (their firmware_id). */
guint          pa_firmware_count_phones      (PaFirmware *firmware,
                                              GListModel *phones);

/* Which part of a firmware form a server or validation error's field
 * concerns: "models[2]" → "models"; NULL stays NULL. */
const char    *pa_firmware_form_field        (const char *field);

G_END_DECLS
