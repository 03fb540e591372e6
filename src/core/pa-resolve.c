/* pa-resolve.c — from what the server gathered to a phone's effective settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure: no I/O, no clock, no randomness. The server's settings come last,
 * and each one read is noted (settings_used), so the server knows which
 * phones a change of a setting reaches without deciding it again.
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-effective.h"
#include "pa-mac.h"

#define DEFAULT_EXPIRY       3600

static const char *
first_set (const char *a,
           const char *b,
           const char *c)
{
  if (a != NULL && a[0] != '\0')
    return a;
  if (b != NULL && b[0] != '\0')
    return b;
  if (c != NULL && c[0] != '\0')
    return c;
  return NULL;
}

/* The server's settings, or their defaults. */
static PaSettings *
server_settings (PaRenderContext *ctx)
{
  static PaSettings *defaults = NULL;

  if (ctx->settings != NULL)
    return ctx->settings;
  if (g_once_init_enter (&defaults))
    g_once_init_leave (&defaults, pa_settings_new ());
  return defaults;
}

/* Every read of a server setting goes through here. */
static PaSettings *
use_setting (PaRenderContext *ctx,
             PaEffective     *effective,
             PaSettingId        setting)
{
  effective->settings_used |= 1u << setting;
  return server_settings (ctx);
}

static void
line_free (gpointer data)
{
  PaEffectiveLine *line = data;

  g_free (line->username);
  g_free (line->auth_name);
  g_free (line->password);
  g_free (line->display_name);
  g_free (line->label);
  g_free (line->registrar);
  g_free (line->outbound_proxy);
  g_strfreev (line->codecs);
  g_free (line->voicemail);
  g_free (line);
}

static void
keys_free (gpointer data)
{
  PaEffectiveKeys *set = data;

  for (guint i = 0; i < set->count; i++)
    {
      g_free (set->keys[i].value);
      g_free (set->keys[i].label);
    }
  g_free (set->keys);
  g_clear_object (&set->module);
  g_free (set);
}

static void
setting_free (gpointer data)
{
  PaSetting *setting = data;

  g_free (setting->name);
  g_free (setting->value);
  g_free (setting);
}

void
pa_effective_free (PaEffective *effective)
{
  if (effective == NULL)
    return;

  g_clear_object (&effective->model);
  g_clear_object (&effective->vendor);
  g_free (effective->mac);
  g_free (effective->name);
  g_clear_pointer (&effective->lines, g_ptr_array_unref);
  g_free (effective->timezone);
  g_clear_pointer (&effective->zone, pa_time_zone_rule_free);
  g_free (effective->provisioning_user);
  g_free (effective->provisioning_password);
  g_free (effective->ntp_server);
  g_free (effective->admin_password);
  g_free (effective->provisioning_url);
  g_free (effective->firmware_url);
  g_clear_pointer (&effective->key_sets, g_ptr_array_unref);
  g_clear_pointer (&effective->custom, g_ptr_array_unref);
  g_clear_pointer (&effective->problems, g_ptr_array_unref);
  g_free (effective);
}

PaEffectiveKeys *
pa_effective_get_keys (const PaEffective *effective,
                       guint              slot)
{
  g_return_val_if_fail (effective != NULL, NULL);

  return slot < effective->key_sets->len ? g_ptr_array_index (effective->key_sets, slot) : NULL;
}

