/* pa-phones-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The repository's phone store in the list plumbing of pa-list-page.c;
 * this file keeps the phones' columns, cells, sorting and search. The
 * repository merges refreshes into the same objects, so cells follow their
 * phone's "notify" instead of waiting for a rebind.
 */
#define G_LOG_DOMAIN "pa-phones-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-list-page.h"
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

static const PaListColumn columns[N_COLUMNS] = {
  [COLUMN_NAME] = { "name", N_("Name"), TRUE },
  [COLUMN_MAC] = { "mac", N_("MAC Address"), FALSE },
  [COLUMN_MODEL] = { "model", N_("Model"), TRUE },
  [COLUMN_AGENT] = { "agent", N_("Agent"), TRUE },
  [COLUMN_STATUS] = { "status", N_("Status"), FALSE },
  [COLUMN_IP] = { "ip", N_("IP Address"), FALSE },
  [COLUMN_FIRMWARE] = { "firmware", N_("Firmware"), FALSE },
  [COLUMN_LAST_SEEN] = { "last-seen", N_("Last Seen"), FALSE },
};

struct _PaPhonesPage
{
  AdwBin     parent_instance;

  PaListPage list;
};

G_DEFINE_FINAL_TYPE (PaPhonesPage, pa_phones_page, ADW_TYPE_BIN)

static GParamSpec *properties[PA_LIST_PAGE_N_PROPS];

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
  PaRepository *repo = binding->page->list.repository;
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
      pa_list_set_label (child, pa_phone_get_name (phone), _("Unnamed"));
      break;
    case COLUMN_MAC:
      pa_list_set_label (child, pa_phone_get_mac (phone), "—");
      break;
    case COLUMN_MODEL:
      {
        g_autofree char *model = pa_phone_dup_model_display (phone);
        pa_list_set_label (child, model, "—");
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
      pa_list_set_label (child, pa_phone_get_ip (phone), "—");
      break;
    case COLUMN_FIRMWARE:
      pa_list_set_label (child, pa_phone_get_firmware (phone), "—");
      break;
    case COLUMN_LAST_SEEN:
      {
        gint64 seen = pa_phone_get_last_seen (phone);
        g_autofree char *text = pa_format_last_seen (seen, g_get_real_time () / G_USEC_PER_SEC);

        pa_list_set_label (child, seen > 0 ? text : NULL, text);
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
  if (binding->column == COLUMN_AGENT && self->list.repository != NULL)
    {
      /* A phone may arrive before its agent does. */
      binding->agents = g_object_ref (pa_repository_get_agents (self->list.repository));
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
  return pa_list_compare_strings (a, b);
}

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  PaListSortKey *key = user_data;
  PaPhone *pa = PA_PHONE ((gpointer) a);
  PaPhone *pb = PA_PHONE ((gpointer) b);
  int result = 0;

  switch (key->column)
    {
    case COLUMN_NAME:
      result = pa_list_compare_strings (pa_phone_get_name (pa), pa_phone_get_name (pb));
      break;
    case COLUMN_MAC:
      result = g_strcmp0 (pa_phone_get_mac (pa), pa_phone_get_mac (pb));
      break;
    case COLUMN_MODEL:
      {
        g_autofree char *ma = pa_phone_dup_model_display (pa);
        g_autofree char *mb = pa_phone_dup_model_display (pb);
        result = pa_list_compare_strings (ma, mb);
      }
      break;
    case COLUMN_AGENT:
      {
        g_autofree char *na = pa_phone_dup_agent_name (pa, key->list->repository);
        g_autofree char *nb = pa_phone_dup_agent_name (pb, key->list->repository);
        result = pa_list_compare_strings (na, nb);
      }
      break;
    case COLUMN_STATUS:
      result = pa_list_compare_int64 (pa_phone_get_display_status (pa),
                              pa_phone_get_display_status (pb));
      break;
    case COLUMN_IP:
      result = compare_ips (pa_phone_get_ip (pa), pa_phone_get_ip (pb));
      break;
    case COLUMN_FIRMWARE:
      result = pa_list_compare_strings (pa_phone_get_firmware (pa), pa_phone_get_firmware (pb));
      break;
    case COLUMN_LAST_SEEN:
      result = pa_list_compare_int64 (pa_phone_get_last_seen (pa), pa_phone_get_last_seen (pb));
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return pa_list_ordering (result, pa, pb);
}

/* ---- search and actions -------------------------------------------- */

static gboolean
matches_func (gpointer      item,
              const char   *query,
              PaRepository *repository)
{
  return pa_phone_matches (PA_PHONE (item), query, repository);
}

static void
delete_selected_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pa_list_page_delete_selected (&PA_PHONES_PAGE (widget)->list);
}

static const PaListPageSpec list_spec = {
  .columns = columns,
  .n_columns = N_COLUMNS,
  .initial_sort_column = COLUMN_NAME,
  .factory_setup = G_CALLBACK (factory_setup_cb),
  .factory_bind = G_CALLBACK (factory_bind_cb),
  .factory_unbind = G_CALLBACK (factory_unbind_cb),
  .sort_func = sort_func,
  .get_items = pa_repository_get_phones,
  .matches = matches_func,
  .edit_action = "win.edit-phone",
  .delete_action = "win.delete-phone",
};

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

  pa_list_page_finalize (&self->list);

  G_OBJECT_CLASS (pa_phones_page_parent_class)->finalize (object);
}

