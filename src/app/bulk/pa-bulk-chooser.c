/* pa-bulk-chooser.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One dialog for every choice: a table says, per kind, where its items
 * come from, which of them fit the selected phones, how a row reads and
 * what the "none" row is. Sidecars are the one kind with more than one
 * answer (a layout per position): pa-bulk-chooser-sidecars.c.
 * The dialog holds the GTask until it answers, once.
 */
#define G_LOG_DOMAIN "pa-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-bulk-chooser-private.h"
#include "pa-layouts-page.h"
#include "pa-status-page.h"


G_DEFINE_FINAL_TYPE (PaBulkChooser, pa_bulk_chooser, ADW_TYPE_WINDOW)

#define ID_KEY "pa-id"

/* ---- the kinds ------------------------------------------------------ */

typedef struct
{
  PaBulkChoice  choice;
  const char   *title;             /* N_() */
  const char   *choose_label;      /* N_(): the button; Review Changes follows */
  const char   *list_label;        /* N_(): the list's accessible name */
  const char   *none_label;        /* N_(); NULL: no "none" row */
  const char   *none_subtitle;     /* N_() */
  const char   *empty_title;       /* N_() */
  const char   *empty_description; /* N_() */
  GListModel *(*get_items)   (PaRepository  *repo);
  gboolean    (*fits)        (PaBulkChooser *self,
                              PaResource    *item);
  char       *(*row_title)   (PaResource    *item);
  char       *(*row_subtitle) (PaBulkChooser *self,
                               PaResource    *item);
  gint64      (*current)     (PaPhone       *phone);
} ChoiceKind;

static gboolean
fits_any (PaBulkChooser *self,
          PaResource    *item)
{
  return TRUE;
}

static gboolean
layout_fits (PaBulkChooser *self,
             PaResource    *item)
{
  return self->models->len == 1
         && g_strcmp0 (pa_layout_get_model (PA_LAYOUT (item)),
                       g_ptr_array_index (self->models, 0)) == 0;
}

static char *
layout_title (PaResource *item)
{
  return g_strdup (pa_layout_get_name (PA_LAYOUT (item)));
}

static char *
layout_subtitle (PaBulkChooser *self,
                 PaResource    *item)
{
  const char *description = pa_layout_get_description (PA_LAYOUT (item));

  if (pa_layout_get_is_default (PA_LAYOUT (item)))
    return g_strdup (_("The model’s default"));
  return g_strdup (description);
}

static gint64
layout_current (PaPhone *phone)
{
  return pa_phone_get_layout_id (phone);
}

static char *
profile_title (PaResource *item)
{
  return g_strdup (pa_profile_get_name (PA_PROFILE (item)));
}

static char *
profile_subtitle (PaBulkChooser *self,
                  PaResource    *item)
{
  return g_strdup (pa_profile_get_description (PA_PROFILE (item)));
}

static gint64
profile_current (PaPhone *phone)
{
  return pa_phone_get_profile_id (phone);
}

static char *
agent_title (PaResource *item)
{
  return g_strdup (pa_agent_get_name (PA_AGENT (item)));
}

static char *
agent_subtitle (PaBulkChooser *self,
                PaResource    *item)
{
  const char *extension = pa_agent_get_extension (PA_AGENT (item));

  /* TRANSLATORS: an agent's extension, "Extension 201" */
  return extension[0] != '\0' ? g_strdup_printf (_("Extension %s"), extension) : NULL;
}

static gint64
agent_current (PaPhone *phone)
{
  return pa_phone_get_agent_id (phone);
}

/* For every model of the selection, not for one of them only. */
static gboolean
firmware_fits (PaBulkChooser *self,
               PaResource    *item)
{
  const char * const *models = pa_firmware_get_models (PA_FIRMWARE (item));

  for (guint i = 0; i < self->models->len; i++)
    if (!g_strv_contains (models, g_ptr_array_index (self->models, i)))
      return FALSE;
  return TRUE;
}

static char *
firmware_title (PaResource *item)
{
  PaFirmware *firmware = PA_FIRMWARE (item);

  return g_strdup (pa_firmware_get_name (firmware)[0] != '\0' ? pa_firmware_get_name (firmware)
                                                               : pa_firmware_get_version (firmware));
}

