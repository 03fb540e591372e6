/* pa-layout-designer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The designer edits a PaLayoutDocument: the face, the palettes and the
 * popovers all change it, so undo/redo, "modified" and validation come from
 * one place. Sidecars are module layouts drawn beside the phone; changing
 * how many there are rebuilds the document from its edited copies, which
 * keeps the edits (still unsaved) and starts the undo history again.
 */
#define G_LOG_DOMAIN "pa-layout-designer"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-agent-palette.h"
#include "pa-apply-layout-dialog.h"
#include "pa-key-palette.h"
#include "pa-layout-designer.h"
#include "pa-layout-preview-dialog.h"
#include "pa-layouts-page.h"
#include "pa-phone-face.h"

struct _PaLayoutDesigner
{
  AdwWindow         parent_instance;

  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkMenuButton    *sidecars_button;
  AdwButtonContent *sidecars_content;
  GtkSpinButton    *sidecars_spin;
  GtkAdjustment    *sidecars_adjustment;
  GtkBox           *module_choices_box;
  GtkWidget        *save_button;
  GtkRevealer      *problem_revealer;
  GtkLabel         *problem_label;
  PaPhoneFace      *face;
  PaKeyPalette     *key_palette;
  PaAgentPalette   *agent_palette;
  GtkBox           *trash_box;
  AdwFlap          *flap;

  PaRepository     *repository;
  PaDeviceModel    *model;
  PaLayoutDocument *document;
  /* Working copies of the sidecars' module layouts, by surface - 1; may be
   * longer than the document's sidecars so a removed one keeps its edits. */
  GPtrArray        *module_choices;
  guint             n_modules;
  gboolean          carry_modified;   /* edits from before a rebuild */
  gboolean          module_only;      /* editing a module layout: the phone is scenery */
  gboolean          saving;
  gboolean          close_after_save;
  gboolean          syncing;
  char             *save_blocker;
  char             *last_result;
  GtkWidget        *close_dialog;
  GCancellable     *cancellable;
};

