/* pa-profile-editor.c — add or edit one profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The form is the only copy of what the user set: a failed save leaves it
 * as it is, with the server's message above it and on the row it names.
 * A stored profile reaches phones (its own and those of the profiles
 * below it): Review Changes shows how their files would change before
 * anything is saved.
 */
#define G_LOG_DOMAIN "pa-profile-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-param-row.h"
#include "pa-phone-actions.h"
#include "pa-profile-editor-private.h"
#include "pa-review-changes-dialog.h"

G_DEFINE_FINAL_TYPE (PaProfileEditor, pa_profile_editor, PA_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_REPOSITORY,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- the profile the form describes ------------------------------------ */

static char *
row_text_or_null (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return text[0] != '\0' ? g_steal_pointer (&text) : NULL;
}

static gint64
chosen_parent (PaProfileEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->parent_row);

  return selected < self->parent_ids->len ? g_array_index (self->parent_ids, gint64, selected) : 0;
}

static gint64
profile_id (PaProfileEditor *self)
{
  return self->profile != NULL ? pa_resource_get_id (PA_RESOURCE (self->profile)) : 0;
}

PaProfile *
pa_profile_editor_build_profile (PaProfileEditor *self)
{
  g_autoptr(PaProfile) profile = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  g_return_val_if_fail (PA_IS_PROFILE_EDITOR (self), NULL);

  name = row_text_or_null (self->name_row);
  description = row_text_or_null (self->description_row);
  profile = self->profile != NULL ? PA_PROFILE (pa_resource_copy (PA_RESOURCE (self->profile)))
                                  : pa_profile_new ();
  pa_profile_set_name (profile, name != NULL ? name : "");
  pa_profile_set_description (profile, description);
  pa_profile_set_parent_id (profile, chosen_parent (self));
  pa_profile_editor_read_members (self, profile);
  pa_profile_editor_read_params (self, profile);
  return g_steal_pointer (&profile);
}

static gboolean
pa_profile_editor_is_dirty (PaEditor *editor)
{
  PaProfileEditor *self = PA_PROFILE_EDITOR (editor);
  g_autoptr(PaProfile) now = NULL;

  if (self->initial == NULL)
    return FALSE;
  now = pa_profile_editor_build_profile (self);
  /* A change elsewhere may have moved the revision on; not the user's. */
  pa_resource_set_revision (PA_RESOURCE (now), pa_resource_get_revision (PA_RESOURCE (self->initial)));
  return !pa_resource_equal (PA_RESOURCE (now), PA_RESOURCE (self->initial));
}

static char *
pa_profile_editor_check (PaEditor *editor)
{
  PaProfileEditor *self = PA_PROFILE_EDITOR (editor);
  g_autoptr(PaProfile) profile = NULL;
  g_autoptr(GError) error = NULL;
  char *reason;

  if ((reason = pa_profile_editor_check_members (self)) != NULL
      || (reason = pa_profile_editor_check_params (self)) != NULL)
    return reason;
  profile = pa_profile_editor_build_profile (self);
  if (!pa_resource_validate_with_catalog (PA_RESOURCE (profile), pa_catalog_get_default (), &error))
    return g_strdup (error->message);
  return NULL;
}

static void
clear_field_errors (PaProfileEditor *self)
{
  for (guint m = 0; m < PA_PROFILE_N_MEMBERS; m++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->rows[m]), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->parent_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
}

void
pa_profile_editor_changed (PaProfileEditor *self)
{
  if (self->filling > 0)
    return;
  clear_field_errors (self);
  pa_editor_update (PA_EDITOR (self));
}

/* ---- the parent chooser ------------------------------------------------ */

static int
compare_by_name (gconstpointer a,
                 gconstpointer b)
{
  PaProfile *pa = *(PaProfile * const *) a;
  PaProfile *pb = *(PaProfile * const *) b;

  return g_utf8_collate (pa_profile_get_name (pa), pa_profile_get_name (pb));
}

GPtrArray *
pa_profile_editor_list_parents (PaProfileEditor *self)
{
  GListModel *profiles = pa_repository_get_profiles (self->repo);
  GPtrArray *parents = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PA_IS_PROFILE_EDITOR (self), parents);

  for (guint i = 0; i < g_list_model_get_n_items (profiles); i++)
    {
      g_autoptr(PaProfile) profile = g_list_model_get_item (profiles, i);

      /* Not itself, nor one below it: that would be a loop. */
      if (pa_profile_parent_allowed (profiles, profile_id (self), profile))
        g_ptr_array_add (parents, g_steal_pointer (&profile));
    }
  g_ptr_array_sort (parents, compare_by_name);
  return parents;
}

