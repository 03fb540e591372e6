/* pa-layouts-page.h — the Layouts section: layouts grouped by model, and
 * module layouts grouped by expansion module
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-layout.h"
#include "pa-module-layout.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_LAYOUTS_PAGE (pa_layouts_page_get_type ())
G_DECLARE_FINAL_TYPE (PaLayoutsPage, pa_layouts_page, PA, LAYOUTS_PAGE, AdwBin)

/* Which list the page shows. */
typedef enum
{
  PA_LAYOUTS_VIEW_PHONES,    /* phone layouts, grouped by model */
  PA_LAYOUTS_VIEW_MODULES,   /* module layouts, grouped by module type */
} PaLayoutsView;

/* Properties: "repository" (PaRepository, nullable), "search-mode" (bool),
 * "view" (PaLayoutsView as int).
 * Actions (on the page): layouts.new (s: model or module id, "" asks),
 * layouts.edit (x), layouts.duplicate (x), layouts.delete (x),
 * layouts.delete-selected (Delete), layouts.duplicate-selected.
 * In the modules view the ids are module layouts' ids. */
GtkWidget         *pa_layouts_page_new            (void);
PaRepository      *pa_layouts_page_get_repository (PaLayoutsPage *self);
void               pa_layouts_page_set_repository (PaLayoutsPage *self,
                                                   PaRepository  *repository);
gboolean           pa_layouts_page_get_search_mode (PaLayoutsPage *self);
void               pa_layouts_page_set_search_mode (PaLayoutsPage *self,
                                                    gboolean       search_mode);
PaLayoutsView      pa_layouts_page_get_view       (PaLayoutsPage *self);
void               pa_layouts_page_set_view       (PaLayoutsPage *self,
                                                   PaLayoutsView  view);
GtkColumnView     *pa_layouts_page_get_column_view (PaLayoutsPage *self);   /* of the visible view */
GtkSelectionModel *pa_layouts_page_get_selection  (PaLayoutsPage *self);    /* of the visible view */
/* "list", "empty", "no-results" or "loading", of the visible view */
const char        *pa_layouts_page_get_state      (PaLayoutsPage *self);
void               pa_layouts_page_set_query      (PaLayoutsPage *self,
                                                   const char    *query);

/* Plain functions. How many phones use the layout (by layout_id), or
 * show the module layout on one of their modules. */
guint              pa_layout_count_phones         (PaLayout       *layout,
                                                   GListModel     *phones);
guint              pa_module_layout_count_phones  (PaModuleLayout *layout,
                                                   GListModel     *phones);
/* The catalog name of a layout's model ("T54W"), or the id when unknown. */
char              *pa_layout_model_display_name   (const char     *model_or_module_id);

/* Asks for a replacement when the layout is in use (a combo of layouts of
 * the same model, or module), then deletes; a toast on @toast_target's
 * nearest AdwToastOverlay reports the result. @resource: PaLayout or
 * PaModuleLayout. */
void               pa_layout_delete_interactive   (GtkWindow      *parent,
                                                   PaRepository   *repository,
                                                   PaResource     *resource);
/* The list's Delete: one layout as pa_layout_delete_interactive(), several
 * with one question (refused, saying why, when phones use any of them). */
void               pa_layouts_delete_items        (GtkWindow      *parent,
                                                   PaRepository   *repository,
                                                   GPtrArray      *items);

G_END_DECLS
