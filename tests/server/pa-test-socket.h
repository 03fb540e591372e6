/* pa-test-socket.h — raw HTTP/1.1 over POSIX sockets, for connection tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsoup's client pools, reuses and retries connections; a test about
 * provd's connection handling needs to decide itself when a connection
 * opens, what goes over it and who closes it first. Every call is bounded
 * by a timeout and reports a GError (G_IO_ERROR_TIMED_OUT, _CONNECTION_
 * REFUSED, …) instead of blocking.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint    status;   /* 0 until a status line came */
  gboolean eof;      /* the server closed the connection */
} PaTestReply;

/* Sets *status once @buf (NUL-terminated, @len bytes) holds the status
 * line; TRUE when it holds the whole response, headers and a Content-Length
 * body. Without a Content-Length the body runs to EOF, so never TRUE. */
gboolean pa_test_response_complete       (const char   *buf,
                                          gsize         len,
                                          guint        *status);

/* A blocking TCP connection to 127.0.0.1:@port whose connect, sends and
 * receives each give up after @timeout_ms; -1 on error. */
int      pa_test_socket_connect          (guint16       port,
                                          guint         timeout_ms,
                                          GError      **error);
/* Starts a non-blocking connect and returns at once: the kernel completes
 * it into the server's backlog whether or not the server accepts it. */
int      pa_test_socket_connect_nowait   (guint16       port);
gboolean pa_test_socket_send_all         (int           fd,
                                          const char   *data,
                                          GError      **error);
/* Reads one response; with @until_eof also waits for the server to close
 * (more bytes after the response are an error then). */
gboolean pa_test_socket_read_reply       (int           fd,
                                          gboolean      until_eof,
                                          PaTestReply  *reply,
                                          GError      **error);
/* The whole life of one client connection: connect, send @request, read
 * the response (and EOF with @until_eof), close from our side. */
gboolean pa_test_socket_exchange         (guint16       port,
                                          const char   *request,
                                          gboolean      until_eof,
                                          guint         timeout_ms,
                                          PaTestReply  *reply,
                                          GError      **error);

typedef struct
{
  guint   answered;       /* with the expected status */
  guint   resets;         /* ECONNRESET, EPIPE, ECONNREFUSED, EOF before a response */
  guint   other;          /* another status, no response in time, anything else */
  char   *first_problem;  /* owned by the caller; NULL when all went well */
  gint64  elapsed_usec;   /* until every client had its response or gave up */
} PaTestBurst;

/* @clients non-blocking connects at once, @request sent on each as soon as
 * its connect completes, every response read through poll(): many clients
 * arriving together. Clients still waiting after @give_up_usec count as
 * "other". @result must be zeroed. */
void     pa_test_socket_burst            (guint16       port,
                                          const char   *request,
                                          guint         n_clients,
                                          guint         expected_status,
                                          gint64        give_up_usec,
                                          PaTestBurst  *result);

G_END_DECLS
