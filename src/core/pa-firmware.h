/* pa-firmware.h — a firmware file uploaded for some of a vendor's models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-resource.h"

G_BEGIN_DECLS

#define PA_TYPE_FIRMWARE (pa_firmware_get_type ())

G_DECLARE_FINAL_TYPE (PaFirmware, pa_firmware, PA, FIRMWARE, PaResource)

/* JSON members, in order: id, revision, name, vendor, models, version,
 * then what the server sets from the upload: filename, size, sha256. */
PaFirmware         *pa_firmware_new          (void);

const char         *pa_firmware_get_name     (PaFirmware         *self);   /* "" when unset */
void                pa_firmware_set_name     (PaFirmware         *self,
                                              const char         *name);
const char         *pa_firmware_get_vendor   (PaFirmware         *self);   /* "" when unset */
void                pa_firmware_set_vendor   (PaFirmware         *self,
                                              const char         *vendor);
/* The catalog ids of the models it is for; never NULL. */
const char * const *pa_firmware_get_models   (PaFirmware         *self);
void                pa_firmware_set_models   (PaFirmware         *self,
                                              const char * const *models);
const char         *pa_firmware_get_version  (PaFirmware         *self);   /* "" when unset */
void                pa_firmware_set_version  (PaFirmware         *self,
                                              const char         *version);
/* Server-owned: the uploaded file's name, size and SHA-256 (lowercase hex). */
const char         *pa_firmware_get_filename (PaFirmware         *self);   /* "" when unset */
void                pa_firmware_set_filename (PaFirmware         *self,
                                              const char         *filename);
gint64              pa_firmware_get_size     (PaFirmware         *self);
void                pa_firmware_set_size     (PaFirmware         *self,
                                              gint64              size);
const char         *pa_firmware_get_sha256   (PaFirmware         *self);   /* "" when unset */
void                pa_firmware_set_sha256   (PaFirmware         *self,
                                              const char         *sha256);

/* Whether @filename may name a firmware file: what a phone's URL and a
 * file system both take ([A-Za-z0-9._+-], not starting with a dot, at
 * most 255 bytes). */
gboolean            pa_firmware_filename_is_valid (const char    *filename);

/* Orders two firmware versions as vendors number them: runs of digits by
 * their value, the rest as text ("96.86.0.50" after "96.85.0.100"). */
int                 pa_firmware_version_compare (const char *a,
                                                 const char *b);
/* The newest firmware in @firmware (a GListModel of PaFirmware) for
 * @model_id whose version is after @running, or NULL: none, or @running
 * unknown (a phone that has not said). Transfer none. */
PaFirmware         *pa_firmware_find_newer      (GListModel *firmware,
                                                 const char *model_id,
                                                 const char *running);

G_END_DECLS
