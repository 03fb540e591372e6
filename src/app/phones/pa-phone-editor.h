/* pa-phone-editor.h — add or edit one phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-editor.h"
#include "pa-phone.h"
#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_PHONE_EDITOR (pa_phone_editor_get_type ())

G_DECLARE_FINAL_TYPE (PaPhoneEditor, pa_phone_editor, PA, PHONE_EDITOR, PaEditor)

/* A modal PaEditor transient for @parent. @phone NULL adds a new phone;
 * else the editor works on a copy and saves it with the phone's revision.
 * Properties: "repository", "phone" (construct-only). Actions besides the
 * editor's: "editor.new-password" and "editor.download-config" (editing
 * only). After a new phone is saved the
 * editor closes and shows a PaCredentialsDialog with the SIP password. */
GtkWidget *pa_phone_editor_new         (GtkWindow     *parent,
                                        PaRepository  *repo,
                                        PaPhone       *phone);

/* A new phone's editor filled with what a discovered phone told the
 * server (Adopt): its MAC, brand and model; NULLs are left alone. */
void       pa_phone_editor_prefill     (PaPhoneEditor *self,
                                        const char    *mac,
                                        const char    *vendor_id,
                                        const char    *model_id);

/* The phone as the form describes it now (a new object, id and revision of
 * the phone being edited); for tests and for the save. */
PaPhone   *pa_phone_editor_build_phone (PaPhoneEditor *self);

/* Download Config into @folder, as "editor.download-config" does once the
 * user picked one: the phone's files under the vendor's names (replacing
 * files of those names), then a toast. */
void        pa_phone_editor_download_config_to  (PaPhoneEditor *self,
                                                 GFile         *folder);
gboolean    pa_phone_editor_get_downloading     (PaPhoneEditor *self);
/* The last download's toast ("Saved 2 files in …", "Not downloaded: …"). */
const char *pa_phone_editor_get_download_result (PaPhoneEditor *self);

/* Emitted signal "saved" (PaPhone *saved, JsonObject *extra nullable) after
 * a successful save, before the editor closes. */

G_END_DECLS
