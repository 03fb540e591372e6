/* pa-time-zones.h — a searchable drop-down of IANA time zones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes @dropdown a searchable choice of time zones: @unset_label
 * (nullable; "Not set") first, standing for none, then "UTC", then the
 * system's zones (zone1970.tab), read once per process in the background.
 * What is selected stays selected when they arrive. */
void        pa_time_zones_setup        (GtkDropDown *dropdown,
                                        const char  *unset_label);
/* The zone selected; NULL for the unset entry or nothing. */
const char *pa_time_zones_get_selected (GtkDropDown *dropdown);
/* Selects @zone; NULL selects the unset entry (without one: the first
 * zone). A zone the table lacks is added, so it still shows and saving
 * keeps it. */
void        pa_time_zones_select       (GtkDropDown *dropdown,
                                        const char  *zone);

/* Plain: the zone names of a zone1970.tab's @contents, sorted; transfer
 * full. */
GStrv       pa_time_zones_parse_table  (const char  *contents);

G_END_DECLS
