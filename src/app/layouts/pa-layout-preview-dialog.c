/* pa-layout-preview-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks provd for the device file a chosen phone of the layout's model
 * would fetch if it used this layout (?layout=, nothing stored), so any
 * phone of the model shows what the layout gives it. The server masks the
 * passwords, so nothing secret ever reaches this text view. Phones already
 * on this layout come first. provd only knows the saved layout: the note
 * says so when the designer's copy differs.
 */
#define G_LOG_DOMAIN "pa-layout-preview-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-apply-layout-dialog.h"
#include "pa-layout-preview-dialog.h"
#include "pa-layouts-page.h"
#include "pa-status-page.h"

struct _PaLayoutPreviewDialog
{
  AdwWindow       parent_instance;

  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkDropDown    *phone_dropdown;
  GtkSpinner     *spinner;
  GtkLabel       *note_label;
  GtkTextView    *text_view;
  AdwStatusPage  *empty_page;

  PaRepository   *repository;
  PaLayout       *layout;
  GPtrArray      *phones;    /* of PaPhone, the drop-down's order */
  GCancellable   *cancellable;   /* of the current request */
  gint64          layout_id;     /* 0 while the layout was never saved */
  gboolean        loading;
  gboolean        has_text;
};

G_DEFINE_FINAL_TYPE (PaLayoutPreviewDialog, pa_layout_preview_dialog, ADW_TYPE_WINDOW)

enum
{
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_loading (PaLayoutPreviewDialog *self,
             gboolean               loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
show_text (PaLayoutPreviewDialog *self,
           const char            *text,
           gboolean               is_config)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), text, -1);
  self->has_text = is_config;
}

static void
preview_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PaLayoutPreviewDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  text = pa_client_preview_finish (PA_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);
  if (text == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("No preview: %s"), error->message);
      show_text (self, message, FALSE);
      return;
    }
  show_text (self, text, TRUE);
}

static void
phone_selected_cb (PaLayoutPreviewDialog *self)
{
  guint position = gtk_drop_down_get_selected (self->phone_dropdown);

  if (position < self->phones->len)
    pa_layout_preview_dialog_set_phone (self,
                                        pa_resource_get_id (g_ptr_array_index (self->phones,
                                                                               position)));
}

/* This layout's phones first: their preview is exactly what the layout gives. */
static int
compare_phones (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  PaPhone *pa = *(PaPhone **) a;
  PaPhone *pb = *(PaPhone **) b;
  gint64 layout_id = *(gint64 *) user_data;
  int result = (pa_phone_get_layout_id (pb) == layout_id) - (pa_phone_get_layout_id (pa) == layout_id);

  if (result == 0)
    result = g_utf8_collate (pa_phone_get_name (pa), pa_phone_get_name (pb));
  return result;
}

/* provd renders the saved layout; the keys are all of it that reaches the
 * file, so they decide whether the designer's copy is ahead of it. */
static void
update_note (PaLayoutPreviewDialog *self)
{
  PaResource *stored = NULL;
  const char *note = NULL;

  if (self->layout_id == 0)
    note = _("This layout has not been saved yet: save it to preview its config.");
  else
    {
      stored = pa_repository_find (self->repository, PA_TYPE_LAYOUT, self->layout_id);
      if (stored != NULL && stored != PA_RESOURCE (self->layout) &&
          !pa_key_list_equal (pa_layout_get_keys (PA_LAYOUT (stored)),
                              pa_layout_get_keys (self->layout)))
        note = _("The preview shows the last saved version of this layout; save to see your "
                 "changes.");
    }

  gtk_label_set_label (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_layout_preview_dialog_dispose (GObject *object)
{
  PaLayoutPreviewDialog *self = PA_LAYOUT_PREVIEW_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_LAYOUT_PREVIEW_DIALOG);
  g_clear_object (&self->repository);
  g_clear_object (&self->layout);
  g_clear_pointer (&self->phones, g_ptr_array_unref);

  G_OBJECT_CLASS (pa_layout_preview_dialog_parent_class)->dispose (object);
}

static void
pa_layout_preview_dialog_finalize (GObject *object)
{
  PaLayoutPreviewDialog *self = PA_LAYOUT_PREVIEW_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pa_layout_preview_dialog_parent_class)->finalize (object);
}

