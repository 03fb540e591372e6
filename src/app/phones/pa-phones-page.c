/* pa-phones-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The repository's phone store → GtkFilterListModel (search) →
 * GtkSortListModel (the column view's sorter) → GtkMultiSelection. The
 * repository merges refreshes into the same objects, so cells follow their
 * phone's "notify" instead of waiting for a rebind.
 */
#define G_LOG_DOMAIN "pa-phones-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-phone-filter.h"
#include "pa-phones-page.h"
#include "pa-status-badge.h"

typedef enum
{
  COLUMN_NAME,
  COLUMN_MAC,
  COLUMN_MODEL,
  COLUMN_AGENT,
  COLUMN_STATUS,
  COLUMN_IP,
  COLUMN_FIRMWARE,
  COLUMN_LAST_SEEN,
  N_COLUMNS
} Column;

typedef struct
{
  const char *id;
  const char *title;   /* translated when used */
  gboolean    expand;
  int         fixed_width;
} ColumnInfo;

static const ColumnInfo columns[N_COLUMNS] = {
  [COLUMN_NAME] = { "name", N_("Name"), TRUE, -1 },
  [COLUMN_MAC] = { "mac", N_("MAC Address"), FALSE, -1 },
  [COLUMN_MODEL] = { "model", N_("Model"), TRUE, -1 },
  [COLUMN_AGENT] = { "agent", N_("Agent"), TRUE, -1 },
  [COLUMN_STATUS] = { "status", N_("Status"), FALSE, -1 },
  [COLUMN_IP] = { "ip", N_("IP Address"), FALSE, -1 },
  [COLUMN_FIRMWARE] = { "firmware", N_("Firmware"), FALSE, -1 },
  [COLUMN_LAST_SEEN] = { "last-seen", N_("Last Seen"), FALSE, -1 },
};

struct _PaPhonesPage
{
  AdwBin              parent_instance;

  GtkSearchBar       *search_bar;
  GtkSearchEntry     *search_entry;
  GtkStack           *stack;
  GtkColumnView      *column_view;

  PaRepository       *repository;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSortListModel   *sort_model;
  GtkMultiSelection  *selection;
  GtkColumnViewColumn *view_columns[N_COLUMNS];
  char               *query;
  gboolean            syncing_entry;
};

G_DEFINE_FINAL_TYPE (PaPhonesPage, pa_phones_page, ADW_TYPE_BIN)

