/* pa-delete.c — deleting phones and agents, with Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the question says is derived from the repository when it is asked:
 * which phones are assigned (they are unassigned first, since the server
 * refuses to delete an assigned phone), which agents still have phones
 * (they cannot go). Undo creates each deleted object again from the copy
 * taken before it went; the server gives new ids, and a phone's own SIP
 * account, deleted with it, is made anew.
 */
#define G_LOG_DOMAIN "pa-delete"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-delete.h"
#include "pa-phone-usage.h"
#include "pa-phone-actions.h"
#include "pa-window-cancellable.h"
#include "pa-toast.h"

typedef struct
{
  GtkWindow    *parent;
  PaRepository *repo;
  GPtrArray    *items;     /* what the user chose, in order */
  GPtrArray    *deleted;   /* copies of those deleted, as they were */
  guint         next;      /* the item being worked on */
  gboolean      restoring;
  gboolean      answered;  /* the question was answered; see response_cb() */
  guint         restored;
} DeleteJob;

static void
delete_job_free (DeleteJob *job)
{
  g_clear_object (&job->parent);
  g_clear_object (&job->repo);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_clear_pointer (&job->deleted, g_ptr_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteJob, delete_job_free)

static void
delete_job_closure_free (gpointer  job,
                         GClosure *closure)
{
  delete_job_free (job);
}

static const char *
item_name (gpointer item)
{
  return PA_IS_PHONE (item) ? pa_phone_get_name (item) : pa_agent_get_name (item);
}

/* The window it was started from: closed, the rest is not done. */
static GCancellable *
job_cancellable (DeleteJob *job)
{
  return pa_window_get_cancellable (GTK_WIDGET (job->parent));
}

static PaAgent *
agent_of (DeleteJob *job,
          PaPhone   *phone)
{
  gint64 id = pa_phone_get_agent_id (phone);

  return id != 0 ? (PaAgent *) pa_repository_find (job->repo, PA_TYPE_AGENT, id) : NULL;
}

static guint
count_phones_of (PaRepository *repo,
                 PaAgent      *agent)
{
  return pa_phones_count_using (pa_repository_get_phones (repo), PA_PHONE_USES_AGENT,
                                pa_resource_get_id (PA_RESOURCE (agent)));
}

/* ---- the work, one item at a time ------------------------------------ */

static void step (DeleteJob *job);

static void
finished (DeleteJob    *job,
          const GError *error);

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeleteJob *job = user_data;
  g_autoptr(GError) error = NULL;

  if (!pa_repository_delete_finish (PA_REPOSITORY (source), result, &error))
    {
      finished (job, error);
      return;
    }
  job->next++;
  step (job);
}

/* A phone unassigned on the way to its deletion, or an object restored. */
static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  DeleteJob *job = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) saved = pa_repository_save_finish (PA_REPOSITORY (source), result,
                                                           NULL, &error);

  if (saved == NULL)
    {
      finished (job, error);
      return;
    }
  if (!job->restoring)
    {
      /* The save gave the phone a new revision; that is the one to delete. */
      pa_repository_delete_async (job->repo, saved, job_cancellable (job), deleted_cb, job);
      return;
    }
  job->restored++;
  job->next++;
  step (job);
}

/* A phone comes back with the lines that still exist and its agent, if
 * that agent is still there; without lines the server makes its own. */
static PaResource *
restorable_copy (DeleteJob  *job,
                 PaResource *gone)
{
  g_autoptr(PaResource) copy = pa_resource_copy (gone);

  pa_resource_set_id (copy, 0);
  pa_resource_set_revision (copy, 0);
  if (PA_IS_PHONE (copy))
    {
      PaPhone *phone = PA_PHONE (copy);
      GArray *lines = pa_phone_get_lines (phone);
      g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < lines->len; i++)
        {
          gint64 id = g_array_index (lines, gint64, i);

          if (pa_repository_find (job->repo, PA_TYPE_SIP_ACCOUNT, id) != NULL)
            g_array_append_val (kept, id);
        }
      pa_phone_set_lines (phone, (gint64 *) (gpointer) kept->data, kept->len);
      if (agent_of (job, phone) == NULL)
        pa_phone_set_agent_id (phone, 0);
    }
  return g_steal_pointer (&copy);
}

