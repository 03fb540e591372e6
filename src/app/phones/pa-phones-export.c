/* pa-phones-export.c — Export to CSV…: the phones list as it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "As shown" is the page's own model (searched, sorted) and the page's own
 * cell text: the export reads both from the page rather than from the
 * repository, so the file cannot list other rows or say other things.
 */
#define G_LOG_DOMAIN "pa-phones-export"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-csv.h"
#include "pa-file-chooser.h"
#include "pa-phone-actions.h"
#include "pa-phones-export.h"
#include "pa-window-cancellable.h"

GBytes *
pa_phones_export_to_csv (PaPhonesPage *page,
                         guint        *n_phones)
{
  GListModel *rows;
  guint n_columns = pa_phones_page_get_n_columns ();
  g_autofree const char **fields = g_new0 (const char *, n_columns);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_full (n_columns, g_free);
  GString *out = g_string_new (NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n;

  g_return_val_if_fail (PA_IS_PHONES_PAGE (page), NULL);

  rows = G_LIST_MODEL (pa_phones_page_get_selection (page));
  n = g_list_model_get_n_items (rows);

  for (guint c = 0; c < n_columns; c++)
    fields[c] = pa_phones_page_get_column_title (c);
  pa_csv_append_row (out, fields, n_columns, ',');

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (rows, i);

      g_ptr_array_set_size (texts, 0);
      for (guint c = 0; c < n_columns; c++)
        {
          char *text = pa_phones_page_dup_cell_text (page, phone, c, now);

          g_ptr_array_add (texts, text);
          fields[c] = text;
        }
      pa_csv_append_row (out, fields, n_columns, ',');
    }

  if (n_phones != NULL)
    *n_phones = n;
  return g_string_free_to_bytes (out);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, GPOINTER_TO_UINT (g_task_get_task_data (task)));
}

void
pa_phones_export_async (PaPhonesPage        *page,
                        GFile               *file,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GBytes) csv = NULL;
  GTask *task;
  guint n = 0;

  g_return_if_fail (PA_IS_PHONES_PAGE (page));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (page, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_phones_export_async);
  /* Taken now: the list may change while the file is written. */
  csv = pa_phones_export_to_csv (page, &n);
  g_task_set_task_data (task, GUINT_TO_POINTER (n), NULL);
  g_file_replace_contents_bytes_async (file, csv, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, written_cb, task);
}

gint64
pa_phones_export_finish (PaPhonesPage  *page,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, page), -1);
  return g_task_propagate_int (G_TASK (result), error);
}

static void
exported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  PaPhonesPage *page = PA_PHONES_PAGE (source);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *title = NULL;
  gint64 n = pa_phones_export_finish (page, result, &error);

  if (n < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      title = g_strdup_printf (_("Could not export to “%s”: %s"), name, error->message);
    }
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u phone to “%s”",
                                          "Exported %u phones to “%s”", (gulong) n),
                             (guint) n, name);
  pa_show_toast (GTK_WIDGET (page), title);
}

void
pa_phones_export_to_file (PaPhonesPage *page,
                          GFile        *file)
{
  g_return_if_fail (PA_IS_PHONES_PAGE (page));
  g_return_if_fail (G_IS_FILE (file));

  pa_phones_export_async (page, file, pa_window_get_cancellable (GTK_WIDGET (page)), exported_cb,
                          g_object_ref (file));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PaPhonesPage    *page)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    pa_phones_export_to_file (page, file);
  g_object_unref (chooser);
}

void
pa_phones_export_interactive (PaPhonesPage *page)
{
  GtkRoot *root;
  GtkFileChooserNative *chooser;

  g_return_if_fail (PA_IS_PHONES_PAGE (page));

  root = gtk_widget_get_root (GTK_WIDGET (page));
  chooser = gtk_file_chooser_native_new (_("Export Phones to CSV"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  pa_file_chooser_start_in_documents (GTK_FILE_CHOOSER (chooser));
  /* Translators: the suggested file name of the exported phone list. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("phones.csv"));
  pa_file_chooser_add_csv_filter (GTK_FILE_CHOOSER (chooser));
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), page, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
