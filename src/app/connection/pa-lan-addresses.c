/* pa-lan-addresses.c — the addresses phones on the LAN could reach this
 * computer at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-lan-addresses"

#include "config.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

#include <gio/gio.h>

#include "pa-lan-addresses.h"

void
pa_lan_address_free (PaLanAddress *address)
{
  if (address == NULL)
    return;
  g_free (address->address);
  g_free (address->interface);
  g_free (address);
}

GPtrArray *
pa_lan_addresses_list (void)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_lan_address_free);
  struct ifaddrs *all = NULL;

  /* getifaddrs() asks the kernel over netlink: no file, no DNS, quick. */
  if (getifaddrs (&all) != 0)
    return list;
  for (struct ifaddrs *ifa = all; ifa != NULL; ifa = ifa->ifa_next)
    {
      char text[INET_ADDRSTRLEN];
      const struct sockaddr_in *in;
      guint32 host;
      PaLanAddress *found;

      if (ifa->ifa_addr == NULL || ifa->ifa_addr->sa_family != AF_INET
          || !(ifa->ifa_flags & IFF_UP) || (ifa->ifa_flags & IFF_LOOPBACK))
        continue;
      in = (const struct sockaddr_in *) ifa->ifa_addr;
      host = ntohl (in->sin_addr.s_addr);
      /* 127/8 and 169.254/16 (no DHCP answer): no phone reaches those. */
      if ((host >> 24) == 127 || (host >> 16) == 0xa9fe)
        continue;
      if (inet_ntop (AF_INET, &in->sin_addr, text, sizeof text) == NULL)
        continue;
      found = g_new0 (PaLanAddress, 1);
      found->address = g_strdup (text);
      found->interface = g_strdup (ifa->ifa_name);
      g_ptr_array_add (list, found);
    }
  freeifaddrs (all);
  return list;
}

gboolean
pa_lan_host_is_loopback (const char *host)
{
  return host == NULL || g_str_has_prefix (host, "127.") || g_str_equal (host, "localhost") ||
         g_str_equal (host, "::1");
}

gboolean
pa_lan_addresses_has_host (GPtrArray  *addresses,
                           const char *host)
{
  if (host == NULL || !g_hostname_is_ip_address (host))
    return TRUE;
  for (guint i = 0; i < addresses->len; i++)
    {
      PaLanAddress *address = g_ptr_array_index (addresses, i);

      if (g_str_equal (address->address, host))
        return TRUE;
    }
  return FALSE;
}