static void
step (DeleteJob *job)
{
  GPtrArray *todo = job->restoring ? job->deleted : job->items;
  PaResource *item;

  if (job->next >= todo->len)
    {
      finished (job, NULL);
      return;
    }
  item = g_ptr_array_index (todo, job->next);

  if (job->restoring)
    {
      g_autoptr(PaResource) copy = restorable_copy (job, item);

      pa_repository_save_async (job->repo, copy, job_cancellable (job), saved_cb, job);
      return;
    }

  g_ptr_array_add (job->deleted, pa_resource_copy (item));
  if (PA_IS_PHONE (item) && pa_phone_get_agent_id (PA_PHONE (item)) != 0)
    {
      g_autoptr(PaResource) copy = pa_resource_copy (item);

      pa_phone_set_agent_id (PA_PHONE (copy), 0);
      pa_repository_save_async (job->repo, copy, job_cancellable (job), saved_cb, job);
      return;
    }
  pa_repository_delete_async (job->repo, item, job_cancellable (job), deleted_cb, job);
}

/* ---- results ---------------------------------------------------------- */

static void
undo_clicked_cb (AdwToast  *toast,
                 DeleteJob *job)
{
  DeleteJob *undo = g_new0 (DeleteJob, 1);

  /* The toast keeps @job for another click; the undo works on its own. */
  undo->parent = job->parent != NULL ? g_object_ref (job->parent) : NULL;
  undo->repo = g_object_ref (job->repo);
  undo->items = g_ptr_array_new_with_free_func (g_object_unref);
  undo->deleted = g_ptr_array_ref (job->deleted);
  undo->restoring = TRUE;
  step (undo);
}

static char *
done_text (DeleteJob *job)
{
  guint n = job->restoring ? job->restored : job->deleted->len;
  gboolean phones = PA_IS_PHONE (g_ptr_array_index (job->deleted, 0));

  if (n == 1)
    return g_strdup_printf (job->restoring ? (phones ? _("Phone “%s” restored")
                                                     : _("Agent “%s” restored"))
                                           : (phones ? _("Phone “%s” deleted")
                                                     : _("Agent “%s” deleted")),
                            item_name (g_ptr_array_index (job->deleted, 0)));
  if (job->restoring)
    return g_strdup_printf (phones ? g_dngettext (NULL, "%u phone restored", "%u phones restored", n)
                                   : g_dngettext (NULL, "%u agent restored", "%u agents restored", n),
                            n);
  return g_strdup_printf (phones ? g_dngettext (NULL, "%u phone deleted", "%u phones deleted", n)
                                 : g_dngettext (NULL, "%u agent deleted", "%u agents deleted", n),
                          n);
}

static void
finished (DeleteJob    *job,
          const GError *error)
{
  g_autoptr(DeleteJob) owned = job;
  AdwToastOverlay *overlay = job->parent != NULL ? pa_find_toast_overlay (GTK_WIDGET (job->parent))
                                                 : NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    pa_report_error (job->parent,
                     job->restoring ? _("Could not restore") : _("Could not delete"), error);

  if (overlay == NULL || (job->restoring ? job->restored : job->deleted->len) == 0)
    return;

  {
    g_autofree char *text = done_text (job);
    AdwToast *toast = pa_toast_new (text);

    if (!job->restoring)
      {
        adw_toast_set_button_label (toast, _("_Undo"));
        g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_clicked_cb),
                               g_steal_pointer (&owned), delete_job_closure_free, 0);
      }
    pa_toast_add (overlay, toast);
  }
}

/* ---- the question ----------------------------------------------------- */

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             DeleteJob        *job)
{
  /* A response may be followed by the close's own: act once. Deleting
   * takes the job over; otherwise the handler's closure frees it once the
   * emission is over (freeing it here, it was read afterwards). */
  g_signal_handlers_disconnect_by_func (dialog, response_cb, job);
  if (g_strcmp0 (response, "delete") != 0)
    return;
  job->answered = TRUE;
  step (job);
}

static void
free_unanswered (gpointer  data,
                 GClosure *closure)
{
  DeleteJob *job = data;

  /* Cancelled, or the dialog went without an answer (its parent closed):
   * nothing happens. */
  if (!job->answered)
    delete_job_free (job);
}