static PaEffectiveLine *
resolve_line (PaRenderContext *ctx,
              PaEffective     *effective,
              guint            i)
{
  PaSipAccount *account = g_ptr_array_index (ctx->accounts, i);
  PaEffectiveLine *line = g_new0 (PaEffectiveLine, 1);
  const char *username = pa_sip_account_get_username (account);
  const char *region_name;

  line->number = i + 1;
  line->username = g_strdup (username);
  line->auth_name = g_strdup (first_set (pa_sip_account_get_auth_name (account), username, NULL));
  line->password = g_strdup (g_ptr_array_index (ctx->passwords, i));
  /* A line whose account names nobody shows the phone's agent: assigning
   * the phone (or renaming the agent) is enough, nothing to copy. */
  line->display_name = g_strdup (first_set (pa_sip_account_get_display_name (account),
                                            ctx->agent != NULL ? pa_agent_get_name (ctx->agent) : NULL,
                                            username));
  line->label = g_strdup (first_set (pa_sip_account_get_label (account),
                                     pa_sip_account_get_display_name (account), username));
  /* The nearest registrar wins: the account's, the phone's, the server's.
   * The server's comes whole, with its port, transport and proxy. */
  line->registrar = g_strdup (first_set (pa_sip_account_get_server (account),
                                         pa_phone_get_sip_server (ctx->phone), NULL));
  line->port = pa_sip_account_get_port (account);
  line->transport = pa_sip_account_get_transport (account);
  /* A region the phone (else its profile) picked: a registrar of the
   * server's settings, port and transport with it. */
  region_name = first_set (pa_phone_get_sip_region (ctx->phone),
                           ctx->profile != NULL ? pa_profile_get_sip_region (ctx->profile) : NULL,
                           NULL);
  if (line->registrar == NULL && region_name != NULL)
    {
      PaSipRegion *region =
        pa_settings_find_sip_region (use_setting (ctx, effective, PA_SETTING_SIP_REGIONS),
                                     region_name);

      if (region != NULL)
        {
          line->registrar = g_strdup (region->server);
          line->port = region->port;
          line->transport = region->transport;
        }
      else
        g_ptr_array_add (effective->problems,
                         g_strdup_printf (_("Line %u (%s) is to use the SIP region “%s”, which "
                                            "the server’s settings do not have"),
                                          line->number, line->username, region_name));
    }
  else if (line->registrar == NULL)
    {
      PaSettings *settings = use_setting (ctx, effective, PA_SETTING_SIP_SERVER);

      line->registrar = g_strdup (first_set (pa_settings_get_sip_server (settings), NULL, NULL));
      line->port = pa_settings_get_sip_port (use_setting (ctx, effective, PA_SETTING_SIP_PORT));
      line->transport = pa_settings_get_sip_transport (use_setting (ctx, effective,
                                                                    PA_SETTING_SIP_TRANSPORT));
      line->outbound_proxy =
        g_strdup (pa_settings_get_outbound_proxy (use_setting (ctx, effective,
                                                               PA_SETTING_OUTBOUND_PROXY)));
      if (line->registrar == NULL)
        g_ptr_array_add (effective->problems,
                         g_strdup_printf (_("Line %u (%s) has no SIP server: set one on the SIP "
                                            "account, on the phone or as the server’s default"),
                                          line->number, line->username));
    }
  /* The profile's transport, for every line but one whose account names
   * its own server (and so its own transport). */
  if (ctx->profile != NULL && pa_profile_get_sip_transport (ctx->profile) != NULL &&
      pa_sip_account_get_server (account) == NULL)
    {
      const char *transport = pa_profile_get_sip_transport (ctx->profile);

      line->transport = g_str_equal (transport, "tls") ? PA_SIP_TRANSPORT_TLS
                        : g_str_equal (transport, "tcp") ? PA_SIP_TRANSPORT_TCP
                        : PA_SIP_TRANSPORT_UDP;
    }
  line->dtmf = PA_DTMF_RFC2833;
  if (ctx->profile != NULL && pa_profile_get_dtmf (ctx->profile) != NULL)
    line->dtmf = g_str_equal (pa_profile_get_dtmf (ctx->profile), "inband") ? PA_DTMF_INBAND
                 : g_str_equal (pa_profile_get_dtmf (ctx->profile), "info") ? PA_DTMF_SIP_INFO
                 : PA_DTMF_RFC2833;
  /* Signalling that is encrypted with media that is not protects nothing:
   * on with TLS, unless the profile says. */
  line->srtp = line->transport == PA_SIP_TRANSPORT_TLS;
  if (ctx->profile != NULL && pa_profile_get_srtp (ctx->profile) != NULL)
    line->srtp = g_str_equal (pa_profile_get_srtp (ctx->profile), "on");
  line->codecs = g_strdupv ((char **) (ctx->profile != NULL &&
                                       pa_profile_get_codecs (ctx->profile) != NULL
                                       ? pa_profile_get_codecs (ctx->profile)
                                       : pa_profile_default_codecs ()));
  line->expiry = DEFAULT_EXPIRY;
  return line;
}

