/* pa-credential-store.h — where server tokens are kept (the keyring)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small async interface in front of libsecret, so widgets can be tested
 * with an in-memory store while the real keyring is still tested on its own.
 * A token is keyed by the server's base URL; it never goes to GSettings or
 * a file.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define PA_TYPE_CREDENTIAL_STORE (pa_credential_store_get_type ())
G_DECLARE_INTERFACE (PaCredentialStore, pa_credential_store, PA, CREDENTIAL_STORE, GObject)

struct _PaCredentialStoreInterface
{
  GTypeInterface parent_iface;

  void      (*store_async)   (PaCredentialStore   *self,
                              const char          *server_url,
                              const char          *token,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  gboolean  (*store_finish)  (PaCredentialStore   *self,
                              GAsyncResult        *result,
                              GError             **error);
  void      (*lookup_async)  (PaCredentialStore   *self,
                              const char          *server_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  char     *(*lookup_finish) (PaCredentialStore   *self,
                              GAsyncResult        *result,
                              GError             **error);
  void      (*clear_async)   (PaCredentialStore   *self,
                              const char          *server_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  gboolean  (*clear_finish)  (PaCredentialStore   *self,
                              GAsyncResult        *result,
                              GError             **error);
};

void      pa_credential_store_store_async   (PaCredentialStore   *self,
                                             const char          *server_url,
                                             const char          *token,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  pa_credential_store_store_finish  (PaCredentialStore   *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void      pa_credential_store_lookup_async  (PaCredentialStore   *self,
                                             const char          *server_url,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* NULL without an error: no token stored for that URL. */
char     *pa_credential_store_lookup_finish (PaCredentialStore   *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Clearing a URL that has no token is not an error. */
void      pa_credential_store_clear_async   (PaCredentialStore   *self,
                                             const char          *server_url,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean  pa_credential_store_clear_finish  (PaCredentialStore   *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
