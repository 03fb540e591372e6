/* test-bulk-actions.c — actions on many phones at once, as server jobs,
 * from the phones page's selection bar, against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: a real phoneadmin-provd on loopback, a real repository that
 * follows the change stream (as the app's does), the real phones page in
 * a window whose toasts show; the main window itself for the bar at the
 * app's default size. GTK_A11Y=test: accessible names are read from GTK's
 * in-memory accessibility backend.
 */
#define G_LOG_DOMAIN "test-bulk-actions"

#include "config.h"

#include <adwaita.h>
#include <string.h>
#include <time.h>

#include "pa-a11y-walk.h"
#include "pa-app-fixture.h"
#include "pa-app-test.h"
#include "pa-firmware-test.h"
#include "pa-bulk-actions.h"
#include "pa-bulk-bar.h"
#include "pa-bulk-chooser.h"
#include "pa-bulk-progress.h"
#include "pa-phones-page.h"
#include "pa-review-changes-dialog.h"
#include "pa-window.h"
#include "../server/pa-test-server.h"

static PaApplication *app;

typedef struct
{
  PaAppFixture  app;
  PaPhonesPage *page;
  gint64        agent;      /* Ann Smith, who has "Reception" */
  gint64        profile;    /* "Berlin office" */
  gint64        reception;  /* T54W, assigned */
  gint64        front1;     /* T54W */
  gint64        front2;     /* T54W */
  gint64        sales;      /* T46U */
} Fixture;

static gint64
create_phone (Fixture    *fixture,
              const char *name,
              const char *mac,
              const char *model,
              gint64      agent)
{
  g_autofree char *agent_text = agent != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, agent)
                                           : g_strdup ("null");
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"mac\": \"%s\", \"vendor\": \"yealink\","
                                           " \"model\": \"%s\", \"agent_id\": %s}",
                                           name, mac, model, agent_text);

  return pa_test_create (fixture->app.server, "phones", body);
}

static gboolean
following (gpointer repo)
{
  return pa_repository_get_following (repo) && !pa_repository_get_loading (repo);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  PaTestServer *server = pa_test_server_new ();

  fixture->agent = pa_test_create (server, "agents",
                                   "{\"name\": \"Ann Smith\", \"extension\": \"201\"}");
  fixture->profile = pa_test_create (server, "profiles",
                                     "{\"name\": \"Berlin office\", \"timezone\": \"Europe/Berlin\"}");
  pa_app_fixture_set_up_with_server (&fixture->app, server);
  fixture->reception = create_phone (fixture, "Reception", "80:5E:C0:00:00:01", "yealink-t54w",
                                     fixture->agent);
  fixture->front1 = create_phone (fixture, "Front 1", "80:5E:C0:00:00:02", "yealink-t54w", 0);
  fixture->front2 = create_phone (fixture, "Front 2", "80:5E:C0:00:00:03", "yealink-t54w", 0);
  fixture->sales = create_phone (fixture, "Sales", "80:5E:C0:00:00:04", "yealink-t46u", 0);

  /* As in the app: the lists follow the change feed, nothing is listed again. */
  pa_app_test_refresh_sync (fixture->app.repo);
  pa_repository_set_follow_changes (fixture->app.repo, TRUE);
  pa_app_test_wait_until (following, fixture->app.repo);

  fixture->page = PA_PHONES_PAGE (pa_phones_page_new ());
  pa_phones_page_set_repository (fixture->page, fixture->app.repo);
  adw_toast_overlay_set_child (fixture->app.overlay, GTK_WIDGET (fixture->page));
  pa_app_test_wait_until (pa_app_test_widget_ready, fixture->page);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  pa_repository_set_follow_changes (fixture->app.repo, FALSE);
  pa_app_fixture_tear_down (&fixture->app, user_data);
}

/* ---- helpers -------------------------------------------------------- */

static PaBulkBar *
bar (Fixture *fixture)
{
  return PA_BULK_BAR (pa_phones_page_get_bulk_bar (fixture->page));
}

/* Selects the rows of the phones named, as Ctrl+click would. */
static void
select_phones (Fixture            *fixture,
               const char * const *names)
{
  GtkSelectionModel *selection = pa_phones_page_get_selection (fixture->page);

  gtk_selection_model_unselect_all (selection);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (selection)); i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (G_LIST_MODEL (selection), i);

      if (g_strv_contains (names, pa_phone_get_name (phone)))
        gtk_selection_model_select_item (selection, i, FALSE);
    }
}

static void
run (Fixture    *fixture,
     const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "bulk.run", "s", action));
}

static PaBulkChooser *
chooser (void)
{
  return pa_app_test_find_window (PA_TYPE_BULK_CHOOSER);
}

static gboolean
chooser_shown (gpointer data)
{
  return chooser () != NULL;
}

static PaReviewChangesDialog *
review (void)
{
  return pa_app_test_find_window (PA_TYPE_REVIEW_CHANGES_DIALOG);
}

