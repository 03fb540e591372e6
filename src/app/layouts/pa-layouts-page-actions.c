/* pa-layouts-page-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the Layouts page does to layouts: new (asks the model, then opens
 * the designer), edit, duplicate, and delete, which asks where the phones
 * on the layout go when some are.
 */
#define G_LOG_DOMAIN "pa-layouts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-delete-many.h"
#include "pa-layout-designer.h"
#include "pa-layouts-page-private.h"
#include "pa-window-cancellable.h"
#include "pa-toast.h"

static GtkWindow *
page_window (PaLayoutsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static GtkWidget *
find_toast_overlay (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_overlay (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The toast overlay above @widget, else the first one in its window, so
 * the page need not know which window it is in. */
static void
add_toast (GtkWidget *widget,
           AdwToast  *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL && GTK_IS_WINDOW (widget))
    overlay = find_toast_overlay (widget);
  if (overlay != NULL)
    pa_toast_add (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      g_debug ("No toast overlay for: %s", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

static PaResource *
selected_item (PaLayoutsPage *self)
{
  PaListPage *list = pa_layouts_page_visible_list (self);
  g_autoptr(GtkBitset) selected = NULL;

  if (list->selection == NULL)
    return NULL;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (list->selection));
  if (gtk_bitset_is_empty (selected))
    return NULL;
  /* The store holds it; the caller gets it transfer none. */
  {
    g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list->selection),
                                                     gtk_bitset_get_minimum (selected));
    return item ? PA_RESOURCE (item) : NULL;
  }
}

static PaResource *
find_item (PaLayoutsPage *self,
           GType          type,
           GVariant      *parameter)
{
  PaResource *resource;

  if (self->list.repository == NULL)
    return NULL;
  resource = pa_repository_find (self->list.repository, type, g_variant_get_int64 (parameter));
  if (resource == NULL)
    add_toast (GTK_WIDGET (self), pa_toast_new (_("It was deleted in the meantime")));
  return resource;
}

/* The item a layouts.edit or layouts.delete action names: the
 * "-module" variants take module layouts' ids. */
static PaResource *
find_action_item (PaLayoutsPage *self,
                  const char    *action_name,
                  GVariant      *parameter)
{
  GType type = g_str_has_suffix (action_name, "-module") ? PA_TYPE_MODULE_LAYOUT
                                                         : PA_TYPE_LAYOUT;

  return find_item (self, type, parameter);
}

/* ---- new ------------------------------------------------------------ */

typedef struct
{
  PaLayoutsPage *page;
  PaLayoutsView  view;
  GtkDropDown   *target;
  GtkEditable   *name;
  GPtrArray     *ids;   /* of char *, the drop-down's order */
} NewRequest;

static void
new_request_free (gpointer data)
{
  NewRequest *request = data;

  g_clear_object (&request->page);
  g_clear_pointer (&request->ids, g_ptr_array_unref);
  g_free (request);
}

static void
open_designer (PaLayoutsPage *self,
               PaResource    *resource)
{
  GtkWidget *designer;

  if (PA_IS_LAYOUT (resource))
    designer = pa_layout_designer_new (page_window (self), self->list.repository,
                                       PA_LAYOUT (resource));
  else
    designer = pa_layout_designer_new_for_module (page_window (self), self->list.repository,
                                                  PA_MODULE_LAYOUT (resource));
  if (designer != NULL)
    gtk_window_present (GTK_WINDOW (designer));
  else
    add_toast (GTK_WIDGET (self),
               pa_toast_new (_("No phone model in the catalog can show this sidecar")));
}

static void
new_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 NewRequest       *request)
{
  PaLayoutsPage *self = request->page;
  guint position = gtk_drop_down_get_selected (request->target);
  const char *name = gtk_editable_get_text (request->name);
  const char *id;

  if (g_strcmp0 (response, "create") != 0 || position >= request->ids->len
      || self->list.repository == NULL)
    return;

  id = g_ptr_array_index (request->ids, position);
  if (request->view == PA_LAYOUTS_VIEW_PHONES)
    {
      g_autoptr(PaLayout) layout = pa_layout_new ();

      pa_layout_set_model (layout, id);
      pa_layout_set_name (layout, name[0] != '\0' ? name : _("New Layout"));
      open_designer (self, PA_RESOURCE (layout));
    }
  else
    {
      g_autoptr(PaModuleLayout) layout = pa_module_layout_new ();

      pa_module_layout_set_module (layout, id);
      pa_module_layout_set_name (layout, name[0] != '\0' ? name : _("New Sidecar Layout"));
      open_designer (self, PA_RESOURCE (layout));
    }
}

static void
new_layout_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (widget);
  PaCatalog *catalog = pa_catalog_get_default ();
  GListModel *items;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  NewRequest *request;
  GtkWidget *dialog, *box, *dropdown, *entry, *label;
  const char *wanted = g_variant_get_string (parameter, NULL);
  guint selected = 0;

  request = g_new0 (NewRequest, 1);
  request->page = g_object_ref (self);
  request->view = self->view;
  request->ids = g_ptr_array_new_with_free_func (g_free);

  items = request->view == PA_LAYOUTS_VIEW_PHONES ? pa_catalog_get_models (catalog)
                                                   : pa_catalog_get_modules (catalog);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (items, i);
      const char *id;
      g_autofree char *display = NULL;

      if (PA_IS_DEVICE_MODEL (item))
        {
          /* A model without programmable keys has nothing to design. */
          if (pa_device_model_get_line_keys (PA_DEVICE_MODEL (item)) == 0)
            continue;
          id = pa_device_model_get_id (PA_DEVICE_MODEL (item));
        }
      else
        id = pa_expansion_module_get_id (PA_EXPANSION_MODULE (item));

      if (g_strcmp0 (id, wanted) == 0)
        selected = request->ids->len;
      display = pa_layout_model_display_name (id);
      gtk_string_list_append (names, display);
      g_ptr_array_add (request->ids, g_strdup (id));
    }

  dialog = adw_message_dialog_new (page_window (self),
                                   request->view == PA_LAYOUTS_VIEW_PHONES
                                   ? _("New Layout") : _("New Sidecar Layout"),
                                   request->view == PA_LAYOUTS_VIEW_PHONES
                                   ? _("A layout fits one phone model.")
                                   : _("A sidecar layout fits one expansion module."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  label = gtk_label_new_with_mnemonic (request->view == PA_LAYOUTS_VIEW_PHONES
                                       ? _("_Model") : _("_Module"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  /* The mnemonic label names it (a label of its own would be read twice). */
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), dropdown);

  label = gtk_label_new_with_mnemonic (_("_Name"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 6);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reception, Sales floor…"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  request->target = GTK_DROP_DOWN (dropdown);
  request->name = GTK_EDITABLE (entry);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "create", _("C_reate and Design"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "create",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "create");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "create",
                                           request->ids->len > 0);
  g_signal_connect_data (dialog, "response", G_CALLBACK (new_response_cb), request,
                         (GClosureNotify) (void (*) (void)) new_request_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* ---- edit, duplicate ------------------------------------------------ */

static void
edit_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (widget);
  PaResource *resource = find_action_item (self, action_name, parameter);

  if (resource != NULL)
    open_designer (self, resource);
}

static void
duplicate_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PaLayoutsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(PaResource) saved = NULL;

  saved = pa_repository_save_finish (PA_REPOSITORY (source), result, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (saved == NULL)
    {
      add_toast (GTK_WIDGET (self), pa_toast_new (error->message));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("“%s” created"), pa_layouts_item_name (saved));
    add_toast (GTK_WIDGET (self), pa_toast_new (text));
  }
}

/* A copy that provd will store as new: server-owned members dropped, and
 * never the default (there is one per model). */
static PaResource *
duplicate_resource (PaResource *resource)
{
  g_autoptr(PaResource) copy = pa_resource_copy (resource);
  g_autofree char *name = g_strdup_printf (_("Copy of %s"), pa_layouts_item_name (resource));

  pa_resource_set_id (copy, 0);
  if (PA_IS_LAYOUT (copy))
    {
      pa_layout_set_name (PA_LAYOUT (copy), name);
      pa_layout_set_is_default (PA_LAYOUT (copy), FALSE);
    }
  else
    {
      pa_module_layout_set_name (PA_MODULE_LAYOUT (copy), name);
      pa_module_layout_set_is_default (PA_MODULE_LAYOUT (copy), FALSE);
    }
  return g_steal_pointer (&copy);
}

static void
duplicate (PaLayoutsPage *self,
           PaResource    *resource)
{
  g_autoptr(PaResource) copy = NULL;

  if (resource == NULL || self->list.repository == NULL)
    return;
  copy = duplicate_resource (resource);
  pa_repository_save_async (self->list.repository, copy, self->cancellable,
                            duplicate_done_cb, g_object_ref (self));
}

static void
duplicate_cb (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (widget);
  GType type = self->view == PA_LAYOUTS_VIEW_MODULES ? PA_TYPE_MODULE_LAYOUT : PA_TYPE_LAYOUT;

  duplicate (self, find_item (self, type, parameter));
}

static void
duplicate_selected_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (widget);

  duplicate (self, selected_item (self));
}

