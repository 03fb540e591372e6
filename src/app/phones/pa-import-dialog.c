/* pa-import-dialog.c — Import from CSV…: a file read without blocking,
 * checked by the server row by row (a dry run), then written in one
 * transaction, and the new phones' SIP passwords shown once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The server checks the file, so the rows say what the import would do
 * with this server's agents, layouts and phones, not what the app guesses.
 * Import sends the bytes that were checked, not the file again: what was
 * listed is what is written.
 */
#define G_LOG_DOMAIN "pa-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-accessible-names.h"
#include "pa-confirm-dialog.h"
#include "pa-csv.h"
#include "pa-file-chooser.h"
#include "pa-import-dialog.h"
#include "pa-import-rows.h"
#include "pa-phone-filter.h"
#include "pa-scan-credential.h"
#include "pa-scan-credentials-dialog.h"
#include "pa-status-page.h"
#include "pa-window-cancellable.h"

struct _PaImportDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkButton            *close_button;
  GtkButton            *import_button;
  GtkSpinner           *spinner;
  GtkWidget            *error_box;
  GtkLabel             *error_label;
  GtkStack             *stack;
  GtkWidget            *choose_button;
  GtkSpinner           *checking_spinner;
  GtkImage             *summary_icon;
  GtkLabel             *summary_label;
  GtkWidget            *choose_again_button;
  GtkCheckButton       *errors_only_button;
  GtkListView          *rows_view;
  AdwStatusPage        *done_page;
  GtkWidget            *show_credentials_button;

  PaRepository         *repository;
  GListStore           *rows;            /* of PaImportRow */
  GtkCustomFilter      *errors_only;
  GFile                *file;            /* the one chosen last */
  GBytes               *csv;             /* its bytes once checked: what Import sends */
  guint                 n_errors;
  guint                 generation;      /* per file: answers for an older one are dropped */
  gboolean              busy;
  gboolean              importing;
  gboolean              done;
  gboolean              close_confirmed;
  char                 *summary;
  char                 *error;
  GListStore           *credentials;     /* of PaScanCredential */
  GtkWidget            *summary_dialog;  /* the passwords' window while open */
  GtkFileChooserNative *chooser;
  AdwMessageDialog     *confirmation;    /* weak */
};

G_DEFINE_FINAL_TYPE (PaImportDialog, pa_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GCancellable *
cancellable_of (PaImportDialog *self)
{
  return pa_window_get_cancellable (GTK_WIDGET (self));
}

/* ---- what the window shows ------------------------------------------ */

static void
update_actions (PaImportDialog *self)
{
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  gboolean can_run = self->csv != NULL && !self->busy && !self->done && n_rows > 0
                     && self->n_errors == 0;
  g_autofree char *label = NULL;
  g_autofree char *reason = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file",
                                 !self->importing && !self->done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.run", can_run);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.show-credentials",
                                 self->done
                                 && g_list_model_get_n_items (G_LIST_MODEL (self->credentials)) > 0);

  if (self->csv != NULL && n_rows > 0 && self->n_errors == 0)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %u Phone", "_Import %u Phones",
                                          n_rows), n_rows);
  else
    label = g_strdup (_("_Import"));
  gtk_button_set_label (self->import_button, label);

  /* Why it is off, where a disabled button would otherwise say nothing. */
  if (self->busy)
    reason = g_strdup (_("Waiting for the server"));
  else if (self->csv == NULL)
    reason = g_strdup (_("Choose a CSV file first"));
  else if (self->n_errors > 0)
    reason = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Fix the row with errors in the file, then choose it again",
                                           "Fix the %u rows with errors in the file, then choose it again",
                                           self->n_errors), self->n_errors);
  else
    reason = g_strdup (_("Create every phone of the file on the server in one go (Ctrl+Enter)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_button), reason);

  gtk_widget_set_visible (GTK_WIDGET (self->import_button), !self->done);
  gtk_button_set_label (self->close_button, self->done ? _("_Close") : _("_Cancel"));
}

static void
set_busy (PaImportDialog *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_spinner_set_spinning (self->checking_spinner, busy);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_error (PaImportDialog *self,
            const char     *message)
{
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (self->error_box, message != NULL);
}

static void
update_summary (PaImportDialog *self)
{
  guint n_rows = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  guint ready = n_rows - self->n_errors;

  g_free (self->summary);
  if (self->n_errors == 0)
    self->summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone ready to import",
                                                  "%u phones ready to import", ready), ready);
  else
    {
      g_autofree char *ready_text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone ready", "%u phones ready",
                                      ready), ready);
      g_autofree char *errors_text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row with errors",
                                      "%u rows with errors", self->n_errors), self->n_errors);

      /* Translators: "12 phones ready, 2 rows with errors — fix …" */
      self->summary = g_strdup_printf (_("%s, %s — fix the file and choose it again"),
                                       ready_text, errors_text);
    }
  gtk_label_set_text (self->summary_label, self->summary);
  gtk_image_set_from_icon_name (self->summary_icon, self->n_errors > 0 ? "dialog-error-symbolic"
                                                                        : "emblem-ok-symbolic");
  if (self->n_errors > 0)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "success");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_icon), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_icon), "success");
    }

  /* Worth it only where there is something to hide. */
  gtk_widget_set_visible (GTK_WIDGET (self->errors_only_button),
                          self->n_errors > 0 && self->n_errors < n_rows);
  if (self->n_errors == 0)
    gtk_check_button_set_active (self->errors_only_button, FALSE);
}

