/* test-layout-designer.c — the designer window against a real provd: a
 * palette drop saved to the server and rendered into a phone's config,
 * undo/redo through the window's actions, unsaved changes on close, apply
 * to phones, the config preview, and Review Changes before a layout that
 * phones use is saved
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "../server/pa-test-server.h"
#include "pa-a11y-walk.h"
#include "pa-app-test.h"
#include "pa-apply-layout-dialog.h"
#include "pa-layout-designer.h"
#include "pa-layout-preview-dialog.h"
#include "pa-mac.h"
#include "pa-phone-face.h"
#include "pa-repository.h"
#include "pa-review-changes-dialog.h"

#define UA_T54W "Yealink SIP-T54W 96.86.0.100 "

typedef struct
{
  PaTestServer *server;
  PaRepository *repo;
  gint64        agent;
  gint64        phones[3];     /* two T54W, one T46U */
  char         *sip_password;  /* of phones[0]'s account */
  gint64        layout;        /* a stored T54W layout */
} Fixture;

static gint64
create_phone (Fixture    *fixture,
              const char *name,
              const char *mac,
              const char *model,
              gint64      agent,
              char      **sip_password)
{
  g_autofree char *agent_text = agent ? g_strdup_printf ("%" G_GINT64_FORMAT, agent) : g_strdup ("null");
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"mac\": \"%s\", \"vendor\": \"yealink\","
                                           " \"model\": \"%s\", \"agent_id\": %s}",
                                           name, mac, model, agent_text);
  g_autoptr(PaTestResponse) response = pa_test_api (fixture->server, "POST", "/api/v1/phones",
                                                    body, NULL);
  JsonObject *object;

  g_assert_cmpuint (response->status, ==, 201);
  object = pa_test_response_object (response);
  if (sip_password != NULL)
    *sip_password = g_strdup (json_object_get_string_member_with_default (object, "sip_password",
                                                                          NULL));
  return json_object_get_int_member (object, "id");
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PaClient) client = NULL;

  fixture->server = pa_test_server_new ();
  fixture->agent = pa_test_create (fixture->server, "agents",
                                   "{\"name\": \"Maria Lopez\", \"extension\": \"200\"}");
  fixture->phones[0] = create_phone (fixture, "Front 1", "80:5E:C0:00:00:01", "yealink-t54w",
                                     fixture->agent, &fixture->sip_password);
  fixture->phones[1] = create_phone (fixture, "Front 2", "80:5E:C0:00:00:02", "yealink-t54w", 0, NULL);
  fixture->phones[2] = create_phone (fixture, "Sales 1", "80:5E:C0:00:00:03", "yealink-t46u", 0, NULL);
  fixture->layout = pa_test_create (fixture->server, "layouts",
    "{\"name\": \"Reception\", \"model\": \"yealink-t54w\", \"keys\": ["
    "{\"index\": 1, \"type\": \"line\", \"label\": \"Main\", \"line\": 1}]}");

  client = pa_client_new (fixture->server->url, fixture->server->token);
  fixture->repo = pa_repository_new (client);
  pa_app_test_refresh_sync (fixture->repo);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  pa_app_test_destroy_all_windows ();
  g_clear_object (&fixture->repo);
  g_free (fixture->sip_password);
  pa_test_server_free (fixture->server);
}

static PaLayout *
stored_layout (Fixture *fixture,
               gint64   id)
{
  PaResource *layout = pa_repository_find (fixture->repo, PA_TYPE_LAYOUT, id);

  g_assert_nonnull (layout);
  return PA_LAYOUT (layout);
}

static PaLayoutDesigner *
open_designer (Fixture  *fixture,
               PaLayout *layout)
{
  GtkWidget *designer = pa_layout_designer_new (NULL, fixture->repo, layout);

  gtk_window_set_default_size (GTK_WINDOW (designer), 1200, 800);
  gtk_window_present (GTK_WINDOW (designer));
  pa_app_test_wait_until (pa_app_test_widget_ready, designer);
  return PA_LAYOUT_DESIGNER (designer);
}

/* Drops @source on @slot the way GTK does at the end of a drag: the key's
 * own GtkDropTarget gets "drop". */
static gboolean
drop_on_key (PaLayoutDesigner   *designer,
             const PaDragSource *source,
             PaKeySlot           slot)
{
  PaPhoneFace *face = PA_PHONE_FACE (pa_layout_designer_get_face (designer));
  PaKeyButton *button;
  GtkDropTarget *target;
  GValue value = G_VALUE_INIT;
  gboolean handled = FALSE;

  pa_phone_face_focus_key (face, slot);
  button = pa_phone_face_get_key_button (face, slot);
  g_assert_nonnull (button);
  target = pa_key_button_get_drop_target (button);
  g_assert_nonnull (target);

  g_value_init (&value, PA_TYPE_DRAG_SOURCE);
  g_value_set_boxed (&value, source);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_value_unset (&value);
  return handled;
}