G_DEFINE_FINAL_TYPE (PaLayoutDesigner, pa_layout_designer, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_DOCUMENT,
  PROP_N_MODULES,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_save (PaLayoutDesigner *self);
static void rebuild_module_choices (PaLayoutDesigner *self);

/* ---- state ---------------------------------------------------------- */

static gboolean
is_modified (PaLayoutDesigner *self)
{
  return self->carry_modified
         || (self->document != NULL && pa_layout_document_get_modified (self->document));
}

static const char *
edited_name (PaLayoutDesigner *self)
{
  if (self->module_only)
    return pa_module_layout_get_name (g_ptr_array_index (self->module_choices, 0));
  return pa_layout_get_name (pa_layout_document_get_layout (self->document));
}

static void
update_state (PaLayoutDesigner *self)
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
  modified = is_modified (self);
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
  title = g_strdup_printf ("%s%s", modified ? "• " : "", edited_name (self));
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
  update_state (self);
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
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static void
replace_choice (PaLayoutDesigner *self,
                guint             i,
                PaModuleLayout   *layout)
{
  PaModuleLayout *copy = PA_MODULE_LAYOUT (pa_resource_copy (PA_RESOURCE (layout)));

  g_object_unref (g_ptr_array_index (self->module_choices, i));
  g_ptr_array_index (self->module_choices, i) = copy;
}

/* Copies the document's edited sidecars back into module_choices. */
static void
sync_module_choices (PaLayoutDesigner *self)
{
  if (self->document == NULL)
    return;
  for (guint i = 0; i < self->n_modules && i < self->module_choices->len; i++)
    {
      PaModuleLayout *edited = pa_layout_document_get_module_layout (self->document, i + 1);

      if (edited != NULL)
        replace_choice (self, i, edited);
    }
}

static void
rebuild_document (PaLayoutDesigner *self,
                  PaLayout         *layout)
{
  g_autoptr(GPtrArray) modules = g_ptr_array_new ();
  g_autoptr(PaLayoutDocument) document = NULL;

  for (guint i = 0; i < self->n_modules; i++)
    g_ptr_array_add (modules, g_ptr_array_index (self->module_choices, i));
  document = pa_layout_document_new (self->model, layout, modules);
  set_document (self, document);
}

/* The module layout a new sidecar starts with: the default of the first
 * module the model takes, else any of it, else a new empty one. */
static PaModuleLayout *
default_module_layout (PaLayoutDesigner *self)
{
  const char * const *module_ids = pa_device_model_get_module_ids (self->model);
  GListModel *stored = pa_repository_get_module_layouts (self->repository);
  PaModuleLayout *any = NULL;
  PaModuleLayout *fresh;
  g_autofree char *name = NULL;

  if (module_ids == NULL || module_ids[0] == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (stored); i++)
    {
      g_autoptr(PaModuleLayout) candidate = g_list_model_get_item (stored, i);

      if (g_strcmp0 (pa_module_layout_get_module (candidate), module_ids[0]) != 0)
        continue;
      if (pa_module_layout_get_is_default (candidate))
        return PA_MODULE_LAYOUT (pa_resource_copy (PA_RESOURCE (candidate)));
      if (any == NULL)
        any = candidate;
    }
  if (any != NULL)
    return PA_MODULE_LAYOUT (pa_resource_copy (PA_RESOURCE (any)));

  fresh = pa_module_layout_new ();
  pa_module_layout_set_module (fresh, module_ids[0]);
  /* Translators: the name of a new sidecar layout made for a layout */
  name = g_strdup_printf (_("%s sidecar"), pa_layout_get_name (pa_layout_document_get_layout (self->document)));
  pa_module_layout_set_name (fresh, name);
  return fresh;
}

/* ---- saving --------------------------------------------------------- */

typedef struct
{
  PaLayoutDesigner *self;
  GPtrArray        *queue;      /* of PaResource working copies still to save */
  guint             affected;
  guint             saved;
} SaveRun;

static void
save_run_free (SaveRun *run)
{
  g_clear_object (&run->self);
  g_clear_pointer (&run->queue, g_ptr_array_unref);
  g_free (run);
}

static gboolean
differs_from_stored (PaLayoutDesigner *self,
                     PaResource       *copy)
{
  PaResource *stored;
  GListModel *a, *b;

  if (pa_resource_get_id (copy) == 0)
    return TRUE;
  stored = pa_repository_find (self->repository, G_OBJECT_TYPE (copy), pa_resource_get_id (copy));
  if (stored == NULL)
    return TRUE;
  if (PA_IS_LAYOUT (copy))
    {
      a = pa_layout_get_keys (PA_LAYOUT (copy));
      b = pa_layout_get_keys (PA_LAYOUT (stored));
      return !pa_key_list_equal (a, b)
             || pa_layout_get_is_default (PA_LAYOUT (copy)) != pa_layout_get_is_default (PA_LAYOUT (stored))
             || g_strcmp0 (pa_layout_get_name (PA_LAYOUT (copy)), pa_layout_get_name (PA_LAYOUT (stored))) != 0;
    }
  a = pa_module_layout_get_keys (PA_MODULE_LAYOUT (copy));
  b = pa_module_layout_get_keys (PA_MODULE_LAYOUT (stored));
  return !pa_key_list_equal (a, b)
         || pa_module_layout_get_is_default (PA_MODULE_LAYOUT (copy))
            != pa_module_layout_get_is_default (PA_MODULE_LAYOUT (stored));
}

static void save_next (SaveRun *run);

static void
save_failed (PaLayoutDesigner *self,
             const GError     *error)
{
  g_autofree char *text = g_strdup_printf (_("Not saved: %s"), error->message);
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  self->saving = FALSE;
  self->close_after_save = FALSE;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
saved_one_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SaveRun *run = user_data;
  PaLayoutDesigner *self = run->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(PaResource) stored = NULL;
  PaResource *copy = g_ptr_array_index (run->queue, 0);

  stored = pa_repository_save_finish (PA_REPOSITORY (source), result, &extra, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      save_run_free (run);
      return;
    }
  if (stored == NULL)
    {
      save_failed (self, error);
      save_run_free (run);
      return;
    }

  /* The working copy becomes the stored one: the next save is a PUT at the
   * new revision. */
  pa_resource_set_id (copy, pa_resource_get_id (stored));
  pa_resource_set_revision (copy, pa_resource_get_revision (stored));
  for (guint i = 0; i < self->n_modules && i < self->module_choices->len; i++)
    if (g_ptr_array_index (self->module_choices, i) == copy)
      {
        /* The document's own copy of that sidecar too, or the next sync
         * would bring back the old id and revision. */
        PaResource *in_document =
          PA_RESOURCE (pa_layout_document_get_module_layout (self->document, i + 1));

        pa_resource_set_id (in_document, pa_resource_get_id (stored));
        pa_resource_set_revision (in_document, pa_resource_get_revision (stored));
      }
  if (extra != NULL && json_object_has_member (extra, "affected_phones"))
    run->affected += (guint) json_object_get_int_member (extra, "affected_phones");
  else if (PA_IS_LAYOUT (stored))
    /* An answer without the count: the phones we know of on that layout. */
    run->affected += pa_layout_count_phones (PA_LAYOUT (stored),
                                             pa_repository_get_phones (self->repository));
  else
    run->affected += pa_module_layout_count_phones (PA_MODULE_LAYOUT (stored),
                                                    pa_repository_get_phones (self->repository));
  run->saved++;
  g_ptr_array_remove_index (run->queue, 0);
  save_next (run);
}

static void
save_finished (SaveRun *run)
{
  PaLayoutDesigner *self = run->self;
  g_autofree char *text = NULL;

  self->saving = FALSE;
  self->carry_modified = FALSE;
  pa_layout_document_mark_saved (self->document);
  /* A new default unsets the model's old one, and sidecar ids are new:
   * the lists and the sidecar choices follow. */
  pa_repository_refresh_async (self->repository, NULL, NULL, NULL);
  rebuild_module_choices (self);

  if (run->affected > 0)
    text = g_strdup_printf (ngettext ("Saved. %u phone will update on its next check",
                                      "Saved. %u phones will update on their next check",
                                      run->affected), run->affected);
  else
    text = g_strdup (_("Saved"));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
  g_free (self->last_result);
  self->last_result = g_steal_pointer (&text);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);

  if (self->close_after_save)
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_next (SaveRun *run)
{
  if (run->queue->len == 0)
    {
      save_finished (run);
      save_run_free (run);
      return;
    }
  pa_repository_save_async (run->self->repository, g_ptr_array_index (run->queue, 0),
                            run->self->cancellable, saved_one_cb, run);
}

static void
start_save (PaLayoutDesigner *self)
{
  g_autoptr(GError) error = NULL;
  SaveRun *run;
  PaLayout *layout;

  if (self->saving)
    return;
  if (!pa_layout_document_validate (self->document, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Cannot save: %s"), error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
      self->close_after_save = FALSE;
      return;
    }

  sync_module_choices (self);
  run = g_new0 (SaveRun, 1);
  run->self = g_object_ref (self);
  run->queue = g_ptr_array_new ();

  /* Sidecars first: a phone layout saved last reports the phones it moves. */
  for (guint i = 0; i < self->module_choices->len; i++)
    {
      PaModuleLayout *module_layout = g_ptr_array_index (self->module_choices, i);
      gboolean shown = i < self->n_modules;
      gboolean is_new = pa_resource_get_id (PA_RESOURCE (module_layout)) == 0;

      /* A new sidecar layout nobody filled is not worth storing. */
      if (is_new && g_list_model_get_n_items (pa_module_layout_get_keys (module_layout)) == 0)
        continue;
      if ((shown || !is_new) && differs_from_stored (self, PA_RESOURCE (module_layout)))
        g_ptr_array_add (run->queue, module_layout);
    }
  layout = pa_layout_document_get_layout (self->document);
  if (!self->module_only && differs_from_stored (self, PA_RESOURCE (layout)))
    g_ptr_array_add (run->queue, layout);

  self->saving = TRUE;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
  save_next (run);
}

/* ---- sidecars ------------------------------------------------------- */

static void
module_choice_changed_cb (GtkDropDown      *dropdown,
                          GParamSpec       *pspec,
                          PaLayoutDesigner *self)
{
  GPtrArray *options = g_object_get_data (G_OBJECT (dropdown), "pa-options");
  guint surface = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "pa-surface"));
  guint position = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || options == NULL || position >= options->len)
    return;
  pa_layout_designer_set_module_layout (self, surface, g_ptr_array_index (options, position));
}

