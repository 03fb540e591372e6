/* pa-render-yealink.c — Yealink `key = value` configuration files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A Yealink phone fetches its model's common file (y0000000000XX.cfg) and
 * then <mac>.cfg, and skips applying them when their MD5 is unchanged. So
 * the output depends only on the data: no time stamps, no revision numbers,
 * fixed order, and every key of the model written out (an empty key as type
 * 0) so that a key removed from a layout is cleared on the phone too.
 */
#define G_LOG_DOMAIN "pa-render"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pa-mac.h"
#include "pa-render.h"

#define YEALINK_HEADER "#!version:1.0.0.1\n"
#define DEFAULT_UPDATE_INTERVAL 1440

/* A value comes from user input; a line break in it would start a new
 * setting, so control characters are flattened to spaces. */
static void
put (GString    *out,
     const char *key,
     const char *value)
{
  g_string_append (out, key);
  g_string_append (out, " = ");
  for (const char *p = value ? value : ""; *p != '\0'; p++)
    g_string_append_c (out, g_ascii_iscntrl (*p) ? ' ' : *p);
  g_string_append_c (out, '\n');
}

G_GNUC_PRINTF (3, 4)
static void
putf (GString    *out,
      const char *value,
      const char *key_format,
      ...)
{
  g_autofree char *key = NULL;
  va_list args;

  va_start (args, key_format);
  key = g_strdup_vprintf (key_format, args);
  va_end (args);

  put (out, key, value);
}

static void
put_uint (GString    *out,
          const char *key,
          guint       value)
{
  char buf[16];

  g_snprintf (buf, sizeof buf, "%u", value);
  put (out, key, buf);
}

static const char *
first_set (const char *a,
           const char *b,
           const char *c)
{
  if (a != NULL && a[0] != '\0')
    return a;
  if (b != NULL && b[0] != '\0')
    return b;
  return c;
}

static const char *
transport_code (PaSipTransport transport)
{
  switch (transport)
    {
    case PA_SIP_TRANSPORT_TCP:
      return "1";
    case PA_SIP_TRANSPORT_TLS:
      return "2";
    case PA_SIP_TRANSPORT_UDP:
    default:
      return "0";
    }
}