/* Palette BLF onto @slot, then the popover's value and label. */
static void
drop_blf (PaLayoutDesigner *designer,
          PaKeySlot         slot,
          const char       *value,
          const char       *label)
{
  PaDragSource source = { .kind = PA_DRAG_KEY_TYPE, .key_type = PA_KEY_BLF };
  PaPhoneFace *face = PA_PHONE_FACE (pa_layout_designer_get_face (designer));
  GtkWidget *popover;

  g_assert_true (drop_on_key (designer, &source, slot));
  popover = pa_key_button_get_popover (pa_phone_face_get_key_button (face, slot));
  g_assert_true (PA_IS_KEY_POPOVER (popover));
  g_assert_cmpint (pa_key_popover_get_key_type (PA_KEY_POPOVER (popover)), ==, PA_KEY_BLF);
  pa_key_popover_set_value (PA_KEY_POPOVER (popover), value);
  pa_key_popover_set_label (PA_KEY_POPOVER (popover), label);
  g_assert_true (pa_key_popover_apply (PA_KEY_POPOVER (popover)));
}

static gboolean
not_saving (gpointer designer)
{
  return !pa_layout_designer_get_saving (designer);
}

static JsonObject *
find_by_name (PaTestResponse *list,
              const char     *name)
{
  JsonArray *items = json_object_get_array_member (pa_test_response_object (list), "items");

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *object = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }
  return NULL;
}

static JsonObject *
find_key (JsonObject *layout,
          gint64      index)
{
  JsonArray *keys = json_object_get_array_member (layout, "keys");

  for (guint i = 0; i < json_array_get_length (keys); i++)
    if (json_object_get_int_member (json_array_get_object_element (keys, i), "index") == index)
      return json_array_get_object_element (keys, i);
  return NULL;
}

/* What the phone fetches from its setup link, as a T54W would. */
static char *
fetch_device_config (PaTestServer *server,
                     gint64        phone_id)
{
  g_autoptr(PaTestResponse) phone = pa_test_get (server, "phones", phone_id);
  JsonObject *object = pa_test_response_object (phone);
  const char *mac = json_object_get_string_member (object, "mac");
  g_autofree char *compact = pa_mac_to_compact (mac);
  g_autofree char *lower_mac = g_ascii_strdown (mac, -1);
  g_autofree char *ua = g_strconcat (UA_T54W, lower_mac, NULL);
  g_autofree char *path = g_strdup_printf ("/p/%s/%s.cfg",
                                           json_object_get_string_member (object, "token"), compact);
  const char *headers[] = { "User-Agent", ua, NULL };
  g_autoptr(PaTestResponse) response = pa_test_request (server, "GET", path, NULL, NULL, 0,
                                                        FALSE, headers);

  g_assert_cmpuint (response->status, ==, 200);
  return g_strdup (response->text);
}

/* ---- Review Changes ------------------------------------------------- */

static PaReviewChangesDialog *
find_review (void)
{
  return pa_app_test_find_window (PA_TYPE_REVIEW_CHANGES_DIALOG);
}

static gboolean
review_in_state (gpointer state)
{
  PaReviewChangesDialog *dialog = find_review ();

  return dialog != NULL && g_strcmp0 (pa_review_changes_dialog_get_state (dialog), state) == 0;
}

static gboolean
no_review (gpointer data)
{
  return find_review () == NULL;
}

static gboolean
saved_or_reviewing (gpointer designer)
{
  return not_saving (designer) || review_in_state ("loaded");
}

/* Save; Review Changes confirmed if it shows. Whether it showed. */
static gboolean
save_confirming (PaLayoutDesigner *designer)
{
  gboolean shown;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.save", NULL));
  pa_app_test_wait_until (saved_or_reviewing, designer);
  shown = review_in_state ("loaded");
  if (shown)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (find_review ()), "review.confirm", NULL));
  pa_app_test_wait_until (not_saving, designer);
  pa_app_test_wait_until (no_review, NULL);
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
  for (guint i = 0; i < 200; i++)
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

/* ---- tests ---------------------------------------------------------- */

