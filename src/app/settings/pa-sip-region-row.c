/* pa-sip-region-row.c — one SIP region of the server's settings, edited in
 * place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-settings-window"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-sip-region-row.h"

struct _PaSipRegionRow
{
  AdwExpanderRow parent_instance;

  gboolean       filling;

  GtkWidget     *remove_button;
  AdwEntryRow   *name_row;
  AdwEntryRow   *server_row;
  GtkSpinButton *port_spin;
  AdwComboRow   *transport_row;
};

G_DEFINE_FINAL_TYPE (PaSipRegionRow, pa_sip_region_row, ADW_TYPE_EXPANDER_ROW)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
stripped_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

PaSipRegion *
pa_sip_region_row_dup_region (PaSipRegionRow *self)
{
  PaSipRegion *region;

  g_return_val_if_fail (PA_IS_SIP_REGION_ROW (self), NULL);

  region = g_new0 (PaSipRegion, 1);
  region->name = stripped_or_null (self->name_row);
  region->server = stripped_or_null (self->server_row);
  region->port = (guint) gtk_spin_button_get_value_as_int (self->port_spin);
  region->transport = (PaSipTransport) adw_combo_row_get_selected (self->transport_row);
  return region;
}

/* The closed row says what the region is: its name, and where it
 * registers. */
static void
update_summary (PaSipRegionRow *self)
{
  g_autoptr(PaSipRegion) region = pa_sip_region_row_dup_region (self);
  g_autofree char *subtitle = NULL;
  static const char * const transports[] = { "UDP", "TCP", "TLS" };

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 region->name != NULL ? region->name : _("New Region"));
  if (region->server != NULL)
    /* Translators: "eu.pbx.example.com:5061, TLS" */
    subtitle = g_strdup_printf (_("%s:%u, %s"), region->server, region->port,
                                transports[MIN (region->transport, G_N_ELEMENTS (transports) - 1)]);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 subtitle != NULL ? subtitle : _("No SIP server yet"));
}

static void
changed_cb (PaSipRegionRow *self)
{
  update_summary (self);
  if (!self->filling)
    g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
remove_clicked_cb (PaSipRegionRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

void
pa_sip_region_row_edit_name (PaSipRegionRow *self)
{
  g_return_if_fail (PA_IS_SIP_REGION_ROW (self));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
pa_sip_region_row_class_init (PaSipRegionRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/settings/pa-sip-region-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PaSipRegionRow, remove_button);
  gtk_widget_class_bind_template_child (widget_class, PaSipRegionRow, name_row);
  gtk_widget_class_bind_template_child (widget_class, PaSipRegionRow, server_row);
  gtk_widget_class_bind_template_child (widget_class, PaSipRegionRow, port_spin);
  gtk_widget_class_bind_template_child (widget_class, PaSipRegionRow, transport_row);
}

static void
pa_sip_region_row_init (PaSipRegionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->server_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->port_spin, "value-changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->transport_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self);
}

GtkWidget *
pa_sip_region_row_new (const PaSipRegion *region)
{
  PaSipRegionRow *self = g_object_new (PA_TYPE_SIP_REGION_ROW, NULL);

  self->filling = TRUE;
  if (region != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), region->name != NULL ? region->name : "");
      gtk_editable_set_text (GTK_EDITABLE (self->server_row),
                             region->server != NULL ? region->server : "");
      gtk_spin_button_set_value (self->port_spin, region->port);
      adw_combo_row_set_selected (self->transport_row, region->transport);
    }
  self->filling = FALSE;
  update_summary (self);
  return GTK_WIDGET (self);
}
