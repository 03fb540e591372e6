/* pa-layout-designer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The designer edits a PaLayoutDocument: the face, the palettes and the
 * popovers all change it, so undo/redo, "modified" and validation come from
 * one place. Sidecars are module layouts drawn beside the phone; changing
 * how many there are rebuilds the document from its edited copies, which
 * keeps the edits (still unsaved) and starts the undo history again.
 * Saving and the close question are in pa-layout-designer-save.c, the
 * sidecar choices in pa-layout-designer-sidecars.c.
 */
#define G_LOG_DOMAIN "pa-layout-designer"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-apply-layout-dialog.h"
#include "pa-layout-designer-private.h"
#include "pa-layout-preview-dialog.h"
#include "pa-layouts-page.h"
#include "pa-window-size.h"
#include "pa-toast.h"

G_DEFINE_FINAL_TYPE (PaLayoutDesigner, pa_layout_designer, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];

/* ---- state ---------------------------------------------------------- */

gboolean
pa_layout_designer_is_modified (PaLayoutDesigner *self)
{
  return self->carry_modified
         || (self->document != NULL && pa_layout_document_get_modified (self->document));
}

const char *
pa_layout_designer_edited_name (PaLayoutDesigner *self)
{
  if (self->module_only)
    return pa_module_layout_get_name (g_ptr_array_index (self->module_choices, 0));
  return pa_layout_get_name (pa_layout_document_get_layout (self->document));
}

void
pa_layout_designer_update_state (PaLayoutDesigner *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *model_name = NULL;
  PaLayout *layout;
  gboolean modified, valid, stored;

  if (self->document == NULL)
    return;

  layout = pa_layout_document_get_layout (self->document);
  modified = pa_layout_designer_is_modified (self);
  valid = pa_layout_document_validate (self->document, &error);
  g_clear_pointer (&self->save_blocker, g_free);
  if (!valid)
    self->save_blocker = g_strdup_printf (_("Cannot save: %s"), error->message);

  stored = self->module_only
           ? pa_resource_get_id (g_ptr_array_index (self->module_choices, 0)) != 0
           : pa_resource_get_id (PA_RESOURCE (layout)) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "designer.undo",
                                 pa_layout_document_can_undo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "designer.redo",
                                 pa_layout_document_can_redo (self->document));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "designer.save",
                                 valid && !self->saving && (modified || !stored));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "designer.set-default",
                                 valid && !self->saving);
  /* Apply and preview act on what the server has: they need a stored layout. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "designer.apply",
                                 !self->module_only && stored && !self->saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "designer.preview",
                                 !self->module_only && stored && !self->saving);

  /* An edit while a save is on the wire would be marked saved without
   * having been sent: the editing surfaces wait for it. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->face), !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->key_palette), !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->agent_palette), !self->saving);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidecars_button), !self->saving);

  gtk_label_set_label (self->problem_label, self->save_blocker ? self->save_blocker : "");
  gtk_revealer_set_reveal_child (self->problem_revealer, self->save_blocker != NULL);
  gtk_widget_set_tooltip_text (self->save_button,
                               self->save_blocker ? self->save_blocker : _("Save (Ctrl+S)"));

  model_name = pa_layout_model_display_name (pa_device_model_get_id (self->model));
  title = g_strdup_printf ("%s%s", modified ? "• " : "", pa_layout_designer_edited_name (self));
  if (self->module_only)
    {
      PaModuleLayout *module_layout = g_ptr_array_index (self->module_choices, 0);
      g_autofree char *module_name =
        pa_layout_model_display_name (pa_module_layout_get_module (module_layout));
      /* Translators: a sidecar layout, drawn beside a phone model to show it */
      subtitle = g_strdup_printf (_("%s, shown beside a %s"), module_name, model_name);
    }
  else if (pa_layout_get_is_default (layout))
    /* Translators: %s is a phone model, "Yealink T54W" */
    subtitle = g_strdup_printf (_("%s · default layout"), model_name);
  else
    subtitle = g_strdup (model_name);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
document_changed_cb (PaLayoutDesigner *self)
{
  pa_layout_designer_update_state (self);
}

static void
set_document (PaLayoutDesigner *self,
              PaLayoutDocument *document)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "notify::modified", G_CALLBACK (document_changed_cb), self);
      g_signal_connect_swapped (document, "notify::can-undo", G_CALLBACK (document_changed_cb), self);
      g_signal_connect_swapped (document, "notify::can-redo", G_CALLBACK (document_changed_cb), self);
      g_signal_connect_swapped (document, "key-changed", G_CALLBACK (document_changed_cb), self);
    }
  pa_phone_face_set_document (self->face, document);
  pa_layout_designer_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

