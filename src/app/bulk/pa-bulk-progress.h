/* pa-bulk-progress.h — how far a job on many phones has come, at the
 * bottom of the page that started it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-client-jobs.h"

G_BEGIN_DECLS

#define PA_TYPE_BULK_PROGRESS (pa_bulk_progress_get_type ())
G_DECLARE_FINAL_TYPE (PaBulkProgress, pa_bulk_progress, PA, BULK_PROGRESS, AdwBin)

/* Shows nothing until a job has taken longer than a moment; then @title
 * ("Applying a layout to 50 phones…"), a progress bar with done of
 * total, and, while the job waits for its turn, Cancel
 * (DELETE /api/v1/jobs/{id} through @client). One job at a time: @owner
 * (any pointer, the flow's) names it, and updates or an end from another
 * owner are ignored. Action: "progress.cancel". */
GtkWidget  *pa_bulk_progress_new     (void);
void        pa_bulk_progress_begin   (PaBulkProgress *self,
                                      gconstpointer   owner,
                                      const char     *title,
                                      PaClient       *client,
                                      PaJob          *job);
void        pa_bulk_progress_update  (PaBulkProgress *self,
                                      gconstpointer   owner,
                                      PaJob          *job);
void        pa_bulk_progress_end     (PaBulkProgress *self,
                                      gconstpointer   owner);

/* For tests: whether it shows, the title, the bar's text ("12 of 50"). */
gboolean    pa_bulk_progress_get_shown (PaBulkProgress *self);
const char *pa_bulk_progress_get_title (PaBulkProgress *self);
const char *pa_bulk_progress_get_text  (PaBulkProgress *self);

G_END_DECLS
