/* pa-apply-layout-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The phones of the layout's model as a list of check rows, filtered by a
 * search; Apply runs the bulk action apply_layout on the ticked ones
 * (pa-bulk-run.h: Review Changes, one job, all or nothing on the server),
 * shown at the bottom while it runs. The lists follow the change feed.
 */
#define G_LOG_DOMAIN "pa-apply-layout-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-apply-layout-dialog.h"
#include "pa-bulk-run.h"
#include "pa-layouts-page.h"
#include "pa-phone-filter.h"
#include "pa-status-page.h"

struct _PaApplyLayoutDialog
{
  AdwWindow        parent_instance;

  GtkWidget       *apply_button;
  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkLabel        *intro_label;
  GtkSearchEntry  *search_entry;
  GtkListBox      *list_box;
  AdwStatusPage   *empty_page;
  PaBulkProgress  *progress;

  PaRepository    *repository;
  PaLayout        *layout;
  GPtrArray       *phones;     /* of PaPhone, the rows' order */
  GHashTable      *selected;   /* gint64 * id set */
  char            *query;
  PaSearchQuery   *search;
  gboolean         applying;
};

G_DEFINE_FINAL_TYPE (PaApplyLayoutDialog, pa_apply_layout_dialog, ADW_TYPE_WINDOW)

enum
{
  SIGNAL_APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GPtrArray *
pa_phones_of_model (GListModel *phones,
                    const char *model_id)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (phones); i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (phones, i);

      if (g_strcmp0 (pa_phone_get_model (phone), model_id) == 0)
        g_ptr_array_add (result, g_steal_pointer (&phone));
    }
  return result;
}

static void
update_actions (PaApplyLayoutDialog *self)
{
  guint n = g_hash_table_size (self->selected);
  g_autofree char *chosen = NULL;

  if (n == 0)
    chosen = g_strdup (_("No phone chosen"));
  else
    chosen = g_strdup_printf (ngettext ("%u phone chosen", "%u phones chosen", n), n);
  adw_window_title_set_subtitle (self->window_title, chosen);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "apply.apply", n > 0 && !self->applying);
}

static void
check_toggled_cb (GtkCheckButton      *check,
                  PaApplyLayoutDialog *self)
{
  PaPhone *phone = g_object_get_data (G_OBJECT (check), "pa-phone");
  gint64 id = pa_resource_get_id (PA_RESOURCE (phone));

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->selected, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->selected, &id);
  update_actions (self);
}

static GtkWidget *
create_row (PaApplyLayoutDialog *self,
            PaPhone             *phone)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *agent = pa_phone_dup_agent_name (phone, self->repository);
  g_autoptr(GString) subtitle = g_string_new (pa_phone_get_mac (phone));
  const char *name = pa_phone_get_name (phone);
  PaResource *current = pa_repository_find (self->repository, PA_TYPE_LAYOUT,
                                            pa_phone_get_layout_id (phone));

  if (agent != NULL)
    g_string_append_printf (subtitle, " · %s", agent);
  if (current != NULL)
    /* Translators: the layout a phone uses before the change */
    g_string_append_printf (subtitle, _(" · now “%s”"), pa_layout_get_name (PA_LAYOUT (current)));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 name && name[0] ? name : pa_phone_get_mac (phone));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  name && name[0] ? name : pa_phone_get_mac (phone), -1);
  g_object_set_data (G_OBJECT (check), "pa-phone", phone);
  g_object_set_data (G_OBJECT (row), "pa-phone", phone);
  g_object_set_data (G_OBJECT (row), "pa-check", check);
  g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), self);
  return row;
}

static gboolean
row_filter_func (GtkListBoxRow *row,
                 gpointer       user_data)
{
  PaApplyLayoutDialog *self = user_data;
  PaPhone *phone = g_object_get_data (G_OBJECT (row), "pa-phone");

  return pa_phone_matches_query (phone, self->search, self->repository);
}

static void
search_changed_cb (PaApplyLayoutDialog *self)
{
  pa_apply_layout_dialog_set_query (self,
                                    gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* ---- actions -------------------------------------------------------- */

static void
applied_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PaApplyLayoutDialog) self = user_data;
  g_autoptr(PaJob) job = pa_bulk_run_finish (result, NULL);

  /* Reported already (a toast on the designer, or a dialog saying why
   * nothing changed); a dialog closed meanwhile has nothing left to do. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->phones == NULL)
    return;
  self->applying = FALSE;
  update_actions (self);
  if (job == NULL || job->state != PA_JOB_SUCCEEDED)
    return;
  g_signal_emit (self, signals[SIGNAL_APPLIED], 0, (guint) job->total);
  gtk_window_close (GTK_WINDOW (self));
}

static void
apply_cb (GtkWidget  *widget,
          const char *action_name,
          GVariant   *parameter)
{
  PaApplyLayoutDialog *self = PA_APPLY_LAYOUT_DIALOG (widget);
  g_autoptr(GPtrArray) phones = g_ptr_array_new ();
  g_autoptr(JsonNode) layout = json_node_new (JSON_NODE_VALUE);

  if (self->applying || g_hash_table_size (self->selected) == 0)
    return;

  /* In the list's order, so the server's "first phone that is not…" reads well. */
  for (guint i = 0; i < self->phones->len; i++)
    {
      gint64 id = pa_resource_get_id (g_ptr_array_index (self->phones, i));

      if (g_hash_table_contains (self->selected, &id))
        g_ptr_array_add (phones, g_ptr_array_index (self->phones, i));
    }

  self->applying = TRUE;
  update_actions (self);
  json_node_set_int (layout, pa_resource_get_id (PA_RESOURCE (self->layout)));
  pa_bulk_run_async (GTK_WINDOW (self), self->repository, pa_bulk_action_lookup ("apply_layout"),
                     phones, layout, self->progress, applied_cb, g_object_ref (self));
}