static char *
firmware_subtitle (PaBulkChooser *self,
                   PaResource    *item)
{
  PaFirmware *firmware = PA_FIRMWARE (item);

  /* TRANSLATORS: a firmware's version and file, "96.86.0.150 · T54W-96.86.0.150.rom" */
  return g_strdup_printf (_("%s · %s"), pa_firmware_get_version (firmware),
                          pa_firmware_get_filename (firmware));
}

static gint64
firmware_current (PaPhone *phone)
{
  return pa_phone_get_firmware_id (phone);
}

static const ChoiceKind kinds[] = {
  { PA_BULK_CHOOSE_LAYOUT, N_("Apply Layout"), N_("_Apply"), N_("Layouts"),
    N_("No Layout"), N_("The phones show the keys their own settings give them"),
    N_("No Layouts for These Phones"), N_("Make a layout for their model in Layouts first."),
    pa_repository_get_layouts, layout_fits, layout_title, layout_subtitle, layout_current },
  { PA_BULK_CHOOSE_PROFILE, N_("Apply Profile"), N_("_Apply"), N_("Profiles"),
    N_("No Profile"), N_("The server’s settings apply"),
    N_("No Profiles Yet"), N_("There is no profile to apply."),
    pa_repository_get_profiles, fits_any, profile_title, profile_subtitle, profile_current },
  { PA_BULK_CHOOSE_AGENT, N_("Assign Agent"), N_("_Assign"), N_("Agents"),
    N_("Unassign"), N_("The phones belong to no agent"),
    NULL, NULL,
    pa_repository_get_agents, fits_any, agent_title, agent_subtitle, agent_current },
  { PA_BULK_CHOOSE_FIRMWARE, N_("Update Firmware"), N_("_Update"), N_("Firmware"),
    NULL, NULL,
    N_("No Firmware for These Phones"), N_("Upload a firmware for their model first."),
    pa_repository_get_firmware, firmware_fits, firmware_title, firmware_subtitle,
    firmware_current },
};

static const ChoiceKind *
kind_for (PaBulkChoice choice)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (kinds[i].choice == choice)
      return &kinds[i];
  return NULL;
}

/* ---- the selection -------------------------------------------------- */

static char *
models_display (PaBulkChooser *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < self->models->len; i++)
    g_ptr_array_add (names, pa_layout_model_display_name (g_ptr_array_index (self->models, i)));
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

static char *
intro_text (PaBulkChooser *self)
{
  guint n = self->phones->len;
  g_autofree char *models = models_display (self);

  switch (self->action->choice)
    {
    case PA_BULK_CHOOSE_LAYOUT:
      if (self->models->len == 1 && n == 1)
        /* TRANSLATORS: "The selected Yealink T54W phone gets…" */
        return g_strdup_printf (_("The selected %s phone gets the layout you choose."), models);
      if (self->models->len == 1)
        /* TRANSLATORS: "The 3 selected Yealink T54W phones get…" */
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The %u selected %s phone gets the layout you choose.",
                                             "The %u selected %s phones get the layout you choose.",
                                             n), n, models);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The selected phone gets the layout you choose.",
                                           "The %u selected phones get the layout you choose.", n), n);
    case PA_BULK_CHOOSE_SIDECARS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The sidecars of the selected phone get the layouts you "
                                           "choose, the first sidecar first. Where it has no sidecar, "
                                           "it gets the one the layout is for.",
                                           "The sidecars of the %u selected phones get the layouts "
                                           "you choose, the first sidecar first. A phone with no "
                                           "sidecar there gets the one the layout is for.", n), n);
    case PA_BULK_CHOOSE_PROFILE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The selected phone gets the profile you choose.",
                                           "The %u selected phones get the profile you choose.", n), n);
    case PA_BULK_CHOOSE_AGENT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The selected phone is assigned to the agent you choose.",
                                           "The %u selected phones are assigned to the agent you "
                                           "choose.", n), n);
    case PA_BULK_CHOOSE_FIRMWARE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "The selected phone fetches the firmware you choose and "
                                           "installs it, restarting.",
                                           "The %u selected phones fetch the firmware you choose and "
                                           "install it, restarting.", n), n);
    case PA_BULK_CHOOSE_NOTHING:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* What the user should know about the selection before choosing. */
