/* pa-phone-validate.c — the rules a phone must meet against the catalog
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "pa-phone"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-mac.h"
#include "pa-phone-private.h"
#include "pa-resource-private.h"

#define PA_ADMIN_PASSWORD_MAX 64

static gboolean
validate_lines (PaPhone        *self,
                PaDeviceModel  *model,
                GError        **error)
{
  GArray *lines = pa_phone_get_lines (self);
  guint max = pa_device_model_get_sip_accounts (model);

  if (lines->len > max)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, "lines",
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The %s has %u SIP account, not %u",
                                       "The %s has %u SIP accounts, not %u", max),
                          pa_device_model_get_name (model), max, lines->len);
      return FALSE;
    }

  for (guint i = 0; i < lines->len; i++)
    for (guint j = 0; j < i; j++)
      if (g_array_index (lines, gint64, i) == g_array_index (lines, gint64, j))
        {
          g_autofree char *field = g_strdup_printf ("lines[%u]", i);
          pa_set_field_error (error, PA_MODEL_ERROR_INVALID, field,
                              _("The same SIP account is already line %u"), j + 1);
          return FALSE;
        }

  return TRUE;
}

static gboolean
validate_modules (PaPhone        *self,
                  PaCatalog      *catalog,
                  PaDeviceModel  *model,
                  GError        **error)
{
  GPtrArray *modules = pa_phone_get_modules (self);
  const char *first_type = NULL;
  guint max_modules = pa_device_model_get_max_modules (model);

  for (guint i = 0; i < modules->len; i++)
    {
      const PaPhoneModule *module = g_ptr_array_index (modules, i);
      g_autofree char *field = g_strdup_printf ("modules[%u].module", i);
      PaExpansionModule *em;
      guint type_max;

      if (!pa_validate_not_empty (module->module_id, field, error))
        return FALSE;

      em = pa_catalog_get_module (catalog, module->module_id);
      if (em == NULL)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_RULE, field,
                              _("Unknown expansion module “%s”"), module->module_id);
          return FALSE;
        }

      if (!pa_device_model_supports_module (model, module->module_id))
        {
          pa_set_field_error (error, PA_MODEL_ERROR_RULE, field,
                              _("The %s does not take the %s"),
                              pa_device_model_get_name (model),
                              pa_expansion_module_get_name (em));
          return FALSE;
        }

      /* Sidecars are daisy-chained, and a chain is of one kind. */
      if (first_type == NULL)
        first_type = module->module_id;
      else if (!g_str_equal (first_type, module->module_id))
        {
          pa_set_field_error (error, PA_MODEL_ERROR_RULE, field,
                              _("All modules of one phone must be of the same kind"));
          return FALSE;
        }

      type_max = MIN (pa_device_model_get_module_max (model, module->module_id), max_modules);
      if (i + 1 > type_max)
        {
          pa_set_field_error (error, PA_MODEL_ERROR_RULE, field,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "The %s takes at most %u %s module",
                                           "The %s takes at most %u %s modules", type_max),
                              pa_device_model_get_name (model), type_max,
                              pa_expansion_module_get_name (em));
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
pa_phone_validate_fields (PaPhone    *self,
                          PaCatalog  *catalog,
                          GError    **error)
{
  const char *mac = pa_phone_get_mac (self);
  const char *vendor_id = pa_phone_get_vendor (self);
  const char *model_id = pa_phone_get_model (self);
  const char *sip_server = pa_phone_get_sip_server (self);
  const char *tz_name = pa_phone_get_timezone (self);
  guint local_sip_port = pa_phone_get_local_sip_port (self);
  PaAdminPasswordMode admin_password_mode = pa_phone_get_admin_password_mode (self);
  const char *admin_password = pa_phone_get_admin_password (self);
  PaVendor *vendor;
  PaDeviceModel *model;

  if (!pa_validate_name_and_description (pa_phone_get_name (self),
                                         pa_phone_get_description (self), error)
      || !pa_validate_not_empty (mac, "mac", error))
    return FALSE;

  if (!pa_mac_is_valid (mac))
    {
      g_autofree char *normalized = pa_mac_normalize (mac, error);

      /* The setter normalises what it can, so this only says why not. */
      if (normalized != NULL)
        pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "mac",
                            _("Not in the stored spelling; use %s"), normalized);
      return FALSE;
    }

  if (!pa_validate_not_empty (vendor_id, "vendor", error))
    return FALSE;
  vendor = pa_catalog_get_vendor (catalog, vendor_id);
  if (vendor == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, "vendor",
                          _("Unknown vendor “%s”"), vendor_id);
      return FALSE;
    }

  if (!pa_validate_not_empty (model_id, "model", error))
    return FALSE;
  model = pa_catalog_get_model (catalog, model_id);
  if (model == NULL)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, "model",
                          _("Unknown phone model “%s”"), model_id);
      return FALSE;
    }
  if (g_strcmp0 (pa_device_model_get_vendor_id (model), vendor_id) != 0)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_RULE, "model",
                          _("The %s is not a %s phone"),
                          pa_device_model_get_name (model), pa_vendor_get_name (vendor));
      return FALSE;
    }

  if (!validate_lines (self, model, error)
      || !validate_modules (self, catalog, model, error))
    return FALSE;

  if (!pa_validate_hostname (sip_server, "sip_server", error)
      || !pa_validate_timezone (tz_name, "timezone", error)
      || !pa_validate_uint_range (local_sip_port, 1, 65535, "local_sip_port", error))
    return FALSE;

  if (admin_password_mode == PA_ADMIN_PASSWORD_MANUAL
      && (admin_password == NULL || admin_password[0] == '\0'))
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "admin_password",
                          _("A manual admin password must be given"));
      return FALSE;
    }
  if (admin_password != NULL && strlen (admin_password) > PA_ADMIN_PASSWORD_MAX)
    {
      pa_set_field_error (error, PA_MODEL_ERROR_INVALID, "admin_password",
                          _("Must be at most %u characters long"), PA_ADMIN_PASSWORD_MAX);
      return FALSE;
    }

  return TRUE;
}
