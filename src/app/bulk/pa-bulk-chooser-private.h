/* pa-bulk-chooser-private.h — what pa-bulk-chooser.c and
 * pa-bulk-chooser-sidecars.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-bulk-chooser.h"

G_BEGIN_DECLS

struct _PaBulkChooser
{
  AdwWindow           parent_instance;

  AdwWindowTitle     *window_title;
  GtkWidget          *choose_button;
  GtkStack           *stack;
  GtkLabel           *intro_label;
  GtkLabel           *note_label;
  GtkListBox         *list_box;
  AdwStatusPage      *empty_page;
  GtkWidget          *when_box;
  AdwComboRow        *when_row;
  GtkLabel           *when_note;

  PaRepository       *repo;
  const PaBulkAction *action;
  GPtrArray          *phones;     /* PaPhone */
  GPtrArray          *models;     /* char *, the phones' model ids, once each */
  GTask              *task;       /* until answered */

  GPtrArray          *checks;     /* GtkCheckButton, one per row; its "pa-id" the choice */
  GPtrArray          *combos;     /* AdwComboRow, one per sidecar position */
  GPtrArray          *combo_ids;  /* per position: a GArray of gint64, the combo's items' ids */
  char               *note;
};

/* A whole number node for @id, null for 0; transfer full. */
JsonNode *pa_bulk_chooser_id_node         (gint64         id);
/* The sidecar positions as combo rows, or the page saying there are none. */
void      pa_bulk_chooser_fill_sidecars   (PaBulkChooser *self);
/* [id or null, …], first sidecar first; transfer full. */
JsonNode *pa_bulk_chooser_sidecars_choice (PaBulkChooser *self);

G_END_DECLS
