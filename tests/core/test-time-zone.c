/* test-time-zone.c — the time zone rule every vendor writer spells its own way
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-time-zone.h"

static void
assert_change (const PaClockChange *change,
               guint month, guint week, guint weekday, guint hour)
{
  g_assert_cmpuint (change->month, ==, month);
  g_assert_cmpuint (change->week, ==, week);
  g_assert_cmpuint (change->weekday, ==, weekday);
  g_assert_cmpuint (change->hour, ==, hour);
  g_assert_cmpuint (change->minute, ==, 0);
}

static void
test_rules (void)
{
  g_autoptr(PaTimeZoneRule) berlin = pa_time_zone_rule_new ("Europe/Berlin");
  g_autoptr(PaTimeZoneRule) sydney = pa_time_zone_rule_new ("Australia/Sydney");
  g_autoptr(PaTimeZoneRule) kolkata = pa_time_zone_rule_new ("Asia/Kolkata");
  g_autoptr(PaTimeZoneRule) lord_howe = pa_time_zone_rule_new ("Australia/Lord_Howe");

  /* the last Sunday of March at 02:00 to the last Sunday of October at 03:00 */
  g_assert_nonnull (berlin);
  g_assert_cmpint (berlin->standard_offset, ==, 3600);
  g_assert_true (berlin->has_summer_time);
  g_assert_cmpint (berlin->summer_offset, ==, 7200);
  assert_change (&berlin->summer_start, 3, 5, 7, 2);
  assert_change (&berlin->summer_end, 10, 5, 7, 3);
  g_assert_cmpuint (berlin->summer_start.day, ==, 30);
  g_assert_cmpstr (berlin->standard_abbreviation, ==, "CET");
  g_assert_cmpstr (berlin->summer_abbreviation, ==, "CEST");

  /* south of the equator summer time starts in October and ends in April */
  assert_change (&sydney->summer_start, 10, 1, 7, 2);
  assert_change (&sydney->summer_end, 4, 1, 7, 3);

  g_assert_cmpint (kolkata->standard_offset, ==, 5 * 3600 + 1800);
  g_assert_false (kolkata->has_summer_time);
  g_assert_cmpint (kolkata->summer_offset, ==, kolkata->standard_offset);

  /* half an hour of summer time */
  g_assert_cmpint (lord_howe->summer_offset - lord_howe->standard_offset, ==, 1800);

  g_assert_null (pa_time_zone_rule_new (NULL));
  g_assert_null (pa_time_zone_rule_new (""));
  g_assert_null (pa_time_zone_rule_new ("Not/A_Zone"));
  g_assert_null (pa_time_zone_rule_new ("../../etc/passwd"));
}

static void
test_format_offset (void)
{
  static const struct { int seconds; const char *text; } cases[] = {
    { 0, "+0" }, { 3600, "+1" }, { -5 * 3600, "-5" }, { 5 * 3600 + 1800, "+5:30" },
    { -(3 * 3600 + 1800), "-3:30" }, { 5 * 3600 + 2700, "+5:45" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = pa_time_zone_format_offset (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* tzdata stores each zone's POSIX rule after its TZif data: the same rule
 * written by someone else is the best check there is. */
static char *
tzdata_rule (const char *zone)
{
  g_autofree char *path = g_build_filename ("/usr/share/zoneinfo", zone, NULL);
  g_autofree char *data = NULL;
  gsize length = 0;
  const char *start;

  if (!g_file_get_contents (path, &data, &length, NULL) || length < 2 || data[length - 1] != '\n')
    return NULL;
  /* The TZif data before it is binary, NULs and all. */
  for (start = data + length - 1; start > data && start[-1] != '\n'; start--)
    ;
  return start > data ? g_strndup (start, data + length - 1 - start) : NULL;
}

static void
test_posix (void)
{
  static const char * const zones[] = {
    "Europe/Berlin", "Europe/London", "America/New_York", "America/St_Johns",
    "Australia/Sydney", "Pacific/Auckland", "Asia/Kolkata", "Asia/Tokyo", "Asia/Tehran",
    "Australia/Lord_Howe", "UTC",
  };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(PaTimeZoneRule) rule = pa_time_zone_rule_new (zones[i]);
      g_autofree char *ours = pa_time_zone_rule_to_posix (rule);
      g_autofree char *theirs = tzdata_rule (zones[i]);

      g_test_message ("%s: %s", zones[i], ours);
      if (theirs == NULL)
        {
          g_test_skip ("no tzdata rule to compare with");
          return;
        }
      g_assert_cmpstr (ours, ==, theirs);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-zone/rules", test_rules);
  g_test_add_func ("/time-zone/format-offset", test_format_offset);
  g_test_add_func ("/time-zone/posix", test_posix);

  return g_test_run ();
}
