/* pa-secret-store.h — PaCredentialStore on libsecret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsecret/secret.h>

#include "pa-credential-store.h"

G_BEGIN_DECLS

#define PA_TYPE_SECRET_STORE (pa_secret_store_get_type ())
G_DECLARE_FINAL_TYPE (PaSecretStore, pa_secret_store, PA, SECRET_STORE, GObject)

/* Schema "org.example.PhoneAdmin.Server", one string attribute "server-url". */
const SecretSchema *pa_secret_store_get_schema (void);

/* Items go to the default collection. */
PaCredentialStore  *pa_secret_store_new        (void);

G_END_DECLS
