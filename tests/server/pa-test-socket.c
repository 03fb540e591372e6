/* pa-test-socket.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-test-socket"

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pa-test-socket.h"

/* A T54W's file with three sidecars' keys is over 20 KiB. */
#define MAX_RESPONSE (256 * 1024)

gboolean
pa_test_response_complete (const char *buf,
                           gsize       len,
                           guint      *status)
{
  const char *end = g_strstr_len (buf, len, "\r\n\r\n");
  g_autofree char *head = NULL;
  g_auto(GStrv) lines = NULL;

  if (len >= 12 && g_str_has_prefix (buf, "HTTP/1."))
    *status = (guint) g_ascii_strtoull (buf + 9, NULL, 10);
  if (end == NULL)
    return FALSE;

  head = g_strndup (buf, end - buf);
  lines = g_strsplit (head, "\r\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    if (g_ascii_strncasecmp (lines[i], "Content-Length:", 15) == 0)
      return len - (gsize) (end + 4 - buf) >= g_ascii_strtoull (lines[i] + 15, NULL, 10);
  return FALSE;
}

static gboolean
set_errno_error (GError    **error,
                 const char *what)
{
  int saved = errno;

  /* what a socket timeout looks like, on connect() as on recv() */
  if (saved == EAGAIN || saved == EWOULDBLOCK || saved == EINPROGRESS)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "%s: timed out", what);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", what,
                 g_strerror (saved));
  return FALSE;
}

static struct sockaddr_in
loopback (guint16 port)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons (port) };

  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  return address;
}

int
pa_test_socket_connect (guint16   port,
                        guint     timeout_ms,
                        GError  **error)
{
  struct sockaddr_in address = loopback (port);
  struct timeval tv = { .tv_sec = timeout_ms / 1000, .tv_usec = (timeout_ms % 1000) * 1000 };
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

  if (fd < 0)
    return set_errno_error (error, "socket"), -1;

  /* On Linux SO_SNDTIMEO bounds connect() too. */
  g_assert_cmpint (setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), ==, 0);
  g_assert_cmpint (setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv), ==, 0);
  if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0)
    {
      set_errno_error (error, "connecting");
      close (fd);
      return -1;
    }
  return fd;
}

int
pa_test_socket_connect_nowait (guint16 port)
{
  struct sockaddr_in address = loopback (port);
  int fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);

  g_assert_cmpint (fd, >=, 0);
  if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0)
    g_assert_cmpint (errno, ==, EINPROGRESS);
  return fd;
}

gboolean
pa_test_socket_send_all (int         fd,
                         const char *data,
                         GError    **error)
{
  gsize len = strlen (data);

  while (len > 0)
    {
      gssize n = send (fd, data, len, MSG_NOSIGNAL);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, "sending");
      data += n;
      len -= n;
    }
  return TRUE;
}

gboolean
pa_test_socket_read_reply (int           fd,
                           gboolean      until_eof,
                           PaTestReply  *reply,
                           GError      **error)
{
  g_autofree char *buf = g_malloc (MAX_RESPONSE);
  gsize len = 0;
  gboolean complete = FALSE;

  *reply = (PaTestReply) { 0 };
  buf[0] = '\0';
  while (until_eof || !complete)
    {
      gssize n = recv (fd, buf + len, MAX_RESPONSE - 1 - len, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, complete ? "waiting for the server to close" : "reading");
      if (n == 0)
        {
          reply->eof = TRUE;
          break;
        }
      if (complete)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%zd bytes after the response", n);
          return FALSE;
        }
      len += n;
      buf[len] = '\0';
      complete = pa_test_response_complete (buf, len, &reply->status);
      if (len == MAX_RESPONSE - 1)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                       "response longer than %zu bytes", len);
          return FALSE;
        }
    }

  if (reply->status == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED,
                           "the server closed the connection without a response");
      return FALSE;
    }
  return TRUE;
}

gboolean
pa_test_socket_exchange (guint16       port,
                         const char   *request,
                         gboolean      until_eof,
                         guint         timeout_ms,
                         PaTestReply  *reply,
                         GError      **error)
{
  int fd = pa_test_socket_connect (port, timeout_ms, error);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = pa_test_socket_send_all (fd, request, error) &&
       pa_test_socket_read_reply (fd, until_eof, reply, error);
  close (fd);
  return ok;
}