static void
show_rows (PaImportDialog *self,
           PaImportResult *result)
{
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  self->n_errors = result->n_errors;
  g_list_store_splice (self->rows, 0, old, result->rows->pdata, result->rows->len);
  update_summary (self);
  gtk_stack_set_visible_child_name (self->stack, "rows");
  update_actions (self);
}

static void
clear_rows (PaImportDialog *self)
{
  g_list_store_remove_all (self->rows);
  self->n_errors = 0;
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->csv, g_bytes_unref);
}

/* The file could not be checked at all: back to choosing one, saying why. */
static void
check_failed (PaImportDialog *self,
              const char     *message)
{
  clear_rows (self);
  show_error (self, message);
  gtk_stack_set_visible_child_name (self->stack, "choose");
  set_busy (self, FALSE);
  update_actions (self);
  gtk_widget_grab_focus (self->choose_button);
}

/* ---- the rows ------------------------------------------------------- */

static gboolean
errors_only_func (gpointer item,
                  gpointer user_data)
{
  PaImportDialog *self = user_data;

  return !gtk_check_button_get_active (self->errors_only_button)
         || pa_import_row_get_error (item) != NULL;
}

static void
errors_only_toggled_cb (PaImportDialog *self)
{
  gtk_filter_changed (GTK_FILTER (self->errors_only),
                      gtk_check_button_get_active (self->errors_only_button)
                      ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
}

/* ---- reading and checking a file ------------------------------------ */

/* One request's context: the dialog, and which file it was for. No
 * reference: every request runs with the window's cancellable, which is
 * cancelled when the window closes or goes, so an answer that finds it
 * cancelled never looks at the dialog. */
typedef struct
{
  PaImportDialog *self;
  guint           generation;
} Request;

static Request *
request_new (PaImportDialog *self)
{
  Request *request = g_new0 (Request, 1);

  request->self = self;
  request->generation = self->generation;
  return request;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, g_free)

/* Whether the answer is still wanted: the window is open and no other
 * file was chosen since. The error is looked at first, and the dialog
 * only when it was not cancelled. */
static gboolean
request_current (Request      *request,
                 const GError *error)
{
  return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         && request->generation == request->self->generation;
}

static void
checked_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  PaImportDialog *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaImportResult) answer = NULL;

  answer = pa_client_import_phones_finish (PA_CLIENT (source), result, NULL, &error);
  if (!request_current (request, error))
    return;
  if (answer == NULL)
    {
      check_failed (self, error->message);
      return;
    }

  show_rows (self, answer);
  set_busy (self, FALSE);
  /* Where the next step is: Import, or choosing the fixed file. */
  if (gtk_widget_is_sensitive (GTK_WIDGET (self->import_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->import_button));
  else
    gtk_widget_grab_focus (self->choose_again_button);
}

static void
file_loaded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  PaImportDialog *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_file_load_bytes_finish (G_FILE (source), result, NULL, &error);
  g_autofree char *name = g_file_get_basename (G_FILE (source));
  g_autofree char *message = NULL;

  if (!request_current (request, error))
    return;
  if (bytes == NULL)
    {
      message = g_strdup_printf (_("Could not read “%s”: %s"), name, error->message);
      check_failed (self, message);
      return;
    }
  /* The server refuses it anyway; no need to send 50 MB to hear that. */
  if (g_bytes_get_size (bytes) > PA_CSV_MAX_BYTES)
    {
      message = g_strdup_printf (_("“%s” is larger than %u MB. Split it into smaller files and "
                                   "import them one after the other."),
                                 name, (guint) (PA_CSV_MAX_BYTES / (1024 * 1024)));
      check_failed (self, message);
      return;
    }

  self->csv = g_bytes_ref (bytes);
  pa_client_import_phones_async (pa_repository_get_client (self->repository), bytes, TRUE,
                                 cancellable_of (self), checked_cb, g_steal_pointer (&request));
}