static char *
note_text (PaBulkChooser *self)
{
  g_autofree char *models = NULL;

  if (self->models->len < 2)
    return NULL;
  models = models_display (self);
  switch (self->action->choice)
    {
    case PA_BULK_CHOOSE_LAYOUT:
      /* TRANSLATORS: %u models, then their names */
      return g_strdup_printf (_("The selection has phones of %u models (%s), and a layout is for "
                                "one model: select phones of one model to give them a layout."),
                              self->models->len, models);
    case PA_BULK_CHOOSE_FIRMWARE:
      return g_strdup_printf (_("The selection has phones of %u models (%s): only firmware made "
                                "for all of them is listed."), self->models->len, models);
    case PA_BULK_CHOOSE_SIDECARS:
      return g_strdup_printf (_("The selection has phones of %u models (%s): a sidecar layout "
                                "only goes to a phone that takes its sidecar."),
                              self->models->len, models);
    case PA_BULK_CHOOSE_NOTHING:
    case PA_BULK_CHOOSE_PROFILE:
    case PA_BULK_CHOOSE_AGENT:
    default:
      return NULL;
    }
}

/* ---- rows ----------------------------------------------------------- */

static void
update_actions (PaBulkChooser *self)
{
  gboolean picked = self->combos->len > 0;

  for (guint i = 0; i < self->checks->len; i++)
    picked = picked || gtk_check_button_get_active (g_ptr_array_index (self->checks, i));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "chooser.choose", picked);
}

static void
add_choice (PaBulkChooser *self,
            gint64         id,
            const char    *title,
            const char    *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (self->checks->len > 0)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), g_ptr_array_index (self->checks, 0));
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  g_object_set_data_full (G_OBJECT (check), ID_KEY, g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_actions), self);
  g_ptr_array_add (self->checks, check);
  gtk_list_box_append (self->list_box, row);
}

static gint64
check_id (GtkWidget *check)
{
  return *(gint64 *) g_object_get_data (G_OBJECT (check), ID_KEY);
}

/* What every phone has now, or -1 when they differ. */
static gint64
common_value (PaBulkChooser *self,
              gint64       (*current) (PaPhone *phone))
{
  gint64 value = -1;

  for (guint i = 0; i < self->phones->len; i++)
    {
      gint64 v = current (g_ptr_array_index (self->phones, i));

      if (i > 0 && v != value)
        return -1;
      value = v;
    }
  return value;
}

static void
fill_list (PaBulkChooser    *self,
           const ChoiceKind *kind)
{
  GListModel *items = kind->get_items (self->repo);
  guint n_items = 0;

  if (kind->none_label != NULL)
    add_choice (self, 0, _(kind->none_label), _(kind->none_subtitle));
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(PaResource) item = g_list_model_get_item (items, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (!kind->fits (self, item))
        continue;
      title = kind->row_title (item);
      subtitle = kind->row_subtitle (self, item);
      add_choice (self, pa_resource_get_id (item), title, subtitle);
      n_items++;
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _(kind->list_label), -1);

  /* Nothing to choose but "none", and none is no help for this kind. */
  if (n_items == 0 && kind->empty_title != NULL
      && (kind->none_label == NULL || self->models->len == 1))
    {
      adw_status_page_set_title (self->empty_page, _(kind->empty_title));
      pa_status_page_set_description_text (self->empty_page, _(kind->empty_description));
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  pa_bulk_chooser_select (self, common_value (self, kind->current));
}

/* ---- the run -------------------------------------------------------- */

static void
answer (PaBulkChooser *self,
        JsonNode      *choice,
        GError        *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task != NULL)
    {
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, choice, (GDestroyNotify) json_node_unref);
    }
  else
    {
      g_clear_error (&error);
      g_clear_pointer (&choice, json_node_unref);
    }
  if (!gtk_widget_in_destruction (GTK_WIDGET (self)))
    gtk_window_destroy (GTK_WINDOW (self));
}

JsonNode *
pa_bulk_chooser_id_node (gint64 id)
{
  JsonNode *node = json_node_alloc ();

  if (id > 0)
    json_node_init_int (node, id);
  else
    json_node_init_null (node);
  return node;
}

