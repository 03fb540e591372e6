/* pa-time-zone.h — a time zone as the phones want it: offsets and summer-time rule
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Phones take a standard offset and a yearly rule ("the last Sunday of
 * March at 02:00"), not an IANA name. The rule is read once, here, off the
 * zone's changes in one fixed year (2025), so a file does not change from
 * one day to the next; every writer spells the same rule its own way.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* When the clocks change, as a rule a phone can repeat each year. */
typedef struct
{
  guint month;     /* 1 … 12 */
  guint week;      /* 1 … 4: the n-th weekday of the month; 5: the last */
  guint day;       /* the day of the month it fell on in 2025 */
  guint weekday;   /* 1 Monday … 7 Sunday */
  guint hour;      /* the local wall time the clocks show just before */
  guint minute;
  guint second;
} PaClockChange;

typedef struct
{
  int            standard_offset;   /* seconds east of UTC */
  gboolean       has_summer_time;
  int            summer_offset;     /* seconds east of UTC in summer */
  PaClockChange  summer_start;      /* when summer time starts … */
  PaClockChange  summer_end;        /* … and ends (earlier in the year south of the equator) */
  char          *standard_abbreviation;   /* "CET", "+03"; nullable */
  char          *summer_abbreviation;
} PaTimeZoneRule;

/* NULL for a name that is not a known zone. */
PaTimeZoneRule *pa_time_zone_rule_new    (const char     *iana_name);
void            pa_time_zone_rule_free   (PaTimeZoneRule *rule);

/* "+1", "-5", "+5:30" for a number of seconds east of UTC. */
char           *pa_time_zone_format_offset (int seconds);

/* The POSIX TZ rule, e.g. "CET-1CEST,M3.5.0,M10.5.0/3" for Europe/Berlin,
 * "<+03>-3" for a zone without summer time named by its offset. */
char           *pa_time_zone_rule_to_posix (const PaTimeZoneRule *rule);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PaTimeZoneRule, pa_time_zone_rule_free)

G_END_DECLS