static void
pa_layout_preview_dialog_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  PaLayoutPreviewDialog *self = PA_LAYOUT_PREVIEW_DIALOG (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_layout_preview_dialog_class_init (PaLayoutPreviewDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_layout_preview_dialog_dispose;
  object_class->finalize = pa_layout_preview_dialog_finalize;
  object_class->get_property = pa_layout_preview_dialog_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Modal: announced as a dialog (GTK 4.8 says frame, or filler). */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/layouts/pa-layout-preview-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PaLayoutPreviewDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutPreviewDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutPreviewDialog, phone_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutPreviewDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutPreviewDialog, note_label);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutPreviewDialog, text_view);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutPreviewDialog, empty_page);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pa_layout_preview_dialog_init (PaLayoutPreviewDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
pa_layout_preview_dialog_new (GtkWindow    *parent,
                              PaRepository *repo,
                              PaLayout     *layout)
{
  PaLayoutPreviewDialog *self;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *model = NULL;
  g_autofree char *empty = NULL;
  gint64 layout_id;

  g_return_val_if_fail (PA_IS_REPOSITORY (repo), NULL);
  g_return_val_if_fail (PA_IS_LAYOUT (layout), NULL);

  self = g_object_new (PA_TYPE_LAYOUT_PREVIEW_DIALOG, "transient-for", parent, NULL);
  self->repository = g_object_ref (repo);
  self->layout = g_object_ref (layout);
  self->phones = pa_phones_of_model (pa_repository_get_phones (repo), pa_layout_get_model (layout));
  layout_id = pa_resource_get_id (PA_RESOURCE (layout));
  self->layout_id = layout_id;
  g_ptr_array_sort_with_data (self->phones, compare_phones, &layout_id);
  update_note (self);

  adw_window_title_set_subtitle (self->window_title, pa_layout_get_name (layout));
  model = pa_layout_model_display_name (pa_layout_get_model (layout));
  empty = g_strdup_printf (_("Add a %s phone to see the config it would get."), model);
  pa_status_page_set_description_text (self->empty_page, empty);

  for (guint i = 0; i < self->phones->len; i++)
    {
      PaPhone *phone = g_ptr_array_index (self->phones, i);
      const char *name = pa_phone_get_name (phone);
      g_autofree char *text = g_strdup_printf ("%s (%s)", name && name[0] ? name : _("Unnamed"),
                                               pa_phone_get_mac (phone));
      gtk_string_list_append (names, text);
    }
  gtk_drop_down_set_model (self->phone_dropdown, G_LIST_MODEL (names));
  gtk_stack_set_visible_child_name (self->stack, self->phones->len > 0 ? "preview" : "empty");
  g_signal_connect_swapped (self->phone_dropdown, "notify::selected",
                            G_CALLBACK (phone_selected_cb), self);
  if (self->phones->len > 0)
    phone_selected_cb (self);
  return GTK_WIDGET (self);
}

void
pa_layout_preview_dialog_set_phone (PaLayoutPreviewDialog *self,
                                    gint64                 phone_id)
{
  PaPhone *phone = NULL;
  PaCatalog *catalog = pa_catalog_get_default ();
  PaDeviceModel *model;
  g_autofree char *file = NULL;
  guint position = 0;

  g_return_if_fail (PA_IS_LAYOUT_PREVIEW_DIALOG (self));

  for (guint i = 0; i < self->phones->len; i++)
    if (pa_resource_get_id (g_ptr_array_index (self->phones, i)) == phone_id)
      {
        phone = g_ptr_array_index (self->phones, i);
        position = i;
      }
  g_return_if_fail (phone != NULL);

  if (gtk_drop_down_get_selected (self->phone_dropdown) != position)
    {
      /* notify::selected comes back here with the same phone. */
      gtk_drop_down_set_selected (self->phone_dropdown, position);
      return;
    }

  if (self->layout_id == 0)
    {
      show_text (self, _("Save the layout to preview the config it gives this phone."), FALSE);
      return;
    }

  model = pa_catalog_get_model (catalog, pa_phone_get_model (phone));
  if (model == NULL)
    {
      show_text (self, _("The catalog does not know this phone's model."), FALSE);
      return;
    }
  file = pa_device_model_format_device_file (model, pa_phone_get_mac (phone));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  show_text (self, "", FALSE);
  pa_client_preview_layout_async (pa_repository_get_client (self->repository), phone_id, file,
                                  self->layout_id, self->cancellable, preview_cb,
                                  g_object_ref (self));
}

char *
pa_layout_preview_dialog_get_text (PaLayoutPreviewDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (PA_IS_LAYOUT_PREVIEW_DIALOG (self), NULL);

  if (!self->has_text)
    return NULL;
  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
pa_layout_preview_dialog_get_loading (PaLayoutPreviewDialog *self)
{
  g_return_val_if_fail (PA_IS_LAYOUT_PREVIEW_DIALOG (self), FALSE);

  return self->loading;
}
