/* pa-http-lease.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-http"

#include "config.h"

#include "pa-http-lease.h"

/* -- input --------------------------------------------------------------- */

#define PA_TYPE_HTTP_LEASE_INPUT (pa_http_lease_input_get_type ())
G_DECLARE_FINAL_TYPE (PaHttpLeaseInput, pa_http_lease_input, PA, HTTP_LEASE_INPUT, GInputStream)

struct _PaHttpLeaseInput
{
  GInputStream      parent_instance;
  PaHttpConnection *connection;
};

static void lease_input_pollable_iface_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PaHttpLeaseInput, pa_http_lease_input, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      lease_input_pollable_iface_init))

static gssize
lease_input_read (GInputStream  *stream,
                  void          *buffer,
                  gsize          count,
                  GCancellable  *cancellable,
                  GError       **error)
{
  PaHttpLeaseInput *self = PA_HTTP_LEASE_INPUT (stream);

  return pa_http_connection_lease_read (self->connection, buffer, count, TRUE, cancellable, error);
}

/* The socket belongs to the connection: closing the lease's streams only
 * marks them closed. */
static gboolean
lease_input_close (GInputStream  *stream,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return TRUE;
}

static gboolean
lease_input_is_readable (GPollableInputStream *stream)
{
  return pa_http_connection_lease_ready (PA_HTTP_LEASE_INPUT (stream)->connection, G_IO_IN);
}

static GSource *
lease_input_create_source (GPollableInputStream *stream,
                           GCancellable         *cancellable)
{
  PaHttpLeaseInput *self = PA_HTTP_LEASE_INPUT (stream);
  g_autoptr(GSource) child = pa_http_connection_lease_source (self->connection, G_IO_IN, NULL);

  return g_pollable_source_new_full (stream, child, cancellable);
}

static gssize
lease_input_read_nonblocking (GPollableInputStream *stream,
                              void                 *buffer,
                              gsize                 count,
                              GError              **error)
{
  PaHttpLeaseInput *self = PA_HTTP_LEASE_INPUT (stream);

  return pa_http_connection_lease_read (self->connection, buffer, count, FALSE, NULL, error);
}

static void
lease_input_pollable_iface_init (GPollableInputStreamInterface *iface)
{
  iface->is_readable = lease_input_is_readable;
  iface->create_source = lease_input_create_source;
  iface->read_nonblocking = lease_input_read_nonblocking;
}

static void
pa_http_lease_input_finalize (GObject *object)
{
  g_clear_object (&PA_HTTP_LEASE_INPUT (object)->connection);
  G_OBJECT_CLASS (pa_http_lease_input_parent_class)->finalize (object);
}

static void
pa_http_lease_input_class_init (PaHttpLeaseInputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pa_http_lease_input_finalize;
  G_INPUT_STREAM_CLASS (klass)->read_fn = lease_input_read;
  G_INPUT_STREAM_CLASS (klass)->close_fn = lease_input_close;
}

static void
pa_http_lease_input_init (PaHttpLeaseInput *self)
{
}

/* -- output -------------------------------------------------------------- */

#define PA_TYPE_HTTP_LEASE_OUTPUT (pa_http_lease_output_get_type ())
G_DECLARE_FINAL_TYPE (PaHttpLeaseOutput, pa_http_lease_output, PA, HTTP_LEASE_OUTPUT, GOutputStream)

struct _PaHttpLeaseOutput
{
  GOutputStream     parent_instance;
  PaHttpConnection *connection;
};

static void lease_output_pollable_iface_init (GPollableOutputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PaHttpLeaseOutput, pa_http_lease_output, G_TYPE_OUTPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_OUTPUT_STREAM,
                                                      lease_output_pollable_iface_init))

static gssize
lease_output_write (GOutputStream  *stream,
                    const void     *buffer,
                    gsize           count,
                    GCancellable   *cancellable,
                    GError        **error)
{
  PaHttpLeaseOutput *self = PA_HTTP_LEASE_OUTPUT (stream);

  return pa_http_connection_lease_write (self->connection, buffer, count, TRUE, cancellable, error);
}

static gboolean
lease_output_close (GOutputStream  *stream,
                    GCancellable   *cancellable,
                    GError        **error)
{
  return TRUE;
}

static gboolean
lease_output_is_writable (GPollableOutputStream *stream)
{
  return pa_http_connection_lease_ready (PA_HTTP_LEASE_OUTPUT (stream)->connection, G_IO_OUT);
}

static GSource *
lease_output_create_source (GPollableOutputStream *stream,
                            GCancellable          *cancellable)
{
  PaHttpLeaseOutput *self = PA_HTTP_LEASE_OUTPUT (stream);
  g_autoptr(GSource) child = pa_http_connection_lease_source (self->connection, G_IO_OUT, NULL);

  return g_pollable_source_new_full (stream, child, cancellable);
}

