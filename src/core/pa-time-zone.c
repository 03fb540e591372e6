/* pa-time-zone.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <string.h>

#include "pa-time-zone.h"

/* 2025-01-01 and 2026-01-01, 00:00 UTC */
#define YEAR_START 1735689600
#define YEAR_END   1767225600

static gboolean
is_summer_at (GTimeZone *tz,
              gint64     when)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, when);

  return interval >= 0 && g_time_zone_is_dst (tz, interval);
}

static int
offset_at (GTimeZone *tz,
           gint64     when)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, when);

  return interval >= 0 ? g_time_zone_get_offset (tz, interval) : 0;
}

/* The first instant in 2025 at which summer time starts (@to_summer) or
 * ends, to the second; 0 if it does not. A day at a time, then the hour,
 * then the second: a few hundred look-ups. */
static gint64
find_change (GTimeZone *tz,
             gboolean   to_summer)
{
  for (gint64 day = YEAR_START; day < YEAR_END; day += 86400)
    {
      gint64 low, high;

      if (is_summer_at (tz, day) == to_summer || is_summer_at (tz, day + 86400) != to_summer)
        continue;
      low = day;
      high = day + 86400;
      /* is_summer_at (low) != to_summer, is_summer_at (high) == to_summer */
      while (high - low > 1)
        {
          gint64 mid = low + (high - low) / 2;

          if (is_summer_at (tz, mid) == to_summer)
            high = mid;
          else
            low = mid;
        }
      return high;
    }
  return 0;
}

static void
clock_change_at (gint64         when,
                 int            offset_before,
                 PaClockChange *change)
{
  g_autoptr(GDateTime) wall = g_date_time_new_from_unix_utc (when + offset_before);
  guint days_in_month = g_date_get_days_in_month (g_date_time_get_month (wall),
                                                  g_date_time_get_year (wall));

  change->month = g_date_time_get_month (wall);
  change->day = g_date_time_get_day_of_month (wall);
  change->week = change->day + 7 > days_in_month ? 5 : (change->day - 1) / 7 + 1;
  change->weekday = g_date_time_get_day_of_week (wall);
  change->hour = g_date_time_get_hour (wall);
  change->minute = g_date_time_get_minute (wall);
  change->second = g_date_time_get_second (wall);
}

static char *
abbreviation_at (GTimeZone *tz,
                 gint64     when)
{
  int interval = g_time_zone_find_interval (tz, G_TIME_TYPE_UNIVERSAL, when);

  return interval >= 0 ? g_strdup (g_time_zone_get_abbreviation (tz, interval)) : NULL;
}

static PaTimeZoneRule *
rule_compute (const char *iana_name)
{
  g_autoptr(GTimeZone) tz = NULL;
  PaTimeZoneRule *rule;
  gint64 start, end, standard_at;

  tz = g_time_zone_new_identifier (iana_name);
  if (tz == NULL)
    return NULL;

  rule = g_new0 (PaTimeZoneRule, 1);
  start = find_change (tz, TRUE);
  end = find_change (tz, FALSE);
  rule->has_summer_time = start != 0 && end != 0;

  /* A moment of standard time: just before summer time starts, or any. */
  standard_at = rule->has_summer_time ? start - 1 : YEAR_START;
  rule->standard_offset = offset_at (tz, standard_at);
  rule->standard_abbreviation = abbreviation_at (tz, standard_at);
  if (rule->has_summer_time)
    {
      rule->summer_offset = offset_at (tz, start);
      rule->summer_abbreviation = abbreviation_at (tz, start);
      clock_change_at (start, rule->standard_offset, &rule->summer_start);
      clock_change_at (end, rule->summer_offset, &rule->summer_end);
    }
  else
    rule->summer_offset = rule->standard_offset;
  return rule;
}

static PaTimeZoneRule *
rule_copy (const PaTimeZoneRule *rule)
{
  PaTimeZoneRule *copy = g_memdup2 (rule, sizeof *rule);

  copy->standard_abbreviation = g_strdup (rule->standard_abbreviation);
  copy->summer_abbreviation = g_strdup (rule->summer_abbreviation);
  return copy;
}

/* Worked out once per zone and process: a few hundred look-ups in the
 * zone's rules, which every phone of a time zone's files needed at each
 * render and each derive (most of a 10,000-phone job). A tzdata update
 * takes effect at the next start. */
