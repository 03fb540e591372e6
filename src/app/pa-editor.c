/* pa-editor.c — the editor windows' shared base
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-client.h"
#include "pa-editor.h"

typedef struct
{
  GCancellable *cancellable;
  guint         n_busy;
  char         *reason;     /* why Save is off; NULL: it is on */

  GtkBox       *box;
  GtkWidget    *body;
  GtkWidget    *cancel_button;
  GtkWidget    *save_button;
  GtkWidget    *spinner;
  GtkRevealer  *banner_revealer;
  GtkLabel     *banner_label;
  GtkWidget    *retry_button;
  GtkRevealer  *reason_revealer;
  GtkLabel     *reason_label;
} PaEditorPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (PaEditor, pa_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_BODY,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_dirty (PaEditor *self)
{
  PaEditorClass *klass = PA_EDITOR_GET_CLASS (self);

  return klass->is_dirty != NULL && klass->is_dirty (self);
}

void
pa_editor_update (PaEditor *self)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);
  PaEditorClass *klass = PA_EDITOR_GET_CLASS (self);
  g_autofree char *reason = NULL;

  g_return_if_fail (PA_IS_EDITOR (self));

  if (klass->check != NULL)
    reason = klass->check (self);
  g_free (priv->reason);
  priv->reason = g_strdup (reason);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 reason == NULL && priv->n_busy == 0);
  gtk_widget_set_tooltip_text (priv->save_button,
                               reason != NULL ? reason
                               : klass->save_tooltip != NULL ? _(klass->save_tooltip)
                               : _("Save (Ctrl+S)"));
  /* A fresh form is obviously incomplete; once the user has typed, a Save
   * that stays off says why where it can be seen, not only in a tooltip. */
  if (reason != NULL && is_dirty (self))
    {
      g_autofree char *line = g_strdup_printf (_("Cannot save yet: %s"), reason);

      gtk_label_set_text (priv->reason_label, line);
      gtk_revealer_set_reveal_child (priv->reason_revealer, TRUE);
    }
  else
    {
      gtk_revealer_set_reveal_child (priv->reason_revealer, FALSE);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->save_button),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  reason != NULL ? reason : "", -1);
}

const char *
pa_editor_get_reason (PaEditor *self)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  g_return_val_if_fail (PA_IS_EDITOR (self), NULL);
  return priv->reason;
}

GCancellable *
pa_editor_get_cancellable (PaEditor *self)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  g_return_val_if_fail (PA_IS_EDITOR (self), NULL);
  return priv->cancellable;
}

static void
set_busy (PaEditor *self,
          guint     n_busy)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);
  gboolean was_busy = priv->n_busy > 0;

  priv->n_busy = n_busy;
  if (was_busy == (n_busy > 0))
    return;
  gtk_widget_set_visible (priv->spinner, n_busy > 0);
  gtk_spinner_set_spinning (GTK_SPINNER (priv->spinner), n_busy > 0);
  pa_editor_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

void
pa_editor_begin_busy (PaEditor *self)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  g_return_if_fail (PA_IS_EDITOR (self));
  set_busy (self, priv->n_busy + 1);
}

void
pa_editor_end_busy (PaEditor *self)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  g_return_if_fail (PA_IS_EDITOR (self));
  g_return_if_fail (priv->n_busy > 0);
  set_busy (self, priv->n_busy - 1);
}

gboolean
pa_editor_get_busy (PaEditor *self)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  g_return_val_if_fail (PA_IS_EDITOR (self), FALSE);
  return priv->n_busy > 0;
}

void
pa_editor_show_banner (PaEditor   *self,
                       const char *message,
                       const char *detail,
                       gboolean    retry)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  g_return_if_fail (PA_IS_EDITOR (self));
  gtk_label_set_text (priv->banner_label, message);
  gtk_widget_set_tooltip_text (GTK_WIDGET (priv->banner_label), detail);
  gtk_widget_set_visible (priv->retry_button, retry);
  gtk_revealer_set_reveal_child (priv->banner_revealer, TRUE);
}

