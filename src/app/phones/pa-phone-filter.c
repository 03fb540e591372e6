/* pa-phone-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-phone-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-catalog.h"
#include "pa-list-page.h"
#include "pa-phone-filter.h"

PaPhoneStatus
pa_phone_get_display_status (PaPhone *phone)
{
  g_return_val_if_fail (PA_IS_PHONE (phone), PA_PHONE_STATUS_PENDING);

  return pa_phone_get_enabled (phone) ? pa_phone_get_status (phone) : PA_PHONE_STATUS_DISABLED;
}

char *
pa_phone_dup_model_display (PaPhone *phone)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  const char *vendor_id = pa_phone_get_vendor (phone);
  const char *model_id = pa_phone_get_model (phone);
  PaVendor *vendor = pa_catalog_get_vendor (catalog, vendor_id);
  PaDeviceModel *model = pa_catalog_get_model (catalog, model_id);
  const char *vendor_name = vendor ? pa_vendor_get_name (vendor) : vendor_id;
  const char *model_name = model ? pa_device_model_get_name (model) : model_id;

  if (vendor_name[0] == '\0')
    return g_strdup (model_name);
  if (model_name[0] == '\0')
    return g_strdup (vendor_name);
  return g_strdup_printf ("%s %s", vendor_name, model_name);
}

char *
pa_phone_dup_agent_name (PaPhone      *phone,
                         PaRepository *repo)
{
  gint64 agent_id = pa_phone_get_agent_id (phone);
  PaResource *agent;

  if (agent_id == 0)
    return NULL;

  agent = repo ? pa_repository_find (repo, PA_TYPE_AGENT, agent_id) : NULL;
  if (agent == NULL)
    {
      /* Formatted apart: gettext cannot see through G_GINT64_FORMAT. */
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, agent_id);

      /* Translators: an assigned agent whose record has not been loaded yet */
      return g_strdup_printf (_("Agent #%s"), id);
    }
  return g_strdup (pa_agent_get_name (PA_AGENT (agent)));
}

/* One word in one phone, without allocating: a search of 100,000 phones
 * asks this for every phone on every keystroke. A word holds no space, so
 * it is found in "Yealink T54W" exactly when it is in "Yealink" or in
 * "T54W": the brand and model names are searched apart. */
static gboolean
word_matches (PaPhone      *phone,
              const char   *word,
              const char   *hex,
              PaRepository *repo)
{
  PaCatalog *catalog = pa_catalog_get_default ();
  PaVendor *vendor;
  PaDeviceModel *model;
  gint64 agent_id;

  if (pa_search_contains_folded (pa_phone_get_name (phone), word)
      || pa_search_contains_folded (pa_phone_get_model (phone), word)
      || pa_search_contains_folded (pa_phone_get_vendor (phone), word)
      || pa_search_contains_folded (pa_phone_get_ip (phone), word)
      || pa_search_mac_contains_hex (pa_phone_get_mac (phone), hex))
    return TRUE;

  vendor = pa_catalog_get_vendor (catalog, pa_phone_get_vendor (phone));
  model = pa_catalog_get_model (catalog, pa_phone_get_model (phone));
  if ((vendor != NULL && pa_search_contains_folded (pa_vendor_get_name (vendor), word))
      || (model != NULL && pa_search_contains_folded (pa_device_model_get_name (model), word)))
    return TRUE;

  agent_id = pa_phone_get_agent_id (phone);
  if (agent_id != 0 && repo != NULL)
    {
      PaResource *agent = pa_repository_find (repo, PA_TYPE_AGENT, agent_id);

      if (agent != NULL)
        return pa_search_contains_folded (pa_agent_get_name (PA_AGENT (agent)), word);
    }
  if (agent_id != 0)
    {
      /* Not loaded yet: the name its cell shows ("Agent #12"). */
      g_autofree char *shown = pa_phone_dup_agent_name (phone, NULL);

      return pa_search_contains_folded (shown, word);
    }
  return FALSE;
}

gboolean
pa_phone_matches_query (PaPhone             *phone,
                        const PaSearchQuery *query,
                        PaRepository        *repo)
{
  g_return_val_if_fail (PA_IS_PHONE (phone), FALSE);

  for (guint i = 0; i < pa_search_query_get_n_words (query); i++)
    if (!word_matches (phone, pa_search_query_get_word (query, i),
                       pa_search_query_get_hex (query, i), repo))
      return FALSE;
  return TRUE;
}

gboolean
pa_phone_matches (PaPhone      *phone,
                  const char   *query,
                  PaRepository *repo)
{
  g_autoptr(PaSearchQuery) search = pa_search_query_new (query);

  return pa_phone_matches_query (phone, search, repo);
}

char *
pa_format_last_seen (gint64 last_seen,
                     gint64 now)
{
  g_autoptr(GDateTime) seen = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) now_local = NULL;
  gint64 ago = now - last_seen;

  if (last_seen <= 0)
    return g_strdup (_("Never"));

  /* Clocks differ a little between server and desk; a future time is "now". */
  if (ago < 60)
    return g_strdup (_("Just now"));
  if (ago < 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago",
                                         ago / 60), (int) (ago / 60));

  seen = g_date_time_new_from_unix_local (last_seen);
  now_local = g_date_time_new_from_unix_local (now);
  if (seen == NULL || now_local == NULL)
    return g_strdup (_("Unknown"));

  if (ago < 6 * 3600)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                         ago / 3600), (int) (ago / 3600));

  today = g_date_time_new_local (g_date_time_get_year (now_local),
                                 g_date_time_get_month (now_local),
                                 g_date_time_get_day_of_month (now_local), 0, 0, 0);
  if (g_date_time_compare (seen, today) >= 0)
    {
      g_autofree char *time = g_date_time_format (seen, "%H:%M");
      /* Translators: %s is a time like 14:02 */
      return g_strdup_printf (_("Today, %s"), time);
    }
  if (g_date_time_to_unix (today) - last_seen < 24 * 3600)
    {
      g_autofree char *time = g_date_time_format (seen, "%H:%M");
      /* Translators: %s is a time like 14:02 */
      return g_strdup_printf (_("Yesterday, %s"), time);
    }
  return g_date_time_format (seen, "%x %H:%M");
}