G_LOCK_DEFINE_STATIC (rules);
static GHashTable *rules;   /* IANA name → PaTimeZoneRule, or NULL: none */

PaTimeZoneRule *
pa_time_zone_rule_new (const char *iana_name)
{
  PaTimeZoneRule *rule;
  gpointer found = NULL;
  gboolean known;

  if (iana_name == NULL || iana_name[0] == '\0')
    return NULL;

  G_LOCK (rules);
  if (rules == NULL)
    rules = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) pa_time_zone_rule_free);
  known = g_hash_table_lookup_extended (rules, iana_name, NULL, &found);
  G_UNLOCK (rules);
  if (known)
    return found != NULL ? rule_copy (found) : NULL;

  rule = rule_compute (iana_name);
  G_LOCK (rules);
  if (!g_hash_table_contains (rules, iana_name))
    g_hash_table_insert (rules, g_strdup (iana_name), rule != NULL ? rule_copy (rule) : NULL);
  G_UNLOCK (rules);
  return rule;
}

void
pa_time_zone_rule_free (PaTimeZoneRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->standard_abbreviation);
  g_free (rule->summer_abbreviation);
  g_free (rule);
}

char *
pa_time_zone_format_offset (int seconds)
{
  int hours = ABS (seconds) / 3600;
  int minutes = (ABS (seconds) % 3600) / 60;

  if (minutes != 0)
    return g_strdup_printf ("%c%d:%02d", seconds < 0 ? '-' : '+', hours, minutes);
  return g_strdup_printf ("%c%d", seconds < 0 ? '-' : '+', hours);
}

/* POSIX wants three or more letters, or three or more letters, digits,
 * '+' and '-' in angle brackets ("<-04>", as tzdata writes it). */
static void
append_abbreviation (GString    *out,
                     const char *abbreviation,
                     int         offset)
{
  gboolean letters = abbreviation != NULL && strlen (abbreviation) >= 3;
  gboolean quotable = letters;

  for (const char *p = abbreviation; quotable && *p != '\0'; p++)
    {
      letters = letters && g_ascii_isalpha (*p);
      quotable = g_ascii_isalnum (*p) || *p == '+' || *p == '-';
    }
  if (letters)
    g_string_append (out, abbreviation);
  else if (quotable)
    g_string_append_printf (out, "<%s>", abbreviation);
  else
    {
      g_autofree char *name = pa_time_zone_format_offset (offset);

      g_string_append_printf (out, "<%s>", name);
    }
}

/* POSIX counts west of UTC positive. */
static void
append_posix_offset (GString *out,
                     int      seconds_east)
{
  int west = -seconds_east;
  int hours = ABS (west) / 3600, minutes = (ABS (west) % 3600) / 60;

  if (west < 0)
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%d", hours);
  if (minutes != 0)
    g_string_append_printf (out, ":%02d", minutes);
}

static void
append_posix_change (GString             *out,
                     const PaClockChange *change)
{
  g_string_append_printf (out, ",M%u.%u.%u", change->month, change->week, change->weekday % 7);
  /* 02:00:00 is POSIX's default */
  if (change->hour != 2 || change->minute != 0 || change->second != 0)
    {
      g_string_append_printf (out, "/%u", change->hour);
      if (change->minute != 0 || change->second != 0)
        g_string_append_printf (out, ":%02u", change->minute);
      if (change->second != 0)
        g_string_append_printf (out, ":%02u", change->second);
    }
}

char *
pa_time_zone_rule_to_posix (const PaTimeZoneRule *rule)
{
  GString *out = g_string_new (NULL);

  append_abbreviation (out, rule->standard_abbreviation, rule->standard_offset);
  append_posix_offset (out, rule->standard_offset);
  if (rule->has_summer_time)
    {
      append_abbreviation (out, rule->summer_abbreviation, rule->summer_offset);
      /* one hour ahead is POSIX's default */
      if (rule->summer_offset - rule->standard_offset != 3600)
        append_posix_offset (out, rule->summer_offset);
      append_posix_change (out, &rule->summer_start);
      append_posix_change (out, &rule->summer_end);
    }
  return g_string_free (out, FALSE);
}
