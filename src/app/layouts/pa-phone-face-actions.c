/* pa-phone-face-actions.c — the keyboard and menu equivalents of the face's
 * drag and drop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every change goes through the document (pa_phone_face_drop() for moves,
 * so a move by keyboard is checked exactly like one by mouse), which keeps
 * undo complete.
 */
#include "config.h"

#define G_LOG_DOMAIN "pa-phone-face"

#include <glib/gi18n.h>

#include "pa-phone-actions.h"
#include "pa-phone-face-private.h"

/* The key types a user can give a key, in menu order. */
static const PaKeyType menu_types[] = {
  PA_KEY_LINE, PA_KEY_BLF, PA_KEY_SPEED_DIAL, PA_KEY_FEATURE_CODE,
  PA_KEY_PARK, PA_KEY_PARK_RETRIEVE, PA_KEY_CONFERENCE, PA_KEY_CUSTOM,
};

static PaKey *
current_key (PaPhoneFace *self)
{
  if (!self->has_current || self->document == NULL)
    return NULL;
  return pa_layout_document_get_key (self->document, self->current);
}

void
pa_phone_face_update_actions (PaPhoneFace *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_current = pa_phone_face_get_current_slot (self, NULL);
  gboolean has_key = has_current && current_key (self) != NULL;

  gtk_widget_action_set_enabled (widget, "face.edit", has_current);
  gtk_widget_action_set_enabled (widget, "face.set-type", has_current);
  gtk_widget_action_set_enabled (widget, "face.context-menu", has_current);
  gtk_widget_action_set_enabled (widget, "face.clear", has_key);
  gtk_widget_action_set_enabled (widget, "face.cut", has_key);
  gtk_widget_action_set_enabled (widget, "face.move-next-empty", has_key);
  gtk_widget_action_set_enabled (widget, "face.move-to-page", has_key);
  gtk_widget_action_set_enabled (widget, "face.move-to-surface", has_key);
  gtk_widget_action_set_enabled (widget, "face.paste", has_current && self->has_cut);
  gtk_widget_action_set_enabled (widget, "face.next-page", has_current);
  gtk_widget_action_set_enabled (widget, "face.previous-page", has_current);
}

/* First empty slot of @surface among indexes [@first, @last], or 0. */
static guint
find_empty (PaPhoneFace *self,
            guint        surface,
            guint        first,
            guint        last)
{
  for (guint i = first; i <= last; i++)
    if (pa_layout_document_get_key (self->document, PA_KEY_SLOT_INIT (surface, i)) == NULL)
      return i;
  return 0;
}

static void
move_current_to (PaPhoneFace *self,
                 PaKeySlot    target)
{
  PaDragSource source = { .kind = PA_DRAG_KEY, .from = self->current };

  if (pa_phone_face_drop (self, &source, target))
    pa_phone_face_focus_key (self, target);
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);
  PaKeySlot slot;

  if (pa_phone_face_get_current_slot (self, &slot))
    g_signal_emit_by_name (self, "key-activated", slot.surface, slot.index);
}

static void
set_type_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);
  PaKeySlot slot;
  PaKeyType type;

  if (!pa_phone_face_get_current_slot (self, &slot))
    return;
  if (!pa_key_type_from_nick (g_variant_get_string (parameter, NULL), &type))
    return;
  if (type == PA_KEY_EMPTY)
    pa_layout_document_clear_key (self->document, slot);
  else
    pa_phone_face_edit_key (self, slot, type);
}

static void
clear_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);
  PaKeySlot slot;

  if (pa_phone_face_get_current_slot (self, &slot) && current_key (self) != NULL)
    {
      pa_layout_document_clear_key (self->document, slot);
      if (self->has_cut && self->cut.surface == slot.surface && self->cut.index == slot.index)
        pa_phone_face_set_cut (self, FALSE, slot);
    }
}

static void
cut_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);

  /* Nothing leaves the document until the paste: a cut that is never pasted
   * loses nothing. */
  if (current_key (self) != NULL)
    pa_phone_face_set_cut (self, TRUE, self->current);
}

