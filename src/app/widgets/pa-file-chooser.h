/* pa-file-chooser.h — where file choosers open, and what they offer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Starts @chooser in the user's Documents folder (else home), not in the
 * folder the app happened to be started from. */
void pa_file_chooser_start_in_documents (GtkFileChooser *chooser);

/* Offers CSV files (by type and by name) in @chooser. */
void pa_file_chooser_add_csv_filter     (GtkFileChooser *chooser);

G_END_DECLS
