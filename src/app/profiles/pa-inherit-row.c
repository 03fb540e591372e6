/* pa-inherit-row.c — a setting a profile sets itself or inherits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-inherit-row"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-inherit-row.h"

struct _PaInheritRow
{
  AdwActionRow parent_instance;

  GtkStack    *stack;
  GtkLabel    *value_label;
  AdwBin      *editor_bin;
  GtkWidget   *override_button;
  GtkWidget   *reset_button;

  char        *source;
  char        *blocker;   /* why Override is off; NULL: it is on */
  gboolean     own;
};

G_DEFINE_FINAL_TYPE (PaInheritRow, pa_inherit_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_OWN,
  PROP_EDITOR,
  PROP_VALUE,
  PROP_SOURCE,
  PROP_OVERRIDE_BLOCKER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OVERRIDE,
  SIGNAL_RESET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The buttons say what they act on: a screen reader meets many of them. */
static void
update_names (PaInheritRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  g_autofree char *override = NULL;
  g_autofree char *reset = NULL;
  GtkWidget *editor = adw_bin_get_child (self->editor_bin);

  if (title == NULL || title[0] == '\0')
    return;
  /* Translators: a button's name for a screen reader, "Override Time Zone" */
  override = g_strdup_printf (_("Override %s"), title);
  /* Translators: a button's name for a screen reader, "Reset Time Zone" */
  reset = g_strdup_printf (_("Reset %s"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->override_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, override, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->reset_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, reset, -1);
  if (editor != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (editor), GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                    -1);
}

static void
update_face (PaInheritRow *self)
{
  gboolean own = self->own;

  gtk_stack_set_visible_child_name (self->stack, own ? "own" : "inherited");
  gtk_widget_set_visible (self->override_button, !own);
  gtk_widget_set_visible (self->reset_button, own);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), own ? "" : self->source ? self->source : "");
  /* Off, it stays in place and says why (there is nothing to choose). */
  gtk_widget_set_tooltip_text (self->override_button,
                               self->blocker != NULL
                               ? self->blocker
                               : _("Set it in this profile, starting from the inherited value"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inherit.override",
                                 !own && self->blocker == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "inherit.reset", own);
}

static void
override_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaInheritRow *self = PA_INHERIT_ROW (widget);
  gboolean focus_moves = gtk_widget_has_focus (self->override_button);

  g_signal_emit (self, signals[SIGNAL_OVERRIDE], 0);
  /* The button pressed goes away: the keyboard goes on in what it opened. */
  if (focus_moves && self->own)
    {
      GtkWidget *editor = adw_bin_get_child (self->editor_bin);

      if (editor == NULL || !gtk_widget_grab_focus (editor))
        gtk_widget_grab_focus (self->reset_button);
    }
}

static void
reset_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PaInheritRow *self = PA_INHERIT_ROW (widget);
  gboolean focus_moves = gtk_widget_get_focus_child (widget) != NULL;

  g_signal_emit (self, signals[SIGNAL_RESET], 0);
  if (focus_moves && !self->own)
    {
      if (self->blocker != NULL || !gtk_widget_grab_focus (self->override_button))
        gtk_widget_grab_focus (widget);
    }
}

static void
pa_inherit_row_finalize (GObject *object)
{
  PaInheritRow *self = PA_INHERIT_ROW (object);

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->blocker, g_free);

  G_OBJECT_CLASS (pa_inherit_row_parent_class)->finalize (object);
}

static void
pa_inherit_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PA_TYPE_INHERIT_ROW);

  G_OBJECT_CLASS (pa_inherit_row_parent_class)->dispose (object);
}