/* One drop-down per sidecar: the stored module layouts the model takes,
 * and a new one per module type. */
static void
rebuild_module_choices (PaLayoutDesigner *self)
{
  GtkWidget *child;
  const char * const *module_ids = pa_device_model_get_module_ids (self->model);
  GListModel *stored = pa_repository_get_module_layouts (self->repository);
  g_autofree char *label = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->module_choices_box))) != NULL)
    gtk_box_remove (self->module_choices_box, child);

  self->syncing = TRUE;
  gtk_adjustment_set_upper (self->sidecars_adjustment, pa_device_model_get_max_modules (self->model));
  gtk_adjustment_set_value (self->sidecars_adjustment, self->n_modules);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sidecars_spin), !self->module_only);

  for (guint i = 0; i < self->n_modules; i++)
    {
      PaModuleLayout *current = g_ptr_array_index (self->module_choices, i);
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      GPtrArray *options = g_ptr_array_new_with_free_func (g_object_unref);
      GtkWidget *dropdown, *row_label;
      g_autofree char *title = g_strdup_printf (_("Sidecar %u"), i + 1);
      guint selected = 0;

      g_ptr_array_add (options, g_object_ref (current));
      {
        g_autofree char *module = pa_layout_model_display_name (pa_module_layout_get_module (current));
        g_autofree char *text = g_strdup_printf ("%s (%s)", pa_module_layout_get_name (current), module);
        gtk_string_list_append (names, text);
      }
      for (guint j = 0; j < g_list_model_get_n_items (stored); j++)
        {
          g_autoptr(PaModuleLayout) candidate = g_list_model_get_item (stored, j);
          g_autofree char *module = NULL;
          g_autofree char *text = NULL;

          if (pa_resource_get_id (PA_RESOURCE (candidate)) == pa_resource_get_id (PA_RESOURCE (current))
              || !pa_device_model_supports_module (self->model, pa_module_layout_get_module (candidate)))
            continue;
          module = pa_layout_model_display_name (pa_module_layout_get_module (candidate));
          text = g_strdup_printf ("%s (%s)", pa_module_layout_get_name (candidate), module);
          gtk_string_list_append (names, text);
          g_ptr_array_add (options, g_steal_pointer (&candidate));
        }
      for (guint j = 0; module_ids != NULL && module_ids[j] != NULL; j++)
        {
          PaModuleLayout *fresh = pa_module_layout_new ();
          g_autofree char *module = pa_layout_model_display_name (module_ids[j]);
          g_autofree char *text = g_strdup_printf (_("New %s layout"), module);

          pa_module_layout_set_module (fresh, module_ids[j]);
          pa_module_layout_set_name (fresh, text);
          gtk_string_list_append (names, text);
          g_ptr_array_add (options, fresh);
        }

      row_label = gtk_label_new (title);
      gtk_label_set_xalign (GTK_LABEL (row_label), 0);
      gtk_widget_add_css_class (row_label, "heading");
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
      gtk_widget_set_sensitive (dropdown, !self->module_only);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      g_object_set_data_full (G_OBJECT (dropdown), "pa-options", options,
                              (GDestroyNotify) g_ptr_array_unref);
      g_object_set_data (G_OBJECT (dropdown), "pa-surface", GUINT_TO_POINTER (i + 1));
      g_signal_connect (dropdown, "notify::selected", G_CALLBACK (module_choice_changed_cb), self);
      gtk_box_append (self->module_choices_box, row_label);
      gtk_box_append (self->module_choices_box, dropdown);
    }
  self->syncing = FALSE;

  if (self->n_modules == 0)
    label = g_strdup (_("No Sidecars"));
  else
    label = g_strdup_printf (ngettext ("%u Sidecar", "%u Sidecars", self->n_modules), self->n_modules);
  adw_button_content_set_label (self->sidecars_content, label);
  gtk_widget_set_visible (GTK_WIDGET (self->sidecars_button),
                          pa_device_model_get_max_modules (self->model) > 0);
}

