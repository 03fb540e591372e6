/* test-mac-entry.c — the MAC scanning entry: formatting as you type,
 * messages, vendor, duplicates, and real key events from xdotool
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "pa-client.h"
#include "pa-mac-entry.h"
#include "pa-mac-input.h"
#include "pa-app-test.h"
#include "pa-repository.h"
#include "../server/pa-test-server.h"

/* ---- plain functions ------------------------------------------------ */

static void
test_format (void)
{
  static const struct {
    const char *text;
    int cursor;
    const char *expected;
    int expected_cursor;
  } cases[] = {
    { "805ec0123456", 12, "80:5E:C0:12:34:56", 17 },
    { "805ec0123456", 6, "80:5E:C0:12:34:56", 8 },     /* after C0 */
    { "805ec0123456", 1, "80:5E:C0:12:34:56", 1 },
    { "805ec0123456", 0, "80:5E:C0:12:34:56", 0 },
    { "80-5e-c0-12-34-56", 17, "80:5E:C0:12:34:56", 17 },
    { "805e.c012.3456", 14, "80:5E:C0:12:34:56", 17 },
    { "  805EC0123456\r\n", 3, "80:5E:C0:12:34:56", 1 },
    { "80 5E C0 12 34 56", 17, "80:5E:C0:12:34:56", 17 },
    /* partial: as typed, hex letters upper-cased, cursor kept */
    { "80:5e:c", 7, "80:5E:C", 7 },
    { "805e", 2, "805E", 2 },
    { "", 0, "", 0 },
    /* wrong: kept as typed so the message's positions match */
    { "805EC01234567", 13, "805EC01234567", 13 },
    { "80:5e-c0:12:34:56", 17, "80:5E-C0:12:34:56", 17 },
    { "80:5e:c0:12:34:5g", 17, "80:5E:C0:12:34:5g", 17 },
    { "mac", 3, "mAC", 3 },
    { "80:5E:C0:12:34:56:78", 20, "80:5E:C0:12:34:56:78", 20 },
    /* twelve digits that are no device: still shown canonical */
    { "01005e000001", 12, "01:00:5E:00:00:01", 17 },
    { "ffffffffffff", 12, "FF:FF:FF:FF:FF:FF", 17 },
    /* a cursor past the end is clamped */
    { "ab", 10, "AB", 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int cursor = cases[i].cursor;
      g_autofree char *out = pa_mac_input_format (cases[i].text, &cursor);

      g_test_message ("format “%s” @%d", cases[i].text, cases[i].cursor);
      g_assert_cmpstr (out, ==, cases[i].expected);
      g_assert_cmpint (cursor, ==, cases[i].expected_cursor);
    }

  {
    int cursor = 4;
    g_autofree char *out = pa_mac_input_format (NULL, &cursor);
    g_assert_cmpstr (out, ==, "");
    g_assert_cmpint (cursor, ==, 0);
  }
  {
    int cursor = 2;
    g_autofree char *out = pa_mac_input_format ("\xff\xfe", &cursor);
    g_assert_cmpstr (out, ==, "");
  }
}

static void
test_check (void)
{
  char *mac = NULL;
  char *message = NULL;

  g_assert_cmpint (pa_mac_input_check ("", FALSE, &mac, &message), ==, PA_MAC_INPUT_EMPTY);
  g_assert_null (mac);
  g_assert_null (message);
  g_assert_cmpint (pa_mac_input_check (" \t", TRUE, &mac, &message), ==, PA_MAC_INPUT_EMPTY);
  g_assert_cmpint (pa_mac_input_check (NULL, TRUE, &mac, &message), ==, PA_MAC_INPUT_EMPTY);

  /* The first digits: no message while typing, "too short" once finished. */
  g_assert_cmpint (pa_mac_input_check ("80:5E", FALSE, &mac, &message), ==, PA_MAC_INPUT_PARTIAL);
  g_assert_null (message);
  g_assert_cmpint (pa_mac_input_check ("80:5E:", FALSE, &mac, &message), ==, PA_MAC_INPUT_PARTIAL);
  g_assert_cmpint (pa_mac_input_check ("80:5E", TRUE, &mac, &message), ==, PA_MAC_INPUT_INVALID);
  g_assert_nonnull (strstr (message, "too short"));
  g_clear_pointer (&message, g_free);

  /* A character that is never right shows at once. */
  g_assert_cmpint (pa_mac_input_check ("80:5G", FALSE, &mac, &message), ==, PA_MAC_INPUT_INVALID);
  g_assert_nonnull (strstr (message, "“G”"));
  g_assert_nonnull (strstr (message, "position 5"));
  g_clear_pointer (&message, g_free);

  /* Too long is complete, so it shows at once too. */
  g_assert_cmpint (pa_mac_input_check ("805EC01234567", FALSE, &mac, &message), ==,
                   PA_MAC_INPUT_INVALID);
  g_assert_nonnull (strstr (message, "too long"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (pa_mac_input_check ("01:00:5E:00:00:01", FALSE, &mac, &message), ==,
                   PA_MAC_INPUT_INVALID);
  g_assert_nonnull (strstr (message, "multicast"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (pa_mac_input_check ("80::5E", FALSE, &mac, &message), ==, PA_MAC_INPUT_PARTIAL);
  g_assert_cmpint (pa_mac_input_check ("80::5E", TRUE, &mac, &message), ==, PA_MAC_INPUT_INVALID);
  g_assert_nonnull (strstr (message, "two separators"));
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (pa_mac_input_check ("\xff", FALSE, &mac, &message), ==, PA_MAC_INPUT_INVALID);
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);

  g_assert_cmpint (pa_mac_input_check ("805e.c012.3456", FALSE, &mac, &message), ==,
                   PA_MAC_INPUT_VALID);
  g_assert_cmpstr (mac, ==, "80:5E:C0:12:34:56");
  g_assert_null (message);
  g_clear_pointer (&mac, g_free);

  /* NULL out-arguments are fine. */
  g_assert_cmpint (pa_mac_input_check ("805ec0123456", TRUE, NULL, NULL), ==, PA_MAC_INPUT_VALID);
}

static void
test_duplicate_message (void)
{
  g_autofree char *named = pa_mac_input_duplicate_message ("Reception");
  g_autofree char *unnamed = pa_mac_input_duplicate_message ("");

  g_assert_cmpstr (named, ==, "Already used by “Reception”");
  g_assert_cmpstr (unnamed, ==, "Already used by another phone");
}

/* ---- the widget ----------------------------------------------------- */

typedef struct
{
  GtkWidget *window;
  PaMacEntry *entry;
  guint n_committed;
  char *committed_mac;
  guint n_mac_notify;
  guint n_valid_notify;
  guint n_vendor_notify;
} Fixture;

static void
committed_cb (PaMacEntry *entry,
              const char *mac,
              Fixture    *f)
{
  f->n_committed++;
  g_free (f->committed_mac);
  f->committed_mac = g_strdup (mac);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           Fixture    *f)
{
  if (g_str_equal (pspec->name, "mac"))
    f->n_mac_notify++;
  else if (g_str_equal (pspec->name, "valid"))
    f->n_valid_notify++;
  else if (g_str_equal (pspec->name, "vendor-id"))
    f->n_vendor_notify++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), "pa-mac-entry-test");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 400, 100);
  f->entry = PA_MAC_ENTRY (pa_mac_entry_new ());
  gtk_window_set_child (GTK_WINDOW (f->window), GTK_WIDGET (f->entry));
  g_signal_connect (f->entry, "committed", G_CALLBACK (committed_cb), f);
  g_signal_connect (f->entry, "notify", G_CALLBACK (notify_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_add_weak_pointer (G_OBJECT (f->entry), (gpointer *) &f->entry);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_assert_null (f->entry);
  g_free (f->committed_mac);
}

static void
type_chars (PaMacEntry *entry,
            const char *chars)
{
  /* As a keyboard does: one character at a time at the cursor. */
  for (const char *p = chars; *p != '\0'; p++)
    {
      int pos;

      /* A typed key replaces the selection, as GtkText does. */
      gtk_editable_delete_selection (GTK_EDITABLE (entry));
      pos = gtk_editable_get_position (GTK_EDITABLE (entry));

      gtk_editable_insert_text (GTK_EDITABLE (entry), p, 1, &pos);
      gtk_editable_set_position (GTK_EDITABLE (entry), pos);
    }
}

/* What the Enter key binding of GtkText does. */
static void
press_enter (PaMacEntry *entry)
{
  g_signal_emit_by_name (pa_mac_entry_get_text_widget (entry), "activate");
}

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), text) == 0)
        return child;
      found = find_label_with_text (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_typed_burst (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *vendor_label;

  type_chars (f->entry, "805");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "805");
  g_assert_null (pa_mac_entry_get_error (f->entry));
  g_assert_false (pa_mac_entry_get_valid (f->entry));
  g_assert_null (pa_mac_entry_get_vendor_id (f->entry));

  type_chars (f->entry, "ec0");
  /* Upper-cased as typed, and the vendor is known from the OUI already. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "805EC0");
  g_assert_cmpstr (pa_mac_entry_get_vendor_id (f->entry), ==, "yealink");
  g_assert_null (pa_mac_entry_get_error (f->entry));

  type_chars (f->entry, "123456");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "80:5E:C0:12:34:56");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (f->entry)), ==, 17);
  g_assert_cmpstr (pa_mac_entry_get_mac (f->entry), ==, "80:5E:C0:12:34:56");
  g_assert_true (pa_mac_entry_get_valid (f->entry));
  g_assert_null (pa_mac_entry_get_error (f->entry));
  g_assert_cmpuint (f->n_mac_notify, ==, 1);
  g_assert_cmpuint (f->n_valid_notify, ==, 1);
  g_assert_cmpuint (f->n_vendor_notify, ==, 1);

  vendor_label = find_label_with_text (GTK_WIDGET (f->entry), "Yealink");
  g_assert_nonnull (vendor_label);
  g_assert_true (gtk_widget_get_visible (vendor_label));

  g_assert_cmpuint (f->n_committed, ==, 0);
  press_enter (f->entry);
  g_assert_cmpuint (f->n_committed, ==, 1);
  g_assert_cmpstr (f->committed_mac, ==, "80:5E:C0:12:34:56");
}

static void
test_edit_in_middle (Fixture       *f,
                     gconstpointer  data)
{
  int pos = 4;

  /* A digit typed into the middle of a twelve-digit text keeps the cursor
   * right after it. */
  gtk_editable_set_text (GTK_EDITABLE (f->entry), "805ec012345");
  gtk_editable_insert_text (GTK_EDITABLE (f->entry), "f", 1, &pos);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "80:5E:FC:01:23:45");
  g_assert_cmpint (pos, ==, 7);

  /* A thirteenth digit: kept as typed, and the message shows at once. */
  pos = 17;
  gtk_editable_insert_text (GTK_EDITABLE (f->entry), "6", 1, &pos);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "80:5E:FC:01:23:456");
  g_assert_false (pa_mac_entry_get_valid (f->entry));
  g_assert_nonnull (strstr (pa_mac_entry_get_error (f->entry), "too long"));

  /* Deleting it again gives the canonical form back. */
  gtk_editable_delete_text (GTK_EDITABLE (f->entry), 17, 18);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "80:5E:FC:01:23:45");
  g_assert_true (pa_mac_entry_get_valid (f->entry));
  g_assert_null (pa_mac_entry_get_error (f->entry));
}