static gboolean
review_loaded (gpointer data)
{
  return review () != NULL && g_strcmp0 (pa_review_changes_dialog_get_state (review ()), "loaded") == 0;
}

static AdwMessageDialog *
message (void)
{
  return pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
message_shown (gpointer data)
{
  return message () != NULL;
}

static gboolean
message_gone (gpointer data)
{
  return message () == NULL;
}

/* The dialog's body and the rows of its list, one text. */
static char *
message_text (AdwMessageDialog *dialog)
{
  GString *text = g_string_new (adw_message_dialog_get_body (dialog));
  GtkWidget *extra = adw_message_dialog_get_extra_child (dialog);
  GtkWidget *list = extra != NULL ? pa_app_test_find_descendant (extra, GTK_TYPE_LIST_BOX) : NULL;

  for (GtkWidget *row = list != NULL ? gtk_widget_get_first_child (list) : NULL; row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_ACTION_ROW (row))
      g_string_append_printf (text, "\n%s: %s",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              adw_action_row_get_subtitle (ADW_ACTION_ROW (row)));
  return g_string_free (text, FALSE);
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} Toast;

static gboolean
toast_shown (gpointer data)
{
  Toast *toast = data;

  return pa_app_test_find_label (GTK_WIDGET (toast->fixture->app.overlay), toast->text) != NULL;
}

static void
wait_for_toast (Fixture    *fixture,
                const char *text)
{
  Toast toast = { fixture, text };

  pa_app_test_wait_until (toast_shown, &toast);
}

static GtkWidget *
undo_button (Fixture *fixture)
{
  return pa_app_test_find_button (GTK_WIDGET (fixture->app.overlay), "_Undo");
}

static JsonObject *
server_phone (Fixture *fixture,
              gint64   id)
{
  g_autoptr(PaTestResponse) response = pa_test_get (fixture->app.server, "phones", id);

  return json_object_ref (pa_test_response_object (response));
}

static gint64
server_member (Fixture    *fixture,
               gint64      id,
               const char *member)
{
  g_autoptr(JsonObject) phone = server_phone (fixture, id);
  JsonNode *node = json_object_get_member (phone, member);

  if (JSON_NODE_HOLDS_NULL (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return json_node_get_int (node);
}

typedef struct
{
  Fixture *fixture;
  gint64   id;
  gint64   profile;
  int      enabled;   /* -1: either */
} RepoPhone;

/* The repository's own phone has what the server has: the change feed
 * brought it, nothing was listed again. */
static gboolean
repo_phone_is (gpointer data)
{
  RepoPhone *want = data;
  PaResource *phone = pa_repository_find (want->fixture->app.repo, PA_TYPE_PHONE, want->id);

  return phone != NULL && pa_phone_get_profile_id (PA_PHONE (phone)) == want->profile
         && (want->enabled < 0 || pa_phone_get_enabled (PA_PHONE (phone)) == want->enabled);
}

/* ---- the bar -------------------------------------------------------- */

static void
test_bar (Fixture       *fixture,
          gconstpointer  user_data)
{
  const char * const one[] = { "Front 1", NULL };
  const char * const three[] = { "Front 1", "Front 2", "Reception", NULL };
  GtkWidget *select_all = pa_bulk_bar_get_select_all (bar (fixture));

  /* One phone is the row's own business: no bar. */
  select_phones (fixture, one);
  pa_app_test_wait_for_frames (2);
  g_assert_false (pa_bulk_bar_get_revealed (bar (fixture)));

  select_phones (fixture, three);
  g_assert_true (pa_bulk_bar_get_revealed (bar (fixture)));
  g_assert_cmpstr (pa_bulk_bar_get_summary (bar (fixture)), ==, "3 phones selected");
  g_assert_true (gtk_widget_get_visible (select_all));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (select_all)), ==, "Select _All 4");
  /* The common actions are buttons, the others in the menu. */
  g_assert_nonnull (pa_bulk_bar_get_button (bar (fixture), "apply_layout"));
  g_assert_nonnull (pa_bulk_bar_get_button (bar (fixture), "delete"));
  g_assert_null (pa_bulk_bar_get_button (bar (fixture), "enable"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (fixture->app.parent), "bulk-bar.png");

  /* Select All N: all that the search shows. */
  g_signal_emit_by_name (select_all, "clicked");
  g_assert_cmpstr (pa_bulk_bar_get_summary (bar (fixture)), ==, "4 phones selected");
  g_assert_false (gtk_widget_get_visible (select_all));

  pa_phones_page_set_query (fixture->page, "front");
  g_assert_cmpuint (pa_bulk_bar_get_n_matching (bar (fixture)), ==, 2);
  select_phones (fixture, one);
  g_assert_false (pa_bulk_bar_get_revealed (bar (fixture)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (select_all)), ==, "Select _All 2");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "bulk.select-all", NULL);
  g_assert_cmpuint (pa_bulk_bar_get_n_selected (bar (fixture)), ==, 2);
  g_assert_true (pa_bulk_bar_get_revealed (bar (fixture)));
}

/* ---- a data change: review, job, toast, Undo ------------------------- */

static void
test_apply_profile (Fixture       *fixture,
                    gconstpointer  user_data)
{
  const char * const three[] = { "Front 1", "Front 2", "Reception", NULL };
  const gint64 ids[] = { fixture->front1, fixture->front2, fixture->reception };
  PaReviewChangesDialog *dialog;
  g_autofree char *text = NULL;

  select_phones (fixture, three);
  run (fixture, "apply_profile");

  /* The chooser: any profile, or none; nothing picked while they differ… */
  pa_app_test_wait_until (chooser_shown, NULL);
  g_assert_cmpstr (pa_bulk_chooser_get_state (chooser ()), ==, "list");
  g_assert_cmpuint (pa_bulk_chooser_get_n_choices (chooser ()), ==, 2);
  g_assert_null (pa_bulk_chooser_get_note (chooser ()));
  /* … here all have none, which is picked. */
  g_assert_true (pa_bulk_chooser_select (chooser (), fixture->profile));
  pa_app_test_maybe_screenshot (GTK_WIDGET (chooser ()), "bulk-chooser-profile.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser ()), "chooser.choose", NULL));

  /* Review Changes: the three phones' files, nothing stored yet. */
  pa_app_test_wait_until (review_loaded, NULL);
  dialog = review ();
  g_assert_cmpint (pa_review_changes_dialog_get_diff (dialog)->affected_phones, ==, 3);
  g_assert_cmpuint (pa_review_changes_dialog_get_diff (dialog)->phones->len, ==, 3);
  text = pa_review_changes_dialog_dup_text (dialog);
  g_assert_nonnull (strstr (text, "Front 1"));
  g_assert_nonnull (strstr (text, "Reception"));
  g_assert_cmpint (server_member (fixture, fixture->front1, "profile_id"), ==, 0);
  pa_app_test_maybe_screenshot (GTK_WIDGET (dialog), "bulk-review.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "review.confirm", NULL));

  /* The job ran: every phone has the profile, on the server and in the
   * list (through the change feed). */
  wait_for_toast (fixture, "Profile applied to 3 phones");
  g_assert_nonnull (undo_button (fixture));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      RepoPhone want = { fixture, ids[i], fixture->profile, -1 };

      g_assert_cmpint (server_member (fixture, ids[i], "profile_id"), ==, fixture->profile);
      pa_app_test_wait_until (repo_phone_is, &want);
    }
  g_assert_cmpint (server_member (fixture, fixture->sales, "profile_id"), ==, 0);
  pa_app_test_maybe_screenshot (GTK_WIDGET (fixture->app.parent), "bulk-toast-undo.png");

  /* Undo: a job too; all three are back as they were. */
  pa_app_test_click_toast_button (GTK_WIDGET (fixture->app.overlay), "_Undo");
  wait_for_toast (fixture, "Undone: 3 phones are back as they were");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      RepoPhone want = { fixture, ids[i], 0, -1 };

      g_assert_cmpint (server_member (fixture, ids[i], "profile_id"), ==, 0);
      pa_app_test_wait_until (repo_phone_is, &want);
    }
  g_assert_null (message ());
}

/* ---- enable and disable --------------------------------------------- */

static void
confirm_review (void)
{
  pa_app_test_wait_until (review_loaded, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review ()), "review.confirm", NULL));
}

