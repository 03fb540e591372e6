/* pa-phone-face.c — the phone and its sidecars drawn from the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The face is a row of "bodies" (the phone, then each sidecar) that wraps
 * onto more rows when the width does not hold them all at their natural
 * size. Every key of every page exists as a PaKeyButton; a page switch only
 * changes which are visible, so focus, drag controllers and tests can
 * reach any key without rebuilding.
 */
#include "config.h"

#define G_LOG_DOMAIN "pa-phone-face"

#include <glib/gi18n.h>

#include "pa-phone-face-private.h"

#define BODY_SPACING 18

enum
{
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

enum
{
  SIGNAL_KEY_ACTIVATED,
  SIGNAL_DROP_DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (PaPhoneFace, pa_phone_face, GTK_TYPE_WIDGET)

static void
face_surface_free (PaFaceSurface *fs)
{
  g_clear_pointer (&fs->tabs, g_ptr_array_unref);
  g_clear_pointer (&fs->keys, g_ptr_array_unref);
  g_free (fs);
}

PaFaceSurface *
pa_phone_face_get_surface (PaPhoneFace *self,
                           guint        surface)
{
  if (self->surfaces == NULL || surface >= self->surfaces->len)
    return NULL;
  return g_ptr_array_index (self->surfaces, surface);
}

guint
pa_face_surface_page_of (PaFaceSurface *fs,
                         guint          index)
{
  return (index - 1) / fs->keys_per_page;
}

/* ------------------------------------------------------------------ */
/* Pages */

static void
sync_page (PaFaceSurface *fs)
{
  for (guint i = 0; i < fs->keys->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (fs->keys, i), i / fs->keys_per_page == fs->page);

  for (guint p = 0; p < fs->tabs->len; p++)
    {
      GtkToggleButton *tab = g_ptr_array_index (fs->tabs, p);

      if (gtk_toggle_button_get_active (tab) != (p == fs->page))
        gtk_toggle_button_set_active (tab, p == fs->page);
    }

  if (fs->page_label != NULL)
    {
      g_autofree char *text = NULL;

      if (fs->n_pages > 1)
        text = g_strdup_printf (_("Page %u of %u"), fs->page + 1, fs->n_pages);
      gtk_label_set_text (GTK_LABEL (fs->page_label), text != NULL ? text : "");
    }
}

guint
pa_phone_face_get_n_pages (PaPhoneFace *self,
                           guint        surface)
{
  PaFaceSurface *fs;

  g_return_val_if_fail (PA_IS_PHONE_FACE (self), 1);

  fs = pa_phone_face_get_surface (self, surface);
  return fs != NULL ? fs->n_pages : 1;
}

guint
pa_phone_face_get_page (PaPhoneFace *self,
                        guint        surface)
{
  PaFaceSurface *fs;

  g_return_val_if_fail (PA_IS_PHONE_FACE (self), 0);

  fs = pa_phone_face_get_surface (self, surface);
  return fs != NULL ? fs->page : 0;
}

void
pa_phone_face_set_page (PaPhoneFace *self,
                        guint        surface,
                        guint        page)
{
  PaFaceSurface *fs;
  GtkRoot *root;
  GtkWidget *focus = NULL;
  guint focus_pos = G_MAXUINT;

  g_return_if_fail (PA_IS_PHONE_FACE (self));

  fs = pa_phone_face_get_surface (self, surface);
  if (fs == NULL || page >= fs->n_pages || page == fs->page)
    return;

  /* A focused key about to be hidden hands the focus to the key in the same
   * place on the new page, so Page Down keeps the keyboard where it was. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (root != NULL)
    focus = gtk_root_get_focus (root);
  if (PA_IS_KEY_BUTTON (focus) && g_ptr_array_find (fs->keys, focus, &focus_pos))
    focus_pos %= fs->keys_per_page;
  else
    focus_pos = G_MAXUINT;

  fs->page = page;
  sync_page (fs);

  if (focus_pos != G_MAXUINT)
    {
      guint index = MIN (page * fs->keys_per_page + focus_pos + 1, fs->n_keys);

      gtk_widget_grab_focus (g_ptr_array_index (fs->keys, index - 1));
    }
}

static void
tab_toggled_cb (GtkToggleButton *tab,
                PaFaceSurface   *fs)
{
  guint page;

  if (!gtk_toggle_button_get_active (tab))
    return;
  page = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (tab), "pa-page"));
  pa_phone_face_set_page (fs->face, fs->surface, page);
}

/* ------------------------------------------------------------------ */
/* Keys */

PaKeyButton *
pa_phone_face_get_key_button (PaPhoneFace *self,
                              PaKeySlot    slot)
{
  PaFaceSurface *fs;

  g_return_val_if_fail (PA_IS_PHONE_FACE (self), NULL);

  fs = pa_phone_face_get_surface (self, slot.surface);
  if (fs == NULL || slot.index < 1 || slot.index > fs->keys->len)
    return NULL;
  return g_ptr_array_index (fs->keys, slot.index - 1);
}

gboolean
pa_phone_face_get_current_slot (PaPhoneFace *self,
                                PaKeySlot   *slot)
{
  g_return_val_if_fail (PA_IS_PHONE_FACE (self), FALSE);

  if (!self->has_current || pa_phone_face_get_key_button (self, self->current) == NULL)
    return FALSE;
  if (slot != NULL)
    *slot = self->current;
  return TRUE;
}

void
pa_phone_face_focus_key (PaPhoneFace *self,
                         PaKeySlot    slot)
{
  PaFaceSurface *fs;
  PaKeyButton *key;

  g_return_if_fail (PA_IS_PHONE_FACE (self));

  key = pa_phone_face_get_key_button (self, slot);
  if (key == NULL)
    return;
  fs = pa_phone_face_get_surface (self, slot.surface);
  pa_phone_face_set_page (self, slot.surface, pa_face_surface_page_of (fs, slot.index));
  self->current = slot;
  self->has_current = TRUE;
  gtk_widget_grab_focus (GTK_WIDGET (key));
  pa_phone_face_update_actions (self);
}

GtkWidget *
pa_phone_face_edit_key (PaPhoneFace *self,
                        PaKeySlot    slot,
                        PaKeyType    type)
{
  PaKeyButton *key;
  GtkWidget *popover;

  g_return_val_if_fail (PA_IS_PHONE_FACE (self), NULL);

  key = pa_phone_face_get_key_button (self, slot);
  if (key == NULL || self->document == NULL)
    return NULL;

  pa_phone_face_focus_key (self, slot);
  popover = pa_key_popover_new (self->document, slot, type);
  pa_key_button_show_popover (key, popover);
  return popover;
}

void
pa_phone_face_emit_drop_done (PaPhoneFace *self,
                              PaKeySlot    slot)
{
  g_signal_emit (self, signals[SIGNAL_DROP_DONE], 0, slot.surface, slot.index);
}

void
pa_phone_face_set_cut (PaPhoneFace *self,
                       gboolean     has_cut,
                       PaKeySlot    slot)
{
  PaKeyButton *old = self->has_cut ? pa_phone_face_get_key_button (self, self->cut) : NULL;
  PaKeyButton *key;

  if (old != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (old), "cut");
  self->has_cut = has_cut;
  self->cut = slot;
  key = has_cut ? pa_phone_face_get_key_button (self, slot) : NULL;
  if (key != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (key), "cut");
  pa_phone_face_update_actions (self);
}

static void
key_activate_cb (PaKeyButton *key,
                 PaPhoneFace *self)
{
  PaKeySlot slot = pa_key_button_get_slot (key);

  g_signal_emit (self, signals[SIGNAL_KEY_ACTIVATED], 0, slot.surface, slot.index);
}

static void
key_focus_enter_cb (GtkEventControllerFocus *controller,
                    PaPhoneFace             *self)
{
  GtkWidget *key = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  self->current = pa_key_button_get_slot (PA_KEY_BUTTON (key));
  self->has_current = TRUE;
  pa_phone_face_update_actions (self);
}

static void
key_secondary_pressed_cb (GtkGestureClick *gesture,
                          int              n_press,
                          double           x,
                          double           y,
                          PaPhoneFace     *self)
{
  GtkWidget *key = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  pa_phone_face_focus_key (self, pa_key_button_get_slot (PA_KEY_BUTTON (key)));
  pa_phone_face_show_context_menu (self, PA_KEY_BUTTON (key), x, y);
}

static void
document_key_changed_cb (PaLayoutDocument *document,
                         guint             surface,
                         guint             index,
                         PaPhoneFace      *self)
{
  PaKeyButton *key = pa_phone_face_get_key_button (self, PA_KEY_SLOT_INIT (surface, index));

  if (key != NULL)
    pa_key_button_update (key);
  if (self->has_current && self->current.surface == surface && self->current.index == index)
    pa_phone_face_update_actions (self);
}

static GtkWidget *
new_key (PaPhoneFace *self,
         PaKeySlot    slot)
{
  GtkWidget *key = pa_key_button_new (self->document, slot);
  GtkEventController *focus;
  GtkGesture *menu_click;

  g_signal_connect (key, "activate", G_CALLBACK (key_activate_cb), self);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (key_focus_enter_cb), self);
  gtk_widget_add_controller (key, focus);

  menu_click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (menu_click, "pressed", G_CALLBACK (key_secondary_pressed_cb), self);
  gtk_widget_add_controller (key, GTK_EVENT_CONTROLLER (menu_click));

  pa_phone_face_setup_key_dnd (self, PA_KEY_BUTTON (key));
  return key;
}

/* ------------------------------------------------------------------ */
/* Building the bodies */

static GtkWidget *
new_column (void)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_box_set_homogeneous (GTK_BOX (column), TRUE);
  gtk_widget_set_valign (column, GTK_ALIGN_START);
  gtk_widget_set_hexpand (column, TRUE);
  gtk_widget_add_css_class (column, "pa-key-column");
  return column;
}

static PaFaceSurface *
build_surface (PaPhoneFace *self,
               guint        surface)
{
  PaFaceSurface *fs = g_new0 (PaFaceSurface, 1);
  PaDeviceModel *model = pa_layout_document_get_model (self->document);
  g_autofree char *title = NULL;
  g_autofree char *tabs_name = NULL;
  gboolean screen = FALSE;
  GtkWidget *header, *middle, *screen_widget = NULL;

  fs->face = self;
  fs->surface = surface;
  fs->n_keys = pa_layout_document_get_n_keys (self->document, surface);
  fs->tabs = g_ptr_array_new ();
  fs->keys = g_ptr_array_new ();

  if (surface == 0)
    {
      fs->keys_per_page = pa_device_model_get_keys_per_page (model);
      fs->columns = pa_device_model_get_face_columns (model);
      screen = pa_device_model_get_face_screen (model);
      title = g_strdup (pa_device_model_get_name (model));
    }
  else
    {
      PaExpansionModule *module = pa_layout_document_get_module (self->document, surface);

      if (module != NULL)
        {
          fs->keys_per_page = pa_expansion_module_get_keys_per_page (module);
          fs->columns = pa_expansion_module_get_face_columns (module);
          screen = pa_expansion_module_get_face_screen (module);
          /* Translators: module name, then which sidecar (1, 2, …) */
          title = g_strdup_printf (_("%s · %u"), pa_expansion_module_get_name (module), surface);
        }
      else
        {
          title = g_strdup_printf (_("Sidecar %u"), surface);
        }
    }

  if (fs->keys_per_page == 0)
    fs->keys_per_page = MAX (fs->n_keys, 1);
  fs->columns = CLAMP (fs->columns, 1, 2);
  fs->n_pages = MAX (1, (fs->n_keys + fs->keys_per_page - 1) / fs->keys_per_page);
  fs->rows = (fs->keys_per_page + fs->columns - 1) / fs->columns;

  fs->body = gtk_box_new (GTK_ORIENTATION_VERTICAL, 10);
  gtk_widget_add_css_class (fs->body, surface == 0 ? "pa-phone-body" : "pa-sidecar-body");
  gtk_widget_set_parent (fs->body, GTK_WIDGET (self));

  header = gtk_label_new (title);
  gtk_label_set_ellipsize (GTK_LABEL (header), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (header, "pa-face-title");
  gtk_box_append (GTK_BOX (fs->body), header);

  middle = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_box_append (GTK_BOX (fs->body), middle);

  for (guint c = 0; c < fs->columns; c++)
    fs->column_box[c] = new_column ();

  if (screen && surface == 0)
    {
      screen_widget = pa_face_screen_new (pa_device_model_get_name (model), &fs->page_label);
    }
  else if (screen)
    {
      /* A sidecar's screen holds the key labels on the real thing: a strip. */
      screen_widget = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_add_css_class (screen_widget, "pa-sidecar-screen");
    }

  gtk_box_append (GTK_BOX (middle), fs->column_box[0]);
  if (screen_widget != NULL)
    gtk_box_append (GTK_BOX (middle), screen_widget);
  if (fs->columns > 1)
    gtk_box_append (GTK_BOX (middle), fs->column_box[1]);

  for (guint index = 1; index <= fs->n_keys; index++)
    {
      guint pos = (index - 1) % fs->keys_per_page;
      GtkWidget *key = new_key (self, PA_KEY_SLOT_INIT (surface, index));

      g_ptr_array_add (fs->keys, key);
      gtk_box_append (GTK_BOX (fs->column_box[MIN (pos / fs->rows, fs->columns - 1)]), key);
    }

  if (fs->n_pages > 1)
    {
      GtkWidget *tabs = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkToggleButton *group = NULL;

      gtk_widget_add_css_class (tabs, "linked");
      gtk_widget_add_css_class (tabs, "pa-page-tabs");
      gtk_widget_set_halign (tabs, GTK_ALIGN_CENTER);
      if (surface == 0)
        tabs_name = g_strdup (_("Phone pages"));
      else
        tabs_name = g_strdup_printf (_("Sidecar %u pages"), surface);
      gtk_accessible_update_property (GTK_ACCESSIBLE (tabs),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tabs_name, -1);

      for (guint p = 0; p < fs->n_pages; p++)
        {
          g_autofree char *label = g_strdup_printf ("%u", p + 1);
          g_autofree char *tooltip = g_strdup_printf (_("Page %u"), p + 1);
          GtkWidget *tab = gtk_toggle_button_new_with_label (label);

          gtk_widget_set_tooltip_text (tab, tooltip);
          gtk_accessible_update_property (GTK_ACCESSIBLE (tab),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
          g_object_set_data (G_OBJECT (tab), "pa-page", GUINT_TO_POINTER (p));
          if (group != NULL)
            gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (tab), group);
          else
            group = GTK_TOGGLE_BUTTON (tab);
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (tab), p == 0);
          g_signal_connect (tab, "toggled", G_CALLBACK (tab_toggled_cb), fs);
          pa_phone_face_setup_tab_dnd (self, tab, surface, p);
          gtk_box_append (GTK_BOX (tabs), tab);
          g_ptr_array_add (fs->tabs, tab);
        }
      gtk_box_append (GTK_BOX (fs->body), tabs);
    }

  sync_page (fs);
  return fs;
}

static void
clear_surfaces (PaPhoneFace *self)
{
  pa_phone_face_cancel_tab_hover (self);
  if (self->surfaces == NULL)
    return;
  for (guint i = 0; i < self->surfaces->len; i++)
    {
      PaFaceSurface *fs = g_ptr_array_index (self->surfaces, i);

      gtk_widget_unparent (fs->body);
    }
  g_clear_pointer (&self->surfaces, g_ptr_array_unref);
  self->has_current = FALSE;
  self->has_cut = FALSE;
}

static void
rebuild (PaPhoneFace *self)
{
  clear_surfaces (self);
  if (self->document == NULL || pa_layout_document_get_model (self->document) == NULL)
    return;

  self->surfaces = g_ptr_array_new_with_free_func ((GDestroyNotify) face_surface_free);
  for (guint s = 0; s < pa_layout_document_get_n_surfaces (self->document); s++)
    g_ptr_array_add (self->surfaces, build_surface (self, s));
  pa_phone_face_update_actions (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

PaLayoutDocument *
pa_phone_face_get_document (PaPhoneFace *self)
{
  g_return_val_if_fail (PA_IS_PHONE_FACE (self), NULL);
  return self->document;
}

void
pa_phone_face_set_document (PaPhoneFace      *self,
                            PaLayoutDocument *document)
{
  g_return_if_fail (PA_IS_PHONE_FACE (self));
  g_return_if_fail (document == NULL || PA_IS_LAYOUT_DOCUMENT (document));

  if (self->document == document)
    return;

  if (self->document != NULL)
    g_clear_signal_handler (&self->key_changed_id, self->document);
  g_set_object (&self->document, document);
  if (document != NULL)
    self->key_changed_id = g_signal_connect (document, "key-changed",
                                             G_CALLBACK (document_key_changed_cb), self);
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/* ------------------------------------------------------------------ */
/* Size: the bodies in rows, wrapping when their natural widths do not fit */

typedef struct
{
  GtkWidget *child;
  int        width;
  int        height;
  int        row;
} Placement;

/* Lays the bodies out for @width; returns the height used. */
static int
place_bodies (PaPhoneFace *self,
              int          width,
              GArray      *out,
              GArray      *row_widths)
{
  int row = 0, row_width = 0, row_height = 0, total = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Placement p = { child, 0, 0, 0 };
      int min_w, nat_w, min_h, nat_h;

      if (!gtk_widget_should_layout (child))
        continue;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, &nat_w, NULL, NULL);
      if (row_width > 0 && row_width + BODY_SPACING + nat_w > width)
        {
          g_array_append_val (row_widths, row_width);
          total += row_height + BODY_SPACING;
          row++;
          row_width = 0;
          row_height = 0;
        }

      p.width = (width > 0 && nat_w > width) ? MAX (min_w, width) : nat_w;
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, p.width, &min_h, &nat_h, NULL, NULL);
      p.height = nat_h;
      p.row = row;
      row_width += (row_width > 0 ? BODY_SPACING : 0) + p.width;
      row_height = MAX (row_height, p.height);
      g_array_append_val (out, p);
    }

  if (out->len > 0)
    {
      g_array_append_val (row_widths, row_width);
      total += row_height;
    }
  return total;
}

static GtkSizeRequestMode
pa_phone_face_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
pa_phone_face_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int n = 0;

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min, nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural += (n++ > 0 ? BODY_SPACING : 0) + nat;
        }
    }
  else
    {
      g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (Placement));
      g_autoptr(GArray) row_widths = g_array_new (FALSE, FALSE, sizeof (int));
      int height = place_bodies (self, for_size < 0 ? G_MAXINT : for_size, placements, row_widths);

      *minimum = *natural = height;
    }
}

