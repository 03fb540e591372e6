/* pa-layouts-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two lists in the plumbing of pa-list-page.c, one over the repository's
 * layouts and one over its module layouts, shown one at a time. Both sort
 * by model (or module) first, so the rows come grouped by what they fit;
 * GTK 4.8's column view has no section headers.
 */
#define G_LOG_DOMAIN "pa-layouts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-confirm-dialog.h"
#include "pa-layout-designer.h"
#include "pa-layouts-page.h"
#include "pa-list-page.h"
#include "pa-phone.h"

typedef enum
{
  COLUMN_TARGET,
  COLUMN_NAME,
  COLUMN_DESCRIPTION,
  COLUMN_DEFAULT,
  COLUMN_PHONES,
  N_COLUMNS
} Column;

static const PaListColumn layout_columns[N_COLUMNS] = {
  [COLUMN_TARGET] = { "model", N_("Model"), FALSE },
  [COLUMN_NAME] = { "name", N_("Name"), TRUE },
  [COLUMN_DESCRIPTION] = { "description", N_("Description"), TRUE },
  [COLUMN_DEFAULT] = { "default", N_("Default"), FALSE },
  [COLUMN_PHONES] = { "phones", N_("Phones"), FALSE },
};

static const PaListColumn module_columns[N_COLUMNS] = {
  [COLUMN_TARGET] = { "module", N_("Module"), FALSE },
  [COLUMN_NAME] = { "name", N_("Name"), TRUE },
  [COLUMN_DESCRIPTION] = { "description", N_("Description"), TRUE },
  [COLUMN_DEFAULT] = { "default", N_("Default"), FALSE },
  [COLUMN_PHONES] = { "phones", N_("Phones"), FALSE },
};

struct _PaLayoutsPage
{
  AdwBin           parent_instance;

  PaListPage       list;          /* layouts */
  PaListPage       module_list;   /* module layouts */
  GtkStack        *view_stack;
  GtkToggleButton *phones_toggle;
  GtkToggleButton *modules_toggle;
  GtkToggleButton *search_button;