static void
test_enable_disable (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char * const two[] = { "Front 1", "Sales", NULL };
  const gint64 ids[] = { fixture->front1, fixture->sales };

  /* Of two models: a change that is not a layout takes both. */
  select_phones (fixture, two);
  run (fixture, "disable");
  confirm_review ();
  wait_for_toast (fixture, "2 phones disabled");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      RepoPhone want = { fixture, ids[i], 0, FALSE };

      g_assert_cmpint (server_member (fixture, ids[i], "enabled"), ==, FALSE);
      pa_app_test_wait_until (repo_phone_is, &want);
    }
  g_assert_cmpint (server_member (fixture, fixture->front2, "enabled"), ==, TRUE);

  /* The selection is still there: enable them again. */
  g_assert_cmpuint (pa_bulk_bar_get_n_selected (bar (fixture)), ==, 2);
  run (fixture, "enable");
  confirm_review ();
  wait_for_toast (fixture, "2 phones enabled");
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      RepoPhone want = { fixture, ids[i], 0, TRUE };

      g_assert_cmpint (server_member (fixture, ids[i], "enabled"), ==, TRUE);
      pa_app_test_wait_until (repo_phone_is, &want);
    }

  /* Cancelled at the review: nothing happens. */
  run (fixture, "disable");
  pa_app_test_wait_until (review_loaded, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review ()), "review.cancel", NULL));
  pa_app_test_wait_for_frames (2);
  g_assert_cmpint (server_member (fixture, fixture->front1, "enabled"), ==, TRUE);
  g_assert_null (message ());
}

/* ---- a delete one phone refuses: none goes -------------------------- */

