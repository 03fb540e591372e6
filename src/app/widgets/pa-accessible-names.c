/* pa-accessible-names.c — names a screen reader can read, where GTK 4.8
 * gives none or a garbled one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 builds a button's name from its "label" property *and* the
 * label widget it is labelled by, so "_Add Phone" is read "_Add Phone Add
 * Phone"; an icon-only button, a menu button and its inner toggle are read
 * by their type names. Fixing each .ui file would miss the next button;
 * one hook on "map" fixes every button the moment it can be seen, before
 * any screen reader asks.
 */
#define G_LOG_DOMAIN "pa-accessible"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "pa-accessible-names.h"

char *
pa_accessible_name_from_tooltip (const char *text)
{
  g_autofree char *copy = NULL;
  char *open;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  /* "Search Phones (Ctrl+F)": the shortcut is for the eyes. */
  open = g_str_has_suffix (copy, ")") ? strrchr (copy, '(') : NULL;
  if (open != NULL && open > copy)
    {
      *open = '\0';
      g_strchomp (copy);
    }
  return *copy != '\0' ? g_steal_pointer (&copy) : NULL;
}

static gboolean
has_text_child (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      /* A menu button's popover is its menu, not its name. */
      if (GTK_IS_POPOVER (c))
        continue;
      if ((GTK_IS_LABEL (c) && *gtk_label_get_text (GTK_LABEL (c)) != '\0') || has_text_child (c))
        return TRUE;
    }
  return FALSE;
}

static void name_from_text (GtkWidget *widget);

static void
name_button (GtkWidget *widget)
{
  g_autofree char *name = NULL;

  /* GTK 4.8 never names a menu button from what it shows. */
  if (GTK_IS_MENU_BUTTON (widget) && has_text_child (widget))
    {
      name_from_text (widget);
      return;
    }

  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    {
      /* The label widget still names it, without the underline. */
      gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }
  /* A menu button's toggle is named by the menu button around it. */
  if (has_text_child (widget) || GTK_IS_MENU_BUTTON (gtk_widget_get_parent (widget)))
    return;
  name = pa_accessible_name_from_tooltip (gtk_widget_get_tooltip_text (widget));
  if (name == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
append_text (GtkWidget *widget,
             GString   *text)
{
  /* A stack's other pages are visible widgets that are not shown; a
   * popover is a menu, not part of what its button says. */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget) ||
      GTK_IS_POPOVER (widget))
    return;
  {
    /* What is read: a label's text, or what an icon's tooltip says it is. */
    const char *shown = GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget))
                      : GTK_IS_IMAGE (widget) ? gtk_widget_get_tooltip_text (widget)
                      : NULL;

    if (shown != NULL && *shown != '\0')
      {
        if (text->len > 0)
          g_string_append_c (text, ' ');
        g_string_append (text, shown);
      }
  }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    append_text (c, text);
}

/* The row @child is in: the widget a list view holds. */
static GtkWidget *
row_of (GtkWidget *child)
{
  GtkWidget *row = child;

  while (row != NULL && gtk_widget_get_parent (row) != NULL &&
         !GTK_IS_LIST_VIEW (gtk_widget_get_parent (row)))
    row = gtk_widget_get_parent (row);
  return row != NULL && gtk_widget_get_parent (row) != NULL ? row : NULL;
}

void
pa_accessible_name_list_item (GtkWidget  *child,
                              const char *name)
{
  GtkWidget *row = row_of (child);

  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
name_row (GtkWidget *row)
{
  g_autoptr(GString) row_text = g_string_new (NULL);
  for (GtkWidget *cell = gtk_widget_get_first_child (row); cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      g_autoptr(GString) text = g_string_new (NULL);

      append_text (cell, text);
      /* GTK 4.8 would read an empty cell by its type name. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      text->len > 0 ? text->str : _("Empty"), -1);
      if (text->len == 0)
        continue;
      if (row_text->len > 0)
        g_string_append (row_text, ", ");
      g_string_append (row_text, text->str);
    }
  if (row_text->len > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    row_text->str, -1);
}

/* Rows waiting to be named. A row's cells are bound one after the other,
 * and each names the whole row: named at once, a list of 145 rows of 8
 * cells made ~10,000 accessible updates on every search keystroke. */
static GPtrArray *rows_to_name;
static guint name_rows_source;

static gboolean
name_rows_cb (gpointer data)
{
  g_autoptr(GPtrArray) rows = g_steal_pointer (&rows_to_name);

  name_rows_source = 0;
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      g_object_set_data (G_OBJECT (row), "pa-row-name-pending", NULL);
      /* Still in a list view: not recycled away meanwhile. */
      if (row_of (row) == row)
        name_row (row);
    }
  return G_SOURCE_REMOVE;
}

void
pa_accessible_name_list_row (GtkWidget *cell_child)
{
  GtkWidget *row = row_of (cell_child);

  if (row == NULL || g_object_get_data (G_OBJECT (row), "pa-row-name-pending") != NULL)
    return;

  g_object_set_data (G_OBJECT (row), "pa-row-name-pending", GINT_TO_POINTER (TRUE));
  if (rows_to_name == NULL)
    rows_to_name = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (rows_to_name, g_object_ref (row));
  /* Before the frame that shows the rows (GDK_PRIORITY_REDRAW). */
  if (name_rows_source == 0)
    name_rows_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 10, name_rows_cb, NULL, NULL);
}

void
pa_accessible_name_column_view (GtkColumnView *view,
                                const char    *name)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (view)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    gtk_accessible_update_property (GTK_ACCESSIBLE (c), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    /* the other child is the row of column titles */
                                    GTK_IS_LIST_VIEW (c) ? name : _("Column Headings"), -1);
}

