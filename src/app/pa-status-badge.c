/* pa-status-badge.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-status-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-status-badge.h"

struct _PaStatusBadge
{
  GtkWidget     parent_instance;

  GtkWidget    *label;
  PaBadgeStyle  style;
};

G_DEFINE_FINAL_TYPE (PaStatusBadge, pa_status_badge, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LABEL,
  PROP_STYLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const style_classes[] = {
  [PA_BADGE_STYLE_NEUTRAL] = "neutral",
  [PA_BADGE_STYLE_ACCENT] = "accent",
  [PA_BADGE_STYLE_SUCCESS] = "success",
  [PA_BADGE_STYLE_WARNING] = "warning",
  [PA_BADGE_STYLE_ERROR] = "error",
  [PA_BADGE_STYLE_DIM] = "dim",
};

/* The badge carries its own look so it renders the same in the app, in a
 * page test and in a screenshot, without depending on the app's stylesheet. */
static const char badge_css[] =
  "pa-status-badge { border-radius: 999px; padding: 1px 9px;"
  "  font-size: smaller; font-weight: bold; }"
  "pa-status-badge.neutral { background-color: alpha(currentColor, 0.12); }"
  "pa-status-badge.accent { background-color: @accent_bg_color; color: @accent_fg_color; }"
  "pa-status-badge.success { background-color: @success_bg_color; color: @success_fg_color; }"
  "pa-status-badge.warning { background-color: @warning_bg_color; color: @warning_fg_color; }"
  "pa-status-badge.error { background-color: @error_bg_color; color: @error_fg_color; }"
  "pa-status-badge.dim { box-shadow: inset 0 0 0 1px alpha(currentColor, 0.35); opacity: 0.75; }";

static void
ensure_css (GdkDisplay *display)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "pa-status-badge-css") != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, badge_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "pa-status-badge-css",
                          g_steal_pointer (&provider), g_object_unref);
}

static void
pa_status_badge_dispose (GObject *object)
{
  PaStatusBadge *self = PA_STATUS_BADGE (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (pa_status_badge_parent_class)->dispose (object);
}

static void
pa_status_badge_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PaStatusBadge *self = PA_STATUS_BADGE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, pa_status_badge_get_label (self));
      break;
    case PROP_STYLE:
      g_value_set_int (value, self->style);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_status_badge_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PaStatusBadge *self = PA_STATUS_BADGE (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      pa_status_badge_set_label (self, g_value_get_string (value));
      break;
    case PROP_STYLE:
      pa_status_badge_set_style (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_status_badge_class_init (PaStatusBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_status_badge_dispose;
  object_class->get_property = pa_status_badge_get_property;
  object_class->set_property = pa_status_badge_set_property;

  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STYLE] =
    g_param_spec_int ("style", NULL, NULL, PA_BADGE_STYLE_NEUTRAL, PA_BADGE_STYLE_DIM,
                      PA_BADGE_STYLE_NEUTRAL,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "pa-status-badge");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
pa_status_badge_init (PaStatusBadge *self)
{
  ensure_css (gtk_widget_get_display (GTK_WIDGET (self)));

  /* Never ellipsized: "Provision…" reads as a different word. */
  self->label = gtk_label_new ("");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self), style_classes[self->style]);
}

GtkWidget *
pa_status_badge_new (void)
{
  return g_object_new (PA_TYPE_STATUS_BADGE, NULL);
}

const char *
pa_status_badge_get_label (PaStatusBadge *self)
{
  g_return_val_if_fail (PA_IS_STATUS_BADGE (self), NULL);

  return gtk_label_get_label (GTK_LABEL (self->label));
}

void
pa_status_badge_set_label (PaStatusBadge *self,
                           const char    *label)
{
  g_return_if_fail (PA_IS_STATUS_BADGE (self));

  if (g_strcmp0 (label ? label : "", pa_status_badge_get_label (self)) == 0)
    return;

  gtk_label_set_label (GTK_LABEL (self->label), label ? label : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label ? label : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

PaBadgeStyle
pa_status_badge_get_style (PaStatusBadge *self)
{
  g_return_val_if_fail (PA_IS_STATUS_BADGE (self), PA_BADGE_STYLE_NEUTRAL);

  return self->style;
}

void
pa_status_badge_set_style (PaStatusBadge *self,
                           PaBadgeStyle   style)
{
  g_return_if_fail (PA_IS_STATUS_BADGE (self));
  g_return_if_fail (style <= PA_BADGE_STYLE_DIM);

  if (self->style == style)
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self), style_classes[self->style]);
  self->style = style;
  gtk_widget_add_css_class (GTK_WIDGET (self), style_classes[self->style]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STYLE]);
}

const char *
pa_phone_status_to_label (PaPhoneStatus status)
{
  switch (status)
    {
    case PA_PHONE_STATUS_PENDING:
      return _("Pending");
    case PA_PHONE_STATUS_PROVISIONING:
      return _("Provisioning");
    case PA_PHONE_STATUS_REGISTERED:
      return _("Registered");
    case PA_PHONE_STATUS_ONLINE:
      return _("Online");
    case PA_PHONE_STATUS_OFFLINE:
      return _("Offline");
    case PA_PHONE_STATUS_DISABLED:
      return _("Disabled");
    default:
      return _("Unknown");
    }
}

PaBadgeStyle
pa_phone_status_to_style (PaPhoneStatus status)
{
  switch (status)
    {
    case PA_PHONE_STATUS_PROVISIONING:
      return PA_BADGE_STYLE_WARNING;
    case PA_PHONE_STATUS_REGISTERED:
      return PA_BADGE_STYLE_ACCENT;
    case PA_PHONE_STATUS_ONLINE:
      return PA_BADGE_STYLE_SUCCESS;
    case PA_PHONE_STATUS_OFFLINE:
      return PA_BADGE_STYLE_ERROR;
    case PA_PHONE_STATUS_DISABLED:
      return PA_BADGE_STYLE_DIM;
    case PA_PHONE_STATUS_PENDING:
    default:
      return PA_BADGE_STYLE_NEUTRAL;
    }
}

void
pa_status_badge_set_phone_status (PaStatusBadge *self,
                                  PaPhoneStatus  status)
{
  pa_status_badge_set_label (self, pa_phone_status_to_label (status));
  pa_status_badge_set_style (self, pa_phone_status_to_style (status));
}
