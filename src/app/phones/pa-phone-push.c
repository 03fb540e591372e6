/* pa-phone-push.c — telling phones over SIP to resync or reboot, and what
 * they made of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * provd answers a push at once and sends the NOTIFY; how the phone took it
 * comes back later as the phone's sip_action, which the change stream
 * puts into the repository's object. So a push watches its phones' objects
 * and speaks once every phone has a result (or after the SIP timers).
 */
#define G_LOG_DOMAIN "pa-phone-push"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pa-confirm-dialog.h"
#include "pa-phone-actions.h"
#include "pa-phone-filter.h"
#include "pa-phone-push.h"
#include "pa-window-cancellable.h"
#include "pa-toast.h"

/* Timer F (32 s) and the way back through the change stream. */
#define RESULT_WAIT_SECONDS 45

typedef struct
{
  GtkWindow    *parent;       /* weak: the toasts go to what is still there */
  PaRepository *repo;
  GPtrArray    *phones;       /* PaPhone, the repository's objects */
  PaPhonePush   action;
  gint64        started;      /* Unix seconds: results before it are older pushes' */
  GPtrArray    *results;      /* per phone: its result ("answered", …), or NULL */
  GPtrArray    *errors;       /* per phone: the request's error message, or NULL */
  GArray       *handlers;     /* per phone: its notify::sip-action handler */
  AdwToast     *progress;
  guint         timeout_id;
  gboolean      done;
  guint         refs;         /* the job's own, and one per request under way */
} PushJob;

/* Stops listening: no more results are taken. */
static void
push_job_stop (PushJob *job)
{
  for (guint i = 0; i < job->phones->len; i++)
    g_clear_signal_handler (&g_array_index (job->handlers, gulong, i),
                            g_ptr_array_index (job->phones, i));
  g_clear_handle_id (&job->timeout_id, g_source_remove);
}

static void
push_job_unref (PushJob *job)
{
  if (--job->refs > 0)
    return;
  push_job_stop (job);
  g_clear_weak_pointer (&job->parent);
  g_clear_object (&job->repo);
  g_ptr_array_unref (job->phones);
  g_ptr_array_unref (job->results);
  g_ptr_array_unref (job->errors);
  g_array_unref (job->handlers);
  g_clear_object (&job->progress);
  g_free (job);
}

char *
pa_sip_result_label (const char *result,
                     gint64      code,
                     const char *reason)
{
  g_autofree char *kind = g_strndup (result != NULL ? result : "",
                                     strcspn (result != NULL ? result : "", ":"));

  if (g_str_equal (kind, "answered"))
    return g_strdup (_("answered"));
  if (g_str_equal (kind, "rejected") && code > 0)
    return g_strdup_printf (_("refused (%d %s)"), (int) code, reason != NULL ? reason : "");
  if (g_str_equal (kind, "rejected"))
    return g_strdup (_("refused"));
  if (g_str_equal (kind, "auth_failed"))
    return g_strdup (_("its SIP password was refused"));
  if (g_str_equal (kind, "no_answer"))
    return g_strdup (_("no answer"));
  if (g_str_equal (kind, "no_address"))
    return g_strdup (_("no address known yet: it has not fetched its settings"));
  if (g_str_equal (kind, "failed"))
    return g_strdup (_("it could not be sent"));
  return g_strdup (kind);
}

char *
pa_phone_describe_sip_action (PaPhone *phone)
{
  JsonObject *action = pa_phone_get_sip_action (phone);
  g_autofree char *label = NULL;
  g_autofree char *when = NULL;
  const char *what;

  if (action == NULL)
    return NULL;
  label = pa_sip_result_label (json_object_get_string_member_with_default (action, "result", ""),
                               json_object_get_int_member_with_default (action, "code", 0),
                               json_object_get_string_member_with_default (action, "reason", NULL));
  when = pa_format_last_seen (json_object_get_int_member_with_default (action, "at", 0),
                              g_get_real_time () / G_USEC_PER_SEC);
  what = g_strcmp0 (json_object_get_string_member_with_default (action, "action", ""), "reboot") == 0
         ? _("Reboot") : _("Resync");
  /* TRANSLATORS: "Resync: answered · 2 minutes ago" */
  return g_strdup_printf (_("%s: %s · %s"), what, label, when);
}

