/* pa-firmware-editor.h — a firmware record's name, models and version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-editor.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_FIRMWARE_EDITOR (pa_firmware_editor_get_type ())

G_DECLARE_FINAL_TYPE (PaFirmwareEditor, pa_firmware_editor, PA, FIRMWARE_EDITOR, PaEditor)

/* A modal PaEditor transient for @parent over the stored @firmware (which
 * the repository updates in place). Name, models (of its brand) and
 * version can change; the brand and the file cannot (another file is
 * another upload). Save writes them with If-Match on the record's
 * revision, so a change someone made meanwhile is not overwritten; the
 * server's refusal shows on the field it names. */
GtkWidget  *pa_firmware_editor_new          (GtkWindow        *parent,
                                             PaRepository     *repo,
                                             PaFirmware       *firmware);
/* The record being edited (transfer none). */
PaFirmware *pa_firmware_editor_get_firmware (PaFirmwareEditor *self);

G_END_DECLS