static char *
render_common (PaRenderContext *ctx)
{
  g_autoptr(GString) out = g_string_new (YEALINK_HEADER);
  guint interval = DEFAULT_UPDATE_INTERVAL;

  if (ctx->profile != NULL)
    interval = pa_profile_get_update_interval (ctx->profile);

  g_string_append_printf (out, "## PhoneAdmin: settings common to Yealink %s\n",
                          pa_device_model_get_name (ctx->model));

  if (ctx->provisioning_url != NULL)
    put (out, "static.auto_provision.server.url", ctx->provisioning_url);
  put (out, "static.auto_provision.power_on", "1");
  put (out, "static.auto_provision.repeat.enable", "1");
  put_uint (out, "static.auto_provision.repeat.minutes", interval);
  /* Reboot only when a check-sync NOTIFY asks for it with reboot=true. */
  put (out, "sip.notify_reboot_enable", "0");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
render_accounts (PaRenderContext *ctx,
                 GString         *out)
{
  guint slots = pa_device_model_get_sip_accounts (ctx->model);

  for (guint i = 0; i < MAX (slots, ctx->accounts->len); i++)
    {
      PaSipAccount *account;
      const char *username;
      guint n = i + 1;
      char port[8];

      if (i >= ctx->accounts->len)
        {
          putf (out, "0", "account.%u.enable", n);
          continue;
        }

      account = g_ptr_array_index (ctx->accounts, i);
      username = pa_sip_account_get_username (account);
      g_snprintf (port, sizeof port, "%u", pa_sip_account_get_port (account));

      putf (out, "1", "account.%u.enable", n);
      putf (out, first_set (pa_sip_account_get_label (account),
                            pa_sip_account_get_display_name (account), username),
            "account.%u.label", n);
      putf (out, first_set (pa_sip_account_get_display_name (account), username, NULL),
            "account.%u.display_name", n);
      putf (out, first_set (pa_sip_account_get_auth_name (account), username, NULL),
            "account.%u.auth_name", n);
      putf (out, username, "account.%u.user_name", n);
      putf (out, g_ptr_array_index (ctx->passwords, i), "account.%u.password", n);
      putf (out, first_set (pa_sip_account_get_server (account),
                            pa_phone_get_sip_server (ctx->phone), ctx->sip_server),
            "account.%u.sip_server.1.address", n);
      putf (out, port, "account.%u.sip_server.1.port", n);
      putf (out, transport_code (pa_sip_account_get_transport (account)),
            "account.%u.sip_server.1.transport_type", n);
    }
}

static void
render_settings (PaRenderContext *ctx,
                 GString         *out)
{
  const char *timezone = pa_phone_get_timezone (ctx->phone);
  const char *admin_password = pa_phone_get_admin_password (ctx->phone);

  put_uint (out, "sip.listen_port", pa_phone_get_local_sip_port (ctx->phone));

  if (timezone == NULL && ctx->profile != NULL)
    timezone = pa_profile_get_timezone (ctx->profile);
  if (timezone != NULL)
    {
      g_autofree char *offset = pa_render_utc_offset (timezone);

      if (offset != NULL)
        {
          put (out, "local_time.time_zone", offset);
          /* 2 = automatic summer time, by the phone's own rules. */
          put (out, "local_time.summer_time", "2");
        }
    }

  if (ctx->profile != NULL && pa_profile_get_ntp_server (ctx->profile) != NULL)
    put (out, "local_time.ntp_server1", pa_profile_get_ntp_server (ctx->profile));

  if (pa_phone_get_admin_password_mode (ctx->phone) != PA_ADMIN_PASSWORD_NONE &&
      admin_password != NULL && admin_password[0] != '\0')
    {
      g_autofree char *value = g_strconcat ("admin:", admin_password, NULL);

      put (out, "static.security.user_name.admin", "admin");
      put (out, "static.security.user_password", value);
    }
}

/* Writes keys 1..@count under @prefix ("linekey" or
 * "expansion_module.2.key"); a key the layout does not set is empty. */
static void
render_keys (PaRenderContext *ctx,
             GString         *out,
             const char      *prefix,
             GListModel      *keys,
             guint            count)
{
  const char *empty_code = pa_vendor_get_key_code (ctx->vendor, PA_KEY_TYPE_EMPTY);

  for (guint n = 1; n <= count; n++)
    {
      PaKey *key = keys ? pa_key_list_find (keys, n) : NULL;
      g_autofree char *base = NULL;
      g_autofree char *name = NULL;
      const char *code = NULL;
      char line[8];

      base = g_strdup_printf ("%s.%u", prefix, n);

      if (key != NULL)
        code = pa_vendor_get_key_code (ctx->vendor, pa_key_type_to_nick (pa_key_get_key_type (key)));
      if (key == NULL || code == NULL || pa_key_get_key_type (key) == PA_KEY_EMPTY)
        {
          name = g_strconcat (base, ".type", NULL);
          put (out, name, empty_code ? empty_code : "0");
          continue;
        }

      g_snprintf (line, sizeof line, "%u", MAX (pa_key_get_line (key), 1));

      name = g_strconcat (base, ".type", NULL);
      put (out, name, code);
      g_free (name);
      name = g_strconcat (base, ".line", NULL);
      put (out, name, line);
      g_free (name);
      name = g_strconcat (base, ".value", NULL);
      put (out, name, pa_key_get_value (key));
      g_free (name);
      name = g_strconcat (base, ".label", NULL);
      put (out, name, pa_key_get_label (key));
    }
}

static void
render_custom_params (PaRenderContext *ctx,
                      GString         *out)
{
  g_auto(GStrv) names = NULL;

  if (ctx->profile == NULL)
    return;

  /* Last, so that an admin's parameter wins over anything generated. */
  names = pa_profile_dup_custom_param_names (ctx->profile);
  for (guint i = 0; names[i] != NULL; i++)
    put (out, names[i], pa_profile_get_custom_param (ctx->profile, names[i]));
}

static char *
render_device (PaRenderContext *ctx)
{
  g_autoptr(GString) out = g_string_new (YEALINK_HEADER);
  GPtrArray *modules = pa_phone_get_modules (ctx->phone);

  g_string_append_printf (out, "## PhoneAdmin: Yealink %s %s\n",
                          pa_device_model_get_name (ctx->model), pa_phone_get_mac (ctx->phone));

  render_accounts (ctx, out);
  render_settings (ctx, out);

  if (ctx->layout != NULL)
    render_keys (ctx, out, "linekey", pa_layout_get_keys (ctx->layout),
                 pa_device_model_get_line_keys (ctx->model));

  for (guint i = 0; i < modules->len; i++)
    {
      PaPhoneModule *module = g_ptr_array_index (modules, i);
      PaModuleLayout *layout = i < ctx->module_layouts->len
                               ? g_ptr_array_index (ctx->module_layouts, i) : NULL;
      PaExpansionModule *info = pa_catalog_get_module (pa_catalog_get_default (),
                                                       module->module_id);
      g_autofree char *prefix = NULL;

      if (info == NULL || layout == NULL)
        continue;

      prefix = g_strdup_printf ("expansion_module.%u.key", i + 1);
      render_keys (ctx, out, prefix, pa_module_layout_get_keys (layout),
                   pa_expansion_module_get_keys (info));
    }

  render_custom_params (ctx, out);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * pa_render_yealink_file:
 * @file_name: the name the phone asked for, such as `y000000000096.cfg`
 *   or `805ec0123456.cfg`
 *
 * Returns: (transfer full): the file, or %NULL with
 *   %PA_RENDER_ERROR_NO_SUCH_FILE when the phone's model does not use it.
 */
char *
pa_render_yealink_file (PaRenderContext *ctx,
                        const char      *file_name,
                        GError         **error)
{
  g_autofree char *device_file = NULL;
  const char *common_file;

  g_return_val_if_fail (ctx != NULL, NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  common_file = pa_device_model_get_common_file (ctx->model);
  device_file = pa_device_model_format_device_file (ctx->model, pa_phone_get_mac (ctx->phone));

  if (common_file != NULL && g_str_equal (file_name, common_file))
    return render_common (ctx);

  if (device_file != NULL && g_str_equal (file_name, device_file))
    {
      if (ctx->accounts->len != pa_phone_get_lines (ctx->phone)->len)
        {
          g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_INCOMPLETE,
                       _("The phone has %u lines but %u SIP accounts were given"),
                       pa_phone_get_lines (ctx->phone)->len, ctx->accounts->len);
          return NULL;
        }
      return render_device (ctx);
    }

  g_set_error (error, PA_RENDER_ERROR, PA_RENDER_ERROR_NO_SUCH_FILE,
               _("A Yealink %s does not use a file named “%s”"),
               pa_device_model_get_name (ctx->model), file_name);
  return NULL;
}