static void
test_pasted (Fixture       *f,
             gconstpointer  data)
{
  static const char *spellings[] = {
    "80-5e-c0-12-34-56", "805e.c012.3456", "  805EC0123456\r\n", "80:5e:c0:12:34:56",
  };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (f->entry), spellings[i]);
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "80:5E:C0:12:34:56");
      g_assert_cmpstr (pa_mac_entry_get_mac (f->entry), ==, "80:5E:C0:12:34:56");
      gtk_editable_set_text (GTK_EDITABLE (f->entry), "");
      g_assert_null (pa_mac_entry_get_mac (f->entry));
      g_assert_null (pa_mac_entry_get_vendor_id (f->entry));
    }
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *label;

  type_chars (f->entry, "805ec01234");
  g_assert_null (pa_mac_entry_get_error (f->entry));

  /* Enter on a short MAC: the core's message, no commit, text selected so
   * the next scan replaces it. */
  press_enter (f->entry);
  g_assert_cmpuint (f->n_committed, ==, 0);
  g_assert_nonnull (pa_mac_entry_get_error (f->entry));
  g_assert_nonnull (strstr (pa_mac_entry_get_error (f->entry), "too short"));
  label = find_label_with_text (GTK_WIDGET (f->entry), pa_mac_entry_get_error (f->entry));
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
  {
    int start, end;
    g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (f->entry), &start, &end));
    g_assert_cmpint (start, ==, 0);
    g_assert_cmpint (end, ==, 10);
  }

  /* Typing again hides the message until the input is complete. */
  gtk_editable_set_text (GTK_EDITABLE (f->entry), "");
  type_chars (f->entry, "80");
  g_assert_null (pa_mac_entry_get_error (f->entry));
  g_assert_false (gtk_widget_get_visible (label));

  type_chars (f->entry, "5g");
  g_assert_nonnull (strstr (pa_mac_entry_get_error (f->entry), "“g”"));
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_parent (pa_mac_entry_get_text_widget (f->entry)),
                                           "error"));
  press_enter (f->entry);
  g_assert_cmpuint (f->n_committed, ==, 0);

  gtk_editable_set_text (GTK_EDITABLE (f->entry), "ff:ff:ff:ff:ff:ff");
  g_assert_nonnull (strstr (pa_mac_entry_get_error (f->entry), "broadcast"));
  press_enter (f->entry);
  g_assert_cmpuint (f->n_committed, ==, 0);

  /* Enter on an empty field does nothing and says nothing. */
  gtk_editable_set_text (GTK_EDITABLE (f->entry), "");
  press_enter (f->entry);
  g_assert_cmpuint (f->n_committed, ==, 0);
  g_assert_null (pa_mac_entry_get_error (f->entry));
}