/* ---- delete --------------------------------------------------------- */

typedef struct
{
  GtkWindow    *parent;       /* nullable */
  PaRepository *repository;
  PaResource   *resource;
  GPtrArray    *replacements; /* of PaResource, the combo's order */
  GtkDropDown  *combo;        /* nullable: nothing in use */
} DeleteRequest;

static void
delete_request_free (gpointer data)
{
  DeleteRequest *request = data;

  g_clear_object (&request->parent);
  g_clear_object (&request->repository);
  g_clear_object (&request->resource);
  g_clear_pointer (&request->replacements, g_ptr_array_unref);
  g_free (request);
}

static void
toast_on (GtkWindow  *parent,
          const char *message)
{
  if (parent != NULL)
    add_toast (GTK_WIDGET (parent), pa_toast_new (message));
}

static void
deleted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  DeleteRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (PA_IS_REPOSITORY (source))
    ok = pa_repository_delete_finish (PA_REPOSITORY (source), result, &error);
  else
    ok = pa_client_delete_with_replacement_finish (PA_CLIENT (source), result, &error);

  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ;   /* the window went */
  else if (!ok)
    toast_on (request->parent, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("“%s” deleted"), pa_layouts_item_name (request->resource));
      toast_on (request->parent, text);
      /* Phones moved to the replacement, and the layout left: show both. */
      if (PA_IS_CLIENT (source))
        pa_repository_refresh_async (request->repository, NULL, NULL, NULL);
    }
  delete_request_free (request);
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DeleteRequest    *request)
{
  /* One answer per question: closing afterwards answers "cancel" too. */
  g_signal_handlers_disconnect_by_func (dialog, delete_response_cb, request);

  if (g_strcmp0 (response, "delete") != 0)
    {
      delete_request_free (request);
      return;
    }

  if (request->combo == NULL)
    {
      pa_repository_delete_async (request->repository, request->resource,
                                  pa_window_get_cancellable (GTK_WIDGET (request->parent)),
                                  deleted_cb, request);
      return;
    }

  {
    guint position = gtk_drop_down_get_selected (request->combo);
    PaResource *replacement;

    if (position >= request->replacements->len)
      {
        delete_request_free (request);
        return;
      }
    replacement = g_ptr_array_index (request->replacements, position);
    pa_client_delete_with_replacement_async (pa_repository_get_client (request->repository),
                                             request->resource,
                                             pa_resource_get_id (replacement),
                                             pa_window_get_cancellable (GTK_WIDGET (request->parent)),
                                             deleted_cb, request);
  }
}

