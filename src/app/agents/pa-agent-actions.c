/* pa-agent-actions.c — deleting an agent, and how routing is named
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-agent-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-agent-actions.h"
#include "pa-confirm-dialog.h"
#include "pa-phone-actions.h"

const char *
pa_agent_routing_to_string (PaAgentRouting routing)
{
  switch (routing)
    {
    case PA_AGENT_ROUTING_HARDWARE:
      return _("Hardware phone");
    case PA_AGENT_ROUTING_SOFTPHONE:
    default:
      return _("Browser softphone");
    }
}

typedef struct
{
  GtkWindow    *parent;
  PaRepository *repo;
  PaAgent      *agent;
  char         *name;
} DeleteData;

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->parent);
  g_clear_object (&data->repo);
  g_clear_object (&data->agent);
  g_free (data->name);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)

static void
delete_data_closure_notify (gpointer  data,
                            GClosure *closure)
{
  delete_data_free (data);
}

static void
message (GtkWindow  *parent,
         const char *heading,
         const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!pa_repository_delete_finish (PA_REPOSITORY (source), result, &error))
    {
      if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_CONFLICT))
        {
          /* The server names what is left (phones or SIP accounts). */
          text = g_strdup_printf (_("%s\n\nOpen the agent and unassign their phones first; "
                                    "nothing was deleted."), error->message);
          message (data->parent, _("Agent Still Has Phones"), text);
          return;
        }
      text = g_strdup_printf (_("Could not delete the agent: %s"), error->message);
      if (data->parent != NULL && pa_find_toast_overlay (GTK_WIDGET (data->parent)) != NULL)
        pa_show_toast (GTK_WIDGET (data->parent), text);
      else
        message (data->parent, _("Could Not Delete Agent"), error->message);
      return;
    }

  text = g_strdup_printf (_("Agent “%s” deleted"), data->name);
  if (data->parent != NULL)
    pa_show_toast (GTK_WIDGET (data->parent), text);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  DeleteData *data = user_data;
  DeleteData *copy;

  /* Act once: a response may be followed by the close's own response. */
  if (g_strcmp0 (response, "delete") != 0 || g_object_get_data (G_OBJECT (dialog), "pa-done"))
    return;
  g_object_set_data (G_OBJECT (dialog), "pa-done", GINT_TO_POINTER (TRUE));

  copy = g_new0 (DeleteData, 1);
  copy->parent = data->parent != NULL ? g_object_ref (data->parent) : NULL;
  copy->repo = g_object_ref (data->repo);
  copy->agent = g_object_ref (data->agent);
  copy->name = g_strdup (data->name);
  pa_repository_delete_async (data->repo, PA_RESOURCE (data->agent), NULL, deleted_cb, copy);
}

void
pa_agent_delete_interactive (GtkWindow    *parent,
                             PaRepository *repo,
                             PaAgent      *agent)
{
  DeleteData *data;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_REPOSITORY (repo));
  g_return_if_fail (PA_IS_AGENT (agent));

  data = g_new0 (DeleteData, 1);
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->repo = g_object_ref (repo);
  data->agent = g_object_ref (agent);
  data->name = g_strdup (pa_agent_get_name (agent));

  heading = g_strdup_printf (_("Delete “%s”?"), data->name);
  dialog = pa_confirm_dialog_new (parent, heading,
                                  _("The agent is removed from this server. An agent who "
                                    "still has phones cannot be deleted."),
                                  _("_Cancel"), "delete", _("_Delete"));
  g_signal_connect_data (dialog, "response", G_CALLBACK (confirm_response_cb),
                         data, delete_data_closure_notify, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
