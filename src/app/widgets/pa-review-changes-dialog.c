/* pa-review-changes-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dialog asks for the diff itself, so Retry can ask again, and is the
 * GTask's source: it answers once, when confirmed, cancelled or closed.
 * It is only shown when there is something to review or to say: a change
 * that reaches no phone is saved without it, and a quick answer is not
 * preceded by a flash of the spinner.
 */
#define G_LOG_DOMAIN "pa-review-changes-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-review-changes-dialog.h"
#include "pa-status-page.h"

/* A slower answer shows the dialog with its spinner meanwhile. */
#define PRESENT_AFTER_MS 300
/* The tallest a file's diff gets before it scrolls on its own. */
#define DIFF_MAX_HEIGHT 320

struct _PaReviewChangesDialog
{
  AdwWindow        parent_instance;

  GtkWidget       *confirm_button;
  GtkWidget       *cancel_button;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkSpinner      *spinner;
  GtkLabel        *summary_label;
  GtkListBox      *phones_list;
  GtkWidget       *removed_probe;
  GtkWidget       *added_probe;

  PaClient        *client;
  /* What is reviewed, one of the two: */
  PaResource      *resource;   /* as it would be saved */
  JsonObject      *job_body;   /* a job as it would be posted */
  GCancellable    *cancellable;   /* the caller's; may be NULL */
  GTask           *task;          /* until answered */
  PaChangeDiff    *diff;
  char            *error_message;
  char            *summary;
  guint            serial;        /* of the request whose answer counts */
  guint            present_id;
  gboolean         presented;
  GPtrArray       *views;         /* GtkTextView, the diffs shown */

  GtkTextTagTable *tags;
  GtkTextTag      *removed_tag;
  GtkTextTag      *added_tag;
  GtkTextTag      *hunk_tag;
  GtkTextTag      *header_tag;
};

G_DEFINE_FINAL_TYPE (PaReviewChangesDialog, pa_review_changes_dialog, ADW_TYPE_WINDOW)

/* ---- colours -------------------------------------------------------- */

static void
set_line_colour (GtkTextTag    *tag,
                 const GdkRGBA *colour)
{
  GdkRGBA background = *colour;

  /* A faint band as well as the colour, as code review tools do: the
   * lines stand out however the eye takes red and green, and the +/- at
   * their start says it in text. */
  background.alpha = 0.12f;
  g_object_set (tag, "foreground-rgba", colour, "paragraph-background-rgba", &background, NULL);
}

/* Text tags cannot take CSS: the theme's error and success colours (dark
 * or light, high contrast or not) are read off two hidden labels. */
static void
update_colours (PaReviewChangesDialog *self)
{
  GdkRGBA removed, added, dim;

  gtk_style_context_get_color (gtk_widget_get_style_context (self->removed_probe), &removed);
  gtk_style_context_get_color (gtk_widget_get_style_context (self->added_probe), &added);
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &dim);
  dim.alpha *= 0.6f;
  set_line_colour (self->removed_tag, &removed);
  set_line_colour (self->added_tag, &added);
  g_object_set (self->hunk_tag, "foreground-rgba", &dim, NULL);
}

static gboolean
update_colours_tick_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  guint *ticks = user_data;

  /* The frame that follows a style change computes the new style during
   * its layout, after this tick: the colours are read on the next one. */
  if (++*ticks < 2)
    return G_SOURCE_CONTINUE;
  update_colours (PA_REVIEW_CHANGES_DIALOG (widget));
  return G_SOURCE_REMOVE;
}

static void
queue_update_colours (PaReviewChangesDialog *self)
{
  update_colours (self);
  gtk_widget_add_tick_callback (GTK_WIDGET (self), update_colours_tick_cb, g_new0 (guint, 1),
                                g_free);
}

/* ---- the diff views ------------------------------------------------- */

static GtkTextTag *
tag_for_line (PaReviewChangesDialog *self,
              const char            *line)
{
  if (g_str_has_prefix (line, "--- ") || g_str_has_prefix (line, "+++ "))
    return self->header_tag;
  if (g_str_has_prefix (line, "@@"))
    return self->hunk_tag;
  if (line[0] == '-')
    return self->removed_tag;
  if (line[0] == '+')
    return self->added_tag;
  return NULL;
}