void
pa_layout_delete_interactive (GtkWindow    *parent,
                              PaRepository *repository,
                              PaResource   *resource)
{
  GListModel *phones;
  GListModel *store;
  DeleteRequest *request;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint in_use;

  g_return_if_fail (PA_IS_REPOSITORY (repository));
  g_return_if_fail (PA_IS_LAYOUT (resource) || PA_IS_MODULE_LAYOUT (resource));

  phones = pa_repository_get_phones (repository);
  in_use = pa_layouts_item_count_phones (resource, phones);
  heading = g_strdup_printf (_("Delete “%s”?"), pa_layouts_item_name (resource));

  request = g_new0 (DeleteRequest, 1);
  request->parent = parent ? g_object_ref (parent) : NULL;
  request->repository = g_object_ref (repository);
  request->resource = g_object_ref (resource);
  request->replacements = g_ptr_array_new_with_free_func (g_object_unref);

  if (in_use == 0)
    {
      body = g_strdup (_("No phone uses this layout. It cannot be undone."));
      dialog = pa_confirm_dialog_new (parent, heading, body, _("_Cancel"), "delete", _("_Delete"));
      g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), request,
                             NULL, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  /* In use: the phones must go somewhere, so the question names where. */
  store = pa_repository_get_store (repository, G_OBJECT_TYPE (resource));
  {
    g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
    guint default_position = 0;

    for (guint i = 0; i < g_list_model_get_n_items (store); i++)
      {
        g_autoptr(PaResource) other = g_list_model_get_item (store, i);

        if (pa_resource_get_id (other) == pa_resource_get_id (resource)
            || g_strcmp0 (pa_layouts_item_target (other), pa_layouts_item_target (resource)) != 0)
          continue;
        if (pa_layouts_item_is_default (other))
          default_position = request->replacements->len;
        gtk_string_list_append (names, pa_layouts_item_name (other));
        g_ptr_array_add (request->replacements, g_object_ref (other));
      }

    if (request->replacements->len == 0)
      {
        g_autofree char *model = pa_layout_model_display_name (pa_layouts_item_target (resource));

        body = g_strdup_printf (ngettext ("%u phone uses this layout, and there is no other "
                                          "layout for the %s to move it to. Create or "
                                          "duplicate one first.",
                                          "%u phones use this layout, and there is no other "
                                          "layout for the %s to move them to. Create or "
                                          "duplicate one first.", in_use),
                                in_use, model);
        dialog = adw_message_dialog_new (parent, heading, body);
        adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
        adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "close");
        g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), request,
                               NULL, 0);
        gtk_window_present (GTK_WINDOW (dialog));
        return;
      }

    body = g_strdup_printf (ngettext ("%u phone uses this layout. Choose the layout it gets "
                                      "instead; it updates on its next check.",
                                      "%u phones use this layout. Choose the layout they get "
                                      "instead; they update on their next check.", in_use),
                            in_use);
    dialog = pa_confirm_dialog_new (parent, heading, body, _("_Cancel"), "delete",
                                    _("Move Phones and _Delete"));
    request->combo = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)),
                                                       NULL));
    gtk_drop_down_set_selected (request->combo, default_position);
    gtk_widget_set_tooltip_text (GTK_WIDGET (request->combo), _("Replacement layout"));
    gtk_accessible_update_property (GTK_ACCESSIBLE (request->combo),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, _("Replacement layout"), -1);
    adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                        GTK_WIDGET (request->combo));
    g_signal_connect_data (dialog, "response", G_CALLBACK (delete_response_cb), request,
                           NULL, 0);
    gtk_window_present (GTK_WINDOW (dialog));
  }
}