static void
select_all_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PaApplyLayoutDialog *self = PA_APPLY_LAYOUT_DIALOG (widget);
  GtkWidget *row;

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_child_visible (row) && g_object_get_data (G_OBJECT (row), "pa-check"))
      gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "pa-check"), TRUE);
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_apply_layout_dialog_dispose (GObject *object)
{
  PaApplyLayoutDialog *self = PA_APPLY_LAYOUT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_APPLY_LAYOUT_DIALOG);
  g_clear_object (&self->repository);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->phones, g_ptr_array_unref);

  G_OBJECT_CLASS (pa_apply_layout_dialog_parent_class)->dispose (object);
}

static void
pa_apply_layout_dialog_finalize (GObject *object)
{
  PaApplyLayoutDialog *self = PA_APPLY_LAYOUT_DIALOG (object);

  g_clear_pointer (&self->selected, g_hash_table_unref);
  g_free (self->query);
  pa_search_query_free (self->search);

  G_OBJECT_CLASS (pa_apply_layout_dialog_parent_class)->finalize (object);
}

static void
pa_apply_layout_dialog_class_init (PaApplyLayoutDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_apply_layout_dialog_dispose;
  object_class->finalize = pa_apply_layout_dialog_finalize;

  signals[SIGNAL_APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/layouts/pa-apply-layout-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PaApplyLayoutDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, PaApplyLayoutDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PaApplyLayoutDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PaApplyLayoutDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, PaApplyLayoutDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PaApplyLayoutDialog, list_box);
  gtk_widget_class_bind_template_child (widget_class, PaApplyLayoutDialog, empty_page);
  gtk_widget_class_bind_template_child (widget_class, PaApplyLayoutDialog, progress);

  gtk_widget_class_install_action (widget_class, "apply.apply", NULL, apply_cb);
  gtk_widget_class_install_action (widget_class, "apply.select-all", NULL, select_all_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK,
                                       "apply.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pa_apply_layout_dialog_init (PaApplyLayoutDialog *self)
{
  g_type_ensure (PA_TYPE_BULK_PROGRESS);
  self->selected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list_box, row_filter_func, self, NULL);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), self);
}

GtkWidget *
pa_apply_layout_dialog_new (GtkWindow    *parent,
                            PaRepository *repo,
                            PaLayout     *layout)
{
  PaApplyLayoutDialog *self;
  g_autofree char *model = NULL;
  g_autofree char *intro = NULL;
  g_autofree char *empty = NULL;

  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (PA_IS_LAYOUT (layout), NULL);

  self = g_object_new (PA_TYPE_APPLY_LAYOUT_DIALOG, "transient-for", parent, NULL);
  self->repository = g_object_ref (repo);
  self->layout = g_object_ref (layout);
  self->phones = pa_phones_of_model (pa_repository_get_phones (repo), pa_layout_get_model (layout));

  model = pa_layout_model_display_name (pa_layout_get_model (layout));
  intro = g_strdup_printf (_("The phones you tick get “%s” on their next check. Only %s phones can use it."),
                           pa_layout_get_name (layout), model);
  gtk_label_set_label (self->intro_label, intro);
  empty = g_strdup_printf (_("Add a %s phone first."), model);
  pa_status_page_set_description_text (self->empty_page, empty);

  for (guint i = 0; i < self->phones->len; i++)
    gtk_list_box_append (self->list_box, create_row (self, g_ptr_array_index (self->phones, i)));
  gtk_stack_set_visible_child_name (self->stack, self->phones->len > 0 ? "list" : "empty");
  gtk_widget_set_visible (self->apply_button, self->phones->len > 0);
  update_actions (self);
  return GTK_WIDGET (self);
}

void
pa_apply_layout_dialog_set_query (PaApplyLayoutDialog *self,
                                  const char          *query)
{
  g_return_if_fail (PA_IS_APPLY_LAYOUT_DIALOG (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query);
  g_clear_pointer (&self->search, pa_search_query_free);
  self->search = pa_search_query_new (query);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query ? query : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query ? query : "");
  gtk_list_box_invalidate_filter (self->list_box);
}

guint
pa_apply_layout_dialog_get_n_visible (PaApplyLayoutDialog *self)
{
  guint n = 0;

  g_return_val_if_fail (PA_IS_APPLY_LAYOUT_DIALOG (self), 0);

  for (guint i = 0; i < self->phones->len; i++)
    if (pa_phone_matches_query (g_ptr_array_index (self->phones, i), self->search, self->repository))
      n++;
  return n;
}

void
pa_apply_layout_dialog_set_selected (PaApplyLayoutDialog *self,
                                     gint64               phone_id,
                                     gboolean             selected)
{
  GtkWidget *row;

  g_return_if_fail (PA_IS_APPLY_LAYOUT_DIALOG (self));

  for (row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      PaPhone *phone = g_object_get_data (G_OBJECT (row), "pa-phone");

      if (phone != NULL && pa_resource_get_id (PA_RESOURCE (phone)) == phone_id)
        gtk_check_button_set_active (g_object_get_data (G_OBJECT (row), "pa-check"), selected);
    }
}

guint
pa_apply_layout_dialog_get_n_selected (PaApplyLayoutDialog *self)
{
  g_return_val_if_fail (PA_IS_APPLY_LAYOUT_DIALOG (self), 0);

  return g_hash_table_size (self->selected);
}
