/* test-profiles.c — profiles that inherit from profiles: the rule as plain
 * functions, the Profiles page, the profile editor and the phone editor's
 * inherited settings, against a real provd
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No mocks: a real phoneadmin-provd on loopback, a real PaClient and
 * PaRepository, real widgets under Xvfb driven through their own actions.
 * The chain is the issue's: Company → Berlin office → Reception. With
 * PA_SHOTS_DIR set, the windows are drawn to PNGs there.
 */
#define G_LOG_DOMAIN "test-profiles"

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pa-a11y-walk.h"
#include "pa-inherit-row.h"
#include "pa-phone-editor.h"
#include "pa-profile-editor.h"
#include "pa-profile-inherit.h"
#include "pa-profiles-page.h"
#include "pa-review-changes-dialog.h"
#include "pa-time-zones.h"
#include "pa-app-fixture.h"
#include "pa-app-test.h"

typedef struct
{
  PaAppFixture  app;
  PaProfile    *company;
  PaProfile    *berlin;
  PaProfile    *reception;
  PaProfile    *standalone;
  PaPhone      *desk;       /* on Reception */
  PaLayout     *layout;     /* Company's */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *berlin = NULL;
  g_autofree char *reception = NULL;
  g_autofree char *desk = NULL;

  g_autofree char *company = NULL;
  g_autoptr(PaTestResponse) regions = NULL;

  pa_app_fixture_set_up (&f->app, data);
  /* A SIP region for Berlin office to pick; the settings' own is read by
   * each editor when it opens. */
  regions = pa_test_api (f->app.server, "PATCH", "/api/v1/settings",
                         "{\"sip_regions\": [{\"name\": \"Berlin\", \"server\": \"ber.pbx.example\"}]}",
                         "*");
  g_assert_cmpuint (regions->status, ==, 200);
  f->layout = PA_LAYOUT (pa_app_fixture_save (&f->app, PA_TYPE_LAYOUT,
    "{\"name\": \"Front desk\", \"model\": \"yealink-t54w\", \"keys\": []}"));
  company = g_strdup_printf (
    "{\"name\": \"Company\", \"timezone\": \"Europe/Berlin\", \"ntp_server\": \"ntp.company.example\","
    " \"update_interval\": null, \"codecs\": [\"G722\", \"PCMU\"], \"dtmf\": \"info\","
    " \"layout_id\": %" G_GINT64_FORMAT ","
    " \"custom_params\": {\"yealink\": {\"features.dnd.enable\": \"0\"}}}",
    pa_resource_get_id (PA_RESOURCE (f->layout)));
  f->company = PA_PROFILE (pa_app_fixture_save (&f->app, PA_TYPE_PROFILE, company));
  berlin = g_strdup_printf ("{\"name\": \"Berlin office\", \"parent_id\": %" G_GINT64_FORMAT ","
                            " \"update_interval\": null, \"ntp_server\": \"ntp.berlin.example\","
                            " \"sip_region\": \"Berlin\"}",
                            pa_resource_get_id (PA_RESOURCE (f->company)));
  f->berlin = PA_PROFILE (pa_app_fixture_save (&f->app, PA_TYPE_PROFILE, berlin));
  reception = g_strdup_printf ("{\"name\": \"Reception\", \"parent_id\": %" G_GINT64_FORMAT ","
                               " \"update_interval\": 30}",
                               pa_resource_get_id (PA_RESOURCE (f->berlin)));
  f->reception = PA_PROFILE (pa_app_fixture_save (&f->app, PA_TYPE_PROFILE, reception));
  f->standalone = PA_PROFILE (pa_app_fixture_save (&f->app, PA_TYPE_PROFILE,
                                                   "{\"name\": \"Warehouse\", \"update_interval\": null}"));
  desk = g_strdup_printf ("{\"name\": \"Front desk\", \"mac\": \"805EC0AA0001\", \"vendor\": \"yealink\","
                          " \"model\": \"yealink-t54w\", \"profile_id\": %" G_GINT64_FORMAT "}",
                          pa_resource_get_id (PA_RESOURCE (f->reception)));
  f->desk = PA_PHONE (pa_app_fixture_save (&f->app, PA_TYPE_PHONE, desk));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GType left[] = { PA_TYPE_REVIEW_CHANGES_DIALOG, PA_TYPE_PROFILE_EDITOR, PA_TYPE_PHONE_EDITOR };
  GtkWindow *window;

  for (guint i = 0; i < G_N_ELEMENTS (left); i++)
    while ((window = pa_app_test_find_window (left[i])) != NULL)
      gtk_window_destroy (window);
  pa_app_fixture_tear_down (&f->app, data);
}

/* ---- helpers -------------------------------------------------------- */