static void
test_new_layout_drop_save (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(PaLayout) layout = pa_layout_new ();
  PaLayoutDesigner *designer;
  PaLayoutDocument *document;
  g_autoptr(PaTestResponse) list = NULL;
  g_autoptr(PaTestResponse) patched = NULL;
  g_autofree char *config = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  JsonObject *saved, *key;
  PaKey *doc_key;

  pa_layout_set_model (layout, "yealink-t54w");
  pa_layout_set_name (layout, "Front Desk");
  designer = open_designer (fixture, layout);
  document = pa_layout_designer_get_document (designer);

  /* A new layout can be saved at once; nothing to undo yet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.save", NULL));
  g_assert_false (pa_layout_document_can_undo (document));
  pa_app_test_wait_until (not_saving, designer);

  drop_blf (designer, PA_KEY_SLOT_INIT (0, 3), "200", "Maria");
  doc_key = pa_layout_document_get_key (document, PA_KEY_SLOT_INIT (0, 3));
  g_assert_nonnull (doc_key);
  g_assert_cmpint (pa_key_get_key_type (doc_key), ==, PA_KEY_BLF);
  g_assert_true (pa_layout_document_get_modified (document));
  g_assert_null (pa_layout_designer_get_save_blocker (designer));

  gtk_widget_activate_action (GTK_WIDGET (designer), "designer.save", NULL);
  pa_app_test_wait_until (not_saving, designer);
  g_assert_false (pa_layout_document_get_modified (document));

  /* The server has the key. */
  list = pa_test_api (fixture->server, "GET", "/api/v1/layouts", NULL, NULL);
  saved = find_by_name (list, "Front Desk");
  g_assert_nonnull (saved);
  /* Saved twice, created once. */
  g_assert_cmpint (pa_test_total_of (fixture->server, "layouts"), ==, 2);
  key = find_key (saved, 3);
  g_assert_nonnull (key);
  g_assert_cmpstr (json_object_get_string_member (key, "type"), ==, "blf");
  g_assert_cmpstr (json_object_get_string_member (key, "value"), ==, "200");
  g_assert_cmpstr (json_object_get_string_member (key, "label"), ==, "Maria");

  /* A phone on that layout renders it with Yealink's BLF code. */
  path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, fixture->phones[0]);
  body = g_strdup_printf ("{\"layout_id\": %" G_GINT64_FORMAT "}", json_object_get_int_member (saved, "id"));
  patched = pa_test_api (fixture->server, "PATCH", path, body, "*");
  g_assert_cmpuint (patched->status, ==, 200);
  config = fetch_device_config (fixture->server, fixture->phones[0]);
  g_assert_nonnull (strstr (config, "linekey.3.type = 16\n"));
  g_assert_nonnull (strstr (config, "linekey.3.value = 200\n"));
}

static void
test_agent_drop_and_undo_redo (Fixture       *fixture,
                               gconstpointer  data)
{
  PaLayoutDesigner *designer = open_designer (fixture, stored_layout (fixture, fixture->layout));
  PaLayoutDocument *document = pa_layout_designer_get_document (designer);
  PaDragSource source = { .kind = PA_DRAG_AGENT, .agent_id = fixture->agent,
                          .agent_name = "Maria Lopez", .agent_extension = "200" };
  PaKeySlot slot = PA_KEY_SLOT_INIT (0, 5);
  PaKey *key;

  g_assert_true (drop_on_key (designer, &source, slot));
  key = pa_layout_document_get_key (document, slot);
  g_assert_nonnull (key);
  g_assert_cmpint (pa_key_get_key_type (key), ==, PA_KEY_BLF);
  g_assert_cmpstr (pa_key_get_value (key), ==, "200");
  g_assert_cmpstr (pa_key_get_label (key), ==, "Maria Lopez");

  /* Undo/redo through the window's actions, the ones Ctrl+Z and
   * Ctrl+Shift+Z trigger. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.undo", NULL));
  g_assert_null (pa_layout_document_get_key (document, slot));
  g_assert_false (pa_layout_document_get_modified (document));
  g_assert_true (pa_layout_document_can_redo (document));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.redo", NULL));
  key = pa_layout_document_get_key (document, slot);
  g_assert_nonnull (key);
  g_assert_cmpstr (pa_key_get_label (key), ==, "Maria Lopez");
  g_assert_true (pa_layout_document_get_modified (document));

  /* Undo back to nothing: no changes, nothing left to undo. */
  gtk_widget_activate_action (GTK_WIDGET (designer), "designer.undo", NULL);
  g_assert_false (pa_layout_document_can_undo (document));

  /* The palette's keyboard path: the focused key, then the popover. */
  pa_phone_face_focus_key (PA_PHONE_FACE (pa_layout_designer_get_face (designer)), slot);
  gtk_widget_activate_action (GTK_WIDGET (designer), "designer.assign-type", "s", "speed_dial");
  {
    PaKeyButton *button = pa_phone_face_get_key_button (PA_PHONE_FACE (pa_layout_designer_get_face (designer)), slot);
    GtkWidget *popover = pa_key_button_get_popover (button);

    g_assert_true (PA_IS_KEY_POPOVER (popover));
    g_assert_cmpint (pa_key_popover_get_key_type (PA_KEY_POPOVER (popover)), ==, PA_KEY_SPEED_DIAL);
  }
}

static void
test_validation_blocks_save (Fixture       *fixture,
                             gconstpointer  data)
{
  PaLayoutDesigner *designer = open_designer (fixture, stored_layout (fixture, fixture->layout));
  PaLayoutDocument *document = pa_layout_designer_get_document (designer);

  g_assert_null (pa_layout_designer_get_save_blocker (designer));
  /* A line key past the T54W's 16 accounts. */
  pa_layout_document_set_key (document, PA_KEY_SLOT_INIT (0, 2), PA_KEY_LINE, NULL, "Too far", 40);
  g_assert_nonnull (pa_layout_designer_get_save_blocker (designer));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.save", NULL)
                  && pa_layout_designer_get_saving (designer));
  pa_layout_document_undo (document);
  g_assert_null (pa_layout_designer_get_save_blocker (designer));
}