  PaLayoutsView    view;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (PaLayoutsPage, pa_layouts_page, ADW_TYPE_BIN)

enum
{
  PROP_VIEW = PA_LIST_PAGE_N_PROPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- plain functions ------------------------------------------------ */

guint
pa_layout_count_phones (PaLayout   *layout,
                        GListModel *phones)
{
  gint64 id = pa_resource_get_id (PA_RESOURCE (layout));
  guint n = g_list_model_get_n_items (phones);
  guint count = 0;

  if (id == 0)
    return 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (phones, i);

      if (pa_phone_get_layout_id (phone) == id)
        count++;
    }
  return count;
}

guint
pa_module_layout_count_phones (PaModuleLayout *layout,
                               GListModel     *phones)
{
  gint64 id = pa_resource_get_id (PA_RESOURCE (layout));
  guint n = g_list_model_get_n_items (phones);
  guint count = 0;

  if (id == 0)
    return 0;

  /* A phone counts once even when two of its sidecars show the layout. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PaPhone) phone = g_list_model_get_item (phones, i);
      GPtrArray *modules = pa_phone_get_modules (phone);

      for (guint j = 0; modules != NULL && j < modules->len; j++)
        {
          PaPhoneModule *module = g_ptr_array_index (modules, j);

          if (module->layout_id == id)
            {
              count++;
              break;
            }
        }
    }
  return count;
}

char *
pa_layout_model_display_name (const char *model_or_module_id)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaDeviceModel *model;
  PaExpansionModule *module;
  PaVendor *vendor = NULL;
  const char *name = NULL;

  if (model_or_module_id == NULL || model_or_module_id[0] == '\0')
    return g_strdup ("");

  if ((model = pa_catalog_get_model (catalog, model_or_module_id)) != NULL)
    {
      vendor = pa_catalog_get_vendor (catalog, pa_device_model_get_vendor_id (model));
      name = pa_device_model_get_name (model);
    }
  else if ((module = pa_catalog_get_module (catalog, model_or_module_id)) != NULL)
    {
      vendor = pa_catalog_get_vendor (catalog, pa_expansion_module_get_vendor_id (module));
      name = pa_expansion_module_get_name (module);
    }

  if (name == NULL)
    return g_strdup (model_or_module_id);
  if (vendor == NULL)
    return g_strdup (name);
  return g_strdup_printf ("%s %s", pa_vendor_get_name (vendor), name);
}

/* Layouts and module layouts share everything the page shows. */
static const char *
item_name (gpointer item)
{
  return PA_IS_LAYOUT (item) ? pa_layout_get_name (item) : pa_module_layout_get_name (item);
}

static const char *
item_description (gpointer item)
{
  return PA_IS_LAYOUT (item) ? pa_layout_get_description (item)
                             : pa_module_layout_get_description (item);
}

static const char *
item_target (gpointer item)
{
  return PA_IS_LAYOUT (item) ? pa_layout_get_model (item) : pa_module_layout_get_module (item);
}

static gboolean
item_is_default (gpointer item)
{
  return PA_IS_LAYOUT (item) ? pa_layout_get_is_default (item)
                             : pa_module_layout_get_is_default (item);
}

static guint
item_count_phones (gpointer    item,
                   GListModel *phones)
{
  return PA_IS_LAYOUT (item) ? pa_layout_count_phones (item, phones)
                             : pa_module_layout_count_phones (item, phones);
}

static gboolean
contains_folded (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL || haystack[0] == '\0')
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

static gboolean
matches_func (gpointer      item,
              const char   *query,
              PaRepository *repository)
{
  g_auto(GStrv) words = NULL;
  g_autofree char *target = NULL;

  if (query == NULL)
    return TRUE;

  target = pa_layout_model_display_name (item_target (item));
  words = g_strsplit_set (query, " \t\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *folded = NULL;

      if (words[i][0] == '\0')
        continue;
      folded = g_utf8_casefold (words[i], -1);
      if (!contains_folded (item_name (item), folded)
          && !contains_folded (item_description (item), folded)
          && !contains_folded (target, folded)
          && !contains_folded (item_target (item), folded))
        return FALSE;
    }
  return TRUE;
}

/* ---- cells ---------------------------------------------------------- */

typedef struct
{
  GtkListItem  *list_item;   /* not a reference: owns us */
  Column        column;
  PaResource   *item;
  gulong        item_handler;
  GListModel   *phones;
  gulong        phones_handler;
  PaRepository *repository;
  gulong        loading_handler;
} CellBinding;

static void
cell_binding_free (gpointer data)
{
  CellBinding *binding = data;

  g_clear_signal_handler (&binding->item_handler, binding->item);
  g_clear_signal_handler (&binding->phones_handler, binding->phones);
  g_clear_signal_handler (&binding->loading_handler, binding->repository);
  g_clear_object (&binding->item);
  g_clear_object (&binding->phones);
  g_clear_object (&binding->repository);
  g_free (binding);
}

static void
cell_update (CellBinding *binding)
{
  GtkWidget *child = gtk_list_item_get_child (binding->list_item);
  gpointer item = binding->item;

  switch (binding->column)
    {
    case COLUMN_TARGET:
      {
        g_autofree char *name = pa_layout_model_display_name (item_target (item));
        pa_list_set_label (child, name, "—");
      }
      break;
    case COLUMN_NAME:
      pa_list_set_label (child, item_name (item), _("Unnamed"));
      break;
    case COLUMN_DESCRIPTION:
      pa_list_set_label (child, item_description (item), "—");
      break;
    case COLUMN_DEFAULT:
      gtk_widget_set_visible (child, item_is_default (item));
      break;
    case COLUMN_PHONES:
      {
        guint n = binding->phones ? item_count_phones (item, binding->phones) : 0;
        g_autofree char *text = g_strdup_printf ("%u", n);

        pa_list_set_label (child, n > 0 ? text : NULL, text);
      }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
cell_notify_cb (gpointer     instance,
                GParamSpec  *pspec,
                CellBinding *binding)
{
  cell_update (binding);
}

static void
cell_phones_changed_cb (GListModel  *phones,
                        guint        position,
                        guint        removed,
                        guint        added,
                        CellBinding *binding)
{
  cell_update (binding);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PaLayoutsPage            *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pa-column"));
  GtkWidget *child;

  if (column == COLUMN_DEFAULT)
    {
      child = gtk_image_new_from_icon_name ("starred-symbolic");
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (child, _("Default for this model"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Default for this model"), -1);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), column == COLUMN_PHONES ? 1 : 0);
      if (column == COLUMN_NAME || column == COLUMN_DESCRIPTION || column == COLUMN_TARGET)
        {
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (GTK_LABEL (child), column == COLUMN_DESCRIPTION ? 18 : 12);
        }
      if (column == COLUMN_NAME)
        gtk_widget_add_css_class (child, "heading");
      if (column == COLUMN_PHONES)
        gtk_widget_add_css_class (child, "numeric");
    }

  gtk_list_item_set_child (list_item, child);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PaLayoutsPage            *self)
{
  CellBinding *binding = g_new0 (CellBinding, 1);

  binding->list_item = list_item;
  binding->column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pa-column"));
  binding->item = g_object_ref (PA_RESOURCE (gtk_list_item_get_item (list_item)));
  binding->item_handler = g_signal_connect (binding->item, "notify",
                                            G_CALLBACK (cell_notify_cb), binding);
  if (binding->column == COLUMN_PHONES && self->list.repository != NULL)
    {
      /* Phones change their layout in place: recount after each refresh too. */
      binding->phones = g_object_ref (pa_repository_get_phones (self->list.repository));
      binding->phones_handler = g_signal_connect (binding->phones, "items-changed",
                                                  G_CALLBACK (cell_phones_changed_cb), binding);
      binding->repository = g_object_ref (self->list.repository);
      binding->loading_handler = g_signal_connect (binding->repository, "notify::loading",
                                                   G_CALLBACK (cell_notify_cb), binding);
    }

  g_object_set_data_full (G_OBJECT (list_item), "pa-cell-binding", binding, cell_binding_free);
  cell_update (binding);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PaLayoutsPage            *self)
{
  g_object_set_data (G_OBJECT (list_item), "pa-cell-binding", NULL);
}

/* ---- sorting -------------------------------------------------------- */

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  PaListSortKey *key = user_data;
  gpointer ia = (gpointer) a;
  gpointer ib = (gpointer) b;
  int result = 0;

  switch (key->column)
    {
    case COLUMN_TARGET:
      {
        g_autofree char *na = pa_layout_model_display_name (item_target (ia));
        g_autofree char *nb = pa_layout_model_display_name (item_target (ib));

        /* Within a model, the default first, then by name: the groups read well. */
        result = pa_list_compare_strings (na, nb);
        if (result == 0)
          result = (int) item_is_default (ib) - (int) item_is_default (ia);
        if (result == 0)
          result = pa_list_compare_strings (item_name (ia), item_name (ib));
      }
      break;
    case COLUMN_NAME:
      result = pa_list_compare_strings (item_name (ia), item_name (ib));
      break;
    case COLUMN_DESCRIPTION:
      result = pa_list_compare_strings (item_description (ia), item_description (ib));
      break;
    case COLUMN_DEFAULT:
      result = (int) item_is_default (ib) - (int) item_is_default (ia);
      break;
    case COLUMN_PHONES:
      if (key->list->repository != NULL)
        {
          GListModel *phones = pa_repository_get_phones (key->list->repository);
          result = pa_list_compare_int64 (item_count_phones (ia, phones),
                                          item_count_phones (ib, phones));
        }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return pa_list_ordering (result, ia, ib);
}

static const PaListPageSpec layout_spec = {
  .columns = layout_columns,
  .n_columns = N_COLUMNS,
  .initial_sort_column = COLUMN_TARGET,
  .factory_setup = G_CALLBACK (factory_setup_cb),
  .factory_bind = G_CALLBACK (factory_bind_cb),
  .factory_unbind = G_CALLBACK (factory_unbind_cb),
  .sort_func = sort_func,
  .get_items = pa_repository_get_layouts,
  .matches = matches_func,
  .edit_action = "layouts.edit",
  .delete_action = "layouts.delete",
};

static const PaListPageSpec module_spec = {
  .columns = module_columns,
  .n_columns = N_COLUMNS,
  .initial_sort_column = COLUMN_TARGET,
  .factory_setup = G_CALLBACK (factory_setup_cb),
  .factory_bind = G_CALLBACK (factory_bind_cb),
  .factory_unbind = G_CALLBACK (factory_unbind_cb),
  .sort_func = sort_func,
  .get_items = pa_repository_get_module_layouts,
  .matches = matches_func,
  .edit_action = "layouts.edit-module",
  .delete_action = "layouts.delete-module",
};

/* ---- views ---------------------------------------------------------- */

static PaListPage *
visible_list (PaLayoutsPage *self)
{
  return self->view == PA_LAYOUTS_VIEW_MODULES ? &self->module_list : &self->list;
}

static void
view_toggled_cb (PaLayoutsPage *self)
{
  pa_layouts_page_set_view (self, gtk_toggle_button_get_active (self->modules_toggle)
                                  ? PA_LAYOUTS_VIEW_MODULES : PA_LAYOUTS_VIEW_PHONES);
}

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
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    {
      g_debug ("No toast overlay for: %s", adw_toast_get_title (toast));
      g_object_unref (toast);
    }
}

static PaResource *
selected_item (PaLayoutsPage *self)
{
  PaListPage *list = visible_list (self);
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
    add_toast (GTK_WIDGET (self), adw_toast_new (_("It was deleted in the meantime")));
  return resource;
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
               adw_toast_new (_("No phone model in the catalog can show this sidecar")));
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
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), dropdown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  request->view == PA_LAYOUTS_VIEW_PHONES
                                  ? _("Model") : _("Module"), -1);
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
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Name"), -1);
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
  GType type = g_str_equal (action_name, "layouts.edit-module") ? PA_TYPE_MODULE_LAYOUT
                                                                : PA_TYPE_LAYOUT;
  PaResource *resource = find_item (self, type, parameter);

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
      add_toast (GTK_WIDGET (self), adw_toast_new (error->message));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (_("“%s” created"), item_name (saved));
    add_toast (GTK_WIDGET (self), adw_toast_new (text));
  }
}

/* A copy that provd will store as new: server-owned members dropped, and
 * never the default (there is one per model). */
static PaResource *
duplicate_resource (PaResource *resource)
{
  g_autoptr(PaResource) copy = pa_resource_copy (resource);
  g_autofree char *name = g_strdup_printf (_("Copy of %s"), item_name (resource));

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
    add_toast (GTK_WIDGET (parent), adw_toast_new (message));
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

  if (!ok)
    toast_on (request->parent, error->message);
  else
    {
      g_autofree char *text = g_strdup_printf (_("“%s” deleted"), item_name (request->resource));
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
      pa_repository_delete_async (request->repository, request->resource, NULL,
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
                                             NULL, deleted_cb, request);
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
  in_use = item_count_phones (resource, phones);
  heading = g_strdup_printf (_("Delete “%s”?"), item_name (resource));

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
            || g_strcmp0 (item_target (other), item_target (resource)) != 0)
          continue;
        if (item_is_default (other))
          default_position = request->replacements->len;
        gtk_string_list_append (names, item_name (other));
        g_ptr_array_add (request->replacements, g_object_ref (other));
      }

