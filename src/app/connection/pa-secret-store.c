/* pa-secret-store.c — server tokens in the keyring through libsecret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-secret-store"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-secret-store.h"

struct _PaSecretStore
{
  GObject parent_instance;
};

static void pa_secret_store_iface_init (PaCredentialStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PaSecretStore, pa_secret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PA_TYPE_CREDENTIAL_STORE,
                                                      pa_secret_store_iface_init))

#define ATTRIBUTE_SERVER_URL "server-url"

const SecretSchema *
pa_secret_store_get_schema (void)
{
  static const SecretSchema schema = {
    "org.example.PhoneAdmin.Server", SECRET_SCHEMA_NONE,
    {
      { ATTRIBUTE_SERVER_URL, SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
  };

  return &schema;
}

static void
store_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
pa_secret_store_store_async (PaCredentialStore   *store,
                             const char          *server_url,
                             const char          *token,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autofree char *label = NULL;

  g_task_set_source_tag (task, pa_secret_store_store_async);
  /* The label is what people see in Seahorse, so it names the server. */
  label = g_strdup_printf (_("PhoneAdmin server token for %s"), server_url);
  secret_password_store (pa_secret_store_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         token, cancellable, store_cb, g_steal_pointer (&task),
                         ATTRIBUTE_SERVER_URL, server_url,
                         NULL);
}

static gboolean
pa_secret_store_store_finish (PaCredentialStore  *store,
                              GAsyncResult       *result,
                              GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
lookup_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *secret;

  secret = secret_password_lookup_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Copied so callers free it with g_free like any string; the keyring's
   * own copy is wiped by secret_password_free. */
  g_task_return_pointer (task, g_strdup (secret), g_free);
  secret_password_free (secret);
}

static void
pa_secret_store_lookup_async (PaCredentialStore   *store,
                              const char          *server_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, pa_secret_store_lookup_async);
  secret_password_lookup (pa_secret_store_get_schema (), cancellable,
                          lookup_cb, g_steal_pointer (&task),
                          ATTRIBUTE_SERVER_URL, server_url,
                          NULL);
}

static char *
pa_secret_store_lookup_finish (PaCredentialStore  *store,
                               GAsyncResult       *result,
                               GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
clear_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE without an error means there was nothing to remove: fine. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
pa_secret_store_clear_async (PaCredentialStore   *store,
                             const char          *server_url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, pa_secret_store_clear_async);
  secret_password_clear (pa_secret_store_get_schema (), cancellable,
                         clear_cb, g_steal_pointer (&task),
                         ATTRIBUTE_SERVER_URL, server_url,
                         NULL);
}

static gboolean
pa_secret_store_clear_finish (PaCredentialStore  *store,
                              GAsyncResult       *result,
                              GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pa_secret_store_iface_init (PaCredentialStoreInterface *iface)
{
  iface->store_async = pa_secret_store_store_async;
  iface->store_finish = pa_secret_store_store_finish;
  iface->lookup_async = pa_secret_store_lookup_async;
  iface->lookup_finish = pa_secret_store_lookup_finish;
  iface->clear_async = pa_secret_store_clear_async;
  iface->clear_finish = pa_secret_store_clear_finish;
}

static void
pa_secret_store_class_init (PaSecretStoreClass *klass)
{
}

static void
pa_secret_store_init (PaSecretStore *self)
{
}

PaCredentialStore *
pa_secret_store_new (void)
{
  return g_object_new (PA_TYPE_SECRET_STORE, NULL);
}