void
pa_layout_designer_rebuild_document (PaLayoutDesigner *self,
                  PaLayout         *layout)
{
  g_autoptr(GPtrArray) modules = g_ptr_array_new ();
  g_autoptr(PaLayoutDocument) document = NULL;

  for (guint i = 0; i < self->n_modules; i++)
    g_ptr_array_add (modules, g_ptr_array_index (self->module_choices, i));
  document = pa_layout_document_new (self->model, layout, modules);
  set_document (self, document);
}


/* ---- palettes ------------------------------------------------------- */

static gboolean
current_slot (PaLayoutDesigner *self,
              PaKeySlot        *slot)
{
  if (pa_phone_face_get_current_slot (self->face, slot))
    return TRUE;
  pa_toast_add (self->toast_overlay,
                pa_toast_new (_("Select a key on the phone first")));
  return FALSE;
}

static void
type_activated_cb (PaLayoutDesigner *self,
                   guint             type)
{
  PaDragSource source = { 0 };
  PaKeySlot slot;

  if (!current_slot (self, &slot))
    return;
  source.kind = PA_DRAG_KEY_TYPE;
  source.key_type = type;
  /* As a drop would: a rejection toasts, else the popover asks for the value. */
  pa_phone_face_drop (self->face, &source, slot);
}

static void
agent_activated_cb (PaLayoutDesigner *self,
                    PaAgent          *agent)
{
  PaDragSource source = { 0 };
  PaKeySlot slot;

  if (!current_slot (self, &slot))
    return;
  source.kind = PA_DRAG_AGENT;
  source.agent_id = pa_resource_get_id (PA_RESOURCE (agent));
  source.agent_name = pa_agent_get_name (agent);
  source.agent_extension = pa_agent_get_extension (agent);
  if (pa_phone_face_drop (self->face, &source, slot))
    pa_phone_face_focus_key (self->face, slot);
}

/* ---- actions -------------------------------------------------------- */

static void
undo_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (widget);

  pa_layout_document_undo (self->document);
}

static void
redo_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (widget);

  pa_layout_document_redo (self->document);
}

static void
save_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  pa_layout_designer_start_save (PA_LAYOUT_DESIGNER (widget));
}

static void
set_default_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (widget);

  /* Not an edit of the keys: it is saved at once, with any pending edits. */
  if (self->module_only)
    pa_module_layout_set_is_default (pa_layout_document_get_module_layout (self->document, 1), TRUE);
  else
    pa_layout_set_is_default (pa_layout_document_get_layout (self->document), TRUE);
  pa_layout_designer_start_save (self);
}

static void
apply_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (widget);
  GtkWidget *dialog;

  if (pa_layout_designer_is_modified (self))
    pa_toast_add (self->toast_overlay,
                  pa_toast_new (_("Unsaved changes are not applied until you save")));
  /* How it went shows here as a toast, with Undo (pa-bulk-report.h). */
  dialog = pa_apply_layout_dialog_new (GTK_WINDOW (self), self->repository,
                                       pa_layout_document_get_layout (self->document));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preview_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (widget);

  /* The dialog itself says when it shows the last saved version. */
  gtk_window_present (GTK_WINDOW (pa_layout_preview_dialog_new (GTK_WINDOW (self), self->repository,
                                                                pa_layout_document_get_layout (self->document))));
}

static void
clear_key_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (widget);
  PaKeySlot slot;

  if (current_slot (self, &slot))
    pa_layout_document_clear_key (self->document, slot);
}

static void
assign_type_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaKeyType type;

  if (pa_key_type_from_nick (g_variant_get_string (parameter, NULL), &type))
    type_activated_cb (PA_LAYOUT_DESIGNER (widget), type);
}

/* The face scrolls, so its size cannot say when the palettes crowd it:
 * the window's width does. */
#define FOLD_BELOW_WIDTH 900

static void
update_fold_cb (PaLayoutDesigner *self)
{
  int width = 0, height = 0;
  gboolean fold;

  /* A resize by the user updates the default size too; maximized, the
   * screen is wide enough. */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  fold = !gtk_window_is_maximized (GTK_WINDOW (self))
         && !gtk_window_is_fullscreen (GTK_WINDOW (self))
         && width > 0 && width < FOLD_BELOW_WIDTH;
  adw_flap_set_fold_policy (self->flap, fold ? ADW_FLAP_FOLD_POLICY_ALWAYS
                                             : ADW_FLAP_FOLD_POLICY_NEVER);
}

/* Narrow, the palettes fold away; F9 brings them over the phone (and
 * moves the focus there, so the keyboard can use them). */