static GtkWidget *
diff_view_new (PaReviewChangesDialog *self,
               const PaDiffFile      *file)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (self->tags);
  g_auto(GStrv) lines = g_strsplit (file->diff, "\n", -1);
  g_autofree char *name = g_strdup_printf (_("Changes to %s"), file->file);
  guint n = g_strv_length (lines);
  GtkWidget *view, *scrolled;
  int min_height;
  GtkTextIter end;

  /* The diff ends with a newline: no empty last line. */
  if (n > 0 && lines[n - 1][0] == '\0')
    n--;
  for (guint i = 0; i < n; i++)
    {
      GtkTextTag *tag = tag_for_line (self, lines[i]);
      g_autofree char *text = g_strconcat (lines[i], i + 1 < n ? "\n" : "", NULL);

      gtk_text_buffer_get_end_iter (buffer, &end);
      if (tag != NULL)
        gtk_text_buffer_insert_with_tags (buffer, &end, text, -1, tag, NULL);
      else
        gtk_text_buffer_insert (buffer, &end, text, -1);
    }

  view = gtk_text_view_new_with_buffer (buffer);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_monospace (GTK_TEXT_VIEW (view), TRUE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_NONE);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_ptr_array_add (self->views, view);

  /* A text view knows its height only once it has laid out its lines,
   * after the first frames: asked before, it is a few lines tall. The
   * lines are counted instead, up to the height where it scrolls. */
  {
    g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (view, "Xg");
    int line_height = 0;

    pango_layout_get_pixel_size (layout, NULL, &line_height);
    min_height = MIN ((int) n * line_height + 12, DIFF_MAX_HEIGHT);
  }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), min_height);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), DIFF_MAX_HEIGHT);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);
  return scrolled;
}

static GtkWidget *
file_row_new (PaReviewChangesDialog *self,
              const PaDiffFile      *file)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (file->file);

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), diff_view_new (self, file));
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static char *
phone_subtitle (const PaDiffPhone *phone)
{
  /* TRANSLATORS: a phone's MAC address and model, "80:5E:C0:00:01:00 · yealink-t54w" */
  return g_strdup_printf (_("%s · %s"), phone->mac, phone->model);
}

static GtkWidget *
phone_row_new (PaReviewChangesDialog *self,
               const PaDiffPhone     *phone,
               gboolean               expanded)
{
  g_autofree char *subtitle = phone_subtitle (phone);
  GtkWidget *row, *count;

  if (phone->files->len == 0)
    {
      GtkWidget *same = gtk_label_new (_("Files unchanged"));

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), phone->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (same, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), same);
      return row;
    }

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), phone->name);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), expanded);
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "%u file changes",
                                                          "%u files change", phone->files->len),
                                             phone->files->len);

    count = gtk_label_new (text);
  }
  gtk_widget_add_css_class (count, "dim-label");
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), count);
  for (guint i = 0; i < phone->files->len; i++)
    adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                              file_row_new (self, g_ptr_array_index (phone->files, i)));
  return row;
}

char *
pa_review_changes_summary (PaChangeDiff *diff)
{
  gulong affected, shown, more;
  g_autofree char *first = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *then = NULL;

  g_return_val_if_fail (diff != NULL, NULL);

  affected = (gulong) diff->affected_phones;
  shown = diff->phones->len;
  more = (gulong) diff->more;
  first = g_strdup_printf (g_dngettext (NULL, "This change rewrites the files of %lu phone.",
                                        "This change rewrites the files of %lu phones.",
                                        affected), affected);
  if (more == 0)
    return g_steal_pointer (&first);
  /* TRANSLATORS: followed by "2 more change the same way." */
  then = g_strdup_printf (g_dngettext (NULL, "The first %lu is shown;",
                                       "The first %lu are shown;", shown), shown);
  rest = g_strdup_printf (g_dngettext (NULL, "%lu more changes the same way.",
                                       "%lu more change the same way.", more), more);
  return g_strjoin (" ", first, then, rest, NULL);
}

