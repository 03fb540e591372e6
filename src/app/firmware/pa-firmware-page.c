/* pa-firmware-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The repository's firmware store in the list plumbing of pa-list-page.c;
 * this file keeps the columns, cells, sorting and search, and
 * pa-firmware-page-actions.c what the page does (upload, edit, delete).
 */
#define G_LOG_DOMAIN "pa-firmware"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-firmware-form.h"
#include "pa-firmware-page-private.h"

typedef enum
{
  COLUMN_NAME,
  COLUMN_BRAND,
  COLUMN_MODELS,
  COLUMN_VERSION,
  COLUMN_SIZE,
  COLUMN_SHA256,
  COLUMN_PHONES,
  N_COLUMNS
} Column;

static const PaListColumn columns[N_COLUMNS] = {
  [COLUMN_NAME] = { "name", N_("Name"), TRUE },
  [COLUMN_BRAND] = { "brand", N_("Brand"), FALSE },
  [COLUMN_MODELS] = { "models", N_("Models"), TRUE },
  [COLUMN_VERSION] = { "version", N_("Version"), FALSE },
  [COLUMN_SIZE] = { "size", N_("Size"), FALSE },
  [COLUMN_SHA256] = { "sha256", N_("SHA-256"), FALSE, TRUE },
  [COLUMN_PHONES] = { "phones", N_("Phones to Update"), FALSE, TRUE },
};

G_DEFINE_FINAL_TYPE (PaFirmwarePage, pa_firmware_page, ADW_TYPE_BIN)

static GParamSpec *properties[PA_LIST_PAGE_N_PROPS];

/* ---- plain functions ------------------------------------------------ */

static gboolean
firmware_matches_query (PaFirmware          *firmware,
                        const PaSearchQuery *query)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  g_autofree char *models = pa_firmware_models_text (firmware, catalog);

  return pa_search_query_matches_fields (query,
                                         (const char *[]) {
                                           pa_firmware_get_name (firmware),
                                           pa_firmware_vendor_name (catalog,
                                                                    pa_firmware_get_vendor (firmware)),
                                           models,
                                           pa_firmware_get_version (firmware),
                                           pa_firmware_get_filename (firmware),
                                           pa_firmware_get_sha256 (firmware) },
                                         6);
}

gboolean
pa_firmware_matches (PaFirmware *firmware,
                     const char *query)
{
  g_autoptr(PaSearchQuery) search = pa_search_query_new (query);

  g_return_val_if_fail (PA_IS_FIRMWARE (firmware), FALSE);

  return firmware_matches_query (firmware, search);
}

/* ---- cells ---------------------------------------------------------- */

