/* pa-app-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "pa-app-test.h"
#include "pa-renderer.h"
#include "pa-credentials-dialog.h"
#include "pa-memory-credential-store.h"
#include "pa-repository.h"

#include <signal.h>

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
pa_app_test_poll_until (PaAppTestCondition cond,
                        gpointer           data,
                        guint              ms)
{
  gboolean timed_out = FALSE;
  guint deadline_id = g_timeout_add (ms, timed_out_cb, &timed_out);
  /* Only to look at @cond again when nothing in the main loop stirs. */
  guint wake_id = g_timeout_add (20, wake_cb, NULL);
  gboolean holds;

  while (!(holds = cond (data)) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);
  if (!timed_out)
    g_source_remove (deadline_id);
  return holds;
}

/* Runs the main loop until @cond holds; fails the test after @seconds. */
void
pa_app_test_wait_until_seconds (PaAppTestCondition cond,
                                gpointer           data,
                                guint              seconds)
{
  if (!pa_app_test_poll_until (cond, data, seconds * 1000))
    g_error ("A condition the test waits for did not hold within %u s", seconds);
}

void
pa_app_test_wait_until (PaAppTestCondition cond,
                        gpointer           data)
{
  pa_app_test_wait_until_seconds (cond, data, PA_APP_TEST_WAIT_SECONDS);
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

typedef struct
{
  GtkWidget *window;   /* weak: a window destroyed meanwhile draws no more */
  guint      ticks;    /* frame clock ticks still to come */
  guint      tick_id;
} FrameWait;

static gboolean
frame_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  FrameWait *wait = user_data;

  if (wait->ticks > 0)
    wait->ticks--;
  if (wait->ticks > 0)
    return G_SOURCE_CONTINUE;
  wait->tick_id = 0;
  return G_SOURCE_REMOVE;
}

static gboolean
frames_drawn (gpointer data)
{
  GPtrArray *waits = data;

  for (guint i = 0; i < waits->len; i++)
    {
      FrameWait *wait = g_ptr_array_index (waits, i);

      if (wait->ticks > 0 && wait->window != NULL && gtk_widget_get_mapped (wait->window))
        return FALSE;
    }
  return TRUE;
}

static void
frame_wait_free (gpointer data)
{
  FrameWait *wait = data;

  if (wait->window != NULL)
    {
      if (wait->tick_id != 0)
        gtk_widget_remove_tick_callback (wait->window, wait->tick_id);
      g_object_remove_weak_pointer (G_OBJECT (wait->window), (gpointer *) &wait->window);
    }
  g_free (wait);
}

/* A tick callback keeps the frame clock going and runs at the start of
 * each frame, before its layout and paint: n + 1 ticks are n whole frames.
 * A spinner that keeps the clock busy changes nothing here. */
void
pa_app_test_wait_for_frames (guint n)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) waits = g_ptr_array_new_with_free_func (frame_wait_free);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);
      FrameWait *wait;

      if (!gtk_widget_get_mapped (window))
        continue;
      wait = g_new0 (FrameWait, 1);
      wait->window = window;
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &wait->window);
      wait->ticks = n + 1;
      wait->tick_id = gtk_widget_add_tick_callback (window, frame_tick_cb, wait, NULL);
      g_ptr_array_add (waits, wait);
    }

  if (waits->len == 0)
    {
      /* No frames to count: what is ready runs (bounded, as a busy source
       * would keep it going). */
      for (guint i = 0; i < 1000 && g_main_context_iteration (NULL, FALSE); i++)
        ;
      return;
    }
  pa_app_test_wait_until (frames_drawn, waits);
}

void
pa_app_test_wait_for_input (void)
{
  /* After the round trip, every event the server generated for us before
   * it is in our queue; the frames let GTK deliver and handle them. */
  gdk_display_sync (gdk_display_get_default ());
  pa_app_test_wait_for_frames (2);
}

gboolean
pa_app_test_widget_ready (gpointer widget)
{
  return gtk_widget_get_mapped (widget)
         && gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

gboolean
pa_app_test_transitions_done (gpointer widget)
{
  if (GTK_IS_REVEALER (widget)
      && gtk_revealer_get_child_revealed (widget) != gtk_revealer_get_reveal_child (widget))
    return FALSE;
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (widget))
    return FALSE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (!pa_app_test_transitions_done (c))
      return FALSE;
  return TRUE;
}

gboolean
pa_app_test_no_message_dialog (gpointer data)
{
  return !pa_app_test_message_dialog_shown (data);
}

gboolean
pa_app_test_pid_gone (gpointer pid)
{
  return kill ((pid_t) GPOINTER_TO_INT (pid), 0) != 0;
}

typedef struct
{
  GtkWidget *window;
  int        old_width, old_height;
  int        width, height;
} Resize;

/* The window took a size from the server (what it asked for, or what its
 * minimum allows) and laid itself out at it. */
