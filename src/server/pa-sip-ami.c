/* pa-sip-ami.c — NOTIFYs through Asterisk's manager interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-sip"

#include "config.h"

#include "pa-server-private.h"

gboolean
pa_server_ami_configured (PaServer *self)
{
  return FALSE;
}

void
pa_server_ami_notify_async (PaServer            *self,
                            const char          *endpoint,
                            const char          *uri,
                            const char          *event,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  PaSipOutcome *outcome = g_new0 (PaSipOutcome, 1);

  outcome->result = PA_SIP_RESULT_FAILED;
  outcome->reason = g_strdup ("no AMI configured");
  g_task_return_pointer (task, outcome, NULL);
}

void
pa_server_ami_notify_finish (PaServer     *self,
                             GAsyncResult *result,
                             PaSipOutcome *outcome)
{
  PaSipOutcome *got = g_task_propagate_pointer (G_TASK (result), NULL);

  *outcome = *got;
  g_free (got);
}