static void
test_close_asks (Fixture       *fixture,
                 gconstpointer  data)
{
  PaLayoutDesigner *designer = open_designer (fixture, stored_layout (fixture, fixture->layout));
  PaLayoutDocument *document = pa_layout_designer_get_document (designer);
  GtkWidget *dialog;

  g_object_add_weak_pointer (G_OBJECT (designer), (gpointer *) &designer);

  /* Modified: closing asks. */
  pa_layout_document_set_key (document, PA_KEY_SLOT_INIT (0, 4), PA_KEY_CONFERENCE, NULL, "Conf", 1);
  gtk_window_close (GTK_WINDOW (designer));
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  g_assert_nonnull (designer);
  dialog = pa_layout_designer_get_close_dialog (designer);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "save"));
  g_assert_true (adw_message_dialog_has_response (ADW_MESSAGE_DIALOG (dialog), "discard"));

  /* Cancel keeps the window and the edit. */
  pa_app_test_click_response ("_Cancel");
  pa_app_test_wait_until (pa_app_test_no_message_dialog, NULL);
  g_assert_nonnull (designer);
  g_assert_null (pa_layout_designer_get_close_dialog (designer));
  g_assert_true (pa_layout_document_get_modified (document));

  /* Save from the question: saved, then closed. */
  gtk_window_close (GTK_WINDOW (designer));
  dialog = pa_layout_designer_get_close_dialog (designer);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &designer);
  {
    g_autoptr(PaTestResponse) layout = pa_test_get (fixture->server, "layouts", fixture->layout);
    JsonObject *key = find_key (pa_test_response_object (layout), 4);

    g_assert_nonnull (key);
    g_assert_cmpstr (json_object_get_string_member (key, "type"), ==, "conference");
  }

  /* Discard drops the edit. */
  pa_app_test_refresh_sync (fixture->repo);
  designer = open_designer (fixture, stored_layout (fixture, fixture->layout));
  g_object_add_weak_pointer (G_OBJECT (designer), (gpointer *) &designer);
  pa_layout_document_clear_key (pa_layout_designer_get_document (designer), PA_KEY_SLOT_INIT (0, 4));
  gtk_window_close (GTK_WINDOW (designer));
  dialog = pa_layout_designer_get_close_dialog (designer);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "discard");
  pa_app_test_wait_until (pa_app_test_pointer_cleared, &designer);
  {
    g_autoptr(PaTestResponse) layout = pa_test_get (fixture->server, "layouts", fixture->layout);
    g_assert_nonnull (find_key (pa_test_response_object (layout), 4));
  }
}

static gint64
phone_layout_id (PaTestServer *server,
                 gint64        id)
{
  g_autoptr(PaTestResponse) phone = pa_test_get (server, "phones", id);
  JsonNode *node = json_object_get_member (pa_test_response_object (phone), "layout_id");

  return JSON_NODE_HOLDS_NULL (node) ? 0 : json_node_get_int (node);
}

static void
applied_cb (GtkWidget *dialog,
            guint      applied,
            guint     *out)
{
  *out = applied;
}

static gboolean
applied_arrived (gpointer data)
{
  return *(guint *) data != 0;
}

static gboolean
undo_offered (gpointer designer)
{
  return pa_app_test_find_button (designer, "_Undo") != NULL;
}

/* Apply to Phones… from the designer: the phones of the layout's model,
 * then Review Changes, then one job (pa-bulk-run.h), whose toast with
 * Undo shows on the designer. */
