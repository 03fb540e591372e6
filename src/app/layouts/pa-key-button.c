/* pa-key-button.c — one programmable key drawn on the phone face
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "pa-key-button"

#include <glib/gi18n.h>

#include "pa-key-button.h"

/* ------------------------------------------------------------------ */
/* The drag payload */

PaDragSource *
pa_drag_source_copy (const PaDragSource *src)
{
  PaDragSource *copy;

  g_return_val_if_fail (src != NULL, NULL);

  copy = g_new0 (PaDragSource, 1);
  *copy = *src;
  /* The boxed copy owns its strings: a drag outlives the row that began it. */
  copy->agent_name = g_strdup (src->agent_name);
  copy->agent_extension = g_strdup (src->agent_extension);
  return copy;
}

void
pa_drag_source_free (PaDragSource *src)
{
  if (src == NULL)
    return;
  g_free ((char *) src->agent_name);
  g_free ((char *) src->agent_extension);
  g_free (src);
}

G_DEFINE_BOXED_TYPE (PaDragSource, pa_drag_source, pa_drag_source_copy, pa_drag_source_free)

GdkContentProvider *
pa_drag_source_content_new (const PaDragSource *src)
{
  g_return_val_if_fail (src != NULL, NULL);

  return gdk_content_provider_new_typed (PA_TYPE_DRAG_SOURCE, src);
}

const char *
pa_key_button_type_icon_name (PaKeyType type)
{
  switch (type)
    {
    case PA_KEY_LINE:          return "call-start-symbolic";
    case PA_KEY_BLF:           return "avatar-default-symbolic";
    case PA_KEY_SPEED_DIAL:    return "starred-symbolic";
    case PA_KEY_FEATURE_CODE:  return "input-dialpad-symbolic";
    case PA_KEY_PARK:          return "media-playback-pause-symbolic";
    case PA_KEY_PARK_RETRIEVE: return "media-playback-start-symbolic";
    case PA_KEY_CONFERENCE:    return "system-users-symbolic";
    case PA_KEY_CUSTOM:        return "emblem-system-symbolic";
    case PA_KEY_EMPTY:
    default:                   return NULL;
    }
}

/* ------------------------------------------------------------------ */

#define KEY_NATURAL_WIDTH 136

struct _PaKeyButton
{
  GtkWidget         parent_instance;

  PaLayoutDocument *document;
  PaKeySlot         slot;

  GtkWidget        *box;
  GtkWidget        *icon;
  GtkWidget        *label;
  GtkWidget        *popover;
  GtkDropTarget    *drop_target;   /* owned by the widget's controllers */

  char             *text;
  const char       *icon_name;
};

G_DEFINE_FINAL_TYPE (PaKeyButton, pa_key_button, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
describe_slot (PaKeySlot slot)
{
  if (slot.surface == 0)
    return g_strdup_printf (_("Key %u"), slot.index);
  /* Translators: sidecar number, key number */
  return g_strdup_printf (_("Sidecar %u, key %u"), slot.surface, slot.index);
}

void
pa_key_button_update (PaKeyButton *self)
{
  PaKey *key;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *where = NULL;
  g_autofree char *accessible = NULL;
  g_autofree char *tooltip = NULL;
  const char *label = NULL, *value = NULL;
  PaKeyType type = PA_KEY_EMPTY;

  g_return_if_fail (PA_IS_KEY_BUTTON (self));

  key = pa_layout_document_get_key (self->document, self->slot);
  if (key != NULL)
    {
      type = pa_key_get_key_type (key);
      label = pa_key_get_label (key);
      value = pa_key_get_value (key);
      if (label != NULL && *label == '\0')
        label = NULL;
      if (value != NULL && *value == '\0')
        value = NULL;
    }

  g_clear_pointer (&self->text, g_free);
  if (type == PA_KEY_EMPTY)
    self->text = g_strdup ("");
  else if (label != NULL)
    self->text = g_strdup (label);
  else if (value != NULL)
    self->text = g_strdup (value);
  else
    self->text = g_strdup (pa_key_type_get_title (type));

  self->icon_name = pa_key_button_type_icon_name (type);
  gtk_label_set_text (GTK_LABEL (self->label), self->text);
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon), self->icon_name);
  gtk_widget_set_visible (self->icon, self->icon_name != NULL);

  if (type == PA_KEY_EMPTY)
    gtk_widget_add_css_class (GTK_WIDGET (self), "empty");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "empty");

  problems = pa_layout_document_check_key (self->document, self->slot);
  if (problems->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "error");

  where = describe_slot (self->slot);
  if (type == PA_KEY_EMPTY)
    accessible = g_strdup_printf (_("%s, empty"), where);
  else if (label != NULL && value != NULL)
    accessible = g_strdup_printf ("%s, %s, %s (%s)", where, pa_key_type_get_title (type),
                                  label, value);
  else if (label != NULL || value != NULL)
    accessible = g_strdup_printf ("%s, %s, %s", where, pa_key_type_get_title (type),
                                  label != NULL ? label : value);
  else
    accessible = g_strdup_printf ("%s, %s", where, pa_key_type_get_title (type));

  if (problems->len > 0)
    {
      g_autoptr(GString) str = g_string_new (accessible);

      for (guint i = 0; i < problems->len; i++)
        g_string_append_printf (str, "\n%s", (const char *) g_ptr_array_index (problems, i));
      tooltip = g_string_free (g_steal_pointer (&str), FALSE);
    }
  else
    {
      tooltip = g_strdup (accessible);
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  problems->len > 0 ? tooltip : "",
                                  -1);
  if (problems->len > 0)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID,
                                 GTK_ACCESSIBLE_INVALID_TRUE, -1);
  else
    gtk_accessible_reset_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_INVALID);
}

