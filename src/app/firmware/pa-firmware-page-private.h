/* pa-firmware-page-private.h — what the Firmware page's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-firmware-page.h"
#include "pa-list-page.h"

G_BEGIN_DECLS

struct _PaFirmwarePage
{
  AdwBin                parent_instance;

  PaListPage            list;
  GtkToggleButton      *search_button;
  GtkFileChooserNative *chooser;
};

/* pa-firmware-page-actions.c: the firmware.* actions */
void pa_firmware_page_class_init_actions (GtkWidgetClass *widget_class);
/* The list's Delete: asks once, then deletes one after the other; what
 * the server refuses (a firmware phones are to be updated to) is shown
 * with its reason. */
void pa_firmware_delete_items            (GtkWindow      *parent,
                                          PaRepository   *repository,
                                          GPtrArray      *items);

G_END_DECLS