static JsonObject *
server_profile (Fixture   *f,
                PaProfile *profile)
{
  g_autoptr(PaTestResponse) response = pa_test_get (f->app.server, "profiles",
                                                    pa_resource_get_id (PA_RESOURCE (profile)));

  return json_object_ref (pa_test_response_object (response));
}

static gboolean
settings_loaded (gpointer editor)
{
  return pa_profile_editor_get_settings_loaded (editor);
}

static gboolean
not_busy (gpointer editor)
{
  return !pa_editor_get_busy (PA_EDITOR (editor));
}

static PaReviewChangesDialog *
find_review (void)
{
  return pa_app_test_find_window (PA_TYPE_REVIEW_CHANGES_DIALOG);
}

static gboolean
review_loaded (gpointer data)
{
  PaReviewChangesDialog *dialog = find_review ();

  return dialog != NULL && g_strcmp0 (pa_review_changes_dialog_get_state (dialog), "loaded") == 0;
}

static gboolean
saved_or_reviewing (gpointer editor)
{
  return not_busy (editor) || review_loaded (NULL);
}

static GtkWidget *
open_editor (Fixture   *f,
             PaProfile *profile,
             gpointer   weak)
{
  GtkWidget *editor = pa_profile_editor_new (f->app.parent, f->app.repo, profile);

  g_object_add_weak_pointer (G_OBJECT (editor), weak);
  gtk_window_present (GTK_WINDOW (editor));
  pa_app_test_wait_until (settings_loaded, editor);
  pa_app_test_wait_until (pa_app_test_widget_ready, editor);
  return editor;
}

static PaInheritRow *
row_of (GtkWidget       *editor,
        PaProfileMember  member)
{
  return PA_INHERIT_ROW (pa_profile_editor_get_row (PA_PROFILE_EDITOR (editor), member));
}

/* Scrolls @editor's form to its end, for a screenshot of what is below. */
static void
scroll_to_end (GtkWidget *editor)
{
  GtkWidget *scrolled = pa_app_test_find_descendant (editor, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

  pa_app_test_wait_for_frames (2);
  gtk_adjustment_set_value (v, gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v));
  pa_app_test_wait_for_frames (3);
}

/* Scrolls @editor's form so that @widget is at the top. */
static void
scroll_to (GtkWidget *editor,
           GtkWidget *widget)
{
  GtkWidget *scrolled = pa_app_test_find_descendant (editor, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
  graphene_rect_t bounds;

  pa_app_test_wait_for_frames (2);
  g_assert_true (gtk_widget_compute_bounds (widget, content, &bounds));
  gtk_adjustment_set_value (v, bounds.origin.y - 12);
  pa_app_test_wait_for_frames (3);
}

/* Saves; Review Changes, when it shows, is confirmed. Whether it showed. */
static gboolean
save_confirming (GtkWidget *editor)
{
  /* Saved, it closes: kept alive for the wait. */
  g_autoptr(GtkWidget) held = g_object_ref (editor);
  gboolean shown;

  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  pa_app_test_wait_until (saved_or_reviewing, editor);
  shown = review_loaded (NULL);
  if (shown)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_review ()), "review.confirm", NULL));
  return shown;
}

/* Every control of @root on screen is named for a screen reader, and Tab
 * reaches each of them. */
static void
assert_named_and_tabbable (GtkWidget *root)
{
  g_autofree char *unnamed = pa_a11y_list_unnamed (root);
  g_autoptr(GPtrArray) controls = pa_a11y_collect_controls (root, TRUE);
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);

  g_assert_cmpstr (unnamed, ==, "");
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (root));
      for (; focus != NULL && focus != root; focus = gtk_widget_get_parent (focus))
        g_hash_table_add (reached, focus);
    }
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);

      if (gtk_widget_is_sensitive (control) && !g_hash_table_contains (reached, control))
        {
          g_autofree char *what = pa_a11y_describe (control);

          g_test_fail_printf ("Tab does not reach %s", what);
        }
    }
}

/* ---- plain functions ------------------------------------------------ */

static PaProfile *
plain_profile (GListStore *store,
               gint64      id,
               const char *name,
               gint64      parent)
{
  g_autoptr(PaProfile) profile = pa_profile_new ();

  pa_resource_set_id (PA_RESOURCE (profile), id);
  pa_profile_set_name (profile, name);
  pa_profile_set_parent_id (profile, parent);
  pa_profile_set_update_interval (profile, 0);
  g_list_store_append (store, profile);
  return profile;   /* the store keeps it */
}

