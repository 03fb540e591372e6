/* test-phone-usage.c — counts of the phones using each layout, agent,
 * profile, firmware: one pass, kept until the list changes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "pa-phone-usage.h"

static PaPhone *
phone_new (gint64 layout,
           gint64 agent,
           gint64 profile,
           gint64 firmware)
{
  PaPhone *phone = pa_phone_new ();

  pa_phone_set_layout_id (phone, layout);
  pa_phone_set_agent_id (phone, agent);
  pa_phone_set_profile_id (phone, profile);
  pa_phone_set_firmware_id (phone, firmware);
  return phone;
}

static void
count_changed_cb (PaPhoneUsage *usage,
                  guint        *count)
{
  (*count)++;
}

static void
test_counts (void)
{
  g_autoptr(GListStore) phones = g_list_store_new (PA_TYPE_PHONE);
  g_autoptr(PaPhone) a = phone_new (4, 7, 0, 9);
  g_autoptr(PaPhone) b = phone_new (4, 0, 2, 9);
  g_autoptr(PaPhone) c = phone_new (5, 7, 2, 0);
  g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_phone_module_free);
  PaPhoneUsage *usage = pa_phone_usage_for (G_LIST_MODEL (phones));

  /* Two sidecars showing the same layout: still one phone. */
  g_ptr_array_add (modules, pa_phone_module_new ("yealink-exp50", 4));
  g_ptr_array_add (modules, pa_phone_module_new ("yealink-exp50", 4));
  g_ptr_array_add (modules, pa_phone_module_new ("yealink-exp50", 6));
  pa_phone_set_modules (c, modules);
  g_list_store_append (phones, a);
  g_list_store_append (phones, b);
  g_list_store_append (phones, c);

  g_assert_true (pa_phone_usage_for (G_LIST_MODEL (phones)) == usage);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_LAYOUT, 4), ==, 2);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_LAYOUT, 5), ==, 1);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_LAYOUT, 6), ==, 0);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_MODULE_LAYOUT, 4), ==, 1);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_MODULE_LAYOUT, 6), ==, 1);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_AGENT, 7), ==, 2);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_PROFILE, 2), ==, 2);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_FIRMWARE, 9), ==, 2);
  /* Not stored: nothing can point at it, though phones say 0 for none. */
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_PROFILE, 0), ==, 0);
  g_assert_true (pa_phone_uses (c, PA_PHONE_USES_MODULE_LAYOUT, 6));
  g_assert_false (pa_phone_uses (a, PA_PHONE_USES_PROFILE, 0));
}

static void
test_follows_changes (void)
{
  g_autoptr(GListStore) phones = g_list_store_new (PA_TYPE_PHONE);
  g_autoptr(PaPhone) a = phone_new (4, 0, 0, 0);
  g_autoptr(PaPhone) b = phone_new (4, 0, 0, 0);
  PaPhoneUsage *usage = pa_phone_usage_for (G_LIST_MODEL (phones));
  guint changed = 0;

  g_signal_connect (usage, "changed", G_CALLBACK (count_changed_cb), &changed);
  g_list_store_append (phones, a);
  g_assert_cmpuint (pa_phones_count_using (G_LIST_MODEL (phones), PA_PHONE_USES_LAYOUT, 4), ==, 1);

  /* Added and removed: counted again. */
  g_list_store_append (phones, b);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_LAYOUT, 4), ==, 2);
  g_list_store_remove (phones, 0);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_LAYOUT, 4), ==, 1);

  /* Changed in place: the list cannot tell, whoever changed it does. */
  pa_phone_set_layout_id (b, 5);
  pa_phone_usage_invalidate (usage);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_LAYOUT, 4), ==, 0);
  g_assert_cmpuint (pa_phone_usage_count (usage, PA_PHONE_USES_LAYOUT, 5), ==, 1);

  /* Four changes, one "changed", on the next turn of the loop. */
  g_assert_cmpuint (changed, ==, 0);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (changed, ==, 1);
}

/* What the repository asks before it copies a phone's new state in: a
 * status or a name leaves the counts alone. */
static void
test_uses_same (void)
{
  g_autoptr(PaPhone) a = phone_new (4, 7, 2, 9);
  g_autoptr(PaPhone) b = phone_new (4, 7, 2, 9);
  g_autoptr(GPtrArray) modules = g_ptr_array_new_with_free_func ((GDestroyNotify) pa_phone_module_free);

  pa_phone_set_name (b, "Renamed");
  g_assert_true (pa_phone_uses_same (a, b));
  pa_phone_set_profile_id (b, 3);
  g_assert_false (pa_phone_uses_same (a, b));
  pa_phone_set_profile_id (b, 2);
  g_ptr_array_add (modules, pa_phone_module_new ("yealink-exp50", 6));
  pa_phone_set_modules (b, modules);
  g_assert_false (pa_phone_uses_same (a, b));
  pa_phone_set_modules (a, modules);
  g_assert_true (pa_phone_uses_same (a, b));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/phone-usage/counts", test_counts);
  g_test_add_func ("/phone-usage/follows-changes", test_follows_changes);
  g_test_add_func ("/phone-usage/uses-same", test_uses_same);
  return g_test_run ();
}
