/* pa-delete-many.h — asking once, then deleting resources one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-repository.h"

G_BEGIN_DECLS

/* How a page names what it deletes. */
typedef struct
{
  /* The item's name, for "Could not delete “Lobby”". */
  const char *(*get_name)         (gpointer   item);
  /* The toast once some are gone: "Profile “Company” deleted", "3
   * profiles deleted"; @names holds the deleted items' names, in order. */
  char       *(*describe_deleted) (GPtrArray *names);
} PaDeleteKind;

/* Asks @heading / @body (Cancel, Delete) over @parent; on Delete, deletes
 * @items (PaResource) through @repository in order, with the window's
 * cancellable. Each the server refuses is told with its reason
 * (pa_report_error(): a toast that stays, or a dialog) and the rest go on;
 * a toast says what went. There is no Undo. */
void pa_delete_many_interactive (GtkWindow          *parent,
                                 PaRepository       *repository,
                                 GPtrArray          *items,
                                 const PaDeleteKind *kind,
                                 const char         *heading,
                                 const char         *body);

G_END_DECLS
