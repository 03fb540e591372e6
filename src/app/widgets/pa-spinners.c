/* pa-spinners.c — a loading spinner spins only while it is on screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-spinners"

#include "config.h"

#include "pa-spinners.h"

static void
spinner_map_cb (GtkSpinner *spinner)
{
  gtk_spinner_set_spinning (spinner, TRUE);
}

static void
spinner_unmap_cb (GtkSpinner *spinner)
{
  gtk_spinner_set_spinning (spinner, FALSE);
}

void
pa_spinners_spin_while_mapped (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (GTK_IS_SPINNER (root) && gtk_spinner_get_spinning (GTK_SPINNER (root)))
    {
      g_signal_connect (root, "map", G_CALLBACK (spinner_map_cb), NULL);
      g_signal_connect (root, "unmap", G_CALLBACK (spinner_unmap_cb), NULL);
      gtk_spinner_set_spinning (GTK_SPINNER (root), gtk_widget_get_mapped (root));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    pa_spinners_spin_while_mapped (child);
}
