/* pa-repository.h — the app's data: one shared GListStore per kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "pa-client.h"
#include "pa-core.h"

G_BEGIN_DECLS

#define PA_TYPE_REPOSITORY (pa_repository_get_type ())

G_DECLARE_FINAL_TYPE (PaRepository, pa_repository, PA, REPOSITORY, GObject)

/* Every view shares these stores (never a copy per view). Refreshes and
 * the change stream (pa_repository_set_follow_changes()) merge
 * into them keeping object identity: an item whose id is already there is
 * updated in place (its properties notify), new ids are inserted in id
 * order, vanished ids removed. A failed refresh keeps the old contents and
 * sets "last-error".
 *
 * Properties: "client" (construct-only), "loading" (bool), "last-error"
 * (GError boxed, nullable), "following" (bool). */
PaRepository *pa_repository_new                (PaClient     *client);
PaClient     *pa_repository_get_client         (PaRepository *self);
GListModel   *pa_repository_get_phones         (PaRepository *self);  /* of PaPhone */
GListModel   *pa_repository_get_agents         (PaRepository *self);  /* of PaAgent */
GListModel   *pa_repository_get_sip_accounts   (PaRepository *self);  /* of PaSipAccount */
GListModel   *pa_repository_get_layouts        (PaRepository *self);  /* of PaLayout */
GListModel   *pa_repository_get_module_layouts (PaRepository *self);  /* of PaModuleLayout */
GListModel   *pa_repository_get_profiles       (PaRepository *self);  /* of PaProfile */
GListModel   *pa_repository_get_firmware       (PaRepository *self);  /* of PaFirmware */
/* The store of @type's kind, or NULL for an unknown type. */
GListModel   *pa_repository_get_store          (PaRepository *self,
                                                GType         type);
gboolean      pa_repository_get_loading        (PaRepository *self);
/* How many objects merges have changed in place (any repository, since
 * the start): the models above a store cannot see such a change, so a
 * list sorted and searched by what it shows sorts and searches again
 * after a refresh only when this moved. A first listing adds objects
 * only, and needs neither. */
guint64       pa_repository_count_changes_in_place (void);
const GError *pa_repository_get_last_error     (PaRepository *self);

/* transfer none; NULL when not there. */
PaResource   *pa_repository_find               (PaRepository *self,
                                                GType         type,
                                                gint64        id);
PaPhone      *pa_repository_find_phone_by_mac  (PaRepository *self,
                                                const char   *normalized_mac);

void          pa_repository_refresh_async      (PaRepository        *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      pa_repository_refresh_finish     (PaRepository        *self,
                                                GAsyncResult        *result,
                                                GError             **error);
/* Follows the server's change stream (docs/api.md, "Change stream"):
 * after the first full refresh nothing is listed again; each change is
 * applied in place as the server commits it, a dropped connection is
 * opened again from where it was, and only a server that no longer has
 * that place makes it list again. FALSE closes the stream. */
void          pa_repository_set_follow_changes (PaRepository        *self,
                                                gboolean             follow);
/* Whether the stream is open ("following", notified). */
gboolean      pa_repository_get_following      (PaRepository        *self);

/* Create when the id is 0, else update (If-Match). On success the stored
 * object (the one in the store, transfer full) is returned; @extra as in
 * pa_client_create_finish() for a create and pa_client_update_finish_full()
 * for an update (a layout's "affected_phones"); NULL when there are none. */
void          pa_repository_save_async         (PaRepository        *self,
                                                PaResource          *resource,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
PaResource   *pa_repository_save_finish        (PaRepository        *self,
                                                GAsyncResult        *result,
                                                JsonObject         **extra,
                                                GError             **error);
void          pa_repository_delete_async       (PaRepository        *self,
                                                PaResource          *resource,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean      pa_repository_delete_finish      (PaRepository        *self,
                                                GAsyncResult        *result,
                                                GError             **error);

/* "<public_url>p/<token>/" from GET /api/v1 (fetched by the first refresh);
 * NULL until known or when the phone has no token. */
char         *pa_repository_get_setup_link     (PaRepository *self,
                                                PaPhone      *phone);
/* The server's public URL (with a trailing '/'), or NULL until known. */
const char   *pa_repository_get_public_url     (PaRepository *self);

G_END_DECLS