void
pa_import_dialog_load_file (PaImportDialog *self,
                            GFile          *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (PA_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->importing || self->done)
    return;

  self->generation++;
  g_set_object (&self->file, file);
  name = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, name);
  /* The rows of another file would read as this one's. */
  clear_rows (self);
  show_error (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "checking");
  set_busy (self, TRUE);
  update_actions (self);

  g_file_load_bytes_async (file, cancellable_of (self), file_loaded_cb, request_new (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     PaImportDialog  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    pa_import_dialog_load_file (self, file);
}

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaImportDialog *self = PA_IMPORT_DIALOG (widget);

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Phones from CSV"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (self->file != NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->file);

      /* Back where the file was: it is chosen again once fixed. */
      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }
  else
    pa_file_chooser_start_in_documents (GTK_FILE_CHOOSER (self->chooser));
  pa_file_chooser_add_csv_filter (GTK_FILE_CHOOSER (self->chooser));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- importing ------------------------------------------------------ */

static void
summary_destroyed_cb (PaImportDialog *self)
{
  self->summary_dialog = NULL;
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    gtk_widget_grab_focus (self->show_credentials_button);
}

static void
show_credentials_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PaImportDialog *self = PA_IMPORT_DIALOG (widget);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->credentials)) == 0)
    return;
  if (self->summary_dialog == NULL)
    {
      self->summary_dialog = pa_scan_credentials_dialog_new (GTK_WINDOW (self),
                                                             G_LIST_MODEL (self->credentials));
      g_signal_connect_object (self->summary_dialog, "destroy",
                               G_CALLBACK (summary_destroyed_cb), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->summary_dialog));
}

/* The phones are written: the list gives way to what was made, and the
 * passwords are shown at once, being shown nowhere else. */
static void
import_done (PaImportDialog *self,
             guint           n_created)
{
  guint n_credentials = g_list_model_get_n_items (G_LIST_MODEL (self->credentials));
  g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Phone Imported",
                                                         "%u Phones Imported", n_created),
                                            n_created);

  self->importing = FALSE;
  self->done = TRUE;
  g_clear_pointer (&self->csv, g_bytes_unref);
  adw_status_page_set_title (self->done_page, title);
  pa_status_page_set_description_text (self->done_page,
                                       n_credentials > 0
                                       ? _("Their SIP passwords are shown only once. Copy them or "
                                           "save them as CSV before you close this window.")
                                       : _("They are on the server now."));
  gtk_widget_set_visible (self->show_credentials_button, n_credentials > 0);
  gtk_stack_set_visible_child_name (self->stack, "done");
  set_busy (self, FALSE);
  update_actions (self);
  gtk_widget_grab_focus (n_credentials > 0 ? self->show_credentials_button
                                           : GTK_WIDGET (self->close_button));
  if (n_credentials > 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "import.show-credentials", NULL);
}

/* After the import: each new phone's setup link needs the phone (its
 * token), which the change stream may not have brought yet; those are
 * fetched one after the other. As for a Request, @self is no reference. */
typedef struct
{
  PaImportDialog *self;
  PaImportResult *result;
  GHashTable     *rows_by_line;   /* line → PaImportRow */
  guint           next;
} Gathering;

static void
gathering_free (Gathering *gathering)
{
  g_clear_pointer (&gathering->result, pa_import_result_free);
  g_clear_pointer (&gathering->rows_by_line, g_hash_table_unref);
  g_free (gathering);
}

static void
keep_credential (Gathering       *gathering,
                 PaImportCreated *created,
                 PaPhone         *phone)
{
  PaImportDialog *self = gathering->self;
  PaImportRow *row = g_hash_table_lookup (gathering->rows_by_line,
                                          GUINT_TO_POINTER (created->line));
  g_autoptr(PaScanCredential) credential = NULL;
  g_autofree char *link = NULL;

  if (created->sip_password == NULL)
    return;
  if (phone != NULL)
    link = pa_repository_get_setup_link (self->repository, phone);
  /* Without the phone, the row says what it is; the password is never
   * dropped for want of its link. */
  credential = pa_scan_credential_new (created->phone_id,
                                       phone != NULL ? pa_phone_get_name (phone)
                                       : row != NULL ? pa_import_row_get_name (row) : NULL,
                                       phone != NULL ? pa_phone_get_mac (phone)
                                       : row != NULL ? pa_import_row_get_mac (row) : NULL,
                                       link, created->sip_username, created->sip_password);
  g_list_store_append (self->credentials, credential);
}