static void
clear_phones (PaReviewChangesDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->phones_list))) != NULL)
    gtk_list_box_remove (self->phones_list, child);
  g_ptr_array_set_size (self->views, 0);
}

static void
fill (PaReviewChangesDialog *self)
{
  g_free (self->summary);
  self->summary = pa_review_changes_summary (self->diff);
  gtk_label_set_text (self->summary_label, self->summary);
  clear_phones (self);
  for (guint i = 0; i < self->diff->phones->len; i++)
    gtk_list_box_append (self->phones_list,
                         phone_row_new (self, g_ptr_array_index (self->diff->phones, i), i == 0));
  queue_update_colours (self);
}

/* ---- the run -------------------------------------------------------- */

static void
present (PaReviewChangesDialog *self)
{
  g_clear_handle_id (&self->present_id, g_source_remove);
  if (self->presented)
    return;
  self->presented = TRUE;
  gtk_window_present (GTK_WINDOW (self));
}

static gboolean
present_timeout_cb (gpointer user_data)
{
  PaReviewChangesDialog *self = user_data;

  self->present_id = 0;
  present (self);
  return G_SOURCE_REMOVE;
}

/* Answers the caller, once; the dialog then goes. */
static void
answer (PaReviewChangesDialog *self,
        gboolean               go_ahead,
        GError                *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  g_clear_handle_id (&self->present_id, g_source_remove);
  if (task != NULL)
    {
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, go_ahead);
    }
  else
    g_clear_error (&error);
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
set_loaded_actions (PaReviewChangesDialog *self)
{
  const char *state = gtk_stack_get_visible_child_name (self->stack);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.confirm",
                                 g_strcmp0 (state, "loaded") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.retry",
                                 g_strcmp0 (state, "error") == 0);
}

static void
show_state (PaReviewChangesDialog *self,
            const char            *state)
{
  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_spinner_set_spinning (self->spinner, g_str_equal (state, "loading"));
  set_loaded_actions (self);
}

static void request (PaReviewChangesDialog *self);

typedef struct
{
  PaReviewChangesDialog *self;
  guint                  serial;
} Request;

static void
diff_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Request *req = user_data;
  g_autoptr(PaReviewChangesDialog) self = req->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaChangeDiff) diff = pa_client_diff_finish (PA_CLIENT (source), result, &error);
  guint serial = req->serial;

  g_free (req);
  if (self->task == NULL || serial != self->serial)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      answer (self, FALSE, g_steal_pointer (&error));
      return;
    }
  if (diff == NULL)
    {
      g_free (self->error_message);
      self->error_message = g_strdup (error->message);
      pa_status_page_set_description_text (self->error_page, error->message);
      show_state (self, "error");
      present (self);
      gtk_widget_grab_focus (GTK_WIDGET (adw_status_page_get_child (self->error_page)));
      return;
    }

  g_clear_pointer (&self->diff, pa_change_diff_unref);
  self->diff = g_steal_pointer (&diff);
  /* Nothing to review: what was asked for goes ahead. */
  if (self->diff->affected_phones == 0)
    {
      answer (self, TRUE, NULL);
      return;
    }
  g_clear_pointer (&self->error_message, g_free);
  fill (self);
  show_state (self, "loaded");
  present (self);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->confirm_button);
  gtk_widget_grab_focus (self->confirm_button);
}

static void
request (PaReviewChangesDialog *self)
{
  Request *req = g_new0 (Request, 1);

  req->self = g_object_ref (self);
  req->serial = ++self->serial;
  show_state (self, "loading");
  if (self->job_body != NULL)
    pa_client_diff_job_async (self->client, self->job_body, self->cancellable, diff_cb, req);
  else
    pa_client_diff_resource_async (self->client, self->resource, self->cancellable, diff_cb, req);
}

/* The dialog for either kind of change; request() asks for its diff. */
static PaReviewChangesDialog *
dialog_new (GtkWindow    *parent,
            PaClient     *client,
            const char   *confirm_label,
            GCancellable *cancellable)
{
  PaReviewChangesDialog *self;

  self = g_object_new (PA_TYPE_REVIEW_CHANGES_DIALOG, "transient-for", parent, NULL);
  gtk_button_set_label (GTK_BUTTON (self->confirm_button), confirm_label);
  self->client = g_object_ref (client);
  g_set_object (&self->cancellable, cancellable);
  return self;
}