void
pa_editor_show_error (PaEditor     *self,
                      const char   *what,
                      const GError *error)
{
  g_autofree char *message = NULL;

  g_return_if_fail (PA_IS_EDITOR (self));
  if (g_error_matches (error, PA_CLIENT_ERROR, PA_CLIENT_ERROR_UNREACHABLE))
    message = g_strdup_printf (_("%s: the server cannot be reached (%s). Nothing was changed; "
                                 "your entries are still here."), what, error->message);
  else
    message = g_strdup_printf ("%s: %s", what, error->message);
  pa_editor_show_banner (self, message, NULL, FALSE);
}

void
pa_editor_hide_banner (PaEditor *self)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  g_return_if_fail (PA_IS_EDITOR (self));
  gtk_revealer_set_reveal_child (priv->banner_revealer, FALSE);
}

void
pa_editor_finish (PaEditor *self)
{
  g_return_if_fail (PA_IS_EDITOR (self));
  pa_confirm_discard_done (GTK_WINDOW (self));
  gtk_window_close (GTK_WINDOW (self));
}

/* ------------------------------------------------------------------ */

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PaEditor *self = PA_EDITOR (widget);
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  pa_editor_update (self);
  if (priv->reason != NULL || priv->n_busy > 0)
    return;
  pa_editor_hide_banner (self);
  PA_EDITOR_GET_CLASS (self)->save (self);
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static gboolean
pa_editor_close_request (GtkWindow *window)
{
  PaEditor *self = PA_EDITOR (window);
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);
  const char *body = PA_EDITOR_GET_CLASS (self)->discard_body;

  if (pa_confirm_discard (window, is_dirty (self),
                          body != NULL ? _(body) : _("The changes have not been saved.")))
    return TRUE;
  g_cancellable_cancel (priv->cancellable);
  return GTK_WINDOW_CLASS (pa_editor_parent_class)->close_request (window);
}

static void
set_body (PaEditor  *self,
          GtkWidget *body)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  if (priv->body == body)
    return;
  if (priv->body != NULL)
    gtk_box_remove (priv->box, priv->body);
  priv->body = body;
  if (body != NULL)
    {
      gtk_widget_set_vexpand (body, TRUE);
      gtk_box_append (priv->box, body);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

static void
pa_editor_dispose (GObject *object)
{
  PaEditor *self = PA_EDITOR (object);
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  /* No gtk_widget_dispose_template() here: GTK 4.8's, run by the subclass
   * first, drops every class's template objects, so ours would find none.
   * The window's content goes with AdwWindow. */
  priv->body = NULL;

  G_OBJECT_CLASS (pa_editor_parent_class)->dispose (object);
}

static void
pa_editor_finalize (GObject *object)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (PA_EDITOR (object));

  g_clear_object (&priv->cancellable);
  g_clear_pointer (&priv->reason, g_free);

  G_OBJECT_CLASS (pa_editor_parent_class)->finalize (object);
}

static void
pa_editor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PaEditor *self = PA_EDITOR (object);
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_BODY:
      g_value_set_object (value, priv->body);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, priv->n_busy > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_editor_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_BODY:
      set_body (PA_EDITOR (object), g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_editor_class_init (PaEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = pa_editor_dispose;
  object_class->finalize = pa_editor_finalize;
  object_class->get_property = pa_editor_get_property;
  object_class->set_property = pa_editor_set_property;
  window_class->close_request = pa_editor_close_request;

  properties[PROP_BODY] =
    g_param_spec_object ("body", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/pa-editor.ui");
  gtk_widget_class_bind_template_child_private (widget_class, PaEditor, box);
  gtk_widget_class_bind_template_child_private (widget_class, PaEditor, cancel_button);
  gtk_widget_class_bind_template_child_private (widget_class, PaEditor, save_button);
  gtk_widget_class_bind_template_child_private (widget_class, PaEditor, spinner);
  gtk_widget_class_bind_template_child_private (widget_class, PaEditor, banner_revealer);
  gtk_widget_class_bind_template_child_private (widget_class, PaEditor, banner_label);
  gtk_widget_class_bind_template_child_private (widget_class, PaEditor, retry_button);
  gtk_widget_class_bind_template_child_private (widget_class, PaEditor, reason_revealer);
  gtk_widget_class_bind_template_child_private (widget_class, PaEditor, reason_label);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "editor.cancel", NULL);
}

static void
pa_editor_init (PaEditor *self)
{
  PaEditorPrivate *priv = pa_editor_get_instance_private (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  priv->cancellable = g_cancellable_new ();
}