static void
test_delete_refused (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char * const three[] = { "Front 1", "Front 2", "Reception", NULL };
  g_autofree char *text = NULL;

  select_phones (fixture, three);
  run (fixture, "delete");
  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Delete 3 Phones?");
  pa_app_test_maybe_screenshot (GTK_WIDGET (message ()), "bulk-delete-question.png");
  adw_message_dialog_response (message (), "delete");
  gtk_window_destroy (GTK_WINDOW (message ()));

  /* "Reception" is assigned to Ann Smith: the job fails, naming it. */
  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "No Phone Was Deleted");
  text = message_text (message ());
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "Reception"));
  g_assert_nonnull (strstr (text, "80:5E:C0:00:00:01"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (message ()), "bulk-delete-failed.png");
  pa_app_test_click_response ("_Close");
  pa_app_test_wait_until (message_gone, NULL);

  g_assert_cmpint (pa_test_total_of (fixture->app.server, "phones"), ==, 4);
  g_assert_null (undo_button (fixture));
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_phones (fixture->app.repo)), ==, 4);

  /* Without the assigned one, the two go. */
  {
    const char * const two[] = { "Front 1", "Front 2", NULL };

    select_phones (fixture, two);
    run (fixture, "delete");
    pa_app_test_wait_until (message_shown, NULL);
    g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Delete 2 Phones?");
    adw_message_dialog_response (message (), "delete");
    gtk_window_destroy (GTK_WINDOW (message ()));
    wait_for_toast (fixture, "2 phones deleted");
    g_assert_cmpint (pa_test_total_of (fixture->app.server, "phones"), ==, 2);
  }
}

/* ---- a device action: who was not reached, and why ----------------- */

static void
test_resync_not_reached (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const char * const three[] = { "Front 1", "Front 2", "Reception", NULL };
  g_autofree char *text = NULL;

  /* None has fetched its settings yet: provd knows no address for them. */
  select_phones (fixture, three);
  run (fixture, "resync");
  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "3 Phones Were Not Reached");
  text = message_text (message ());
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, "\nFront 1: no address known yet"));
  g_assert_nonnull (strstr (text, "\nReception: no address known yet"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (message ()), "bulk-not-reached.png");
  pa_app_test_click_response ("_Close");

  /* Reboot asks first, as a single phone's does. */
  run (fixture, "reboot");
  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Reboot 3 Phones?");
  pa_app_test_click_response ("_Cancel");
  pa_app_test_wait_until (message_gone, NULL);
}

/* ---- the choosers --------------------------------------------------- */

static void
cancel_chooser (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser ()), "chooser.cancel", NULL));
  g_assert_null (chooser ());
}

static void
test_choosers (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char * const t54w[] = { "Front 1", "Front 2", NULL };
  const char * const mixed[] = { "Front 1", "Sales", NULL };
  gint64 layout = pa_test_create (fixture->app.server, "layouts",
                                  "{\"name\": \"Desk\", \"model\": \"yealink-t54w\"}");
  RepoPhone arrived = { fixture, fixture->front1, 0, -1 };

  pa_test_create (fixture->app.server, "layouts", "{\"name\": \"Old\", \"model\": \"yealink-t46u\"}");
  pa_app_test_wait_until (repo_phone_is, &arrived);
  pa_app_test_refresh_sync (fixture->app.repo);

  /* Layouts of the phones' model only. */
  select_phones (fixture, t54w);
  run (fixture, "apply_layout");
  pa_app_test_wait_until (chooser_shown, NULL);
  g_assert_cmpuint (pa_bulk_chooser_get_n_choices (chooser ()), ==, 2);
  g_assert_true (pa_bulk_chooser_select (chooser (), layout));
  g_assert_null (pa_bulk_chooser_get_note (chooser ()));
  pa_app_test_maybe_screenshot (GTK_WIDGET (chooser ()), "bulk-chooser-layout.png");
  cancel_chooser ();

  /* Of two models: said, and only "No Layout" fits both. */
  select_phones (fixture, mixed);
  run (fixture, "apply_layout");
  pa_app_test_wait_until (chooser_shown, NULL);
  g_assert_cmpuint (pa_bulk_chooser_get_n_choices (chooser ()), ==, 1);
  g_assert_nonnull (strstr (pa_bulk_chooser_get_note (chooser ()), "2 models"));
  g_assert_false (pa_bulk_chooser_select (chooser (), layout));
  pa_app_test_maybe_screenshot (GTK_WIDGET (chooser ()), "bulk-chooser-mixed.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  pa_app_test_maybe_screenshot (GTK_WIDGET (chooser ()), "bulk-chooser-mixed-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  cancel_chooser ();

  /* Agents, with Unassign first. */
  run (fixture, "assign_agent");
  pa_app_test_wait_until (chooser_shown, NULL);
  g_assert_cmpuint (pa_bulk_chooser_get_n_choices (chooser ()), ==, 2);
  g_assert_true (pa_bulk_chooser_select (chooser (), 0));
  pa_app_test_maybe_screenshot (GTK_WIDGET (chooser ()), "bulk-chooser-agent.png");
  cancel_chooser ();

  /* No firmware uploaded for them: nothing to choose, and why. */
  run (fixture, "update_firmware");
  pa_app_test_wait_until (chooser_shown, NULL);
  g_assert_cmpstr (pa_bulk_chooser_get_state (chooser ()), ==, "empty");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (chooser ()), "chooser.choose", NULL)
                  && chooser () == NULL);
  pa_app_test_maybe_screenshot (GTK_WIDGET (chooser ()), "bulk-chooser-firmware.png");
  cancel_chooser ();

  /* Sidecars: one position at least, the sidecar layouts their models take. */
  pa_test_create (fixture->app.server, "module-layouts",
                  "{\"name\": \"Sales\", \"module\": \"yealink-exp50\"}");
  pa_app_test_refresh_sync (fixture->app.repo);
  select_phones (fixture, t54w);
  run (fixture, "apply_sidecars");
  pa_app_test_wait_until (chooser_shown, NULL);
  g_assert_cmpstr (pa_bulk_chooser_get_state (chooser ()), ==, "list");
  g_assert_false (pa_bulk_chooser_set_sidecar (chooser (), 1, 0));
  pa_app_test_maybe_screenshot (GTK_WIDGET (chooser ()), "bulk-chooser-sidecars.png");
  cancel_chooser ();

  /* The layout, all the way: the two T54Ws get it. */
  run (fixture, "apply_layout");
  pa_app_test_wait_until (chooser_shown, NULL);
  g_assert_true (pa_bulk_chooser_select (chooser (), layout));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser ()), "chooser.choose", NULL));
  confirm_review ();
  wait_for_toast (fixture, "Layout applied to 2 phones");
  g_assert_cmpint (server_member (fixture, fixture->front1, "layout_id"), ==, layout);
  g_assert_cmpint (server_member (fixture, fixture->front2, "layout_id"), ==, layout);
}

