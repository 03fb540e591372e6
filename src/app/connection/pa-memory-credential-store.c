/* pa-memory-credential-store.c — tokens in a hash table, for tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-memory-credential-store"

#include "config.h"

#include "pa-memory-credential-store.h"

struct _PaMemoryCredentialStore
{
  GObject     parent_instance;
  GHashTable *tokens;   /* server URL → token */
};

static void pa_memory_credential_store_iface_init (PaCredentialStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PaMemoryCredentialStore, pa_memory_credential_store,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PA_TYPE_CREDENTIAL_STORE,
                                                      pa_memory_credential_store_iface_init))

/* Results still arrive from the main loop, as they do from the keyring, so
 * code tested against this store cannot come to rely on synchronous
 * completion. */
static void
memory_store_async (PaCredentialStore   *store,
                    const char          *server_url,
                    const char          *token,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  PaMemoryCredentialStore *self = PA_MEMORY_CREDENTIAL_STORE (store);
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, memory_store_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_hash_table_replace (self->tokens, g_strdup (server_url), g_strdup (token));
  g_task_return_boolean (task, TRUE);
}

static gboolean
memory_boolean_finish (PaCredentialStore  *store,
                       GAsyncResult       *result,
                       GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
memory_lookup_async (PaCredentialStore   *store,
                     const char          *server_url,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  PaMemoryCredentialStore *self = PA_MEMORY_CREDENTIAL_STORE (store);
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, memory_lookup_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_strdup (g_hash_table_lookup (self->tokens, server_url)),
                         g_free);
}

static char *
memory_lookup_finish (PaCredentialStore  *store,
                      GAsyncResult       *result,
                      GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
memory_clear_async (PaCredentialStore   *store,
                    const char          *server_url,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  PaMemoryCredentialStore *self = PA_MEMORY_CREDENTIAL_STORE (store);
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, memory_clear_async);
  if (g_task_return_error_if_cancelled (task))
    return;
  g_hash_table_remove (self->tokens, server_url);
  g_task_return_boolean (task, TRUE);
}

static void
pa_memory_credential_store_iface_init (PaCredentialStoreInterface *iface)
{
  iface->store_async = memory_store_async;
  iface->store_finish = memory_boolean_finish;
  iface->lookup_async = memory_lookup_async;
  iface->lookup_finish = memory_lookup_finish;
  iface->clear_async = memory_clear_async;
  iface->clear_finish = memory_boolean_finish;
}

static void
pa_memory_credential_store_finalize (GObject *object)
{
  PaMemoryCredentialStore *self = PA_MEMORY_CREDENTIAL_STORE (object);

  g_clear_pointer (&self->tokens, g_hash_table_unref);

  G_OBJECT_CLASS (pa_memory_credential_store_parent_class)->finalize (object);
}

static void
pa_memory_credential_store_class_init (PaMemoryCredentialStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pa_memory_credential_store_finalize;
}

static void
pa_memory_credential_store_init (PaMemoryCredentialStore *self)
{
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

PaCredentialStore *
pa_memory_credential_store_new (void)
{
  return g_object_new (PA_TYPE_MEMORY_CREDENTIAL_STORE, NULL);
}
