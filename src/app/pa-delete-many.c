/* pa-delete-many.c — asking once, then deleting resources one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Profiles, Layouts and Firmware pages share when several items
 * are deleted. Phones and agents have pa-delete.c, which also unassigns
 * and offers Undo.
 */
#define G_LOG_DOMAIN "pa-delete"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-delete-many.h"
#include "pa-phone-actions.h"
#include "pa-window-cancellable.h"

typedef struct
{
  GtkWindow          *parent;
  PaRepository       *repository;
  GPtrArray          *items;      /* as chosen */
  const PaDeleteKind *kind;
  GPtrArray          *deleted;    /* char *, the names of those gone */
  guint               next;
  gboolean            answered;   /* Delete was chosen: the deletions own the job */
} DeleteMany;

static void
delete_many_free (DeleteMany *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->repository);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_pointer (&job->deleted, g_ptr_array_unref);
  g_free (job);
}

static void delete_next (DeleteMany *job);

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeleteMany *job = user_data;
  const char *name = job->kind->get_name (g_ptr_array_index (job->items, job->next));
  g_autoptr(GError) error = NULL;

  if (pa_repository_delete_finish (PA_REPOSITORY (source), result, &error))
    g_ptr_array_add (job->deleted, g_strdup (name));
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      delete_many_free (job);   /* the window went */
      return;
    }
  else
    {
      g_autofree char *heading = g_strdup_printf (_("Could not delete “%s”"), name);

      /* The server's reason says what still uses it. */
      pa_report_error (job->parent, heading, error);
    }
  job->next++;
  delete_next (job);
}

static void
delete_next (DeleteMany *job)
{
  if (job->next < job->items->len)
    {
      pa_repository_delete_async (job->repository, g_ptr_array_index (job->items, job->next),
                                  job->parent != NULL
                                  ? pa_window_get_cancellable (GTK_WIDGET (job->parent)) : NULL,
                                  deleted_cb, job);
      return;
    }
  if (job->deleted->len > 0 && job->parent != NULL)
    {
      g_autofree char *text = job->kind->describe_deleted (job->deleted);

      pa_show_toast (GTK_WIDGET (job->parent), text);
    }
  delete_many_free (job);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             DeleteMany       *job)
{
  gboolean go = g_strcmp0 (response, "delete") == 0;

  /* One answer per question: closing afterwards answers "cancel" too.
   * Unanswered, the handler's closure frees the job once the emission is
   * over (see free_unanswered()). */
  job->answered = job->answered || go;
  g_signal_handlers_disconnect_by_func (dialog, response_cb, job);
  if (go)
    delete_next (job);
}

/* The question went without Delete (cancelled, or its window closed). */
static void
free_unanswered (gpointer  data,
                 GClosure *closure)
{
  DeleteMany *job = data;

  if (!job->answered)
    delete_many_free (job);
}

void
pa_delete_many_interactive (GtkWindow          *parent,
                            PaRepository       *repository,
                            GPtrArray          *items,
                            const PaDeleteKind *kind,
                            const char         *heading,
                            const char         *body)
{
  DeleteMany *job;
  GtkWidget *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_REPOSITORY (repository));
  g_return_if_fail (items != NULL && kind != NULL);

  if (items->len == 0)
    return;
  job = g_new0 (DeleteMany, 1);
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  job->repository = g_object_ref (repository);
  job->kind = kind;
  job->deleted = g_ptr_array_new_with_free_func (g_free);
  job->items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (job->items, g_object_ref (g_ptr_array_index (items, i)));

  dialog = pa_confirm_dialog_new (parent, heading, body, _("_Cancel"), "delete", _("_Delete"));
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), job, free_unanswered, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