static JsonNode *
make_choice (PaBulkChooser *self)
{
  if (self->combos->len > 0)
    return pa_bulk_chooser_sidecars_choice (self);
  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      return pa_bulk_chooser_id_node (check_id (g_ptr_array_index (self->checks, i)));
  return NULL;
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PaBulkChooser *self = PA_BULK_CHOOSER (widget);
  JsonNode *choice = make_choice (self);
  gint64 not_before = 0;

  if (choice == NULL)
    return;
  if (gtk_widget_get_visible (self->when_box) && adw_combo_row_get_selected (self->when_row) == 1)
    not_before = pa_bulk_next_night (g_get_real_time () / G_USEC_PER_SEC);
  if (self->task != NULL)
    g_task_set_task_data (self->task, g_memdup2 (&not_before, sizeof not_before), g_free);
  answer (self, choice, NULL);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  answer (PA_BULK_CHOOSER (widget), NULL, NULL);
}

static gboolean
pa_bulk_chooser_close_request (GtkWindow *window)
{
  answer (PA_BULK_CHOOSER (window), NULL, NULL);
  return TRUE;
}

static void
when_changed_cb (PaBulkChooser *self)
{
  gboolean tonight = adw_combo_row_get_selected (self->when_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->when_note),
                          tonight && gtk_widget_get_visible (self->when_box));
}

void
pa_bulk_chooser_run_async (GtkWindow           *parent,
                           PaRepository        *repo,
                           const PaBulkAction  *action,
                           GPtrArray           *phones,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  const ChoiceKind *kind;
  PaBulkChooser *self;
  g_autofree char *intro = NULL;
  g_autofree char *subtitle = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (PA_IS_REPOSITORY (repo));
  g_return_if_fail (action != NULL && action->choice != PA_BULK_CHOOSE_NOTHING);
  g_return_if_fail (phones != NULL && phones->len > 0);

  self = g_object_new (PA_TYPE_BULK_CHOOSER, "transient-for", parent, NULL);
  self->repo = g_object_ref (repo);
  self->action = action;
  self->phones = g_ptr_array_ref (phones);
  for (guint i = 0; i < phones->len; i++)
    {
      const char *model = pa_phone_get_model (g_ptr_array_index (phones, i));

      if (!g_ptr_array_find_with_equal_func (self->models, model, g_str_equal, NULL))
        g_ptr_array_add (self->models, g_strdup (model));
    }
  /* Not the task's source: an answer completed in an idle must not keep
   * the dialog past its parent. */
  self->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, pa_bulk_chooser_run_async);
  g_task_set_check_cancellable (self->task, FALSE);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_destroy), self,
                             G_CONNECT_SWAPPED);

  kind = kind_for (action->choice);
  adw_window_title_set_title (self->window_title,
                              kind != NULL ? _(kind->title) : _("Apply Sidecar Layouts"));
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone", "%u phones", phones->len),
                              phones->len);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  /* Short: the title says what it is for, and the window is narrow. */
  gtk_button_set_label (GTK_BUTTON (self->choose_button),
                        kind != NULL ? _(kind->choose_label) : _("_Apply"));
  intro = intro_text (self);
  gtk_label_set_label (self->intro_label, intro);
  self->note = note_text (self);
  gtk_label_set_label (self->note_label, self->note != NULL ? self->note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), self->note != NULL);

  if (kind != NULL)
    fill_list (self, kind);
  else
    pa_bulk_chooser_fill_sidecars (self);
  update_actions (self);
  gtk_widget_set_visible (self->when_box, action->choice == PA_BULK_CHOOSE_FIRMWARE &&
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0);
  g_signal_connect_swapped (self->when_row, "notify::selected", G_CALLBACK (when_changed_cb), self);
  when_changed_cb (self);
  gtk_widget_set_visible (self->choose_button,
                          g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "list") == 0);
  gtk_window_set_default_widget (GTK_WINDOW (self), self->choose_button);
  gtk_window_present (GTK_WINDOW (self));
}

JsonNode *
pa_bulk_chooser_run_finish (GAsyncResult  *result,
                            gint64        *not_before,
                            GError       **error)
{
  gint64 *when;

  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == pa_bulk_chooser_run_async, NULL);

  when = g_task_get_task_data (G_TASK (result));
  if (not_before != NULL)
    *not_before = when != NULL ? *when : 0;
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* PA_BULK_NIGHT_HOUR:00 local on @day's date, Unix seconds. */
static gint64
night_of (GDateTime *day)
{
  g_autoptr(GDateTime) night = g_date_time_new_local (g_date_time_get_year (day),
                                                      g_date_time_get_month (day),
                                                      g_date_time_get_day_of_month (day),
                                                      PA_BULK_NIGHT_HOUR, 0, 0);

  return g_date_time_to_unix (night);
}

