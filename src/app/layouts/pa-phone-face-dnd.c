/* pa-phone-face-dnd.c — drag and drop on the phone face
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a drop does is decided by pa_layout_document_check_drop(); this file
 * only carries PaDragSource values between widgets, highlights the key under
 * the pointer (accept or reject) and turns the decision into a document
 * change, a popover or a toast.
 */
#include "config.h"

#define G_LOG_DOMAIN "pa-phone-face"

#include <glib/gi18n.h>

#include "pa-phone-actions.h"
#include "pa-phone-face-private.h"

#define TAB_HOVER_MS 500

/* A palette drop finishes when its popover is answered: drop-done follows
 * only if the answer changed the slot. */
typedef struct
{
  GWeakRef          face;
  PaLayoutDocument *document;
  PaKey            *before;   /* held, so a new key cannot reuse its address */
  PaKeySlot         slot;
} PendingDrop;

static void
pending_drop_free (gpointer  data,
                   GClosure *closure)
{
  PendingDrop *pending = data;

  g_weak_ref_clear (&pending->face);
  g_clear_object (&pending->document);
  g_clear_object (&pending->before);
  g_free (pending);
}

static void
drop_popover_closed_cb (GtkPopover  *popover,
                        PendingDrop *pending)
{
  g_autoptr(PaPhoneFace) face = g_weak_ref_get (&pending->face);
  PaKey *after;

  /* One answer per drop, even if the popover were shown again. */
  g_signal_handlers_disconnect_by_func (popover, drop_popover_closed_cb, pending);
  if (face == NULL || face->document != pending->document)
    return;

  after = pa_layout_document_get_key (pending->document, pending->slot);
  if (after != pending->before)
    pa_phone_face_emit_drop_done (face, pending->slot);
}

