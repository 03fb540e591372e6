/* soup-ceiling.c — libsoup's own ceiling for bench/fleet.sh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   soup-ceiling SIZE [BACKLOG]
 *
 * A minimal SoupServer (libsoup 3, GLib main loop, one thread, like provd)
 * on 127.0.0.1, a free port: every GET or HEAD, whatever its path, is
 * answered 200 with the same SIZE bytes from memory; anything else 405.
 * Nothing is looked up, rendered, inflated or recorded, so what it serves
 * per second is what libsoup itself allows on this machine: the most provd
 * could reach with the same library.
 *
 * Without BACKLOG it listens with soup_server_listen_local(), libsoup's own
 * listener. With BACKLOG it listens on a socket of its own with that listen
 * backlog, handed over with soup_server_listen_socket() (provd accepts its
 * connections itself with a backlog of 4096; libsoup's listener keeps
 * GSocket's default of 10).
 *
 * Prints its URL ("http://127.0.0.1:<port>/") on the first line of its
 * output once it listens; runs until SIGTERM or SIGINT.
 *
 * Built by bench/fleet.sh:
 *   gcc -O2 -o soup-ceiling bench/soup-ceiling.c $(pkg-config --cflags --libs libsoup-3.0)
 */
#include <glib-unix.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static GBytes *body;

static void
handler_cb (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  const char *method = soup_server_message_get_method (msg);

  if (strcmp (method, "GET") != 0 && strcmp (method, "HEAD") != 0)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "text/plain", NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
listen_with_backlog (SoupServer *server,
                     int         backlog,
                     GError    **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, backlog);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (server, socket, 0, error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *end = NULL;
  long size;
  long backlog = 0;
  char *bytes;

  size = argc >= 2 ? strtol (argv[1], &end, 10) : -1;
  if (argc < 2 || argc > 3 || *end != '\0' || size < 0 || size > 64 * 1024 * 1024)
    {
      fprintf (stderr, "usage: %s SIZE [BACKLOG]\n", argv[0]);
      return 2;
    }
  if (argc == 3)
    {
      backlog = strtol (argv[2], &end, 10);
      if (*end != '\0' || backlog < 1)
        {
          fprintf (stderr, "%s: BACKLOG must be a positive number\n", argv[0]);
          return 2;
        }
    }

  /* Printable bytes, like a config file; the content does not matter. */
  bytes = g_malloc (size + 1);
  for (long i = 0; i < size; i++)
    bytes[i] = i % 64 == 63 ? '\n' : 'a' + i % 26;
  body = g_bytes_new_take (bytes, size);

  server = soup_server_new ("server-header", "soup-ceiling", NULL);
  soup_server_add_handler (server, NULL, handler_cb, NULL, NULL);
  if (backlog > 0 ? !listen_with_backlog (server, backlog, &error)
                  : !soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    {
      fprintf (stderr, "%s: cannot listen: %s\n", argv[0], error->message);
      return 1;
    }
  uris = soup_server_get_uris (server);
  if (uris == NULL)
    {
      fprintf (stderr, "%s: listening, but on no URI\n", argv[0]);
      return 1;
    }
  printf ("http://127.0.0.1:%d/\n", g_uri_get_port (uris->data));
  fflush (stdout);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  g_bytes_unref (body);
  return 0;
}
