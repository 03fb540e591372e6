/* pa-agent-editor.c — add or edit one agent and the phones assigned to them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The routing is never edited here: the server sets it from the agent's
 * phones, so the row shows the stored agent's value and follows it when a
 * save (here or elsewhere) refreshes it.
 */
#define G_LOG_DOMAIN "pa-agent-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-agent-actions.h"
#include "pa-agent-editor.h"
#include "pa-confirm-dialog.h"
#include "pa-phone-actions.h"

struct _PaAgentEditor
{
  AdwWindow parent_instance;

  PaRepository *repo;
  PaAgent      *agent;        /* the stored agent; NULL until a new one is saved */
  PaAgent      *initial;      /* the form as opened */
  GCancellable *cancellable;

  GtkWidget           *save_button;
  GtkWidget           *spinner;
  GtkRevealer         *banner_revealer;
  GtkLabel            *banner_label;
  AdwEntryRow         *name_row;
  AdwEntryRow         *extension_row;
  AdwEntryRow         *email_row;
  AdwActionRow        *routing_row;
  GtkImage            *routing_icon;
  AdwPreferencesGroup *phones_group;
  GtkListBox          *phones_list;
  AdwComboRow         *assign_row;

  GtkCustomFilter    *mine_filter;
  GtkCustomFilter    *unassigned_filter;
  GtkFilterListModel *mine;
  GtkFilterListModel *unassigned;

  guint    n_busy;            /* saves under way (the agent or a phone) */
  gboolean valid;
};

G_DEFINE_FINAL_TYPE (PaAgentEditor, pa_agent_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_AGENT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_state (PaAgentEditor *self);

/* ------------------------------------------------------------------ */

static char *
row_text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static gint64
agent_id (PaAgentEditor *self)
{
  return self->agent != NULL ? pa_resource_get_id (PA_RESOURCE (self->agent)) : 0;
}

static PaAgent *
build_agent (PaAgentEditor *self)
{
  g_autoptr(PaAgent) agent = NULL;
  g_autofree char *name = row_text_or_null (self->name_row);
  g_autofree char *extension = row_text_or_null (self->extension_row);
  g_autofree char *email = row_text_or_null (self->email_row);

  agent = self->agent != NULL ? PA_AGENT (pa_resource_copy (PA_RESOURCE (self->agent)))
                              : pa_agent_new ();
  pa_agent_set_name (agent, name != NULL ? name : "");
  pa_agent_set_extension (agent, extension != NULL ? extension : "");
  pa_agent_set_email (agent, email);
  return g_steal_pointer (&agent);
}

static gboolean
is_dirty (PaAgentEditor *self)
{
  g_autoptr(PaAgent) now = build_agent (self);

  if (self->initial == NULL)
    return FALSE;
  /* Routing and revision follow the server, not the user. */
  pa_agent_set_routing (now, pa_agent_get_routing (self->initial));
  pa_resource_set_revision (PA_RESOURCE (now), pa_resource_get_revision (PA_RESOURCE (self->initial)));
  return !pa_resource_equal (PA_RESOURCE (now), PA_RESOURCE (self->initial));
}

static void
set_busy (PaAgentEditor *self,
          gboolean       busy)
{
  gboolean was_busy = self->n_busy > 0;

  if (busy)
    self->n_busy++;
  else if (self->n_busy > 0)
    self->n_busy--;

  if (was_busy == (self->n_busy > 0))
    return;
  gtk_widget_set_visible (self->spinner, self->n_busy > 0);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), self->n_busy > 0);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_banner (PaAgentEditor *self,
             const char    *message)
{
  gtk_label_set_text (self->banner_label, message);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
show_error (PaAgentEditor *self,
            const char    *what,
            const GError  *error)
{
  g_autofree char *message = NULL;

  if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE))
    message = g_strdup_printf (_("%s: the server cannot be reached (%s). Nothing was changed; "
                                 "your entries are still here."), what, error->message);
  else
    message = g_strdup_printf ("%s: %s", what, error->message);
  show_banner (self, message);
}

static void
update_routing (PaAgentEditor *self)
{
  PaAgentRouting routing = self->agent != NULL ? pa_agent_get_routing (self->agent)
                                               : PA_AGENT_ROUTING_SOFTPHONE;

  adw_action_row_set_subtitle (self->routing_row, pa_agent_routing_to_string (routing));
  gtk_image_set_from_icon_name (self->routing_icon,
                                routing == PA_AGENT_ROUTING_HARDWARE
                                ? "phone-symbolic" : "web-browser-symbolic");
}

