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

#include "pa-bulk-bar.h"
#include "pa-bulk-progress.h"
#include "pa-bulk-run.h"
#include "pa-import-dialog.h"
#include "pa-list-page.h"
#include "pa-phone-filter.h"
#include "pa-phone-push.h"
#include "pa-phones-export.h"
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
  /* Shown when there is room; the phone editor's Status has them too. */
  [COLUMN_IP] = { "ip", N_("IP Address"), FALSE, TRUE },
  [COLUMN_FIRMWARE] = { "firmware", N_("Firmware"), FALSE, TRUE },
  [COLUMN_LAST_SEEN] = { "last-seen", N_("Last Seen"), FALSE },
};

struct _PaPhonesPage
{
  AdwBin              parent_instance;

  PaListPage          list;
  PaBulkProgress     *bulk_progress;
  PaBulkBar          *bulk_bar;
  /* The page's CSV actions for the window's header bar, which is not
   * inside the page (see root). */
  GSimpleActionGroup *header_actions;
};

G_DEFINE_FINAL_TYPE (PaPhonesPage, pa_phones_page, ADW_TYPE_BIN)

static GParamSpec *properties[PA_LIST_PAGE_N_PROPS];

/* ---- cells ---------------------------------------------------------- */

/* What a cell follows besides its phone (pa_list_cell_watch slots). */
enum
{
  WATCH_AGENTS,   /* the agent column: the repository's agents */
  WATCH_AGENT,    /* the agent column: the phone's agent */
};
#define WATCH_FIRMWARE 0   /* the firmware column: the uploaded firmware */
#define WATCH_OFFERED  1   /* the firmware column: the one on offer */

/* A cell's tooltip, or NULL: why a phone needs attention, when exactly
 * it was last seen. */
static char *
cell_tooltip (PaPhone *phone,
              guint    column)
{
  if (column == COLUMN_STATUS)
    {
      const char * const *attention = pa_phone_get_attention (phone);

      if (pa_phone_get_enabled (phone) && attention[0] != NULL)
        return g_strjoinv ("\n", (char **) attention);
    }
  else if (column == COLUMN_LAST_SEEN && pa_phone_get_last_seen (phone) > 0)
    {
      g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (pa_phone_get_last_seen (phone));

      return local != NULL ? g_date_time_format (local, "%c") : NULL;
    }
  return NULL;
}

/* What @phone's cell in @column says, NULL where it shows a placeholder
 * instead ("Unnamed", "—", the Unassigned badge, "Never"). The cells and
 * the CSV export both read it here, so a file says what the list said. */