static void
test_plain (void)
{
  g_autoptr(GListStore) store = g_list_store_new (PA_TYPE_PROFILE);
  PaProfile *company = plain_profile (store, 1, "Company", 0);
  PaProfile *berlin = plain_profile (store, 2, "Berlin office", 1);
  PaProfile *reception = plain_profile (store, 3, "Reception", 2);
  PaProfile *other = plain_profile (store, 4, "Warehouse", 0);
  g_autoptr(PaSettings) settings = pa_settings_new ();
  g_autoptr(PaInheritance) inheritance = NULL;
  g_autoptr(GPtrArray) chain = NULL;
  g_autofree char *value = NULL;
  g_autofree char *fallback = NULL;
  g_auto(GStrv) keys = NULL;

  pa_profile_set_timezone (company, "Europe/Berlin");
  pa_profile_set_srtp (company, "on");
  pa_profile_set_custom_param (company, "yealink", "a", "1");
  pa_profile_set_custom_param (berlin, "yealink", "a", "2");
  pa_profile_set_update_interval (reception, 30);
  g_object_set (settings, "timezone", "UTC", NULL);

  chain = pa_profile_chain_new (G_LIST_MODEL (store), 3);
  g_assert_cmpuint (chain->len, ==, 3);
  g_assert_true (g_ptr_array_index (chain, 0) == reception);
  g_assert_true (g_ptr_array_index (chain, 2) == company);

  /* Reception's parent is Berlin office: it gets Company's time zone. */
  inheritance = pa_inheritance_new (G_LIST_MODEL (store), 2);
  g_assert_true (pa_inheritance_get_source (inheritance, PA_PROFILE_MEMBER_TIMEZONE) == company);
  value = pa_inheritance_format (inheritance, PA_PROFILE_MEMBER_TIMEZONE, NULL, settings);
  g_assert_cmpstr (value, ==, "Europe/Berlin");
  g_assert_null (pa_inheritance_get_source (inheritance, PA_PROFILE_MEMBER_NTP_SERVER));
  g_assert_true (pa_inheritance_param_source (inheritance, "yealink", "a") == berlin);
  g_assert_cmpstr (pa_profile_get_custom_param (inheritance->flat, "yealink", "a"), ==, "2");
  keys = pa_inheritance_dup_param_keys (inheritance);
  g_assert_cmpstrv (keys, ((const char *[]) { "yealink/a", NULL }));
  /* Not known until the settings arrive; then the server's. */
  g_assert_null (pa_profile_member_format_default (PA_PROFILE_MEMBER_UPDATE_INTERVAL, NULL, NULL));
  fallback = pa_profile_member_format_default (PA_PROFILE_MEMBER_UPDATE_INTERVAL, settings, NULL);
  g_assert_cmpstr (fallback, ==, "1 day");

  /* Reset: back to what a profile that says nothing says. */
  g_assert_true (pa_profile_member_is_set (company, PA_PROFILE_MEMBER_SRTP));
  pa_profile_member_unset (company, PA_PROFILE_MEMBER_SRTP);
  g_assert_false (pa_profile_member_is_set (company, PA_PROFILE_MEMBER_SRTP));
  g_assert_null (pa_profile_get_srtp (company));
  g_assert_cmpint (pa_profile_member_for_field ("codecs[1]"), ==, PA_PROFILE_MEMBER_CODECS);
  g_assert_cmpint (pa_profile_member_for_field ("layout_id"), ==, PA_PROFILE_MEMBER_LAYOUT);
  g_assert_cmpint (pa_profile_member_for_field ("name"), ==, -1);

  /* Parents: never itself or one below it, nor past five levels. */
  g_assert_false (pa_profile_parent_allowed (G_LIST_MODEL (store), 1, company));
  g_assert_false (pa_profile_parent_allowed (G_LIST_MODEL (store), 1, berlin));
  g_assert_false (pa_profile_parent_allowed (G_LIST_MODEL (store), 1, reception));
  g_assert_true (pa_profile_parent_allowed (G_LIST_MODEL (store), 1, other));
  g_assert_true (pa_profile_parent_allowed (G_LIST_MODEL (store), 3, berlin));
  g_assert_true (pa_profile_parent_allowed (G_LIST_MODEL (store), 0, reception));
  {
    PaProfile *l4 = plain_profile (store, 5, "Level 4", 3);
    PaProfile *l5 = plain_profile (store, 6, "Level 5", 5);

    g_assert_true (pa_profile_parent_allowed (G_LIST_MODEL (store), 0, l4));
    g_assert_false (pa_profile_parent_allowed (G_LIST_MODEL (store), 0, l5));
  }
}

static void
test_time_zone_table (void)
{
  g_auto(GStrv) names =
    pa_time_zones_parse_table ("# comment\nDE,DK\t+5230+01322\tEurope/Berlin\n"
                               "AD\t+4230+00131\tEurope/Andorra\n\nXX\tbad\n");

  g_assert_cmpstrv (names, ((const char *[]) { "Europe/Andorra", "Europe/Berlin", NULL }));
}

/* ---- the Profiles page ---------------------------------------------- */

