/* pa-section.c — the table of the main window's sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-section"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-agents-page.h"
#include "pa-discovered-page.h"
#include "pa-firmware-page.h"
#include "pa-layouts-page.h"
#include "pa-phones-page.h"
#include "pa-profiles-page.h"
#include "pa-section.h"

/* One row per section, in sidebar order. A later section (Layouts,
 * Profiles, Firmware, Discovered) is one more row here. */
static const PaSection sections[] = {
  { "phones", N_("Phones"), "phone-old-symbolic", pa_phones_page_get_type,
    "/org/example/PhoneAdmin/phones/pa-phones-header.ui" },
  { "agents", N_("Agents"), "system-users-symbolic", pa_agents_page_get_type,
    "/org/example/PhoneAdmin/agents/pa-agents-header.ui" },
  { "layouts", N_("Layouts"), "input-dialpad-symbolic", pa_layouts_page_get_type, NULL },
  { "profiles", N_("Profiles"), "document-properties-symbolic", pa_profiles_page_get_type, NULL },
  { "firmware", N_("Firmware"), "application-x-firmware-symbolic", pa_firmware_page_get_type,
    NULL },
  { "discovered", N_("Discovered"), "network-wired-symbolic", pa_discovered_page_get_type, NULL },
};

const PaSection *
pa_section_get_all (guint *n_sections)
{
  if (n_sections != NULL)
    *n_sections = G_N_ELEMENTS (sections);
  return sections;
}

const PaSection *
pa_section_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (sections[i].id, id) == 0)
      return &sections[i];
  return NULL;
}