static void
refilter (PaAgentEditor *self)
{
  guint n_free;

  gtk_filter_changed (GTK_FILTER (self->mine_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->unassigned_filter), GTK_FILTER_CHANGE_DIFFERENT);

  n_free = g_list_model_get_n_items (G_LIST_MODEL (self->unassigned));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->assign_row),
                               self->agent == NULL
                               ? _("Save the agent first, then assign phones")
                               : n_free == 0 ? _("Every phone is assigned") : "");
  update_state (self);
}

static void
update_state (PaAgentEditor *self)
{
  g_autoptr(PaAgent) agent = build_agent (self);
  g_autoptr(GError) error = NULL;
  gboolean can_assign;

  self->valid = pa_resource_validate (PA_RESOURCE (agent), &error);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 self->valid && self->n_busy == 0);
  gtk_widget_set_tooltip_text (self->save_button,
                               self->valid ? _("Save the agent (Ctrl+S)") : error->message);

  can_assign = self->agent != NULL && self->n_busy == 0
               && adw_combo_row_get_selected_item (self->assign_row) != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.assign-phone", can_assign);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.unassign-phone",
                                 self->agent != NULL && self->n_busy == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->assign_row), self->agent != NULL);
}

/* ------------------------------------------------------------------ */
/* Phone lists */

static gboolean
mine_filter_func (gpointer item,
                  gpointer user_data)
{
  PaAgentEditor *self = user_data;
  gint64 id = agent_id (self);

  return id != 0 && pa_phone_get_agent_id (PA_PHONE (item)) == id;
}

static gboolean
unassigned_filter_func (gpointer item,
                        gpointer user_data)
{
  return pa_phone_get_agent_id (PA_PHONE (item)) == 0;
}

static char *
phone_label (PaPhone *phone)
{
  if (phone == NULL)
    return NULL;
  return g_strdup_printf ("%s (%s)", pa_phone_get_name (phone), pa_phone_get_mac (phone));
}

static GtkWidget *
create_phone_row (gpointer item,
                  gpointer user_data)
{
  PaPhone *phone = PA_PHONE (item);
  PaDeviceModel *model = pa_catalog_get_model (pa_catalog_get_default (),
                                               pa_phone_get_model (phone));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Unassign"));
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;

  subtitle = g_strdup_printf ("%s · %s", pa_phone_get_mac (phone),
                              model != NULL ? pa_device_model_get_name (model)
                                            : pa_phone_get_model (phone));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pa_phone_get_name (phone));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  tooltip = g_strdup_printf (_("Unassign “%s” from this agent"), pa_phone_get_name (phone));
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.unassign-phone");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x",
                                    pa_resource_get_id (PA_RESOURCE (phone)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
phone_agent_notify_cb (PaPhone       *phone,
                       GParamSpec    *pspec,
                       PaAgentEditor *self)
{
  refilter (self);
}

static void
watch_phones (PaAgentEditor *self,
              GListModel    *phones,
              guint          position,
              guint          n)
{
  /* The repository updates phones in place, and filters do not watch
   * properties: re-filter when an assignment changes. */
  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (phones, i);

      g_signal_connect_object (phone, "notify::agent-id",
                               G_CALLBACK (phone_agent_notify_cb), self, 0);
    }
}

static void
phones_changed_cb (GListModel    *phones,
                   guint          position,
                   guint          removed,
                   guint          added,
                   PaAgentEditor *self)
{
  watch_phones (self, phones, position, added);
  refilter (self);
}

/* ------------------------------------------------------------------ */
/* Assigning phones */

typedef struct
{
  PaAgentEditor *self;
  char          *what;
} PhoneSave;

static void
phone_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  PhoneSave *data = user_data;
  g_autoptr(PaAgentEditor) self = data->self;
  g_autofree char *what = data->what;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) saved = NULL;

  g_free (data);
  saved = pa_repository_save_finish (PA_REPOSITORY (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (saved == NULL)
    {
      show_error (self, what, error);
      return;
    }
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  /* The save refreshed agents too, so the stored agent carries the
   * server's routing by now. */
  refilter (self);
  update_routing (self);
}

static void
save_phone_agent (PaAgentEditor *self,
                  PaPhone       *phone,
                  gint64         new_agent_id,
                  const char    *what)
{
  g_autoptr(PaPhone) copy = PA_PHONE (pa_resource_copy (PA_RESOURCE (phone)));
  PhoneSave *data = g_new0 (PhoneSave, 1);

  data->self = g_object_ref (self);
  data->what = g_strdup (what);
  pa_phone_set_agent_id (copy, new_agent_id);
  set_busy (self, TRUE);
  pa_repository_save_async (self->repo, PA_RESOURCE (copy), self->cancellable,
                            phone_saved_cb, data);
}

static void
assign_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (widget);
  PaPhone *phone = adw_combo_row_get_selected_item (self->assign_row);

  if (phone == NULL || self->agent == NULL || self->n_busy > 0)
    return;
  save_phone_agent (self, phone, agent_id (self), _("Could not assign the phone"));
}

