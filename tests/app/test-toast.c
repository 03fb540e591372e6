/* test-toast.c — toasts dismissed right after they appear, on a busy
 * machine, do not crash the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real window on Xvfb with a real AdwToastOverlay. A busy machine is
 * played by holding the main loop (g_usleep) between frames: that is what
 * makes libadwaita 1.2 end a toast's show and hide animations in the same
 * frame (see pa-toast.c). The CI saw the crash as test-phone-push dying
 * with SIGSEGV right after a resync was answered in a millisecond; the
 * first subtest, on adw_toast_overlay_add_toast() and adw_toast_dismiss()
 * themselves, crashes the same way.
 */
#include "config.h"

#include <adwaita.h>

#include "pa-toast.h"
#include "pa-app-test.h"

typedef struct
{
  GtkWindow       *window;
  AdwToastOverlay *overlay;
} Fixture;

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->overlay, gtk_label_new ("content"));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  gtk_window_set_default_size (fixture->window, 600, 400);
  gtk_window_present (fixture->window);
  pa_app_test_wait_until (pa_app_test_widget_ready, fixture->overlay);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  user_data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
}

static void
count_cb (AdwToast *toast,
          guint    *count)
{
  (*count)++;
}

/* Frames that come a third of a second apart, as on a loaded machine. */
static void
slow_frame (void)
{
  g_usleep (350 * G_TIME_SPAN_MILLISECOND);
  pa_app_test_wait_for_frames (1);
}

typedef struct
{
  GtkWidget  *overlay;
  const char *title;
} Shown;

static gboolean
toast_shown (gpointer data)
{
  Shown *shown = data;

  return pa_app_test_find_label (shown->overlay, shown->title) != NULL;
}

static AdwToast *
counted_toast (const char *title,
               guint      *dismissed)
{
  AdwToast *toast = pa_toast_new (title);

  adw_toast_set_timeout (toast, 0);
  g_signal_connect (toast, "dismissed", G_CALLBACK (count_cb), dismissed);
  return g_object_ref (toast);
}

/* A name with "&" or "<" in it shows as it is: libadwaita reads a toast's
 * title as markup, and "Phone “R&D <2>” saved" made GTK warn and show an
 * empty toast. */
static void
test_says_names (Fixture       *fixture,
                 gconstpointer  user_data)
{
  Shown shown = { GTK_WIDGET (fixture->overlay), "Phone “R&D <2>” saved" };

  pa_toast_add (fixture->overlay, pa_toast_new (shown.title));
  pa_app_test_wait_until (toast_shown, &shown);
}

/* Dismissed right after it appeared, on slow frames: it stays until it
 * has slid in, then goes, once; one waiting its turn goes at once,
 * never shown; the app does not crash. */
static void
test_dismiss_right_away (Fixture       *fixture,
                         gconstpointer  user_data)
{
  for (guint round = 0; round < 3; round++)
    {
      guint progress_gone = 0, replaced_gone = 0, result_gone = 0;
      g_autoptr(AdwToast) progress = counted_toast ("Telling the phone…", &progress_gone);
      g_autoptr(AdwToast) replaced = counted_toast ("Telling it again…", &replaced_gone);
      g_autoptr(AdwToast) result = counted_toast ("“Lobby” is fetching its settings", &result_gone);
      Shown shown = { GTK_WIDGET (fixture->overlay), "“Lobby” is fetching its settings" };
      gint64 start = g_get_monotonic_time ();
      gint64 appeared;

      pa_toast_add (fixture->overlay, g_object_ref (progress));
      pa_toast_add (fixture->overlay, g_object_ref (replaced));
      pa_toast_add (fixture->overlay, g_object_ref (result));
      pa_toast_dismiss (progress);
      pa_toast_dismiss (progress);
      pa_toast_dismiss (replaced);
      g_assert_cmpuint (replaced_gone, ==, 1);
      g_assert_cmpuint (progress_gone, ==, 0);

      while (progress_gone == 0)
        slow_frame ();
      g_assert_cmpuint (progress_gone, ==, 1);
      g_assert_cmpint (g_get_monotonic_time () - start, >=, 800 * G_TIME_SPAN_MILLISECOND);

      /* The result, once the progress has hidden; dismissed the moment it
       * shows, as a second push's result would. */
      pa_app_test_wait_until (toast_shown, &shown);
      appeared = g_get_monotonic_time ();
      pa_toast_dismiss (result);
      g_assert_cmpuint (result_gone, ==, 0);
      while (result_gone == 0)
        slow_frame ();
      g_assert_cmpint (g_get_monotonic_time () - appeared, >=, 800 * G_TIME_SPAN_MILLISECOND);
      slow_frame ();
      slow_frame ();
      g_assert_cmpuint (progress_gone + replaced_gone + result_gone, ==, 3);
      g_assert_null (pa_app_test_find_label (GTK_WIDGET (fixture->overlay), "Telling it again…"));
    }
}

/* A toast that has been up a while goes at once. */
static void
test_dismiss_later (Fixture       *fixture,
                    gconstpointer  user_data)
{
  guint dismissed = 0;
  g_autoptr(AdwToast) toast = counted_toast ("Saved", &dismissed);

  pa_toast_add (fixture->overlay, g_object_ref (toast));
  for (guint i = 0; i < 3; i++)
    slow_frame ();
  pa_toast_dismiss (toast);
  g_assert_cmpuint (dismissed, ==, 1);
  slow_frame ();
}

/* Toasts still waiting when their window closes are dismissed, as
 * libadwaita dismisses its own, so an Undo toast's owner hears of it. */
static void
test_window_closes (Fixture       *fixture,
                    gconstpointer  user_data)
{
  guint first_gone = 0, waiting_gone = 0;
  g_autoptr(AdwToast) first = counted_toast ("Deleted “Lobby”", &first_gone);
  g_autoptr(AdwToast) waiting = counted_toast ("Deleted “Desk”", &waiting_gone);

  pa_toast_add (fixture->overlay, g_object_ref (first));
  pa_toast_add (fixture->overlay, g_object_ref (waiting));
  gtk_window_destroy (fixture->window);
  fixture->window = NULL;
  g_assert_cmpuint (first_gone, ==, 1);
  g_assert_cmpuint (waiting_gone, ==, 1);
  pa_toast_dismiss (first);
  pa_toast_dismiss (waiting);
  g_assert_cmpuint (first_gone + waiting_gone, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add ("/app/toast/dismiss-right-away", Fixture, NULL, set_up,
              test_dismiss_right_away, tear_down);
  g_test_add ("/app/toast/says-names", Fixture, NULL, set_up, test_says_names, tear_down);
  g_test_add ("/app/toast/dismiss-later", Fixture, NULL, set_up, test_dismiss_later, tear_down);
  g_test_add ("/app/toast/window-closes", Fixture, NULL, set_up, test_window_closes, tear_down);

  return g_test_run ();
}
