/* pa-scan-credential.h — what a phone created in scan mode needs on its
 * label: setup link, SIP username and the password the server shows once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PA_TYPE_SCAN_CREDENTIAL (pa_scan_credential_get_type ())
G_DECLARE_FINAL_TYPE (PaScanCredential, pa_scan_credential, PA, SCAN_CREDENTIAL, GObject)

/* Properties: "name", "mac" (read only), "has-password" (notifies when
 * wiped), "seen" and "saved" (bool, notify on change). "seen": shown in the summary; "saved": copied to the
 * clipboard or written to a file. */
PaScanCredential *pa_scan_credential_new            (gint64            phone_id,
                                                     const char       *name,
                                                     const char       *mac,
                                                     const char       *setup_link,
                                                     const char       *username,
                                                     const char       *password);
gint64            pa_scan_credential_get_phone_id   (PaScanCredential *self);
const char       *pa_scan_credential_get_name       (PaScanCredential *self);
const char       *pa_scan_credential_get_mac        (PaScanCredential *self);
const char       *pa_scan_credential_get_setup_link (PaScanCredential *self);  /* nullable */
const char       *pa_scan_credential_get_username   (PaScanCredential *self);  /* nullable */
const char       *pa_scan_credential_get_password   (PaScanCredential *self);  /* NULL once wiped */
gboolean          pa_scan_credential_get_seen       (PaScanCredential *self);
void              pa_scan_credential_set_seen       (PaScanCredential *self,
                                                     gboolean          seen);
gboolean          pa_scan_credential_get_saved      (PaScanCredential *self);
void              pa_scan_credential_set_saved      (PaScanCredential *self,
                                                     gboolean          saved);
/* Overwrites the password in memory and forgets it. */
void              pa_scan_credential_wipe           (PaScanCredential *self);

/* Of PaScanCredential. One line per phone, "name\tMAC\tlink\tusername\t
 * password\n"; tabs and line breaks inside a value become spaces so each
 * phone stays one line. */
char             *pa_scan_credentials_to_text       (GListModel       *credentials);
/* RFC 4180 (pa_csv_append_row()): a header row, then one row per phone.
 * Values are written as they are (no formula escaping: a password must
 * survive byte for byte). */
char             *pa_scan_credentials_to_csv        (GListModel       *credentials);
/* How many items of @credentials are neither seen nor saved (@unsaved:
 * not saved). */
guint             pa_scan_credentials_count_unseen  (GListModel       *credentials);
guint             pa_scan_credentials_count_unsaved (GListModel       *credentials);

G_END_DECLS
