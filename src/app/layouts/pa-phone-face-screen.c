/* pa-phone-face-screen.c — the phone's drawn screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "pa-phone-face"

#include "pa-phone-face-private.h"

/* The phone's screen asks for a screen-like natural width however little
 * text it shows; it still shrinks to its minimum like the keys do. */
#define SCREEN_NATURAL_WIDTH 200

#define PA_TYPE_FACE_SCREEN (pa_face_screen_get_type ())
G_DECLARE_FINAL_TYPE (PaFaceScreen, pa_face_screen, PA, FACE_SCREEN, GtkWidget)

struct _PaFaceScreen
{
  GtkWidget  parent_instance;
  GtkWidget *box;
};

G_DEFINE_FINAL_TYPE (PaFaceScreen, pa_face_screen, GTK_TYPE_WIDGET)

static void
pa_face_screen_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (PA_FACE_SCREEN (widget)->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*natural, MAX (*minimum, SCREEN_NATURAL_WIDTH));
}

static void
pa_face_screen_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  gtk_widget_allocate (PA_FACE_SCREEN (widget)->box, width, height, baseline, NULL);
}

static void
pa_face_screen_dispose (GObject *object)
{
  g_clear_pointer (&PA_FACE_SCREEN (object)->box, gtk_widget_unparent);
  G_OBJECT_CLASS (pa_face_screen_parent_class)->dispose (object);
}

static void
pa_face_screen_class_init (PaFaceScreenClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = pa_face_screen_dispose;
  GTK_WIDGET_CLASS (klass)->measure = pa_face_screen_measure;
  GTK_WIDGET_CLASS (klass)->size_allocate = pa_face_screen_size_allocate;
}

static void
pa_face_screen_init (PaFaceScreen *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}

GtkWidget *
pa_face_screen_new (const char  *title,
                    GtkWidget  **page_label)
{
  PaFaceScreen *screen = g_object_new (PA_TYPE_FACE_SCREEN, NULL);
  GtkWidget *label;

  gtk_widget_add_css_class (GTK_WIDGET (screen), "pa-phone-screen");
  gtk_widget_set_hexpand (GTK_WIDGET (screen), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (screen), GTK_ALIGN_FILL);

  label = gtk_label_new (title);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_widget_add_css_class (label, "pa-phone-screen-title");
  gtk_widget_set_vexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (screen->box), label);

  label = gtk_label_new (NULL);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), 4);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_vexpand (label, TRUE);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (screen->box), label);
  *page_label = label;

  return GTK_WIDGET (screen);
}