enum
{
  PROP_0,
  PROP_REPOSITORY,
  PROP_SEARCH_MODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- cells ---------------------------------------------------------- */

/* What a bound cell listens to; freed (and disconnected) on unbind. */
typedef struct
{
  PaPhonesPage *page;
  GtkListItem  *list_item;   /* not a reference: owns us */
  Column        column;
  PaPhone      *phone;
  gulong        phone_handler;
  PaAgent      *agent;
  gulong        agent_handler;
  GListModel   *agents;
  gulong        agents_handler;
} CellBinding;

static void
cell_binding_free (gpointer data)
{
  CellBinding *binding = data;

  g_clear_signal_handler (&binding->phone_handler, binding->phone);
  g_clear_signal_handler (&binding->agent_handler, binding->agent);
  g_clear_signal_handler (&binding->agents_handler, binding->agents);
  g_clear_object (&binding->phone);
  g_clear_object (&binding->agent);
  g_clear_object (&binding->agents);
  g_free (binding);
}

static void
set_label (GtkWidget  *label,
           const char *text,
           const char *fallback)
{
  gboolean empty = text == NULL || text[0] == '\0';

  gtk_label_set_label (GTK_LABEL (label), empty ? fallback : text);
  if (empty)
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void cell_update (CellBinding *binding);

static void
cell_notify_cb (gpointer     instance,
                GParamSpec  *pspec,
                CellBinding *binding)
{
  cell_update (binding);
}

static void
cell_agents_changed_cb (GListModel  *agents,
                        guint        position,
                        guint        removed,
                        guint        added,
                        CellBinding *binding)
{
  cell_update (binding);
}

static void
cell_update_agent (CellBinding *binding,
                   GtkWidget   *child)
{
  GtkWidget *label = gtk_widget_get_first_child (child);
  GtkWidget *badge = gtk_widget_get_next_sibling (label);
  PaRepository *repo = binding->page->repository;
  gint64 agent_id = pa_phone_get_agent_id (binding->phone);
  PaResource *agent = NULL;
  g_autofree char *name = NULL;

  if (agent_id != 0 && repo != NULL)
    agent = pa_repository_find (repo, PA_TYPE_AGENT, agent_id);

  /* Follow the agent itself so a rename shows without a phone change. */
  if ((PaAgent *) agent != binding->agent)
    {
      g_clear_signal_handler (&binding->agent_handler, binding->agent);
      g_clear_object (&binding->agent);
      if (agent != NULL)
        {
          binding->agent = g_object_ref (PA_AGENT (agent));
          binding->agent_handler = g_signal_connect (binding->agent, "notify::name",
                                                     G_CALLBACK (cell_notify_cb), binding);
        }
    }

  name = pa_phone_dup_agent_name (binding->phone, repo);
  gtk_widget_set_visible (label, name != NULL);
  gtk_widget_set_visible (badge, name == NULL);
  gtk_label_set_label (GTK_LABEL (label), name ? name : "");
}

static void
cell_update (CellBinding *binding)
{
  GtkWidget *child = gtk_list_item_get_child (binding->list_item);
  PaPhone *phone = binding->phone;

  switch (binding->column)
    {
    case COLUMN_NAME:
      set_label (child, pa_phone_get_name (phone), _("Unnamed"));
      break;
    case COLUMN_MAC:
      set_label (child, pa_phone_get_mac (phone), "—");
      break;
    case COLUMN_MODEL:
      {
        g_autofree char *model = pa_phone_dup_model_display (phone);
        set_label (child, model, "—");
      }
      break;
    case COLUMN_AGENT:
      cell_update_agent (binding, child);
      break;
    case COLUMN_STATUS:
      pa_status_badge_set_phone_status (PA_STATUS_BADGE (child),
                                        pa_phone_get_display_status (phone));
      break;
    case COLUMN_IP:
      set_label (child, pa_phone_get_ip (phone), "—");
      break;
    case COLUMN_FIRMWARE:
      set_label (child, pa_phone_get_firmware (phone), "—");
      break;
    case COLUMN_LAST_SEEN:
      {
        gint64 seen = pa_phone_get_last_seen (phone);
        g_autofree char *text = pa_format_last_seen (seen, g_get_real_time () / G_USEC_PER_SEC);

        set_label (child, seen > 0 ? text : NULL, text);
        if (seen > 0)
          {
            g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (seen);
            g_autofree char *exact = local ? g_date_time_format (local, "%c") : NULL;
            gtk_widget_set_tooltip_text (child, exact);
          }
        else
          gtk_widget_set_tooltip_text (child, NULL);
      }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  PaPhonesPage             *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pa-column"));
  GtkWidget *child;

  if (column == COLUMN_STATUS)
    child = pa_status_badge_new ();
  else if (column == COLUMN_AGENT)
    {
      GtkWidget *label = gtk_label_new (NULL);
      GtkWidget *badge = pa_status_badge_new ();

      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 10);
      pa_status_badge_set_label (PA_STATUS_BADGE (badge), _("Unassigned"));
      gtk_box_append (GTK_BOX (child), label);
      gtk_box_append (GTK_BOX (child), badge);
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0);
      /* A column is as wide as its cells' minimum: short values that must
       * show whole are never ellipsized, free text gets a sensible minimum. */
      if (column == COLUMN_NAME || column == COLUMN_MODEL)
        {
          gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (GTK_LABEL (child), column == COLUMN_NAME ? 12 : 18);
        }
      if (column == COLUMN_MAC || column == COLUMN_IP)
        gtk_widget_add_css_class (child, "monospace");
      if (column == COLUMN_NAME)
        gtk_widget_add_css_class (child, "heading");
    }

  gtk_list_item_set_child (list_item, child);
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 PaPhonesPage             *self)
{
  CellBinding *binding = g_new0 (CellBinding, 1);

  binding->page = self;
  binding->list_item = list_item;
  binding->column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "pa-column"));
  binding->phone = g_object_ref (PA_PHONE (gtk_list_item_get_item (list_item)));
  binding->phone_handler = g_signal_connect (binding->phone, "notify",
                                             G_CALLBACK (cell_notify_cb), binding);
  if (binding->column == COLUMN_AGENT && self->repository != NULL)
    {
      /* A phone may arrive before its agent does. */
      binding->agents = g_object_ref (pa_repository_get_agents (self->repository));
      binding->agents_handler = g_signal_connect (binding->agents, "items-changed",
                                                  G_CALLBACK (cell_agents_changed_cb), binding);
    }

  g_object_set_data_full (G_OBJECT (list_item), "pa-cell-binding", binding, cell_binding_free);
  cell_update (binding);
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   PaPhonesPage             *self)
{
  g_object_set_data (G_OBJECT (list_item), "pa-cell-binding", NULL);
}

