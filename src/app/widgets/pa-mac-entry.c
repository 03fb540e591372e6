/* pa-mac-entry.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-mac-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-barcode.h"
#include "pa-catalog.h"
#include "pa-mac-entry.h"
#include "pa-mac-input.h"
#include "pa-mac.h"

struct _PaMacEntry
{
  GtkWidget      parent_instance;

  GtkWidget     *box;
  GtkWidget     *entry;
  GtkWidget     *vendor_label;
  GtkWidget     *image_button;
  GtkWidget     *message_label;
  GtkWidget     *choices_popover;
  GtkWidget     *choices_list;

  GtkEditable   *text;            /* the entry's GtkText, where keys land */

  char          *mac;
  char          *vendor_id;
  char          *error;
  char          *shown_message;   /* from pa_mac_entry_show_message() */
  char          *image_message;   /* why From Image… found no MAC; not about the text */
  PaPhone       *duplicate;
  PaRepository  *repository;
  GListModel    *phones;          /* the repository's, to recheck on changes */
  gint64         ignore_phone;
  gboolean       finished;        /* Enter or focus left: judge the text as complete */

  GtkFileChooserNative *chooser;
  GCancellable  *cancellable;
};

static void pa_mac_entry_editable_init (GtkEditableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PaMacEntry, pa_mac_entry, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_EDITABLE,
                                                      pa_mac_entry_editable_init))

enum {
  PROP_0,
  PROP_MAC,
  PROP_VENDOR_ID,
  PROP_VALID,
  PROP_ERROR,
  PROP_DUPLICATE,
  PROP_REPOSITORY,
  PROP_IGNORE_PHONE,
  PROP_SHOW_IMAGE_BUTTON,
  N_PROPS
};