static void gather_next (Gathering *gathering);

static void
phone_fetched_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Gathering *gathering = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) phone = pa_client_get_finish (PA_CLIENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gathering_free (gathering);
      return;
    }
  if (phone == NULL)
    g_debug ("No setup link for a new phone: %s", error->message);
  keep_credential (gathering, g_ptr_array_index (gathering->result->created, gathering->next),
                   phone != NULL ? PA_PHONE (phone) : NULL);
  gathering->next++;
  gather_next (gathering);
}

static void
gather_next (Gathering *gathering)
{
  PaImportDialog *self = gathering->self;
  GPtrArray *created = gathering->result->created;

  while (gathering->next < created->len)
    {
      PaImportCreated *made = g_ptr_array_index (created, gathering->next);
      PaResource *phone = pa_repository_find (self->repository, PA_TYPE_PHONE, made->phone_id);

      if (phone == NULL && made->sip_password != NULL)
        {
          pa_client_get_async (pa_repository_get_client (self->repository), PA_TYPE_PHONE,
                               made->phone_id, cancellable_of (self), phone_fetched_cb,
                               gathering);
          return;
        }
      keep_credential (gathering, made, phone != NULL ? PA_PHONE (phone) : NULL);
      gathering->next++;
    }
  import_done (self, created->len);
  gathering_free (gathering);
}

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  PaImportDialog *self = request->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaImportResult) rejected = NULL;
  PaImportResult *answer;
  Gathering *gathering;

  answer = pa_client_import_phones_finish (PA_CLIENT (source), result, &rejected, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer == NULL)
    {
      self->importing = FALSE;
      if (rejected != NULL)
        {
          /* Checked, then refused: the server changed in between (someone
           * added one of these phones). The rows say which. */
          show_rows (self, rejected);
          show_error (self, _("Nothing was imported: some rows cannot be imported any more. "
                              "They are marked below."));
        }
      else
        show_error (self, error->message);
      /* Nothing was written and the rows are still here: Import again. */
      set_busy (self, FALSE);
      update_actions (self);
      return;
    }

  gathering = g_new0 (Gathering, 1);
  gathering->self = self;
  gathering->result = answer;
  gathering->rows_by_line = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < answer->rows->len; i++)
    {
      PaImportRow *row = g_ptr_array_index (answer->rows, i);

      g_hash_table_insert (gathering->rows_by_line, GUINT_TO_POINTER (pa_import_row_get_line (row)),
                           row);
    }
  gather_next (gathering);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PaImportDialog *self = PA_IMPORT_DIALOG (widget);

  if (self->csv == NULL || self->busy || self->done || self->n_errors > 0)
    return;

  self->importing = TRUE;
  show_error (self, NULL);
  set_busy (self, TRUE);
  pa_client_import_phones_async (pa_repository_get_client (self->repository), self->csv, FALSE,
                                 cancellable_of (self), imported_cb, request_new (self));
}

/* ---- closing -------------------------------------------------------- */

static void
confirmation_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          PaImportDialog   *self)
{
  if (g_str_equal (response, "close"))
    {
      self->close_confirmed = TRUE;
      pa_close_after_response (GTK_WINDOW (self));
    }
}

/* Shown once, and forgotten with the window. */
static void
forget_credentials (PaImportDialog *self)
{
  if (self->summary_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->summary_dialog));
  if (self->credentials == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->credentials)); i++)
    {
      g_autoptr(PaScanCredential) credential =
        g_list_model_get_item (G_LIST_MODEL (self->credentials), i);

      pa_scan_credential_wipe (credential);
    }
}

/* The passwords come only in the import's answer: closing while it is on
 * its way would lose them without a word, so ask. */
static gboolean
pa_import_dialog_close_request (GtkWindow *window)
{
  PaImportDialog *self = PA_IMPORT_DIALOG (window);
  GtkWidget *dialog;

  if (!self->importing || self->close_confirmed)
    {
      g_cancellable_cancel (cancellable_of (self));
      forget_credentials (self);
      return GTK_WINDOW_CLASS (pa_import_dialog_parent_class)->close_request (window);
    }

  if (self->confirmation != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->confirmation));
      return TRUE;
    }
  dialog = pa_confirm_dialog_new (window, _("Stop Waiting for the Import?"),
                                  _("The server may be creating the phones now. Their SIP "
                                    "passwords are shown only when it answers: closing now "
                                    "loses them, and they can only be replaced with new ones."),
                                  _("_Keep Waiting"), "close", _("_Close Anyway"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirmation_response_cb), self, 0);
  self->confirmation = ADW_MESSAGE_DIALOG (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->confirmation);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_import_dialog_dispose (GObject *object)
{
  PaImportDialog *self = PA_IMPORT_DIALOG (object);

  if (self->chooser != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->chooser, self);
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->confirmation != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->confirmation),
                                    (gpointer *) &self->confirmation);
      self->confirmation = NULL;
    }
  forget_credentials (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->repository);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (pa_import_dialog_parent_class)->dispose (object);
}

