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
#include "pa-editor.h"
#include "pa-phone-actions.h"

struct _PaAgentEditor
{
  PaEditor parent_instance;

  PaRepository *repo;
  PaAgent      *agent;        /* the stored agent; NULL until a new one is saved */
  PaAgent      *initial;      /* the form as opened */
  /* Assignments made in the form, applied on Save: phone id → TRUE (to
   * this agent) or FALSE (unassigned). Cancel forgets them. */
  GHashTable   *pending;

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

  guint n_saved_phones;       /* by the save under way */
};

G_DEFINE_FINAL_TYPE (PaAgentEditor, pa_agent_editor, PA_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void save_next_phone (PaAgentEditor *self);

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
agent_changed (PaAgentEditor *self)
{
  g_autoptr(PaAgent) now = build_agent (self);

  if (self->initial == NULL)
    return FALSE;
  /* Routing and revision follow the server, not the user. */
  pa_agent_set_routing (now, pa_agent_get_routing (self->initial));
  pa_resource_set_revision (PA_RESOURCE (now), pa_resource_get_revision (PA_RESOURCE (self->initial)));
  return !pa_resource_equal (PA_RESOURCE (now), PA_RESOURCE (self->initial));
}

static gboolean
pa_agent_editor_is_dirty (PaEditor *editor)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (editor);

  return agent_changed (self) || g_hash_table_size (self->pending) > 0;
}

/* Whether @phone goes to this agent once the form is saved. */
static gboolean
is_mine (PaAgentEditor *self,
         PaPhone       *phone)
{
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));
  gpointer pending;

  if (g_hash_table_lookup_extended (self->pending, &id, NULL, &pending))
    return GPOINTER_TO_INT (pending);
  return agent_id (self) != 0 && pa_phone_get_agent_id (phone) == agent_id (self);
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
  GListModel *phones = pa_repository_get_phones (self->repo);
  guint n_free;

  gtk_filter_changed (GTK_FILTER (self->mine_filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_filter_changed (GTK_FILTER (self->unassigned_filter), GTK_FILTER_CHANGE_DIFFERENT);

  n_free = g_list_model_get_n_items (G_LIST_MODEL (self->unassigned));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->assign_row),
                               g_list_model_get_n_items (phones) == 0
                               ? _("There are no phones yet. Add them under Phones.")
                               : n_free == 0 ? _("Every phone already has an agent") : "");
  pa_editor_update (PA_EDITOR (self));
}

static char *
pa_agent_editor_check (PaEditor *editor)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (editor);
  g_autoptr(PaAgent) agent = build_agent (self);
  g_autoptr(GError) error = NULL;
  gboolean busy = pa_editor_get_busy (editor);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.assign-phone",
                                 !busy && adw_combo_row_get_selected_item (self->assign_row) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.unassign-phone", !busy);

  if (!pa_resource_validate (PA_RESOURCE (agent), &error))
    return g_strdup (error->message);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Phone lists */

static gboolean
mine_filter_func (gpointer item,
                  gpointer user_data)
{
  return is_mine (user_data, PA_PHONE (item));
}

static gboolean
unassigned_filter_func (gpointer item,
                        gpointer user_data)
{
  PaAgentEditor *self = user_data;
  PaPhone *phone = PA_PHONE (item);
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));

  if (is_mine (self, phone))
    return FALSE;
  /* Unassigned here but still stored with this agent: free once saved. */
  return pa_phone_get_agent_id (phone) == 0 || g_hash_table_contains (self->pending, &id);
}

static char *
phone_label (PaPhone *phone)
{
  if (phone == NULL)
    return NULL;
  return g_strdup_printf ("%s (%s)", pa_phone_get_name (phone), pa_phone_get_mac (phone));
}

static void
phone_choice_setup_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_list_item_set_child (list_item, box);
}