static const char *
phone_name (PaPhone *phone)
{
  const char *name = pa_phone_get_name (phone);

  return name != NULL && *name != '\0' ? name : pa_phone_get_mac (phone);
}

static void
show_toast (PushJob    *job,
            const char *title)
{
  if (job->parent != NULL)
    pa_show_toast (GTK_WIDGET (job->parent), title);
}

/* One toast for the whole push, once every phone has a result. */
static void
finish (PushJob *job)
{
  g_autofree char *title = NULL;
  guint ok = 0, missed = 0;

  if (job->done)
    return;
  job->done = TRUE;
  if (job->progress != NULL)
    pa_toast_dismiss (job->progress);

  for (guint i = 0; i < job->phones->len; i++)
    if (g_strcmp0 (g_ptr_array_index (job->results, i), "answered") == 0)
      ok++;
    else
      missed++;

  if (job->phones->len == 1)
    {
      PaPhone *phone = g_ptr_array_index (job->phones, 0);
      const char *error = g_ptr_array_index (job->errors, 0);
      const char *result = g_ptr_array_index (job->results, 0);
      JsonObject *action = pa_phone_get_sip_action (phone);
      g_autofree char *label = NULL;

      if (error != NULL)
        title = g_strdup_printf (_("Could not tell “%s”: %s"), phone_name (phone), error);
      else if (ok == 1)
        title = g_strdup_printf (job->action == PA_PHONE_PUSH_REBOOT ? _("“%s” is rebooting")
                                 : _("“%s” is fetching its settings"), phone_name (phone));
      else
        {
          label = result != NULL && action != NULL
                  ? pa_sip_result_label (result,
                                         json_object_get_int_member_with_default (action, "code", 0),
                                         json_object_get_string_member_with_default (action, "reason", NULL))
                  : g_strdup (_("no answer yet"));
          title = g_strdup_printf (_("“%s” was not reached: %s"), phone_name (phone), label);
        }
    }
  else
    {
      g_autofree char *good = g_strdup_printf (job->action == PA_PHONE_PUSH_REBOOT
                                               ? g_dngettext (GETTEXT_PACKAGE,
                                                              "%u phone is rebooting.",
                                                              "%u phones are rebooting.", ok)
                                               : g_dngettext (GETTEXT_PACKAGE,
                                                              "%u phone is fetching its settings.",
                                                              "%u phones are fetching their settings.",
                                                              ok), ok);
      g_autofree char *bad = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "%u was not reached; its editor says why.",
                                                           "%u were not reached; their editors say why.",
                                                           missed), missed);

      title = missed == 0 ? g_steal_pointer (&good) : ok == 0 ? g_steal_pointer (&bad)
              : g_strdup_printf ("%s %s", good, bad);
    }
  show_toast (job, title);
  push_job_stop (job);
  push_job_unref (job);
}

static void
maybe_finish (PushJob *job)
{
  for (guint i = 0; i < job->phones->len; i++)
    if (g_ptr_array_index (job->results, i) == NULL && g_ptr_array_index (job->errors, i) == NULL)
      return;
  finish (job);
}

static gboolean
timeout_cb (gpointer user_data)
{
  PushJob *job = user_data;

  job->timeout_id = 0;
  finish (job);
  return G_SOURCE_REMOVE;
}

/* The phone's sip_action changed: this push's result when it is of this
 * action and not older than the push. */
static void
sip_action_cb (PaPhone    *phone,
               GParamSpec *pspec,
               PushJob    *job)
{
  JsonObject *action = pa_phone_get_sip_action (phone);
  const char *wanted = job->action == PA_PHONE_PUSH_REBOOT ? "reboot" : "resync";

  if (action == NULL ||
      g_strcmp0 (json_object_get_string_member_with_default (action, "action", ""), wanted) != 0 ||
      json_object_get_int_member_with_default (action, "at", 0) < job->started)
    return;
  for (guint i = 0; i < job->phones->len; i++)
    if (g_ptr_array_index (job->phones, i) == phone && g_ptr_array_index (job->results, i) == NULL)
      g_ptr_array_index (job->results, i) =
        g_strdup (json_object_get_string_member_with_default (action, "result", "failed"));
  maybe_finish (job);
}