/* ---- several at once ------------------------------------------------ */

static char *
describe_deleted (GPtrArray *names)
{
  return g_strdup_printf (ngettext ("%u layout deleted", "%u layouts deleted", names->len),
                          names->len);
}

static const char *
layout_name (gpointer item)
{
  return pa_layouts_item_name (item);
}

static const PaDeleteKind layout_kind = { layout_name, describe_deleted };

/* One layout: its own question, which may move its phones elsewhere.
 * Several: asked once when no phone uses them; a layout in use needs that
 * choice, so it is deleted on its own. */
void
pa_layouts_delete_items (GtkWindow    *parent,
                         PaRepository *repository,
                         GPtrArray    *items)
{
  GListModel *phones = pa_repository_get_phones (repository);
  g_autoptr(GPtrArray) in_use = g_ptr_array_new ();
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (items->len == 1)
    {
      pa_layout_delete_interactive (parent, repository, g_ptr_array_index (items, 0));
      return;
    }

  for (guint i = 0; i < items->len; i++)
    if (pa_layouts_item_count_phones (g_ptr_array_index (items, i), phones) > 0)
      g_ptr_array_add (in_use, (gpointer) pa_layouts_item_name (g_ptr_array_index (items, i)));
  if (in_use->len > 0)
    {
      g_autofree char *names = NULL;
      g_autofree char *body = NULL;

      g_ptr_array_add (in_use, NULL);
      names = g_strjoinv (", ", (char **) in_use->pdata);
      body = g_strdup_printf (_("Phones use %s. Delete a layout in use on its own, to choose "
                                "the layout its phones get instead. Nothing was deleted."), names);
      dialog = adw_message_dialog_new (parent, _("Layouts in Use"), body);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  heading = g_strdup_printf (ngettext ("Delete %u Layout?", "Delete %u Layouts?", items->len),
                             items->len);
  pa_delete_many_interactive (parent, repository, items, &layout_kind, heading,
                              _("No phone uses them. It cannot be undone."));
}

static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (widget);
  PaResource *resource = find_action_item (self, action_name, parameter);

  if (resource != NULL)
    pa_layout_delete_interactive (page_window (self), self->list.repository, resource);
}

static void
delete_selected_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (widget);

  pa_list_page_delete_selected (pa_layouts_page_visible_list (self));
}

void
pa_layouts_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "layouts.new", "s", new_layout_cb);
  gtk_widget_class_install_action (widget_class, "layouts.edit", "x", edit_cb);
  gtk_widget_class_install_action (widget_class, "layouts.edit-module", "x", edit_cb);
  gtk_widget_class_install_action (widget_class, "layouts.duplicate", "x", duplicate_cb);
  gtk_widget_class_install_action (widget_class, "layouts.delete", "x", delete_cb);
  gtk_widget_class_install_action (widget_class, "layouts.delete-module", "x", delete_cb);
  gtk_widget_class_install_action (widget_class, "layouts.delete-selected", NULL,
                                   delete_selected_cb);
  gtk_widget_class_install_action (widget_class, "layouts.duplicate-selected", NULL,
                                   duplicate_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "layouts.delete-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "layouts.new", "s", "");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "layouts.duplicate-selected", NULL);
}
