/* pa-app-test.h — what the app's widget tests share: bounded main-loop waits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pa-connection.h"
#include "pa-repository.h"

G_BEGIN_DECLS

/* How long a wait may take before the test fails instead of hanging. */
#define PA_APP_TEST_WAIT_SECONDS 20

/* Every wait here is for a condition, never for a fixed time: a test
 * says what it needs (a window shown, a request answered, a frame drawn)
 * and the deadline only turns a hang into a failure. */
typedef gboolean (*PaAppTestCondition) (gpointer data);

/* Runs the main loop until @cond holds, or fails the test after the
 * deadline. @cond is checked after each main-loop dispatch and at least
 * every 20 ms, so a condition on the world outside the main loop (a
 * process, a file) is seen too. */
void       pa_app_test_wait_until      (PaAppTestCondition cond,
                                        gpointer           data);
void       pa_app_test_wait_until_seconds (PaAppTestCondition cond,
                                           gpointer           data,
                                           guint              seconds);
/* The same, for a caller that decides what a timeout means (try again,
 * then fail): whether @cond holds, after at most @ms. */
gboolean   pa_app_test_poll_until      (PaAppTestCondition cond,
                                        gpointer           data,
                                        guint              ms);
gpointer   pa_app_test_find_window     (GType              type);   /* a visible toplevel */
/* @name from the template of @widget's class or of a parent class (an
 * editor's Save button is PaEditor's); aborts the test when none has it. */
gpointer   pa_app_test_template_child  (gpointer           widget,
                                        const char        *name);
GtkWidget *pa_app_test_find_descendant (GtkWidget         *widget,
                                        GType              type);

/* For an _async call: store its result in a GAsyncResult * (the user data),
 * then pa_app_test_wait_until (pa_app_test_result_arrived, &result). */
void       pa_app_test_store_result_cb (GObject           *source,
                                        GAsyncResult      *result,
                                        gpointer           user_data);
/* The same, asserting the slot was empty: for a test that waits for each
 * result before starting the next call. */
void       pa_app_test_store_once_cb   (GObject           *source,
                                        GAsyncResult      *result,
                                        gpointer           user_data);
gboolean   pa_app_test_result_arrived  (gpointer           data);
gboolean   pa_app_test_pointer_cleared (gpointer           data);
gboolean   pa_app_test_not_loading     (gpointer           repository);
gboolean   pa_app_test_has_public_url  (gpointer           repository);

void       pa_app_test_wait_for_flag   (gboolean          *flag);
/* Runs the main loop until every mapped toplevel has drawn @n more frames
 * (counted on its frame clock): for layout and style to settle after a
 * change. Returns at once when no window is mapped. */
/* adw_init(), and the renderer the app picks (pa-renderer.c), so a test
 * draws as the app does: after gtk_test_init(). */
void       pa_app_test_adw_init        (void);
void       pa_app_test_wait_for_frames (guint              n);
/* Until GTK has handled every input event the display server had sent us
 * by now (what xdotool made, once it exited): a round trip to the server,
 * then two frames, since GTK hands input to widgets around a frame. */
void       pa_app_test_wait_for_input  (void);

/* Conditions for pa_app_test_wait_until(). */
/* @widget is mapped and has a size. */
gboolean   pa_app_test_widget_ready    (gpointer           widget);
/* No GtkRevealer or GtkStack inside @widget is still animating. */
gboolean   pa_app_test_transitions_done (gpointer          widget);
/* No message dialog is on screen. */
gboolean   pa_app_test_no_message_dialog (gpointer         data);
/* The process GPOINTER_TO_INT (@pid) has ended (reaped or not ours). */
gboolean   pa_app_test_pid_gone        (gpointer           pid);

/* Resizes @window (gtk_window_set_default_size) and waits until it has the
 * new size and has drawn it. */
void       pa_app_test_resize_window   (GtkWindow         *window,
                                        int                width,
                                        int                height);
/* Destroys every toplevel and waits until they are all finalized. */
void       pa_app_test_destroy_all_windows (void);

/* Local mode's provd starts on a port of this test's own (kept in the
 * local server's local-mode.ini under XDG_DATA_HOME, which the test has
 * set), not on 8670: tests running side by side took it from each other,
 * and a restart on "the same port" found it gone. */
void       pa_app_test_local_port_of_its_own (void);

/* @json saved through @repo as a new @type, which must succeed; the
 * stored object (transfer none: the repository's store keeps it). */
PaResource *pa_app_test_save_json     (PaRepository      *repo,
                                       GType              type,
                                       const char        *json);

/* A refresh of @repo that must succeed. */
void       pa_app_test_refresh_sync    (PaRepository      *repo);
/* A repository on the server at @url, refreshed once: it knows the public URL. */
PaRepository *pa_app_test_repository_new (const char      *url,
                                          const char      *token);
/* A connection with a memory credential store; connect_sync must succeed. */
PaConnection *pa_app_test_connection_new (void);
void       pa_app_test_connect_sync    (PaConnection      *connection,
                                        const char        *url,
                                        const char        *token);

gboolean   pa_app_test_message_dialog_shown (gpointer      data);
gboolean   pa_app_test_credentials_shown    (gpointer      data);
/* The clipboard's text as @widget's display has it (waits for it). */
char      *pa_app_test_read_clipboard       (GtkWidget    *widget);
/* Clicks the button of the visible message dialog whose label is @label
 * ("_Discard"), as a user would: the response, then the dialog closes. */
void       pa_app_test_click_response       (const char   *label);
/* What in @root (mapped) is cut off: a scrolled window whose content is
 * taller than it, or an ellipsized label; NULL when all of it shows. */
char      *pa_app_test_find_cut_off         (GtkWidget    *root);
/* The first GtkLabel in @root (itself included) whose text is @text. */
GtkWidget *pa_app_test_find_label           (GtkWidget    *root,
                                             const char   *text);
/* The first button labelled @label (as set, mnemonic included) in @root. */
GtkWidget *pa_app_test_find_button          (GtkWidget    *root,
                                             const char   *label);
/* Clicks the button labelled @label on a toast in @overlay once the
 * toast is on screen (mapped and drawn), as a person can only click it
 * then; asserts there is one. libadwaita 1.2 crashes on a toast
 * dismissed before its first frame (see src/app/widgets/pa-toast.c). */
void       pa_app_test_click_toast_button   (GtkWidget    *overlay,
                                             const char   *label);
/* Dismisses the toast shown in @overlay with its close button once it is
 * on screen, as a user would: an error's toast stays until then, and the
 * next toast waits behind it. */
void       pa_app_test_dismiss_toast        (GtkWidget    *overlay);
/* The first GtkLabel in @root (itself included) whose text starts with
 * @prefix. */
GtkWidget *pa_app_test_find_label_prefix    (GtkWidget    *root,
                                             const char   *prefix);
/* Destroys every credentials dialog and message dialog still up. */
void       pa_app_test_close_all_dialogs    (void);
/* Draws @window as it is now to the PNG file @path. */
void       pa_app_test_draw_png             (GtkWidget    *window,
                                             const char   *path);
/* With PA_SHOTS_DIR set, draws @window to a PNG named @name there. */
void       pa_app_test_maybe_screenshot     (GtkWidget    *window,
                                             const char   *name);

G_END_DECLS