static void
pa_phones_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  pa_list_page_get_property (&PA_PHONES_PAGE (object)->list, prop_id, value, pspec);
}

static void
pa_phones_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  pa_list_page_set_property (&PA_PHONES_PAGE (object)->list, prop_id, value, pspec);
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

  pa_list_page_install_properties (object_class, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/example/PhoneAdmin/phones/pa-phones-page.ui");
  pa_list_page_bind_template (widget_class, G_STRUCT_OFFSET (PaPhonesPage, list));

  gtk_widget_class_install_action (widget_class, "phones.delete-selected", NULL,
                                   delete_selected_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0,
                                       "phones.delete-selected", NULL);
}

static void
pa_phones_page_init (PaPhonesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pa_list_page_init (&self->list, GTK_WIDGET (self), &list_spec, properties);
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

  return self->list.repository;
}

void
pa_phones_page_set_repository (PaPhonesPage *self,
                               PaRepository *repository)
{
  g_return_if_fail (PA_IS_PHONES_PAGE (self));
  g_return_if_fail (repository == NULL || PA_IS_REPOSITORY (repository));

  pa_list_page_set_repository (&self->list, repository);
}

gboolean
pa_phones_page_get_search_mode (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), FALSE);

  return pa_list_page_get_search_mode (&self->list);
}

void
pa_phones_page_set_search_mode (PaPhonesPage *self,
                                gboolean      search_mode)
{
  g_return_if_fail (PA_IS_PHONES_PAGE (self));

  pa_list_page_set_search_mode (&self->list, search_mode);
}

GtkColumnView *
pa_phones_page_get_column_view (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);

  return self->list.column_view;
}

GtkSelectionModel *
pa_phones_page_get_selection (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);

  return GTK_SELECTION_MODEL (self->list.selection);
}

const char *
pa_phones_page_get_state (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);

  return pa_list_page_get_state (&self->list);
}

void
pa_phones_page_set_query (PaPhonesPage *self,
                          const char   *query)
{
  g_return_if_fail (PA_IS_PHONES_PAGE (self));

  pa_list_page_set_query (&self->list, query);
}

/* Column ids: see the table at the top. NULL for an unknown id. */
GtkColumnViewColumn *
pa_phones_page_get_column (PaPhonesPage *self,
                          const char   *id)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);

  return pa_list_page_get_column (&self->list, id);
}