/* A drop-down shows its choice in a toggle button GTK 4.8 leaves unnamed:
 * it is read as the choice, which follows the selection. */
static void
name_from_text (GtkWidget *widget)
{
  g_autoptr(GString) text = g_string_new (NULL);

  append_text (widget, text);
  if (text->len > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    text->str, -1);
}

/* The list item widgets below @widget (GTK's own type, not public). */
static void
name_items_below (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (g_str_equal (G_OBJECT_TYPE_NAME (c), "GtkListItemWidget"))
        name_from_text (c);
      name_items_below (c);
    }
}

static void name_popover_list (GtkWidget *list);

/* An AdwComboRow shows its choice in a one-item list view of its own. */
static void
name_combo_row_choice (GtkWidget *widget)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_POPOVER (c))
        continue;
      if (GTK_IS_LIST_VIEW (c))
        {
          name_popover_list (c);
          name_items_below (c);
        }
      else
        name_combo_row_choice (c);
    }
}

static void
name_drop_down_choice (GtkWidget *drop_down)
{
  if (ADW_IS_COMBO_ROW (drop_down))
    {
      name_combo_row_choice (drop_down);
      return;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (drop_down); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_TOGGLE_BUTTON (c))
      {
        name_from_text (c);
        name_items_below (c);
      }
}

static gboolean
name_drop_down_later_cb (gpointer user_data)
{
  /* A drop-down on its way out has no place in the tree to be renamed in. */
  if (gtk_widget_get_mapped (user_data))
    name_drop_down_choice (user_data);
  return G_SOURCE_REMOVE;
}

static void
drop_down_selected_cb (GtkWidget *drop_down)
{
  /* Once the new choice is drawn into the button. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, name_drop_down_later_cb, g_object_ref (drop_down),
                   g_object_unref);
}

/* A row's title as read: "_Brand" → "Brand" when it has a mnemonic. */
static char *
row_title (GtkWidget *row)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  GString *plain;

  if (title == NULL || *title == '\0')
    return NULL;
  if (!adw_preferences_row_get_use_underline (ADW_PREFERENCES_ROW (row)))
    return g_strdup (title);
  plain = g_string_new (NULL);
  for (const char *p = title; *p != '\0'; p++)
    if (*p != '_' || p[1] == '_')
      g_string_append_c (plain, *p);
    else if (p[1] == '\0')
      break;
  return g_string_free (plain, FALSE);
}

/* An expander row is read by its title (GTK 4.8: by nothing), and so is
 * the list it opens onto. */
static void
name_expander_row (GtkWidget *widget)
{
  g_autofree char *title = row_title (widget);

  if (title == NULL)
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    for (GtkWidget *d = gtk_widget_get_first_child (c); d != NULL; d = gtk_widget_get_next_sibling (d))
      if (GTK_IS_LIST_BOX (d) || GTK_IS_REVEALER (d))
        gtk_accessible_update_property (GTK_ACCESSIBLE (GTK_IS_REVEALER (d) ? gtk_revealer_get_child (GTK_REVEALER (d)) : d),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
}

/* A list in a drop-down's popover is named after the row it belongs to. */
static void
name_popover_list (GtkWidget *list)
{
  GtkWidget *row = gtk_widget_get_ancestor (list, ADW_TYPE_PREFERENCES_ROW);
  g_autofree char *title = row != NULL ? row_title (row) : NULL;

  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title != NULL ? title : _("Choices"), -1);
}

static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_values,
          const GValue          *values,
          gpointer               user_data)
{
  GtkWidget *widget = GTK_WIDGET (g_value_get_object (&values[0]));
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (GTK_IS_DROP_DOWN (widget) || ADW_IS_COMBO_ROW (widget))
    {
      if (g_object_get_data (G_OBJECT (widget), "pa-accessible-followed") == NULL)
        {
          g_signal_connect (widget, "notify::selected", G_CALLBACK (drop_down_selected_cb), NULL);
          g_object_set_data (G_OBJECT (widget), "pa-accessible-followed", GINT_TO_POINTER (1));
        }
      name_drop_down_choice (widget);
    }
  else if (GTK_IS_DROP_DOWN (parent))
    ;   /* its choice button: named with the drop-down */
  else if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    name_button (widget);
  else if (ADW_IS_EXPANDER_ROW (widget))
    name_expander_row (widget);
  else if (GTK_IS_LIST_VIEW (widget) && (gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) != NULL ||
                                          gtk_widget_get_ancestor (widget, ADW_TYPE_COMBO_ROW) != NULL))
    name_popover_list (widget);
  else if (GTK_IS_LIST_VIEW (parent) && gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) != NULL)
    name_from_text (widget);   /* a drop-down's item, mapped each time the popover opens */
  return TRUE;
}

static void
focus_when_shown_cb (GtkWidget *window,
                     GtkWidget *widget)
{
  g_signal_handlers_disconnect_by_func (window, focus_when_shown_cb, widget);
  gtk_widget_grab_focus (widget);
}

void
pa_focus_when_shown (GtkWindow *window,
                     GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    {
      gtk_widget_grab_focus (widget);
      return;
    }
  g_signal_connect_object (window, "map", G_CALLBACK (focus_when_shown_cb), widget, 0);
}

void
pa_accessible_names_install (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      /* Kept for the process: the class must exist to look its signal up. */
      GTypeClass *klass = g_type_class_ref (GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook, NULL,
                                  NULL);
      /* A drop-down's popover list is in the tree before it first opens. */
      g_signal_add_emission_hook (g_signal_lookup ("realize", GTK_TYPE_WIDGET), 0, map_hook, NULL,
                                  NULL);
      (void) klass;
      g_once_init_leave (&installed, 1);
    }
}