gboolean
pa_phone_face_drop (PaPhoneFace        *self,
                    const PaDragSource *source,
                    PaKeySlot           slot)
{
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  PaDropAction action;

  g_return_val_if_fail (PA_IS_PHONE_FACE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (self->document == NULL || pa_phone_face_get_key_button (self, slot) == NULL)
    return FALSE;

  action = pa_layout_document_check_drop (self->document, source, slot, &reason);
  switch (action)
    {
    case PA_DROP_REJECT:
      gtk_widget_error_bell (GTK_WIDGET (self));
      pa_show_toast (GTK_WIDGET (self), reason != NULL ? reason : _("The key cannot go there"));
      return FALSE;

    case PA_DROP_ASSIGN_TYPE:
      {
        PaKey *before = pa_layout_document_get_key (self->document, slot);
        GtkWidget *popover = pa_phone_face_edit_key (self, slot, source->key_type);
        PendingDrop *pending;

        if (popover == NULL)
          return FALSE;
        pending = g_new0 (PendingDrop, 1);
        g_weak_ref_init (&pending->face, self);
        pending->document = g_object_ref (self->document);
        pending->before = before != NULL ? g_object_ref (before) : NULL;
        pending->slot = slot;
        g_signal_connect_data (popover, "closed", G_CALLBACK (drop_popover_closed_cb),
                               pending, pending_drop_free, 0);
        return TRUE;
      }

    case PA_DROP_NOTHING:
      return FALSE;

    case PA_DROP_MOVE:
    case PA_DROP_SWAP:
    case PA_DROP_SET_BLF:
    default:
      if (!pa_layout_document_drop (self->document, source, slot, &error))
        {
          pa_show_toast (GTK_WIDGET (self), error->message);
          return FALSE;
        }
      pa_phone_face_focus_key (self, slot);
      pa_phone_face_emit_drop_done (self, slot);
      return TRUE;
    }
}

/* ------------------------------------------------------------------ */
/* Keys as drag sources */

static GdkContentProvider *
key_drag_prepare_cb (GtkDragSource *source,
                     double         x,
                     double         y,
                     PaPhoneFace   *self)
{
  GtkWidget *key = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  PaDragSource drag = { .kind = PA_DRAG_KEY };

  drag.from = pa_key_button_get_slot (PA_KEY_BUTTON (key));
  /* An empty key has nothing to carry. */
  if (self->document == NULL || pa_layout_document_get_key (self->document, drag.from) == NULL)
    return NULL;
  return pa_drag_source_content_new (&drag);
}

static void
key_drag_begin_cb (GtkDragSource *source,
                   GdkDrag       *drag,
                   PaPhoneFace   *self)
{
  GtkWidget *key = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (key);

  gtk_drag_source_set_icon (source, paintable, gtk_widget_get_width (key) / 2,
                            gtk_widget_get_height (key) / 2);
  gtk_widget_add_css_class (key, "dragging");
}

static void
key_drag_end_cb (GtkDragSource *source,
                 GdkDrag       *drag,
                 gboolean       delete_data,
                 PaPhoneFace   *self)
{
  GtkWidget *key = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  gtk_widget_remove_css_class (key, "dragging");
  pa_phone_face_cancel_tab_hover (self);
}

/* ------------------------------------------------------------------ */
/* Keys as drop targets */

static void
clear_highlight (GtkWidget *widget)
{
  gtk_widget_remove_css_class (widget, "drop-accept");
  gtk_widget_remove_css_class (widget, "drop-reject");
}

/* The action to answer for @source: move for a key, copy for the rest,
 * within what the drag offers. */
static GdkDragAction
pick_action (GtkDropTarget      *target,
             const PaDragSource *source)
{
  GdkDrop *drop = gtk_drop_target_get_current_drop (target);
  GdkDragAction offered = drop != NULL ? gdk_drop_get_actions (drop)
                                       : GDK_ACTION_COPY | GDK_ACTION_MOVE;
  GdkDragAction wanted = source != NULL && source->kind == PA_DRAG_KEY ? GDK_ACTION_MOVE
                                                                       : GDK_ACTION_COPY;

  if (offered & wanted)
    return wanted;
  if (offered & GDK_ACTION_MOVE)
    return GDK_ACTION_MOVE;
  if (offered & GDK_ACTION_COPY)
    return GDK_ACTION_COPY;
  return 0;
}

static GdkDragAction
evaluate_key_target (GtkDropTarget *target,
                     PaPhoneFace   *self)
{
  GtkWidget *key = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const GValue *value = gtk_drop_target_get_value (target);
  const PaDragSource *source;
  PaDropAction action;

  if (value == NULL || !G_VALUE_HOLDS (value, PA_TYPE_DRAG_SOURCE) || self->document == NULL)
    return pick_action (target, NULL);   /* not loaded yet: decide on drop */

  source = g_value_get_boxed (value);
  action = pa_layout_document_check_drop (self->document, source,
                                          pa_key_button_get_slot (PA_KEY_BUTTON (key)), NULL);
  clear_highlight (key);
  if (action == PA_DROP_REJECT)
    {
      gtk_widget_add_css_class (key, "drop-reject");
      return 0;
    }
  if (action != PA_DROP_NOTHING)
    gtk_widget_add_css_class (key, "drop-accept");
  return pick_action (target, source);
}

static GdkDragAction
key_drop_motion_cb (GtkDropTarget *target,
                    double         x,
                    double         y,
                    PaPhoneFace   *self)
{
  return evaluate_key_target (target, self);
}

static void
key_drop_value_cb (GtkDropTarget *target,
                   GParamSpec    *pspec,
                   PaPhoneFace   *self)
{
  if (gtk_drop_target_get_current_drop (target) != NULL)
    evaluate_key_target (target, self);
}

static void
key_drop_leave_cb (GtkDropTarget *target,
                   PaPhoneFace   *self)
{
  clear_highlight (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
}

static gboolean
key_drop_cb (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             PaPhoneFace   *self)
{
  GtkWidget *key = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));

  clear_highlight (key);
  pa_phone_face_cancel_tab_hover (self);
  if (!G_VALUE_HOLDS (value, PA_TYPE_DRAG_SOURCE) || g_value_get_boxed (value) == NULL)
    return FALSE;
  return pa_phone_face_drop (self, g_value_get_boxed (value),
                             pa_key_button_get_slot (PA_KEY_BUTTON (key)));
}

