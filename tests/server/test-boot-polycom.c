/* test-boot-polycom.c — a Poly VVX 450 boots from its setup link
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Provisioning facts §7.1 and §2.2: the phone asks for <mac>.cfg (lower
 * case), a master file whose CONFIG_FILES it then fetches one by one; it
 * also asks for its override, licence and contact files on its own (404
 * here), and uploads its log with PUT to the same place. The User-Agent
 * carries no MAC; the Updater and the Application each send their own.
 */
#include "config.h"

#include <string.h>

#include "pa-test-boot.h"
#include "pa-test-xml.h"

#define UPDATER_UA "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Updater"
#define UA         "FileTransport PolycomVVX-VVX_450-UA/6.4.3.5018 Type/Application"

static PaTestResponse *
put (PaTestServer    *server,
     const char      *token,
     const char      *file,
     const char      *body,
     gssize           length)
{
  g_autofree char *path = g_strdup_printf ("/p/%s/%s", token, file);
  const char *headers[] = { "User-Agent", UA, NULL };

  return pa_test_request (server, "PUT", path, "text/plain", body, length, FALSE, headers);
}

static void
test_boot (void)
{
  g_autoptr(PaTestServer) server = pa_test_server_new ();
  g_autoptr(PaTestBootPhone) phone = pa_test_boot_phone_new (server, "polycom", "polycom-vvx450",
                                                             "64:16:7F:12:34:56", NULL);
  g_autoptr(PaTestResponse) updater = NULL;
  g_autoptr(PaTestResponse) master = NULL;
  g_autofree char *config_files = NULL;
  g_autofree char *server_name = NULL;
  g_auto(GStrv) files = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  guint settings = 0;

  /* The Updater checks the master file and the firmware it names: no
   * target firmware, so a 404 and the phone runs what it has. */
  updater = pa_test_boot_fetch (server, phone, "64167f123456.cfg", UPDATER_UA);
  pa_test_boot_assert_ok (updater, "application/xml");
  pa_test_boot_assert_not_found (server, phone, "sip.ld", UPDATER_UA);

  master = pa_test_boot_fetch (server, phone, "64167f123456.cfg", UA);
  pa_test_boot_assert_ok (master, "application/xml");
  g_assert_cmpstr (master->text, ==, updater->text);
  doc = pa_test_xml_parse (master->text, "64167f123456.cfg", "APPLICATION");
  config_files = pa_test_xml_attr (doc, "CONFIG_FILES");
  g_clear_pointer (&doc, xmlFreeDoc);
  g_assert_nonnull (config_files);

  /* Every file the master lists, in its order. */
  files = g_strsplit (config_files, ",", -1);
  server_name = g_strdup_printf ("%s/p/%s/", strstr (server->url, "://") + 3, phone->token);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(PaTestResponse) response = pa_test_boot_fetch (server, phone,
                                                               g_strstrip (files[i]), UA);
      g_autoptr(xmlDoc) listed = NULL;

      pa_test_boot_assert_ok (response, "application/xml");
      listed = pa_test_xml_parse (response->text, files[i], "polycomConfig");
      /* The settings file is the one with a line. */
      if (pa_test_xml_count_attrs (listed, "reg.1.address") > 0)
        {
          settings++;
          pa_test_xml_assert_attr (listed, "reg.1.address", phone->username);
          pa_test_xml_assert_attr (listed, "reg.1.auth.userId", phone->username);
          pa_test_xml_assert_attr (listed, "reg.1.auth.password", phone->password);
          pa_test_xml_assert_attr (listed, "reg.1.server.1.address", PA_TEST_SIP_SERVER);
          /* The phone's next poll comes back to its own setup link. */
          pa_test_xml_assert_attr (listed, "device.set", "1");
          pa_test_xml_assert_attr (listed, "device.prov.serverName.set", "1");
          pa_test_xml_assert_attr (listed, "device.prov.serverType", "HTTP");
          pa_test_xml_assert_attr (listed, "device.prov.serverName", server_name);
        }
    }
  g_assert_cmpuint (settings, ==, 1);

  /* What the phone asks for on its own: its overrides, licence and
   * contacts are not served. */
  pa_test_boot_assert_not_found (server, phone, "64167f123456-phone.cfg", UA);
  pa_test_boot_assert_not_found (server, phone, "64167f123456-web.cfg", UA);
  pa_test_boot_assert_not_found (server, phone, "64167f123456-license.cfg", UA);
  pa_test_boot_assert_not_found (server, phone, "64167f123456-directory.xml", UA);
  pa_test_boot_assert_not_found (server, phone, "000000000000-directory.xml", UA);
  /* Another spelling of its files, and the default master it asks for
   * only when its own is missing. */
  pa_test_boot_assert_not_found (server, phone, "64167F123456.cfg", UA);
  pa_test_boot_assert_not_found (server, phone, "64167F123456-user.cfg", UA);
  pa_test_boot_assert_not_found (server, phone, "000000000000.cfg", UA);

  /* Its log upload is taken and thrown away; a config upload is not
   * taken. */
  {
    g_autoptr(PaTestResponse) log = put (server, phone->token, "64167f123456-app.log",
                                         "0101 12:00:00.000|so  |*|00|Initial log entry\n", -1);
    g_autoptr(PaTestResponse) boot_log = put (server, phone->token, "64167f123456-boot.log", "",
                                              0);
    g_autoptr(PaTestResponse) cfg = put (server, phone->token, "64167f123456.cfg",
                                         "<APPLICATION/>", -1);
    g_autoptr(PaTestResponse) unknown = put (server, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                             "64167f123456-app.log", "x", -1);
    g_autofree char *big = g_malloc0 (2 * 1024 * 1024 + 1);
    g_autoptr(PaTestResponse) too_big = NULL;

    memset (big, 'x', 2 * 1024 * 1024);
    too_big = put (server, phone->token, "64167f123456-app.log", big, -1);

    g_assert_cmpuint (log->status, ==, 204);
    g_assert_cmpstr (log->text, ==, "");
    g_assert_cmpuint (boot_log->status, ==, 204);
    g_assert_cmpuint (cfg->status, ==, 405);
    g_assert_cmpstr (soup_message_headers_get_one (cfg->headers, "Allow"), ==, "GET, HEAD");
    g_assert_cmpuint (unknown->status, ==, 404);
    g_assert_cmpuint (too_big->status, ==, 413);
  }

  /* Nothing of the log came back as a file. */
  pa_test_boot_assert_not_found (server, phone, "64167f123456-app.log", UA);

  /* The fetches were recorded, with the firmware from the User-Agent. */
  {
    g_autoptr(PaTestResponse) stored = pa_test_get (server, "phones", phone->id);
    JsonObject *object = pa_test_response_object (stored);

    g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "provisioning");
    g_assert_cmpstr (json_object_get_string_member (object, "firmware"), ==, "6.4.3.5018");
    g_assert_cmpstr (json_object_get_string_member (object, "user_agent"), ==, UA);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/boot/polycom", test_boot);

  return g_test_run ();
}
