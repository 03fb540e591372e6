/* pa-phone-filter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-phone-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "pa-catalog.h"
#include "pa-mac.h"
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

/* "80:5e-C0.12" → "805ec012"; NULL when the word holds anything but hex
 * digits and separators, so "Desk" never matches a MAC by its "de". */
static char *
compact_hex (const char *word)
{
  GString *out = g_string_new (NULL);

  for (const char *p = word; *p != '\0'; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (out, g_ascii_tolower (*p));
      else if (*p != ':' && *p != '-' && *p != '.')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* What a phone is searched by beyond its own strings, made the first time
 * a word needs it: most phones match or fail on their name and model. */
typedef struct
{
  PaPhone      *phone;
  PaRepository *repo;
  gboolean      made;
  char         *mac_compact;
  char         *agent_name;
  char         *model_display;
} Derived;

static void
derived_make (Derived *d)
{
  const char *mac = pa_phone_get_mac (d->phone);

  if (d->made)
    return;
  d->made = TRUE;
  if (pa_mac_is_valid (mac))
    d->mac_compact = pa_mac_to_compact (mac);
  d->agent_name = pa_phone_dup_agent_name (d->phone, d->repo);
  d->model_display = pa_phone_dup_model_display (d->phone);
}

static gboolean
word_matches (PaPhone    *phone,
              const char *word,
              Derived    *d)
{
  g_autofree char *folded = g_utf8_casefold (word, -1);
  g_autofree char *hex = NULL;

  if (pa_list_contains_folded (pa_phone_get_name (phone), folded)
      || pa_list_contains_folded (pa_phone_get_model (phone), folded)
      || pa_list_contains_folded (pa_phone_get_vendor (phone), folded)
      || pa_list_contains_folded (pa_phone_get_ip (phone), folded))
    return TRUE;

  derived_make (d);
  if (pa_list_contains_folded (d->model_display, folded)
      || pa_list_contains_folded (d->agent_name, folded))
    return TRUE;

  hex = compact_hex (word);
  return hex != NULL && d->mac_compact != NULL && strstr (d->mac_compact, hex) != NULL;
}

gboolean
pa_phone_matches (PaPhone      *phone,
                  const char   *query,
                  PaRepository *repo)
{
  g_auto(GStrv) words = NULL;
  Derived d = { phone, repo, FALSE, NULL, NULL, NULL };
  gboolean matches = TRUE;

  g_return_val_if_fail (PA_IS_PHONE (phone), FALSE);

  if (query == NULL)
    return TRUE;

  words = g_strsplit_set (query, " \t\n", -1);
  for (guint i = 0; words[i] != NULL && matches; i++)
    if (words[i][0] != '\0')
      matches = word_matches (phone, words[i], &d);

  g_free (d.mac_compact);
  g_free (d.agent_name);
  g_free (d.model_display);
  return matches;
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