enum {
  COMMITTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static GtkEditable *
pa_mac_entry_get_delegate (GtkEditable *editable)
{
  return GTK_EDITABLE (PA_MAC_ENTRY (editable)->entry);
}

static void
pa_mac_entry_editable_init (GtkEditableInterface *iface)
{
  iface->get_delegate = pa_mac_entry_get_delegate;
}

static gboolean
set_string (char      **field,
            const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* The vendor as soon as the OUI is typed, so the editor can pick the brand
 * before the last digits are in. */
static const char *
vendor_for_text (const char *text,
                 const char *mac)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autofree char *probe = NULL;
  PaVendor *vendor;

  if (mac == NULL)
    {
      for (const char *p = text; *p != '\0' && digits->len < 6; p++)
        {
          if (g_ascii_isxdigit (*p))
            g_string_append_c (digits, *p);
          else if (*p != ':' && *p != '-' && *p != '.' && !g_ascii_isspace (*p))
            return NULL;
        }
      if (digits->len < 6)
        return NULL;
      /* A unicast host part, only to ask the catalog about the OUI. */
      g_string_append (digits, "000001");
      probe = pa_mac_normalize (digits->str, NULL);
      if (probe == NULL)
        return NULL;
      mac = probe;
    }

  vendor = pa_catalog_vendor_for_mac (pa_catalog_get_default (), mac);
  return vendor != NULL ? pa_vendor_get_id (vendor) : NULL;
}

static void
update_message (PaMacEntry *self)
{
  const char *message = self->shown_message != NULL ? self->shown_message : self->error;
  gboolean is_error = self->duplicate == NULL || self->shown_message != NULL;

  gtk_label_set_label (GTK_LABEL (self->message_label),
                       message != NULL ? message : self->image_message);
  gtk_widget_set_visible (self->message_label, message != NULL || self->image_message != NULL);

  gtk_widget_remove_css_class (self->entry, "error");
  gtk_widget_remove_css_class (self->entry, "warning");
  gtk_widget_remove_css_class (self->message_label, "error");
  gtk_widget_remove_css_class (self->message_label, "warning");
  if (message == NULL && self->image_message != NULL)
    {
      /* The image had no MAC; the text in the field is still as good as
       * it was, so the field is not marked. */
      gtk_widget_add_css_class (self->message_label, "warning");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->image_message,
                                      -1);
    }
  else if (message != NULL)
    {
      const char *style = is_error ? "error" : "warning";

      gtk_widget_add_css_class (self->entry, style);
      gtk_widget_add_css_class (self->message_label, style);
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->entry),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_accessible_reset_state (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->entry),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
refresh_state (PaMacEntry *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *mac = NULL;
  g_autofree char *message = NULL;
  g_autofree char *error = NULL;
  gboolean was_valid = self->mac != NULL;
  PaPhone *duplicate = NULL;
  PaMacInputState state;
  const char *vendor_id = NULL;

  state = pa_mac_input_check (text, self->finished, &mac, &message);

  if (state == PA_MAC_INPUT_VALID && self->repository != NULL)
    {
      duplicate = pa_repository_find_phone_by_mac (self->repository, mac);
      if (duplicate != NULL && self->ignore_phone != 0
          && pa_resource_get_id (PA_RESOURCE (duplicate)) == self->ignore_phone)
        duplicate = NULL;
    }

  if (state == PA_MAC_INPUT_INVALID)
    error = g_steal_pointer (&message);
  else if (duplicate != NULL)
    error = pa_mac_input_duplicate_message (pa_phone_get_name (duplicate));

  if (state == PA_MAC_INPUT_VALID || state == PA_MAC_INPUT_PARTIAL)
    vendor_id = vendor_for_text (text, mac);

  g_object_freeze_notify (G_OBJECT (self));

  if (set_string (&self->mac, mac))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAC]);
  if (was_valid != (self->mac != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
  if (set_string (&self->vendor_id, vendor_id))
    {
      PaVendor *vendor = vendor_id != NULL
                         ? pa_catalog_get_vendor (pa_catalog_get_default (), vendor_id)
                         : NULL;

      gtk_label_set_label (GTK_LABEL (self->vendor_label),
                           vendor != NULL ? pa_vendor_get_name (vendor) : NULL);
      gtk_widget_set_visible (self->vendor_label, vendor != NULL);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VENDOR_ID]);
    }
  if (g_set_object (&self->duplicate, duplicate))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUPLICATE]);
  if (set_string (&self->error, self->shown_message != NULL ? self->shown_message : error))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);

  update_message (self);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Rewrites what is inserted (typed, pasted, scanned) into the shown
 * spelling. The usual GTK filter: stop the insertion and put in the whole
 * text ourselves, leaving the cursor after the same digit. */
static void
text_insert_text_cb (GtkEditable *text,
                     const char  *new_text,
                     int          length,
                     int         *position,
                     PaMacEntry  *self);
static void text_changed_cb (PaMacEntry *self);
static void text_delete_text_cb (GtkEditable *text,
                                 int          start_pos,
                                 int          end_pos,
                                 PaMacEntry  *self);

static void
replace_text (PaMacEntry *self,
              const char *formatted,
              int         cursor)
{
  /* set_text deletes, then inserts: judge only the final text. */
  g_signal_handlers_block_by_func (self->text, text_insert_text_cb, self);
  g_signal_handlers_block_by_func (self->text, text_delete_text_cb, self);
  g_signal_handlers_block_by_func (self->entry, text_changed_cb, self);
  gtk_editable_set_text (self->text, formatted);
  g_signal_handlers_unblock_by_func (self->entry, text_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->text, text_delete_text_cb, self);
  g_signal_handlers_unblock_by_func (self->text, text_insert_text_cb, self);
  gtk_editable_set_position (self->text, cursor);
  text_changed_cb (self);
}