static void
paste_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);
  PaDragSource source = { .kind = PA_DRAG_KEY };
  PaKeySlot target;

  if (!self->has_cut || !pa_phone_face_get_current_slot (self, &target))
    return;
  source.from = self->cut;
  if (pa_layout_document_get_key (self->document, source.from) == NULL)
    {
      pa_phone_face_set_cut (self, FALSE, source.from);
      pa_show_toast (widget, _("The cut key is empty now: nothing to paste"));
      return;
    }
  if (pa_phone_face_drop (self, &source, target))
    pa_phone_face_set_cut (self, FALSE, target);
}

static void
move_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);
  PaFaceSurface *fs;
  guint n_surfaces, target = 0, surface;

  if (current_key (self) == NULL)
    return;
  surface = self->current.surface;
  fs = pa_phone_face_get_surface (self, surface);
  n_surfaces = self->surfaces->len;

  if (g_str_equal (action_name, "face.move-next-empty"))
    {
      /* After the key on its own surface, then the following surfaces,
       * wrapping round to where it started. */
      target = find_empty (self, surface, self->current.index + 1, fs->n_keys);
      for (guint k = 1; target == 0 && k <= n_surfaces; k++)
        {
          PaFaceSurface *other;

          surface = (self->current.surface + k) % n_surfaces;
          other = pa_phone_face_get_surface (self, surface);
          target = find_empty (self, surface, 1,
                               surface == self->current.surface ? self->current.index - 1
                                                                : other->n_keys);
        }
      if (target == 0)
        {
          pa_show_toast (widget, _("There is no empty key to move to"));
          return;
        }
    }
  else if (g_str_equal (action_name, "face.move-to-page"))
    {
      guint page = g_variant_get_uint32 (parameter);
      guint first, last;

      if (page < 1 || page > fs->n_pages)
        return;
      first = (page - 1) * fs->keys_per_page + 1;
      last = MIN (page * fs->keys_per_page, fs->n_keys);
      target = find_empty (self, surface, first, last);
      if (target == 0)
        {
          g_autofree char *msg = g_strdup_printf (_("Page %u has no empty key"), page);

          pa_show_toast (widget, msg);
          return;
        }
    }
  else if (g_str_equal (action_name, "face.move-to-surface"))
    {
      PaFaceSurface *other;

      surface = g_variant_get_uint32 (parameter);
      other = pa_phone_face_get_surface (self, surface);
      if (other == NULL)
        return;
      target = find_empty (self, surface, 1, other->n_keys);
      if (target == 0)
        {
          pa_show_toast (widget, surface == 0 ? _("The phone has no empty key")
                                              : _("That sidecar has no empty key"));
          return;
        }
    }

  if (target != 0)
    move_current_to (self, PA_KEY_SLOT_INIT (surface, target));
}

static void
page_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);
  PaFaceSurface *fs;
  guint page;

  if (!pa_phone_face_get_current_slot (self, NULL))
    return;
  fs = pa_phone_face_get_surface (self, self->current.surface);
  page = fs->page;
  if (g_str_equal (action_name, "face.next-page"))
    page = (page + 1) % fs->n_pages;
  else
    page = (page + fs->n_pages - 1) % fs->n_pages;
  pa_phone_face_set_page (self, fs->surface, page);
}

