/* pa-agent-palette.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The repository's agents → filter (search) → sort by name → a list view.
 * Each row drags a PA_DRAG_AGENT naming the agent it shows when the drag
 * starts, so a rename mid-drag still lands the right label.
 */
#define G_LOG_DOMAIN "pa-agent-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-accessible-names.h"
#include "pa-agent-palette.h"
#include "pa-agents-page.h"
#include "pa-key-button.h"
#include "pa-list-page.h"

struct _PaAgentPalette
{
  GtkWidget           parent_instance;

  GtkWidget          *box;
  GtkSearchEntry     *search_entry;
  GtkListView        *list_view;
  GtkStack           *stack;

  PaRepository       *repository;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkSingleSelection *selection;
  char               *query;
};

G_DEFINE_FINAL_TYPE (PaAgentPalette, pa_agent_palette, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_REPOSITORY,
  N_PROPS
};

enum
{
  SIGNAL_AGENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PaAgentPalette *self = user_data;

  return pa_agent_matches (PA_AGENT (item), self->query);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  int result = pa_list_compare_strings (pa_agent_get_name (PA_AGENT ((gpointer) a)),
                                        pa_agent_get_name (PA_AGENT ((gpointer) b)));

  return pa_list_ordering (result, a, b);
}

static void
update_state (PaAgentPalette *self)
{
  gboolean any = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0;

  gtk_stack_set_visible_child_name (self->stack, any ? "list" : "empty");
}

/* ---- rows ----------------------------------------------------------- */

static GdkContentProvider *
row_drag_prepare_cb (GtkDragSource *source,
                     double         x,
                     double         y,
                     GtkListItem   *list_item)
{
  PaAgent *agent = gtk_list_item_get_item (list_item);
  PaDragSource drag = { 0 };

  if (agent == NULL)
    return NULL;
  drag.kind = PA_DRAG_AGENT;
  drag.agent_id = pa_resource_get_id (PA_RESOURCE (agent));
  drag.agent_name = pa_agent_get_name (agent);
  drag.agent_extension = pa_agent_get_extension (agent);
  return pa_drag_source_content_new (&drag);
}

static void
row_drag_begin_cb (GtkDragSource *source,
                   GdkDrag       *drag,
                   GtkListItem   *list_item)
{
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (gtk_list_item_get_child (list_item));

  gtk_drag_source_set_icon (source, icon, 0, 0);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PaAgentPalette           *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = gtk_image_new_from_icon_name ("avatar-default-symbolic");
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *extension = gtk_label_new (NULL);
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (extension, "dim-label");
  gtk_widget_add_css_class (extension, "numeric");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), extension);
  gtk_widget_set_tooltip_text (box, _("Drag onto a key to make it a BLF for this agent"));
  gtk_list_item_set_child (list_item, box);

  gtk_drag_source_set_actions (drag, GDK_ACTION_COPY);
  g_signal_connect (drag, "prepare", G_CALLBACK (row_drag_prepare_cb), list_item);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (row_drag_begin_cb), list_item);
  gtk_widget_add_controller (box, GTK_EVENT_CONTROLLER (drag));
}

static void
row_update (GtkListItem *list_item)
{
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  GtkWidget *extension = gtk_widget_get_next_sibling (name);
  PaAgent *agent = gtk_list_item_get_item (list_item);
  g_autofree char *accessible = NULL;

  if (agent == NULL)
    return;
  pa_list_set_label (name, pa_agent_get_name (agent), _("Unnamed"));
  gtk_label_set_label (GTK_LABEL (extension), pa_agent_get_extension (agent));
  accessible = g_strdup_printf (_("%s, extension %s"), pa_agent_get_name (agent),
                                pa_agent_get_extension (agent));
  /* The row is what takes the focus, so what a screen reader reads. */
  pa_accessible_name_list_item (box, accessible);
}

static void
row_notify_cb (PaAgent     *agent,
               GParamSpec  *pspec,
               GtkListItem *list_item)
{
  row_update (list_item);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PaAgentPalette           *self)
{
  g_signal_connect_object (gtk_list_item_get_item (list_item), "notify",
                           G_CALLBACK (row_notify_cb), list_item, 0);
  row_update (list_item);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PaAgentPalette           *self)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item),
                                        row_notify_cb, list_item);
}