static void
test_apply (Fixture       *fixture,
            gconstpointer  data)
{
  PaLayoutDesigner *designer = open_designer (fixture, stored_layout (fixture, fixture->layout));
  PaApplyLayoutDialog *dialog;
  PaReviewChangesDialog *review;
  g_autofree char *before = fetch_device_config (fixture->server, fixture->phones[1]);
  g_autofree char *after = NULL;
  guint applied = 0;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.apply", NULL));
  dialog = pa_app_test_find_window (PA_TYPE_APPLY_LAYOUT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (designer));
  g_signal_connect (dialog, "applied", G_CALLBACK (applied_cb), &applied);

  /* Only the T54Ws are offered; the search narrows them. */
  g_assert_cmpuint (pa_apply_layout_dialog_get_n_visible (dialog), ==, 2);
  pa_apply_layout_dialog_set_query (dialog, "front 2");
  g_assert_cmpuint (pa_apply_layout_dialog_get_n_visible (dialog), ==, 1);
  pa_apply_layout_dialog_set_query (dialog, NULL);

  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "apply.apply", NULL)
                  && applied > 0);
  pa_apply_layout_dialog_set_selected (dialog, fixture->phones[0], TRUE);
  pa_apply_layout_dialog_set_selected (dialog, fixture->phones[1], TRUE);
  /* Not of the model: not in the list, so it cannot be ticked. */
  pa_apply_layout_dialog_set_selected (dialog, fixture->phones[2], TRUE);
  g_assert_cmpuint (pa_apply_layout_dialog_get_n_selected (dialog), ==, 2);
  /* The count is under the title; the button keeps its one word, so the
   * title has its room however many phones are ticked. */
  {
    GtkWidget *title = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                  PA_TYPE_APPLY_LAYOUT_DIALOG,
                                                                  "window_title"));
    GtkWidget *button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                   PA_TYPE_APPLY_LAYOUT_DIALOG,
                                                                   "apply_button"));
    g_autofree char *cut = NULL;

    g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (title)), ==, "2 phones chosen");
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Apply");
    pa_app_test_wait_for_frames (2);
    cut = pa_app_test_find_cut_off (title);
    g_assert_cmpstr (cut, ==, NULL);
    pa_app_test_maybe_screenshot (GTK_WIDGET (dialog), "apply-dialog.png");
  }

  /* Review Changes first: the two phones' files, nothing stored yet. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "apply.apply", NULL);
  pa_app_test_wait_until (review_in_state, (gpointer) "loaded");
  review = find_review ();
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (review)) == GTK_WINDOW (dialog));
  g_assert_cmpint (pa_review_changes_dialog_get_diff (review)->affected_phones, ==, 2);
  g_assert_cmpint (phone_layout_id (fixture->server, fixture->phones[0]), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.confirm", NULL));

  pa_app_test_wait_until (applied_arrived, &applied);
  g_assert_cmpuint (applied, ==, 2);
  /* The dialog is done; how it went shows on the designer, with Undo. */
  pa_app_test_wait_until (undo_offered, designer);
  g_assert_nonnull (pa_app_test_find_label (GTK_WIDGET (designer), "Layout applied to 2 phones"));
  g_assert_cmpint (phone_layout_id (fixture->server, fixture->phones[0]), ==, fixture->layout);
  g_assert_cmpint (phone_layout_id (fixture->server, fixture->phones[1]), ==, fixture->layout);
  g_assert_cmpint (phone_layout_id (fixture->server, fixture->phones[2]), ==, 0);

  /* Their rendered configs changed: the layout's line key is there now. */
  after = fetch_device_config (fixture->server, fixture->phones[1]);
  g_assert_cmpstr (before, !=, after);
  g_assert_nonnull (strstr (after, "linekey.1.label = Main\n"));

  /* Editing it now tells how many phones follow. */
  {
    pa_layout_document_set_key (pa_layout_designer_get_document (designer), PA_KEY_SLOT_INIT (0, 2),
                                PA_KEY_SPEED_DIAL, "*97", "Voicemail", 1);
    g_assert_true (save_confirming (designer));
    g_assert_cmpstr (pa_layout_designer_get_last_result (designer), ==,
                     "Saved. 2 phones will update on their next check");
  }
}

static gboolean
preview_loaded (gpointer dialog)
{
  return !pa_layout_preview_dialog_get_loading (dialog);
}

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, fixture->phones[0]);
  g_autofree char *body = g_strdup_printf ("{\"layout_id\": %" G_GINT64_FORMAT "}", fixture->layout);
  g_autoptr(PaTestResponse) patched = pa_test_api (fixture->server, "PATCH", path, body, "*");
  PaLayoutPreviewDialog *dialog;
  g_autofree char *text = NULL;

  g_assert_cmpuint (patched->status, ==, 200);
  pa_app_test_refresh_sync (fixture->repo);
  g_assert_nonnull (fixture->sip_password);

  dialog = PA_LAYOUT_PREVIEW_DIALOG (pa_layout_preview_dialog_new (NULL, fixture->repo,
                                                                   stored_layout (fixture, fixture->layout)));
  gtk_window_present (GTK_WINDOW (dialog));
  /* The phone on this layout comes first and is shown at once. */
  pa_app_test_wait_until (preview_loaded, dialog);
  text = pa_layout_preview_dialog_get_text (dialog);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "linekey.1.type = "));
  g_assert_nonnull (strstr (text, "linekey.1.label = Main"));
  g_assert_null (strstr (text, fixture->sip_password));
  g_assert_nonnull (strstr (text, "********"));
}

/* The issue-8 reproduction: a T54W layout, an EXP50 added in the
 * designer, an agent dropped on a sidecar key, save. The layout and its
 * sidecar are saved as one: the layout names the sidecar, a phone on the
 * layout with an EXP50 attached gets the key, and the sidecar opened on its
 * own is drawn beside its layout's phone and can be saved. */