PaKeySlot
pa_key_button_get_slot (PaKeyButton *self)
{
  g_return_val_if_fail (PA_IS_KEY_BUTTON (self), PA_KEY_SLOT_INIT (0, 0));
  return self->slot;
}

const char *
pa_key_button_get_text (PaKeyButton *self)
{
  g_return_val_if_fail (PA_IS_KEY_BUTTON (self), NULL);
  return self->text != NULL ? self->text : "";
}

const char *
pa_key_button_get_icon_name (PaKeyButton *self)
{
  g_return_val_if_fail (PA_IS_KEY_BUTTON (self), NULL);
  return self->icon_name;
}

GtkDropTarget *
pa_key_button_get_drop_target (PaKeyButton *self)
{
  g_return_val_if_fail (PA_IS_KEY_BUTTON (self), NULL);
  return self->drop_target;
}

void
pa_key_button_set_drop_target (PaKeyButton   *self,
                               GtkDropTarget *target)
{
  g_return_if_fail (PA_IS_KEY_BUTTON (self));
  g_return_if_fail (target == NULL || GTK_IS_DROP_TARGET (target));

  if (self->drop_target != NULL)
    gtk_widget_remove_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (self->drop_target));
  self->drop_target = target;
  if (target != NULL)
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

static gboolean
unref_idle_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GWeakRef key;
  GtkWidget *popover;   /* a reference */
} ClosedData;

static gboolean
popover_closed_idle_cb (gpointer user_data)
{
  ClosedData *data = user_data;
  g_autoptr(PaKeyButton) self = g_weak_ref_get (&data->key);

  /* Still ours and still closed: let it go. A popover shown again in the
   * meantime (or replaced) is left alone. */
  if (self != NULL && self->popover == data->popover && !gtk_widget_get_visible (data->popover))
    pa_key_button_show_popover (self, NULL);

  g_weak_ref_clear (&data->key);
  g_object_unref (data->popover);
  g_free (data);
  return G_SOURCE_REMOVE;
}

