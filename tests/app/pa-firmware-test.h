/* pa-firmware-test.h — what the firmware tests share: files of random
 * bytes, uploads through the API, and the keyboard walk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "../server/pa-test-server.h"

G_BEGIN_DECLS

/* A file @name of @size pseudo-random bytes (from @seed) in @folder,
 * written a piece at a time. */
GFile    *pa_firmware_test_write_file   (const char   *folder,
                                         const char   *name,
                                         gsize         size,
                                         guint32       seed);
/* The SHA-256 of @file's bytes, lowercase hex. */
char     *pa_firmware_test_sha256_of    (GFile        *file);
/* This process's resident memory now, in bytes (0: not known). */
guint64   pa_firmware_test_rss          (void);
/* POST /api/v1/firmware/upload of @file with the query @query ("vendor=…
 * &models=…&version=…&filename=…"), asserting 201; the record's id. */
gint64    pa_firmware_test_upload       (PaTestServer *server,
                                         GFile        *file,
                                         const char   *query);
/* The firmware record @id as the server has it (transfer full). */
JsonObject *pa_firmware_test_get        (PaTestServer *server,
                                         gint64        id);
/* Whether @window is still one of the app's windows (not destroyed). */
gboolean  pa_firmware_test_is_open      (gpointer      window);
/* Every control in @root has a name a screen reader reads, and Tab
 * reaches every sensitive one; failures name @what. */
void      pa_firmware_test_assert_keyboard (GtkWidget  *root,
                                            const char *what);
/* Whether @widget's class binds @trigger ("<Control>o") to @action. */
gboolean  pa_firmware_test_has_binding  (GtkWidget    *widget,
                                         const char   *trigger,
                                         const char   *action);
/* How many partial uploads (".upload-*") the server's firmware folder
 * holds now. */
guint     pa_firmware_test_count_partial (PaTestServer *server);

G_END_DECLS
