/* pa-discovered-page.h — phones that asked the bootstrap URL with a MAC no
 * phone has: adopt or ignore them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "pa-repository.h"

G_BEGIN_DECLS

#define PA_TYPE_DISCOVERED_PAGE (pa_discovered_page_get_type ())

G_DECLARE_FINAL_TYPE (PaDiscoveredPage, pa_discovered_page, PA, DISCOVERED_PAGE, AdwBin)

/* Properties: "repository" (its client is asked, now and after each of its
 * refreshes),
 * "badge" (read-only: how many are listed, for the sidebar), "busy"
 * (read-only: a request is out). Actions: "discovered.adopt" and
 * "discovered.ignore" with the MAC ("s"); "discovered.refresh". Adopt opens
 * the phone editor filled with the MAC, brand and model; once saved, the
 * phone leaves the list. */
guint pa_discovered_page_get_badge (PaDiscoveredPage *self);
gboolean pa_discovered_page_get_busy (PaDiscoveredPage *self);

G_END_DECLS