static void
toggle_palette_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (widget);
  gboolean reveal = !adw_flap_get_reveal_flap (self->flap) || !adw_flap_get_folded (self->flap);

  adw_flap_set_reveal_flap (self->flap, reveal);
  if (reveal)
    gtk_widget_child_focus (GTK_WIDGET (self->key_palette), GTK_DIR_TAB_FORWARD);
}

/* ---- GObject -------------------------------------------------------- */

static gboolean
pa_layout_designer_close_request (GtkWindow *window)
{
  /* Unsaved changes: the question decides, and closes when it is answered. */
  if (pa_layout_designer_ask_to_save (PA_LAYOUT_DESIGNER (window)))
    return TRUE;
  return GTK_WINDOW_CLASS (pa_layout_designer_parent_class)->close_request (window);
}

void
pa_layout_designer_notify (PaLayoutDesigner *self,
                           guint             prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
pa_layout_designer_dispose (GObject *object)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->close_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->close_dialog)));
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_LAYOUT_DESIGNER);
  g_clear_object (&self->document);
  g_clear_object (&self->repository);
  g_clear_object (&self->model);
  g_clear_pointer (&self->module_choices, g_ptr_array_unref);

  G_OBJECT_CLASS (pa_layout_designer_parent_class)->dispose (object);
}

static void
pa_layout_designer_finalize (GObject *object)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (object);

  g_clear_object (&self->cancellable);
  g_free (self->save_blocker);
  g_free (self->last_result);

  G_OBJECT_CLASS (pa_layout_designer_parent_class)->finalize (object);
}

static void
pa_layout_designer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_N_MODULES:
      g_value_set_uint (value, self->n_modules);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_layout_designer_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (object);

  switch (prop_id)
    {
    case PROP_N_MODULES:
      pa_layout_designer_set_n_modules (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_layout_designer_class_init (PaLayoutDesignerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pa_layout_designer_dispose;
  object_class->finalize = pa_layout_designer_finalize;
  object_class->get_property = pa_layout_designer_get_property;
  object_class->set_property = pa_layout_designer_set_property;
  window_class->close_request = pa_layout_designer_close_request;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PA_TYPE_LAYOUT_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MODULES] =
    g_param_spec_uint ("n-modules", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PA_TYPE_PHONE_FACE);
  g_type_ensure (PA_TYPE_KEY_PALETTE);
  g_type_ensure (PA_TYPE_AGENT_PALETTE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/layouts/pa-layout-designer.ui");
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, window_title);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, sidecars_button);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, sidecars_content);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, sidecars_spin);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, sidecars_adjustment);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, module_choices_box);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, save_button);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, problem_label);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, face);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, key_palette);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, agent_palette);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, trash_box);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutDesigner, flap);

  gtk_widget_class_install_action (widget_class, "designer.undo", NULL, undo_cb);
  gtk_widget_class_install_action (widget_class, "designer.redo", NULL, redo_cb);
  gtk_widget_class_install_action (widget_class, "designer.save", NULL, save_cb);
  gtk_widget_class_install_action (widget_class, "designer.set-default", NULL, set_default_cb);
  gtk_widget_class_install_action (widget_class, "designer.apply", NULL, apply_cb);
  gtk_widget_class_install_action (widget_class, "designer.preview", NULL, preview_cb);
  gtk_widget_class_install_action (widget_class, "designer.clear-key", NULL, clear_key_cb);
  gtk_widget_class_install_action (widget_class, "designer.assign-type", "s", assign_type_cb);
  gtk_widget_class_install_action (widget_class, "designer.toggle-palette", NULL, toggle_palette_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "designer.toggle-palette", NULL);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "designer.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "designer.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "designer.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "designer.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
pa_layout_designer_init (PaLayoutDesigner *self)
{
  self->cancellable = g_cancellable_new ();
  self->module_choices = g_ptr_array_new_with_free_func (g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_box_append (self->trash_box, pa_key_trash_new (self->face));
  g_signal_connect_swapped (self->key_palette, "type-activated",
                            G_CALLBACK (type_activated_cb), self);
  g_signal_connect_swapped (self->agent_palette, "agent-activated",
                            G_CALLBACK (agent_activated_cb), self);
  g_signal_connect_swapped (self->sidecars_adjustment, "value-changed",
                            G_CALLBACK (pa_layout_designer_sidecars_changed), self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (update_fold_cb), NULL);
  g_signal_connect (self, "notify::maximized", G_CALLBACK (update_fold_cb), NULL);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (update_fold_cb), NULL);
  update_fold_cb (self);
}

/* ---- public --------------------------------------------------------- */