gint64
pa_bulk_next_night (gint64 now)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) tomorrow = NULL;

  if (night_of (local) > now)
    return night_of (local);
  /* Tomorrow's, by the calendar: a day is not always 24 hours long. */
  tomorrow = g_date_time_add_days (local, 1);
  return night_of (tomorrow);
}


/* ---- for tests ------------------------------------------------------ */

const char *
pa_bulk_chooser_get_state (PaBulkChooser *self)
{
  g_return_val_if_fail (PA_IS_BULK_CHOOSER (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
pa_bulk_chooser_get_n_choices (PaBulkChooser *self)
{
  g_return_val_if_fail (PA_IS_BULK_CHOOSER (self), 0);
  return self->checks->len;
}

gboolean
pa_bulk_chooser_select (PaBulkChooser *self,
                        gint64         id)
{
  g_return_val_if_fail (PA_IS_BULK_CHOOSER (self), FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    if (check_id (g_ptr_array_index (self->checks, i)) == id)
      {
        gtk_check_button_set_active (g_ptr_array_index (self->checks, i), TRUE);
        return TRUE;
      }
  return FALSE;
}

const char *
pa_bulk_chooser_get_note (PaBulkChooser *self)
{
  g_return_val_if_fail (PA_IS_BULK_CHOOSER (self), NULL);
  return self->note;
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_bulk_chooser_dispose (GObject *object)
{
  PaBulkChooser *self = PA_BULK_CHOOSER (object);
  GCancellable *cancellable = self->task != NULL ? g_task_get_cancellable (self->task) : NULL;

  /* Destroyed unanswered: with its window (its work cancelled), or by the
   * window manager. */
  if (self->task != NULL)
    answer (self, NULL, cancellable != NULL && g_cancellable_is_cancelled (cancellable)
                        ? g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                               _("The window was closed"))
                        : NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_BULK_CHOOSER);
  G_OBJECT_CLASS (pa_bulk_chooser_parent_class)->dispose (object);
}

static void
pa_bulk_chooser_finalize (GObject *object)
{
  PaBulkChooser *self = PA_BULK_CHOOSER (object);

  g_clear_object (&self->repo);
  g_clear_pointer (&self->phones, g_ptr_array_unref);
  g_clear_pointer (&self->models, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->combos, g_ptr_array_unref);
  g_clear_pointer (&self->combo_ids, g_ptr_array_unref);
  g_free (self->note);
  G_OBJECT_CLASS (pa_bulk_chooser_parent_class)->finalize (object);
}

static void
pa_bulk_chooser_class_init (PaBulkChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pa_bulk_chooser_dispose;
  object_class->finalize = pa_bulk_chooser_finalize;
  window_class->close_request = pa_bulk_chooser_close_request;

  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/bulk/pa-bulk-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, PaBulkChooser, window_title);
  gtk_widget_class_bind_template_child (widget_class, PaBulkChooser, choose_button);
  gtk_widget_class_bind_template_child (widget_class, PaBulkChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, PaBulkChooser, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PaBulkChooser, note_label);
  gtk_widget_class_bind_template_child (widget_class, PaBulkChooser, list_box);
  gtk_widget_class_bind_template_child (widget_class, PaBulkChooser, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PaBulkChooser, when_box);
  gtk_widget_class_bind_template_child (widget_class, PaBulkChooser, when_row);
  gtk_widget_class_bind_template_child (widget_class, PaBulkChooser, when_note);

  gtk_widget_class_install_action (widget_class, "chooser.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "chooser.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "chooser.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "chooser.choose", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       "chooser.choose", NULL);
}

static void
pa_bulk_chooser_init (PaBulkChooser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->models = g_ptr_array_new_with_free_func (g_free);
  self->checks = g_ptr_array_new ();
  self->combos = g_ptr_array_new ();
  self->combo_ids = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

void
pa_bulk_chooser_set_tonight (PaBulkChooser *self,
                             gboolean       tonight)
{
  g_return_if_fail (PA_IS_BULK_CHOOSER (self));
  adw_combo_row_set_selected (self->when_row, tonight ? 1 : 0);
}