static void
popover_closed_cb (GtkPopover  *popover,
                   PaKeyButton *self)
{
  ClosedData *data = g_new0 (ClosedData, 1);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* The keyboard goes back to the key it was editing, unless the user
   * closed the popover by focusing something else. */
  if (focus == NULL || focus == GTK_WIDGET (popover)
      || gtk_widget_is_ancestor (focus, GTK_WIDGET (popover)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  /* Unparent later: a menu item closes its menu before it activates its
   * action, and the action is found through the popover's parent. */
  g_weak_ref_init (&data->key, self);
  data->popover = g_object_ref (GTK_WIDGET (popover));
  g_idle_add (popover_closed_idle_cb, data);
}

void
pa_key_button_show_popover (PaKeyButton *self,
                            GtkWidget   *popover)
{
  g_return_if_fail (PA_IS_KEY_BUTTON (self));
  g_return_if_fail (popover == NULL || GTK_IS_POPOVER (popover));

  if (self->popover == popover)
    return;

  if (self->popover != NULL)
    {
      GtkWidget *old = g_steal_pointer (&self->popover);

      g_signal_handlers_disconnect_by_func (old, popover_closed_cb, self);
      gtk_popover_popdown (GTK_POPOVER (old));
      /* We may be inside one of its handlers (a menu item's action): it
       * outlives this call by one idle. */
      g_idle_add (unref_idle_cb, g_object_ref (old));
      gtk_widget_unparent (old);
    }

  if (popover != NULL)
    {
      self->popover = popover;
      gtk_widget_set_parent (popover, GTK_WIDGET (self));
      g_signal_connect (popover, "closed", G_CALLBACK (popover_closed_cb), self);
      gtk_popover_popup (GTK_POPOVER (popover));
    }
}

GtkWidget *
pa_key_button_get_popover (PaKeyButton *self)
{
  g_return_val_if_fail (PA_IS_KEY_BUTTON (self), NULL);
  return self->popover;
}

static void
pa_key_button_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  PaKeyButton *self = PA_KEY_BUTTON (widget);

  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  if (self->popover != NULL)
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
pa_key_button_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  PaKeyButton *self = PA_KEY_BUTTON (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  /* Every key asks for the same width whatever its label, so the face does
   * not jump while keys are edited; it still shrinks to the minimum. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*natural, MAX (*minimum, KEY_NATURAL_WIDTH));
}

static void
activate_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_ACTIVATE], 0);
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            PaKeyButton     *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    g_signal_emit (self, signals[SIGNAL_ACTIVATE], 0);
}

static void
pa_key_button_dispose (GObject *object)
{
  PaKeyButton *self = PA_KEY_BUTTON (object);

  pa_key_button_show_popover (self, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (pa_key_button_parent_class)->dispose (object);
}

static void
pa_key_button_finalize (GObject *object)
{
  PaKeyButton *self = PA_KEY_BUTTON (object);

  g_clear_object (&self->document);
  g_free (self->text);
  G_OBJECT_CLASS (pa_key_button_parent_class)->finalize (object);
}

static void
pa_key_button_class_init (PaKeyButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_key_button_dispose;
  object_class->finalize = pa_key_button_finalize;
  widget_class->measure = pa_key_button_measure;
  widget_class->size_allocate = pa_key_button_size_allocate;

  /**
   * PaKeyButton::activate:
   *
   * Enter, Space or a double click: the user wants to edit the key.
   */
  signals[SIGNAL_ACTIVATE] =
    g_signal_new ("activate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[SIGNAL_ACTIVATE]);

  gtk_widget_class_install_action (widget_class, "key.activate", NULL, activate_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "key.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "key.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "key.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "key.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Space, 0, "key.activate", NULL);

  gtk_widget_class_set_css_name (widget_class, "pa-key");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_BUTTON);
}

static void
pa_key_button_init (PaKeyButton *self)
{
  GtkGesture *click;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->icon = gtk_image_new ();
  gtk_widget_add_css_class (self->icon, "pa-key-icon");
  gtk_box_append (GTK_BOX (self->box), self->icon);

  self->label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (self->label), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0);
  gtk_label_set_single_line_mode (GTK_LABEL (self->label), TRUE);
  /* Shrinks to a few letters before the face gives up space. */
  gtk_label_set_width_chars (GTK_LABEL (self->label), 3);
  gtk_label_set_max_width_chars (GTK_LABEL (self->label), 14);
  gtk_widget_set_hexpand (self->label, TRUE);
  gtk_box_append (GTK_BOX (self->box), self->label);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
pa_key_button_new (PaLayoutDocument *document,
                   PaKeySlot         slot)
{
  PaKeyButton *self;

  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (document), NULL);

  self = g_object_new (PA_TYPE_KEY_BUTTON, NULL);
  self->document = g_object_ref (document);
  self->slot = slot;
  pa_key_button_update (self);
  return GTK_WIDGET (self);
}