    if (request->replacements->len == 0)
      {
        g_autofree char *model = pa_layout_model_display_name (item_target (resource));

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

static void
delete_cb (GtkWidget  *widget,
           const char *action_name,
           GVariant   *parameter)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (widget);
  GType type = g_str_equal (action_name, "layouts.delete-module") ? PA_TYPE_MODULE_LAYOUT
                                                                  : PA_TYPE_LAYOUT;
  PaResource *resource = find_item (self, type, parameter);

  if (resource != NULL)
    pa_layout_delete_interactive (page_window (self), self->list.repository, resource);
}

static void
delete_selected_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (widget);

  pa_list_page_delete_selected (visible_list (self));
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_layouts_page_dispose (GObject *object)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->list.page != NULL)
    pa_layouts_page_set_repository (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_LAYOUTS_PAGE);

  G_OBJECT_CLASS (pa_layouts_page_parent_class)->dispose (object);
}

static void
pa_layouts_page_finalize (GObject *object)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (object);

  pa_list_page_finalize (&self->list);
  pa_list_page_finalize (&self->module_list);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pa_layouts_page_parent_class)->finalize (object);
}

static void
pa_layouts_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (object);

  if (prop_id == PROP_VIEW)
    g_value_set_int (value, self->view);
  else
    pa_list_page_get_property (visible_list (self), prop_id, value, pspec);
}