static void
run_start (PaReviewChangesDialog *self,
           GCancellable          *cancellable,
           GAsyncReadyCallback    callback,
           gpointer               user_data)
{
  self->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, pa_review_changes_run_async);
  g_task_set_check_cancellable (self->task, FALSE);

  self->present_id = g_timeout_add (PRESENT_AFTER_MS, present_timeout_cb, self);
  request (self);
}

void
pa_review_changes_run_async (GtkWindow           *parent,
                             PaClient            *client,
                             PaResource          *resource,
                             const char          *confirm_label,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  PaReviewChangesDialog *self;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_CLIENT (client));
  g_return_if_fail (PA_IS_RESOURCE (resource));
  g_return_if_fail (confirm_label != NULL);

  self = dialog_new (parent, client, confirm_label, cancellable);
  self->resource = g_object_ref (resource);
  run_start (self, cancellable, callback, user_data);
}

void
pa_review_changes_run_job_async (GtkWindow           *parent,
                                 PaClient            *client,
                                 JsonObject          *job_body,
                                 const char          *confirm_label,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  PaReviewChangesDialog *self;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_CLIENT (client));
  g_return_if_fail (job_body != NULL);
  g_return_if_fail (confirm_label != NULL);

  self = dialog_new (parent, client, confirm_label, cancellable);
  self->job_body = json_object_ref (job_body);
  /* Nothing is unsaved here: the phones are only left as they are. */
  gtk_widget_set_tooltip_text (self->cancel_button, _("Change no phone (Escape)"));
  run_start (self, cancellable, callback, user_data);
}

gboolean
pa_review_changes_run_finish (GAsyncResult  *result,
                              gint64        *affected_phones,
                              GError       **error)
{
  PaReviewChangesDialog *self;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pa_review_changes_run_async,
                        FALSE);

  self = g_task_get_source_object (G_TASK (result));
  if (affected_phones != NULL)
    *affected_phones = self->diff != NULL ? self->diff->affected_phones : 0;
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- actions -------------------------------------------------------- */

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  answer (PA_REVIEW_CHANGES_DIALOG (widget), TRUE, NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  answer (PA_REVIEW_CHANGES_DIALOG (widget), FALSE, NULL);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  request (PA_REVIEW_CHANGES_DIALOG (widget));
}

static gboolean
pa_review_changes_dialog_close_request (GtkWindow *window)
{
  answer (PA_REVIEW_CHANGES_DIALOG (window), FALSE, NULL);
  return TRUE;
}

/* ---- for tests ------------------------------------------------------ */