static char *
column_text (PaPhone      *phone,
             guint         column,
             PaRepository *repo,
             gint64        now)
{
  const char *text = NULL;

  switch (column)
    {
    case COLUMN_NAME:
      text = pa_phone_get_name (phone);
      break;
    case COLUMN_MAC:
      text = pa_phone_get_mac (phone);
      break;
    case COLUMN_MODEL:
      return pa_phone_dup_model_display (phone);
    case COLUMN_AGENT:
      return pa_phone_dup_agent_name (phone, repo);
    case COLUMN_STATUS:
      {
        g_autofree char *reasons = cell_tooltip (phone, COLUMN_STATUS);

        /* A phone the server will not serve says so before anything else:
         * it would stay "Pending" forever without a word. */
        return g_strdup (reasons != NULL ? _("Needs Attention")
                                         : pa_phone_status_to_label (pa_phone_get_display_status (phone)));
      }
    case COLUMN_IP:
      text = pa_phone_get_ip (phone);
      break;
    case COLUMN_FIRMWARE:
      {
        PaFirmware *newer = repo != NULL
                            ? pa_firmware_find_newer (pa_repository_get_firmware (repo),
                                                      pa_phone_get_model (phone),
                                                      pa_phone_get_firmware (phone))
                            : NULL;

        /* Uploaded for its model and after what it runs: worth knowing
         * in the list, where a fleet's stragglers stand out. */
        if (newer != NULL)
          /* Translators: a phone's firmware, then the newer one uploaded for it */
          return g_strdup_printf (_("%s · %s available"), pa_phone_get_firmware (phone),
                                  pa_firmware_get_version (newer));
        text = pa_phone_get_firmware (phone);
      }
      break;
    case COLUMN_LAST_SEEN:
      if (pa_phone_get_last_seen (phone) > 0)
        return pa_format_last_seen (pa_phone_get_last_seen (phone), now);
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

static void
cell_update_agent (PaListCell *cell,
                   GtkWidget  *child)
{
  GtkWidget *label = gtk_widget_get_first_child (child);
  GtkWidget *badge = gtk_widget_get_next_sibling (label);
  PaRepository *repo = cell->list->repository;
  gint64 agent_id = pa_phone_get_agent_id (cell->item);
  PaResource *agent = NULL;
  g_autofree char *name = NULL;

  if (agent_id != 0 && repo != NULL)
    agent = pa_repository_find (repo, PA_TYPE_AGENT, agent_id);

  /* Follow the agent itself so a rename shows without a phone change. */
  pa_list_cell_watch (cell, WATCH_AGENT, agent, "notify::name");

  name = column_text (cell->item, COLUMN_AGENT, repo, 0);
  gtk_widget_set_visible (label, name != NULL);
  gtk_widget_set_visible (badge, name == NULL);
  gtk_label_set_label (GTK_LABEL (label), name ? name : "");
}

static void
cell_update (PaListCell *cell,
             GtkWidget  *child)
{
  PaPhone *phone = PA_PHONE (cell->item);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autofree char *text = NULL;

  if (cell->column == COLUMN_AGENT)
    {
      cell_update_agent (cell, child);
      return;
    }

  /* The firmware on offer may be corrected to an older version: follow it. */
  if (cell->column == COLUMN_FIRMWARE && cell->list->repository != NULL)
    pa_list_cell_watch (cell, WATCH_OFFERED,
                        pa_firmware_find_newer (pa_repository_get_firmware (cell->list->repository),
                                                pa_phone_get_model (phone),
                                                pa_phone_get_firmware (phone)),
                        "notify::version");
  text = column_text (phone, cell->column, cell->list->repository, now);
  switch (cell->column)
    {
    case COLUMN_NAME:
      pa_list_set_label (child, text, _("Unnamed"));
      break;
    case COLUMN_STATUS:
      {
        g_autofree char *reasons = cell_tooltip (phone, COLUMN_STATUS);

        pa_status_badge_set_label (PA_STATUS_BADGE (child), text);
        pa_status_badge_set_style (PA_STATUS_BADGE (child),
                                   reasons != NULL ? PA_BADGE_STYLE_ERROR
                                   : pa_phone_status_to_style (pa_phone_get_display_status (phone)));
        gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                        reasons != NULL ? reasons : "", -1);
      }
      break;
    case COLUMN_LAST_SEEN:
      {
        g_autofree char *never = pa_format_last_seen (0, now);

        pa_list_set_label (child, text, never);
      }
      break;
    case COLUMN_MAC:
    case COLUMN_MODEL:
    case COLUMN_IP:
    case COLUMN_FIRMWARE:
      pa_list_set_label (child, text, "—");
      break;
    case COLUMN_AGENT:
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

/* Asked only when the pointer rests on the cell: set at each bind,
 * GTK 4.8 asks the X server where the pointer is for every tooltip
 * set (a round trip: two thirds of a search's time, 1,600 cells a
 * keystroke; bench/app-fleet.sh with PA_APP_PERF_CALLGRAPH=dwarf). */
static gboolean
cell_query_tooltip_cb (GtkWidget  *child,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    column)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (child), "pa-list-item");
  gpointer phone = list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;
  g_autofree char *text = PA_IS_PHONE (phone) ? cell_tooltip (phone, GPOINTER_TO_UINT (column)) : NULL;

  gtk_tooltip_set_text (tooltip, text);
  return text != NULL;
}

static GtkWidget *
cell_new (guint column)
{
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
          gtk_label_set_width_chars (GTK_LABEL (child), column == COLUMN_NAME ? 12 : 19);
        }
      if (column == COLUMN_MAC || column == COLUMN_IP)
        gtk_widget_add_css_class (child, "monospace");
      if (column == COLUMN_NAME)
        gtk_widget_add_css_class (child, "heading");
    }

  if (column == COLUMN_STATUS || column == COLUMN_LAST_SEEN)
    {
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect (child, "query-tooltip", G_CALLBACK (cell_query_tooltip_cb),
                        GUINT_TO_POINTER (column));
    }
  return child;
}

