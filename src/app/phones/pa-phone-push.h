/* pa-phone-push.h — telling phones over SIP to resync or reboot, and what
 * they made of it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-client.h"
#include "pa-phone.h"
#include "pa-repository.h"

G_BEGIN_DECLS

/* Asks provd to tell each of @phones (the repository's own objects) to
 * @action; a reboot asks the user first. A toast says it is under way,
 * then how the phones took it once their results come back. */
void        pa_phone_push_interactive     (GtkWindow    *parent,
                                           PaRepository *repo,
                                           GPtrArray    *phones,
                                           PaPhonePush   action);

/* "Reboot 3 Phones?" (or "Reboot “Lobby”?"), with why it matters: a
 * confirmation with a "reboot" response, not presented yet. */
GtkWidget  *pa_phone_push_reboot_question (GtkWindow    *parent,
                                           GPtrArray    *phones);

/* The phone's last reboot or resync and how it ended, for its editor
 * ("Resync: answered · 2 minutes ago"); NULL when there was none. */
char       *pa_phone_describe_sip_action  (PaPhone      *phone);

/* What a result of provd's ("no_answer"; or a reason that starts with
 * one, "no_address: …") means, in a few words; @code and @reason fill a
 * refusal ("refused (486 Busy Here)"). */
char       *pa_sip_result_label           (const char   *result,
                                           gint64        code,
                                           const char   *reason);

/* The note under a new SIP password: which phones were told to fetch it
 * and which could not be; @resync as pa_client_regenerate_password_finish()
 * gives it (NULL: a server that pushes nothing). */
char       *pa_phone_resync_note          (PaRepository *repo,
                                           JsonObject   *resync,
                                           guint         n_resync);

G_END_DECLS
