/* pa-config-invariants.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-server-config.h"
#include "pa-config-invariants.h"

const char *
pa_config_check_invariants (const guint8 *data,
                            gsize         size)
{
  g_autoptr(PaServerConfig) config = pa_server_config_new ();
  g_autoptr(PaServerConfig) untouched = pa_server_config_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok = pa_server_config_load_data (config, (const char *) data, size, &error);

  if (ok != (error == NULL))
    return "the verdict and the error disagree";
  if (!ok)
    {
      /* A bad file changes nothing: provd then stops with the message. */
      if (g_strcmp0 (config->listen_host, untouched->listen_host) != 0 ||
          config->listen_port != untouched->listen_port ||
          g_strcmp0 (config->public_url, untouched->public_url) != 0 ||
          g_strcmp0 (config->sip_server, untouched->sip_server) != 0 ||
          config->phone_networks != NULL)
        return "a refused key file changed the configuration";
      if (!g_utf8_validate (error->message, -1, NULL))
        return "a refusal's message is not UTF-8";
      return NULL;
    }
  if (config->listen_host == NULL || *config->listen_host == '\0')
    return "an accepted key file leaves no address to listen on";
  if (config->public_url != NULL && !g_str_has_prefix (config->public_url, "http://") &&
      !g_str_has_prefix (config->public_url, "https://"))
    return "an accepted public-url is not http(s)";
  if (config->phone_networks != NULL && config->phone_networks->len == 0)
    return "an accepted phone-networks names no network";
  /* Allowed addresses are answered without a crash, whatever was named. */
  pa_server_config_allows_phone (config, "192.0.2.7");
  pa_server_config_allows_phone (config, "::ffff:192.0.2.7");
  pa_server_config_allows_phone (config, "not an address");
  return NULL;
}
