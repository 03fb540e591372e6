/* pa-repository-private.h — what pa-repository.c and pa-repository-merge.c
 * share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-repository.h"

G_BEGIN_DECLS

/* One kind's objects: the store the views show and its index by id. */
typedef struct
{
  GType       type;
  GListStore *store;
  /* id (gint64*, owned) → the object in the store (unowned) */
  GHashTable *by_id;
  /* Bumped by every save/delete merge, so a list that was asked for before
   * it cannot put older data back. */
  guint       generation;
} PaKindStore;

/* Adds or updates one resource; returns the object in the store. */
PaResource *pa_kind_store_merge_one  (PaKindStore *ks,
                                      PaResource  *fresh);
void        pa_kind_store_remove_one (PaKindStore *ks,
                                      gint64       id);
/* Makes the store hold exactly @items (in id order), keeping the objects
 * whose id was already there. */
void        pa_kind_store_merge_all  (PaKindStore *ks,
                                      GPtrArray   *items);

G_END_DECLS