static gboolean
resized (gpointer data)
{
  Resize *r = data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (r->window));
  int w = gtk_widget_get_width (r->window);
  int h = gtk_widget_get_height (r->window);
  gboolean asked_other = r->width != r->old_width || r->height != r->old_height;

  if (surface == NULL || !gtk_widget_get_mapped (r->window))
    return FALSE;
  /* The allocation follows the surface, which follows the request. */
  if (w != gdk_surface_get_width (surface) || h != gdk_surface_get_height (surface))
    return FALSE;
  return !asked_other || w != r->old_width || h != r->old_height;
}

void
pa_app_test_resize_window (GtkWindow *window,
                           int        width,
                           int        height)
{
  Resize r = { GTK_WIDGET (window), 0, 0, width, height };

  pa_app_test_wait_until (pa_app_test_widget_ready, window);
  r.old_width = gtk_widget_get_width (GTK_WIDGET (window));
  r.old_height = gtk_widget_get_height (GTK_WIDGET (window));
  gtk_window_set_default_size (window, width, height);
  pa_app_test_wait_until (resized, &r);
  /* Children that lay out again after their first allocation. */
  pa_app_test_wait_for_frames (2);
}

static gboolean
all_cleared (gpointer data)
{
  GPtrArray *windows = data;

  for (guint i = 0; i < windows->len; i++)
    if (g_ptr_array_index (windows, i) != NULL)
      return FALSE;
  return TRUE;
}

void
pa_app_test_destroy_all_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);
  /* Weak pointers, so the array must not move: sized once. */
  g_autoptr(GPtrArray) windows = g_ptr_array_sized_new (n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      g_ptr_array_add (windows, window);
    }
  for (guint i = 0; i < n; i++)
    g_object_add_weak_pointer (g_ptr_array_index (windows, i), &windows->pdata[i]);
  for (guint i = n; i > 0; i--)
    if (g_ptr_array_index (windows, i - 1) != NULL)
      gtk_window_destroy (g_ptr_array_index (windows, i - 1));
  pa_app_test_wait_until (all_cleared, windows);
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

typedef struct
{
  GtkWidget  *overlay;
  const char *label;
} ToastButton;

static gboolean
toast_button_mapped (gpointer data)
{
  ToastButton *want = data;
  GtkWidget *button = find_button_labelled (want->overlay, want->label);

  return button != NULL && gtk_widget_get_mapped (button);
}

void
pa_app_test_click_toast_button (GtkWidget  *overlay,
                                const char *label)
{
  ToastButton want = { overlay, label };

  pa_app_test_wait_until (toast_button_mapped, &want);
  pa_app_test_wait_for_frames (2);
  g_signal_emit_by_name (find_button_labelled (overlay, label), "clicked");
}

/* The close button of the toast shown in @widget's tree, if any. */
static GtkWidget *
toast_close_button (GtkWidget *widget,
                    gboolean   in_toast)
{
  in_toast = in_toast || g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget");
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (in_toast && GTK_IS_BUTTON (c)
          && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (c)), "window-close-symbolic") == 0)
        return c;
      found = toast_close_button (c, in_toast);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
toast_close_mapped (gpointer overlay)
{
  GtkWidget *button = toast_close_button (overlay, FALSE);

  return button != NULL && gtk_widget_get_mapped (button);
}

void
pa_app_test_dismiss_toast (GtkWidget *overlay)
{
  pa_app_test_wait_until (toast_close_mapped, overlay);
  pa_app_test_wait_for_frames (2);
  g_signal_emit_by_name (toast_close_button (overlay, FALSE), "clicked");
}

GtkWidget *
pa_app_test_find_label_prefix (GtkWidget  *root,
                               const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = pa_app_test_find_label_prefix (c, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
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
  pa_app_test_wait_until (pa_app_test_widget_ready, window);
  pa_app_test_wait_until (pa_app_test_transitions_done, window);
  pa_app_test_wait_for_frames (2);
  path = g_str_has_suffix (name, ".png") ? g_build_filename (dir, name, NULL)
                                          : g_strdup_printf ("%s/%s.png", dir, name);
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

PaResource *
pa_app_test_save_json (PaRepository *repo,
                       GType         type,
                       const char   *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) resource = pa_resource_new_from_data (type, json, -1, PA_JSON_DEFAULT, &error);
  GAsyncResult *slot = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(PaResource) saved = NULL;

  g_assert_no_error (error);
  pa_repository_save_async (repo, resource, NULL, pa_app_test_store_result_cb, &slot);
  pa_app_test_wait_until (pa_app_test_result_arrived, &slot);
  result = g_steal_pointer (&slot);
  saved = pa_repository_save_finish (repo, result, NULL, &error);
  g_assert_no_error (error);
  return saved;   /* the repository's store keeps it */
}

void
pa_app_test_local_port_of_its_own (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "phoneadmin", "provd", NULL);
  g_autofree char *path = g_build_filename (dir, "local-mode.ini", NULL);
  g_autofree char *contents = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, any, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  contents = g_strdup_printf ("[local-mode]\nport=%u\n",
                              g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_socket_close (socket, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, &error));
}

GtkWidget *
pa_app_test_find_label (GtkWidget  *root,
                        const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = pa_app_test_find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
pa_app_test_adw_init (void)
{
  adw_init ();
  pa_renderer_choose (gdk_display_get_default ());
}
