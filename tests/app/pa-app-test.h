/* pa-app-test.h — what the app's widget tests share: bounded main-loop waits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long a wait may take before the test fails instead of hanging. */
#define PA_APP_TEST_WAIT_SECONDS 20

typedef gboolean (*PaAppTestCondition) (gpointer data);

void       pa_app_test_wait_until      (PaAppTestCondition cond,
                                        gpointer           data);
void       pa_app_test_spin            (guint              ms);
gpointer   pa_app_test_find_window     (GType              type);   /* a visible toplevel */
GtkWidget *pa_app_test_find_descendant (GtkWidget         *widget,
                                        GType              type);

/* For an _async call: store its result in a GAsyncResult * (the user data),
 * then pa_app_test_wait_until (pa_app_test_result_arrived, &result). */
void       pa_app_test_store_result_cb (GObject           *source,
                                        GAsyncResult      *result,
                                        gpointer           user_data);
gboolean   pa_app_test_result_arrived  (gpointer           data);
gboolean   pa_app_test_pointer_cleared (gpointer           data);
gboolean   pa_app_test_not_loading     (gpointer           repository);
gboolean   pa_app_test_has_public_url  (gpointer           repository);

G_END_DECLS
