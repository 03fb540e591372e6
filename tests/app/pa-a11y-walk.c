/* pa-a11y-walk.c — finds a window's controls and what a screen reader
 * would call them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The names are read back from GTK's accessibility layer (the in-memory
 * "test" backend: GTK_A11Y=test) plus the text GTK itself exposes as a
 * name: a button's label, a row's title, a tooltip.
 *
 * Widgets GTK builds inside its own composite controls (the text of an
 * entry, the toggle inside a GtkMenuButton or GtkDropDown, the list view
 * inside a GtkColumnView, the list in an AdwComboRow's popover) are not
 * checked one by one: the outer control carries the name, and the app
 * cannot reach the inner ones anyway. Everything the app puts in a
 * container (rows' suffixes, column view cells, popovers) is.
 */
#include "config.h"

#include "pa-a11y-walk.h"

/* Composite controls whose insides belong to GTK or libadwaita. */
static gboolean
is_opaque (GtkWidget *widget)
{
  return GTK_IS_ENTRY (widget) || GTK_IS_PASSWORD_ENTRY (widget)
    || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_SPIN_BUTTON (widget)
    || GTK_IS_DROP_DOWN (widget) || ADW_IS_COMBO_ROW (widget)
    || GTK_IS_TEXT (widget) || GTK_IS_MENU_BUTTON (widget);
}

static gboolean
is_internal (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* The list a GtkColumnView scrolls; the view itself is the control. */
  if (GTK_IS_LIST_VIEW (widget) && GTK_IS_COLUMN_VIEW (parent))
    return TRUE;
  /* An AdwEntryRow's text: the row (its title) is the control. */
  if (GTK_IS_TEXT (widget) && gtk_widget_get_ancestor (widget, ADW_TYPE_ENTRY_ROW) != NULL)
    return TRUE;
  return FALSE;
}

gboolean
pa_a11y_is_control (GtkWidget *widget)
{
  if (is_internal (widget))
    return FALSE;
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)
      || GTK_IS_SWITCH (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_ENTRY (widget)
      || GTK_IS_TEXT (widget) || GTK_IS_PASSWORD_ENTRY (widget)
      || GTK_IS_SEARCH_ENTRY (widget) || GTK_IS_DROP_DOWN (widget)
      || GTK_IS_COLUMN_VIEW (widget) || GTK_IS_LIST_VIEW (widget)
      || ADW_IS_COMBO_ROW (widget) || ADW_IS_ENTRY_ROW (widget))
    return TRUE;
  /* Rows a user can activate: action rows, the sidebar's plain rows. */
  if (GTK_IS_LIST_BOX_ROW (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget))
      && !ADW_IS_PREFERENCES_GROUP (widget);
  return FALSE;
}

static void
collect (GtkWidget *widget,
         gboolean   mapped_only,
         GPtrArray *out)
{
  if (!gtk_widget_get_visible (widget) && !GTK_IS_POPOVER (widget))
    return;
  if (pa_a11y_is_control (widget)
      && (!mapped_only || gtk_widget_get_mapped (widget)))
    g_ptr_array_add (out, widget);

  if (GTK_IS_MENU_BUTTON (widget))
    {
      /* Only what the app gave it: the popover (a menu model's too). */
      GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget));

      if (popover != NULL)
        collect (GTK_WIDGET (popover), mapped_only, out);
      return;
    }
  if (is_opaque (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, mapped_only, out);
}

GPtrArray *
pa_a11y_collect_controls (GtkWidget *root,
                          gboolean   mapped_only)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (root, mapped_only, out);
  return out;
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* A visible GtkLabel inside: the text GTK reads out for a button or row. */
static gboolean
has_label_child (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || GTK_IS_POPOVER (child))
        continue;
      if (GTK_IS_LABEL (child) && has_text (gtk_label_get_text (GTK_LABEL (child))))
        return TRUE;
      if (has_label_child (child))
        return TRUE;
    }
  return FALSE;
}

const char *
pa_a11y_get_name_source (GtkWidget *widget)
{
  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return "label property";
  if (has_text (gtk_widget_get_tooltip_text (widget)))
    return "tooltip";

  /* GTK and libadwaita point buttons at their child (an icon too) and
   * rows at their title label (an empty one too): for those the relation
   * proves nothing, the text it points at does. */
  if (ADW_IS_PREFERENCES_ROW (widget))
    return has_text (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)))
      ? "row title" : NULL;
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    {
      if (GTK_IS_MENU_BUTTON (widget)
          && has_text (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget))))
        return "button label";
      if (GTK_IS_BUTTON (widget) && has_text (gtk_button_get_label (GTK_BUTTON (widget)))
          && gtk_button_get_icon_name (GTK_BUTTON (widget)) == NULL)
        return "button label";
      return has_label_child (widget) ? "label inside" : NULL;
    }

  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget),
                                        GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return "labelled-by relation";
  if (GTK_IS_CHECK_BUTTON (widget)
      && has_text (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))))
    return "check button label";
  /* Only for what reads its content as its name; an entry's or a
   * switch's neighbouring label is not its name. */
  if ((GTK_IS_CHECK_BUTTON (widget) || GTK_IS_LIST_BOX_ROW (widget)) && has_label_child (widget))
    return "label inside";
  return NULL;
}

