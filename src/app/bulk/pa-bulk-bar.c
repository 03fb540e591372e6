/* pa-bulk-bar.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HIG's selection bar: what is selected at the start, what can be
 * done with it at the end. The actions come from the table in
 * pa-bulk-actions.c: the common ones are buttons, the rest are in a menu.
 * A squeezer holds the buttons in as many rows as there are counts of
 * them (all, all but the last, …, none) and shows the fullest that fits;
 * those that do not fit join the menu. So nothing is cut off, and the bar
 * never makes the window wider than it is (the sidebar would fold away).
 */
#define G_LOG_DOMAIN "pa-bulk"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-bulk-actions.h"
#include "pa-bulk-bar.h"

struct _PaBulkBar
{
  AdwBin        parent_instance;

  GtkActionBar *action_bar;
  GtkLabel     *summary_label;
  GtkWidget    *select_all_button;
  GtkWidget    *menu_button;
  AdwSqueezer  *squeezer;

  guint         n_selected;
  guint         n_matching;
  guint         n_shown;   /* the bar's actions shown as buttons; the rest are in the menu */
};

#define ACTION_KEY "pa-bulk-action"
#define COUNT_KEY  "pa-bulk-count"

G_DEFINE_FINAL_TYPE (PaBulkBar, pa_bulk_bar, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_N_SELECTED,
  PROP_N_MATCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (PaBulkBar *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *select_all = NULL;

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u phone selected",
                                          "%u phones selected", self->n_selected),
                             self->n_selected);
  gtk_label_set_label (self->summary_label, summary);
  /* TRANSLATORS: selects every phone the search shows, "Select All 120" */
  select_all = g_strdup_printf (_("Select _All %u"), self->n_matching);
  gtk_button_set_label (GTK_BUTTON (self->select_all_button), select_all);
  gtk_widget_set_visible (self->select_all_button, self->n_selected < self->n_matching);
  gtk_action_bar_set_revealed (self->action_bar, self->n_selected > 1);
}

/* The menu: the bar's actions that are not buttons now, then the others,
 * data changes apart from what is told to the phones. */
static void
update_menu (PaBulkBar *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) squeezed = g_menu_new ();
  g_autoptr(GMenu) data = g_menu_new ();
  g_autoptr(GMenu) devices = g_menu_new ();
  guint n = 0, bar_index = 0;
  const PaBulkAction *actions = pa_bulk_actions_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      const PaBulkAction *action = &actions[i];
      g_autoptr(GMenuItem) item = NULL;
      GMenu *section;

      if (action->in_bar && bar_index++ < self->n_shown)
        continue;
      section = action->in_bar ? squeezed : action->kind == PA_BULK_DEVICE ? devices : data;
      item = g_menu_item_new (_(action->label), NULL);
      g_menu_item_set_action_and_target_value (item, "bulk.run", g_variant_new_string (action->id));
      g_menu_append_item (section, item);
    }
  if (g_menu_model_get_n_items (G_MENU_MODEL (squeezed)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (squeezed));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (data));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (devices));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), G_MENU_MODEL (menu));
}

static void
squeezed_cb (PaBulkBar *self)
{
  GtkWidget *shown = adw_squeezer_get_visible_child (self->squeezer);
  guint n_shown = shown != NULL ? GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (shown), COUNT_KEY))
                                : 0;

  if (n_shown == self->n_shown)
    return;
  self->n_shown = n_shown;
  update_menu (self);
}

static GtkWidget *
button_new (const PaBulkAction *action)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (_(action->label));

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "bulk.run");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                          g_variant_new_string (action->id));
  gtk_widget_set_tooltip_text (button, _(action->tooltip));
  if (action->kind == PA_BULK_DELETE)
    gtk_widget_add_css_class (button, "destructive-action");
  g_object_set_data (G_OBJECT (button), ACTION_KEY, (gpointer) action->id);
  return button;
}

static void
add_actions (PaBulkBar *self)
{
  guint n = 0, n_bar = 0;
  const PaBulkAction *actions = pa_bulk_actions_get_all (&n);

  for (guint i = 0; i < n; i++)
    n_bar += actions[i].in_bar ? 1 : 0;
  /* All of them first: the squeezer shows the first child that fits. */
  for (guint count = n_bar + 1; count-- > 0;)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      guint added = 0;

      /* The squeezer is as wide as its widest child that fits: the
       * buttons keep to its end, beside the menu. */
      gtk_widget_set_halign (box, GTK_ALIGN_END);

      for (guint i = 0; i < n && added < count; i++)
        if (actions[i].in_bar)
          {
            gtk_box_append (GTK_BOX (box), button_new (&actions[i]));
            added++;
          }
      g_object_set_data (G_OBJECT (box), COUNT_KEY, GUINT_TO_POINTER (count));
      adw_squeezer_add (self->squeezer, box);
    }
  self->n_shown = G_MAXUINT;
  g_signal_connect_swapped (self->squeezer, "notify::visible-child", G_CALLBACK (squeezed_cb),
                            self);
  squeezed_cb (self);
}