static PaProfilesPage *
show_page (Fixture *f)
{
  PaProfilesPage *page = PA_PROFILES_PAGE (pa_profiles_page_new ());

  pa_profiles_page_set_repository (page, f->app.repo);
  adw_toast_overlay_set_child (f->app.overlay, GTK_WIDGET (page));
  pa_app_test_wait_until (pa_app_test_widget_ready, page);
  pa_app_test_wait_for_frames (3);
  return page;
}

static guint
count_label (GtkWidget  *root,
             const char *text)
{
  guint n = GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
            && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0;

  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_label (c, text);
  return n;
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  PaProfilesPage *page = show_page (f);
  GtkWidget *view = GTK_WIDGET (pa_profiles_page_get_column_view (page));

  g_assert_cmpstr (pa_profiles_page_get_state (page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pa_profiles_page_get_selection (page))),
                    ==, 4);
  /* Each row names its parent; Reception's phone is counted. */
  g_assert_cmpuint (count_label (view, "Company"), ==, 2);          /* itself, Berlin's parent */
  g_assert_cmpuint (count_label (view, "Berlin office"), ==, 2);    /* itself, Reception's parent */
  g_assert_cmpuint (count_label (view, "1"), ==, 1);
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->app.parent), "profiles-page.png");

  /* The search finds a parent's name too. */
  pa_profiles_page_set_search_mode (page, TRUE);
  pa_profiles_page_set_query (page, "berlin");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pa_profiles_page_get_selection (page))),
                    ==, 2);
  pa_profiles_page_set_query (page, "xyzzy");
  g_assert_cmpstr (pa_profiles_page_get_state (page), ==, "no-results");
  pa_profiles_page_set_query (page, NULL);
  pa_profiles_page_set_search_mode (page, FALSE);

  /* A rename shows in the parent column at once. */
  {
    g_autoptr(PaProfile) renamed = PA_PROFILE (pa_resource_copy (PA_RESOURCE (f->company)));
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(PaResource) saved = NULL;

    pa_profile_set_name (renamed, "Headquarters");
    pa_repository_save_async (f->app.repo, PA_RESOURCE (renamed), NULL,
                              pa_app_test_store_result_cb, &result);
    pa_app_test_wait_until (pa_app_test_result_arrived, &result);
    saved = pa_repository_save_finish (f->app.repo, result, NULL, NULL);
    g_assert_nonnull (saved);
    pa_app_test_wait_for_frames (3);
    g_assert_cmpuint (count_label (view, "Headquarters"), ==, 2);
  }

  assert_named_and_tabbable (GTK_WIDGET (f->app.parent));
}

static gboolean
profile_gone (gpointer data)
{
  Fixture *f = data;

  return pa_repository_find (f->app.repo, PA_TYPE_PROFILE,
                             pa_resource_get_id (PA_RESOURCE (f->standalone))) == NULL;
}

typedef struct
{
  GtkWidget  *overlay;
  const char *prefix;
} Refusal;

static gboolean
refusal_shown (gpointer data)
{
  Refusal *refusal = data;
  GtkWidget *label = pa_app_test_find_label_prefix (refusal->overlay, refusal->prefix);

  return label != NULL && gtk_widget_get_mapped (label);
}

/* The server refuses a profile still in use and says why, in a toast that
 * stays until dismissed; the app keeps the profile. */
static void
test_delete_refused (Fixture       *f,
                     gconstpointer  data)
{
  PaProfilesPage *page = show_page (f);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(PaTestResponse) still = NULL;
  Refusal refusal;
  const char *body;

  /* Company: Berlin office inherits from it. */
  g_ptr_array_add (items, f->company);
  pa_profiles_delete_items (f->app.parent, f->app.repo, items);
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  pa_app_test_click_response ("_Delete");
  pa_app_test_wait_until (pa_app_test_no_message_dialog, NULL);
  refusal = (Refusal) { GTK_WIDGET (f->app.overlay), "Could not delete “Company”: " };
  pa_app_test_wait_until (refusal_shown, &refusal);
  body = gtk_label_get_text (GTK_LABEL (pa_app_test_find_label_prefix (refusal.overlay,
                                                                       refusal.prefix)));
  g_assert_nonnull (strstr (body, "1 profile inherits from it"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (f->app.parent), "profile-delete-refused.png");
  pa_app_test_dismiss_toast (refusal.overlay);
  still = pa_test_get (f->app.server, "profiles", pa_resource_get_id (PA_RESOURCE (f->company)));
  g_assert_cmpuint (still->status, ==, 200);
  g_assert_nonnull (pa_repository_find (f->app.repo, PA_TYPE_PROFILE,
                                        pa_resource_get_id (PA_RESOURCE (f->company))));

  /* Reception: a phone uses it. */
  g_ptr_array_set_size (items, 0);
  g_ptr_array_add (items, f->reception);
  pa_profiles_delete_items (f->app.parent, f->app.repo, items);
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  pa_app_test_click_response ("_Delete");
  pa_app_test_wait_until (pa_app_test_no_message_dialog, NULL);
  refusal.prefix = "Could not delete “Reception”: ";
  pa_app_test_wait_until (refusal_shown, &refusal);
  body = gtk_label_get_text (GTK_LABEL (pa_app_test_find_label_prefix (refusal.overlay,
                                                                       refusal.prefix)));
  g_assert_nonnull (strstr (body, "phone"));
  pa_app_test_dismiss_toast (refusal.overlay);
  g_assert_nonnull (pa_repository_find (f->app.repo, PA_TYPE_PROFILE,
                                        pa_resource_get_id (PA_RESOURCE (f->reception))));

  /* One nothing uses goes, through the page's own Delete. */
  gtk_selection_model_select_item (pa_profiles_page_get_selection (page),
                                   g_list_model_get_n_items (G_LIST_MODEL (pa_profiles_page_get_selection (page))) - 1,
                                   TRUE);
  {
    g_autoptr(PaProfile) selected =
      g_list_model_get_item (G_LIST_MODEL (pa_profiles_page_get_selection (page)),
                             g_list_model_get_n_items (G_LIST_MODEL (pa_profiles_page_get_selection (page))) - 1);

    /* Sorted by name: Warehouse is last. */
    g_assert_true (selected == f->standalone);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "profiles.delete-selected", NULL));
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  pa_app_test_click_response ("_Delete");
  pa_app_test_wait_until (profile_gone, f);
}

