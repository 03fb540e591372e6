/* pa-test-boot.h — a phone booting against a real provd, as its vendor does it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The boot simulations (test-boot-<vendor>.c) create one phone through the
 * API, then fetch through its setup link with the vendor's real User-Agent,
 * in the vendor's order (provisioning facts §7.1), following what each
 * file points to.
 */
#pragma once

#include "pa-test-server.h"

typedef struct
{
  gint64  id;
  char   *token;      /* the setup link is /p/<token>/ */
  char   *password;   /* line 1's SIP password, shown once at creation */
  char   *username;   /* line 1's SIP user name */
} PaTestBootPhone;

/* Creates an agent (extension 201) and a phone of @vendor/@model with @mac
 * assigned to it, so line 1 is the agent's account on the test provd's
 * default SIP server (PA_TEST_SIP_SERVER). @extra is NULL or more JSON
 * members for the phone, starting with a comma. */
PaTestBootPhone *pa_test_boot_phone_new  (PaTestServer    *server,
                                          const char      *vendor,
                                          const char      *model,
                                          const char      *mac,
                                          const char      *extra);
void             pa_test_boot_phone_free (PaTestBootPhone *phone);

/* GET /p/<token>/<file> with @user_agent. */
PaTestResponse  *pa_test_boot_fetch      (PaTestServer    *server,
                                          PaTestBootPhone *phone,
                                          const char      *file,
                                          const char      *user_agent);

/* Asserts 200 and that the Content-Type's media type is @media_type. */
void             pa_test_boot_assert_ok  (PaTestResponse  *response,
                                          const char      *media_type);

/* Asserts that GET @file with @user_agent is answered 404: a name this
 * phone may ask for that is not its file. */
void             pa_test_boot_assert_not_found (PaTestServer    *server,
                                                PaTestBootPhone *phone,
                                                const char      *file,
                                                const char      *user_agent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaTestBootPhone, pa_test_boot_phone_free)