void
pa_phone_face_setup_key_dnd (PaPhoneFace *self,
                             PaKeyButton *key)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target;

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (key_drag_prepare_cb), self);
  g_signal_connect (source, "drag-begin", G_CALLBACK (key_drag_begin_cb), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (key_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (key), GTK_EVENT_CONTROLLER (source));

  target = gtk_drop_target_new (PA_TYPE_DRAG_SOURCE, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  /* Loaded on enter, so the key can say yes or no before the button is
   * released. */
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "motion", G_CALLBACK (key_drop_motion_cb), self);
  g_signal_connect (target, "notify::value", G_CALLBACK (key_drop_value_cb), self);
  g_signal_connect (target, "leave", G_CALLBACK (key_drop_leave_cb), self);
  g_signal_connect (target, "drop", G_CALLBACK (key_drop_cb), self);
  pa_key_button_set_drop_target (key, target);
}

/* ------------------------------------------------------------------ */
/* Page tabs: hovering one during a drag opens its page */

void
pa_phone_face_cancel_tab_hover (PaPhoneFace *self)
{
  g_clear_handle_id (&self->tab_hover_id, g_source_remove);
  self->tab_hover = NULL;
}

static gboolean
tab_hover_timeout_cb (gpointer data)
{
  PaPhoneFace *self = data;
  GtkWidget *tab = self->tab_hover;

  self->tab_hover_id = 0;
  self->tab_hover = NULL;
  if (tab != NULL)
    pa_phone_face_set_page (self,
                            GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (tab), "pa-surface")),
                            GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (tab), "pa-page")));
  return G_SOURCE_REMOVE;
}

static void
tab_drag_enter_cb (GtkDropControllerMotion *motion,
                   double                   x,
                   double                   y,
                   PaPhoneFace             *self)
{
  pa_phone_face_cancel_tab_hover (self);
  self->tab_hover = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  self->tab_hover_id = g_timeout_add (TAB_HOVER_MS, tab_hover_timeout_cb, self);
}

static void
tab_drag_leave_cb (GtkDropControllerMotion *motion,
                   PaPhoneFace             *self)
{
  if (self->tab_hover == gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion)))
    pa_phone_face_cancel_tab_hover (self);
}

