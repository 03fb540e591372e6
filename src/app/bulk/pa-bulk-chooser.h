/* pa-bulk-chooser.h — what a bulk action gives the selected phones: a
 * layout, sidecar layouts, a profile, an agent or a firmware
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-bulk-actions.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_BULK_CHOOSER (pa_bulk_chooser_get_type ())
G_DECLARE_FINAL_TYPE (PaBulkChooser, pa_bulk_chooser, PA, BULK_CHOOSER, AdwWindow)

/* A small modal dialog over @parent listing what the repository has for
 * @action's choice and @phones (PaPhone): layouts of the phones' model
 * only (saying so when they are of several), firmware for every one of
 * their models, any profile, any agent; with "none" where the action
 * takes it (No Layout, No Profile, Unassign). What all the phones have
 * now is picked to start with. Actions: "chooser.choose" (Enter,
 * Ctrl+Enter; once something is picked), "chooser.cancel" (Escape). */
void      pa_bulk_chooser_run_async  (GtkWindow           *parent,
                                      PaRepository        *repo,
                                      const PaBulkAction  *action,
                                      GPtrArray           *phones,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* The choice as the job's member takes it (a whole number, null, or for
 * sidecars an array of them), transfer full; NULL without @error when the
 * user cancelled, with G_IO_ERROR_CANCELLED when @cancellable was.
 * @not_before (nullable): when the job is to wait for (Unix seconds), 0
 * for now; only firmware offers a later time, the night. */
JsonNode *pa_bulk_chooser_run_finish (GAsyncResult        *result,
                                      gint64              *not_before,
                                      GError             **error);

/* The hour of the night a scheduled update starts, local time. */
#define PA_BULK_NIGHT_HOUR 2
/* The next PA_BULK_NIGHT_HOUR:00 (local) after @now, both Unix seconds. */
gint64    pa_bulk_next_night         (gint64               now);

/* For tests. "list" or "empty". */
const char *pa_bulk_chooser_get_state     (PaBulkChooser *self);
/* The rows to choose from, "none" included. */
guint       pa_bulk_chooser_get_n_choices (PaBulkChooser *self);
/* Picks the row of @id (0: the "none" row), as a click would; FALSE when
 * there is no such row. */
gboolean    pa_bulk_chooser_select        (PaBulkChooser *self,
                                           gint64         id);
/* Picks "Tonight" (TRUE) or "Now" in the When row, as a click would. */
void        pa_bulk_chooser_set_tonight   (PaBulkChooser *self,
                                           gboolean       tonight);
/* Sets sidecar @position (0: the first) to the module layout @id (0:
 * none); FALSE when there is no such row or layout. */
gboolean    pa_bulk_chooser_set_sidecar   (PaBulkChooser *self,
                                           guint          position,
                                           gint64         id);
/* The note about the selection (several models), or NULL. */
const char *pa_bulk_chooser_get_note      (PaBulkChooser *self);

G_END_DECLS