static void
pa_layouts_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  PaLayoutsPage *self = PA_LAYOUTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      pa_layouts_page_set_view (self, g_value_get_int (value));
      break;
    case PA_LIST_PAGE_PROP_REPOSITORY:
      pa_layouts_page_set_repository (self, g_value_get_object (value));
      break;
    default:
      pa_list_page_set_property (visible_list (self), prop_id, value, pspec);
    }
}

static void
bind_module_list (GtkWidgetClass *widget_class)
{
  gsize offset = G_STRUCT_OFFSET (PaLayoutsPage, module_list);

  /* pa_list_page_bind_template() takes the fixed names, so the second list
   * binds its prefixed copies the same way. */
  gtk_widget_class_bind_template_child_full (widget_class, "module_search_bar", FALSE,
                                             offset + G_STRUCT_OFFSET (PaListPage, search_bar));
  gtk_widget_class_bind_template_child_full (widget_class, "module_search_entry", FALSE,
                                             offset + G_STRUCT_OFFSET (PaListPage, search_entry));
  gtk_widget_class_bind_template_child_full (widget_class, "module_stack", FALSE,
                                             offset + G_STRUCT_OFFSET (PaListPage, stack));
  gtk_widget_class_bind_template_child_full (widget_class, "module_column_view", FALSE,
                                             offset + G_STRUCT_OFFSET (PaListPage, column_view));
}