static void
pa_phone_face_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  PaPhoneFace *self = PA_PHONE_FACE (widget);
  g_autoptr(GArray) placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_autoptr(GArray) row_widths = g_array_new (FALSE, FALSE, sizeof (int));
  int y = 0, x = 0, row = -1, row_height = 0;

  place_bodies (self, width, placements, row_widths);

  for (guint i = 0; i < placements->len; i++)
    {
      Placement *p = &g_array_index (placements, Placement, i);

      if (p->row != row)
        {
          if (row >= 0)
            y += row_height + BODY_SPACING;
          row = p->row;
          row_height = 0;
          /* Rows are centred: the phone sits in the middle when alone. */
          x = MAX (0, (width - g_array_index (row_widths, int, row)) / 2);
          for (guint j = i; j < placements->len; j++)
            if (g_array_index (placements, Placement, j).row == row)
              row_height = MAX (row_height, g_array_index (placements, Placement, j).height);
        }

      gtk_widget_size_allocate (p->child,
                                &(GtkAllocation) { x, y, p->width, p->height },
                                -1);
      x += p->width + BODY_SPACING;
    }
}

/* ------------------------------------------------------------------ */

static void
pa_phone_face_real_key_activated (PaPhoneFace *self,
                                  guint        surface,
                                  guint        index)
{
  pa_phone_face_edit_key (self, PA_KEY_SLOT_INIT (surface, index), PA_KEY_EMPTY);
}

