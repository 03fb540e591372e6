/* pa-profiles-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The repository's profile store in the list plumbing of pa-list-page.c;
 * this file keeps the profiles' columns, cells, sorting and search, the
 * page's actions, and delete, which the server may refuse (a profile
 * that phones or profiles still use): its message is shown as it is.
 */
#define G_LOG_DOMAIN "pa-profiles-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-delete-many.h"
#include "pa-list-page.h"
#include "pa-phone-actions.h"
#include "pa-profile-editor.h"
#include "pa-profile-inherit.h"
#include "pa-profiles-page.h"

typedef enum
{
  COLUMN_NAME,
  COLUMN_PARENT,
  COLUMN_DESCRIPTION,
  COLUMN_PHONES,
  N_COLUMNS
} Column;

static const PaListColumn columns[N_COLUMNS] = {
  [COLUMN_NAME] = { "name", N_("Name"), TRUE },
  [COLUMN_PARENT] = { "parent", N_("Inherits From"), FALSE },
  [COLUMN_DESCRIPTION] = { "description", N_("Description"), TRUE, TRUE },
  [COLUMN_PHONES] = { "phones", N_("Phones"), FALSE },
};

struct _PaProfilesPage
{
  AdwBin           parent_instance;

  PaListPage       list;
  GtkToggleButton *search_button;
};

G_DEFINE_FINAL_TYPE (PaProfilesPage, pa_profiles_page, ADW_TYPE_BIN)

static GParamSpec *properties[PA_LIST_PAGE_N_PROPS];

/* ---- plain functions ------------------------------------------------ */

static PaProfile *
parent_of (PaProfile    *profile,
           PaRepository *repository)
{
  gint64 id = pa_profile_get_parent_id (profile);

  if (id == 0 || repository == NULL)
    return NULL;
  return (PaProfile *) pa_repository_find (repository, PA_TYPE_PROFILE, id);
}

static const char *
parent_name (PaProfile    *profile,
             PaRepository *repository)
{
  PaProfile *parent = parent_of (profile, repository);

  return parent != NULL ? pa_profile_get_name (parent) : NULL;
}

/* ---- cells ---------------------------------------------------------- */

static void
cell_update (PaListCell *cell,
             GtkWidget  *child)
{
  PaProfile *profile = PA_PROFILE (cell->item);
  PaRepository *repository = cell->list->repository;

  switch (cell->column)
    {
    case COLUMN_NAME:
      pa_list_set_label (child, pa_profile_get_name (profile), _("Unnamed"));
      break;
    case COLUMN_PARENT:
      /* The parent's name follows a rename of the parent. */
      pa_list_cell_watch (cell, 0, parent_of (profile, repository), "notify::name");
      pa_list_set_label (child, parent_name (profile, repository), "—");
      break;
    case COLUMN_DESCRIPTION:
      pa_list_set_label (child, pa_profile_get_description (profile), "—");
      break;
    case COLUMN_PHONES:
      {
        GListModel *phones = pa_list_cell_get_phones (cell);
        guint n = phones ? pa_profile_count_phones (profile, phones) : 0;
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
  GtkWidget *child = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (child), column == COLUMN_PHONES ? 1 : 0);
  if (column != COLUMN_PHONES)
    {
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (child), column == COLUMN_DESCRIPTION ? 18 : 12);
    }
  if (column == COLUMN_NAME)
    gtk_widget_add_css_class (child, "heading");
  if (column == COLUMN_PHONES)
    gtk_widget_add_css_class (child, "numeric");
  return child;
}

static void
cell_bind (PaListCell *cell)
{
  if (cell->column == COLUMN_PHONES)
    pa_list_cell_follow_phones (cell);
  else if (cell->column == COLUMN_PARENT && cell->list->repository != NULL)
    /* A parent added or deleted. */
    pa_list_cell_watch (cell, 1, pa_repository_get_profiles (cell->list->repository),
                        "items-changed");
}

/* ---- sorting -------------------------------------------------------- */