void
pa_phone_face_show_context_menu (PaPhoneFace *self,
                                 PaKeyButton *key,
                                 double       x,
                                 double       y)
{
  PaKeySlot slot = pa_key_button_get_slot (key);
  PaFaceSurface *fs = pa_phone_face_get_surface (self, slot.surface);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) types = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) clipboard = g_menu_new ();
  g_autoptr(GMenuItem) item = NULL;
  GtkWidget *popover;

  g_menu_append (edit, _("_Edit Key…"), "face.edit");

  for (guint i = 0; i < G_N_ELEMENTS (menu_types); i++)
    {
      g_autoptr(GMenuItem) type_item = g_menu_item_new (pa_key_type_get_title (menu_types[i]), NULL);

      g_menu_item_set_action_and_target_value (type_item, "face.set-type",
                                               g_variant_new_string (pa_key_type_to_nick (menu_types[i])));
      g_menu_append_item (types, type_item);
    }
  g_menu_append_submenu (edit, _("Set _Type"), G_MENU_MODEL (types));

  item = g_menu_item_new (_("Next Empty Key"), "face.move-next-empty");
  g_menu_item_set_attribute (item, "accel", "s", "<Control>m");
  g_menu_append_item (move, item);
  g_clear_object (&item);
  for (guint p = 1; p <= fs->n_pages; p++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) page_item = NULL;

      if (p - 1 == pa_face_surface_page_of (fs, slot.index))
        continue;
      label = g_strdup_printf (_("Page %u"), p);
      page_item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (page_item, "face.move-to-page",
                                               g_variant_new_uint32 (p));
      g_menu_append_item (move, page_item);
    }
  for (guint s = 0; s < self->surfaces->len; s++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) surface_item = NULL;

      if (s == slot.surface)
        continue;
      label = s == 0 ? g_strdup (_("Phone")) : g_strdup_printf (_("Sidecar %u"), s);
      surface_item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (surface_item, "face.move-to-surface",
                                               g_variant_new_uint32 (s));
      g_menu_append_item (move, surface_item);
    }
  g_menu_append_submenu (edit, _("_Move To"), G_MENU_MODEL (move));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));

  item = g_menu_item_new (_("Cu_t"), "face.cut");
  g_menu_item_set_attribute (item, "accel", "s", "<Control>x");
  g_menu_append_item (clipboard, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Paste"), "face.paste");
  g_menu_item_set_attribute (item, "accel", "s", "<Control>v");
  g_menu_append_item (clipboard, item);
  g_clear_object (&item);
  item = g_menu_item_new (_("_Clear"), "face.clear");
  g_menu_item_set_attribute (item, "accel", "s", "Delete");
  g_menu_append_item (clipboard, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (clipboard));

  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), x >= 0);
  if (x >= 0 && y >= 0)
    gtk_popover_set_pointing_to (GTK_POPOVER (popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  pa_key_button_show_popover (key, popover);
}

static void
context_menu_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);
  PaKeySlot slot;

  if (pa_phone_face_get_current_slot (self, &slot))
    pa_phone_face_show_context_menu (self, pa_phone_face_get_key_button (self, slot), -1, -1);
}

/* ------------------------------------------------------------------ */
/* Shortcuts: only while a key itself has the focus, so the same keys keep
 * their meaning in a popover's entries and elsewhere in the window. */

static PaKeyButton *
focused_key (PaPhoneFace *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (PA_IS_KEY_BUTTON (focus) && gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return PA_KEY_BUTTON (focus);
  return NULL;
}

static gboolean
shortcut_action_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);
  PaKeyButton *key = focused_key (self);

  if (key == NULL)
    return FALSE;
  self->current = pa_key_button_get_slot (key);
  self->has_current = TRUE;
  pa_phone_face_update_actions (self);
  return gtk_widget_activate_action_variant (widget, g_variant_get_string (args, NULL), NULL);
}

/* The slot the focus moves to from @from in @direction, or FALSE. Keys of a
 * page fill column 0 top to bottom, then column 1; left of the first column
 * is the previous surface, right of the last the next one. */
static gboolean
neighbour (PaPhoneFace      *self,
           PaKeySlot         from,
           GtkDirectionType  direction,
           PaKeySlot        *to)
{
  PaFaceSurface *fs = pa_phone_face_get_surface (self, from.surface);
  guint page = pa_face_surface_page_of (fs, from.index);
  guint base = page * fs->keys_per_page;
  guint count = MIN (fs->keys_per_page, fs->n_keys - base);
  guint pos = from.index - 1 - base;
  guint col = pos / fs->rows, row = pos % fs->rows;

  switch (direction)
    {
    case GTK_DIR_UP:
      if (row == 0)
        return FALSE;
      *to = PA_KEY_SLOT_INIT (from.surface, from.index - 1);
      return TRUE;

    case GTK_DIR_DOWN:
      if (row + 1 >= fs->rows || pos + 1 >= count)
        return FALSE;
      *to = PA_KEY_SLOT_INIT (from.surface, from.index + 1);
      return TRUE;

    case GTK_DIR_LEFT:
    case GTK_DIR_RIGHT:
      {
        gboolean left = direction == GTK_DIR_LEFT;
        PaFaceSurface *other;
        guint other_base, other_count, other_col;

        if (left && col > 0)
          {
            *to = PA_KEY_SLOT_INIT (from.surface, from.index - fs->rows);
            return TRUE;
          }
        if (!left && col + 1 < fs->columns && (col + 1) * fs->rows < count)
          {
            *to = PA_KEY_SLOT_INIT (from.surface, base + MIN (pos + fs->rows, count - 1) + 1);
            return TRUE;
          }

        /* Across to the neighbouring surface, on the page it shows. */
        if (left && from.surface == 0)
          return FALSE;
        other = pa_phone_face_get_surface (self, left ? from.surface - 1 : from.surface + 1);
        if (other == NULL || other->n_keys == 0)
          return FALSE;
        other_base = other->page * other->keys_per_page;
        other_count = MIN (other->keys_per_page, other->n_keys - other_base);
        other_col = left ? (other_count - 1) / other->rows : 0;
        *to = PA_KEY_SLOT_INIT (other->surface,
                                other_base + MIN (other_col * other->rows + MIN (row, other->rows - 1),
                                                  other_count - 1) + 1);
        return TRUE;
      }

    case GTK_DIR_TAB_FORWARD:
    case GTK_DIR_TAB_BACKWARD:
    default:
      return FALSE;
    }
}

