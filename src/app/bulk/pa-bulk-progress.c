/* pa-bulk-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A job over a few phones ends before anyone could read a bar: it shows
 * only once the job has run for a moment, and goes when it ends.
 */
#define G_LOG_DOMAIN "pa-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-bulk-progress.h"
#include "pa-phone-actions.h"

/* What "longer than a moment" is. */
#define SHOW_AFTER_MS 400

struct _PaBulkProgress
{
  AdwBin          parent_instance;

  GtkActionBar   *action_bar;
  GtkSpinner     *spinner;
  GtkLabel       *title_label;
  GtkWidget      *cancel_button;
  GtkProgressBar *bar;
  GtkLabel       *count_label;

  gconstpointer   owner;        /* the flow shown; NULL: none */
  PaClient       *client;
  PaJob          *job;
  char           *text;
  guint           show_id;
  gboolean        cancelling;
};

G_DEFINE_FINAL_TYPE (PaBulkProgress, pa_bulk_progress, ADW_TYPE_BIN)

static void
show (PaBulkProgress *self,
      gboolean        shown)
{
  gtk_action_bar_set_revealed (self->action_bar, shown);
  gtk_spinner_set_spinning (self->spinner, shown);
}

static void
update_widgets (PaBulkProgress *self)
{
  PaJob *job = self->job;
  double fraction = 0;

  if (job == NULL)
    return;
  if (job->total > 0)
    fraction = CLAMP ((double) job->done / (double) job->total, 0.0, 1.0);
  g_free (self->text);
  if (job->state == PA_JOB_QUEUED)
    self->text = g_strdup (_("Waiting for its turn"));
  else
    /* TRANSLATORS: how far a job is: "12 of 50" phones */
    self->text = g_strdup_printf (_("%lu of %lu"), (gulong) job->done, (gulong) job->total);
  gtk_progress_bar_set_fraction (self->bar, fraction);
  gtk_label_set_label (self->count_label, self->text);
  gtk_progress_bar_set_text (self->bar, self->text);
  gtk_widget_set_visible (self->cancel_button, job->state == PA_JOB_QUEUED && !self->cancelling);
}

static gboolean
show_cb (gpointer user_data)
{
  PaBulkProgress *self = user_data;

  self->show_id = 0;
  if (self->owner != NULL)
    show (self, TRUE);
  return G_SOURCE_REMOVE;
}

void
pa_bulk_progress_begin (PaBulkProgress *self,
                        gconstpointer   owner,
                        const char     *title,
                        PaClient       *client,
                        PaJob          *job)
{
  g_return_if_fail (PA_IS_BULK_PROGRESS (self));
  g_return_if_fail (owner != NULL);
  g_return_if_fail (PA_IS_CLIENT (client));
  g_return_if_fail (job != NULL);

  self->owner = owner;
  self->cancelling = FALSE;
  g_set_object (&self->client, client);
  g_clear_pointer (&self->job, pa_job_unref);
  self->job = pa_job_ref (job);
  gtk_label_set_label (self->title_label, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
  update_widgets (self);
  /* A job already shown goes on showing; a new one waits a moment. */
  if (!gtk_action_bar_get_revealed (self->action_bar) && self->show_id == 0)
    self->show_id = g_timeout_add (SHOW_AFTER_MS, show_cb, self);
}

void
pa_bulk_progress_update (PaBulkProgress *self,
                         gconstpointer   owner,
                         PaJob          *job)
{
  g_return_if_fail (PA_IS_BULK_PROGRESS (self));
  g_return_if_fail (job != NULL);

  if (owner != self->owner)
    return;
  g_clear_pointer (&self->job, pa_job_unref);
  self->job = pa_job_ref (job);
  update_widgets (self);
}

void
pa_bulk_progress_end (PaBulkProgress *self,
                      gconstpointer   owner)
{
  g_return_if_fail (PA_IS_BULK_PROGRESS (self));

  if (owner != self->owner)
    return;
  self->owner = NULL;
  g_clear_handle_id (&self->show_id, g_source_remove);
  g_clear_pointer (&self->job, pa_job_unref);
  show (self, FALSE);
}

/* ---- cancel --------------------------------------------------------- */

static void
cancelled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PaBulkProgress) self = user_data;
  g_autoptr(GError) error = NULL;

  if (pa_client_cancel_job_finish (PA_CLIENT (source), result, &error))
    return;   /* the job now says "cancelled", and its flow tells */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->cancelling = FALSE;
  update_widgets (self);
  if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_CONFLICT))
    pa_show_toast (GTK_WIDGET (self), _("The job has started and cannot be cancelled now"));
  else
    pa_report_error (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                     _("Could not cancel the job"), error);
}

static void
cancel_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PaBulkProgress *self = PA_BULK_PROGRESS (widget);

  if (self->job == NULL || self->client == NULL || self->cancelling)
    return;
  self->cancelling = TRUE;
  update_widgets (self);
  pa_client_cancel_job_async (self->client, self->job->id, NULL, cancelled_cb,
                              g_object_ref (self));
}

/* ---- for tests ------------------------------------------------------ */

gboolean
pa_bulk_progress_get_shown (PaBulkProgress *self)
{
  g_return_val_if_fail (PA_IS_BULK_PROGRESS (self), FALSE);
  return gtk_action_bar_get_revealed (self->action_bar);
}

const char *
pa_bulk_progress_get_title (PaBulkProgress *self)
{
  g_return_val_if_fail (PA_IS_BULK_PROGRESS (self), NULL);
  return gtk_label_get_label (self->title_label);
}

const char *
pa_bulk_progress_get_text (PaBulkProgress *self)
{
  g_return_val_if_fail (PA_IS_BULK_PROGRESS (self), NULL);
  return self->text;
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_bulk_progress_dispose (GObject *object)
{
  PaBulkProgress *self = PA_BULK_PROGRESS (object);

  g_clear_handle_id (&self->show_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_BULK_PROGRESS);
  G_OBJECT_CLASS (pa_bulk_progress_parent_class)->dispose (object);
}

static void
pa_bulk_progress_finalize (GObject *object)
{
  PaBulkProgress *self = PA_BULK_PROGRESS (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->job, pa_job_unref);
  g_free (self->text);
  G_OBJECT_CLASS (pa_bulk_progress_parent_class)->finalize (object);
}

static void
pa_bulk_progress_class_init (PaBulkProgressClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_bulk_progress_dispose;
  object_class->finalize = pa_bulk_progress_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/bulk/pa-bulk-progress.ui");
  gtk_widget_class_bind_template_child (widget_class, PaBulkProgress, spinner);
  gtk_widget_class_bind_template_child (widget_class, PaBulkProgress, title_label);
  gtk_widget_class_bind_template_child (widget_class, PaBulkProgress, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PaBulkProgress, bar);
  gtk_widget_class_bind_template_child (widget_class, PaBulkProgress, count_label);
  gtk_widget_class_install_action (widget_class, "progress.cancel", NULL, cancel_cb);
}

static void
pa_bulk_progress_init (PaBulkProgress *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child: not a bound template child, which
   * gtk_widget_dispose_template() would unparent before AdwBin does. */
  self->action_bar = GTK_ACTION_BAR (adw_bin_get_child (ADW_BIN (self)));
}

GtkWidget *
pa_bulk_progress_new (void)
{
  return g_object_new (PA_TYPE_BULK_PROGRESS, NULL);
}
