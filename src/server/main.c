/* main.c — phoneadmin-provd: options, start-up, signals
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "phoneadmin-provd"

#include "config.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "pa-catalog.h"
#include "pa-i18n.h"
#include "pa-server.h"
#include "pa-sqlite-store.h"

static gboolean
quit_cb (gpointer user_data)
{
  GMainLoop *loop = user_data;

  g_message ("Signal received, shutting down");
  g_main_loop_quit (loop);
  /* kept, so the ids can be removed unconditionally on the way out */
  return G_SOURCE_CONTINUE;
}

/* SIGHUP (systemctl reload, a certbot deploy hook): a renewed certificate
 * is taken without a restart; a broken one is refused, not served. */
static gboolean
reload_cb (gpointer user_data)
{
  PaServer *server = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_str_has_prefix (pa_server_get_url (server), "https:"))
    g_message ("SIGHUP: no TLS certificate to reload");
  else if (!pa_server_load_certificate (server, &error))
    g_warning ("Kept the TLS certificate in use: %s", error->message);
  else
    g_message ("Reloaded the TLS certificate");
  return G_SOURCE_CONTINUE;
}

/* Each phone fetch holds a descriptor while it runs, and the soft limit a
 * desktop session or systemd gives (1024) is far below the hard one. */
static void
raise_fd_limit (void)
{
  struct rlimit limit;

  if (getrlimit (RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max)
    return;
  limit.rlim_cur = limit.rlim_max;
  if (setrlimit (RLIMIT_NOFILE, &limit) != 0)
    g_warning ("Cannot raise the open-file limit to %llu: %s",
               (unsigned long long) limit.rlim_max, g_strerror (errno));
}

static int
run (int    argc,
     char **argv)
{
  g_autoptr(PaServerConfig) config = pa_server_config_new ();
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(PaServer) server = NULL;
  g_autoptr(PaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *config_file = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *url_path = NULL;
  g_autofree char *pid_path = NULL;
  g_autofree char *pid_line = NULL;
  gboolean version = FALSE;
  gint sip_port = -2;
  guint sigterm_id, sigint_id, sighup_id;
  const GOptionEntry entries[] = {
    { "listen", 'l', 0, G_OPTION_ARG_STRING, &listen,
      "Address and port to listen on (default 127.0.0.1:8670; port 0 picks a free one)",
      "ADDR:PORT" },
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir,
      "Folder for the database and the admin token (default $XDG_DATA_HOME/phoneadmin-provd)",
      "DIR" },
    { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
      "PEM file with the certificate (and the key, unless --tls-key names it): serve HTTPS",
      "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
      "PEM file with the certificate's private key", "FILE" },
    { "sip-port", 0, 0, G_OPTION_ARG_INT, &sip_port,
      "UDP port of the SIP agent (NOTIFY, OPTIONS to phones) on the listen address "
      "(default 5062; 0 picks a free one)", "PORT" },
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_file,
      "Key file with a [server] group: listen, data-dir, public-url, sip-server, catalog, "
      "phone-networks, tls-cert, tls-key, sip-port, sip-timeout-ms, sip-keepalive, "
      "sip-offline-after", "FILE" },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, "Print the version and exit", NULL },
    { NULL }
  };

  context = g_option_context_new ("— PhoneAdmin provisioning server");
  g_option_context_set_summary (context,
                                "Serves the PhoneAdmin REST API under /api/v1 and the "
                                "configuration files desk phones fetch under /p/.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("phoneadmin-provd: %s\n", error->message);
      g_printerr ("Run “phoneadmin-provd --help” to see the options.\n");
      return 2;
    }
  if (version)
    {
      g_print ("phoneadmin-provd %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (argc > 1)
    {
      g_printerr ("phoneadmin-provd: unexpected argument “%s”\n", argv[1]);
      return 2;
    }

  /* The key file first, so the command line wins. */
  if (config_file != NULL && !pa_server_config_load_file (config, config_file, &error))
    {
      g_printerr ("phoneadmin-provd: %s\n", error->message);
      return 2;
    }
  if (listen != NULL && !pa_server_config_set_listen (config, listen, &error))
    {
      g_printerr ("phoneadmin-provd: --listen: %s\n", error->message);
      return 2;
    }
  if (sip_port != -2)
    {
      if (sip_port < 0 || sip_port > 65535)
        {
          g_printerr ("phoneadmin-provd: --sip-port: %d is not a port number (0–65535)\n",
                      sip_port);
          return 2;
        }
      config->sip_port = sip_port;
    }
  if (data_dir != NULL)
    {
      g_free (config->data_dir);
      config->data_dir = g_steal_pointer (&data_dir);
    }
  if (tls_cert != NULL)
    {
      g_free (config->tls_cert);
      config->tls_cert = g_steal_pointer (&tls_cert);
    }
  if (tls_key != NULL)
    {
      g_free (config->tls_key);
      config->tls_key = g_steal_pointer (&tls_key);
    }
  if (config->tls_key != NULL && config->tls_cert == NULL)
    {
      g_printerr ("phoneadmin-provd: a TLS key without a certificate (--tls-cert)\n");
      return 2;
    }
  if (config->tls_cert != NULL)
    {
      g_autoptr(GTlsCertificate) certificate =
        g_tls_certificate_new_from_files (config->tls_cert,
                                          config->tls_key != NULL ? config->tls_key
                                                                  : config->tls_cert,
                                          &error);

      if (certificate == NULL)
        {
          g_printerr ("phoneadmin-provd: cannot use the TLS certificate %s: %s\n",
                      config->tls_cert, error->message);
          return 2;
        }
    }

  if (config->catalog != NULL)
    {
      g_autofree char *text = NULL;
      gsize length = 0;
      g_autoptr(PaCatalog) catalog = NULL;

      if (g_file_get_contents (config->catalog, &text, &length, &error))
        catalog = pa_catalog_new_from_data (text, length, &error);
      if (catalog == NULL)
        {
          g_printerr ("phoneadmin-provd: catalog %s: %s\n", config->catalog, error->message);
          return 2;
        }
      pa_catalog_set_default (catalog);
    }

  if (g_mkdir_with_parents (config->data_dir, 0700) != 0)
    {
      g_printerr ("phoneadmin-provd: cannot create %s: %s\n",
                  config->data_dir, g_strerror (errno));
      return EXIT_FAILURE;
    }

  /* Before anything can announce us (provd.url): a SIGTERM that arrives
   * early is then held until the loop runs and still ends in a clean exit. */
  loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);

  /* A stale URL from the last run must not send anyone to a dead port. */
  url_path = g_build_filename (config->data_dir, PA_SERVER_URL_FILE, NULL);
  g_unlink (url_path);
  pid_path = g_build_filename (config->data_dir, "provd.pid", NULL);
  g_unlink (pid_path);

  db_path = g_build_filename (config->data_dir, PA_SERVER_DATABASE_FILE, NULL);
  store = pa_sqlite_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("phoneadmin-provd: cannot open the database %s: %s\n", db_path, error->message);
      return EXIT_FAILURE;
    }

  if (!pa_server_ensure_admin_token (store, config->data_dir, &error))
    {
      g_printerr ("phoneadmin-provd: cannot set up the admin token: %s\n", error->message);
      return EXIT_FAILURE;
    }

  raise_fd_limit ();
  server = pa_server_new (store, config);
  if (!pa_server_listen (server, &error))
    {
      g_printerr ("phoneadmin-provd: %s\n", error->message);
      return EXIT_FAILURE;
    }
  /* Before provd.url: an app that finds us running after its own crash
   * adopts us and needs the pid to stop us on quit. */
  pid_line = g_strdup_printf ("%d\n", (int) getpid ());
  if (!g_file_set_contents_full (pid_path, pid_line, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, &error))
    {
      g_printerr ("phoneadmin-provd: cannot write %s: %s\n", pid_path, error->message);
      return EXIT_FAILURE;
    }
  if (!pa_server_write_url_file (server, &error))
    {
      g_printerr ("phoneadmin-provd: cannot write %s: %s\n", url_path, error->message);
      return EXIT_FAILURE;
    }

  sighup_id = g_unix_signal_add (SIGHUP, reload_cb, server);
  g_main_loop_run (loop);

  g_source_remove (sighup_id);
  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);
  pa_server_shutdown (server);
  g_unlink (url_path);
  g_unlink (pid_path);
  g_clear_object (&server);
  g_clear_object (&store);
  g_message ("Stopped");
  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  /* Messages (validation, why a phone needs attention) in the locale's
   * language: a provd the app starts speaks the app's. */
  setlocale (LC_ALL, "");
  pa_i18n_bind ();
  return run (argc, argv);
}
