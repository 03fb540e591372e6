/* test-layouts-page.c — the Layouts section over a repository filled by a
 * real provd: grouping, phone counts, duplicate, and deleting a layout in
 * use onto a replacement
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "../server/pa-test-server.h"
#include "pa-app-test.h"
#include "pa-layouts-page.h"
#include "pa-repository.h"

typedef struct
{
  PaTestServer  *server;
  PaRepository  *repo;
  PaLayoutsPage *page;
  GtkWindow     *window;
  gint64         t54w_a, t54w_b, t46u, module_layout;
  gint64         phones[3];
} Fixture;

static gint64
create_phone (PaTestServer *server,
              const char   *name,
              const char   *mac,
              const char   *model,
              gint64        layout_id,
              gint64        module_layout_id)
{
  g_autofree char *modules = module_layout_id
    ? g_strdup_printf ("[{\"module\": \"yealink-exp50\", \"layout_id\": %" G_GINT64_FORMAT "}]",
                       module_layout_id)
    : g_strdup ("[]");
  g_autofree char *layout = layout_id ? g_strdup_printf ("%" G_GINT64_FORMAT, layout_id)
                                      : g_strdup ("null");
  g_autofree char *body = g_strdup_printf ("{\"name\": \"%s\", \"mac\": \"%s\", \"vendor\": \"yealink\","
                                           " \"model\": \"%s\", \"layout_id\": %s, \"modules\": %s}",
                                           name, mac, model, layout, modules);
  return pa_test_create (server, "phones", body);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(PaClient) client = NULL;
  gboolean fill = GPOINTER_TO_INT (data);

  fixture->server = pa_test_server_new ();
  if (fill)
    {
      fixture->t54w_a = pa_test_create (fixture->server, "layouts",
        "{\"name\": \"Reception\", \"description\": \"Front desk\", \"model\": \"yealink-t54w\","
        " \"keys\": [{\"index\": 1, \"type\": \"line\", \"line\": 1}]}");
      fixture->t54w_b = pa_test_create (fixture->server, "layouts",
        "{\"name\": \"Standard\", \"model\": \"yealink-t54w\", \"is_default\": true, \"keys\": []}");
      fixture->t46u = pa_test_create (fixture->server, "layouts",
        "{\"name\": \"Sales\", \"model\": \"yealink-t46u\", \"keys\": []}");
      fixture->module_layout = pa_test_create (fixture->server, "module-layouts",
        "{\"name\": \"Team\", \"module\": \"yealink-exp50\", \"keys\": []}");
      fixture->phones[0] = create_phone (fixture->server, "Front 1", "80:5E:C0:00:00:01",
                                         "yealink-t54w", fixture->t54w_a, fixture->module_layout);
      fixture->phones[1] = create_phone (fixture->server, "Front 2", "80:5E:C0:00:00:02",
                                         "yealink-t54w", fixture->t54w_a, 0);
      fixture->phones[2] = create_phone (fixture->server, "Sales 1", "80:5E:C0:00:00:03",
                                         "yealink-t46u", fixture->t46u, 0);
    }

  client = pa_client_new (fixture->server->url, fixture->server->token);
  fixture->repo = pa_repository_new (client);
  pa_app_test_refresh_sync (fixture->repo);

  fixture->page = PA_LAYOUTS_PAGE (pa_layouts_page_new ());
  pa_layouts_page_set_repository (fixture->page, fixture->repo);
  fixture->window = GTK_WINDOW (adw_application_window_new (NULL));
  {
    /* A toast overlay above the page, as in the main window. */
    GtkWidget *overlay = adw_toast_overlay_new ();
    adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (fixture->page));
    adw_application_window_set_content (ADW_APPLICATION_WINDOW (fixture->window), overlay);
  }
  gtk_window_set_default_size (fixture->window, 900, 500);
  gtk_window_present (fixture->window);
  pa_app_test_wait_until (pa_app_test_widget_ready, fixture->page);
  /* The list's rows are made and drawn in the frames after. */
  pa_app_test_wait_for_frames (3);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs left open by a failed step go first. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);
      if (window != fixture->window)
        gtk_window_destroy (window);
    }
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->repo);
  pa_test_server_free (fixture->server);
}