static void
sidecars_changed_cb (PaLayoutDesigner *self)
{
  if (self->syncing)
    return;
  pa_layout_designer_set_n_modules (self, (guint) gtk_adjustment_get_value (self->sidecars_adjustment));
}

/* ---- palettes ------------------------------------------------------- */

static gboolean
current_slot (PaLayoutDesigner *self,
              PaKeySlot        *slot)
{
  if (pa_phone_face_get_current_slot (self->face, slot))
    return TRUE;
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("Select a key on the phone first")));
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
  start_save (PA_LAYOUT_DESIGNER (widget));
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
  start_save (self);
}

static void
applied_cb (PaLayoutDesigner *self,
            guint             applied)
{
  g_autofree char *text = g_strdup_printf (ngettext ("Applied to %u phone; it updates on its next check",
                                                     "Applied to %u phones; they update on their next check",
                                                     applied), applied);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
apply_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (widget);
  GtkWidget *dialog;

  if (is_modified (self))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Unsaved changes are not applied until you save")));
  dialog = pa_apply_layout_dialog_new (GTK_WINDOW (self), self->repository,
                                       pa_layout_document_get_layout (self->document));
  g_signal_connect_object (dialog, "applied", G_CALLBACK (applied_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preview_cb (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (widget);

  if (is_modified (self))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("The preview shows the saved layout; save to see your changes")));
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

/* ---- closing -------------------------------------------------------- */

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   PaLayoutDesigner *self)
{
  self->close_dialog = NULL;
  /* The designer may be gone before the dialog is: a dialog outliving its
   * transient parent would touch it when it goes. */
  if (g_strcmp0 (response, "cancel") != 0)
    gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->carry_modified = FALSE;
      pa_layout_document_mark_saved (self->document);
      gtk_window_destroy (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      start_save (self);
    }
}

static gboolean
pa_layout_designer_close_request (GtkWindow *window)
{
  PaLayoutDesigner *self = PA_LAYOUT_DESIGNER (window);
  GtkWidget *dialog;
  g_autofree char *heading = NULL;

  if (!is_modified (self) || self->document == NULL)
    return GTK_WINDOW_CLASS (pa_layout_designer_parent_class)->close_request (window);
  if (self->close_dialog != NULL)
    return TRUE;

  heading = g_strdup_printf (_("Save Changes to “%s”?"), edited_name (self));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The phones keep the saved layout until you save."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save",
                                           self->save_blocker == NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog),
                                           self->save_blocker == NULL ? "save" : "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  self->close_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

/* ---- GObject -------------------------------------------------------- */

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
                            G_CALLBACK (sidecars_changed_cb), self);
  g_signal_connect (self, "notify::default-width", G_CALLBACK (update_fold_cb), NULL);
  g_signal_connect (self, "notify::maximized", G_CALLBACK (update_fold_cb), NULL);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (update_fold_cb), NULL);
  update_fold_cb (self);
}

