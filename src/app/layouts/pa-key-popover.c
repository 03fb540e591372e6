/* pa-key-popover.c — asks for a key's value, label and line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#define G_LOG_DOMAIN "pa-key-popover"

#include <glib/gi18n.h>

#include "pa-key-popover.h"

/* The types a user can give a key, in the dropdown's order. */
static const PaKeyType assignable_types[] = {
  PA_KEY_LINE, PA_KEY_BLF, PA_KEY_SPEED_DIAL, PA_KEY_FEATURE_CODE,
  PA_KEY_PARK, PA_KEY_PARK_RETRIEVE, PA_KEY_CONFERENCE, PA_KEY_CUSTOM,
};

struct _PaKeyPopover
{
  GtkPopover        parent_instance;

  PaLayoutDocument *document;
  PaKeySlot         slot;
  PaKeyType         type;
  guint             n_lines;

  GtkLabel         *title_label;
  GtkDropDown      *type_dropdown;
  GtkWidget        *value_title;
  GtkEntry         *value_entry;
  GtkEntry         *label_entry;
  GtkDropDown      *line_dropdown;
  GtkLabel         *hint_label;
};

G_DEFINE_FINAL_TYPE (PaKeyPopover, pa_key_popover, GTK_TYPE_POPOVER)

static guint
type_position (PaKeyType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (assignable_types); i++)
    if (assignable_types[i] == type)
      return i;
  return 0;
}

/* What the value means for each type, so the one field can serve them all. */
static void
describe_value (PaKeyType    type,
                const char **placeholder,
                const char **hint,
                gboolean    *shown)
{
  *shown = TRUE;
  *placeholder = "";
  *hint = "";
  switch (type)
    {
    case PA_KEY_LINE:
      *shown = FALSE;
      *hint = _("Shows and answers calls of the chosen line.");
      break;
    case PA_KEY_BLF:
      *placeholder = _("Extension, such as 202");
      *hint = _("Lights up while that extension is busy; pressing it calls or picks up.");
      break;
    case PA_KEY_SPEED_DIAL:
      *placeholder = _("Number to dial");
      *hint = _("Dials the number in one press.");
      break;
    case PA_KEY_FEATURE_CODE:
      *placeholder = _("Code, such as *72");
      *hint = _("Dials a feature code of the PBX.");
      break;
    case PA_KEY_PARK:
      *placeholder = _("Park orbit or extension");
      *hint = _("Parks the current call.");
      break;
    case PA_KEY_PARK_RETRIEVE:
      *placeholder = _("Park orbit (optional)");
      *hint = _("Picks up a parked call.");
      break;
    case PA_KEY_CONFERENCE:
      *shown = FALSE;
      *hint = _("Joins the calls into a conference.");
      break;
    case PA_KEY_CUSTOM:
      *placeholder = _("Value the phone expects");
      *hint = _("A vendor-specific function.");
      break;
    case PA_KEY_EMPTY:
    default:
      break;
    }
}

static gboolean
fields_acceptable (PaKeyPopover *self)
{
  const char *value = gtk_editable_get_text (GTK_EDITABLE (self->value_entry));

  if (pa_key_type_needs_value (self->type))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (value));

      return *stripped != '\0';
    }
  return TRUE;
}

static void
fields_changed_cb (PaKeyPopover *self)
{
  gboolean ok = fields_acceptable (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "key-popover.apply", ok);
  if (ok || gtk_editable_get_text (GTK_EDITABLE (self->value_entry))[0] == '\0')
    gtk_widget_remove_css_class (GTK_WIDGET (self->value_entry), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->value_entry), "error");
}

static void
sync_type (PaKeyPopover *self)
{
  const char *placeholder, *hint;
  gboolean shown;

  describe_value (self->type, &placeholder, &hint, &shown);
  gtk_entry_set_placeholder_text (self->value_entry, placeholder);
  gtk_widget_set_visible (GTK_WIDGET (self->value_entry), shown);
  gtk_widget_set_visible (self->value_title, shown);
  gtk_label_set_text (self->hint_label, hint);
  if (gtk_drop_down_get_selected (self->type_dropdown) != type_position (self->type))
    gtk_drop_down_set_selected (self->type_dropdown, type_position (self->type));
  fields_changed_cb (self);
}

static void
type_selected_cb (PaKeyPopover *self)
{
  guint pos = gtk_drop_down_get_selected (self->type_dropdown);

  if (pos < G_N_ELEMENTS (assignable_types) && assignable_types[pos] != self->type)
    {
      self->type = assignable_types[pos];
      sync_type (self);
    }
}