typedef struct
{
  PushJob *job;
  guint    index;
} PushCall;

static void
pushed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autofree PushCall *call = user_data;
  PushJob *job = call->job;
  g_autoptr(GError) error = NULL;

  /* On success the result comes later, as the phone's sip_action. */
  if (!pa_client_push_phone_finish (PA_CLIENT (source), result, NULL, &error) && !job->done)
    {
      /* Cancelled: the window went away, and nothing is left to tell. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_clear_weak_pointer (&job->parent);
      g_ptr_array_index (job->errors, call->index) = g_strdup (error->message);
      maybe_finish (job);
    }
  push_job_unref (job);
}

static void
start (PushJob *job)
{
  PaClient *client = pa_repository_get_client (job->repo);
  GtkWindow *outermost = job->parent;
  GCancellable *cancellable;
  AdwToastOverlay *overlay;
  g_autofree char *title = NULL;
  guint n = job->phones->len;

  /* The main window's: closing the editor that asked does not take the
   * push back. */
  while (outermost != NULL && gtk_window_get_transient_for (outermost) != NULL)
    outermost = gtk_window_get_transient_for (outermost);
  cancellable = outermost != NULL ? pa_window_get_cancellable (GTK_WIDGET (outermost)) : NULL;
  /* Its toasts too: they outlive an editor closed meanwhile. */
  g_set_weak_pointer (&job->parent, outermost);
  overlay = outermost != NULL ? pa_find_toast_overlay (GTK_WIDGET (outermost)) : NULL;

  job->started = g_get_real_time () / G_USEC_PER_SEC;
  for (guint i = 0; i < n; i++)
    g_array_index (job->handlers, gulong, i) =
      g_signal_connect (g_ptr_array_index (job->phones, i), "notify::sip-action",
                        G_CALLBACK (sip_action_cb), job);

  if (n == 1)
    title = g_strdup_printf (job->action == PA_PHONE_PUSH_REBOOT ? _("Telling “%s” to reboot…")
                             : _("Telling “%s” to resync…"),
                             phone_name (g_ptr_array_index (job->phones, 0)));
  else
    title = g_strdup_printf (job->action == PA_PHONE_PUSH_REBOOT
                             ? g_dngettext (GETTEXT_PACKAGE, "Telling %u phone to reboot…",
                                            "Telling %u phones to reboot…", n)
                             : g_dngettext (GETTEXT_PACKAGE, "Telling %u phone to resync…",
                                            "Telling %u phones to resync…", n), n);
  if (overlay != NULL)
    {
      job->progress = g_object_ref_sink (pa_toast_new (title));
      adw_toast_set_timeout (job->progress, 0);
      pa_toast_add (overlay, g_object_ref (job->progress));
    }
  job->timeout_id = g_timeout_add_seconds (RESULT_WAIT_SECONDS, timeout_cb, job);

  for (guint i = 0; i < n; i++)
    {
      PushCall *call = g_new0 (PushCall, 1);

      call->job = job;
      call->index = i;
      job->refs++;
      pa_client_push_phone_async (client,
                                  pa_resource_get_id (g_ptr_array_index (job->phones, i)),
                                  job->action, cancellable, pushed_cb, call);
    }
}

static void
reboot_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PushJob          *job)
{
  g_signal_handlers_disconnect_by_func (dialog, reboot_response_cb, job);
  if (g_strcmp0 (response, "reboot") == 0)
    start (job);
  else
    push_job_unref (job);
}

GtkWidget *
pa_phone_push_reboot_question (GtkWindow *parent,
                               GPtrArray *phones)
{
  g_autofree char *heading = NULL;
  const char *body;
  guint n;

  g_return_val_if_fail (phones != NULL && phones->len > 0, NULL);

  n = phones->len;
  heading = n == 1
    ? g_strdup_printf (_("Reboot “%s”?"), phone_name (g_ptr_array_index (phones, 0)))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reboot %u Phone?", "Reboot %u Phones?", n), n);
  body = g_dngettext (GETTEXT_PACKAGE,
                      "A call in progress on it is cut off. It is back in a minute or two, with "
                      "its current settings.",
                      "Calls in progress on them are cut off. They are back in a minute or two, "
                      "with their current settings.", n);
  return pa_confirm_dialog_new (parent, heading, body, _("_Cancel"), "reboot", _("_Reboot"));
}

