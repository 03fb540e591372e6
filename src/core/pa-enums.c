/* pa-enums.c — GEnum registrations for the enums shared by models
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-enums"

#include "config.h"

#include "pa-enums.h"

/* Hand-written rather than glib-mkenums: the nicks are the JSON spelling,
 * part of the REST contract, so they are spelled out where one can see them. */
GType
pa_admin_password_mode_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { PA_ADMIN_PASSWORD_NONE, "PA_ADMIN_PASSWORD_NONE", "none" },
        { PA_ADMIN_PASSWORD_GENERATED, "PA_ADMIN_PASSWORD_GENERATED", "generated" },
        { PA_ADMIN_PASSWORD_MANUAL, "PA_ADMIN_PASSWORD_MANUAL", "manual" },
        { 0, NULL, NULL }
      };
      GType id = g_enum_register_static (g_intern_static_string ("PaAdminPasswordMode"), values);
      g_once_init_leave (&type_id, id);
    }

  return type_id;
}
