/* pa-bulk-report.c — how a job on many phones ended, and its Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What went well is a toast; what went wrong is a dialog, since it names
 * phones and reasons that must be read, and a toast goes before that. The
 * Undo of a toast is a job too: posted, followed, told the same way.
 */
#define G_LOG_DOMAIN "pa-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-bulk-report.h"
#include "pa-job-wait.h"
#include "pa-phone-actions.h"
#include "pa-phone-push.h"
#include "pa-window-cancellable.h"
#include "pa-toast.h"

/* The tallest the list of phones not reached gets before it scrolls. */
#define MISSED_MAX_HEIGHT 260
/* About one row, its reason on two lines. */
#define MISSED_ROW_HEIGHT 72
/* Long enough to read the toast and reach its Undo. */
#define UNDO_TOAST_SECONDS 10

GtkWindow *
pa_bulk_outermost_window (GtkWindow *window)
{
  while (window != NULL && gtk_window_get_transient_for (window) != NULL)
    window = gtk_window_get_transient_for (window);
  return window;
}

/* The phone's name, its MAC when it has none, NULL when the repository
 * does not have it. */
static const char *
phone_name (PaRepository *repo,
            gint64        phone_id)
{
  PaResource *phone = repo != NULL ? pa_repository_find (repo, PA_TYPE_PHONE, phone_id) : NULL;
  const char *name;

  if (phone == NULL)
    return NULL;
  name = pa_phone_get_name (PA_PHONE (phone));
  return name != NULL && name[0] != '\0' ? name : pa_phone_get_mac (PA_PHONE (phone));
}

static char *
phone_number (gint64 phone_id)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, phone_id);

  /* TRANSLATORS: a phone the app does not know by name, by its number */
  return g_strdup_printf (_("Phone %s"), number);
}

char *
pa_bulk_phone_label (PaRepository *repo,
                     gint64        phone_id)
{
  const char *name = phone_name (repo, phone_id);

  /* TRANSLATORS: a phone's name in a sentence */
  return name != NULL ? g_strdup_printf (_("“%s”"), name) : phone_number (phone_id);
}

/* The last result told: a newer one takes its place (within a second), rather
 * than wait behind it (an Undo toast stays for a while). */
static AdwToast *last_toast;

static void
show_toast (GtkWindow *parent,
            AdwToast  *toast)
{
  AdwToastOverlay *overlay = parent != NULL ? pa_find_toast_overlay (GTK_WIDGET (parent)) : NULL;

  if (overlay == NULL)
    {
      g_debug ("No overlay for “%s”", adw_toast_get_title (toast));
      g_object_unref (g_object_ref_sink (toast));
      return;
    }
  if (last_toast != NULL)
    pa_toast_dismiss (last_toast);
  g_set_weak_pointer (&last_toast, toast);
  pa_toast_add (overlay, toast);
}

static GtkWidget *
message_new (GtkWindow  *parent,
             const char *heading,
             const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
  return dialog;
}

/* ---- failures ------------------------------------------------------- */

