/* pa-phone-editor-status.c — the Status group: what the server saw of the
 * phone (status, address, firmware, when) and its recent requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-phone-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-client.h"
#include "pa-phone-editor-private.h"
#include "pa-phone-filter.h"
#include "pa-phone-push.h"
#include "pa-status-badge.h"

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : _("Unknown"));
}

static gint64
unix_of (const char *iso)
{
  g_autoptr(GDateTime) time = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  return time != NULL ? g_date_time_to_unix (time) : 0;
}

/* "805ec0123456.cfg — sent" / "not modified" / "not served (404)", with
 * when and how often, the address only when it is not the phone's own. */
static GtkWidget *
fetch_row (JsonObject *record,
           const char *phone_ip)
{
  const char *file = json_object_get_string_member_with_default (record, "file", "?");
  const char *ip = json_object_get_string_member_with_default (record, "ip", NULL);
  gint64 status = json_object_get_int_member_with_default (record, "status", 0);
  gint64 count = json_object_get_int_member_with_default (record, "count", 1);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *when = pa_format_last_seen (unix_of (json_object_get_string_member_with_default (record, "last_seen", NULL)), now);
  g_autofree char *answer = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();

  if (status == 200)
    answer = g_strdup (_("sent"));
  else if (status == 304)
    answer = g_strdup (_("unchanged, not sent again"));
  else
    answer = g_strdup_printf (_("not served (%d)"), (int) status);
  g_string_append_printf (subtitle, "%s · %s", answer, when);
  if (count > 1)
    g_string_append_printf (subtitle, g_dngettext (NULL, " · %d time", " · %d times",
                                                   (gulong) count), (int) count);
  if (ip != NULL && g_strcmp0 (ip, phone_ip) != 0)
    g_string_append_printf (subtitle, _(" · from %s"), ip);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), file);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  return row;
}

static void
fetches_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PaPhoneEditor) self = pa_phone_editor_take_weak_ref (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) items = pa_client_get_phone_fetches_finish (PA_CLIENT (source), result,
                                                                   &error);
  guint n;

  /* The window went away while the answer was on its way. */
  if (self == NULL || self->fetches_row == NULL)
    return;
  if (items == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_expander_row_set_subtitle (self->fetches_row, error->message);
      return;
    }
  for (guint i = 0; i < self->fetch_rows->len; i++)
    adw_expander_row_remove (self->fetches_row, g_ptr_array_index (self->fetch_rows, i));
  g_ptr_array_set_size (self->fetch_rows, 0);

  n = json_array_get_length (items);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      GtkWidget *row;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      row = fetch_row (json_node_get_object (node), pa_phone_get_ip (self->phone));
      adw_expander_row_add_row (self->fetches_row, row);
      g_ptr_array_add (self->fetch_rows, row);
    }
  adw_expander_row_set_subtitle (self->fetches_row,
                                 n == 0 ? _("None yet: the phone has not asked for its settings")
                                 : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->fetches_row), n > 0);
}

/* What the server says of the phone now; the phone is the repository's
 * own object, which the change stream keeps current, so this runs again
 * on each of its changes. */
static void
update_status_rows (PaPhoneEditor *self)
{
  PaPhone *phone = self->phone;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *seen = pa_format_last_seen (pa_phone_get_last_seen (phone), now);
  g_autofree char *status = NULL;
  g_autofree char *pushed = pa_phone_describe_sip_action (phone);
  gboolean enabled = pa_phone_get_status (phone) != PA_PHONE_STATUS_DISABLED;

  if (pa_phone_get_status_since (phone) > 0)
    {
      g_autofree char *since = pa_format_last_seen (pa_phone_get_status_since (phone), now);

      /* TRANSLATORS: a phone's status and when it began: "Online · 2 minutes ago" */
      status = g_strdup_printf (_("%s · %s"),
                                pa_phone_status_to_label (pa_phone_get_status (phone)), since);
    }
  set_subtitle (self->status_row, status != NULL ? status
                : pa_phone_status_to_label (pa_phone_get_status (phone)));
  set_subtitle (self->address_row, pa_phone_get_ip (phone));
  set_subtitle (self->firmware_row, pa_phone_get_firmware (phone));
  set_subtitle (self->seen_row, seen);
  adw_action_row_set_subtitle (self->push_row,
                               !enabled ? _("The phone is disabled")
                               : pushed != NULL ? pushed
                               : _("Tell the phone to fetch its settings or restart now, "
                                   "instead of at its next check"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->push_row), enabled);
}

static void
phone_notify_cb (PaPhoneEditor *self)
{
  update_status_rows (self);
}

static void
push (PaPhoneEditor *self,
      PaPhonePush    action)
{
  g_autoptr(GPtrArray) phones = g_ptr_array_new ();

  g_ptr_array_add (phones, self->phone);
  pa_phone_push_interactive (GTK_WINDOW (self), self->repo, phones, action);
}

void
pa_phone_editor_resync_clicked (PaPhoneEditor *self)
{
  push (self, PA_PHONE_PUSH_RESYNC);
}

void
pa_phone_editor_reboot_clicked (PaPhoneEditor *self)
{
  push (self, PA_PHONE_PUSH_REBOOT);
}

void
pa_phone_editor_show_status (PaPhoneEditor *self)
{
  PaPhone *phone = self->phone;
  PaClient *client = pa_repository_get_client (self->repo);

  if (self->fetch_rows == NULL)
    self->fetch_rows = g_ptr_array_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->status_group), TRUE);
  update_status_rows (self);
  g_signal_connect_object (phone, "notify", G_CALLBACK (phone_notify_cb), self, G_CONNECT_SWAPPED);
  adw_expander_row_set_subtitle (self->fetches_row, _("Loading…"));
  if (client != NULL)
    {
      pa_client_get_phone_fetches_async (client, pa_resource_get_id (PA_RESOURCE (phone)),
                                         pa_editor_get_cancellable (PA_EDITOR (self)), fetches_cb,
                                         pa_phone_editor_weak_ref (self));
    }
}
