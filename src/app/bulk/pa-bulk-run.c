/* pa-bulk-run.c — one action on many phones, from the first question to
 * the last toast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every step is asynchronous and hands the task on: the chooser, the
 * review (or the question), the job's POST, the wait for its end. The
 * work belongs to the outermost window: closed, its cancellable stops
 * the wait, and nothing is left to tell. The job itself runs on the
 * server whatever happens here.
 */
#define G_LOG_DOMAIN "pa-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-bulk-chooser.h"
#include "pa-bulk-report.h"
#include "pa-bulk-run.h"
#include "pa-confirm-dialog.h"
#include "pa-job-wait.h"
#include "pa-phone-push.h"
#include "pa-review-changes-dialog.h"
#include "pa-window-cancellable.h"

typedef struct
{
  GtkWindow          *parent;     /* weak: dialogs go here while it is there */
  GtkWindow          *outer;      /* weak: the window the work belongs to */
  PaRepository       *repo;
  const PaBulkAction *action;
  GPtrArray          *phones;     /* PaPhone */
  JsonNode           *choice;     /* NULL: none to make */
  gint64              not_before; /* Unix seconds; 0: now */
  JsonObject         *body;
  PaBulkProgress     *progress;   /* weak */
} BulkRun;

static void
bulk_run_free (BulkRun *run)
{
  g_clear_weak_pointer (&run->parent);
  g_clear_weak_pointer (&run->outer);
  g_clear_weak_pointer (&run->progress);
  g_clear_object (&run->repo);
  g_clear_pointer (&run->phones, g_ptr_array_unref);
  g_clear_pointer (&run->choice, json_node_unref);
  g_clear_pointer (&run->body, json_object_unref);
  g_free (run);
}

/* Where a dialog goes: the window that asked, or the main one once that
 * has gone. */
static GtkWindow *
dialog_parent (BulkRun *run)
{
  return run->parent != NULL ? run->parent : run->outer;
}

static PaClient *
run_client (BulkRun *run)
{
  return pa_repository_get_client (run->repo);
}

/* ---- 4. the end ----------------------------------------------------- */

static void
progress_cb (PaJob    *job,
             gpointer  user_data)
{
  BulkRun *run = user_data;

  if (run->progress != NULL)
    pa_bulk_progress_update (run->progress, run, job);
}

static void
waited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BulkRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaJob) job = pa_job_wait_finish (result, &error);

  if (run->progress != NULL)
    pa_bulk_progress_end (run->progress, run);
  if (job == NULL)
    {
      pa_bulk_report_lost (dialog_parent (run), error);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  pa_bulk_report_job (dialog_parent (run), run->repo, run->action, job,
                      pa_bulk_choice_is_cleared (run->choice), run->progress);
  g_task_return_pointer (task, g_steal_pointer (&job), (GDestroyNotify) pa_job_unref);
}

/* ---- 3. the job ----------------------------------------------------- */

static void
posted_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  BulkRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaJob) job = pa_client_create_job_finish (PA_CLIENT (source), result, &error);
  g_autofree char *title = NULL;

  if (job == NULL)
    {
      pa_bulk_report_not_started (dialog_parent (run), run->action, error);
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (run->not_before > 0 && job->state == PA_JOB_QUEUED)
    {
      /* It waits for the night on the server: nothing to follow now. */
      pa_bulk_report_scheduled (dialog_parent (run), run->repo, job, run->not_before);
      g_task_return_pointer (task, g_steal_pointer (&job), (GDestroyNotify) pa_job_unref);
      g_object_unref (task);
      return;
    }
  title = run->action->describe_running (run->phones->len);
  if (run->progress != NULL)
    pa_bulk_progress_begin (run->progress, run, title, PA_CLIENT (source), job);
  pa_job_wait_async (PA_CLIENT (source), job, g_task_get_cancellable (task), progress_cb, run,
                     waited_cb, task);
}

static void
post (GTask *task)
{
  BulkRun *run = g_task_get_task_data (task);

  pa_client_create_job_async (run_client (run), run->body, g_task_get_cancellable (task),
                              posted_cb, task);
}

/* ---- 2. the review or the question ---------------------------------- */

static void
reviewed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GError) error = NULL;

  if (pa_review_changes_run_finish (result, NULL, &error))
    {
      post (task);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, NULL, NULL);
  g_object_unref (task);
}

static void
question_cb (AdwMessageDialog *dialog,
             const char       *response,
             GTask            *task)
{
  g_signal_handlers_disconnect_by_func (dialog, question_cb, task);
  if (g_strcmp0 (response, "cancel") != 0)
    {
      post (task);
      return;
    }
  g_task_return_pointer (task, NULL, NULL);
  g_object_unref (task);
}