/* ---- the profile editor --------------------------------------------- */

static void
test_editor_shows_inherited (Fixture       *f,
                             gconstpointer  data)
{
  GtkWidget *editor = open_editor (f, f->reception, &editor);
  PaInheritRow *row;

  /* Time zone: Company's, two levels up. */
  row = row_of (editor, PA_PROFILE_MEMBER_TIMEZONE);
  g_assert_false (pa_inherit_row_get_own (row));
  g_assert_cmpstr (pa_inherit_row_get_value (row), ==, "Europe/Berlin");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Inherited from “Company”");
  /* NTP: the nearer one wins. */
  row = row_of (editor, PA_PROFILE_MEMBER_NTP_SERVER);
  g_assert_cmpstr (pa_inherit_row_get_value (row), ==, "ntp.berlin.example");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Inherited from “Berlin office”");
  /* Its own polling interval: no source, a Reset button. */
  row = row_of (editor, PA_PROFILE_MEMBER_UPDATE_INTERVAL);
  g_assert_true (pa_inherit_row_get_own (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "");
  /* Nobody sets the transport: the server's settings. */
  row = row_of (editor, PA_PROFILE_MEMBER_SIP_TRANSPORT);
  g_assert_cmpstr (pa_inherit_row_get_value (row), ==, "UDP");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Server default");
  row = row_of (editor, PA_PROFILE_MEMBER_CODECS);
  g_assert_cmpstr (pa_inherit_row_get_value (row), ==, "G722, PCMU");
  row = row_of (editor, PA_PROFILE_MEMBER_DTMF);
  g_assert_cmpstr (pa_inherit_row_get_value (row), ==, "SIP INFO");
  row = row_of (editor, PA_PROFILE_MEMBER_LAYOUT);
  g_assert_cmpstr (pa_inherit_row_get_value (row), ==, "Front desk (Yealink T54W)");
  row = row_of (editor, PA_PROFILE_MEMBER_SIP_REGION);
  g_assert_cmpstr (pa_inherit_row_get_value (row), ==, "Berlin");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Inherited from “Berlin office”");
  /* Company's custom parameter, with where it comes from. */
  g_assert_nonnull (pa_app_test_find_label (editor, "features.dnd.enable"));
  g_assert_nonnull (pa_app_test_find_label (editor, "Yealink · Inherited from “Company”"));

  /* Another parent: what is inherited follows at once. */
  pa_profile_editor_set_parent (PA_PROFILE_EDITOR (editor), f->standalone);
  row = row_of (editor, PA_PROFILE_MEMBER_TIMEZONE);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Server default");
  pa_profile_editor_set_parent (PA_PROFILE_EDITOR (editor), f->berlin);
  g_assert_false (pa_editor_get_busy (PA_EDITOR (editor)));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Inherited from “Company”");

  pa_app_test_maybe_screenshot (editor, "profile-editor.png");
  if (g_getenv ("PA_SHOTS_DIR") != NULL)
    {
      scroll_to_end (editor);
      pa_app_test_maybe_screenshot (editor, "profile-editor-end.png");
      /* Narrow: titles, values and buttons still fit. */
      gtk_window_set_default_size (GTK_WINDOW (editor), 440, 700);
      pa_app_test_wait_for_frames (10);
      pa_app_test_maybe_screenshot (editor, "profile-editor-narrow.png");
      gtk_window_set_default_size (GTK_WINDOW (editor), 680, 780);
      pa_app_test_wait_for_frames (5);
    }
  {
    AdwStyleManager *style = adw_style_manager_get_default ();

    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    pa_app_test_wait_for_frames (3);
    pa_app_test_maybe_screenshot (editor, "profile-editor-dark.png");
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    pa_app_test_wait_for_frames (2);
  }

  /* Nothing changed: Cancel closes without asking. */
  g_assert_true (gtk_widget_activate_action (editor, "editor.cancel", NULL));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
}

/* Override makes the inherited value the profile's own, to change;
 * Reset goes back to inheriting. Both reach the server through Review
 * Changes, since a phone uses Reception. */
static void
test_override_then_reset (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *editor = open_editor (f, f->reception, &editor);
  PaInheritRow *row = row_of (editor, PA_PROFILE_MEMBER_TIMEZONE);
  GtkDropDown *zones = GTK_DROP_DOWN (pa_inherit_row_get_editor (row));
  g_autoptr(JsonObject) stored = NULL;
  JsonArray *codecs;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "inherit.override", NULL));
  g_assert_true (pa_inherit_row_get_own (row));
  /* It starts from what was inherited. */
  g_assert_cmpstr (pa_time_zones_get_selected (zones), ==, "Europe/Berlin");
  pa_time_zones_select (zones, "Europe/Paris");

  /* Codecs: override, then PCMU first, by the keyboard's buttons. */
  row = row_of (editor, PA_PROFILE_MEMBER_CODECS);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "inherit.override", NULL));
  g_assert_true (gtk_widget_get_visible (pa_app_test_template_child (editor, "codecs_list")));
  g_assert_true (gtk_widget_activate_action (editor, "editor.codec-up", "s", "PCMU"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (pa_inherit_row_get_editor (row))), ==,
                   "PCMU, G722");
  pa_app_test_maybe_screenshot (editor, "profile-editor-override.png");
  if (g_getenv ("PA_SHOTS_DIR") != NULL)
    {
      scroll_to_end (editor);
      pa_app_test_maybe_screenshot (editor, "profile-editor-codecs.png");
    }

  g_assert_true (save_confirming (editor));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
  stored = server_profile (f, f->reception);
  g_assert_cmpstr (json_object_get_string_member (stored, "timezone"), ==, "Europe/Paris");
  codecs = json_object_get_array_member (stored, "codecs");
  g_assert_cmpuint (json_array_get_length (codecs), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (codecs, 0), ==, "PCMU");
  g_assert_cmpstr (json_array_get_string_element (codecs, 1), ==, "G722");
  /* What it did not touch stays inherited. */
  g_assert_true (json_object_get_null_member (stored, "ntp_server"));
  g_assert_cmpint (json_object_get_int_member (stored, "update_interval"), ==, 30);
  g_clear_pointer (&stored, json_object_unref);

  /* Reset: the server stores "not set", and the row inherits again. */
  editor = open_editor (f, f->reception, &editor);
  row = row_of (editor, PA_PROFILE_MEMBER_TIMEZONE);
  g_assert_true (pa_inherit_row_get_own (row));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "inherit.reset", NULL));
  g_assert_false (pa_inherit_row_get_own (row));
  g_assert_cmpstr (pa_inherit_row_get_value (row), ==, "Europe/Berlin");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_of (editor, PA_PROFILE_MEMBER_UPDATE_INTERVAL)),
                                             "inherit.reset", NULL));
  g_assert_true (save_confirming (editor));
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
  stored = server_profile (f, f->reception);
  g_assert_true (json_object_get_null_member (stored, "timezone"));
  g_assert_true (json_object_get_null_member (stored, "update_interval"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (stored, "codecs")), ==, 2);
}

