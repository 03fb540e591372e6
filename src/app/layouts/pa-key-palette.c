/* pa-key-palette.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list box of key types. Each row is a drag source carrying a
 * PA_DRAG_KEY_TYPE, and activating a row (Enter, click) is the keyboard
 * equivalent of dropping it on the face's focused key.
 */
#define G_LOG_DOMAIN "pa-key-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-key-button.h"
#include "pa-key-palette.h"
#include "pa-layout-edit.h"

struct _PaKeyPalette
{
  GtkWidget   parent_instance;

  GtkListBox *list;
};

G_DEFINE_FINAL_TYPE (PaKeyPalette, pa_key_palette, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_TYPE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const PaKeyType palette_types[] = {
  PA_KEY_LINE,
  PA_KEY_BLF,
  PA_KEY_SPEED_DIAL,
  PA_KEY_FEATURE_CODE,
  PA_KEY_PARK,
  PA_KEY_PARK_RETRIEVE,
  PA_KEY_CONFERENCE,
  PA_KEY_CUSTOM,
};

const PaKeyType *
pa_key_palette_types (guint *n_types)
{
  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (palette_types);
  return palette_types;
}

const char *
pa_key_palette_type_description (PaKeyType type)
{
  switch (type)
    {
    case PA_KEY_LINE:
      return _("One of the phone's SIP accounts");
    case PA_KEY_BLF:
      return _("Shows a colleague's status; press to call");
    case PA_KEY_SPEED_DIAL:
      return _("Calls a number");
    case PA_KEY_FEATURE_CODE:
      return _("Dials a star code");
    case PA_KEY_PARK:
      return _("Parks the call in an orbit");
    case PA_KEY_PARK_RETRIEVE:
      return _("Picks up a parked call");
    case PA_KEY_CONFERENCE:
      return _("Joins calls together");
    case PA_KEY_CUSTOM:
      return _("A vendor's own key code");
    case PA_KEY_EMPTY:
    default:
      return "";
    }
}

/* ---- rows ----------------------------------------------------------- */

static GdkContentProvider *
row_drag_prepare_cb (GtkDragSource *source,
                     double         x,
                     double         y,
                     GtkWidget     *row)
{
  PaDragSource drag = { 0 };

  drag.kind = PA_DRAG_KEY_TYPE;
  drag.key_type = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "pa-key-type"));
  return pa_drag_source_content_new (&drag);
}

static void
row_drag_begin_cb (GtkDragSource *source,
                   GdkDrag       *drag,
                   GtkWidget     *row)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static GtkWidget *
create_row (PaKeyType type)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *icon = gtk_image_new_from_icon_name (pa_key_button_type_icon_name (type));
  GtkWidget *title = gtk_label_new (pa_key_type_get_title (type));
  GtkWidget *description = gtk_label_new (pa_key_palette_type_description (type));
  GtkDragSource *drag = gtk_drag_source_new ();
  g_autofree char *accessible = NULL;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_add_css_class (icon, "pa-key-type-icon");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (description), 20);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), description);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data (G_OBJECT (row), "pa-key-type", GUINT_TO_POINTER (type));
  gtk_widget_set_tooltip_text (row, _("Drag onto a key, or press Enter to give the selected key this type"));
  accessible = g_strdup_printf (_("%s key type"), pa_key_type_get_title (type));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);

  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (row_drag_prepare_cb), row);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (row_drag_begin_cb), row);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (drag));
  return row;
}

static void
row_activated_cb (PaKeyPalette  *self,
                  GtkListBoxRow *row)
{
  guint type = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "pa-key-type"));

  g_signal_emit (self, signals[SIGNAL_TYPE_ACTIVATED], 0, type);
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_key_palette_dispose (GObject *object)
{
  PaKeyPalette *self = PA_KEY_PALETTE (object);

  if (self->list != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->list));
      self->list = NULL;
    }

  G_OBJECT_CLASS (pa_key_palette_parent_class)->dispose (object);
}

static void
pa_key_palette_class_init (PaKeyPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_key_palette_dispose;

  signals[SIGNAL_TYPE_ACTIVATED] =
    g_signal_new ("type-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pa-key-palette");
}

static void
pa_key_palette_init (PaKeyPalette *self)
{
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Key types"), -1);
  gtk_widget_set_parent (GTK_WIDGET (self->list), GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (palette_types); i++)
    gtk_list_box_append (self->list, create_row (palette_types[i]));

  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
}

GtkWidget *
pa_key_palette_new (void)
{
  return g_object_new (PA_TYPE_KEY_PALETTE, NULL);
}

GtkWidget *
pa_key_palette_get_row (PaKeyPalette *self,
                        PaKeyType     type)
{
  g_return_val_if_fail (PA_IS_KEY_PALETTE (self), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (palette_types); i++)
    if (palette_types[i] == type)
      return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int) i));
  return NULL;
}
