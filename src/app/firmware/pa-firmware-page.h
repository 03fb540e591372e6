/* pa-firmware-page.h — the Firmware section: the firmware files uploaded
 * to the server, for the models they fit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_FIRMWARE_PAGE (pa_firmware_page_get_type ())
G_DECLARE_FINAL_TYPE (PaFirmwarePage, pa_firmware_page, PA, FIRMWARE_PAGE, AdwBin)

/* Properties: "repository" (PaRepository, nullable), "search-mode" (bool).
 * Actions (on the page): firmware.upload (a file chooser, then the upload
 * dialog), firmware.edit (x: a record's id), firmware.delete (x),
 * firmware.delete-selected (Delete). */
GtkWidget         *pa_firmware_page_new             (void);
PaRepository      *pa_firmware_page_get_repository  (PaFirmwarePage *self);
void               pa_firmware_page_set_repository  (PaFirmwarePage *self,
                                                     PaRepository   *repository);
gboolean           pa_firmware_page_get_search_mode (PaFirmwarePage *self);
void               pa_firmware_page_set_search_mode (PaFirmwarePage *self,
                                                     gboolean        search_mode);
GtkColumnView     *pa_firmware_page_get_column_view (PaFirmwarePage *self);
GtkSelectionModel *pa_firmware_page_get_selection   (PaFirmwarePage *self);
/* "list", "empty", "no-results" or "loading" */
const char        *pa_firmware_page_get_state       (PaFirmwarePage *self);
void               pa_firmware_page_set_query       (PaFirmwarePage *self,
                                                     const char     *query);
/* The column with @id ("name", "brand", "models", "version", "size",
 * "sha256", "phones"), transfer none. */
GtkColumnViewColumn *pa_firmware_page_get_column    (PaFirmwarePage *self,
                                                     const char     *id);
/* The file chooser of firmware.upload while it is open, else NULL. */
GtkFileChooser    *pa_firmware_page_get_chooser     (PaFirmwarePage *self);

/* Plain function: search across name, brand, models, version, file name
 * and the start of the SHA-256. */
gboolean           pa_firmware_matches              (PaFirmware     *firmware,
                                                     const char     *query);

G_END_DECLS
