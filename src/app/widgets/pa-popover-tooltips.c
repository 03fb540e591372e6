/* pa-popover-tooltips.c — tooltips stay quiet while their popover is open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-popover-tooltips"

#include "config.h"

#include "pa-popover-tooltips.h"

static gboolean
quiet_cb (GtkWidget  *widget,
          int         x,
          int         y,
          gboolean    keyboard_mode,
          GtkTooltip *tooltip,
          GtkWidget  *popover)
{
  if (!gtk_widget_get_mapped (popover))
    return FALSE;
  /* No tooltip at all: the class handler would otherwise still answer. */
  g_signal_stop_emission_by_name (widget, "query-tooltip");
  return FALSE;
}

static void
popover_unmap_cb (GtkWidget *popover,
                  gpointer   user_data)
{
  for (GtkWidget *w = gtk_widget_get_parent (popover); w != NULL; w = gtk_widget_get_parent (w))
    g_signal_handlers_disconnect_by_func (w, quiet_cb, popover);
  g_signal_handlers_disconnect_by_func (popover, popover_unmap_cb, NULL);
}

static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_values,
          const GValue          *values,
          gpointer               user_data)
{
  GtkWidget *popover = g_value_get_object (&values[0]);

  if (!GTK_IS_POPOVER (popover))
    return TRUE;
  /* Every ancestor: the nearest with a tooltip answers for the others. */
  for (GtkWidget *w = gtk_widget_get_parent (popover); w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_has_tooltip (w))
      g_signal_connect_object (w, "query-tooltip", G_CALLBACK (quiet_cb), popover, 0);
  g_signal_connect (popover, "unmap", G_CALLBACK (popover_unmap_cb), NULL);
  return TRUE;
}

void
pa_popover_tooltips_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* Kept for the process: the class must exist to look its signal up. */
      GTypeClass *klass = g_type_class_ref (GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook, NULL,
                                  NULL);
      (void) klass;
      g_once_init_leave (&installed, 1);
    }
}