static void
unassign_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (widget);
  PaResource *phone = pa_repository_find (self->repo, PA_TYPE_PHONE,
                                          g_variant_get_int64 (parameter));

  if (phone == NULL || self->n_busy > 0)
    return;
  save_phone_agent (self, PA_PHONE (phone), 0, _("Could not unassign the phone"));
}

/* ------------------------------------------------------------------ */
/* Saving the agent */

static void
agent_routing_cb (PaAgent       *agent,
                  GParamSpec    *pspec,
                  PaAgentEditor *self)
{
  update_routing (self);
}

static void
set_agent (PaAgentEditor *self,
           PaAgent       *agent)
{
  if (self->agent == agent)
    return;
  if (self->agent != NULL)
    g_signal_handlers_disconnect_by_func (self->agent, agent_routing_cb, self);
  g_set_object (&self->agent, agent);
  if (agent != NULL)
    g_signal_connect_object (agent, "notify::routing", G_CALLBACK (agent_routing_cb), self, 0);
  update_routing (self);
  refilter (self);
}

static void
agent_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PaAgentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) saved = NULL;
  g_autofree char *toast = NULL;
  GtkWindow *parent;

  saved = pa_repository_save_finish (PA_REPOSITORY (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (saved == NULL)
    {
      show_error (self, _("Could not save the agent"), error);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (self->agent == NULL)
    {
      g_autofree char *title = NULL;

      /* A new agent stays open so phones can be assigned right away. */
      set_agent (self, PA_AGENT (saved));
      g_clear_object (&self->initial);
      self->initial = build_agent (self);
      title = g_strdup_printf (_("Edit “%s”"), pa_agent_get_name (self->agent));
      gtk_window_set_title (GTK_WINDOW (self), title);
      gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
      toast = g_strdup_printf (_("Agent “%s” added"), pa_agent_get_name (PA_AGENT (saved)));
      if (parent != NULL)
        pa_show_toast (GTK_WIDGET (parent), toast);
      update_state (self);
      return;
    }

  toast = g_strdup_printf (_("Agent “%s” saved"), pa_agent_get_name (PA_AGENT (saved)));
  if (parent != NULL)
    pa_show_toast (GTK_WIDGET (parent), toast);
  pa_confirm_discard_done (GTK_WINDOW (self));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (widget);
  g_autoptr(PaAgent) agent = NULL;

  update_state (self);
  if (!self->valid || self->n_busy > 0)
    return;

  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  agent = build_agent (self);
  set_busy (self, TRUE);
  pa_repository_save_async (self->repo, PA_RESOURCE (agent), self->cancellable,
                            agent_saved_cb, g_object_ref (self));
}

static gboolean
pa_agent_editor_close_request (GtkWindow *window)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (window);

  if (pa_confirm_discard (window, is_dirty (self), _("The changes to this agent have not been saved.")))
    return TRUE;
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (pa_agent_editor_parent_class)->close_request (window);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
entry_changed_cb (GtkEditable   *editable,
                  PaAgentEditor *self)
{
  update_state (self);
}

static void
assign_selected_cb (AdwComboRow   *row,
                    GParamSpec    *pspec,
                    PaAgentEditor *self)
{
  update_state (self);
}

/* ------------------------------------------------------------------ */
/* GObject */

static void
pa_agent_editor_constructed (GObject *object)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (object);
  GListModel *phones;
  g_autoptr(PaAgent) agent = NULL;

  G_OBJECT_CLASS (pa_agent_editor_parent_class)->constructed (object);

  g_return_if_fail (PA_IS_REPOSITORY (self->repo));
  phones = pa_repository_get_phones (self->repo);

  self->mine_filter = gtk_custom_filter_new (mine_filter_func, self, NULL);
  self->unassigned_filter = gtk_custom_filter_new (unassigned_filter_func, NULL, NULL);
  self->mine = gtk_filter_list_model_new (g_object_ref (phones),
                                          g_object_ref (GTK_FILTER (self->mine_filter)));
  self->unassigned = gtk_filter_list_model_new (g_object_ref (phones),
                                                g_object_ref (GTK_FILTER (self->unassigned_filter)));
  gtk_list_box_bind_model (self->phones_list, G_LIST_MODEL (self->mine),
                           create_phone_row, self, NULL);
  adw_combo_row_set_expression (self->assign_row,
                                gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL,
                                                             G_CALLBACK (phone_label),
                                                             NULL, NULL));
  adw_combo_row_set_model (self->assign_row, G_LIST_MODEL (self->unassigned));

  watch_phones (self, phones, 0, g_list_model_get_n_items (phones));
  g_signal_connect_object (phones, "items-changed", G_CALLBACK (phones_changed_cb), self, 0);

  /* set_agent() only acts on a change; take the construct value out first. */
  agent = g_steal_pointer (&self->agent);
  if (agent != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Edit “%s”"), pa_agent_get_name (agent));

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), pa_agent_get_name (agent));
      gtk_editable_set_text (GTK_EDITABLE (self->extension_row), pa_agent_get_extension (agent));
      gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                             pa_agent_get_email (agent) != NULL ? pa_agent_get_email (agent) : "");
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  set_agent (self, agent);
  update_routing (self);
  refilter (self);
  self->initial = build_agent (self);
  update_state (self);
}