static void
text_insert_text_cb (GtkEditable *text,
                     const char  *new_text,
                     int          length,
                     int         *position,
                     PaMacEntry  *self)
{
  const char *old = gtk_editable_get_text (text);
  g_autoptr(GString) result = g_string_new (old);
  g_autofree char *formatted = NULL;
  glong old_len = g_utf8_strlen (old, -1);
  int at = CLAMP (*position, 0, (int) old_len);
  int cursor;

  if (length < 0)
    length = strlen (new_text);
  g_string_insert_len (result, g_utf8_offset_to_pointer (old, at) - old, new_text, length);
  cursor = at + (int) g_utf8_strlen (new_text, length);

  formatted = pa_mac_input_format (result->str, &cursor);
  if (g_str_equal (formatted, result->str))
    return;

  replace_text (self, formatted, cursor);
  g_signal_stop_emission_by_name (text, "insert-text");
  *position = cursor;
}

/* Deleting a thirteenth digit leaves a MAC: show it canonical then too. */
static void
text_delete_text_cb (GtkEditable *text,
                     int          start_pos,
                     int          end_pos,
                     PaMacEntry  *self)
{
  const char *old = gtk_editable_get_text (text);
  g_autoptr(GString) result = g_string_new (old);
  g_autofree char *formatted = NULL;
  glong old_len = g_utf8_strlen (old, -1);
  const char *from, *to;
  int cursor;

  if (end_pos < 0 || end_pos > old_len)
    end_pos = old_len;
  start_pos = CLAMP (start_pos, 0, end_pos);
  from = g_utf8_offset_to_pointer (old, start_pos);
  to = g_utf8_offset_to_pointer (old, end_pos);
  g_string_erase (result, from - old, to - from);
  cursor = start_pos;

  formatted = pa_mac_input_format (result->str, &cursor);
  if (g_str_equal (formatted, result->str))
    return;

  g_signal_stop_emission_by_name (text, "delete-text");
  replace_text (self, formatted, cursor);
}

static void
text_changed_cb (PaMacEntry *self)
{
  /* Any edit starts a new judgement; a scan-mode message is about the
   * previous text. */
  self->finished = FALSE;
  g_clear_pointer (&self->shown_message, g_free);
  g_clear_pointer (&self->image_message, g_free);
  refresh_state (self);
}

static void
entry_activate_cb (PaMacEntry *self)
{
  self->finished = TRUE;
  refresh_state (self);

  if (self->mac != NULL && self->duplicate == NULL)
    {
      g_autofree char *mac = g_strdup (self->mac);

      g_clear_pointer (&self->shown_message, g_free);
      g_signal_emit (self, signals[COMMITTED], 0, mac);
      return;
    }

  /* The next scan or keystroke replaces the refused text instead of being
   * glued to it; nothing typed is lost until then. */
  if (self->error != NULL)
    gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static void
entry_focus_leave_cb (PaMacEntry *self)
{
  if (self->finished)
    return;
  self->finished = TRUE;
  refresh_state (self);
}

static void
phones_changed_cb (PaMacEntry *self)
{
  refresh_state (self);
}

/* ---- From Image… ---------------------------------------------------- */

static void
fill_from_image (PaMacEntry *self,
                 const char *mac)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), mac);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  gtk_widget_grab_focus (self->entry);
}

static void
choice_activated_cb (PaMacEntry    *self,
                     GtkListBoxRow *row)
{
  const char *mac = g_object_get_data (G_OBJECT (row), "pa-mac");

  gtk_popover_popdown (GTK_POPOVER (self->choices_popover));
  if (mac != NULL)
    fill_from_image (self, mac);
}

static void
show_choices (PaMacEntry         *self,
              const char * const *macs)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->choices_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->choices_list), child);

  for (guint i = 0; macs[i] != NULL; i++)
    {
      PaVendor *vendor = pa_catalog_vendor_for_mac (pa_catalog_get_default (), macs[i]);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *label = gtk_label_new (macs[i]);

      gtk_widget_add_css_class (label, "monospace");
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      if (vendor != NULL)
        {
          GtkWidget *vlabel = gtk_label_new (pa_vendor_get_name (vendor));

          gtk_widget_add_css_class (vlabel, "dim-label");
          gtk_box_append (GTK_BOX (box), vlabel);
        }
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, macs[i], -1);
      g_object_set_data_full (G_OBJECT (row), "pa-mac", g_strdup (macs[i]), g_free);
      gtk_list_box_append (GTK_LIST_BOX (self->choices_list), row);
    }
  gtk_popover_popup (GTK_POPOVER (self->choices_popover));
}

