/* pa-param-row.h — one custom parameter a profile sets: vendor, name, value
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PA_TYPE_PARAM_ROW (pa_param_row_get_type ())
G_DECLARE_FINAL_TYPE (PaParamRow, pa_param_row, PA, PARAM_ROW, GtkListBoxRow)

/* A row of three fields (the vendor, from the catalog; the name; the
 * value) and a button that removes it, or, where a profile above names
 * the same parameter, resets it to that one's. Signals: "changed" (any
 * field), "remove" (the button). */
GtkWidget  *pa_param_row_new          (const char *vendor,
                                       const char *name,
                                       const char *value);
/* The vendor id chosen, NULL for none. */
const char *pa_param_row_get_vendor   (PaParamRow *self);
/* Trimmed; "" when empty. */
char       *pa_param_row_dup_name     (PaParamRow *self);
const char *pa_param_row_get_value    (PaParamRow *self);
/* @source (nullable): the profile whose value it hides, by name. */
void        pa_param_row_set_shadowed (PaParamRow *self,
                                       const char *source);
/* The name field, to put the focus in. */
GtkWidget  *pa_param_row_get_name_entry (PaParamRow *self);

G_END_DECLS
