/* pa-store-private.h — what pa-store.c and pa-store-unit.c share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-store.h"

G_BEGIN_DECLS

/* pa-store-unit.c: whether a unit of work runs, shared by a store and
 * the siblings opened from it. */
typedef struct _PaStoreUnits PaStoreUnits;

void pa_store_units_share   (PaStore      *self,
                             PaStore      *sibling);
void pa_store_units_release (PaStoreUnits *units);

G_END_DECLS