static void
test_sidecars (Fixture       *fixture,
               gconstpointer  data)
{
  PaLayoutDesigner *designer = NULL;
  PaLayoutDocument *document;
  g_autoptr(PaTestResponse) list = NULL;
  g_autoptr(PaTestResponse) layout_json = NULL;
  g_autofree char *phone_path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT,
                                                 fixture->phones[1]);
  g_autofree char *phone_body = g_strdup_printf ("{\"layout_id\": %" G_GINT64_FORMAT ", "
                                                 "\"modules\": [{\"module\": \"yealink-exp50\"}]}",
                                                 fixture->layout);
  g_autoptr(PaTestResponse) attached = pa_test_api (fixture->server, "PATCH", phone_path,
                                                    phone_body, "*");
  g_autofree char *config = NULL;
  JsonObject *module_layout;
  JsonArray *sidecars;
  gint64 module_layout_id;

  g_assert_cmpuint (attached->status, ==, 200);
  pa_app_test_refresh_sync (fixture->repo);
  designer = open_designer (fixture, stored_layout (fixture, fixture->layout));

  g_assert_cmpuint (pa_layout_designer_get_n_modules (designer), ==, 0);
  g_assert_true (pa_layout_designer_set_n_modules (designer, 1));
  g_assert_false (pa_layout_designer_set_n_modules (designer, 4));   /* the T54W takes 3 */
  document = pa_layout_designer_get_document (designer);
  g_assert_cmpuint (pa_layout_document_get_n_surfaces (document), ==, 2);
  g_assert_cmpuint (pa_layout_document_get_n_keys (document, 1), ==, 60);

  drop_blf (designer, PA_KEY_SLOT_INIT (1, 1), "200", "Maria");
  g_assert_true (save_confirming (designer));

  /* The new sidecar layout was stored with its key, and the layout names it. */
  list = pa_test_api (fixture->server, "GET", "/api/v1/module-layouts", NULL, NULL);
  module_layout = find_by_name (list, "Reception sidecar");
  g_assert_nonnull (module_layout);
  g_assert_cmpstr (json_object_get_string_member (module_layout, "module"), ==, "yealink-exp50");
  g_assert_nonnull (find_key (module_layout, 1));
  module_layout_id = json_object_get_int_member (module_layout, "id");
  layout_json = pa_test_get (fixture->server, "layouts", fixture->layout);
  sidecars = json_object_get_array_member (pa_test_response_object (layout_json), "sidecars");
  g_assert_cmpuint (json_array_get_length (sidecars), ==, 1);
  g_assert_cmpint (json_array_get_int_element (sidecars, 0), ==, module_layout_id);

  /* The phone on the layout with an EXP50 gets the sidecar's key, and the
   * designer said so. */
  g_assert_cmpstr (pa_layout_designer_get_last_result (designer), ==,
                   "Saved. 1 phone will update on its next check");
  config = fetch_device_config (fixture->server, fixture->phones[1]);
  g_assert_nonnull (strstr (config, "expansion_module.1.key.1.type = 16\n"));
  g_assert_nonnull (strstr (config, "expansion_module.1.key.1.label = Maria\n"));

  /* A second save does not store it again. */
  pa_layout_document_set_key (document, PA_KEY_SLOT_INIT (1, 2), PA_KEY_SPEED_DIAL, "300", "Desk", 1);
  g_assert_true (save_confirming (designer));
  g_assert_cmpint (pa_test_total_of (fixture->server, "module-layouts"), ==, 1);
  gtk_window_destroy (GTK_WINDOW (designer));
  pa_app_test_refresh_sync (fixture->repo);

  /* Opened again, the layout comes with its sidecar. */
  designer = open_designer (fixture, stored_layout (fixture, fixture->layout));
  g_assert_cmpuint (pa_layout_designer_get_n_modules (designer), ==, 1);
  gtk_window_destroy (GTK_WINDOW (designer));

  /* Opened on its own, the sidecar is drawn beside its layout's phone and
   * nothing blocks saving it. */
  {
    PaResource *stored = pa_repository_find (fixture->repo, PA_TYPE_MODULE_LAYOUT, module_layout_id);
    GtkWidget *alone = pa_layout_designer_new_for_module (NULL, fixture->repo, PA_MODULE_LAYOUT (stored));

    gtk_window_present (GTK_WINDOW (alone));
    pa_app_test_wait_until (pa_app_test_widget_ready, alone);
    document = pa_layout_designer_get_document (PA_LAYOUT_DESIGNER (alone));
    g_assert_cmpstr (pa_layout_get_model (pa_layout_document_get_layout (document)), ==,
                     "yealink-t54w");
    pa_layout_document_set_key (document, PA_KEY_SLOT_INIT (1, 3), PA_KEY_SPEED_DIAL, "301", "Dock", 1);
    g_assert_null (pa_layout_designer_get_save_blocker (PA_LAYOUT_DESIGNER (alone)));
    g_assert_true (save_confirming (PA_LAYOUT_DESIGNER (alone)));
    g_assert_cmpstr (pa_layout_designer_get_last_result (PA_LAYOUT_DESIGNER (alone)), ==,
                     "Saved. 1 phone will update on its next check");
    gtk_window_destroy (GTK_WINDOW (alone));
  }
}

static gboolean
window_mapped (gpointer window)
{
  return gtk_widget_get_mapped (window) && gtk_widget_get_height (window) > 0;
}

/* Opens at a size a 768-pixel screen holds (with its panels), can be made
 * that small, and keeps its drop-to-clear area where toasts (at the
 * bottom) do not cover it. */
static void
test_fits_small_screen (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(PaLayout) layout = pa_layout_new ();
  GtkWidget *designer;
  GtkWidget *trash;
  graphene_rect_t trash_bounds, face_bounds;
  int min_height;

  pa_layout_set_model (layout, "yealink-t54w");
  pa_layout_set_name (layout, "Front Desk");
  designer = pa_layout_designer_new (NULL, fixture->repo, layout);
  gtk_window_present (GTK_WINDOW (designer));
  pa_app_test_wait_until (window_mapped, designer);

  g_assert_cmpint (gtk_widget_get_height (designer), <=, 768 - 96);
  gtk_widget_measure (designer, GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (designer),
                      &min_height, NULL, NULL, NULL);
  g_assert_cmpint (min_height, <=, 768 - 96);

  trash = GTK_WIDGET (gtk_widget_get_template_child (designer, PA_TYPE_LAYOUT_DESIGNER, "trash_box"));
  g_assert_true (gtk_widget_compute_bounds (trash, designer, &trash_bounds));
  g_assert_true (gtk_widget_compute_bounds (pa_layout_designer_get_face (PA_LAYOUT_DESIGNER (designer)),
                                            designer, &face_bounds));
  g_assert_cmpfloat (trash_bounds.origin.y + trash_bounds.size.height, <=, face_bounds.origin.y);
  pa_app_test_maybe_screenshot (designer, "designer-default-size.png");
  gtk_window_destroy (GTK_WINDOW (designer));
}