static void
test_show_message (Fixture       *f,
                   gconstpointer  data)
{
  gtk_editable_set_text (GTK_EDITABLE (f->entry), "805ec0123456");
  pa_mac_entry_show_message (f->entry, "Scanned twice");
  g_assert_cmpstr (pa_mac_entry_get_error (f->entry), ==, "Scanned twice");
  /* The next keystroke is a new scan: the message goes. */
  gtk_editable_set_text (GTK_EDITABLE (f->entry), "8");
  g_assert_null (pa_mac_entry_get_error (f->entry));

  gtk_editable_set_text (GTK_EDITABLE (f->entry), "805ec0123456");
  pa_mac_entry_clear (f->entry);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "");
  g_assert_null (pa_mac_entry_get_mac (f->entry));
}

/* From Image… on a picture with no barcode: it says so, and the MAC
 * already in the field stays, not marked as wrong. */
static void
test_image_without_mac (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *entry_box;
  int fd;

  fd = g_file_open_tmp ("pa-no-barcode-XXXXXX.png", &path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, "not a picture", -1, &error));
  close (fd);
  file = g_file_new_for_path (path);

  gtk_window_present (GTK_WINDOW (f->window));
  gtk_editable_set_text (GTK_EDITABLE (f->entry), "805ec0123456");
  g_assert_true (pa_mac_entry_get_valid (f->entry));
  pa_mac_entry_fill_from_image (f->entry, file);
  while (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->entry),
                                                                           PA_TYPE_MAC_ENTRY,
                                                                           "image_button"))) == FALSE)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "80:5E:C0:12:34:56");
  g_assert_true (pa_mac_entry_get_valid (f->entry));
  g_assert_null (pa_mac_entry_get_error (f->entry));
  entry_box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->entry), PA_TYPE_MAC_ENTRY,
                                                        "entry"));
  g_assert_false (gtk_widget_has_css_class (entry_box, "error"));
  {
    GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->entry),
                                                                  PA_TYPE_MAC_ENTRY,
                                                                  "message_label"));

    g_assert_true (gtk_widget_get_visible (label));
    g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), !=, "");
    g_test_message ("said: %s", gtk_label_get_label (GTK_LABEL (label)));
    /* Typing goes on as before; the note about the image goes. */
    gtk_editable_set_text (GTK_EDITABLE (f->entry), "805ec0123457");
    g_assert_false (gtk_widget_get_visible (label));
  }
  g_unlink (path);
}

