/* pa-import-rows.c — one row of a CSV file as the import dialog lists it:
 * its line, MAC, model and name, and "Ready" or what is wrong with it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-accessible-names.h"
#include "pa-client-import.h"
#include "pa-import-rows.h"
#include "pa-phone-filter.h"

static GtkWidget *
row_label (GtkWidget  *box,
           int         width_chars,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (width_chars > 0)
    gtk_label_set_width_chars (GTK_LABEL (label), width_chars);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/* icon | line  MAC  model  name
 *      | Ready, or what is wrong */
static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "accessible-role",
                                  GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *values = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name;
  GtkWidget *model;
  GtkWidget *status;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (text), values);

  row_label (values, 9, "numeric");                  /* line */
  row_label (values, 17, "monospace");               /* MAC */
  model = row_label (values, 16, NULL);
  name = row_label (values, 0, NULL);
  gtk_label_set_ellipsize (GTK_LABEL (model), PANGO_ELLIPSIZE_END);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");

  status = gtk_label_new (NULL);
  /* A wrapping label beside an icon needs a minimum width: without one
   * GTK 4.8 measures the row inconsistently. */
  gtk_label_set_width_chars (GTK_LABEL (status), 20);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_label_set_wrap (GTK_LABEL (status), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (status), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text), status);

  gtk_list_item_set_child (list_item, box);
}

static void
set_value (GtkWidget  *label,
           const char *value,
           const char *fallback)
{
  gboolean known = value != NULL && value[0] != '\0';

  gtk_label_set_text (GTK_LABEL (label), known ? value : fallback);
  if (known)
    gtk_widget_remove_css_class (label, "dim-label");
  else
    gtk_widget_add_css_class (label, "dim-label");
}

static char *
model_display (PaImportRow *row)
{
  g_autoptr(PaPhone) phone = NULL;

  if (pa_import_row_get_model (row) == NULL)
    return NULL;
  if (pa_import_row_get_vendor (row) == NULL)
    return g_strdup (pa_import_row_get_model (row));
  /* Named as the phones list names it. */
  phone = pa_phone_new ();
  pa_phone_set_vendor (phone, pa_import_row_get_vendor (row));
  pa_phone_set_model (phone, pa_import_row_get_model (row));
  return pa_phone_dup_model_display (phone);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  PaImportRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *text = gtk_widget_get_next_sibling (icon);
  GtkWidget *values = gtk_widget_get_first_child (text);
  GtkWidget *status = gtk_widget_get_next_sibling (values);
  GtkWidget *line_label = gtk_widget_get_first_child (values);
  GtkWidget *mac_label = gtk_widget_get_next_sibling (line_label);
  GtkWidget *model_label = gtk_widget_get_next_sibling (mac_label);
  GtkWidget *name_label = gtk_widget_get_next_sibling (model_label);
  const char *error = pa_import_row_get_error (row);
  /* Translators: a line of the CSV file, not a phone's line. */
  g_autofree char *line = g_strdup_printf (C_("file", "Line %u"), pa_import_row_get_line (row));
  g_autofree char *model = model_display (row);
  g_autoptr(GString) accessible = NULL;
  GtkWidget *row_widget;

  gtk_label_set_text (GTK_LABEL (line_label), line);
  gtk_widget_add_css_class (line_label, "dim-label");
  set_value (mac_label, pa_import_row_get_mac (row), "—");
  set_value (model_label, model, "—");
  set_value (name_label, pa_import_row_get_name (row), _("Unnamed"));

  gtk_image_set_from_icon_name (GTK_IMAGE (icon), error != NULL ? "dialog-error-symbolic"
                                                                : "emblem-ok-symbolic");
  gtk_label_set_text (GTK_LABEL (status), error != NULL ? error : _("Ready"));
  if (error != NULL)
    {
      gtk_widget_remove_css_class (icon, "success");
      gtk_widget_add_css_class (icon, "error");
      gtk_widget_remove_css_class (status, "dim-label");
      gtk_widget_add_css_class (status, "error");
    }
  else
    {
      gtk_widget_remove_css_class (icon, "error");
      gtk_widget_add_css_class (icon, "success");
      gtk_widget_remove_css_class (status, "error");
      gtk_widget_add_css_class (status, "dim-label");
    }

  /* The row is what takes the focus, so it is what a screen reader reads:
   * the values it has (a placeholder is not read), then the outcome; a row
   * in error is marked invalid. */
  accessible = g_string_new (line);
  for (GtkWidget *value = mac_label; value != NULL; value = gtk_widget_get_next_sibling (value))
    if (!gtk_widget_has_css_class (value, "dim-label"))
      g_string_append_printf (accessible, ", %s", gtk_label_get_text (GTK_LABEL (value)));
  g_string_append_printf (accessible, ": %s", gtk_label_get_text (GTK_LABEL (status)));
  pa_accessible_name_list_item (box, accessible->str);
  row_widget = gtk_widget_get_parent (box);
  if (row_widget != NULL && GTK_IS_LIST_VIEW (gtk_widget_get_parent (row_widget)))
    gtk_accessible_update_state (GTK_ACCESSIBLE (row_widget), GTK_ACCESSIBLE_STATE_INVALID,
                                 error != NULL ? GTK_ACCESSIBLE_INVALID_TRUE
                                               : GTK_ACCESSIBLE_INVALID_FALSE,
                                 -1);
}

GtkListItemFactory *
pa_import_rows_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), NULL);
  return factory;
}