static gint64
layout_revision (Fixture *fixture,
                 gint64   id)
{
  g_autoptr(PaTestResponse) layout = pa_test_get (fixture->server, "layouts", id);

  return json_object_get_int_member (pa_test_response_object (layout), "revision");
}

/* A layout on 7 phones, each with a SIP account: a key's new label is
 * shown as the diff of the first 5 phones' files, the other 2 counted,
 * no password in sight; Cancel stores nothing and keeps the edit; the
 * confirm saves. */
static void
test_review_changes (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) passwords = g_ptr_array_new_with_free_func (g_free);
  PaReviewChangesDialog *review;
  PaLayoutDesigner *designer;
  g_autofree char *text = NULL;
  gint64 layout, revision;

  layout = pa_test_create (fixture->server, "layouts",
    "{\"name\": \"Front Office\", \"model\": \"yealink-t54w\", \"keys\": ["
    "{\"index\": 1, \"type\": \"line\", \"label\": \"Main\", \"line\": 1},"
    "{\"index\": 2, \"type\": \"blf\", \"value\": \"201\", \"label\": \"Alice\", \"line\": 1}]}");
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *agent_body = g_strdup_printf ("{\"name\": \"Agent %u\", \"extension\": \"3%02u\"}", i, i);
      g_autofree char *name = g_strdup_printf ("Desk %u", i + 1);
      g_autofree char *mac = g_strdup_printf ("80:5E:C0:00:01:%02X", i);
      g_autofree char *path = NULL;
      g_autofree char *body = NULL;
      g_autoptr(PaTestResponse) patched = NULL;
      char *password = NULL;
      gint64 agent = pa_test_create (fixture->server, "agents", agent_body);
      gint64 phone = create_phone (fixture, name, mac, "yealink-t54w", agent, &password);

      g_assert_nonnull (password);
      g_ptr_array_add (passwords, password);
      path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, phone);
      body = g_strdup_printf ("{\"layout_id\": %" G_GINT64_FORMAT "}", layout);
      patched = pa_test_api (fixture->server, "PATCH", path, body, "*");
      g_assert_cmpuint (patched->status, ==, 200);
    }
  pa_app_test_refresh_sync (fixture->repo);
  revision = layout_revision (fixture, layout);

  designer = open_designer (fixture, stored_layout (fixture, layout));
  pa_layout_document_set_key (pa_layout_designer_get_document (designer), PA_KEY_SLOT_INIT (0, 2),
                              PA_KEY_BLF, "201", "Alice Front Desk", 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.save", NULL));
  pa_app_test_wait_until (review_in_state, (gpointer) "loaded");
  review = find_review ();
  g_assert_cmpint (pa_review_changes_dialog_get_diff (review)->affected_phones, ==, 7);
  g_assert_cmpuint (pa_review_changes_dialog_get_diff (review)->phones->len, ==, 5);
  g_assert_cmpint (pa_review_changes_dialog_get_diff (review)->more, ==, 2);
  g_assert_cmpstr (pa_review_changes_dialog_get_summary (review), ==,
                   "This change rewrites the files of 7 phones. The first 5 are shown; "
                   "2 more change the same way.");
  text = pa_review_changes_dialog_dup_text (review);
  g_assert_nonnull (strstr (text, "\n-linekey.2.label = Alice\n"));
  g_assert_nonnull (strstr (text, "\n+linekey.2.label = Alice Front Desk\n"));
  g_assert_nonnull (strstr (text, "Desk 1"));
  g_assert_nonnull (strstr (text, "80:5E:C0:00:01:00"));
  for (guint i = 0; i < passwords->len; i++)
    g_assert_null (strstr (text, g_ptr_array_index (passwords, i)));
  pa_app_test_wait_for_frames (5);
  pa_app_test_maybe_screenshot (GTK_WIDGET (review), "review-changes.png");
  assert_named_and_tabbable (GTK_WIDGET (review));
  {
    AdwStyleManager *style = adw_style_manager_get_default ();

    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
    pa_app_test_wait_for_frames (5);
    pa_app_test_maybe_screenshot (GTK_WIDGET (review), "review-changes-dark.png");
    adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
    pa_app_test_wait_for_frames (3);
  }

  /* Cancel: nothing stored, the edit still there to save. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.cancel", NULL));
  pa_app_test_wait_until (no_review, NULL);
  pa_app_test_wait_until (not_saving, designer);
  g_assert_cmpint (layout_revision (fixture, layout), ==, revision);
  g_assert_true (pa_layout_document_get_modified (pa_layout_designer_get_document (designer)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (designer)));

  /* Confirm: saved, and the phones' files have the new label. */
  g_assert_true (save_confirming (designer));
  g_assert_cmpint (layout_revision (fixture, layout), ==, revision + 1);
  g_assert_false (pa_layout_document_get_modified (pa_layout_designer_get_document (designer)));
  g_assert_cmpstr (pa_layout_designer_get_last_result (designer), ==,
                   "Saved. 7 phones will update on their next check");
}