/* Update Firmware, Tonight: the job waits on the server for 2:00, the
 * toast says so, and its button cancels it, changing no phone. */
static void
test_firmware_tonight (Fixture       *fixture,
                       gconstpointer  user_data)
{
  const char * const t54w[] = { "Front 1", "Front 2", NULL };
  g_autofree char *folder = g_dir_make_tmp ("pa-firmware-XXXXXX", NULL);
  g_autoptr(GFile) file = pa_firmware_test_write_file (folder, "T54W-96.86.0.150.rom", 4096, 7);
  gint64 firmware = pa_firmware_test_upload (fixture->app.server, file,
                                             "vendor=yealink&models=yealink-t54w"
                                             "&version=96.86.0.150&filename=T54W-96.86.0.150.rom");
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(PaTestResponse) jobs = NULL;
  JsonObject *job;

  pa_app_test_refresh_sync (fixture->app.repo);
  select_phones (fixture, t54w);
  run (fixture, "update_firmware");
  pa_app_test_wait_until (chooser_shown, NULL);
  g_assert_true (pa_bulk_chooser_select (chooser (), firmware));
  pa_bulk_chooser_set_tonight (chooser (), TRUE);
  pa_app_test_maybe_screenshot (GTK_WIDGET (chooser ()), "bulk-chooser-firmware-tonight.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (chooser ()), "chooser.choose", NULL));
  confirm_review ();
  wait_for_toast (fixture, "2 phones are to update their firmware at 02:00");

  /* The server holds it, queued for the next 2:00 local time. */
  jobs = pa_test_api (fixture->app.server, "GET", "/api/v1/jobs", NULL, NULL);
  g_assert_cmpuint (jobs->status, ==, 200);
  job = json_array_get_object_element (json_object_get_array_member (pa_test_response_object (jobs),
                                                                     "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (job, "action"), ==, "update_firmware");
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "queued");
  g_assert_cmpint (json_object_get_int_member (job, "not_before"), ==, pa_bulk_next_night (before));
  g_assert_cmpint (server_member (fixture, fixture->front1, "firmware_id"), ==, 0);

  pa_app_test_click_toast_button (GTK_WIDGET (fixture->app.overlay), "_Cancel Update");
  wait_for_toast (fixture, "Scheduled update cancelled: no phone was changed");
  g_clear_pointer (&jobs, pa_test_response_free);
  jobs = pa_test_api (fixture->app.server, "GET", "/api/v1/jobs", NULL, NULL);
  job = json_array_get_object_element (json_object_get_array_member (pa_test_response_object (jobs),
                                                                     "items"), 0);
  g_assert_cmpstr (json_object_get_string_member (job, "state"), ==, "cancelled");
  g_assert_cmpint (server_member (fixture, fixture->front1, "firmware_id"), ==, 0);
  g_assert_cmpint (server_member (fixture, fixture->front2, "firmware_id"), ==, 0);
}

/* ---- the keyboard and the screen reader ----------------------------- */

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  user_data)
{
  const char * const three[] = { "Front 1", "Front 2", "Reception", NULL };
  GtkWidget *bar_widget = GTK_WIDGET (bar (fixture));
  GtkRoot *root = GTK_ROOT (fixture->app.parent);
  g_autoptr(GPtrArray) controls = NULL;
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  g_autofree char *unnamed = NULL;
  GtkWidget *apply_profile;

  select_phones (fixture, three);
  pa_app_test_wait_until (pa_app_test_transitions_done, fixture->app.parent);
  pa_app_test_wait_for_frames (3);

  /* Every control of the bar has a name a screen reader reads. */
  unnamed = pa_a11y_list_unnamed (bar_widget);
  g_assert_cmpstr (unnamed, ==, "");
  g_assert_nonnull (pa_a11y_get_name_source (pa_bulk_bar_get_menu_button (bar (fixture))));

  /* Tab from the list reaches each of them. */
  gtk_widget_grab_focus (GTK_WIDGET (pa_phones_page_get_column_view (fixture->page)));
  for (guint i = 0; i < 100; i++)
    {
      GtkWidget *focus;

      gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (root);
      if (focus != NULL && gtk_widget_is_ancestor (focus, bar_widget))
        {
          GtkWidget *control = pa_a11y_control_for_focus (focus);

          g_hash_table_add (reached, control != NULL ? control : focus);
        }
    }
  controls = pa_a11y_collect_controls (bar_widget, TRUE);
  g_assert_cmpuint (controls->len, >=, 4);
  for (guint i = 0; i < controls->len; i++)
    {
      g_autofree char *path = pa_a11y_describe (g_ptr_array_index (controls, i));

      g_test_message ("bar control: %s", path);
      if (!g_hash_table_contains (reached, g_ptr_array_index (controls, i)))
        g_test_fail_printf ("Tab never reaches %s", path);
    }
  /* The selection survived the trip. */
  g_assert_cmpuint (pa_bulk_bar_get_n_selected (bar (fixture)), ==, 3);

  /* A button of the bar works from the keyboard; Escape takes it back. */
  apply_profile = pa_bulk_bar_get_button (bar (fixture), "apply_profile");
  gtk_widget_grab_focus (apply_profile);
  gtk_widget_activate (apply_profile);
  pa_app_test_wait_until (chooser_shown, NULL);
  g_assert_cmpuint (pa_bulk_chooser_get_n_choices (chooser ()), ==, 2);
  cancel_chooser ();
  g_assert_cmpint (server_member (fixture, fixture->front1, "profile_id"), ==, 0);
}

/* ---- the progress of a job that takes a while ----------------------- */

static gboolean
progress_shown (gpointer progress)
{
  return pa_bulk_progress_get_shown (progress);
}

static void
test_progress_cancel (Fixture       *fixture,
                      gconstpointer  user_data)
{
  PaBulkProgress *progress = PA_BULK_PROGRESS (pa_phones_page_get_bulk_progress (fixture->page));
  g_autofree char *body = g_strdup_printf ("{\"action\": \"disable\", \"phone_ids\": [%" G_GINT64_FORMAT
                                           "], \"not_before\": %" G_GINT64_FORMAT "}",
                                           fixture->front1,
                                           g_get_real_time () / G_USEC_PER_SEC + 3600);
  g_autoptr(PaTestResponse) posted = pa_test_api (fixture->app.server, "POST", "/api/v1/jobs",
                                                  body, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PaJob) job = NULL;
  g_autoptr(GError) error = NULL;
  int owner;

  /* A job waiting for the night: queued, and it may be cancelled. */
  g_assert_cmpuint (posted->status, ==, 202);
  bytes = g_bytes_new (posted->text, strlen (posted->text));
  job = pa_job_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (job->state, ==, PA_JOB_QUEUED);

  pa_bulk_progress_begin (progress, &owner, "Disabling 1 phone…",
                          pa_repository_get_client (fixture->app.repo), job);
  /* Not at once: a job that ends quickly shows no bar. */
  g_assert_false (pa_bulk_progress_get_shown (progress));
  pa_app_test_wait_until (progress_shown, progress);
  g_assert_cmpstr (pa_bulk_progress_get_title (progress), ==, "Disabling 1 phone…");
  g_assert_cmpstr (pa_bulk_progress_get_text (progress), ==, "Waiting for its turn");
  pa_app_test_maybe_screenshot (GTK_WIDGET (fixture->app.parent), "bulk-progress-queued.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (progress), "progress.cancel", NULL));
  {
    gboolean cancelled = FALSE;

    for (guint i = 0; i < 200 && !cancelled; i++)
      {
        g_autofree char *path = g_strdup_printf ("/api/v1/jobs/%" G_GINT64_FORMAT, job->id);
        g_autoptr(PaTestResponse) now = pa_test_api (fixture->app.server, "GET", path, NULL, NULL);

        cancelled = g_strcmp0 (json_object_get_string_member (pa_test_response_object (now), "state"),
                               "cancelled") == 0;
        if (!cancelled)
          pa_app_test_wait_for_frames (1);
      }
    g_assert_true (cancelled);
  }

  /* Running: done of total. */
  job->state = PA_JOB_RUNNING;
  job->done = 12;
  job->total = 50;
  pa_bulk_progress_update (progress, &owner, job);
  g_assert_cmpstr (pa_bulk_progress_get_text (progress), ==, "12 of 50");
  pa_app_test_maybe_screenshot (GTK_WIDGET (fixture->app.parent), "bulk-progress-running.png");
  /* Another flow's end is not this one's. */
  pa_bulk_progress_end (progress, fixture);
  g_assert_true (pa_bulk_progress_get_shown (progress));
  pa_bulk_progress_end (progress, &owner);
  g_assert_false (pa_bulk_progress_get_shown (progress));
}

/* ---- provd goes away ------------------------------------------------ */

/* Before the job is made: nothing was changed, and it says why. */
static void
test_provd_stopped_before (Fixture       *fixture,
                           gconstpointer  user_data)
{
  const char * const three[] = { "Front 1", "Front 2", "Reception", NULL };

  select_phones (fixture, three);
  run (fixture, "disable");
  pa_app_test_wait_until (review_loaded, NULL);
  pa_test_server_terminate (fixture->app.server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review ()), "review.confirm", NULL));

  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Nothing Was Changed");
  g_assert_cmpstr (adw_message_dialog_get_body (message ()), !=, "");
  pa_app_test_maybe_screenshot (GTK_WIDGET (message ()), "bulk-provd-stopped.png");
}