/* Cancelling Review Changes sends nothing and keeps the form. */
static void
test_review_cancel (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *editor = open_editor (f, f->reception, &editor);
  PaInheritRow *row = row_of (editor, PA_PROFILE_MEMBER_DTMF);
  g_autoptr(JsonObject) stored = NULL;
  PaReviewChangesDialog *review;
  g_autofree char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row), "inherit.override", NULL));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (pa_inherit_row_get_editor (row)), 1);   /* in-band */
  g_assert_true (gtk_widget_activate_action (editor, "editor.save", NULL));
  pa_app_test_wait_until (review_loaded, NULL);
  review = find_review ();
  g_assert_cmpint (pa_review_changes_dialog_get_diff (review)->affected_phones, ==, 1);
  text = pa_review_changes_dialog_dup_text (review);
  g_assert_nonnull (strstr (text, "Front desk"));
  pa_app_test_maybe_screenshot (GTK_WIDGET (review), "profile-review.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.cancel", NULL));
  pa_app_test_wait_until (not_busy, editor);
  g_assert_true (pa_inherit_row_get_own (row));
  stored = server_profile (f, f->reception);
  g_assert_true (json_object_get_null_member (stored, "dtmf"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* A parent that would make a loop is not offered. */
static void
test_no_loop_parents (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *editor = open_editor (f, f->company, &editor);
  g_autoptr(GPtrArray) parents = pa_profile_editor_list_parents (PA_PROFILE_EDITOR (editor));

  /* Company: not itself, nor Berlin office or Reception below it. */
  g_assert_cmpuint (parents->len, ==, 1);
  g_assert_true (g_ptr_array_index (parents, 0) == f->standalone);
  gtk_window_destroy (GTK_WINDOW (editor));
  g_clear_pointer (&parents, g_ptr_array_unref);

  editor = open_editor (f, f->berlin, &editor);
  parents = pa_profile_editor_list_parents (PA_PROFILE_EDITOR (editor));
  g_assert_cmpuint (parents->len, ==, 2);
  g_assert_true (g_ptr_array_index (parents, 0) == f->company);
  g_assert_true (g_ptr_array_index (parents, 1) == f->standalone);
  {
    AdwComboRow *chooser = pa_app_test_template_child (editor, "parent_row");

    /* "None", then the two; its own parent chosen. */
    g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (chooser)), ==, 3);
    g_assert_cmpuint (adw_combo_row_get_selected (chooser), ==, 1);
  }
  gtk_window_destroy (GTK_WINDOW (editor));
  g_clear_pointer (&parents, g_ptr_array_unref);

  /* A new profile may inherit from any. */
  editor = open_editor (f, NULL, &editor);
  parents = pa_profile_editor_list_parents (PA_PROFILE_EDITOR (editor));
  g_assert_cmpuint (parents->len, ==, 4);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* A new profile inherits everything until told otherwise; custom
 * parameters are vendor, name and value. */
static void
test_new_profile (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *editor = open_editor (f, NULL, &editor);
  g_autoptr(PaProfile) built = NULL;
  PaProfile *created = NULL;
  GListModel *profiles = pa_repository_get_profiles (f->app.repo);
  GtkWidget *entry;

  for (guint m = 0; m < PA_PROFILE_N_MEMBERS; m++)
    g_assert_false (pa_inherit_row_get_own (row_of (editor, m)));
  g_assert_nonnull (pa_editor_get_reason (PA_EDITOR (editor)));   /* no name yet */
  gtk_editable_set_text (GTK_EDITABLE (pa_app_test_template_child (editor, "name_row")), "Lab");
  pa_profile_editor_set_parent (PA_PROFILE_EDITOR (editor), f->company);
  g_assert_true (gtk_widget_activate_action (editor, "editor.add-param", NULL));
  /* An unnamed parameter keeps Save off, saying why. */
  g_assert_nonnull (pa_editor_get_reason (PA_EDITOR (editor)));
  entry = gtk_root_get_focus (GTK_ROOT (editor));
  g_assert_true (GTK_IS_TEXT (entry));
  entry = gtk_widget_get_ancestor (entry, GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), "features.dnd.enable");
  g_assert_null (pa_app_test_find_label (editor, "Yealink · Inherited from “Company”"));
  g_assert_null (pa_editor_get_reason (PA_EDITOR (editor)));
  if (g_getenv ("PA_SHOTS_DIR") != NULL)
    {
      scroll_to_end (editor);
      pa_app_test_maybe_screenshot (editor, "profile-editor-params.png");
    }
  built = pa_profile_editor_build_profile (PA_PROFILE_EDITOR (editor));
  g_assert_cmpuint (pa_profile_get_update_interval (built), ==, 0);
  g_assert_cmpstr (pa_profile_get_custom_param (built, "yealink", "features.dnd.enable"), ==, "");

  g_assert_false (save_confirming (editor));   /* new: no phone to review */
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &editor);
  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(PaProfile) p = g_list_model_get_item (profiles, i);

      if (g_str_equal (pa_profile_get_name (p), "Lab"))
        created = p;
    }
  g_assert_nonnull (created);
  g_assert_cmpint (pa_profile_get_parent_id (created), ==, pa_resource_get_id (PA_RESOURCE (f->company)));
  g_assert_null (pa_profile_get_timezone (created));
  g_assert_cmpuint (pa_profile_get_update_interval (created), ==, 0);
}