/* ---- public --------------------------------------------------------- */

GtkWidget *
pa_bulk_bar_new (void)
{
  return g_object_new (PA_TYPE_BULK_BAR, NULL);
}

guint
pa_bulk_bar_get_n_selected (PaBulkBar *self)
{
  g_return_val_if_fail (PA_IS_BULK_BAR (self), 0);
  return self->n_selected;
}

void
pa_bulk_bar_set_n_selected (PaBulkBar *self,
                            guint      n_selected)
{
  g_return_if_fail (PA_IS_BULK_BAR (self));

  if (self->n_selected == n_selected)
    return;
  self->n_selected = n_selected;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SELECTED]);
}

guint
pa_bulk_bar_get_n_matching (PaBulkBar *self)
{
  g_return_val_if_fail (PA_IS_BULK_BAR (self), 0);
  return self->n_matching;
}

void
pa_bulk_bar_set_n_matching (PaBulkBar *self,
                            guint      n_matching)
{
  g_return_if_fail (PA_IS_BULK_BAR (self));

  if (self->n_matching == n_matching)
    return;
  self->n_matching = n_matching;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHING]);
}

gboolean
pa_bulk_bar_get_revealed (PaBulkBar *self)
{
  g_return_val_if_fail (PA_IS_BULK_BAR (self), FALSE);
  return gtk_action_bar_get_revealed (self->action_bar);
}

GtkWidget *
pa_bulk_bar_get_button (PaBulkBar  *self,
                        const char *action_id)
{
  GtkWidget *shown;

  g_return_val_if_fail (PA_IS_BULK_BAR (self), NULL);

  shown = adw_squeezer_get_visible_child (self->squeezer);
  for (GtkWidget *button = shown != NULL ? gtk_widget_get_first_child (shown) : NULL;
       button != NULL; button = gtk_widget_get_next_sibling (button))
    if (g_strcmp0 (g_object_get_data (G_OBJECT (button), ACTION_KEY), action_id) == 0)
      return button;
  return NULL;
}

GtkWidget *
pa_bulk_bar_get_select_all (PaBulkBar *self)
{
  g_return_val_if_fail (PA_IS_BULK_BAR (self), NULL);
  return self->select_all_button;
}

GtkWidget *
pa_bulk_bar_get_menu_button (PaBulkBar *self)
{
  g_return_val_if_fail (PA_IS_BULK_BAR (self), NULL);
  return self->menu_button;
}

const char *
pa_bulk_bar_get_summary (PaBulkBar *self)
{
  g_return_val_if_fail (PA_IS_BULK_BAR (self), NULL);
  return gtk_label_get_label (self->summary_label);
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_bulk_bar_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PaBulkBar *self = PA_BULK_BAR (object);

  switch (prop_id)
    {
    case PROP_N_SELECTED:
      g_value_set_uint (value, self->n_selected);
      break;
    case PROP_N_MATCHING:
      g_value_set_uint (value, self->n_matching);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_bulk_bar_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  PaBulkBar *self = PA_BULK_BAR (object);

  switch (prop_id)
    {
    case PROP_N_SELECTED:
      pa_bulk_bar_set_n_selected (self, g_value_get_uint (value));
      break;
    case PROP_N_MATCHING:
      pa_bulk_bar_set_n_matching (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_bulk_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PA_TYPE_BULK_BAR);
  G_OBJECT_CLASS (pa_bulk_bar_parent_class)->dispose (object);
}

static void
pa_bulk_bar_class_init (PaBulkBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = pa_bulk_bar_get_property;
  object_class->set_property = pa_bulk_bar_set_property;
  object_class->dispose = pa_bulk_bar_dispose;

  properties[PROP_N_SELECTED] =
    g_param_spec_uint ("n-selected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_MATCHING] =
    g_param_spec_uint ("n-matching", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/bulk/pa-bulk-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, PaBulkBar, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PaBulkBar, select_all_button);
  gtk_widget_class_bind_template_child (widget_class, PaBulkBar, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PaBulkBar, squeezer);
}

static void
pa_bulk_bar_init (PaBulkBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The bin's own child: not a bound template child, which
   * gtk_widget_dispose_template() would unparent before AdwBin does. */
  self->action_bar = GTK_ACTION_BAR (adw_bin_get_child (ADW_BIN (self)));
  add_actions (self);
  update (self);
}