static gpointer
item_at (GtkSelectionModel *model,
         guint              position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (model), position);
  return item;   /* the store keeps it */
}

/* ---- plain functions ------------------------------------------------ */

static void
test_display_name (void)
{
  g_autofree char *model = pa_layout_model_display_name ("yealink-t54w");
  g_autofree char *module = pa_layout_model_display_name ("yealink-exp50");
  g_autofree char *unknown = pa_layout_model_display_name ("acme-9000");
  g_autofree char *empty = pa_layout_model_display_name (NULL);

  g_assert_cmpstr (model, ==, "Yealink T54W");
  g_assert_cmpstr (module, ==, "Yealink EXP50");
  g_assert_cmpstr (unknown, ==, "acme-9000");
  g_assert_cmpstr (empty, ==, "");
}

/* ---- the page ------------------------------------------------------- */

static gboolean
label_shown (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget)
      && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    if (label_shown (c, text))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GtkWidget  *widget;
  const char *text;
} LabelCheck;

static gboolean
label_check_shown (gpointer data)
{
  LabelCheck *c = data;

  return label_shown (c->widget, c->text);
}

static void
test_grouped (Fixture       *fixture,
              gconstpointer  data)
{
  GtkSelectionModel *rows = pa_layouts_page_get_selection (fixture->page);
  GtkWidget *view = GTK_WIDGET (pa_layouts_page_get_column_view (fixture->page));

  g_assert_cmpstr (pa_layouts_page_get_state (fixture->page), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 3);

  /* By model, the default first within one: T46U, then T54W's Standard, Reception. */
  g_assert_cmpint (pa_resource_get_id (item_at (rows, 0)), ==, fixture->t46u);
  g_assert_cmpint (pa_resource_get_id (item_at (rows, 1)), ==, fixture->t54w_b);
  g_assert_cmpint (pa_resource_get_id (item_at (rows, 2)), ==, fixture->t54w_a);

  /* The counts come from the phones' layout_id. */
  g_assert_cmpuint (pa_layout_count_phones (item_at (rows, 2),
                                            pa_repository_get_phones (fixture->repo)), ==, 2);
  g_assert_true (label_shown (view, "Yealink T46U"));
  g_assert_true (label_shown (view, "Reception"));
  g_assert_true (label_shown (view, "2"));

  pa_layouts_page_set_query (fixture->page, "t46u");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1);
  pa_layouts_page_set_query (fixture->page, "nothing like it");
  g_assert_cmpstr (pa_layouts_page_get_state (fixture->page), ==, "no-results");
  pa_layouts_page_set_query (fixture->page, NULL);

  /* Sidecar layouts in their own list. */
  pa_layouts_page_set_view (fixture->page, PA_LAYOUTS_VIEW_MODULES);
  rows = pa_layouts_page_get_selection (fixture->page);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1);
  g_assert_cmpuint (pa_module_layout_count_phones (item_at (rows, 0),
                                                   pa_repository_get_phones (fixture->repo)), ==, 1);
  /* Its rows are drawn once the list is shown. */
  {
    LabelCheck exp50 = { GTK_WIDGET (pa_layouts_page_get_column_view (fixture->page)),
                         "Yealink EXP50" };

    pa_app_test_wait_until (label_check_shown, &exp50);
  }
}

static gboolean
label_check_gone (gpointer data)
{
  LabelCheck *c = data;

  return !label_shown (c->widget, c->text);
}

/* A phone moved to another layout is changed in place (its row object
 * stays), which the phones list does not announce: the counts follow all
 * the same. */
static void
test_count_follows (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *view = GTK_WIDGET (pa_layouts_page_get_column_view (fixture->page));
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, fixture->phones[0]);
  g_autofree char *body = g_strdup_printf ("{\"layout_id\": %" G_GINT64_FORMAT "}", fixture->t54w_b);
  g_autoptr(PaTestResponse) patched = NULL;
  LabelCheck two = { view, "2" };
  guint n_phones = g_list_model_get_n_items (pa_repository_get_phones (fixture->repo));

  g_assert_true (label_shown (view, "2"));   /* Reception's */
  patched = pa_test_api (fixture->server, "PATCH", path, body, "*");
  g_assert_cmpuint (patched->status, ==, 200);
  pa_app_test_refresh_sync (fixture->repo);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_phones (fixture->repo)), ==, n_phones);

  /* Reception 1, Standard 1, Sales 1. */
  pa_app_test_wait_until (label_check_gone, &two);
  g_assert_true (label_shown (view, "1"));
}

