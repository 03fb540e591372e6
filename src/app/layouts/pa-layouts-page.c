/* pa-layouts-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two lists in the plumbing of pa-list-page.c, one over the repository's
 * layouts and one over its module layouts, shown one at a time. Both sort
 * by model (or module) first, so the rows come grouped by what they fit;
 * GTK 4.8's column view has no section headers. The actions are in
 * pa-layouts-page-actions.c.
 */
#define G_LOG_DOMAIN "pa-layouts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-layouts-page-private.h"
#include "pa-phone-usage.h"
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
  return pa_phones_count_using (phones, PA_PHONE_USES_LAYOUT,
                                pa_resource_get_id (PA_RESOURCE (layout)));
}

guint
pa_module_layout_count_phones (PaModuleLayout *layout,
                               GListModel     *phones)
{
  return pa_phones_count_using (phones, PA_PHONE_USES_MODULE_LAYOUT,
                                pa_resource_get_id (PA_RESOURCE (layout)));
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
const char *
pa_layouts_item_name (gpointer item)
{
  return PA_IS_LAYOUT (item) ? pa_layout_get_name (item) : pa_module_layout_get_name (item);
}

static const char *
item_description (gpointer item)
{
  return PA_IS_LAYOUT (item) ? pa_layout_get_description (item)
                             : pa_module_layout_get_description (item);
}

const char *
pa_layouts_item_target (gpointer item)
{
  return PA_IS_LAYOUT (item) ? pa_layout_get_model (item) : pa_module_layout_get_module (item);
}

gboolean
pa_layouts_item_is_default (gpointer item)
{
  return PA_IS_LAYOUT (item) ? pa_layout_get_is_default (item)
                             : pa_module_layout_get_is_default (item);
}

guint
pa_layouts_item_count_phones (gpointer    item,
                   GListModel *phones)
{
  return PA_IS_LAYOUT (item) ? pa_layout_count_phones (item, phones)
                             : pa_module_layout_count_phones (item, phones);
}

static gboolean
matches_func (gpointer             item,
              const PaSearchQuery *query,
              PaRepository        *repository)
{
  g_autofree char *target = pa_layout_model_display_name (pa_layouts_item_target (item));

  return pa_search_query_matches_fields (query,
                                         (const char *[]) { pa_layouts_item_name (item),
                                                            item_description (item),
                                                            target,
                                                            pa_layouts_item_target (item) },
                                         4);
}

/* ---- cells ---------------------------------------------------------- */

static void
cell_update (PaListCell *cell,
             GtkWidget  *child)
{
  gpointer item = cell->item;

  switch (cell->column)
    {
    case COLUMN_TARGET:
      {
        g_autofree char *name = pa_layout_model_display_name (pa_layouts_item_target (item));
        pa_list_set_label (child, name, "—");
      }
      break;
    case COLUMN_NAME:
      pa_list_set_label (child, pa_layouts_item_name (item), _("Unnamed"));
      break;
    case COLUMN_DESCRIPTION:
      pa_list_set_label (child, item_description (item), "—");
      break;
    case COLUMN_DEFAULT:
      gtk_widget_set_visible (child, pa_layouts_item_is_default (item));
      break;
    case COLUMN_PHONES:
      {
        GListModel *phones = pa_list_cell_get_phones (cell);
        guint n = phones ? pa_layouts_item_count_phones (item, phones) : 0;
        g_autofree char *text = g_strdup_printf ("%u", n);

        pa_list_set_label (child, n > 0 ? text : NULL, text);
      }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static GtkWidget *
cell_new (guint column)
{
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

  return child;
}

static void
cell_bind (PaListCell *cell)
{
  if (cell->column == COLUMN_PHONES)
    pa_list_cell_follow_phones (cell);
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
        g_autofree char *na = pa_layout_model_display_name (pa_layouts_item_target (ia));
        g_autofree char *nb = pa_layout_model_display_name (pa_layouts_item_target (ib));

        /* Within a model, the default first, then by name: the groups read well. */
        result = pa_list_compare_strings (na, nb);
        if (result == 0)
          result = (int) pa_layouts_item_is_default (ib) - (int) pa_layouts_item_is_default (ia);
        if (result == 0)
          result = pa_list_compare_strings (pa_layouts_item_name (ia), pa_layouts_item_name (ib));
      }
      break;
    case COLUMN_NAME:
      result = pa_list_compare_strings (pa_layouts_item_name (ia), pa_layouts_item_name (ib));
      break;
    case COLUMN_DESCRIPTION:
      result = pa_list_compare_strings (item_description (ia), item_description (ib));
      break;
    case COLUMN_DEFAULT:
      result = (int) pa_layouts_item_is_default (ib) - (int) pa_layouts_item_is_default (ia);
      break;
    case COLUMN_PHONES:
      if (key->list->repository != NULL)
        {
          GListModel *phones = pa_repository_get_phones (key->list->repository);
          result = pa_list_compare_int64 (pa_layouts_item_count_phones (ia, phones),
                                          pa_layouts_item_count_phones (ib, phones));
        }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return pa_list_ordering (result, ia, ib);
}

static const PaListRowAction layout_row_actions[] = {
  { N_("D_uplicate"), "layouts.duplicate" },
};

static const PaListPageSpec layout_spec = {
  .title = N_("Layouts"),
  .columns = layout_columns,
  .n_columns = N_COLUMNS,
  .initial_sort_column = COLUMN_TARGET,
  .cell_new = cell_new,
  .cell_bind = cell_bind,
  .cell_update = cell_update,
  .sort_func = sort_func,
  .get_items = pa_repository_get_layouts,
  .matches = matches_func,
  .edit_action = "layouts.edit",
  .row_actions = layout_row_actions,
  .n_row_actions = G_N_ELEMENTS (layout_row_actions),
  .delete_items = pa_layouts_delete_items,
};

static const PaListPageSpec module_spec = {
  .title = N_("Sidecar Layouts"),
  .columns = module_columns,
  .n_columns = N_COLUMNS,
  .initial_sort_column = COLUMN_TARGET,
  .cell_new = cell_new,
  .cell_bind = cell_bind,
  .cell_update = cell_update,
  .sort_func = sort_func,
  .get_items = pa_repository_get_module_layouts,
  .matches = matches_func,
  .edit_action = "layouts.edit-module",
  .row_actions = layout_row_actions,
  .n_row_actions = G_N_ELEMENTS (layout_row_actions),
  .delete_items = pa_layouts_delete_items,
};

/* ---- views ---------------------------------------------------------- */

PaListPage *
pa_layouts_page_visible_list (PaLayoutsPage *self)
{
  return self->view == PA_LAYOUTS_VIEW_MODULES ? &self->module_list : &self->list;
}

static void
view_toggled_cb (PaLayoutsPage *self)
{
  pa_layouts_page_set_view (self, gtk_toggle_button_get_active (self->modules_toggle)
                                  ? PA_LAYOUTS_VIEW_MODULES : PA_LAYOUTS_VIEW_PHONES);
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
    pa_list_page_get_property (pa_layouts_page_visible_list (self), prop_id, value, pspec);
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
      pa_list_page_set_property (pa_layouts_page_visible_list (self), prop_id, value, pspec);
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

  pa_layouts_page_class_init_actions (widget_class);
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

  return pa_list_page_get_search_mode (pa_layouts_page_visible_list (self));
}

void
pa_layouts_page_set_search_mode (PaLayoutsPage *self,
                                 gboolean       search_mode)
{
  g_return_if_fail (PA_IS_LAYOUTS_PAGE (self));

  pa_list_page_set_search_mode (pa_layouts_page_visible_list (self), search_mode);
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

  old_list = pa_layouts_page_visible_list (self);
  search_mode = pa_list_page_get_search_mode (old_list);
  gtk_search_bar_set_key_capture_widget (old_list->search_bar, NULL);
  self->view = view;
  new_list = pa_layouts_page_visible_list (self);
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

  return pa_layouts_page_visible_list (self)->column_view;
}

GtkSelectionModel *
pa_layouts_page_get_selection (PaLayoutsPage *self)
{
  g_return_val_if_fail (PA_IS_LAYOUTS_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (pa_layouts_page_visible_list (self)->selection);
}

const char *
pa_layouts_page_get_state (PaLayoutsPage *self)
{
  g_return_val_if_fail (PA_IS_LAYOUTS_PAGE (self), NULL);

  return pa_list_page_get_state (pa_layouts_page_visible_list (self));
}

void
pa_layouts_page_set_query (PaLayoutsPage *self,
                           const char    *query)
{
  g_return_if_fail (PA_IS_LAYOUTS_PAGE (self));

  pa_list_page_set_query (pa_layouts_page_visible_list (self), query);
}