/* ---- real key events through the X server --------------------------- */

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
wait_for (gboolean  *flag,
          guint      seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
}

static void
spawn_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_check_finish (G_SUBPROCESS (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* Runs xdotool while the main loop keeps going, so GTK sees the events. */
static void
run_xdotool (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process =
    g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_NONE, &error);
  gboolean done = FALSE;

  g_assert_no_error (error);
  g_subprocess_wait_check_async (process, NULL, spawn_done_cb, &done);
  wait_for (&done, 20);
  g_assert_true (done);
}

static void
test_xdotool_burst (Fixture       *f,
                    gconstpointer  data)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  gboolean focused = FALSE;
  gboolean committed = FALSE;

  if (xdotool == NULL)
    {
      g_test_skip ("xdotool is not installed (tools/deps.sh installs it)");
      return;
    }
  if (display == NULL || g_strcmp0 (G_OBJECT_TYPE_NAME (display), "GdkX11Display") != 0)
    {
      g_test_skip ("needs an X server (run under xvfb-run)");
      return;
    }

  gtk_window_present (GTK_WINDOW (f->window));
  while (!gtk_widget_get_mapped (f->window))
    g_main_context_iteration (NULL, TRUE);

  gtk_widget_grab_focus (GTK_WIDGET (f->entry));

  /* No window manager under Xvfb: xdotool gives the window the X input
   * focus itself, then types as a USB scanner does, one key every
   * millisecond, ending with Enter; these are real key events through the
   * X server. One xdotool run keeps the gap small in which another test's
   * window (tests run in parallel on one Xvfb) could take the focus; if
   * one did, the keys went elsewhere and we try again. */
  for (guint attempt = 0; attempt < 5 && !committed; attempt++)
    {
      const char *argv[] = {
        xdotool, "search", "--sync", "--onlyvisible", "--name", "pa-mac-entry-test",
        "windowfocus", "--sync", "%1",
        /* Without --args, "type" would take the rest of the line as text. */
        "type", "--delay", "1", "--args", "1", "805ec0123456",
        "key", "--delay", "1", "Return", NULL
      };
      gboolean timed_out = FALSE;
      guint id;

      gtk_editable_set_text (GTK_EDITABLE (f->entry), "");
      run_xdotool (argv);

      id = g_timeout_add_seconds (3, timeout_cb, &timed_out);
      while (f->n_committed == 0 && !timed_out)
        g_main_context_iteration (NULL, TRUE);
      if (!timed_out)
        g_source_remove (id);
      committed = f->n_committed > 0;
      if (!committed)
        g_test_message ("attempt %u: the keys did not arrive (focus taken?), text “%s”",
                        attempt, gtk_editable_get_text (GTK_EDITABLE (f->entry)));
    }
  focused = gtk_widget_has_focus (pa_mac_entry_get_text_widget (f->entry));
  g_assert_true (focused);

  g_assert_true (committed);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "80:5E:C0:12:34:56");
  g_assert_cmpstr (pa_mac_entry_get_vendor_id (f->entry), ==, "yealink");
  g_assert_cmpuint (f->n_committed, ==, 1);
  g_assert_cmpstr (f->committed_mac, ==, "80:5E:C0:12:34:56");
}