static void
decode_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PaMacEntry) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) macs = pa_barcode_decode_file_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (self->image_button, TRUE);
  if (macs == NULL)
    {
      set_string (&self->image_message, error->message);
      update_message (self);
      return;
    }
  if (macs[1] == NULL)
    fill_from_image (self, macs[0]);
  else
    show_choices (self, (const char * const *) macs);
}

static void
chooser_response_cb (PaMacEntry           *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);

  if (file != NULL)
    pa_mac_entry_fill_from_image (self, file);
}

void
pa_mac_entry_fill_from_image (PaMacEntry *self,
                              GFile      *file)
{
  g_return_if_fail (PA_IS_MAC_ENTRY (self));
  g_return_if_fail (G_IS_FILE (file));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_pointer (&self->image_message, g_free);
  update_message (self);
  gtk_widget_set_sensitive (self->image_button, FALSE);
  pa_barcode_decode_file_async (file, self->cancellable, decode_done_cb, g_object_ref (self));
}

static void
from_image_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PaMacEntry *self = PA_MAC_ENTRY (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("Images"));
  gtk_file_filter_add_pixbuf_formats (filter);

  self->chooser = gtk_file_chooser_native_new (_("Photo of the Label"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---- GObject / GtkWidget -------------------------------------------- */

static void
pa_mac_entry_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  gtk_widget_measure (PA_MAC_ENTRY (widget)->box, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* No layout manager: the popover needs presenting on every allocation. */
static void
pa_mac_entry_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
  PaMacEntry *self = PA_MAC_ENTRY (widget);
  graphene_rect_t bounds;

  gtk_widget_allocate (self->box, width, height, baseline, NULL);

  if (gtk_widget_compute_bounds (self->image_button, widget, &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->choices_popover),
                                 &(GdkRectangle) {
                                   (int) bounds.origin.x, (int) bounds.origin.y,
                                   (int) bounds.size.width, (int) bounds.size.height });
  gtk_popover_present (GTK_POPOVER (self->choices_popover));
}

static gboolean
pa_mac_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (PA_MAC_ENTRY (widget)->entry);
}

static gboolean
pa_mac_entry_mnemonic_activate (GtkWidget *widget,
                                gboolean   group_cycling)
{
  return gtk_widget_grab_focus (PA_MAC_ENTRY (widget)->entry);
}

static void
pa_mac_entry_dispose (GObject *object)
{
  PaMacEntry *self = PA_MAC_ENTRY (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  if (self->entry != NULL)
    gtk_editable_finish_delegate (GTK_EDITABLE (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_MAC_ENTRY);
  self->entry = NULL;
  self->text = NULL;

  g_clear_object (&self->duplicate);
  g_clear_object (&self->phones);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (pa_mac_entry_parent_class)->dispose (object);
}

static void
pa_mac_entry_finalize (GObject *object)
{
  PaMacEntry *self = PA_MAC_ENTRY (object);

  g_free (self->mac);
  g_free (self->vendor_id);
  g_free (self->error);
  g_free (self->image_message);
  g_free (self->shown_message);

  G_OBJECT_CLASS (pa_mac_entry_parent_class)->finalize (object);
}

static void
pa_mac_entry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  PaMacEntry *self = PA_MAC_ENTRY (object);

  if (gtk_editable_delegate_get_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_MAC:
      g_value_set_string (value, self->mac);
      break;
    case PROP_VENDOR_ID:
      g_value_set_string (value, self->vendor_id);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->mac != NULL);
      break;
    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    case PROP_DUPLICATE:
      g_value_set_object (value, self->duplicate);
      break;
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    case PROP_IGNORE_PHONE:
      g_value_set_int64 (value, self->ignore_phone);
      break;
    case PROP_SHOW_IMAGE_BUTTON:
      g_value_set_boolean (value, gtk_widget_get_visible (self->image_button));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_mac_entry_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  PaMacEntry *self = PA_MAC_ENTRY (object);

  if (gtk_editable_delegate_set_property (object, prop_id, value, pspec))
    return;

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      pa_mac_entry_set_repository (self, g_value_get_object (value));
      break;
    case PROP_IGNORE_PHONE:
      pa_mac_entry_set_ignore_phone (self, g_value_get_int64 (value));
      break;
    case PROP_SHOW_IMAGE_BUTTON:
      pa_mac_entry_set_show_image_button (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_mac_entry_class_init (PaMacEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = pa_mac_entry_dispose;
  object_class->finalize = pa_mac_entry_finalize;
  object_class->get_property = pa_mac_entry_get_property;
  object_class->set_property = pa_mac_entry_set_property;

  widget_class->measure = pa_mac_entry_measure;
  widget_class->size_allocate = pa_mac_entry_size_allocate;
  widget_class->grab_focus = pa_mac_entry_grab_focus;
  widget_class->mnemonic_activate = pa_mac_entry_mnemonic_activate;

  properties[PROP_MAC] = g_param_spec_string ("mac", NULL, NULL, NULL, ro);
  properties[PROP_VENDOR_ID] = g_param_spec_string ("vendor-id", NULL, NULL, NULL, ro);
  properties[PROP_VALID] = g_param_spec_boolean ("valid", NULL, NULL, FALSE, ro);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties[PROP_DUPLICATE] = g_param_spec_object ("duplicate", NULL, NULL,
                                                    PA_TYPE_PHONE, ro);
  properties[PROP_REPOSITORY] = g_param_spec_object ("repository", NULL, NULL,
                                                     PA_TYPE_REPOSITORY, rw);
  properties[PROP_IGNORE_PHONE] = g_param_spec_int64 ("ignore-phone", NULL, NULL,
                                                      0, G_MAXINT64, 0, rw);
  properties[PROP_SHOW_IMAGE_BUTTON] = g_param_spec_boolean ("show-image-button", NULL, NULL,
                                                             TRUE, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_editable_install_properties (object_class, N_PROPS);

  /**
   * PaMacEntry::committed:
   * @mac: the normalised MAC
   *
   * Enter with a valid MAC no other phone has.
   */
  signals[COMMITTED] = g_signal_new ("committed", G_TYPE_FROM_CLASS (klass),
                                     G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/widgets/pa-mac-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, PaMacEntry, box);
  gtk_widget_class_bind_template_child (widget_class, PaMacEntry, entry);
  gtk_widget_class_bind_template_child (widget_class, PaMacEntry, vendor_label);
  gtk_widget_class_bind_template_child (widget_class, PaMacEntry, image_button);
  gtk_widget_class_bind_template_child (widget_class, PaMacEntry, message_label);
  gtk_widget_class_bind_template_child (widget_class, PaMacEntry, choices_popover);
  gtk_widget_class_bind_template_child (widget_class, PaMacEntry, choices_list);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_focus_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_activated_cb);

  gtk_widget_class_install_action (widget_class, "mac-entry.from-image", NULL, from_image_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "mac-entry.from-image", NULL);

  gtk_widget_class_set_css_name (widget_class, "pa-mac-entry");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
pa_mac_entry_init (PaMacEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->text = gtk_editable_get_delegate (GTK_EDITABLE (self->entry));
  g_signal_connect (self->text, "insert-text", G_CALLBACK (text_insert_text_cb), self);
  g_signal_connect (self->text, "delete-text", G_CALLBACK (text_delete_text_cb), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (text_changed_cb), self);
  gtk_editable_init_delegate (GTK_EDITABLE (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("MAC address"),
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->message_label, NULL,
                                  -1);
}

GtkWidget *
pa_mac_entry_new (void)
{
  return g_object_new (PA_TYPE_MAC_ENTRY, NULL);
}

const char *
pa_mac_entry_get_mac (PaMacEntry *self)
{
  g_return_val_if_fail (PA_IS_MAC_ENTRY (self), NULL);
  return self->mac;
}

const char *
pa_mac_entry_get_vendor_id (PaMacEntry *self)
{
  g_return_val_if_fail (PA_IS_MAC_ENTRY (self), NULL);
  return self->vendor_id;
}

gboolean
pa_mac_entry_get_valid (PaMacEntry *self)
{
  g_return_val_if_fail (PA_IS_MAC_ENTRY (self), FALSE);
  return self->mac != NULL;
}

const char *
pa_mac_entry_get_error (PaMacEntry *self)
{
  g_return_val_if_fail (PA_IS_MAC_ENTRY (self), NULL);
  return self->error;
}

PaPhone *
pa_mac_entry_get_duplicate (PaMacEntry *self)
{
  g_return_val_if_fail (PA_IS_MAC_ENTRY (self), NULL);
  return self->duplicate;
}

void
pa_mac_entry_set_repository (PaMacEntry   *self,
                             PaRepository *repository)
{
  g_return_if_fail (PA_IS_MAC_ENTRY (self));
  g_return_if_fail (repository == NULL || PA_IS_REPOSITORY (repository));

  if (self->repository == repository)
    return;

  if (self->phones != NULL)
    g_signal_handlers_disconnect_by_func (self->phones, phones_changed_cb, self);
  g_clear_object (&self->phones);
  g_set_object (&self->repository, repository);
  if (repository != NULL)
    {
      /* A phone created or renamed elsewhere changes the warning. */
      self->phones = g_object_ref (pa_repository_get_phones (repository));
      g_signal_connect_object (self->phones, "items-changed",
                               G_CALLBACK (phones_changed_cb), self, G_CONNECT_SWAPPED);
    }
  refresh_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

PaRepository *
pa_mac_entry_get_repository (PaMacEntry *self)
{
  g_return_val_if_fail (PA_IS_MAC_ENTRY (self), NULL);
  return self->repository;
}

void
pa_mac_entry_set_ignore_phone (PaMacEntry *self,
                               gint64      phone_id)
{
  g_return_if_fail (PA_IS_MAC_ENTRY (self));

  if (self->ignore_phone == phone_id)
    return;
  self->ignore_phone = phone_id;
  refresh_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IGNORE_PHONE]);
}

gint64
pa_mac_entry_get_ignore_phone (PaMacEntry *self)
{
  g_return_val_if_fail (PA_IS_MAC_ENTRY (self), 0);
  return self->ignore_phone;
}

void
pa_mac_entry_set_show_image_button (PaMacEntry *self,
                                    gboolean    show)
{
  g_return_if_fail (PA_IS_MAC_ENTRY (self));

  show = !!show;
  if (gtk_widget_get_visible (self->image_button) == show)
    return;
  gtk_widget_set_visible (self->image_button, show);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "mac-entry.from-image", show);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_IMAGE_BUTTON]);
}

void
pa_mac_entry_show_message (PaMacEntry *self,
                           const char *message)
{
  g_return_if_fail (PA_IS_MAC_ENTRY (self));

  set_string (&self->shown_message, message);
  refresh_state (self);
  if (message != NULL)
    gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

void
pa_mac_entry_clear (PaMacEntry *self)
{
  g_return_if_fail (PA_IS_MAC_ENTRY (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  g_clear_pointer (&self->shown_message, g_free);
  self->finished = FALSE;
  refresh_state (self);
}

GtkWidget *
pa_mac_entry_get_text_widget (PaMacEntry *self)
{
  g_return_val_if_fail (PA_IS_MAC_ENTRY (self), NULL);
  return GTK_WIDGET (self->text);
}
