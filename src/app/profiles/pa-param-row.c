/* pa-param-row.c — one custom parameter a profile sets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-param-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-core.h"
#include "pa-param-row.h"

struct _PaParamRow
{
  GtkListBoxRow  parent_instance;

  GtkDropDown   *vendor_dropdown;
  GtkEntry      *name_entry;
  GtkEntry      *value_entry;
  GtkWidget     *remove_button;

  GPtrArray     *vendor_ids;   /* the drop-down's order */
};

G_DEFINE_FINAL_TYPE (PaParamRow, pa_param_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  SIGNAL_CHANGED,
  SIGNAL_REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The row's name for a screen reader: what it sets, for whom. */
static void
update_name (PaParamRow *self)
{
  g_autofree char *name = pa_param_row_dup_name (self);
  guint selected = gtk_drop_down_get_selected (self->vendor_dropdown);
  GListModel *vendors = gtk_drop_down_get_model (self->vendor_dropdown);
  const char *vendor = vendors != NULL && selected < g_list_model_get_n_items (vendors)
                       ? gtk_string_list_get_string (GTK_STRING_LIST (vendors), selected) : "";
  g_autofree char *label = NULL;

  if (name[0] == '\0')
    label = g_strdup (_("New custom parameter"));
  else
    /* Translators: a custom parameter's name for a screen reader, "Parameter “language”, Snom" */
    label = g_strdup_printf (_("Parameter “%s”, %s"), name, vendor);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
changed_cb (PaParamRow *self)
{
  update_name (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
remove_clicked_cb (PaParamRow *self)
{
  g_signal_emit (self, signals[SIGNAL_REMOVE], 0);
}

static void
pa_param_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PA_TYPE_PARAM_ROW);

  G_OBJECT_CLASS (pa_param_row_parent_class)->dispose (object);
}

static void
pa_param_row_finalize (GObject *object)
{
  PaParamRow *self = PA_PARAM_ROW (object);

  g_clear_pointer (&self->vendor_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (pa_param_row_parent_class)->finalize (object);
}

static void
pa_param_row_class_init (PaParamRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_param_row_dispose;
  object_class->finalize = pa_param_row_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_REMOVE] =
    g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/profiles/pa-param-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PaParamRow, vendor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaParamRow, name_entry);
  gtk_widget_class_bind_template_child (widget_class, PaParamRow, value_entry);
  gtk_widget_class_bind_template_child (widget_class, PaParamRow, remove_button);
}

static void
pa_param_row_init (PaParamRow *self)
{
  GListModel *vendors = pa_catalog_get_vendors (pa_catalog_get_default ());
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->vendor_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (vendors); i++)
    {
      g_autoptr(PaVendor) vendor = g_list_model_get_item (vendors, i);

      gtk_string_list_append (names, pa_vendor_get_name (vendor));
      g_ptr_array_add (self->vendor_ids, g_strdup (pa_vendor_get_id (vendor)));
    }
  gtk_drop_down_set_model (self->vendor_dropdown, G_LIST_MODEL (names));

  g_signal_connect_swapped (self->vendor_dropdown, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->value_entry, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->remove_button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  pa_param_row_set_shadowed (self, NULL);
}

GtkWidget *
pa_param_row_new (const char *vendor,
                  const char *name,
                  const char *value)
{
  PaParamRow *self = g_object_new (PA_TYPE_PARAM_ROW, NULL);

  for (guint i = 0; vendor != NULL && i < self->vendor_ids->len; i++)
    if (g_str_equal (g_ptr_array_index (self->vendor_ids, i), vendor))
      gtk_drop_down_set_selected (self->vendor_dropdown, i);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), name != NULL ? name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), value != NULL ? value : "");
  update_name (self);
  return GTK_WIDGET (self);
}

const char *
pa_param_row_get_vendor (PaParamRow *self)
{
  guint selected;

  g_return_val_if_fail (PA_IS_PARAM_ROW (self), NULL);

  selected = gtk_drop_down_get_selected (self->vendor_dropdown);
  return selected < self->vendor_ids->len ? g_ptr_array_index (self->vendor_ids, selected) : NULL;
}

char *
pa_param_row_dup_name (PaParamRow *self)
{
  g_return_val_if_fail (PA_IS_PARAM_ROW (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
}

const char *
pa_param_row_get_value (PaParamRow *self)
{
  g_return_val_if_fail (PA_IS_PARAM_ROW (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->value_entry));
}

void
pa_param_row_set_shadowed (PaParamRow *self,
                           const char *source)
{
  g_autofree char *tooltip = NULL;
  g_autofree char *name = NULL;
  g_autofree char *param = NULL;

  g_return_if_fail (PA_IS_PARAM_ROW (self));

  param = pa_param_row_dup_name (self);
  if (source != NULL)
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->remove_button), "edit-undo-symbolic");
      tooltip = g_strdup_printf (_("Reset to the value inherited from “%s”"), source);
      /* Translators: a button's name for a screen reader, "Reset parameter “language”" */
      name = g_strdup_printf (_("Reset parameter “%s”"), param);
    }
  else
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->remove_button), "user-trash-symbolic");
      tooltip = g_strdup (_("Remove the parameter"));
      /* Translators: a button's name for a screen reader, "Remove parameter “language”" */
      name = g_strdup_printf (_("Remove parameter “%s”"), param);
    }
  gtk_widget_set_tooltip_text (self->remove_button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

GtkWidget *
pa_param_row_get_name_entry (PaParamRow *self)
{
  g_return_val_if_fail (PA_IS_PARAM_ROW (self), NULL);

  return GTK_WIDGET (self->name_entry);
}
