/* pa-lan-addresses.h — the addresses phones on the LAN could reach this
 * computer at
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  char *address;    /* "192.168.1.20" */
  char *interface;  /* "enp3s0" */
} PaLanAddress;

void       pa_lan_address_free       (PaLanAddress *address);

/* The IPv4 addresses of the interfaces that are up, loopback and
 * link-local (169.254/16) left out, in interface order. Element type
 * PaLanAddress. */
GPtrArray *pa_lan_addresses_list     (void);

/* Whether @host (an address or a name) is one of @addresses. A name is
 * taken to be present: it may follow the machine when its address
 * changes. */
gboolean   pa_lan_addresses_has_host (GPtrArray  *addresses,
                                      const char *host);

/* Whether setup links naming @host reach only this computer: none at all,
 * 127.x, "localhost" or ::1. */
gboolean   pa_lan_host_is_loopback   (const char *host);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaLanAddress, pa_lan_address_free)

G_END_DECLS