static void
pa_import_dialog_finalize (GObject *object)
{
  PaImportDialog *self = PA_IMPORT_DIALOG (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->errors_only);
  g_clear_object (&self->file);
  g_clear_pointer (&self->csv, g_bytes_unref);
  g_free (self->summary);
  g_free (self->error);

  G_OBJECT_CLASS (pa_import_dialog_parent_class)->finalize (object);
}

static void
pa_import_dialog_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PaImportDialog *self = PA_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_import_dialog_class_init (PaImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pa_import_dialog_dispose;
  object_class->finalize = pa_import_dialog_finalize;
  object_class->get_property = pa_import_dialog_get_property;
  window_class->close_request = pa_import_dialog_close_request;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/phones/pa-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, error_box);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, checking_spinner);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, summary_icon);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, choose_again_button);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, errors_only_button);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, rows_view);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, PaImportDialog, show_credentials_button);
  gtk_widget_class_bind_template_callback (widget_class, errors_only_toggled_cb);

  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "import.show-credentials", NULL,
                                   show_credentials_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "import.choose-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "import.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "import.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "import.show-credentials", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pa_import_dialog_init (PaImportDialog *self)
{
  g_autoptr(GtkListItemFactory) factory = pa_import_rows_factory_new ();
  GtkFilterListModel *shown;

  self->rows = g_list_store_new (PA_TYPE_IMPORT_ROW);
  self->credentials = g_list_store_new (PA_TYPE_SCAN_CREDENTIAL);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->errors_only = gtk_custom_filter_new (errors_only_func, self, NULL);
  shown = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                     GTK_FILTER (g_object_ref (self->errors_only)));
  gtk_list_view_set_factory (self->rows_view, factory);
  gtk_list_view_set_model (self->rows_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (shown))));

  update_actions (self);
  pa_focus_when_shown (GTK_WINDOW (self), self->choose_button);
}

GtkWidget *
pa_import_dialog_new (GtkWindow    *parent,
                      PaRepository *repo)
{
  PaImportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);

  self = g_object_new (PA_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->repository = g_object_ref (repo);
  return GTK_WIDGET (self);
}

gboolean
pa_import_dialog_get_busy (PaImportDialog *self)
{
  g_return_val_if_fail (PA_IS_IMPORT_DIALOG (self), FALSE);
  return self->busy;
}

const char *
pa_import_dialog_get_state (PaImportDialog *self)
{
  g_return_val_if_fail (PA_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

GListModel *
pa_import_dialog_get_rows (PaImportDialog *self)
{
  g_return_val_if_fail (PA_IS_IMPORT_DIALOG (self), NULL);
  return G_LIST_MODEL (self->rows);
}

const char *
pa_import_dialog_get_summary (PaImportDialog *self)
{
  g_return_val_if_fail (PA_IS_IMPORT_DIALOG (self), NULL);
  return self->summary;
}

const char *
pa_import_dialog_get_error (PaImportDialog *self)
{
  g_return_val_if_fail (PA_IS_IMPORT_DIALOG (self), NULL);
  return self->error;
}

GListModel *
pa_import_dialog_get_credentials (PaImportDialog *self)
{
  g_return_val_if_fail (PA_IS_IMPORT_DIALOG (self), NULL);
  return G_LIST_MODEL (self->credentials);
}

GtkWidget *
pa_import_dialog_get_credentials_dialog (PaImportDialog *self)
{
  g_return_val_if_fail (PA_IS_IMPORT_DIALOG (self), NULL);
  return self->summary_dialog;
}

GtkFileChooser *
pa_import_dialog_get_chooser (PaImportDialog *self)
{
  g_return_val_if_fail (PA_IS_IMPORT_DIALOG (self), NULL);
  return self->chooser != NULL ? GTK_FILE_CHOOSER (self->chooser) : NULL;
}

AdwMessageDialog *
pa_import_dialog_get_confirmation (PaImportDialog *self)
{
  g_return_val_if_fail (PA_IS_IMPORT_DIALOG (self), NULL);
  return self->confirmation;
}
