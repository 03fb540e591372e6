/* pa-enums.h — enums shared by more than one model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * PaAdminPasswordMode:
 * @PA_ADMIN_PASSWORD_NONE: leave the phone's admin password alone (`none`).
 * @PA_ADMIN_PASSWORD_GENERATED: the server generates one per phone (`generated`).
 * @PA_ADMIN_PASSWORD_MANUAL: the password given is used (`manual`).
 *
 * A phone's `admin_password_mode` and a profile's `admin_password_policy`.
 */
typedef enum
{
  PA_ADMIN_PASSWORD_NONE,
  PA_ADMIN_PASSWORD_GENERATED,
  PA_ADMIN_PASSWORD_MANUAL,
} PaAdminPasswordMode;

#define PA_TYPE_ADMIN_PASSWORD_MODE (pa_admin_password_mode_get_type ())
GType pa_admin_password_mode_get_type (void) G_GNUC_CONST;

G_END_DECLS