static void
activate_cb (PaAgentPalette *self,
             guint           position)
{
  g_autoptr(PaAgent) agent = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (agent != NULL)
    g_signal_emit (self, signals[SIGNAL_AGENT_ACTIVATED], 0, agent);
}

static void
search_changed_cb (PaAgentPalette *self)
{
  pa_agent_palette_set_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
search_activate_cb (PaAgentPalette *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* ---- GObject -------------------------------------------------------- */

static void
set_repository (PaAgentPalette *self,
                PaRepository   *repository)
{
  if (!g_set_object (&self->repository, repository))
    return;
  gtk_filter_list_model_set_model (self->filter_model,
                                   repository ? pa_repository_get_agents (repository) : NULL);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

static void
pa_agent_palette_dispose (GObject *object)
{
  PaAgentPalette *self = PA_AGENT_PALETTE (object);

  if (self->filter_model != NULL)
    gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->repository);

  G_OBJECT_CLASS (pa_agent_palette_parent_class)->dispose (object);
}

static void
pa_agent_palette_finalize (GObject *object)
{
  PaAgentPalette *self = PA_AGENT_PALETTE (object);

  g_free (self->query);

  G_OBJECT_CLASS (pa_agent_palette_parent_class)->finalize (object);
}

static void
pa_agent_palette_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PaAgentPalette *self = PA_AGENT_PALETTE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_agent_palette_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  PaAgentPalette *self = PA_AGENT_PALETTE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      set_repository (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_agent_palette_class_init (PaAgentPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_agent_palette_dispose;
  object_class->finalize = pa_agent_palette_finalize;
  object_class->get_property = pa_agent_palette_get_property;
  object_class->set_property = pa_agent_palette_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_AGENT_ACTIVATED] =
    g_signal_new ("agent-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, PA_TYPE_AGENT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "pa-agent-palette");
}

static void
pa_agent_palette_init (PaAgentPalette *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled, *empty;

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Search agents"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search agents"), -1);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->search_entry));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                              GTK_SORTER (gtk_custom_sorter_new (sort_func,
                                                                                 NULL, NULL)));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), self);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->list_view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Agents: drag one onto a key"), -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list_view));

  empty = gtk_label_new (_("No agents"));
  gtk_widget_add_css_class (empty, "dim-label");
  gtk_widget_set_valign (empty, GTK_ALIGN_START);
  gtk_widget_set_margin_top (empty, 12);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scrolled, "list");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));

  g_signal_connect_swapped (self->filter_model, "items-changed", G_CALLBACK (update_state), self);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect_swapped (self->search_entry, "search-changed",
                            G_CALLBACK (search_changed_cb), self);
  g_signal_connect_swapped (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  update_state (self);
}

/* ---- public --------------------------------------------------------- */

GtkWidget *
pa_agent_palette_new (PaRepository *repository)
{
  return g_object_new (PA_TYPE_AGENT_PALETTE, "repository", repository, NULL);
}

void
pa_agent_palette_set_query (PaAgentPalette *self,
                            const char     *query)
{
  g_return_if_fail (PA_IS_AGENT_PALETTE (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query ? query : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query ? query : "");
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

guint
pa_agent_palette_get_n_visible (PaAgentPalette *self)
{
  g_return_val_if_fail (PA_IS_AGENT_PALETTE (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
}

GtkWidget *
pa_agent_palette_get_row (PaAgentPalette *self,
                          gint64          agent_id)
{
  GtkWidget *child;

  g_return_val_if_fail (PA_IS_AGENT_PALETTE (self), NULL);

  /* The list view's rows are its children; each holds our box. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_widget_get_first_child (child);
      GtkWidget *name;

      if (box == NULL || !GTK_IS_BOX (box))
        continue;
      name = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sort_model)); i++)
        {
          g_autoptr(PaAgent) agent = g_list_model_get_item (G_LIST_MODEL (self->sort_model), i);

          if (pa_resource_get_id (PA_RESOURCE (agent)) == agent_id
              && g_strcmp0 (gtk_label_get_label (GTK_LABEL (name)), pa_agent_get_name (agent)) == 0)
            return box;
        }
    }
  return NULL;
}