static gboolean
move_focus_cb (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);
  PaKeyButton *key = focused_key (self);
  PaKeySlot to;

  if (key == NULL)
    return FALSE;
  if (neighbour (self, pa_key_button_get_slot (key), g_variant_get_int32 (args), &to))
    pa_phone_face_focus_key (self, to);
  else
    gtk_widget_error_bell (widget);
  /* Handled either way: at the edge the focus stays on the face. */
  return TRUE;
}

static void
add_key_shortcut (GtkWidgetClass  *widget_class,
                  guint            keyval,
                  GdkModifierType  mods,
                  const char      *action)
{
  gtk_widget_class_add_binding (widget_class, keyval, mods, shortcut_action_cb, "s", action);
}

void
pa_phone_face_class_init_actions (GtkWidgetClass *widget_class)
{
  static const struct { guint keyval; GtkDirectionType dir; } arrows[] = {
    { GDK_KEY_Up, GTK_DIR_UP }, { GDK_KEY_KP_Up, GTK_DIR_UP },
    { GDK_KEY_Down, GTK_DIR_DOWN }, { GDK_KEY_KP_Down, GTK_DIR_DOWN },
    { GDK_KEY_Left, GTK_DIR_LEFT }, { GDK_KEY_KP_Left, GTK_DIR_LEFT },
    { GDK_KEY_Right, GTK_DIR_RIGHT }, { GDK_KEY_KP_Right, GTK_DIR_RIGHT },
  };

  gtk_widget_class_install_action (widget_class, "face.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "face.set-type", "s", set_type_action_cb);
  gtk_widget_class_install_action (widget_class, "face.clear", NULL, clear_action_cb);
  gtk_widget_class_install_action (widget_class, "face.cut", NULL, cut_action_cb);
  gtk_widget_class_install_action (widget_class, "face.paste", NULL, paste_action_cb);
  gtk_widget_class_install_action (widget_class, "face.move-next-empty", NULL, move_action_cb);
  gtk_widget_class_install_action (widget_class, "face.move-to-page", "u", move_action_cb);
  gtk_widget_class_install_action (widget_class, "face.move-to-surface", "u", move_action_cb);
  gtk_widget_class_install_action (widget_class, "face.context-menu", NULL, context_menu_action_cb);
  gtk_widget_class_install_action (widget_class, "face.next-page", NULL, page_action_cb);
  gtk_widget_class_install_action (widget_class, "face.previous-page", NULL, page_action_cb);

  add_key_shortcut (widget_class, GDK_KEY_Delete, 0, "face.clear");
  add_key_shortcut (widget_class, GDK_KEY_KP_Delete, 0, "face.clear");
  add_key_shortcut (widget_class, GDK_KEY_BackSpace, 0, "face.clear");
  add_key_shortcut (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "face.cut");
  add_key_shortcut (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "face.paste");
  add_key_shortcut (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "face.move-next-empty");
  add_key_shortcut (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "face.context-menu");
  add_key_shortcut (widget_class, GDK_KEY_Menu, 0, "face.context-menu");
  add_key_shortcut (widget_class, GDK_KEY_Page_Down, 0, "face.next-page");
  add_key_shortcut (widget_class, GDK_KEY_Page_Up, 0, "face.previous-page");

  for (guint i = 0; i < G_N_ELEMENTS (arrows); i++)
    gtk_widget_class_add_binding (widget_class, arrows[i].keyval, 0, move_focus_cb,
                                  "i", (gint32) arrows[i].dir);
}
