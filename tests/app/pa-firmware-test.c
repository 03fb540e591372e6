/* pa-firmware-test.c — see pa-firmware-test.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-a11y-walk.h"
#include "pa-firmware-test.h"

GFile *
pa_firmware_test_write_file (const char *folder,
                             const char *name,
                             gsize       size,
                             guint32     seed)
{
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) out = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                                     &error);
  guint32 words[16384];   /* 64 KiB at a time: a big file is never whole in memory */
  guint32 x = seed != 0 ? seed : 1;
  gsize left = size;

  g_assert_no_error (error);
  /* xorshift32: different bytes for each seed, the same on each run. */
  while (left > 0)
    {
      gsize n = MIN (left, sizeof words);

      for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
        {
          x ^= x << 13;
          x ^= x >> 17;
          x ^= x << 5;
          words[i] = x;
        }
      g_output_stream_write_all (G_OUTPUT_STREAM (out), words, n, NULL, NULL, &error);
      g_assert_no_error (error);
      left -= n;
    }
  g_output_stream_close (G_OUTPUT_STREAM (out), NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&file);
}

char *
pa_firmware_test_sha256_of (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, &error);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guchar buffer[65536];
  gssize n;

  g_assert_no_error (error);
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buffer, sizeof buffer, NULL, &error)) > 0)
    g_checksum_update (checksum, buffer, n);
  g_assert_no_error (error);
  return g_strdup (g_checksum_get_string (checksum));
}

guint64
pa_firmware_test_rss (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) * 1024 : 0;
}

gint64
pa_firmware_test_upload (PaTestServer *server,
                         GFile        *file,
                         const char   *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_autofree char *path = g_strconcat ("/api/v1/firmware/upload?", query, NULL);
  g_autoptr(PaTestResponse) response = NULL;
  gsize length;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  response = pa_test_request (server, "POST", path, "application/octet-stream", data, length,
                              TRUE, NULL);
  if (response->status != 201)
    g_error ("Uploading %s answered %u: %s", query, response->status, response->text);
  return json_object_get_int_member (pa_test_response_object (response), "id");
}

JsonObject *
pa_firmware_test_get (PaTestServer *server,
                      gint64        id)
{
  g_autoptr(PaTestResponse) response = pa_test_get (server, "firmware", id);

  return json_object_ref (pa_test_response_object (response));
}

gboolean
pa_firmware_test_is_open (gpointer window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (item == window)
        return TRUE;
    }
  return FALSE;
}

void
pa_firmware_test_assert_keyboard (GtkWidget  *root,
                                  const char *what)
{
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) controls = NULL;
  g_autofree char *unnamed = NULL;
  GtkWidget *first = NULL;

  unnamed = pa_a11y_list_unnamed (root);
  if (*unnamed != '\0')
    g_test_fail_printf ("%s: controls a screen reader cannot name:%s", what, unnamed);

  gtk_root_set_focus (GTK_ROOT (root), NULL);
  for (guint i = 0; i < 400; i++)
    {
      GtkWidget *focus;
      GtkWidget *control;

      if (!gtk_widget_child_focus (root, GTK_DIR_TAB_FORWARD))
        gtk_root_set_focus (GTK_ROOT (root), NULL);
      focus = gtk_root_get_focus (GTK_ROOT (root));
      if (focus == NULL)
        continue;
      if (focus == first)
        break;
      if (first == NULL)
        first = focus;
      control = pa_a11y_control_for_focus (focus);
      g_hash_table_add (reached, control != NULL ? control : focus);
    }
  controls = pa_a11y_collect_controls (root, TRUE);
  g_assert_cmpuint (controls->len, >, 0);
  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);
      g_autofree char *path = NULL;

      if (!gtk_widget_is_sensitive (control) || g_hash_table_contains (reached, control)
          || gtk_widget_get_ancestor (control, GTK_TYPE_WINDOW_CONTROLS) != NULL)
        continue;
      /* A list or column view is one Tab stop, reached at its rows. */
      if (gtk_widget_get_ancestor (control, GTK_TYPE_COLUMN_VIEW) != NULL
          && g_hash_table_contains (reached, gtk_widget_get_ancestor (control,
                                                                      GTK_TYPE_COLUMN_VIEW)))
        continue;
      path = pa_a11y_describe (control);
      g_test_fail_printf ("%s: Tab never reaches %s", what, path);
    }
}

gboolean
pa_firmware_test_has_binding (GtkWidget  *widget,
                              const char *trigger,
                              const char *action)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autofree char *wanted = g_strdup_printf ("action(%s)", action);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *t = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          g_autofree char *a = gtk_shortcut_action_to_string (gtk_shortcut_get_action (shortcut));

          if (g_str_equal (t, trigger) && g_str_equal (a, wanted))
            return TRUE;
        }
    }
  return FALSE;
}

guint
pa_firmware_test_count_partial (PaTestServer *server)
{
  g_autofree char *folder = g_build_filename (server->data_dir, "firmware", NULL);
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, ".upload-"))
      n++;
  return n;
}