void
pa_phone_face_setup_tab_dnd (PaPhoneFace *self,
                             GtkWidget   *tab,
                             guint        surface,
                             guint        page)
{
  GtkEventController *motion = gtk_drop_controller_motion_new ();

  g_object_set_data (G_OBJECT (tab), "pa-surface", GUINT_TO_POINTER (surface));
  g_signal_connect (motion, "enter", G_CALLBACK (tab_drag_enter_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (tab_drag_leave_cb), self);
  gtk_widget_add_controller (tab, motion);
}

/* ------------------------------------------------------------------ */
/* The trash: drop a key here to clear it */

#define TRASH_TARGET_KEY "pa-trash-target"
#define TRASH_FACE_KEY   "pa-trash-face"

static PaPhoneFace *
trash_get_face (GtkWidget *trash)
{
  GWeakRef *ref = g_object_get_data (G_OBJECT (trash), TRASH_FACE_KEY);

  return ref != NULL ? g_weak_ref_get (ref) : NULL;
}

static void
weak_ref_free (GWeakRef *ref)
{
  g_weak_ref_clear (ref);
  g_free (ref);
}

static GdkDragAction
trash_evaluate (GtkDropTarget *target)
{
  GtkWidget *trash = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const GValue *value = gtk_drop_target_get_value (target);
  const PaDragSource *source = value != NULL && G_VALUE_HOLDS (value, PA_TYPE_DRAG_SOURCE)
                               ? g_value_get_boxed (value) : NULL;

  clear_highlight (trash);
  if (source == NULL)
    return pick_action (target, NULL);
  if (source->kind != PA_DRAG_KEY)
    {
      gtk_widget_add_css_class (trash, "drop-reject");
      return 0;
    }
  gtk_widget_add_css_class (trash, "drop-accept");
  return pick_action (target, source);
}

static GdkDragAction
trash_motion_cb (GtkDropTarget *target,
                 double         x,
                 double         y,
                 gpointer       user_data)
{
  return trash_evaluate (target);
}

static void
trash_value_cb (GtkDropTarget *target,
                GParamSpec    *pspec,
                gpointer       user_data)
{
  if (gtk_drop_target_get_current_drop (target) != NULL)
    trash_evaluate (target);
}

static void
trash_leave_cb (GtkDropTarget *target,
                gpointer       user_data)
{
  clear_highlight (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
}

static gboolean
trash_drop_cb (GtkDropTarget *target,
               const GValue  *value,
               double         x,
               double         y,
               gpointer       user_data)
{
  GtkWidget *trash = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  g_autoptr(PaPhoneFace) face = trash_get_face (trash);
  const PaDragSource *source;

  clear_highlight (trash);
  if (face == NULL || face->document == NULL || !G_VALUE_HOLDS (value, PA_TYPE_DRAG_SOURCE))
    return FALSE;
  source = g_value_get_boxed (value);
  if (source == NULL || source->kind != PA_DRAG_KEY
      || pa_layout_document_get_key (face->document, source->from) == NULL)
    return FALSE;

  pa_layout_document_clear_key (face->document, source->from);
  if (face->has_cut && face->cut.surface == source->from.surface
      && face->cut.index == source->from.index)
    pa_phone_face_set_cut (face, FALSE, source->from);
  pa_phone_face_emit_drop_done (face, source->from);
  return TRUE;
}

GtkWidget *
pa_key_trash_new (PaPhoneFace *face)
{
  GtkWidget *trash, *icon, *label;
  GtkDropTarget *target;
  GWeakRef *ref;

  g_return_val_if_fail (PA_IS_PHONE_FACE (face), NULL);

  trash = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_add_css_class (trash, "pa-key-trash");
  gtk_widget_set_tooltip_text (trash, _("Drop a key here to clear it (or press Delete on the key)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (trash),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Clear key drop area"), -1);

  icon = gtk_image_new_from_icon_name ("user-trash-symbolic");
  gtk_box_append (GTK_BOX (trash), icon);
  label = gtk_label_new (_("Drag a key here to clear it"));
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (trash), label);

  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, face);
  g_object_set_data_full (G_OBJECT (trash), TRASH_FACE_KEY, ref, (GDestroyNotify) weak_ref_free);

  target = gtk_drop_target_new (PA_TYPE_DRAG_SOURCE, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  gtk_drop_target_set_preload (target, TRUE);
  g_signal_connect (target, "motion", G_CALLBACK (trash_motion_cb), NULL);
  g_signal_connect (target, "notify::value", G_CALLBACK (trash_value_cb), NULL);
  g_signal_connect (target, "leave", G_CALLBACK (trash_leave_cb), NULL);
  g_signal_connect (target, "drop", G_CALLBACK (trash_drop_cb), NULL);
  gtk_widget_add_controller (trash, GTK_EVENT_CONTROLLER (target));
  g_object_set_data (G_OBJECT (trash), TRASH_TARGET_KEY, target);

  return trash;
}

GtkDropTarget *
pa_key_trash_get_drop_target (GtkWidget *trash)
{
  g_return_val_if_fail (GTK_IS_WIDGET (trash), NULL);
  return g_object_get_data (G_OBJECT (trash), TRASH_TARGET_KEY);
}