void
pa_phone_push_interactive (GtkWindow    *parent,
                           PaRepository *repo,
                           GPtrArray    *phones,
                           PaPhonePush   action)
{
  PushJob *job;
  guint n;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_REPOSITORY (repo));
  g_return_if_fail (phones != NULL);

  n = phones->len;
  if (n == 0)
    return;
  job = g_new0 (PushJob, 1);
  job->refs = 1;
  g_set_weak_pointer (&job->parent, parent);
  job->repo = g_object_ref (repo);
  job->phones = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (job->phones, g_object_ref (g_ptr_array_index (phones, i)));
  job->action = action;
  job->results = g_ptr_array_new_full (n, g_free);
  job->errors = g_ptr_array_new_full (n, g_free);
  g_ptr_array_set_size (job->results, n);
  g_ptr_array_set_size (job->errors, n);
  job->handlers = g_array_sized_new (FALSE, TRUE, sizeof (gulong), n);
  g_array_set_size (job->handlers, n);

  if (action == PA_PHONE_PUSH_REBOOT)
    {
      GtkWidget *dialog = pa_phone_push_reboot_question (parent, phones);

      g_signal_connect (dialog, "response", G_CALLBACK (reboot_response_cb), job);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  start (job);
}

char *
pa_phone_resync_note (PaRepository *repo,
                      JsonObject   *resync,
                      guint         n_resync)
{
  g_autoptr(GString) note = g_string_new (NULL);
  JsonArray *told, *pending, *unreachable;
  guint n_told, n_pending, n_unreachable;

  if (resync == NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u phone will fetch the new password at its next check.",
                                         "%u phones will fetch the new password at their next check.",
                                         n_resync), n_resync);

  told = json_object_get_array_member (resync, "told");
  pending = json_object_get_array_member (resync, "pending");
  unreachable = json_object_get_array_member (resync, "unreachable");
  n_told = told != NULL ? json_array_get_length (told) : 0;
  n_pending = pending != NULL ? json_array_get_length (pending) : 0;
  n_unreachable = unreachable != NULL ? json_array_get_length (unreachable) : 0;

  if (n_told > 0)
    g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                               "%u phone was told to fetch the new password.",
                                               "%u phones were told to fetch the new password.",
                                               n_told), n_told);
  if (n_pending > 0)
    {
      if (note->len > 0)
        g_string_append_c (note, '\n');
      g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u phone has not answered yet; it fetches the new "
                                                 "password at its next check.",
                                                 "%u phones have not answered yet; they fetch the new "
                                                 "password at their next check.",
                                                 n_pending), n_pending);
    }
  for (guint i = 0; i < n_unreachable && i < 3; i++)
    {
      JsonObject *miss = json_array_get_object_element (unreachable, i);
      gint64 id = miss != NULL ? json_object_get_int_member_with_default (miss, "id", 0) : 0;
      PaResource *phone = pa_repository_find (repo, PA_TYPE_PHONE, id);
      g_autofree char *label = pa_sip_result_label (
        miss != NULL ? json_object_get_string_member_with_default (miss, "reason", "") : "", 0, NULL);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      /* TRANSLATORS: a phone the app does not know by name, by its number */
      g_autofree char *fallback = g_strdup_printf (_("Phone %s"), number);

      if (note->len > 0)
        g_string_append_c (note, '\n');
      g_string_append_printf (note, _("“%s” was not reached (%s); it fetches the new password at "
                                      "its next check."),
                              phone != NULL ? phone_name (PA_PHONE (phone)) : fallback, label);
    }
  if (n_unreachable > 3)
    {
      g_string_append_c (note, '\n');
      g_string_append_printf (note, g_dngettext (GETTEXT_PACKAGE,
                                                 "%u more phone was not reached.",
                                                 "%u more phones were not reached.",
                                                 n_unreachable - 3), n_unreachable - 3);
    }
  if (note->len == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u phone will fetch the new password at its next check.",
                                         "%u phones will fetch the new password at their next check.",
                                         n_resync), n_resync);
  return g_string_free (g_steal_pointer (&note), FALSE);
}