static void
cell_bind (PaListCell *cell)
{
  /* A phone may arrive before its agent does. */
  if (cell->column == COLUMN_AGENT && cell->list->repository != NULL)
    pa_list_cell_watch (cell, WATCH_AGENTS, pa_repository_get_agents (cell->list->repository),
                        "items-changed");
  /* A firmware uploaded (or its version corrected) changes what it offers. */
  if (cell->column == COLUMN_FIRMWARE && cell->list->repository != NULL)
    pa_list_cell_watch (cell, WATCH_FIRMWARE, pa_repository_get_firmware (cell->list->repository),
                        "items-changed");
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
      result = pa_list_compare_keys (pa_phone_get_name_sort_key (pa),
                                     pa_phone_get_name_sort_key (pb));
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
matches_func (gpointer             item,
              const PaSearchQuery *query,
              PaRepository        *repository)
{
  return pa_phone_matches_query (PA_PHONE (item), query, repository);
}

/* Resync and Reboot… act on the selection, as Delete does. */
static void
push_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PaPhonesPage *self = PA_PHONES_PAGE (widget);
  g_autoptr(GPtrArray) phones = pa_list_page_get_targets (&self->list);

  if (self->list.repository == NULL)
    return;
  pa_phone_push_interactive (GTK_WINDOW (gtk_widget_get_root (widget)), self->list.repository,
                             phones, g_str_equal (action_name, "phones.reboot")
                                     ? PA_PHONE_PUSH_REBOOT : PA_PHONE_PUSH_RESYNC);
}

/* ---- the selection bar ---------------------------------------------- */

static void
update_bulk_bar (PaPhonesPage *self)
{
  g_autoptr(GtkBitset) selected =
    gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->list.selection));

  pa_bulk_bar_set_n_matching (self->bulk_bar,
                              g_list_model_get_n_items (G_LIST_MODEL (self->list.selection)));
  pa_bulk_bar_set_n_selected (self->bulk_bar, (guint) gtk_bitset_get_size (selected));
}

/* An action of the bar on the selected phones, as a server job. */
static void
bulk_run_cb (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PaPhonesPage *self = PA_PHONES_PAGE (widget);
  const PaBulkAction *action = pa_bulk_action_lookup (g_variant_get_string (parameter, NULL));
  g_autoptr(GPtrArray) phones = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  g_return_if_fail (action != NULL);
  if (self->list.repository == NULL)
    return;
  phones = pa_list_page_get_targets (&self->list);
  if (phones->len == 0)
    return;
  pa_bulk_run (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->list.repository, action,
               phones, self->bulk_progress);
}

/* Select All N: every phone the search shows. */
static void
bulk_select_all_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PaPhonesPage *self = PA_PHONES_PAGE (widget);

  gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->list.selection));
}

/* ---- import and export --------------------------------------------- */

static void
import_csv_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PaPhonesPage *self = PA_PHONES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->list.repository == NULL)
    return;
  gtk_window_present (GTK_WINDOW (pa_import_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                        self->list.repository)));
}

static void
export_csv_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  pa_phones_export_interactive (PA_PHONES_PAGE (widget));
}

/* The header's menu items are the page's own actions under the same
 * names: they only forward. */
static void
header_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_autofree char *name = g_strconcat ("phones.", g_action_get_name (G_ACTION (action)), NULL);

  gtk_widget_activate_action (GTK_WIDGET (user_data), name, NULL);
}

static void
update_csv_actions (PaPhonesPage *self)
{
  gboolean can_import = self->list.repository != NULL;
  /* What the list shows is what is written: nothing shown, nothing to write. */
  gboolean can_export = g_list_model_get_n_items (G_LIST_MODEL (self->list.selection)) > 0;
  GAction *action;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "phones.import-csv", can_import);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "phones.export-csv", can_export);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->header_actions), "import-csv");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), can_import);
  action = g_action_map_lookup_action (G_ACTION_MAP (self->header_actions), "export-csv");
  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), can_export);
}

static const PaListRowAction phone_row_actions[] = {
  { N_("Re_sync"), "phones.resync" },
  { N_("Re_boot…"), "phones.reboot" },
};

static const PaListPageSpec list_spec = {
  .title = N_("Phones"),
  .columns = columns,
  .n_columns = N_COLUMNS,
  .initial_sort_column = COLUMN_NAME,
  .cell_new = cell_new,
  .cell_bind = cell_bind,
  .cell_update = cell_update,
  .sort_func = sort_func,
  .get_items = pa_repository_get_phones,
  .matches = matches_func,
  .edit_action = "win.edit-phone",
  .row_actions = phone_row_actions,
  .n_row_actions = G_N_ELEMENTS (phone_row_actions),
};

/* ---- GObject -------------------------------------------------------- */

/* pa-list-page.c's, which this class chains to. */
static void (*list_page_finalize) (GObject *object);

static void
pa_phones_page_finalize (GObject *object)
{
  PaPhonesPage *self = PA_PHONES_PAGE (object);

  g_clear_object (&self->header_actions);

  list_page_finalize (object);
}

