/* pa-sqlite-store-rows.h — how a resource maps onto its table row, shared
 * by the SQLite store's query code
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-sqlite-store-private.h"

G_BEGIN_DECLS

typedef enum
{
  PA_SQLITE_KIND_AGENT,
  PA_SQLITE_KIND_SIP_ACCOUNT,
  PA_SQLITE_KIND_PHONE,
  PA_SQLITE_KIND_LAYOUT,
  PA_SQLITE_KIND_MODULE_LAYOUT,
  PA_SQLITE_KIND_PROFILE,
  PA_SQLITE_KIND_FIRMWARE,
  PA_SQLITE_KIND_SETTINGS,
  PA_SQLITE_N_KINDS
} PaSqliteKind;

typedef struct
{
  PaSqliteKind  kind;
  const char   *kind_name;     /* the resource kind (pa-resource-kinds.h) */
  const char   *table;
  const char   *noun;          /* in messages: "SIP account" */
  const char   *insert_sql;
  const char   *update_sql;
} PaSqliteKindInfo;

/* One per kind, indexed by PaSqliteKind. */
extern const PaSqliteKindInfo pa_sqlite_kinds[PA_SQLITE_N_KINDS];

/* What pa_sqlite_resource_from_stmt() expects a SELECT (of the kind's
 * table as `t`) to list. */
const char *pa_sqlite_columns   (const PaSqliteKindInfo *info);
/* An SQL expression (of the kind's table as `t`) giving the item's JSON
 * text as the API answers with it. */
const char *pa_sqlite_item_json (const PaSqliteKindInfo *info);

/* The column values of one resource. */
typedef struct
{
  char       *name;
  char       *search;
  char       *data;
  const char *username;
  const char *mac;
  const char *model;
  const char *module;
  const char *vendor;
  const char *sha256;
  gint64      agent_id;
  gint64      layout_id;
  gint64      profile_id;
  char       *token;
  char       *token_hash;
} PaSqliteRow;

void                    pa_sqlite_row_clear          (PaSqliteRow            *row);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PaSqliteRow, pa_sqlite_row_clear)

/* NULL with @error set for a type the store does not keep. */
const PaSqliteKindInfo *pa_sqlite_kind_for_type      (GType                   type,
                                                      GError                **error);
/* Fills @row (cleared) with @resource's column values and its `data` JSON. */
void                    pa_sqlite_row_from_resource  (PaSqliteRow            *row,
                                                      const PaSqliteKindInfo *info,
                                                      PaResource             *resource);
/* Binds whichever of the row's named parameters @stmt has. */
void                    pa_sqlite_row_bind           (PaStmt                 *stmt,
                                                      const PaSqliteRow      *row);
/* Builds the resource from a row selected with pa_sqlite_columns(). */
PaResource             *pa_sqlite_resource_from_stmt (const PaSqliteKindInfo *info,
                                                      sqlite3_stmt           *stmt,
                                                      GError                **error);

G_END_DECLS
