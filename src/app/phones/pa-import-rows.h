/* pa-import-rows.h — the rows of the import dialog's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Makes and binds a row for each PaImportRow. */
GtkListItemFactory *pa_import_rows_factory_new (void);

G_END_DECLS