/* A stored layout no phone uses saves as before: no dialog. */
static void
test_review_no_phones (Fixture       *fixture,
                       gconstpointer  data)
{
  PaLayoutDesigner *designer = open_designer (fixture, stored_layout (fixture, fixture->layout));
  gint64 revision = layout_revision (fixture, fixture->layout);

  pa_layout_document_set_key (pa_layout_designer_get_document (designer), PA_KEY_SLOT_INIT (0, 2),
                              PA_KEY_SPEED_DIAL, "*97", "Voicemail", 1);
  g_assert_false (save_confirming (designer));
  g_assert_cmpint (layout_revision (fixture, fixture->layout), ==, revision + 1);
  g_assert_cmpstr (pa_layout_designer_get_last_result (designer), ==, "Saved");
}

/* provd gone while the diff is asked for: the dialog says why and keeps
 * the edit; Retry with provd back shows the diff. */
static void
test_review_retry (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, fixture->phones[1]);
  g_autofree char *body = g_strdup_printf ("{\"layout_id\": %" G_GINT64_FORMAT "}", fixture->layout);
  g_autoptr(PaTestResponse) patched = pa_test_api (fixture->server, "PATCH", path, body, "*");
  PaLayoutDesigner *designer;
  PaReviewChangesDialog *review;
  gint64 revision = layout_revision (fixture, fixture->layout);

  g_assert_cmpuint (patched->status, ==, 200);
  pa_app_test_refresh_sync (fixture->repo);
  designer = open_designer (fixture, stored_layout (fixture, fixture->layout));
  pa_layout_document_set_key (pa_layout_designer_get_document (designer), PA_KEY_SLOT_INIT (0, 2),
                              PA_KEY_SPEED_DIAL, "*97", "Voicemail", 1);

  pa_test_server_stop (fixture->server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (designer), "designer.save", NULL));
  pa_app_test_wait_until (review_in_state, (gpointer) "error");
  review = find_review ();
  g_assert_nonnull (pa_review_changes_dialog_get_error (review));
  g_assert_cmpstr (pa_review_changes_dialog_get_error (review), !=, "");
  /* Nothing to confirm yet: Enter does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (review), "review.confirm", NULL);
  g_assert_true (review == find_review ());
  g_assert_true (pa_layout_designer_get_saving (designer));
  pa_app_test_wait_for_frames (5);
  pa_app_test_maybe_screenshot (GTK_WIDGET (review), "review-changes-error.png");
  assert_named_and_tabbable (GTK_WIDGET (review));
  g_assert_true (pa_layout_document_get_modified (pa_layout_designer_get_document (designer)));

  pa_test_server_restart_same_port (fixture->server);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.retry", NULL));
  pa_app_test_wait_until (review_in_state, (gpointer) "loaded");
  g_assert_cmpint (pa_review_changes_dialog_get_diff (review)->affected_phones, ==, 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.confirm", NULL));
  pa_app_test_wait_until (not_saving, designer);
  g_assert_cmpint (layout_revision (fixture, fixture->layout), ==, revision + 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add ("/app/layout-designer/fits-small-screen", Fixture, NULL,
              fixture_setup, test_fits_small_screen, fixture_teardown);
  g_test_add ("/app/layout-designer/new-drop-save", Fixture, NULL,
              fixture_setup, test_new_layout_drop_save, fixture_teardown);
  g_test_add ("/app/layout-designer/agent-drop-undo-redo", Fixture, NULL,
              fixture_setup, test_agent_drop_and_undo_redo, fixture_teardown);
  g_test_add ("/app/layout-designer/validation", Fixture, NULL,
              fixture_setup, test_validation_blocks_save, fixture_teardown);
  g_test_add ("/app/layout-designer/close-asks", Fixture, NULL,
              fixture_setup, test_close_asks, fixture_teardown);
  g_test_add ("/app/layout-designer/apply", Fixture, NULL,
              fixture_setup, test_apply, fixture_teardown);
  g_test_add ("/app/layout-designer/preview", Fixture, NULL,
              fixture_setup, test_preview, fixture_teardown);
  g_test_add ("/app/layout-designer/review-changes", Fixture, NULL,
              fixture_setup, test_review_changes, fixture_teardown);
  g_test_add ("/app/layout-designer/review-no-phones", Fixture, NULL,
              fixture_setup, test_review_no_phones, fixture_teardown);
  g_test_add ("/app/layout-designer/review-retry", Fixture, NULL,
              fixture_setup, test_review_retry, fixture_teardown);
  g_test_add ("/app/layout-designer/sidecars", Fixture, NULL,
              fixture_setup, test_sidecars, fixture_teardown);

  return g_test_run ();
}