static void
pa_agent_editor_dispose (GObject *object)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_AGENT_EDITOR);
  g_clear_object (&self->mine);
  g_clear_object (&self->unassigned);
  g_clear_object (&self->mine_filter);
  g_clear_object (&self->unassigned_filter);

  G_OBJECT_CLASS (pa_agent_editor_parent_class)->dispose (object);
}

static void
pa_agent_editor_finalize (GObject *object)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (object);

  g_clear_object (&self->repo);
  g_clear_object (&self->agent);
  g_clear_object (&self->initial);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pa_agent_editor_parent_class)->finalize (object);
}

static void
pa_agent_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repo);
      break;
    case PROP_AGENT:
      g_value_set_object (value, self->agent);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->n_busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_agent_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      self->repo = g_value_dup_object (value);
      break;
    case PROP_AGENT:
      self->agent = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Opens with the name focused, so a keyboard user can type at once;
 * left to itself GTK focuses the header bar's Cancel button. */
static void
pa_agent_editor_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pa_agent_editor_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (PA_AGENT_EDITOR (widget)->name_row));
}

static void
pa_agent_editor_class_init (PaAgentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  widget_class->show = pa_agent_editor_show;
  object_class->constructed = pa_agent_editor_constructed;
  object_class->dispose = pa_agent_editor_dispose;
  object_class->finalize = pa_agent_editor_finalize;
  object_class->get_property = pa_agent_editor_get_property;
  object_class->set_property = pa_agent_editor_set_property;
  window_class->close_request = pa_agent_editor_close_request;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENT] =
    g_param_spec_object ("agent", NULL, NULL, PA_TYPE_AGENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/agents/pa-agent-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, banner_label);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, extension_row);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, routing_row);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, routing_icon);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, phones_group);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, phones_list);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, assign_row);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.assign-phone", NULL, assign_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.unassign-phone", "x",
                                   unassign_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
pa_agent_editor_init (PaAgentEditor *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  placeholder = gtk_label_new (_("No phones assigned; calls go to the browser softphone"));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->phones_list, placeholder);

  g_signal_connect (self->name_row, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect (self->extension_row, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect (self->email_row, "changed", G_CALLBACK (entry_changed_cb), self);
  g_signal_connect (self->assign_row, "notify::selected", G_CALLBACK (assign_selected_cb), self);
}

GtkWidget *
pa_agent_editor_new (GtkWindow    *parent,
                     PaRepository *repo,
                     PaAgent      *agent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (agent == NULL || PA_IS_AGENT (agent), NULL);

  return g_object_new (PA_TYPE_AGENT_EDITOR,
                       "transient-for", parent,
                       "repository", repo,
                       "agent", agent,
                       NULL);
}

gboolean
pa_agent_editor_get_busy (PaAgentEditor *self)
{
  g_return_val_if_fail (PA_IS_AGENT_EDITOR (self), FALSE);
  return self->n_busy > 0;
}

const char *
pa_agent_editor_get_routing_text (PaAgentEditor *self)
{
  g_return_val_if_fail (PA_IS_AGENT_EDITOR (self), NULL);
  return adw_action_row_get_subtitle (self->routing_row);
}

PaAgent *
pa_agent_editor_get_agent (PaAgentEditor *self)
{
  g_return_val_if_fail (PA_IS_AGENT_EDITOR (self), NULL);
  return self->agent;
}
