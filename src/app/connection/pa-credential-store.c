/* pa-credential-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-credential-store"

#include "config.h"

#include "pa-credential-store.h"

G_DEFINE_INTERFACE (PaCredentialStore, pa_credential_store, G_TYPE_OBJECT)

static void
pa_credential_store_default_init (PaCredentialStoreInterface *iface)
{
}

void
pa_credential_store_store_async (PaCredentialStore   *self,
                                 const char          *server_url,
                                 const char          *token,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (PA_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (server_url != NULL);
  g_return_if_fail (token != NULL);

  PA_CREDENTIAL_STORE_GET_IFACE (self)->store_async (self, server_url, token, cancellable,
                                                     callback, user_data);
}

gboolean
pa_credential_store_store_finish (PaCredentialStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (PA_IS_CREDENTIAL_STORE (self), FALSE);

  return PA_CREDENTIAL_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

void
pa_credential_store_lookup_async (PaCredentialStore   *self,
                                  const char          *server_url,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (PA_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (server_url != NULL);

  PA_CREDENTIAL_STORE_GET_IFACE (self)->lookup_async (self, server_url, cancellable,
                                                      callback, user_data);
}

char *
pa_credential_store_lookup_finish (PaCredentialStore  *self,
                                   GAsyncResult       *result,
                                   GError            **error)
{
  g_return_val_if_fail (PA_IS_CREDENTIAL_STORE (self), NULL);

  return PA_CREDENTIAL_STORE_GET_IFACE (self)->lookup_finish (self, result, error);
}

void
pa_credential_store_clear_async (PaCredentialStore   *self,
                                 const char          *server_url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (PA_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (server_url != NULL);

  PA_CREDENTIAL_STORE_GET_IFACE (self)->clear_async (self, server_url, cancellable,
                                                     callback, user_data);
}

gboolean
pa_credential_store_clear_finish (PaCredentialStore  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (PA_IS_CREDENTIAL_STORE (self), FALSE);

  return PA_CREDENTIAL_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}
