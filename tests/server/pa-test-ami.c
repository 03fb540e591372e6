/* pa-test-ami.c — a stand-in for Asterisk's manager interface (AMI), not
 * Asterisk: Asterisk is not packaged in Debian 12
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "pa-test-ami.h"

static GHashTable *
ami_read_message (GDataInputStream *input)
{
  g_autoptr(GHashTable) message = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (input, NULL, NULL, NULL);
      const char *colon;

      if (line == NULL)
        return NULL;
      g_strchomp (line);
      if (line[0] == '\0')
        return g_hash_table_size (message) > 0 ? g_steal_pointer (&message) : NULL;
      colon = strchr (line, ':');
      if (colon != NULL)
        g_hash_table_replace (message, g_ascii_strdown (line, colon - line),
                              g_strstrip (g_strdup (colon + 1)));
    }
}

static void
ami_write (GOutputStream *output,
           const char    *text)
{
  g_output_stream_write_all (output, text, strlen (text), NULL, NULL, NULL);
}

static gpointer
ami_serve (gpointer data)
{
  PaTestAmi *ami = data;

  for (guint n = 0; ami->notify_answers[n] != NULL; n++)
    {
      g_autoptr(GSocketConnection) connection = g_socket_listener_accept (ami->listener, NULL,
                                                                          NULL, NULL);
      g_autoptr(GDataInputStream) input = NULL;
      GOutputStream *output;
      GHashTable *message;

      if (connection == NULL)
        return NULL;
      input = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
      g_data_input_stream_set_newline_type (input, G_DATA_STREAM_NEWLINE_TYPE_ANY);
      output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
      ami_write (output, "Asterisk Call Manager/5.0\r\n");

      while ((message = ami_read_message (input)) != NULL)
        {
          const char *action = g_hash_table_lookup (message, "action");

          g_mutex_lock (&ami->lock);
          g_ptr_array_add (ami->messages, g_hash_table_ref (message));
          g_mutex_unlock (&ami->lock);

          if (g_strcmp0 (action, "Login") == 0)
            {
              if (g_strcmp0 (g_hash_table_lookup (message, "username"), "phoneadmin") == 0
                  && g_strcmp0 (g_hash_table_lookup (message, "secret"), "s3cret-ami") == 0)
                ami_write (output, "Response: Success\r\nMessage: Authentication accepted\r\n\r\n");
              else
                ami_write (output, "Response: Error\r\nMessage: Authentication failed\r\n\r\n");
            }
          else if (g_strcmp0 (action, "PJSIPNotify") == 0)
            {
              if (g_str_equal (ami->notify_answers[n], "Success"))
                ami_write (output, "Response: Success\r\nMessage: NOTIFY sent\r\n\r\n");
              else
                {
                  g_autofree char *text = g_strdup_printf ("Response: Error\r\nMessage: %s\r\n\r\n",
                                                           ami->notify_answers[n]);

                  ami_write (output, text);
                }
            }
          else if (g_strcmp0 (action, "Logoff") == 0)
            {
              ami_write (output, "Response: Goodbye\r\nMessage: Thanks for all the fish.\r\n\r\n");
              g_hash_table_unref (message);
              break;
            }
          g_hash_table_unref (message);
        }
    }
  return NULL;
}

PaTestAmi *
pa_test_ami_start (const char * const *notify_answers)
{
  PaTestAmi *ami = g_new0 (PaTestAmi, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  ami->listener = g_socket_listener_new ();
  g_socket_listener_add_address (ami->listener, any, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  ami->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  ami->notify_answers = notify_answers;
  ami->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  g_mutex_init (&ami->lock);
  ami->thread = g_thread_new ("ami-stand-in", ami_serve, ami);
  return ami;
}

/* The @nth message with Action @action, copied; NULL when none came. */
GHashTable *
pa_test_ami_find (PaTestAmi *ami,
          const char *action,
          guint       nth)
{
  GHashTable *found = NULL;

  g_mutex_lock (&ami->lock);
  for (guint i = 0; i < ami->messages->len && found == NULL; i++)
    {
      GHashTable *message = g_ptr_array_index (ami->messages, i);

      if (g_strcmp0 (g_hash_table_lookup (message, "action"), action) == 0 && nth-- == 0)
        found = g_hash_table_ref (message);
    }
  g_mutex_unlock (&ami->lock);
  return found;
}

void
pa_test_ami_free (PaTestAmi *ami)
{
  g_thread_join (ami->thread);
  g_socket_listener_close (ami->listener);
  g_clear_object (&ami->listener);
  g_ptr_array_unref (ami->messages);
  g_mutex_clear (&ami->lock);
  g_free (ami);
}
