/* pa-time-zones.c — a searchable drop-down of IANA time zones
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by every form that picks a time zone (the server's settings, a
 * profile). The table is read once per process; each drop-down keeps its
 * own GtkStringList (so a zone one form adds stays in that form), and
 * waits for the table if it is still being read.
 */
#define G_LOG_DOMAIN "pa-time-zones"

#include "config.h"

#include <string.h>

#include "pa-time-zones.h"

#define ZONE_TABLE "/usr/share/zoneinfo/zone1970.tab"

#define DATA_BASE "pa-time-zones-base"   /* entries before the table's: unset?, UTC */

/* The table's names once read (NULL before; empty when it cannot be). */
static GStrv table_names;
static gboolean table_loading;
/* GWeakRef *, the drop-downs waiting for the table. */
static GPtrArray *waiting;

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

GStrv
pa_time_zones_parse_table (const char *contents)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;

  /* "codes<TAB>coordinates<TAB>Area/City[<TAB>comment]" */
  lines = g_strsplit (contents != NULL ? contents : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      fields = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (fields) >= 3 && strchr (fields[2], '/') != NULL)
        g_ptr_array_add (names, g_strdup (fields[2]));
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static GtkStringList *
zones_of (GtkDropDown *dropdown)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  return GTK_IS_STRING_LIST (model) ? GTK_STRING_LIST (model) : NULL;
}

static guint
base_of (GtkDropDown *dropdown)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), DATA_BASE));
}

static gboolean
has_unset (GtkDropDown *dropdown)
{
  /* The base is the unset entry (when there is one) and UTC. */
  return base_of (dropdown) > 1;
}

static void
add_table (GtkDropDown *dropdown)
{
  GtkStringList *zones = zones_of (dropdown);
  g_autofree char *keep = NULL;
  guint base = base_of (dropdown);

  if (zones == NULL || table_names == NULL)
    return;
  keep = g_strdup (pa_time_zones_get_selected (dropdown));
  gtk_string_list_splice (zones, base, g_list_model_get_n_items (G_LIST_MODEL (zones)) - base,
                          (const char * const *) table_names);
  pa_time_zones_select (dropdown, keep);
}

static void
table_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) dropdowns = g_steal_pointer (&waiting);

  table_loading = FALSE;
  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, NULL, NULL, &error))
    {
      /* Without the table the list holds UTC and the zones in use. */
      g_debug ("No time zone table: %s", error->message);
      table_names = g_new0 (char *, 1);
    }
  else
    table_names = pa_time_zones_parse_table (contents);

  for (guint i = 0; dropdowns != NULL && i < dropdowns->len; i++)
    {
      GWeakRef *weak = g_ptr_array_index (dropdowns, i);
      g_autoptr(GtkDropDown) dropdown = g_weak_ref_get (weak);

      if (dropdown != NULL)
        add_table (dropdown);
    }
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

void
pa_time_zones_setup (GtkDropDown *dropdown,
                     const char  *unset_label)
{
  g_autoptr(GtkStringList) zones = gtk_string_list_new (NULL);
  g_autoptr(GtkExpression) expression = NULL;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  if (unset_label != NULL)
    gtk_string_list_append (zones, unset_label);
  gtk_string_list_append (zones, "UTC");
  g_object_set_data (G_OBJECT (dropdown), DATA_BASE,
                     GUINT_TO_POINTER (g_list_model_get_n_items (G_LIST_MODEL (zones))));

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (dropdown, expression);
  gtk_drop_down_set_enable_search (dropdown, TRUE);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (zones));

  if (table_names != NULL)
    {
      add_table (dropdown);
      return;
    }

  {
    GWeakRef *weak = g_new0 (GWeakRef, 1);

    g_weak_ref_init (weak, dropdown);
    if (waiting == NULL)
      waiting = g_ptr_array_new_with_free_func (weak_ref_free);
    g_ptr_array_add (waiting, weak);
  }
  if (!table_loading)
    {
      g_autoptr(GFile) file = g_file_new_for_path (ZONE_TABLE);

      table_loading = TRUE;
      /* Not cancelled with a window: the next form needs it too. */
      g_file_load_contents_async (file, NULL, table_loaded_cb, NULL);
    }
}

const char *
pa_time_zones_get_selected (GtkDropDown *dropdown)
{
  GtkStringList *zones;
  guint selected;

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), NULL);

  zones = zones_of (dropdown);
  selected = gtk_drop_down_get_selected (dropdown);
  if (zones == NULL || selected == GTK_INVALID_LIST_POSITION
      || (has_unset (dropdown) && selected == 0))
    return NULL;
  return gtk_string_list_get_string (zones, selected);
}

void
pa_time_zones_select (GtkDropDown *dropdown,
                      const char  *zone)
{
  GtkStringList *zones;
  guint first, n;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));

  zones = zones_of (dropdown);
  g_return_if_fail (zones != NULL);

  first = has_unset (dropdown) ? 1 : 0;
  n = g_list_model_get_n_items (G_LIST_MODEL (zones));
  if (zone == NULL || zone[0] == '\0')
    {
      gtk_drop_down_set_selected (dropdown, 0);
      return;
    }
  for (guint i = first; i < n; i++)
    if (g_str_equal (gtk_string_list_get_string (zones, i), zone))
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }
  gtk_string_list_append (zones, zone);
  gtk_drop_down_set_selected (dropdown, n);
}