static GtkWidget *
delete_question (BulkRun *run)
{
  guint n = run->phones->len;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  if (n == 1)
    {
      PaPhone *phone = g_ptr_array_index (run->phones, 0);
      const char *name = pa_phone_get_name (phone);

      heading = g_strdup_printf (_("Delete “%s”?"), name != NULL && name[0] != '\0'
                                                    ? name : pa_phone_get_mac (phone));
    }
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u Phone?",
                                            "Delete %u Phones?", n), n);
  body = g_strjoin (" ",
                    g_dngettext (GETTEXT_PACKAGE,
                                 "The phone stops getting its configuration from this server.",
                                 "The phones stop getting their configuration from this server.",
                                 n),
                    g_dngettext (GETTEXT_PACKAGE,
                                 "This cannot be undone. A phone assigned to an agent is not "
                                 "deleted: unassign it first.",
                                 "This cannot be undone. If one of them is assigned to an agent, "
                                 "none is deleted: unassign it first.", n),
                    NULL);
  return pa_confirm_dialog_new (dialog_parent (run), heading, body, _("_Cancel"), "delete",
                                _("_Delete"));
}

static void
ask (GTask *task)
{
  BulkRun *run = g_task_get_task_data (task);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), run->phones->len);
  GtkWidget *question = NULL;

  for (guint i = 0; i < run->phones->len; i++)
    {
      gint64 id = pa_resource_get_id (g_ptr_array_index (run->phones, i));

      g_array_append_val (ids, id);
    }
  run->body = pa_bulk_job_body_new (run->action, ids, run->choice, run->not_before);
  g_array_unref (ids);

  switch (run->action->kind)
    {
    case PA_BULK_DATA:
      pa_review_changes_run_job_async (dialog_parent (run), run_client (run), run->body,
                                       _(run->action->confirm_label),
                                       g_task_get_cancellable (task), reviewed_cb, task);
      return;
    case PA_BULK_DELETE:
      question = delete_question (run);
      break;
    case PA_BULK_DEVICE:
      if (g_str_equal (run->action->id, "reboot"))
        question = pa_phone_push_reboot_question (dialog_parent (run), run->phones);
      break;
    default:
      g_assert_not_reached ();
    }
  if (question == NULL)
    {
      post (task);
      return;
    }
  g_signal_connect (question, "response", G_CALLBACK (question_cb), task);
  gtk_window_present (GTK_WINDOW (question));
}

/* ---- 1. the choice -------------------------------------------------- */

static void
chosen_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  BulkRun *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  run->choice = pa_bulk_chooser_run_finish (result, &run->not_before, &error);
  if (run->choice != NULL)
    {
      ask (task);
      return;
    }
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, NULL, NULL);
  g_object_unref (task);
}

void
pa_bulk_run_async (GtkWindow           *parent,
                   PaRepository        *repo,
                   const PaBulkAction  *action,
                   GPtrArray           *phones,
                   JsonNode            *choice,
                   PaBulkProgress      *progress,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  BulkRun *run;
  GTask *task;
  GCancellable *cancellable;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_REPOSITORY (repo));
  g_return_if_fail (action != NULL);
  g_return_if_fail (phones != NULL && phones->len > 0);
  g_return_if_fail (progress == NULL || PA_IS_BULK_PROGRESS (progress));

  run = g_new0 (BulkRun, 1);
  g_set_weak_pointer (&run->parent, parent);
  g_set_weak_pointer (&run->outer, pa_bulk_outermost_window (parent));
  g_set_weak_pointer (&run->progress, progress);
  run->repo = g_object_ref (repo);
  run->action = action;
  run->phones = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < phones->len; i++)
    g_ptr_array_add (run->phones, g_object_ref (g_ptr_array_index (phones, i)));

  cancellable = run->outer != NULL ? pa_window_get_cancellable (GTK_WIDGET (run->outer)) : NULL;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, pa_bulk_run_async);
  g_task_set_task_data (task, run, (GDestroyNotify) bulk_run_free);

  if (choice == NULL && action->choice != PA_BULK_CHOOSE_NOTHING)
    {
      pa_bulk_chooser_run_async (parent, repo, action, run->phones, cancellable, chosen_cb, task);
      return;
    }
  run->choice = choice != NULL ? json_node_copy (choice) : NULL;
  ask (task);
}

PaJob *
pa_bulk_run_finish (GAsyncResult  *result,
                    GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pa_bulk_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
forget_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PaJob) job = pa_bulk_run_finish (result, NULL);
}

void
pa_bulk_run (GtkWindow          *parent,
             PaRepository       *repo,
             const PaBulkAction *action,
             GPtrArray          *phones,
             PaBulkProgress     *progress)
{
  pa_bulk_run_async (parent, repo, action, phones, NULL, progress, forget_cb, NULL);
}