static void
pa_phone_face_dispose (GObject *object)
{
  PaPhoneFace *self = PA_PHONE_FACE (object);

  clear_surfaces (self);
  if (self->document != NULL)
    g_clear_signal_handler (&self->key_changed_id, self->document);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (pa_phone_face_parent_class)->dispose (object);
}

static void
pa_phone_face_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PaPhoneFace *self = PA_PHONE_FACE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_phone_face_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PaPhoneFace *self = PA_PHONE_FACE (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      pa_phone_face_set_document (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_phone_face_class_init (PaPhoneFaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_phone_face_dispose;
  object_class->get_property = pa_phone_face_get_property;
  object_class->set_property = pa_phone_face_set_property;
  widget_class->get_request_mode = pa_phone_face_get_request_mode;
  widget_class->measure = pa_phone_face_measure;
  widget_class->size_allocate = pa_phone_face_size_allocate;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, PA_TYPE_LAYOUT_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PaPhoneFace::key-activated:
   * @surface: 0 for the phone, 1..n for a sidecar
   * @index: the key, 1-based across pages
   *
   * The user asked to edit a key; the default handler opens a PaKeyPopover.
   */
  signals[SIGNAL_KEY_ACTIVATED] =
    g_signal_new_class_handler ("key-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                G_CALLBACK (pa_phone_face_real_key_activated),
                                NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * PaPhoneFace::drop-done:
   * @surface: the target's surface
   * @index: the target key
   *
   * A drop (or a keyboard move) changed the document.
   */
  signals[SIGNAL_DROP_DONE] =
    g_signal_new ("drop-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  pa_phone_face_class_init_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "pa-phone-face");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pa_phone_face_init (PaPhoneFace *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Phone keys"), -1);
}

GtkWidget *
pa_phone_face_new (void)
{
  return g_object_new (PA_TYPE_PHONE_FACE, NULL);
}
