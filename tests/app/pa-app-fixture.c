/* pa-app-fixture.c — see pa-app-fixture.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-app-fixture.h"
#include "pa-app-test.h"

void
pa_app_fixture_set_up (PaAppFixture  *fixture,
                       gconstpointer  user_data)
{
  pa_app_fixture_set_up_with_server (fixture, pa_test_server_new ());
}

void
pa_app_fixture_set_up_with_server (PaAppFixture *fixture,
                                   PaTestServer *server)
{
  fixture->server = server;
  fixture->repo = pa_app_test_repository_new (fixture->server->url, fixture->server->token);

  fixture->parent = GTK_WINDOW (adw_window_new ());
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_window_set_content (ADW_WINDOW (fixture->parent), GTK_WIDGET (fixture->overlay));
  gtk_window_set_default_size (fixture->parent, 1100, 600);
  gtk_window_present (fixture->parent);
}

void
pa_app_fixture_tear_down (PaAppFixture  *fixture,
                          gconstpointer  user_data)
{
  pa_app_test_close_all_dialogs ();
  gtk_window_destroy (fixture->parent);
  g_clear_object (&fixture->repo);
  g_clear_pointer (&fixture->server, pa_test_server_free);
}

PaResource *
pa_app_fixture_save (PaAppFixture *fixture,
                     GType         type,
                     const char   *json)
{
  return pa_app_test_save_json (fixture->repo, type, json);
}
