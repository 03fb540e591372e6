/* pa-confirm-dialog.h — the question asked before something cannot be undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* An AdwMessageDialog with a "cancel" response and a destructive
 * @response_id; Enter and Escape both answer "cancel". Not presented yet:
 * the caller connects "response" first. */
GtkWidget *pa_confirm_dialog_new (GtkWindow  *parent,
                                  const char *heading,
                                  const char *body,
                                  const char *cancel_label,
                                  const char *response_id,
                                  const char *response_label);

/* A question with three answers: "cancel" (Escape), @destructive_id (shown
 * as destructive) and @suggested_id (the suggested one, Enter). Not
 * presented yet. */
GtkWidget *pa_choice_dialog_new  (GtkWindow  *parent,
                                  const char *heading,
                                  const char *body,
                                  const char *cancel_label,
                                  const char *destructive_id,
                                  const char *destructive_label,
                                  const char *suggested_id,
                                  const char *suggested_label);

/* For an editor's close-request: TRUE (stay open) when @dirty and the
 * user has not yet agreed to lose the changes: "Discard Changes?" with
 * @body is then asked, and Discard closes @window. FALSE: it may close. */
gboolean   pa_confirm_discard      (GtkWindow  *window,
                                    gboolean    dirty,
                                    const char *body);
/* Closes @window once the main loop is idle: for a dialog's "response"
 * handler, since a dialog transient for @window goes with it and still
 * closes itself after its handlers return. */
void       pa_close_after_response (GtkWindow  *window);
/* The window closes without asking from now on (it saved, or the user
 * already agreed). */
void       pa_confirm_discard_done (GtkWindow  *window);

G_END_DECLS