GtkWidget *
pa_layout_designer_new (GtkWindow    *parent,
                        PaRepository *repo,
                        PaLayout     *layout)
{
  PaLayoutDesigner *self;
  PaDeviceModel *model;

  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (PA_IS_LAYOUT (layout), NULL);

  model = pa_catalog_get_model (pa_catalog_get_default (), pa_layout_get_model (layout));
  g_return_val_if_fail (model != NULL, NULL);

  self = g_object_new (PA_TYPE_LAYOUT_DESIGNER, "transient-for", parent, NULL);
  /* 660 pixels fit a 768-pixel screen with its panels; a smaller one
   * gets less. */
  pa_window_fit_monitor (GTK_WINDOW (self));
  self->repository = g_object_ref (repo);
  self->model = g_object_ref (model);
  g_object_set (self->agent_palette, "repository", repo, NULL);
  pa_layout_designer_guess_modules (self, layout);
  pa_layout_designer_rebuild_document (self, layout);
  pa_layout_designer_rebuild_module_choices (self);
  return GTK_WIDGET (self);
}

GtkWidget *
pa_layout_designer_new_for_module (GtkWindow      *parent,
                                   PaRepository   *repo,
                                   PaModuleLayout *layout)
{
  PaLayoutDesigner *self;
  GListModel *models = pa_catalog_get_models (pa_catalog_get_default ());
  g_autoptr(PaLayout) scenery = NULL;
  PaDeviceModel *model = NULL;
  PaLayout *owner;

  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (PA_IS_MODULE_LAYOUT (layout), NULL);

  /* Drawn beside the phone of a layout it is a sidecar of, or else beside
   * the first model that takes the module. */
  owner = pa_layout_designer_find_sidecar_owner (repo, layout);
  if (owner != NULL)
    model = pa_catalog_get_model (pa_catalog_get_default (), pa_layout_get_model (owner));
  for (guint i = 0; model == NULL && i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(PaDeviceModel) candidate = g_list_model_get_item (models, i);

      if (pa_device_model_supports_module (candidate, pa_module_layout_get_module (layout)))
        model = candidate;
    }
  if (model == NULL)
    return NULL;

  self = g_object_new (PA_TYPE_LAYOUT_DESIGNER, "transient-for", parent, NULL);
  /* 660 pixels fit a 768-pixel screen with its panels; a smaller one
   * gets less. */
  pa_window_fit_monitor (GTK_WINDOW (self));
  self->repository = g_object_ref (repo);
  self->model = g_object_ref (model);
  self->module_only = TRUE;
  g_object_set (self->agent_palette, "repository", repo, NULL);
  g_ptr_array_add (self->module_choices, pa_resource_copy (PA_RESOURCE (layout)));
  self->n_modules = 1;
  /* The phone's keys are scenery here, never saved; a name keeps them
   * from blocking the save of the sidecar. */
  scenery = pa_layout_new ();
  pa_layout_set_model (scenery, pa_device_model_get_id (model));
  pa_layout_set_name (scenery, owner != NULL ? pa_layout_get_name (owner)
                                             : pa_module_layout_get_name (layout));
  if (owner != NULL)
    pa_layout_set_keys (scenery, pa_layout_get_keys (owner));
  pa_layout_designer_rebuild_document (self, scenery);
  pa_layout_designer_rebuild_module_choices (self);
  return GTK_WIDGET (self);
}

PaLayoutDocument *
pa_layout_designer_get_document (PaLayoutDesigner *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), NULL);

  return self->document;
}

GtkWidget *
pa_layout_designer_get_face (PaLayoutDesigner *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), NULL);

  return GTK_WIDGET (self->face);
}

GtkWidget *
pa_layout_designer_get_key_palette (PaLayoutDesigner *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), NULL);

  return GTK_WIDGET (self->key_palette);
}

GtkWidget *
pa_layout_designer_get_agent_palette (PaLayoutDesigner *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), NULL);

  return GTK_WIDGET (self->agent_palette);
}

guint
pa_layout_designer_get_n_modules (PaLayoutDesigner *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), 0);

  return self->n_modules;
}

const char *
pa_layout_designer_get_save_blocker (PaLayoutDesigner *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), NULL);

  return self->save_blocker;
}

gboolean
pa_layout_designer_get_saving (PaLayoutDesigner *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), FALSE);

  return self->saving;
}

GtkWidget *
pa_layout_designer_get_close_dialog (PaLayoutDesigner *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), NULL);

  return self->close_dialog;
}

const char *
pa_layout_designer_get_last_result (PaLayoutDesigner *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), NULL);

  return self->last_result;
}