static void
fill_parents (PaProfileEditor *self,
              gint64           wanted)
{
  g_autoptr(GPtrArray) parents = pa_profile_editor_list_parents (self);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 none = 0;
  guint position = 0;

  g_array_set_size (self->parent_ids, 0);
  g_array_append_val (self->parent_ids, none);
  /* The group's description says what "none" means: the server's settings. */
  gtk_string_list_append (labels, _("None"));
  for (guint i = 0; i < parents->len; i++)
    {
      PaProfile *parent = g_ptr_array_index (parents, i);
      gint64 id = pa_resource_get_id (PA_RESOURCE (parent));

      if (id == wanted)
        position = self->parent_ids->len;
      g_array_append_val (self->parent_ids, id);
      gtk_string_list_append (labels, pa_profile_get_name (parent));
    }
  self->filling++;
  adw_combo_row_set_model (self->parent_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->parent_row, position);
  self->filling--;
}

void
pa_profile_editor_set_parent (PaProfileEditor *self,
                              PaProfile       *parent)
{
  gint64 id;

  g_return_if_fail (PA_IS_PROFILE_EDITOR (self));

  id = parent != NULL ? pa_resource_get_id (PA_RESOURCE (parent)) : 0;
  for (guint i = 0; i < self->parent_ids->len; i++)
    if (g_array_index (self->parent_ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (self->parent_row, i);
        return;
      }
  g_warning ("Profile %" G_GINT64_FORMAT " is not offered as a parent", id);
}

static void
parent_selected_cb (PaProfileEditor *self)
{
  if (self->filling > 0)
    return;
  pa_profile_editor_update_inherited (self);
  pa_profile_editor_changed (self);
}

/* ---- following the repository ------------------------------------------ */

static void
profile_notify_cb (PaProfileEditor *self)
{
  /* A profile above was edited elsewhere (or renamed): what is inherited
   * and the names the chooser shows follow. */
  self->filling++;
  fill_parents (self, chosen_parent (self));
  self->filling--;
  pa_profile_editor_update_inherited (self);
  pa_editor_update (PA_EDITOR (self));
}

static void
watch_profiles (PaProfileEditor *self,
                GListModel      *profiles,
                guint            position,
                guint            n)
{
  for (guint i = position; i < position + n; i++)
    {
      g_autoptr(PaProfile) profile = g_list_model_get_item (profiles, i);

      g_signal_connect_object (profile, "notify", G_CALLBACK (profile_notify_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
profiles_changed_cb (GListModel      *profiles,
                     guint            position,
                     guint            removed,
                     guint            added,
                     PaProfileEditor *self)
{
  watch_profiles (self, profiles, position, added);
  profile_notify_cb (self);
}

static void
layouts_changed_cb (PaProfileEditor *self)
{
  pa_profile_editor_fill_layouts (self);
  pa_profile_editor_update_inherited (self);
  pa_editor_update (PA_EDITOR (self));
}

static void
settings_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PaProfileEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) settings = pa_client_get_finish (PA_CLIENT (source), result, &error);

  if (settings == NULL)
    {
      /* The rows say "—" for the server's defaults; saving works without. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No server settings for the profile editor: %s", error->message);
      return;
    }
  g_set_object (&self->settings, PA_SETTINGS (settings));
  pa_profile_editor_fill_regions (self);
  pa_profile_editor_update_inherited (self);
  pa_editor_update (PA_EDITOR (self));
}

/* ---- saving ------------------------------------------------------------ */

static void
show_save_error (PaProfileEditor *self,
                 const GError    *error)
{
  const char *field = pa_client_error_get_field (error);
  int member = pa_profile_member_for_field (field);

  pa_editor_show_error (PA_EDITOR (self), _("Could not save the profile"), error);
  if (member >= 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->rows[member]), "error");
  else if (g_strcmp0 (field, "parent_id") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->parent_row), "error");
  else if (g_strcmp0 (field, "name") == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->name_row), "error");
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PaProfileEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) extra = NULL;
  g_autoptr(PaResource) saved = NULL;
  GtkWindow *parent;
  g_autofree char *toast = NULL;
  gint64 affected = 0;

  saved = pa_repository_save_finish (PA_REPOSITORY (source), result, &extra, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  pa_editor_end_busy (PA_EDITOR (self));
  if (saved == NULL)
    {
      show_save_error (self, error);
      return;
    }

  if (extra != NULL && json_object_has_member (extra, "affected_phones"))
    affected = json_object_get_int_member (extra, "affected_phones");
  if (affected > 0)
    toast = g_strdup_printf (g_dngettext (NULL, "Profile “%s” saved. %u phone will update on its "
                                          "next check", "Profile “%s” saved. %u phones will update "
                                          "on their next check", (gulong) affected),
                             pa_profile_get_name (PA_PROFILE (saved)), (guint) affected);
  else
    toast = g_strdup_printf (self->profile == NULL ? _("Profile “%s” added")
                                                   : _("Profile “%s” saved"),
                             pa_profile_get_name (PA_PROFILE (saved)));
  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (parent != NULL)
    pa_show_toast (GTK_WIDGET (parent), toast);
  pa_editor_finish (PA_EDITOR (self));
}

static void
store (PaProfileEditor *self)
{
  g_autoptr(PaProfile) profile = pa_profile_editor_build_profile (self);

  pa_repository_save_async (self->repo, PA_RESOURCE (profile),
                            pa_editor_get_cancellable (PA_EDITOR (self)), saved_cb,
                            g_object_ref (self));
}

static void
reviewed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PaProfileEditor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (pa_review_changes_run_finish (result, NULL, &error))
    {
      store (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      && g_cancellable_is_cancelled (pa_editor_get_cancellable (PA_EDITOR (self))))
    return;
  /* Cancelled in the review: nothing was sent, the form stays as it is. */
  pa_editor_end_busy (PA_EDITOR (self));
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_save_error (self, error);
}

static void
pa_profile_editor_save (PaEditor *editor)
{
  PaProfileEditor *self = PA_PROFILE_EDITOR (editor);
  g_autoptr(PaProfile) profile = pa_profile_editor_build_profile (self);

  clear_field_errors (self);
  pa_editor_begin_busy (editor);
  /* A new profile reaches no phone yet: nothing to review. */
  if (self->profile == NULL)
    {
      store (self);
      return;
    }
  pa_review_changes_run_async (GTK_WINDOW (self), pa_repository_get_client (self->repo),
                               PA_RESOURCE (profile), _("_Save and Push"),
                               pa_editor_get_cancellable (editor), reviewed_cb,
                               g_object_ref (self));
}

/* ---- GObject ----------------------------------------------------------- */

static void
load_form (PaProfileEditor *self)
{
  PaProfile *profile = self->profile;

  self->filling++;
  fill_parents (self, profile != NULL ? pa_profile_get_parent_id (profile) : 0);
  pa_profile_editor_fill_layouts (self);
  pa_profile_editor_fill_regions (self);
  pa_profile_editor_update_inherited (self);
  if (profile != NULL)
    {
      g_autofree char *title = g_strdup_printf (_("Edit “%s”"), pa_profile_get_name (profile));

      gtk_editable_set_text (GTK_EDITABLE (self->name_row), pa_profile_get_name (profile));
      gtk_editable_set_text (GTK_EDITABLE (self->description_row),
                             pa_profile_get_description (profile) != NULL
                             ? pa_profile_get_description (profile) : "");
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  pa_profile_editor_load_members (self, profile);
  pa_profile_editor_load_params (self, profile);
  self->filling--;

  self->initial = pa_profile_editor_build_profile (self);
  pa_editor_update (PA_EDITOR (self));
}

static void
pa_profile_editor_constructed (GObject *object)
{
  PaProfileEditor *self = PA_PROFILE_EDITOR (object);
  GListModel *profiles;
  PaClient *client;

  G_OBJECT_CLASS (pa_profile_editor_parent_class)->constructed (object);

  g_return_if_fail (PA_IS_REPOSITORY (self->repo));

  profiles = pa_repository_get_profiles (self->repo);
  watch_profiles (self, profiles, 0, g_list_model_get_n_items (profiles));
  g_signal_connect_object (profiles, "items-changed", G_CALLBACK (profiles_changed_cb), self, 0);
  g_signal_connect_object (pa_repository_get_layouts (self->repo), "items-changed",
                           G_CALLBACK (layouts_changed_cb), self, G_CONNECT_SWAPPED);
  load_form (self);

  client = pa_repository_get_client (self->repo);
  if (client != NULL)
    pa_client_get_async (client, PA_TYPE_SETTINGS, PA_SETTINGS_ID,
                         pa_editor_get_cancellable (PA_EDITOR (self)), settings_cb,
                         g_object_ref (self));
}

static void
pa_profile_editor_dispose (GObject *object)
{
  PaProfileEditor *self = PA_PROFILE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_PROFILE_EDITOR);
  g_clear_pointer (&self->param_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pa_profile_editor_parent_class)->dispose (object);
}

static void
pa_profile_editor_finalize (GObject *object)
{
  PaProfileEditor *self = PA_PROFILE_EDITOR (object);

  g_clear_object (&self->repo);
  g_clear_object (&self->profile);
  g_clear_object (&self->initial);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->inheritance, pa_inheritance_free);
  g_clear_pointer (&self->parent_ids, g_array_unref);
  g_clear_pointer (&self->layout_ids, g_array_unref);
  g_clear_pointer (&self->region_names, g_ptr_array_unref);
  g_clear_pointer (&self->codec_order, g_ptr_array_unref);
  g_clear_pointer (&self->codecs_used, g_hash_table_unref);

  G_OBJECT_CLASS (pa_profile_editor_parent_class)->finalize (object);
}

static void
pa_profile_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PaProfileEditor *self = PA_PROFILE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repo);
      break;
    case PROP_PROFILE:
      g_value_set_object (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_profile_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PaProfileEditor *self = PA_PROFILE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      self->repo = g_value_dup_object (value);
      break;
    case PROP_PROFILE:
      self->profile = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Opens with the name focused, so a keyboard user can type at once. */
static void
pa_profile_editor_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (pa_profile_editor_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (PA_PROFILE_EDITOR (widget)->name_row));
}

