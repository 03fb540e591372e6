/* pa-app-fixture.h — a real provd, a repository on it, and a window like
 * the main one (its toasts show in an overlay), for the flows' tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-repository.h"
#include "../server/pa-test-server.h"

G_BEGIN_DECLS

typedef struct
{
  PaTestServer    *server;
  PaRepository    *repo;
  GtkWindow       *parent;    /* presented; an AdwWindow holding @overlay */
  AdwToastOverlay *overlay;   /* empty: a test may give it a child */
} PaAppFixture;

void        pa_app_fixture_set_up    (PaAppFixture  *fixture,
                                      gconstpointer  user_data);
/* The same on @server (taken), a provd started otherwise. */
void        pa_app_fixture_set_up_with_server (PaAppFixture  *fixture,
                                               PaTestServer  *server);
/* Closes what dialogs are left, the window, the repository and provd. */
void        pa_app_fixture_tear_down (PaAppFixture  *fixture,
                                      gconstpointer  user_data);
/* pa_app_test_save_json() on the fixture's repository. */
PaResource *pa_app_fixture_save      (PaAppFixture  *fixture,
                                      GType          type,
                                      const char    *json);

G_END_DECLS