static gboolean
progress_begun (gpointer progress)
{
  return g_strcmp0 (pa_bulk_progress_get_title (progress), "") != 0;
}

/* While it is followed: the wait gives up and says so, it does not hang. */
static void
test_provd_stopped_while_running (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  const char * const three[] = { "Front 1", "Front 2", "Reception", NULL };
  PaBulkProgress *progress = PA_BULK_PROGRESS (pa_phones_page_get_bulk_progress (fixture->page));

  select_phones (fixture, three);
  run (fixture, "disable");
  confirm_review ();
  /* The job is posted; it is asked for in a moment, from a provd gone. */
  pa_app_test_wait_until (progress_begun, progress);
  pa_test_server_terminate (fixture->app.server);

  pa_app_test_wait_until (message_shown, NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (message ()), ==, "Lost Track of the Job");
  g_assert_false (pa_bulk_progress_get_shown (progress));
  pa_app_test_maybe_screenshot (GTK_WIDGET (message ()), "bulk-provd-lost.png");
}

/* ---- the bar in the main window, at its default size ---------------- */

static gboolean
phones_listed (gpointer page)
{
  return g_strcmp0 (pa_phones_page_get_state (page), "list") == 0
         && g_list_model_get_n_items (G_LIST_MODEL (pa_phones_page_get_selection (page))) == 4;
}