/* The window's header bar holds the page's buttons (pa-phones-header.ui)
 * outside the page, where the page's actions cannot be found: while the
 * page is in a window, that window has them too, under the same names. */
static void
pa_phones_page_root (GtkWidget *widget)
{
  PaPhonesPage *self = PA_PHONES_PAGE (widget);

  GTK_WIDGET_CLASS (pa_phones_page_parent_class)->root (widget);
  gtk_widget_insert_action_group (GTK_WIDGET (gtk_widget_get_root (widget)), "phones",
                                  G_ACTION_GROUP (self->header_actions));
}

static void
pa_phones_page_unroot (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (root != NULL)
    gtk_widget_insert_action_group (GTK_WIDGET (root), "phones", NULL);
  GTK_WIDGET_CLASS (pa_phones_page_parent_class)->unroot (widget);
}

static void
pa_phones_page_class_init (PaPhonesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  pa_list_page_class_setup (widget_class, G_STRUCT_OFFSET (PaPhonesPage, list),
                            properties,
                            "/org/example/PhoneAdmin/phones/pa-phones-page.ui",
                            "phones.delete-selected");
  g_type_ensure (PA_TYPE_BULK_BAR);
  g_type_ensure (PA_TYPE_BULK_PROGRESS);
  gtk_widget_class_bind_template_child (widget_class, PaPhonesPage, bulk_progress);
  gtk_widget_class_bind_template_child (widget_class, PaPhonesPage, bulk_bar);
  list_page_finalize = object_class->finalize;
  object_class->finalize = pa_phones_page_finalize;
  widget_class->root = pa_phones_page_root;
  widget_class->unroot = pa_phones_page_unroot;

  gtk_widget_class_install_action (widget_class, "phones.resync", "x", push_cb);
  gtk_widget_class_install_action (widget_class, "phones.reboot", "x", push_cb);
  gtk_widget_class_install_action (widget_class, "bulk.run", "s", bulk_run_cb);
  gtk_widget_class_install_action (widget_class, "bulk.select-all", NULL, bulk_select_all_cb);
  gtk_widget_class_install_action (widget_class, "phones.import-csv", NULL, import_csv_cb);
  gtk_widget_class_install_action (widget_class, "phones.export-csv", NULL, export_csv_cb);
}

static void
pa_phones_page_init (PaPhonesPage *self)
{
  static const GActionEntry header_entries[] = {
    { .name = "import-csv", .activate = header_action_cb },
    { .name = "export-csv", .activate = header_action_cb },
  };

  self->header_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->header_actions), header_entries,
                                   G_N_ELEMENTS (header_entries), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  pa_list_page_init (&self->list, GTK_WIDGET (self), &list_spec, properties);

  g_signal_connect_swapped (self->list.selection, "items-changed",
                            G_CALLBACK (update_csv_actions), self);
  g_signal_connect (self, "notify::repository", G_CALLBACK (update_csv_actions), NULL);
  update_csv_actions (self);
  g_signal_connect_swapped (self->list.selection, "items-changed",
                            G_CALLBACK (update_bulk_bar), self);
  g_signal_connect_swapped (self->list.selection, "selection-changed",
                            G_CALLBACK (update_bulk_bar), self);
  update_bulk_bar (self);
}

/* ---- public --------------------------------------------------------- */

GtkWidget *
pa_phones_page_new (void)
{
  return g_object_new (PA_TYPE_PHONES_PAGE, NULL);
}

/* Column ids: see the table at the top; get_column returns NULL for an
 * unknown id. */
PA_LIST_PAGE_DEFINE_ACCESSORS (PaPhonesPage, pa_phones_page, PA_IS_PHONES_PAGE)

GtkWidget *
pa_phones_page_get_bulk_bar (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);
  return GTK_WIDGET (self->bulk_bar);
}

GtkWidget *
pa_phones_page_get_bulk_progress (PaPhonesPage *self)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);
  return GTK_WIDGET (self->bulk_progress);
}

guint
pa_phones_page_get_n_columns (void)
{
  return N_COLUMNS;
}

const char *
pa_phones_page_get_column_title (guint column)
{
  g_return_val_if_fail (column < N_COLUMNS, NULL);
  return _(columns[column].title);
}

char *
pa_phones_page_dup_cell_text (PaPhonesPage *self,
                              PaPhone      *phone,
                              guint         column,
                              gint64        now)
{
  g_return_val_if_fail (PA_IS_PHONES_PAGE (self), NULL);
  g_return_val_if_fail (PA_IS_PHONE (phone), NULL);
  g_return_val_if_fail (column < N_COLUMNS, NULL);

  return column_text (phone, column, self->list.repository, now);
}
