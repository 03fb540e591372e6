/* pa-resource-kinds.h — the one list of the kinds of resource: their JSON
 * kind, their GType and their REST collection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PaResourceKind:
 * @kind: the JSON and store kind (`sip_account`), as the resource class
 *   names itself
 * @collection: its REST path segment (`sip-accounts`)
 * @get_type: its GType
 * @many: TRUE for a collection of many; FALSE for the server's one
 *   resource (the settings) at the collection's own path
 *
 * The store, the server's routes, the change feed, the client and the
 * app's repository all iterate this list: a new kind is added here once.
 */
typedef struct
{
  const char  *kind;
  const char  *collection;
  GType      (*get_type) (void);
  gboolean     many;
} PaResourceKind;

/* Every kind, in the order a full listing loads them. */
const PaResourceKind *pa_resource_kinds               (guint       *n_kinds);
/* NULL when nothing matches. */
const PaResourceKind *pa_resource_kind_lookup         (const char  *kind);
const PaResourceKind *pa_resource_kind_for_type       (GType        type);
const PaResourceKind *pa_resource_kind_for_collection (const char  *collection);

G_END_DECLS