/* ---- sorting -------------------------------------------------------- */

typedef struct
{
  PaPhonesPage *page;
  Column        column;
} SortData;

static int
compare_strings (const char *a,
                 const char *b)
{
  g_autofree char *ka = NULL;
  g_autofree char *kb = NULL;

  /* Empty values go last whichever way the column is sorted first. */
  if ((a == NULL || a[0] == '\0') != (b == NULL || b[0] == '\0'))
    return (a == NULL || a[0] == '\0') ? 1 : -1;
  if (a == NULL || b == NULL)
    return 0;

  ka = g_utf8_collate_key_for_filename (a, -1);
  kb = g_utf8_collate_key_for_filename (b, -1);
  return strcmp (ka, kb);
}

/* 10.0.0.9 before 10.0.0.10: compare IPv4 numerically, the rest as text. */
static int
compare_ips (const char *a,
             const char *b)
{
  g_autoptr(GInetAddress) ia = a ? g_inet_address_new_from_string (a) : NULL;
  g_autoptr(GInetAddress) ib = b ? g_inet_address_new_from_string (b) : NULL;

  if (ia != NULL && ib != NULL
      && g_inet_address_get_family (ia) == g_inet_address_get_family (ib))
    {
      gsize len = g_inet_address_get_native_size (ia);
      return memcmp (g_inet_address_to_bytes (ia), g_inet_address_to_bytes (ib), len);
    }
  return compare_strings (a, b);
}