static void
fill_keys (PaEffectiveKeys *set,
           GListModel      *keys)
{
  set->keys = g_new0 (PaEffectiveKey, set->count);
  for (guint n = 1; n <= set->count; n++)
    {
      PaEffectiveKey *out = &set->keys[n - 1];
      PaKey *key = keys != NULL ? pa_key_list_find (keys, n) : NULL;

      out->type = key != NULL ? pa_key_get_key_type (key) : PA_KEY_EMPTY;
      out->line = key != NULL ? MAX (pa_key_get_line (key), 1) : 1;
      if (out->type == PA_KEY_EMPTY)
        continue;
      out->value = g_strdup (pa_key_get_value (key));
      out->label = g_strdup (pa_key_get_label (key));
    }
}

/* An empty sidecar slot is blanked as far as the largest module the model
 * takes reaches, so a module unplugged since leaves no keys behind. */
static guint
largest_module_keys (PaDeviceModel *model)
{
  const char * const *ids = pa_device_model_get_module_ids (model);
  guint most = 0;

  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      PaExpansionModule *info = pa_catalog_get_module (pa_catalog_get_default (), ids[i]);

      if (info != NULL)
        most = MAX (most, pa_expansion_module_get_keys (info));
    }
  return most;
}

static void
resolve_keys (PaRenderContext *ctx,
              PaEffective     *effective)
{
  GPtrArray *modules = pa_phone_get_modules (ctx->phone);
  PaEffectiveKeys *own = g_new0 (PaEffectiveKeys, 1);
  guint slots;

  own->count = ctx->layout != NULL ? pa_device_model_get_line_keys (ctx->model) : 0;
  fill_keys (own, ctx->layout != NULL ? pa_layout_get_keys (ctx->layout) : NULL);
  g_ptr_array_add (effective->key_sets, own);

  slots = MAX (pa_device_model_get_max_modules (ctx->model), modules->len);
  for (guint i = 0; i < slots; i++)
    {
      PaEffectiveKeys *set = g_new0 (PaEffectiveKeys, 1);
      PaModuleLayout *layout = NULL;

      set->slot = i + 1;
      set->count = largest_module_keys (ctx->model);
      if (i < modules->len)
        {
          PaPhoneModule *module = g_ptr_array_index (modules, i);
          PaExpansionModule *info = pa_catalog_get_module (pa_catalog_get_default (),
                                                           module->module_id);

          if (info != NULL)
            {
              set->module = g_object_ref (info);
              set->count = pa_expansion_module_get_keys (info);
            }
          if (i < ctx->module_layouts->len)
            layout = g_ptr_array_index (ctx->module_layouts, i);
        }
      fill_keys (set, layout != NULL ? pa_module_layout_get_keys (layout) : NULL);
      g_ptr_array_add (effective->key_sets, set);
    }
}

static void
resolve_custom (PaRenderContext *ctx,
                PaEffective     *effective)
{
  const char *vendor = pa_vendor_get_id (ctx->vendor);
  g_auto(GStrv) names = NULL;

  if (ctx->profile == NULL)
    return;
  /* This vendor's parameters only (a profile may span a mixed fleet). */
  names = pa_profile_dup_custom_param_names (ctx->profile, vendor);
  for (guint i = 0; names[i] != NULL; i++)
    {
      PaSetting *setting = g_new0 (PaSetting, 1);

      setting->name = g_strdup (names[i]);
      setting->value = g_strdup (pa_profile_get_custom_param (ctx->profile, vendor, names[i]));
      g_ptr_array_add (effective->custom, setting);
    }
}