/* -- many clients at once ------------------------------------------------- */

typedef struct
{
  int      fd;
  gboolean sent;
  gboolean done;
  guint    status;
  gsize    len;
  char     buf[4096];
} BurstClient;

static void
burst_fail (PaTestBurst *result,
            BurstClient *client,
            guint       *counter,
            const char  *problem)
{
  (*counter)++;
  if (result->first_problem == NULL)
    result->first_problem = g_strdup (problem);
  client->done = TRUE;
}

/* One client's turn after poll(): finish the connect and send, or read
 * what came. */
static void
burst_step (PaTestBurst *result,
            BurstClient *client,
            short        revents,
            const char  *request,
            guint        expected_status)
{
  gssize n;

  if (!client->sent)
    {
      int err = 0;
      socklen_t size = sizeof err;

      g_assert_cmpint (getsockopt (client->fd, SOL_SOCKET, SO_ERROR, &err, &size), ==, 0);
      if (err == 0 && send (client->fd, request, strlen (request), MSG_NOSIGNAL) !=
                      (gssize) strlen (request))
        err = errno;
      if (err != 0)
        burst_fail (result, client, err == ECONNRESET || err == EPIPE || err == ECONNREFUSED
                    ? &result->resets : &result->other, g_strerror (err));
      client->sent = TRUE;
      return;
    }

  if (!(revents & (POLLIN | POLLHUP | POLLERR)))
    return;
  n = recv (client->fd, client->buf + client->len, sizeof client->buf - 1 - client->len, 0);
  if (n < 0 && (errno == EAGAIN || errno == EINTR))
    return;
  if (n <= 0)
    {
      burst_fail (result, client, n == 0 || errno == ECONNRESET ? &result->resets
                  : &result->other, n == 0 ? "EOF before the response" : g_strerror (errno));
      return;
    }
  client->len += n;
  client->buf[client->len] = '\0';
  if (pa_test_response_complete (client->buf, client->len, &client->status))
    {
      if (client->status == expected_status)
        {
          result->answered++;
          client->done = TRUE;
        }
      else
        burst_fail (result, client, &result->other, "another status");
    }
  else if (client->len == sizeof client->buf - 1)
    burst_fail (result, client, &result->other, "response too long");
}

void
pa_test_socket_burst (guint16      port,
                      const char  *request,
                      guint        n_clients,
                      guint        expected_status,
                      gint64       give_up_usec,
                      PaTestBurst *result)
{
  g_autofree BurstClient *clients = g_new0 (BurstClient, n_clients);
  g_autofree struct pollfd *polls = g_new0 (struct pollfd, n_clients);
  gint64 started = g_get_monotonic_time ();
  guint pending = n_clients;

  for (guint i = 0; i < n_clients; i++)
    clients[i].fd = pa_test_socket_connect_nowait (port);

  while (pending > 0 && g_get_monotonic_time () - started < give_up_usec)
    {
      guint n = 0;

      for (guint i = 0; i < n_clients; i++)
        if (!clients[i].done)
          polls[n++] = (struct pollfd) { clients[i].fd, clients[i].sent ? POLLIN : POLLOUT, 0 };
      if (poll (polls, n, 100) < 0)
        g_assert_cmpint (errno, ==, EINTR);

      pending = 0;
      for (guint i = 0, j = 0; i < n_clients; i++)
        if (!clients[i].done)
          {
            if (polls[j].revents != 0)
              burst_step (result, &clients[i], polls[j].revents, request, expected_status);
            j++;
            pending += !clients[i].done;
          }
    }

  if (pending > 0)
    {
      guint connecting = 0;

      for (guint i = 0; i < n_clients; i++)
        connecting += !clients[i].done && !clients[i].sent;
      result->other += pending;
      /* the stragglers say more than whatever failed first */
      g_free (result->first_problem);
      result->first_problem = g_strdup_printf ("%u without a response after %.1f s, %u of them "
                                               "still connecting", pending,
                                               give_up_usec / (double) G_USEC_PER_SEC,
                                               connecting);
    }
  for (guint i = 0; i < n_clients; i++)
    close (clients[i].fd);
  result->elapsed_usec = g_get_monotonic_time () - started;
}
