/* pa-status-badge.h — a small coloured pill with a short text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "pa-phone.h"

G_BEGIN_DECLS

/**
 * PaBadgeStyle:
 * @PA_BADGE_STYLE_NEUTRAL: grey: nothing to do yet.
 * @PA_BADGE_STYLE_ACCENT: blue: on its way.
 * @PA_BADGE_STYLE_SUCCESS: green: working.
 * @PA_BADGE_STYLE_WARNING: amber: needs a look soon.
 * @PA_BADGE_STYLE_ERROR: red: not working.
 * @PA_BADGE_STYLE_DIM: outlined: switched off.
 */
typedef enum
{
  PA_BADGE_STYLE_NEUTRAL,
  PA_BADGE_STYLE_ACCENT,
  PA_BADGE_STYLE_SUCCESS,
  PA_BADGE_STYLE_WARNING,
  PA_BADGE_STYLE_ERROR,
  PA_BADGE_STYLE_DIM,
} PaBadgeStyle;

#define PA_TYPE_STATUS_BADGE (pa_status_badge_get_type ())
G_DECLARE_FINAL_TYPE (PaStatusBadge, pa_status_badge, PA, STATUS_BADGE, GtkWidget)

GtkWidget    *pa_status_badge_new              (void);
/* Properties "label" and "style" (an int of PaBadgeStyle). */
const char   *pa_status_badge_get_label        (PaStatusBadge *self);
void          pa_status_badge_set_label        (PaStatusBadge *self,
                                                const char    *label);
PaBadgeStyle  pa_status_badge_get_style        (PaStatusBadge *self);
void          pa_status_badge_set_style        (PaStatusBadge *self,
                                                PaBadgeStyle   style);
/* Label and style for a phone status. */
void          pa_status_badge_set_phone_status (PaStatusBadge *self,
                                                PaPhoneStatus  status);

/* Plain data, testable without widgets: translated text and style. */
const char   *pa_phone_status_to_label         (PaPhoneStatus  status);
PaBadgeStyle  pa_phone_status_to_style         (PaPhoneStatus  status);

G_END_DECLS