static void
pa_profile_editor_class_init (PaProfileEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  PaEditorClass *editor_class = PA_EDITOR_CLASS (klass);

  widget_class->show = pa_profile_editor_show;
  object_class->constructed = pa_profile_editor_constructed;
  object_class->dispose = pa_profile_editor_dispose;
  object_class->finalize = pa_profile_editor_finalize;
  object_class->get_property = pa_profile_editor_get_property;
  object_class->set_property = pa_profile_editor_set_property;
  editor_class->is_dirty = pa_profile_editor_is_dirty;
  editor_class->check = pa_profile_editor_check;
  editor_class->save = pa_profile_editor_save;
  editor_class->save_tooltip = N_("Review and save the profile (Ctrl+S)");
  editor_class->discard_body = N_("The changes to this profile have not been saved.");

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROFILE] =
    g_param_spec_object ("profile", NULL, NULL, PA_TYPE_PROFILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PA_TYPE_INHERIT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/profiles/pa-profile-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, description_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, parent_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, timezone_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, ntp_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, interval_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, layout_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, region_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, admin_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, transport_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, srtp_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, dtmf_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, codecs_row);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, timezone_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, ntp_entry);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, layout_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, admin_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, transport_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, srtp_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, dtmf_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, codecs_label);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, codecs_list);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, params_list);
  gtk_widget_class_bind_template_child (widget_class, PaProfileEditor, inherited_params_list);

  pa_profile_editor_codecs_init (widget_class);
  pa_profile_editor_params_init (widget_class);
}

