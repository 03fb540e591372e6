/* pa-firmware-models.h — the models of one brand, each with a check box:
 * which phones a firmware is for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PA_TYPE_FIRMWARE_MODELS (pa_firmware_models_get_type ())
G_DECLARE_FINAL_TYPE (PaFirmwareModels, pa_firmware_models, PA, FIRMWARE_MODELS, AdwBin)

/* A check box per model of the brand (from the default catalog), in a
 * grid, in the catalog's order.
 * Signal "changed": a box was checked or unchecked, by the user or by
 * pa_firmware_models_set_selected(). */
GtkWidget  *pa_firmware_models_new          (void);
/* Shows @vendor_id's models, none checked; NULL or "" shows none. */
void        pa_firmware_models_set_vendor   (PaFirmwareModels   *self,
                                             const char         *vendor_id);
const char *pa_firmware_models_get_vendor   (PaFirmwareModels   *self);
/* Checks the models in @ids (catalog ids) and no other. */
void        pa_firmware_models_set_selected (PaFirmwareModels   *self,
                                             const char * const *ids);
/* The checked models' ids, in the catalog's order; never NULL. */
char      **pa_firmware_models_get_selected (PaFirmwareModels   *self);
/* The check box of @model_id's row, or NULL (for tests). */
GtkCheckButton *pa_firmware_models_get_check (PaFirmwareModels *self,
                                              const char       *model_id);
/* Marks the list as wrong (a server or check error) or not. */
void        pa_firmware_models_set_error    (PaFirmwareModels   *self,
                                             gboolean            error);

G_END_DECLS