gboolean
pa_key_popover_apply (PaKeyPopover *self)
{
  g_autofree char *value = NULL;
  g_autofree char *label = NULL;
  guint line;

  g_return_val_if_fail (PA_IS_KEY_POPOVER (self), FALSE);

  if (!fields_acceptable (self))
    return FALSE;

  value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->value_entry))));
  label = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->label_entry))));
  line = gtk_drop_down_get_selected (self->line_dropdown) + 1;
  if (line == 0 || line > self->n_lines)
    line = 1;

  /* A hidden value field means the type has none: do not keep a stale one. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->value_entry)))
    g_clear_pointer (&value, g_free);

  pa_layout_document_set_key (self->document, self->slot, self->type,
                              value != NULL && *value != '\0' ? value : NULL,
                              *label != '\0' ? label : NULL,
                              line);
  gtk_popover_popdown (GTK_POPOVER (self));
  return TRUE;
}

static void
apply_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  pa_key_popover_apply (PA_KEY_POPOVER (widget));
}

static void
entry_activate_cb (GtkEntry     *entry,
                   PaKeyPopover *self)
{
  if (!pa_key_popover_apply (self))
    gtk_widget_error_bell (GTK_WIDGET (entry));
}

PaKeySlot
pa_key_popover_get_slot (PaKeyPopover *self)
{
  g_return_val_if_fail (PA_IS_KEY_POPOVER (self), PA_KEY_SLOT_INIT (0, 0));
  return self->slot;
}

PaKeyType
pa_key_popover_get_key_type (PaKeyPopover *self)
{
  g_return_val_if_fail (PA_IS_KEY_POPOVER (self), PA_KEY_EMPTY);
  return self->type;
}

void
pa_key_popover_set_key_type (PaKeyPopover *self,
                             PaKeyType     type)
{
  g_return_if_fail (PA_IS_KEY_POPOVER (self));
  g_return_if_fail (type != PA_KEY_EMPTY);

  self->type = type;
  sync_type (self);
}

void
pa_key_popover_set_value (PaKeyPopover *self,
                          const char   *value)
{
  g_return_if_fail (PA_IS_KEY_POPOVER (self));
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), value != NULL ? value : "");
}

void
pa_key_popover_set_label (PaKeyPopover *self,
                          const char   *label)
{
  g_return_if_fail (PA_IS_KEY_POPOVER (self));
  gtk_editable_set_text (GTK_EDITABLE (self->label_entry), label != NULL ? label : "");
}

void
pa_key_popover_set_line (PaKeyPopover *self,
                         guint         line)
{
  g_return_if_fail (PA_IS_KEY_POPOVER (self));
  if (line >= 1 && line <= self->n_lines)
    gtk_drop_down_set_selected (self->line_dropdown, line - 1);
}

static void
pa_key_popover_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PA_TYPE_KEY_POPOVER);
  G_OBJECT_CLASS (pa_key_popover_parent_class)->dispose (object);
}

static void
pa_key_popover_finalize (GObject *object)
{
  PaKeyPopover *self = PA_KEY_POPOVER (object);

  g_clear_object (&self->document);
  G_OBJECT_CLASS (pa_key_popover_parent_class)->finalize (object);
}

static void
pa_key_popover_class_init (PaKeyPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_key_popover_dispose;
  object_class->finalize = pa_key_popover_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/layouts/pa-key-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, PaKeyPopover, title_label);
  gtk_widget_class_bind_template_child (widget_class, PaKeyPopover, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaKeyPopover, value_title);
  gtk_widget_class_bind_template_child (widget_class, PaKeyPopover, value_entry);
  gtk_widget_class_bind_template_child (widget_class, PaKeyPopover, label_entry);
  gtk_widget_class_bind_template_child (widget_class, PaKeyPopover, line_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaKeyPopover, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);

  gtk_widget_class_install_action (widget_class, "key-popover.apply", NULL, apply_action_cb);
}

static void
pa_key_popover_init (PaKeyPopover *self)
{
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (assignable_types); i++)
    gtk_string_list_append (types, pa_key_type_get_title (assignable_types[i]));
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (types));
  g_signal_connect_swapped (self->type_dropdown, "notify::selected",
                            G_CALLBACK (type_selected_cb), self);
  self->type = PA_KEY_LINE;
}

GtkWidget *
pa_key_popover_new (PaLayoutDocument *doc,
                    PaKeySlot         slot,
                    PaKeyType         type)
{
  PaKeyPopover *self;
  PaKey *key;
  PaDeviceModel *model;
  g_autoptr(GtkStringList) lines = gtk_string_list_new (NULL);
  g_autofree char *title = NULL;

  g_return_val_if_fail (PA_IS_LAYOUT_DOCUMENT (doc), NULL);

  self = g_object_new (PA_TYPE_KEY_POPOVER, NULL);
  self->document = g_object_ref (doc);
  self->slot = slot;

  model = pa_layout_document_get_model (doc);
  self->n_lines = MAX (1, model != NULL ? pa_device_model_get_sip_accounts (model) : 1);
  for (guint i = 1; i <= self->n_lines; i++)
    {
      g_autofree char *name = g_strdup_printf (_("Line %u"), i);

      gtk_string_list_append (lines, name);
    }
  gtk_drop_down_set_model (self->line_dropdown, G_LIST_MODEL (lines));

  if (slot.surface == 0)
    title = g_strdup_printf (_("Key %u"), slot.index);
  else
    title = g_strdup_printf (_("Sidecar %u, Key %u"), slot.surface, slot.index);
  gtk_label_set_text (self->title_label, title);

  key = pa_layout_document_get_key (doc, slot);
  if (key != NULL)
    {
      /* A new type keeps the line but not a value meant for another type. */
      if (type == PA_KEY_EMPTY || type == pa_key_get_key_type (key))
        {
          pa_key_popover_set_value (self, pa_key_get_value (key));
          pa_key_popover_set_label (self, pa_key_get_label (key));
          type = pa_key_get_key_type (key);
        }
      pa_key_popover_set_line (self, pa_key_get_line (key));
    }
  if (type == PA_KEY_EMPTY)
    type = PA_KEY_LINE;

  self->type = type;
  sync_type (self);
  return GTK_WIDGET (self);
}
