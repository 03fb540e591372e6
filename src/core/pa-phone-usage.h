/* pa-phone-usage.h — how many phones use each layout, agent, profile…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counted for every id of every kind in one pass over a list of phones,
 * and kept until the list changes: the pages show a count per row and sort
 * by it, which counted 100,000 phones per row per change (and per sort
 * comparison) before.
 */
#pragma once

#include <gio/gio.h>

#include "pa-phone.h"

G_BEGIN_DECLS

typedef enum
{
  PA_PHONE_USES_LAYOUT,
  PA_PHONE_USES_MODULE_LAYOUT,   /* a phone counts once for two sidecars */
  PA_PHONE_USES_AGENT,
  PA_PHONE_USES_PROFILE,
  PA_PHONE_USES_FIRMWARE,
  PA_PHONE_USES_N
} PaPhoneUse;

gboolean pa_phone_uses (PaPhone    *phone,
                        PaPhoneUse  use,
                        gint64      id);

/* Whether @a and @b use the same ids (what a change from one to the other
 * means for the counts). */
gboolean pa_phone_uses_same (PaPhone *a,
                             PaPhone *b);

#define PA_TYPE_PHONE_USAGE (pa_phone_usage_get_type ())
G_DECLARE_FINAL_TYPE (PaPhoneUsage, pa_phone_usage, PA, PHONE_USAGE, GObject)

/* The one kept with @phones (a list of PaPhone), made on first use. Its
 * counts follow items added and removed; a phone changed in place is
 * announced with pa_phone_usage_invalidate(). "changed" is emitted once
 * per main-loop turn after either. */
PaPhoneUsage *pa_phone_usage_for        (GListModel   *phones);
GListModel   *pa_phone_usage_get_phones (PaPhoneUsage *self);
/* 0 for id 0 (not stored: nothing can point at it). */
guint         pa_phone_usage_count      (PaPhoneUsage *self,
                                         PaPhoneUse    use,
                                         gint64        id);
void          pa_phone_usage_invalidate (PaPhoneUsage *self);

/* pa_phone_usage_count() on pa_phone_usage_for (@phones). */
guint         pa_phones_count_using     (GListModel   *phones,
                                         PaPhoneUse    use,
                                         gint64        id);

G_END_DECLS