/* Every control is named and reachable by Tab, overridden rows too. */
static void
test_editor_keyboard (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *editor = open_editor (f, f->reception, &editor);

  assert_named_and_tabbable (editor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_of (editor, PA_PROFILE_MEMBER_CODECS)),
                                             "inherit.override", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row_of (editor, PA_PROFILE_MEMBER_SRTP)),
                                             "inherit.override", NULL));
  g_assert_true (gtk_widget_activate_action (editor, "editor.add-param", NULL));
  pa_app_test_wait_for_frames (3);
  assert_named_and_tabbable (editor);

  /* Override from the keyboard: the focus goes on to what it opened. */
  {
    PaInheritRow *row = row_of (editor, PA_PROFILE_MEMBER_NTP_SERVER);
    GtkWidget *button = pa_app_test_find_button (GTK_WIDGET (row), "Override");

    gtk_widget_grab_focus (button);
    g_signal_emit_by_name (button, "clicked");
    g_assert_true (pa_inherit_row_get_own (row));
    g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)),
                                           pa_inherit_row_get_editor (row)));
  }
  /* Moving a codec keeps the focus on it. */
  {
    GtkWidget *focus;

    g_assert_true (gtk_widget_activate_action (editor, "editor.codec-down", "s", "G722"));
    focus = gtk_root_get_focus (GTK_ROOT (editor));
    g_assert_nonnull (focus);
    g_assert_cmpstr (g_object_get_data (G_OBJECT (focus), "pa-codec"), ==, "G722");
  }
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* ---- the phone editor ----------------------------------------------- */

