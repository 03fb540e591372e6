/* test-credentials.c — tokens in the real keyring and in memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PaSecretStore talks to the session's Secret Service: run through
 * tools/run-tests.sh (dbus-run-session + an unlocked gnome-keyring). Without
 * a session bus the keyring tests are skipped, never faked.
 */
#include "config.h"

#include "pa-memory-credential-store.h"
#include "pa-secret-store.h"
#include "pa-app-test.h"

#define TIMEOUT_S 10

/* Runs the main loop until the operation ends; a stuck keyring fails the
 * test instead of hanging it. */
static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  pa_app_test_wait_until_seconds (pa_app_test_result_arrived, slot, TIMEOUT_S);
  return *slot;
}

static void
store (PaCredentialStore *creds,
       const char        *url,
       const char        *token)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pa_credential_store_store_async (creds, url, token, NULL, pa_app_test_store_result_cb, &result);
  g_assert_true (pa_credential_store_store_finish (creds, wait_for (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup (PaCredentialStore *creds,
        const char        *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *token;

  pa_credential_store_lookup_async (creds, url, NULL, pa_app_test_store_result_cb, &result);
  token = pa_credential_store_lookup_finish (creds, wait_for (&result), &error);
  g_assert_no_error (error);
  return token;
}

static void
clear (PaCredentialStore *creds,
       const char        *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  pa_credential_store_clear_async (creds, url, NULL, pa_app_test_store_result_cb, &result);
  g_assert_true (pa_credential_store_clear_finish (creds, wait_for (&result), &error));
  g_assert_no_error (error);
}

/* Unique per run, so a keyring left over from an earlier run cannot make a
 * test pass. */
static char *
unique_url (const char *host)
{
  return g_strdup_printf ("https://%s-%08x.example.test:8670/", host, g_random_int ());
}

static void
exercise_store (PaCredentialStore *creds)
{
  g_autofree char *url_a = unique_url ("a");
  g_autofree char *url_b = unique_url ("b");
  g_autofree char *unknown = unique_url ("unknown");
  g_autofree char *token = NULL;

  /* Unknown: NULL without an error. */
  token = lookup (creds, unknown);
  g_assert_null (token);

  store (creds, url_a, "token-for-a");
  store (creds, url_b, "token-for-b");

  /* Two servers are kept apart. */
  g_clear_pointer (&token, g_free);
  token = lookup (creds, url_a);
  g_assert_cmpstr (token, ==, "token-for-a");
  g_clear_pointer (&token, g_free);
  token = lookup (creds, url_b);
  g_assert_cmpstr (token, ==, "token-for-b");

  /* Storing again replaces, it does not add a second item. */
  store (creds, url_a, "new-token-for-a");
  g_clear_pointer (&token, g_free);
  token = lookup (creds, url_a);
  g_assert_cmpstr (token, ==, "new-token-for-a");

  /* Clearing one leaves the other. */
  clear (creds, url_a);
  g_clear_pointer (&token, g_free);
  token = lookup (creds, url_a);
  g_assert_null (token);
  g_clear_pointer (&token, g_free);
  token = lookup (creds, url_b);
  g_assert_cmpstr (token, ==, "token-for-b");

  /* Clearing what is not there is not an error. */
  clear (creds, url_a);
  clear (creds, url_b);
  g_clear_pointer (&token, g_free);
  token = lookup (creds, url_b);
  g_assert_null (token);

  /* A URL that is a prefix of another is a different server. */
  store (creds, url_b, "token-for-b");
  g_clear_pointer (&token, g_free);
  {
    g_autofree char *longer = g_strconcat (url_b, "api/", NULL);

    token = lookup (creds, longer);
    g_assert_null (token);
  }
  clear (creds, url_b);
}

static gboolean
have_session_bus (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  return bus != NULL;
}

static void
test_secret_store (void)
{
  g_autoptr(PaCredentialStore) creds = NULL;

  if (!have_session_bus ())
    {
      g_test_skip ("No session bus: run through tools/run-tests.sh for the real keyring");
      return;
    }

  creds = pa_secret_store_new ();
  exercise_store (creds);
}

static void
test_secret_schema (void)
{
  const SecretSchema *schema = pa_secret_store_get_schema ();

  g_assert_cmpstr (schema->name, ==, "org.example.PhoneAdmin.Server");
  g_assert_cmpstr (schema->attributes[0].name, ==, "server-url");
  g_assert_cmpint (schema->attributes[0].type, ==, SECRET_SCHEMA_ATTRIBUTE_STRING);
  g_assert_null (schema->attributes[1].name);
  /* One schema, not a new one per call. */
  g_assert_true (schema == pa_secret_store_get_schema ());
}

/* The item in the keyring carries the label people see in Seahorse and the
 * attribute, and nothing is written anywhere else. */
static void
test_secret_item (void)
{
  g_autoptr(PaCredentialStore) creds = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = unique_url ("item");
  g_autofree char *label = NULL;
  GList *items;

  if (!have_session_bus ())
    {
      g_test_skip ("No session bus: run through tools/run-tests.sh for the real keyring");
      return;
    }

  creds = pa_secret_store_new ();
  store (creds, url, "item-token");

  items = secret_password_search_sync (pa_secret_store_get_schema (), SECRET_SEARCH_ALL,
                                       NULL, &error, "server-url", url, NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_length (items), ==, 1);
  label = secret_retrievable_get_label (items->data);
  g_assert_true (g_str_has_prefix (label, "PhoneAdmin server token for "));
  g_assert_nonnull (strstr (label, url));
  g_list_free_full (items, g_object_unref);

  clear (creds, url);
}

static void
test_memory_store (void)
{
  g_autoptr(PaCredentialStore) creds = pa_memory_credential_store_new ();

  exercise_store (creds);
  g_assert_finalize_object (g_steal_pointer (&creds));
}

static void
test_memory_async (void)
{
  g_autoptr(PaCredentialStore) creds = pa_memory_credential_store_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  /* Results come from the main loop, like the keyring's. */
  pa_credential_store_store_async (creds, "http://x.test/", "t", NULL, pa_app_test_store_result_cb, &result);
  g_assert_null (result);
  wait_for (&result);
  g_clear_object (&result);

  g_cancellable_cancel (cancellable);
  pa_credential_store_lookup_async (creds, "http://x.test/", cancellable, pa_app_test_store_result_cb, &result);
  g_assert_null (pa_credential_store_lookup_finish (creds, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/credentials/secret/schema", test_secret_schema);
  g_test_add_func ("/credentials/secret/store-lookup-clear", test_secret_store);
  g_test_add_func ("/credentials/secret/item", test_secret_item);
  g_test_add_func ("/credentials/memory/store-lookup-clear", test_memory_store);
  g_test_add_func ("/credentials/memory/async", test_memory_async);

  return g_test_run ();
}
