/* pa-layouts-page-private.h — what the Layouts page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-layouts-page.h"
#include "pa-list-page.h"

G_BEGIN_DECLS

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

/* pa-layouts-page.c */
PaListPage *pa_layouts_page_visible_list     (PaLayoutsPage *self);
/* Layouts and module layouts alike: @item is either. */
const char *pa_layouts_item_name             (gpointer       item);
const char *pa_layouts_item_target           (gpointer       item);   /* model or module id */
gboolean    pa_layouts_item_is_default       (gpointer       item);
guint       pa_layouts_item_count_phones     (gpointer       item,
                                              GListModel    *phones);

/* pa-layouts-page-actions.c: the layouts.* actions and their shortcuts */
void        pa_layouts_page_class_init_actions (GtkWidgetClass *widget_class);

G_END_DECLS