/* ---- public --------------------------------------------------------- */

/* The sidecars phones on this layout have: the most any one has, each
 * with the module layout it shows. */
static void
guess_modules (PaLayoutDesigner *self,
               PaLayout         *layout)
{
  GListModel *phones = pa_repository_get_phones (self->repository);
  gint64 id = pa_resource_get_id (PA_RESOURCE (layout));
  GPtrArray *best = NULL;

  if (id == 0)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (phones, i);
      GPtrArray *modules = pa_phone_get_modules (phone);

      if (pa_phone_get_layout_id (phone) == id && modules != NULL
          && (best == NULL || modules->len > best->len))
        best = modules;
    }
  for (guint i = 0; best != NULL && i < best->len
                     && i < pa_device_model_get_max_modules (self->model); i++)
    {
      PaPhoneModule *module = g_ptr_array_index (best, i);
      PaResource *stored = pa_repository_find (self->repository, PA_TYPE_MODULE_LAYOUT,
                                               module->layout_id);

      if (stored == NULL)
        break;
      g_ptr_array_add (self->module_choices, pa_resource_copy (stored));
      self->n_modules++;
    }
}

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
  self->repository = g_object_ref (repo);
  self->model = g_object_ref (model);
  g_object_set (self->agent_palette, "repository", repo, NULL);
  guess_modules (self, layout);
  rebuild_document (self, layout);
  rebuild_module_choices (self);
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

  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (PA_IS_MODULE_LAYOUT (layout), NULL);

  for (guint i = 0; model == NULL && i < g_list_model_get_n_items (models); i++)
    {
      g_autoptr(PaDeviceModel) candidate = g_list_model_get_item (models, i);

      if (pa_device_model_supports_module (candidate, pa_module_layout_get_module (layout)))
        model = candidate;
    }
  if (model == NULL)
    return NULL;

  self = g_object_new (PA_TYPE_LAYOUT_DESIGNER, "transient-for", parent, NULL);
  self->repository = g_object_ref (repo);
  self->model = g_object_ref (model);
  self->module_only = TRUE;
  g_object_set (self->agent_palette, "repository", repo, NULL);
  g_ptr_array_add (self->module_choices, pa_resource_copy (PA_RESOURCE (layout)));
  self->n_modules = 1;
  scenery = pa_layout_new ();
  pa_layout_set_model (scenery, pa_device_model_get_id (model));
  rebuild_document (self, scenery);
  rebuild_module_choices (self);
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