static void
test_main_window (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(PaConnection) connection = pa_app_test_connection_new ();
  PaWindow *window = g_object_new (PA_TYPE_WINDOW, "application", app, "connection", connection,
                                   NULL);
  PaPhonesPage *page = PA_PHONES_PAGE (pa_window_get_page (window, "phones"));
  GtkSelectionModel *selection = pa_phones_page_get_selection (page);
  GtkWidget *bulk_bar = pa_phones_page_get_bulk_bar (page);
  g_autofree char *cut = NULL;

  gtk_window_present (GTK_WINDOW (window));
  pa_app_test_connect_sync (connection, fixture->app.server->url, fixture->app.server->token);
  pa_app_test_wait_until (phones_listed, page);
  gtk_selection_model_select_range (selection, 0, 3, TRUE);
  pa_app_test_wait_until (pa_app_test_transitions_done, window);
  pa_app_test_wait_for_frames (3);

  /* Nothing of the bar is cut off at the window's default size. */
  {
    int width = 0, height = 0;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 1100);
    g_assert_cmpint (height, ==, 720);
  }
  g_assert_true (pa_bulk_bar_get_revealed (PA_BULK_BAR (bulk_bar)));
  cut = pa_app_test_find_cut_off (bulk_bar);
  g_assert_cmpstr (cut, ==, NULL);
  g_assert_cmpint (gtk_widget_get_width (bulk_bar), <=, gtk_widget_get_width (GTK_WIDGET (page)));
  pa_app_test_maybe_screenshot (GTK_WIDGET (window), "bulk-main-window.png");

  /* In the dark style too. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  pa_app_test_maybe_screenshot (GTK_WIDGET (window), "bulk-main-window-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (GTK_WINDOW (window));
  pa_app_test_wait_for_frames (1);
  pa_connection_shutdown (connection);
}

/* ---- the table, without widgets ------------------------------------- */