static int
compare_int64 (gint64 a,
               gint64 b)
{
  return (a > b) - (a < b);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  SortData *data = user_data;
  PaPhone *pa = PA_PHONE ((gpointer) a);
  PaPhone *pb = PA_PHONE ((gpointer) b);
  int result = 0;

  switch (data->column)
    {
    case COLUMN_NAME:
      result = compare_strings (pa_phone_get_name (pa), pa_phone_get_name (pb));
      break;
    case COLUMN_MAC:
      result = g_strcmp0 (pa_phone_get_mac (pa), pa_phone_get_mac (pb));
      break;
    case COLUMN_MODEL:
      {
        g_autofree char *ma = pa_phone_dup_model_display (pa);
        g_autofree char *mb = pa_phone_dup_model_display (pb);
        result = compare_strings (ma, mb);
      }
      break;
    case COLUMN_AGENT:
      {
        g_autofree char *na = pa_phone_dup_agent_name (pa, data->page->repository);
        g_autofree char *nb = pa_phone_dup_agent_name (pb, data->page->repository);
        result = compare_strings (na, nb);
      }
      break;
    case COLUMN_STATUS:
      result = compare_int64 (pa_phone_get_display_status (pa),
                              pa_phone_get_display_status (pb));
      break;
    case COLUMN_IP:
      result = compare_ips (pa_phone_get_ip (pa), pa_phone_get_ip (pb));
      break;
    case COLUMN_FIRMWARE:
      result = compare_strings (pa_phone_get_firmware (pa), pa_phone_get_firmware (pb));
      break;
    case COLUMN_LAST_SEEN:
      result = compare_int64 (pa_phone_get_last_seen (pa), pa_phone_get_last_seen (pb));
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  /* A stable order between equal rows, so a refresh does not shuffle them. */
  if (result == 0)
    result = compare_int64 (pa_resource_get_id (PA_RESOURCE (pa)),
                            pa_resource_get_id (PA_RESOURCE (pb)));
  return result < 0 ? GTK_ORDERING_SMALLER : result > 0 ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

/* ---- state ---------------------------------------------------------- */

static void
update_state (PaPhonesPage *self)
{
  const char *state;

  if (self->repository == NULL)
    state = "loading";
  else if (g_list_model_get_n_items (pa_repository_get_phones (self->repository)) == 0)
    state = pa_repository_get_loading (self->repository) ? "loading" : "empty";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    state = "no-results";
  else
    state = "list";

  gtk_stack_set_visible_child_name (self->stack, state);
}

static void
model_items_changed_cb (PaPhonesPage *self)
{
  update_state (self);
}

static void
repository_loading_cb (PaPhonesPage *self)
{
  update_state (self);
  if (pa_repository_get_loading (self->repository))
    return;

  /* A merge changes objects in place: the models cannot know, so sorting
   * and the search are asked again once the refresh has landed. */
  if (self->query != NULL && self->query[0] != '\0')
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  for (guint i = 0; i < N_COLUMNS; i++)
    gtk_sorter_changed (gtk_column_view_column_get_sorter (self->view_columns[i]),
                        GTK_SORTER_CHANGE_DIFFERENT);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PaPhonesPage *self = user_data;

  return pa_phone_matches (PA_PHONE (item), self->query, self->repository);
}

/* ---- callbacks ------------------------------------------------------ */

static void
search_changed_cb (PaPhonesPage *self)
{
  /* Setting the text clears it first, which the entry reports at once. */
  if (self->syncing_entry)
    return;
  pa_phones_page_set_query (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Enter in the search moves to the results, so the arrows and Enter work on them. */
static void
search_activate_cb (PaPhonesPage *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static PaPhone *
phone_at (PaPhonesPage *self,
          guint         position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  return item ? PA_PHONE (item) : NULL;   /* the store keeps it alive */
}

static void
column_view_activate_cb (PaPhonesPage *self,
                         guint         position)
{
  PaPhone *phone = phone_at (self, position);

  if (phone != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.edit-phone", "x",
                                pa_resource_get_id (PA_RESOURCE (phone)));
}

static void
delete_selected_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaPhonesPage *self = PA_PHONES_PAGE (widget);
  g_autoptr(GtkBitset) selected = NULL;
  PaPhone *phone;

  if (self->selection == NULL)
    return;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected))
    return;

  phone = phone_at (self, gtk_bitset_get_minimum (selected));
  if (phone != NULL)
    gtk_widget_activate_action (widget, "win.delete-phone", "x",
                                pa_resource_get_id (PA_RESOURCE (phone)));
}

static void
search_mode_changed_cb (PaPhonesPage *self)
{
  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_phones_page_dispose (GObject *object)
{
  PaPhonesPage *self = PA_PHONES_PAGE (object);

  pa_phones_page_set_repository (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_PHONES_PAGE);

  G_OBJECT_CLASS (pa_phones_page_parent_class)->dispose (object);
}

static void
pa_phones_page_finalize (GObject *object)
{
  PaPhonesPage *self = PA_PHONES_PAGE (object);

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_free (self->query);

  G_OBJECT_CLASS (pa_phones_page_parent_class)->finalize (object);
}

static void
pa_phones_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PaPhonesPage *self = PA_PHONES_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      g_value_set_object (value, self->repository);
      break;
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, pa_phones_page_get_search_mode (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_phones_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PaPhonesPage *self = PA_PHONES_PAGE (object);

  switch (prop_id)
    {
    case PROP_REPOSITORY:
      pa_phones_page_set_repository (self, g_value_get_object (value));
      break;
    case PROP_SEARCH_MODE:
      pa_phones_page_set_search_mode (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pa_phones_page_class_init (PaPhonesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_phones_page_dispose;
  object_class->finalize = pa_phones_page_finalize;
  object_class->get_property = pa_phones_page_get_property;
  object_class->set_property = pa_phones_page_set_property;

  properties[PROP_REPOSITORY] =
    g_param_spec_object ("repository", NULL, NULL, PA_TYPE_REPOSITORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/phones/pa-phones-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PaPhonesPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, PaPhonesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PaPhonesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PaPhonesPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "phones.delete-selected", NULL,
                                   delete_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "phones.delete-selected", NULL);
}

static void
pa_phones_page_init (PaPhonesPage *self)
{
  GtkSorter *view_sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;
      SortData *sort_data = g_new0 (SortData, 1);
      GtkColumnViewColumn *column;

      g_object_set_data (G_OBJECT (factory), "pa-column", GINT_TO_POINTER (i));
      g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), self);

      sort_data->page = self;
      sort_data->column = i;
      sorter = GTK_SORTER (gtk_custom_sorter_new (sort_func, sort_data, g_free));

      column = gtk_column_view_column_new (_(columns[i].title), g_steal_pointer (&factory));
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);
      self->view_columns[i] = column;
      g_object_unref (column);   /* the view holds it */
    }

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (NULL, GTK_FILTER (g_object_ref (self->filter)));
  view_sorter = gtk_column_view_get_sorter (self->column_view);
  self->sort_model = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filter_model)),
                                              g_object_ref (view_sorter));
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->view_columns[COLUMN_NAME],
                                  GTK_SORT_ASCENDING);

  g_signal_connect_swapped (self->filter_model, "items-changed",
                            G_CALLBACK (model_items_changed_cb), self);
  g_signal_connect_swapped (self->search_bar, "notify::search-mode-enabled",
                            G_CALLBACK (search_mode_changed_cb), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self));

  update_state (self);
}