static int
sort_func (gconstpointer a,
           gconstpointer b,
           gpointer      user_data)
{
  PaListSortKey *key = user_data;
  PaProfile *pa = PA_PROFILE ((gpointer) a);
  PaProfile *pb = PA_PROFILE ((gpointer) b);
  PaRepository *repository = key->list->repository;
  int result = 0;

  switch (key->column)
    {
    case COLUMN_NAME:
      result = pa_list_compare_strings (pa_profile_get_name (pa), pa_profile_get_name (pb));
      break;
    case COLUMN_PARENT:
      result = pa_list_compare_strings (parent_name (pa, repository), parent_name (pb, repository));
      break;
    case COLUMN_DESCRIPTION:
      result = pa_list_compare_strings (pa_profile_get_description (pa),
                                        pa_profile_get_description (pb));
      break;
    case COLUMN_PHONES:
      if (repository != NULL)
        {
          GListModel *phones = pa_repository_get_phones (repository);

          result = pa_list_compare_int64 (pa_profile_count_phones (pa, phones),
                                          pa_profile_count_phones (pb, phones));
        }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return pa_list_ordering (result, pa, pb);
}

/* ---- search --------------------------------------------------------- */

static gboolean
matches_func (gpointer             item,
              const PaSearchQuery *query,
              PaRepository        *repository)
{
  PaProfile *profile = PA_PROFILE (item);

  return pa_search_query_matches_fields (query,
                                         (const char *[]) { pa_profile_get_name (profile),
                                                            pa_profile_get_description (profile),
                                                            parent_name (profile, repository) },
                                         3);
}

static const PaListPageSpec list_spec = {
  .title = N_("Profiles"),
  .columns = columns,
  .n_columns = N_COLUMNS,
  .initial_sort_column = COLUMN_NAME,
  .cell_new = cell_new,
  .cell_bind = cell_bind,
  .cell_update = cell_update,
  .sort_func = sort_func,
  .get_items = pa_repository_get_profiles,
  .matches = matches_func,
  .edit_action = "profiles.edit",
  .delete_items = pa_profiles_delete_items,
};

/* ---- delete --------------------------------------------------------- */

static const char *
profile_name (gpointer item)
{
  return pa_profile_get_name (PA_PROFILE (item));
}

static char *
describe_deleted (GPtrArray *names)
{
  if (names->len == 1)
    return g_strdup_printf (_("Profile “%s” deleted"), (const char *) g_ptr_array_index (names, 0));
  return g_strdup_printf (g_dngettext (NULL, "%u profile deleted", "%u profiles deleted",
                                       names->len), names->len);
}

static const PaDeleteKind profile_kind = { profile_name, describe_deleted };

void
pa_profiles_delete_items (GtkWindow    *parent,
                          PaRepository *repository,
                          GPtrArray    *items)
{
  g_autofree char *heading = NULL;

  g_return_if_fail (PA_IS_REPOSITORY (repository));
  g_return_if_fail (items != NULL && items->len > 0);

  if (items->len == 1)
    heading = g_strdup_printf (_("Delete “%s”?"),
                               pa_profile_get_name (g_ptr_array_index (items, 0)));
  else
    heading = g_strdup_printf (g_dngettext (NULL, "Delete %u Profile?", "Delete %u Profiles?",
                                            items->len), items->len);
  pa_delete_many_interactive (parent, repository, items, &profile_kind, heading,
                              _("It cannot be undone. A profile that phones or other profiles "
                                "still use is kept."));
}

/* ---- actions -------------------------------------------------------- */

static GtkWindow *
page_window (PaProfilesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
new_cb (GtkWidget  *widget,
        const char *action_name,
        GVariant   *parameter)
{
  PaProfilesPage *self = PA_PROFILES_PAGE (widget);

  if (self->list.repository != NULL)
    gtk_window_present (GTK_WINDOW (pa_profile_editor_new (page_window (self),
                                                           self->list.repository, NULL)));
}

static void
edit_cb (GtkWidget  *widget,
         const char *action_name,
         GVariant   *parameter)
{
  PaProfilesPage *self = PA_PROFILES_PAGE (widget);
  PaResource *profile;

  if (self->list.repository == NULL)
    return;
  profile = pa_repository_find (self->list.repository, PA_TYPE_PROFILE,
                                g_variant_get_int64 (parameter));
  if (profile == NULL)
    {
      pa_show_toast (widget, _("It was deleted in the meantime"));
      return;
    }
  gtk_window_present (GTK_WINDOW (pa_profile_editor_new (page_window (self),
                                                         self->list.repository,
                                                         PA_PROFILE (profile))));
}

/* ---- GObject -------------------------------------------------------- */

static void
pa_profiles_page_class_init (PaProfilesPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  pa_list_page_class_setup (widget_class, G_STRUCT_OFFSET (PaProfilesPage, list), properties,
                            "/org/example/PhoneAdmin/profiles/pa-profiles-page.ui",
                            "profiles.delete-selected");
  gtk_widget_class_bind_template_child (widget_class, PaProfilesPage, search_button);

  gtk_widget_class_install_action (widget_class, "profiles.new", NULL, new_cb);
  gtk_widget_class_install_action (widget_class, "profiles.edit", "x", edit_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "profiles.new", NULL);
}

static void
pa_profiles_page_init (PaProfilesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pa_list_page_init (&self->list, GTK_WIDGET (self), &list_spec, properties);
  g_object_bind_property (self, "search-mode", self->search_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* ---- public --------------------------------------------------------- */

GtkWidget *
pa_profiles_page_new (void)
{
  return g_object_new (PA_TYPE_PROFILES_PAGE, NULL);
}

PA_LIST_PAGE_DEFINE_ACCESSORS (PaProfilesPage, pa_profiles_page, PA_IS_PROFILES_PAGE)
