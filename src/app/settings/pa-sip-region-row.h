/* pa-sip-region-row.h — one SIP region of the server's settings, edited in
 * place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-settings.h"

G_BEGIN_DECLS

#define PA_TYPE_SIP_REGION_ROW (pa_sip_region_row_get_type ())

G_DECLARE_FINAL_TYPE (PaSipRegionRow, pa_sip_region_row, PA, SIP_REGION_ROW, AdwExpanderRow)

/* An expander row titled with the region's name, its registrar as the
 * subtitle; it opens onto name, server, port and transport. Signals:
 * "changed" (any field), "remove" (its Remove button). @region may be NULL
 * for a new one. */
GtkWidget   *pa_sip_region_row_new        (const PaSipRegion *region);
/* What the fields say now; name and server NULL when empty, so validation
 * names them. */
PaSipRegion *pa_sip_region_row_dup_region (PaSipRegionRow    *self);
/* Opens the row and puts the focus in its name. */
void         pa_sip_region_row_edit_name  (PaSipRegionRow    *self);

G_END_DECLS