static void
cell_update (PaListCell *cell,
             GtkWidget  *child)
{
  PaFirmware *firmware = PA_FIRMWARE (cell->item);
  PaCatalog *catalog = pa_catalog_get_default ();

  switch (cell->column)
    {
    case COLUMN_NAME:
      pa_list_set_label (child, pa_firmware_get_name (firmware), _("Unnamed"));
      gtk_widget_set_tooltip_text (child, pa_firmware_get_filename (firmware));
      break;
    case COLUMN_BRAND:
      pa_list_set_label (child, pa_firmware_vendor_name (catalog, pa_firmware_get_vendor (firmware)),
                         "—");
      break;
    case COLUMN_MODELS:
      {
        g_autofree char *models = pa_firmware_models_text (firmware, catalog);

        pa_list_set_label (child, models, "—");
        gtk_widget_set_tooltip_text (child, models);
      }
      break;
    case COLUMN_VERSION:
      pa_list_set_label (child, pa_firmware_get_version (firmware), "—");
      break;
    case COLUMN_SIZE:
      {
        g_autofree char *size = g_format_size (pa_firmware_get_size (firmware));

        pa_list_set_label (child, size, "—");
      }
      break;
    case COLUMN_SHA256:
      {
        g_autofree char *short_sha = pa_firmware_short_sha256 (pa_firmware_get_sha256 (firmware));

        pa_list_set_label (child, short_sha, "—");
        gtk_widget_set_tooltip_text (child, pa_firmware_get_sha256 (firmware));
      }
      break;
    case COLUMN_PHONES:
      {
        GListModel *phones = pa_list_cell_get_phones (cell);
        guint n = phones != NULL ? pa_firmware_count_phones (firmware, phones) : 0;
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

  gtk_label_set_xalign (GTK_LABEL (child),
                        column == COLUMN_SIZE || column == COLUMN_PHONES ? 1 : 0);
  if (column == COLUMN_NAME || column == COLUMN_MODELS)
    {
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (child), column == COLUMN_NAME ? 16 : 12);
    }
  if (column == COLUMN_NAME)
    gtk_widget_add_css_class (child, "heading");
  if (column == COLUMN_SIZE || column == COLUMN_PHONES || column == COLUMN_VERSION)
    gtk_widget_add_css_class (child, "numeric");
  if (column == COLUMN_SHA256)
    gtk_widget_add_css_class (child, "monospace");
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
  PaFirmware *fa = PA_FIRMWARE ((gpointer) a);
  PaFirmware *fb = PA_FIRMWARE ((gpointer) b);
  PaCatalog *catalog = pa_catalog_get_default ();
  int result = 0;

  switch (key->column)
    {
    case COLUMN_NAME:
      result = pa_list_compare_strings (pa_firmware_get_name (fa), pa_firmware_get_name (fb));
      break;
    case COLUMN_BRAND:
      result = pa_list_compare_strings (pa_firmware_vendor_name (catalog, pa_firmware_get_vendor (fa)),
                                        pa_firmware_vendor_name (catalog, pa_firmware_get_vendor (fb)));
      break;
    case COLUMN_MODELS:
      {
        g_autofree char *ma = pa_firmware_models_text (fa, catalog);
        g_autofree char *mb = pa_firmware_models_text (fb, catalog);

        result = pa_list_compare_strings (ma, mb);
      }
      break;
    case COLUMN_VERSION:
      result = pa_firmware_version_compare (pa_firmware_get_version (fa),
                                            pa_firmware_get_version (fb));
      break;
    case COLUMN_SIZE:
      result = pa_list_compare_int64 (pa_firmware_get_size (fa), pa_firmware_get_size (fb));
      break;
    case COLUMN_SHA256:
      result = g_strcmp0 (pa_firmware_get_sha256 (fa), pa_firmware_get_sha256 (fb));
      break;
    case COLUMN_PHONES:
      if (key->list->repository != NULL)
        {
          GListModel *phones = pa_repository_get_phones (key->list->repository);

          result = pa_list_compare_int64 (pa_firmware_count_phones (fa, phones),
                                          pa_firmware_count_phones (fb, phones));
        }
      break;
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }

  return pa_list_ordering (result, fa, fb);
}

/* ---- search --------------------------------------------------------- */

static gboolean
matches_func (gpointer             item,
              const PaSearchQuery *query,
              PaRepository        *repository)
{
  return firmware_matches_query (PA_FIRMWARE (item), query);
}

static const PaListPageSpec list_spec = {
  .title = N_("Firmware"),
  .columns = columns,
  .n_columns = N_COLUMNS,
  .initial_sort_column = COLUMN_NAME,
  .cell_new = cell_new,
  .cell_bind = cell_bind,
  .cell_update = cell_update,
  .sort_func = sort_func,
  .get_items = pa_repository_get_firmware,
  .matches = matches_func,
  .edit_action = "firmware.edit",
  .delete_items = pa_firmware_delete_items,
};

/* ---- GObject -------------------------------------------------------- */

static void
pa_firmware_page_dispose (GObject *object)
{
  PaFirmwarePage *self = PA_FIRMWARE_PAGE (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->list.page != NULL)
    pa_list_page_set_repository (&self->list, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), PA_TYPE_FIRMWARE_PAGE);

  G_OBJECT_CLASS (pa_firmware_page_parent_class)->dispose (object);
}

static void
pa_firmware_page_finalize (GObject *object)
{
  PaFirmwarePage *self = PA_FIRMWARE_PAGE (object);

  pa_list_page_finalize (&self->list);

  G_OBJECT_CLASS (pa_firmware_page_parent_class)->finalize (object);
}

static void
pa_firmware_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  pa_list_page_get_property (&PA_FIRMWARE_PAGE (object)->list, prop_id, value, pspec);
}

static void
pa_firmware_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  pa_list_page_set_property (&PA_FIRMWARE_PAGE (object)->list, prop_id, value, pspec);
}

static void
pa_firmware_page_class_init (PaFirmwarePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pa_firmware_page_dispose;
  object_class->finalize = pa_firmware_page_finalize;
  object_class->get_property = pa_firmware_page_get_property;
  object_class->set_property = pa_firmware_page_set_property;
  pa_list_page_install_properties (object_class, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
    "/org/example/PhoneAdmin/firmware/pa-firmware-page.ui");
  pa_list_page_bind_template (widget_class, G_STRUCT_OFFSET (PaFirmwarePage, list));
  gtk_widget_class_bind_template_child (widget_class, PaFirmwarePage, search_button);

  pa_firmware_page_class_init_actions (widget_class);
}

static void
pa_firmware_page_init (PaFirmwarePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pa_list_page_init (&self->list, GTK_WIDGET (self), &list_spec, properties);
  g_object_bind_property (self, "search-mode", self->search_button, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
}

/* ---- public --------------------------------------------------------- */

GtkWidget *
pa_firmware_page_new (void)
{
  return g_object_new (PA_TYPE_FIRMWARE_PAGE, NULL);
}

GtkFileChooser *
pa_firmware_page_get_chooser (PaFirmwarePage *self)
{
  g_return_val_if_fail (PA_IS_FIRMWARE_PAGE (self), NULL);
  return self->chooser != NULL ? GTK_FILE_CHOOSER (self->chooser) : NULL;
}

/* Column ids: see the table at the top; get_column returns NULL for an
 * unknown id. */
PA_LIST_PAGE_DEFINE_ACCESSORS (PaFirmwarePage, pa_firmware_page, PA_IS_FIRMWARE_PAGE)