static void
pa_layouts_page_class_init (PaLayoutsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_layouts_page_dispose;
  object_class->finalize = pa_layouts_page_finalize;
  object_class->get_property = pa_layouts_page_get_property;
  object_class->set_property = pa_layouts_page_set_property;

  pa_list_page_install_properties (object_class, properties);
  properties[PROP_VIEW] =
    g_param_spec_int ("view", NULL, NULL, PA_LAYOUTS_VIEW_PHONES, PA_LAYOUTS_VIEW_MODULES,
                      PA_LAYOUTS_VIEW_PHONES,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_property (object_class, PROP_VIEW, properties[PROP_VIEW]);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/layouts/pa-layouts-page.ui");
  pa_list_page_bind_template (widget_class, G_STRUCT_OFFSET (PaLayoutsPage, list));
  bind_module_list (widget_class);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutsPage, phones_toggle);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutsPage, modules_toggle);
  gtk_widget_class_bind_template_child (widget_class, PaLayoutsPage, search_button);

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

static void
pa_layouts_page_init (PaLayoutsPage *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  pa_list_page_init (&self->list, GTK_WIDGET (self), &layout_spec, properties);
  pa_list_page_init (&self->module_list, GTK_WIDGET (self), &module_spec, properties);
  /* Typing searches the visible list only. */
  gtk_search_bar_set_key_capture_widget (self->module_list.search_bar, NULL);

  g_signal_connect_swapped (self->modules_toggle, "toggled", G_CALLBACK (view_toggled_cb), self);
  g_object_bind_property (self, "search-mode", self->search_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* ---- public --------------------------------------------------------- */

GtkWidget *
pa_layouts_page_new (void)
{
  return g_object_new (PA_TYPE_LAYOUTS_PAGE, NULL);
}

PaRepository *
pa_layouts_page_get_repository (PaLayoutsPage *self)
{
  g_return_val_if_fail (PA_IS_LAYOUTS_PAGE (self), NULL);

  return self->list.repository;
}

void
pa_layouts_page_set_repository (PaLayoutsPage *self,
                                PaRepository  *repository)
{
  g_return_if_fail (PA_IS_LAYOUTS_PAGE (self));
  g_return_if_fail (repository == NULL || PA_IS_REPOSITORY (repository));

  if (self->list.repository == repository)
    return;
  /* Both notify "repository": the second is the one that counts. */
  pa_list_page_set_repository (&self->module_list, repository);
  pa_list_page_set_repository (&self->list, repository);
}

gboolean
pa_layouts_page_get_search_mode (PaLayoutsPage *self)
{
  g_return_val_if_fail (PA_IS_LAYOUTS_PAGE (self), FALSE);

  return pa_list_page_get_search_mode (visible_list (self));
}

void
pa_layouts_page_set_search_mode (PaLayoutsPage *self,
                                 gboolean       search_mode)
{
  g_return_if_fail (PA_IS_LAYOUTS_PAGE (self));

  pa_list_page_set_search_mode (visible_list (self), search_mode);
}

PaLayoutsView
pa_layouts_page_get_view (PaLayoutsPage *self)
{
  g_return_val_if_fail (PA_IS_LAYOUTS_PAGE (self), PA_LAYOUTS_VIEW_PHONES);

  return self->view;
}

void
pa_layouts_page_set_view (PaLayoutsPage *self,
                          PaLayoutsView  view)
{
  PaListPage *old_list, *new_list;
  gboolean search_mode;

  g_return_if_fail (PA_IS_LAYOUTS_PAGE (self));

  if (self->view == view)
    return;

  old_list = visible_list (self);
  search_mode = pa_list_page_get_search_mode (old_list);
  gtk_search_bar_set_key_capture_widget (old_list->search_bar, NULL);
  self->view = view;
  new_list = visible_list (self);
  gtk_search_bar_set_key_capture_widget (new_list->search_bar, GTK_WIDGET (self));

  gtk_stack_set_visible_child_name (self->view_stack,
                                    view == PA_LAYOUTS_VIEW_MODULES ? "modules" : "phones");
  gtk_toggle_button_set_active (view == PA_LAYOUTS_VIEW_MODULES ? self->modules_toggle
                                                                : self->phones_toggle, TRUE);
  /* The search carries over, so switching lists keeps what was typed. */
  pa_list_page_set_query (new_list, old_list->query);
  pa_list_page_set_search_mode (old_list, FALSE);
  pa_list_page_set_search_mode (new_list, search_mode);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PA_LIST_PAGE_PROP_SEARCH_MODE]);
}

GtkColumnView *
pa_layouts_page_get_column_view (PaLayoutsPage *self)
{
  g_return_val_if_fail (PA_IS_LAYOUTS_PAGE (self), NULL);

  return visible_list (self)->column_view;
}

GtkSelectionModel *
pa_layouts_page_get_selection (PaLayoutsPage *self)
{
  g_return_val_if_fail (PA_IS_LAYOUTS_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (visible_list (self)->selection);
}

const char *
pa_layouts_page_get_state (PaLayoutsPage *self)
{
  g_return_val_if_fail (PA_IS_LAYOUTS_PAGE (self), NULL);

  return pa_list_page_get_state (visible_list (self));
}

void
pa_layouts_page_set_query (PaLayoutsPage *self,
                           const char    *query)
{
  g_return_if_fail (PA_IS_LAYOUTS_PAGE (self));

  pa_list_page_set_query (visible_list (self), query);
}