static GtkWidget *
inherited_row (GtkWidget  *editor,
               const char *title)
{
  GtkWidget *group = pa_app_test_template_child (editor, "inherited_group");
  GtkWidget *label = pa_app_test_find_label (group, title);

  return label != NULL ? gtk_widget_get_ancestor (label, ADW_TYPE_ACTION_ROW) : NULL;
}

static gboolean
phone_settings_arrived (gpointer editor)
{
  GtkWidget *row = inherited_row (editor, "Polling Interval");

  return row != NULL && g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                                   "from profile “Reception”") == 0
         && pa_app_test_find_label (row, "30 minutes") != NULL;
}

static void
test_phone_editor (Fixture       *f,
                   gconstpointer  data)
{
  GtkWidget *editor = pa_phone_editor_new (f->app.parent, f->app.repo, f->desk);
  AdwComboRow *profile_row;
  GtkWidget *row;
  g_autoptr(PaPhone) built = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  pa_app_test_wait_until (pa_app_test_widget_ready, editor);
  pa_app_test_wait_until (phone_settings_arrived, editor);

  profile_row = pa_app_test_template_child (editor, "profile_row");
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (profile_row)), ==,
                   "Reception");
  /* The phone names no time zone: Company's, three levels up. */
  row = inherited_row (editor, "Time Zone");
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "from profile “Company”");
  g_assert_nonnull (pa_app_test_find_label (row, "Europe/Berlin"));
  row = inherited_row (editor, "SIP Transport");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "server default");
  if (g_getenv ("PA_SHOTS_DIR") != NULL)
    {
      scroll_to (editor, GTK_WIDGET (pa_app_test_template_child (editor, "assignment_group")));
      pa_app_test_maybe_screenshot (editor, "phone-editor-inherited.png");
    }

  /* A time zone of its own: nothing inherited to show for it. */
  gtk_editable_set_text (GTK_EDITABLE (pa_app_test_template_child (editor, "timezone_row")),
                         "Europe/Vienna");
  g_assert_false (gtk_widget_get_visible (inherited_row (editor, "Time Zone")));
  gtk_editable_set_text (GTK_EDITABLE (pa_app_test_template_child (editor, "timezone_row")), "");
  g_assert_true (gtk_widget_get_visible (inherited_row (editor, "Time Zone")));

  /* No profile: the server's defaults; and the phone saved so. */
  adw_combo_row_set_selected (profile_row, 0);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (inherited_row (editor, "Time Zone"))),
                   ==, "server default");
  built = pa_phone_editor_build_phone (PA_PHONE_EDITOR (editor));
  g_assert_cmpint (pa_phone_get_profile_id (built), ==, 0);
  g_clear_object (&built);
  adw_combo_row_set_selected (profile_row, 3);   /* None, Company, Berlin office, Reception… */
  built = pa_phone_editor_build_phone (PA_PHONE_EDITOR (editor));
  g_assert_cmpint (pa_phone_get_profile_id (built), ==, pa_resource_get_id (PA_RESOURCE (f->reception)));
  gtk_window_destroy (GTK_WINDOW (editor));
}

int
main (int   argc,
      char *argv[])
{
  /* Read once, when the first widget is made: before gtk_test_init. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add_func ("/app/profiles/plain", test_plain);
  g_test_add_func ("/app/profiles/time-zone-table", test_time_zone_table);
#define ADD(path, func) \
  g_test_add ("/app/profiles/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("page", test_page);
  ADD ("delete-refused", test_delete_refused);
  ADD ("editor-shows-inherited", test_editor_shows_inherited);
  ADD ("override-then-reset", test_override_then_reset);
  ADD ("review-cancel", test_review_cancel);
  ADD ("no-loop-parents", test_no_loop_parents);
  ADD ("new-profile", test_new_profile);
  ADD ("editor-keyboard", test_editor_keyboard);
  ADD ("phone-editor", test_phone_editor);
#undef ADD
  return g_test_run ();
}