/* ---- duplicates, against a real provd -------------------------------- */

static void
refresh_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  pa_repository_refresh_finish (PA_REPOSITORY (source), result, &error);
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaClient) client = pa_client_new (server->url, server->token);
  g_autoptr(PaRepository) repo = pa_repository_new (client);
  gboolean done = FALSE;
  gint64 id;

  id = pa_test_create (server, "phones",
                       "{\"name\":\"Reception\",\"mac\":\"80:5E:C0:12:34:56\","
                       "\"vendor\":\"yealink\",\"model\":\"yealink-t54w\"}");
  pa_repository_refresh_async (repo, NULL, refresh_done_cb, &done);
  wait_for (&done, 20);
  g_assert_true (done);

  pa_mac_entry_set_repository (f->entry, repo);
  type_chars (f->entry, "805EC0123456");
  g_assert_true (pa_mac_entry_get_valid (f->entry));
  g_assert_cmpstr (pa_mac_entry_get_error (f->entry), ==, "Already used by “Reception”");
  g_assert_nonnull (pa_mac_entry_get_duplicate (f->entry));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (f->entry), "Already used by “Reception”"));
  press_enter (f->entry);
  g_assert_cmpuint (f->n_committed, ==, 0);

  /* Editing that very phone: its own MAC is fine. */
  pa_mac_entry_set_ignore_phone (f->entry, id);
  g_assert_null (pa_mac_entry_get_error (f->entry));
  g_assert_null (pa_mac_entry_get_duplicate (f->entry));
  press_enter (f->entry);
  g_assert_cmpuint (f->n_committed, ==, 1);

  /* Another MAC is not a duplicate. */
  pa_mac_entry_set_ignore_phone (f->entry, 0);
  gtk_editable_set_text (GTK_EDITABLE (f->entry), "80:5E:C0:00:00:02");
  g_assert_null (pa_mac_entry_get_error (f->entry));

  pa_mac_entry_set_repository (f->entry, NULL);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  pa_app_test_adw_init ();

  g_test_add_func ("/app/mac-entry/format", test_format);
  g_test_add_func ("/app/mac-entry/check", test_check);
  g_test_add_func ("/app/mac-entry/duplicate-message", test_duplicate_message);
  g_test_add ("/app/mac-entry/typed-burst", Fixture, NULL,
              fixture_setup, test_typed_burst, fixture_teardown);
  g_test_add ("/app/mac-entry/edit-in-middle", Fixture, NULL,
              fixture_setup, test_edit_in_middle, fixture_teardown);
  g_test_add ("/app/mac-entry/pasted", Fixture, NULL,
              fixture_setup, test_pasted, fixture_teardown);
  g_test_add ("/app/mac-entry/invalid", Fixture, NULL,
              fixture_setup, test_invalid, fixture_teardown);
  g_test_add ("/app/mac-entry/show-message", Fixture, NULL,
              fixture_setup, test_show_message, fixture_teardown);
  g_test_add ("/app/mac-entry/image-without-mac", Fixture, NULL,
              fixture_setup, test_image_without_mac, fixture_teardown);
  g_test_add ("/app/mac-entry/xdotool-burst", Fixture, NULL,
              fixture_setup, test_xdotool_burst, fixture_teardown);
  g_test_add ("/app/mac-entry/duplicate", Fixture, NULL,
              fixture_setup, test_duplicate, fixture_teardown);

  return g_test_run ();
}