const char *
pa_review_changes_dialog_get_state (PaReviewChangesDialog *self)
{
  g_return_val_if_fail (PA_IS_REVIEW_CHANGES_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
pa_review_changes_dialog_get_summary (PaReviewChangesDialog *self)
{
  g_return_val_if_fail (PA_IS_REVIEW_CHANGES_DIALOG (self), NULL);

  return self->summary;
}

const char *
pa_review_changes_dialog_get_error (PaReviewChangesDialog *self)
{
  g_return_val_if_fail (PA_IS_REVIEW_CHANGES_DIALOG (self), NULL);

  return g_strcmp0 (pa_review_changes_dialog_get_state (self), "error") == 0
         ? self->error_message : NULL;
}

PaChangeDiff *
pa_review_changes_dialog_get_diff (PaReviewChangesDialog *self)
{
  g_return_val_if_fail (PA_IS_REVIEW_CHANGES_DIALOG (self), NULL);

  return self->diff;
}

char *
pa_review_changes_dialog_dup_text (PaReviewChangesDialog *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (PA_IS_REVIEW_CHANGES_DIALOG (self), NULL);

  if (self->diff == NULL)
    return g_string_free (text, FALSE);
  g_string_append_printf (text, "%s\n", self->summary);
  for (guint i = 0; i < self->diff->phones->len; i++)
    {
      PaDiffPhone *phone = g_ptr_array_index (self->diff->phones, i);
      g_autofree char *subtitle = phone_subtitle (phone);

      g_string_append_printf (text, "%s\n%s\n", phone->name, subtitle);
      for (guint f = 0; f < phone->files->len; f++)
        g_string_append_printf (text, "%s\n", ((PaDiffFile *) g_ptr_array_index (phone->files, f))->file);
    }
  for (guint i = 0; i < self->views->len; i++)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (g_ptr_array_index (self->views, i));
      GtkTextIter start, end;
      g_autofree char *content = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      content = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (text, "%s\n", content);
    }
  return g_string_free (text, FALSE);
}

/* ---- GObject -------------------------------------------------------- */

static void
style_changed_cb (PaReviewChangesDialog *self)
{
  queue_update_colours (self);
}

static void
pa_review_changes_dialog_dispose (GObject *object)
{
  PaReviewChangesDialog *self = PA_REVIEW_CHANGES_DIALOG (object);

  /* Destroyed unanswered: with its parent (the caller's window closing,
   * its work cancelled), or by the window manager. */
  if (self->task != NULL)
    {
      if (self->cancellable != NULL && g_cancellable_is_cancelled (self->cancellable))
        answer (self, FALSE, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                  _("The window was closed")));
      else
        answer (self, FALSE, NULL);
    }
  g_clear_handle_id (&self->present_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_REVIEW_CHANGES_DIALOG);
  G_OBJECT_CLASS (pa_review_changes_dialog_parent_class)->dispose (object);
}

static void
pa_review_changes_dialog_finalize (GObject *object)
{
  PaReviewChangesDialog *self = PA_REVIEW_CHANGES_DIALOG (object);

  g_clear_object (&self->client);
  g_clear_object (&self->resource);
  g_clear_pointer (&self->job_body, json_object_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->diff, pa_change_diff_unref);
  g_free (self->error_message);
  g_free (self->summary);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_object (&self->tags);
  G_OBJECT_CLASS (pa_review_changes_dialog_parent_class)->finalize (object);
}

static void
pa_review_changes_dialog_class_init (PaReviewChangesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pa_review_changes_dialog_dispose;
  object_class->finalize = pa_review_changes_dialog_finalize;
  window_class->close_request = pa_review_changes_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/widgets/pa-review-changes-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PaReviewChangesDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, PaReviewChangesDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, PaReviewChangesDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PaReviewChangesDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, PaReviewChangesDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PaReviewChangesDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PaReviewChangesDialog, phones_list);
  gtk_widget_class_bind_template_child (widget_class, PaReviewChangesDialog, removed_probe);
  gtk_widget_class_bind_template_child (widget_class, PaReviewChangesDialog, added_probe);

  gtk_widget_class_install_action (widget_class, "review.confirm", NULL, confirm_action);
  gtk_widget_class_install_action (widget_class, "review.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "review.retry", NULL, retry_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "review.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "review.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "review.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "review.confirm", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "review.confirm", NULL);
}

static void
pa_review_changes_dialog_init (PaReviewChangesDialog *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->views = g_ptr_array_new ();
  self->tags = gtk_text_tag_table_new ();
  self->removed_tag = gtk_text_tag_new ("removed");
  self->added_tag = gtk_text_tag_new ("added");
  self->hunk_tag = gtk_text_tag_new ("hunk");
  self->header_tag = gtk_text_tag_new ("header");
  g_object_set (self->header_tag, "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_tag_table_add (self->tags, self->removed_tag);
  gtk_text_tag_table_add (self->tags, self->added_tag);
  gtk_text_tag_table_add (self->tags, self->hunk_tag);
  gtk_text_tag_table_add (self->tags, self->header_tag);
  /* The table holds them. */
  g_object_unref (self->removed_tag);
  g_object_unref (self->added_tag);
  g_object_unref (self->hunk_tag);
  g_object_unref (self->header_tag);

  g_signal_connect_object (style, "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (style, "notify::high-contrast", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (style_changed_cb), NULL);
  show_state (self, "loading");
}
