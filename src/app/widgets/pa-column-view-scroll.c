/* pa-column-view-scroll.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-column-view-scroll.h"

void
pa_column_view_scroll_to (GtkColumnView *view,
                          guint          position)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  /* The action lives on the column view's GtkListView child, and actions
   * are looked for upwards from the widget they are activated on. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        return;
      }
}