static void
pa_profile_editor_init (PaProfileEditor *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->parent_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->layout_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  self->region_names = g_ptr_array_new_with_free_func (g_free);
  self->codec_order = g_ptr_array_new_with_free_func (g_free);
  self->codecs_used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* The list box holds the rows; this only points at them, in order. */
  self->param_rows = g_ptr_array_new ();

  placeholder = gtk_label_new (_("None set in this profile"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->params_list, placeholder);

  pa_profile_editor_rows_init (self);
  g_signal_connect_swapped (self->parent_row, "notify::selected", G_CALLBACK (parent_selected_cb),
                            self);
  g_signal_connect_swapped (self->name_row, "changed", G_CALLBACK (pa_profile_editor_changed), self);
  g_signal_connect_swapped (self->description_row, "changed",
                            G_CALLBACK (pa_profile_editor_changed), self);
}

GtkWidget *
pa_profile_editor_new (GtkWindow    *parent,
                       PaRepository *repo,
                       PaProfile    *profile)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (profile == NULL || PA_IS_PROFILE (profile), NULL);

  return g_object_new (PA_TYPE_PROFILE_EDITOR,
                       "transient-for", parent,
                       "repository", repo,
                       "profile", profile,
                       NULL);
}

GtkWidget *
pa_profile_editor_get_row (PaProfileEditor *self,
                           PaProfileMember  member)
{
  g_return_val_if_fail (PA_IS_PROFILE_EDITOR (self), NULL);
  g_return_val_if_fail (member < PA_PROFILE_N_MEMBERS, NULL);

  return GTK_WIDGET (self->rows[member]);
}

gboolean
pa_profile_editor_get_settings_loaded (PaProfileEditor *self)
{
  g_return_val_if_fail (PA_IS_PROFILE_EDITOR (self), FALSE);

  return self->settings != NULL;
}