static void
phone_choice_bind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item)
{
  PaPhone *phone = gtk_list_item_get_item (list_item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  PaDeviceModel *model = pa_catalog_get_model (pa_catalog_get_default (), pa_phone_get_model (phone));
  g_autofree char *text = g_strdup_printf ("%s · %s", pa_phone_get_mac (phone),
                                           model != NULL ? pa_device_model_get_name (model)
                                                         : pa_phone_get_model (phone));
  g_autofree char *both = g_strdup_printf ("%s, %s", pa_phone_get_name (phone), text);

  gtk_label_set_text (GTK_LABEL (name), pa_phone_get_name (phone));
  gtk_label_set_text (GTK_LABEL (detail), text);
  /* One name for both lines, as a screen reader reads a row. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_list_item_get_child (list_item)),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, both, -1);
}

static GtkWidget *
create_phone_row (gpointer item,
                  gpointer user_data)
{
  PaAgentEditor *self = user_data;
  PaPhone *phone = PA_PHONE (item);
  PaDeviceModel *model = pa_catalog_get_model (pa_catalog_get_default (),
                                               pa_phone_get_model (phone));
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Unassign"));
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));
  g_autofree char *subtitle = NULL;
  g_autofree char *tooltip = NULL;

  subtitle = g_strdup_printf ("%s · %s%s", pa_phone_get_mac (phone),
                              model != NULL ? pa_device_model_get_name (model)
                                            : pa_phone_get_model (phone),
                              g_hash_table_contains (self->pending, &id)
                              ? _(" · assigned when you save") : "");
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), pa_phone_get_name (phone));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  tooltip = g_strdup_printf (_("Unassign “%s” from this agent"), pa_phone_get_name (phone));
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "editor.unassign-phone");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
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
/* Assigning phones: in the form until Save */

static void
set_pending (PaAgentEditor *self,
             PaPhone       *phone,
             gboolean       mine)
{
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));
  gboolean stored_mine = agent_id (self) != 0 && pa_phone_get_agent_id (phone) == agent_id (self);

  if (mine == stored_mine)
    g_hash_table_remove (self->pending, &id);
  else
    g_hash_table_insert (self->pending, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (mine));
  refilter (self);
}

static void
assign_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (widget);
  PaPhone *phone = adw_combo_row_get_selected_item (self->assign_row);

  if (phone != NULL && !pa_editor_get_busy (PA_EDITOR (self)))
    set_pending (self, phone, TRUE);
}

static void
unassign_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (widget);
  PaResource *phone = pa_repository_find (self->repo, PA_TYPE_PHONE,
                                          g_variant_get_int64 (parameter));

  if (phone != NULL && !pa_editor_get_busy (PA_EDITOR (self)))
    set_pending (self, PA_PHONE (phone), FALSE);
}

/* ------------------------------------------------------------------ */
/* Saving: the agent (it needs an id first), then each phone it gained or lost */

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
set_title (PaAgentEditor *self)
{
  g_autofree char *title = NULL;

  if (self->agent == NULL)
    return;
  title = g_strdup_printf (_("Edit “%s”"), pa_agent_get_name (self->agent));
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
save_failed (PaAgentEditor *self,
             const char    *what,
             const GError  *error)
{
  pa_editor_end_busy (PA_EDITOR (self));
  pa_editor_show_error (PA_EDITOR (self), what, error);
  refilter (self);
}

static void
phone_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PaAgentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) saved = NULL;
  gint64 id;

  saved = pa_repository_save_finish (PA_REPOSITORY (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (saved == NULL)
    {
      save_failed (self, _("Could not change the phone’s agent"), error);
      return;
    }
  id = pa_resource_get_id (saved);
  g_hash_table_remove (self->pending, &id);
  self->n_saved_phones++;
  save_next_phone (self);
}

static void
save_done (PaAgentEditor *self,
           gboolean       added)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  const char *name = pa_agent_get_name (self->agent);
  g_autofree char *toast = NULL;

  pa_editor_end_busy (PA_EDITOR (self));
  if (self->n_saved_phones > 0)
    toast = g_strdup_printf (g_dngettext (NULL, "Agent “%s” saved with %u phone changed",
                                          "Agent “%s” saved with %u phones changed",
                                          self->n_saved_phones), name, self->n_saved_phones);
  else
    toast = g_strdup_printf (added ? _("Agent “%s” added") : _("Agent “%s” saved"), name);
  if (parent != NULL)
    pa_show_toast (GTK_WIDGET (parent), toast);
  pa_editor_finish (PA_EDITOR (self));
}

static void
save_next_phone (PaAgentEditor *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      PaResource *phone = pa_repository_find (self->repo, PA_TYPE_PHONE, *(gint64 *) key);
      g_autoptr(PaPhone) copy = NULL;

      if (phone == NULL)   /* deleted meanwhile: nothing left to assign */
        {
          g_hash_table_iter_remove (&iter);
          continue;
        }
      copy = PA_PHONE (pa_resource_copy (phone));
      pa_phone_set_agent_id (copy, GPOINTER_TO_INT (value) ? agent_id (self) : 0);
      pa_repository_save_async (self->repo, PA_RESOURCE (copy),
                                pa_editor_get_cancellable (PA_EDITOR (self)),
                                phone_saved_cb, g_object_ref (self));
      return;
    }
  save_done (self, FALSE);
}

