/* pa-phones-export.h — Export to CSV…: the phones list as it is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "pa-phones-page.h"

G_BEGIN_DECLS

/* The rows @page shows now (those the search lets through, in its sort
 * order) as CSV: a header with the view's column titles, then one record
 * per phone with each cell's text (empty where the cell shows a
 * placeholder); ',' between values, CRLF line ends (RFC 4180).
 * @n_phones (optional): how many records. */
GBytes *pa_phones_export_to_csv      (PaPhonesPage        *page,
                                      guint               *n_phones);

/* Writes pa_phones_export_to_csv() to @file, replacing it. Finish: how
 * many phones were written, or -1 with @error set. */
void    pa_phones_export_async       (PaPhonesPage        *page,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
gint64  pa_phones_export_finish      (PaPhonesPage        *page,
                                      GAsyncResult        *result,
                                      GError             **error);

/* pa_phones_export_async() with the window's cancellable, then a toast
 * that says how many phones were exported, or why not. */
void    pa_phones_export_to_file     (PaPhonesPage        *page,
                                      GFile               *file);
/* "Export to CSV…": a save chooser ("phones.csv"), then
 * pa_phones_export_to_file(). */
void    pa_phones_export_interactive (PaPhonesPage        *page);

G_END_DECLS
