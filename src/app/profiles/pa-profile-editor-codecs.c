/* pa-profile-editor-codecs.c — the codecs a profile's phones offer, in
 * order of preference
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every codec the writers know is listed once; a ticked one is offered,
 * first ticked first. Moving is by buttons (Move Up, Move Down on each
 * row), so the keyboard does all of it; the focus stays on the codec
 * moved.
 */
#define G_LOG_DOMAIN "pa-profile-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-profile-editor-private.h"

static guint
position_of (PaProfileEditor *self,
             const char      *codec)
{
  for (guint i = 0; i < self->codec_order->len; i++)
    if (g_str_equal (g_ptr_array_index (self->codec_order, i), codec))
      return i;
  return G_MAXUINT;
}

static void
update_label (PaProfileEditor *self)
{
  g_auto(GStrv) codecs = pa_profile_editor_dup_codecs (self);
  g_autofree char *text = g_strjoinv (", ", codecs);

  gtk_label_set_text (self->codecs_label, codecs[0] != NULL ? text : _("None ticked"));
}

static void
toggled_cb (GtkCheckButton  *check,
            PaProfileEditor *self)
{
  const char *codec = g_object_get_data (G_OBJECT (check), "pa-codec");

  if (gtk_check_button_get_active (check))
    g_hash_table_add (self->codecs_used, g_strdup (codec));
  else
    g_hash_table_remove (self->codecs_used, codec);
  update_label (self);
  if (self->filling == 0)
    pa_profile_editor_changed (self);
}

static GtkWidget *
move_button_new (const char *codec,
                 gboolean    up,
                 gboolean    enabled)
{
  GtkWidget *button = gtk_button_new_from_icon_name (up ? "go-up-symbolic" : "go-down-symbolic");
  g_autofree char *name = NULL;

  /* Translators: a button's name for a screen reader, "Move G722 Up" */
  name = g_strdup_printf (up ? _("Move %s Up") : _("Move %s Down"), codec);
  gtk_widget_set_tooltip_text (button, up ? _("Prefer it over the one above")
                                          : _("Prefer the one below over it"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* The first cannot go up, the last not down: greyed, still in place
   * (an action would make it sensitive again). */
  if (enabled)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                      up ? "editor.codec-up" : "editor.codec-down");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", codec);
    }
  else
    gtk_widget_set_sensitive (button, FALSE);
  g_object_set_data (G_OBJECT (button), "pa-up", GINT_TO_POINTER (up));
  g_object_set_data_full (G_OBJECT (button), "pa-codec", g_strdup (codec), g_free);
  return button;
}

static void
rebuild (PaProfileEditor *self)
{
  GtkWidget *child;
  guint n = self->codec_order->len;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->codecs_list))) != NULL)
    gtk_list_box_remove (self->codecs_list, child);

  self->filling++;
  for (guint i = 0; i < n; i++)
    {
      const char *codec = g_ptr_array_index (self->codec_order, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *check = gtk_check_button_new_with_label (codec);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      /* A screen reader names the row too, not only what is in it. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, codec, -1);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 6);
      gtk_widget_set_margin_top (box, 6);
      gtk_widget_set_margin_bottom (box, 6);
      gtk_widget_set_hexpand (check, TRUE);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check),
                                   g_hash_table_contains (self->codecs_used, codec));
      g_object_set_data_full (G_OBJECT (check), "pa-codec", g_strdup (codec), g_free);
      g_signal_connect (check, "toggled", G_CALLBACK (toggled_cb), self);
      gtk_box_append (GTK_BOX (box), check);
      gtk_box_append (GTK_BOX (box), move_button_new (codec, TRUE, i > 0));
      gtk_box_append (GTK_BOX (box), move_button_new (codec, FALSE, i + 1 < n));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->codecs_list, row);
    }
  self->filling--;
  update_label (self);
}

void
pa_profile_editor_set_codecs (PaProfileEditor    *self,
                              const char * const *codecs)
{
  const char * const *known = pa_profile_known_codecs ();

  g_ptr_array_set_size (self->codec_order, 0);
  g_hash_table_remove_all (self->codecs_used);
  for (guint i = 0; codecs != NULL && codecs[i] != NULL; i++)
    if (position_of (self, codecs[i]) == G_MAXUINT)
      {
        g_ptr_array_add (self->codec_order, g_strdup (codecs[i]));
        g_hash_table_add (self->codecs_used, g_strdup (codecs[i]));
      }
  for (guint i = 0; known[i] != NULL; i++)
    if (position_of (self, known[i]) == G_MAXUINT)
      g_ptr_array_add (self->codec_order, g_strdup (known[i]));
  rebuild (self);
}

GStrv
pa_profile_editor_dup_codecs (PaProfileEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->codec_order->len; i++)
    if (g_hash_table_contains (self->codecs_used, g_ptr_array_index (self->codec_order, i)))
      g_strv_builder_add (builder, g_ptr_array_index (self->codec_order, i));
  return g_strv_builder_end (builder);
}

/* The button of @codec that moves it @up (or down), in the rebuilt list. */
static GtkWidget *
find_button (PaProfileEditor *self,
             const char      *codec,
             gboolean         up)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->codecs_list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *box = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      for (GtkWidget *w = box != NULL ? gtk_widget_get_first_child (box) : NULL; w != NULL;
           w = gtk_widget_get_next_sibling (w))
        if (GTK_IS_BUTTON (w) && GPOINTER_TO_INT (g_object_get_data (G_OBJECT (w), "pa-up")) == up
            && g_strcmp0 (g_object_get_data (G_OBJECT (w), "pa-codec"), codec) == 0)
          return w;
    }
  return NULL;
}

static void
move_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PaProfileEditor *self = PA_PROFILE_EDITOR (widget);
  const char *codec = g_variant_get_string (parameter, NULL);
  gboolean up = g_str_equal (action_name, "editor.codec-up");
  guint from = position_of (self, codec);
  guint to;
  GtkWidget *focus;
  gpointer moved;

  if (from == G_MAXUINT || (up && from == 0) || (!up && from + 1 >= self->codec_order->len))
    return;
  to = up ? from - 1 : from + 1;
  moved = g_ptr_array_steal_index (self->codec_order, from);
  g_ptr_array_insert (self->codec_order, to, moved);
  rebuild (self);

  /* The keyboard stays with the codec: on the same button, or the other
   * one once it reached an end. */
  focus = find_button (self, codec, up);
  if (focus == NULL || !gtk_widget_get_sensitive (focus))
    focus = find_button (self, codec, !up);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
  pa_profile_editor_changed (self);
}

void
pa_profile_editor_codecs_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.codec-up", "s", move_cb);
  gtk_widget_class_install_action (widget_class, "editor.codec-down", "s", move_cb);
}
