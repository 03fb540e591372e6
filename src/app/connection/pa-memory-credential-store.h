/* pa-memory-credential-store.h — PaCredentialStore in a hash table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For widget tests only: the app itself always uses PaSecretStore.
 */
#pragma once

#include "pa-credential-store.h"

G_BEGIN_DECLS

#define PA_TYPE_MEMORY_CREDENTIAL_STORE (pa_memory_credential_store_get_type ())
G_DECLARE_FINAL_TYPE (PaMemoryCredentialStore, pa_memory_credential_store,
                      PA, MEMORY_CREDENTIAL_STORE, GObject)

PaCredentialStore *pa_memory_credential_store_new (void);

G_END_DECLS
