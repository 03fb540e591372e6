/* pa-app-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pa-app-test.h"
#include "pa-credentials-dialog.h"
#include "pa-memory-credential-store.h"
#include "pa-repository.h"

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @cond holds; fails the test after @seconds. */
void
pa_app_test_wait_until_seconds (PaAppTestCondition cond,
                                gpointer           data,
                                guint              seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timed_out_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

void
pa_app_test_wait_until (PaAppTestCondition cond,
                        gpointer           data)
{
  pa_app_test_wait_until_seconds (cond, data, PA_APP_TEST_WAIT_SECONDS);
}

void
pa_app_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gpointer
pa_app_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

GtkWidget *
pa_app_test_find_descendant (GtkWidget *widget,
                             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = pa_app_test_find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
pa_app_test_store_result_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

void
pa_app_test_store_once_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  g_assert_null (*slot);
  *slot = g_object_ref (result);
}

gboolean
pa_app_test_result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

gboolean
pa_app_test_pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

gboolean
pa_app_test_not_loading (gpointer repository)
{
  return !pa_repository_get_loading (repository);
}

gboolean
pa_app_test_has_public_url (gpointer repository)
{
  return pa_repository_get_public_url (repository) != NULL;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

void
pa_app_test_wait_for_flag (gboolean *flag)
{
  pa_app_test_wait_until (flag_set, flag);
}

/* Bounded by time, not by "nothing pending": a spinner keeps the frame clock
 * busy forever. */
void
pa_app_test_wait_for_frames (guint n)
{
  gint64 deadline = g_get_monotonic_time () + n * 20 * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < deadline)
    if (!g_main_context_iteration (NULL, FALSE))
      g_usleep (1000);
}

void
pa_app_test_refresh_sync (PaRepository *repo)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  pa_repository_refresh_async (repo, NULL, pa_app_test_store_result_cb, &result);
  pa_app_test_wait_until (pa_app_test_result_arrived, &result);
  ok = pa_repository_refresh_finish (repo, result, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
}

PaRepository *
pa_app_test_repository_new (const char *url,
                            const char *token)
{
  g_autoptr(PaClient) client = pa_client_new (url, token);
  PaRepository *repo = pa_repository_new (client);

  /* The first refresh also learns the public URL for setup links. */
  pa_app_test_refresh_sync (repo);
  g_assert_true (pa_app_test_has_public_url (repo));
  return repo;
}

PaConnection *
pa_app_test_connection_new (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(PaCredentialStore) credentials = pa_memory_credential_store_new ();

  return pa_connection_new (settings, credentials, NULL, NULL);
}

static void
connected_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  pa_connection_connect_to_server_finish (PA_CONNECTION (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

void
pa_app_test_connect_sync (PaConnection *connection,
                          const char   *url,
                          const char   *token)
{
  gboolean done = FALSE;

  pa_connection_connect_to_server_async (connection, url, token, NULL, NULL, connected_cb, &done);
  pa_app_test_wait_for_flag (&done);
}

gboolean
pa_app_test_message_dialog_shown (gpointer data)
{
  return pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

gboolean
pa_app_test_credentials_shown (gpointer data)
{
  return pa_app_test_find_window (PA_TYPE_CREDENTIALS_DIALOG) != NULL;
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (*text);
}

static gboolean
text_arrived (gpointer data)
{
  return *(char **) data != NULL;
}

char *
pa_app_test_read_clipboard (GtkWidget *widget)
{
  char *text = NULL;

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read_cb, &text);
  pa_app_test_wait_until_seconds (text_arrived, &text, 10);
  return text;
}

static GtkWidget *
find_button_labelled (GtkWidget  *widget,
                      const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button_labelled (c, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
pa_app_test_find_button (GtkWidget  *root,
                         const char *label)
{
  return find_button_labelled (root, label);
}

void
pa_app_test_click_response (const char *label)
{
  GtkWidget *dialog = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  GtkWidget *button;

  g_assert_nonnull (dialog);
  button = find_button_labelled (dialog, label);
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

void
pa_app_test_close_all_dialogs (void)
{
  GtkWindow *window;

  while ((window = pa_app_test_find_window (PA_TYPE_CREDENTIALS_DIALOG)) != NULL
         || (window = pa_app_test_find_window (ADW_TYPE_MESSAGE_DIALOG)) != NULL)
    gtk_window_destroy (window);
}

void
pa_app_test_draw_png (GtkWidget  *window,
                      const char *path)
{
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  /* Any widget: its window's renderer draws it, scrolled out of view or not. */
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

void
pa_app_test_maybe_screenshot (GtkWidget  *window,
                              const char *name)
{
  const char *dir = g_getenv ("PA_SHOTS_DIR");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  pa_app_test_spin (400);
  path = g_build_filename (dir, name, NULL);
  pa_app_test_draw_png (window, path);
  g_test_message ("Drew %s", path);
}

gpointer
pa_app_test_template_child (gpointer    widget,
                            const char *name)
{
  for (GType type = G_OBJECT_TYPE (widget); g_type_is_a (type, GTK_TYPE_WIDGET);
       type = g_type_parent (type))
    {
      GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

      if (object != NULL)
        return object;
    }
  g_error ("%s has no template child %s", G_OBJECT_TYPE_NAME (widget), name);
  return NULL;
}

char *
pa_app_test_find_cut_off (GtkWidget *root)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_SCROLLED_WINDOW (root))
    {
      GtkAdjustment *v = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (root));

      if (gtk_adjustment_get_upper (v) - gtk_adjustment_get_page_size (v) > 1)
        return g_strdup_printf ("a %s needs scrolling: %.0f px of content, %.0f px shown",
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (root)),
                                gtk_adjustment_get_upper (v), gtk_adjustment_get_page_size (v));
    }
  if (GTK_IS_LABEL (root) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (root))))
    return g_strdup_printf ("label “%s” is ellipsized", gtk_label_get_text (GTK_LABEL (root)));
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      char *found = pa_app_test_find_cut_off (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}