/**
 * pa_resolve:
 * @ctx: what the server gathered for one phone
 *
 * Returns: (transfer full): the phone's effective settings. Check
 *   @problems before serving them.
 */
PaEffective *
pa_resolve (PaRenderContext *ctx)
{
  PaEffective *effective;
  const char *admin_password;
  GArray *phone_lines;

  g_return_val_if_fail (ctx != NULL, NULL);

  effective = g_new0 (PaEffective, 1);
  effective->model = g_object_ref (ctx->model);
  effective->vendor = g_object_ref (ctx->vendor);
  effective->mac = pa_mac_to_compact (pa_phone_get_mac (ctx->phone));
  effective->name = g_strdup (pa_phone_get_name (ctx->phone));
  effective->lines = g_ptr_array_new_with_free_func (line_free);
  effective->key_sets = g_ptr_array_new_with_free_func (keys_free);
  effective->custom = g_ptr_array_new_with_free_func (setting_free);
  effective->problems = g_ptr_array_new_with_free_func (g_free);

  phone_lines = pa_phone_get_lines (ctx->phone);
  if (ctx->accounts->len != phone_lines->len)
    g_ptr_array_add (effective->problems,
                     g_strdup_printf (_("The phone has %u lines but %u SIP accounts were found"),
                                      phone_lines->len, ctx->accounts->len));
  for (guint i = 0; i < ctx->accounts->len; i++)
    {
      PaEffectiveLine *line = resolve_line (ctx, effective, i);

      g_ptr_array_add (effective->lines, line);
    }
  effective->account_slots = MAX (pa_device_model_get_sip_accounts (ctx->model),
                                  effective->lines->len);
  effective->local_sip_port = pa_phone_get_local_sip_port (ctx->phone);

  effective->timezone = g_strdup (first_set (pa_phone_get_timezone (ctx->phone),
                                             ctx->profile ? pa_profile_get_timezone (ctx->profile) : NULL,
                                             NULL));
  if (effective->timezone == NULL)
    effective->timezone = g_strdup (pa_settings_get_timezone (use_setting (ctx, effective,
                                                                           PA_SETTING_TIMEZONE)));
  effective->zone = pa_time_zone_rule_new (effective->timezone);
  effective->ntp_server = g_strdup (ctx->profile ? first_set (pa_profile_get_ntp_server (ctx->profile),
                                                              NULL, NULL) : NULL);
  if (effective->ntp_server == NULL)
    effective->ntp_server = g_strdup (pa_settings_get_ntp_server (use_setting (ctx, effective,
                                                                               PA_SETTING_NTP_SERVER)));
  /* The phone's own, or the one provd generated when the policy (the
   * phone's, else its profile's) says so. */
  switch (pa_phone_effective_admin_password_mode (ctx->phone, ctx->profile))
    {
    case PA_ADMIN_PASSWORD_MANUAL:
      admin_password = pa_phone_get_admin_password (ctx->phone);
      break;
    case PA_ADMIN_PASSWORD_GENERATED:
      admin_password = ctx->admin_password;
      break;
    case PA_ADMIN_PASSWORD_NONE:
    default:
      admin_password = NULL;
      break;
    }
  effective->admin_password = g_strdup (first_set (admin_password, NULL, NULL));

  effective->provisioning_url = g_strdup (ctx->provisioning_url);
  effective->firmware_url = g_strdup (ctx->firmware_url);
  if (ctx->http_user != NULL && ctx->http_password != NULL)
    {
      effective->provisioning_user = g_strdup (ctx->http_user);
      effective->provisioning_password = g_strdup (ctx->http_password);
    }
  effective->poll_minutes = ctx->profile != NULL ? pa_profile_get_update_interval (ctx->profile) : 0;
  if (effective->poll_minutes == 0)
    effective->poll_minutes = pa_settings_get_update_interval (use_setting (ctx, effective,
                                                                            PA_SETTING_UPDATE_INTERVAL));

  resolve_keys (ctx, effective);
  resolve_custom (ctx, effective);
  return effective;
}