static void
report_failed (GtkWindow    *parent,
               PaRepository *repo,
               const char   *heading,
               PaJob        *job)
{
  g_autoptr(GString) body = g_string_new (job->error != NULL && job->error[0] != '\0'
                                          ? job->error : _("The server gave no reason."));
  gint64 phone_id = job->error_phone_id;
  GtkWidget *dialog;

  /* The phone refused, from the error or else from the results. */
  for (guint i = 0; phone_id == 0 && i < job->results->len; i++)
    {
      PaJobResult *result = g_ptr_array_index (job->results, i);

      if (g_strcmp0 (result->result, "failed") == 0)
        phone_id = result->phone_id;
    }
  if (phone_id > 0)
    {
      g_autofree char *label = pa_bulk_phone_label (repo, phone_id);
      PaResource *phone = pa_repository_find (repo, PA_TYPE_PHONE, phone_id);

      g_string_append (body, "\n\n");
      if (phone != NULL)
        /* TRANSLATORS: the phone a job was refused for, by name and MAC */
        g_string_append_printf (body, _("The phone: %s, %s."), label,
                                pa_phone_get_mac (PA_PHONE (phone)));
      else
        g_string_append_printf (body, _("The phone: %s."), label);
    }
  dialog = message_new (parent, heading, body->str);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pa_bulk_report_not_started (GtkWindow          *parent,
                            const PaBulkAction *action,
                            const GError       *error)
{
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  dialog = message_new (parent, action->kind == PA_BULK_DEVICE ? _("No Phone Was Reached")
                                                                : _("Nothing Was Changed"),
                        error->message);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
pa_bulk_report_lost (GtkWindow    *parent,
                     const GError *error)
{
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  body = g_strdup_printf (_("PhoneAdmin could not ask the server how the job went: %s\n\n"
                            "A job the server could not finish changes nothing. Once the server "
                            "is back, the list shows the phones as they are."), error->message);
  dialog = message_new (parent, _("Lost Track of the Job"), body);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- device actions ------------------------------------------------- */

static char *
miss_reason (PaJobResult *result)
{
  /* The reasons provd gives in English that the app can say itself. */
  static const struct { const char *reason; const char *result; } known[] = {
    { "no answer", "no_answer" },
    { "authentication failed", "auth_failed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_strcmp0 (result->reason, known[i].reason) == 0)
      return pa_sip_result_label (known[i].result, 0, NULL);
  /* "failed" says it with its reason; the other results by themselves. */
  if (result->reason != NULL && result->reason[0] != '\0'
      && g_strcmp0 (result->result, "no_address") != 0)
    return g_strdup (result->reason);
  return pa_sip_result_label (result->result, 0, result->reason);
}

static void
report_device (GtkWindow          *parent,
               PaRepository       *repo,
               const PaBulkAction *action,
               PaJob              *job)
{
  g_autoptr(GPtrArray) missed = g_ptr_array_new ();
  g_autofree char *heading = NULL;
  g_autofree char *reached = NULL;
  GtkWidget *dialog, *list, *scrolled;
  guint sent = 0;

  for (guint i = 0; i < job->results->len; i++)
    {
      PaJobResult *result = g_ptr_array_index (job->results, i);

      if (g_strcmp0 (result->result, "sent") == 0)
        sent++;
      else
        g_ptr_array_add (missed, result);
    }
  if (missed->len == 0)
    {
      g_autofree char *title = action->describe_done (sent, FALSE);

      show_toast (parent, pa_toast_new (title));
      return;
    }

  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Phone Was Not Reached",
                                          "%u Phones Were Not Reached", missed->len), missed->len);
  reached = sent > 0 ? action->describe_done (sent, FALSE) : NULL;
  dialog = message_new (parent, heading, reached);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Phones not reached"), -1);
  for (guint i = 0; i < missed->len; i++)
    {
      PaJobResult *result = g_ptr_array_index (missed, i);
      const char *name = phone_name (repo, result->phone_id);
      g_autofree char *number = name == NULL ? phone_number (result->phone_id) : NULL;
      g_autofree char *reason = miss_reason (result);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL ? name : number);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), reason);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), MISSED_MAX_HEIGHT);
  /* A message dialog gives its extra child no more than its minimum:
   * the first few rows show whole, the rest scroll. */
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled),
                                              MIN (MISSED_MAX_HEIGHT, (int) missed->len * MISSED_ROW_HEIGHT));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scrolled);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- undo ----------------------------------------------------------- */

typedef struct
{
  GtkWindow      *parent;     /* weak */
  PaRepository   *repo;
  PaBulkProgress *progress;   /* weak */
  gint64          job_id;
  guint           n_phones;
  gboolean        started;    /* one Undo per toast */
} Undo;

