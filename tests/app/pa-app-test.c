/* pa-app-test.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-app-test.h"
#include "pa-repository.h"

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until @cond holds; fails the test after
 * PA_APP_TEST_WAIT_SECONDS. */
void
pa_app_test_wait_until (PaAppTestCondition cond,
                        gpointer           data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (PA_APP_TEST_WAIT_SECONDS, timed_out_cb, &timed_out);

  while (!cond (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  g_assert_false (timed_out);
}

void
pa_app_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timed_out_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gpointer
pa_app_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (g_type_is_a (G_OBJECT_TYPE (window), type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

GtkWidget *
pa_app_test_find_descendant (GtkWidget *widget,
                             GType      type)
{
  if (g_type_is_a (G_OBJECT_TYPE (widget), type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = pa_app_test_find_descendant (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
pa_app_test_store_result_cb (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

gboolean
pa_app_test_result_arrived (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

gboolean
pa_app_test_pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

gboolean
pa_app_test_not_loading (gpointer repository)
{
  return !pa_repository_get_loading (repository);
}

gboolean
pa_app_test_has_public_url (gpointer repository)
{
  return pa_repository_get_public_url (repository) != NULL;
}