/* The agents in @items who still have phones, as "Ann Smith (2 phones)". */
static GPtrArray *
agents_with_phones (DeleteJob *job)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < job->items->len; i++)
    {
      gpointer item = g_ptr_array_index (job->items, i);
      guint n;

      if (!PA_IS_AGENT (item) || (n = count_phones_of (job->repo, item)) == 0)
        continue;
      g_ptr_array_add (names, g_strdup_printf (g_dngettext (NULL, "%s (%u phone)", "%s (%u phones)", n),
                                               pa_agent_get_name (item), n));
    }
  return names;
}

static char *
join_names (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static char *
phones_body (DeleteJob *job)
{
  GString *body = g_string_new (NULL);
  g_autoptr(GPtrArray) agents = g_ptr_array_new_with_free_func (g_free);
  guint n = job->items->len;

  g_string_append (body, g_dngettext (NULL,
                                      "The phone stops getting its configuration from this "
                                      "server.",
                                      "The phones stop getting their configuration from this "
                                      "server.", n));
  for (guint i = 0; i < n; i++)
    {
      PaAgent *agent = agent_of (job, g_ptr_array_index (job->items, i));

      if (agent != NULL && !g_ptr_array_find_with_equal_func (agents, pa_agent_get_name (agent),
                                                               g_str_equal, NULL))
        g_ptr_array_add (agents, g_strdup (pa_agent_get_name (agent)));
    }
  if (agents->len > 0)
    {
      g_autofree char *names = join_names (g_ptr_array_ref (agents));

      g_string_append (body, " ");
      /* The agents lose these phones; with none left, their calls go to
       * the browser softphone (the server routes them). */
      g_string_append_printf (body,
                              n == 1 ? _("It is taken from %s first, whose calls go to the "
                                         "browser softphone if this was their only phone.")
                                     : _("Those assigned are taken from their agents first "
                                         "(%s); an agent left without a phone gets calls in "
                                         "the browser softphone."),
                              names);
    }
  return g_string_free (body, FALSE);
}

void
pa_delete_interactive (GtkWindow    *parent,
                       PaRepository *repo,
                       GPtrArray    *items)
{
  DeleteJob *job;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GPtrArray) blocked = NULL;
  gboolean phones;
  guint n;
  GtkWidget *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_REPOSITORY (repo));
  g_return_if_fail (items != NULL && items->len > 0);

  n = items->len;
  phones = PA_IS_PHONE (g_ptr_array_index (items, 0));
  job = g_new0 (DeleteJob, 1);
  job->parent = parent != NULL ? g_object_ref (parent) : NULL;
  job->repo = g_object_ref (repo);
  job->items = g_ptr_array_new_with_free_func (g_object_unref);
  job->deleted = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (job->items, g_object_ref (g_ptr_array_index (items, i)));

  if (!phones && (blocked = agents_with_phones (job))->len > 0)
    {
      g_autofree char *names = join_names (g_ptr_array_ref (blocked));

      /* Nothing to confirm: say what stands in the way, offer no Delete. */
      heading = g_strdup (n == 1 ? _("Agent Still Has Phones") : _("Agents Still Have Phones"));
      body = g_strdup_printf (n == 1 ? _("%s. Open the agent and unassign the phones, then "
                                         "delete it.")
                                     : _("%s. Open each agent and unassign the phones, then "
                                         "delete them."), names);
      dialog = adw_message_dialog_new (parent, heading, body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      delete_job_free (job);
      return;
    }

  if (n == 1)
    heading = g_strdup_printf (_("Delete “%s”?"), item_name (g_ptr_array_index (items, 0)));
  else
    heading = g_strdup_printf (phones ? g_dngettext (NULL, "Delete %u Phone?", "Delete %u Phones?", n)
                                      : g_dngettext (NULL, "Delete %u Agent?", "Delete %u Agents?", n),
                               n);
  body = phones ? phones_body (job)
                : g_strdup (g_dngettext (NULL, "The agent is removed from this server.",
                                         "The agents are removed from this server.", n));

  dialog = pa_confirm_dialog_new (parent, heading, body, _("_Cancel"), "delete", _("_Delete"));
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), job, free_unanswered, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