static gssize
lease_output_write_nonblocking (GPollableOutputStream *stream,
                                const void            *buffer,
                                gsize                  count,
                                GError               **error)
{
  PaHttpLeaseOutput *self = PA_HTTP_LEASE_OUTPUT (stream);

  return pa_http_connection_lease_write (self->connection, buffer, count, FALSE, NULL, error);
}

static void
lease_output_pollable_iface_init (GPollableOutputStreamInterface *iface)
{
  iface->is_writable = lease_output_is_writable;
  iface->create_source = lease_output_create_source;
  iface->write_nonblocking = lease_output_write_nonblocking;
}

static void
pa_http_lease_output_finalize (GObject *object)
{
  g_clear_object (&PA_HTTP_LEASE_OUTPUT (object)->connection);
  G_OBJECT_CLASS (pa_http_lease_output_parent_class)->finalize (object);
}

static void
pa_http_lease_output_class_init (PaHttpLeaseOutputClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pa_http_lease_output_finalize;
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = lease_output_write;
  G_OUTPUT_STREAM_CLASS (klass)->close_fn = lease_output_close;
}

static void
pa_http_lease_output_init (PaHttpLeaseOutput *self)
{
}

/* -- the stream pair ----------------------------------------------------- */

struct _PaHttpLease
{
  GIOStream         parent_instance;
  PaHttpConnection *connection;
  GInputStream     *input;
  GOutputStream    *output;
  gboolean          ended;
};

G_DEFINE_FINAL_TYPE (PaHttpLease, pa_http_lease, G_TYPE_IO_STREAM)

static GInputStream *
lease_get_input_stream (GIOStream *stream)
{
  return PA_HTTP_LEASE (stream)->input;
}

static GOutputStream *
lease_get_output_stream (GIOStream *stream)
{
  return PA_HTTP_LEASE (stream)->output;
}

static void
lease_end (PaHttpLease *self)
{
  if (self->ended)
    return;
  self->ended = TRUE;
  pa_http_connection_lease_closed (self->connection);
}

static gboolean
lease_close (GIOStream     *stream,
             GCancellable  *cancellable,
             GError       **error)
{
  gboolean ok = G_IO_STREAM_CLASS (pa_http_lease_parent_class)->close_fn (stream, cancellable, error);

  lease_end (PA_HTTP_LEASE (stream));
  return ok;
}

/* GIOStream's own would close in a thread of GLib's pool, and handing the
 * socket back is the main loop's business (the connection and the
 * listener's table are its alone; at a stop, freed under that thread).
 * Nothing here blocks: the lease's streams only mark themselves closed. */
static void
lease_close_async (GIOStream           *stream,
                   int                  io_priority,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (stream, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, lease_close_async);
  if (lease_close (stream, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static gboolean
lease_close_finish (GIOStream     *stream,
                    GAsyncResult  *result,
                    GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
pa_http_lease_dispose (GObject *object)
{
  /* A lease dropped without a close (a stolen connection that is let go)
   * still hands the socket back. */
  lease_end (PA_HTTP_LEASE (object));
  G_OBJECT_CLASS (pa_http_lease_parent_class)->dispose (object);
}

static void
pa_http_lease_finalize (GObject *object)
{
  PaHttpLease *self = PA_HTTP_LEASE (object);

  g_clear_object (&self->input);
  g_clear_object (&self->output);
  g_clear_object (&self->connection);
  G_OBJECT_CLASS (pa_http_lease_parent_class)->finalize (object);
}

static void
pa_http_lease_class_init (PaHttpLeaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->dispose = pa_http_lease_dispose;
  object_class->finalize = pa_http_lease_finalize;
  stream_class->get_input_stream = lease_get_input_stream;
  stream_class->get_output_stream = lease_get_output_stream;
  stream_class->close_fn = lease_close;
  stream_class->close_async = lease_close_async;
  stream_class->close_finish = lease_close_finish;
}

static void
pa_http_lease_init (PaHttpLease *self)
{
}

GIOStream *
pa_http_lease_new (PaHttpConnection *connection)
{
  PaHttpLease *self = g_object_new (PA_TYPE_HTTP_LEASE, NULL);
  PaHttpLeaseInput *input = g_object_new (PA_TYPE_HTTP_LEASE_INPUT, NULL);
  PaHttpLeaseOutput *output = g_object_new (PA_TYPE_HTTP_LEASE_OUTPUT, NULL);

  input->connection = g_object_ref (connection);
  output->connection = g_object_ref (connection);
  self->connection = g_object_ref (connection);
  self->input = G_INPUT_STREAM (input);
  self->output = G_OUTPUT_STREAM (output);
  return G_IO_STREAM (self);
}