static void
test_table (void)
{
  guint n = 0;
  const PaBulkAction *actions = pa_bulk_actions_get_all (&n);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = 12;
  g_autoptr(JsonNode) choice = json_node_new (JSON_NODE_VALUE);
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;

  g_assert_cmpuint (n, ==, 10);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *done = actions[i].describe_done (2, FALSE);
      g_autofree char *running = actions[i].describe_running (2);

      g_assert_true (pa_bulk_action_lookup (actions[i].id) == &actions[i]);
      g_assert_true ((actions[i].choice == PA_BULK_CHOOSE_NOTHING) == (actions[i].member == NULL));
      g_assert_true ((actions[i].kind == PA_BULK_DATA) == (actions[i].confirm_label != NULL));
      g_assert_nonnull (strstr (done, "2"));
      g_assert_nonnull (strstr (running, "2"));
    }
  g_assert_null (pa_bulk_action_lookup ("explode"));

  g_array_append_val (ids, id);
  id = 14;
  g_array_append_val (ids, id);
  json_node_set_int (choice, 3);
  body = pa_bulk_job_body_new (pa_bulk_action_lookup ("apply_layout"), ids, choice, 0);
  root = json_node_init_object (json_node_alloc (), body);
  json = json_to_string (root, FALSE);
  g_assert_cmpstr (json, ==, "{\"action\":\"apply_layout\",\"phone_ids\":[12,14],\"layout_id\":3}");
  g_clear_pointer (&body, json_object_unref);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&json, g_free);

  body = pa_bulk_job_body_new (pa_bulk_action_lookup ("assign_agent"), ids, NULL, 0);
  root = json_node_init_object (json_node_alloc (), body);
  json = json_to_string (root, FALSE);
  g_assert_cmpstr (json, ==, "{\"action\":\"assign_agent\",\"phone_ids\":[12,14],\"agent_id\":null}");
  g_clear_pointer (&body, json_object_unref);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&json, g_free);

  body = pa_bulk_job_body_new (pa_bulk_action_lookup ("reboot"), ids, choice, 0);
  root = json_node_init_object (json_node_alloc (), body);
  json = json_to_string (root, FALSE);
  g_assert_cmpstr (json, ==, "{\"action\":\"reboot\",\"phone_ids\":[12,14]}");
  g_clear_pointer (&body, json_object_unref);
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&json, g_free);

  body = pa_bulk_job_body_new (pa_bulk_action_lookup ("update_firmware"), ids, choice, 1800000000);
  root = json_node_init_object (json_node_alloc (), body);
  json = json_to_string (root, FALSE);
  g_assert_cmpstr (json, ==, "{\"action\":\"update_firmware\",\"phone_ids\":[12,14],"
                             "\"firmware_id\":3,\"not_before\":1800000000}");
}

/* The night a firmware update waits for: the next 2:00 local time, the
 * same night before it, tomorrow's after it, across a clock change. */
static void
test_next_night (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  const char *old_tz = g_getenv ("TZ");
  struct { int y, m, d, h, min; int want_d, want_m; } cases[] = {
    { 2026, 12, 4, 14, 0, 5, 12 },    /* afternoon: tomorrow's */
    { 2026, 12, 5, 1, 30, 5, 12 },    /* 1:30: in half an hour */
    { 2026, 12, 5, 2, 0, 6, 12 },     /* 2:00 itself: the next one */
    { 2026, 3, 28, 22, 0, 29, 3 },    /* spring forward: 2:00 is 3:00 that night */
  };

  g_assert_nonnull (berlin);
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) now = g_date_time_new (berlin, cases[i].y, cases[i].m, cases[i].d,
                                                  cases[i].h, cases[i].min, 0);
      g_autoptr(GDateTime) night = g_date_time_new_from_unix_local (
        pa_bulk_next_night (g_date_time_to_unix (now)));

      g_assert_cmpint (g_date_time_get_day_of_month (night), ==, cases[i].want_d);
      g_assert_cmpint (g_date_time_get_month (night), ==, cases[i].want_m);
      g_assert_cmpint (g_date_time_to_unix (night), >, g_date_time_to_unix (now));
      g_assert_cmpint (g_date_time_to_unix (night) - g_date_time_to_unix (now), <=, 24 * 3600);
    }
  if (old_tz != NULL)
    g_setenv ("TZ", old_tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Read once, when the first widget is made: before gtk_test_init. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();
  /* Windows can only be added after startup; non-unique keeps the test off the bus. */
  app = pa_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  g_test_add_func ("/app/bulk-actions/table", test_table);
  g_test_add_func ("/app/bulk-actions/next-night", test_next_night);
#define ADD(name, func) \
  g_test_add ("/app/bulk-actions/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("bar", test_bar);
  ADD ("apply-profile", test_apply_profile);
  ADD ("enable-disable", test_enable_disable);
  ADD ("delete-refused", test_delete_refused);
  ADD ("resync-not-reached", test_resync_not_reached);
  ADD ("choosers", test_choosers);
  ADD ("firmware-tonight", test_firmware_tonight);
  ADD ("keyboard", test_keyboard);
  ADD ("progress-cancel", test_progress_cancel);
  ADD ("provd-stopped-before", test_provd_stopped_before);
  ADD ("provd-stopped-while-running", test_provd_stopped_while_running);
  ADD ("main-window", test_main_window);
#undef ADD
  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