static void
pa_inherit_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PaInheritRow *self = PA_INHERIT_ROW (object);

  switch (prop_id)
    {
    case PROP_OWN:
      g_value_set_boolean (value, self->own);
      break;
    case PROP_EDITOR:
      g_value_set_object (value, pa_inherit_row_get_editor (self));
      break;
    case PROP_VALUE:
      g_value_set_string (value, pa_inherit_row_get_value (self));
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_OVERRIDE_BLOCKER:
      g_value_set_string (value, self->blocker);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_inherit_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PaInheritRow *self = PA_INHERIT_ROW (object);

  switch (prop_id)
    {
    case PROP_OWN:
      pa_inherit_row_set_own (self, g_value_get_boolean (value));
      break;
    case PROP_EDITOR:
      pa_inherit_row_set_editor (self, g_value_get_object (value));
      break;
    case PROP_VALUE:
      pa_inherit_row_set_value (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      pa_inherit_row_set_source (self, g_value_get_string (value));
      break;
    case PROP_OVERRIDE_BLOCKER:
      pa_inherit_row_set_override_blocker (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_inherit_row_class_init (PaInheritRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = pa_inherit_row_dispose;
  object_class->finalize = pa_inherit_row_finalize;
  object_class->get_property = pa_inherit_row_get_property;
  object_class->set_property = pa_inherit_row_set_property;

  properties[PROP_OWN] = g_param_spec_boolean ("own", NULL, NULL, FALSE, flags);
  properties[PROP_EDITOR] = g_param_spec_object ("editor", NULL, NULL, GTK_TYPE_WIDGET, flags);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_OVERRIDE_BLOCKER] = g_param_spec_string ("override-blocker", NULL, NULL, NULL,
                                                          flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_OVERRIDE] =
    g_signal_new ("override", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_RESET] =
    g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/profiles/pa-inherit-row.ui");
  gtk_widget_class_bind_template_child (widget_class, PaInheritRow, stack);
  gtk_widget_class_bind_template_child (widget_class, PaInheritRow, value_label);
  gtk_widget_class_bind_template_child (widget_class, PaInheritRow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, PaInheritRow, override_button);
  gtk_widget_class_bind_template_child (widget_class, PaInheritRow, reset_button);

  gtk_widget_class_install_action (widget_class, "inherit.override", NULL, override_action_cb);
  gtk_widget_class_install_action (widget_class, "inherit.reset", NULL, reset_action_cb);
}

static void
pa_inherit_row_init (PaInheritRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_tooltip_text (self->reset_button, _("Inherit it again"));
  g_signal_connect (self, "notify::title", G_CALLBACK (update_names), NULL);
  update_face (self);
}

GtkWidget *
pa_inherit_row_new (void)
{
  return g_object_new (PA_TYPE_INHERIT_ROW, NULL);
}

gboolean
pa_inherit_row_get_own (PaInheritRow *self)
{
  g_return_val_if_fail (PA_IS_INHERIT_ROW (self), FALSE);
  return self->own;
}

void
pa_inherit_row_set_own (PaInheritRow *self,
                        gboolean      own)
{
  g_return_if_fail (PA_IS_INHERIT_ROW (self));

  own = !!own;
  if (self->own == own)
    return;
  self->own = own;
  update_face (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OWN]);
}

GtkWidget *
pa_inherit_row_get_editor (PaInheritRow *self)
{
  g_return_val_if_fail (PA_IS_INHERIT_ROW (self), NULL);
  return adw_bin_get_child (self->editor_bin);
}

void
pa_inherit_row_set_editor (PaInheritRow *self,
                           GtkWidget    *editor)
{
  g_return_if_fail (PA_IS_INHERIT_ROW (self));
  g_return_if_fail (editor == NULL || GTK_IS_WIDGET (editor));

  if (adw_bin_get_child (self->editor_bin) == editor)
    return;
  if (editor != NULL)
    gtk_widget_set_valign (editor, GTK_ALIGN_CENTER);
  adw_bin_set_child (self->editor_bin, editor);
  update_names (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EDITOR]);
}

const char *
pa_inherit_row_get_value (PaInheritRow *self)
{
  g_return_val_if_fail (PA_IS_INHERIT_ROW (self), NULL);
  return gtk_label_get_text (self->value_label);
}

void
pa_inherit_row_set_value (PaInheritRow *self,
                          const char   *value)
{
  g_return_if_fail (PA_IS_INHERIT_ROW (self));

  if (value == NULL)
    value = "—";
  if (g_strcmp0 (gtk_label_get_text (self->value_label), value) == 0)
    return;
  gtk_label_set_text (self->value_label, value);
  /* Cut short in a narrow window: the whole of it on hover. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->value_label), value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

const char *
pa_inherit_row_get_source (PaInheritRow *self)
{
  g_return_val_if_fail (PA_IS_INHERIT_ROW (self), NULL);
  return self->source;
}

void
pa_inherit_row_set_source (PaInheritRow *self,
                           const char   *source)
{
  g_return_if_fail (PA_IS_INHERIT_ROW (self));

  if (g_strcmp0 (self->source, source) == 0)
    return;
  g_free (self->source);
  self->source = g_strdup (source);
  update_face (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE]);
}

void
pa_inherit_row_set_override_blocker (PaInheritRow *self,
                                     const char   *blocker)
{
  g_return_if_fail (PA_IS_INHERIT_ROW (self));

  if (g_strcmp0 (self->blocker, blocker) == 0)
    return;
  g_free (self->blocker);
  self->blocker = g_strdup (blocker);
  update_face (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERRIDE_BLOCKER]);
}