static void
undo_free (gpointer  data,
           GClosure *closure)
{
  Undo *undo = data;

  g_clear_weak_pointer (&undo->parent);
  g_clear_weak_pointer (&undo->progress);
  g_clear_object (&undo->repo);
  g_free (undo);
}

/* Held by the undo's requests; the toast may be gone by then. */
static Undo *
undo_copy (Undo *undo)
{
  Undo *copy = g_new0 (Undo, 1);

  g_set_weak_pointer (&copy->parent, undo->parent);
  g_set_weak_pointer (&copy->progress, undo->progress);
  copy->repo = g_object_ref (undo->repo);
  copy->job_id = undo->job_id;
  copy->n_phones = undo->n_phones;
  return copy;
}

static void
undo_progress_cb (PaJob    *job,
                  gpointer  user_data)
{
  Undo *undo = user_data;

  if (undo->progress != NULL)
    pa_bulk_progress_update (undo->progress, undo, job);
}

static void
undone_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Undo *undo = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaJob) job = pa_job_wait_finish (result, &error);

  if (undo->progress != NULL)
    pa_bulk_progress_end (undo->progress, undo);
  if (job == NULL)
    pa_bulk_report_lost (undo->parent, error);
  else if (job->state == PA_JOB_FAILED)
    report_failed (undo->parent, undo->repo, _("Nothing Was Undone"), job);
  else if (job->state == PA_JOB_CANCELLED)
    show_toast (undo->parent, pa_toast_new (_("Undo cancelled: no phone was changed")));
  else
    {
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Undone: %u phone is back as it was",
                                      "Undone: %u phones are back as they were", undo->n_phones),
                         undo->n_phones);

      show_toast (undo->parent, pa_toast_new (title));
    }
  undo_free (undo, NULL);
}

static void
undo_posted_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Undo *undo = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaJob) job = pa_client_undo_job_finish (PA_CLIENT (source), result, &error);
  GCancellable *cancellable = undo->parent != NULL
                              ? pa_window_get_cancellable (GTK_WIDGET (undo->parent)) : NULL;

  if (job == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_window_present (GTK_WINDOW (message_new (undo->parent, _("Nothing Was Undone"),
                                                     error->message)));
      undo_free (undo, NULL);
      return;
    }
  if (undo->progress != NULL)
    pa_bulk_progress_begin (undo->progress, undo, _("Undoing…"), PA_CLIENT (source), job);
  pa_job_wait_async (PA_CLIENT (source), job, cancellable, undo_progress_cb, undo, undone_cb,
                     undo);
}

static void
undo_clicked_cb (AdwToast *toast,
                 Undo     *undo)
{
  GCancellable *cancellable;

  if (undo->started || undo->parent == NULL)
    return;
  undo->started = TRUE;
  cancellable = pa_window_get_cancellable (GTK_WIDGET (undo->parent));
  pa_client_undo_job_async (pa_repository_get_client (undo->repo), undo->job_id, cancellable,
                            undo_posted_cb, undo_copy (undo));
}

/* @toast's button (@label) acts on @job: @clicked gets an Undo record
 * (the window, the repository, the job) that lives as long as the toast. */
static void
offer_on_toast (AdwToast       *toast,
                GtkWindow      *parent,
                PaRepository   *repo,
                PaJob          *job,
                PaBulkProgress *progress,
                const char     *label,
                GCallback       clicked)
{
  Undo *offer = g_new0 (Undo, 1);
  AdwToastOverlay *overlay = parent != NULL ? pa_find_toast_overlay (GTK_WIDGET (parent)) : NULL;
  GtkRoot *toast_window = overlay != NULL ? gtk_widget_get_root (GTK_WIDGET (overlay)) : NULL;

  /* It belongs to the window whose toast offers it. */
  g_set_weak_pointer (&offer->parent, GTK_IS_WINDOW (toast_window)
                                      ? GTK_WINDOW (toast_window)
                                      : pa_bulk_outermost_window (parent));
  g_set_weak_pointer (&offer->progress, progress);
  offer->repo = g_object_ref (repo);
  offer->job_id = job->id;
  offer->n_phones = (guint) job->total;
  adw_toast_set_button_label (toast, label);
  adw_toast_set_timeout (toast, UNDO_TOAST_SECONDS);
  g_signal_connect_data (toast, "button-clicked", clicked, offer, undo_free, 0);
}