static void
test_empty (Fixture       *fixture,
            gconstpointer  data)
{
  g_assert_cmpstr (pa_layouts_page_get_state (fixture->page), ==, "empty");
  pa_layouts_page_set_view (fixture->page, PA_LAYOUTS_VIEW_MODULES);
  g_assert_cmpstr (pa_layouts_page_get_state (fixture->page), ==, "empty");
}

static gboolean
has_n_layouts (gpointer data)
{
  Fixture *fixture = data;
  return pa_test_total_of (fixture->server, "layouts") == 4;
}

static void
test_duplicate (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(PaTestResponse) list = NULL;
  JsonArray *items;
  gboolean found = FALSE;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "layouts.duplicate", "x", fixture->t54w_b);
  pa_app_test_wait_until (has_n_layouts, fixture);

  list = pa_test_api (fixture->server, "GET", "/api/v1/layouts", NULL, NULL);
  items = json_object_get_array_member (pa_test_response_object (list), "items");
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *layout = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (layout, "name"), "Copy of Standard") == 0)
        {
          found = TRUE;
          /* One default per model: the copy is not it. */
          g_assert_false (json_object_get_boolean_member (layout, "is_default"));
          g_assert_cmpstr (json_object_get_string_member (layout, "model"), ==, "yealink-t54w");
        }
    }
  g_assert_true (found);
}

/* What a click on a response does: answer, then close. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_close (GTK_WINDOW (dialog));
}

static gboolean
layout_gone (gpointer data)
{
  Fixture *fixture = data;
  return pa_test_total_of (fixture->server, "layouts") == 2;
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
test_delete_in_use (Fixture       *fixture,
                    gconstpointer  data)
{
  AdwMessageDialog *dialog;
  GtkWidget *combo;
  GListModel *choices;

  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "layouts.delete", "x", fixture->t54w_a);
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  dialog = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);

  /* It asks where the two phones go, offering only the other T54W layout. */
  combo = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_DROP_DOWN (combo));
  choices = gtk_drop_down_get_model (GTK_DROP_DOWN (combo));
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (choices), 0), ==, "Standard");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "2 phones"));

  respond (dialog, "delete");
  pa_app_test_wait_until (layout_gone, fixture);
  g_assert_cmpint (phone_layout_id (fixture->server, fixture->phones[0]), ==, fixture->t54w_b);
  g_assert_cmpint (phone_layout_id (fixture->server, fixture->phones[1]), ==, fixture->t54w_b);
  g_assert_cmpint (phone_layout_id (fixture->server, fixture->phones[2]), ==, fixture->t46u);
}

/* After an answer that deletes nothing: the dialog is gone, so the answer
 * was handled, and a refresh through the app's own client (queued after
 * anything the answer could have sent) has been answered. */
static void
assert_nothing_deleted (Fixture *fixture)
{
  pa_app_test_wait_until (pa_app_test_no_message_dialog, NULL);
  pa_app_test_refresh_sync (fixture->repo);
  g_assert_cmpint (pa_test_total_of (fixture->server, "layouts"), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (pa_repository_get_layouts (fixture->repo)), ==, 3);
}