static void
agent_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PaAgentEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) saved = NULL;
  gboolean added = self->agent == NULL;

  saved = pa_repository_save_finish (PA_REPOSITORY (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (saved == NULL)
    {
      save_failed (self, _("Could not save the agent"), error);
      return;
    }

  /* From here on the form edits the stored agent, also when a phone's
   * save fails next and the editor stays open. */
  set_agent (self, PA_AGENT (saved));
  g_clear_object (&self->initial);
  self->initial = build_agent (self);
  set_title (self);
  if (g_hash_table_size (self->pending) == 0)
    {
      save_done (self, added);
      return;
    }
  save_next_phone (self);
}

static void
pa_agent_editor_save (PaEditor *editor)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (editor);

  pa_editor_begin_busy (editor);
  self->n_saved_phones = 0;
  if (self->agent == NULL || agent_changed (self))
    {
      g_autoptr(PaAgent) agent = build_agent (self);

      pa_repository_save_async (self->repo, PA_RESOURCE (agent), pa_editor_get_cancellable (editor),
                                agent_saved_cb, g_object_ref (self));
      return;
    }
  save_next_phone (self);
}

static void
entry_changed_cb (GtkEditable   *editable,
                  PaAgentEditor *self)
{
  pa_editor_update (PA_EDITOR (self));
}

static void
assign_selected_cb (AdwComboRow   *row,
                    GParamSpec    *pspec,
                    PaAgentEditor *self)
{
  pa_editor_update (PA_EDITOR (self));
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
  self->unassigned_filter = gtk_custom_filter_new (unassigned_filter_func, self, NULL);
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
  /* In the list, the MAC and model on a line of their own: on one line
   * with the name they were cut off. */
  {
    g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (phone_choice_setup_cb), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (phone_choice_bind_cb), NULL);
    adw_combo_row_set_list_factory (self->assign_row, factory);
  }
  adw_combo_row_set_model (self->assign_row, G_LIST_MODEL (self->unassigned));

  watch_phones (self, phones, 0, g_list_model_get_n_items (phones));
  g_signal_connect_object (phones, "items-changed", G_CALLBACK (phones_changed_cb), self, 0);

  /* set_agent() only acts on a change; take the construct value out first. */
  agent = g_steal_pointer (&self->agent);
  if (agent != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), pa_agent_get_name (agent));
      gtk_editable_set_text (GTK_EDITABLE (self->extension_row), pa_agent_get_extension (agent));
      gtk_editable_set_text (GTK_EDITABLE (self->email_row),
                             pa_agent_get_email (agent) != NULL ? pa_agent_get_email (agent) : "");
    }
  set_agent (self, agent);
  set_title (self);
  update_routing (self);
  self->initial = build_agent (self);
  refilter (self);
}

static void
pa_agent_editor_dispose (GObject *object)
{
  PaAgentEditor *self = PA_AGENT_EDITOR (object);

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
  g_clear_pointer (&self->pending, g_hash_table_unref);

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
  PaEditorClass *editor_class = PA_EDITOR_CLASS (klass);

  widget_class->show = pa_agent_editor_show;
  object_class->constructed = pa_agent_editor_constructed;
  object_class->dispose = pa_agent_editor_dispose;
  object_class->finalize = pa_agent_editor_finalize;
  object_class->get_property = pa_agent_editor_get_property;
  object_class->set_property = pa_agent_editor_set_property;
  editor_class->is_dirty = pa_agent_editor_is_dirty;
  editor_class->check = pa_agent_editor_check;
  editor_class->save = pa_agent_editor_save;
  editor_class->save_tooltip = N_("Save the agent and its phones (Ctrl+S)");
  editor_class->discard_body = N_("The changes to this agent and its phones have not been saved.");

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENT] =
    g_param_spec_object ("agent", NULL, NULL, PA_TYPE_AGENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/agents/pa-agent-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, extension_row);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, routing_row);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, routing_icon);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, phones_group);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, phones_list);
  gtk_widget_class_bind_template_child (widget_class, PaAgentEditor, assign_row);

  gtk_widget_class_install_action (widget_class, "editor.assign-phone", NULL, assign_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.unassign-phone", "x",
                                   unassign_action_cb);
}

static void
pa_agent_editor_init (PaAgentEditor *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->pending = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

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
