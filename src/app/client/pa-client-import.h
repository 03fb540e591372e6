/* pa-client-import.h — phones from a CSV file: POST /api/v1/phones/import
 * (docs/api.md, "Importing phones"), a dry run or the import itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-client.h"

G_BEGIN_DECLS

#define PA_TYPE_IMPORT_ROW (pa_import_row_get_type ())
G_DECLARE_FINAL_TYPE (PaImportRow, pa_import_row, PA, IMPORT_ROW, GObject)

/* One row of the file as the server read it; read only. The strings are
 * NULL where the row has no such value (a MAC that is not one has none). */
guint       pa_import_row_get_line        (PaImportRow *self);   /* where it starts, 1-based */
const char *pa_import_row_get_mac         (PaImportRow *self);
const char *pa_import_row_get_vendor      (PaImportRow *self);   /* catalog ids */
const char *pa_import_row_get_model       (PaImportRow *self);
const char *pa_import_row_get_name        (PaImportRow *self);
gint64      pa_import_row_get_agent_id    (PaImportRow *self);   /* 0: none */
gint64      pa_import_row_get_layout_id   (PaImportRow *self);
gint64      pa_import_row_get_profile_id  (PaImportRow *self);
/* Why it cannot be imported, the server's message (it starts with the
 * line, "Line 3, MAC: …"); NULL when it can. The code ("invalid_value",
 * …) and the column as the phone's member ("mac", "model", …; NULL for
 * the row as a whole) go with it. */
const char *pa_import_row_get_error       (PaImportRow *self);
const char *pa_import_row_get_error_code  (PaImportRow *self);
const char *pa_import_row_get_error_field (PaImportRow *self);

/* A phone a confirmed import created, and the SIP password of the account
 * made for it: the only time it is shown. */
typedef struct
{
  guint   line;
  gint64  phone_id;
  gint64  sip_account_id;   /* 0: none was made */
  char   *sip_username;     /* nullable */
  char   *sip_password;     /* nullable; overwritten when freed */
} PaImportCreated;

/* An answer of the import. @rows: PaImportRow, in the file's order;
 * @n_errors: how many of them cannot be imported; @created:
 * PaImportCreated in the file's order, empty unless phones were written. */
typedef struct
{
  gboolean   dry_run;
  char       delimiter;
  guint      n_errors;
  GPtrArray *rows;
  GPtrArray *created;
} PaImportResult;

void            pa_import_result_free  (PaImportResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaImportResult, pa_import_result_free)

/* Reads a dry run's, an import's or a refused import's answer (a JSON
 * object with "rows"). Touches nothing shared, so it runs in a worker
 * thread; an answer that is not what the API promises is a
 * PA_CLIENT_ERROR_PROTOCOL. */
PaImportResult *pa_import_result_parse (GBytes         *json,
                                        GError        **error);

/* POST /api/v1/phones/import[?dry_run=true] with @csv as text/csv. The
 * answer is parsed off the main thread. */
void            pa_client_import_phones_async  (PaClient            *self,
                                                GBytes              *csv,
                                                gboolean             dry_run,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* The answer, transfer full; NULL with @error set when nothing was
 * written, with the error the answer stands for (a file refused whole is
 * PA_CLIENT_ERROR_INVALID with the server's message). An import the
 * server refused because rows are bad (422, error code "invalid_rows") is
 * such an error too; @rejected (optional) then gets the answer with every
 * row's outcome, to show what to fix (NULL for any other error). */
PaImportResult *pa_client_import_phones_finish (PaClient            *self,
                                                GAsyncResult        *result,
                                                PaImportResult     **rejected,
                                                GError             **error);

G_END_DECLS