/* ---- public --------------------------------------------------------- */

GtkWidget *
pa_phones_page_new (void)
{
  return g_object_new (PA_TYPE_PHONES_PAGE, NULL);
}

PaRepository *
pa_phones_page_get_repository (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);

  return self->repository;
}

void
pa_phones_page_set_repository (PaPhonesPage *self,
                               PaRepository *repository)
{
  g_return_if_fail (PA_IS_PHONES_PAGE (self));
  g_return_if_fail (repository == NULL || PA_IS_REPOSITORY (repository));

  if (self->repository == repository)
    return;

  if (self->repository != NULL)
    {
      g_signal_handlers_disconnect_by_data (pa_repository_get_phones (self->repository), self);
      g_signal_handlers_disconnect_by_data (self->repository, self);
    }

  /* The old phones leave the view first, so no cell outlives its repository. */
  if (self->filter_model != NULL)
    gtk_filter_list_model_set_model (self->filter_model, NULL);
  g_set_object (&self->repository, repository);

  if (repository != NULL)
    {
      GListModel *phones = pa_repository_get_phones (repository);

      g_signal_connect_swapped (phones, "items-changed",
                                G_CALLBACK (model_items_changed_cb), self);
      g_signal_connect_swapped (repository, "notify::loading",
                                G_CALLBACK (repository_loading_cb), self);
      gtk_filter_list_model_set_model (self->filter_model, phones);
    }

  if (self->stack != NULL)
    update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPOSITORY]);
}

gboolean
pa_phones_page_get_search_mode (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
pa_phones_page_set_search_mode (PaPhonesPage *self,
                                gboolean      search_mode)
{
  g_return_if_fail (PA_IS_PHONES_PAGE (self));

  /* The search bar notifies, and search_mode_changed_cb relays it. */
  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

GtkColumnView *
pa_phones_page_get_column_view (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);

  return self->column_view;
}

GtkSelectionModel *
pa_phones_page_get_selection (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->selection);
}

const char *
pa_phones_page_get_state (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
pa_phones_page_set_query (PaPhonesPage *self,
                          const char   *query)
{
  g_return_if_fail (PA_IS_PHONES_PAGE (self));

  if (g_strcmp0 (self->query, query) == 0)
    return;

  g_free (self->query);
  self->query = g_strdup (query);
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), query ? query : "") != 0)
    {
      self->syncing_entry = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query ? query : "");
      self->syncing_entry = FALSE;
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_state (self);
}

/* Column ids: see the table at the top. NULL for an unknown id. */
GtkColumnViewColumn *
pa_phones_page_get_column (PaPhonesPage *self,
                          const char   *id)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);

  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_strcmp0 (columns[i].id, id) == 0)
      return self->view_columns[i];
  return NULL;
}
