/* pa-window-cancellable.c — one cancellable per window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Flows that outlive their dialog (a delete after its question, a new
 * password after its confirmation) run for the window they were started
 * from; when it goes, so do they, and their answers find nothing to show.
 */
#define G_LOG_DOMAIN "pa-window-cancellable"

#include "config.h"

#include "pa-window-cancellable.h"

#define KEY "pa-window-cancellable"

static void
window_destroy_cb (GtkWidget    *window,
                   GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

GCancellable *
pa_window_get_cancellable (GtkWidget *widget)
{
  GtkRoot *root;
  GCancellable *cancellable;

  if (widget == NULL)
    return NULL;
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = GTK_IS_WINDOW (widget) ? GTK_ROOT (widget) : gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return NULL;
  cancellable = g_object_get_data (G_OBJECT (root), KEY);
  if (cancellable == NULL)
    {
      cancellable = g_cancellable_new ();
      g_object_set_data_full (G_OBJECT (root), KEY, cancellable, g_object_unref);
      g_signal_connect_object (root, "destroy", G_CALLBACK (window_destroy_cb), cancellable, 0);
    }
  return cancellable;
}