/* ---- a scheduled job ------------------------------------------------ */

static void
scheduled_cancelled_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  Undo *scheduled = user_data;
  g_autoptr(GError) error = NULL;

  if (pa_client_cancel_job_finish (PA_CLIENT (source), result, &error))
    show_toast (scheduled->parent,
                pa_toast_new (_("Scheduled update cancelled: no phone was changed")));
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    gtk_window_present (GTK_WINDOW (message_new (scheduled->parent,
                                                 _("The Update Was Not Cancelled"),
                                                 error->message)));
  undo_free (scheduled, NULL);
}

static void
cancel_clicked_cb (AdwToast *toast,
                   Undo     *scheduled)
{
  if (scheduled->started || scheduled->parent == NULL)
    return;
  scheduled->started = TRUE;
  pa_client_cancel_job_async (pa_repository_get_client (scheduled->repo), scheduled->job_id,
                              pa_window_get_cancellable (GTK_WIDGET (scheduled->parent)),
                              scheduled_cancelled_cb, undo_copy (scheduled));
}

void
pa_bulk_report_scheduled (GtkWindow    *parent,
                          PaRepository *repo,
                          PaJob        *job,
                          gint64        not_before)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (not_before);
  /* TRANSLATORS: a time of day, 24-hour ("02:00"); see g_date_time_format() */
  g_autofree char *time = g_date_time_format (when, _("%H:%M"));
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (PA_IS_REPOSITORY (repo));
  g_return_if_fail (job != NULL);

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u phone is to update its firmware at %s",
                                        "%u phones are to update their firmware at %s",
                                        (guint) job->total),
                           (guint) job->total, time);
  toast = pa_toast_new (title);
  /* Until then the job waits on the server: cancelling it changes nothing. */
  offer_on_toast (toast, parent, repo, job, NULL, _("_Cancel Update"),
                  G_CALLBACK (cancel_clicked_cb));
  show_toast (parent, toast);
}

/* ---- the report ----------------------------------------------------- */

void
pa_bulk_report_job (GtkWindow          *parent,
                    PaRepository       *repo,
                    const PaBulkAction *action,
                    PaJob              *job,
                    gboolean            cleared,
                    PaBulkProgress     *progress)
{
  g_autofree char *title = NULL;
  AdwToast *toast;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_REPOSITORY (repo));
  g_return_if_fail (action != NULL);
  g_return_if_fail (job != NULL);

  switch (job->state)
    {
    case PA_JOB_FAILED:
      report_failed (parent, repo, action->kind == PA_BULK_DELETE ? _("No Phone Was Deleted")
                                   : action->kind == PA_BULK_DEVICE ? _("No Phone Was Reached")
                                                                    : _("Nothing Was Changed"),
                     job);
      return;
    case PA_JOB_CANCELLED:
      show_toast (parent, pa_toast_new (_("Cancelled: no phone was changed")));
      return;
    case PA_JOB_QUEUED:
    case PA_JOB_RUNNING:
      g_return_if_reached ();
    case PA_JOB_SUCCEEDED:
    default:
      break;
    }

  if (action->kind == PA_BULK_DEVICE)
    {
      report_device (parent, repo, action, job);
      return;
    }

  title = action->describe_done ((guint) job->total, cleared);
  toast = pa_toast_new (title);
  if (job->undoable && action->kind == PA_BULK_DATA)
    offer_on_toast (toast, parent, repo, job, progress, _("_Undo"), G_CALLBACK (undo_clicked_cb));
  show_toast (parent, toast);
}