/* The .ui a widget comes from: the innermost template (or header
 * resource) it sits in. */
static const char *
ui_for (GtkWidget *widget)
{
  static const struct {
    const char *type;
    const char *ui;
  } templates[] = {
    { "PaWindow", "src/app/pa-window.ui" },
    { "PaPhonesPage", "src/app/phones/pa-phones-page.ui" },
    { "PaAgentsPage", "src/app/agents/pa-agents-page.ui" },
    { "PaPhoneEditor", "src/app/phones/pa-phone-editor.ui" },
    { "PaAgentEditor", "src/app/agents/pa-agent-editor.ui" },
    { "PaCredentialsDialog", "src/app/phones/pa-credentials-dialog.ui" },
    { "PaScanDialog", "src/app/widgets/pa-scan-dialog.ui" },
    { "PaScanCredentialsDialog", "src/app/widgets/pa-scan-credentials-dialog.ui" },
    { "PaMacEntry", "src/app/widgets/pa-mac-entry.ui" },
    { "PaConnectDialog", "src/app/connection/pa-connect-dialog.ui" },
    { "GtkShortcutsWindow", "src/app/gtk/help-overlay.ui" },
  };

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      GtkWidget *parent = gtk_widget_get_parent (w);

      /* The window's header stack holds each section's header .ui. */
      if (GTK_IS_STACK (parent)
          && g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (parent)),
                        "header_stack") == 0)
        {
          const char *name = gtk_stack_page_get_name (gtk_stack_get_page (GTK_STACK (parent), w));

          if (g_strcmp0 (name, "phones") == 0)
            return "src/app/phones/pa-phones-header.ui";
          if (g_strcmp0 (name, "agents") == 0)
            return "src/app/agents/pa-agents-header.ui";
        }
      for (guint i = 0; i < G_N_ELEMENTS (templates); i++)
        if (g_strcmp0 (G_OBJECT_TYPE_NAME (w), templates[i].type) == 0)
          return templates[i].ui;
    }
  return "no template";
}

char *
pa_a11y_describe (GtkWidget *widget)
{
  GString *path = g_string_new (NULL);
  gboolean in_factory = FALSE;

  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (w));
      g_autofree char *step = NULL;

      /* GtkBuilder's made-up ids ("___object_12___") say nothing. */
      if (id != NULL && g_str_has_prefix (id, "___object_"))
        id = NULL;
      step = id != NULL
        ? g_strdup_printf ("%s#%s", G_OBJECT_TYPE_NAME (w), id)
        : g_strdup (G_OBJECT_TYPE_NAME (w));
      if (w != widget && (GTK_IS_COLUMN_VIEW (w) || GTK_IS_LIST_VIEW (w)))
        in_factory = TRUE;
      if (path->len > 0)
        g_string_prepend (path, " > ");
      g_string_prepend (path, step);
    }
  g_string_append_printf (path, " [%s%s]", ui_for (widget),
                          in_factory ? ", made in C by a list item factory" : "");
  return g_string_free (path, FALSE);
}

GtkWidget *
pa_a11y_control_for_focus (GtkWidget *focus)
{
  GtkWidget *control = NULL;

  for (GtkWidget *w = focus; w != NULL && !GTK_IS_NATIVE (w); w = gtk_widget_get_parent (w))
    {
      if (control == NULL && pa_a11y_is_control (w))
        control = w;
      /* Inside a composite control, the composite is what the user sees. */
      if (is_opaque (w) && pa_a11y_is_control (w))
        control = w;
    }
  return control;
}

char *
pa_a11y_list_unnamed (GtkWidget *root)
{
  g_autoptr(GPtrArray) controls = pa_a11y_collect_controls (root, FALSE);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < controls->len; i++)
    {
      GtkWidget *control = g_ptr_array_index (controls, i);

      if (pa_a11y_get_name_source (control) == NULL)
        {
          g_autofree char *path = pa_a11y_describe (control);

          g_string_append_printf (out, "\n  no accessible name: %s", path);
        }
    }
  return g_string_free (out, FALSE);
}
