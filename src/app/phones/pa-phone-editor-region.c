/* pa-phone-editor-region.c — the SIP region the phone picks, from the
 * regions of the server's settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form shows the phone's own region at once and the server's list when
 * it arrives; a region the list lacks (the settings could not be read)
 * stays selectable, so saving never drops it.
 */
#define G_LOG_DOMAIN "pa-phone-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-phone-editor-private.h"

static void
fill (PaPhoneEditor *self,
      GPtrArray     *names,
      const char    *selected)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  guint position = 0;

  g_ptr_array_set_size (self->region_ids, 0);
  g_ptr_array_add (self->region_ids, NULL);
  gtk_string_list_append (labels, _("None"));
  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      g_ptr_array_add (self->region_ids, g_strdup (g_ptr_array_index (names, i)));
      gtk_string_list_append (labels, g_ptr_array_index (names, i));
    }
  for (guint i = 1; selected != NULL && position == 0 && i < self->region_ids->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->region_ids, i), selected) == 0)
      position = i;
  if (selected != NULL && position == 0)
    {
      position = self->region_ids->len;
      g_ptr_array_add (self->region_ids, g_strdup (selected));
      gtk_string_list_append (labels, selected);
    }

  self->updating++;
  adw_combo_row_set_model (self->region_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->region_row, position);
  self->updating--;
  /* Offices with one registrar never see the row. */
  gtk_widget_set_visible (GTK_WIDGET (self->region_row), self->region_ids->len > 1);
}

static void
settings_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PaPhoneEditor) self = pa_phone_editor_take_weak_ref (user_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) settings = pa_client_get_finish (PA_CLIENT (source), result, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *selected = NULL;
  GPtrArray *regions;

  /* A closed editor's rows are gone. */
  if (self == NULL)
    return;
  if (settings == NULL)
    {
      /* The row keeps the phone's own region; saving works without the
       * list, and a region that is gone is refused with its field. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No SIP regions for the editor: %s", error->message);
      return;
    }
  /* Its defaults are what the phone inherits last. */
  pa_phone_editor_set_settings (self, PA_SETTINGS (settings));
  regions = pa_settings_get_sip_regions (PA_SETTINGS (settings));
  for (guint i = 0; i < regions->len; i++)
    g_ptr_array_add (names, ((PaSipRegion *) g_ptr_array_index (regions, i))->name);
  selected = g_strdup (pa_phone_editor_selected_string (self->region_ids, self->region_row));
  fill (self, names, selected);
}

void
pa_phone_editor_load_regions (PaPhoneEditor *self,
                              const char    *selected)
{
  fill (self, NULL, selected);
  pa_client_get_async (pa_repository_get_client (self->repo), PA_TYPE_SETTINGS, PA_SETTINGS_ID,
                       pa_editor_get_cancellable (PA_EDITOR (self)), settings_cb, pa_phone_editor_weak_ref (self));
}