static void
rebuild_keeping_edits (PaLayoutDesigner *self)
{
  g_autoptr(PaLayout) layout = NULL;

  self->carry_modified = is_modified (self);
  layout = PA_LAYOUT (pa_resource_copy (PA_RESOURCE (pa_layout_document_get_layout (self->document))));
  rebuild_document (self, layout);
  rebuild_module_choices (self);
}

gboolean
pa_layout_designer_set_n_modules (PaLayoutDesigner *self,
                                  guint             n_modules)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), FALSE);

  if (n_modules > pa_device_model_get_max_modules (self->model) || self->module_only)
    return FALSE;
  if (n_modules == self->n_modules)
    return TRUE;

  sync_module_choices (self);
  while (self->module_choices->len < n_modules)
    {
      PaModuleLayout *fresh = default_module_layout (self);

      if (fresh == NULL)
        return FALSE;
      g_ptr_array_add (self->module_choices, fresh);
    }
  self->n_modules = n_modules;
  rebuild_keeping_edits (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MODULES]);
  return TRUE;
}

gboolean
pa_layout_designer_set_module_layout (PaLayoutDesigner *self,
                                      guint             surface,
                                      PaModuleLayout   *layout)
{
  g_return_val_if_fail (PA_IS_LAYOUT_DESIGNER (self), FALSE);
  g_return_val_if_fail (PA_IS_MODULE_LAYOUT (layout), FALSE);

  if (surface < 1 || surface > self->n_modules
      || !pa_device_model_supports_module (self->model, pa_module_layout_get_module (layout)))
    return FALSE;

  sync_module_choices (self);
  if (g_ptr_array_index (self->module_choices, surface - 1) == layout)
    return TRUE;
  replace_choice (self, surface - 1, layout);
  rebuild_keeping_edits (self);
  return TRUE;
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