static void
test_delete_cancel_and_alone (Fixture       *fixture,
                              gconstpointer  data)
{
  AdwMessageDialog *dialog;

  /* Cancel keeps it. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "layouts.delete", "x", fixture->t54w_a);
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  dialog = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  respond (dialog, "cancel");
  assert_nothing_deleted (fixture);

  /* The only T46U layout, in use: nothing to move its phone to, so no delete. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "layouts.delete", "x", fixture->t46u);
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  dialog = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_false (adw_message_dialog_has_response (dialog, "delete"));
  respond (dialog, "close");
  assert_nothing_deleted (fixture);
}

static gboolean
no_module_layouts (gpointer data)
{
  Fixture *fixture = data;
  return pa_test_total_of (fixture->server, "module-layouts") == 0;
}

static void
test_delete_unused_module_layout (Fixture       *fixture,
                                  gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autoptr(PaTestResponse) response = NULL;
  g_autofree char *path = g_strdup_printf ("/api/v1/phones/%" G_GINT64_FORMAT, fixture->phones[0]);

  /* Take the sidecar layout off the phone first: then it is a plain question. */
  response = pa_test_api (fixture->server, "PATCH", path, "{\"modules\": []}", "*");
  g_assert_cmpuint (response->status, ==, 200);
  pa_app_test_refresh_sync (fixture->repo);

  pa_layouts_page_set_view (fixture->page, PA_LAYOUTS_VIEW_MODULES);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "layouts.delete-module", "x",
                              fixture->module_layout);
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  dialog = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_null (adw_message_dialog_get_extra_child (dialog));
  respond (dialog, "delete");
  pa_app_test_wait_until (no_module_layouts, fixture);
}

static gboolean
layout_not_listed (gpointer data)
{
  Fixture *fixture = ((gpointer *) data)[0];
  gint64 id = *(gint64 *) ((gpointer *) data)[1];

  return pa_repository_find (fixture->repo, PA_TYPE_LAYOUT, id) == NULL;
}

/* Several layouts at once: one question when no phone uses them (Cancel
 * keeps them); one in use among them is named and nothing is deleted. */
static void
test_delete_several (Fixture       *fixture,
                     gconstpointer  data)
{
  gint64 extra = pa_test_create (fixture->server, "layouts",
                                 "{\"name\": \"Spare\", \"model\": \"yealink-t54w\", \"keys\": []}");
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  AdwMessageDialog *dialog;
  gpointer gone[2] = { fixture, &extra };

  pa_app_test_refresh_sync (fixture->repo);
  g_ptr_array_add (items, pa_repository_find (fixture->repo, PA_TYPE_LAYOUT, fixture->t54w_a));
  g_ptr_array_add (items, pa_repository_find (fixture->repo, PA_TYPE_LAYOUT, extra));
  pa_layouts_delete_items (fixture->window, fixture->repo, items);
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  dialog = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Layouts in Use");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Reception"));
  g_assert_false (adw_message_dialog_has_response (dialog, "delete"));
  adw_message_dialog_response (dialog, "close");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pa_app_test_wait_until (pa_app_test_no_message_dialog, NULL);

  g_ptr_array_index (items, 0) = pa_repository_find (fixture->repo, PA_TYPE_LAYOUT, fixture->t54w_b);
  pa_layouts_delete_items (fixture->window, fixture->repo, items);
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  dialog = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Delete 2 Layouts?");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pa_app_test_wait_until (pa_app_test_no_message_dialog, NULL);
  g_assert_nonnull (pa_repository_find (fixture->repo, PA_TYPE_LAYOUT, extra));

  pa_layouts_delete_items (fixture->window, fixture->repo, items);
  pa_app_test_wait_until (pa_app_test_message_dialog_shown, NULL);
  dialog = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  pa_app_test_wait_until (layout_not_listed, gone);
  gone[1] = &fixture->t54w_b;
  pa_app_test_wait_until (layout_not_listed, gone);
  g_assert_nonnull (pa_repository_find (fixture->repo, PA_TYPE_LAYOUT, fixture->t54w_a));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add_func ("/app/layouts-page/display-name", test_display_name);
  g_test_add ("/app/layouts-page/grouped", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_grouped, fixture_teardown);
  g_test_add ("/app/layouts-page/count-follows", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_count_follows, fixture_teardown);
  g_test_add ("/app/layouts-page/empty", Fixture, GINT_TO_POINTER (FALSE),
              fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/app/layouts-page/duplicate", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_duplicate, fixture_teardown);
  g_test_add ("/app/layouts-page/delete-several", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_delete_several, fixture_teardown);
  g_test_add ("/app/layouts-page/delete-in-use", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_delete_in_use, fixture_teardown);
  g_test_add ("/app/layouts-page/delete-cancel", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_delete_cancel_and_alone, fixture_teardown);
  g_test_add ("/app/layouts-page/delete-unused-module", Fixture, GINT_TO_POINTER (TRUE),
              fixture_setup, test_delete_unused_module_layout, fixture_teardown);

  return g_test_run ();
}
